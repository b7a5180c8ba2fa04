// `npm run bench:generation`: prints TestMaster's generation figures, all through the bundled CLI
// (real git, real Vitest/Jest, the real openai SDK) against a local scripted model server
// (bench/scripted-model.ts, built on test/helpers/model-server.ts).
//  1. Concurrency: a generated Vitest project with 20 changed, uncovered modules and a model that
//     answers each request after 1 s with a correct test file for the module named in the prompt;
//     wall time at --concurrency 1 and 4, the speed-up (goal >= 3x), the model calls, and where the
//     time went (model waiting vs validation in test-runner processes, CPU use).
//  2. Prompt tokens per module, ours (the report's generation.promptTokens) vs a naive prompt (the
//     whole module and the whole existing test, bench/naive-prompt.ts) on the vitest-ts and jest-js
//     fixtures (toy modules of 20-60 lines) and vitest-orders (a module of typical size, 258 lines,
//     with a 164-line test), overall and split by module size (goal: at least 30% fewer).
//  3. Tokens per kept test case, from each run's budget and proposed files.
// Knobs (environment): BENCH_GEN_MODULES (20), BENCH_GEN_LATENCY_MS (1000), BENCH_GEN_RERUNS (1),
// BENCH_GEN_SKIP_CONCURRENCY=1 (parts 2 and 3 only), BENCH_GEN_DUMP_PROMPTS=<dir> (each fixture
// module's messages as sent, one text file per module, for reading the prompt).
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { countTextTokens } from '../src/budget/count-tokens.js';
import { answerJsonSchema } from '../src/generation/answer/answer-schema.js';
import { systemMessage } from '../src/generation/prompt/templates/current.js';
import type { RunReport } from '../src/report/types.js';
import { makeFixtureRepo } from '../test/helpers/fixture-repo.js';
import { ensureToolchains, type ToolchainName } from '../test/helpers/toolchains.js';
import { fixtureAnswer } from './fixture-answers.js';
import { keptCounts, MODEL, runGeneration, snapshotCli, type MeasuredRun } from './generation-run.js';
import { correctTestFile, makeManyModulesRepo } from './many-modules-repo.js';
import { naivePromptTokens, styleExampleIn } from './naive-prompt.js';
import { sectionTokens } from './prompt-sections.js';
import { startScriptedModel, type ModelRequestRecord } from './scripted-model.js';

const MODULES = Number(process.env.BENCH_GEN_MODULES ?? 20);
const LATENCY_MS = Number(process.env.BENCH_GEN_LATENCY_MS ?? 1000);
const RERUNS = Number(process.env.BENCH_GEN_RERUNS ?? 1);
const CONCURRENCIES = [1, 4] as const;
const SKIP_CONCURRENCY = process.env.BENCH_GEN_SKIP_CONCURRENCY === '1';
const DUMP_DIR = process.env.BENCH_GEN_DUMP_PROMPTS;
const FIXTURES: readonly [string, ToolchainName][] = [['vitest-ts', 'vitest5'], ['jest-js', 'jest30'], ['vitest-orders', 'vitest5']];
const CORES = availableParallelism();
/** Where the prompt figures are split: the toy fixture modules are under it, a typical module is over. */
const TYPICAL_MODULE_LINES = 100;

const out = (text = ''): void => void process.stdout.write(`${text}\n`);
const seconds = (ms: number): string => `${(ms / 1000).toFixed(1)} s`;
const fewer = (ours: number, naive: number): string => (ours <= naive ? `${((1 - ours / naive) * 100).toFixed(0)}% fewer` : `${((ours / naive - 1) * 100).toFixed(0)}% more`);
const sum = (values: Iterable<number>): number => [...values].reduce((total, value) => total + value, 0);

interface LabelledRun {
  readonly label: string;
  readonly run: MeasuredRun;
  readonly records: readonly ModelRequestRecord[];
  readonly prompts: readonly PromptRow[];
}

interface PromptRow {
  readonly path: string;
  readonly ours: number;
  readonly naive: number;
  /** Tokens of the module's text and of the existing test's text alone, as the naive prompt has them. */
  readonly moduleText: number;
  readonly testText: number;
  readonly moduleLines: number;
}

