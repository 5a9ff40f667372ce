/** The list in: the org it goes to, how many rows run at once, the list pasted or as a file, and Preview. */
import { MAX_BYTES, MAX_ROWS } from '../../core/batch';
import { t } from '../i18n';

interface Props {
  /** The orgs the admin is logged in to (null: not read yet). */
  orgs: string[] | null;
  orgHost: string;
  onOrgHost: (host: string) => void;
  concurrency: number;
  onConcurrency: (concurrency: number) => void;
  text: string;
  onText: (text: string) => void;
  onFile: (file: File | undefined) => void;
  /** Preview waits: a request is on its way, no org is chosen, or the batch runs. */
  disabled: boolean;
  onPreview: () => void;
}

export function ListInput(props: Props) {
  const { orgs, orgHost, concurrency, text } = props;
  return (
    <>
      <p class="muted" data-field="columns">
        {t('restoreColumns', String(MAX_ROWS), String(MAX_BYTES / 1000))}
      </p>
      <p class="muted" data-field="evidence-date-help">
        {t('restoreEvidenceDate')}
      </p>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          props.onPreview();
        }}
      >
        <label for="org">{t('restoreOrg')}</label>{' '}
        {orgs && orgs.length === 0 ? (
          <span class="error">{t('restoreNoOrg')}</span>
        ) : (
          <select id="org" data-field="org" value={orgHost} onChange={(e) => props.onOrgHost(e.currentTarget.value)}>
            {(orgs ?? []).map((host) => (
              <option key={host} value={host}>
                {host}
              </option>
            ))}
          </select>
        )}{' '}
        <label for="concurrency">{t('restoreConcurrency')}</label>{' '}
        <input
          id="concurrency"
          data-field="concurrency"
          type="number"
          min={1}
          max={5}
          value={concurrency}
          onInput={(e) => props.onConcurrency(Math.min(5, Math.max(1, Number(e.currentTarget.value) || 1)))}
        />
        <p>
          <label for="list">{t('restoreList')}</label>
          <textarea
            id="list"
            data-field="list"
            rows={8}
            cols={100}
            value={text}
            onInput={(e) => props.onText(e.currentTarget.value)}
          />
        </p>
        <p>
          <label for="file">{t('restoreFile')}</label>{' '}
          <input
            id="file"
            data-field="file"
            type="file"
            accept=".csv,.tsv,.txt,text/csv"
            onChange={(e) => props.onFile(e.currentTarget.files?.[0])}
          />
        </p>
        <button type="submit" data-field="preview" disabled={props.disabled}>
          {t('restorePreview')}
        </button>
      </form>
    </>
  );
}
