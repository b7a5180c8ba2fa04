/** An executable looked up on a PATH value as a shell would (absolute directories only); null when absent. */
import { constants } from 'node:fs';
import { access } from 'node:fs/promises';
import path from 'node:path';

export async function findOnPath(name: string, searchPath: string): Promise<string | null> {
  if (path.isAbsolute(name)) return name;
  for (const dir of searchPath.split(path.delimiter)) {
    if (dir === '' || !path.isAbsolute(dir)) continue;
    const candidate = path.join(dir, name);
    if (await access(candidate, constants.X_OK).then(() => true, () => false)) return candidate;
  }
  return null;
}
