// `npm run bench`: prints TestMaster's figures.
//  1. On the bundled example and the fixture projects (real Vitest/Jest runs through the bundled CLI):
//     total wall time, time spent inside test-runner processes, and our own overhead as a ratio of wall
//     time (goal: under 10%).
//  2. At scale (bench/scale.ts): a synthetic 2,000-file diff plus a 50 MB coverage-final.json
//     (goal: under 5 s and under 1 GiB peak memory).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { makeFixtureRepo } from '../test/helpers/fixture-repo.js';
import { ensureToolchains, type ToolchainName } from '../test/helpers/toolchains.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const cli = join(root, 'dist', 'cli', 'index.js');

/** The bundled example, built by the same script as the demo (it prints name=value lines). */
function makeExample(dir: string): { dir: string; base: string } {
  const printed = execFileSync(process.execPath, [join(root, 'scripts', 'make-example-repo.mjs'), dir]).toString();
  const value = (name: string): string => new RegExp(`^${name}=(.*)$`, 'm').exec(printed)?.[1] ?? '';
  return { dir: value('dir'), base: value('base') };
}

function measure(label: string, repo: string, base: string): void {
  const out = join(scratch, `${label}.json`);
  const started = performance.now();
  execFileSync(process.execPath, [cli, 'run', '--repo', repo, '--base', base, '--report-json', out, '--report-md', join(scratch, `${label}.md`)], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  const wallMs = performance.now() - started;
  const report = JSON.parse(readFileSync(out, 'utf8'));
  const completed = (report.timeline as { type: string; durationMs: number }[]).filter((e) => e.type === 'runner-completed');
  const runnerMs = completed.reduce((sum, e) => sum + e.durationMs, 0);
  const overhead = (wallMs - runnerMs) / wallMs;
  const runs = completed.length;
  process.stdout.write(
    `${label.padEnd(16)} wall ${(wallMs / 1000).toFixed(2).padStart(6)} s   in runners ${(runnerMs / 1000).toFixed(2).padStart(6)} s (${runs} runs)   ours ${((wallMs - runnerMs) / 1000).toFixed(2).padStart(5)} s = ${(overhead * 100).toFixed(1)}% of wall (goal < 10%: ${overhead < 0.1 ? 'met' : 'NOT met'})\n`,
  );
}

const scratch = mkdtempSync(join(tmpdir(), 'testmaster-bench-'));
process.stdout.write('Pipeline on real projects (bundled CLI, base and head measured)\n');
try {
  const fixtures: [string, ToolchainName][] = [['vitest-ts', 'vitest5'], ['jest-js', 'jest30'], ['monorepo-npm', 'workspaces']];
  await ensureToolchains(fixtures.map(([, toolchain]) => toolchain));
  const example = makeExample(join(scratch, 'example'));
  measure('example', example.dir, example.base);
  for (const [name, toolchain] of fixtures) {
    const fixture = await makeFixtureRepo(name, { toolchain });
    try {
      measure(name, fixture.dir, fixture.base);
    } finally {
      await fixture.cleanup();
    }
  }
} finally {
  rmSync(scratch, { recursive: true, force: true });
}

process.stdout.write('\n');
execFileSync(process.execPath, [join(root, 'build', 'bench', 'scale.js')], { stdio: 'inherit' });
