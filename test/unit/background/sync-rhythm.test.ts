/**
 * The rows of a business unit share its sync's rhythm: what one job's read shows, the others use
 * (no read of their own for a pass another saw), and a row's writes wait for the next pass only while
 * other jobs of its unit are looking, never for a single opt-in alone.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { forgetRhythms, knownForWrites, sawLastSync, untilClearOfSync } from '../../../src/background/sync-rhythm';
import { TARGET, TIMING } from '../job-fixture';

const row = { ...TARGET, ...TIMING, syncIntervalMs: 5_000, pollMs: 1_000 };
const otherUnit = { ...row, businessUnitId: '0Uv5g000000OtHeRXX' };

beforeEach(() => forgetRhythms());
afterEach(() => vi.useRealTimers());

describe("the rows of a business unit share its sync's rhythm", () => {
  it("a pass one row's read saw after another row's writes sends that row to its verification without a read", () => {
    sawLastSync(row, 12_000, 10_000, 12_400);
    expect(knownForWrites(row, 11_000, 12_500)).toEqual({ pass: 12_000 });
    // Written after that pass, or in another business unit: nothing known, the row reads itself.
    expect(knownForWrites(row, 12_100, 12_500)).toBeNull();
    expect(knownForWrites(otherUnit, 11_000, 12_500)).toBeNull();
  });

  it("a row's read finding no pass since its writes spares a row written later a read until its next look", () => {
    sawLastSync(row, 9_000, 10_000, 12_000);
    expect(knownForWrites(row, 10_500, 12_300)).toEqual({ quiet: true });
    // Written before what that read covers, or a poll later: it reads itself.
    expect(knownForWrites(row, 9_500, 12_300)).toBeNull();
    expect(knownForWrites(row, 10_500, 13_100)).toBeNull();
  });
});

/**
 * A row of a unit whose passes were seen at irregular times, the last 4.2 s ago (the next may come
 * any moment), and others of it looking: its writes wait. `left()`: how long they waited, or null.
 */
function aRowLeaving() {
  vi.useFakeTimers({ now: 100_000 });
  for (const at of [80_000, 85_000, 91_900, 95_800]) sawLastSync(row, at, undefined, at + 200);
  sawLastSync(row, 95_800, 99_000, 100_000);
  let waited: number | null = null;
  const leaving = untilClearOfSync(row, Date.now()).then((ms) => {
    waited = ms;
  });
  return { leaving, left: () => waited };
}

describe("a row's writes and the next pass", () => {
  it('a single opt-in, with no other job of its unit looking, leaves at once as it always has', async () => {
    expect(await untilClearOfSync(row, Date.now())).toBe(0);
  });

  it('a row of a unit being looked at leaves just after the next pass another row sees', async () => {
    const { leaving, left } = aRowLeaving();
    await vi.advanceTimersByTimeAsync(1_500);
    expect(left()).toBeNull();
    // Another row's read shows the pass that just came (at 101.3 s): this one leaves right after it.
    sawLastSync(row, 101_300, 99_500, 101_500);
    await vi.advanceTimersByTimeAsync(400);
    await leaving;
    expect(left()).toBeGreaterThanOrEqual(1_500);
    expect(left()).toBeLessThan(2_000);
  });

  it('waits no more than a few seconds for a pass that nobody sees', async () => {
    const { leaving, left } = aRowLeaving();
    await vi.advanceTimersByTimeAsync(6_000);
    await leaving;
    // At most the shortest gap seen between passes (3.9 s here), never over 5 s.
    expect(left()).toBe(3_900);
  });

  it('a pass it already knew does not count as the next one', async () => {
    const { leaving, left } = aRowLeaving();
    await vi.advanceTimersByTimeAsync(500);
    sawLastSync(row, 95_800, 99_200, 100_500);
    await vi.advanceTimersByTimeAsync(500);
    expect(left()).toBeNull();
    await vi.advanceTimersByTimeAsync(5_000);
    await leaving;
  });
});
