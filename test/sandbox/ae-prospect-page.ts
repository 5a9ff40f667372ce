/**
 * The Account Engagement prospect page, in the two layouts public evidence
 * shows (`aePageLayout`). Nothing public shows the real HTML whole: each
 * fragment below names the evidence it follows, and what is not evidenced is
 * marked "unverified".
 *
 * mailability (default) —
 * - Salesforce release note, Summer '21, "Get More Clarity and Control on Email Marketing Settings"
 *   (https://releasenotes.docs.salesforce.com/en-us/summer21/release-notes/rn_pardot_mailability.htm),
 *   made permanent for all accounts in Winter '22: prospect records have a mailability section with
 *   the overall status, Do Not Email and Opted Out, and bounce information, edited there.
 * - saleslabx.com, "Prospect Mailability" (2021): Status values "Mailable, All Emails",
 *   "Mailable, Transactional Emails Only", "Undeliverable"; Opted Out shown as True/False.
 * - A public 2023 "Page Manipulator" script for pi.pardot.com/prospect/read/id/<id>: values in
 *   cells with classes `value breakword`; Edit is the element with `accesskey="e"` and opens the
 *   form in place; the mailability inputs sit behind `#toggle-mailable-inputs-<prospect id>`; Do
 *   Not Email is `<select id="default_field_<n>">` with options `1`/`0`; Save is
 *   `#saveProspectButton`. The form posts every field, so a stale form overwrites other fields.
 * - The link to the Lead/Contact is an icon next to the prospect's name (unverified markup).
 * - thespotforpardot.com (2021): the Winter '22 role ability "Update Opted Out Field" (on for the
 *   Administrator role) allows editing Opted Out on the prospect page (`aeUserCanEditOptedOut`).
 *
 * classic — the screens in toBe Marketing's article on the connector option (tobem.jp, 2019:
 * 「【新機能】オプトアウト項目の上書き」; Edit → Additional fields → Opted Out checkbox → Save
 * prospect) and the Pardot knowledge base, "Manually Opting In Unsubscribed Prospects" (2016): on the
 * read page the Opted Out field shows a green check icon and an "Opt In" link (`aeOptInLink`).
 */
import { randomBytes } from 'node:crypto';
import { updateProspect } from './ae-api';
import { escapeHtml } from './http';
import { type Labels, labels } from './labels';
import type { Prospect } from './model';
import type { Sandbox, Session } from './sandbox';

const e = escapeHtml;

function details(rows: [string, string, string][]): string {
  return rows
    .map(
      ([label, value, field]) =>
        `<tr data-field="${field}"><td class="label">${e(label)}</td><td class="value breakword">${value}</td></tr>`,
    )
    .join('\n');
}

function status(l: Labels, prospect: Prospect): string {
  if (prospect.isEmailHardBounced) return l.statusUndeliverable;
  return prospect.optedOut || prospect.isDoNotEmail ? l.statusTransactional : l.statusAll;
}

/** The Lead/Contact this prospect syncs with, as a link on the org's My Domain. */
function crmLink(sandbox: Sandbox, l: Labels, prospect: Prospect): string {
  const id = prospect.salesforceContactId ?? prospect.salesforceLeadId;
  if (!id) return '';
  return ` <a class="crm-link" href="https://${sandbox.org.myDomain}.my.salesforce.com/${id}" target="_blank" title="${e(l.viewInSalesforce)}"><img src="/__assets/salesforce-cloud.svg" alt="" width="18" height="12"></a>`;
}

