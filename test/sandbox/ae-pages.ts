/**
 * Account Engagement's screens on pi.pardot.com: the prospect page (see
 * ae-prospect-page.ts for its layouts), the connector and Opted Out field
 * settings toBe Marketing's article walks through, the sign-in hop the Lightning app frames
 * it through, and the refusal a multi-unit admin meets at the top level.
 */
import { mailabilityEditForm, optInLink, prospectReadPage, saveProspectForm } from './ae-prospect-page';
import { type Exchange, escapeHtml, formFields, redirect, sendHtml, sessionCookie } from './http';
import { labels } from './labels';
import { OPTED_OUT_SYNC_BEHAVIORS, type Prospect, type SyncBehavior } from './model';
import type { Sandbox, Session } from './sandbox';

const e = escapeHtml;

function page(sandbox: Sandbox, title: string, body: string, session: Session | null): string {
  const bu = sandbox.businessUnit(session?.businessUnitId) ?? sandbox.currentBusinessUnit();
  return `<!doctype html><html lang="${sandbox.config.locale}"><head><meta charset="utf-8"><title>${e(title)}</title>
<style>body{font-family:sans-serif;margin:0}header.app{background:#032d60;color:#fff;padding:8px 16px}main{padding:16px}
th,td.label{text-align:left;padding-right:16px;font-weight:bold}[hidden]{display:none!important}</style></head>
<body><header class="app"><strong>Account Engagement</strong> · <span class="business-unit">${e(bu?.name ?? '')}</span></header>
<main>${body}</main></body></html>`;
}

function aeSession(sandbox: Sandbox, x: Exchange): Session | null {
  return sandbox.session(x.cookies.pardot, ['ae-page']);
}

/** A top-level navigation (not a frame): Chromium says so in Sec-Fetch-Dest. Node clients send none. */
const topLevel = (x: Exchange) => (x.req.headers['sec-fetch-dest'] ?? 'document') === 'document';

function connectorPage(sandbox: Sandbox, session: Session, editing: boolean): string {
  const l = labels(sandbox.config.locale);
  const bu = sandbox.businessUnit(session.businessUnitId);
  if (!bu) return page(sandbox, l.connectors, '', session);
  const body = editing
    ? `<h1>${e(l.connectors)}: ${l.salesforceConnector}</h1>
<form method="post" action="/connector/update/id/1"><fieldset><legend>${e(l.customizeConnector)}</legend>
<label><input type="checkbox" name="overwrite_opted_out" ${bu.overwriteOptedOut ? 'checked' : ''}> ${e(l.overwriteOptedOut)}</label>
</fieldset><button type="submit">${e(l.saveConnector)}</button></form>`
    : `<h1>${e(l.connectors)}</h1>
<table><tr><th>${l.salesforceConnector}</th><td><a href="/connector/edit/id/1" title="${e(l.edit)}">⚙ ${e(l.edit)}</a></td></tr>
<tr data-field="overwriteOptedOut"><th>${e(l.overwriteOptedOut)}</th><td>${e(bu.overwriteOptedOut ? l.yes : l.no)}</td></tr></table>`;
  return page(sandbox, l.connectors, body, session);
}

function fieldPage(sandbox: Sandbox, session: Session, editing: boolean): string {
  const l = labels(sandbox.config.locale);
  const bu = sandbox.businessUnit(session.businessUnitId);
  if (!bu) return page(sandbox, l.fieldSettings, '', session);
  const fieldName = bu.optedOutMapped ? 'HasOptedOutOfEmail' : '';
  const body = editing
    ? `<h1>${e(l.fieldSettings)}</h1>
<form method="post" action="/prospectFieldDefault/update/id/12">
<label>${e(l.salesforceFieldName)} <input name="crm_field" value="${fieldName}"></label><br>
<label>${e(l.syncBehavior)} <select name="sync_behavior">${OPTED_OUT_SYNC_BEHAVIORS.map(
        (b) => `<option value="${b}" ${b === bu.optedOutSyncBehavior ? 'selected' : ''}>${e(l.behaviors[b])}</option>`,
      ).join('')}</select></label><br>
<button type="submit">${e(l.saveDefaultField)}</button></form>`
    : `<h1>${e(l.fieldSettings)}</h1>
<p><a href="/prospectFieldDefault/edit/id/12">${e(l.editDefaultField)}</a></p>
<table><tr data-field="crmField"><th>${e(l.salesforceFieldName)}</th><td>${fieldName || e(l.notMapped)}</td></tr>
<tr data-field="syncBehavior"><th>${e(l.syncBehavior)}</th><td>${e(l.behaviors[bu.optedOutSyncBehavior])}</td></tr></table>`;
  return page(sandbox, l.fieldSettings, body, session);
}

function prospectIdFrom(path: string, x: Exchange): number | null {
  const text =
    path === '/prospect/read'
      ? x.url.searchParams.get('id')
      : /^\/prospect\/(?:read|edit|update|optIn)\/id\/(\d+)$/.exec(path)?.[1];
  return text && /^\d+$/.test(text) ? Number(text) : null;
}

/** A prospect of the session's business unit: prospects are partitioned by business unit. */
function prospectFor(sandbox: Sandbox, session: Session, id: number | null): Prospect | null {
  const prospect = sandbox.org.prospects.get(id ?? -1);
  return prospect && !prospect.isDeleted && prospect.businessUnitId === session.businessUnitId ? prospect : null;
}