/** Our prompt's tokens (from the report) next to the naive prompt's, per generated module; read while the repository exists. */
function promptRows(repoDir: string, report: RunReport, records: readonly ModelRequestRecord[]): PromptRow[] {
  const rows: PromptRow[] = [];
  for (const file of report.files) {
    const ours = file.generation?.promptTokens;
    if (ours === null || ours === undefined) continue;
    const prompt = records.find((record) => record.module === file.path)?.userPrompt ?? '';
    const testPath = file.relatedTests[0] ?? styleExampleIn(prompt);
    const existing = testPath === null ? null : { path: testPath, content: readFileSync(join(repoDir, testPath), 'utf8') };
    const source = readFileSync(join(repoDir, file.path), 'utf8');
    rows.push({
      path: file.path,
      ours,
      naive: naivePromptTokens(MODEL, file.path, source, existing),
      moduleText: countTextTokens(source, MODEL),
      testText: existing === null ? 0 : countTextTokens(existing.content, MODEL),
      moduleLines: source.split('\n').length,
    });
  }
  return rows;
}

/** Most model requests in flight at once, from the server's arrival and answer times. */
function peakInFlight(records: readonly ModelRequestRecord[]): number {
  const edges = records.flatMap((record) => [[record.arrivedAtMs, 1], [record.answeredAtMs, -1]] as const).sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  let current = 0;
  let peak = 0;
  for (const [, step] of edges) {
    current += step;
    peak = Math.max(peak, current);
  }
  return peak;
}

const modelWaitMs = (records: readonly ModelRequestRecord[]): number => sum(records.map((record) => record.answeredAtMs - record.arrivedAtMs));
/** Module time not spent waiting for the model: validation in runner processes (the CLI's own work is a few percent of it). */
const validationMs = ({ run, records }: LabelledRun): number => sum(run.moduleMs.values()) - modelWaitMs(records);

function printConcurrency(concurrencyRuns: readonly LabelledRun[]): void {
  for (const [index, { run, records }] of concurrencyRuns.entries()) {
    const coverageMs = (run.phaseMs.get('head-coverage') ?? 0) + (run.phaseMs.get('base-coverage') ?? 0);
    const keptModules = run.report.files.filter((file) => file.generation?.outcome === 'kept').length;
    const cpu = run.cpuMs === null ? 'CPU n/a' : `CPU ${seconds(run.cpuMs)}`;
    out(
      `   --concurrency ${CONCURRENCIES[index]}: wall ${seconds(run.wallMs).padStart(7)} (coverage base+head ${seconds(coverageMs)}, generation ${seconds(run.phaseMs.get('generation') ?? 0)}), model calls ${run.report.budget?.llmCalls ?? 0} (server saw ${records.length}), modules kept ${keptModules}/${MODULES}, ${cpu}`,
    );
  }
  const [one, four] = concurrencyRuns;
  if (!one || !four) return;
  const wallSpeedUp = one.run.wallMs / four.run.wallMs;
  const generationOne = one.run.phaseMs.get('generation') ?? 0;
  const generationSpeedUp = generationOne / (four.run.phaseMs.get('generation') ?? 1);
  const verdict = (ratio: number): string => (ratio >= 3 ? 'met' : 'NOT met');
  out(`   speed-up 1 -> 4: wall ${wallSpeedUp.toFixed(2)}x, generation phase ${generationSpeedUp.toFixed(2)}x (goal >= 3x: ${verdict(wallSpeedUp)} on wall, ${verdict(generationSpeedUp)} on the generation phase)`);
  out('   where the generation time went:');
  for (const [index, labelled] of concurrencyRuns.entries()) {
    const { run, records } = labelled;
    const cpuShare = run.cpuMs === null ? 'n/a' : `${((run.cpuMs / (run.wallMs * CORES)) * 100).toFixed(0)}% of ${CORES} cores over the wall`;
    out(
      `   --concurrency ${CONCURRENCIES[index]}: per module ${seconds(sum(run.moduleMs.values()) / MODULES)} = model ${seconds(modelWaitMs(records) / MODULES)} + validation (runner processes) ${seconds(validationMs(labelled) / MODULES)}; requests in flight at most ${peakInFlight(records)}; CPU use ${cpuShare}`,
    );
  }
  // Model waits can overlap 4-fold; validation (CPU-bound runner processes) at most as many-fold as there are cores.
  const fold = Math.min(4, CORES);
  const bound = modelWaitMs(one.records) / 4 + validationMs(one) / fold;
  out(
    `   bound for the generation phase at 4 on ${CORES} cores (model waits overlap 4-fold, validation at most ${fold}-fold): ${seconds(modelWaitMs(one.records))}/4 + ${seconds(validationMs(one))}/${fold} = ${seconds(bound)}, i.e. at most ${(generationOne / bound).toFixed(2)}x`,
  );
}

