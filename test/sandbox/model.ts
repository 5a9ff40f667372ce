/** The sandbox org's data: one org, its business unit, prospects, Leads and Contacts. */
import { id18, makeId } from './ids';

export const OPTED_OUT_SYNC_BEHAVIORS = ['most-recent-record', 'ae', 'salesforce', 'most-recent-field'] as const;
export type SyncBehavior = (typeof OPTED_OUT_SYNC_BEHAVIORS)[number];
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
  /**
   * How Account Engagement draws the prospect page. `mailability` (default): the Mailability
   * section every account has had since Winter '22 (Salesforce release note "Get More Clarity and
   * Control on Email Marketing Settings", Summer '21, https://releasenotes.docs.salesforce.com/en-us/summer21/release-notes/rn_pardot_mailability.htm; made permanent in Winter '22). `classic`: the
   * screens in toBe Marketing's article (Edit → Additional fields → Opted Out checkbox → Save prospect) and the
   * 2016 knowledge base's "Opt In" link. See test/sandbox/ae-prospect-page.ts for each source.
   */
  aePageLayout: 'mailability' | 'classic';
  /**
   * Does the admin's Account Engagement role have "Update Opted Out Field" (Winter '22; on for the
   * Administrator role by default)? Without it the edit form has no Opted Out control.
   */
  aeUserCanEditOptedOut: boolean;
  /** The classic layout's "Opt In" link beside a checked Opted Out on the read page (KB, 2016). */
  aeOptInLink: boolean;
  /**
   * Can the admin sign in at pi.pardot.com itself? Salesforce Help 000381588 (https://help.salesforce.com/s/articleView?id=000381588&type=1): "Salesforce users
   * synced to Account Engagement users in multiple business units will not be able to login to
   * pi.pardot.com. These users should use the Business Unit Switcher in the Account Engagement
   * Lightning App." On (default): the admin is in one business unit. Off: the admin is in both of
   * the org's units, top-level pages answer with that refusal, and the same pages work framed in
   * the Lightning app.
   */
  aeTopLevelSignIn: boolean;
  /**
   * How Account Engagement writes a record's `pi__url__c`: with `http://` (default; public scripts
   * that read the field split on `http://pi.pardot.com/prospect/read?id=`), or `https://`.
   */
  backLinkScheme: 'http' | 'https';
  /**
   * API Access Control ("API client whitelisting"): Salesforce refuses the browser session on REST
   * with 401 INVALID_SESSION_ID "This session is not valid for use with the REST API" (Salesforce
   * Inspector issue #149); an approved connected app's OAuth token still works.
   */
  salesforceApiAccessControl: boolean;
  /**
   * Does the org have person accounts (Setup › Account Settings; Salesforce Help "Person Account
   * Syncing with Salesforce" for how AE syncs with them)? Off (default): Account has no person
   * fields (`IsPersonAccount`, `PersonContactId`, `Person…`, `…__pc`), and REST answers a query or
   * read naming one with INVALID_FIELD. On: `Sandbox.makePersonAccount` turns a Contact into a
   * person account's person contact.
   */
  personAccounts: boolean;
  /**
   * What REST answers to `PATCH sobjects/Contact/{person contact id}`. Nothing public shows the
   * answer for Email Opt Out; Salesforce Help 005305352 (https://help.salesforce.com/s/articleView?id=005305352&type=1) shows a person contact's record type
   * refused through Contact with INSUFFICIENT_ACCESS_OR_READONLY ("Person Account is the primary
   * interface"), so `refused` (default) answers that; `allowed` writes it.
   */
  personContactWrite: 'refused' | 'allowed';
  /**
   * Microsoft Defender for Cloud Apps' session proxy in front of Salesforce (Conditional Access App
   * Control; Microsoft Learn, "Troubleshooting - What is cas.ms, mcas.ms, or mcas-gov.us?": the
   * app's hosts get `.mcas.ms`, `.mcas-gov.us` or `.mcas-gov.ms` appended). `off` (default): those
   * hosts do not exist. `encrypted-session`: the proxy keeps Salesforce's `sid` and gives the
   * browser an encrypted value under the same name (Salesforce Inspector Reloaded PR #239), so only
   * an OAuth token, or a session of the org reached directly, gets to REST. `session-passed-through`:
   * the browser gets the `sid` as Salesforce set it, usable through the proxy (nothing public shows
   * it; kept so the extension is tested where it would be). See test/sandbox/defender-proxy.ts.
   */
  defenderProxy: 'off' | 'encrypted-session' | 'session-passed-through';
  /**
   * With `defenderProxy` on: do Account Engagement's pages come behind the proxy too
   * (`pi.pardot.com.mcas.ms`)? Nothing public shows AE behind Defender for Cloud Apps, and AE is no app
   * of its own there (no Entra SAML app: AE users sign in through Salesforce since Spring '21,
   * sercante.com, "Why Salesforce is Discontinuing Pardot-Only Users & Moving to SSO"). But the proxy
   * "still adds a suffix to domains not associated with the app to ensure a seamless user experience"
   * (Microsoft Learn, "Manual onboarding of apps using Entra ID", "To add domains for an app"), so the
   * AE frame, links and sign-in hop a proxied Salesforce page leads to are proxied: on (default). Off:
   * AE stays at its own host (a proxy that lets it pass), and its proxied hosts do not exist.
   */
  aeBehindDefenderProxy: boolean;
  /** AE API v5 reads answer from a cache this many ms old (reported up to about a minute); 0: none. */
  aeReadLagMs: number;
  /** The code AE API answers a prospect id it does not have with: 109, and also seen 3 and 192. */
  aeMissingProspectCode: 109 | 3 | 192;
  /** Does the AE API take a browser `sid` as a bearer token? Real AE is expected to answer 184. */
  aeAcceptsSessionId: boolean;
  /** What `PATCH prospects/{id}` does with `optedOut`. */
  optedOutApiWrite: 'rejected' | 'ignored' | 'allowed';
  /** The AE host the org lives on; the other one answers like a wrong business unit (201). */
  aeHost: 'pi.pardot.com' | 'pi.demo.pardot.com';
  /**
   * Does the prospect page show the prospect's activity table? Salesforce Help 000383604 (https://help.salesforce.com/s/articleView?id=000383604&type=1; "Account
   * Engagement Prospect Activity Glossary"): "Each prospect record has an Activities table displaying
   * the prospect's actions", each an icon and a description naming the marketing element or email,
   * with its date. On (default). Off: a page (a custom layout, a role without it) that shows none.
   */
  aeActivitiesShown: boolean;
  /**
   * The words the activity table names an activity by. `type-names` (default): the API's visitor
   * activity type names ("Sent", "Open", "Click", "Unsubscribe Page"; pardot/api-docs, "Object Field
   * References"). `glossary`: the names Salesforce Help 000383604 ("Account Engagement Prospect
   * Activity Glossary") lists for email sends and opens, "Email Sent Via List Emails" and "Email HTML
   * Open" (the glossary's words for clicks and unsubscribes could not be read: they stay the type names).
   * Which of the two the real table shows is unverified.
   */
  aeActivityWording: 'type-names' | 'glossary';
  /**
   * Field History Tracking on Email Opt Out (Lead and Contact). On (default): each change is a
   * ContactHistory/LeadHistory row with who made it; the connector's changes are its integration
   * user's (Salesforce Help, "Account Engagement Integration User", https://help.salesforce.com/s/articleView?id=mktg.pardot_sf_connector_integration_user.htm&type=5). Off: Salesforce keeps no rows
   * ("Salesforce starts tracking field history from the date and time that you turn it on": Help,
   * "Field History Tracking"), and a query answers with none.
   */
  emailOptOutHistoryTracked: boolean;
  /**
   * The `Field` of an AccountHistory row for a person account's Email Opt Out. Salesforce documents
   * where the row goes ("Track Object Field History", https://help.salesforce.com/s/articleView?id=xcloud.tracking_field_history_for_standard_objects.htm&type=5: field history tracking for accounts applies to
   * both business and person accounts, and excludes changes made to a person's contact record: the
   * row is the Account's, never a ContactHistory row) but not the name it gives the field. The
   * Account's own name for it (`PersonHasOptedOutOfEmail`, Object Reference "Account") is the
   * default; `HasOptedOutOfEmail` is the contact field's name.
   */
  personAccountHistoryField: 'PersonHasOptedOutOfEmail' | 'HasOptedOutOfEmail';
  /** Marketing Cloud Next's consent objects and its consent matching (see test/sandbox/consent-matching.ts). */
  marketingCloudNextConsent: 'none' | 'subscriptions' | 'consent-matching';
  /**
   * How late each connector pass comes after its business unit's interval, at most, as a share of
   * that interval (each pass drawn anew from 0 to this). The connector is no steady timer: it "checks
   * for changes in Salesforce and in Pardot up to every 2 minutes. If you're updating a large volume
   * of records at a time, it may take longer" (Pardot knowledge base, "When do leads sync with the
   * CRM?", 2016), and "changes to records are synced between Pardot and Salesforce within 2-4 minutes"
   * (Pardot knowledge base, "Prospect Syncing Between Pardot and CRMs Overview", 2016): passes at
   * least an interval apart and at most about two. 1 (default): that; 0: a steady timer.
   */
  syncDelayShare: number;
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
  company: string;
  jobTitle: string;
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
  /** What the prospect did, oldest first, as its page's activity table lists it. */
  activities: ProspectActivity[];
}

