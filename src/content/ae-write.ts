/**
 * The page writer: on the worker's command, does on an AE prospect page what
 * an admin does to uncheck Opted Out, touching no other control. It uses
 * whichever control the page offers — the read page's "Opt In" action, or the
 * edit form's checkbox or select behind Edit and the section that holds it —
 * and each must be found exactly once, or it stops and says which it could
 * not find, before anything is saved.
 */
import type { AePart, LocateResult, PrepareResult } from '../core/ae-page-protocol';
import { AE_LABELS as L, matchesLabel } from '../core/labels';
import { readProspectPage, saveActions } from './ae-read';
import { actions, controlIn, isVisible, labelElements, labelledBy, waitFor } from './dom';

type Control = HTMLInputElement | HTMLSelectElement;

/** What `prepare` left ready to be clicked by `commit`. */
let ready: { save: HTMLElement } | null = null;

function unique<T>(items: T[]): T | null | 'several' {
  const set = [...new Set(items)];
  return set.length === 1 ? (set[0] as T) : set.length === 0 ? null : 'several';
}

/** The Opted Out (or Do Not Email) control of the edit form, visible or not. */
function controlFor(labels: readonly string[]): Control | null | 'several' {
  const controls = labelElements(labels)
    .map((label) => controlIn(labelledBy(label)))
    .filter((control): control is Control => {
      if (control instanceof HTMLSelectElement) return true;
      return control instanceof HTMLInputElement && control.type === 'checkbox';
    });
  return unique(controls);
}

/** The read page's "Opt In" action, beside the Opted Out value (2016 knowledge base). */
function optInAction(): HTMLElement | null | 'several' {
  const found = labelElements(L.optedOut)
    .filter(isVisible)
    .flatMap((label) => {
      const value = labelledBy(label);
      return value ? actions(L.optIn, value) : [];
    });
  return unique(found);
}

function editAction(): HTMLElement | null | 'several' {
  // The 2023 script opens the form with the element whose accesskey is "e".
  return unique(actions(L.edit, document, '[accesskey="e"]'));
}

/** The link or button that shows the section holding a hidden control. */
function sectionToggle(control: Control): HTMLElement | null | 'several' {
  const controllers = actions([...L.mailability, ...L.additionalFields], document, '[id^="toggle-mailable-inputs"]');
  const holding = controllers.filter((toggle) => {
    const controlled = toggle.getAttribute('aria-controls');
    const section = controlled ? document.getElementById(controlled) : null;
    return !section || section.contains(control);
  });
  return unique(holding);
}

function saveAction(form: HTMLFormElement | null): HTMLElement | null | 'several' {
  return unique(saveActions(form ?? document));
}

/** A select's option meaning "not opted out": value `0`/`false`/`no`, or text False/No/いいえ. */
function falseOption(control: HTMLSelectElement): HTMLOptionElement | undefined {
  return [...control.options].find((o) => /^(0|false|no)$/i.test(o.value) || matchesLabel(o.textContent, L.no));
}

/** The form already says "not opted out": someone unchecked it after the page drew its values. */
function alreadyOff(control: Control): boolean {
  if (control instanceof HTMLInputElement) return !control.checked;
  const option = falseOption(control);
  return option !== undefined && control.value === option.value;
}

/** Sets a control to "not opted out" the way a person's input does, so the page's own scripts see it. */
function uncheck(control: Control): boolean {
  if (control instanceof HTMLInputElement) {
    if (control.checked) control.click();
    return !control.checked;
  }
  const option = falseOption(control);
  if (!option) return false;
  control.value = option.value;
  control.dispatchEvent(new Event('input', { bubbles: true }));
  control.dispatchEvent(new Event('change', { bubbles: true }));
  return control.value === option.value;
}

/**
 * A part not found exactly once. No page outline goes with it: the worker would keep it with the job
 * and show it on every page of the pair; the admin copies one from the page in front of them instead.
 */
async function notFound(part: AePart): Promise<PrepareResult> {
  return { ok: false, error: 'control-not-found', part };
}

