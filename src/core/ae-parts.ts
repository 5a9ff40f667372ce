/**
 * The words the AE page agent's protocol and the wire schemas share: the
 * parts of a prospect page the extension looks for (the admin is told which
 * one it could not find), and the commands the worker sends a page agent
 * (ae-page-protocol.ts says what each does). Apart, so the schemas in messages.ts and
 * the protocol in ae-page-protocol.ts do not import each other.
 */
export const AE_PARTS = ['opted-out', 'email', 'edit', 'section-toggle', 'save'] as const;
export type AePart = (typeof AE_PARTS)[number];

export const AGENT_COMMANDS = ['read', 'reload', 'prepare', 'commit', 'locate', 'activities'] as const;
export type AgentCommandType = (typeof AGENT_COMMANDS)[number];
