/** The sandbox org's data: one org, its business unit, prospects, Leads and Contacts. */
import { id18, makeId } from './ids';

export type SyncBehavior = 'most-recent-record' | 'ae' | 'salesforce' | 'most-recent-field';
export type Locale = 'en' | 'ja';

export interface BusinessUnit {
  id: string;
  name: string;
  active: boolean;
  overwriteOptedOut: boolean;
  optedOutSyncBehavior: SyncBehavior;
  /** Is Opted Out mapped to the Salesforce field HasOptedOutOfEmail at all? */
  optedOutMapped: boolean;
  /** 0 turns the timer off: syncs then run only through POST /__sandbox/sync. */
  syncIntervalMs: number;
}

export interface SandboxConfig {
  locale: Locale;
  /** Does the AE API take a browser `sid` as a bearer token? Real AE is expected to answer 184. */
  aeAcceptsSessionId: boolean;
  /** What `PATCH prospects/{id}` does with `optedOut`. */
  optedOutApiWrite: 'rejected' | 'ignored' | 'allowed';
  /** The AE host the org lives on; the other one answers like a wrong business unit (201). */
  aeHost: 'pi.pardot.com' | 'pi.demo.pardot.com';
  accessTokenLifetimeMs: number;
  aePerMinuteLimit: number;
  aeDailyLimit: number;
  sfDailyLimit: number;
}

export interface Prospect {
  id: number;
  businessUnitId: string;
  email: string;
  firstName: string;
  lastName: string;
  optedOut: boolean;
  isDoNotEmail: boolean;
  isEmailHardBounced: boolean;
  emailBouncedAt: string | null;
  salesforceLeadId: string | null;
  salesforceContactId: string | null;
  salesforceLastSync: string | null;
  createdAt: string;
  updatedAt: string;
  /** When optedOut last changed: Field History for "most recently updated field". */
  optedOutUpdatedAt: string;
  isDeleted: boolean;
}

export type SalesforceObject = 'Lead' | 'Contact';

export interface SalesforceRecord {
  Id: string;
  object: SalesforceObject;
  FirstName: string;
  LastName: string;
  Email: string;
  HasOptedOutOfEmail: boolean;
  LastModifiedDate: string;
  CreatedDate: string;
  pi__url__c: string | null;
  pi__pardot_hard_bounced__c: boolean;
  pi__score__c: number;
  pi__last_activity__c: string | null;
  /** Field History Tracking on Email Opt Out. */
  emailOptOutChangedAt: string;
  IsDeleted: boolean;
}

export interface User {
  id: string;
  username: string;
  password: string;
  name: string;
  email: string;
}

export interface Org {
  id: string;
  myDomain: string;
  users: User[];
  connectedApp: { clientId: string; clientSecret: string };
  businessUnits: BusinessUnit[];
  prospects: Map<number, Prospect>;
  records: Map<string, SalesforceRecord>;
}

export const ORG_ID = '00D5g000004SbOxEAK';
export const BUSINESS_UNIT_ID = id18('0Uv5g000000CaYZ') as string;
export const ADMIN: User = {
  id: id18('0055g00000AdMnI') as string,
  username: 'admin@sandbox.example',
  password: 'sandbox',
  name: 'Sandbox Admin',
  email: 'admin@sandbox.example',
};

export function defaultConfig(): SandboxConfig {
  return {
    locale: 'en',
    aeAcceptsSessionId: false,
    optedOutApiWrite: 'rejected',
    aeHost: 'pi.pardot.com',
    accessTokenLifetimeMs: 2 * 60 * 60 * 1000,
    aePerMinuteLimit: 1000,
    aeDailyLimit: 25_000,
    sfDailyLimit: 15_000,
  };
}

export function salesforceTime(ms: number): string {
  return new Date(ms).toISOString().replace('Z', '+0000');
}

interface Seed {
  first: string;
  last: string;
  email: string;
  prospectOptedOut: boolean;
  recordOptedOut?: boolean;
  object?: SalesforceObject;
  doNotEmail?: boolean;
  hardBounced?: boolean;
}

