/**
 * The screens the seed walks through, served as plain HTML: the AE prospect
 * page with Edit → Additional fields → Opted Out → Save prospect, the
 * connector and Opted Out field settings, the AE Lightning app frame, the
 * Lightning record pages (a small single-page app that changes records with
 * history.pushState) and Classic record pages.
 */
import { updateProspect } from './ae-api';
import { type Exchange, escapeHtml, formFields, redirect, sendHtml, sendJson, sessionCookie } from './http';
import { type Labels, labels } from './labels';
import { findRecord, linkedRecord, type Prospect, type SalesforceRecord, type SyncBehavior } from './model';
import { fieldValue, loginPage, updateRecord } from './salesforce-api';
import type { Sandbox } from './sandbox';

const BEHAVIORS: SyncBehavior[] = ['most-recent-record', 'ae', 'salesforce', 'most-recent-field'];

function layout(sandbox: Sandbox, title: string, body: string): string {
  const bu = sandbox.org.businessUnits[0];
  return `<!doctype html><html lang="${sandbox.config.locale}"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title>
<style>body{font-family:sans-serif;margin:0}header.app{background:#032d60;color:#fff;padding:8px 16px}main{padding:16px}
th{text-align:left;padding-right:16px}[hidden]{display:none!important}</style></head>
<body><header class="app"><strong>Account Engagement</strong> · <span class="business-unit">${escapeHtml(bu?.name ?? '')}</span></header>
<main>${body}</main></body></html>`;
}

const yesNo = (l: Labels, value: boolean) => (value ? l.yes : l.no);

function aeSignedIn(sandbox: Sandbox, x: Exchange): boolean {
  return sandbox.session(x.cookies.pardot, ['ae-page']) !== null;
}

function prospectPage(sandbox: Sandbox, prospect: Prospect): string {
  const l = labels(sandbox.config.locale);
  const row = (label: string, value: string, field: string) =>
    `<tr data-field="${field}"><th>${escapeHtml(label)}</th><td>${escapeHtml(value)}</td></tr>`;
  const checkbox = (name: string, label: string, checked: boolean) =>
    `<label><input type="checkbox" name="${name}" ${checked ? 'checked' : ''}> ${escapeHtml(label)}</label><br>`;
  return layout(
    sandbox,
    `${l.prospect}: ${prospect.firstName} ${prospect.lastName}`,
    `<h1>${escapeHtml(l.prospect)}: ${escapeHtml(`${prospect.firstName} ${prospect.lastName}`)}</h1>
<div class="toolbar"><button type="button" id="edit-prospect">${escapeHtml(l.edit)}</button></div>
<table class="prospect-details">
${row(l.email, prospect.email, 'email')}
${row(l.optedOut, yesNo(l, prospect.optedOut), 'optedOut')}
${row(l.doNotEmail, yesNo(l, prospect.isDoNotEmail), 'isDoNotEmail')}
${row(l.hardBounced, yesNo(l, prospect.isEmailHardBounced), 'isEmailHardBounced')}
${prospect.salesforceContactId ? row(l.crmContact, prospect.salesforceContactId, 'salesforceContactId') : ''}
${prospect.salesforceLeadId ? row(l.crmLead, prospect.salesforceLeadId, 'salesforceLeadId') : ''}
${row(l.lastSync, prospect.salesforceLastSync ?? '—', 'salesforceLastSync')}
</table>
<form id="prospect-form" method="post" action="/prospect/update/id/${prospect.id}" hidden>
<label>${escapeHtml(l.email)} <input name="email" value="${escapeHtml(prospect.email)}"></label><br>
<label>${escapeHtml(l.firstName)} <input name="first_name" value="${escapeHtml(prospect.firstName)}"></label><br>
<label>${escapeHtml(l.lastName)} <input name="last_name" value="${escapeHtml(prospect.lastName)}"></label><br>
<button type="button" id="additional-toggle" aria-expanded="false">${escapeHtml(l.additionalFields)}</button>
<div id="additional-fields" hidden>
${checkbox('opted_out', l.optedOut, prospect.optedOut)}
${checkbox('is_do_not_email', l.doNotEmail, prospect.isDoNotEmail)}
</div>
<button type="submit">${escapeHtml(l.saveProspect)}</button>
<button type="button" id="cancel-edit">${escapeHtml(l.cancel)}</button>
</form>
<script>
const form = document.getElementById('prospect-form');
document.getElementById('edit-prospect').onclick = () => { form.hidden = false; };
document.getElementById('cancel-edit').onclick = () => { form.hidden = true; };
document.getElementById('additional-toggle').onclick = (e) => {
  const section = document.getElementById('additional-fields');
  section.hidden = !section.hidden;
  e.target.setAttribute('aria-expanded', String(!section.hidden));
};
</script>`,
  );
}

