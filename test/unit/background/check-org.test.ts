/**
 * "Check this org", line by line, as the admin reads the report: which line passes, which fails
 * and why, which does not apply, for each thing an org can be (the e2e test runs the whole check
 * against the sandbox org). The worker's own code runs; only its boundaries are faked: Salesforce
 * REST (fetch), the org and business unit the page belongs to, the OAuth token, the AE API read and
 * the AE page agents.
 */
import { fakeBrowser } from '@webext-core/fake-browser';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { StoredSettings } from '../../../src/background/store';
import { aeAppUrl } from '../../../src/core/ae-app';
import type { LocateResult } from '../../../src/core/ae-page-protocol';
import { GuardError } from '../../../src/core/errors';
import type { AePageState } from '../../../src/core/messages';
import type { CheckId, CheckLine, CheckReport } from '../../../src/core/org-check';
import { contactRecord, PROSPECT_BY_API, PROSPECT_PAGE, TARGET } from '../job-fixture';

const LIGHTNING = 'acme.lightning.force.com';
const ACCOUNT = '0015g0000000900AAA';
const RECORD_URL = `https://${LIGHTNING}/lightning/r/Contact/${TARGET.recordId}/view`;
const PROSPECT_URL = `https://${TARGET.aeHost}/prospect/read?id=${TARGET.prospectId}`;
const APP_URL = aeAppUrl(LIGHTNING, `/prospect/read?id=${TARGET.prospectId}`);
const OTHER_UNIT = '0Uv5g000000CaZZCA0';

/** The prospect page, linked to the Contact (as a prospect page must be to lead to its record). */
const LINKED_PAGE: AePageState = {
  readable: true,
  email: TARGET.email,
  optedOut: true,
  isDoNotEmail: false,
  isEmailHardBounced: false,
  crm: { host: TARGET.salesforceHost, object: 'Contact', recordId: TARGET.recordId },
  salesforceLastSync: null,
  form: 'closed',
};
const SIGNED_OUT: AePageState = { readable: false, error: 'signed-out-of-ae', missing: ['opted-out'] };

/** What the AE page shows at AE's own host and in the Lightning app's frame, and what its agent finds there. */
const pages: { ae: AePageState | 'silent'; app: AePageState | 'silent'; locate: LocateResult | 'silent' } = {
  ae: LINKED_PAGE,
  app: LINKED_PAGE,
  locate: { ok: true, way: 'opt-in' },
};
/** The URLs opened, the commands sent to the page, the tabs open and closed. */
const opened: string[] = [];
const asked: string[] = [];
const removedTabs: number[] = [];
let lastLoad: Promise<unknown> = Promise.resolve();
let nextTab = 1;

function load(url: string, tabId: number) {
  opened.push(url);
  const host = new URL(url).hostname;
  const state = host === LIGHTNING ? pages.app : pages.ae;
  lastLoad =
    state === 'silent'
      ? Promise.reject(new GuardError('ae-page-unavailable'))
      : Promise.resolve({ tabId, host: TARGET.aeHost, prospectId: TARGET.prospectId, loadId: url, state });
  lastLoad.catch(() => undefined);
}
const tabs = {
  create: async ({ url }: { url: string }) => {
    const id = nextTab++;
    load(url, id);
    return { id };
  },
  update: async (id: number, { url }: { url: string }) => {
    load(url, id);
    return { id };
  },
  get: async (id: number) => ({ id }),
  remove: async (id: number) => {
    removedTabs.push(id);
  },
  query: async () => [],
};
/** The page writer's window (background/writer-window.ts): its first tab opens with it. */
const windows = {
  create: async ({ url }: { url: string }) => {
    const id = nextTab++;
    load(url, id);
    return { id: 900, tabs: [{ id }] };
  },
  get: async (id: number) => ({ id }),
};
vi.mock('webextension-polyfill', () => ({ default: { ...fakeBrowser, tabs, windows } }));
vi.mock('../../../src/background/ae-agents', () => ({
  formOpenElsewhere: async () => false,
  loadsIn: () => new Set(),
  nextLoad: () => Promise.resolve().then(() => lastLoad),
  ask: async (_agent: unknown, type: string) => {
    asked.push(type);
    if (type === 'activities') return { optOutActivities: null, emailActivities: null };
    if (type === 'locate' && pages.locate !== 'silent') return pages.locate;
    throw new GuardError('ae-page-unavailable');
  },
}));

