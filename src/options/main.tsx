import { render } from 'preact';
import { useCallback, useEffect, useState } from 'preact/hooks';
import browser from 'webextension-polyfill';
import { AE_HOSTS, isAeHost } from '../core/hosts';
import { LOGIN_HOSTS } from '../core/login-hosts';
import type { AuditEntry, Dashboard, ExtensionOptions, SettingsView } from '../core/messages';
import { DEFAULT_OPTIONS } from '../core/options';
import { OPTED_OUT_SYNC_BEHAVIORS, type OptedOutSyncBehavior } from '../core/sync-model';
import { type MessageKey, messagesLanguage, t } from '../ui/i18n';
import { saveFile } from '../ui/save-file';
import { errorText } from '../ui/status';
import '../ui/page.css';
import privacyPolicy from '../../docs/privacy.md?raw';
import { ask } from '../ui/ask';
import { CheckOrg } from './CheckOrg';

/** The AE host a business unit's pages were read on (the demo host for sandboxes), else production's. */
function aeHostOf(settings: SettingsView): string {
  for (const learned of [settings.overwriteLearned, settings.fieldLearned]) {
    const host = learned?.url && URL.canParse(learned.url) ? new URL(learned.url).host : '';
    if (isAeHost(host)) return host;
  }
  return AE_HOSTS[0] as string;
}

const BEHAVIOR_KEYS: Record<OptedOutSyncBehavior, MessageKey> = {
  'most-recent-record': 'behaviorMostRecentRecord',
  ae: 'behaviorAe',
  salesforce: 'behaviorSalesforce',
  'most-recent-field': 'behaviorMostRecentField',
};
const OUTCOME: Record<AuditEntry['outcome'], MessageKey> = {
  done: 'outcomeDone',
  failed: 'outcomeFailed',
  refused: 'outcomeRefused',
  running: 'outcomeRunning',
  joined: 'outcomeJoined',
};

function learned(from: SettingsView['overwriteLearned'] | SettingsView['fieldLearned']) {
  if (!from) return t('optionsNeverLearned');
  const source =
    from.from === 'manual'
      ? 'optionsSourceManual'
      : from.from === 'connector-page'
        ? 'optionsSourceConnector'
        : 'optionsSourceField';
  return t('optionsLearnedFrom', t(source), new Date(from.at).toLocaleString());
}

/** The Opted Out field's sync behaviour and whether it is mapped, as the admin sets them. */
function FieldSync(props: {
  behavior: OptedOutSyncBehavior | '';
  setBehavior: (value: OptedOutSyncBehavior) => void;
  mapped: string;
  setMapped: (value: string) => void;
}) {
  return (
    <>
      <label>
        {t('optionsBehavior')}{' '}
        <select
          value={props.behavior}
          onChange={(e) => props.setBehavior((e.target as HTMLSelectElement).value as OptedOutSyncBehavior)}
        >
          <option value="">{t('optionsUnknown')}</option>
          {OPTED_OUT_SYNC_BEHAVIORS.map((value) => (
            <option value={value}>{t(BEHAVIOR_KEYS[value])}</option>
          ))}
        </select>
      </label>
      <label>
        {t('optionsMapped')}{' '}
        <select value={props.mapped} onChange={(e) => props.setMapped((e.target as HTMLSelectElement).value)}>
          <option value="">{t('optionsUnknown')}</option>
          <option value="true">{t('valueYes')}</option>
          <option value="false">{t('valueNo')}</option>
        </select>
      </label>
    </>
  );
}

/** Where the admin reads the option and the field's sync behaviour in Account Engagement. */
function ConnectorLinks({ aeHost }: { aeHost: string }) {
  return (
    <p>
      <a href={`https://${aeHost}/connector`} target="_blank" rel="noreferrer">
        {t('optionsOpenConnector')}
      </a>{' '}
      ·{' '}
      <a href={`https://${aeHost}/prospectFieldDefault`} target="_blank" rel="noreferrer">
        {t('optionsOpenField')}
      </a>
    </p>
  );
}

