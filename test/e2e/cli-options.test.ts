/**
 * The CLI's base options and failure modes, end to end on the vitest-ts fixture: --no-base,
 * --base-coverage, a head that is not the checked-out commit, and bad input that must fail with one
 * line and change nothing.
 */
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeFixtureRepo, type FixtureRepo } from '../helpers/fixture-repo.js';
import { runCli } from '../helpers/run-cli.js';
import { CLI, ensureBundle } from '../helpers/bundle.js';
import { parseJsonReport } from '../../src/report/json-report.js';
import type { RunReport } from '../../src/report/types.js';

let repo: FixtureRepo;
let out: string;
let reference: RunReport;

function run(name: string, extra: string[], cwd?: string) {
  const json = join(out, `${name}.json`);
  const provider = extra.includes('--provider') ? [] : ['--provider', 'none'];
  const result = runCli(['run', '--repo', repo.dir, '--base', repo.base, '--report-json', json, '--report-md', join(out, `${name}.md`), ...provider, ...extra], cwd ? { cwd } : {});
  return { ...result, report: () => parseJsonReport(readFileSync(json, 'utf8')) };
}

beforeAll(async () => {
  repo = await makeFixtureRepo('vitest-ts', { toolchain: 'vitest5' });
  out = mkdtempSync(join(tmpdir(), 'testmaster-cli-options-'));
  const first = run('reference', []);
  expect(first.status).toBe(0);
  reference = first.report();
});
afterAll(async () => {
  await repo.cleanup();
  rmSync(out, { recursive: true, force: true });
});