function mailabilityReadPage(sandbox: Sandbox, prospect: Prospect): string {
  const l = labels(sandbox.config.locale);
  const tf = (value: boolean) => e(value ? l.valueTrue : l.valueFalse);
  const bounce: [string, string, string][] = prospect.isEmailHardBounced
    ? [
        [l.hardBounce, e(l.yes), 'isEmailHardBounced'],
        ['Bounce Date', e(prospect.emailBouncedAt ?? ''), 'emailBouncedAt'],
      ]
    : [[l.hardBounce, e(l.no), 'isEmailHardBounced']];
  return `<div class="page-header"><h1 class="prospect-name"><span>${e(`${prospect.firstName} ${prospect.lastName}`)}</span>${crmLink(sandbox, l, prospect)}</h1>
<div class="btn-toolbar"><a href="#" class="btn" accesskey="e" id="prospect-edit-link">${e(l.edit)}</a></div></div>
<div id="prospect-read">
<table class="table details">
${details([
  [l.firstName, e(prospect.firstName), 'firstName'],
  [l.lastName, e(prospect.lastName), 'lastName'],
  [l.email, e(prospect.email), 'email'],
  [l.company, e(prospect.company), 'company'],
  [l.jobTitle, e(prospect.jobTitle), 'jobTitle'],
  [l.lastSync, e(prospect.salesforceLastSync ?? '—'), 'salesforceLastSync'],
])}
</table>
<h3 class="section-title">${e(l.mailability)}</h3>
<table class="table details mailability">
${details([
  [l.status, e(status(l, prospect)), 'status'],
  [l.mailabilityOptedOut, tf(prospect.optedOut), 'optedOut'],
  [l.doNotEmail, tf(prospect.isDoNotEmail), 'isDoNotEmail'],
  ...bounce,
])}
</table></div>
<div id="prospect-edit"></div>`;
}

function classicReadPage(sandbox: Sandbox, prospect: Prospect, session: Session): string {
  const l = labels(sandbox.config.locale);
  const row = (label: string, value: string, field: string) =>
    `<tr data-field="${field}"><th>${e(label)}</th><td>${value}</td></tr>`;
  const yesNo = (value: boolean) => e(value ? l.yes : l.no);
  // KB 2016: a checked Opted Out shows a green check icon and an "Opt In" link; unchecked shows
  // nothing. The link is for those who may opt a prospect in ("Only admins can opt in").
  const check = `<img src="/__assets/check.svg" alt="${e(l.checked)}" title="${e(l.checked)}" width="12" height="12">`;
  const link = sandbox.config.aeUserCanEditOptedOut ? ` <a href="#" id="opt-in-link">${e(l.optIn)}</a>` : '';
  const optedOut = sandbox.config.aeOptInLink ? (prospect.optedOut ? `${check}${link}` : '') : yesNo(prospect.optedOut);
  return `<h1>${e(l.prospect)}: ${e(`${prospect.firstName} ${prospect.lastName}`)}</h1>
<div class="toolbar"><button type="button" id="edit-prospect">${e(l.edit)}</button></div>
<table class="prospect-details">
${row(l.email, e(prospect.email), 'email')}
${row(l.optedOut, optedOut, 'optedOut')}
${row(l.doNotEmail, yesNo(prospect.isDoNotEmail), 'isDoNotEmail')}
${row(l.hardBounced, yesNo(prospect.isEmailHardBounced), 'isEmailHardBounced')}
${prospect.salesforceContactId ? row(l.crmContact, e(prospect.salesforceContactId), 'salesforceContactId') : ''}
${prospect.salesforceLeadId ? row(l.crmLead, e(prospect.salesforceLeadId), 'salesforceLeadId') : ''}
${row(l.lastSync, e(prospect.salesforceLastSync ?? '—'), 'salesforceLastSync')}
</table>
<form id="opt-in-form" method="post" action="/prospect/optIn/id/${prospect.id}" hidden><input type="hidden" name="_csrf_token" value="${e(session.csrf)}"></form>
${classicEditForm(sandbox, prospect, session)}`;
}

/** The fields a prospect form carries besides the two mailability controls, by form name. */
function textFields(l: Labels, prospect: Prospect): [string, string, string][] {
  return [
    ['first_name', l.firstName, prospect.firstName],
    ['last_name', l.lastName, prospect.lastName],
    ['email', l.email, prospect.email],
    ['company', l.company, prospect.company],
    ['job_title', l.jobTitle, prospect.jobTitle],
  ];
}

const FORM_FIELDS: Record<string, keyof Prospect> = {
  first_name: 'firstName',
  last_name: 'lastName',
  email: 'email',
  company: 'company',
  job_title: 'jobTitle',
};

