/**
 * Randomised coordinated opt-ins under faults, in real Chromium against the
 * sandbox, each checked against invariants from the sandbox's own log and
 * state: single opt-ins from a prospect page (single.ts) and, mixed in, lists
 * restored through the Restore a list page (batch.ts). Every run is drawn from
 * a seed that is printed, so a failing run can be replayed (CHAOS_SEED=… npm run chaos).
 */
import { bounded, Stalled } from '../e2e/harness';
import { BATCH_FAULTS, BATCH_POOL, BATCH_RUN_BOUND_MS, batchRun } from './batch';
import { FAULTS, type Fault, mulberry32 } from './faults';
import { Lab, type RunDraw, type RunResult } from './lab';
import { singleRun } from './single';

export interface ChaosSummary {
  runs: number;
  seed: number;
  /** How many of the runs were batch runs. */
  batches: number;
  faults: Record<string, number>;
  outcomes: Record<string, number>;
  violations: { run: number; seed: number; kind: RunKind; faults: Fault[]; problem: string }[];
}

/** Which runs restore a list: a seeded share of them, all, or none. */
export type BatchMode = 'mixed' | 'only' | 'off';
type RunKind = 'single' | 'batch';
/** The share of batch runs in a mixed sequence. */
const BATCH_SHARE = 0.2;
/** A single run's job is bounded at about a minute (single.ts); the page loads and checks around it get as much again. */
const SINGLE_RUN_BOUND_MS = 150_000;

/**
 * Whether a run is a batch run: drawn from its own stream of the run's seed,
 * so a seed that draws a single run replays the same faults as before batch runs existed.
 */
function kindOf(mode: BatchMode, runSeed: number): RunKind {
  if (mode !== 'mixed') return mode === 'only' ? 'batch' : 'single';
  return mulberry32(runSeed ^ 0x5eedba7c)() < BATCH_SHARE ? 'batch' : 'single';
}

/** One or two faults, from the kinds this run can meet. */
function drawFaults(random: () => number, kinds: readonly Fault[]): Fault[] {
  const pick = () => kinds[Math.floor(random() * kinds.length)] as Fault;
  return [...new Set(Array.from({ length: 1 + Math.floor(random() * 2) }, pick))];
}

export async function runChaos({
  runs,
  seed,
  repeat = false,
  batch = 'mixed',
  log = console.log,
}: {
  runs: number;
  seed: number;
  /** Replay the one seed every run (to hunt a race), instead of seed, seed + 1, … */
  repeat?: boolean;
  batch?: BatchMode;
  log?: (line: string) => void;
}): Promise<ChaosSummary> {
  // Single runs take one pair each, in turn; batch runs draw their rows from the pairs after those.
  const singlePairs = Math.max(10, runs);
  const lab = await Lab.open(singlePairs + BATCH_POOL);
  const batchPool = Array.from({ length: BATCH_POOL }, (_, i) => 1010 + singlePairs + i);
  const summary: ChaosSummary = { runs, seed, batches: 0, faults: {}, outcomes: {}, violations: [] };
  try {
    for (let run = 0; run < runs; run++) {
      const runSeed = repeat ? seed : seed + run;
      const kind = kindOf(batch, runSeed);
      const random = mulberry32(runSeed);
      const faults = drawFaults(random, kind === 'batch' ? BATCH_FAULTS : FAULTS);
      if (kind === 'batch') summary.batches++;
      for (const fault of faults) summary.faults[fault] = (summary.faults[fault] ?? 0) + 1;
      // A stalled run's code may wake up later: it must then leave the next run alone.
      let abandoned = false;
      const draw: RunDraw = { run, seed: runSeed, random, faults, abandoned: () => abandoned };
      const say = (result: string) => log(`run ${run + 1}/${runs} seed ${runSeed} ${result}`);
      try {
        const result = await bounded(
          `run ${run + 1}`,
          kind === 'batch' ? BATCH_RUN_BOUND_MS : SINGLE_RUN_BOUND_MS,
          kind === 'batch' ? batchRun(lab, draw, batchPool) : singleRun(lab, draw, 1010 + (run % singlePairs)),
        );
        if (result) record(summary, draw, kind, result, say);
      } catch (error) {
        if (!(error instanceof Stalled)) throw error;
        abandoned = true;
        // The browser stopped answering: the run is a violation, with its seed, and the next run
        // gets a new browser on the same profile.
        record(
          summary,
          draw,
          kind,
          { outcomes: ['stalled'], problems: [error.message], line: `[${faults.join(', ')}]` },
          say,
        );
        await lab.relaunch();
      }
    }
  } finally {
    await lab.close();
  }
  return summary;
}

/** A run's outcomes and violations into the summary, and its line into the log. */
function record(summary: ChaosSummary, draw: RunDraw, kind: RunKind, result: RunResult, say: (line: string) => void) {
  for (const outcome of result.outcomes) summary.outcomes[outcome] = (summary.outcomes[outcome] ?? 0) + 1;
  for (const problem of result.problems)
    summary.violations.push({ run: draw.run, seed: draw.seed, kind, faults: draw.faults, problem });
  say(`${result.line}${result.problems.length ? `  VIOLATION: ${result.problems.join('; ')}` : ''}`);
}