/**
 * One prospect activity. `type` and `typeId` follow the API v5 visitor activity types (the
 * pardot/api-docs type list: 6 "Sent", 11 "Open", 12 "Unsubscribe Page", 15 "Email Preference Page",
 * 16 "Resubscribed"); `details` names the email, as the glossary's descriptions do.
 */
export interface ProspectActivity {
  typeId: number;
  type: string;
  details: string;
  at: string;
  /** The email an email activity belongs to (API v5 `emailId`/`listEmailId`; see opt-out-kinds.ts). */
  emailId?: number;
  /** A click's link (the address its tracked link redirects to). */
  link?: string;
}

/** A change of a tracked field, as ContactHistory / LeadHistory (a person account's: AccountHistory) keep it. */
export interface FieldHistoryRow {
  Id: string;
  object: SalesforceObject | 'Account';
  parentId: string;
  Field: string;
  OldValue: unknown;
  NewValue: unknown;
  CreatedDate: string;
  CreatedById: string;
}

export type SalesforceObject = 'Lead' | 'Contact';

/**
 * An Account: a business account, or a person account, whose person contact (a Contact row the
 * org keeps beside it, `PersonContactId`; SOAP API Developer Guide, "Person Account Record Types", https://developer.salesforce.com/docs/atlas.en-us.api.meta/api/sforce_api_guidelines_personaccounts.htm)
 * holds the person's fields, shown on the Account with the `Person` prefix or the `__pc` suffix.
 */