function connectorPage(sandbox: Sandbox, editing: boolean): string {
  const l = labels(sandbox.config.locale);
  const bu = sandbox.org.businessUnits[0];
  if (!bu) return layout(sandbox, l.connectors, '');
  const body = editing
    ? `<h1>${escapeHtml(l.connectors)}: ${l.salesforceConnector}</h1>
<form method="post" action="/connector/update/id/1"><fieldset><legend>${escapeHtml(l.customizeConnector)}</legend>
<label><input type="checkbox" name="overwrite_opted_out" ${bu.overwriteOptedOut ? 'checked' : ''}> ${escapeHtml(l.overwriteOptedOut)}</label>
</fieldset><button type="submit">${escapeHtml(l.saveConnector)}</button></form>`
    : `<h1>${escapeHtml(l.connectors)}</h1>
<table><tr><th>${l.salesforceConnector}</th><td><a href="/connector/edit/id/1" title="${escapeHtml(l.edit)}">⚙ ${escapeHtml(l.edit)}</a></td></tr>
<tr data-field="overwriteOptedOut"><th>${escapeHtml(l.overwriteOptedOut)}</th><td>${yesNo(l, bu.overwriteOptedOut)}</td></tr></table>`;
  return layout(sandbox, l.connectors, body);
}

function fieldPage(sandbox: Sandbox, editing: boolean): string {
  const l = labels(sandbox.config.locale);
  const bu = sandbox.org.businessUnits[0];
  if (!bu) return layout(sandbox, l.fieldSettings, '');
  const fieldName = bu.optedOutMapped ? 'HasOptedOutOfEmail' : '';
  const body = editing
    ? `<h1>${escapeHtml(l.fieldSettings)}</h1>
<form method="post" action="/prospectFieldDefault/update/id/12">
<label>${escapeHtml(l.salesforceFieldName)} <input name="crm_field" value="${fieldName}"></label><br>
<label>${escapeHtml(l.syncBehavior)} <select name="sync_behavior">${BEHAVIORS.map(
        (b) =>
          `<option value="${b}" ${b === bu.optedOutSyncBehavior ? 'selected' : ''}>${escapeHtml(l.behaviors[b])}</option>`,
      ).join('')}</select></label><br>
<button type="submit">${escapeHtml(l.saveDefaultField)}</button></form>`
    : `<h1>${escapeHtml(l.fieldSettings)}</h1>
<p><a href="/prospectFieldDefault/edit/id/12">${escapeHtml(l.editDefaultField)}</a></p>
<table><tr data-field="crmField"><th>${escapeHtml(l.salesforceFieldName)}</th><td>${fieldName || escapeHtml(l.notMapped)}</td></tr>
<tr data-field="syncBehavior"><th>${escapeHtml(l.syncBehavior)}</th><td>${escapeHtml(l.behaviors[bu.optedOutSyncBehavior])}</td></tr></table>`;
  return layout(sandbox, l.fieldSettings, body);
}

function prospectIdFrom(x: Exchange): number | null {
  const path = x.url.pathname.replace(/\/+$/, '');
  const text =
    path === '/prospect/read'
      ? x.url.searchParams.get('id')
      : /^\/prospect\/(?:read|update)\/id\/(\d+)$/.exec(path)?.[1];
  return text && /^\d+$/.test(text) ? Number(text) : null;
}

