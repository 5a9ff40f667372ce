/**
 * The content script on Salesforce hosts. Every Salesforce page pays for
 * this much: it follows Lightning's in-place navigation and, on a path that
 * may be a Lead or Contact record, loads the overlay's part.
 */
import { mayBeRecordPage } from '../core/page-paths';
import { checkExtension, extensionLifetime } from './lifetime';

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
 * Following belongs to the extension's lifetime: after a reload or update under this page, the
 * first navigation ends it, and the overlay (a child of it) goes with it; the new version's
 * content scripts come with the next page load.
 */
let last = location.href;
const changed = () => {
  if (!checkExtension() || location.href === last) return;
  last = location.href;
  check(last);
};
const navigation = (window as { navigation?: EventTarget }).navigation;
if (navigation) extensionLifetime.on(navigation, 'currententrychange', changed);
else extensionLifetime.every(1000, changed);
extensionLifetime.on(window, 'popstate', changed);
check(location.href);
