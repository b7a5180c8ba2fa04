/**
 * Loads the one typed, readonly Config from three layers, later ones winning:
 *   defaults < the repository's config file < action inputs / CLI flags.
 * Each layer is validated on its own with the same strict schema, so an error names the layer it came
 * from. `exclude` is the exception to "later wins": every layer adds to the built-in list (excluding
 * is never undone by another layer). `api-key` is refused in any file: a key belongs in a secret. A
 * repository's file (the default) also may not say where the key goes, and its paths must stay inside
 * the repository (src/config/repository-file-rules.ts, confine-path.ts).
 */
import { constants } from 'node:fs';
import { open } from 'node:fs/promises';
import { isAbsolute, relative, resolve } from 'node:path';
import { parseDocument } from 'yaml';
import { ConfigurationError } from '../errors/errors.js';
import { findRepositoryRoots, pathConfinementProblem, type RepositoryRoots } from './confine-path.js';
import { formatIssue } from './format-issue.js';
import { parseOverrides } from './parse-overrides.js';
import { confinedPathMessage, PATH_SETTINGS, refusedKeyMessage, type ConfigFileOrigin } from './repository-file-rules.js';
import { configFileSchema, toConfig, type Config, type ConfigKey, type RawConfig } from './schema.js';

export { parseOverrides } from './parse-overrides.js';

/** Looked for when no config file is named; it is optional. */
export const DEFAULT_CONFIG_PATHS = ['.github/testmaster.yml', '.github/testmaster.yaml'] as const;

export const MAX_CONFIG_BYTES = 256 * 1024;
const MAX_ISSUES_SHOWN = 3;

/** Reads a text file; null when it does not exist. */
export type ConfigFileReader = (absolutePath: string) => Promise<string | null>;

export interface LoadConfigOptions {
  readonly repoDir: string;
  /** A config file named explicitly (absolute, or relative to repoDir); it must exist. */
  readonly configPath?: string | null;
  /** Action inputs / CLI flags by kebab-case key; string values are coerced with parseOverrides. */
  readonly overrides?: Readonly<Record<string, unknown>>;
  /** How error messages name an override, e.g. 'input' or 'flag' (default 'setting'). */
  readonly overridesLabel?: string;
  readonly readFile?: ConfigFileReader;
  /** Whose file it is: 'repository' (the default: refused keys, confined paths) or 'user' (a file the user named outside the repository). */
  readonly origin?: ConfigFileOrigin;
  /** The repository that a repository file's paths must stay in; default: found from repoDir. */
  readonly roots?: RepositoryRoots;
}

export async function loadConfig(options: LoadConfigOptions): Promise<Config> {
  const readFile = options.readFile ?? readTextFile;
  const file = await readConfigFile(options.repoDir, options.configPath ?? null, readFile);
  const origin = options.origin ?? 'repository';
  const fileLayer: Partial<RawConfig> = file === null ? {} : validateFileLayer(file, origin);
  if (file !== null && origin === 'repository') {
    await confineFilePaths(fileLayer, file.displayName, options.repoDir, async () => options.roots ?? findRepositoryRoots(options.repoDir));
  }
  const label = options.overridesLabel ?? 'setting';
  const describeOverride = (key: string): string => `${label} "${key}"`;
  const overrideLayer = validateLayer(parseOverrides(options.overrides ?? {}, describeOverride), describeOverride);

  const defaults = configFileSchema.parse({});
  const merged: RawConfig = {
    ...defaults,
    ...fileLayer,
    ...overrideLayer,
    exclude: unique([...(fileLayer.exclude ?? []), ...(overrideLayer.exclude ?? [])]),
  };
  return toConfig(merged);
}

interface ConfigFileText {
  readonly text: string;
  /** Repository-relative when inside the repository, for messages. */
  readonly displayName: string;
}

async function readConfigFile(repoDir: string, configPath: string | null, readFile: ConfigFileReader): Promise<ConfigFileText | null> {
  const candidates = configPath === null ? DEFAULT_CONFIG_PATHS.map((path) => resolve(repoDir, path)) : [resolve(repoDir, configPath)];
  for (const absolutePath of candidates) {
    const text = await readFile(absolutePath);
    const displayName = displayPath(repoDir, absolutePath);
    if (text === null) continue;
    if (Buffer.byteLength(text) > MAX_CONFIG_BYTES) {
      throw new ConfigurationError(`${displayName}: the config file is larger than ${MAX_CONFIG_BYTES / 1024} KiB; it should hold a few settings`);
    }
    return { text, displayName };
  }
  if (configPath !== null) {
    throw new ConfigurationError(
      `config file ${displayPath(repoDir, candidates[0]!)} does not exist; fix the path given with --config or the "config" input, or leave it out to use ${DEFAULT_CONFIG_PATHS[0]} when present`,
    );
  }
  return null;
}

