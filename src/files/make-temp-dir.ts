/**
 * A new temporary directory under the run's temporary root, readable by the sandbox user: mkdtemp
 * makes it 0700, which the other user running the tests could not enter. The run's root itself is
 * private to TestMaster's user on the host, so nobody else on the machine can.
 */
import { chmod, mkdtemp } from 'node:fs/promises';
import path from 'node:path';

export async function makeTempDir(parent: string, prefix: string): Promise<string> {
  const dir = await mkdtemp(path.join(parent, prefix));
  await chmod(dir, 0o755);
  return dir;
}
