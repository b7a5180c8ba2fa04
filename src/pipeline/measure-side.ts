/**
 * Effects: runs each package's test runner once (its related-tests feature, for the package's changed
 * modules, with coverage restricted to them) in a checkout, and collects normalised coverage.
 */
import { realpath, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FileCoverageData } from 'istanbul-lib-coverage';
import { makeTempDir } from '../files/make-temp-dir.js';
import { fileMetrics } from '../coverage/file-metrics.js';
import { normalizeCoverageMap } from '../coverage/normalize-coverage.js';
import { isTestMasterError, oneLineMessage } from '../errors/errors.js';
import { adapterFor } from '../runners/registry.js';
import type { PackageInfo } from '../runners/types.js';
import type { Executor } from '../sandbox/types.js';
import type { PipelineDeps, PipelineRequest } from './context.js';
import type { SideCoverage } from './module-plan.js';

export interface SideTarget {
  readonly pkg: PackageInfo;
  /** Repository-relative paths of the modules, as they are named in this checkout. */
  readonly modules: readonly string[];
}

export async function measureSide(
  side: 'base' | 'head',
  checkoutDir: string,
  targets: readonly SideTarget[],
  request: PipelineRequest,
  deps: PipelineDeps,
): Promise<SideCoverage> {
  const files = new Map<string, FileCoverageData>();
  const failures = new Map<string, string>();
  const testsByPackage = new Map<string, readonly string[]>();
  const failedCasesByPackage = new Map<string, number>();
  const repoRoot = await realpath(checkoutDir);

  for (const { pkg, modules } of targets) {
    if (pkg.framework === null || modules.length === 0) continue;
    const outputDir = await makeTempDir(deps.tempRoot ?? tmpdir(), `testmaster-${side}-`);
    deps.events.emit({ type: 'runner-started', side, packageDir: pkg.relDir, framework: pkg.framework, modules: modules.length });
    // Time spent inside runner processes (an adapter may start more than one), for the report and bench/.
    let runnerMs = 0;
    const exec: Executor = async (call) => {
      const result = await deps.exec({ maxOutputBytes: request.config.maxRunnerOutputKb * 1024, ...call });
      runnerMs += result.durationMs;
      return result;
    };
    try {
      const result = await adapterFor(pkg.framework).run(
        {
          checkoutDir: repoRoot,
          pkg,
          selection: { kind: 'related', modules },
          coverageFor: modules,
          outputDir,
          timeoutMs: request.config.runnerTimeoutSeconds * 1000,
          ...(request.signal ? { signal: request.signal } : {}),
        },
        exec,
      );
      const passed = result.cases.filter((c) => c.status === 'passed').length;
      const failed = result.cases.filter((c) => c.status === 'failed').length;
      deps.events.emit({
        type: 'runner-completed',
        side,
        packageDir: pkg.relDir,
        durationMs: Math.round(runnerMs),
        passed,
        failed,
        exitCode: result.exec.exitCode,
        timedOut: result.exec.timedOut,
      });
      const { map } = normalizeCoverageMap(result.coverage, { repoRoot, runnerCwd: join(repoRoot, pkg.relDir) });
      const wanted = new Set(modules);
      for (const [path, data] of Object.entries(map)) {
        if (wanted.has(path)) files.set(path, data);
      }
      testsByPackage.set(pkg.relDir, result.testFiles);
      failedCasesByPackage.set(pkg.relDir, failed);
      for (const path of modules) {
        const data = files.get(path);
        if (data) {
          const { lines } = fileMetrics(data);
          deps.events.emit({ type: 'coverage-measured', side, path, linesCovered: lines.covered, linesTotal: lines.total });
        }
      }
    } catch (error) {
      // A cancelled run stops here, whatever the error: it must not go on and report.
      if (!isTestMasterError(error) || request.signal?.aborted) throw error;
      failures.set(pkg.relDir, oneLineMessage(error));
      deps.events.emit({ type: 'warning', message: `${side} coverage of ${pkg.relDir || 'the root package'} failed: ${oneLineMessage(error)}` });
    } finally {
      await rm(outputDir, { recursive: true, force: true });
    }
  }
  return { files, failures, testsByPackage, failedCasesByPackage };
}
