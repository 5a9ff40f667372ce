/**
 * The sandbox org in a process of its own (`npm run sandbox` with a port
 * chosen by the system), for measurements its own event loop must not be
 * part of: the benchmark's write skew is read from its log's timestamps.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { call } from './client';
import type { LogEntry } from './sandbox';
import type { RunningSandbox } from './server';

export interface SandboxProcess extends Pick<RunningSandbox, 'port' | 'hostRules'> {
  control<T>(method: 'GET' | 'POST', path: string, body?: object): Promise<T>;
  log(after?: number): Promise<{ syncCount: number; entries: LogEntry[] }>;
  close(): Promise<void>;
}

export async function startSandboxProcess(env: {
  syncIntervalMs: number;
  extraLinkedPairs: number;
}): Promise<SandboxProcess> {
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'test/sandbox/main.ts'], {
    env: {
      ...process.env,
      PORT: '0',
      SYNC_INTERVAL_MS: String(env.syncIntervalMs),
      EXTRA_LINKED_PAIRS: String(env.extraLinkedPairs),
      SANDBOX_READY_JSON: '1',
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const ready = await new Promise<{ port: number; hostRules: string }>((resolve, reject) => {
    const lines = createInterface({ input: child.stdout as NodeJS.ReadableStream });
    lines.once('line', (line) => resolve(JSON.parse(line)));
    child.once('exit', (code) => reject(new Error(`the sandbox process exited (${code})`)));
  });
  const target = { port: ready.port } as RunningSandbox;
  const control = async <T>(method: 'GET' | 'POST', path: string, body?: object): Promise<T> => {
    const reply = await call(target, { method, path, ...(body ? { body } : {}), insecure: true });
    if (reply.status >= 400) throw new Error(`${method} ${path}: ${reply.status} ${reply.text}`);
    return reply.json as T;
  };
  return {
    ...ready,
    control,
    log: (after = 0) => control('GET', `/__sandbox/log?after=${after}`),
    close: () =>
      new Promise<void>((resolve) => {
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}
