/**
 * One `testmaster run --provider openai` through the bundled CLI (Node 24: process.execPath) against
 * the benchmark's model server, measured: wall time, CPU time of the CLI and every process under it,
 * the JSON report, and where the time went by the report's timeline (coverage phases, generation, and
 * per module the time between generation-started and generation-finished).
 */
import { spawn } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { parseJsonReport } from '../src/report/json-report.js';
import type { RunReport } from '../src/report/types.js';
import { CLI, ensureBundle } from '../test/helpers/bundle.js';
import { childrenCpuMs } from './child-cpu.js';

export const MODEL = 'gpt-4o-mini';
const PRICES = JSON.stringify({ [MODEL]: { 'input-per-mtok-usd': 0.15, 'output-per-mtok-usd': 0.6 } });
const RUN_TIMEOUT_MS = 30 * 60 * 1000;

export interface MeasuredRun {
  readonly report: RunReport;
  readonly wallMs: number;
  /** CPU of the CLI process tree (null without /proc). */
  readonly cpuMs: number | null;
  /** Phase durations from the timeline, by phase name. */
  readonly phaseMs: ReadonlyMap<string, number>;
  /** Per module: generation-started to generation-finished. */
  readonly moduleMs: ReadonlyMap<string, number>;
}

/**
 * A private copy of the bundled CLI (rebuilt first when src/ is newer), so that someone rebuilding
 * dist/ in the same tree during a long benchmark cannot pull it away mid-run. Remove it with rmSync.
 */
export function snapshotCli(): { cli: string; dir: string } {
  ensureBundle();
  const dir = mkdtempSync(join(tmpdir(), 'testmaster-bench-cli-'));
  cpSync(dirname(CLI), dir, { recursive: true });
  return { cli: join(dir, 'index.js'), dir };
}

/** Runs the CLI with Node 24; resolves with its exit status and what it printed to stderr. */
async function runCli(cli: string, args: readonly string[]): Promise<{ status: number | null; stderr: string; durationMs: number }> {
  const started = performance.now();
  const child = spawn(process.execPath, [cli, ...args], { env: { ...process.env, OPENAI_API_KEY: 'sk-testmaster-bench' }, stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const timer = setTimeout(() => child.kill('SIGKILL'), RUN_TIMEOUT_MS);
  const status = await new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
  clearTimeout(timer);
  return { status, stderr, durationMs: performance.now() - started };
}

export async function runGeneration(cli: string, repoDir: string, base: string, baseUrl: string, extraArgs: readonly string[]): Promise<MeasuredRun> {
  const out = mkdtempSync(join(tmpdir(), 'testmaster-bench-gen-'));
  try {
    const reportPath = join(out, 'r.json');
    const args = [
      'run', '--repo', repoDir, '--base', base,
      '--provider', 'openai', '--model', MODEL, '--base-url', baseUrl, '--model-prices', PRICES,
      '--report-json', reportPath, '--report-md', join(out, 'r.md'),
      ...extraArgs,
    ];
    const cpuBefore = childrenCpuMs();
    const run = await runCli(cli, args);
    const cpuAfter = childrenCpuMs();
    if (run.status !== 0) throw new Error(`testmaster run exited with ${String(run.status)}:\n${run.stderr.slice(-2000)}`);
    const report = parseJsonReport(readFileSync(reportPath, 'utf8'));
    return {
      report,
      wallMs: run.durationMs,
      cpuMs: cpuBefore === null || cpuAfter === null ? null : cpuAfter - cpuBefore,
      phaseMs: phaseDurations(report),
      moduleMs: moduleDurations(report),
    };
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

function phaseDurations(report: RunReport): Map<string, number> {
  const started = new Map<string, number>();
  const durations = new Map<string, number>();
  for (const event of report.timeline) {
    if (event.type === 'phase-started') started.set(event.phase, event.atMs);
    if (event.type === 'phase-completed') durations.set(event.phase, event.atMs - (started.get(event.phase) ?? event.atMs));
  }
  return durations;
}

function moduleDurations(report: RunReport): Map<string, number> {
  const started = new Map<string, number>();
  const durations = new Map<string, number>();
  for (const event of report.timeline) {
    if (event.type === 'generation-started') started.set(event.path, event.atMs);
    if (event.type === 'generation-finished' && started.has(event.path)) durations.set(event.path, event.atMs - started.get(event.path)!);
  }
  return durations;
}

/** Cases kept and dropped over the report's proposed files. */
export function keptCounts(report: RunReport): { kept: number; dropped: number } {
  const files = report.proposedFiles ?? [];
  return { kept: files.reduce((sum, file) => sum + file.kept.length, 0), dropped: files.reduce((sum, file) => sum + file.dropped.length, 0) };
}
