import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, normalize } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * No module reaches itself through its imports (two modules importing each other is the shortest
 * such loop). A loop hides which of two files is the lower layer, and made refresh.ts and
 * scheduler.ts impossible to test apart. Type-only imports count: they tie the files together
 * just the same for a reader.
 */

const ROOTS = ['lib', 'components', 'entrypoints'];
const IMPORT = /(?:from|import)\s*['"]([^'"]+)['"]/g;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(entry.name) ? [path] : [];
  });
}

function resolveImport(from: string, spec: string): string | undefined {
  let base: string;
  if (spec.startsWith('@/')) base = spec.slice(2);
  else if (spec.startsWith('.')) base = join(dirname(from), spec);
  else return undefined;
  const found = ['.ts', '.tsx', '/index.ts', '/index.tsx'].find((ext) => existsSync(base + ext));
  return found === undefined ? undefined : normalize(base + found);
}

function importGraph(files: readonly string[]): Map<string, string[]> {
  return new Map(
    files.map((file) => {
      const text = readFileSync(file, 'utf8');
      const targets = [...text.matchAll(IMPORT)]
        .map((match) => resolveImport(file, match[1] ?? ''))
        .filter((target): target is string => target !== undefined);
      return [normalize(file), [...new Set(targets)]];
    }),
  );
}

/** Every loop, as the modules on it, found by a depth-first walk that keeps its current path. */
function importLoops(graph: ReadonlyMap<string, readonly string[]>): string[][] {
  const loops: string[][] = [];
  const done = new Set<string>();
  const path: string[] = [];
  const onPath = new Set<string>();
  const visit = (file: string): void => {
    path.push(file);
    onPath.add(file);
    for (const next of graph.get(file) ?? []) {
      if (onPath.has(next)) loops.push([...path.slice(path.indexOf(next)), next]);
      else if (!done.has(next) && graph.has(next)) visit(next);
    }
    path.pop();
    onPath.delete(file);
    done.add(file);
  };
  for (const file of graph.keys()) if (!done.has(file)) visit(file);
  return loops;
}

describe('imports', () => {
  it('form no loop in lib/, components/ or entrypoints/', () => {
    const graph = importGraph(ROOTS.flatMap(sourceFiles));
    expect(graph.size).toBeGreaterThan(50);
    expect(importLoops(graph).map((loop) => loop.join(' -> '))).toEqual([]);
  });

  it('are read well enough to see a loop (the check itself)', () => {
    const graph = new Map([
      ['lib/engine/refresh.ts', ['lib/engine/scheduler.ts', 'lib/state.ts']],
      ['lib/engine/scheduler.ts', ['lib/engine/refresh.ts']],
      ['lib/state.ts', []],
    ]);
    expect(importLoops(graph)).toEqual([
      ['lib/engine/refresh.ts', 'lib/engine/scheduler.ts', 'lib/engine/refresh.ts'],
    ]);
  });
});
