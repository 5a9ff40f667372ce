/**
 * Which writer takes each side, and both sides' writes landing together.
 * The coordinator gets back what was started and how each write settled,
 * and turns that into job events; nothing here keeps state.
 *
 * - Salesforce: REST, always.
 * - AE where its API is known to take `optedOut`: the API, at the same moment as Salesforce.
 * - AE where that is not known yet: the API alone first, so a refusal costs nothing on the
 *   Salesforce side; if AE took it, Salesforce goes at once (what was learned is kept after);
 *   if AE refused, the coordinator plans again without the API, and the page takes the AE side.
 * - Otherwise the AE page: prepared first (the slow part), then its Save and the Salesforce
 *   write go at one moment.
 */
import { GuardError } from '../../core/errors';
import type { Job, JobDiagnostics } from '../../core/job';
import type { Side } from '../../core/sync-model';
import { formOpenOutsideJob } from '../ae-page';
import type { Org } from '../org';
import { aeApiWriter } from './ae-api';
import { commitAePage, prepareAePage } from './ae-page';
import { writeSalesforce } from './salesforce';

interface SideWrite {
  side: Side;
  method: 'api' | 'page';
}

interface SettledWrite extends SideWrite {
  result: PromiseSettledResult<unknown>;
  /** When it left: the request sent, or the AE page told to save. */
  sentAt: number;
  /** When it settled: the write's confirmed end. */
  at: number;
}

/** How the planned writes went. */
type Sent =
  | { kind: 'settled'; writes: SettledWrite[] }
  /** The AE API refused or ignored Opted Out, and nothing else had left: the page is the way. */
  | { kind: 'refused' }
  /** The AE API failed before anything else left: nothing was written. */
  | { kind: 'aborted'; error: GuardError };

/**
 * The writes to put on record as started, and `go` to send them. Nothing leaves before `go`: the
 * coordinator stores the writes as started first, so a worker stopped at any moment finds them.
 */
export type WritePlan =
  | { aborted: true; error: GuardError; diagnostics?: JobDiagnostics }
  | { aborted: false; writes: SideWrite[]; go: () => Promise<Sent> };

const settle = (write: SideWrite, run: () => Promise<unknown>): Promise<SettledWrite> => {
  const sentAt = Date.now();
  return Promise.allSettled([run()]).then(([result]) => ({
    ...write,
    result: result as PromiseSettledResult<unknown>,
    sentAt,
    at: Date.now(),
  }));
};

const settled = async (writes: Promise<SettledWrite>[]): Promise<Sent> => ({
  kind: 'settled',
  writes: await Promise.all(writes),
});

/** `aeApi: false`: the AE API already refused this write (the page takes the AE side). */
export async function planWrites(job: Job, sides: Side[], org: Org, { aeApi = true } = {}): Promise<WritePlan> {
  // Every writer: an AE edit form of this prospect open in another tab would post Opted Out checked later.
  if (await formOpenOutsideJob(job)) return { aborted: true, error: new GuardError('ae-form-open') };
  const salesforce = sides.includes('salesforce') ? ({ side: 'salesforce', method: 'api' } as const) : null;
  const sf = () => (salesforce ? [settle(salesforce, () => writeSalesforce(job, org))] : []);
  if (!sides.includes('ae')) {
    return { aborted: false, writes: salesforce ? [salesforce] : [], go: () => settled(sf()) };
  }
  const api = aeApi ? await aeApiWriter(job, org) : null;
  const aeByApi = { side: 'ae', method: 'api' } as const;
  if (api?.capability === 'works') {
    return {
      aborted: false,
      writes: [aeByApi, ...(salesforce ? [salesforce] : [])],
      go: () =>
        settled([
          settle(aeByApi, async () => {
            // Known to work before, refused or ignored now: this side failed.
            if ((await api.write()) !== 'written') throw new GuardError('field-not-writable');
          }),
          ...sf(),
        ]),
    };
  }
  if (api) {
    return {
      aborted: false,
      writes: [aeByApi, ...(salesforce ? [salesforce] : [])],
      go: async () => {
        const sentAt = Date.now();
        let answer: 'written' | 'refused';
        try {
          answer = await api.write();
        } catch (error) {
          return { kind: 'aborted', error: error as GuardError };
        }
        if (answer === 'refused') {
          await api.learn();
          return { kind: 'refused' };
        }
        // AE took it: Salesforce goes at once, before any bookkeeping, to keep the two writes close.
        const ae: SettledWrite = {
          ...aeByApi,
          result: { status: 'fulfilled', value: 'written' },
          sentAt,
          at: Date.now(),
        };
        const salesforceWrites = sf();
        await api.learn();
        return { kind: 'settled', writes: [ae, ...(await Promise.all(salesforceWrites))] };
      },
    };
  }
  const page = await prepareAePage(job);
  if (!page.ok)
    return { aborted: true, error: page.error, ...(page.diagnostics ? { diagnostics: page.diagnostics } : {}) };
  const aeByPage = { side: 'ae', method: 'page' } as const;
  return {
    aborted: false,
    writes: [aeByPage, ...(salesforce ? [salesforce] : [])],
    // The page clicks Save the moment its command arrives and says so at once; the PATCH leaves on
    // that word. A form post goes out through a navigation, slower than the PATCH, so the two land
    // close together; and where the page cannot save, Salesforce is not written either.
    go: async () => {
      let salesforceWrites: Promise<SettledWrite>[] = [];
      const ae = await settle(aeByPage, () =>
        commitAePage(page.prepared, () => {
          salesforceWrites = sf();
        }),
      );
      return { kind: 'settled', writes: [ae, ...(await Promise.all(salesforceWrites))] };
    },
  };
}