function classicEditForm(sandbox: Sandbox, prospect: Prospect, session: Session): string {
  const l = labels(sandbox.config.locale);
  const rendered: Record<string, string> = {};
  const inputs = textFields(l, prospect).map(([name, label, value]) => {
    rendered[name] = value;
    return `<label>${e(label)} <input name="${name}" value="${e(value)}"></label><br>`;
  });
  const checkbox = (name: string, label: string, checked: boolean) => {
    if (checked) rendered[name] = 'on';
    return `<label><input type="checkbox" name="${name}" ${checked ? 'checked' : ''}> ${e(label)}</label><br>`;
  };
  const optedOut = sandbox.config.aeUserCanEditOptedOut ? checkbox('opted_out', l.optedOut, prospect.optedOut) : '';
  const doNotEmail = checkbox('is_do_not_email', l.doNotEmail, prospect.isDoNotEmail);
  session.forms?.set(prospect.id, rendered);
  return `<form id="prospect-form" method="post" action="/prospect/update/id/${prospect.id}" hidden>
<input type="hidden" name="_csrf_token" value="${e(session.csrf)}">
${inputs.join('\n')}
<button type="button" id="additional-toggle" aria-expanded="false">${e(l.additionalFields)}</button>
<div id="additional-fields" hidden>
${optedOut}${doNotEmail}</div>
<button type="submit">${e(l.saveProspect)}</button>
<button type="button" id="cancel-edit">${e(l.cancel)}</button>
</form>`;
}

/** The mailability layout's edit form, fetched and shown in place when the admin clicks Edit. */
export function mailabilityEditForm(sandbox: Sandbox, prospect: Prospect, session: Session): string {
  prepareSession(session);
  const l = labels(sandbox.config.locale);
  const ids = sandbox.org.aeFieldIds;
  const rendered: Record<string, string> = {};
  const inputs = textFields(l, prospect).map(([name, label, value]) => {
    rendered[name] = value;
    return `<div class="control-group"><label class="control-label" for="pr_${name}">${e(label)}</label><div class="controls"><input id="pr_${name}" name="${name}" value="${e(value)}"></div></div>`;
  });
  const select = (id: number, label: string, value: boolean) => {
    rendered[`default_field_${id}`] = value ? '1' : '0';
    return `<div class="control-group"><label class="control-label" for="default_field_${id}">${e(label)}</label><div class="controls"><select id="default_field_${id}" name="default_field_${id}"><option value="1"${value ? ' selected' : ''}>${e(l.valueTrue)}</option><option value="0"${value ? '' : ' selected'}>${e(l.valueFalse)}</option></select></div></div>`;
  };
  const optedOut = sandbox.config.aeUserCanEditOptedOut
    ? select(ids.optedOut, l.mailabilityOptedOut, prospect.optedOut)
    : '';
  session.forms?.set(prospect.id, rendered);
  return `<form id="prospect-form" method="post" action="/prospect/update/id/${prospect.id}" class="form-horizontal">
<input type="hidden" name="_csrf_token" value="${e(session.csrf)}">
${inputs.join('\n')}
<p><a href="#" id="toggle-mailable-inputs-${prospect.id}" aria-controls="mailable-inputs-${prospect.id}" aria-expanded="false">${e(l.mailabilityToggle)}</a></p>
<div id="mailable-inputs-${prospect.id}" style="display:none">
${optedOut}${select(ids.doNotEmail, l.doNotEmail, prospect.isDoNotEmail)}
</div>
<div class="form-actions"><input type="submit" class="btn btn-primary" id="saveProspectButton" value="${e(l.saveProspect)}"> <a href="#" id="cancel-prospect-edit">${e(l.cancel)}</a></div>
</form>`;
}

/** Every form of an AE session carries its CSRF token; the session remembers the forms it drew. */
function prepareSession(session: Session) {
  session.csrf ??= randomBytes(16).toString('hex');
  session.forms ??= new Map();
}

/**
 * The prospect's activity table, newest first (Salesforce Help 000383604, "Account Engagement
 * Prospect Activity Glossary": "Each prospect record has an Activities table displaying the
 * prospect's actions. The activities are composed of an icon and description of the activity. The
 * description includes the name of the marketing element or email and the date"). The type names
 * are the API v5 visitor activity types' ("Sent", "Click", "Unsubscribe Page", "Email Preference
 * Page"; the kinds of opt-out and their traces are in opt-out-kinds.ts). The markup, the heading's
 * words, the date's form (a `<time>` with its ISO moment) and a click naming its link after the
 * email are unverified.
 */
