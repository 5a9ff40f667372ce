/**
 * Salesforce Tasks, as much as an honest subset needs: creation by REST and one query shape.
 *
 * - Creation: REST API Developer Guide, "Create a Record" (https://developer.salesforce.com/docs/atlas.en-us.api_rest.meta/api_rest/dome_sobject_create.htm): `POST /services/data/vXX.X/sobjects/Task/`
 *   with a JSON body answers `201 Created` and `{ "id": "00T…", "success": true, "errors": [] }`.
 * - Fields: Object Reference, "Task" (https://developer.salesforce.com/docs/atlas.en-us.object_reference.meta/object_reference/sforce_api_objects_task.htm): `WhoId` is "the ID of a related Contact or Lead" (one lead, or
 *   contacts); `Status` is required (the picklist's "Completed" closes it); `Priority` defaults to
 *   "Normal"; `ActivityDate` is a date (YYYY-MM-DD); `Subject` up to 255 characters; `Description`
 *   up to 32,000. Task ids start with the key prefix `00T`. An unknown field answers
 *   `INVALID_FIELD`, a `WhoId` that is no Lead or Contact `FIELD_INTEGRITY_EXCEPTION`.
 * - Query: SOQL `SELECT <fields> FROM Task WHERE WhoId = '…' [AND (Subject LIKE '…' [OR Subject
 *   LIKE '…'])] [ORDER BY CreatedDate [ASC|DESC]] [LIMIT n]`; `CreatedBy.Name` comes back nested, as
 *   relationship fields do ("SOQL and SOSL Reference", relationship queries). Anything else is
 *   refused as malformed rather than guessed at.
 *
 * Every Task written is in the sandbox's log as a write of object `Task`, so tests and chaos see it.
 */
import { type Exchange, sendJson } from './http';
import { id18, makeId } from './ids';
import { findRecord, INTEGRATION_USER, type Org, salesforceTime } from './model';
import type { Sandbox } from './sandbox';

export interface TaskRecord {
  Id: string;
  WhoId: string;
  Subject: string;
  Description: string;
  Status: string;
  Priority: string;
  ActivityDate: string | null;
  CreatedDate: string;
  CreatedById: string;
}

const tasks = new WeakMap<Org, TaskRecord[]>();
let serial = 0;

/** The org's Tasks, in the order they were created. */
export function tasksOf(org: Org): TaskRecord[] {
  const list = tasks.get(org) ?? [];
  tasks.set(org, list);
  return list;
}

const CREATEABLE = ['WhoId', 'Subject', 'Description', 'Status', 'Priority', 'ActivityDate', 'TaskSubtype'];
const STATUSES = ['Not Started', 'In Progress', 'Completed', 'Waiting on someone else', 'Deferred'];

function error(x: Exchange, status: number, errorCode: string, message: string) {
  sendJson(x.res, status, [{ message, errorCode, fields: [] }]);
}

/** `POST /sobjects/Task`: one Task on a Lead or Contact of this org. */
export function createTask(
  sandbox: Sandbox,
  x: Exchange,
  org: Org,
  route: string,
  user: { id: string; username: string },
) {
  let body: Record<string, unknown>;
  try {
    body = JSON.parse(x.body || '{}');
  } catch {
    return error(x, 400, 'JSON_PARSER_ERROR', 'The request body is not valid JSON.');
  }
  if (!body || typeof body !== 'object' || Array.isArray(body)) {
    return error(x, 400, 'JSON_PARSER_ERROR', 'Expected a JSON object.');
  }
  const unknown = Object.keys(body).find((name) => name !== 'attributes' && !CREATEABLE.includes(name));
  if (unknown) return error(x, 400, 'INVALID_FIELD', `No such column '${unknown}' on sobject of type Task`);
  const whoId = id18(String(body.WhoId ?? ''));
  const who = whoId ? findRecord(org, whoId) : undefined;
  if (!whoId || !who || who.IsDeleted) {
    return error(x, 400, 'FIELD_INTEGRITY_EXCEPTION', `Name ID: id value of incorrect type: ${String(body.WhoId)}`);
  }
  const status = String(body.Status ?? 'Not Started');
  if (!STATUSES.includes(status)) {
    return error(
      x,
      400,
      'INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST',
      `Status: bad value for restricted picklist field: ${status}`,
    );
  }
  const date = body.ActivityDate == null ? null : String(body.ActivityDate);
  if (date !== null && !/^\d{4}-\d{2}-\d{2}$/.test(date)) {
    return error(x, 400, 'JSON_PARSER_ERROR', `Cannot deserialize instance of date from VALUE_STRING value ${date}`);
  }
  const subject = String(body.Subject ?? '');
  const description = String(body.Description ?? '');
  if (subject.length > 255) return error(x, 400, 'STRING_TOO_LONG', 'Subject: data value too large');
  if (description.length > 32_000) return error(x, 400, 'STRING_TOO_LONG', 'Description: data value too large');
  const task: TaskRecord = {
    Id: makeId('00T', ++serial),
    WhoId: who.Id,
    Subject: subject,
    Description: description,
    Status: status,
    Priority: String(body.Priority ?? 'Normal'),
    ActivityDate: date,
    CreatedDate: salesforceTime(sandbox.now()),
    CreatedById: user.id,
  };
  tasksOf(org).push(task);
  const fields = Object.fromEntries(Object.entries(body).filter(([name]) => name !== 'attributes'));
  sandbox.record({
    kind: 'api',
    route,
    actor: user.username,
    wrote: { object: 'Task', id: task.Id, fields },
    changed: fields,
  });
  sendJson(x.res, 201, { id: task.Id, success: true, errors: [] });
}

