/**
 * A single opt-in under faults: the admin confirms one pair from its AE
 * prospect page, the faults strike while the job runs, and the job's end is
 * checked against the invariants.
 */
import { AE, auditLog, optIn, overlay, type StoredJob, signIn, stopServiceWorker, storedJobs } from '../e2e/harness';
import { clearSandboxFaults, explained, type FaultTarget, injectSandboxFault } from './faults';
import {
  auditProblems,
  consentProblems,
  productWritesIn,
  revertedAfterDone,
  unexplainedFailure,
  writeProblems,
} from './invariants';
import { type Lab, type RunDraw, type RunResult, SYNC_MS, sleep } from './lab';

/** The admin's side of the faults: the browser's, and signing in again after the tokens expired. */
async function injectFaults(lab: Lab, draw: RunDraw, target: FaultTarget): Promise<number | null> {
  let unsubscribedAt: number | null = null;
  for (const fault of draw.faults) {
    if (fault === 'worker-stop') await stopServiceWorker(lab.browser).catch(() => undefined);
    else if (fault === 'browser-restart') await lab.restartBrowser(draw.random);
    else unsubscribedAt = injectSandboxFault(lab.org, fault, draw.random, target) ?? unsubscribedAt;
  }
  return unsubscribedAt;
}

/** The run's job once it is done or failed, or as it is when its time is up. */
async function awaitJob(lab: Lab, draw: RunDraw, prospectId: number, confirmedAt: number) {
  // Bounded time: every attempt's sync wait plus the grace for a new sign-in, and slack for retries.
  const bound = Date.now() + 3 * (SYNC_MS * 4 + 2000) + 30_000;
  let job: StoredJob | undefined;
  let tokensRestored = false;
  while (!draw.abandoned() && Date.now() < bound) {
    const jobs = await storedJobs(lab.browser).catch((): StoredJob[] => []);
    job = jobs
      .filter((j) => j.prospectId === prospectId && j.createdAt >= confirmedAt - 5_000)
      .sort((a, b) => b.createdAt - a.createdAt)[0];
    if (job && (job.phase === 'done' || job.phase === 'failed')) break;
    if (
      !tokensRestored &&
      Date.now() - confirmedAt > 4_000 &&
      (draw.faults.includes('expire-tokens') || draw.faults.includes('revoke-tokens'))
    ) {
      // The admin signs in again a little later: a job still waiting may carry on.
      if (draw.random() < 0.5) await signIn(lab.browser.context);
      tokensRestored = true;
    }
    await sleep(250);
  }
  return job;
}

export async function singleRun(lab: Lab, draw: RunDraw, prospectId: number): Promise<RunResult | null> {
  const { sandbox } = lab.org;
  const { faults, random } = draw;
  // The pair, opted out on both sides and synced, as the admin finds it.
  const { record } = sandbox.optOutPair(prospectId);
  const target = { prospectId, record };
  // Faults on the AE API only matter where the API writer is in use: turn it on for those runs.
  if (faults.some((fault) => fault.startsWith('ae-api')))
    Object.assign(sandbox.config, { aeAcceptsSessionId: true, optedOutApiWrite: 'allowed' });
  const logFrom = sandbox.log.length;

  const page = await lab.browser.context.newPage();
  await page.goto(`${AE}/prospect/read?id=${prospectId}`);
  await overlay(page).locator('[data-action="opt-in-both"]').waitFor({ timeout: 15_000 });
  const confirmedAt = Date.now();
  // The confirmation window closes itself 1.5 s after the job started: on a loaded machine it can be
  // gone before its "started" is seen. Whether a job started is then the job store's to say (below).
  await optIn(page, `chaos run ${draw.seed}`).catch((error: unknown) => {
    if (!/has been closed/.test(String(error))) throw error;
  });
  await sleep(random() * 2500);
  const unsubscribedAt = await injectFaults(lab, draw, target);
  const job = await awaitJob(lab, draw, prospectId, confirmedAt);
  if (draw.abandoned()) return null;
  clearSandboxFaults(lab.org, [target]);
  const outcome = job?.outcome?.result === 'failed' ? `failed:${job.outcome.error}` : (job?.phase ?? 'no job');

  const problems: string[] = [];
  const log = sandbox.log.slice(logFrom);
  if (!job) problems.push('no job was recorded for a confirmed opt-in');
  else if (job.phase !== 'done' && job.phase !== 'failed') problems.push(`job still ${job.phase} after its time bound`);
  const writes = productWritesIn(log);
  for (const write of writes) {
    problems.push(...writeProblems(write, job, null));
    const ours =
      write.wrote?.object === 'Prospect'
        ? write.wrote.id === String(prospectId)
        : String(write.wrote?.object === 'Task' ? write.wrote.fields.WhoId : write.wrote?.id).slice(0, 15) ===
          record.Id.slice(0, 15);
    if (!ours) problems.push(`wrote another record: ${JSON.stringify(write.wrote)}`);
  }
  if (job?.outcome?.result === 'failed' && !explained(job.outcome.error ?? '', faults, log, prospectId))
    problems.push(unexplainedFailure(job, faults, log));
  if (job) problems.push(...auditProblems(job, await auditLog(lab.browser)));
  if (job && unsubscribedAt !== null && unsubscribedAt > job.createdAt)
    problems.push(...consentProblems(job, unsubscribedAt, writes));
  if (job?.phase === 'done' && unsubscribedAt === null && revertedAfterDone(lab.org, prospectId))
    problems.push('done, but a later sync left the pair checked');

  await page.close().catch(() => undefined);
  record.IsDeleted = false;
  await lab.configure();
  return { outcomes: [outcome], problems, line: `[${faults.join(', ')}] → ${outcome}` };
}
