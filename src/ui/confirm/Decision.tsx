/** The admin's part of the decision: the reason (required), and whether to record the opt-in as a Task. */
import type { Ref } from 'preact';
import type { ConfirmationView } from '../../core/messages';
import { t } from '../i18n';

interface Props {
  view: ConfirmationView;
  reason: string;
  onReason: (reason: string) => void;
  recordTask: boolean;
  onRecordTask: (recordTask: boolean) => void;
  /** The job started: nothing can be changed any more. */
  started: boolean;
  reasonField: Ref<HTMLTextAreaElement>;
}

export function Decision({ view, reason, onReason, recordTask, onRecordTask, started, reasonField }: Props) {
  return (
    <>
      <p>{t('confirmBody')}</p>
      <label for="reason">{t('confirmReason')}</label>
      <textarea
        id="reason"
        data-field="reason"
        ref={reasonField}
        required
        minLength={3}
        maxLength={500}
        rows={3}
        aria-describedby="reason-hint"
        value={reason}
        disabled={started}
        onInput={(event) => onReason((event.target as HTMLTextAreaElement).value)}
      />
      <p class="muted" id="reason-hint">
        {t('confirmReasonHint')}
      </p>
      <label class="check">
        <input
          type="checkbox"
          data-field="record-task"
          checked={recordTask}
          disabled={started}
          aria-describedby="record-task-hint"
          onChange={(event) => onRecordTask((event.target as HTMLInputElement).checked)}
        />{' '}
        {t('confirmRecordTask')}
      </label>
      <p class="muted" id="record-task-hint">
        {view.recordTask === null || view.recordTask === undefined
          ? t('confirmRecordTaskFirst')
          : t('confirmRecordTaskHint')}
      </p>
    </>
  );
}
