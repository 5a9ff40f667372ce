/** The sandbox answers like Salesforce and Account Engagement do, errors included. */
import { createHash, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { browserSession, call, configure, oauthToken, useSandbox } from './client';
import { BUSINESS_UNIT_ID, SECOND_BUSINESS_UNIT_ID } from './model';

const sb = useSandbox(async (running) => ({ sid: await browserSession(running), token: await oauthToken(running) }));

const CONTACT = () => [...sb.running.sandbox.org.records.values()].find((r) => r.object === 'Contact')?.Id as string;

const rest = (path: string, init: { method?: string; body?: object; auth?: string } = {}) =>
  call(sb.running, {
    method: init.method ?? 'GET',
    path: `/services/data/v62.0/${path}`,
    headers: { authorization: `Bearer ${init.auth ?? sb.session.sid}` },
    body: init.body,
  });

const ae = (
  path: string,
  init: { method?: string; body?: object; auth?: string | null; bu?: string | null; host?: string } = {},
) => {
  const headers: Record<string, string> = {};
  if (init.auth !== null) headers.authorization = `Bearer ${init.auth ?? sb.session.token}`;
  if (init.bu !== null) headers['pardot-business-unit-id'] = init.bu ?? BUSINESS_UNIT_ID;
  return call(sb.running, {
    host: init.host ?? 'pi.pardot.com',
    method: init.method ?? 'GET',
    path: `/api/v5/objects/${path}`,
    headers,
    body: init.body,
  });
};

describe('browser session', () => {
  it('sets an HttpOnly, Secure sid cookie that starts with the org id and "!"', async () => {
    const reply = await call(sb.running, {
      method: 'POST',
      path: '/login',
      form: { username: 'admin@sandbox.example', password: 'sandbox' },
    });
    const cookie = String(reply.headers['set-cookie']);
    expect(cookie).toMatch(/^sid=00D5g000004SbOx!/);
    expect(cookie).toContain('HttpOnly');
    expect(cookie).toContain('Secure');
  });

  it('refuses a wrong password with the login page again, and no cookie', async () => {
    const reply = await call(sb.running, {
      method: 'POST',
      path: '/login',
      form: { username: 'admin@sandbox.example', password: 'nope' },
    });
    expect(reply.headers['set-cookie']).toBeUndefined();
    expect(reply.text).toContain('check your username and password');
  });
});

describe('Salesforce REST', () => {
  it('returns only the fields asked for, by 15- or 18-character id', async () => {
    const reply = await rest(`sobjects/Contact/${CONTACT().slice(0, 15)}?fields=Email,HasOptedOutOfEmail,pi__url__c`);
    expect(reply.status).toBe(200);
    expect(reply.json).toEqual({
      attributes: expect.objectContaining({ type: 'Contact' }),
      Email: 'aiko.tanaka@sandbox.example',
      HasOptedOutOfEmail: true,
      pi__url__c: 'http://pi.pardot.com/prospect/read?id=1001',
    });
  });

  it('writes the back-link with http:// as Account Engagement does, or https:// when told to', async () => {
    await configure(sb.running, { backLinkScheme: 'https' });
    const reply = await rest(`sobjects/Contact/${CONTACT()}?fields=pi__url__c`);
    expect(reply.json).toMatchObject({ pi__url__c: 'https://pi.pardot.com/prospect/read?id=1001' });
  });

  it('refuses the browser session under API Access Control, but not an approved app’s token', async () => {
    await configure(sb.running, { salesforceApiAccessControl: true });
    const refused = await rest(`sobjects/Contact/${CONTACT()}?fields=Email`);
    expect(refused.status).toBe(401);
    expect(refused.json).toEqual([
      { errorCode: 'INVALID_SESSION_ID', message: 'This session is not valid for use with the REST API' },
    ]);
    const approved = await rest(`sobjects/Contact/${CONTACT()}?fields=Email`, { auth: sb.session.token });
    expect(approved.status).toBe(200);
  });

  it('serves a full-copy sandbox of the org: the same record ids, its own sessions', async () => {
    const fullCopy = 'sandbox--full.sandbox.my.salesforce.com';
    const login = await call(sb.running, { host: fullCopy, path: '/__sandbox/login' });
    const fullSid = decodeURIComponent(/sid=([^;]+)/.exec(String(login.headers['set-cookie']))?.[1] ?? '');
    expect(fullSid).toMatch(/^00D7e000000FuLl!/);
    const path = `/services/data/v62.0/sobjects/Contact/${CONTACT()}?fields=Email`;
    const copy = await call(sb.running, { host: fullCopy, path, headers: { authorization: `Bearer ${fullSid}` } });
    expect(copy.status).toBe(200);
    // Each org takes only its own sessions.
    const crossed = await call(sb.running, {
      host: fullCopy,
      path,
      headers: { authorization: `Bearer ${sb.session.sid}` },
    });
    expect(crossed.status).toBe(401);
    const kind = await call(sb.running, {
      host: fullCopy,
      path: `/services/data/v62.0/query?q=${encodeURIComponent('SELECT IsSandbox FROM Organization')}`,
      headers: { authorization: `Bearer ${fullSid}` },
    });
    expect(kind.json).toMatchObject({ records: [{ IsSandbox: true }] });
  });

  it('updates Email Opt Out with PATCH and answers 204', async () => {
    const reply = await rest(`sobjects/Contact/${CONTACT()}`, { method: 'PATCH', body: { HasOptedOutOfEmail: false } });
    expect(reply.status).toBe(204);
    expect(sb.running.sandbox.org.records.get(CONTACT())?.HasOptedOutOfEmail).toBe(false);
  });

  it('answers with Salesforce error shapes', async () => {
    const expired = await rest(`sobjects/Contact/${CONTACT()}`, { auth: 'nonsense' });
    expect(expired.status).toBe(401);
    expect(expired.json).toEqual([{ message: 'Session expired or invalid', errorCode: 'INVALID_SESSION_ID' }]);
    expect((await rest(`sobjects/Contact/${CONTACT()}?fields=Nope`)).json).toEqual([
      expect.objectContaining({ errorCode: 'INVALID_FIELD' }),
    ]);
    expect((await rest('sobjects/Contact/0035g0000000999')).status).toBe(404);
    expect((await rest(`sobjects/Lead/${CONTACT()}`)).json).toEqual([
      expect.objectContaining({ errorCode: 'NOT_FOUND' }),
    ]);
    expect((await rest('sobjects/Contact/0035g00000AbCdEAAA')).status).toBe(404);
    expect((await rest(`query?q=${encodeURIComponent('SELEKT Id FROM Contact')}`)).json).toEqual([
      expect.objectContaining({ errorCode: 'MALFORMED_QUERY' }),
    ]);
    const readOnly = await rest(`sobjects/Contact/${CONTACT()}`, { method: 'PATCH', body: { LastModifiedDate: 'x' } });
    expect(readOnly.json).toEqual([expect.objectContaining({ errorCode: 'INVALID_FIELD_FOR_INSERT_UPDATE' })]);
  });

  it('answers ENTITY_IS_DELETED for a deleted record and REQUEST_LIMIT_EXCEEDED past the daily limit', async () => {
    await call(sb.running, { method: 'POST', path: '/__sandbox/records', body: { recordId: CONTACT(), delete: true } });
    expect((await rest(`sobjects/Contact/${CONTACT()}`)).json).toEqual([
      expect.objectContaining({ errorCode: 'ENTITY_IS_DELETED' }),
    ]);
    await configure(sb.running, { sfDailyLimit: 0 });
    const limited = await rest('sobjects');
    expect(limited.status).toBe(403);
    expect(limited.json).toEqual([expect.objectContaining({ errorCode: 'REQUEST_LIMIT_EXCEEDED' })]);
  });

  it('queries the SOQL subset with WHERE … AND … and LIMIT', async () => {
    const reply = await rest(
      `query?q=${encodeURIComponent("SELECT Id, Email FROM Contact WHERE Email = 'shared@sandbox.example' AND HasOptedOutOfEmail = true LIMIT 5")}`,
    );
    expect(reply.json).toMatchObject({ totalSize: 1, done: true, records: [{ Email: 'shared@sandbox.example' }] });
  });

  it('names the business units through Connect REST and the Tooling API', async () => {
    const context = await rest('connect/pardot/business-unit-context');
    expect(context.json).toEqual({
      businessUnits: [{ id: BUSINESS_UNIT_ID, name: 'Sandbox Business Unit', isCurrent: true }],
    });
    const tooling = await rest(
      `tooling/query?q=${encodeURIComponent('SELECT Id, PardotTenantName FROM PardotTenant')}`,
    );
    expect(tooling.json).toMatchObject({
      // The Tooling API lists every unit of the org; Connect REST only the admin's.
      records: [
        { Id: BUSINESS_UNIT_ID, PardotTenantName: 'Sandbox Business Unit' },
        { Id: SECOND_BUSINESS_UNIT_ID, PardotTenantName: 'Legacy Business Unit' },
      ],
    });
  });
});

describe('Account Engagement API v5', () => {
  it('returns only the fields asked for, and requires the fields parameter', async () => {
    const reply = await ae('prospects/1001?fields=id,optedOut,salesforceContactId');
    expect(reply.json).toEqual({ id: 1001, optedOut: true, salesforceContactId: CONTACT() });
    expect((await ae('prospects/1001')).status).toBe(400);
  });

  it('finds prospects by email', async () => {
    const reply = await ae('prospects?fields=id,email&email=shared@sandbox.example');
    expect((reply.json as { values: unknown[] }).values).toEqual([
      { id: 1006, email: 'shared@sandbox.example' },
      { id: 1007, email: 'shared@sandbox.example' },
    ]);
  });

  it('queries prospects by an id range, in pages continued by a token that travels with fields alone', async () => {
    const page = (
      await ae('prospects?fields=id&idGreaterThanOrEqualTo=1002&idLessThanOrEqualTo=1005&orderBy=id&limit=2')
    ).json as { values: { id: number }[]; nextPageToken: string | null };
    expect(page.values).toEqual([{ id: 1002 }, { id: 1003 }]);
    expect(page.nextPageToken).toBeTruthy();
    const token = encodeURIComponent(page.nextPageToken ?? '');
    const next = (await ae(`prospects?fields=id&nextPageToken=${token}`)).json as typeof page;
    expect(next.values).toEqual([{ id: 1004 }, { id: 1005 }]);
    expect(next.nextPageToken).toBeNull();
    expect((await ae(`prospects?fields=id&limit=2&nextPageToken=${token}`)).json).toMatchObject({ code: 4 });
    expect((await ae('prospects?fields=id&limit=1001')).json).toMatchObject({ code: 4 });
    expect((await ae('prospects?fields=id&idIn=1001,1002')).json).toMatchObject({ code: 4 });
  });

  it('queries visitor activities by prospect and creation time, an unsubscribe among them with its type', async () => {
    const before = Date.now() - 1_000;
    await call(sb.running, {
      method: 'POST',
      path: '/__sandbox/records',
      body: { op: 'unsubscribe', prospectId: 1003 },
    });
    const since = encodeURIComponent(new Date(before).toISOString());
    const reply = await ae(
      `visitor-activities?fields=prospectId,type,createdAt&prospectIdGreaterThanOrEqualTo=1003&prospectIdLessThanOrEqualTo=1003&createdAtAfterOrEqualTo=${since}&orderBy=id&limit=1000`,
    );
    const values = (reply.json as { values: { prospectId: number; type: number; createdAt: string }[] }).values;
    expect(values).toEqual([{ prospectId: 1003, type: 12, createdAt: expect.any(String) }]);
    expect(Date.parse(values[0]?.createdAt ?? '')).toBeGreaterThanOrEqual(before);
  });

  it('answers with v5 error codes', async () => {
    expect((await ae('prospects/1001?fields=id', { bu: null })).json).toMatchObject({ code: 181 });
    expect((await ae('prospects/1001?fields=id', { auth: 'bad' })).json).toMatchObject({ code: 184 });
    expect((await ae('prospects/1001?fields=id', { bu: '0Uv5g000000XXXXCAA' })).json).toMatchObject({ code: 201 });
    expect((await ae('prospects/1001?fields=id', { host: 'pi.demo.pardot.com' })).json).toMatchObject({ code: 201 });
    expect((await ae('prospects/99999?fields=id')).json).toMatchObject({ code: 109 });
    expect(
      (await ae('prospects/1001?fields=id', { method: 'PATCH', body: { isEmailHardBounced: false } })).json,
    ).toMatchObject({ code: 180 });
    await call(sb.running, { method: 'POST', path: '/__sandbox/records', body: { prospectId: 1002, delete: true } });
    expect((await ae('prospects/1002?fields=id')).json).toMatchObject({ code: 219 });
  });

  it('refuses a browser sid (184) unless configured to accept it', async () => {
    expect((await ae('prospects/1001?fields=id', { auth: sb.session.sid })).json).toMatchObject({ code: 184 });
    await configure(sb.running, { aeAcceptsSessionId: true });
    expect((await ae('prospects/1001?fields=id', { auth: sb.session.sid })).json).toEqual({ id: 1001 });
  });

  it('treats a PATCH of optedOut as configured: rejected (180), ignored, or allowed', async () => {
    const patch = () => ae('prospects/1001?fields=optedOut', { method: 'PATCH', body: { optedOut: false } });
    expect((await patch()).json).toMatchObject({ code: 180 });
    await configure(sb.running, { optedOutApiWrite: 'ignored' });
    expect((await patch()).json).toEqual({ optedOut: true });
    await configure(sb.running, { optedOutApiWrite: 'allowed' });
    expect((await patch()).json).toEqual({ optedOut: false });
  });

  it('answers a prospect it does not have with the configured code (109, or 3 or 192 as also seen)', async () => {
    for (const code of [109, 3, 192] as const) {
      await configure(sb.running, { aeMissingProspectCode: code });
      const reply = await ae('prospects/999999?fields=id');
      expect(reply.json).toMatchObject({ code });
    }
  });

  it('reads from a cache that lags a write when told to, while the write itself answers at once', async () => {
    await configure(sb.running, { aeReadLagMs: 60_000, optedOutApiWrite: 'allowed' });
    const written = await ae('prospects/1001?fields=optedOut', { method: 'PATCH', body: { optedOut: false } });
    expect(written.json).toEqual({ optedOut: false });
    const read = await ae('prospects/1001?fields=optedOut');
    expect(read.json).toEqual({ optedOut: true });
    expect(sb.running.sandbox.org.prospects.get(1001)?.optedOut).toBe(false);
  });

  it('answers 66 past five concurrent requests, and 202 / 122 past the per-minute and daily limits', async () => {
    await call(sb.running, { method: 'POST', path: '/__sandbox/faults', body: { latencyMs: { 'ae-api:GET': 1500 } } });
    const replies = await Promise.all(Array.from({ length: 7 }, () => ae('prospects/1001?fields=id')));
    expect(replies.filter((r) => (r.json as { code?: number }).code === 66)).toHaveLength(2);
    await call(sb.running, { method: 'POST', path: '/__sandbox/faults', body: { clear: true } });
    await configure(sb.running, { aePerMinuteLimit: 5 });
    expect((await ae('prospects/1001?fields=id')).json).toMatchObject({ code: 202 });
    await configure(sb.running, { aePerMinuteLimit: 1000, aeDailyLimit: 1 });
    expect((await ae('prospects/1001?fields=id')).json).toMatchObject({ code: 122 });
  });

  it('answers 184 once tokens are expired or revoked through the control API', async () => {
    await call(sb.running, { method: 'POST', path: '/__sandbox/faults', body: { expireTokens: true } });
    expect((await ae('prospects/1001?fields=id')).json).toMatchObject({ code: 184 });
    expect((await rest('sobjects')).status).toBe(401);
  });
});

describe('OAuth 2.0 with PKCE', () => {
  const redirectUri = 'https://abcdefghijklmnopabcdefghijklmnop.chromiumapp.org/';
  async function authorize(challenge: string) {
    const query = new URLSearchParams({
      response_type: 'code',
      client_id: 'sandbox-client',
      redirect_uri: redirectUri,
      scope: 'api pardot_api refresh_token',
      code_challenge: challenge,
      code_challenge_method: 'S256',
      state: 'xyz',
    });
    const reply = await call(sb.running, {
      path: `/services/oauth2/authorize?${query}`,
      headers: { cookie: `sid=${encodeURIComponent(sb.session.sid)}` },
    });
    const location = new URL(String(reply.headers.location));
    expect(location.searchParams.get('state')).toBe('xyz');
    return location.searchParams.get('code') as string;
  }
  const exchange = (code: string, verifier: string) =>
    call(sb.running, {
      method: 'POST',
      path: '/services/oauth2/token',
      form: {
        grant_type: 'authorization_code',
        code,
        client_id: 'sandbox-client',
        redirect_uri: redirectUri,
        code_verifier: verifier,
      },
    });

  it('issues tokens for the right verifier, refreshes them, and they work on the AE API', async () => {
    const verifier = randomBytes(32).toString('base64url');
    const code = await authorize(createHash('sha256').update(verifier).digest('base64url'));
    const reply = await exchange(code, verifier);
    const tokens = reply.json as { access_token: string; refresh_token: string; instance_url: string };
    expect(tokens.instance_url).toBe('https://sandbox.my.salesforce.com');
    expect((await ae('prospects/1001?fields=id', { auth: tokens.access_token })).json).toEqual({ id: 1001 });
    const refreshed = await call(sb.running, {
      method: 'POST',
      path: '/services/oauth2/token',
      form: { grant_type: 'refresh_token', refresh_token: tokens.refresh_token, client_id: 'sandbox-client' },
    });
    expect((refreshed.json as { access_token: string }).access_token).toMatch(/^00D5g000004SbOx!/);
  });

  it('refuses a wrong verifier, a reused code, and an unknown redirect URI', async () => {
    const verifier = randomBytes(32).toString('base64url');
    const code = await authorize(createHash('sha256').update(verifier).digest('base64url'));
    expect((await exchange(code, 'wrong-verifier')).json).toMatchObject({ error: 'invalid_grant' });
    expect((await exchange(code, verifier)).json).toMatchObject({ error: 'invalid_grant' });
    const bad = await call(sb.running, {
      path: `/services/oauth2/authorize?response_type=code&client_id=sandbox-client&redirect_uri=${encodeURIComponent('https://evil.example/')}`,
      headers: { cookie: `sid=${encodeURIComponent(sb.session.sid)}` },
    });
    expect(bad.text).toContain('redirect_uri_mismatch');
  });
});

describe('fault injection', () => {
  it('fails the next N calls of a route with the given error, then recovers', async () => {
    await call(sb.running, {
      method: 'POST',
      path: '/__sandbox/faults',
      body: { fail: [{ route: 'sf-rest:PATCH', count: 1, status: 503, errorCode: 'SERVER_UNAVAILABLE' }] },
    });
    const patch = () => rest(`sobjects/Contact/${CONTACT()}`, { method: 'PATCH', body: { HasOptedOutOfEmail: false } });
    expect((await patch()).status).toBe(503);
    expect(sb.running.sandbox.org.records.get(CONTACT())?.HasOptedOutOfEmail).toBe(true);
    expect((await patch()).status).toBe(204);
  });

  it('drops the connection mid-request', async () => {
    await call(sb.running, {
      method: 'POST',
      path: '/__sandbox/faults',
      body: { drop: [{ route: 'ae-api:GET', count: 1 }] },
    });
    await expect(ae('prospects/1001?fields=id')).rejects.toThrow();
    expect((await ae('prospects/1001?fields=id')).json).toEqual({ id: 1001 });
  });
});