function validateFileLayer(file: ConfigFileText, origin: ConfigFileOrigin): Partial<RawConfig> {
  const mapping = parseYamlMapping(file.text, file.displayName);
  const refused = refusedKeyMessage(mapping, file.displayName, origin);
  if (refused !== null) throw new ConfigurationError(refused);
  return validateLayer(mapping, (key) => `${file.displayName}: "${key}"`);
}

/** A repository file's path settings, resolved as the run will resolve them (from repoDir), must stay inside the repository. */
async function confineFilePaths(layer: Partial<RawConfig>, displayName: string, repoDir: string, findRoots: () => Promise<RepositoryRoots>): Promise<void> {
  let roots: RepositoryRoots | null = null;
  for (const [key, use] of Object.entries(PATH_SETTINGS)) {
    const value = layer[key as ConfigKey];
    if (typeof value !== 'string' || use === undefined) continue;
    roots ??= await findRoots();
    const problem = await pathConfinementProblem(resolve(repoDir, value), roots, use);
    if (problem !== null) throw new ConfigurationError(confinedPathMessage(displayName, key as ConfigKey, value, problem));
  }
}

/** YAML text -> its top-level mapping ({} for an empty file); syntax errors name the line. */
function parseYamlMapping(text: string, displayName: string): Record<string, unknown> {
  const document = parseDocument(text, { prettyErrors: true, uniqueKeys: true });
  const [error] = document.errors;
  if (error !== undefined) {
    const where = error.linePos?.[0];
    const position = where === undefined ? '' : ` at line ${where.line}, column ${where.col}`;
    const reason = error.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
    throw new ConfigurationError(
      `${displayName}: invalid YAML${position}: ${reason}; write one "key: value" per line (lists as [a, b] or "- item" lines) and quote values containing ": " or "#"`,
    );
  }
  const value: unknown = document.toJS({ maxAliasCount: 100 });
  if (value === null || value === undefined) return {};
  if (typeof value !== 'object' || Array.isArray(value)) {
    throw new ConfigurationError(
      `${displayName}: expected a mapping of settings ("key: value" lines), got ${Array.isArray(value) ? 'a list' : `the ${typeof value} ${JSON.stringify(value)}`}`,
    );
  }
  return value as Record<string, unknown>;
}

/** Validates one layer; returns only the keys it set, with their parsed values. */
function validateLayer(layer: Record<string, unknown>, describeKey: (key: string) => string): Partial<RawConfig> {
  const result = configFileSchema.safeParse(layer);
  if (!result.success) {
    const context = { describeKey, input: layer, shape: configFileSchema.shape };
    const lines = unique(result.error.issues.map((issue) => formatIssue(issue, context)));
    const more = lines.length > MAX_ISSUES_SHOWN ? `; and ${lines.length - MAX_ISSUES_SHOWN} more` : '';
    throw new ConfigurationError(`${lines.slice(0, MAX_ISSUES_SHOWN).join('; ')}${more}`);
  }
  const present = Object.keys(layer).filter((key) => layer[key] !== undefined);
  return Object.fromEntries(present.map((key) => [key, result.data[key as keyof RawConfig]])) as Partial<RawConfig>;
}

/**
 * Reads a config file from disk: a regular file (a FIFO or a device is refused, never waited on or read
 * without end), at most one byte more than the size limit; null when it does not exist.
 */
export async function readTextFile(absolutePath: string): Promise<string | null> {
  let handle;
  try {
    handle = await open(absolutePath, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return null;
    throw new ConfigurationError(`cannot read config file ${absolutePath}: ${(error as Error).message}`, { cause: error });
  }
  try {
    const stats = await handle.stat();
    if (stats.isDirectory()) throw new ConfigurationError(`config file ${absolutePath} is a directory; name a YAML file`);
    if (!stats.isFile()) throw new ConfigurationError(`config file ${absolutePath} is not a regular file; name a YAML file`);
    const buffer = Buffer.alloc(MAX_CONFIG_BYTES + 1);
    let length = 0;
    for (;;) {
      const { bytesRead } = await handle.read(buffer, length, buffer.length - length, length);
      if (bytesRead === 0 || (length += bytesRead) === buffer.length) break;
    }
    return buffer.subarray(0, length).toString('utf8');
  } catch (error) {
    if (error instanceof ConfigurationError) throw error;
    throw new ConfigurationError(`cannot read config file ${absolutePath}: ${(error as Error).message}`, { cause: error });
  } finally {
    await handle.close();
  }
}

/** Repository-relative (POSIX) when inside repoDir, else the absolute path: how messages name a config file. */
export function displayPath(repoDir: string, absolutePath: string): string {
  const inside = relative(repoDir, absolutePath);
  return inside !== '' && !inside.startsWith('..') && !isAbsolute(inside) ? inside.split('\\').join('/') : absolutePath;
}

function unique<T>(values: readonly T[]): T[] {
  return [...new Set(values)];
}
