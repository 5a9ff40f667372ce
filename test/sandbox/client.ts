/** A Node client for the sandbox under the real host names (SNI and Host header), for tests. */
import { request as httpsRequest } from 'node:https';
import type { RunningSandbox } from './server';

export interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
  json: unknown;
}

export interface Call {
  host?: string;
  method?: string;
  path: string;
  headers?: Record<string, string>;
  body?: string | object;
  form?: Record<string, string>;
}

export function call(
  running: RunningSandbox,
  { host = 'sandbox.my.salesforce.com', method = 'GET', path, headers = {}, body, form }: Call,
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
        ca: running.cert,
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
