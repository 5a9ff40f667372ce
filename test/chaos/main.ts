/** `npm run chaos`: at least 100 randomised opt-ins under faults; exits non-zero on any invariant violation. */
import { runChaos } from './chaos';

const runs = Number(process.env.CHAOS_RUNS ?? 100);
const seed = Number(process.env.CHAOS_SEED ?? Date.now() % 1_000_000);
console.log(`chaos: ${runs} runs from seed ${seed} (replay one with CHAOS_SEED=<its seed> CHAOS_RUNS=1)`);
const summary = await runChaos({ runs, seed });
console.log(
  `\nruns: ${summary.runs}\nfaults injected: ${JSON.stringify(summary.faults)}\noutcomes: ${JSON.stringify(summary.outcomes)}`,
);
console.log(`invariant violations: ${summary.violations.length}`);
for (const v of summary.violations) console.log(`  seed ${v.seed} [${v.faults.join(', ')}]: ${v.problem}`);
process.exit(summary.violations.length ? 1 : 0);
