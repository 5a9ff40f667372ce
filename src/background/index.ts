import browser, { type Runtime } from 'webextension-polyfill';
import { listenForAgents } from './ae-agents';
import { batchIdOfAlarm, pump, resumeBatches } from './batches';
import { forgetWindow } from './confirmations';
import { drive, resumeJobs } from './coordinator';
import { jobIdOfAlarm } from './job-progress';
import { route } from './router';
import { migrateStorage } from './store';
import { onWatchAlarm, watchOfAlarm } from './watch';

// The polyfill types onMessage listeners as a union; we take the message as
// unknown and let the router validate it.
browser.runtime.onMessage.addListener((message: unknown, sender: Runtime.MessageSender) =>
  route(message, sender).catch((error: unknown) => {
    console.error('Opt-Out Sync Guard: request failed', error instanceof Error ? error.name : 'unknown');
    return { ok: false, error: 'internal' } as const;
  }),
);

// A confirmation window closed unconfirmed cannot be confirmed later.
browser.windows.onRemoved.addListener((windowId) => void forgetWindow(windowId));

// Every load of an AE prospect page connects its page agent here.
listenForAgents();

browser.alarms.onAlarm.addListener((alarm) => {
  const jobId = jobIdOfAlarm(alarm.name);
  if (jobId) void drive(jobId);
  const batchId = batchIdOfAlarm(alarm.name);
  if (batchId) void pump(batchId);
  if (watchOfAlarm(alarm.name)) void onWatchAlarm(alarm.name);
});

// Every start of the worker (after Chrome stopped it, or a browser restart) first brings stored
// data to the current schema, then resumes unfinished jobs.
void migrateStorage().then(resumeJobs).then(resumeBatches);
