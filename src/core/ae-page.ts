/**
 * The AE prospect page as the extension sees it, and the page agent's
 * protocol: one port per load of a prospect page, from the content script to
 * the worker. Plain TypeScript with no schema library: content scripts import
 * it, and every matched page would pay for the library.
 */
import type { AePageState } from './messages';

export const AGENT_PORT = 'optout-sync-guard:ae-agent';

/** The parts of the prospect page the extension looks for; the admin is told which one it could not find. */
export const AE_PARTS = ['opted-out', 'email', 'edit', 'section-toggle', 'save'] as const;
export type AePart = (typeof AE_PARTS)[number];

/** What the worker asks a page agent to do; every command carries an id its reply repeats. */
export type AgentCommand = { id: number } & (
  | { type: 'read' }
  | { type: 'reload' }
  /** Open the edit form (or find the "Opt In" action) and set Opted Out to false, without saving. */
  | { type: 'prepare' }
  /** Save what `prepare` set, now. */
  | { type: 'commit' }
  /** Close the edit form without saving (the self-test). */
  | { type: 'cancel' }
  | { type: 'outline' }
);
export type AgentCommandType = AgentCommand['type'];
const COMMANDS: readonly AgentCommandType[] = ['read', 'reload', 'prepare', 'commit', 'cancel', 'outline'];

export function parseAgentCommand(message: unknown): AgentCommand | null {
  if (typeof message !== 'object' || message === null) return null;
  const { type, id, ...rest } = message as Record<string, unknown>;
  if (Object.keys(rest).length > 0 || !Number.isSafeInteger(id)) return null;
  return COMMANDS.includes(type as AgentCommandType) ? ({ type, id } as AgentCommand) : null;
}

export type PrepareResult =
  | { ok: true; way: 'form' | 'opt-in' }
  | {
      ok: false;
      error: 'control-not-found' | 'opted-out-not-editable' | 'signed-out-of-ae' | 'not-opted-out';
      /** The part it could not find, exactly once, on the page. */
      part?: AePart;
      /** A sanitized outline of the page at that moment, for a bug report. */
      outline?: string;
    };

/** What each command answers. */
export interface AgentReplies {
  read: { state: AePageState };
  reload: { ok: boolean };
  prepare: PrepareResult;
  commit: { ok: boolean };
  cancel: { ok: boolean };
  outline: { outline: string };
}

/** Page agent → worker. */
export type AgentMessage =
  | { type: 'ready'; host: string; prospectId: number; loadId: string; state: AePageState }
  | { type: 'reply'; id: number; result: AgentReplies[AgentCommandType] }
  /** After a Save that did not reload the page: what it shows now. */
  | { type: 'saved-in-place'; state: AePageState };
