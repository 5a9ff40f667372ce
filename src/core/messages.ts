/**
 * Every message between content scripts, extension pages and the service
 * worker. One schema per message, checked at the boundary: whatever arrives
 * is `unknown` until it passes here.
 */
import * as v from 'valibot';
import { AE_PARTS, type AePart, type AgentCommandType } from './ae-parts';
import type { Batch, BatchProgress } from './batch';
import type { ErrorCode } from './errors';
import type { Job } from './job';
import type { CheckReport } from './org-check';
import type { DetectedPage } from './page-detect';
import { type ListProblem, ROW_PROBLEMS } from './row-problems';
import { SALESFORCE_OBJECTS, type SalesforceObject } from './salesforce-id';
import type { ScannerVerdict } from './scanner';
import { type ConnectorSettings, OPTED_OUT_SYNC_BEHAVIORS, type OptInAdvice, type StillUnmailable } from './sync-model';
import type { Undone } from './undone';

export type { ErrorCode } from './errors';

const ProspectPage = v.strictObject({
  kind: v.literal('ae-prospect'),
  host: v.pipe(v.string(), v.maxLength(253)),
  prospectId: v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(Number.MAX_SAFE_INTEGER)),
});
const RecordPage = v.strictObject({
  kind: v.literal('salesforce-record'),
  host: v.pipe(v.string(), v.maxLength(253)),
  object: v.picklist(SALESFORCE_OBJECTS),
  recordId: v.pipe(v.string(), v.regex(/^[a-zA-Z0-9]{18}$/)),
  ui: v.picklist(['lightning', 'classic']),
});
const SettingsPage = v.strictObject({
  kind: v.picklist(['ae-connector-settings', 'ae-field-settings']),
  host: v.pipe(v.string(), v.maxLength(253)),
});
const DetectedPageSchema = v.variant('kind', [ProspectPage, RecordPage, SettingsPage]);

const Text = v.pipe(v.string(), v.maxLength(2000));
const Host = v.pipe(v.string(), v.maxLength(253), v.regex(/^[a-z0-9.-]+$/));
const RecordId = v.pipe(v.string(), v.regex(/^[a-zA-Z0-9]{18}$/));

const EmailActivitiesSchema = v.pipe(
  v.array(
    v.strictObject({
      kind: v.picklist(['sent', 'click', 'unsubscribe']),
      at: v.nullable(v.pipe(v.string(), v.maxLength(64))),
      email: v.pipe(v.string(), v.maxLength(120)),
      link: v.optional(v.pipe(v.string(), v.maxLength(16))),
    }),
  ),
  v.maxLength(60),
);

const OptOutActivitiesSchema = v.pipe(
  v.array(
    v.strictObject({
      at: v.nullable(v.pipe(v.string(), v.maxLength(64))),
      what: v.pipe(v.string(), v.maxLength(200)),
    }),
  ),
  v.maxLength(20),
);

/**
 * What the AE content script reads off a prospect page, by label. Its activities are there only
 * where they were read (the page agent's `activities` command, or the overlay once the admin
 * unfolds the history): absent is "not read", null "the page shows no activity list".
 */
const AePageStateSchema = v.union([
  v.strictObject({
    readable: v.literal(true),
    email: v.nullable(Text),
    optedOut: v.boolean(),
    isDoNotEmail: v.nullable(v.boolean()),
    isEmailHardBounced: v.nullable(v.boolean()),
    /** The Lead/Contact the page links to; its host names the org (null when only an id was shown). */
    crm: v.nullable(
      v.strictObject({ host: v.nullable(Host), object: v.picklist(SALESFORCE_OBJECTS), recordId: RecordId }),
    ),
    salesforceLastSync: v.nullable(Text),
    /** The edit form: closed, open, or open with changes nobody saved. */
    form: v.picklist(['closed', 'open', 'edited']),
    /**
     * The opt-outs in the prospect's activity list, newest first (`at`: ISO time, null when the
     * page's date could not be read); null when the page shows no activity list.
     */
    optOutActivities: v.optional(v.nullable(OptOutActivitiesSchema)),
    /**
     * The sends, link clicks and unsubscribes of the emails an opt-out names (src/core/scanner.ts
     * reads them), newest first: a click's link only as an opaque key; null when the page shows no
     * activity list.
     */
    emailActivities: v.optional(v.nullable(EmailActivitiesSchema)),
  }),
  v.strictObject({
    readable: v.literal(false),
    error: v.picklist(['signed-out-of-ae', 'control-not-found']),
    /** What the page lacks, for the admin (and a bug report). */
    missing: v.array(v.picklist(AE_PARTS)),
  }),
]);
export type AePageState = v.InferOutput<typeof AePageStateSchema>;
/** A page that showed what the extension reads. */
export type ReadableAePageState = Extract<AePageState, { readable: true }>;

