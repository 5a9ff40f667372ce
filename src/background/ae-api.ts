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
