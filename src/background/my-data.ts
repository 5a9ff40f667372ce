/**
 * "Export my data" and "Delete my data" on the options page: everything the
 * extension keeps about the admin's work, handed over or removed. It keeps
 * nothing anywhere else (docs/privacy.md): storage.local (options, settings
 * per business unit, what it learned per org, jobs, the audit log, the OAuth
 * connection) and storage.session (access tokens, page readings, job tabs).
 */
import browser from 'webextension-polyfill';
import { GuardError } from '../core/errors';
import { isFinished } from '../core/job';
import type { MyDataDeleted } from '../core/messages';
import { auditCsv } from './audit';
import { connectionView, disconnect } from './oauth';
import { migrateStorage, read, readSession } from './store';

/** Everything kept in storage.local, as JSON, with the audit log as CSV too; never a token. */
async function exportMyData(): Promise<string> {
  return JSON.stringify(
    {
      exportedAt: new Date().toISOString(),
      extension: { name: 'Opt-Out Sync Guard', version: browser.runtime.getManifest().version },
      options: await read('options'),
      settings: await read('settings'),
      orgs: await read('orgs'),
      aeOptedOutApiWrite: await read('aeOptedOutApiWrite'),
      aeAcceptsSession: await read('aeAcceptsSession'),
      oauth: await connectionView(),
      jobs: await read('jobs'),
      audit: await read('audit'),
      auditUnreadable: await read('auditUnreadable'),
      auditDropped: await read('auditDropped'),
      notices: await read('notices'),
      auditCsv: await auditCsv(),
    },
    null,
    2,
  );
}

/**
 * Revokes the OAuth connection at the host that issued it, then removes
 * everything kept on this device. Refused while a job runs: its state is what
 * lets it finish both sides, and deleting it halfway could leave one side
 * written and the other not.
 */
async function deleteMyData(): Promise<MyDataDeleted> {
  if (Object.values(await read('jobs')).some((job) => !isFinished(job))) throw new GuardError('job-running');
  const hadConnection = (await connectionView()).connected;
  await disconnect();
  const opened = Object.values((await readSession('openedTabs')) ?? {}).flat();
  await Promise.all(opened.map((tabId) => browser.tabs.remove(tabId).catch(() => undefined)));
  for (const alarm of await browser.alarms.getAll()) await browser.alarms.clear(alarm.name);
  await browser.storage.session.clear();
  await browser.storage.local.clear();
  // The empty store is stamped with the current schema, as at a fresh install.
  await migrateStorage();
  return { oauthRevoked: hadConnection };
}

/** The extension-page handlers, registered in router.ts. */
export const myDataHandlers = {
  'export-my-data': exportMyData,
  'delete-my-data': deleteMyData,
};