const ProspectId = v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(Number.MAX_SAFE_INTEGER));
const Millis = v.pipe(v.number(), v.minValue(0), v.maxValue(1e15));
const AePartSchema = v.picklist(AE_PARTS);
const Ok = v.strictObject({ ok: v.boolean() });
const PageProblem = v.picklist(['control-not-found', 'opted-out-not-editable', 'signed-out-of-ae']);

/** What each agent command answers (src/core/ae-page-protocol.ts has the protocol). */
const AgentReplySchemas = {
  read: v.strictObject({ state: AePageStateSchema }),
  reload: Ok,
  prepare: v.union([
    v.strictObject({ ok: v.literal(true), way: v.picklist(['form', 'opt-in']) }),
    v.strictObject({
      ok: v.literal(false),
      error: v.picklist([...PageProblem.options, 'not-opted-out']),
      /** The part it could not find, exactly once, on the page. */
      part: v.optional(AePartSchema),
    }),
  ]),
  commit: Ok,
  /**
   * The controls an opt-in would use, found without touching the page: the "Opt In" action, the
   * edit form's control (with its section toggle and Save, where the form is in the page), or, where
   * the page fetches its form only when Edit is clicked, Edit alone.
   */
  locate: v.union([
    v.strictObject({ ok: v.literal(true), way: v.picklist(['form', 'opt-in', 'edit']) }),
    v.strictObject({ ok: v.literal(false), error: PageProblem, part: v.optional(AePartSchema) }),
  ]),
  /** The page's activity list: its opt-outs, and the email activities behind them (null: no list shown). */
  activities: v.strictObject({
    optOutActivities: v.nullable(OptOutActivitiesSchema),
    emailActivities: v.nullable(EmailActivitiesSchema),
  }),
} satisfies Record<AgentCommandType, v.GenericSchema>;
export type AgentReplies = { [K in AgentCommandType]: v.InferOutput<(typeof AgentReplySchemas)[K]> };
const replySchemas: { [K in AgentCommandType]: v.GenericSchema<unknown, AgentReplies[K]> } = AgentReplySchemas;

/** A page agent's reply, as the answer to the command it was asked. */
export function parseAgentReply<K extends AgentCommandType>(command: K, reply: unknown): AgentReplies[K] | null {
  const result = v.safeParse(replySchemas[command], reply);
  return result.success ? result.output : null;
}

/** What a page agent may send the worker over its port; a reply is checked against its command's schema. */
export const AgentMessageSchema = v.variant('type', [
  v.strictObject({
    type: v.literal('ready'),
    host: Host,
    prospectId: ProspectId,
    loadId: v.pipe(v.string(), v.maxLength(64)),
    state: AePageStateSchema,
    /** When this load began (the page's time origin): a load the worker hears late is not taken for a newer one. */
    loadedAt: Millis,
    resumed: v.optional(v.literal(true)),
  }),
  v.strictObject({ type: v.literal('reply'), id: v.pipe(v.number(), v.integer()), result: v.unknown() }),
]);

const Behavior = v.picklist(OPTED_OUT_SYNC_BEHAVIORS);
const SettingsReadingSchema = v.strictObject({
  overwriteOptedOut: v.optional(v.picklist(['on', 'off'])),
  optedOutSyncBehavior: v.optional(Behavior),
  optedOutMapped: v.optional(v.boolean()),
});
export type SettingsReading = v.InferOutput<typeof SettingsReadingSchema>;

const Reason = v.pipe(v.string(), v.trim(), v.minLength(3), v.maxLength(500));

