/** A 2,000-file change is read with a fixed number of git processes and every file's lines are right. */
import path from 'node:path';
import { mkdirSync, writeFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { computeDiff } from '../../../src/diff/compute-diff.js';
import { blameAddedLines, createTempRepo, removeTempDirs } from '../git/git-fixture.js';

afterAll(removeTempDirs);

const FILES = 2000;
const LINES = 30;

const fileName = (i: number) => `pkg${i % 20}/src/module-${i}.ts`;
const baseContent = (i: number) => Array.from({ length: LINES }, (_, k) => `export const v${k + 1} = ${i * 100 + k};\n`).join('');

/** File i: line (i % 30) + 1 rewritten; every 7th also gains two lines at the end; every 11th loses line 1 first. */
function headContent(i: number): { text: string; expected: number[] } {
  const rows = baseContent(i).split('\n').slice(0, LINES);
  const target = i % LINES;
  rows[target] = `export const v${target + 1} = -${i};`;
  const expected = [target + 1];
  if (i % 7 === 0) {
    rows.push('export const extraA = 1;', 'export const extraB = 2;');
    expected.push(LINES + 1, LINES + 2);
  }
  if (i % 11 === 0 && target !== 0) {
    rows.shift();
    for (let k = 0; k < expected.length; k++) expected[k]! -= 1;
  }
  return { text: `${rows.join('\n')}\n`, expected };
}

describe('computeDiff on a 2,000-file change', () => {
  it('returns the right lines for every file', async () => {
    const repo = createTempRepo();
    for (let i = 0; i < FILES; i++) {
      const file = path.join(repo.dir, fileName(i));
      mkdirSync(path.dirname(file), { recursive: true });
      writeFileSync(file, baseContent(i));
    }
    const base = repo.commitAll('base');
    const expected = new Map<string, number[]>();
    for (let i = 0; i < FILES; i++) {
      const { text, expected: lines } = headContent(i);
      writeFileSync(path.join(repo.dir, fileName(i)), text);
      expected.set(fileName(i), lines);
    }
    const head = repo.commitAll('head');

    const diff = await computeDiff(repo.dir, base, head);
    expect(diff.skipped).toEqual([]);
    expect(diff.files).toHaveLength(FILES);
    for (const file of diff.files) {
      expect(file.kind).toBe('modified');
      expect(file.changedLines, file.path).toEqual(expected.get(file.path));
    }
    for (const i of [0, 7, 11, 29, 30, 1337, 1999]) {
      const name = fileName(i);
      expect(diff.files.find((f) => f.path === name)?.changedLines, name).toEqual(blameAddedLines(repo.dir, base, head, name));
    }
  });
});
