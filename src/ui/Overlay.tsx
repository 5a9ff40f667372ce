import { useEffect, useState } from 'preact/hooks';
import type { PageStatus, Response } from '../core/messages';
import type { DetectedPage } from '../core/page-detect';
import { t } from './i18n';
import { describePage, errorText, requestPageStatus } from './status';

interface Props {
  page: DetectedPage;
  onGone: () => void;
}

export function Overlay({ page, onGone }: Props) {
  const [status, setStatus] = useState<Response<PageStatus> | null>(null);

  useEffect(() => {
    let current = true;
    setStatus(null);
    void requestPageStatus(page).then((answer) => current && setStatus(answer));
    return () => {
      current = false;
    };
  }, [page]);

  const tone = status && !status.ok ? 'error' : 'info';
  return (
    <section class="panel" data-tone={tone} aria-label={t('overlayTitle')}>
      <header>
        <h2>{t('overlayTitle')}</h2>
        <button
          type="button"
          class="close"
          title={t('overlayDismiss')}
          aria-label={t('overlayDismiss')}
          onClick={onGone}
        >
          ×
        </button>
      </header>
      <p data-field="record">{describePage(page)}</p>
      {status === null ? (
        <p class="muted">{t('overlayChecking')}</p>
      ) : status.ok ? (
        <p data-field="status">{t('overlayConnected')}</p>
      ) : (
        <p class="error" role="alert" data-field="status">
          {errorText(status.error)}
        </p>
      )}
    </section>
  );
}