/** A confirmation's or a job's id (crypto.randomUUID). */
const ConfirmationId = v.pipe(v.string(), v.regex(/^[0-9a-f-]{36}$/));

/** Requests a content script may send; the worker checks the sender's frame is the page named. */
export const PageRequestSchema = v.variant('type', [
  v.strictObject({
    type: v.literal('page-status'),
    page: DetectedPageSchema,
    /** On an AE page: what it shows, and when it was loaded (what it shows is as old as that). */
    aeState: v.optional(AePageStateSchema),
    aeLoadedAt: v.optional(Millis),
    /** After the admin's own Save or return to the tab: read the pair now, not as the worker read it lately. */
    fresh: v.optional(v.literal(true)),
  }),
  /**
   * The admin asks to opt this page's pair back in. It only opens the confirmation window, an
   * extension page no page script can reach; nothing is written from a page's request.
   */
  v.strictObject({
    type: v.literal('offer-opt-in'),
    page: DetectedPageSchema,
    aeState: v.optional(AePageStateSchema),
    aeLoadedAt: v.optional(Millis),
  }),
  /** How the page's pair got opted out, earlier opt-ins and who undid the last one: read by the worker, cached there. */
  v.strictObject({
    type: v.literal('pair-why'),
    page: DetectedPageSchema,
    aeState: v.optional(AePageStateSchema),
    aeLoadedAt: v.optional(Millis),
  }),
  v.strictObject({ type: v.literal('settings-read'), page: DetectedPageSchema, reading: SettingsReadingSchema }),
  /** The overlay's way to the settings (content scripts cannot open them themselves). */
  v.strictObject({ type: v.literal('open-options'), page: DetectedPageSchema }),
]);
export type PageRequest = v.InferOutput<typeof PageRequestSchema>;

const ManualSettings = v.strictObject({
  businessUnitId: v.nullable(v.pipe(v.string(), v.maxLength(18))),
  overwriteOptedOut: v.picklist(['on', 'off', 'unknown']),
  optedOutSyncBehavior: v.nullable(Behavior),
  optedOutMapped: v.nullable(v.boolean()),
});

export const OptionsSchema = v.strictObject({
  syncIntervalSeconds: v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(3600)),
  marginSeconds: v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(3600)),
  pollSeconds: v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(600)),
  maxAttempts: v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(10)),
  /** How long a confirmation holds (optional: options stored before it existed read as the default). */
  confirmationExpiryMinutes: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(1440))),
  /** How long the page writer gives an AE page to load and answer (optional: older options read as the default). */
  pageLoadSeconds: v.optional(v.pipe(v.number(), v.integer(), v.minValue(5), v.maxValue(300))),
  /** Record each done opt-in as a completed Task on the Lead/Contact (unset: not asked yet, and off). */
  recordTask: v.optional(v.boolean()),
  oauthClientId: v.pipe(v.string(), v.trim(), v.maxLength(256)),
  oauthLoginHost: v.pipe(v.string(), v.trim(), v.maxLength(253)),
  businessUnitId: v.nullable(v.pipe(v.string(), v.maxLength(18))),
});
export type ExtensionOptions = v.InferOutput<typeof OptionsSchema>;

/** MAX_ROWS of core/batch.ts (not imported: content scripts load this module; a unit test keeps them equal). */
export const MAX_LIST_ROWS = 1_000;
const Line = v.pipe(v.number(), v.integer(), v.minValue(2), v.maxValue(1e7));
const ListRowSchema = v.strictObject({
  line: Line,
  email: v.nullable(v.pipe(v.string(), v.maxLength(320))),
  prospectId: v.nullable(v.pipe(v.number(), v.integer(), v.minValue(1))),
  recordId: v.nullable(v.pipe(v.string(), v.length(18))),
  object: v.nullable(v.picklist(SALESFORCE_OBJECTS)),
  evidence: v.pipe(v.string(), v.minLength(1), v.maxLength(500)),
  evidenceAt: v.nullable(Millis),
});
const RefusedRowSchema = v.strictObject({
  line: Line,
  problem: v.picklist(ROW_PROBLEMS),
  text: v.pipe(v.string(), v.maxLength(400)),
});