export function handleAePage(sandbox: Sandbox, x: Exchange, route: string): void {
  const l = labels(sandbox.config.locale);
  const path = x.url.pathname.replace(/\/+$/, '') || '/';
  if (path === '/sso/lightning') {
    // The AE Lightning app signs its frame in through Salesforce; the sandbox trusts the hop.
    const token = sandbox.newSession('ae-page', sandbox.org.users[0]?.id ?? '', sandbox.config.accessTokenLifetimeMs);
    const next = x.url.searchParams.get('next') ?? '/';
    const target = next.startsWith('/') && !next.startsWith('//') ? next : '/';
    return redirect(x.res, target, { 'set-cookie': sessionCookie('pardot', token, { partitioned: true }) });
  }
  if (!aeSignedIn(sandbox, x)) {
    const next = encodeURIComponent(x.url.pathname + x.url.search);
    return sendHtml(
      x.res,
      200,
      layout(
        sandbox,
        l.login,
        `<p role="alert">${escapeHtml(l.signedOut)}</p><a href="/__sandbox/login?next=${next}">${escapeHtml(l.logIn)}</a>`,
      ),
    );
  }
  const actor = sandbox.org.users[0]?.username ?? 'admin';
  if (x.method === 'GET' && (path === '/prospect/read' || path.startsWith('/prospect/read/id/'))) {
    const prospect = sandbox.org.prospects.get(prospectIdFrom(x) ?? -1);
    if (!prospect || prospect.isDeleted)
      return sendHtml(x.res, 404, layout(sandbox, l.notFound, `<h1>${escapeHtml(l.notFound)}</h1>`));
    return sendHtml(x.res, 200, prospectPage(sandbox, prospect));
  }
  if (x.method === 'POST' && path.startsWith('/prospect/update/id/')) {
    const prospect = sandbox.org.prospects.get(prospectIdFrom(x) ?? -1);
    if (!prospect || prospect.isDeleted)
      return sendHtml(x.res, 404, layout(sandbox, l.notFound, `<h1>${escapeHtml(l.notFound)}</h1>`));
    const form = formFields(x.body);
    const submitted: Record<string, unknown> = {
      email: form.get('email') ?? prospect.email,
      firstName: form.get('first_name') ?? prospect.firstName,
      lastName: form.get('last_name') ?? prospect.lastName,
      optedOut: form.get('opted_out') === 'on',
      isDoNotEmail: form.get('is_do_not_email') === 'on',
    };
    // Saving the form changes only what the admin changed, like a user edit.
    const changes = Object.fromEntries(
      Object.entries(submitted).filter(([key, value]) => prospect[key as keyof Prospect] !== value),
    );
    if (Object.keys(changes).length > 0) updateProspect(sandbox, prospect, changes, actor, route);
    return redirect(x.res, `/prospect/read?id=${prospect.id}`);
  }
  const bu = sandbox.org.businessUnits[0];
  if (x.method === 'GET' && (path === '/connector' || path === '/connector/read/id/1'))
    return sendHtml(x.res, 200, connectorPage(sandbox, false));
  if (x.method === 'GET' && path === '/connector/edit/id/1') return sendHtml(x.res, 200, connectorPage(sandbox, true));
  if (x.method === 'POST' && path === '/connector/update/id/1' && bu) {
    bu.overwriteOptedOut = formFields(x.body).get('overwrite_opted_out') === 'on';
    sandbox.record({ kind: 'page', route, actor, note: `overwriteOptedOut=${bu.overwriteOptedOut}` });
    return redirect(x.res, '/connector/read/id/1');
  }
  if (x.method === 'GET' && (path === '/prospectFieldDefault' || path === '/prospectFieldDefault/read/id/12')) {
    return sendHtml(x.res, 200, fieldPage(sandbox, false));
  }
  if (x.method === 'GET' && path === '/prospectFieldDefault/edit/id/12')
    return sendHtml(x.res, 200, fieldPage(sandbox, true));
  if (x.method === 'POST' && path === '/prospectFieldDefault/update/id/12' && bu) {
    const form = formFields(x.body);
    bu.optedOutMapped = (form.get('crm_field') ?? '').trim() === 'HasOptedOutOfEmail';
    const behavior = form.get('sync_behavior') as SyncBehavior;
    if (BEHAVIORS.includes(behavior)) bu.optedOutSyncBehavior = behavior;
    sandbox.record({
      kind: 'page',
      route,
      actor,
      note: `optedOutMapped=${bu.optedOutMapped} behavior=${bu.optedOutSyncBehavior}`,
    });
    return redirect(x.res, '/prospectFieldDefault/read/id/12');
  }
  if (path === '/') return sendHtml(x.res, 200, layout(sandbox, 'Account Engagement', '<h1>Account Engagement</h1>'));
  sendHtml(x.res, 404, layout(sandbox, l.notFound, `<h1>${escapeHtml(l.notFound)}</h1>`));
}

function recordJson(sandbox: Sandbox, record: SalesforceRecord) {
  return {
    Id: record.Id,
    object: record.object,
    Name: fieldValue(record, 'Name'),
    Email: record.Email,
    HasOptedOutOfEmail: record.HasOptedOutOfEmail,
    LastModifiedDate: record.LastModifiedDate,
    pi__url__c: record.pi__url__c,
    prospectId: [...sandbox.org.prospects.values()].find((p) => linkedRecord(sandbox.org, p) === record)?.id ?? null,
  };
}

