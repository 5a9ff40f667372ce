/**
 * On an AE prospect page: read the prospect by label, and act as the page
 * writer when the worker commands it — Edit, Additional fields, uncheck
 * Opted Out, Save prospect — touching no other control.
 */

import { AE_LABELS as L } from '../core/labels';
import type { AePageState, PageCommand } from '../core/messages';
import { findButton, findCheckbox, matches, valueNextTo, waitFor } from './dom';

const yesNo = (text: string | null): boolean | null =>
  text === null ? null : matches(text, L.yes) ? true : matches(text, L.no) ? false : null;
const idText = (text: string | null) => (text && /^[a-zA-Z0-9]{15,18}$/.test(text) ? text : null);

export function readProspectPage(): AePageState {
  const optedOut = yesNo(valueNextTo(L.optedOut));
  if (optedOut === null) {
    const signedOut = findButton(L.logIn) !== null || document.querySelector('input[type="password"]') !== null;
    return { readable: false, error: signedOut ? 'signed-out-of-ae' : 'control-not-found' };
  }
  const lastSync = valueNextTo(L.lastSync);
  return {
    readable: true,
    email: (valueNextTo(L.email) ?? '').slice(0, 2000),
    optedOut,
    isDoNotEmail: yesNo(valueNextTo(L.doNotEmail)),
    isEmailHardBounced: yesNo(valueNextTo(L.hardBounced)),
    salesforceContactId: idText(valueNextTo(L.crmContact)),
    salesforceLeadId: idText(valueNextTo(L.crmLead)),
    salesforceLastSync: lastSync && lastSync !== '—' ? lastSync.slice(0, 2000) : null,
  };
}

let prepared: HTMLInputElement | null = null;

async function prepare(): Promise<{ ok: boolean; error?: string }> {
  const state = readProspectPage();
  if (!state.readable) return { ok: false, error: state.error };
  let checkbox = findCheckbox(L.optedOut);
  const visibleBox = () => (checkbox && checkbox.getClientRects().length > 0 ? checkbox : null);
  if (!visibleBox()) {
    const edit = findButton(L.edit);
    if (!edit) return { ok: false, error: 'control-not-found' };
    edit.click();
    const more = await waitFor(() => findButton(L.additionalFields));
    if (!more) return { ok: false, error: 'control-not-found' };
    if (more.getAttribute('aria-expanded') !== 'true') more.click();
    checkbox = await waitFor(() => {
      const box = findCheckbox(L.optedOut);
      return box && box.getClientRects().length > 0 ? box : null;
    });
  }
  if (!checkbox || !findButton(L.saveProspect)) return { ok: false, error: 'control-not-found' };
  if (checkbox.checked) checkbox.click();
  prepared = checkbox;
  return { ok: true };
}

function commit(at: number): { ok: boolean; error?: string } {
  const save = findButton(L.saveProspect);
  if (!prepared || prepared.checked || !save) return { ok: false, error: 'control-not-found' };
  // Answer first: the click navigates, and the reloaded page reports the saved state. The click
  // happens at the moment the worker sends the Salesforce write, so both land together.
  setTimeout(() => save.click(), Math.max(0, at - Date.now()));
  return { ok: true };
}

export async function runCommand(
  command: PageCommand,
  prospectId: number,
): Promise<{ ok: boolean; error?: string } | undefined> {
  if (command.type === 'status-changed') return undefined;
  if (command.prospectId !== prospectId) return { ok: false, error: 'wrong-sender' };
  if (command.type === 'ae-prepare') return prepare();
  if (command.type === 'ae-commit') return commit(command.at);
  setTimeout(() => location.reload(), 0);
  return { ok: true };
}
