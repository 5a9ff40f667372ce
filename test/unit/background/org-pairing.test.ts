/**
 * Which org an AE prospect page is paired with when the page shows only the
 * Lead/Contact's id (no host names the org): the record must exist there and
 * its back-link (`pi__url__c`) must name this very prospect, even in the one
 * org known to use the AE host.
 */
import { beforeEach, describe, expect, it, vi } from 'vitest';

const PROD = '00D5g000004SbOx';
const FULL = '00D7e000000FuLl';
const CONTACT = '0035g00000AbCdEAAV';
const back = (id: number) => `http://pi.pardot.com/prospect/read?id=${id}`;

/** Each org's records: id → pi__url__c. */
const records = new Map<string, Map<string, string | null>>();
const sessions = [
  { host: 'acme.my.salesforce.com', sid: `${PROD}!a`, orgId: PROD },
  { host: 'acme--full.sandbox.my.salesforce.com', sid: `${FULL}!b`, orgId: FULL },
];
let knownOrgs: Record<string, { host: string; aeHost?: string }> = {};

vi.mock('../../../src/background/salesforce-rest', () => ({
  sessionFor: async (host: string) => sessions.find((s) => s.host === host) ?? null,
  signedInOrgs: async () => sessions,
  sessionHost: async () => null,
  SalesforceClient: class {
    constructor(readonly host: string) {}
    async getRecord(_object: string, id: string) {
      const orgId = sessions.find((s) => s.host === this.host)?.orgId ?? '';
      const url = records.get(orgId)?.get(id);
      if (url === undefined) throw Object.assign(new Error('not found'), { code: 'record-not-found' });
      return { Id: id, Email: 'a@example.com', HasOptedOutOfEmail: true, pi__url__c: url };
    }
  },
}));
vi.mock('../../../src/background/oauth', () => ({ accessToken: async () => null }));
vi.mock('../../../src/background/store', () => ({
  read: async (key: string) => (key === 'orgs' ? knownOrgs : {}),
  update: async (key: string, change: (value: unknown) => unknown) => {
    if (key === 'orgs') knownOrgs = change(knownOrgs) as typeof knownOrgs;
  },
}));
const { orgForAePage } = await import('../../../src/background/org');

const idOnly = { host: null, object: 'Contact' as const, recordId: CONTACT };
const frame = { aeHost: 'pi.pardot.com', topHost: 'pi.pardot.com' };

beforeEach(() => {
  records.clear();
  knownOrgs = { [PROD]: { host: 'acme.my.salesforce.com', aeHost: 'pi.pardot.com' } };
});

describe('pairing a prospect page that shows only a record id', () => {
  it('pairs with the org known to use the AE host when the record there links back to this prospect', async () => {
    records.set(PROD, new Map([[CONTACT, back(1001)]]));
    expect((await orgForAePage(frame, idOnly, 1001)).session.orgId).toBe(PROD);
  });

  it('does not take the known org on trust: a record there linking to another prospect is not this pair', async () => {
    records.set(PROD, new Map([[CONTACT, back(2002)]]));
    await expect(orgForAePage(frame, idOnly, 1001)).rejects.toMatchObject({ code: 'org-unknown' });
  });

  it('finds the signed-in org whose record links back when the known org’s does not', async () => {
    records.set(PROD, new Map([[CONTACT, back(2002)]]));
    records.set(FULL, new Map([[CONTACT, back(1001)]]));
    expect((await orgForAePage(frame, idOnly, 1001)).session.orgId).toBe(FULL);
  });
});

describe('pairing through the page’s CRM link', () => {
  const linked = { host: 'acme.my.salesforce.com', object: 'Contact' as const, recordId: CONTACT };

  it('refuses a linked record whose back-link names another prospect', async () => {
    records.set(PROD, new Map([[CONTACT, back(2002)]]));
    await expect(orgForAePage(frame, linked, 1001)).rejects.toMatchObject({ code: 'link-mismatch' });
  });

  it('refuses a linked record whose back-link is empty: nothing says it is this prospect’s', async () => {
    records.set(PROD, new Map([[CONTACT, null]]));
    await expect(orgForAePage(frame, linked, 1001)).rejects.toMatchObject({ code: 'link-mismatch' });
  });

  it('takes a back-link it cannot read as proving nothing either way', async () => {
    records.set(PROD, new Map([[CONTACT, 'see Account Engagement']]));
    expect((await orgForAePage(frame, linked, 1001)).session.orgId).toBe(PROD);
  });
});
