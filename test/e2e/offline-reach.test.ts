/**
 * The zero-token generator on code shaped like real repositories (issue 14), end to end through the
 * bundled CLI with no model key: the vitest-ts fixture's offline-reach variant (a class whose
 * constructor checks its arguments, an export renamed through a cast, a store factory with
 * Symbol.dispose, a rates table read through `code.toUpperCase()`, Date / Map / Set / null-prototype
 * arguments, a module where one input writes a file) and the jest-js fixture's (a CommonJS class
 * exported as `exports.Meter = Meter`, a factory's returned object). Each proposed file is applied and
 * passes 5 of 5 runs of the project's own runner. The module with the writing input keeps its other
 * cases: in a sandbox the write is refused (the checkout is read-only), without one it changes a file;
 * either way only that call is left out, with the reason.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseJsonReport } from '../../src/report/json-report.js';
import type { RunReport } from '../../src/report/types.js';
import { makeFixtureRepo } from '../helpers/fixture-repo.js';
import { runCliAsync } from '../helpers/run-cli.js';
import { envWithoutModel } from '../helpers/zero-token-run.js';
import { gitStatus, runNodeByHand } from '../helpers/runner-harness.js';

const cleanups: (() => void | Promise<void>)[] = [];
afterAll(async () => {
  for (const cleanup of cleanups) await cleanup();
});

interface Repo {
  readonly dir: string;
  readonly base: string;
}

async function runOffline(repo: Repo, extra: readonly string[]): Promise<RunReport> {
  const out = mkdtempSync(join(tmpdir(), 'testmaster-offline-reach-'));
  cleanups.push(() => rmSync(out, { recursive: true, force: true }));
  const before = await gitStatus(repo.dir);
  const run = await runCliAsync(['run', '--repo', repo.dir, '--base', repo.base, '--no-base', '--report-json', join(out, 'r.json'), '--report-md', join(out, 'r.md'), ...extra], {
    env: envWithoutModel(),
    timeoutMs: 600_000,
  });
  expect(run.status, run.stderr).toBe(0);
  expect(await gitStatus(repo.dir)).toBe(before);
  return parseJsonReport(readFileSync(join(out, 'r.json'), 'utf8'));
}

async function applyAndRunFiveTimes(repo: Repo, report: RunReport, command: (files: string[]) => string[]): Promise<void> {
  const files = (report.proposedFiles ?? []).map((file) => file.path);
  for (const file of report.proposedFiles ?? []) writeFileSync(join(repo.dir, file.path), file.content);
  for (let run = 1; run <= 5; run++) {
    const result = await runNodeByHand(repo.dir, command(files));
    expect(result.code, `run ${run}: ${result.stdout}\n${result.stderr}`).toBe(0);
  }
}

const contentFor = (report: RunReport, module: string): string => (report.proposedFiles ?? []).find((file) => file.forFile === module)?.content ?? '';
const droppedFor = (report: RunReport, module: string) => (report.proposedFiles ?? []).find((file) => file.forFile === module)?.dropped ?? [];

describe('the zero-token generator reaches what real code needs', () => {
  it('constructs classes, follows a cast export, calls returned objects, builds built-in arguments and finds normalised keys (Vitest, TypeScript)', async () => {
    const repo = await makeFixtureRepo('vitest-ts', { toolchain: 'vitest5', variants: ['offline-reach'] });
    cleanups.push(repo.cleanup);
    const report = await runOffline(repo, ['--include', 'src/{ledger,store,rates,export-file}.ts']);
    for (const module of ['src/ledger.ts', 'src/store.ts', 'src/rates.ts', 'src/export-file.ts']) {
      expect(report.files.find((file) => file.path === module)?.generation?.outcome, module).toBe('kept');
    }
    const ledger = contentFor(report, 'src/ledger.ts');
    expect(ledger).toMatch(/expect\(\(\) => new Ledger\([^)]*\)\)\.toThrow\('limit must be positive/);
    expect(ledger).toMatch(/persist\(\{\}, \{ version: (-1|4) \}\)/);
    const store = contentFor(report, 'src/store.ts');
    expect(store).toMatch(/const store = createStore\('a'\);\n\s+expect\(\(\) => store\.set\(/);
    expect(store).toMatch(/store\[Symbol\.dispose\]\(\)/);
    const rates = contentFor(report, 'src/rates.ts');
    // A rate is found only through a key the table has, passed in a case `toUpperCase()` maps onto it.
    expect(rates).toMatch(/expect\(rateFor\('(eur|usd|gbp|EUR|USD|GBP)'\)\)\.toBe\(/);
    expect(rates).toContain('Object.assign(Object.create(null)');
    expect(rates).toMatch(/daysLeftInMonth\(new Date\('2024-02-29T12:00:00\.000Z'\)\)/);
    // One input writes a file: only that call is left out (refused in the read-only sandbox), the rest stay.
    const dropped = droppedFor(report, 'src/export-file.ts');
    const writers = dropped.filter((entry) => /^tried to write a file|^changed .* in the checkout/.test(entry.reason));
    expect(writers.length).toBeGreaterThan(0);
    for (const entry of writers) expect(entry.name).toMatch(/^exportReport\(.*saveTo: '[^']+'/);
    expect(contentFor(report, 'src/export-file.ts')).toMatch(/columnWidth\(/);
    expect(contentFor(report, 'src/export-file.ts')).not.toMatch(/saveTo/);

    await applyAndRunFiveTimes(repo, report, (files) => ['node_modules/vitest/vitest.mjs', 'run', ...files]);
  }, 900_000);

  it('drops only the call that wrote a file when nothing stops the write (isolation none)', async () => {
    const repo = await makeFixtureRepo('vitest-ts', { toolchain: 'vitest5', variants: ['offline-reach'] });
    cleanups.push(repo.cleanup);
    const report = await runOffline(repo, ['--include', 'src/export-file.ts', '--isolation', 'none']);
    expect(report.files.find((file) => file.path === 'src/export-file.ts')?.generation?.outcome).toBe('kept');
    const wrote = droppedFor(report, 'src/export-file.ts').filter((entry) => entry.reason.startsWith('changed '));
    expect(wrote).toContainEqual({ name: expect.stringMatching(/^exportReport\(.*saveTo: 'a' \}\)$/), reason: 'changed a in the checkout: a test must leave the repository as it found it' });
    for (const entry of wrote) expect(entry.name).toMatch(/saveTo: '[^']+'/);
    expect(contentFor(report, 'src/export-file.ts')).toMatch(/exportReport\(/);
    await applyAndRunFiveTimes(repo, report, (files) => ['node_modules/vitest/vitest.mjs', 'run', ...files]);
  }, 900_000);

  it('constructs a CommonJS class exported as exports.X = X and calls a factory\'s returned object (Jest, JavaScript)', async () => {
    const repo = await makeFixtureRepo('jest-js', { toolchain: 'jest30', variants: ['offline-reach'] });
    cleanups.push(repo.cleanup);
    const report = await runOffline(repo, ['--include', 'src/meter.js']);
    const generation = report.files.find((file) => file.path === 'src/meter.js')?.generation;
    expect(generation?.outcome, generation?.reason ?? '').toBe('kept');
    const meter = contentFor(report, 'src/meter.js');
    expect(meter).toMatch(/const \{ [^}]*Meter[^}]* \} = require\(/);
    expect(meter).toMatch(/new Meter\('( kwh | mwh | wh |KWH|MWH|WH)', /);
    expect(meter).toMatch(/const meterBookResult = meterBook\('KWH'\);\n\s+expect\(meterBookResult\.(open|count)\(/);
    await applyAndRunFiveTimes(repo, report, (files) => ['node_modules/jest/bin/jest.js', '--ci', ...files]);
  }, 900_000);
});
