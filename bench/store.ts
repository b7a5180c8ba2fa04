// `npm run bench:store`: the run store's overhead (src/store/), on a real SQLite file in a temp dir.
//  1. Per checkpoint: median and p95 over 10,000 checkpoints (1,250 modules x 8 phases), plain and
//     with the budget ledger's state and two events in the same transaction.
//  2. A simulated 200-module run: the head and base measurements of the 200 modules saved once each,
//     each module through every phase (analysed, head and base measured, two generation attempts
//     each validated, kept), each model call's answer recorded with the ledger state in one
//     transaction (a real BudgetLedger: one call per attempt) and events with every checkpoint; then
//     what a resume reads back (reopen with full row validation, module states, ledger, events, both
//     measurements, every recorded answer) and a cache put and get per module. Its total is set against a stated run wall time: 200 modules x 5 s =
//     1,000 s (a module's coverage runs, model calls and candidate runs take seconds, not
//     milliseconds). Goal: the store under 2% of the run's wall time.
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BudgetLedger } from '../src/budget/ledger.js';
import { isRefusal } from '../src/budget/ledger-types.js';
import type { TimelineEvent } from '../src/events/types.js';
import type { LedgerState } from '../src/budget/ledger-state.js';
import { openRunStore } from '../src/store/open-run-store.js';
import type { RunStore } from '../src/store/run-store.js';
import { answerKeyOf, CACHED, fullPath, KEY_INPUT, LIMITS, ledgerStateOf, MARGIN, PRICE, proposedFile, REPLY, RUN, sideCoverage } from '../test/unit/store/store-fixtures.js';

const MODULES = 200;
const SECONDS_PER_MODULE = 5;
const RUN_WALL_MS = MODULES * SECONDS_PER_MODULE * 1000;
const GOAL = 0.02;
const CHECKPOINTS = 10_000;

const out = (text = ''): void => void process.stdout.write(`${text}\n`);
const ms = (value: number): string => `${value.toFixed(3)} ms`;
const percentile = (values: readonly number[], p: number): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
};
const elapsedMs = (started: bigint): number => Number(process.hrtime.bigint() - started) / 1e6;

function timed<T>(work: () => T): { value: T; ms: number } {
  const started = process.hrtime.bigint();
  const value = work();
  return { value, ms: elapsedMs(started) };
}

const scratch = mkdtempSync(join(tmpdir(), 'testmaster-bench-store-'));
const storePath = (name: string): string => join(scratch, name, 'runs.sqlite');
const event = (type: 'warning', n: number): TimelineEvent => ({ type, message: `step ${String(n)}`, atMs: n });

function perCheckpoint(withExtras: boolean): number[] {
  const store = openRunStore(storePath(withExtras ? 'extras' : 'plain'), { onCorrupt: 'throw' });
  const run = store.createRun(RUN);
  const ledger = ledgerStateOf(new BudgetLedger({ limits: LIMITS, price: PRICE, promptMargin: MARGIN }));
  const times: number[] = [];
  for (let n = 0; times.length < CHECKPOINTS; n += 1) {
    const module = `src/module-${String(n)}.ts`;
    for (const state of fullPath(module)) {
      const extras = withExtras ? { ledger, events: [event('warning', times.length), event('warning', times.length + 1)] } : {};
      times.push(timed(() => store.checkpoint(run.id, module, state, extras)).ms);
    }
  }
  store.close();
  return times.slice(0, CHECKPOINTS);
}

interface RunFigures {
  readonly openMs: number;
  readonly checkpointMs: number;
  readonly checkpoints: number;
  readonly ledgerSaves: number;
  readonly measurementMs: number;
  readonly measurementJsonBytes: number;
  readonly cacheMs: number;
  readonly closeMs: number;
  readonly resumeMs: number;
  readonly fileBytes: number;
  readonly ledgerJsonBytes: number;
}

const moduleOf = (index: number): string => `src/module-${String(index)}.ts`;
const answerKey = (module: string, attempt: number): string => answerKeyOf(`${module} attempt ${String(attempt)}`);

/**
 * One module's work in the store, as the pipeline would do it: a checkpoint per phase with an event,
 * and per generation attempt one model call whose answer is recorded with the ledger state.
 */
function storeModule(store: RunStore, runId: string, ledger: BudgetLedger, index: number): { checkpoints: number; ledgerSaves: number } {
  const module = moduleOf(index);
  let checkpoints = 0;
  let ledgerSaves = 0;
  for (const state of fullPath(module)) {
    store.checkpoint(runId, module, state, { events: [event('warning', index * 10 + checkpoints)] });
    checkpoints += 1;
    if (state.phase === 'generating') {
      const reservation = ledger.reserve({ module, promptTokens: 1500, maxCompletionTokens: 1000, label: `attempt-${String(state.attempt)}` });
      if (!isRefusal(reservation)) ledger.settle(reservation, { inputTokens: 1480, outputTokens: 620 });
      const ledgerState: LedgerState = ledgerStateOf(ledger);
      store.recordAnswer(runId, answerKey(module, state.attempt), REPLY, { ledger: ledgerState });
      ledgerSaves += 1;
    }
  }
  return { checkpoints, ledgerSaves };
}

