// `npm run bench:real-prs`: real commits of public projects (bench/real-prs/corpus.json) replayed as pull
// requests without their tests, through the bundled CLI. Per case: the maintainers' commit's parent is
// the base; its non-test changes are the head. TestMaster runs on base..head (zero-token, or with
// --answers DIR a local model server answering from recorded answers); each proposed file is put in the
// head and run 5 times with the project's own runner; then base..commit (the maintainers' tests) is
// measured with --provider none. Prints patch coverage without tests / with the proposed tests / with
// the maintainers' tests, 5-of-5 passes, where the proposed files sit against the maintainers' tests,
// tokens, seconds, and the one-line reason of every module skipped, failed or left without a test.
//
// Needs the corpus fetched (DEVELOPERS.md). Options: --only id,id  --answers DIR  --prompts DIR (writes
// each module's first prompt to DIR/<case id>/<module path>.prompt in model mode)  --cache DIR
// (default $TMPDIR/testmaster-real-prs; checkouts and installs are reused between runs)  --runs N (5)
// --mirrors DIR (/work/.mirror)  -- extra CLI arguments after a lone "--".
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { parseArgs } from 'node:util';
import type { RunReport } from '../src/report/types.js';
import { PROJECT_ROOT } from '../test/helpers/project-root.js';
import { snapshotCli } from './generation-run.js';
import { checkOut, ensureCache, prepareCase, type CaseCheckout } from './real-prs/checkout.js';
import { loadCorpus, type CorpusCase } from './real-prs/corpus.js';
import { formatPatch, frameworksOf, measuredModules, moduleReasons, patchFigure, tokensOf, type PatchFigure } from './real-prs/figures.js';
import { hasAnswers, startRecordedModel, writePrompts } from './real-prs/recorded-answers.js';
import { rerunFile } from './real-prs/rerun.js';
import { runTestMaster, type Generator } from './real-prs/run-testmaster.js';
import { comparePlacement, maintainersTestFor, type Placement } from './real-prs/test-paths.js';

const out = (text = ''): void => void process.stdout.write(`${text}\n`);

interface Options {
  readonly only: readonly string[] | null;
  readonly answers: string | null;
  readonly prompts: string | null;
  readonly cache: string;
  readonly mirrors: string;
  readonly runs: number;
  readonly cliArgs: readonly string[];
}

interface ProposedRow {
  readonly path: string;
  readonly forFile: string;
  readonly kept: number;
  readonly passed: number;
  readonly runs: number;
  readonly failure: string | null;
  readonly placement: Placement;
  readonly placementDetail: string;
}

interface CaseResult {
  readonly entry: CorpusCase;
  readonly mode: string;
  readonly error: string | null;
  readonly framework: string;
  readonly measured: string;
  readonly without: PatchFigure | null;
  readonly proposed: PatchFigure | null;
  readonly maintainers: PatchFigure | null;
  readonly files: readonly ProposedRow[];
  readonly tokens: number;
  readonly seconds: number;
  readonly installSeconds: number;
  readonly theirsSeconds: number;
  readonly reasons: readonly string[];
}

function options(): Options {
  const split = process.argv.indexOf('--');
  const own = split === -1 ? process.argv.slice(2) : process.argv.slice(2, split);
  const { values } = parseArgs({
    args: own,
    options: { only: { type: 'string' }, answers: { type: 'string' }, prompts: { type: 'string' }, cache: { type: 'string' }, mirrors: { type: 'string' }, runs: { type: 'string' } },
  });
  const runs = Number(values.runs ?? '5');
  if (!Number.isInteger(runs) || runs < 1) throw new Error(`--runs must be a positive whole number, got "${values.runs}"`);
  return {
    only: values.only ? values.only.split(',').map((id) => id.trim()) : null,
    answers: values.answers ?? null,
    prompts: values.prompts ?? null,
    cache: values.cache ?? process.env.BENCH_REAL_PRS_CACHE ?? join(tmpdir(), 'testmaster-real-prs'),
    mirrors: values.mirrors ?? process.env.BENCH_MIRRORS ?? '/work/.mirror',
    runs,
    cliArgs: split === -1 ? [] : process.argv.slice(split + 1),
  };
}

