/** The audit log keeps one entry per job, drops the oldest past its bound with a count, and exports inert CSV. */
import { fakeBrowser } from '@webext-core/fake-browser';
import { beforeEach, describe, expect, it, vi } from 'vitest';

vi.mock('webextension-polyfill', () => ({ default: fakeBrowser }));
const { AUDIT_LIMIT, auditCsv, recordEntry } = await import('../../../src/background/audit');
const { read, update } = await import('../../../src/background/store');
const { MAX_ROWS } = await import('../../../src/core/batch');

const entry = (jobId: string, overrides: Record<string, unknown> = {}) => ({
  jobId,
  at: Date.UTC(2026, 10, 28, 9, 30),
  admin: 'admin@example.com',
  orgId: '00D5g000004SbOx',
  businessUnitId: '0Uv5g000000CaYZCA0',
  prospectId: 1001,
  email: 'aiko@example.com',
  object: 'Contact' as const,
  recordId: '0035g00000AbCdEAAV',
  reason: 'asked by phone',
  attempts: [],
  outcome: 'done' as const,
  error: null,
  written: ['ae', 'salesforce'],
  ...overrides,
});

beforeEach(() => fakeBrowser.reset());

describe('the audit log', () => {
  it('keeps exactly one entry per job, updated in place as the job goes on', async () => {
    await recordEntry(entry('a', { outcome: 'running' }));
    await recordEntry(entry('b'));
    await recordEntry(entry('a', { outcome: 'failed', error: 'reverted' }));
    const log = await read('audit');
    expect(log.map((e) => [e.jobId, e.outcome])).toEqual([
      ['a', 'failed'],
      ['b', 'done'],
    ]);
  });

  it('keeps every row of the longest list a batch may run, with room for the opt-ins before it', () => {
    expect(AUDIT_LIMIT).toBeGreaterThanOrEqual(2 * MAX_ROWS);
  });

  it('drops the oldest entries past its bound and counts them', async () => {
    await update('audit', () => Array.from({ length: AUDIT_LIMIT }, (_, i) => entry(`job-${i}`)));
    for (let i = AUDIT_LIMIT; i < AUDIT_LIMIT + 3; i++) await recordEntry(entry(`job-${i}`));
    const log = await read('audit');
    expect(log).toHaveLength(AUDIT_LIMIT);
    expect(log[0]?.jobId).toBe('job-3');
    expect(await read('auditDropped')).toBe(3);
  });

  it('exports CSV where formulas, commas, quotes and line breaks stay text', async () => {
    await recordEntry(
      entry('x', {
        reason: '=HYPERLINK("https://evil.example","click")',
        email: '+cmd@example.com',
        admin: 'Smith, "Jo"\nAdmin',
      }),
    );
    const csv = await auditCsv();
    const [, row] = csv.split('\r\n');
    expect(row).toContain(`"'=HYPERLINK(""https://evil.example"",""click"")"`);
    expect(row).toContain("'+cmd@example.com");
    expect(row).toContain('"Smith, ""Jo""\nAdmin"');
    expect(csv.split('\r\n')[0]).toBe(
      '"when","admin","org","business unit","prospect","email","object","record","reason","outcome","error","written","attempts","skew ms","why","salesforce task","undone by"',
    );
  });

  it('quotes every cell, so a spreadsheet that splits on semicolons cannot run the rest of a cell', async () => {
    await recordEntry(entry('y', { reason: 'called back;=WEBSERVICE("https://evil.example")', email: 'a@b.example' }));
    const [, row] = (await auditCsv()).split('\r\n');
    const cells = row?.match(/"(?:[^"]|"")*"/g) ?? [];
    expect(cells).toHaveLength(17);
    // Every character of the row is inside a quoted cell or is the comma between two.
    expect(cells.join(',')).toBe(row);
    expect(cells).toContain('"called back;=WEBSERVICE(""https://evil.example"")"');
    expect(cells).toContain('"a@b.example"');
  });

  it('carries the evidence Task’s id, or why it could not be written, so an auditor finds it in Salesforce', async () => {
    await recordEntry(entry('with-task', { outcome: 'done', taskId: '00T5g000000AbCdEAK' }));
    await recordEntry(entry('task-refused', { outcome: 'done', taskError: 'no-access' }));
    const [, withTask, refused] = (await auditCsv()).split('\r\n');
    expect(withTask?.endsWith('"00T5g000000AbCdEAK",""')).toBe(true);
    expect(refused?.endsWith('"not written: no-access",""')).toBe(true);
  });

  it('exports entries this version could not read as they were stored, marked unreadable', async () => {
    await fakeBrowser.storage.local.set({ auditUnreadable: [{ jobId: 'future', at: 'yesterday' }] });
    const [, row] = (await auditCsv()).split('\r\n');
    expect(row).toContain('"unreadable"');
    expect(row).toContain('"{""jobId"":""future"",""at"":""yesterday""}"');
  });
});

describe('the audit entry of a job that would not write again', () => {
  it('says why: the newer opt-out it saw, who checked Email Opt Out, and what it could not read', async () => {
    const { aJob } = await import('../job-fixture');
    const { transition } = await import('../../../src/core/job');
    const { entryFor, consentWhy } = await import('../../../src/background/audit');
    const at = Date.parse('2026-11-29T23:50:00Z');
    const job = transition(
      aJob('seen', at - 60_000),
      {
        type: 'preflight-passed',
        optedOut: true,
        hasOptedOutOfEmail: true,
        consent: {
          at,
          activities: 'read',
          newerOptOut: { at, what: 'Unsubscribe Page: Sandbox Newsletter' },
          history: 'no-rows',
        },
      },
      at,
    );
    const entry = entryFor(job, null);
    expect(entry).toMatchObject({ outcome: 'failed', error: 'opted-out-again', written: [] });
    expect(consentWhy(entry.refusedBy)).toBe(
      'opt-out activity "Unsubscribe Page: Sandbox Newsletter" at 2026-11-29T23:50:00.000Z, after the confirmation; no field history of Email Opt Out (not tracked)',
    );
  });
});