function simulatedRun(): RunFigures {
  const path = storePath('run');
  const opened = timed(() => openRunStore(path, { onCorrupt: 'fresh-start' }));
  const store = opened.value;
  const ledger = new BudgetLedger({ limits: { ...LIMITS, maxCostUsd: 100 }, price: PRICE, promptMargin: MARGIN });
  let checkpointMs = 0;
  let cacheMs = 0;
  let checkpoints = 0;
  let ledgerSaves = 0;
  const run = store.createRun(RUN);
  const modules = Array.from({ length: MODULES }, (_, index) => moduleOf(index));
  const head = { source: null, coverage: sideCoverage(modules) };
  const base = { source: 'worktree' as const, coverage: sideCoverage(modules) };
  const measurementMs = timed(() => {
    store.saveMeasurement(run.id, 'head', head);
    store.saveMeasurement(run.id, 'base', base);
  }).ms;
  for (let index = 0; index < MODULES; index += 1) {
    // Deriving the ledger state (ledgerStateOf) is counted too: it stands in for BudgetLedger.exportState().
    const { value, ms: spent } = timed(() => storeModule(store, run.id, ledger, index));
    checkpointMs += spent;
    checkpoints += value.checkpoints;
    ledgerSaves += value.ledgerSaves;
    const module = moduleOf(index);
    const input = { ...KEY_INPUT, moduleContent: `export const m${String(index)} = 1;\n`, testPath: `src/module-${String(index)}.test.ts` };
    cacheMs += timed(() => {
      if (store.cacheGet(input) === null) store.cachePut(input, { ...CACHED, module, files: [proposedFile(module)] });
    }).ms;
  }
  const ledgerJsonBytes = JSON.stringify(ledgerStateOf(ledger)).length;
  store.markRun(run.id, 'interrupted');
  const closeMs = timed(() => store.close()).ms;
  const resumeMs = timed(() => {
    const again = openRunStore(path, { onCorrupt: 'throw' });
    const found = again.findResumableRun(RUN.repoDir, RUN.base, RUN.head);
    if (found?.id !== run.id) throw new Error('the simulated run was not found for resume');
    if (again.moduleStates(run.id).filter((progress) => progress.finished).length !== MODULES) throw new Error('resume did not see every module finished');
    if (again.loadLedger(run.id) === null || again.loadEvents(run.id).length !== checkpoints) throw new Error('resume lost the ledger or events');
    if (again.loadMeasurement(run.id, 'head')?.coverage?.files.size !== MODULES || again.loadMeasurement(run.id, 'base') === null) throw new Error('resume lost a measurement');
    const answers = modules.flatMap((module) => [1, 2].map((attempt) => again.findAnswer(run.id, answerKey(module, attempt))));
    if (answers.some((answer) => answer === null) || answers.length !== ledgerSaves) throw new Error('resume lost a model answer');
    again.close();
  }).ms;
  const measurementJsonBytes = JSON.stringify([...head.coverage.files]).length;
  return { openMs: opened.ms, checkpointMs, checkpoints, ledgerSaves, measurementMs, measurementJsonBytes, cacheMs, closeMs, resumeMs, fileBytes: statSync(path).size, ledgerJsonBytes };
}

try {
  out('Run store overhead (node:sqlite, WAL, synchronous=NORMAL; real files under the OS temp dir)');
  out();
  for (const withExtras of [false, true]) {
    const times = perCheckpoint(withExtras);
    const label = withExtras ? 'checkpoint + small ledger + 2 events' : 'checkpoint alone';
    out(`${label.padEnd(38)} median ${ms(percentile(times, 50))}   p95 ${ms(percentile(times, 95))}   max ${ms(Math.max(...times))}   (${String(times.length)} checkpoints)`);
  }
  out();
  const run = simulatedRun();
  const storeMs = run.openMs + run.measurementMs + run.checkpointMs + run.cacheMs + run.closeMs;
  const ratio = storeMs / RUN_WALL_MS;
  out(
    `Simulated run: ${String(MODULES)} modules, 2 measurements (${(run.measurementJsonBytes / 1024).toFixed(0)} KiB of coverage each), ${String(run.checkpoints)} checkpoints, ${String(run.ledgerSaves)} model answers each recorded with the ledger (last one ${(run.ledgerJsonBytes / 1024).toFixed(0)} KiB), ${String(run.checkpoints)} events, a cache get+put per module`,
  );
  out(`  open ${ms(run.openMs)}   measurements ${ms(run.measurementMs)}   checkpoints+answers+ledger+events ${ms(run.checkpointMs)}   cache ${ms(run.cacheMs)}   close ${ms(run.closeMs)}   store file ${(run.fileBytes / 1024).toFixed(0)} KiB`);
  out(`  resume read-back (reopen with full validation, module states, ledger, events, both measurements, ${String(run.ledgerSaves)} answers): ${ms(run.resumeMs)}`);
  out(
    `  store total ${ms(storeMs)} against a stated run wall time of ${String(RUN_WALL_MS / 1000)} s (${String(MODULES)} modules x ${String(SECONDS_PER_MODULE)} s) = ${(ratio * 100).toFixed(4)}% (goal < ${String(GOAL * 100)}%: ${ratio < GOAL ? 'met' : 'NOT met'})`,
  );
  if (ratio >= GOAL) process.exitCode = 1;
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
