/**
 * In the action, the configuration file is read as it is at the base commit, not from the pull
 * request's head: a pull request must not be able to change how it is measured (or, later, raise its
 * own budget). Returns a reader for loadConfig.
 */
import { relative, sep } from 'node:path';
import { runGit } from '../git/exec.js';
import type { ConfigFileReader } from '../config/load-config.js';

export function configReaderAtCommit(repoDir: string, commit: string): ConfigFileReader {
  return async (absolutePath) => {
    const path = relative(repoDir, absolutePath).split(sep).join('/');
    if (path.startsWith('../')) return null;
    const result = await runGit(repoDir, ['show', `${commit}:${path}`], { okExitCodes: [0, 128] });
    return result.exitCode === 0 ? result.stdout : null;
  };
}