export function handleAePage(sandbox: Sandbox, x: Exchange, route: string): void {
  const l = labels(sandbox.config.locale);
  const path = x.url.pathname.replace(/\/+$/, '') || '/';
  const notFound = () => sendHtml(x.res, 404, page(sandbox, l.notFound, `<h1>${e(l.notFound)}</h1>`, null));
  if (path === '/sso/lightning') {
    // The AE Lightning app signs its frame in through Salesforce, in the unit the switcher shows;
    // the sandbox trusts the hop.
    const token = sandbox.newSession('ae-page', sandbox.org.users[0]?.id ?? '', sandbox.config.accessTokenLifetimeMs);
    const session = sandbox.sessions.get(token);
    if (session) session.businessUnitId = sandbox.currentBusinessUnit()?.id;
    const next = x.url.searchParams.get('next') ?? '/';
    const target = next.startsWith('/') && !next.startsWith('//') ? next : '/';
    return redirect(x.res, target, { 'set-cookie': sessionCookie('pardot', token, { partitioned: true }) });
  }
  if (!sandbox.config.aeTopLevelSignIn && topLevel(x)) {
    return sendHtml(x.res, 200, page(sandbox, l.login, `<p role="alert">${e(l.signInRefused)}</p>`, null));
  }
  const session = aeSession(sandbox, x);
  if (!session) {
    const next = encodeURIComponent(x.url.pathname + x.url.search);
    return sendHtml(
      x.res,
      200,
      page(
        sandbox,
        l.login,
        `<p role="alert">${e(l.signedOut)}</p><a href="/__sandbox/login?next=${next}">${e(l.logIn)}</a>`,
        null,
      ),
    );
  }
  const actor = sandbox.org.users[0]?.username ?? 'admin';
  const prospectId = prospectIdFrom(path, x);
  if (x.method === 'GET' && (path === '/prospect/read' || path.startsWith('/prospect/read/id/'))) {
    const prospect = prospectFor(sandbox, session, prospectId);
    if (!prospect) return notFound();
    const title = `${l.prospect}: ${prospect.firstName} ${prospect.lastName}`;
    // Logged so the bench can count the page loads a job's reads cost (writes are logged on their own).
    sandbox.record({ kind: 'page', route, actor, note: `prospect ${prospect.id} read` });
    return sendHtml(x.res, 200, page(sandbox, title, prospectReadPage(sandbox, prospect, session), session));
  }
  if (x.method === 'GET' && path.startsWith('/prospect/edit/id/') && sandbox.config.aePageLayout === 'mailability') {
    const prospect = prospectFor(sandbox, session, prospectId);
    if (!prospect) return notFound();
    return sendHtml(x.res, 200, mailabilityEditForm(sandbox, prospect, session));
  }
  if (x.method === 'POST' && (path.startsWith('/prospect/update/id/') || path.startsWith('/prospect/optIn/id/'))) {
    const prospect = prospectFor(sandbox, session, prospectId);
    if (!prospect) return notFound();
    const write = path.startsWith('/prospect/update/') ? saveProspectForm : optInLink;
    const form = formFields(x.body);
    // Both posts carry the page's CSRF token, as AE's own forms do.
    const fromPage = Boolean(session.csrf) && form.get('_csrf_token') === session.csrf;
    if (!fromPage || !write({ sandbox, prospect, session, form, actor, route, framed: !topLevel(x) })) {
      return sendHtml(x.res, 403, page(sandbox, l.notFound, '<h1>Invalid CSRF token</h1>', session));
    }
    const read =
      sandbox.config.aePageLayout === 'classic'
        ? `/prospect/read?id=${prospect.id}`
        : `/prospect/read/id/${prospect.id}`;
    return redirect(x.res, read);
  }
  const bu = sandbox.businessUnit(session.businessUnitId);
  if (x.method === 'GET' && (path === '/connector' || path === '/connector/read/id/1'))
    return sendHtml(x.res, 200, connectorPage(sandbox, session, false));
  if (x.method === 'GET' && path === '/connector/edit/id/1')
    return sendHtml(x.res, 200, connectorPage(sandbox, session, true));
  if (x.method === 'POST' && path === '/connector/update/id/1' && bu) {
    bu.overwriteOptedOut = formFields(x.body).get('overwrite_opted_out') === 'on';
    sandbox.record({ kind: 'page', route, actor, note: `overwriteOptedOut=${bu.overwriteOptedOut}` });
    return redirect(x.res, '/connector/read/id/1');
  }
  if (x.method === 'GET' && (path === '/prospectFieldDefault' || path === '/prospectFieldDefault/read/id/12')) {
    return sendHtml(x.res, 200, fieldPage(sandbox, session, false));
  }
  if (x.method === 'GET' && path === '/prospectFieldDefault/edit/id/12')
    return sendHtml(x.res, 200, fieldPage(sandbox, session, true));
  if (x.method === 'POST' && path === '/prospectFieldDefault/update/id/12' && bu) {
    const form = formFields(x.body);
    bu.optedOutMapped = (form.get('crm_field') ?? '').trim() === 'HasOptedOutOfEmail';
    const behavior = form.get('sync_behavior') as SyncBehavior;
    if (OPTED_OUT_SYNC_BEHAVIORS.includes(behavior)) bu.optedOutSyncBehavior = behavior;
    sandbox.record({
      kind: 'page',
      route,
      actor,
      note: `optedOutMapped=${bu.optedOutMapped} behavior=${bu.optedOutSyncBehavior}`,
    });
    return redirect(x.res, '/prospectFieldDefault/read/id/12');
  }
  if (path === '/')
    return sendHtml(x.res, 200, page(sandbox, 'Account Engagement', '<h1>Account Engagement</h1>', session));
  notFound();
}
