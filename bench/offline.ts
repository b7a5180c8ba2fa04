// `npm run bench:offline`: the zero-token generator on the bundled example (what `npm run demo` runs)
// and on the vitest-ts fixture with its offline-edge variant, through the bundled CLI with no model key.
// Prints, per module: generation time (the module's generation-started .. generation-finished events),
// changed lines newly covered, lines covered per second, and the statement coverage of the module by
// the generated tests ALONE (Vitest run by hand on just the proposed files), which is what Nessie's
// published figure measures (feedback-directed random testing of npm packages: median 51.3% statement
// coverage per package, shared/ANCHORS.md). Also the median over the modules and the whole run's time.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import libCoverage from 'istanbul-lib-coverage';
import type { RunReport } from '../src/report/types.js';
import { makeFixtureRepo } from '../test/helpers/fixture-repo.js';
import { ensureToolchains } from '../test/helpers/toolchains.js';
import { PROJECT_ROOT } from '../test/helpers/project-root.js';

const NESSIE_MEDIAN_STATEMENTS = 51.3;
/** The bundled CLI; BENCH_CLI points at another copy (e.g. while dist/ is being rebuilt). */
const CLI = process.env.BENCH_CLI ?? join(PROJECT_ROOT, 'dist', 'cli', 'index.js');
const out = (text = ''): void => void process.stdout.write(`${text}\n`);
const pct = (value: number): string => `${value.toFixed(1)}%`;
const median = (values: readonly number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
};

interface Repo {
  readonly dir: string;
  readonly base: string;
}

interface ModuleRow {
  readonly module: string;
  readonly seconds: number;
  readonly newLines: number;
  readonly statementsAlone: number | null;
  readonly cases: number;
}

