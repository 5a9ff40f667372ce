/**
 * No import circle, in the extension (`src/`) or in the sandbox org (`test/sandbox/`): a module a
 * reader opens leads down, never back to itself. Every relative import counts: static imports and
 * re-exports, dynamic `import('…')`, and type-only imports (the circles this code once had were of
 * types: a view type kept with the wire schemas that import it).
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, posix, relative } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

/** Every .ts/.tsx file under a folder, by its path relative to it (with `/`), and its text. */
function sources(root: string): Map<string, string> {
  const files = new Map<string, string>();
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (/\.tsx?$/.test(name) && !name.endsWith('.d.ts'))
        files.set(relative(root, path).split('\\').join('/'), readFileSync(path, 'utf8'));
    }
  };
  if (existsSync(root)) walk(root);
  return files;
}

/** The file a relative import names, among the known files; null for one outside them (CSS, JSON, another folder). */
function resolve(from: string, specifier: string, files: ReadonlyMap<string, string>): string | null {
  const base = posix.normalize(posix.join(posix.dirname(from), specifier.replace(/\?.*$/, '')));
  const stem = base.replace(/\.(js|jsx|ts|tsx)$/, '');
  const candidates = [base, `${stem}.ts`, `${stem}.tsx`, `${base}/index.ts`, `${base}/index.tsx`];
  return candidates.find((path) => files.has(path)) ?? null;
}

/** Each file's relative imports of the other files, as `ts.preProcessFile` finds them. */
function importGraph(files: ReadonlyMap<string, string>): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  for (const [file, text] of files) {
    const imported = ts
      .preProcessFile(text, true, true)
      .importedFiles.map((entry) => entry.fileName)
      .filter((specifier) => specifier.startsWith('./') || specifier.startsWith('../'))
      .map((specifier) => resolve(file, specifier, files))
      .filter((path): path is string => path !== null);
    graph.set(file, [...new Set(imported)].sort());
  }
  return graph;
}

/** The strongly connected components of more than one file, or of a file importing itself (Tarjan). */
function circledComponents(graph: ReadonlyMap<string, string[]>): string[][] {
  let next = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const components: string[][] = [];
  const visit = (file: string) => {
    index.set(file, next);
    low.set(file, next++);
    stack.push(file);
    onStack.add(file);
    for (const to of graph.get(file) ?? []) {
      if (!index.has(to)) {
        visit(to);
        low.set(file, Math.min(low.get(file) as number, low.get(to) as number));
      } else if (onStack.has(to)) low.set(file, Math.min(low.get(file) as number, index.get(to) as number));
    }
    if (low.get(file) !== index.get(file)) return;
    const component: string[] = [];
    let member: string | undefined;
    do {
      member = stack.pop() as string;
      onStack.delete(member);
      component.push(member);
    } while (member !== file);
    if (component.length > 1 || graph.get(file)?.includes(file)) components.push(component.sort());
  };
  for (const file of [...graph.keys()].sort()) if (!index.has(file)) visit(file);
  return components;
}

/** The shortest way from a file back to itself, inside its component (breadth first). */
function shortestCircle(graph: ReadonlyMap<string, string[]>, start: string, within: ReadonlySet<string>): string[] {
  const cameFrom = new Map<string, string>();
  const queue = [start];
  while (queue.length) {
    const file = queue.shift() as string;
    for (const to of graph.get(file) ?? []) {
      if (!within.has(to)) continue;
      if (to === start) {
        const path = [file];
        while (path[0] !== start) path.unshift(cameFrom.get(path[0] as string) as string);
        return [...path, start];
      }
      if (!cameFrom.has(to)) {
        cameFrom.set(to, file);
        queue.push(to);
      }
    }
  }
  return [start, start];
}

/**
 * Every import circle, as `a.ts → b.ts → a.ts`: for each file on a circle, the shortest circle
 * through it (each circle once, starting at its first file by name).
 */
function importCircles(files: ReadonlyMap<string, string>): string[] {
  const graph = importGraph(files);
  const circles = new Set<string>();
  for (const component of circledComponents(graph)) {
    const within = new Set(component);
    for (const file of component) {
      const circle = shortestCircle(graph, file, within).slice(0, -1);
      const first = circle.indexOf([...circle].sort()[0] as string);
      const turned = [...circle.slice(first), ...circle.slice(0, first)];
      circles.add([...turned, turned[0]].join(' → '));
    }
  }
  return [...circles].sort();
}

const here = dirname(new URL(import.meta.url).pathname);
const repository = join(here, '../../..');

describe('import circles', () => {
  it('are found through every kind of relative import, type-only and dynamic ones included', () => {
    const files = new Map([
      ['core/messages.ts', "import type { JobView } from './job';\nexport type Message = JobView;"],
      ['core/job.ts', "export type { Message } from './messages';\nexport interface JobView {}"],
      ['content/boot.ts', "let overlay = null;\noverlay ??= import('./overlay');"],
      ['content/overlay.tsx', "import { started } from './boot.ts';\nimport './overlay.css';"],
      ['options/main.tsx', "import { CheckOrg } from './CheckOrg';\nimport { h } from 'preact';"],
      ['options/CheckOrg.tsx', "import { h } from 'preact';\nimport { words } from '../core/job';"],
      ['store/index.ts', "import { token } from '../oauth';"],
      ['oauth.ts', "import { read } from './store';\nimport { accessToken } from './oauth';"],
    ]);
    expect(importCircles(files)).toEqual([
      'content/boot.ts → content/overlay.tsx → content/boot.ts',
      'core/job.ts → core/messages.ts → core/job.ts',
      'oauth.ts → oauth.ts',
      'oauth.ts → store/index.ts → oauth.ts',
    ]);
  });

  it('are none in the extension (src/)', () => {
    const files = sources(join(repository, 'src'));
    expect(files.size).toBeGreaterThan(50);
    expect(importCircles(files)).toEqual([]);
  });

  it('are none in the sandbox org (test/sandbox/)', () => {
    const files = sources(join(repository, 'test/sandbox'));
    expect(files.size).toBeGreaterThan(20);
    expect(importCircles(files)).toEqual([]);
  });
});
