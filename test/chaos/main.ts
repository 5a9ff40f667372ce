/** `npm run chaos`: at least 100 randomised opt-ins under faults; exits non-zero on any invariant violation. */
import { runChaos } from './chaos';

/** CHAOS_REPEAT=n replays CHAOS_SEED n times (a race shows in some replays only); else CHAOS_RUNS seeds from CHAOS_SEED. */
const repeat = Number(process.env.CHAOS_REPEAT ?? 0);
const runs = repeat > 0 ? repeat : Number(process.env.CHAOS_RUNS ?? 100);
const seed = Number(process.env.CHAOS_SEED ?? Date.now() % 1_000_000);
console.log(
  repeat > 0
    ? `chaos: seed ${seed} replayed ${runs} times`
    : `chaos: ${runs} runs from seed ${seed} (replay one with CHAOS_SEED=<its seed> CHAOS_RUNS=1, or many times with CHAOS_REPEAT=<n>)`,
);
const summary = await runChaos({ runs, seed, repeat: repeat > 0 });
console.log(
  `\nruns: ${summary.runs}\nfaults injected: ${JSON.stringify(summary.faults)}\noutcomes: ${JSON.stringify(summary.outcomes)}`,
);
console.log(`invariant violations: ${summary.violations.length}`);
for (const v of summary.violations) console.log(`  seed ${v.seed} [${v.faults.join(', ')}]: ${v.problem}`);
process.exit(summary.violations.length ? 1 : 0);
