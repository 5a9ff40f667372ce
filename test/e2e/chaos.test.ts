/** A short chaos run inside `npm test` (the full one is `npm run chaos`): no invariant may break. */
import { describe, expect, it } from 'vitest';
import { runChaos } from '../chaos/chaos';

describe('randomised opt-ins under faults', () => {
  it('keep every invariant', async () => {
    const seed = Number(process.env.CHAOS_SEED ?? 20261129);
    const summary = await runChaos({
      runs: Number(process.env.CHAOS_TEST_RUNS ?? 8),
      seed,
      log: (line) => console.log(line),
    });
    expect(summary.violations).toEqual([]);
  }, 240_000);
});