describe('testmaster run options', () => {
  it('--no-base measures only the head', () => {
    const result = run('no-base', ['--no-base']);
    expect(result.status).toBe(0);
    const report = result.report();
    expect(report.baseSource).toBe('none');
    expect(report.files.every((f) => f.base === null)).toBe(true);
    expect(report.files.map((f) => f.head)).toEqual(reference.files.map((f) => f.head));
    expect(report.timeline.filter((e) => e.type === 'runner-completed').map((e) => (e as { side: string }).side)).toEqual(['head']);
  });

  it('--base-coverage reads base figures from a coverage-final.json recorded elsewhere', () => {
    // Record base coverage in a separate clone, as another CI job would, under another directory.
    const clone = join(out, 'base-clone');
    execFileSync('git', ['clone', '--quiet', repo.dir, clone]);
    execFileSync('git', ['checkout', '--quiet', repo.base], { cwd: clone });
    execFileSync('ln', ['-s', join(repo.dir, 'node_modules'), join(clone, 'node_modules')]);
    const modules = reference.files.map((f) => f.path);
    execFileSync(process.execPath, [join(clone, 'node_modules/vitest/vitest.mjs'), 'run', '--coverage.enabled', '--coverage.reporter=json', ...modules.map((m) => `--coverage.include=${m}`)], { cwd: clone, stdio: 'ignore' });
    const result = run('base-file', ['--base-coverage', join(clone, 'coverage', 'coverage-final.json')]);
    expect(result.stderr).not.toMatch(/^testmaster: /m);
    expect(result.status).toBe(0);
    const report = result.report();
    expect(report.baseSource).toBe('file');
    expect(report.files.map((f) => f.base)).toEqual(reference.files.map((f) => f.base));
    expect(report.timeline.filter((e) => e.type === 'runner-completed')).toHaveLength(1);
  });

  it('measures a head that is not checked out in a temporary worktree, with the same figures', () => {
    execFileSync('git', ['checkout', '--quiet', '--detach', repo.base], { cwd: repo.dir });
    try {
      const result = run('other-head', ['--head', repo.head]);
      expect(result.status).toBe(0);
      const report = result.report();
      expect(report.files).toEqual(reference.files);
      expect(execFileSync('git', ['rev-parse', 'HEAD'], { cwd: repo.dir }).toString().trim()).toBe(repo.base);
      expect(execFileSync('git', ['worktree', 'list'], { cwd: repo.dir }).toString().trim().split('\n')).toHaveLength(1);
    } finally {
      execFileSync('git', ['checkout', '--quiet', 'main'], { cwd: repo.dir });
    }
  });

  it('fails with one line and a non-zero status on bad input, writing no report', () => {
    const cases: [string[], RegExp][] = [
      [['run', '--repo', out, '--base', 'HEAD~1'], /^testmaster: .*not a git repository.*$/],
      [['run', '--repo', repo.dir, '--base', 'no-such-branch'], /^testmaster: .*no-such-branch.*$/],
      [['run', '--repo', repo.dir, '--base', repo.base, '--max-modules', 'many'], /^testmaster: .*max-modules.*many.*$/],
      [['run', '--repo', repo.dir, '--base', repo.base, '--provider', 'gpt'], /^testmaster: .*provider.*gpt.*$/],
    ];
    const bad = join(out, 'bad');
    for (const [args, message] of cases) {
      const result = runCli([...args, '--report-json', join(bad, 'r.json')]);
      expect(result.status, result.stderr).toBe(1);
      // Progress lines may come first; the error is one line, the last one.
      const lines = result.stderr.split('\n').filter(Boolean);
      expect(lines.at(-1)).toMatch(message);
      expect(lines.filter((line) => line.startsWith('testmaster: '))).toHaveLength(1);
    }
    expect(() => readdirSync(bad)).toThrow();
  });

  it('warns when the existing tests change files in the working tree, and discards the head figures', async () => {
    const writer = await makeFixtureRepo('vitest-ts', { toolchain: 'vitest5', variants: ['test-writes-file'] });
    try {
      const json = join(out, 'writer.json');
      // Without isolation: in a sandbox the checkout is read-only and the tests could not write it.
      const result = runCli(['run', '--repo', writer.dir, '--base', writer.base, '--provider', 'none', '--isolation', 'none', '--report-json', json, '--report-md', join(out, 'writer.md')]);
      expect(result.status).toBe(0);
      expect(result.stderr).toMatch(/warning: the existing tests at the head changed 1 file\(s\) in the working tree outside their own output \(formatted\.txt\): the head coverage was discarded; restore them \(git checkout -- <path> for tracked files/);
      const report = parseJsonReport(readFileSync(json, 'utf8'));
      const warnings = report.timeline.filter((e) => e.type === 'warning');
      expect(warnings.map((w) => (w as { message: string }).message).join('\n')).toContain('formatted.txt');
      expect(report.files.map((file) => [file.status, file.reason])).toEqual(
        report.files.map(() => ['failed', 'the existing tests at the head changed files in the working tree (formatted.txt): the head coverage was discarded']),
      );
    } finally {
      await writer.cleanup();
    }
  });

  it('measures the head commit, not uncommitted edits, and leaves the edits alone', () => {
    const module = reference.files[0]!.path;
    const file = join(repo.dir, module);
    const original = readFileSync(file, 'utf8');
    const edited = `// uncommitted\n// edits\n${original}`;
    writeFileSync(file, edited);
    try {
      const result = run('dirty', []);
      expect(result.status).toBe(0);
      expect(result.stderr).toContain('warning: the working tree has uncommitted changes');
      expect(result.report().files).toEqual(reference.files);
      expect(readFileSync(file, 'utf8')).toBe(edited);
    } finally {
      writeFileSync(file, original);
    }
  });

  it('runs tests in CI mode: an unrecorded inline snapshot is not written into the test file', async () => {
    const snap = await makeFixtureRepo('vitest-ts', { toolchain: 'vitest5', variants: ['inline-snapshot'] });
    try {
      const testFile = join(snap.dir, 'test', 'money-inline.test.ts');
      const before = readFileSync(testFile, 'utf8');
      const result = runCli(['run', '--repo', snap.dir, '--base', snap.base, '--provider', 'none', '--no-base', '--report-json', join(out, 'snap.json'), '--report-md', join(out, 'snap.md')]);
      expect(result.status).toBe(0);
      expect(readFileSync(testFile, 'utf8')).toBe(before);
      expect(execFileSync('git', ['status', '--porcelain'], { cwd: snap.dir }).toString()).toBe('');
    } finally {
      await snap.cleanup();
    }
  });

  it('stops at once on Ctrl-C: exit 1, one line, no report, no test process left', async () => {
    const slow = await makeFixtureRepo('vitest-ts', { toolchain: 'vitest5', variants: ['slow-test'] });
    try {
      ensureBundle();
      const json = join(out, 'cancelled.json');
      const child = spawn(process.execPath, [CLI, 'run', '--repo', slow.dir, '--base', slow.base, '--report-json', json], { stdio: ['ignore', 'pipe', 'pipe'] });
      let stderr = '';
      child.stderr.on('data', (chunk: Buffer) => {
        stderr += chunk.toString();
        if (stderr.includes('head: running vitest')) setTimeout(() => child.kill('SIGINT'), 1500);
      });
      const status = await new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
      expect(status).toBe(1);
      expect(stderr.trim().split('\n').at(-1)).toMatch(/^testmaster: .*cancelled/);
      expect(() => readFileSync(json)).toThrow();
      const leftover = execFileSync('ps', ['-eo', 'args']).toString().split('\n').filter((line) => line.includes(slow.dir));
      expect(leftover).toEqual([]);
    } finally {
      await slow.cleanup();
    }
  });

  it('reads .github/testmaster.yml and rejects an unknown key there, naming it', () => {
    writeFileSync(join(out, 'bad.yml'), 'max-moduls: 3\n');
    const result = run('bad-config', ['--config', join(out, 'bad.yml')]);
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/max-moduls.*max-modules/);
  });
});
