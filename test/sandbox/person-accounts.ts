/**
 * REST for Accounts, business and person, as far as the extension and an admin's tools use it.
 *
 * - A person account shows its person contact's fields on the Account: standard ones with the
 *   `Person` prefix (`PersonEmail`, `PersonHasOptedOutOfEmail`), custom ones (AE's `pi__` fields
 *   included) with `__pc` for `__c` (Change Data Capture Developer Guide, "Change Events for Person
 *   Accounts" (https://developer.salesforce.com/docs/atlas.en-us.change_data_capture.meta/change_data_capture/cdc_standard_objects_person_account.htm): "the contact custom field ends with the __pc [suffix]"; Object Reference, "Account", https://developer.salesforce.com/docs/atlas.en-us.object_reference.meta/object_reference/sforce_api_objects_account.htm).
 * - `IsPersonAccount` and `PersonContactId` tell a person account from a business one (SOAP API
 *   Developer Guide, "Person Account Record Types", https://developer.salesforce.com/docs/atlas.en-us.api.meta/api/sforce_api_guidelines_personaccounts.htm).
 * - An org without person accounts has none of these fields: INVALID_FIELD, as for any unknown
 *   column.
 * - A person account's `Name` cannot be written (Salesforce Inspector issue #38: "Account: bad
 *   field names on insert/update call: Name", INVALID_FIELD_FOR_INSERT_UPDATE).
 */
import type { Exchange } from './http';
import { id18 } from './ids';
import type { Org, SalesforceAccount, SalesforceRecord } from './model';
import { salesforceTime } from './model';
import type { LogEntry, Sandbox } from './sandbox';
import { patchedFields, sfError } from './sf-rest';

const ACCOUNT_FIELDS = ['Id', 'Name', 'LastModifiedDate'];
/** The person fields, each with the person contact's field it shows. */
const PERSON_FIELDS: Record<string, keyof SalesforceRecord | null> = {
  IsPersonAccount: null,
  PersonContactId: null,
  PersonEmail: 'Email',
  PersonHasOptedOutOfEmail: 'HasOptedOutOfEmail',
  pi__url__pc: 'pi__url__c',
  pi__pardot_hard_bounced__pc: 'pi__pardot_hard_bounced__c',
};
const PERSON_UPDATEABLE = new Set(['PersonEmail', 'PersonHasOptedOutOfEmail', 'pi__url__pc']);

function fieldName(sandbox: Sandbox, name: string): string | null {
  const known = [...ACCOUNT_FIELDS, ...(sandbox.config.personAccounts ? Object.keys(PERSON_FIELDS) : [])];
  return known.find((field) => field.toLowerCase() === name.toLowerCase()) ?? null;
}

function personContact(org: Org, account: SalesforceAccount): SalesforceRecord | null {
  return account.personContactId ? (org.records.get(account.personContactId) ?? null) : null;
}

function accountValue(sandbox: Sandbox, org: Org, account: SalesforceAccount, field: string): unknown {
  const contact = personContact(org, account);
  if (field === 'Id') return account.Id;
  if (field === 'Name') return contact ? `${contact.FirstName} ${contact.LastName}` : account.Name;
  if (field === 'LastModifiedDate') return contact?.LastModifiedDate ?? salesforceTime(sandbox.now());
  if (field === 'IsPersonAccount') return Boolean(contact);
  if (field === 'PersonContactId') return contact?.Id ?? null;
  const source = PERSON_FIELDS[field];
  if (!source) return null;
  if (!contact) return field === 'PersonHasOptedOutOfEmail' || field === 'pi__pardot_hard_bounced__pc' ? false : null;
  const value = contact[source];
  if (field === 'pi__url__pc' && typeof value === 'string' && sandbox.config.backLinkScheme === 'https') {
    return value.replace(/^http:/, 'https:');
  }
  return value;
}

function accountJson(sandbox: Sandbox, org: Org, version: string, account: SalesforceAccount, fields: string[]) {
  const json: Record<string, unknown> = {
    attributes: { type: 'Account', url: `/services/data/${version}/sobjects/Account/${account.Id}` },
  };
  for (const field of fields) json[field] = accountValue(sandbox, org, account, field);
  return json;
}

/** The fields a request names, or the name of the first one this org does not have. */
function resolve(sandbox: Sandbox, names: string[]): { fields: string[] } | { unknown: string } {
  const fields: string[] = [];
  for (const name of names) {
    const field = fieldName(sandbox, name);
    if (!field) return { unknown: name };
    fields.push(field);
  }
  return { fields };
}

type Context = { sandbox: Sandbox; x: Exchange; org: Org; version: string; actor: string; auth: LogEntry['auth'] };

