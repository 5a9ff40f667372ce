/** The rows of the list the worker refused before anything was read, each with its line and why. */
import type { BatchView } from '../../core/messages';
import { t } from '../i18n';
import { key } from './words';

export function RefusedRows({ refused }: { refused: BatchView['batch']['refused'] }) {
  return (
    <section data-field="refused">
      <h2>{t('restoreRefused', String(refused.length))}</h2>
      <table>
        <thead>
          <tr>
            <th>{t('restoreLine')}</th>
            <th>{t('restoreRow')}</th>
            <th>{t('restoreWhy')}</th>
          </tr>
        </thead>
        <tbody>
          {refused.map((row) => (
            <tr key={row.line} data-line={row.line} data-problem={row.problem}>
              <td>{row.line}</td>
              <td>{row.text}</td>
              <td>{t(key('rowProblem_', row.problem))}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
