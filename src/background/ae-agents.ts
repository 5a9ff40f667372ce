/**
 * The worker's side of the AE page agents: every load of an AE prospect page
 * connects a port and says what it shows (ready); the worker keeps the live
 * ones and sends commands whose replies come back on the same port, each
 * checked against its command's schema. Whoever waits on a page (a job for
 * its next load, a command for its reply) waits in one registry, answered at
 * once when the page's tab or port closes. The last reading of each prospect
 * is kept in session storage for the Salesforce pages' overlay.
 *
 * The agents live in this worker's memory only. After Chrome stops the
 * worker, a page with an open edit form connects again and announces itself
 * as `resumed` (src/content/ae-agent.ts); such an announcement is never taken
 * for a new load of the page.
 */
import browser, { type Runtime } from 'webextension-polyfill';
import { AGENT_PORT, type AgentReplies } from '../core/ae-page-protocol';
import type { AgentCommandType } from '../core/ae-parts';
import { GuardError } from '../core/errors';
import { hostOfUrl, isFamilyHost, unproxiedHost } from '../core/hosts';
import { type AePageState, AgentMessageSchema, parseAgentReply, parseWith } from '../core/messages';
import { detectPage } from '../core/page-detect';
import { readSession, updateSession } from './store';

export interface Agent {
  port: Runtime.Port;
  tabId: number;
  frameId: number;
  /** The AE host (AE's own, behind the proxy too) and prospect the page shows. */
  host: string;
  prospectId: number;
  /** This load of the page; the next load (after a Save or a reload) is another agent. */
  loadId: string;
  state: AePageState;
  /**
   * When this load began (the page's time origin, as the overlay's own page names its load): a
   * page can date itself back, never ahead of the worker's clock.
   */
  at: number;
  /** The top-level page's host: the AE host itself, or the Lightning host of the app framing it. */
  topHost: string;
  /** A load that was there before this worker started, announcing itself again: never a fresh load. */
  resumed: boolean;
}

const agents = new Set<Agent>();

/** What the worker hears of the page agents: a new load, a reply, a port or a tab closed. */
type Heard =
  | { type: 'load'; agent: Agent }
  | { type: 'reply'; port: Runtime.Port; id: number; result: unknown }
  | { type: 'port-closed'; port: Runtime.Port }
  | { type: 'tab-closed'; tabId: number };

/** A waiter's reading of what was heard: its answer, the page it waits on unavailable, or not its business. */
type Verdict<T> = { answer: T } | 'unavailable' | null;

/**
 * Everyone waiting on a page agent: a job for its page's next load, a command for its reply. One
 * rule for all: each is answered once, by what it waits for, by its page going (port or tab
 * closed: unavailable at once, never left hanging), or by its time running out.
 */
const waiters = new Set<(heard: Heard) => void>();

function waitFor<T>(judge: (heard: Heard) => Verdict<T>, timeoutMs: number): Promise<T> {
  return new Promise((resolve, reject) => {
    const done = () => {
      waiters.delete(waiter);
      clearTimeout(timer);
    };
    const waiter = (heard: Heard) => {
      const verdict = judge(heard);
      if (!verdict) return;
      done();
      if (verdict === 'unavailable') reject(new GuardError('ae-page-unavailable'));
      else resolve(verdict.answer);
    };
    const timer = setTimeout(() => {
      done();
      reject(new GuardError('ae-page-unavailable'));
    }, timeoutMs);
    waiters.add(waiter);
  });
}

function tell(heard: Heard) {
  for (const waiter of [...waiters]) waiter(heard);
}

/** When this worker started: pages with an open form announce themselves again within moments of it. */
const startedAt = Date.now();
let nextCommandId = 1;

/**
 * A port is an agent only when it comes from this extension's content script
 * in a frame showing an AE prospect page, in a tab that is itself an AE or
 * Salesforce page (an AE page framed by another site gets nothing).
 */
