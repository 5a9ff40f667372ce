/**
 * The preview's Account Engagement reads through an API connection: a whole list's prospects and
 * opt-out activities in a handful of calls, and nothing taken for "no opt-out" that was not read.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { AeApiClient } from '../../../src/background/ae-api';
import { idRanges, readAeInBulk } from '../../../src/background/batch-ae-reads';

interface Activity {
  id: number;
  prospectId: number;
  /** The visitor activity type: 6 Sent, 12 Unsubscribe Page, 15 Email Preference Page. */
  type: number;
  createdAt: string;
}

/** AE's v5 queries as the public reference gives them: id filters, pages of `limit`, a token for the next page. */
function fakeAe(prospectIds: number[], activities: Activity[], failActivities = false) {
  const urls: string[] = [];
  vi.stubGlobal('fetch', async (input: string) => {
    const url = new URL(input);
    urls.push(url.pathname + url.search);
    const q = url.searchParams;
    const num = (name: string) => Number(q.get(name));
    const page = <T extends { id: number }>(all: T[]) => {
      const token = q.get('nextPageToken');
      const start = token ? Number(token) : 0;
      const limit = token ? 1000 : num('limit');
      const values = all.slice(start, start + limit);
      const next = start + limit < all.length ? String(start + limit) : null;
      return new Response(JSON.stringify({ values, nextPageToken: next }), { status: 200 });
    };
    if (url.pathname.endsWith('/prospects')) {
      const from = num('idGreaterThanOrEqualTo');
      const to = num('idLessThanOrEqualTo');
      return page(
        prospectIds
          .filter((id) => id >= from && id <= to)
          .map((id) => ({
            id,
            email: `p${id}@example.com`,
            optedOut: true,
            isDoNotEmail: false,
            isEmailHardBounced: false,
          })),
      );
    }
    if (failActivities) return new Response(JSON.stringify({ code: 4, message: 'Invalid parameter' }), { status: 400 });
    const from = num('prospectIdGreaterThanOrEqualTo');
    const to = num('prospectIdLessThanOrEqualTo');
    const since = Date.parse(q.get('createdAtAfterOrEqualTo') ?? '');
    return page(
      activities.filter((a) => a.prospectId >= from && a.prospectId <= to && Date.parse(a.createdAt) >= since),
    );
  });
  return urls;
}

const api = () => new AeApiClient('pi.pardot.com', 'token', '0Uv000000000001AAA');
const at = (day: number) => new Date(Date.UTC(2026, 1, day, 10)).toISOString();

afterEach(() => vi.unstubAllGlobals());

describe("the preview's bulk AE reads", () => {
  it('reads 500 prospects of an incident, and their opt-out activities, in a handful of calls', async () => {
    const ids = Array.from({ length: 500 }, (_, i) => 5_001 + i);
    // Every person was sent the email and unsubscribed on 2 Feb; one unsubscribed again on 9 Feb.
    const activities: Activity[] = ids.flatMap((id, i) => [
      { id: i * 3 + 1, prospectId: id, type: 6, createdAt: at(1) },
      { id: i * 3 + 2, prospectId: id, type: 12, createdAt: at(2) },
      ...(id === 5_100 ? [{ id: i * 3 + 3, prospectId: id, type: 15, createdAt: at(9) }] : []),
    ]);
    const urls = fakeAe(ids, activities);
    const read = await readAeInBulk(api(), ids, Date.UTC(2026, 0, 30));
    expect(read.prospects.size).toBe(500);
    expect(read.calls).toBe(urls.length);
    // One prospect query, and 1,001 activities in two pages: 3 calls for 500 rows, not 500 or 1,000.
    expect(urls.length).toBeLessThanOrEqual(4);
    expect(read.optOuts.get(5_100)).toEqual([Date.parse(at(2)), Date.parse(at(9))]);
    expect(read.optOuts.get(5_001)).toEqual([Date.parse(at(2))]);
    // A page token travels with `fields` alone.
    const next = urls.find((u) => u.includes('nextPageToken'));
    expect(next && [...new URLSearchParams(next.split('?')[1]).keys()].sort()).toEqual(['fields', 'nextPageToken']);
  });

  it('reads scattered ids in ranges of at most a thousand ids, never one range a page could not hold', () => {
    expect(idRanges([5, 3_000, 1, 998, 1_000, 1_001])).toEqual([
      [1, 1_000],
      [1_001, 1_001],
      [3_000, 3_000],
    ]);
  });

  it('leaves out the opt-outs it could not read, rather than taking them for none', async () => {
    fakeAe([7, 8], [], true);
    const read = await readAeInBulk(api(), [7, 8], Date.UTC(2026, 0, 30));
    expect(read.prospects.size).toBe(2);
    expect(read.optOuts.has(7)).toBe(false);
  });

  it('reads no activities when no row gives an evidence date', async () => {
    const urls = fakeAe([7], []);
    const read = await readAeInBulk(api(), [7], null);
    expect(urls.every((u) => u.includes('/prospects?'))).toBe(true);
    expect(read.optOuts.size).toBe(0);
  });
});