/** The org's own connected app for OAuth: its client id and login host. */
function OAuthFields({ draft, setDraft }: { draft: ExtensionOptions; setDraft: (options: ExtensionOptions) => void }) {
  return (
    <>
      <h3>{t('optionsOauthHeading')}</h3>
      <p>{t('optionsOauthHelp')}</p>
      <label>
        {t('optionsClientId')}{' '}
        <input
          data-field="oauthClientId"
          value={draft.oauthClientId}
          onInput={(e) => setDraft({ ...draft, oauthClientId: (e.target as HTMLInputElement).value })}
        />
      </label>
      <label>
        {t('optionsLoginHost')}{' '}
        <input
          data-field="oauthLoginHost"
          value={draft.oauthLoginHost}
          placeholder={LOGIN_HOSTS[0]}
          onInput={(e) => setDraft({ ...draft, oauthLoginHost: (e.target as HTMLInputElement).value })}
        />
      </label>
    </>
  );
}

function SettingsCard({ settings, onSaved }: { settings: SettingsView; onSaved: () => void }) {
  const [overwrite, setOverwrite] = useState(settings.overwriteOptedOut);
  const [behavior, setBehavior] = useState<OptedOutSyncBehavior | ''>(settings.optedOutSyncBehavior ?? '');
  const [mapped, setMapped] = useState(settings.optedOutMapped === null ? '' : String(settings.optedOutMapped));
  const aeHost = aeHostOf(settings);
  const [saved, setSaved] = useState(false);
  const save = async (event: Event) => {
    event.preventDefault();
    await ask({
      type: 'set-settings',
      settings: {
        businessUnitId: settings.businessUnitId,
        overwriteOptedOut: overwrite,
        optedOutSyncBehavior: behavior || null,
        optedOutMapped: mapped === '' ? null : mapped === 'true',
      },
    });
    setSaved(true);
    onSaved();
  };
  return (
    <form class="card" data-business-unit={settings.businessUnitId ?? ''} onSubmit={save}>
      <h3>
        {t('optionsBusinessUnit')}:{' '}
        {settings.businessUnitName ?? settings.businessUnitId ?? t('optionsBusinessUnitUnknown')}
      </h3>
      <label>
        {t('optionsOverwrite')}{' '}
        <select
          data-field="overwrite"
          value={overwrite}
          onChange={(e) => setOverwrite((e.target as HTMLSelectElement).value as typeof overwrite)}
        >
          <option value="on">{t('optionsOn')}</option>
          <option value="off">{t('optionsOff')}</option>
          <option value="unknown">{t('optionsUnknown')}</option>
        </select>
      </label>
      <p class="muted" data-field="overwrite-learned">
        {learned(settings.overwriteLearned)}
      </p>
      <FieldSync behavior={behavior} setBehavior={setBehavior} mapped={mapped} setMapped={setMapped} />
      <p class="muted">{learned(settings.fieldLearned)}</p>
      <button type="submit">{t('optionsSave')}</button> {saved && <span role="status">{t('optionsSaved')}</span>}
      <ConnectorLinks aeHost={aeHost} />
    </form>
  );
}

function Timing({ options, onSaved }: { options: ExtensionOptions; onSaved: () => void }) {
  const [draft, setDraft] = useState(options);
  const field = (
    key:
      | 'syncIntervalSeconds'
      | 'marginSeconds'
      | 'pollSeconds'
      | 'maxAttempts'
      | 'confirmationExpiryMinutes'
      | 'pageLoadSeconds',
    label: MessageKey,
    min: number,
  ) => (
    <label>
      {t(label)}{' '}
      <input
        type="number"
        min={min}
        data-field={key}
        value={draft[key] ?? DEFAULT_OPTIONS[key]}
        onInput={(e) => setDraft({ ...draft, [key]: Number((e.target as HTMLInputElement).value) })}
      />
    </label>
  );
  return (
    <form
      class="card"
      onSubmit={async (event) => {
        event.preventDefault();
        await ask({ type: 'set-options', options: draft });
        onSaved();
      }}
    >
      {field('syncIntervalSeconds', 'optionsSyncInterval', 1)}
      {field('marginSeconds', 'optionsMargin', 0)}
      {field('pollSeconds', 'optionsPoll', 1)}
      {field('maxAttempts', 'optionsMaxAttempts', 1)}
      {field('confirmationExpiryMinutes', 'optionsConfirmationExpiry', 1)}
      {field('pageLoadSeconds', 'optionsPageLoad', 5)}
      <label>
        <input
          type="checkbox"
          data-field="recordTask"
          checked={draft.recordTask === true}
          onChange={(e) => setDraft({ ...draft, recordTask: (e.target as HTMLInputElement).checked })}
        />{' '}
        {t('optionsRecordTask')}
      </label>
      <OAuthFields draft={draft} setDraft={setDraft} />
      <button type="submit">{t('optionsSave')}</button>
    </form>
  );
}

