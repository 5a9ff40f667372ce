import { describe, expect, it } from 'vitest';
import {
  isRegular,
  noRhythm,
  passAfter,
  quietAfter,
  type Rhythm,
  SEND_TIMING,
  shortestGap,
  whenToSend,
  withPass,
  withQuiet,
} from '../../../src/core/sync-rhythm';

const GAP = 5_000;
/** Passes seen every `gap` ms from `from`, `count` of them. */
const steady = (from: number, count: number, gap = GAP): Rhythm =>
  Array.from({ length: count }, (_, i) => from + i * gap).reduce((r, at) => withPass(r, at, at), noRhythm);

describe("a business unit's sync rhythm", () => {
  it('counts the last syncs of one pass (prospects stamped a moment apart) as one pass', () => {
    const rhythm = withPass(withPass(noRhythm, 10_000, 10_000), 10_120, 10_200);
    expect(rhythm.passes).toEqual([10_000]);
  });

  it('takes the shortest gap from passes seen, and unseen passes in between never shorten it', () => {
    const rhythm = [0, 10_000, 15_000, 30_000].reduce((r, at) => withPass(r, at, at), noRhythm);
    expect(shortestGap(rhythm, 120_000)).toBe(5_000);
    expect(isRegular(rhythm, 5_000)).toBe(true);
    // The admin's interval bounds it where passes were seen only far apart.
    expect(shortestGap(withPass(noRhythm, 0, 0), GAP)).toBe(GAP);
  });

  it('calls a rhythm whose passes come late by varying amounts irregular (a queue, not a timer)', () => {
    const jittered = [0, 5_000, 11_700, 16_700, 24_100].reduce((r, at) => withPass(r, at, at), noRhythm);
    expect(isRegular(jittered, shortestGap(jittered, GAP))).toBe(false);
  });

  it('knows a pass after given writes, and a read that found none since them', () => {
    let rhythm = steady(0, 3);
    expect(passAfter(rhythm, 9_000)).toBe(10_000);
    expect(passAfter(rhythm, 10_000)).toBeNull();
    rhythm = withQuiet(rhythm, 11_000, 13_000);
    expect(quietAfter(rhythm, 11_500, 13_500, 1_000)).toBe(true);
    // Written before the moment that read covered, or the read too old: no.
    expect(quietAfter(rhythm, 10_500, 13_500, 1_000)).toBe(false);
    expect(quietAfter(rhythm, 11_500, 14_500, 1_000)).toBe(false);
  });
});

describe('when the writes leave', () => {
  const rhythm = steady(0, 5); // passes at 0, 5 s, … 20 s

  it('leaves at once just after a pass, when the next one is furthest away', () => {
    expect(whenToSend(rhythm, 20_000 + SEND_TIMING.slackMs, GAP)).toEqual({ wait: 0 });
    expect(whenToSend(rhythm, 23_000, GAP)).toEqual({ wait: 0 });
  });

  it("waits for a steady rhythm's pass due within the guard, and leaves just after it (under 2 s)", () => {
    const plan = whenToSend(rhythm, 24_000, GAP);
    expect(plan).toEqual({ wait: 1_000 + SEND_TIMING.slackMs });
    // Phases later (passes unseen since), the same.
    expect(whenToSend(rhythm, 24_000 + 7 * GAP, GAP)).toEqual({ wait: 1_000 + SEND_TIMING.slackMs });
    for (let now = 20_000; now < 45_000; now += 137) {
      const wait = whenToSend(rhythm, now, GAP).wait;
      expect(typeof wait === 'number' && wait <= SEND_TIMING.guardMs + SEND_TIMING.slackMs).toBe(true);
      // Never sent with a pass due within the guard.
      const sendAt = now + (wait as number);
      const toNext = GAP - (sendAt % GAP);
      expect(toNext).toBeGreaterThanOrEqual(SEND_TIMING.guardMs - 1);
    }
  });

  it('with nothing seen, or an irregular rhythm past its safe moment, asks for the next pass instead of guessing', () => {
    expect(whenToSend(noRhythm, 1_000, GAP)).toEqual({ wait: 'for-pass' });
    const jittered = [0, 5_000, 11_700, 16_700, 24_100].reduce((r, at) => withPass(r, at, at), noRhythm);
    expect(whenToSend(jittered, 28_000, GAP)).toEqual({ wait: 'for-pass' });
    // Just after its last pass it is clear, irregular or not.
    expect(whenToSend(jittered, 25_000, GAP)).toEqual({ wait: 0 });
  });

  it('leaves at once where passes come too close together for any clear moment', () => {
    expect(whenToSend(steady(0, 5, 1_000), 4_900, 1_000)).toEqual({ wait: 0 });
  });
});
