/**
 * A content script's lifetime on a page. Everything it starts (listeners,
 * timers, the overlay) belongs to a Lifetime, whose signal fires when the
 * extension is reloaded or updated under the page, or, for a child, when
 * what it serves is gone; ending it stops them all. One object owns the
 * signal, the timers and the listeners, as WXT's ContentScriptContext does.
 */
export class Lifetime {
  readonly #controller = new AbortController();
  readonly signal = this.#controller.signal;

  constructor(parent?: Lifetime) {
    parent?.signal.addEventListener('abort', () => this.end(), { signal: this.signal });
  }

  get ended(): boolean {
    return this.signal.aborted;
  }

  end(): void {
    this.#controller.abort();
  }

  /** A shorter life inside this one: ends with it, or on its own. */
  child(): Lifetime {
    return new Lifetime(this);
  }

  /** A listener removed when this life ends. */
  on(target: EventTarget, type: string, listener: (event: Event) => void, options?: AddEventListenerOptions): void {
    target.addEventListener(type, listener, { ...options, signal: this.signal });
  }

  /** A repeating timer cleared when this life ends. */
  every(ms: number, run: () => void): void {
    const timer = setInterval(run, ms);
    this.signal.addEventListener('abort', () => clearInterval(timer));
  }

  /** A one-shot timer cleared when this life ends first. */
  after(ms: number, run: () => void): void {
    const clear = () => clearTimeout(timer);
    const timer = setTimeout(() => {
      this.signal.removeEventListener('abort', clear);
      run();
    }, ms);
    this.signal.addEventListener('abort', clear, { once: true });
  }
}

/**
 * When this page load began (its time origin, in the worker's clock): how the overlay and the page
 * agent both name a load, so the worker can tell a later load from an earlier one heard late.
 */
export const pageLoadedAt = (): number => Math.round(performance.timeOrigin);

/** The extension is still there (`chrome.*` directly: the polyfill would cost every page 10 KB here). */
function extensionAlive(): boolean {
  try {
    return Boolean(chrome.runtime?.id);
  } catch {
    return false;
  }
}

/**
 * The extension's life under this page: ended once it is reloaded or updated.
 * A content script gets no event for that; it is noticed at the next in-place
 * navigation (salesforce.ts), when a recognised page becomes visible again
 * (boot.ts) or when a message to the worker fails (overlay.tsx).
 */
export const extensionLifetime = new Lifetime();
export function checkExtension(): boolean {
  if (!extensionAlive()) extensionLifetime.end();
  return !extensionLifetime.ended;
}
