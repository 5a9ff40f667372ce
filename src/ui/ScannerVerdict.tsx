import { UNSUBSCRIBE_WITHIN_SECONDS, type ScannerVerdict as Verdict } from '../core/scanner';
import { t } from './i18n';

/**
 * "Looks like a link scanner, not a person", with the reason the activities give: which email, how
 * many seconds after its send, how many links clicked in how many seconds. Nothing at all without
 * a verdict: the absence of a scanner's trace proves no person either.
 */
export function ScannerVerdict({ verdict }: { verdict: Verdict | null | undefined }) {
  if (!verdict) return null;
  const { email, secondsAfterSent, burst } = verdict;
  return (
    <div class="scanner warning" data-field="history-scanner" role="note">
      <strong>{t('historyScanner')}</strong>
      <ul>
        {secondsAfterSent !== null && secondsAfterSent <= UNSUBSCRIBE_WITHIN_SECONDS && (
          <li data-reason="soon">{t('historyScannerSoon', email, String(secondsAfterSent))}</li>
        )}
        {burst && (
          <li data-reason="burst">{t('historyScannerBurst', String(burst.links), email, String(burst.seconds))}</li>
        )}
      </ul>
      <p class="muted">{t('historyScannerWhy')}</p>
    </div>
  );
}
