/**
 * Salesforce's pages: Lightning Experience (a small single-page app served
 * as test/sandbox/browser/lightning.js, with the Account Engagement app's
 * frame and business unit switcher) and Classic record pages.
 */
import { type Exchange, escapeHtml, formFields, redirect, sendHtml, sendJson } from './http';
import { id18 } from './ids';
import { labels } from './labels';
import { findRecord, linkedRecord, myDomainHost, type Org, type SalesforceRecord } from './model';
import { fieldValue, loginPage, updateRecord } from './salesforce-api';
import type { Sandbox } from './sandbox';

const yesNo = (l: ReturnType<typeof labels>, value: boolean) => (value ? l.yes : l.no);

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

function lightningShell(sandbox: Sandbox, org: Org): string {
  const l = labels(sandbox.config.locale);
  const config = {
    myDomainHost: myDomainHost(org),
    aeHost: sandbox.config.aeHost,
    labels: {
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
      businessUnit: l.businessUnit,
    },
  };
  // "<" is escaped so no value can close the script element.
  const json = JSON.stringify(config).replace(/</g, '\\u003c');
  return `<!doctype html><html lang="${sandbox.config.locale}"><head><meta charset="utf-8"><title>Lightning Experience | Salesforce</title>
<style>body{font-family:sans-serif;margin:0;display:flex;min-height:100vh}nav{width:220px;background:#f3f3f3;padding:12px}
#app{flex:1;padding:16px}iframe{width:100%;height:80vh;border:0}[hidden]{display:none!important}</style></head>
<body><nav><h2>${escapeHtml(l.recent)}</h2><ul id="recent"></ul><a href="/lightning/page/home" data-nav>${escapeHtml(l.home)}</a></nav>
<div id="app"></div>
<script type="application/json" id="lightning-config">${json}</script>
<script src="/__assets/lightning.js"></script></body></html>`;
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

export function handleSalesforcePage(sandbox: Sandbox, x: Exchange, route: string, lightning: boolean, org: Org): void {
  // A session counts only on its own org's hosts.
  const found = sandbox.session(x.cookies.sid, ['sid']);
  const session = found?.orgId === org.id ? found : null;
  const actor = session ? (org.users.find((u) => u.id === session.userId)?.username ?? 'user') : '';
  const path = x.url.pathname;
  if (path.startsWith('/__page/')) {
    if (!session)
      return sendJson(x.res, 401, [{ errorCode: 'INVALID_SESSION_ID', message: 'Session expired or invalid' }]);
    if (path === '/__page/business-units') {
      // The AE Lightning app's business unit switcher.
      if (x.method === 'POST') {
        const id = JSON.parse(x.body || '{}').id;
        if (sandbox.adminBusinessUnits().some((bu) => bu.id === id)) sandbox.currentBusinessUnitId = id;
      }
      const current = sandbox.currentBusinessUnit();
      return sendJson(
        x.res,
        200,
        sandbox.adminBusinessUnits().map((bu) => ({ id: bu.id, name: bu.name, isCurrent: bu.id === current?.id })),
      );
    }
    if (path === '/__page/records') {
      return sendJson(
        x.res,
        200,
        [...org.records.values()].filter((r) => !r.IsDeleted).map((r) => recordJson(sandbox, r)),
      );
    }
    const id = /^\/__page\/record\/([a-zA-Z0-9]+)$/.exec(path)?.[1] ?? '';
    // An Account page: a person account shows (and edits) its person contact's fields.
    const account = org.accounts.get(id18(id) ?? '');
    const person = account?.personContactId ? sandbox.personAccountOf(account.personContactId) : null;
    if (account && !person) {
      return sendJson(x.res, 200, { Id: account.Id, object: 'Account', Name: account.Name, Email: null });
    }
    const record = findRecord(org, person?.personContactId ?? id);
    if (!record || record.IsDeleted) return sendJson(x.res, 404, [{ errorCode: 'NOT_FOUND', message: 'not found' }]);
    if (x.method === 'POST') {
      const value = JSON.parse(x.body || '{}').HasOptedOutOfEmail;
      if (typeof value === 'boolean' && value !== record.HasOptedOutOfEmail) {
        updateRecord(sandbox, record, { HasOptedOutOfEmail: value }, actor, route);
      }
    }
    const json = recordJson(sandbox, record);
    return sendJson(x.res, 200, person ? { ...json, Id: person.Id, object: 'Account' } : json);
  }
  if (!session) {
    if (lightning) {
      return redirect(x.res, `https://${myDomainHost(org)}/?startURL=${encodeURIComponent(path + x.url.search)}`);
    }
    return sendHtml(x.res, 200, loginPage(sandbox, x.url.searchParams.get('startURL') ?? path + x.url.search, ''));
  }
  if (lightning) {
    if (path.startsWith('/lightning/')) return sendHtml(x.res, 200, lightningShell(sandbox, org));
    return redirect(x.res, '/lightning/page/home');
  }
  const classic = /^\/([a-zA-Z0-9]{15}|[a-zA-Z0-9]{18})(\/e)?$/.exec(path);
  const record = classic ? findRecord(org, classic[1] as string) : null;
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
