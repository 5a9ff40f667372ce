/**
 * Randomised coordinated opt-ins under faults, in real Chromium against the
 * sandbox, each checked against invariants from the sandbox's own log and
 * state. Every run is drawn from a seed that is printed, so a failing run
 * can be replayed (CHAOS_SEED=… npm run chaos).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  AE,
  auditLog,
  type Browser,
  bounded,
  configureExtension,
  launchBrowser,
  optIn,
  overlay,
  resetExtension,
  Stalled,
  type StoredJob,
  signIn,
  stopServiceWorker,
  storedJobs,
} from '../e2e/harness';
import { startSandbox } from '../sandbox/server';

const FAULTS = [
  'latency',
  'sf-5xx',
  'ae-page-5xx',
  'sf-drop',
  'ae-page-drop',
  'expire-tokens',
  'revoke-tokens',
  'ae-api-5xx',
  'ae-api-drop',
  'ae-api-66',
  'ae-api-daily-limit',
  'worker-stop',
  'browser-restart',
  'record-deleted',
  'relinked',
  'admin-edit',
  // The person clicks the unsubscribe link of an email meanwhile (Sandbox.unsubscribe).
  'unsubscribe',
] as const;
type Fault = (typeof FAULTS)[number];

/** Which injected faults can explain a job's failure reason. */
const EXPLAINS: Record<string, Fault[]> = {
  'session-expired': ['expire-tokens', 'revoke-tokens', 'browser-restart'],
  'signed-out-of-ae': ['browser-restart'],
  'record-deleted': ['record-deleted'],
  'record-not-found': ['record-deleted', 'relinked'],
  'link-mismatch': ['relinked'],
  'not-linked': ['relinked'],
  'server-error': ['sf-5xx', 'ae-page-5xx', 'ae-api-5xx'],
  network: ['sf-drop', 'ae-page-drop', 'ae-api-drop', 'browser-restart'],
  'save-not-confirmed': ['ae-page-5xx', 'ae-page-drop', 'latency'],
  'control-not-found': ['ae-page-5xx', 'ae-page-drop'],
  'ae-page-unavailable': ['ae-page-5xx', 'ae-page-drop', 'browser-restart', 'worker-stop', 'latency'],
  'rate-limited': ['ae-api-66'],
  'daily-limit': ['ae-api-daily-limit'],
  'not-confirmed': ['worker-stop', 'browser-restart'],
  'not-opted-out': ['admin-edit'],
  'opted-out-again': ['unsubscribe'],
  reverted: [
    'sf-5xx',
    'ae-page-5xx',
    'sf-drop',
    'ae-page-drop',
    'latency',
    'worker-stop',
    'browser-restart',
    'expire-tokens',
    'revoke-tokens',
  ],
};

