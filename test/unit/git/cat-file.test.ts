import { afterAll, describe, expect, it } from 'vitest';
import { CatFileBatchParser, forEachObject, readObjects } from '../../../src/git/cat-file.js';
import { createTempRepo, removeTempDirs } from './git-fixture.js';

afterAll(removeTempDirs);

describe('CatFileBatchParser', () => {
  it('parses objects split across chunks at every byte', () => {
    const a = 'a'.repeat(40);
    const b = 'b'.repeat(40);
    const output = Buffer.concat([
      Buffer.from(`${a} blob 5\nhe\nlo\n`),
      Buffer.from(`${'c'.repeat(40)} missing\n`),
      Buffer.from(`${b} blob 0\n\n`),
    ]);
    for (let size = 1; size <= output.length; size += 1) {
      const seen: [string, string | null][] = [];
      const parser = new CatFileBatchParser((oid, content) => seen.push([oid, content === null ? null : content.toString('utf8')]));
      for (let i = 0; i < output.length; i += size) parser.push(output.subarray(i, i + size));
      expect(seen).toEqual([[a, 'he\nlo'], ['c'.repeat(40), null], [b, '']]);
      expect(parser.idle).toBe(true);
    }
  });
});

describe('forEachObject', () => {
  it('reads many blobs with one process, in order, reporting missing ones', async () => {
    const repo = createTempRepo();
    for (let i = 0; i < 300; i++) repo.write(`f${i}.txt`, `${'line\n'.repeat(i)}end ${i}`);
    repo.write('bin', Buffer.from([0, 1, 2, 255, 10, 10, 0]));
    repo.commitAll('files');
    const oids = repo.git('ls-tree', '-r', 'HEAD').trim().split('\n').map((line) => line.split(/\s+/)[2]!);
    const missing = '0123456789'.repeat(4);
    const seen: string[] = [];
    const contents = new Map<string, Buffer | null>();
    await forEachObject(repo.dir, [...oids, missing], (oid, content) => {
      seen.push(oid);
      contents.set(oid, content);
    });
    expect(seen).toEqual([...oids, missing]);
    expect(contents.get(missing)).toBeNull();
    const binOid = repo.git('rev-parse', 'HEAD:bin').trim();
    expect([...contents.get(binOid)!]).toEqual([0, 1, 2, 255, 10, 10, 0]);
    const f7 = repo.git('rev-parse', 'HEAD:f7.txt').trim();
    expect(contents.get(f7)!.toString('utf8')).toBe(`${'line\n'.repeat(7)}end 7`);

    const map = await readObjects(repo.dir, [f7, f7, missing]);
    expect([...map.keys()]).toEqual([f7]);
  });

  it('rejects ids that are not full object ids', async () => {
    const repo = createTempRepo();
    await expect(forEachObject(repo.dir, ['HEAD:x'], () => undefined)).rejects.toThrow(/invalid object id/);
  });
});