/** The JSON reports stay in <cache>/reports/ for a closer look (reasons, timelines, proposed files). */
function keepReport(cache: string, name: string, report: RunReport): void {
  mkdirSync(join(cache, 'reports'), { recursive: true });
  writeFileSync(join(cache, 'reports', `${name}.json`), `${JSON.stringify(report, null, 2)}\n`);
}

function failedCase(entry: CorpusCase, mode: string, error: string, installSeconds = 0): CaseResult {
  return { entry, mode, error, framework: 'n/a', measured: 'n/a', without: null, proposed: null, maintainers: null, files: [], tokens: 0, seconds: 0, installSeconds, theirsSeconds: 0, reasons: [] };
}

/** Puts each proposed file in the head and runs it with the project's runner; leaves the head clean. */
function rerunProposed(checkout: CaseCheckout, report: RunReport, runs: number): ProposedRow[] {
  const rows: ProposedRow[] = [];
  for (const file of report.proposedFiles ?? []) {
    checkOut(checkout.dir, checkout.head);
    const target = join(checkout.dir, file.path);
    mkdirSync(dirname(target), { recursive: true, mode: 0o755 });
    writeFileSync(target, file.content, { mode: 0o644 });
    const packageDir = report.files.find((entry) => entry.path === file.forFile)?.packageDir ?? '';
    const reruns = rerunFile(checkout.dir, packageDir, file.framework, file.path, runs);
    rmSync(target, { force: true });
    const placement = comparePlacement(file.path, maintainersTestFor(file.forFile, checkout.maintainersTests));
    rows.push({ path: file.path, forFile: file.forFile, kept: file.kept.length, ...reruns, placement: placement.placement, placementDetail: placement.detail });
  }
  checkOut(checkout.dir, checkout.head);
  return rows;
}

async function generator(opts: Options, entry: CorpusCase): Promise<{ generator: Generator; mode: string; stop: () => Promise<void> }> {
  if (opts.answers !== null && hasAnswers(opts.answers, entry.id)) {
    const model = await startRecordedModel(opts.answers, entry.id);
    const stop = async (): Promise<void> => {
      if (opts.prompts !== null) writePrompts(opts.prompts, entry.id, model.records);
      await model.stop();
    };
    return { generator: { kind: 'model', baseUrl: model.baseUrl }, mode: 'recorded model', stop };
  }
  return { generator: { kind: 'offline' }, mode: 'zero-token', stop: async () => {} };
}

async function runCase(cli: string, entry: CorpusCase, opts: Options): Promise<CaseResult> {
  let checkout: CaseCheckout;
  try {
    checkout = prepareCase(entry, opts.cache, opts.mirrors);
  } catch (error) {
    return failedCase(entry, 'n/a', (error as Error).message);
  }
  const chosen = await generator(opts, entry);
  let run;
  try {
    run = await runTestMaster(cli, checkout.dir, checkout.base, checkout.head, chosen.generator, opts.cliArgs);
  } finally {
    await chosen.stop();
  }
  if (run.report === null) return failedCase(entry, chosen.mode, run.error ?? 'no report', checkout.installSeconds);
  keepReport(opts.cache, `${entry.id}.${chosen.generator.kind}`, run.report);
  const files = rerunProposed(checkout, run.report, opts.runs);
  checkOut(checkout.dir, checkout.full);
  const theirs = await runTestMaster(cli, checkout.dir, checkout.base, checkout.full, { kind: 'none' }, opts.cliArgs);
  checkOut(checkout.dir, checkout.head);
  if (theirs.report !== null) keepReport(opts.cache, `${entry.id}.maintainers`, theirs.report);
  const measured = measuredModules(run.report);
  const reasons = moduleReasons(run.report);
  if (theirs.report === null) reasons.push(`maintainers' tests not measured: ${theirs.error ?? 'no report'}`);
  return {
    entry,
    mode: chosen.mode,
    error: null,
    framework: frameworksOf(run.report),
    measured: `${measured.measured}/${measured.total}`,
    without: patchFigure(run.report.patch),
    proposed: patchFigure(run.report.proposedPatch ?? run.report.patch),
    maintainers: theirs.report ? patchFigure(theirs.report.patch) : null,
    files,
    tokens: tokensOf(run.report),
    seconds: run.seconds,
    installSeconds: checkout.installSeconds,
    theirsSeconds: theirs.seconds,
    reasons,
  };
}

function fiveOfFive(result: CaseResult): string {
  if (result.files.length === 0) return '-';
  const full = result.files.filter((file) => file.passed === file.runs).length;
  return `${full}/${result.files.length}`;
}

