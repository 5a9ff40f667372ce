/**
 * The AE prospect page as the extension sees it, and the page agent's
 * protocol: one port per load of a prospect page, from the content script to
 * the worker. No schema library at run time: content scripts import it, and
 * every matched page would pay for the library (the types it derives from the
 * worker's schemas are erased in the build).
 */
import type * as v from 'valibot';
import { AGENT_COMMANDS, type AgentCommandType } from './ae-parts';
import type { AgentMessageSchema, AgentReplies } from './messages';

export type { AePart } from './ae-parts';

export const AGENT_PORT = 'optout-sync-guard:ae-agent';

/**
 * What the worker asks a page agent to do; every command carries an id its reply repeats, and each
 * command's reply has its schema in messages.ts (`AgentReplySchemas`), from which `AgentReplies` is
 * derived: the worker checks a reply against the command it asked.
 *
 * - `read`: what the page shows now.
 * - `reload`: load the page again.
 * - `prepare`: open the edit form (or find the "Opt In" action) and set Opted Out to false, without saving.
 * - `commit`: save what `prepare` set, now.
 * - `locate`: find the controls an opt-in would use, changing nothing ("Check this org").
 * - `activities`: the opt-outs and email activities the page's activity list shows. Read only when
 *   the worker asks (a job's or a confirmation's read, the history of a pair): the reader is loaded
 *   then, so a prospect page the admin opens does not pay for it.
 */
export type AgentCommand = { id: number; type: AgentCommandType };

export function parseAgentCommand(message: unknown): AgentCommand | null {
  if (typeof message !== 'object' || message === null) return null;
  const { type, id, ...rest } = message as Record<string, unknown>;
  if (Object.keys(rest).length > 0 || typeof id !== 'number' || !Number.isSafeInteger(id)) return null;
  const command = AGENT_COMMANDS.find((known) => known === type);
  return command ? { type: command, id } : null;
}

export type { AgentReplies } from './messages';
export type PrepareResult = AgentReplies['prepare'];
export type LocateResult = AgentReplies['locate'];

/**
 * Page agent → worker, as `AgentMessageSchema` checks it (`resumed`: the same load announcing itself
 * again to a restarted worker); a reply's result is typed by the command map, which the worker checks
 * against the command it asked.
 */
export type AgentMessage =
  | Exclude<v.InferOutput<typeof AgentMessageSchema>, { type: 'reply' }>
  | { type: 'reply'; id: number; result: AgentReplies[AgentCommandType] };