/** Requests only the extension's own pages (options, popup) may send. */
export const ExtensionPageRequestSchema = v.variant('type', [
  v.strictObject({ type: v.literal('get-dashboard') }),
  v.strictObject({ type: v.literal('set-settings'), settings: ManualSettings }),
  v.strictObject({ type: v.literal('set-options'), options: OptionsSchema }),
  v.strictObject({ type: v.literal('oauth-connect') }),
  v.strictObject({ type: v.literal('oauth-disconnect') }),
  v.strictObject({ type: v.literal('export-audit') }),
  /** The confirmation window: the pair as the worker reads it now, then the admin's decision. */
  v.strictObject({ type: v.literal('confirmation-read'), id: ConfirmationId }),
  v.strictObject({
    type: v.literal('confirmation-confirm'),
    id: ConfirmationId,
    reason: Reason,
    /** The email address the window showed: the worker checks it is the one it read. */
    email: Text,
    /** The window's "Record this opt-in in Salesforce as a completed Task", remembered in the options. */
    recordTask: v.optional(v.boolean()),
  }),
  v.strictObject({ type: v.literal('confirmation-cancel'), id: ConfirmationId }),
  v.strictObject({ type: v.literal('job-view'), jobId: ConfirmationId }),
  /** Everything the extension keeps, as JSON (src/background/my-data.ts). */
  v.strictObject({ type: v.literal('export-my-data') }),
  /** The OAuth connection revoked and everything kept on this device removed. */
  v.strictObject({ type: v.literal('delete-my-data') }),
  /** The self-test, for the Lead/Contact or prospect page at this URL. */
  v.strictObject({ type: v.literal('check-org'), url: v.pipe(v.string(), v.maxLength(4000)) }),
  /** Restore a list (src/restore/): the orgs to choose from, the read-only preview, then one Confirm. */
  v.strictObject({ type: v.literal('batch-orgs') }),
  v.strictObject({
    type: v.literal('batch-preview'),
    orgHost: v.pipe(v.string(), v.maxLength(253)),
    /** The list as the page parsed it (papaparse runs in the page only); the worker checks each row again. */
    rows: v.pipe(v.array(ListRowSchema), v.maxLength(MAX_LIST_ROWS)),
    refused: v.pipe(v.array(RefusedRowSchema), v.maxLength(MAX_LIST_ROWS)),
    /** Rows run at once: a setting of the page, kept low so the admin's browser stays usable. */
    concurrency: v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(5)),
  }),
  /** `count`: the rows the page showed as to be opted in; a preview that changed since is refused. */
  v.strictObject({ type: v.literal('batch-confirm'), batchId: ConfirmationId, count: Millis }),
  v.strictObject({
    type: v.literal('batch-control'),
    batchId: ConfirmationId,
    action: v.picklist(['pause', 'resume', 'cancel']),
  }),
  v.strictObject({ type: v.literal('batch-view'), batchId: ConfirmationId }),
  v.strictObject({ type: v.literal('batch-csv'), batchId: ConfirmationId }),
]);
type ExtensionPageRequest = v.InferOutput<typeof ExtensionPageRequestSchema>;

export type Response<T> = { ok: true; value: T } | { ok: false; error: ErrorCode };

/** What the worker answers to each request a content script may send. */
export interface PageResponses {
  'page-status': PairStatus;
  /** The confirmation window opened (or was brought to the front), or the pair's running job. */
  'offer-opt-in': { window: true } | { job: JobView };
  'pair-why': PairWhy;
  'settings-read': SettingsView;
  'open-options': null;
}

/** What "Delete my data" did: the connection was revoked at its host, if there was one. */
export interface MyDataDeleted {
  oauthRevoked: boolean;
}

/** What the worker answers to each request an extension page may send. */
export interface ExtensionPageResponses {
  'get-dashboard': Dashboard;
  'set-settings': null;
  'set-options': null;
  'oauth-connect': null;
  'oauth-disconnect': null;
  'export-audit': string;
  'export-my-data': string;
  'delete-my-data': MyDataDeleted;
  'check-org': CheckReport;
  'confirmation-read': ConfirmationView;
  'confirmation-confirm': JobView;
  'confirmation-cancel': null;
  'job-view': JobView | null;
  'batch-orgs': string[];
  'batch-preview': BatchView;
  'batch-confirm': BatchView;
  'batch-control': BatchView;
  'batch-view': BatchView | null;
  'batch-csv': string;
}