/** The org as the worker finds it: its session, its business units, its OAuth connection, its AE API. */
const world: {
  orgError: GuardError | null;
  oauth: boolean;
  units: { current: { id: string; name: string } | null; all: { id: string; name: string }[] } | 'unreadable';
  lightningHost: string | null;
  aeApi: 'reads' | 'no-token' | GuardError;
} = { orgError: null, oauth: false, units: 'unreadable', lightningHost: null, aeApi: 'no-token' };

const { SalesforceClient } = await import('../../../src/background/salesforce-rest');
const theOrg = () => {
  if (world.orgError) throw world.orgError;
  return {
    session: { host: TARGET.salesforceHost, sid: 'sid', orgId: TARGET.orgId },
    salesforce: new SalesforceClient(TARGET.salesforceHost, 'sid'),
  };
};
vi.mock('../../../src/background/org', async (importOriginal) => ({
  ...(await importOriginal<typeof import('../../../src/background/org')>()),
  orgForHost: async () => theOrg(),
  orgForAePage: async () => theOrg(),
  aeHostOf: async () => TARGET.aeHost,
  lightningHostOf: async () => world.lightningHost,
  businessUnitOf: async () => {
    if (world.units === 'unreadable') throw new GuardError('no-access');
    return world.units;
  },
}));
vi.mock('../../../src/background/oauth', () => ({ accessToken: async () => (world.oauth ? 'token' : null) }));
vi.mock('../../../src/background/prospects', async (importOriginal) => ({
  ...(await importOriginal<typeof import('../../../src/background/prospects')>()),
  readByApi: async () => {
    if (world.aeApi instanceof GuardError) throw world.aeApi;
    return world.aeApi === 'reads' ? PROSPECT_BY_API : null;
  },
}));

/** Salesforce REST as the org answers it; each answer as given, or an error REST answers. */
interface WriterRow {
  CreatedById: string;
  CreatedBy: { Name: string; Username: string };
}
/** The Salesforce side as each test starts with it: a Contact, editable and tracked, no other writer. */
const sfAtStart = (): {
  record: Record<string, unknown> | 'expired' | 'api-disabled';
  personAccount: boolean;
  editable: boolean;
  tracked: boolean | 'unreadable';
  writers: WriterRow[];
  consent: 'no-subscriptions' | 'subscribed' | 'none';
} => ({
  record: contactRecord(true),
  personAccount: false,
  editable: true,
  tracked: true,
  writers: [],
  consent: 'no-subscriptions',
});
const sf = sfAtStart();
/** Every SOQL query sent, and every describe. */
const queries: string[] = [];
const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
const refused = (status: number, errorCode: string, message = '') => json([{ errorCode, message }], status);

function salesforceRest(path: string): Response {
  const soql = path.startsWith('query?q=') ? path.slice('query?q='.length) : null;
  if (soql) queries.push(soql);
  if (soql?.includes('PersonContactId')) return json({ records: sf.personAccount ? [{ Id: ACCOUNT }] : [] });
  if (path.startsWith(`sobjects/Account/${ACCOUNT}?fields=`)) {
    return json(
      sf.personAccount
        ? {
            Id: ACCOUNT,
            IsPersonAccount: true,
            PersonContactId: TARGET.recordId,
            PersonEmail: TARGET.email,
            PersonHasOptedOutOfEmail: true,
            pi__url__pc: PROSPECT_URL,
          }
        : { Id: ACCOUNT, IsPersonAccount: false, PersonContactId: null },
    );
  }
  if (/^sobjects\/(Contact|Lead)\/\w+\?fields=/.test(path)) {
    if (sf.record === 'expired') return refused(401, 'INVALID_SESSION_ID', 'Session expired or invalid');
    if (sf.record === 'api-disabled') return refused(403, 'API_DISABLED_FOR_ORG', 'API is not enabled');
    return json(sf.record);
  }
  const describe = path.match(/^sobjects\/(\w+)\/describe$/);
  if (describe) {
    queries.push(`describe ${describe[1]}`);
    const name = describe[1] === 'Account' ? 'PersonHasOptedOutOfEmail' : 'HasOptedOutOfEmail';
    return json({
      fields: [
        { name: 'Email', updateable: true },
        { name, updateable: sf.editable },
      ],
    });
  }
  if (soql?.includes('FROM FieldDefinition')) {
    if (sf.tracked === 'unreadable') return refused(403, 'INSUFFICIENT_ACCESS');
    return json({ records: [{ IsFieldHistoryTracked: sf.tracked }] });
  }
  if (soql?.includes("History WHERE Field = 'HasOptedOutOfEmail'")) return json({ records: sf.writers });
  if (soql?.includes('FROM CommSubscription')) {
    if (sf.consent === 'no-subscriptions')
      return refused(400, 'INVALID_TYPE', "sObject type 'CommSubscription' is not supported");
    return json({ records: sf.consent === 'subscribed' ? [{ Id: '0Xs5g0000000001AAA' }] : [] });
  }
  return refused(404, 'NOT_FOUND');
}