/** Saves text as a file the admin downloads, named after `name` and today's date. */
function download(text: string, type: string, name: string, extension: string) {
  saveFile(text, type, `${name}-${new Date().toISOString().slice(0, 10)}.${extension}`);
}

/** A link to the privacy policy at the foot of the page (docs/privacy.md, bundled); it unfolds there. */
const PrivacyLink = () => <a href="#privacy">{t('optionsPrivacy')}</a>;

function unfoldPrivacyOnLink() {
  const unfold = () => {
    const policy = document.getElementById('privacy');
    if (location.hash === '#privacy' && policy instanceof HTMLDetailsElement) policy.open = true;
  };
  window.addEventListener('hashchange', unfold);
  return () => window.removeEventListener('hashchange', unfold);
}

function MyData({ onDeleted }: { onDeleted: () => void }) {
  const [asking, setAsking] = useState(false);
  const [done, setDone] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const exportAll = async () => {
    const reply = await ask({ type: 'export-my-data' });
    if (!reply.ok) return setError(errorText(reply.error));
    download(reply.value, 'application/json', 'optout-sync-guard-data', 'json');
  };
  const deleteAll = async () => {
    setAsking(false);
    const reply = await ask({ type: 'delete-my-data' });
    if (!reply.ok) return setError(errorText(reply.error));
    setError(null);
    setDone(t(reply.value.oauthRevoked ? 'optionsDeletedRevoked' : 'optionsDeleted'));
    onDeleted();
  };
  return (
    <section class="card" data-section="my-data">
      <h2>{t('optionsMyDataHeading')}</h2>
      <p>
        {t('optionsMyDataHelp')} <PrivacyLink />
      </p>
      <div class="data-actions">
        <button type="button" data-action="export-my-data" onClick={exportAll}>
          {t('optionsExportMyData')}
        </button>
        <button type="button" data-action="delete-my-data" onClick={() => setAsking(true)} disabled={asking}>
          {t('optionsDeleteMyData')}
        </button>
      </div>
      {asking && (
        <div role="alertdialog" aria-labelledby="delete-question" class="warning">
          <p id="delete-question">{t('optionsDeleteConfirm')}</p>
          <div class="data-actions">
            <button type="button" class="destructive" data-action="delete-my-data-confirm" onClick={deleteAll}>
              {t('optionsDeleteYes')}
            </button>
            <button type="button" onClick={() => setAsking(false)}>
              {t('buttonCancel')}
            </button>
          </div>
        </div>
      )}
      <div role="status">{done && <p data-field="my-data-done">{done}</p>}</div>
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
    </section>
  );
}

/** What the worker did to stored data on its own (a migration, a reset): the admin should know. */
function Notices({ notices }: { notices: Dashboard['notices'] }) {
  return (
    <>
      {notices.map((notice) => (
        <p class="warning" role="status" data-field="notice" key={notice.at}>
          {notice.kind === 'storage-migrated'
            ? t('noticeMigrated', new Date(notice.at).toLocaleString())
            : t('noticeReset', new Date(notice.at).toLocaleString(), notice.keys.join(', '))}
        </p>
      ))}
    </>
  );
}

/** Which writer takes each side: the AE API once an org's AE took Opted Out by it, else the page. */
function Writers({ aeWriteMethod }: { aeWriteMethod: Dashboard['aeWriteMethod'] }) {
  return (
    <>
      <h2>{t('optionsWritersHeading')}</h2>
      <ul>
        <li>{t('optionsWriterSalesforce')}</li>
        <li data-field="ae-writer">
          {Object.values(aeWriteMethod).includes('works') ? t('optionsWriterAeApi') : t('optionsWriterAePage')}
        </li>
      </ul>
    </>
  );
}

/** The OAuth connection: what to register (callback, scopes), whether it is connected, and the buttons. */
function Connection({ oauth, onChanged }: { oauth: Dashboard['oauth']; onChanged: (error: string | null) => void }) {
  const call = async (type: 'oauth-connect' | 'oauth-disconnect') => {
    const reply = await ask({ type });
    onChanged(reply.ok ? null : errorText(reply.error));
  };
  return (
    <>
      <p>
        {t('optionsCallback')}: <code data-field="callback">{oauth.redirectUrl}</code>
        <br />
        {t('optionsScopes')}: <code>{oauth.scopes}</code>
      </p>
      <p data-field="oauth-status">{oauth.connected ? t('optionsConnected') : t('optionsNotConnected')}</p>
      <button type="button" data-action="oauth-connect" onClick={() => call('oauth-connect')}>
        {t('optionsConnect')}
      </button>{' '}
      {oauth.connected && (
        <button type="button" onClick={() => call('oauth-disconnect')}>
          {t('optionsDisconnect')}
        </button>
      )}
    </>
  );
}

