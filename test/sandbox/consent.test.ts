/**
 * The person's own opt-out, as the sandbox plays it: the unsubscribe link checks Opted Out and leaves
 * an "Unsubscribe Page" activity on the prospect page, the next sync carries it to Salesforce as the
 * connector's integration user, and Email Opt Out's field history answers SOQL the way Salesforce does
 * (rows by who changed it while tracked; none when not tracked; anything else refused, not guessed).
 */
import { describe, expect, it } from 'vitest';
import { aeSessionCookie, browserSession, call, configure, sync, useSandbox } from './client';

const sb = useSandbox(async (running) => ({
  sid: await browserSession(running),
  cookie: await aeSessionCookie(running),
}));
const BEN = 1002; // opted out in AE only: his Contact's Email Opt Out is unchecked
const contactOf = (prospectId: number) =>
  sb.running.sandbox.org.prospects.get(prospectId)?.salesforceContactId as string;

const soql = (query: string) =>
  call(sb.running, {
    path: `/services/data/v62.0/query?q=${encodeURIComponent(query)}`,
    headers: { authorization: `Bearer ${sb.session.sid}` },
  });
const historyOf = (contactId: string) =>
  soql(
    `SELECT Field, OldValue, NewValue, CreatedDate, CreatedById, CreatedBy.Name FROM ContactHistory WHERE ContactId = '${contactId}' AND Field = 'HasOptedOutOfEmail' ORDER BY CreatedDate DESC`,
  );
const unsubscribe = (prospectId: number) =>
  call(sb.running, { method: 'POST', path: '/__sandbox/records', body: { op: 'unsubscribe', prospectId } });
const prospectPage = (prospectId: number) =>
  call(sb.running, {
    host: 'pi.pardot.com',
    path: `/prospect/read?id=${prospectId}`,
    headers: { cookie: sb.session.cookie },
  });

describe('the unsubscribe link', () => {
  it('checks Opted Out and draws an "Unsubscribe Page" activity with its time on the prospect page', async () => {
    await call(sb.running, {
      method: 'POST',
      path: '/__sandbox/records',
      body: { prospectId: 1009, set: { optedOut: false } },
    });
    const before = Date.now();
    const reply = await unsubscribe(1009);
    expect(reply.status).toBe(200);
    expect(sb.running.sandbox.org.prospects.get(1009)?.optedOut).toBe(true);
    const page = (await prospectPage(1009)).text;
    const stamp = /Unsubscribe Page: [^<]*<\/td><td class="activity-date"><time datetime="([^"]+)"/.exec(page)?.[1];
    expect(Date.parse(stamp ?? '')).toBeGreaterThanOrEqual(before - 5);
  });

  it('is carried to Salesforce by the next sync, and the history names the connector’s integration user', async () => {
    await unsubscribe(BEN);
    await sync(sb.running);
    expect(sb.running.sandbox.org.records.get(contactOf(BEN))?.HasOptedOutOfEmail).toBe(true);
    const { json: body } = await historyOf(contactOf(BEN));
    expect(body).toMatchObject({
      totalSize: 1,
      records: [
        {
          Field: 'HasOptedOutOfEmail',
          OldValue: false,
          NewValue: true,
          CreatedBy: { Name: 'B2BMA Integration' },
        },
      ],
    });
  });

  it('is refused for a prospect that does not exist, and an unknown op is refused', async () => {
    expect((await unsubscribe(999_999)).status).toBe(404);
    const reply = await call(sb.running, {
      method: 'POST',
      path: '/__sandbox/records',
      body: { op: 'resubscribe', prospectId: BEN },
    });
    expect(reply.status).toBe(400);
  });
});

describe('Email Opt Out field history', () => {
  it('keeps no rows while the field is not tracked, and the query answers an empty result', async () => {
    await configure(sb.running, { emailOptOutHistoryTracked: false });
    await unsubscribe(BEN);
    await sync(sb.running);
    expect(sb.running.sandbox.org.records.get(contactOf(BEN))?.HasOptedOutOfEmail).toBe(true);
    expect((await historyOf(contactOf(BEN))).json).toEqual({ totalSize: 0, done: true, records: [] });
  });

  it('names the user for a change made in Salesforce, newest first', async () => {
    const contact = contactOf(BEN);
    await call(sb.running, {
      method: 'POST',
      path: '/__sandbox/records',
      body: { recordId: contact, set: { HasOptedOutOfEmail: true } },
    });
    const { json: body } = await historyOf(contact);
    expect(body).toMatchObject({ records: [{ NewValue: true, CreatedBy: { Name: 'Sandbox Admin' } }] });
  });

  it('refuses a query shape it does not parse instead of guessing', async () => {
    const reply = await soql(`SELECT Field FROM ContactHistory WHERE CreatedDate > YESTERDAY`);
    expect(reply.status).toBe(400);
    expect(reply.text).toContain('MALFORMED_QUERY');
    const lead = await soql(`SELECT Field FROM LeadHistory WHERE ContactId = '${contactOf(BEN)}'`);
    expect(lead.status).toBe(400);
  });
});

describe('the activity table switch', () => {
  it('draws no activity table when the page does not show one', async () => {
    expect((await prospectPage(BEN)).text).toContain('Prospect Activities');
    await configure(sb.running, { aeActivitiesShown: false });
    expect((await prospectPage(BEN)).text).not.toContain('Prospect Activities');
  });
});
