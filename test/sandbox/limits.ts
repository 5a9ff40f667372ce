/**
 * `GET /services/data/vXX.X/limits`: the org's allowances, of which the
 * extension reads DailyApiRequests {Max, Remaining} (Salesforce REST API
 * Developer Guide, "Limits" resource). Max is the sandbox's `sfDailyLimit`
 * (SandboxConfig), Remaining counts down with every REST call made today, the
 * same counter that answers REQUEST_LIMIT_EXCEEDED once it runs out.
 */
import type { Sandbox } from './sandbox';

export function limitsJson(sandbox: Sandbox) {
  const max = sandbox.config.sfDailyLimit;
  return {
    DailyApiRequests: { Max: max, Remaining: Math.max(0, max - sandbox.sfCallsToday) },
    DailyBulkApiBatches: { Max: 15_000, Remaining: 15_000 },
  };
}