function activityTable(sandbox: Sandbox, prospect: Prospect): string {
  if (!sandbox.config.aeActivitiesShown) return '';
  const l = labels(sandbox.config.locale);
  const glossary: Record<number, string> = { 6: 'Email Sent Via List Emails', 11: 'Email HTML Open' };
  const rows = [...prospect.activities]
    .reverse()
    .map((activity) =>
      sandbox.config.aeActivityWording === 'glossary' && glossary[activity.typeId]
        ? { ...activity, type: glossary[activity.typeId] as string }
        : activity,
    )
    .map(
      (activity) =>
        `<tr class="activity" data-activity-type="${activity.typeId}"><td class="activity-description"><img src="/__assets/check.svg" alt="${e(activity.type)}" title="${e(activity.type)}" width="12" height="12"> ${e(activity.type)}: ${e(activity.details)}${activity.link ? ` — <a class="activity-link" href="${e(activity.link)}">${e(activity.link)}</a>` : ''}</td><td class="activity-date"><time datetime="${e(activity.at)}">${e(new Date(activity.at).toUTCString())}</time></td></tr>`,
    )
    .join('\n');
  return `<h3 class="section-title">${e(l.activities)}</h3>
<table class="table activities"><tbody>
${rows}
</tbody></table>`;
}

export function prospectReadPage(sandbox: Sandbox, prospect: Prospect, session: Session): string {
  prepareSession(session);
  const body =
    sandbox.config.aePageLayout === 'classic'
      ? classicReadPage(sandbox, prospect, session)
      : mailabilityReadPage(sandbox, prospect);
  return `<div id="prospect" data-prospect-id="${prospect.id}">${body}${activityTable(sandbox, prospect)}</div>
<script src="/__assets/ae-prospect.js"></script>`;
}

/** A post from a prospect page (its CSRF token already checked): who posted what, by which route, framed or not. */
export interface ProspectPost {
  sandbox: Sandbox;
  prospect: Prospect;
  session: Session;
  form: URLSearchParams;
  actor: string;
  route: string;
  framed: boolean;
}

/**
 * Save prospect: the whole form is written, as AE's own form does. The log keeps the form as it was
 * last rendered for this session beside what was posted, so a test can tell a stale form.
 */
export function saveProspectForm({ sandbox, prospect, session, form, actor, route, framed }: ProspectPost): boolean {
  const posted = Object.fromEntries([...form.entries()].filter(([name]) => name !== '_csrf_token'));
  const fields: Record<string, unknown> = {};
  for (const [name, key] of Object.entries(FORM_FIELDS)) if (name in posted) fields[key] = posted[name];
  if (sandbox.config.aePageLayout === 'classic') {
    // A checkbox posts nothing when unchecked: the form decides it only where it drew the control.
    if (sandbox.config.aeUserCanEditOptedOut) fields.optedOut = posted.opted_out === 'on';
    fields.isDoNotEmail = posted.is_do_not_email === 'on';
  } else {
    const ids = sandbox.org.aeFieldIds;
    const optedOut = posted[`default_field_${ids.optedOut}`];
    const doNotEmail = posted[`default_field_${ids.doNotEmail}`];
    if (optedOut !== undefined && sandbox.config.aeUserCanEditOptedOut) fields.optedOut = optedOut === '1';
    if (doNotEmail !== undefined) fields.isDoNotEmail = doNotEmail === '1';
  }
  updateProspect(
    sandbox,
    prospect,
    fields,
    actor,
    route,
    { rendered: session.forms?.get(prospect.id) ?? null, posted },
    framed,
  );
  return true;
}

/** The classic read page's "Opt In" link: unchecks Opted Out and nothing else. */
export function optInLink({ sandbox, prospect, actor, route, framed }: ProspectPost): boolean {
  if (!sandbox.config.aeUserCanEditOptedOut) return false;
  updateProspect(sandbox, prospect, { optedOut: false }, actor, route, undefined, framed);
  return true;
}
