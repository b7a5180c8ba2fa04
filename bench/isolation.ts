// `npm run bench:isolation`: what the sandbox costs (src/sandbox/isolation/), measured side by side in
// one run, with every level this machine offers (user as root or through sudo, namespace, none):
//  1. Opening the isolation once per run (the probe and the template's holder).
//  2. Per process: an empty process (/bin/true) and a real Vitest run of one test file with coverage on
//     the vitest-ts fixture, each level in turn, ROUNDS rounds (medians; wall and CPU of the children).
//  3. Per module: the zero-token generator on the bundled example through the bundled CLI, at
//     isolation none and at the strongest level: wall time per module and the overhead's share.
// Goal: the sandbox under 5% of a module's validation time.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openIsolation, type Isolation } from '../src/sandbox/isolation/open-isolation.js';
import type { IsolationSetting } from '../src/sandbox/isolation/isolation-types.js';
import { makeTempDir } from '../src/files/make-temp-dir.js';
import { ensureToolchains } from '../test/helpers/toolchains.js';
import { makeFixtureRepo } from '../test/helpers/fixture-repo.js';
import { CLI, ensureBundle } from '../test/helpers/bundle.js';
import { childrenCpuMs } from './child-cpu.js';

const ROUNDS = Number(process.env.BENCH_ISOLATION_ROUNDS ?? 5);
const GOAL = 0.05;

const out = (text = ''): void => void process.stdout.write(`${text}\n`);
const median = (values: readonly number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted.length === 0 ? 0 : (sorted[Math.floor((sorted.length - 1) / 2)]! + sorted[Math.ceil((sorted.length - 1) / 2)]!) / 2;
};
const fmt = (value: number): string => `${value.toFixed(0)} ms`;
const pct = (value: number): string => `${(value * 100).toFixed(1)}%`;

interface Sample {
  readonly wallMs: number;
  readonly cpuMs: number;
}

async function timed(work: () => Promise<unknown>): Promise<Sample> {
  const cpu = childrenCpuMs() ?? 0;
  const started = performance.now();
  await work();
  return { wallMs: performance.now() - started, cpuMs: (childrenCpuMs() ?? 0) - cpu };
}

