/** Both sides of a pair as read, each with its state at a glance: the overlay's, and the confirmation window's. */
import type { PairStatus } from '../core/messages';
import type { StillUnmailable } from '../core/sync-model';
import { t } from './i18n';
import { yesNo } from './status';

/** Both sides of the pair as read: the overlay's, and the confirmation window's. */
export function Pair({ status }: { status: Pick<PairStatus, 'prospect' | 'record'> }) {
  const { prospect, record } = status;
  return (
    <dl class="pair">
      {prospect && (
        <div data-side="ae">
          <dt>
            {t('sideAe')} · {t('overlayProspect', String(prospect.id))} <Badge optedOut={prospect.optedOut} />
          </dt>
          {prospect.email && <dd class="email">{prospect.email}</dd>}
          <dd>
            {t('fieldOptedOut')}: <strong data-field="optedOut">{yesNo(prospect.optedOut)}</strong>
          </dd>
          {prospect.isDoNotEmail !== null && (
            <dd>
              {t('fieldDoNotEmail')}: <span data-field="isDoNotEmail">{yesNo(prospect.isDoNotEmail)}</span>
            </dd>
          )}
          {prospect.isEmailHardBounced !== null && (
            <dd>
              {t('fieldHardBounced')}: <span data-field="isEmailHardBounced">{yesNo(prospect.isEmailHardBounced)}</span>
            </dd>
          )}
          {prospect.salesforceLastSync && (
            <dd class="muted">
              {t('fieldLastSync')}: {new Date(prospect.salesforceLastSync).toLocaleString()}
            </dd>
          )}
          {prospect.source === 'none' && <dd class="muted">{t('aeNotRead')}</dd>}
        </div>
      )}
      {record && (
        <div data-side="salesforce">
          <dt>
            {t('sideSf')} · {t(record.object === 'Lead' ? 'overlayLead' : 'overlayContact', record.id)}{' '}
            <Badge optedOut={record.hasOptedOutOfEmail} />
          </dt>
          <dd>
            {t('fieldEmailOptOut')}: <strong data-field="hasOptedOutOfEmail">{yesNo(record.hasOptedOutOfEmail)}</strong>
          </dd>
        </div>
      )}
    </dl>
  );
}

/** A side's state at a glance, in a word and an icon (overlay.css), not in colour alone. */
function Badge({ optedOut }: { optedOut: boolean | null }) {
  const state = optedOut === null ? 'unknown' : optedOut ? 'opted-out' : 'opted-in';
  const key = optedOut === null ? 'badgeUnknown' : optedOut ? 'badgeOptedOut' : 'badgeOptedIn';
  return (
    <span class="badge" data-badge={state}>
      {t(key)}
    </span>
  );
}

/** What still keeps mail from the person once both sides are opted in. */
export function Unmailable({ reasons }: { reasons: readonly StillUnmailable[] }) {
  return (
    <>
      {reasons.includes('do-not-email') && <p data-field="unmailable">{t('unmailableDoNotEmail')}</p>}
      {reasons.includes('hard-bounced') && <p data-field="unmailable">{t('unmailableHardBounced')}</p>}
    </>
  );
}