function senderPage(port: Runtime.Port) {
  const sender = port.sender;
  if (!sender || sender.id !== browser.runtime.id || sender.tab?.id === undefined || !sender.url) return null;
  const page = detectPage(sender.url);
  if (page?.kind !== 'ae-prospect') return null;
  const topHost = hostOfUrl(sender.tab.url);
  if ((sender.frameId ?? 0) !== 0 && !isFamilyHost(topHost)) return null;
  return { page, tabId: sender.tab.id, frameId: sender.frameId ?? 0, topHost };
}

export function listenForAgents(): void {
  browser.runtime.onConnect.addListener((port) => {
    if (port.name !== AGENT_PORT) return;
    const from = senderPage(port);
    if (!from) {
      port.disconnect();
      return;
    }
    let agent: Agent | null = null;
    port.onMessage.addListener((raw: unknown) => {
      const message = parseWith(AgentMessageSchema, raw);
      if (!message) return;
      if (message.type === 'ready') {
        // The page names itself; it must be the page its frame shows.
        if (agent || message.host !== from.page.host || message.prospectId !== from.page.prospectId) return;
        agent = {
          port,
          ...from,
          // Behind Defender for Cloud Apps' proxy, the page is still AE's: known by AE's own host.
          host: unproxiedHost(message.host),
          prospectId: message.prospectId,
          loadId: message.loadId,
          state: message.state,
          // Not when the worker heard it, nor when the page read itself: a worker waking slowly hears a
          // load, or a load still loading reads itself, after the reload that replaces it began, and a
          // reading dated then would pass for the newer page's.
          at: Math.min(message.loadedAt, Date.now()),
          resumed: message.resumed === true,
        };
        agents.add(agent);
        announce(agent, agent.state);
      } else if (message.type === 'reply') {
        tell({ type: 'reply', port, id: message.id, result: message.result });
      }
    });
    port.onDisconnect.addListener(() => {
      if (agent) agents.delete(agent);
      tell({ type: 'port-closed', port });
    });
  });
  browser.tabs.onRemoved.addListener((tabId) => {
    tell({ type: 'tab-closed', tabId });
    void updateSession('aeReadings', (all) =>
      Object.fromEntries(Object.entries(all ?? {}).filter(([, reading]) => reading.tabId !== tabId)),
    );
  });
}

/** What a load shows (on arrival, or after an in-place Save): kept as the reading, handed to whoever waits. */
function announce(agent: Agent, state: AePageState) {
  void remember(agent, state);
  tell({ type: 'load', agent });
}

const readingKey = (host: string, prospectId: number) => `${host}/${prospectId}`;

async function remember(agent: Agent, state: AePageState) {
  if (!state.readable) return;
  const readable = state;
  const key = readingKey(agent.host, agent.prospectId);
  await updateSession('aeReadings', (all) => {
    // A load heard late does not replace what a later load showed.
    if ((all?.[key]?.at ?? 0) > agent.at) return all ?? {};
    return { ...all, [key]: { state: readable, at: agent.at, tabId: agent.tabId, topHost: agent.topHost } };
  });
}

/** How long what an open page showed is trusted for the overlay, without a fresh read. */
const READING_FRESH_MS = 5 * 60_000;

/** What an open page of this prospect showed within `maxAgeMs`, for the overlay (on either side). */
export async function lastReading(host: string, prospectId: number, maxAgeMs = READING_FRESH_MS) {
  const reading = (await readSession('aeReadings'))?.[readingKey(host, prospectId)];
  return reading && Date.now() - reading.at <= maxAgeMs ? reading : null;
}

/** The live loads of this prospect's page (other tabs of the admin included). */
function agentsFor(host: string, prospectId: number): Agent[] {
  return [...agents].filter((agent) => agent.host === host && agent.prospectId === prospectId);
}

function agentsInTab(tabId: number): Agent[] {
  return [...agents].filter((agent) => agent.tabId === tabId);
}

