// @vitest-environment happy-dom
/**
 * The overlay's timers and reads belong to its Lifetime (src/ui/overlay-hooks.ts): once the
 * extension is updated under the page, the old overlay neither polls the worker nor shows a late reply.
 */
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Lifetime } from '../../../src/content/lifetime';
import type { PairStatus, Response } from '../../../src/core/messages';
import type { DetectedPage } from '../../../src/core/page-detect';
import { usePairStatus, useRefreshWhileRunning } from '../../../src/ui/overlay-hooks';

const page = { kind: 'ae-prospect', prospectId: 1001 } as DetectedPage;
let root: HTMLElement;

beforeEach(() => {
  vi.useFakeTimers();
  root = document.createElement('div');
  document.body.append(root);
});
afterEach(() => {
  render(null, root);
  root.remove();
  vi.useRealTimers();
});

function Polling({ lifetime, refresh }: { lifetime: Lifetime; refresh: () => void }) {
  useRefreshWhileRunning(true, refresh, lifetime);
  return null;
}

function Status({ lifetime, load }: { lifetime: Lifetime; load: () => Promise<Response<PairStatus>> }) {
  const { status, refresh } = usePairStatus(page, load, lifetime);
  return (
    <button type="button" onClick={() => refresh()}>
      {status === null ? 'checking' : 'read'}
    </button>
  );
}

describe('the overlay under an extension update', () => {
  it('reads a running job’s pair every 5 s, and stops the moment the extension’s lifetime ends', () => {
    const extension = new Lifetime();
    const refresh = vi.fn();
    act(() => render(<Polling lifetime={extension.child()} refresh={refresh} />, root));
    vi.advanceTimersByTime(10_000);
    expect(refresh).toHaveBeenCalledTimes(2);
    extension.end();
    vi.advanceTimersByTime(20_000);
    expect(refresh).toHaveBeenCalledTimes(2);
  });

  it('does not show a reply that arrives after the extension’s lifetime ended', async () => {
    const extension = new Lifetime();
    let answer: (reply: Response<PairStatus>) => void = () => undefined;
    const load = () => new Promise<Response<PairStatus>>((resolve) => (answer = resolve));
    act(() => render(<Status lifetime={extension.child()} load={load} />, root));
    act(() => root.querySelector('button')?.click());
    extension.end();
    await act(async () => answer({ ok: false, error: 'internal' }));
    expect(root.textContent).toBe('checking');
  });
});
