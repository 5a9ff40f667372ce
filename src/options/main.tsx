import { render } from 'preact';
import browser from 'webextension-polyfill';
import { t } from '../ui/i18n';
import '../ui/page.css';

function Options() {
  return (
    <main class="options">
      <h1>{t('optionsTitle')}</h1>
      <p>{t('optionsIntro')}</p>
    </main>
  );
}

document.documentElement.lang = browser.i18n.getUILanguage();
const app = document.getElementById('app');
if (app) render(<Options />, app);
