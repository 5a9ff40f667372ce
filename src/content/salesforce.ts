/** On Salesforce hosts: the overlay on Lead and Contact record pages, following Lightning's in-place navigation. */
import { detectPage } from '../core/page-detect';
import { extensionLifetime, onUrlChange, showOverlay } from './boot';

const recordPage = (url: string) => {
  const page = detectPage(url);
  return page?.kind === 'salesforce-record' ? page : null;
};
showOverlay(recordPage(location.href));
onUrlChange((url) => showOverlay(recordPage(url)), extensionLifetime.signal);
