/**
 * Pure. V8 block coverage as older runners turn it into Istanbul data (Vitest up to 3 without AST
 * remapping, Jest's v8 provider) maps a block as a branch only while its count differs from the range
 * around it: a block that ran as often as its parent is simply absent, and one that did not run is a
 * branch with 0 hits. So when one run maps a branch with 0 hits and another run does not map it at all
 * although that run covered the branch's line, the other run took it: `fillUnmappedBranches` adds it to
 * that run's data with the line's hits, so that merges and comparisons see the branch taken. Istanbul's
 * own instrumentation maps every branch in every run, so there this changes nothing.
 */
import libCoverage from 'istanbul-lib-coverage';
import type { FileCoverageData } from 'istanbul-lib-coverage';

/** A branch's identity across runs: where it starts, its type and how many outcomes it has. */
export function branchKey(data: FileCoverageData, id: string): string {
  const branch = data.branchMap[id];
  const start = branch?.loc?.start ?? branch?.locations?.[0]?.start;
  const where = start ? `${start.line}:${start.column}` : `id${id}`;
  return `${where}:${branch?.type ?? ''}:${data.b[id]?.length ?? 0}`;
}

/** `data` with every branch that one of `others` maps at 0 hits, and `data` does not map on a line it covered, added as taken. */
export function fillUnmappedBranches(data: FileCoverageData, others: readonly FileCoverageData[]): FileCoverageData {
  const own = new Set(Object.keys(data.b).map((id) => branchKey(data, id)));
  let lineHits: Record<string, number> | null = null;
  const branchMap = { ...data.branchMap };
  const b: Record<string, number[]> = { ...data.b };
  let next = Object.keys(b).reduce((max, id) => Math.max(max, (Number(id) || 0) + 1), 0);
  let added = false;
  for (const other of others) {
    for (const [id, counts] of Object.entries(other.b)) {
      const key = branchKey(other, id);
      const branch = other.branchMap[id];
      if (own.has(key) || branch === undefined || counts.some((count) => count > 0)) continue;
      const line = branch.loc?.start?.line ?? branch.locations?.[0]?.start?.line;
      if (line === undefined) continue;
      lineHits ??= libCoverage.createFileCoverage({ ...data, path: data.path || '(unnamed)' }).getLineCoverage() as Record<string, number>;
      const hits = lineHits[String(line)] ?? 0;
      if (hits <= 0) continue;
      own.add(key);
      branchMap[String(next)] = branch;
      b[String(next)] = counts.map(() => hits);
      next += 1;
      added = true;
    }
  }
  return added ? { ...data, branchMap, b } : data;
}
