/**
 * One candidate test file through the per-case gate in the validation checkout (shared by the model and
 * the zero-token generators): a candidate that cannot be written, whose run fails or times out, or whose
 * coverage cannot be read is a failed candidate, not a failed run; a candidate that changes files
 * besides its own test is not proposed, and the checkout is put back.
 */
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { makeTempDir } from '../../files/make-temp-dir.js';
import { isTestMasterError } from '../../errors/errors.js';
import { restorePaths } from '../../git/restore-paths.js';
import { changedPaths, readWorkingTreeStatus } from '../../git/working-tree-snapshot.js';
import type { Executor } from '../../sandbox/types.js';
import { validateCandidate, type CandidateVerdict } from '../../validation/gate/validate-candidate.js';
import { DEFAULT_TEST_GLOBS } from '../../validation/proposed-path-rules.js';
import type { ModuleGenerationResult, ModuleWork } from './generate-for-module.js';
import type { PipelineEvent } from '../../events/types.js';

export interface CandidateSettings {
  readonly reruns: number;
  readonly candidateTimeoutMs: number;
  readonly maxFileBytes: number;
}

export async function validateInCheckout(
  work: Pick<ModuleWork, 'job' | 'checkoutDir' | 'testPath' | 'ownPaths'>,
  settings: CandidateSettings,
  deps: { readonly exec: Executor; readonly signal?: AbortSignal },
  content: string,
  scratch: string,
  label: string,
): Promise<CandidateVerdict> {
  if (content.trim() === '') return { kind: 'file-failed', error: 'the answer held an empty file' };
  const outputDir = await makeTempDir(scratch, `${label}-`);
  const before = (await readWorkingTreeStatus(work.checkoutDir)).snapshot;
  let verdict: CandidateVerdict;
  try {
    verdict = await validateCandidate(
      {
        checkoutDir: work.checkoutDir,
        pkg: work.job.plan.pkg,
        module: work.job.plan.file.path,
        testPath: work.testPath,
        content,
        baseline: work.job.baseline,
        reruns: settings.reruns,
        timeoutMs: settings.candidateTimeoutMs,
        outputDir,
        testGlobs: DEFAULT_TEST_GLOBS,
        maxBytes: settings.maxFileBytes,
        ...(deps.signal ? { signal: deps.signal } : {}),
      },
      deps.exec,
    );
  } catch (error) {
    // A candidate that cannot be written (path rules, size), whose run failed or hit the time limit
    // (a test that never ends), or whose coverage could not be read, is a failed candidate, not a failed run.
    if (!isTestMasterError(error) || (deps.signal?.aborted ?? false)) throw error;
    verdict = { kind: 'file-failed', error: error.message };
  }
  // A test that changes files besides its own (the module under test, other sources) is not proposed,
  // and the worktree is put back so the other modules' results stay true.
  const stray = changedPaths(before, (await readWorkingTreeStatus(work.checkoutDir)).snapshot).filter((entry) => !work.ownPaths.has(entry));
  if (stray.length === 0) return verdict;
  if (verdict.kind === 'kept') await rm(path.join(work.checkoutDir, verdict.testPath), { force: true });
  await restorePaths(work.checkoutDir, stray);
  const listed = `${stray.slice(0, 3).join(', ')}${stray.length > 3 ? ` and ${stray.length - 3} more` : ''}`;
  return { kind: 'file-failed', error: `the candidate changed files besides its own test file (${listed}): a test must leave the repository as it found it` };
}

/** The `candidate-validated` event of a verdict (both generators and the cross-run reuse emit it). */
export function candidateValidatedEvent(module: string, turn: number, verdict: CandidateVerdict): PipelineEvent {
  return {
    type: 'candidate-validated',
    path: module,
    turn,
    verdict: verdict.kind,
    kept: verdict.kind === 'kept' ? verdict.kept.length : 0,
    dropped: verdict.kind === 'file-failed' ? 0 : verdict.dropped.length,
  };
}

/** What a module's result keeps of a kept verdict; `dropped` defaults to the verdict's own. */
export function keptOfVerdict(verdict: Extract<CandidateVerdict, { kind: 'kept' }>, dropped = verdict.dropped): NonNullable<ModuleGenerationResult['kept']> {
  return {
    testPath: verdict.testPath,
    content: verdict.content,
    cases: verdict.kept.map((entry) => ({ name: entry.name, newLines: entry.newLines, newBranchOutcomes: entry.newBranchOutcomes })),
    dropped,
    combined: verdict.combinedCoverage,
  };
}
