import type { AePart } from '../core/ae-parts';
import type { ErrorCode, PairStatus } from '../core/messages';
import type { DetectedPage } from '../core/page-detect';
import type { Undone } from '../core/undone';
import { listOf, type MessageKey, t } from './i18n';

export function errorText(error: ErrorCode): string {
  return t(`error_${error.replace(/-/g, '_')}` as MessageKey);
}

export function describePage(page: DetectedPage): string {
  switch (page.kind) {
    case 'ae-prospect':
      return t('overlayProspect', String(page.prospectId));
    case 'salesforce-record':
      return t(
        page.object === 'Lead' ? 'overlayLead' : page.object === 'Account' ? 'overlayPersonAccount' : 'overlayContact',
        page.recordId,
      );
    default:
      return '';
  }
}

export const yesNo = (value: boolean | null | undefined): string =>
  value === null || value === undefined ? t('valueUnknown') : value ? t('valueYes') : t('valueNo');

const PART_KEYS: Record<AePart, MessageKey> = {
  'opted-out': 'part_opted_out',
  email: 'part_email',
  edit: 'part_edit',
  'section-toggle': 'part_section_toggle',
  save: 'part_save',
};

/** The parts of an AE page the extension could not find, in the admin's words. */
export const partNames = (parts: readonly AePart[]): string => listOf(parts.map((part) => t(PART_KEYS[part])));

/** The advice line for the connector settings, in the admin's words. */
export function adviceKey(status: Pick<PairStatus, 'advice'>): MessageKey | null {
  const advice = status.advice;
  switch (advice.kind) {
    case 'not-synced':
      return 'stateNotSynced';
    case 'both-sides':
      return advice.because === 'option-off' ? 'stateOptionOff' : 'stateOptionUnknown';
    case 'both-sides-safe':
      return 'stateOptionOnSafe';
    case 'one-side':
      return advice.side === 'either'
        ? 'stateOptionOnEither'
        : advice.side === 'salesforce'
          ? 'stateOptionOnSf'
          : 'stateOptionOnAe';
  }
}

export function linkKey(status: PairStatus): MessageKey | null {
  switch (status.linkProblem) {
    case 'not-linked':
      return status.page.kind === 'ae-prospect' ? 'linkNotLinkedProspect' : 'linkNotLinkedRecord';
    case 'several-prospects':
      return 'linkSeveral';
    case 'link-mismatch':
      return 'linkMismatch';
    case 'back-link-unreadable':
      return 'linkBackLinkUnreadable';
    default:
      return null;
  }
}

const UNDONE = {
  person: 'undoneByPerson',
  user: 'undoneByUser',
  connector: 'undoneByConnector',
  unknown: 'undoneUnknown',
} as const;

/** Who or what checked a side again after a done opt-in, in the words of its notification. */
export function undoneText(undone: Undone, email: string): string {
  // Placeholders are numbered in the English order: the user's name comes first where it is named.
  const named = undone.by === 'user' || undone.by === 'connector';
  return t(UNDONE[undone.by], ...(named ? [undone.who ?? '', email] : [email, undone.who ?? '']));
}
