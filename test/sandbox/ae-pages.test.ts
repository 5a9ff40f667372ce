/**
 * The sandbox draws Account Engagement's pages as public evidence describes
 * them (test/sandbox/ae-prospect-page.ts names each source): if these fail,
 * every e2e result about the AE page is built on the wrong picture.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { aeSessionCookie, call, configure, formOf, saveOnAePage, useSandbox } from './client';
import { SECOND_UNIT_PROSPECTS } from './model';

const sb = useSandbox(async (running) => ({ cookie: await aeSessionCookie(running) }));
const ae = (path: string, headers: Record<string, string> = {}) =>
  call(sb.running, { host: 'pi.pardot.com', path, headers: { cookie: sb.session.cookie, ...headers } });
const AIKO = 1001;
const prospect = (id: number) => sb.running.sandbox.org.prospects.get(id);
const lastPageWrite = () => sb.running.sandbox.log.filter((entry) => entry.kind === 'page' && entry.wrote).at(-1);

describe('the Mailability layout (the default since Winter ’22)', () => {
  it('shows Status, Opted Out and Do Not Email as True/False in value cells, and links the Lead/Contact by an icon', async () => {
    const page = (await ae(`/prospect/read/id/${AIKO}`)).text;
    expect(page).toMatch(
      /<td class="label">Status<\/td><td class="value breakword">Mailable, Transactional Emails Only</,
    );
    expect(page).toMatch(/<td class="label">Opted Out<\/td><td class="value breakword">True</);
    expect(page).toMatch(/<td class="label">Do Not Email<\/td><td class="value breakword">False</);
    const contact = prospect(AIKO)?.salesforceContactId;
    expect(page).toContain(`href="https://sandbox.my.salesforce.com/${contact}"`);
    expect(page).not.toMatch(/CRM Contact/);
    expect(page).toContain('accesskey="e"');
  });

  it('opens an edit form whose mailability controls are selects with the account’s own ids, behind a toggle', async () => {
    const { optedOut, doNotEmail } = sb.running.sandbox.org.aeFieldIds;
    const form = (await ae(`/prospect/edit/id/${AIKO}?ajax=1`)).text;
    expect(form).toContain(`id="toggle-mailable-inputs-${AIKO}"`);
    expect(form).toContain(`<select id="default_field_${optedOut}" name="default_field_${optedOut}">`);
    expect(form).toContain(`<select id="default_field_${doNotEmail}" name="default_field_${doNotEmail}">`);
    expect(form).toMatch(/<option value="1" selected>True<\/option><option value="0">False<\/option>/);
    expect(form).toContain('id="saveProspectButton"');
    expect(optedOut).not.toBe(doNotEmail);
  });

  it('writes every field of the posted form, and keeps the rendered form beside it in the log', async () => {
    const reply = await saveOnAePage(sb.running, sb.session.cookie, AIKO, false);
    expect(reply.status).toBe(303);
    expect(prospect(AIKO)?.optedOut).toBe(false);
    const write = lastPageWrite();
    expect(Object.keys(write?.wrote?.fields ?? {}).sort()).toEqual(
      ['company', 'email', 'firstName', 'isDoNotEmail', 'jobTitle', 'lastName', 'optedOut'].sort(),
    );
    expect(write?.changed).toEqual({ optedOut: false });
    const { optedOut } = sb.running.sandbox.org.aeFieldIds;
    expect(write?.form?.rendered?.[`default_field_${optedOut}`]).toBe('1');
    expect(write?.form?.posted[`default_field_${optedOut}`]).toBe('0');
  });

  it('lets a stale form overwrite a field changed since it was drawn', async () => {
    const form = formOf((await ae(`/prospect/edit/id/${AIKO}?ajax=1`)).text);
    const record = prospect(AIKO);
    if (record) record.jobTitle = 'Head of Buying';
    const reply = await call(sb.running, {
      host: 'pi.pardot.com',
      method: 'POST',
      path: `/prospect/update/id/${AIKO}`,
      form,
      headers: { cookie: sb.session.cookie },
    });
    expect(reply.status).toBe(303);
    expect(prospect(AIKO)?.jobTitle).toBe('Buyer');
    expect(lastPageWrite()?.changed).toEqual({ jobTitle: 'Buyer' });
  });

  it('has no Opted Out control for a role without “Update Opted Out Field”, and a post cannot change it', async () => {
    await configure(sb.running, { aeUserCanEditOptedOut: false });
    const { optedOut, doNotEmail } = sb.running.sandbox.org.aeFieldIds;
    const form = (await ae(`/prospect/edit/id/${AIKO}?ajax=1`)).text;
    expect(form).not.toContain(`default_field_${optedOut}`);
    expect(form).toContain(`default_field_${doNotEmail}`);
    await saveOnAePage(sb.running, sb.session.cookie, AIKO, false);
    expect(prospect(AIKO)?.optedOut).toBe(true);
  });

  it('refuses a form posted without the session’s CSRF token', async () => {
    const reply = await call(sb.running, {
      host: 'pi.pardot.com',
      method: 'POST',
      path: `/prospect/update/id/${AIKO}`,
      form: { email: 'x@example.com' },
      headers: { cookie: sb.session.cookie },
    });
    expect(reply.status).toBe(403);
    expect(prospect(AIKO)?.email).toBe('aiko.tanaka@sandbox.example');
  });

  it('speaks Japanese: 「オプトアウト済み」 and True/False', async () => {
    await configure(sb.running, { locale: 'ja' });
    const page = (await ae(`/prospect/read/id/${AIKO}`)).text;
    expect(page).toMatch(/<td class="label">オプトアウト済み<\/td><td class="value breakword">True</);
    expect(page).toContain('メール送信除外');
  });
});

describe('the classic layout (toBe Marketing’s 2019 screenshots)', () => {
  beforeEach(() => configure(sb.running, { aePageLayout: 'classic' }));

  it('shows a checked Opted Out as a check icon with an “Opt In” link, which unchecks it and nothing else', async () => {
    const page = (await ae(`/prospect/read?id=${AIKO}`)).text;
    expect(page).toMatch(
      /<img src="\/__assets\/check.svg" alt="Yes" title="Yes"[^>]*> <a href="#" id="opt-in-link">Opt In<\/a>/,
    );
    const token = formOf(page)._csrf_token ?? '';
    const reply = await call(sb.running, {
      host: 'pi.pardot.com',
      method: 'POST',
      path: `/prospect/optIn/id/${AIKO}`,
      form: { _csrf_token: token },
      headers: { cookie: sb.session.cookie },
    });
    expect(reply.status).toBe(303);
    expect(lastPageWrite()?.wrote?.fields).toEqual({ optedOut: false });
  });

  it('shows Yes/No without the link when that variant is off, and saves through the Additional fields checkbox', async () => {
    await configure(sb.running, { aeOptInLink: false });
    const page = (await ae(`/prospect/read?id=${AIKO}`)).text;
    expect(page).not.toContain('opt-in-link');
    expect(page).toMatch(/<th>Opted Out<\/th><td>Yes<\/td>/);
    expect(page).toMatch(/<input type="checkbox" name="opted_out" checked> Opted Out/);
    await saveOnAePage(sb.running, sb.session.cookie, AIKO, false);
    expect(prospect(AIKO)?.optedOut).toBe(false);
  });
});

describe('an admin in several business units', () => {
  beforeEach(() => configure(sb.running, { aeTopLevelSignIn: false }));

  it('cannot sign in at pi.pardot.com, and gets the refusal on any top-level page', async () => {
    const login = await call(sb.running, { host: 'pi.pardot.com', path: '/__sandbox/login' });
    expect(login.status).toBe(403);
    const page = await ae(`/prospect/read/id/${AIKO}`, { 'sec-fetch-dest': 'document' });
    expect(page.text).toContain('more than one business unit');
    expect(page.text).not.toContain('Opted Out');
  });

  it('sees the prospect page framed by the Lightning app, in the unit the switcher shows', async () => {
    const hop = await call(sb.running, {
      host: 'pi.pardot.com',
      path: `/sso/lightning?next=${encodeURIComponent(`/prospect/read/id/${AIKO}`)}`,
      headers: { 'sec-fetch-dest': 'iframe' },
    });
    expect(String(hop.headers['set-cookie'])).toContain('Partitioned');
    const framed = String(hop.headers['set-cookie']).split(';')[0] ?? '';
    const page = await call(sb.running, {
      host: 'pi.pardot.com',
      path: `/prospect/read/id/${AIKO}`,
      headers: { cookie: framed, 'sec-fetch-dest': 'iframe' },
    });
    expect(page.text).toContain('Sandbox Business Unit');
    expect(page.text).toMatch(/Opted Out/);
    // The other unit's prospect is not in this unit.
    const other = await call(sb.running, {
      host: 'pi.pardot.com',
      path: `/prospect/read/id/${SECOND_UNIT_PROSPECTS[0]}`,
      headers: { cookie: framed, 'sec-fetch-dest': 'iframe' },
    });
    expect(other.status).toBe(404);
  });
});
