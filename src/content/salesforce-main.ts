/** On a Salesforce page that may be a Lead or Contact record: the overlay, for as long as it is one. */
import { detectPage } from '../core/page-detect';
import { showOverlay } from './boot';

export function show(url: string): void {
  const page = detectPage(url);
  showOverlay(page?.kind === 'salesforce-record' ? page : null);
}
