import type { OptOutHistory, Restoration } from '../core/messages';
import { t } from './i18n';
import { ScannerVerdict } from './ScannerVerdict';

const when = (at: number | string) =>
  new Date(at).toLocaleString([], {
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
  });

/**
 * How each side got opted out, as far as the worker could read it: the prospect's opt-out
 * activities, and who changed Email Opt Out in Salesforce. What could not be read is said plainly.
 */
export function OptOutStory({ history }: { history: OptOutHistory }) {
  const { ae, salesforce } = history;
  return (
    <section class="history" data-field="history" aria-labelledby="history-heading">
      <h2 id="history-heading">{t('historyHeading')}</h2>
      <h3>{t('historyAeHeading')}</h3>
      {ae === undefined ? (
        <p class="muted" data-field="history-ae">
          {t('historyAeNotRead')}
        </p>
      ) : ae === null || ae.length === 0 ? (
        <p class="muted" data-field="history-ae">
          {ae === null ? t('historyAeNoList') : t('historyAeNone')}
        </p>
      ) : (
        <ul data-field="history-ae">
          {ae.map((activity) => (
            <li key={`${activity.at}-${activity.what}`}>
              {activity.at ? `${when(activity.at)} · ` : `${t('historyTimeUnknown')} · `}
              {activity.what}
            </li>
          ))}
        </ul>
      )}
      <ScannerVerdict verdict={history.scanner} />
      <h3>{t('historySalesforceHeading')}</h3>
      {typeof salesforce === 'string' ? (
        <p class="muted" data-field="history-salesforce">
          {salesforce === 'not-tracked' ? t('historyNotTracked') : t('historyUnreadable')}
        </p>
      ) : (
        <ul data-field="history-salesforce">
          {salesforce.map((row) => (
            <li key={`${row.at}-${row.by}`}>
              {t(
                row.checked ? 'historyCheckedBy' : 'historyUncheckedBy',
                when(row.at),
                row.connector ? t('historyConnector', row.by) : row.by,
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

/** Earlier opt-ins of the record, from their evidence Tasks in Salesforce (any admin's). */
export function Restorations({ restorations }: { restorations: Restoration[] | null }) {
  if (restorations === null) {
    return (
      <p class="muted" data-field="restorations">
        {t('restorationsUnreadable')}
      </p>
    );
  }
  if (!restorations.length) return null;
  return (
    <section data-field="restorations" aria-labelledby="restorations-heading">
      <h2 id="restorations-heading">{t('restorationsHeading')}</h2>
      <ul>
        {restorations.map((r) => (
          <li key={r.taskId} data-task={r.taskId}>
            {t('restorationBy', when(r.at), r.by || '?')}
            <pre class="muted">{r.description}</pre>
          </li>
        ))}
      </ul>
    </section>
  );
}
