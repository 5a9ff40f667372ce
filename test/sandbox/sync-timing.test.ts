/**
 * When the sandbox's connector passes come: at least the unit's interval apart and, by default, up to
 * twice it (a queue, not a timer: see `syncDelayShare` in model.ts); with the share at 0, a steady timer.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Sandbox } from './sandbox';

afterEach(() => vi.useRealTimers());

/** The times of the passes a sandbox ran in `ms`, its units syncing every second. */
function passesIn(ms: number, share?: number): number[] {
  vi.useFakeTimers({ now: 0 });
  let seed = 7;
  const random = () => {
    seed = (seed * 16807) % 2147483647;
    return seed / 2147483647;
  };
  const sandbox = new Sandbox({ syncIntervalMs: 1_000, random, now: () => Date.now() });
  if (share !== undefined) sandbox.config.syncDelayShare = share;
  sandbox.scheduleSyncs();
  for (const bu of sandbox.org.businessUnits.slice(1)) bu.active = false;
  vi.advanceTimersByTime(ms);
  const passes = sandbox.log.filter((e) => e.kind === 'sync').map((e) => e.at);
  sandbox.reset();
  for (const bu of sandbox.org.businessUnits) bu.syncIntervalMs = 0;
  sandbox.scheduleSyncs();
  return passes;
}

const gaps = (passes: number[]) => passes.slice(1).map((at, i) => at - (passes[i] as number));

describe("the sandbox connector's passes", () => {
  it('come at least an interval apart and at most about two, at varying gaps, by default', () => {
    const seen = gaps(passesIn(60_000));
    expect(seen.length).toBeGreaterThan(20);
    expect(Math.min(...seen)).toBeGreaterThanOrEqual(1_000);
    expect(Math.max(...seen)).toBeLessThanOrEqual(2_000);
    expect(new Set(seen).size).toBeGreaterThan(10);
  });

  it('come exactly an interval apart with the delay share at 0', () => {
    const seen = gaps(passesIn(20_000, 0));
    expect(seen.length).toBeGreaterThan(15);
    expect(new Set(seen)).toEqual(new Set([1_000]));
  });
});
