/**
 * The confirmation window: an extension page, opened by the worker when the
 * admin asks from a page's panel. Its id (in the URL's fragment) names the
 * confirmation the worker keeps; nothing here trusts the page it came from.
 */
import { render } from 'preact';
import { ask } from '../ui/ask';
import { Confirm } from '../ui/Confirm';
import { messagesLanguage, t } from '../ui/i18n';
import '../ui/page.css';

document.documentElement.lang = messagesLanguage();
document.title = t('confirmWindowTitle');
const id = location.hash.slice(1);
const app = document.getElementById('app');
if (app) render(<Confirm id={id} ask={ask} close={() => window.close()} />, app);
