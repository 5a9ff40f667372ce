/**
 * What every sobject resource of the sandbox's Salesforce REST shares (Lead and Contact in
 * salesforce-api.ts, Account in person-accounts.ts): its errors, and how it reads a record's PATCH.
 *
 * - An error answers with its status and a JSON array of `{ message, errorCode }`; a body that
 *   cannot be understood is a 400 (REST API Developer Guide, "Status Codes and Error Responses").
 * - A PATCH body is a JSON object of field names, in any case; `attributes`, which REST's own
 *   record JSON carries, is passed over. An unknown field is INVALID_FIELD, a field the user
 *   cannot write INVALID_FIELD_FOR_INSERT_UPDATE (each sobject gives its own message), a boolean
 *   given anything else JSON_PARSER_ERROR.
 */
import { type Exchange, sendJson } from './http';

export function sfError(x: Exchange, status: number, errorCode: string, message: string) {
  sendJson(x.res, status, [{ message, errorCode }]);
}

/** What a PATCH may set on one sobject. */
export interface PatchRules {
  object: string;
  /** A field's name as the sobject spells it, from the name in any case; nothing for an unknown one. */
  field: (name: string) => string | null | undefined;
  writable: (field: string) => boolean;
  /** The message of INVALID_FIELD_FOR_INSERT_UPDATE for a field that cannot be written. */
  notWritable: (field: string) => string;
  /** Email Opt Out, as this sobject names it: JSON booleans only. */
  emailOptOut: string;
}

/**
 * The fields a record's PATCH sets, each known and writable, by the sobject's own names; or null,
 * the error Salesforce gives already sent.
 */
export function patchedFields(x: Exchange, rules: PatchRules): Record<string, unknown> | null {
  let changes: unknown;
  try {
    changes = JSON.parse(x.body || '{}');
  } catch {
    sfError(x, 400, 'JSON_PARSER_ERROR', 'The request body is not valid JSON.');
    return null;
  }
  if (!changes || typeof changes !== 'object' || Array.isArray(changes)) {
    sfError(x, 400, 'JSON_PARSER_ERROR', 'Expected a JSON object.');
    return null;
  }
  const clean: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(changes)) {
    if (name === 'attributes') continue;
    const field = rules.field(name);
    if (!field) {
      sfError(x, 400, 'INVALID_FIELD', `No such column '${name}' on sobject of type ${rules.object}`);
      return null;
    }
    if (!rules.writable(field)) {
      sfError(x, 400, 'INVALID_FIELD_FOR_INSERT_UPDATE', rules.notWritable(field));
      return null;
    }
    if (field === rules.emailOptOut && typeof value !== 'boolean') {
      sfError(x, 400, 'JSON_PARSER_ERROR', `Cannot deserialize instance of boolean from ${JSON.stringify(value)}`);
      return null;
    }
    clean[field] = value;
  }
  return clean;
}
