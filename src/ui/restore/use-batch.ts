/** What the Restore page reads from the worker: the orgs a list may go to, and the batch as it goes. */
import { useEffect, useState } from 'preact/hooks';
import type { BatchView } from '../../core/messages';
import type { Ask } from '../ask';

/** While the batch runs (or is paused), it is read again this often. */
const POLL_MS = 1_500;

/** The orgs the admin is logged in to, the first chosen unless the admin chose already. */
export function useOrgs(ask: Ask) {
  const [orgs, setOrgs] = useState<string[] | null>(null);
  const [orgHost, setOrgHost] = useState('');
  useEffect(() => {
    void ask({ type: 'batch-orgs' }).then((reply) => {
      const found = reply.ok ? reply.value : [];
      setOrgs(found);
      setOrgHost((host) => host || found[0] || '');
    });
  }, [ask]);
  return { orgs, orgHost, setOrgHost };
}

/**
 * The batch the page shows: the one named in the URL's fragment when the admin comes back to it,
 * then the one previewed; read again while it is live.
 */
export function useBatchView(ask: Ask, batchId: string | null) {
  const [view, setView] = useState<BatchView | null>(null);
  useEffect(() => {
    if (batchId) void readBatch(ask, batchId, setView);
  }, [ask, batchId]);

  const batch = view?.batch;
  const id = batch?.id;
  const live = batch
    ? batch.state === 'running' || batch.state === 'paused' || batch.rows.some((r) => r.state === 'running')
    : false;
  // Each read is asked for a poll after the one before answered: reads never pile up.
  useEffect(() => {
    if (!id || !live) return;
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const next = () => {
      timer = setTimeout(() => void readBatch(ask, id, setView).finally(() => stopped || next()), POLL_MS);
    };
    next();
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, [ask, id, live]);
  return { view, setView, live };
}

/** The batch as the worker has it now, into the page's view (kept as it was when the worker does not answer). */
async function readBatch(ask: Ask, batchId: string, setView: (view: BatchView) => void): Promise<void> {
  const reply = await ask({ type: 'batch-view', batchId });
  if (reply.ok && reply.value) setView(reply.value);
}