/** A new load of a prospect's page in a tab: one the tab did not hold when the page was asked for. */
export interface LoadWanted {
  tabId: number;
  host: string;
  prospectId: number;
  /** The loads the tab held when the page was asked for (none for a tab just opened). */
  notLoads: ReadonlySet<string>;
}

/** The loads a tab holds now: what a wait for its next load sets aside. */
export function loadsIn(tabId: number): Set<string> {
  return new Set(agentsInTab(tabId).map((agent) => agent.loadId));
}

/**
 * The load `want` waits for: one already live (a tab just opened may have loaded before anyone
 * listened) or the next one announced; a page announcing itself again is never one. Unavailable
 * when the tab closes or no load comes in time.
 */
export function nextLoad(want: LoadWanted, timeoutMs: number): Promise<Agent> {
  const wanted = (agent: Agent) =>
    !agent.resumed &&
    agent.tabId === want.tabId &&
    agent.host === want.host &&
    agent.prospectId === want.prospectId &&
    !want.notLoads.has(agent.loadId);
  const live = [...agents].find(wanted);
  if (live) return Promise.resolve(live);
  return waitFor((heard) => {
    if (heard.type === 'load' && wanted(heard.agent)) return { answer: heard.agent };
    if (heard.type === 'tab-closed' && heard.tabId === want.tabId) return 'unavailable';
    return null;
  }, timeoutMs);
}

/**
 * Sends a command to a page agent and waits for its reply on the same port, checked against the
 * command's schema; a page gone, silent, or answering out of shape is unavailable.
 */
export function ask<K extends AgentCommandType>(agent: Agent, type: K, timeoutMs: number): Promise<AgentReplies[K]> {
  const id = nextCommandId++;
  try {
    agent.port.postMessage({ type, id });
  } catch {
    return Promise.reject(new GuardError('ae-page-unavailable'));
  }
  // The reply comes in a later task than this one, so listening from here misses nothing.
  return waitFor((heard) => {
    if (heard.type === 'reply' && heard.port === agent.port && heard.id === id) {
      const reply = parseAgentReply(type, heard.result);
      return reply ? { answer: reply } : 'unavailable';
    }
    if (heard.type === 'port-closed' && heard.port === agent.port) return 'unavailable';
    return null;
  }, timeoutMs);
}

/** How long after a worker start pages with an open form are given to announce themselves again. */
const RESUME_GRACE_MS = 2_000;
/** How long a page showing the prospect has to answer whether its form is open. */
const FORM_ANSWER_MS = 3_000;

/**
 * Whether a page of this prospect other than the job's own may still post its edit form: one whose
 * form is open (edited or not: its Opted Out was drawn checked, and saving it would check it again),
 * one that does not answer, or one whose page cannot be read. Every writer asks before writing.
 */
export async function formOpenElsewhere(
  host: string,
  prospectId: number,
  ownTabs: readonly number[],
): Promise<boolean> {
  const waited = Date.now() - startedAt;
  if (waited < RESUME_GRACE_MS) await new Promise((resolve) => setTimeout(resolve, RESUME_GRACE_MS - waited));
  const others = agentsFor(host, prospectId).filter((agent) => !ownTabs.includes(agent.tabId));
  const answers = await Promise.all(others.map((agent) => ask(agent, 'read', FORM_ANSWER_MS).catch(() => null)));
  return answers.some((answer) => !answer?.state.readable || answer.state.form !== 'closed');
}

/** How long an open page has to read its activity list for the overlay's history or the watch. */
const ACTIVITIES_ANSWER_MS = 3_000;

/**
 * The activity list an open page of this prospect shows now, its agent asked (the reader is loaded
 * in that page only then); undefined where no page of the prospect is open or it does not answer.
 */
export async function openPageActivities(
  host: string,
  prospectId: number,
): Promise<AgentReplies['activities'] | undefined> {
  const newest = agentsFor(host, prospectId).sort((a, b) => b.at - a.at)[0];
  return newest ? ask(newest, 'activities', ACTIVITIES_ANSWER_MS).catch(() => undefined) : undefined;
}
