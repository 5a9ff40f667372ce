/** The sandbox org's HTTPS front: one server, told apart by Host header like the real services. */
import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { aeError, handleAeApi } from './ae-api';
import { handleAePage } from './ae-pages';
import { makeCertificate } from './cert';
import { handleControl } from './control';
import { DEFENDER_SUFFIXES, throughDefenderProxy } from './defender-proxy';
import { type Exchange, parseCookies, readBody, sendJson } from './http';
import type { Org } from './model';
import { handleFrontdoor, handleLogin, handleOAuth, handleRest } from './salesforce-api';
import { Sandbox, type SandboxOptions } from './sandbox';
import { handleSalesforcePage } from './sf-pages';
import { sfError } from './sf-rest';

export interface RunningSandbox {
  sandbox: Sandbox;
  server: Server;
  port: number;
  cert: string;
  /** Chromium's --host-resolver-rules value: the real host names to this server, everything else nowhere. */
  hostRules: string;
  close(): Promise<void>;
}

type Service =
  | { name: 'ae' }
  | { name: 'salesforce'; lightning: boolean; org: Org }
  | { name: 'loopback' }
  | { name: 'unknown' };

function serviceOf(sandbox: Sandbox, host: string): Service {
  if (host === 'pi.pardot.com' || host === 'pi.demo.pardot.com') return { name: 'ae' };
  if (host === '127.0.0.1' || host === 'localhost') return { name: 'loopback' };
  const org = sandbox.orgOfHost(host);
  return org ? { name: 'salesforce', lightning: host.endsWith('.lightning.force.com'), org } : { name: 'unknown' };
}

function routeKey(service: Service, x: Exchange): string {
  const path = x.url.pathname;
  if (service.name === 'ae') return path.startsWith('/api/') ? `ae-api:${x.method}` : `ae-page:${x.method}`;
  if (path.startsWith('/services/data')) return `sf-rest:${x.method}`;
  if (path.startsWith('/services/oauth2')) return `oauth:${x.method}`;
  return `sf-page:${x.method}`;
}

function failWith(
  x: Exchange,
  route: string,
  fault: { status?: number; errorCode?: string; code?: number; message?: string },
) {
  const status = fault.status ?? 500;
  const message = fault.message ?? 'Injected failure';
  if (route.startsWith('ae-api')) {
    if (fault.code) return aeError(x, fault.code, message);
    return sendJson(x.res, status, { code: 0, message });
  }
  if (route.startsWith('sf-rest')) return sfError(x, status, fault.errorCode ?? 'SERVER_ERROR', message);
  x.res.writeHead(status, { 'content-type': 'text/plain' });
  x.res.end(message);
}

const ASSETS = new URL('./browser/', import.meta.url);
const ASSET_TYPES: Record<string, string> = { js: 'text/javascript', svg: 'image/svg+xml' };

/** The pages' own scripts and icons (test/sandbox/browser), on every host, as each service serves its own. */
async function sendAsset(x: Exchange): Promise<void> {
  const name = /^\/__assets\/([a-z0-9-]+\.(js|svg))$/.exec(x.url.pathname);
  const body = name ? await readFile(new URL(name[1] as string, ASSETS)).catch(() => null) : null;
  if (!name || !body) return sendJson(x.res, 404, { error: 'no such asset' });
  x.res.writeHead(200, { 'content-type': ASSET_TYPES[name[2] as string] ?? 'text/plain', 'cache-control': 'no-store' });
  x.res.end(body);
}

