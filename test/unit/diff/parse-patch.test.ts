import { describe, expect, it } from 'vitest';
import { GitError } from '../../../src/errors/errors.js';
import { addedLinesPerEntry } from '../../../src/diff/parse-patch.js';
import { parseNumstat, parseRawDiff, type RawDiffEntry } from '../../../src/diff/parse-raw.js';

const Z = '0'.repeat(40);
const A = 'a'.repeat(40);
const B = 'b'.repeat(40);

function entry(partial: Partial<RawDiffEntry> & { newPath: string }): RawDiffEntry {
  return { status: 'M', score: null, oldMode: '100644', newMode: '100644', oldOid: A, newOid: B, oldPath: partial.newPath, pathsAreUtf8: true, ...partial };
}

describe('parseRawDiff', () => {
  it('reads statuses, modes, ids and exact paths (any byte but NUL)', () => {
    const raw = Buffer.concat([
      Buffer.from(`:000000 100644 ${Z} ${B} A\0with space\tand tab.ts\0`),
      Buffer.from(`:100644 100644 ${A} ${B} R087\0old "name".ts\0-new\nline.ts\0`),
      Buffer.from(`:100644 000000 ${A} ${Z} D\0gone.ts\0`),
      Buffer.from(`:100644 100644 ${A} ${B} M\0`),
      Buffer.from([0x63, 0x61, 0x66, 0xe9, 0x2e, 0x74, 0x73, 0]),
    ]);
    const entries = parseRawDiff(raw);
    expect(entries.map((e) => [e.status, e.score, e.oldPath, e.newPath, e.pathsAreUtf8])).toEqual([
      ['A', null, 'with space\tand tab.ts', 'with space\tand tab.ts', true],
      ['R', 87, 'old "name".ts', '-new\nline.ts', true],
      ['D', null, 'gone.ts', 'gone.ts', true],
      ['M', null, 'caf\uFFFD.ts', 'caf\uFFFD.ts', false],
    ]);
    expect(entries[0]).toMatchObject({ oldMode: '000000', newMode: '100644', oldOid: Z, newOid: B });
  });

  it('returns nothing for empty output and fails clearly on garbage', () => {
    expect(parseRawDiff(Buffer.alloc(0))).toEqual([]);
    expect(() => parseRawDiff(Buffer.from('diff --git a/x b/x\n'))).toThrow(GitError);
  });
});

describe('parseNumstat', () => {
  it('reads counts, binary markers and renamed paths', () => {
    const out = Buffer.from('3\t1\tplain.ts\0-\t-\timg.png\0' + '0\t0\t\0old.ts\0new.ts\0' + '1\t0\tname\twith tab\0');
    expect(parseNumstat(out)).toEqual([
      { added: 3, deleted: 1, binary: false, path: 'plain.ts' },
      { added: null, deleted: null, binary: true, path: 'img.png' },
      { added: 0, deleted: 0, binary: false, path: 'new.ts' },
      { added: 1, deleted: 0, binary: false, path: 'name\twith tab' },
    ]);
  });
});

describe('addedLinesPerEntry', () => {
  it('takes new-side numbers of + lines and ignores "no newline" markers', () => {
    const patch = [
      'diff --git a/f.ts b/f.ts',
      'index 1111111..2222222 100644',
      '--- a/f.ts',
      '+++ b/f.ts',
      '@@ -3 +3,2 @@ ctx',
      '-c',
      '\\ No newline at end of file',
      '+c',
      '+d',
      '\\ No newline at end of file',
      '@@ -10,2 +11,0 @@',
      '-x',
      '-y',
      '@@ -20,0 +20,3 @@',
      '+p',
      '+diff --git a/not b/header',
      '+@@ -1 +1 @@',
      '',
    ].join('\n');
    expect(addedLinesPerEntry(patch, [entry({ newPath: 'f.ts' })])).toEqual([[3, 4, 20, 21, 22]]);
  });

  it('maps sections to entries by order, with two sections for a type change', () => {
    const patch = [
      'diff --git a/bin.dat b/bin.dat',
      'new file mode 100644',
      'index 0000000..bdc955b',
      'Binary files /dev/null and b/bin.dat differ',
      'diff --git a/link b/link',
      'deleted file mode 120000',
      'index 7f66e4f..0000000',
      '--- a/link',
      '+++ /dev/null',
      '@@ -1 +0,0 @@',
      '-f.txt',
      '\\ No newline at end of file',
      'diff --git a/link b/link',
      'new file mode 100644',
      'index 0000000..bfe47d3',
      '--- /dev/null',
      '+++ b/link',
      '@@ -0,0 +1,2 @@',
      '+now',
      '+file',
      'diff --git a/ren.ts b/ren2.ts',
      'similarity index 100%',
      'rename from ren.ts',
      'rename to ren2.ts',
      'diff --git a/my file.ts b/my file.ts',
      'index 587be6b..b77b4eb 100644',
      '--- a/my file.ts\t',
      '+++ b/my file.ts\t',
      '@@ -1,0 +2 @@ x',
      '+y',
      '',
    ].join('\n');
    const entries = [
      entry({ status: 'A', newPath: 'bin.dat' }),
      entry({ status: 'T', oldMode: '120000', newPath: 'link' }),
      entry({ status: 'R', score: 100, oldPath: 'ren.ts', newPath: 'ren2.ts' }),
      entry({ newPath: 'my file.ts' }),
    ];
    expect(addedLinesPerEntry(patch, entries)).toEqual([[], [1, 2], [], [2]]);
  });

  it('refuses a patch that does not line up with the file list', () => {
    const patch = 'diff --git a/x.ts b/x.ts\nindex 1..2 100644\n--- a/x.ts\n+++ b/x.ts\n@@ -1 +1 @@\n-a\n+b\n';
    expect(() => addedLinesPerEntry(patch, [])).toThrow(/1 file sections but the file list has 0/);
    expect(() => addedLinesPerEntry(patch, [entry({ newPath: 'y.ts' })])).toThrow(/disagree/);
    expect(addedLinesPerEntry('', [])).toEqual([]);
  });
});
