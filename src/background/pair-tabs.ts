/** The tabs that show a job's pair, told to read it again (a job moved on, or the watch saw a side change). */
import browser from 'webextension-polyfill';
import { prospectInAeApp } from '../core/ae-app';
import type { Job } from '../core/job';
import { detectPage } from '../core/page-detect';

/**
 * Tells the tabs showing this job's prospect or record to refresh: the AE
 * prospect page, the Lead/Contact page, or the AE Lightning app framing it.
 * Other tabs are left alone (twenty open records must not all re-read).
 */
export async function broadcast(job: Job): Promise<void> {
  const showsJob = (url: string | undefined) => {
    const page = url ? detectPage(url) : null;
    if (page?.kind === 'ae-prospect') return page.prospectId === job.prospectId;
    if (page?.kind === 'salesforce-record') return page.recordId === job.recordId;
    return url ? prospectInAeApp(url)?.prospectId === job.prospectId : false;
  };
  const tabs = (await browser.tabs.query({})).filter((tab) => tab.id !== undefined && showsJob(tab.url));
  await Promise.all(
    tabs.map((tab) => browser.tabs.sendMessage(tab.id as number, { type: 'status-changed' }).catch(() => null)),
  );
}
