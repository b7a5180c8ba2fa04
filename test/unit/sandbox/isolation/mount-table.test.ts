import { describe, expect, it } from 'vitest';
import { lockedFlags, mountOf, parseMountInfo } from '../../../../src/sandbox/isolation/mount-table.js';

const MOUNTINFO = [
  '22 1 254:0 / / rw,relatime shared:1 - ext4 /dev/vda rw',
  '23 22 0:21 / /proc rw,nosuid,nodev,noexec,relatime shared:2 - proc proc rw',
  '40 22 0:33 / /home/runner/my\\040work rw,nosuid,nodev,noatime shared:3 - ext4 /dev/vdb rw',
  '41 22 0:34 / /tmp rw,nosuid,nodev shared:4 - tmpfs tmpfs rw',
  '42 41 0:35 / /tmp rw,nosuid,noexec,relatime shared:5 - tmpfs tmpfs rw',
].join('\n');

describe('the host mount table', () => {
  const table = parseMountInfo(MOUNTINFO);

  it('finds the mount a path lives on: the longest mount point, the last mounted of equal ones', () => {
    expect(mountOf('/home/runner/my work/repo', table)?.options).toEqual(['rw', 'nosuid', 'nodev', 'noatime']);
    expect(mountOf('/home/runner/my workshop', table)?.mountPoint).toBe('/');
    expect(mountOf('/tmp/x', table)?.options).toEqual(['rw', 'nosuid', 'noexec', 'relatime']);
  });

  it('keeps the flags a user namespace cannot drop, and strictatime when the mount has no atime flag', () => {
    expect(lockedFlags(mountOf('/home/runner/my work/repo', table))).toEqual(['nosuid', 'nodev', 'noatime']);
    expect(lockedFlags(mountOf('/usr', table))).toEqual(['relatime']);
    expect(lockedFlags(table.find((entry) => entry.options.length === 3 && entry.mountPoint === '/tmp') ?? null)).toEqual(['nosuid', 'nodev', 'strictatime']);
    expect(lockedFlags(null)).toEqual([]);
  });

  it('reads this machine\'s own table', async () => {
    const { readFile } = await import('node:fs/promises');
    const own = parseMountInfo(await readFile('/proc/self/mountinfo', 'utf8'));
    expect(mountOf('/', own)?.mountPoint).toBe('/');
  });
});