export interface SalesforceAccount {
  Id: string;
  Name: string;
  /** The person contact: a person account's; null for a business account. */
  personContactId: string | null;
}

export interface SalesforceRecord {
  Id: string;
  object: SalesforceObject;
  FirstName: string;
  LastName: string;
  /** Null when the record has none: Email is optional on Leads and Contacts. */
  Email: string | null;
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
  /** A sandbox org (its My Domain is `<name>.sandbox.my.salesforce.com`), or production. */
  isSandbox: boolean;
  users: User[];
  connectedApp: { clientId: string; clientSecret: string };
  businessUnits: BusinessUnit[];
  prospects: Map<number, Prospect>;
  records: Map<string, SalesforceRecord>;
  accounts: Map<string, SalesforceAccount>;
  /** Field history of the records (Email Opt Out), in the order it was written. */
  fieldHistory: FieldHistoryRow[];
  /**
   * The ids Account Engagement gives the Opted Out and Do Not Email controls of the prospect form
   * (`default_field_<number>`): the number differs per account (a public 2023 script for
   * pi.pardot.com/prospect/read/id/<id> hard-codes `default_field_11879` for its Do Not Email).
   */
  aeFieldIds: { optedOut: number; doNotEmail: number };
}

const ORG_ID = '00D5g000004SbOxEAK';
/** A business account: its page gets no overlay. */
export const BUSINESS_ACCOUNT_ID = id18('0015g00000BuSnS') as string;
export const BUSINESS_UNIT_ID = id18('0Uv5g000000CaYZ') as string;
/**
 * A second business unit whose Opted Out field is not mapped to Salesforce: units that had not
 * chosen an Opted Out sync behaviour by the November 2023 deadline (circlace forum, 2023) were
 * left unmapped. The admin is only in it when `aeTopLevelSignIn` is off (a multi-unit admin).
 */