/** GET, PATCH and describe of `sobjects/Account…`; true when it answered. */
export function handleAccountRest(context: Context, rest: string): boolean {
  const { sandbox, x, org, version } = context;
  if (rest === '/sobjects/Account/describe' && x.method === 'GET') {
    const names = [...ACCOUNT_FIELDS, ...(sandbox.config.personAccounts ? Object.keys(PERSON_FIELDS) : [])];
    sendJsonOk(x, {
      name: 'Account',
      keyPrefix: '001',
      fields: names.map((name) => ({
        name,
        label: name === 'PersonHasOptedOutOfEmail' ? 'Email Opt Out' : name,
        type: name === 'Id' ? 'id' : /^(Is|PersonHas|pi__pardot_hard)/.test(name) ? 'boolean' : 'string',
        updateable: name === 'Name' || PERSON_UPDATEABLE.has(name),
      })),
    });
    return true;
  }
  const match = /^\/sobjects\/Account\/([^/]+)$/.exec(rest);
  if (!match) return false;
  const id = decodeURIComponent(match[1] as string);
  const account = id18(id) ? org.accounts.get(id18(id) as string) : undefined;
  if (!account) {
    sfError(x, 404, 'NOT_FOUND', `Provided external ID field does not exist or is not accessible: ${id}`);
    return true;
  }
  if (x.method === 'GET') {
    const requested = (x.url.searchParams.get('fields') ?? ACCOUNT_FIELDS.join(',')).split(',').map((f) => f.trim());
    const found = resolve(sandbox, requested);
    if ('unknown' in found) sfError(x, 400, 'INVALID_FIELD', `No such column '${found.unknown}' on entity 'Account'.`);
    else sendJsonOk(x, accountJson(sandbox, org, version, account, found.fields));
    return true;
  }
  if (x.method === 'PATCH') {
    patchAccount(context, account);
    return true;
  }
  sfError(x, 405, 'METHOD_NOT_ALLOWED', `HTTP Method '${x.method}' not allowed.`);
  return true;
}

function patchAccount({ sandbox, x, org, actor, auth }: Context, account: SalesforceAccount) {
  const contact = personContact(org, account);
  const clean = patchedFields(x, {
    object: 'Account',
    field: (name) => fieldName(sandbox, name),
    writable: (field) => (contact ? PERSON_UPDATEABLE.has(field) : field === 'Name'),
    notWritable: (field) => `Account: bad field names on insert/update call: ${field}`,
    emailOptOut: 'PersonHasOptedOutOfEmail',
  });
  if (!clean) return;
  const changed: Record<string, unknown> = {};
  if (contact) {
    const now = sandbox.now();
    for (const [field, value] of Object.entries(clean)) {
      const source = PERSON_FIELDS[field] as keyof SalesforceRecord;
      if (contact[source] === value) continue;
      changed[field] = value;
      if (source === 'HasOptedOutOfEmail') contact.emailOptOutChangedAt = new Date(now).toISOString();
      const before = contact.HasOptedOutOfEmail;
      Object.assign(contact, { [source]: value });
      // Kept in the Account's field history, by the user who wrote it (see emailOptOutHistoryOf).
      if (source === 'HasOptedOutOfEmail') {
        const user = sandbox.orgs.flatMap((o) => o.users).find((u) => u.username === actor);
        sandbox.recordEmailOptOutChange(contact, before, user?.id ?? actor);
      }
    }
    // One record as far as the user sees: the Account and its person contact change together.
    contact.LastModifiedDate = salesforceTime(now);
  } else if (typeof clean.Name === 'string' && clean.Name !== account.Name) {
    changed.Name = clean.Name;
    account.Name = clean.Name;
  }
  sandbox.record({
    kind: 'api',
    route: 'sf-rest:PATCH',
    actor,
    wrote: { object: 'Account', id: account.Id, fields: clean },
    changed,
    auth,
  });
  x.res.writeHead(204);
  x.res.end();
}

/** `SELECT … FROM Account WHERE …`: equality conditions on the fields this org's Account has. */
export function queryAccounts(
  { sandbox, x, org, version }: Context,
  query: { fields: string[]; conditions: { field: string; values: unknown[] }[]; limit?: number },
): void {
  const found = resolve(sandbox, [...query.fields, ...query.conditions.map((c) => c.field)]);
  if ('unknown' in found)
    return sfError(x, 400, 'INVALID_FIELD', `No such column '${found.unknown}' on entity 'Account'.`);
  const fields = found.fields.slice(0, query.fields.length);
  const same = (field: string, actual: unknown, wanted: unknown) =>
    field === 'Id' || field === 'PersonContactId'
      ? actual !== null && id18(String(wanted)) === actual
      : actual === wanted;
  let accounts = [...org.accounts.values()].filter((account) =>
    query.conditions.every((c) => {
      const field = fieldName(sandbox, c.field) as string;
      const actual = accountValue(sandbox, org, account, field);
      return c.values.some((wanted) => same(field, actual, wanted));
    }),
  );
  if (query.limit !== undefined) accounts = accounts.slice(0, query.limit);
  sendJsonOk(x, {
    totalSize: accounts.length,
    done: true,
    records: accounts.map((account) => accountJson(sandbox, org, version, account, fields)),
  });
}

function sendJsonOk(x: Exchange, body: unknown) {
  x.res.writeHead(200, { 'content-type': 'application/json;charset=UTF-8' });
  x.res.end(JSON.stringify(body));
}