async function main(): Promise<void> {
  await ensureToolchains();
  ensureBundle();
  const repo = await makeFixtureRepo('vitest-ts', { toolchain: 'vitest5' });
  const env = { PATH: process.env.PATH, HOME: process.env.HOME };
  const levels: IsolationSetting[] = ['none', 'namespace', 'user'];
  const opened = new Map<IsolationSetting, Isolation>();
  out(`bench:isolation on ${process.platform}, ${ROUNDS} rounds, uid ${process.getuid?.() ?? '?'}`);
  out();
  out('1. Opening the isolation (once per run: probe and template)');
  for (const setting of levels) {
    const cpu = childrenCpuMs() ?? 0;
    const started = performance.now();
    try {
      const isolation = await openIsolation({ setting, repoDir: repo.dir, gitCommonDir: join(repo.dir, '.git'), packageDirs: [repo.dir], env, secretsHeld: [] });
      opened.set(setting, isolation);
      out(`   ${setting.padEnd(10)} ${fmt(performance.now() - started)} wall, ${fmt((childrenCpuMs() ?? 0) - cpu)} CPU  (${isolation.report.level}${isolation.report.mechanism ? ` via ${isolation.report.mechanism}` : ''})`);
    } catch (error) {
      out(`   ${setting.padEnd(10)} not available here: ${error instanceof Error ? error.message.slice(0, 160) : String(error)}`);
    }
  }
  const vitestEntry = join(repo.dir, 'node_modules', 'vitest', 'vitest.mjs');
  const samples = new Map<string, Sample[]>();
  const add = (key: string, sample: Sample): void => void samples.set(key, [...(samples.get(key) ?? []), sample]);
  for (let round = 0; round < ROUNDS; round++) {
    for (const [setting, isolation] of opened) {
      add(`true ${setting}`, await timed(() => isolation.exec({ command: '/bin/true', args: [], cwd: repo.dir, timeoutMs: 60_000 })));
      const output = await makeTempDir(isolation.tempRoot, 'bench-');
      add(
        `vitest ${setting}`,
        await timed(async () => {
          const result = await isolation.exec({
            command: 'node',
            args: [vitestEntry, 'run', 'test/cart.test.ts', '--coverage.enabled', '--coverage.provider=v8', '--coverage.reporter=json', `--coverage.reportsDirectory=${join(output, 'coverage')}`, '--coverage.include=src/cart.ts', '--no-cache', '--no-fsModuleCache', '--reporter=json', `--outputFile=${join(output, 'results.json')}`],
            cwd: repo.dir,
            readPaths: [repo.dir],
            writePaths: [output],
            timeoutMs: 120_000,
          });
          if (result.exitCode !== 0) throw new Error(`vitest failed at ${setting}: ${result.stderr.slice(0, 400)}`);
          JSON.parse(readFileSync(join(output, 'results.json'), 'utf8'));
        }),
      );
    }
  }
  out();
  out(`2. Per process (median of ${ROUNDS}; CPU of the children, launcher and namespaces included)`);
  const none = (kind: string): Sample => ({ wallMs: median((samples.get(`${kind} none`) ?? []).map((s) => s.wallMs)), cpuMs: median((samples.get(`${kind} none`) ?? []).map((s) => s.cpuMs)) });
  for (const kind of ['true', 'vitest']) {
    const base = none(kind);
    for (const setting of opened.keys()) {
      const list = samples.get(`${kind} ${setting}`) ?? [];
      const wall = median(list.map((s) => s.wallMs));
      const cpu = median(list.map((s) => s.cpuMs));
      const extra = setting === 'none' ? '' : `  overhead ${fmt(wall - base.wallMs)} wall (${pct((wall - base.wallMs) / base.wallMs)}), ${fmt(cpu - base.cpuMs)} CPU`;
      out(`   ${(kind === 'true' ? '/bin/true' : 'vitest, 1 file + coverage').padEnd(26)} ${setting.padEnd(10)} ${fmt(wall)} wall, ${fmt(cpu)} CPU${extra}`);
    }
  }
  for (const isolation of opened.values()) await isolation.dispose();
  await repo.cleanup();

  out();
  out('3. Per module: the zero-token generator on the bundled example (npm run demo\'s run), through the bundled CLI');
  const strongest = [...opened.keys()].filter((setting) => setting !== 'none').at(-1) ?? null;
  const cli = (isolation: string): { wallMs: number; cpuMs: number; modules: number } => {
    const scratch = mkdtempSync(join(tmpdir(), 'testmaster-bench-isolation-'));
    try {
      execFileSync(process.execPath, [join('scripts', 'make-example-repo.mjs'), join(scratch, 'pricing')], { stdio: 'ignore' });
      const reportPath = join(scratch, 'report.json');
      const cpu = childrenCpuMs() ?? 0;
      const started = performance.now();
      const run = spawnSync(process.execPath, [CLI, 'run', '--repo', join(scratch, 'pricing'), '--base', 'main', '--head', 'feature/shipping', '--no-store', '--isolation', isolation, '--report-json', reportPath], { env, encoding: 'utf8' });
      const wallMs = performance.now() - started;
      if (run.status !== 0) throw new Error(`the CLI failed at isolation ${isolation}: ${run.stderr.slice(-400)}`);
      const report = JSON.parse(readFileSync(reportPath, 'utf8')) as { files: { generation?: unknown }[] };
      return { wallMs, cpuMs: (childrenCpuMs() ?? 0) - cpu, modules: report.files.filter((file) => file.generation != null).length };
    } finally {
      rmSync(scratch, { recursive: true, force: true });
    }
  };
  if (strongest === null) {
    out('   no isolation level available here: nothing to compare');
    return;
  }
  const runs: Record<string, { wallMs: number; cpuMs: number; modules: number }[]> = { none: [], [strongest]: [] };
  const cliRounds = Math.max(1, Math.min(ROUNDS, 3));
  for (let round = 0; round < cliRounds; round++) {
    for (const isolation of ['none', strongest]) runs[isolation]!.push(cli(isolation));
  }
  const perModule = (isolation: string): number => median(runs[isolation]!.map((run) => run.wallMs / Math.max(1, run.modules)));
  const base = perModule('none');
  const isolated = perModule(strongest);
  out(`   isolation none        ${fmt(base)} wall per module (${runs.none![0]!.modules} modules, median of ${cliRounds})`);
  out(`   isolation ${strongest.padEnd(10)}  ${fmt(isolated)} wall per module`);
  const share = (isolated - base) / isolated;
  out(`   overhead: ${fmt(isolated - base)} per module = ${pct(share)} of a module's time (goal: under ${pct(GOAL)}) ${share <= GOAL ? 'MET' : 'NOT MET'}`);
}

await main();
