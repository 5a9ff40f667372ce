/**
 * Each business unit's sync rhythm as this worker's jobs have seen it (core/sync-rhythm.ts), kept in
 * the worker's memory only: it is a hint, and a worker Chrome stopped starts again without one, as
 * every job did before there was any. The jobs of a unit (a list's rows above all) feed it what their
 * reads of the prospect's last sync show, share it while they wait for the same pass, and time their
 * writes by it.
 */
import type { Job } from '../core/job';
import {
  noRhythm,
  passAfter,
  quietAfter,
  type Rhythm,
  SAME_PASS_MS,
  shortestGap,
  whenToSend,
  withPass,
  withQuiet,
} from '../core/sync-rhythm';

type UnitJob = Pick<Job, 'aeHost' | 'businessUnitId' | 'syncIntervalMs' | 'pollMs'>;

const rhythms = new Map<string, Rhythm>();
/** Jobs waiting to write until a pass of their unit is seen. */
const waiting = new Map<string, Set<(at: number | null) => void>>();

const unitOf = (job: UnitJob) => `${job.aeHost}|${job.businessUnitId ?? ''}`;
const rhythmOf = (job: UnitJob): Rhythm => rhythms.get(unitOf(job)) ?? noRhythm;

/**
 * A pass seen by a job this far after its writes covers them: a pass goes through a unit in a moment,
 * so one stamped on another prospect just after the writes may have read this pair before they landed.
 */
const COVERS_AFTER_MS = 500;
/** The longest a job waits for a pass to be seen before its writes leave anyway. */
const PASS_WAIT_MS = 5_000;

/**
 * What a job's read of its prospect showed: the prospect's last sync (a pass at that time) and, for a
 * job whose writes landed at `writtenAt` before it, that no pass came between them and this read.
 */
export function sawLastSync(job: UnitJob, lastSyncAt: number | null, writtenAt: number | undefined, now: number) {
  const unit = unitOf(job);
  const before = rhythmOf(job);
  const last = before.passes[before.passes.length - 1];
  let rhythm = before;
  if (lastSyncAt !== null && lastSyncAt <= now) rhythm = withPass(rhythm, lastSyncAt, now);
  if (writtenAt !== undefined && (lastSyncAt === null || lastSyncAt <= writtenAt))
    rhythm = withQuiet(rhythm, writtenAt, now);
  rhythms.set(unit, rhythm);
  // Only a pass newer than any seen before wakes the jobs waiting for one.
  const fresh = lastSyncAt !== null && lastSyncAt <= now && (last === undefined || lastSyncAt >= last + SAME_PASS_MS);
  if (!fresh) return;
  for (const wake of waiting.get(unit) ?? []) wake(lastSyncAt);
  waiting.delete(unit);
}

/**
 * What the unit's jobs already know of the pass a job written at `writtenAt` waits for: a pass seen
 * after its writes (go on to verify), a read of the unit since them that found none, fresher than the
 * job's own next look would be (look again a poll later), or nothing: the job reads itself.
 */
export function knownForWrites(
  job: UnitJob,
  writtenAt: number,
  now: number,
): { pass: number } | { quiet: true } | null {
  const rhythm = rhythmOf(job);
  const pass = passAfter(rhythm, writtenAt + COVERS_AFTER_MS);
  if (pass !== null) return { pass };
  return quietAfter(rhythm, writtenAt, now, job.pollMs) ? { quiet: true } : null;
}

/**
 * Waits for the moment the writes should leave: just after a pass, where the next one is furthest away.
 * Where the rhythm is steady, at most the guard and slack (under 2 s); where it is irregular or unknown,
 * only while other jobs of the unit are reading it (a list's rows), for the next pass they see, at most a
 * few seconds; a job alone (a single opt-in) leaves at once, as it always has.
 */
export async function untilClearOfSync(job: UnitJob, now = Date.now()): Promise<number> {
  const rhythm = rhythmOf(job);
  const plan = whenToSend(rhythm, now, job.syncIntervalMs);
  if (plan.wait !== 'for-pass') {
    if (plan.wait > 0) await new Promise((resolve) => setTimeout(resolve, plan.wait));
    return plan.wait;
  }
  const lookedLately = rhythm.lookedAt !== undefined && now - rhythm.lookedAt < 2 * job.pollMs;
  if (!lookedLately) return 0;
  const bound = Math.min(PASS_WAIT_MS, shortestGap(rhythm, job.syncIntervalMs));
  const unit = unitOf(job);
  const seen = await new Promise<number | null>((resolve) => {
    const wakers = waiting.get(unit) ?? new Set();
    const timer = setTimeout(() => {
      wakers.delete(wake);
      resolve(null);
    }, bound);
    const wake = (at: number | null) => {
      clearTimeout(timer);
      resolve(at);
    };
    wakers.add(wake);
    waiting.set(unit, wakers);
  });
  // Just after the pass seen (the slack lets it finish going through the unit), where it was seen in time.
  const then = seen === null ? null : whenToSend(rhythmOf(job), Date.now(), job.syncIntervalMs);
  if (typeof then?.wait === 'number' && then.wait > 0) await new Promise((resolve) => setTimeout(resolve, then.wait));
  return Date.now() - now;
}

/** For tests: every unit's rhythm forgotten, as after a worker start. */
export function forgetRhythms(): void {
  rhythms.clear();
  waiting.clear();
}