const { checkOrg } = await import('../../../src/background/check-org');

const settings = (changes: Partial<StoredSettings> = {}): StoredSettings => ({
  businessUnitId: TARGET.businessUnitId,
  overwriteOptedOut: 'on',
  optedOutSyncBehavior: 'most-recent-field',
  optedOutMapped: true,
  overwriteLearned: { from: 'connector-page', at: 0 },
  fieldLearned: { from: 'field-page', at: 0 },
  ...changes,
});
const JAPAN = { id: TARGET.businessUnitId, name: 'Japan' };
const EMEA = { id: OTHER_UNIT, name: 'EMEA' };

/** Each line of the report as the admin reads it: its result, then its note, error and part where it has one. */
function lines(report: CheckReport): Record<CheckId, string> {
  const said = (line: CheckLine) =>
    [line.result, line.note && `(${line.note})`, line.error, line.part && `part ${line.part}`]
      .filter(Boolean)
      .join(' ');
  return Object.fromEntries(report.lines.map((line) => [line.id, said(line)])) as Record<CheckId, string>;
}
const check = async (url: string) => lines(await checkOrg(url));

const writer = (id: string, name: string, username: string): WriterRow => ({
  CreatedById: id,
  CreatedBy: { Name: name, Username: username },
});
const CONNECTOR = writer('0055g00000Conn01AAA', 'B2BMA Integration', 'b2bmaintegration@00d5g000004sbox.ext');

