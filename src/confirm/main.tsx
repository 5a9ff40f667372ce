/**
 * The confirmation window: an extension page, opened by the worker when the
 * admin asks from a page's panel. Its id (in the URL's fragment) names the
 * confirmation the worker keeps; nothing here trusts the page it came from.
 */
import { render } from 'preact';
import browser from 'webextension-polyfill';
import type { ExtensionPageRequestOf, ExtensionPageResponses, Response } from '../core/messages';
import { Confirm } from '../ui/Confirm';
import { messagesLanguage, t } from '../ui/i18n';
import '../ui/page.css';

type Ask = <K extends keyof ExtensionPageResponses>(
  request: ExtensionPageRequestOf<K>,
) => Promise<Response<ExtensionPageResponses[K]>>;

const ask: Ask = async (request) => {
  try {
    return (await browser.runtime.sendMessage(request)) as never;
  } catch {
    return { ok: false, error: 'internal' };
  }
};

document.documentElement.lang = messagesLanguage();
document.title = t('confirmWindowTitle');
const id = location.hash.slice(1);
const app = document.getElementById('app');
if (app) render(<Confirm id={id} ask={ask} close={() => window.close()} />, app);
