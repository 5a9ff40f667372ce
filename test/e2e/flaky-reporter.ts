/**
 * Names every test that failed and then passed on its retry (CI retries an e2e test once: see
 * vitest.config.ts), with what the failed try said, so a flaky test is reported, never hidden.
 */
import type { Reporter, TestCase } from 'vitest/node';

export default class FlakyReporter implements Reporter {
  private readonly flaky: string[] = [];

  onTestCaseResult(test: TestCase): void {
    if (!test.diagnostic()?.flaky) return;
    // The failed try's errors stay on the runner's task (TestCase's public result holds a pass's none).
    const { task } = test as unknown as { task?: { result?: { errors?: { message: string }[] } } };
    const errors = (task?.result?.errors ?? []).map((error) => `    ${error.message.split('\n')[0]}`);
    this.flaky.push([`  ${test.module.relativeModuleId} > ${test.fullName}`, ...errors].join('\n'));
  }

  onTestRunEnd(): void {
    if (this.flaky.length === 0) return;
    console.log(`\nFLAKY: ${this.flaky.length} test(s) failed, then passed on the retry:\n${this.flaky.join('\n')}\n`);
  }
}
