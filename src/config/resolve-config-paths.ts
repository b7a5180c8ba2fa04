/** Makes the configuration's file paths absolute, relative to the repository (where the config file lives). */
import { resolve } from 'node:path';
import type { Config } from './schema.js';

export function resolveConfigPaths(config: Config, repoDir: string): Config {
  const absolute = (path: string | null): string | null => (path === null ? null : resolve(repoDir, path));
  return {
    ...config,
    baseCoverage: absolute(config.baseCoverage),
    reportMd: absolute(config.reportMd),
    reportJson: absolute(config.reportJson),
    storePath: absolute(config.storePath),
  };
}