export const SECOND_BUSINESS_UNIT_ID = id18('0Uv5g000000CbLg') as string;
/** The second unit's prospects (their own Leads/Contacts: a record syncs with one business unit). */
export const SECOND_UNIT_PROSPECTS = [2001, 2002];
export const ADMIN: User = {
  id: id18('0055g00000AdMnI') as string,
  username: 'admin@sandbox.example',
  password: 'sandbox',
  name: 'Sandbox Admin',
  email: 'admin@sandbox.example',
};

/**
 * The connector's user: Salesforce Help, "Account Engagement Integration User": "It's named B2BMA
 * Integration, with the username b2bmaintegration@<org-id>.ext", with the "B2BMA Integration User"
 * profile; "Changes that happen as the result of the Salesforce connector are attributed to the
 * integration user". It has no password and cannot log in: it is not in `Org.users`.
 */
export const INTEGRATION_USER = {
  id: id18('0055g00000B2bMa') as string,
  username: `b2bmaintegration@${ORG_ID}.ext`,
  name: 'B2BMA Integration',
};

export function defaultConfig(): SandboxConfig {
  return {
    locale: 'en',
    aePageLayout: 'mailability',
    aeUserCanEditOptedOut: true,
    aeOptInLink: true,
    aeTopLevelSignIn: true,
    backLinkScheme: 'http',
    salesforceApiAccessControl: false,
    aeReadLagMs: 0,
    aeMissingProspectCode: 109,
    aeAcceptsSessionId: false,
    optedOutApiWrite: 'rejected',
    aeHost: 'pi.pardot.com',
    personAccounts: false,
    defenderProxy: 'off',
    aeBehindDefenderProxy: true,
    personContactWrite: 'refused',
    aeActivitiesShown: true,
    aeActivityWording: 'type-names',
    emailOptOutHistoryTracked: true,
    personAccountHistoryField: 'PersonHasOptedOutOfEmail',
    marketingCloudNextConsent: 'none',
    accessTokenLifetimeMs: 2 * 60 * 60 * 1000,
    aePerMinuteLimit: 1000,
    syncDelayShare: 1,
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
const SEEDS: Seed[] = [
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

const FIRST_PROSPECT_ID = 1001;

const SECOND_UNIT_SEEDS: Seed[] = [
  {
    first: 'Jun',
    last: 'Ono',
    email: 'jun.ono@sandbox.example',
    prospectOptedOut: true,
    recordOptedOut: true,
    object: 'Contact',
  },
  {
    first: 'Kei',
    last: 'Sano',
    email: 'kei.sano@sandbox.example',
    prospectOptedOut: true,
    recordOptedOut: false,
    object: 'Lead',
  },
];

export function seedOrg(now: number, extraLinkedPairs = 0, random: () => number = Math.random): Org {
  const fieldBase = 10_000 + Math.floor(random() * 80_000);
  const org: Org = {
    id: ORG_ID,
    myDomain: 'sandbox',
    isSandbox: false,
    users: [ADMIN],
    connectedApp: { clientId: 'sandbox-client', clientSecret: 'sandbox-secret' },
    businessUnits: seededBusinessUnits(),
    prospects: new Map(),
    records: new Map(),
    // Every org has business accounts: the company its Contacts work for.
    accounts: new Map([
      [BUSINESS_ACCOUNT_ID, { Id: BUSINESS_ACCOUNT_ID, Name: 'Sandbox Trading', personContactId: null }],
    ]),
    fieldHistory: [],
    aeFieldIds: { optedOut: fieldBase, doNotEmail: fieldBase + 6 },
  };
  // Everything was last edited an hour ago and synced since: no pending changes.
  const edited = new Date(now - 3_600_000).toISOString();
  const synced = new Date(now - 60_000).toISOString();
  seededPeople(extraLinkedPairs).forEach(({ seed, prospectId, unit }, index) => {
    const record = seed.object ? seededRecord(seed, seed.object, prospectId, index, edited) : null;
    if (record) org.records.set(record.Id, record);
    org.prospects.set(prospectId, seededProspect(seed, prospectId, unit, record?.Id ?? null, edited, synced));
  });
  return org;
}

/** The org's two business units: the first maps Opted Out to Email Opt Out, the legacy one does not. */
function seededBusinessUnits(): BusinessUnit[] {
  return [
    {
      id: BUSINESS_UNIT_ID,
      name: 'Sandbox Business Unit',
      active: true,
      overwriteOptedOut: false,
      optedOutSyncBehavior: 'most-recent-record',
      optedOutMapped: true,
      syncIntervalMs: 120_000,
    },
    {
      id: SECOND_BUSINESS_UNIT_ID,
      name: 'Legacy Business Unit',
      active: true,
      overwriteOptedOut: false,
      optedOutSyncBehavior: 'most-recent-record',
      optedOutMapped: false,
      syncIntervalMs: 120_000,
    },
  ];
}

/** Who is seeded, in order: the first unit's people and extra linked pairs, then the second unit's people. */
function seededPeople(extraLinkedPairs: number): { seed: Seed; prospectId: number; unit: string }[] {
  const seeds = [...SEEDS, ...extraLinkedPairSeeds(extraLinkedPairs)];
  const people = seeds.map((seed, index) => ({ seed, prospectId: FIRST_PROSPECT_ID + index, unit: BUSINESS_UNIT_ID }));
  SECOND_UNIT_SEEDS.forEach((seed, index) => {
    people.push({ seed, prospectId: SECOND_UNIT_PROSPECTS[index] as number, unit: SECOND_BUSINESS_UNIT_ID });
  });
  return people;
}

/** The extra linked pairs a load test asks for: opted out on both sides, Contacts and Leads in turn. */
function extraLinkedPairSeeds(count: number): Seed[] {
  const seeds: Seed[] = [];
  for (let i = 0; i < count; i++) {
    seeds.push({
      first: 'Load',
      last: `Test ${i + 1}`,
      email: `load${i + 1}@sandbox.example`,
      prospectOptedOut: true,
      recordOptedOut: true,
      object: i % 2 ? 'Lead' : 'Contact',
    });
  }
  return seeds;
}

/** The Lead or Contact a seeded person is in Salesforce, linked back to its prospect. */
function seededRecord(
  seed: Seed,
  object: SalesforceObject,
  prospectId: number,
  index: number,
  edited: string,
): SalesforceRecord {
  return {
    Id: makeId(object === 'Contact' ? '003' : '00Q', index + 1),
    object,
    FirstName: seed.first,
    LastName: seed.last,
    Email: seed.email,
    HasOptedOutOfEmail: seed.recordOptedOut ?? false,
    LastModifiedDate: salesforceTime(Date.parse(edited)),
    CreatedDate: salesforceTime(Date.parse(edited)),
    pi__url__c: `http://pi.pardot.com/prospect/read?id=${prospectId}`,
    pi__pardot_hard_bounced__c: seed.hardBounced ?? false,
    pi__score__c: 10 + index,
    pi__last_activity__c: null,
    emailOptOutChangedAt: edited,
    IsDeleted: false,
  };
}

/** The prospect a seeded person is in Account Engagement, linked to its record (if it has one). */
function seededProspect(
  seed: Seed,
  prospectId: number,
  unit: string,
  recordId: string | null,
  edited: string,
  synced: string,
): Prospect {
  return {
    id: prospectId,
    businessUnitId: unit,
    email: seed.email,
    firstName: seed.first,
    lastName: seed.last,
    company: `${seed.last} Trading`,
    jobTitle: 'Buyer',
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
    activities: seededActivities(seed, edited),
  };
}

/** An opted-out prospect unsubscribed once, before the sandbox's hour-old edit. */
function seededActivities(seed: Seed, edited: string): ProspectActivity[] {
  return seed.prospectOptedOut ? [unsubscribeActivity(Date.parse(edited) - 86_400_000)] : [];
}

/**
 * A full-copy sandbox of the org: the same records under the same ids, with the same back-links
 * (a full copy copies data as it is), and no Account Engagement of its own.
 */
const FULL_COPY_ORG_ID = '00D7e000000FuLlEAK';
export function fullCopyOf(org: Org): Org {
  return {
    ...org,
    id: FULL_COPY_ORG_ID,
    myDomain: `${org.myDomain}--full`,
    isSandbox: true,
    businessUnits: [],
    prospects: new Map(),
    records: new Map([...org.records].map(([id, record]) => [id, { ...record }])),
    accounts: new Map([...org.accounts].map(([id, account]) => [id, { ...account }])),
    fieldHistory: [],
  };
}

/** The org's My Domain host, where REST is served, and its Lightning host. */
export const myDomainHost = (org: Org) => `${org.myDomain}${org.isSandbox ? '.sandbox' : ''}.my.salesforce.com`;
export const lightningHost = (org: Org) => `${org.myDomain}${org.isSandbox ? '.sandbox' : ''}.lightning.force.com`;

export function linkedRecord(org: Org, prospect: Prospect): SalesforceRecord | null {
  const id = prospect.salesforceContactId ?? prospect.salesforceLeadId;
  return id ? (org.records.get(id) ?? null) : null;
}

export function findRecord(org: Org, id: string): SalesforceRecord | null {
  const full = id18(id);
  return full ? (org.records.get(full) ?? null) : null;
}

/**
 * Where a change of Email Opt Out is kept: in the Lead's or Contact's history, but a person
 * contact's in its person account's AccountHistory ("Track Object Field History", Salesforce Help:
 * "Field history tracking for accounts applies to both business and person accounts" and "excludes
 * the changes made to a person's contact record"), under the name `personAccountHistoryField` says.
 */
export function emailOptOutHistoryOf(
  config: Pick<SandboxConfig, 'personAccounts' | 'personAccountHistoryField'>,
  org: Org,
  record: SalesforceRecord,
) {
  const account = config.personAccounts
    ? [...org.accounts.values()].find((a) => a.personContactId === record.Id)
    : undefined;
  return account
    ? { object: 'Account' as const, parentId: account.Id, Field: config.personAccountHistoryField }
    : { object: record.object, parentId: record.Id, Field: 'HasOptedOutOfEmail' };
}

/** What the email's unsubscribe link leaves on the prospect: an "Unsubscribe Page" activity (type 12). */
export function unsubscribeActivity(at: number, email = 'Sandbox Newsletter'): ProspectActivity {
  return { typeId: 12, type: 'Unsubscribe Page', details: email, at: new Date(at).toISOString() };
}
