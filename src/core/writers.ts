/**
 * Which writer takes each side of an opt-in, from what the org is known to accept. Pure: the
 * coordinator asks it, and background/writes.ts sends what it chose.
 *
 * - Salesforce: REST, always (a person account's and a proxied session's differences are the REST
 *   client's business, not a choice of writer).
 * - AE where its API v5 is known to take `optedOut`: the API, at the same moment as Salesforce.
 * - AE where that is not known yet: the API alone first, so a refusal costs nothing on the
 *   Salesforce side; Salesforce follows its answer; if AE refused, the page takes the AE side.
 * - Otherwise the AE prospect page, as an admin does it by hand: prepared first (the slow part),
 *   then its Save and the Salesforce write at one moment.
 */
import type { Side } from './sync-model';

/** What the org is known to accept, as far as choosing a writer goes. */
export interface WhatTheOrgAccepts {
  /**
   * What the org's AE API did with Opted Out at a real write: took it, refused it (error 180, or
   * the field silently ignored: the v3/v4 field reference lists it as not editable), or never tried.
   */
  aeApiTakesOptedOut: 'works' | 'refused' | 'unknown';
  /**
   * A token AE may accept is at hand for the job's business unit: an OAuth connection, or a browser
   * session AE has not refused yet (error 184). None without a business unit id.
   */
  aeApiToken: boolean;
}

/** How the AE side is written: `api-first` is the API tried alone, before Salesforce leaves. */
type AeWriter = 'api' | 'api-first' | 'page';

export interface Writers {
  ae: AeWriter | null;
  salesforce: 'rest' | null;
}

export function chooseWriters(sides: readonly Side[], org: WhatTheOrgAccepts): Writers {
  const salesforce = sides.includes('salesforce') ? 'rest' : null;
  if (!sides.includes('ae')) return { ae: null, salesforce };
  if (!org.aeApiToken || org.aeApiTakesOptedOut === 'refused') return { ae: 'page', salesforce };
  return { ae: org.aeApiTakesOptedOut === 'works' ? 'api' : 'api-first', salesforce };
}

/** Each write as the job puts it on record when it starts: the side, and `api` or `page`. */
export function writesToStart(writers: Writers): { side: Side; method: 'api' | 'page' }[] {
  const started: { side: Side; method: 'api' | 'page' }[] = [];
  if (writers.ae) started.push({ side: 'ae', method: writers.ae === 'page' ? 'page' : 'api' });
  if (writers.salesforce) started.push({ side: 'salesforce', method: 'api' });
  return started;
}
