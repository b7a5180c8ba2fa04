import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { formatCost, setActionOutputs } from '../../../src/action/set-outputs.js';
import { budget, keptCase, proposedFile } from '../report/generation-fixtures.js';
import { c, makeReport, measuredFile, metrics, patch } from '../report/report-fixtures.js';

let dir: string;
let saved: string | undefined;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'testmaster-outputs-'));
  saved = process.env.GITHUB_OUTPUT;
  process.env.GITHUB_OUTPUT = join(dir, 'output');
  writeFileSync(process.env.GITHUB_OUTPUT, '');
});
afterEach(() => {
  if (saved === undefined) delete process.env.GITHUB_OUTPUT;
  else process.env.GITHUB_OUTPUT = saved;
  rmSync(dir, { recursive: true, force: true });
});

function outputs(): Record<string, string> {
  const text = readFileSync(join(dir, 'output'), 'utf8');
  return Object.fromEntries([...text.matchAll(/^([\w-]+)<<(\S+)\n([\s\S]*?)\n\2$/gm)].map((m) => [m[1]!, m[3]!]));
}

describe('setActionOutputs', () => {
  it('sets the comment address, the proposed files as a JSON list of paths and the cost', () => {
    const file = measuredFile('src/a.ts', { base: metrics(c(1, 2)), head: metrics(c(3, 4)), patch: patch(2, 4, [7, 8]) });
    const report = makeReport([file], {
      proposedFiles: [proposedFile('src/a.test.ts', 'src/a.ts', 'x', [keptCase('k', [7])]), proposedFile('src/b.test.ts', 'src/b.ts', 'y', [])],
      budget: budget({ costUsd: 0.0265 }),
    });
    setActionOutputs(report, { markdownPath: '/r.md', jsonPath: '/r.json' }, { commentUrl: 'https://github.com/o/r/pull/1#issuecomment-5' });
    expect(outputs()).toEqual({
      'patch-coverage': '50.00',
      'coverage-delta': '25.00',
      modules: '1',
      'report-json': '/r.json',
      'report-markdown': '/r.md',
      'proposed-files': '["src/a.test.ts","src/b.test.ts"]',
      'cost-usd': '0.0265',
      'comment-url': 'https://github.com/o/r/pull/1#issuecomment-5',
    });
  });

  it('says 0 and [] and an empty address for a coverage-only run without a comment', () => {
    setActionOutputs(makeReport([]), { markdownPath: '/r.md', jsonPath: '/r.json' });
    expect(outputs()).toMatchObject({ 'proposed-files': '[]', 'cost-usd': '0', 'comment-url': '', 'patch-coverage': '' });
  });
});

describe('formatCost', () => {
  it('writes dollars with at most six decimals and no trailing zeros', () => {
    expect([0, 0.5, 0.0123, 1.23456789, 12, Number.NaN, -1].map(formatCost)).toEqual(['0', '0.5', '0.0123', '1.234568', '12', '0', '0']);
  });
});
