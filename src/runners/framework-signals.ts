/**
 * Which test framework a package uses, from what it declares: its dependencies, its config files
 * (vitest.config.*, vite.config.* with a `test` section, jest.config.*, a "jest" key in package.json)
 * and, to break a tie, its `test` script. Config files count more than dependencies, except that a
 * framework actually installed wins over one that is not: a `jest.config.js` left behind after a move
 * to Vitest (Vitest declared and installed, Jest not installed) does not make the package a Jest one.
 * When the signals conflict, the choice comes with a note saying which was chosen and why.
 */
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ConfigurationError } from '../errors/errors.js';
import type { Framework } from '../report/types.js';
import { findInstalledPackage } from './installed-package.js';

const FRAMEWORKS: readonly Framework[] = ['vitest', 'jest'];
const DEPENDENCY_FIELDS = ['dependencies', 'devDependencies', 'optionalDependencies'] as const;
const VITEST_CONFIG = /^vitest\.(config|workspace|projects)\.(ts|mts|cts|js|mjs|cjs|json)$/;
const VITE_CONFIG = /^vite\.config\.(ts|mts|cts|js|mjs|cjs)$/;
const JEST_CONFIG = /^jest\.config\.(ts|mts|cts|js|mjs|cjs|json)$/;
/** A `test:` or `"test":` key in a vite config: the Vitest section. */
const VITE_TEST_SECTION = /(^|[\s,{])["']?test["']?\s*:/m;

export interface FrameworkSignals {
  /** Frameworks listed in the package's dependencies. */
  readonly listed: ReadonlySet<Framework>;
  /** Config files (or the package.json "jest" key) found, per framework. */
  readonly configs: ReadonlyMap<Framework, readonly string[]>;
  /** Frameworks the `test` script calls. */
  readonly scripted: ReadonlySet<Framework>;
  /** Frameworks installed where Node would find them from the package directory. */
  readonly installed: ReadonlySet<Framework>;
}

export interface FrameworkChoice {
  readonly framework: Framework | null;
  /** Why, when the signals pointed to more than one framework; null otherwise. */
  readonly note: string | null;
}

export async function readFrameworkSignals(
  packageDir: string,
  manifest: Readonly<Record<string, unknown>>,
): Promise<FrameworkSignals> {
  const installed = new Set<Framework>();
  for (const framework of FRAMEWORKS) if ((await findInstalledPackage(packageDir, framework)) !== null) installed.add(framework);
  const listed = new Set<Framework>();
  for (const field of DEPENDENCY_FIELDS) {
    const deps = manifest[field];
    if (deps === null || typeof deps !== 'object') continue;
    for (const framework of FRAMEWORKS) if (Object.hasOwn(deps, framework)) listed.add(framework);
  }

  const configs = new Map<Framework, string[]>();
  const note = (framework: Framework, source: string): void => {
    configs.set(framework, [...(configs.get(framework) ?? []), source]);
  };
  const names = (await readdir(packageDir).catch(() => [] as string[])).sort();
  for (const name of names) {
    if (VITEST_CONFIG.test(name)) note('vitest', name);
    else if (JEST_CONFIG.test(name)) note('jest', name);
    else if (VITE_CONFIG.test(name) && (await hasViteTestSection(join(packageDir, name)))) note('vitest', name);
  }
  if (manifest.jest !== undefined) note('jest', 'package.json "jest" key');

  const scripted = new Set<Framework>();
  const scripts = manifest.scripts;
  const testScript = scripts !== null && typeof scripts === 'object' ? (scripts as Record<string, unknown>).test : undefined;
  if (typeof testScript === 'string') {
    for (const framework of FRAMEWORKS) if (new RegExp(`\\b${framework}\\b`).test(testScript)) scripted.add(framework);
  }
  return { listed, configs, scripted, installed };
}

/**
 * The framework the signals point to (null when there are none), with a note when they conflict.
 * Only installed frameworks are considered while any signalled one is installed. Throws a
 * ConfigurationError when they point to both and nothing breaks the tie.
 */
export function chooseFramework(signals: FrameworkSignals, packageLabel: string): FrameworkChoice {
  const signalled = FRAMEWORKS.filter((framework) => signals.configs.has(framework) || signals.listed.has(framework) || signals.scripted.has(framework));
  const usable = signalled.filter((framework) => signals.installed.has(framework));
  if (usable.length === 1 && signalled.length > 1) {
    const [chosen] = usable as [Framework];
    const other = signalled.find((framework) => framework !== chosen)!;
    return {
      framework: chosen,
      note: `${packageLabel}: using ${chosen} (${evidenceOf(signals, chosen)}, installed), not ${other} (${evidenceOf(signals, other)}, not installed); set framework in testmaster's configuration to choose otherwise`,
    };
  }
  const framework = chooseBySignals(signals, packageLabel);
  const note =
    framework !== null && signalled.length > 1
      ? `${packageLabel}: using ${framework} (${evidenceOf(signals, framework)}) over ${signalled.find((other) => other !== framework)!} (${evidenceOf(signals, signalled.find((other) => other !== framework)!)}); set framework in testmaster's configuration to choose otherwise`
      : null;
  return { framework, note };
}

/** What points to a framework, for notes: its config files, its dependency, its test script. */
function evidenceOf(signals: FrameworkSignals, framework: Framework): string {
  const parts = [...(signals.configs.get(framework) ?? [])];
  if (signals.listed.has(framework)) parts.push('listed in package.json');
  if (signals.scripted.has(framework)) parts.push('called by the test script');
  return parts.join(', ');
}

function chooseBySignals(signals: FrameworkSignals, packageLabel: string): Framework | null {
  const tiers: readonly ReadonlySet<Framework>[] = [new Set(signals.configs.keys()), signals.listed, signals.scripted];
  const first = tiers.findIndex((tier) => tier.size > 0);
  if (first === -1) return null;
  let candidates = tiers[first] ?? new Set<Framework>();
  for (const tier of tiers.slice(first + 1)) {
    if (candidates.size === 1) break;
    const narrowed = new Set([...candidates].filter((framework) => tier.has(framework)));
    if (narrowed.size > 0) candidates = narrowed;
  }
  const [only, ...rest] = [...candidates];
  if (only !== undefined && rest.length === 0) return only;
  const evidence = FRAMEWORKS.filter((framework) => candidates.has(framework))
    .map((framework) => `${framework}: ${(signals.configs.get(framework) ?? ['listed in package.json']).join(', ')}`)
    .join('; ');
  throw new ConfigurationError(
    `${packageLabel} is set up for both vitest and jest (${evidence}): set the framework for this package in testmaster's configuration`,
  );
}

async function hasViteTestSection(file: string): Promise<boolean> {
  const text = await readFile(file, 'utf8').catch(() => '');
  return VITE_TEST_SECTION.test(text);
}
