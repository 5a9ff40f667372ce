/**
 * The content script on Salesforce hosts. Every Salesforce page pays for
 * this much: it follows Lightning's in-place navigation and, on a path that
 * may be a Lead or Contact record, loads the overlay's part.
 */
import { mayBeRecordPage } from '../core/page-paths';

// Timeline mark for the benchmark (npm run bench): when the content script started.
performance.mark('optout-sync-guard:start');

type RecordPart = typeof import('./salesforce-main');
let part: Promise<RecordPart> | null = null;

function check(url: string) {
  if (!part && !mayBeRecordPage(new URL(url).pathname)) return;
  part ??= import('./salesforce-main');
  void part.then((main) => main.show(url));
}

/**
 * Lightning changes records with history.pushState, which a content script's
 * isolated world cannot hook; the Navigation API's events reach every world.
 */
let last = location.href;
// Following stops with the extension: after a reload or update under this page, these listeners
// belong to nobody (the new version's content scripts come with the next page load).
const following = new AbortController();
const alive = () => {
  try {
    return Boolean(chrome.runtime?.id);
  } catch {
    return false;
  }
};
const changed = () => {
  if (!alive()) {
    following.abort();
    // The overlay goes with the extension: showing it notices the extension is gone and removes it.
    void part?.then((main) => main.show(location.href));
    return;
  }
  if (location.href === last) return;
  last = location.href;
  check(last);
};
const navigation = (window as { navigation?: EventTarget }).navigation;
if (navigation) navigation.addEventListener('currententrychange', changed, { signal: following.signal });
else {
  const timer = setInterval(changed, 1000);
  following.signal.addEventListener('abort', () => clearInterval(timer));
}
window.addEventListener('popstate', changed, { signal: following.signal });
check(location.href);