/** The audit log, newest first, and its CSV export. */
function AuditLog({ dashboard, onError }: { dashboard: Dashboard; onError: (error: string) => void }) {
  const exportCsv = async () => {
    const reply = await ask({ type: 'export-audit' });
    if (!reply.ok) return onError(errorText(reply.error));
    download(`\ufeff${reply.value}`, 'text/csv;charset=utf-8', 'optout-sync-guard-audit', 'csv');
  };
  return (
    <>
      <h2>{t('optionsAuditHeading')}</h2>
      {dashboard.auditDropped > 0 && <p class="muted">{t('optionsAuditDropped', String(dashboard.auditDropped))}</p>}
      {dashboard.auditUnreadable > 0 && (
        <p class="warning" data-field="audit-unreadable">
          {t('noticeAuditKept', String(dashboard.auditUnreadable))}
        </p>
      )}
      {dashboard.audit.length === 0 ? (
        <p>{t('optionsAuditEmpty')}</p>
      ) : (
        <table class="audit" data-field="audit">
          <thead>
            <tr>
              <th>{t('auditWhen')}</th>
              <th>{t('auditAdmin')}</th>
              <th>{t('auditProspect')}</th>
              <th>{t('auditRecord')}</th>
              <th>{t('auditReason')}</th>
              <th>{t('auditOutcome')}</th>
              <th>{t('auditAttempts')}</th>
            </tr>
          </thead>
          <tbody>
            {[...dashboard.audit].reverse().map((row) => (
              <tr key={row.jobId} data-job-id={row.jobId}>
                <td>{new Date(row.at).toLocaleString()}</td>
                <td>{row.admin}</td>
                <td>
                  {row.prospectId} · {row.email}
                </td>
                <td>
                  {row.object} {row.recordId}
                </td>
                <td>{row.reason}</td>
                <td>
                  {t(OUTCOME[row.outcome])}
                  {row.error ? ` (${row.error})` : ''}
                </td>
                <td>{row.attempts.length}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <button type="button" data-action="export-csv" onClick={exportCsv}>
        {t('optionsExportCsv')}
      </button>
    </>
  );
}

function Options() {
  const [dashboard, setDashboard] = useState<Dashboard | null>(null);
  const [error, setError] = useState<string | null>(null);
  const load = useCallback(() => {
    void ask({ type: 'get-dashboard' }).then((reply) =>
      reply.ok ? setDashboard(reply.value) : setError(errorText(reply.error)),
    );
  }, []);
  useEffect(load, []);
  useEffect(unfoldPrivacyOnLink, []);

  if (!dashboard) return <main class="options">{error ?? '…'}</main>;
  return (
    <main class="options">
      <h1>{t('optionsTitle')}</h1>
      <p class="version" data-field="version">
        {t('optionsVersion', browser.runtime.getManifest().version)} · <PrivacyLink />
      </p>
      <p>{t('optionsIntro')}</p>
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
      <Notices notices={dashboard.notices} />
      <CheckOrg ask={ask} />
      <h2>{t('optionsSettingsHeading')}</h2>
      {dashboard.settings.map((settings) => (
        <SettingsCard key={settings.businessUnitId ?? '_'} settings={settings} onSaved={load} />
      ))}
      <p>{t('optionsHowTo')}</p>
      <p class="warning">{t('optionsWhenNot')}</p>
      <Writers aeWriteMethod={dashboard.aeWriteMethod} />
      <h2>{t('optionsTimingHeading')}</h2>
      <Timing options={dashboard.options} onSaved={load} />
      <Connection
        oauth={dashboard.oauth}
        onChanged={(failed) => {
          if (failed) setError(failed);
          load();
        }}
      />
      <p>
        <a href="../restore/index.html" data-field="restore-list">
          {t('optionsRestoreList')}
        </a>
      </p>
      <AuditLog dashboard={dashboard} onError={setError} />
      <MyData onDeleted={load} />
      <details class="privacy" id="privacy" open={location.hash === '#privacy'}>
        <summary>{t('optionsPrivacy')}</summary>
        <div class="policy">{privacyPolicy}</div>
      </details>
    </main>
  );
}

document.documentElement.lang = messagesLanguage();
const app = document.getElementById('app');
if (app) render(<Options />, app);
