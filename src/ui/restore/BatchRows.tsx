/**
 * Every row of the batch, read-only: what the list said, the records found for it and both their
 * sides, the evidence, the verdict, and (once confirmed) what became of it.
 */
import type { BatchView } from '../../core/messages';
import { t } from '../i18n';
import { errorText, yesNo } from '../status';
import { key } from './words';

type Batch = BatchView['batch'];
type Row = Batch['rows'][number];

export function BatchRows({ batch }: { batch: Batch }) {
  return (
    <table data-field="rows">
      <thead>
        <tr>
          <th>{t('restoreLine')}</th>
          <th>{t('restoreRow')}</th>
          <th>{t('restoreFound')}</th>
          <th>{t('restoreEvidence')}</th>
          <th>{t('restoreVerdict')}</th>
          <th>{t('restoreOutcome')}</th>
        </tr>
      </thead>
      <tbody>
        {batch.rows.map((row) => (
          <tr key={row.line} data-line={row.line} data-verdict={row.verdict} data-state={row.state}>
            <td>{row.line}</td>
            <td>{row.email ?? row.recordId ?? row.prospectId}</td>
            <td>
              {row.candidates.map((candidate) => (
                <Candidate key={candidate.recordId} candidate={candidate} />
              ))}
            </td>
            <td>{row.evidence}</td>
            <td>
              {t(key('verdict_', row.verdict))}
              {row.optOutCheck && (
                <div class="muted" data-field="opt-out-check" data-check={row.optOutCheck}>
                  {t(
                    key('optOutCheck_', row.optOutCheck),
                    row.optedOutAt ? new Date(row.optedOutAt).toLocaleString() : '',
                  )}
                </div>
              )}
            </td>
            <td>
              {batch.state === 'previewed' ? '' : t(key('rowState_', row.state))}
              {row.error ? ` · ${errorText(row.error)}` : ''}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** A record found for a row: its Email Opt Out, and its prospect's side when AE was read. */
function Candidate({ candidate: c }: { candidate: Row['candidates'][number] }) {
  return (
    <div data-field="candidate">
      {t(c.object === 'Lead' ? 'overlayLead' : 'overlayContact', c.recordId)} · {c.email ?? ''} ·{' '}
      {t('fieldEmailOptOut')}: {yesNo(c.hasOptedOutOfEmail)}
      {c.hardBounced ? ` · ${t('fieldHardBounced')}` : ''}
      {c.prospectId !== null ? ` · ${t('overlayProspect', String(c.prospectId))}` : ''}
      {c.ae === null && ` · ${t('restoreAeNotRead')}`}
      {c.ae &&
        ` · ${t('restoreAeSide')}: ${t('fieldOptedOut')}: ${yesNo(c.ae.optedOut)} · ${t('fieldDoNotEmail')}: ${yesNo(c.ae.isDoNotEmail)}${c.ae.isEmailHardBounced ? ` · ${t('fieldHardBounced')}` : ''}`}
    </div>
  );
}
