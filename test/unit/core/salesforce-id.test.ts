import { describe, expect, it } from 'vitest';
import { objectOfId, sameRecordId, toBusinessUnitId, toId18 } from '../../../src/core/salesforce-id';

describe('Salesforce ids', () => {
  it('adds the checksum suffix Salesforce shows for a 15-character id', () => {
    // Known pair: the suffix encodes which of the 15 characters are upper case.
    expect(toId18('0035g00000AbCdE')).toBe('0035g00000AbCdEAAV');
    expect(toId18('00Q5g00000XyZ12')).toBe('00Q5g00000XyZ12EAF');
    expect(toId18('001000000000000')).toBe('001000000000000AAA');
    expect(toId18('ZZZZZZZZZZZZZZZ')).toBe('ZZZZZZZZZZZZZZZ555');
  });

  it('accepts an 18-character id whose suffix matches, in either case', () => {
    expect(toId18('0035g00000AbCdEAAV')).toBe('0035g00000AbCdEAAV');
    expect(toId18('0035g00000AbCdEaav')).toBe('0035g00000AbCdEAAV');
  });

  it('refuses ids with a wrong suffix, a wrong length or stray characters', () => {
    expect(toId18('0035g00000AbCdEAAA')).toBeNull();
    expect(toId18('0035g00000AbCd')).toBeNull();
    expect(toId18('0035g00000AbCdEAA')).toBeNull();
    expect(toId18('0035g00000AbC-E')).toBeNull();
    expect(toId18('')).toBeNull();
  });

  it('compares 15- and 18-character forms as one record, but not ids differing only in case', () => {
    expect(sameRecordId('0035g00000AbCdE', '0035g00000AbCdEAAV')).toBe(true);
    expect(sameRecordId('0035g00000abcde', '0035g00000AbCdE')).toBe(false);
  });

  it('knows Contacts (003), Leads (00Q) and Accounts (001, for person accounts) and nothing else', () => {
    expect(objectOfId('0035g00000AbCdE')).toBe('Contact');
    expect(objectOfId('00Q5g00000XyZ12EAF')).toBe('Lead');
    expect(objectOfId('0015g00000AbCdE')).toBe('Account');
    expect(objectOfId('0065g00000AbCdE')).toBeNull();
  });

  it('accepts only 0Uv ids as business units', () => {
    expect(toBusinessUnitId(' 0Uv5g000000CaYZ ')).toBe('0Uv5g000000CaYZCA0');
    expect(toBusinessUnitId('0035g00000AbCdE')).toBeNull();
  });
});
