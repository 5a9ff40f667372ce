/** `npm run sandbox`: the sandbox org on 127.0.0.1:$PORT (8443 by default), until Ctrl-C. */
import { startSandbox } from './server';

const port = Number(process.env.PORT ?? 8443);
const syncIntervalMs = process.env.SYNC_INTERVAL_MS ? Number(process.env.SYNC_INTERVAL_MS) : undefined;
const extraLinkedPairs = Number(process.env.EXTRA_LINKED_PAIRS ?? 0);
const running = await startSandbox({
  port,
  syncIntervalMs,
  extraLinkedPairs,
  locale: process.env.SANDBOX_LOCALE === 'ja' ? 'ja' : 'en',
});
// Started by another program (the benchmark): one line it can read, then quiet.
if (process.env.SANDBOX_READY_JSON) {
  console.log(JSON.stringify({ port: running.port, hostRules: running.hostRules }));
  await new Promise(() => undefined);
}
const bu = running.sandbox.org.businessUnits[0];
console.log(`Sandbox org on https://127.0.0.1:${running.port} (self-signed certificate)
  Account Engagement  https://pi.pardot.com/prospect/read?id=1001   (API v5 at /api/v5/objects/prospects)
  Salesforce          https://sandbox.my.salesforce.com   https://sandbox.lightning.force.com
  Sign in             admin@sandbox.example / sandbox   (or GET /__sandbox/login on any host)
  OAuth client        sandbox-client / sandbox-secret
  Business unit       ${bu?.id}  sync every ${bu?.syncIntervalMs} ms
  Control             GET /__sandbox/health, /state, /pair?prospectId=N, /log?after=N; POST /__sandbox/config, /sync, /reset, /faults, /records
Chromium flag: --host-resolver-rules=${running.hostRules}`);
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => void running.close().then(() => process.exit(0)));
}
