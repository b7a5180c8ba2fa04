/**
 * Where the test runners keep their caches (Jest's transform and haste-map cache): one directory per
 * user outside every checkout, passed to the runner explicitly so that a repository's own setting
 * (often inside the repository) cannot make it write there. In a namespace sandbox the same path is a
 * directory of the run, writable by all of its processes and removed at its end.
 */
import { tmpdir } from 'node:os';
import path from 'node:path';

export function runnerCacheDir(): string {
  const uid = process.getuid?.() ?? 'user';
  return path.join(tmpdir(), `testmaster-runner-cache-${uid}`);
}
