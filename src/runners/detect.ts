/**
 * Describes one package of a checkout (the root or a workspace member): its test framework, the
 * installed version and the runner's JS entry, found in the project's own node_modules from the
 * package directory upward. A framework the package declares but that is not installed is an error
 * (measuring needs the project installed); a package with no framework is not. A Jest config file
 * that only the package's scripts name (`jest --config test/jest.config.js`) is recorded as runnerConfig.
 */

import { stat } from 'node:fs/promises';
import { posix, relative, resolve } from 'node:path';
import { ConfigurationError, TestRunnerError } from '../errors/errors.js';
import type { Framework } from '../report/types.js';
import { chooseFramework, readFrameworkSignals, type FrameworkSignals } from './framework-signals.js';
import { binEntry, findInstalledPackage } from './installed-package.js';
import { detectPackageManager } from './package-manager.js';
import { absoluteIn, packageLabelOf, repoRelative, toPosix } from './paths.js';
import { jestConfigFromScripts } from './script-config.js';
import type { PackageInfo } from './types.js';
import { readJsonFile } from '../files/read-json-file.js';

export interface DetectOptions {
  /** The framework to use instead of detecting one (from the user's configuration). */
  readonly framework?: Framework | null;
}

/**
 * @param checkoutDir absolute directory of the checkout
 * @param relDir repository-relative POSIX directory of the package ('' for the root)
 */
export async function detectPackage(checkoutDir: string, relDir: string, options: DetectOptions = {}): Promise<PackageInfo> {
  const packageDir = absoluteIn(checkoutDir, relDir);
  const manifestPath = posix.join(relDir, 'package.json');
  const manifest = await readManifest(absoluteIn(checkoutDir, manifestPath), manifestPath);
  const label = packageLabelOf(relDir);

  const signals = await readFrameworkSignals(packageDir, manifest);
  const choice = options.framework ? { framework: options.framework, note: null } : chooseFramework(signals, label);
  const framework = choice.framework;
  const packageManager = await detectPackageManager(checkoutDir, packageDir);
  const base = {
    relDir,
    name: typeof manifest.name === 'string' ? manifest.name : null,
    framework,
    packageManager,
    moduleType: manifest.type === 'module' ? ('module' as const) : ('commonjs' as const),
    ...(choice.note === null ? {} : { frameworkNote: choice.note }),
  };
  if (framework === null) return { ...base, frameworkVersion: null, runnerEntry: null };

  const installed = await findInstalledPackage(packageDir, framework);
  if (installed === null) {
    throw new TestRunnerError(`${notInstalledSubject(framework, signals, manifestPath, label)} but not installed: run your package manager's install before testmaster`);
  }
  const runnerEntry = binEntry(installed, framework);
  if (runnerEntry === null) {
    throw new TestRunnerError(
      `the ${framework} installed at ${installed.dir} declares no command (bin): reinstall ${framework} with your package manager`,
    );
  }
  const runnerConfig = framework === 'jest' ? await scriptJestConfig(checkoutDir, packageDir, manifest, signals) : null;
  return { ...base, frameworkVersion: installed.version, runnerEntry, ...(runnerConfig === null ? {} : { runnerConfig }) };
}

/**
 * The Jest config file the scripts name (script-config.ts), when it exists: the `test` script's always
 * (it is what the maintainers run), another script's only when Jest would find no config by itself;
 * never one outside the checkout (the sandbox reads nothing else).
 */
async function scriptJestConfig(checkoutDir: string, packageDir: string, manifest: Record<string, unknown>, signals: FrameworkSignals): Promise<string | null> {
  const scripts = manifest.scripts;
  if (scripts === null || typeof scripts !== 'object') return null;
  const named = jestConfigFromScripts(scripts as Record<string, unknown>);
  if (named === null || (named.script !== 'test' && signals.configs.has('jest'))) return null;
  const path = resolve(packageDir, named.config);
  if (repoRelative(checkoutDir, path) === null) return null;
  const file = await stat(path).catch(() => null);
  return file?.isFile() === true ? toPosix(relative(packageDir, path)) : null;
}

async function readManifest(file: string, manifestPath: string): Promise<Record<string, unknown>> {
  const read = await readJsonFile(file);
  if (read.kind === 'missing') {
    throw new ConfigurationError(`no readable ${manifestPath}: point testmaster at a package directory that has a package.json`);
  }
  if (read.kind === 'invalid') throw new ConfigurationError(`${manifestPath} is not valid JSON (${read.reason}): fix it and rerun`);
  if (read.kind === 'not-object') throw new ConfigurationError(`${manifestPath} does not hold a JSON object: fix it and rerun`);
  return read.value;
}

function notInstalledSubject(framework: Framework, signals: FrameworkSignals, manifestPath: string, label: string): string {
  if (signals.listed.has(framework)) return `${framework} is listed in ${manifestPath}`;
  const configs = signals.configs.get(framework);
  if (configs !== undefined) return `${framework} is configured in ${label} (${configs.join(', ')})`;
  return `${framework} is the framework chosen for ${label}`;
}
