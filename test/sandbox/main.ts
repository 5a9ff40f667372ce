/** `npm run sandbox`: the sandbox org on 127.0.0.1:$PORT (8443 by default), until Ctrl-C. */
import { startSandbox } from './server';

const port = Number(process.env.PORT ?? 8443);
const syncIntervalMs = process.env.SYNC_INTERVAL_MS ? Number(process.env.SYNC_INTERVAL_MS) : undefined;
const running = await startSandbox({ port, syncIntervalMs, locale: process.env.SANDBOX_LOCALE === 'ja' ? 'ja' : 'en' });
const bu = running.sandbox.org.businessUnits[0];
console.log(`Sandbox org on https://127.0.0.1:${running.port} (self-signed certificate)
  Account Engagement  https://pi.pardot.com/prospect/read?id=1001   (API v5 at /api/v5/objects/prospects)
  Salesforce          https://sandbox.my.salesforce.com   https://sandbox.lightning.force.com
  Sign in             admin@sandbox.example / sandbox   (or GET /__sandbox/login on any host)
  OAuth client        sandbox-client / sandbox-secret
  Business unit       ${bu?.id}  sync every ${bu?.syncIntervalMs} ms
  Control             GET /__sandbox/health, /__sandbox/state; POST /__sandbox/config, /sync, /reset, /faults, /records
Chromium flag: --host-resolver-rules=${running.hostRules}`);
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => void running.close().then(() => process.exit(0)));
}
