// `npm run bench`: prints TestMaster's figures.
//  1. On the bundled example and the fixture projects (real Vitest/Jest runs through the bundled CLI):
//     total wall time, time spent inside test-runner processes, and our own overhead as a ratio of wall
//     time (goal: under 10%).
//  2. At scale (bench/scale.mjs): a synthetic 2,000-file diff plus a 50 MB coverage-final.json
//     (goal: under 5 s and under 1 GiB peak memory).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { makeExampleRepo } from '../scripts/make-example-repo.mjs';
import { makeFixtureRepoSync } from './fixture-repo.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const cli = join(root, 'dist', 'cli', 'index.js');

function measure(label, repo, base) {
  const out = join(repo, '..', 'report.json');
  const started = performance.now();
  execFileSync(process.execPath, [cli, 'run', '--repo', repo, '--base', base, '--report-json', out, '--report-md', join(repo, '..', 'report.md')], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  const wallMs = performance.now() - started;
  const report = JSON.parse(readFileSync(out, 'utf8'));
  const runnerMs = report.timeline.filter((e) => e.type === 'runner-completed').reduce((sum, e) => sum + e.durationMs, 0);
  const overhead = (wallMs - runnerMs) / wallMs;
  const runs = report.timeline.filter((e) => e.type === 'runner-completed').length;
  process.stdout.write(
    `${label.padEnd(16)} wall ${(wallMs / 1000).toFixed(2).padStart(6)} s   in runners ${(runnerMs / 1000).toFixed(2).padStart(6)} s (${runs} runs)   ours ${((wallMs - runnerMs) / 1000).toFixed(2).padStart(5)} s = ${(overhead * 100).toFixed(1)}% of wall (goal < 10%: ${overhead < 0.1 ? 'met' : 'NOT met'})\n`,
  );
}

process.stdout.write('Pipeline on real projects (bundled CLI, base and head measured)\n');
const scratch = mkdtempSync(join(tmpdir(), 'testmaster-bench-'));
try {
  const example = makeExampleRepo(join(scratch, 'example', 'repo'));
  measure('example', example.dir, example.base);
  for (const [name, toolchain] of [['vitest-ts', 'vitest5'], ['jest-js', 'jest30'], ['monorepo-npm', 'monorepo']]) {
    const fixture = makeFixtureRepoSync(name, toolchain, join(scratch, name, 'repo'));
    measure(name, fixture.dir, fixture.base);
  }
} finally {
  rmSync(scratch, { recursive: true, force: true });
}

process.stdout.write('\n');
execFileSync(process.execPath, [join(root, 'bench', 'scale.mjs')], { stdio: 'inherit' });
