import type { ComponentChildren } from 'preact';
import type { OptOutHistory, Restoration } from '../core/messages';
import { t } from './i18n';

const when = (at: number | string) =>
  new Date(at).toLocaleString([], {
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
  });

/** The prospect's opt-out activities as its page lists them, or what could not be read. */
export function AeOptOuts({ ae }: { ae: OptOutHistory['ae'] }) {
  if (ae === undefined || ae === null || ae.length === 0) {
    const key = ae === undefined ? 'historyAeNotRead' : ae === null ? 'historyAeNoList' : 'historyAeNone';
    return (
      <p class="muted" data-field="history-ae">
        {t(key)}
      </p>
    );
  }
  return (
    <ul data-field="history-ae">
      {ae.map((activity) => (
        <li key={`${activity.at}-${activity.what}`}>
          {activity.at ? `${when(activity.at)} · ` : `${t('historyTimeUnknown')} · `}
          {activity.what}
        </li>
      ))}
    </ul>
  );
}

/** Who checked and unchecked Email Opt Out, from its field history, or that none could be read. */
export function EmailOptOutChanges({ salesforce }: { salesforce: OptOutHistory['salesforce'] }) {
  if (typeof salesforce === 'string') {
    return (
      <p class="muted" data-field="history-salesforce">
        {salesforce === 'not-tracked' ? t('historyNotTracked') : t('historyUnreadable')}
      </p>
    );
  }
  return (
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
  );
}

/**
 * How each side got opted out, as far as the worker could read it: the prospect's opt-out
 * activities, and who changed Email Opt Out in Salesforce. What could not be read is said plainly.
 */
/** `scanner`: the window's reading of the AE side (ScannerVerdict), kept out of the overlay's bundle. */
export function OptOutStory({ history, scanner }: { history: OptOutHistory; scanner?: ComponentChildren }) {
  return (
    <section class="history" data-field="history" aria-labelledby="history-heading">
      <h2 id="history-heading">{t('historyHeading')}</h2>
      <h3>{t('historyAeHeading')}</h3>
      <AeOptOuts ae={history.ae} />
      {scanner}
      <h3>{t('historySalesforceHeading')}</h3>
      <EmailOptOutChanges salesforce={history.salesforce} />
    </section>
  );
}

/**
 * Earlier opt-ins, each by whom and when; `full`: with the Task's whole description (the
 * confirmation window), else its first line, the admin's reason (the overlay).
 */
export function RestorationList({ restorations, full }: { restorations: Restoration[]; full: boolean }) {
  return (
    <ul>
      {restorations.map((r) => (
        <li key={r.taskId} data-task={r.taskId}>
          {t('restorationBy', when(r.at), r.by || '?')}
          {full ? (
            <pre class="muted">{r.description}</pre>
          ) : (
            r.description && <span class="muted"> · {r.description.split('\n')[0]}</span>
          )}
        </li>
      ))}
    </ul>
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
      <RestorationList restorations={restorations} full />
    </section>
  );
}