function mulberry32(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface ChaosSummary {
  runs: number;
  seed: number;
  faults: Record<string, number>;
  outcomes: Record<string, number>;
  violations: { run: number; seed: number; faults: Fault[]; problem: string }[];
}

const SYNC_MS = 2000;
/** A run's job is bounded at about a minute (below); the page loads and checks around it get as much again. */
const RUN_BOUND_MS = 150_000;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function runChaos({
  runs,
  seed,
  repeat = false,
  log = console.log,
}: {
  runs: number;
  seed: number;
  /** Replay the one seed every run (to hunt a race), instead of seed, seed + 1, … */
  repeat?: boolean;
  log?: (line: string) => void;
}): Promise<ChaosSummary> {
  const org = await startSandbox({ syncIntervalMs: SYNC_MS, extraLinkedPairs: Math.max(10, runs) });
  const dir = mkdtempSync(join(tmpdir(), 'optout-chaos-'));
  let browser: Browser = await launchBrowser(org, { userDataDir: dir });
  const summary: ChaosSummary = { runs, seed, faults: {}, outcomes: {}, violations: [] };
  const configure = async () => {
    await signIn(browser.context);
    // recordTask: each done run also writes its evidence Task, which the invariants admit and nothing else.
    await configureExtension(browser, {
      syncIntervalSeconds: SYNC_MS / 1000,
      marginSeconds: 2,
      pollSeconds: 1,
      recordTask: true,
    });
  };
  await resetExtension(browser);
  await configure();
  try {
    for (let run = 0; run < runs; run++) {
      const runSeed = repeat ? seed : seed + run;
      const random = mulberry32(runSeed);
      const pick = () => FAULTS[Math.floor(random() * FAULTS.length)] as Fault;
      const faults = [...new Set(Array.from({ length: 1 + Math.floor(random() * 2) }, pick))];
      for (const fault of faults) summary.faults[fault] = (summary.faults[fault] ?? 0) + 1;
      // A stalled run's code may wake up later: it must then leave the next run alone.
      let abandoned = false;
      const oneRun = async () => {
        const prospectId = 1010 + (run % Math.max(10, runs));
        const problems: string[] = [];
        const { sandbox } = org;
        // The pair, opted out on both sides and synced, as the admin finds it.
        const { prospect, record } = sandbox.optOutPair(prospectId);
        const recordId = record.Id;
        // Faults on the AE API only matter where the API writer is in use: turn it on for those runs.
        if (faults.some((fault) => fault.startsWith('ae-api'))) {
          Object.assign(sandbox.config, { aeAcceptsSessionId: true, optedOutApiWrite: 'allowed' });
        }
        const logFrom = sandbox.log.length;
        /** When the person unsubscribed, if they did in this run. */
        let unsubscribedAt: number | null = null;

        const page = await browser.context.newPage();
        await page.goto(`${AE}/prospect/read?id=${prospectId}`);
        await overlay(page).locator('[data-action="opt-in-both"]').waitFor({ timeout: 15_000 });
        const confirmedAt = Date.now();
        await optIn(page, `chaos run ${runSeed}`);
        await sleep(random() * 2500);
        for (const fault of faults) {
          switch (fault) {
            case 'latency':
              sandbox.latencyMs['*'] = 50 + Math.floor(random() * 350);
              break;
            case 'sf-5xx':
              sandbox.faults.push({
                route: 'sf-rest:PATCH',
                remaining: 1 + Math.floor(random() * 4),
                kind: 'error',
                status: 503,
                errorCode: 'SERVER_UNAVAILABLE',
              });
              break;
            case 'ae-page-5xx':
              sandbox.faults.push({ route: 'ae-page:POST', remaining: 1, kind: 'error', status: 500 });
              break;
            case 'sf-drop':
              sandbox.faults.push({ route: 'sf-rest:GET', remaining: 1, kind: 'drop' });
              break;
            case 'ae-page-drop':
              sandbox.faults.push({ route: 'ae-page:GET', remaining: 1, kind: 'drop' });
              break;
            case 'expire-tokens':
              sandbox.expireTokens();
              break;
            case 'revoke-tokens':
              sandbox.revokeTokens();
              sandbox.expireTokens();
              break;
            case 'ae-api-5xx':
              sandbox.faults.push({
                route: 'ae-api:PATCH',
                remaining: 1 + Math.floor(random() * 4),
                kind: 'error',
                status: 503,
              });
              break;
            case 'ae-api-drop':
              sandbox.faults.push({ route: 'ae-api:GET', remaining: 1, kind: 'drop' });
              break;
            case 'ae-api-66':
              sandbox.faults.push({ route: 'ae-api:PATCH', remaining: 2, kind: 'error', code: 66 });
              break;
            case 'ae-api-daily-limit':
              sandbox.faults.push({ route: 'ae-api:PATCH', remaining: 10, kind: 'error', code: 122 });
              break;
            case 'worker-stop':
              await stopServiceWorker(browser).catch(() => undefined);
              break;
            case 'browser-restart':
              await browser.context.close();
              await sleep(random() * 1000);
              browser = await launchBrowser(org, { userDataDir: dir });
              await signIn(browser.context);
              break;
            case 'record-deleted':
              record.IsDeleted = true;
              break;
            case 'relinked': {
              const other = [...sandbox.org.records.values()].find(
                (r) => r.object === record.object && r.Id !== record.Id,
              );
              if (record.object === 'Contact') prospect.salesforceContactId = other?.Id ?? null;
              else prospect.salesforceLeadId = other?.Id ?? null;
              break;
            }
            case 'unsubscribe':
              sandbox.unsubscribe(prospectId);
              unsubscribedAt = sandbox.now();
              break;
            case 'admin-edit':
              // The admin also unchecks a side by hand meanwhile (never re-checks: that would be a new opt-out).
              if (random() < 0.5) Object.assign(prospect, { optedOut: false, updatedAt: new Date().toISOString() });
              else
                Object.assign(record, {
                  HasOptedOutOfEmail: false,
                  LastModifiedDate: new Date().toISOString().replace('Z', '+0000'),
                });
              break;
          }
        }
        // Bounded time: every attempt's sync wait plus the grace for a new sign-in, and slack for retries.
        const bound = Date.now() + 3 * (SYNC_MS * 4 + 2000) + 30_000;
        let job: StoredJob | undefined;
        let tokensRestored = false;
        while (!abandoned && Date.now() < bound) {
          const jobs = await storedJobs(browser).catch((): StoredJob[] => []);
          job = jobs
            .filter((j) => j.prospectId === prospectId && j.createdAt >= confirmedAt - 5_000)
            .sort((a, b) => b.createdAt - a.createdAt)[0];
          if (job && (job.phase === 'done' || job.phase === 'failed')) break;
          if (
            !tokensRestored &&
            Date.now() - confirmedAt > 4_000 &&
            (faults.includes('expire-tokens') || faults.includes('revoke-tokens'))
          ) {
            // The admin signs in again a little later: a job still waiting may carry on.
            if (random() < 0.5) await signIn(browser.context);
            tokensRestored = true;
          }
          await sleep(250);
        }
        if (abandoned) return;
        sandbox.faults = [];
        sandbox.latencyMs = {};
        Object.assign(sandbox.config, { aeAcceptsSessionId: false, optedOutApiWrite: 'rejected' });
        if (faults.includes('relinked')) {
          if (record.object === 'Contact') prospect.salesforceContactId = record.Id;
          else prospect.salesforceLeadId = record.Id;
        }
        const outcome = job?.outcome?.result === 'failed' ? `failed:${job.outcome.error}` : (job?.phase ?? 'no job');
        summary.outcomes[outcome] = (summary.outcomes[outcome] ?? 0) + 1;

        // Invariants.
        if (!job) problems.push('no job was recorded for a confirmed opt-in');
        else if (job.phase !== 'done' && job.phase !== 'failed')
          problems.push(`job still ${job.phase} after its time bound`);
        const writes = sandbox.log.slice(logFrom).filter((e) => e.wrote && (e.kind === 'api' || e.kind === 'page'));
        for (const write of writes) {
          if (write.wrote?.object === 'Task') {
            // The one other write admitted: the evidence Task, completed, on this pair's record, for a done job.
            const fields = write.wrote.fields;
            const keys = Object.keys(fields).sort().join();
            if (keys !== 'ActivityDate,Description,Status,Subject,WhoId' || fields.Status !== 'Completed')
              problems.push(`wrote a Task other than the evidence: ${JSON.stringify(fields)}`);
            if (String(fields.WhoId).slice(0, 15) !== recordId.slice(0, 15))
              problems.push(`wrote a Task on another record: ${JSON.stringify(fields)}`);
            if (job?.outcome?.result !== 'done') problems.push('wrote a Task for a job that is not done');
            continue;
          }
          const allowed = write.wrote?.object === 'Prospect' ? ['optedOut'] : ['HasOptedOutOfEmail'];
          // A prospect form's Save writes every field; it may change only Opted Out, and must post the
          // form as the page drew it but for that one control.
          const changed = Object.entries(write.changed ?? write.wrote?.fields ?? {});
          if (changed.some(([name, value]) => !allowed.includes(name) || value !== false)) {
            problems.push(`changed ${JSON.stringify(write.changed)} in ${JSON.stringify(write.wrote)}`);
          }
          if (write.form) {
            const { rendered, posted } = write.form;
            const differs = Object.keys({ ...rendered, ...posted }).filter((name) => rendered?.[name] !== posted[name]);
            if (!rendered || differs.length !== 1 || !/^(opted_out|default_field_\d+)$/.test(differs[0] ?? '')) {
              problems.push(`posted a form that differs from the one drawn in ${JSON.stringify(differs)}`);
            }
          }
          const ours =
            write.wrote?.object === 'Prospect' ? write.wrote.id === String(prospectId) : write.wrote?.id === recordId;
          if (!ours) problems.push(`wrote another record: ${JSON.stringify(write.wrote)}`);
          if (!job || write.at < job.createdAt - 50 || write.at > job.updatedAt + 2_000)
            problems.push(`write outside the job's lifetime at ${write.at}`);
        }
        if (job?.outcome?.result === 'failed') {
          const error = job.outcome.error ?? '';
          const reverted = sandbox.log
            .slice(logFrom)
            .some((e) => e.decisions?.some((d) => d.prospectId === prospectId && d.after));
          const explained =
            (EXPLAINS[error] ?? []).some((fault) => faults.includes(fault)) || (error === 'reverted' && reverted);
          if (!explained)
            problems.push(
              `failed with "${error}", which the injected faults (${faults.join(', ')}) do not explain; the job: ${JSON.stringify({ lastError: (job as { lastError?: string }).lastError, errorDetail: (job as { errorDetail?: string }).errorDetail, attempts: job.attempts })}; the requests meanwhile: ${JSON.stringify(
                sandbox.log
                  .slice(logFrom)
                  .filter((e) => e.kind !== 'sync' && e.at >= job.createdAt - 100 && e.at <= job.updatedAt + 100)
                  .map(
                    (e) =>
                      `${e.at - job.createdAt} ${e.method ?? ''} ${e.host ?? ''}${e.path ?? e.route ?? ''} ${e.status ?? ''} ${e.error ?? ''}`,
                  ),
              )}`,
            );
        }
        if (job) {
          const audit = await auditLog(browser);
          const entries = audit.filter((e) => e.jobId === job?.id);
          if (entries.length !== 1) problems.push(`audit has ${entries.length} entries for the job`);
          else if (entries[0]?.attempts.length !== job.attempts.length) problems.push('audit entry lacks attempts');
        }
        // A newer wish wins: no false is written after an opt-out activity newer than the confirmation,
        // unless the attempt that wrote it had read the pair before that opt-out (a write in flight).
        if (job && unsubscribedAt !== null && unsubscribedAt > job.createdAt) {
          const since = unsubscribedAt;
          const stored = job as unknown as {
            attempts: { startedAt: number; writes: Record<string, { ok?: boolean }> }[];
            consent?: { from?: number; at: number }[];
          };
          for (const attempt of stored.attempts) {
            // The look at the person's wish that let this attempt write: the last one before it began.
            const evidence = (stored.consent ?? []).filter((c) => c.at <= attempt.startedAt).at(-1);
            const wrote = Object.values(attempt.writes).some((write) => write.ok !== false);
            if (wrote && evidence && (evidence.from ?? evidence.at) > since) {
              problems.push(
                `an attempt that read the pair ${(evidence.from ?? evidence.at) - since} ms after the person unsubscribed still wrote false`,
              );
            }
          }
          if (!stored.consent?.length && writes.some((write) => write.at > since + 50))
            problems.push('wrote after the person unsubscribed, without looking at their latest wish');
        }
        if (job?.phase === 'done' && unsubscribedAt === null) {
          sandbox.syncAll();
          sandbox.syncAll();
          if (prospect.optedOut || record.HasOptedOutOfEmail)
            problems.push('done, but a later sync left the pair checked');
        }
        for (const problem of problems) summary.violations.push({ run, seed: runSeed, faults, problem });
        log(
          `run ${run + 1}/${runs} seed ${runSeed} [${faults.join(', ')}] → ${outcome}${problems.length ? `  VIOLATION: ${problems.join('; ')}` : ''}`,
        );
        await page.close().catch(() => undefined);
        record.IsDeleted = false;
        await configure();
      };
      try {
        await bounded(`run ${run + 1}`, RUN_BOUND_MS, oneRun());
      } catch (error) {
        if (!(error instanceof Stalled)) throw error;
        abandoned = true;
        // The browser stopped answering: the run is a violation, with its seed, and the next run
        // gets a new browser on the same profile.
        summary.violations.push({ run, seed: runSeed, faults, problem: error.message });
        log(`run ${run + 1}/${runs} seed ${runSeed} [${faults.join(', ')}] → VIOLATION: ${error.message}`);
        summary.outcomes.stalled = (summary.outcomes.stalled ?? 0) + 1;
        await browser.close();
        org.sandbox.faults = [];
        org.sandbox.latencyMs = {};
        browser = await bounded('relaunching the browser', 60_000, launchBrowser(org, { userDataDir: dir }));
        await configure();
      }
    }
  } finally {
    await browser.close().catch(() => undefined);
    await org.close();
    rmSync(dir, { recursive: true, force: true });
  }
  return summary;
}
