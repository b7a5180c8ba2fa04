/**
 * Pure: V8 block coverage read across runs. V8 (Vitest's v8 provider, Jest's `coverageProvider: 'v8'`,
 * through v8-to-istanbul: branches of type `branch`, one location each) reports a block only where its
 * count differs from the range around it. A block that ran exactly as often as its enclosing block or
 * function is left out of that run's data. So the existing tests' run shows `: s0` of
 * `s0.endsWith("/") ? s0.slice(0, -1) : s0` as a block with count 0, and a case that takes that side
 * every time the function runs reports no such block at all: read naively, the case took nothing new
 * (ufo's withoutTrailingSlash: twelve passing cases dropped as "adds no coverage").
 *
 * withInferredBlocks gives one run's data every V8 block the other runs name, counted as the innermost
 * enclosing block or function of that run counts; compared or merged after that, runs agree on what
 * ran. Data without V8 blocks (Istanbul's instrumentation) is returned unchanged.
 */
import type { FileCoverageData } from 'istanbul-lib-coverage';

interface Position {
  readonly line: number;
  readonly column: number;
}

interface Range {
  readonly start: Position;
  readonly end: Position;
}

interface V8Block {
  readonly range: Range;
  readonly count: number;
}

const key = (range: Range): string => `${range.start.line}:${range.start.column}-${range.end.line}:${range.end.column}`;
const before = (a: Position, b: Position): boolean => a.line < b.line || (a.line === b.line && a.column <= b.column);
const contains = (outer: Range, inner: Range): boolean => before(outer.start, inner.start) && before(inner.end, outer.end);
const size = (range: Range): number => (range.end.line - range.start.line) * 1e6 + (range.end.column - range.start.column);

/** The V8 blocks of a run's data: branches of type `branch` with one location. */
export function v8Blocks(data: FileCoverageData): V8Block[] {
  const blocks: V8Block[] = [];
  for (const [id, branch] of Object.entries(data.branchMap ?? {})) {
    const range = (branch.locations?.[0] ?? branch.loc) as Range | undefined;
    if (branch.type !== 'branch' || branch.locations?.length !== 1 || range === undefined) continue;
    blocks.push({ range, count: data.b[id]?.[0] ?? 0 });
  }
  return blocks;
}

/** The count of the innermost block, else function, of `data` enclosing `range`; null when none does. */
function enclosingCount(data: FileCoverageData, blocks: readonly V8Block[], range: Range): number | null {
  let best: { size: number; count: number } | null = null;
  const consider = (outer: Range, count: number): void => {
    if (!contains(outer, range) || key(outer) === key(range)) return;
    const outerSize = size(outer);
    if (best === null || outerSize < best.size) best = { size: outerSize, count };
  };
  for (const block of blocks) consider(block.range, block.count);
  if (best !== null) return (best as { count: number }).count;
  for (const [id, fn] of Object.entries(data.fnMap ?? {})) {
    if (fn.loc) consider(fn.loc as Range, data.f[id] ?? 0);
  }
  return best === null ? null : (best as { count: number }).count;
}

export function withInferredBlocks(data: FileCoverageData, others: readonly FileCoverageData[]): FileCoverageData {
  const own = v8Blocks(data);
  const known = new Set(own.map((block) => key(block.range)));
  const missing = new Map<string, Range>();
  for (const other of others) {
    for (const block of v8Blocks(other)) if (!known.has(key(block.range))) missing.set(key(block.range), block.range);
  }
  if (missing.size === 0) return data;
  const branchMap = { ...data.branchMap };
  const b = { ...data.b };
  let next = Object.keys(branchMap).reduce((max, id) => Math.max(max, Number(id) + 1 || 0), 0);
  for (const range of missing.values()) {
    const count = enclosingCount(data, own, range);
    if (count === null) continue;
    const id = String(next++);
    branchMap[id] = { type: 'branch', line: range.start.line, loc: range, locations: [range] } as unknown as (typeof branchMap)[string];
    b[id] = [count];
  }
  return { ...data, branchMap, b };
}

/** Each run's data with the V8 blocks of all the others inferred (see withInferredBlocks). */
export function alignV8Blocks(list: readonly FileCoverageData[]): FileCoverageData[] {
  if (list.length < 2 || list.every((data) => v8Blocks(data).length === 0)) return [...list];
  return list.map((data, index) => withInferredBlocks(data, list.filter((_, other) => other !== index)));
}
