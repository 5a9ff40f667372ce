/** A page agent's port as Chrome hands it to the worker (background/ae-agents.ts), for unit tests. */
type Listener = (message: unknown) => void;

/** Prospect 1001's page in `tabId`: messages in and out, and its closing. */
export function agentPort(tabId: number) {
  const heard: Listener[] = [];
  const closed: (() => void)[] = [];
  const port = {
    name: 'optout-sync-guard:ae-agent',
    sender: {
      id: 'guard',
      url: 'https://pi.pardot.com/prospect/read?id=1001',
      frameId: 0,
      tab: { id: tabId, url: 'https://pi.pardot.com/prospect/read?id=1001' },
    },
    sent: [] as { type: string; id: number }[],
    onMessage: { addListener: (listener: Listener) => heard.push(listener) },
    onDisconnect: { addListener: (listener: () => void) => closed.push(listener) },
    postMessage: (message: { type: string; id: number }) => port.sent.push(message),
    disconnect: () => undefined,
    /** The page says something. */
    says: (message: unknown) => {
      for (const listener of heard) listener(message);
    },
    /** The page goes (navigated away, or its tab closed). */
    closes: () => {
      for (const listener of closed) listener();
    },
  };
  return port;
}

export type AgentPort = ReturnType<typeof agentPort>;