export async function prepare(): Promise<PrepareResult> {
  ready = null;
  const state = readProspectPage();
  if (!state.readable)
    return state.error === 'signed-out-of-ae' ? { ok: false, error: state.error } : notFound('opted-out');
  if (!state.optedOut) return { ok: false, error: 'not-opted-out' };

  const optIn = optInAction();
  if (optIn instanceof HTMLElement) {
    ready = { save: optIn };
    return { ok: true, way: 'opt-in' };
  }

  let control = controlFor(L.optedOut);
  if (!(control instanceof HTMLElement) || !isVisible(control)) {
    if (state.form === 'closed') {
      const edit = editAction();
      if (!(edit instanceof HTMLElement)) return notFound('edit');
      edit.click();
      // The form may open in place after a request: wait for it (any of its parts), watching the page change.
      await waitFor(() => {
        const part = [saveAction(null), controlFor(L.optedOut), controlFor(L.doNotEmail)].find(
          (p) => p instanceof HTMLElement,
        );
        return part ?? null;
      }, 15_000);
    }
    control = controlFor(L.optedOut);
    if (control === 'several') return notFound('opted-out');
    if (!control) {
      // The form opened and shows its other mailability control, but not Opted Out: the role lacks
      // "Update Opted Out Field" (Winter '22). The page is as expected, so there is no outline to send.
      const doNotEmail = controlFor(L.doNotEmail);
      if (doNotEmail instanceof HTMLElement) return { ok: false, error: 'opted-out-not-editable' };
      return notFound(saveAction(null) instanceof HTMLElement ? 'opted-out' : 'edit');
    }
    if (!isVisible(control)) {
      const toggle = sectionToggle(control);
      if (!(toggle instanceof HTMLElement)) return notFound('section-toggle');
      toggle.click();
      const shown = control;
      if (!(await waitFor(() => (isVisible(shown) ? shown : null), 5_000))) return notFound('section-toggle');
    }
  }
  const form = control.form;
  const save = saveAction(form);
  if (!(save instanceof HTMLElement)) return notFound('save');
  // Saving a form whose Opted Out is already off would rewrite every other field for nothing.
  if (alreadyOff(control)) return { ok: false, error: 'not-opted-out' };
  if (!uncheck(control)) return notFound('opted-out');
  ready = { save };
  return { ok: true, way: 'form' };
}

/** Clicks the prepared Save (or Opt In) now: the worker sends this at the moment the Salesforce write goes. */
export function commit(): boolean {
  if (!ready?.save.isConnected) return false;
  ready.save.click();
  ready = null;
  return true;
}

/**
 * Finds what an opt-in would use, and touches nothing: no click, no value set, no event ("Check this
 * org"). Where the edit form is in the page (shown or hidden), its Opted Out control, the section
 * toggle that hides it and its Save must each be there once; where the page fetches its form only
 * when Edit is clicked, Edit is all there is to find without changing the page.
 */
export function locate(): LocateResult {
  const state = readProspectPage();
  if (!state.readable)
    return state.error === 'signed-out-of-ae'
      ? { ok: false, error: state.error }
      : { ok: false, error: 'control-not-found', part: 'opted-out' };
  if (state.optedOut && optInAction() instanceof HTMLElement) return { ok: true, way: 'opt-in' };
  const missing = (part: AePart): LocateResult => ({ ok: false, error: 'control-not-found', part });
  const control = controlFor(L.optedOut);
  if (control === 'several') return missing('opted-out');
  if (!control) {
    if (controlFor(L.doNotEmail) instanceof HTMLElement) return { ok: false, error: 'opted-out-not-editable' };
    if (saveAction(null) instanceof HTMLElement) return missing('opted-out');
    return editAction() instanceof HTMLElement ? { ok: true, way: 'edit' } : missing('edit');
  }
  if (!isVisible(control)) {
    if (state.form === 'closed' && !(editAction() instanceof HTMLElement)) return missing('edit');
    const toggle = sectionToggle(control);
    // A closed form hides its control anyway: a section toggle is required only where the form shows.
    if (toggle === 'several' || (toggle === null && state.form !== 'closed')) return missing('section-toggle');
  }
  // A closed form's Save is as hidden as the form: it counts, found once in that form.
  const closedSave = unique(actions(L.saveProspect, control.form ?? document, '#saveProspectButton', { hidden: true }));
  const save = isVisible(control) ? saveAction(control.form) : closedSave;
  if (!(save instanceof HTMLElement)) return missing('save');
  if (control instanceof HTMLSelectElement && !falseOption(control)) return missing('opted-out');
  return { ok: true, way: 'form' };
}