function runCli(repo: Repo, extra: readonly string[]): { report: RunReport; wallMs: number } {
  const report = join(mkdtempSync(join(tmpdir(), 'testmaster-bench-offline-')), 'r.json');
  const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => !/^(OPENAI_|AZURE_OPENAI_)/.test(name)));
  const started = Date.now();
  execFileSync(process.execPath, [CLI, 'run', '--repo', repo.dir, '--base', repo.base, '--report-json', report, '--report-md', `${report}.md`, ...extra], {
    env,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  return { report: JSON.parse(readFileSync(report, 'utf8')) as RunReport, wallMs: Date.now() - started };
}

/** Statement coverage of each module by the proposed files alone (no existing test runs). */
function coverageAlone(repo: Repo, report: RunReport): Map<string, number> {
  const files = report.proposedFiles ?? [];
  const result = new Map<string, number>();
  if (files.length === 0) return result;
  for (const file of files) writeFileSync(join(repo.dir, file.path), file.content);
  const dir = mkdtempSync(join(tmpdir(), 'testmaster-bench-cov-'));
  execFileSync(process.execPath, [
    'node_modules/vitest/vitest.mjs', 'run', ...files.map((file) => file.path),
    '--coverage.enabled', '--coverage.reporter=json', `--coverage.reportsDirectory=${dir}`, ...files.map((file) => `--coverage.include=${file.forFile}`),
  ], { cwd: repo.dir, stdio: 'ignore' });
  const map = libCoverage.createCoverageMap(JSON.parse(readFileSync(join(dir, 'coverage-final.json'), 'utf8')) as libCoverage.CoverageMapData);
  for (const key of map.files()) {
    const summary = map.fileCoverageFor(key).toSummary();
    const module = files.find((file) => key.endsWith(`/${file.forFile}`))?.forFile;
    if (module) result.set(module, summary.statements.pct);
  }
  rmSync(dir, { recursive: true, force: true });
  return result;
}

function moduleRows(report: RunReport, alone: ReadonlyMap<string, number>): ModuleRow[] {
  const started = new Map<string, number>();
  const rows: ModuleRow[] = [];
  for (const event of report.timeline as readonly { type: string; atMs: number; path?: string }[]) {
    if (event.type === 'generation-started' && event.path) started.set(event.path, event.atMs);
    if (event.type !== 'generation-finished' || !event.path || !started.has(event.path)) continue;
    const file = report.files.find((entry) => entry.path === event.path);
    const open = (patch: { missingLines: readonly number[]; partialLines: readonly number[] } | undefined | null): Set<number> =>
      new Set([...(patch?.missingLines ?? []), ...(patch?.partialLines ?? [])]);
    const before = open(file?.head?.patch);
    const after = open(file?.proposed?.patch);
    rows.push({
      module: event.path,
      seconds: (event.atMs - started.get(event.path)!) / 1000,
      newLines: [...before].filter((line) => !after.has(line)).length,
      statementsAlone: alone.get(event.path) ?? null,
      cases: (report.proposedFiles ?? []).filter((proposed) => proposed.forFile === event.path).reduce((sum, proposed) => sum + proposed.kept.length, 0),
    });
  }
  return rows;
}

function print(label: string, report: RunReport, wallMs: number, rows: readonly ModuleRow[]): number[] {
  out(`## ${label}: whole run ${(wallMs / 1000).toFixed(1)} s (coverage base and head, then generation)`);
  out('| module | generation time | changed lines newly covered | lines/s | kept cases | statements by generated tests alone |');
  out('| --- | ---: | ---: | ---: | ---: | ---: |');
  for (const row of rows) {
    out(`| ${row.module} | ${row.seconds.toFixed(1)} s | ${row.newLines} | ${(row.newLines / Math.max(row.seconds, 0.001)).toFixed(2)} | ${row.cases} | ${row.statementsAlone === null ? 'n/a' : pct(row.statementsAlone)} |`);
  }
  const patch = report.proposedPatch;
  if (patch) out(`patch coverage: ${pct(((report.patch.covered - report.patch.partial) / report.patch.total) * 100)} -> ${pct(((patch.covered - patch.partial) / patch.total) * 100)} with the generated tests, 0 tokens`);
  out();
  return rows.flatMap((row) => (row.statementsAlone === null ? [] : [row.statementsAlone]));
}

async function main(): Promise<void> {
  await ensureToolchains(['vitest5']);
  const scratch = mkdtempSync(join(tmpdir(), 'testmaster-bench-example-'));
  const fixture = await makeFixtureRepo('vitest-ts', { toolchain: 'vitest5', variants: ['offline-edge'] });
  try {
    // Loaded from the source tree (tsc does not copy .mjs files into build/).
    const { makeExampleRepo } = (await import(pathToFileURL(join(PROJECT_ROOT, 'scripts', 'make-example-repo.mjs')).href)) as typeof import('../scripts/make-example-repo.mjs');
    const example = makeExampleRepo(join(scratch, 'pricing'));
    const first = runCli(example, []);
    const exampleRows = moduleRows(first.report, coverageAlone(example, first.report));
    const exampleStatements = print('Bundled example (examples/pricing)', first.report, first.wallMs, exampleRows);
    const edge = runCli(fixture, ['--offline-time-budget-seconds', '60']);
    const edgeStatements = print('vitest-ts fixture + offline-edge', edge.report, edge.wallMs, moduleRows(edge.report, coverageAlone(fixture, edge.report)));
    const exampleMedian = median(exampleStatements);
    out(`Statement coverage of the changed modules by the generated tests alone, median per module: example ${pct(exampleMedian)}, fixture ${pct(median(edgeStatements))}`);
    out(`Nessie (feedback-directed random testing of npm packages), median statement coverage per package: ${pct(NESSIE_MEDIAN_STATEMENTS)}; ratio example/Nessie ${(exampleMedian / NESSIE_MEDIAN_STATEMENTS).toFixed(2)}`);
    const totalSeconds = exampleRows.reduce((sum, row) => sum + row.seconds, 0);
    const totalLines = exampleRows.reduce((sum, row) => sum + row.newLines, 0);
    out(`Example: ${totalLines} changed lines newly covered in ${totalSeconds.toFixed(1)} s of module generation time = ${(totalLines / totalSeconds).toFixed(2)} lines/s (modules run concurrently, so wall time is shorter)`);
  } finally {
    rmSync(scratch, { recursive: true, force: true });
    await fixture.cleanup();
  }
}

await main();
