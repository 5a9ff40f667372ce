/**
 * Reads an AE prospect page the way a person does: each value by its label,
 * wherever the page puts it (docs/account-engagement.md describes the
 * layouts seen so far), and the Lead/Contact from the page's link to it.
 * Its activity list is read apart (ae-activity.ts), only when asked for.
 */
import type { AePart } from '../core/ae-parts';
import { AE_LABELS as L, matchesLabel } from '../core/labels';
import { type RecordLink, recordLinkOf } from '../core/links';
import type { AePageState, ReadableAePageState } from '../core/messages';
import { toId18 } from '../core/salesforce-id';
import { actions, controlIn, ICONS, isVisible, shownValue, valueFor } from './dom';

/** A boolean as a page shows it: a checkbox, a select, Yes/No, True/False, はい/いいえ, or a check icon. */
export function booleanOf(target: Element): boolean | null {
  const { text, checked, icons } = shownValue(target);
  if (checked !== undefined) return checked;
  if (icons.some((name) => matchesLabel(name, L.yes))) return true;
  if (icons.some((name) => matchesLabel(name, L.no))) return false;
  if (matchesLabel(text, L.yes)) return true;
  if (matchesLabel(text, L.no)) return false;
  // The 2016 layout shows a checked box as an icon (and an "Opt In" link) and an unchecked one as
  // nothing: an empty cell reads "no", but a cell with an icon that says nothing reads as unknown.
  const rest = [...target.querySelectorAll('a, button')].reduce(
    (left, action) => (matchesLabel(action.textContent, L.optIn) ? left.replace(action.textContent ?? '', '') : left),
    text,
  );
  const empty = rest.trim() === '' && !target.querySelector(ICONS) && !controlIn(target);
  return empty ? false : null;
}

type CrmLink = ReadableAePageState['crm'];

export const textOf = (target: Element): string | null => {
  const { text } = shownValue(target);
  return text ? text.slice(0, 2000) : null;
};

/**
 * The prospect's own link to its Lead or Contact: an icon with no words, as AE draws it beside the
 * prospect's name (docs/account-engagement.md). A link with words is never it: a URL field the
 * prospect filled in (a "Website" holding some record's address) or a note shows its text.
 */
const isIconLink = (anchor: HTMLAnchorElement): boolean =>
  (anchor.textContent ?? '').trim() === '' && anchor.querySelector(ICONS) !== null;

/** The one Lead or Contact the page's CRM icon links to, or, failing that, a labelled id. */
function crmOf(doc: Document): CrmLink {
  const links = new Map<string, RecordLink>();
  for (const anchor of [...doc.querySelectorAll<HTMLAnchorElement>('a[href]')].filter(isIconLink)) {
    const link = recordLinkOf(anchor.getAttribute('href') ?? '', doc.baseURI);
    if (link) links.set(link.recordId, link);
  }
  if (links.size === 1) return [...links.values()][0] ?? null;
  if (links.size > 1) return null;
  for (const [labels, object] of [
    [L.crmContact, 'Contact'],
    [L.crmLead, 'Lead'],
  ] as const) {
    const id = valueFor(labels, textOf, doc);
    const recordId = id.found === 'one' ? toId18(id.value) : null;
    if (recordId) return { host: null, object, recordId };
  }
  return null;
}

/** The edit form's Save prospect button(s) under `root` (the 2023 script's `#saveProspectButton`, or by its name). */
export const saveActions = (root: ParentNode): HTMLElement[] => actions(L.saveProspect, root, '#saveProspectButton');

/** The edit form's state: closed, open, or open with values nobody saved. */
function formState(doc: Document): 'closed' | 'open' | 'edited' {
  const forms = [...doc.querySelectorAll('form')].filter((form) => isVisible(form) && saveActions(form).length > 0);
  if (forms.length === 0) return 'closed';
  const edited = forms.some((form) =>
    [...form.elements].some((element) => {
      if (element instanceof HTMLInputElement) {
        return element.type === 'checkbox' || element.type === 'radio'
          ? element.checked !== element.defaultChecked
          : element.type !== 'hidden' && element.value !== element.defaultValue;
      }
      if (element instanceof HTMLSelectElement)
        return [...element.options].some((o) => o.selected !== o.defaultSelected);
      if (element instanceof HTMLTextAreaElement) return element.value !== element.defaultValue;
      return false;
    }),
  );
  return edited ? 'edited' : 'open';
}

export function readProspectPage(doc: Document = document): AePageState {
  const optedOut = valueFor(L.optedOut, booleanOf, doc);
  if (optedOut.found !== 'one') {
    const signedOut = actions(L.logIn, doc).length > 0 || doc.querySelector('input[type="password"]') !== null;
    const missing: AePart[] = ['opted-out'];
    if (valueFor(L.email, textOf, doc).found !== 'one') missing.push('email');
    return { readable: false, error: signedOut ? 'signed-out-of-ae' : 'control-not-found', missing };
  }
  const email = valueFor(L.email, textOf, doc);
  const flag = (labels: readonly string[]) => {
    const found = valueFor(labels, booleanOf, doc);
    return found.found === 'one' ? found.value : null;
  };
  const lastSync = valueFor(L.lastSync, textOf, doc);
  const synced = lastSync.found === 'one' && lastSync.value !== '—' ? lastSync.value : null;
  return {
    readable: true,
    email: email.found === 'one' ? email.value : null,
    optedOut: optedOut.value,
    isDoNotEmail: flag(L.doNotEmail),
    isEmailHardBounced: flag(L.hardBounced),
    crm: crmOf(doc),
    salesforceLastSync: synced,
    form: formState(doc),
  };
}