beforeEach(async () => {
  fakeBrowser.reset();
  Object.assign(pages, { ae: LINKED_PAGE, app: LINKED_PAGE, locate: { ok: true, way: 'opt-in' } });
  Object.assign(world, {
    orgError: null,
    oauth: false,
    units: { current: JAPAN, all: [JAPAN] },
    lightningHost: null,
    aeApi: 'no-token',
  });
  Object.assign(sf, sfAtStart());
  opened.length = 0;
  asked.length = 0;
  removedTabs.length = 0;
  queries.length = 0;
  vi.stubGlobal('fetch', async (url: string) => {
    const { pathname, search } = new URL(url);
    return salesforceRest(decodeURIComponent(pathname.replace(/^\/services\/data\/v[\d.]+\//, '') + search));
  });
  await fakeBrowser.storage.local.set({ settings: { [TARGET.businessUnitId]: settings() } });
});
afterEach(() => vi.unstubAllGlobals());

describe('checking an org from a Lead/Contact page', () => {
  it('passes every line on a well set-up org, opening the prospect page once at AE’s host and closing it', async () => {
    world.oauth = true;
    world.aeApi = 'reads';
    sf.consent = 'none';
    expect(await check(RECORD_URL)).toEqual({
      'salesforce-rest': 'passed (oauth)',
      record: 'passed (Contact)',
      'back-link': 'passed',
      'ae-api': 'passed (oauth)',
      'ae-page': 'passed',
      'ae-app': 'not-applicable',
      'ae-form': 'passed (the “Opt In” link)',
      'connector-option': 'passed (on)',
      'sync-behavior': 'passed (most-recent-field)',
      'business-units': 'passed (1 business unit)',
      'history-tracked': 'passed (Contact)',
      'other-writers': 'passed (0 other users)',
      'consent-matching': 'passed',
    });
    expect(opened.map((url) => new URL(url).hostname)).toEqual([TARGET.aeHost, TARGET.aeHost]);
    // Read and located, never prepared or saved.
    expect(asked).toEqual(['activities', 'locate']);
    expect(removedTabs).toHaveLength(1);
    expect(await fakeBrowser.storage.session.get('openedTabs')).toEqual({ openedTabs: {} });
  });

  it('says REST went through the browser session where the org has no OAuth connection', async () => {
    const report = await check(RECORD_URL);
    expect(report['salesforce-rest']).toBe('passed (session)');
  });

  it.each([
    ['session, through Defender for Cloud Apps', false],
    ['oauth, past Defender for Cloud Apps', true],
  ] as const)('says how REST went for a page behind Defender for Cloud Apps’ proxy: %s', async (note, oauth) => {
    world.oauth = oauth;
    const proxied = RECORD_URL.replace(LIGHTNING, `${LIGHTNING}.mcas.ms`);
    expect((await check(proxied))['salesforce-rest']).toBe(`passed (${note})`);
  });

  it('fails Salesforce REST on an expired session, and checks nothing that needs the org', async () => {
    world.orgError = new GuardError('session-expired');
    const report = await check(RECORD_URL);
    expect(report['salesforce-rest']).toBe('failed session-expired');
    for (const id of ['record', 'back-link', 'ae-api', 'ae-page', 'ae-form', 'connector-option'] as const)
      expect(report[id], id).toBe('not-applicable');
    expect(opened).toEqual([]);
  });

  it.each([
    ['expired', 'session-expired'],
    ['api-disabled', 'api-disabled'],
  ] as const)('fails Salesforce REST when the record read answers %s, naming the error', async (answer, error) => {
    sf.record = answer;
    const report = await check(RECORD_URL);
    expect(report['salesforce-rest']).toBe(`failed ${error}`);
    expect(report.record).toBe('not-applicable');
    expect(report['consent-matching']).toBe('not-applicable');
    expect(opened).toEqual([]);
  });

  it('fails the record line where the admin cannot edit Email Opt Out on the object', async () => {
    sf.editable = false;
    expect((await check(RECORD_URL)).record).toBe('failed (Contact) field-not-writable');
    expect(queries).toContain('describe Contact');
  });

  it('checks a person contact’s Email Opt Out on its Account', async () => {
    sf.personAccount = true;
    const report = await check(RECORD_URL);
    expect(report.record).toBe('passed (person account)');
    expect(queries).toContain('describe Account');
    expect(report['back-link']).toBe('passed');
  });

  it('leaves a person account’s field history out when the check starts at its Account', async () => {
    sf.personAccount = true;
    const report = await check(`https://${LIGHTNING}/lightning/r/Account/${ACCOUNT}/view`);
    expect(report.record).toBe('passed (person account)');
    expect(report['history-tracked']).toBe('not-applicable');
    expect(report['other-writers']).toBe('not-applicable');
  });

  it('fails the record line for a business Account: REST answered, and it is no record a prospect syncs with', async () => {
    const report = await check(`https://${LIGHTNING}/lightning/r/Account/${ACCOUNT}/view`);
    expect(report['salesforce-rest']).toBe('passed (session)');
    expect(report.record).toBe('failed (business account) not-person-account');
    expect(opened).toEqual([]);
  });

  it.each([
    [null, 'not-linked'],
    ['https://example.com/prospect', 'back-link-unreadable'],
  ])('fails the back-link for a record whose link to AE is %s, and opens no AE page', async (link, error) => {
    sf.record = { ...contactRecord(true), pi__url__c: link };
    world.aeApi = 'reads';
    const report = await check(RECORD_URL);
    expect(report['back-link']).toBe(`failed ${error}`);
    expect(report['ae-api']).toBe('not-applicable');
    expect(report['ae-page']).toBe('not-applicable');
    expect(opened).toEqual([]);
  });
});

describe('checking an org from a prospect page', () => {
  it('follows the page’s Lead/Contact link to the record and checks the same lines', async () => {
    const report = await check(PROSPECT_URL);
    expect(report['ae-page']).toBe('passed');
    expect(report['salesforce-rest']).toBe('passed (session)');
    expect(report['back-link']).toBe('passed');
    expect(report['ae-form']).toBe('passed (the “Opt In” link)');
    // The page read at the start is the one located: no second read.
    expect(asked).toEqual(['activities', 'locate']);
  });

  it('fails the back-link for a page linked to no Lead/Contact, and checks no Salesforce line', async () => {
    pages.ae = PROSPECT_PAGE;
    const report = await check(PROSPECT_URL);
    expect(report['back-link']).toBe('failed not-linked');
    expect(report['salesforce-rest']).toBe('not-applicable');
    expect(report.record).toBe('not-applicable');
    expect(report['consent-matching']).toBe('not-applicable');
  });

  it('fails the back-link when the record links back to another prospect', async () => {
    sf.record = { ...contactRecord(true), pi__url__c: `http://${TARGET.aeHost}/prospect/read?id=2002` };
    expect((await check(PROSPECT_URL))['back-link']).toBe('failed link-mismatch');
  });

  it('starts in the Account Engagement Lightning app’s frame for a prospect named there', async () => {
    const report = await check(APP_URL);
    expect(report['ae-page']).toBe('not-applicable');
    expect(report['ae-app']).toBe('passed');
    expect(report['ae-form']).toBe('passed (the “Opt In” link)');
    expect(opened.every((url) => new URL(url).hostname === LIGHTNING)).toBe(true);
  });

  it('rejects a page that is neither a record nor a prospect', async () => {
    await expect(checkOrg(`https://${LIGHTNING}/lightning/o/Contact/list`)).rejects.toMatchObject({
      code: 'bad-request',
    });
  });
});

describe('the AE API line', () => {
  it('fails as an expired session where no token AE accepts is at hand', async () => {
    expect((await check(RECORD_URL))['ae-api']).toBe('failed session-expired');
  });

  it('names the AE API’s error', async () => {
    world.aeApi = new GuardError('rate-limited');
    expect((await check(RECORD_URL))['ae-api']).toBe('failed rate-limited');
  });
});

describe('the AE page lines', () => {
  it('fails the page at AE’s host and passes it in the app, for an admin AE lets in only through the app', async () => {
    pages.ae = SIGNED_OUT;
    world.lightningHost = LIGHTNING;
    const report = await check(RECORD_URL);
    expect(report['ae-page']).toBe('failed signed-out-of-ae part opted-out');
    expect(report['ae-app']).toBe('passed');
    expect(report['ae-form']).toBe('passed (the “Opt In” link)');
    expect(opened.map((url) => new URL(url).hostname)).toEqual([TARGET.aeHost, LIGHTNING, LIGHTNING]);
  });

  it('tries no app frame where the org’s Lightning host is unknown, and locates nothing', async () => {
    pages.ae = SIGNED_OUT;
    const report = await check(RECORD_URL);
    expect(report['ae-page']).toBe('failed signed-out-of-ae part opted-out');
    expect(report['ae-app']).toBe('not-applicable');
    expect(report['ae-form']).toBe('not-applicable');
    expect(asked).toEqual([]);
  });

  it('names the part of the page it could not find', async () => {
    pages.ae = { readable: false, error: 'control-not-found', missing: ['email', 'opted-out'] };
    expect((await check(RECORD_URL))['ae-page']).toBe('failed control-not-found part email');
  });

  it('fails a page that never loads as unavailable', async () => {
    pages.ae = 'silent';
    expect((await check(RECORD_URL))['ae-page']).toBe('failed ae-page-unavailable');
  });

  it.each([
    ['opt-in', 'the “Opt In” link'],
    ['form', 'the edit form'],
    ['edit', 'the Edit action'],
  ] as const)('says what the page offers an opt-in: %s', async (way, note) => {
    pages.locate = { ok: true, way };
    expect((await check(RECORD_URL))['ae-form']).toBe(`passed (${note})`);
  });

  it('fails the form line with what is missing or not editable, without touching the page', async () => {
    pages.locate = { ok: false, error: 'opted-out-not-editable' };
    expect((await check(RECORD_URL))['ae-form']).toBe('failed opted-out-not-editable');
    pages.locate = { ok: false, error: 'control-not-found', part: 'save' };
    expect((await check(RECORD_URL))['ae-form']).toBe('failed control-not-found part save');
    expect(asked.filter((command) => command === 'prepare' || command === 'commit')).toEqual([]);
  });

  it('fails the form line when the page does not answer, and still closes its tab', async () => {
    pages.locate = 'silent';
    expect((await check(RECORD_URL))['ae-form']).toBe('failed ae-page-unavailable');
    expect(removedTabs).toHaveLength(1);
  });
});

describe('the business unit lines', () => {
  it('says the overwrite option of the unit the admin works in: on in one, off in another', async () => {
    await fakeBrowser.storage.local.set({
      settings: {
        [TARGET.businessUnitId]: settings({ overwriteOptedOut: 'on' }),
        [OTHER_UNIT]: settings({ businessUnitId: OTHER_UNIT, overwriteOptedOut: 'off' }),
      },
    });
    world.units = { current: JAPAN, all: [JAPAN, EMEA] };
    const japan = await check(RECORD_URL);
    expect(japan['connector-option']).toBe('passed (on)');
    expect(japan['business-units']).toBe('passed (2 business units)');
    world.units = { current: EMEA, all: [JAPAN, EMEA] };
    expect((await check(RECORD_URL))['connector-option']).toBe('passed (off)');
  });

  it('fails the overwrite option while nobody has read it for the unit', async () => {
    await fakeBrowser.storage.local.set({
      settings: { [TARGET.businessUnitId]: settings({ overwriteOptedOut: 'unknown' }) },
    });
    expect((await check(RECORD_URL))['connector-option']).toBe('failed business-unit-unknown');
    await fakeBrowser.storage.local.set({ settings: {} });
    expect((await check(RECORD_URL))['connector-option']).toBe('failed business-unit-unknown');
  });

  it('fails all three where the app has no unit selected among several', async () => {
    world.units = { current: null, all: [JAPAN, EMEA] };
    const report = await check(RECORD_URL);
    expect(report['business-units']).toBe('failed (2 business units) business-unit-unknown');
    expect(report['connector-option']).toBe('failed business-unit-unknown');
    expect(report['sync-behavior']).toBe('failed business-unit-unknown');
  });

  it('checks none of them where the units could not be read', async () => {
    world.units = 'unreadable';
    const report = await check(RECORD_URL);
    expect(report['business-units']).toBe('not-applicable');
    expect(report['connector-option']).toBe('not-applicable');
    expect(report['sync-behavior']).toBe('not-applicable');
  });

  it('says the Opted Out field’s sync behaviour, that it is not mapped, or that nobody has read it', async () => {
    await fakeBrowser.storage.local.set({
      settings: { [TARGET.businessUnitId]: settings({ optedOutSyncBehavior: 'ae' }) },
    });
    expect((await check(RECORD_URL))['sync-behavior']).toBe('passed (ae)');
    await fakeBrowser.storage.local.set({ settings: { [TARGET.businessUnitId]: settings({ optedOutMapped: false }) } });
    expect((await check(RECORD_URL))['sync-behavior']).toBe('passed (not mapped)');
    await fakeBrowser.storage.local.set({
      settings: { [TARGET.businessUnitId]: settings({ optedOutMapped: null, optedOutSyncBehavior: null }) },
    });
    expect((await check(RECORD_URL))['sync-behavior']).toBe('failed business-unit-unknown');
  });
});

describe('the field history lines', () => {
  it('fails “tracked” where Field History Tracking is off for Email Opt Out, and counts no writers', async () => {
    sf.tracked = false;
    const report = await check(RECORD_URL);
    expect(report['history-tracked']).toBe('failed (Contact)');
    expect(report['other-writers']).toBe('not-applicable');
    expect(queries.some((soql) => soql.includes('ContactHistory'))).toBe(false);
  });

  it('leaves both out where the field’s definition cannot be read', async () => {
    sf.tracked = 'unreadable';
    const report = await check(RECORD_URL);
    expect(report['history-tracked']).toBe('not-applicable');
    expect(report['other-writers']).toBe('not-applicable');
  });

  it('counts the users other than the connector who changed Email Opt Out, failing past one', async () => {
    const admin = writer('0055g00000Admin1AAA', 'Aiko Tanaka', 'aiko@example.com');
    sf.writers = [CONNECTOR, admin, CONNECTOR, admin];
    expect((await check(RECORD_URL))['other-writers']).toBe('passed (1 other user)');
    sf.writers = [CONNECTOR, admin, writer('0055g00000Flow01AAA', 'Automated Process', 'autoproc@00d5g')];
    expect((await check(RECORD_URL))['other-writers']).toBe('failed (2 other users)');
  });

  it('asks a Lead’s history of a Lead', async () => {
    sf.record = { ...contactRecord(true), Id: '00Q5g00000LeAdSEAV' };
    const report = await check(`https://${LIGHTNING}/lightning/r/Lead/00Q5g00000LeAdSEAV/view`);
    expect(report['history-tracked']).toBe('passed (Lead)');
    expect(report.record).toBe('passed (Lead)');
    expect(queries.some((soql) => soql.includes("EntityDefinition.QualifiedApiName = 'Lead'"))).toBe(true);
    expect(queries.some((soql) => soql.includes('FROM LeadHistory'))).toBe(true);
  });
});

describe('the consent matching line', () => {
  it.each([
    ['no communication subscriptions', 'no-subscriptions', 'not-applicable'],
    ['no “B2B Email Consent” subscription', 'none', 'passed'],
    ['the “B2B Email Consent” subscription', 'subscribed', 'failed'],
  ] as const)('for an org with %s: %s', async (_org, consent, result) => {
    sf.consent = consent;
    expect((await check(RECORD_URL))['consent-matching']).toBe(result);
    expect(queries.find((soql) => soql.includes('CommSubscription'))).toContain("Name = 'B2B Email Consent'");
  });
});
