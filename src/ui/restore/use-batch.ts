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
    if (batchId)
      void ask({ type: 'batch-view', batchId }).then((reply) => {
        if (reply.ok && reply.value) setView(reply.value);
      });
  }, [ask, batchId]);

  const batch = view?.batch;
  const live = batch
    ? batch.state === 'running' || batch.state === 'paused' || batch.rows.some((r) => r.state === 'running')
    : false;
  useEffect(() => {
    if (!batch || !live) return;
    const timer = setInterval(() => {
      void ask({ type: 'batch-view', batchId: batch.id }).then((reply) => {
        if (reply.ok && reply.value) setView(reply.value);
      });
    }, POLL_MS);
    return () => clearInterval(timer);
  }, [ask, batch?.id, live, batch]);
  return { view, setView, live };
}
