/**
 * Pure: turns the measured coverage of both sides into per-file report entries. No I/O here, so the
 * arithmetic is tested directly against Istanbul data.
 */
import type { FileCoverageData } from 'istanbul-lib-coverage';
import { fileMetrics, patchMetrics } from '../coverage/file-metrics.js';
import type { FileReport, HeadMetrics, Metrics } from '../report/types.js';
import type { ModulePlan, SideCoverage } from './module-plan.js';
import { findRelatedTests } from '../scope/related-tests.js';

export function buildFileReports(
  modules: readonly ModulePlan[],
  head: SideCoverage,
  base: SideCoverage | null,
): FileReport[] {
  return modules.map((module) => buildFileReport(module, head, base));
}

function buildFileReport(module: ModulePlan, head: SideCoverage, base: SideCoverage | null): FileReport {
  const { file, pkg } = module;
  const common = {
    path: file.path,
    previousPath: file.previousPath,
    changeKind: file.kind,
    packageDir: pkg.relDir,
    framework: pkg.framework,
    changedLines: file.changedLines,
    relatedTests: relatedTestsOf(file.path, head.testsByPackage.get(pkg.relDir) ?? []),
  };
  const headFailure = head.failures.get(pkg.relDir);
  if (headFailure !== undefined) {
    return { ...common, base: null, head: null, status: 'failed', reason: headFailure };
  }
  const headData = head.files.get(file.path);
  if (!headData) {
    const reason = `the ${pkg.framework ?? 'test'} run reported no coverage for this file; ${NO_COVERAGE_HINT[pkg.framework ?? 'vitest']}`;
    return { ...common, base: null, head: null, status: 'failed', reason };
  }
  const headMetrics = measureHead(headData, file.changedLines);
  const notes: string[] = [];
  const failedCases = head.failedCasesByPackage.get(pkg.relDir) ?? 0;
  if (failedCases > 0) notes.push(`${failedCases} existing test case(s) failed at the head`);
  return {
    ...common,
    base: baseMetrics(module, base, notes),
    head: headMetrics,
    status: 'measured',
    reason: notes.length > 0 ? notes.join('; ') : null,
  };
}

/** What to check when a runner leaves a requested module out of its coverage (untested modules are asked for too). */
const NO_COVERAGE_HINT = {
  vitest: 'check that test.coverage.exclude in the vitest config does not exclude it',
  jest: "check that coveragePathIgnorePatterns and modulePathIgnorePatterns in the jest config do not exclude it, and, with several jest projects, that one of them has the module's directory in its roots",
} as const;

/**
 * The runner's related-tests feature ran these test files for the package's changed modules together;
 * a module's own are those named after it by convention, else (no such name) all of them.
 */
function relatedTestsOf(path: string, ran: readonly string[]): readonly string[] {
  const named = findRelatedTests(path, ran);
  return named.length > 0 ? named : ran;
}

function baseMetrics(module: ModulePlan, base: SideCoverage | null, notes: string[]): Metrics | null {
  if (base === null || module.file.kind === 'added' || module.file.kind === 'copied') return null;
  const basePath = module.file.previousPath ?? module.file.path;
  const failure = base.failures.get(module.pkg.relDir);
  if (failure !== undefined) {
    notes.push(`base not measured: ${failure}`);
    return null;
  }
  const data = base.files.get(basePath);
  return data ? fileMetrics(data) : null;
}

function measureHead(data: FileCoverageData, changedLines: readonly number[]): HeadMetrics {
  return { ...fileMetrics(data), patch: patchMetrics(data, changedLines) };
}
