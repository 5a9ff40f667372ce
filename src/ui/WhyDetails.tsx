import type { PairWhy } from '../core/messages';
import { t } from './i18n';
import { AeOptOuts, EmailOptOutChanges, RestorationList } from './PairHistory';

/** The overlay's folded history: how each side got opted out, and the earlier opt-ins recorded as Tasks. */
export function WhyDetails({ why: { history, restorations } }: { why: PairWhy }) {
  const earlier = restorations?.length ?? 0;
  return (
    <>
      <h3>{t('historyAeHeading')}</h3>
      <AeOptOuts ae={history.ae} />
      <h3>{t('historySalesforceHeading')}</h3>
      <EmailOptOutChanges salesforce={history.salesforce} />
      {restorations === null && (
        <p class="muted" data-field="restorations">
          {t('restorationsUnreadable')}
        </p>
      )}
      {earlier > 0 && (
        <div data-field="restorations">
          <h3>{t('restorationsHeading')}</h3>
          <RestorationList restorations={restorations ?? []} full={false} />
        </div>
      )}
    </>
  );
}
