/** Finding things on a page by the words a person reads there. */

import { matchesLabel as matches } from '../core/labels';

export { matches };

const visible = (element: Element) =>
  (element as HTMLElement).offsetParent !== null || element.getClientRects().length > 0;

/** A button or link whose text is one of the labels. */
export function findButton(labels: readonly string[], root: ParentNode = document): HTMLElement | null {
  for (const element of root.querySelectorAll<HTMLElement>(
    'button, a, input[type="button"], input[type="submit"], [role="button"]',
  )) {
    const text = element instanceof HTMLInputElement ? element.value : element.textContent;
    if (matches(text, labels) && visible(element)) return element;
  }
  return null;
}

/** A checkbox whose label is one of the labels. */
export function findCheckbox(labels: readonly string[], root: ParentNode = document): HTMLInputElement | null {
  for (const label of root.querySelectorAll('label')) {
    if (!matches(label.textContent, labels)) continue;
    const control = label.control ?? label.querySelector('input');
    if (control instanceof HTMLInputElement && control.type === 'checkbox') return control;
  }
  return null;
}

/** The value shown next to a label in a details table or list (th → td, dt → dd). */
export function valueNextTo(labels: readonly string[], root: ParentNode = document): string | null {
  for (const element of root.querySelectorAll('th, dt, td, label, span, div')) {
    if (element.children.length > 0 && element.tagName !== 'LABEL') continue;
    if (!matches(element.textContent, labels)) continue;
    const next = element.nextElementSibling;
    if (!next) continue;
    const field = next.querySelector('input, select') as HTMLInputElement | HTMLSelectElement | null;
    if (field instanceof HTMLSelectElement) return field.selectedOptions[0]?.textContent?.trim() ?? null;
    if (field) return field.value.trim();
    return next.textContent?.trim() ?? null;
  }
  return null;
}

/** The value of a labelled input or select (`<label>Text <input></label>`). */
export function labelledField(labels: readonly string[], root: ParentNode = document): string | null {
  for (const label of root.querySelectorAll('label')) {
    const own = [...label.childNodes]
      .filter((n) => n.nodeType === Node.TEXT_NODE)
      .map((n) => n.textContent)
      .join(' ');
    if (!matches(own, labels)) continue;
    const control = label.control ?? label.querySelector('input, select');
    if (control instanceof HTMLSelectElement) return control.selectedOptions[0]?.textContent?.trim() ?? null;
    if (control instanceof HTMLInputElement) return control.value.trim();
  }
  return null;
}

export function waitFor<T>(find: () => T | null, timeoutMs = 3000): Promise<T | null> {
  return new Promise((resolve) => {
    const started = Date.now();
    const check = () => {
      const found = find();
      if (found || Date.now() - started > timeoutMs) resolve(found);
      else setTimeout(check, 50);
    };
    check();
  });
}
