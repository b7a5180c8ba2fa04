/**
 * The isolation of one run, for both entry points: the repository's top, git directory and packages
 * (what the sandbox must show), the secrets this process holds (which decide whether repository code
 * may run with no isolation at all), then openIsolation. One warning line when the run has none.
 */
import path from 'node:path';
import type { Config } from '../config/schema.js';
import { findRepoRoot, gitCommonDir } from '../git/refs.js';
import { openIsolation, type Isolation } from '../sandbox/isolation/open-isolation.js';
import { discoverPackages } from '../scope/workspaces.js';

export interface RunIsolationRequest {
  readonly config: Pick<Config, 'isolation'>;
  readonly repoDir: string;
  readonly env: NodeJS.ProcessEnv;
  /** What this process holds that repository code must not reach ('the model key', 'the GitHub token'). */
  readonly secretsHeld: readonly string[];
}

export async function openRunIsolation(request: RunIsolationRequest): Promise<Isolation> {
  const topDir = await findRepoRoot(request.repoDir);
  const workspace = await discoverPackages(topDir);
  return openIsolation({
    setting: request.config.isolation,
    repoDir: topDir,
    gitCommonDir: await gitCommonDir(topDir).catch(() => null),
    packageDirs: workspace.packageDirs.map((dir) => path.join(topDir, dir)),
    env: request.env,
    secretsHeld: request.secretsHeld,
  });
}