function lightningShell(sandbox: Sandbox): string {
  const l = labels(sandbox.config.locale);
  const text = JSON.stringify({
    edit: l.edit,
    save: l.save,
    cancel: l.cancel,
    emailOptOut: l.emailOptOut,
    email: l.email,
    contact: l.contact,
    lead: l.lead,
    home: l.home,
    notFound: l.notFound,
    yes: l.yes,
    no: l.no,
  });
  return `<!doctype html><html lang="${sandbox.config.locale}"><head><meta charset="utf-8"><title>Lightning Experience | Salesforce</title>
<style>body{font-family:sans-serif;margin:0;display:flex;min-height:100vh}nav{width:220px;background:#f3f3f3;padding:12px}
#app{flex:1;padding:16px}iframe{width:100%;height:80vh;border:0}[hidden]{display:none!important}</style></head>
<body><nav><h2>${escapeHtml(l.recent)}</h2><ul id="recent"></ul><a href="/lightning/page/home" data-nav>${escapeHtml(l.home)}</a></nav>
<div id="app"></div>
<script>
const L = ${text};
const aeHost = ${JSON.stringify(sandbox.config.aeHost)};
const app = document.getElementById('app');
const esc = (s) => String(s).replace(/[&<>"']/g, (c) => '&#' + c.charCodeAt(0) + ';');
function go(path) { history.pushState({}, '', path); render(); }
document.addEventListener('click', (e) => {
  const a = e.target.closest && e.target.closest('a[data-nav]');
  if (a) { e.preventDefault(); go(a.getAttribute('href')); }
});
window.addEventListener('popstate', render);
async function api(path, init) {
  const r = await fetch(path, init);
  if (r.status === 401) { location.href = 'https://${sandbox.org.myDomain}.my.salesforce.com/?startURL=' + encodeURIComponent(location.pathname); return null; }
  return r.ok ? r.json() : null;
}
async function render() {
  const path = location.pathname;
  const rec = /^\\/lightning\\/r\\/(Contact|Lead)\\/([a-zA-Z0-9]{15,18})\\//.exec(path);
  const ae = /^\\/lightning\\/page\\/pardot\\//.test(path);
  if (ae) {
    const inner = new URLSearchParams(location.search).get('pardot__path') || '/';
    app.innerHTML = '<iframe title="Account Engagement" src="https://' + aeHost + '/sso/lightning?next=' + encodeURIComponent(inner) + '"></iframe>';
    return;
  }
  if (!rec) { app.innerHTML = '<h1>' + esc(L.home) + '</h1>'; return; }
  const r = await api('/__page/record/' + rec[2]);
  if (location.pathname !== path) return;
  if (!r || r.object !== rec[1]) { app.innerHTML = '<h1>' + esc(L.notFound) + '</h1>'; return; }
  app.innerHTML = '<h1 class="record-name">' + esc(r.Name) + '</h1>' +
    '<p class="object">' + esc(r.object === 'Lead' ? L.lead : L.contact) + '</p>' +
    '<button type="button" id="edit-record">' + esc(L.edit) + '</button>' +
    '<dl><dt>' + esc(L.email) + '</dt><dd>' + esc(r.Email) + '</dd>' +
    '<dt>' + esc(L.emailOptOut) + '</dt><dd data-field="HasOptedOutOfEmail">' + esc(r.HasOptedOutOfEmail ? L.yes : L.no) + '</dd></dl>' +
    '<form id="record-form" hidden><label><input type="checkbox" name="HasOptedOutOfEmail"' + (r.HasOptedOutOfEmail ? ' checked' : '') + '> ' + esc(L.emailOptOut) + '</label> ' +
    '<button type="submit">' + esc(L.save) + '</button> <button type="button" id="cancel-record">' + esc(L.cancel) + '</button></form>';
  const form = document.getElementById('record-form');
  document.getElementById('edit-record').onclick = () => { form.hidden = false; };
  document.getElementById('cancel-record').onclick = () => { form.hidden = true; };
  form.onsubmit = async (e) => {
    e.preventDefault();
    await api('/__page/record/' + r.Id, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ HasOptedOutOfEmail: form.elements.HasOptedOutOfEmail.checked }) });
    render();
  };
}
api('/__page/records').then((list) => {
  document.getElementById('recent').innerHTML = (list || []).map((r) =>
    '<li><a data-nav href="/lightning/r/' + r.object + '/' + r.Id + '/view">' + esc(r.Name) + '</a></li>').join('');
});
render();
</script></body></html>`;
}

