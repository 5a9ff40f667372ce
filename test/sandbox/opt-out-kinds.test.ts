/**
 * Every kind of opt-out the sandbox plays leaves its own trace: on the prospect page's activity list and
 * in API v5 visitor activities (a scanner: sent, every link clicked and the unsubscribe within seconds;
 * a person: the unsubscribe hours after the send; an import, a rule or a user: nothing new).
 */
import { describe, expect, it } from 'vitest';
import { aeSessionCookie, call, configure, oauthToken, useSandbox } from './client';
import { BUSINESS_UNIT_ID } from './model';
import { NEWSLETTER, OPT_OUT_KINDS } from './opt-out-kinds';

const sb = useSandbox(async (running) => ({
  token: await oauthToken(running),
  cookie: await aeSessionCookie(running),
}));
const PROSPECT = 1009;

const optOut = (kind: string, prospectId = PROSPECT) =>
  call(sb.running, { method: 'POST', path: '/__sandbox/records', body: { op: 'opt-out', prospectId, kind } });
const activities = (query: string) =>
  call(sb.running, {
    host: 'pi.pardot.com',
    path: `/api/v5/objects/visitor-activities?${query}`,
    headers: { authorization: `Bearer ${sb.session.token}`, 'pardot-business-unit-id': BUSINESS_UNIT_ID },
  });
const FIELDS = 'fields=id,type,details,emailId,createdAt';
const page = async () =>
  (
    await call(sb.running, {
      host: 'pi.pardot.com',
      path: `/prospect/read?id=${PROSPECT}`,
      headers: { cookie: sb.session.cookie },
    })
  ).text;
const clear = () =>
  Object.assign(sb.running.sandbox.org.prospects.get(PROSPECT) ?? {}, { optedOut: false, activities: [] });

describe('the kinds of opt-out', () => {
  it.each(OPT_OUT_KINDS)('%s checks Opted Out', async (kind) => {
    clear();
    expect((await optOut(kind)).status).toBe(200);
    expect(sb.running.sandbox.org.prospects.get(PROSPECT)?.optedOut).toBe(true);
  });

  it('a link scanner: sent, a click on every link of the email and the unsubscribe, all within seconds', async () => {
    clear();
    await optOut('link-scanner');
    const { json } = await activities(`${FIELDS}&prospectId=${PROSPECT}&orderBy=createdAt%20ASC`);
    const values = (json as { values: { type: number; details: string; emailId: number; createdAt: string }[] }).values;
    expect(values.map((v) => v.type)).toEqual([6, 1, 1, 1, 12]);
    expect(new Set(values.map((v) => v.emailId))).toEqual(new Set([NEWSLETTER.id]));
    expect(values.filter((v) => v.type === 1).map((v) => v.details)).toEqual(NEWSLETTER.links);
    const span = Date.parse(values.at(-1)?.createdAt ?? '') - Date.parse(values[0]?.createdAt ?? '');
    expect(span).toBeLessThan(10_000);
    // The page draws the same, each click naming its link after the email.
    const html = await page();
    for (const link of NEWSLETTER.links)
      expect(html).toContain(`Click: ${NEWSLETTER.name} — <a class="activity-link" href="${link}">`);
  });

  it('names sends and opens as the glossary does where the wording switch says so', async () => {
    clear();
    await optOut('person');
    expect(await page()).toContain(`Sent: ${NEWSLETTER.name}`);
    await configure(sb.running, { aeActivityWording: 'glossary' });
    const html = await page();
    expect(html).toContain(`Email Sent Via List Emails: ${NEWSLETTER.name}`);
    expect(html).toContain(`Email HTML Open: ${NEWSLETTER.name}`);
    expect(html).toContain(`Unsubscribe Page: ${NEWSLETTER.name}`);
    await configure(sb.running, { aeActivityWording: 'type-names' });
  });

  it('a person: the unsubscribe hours after the send, without a burst', async () => {
    clear();
    await optOut('person');
    const { json } = await activities(`${FIELDS}&prospectId=${PROSPECT}&orderBy=createdAt%20DESC&limit=10`);
    const values = (json as { values: { type: number; createdAt: string }[] }).values;
    expect(values[0]?.type).toBe(12);
    const sent = values.find((v) => v.type === 6);
    expect(Date.parse(values[0]?.createdAt ?? '') - Date.parse(sent?.createdAt ?? '')).toBeGreaterThan(3_600_000);
    expect(values.filter((v) => v.type === 1)).toHaveLength(1);
  });

  it.each(['import', 'automation-rule', 'user'])('%s leaves no activity', async (kind) => {
    clear();
    await optOut(kind);
    const { json } = await activities(`${FIELDS}&prospectId=${PROSPECT}`);
    expect((json as { values: unknown[] }).values).toEqual([]);
  });

  it('refuses an unknown kind, and a query without fields or with an unknown filter, as v5 does', async () => {
    expect((await optOut('gremlin')).status).toBe(400);
    expect((await activities(`prospectId=${PROSPECT}`)).json).toMatchObject({ code: 4 });
    expect((await activities(`${FIELDS}&email=a@example.com`)).json).toMatchObject({ code: 4 });
  });
});
