/**
 * Salesforce record ids: 15 characters, case-sensitive, or 18 characters
 * where the last three encode the case of the first fifteen so the id
 * survives case-insensitive tools. We always compare in the 18-character form.
 */

const SUFFIX_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ012345';
const ID_CHARACTERS = /^[a-zA-Z0-9]+$/;

/**
 * The objects whose Email Opt Out syncs with a prospect's Opted Out: a Lead, a Contact, or a
 * person account (an Account whose person contact the prospect syncs with; Salesforce Help,
 * "Person Account Syncing with Salesforce"), whose Email Opt Out is `PersonHasOptedOutOfEmail`.
 */
export const SALESFORCE_OBJECTS = ['Lead', 'Contact', 'Account'] as const;
export type SalesforceObject = (typeof SALESFORCE_OBJECTS)[number];

/** Key prefixes of the objects whose Email Opt Out syncs with a prospect. */
const KEY_PREFIX: Record<SalesforceObject, string> = {
  Contact: '003',
  Lead: '00Q',
  Account: '001',
};

function checksumSuffix(id15: string): string {
  let suffix = '';
  for (let block = 0; block < 3; block++) {
    let bits = 0;
    for (let position = 0; position < 5; position++) {
      const character = id15.charAt(block * 5 + position);
      if (character >= 'A' && character <= 'Z') bits |= 1 << position;
    }
    suffix += SUFFIX_ALPHABET.charAt(bits);
  }
  return suffix;
}

/**
 * The 18-character form of a valid id, or null when the text is not a
 * Salesforce id (wrong length, stray characters, or an 18-character id whose
 * suffix does not match its first fifteen characters).
 */
export function toId18(id: string): string | null {
  if (!ID_CHARACTERS.test(id)) return null;
  if (id.length === 15) return id + checksumSuffix(id);
  if (id.length === 18) {
    const id15 = id.slice(0, 15);
    return id.slice(15).toUpperCase() === checksumSuffix(id15) ? id15 + checksumSuffix(id15) : null;
  }
  return null;
}

export function sameRecordId(a: string, b: string): boolean {
  const a18 = toId18(a);
  return a18 !== null && a18 === toId18(b);
}

/** Which of our objects an id belongs to, by its key prefix. */
export function objectOfId(id: string): SalesforceObject | null {
  if (toId18(id) === null) return null;
  const prefix = id.slice(0, 3);
  return SALESFORCE_OBJECTS.find((object) => KEY_PREFIX[object] === prefix) ?? null;
}

/** Business unit ids are `0Uv` records, always handled as 18 characters. */
export function toBusinessUnitId(id: string): string | null {
  const id18 = toId18(id.trim());
  return id18?.startsWith('0Uv') ? id18 : null;
}
