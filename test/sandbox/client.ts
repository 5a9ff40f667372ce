/** A Node client for the sandbox under the real host names (SNI and Host header), for tests. */
import { request as httpsRequest } from 'node:https';
import { afterAll, beforeAll, beforeEach } from 'vitest';
import { type RunningSandbox, startSandbox } from './server';

export interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
  json: unknown;
}

export interface Call {
  /** Skip checking the server's certificate (a sandbox in another process has its own). */
  insecure?: boolean;
  host?: string;
  method?: string;
  path: string;
  headers?: Record<string, string>;
  body?: string | object;
  form?: Record<string, string>;
}

export function call(
  running: Pick<RunningSandbox, 'port'> & Partial<Pick<RunningSandbox, 'cert'>>,
  { host = 'sandbox.my.salesforce.com', method = 'GET', path, headers = {}, body, form, insecure = false }: Call,
) {
  const payload = form
    ? new URLSearchParams(form).toString()
    : typeof body === 'string'
      ? body
      : body
        ? JSON.stringify(body)
        : undefined;
  const contentType = form ? 'application/x-www-form-urlencoded' : body ? 'application/json' : undefined;
  return new Promise<Reply>((resolve, reject) => {
    const req = httpsRequest(
      {
        host: '127.0.0.1',
        port: running.port,
        servername: host,
        ...(insecure || !running.cert ? { rejectUnauthorized: false } : { ca: running.cert }),
        method,
        path,
        headers: { host, ...(contentType ? { 'content-type': contentType } : {}), ...headers },
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk) => {
          text += chunk;
        });
        res.on('end', () => {
          let json: unknown = null;
          try {
            json = JSON.parse(text);
          } catch {}
          resolve({ status: res.statusCode ?? 0, headers: res.headers, text, json });
        });
      },
    );
    req.on('error', reject);
    if (payload) req.write(payload);
    req.end();
  });
}

export const sync = (running: RunningSandbox) => call(running, { method: 'POST', path: '/__sandbox/sync', body: {} });

export async function configure(running: RunningSandbox, config: object) {
  const reply = await call(running, { method: 'POST', path: '/__sandbox/config', body: config });
  if (reply.status !== 200) throw new Error(`config refused: ${reply.text}`);
}

/**
 * One sandbox org for a test file, reset before each test; `signIn` then runs on the fresh org
 * and what it returns (sessions, tokens) is the test's `session`.
 */
export function useSandbox<Session>(signIn: (running: RunningSandbox) => Promise<Session>) {
  let running: RunningSandbox | undefined;
  let session: Session | undefined;
  beforeAll(async () => {
    running = await startSandbox({ syncIntervalMs: 0 });
  });
  afterAll(() => running?.close());
  beforeEach(async () => {
    if (!running) throw new Error('the sandbox did not start');
    await call(running, { method: 'POST', path: '/__sandbox/reset', body: {} });
    session = await signIn(running);
  });
  return {
    get running(): RunningSandbox {
      if (!running) throw new Error('the sandbox did not start');
      return running;
    },
    get session(): Session {
      if (session === undefined) throw new Error('no session: the sandbox was not reset for this test');
      return session;
    },
  };
}

/** The cookie of an Account Engagement page session for the demo admin. */
export async function aeSessionCookie(running: RunningSandbox): Promise<string> {
  const reply = await call(running, { host: 'pi.pardot.com', path: '/__sandbox/login' });
  return String(reply.headers['set-cookie'] ?? '').split(';')[0] ?? '';
}

/** A browser session id for the demo admin, as the login page would set it. */
export async function browserSession(running: RunningSandbox): Promise<string> {
  const reply = await call(running, { path: '/__sandbox/login' });
  const cookie = String(reply.headers['set-cookie'] ?? '');
  return decodeURIComponent(/sid=([^;]+)/.exec(cookie)?.[1] ?? '');
}

export async function oauthToken(running: RunningSandbox): Promise<string> {
  const reply = await call(running, {
    method: 'POST',
    path: '/services/oauth2/token',
    form: {
      grant_type: 'password',
      client_id: 'sandbox-client',
      client_secret: 'sandbox-secret',
      username: 'admin@sandbox.example',
      password: 'sandbox',
    },
  });
  return (reply.json as { access_token: string }).access_token;
}

/** The fields a form in an HTML page would post, as a browser reads them (enough for the sandbox's own forms). */
export function formOf(html: string): Record<string, string> {
  const fields: Record<string, string> = {};
  const attribute = (tag: string, name: string) => new RegExp(`\\b${name}="([^"]*)"`).exec(tag)?.[1];
  const decode = (text: string) => text.replace(/&#(\d+);/g, (_, code) => String.fromCharCode(Number(code)));
  for (const [tag] of html.matchAll(/<input\b[^>]*>/g)) {
    const name = attribute(tag, 'name');
    const type = attribute(tag, 'type') ?? 'text';
    if (!name || type === 'submit' || type === 'button') continue;
    if (type === 'checkbox' && !/\bchecked\b/.test(tag)) continue;
    fields[name] = decode(attribute(tag, 'value') ?? (type === 'checkbox' ? 'on' : ''));
  }
  for (const [, attributes, options] of html.matchAll(/<select\b([^>]*)>([\s\S]*?)<\/select>/g)) {
    const name = attribute(attributes ?? '', 'name');
    const selected =
      /<option value="([^"]*)" selected/.exec(options ?? '') ?? /<option value="([^"]*)"/.exec(options ?? '');
    if (name && selected) fields[name] = selected[1] ?? '';
  }
  return fields;
}

/**
 * What an admin does on the AE prospect page, in whichever layout the sandbox draws: open the
 * edit form, set Opted Out (found by its label, as a person finds it), Save prospect (posting the
 * whole form, as the page does).
 */
export async function saveOnAePage(
  running: Pick<RunningSandbox, 'port'> & Partial<Pick<RunningSandbox, 'cert'>> & { insecure?: boolean },
  cookie: string,
  prospectId: number,
  optedOut: boolean,
) {
  const get = (path: string) =>
    call(running, { host: 'pi.pardot.com', path, headers: { cookie }, insecure: running.insecure ?? false });
  const read = await get(`/prospect/read?id=${prospectId}`);
  // The Mailability layout opens its form in place from another address; the classic one has it in the page.
  const mailability = read.text.includes('accesskey="e"');
  const html = mailability ? (await get(`/prospect/edit/id/${prospectId}?ajax=1`)).text : read.text;
  const form = formOf(html);
  if (mailability) {
    const name = /<label [^>]*for="([^"]+)">Opted Out<\/label>/.exec(html)?.[1];
    if (name) form[name] = optedOut ? '1' : '0';
  } else if (optedOut) form.opted_out = 'on';
  else delete form.opted_out;
  return call(running, {
    host: 'pi.pardot.com',
    method: 'POST',
    path: `/prospect/update/id/${prospectId}`,
    form,
    headers: { cookie },
    insecure: running.insecure ?? false,
  });
}
