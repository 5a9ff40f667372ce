/**
 * Finding things on a page by what they are to the person reading it: a
 * value by the label next to it (wherever the page puts that label), a
 * control by its label or its action's name. Never by CSS classes.
 */
import { matchesLabel } from '../core/labels';

/** Shown on the page: rendered, not inside anything hidden, not made invisible. */
export const isVisible = (element: Element): boolean =>
  typeof element.checkVisibility === 'function'
    ? element.checkVisibility({ visibilityProperty: true })
    : element.getClientRects().length > 0;

/** The text an element shows itself, without its child elements' text. */
function ownText(element: Element): string {
  let text = '';
  for (const node of element.childNodes) if (node.nodeType === Node.TEXT_NODE) text += node.textContent;
  return text;
}

const LABEL_SELECTOR = 'label, th, dt, td, legend, span, div, strong, b, p';

/** Elements whose own words are one of the labels. */
export function labelElements(labels: readonly string[], root: ParentNode = document): Element[] {
  return [...root.querySelectorAll(LABEL_SELECTOR)].filter((element) => matchesLabel(ownText(element), labels));
}

const CONTROL = 'input, select, textarea';

/**
 * What a label names: the control of a `<label for>` or the one it wraps, the
 * element that says it is labelled by it (`aria-labelledby`), the cell beside
 * a table or list label (th/td → td, dt → dd), or else the element right after
 * it (or after its parent, for a label wrapped in its own cell).
 */
export function labelledBy(label: Element): Element | null {
  const doc = label.ownerDocument;
  if (label instanceof HTMLLabelElement) {
    const control = label.control ?? label.querySelector(CONTROL);
    if (control) return control;
  }
  if (label.id) {
    const described = doc.querySelector(`[aria-labelledby~="${CSS.escape(label.id)}"]`);
    if (described) return described;
  }
  let next = label.nextElementSibling;
  if (!next && label.parentElement && label.parentElement.children.length === 1) {
    next = label.parentElement.nextElementSibling;
  }
  return next;
}

/** A form control inside (or being) an element. */
export function controlIn(element: Element | null): HTMLInputElement | HTMLSelectElement | null {
  if (!element) return null;
  const control = element.matches(CONTROL) ? element : element.querySelector(CONTROL);
  return control instanceof HTMLInputElement || control instanceof HTMLSelectElement ? control : null;
}

/** What a page draws as an icon (its name is in its title, alt or aria-label). */
export const ICONS = 'img, svg, i, [role="img"]';

/** The value an element shows: a checkbox's state, a select's chosen option, an icon's name, or its text. */
export function shownValue(element: Element): { text: string; checked?: boolean; icons: string[] } {
  const control = controlIn(element);
  if (control instanceof HTMLInputElement && control.type === 'checkbox') {
    return { text: '', checked: control.checked, icons: [] };
  }
  if (control instanceof HTMLSelectElement) {
    return { text: control.selectedOptions[0]?.textContent?.trim() ?? '', icons: [] };
  }
  if (control instanceof HTMLInputElement) return { text: control.value.trim(), icons: [] };
  const icons = [...element.querySelectorAll(ICONS)]
    .flatMap((icon) => [icon.getAttribute('title'), icon.getAttribute('alt'), icon.getAttribute('aria-label')])
    .filter((name): name is string => Boolean(name?.trim()));
  return { text: element.textContent?.trim() ?? '', icons };
}

export type Found<T> = { found: 'none' } | { found: 'one'; value: T; element: Element } | { found: 'several' };

/**
 * The value next to a label, read through `read`. Visible labels win over
 * hidden ones (a closed edit form repeats the read page's labels); labels
 * that all read the same value count as one.
 */
export function valueFor<T>(
  labels: readonly string[],
  read: (target: Element) => T | null,
  root: ParentNode = document,
): Found<T> {
  const all = labelElements(labels, root);
  const visible = all.filter(isVisible);
  const values: { value: T; element: Element }[] = [];
  for (const label of visible.length ? visible : all) {
    const target = labelledBy(label);
    const value = target ? read(target) : null;
    if (value !== null && target) values.push({ value, element: target });
  }
  const first = values[0];
  if (!first) return { found: 'none' };
  if (values.some(({ value }) => JSON.stringify(value) !== JSON.stringify(first.value))) return { found: 'several' };
  return { found: 'one', ...first };
}

const ACTIONS = 'button, a, input[type="button"], input[type="submit"], [role="button"]';

/** The words an action shows: its text, or an input button's value. */
const actionText = (element: Element): string =>
  element instanceof HTMLInputElement ? element.value : (element.textContent ?? '');

/** Visible buttons and links named by one of the labels (or matching `also`), each once. */
export function actions(
  labels: readonly string[],
  root: ParentNode = document,
  also?: string,
  { hidden = false }: { hidden?: boolean } = {},
): HTMLElement[] {
  const named = [...root.querySelectorAll<HTMLElement>(ACTIONS)].filter((element) =>
    matchesLabel(actionText(element), labels),
  );
  const extra = also ? [...root.querySelectorAll<HTMLElement>(also)] : [];
  const found = [...new Set([...named, ...extra])];
  return hidden ? found : found.filter(isVisible);
}

/**
 * Resolves with `find()` once it returns something, watching the page change
 * (a MutationObserver: not a timer, which Chrome throttles in hidden tabs),
 * or with null after `timeoutMs`.
 */
export function waitFor<T>(find: () => T | null, timeoutMs = 10_000, root: Node = document): Promise<T | null> {
  return new Promise((resolve) => {
    const first = find();
    if (first) return resolve(first);
    const observer = new MutationObserver(() => {
      const found = find();
      if (!found) return;
      finish(found);
    });
    const timer = setTimeout(() => finish(find()), timeoutMs);
    function finish(value: T | null) {
      observer.disconnect();
      clearTimeout(timer);
      resolve(value);
    }
    observer.observe(root, { subtree: true, childList: true, attributes: true, characterData: true });
  });
}
