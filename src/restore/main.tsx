/**
 * Restore a list: an extension page (reached from the options page and the
 * popup). No page script can reach it, so the batch's one Confirm is the
 * admin's own.
 */
import { render } from 'preact';
import { ask } from '../ui/ask';
import { messagesLanguage, t } from '../ui/i18n';
import { Restore } from '../ui/Restore';
import '../ui/page.css';

document.documentElement.lang = messagesLanguage();
document.title = t('restoreTitle');
const app = document.getElementById('app');
if (app) render(<Restore ask={ask} batchId={location.hash.slice(1) || null} />, app);
