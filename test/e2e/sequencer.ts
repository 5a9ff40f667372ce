/**
 * The order e2e files start in, a few at a time (vitest.config.ts): the longest first, so no long file starts last and
 * runs alone at the end. Without it a clean clone (CI) starts the largest files first, and the
 * chaos sample, a 15-line file that runs for minutes, would start last.
 */
import { BaseSequencer, type TestSpecification } from 'vitest/node';

/**
 * The e2e files that take longest, longest first (measured: docs/architecture.md, "Test time").
 * The others follow in vitest's own order; a file missing here only starts later.
 */
const LONGEST_FIRST = [
  'a11y',
  'stale-pages-and-frames',
  'why-and-who',
  'person-accounts-and-proxies',
  'coordinator',
  'chaos',
  'restore',
  'opt-in',
  'org-conditions',
  'overlay',
  'opt-out-kinds',
];

const rank = (spec: TestSpecification) => {
  if (spec.project.name !== 'e2e') return -1;
  const index = LONGEST_FIRST.findIndex((name) => spec.moduleId.endsWith(`/test/e2e/${name}.test.ts`));
  return index === -1 ? LONGEST_FIRST.length : index;
};

export class LongestFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    // Array sort is stable: within a rank (the unit project, the unlisted e2e files) vitest's order stays.
    return sorted
      .map((spec, order) => ({ spec, order }))
      .sort((a, b) => rank(a.spec) - rank(b.spec) || a.order - b.order)
      .map(({ spec }) => spec);
  }
}
