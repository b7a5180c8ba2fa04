/**
 * The configuration of one run, the same way for the action and the CLI: the repository's config file
 * as it is at the base commit (the merge base of the run's base and head, resolved by the caller),
 * never as the pull request has it, then the inputs or flags on top, with paths made absolute. A
 * pull request cannot change how it is measured, where the model key goes or where files are written.
 *
 * A file the user names on the command line (`namedFileFrom: 'disk'`) is the user's choice and is
 * read from disk as given; when it lies in the repository, it is still the repository's file (the
 * same refused keys and confined paths) and a note says it came from the working tree. When the
 * default file differs between the base and the working tree, a note says the base version was used.
 */
import { lstat } from 'node:fs/promises';
import { relative, resolve, sep } from 'node:path';
import { ConfigurationError } from '../errors/errors.js';
import { runGit, runGitBuffer } from '../git/exec.js';
import { findRepositoryRoots, isRepositoryFile } from './confine-path.js';
import { DEFAULT_CONFIG_PATHS, displayPath, loadConfig, MAX_CONFIG_BYTES, readTextFile, type ConfigFileReader } from './load-config.js';
import type { ConfigFileOrigin } from './repository-file-rules.js';
import { resolveConfigPaths } from './resolve-config-paths.js';
import type { Config } from './schema.js';

export interface RunConfigRequest {
  /** The directory the run is for (the repository or a directory in it); relative paths are resolved from it. */
  readonly repoDir: string;
  /** Full id of the merge base of the run's base and head: where the repository's file is read. */
  readonly baseCommit: string;
  /** A config file named by the user (absolute), or null for `.github/testmaster.yml` when present. */
  readonly configPath: string | null;
  /** Where a named file is read: at the base commit (the action: the input names a file of the repository) or from disk as given (the CLI). */
  readonly namedFileFrom: 'base' | 'disk';
  /** Inputs or flags by kebab-case key. */
  readonly overrides: Readonly<Record<string, unknown>>;
  /** How messages name an override: 'input' or 'flag'. */
  readonly overridesLabel: string;
}

export interface RunConfig {
  /** Paths absolute. */
  readonly config: Config;
  /** One-line notes for the user (stderr in the CLI): which version of the file was used, and why. */
  readonly notes: readonly string[];
}

export async function loadRunConfig(request: RunConfigRequest): Promise<RunConfig> {
  const { repoDir, baseCommit, configPath } = request;
  const roots = await findRepositoryRoots(repoDir);
  const fromDisk = configPath !== null && request.namedFileFrom === 'disk';
  const origin: ConfigFileOrigin = fromDisk && !(await isRepositoryFile(configPath, roots)) ? 'user' : 'repository';
  const atBase = configReaderAtCommit(repoDir, baseCommit);
  const loaded = await loadConfig({
    repoDir,
    configPath,
    overrides: request.overrides,
    overridesLabel: request.overridesLabel,
    readFile: fromDisk ? readTextFile : atBase,
    origin,
    roots,
  });
  const short = baseCommit.slice(0, 12);
  const notes = fromDisk
    ? origin === 'repository'
      ? [`${displayPath(repoDir, configPath)} was read from the working tree, as named with --config, not as it is at the base commit ${short}; it is still the repository's file: it may not set base-url, azure-endpoint or api-key, nor paths outside the repository`]
      : []
    : await baseVersionNotes(repoDir, configPath, atBase, short);
  return { config: resolveConfigPaths(loaded, repoDir), notes };
}

/**
 * Reads config files as they are at `commit` (a regular file there; null when absent). Paths are
 * taken relative to repoDir, as git's `<commit>:./<path>` does, so a directory inside the repository
 * reads its own `.github/testmaster.yml`, as on disk.
 */
export function configReaderAtCommit(repoDir: string, commit: string): ConfigFileReader {
  return async (absolutePath) => {
    const path = relative(repoDir, absolutePath).split(sep).join('/');
    const listed = await runGit(repoDir, ['--literal-pathspecs', 'ls-tree', '-l', '-z', commit, '--', path], { okExitCodes: [128] });
    const entry = listed.exitCode === 0 ? listed.stdout.split('\0')[0]! : '';
    const match = /^(\d+) (\w+) ([0-9a-f]+) +(\d+|-)\t/.exec(entry);
    if (match === null) return null;
    const [, mode, , oid, size] = match;
    if (mode !== '100644' && mode !== '100755') {
      throw new ConfigurationError(`config file ${path} is not a regular file at the base commit ${commit.slice(0, 12)}; make it a YAML file`);
    }
    // Larger than the limit: loadConfig says so; its first bytes are enough for that.
    const bytes = Number(size) > MAX_CONFIG_BYTES ? Buffer.alloc(MAX_CONFIG_BYTES + 1, 0x20) : (await runGitBuffer(repoDir, ['cat-file', 'blob', oid!])).stdout;
    return bytes.toString('utf8');
  };
}

/** Why the file was not taken from the working tree: for the notes. */
const BASE_REASON =
  "the repository's configuration is read as it is at the base commit, so a pull request cannot change how it is measured, where the model key goes or where files are written (merge the change first, or name the file with --config to use it as it is)";

/** One note when the file TestMaster looked for differs between the base commit and the working tree. */
async function baseVersionNotes(repoDir: string, configPath: string | null, atBase: ConfigFileReader, short: string): Promise<string[]> {
  const candidates = configPath === null ? DEFAULT_CONFIG_PATHS.map((path) => resolve(repoDir, path)) : [configPath];
  for (const absolutePath of candidates) {
    const [base, working] = await Promise.all([atBase(absolutePath).catch(() => null), workingTreeText(absolutePath)]);
    if (base === null && working === null) continue;
    const name = displayPath(repoDir, absolutePath);
    if (base === working) return [];
    if (base === null) return [`${name} is in the working tree but not at the base commit ${short}; it was not used: ${BASE_REASON}`];
    if (working === null) return [`${name} is at the base commit ${short} but not in the working tree; the base version was used: ${BASE_REASON}`];
    return [`${name} differs between the base commit ${short} and the working tree; the base version was used: ${BASE_REASON}`];
  }
  return [];
}

/** The working tree's file for comparison: its text, a marker for anything but a regular file (never followed), null when absent. */
async function workingTreeText(absolutePath: string): Promise<string | null> {
  const stats = await lstat(absolutePath).catch(() => null);
  if (stats === null) return null;
  if (!stats.isFile()) return `\0${stats.isSymbolicLink() ? 'link' : 'special'}`;
  return readTextFile(absolutePath).catch(() => '\0unreadable');
}
