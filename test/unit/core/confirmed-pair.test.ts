/** Whether what a read shows now is still the pair and email the admin confirmed: one rule for every check. */
import { describe, expect, it } from 'vitest';
import { type ConfirmedPair, type PairNow, pairRefusal, sameEmail } from '../../../src/core/confirmed-pair';

const confirmed: ConfirmedPair = {
  email: 'Aiko.Tanaka@example.com',
  recordId: '0035g00000AbCdEAAV',
  aeHost: 'pi.pardot.com',
  prospectId: 1001,
};
const asConfirmed: PairNow = {
  recordEmail: 'aiko.tanaka@example.com',
  prospectEmail: 'AIKO.TANAKA@EXAMPLE.COM',
  prospectCrmId: '0035g00000AbCdEAAV',
  recordBackLink: 'http://pi.pardot.com/prospect/read?id=1001',
};

describe('the pair as read now, against the one confirmed', () => {
  it.each([
    ['both sides as confirmed, the emails in another case', asConfirmed, null],
    ['the prospect linking by the 15-character id', { ...asConfirmed, prospectCrmId: '0035g00000AbCdE' }, null],
    [
      'the prospect linking to another Contact',
      { ...asConfirmed, prospectCrmId: '0035g00000ZzZzZAAF' },
      'link-mismatch',
    ],
    ['the prospect linking to no record any more', { ...asConfirmed, prospectCrmId: null }, 'not-linked'],
    ['the prospect’s link empty', { ...asConfirmed, prospectCrmId: '' }, 'not-linked'],
    [
      'the record’s back-link naming another prospect',
      { ...asConfirmed, recordBackLink: 'http://pi.pardot.com/prospect/read?id=2002' },
      'link-mismatch',
    ],
    [
      'the record’s back-link naming the prospect at another AE host',
      { ...asConfirmed, recordBackLink: 'https://pi.demo.pardot.com/prospect/read?id=1001' },
      'link-mismatch',
    ],
    ['the record’s back-link empty (proves nothing)', { ...asConfirmed, recordBackLink: null }, null],
    ['the record’s back-link unreadable (proves nothing)', { ...asConfirmed, recordBackLink: 'not a link' }, null],
    ['the record’s email changed', { ...asConfirmed, recordEmail: 'someone@example.com' }, 'link-mismatch'],
    ['the record’s email emptied', { ...asConfirmed, recordEmail: null }, 'link-mismatch'],
    ['the record’s email blank', { ...asConfirmed, recordEmail: '  ' }, 'link-mismatch'],
    ['the prospect’s email changed', { ...asConfirmed, prospectEmail: 'aiko@example.org' }, 'link-mismatch'],
    ['the prospect’s email empty', { ...asConfirmed, prospectEmail: '' }, 'link-mismatch'],
    ['a page that could not show the prospect’s email (left out)', { prospectCrmId: '0035g00000AbCdEAAV' }, null],
    ['a page that showed neither email nor link', {}, null],
  ] as const)('%s', (_case, now, refusal) => {
    expect(pairRefusal(confirmed, now)).toBe(refusal);
  });

  it('never passes a confirmation of an empty email, whatever the read shows', () => {
    expect(pairRefusal({ ...confirmed, email: '' }, {})).toBe('link-mismatch');
    expect(pairRefusal({ ...confirmed, email: '' }, { ...asConfirmed, recordEmail: '', prospectEmail: '' })).toBe(
      'link-mismatch',
    );
  });
});

describe('two email addresses', () => {
  it.each([
    ['Aiko@Example.com', 'aiko@example.com', true],
    ['aiko@example.com', 'aiko@example.org', false],
    ['', '', false],
    [null, null, false],
    ['aiko@example.com', undefined, false],
  ] as const)('%o and %o are the same one: %o', (a, b, same) => {
    expect(sameEmail(a, b)).toBe(same);
  });
});
