/** Which writer takes each side, for every kind of org the extension meets. */
import { describe, expect, it } from 'vitest';
import type { Side } from '../../../src/core/sync-model';
import { chooseWriters, type WhatTheOrgAccepts, writesToStart } from '../../../src/core/writers';

const both: Side[] = ['ae', 'salesforce'];
const oauthNeverTried: WhatTheOrgAccepts = { aeApiTakesOptedOut: 'unknown', aeApiToken: true };

describe('the writers an opt-in uses', () => {
  it.each([
    [
      'an org whose AE API took Opted Out before (OAuth with the Pardot API scope)',
      both,
      { aeApiTakesOptedOut: 'works', aeApiToken: true },
      { ae: 'api', salesforce: 'rest' },
    ],
    ['an org whose AE API was never tried, with OAuth', both, oauthNeverTried, { ae: 'api-first', salesforce: 'rest' }],
    [
      'an org with only the browser session, AE not having refused it yet',
      both,
      { aeApiTakesOptedOut: 'unknown', aeApiToken: true },
      { ae: 'api-first', salesforce: 'rest' },
    ],
    [
      'an org whose AE refused the browser session (error 184), without OAuth',
      both,
      { aeApiTakesOptedOut: 'unknown', aeApiToken: false },
      { ae: 'page', salesforce: 'rest' },
    ],
    [
      'an org whose AE API refused or ignored Opted Out before (error 180)',
      both,
      { aeApiTakesOptedOut: 'refused', aeApiToken: true },
      { ae: 'page', salesforce: 'rest' },
    ],
    [
      'an org whose AE API took Opted Out once, now with no token AE accepts (no business unit known)',
      both,
      { aeApiTakesOptedOut: 'works', aeApiToken: false },
      { ae: 'page', salesforce: 'rest' },
    ],
    [
      'an org where only Salesforce is still checked (a person account or a proxied session alike)',
      ['salesforce'],
      oauthNeverTried,
      { ae: null, salesforce: 'rest' },
    ],
    ['an org where only AE is still checked', ['ae'], oauthNeverTried, { ae: 'api-first', salesforce: null }],
    [
      'an org where only AE is checked and its AE API refuses Opted Out',
      ['ae'],
      { aeApiTakesOptedOut: 'refused', aeApiToken: true },
      { ae: 'page', salesforce: null },
    ],
  ] as const)('%s', (_org, sides, accepts, writers) => {
    expect(chooseWriters(sides, accepts)).toEqual(writers);
  });

  it('after the AE API refused Opted Out on its first try, takes the AE side to the page', () => {
    expect(chooseWriters(both, { ...oauthNeverTried, aeApiTakesOptedOut: 'refused' }).ae).toBe('page');
  });
});

describe('the writes a job puts on record as started', () => {
  it.each([
    [{ ae: 'api', salesforce: 'rest' }, ['ae api', 'salesforce api']],
    [{ ae: 'api-first', salesforce: 'rest' }, ['ae api', 'salesforce api']],
    [{ ae: 'page', salesforce: 'rest' }, ['ae page', 'salesforce api']],
    [{ ae: 'page', salesforce: null }, ['ae page']],
    [{ ae: null, salesforce: 'rest' }, ['salesforce api']],
  ] as const)('%o: %o', (writers, started) => {
    expect(writesToStart(writers).map(({ side, method }) => `${side} ${method}`)).toEqual(started);
  });
});