function classicRecordPage(sandbox: Sandbox, record: SalesforceRecord, editing: boolean): string {
  const l = labels(sandbox.config.locale);
  const name = String(fieldValue(record, 'Name'));
  const body = editing
    ? `<form method="post" action="/${record.Id.slice(0, 15)}/e"><h1>${escapeHtml(name)}</h1>
<label><input type="checkbox" name="HasOptedOutOfEmail" ${record.HasOptedOutOfEmail ? 'checked' : ''}> ${escapeHtml(l.emailOptOut)}</label>
<button type="submit">${escapeHtml(l.save)}</button></form>`
    : `<h1 class="record-name">${escapeHtml(name)}</h1><p>${escapeHtml(record.object === 'Lead' ? l.lead : l.contact)}</p>
<a href="/${record.Id.slice(0, 15)}/e">${escapeHtml(l.edit)}</a>
<table><tr><th>${escapeHtml(l.email)}</th><td>${escapeHtml(record.Email)}</td></tr>
<tr data-field="HasOptedOutOfEmail"><th>${escapeHtml(l.emailOptOut)}</th><td>${yesNo(l, record.HasOptedOutOfEmail)}</td></tr></table>`;
  return `<!doctype html><html lang="${sandbox.config.locale}"><head><meta charset="utf-8"><title>${escapeHtml(name)} ~ Salesforce - Unlimited Edition</title></head><body>${body}</body></html>`;
}

export function handleSalesforcePage(sandbox: Sandbox, x: Exchange, route: string, lightning: boolean): void {
  const session = sandbox.session(x.cookies.sid, ['sid']);
  const actor = session ? (sandbox.org.users.find((u) => u.id === session.userId)?.username ?? 'user') : '';
  const path = x.url.pathname;
  if (path.startsWith('/__page/')) {
    if (!session)
      return sendJson(x.res, 401, [{ errorCode: 'INVALID_SESSION_ID', message: 'Session expired or invalid' }]);
    if (path === '/__page/records') {
      return sendJson(
        x.res,
        200,
        [...sandbox.org.records.values()].filter((r) => !r.IsDeleted).map((r) => recordJson(sandbox, r)),
      );
    }
    const id = /^\/__page\/record\/([a-zA-Z0-9]+)$/.exec(path)?.[1] ?? '';
    const record = findRecord(sandbox.org, id);
    if (!record || record.IsDeleted) return sendJson(x.res, 404, [{ errorCode: 'NOT_FOUND', message: 'not found' }]);
    if (x.method === 'POST') {
      const value = JSON.parse(x.body || '{}').HasOptedOutOfEmail;
      if (typeof value === 'boolean' && value !== record.HasOptedOutOfEmail) {
        updateRecord(sandbox, record, { HasOptedOutOfEmail: value }, actor, route);
      }
    }
    return sendJson(x.res, 200, recordJson(sandbox, record));
  }
  if (!session) {
    if (lightning) {
      return redirect(
        x.res,
        `https://${sandbox.org.myDomain}.my.salesforce.com/?startURL=${encodeURIComponent(path + x.url.search)}`,
      );
    }
    return sendHtml(x.res, 200, loginPage(sandbox, x.url.searchParams.get('startURL') ?? path + x.url.search, ''));
  }
  if (lightning) {
    if (path.startsWith('/lightning/')) return sendHtml(x.res, 200, lightningShell(sandbox));
    return redirect(x.res, '/lightning/page/home');
  }
  const classic = /^\/([a-zA-Z0-9]{15}|[a-zA-Z0-9]{18})(\/e)?$/.exec(path);
  const record = classic ? findRecord(sandbox.org, classic[1] as string) : null;
  if (classic && record && !record.IsDeleted) {
    if (x.method === 'POST' && classic[2]) {
      const value = formFields(x.body).get('HasOptedOutOfEmail') === 'on';
      if (value !== record.HasOptedOutOfEmail)
        updateRecord(sandbox, record, { HasOptedOutOfEmail: value }, actor, route);
      return redirect(x.res, `/${record.Id.slice(0, 15)}`);
    }
    return sendHtml(x.res, 200, classicRecordPage(sandbox, record, Boolean(classic[2])));
  }
  if (path === '/' || path === '/home/home.jsp') {
    return sendHtml(
      x.res,
      200,
      '<!doctype html><html><head><title>Salesforce</title></head><body><h1>Home</h1></body></html>',
    );
  }
  sendHtml(x.res, 404, '<!doctype html><title>Not found</title><h1>URL No Longer Exists</h1>');
}
