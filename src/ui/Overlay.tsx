import { useCallback, useEffect, useState } from 'preact/hooks';
import { AE_LABELS, matchesLabel } from '../core/labels';
import type { ErrorCode, JobView, PairStatus, Response } from '../core/messages';
import type { DetectedPage } from '../core/page-detect';
import { t } from './i18n';
import { JobProgress } from './JobProgress';
import { adviceKey, describePage, errorText, jobState, linkKey, yesNo } from './status';

interface Props {
  page: DetectedPage;
  loadStatus: () => Promise<Response<PairStatus>>;
  start: (reason: string, confirmedEmail: string) => Promise<Response<JobView>>;
  subscribe: (listener: () => void) => () => void;
  onState: (state: string, job: string) => void;
  onGone: () => void;
}

export function Overlay({ page, loadStatus, start, subscribe, onState, onGone }: Props) {
  const [status, setStatus] = useState<Response<PairStatus> | null>(null);
  const [confirming, setConfirming] = useState(false);
  const [reason, setReason] = useState('');
  const [startError, setStartError] = useState<ErrorCode | null>(null);
  const [busy, setBusy] = useState(false);

  const refresh = useCallback(() => {
    void loadStatus().then(setStatus);
  }, [loadStatus]);

  useEffect(() => {
    setStatus(null);
    setConfirming(false);
    setStartError(null);
    refresh();
    const unsubscribe = subscribe(refresh);
    // After the admin saves the record on the page, read the pair again.
    const onClick = (event: MouseEvent) => {
      const target = event.target instanceof Element ? event.target.closest('button, input[type="submit"]') : null;
      const text = (target?.textContent || (target as HTMLInputElement | null)?.value || '').trim().toLowerCase();
      if (matchesLabel(text, [...AE_LABELS.save, ...AE_LABELS.saveProspect])) setTimeout(refresh, 1500);
    };
    document.addEventListener('click', onClick, true);
    window.addEventListener('focus', refresh);
    return () => {
      unsubscribe();
      document.removeEventListener('click', onClick, true);
      window.removeEventListener('focus', refresh);
    };
  }, [page, refresh, subscribe]);

  const value = status?.ok ? status.value : null;
  const job = value?.job ?? null;
  const running = jobState(job) === 'running';

  useEffect(() => {
    onState(status === null ? 'loading' : status.ok ? status.value.state : 'error', jobState(job));
    if (status?.ok && status.value.prospect && status.value.record) performance.mark('optout-sync-guard:status');
  }, [status, job, onState]);

  useEffect(() => {
    if (!running) return;
    const timer = setInterval(refresh, 5000);
    return () => clearInterval(timer);
  }, [running, refresh]);

  const tone = !status
    ? 'info'
    : !status.ok || value?.state === 'error' || value?.problem
      ? 'error'
      : value?.state === 'option-on'
        ? 'ok'
        : 'warning';
  const email = value?.prospect?.email ?? value?.record?.email ?? '';
  const optedOutSomewhere = Boolean(value?.prospect?.optedOut || value?.record?.hasOptedOutOfEmail);
  const canOptIn = Boolean(
    value && !value.linkProblem && value.record && value.prospect && optedOutSomewhere && email && !running,
  );

  async function confirm(event: MouseEvent) {
    // Only the admin's own click counts: a page script's synthetic click is not consent.
    // (A form's submit event is trusted even when a script caused it, so the click is what is checked.)
    if (!event.isTrusted || reason.trim().length < 3 || busy) return;
    setBusy(true);
    const reply = await start(reason.trim(), email);
    setBusy(false);
    if (reply.ok) {
      setConfirming(false);
      setReason('');
      setStartError(null);
      refresh();
    } else setStartError(reply.error);
  }

  return (
    <section class="panel" data-tone={tone} aria-label={t('overlayTitle')} aria-live="polite">
      <header>
        <h2>{t('overlayTitle')}</h2>
        <button
          type="button"
          class="close"
          title={t('overlayDismiss')}
          aria-label={t('overlayDismiss')}
          onClick={onGone}
        >
          ×
        </button>
      </header>
      <p class="muted" data-field="record">
        {describePage(page)}
      </p>
      {status === null && <p class="muted">{t('overlayChecking')}</p>}
      {status && !status.ok && (
        <p class="error" role="alert" data-field="status">
          {errorText(status.error)}
        </p>
      )}
      {value && <Pair status={value} />}
      {value && <Notices status={value} running={running} />}
      {job && <JobProgress job={job} />}
      {canOptIn && !confirming && (
        <button
          type="button"
          class="primary"
          data-action="opt-in-both"
          onClick={(event) => event.isTrusted && setConfirming(true)}
        >
          {t('buttonOptIn')}
        </button>
      )}
      {canOptIn && confirming && (
        <form class="confirm" onSubmit={(event) => event.preventDefault()}>
          <h3>{t('confirmTitle', email)}</h3>
          <p>{t('confirmBody')}</p>
          <label>
            {t('confirmReason')}
            <textarea
              data-field="reason"
              required
              minLength={3}
              maxLength={500}
              value={reason}
              onInput={(event) => setReason((event.target as HTMLTextAreaElement).value)}
            />
          </label>
          <p class="muted">{t('confirmReasonHint')}</p>
          {startError && (
            <p class="error" role="alert">
              {errorText(startError)}
            </p>
          )}
          <div class="actions">
            <button
              type="button"
              class="primary"
              data-action="confirm"
              disabled={reason.trim().length < 3 || busy}
              onClick={confirm}
            >
              {t('buttonConfirm')}
            </button>
            <button type="button" data-action="cancel" onClick={() => setConfirming(false)}>
              {t('buttonCancel')}
            </button>
          </div>
        </form>
      )}
    </section>
  );
}

function Pair({ status }: { status: PairStatus }) {
  const { prospect, record } = status;
  return (
    <dl class="pair">
      {prospect && (
        <div data-side="ae">
          <dt>
            {t('sideAe')} · {t('overlayProspect', String(prospect.id))}
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
            {t('sideSf')} · {t(record.object === 'Lead' ? 'overlayLead' : 'overlayContact', record.id)}
          </dt>
          <dd>
            {t('fieldEmailOptOut')}: <strong data-field="hasOptedOutOfEmail">{yesNo(record.hasOptedOutOfEmail)}</strong>
          </dd>
        </div>
      )}
    </dl>
  );
}

function Notices({ status, running }: { status: PairStatus; running: boolean }) {
  const link = linkKey(status);
  const optedOut = status.prospect?.optedOut || status.record?.hasOptedOutOfEmail;
  const advice = adviceKey(status);
  return (
    <div class="notices">
      {status.problem && (
        <p class="error" role="alert" data-field="problem">
          {errorText(status.problem)}
        </p>
      )}
      {link && <p data-field="link">{link && t(link)}</p>}
      {!link && optedOut && advice && <p data-field="advice">{t(advice)}</p>}
      {!link && !running && status.prospect?.optedOut === false && status.record?.hasOptedOutOfEmail === false && (
        <p data-field="advice">{t('optedInBoth')}</p>
      )}
      {status.stillUnmailable.includes('do-not-email') && <p data-field="unmailable">{t('unmailableDoNotEmail')}</p>}
      {status.stillUnmailable.includes('hard-bounced') && <p data-field="unmailable">{t('unmailableHardBounced')}</p>}
    </div>
  );
}
