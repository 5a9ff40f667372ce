/**
 * The worker's side of the AE page agents: every load of an AE prospect page
 * connects a port and says what it shows (ready); the worker keeps the live
 * ones, hands each new load to whoever waits for it, and sends commands whose
 * replies come back on the same port, each checked against its command's
 * schema. The last reading of each prospect is kept in session storage for
 * the Salesforce pages' overlay.
 *
 * The agents live in this worker's memory only. After Chrome stops the
 * worker, a page with an open edit form connects again and announces itself
 * as `resumed` (src/content/ae-agent.ts); such an announcement is never taken
 * for a new load of the page.
 */
import browser, { type Runtime } from 'webextension-polyfill';
import { AGENT_PORT, type AgentReplies } from '../core/ae-page';
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
  at: number;
  /** The top-level page's host: the AE host itself, or the Lightning host of the app framing it. */
  topHost: string;
  /** A load that was there before this worker started, announcing itself again: never a fresh load. */
  resumed: boolean;
}

const agents = new Set<Agent>();
const loadWaiters = new Set<{ match: (agent: Agent) => boolean; resolve: (agent: Agent) => void }>();
const replies = new Map<
  number,
  { port: Runtime.Port; resolve: (value: unknown) => void; timer: ReturnType<typeof setTimeout> }
>();
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
          at: Date.now(),
          resumed: message.resumed === true,
        };
        agents.add(agent);
        announce(agent, agent.state);
      } else if (message.type === 'reply') {
        const pending = replies.get(message.id);
        if (pending?.port !== port) return;
        replies.delete(message.id);
        clearTimeout(pending.timer);
        pending.resolve(message.result);
      }
    });
    port.onDisconnect.addListener(() => {
      if (agent) agents.delete(agent);
      for (const [id, pending] of replies) {
        if (pending.port !== port) continue;
        replies.delete(id);
        clearTimeout(pending.timer);
        pending.resolve(null);
      }
    });
  });
  browser.tabs.onRemoved.addListener((tabId) => {
    void updateSession('aeReadings', (all) =>
      Object.fromEntries(Object.entries(all ?? {}).filter(([, reading]) => reading.tabId !== tabId)),
    );
  });
}

/** What a load shows (on arrival, or after an in-place Save): kept as the reading, handed to whoever waits. */
function announce(agent: Agent, state: AePageState) {
  void remember(agent, state);
  for (const waiter of loadWaiters) if (waiter.match(agent)) waiter.resolve(agent);
}

const readingKey = (host: string, prospectId: number) => `${host}/${prospectId}`;

async function remember(agent: Agent, state: AePageState) {
  if (!state.readable) return;
  const readable = state;
  await updateSession('aeReadings', (all) => ({
    ...all,
    [readingKey(agent.host, agent.prospectId)]: {
      state: readable,
      at: Date.now(),
      tabId: agent.tabId,
      topHost: agent.topHost,
    },
  }));
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

export function agentsInTab(tabId: number): Agent[] {
  return [...agents].filter((agent) => agent.tabId === tabId);
}

/** The next new load of a page that `match` accepts (a page announcing itself again is not one). */
export function nextLoad(match: (agent: Agent) => boolean, timeoutMs: number): Promise<Agent> {
  return new Promise((resolve, reject) => {
    const waiter = {
      match: (agent: Agent) => !agent.resumed && match(agent),
      resolve: (agent: Agent) => {
        loadWaiters.delete(waiter);
        clearTimeout(timer);
        resolve(agent);
      },
    };
    const timer = setTimeout(() => {
      loadWaiters.delete(waiter);
      reject(new GuardError('ae-page-unavailable'));
    }, timeoutMs);
    loadWaiters.add(waiter);
  });
}

/**
 * Sends a command to a page agent and waits for its reply, checked against
 * the command's schema; a page gone, silent, or answering out of shape is
 * unavailable.
 */
export function ask<K extends AgentCommandType>(agent: Agent, type: K, timeoutMs: number): Promise<AgentReplies[K]> {
  const id = nextCommandId++;
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      replies.delete(id);
      reject(new GuardError('ae-page-unavailable'));
    }, timeoutMs);
    replies.set(id, {
      port: agent.port,
      timer,
      resolve: (value) => {
        const reply = parseAgentReply(type, value);
        if (reply) resolve(reply);
        else reject(new GuardError('ae-page-unavailable'));
      },
    });
    try {
      agent.port.postMessage({ type, id });
    } catch {
      replies.delete(id);
      clearTimeout(timer);
      reject(new GuardError('ae-page-unavailable'));
    }
  });
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