function placementCell(result: CaseResult): string {
  if (result.files.length === 0) return '-';
  return result.files.map((file) => (file.placement === 'same directory' ? 'same dir' : file.placement === 'differs' ? 'differs' : 'no theirs')).join(', ');
}

function printCase(result: CaseResult): void {
  out(`### ${result.entry.id} (${result.entry.repo}@${result.entry.commit.slice(0, 10)}, ${result.mode})`);
  out(`${result.entry.notes}`);
  out(`- install ${result.installSeconds.toFixed(0)} s (0: reused); TestMaster ${result.seconds.toFixed(0)} s; maintainers' tests measured in ${result.theirsSeconds.toFixed(0)} s`);
  if (result.error !== null) {
    out(`- case failed: ${result.error}`);
    out();
    return;
  }
  for (const file of result.files) {
    out(`- proposed ${file.path} for ${file.forFile}: ${file.kept} kept case(s), passes ${file.passed}/${file.runs} runs; placement: ${file.placement} (${file.placementDetail})`);
    if (file.failure !== null) out(`  - last failing run: ${file.failure.slice(0, 600)}`);
  }
  for (const reason of result.reasons) out(`- ${reason}`);
  out();
}

function sum(figures: readonly (PatchFigure | null)[]): PatchFigure {
  return figures.reduce<PatchFigure>((total, figure) => ({ covered: total.covered + (figure?.covered ?? 0), total: total.total + (figure?.total ?? 0) }), { covered: 0, total: 0 });
}

function printTable(results: readonly CaseResult[]): void {
  out('| case | runner | modules measured | without tests | with proposed | with maintainers\' | proposed files 5/5 | placement | tokens | seconds |');
  out('| --- | --- | ---: | ---: | ---: | ---: | ---: | --- | ---: | ---: |');
  for (const result of results) {
    out(`| ${result.entry.id} | ${result.framework} | ${result.measured} | ${formatPatch(result.without)} | ${formatPatch(result.proposed)} | ${formatPatch(result.maintainers)} | ${fiveOfFive(result)} | ${placementCell(result)} | ${result.tokens} | ${result.seconds.toFixed(0)} |`);
  }
  const ran = results.filter((result) => result.error === null);
  const files = ran.flatMap((result) => result.files);
  out(`| total (${ran.length} of ${results.length} cases ran) | | | ${formatPatch(sum(ran.map((r) => r.without)))} | ${formatPatch(sum(ran.map((r) => r.proposed)))} | ${formatPatch(sum(ran.map((r) => r.maintainers)))} | ${files.filter((f) => f.passed === f.runs).length}/${files.length} | ${files.filter((f) => f.placement === 'same directory').length}/${files.length} same dir | ${ran.reduce((t, r) => t + r.tokens, 0)} | ${ran.reduce((t, r) => t + r.seconds, 0).toFixed(0)} |`);
  const open = ran.filter((result) => result.without !== null && result.without.covered < result.without.total);
  const gained = open.filter((result) => (result.proposed?.covered ?? 0) > (result.without?.covered ?? 0));
  out();
  out(`Cases with uncovered changed lines: ${open.length}; gained coverage with the proposed tests: ${gained.length}${gained.length ? ` (${gained.map((r) => r.entry.id).join(', ')})` : ''}.`);
}

async function main(): Promise<void> {
  const opts = options();
  const corpus = loadCorpus(join(PROJECT_ROOT, 'bench', 'real-prs', 'corpus.json'));
  const unknown = (opts.only ?? []).filter((id) => !corpus.some((entry) => entry.id === id));
  if (unknown.length > 0) throw new Error(`--only: no case named ${unknown.join(', ')} in bench/real-prs/corpus.json`);
  const cases = opts.only === null ? corpus : corpus.filter((entry) => opts.only!.includes(entry.id));
  ensureCache(opts.cache);
  const cli = snapshotCli();
  const results: CaseResult[] = [];
  try {
    for (const entry of cases) {
      process.stderr.write(`[real-prs] ${entry.id} ...\n`);
      const result = await runCase(cli.cli, entry, opts);
      printCase(result);
      results.push(result);
    }
  } finally {
    rmSync(cli.dir, { recursive: true, force: true });
  }
  printTable(results);
}

await main();
