/** `npm run chaos`: at least 100 randomised opt-ins under faults; exits non-zero on any invariant violation. */
import { type BatchMode, runChaos } from './chaos';

/** CHAOS_REPEAT=n replays CHAOS_SEED n times (a race shows in some replays only); else CHAOS_RUNS seeds from CHAOS_SEED. */
const repeat = Number(process.env.CHAOS_REPEAT ?? 0);
const runs = repeat > 0 ? repeat : Number(process.env.CHAOS_RUNS ?? 100);
const seed = Number(process.env.CHAOS_SEED ?? Date.now() % 1_000_000);
/** CHAOS_BATCH=only runs batch runs only, =off single opt-ins only; by default a seeded share of runs are batches. */
const batch = (process.env.CHAOS_BATCH ?? 'mixed') as BatchMode;
if (!['mixed', 'only', 'off'].includes(batch)) throw new Error(`CHAOS_BATCH is mixed, only or off, not ${batch}`);
console.log(
  repeat > 0
    ? `chaos: seed ${seed} replayed ${runs} times (batch runs: ${batch})`
    : `chaos: ${runs} runs from seed ${seed}, batch runs ${batch} (replay one with CHAOS_SEED=<its seed> CHAOS_RUNS=1, or many times with CHAOS_REPEAT=<n>)`,
);
const started = Date.now();
const summary = await runChaos({ runs, seed, repeat: repeat > 0, batch });
console.log(
  `\nruns: ${summary.runs} (${summary.batches} batch runs) in ${Math.round((Date.now() - started) / 1000)} s\nfaults injected: ${JSON.stringify(summary.faults)}\noutcomes: ${JSON.stringify(summary.outcomes)}`,
);
console.log(`invariant violations: ${summary.violations.length}`);
for (const v of summary.violations) console.log(`  seed ${v.seed} ${v.kind} [${v.faults.join(', ')}]: ${v.problem}`);
process.exit(summary.violations.length ? 1 : 0);
