/**
 * What the bench samples while a batch runs: the service worker's JS heap
 * (DevTools protocol, on the worker's own target), the whole browser's
 * memory (the proportional set size of every Chromium process, from /proc),
 * and how an ordinary tab the admin works in keeps up (timer lateness, frame
 * gaps and long tasks, measured inside the page).
 */
import { readdirSync, readFileSync } from 'node:fs';
import type { CDPSession, Page } from 'playwright-core';
import type { Browser } from '../test/e2e/harness';
import { percentile, round } from './stats';

/**
 * The worker's heap in use, sampled every `everyMs` until stopped. Playwright
 * cannot open a session on a worker, so this attaches from a browser-wide
 * session and speaks to the worker through Target.sendMessageToTarget; a
 * worker Chrome restarted is found again on the next sample.
 */
export async function sampleWorkerHeap(browser: Browser, everyMs = 1_000) {
  const cdp: CDPSession = await (
    browser.context.browser() as NonNullable<ReturnType<Browser['context']['browser']>>
  ).newBrowserCDPSession();
  let sessionId: string | null = null;
  let nextId = 1;
  const waiting = new Map<number, (result: Record<string, number> | null) => void>();
  cdp.on('Target.receivedMessageFromTarget', (event) => {
    const reply = JSON.parse(event.message) as { id?: number; result?: Record<string, number>; error?: unknown };
    if (reply.id !== undefined) waiting.get(reply.id)?.(reply.error ? null : (reply.result ?? null));
  });
  cdp.on('Target.detachedFromTarget', (event) => {
    if (event.sessionId === sessionId) sessionId = null;
  });
  const attach = async () => {
    const { targetInfos } = await cdp.send('Target.getTargets');
    const worker = targetInfos.find((t) => t.type === 'service_worker' && t.url.includes(browser.extensionId));
    if (!worker) return null;
    return (await cdp.send('Target.attachToTarget', { targetId: worker.targetId, flatten: false })).sessionId;
  };
  const ask = (method: string) =>
    new Promise<Record<string, number> | null>((resolve) => {
      const id = nextId++;
      const timer = setTimeout(() => resolve(null), 2_000);
      waiting.set(id, (result) => {
        clearTimeout(timer);
        waiting.delete(id);
        resolve(result);
      });
      if (!sessionId) return resolve(null);
      cdp.send('Target.sendMessageToTarget', { sessionId, message: JSON.stringify({ id, method }) }).catch(() => {
        sessionId = null;
        resolve(null);
      });
    });
  const samples: number[] = [];
  let stopped = false;
  const loop = (async () => {
    while (!stopped) {
      sessionId ??= await attach().catch(() => null);
      const usage = await ask('Runtime.getHeapUsage');
      if (usage?.usedSize !== undefined) samples.push(usage.usedSize);
      else sessionId = null;
      await new Promise((resolve) => setTimeout(resolve, everyMs));
    }
  })();
  return {
    samples,
    stop: async () => {
      stopped = true;
      await loop;
      await cdp.detach().catch(() => undefined);
      return { peakBytes: Math.max(...samples), medianBytes: percentile(samples, 50), samples: samples.length };
    },
  };
}

/** Chromium's processes for this profile: the browser (named by its user data dir) and all it started. */
function chromiumProcesses(userDataDir: string): number[] {
  const parents = new Map<number, number>();
  const roots: number[] = [];
  for (const name of readdirSync('/proc')) {
    const pid = Number(name);
    if (!Number.isInteger(pid)) continue;
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      parents.set(pid, Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]));
      if (readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes(`--user-data-dir=${userDataDir}`)) roots.push(pid);
    } catch {
      // The process ended while being read.
    }
  }
  const all = new Set(roots);
  for (let grew = true; grew; ) {
    grew = false;
    for (const [pid, parent] of parents)
      if (!all.has(pid) && all.has(parent)) {
        all.add(pid);
        grew = true;
      }
  }
  return [...all];
}

/** Proportional set size of the browser's processes (shared pages split between them), in bytes. */
function browserMemoryBytes(userDataDir: string): number {
  let kb = 0;
  for (const pid of chromiumProcesses(userDataDir)) {
    try {
      const rollup = readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8');
      kb += Number(/^Pss:\s+(\d+)/m.exec(rollup)?.[1] ?? 0);
    } catch {
      // The process ended while being read.
    }
  }
  return kb * 1024;
}

export function sampleBrowserMemory(userDataDir: string, everyMs = 2_000) {
  const samples: number[] = [browserMemoryBytes(userDataDir)];
  const timer = setInterval(() => samples.push(browserMemoryBytes(userDataDir)), everyMs);
  return {
    stop: () => {
      clearInterval(timer);
      return { peakBytes: Math.max(...samples), medianBytes: percentile(samples, 50), samples: samples.length };
    },
  };
}

/**
 * Inside the page for `ms`: a 20 ms timer chain (how late each tick fires),
 * animation frames (the gap between them) and long tasks (over 50 ms). Sent
 * as source text: tsx would wrap a named helper in a __name() the page lacks.
 */
const PROBE = `(ms) => new Promise((resolve) => {
  const late = [], frames = [];
  let longTasks = 0, longTaskMs = 0;
  const observer = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) { longTasks++; longTaskMs += entry.duration; }
  });
  observer.observe({ type: 'longtask' });
  const end = performance.now() + ms;
  let due = performance.now() + 20;
  const tick = () => {
    const now = performance.now();
    late.push(now - due);
    if (now < end) { due = now + 20; setTimeout(tick, 20); }
  };
  setTimeout(tick, 20);
  let last = performance.now();
  const frame = (t) => {
    frames.push(t - last);
    last = t;
    if (t < end) requestAnimationFrame(frame);
    else { observer.disconnect(); resolve({ late, frames, longTasks, longTaskMs }); }
  };
  requestAnimationFrame(frame);
})`;

export interface Responsiveness {
  timerLateMs: { p50: number; p95: number; max: number };
  frameGapMs: { p50: number; p95: number; max: number };
  longTasks: number;
  longTaskMs: number;
  /** Script time (CDP ScriptDuration) of one load of the page, mean of the loads. */
  scriptMsPerLoad: number;
}

/** The admin's own tab, in front: `loads` loads of `url` for script time, then `probeMs` of the probe above. */
export async function tabResponsiveness(
  page: Page,
  cdp: CDPSession,
  url: string,
  ready: (page: Page) => Promise<unknown>,
  { loads = 5, probeMs = 5_000 } = {},
): Promise<Responsiveness> {
  await page.bringToFront();
  const script: number[] = [];
  for (let i = 0; i < loads; i++) {
    await page.goto(url);
    await ready(page);
    await page.waitForTimeout(300);
    const { metrics } = await cdp.send('Performance.getMetrics');
    script.push((metrics.find((m) => m.name === 'ScriptDuration')?.value ?? Number.NaN) * 1000);
  }
  const probe = (await page.evaluate(`(${PROBE})(${probeMs})`)) as {
    late: number[];
    frames: number[];
    longTasks: number;
    longTaskMs: number;
  };
  const spread = (values: number[]) => ({
    p50: round(percentile(values, 50)),
    p95: round(percentile(values, 95)),
    max: round(Math.max(...values)),
  });
  return {
    timerLateMs: spread(probe.late),
    frameGapMs: spread(probe.frames),
    longTasks: probe.longTasks,
    longTaskMs: round(probe.longTaskMs),
    scriptMsPerLoad: round(script.reduce((a, b) => a + b, 0) / script.length, 2),
  };
}