/** Each module's first user message, as sent, to `<dir>/<fixture>-<module path with / as _>.txt`. */
function dumpPrompts(dir: string, fixture: string, records: readonly ModelRequestRecord[]): void {
  mkdirSync(dir, { recursive: true });
  for (const record of records) {
    if (record.module === null) continue;
    writeFileSync(join(dir, `${fixture}-${record.module.replaceAll('/', '_')}.txt`), record.userPrompt);
  }
}

const started = performance.now();
await ensureToolchains(['vitest5', 'jest30']);
const bundle = snapshotCli();
const model = await startScriptedModel();
const runs: LabelledRun[] = [];
try {
  out(`Generation benchmark (bundled CLI, model ${MODEL} served locally, --reruns ${RERUNS}, default max-heal-attempts, ${CORES} CPU cores, Node ${process.version})`);
  out();
  out(`1. Concurrency: ${MODULES} changed, uncovered modules; every model answer after ${LATENCY_MS} ms, a correct test file (3 cases) for the module in the prompt`);
  model.script((module, { testPath, moduleSpecifier }) => {
    const n = Number(/^src\/m(\d+)\.ts$/.exec(module)?.[1] ?? Number.NaN);
    return Number.isNaN(n) ? null : { path: testPath, content: correctTestFile(n, moduleSpecifier) };
  }, LATENCY_MS);
  for (const concurrency of SKIP_CONCURRENCY ? [] : CONCURRENCIES) {
    const repo = makeManyModulesRepo(MODULES);
    try {
      const first = model.records.length;
      const run = await runGeneration(bundle.cli, repo.dir, repo.base, model.baseUrl, ['--concurrency', String(concurrency), '--reruns', String(RERUNS)]);
      const records = model.records.slice(first);
      runs.push({ label: `${MODULES} modules, --concurrency ${concurrency}`, run, records, prompts: promptRows(repo.dir, run.report, records) });
    } finally {
      repo.cleanup();
    }
  }
  const concurrencyRunCount = runs.length;
  if (SKIP_CONCURRENCY) out('   skipped (BENCH_GEN_SKIP_CONCURRENCY=1)');
  else printConcurrency(runs.slice(0, concurrencyRunCount));
  const generatedPrompts = concurrencyRunCount > 0 ? (runs[0]?.prompts ?? []) : [];
  out();

  out(`2. Prompt tokens per module, ours vs naive (whole module + whole existing test, same system message, answer shape and schema; ${MODEL} tokenizer; one CLI run per fixture at the default --concurrency)`);
  for (const [fixture, toolchain] of FIXTURES) {
    const repo = await makeFixtureRepo(fixture, { toolchain });
    try {
      model.script((module, { testPath, moduleSpecifier }) => {
        const content = fixtureAnswer(fixture, module, moduleSpecifier);
        return content === null ? null : { path: testPath, content };
      }, 0);
      const first = model.records.length;
      const run = await runGeneration(bundle.cli, repo.dir, repo.base, model.baseUrl, ['--reruns', String(RERUNS)]);
      const records = model.records.slice(first);
      if (DUMP_DIR !== undefined) dumpPrompts(DUMP_DIR, fixture, records);
      runs.push({ label: fixture, run, records, prompts: promptRows(repo.dir, run.report, records) });
    } finally {
      await repo.cleanup();
    }
  }
  out(`   in both: system message ${countTextTokens(systemMessage(), MODEL)} tokens, answer schema (response_format) ${countTextTokens(JSON.stringify(answerJsonSchema()), MODEL)} tokens`);
  let ours = 0;
  let naive = 0;
  for (const { label, prompts, records } of runs.slice(concurrencyRunCount)) {
    for (const row of prompts) {
      ours += row.ours;
      naive += row.naive;
      const served = records.find((record) => record.module === row.path)?.promptTokens;
      const check = served === undefined ? '' : served === row.ours ? '' : ` (the server counted ${served})`;
      out(`   ${`${label} ${row.path}`.padEnd(28)} ours ${String(row.ours).padStart(5)}   naive ${String(row.naive).padStart(5)}   ratio ${(row.ours / row.naive).toFixed(2)} (${fewer(row.ours, row.naive)})${check}`);
      const prompt = records.find((record) => record.module === row.path)?.userPrompt ?? '';
      out(`      ours by section: ${sectionTokens(prompt, MODEL).map((section) => `${section.name} ${section.tokens}`).join(', ')}`);
      out(`      naive: the module's text ${row.moduleText}, the existing test's text ${row.testText}`);
    }
  }
  const saving = 1 - ours / naive;
  out(`   fixtures overall: ours ${ours}, naive ${naive}, ratio ${(ours / naive).toFixed(2)}: ${fewer(ours, naive)} (goal >= 30% fewer: ${saving >= 0.3 ? 'met' : 'NOT met'})`);
  const fixtureRows = runs.slice(concurrencyRunCount).flatMap((run) => run.prompts);
  for (const [label, rows] of [
    [`modules under ${TYPICAL_MODULE_LINES} lines`, fixtureRows.filter((row) => row.moduleLines < TYPICAL_MODULE_LINES)],
    [`modules of ${TYPICAL_MODULE_LINES} lines or more`, fixtureRows.filter((row) => row.moduleLines >= TYPICAL_MODULE_LINES)],
  ] as const) {
    const oursBy = sum(rows.map((row) => row.ours));
    const naiveBy = sum(rows.map((row) => row.naive));
    if (rows.length > 0) out(`   ${label} (${rows.length}): ours ${oursBy}, naive ${naiveBy}, ratio ${(oursBy / naiveBy).toFixed(2)}: ${fewer(oursBy, naiveBy)}`);
  }
  if (generatedPrompts.length > 0) {
    const oursGen = sum(generatedPrompts.map((row) => row.ours)) / generatedPrompts.length;
    const naiveGen = sum(generatedPrompts.map((row) => row.naive)) / generatedPrompts.length;
    out(`   for comparison, the ${generatedPrompts.length} generated 10-line modules of part 1: ours ${oursGen.toFixed(0)}, naive ${naiveGen.toFixed(0)} per module, ratio ${(oursGen / naiveGen).toFixed(2)}`);
  }
  out();

  out('3. Tokens per kept test case (budget input + output tokens / cases kept in the proposed files)');
  for (const { label, run } of runs) {
    const budget = run.report.budget;
    const tokens = (budget?.inputTokens ?? 0) + (budget?.outputTokens ?? 0);
    const { kept, dropped } = keptCounts(run.report);
    const perCase = kept === 0 ? 'n/a' : (tokens / kept).toFixed(0);
    const costPerCase = kept === 0 || !budget ? 'n/a' : `$${(budget.costUsd / kept).toFixed(6)}`;
    out(`   ${label.padEnd(28)} ${String(budget?.llmCalls ?? 0).padStart(3)} calls, ${String(budget?.inputTokens ?? 0).padStart(6)} in + ${String(budget?.outputTokens ?? 0).padStart(5)} out tokens, ${String(kept).padStart(3)} cases kept (${dropped} dropped): ${perCase} tokens per kept case (${costPerCase} at $0.15/$0.60 per Mtok)`);
  }
  out();
  out(`Total benchmark time ${seconds(performance.now() - started)}`);
} finally {
  await model.stop();
  rmSync(bundle.dir, { recursive: true, force: true });
}
