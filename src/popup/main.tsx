import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import browser from 'webextension-polyfill';
import { type DetectedPage, detectPage } from '../core/page-detect';
import { messagesLanguage, t } from '../ui/i18n';
import { describePage } from '../ui/status';
import '../ui/page.css';

function Popup() {
  const [page, setPage] = useState<DetectedPage | null | undefined>(undefined);
  useEffect(() => {
    void browser.tabs.query({ active: true, currentWindow: true }).then(([tab]) => setPage(detectPage(tab?.url ?? '')));
  }, []);
  return (
    <main class="popup">
      <h1>{t('extName')}</h1>
      {page === undefined ? null : page ? (
        <p>
          {t('popupRecognised')} {describePage(page)}
        </p>
      ) : (
        <p>{t('popupNotRecognised')}</p>
      )}
      <button type="button" onClick={() => void browser.runtime.openOptionsPage()}>
        {t('popupOpenOptions')}
      </button>{' '}
      <button
        type="button"
        data-field="restore-list"
        onClick={() => void browser.tabs.create({ url: browser.runtime.getURL('src/restore/index.html') })}
      >
        {t('popupRestoreList')}
      </button>
    </main>
  );
}

document.documentElement.lang = messagesLanguage();
const app = document.getElementById('app');
if (app) render(<Popup />, app);
