/**
 * Runs the probe file for one module in the validation checkout until two complete runs are in hand
 * (effects: writes and removes the probe file, runs the repository's runner, reads the JSON-lines
 * results). A run killed at its time limit in the middle of a call names that call: it is recorded
 * as never returning, left out, and the probe runs again. Files the probed code changed in the
 * checkout are put back, so other modules' results stay true; when a run changed any, one more complete
 * run watches those files around each call, and the calls that changed them are returned (`wrote`), so
 * that only those calls are left out of the emitted tests, not the whole file.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { makeTempDir } from '../../files/make-temp-dir.js';
import { GenerationError, isTestMasterError } from '../../errors/errors.js';
import { restorePaths } from '../../git/restore-paths.js';
import { changedPaths, readWorkingTreeStatus } from '../../git/working-tree-snapshot.js';
import { firstLine } from '../../generation/module/summarize-dropped.js';
import type { PackageInfo } from '../../runners/types.js';
import type { Executor } from '../../sandbox/types.js';
import { runOnce } from '../../validation/gate/run-candidate.js';
import { DEFAULT_TEST_GLOBS } from '../../validation/proposed-path-rules.js';
import { removeWrittenTestFile, writeNewTestFile } from '../../validation/write-test-file.js';
import type { OfflineTarget } from '../analyse/types.js';
import { buildProbeFile, candidateKey } from './build-probe.js';
import { parseProbeLines } from './parse-probe-lines.js';
import type { ProbeRecord } from './outcome.js';

export interface ProbeInput {
  readonly checkoutDir: string;
  readonly pkg: PackageInfo;
  readonly module: string;
  /** Where the probe file is written (the module's test path; nothing else is there during the run). */
  readonly testPath: string;
  readonly targets: readonly OfflineTarget[];
  readonly syntax: 'esm' | 'cjs';
  readonly testApiImport: string | null;
  readonly moduleSpecifier: string;
  /** Absolute scratch directory outside the checkout. */
  readonly scratchDir: string;
  /** Wall-clock limit of one probe run (a call that never returns costs this much). */
  readonly runLimitMs: number;
  /** When the probing of this module must be over (epoch ms). */
  readonly deadline: number;
  /** How long a returned promise may take to settle. */
  readonly waitMs: number;
  /** Paths other modules' candidates may create in the shared checkout: not put back. */
  readonly ownPaths: ReadonlySet<string>;
  readonly signal?: AbortSignal;
  readonly now?: () => number;
}

export type ProbeResult =
  | {
      readonly kind: 'probed';
      readonly first: readonly ProbeRecord[];
      readonly second: readonly ProbeRecord[];
      readonly neverReturned: ReadonlySet<string>;
      /** `target#index` -> the repository-relative files that call changed in the checkout (put back after the run). */
      readonly wrote: ReadonlyMap<string, readonly string[]>;
      readonly runs: number;
    }
  | { readonly kind: 'failed'; readonly reason: string; readonly runs: number };

/** Probe runs per module at most (two complete ones, plus one per call cut off). */
const MAX_RUNS = 6;

export async function runProbe(input: ProbeInput, exec: Executor): Promise<ProbeResult> {
  const now = input.now ?? Date.now;
  const neverReturned = new Set<string>();
  const complete: (readonly ProbeRecord[])[] = [];
  // Files a run changed in the checkout: later runs watch them around each call, to name the call.
  const changed = new Set<string>();
  let attributed = true;
  let runs = 0;
  while (complete.length < 2 || !attributed) {
    const left = input.deadline - now();
    if (runs >= MAX_RUNS || left <= 1000) {
      // Two complete runs but a write no call could be named for: the gate still sees the file change.
      if (complete.length >= 2) break;
      return { kind: 'failed', reason: `probing stopped after ${runs} runs: the per-module time budget ran out`, runs };
    }
    runs += 1;
    // The probe's record goes in a directory of its own: in a sandbox the only one it may write.
    const recordDir = await makeTempDir(input.scratchDir, `probe-${runs}-`);
    const outPath = path.join(recordDir, 'calls.jsonl');
    const watched = [...changed].sort();
    const content = buildProbeFile({ ...input, outPath, exclude: neverReturned, watch: watched.map((file) => path.join(input.checkoutDir, file)) });
    const run = await probeOnce(input, content, Math.min(input.runLimitMs, left), exec, recordDir);
    const fresh = run.stray.filter((file) => !changed.has(file));
    for (const file of fresh) changed.add(file);
    const lines = await readFile(outPath, 'utf8').catch(() => '');
    const parsed = parseProbeLines(lines);
    if (parsed.unfinished !== null) {
      // Killed in the middle of this call: it never returned within the run's limit.
      neverReturned.add(candidateKey(parsed.unfinished.target, parsed.unfinished.index));
      continue;
    }
    const expected = input.targets.reduce((sum, target) => sum + target.candidates.length, 0) - neverReturned.size;
    if (parsed.records.length === expected) {
      complete.push(parsed.records);
      // Complete, and it watched every file a run changed: the calls that changed them are named.
      attributed = fresh.length === 0 && (changed.size === 0 || watched.length > 0);
      continue;
    }
    return { kind: 'failed', reason: `the probe could not call the module: ${run.problem ?? 'it recorded no call'}`, runs };
  }
  return { kind: 'probed', first: complete[0] ?? [], second: complete[1] ?? [], neverReturned, wrote: writesByCall(complete, input.checkoutDir), runs };
}

/** Every call any complete run saw change a watched file, with the files (repository-relative, POSIX). */
export function writesByCall(runs: readonly (readonly ProbeRecord[])[], checkoutDir: string): Map<string, string[]> {
  const wrote = new Map<string, string[]>();
  for (const record of runs.flat()) {
    if (!record.wrote) continue;
    const key = candidateKey(record.target, record.index);
    const files = wrote.get(key) ?? [];
    for (const file of record.wrote) {
      const relative = path.relative(checkoutDir, file).split(path.sep).join('/');
      if (!files.includes(relative)) files.push(relative);
    }
    wrote.set(key, files);
  }
  return wrote;
}

async function probeOnce(input: ProbeInput, content: string, timeoutMs: number, exec: Executor, recordDir: string): Promise<{ problem: string | null; stray: string[] }> {
  const before = (await readWorkingTreeStatus(input.checkoutDir)).snapshot;
  const written = await writeNewTestFile(input.checkoutDir, input.testPath, content, { testGlobs: DEFAULT_TEST_GLOBS, maxBytes: 4 * 1024 * 1024 });
  let problem: string | null = null;
  try {
    const run = await runOnce(
      {
        checkoutDir: input.checkoutDir,
        pkg: input.pkg,
        testFile: input.testPath,
        module: input.module,
        outputDir: input.scratchDir,
        writableDirs: [recordDir],
        timeoutMs,
        ...(input.signal ? { signal: input.signal } : {}),
      },
      exec,
      { label: 'probe', coverage: false },
    );
    problem = run.fileError === null ? null : firstLine(run.fileError);
  } catch (error) {
    if (!isTestMasterError(error) || (input.signal?.aborted ?? false)) throw error;
    problem = error.message;
  } finally {
    const left = await removeWrittenTestFile(written);
    if (left.length > 0) throw new GenerationError(`could not remove the probe file ${input.testPath}: remove it by hand before rerunning`);
  }
  const stray = changedPaths(before, (await readWorkingTreeStatus(input.checkoutDir)).snapshot).filter((entry) => !input.ownPaths.has(entry));
  if (stray.length > 0) await restorePaths(input.checkoutDir, stray);
  return { problem, stray };
}
