/**
 * Who undid an opt-in: after a done job the worker looks at the pair through two more syncs
 * (src/background/watch.ts). When a side is checked again, this says who or what did it from what
 * could be read: the person (a newer opt-out activity on the prospect: an unsubscribe, which the
 * product respects and never reverses), a Salesforce user or another integration's user (Email Opt
 * Out's field history names them), or the connector (its integration user's history row: the sync
 * carried a checked side over, under another sync behaviour or from a change in Account Engagement).
 * Pure: no `chrome.*`.
 */
import type { Side } from './sync-model';

type UndoneBy = 'person' | 'user' | 'connector' | 'unknown';

export interface Undone {
  /** When the worker saw it. */
  at: number;
  sides: Side[];
  by: UndoneBy;
  /** The user's name (by `user` or `connector`), or the activity's words (by `person`). */
  who: string | null;
}

export interface PairLook {
  aeChecked: boolean | null;
  sfChecked: boolean | null;
  /** The prospect's opt-out activities, when a page showed them. */
  activities?: { at: string | null; what: string }[] | null;
  /** Email Opt Out's field history rows, when readable. */
  history?: { at: number; newValue: boolean; by: string; connector: boolean }[] | null;
}

export function explainUndone(look: PairLook, doneAt: number, now: number): Undone | null {
  const sides: Side[] = [];
  if (look.aeChecked) sides.push('ae');
  if (look.sfChecked) sides.push('salesforce');
  if (!sides.length) return null;
  const newer = <T>(rows: T[] | null | undefined, at: (row: T) => number) =>
    (rows ?? []).filter((row) => at(row) > doneAt).sort((a, b) => at(b) - at(a))[0];
  const activity = newer(look.activities, (row) => Date.parse(row.at ?? ''));
  if (activity) return { at: now, sides, by: 'person', who: activity.what };
  const change = newer(
    (look.history ?? []).filter((row) => row.newValue),
    (row) => row.at,
  );
  if (change && !change.connector) return { at: now, sides, by: 'user', who: change.by };
  if (change) return { at: now, sides, by: 'connector', who: change.by };
  return { at: now, sides, by: 'unknown', who: null };
}
