/**
 * Import structure checks that lint cannot express without another plugin (eslint-plugin-import-x's
 * no-cycle, which would also need a TypeScript resolver): no import cycle among src/ modules. Like
 * no-cycle, `import type` is not an edge (erased at build, it cannot deadlock module loading), nor
 * is the lazy `import()` of CLI subcommands. The graph is checked to be really read (a broken
 * pattern would find no edges and pass vacuously).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sources(join(dir, e.name)) : e.name.endsWith('.ts') && !e.name.endsWith('.test.ts') ? [resolve(dir, e.name)] : [],
  );
}

/** Static value `import … from './x.js'` and `export … from './x.js'` edges between src/ files. */
export function importGraph(root: string): Map<string, string[]> {
  const files = sources(root);
  const known = new Set(files);
  const graph = new Map<string, string[]>();
  for (const file of files) {
    const text = readFileSync(file, 'utf8');
    const deps = [...text.matchAll(/^(?:import|export)\s(?!type\s)[^;]*?\sfrom\s+'(\.[^']+)\.js';/gms)].map((m) => resolve(dirname(file), `${m[1]}.ts`));
    graph.set(file, deps.filter((d) => known.has(d)));
  }
  return graph;
}

export function cycles(graph: Map<string, string[]>): string[][] {
  const found: string[][] = [];
  const done = new Set<string>();
  const path: string[] = [];
  const onPath = new Set<string>();
  const visit = (node: string): void => {
    done.add(node);
    onPath.add(node);
    path.push(node);
    for (const dep of graph.get(node) ?? []) {
      if (onPath.has(dep)) found.push([...path.slice(path.indexOf(dep)), dep]);
      else if (!done.has(dep)) visit(dep);
    }
    path.pop();
    onPath.delete(node);
  };
  for (const node of graph.keys()) if (!done.has(node)) visit(node);
  return found;
}

describe('src/ import graph', () => {
  const graph = importGraph('src');

  it('is read: hundreds of edges, main.ts importing app.ts', () => {
    expect([...graph.values()].reduce((n, deps) => n + deps.length, 0)).toBeGreaterThan(200);
    expect(graph.get(resolve('src/main.ts'))).toContain(resolve('src/app.ts'));
  });

  it('has no import cycle', () => {
    expect(cycles(graph).map((c) => c.map((f) => relative('src', f)).join(' -> '))).toEqual([]);
  });

  it('finds a cycle when there is one (the check itself works)', () => {
    const a = resolve('a.ts');
    const b = resolve('b.ts');
    expect(cycles(new Map([[a, [b]], [b, [a]]]))).toHaveLength(1);
  });
});
