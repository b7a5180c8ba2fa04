/**
 * Independent expectations for end-to-end tests: figures computed straight from a runner's own
 * coverage-final.json (read with istanbul-lib-coverage) and from `git diff` read with a minimal hunk
 * reader of its own. Shares no code with src/ on purpose.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, realpathSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import libCoverage from 'istanbul-lib-coverage';

export interface ExpectedFile {
  lines: { covered: number; total: number };
  statements: { covered: number; total: number };
  functions: { covered: number; total: number };
  branches: { covered: number; total: number };
  patch: { covered: number; total: number; partial: number; missingLines: number[] };
}

/** Added line numbers (new side) per file, from `git diff -U0 base head`. */
export function changedLinesFromGit(repo: string, base: string, head: string): Map<string, number[]> {
  const text = execFileSync('git', ['-c', 'core.quotePath=false', 'diff', '-U0', '--no-color', '-M', `${base}`, `${head}`], {
    cwd: repo,
    maxBuffer: 1 << 30,
  }).toString('utf8');
  const result = new Map<string, number[]>();
  let current: number[] | null = null;
  let next = 0;
  for (const line of text.split('\n')) {
    if (line.startsWith('+++ ')) {
      const path = line.slice(4);
      current = path === '/dev/null' ? null : [];
      if (current) result.set(path.replace(/^b\//, ''), current);
      continue;
    }
    const hunk = /^@@ -\d+(?:,\d+)? \+(\d+)(?:,\d+)? @@/.exec(line);
    if (hunk) {
      next = Number(hunk[1]);
      continue;
    }
    if (current && line.startsWith('+')) current.push(next++);
  }
  return result;
}

/** Reads a coverage-final.json and returns a map keyed by repository-relative POSIX path. */
export function readCoverageFinal(file: string, repo: string): Map<string, libCoverage.FileCoverage> {
  const raw = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
  const root = realpathSync(repo);
  const map = new Map<string, libCoverage.FileCoverage>();
  for (const [key, value] of Object.entries(raw)) {
    const data = (value as { data?: unknown }).data ?? value;
    const rel = relative(root, realpathSync(key)).split(sep).join('/');
    map.set(rel, libCoverage.createFileCoverage(data as libCoverage.FileCoverageData));
  }
  return map;
}

export function expectedFor(coverage: libCoverage.FileCoverage, changed: readonly number[]): ExpectedFile {
  const summary = coverage.toSummary();
  const lineHits = coverage.getLineCoverage() as Record<string, number>;
  const data = coverage.data;
  const partialStarts = new Set<number>();
  for (const [id, branch] of Object.entries(data.branchMap)) {
    const counts = data.b[id] ?? [];
    const start = branch.loc?.start.line ?? branch.locations?.[0]?.start.line;
    if (start !== undefined && counts.some((n) => n === 0)) partialStarts.add(start);
  }
  let covered = 0;
  let total = 0;
  let partial = 0;
  const missingLines: number[] = [];
  for (const line of changed) {
    const hits = lineHits[String(line)];
    if (hits === undefined) continue;
    total += 1;
    if (hits > 0) {
      covered += 1;
      if (partialStarts.has(line)) partial += 1;
    } else {
      missingLines.push(line);
    }
  }
  const pick = (m: { covered: number; total: number }) => ({ covered: m.covered, total: m.total });
  return {
    lines: pick(summary.lines),
    statements: pick(summary.statements),
    functions: pick(summary.functions),
    branches: pick(summary.branches),
    patch: { covered, total, partial, missingLines },
  };
}

export function coverageFinalPath(dir: string): string {
  return join(dir, 'coverage', 'coverage-final.json');
}
