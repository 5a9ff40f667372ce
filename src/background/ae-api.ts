/** Account Engagement API v5: read a prospect, and (where the org allows it) uncheck Opted Out. */
import type { ErrorCode } from '../core/errors';
import { VISITOR_ACTIVITY_FIELDS, type VisitorActivity } from '../core/visitor-activities';
import { CLIENT_NAME, fetchJson, limiter, withRetry } from './http';

const AE_ERRORS: Record<number, ErrorCode> = {
  // A missing prospect has been answered with 3 ("Invalid prospect ID") and 192 as well as 109.
  3: 'record-not-found',
  66: 'rate-limited',
  109: 'record-not-found',
  122: 'daily-limit',
  180: 'field-not-writable',
  192: 'record-not-found',
  181: 'business-unit-unknown',
  184: 'session-expired',
  201: 'business-unit-wrong',
  202: 'rate-limited',
  219: 'record-deleted',
};

function aeError(status: number, body: unknown): ErrorCode {
  const code = typeof body === 'object' && body ? Number((body as { code?: unknown }).code) : Number.NaN;
  // The HTTP status that goes with each code is not documented: key on `code`.
  if (AE_ERRORS[code]) return AE_ERRORS[code];
  if (status >= 500) return 'server-error';
  if (status === 401) return 'session-expired';
  return 'internal';
}

export interface AeProspect {
  id: number;
  email: string | null;
  optedOut: boolean;
  isDoNotEmail: boolean;
  isEmailHardBounced: boolean;
  salesforceContactId: string | null;
  salesforceLeadId: string | null;
  salesforceLastSync: string | null;
}

const FIELDS =
  'id,email,optedOut,isDoNotEmail,isEmailHardBounced,salesforceContactId,salesforceLeadId,salesforceLastSync';
/** The largest page a v5 query returns (Version 5 Overview: `limit`, default 200, at most 1,000). */
const PAGE = 1_000;
/** A query is followed this many pages at most; past that the caller reads what it has as incomplete. */
const MAX_PAGES = 20;

/** A visitor activity as a list's bulk read asks for it: whose, and the fields the single read has. */
type AeVisitorActivity = Required<Pick<VisitorActivity, 'id' | 'type' | 'createdAt'>> & { prospectId: number | null };

/** AE refuses a sixth concurrent request (error 66): never send more than five. */
const inFlight = limiter(5);

export class AeApiClient {
  constructor(
    readonly host: string,
    private readonly token: string,
    private readonly businessUnitId: string,
  ) {}

  private call(path: string, init: RequestInit = {}) {
    return withRetry(
      () =>
        inFlight(() =>
          fetchJson(
            `https://${this.host}/api/v5/objects/${path}`,
            {
              ...init,
              headers: {
                authorization: `Bearer ${this.token}`,
                'pardot-business-unit-id': this.businessUnitId,
                'sforce-call-options': `client=${CLIENT_NAME}`,
                ...(init.body ? { 'content-type': 'application/json' } : {}),
              },
            },
            aeError,
          ),
        ),
      3,
      500,
    );
  }

  async prospect(id: number): Promise<AeProspect> {
    return (await this.call(`prospects/${id}?fields=${FIELDS}`)).body as AeProspect;
  }

  /**
   * Every prospect with an id from `from` to `to`, in one query a page: the v5 Prospect object's Query
   * filters by id (`idGreaterThanOrEqualTo`, `idLessThanOrEqualTo`), and the v5 overview gives pages of
   * up to 1,000 (`limit`), in `orderBy` order, continued by `nextPageToken` sent with `fields` alone.
   * Returns the prospects and the number of calls made.
   */
  async prospectsInRange(
    from: number,
    to: number,
  ): Promise<{ prospects: AeProspect[]; calls: number; complete: boolean }> {
    return this.pages<AeProspect>(
      'prospects',
      FIELDS,
      `idGreaterThanOrEqualTo=${from}&idLessThanOrEqualTo=${to}&orderBy=id&limit=${PAGE}`,
    );
  }

  /**
   * The visitor activities of the prospects from `from` to `to` created at or after `since`: the v5
   * Visitor Activity object's Query, filtered the way the v5 overview names filters (field and
   * operator: `prospectIdGreaterThanOrEqualTo`, `createdAtAfterOrEqualTo`), as v3/v4 filtered the same
   * object by prospect and creation time. Which are opt-outs is for the caller to say (by `type`).
   */
  async activitiesInRange(
    from: number,
    to: number,
    since: string,
  ): Promise<{ activities: AeVisitorActivity[]; calls: number; complete: boolean }> {
    const {
      prospects: activities,
      calls,
      complete,
    } = await this.pages<AeVisitorActivity>(
      'visitor-activities',
      'id,type,prospectId,createdAt',
      `prospectIdGreaterThanOrEqualTo=${from}&prospectIdLessThanOrEqualTo=${to}&createdAtAfterOrEqualTo=${encodeURIComponent(since)}&orderBy=id&limit=${PAGE}`,
    );
    return { activities, calls, complete };
  }

  private async pages<T>(
    object: string,
    fields: string,
    filters: string,
  ): Promise<{ prospects: T[]; calls: number; complete: boolean }> {
    const found: T[] = [];
    let calls = 0;
    let next: string | null = null;
    do {
      // A page token goes with `fields` alone: any other parameter beside it is refused (v5 overview).
      const query: string = next
        ? `fields=${fields}&nextPageToken=${encodeURIComponent(next)}`
        : `fields=${fields}&${filters}`;
      const { body } = await this.call(`${object}?${query}`);
      calls++;
      const page = body as { values?: T[]; nextPageToken?: string | null };
      found.push(...(page.values ?? []));
      next = page.nextPageToken ?? null;
    } while (next && calls < MAX_PAGES);
    return { prospects: found, calls, complete: !next };
  }

  async prospectsByEmail(email: string): Promise<AeProspect[]> {
    const { body } = await this.call(`prospects?fields=${FIELDS}&email=${encodeURIComponent(email)}`);
    return (body as { values?: AeProspect[] }).values ?? [];
  }

  /**
   * The prospect's newest visitor activities (v5 "Visitor Activity Object": Query, which needs the
   * "Prospect > Visitors > View" ability), newest first: enough for its opt-outs and the emails they name.
   */
  async visitorActivities(prospectId: number): Promise<VisitorActivity[]> {
    const query = `fields=${VISITOR_ACTIVITY_FIELDS}&prospectId=${prospectId}&orderBy=${encodeURIComponent('createdAt DESC')}&limit=200`;
    const { body } = await this.call(`visitor-activities?${query}`);
    return (body as { values?: VisitorActivity[] }).values ?? [];
  }

  /** Returns the value AE holds afterwards: the API may ignore the field, so the caller checks it. */
  async uncheckOptedOut(id: number): Promise<boolean> {
    const { body } = await this.call(`prospects/${id}?fields=optedOut`, {
      method: 'PATCH',
      body: JSON.stringify({ optedOut: false }),
    });
    return Boolean((body as { optedOut?: boolean }).optedOut);
  }
}