/** The whole list was refused before any row was read (too large, malformed, unknown columns…). */
export interface ListRefusal {
  problem: ListProblem;
  detail: string;
}

/** A batch as the Restore page shows it: its rows, its progress, and what it costs. */
export interface BatchView {
  batch: Batch;
  progress: BatchProgress;
  /** Salesforce API calls the run is expected to make, and the org's daily allowance (null: not readable). */
  cost: number;
  limits: { max: number; remaining: number } | null;
  /** The batch would leave the org too few of its daily API requests: Confirm is refused. */
  overBudget: boolean;
  estimateMs: number;
}

export type PageRequestOf<K extends PageRequest['type']> = Extract<PageRequest, { type: K }>;
export type ExtensionPageRequestOf<K extends ExtensionPageRequest['type']> = Extract<ExtensionPageRequest, { type: K }>;

/** One entry of the audit log: every job, refused and failed ones included. */
export interface AuditEntry {
  jobId: string;
  at: number;
  admin: string;
  orgId: string | null;
  businessUnitId: string | null;
  prospectId: number;
  email: string;
  object: SalesforceObject | null;
  recordId: string | null;
  reason: string;
  /** The Restore a list batch the job was a row of (its reason is the row's evidence). */
  batchId?: string;
  attempts: Job['attempts'];
  /** `joined`: a second confirmation for a pair whose job was running (`joinedJobId`); it wrote nothing itself. */
  outcome: 'done' | 'failed' | 'refused' | 'running' | 'joined';
  joinedJobId?: string;
  error: string | null;
  written: string[];
  /** Why the job would not write again for the person's sake: the verdict, and what it saw and could not read. */
  refusedBy?: Job['refusedBy'];
  /** What the job saw of the person's latest wish before each write. */
  consent?: Job['consent'];
  /** The evidence Task written in Salesforce for a done job (src/background/evidence.ts), when the admin asked for it. */
  taskId?: string | null;
  /** Why the evidence Task could not be written, when it could not. */
  taskError?: string;
  /** A side checked again within two syncs after a done job, and who or what did it (src/background/watch.ts). */
  undone?: Undone;
}

/** Shown in the options page: the stored data was migrated or had to be reset. */
export interface StorageNotice {
  at: number;
  kind: 'storage-migrated' | 'storage-reset';
  keys: string[];
}

export interface Dashboard {
  options: ExtensionOptions;
  settings: SettingsView[];
  audit: AuditEntry[];
  auditDropped: number;
  /** Audit entries kept as they were because this version could not read them. */
  auditUnreadable: number;
  oauth: { connected: boolean; loginHost: string | null; orgId: string | null; redirectUrl: string; scopes: string };
  aeWriteMethod: Record<string, 'works' | 'refused'>;
  aeAcceptsSession: Record<string, boolean>;
  refusedMessages: number;
  notices: StorageNotice[];
}

export interface SettingsView extends ConnectorSettings {
  businessUnitId: string | null;
  businessUnitName: string | null;
  overwriteLearned: { from: 'connector-page' | 'manual'; at: number; url?: string } | null;
  fieldLearned: { from: 'field-page' | 'manual'; at: number; url?: string } | null;
}

export interface ProspectView {
  id: number;
  aeHost: string;
  email: string | null;
  optedOut: boolean | null;
  isDoNotEmail: boolean | null;
  isEmailHardBounced: boolean | null;
  salesforceLastSync: string | null;
  /** Where the AE values came from: the API, or a page the extension read. */
  source: 'api' | 'page' | 'none';
}

export interface RecordView {
  object: SalesforceObject;
  id: string;
  email: string | null;
  hasOptedOutOfEmail: boolean;
  hardBounced: boolean | null;
}

export type JobView = Pick<
  Job,
  | 'id'
  | 'prospectId'
  | 'recordId'
  | 'email'
  | 'phase'
  | 'attempts'
  | 'deadline'
  | 'maxAttempts'
  | 'outcome'
  | 'createdAt'
  | 'lastError'
  | 'diagnostics'
  | 'refusedBy'
