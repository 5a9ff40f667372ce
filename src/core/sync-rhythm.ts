/**
 * A business unit's sync rhythm, as the jobs see it: the connector passes over a whole business unit
 * (docs/account-engagement.md), and a pass leaves its time on every prospect whose pair changed since
 * the last one (the prospect's last sync). Each read a job makes of a prospect of the unit is a sample:
 * a pass at that time, or, for a prospect written before it and not synced since, no pass between its
 * writes and the read. This is a hint, never a verdict: a job still verifies both sides after the sync.
 *
 * Two uses. The writes of a job leave where the next pass is furthest away: just after a pass, not just
 * before one (a pass landing between the two writes, with "Overwrite Prospect Opted Out field" off,
 * checks the unchecked side again). And the jobs of a unit waiting for the same pass share what any of
 * them read: one read tells them all whether it has come.
 */

export interface Rhythm {
  /** Pass times seen, oldest first, each once. */
  passes: number[];
  /** The latest read that found no pass since a moment: no pass in (since, at]. */
  quiet?: { since: number; at: number };
  /** When a job of the unit last read a prospect's last sync: other jobs are looking. */
  lookedAt?: number;
}

/** Passes kept: enough to tell a steady rhythm from an irregular one. */
const KEEP = 12;
/** Last sync times closer than this are one pass (it takes a moment to go through a unit). */
export const SAME_PASS_MS = 500;
/** Passes seen since at least this many of them before the rhythm is called regular. */
const REGULAR_AFTER = 4;

export const noRhythm: Rhythm = { passes: [] };

/** The rhythm with a pass seen at `at`. */
export function withPass(rhythm: Rhythm, at: number, now: number): Rhythm {
  const lookedAt = Math.max(rhythm.lookedAt ?? 0, now);
  if (rhythm.passes.some((seen) => Math.abs(seen - at) < SAME_PASS_MS)) return { ...rhythm, lookedAt };
  const passes = [...rhythm.passes, at].sort((a, b) => a - b).slice(-KEEP);
  return { ...rhythm, passes, lookedAt };
}

/** The rhythm after a read found a prospect written at `since` not synced since: no pass in (since, at]. */
export function withQuiet(rhythm: Rhythm, since: number, at: number): Rhythm {
  const lookedAt = Math.max(rhythm.lookedAt ?? 0, at);
  const kept = rhythm.quiet;
  // The newest read wins; of two as new, the one that covers more.
  if (kept && (kept.at > at || (kept.at === at && kept.since <= since))) return { ...rhythm, lookedAt };
  return { ...rhythm, quiet: { since, at }, lookedAt };
}

/** The newest pass seen after `after` (a job's writes), or null. */
export function passAfter(rhythm: Rhythm, after: number): number | null {
  const last = rhythm.passes[rhythm.passes.length - 1];
  return last !== undefined && last > after ? last : null;
}

/** Whether a read within `freshMs` found no pass since `after` or earlier: a job written then need not read again yet. */
export function quietAfter(rhythm: Rhythm, after: number, now: number, freshMs: number): boolean {
  const quiet = rhythm.quiet;
  return quiet !== undefined && quiet.since <= after && now - quiet.at < freshMs;
}

/**
 * The shortest time between two passes: the admin's sync interval, or less where two passes were seen
 * closer together. Gaps seen are whole multiples of the true gap when passes went unseen, never less.
 */
export function shortestGap(rhythm: Rhythm, intervalMs: number): number {
  let gap = intervalMs;
  for (let i = 1; i < rhythm.passes.length; i++) {
    const seen = (rhythm.passes[i] as number) - (rhythm.passes[i - 1] as number);
    if (seen >= SAME_PASS_MS) gap = Math.min(gap, seen);
  }
  return gap;
}

/** Whether every gap seen is a whole number of `gap`s (a steady timer), over enough passes to tell. */
export function isRegular(rhythm: Rhythm, gap: number): boolean {
  if (rhythm.passes.length < REGULAR_AFTER) return false;
  const tolerance = Math.max(300, gap * 0.05);
  for (let i = 1; i < rhythm.passes.length; i++) {
    const seen = (rhythm.passes[i] as number) - (rhythm.passes[i - 1] as number);
    const off = seen - Math.round(seen / gap) * gap;
    if (Math.abs(off) > tolerance || seen < gap - tolerance) return false;
  }
  return true;
}

export interface SendTiming {
  /** How long the writes land apart at worst, and what they need to leave: no pass may fall in it. */
  guardMs: number;
  /** A pass just seen may still be going through the unit: writes leave this long after it. */
  slackMs: number;
}

export const SEND_TIMING: SendTiming = { guardMs: 1_500, slackMs: 300 };

/**
 * When the writes should leave: `wait` ms from now (0: now), or `for-pass`: the rhythm is irregular or
 * unknown and the next pass is as likely now as later; a caller whose unit is being looked at may wait
 * (briefly) for the next pass to be seen and leave just after it, any other leaves now, as before.
 * - just after a pass seen (within the shortest gap less the guard): now;
 * - a steady rhythm whose next pass is due within the guard: just after it (at most guard + slack);
 * - otherwise, with nothing to go by: `for-pass`.
 */
export function whenToSend(
  rhythm: Rhythm,
  now: number,
  intervalMs: number,
  timing: SendTiming = SEND_TIMING,
): { wait: number } | { wait: 'for-pass' } {
  const last = rhythm.passes[rhythm.passes.length - 1];
  if (last === undefined || last > now) return { wait: 'for-pass' };
  const gap = shortestGap(rhythm, intervalMs);
  // A gap too short to hold the writes has no safe moment: leave now.
  if (gap <= timing.guardMs + timing.slackMs) return { wait: 0 };
  const since = now - last;
  if (since < timing.slackMs) return { wait: timing.slackMs - since };
  if (since <= gap - timing.guardMs) return { wait: 0 };
  if (!isRegular(rhythm, gap)) return { wait: 'for-pass' };
  const phase = since % gap;
  if (phase < timing.slackMs) return { wait: timing.slackMs - phase };
  const due = gap - phase;
  return { wait: due < timing.guardMs ? due + timing.slackMs : 0 };
}
