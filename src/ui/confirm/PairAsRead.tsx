/** What the worker read just now: the org, both sides, how the pair got opted out, and what still keeps mail from it. */
import type { ConfirmationView } from '../../core/messages';
import { t } from '../i18n';
import { Pair, Unmailable } from '../overlay-pair';
import { OptOutStory, Restorations } from '../PairHistory';
import { ScannerVerdict } from '../ScannerVerdict';
import { adviceKey } from '../status';

export function PairAsRead({ view }: { view: ConfirmationView }) {
  const advice = adviceKey(view);
  return (
    <>
      <p class="muted" data-field="org">
        {t('confirmOrg', view.orgHost)}
        {view.businessUnitName ? ` · ${t('confirmUnit', view.businessUnitName)}` : ''}
      </p>
      <Pair status={view} />
      {view.history && (
        <OptOutStory history={view.history} scanner={<ScannerVerdict verdict={view.history.scanner} />} />
      )}
      {view.restorations !== undefined && <Restorations restorations={view.restorations} />}
      {advice && <p data-field="advice">{t(advice)}</p>}
      <Unmailable reasons={view.stillUnmailable} />
    </>
  );
}