const TASK_FIELDS = [
  'Id',
  'WhoId',
  'Subject',
  'Description',
  'Status',
  'ActivityDate',
  'CreatedDate',
  'CreatedById',
  'CreatedBy.Name',
];

/** A LIKE pattern as SOQL reads it: `%` any run, `_` one character, case-insensitive. */
function like(pattern: string): RegExp {
  const body = pattern
    .replace(/\\'/g, "'")
    .split('')
    .map((c) => (c === '%' ? '.*' : c === '_' ? '.' : c.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')))
    .join('');
  return new RegExp(`^${body}$`, 'is');
}

/** `SELECT … FROM Task WHERE WhoId = '…' …`: the one query shape the sandbox answers. */
export function taskQuery(x: Exchange, org: Org, soql: string) {
  const match =
    /^\s*SELECT\s+(.+?)\s+FROM\s+Task\s+WHERE\s+WhoId\s*=\s*'([a-zA-Z0-9]{15,18})'(?:\s+AND\s+\(?((?:\s*(?:OR\s+)?Subject\s+LIKE\s+'(?:[^'\\]|\\.)*')+)\s*\)?)?(?:\s+ORDER\s+BY\s+CreatedDate(?:\s+(ASC|DESC))?)?(?:\s+LIMIT\s+(\d+))?\s*$/i.exec(
      soql,
    );
  if (!match) return error(x, 400, 'MALFORMED_QUERY', 'unexpected token in query');
  const fields = (match[1] as string).split(',').map((f) => f.trim());
  const unknown = fields.find((field) => !TASK_FIELDS.some((known) => known.toLowerCase() === field.toLowerCase()));
  if (unknown) return error(x, 400, 'INVALID_FIELD', `No such column '${unknown}' on entity 'Task'.`);
  const whoId = id18(match[2] as string);
  const patterns = [...(match[3] ?? '').matchAll(/LIKE\s+'((?:[^'\\]|\\.)*)'/gi)].map((m) => like(m[1] as string));
  let rows = tasksOf(org).filter(
    (task) => task.WhoId === whoId && (!patterns.length || patterns.some((p) => p.test(task.Subject))),
  );
  rows = [...rows].sort((a, b) => a.CreatedDate.localeCompare(b.CreatedDate));
  if ((match[4] ?? '').toUpperCase() === 'DESC') rows.reverse();
  if (match[5]) rows = rows.slice(0, Number(match[5]));
  const nameOf = (id: string) => [...org.users, INTEGRATION_USER].find((user) => user.id === id)?.name ?? id;
  const records = rows.map((task) => {
    const json: Record<string, unknown> = {
      attributes: { type: 'Task', url: `/services/data/v62.0/sobjects/Task/${task.Id}` },
    };
    for (const field of fields) {
      const known = TASK_FIELDS.find((k) => k.toLowerCase() === field.toLowerCase()) as string;
      if (known === 'CreatedBy.Name') json.CreatedBy = { attributes: { type: 'User' }, Name: nameOf(task.CreatedById) };
      else json[known] = task[known as keyof TaskRecord];
    }
    return json;
  });
  sendJson(x.res, 200, { totalSize: records.length, done: true, records });
}