async function handle(sandbox: Sandbox, x: Exchange): Promise<void> {
  if (throughDefenderProxy(sandbox, x) === 'not-served') {
    return sendJson(x.res, 404, { error: `The sandbox does not serve ${x.host}` });
  }
  const service = serviceOf(sandbox, x.host);
  if (x.url.pathname.startsWith('/__sandbox/')) return handleControl(sandbox, x);
  if (x.url.pathname.startsWith('/__assets/')) return sendAsset(x);
  if (service.name === 'unknown') {
    return sendJson(x.res, 404, { error: `The sandbox does not serve ${x.host}` });
  }
  const route = routeKey(service, x);
  const latency = sandbox.latencyFor(route);
  const fault = sandbox.takeFault(route);
  const recordFault = (error: string, status?: number) =>
    sandbox.record({ kind: 'api', route, method: x.method, host: x.host, path: x.url.pathname, status, error });
  if (fault?.kind === 'drop') {
    recordFault('connection dropped');
    x.req.socket.destroy();
    return;
  }
  if (route.startsWith('ae-api') && !fault) return handleAeApi(sandbox, x, route, latency);
  if (latency > 0) await new Promise((resolve) => setTimeout(resolve, latency));
  if (fault) {
    recordFault('injected', fault.status);
    return failWith(x, route, fault);
  }
  if (service.name === 'ae') return handleAePage(sandbox, x, route);
  const org = service.name === 'salesforce' ? service.org : sandbox.org;
  const path = x.url.pathname;
  if (path.startsWith('/services/data')) return handleRest(sandbox, x, route, org);
  if (path.startsWith('/services/oauth2/')) return handleOAuth(sandbox, x);
  if (path === '/login' && x.method === 'POST') return handleLogin(sandbox, x, org);
  if (path === '/secur/frontdoor.jsp') return handleFrontdoor(sandbox, x, org);
  return handleSalesforcePage(sandbox, x, route, service.name === 'salesforce' && service.lightning, org);
}

export async function startSandbox(options: SandboxOptions & { port?: number } = {}): Promise<RunningSandbox> {
  const sandbox = new Sandbox(options);
  const { key, cert } = await makeCertificate();
  // Salesforce takes a REST URI of up to 16,384 characters (REST API Developer Guide, "Limits": "The
  // length of the URI for REST API requests is limited to 16,384 characters"); Node's default 16 KiB for
  // a request's whole head would turn the longest of them away with a 431 no real org answers.
  const server = createServer({ key, cert, maxHeaderSize: 64 * 1024 }, (req, res) => {
    const host = (req.headers.host ?? '').replace(/:\d+$/, '').toLowerCase();
    const url = new URL(req.url ?? '/', `https://${host || 'localhost'}`);
    readBody(req)
      .then((body) =>
        handle(sandbox, {
          req,
          res,
          url,
          host,
          method: req.method ?? 'GET',
          body,
          cookies: parseCookies(req.headers.cookie),
        }),
      )
      .catch((error: unknown) => {
        if (!res.headersSent) sendJson(res, 500, { error: String(error) });
        else res.end();
      });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', resolve);
  });
  const port = (server.address() as AddressInfo).port;
  const target = `127.0.0.1:${port}`;
  const hostRules = [
    `MAP pi.pardot.com ${target}`,
    `MAP pi.demo.pardot.com ${target}`,
    `MAP *.my.salesforce.com ${target}`,
    `MAP *.my.salesforce-setup.com ${target}`,
    `MAP *.lightning.force.com ${target}`,
    // Microsoft Defender for Cloud Apps' proxied hosts (served when SandboxConfig.defenderProxy is on;
    // Account Engagement's when SandboxConfig.aeBehindDefenderProxy is too).
    ...DEFENDER_SUFFIXES.flatMap((suffix) => [
      `MAP *.my.salesforce.com${suffix} ${target}`,
      `MAP *.lightning.force.com${suffix} ${target}`,
      `MAP pi.pardot.com${suffix} ${target}`,
      `MAP pi.demo.pardot.com${suffix} ${target}`,
    ]),
    'MAP * ~NOTFOUND',
    'EXCLUDE localhost',
  ].join(', ');
  return {
    sandbox,
    server,
    port,
    cert,
    hostRules,
    close: () =>
      new Promise<void>((resolve) => {
        sandbox.stop();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
