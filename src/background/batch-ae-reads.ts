/**
 * The preview's Account Engagement reads, in bulk, where the org has an API
 * connection (OAuth with the pardot_api scope): the prospects a list names,
 * read by id ranges rather than one call per row, and their opt-out
 * activities since the oldest evidence date of the list. Without a
 * connection nothing is read here, and each row says so.
 *
 * A range spans fewer than 1,000 ids, so one page of a query (1,000
 * prospects at most) holds all of it; ids close together, as a campaign's
 * incident leaves them, share a call. Calls go one after another, well
 * under AE's five at once (error 66), and the client's retries wait out a
 * per-minute limit (error 202).
 */
import { isOptOutType } from '../core/visitor-activities';
import type { AeApiClient, AeProspect } from './ae-api';

/** Ids a range may span: fewer than a page of a query (1,000), so one call reads them all. */
const RANGE_SPAN = 999;

/** Sorted, distinct ids grouped into ranges whose span keeps each within one page. */
export function idRanges(ids: readonly number[]): [number, number][] {
  const sorted = [...new Set(ids)].sort((a, b) => a - b);
  const ranges: [number, number][] = [];
  for (const id of sorted) {
    const last = ranges[ranges.length - 1];
    if (last && id - last[0] <= RANGE_SPAN) last[1] = id;
    else ranges.push([id, id]);
  }
  return ranges;
}

export interface AeBulkRead {
  prospects: Map<number, AeProspect>;
  /** Each prospect's opt-out times (ms), for every prospect whose activities were read whole; absent: not read. */
  optOuts: Map<number, number[]>;
  calls: number;
}

/**
 * The prospects `ids` names and, when `since` is given, their opt-out activities from then on.
 * What a failed read could not read is left out: a prospect not in `prospects` was not read, and
 * one not in `optOuts` had its activities unread (a range that failed, was cut short, or showed an
 * opt-out whose time cannot be read, which might be newer than any evidence).
 */
export async function readAeInBulk(
  api: AeApiClient,
  ids: readonly number[],
  since: number | null,
): Promise<AeBulkRead> {
  const prospects = new Map<number, AeProspect>();
  const optOuts = new Map<number, number[]>();
  let calls = 0;
  const wanted = new Set(ids);
  for (const [from, to] of idRanges(ids)) {
    try {
      const read = await api.prospectsInRange(from, to);
      calls += read.calls;
      for (const prospect of read.prospects) if (wanted.has(prospect.id)) prospects.set(prospect.id, prospect);
    } catch {
      calls++;
    }
    if (since === null) continue;
    try {
      const read = await api.activitiesInRange(from, to, new Date(since).toISOString());
      calls += read.calls;
      if (!read.complete) continue;
      const found = new Map<number, number[]>();
      let readable = true;
      for (const activity of read.activities) {
        if (activity.prospectId === null || !isOptOutType(activity.type)) continue;
        const at = Date.parse(activity.createdAt);
        if (Number.isNaN(at)) readable = false;
        found.set(activity.prospectId, [...(found.get(activity.prospectId) ?? []), at]);
      }
      if (!readable) continue;
      for (const id of wanted) if (id >= from && id <= to) optOuts.set(id, found.get(id) ?? []);
    } catch {
      calls++;
    }
  }
  return { prospects, optOuts, calls };
}