>;

/**
 * What the confirmation window shows: the pair as the worker read it just now (the Salesforce
 * record by REST, the prospect by API or a fresh load of its page), never as a page drew it.
 */
export interface ConfirmationView {
  id: string;
  readAt: number;
  /** After this moment the worker refuses the confirmation; the window offers to read again. */
  expiresAt: number;
  email: string;
  prospect: ProspectView;
  record: RecordView;
  /** The org's My Domain host, and the business unit, as the admin knows them. */
  orgHost: string;
  businessUnitName: string | null;
  advice: OptInAdvice;
  stillUnmailable: StillUnmailable[];
  /** The admin's standing choice to record opt-ins as Tasks; null: not asked yet. */
  recordTask?: boolean | null;
  /** Earlier opt-ins of this record from the evidence Tasks, newest first; null: they could not be read. */
  restorations?: Restoration[] | null;
  /** How each side got opted out, as far as the worker could read it. */
  history?: OptOutHistory;
}

/** An earlier opt-in of the record, as its evidence Task in Salesforce tells it. */
export interface Restoration {
  taskId: string;
  at: number;
  by: string;
  subject: string;
  description: string;
}

/** How each side of the pair got opted out (src/background/history.ts). */
export interface OptOutHistory {
  /** The prospect page's opt-out activities (newest first); null: the page shows none, undefined: not read (an API read). */
  ae?: { at: string | null; what: string }[] | null;
  /**
   * "Looks like a link scanner, not a person", with its reason (src/core/scanner.ts): set only when
   * the prospect's email activities show a scanner's trace; null: read, and no such trace;
   * undefined: the email activities were not read.
   */
  scanner?: ScannerVerdict | null;
  /** Email Opt Out's field history: rows (newest first), or that none could be read. */
  salesforce: { at: number; checked: boolean; by: string; connector: boolean }[] | 'not-tracked' | 'unreadable';
}

/** What the overlay shows of how a pair got where it is (src/background/pair-why.ts). */
export interface PairWhy {
  history: OptOutHistory;
  /** Earlier opt-ins from their evidence Tasks, newest first; null: they could not be read. */
  restorations: Restoration[] | null;
  /** The pair's latest done opt-in was undone within two syncs: who or what did it. */
  undone: Undone | null;
}

/** What the overlay says of a pair at a glance (src/core/overlay-model.ts decides it). */
export type PairState = 'option-off' | 'option-on' | 'option-unknown' | 'not-linked' | 'error';

export interface PairStatus {
  page: DetectedPage;
  state: PairState;
  prospect: ProspectView | null;
  record: RecordView | null;
  /** Why the pair cannot be worked on as one; a back-link the extension cannot read is said so, not called a mismatch. */
  linkProblem: 'not-linked' | 'several-prospects' | 'link-mismatch' | 'back-link-unreadable' | null;
  settings: SettingsView;
  advice: OptInAdvice;
  stillUnmailable: StillUnmailable[];
  job: JobView | null;
  /** Why part of the pair could not be read, when it could not. */
  problem: ErrorCode | null;
  /** What the AE page lacks, when it could not be read: the admin is told each one. */
  missing: AePart[];
  /** The AE page on screen shows values older than the extension has since read (after a job wrote). */
  pageOutdated: boolean;
}

export function parseWith<T extends v.GenericSchema>(schema: T, message: unknown): v.InferOutput<T> | null {
  const result = v.safeParse(schema, message);
  return result.success ? result.output : null;
}

export function toJobView(job: Job): JobView {
  const { id, prospectId, recordId, email, phase, attempts, deadline, maxAttempts, outcome, createdAt, lastError } =
    job;
  const view: JobView = {
    id,
    prospectId,
    recordId,
    email,
    phase,
    attempts,
    deadline,
    maxAttempts,
    outcome,
    createdAt,
    lastError,
  };
  // Only the part: a page outline an older version kept with a job is not sent to every page of the pair.
  if (job.diagnostics?.part) view.diagnostics = { part: job.diagnostics.part };
  if (job.refusedBy) view.refusedBy = job.refusedBy;
  return view;
}
