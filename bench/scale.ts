// Scale benchmark: a synthetic 2,000-file diff and a 50 MB coverage-final.json processed end to end by
// TestMaster's own stages (diff, scope, coverage normalisation, per-file metrics, markdown and JSON
// report) — everything but the test runner. Goal: under 5 s and under 1 GiB peak memory.
// Run with `npm run bench` (compiled to build/ first).
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync, createWriteStream, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sumPatch } from '../src/coverage/file-metrics.js';
import { buildFileReports } from '../src/pipeline/build-file-reports.js';
import type { SideCoverage } from '../src/pipeline/module-plan.js';
import type { PackageInfo } from '../src/runners/types.js';
import { normalizeCoverageMap } from '../src/coverage/normalize-coverage.js';
import { computeDiff } from '../src/diff/compute-diff.js';
import { toJsonReport } from '../src/report/json-report.js';
import { renderMarkdown } from '../src/report/render-markdown.js';
import type { RunReport } from '../src/report/types.js';
import { selectModules } from '../src/scope/select-modules.js';

const FILES = Number(process.env.BENCH_FILES ?? 2000);
const TARGET_BYTES = Number(process.env.BENCH_COVERAGE_MB ?? 50) * 1024 * 1024;

const repo = mkdtempSync(join(tmpdir(), 'testmaster-scale-'));
const git = (...args: string[]): string => execFileSync('git', ['-c', 'core.hooksPath=/dev/null', '-c', 'user.name=b', '-c', 'user.email=b@b', ...args], { cwd: repo, maxBuffer: 1 << 30 }).toString().trim();

function moduleSource(i: number, head: boolean): string {
  const lines = [`export function f${i}(x: number): number {`];
  for (let k = 0; k < 20; k += 1) lines.push(`  if (x > ${k}) x += ${k};`);
  if (head) for (let k = 0; k < 10; k += 1) lines.push(`  if (x < -${k}) x -= ${k};`);
  lines.push('  return x;', '}', '');
  return lines.join('\n');
}

/** One Istanbul entry with `statements` statements (and as many branches), some hit. */
function coverageEntry(path: string, statements: number): object {
  const statementMap: Record<number, object> = {};
  const s: Record<number, number> = {};
  const branchMap: Record<number, object> = {};
  const b: Record<number, number[]> = {};
  for (let k = 0; k < statements; k += 1) {
    const line = (k % 31) + 2;
    statementMap[k] = { start: { line, column: 2 }, end: { line, column: 30 } };
    s[k] = k % 3 === 0 ? 0 : k;
    branchMap[k] = { loc: { start: { line, column: 2 }, end: { line, column: 30 } }, type: 'if', locations: [{ start: { line, column: 2 }, end: { line, column: 30 } }, { start: { line, column: 2 }, end: { line, column: 30 } }], line };
    b[k] = [k % 2, 1];
  }
  return { path, statementMap, fnMap: { 0: { name: 'f', decl: { start: { line: 1, column: 0 }, end: { line: 1, column: 10 } }, loc: { start: { line: 1, column: 0 }, end: { line: 33, column: 1 } }, line: 1 } }, branchMap, s, f: { 0: 1 }, b };
}

try {
  mkdirSync(join(repo, 'src'));
  for (let i = 0; i < FILES; i += 1) writeFileSync(join(repo, 'src', `m${i}.ts`), moduleSource(i, false));
  git('init', '--quiet', '--initial-branch=main');
  git('add', '-A');
  git('commit', '--quiet', '-m', 'base');
  for (let i = 0; i < FILES; i += 1) writeFileSync(join(repo, 'src', `m${i}.ts`), moduleSource(i, true));
  git('commit', '--quiet', '-am', 'head');

  // A coverage-final.json of about TARGET_BYTES, streamed to disk like a runner writes it.
  const coverageFile = join(repo, 'coverage-final.json');
  // Statements per entry so that the file comes out at the target size.
  const bytesPerStatement = JSON.stringify(coverageEntry('x', 200)).length / 200;
  const perFile = Math.max(10, Math.round(TARGET_BYTES / FILES / bytesPerStatement));
  await new Promise<void>((resolve, reject) => {
    const out = createWriteStream(coverageFile);
    out.on('error', reject);
    out.write('{');
    for (let i = 0; i < FILES; i += 1) {
      const path = join(repo, 'src', `m${i}.ts`);
      out.write(`${i ? ',' : ''}${JSON.stringify(path)}:${JSON.stringify(coverageEntry(path, perFile))}`);
    }
    out.end('}', () => resolve());
  });
  const coverageBytes = statSync(coverageFile).size;

  const started = performance.now();
  const diff = await computeDiff(repo, 'main~1', 'main');
  const afterDiff = performance.now();
  const selection = selectModules(diff.files);
  const raw = JSON.parse(await readFile(coverageFile, 'utf8'));
  const { map } = normalizeCoverageMap(raw, { repoRoot: repo, runnerCwd: repo });
  const afterCoverage = performance.now();
  const pkg: PackageInfo = { relDir: '', name: 'scale', framework: 'vitest', frameworkVersion: '5', runnerEntry: null, packageManager: 'npm', moduleType: 'module' };
  const coverage: SideCoverage = { files: new Map(Object.entries(map)), failures: new Map(), testsByPackage: new Map(), failedCasesByPackage: new Map() };
  const files = buildFileReports(selection.selected.map((file) => ({ file, pkg })), coverage, coverage);
  const patch = sumPatch(files.flatMap((f) => (f.head ? [f.head.patch] : [])));
  const report: RunReport = { schemaVersion: 1, tool: { name: 'testmaster', version: 'bench' }, base: diff.base, head: diff.head, baseRef: 'main~1', headRef: 'main', baseSource: 'file', provider: 'none', startedAt: new Date().toISOString(), finishedAt: new Date().toISOString(), durationMs: 0, patch, files, skipped: diff.skipped, timeline: [] };
  const markdown = renderMarkdown(report);
  const json = toJsonReport(report);
  const finished = performance.now();

  const seconds = (finished - started) / 1000;
  const peakMiB = process.resourceUsage().maxRSS / 1024;
  const line = (label: string, value: string): unknown => process.stdout.write(`${label.padEnd(38)} ${value}\n`);
  process.stdout.write('Scale benchmark (2,000-file diff + 50 MB coverage-final.json, no runner)\n');
  line('changed files / selected modules', `${diff.files.length} / ${selection.selected.length}`);
  line('coverage-final.json size', `${(coverageBytes / 1024 / 1024).toFixed(1)} MB`);
  line('diff stage', `${((afterDiff - started) / 1000).toFixed(2)} s`);
  line('coverage read + normalise', `${((afterCoverage - afterDiff) / 1000).toFixed(2)} s`);
  line('metrics + reports', `${((finished - afterCoverage) / 1000).toFixed(2)} s (markdown ${markdown.length} chars, JSON ${(json.length / 1024 / 1024).toFixed(1)} MB)`);
  line('total', `${seconds.toFixed(2)} s (goal < 5 s: ${seconds < 5 ? 'met' : 'NOT met'}; ratio to goal ${(seconds / 5).toFixed(2)})`);
  line('peak memory (max RSS)', `${peakMiB.toFixed(0)} MiB (goal < 1024 MiB: ${peakMiB < 1024 ? 'met' : 'NOT met'}; ratio ${(peakMiB / 1024).toFixed(2)})`);
} finally {
  rmSync(repo, { recursive: true, force: true });
}