/** The seeded people, in the states an admin meets (see README "Sandbox org"). */
export const SEEDS: Seed[] = [
  {
    first: 'Aiko',
    last: 'Tanaka',
    email: 'aiko.tanaka@sandbox.example',
    prospectOptedOut: true,
    recordOptedOut: true,
    object: 'Contact',
  },
  {
    first: 'Ben',
    last: 'Carter',
    email: 'ben.carter@sandbox.example',
    prospectOptedOut: true,
    recordOptedOut: false,
    object: 'Contact',
  },
  {
    first: 'Chie',
    last: 'Sato',
    email: 'chie.sato@sandbox.example',
    prospectOptedOut: false,
    recordOptedOut: true,
    object: 'Lead',
  },
  {
    first: 'Dan',
    last: 'Hill',
    email: 'dan.hill@sandbox.example',
    prospectOptedOut: true,
    recordOptedOut: true,
    object: 'Contact',
    doNotEmail: true,
    hardBounced: true,
  },
  { first: 'Emi', last: 'Ito', email: 'emi.ito@sandbox.example', prospectOptedOut: true },
  {
    first: 'Fumi',
    last: 'Kato',
    email: 'shared@sandbox.example',
    prospectOptedOut: true,
    recordOptedOut: true,
    object: 'Lead',
  },
  {
    first: 'Gen',
    last: 'Mori',
    email: 'shared@sandbox.example',
    prospectOptedOut: true,
    recordOptedOut: true,
    object: 'Contact',
  },
  {
    first: 'Hana',
    last: 'Abe',
    email: 'hana.abe@sandbox.example',
    prospectOptedOut: true,
    recordOptedOut: true,
    object: 'Lead',
  },
  {
    first: 'Ian',
    last: 'Wu',
    email: 'ian.wu@sandbox.example',
    prospectOptedOut: false,
    recordOptedOut: false,
    object: 'Contact',
  },
];

export const FIRST_PROSPECT_ID = 1001;

export function seedOrg(now: number, extraLinkedPairs = 0): Org {
  const org: Org = {
    id: ORG_ID,
    myDomain: 'sandbox',
    users: [ADMIN],
    connectedApp: { clientId: 'sandbox-client', clientSecret: 'sandbox-secret' },
    businessUnits: [
      {
        id: BUSINESS_UNIT_ID,
        name: 'Sandbox Business Unit',
        active: true,
        overwriteOptedOut: false,
        optedOutSyncBehavior: 'most-recent-record',
        optedOutMapped: true,
        syncIntervalMs: 120_000,
      },
    ],
    prospects: new Map(),
    records: new Map(),
  };
  // Everything was last edited an hour ago and synced since: no pending changes.
  const edited = new Date(now - 3_600_000).toISOString();
  const synced = new Date(now - 60_000).toISOString();
  const seeds = [...SEEDS];
  for (let i = 0; i < extraLinkedPairs; i++) {
    seeds.push({
      first: 'Load',
      last: `Test ${i + 1}`,
      email: `load${i + 1}@sandbox.example`,
      prospectOptedOut: true,
      recordOptedOut: true,
      object: i % 2 ? 'Lead' : 'Contact',
    });
  }
  seeds.forEach((seed, index) => {
    const prospectId = FIRST_PROSPECT_ID + index;
    let recordId: string | null = null;
    if (seed.object) {
      recordId = makeId(seed.object === 'Contact' ? '003' : '00Q', index + 1);
      org.records.set(recordId, {
        Id: recordId,
        object: seed.object,
        FirstName: seed.first,
        LastName: seed.last,
        Email: seed.email,
        HasOptedOutOfEmail: seed.recordOptedOut ?? false,
        LastModifiedDate: salesforceTime(Date.parse(edited)),
        CreatedDate: salesforceTime(Date.parse(edited)),
        pi__url__c: `https://pi.pardot.com/prospect/read?id=${prospectId}`,
        pi__pardot_hard_bounced__c: seed.hardBounced ?? false,
        pi__score__c: 10 + index,
        pi__last_activity__c: null,
        emailOptOutChangedAt: edited,
        IsDeleted: false,
      });
    }
    org.prospects.set(prospectId, {
      id: prospectId,
      businessUnitId: BUSINESS_UNIT_ID,
      email: seed.email,
      firstName: seed.first,
      lastName: seed.last,
      optedOut: seed.prospectOptedOut,
      isDoNotEmail: seed.doNotEmail ?? false,
      isEmailHardBounced: seed.hardBounced ?? false,
      emailBouncedAt: seed.hardBounced ? edited : null,
      salesforceLeadId: seed.object === 'Lead' ? recordId : null,
      salesforceContactId: seed.object === 'Contact' ? recordId : null,
      salesforceLastSync: recordId ? synced : null,
      createdAt: edited,
      updatedAt: edited,
      optedOutUpdatedAt: edited,
      isDeleted: false,
    });
  });
  return org;
}

export function linkedRecord(org: Org, prospect: Prospect): SalesforceRecord | null {
  const id = prospect.salesforceContactId ?? prospect.salesforceLeadId;
  return id ? (org.records.get(id) ?? null) : null;
}

export function findRecord(org: Org, id: string): SalesforceRecord | null {
  const full = id18(id);
  return full ? (org.records.get(full) ?? null) : null;
}
