/**
 * The effective git configuration of a directory, cached per directory and read again whenever one of
 * the files it can come from changed (config-list.ts names them). Each git command TestMaster runs
 * checks that fingerprint first: some stats (tens of microseconds); a change costs two git processes.
 * The fingerprint holds inode, size, mtime and ctime in nanoseconds; a process cannot set ctime back,
 * so any write to those files (or their creation, removal, replacement by a symlink) is seen, however
 * its times are forged.
 *
 * Reading never runs the repository's commands: `git config --list` only parses files, and
 * `git rev-parse` only locates the repository; both run with the fixed safe settings.
 */
import { spawn } from 'node:child_process';
import { lstatSync, statSync } from 'node:fs';
import { GitError } from '../errors/errors.js';
import { configSourceFiles, parseConfigList, type ConfigEntry, type GitLocations } from './config-list.js';
import { gitEnvironment } from './git-environment.js';
import { FIXED_CONFIG } from './safety-config.js';

interface Cached {
  readonly entries: readonly ConfigEntry[];
  readonly sources: readonly string[];
  readonly fingerprint: string;
}

const cache = new Map<string, Cached>();
const pending = new Map<string, Promise<Cached>>();

/** The configuration git sees in `cwd`, read again when any of its files changed since the last read. */
export async function effectiveConfig(cwd: string): Promise<readonly ConfigEntry[]> {
  const cached = cache.get(cwd);
  if (cached !== undefined && fingerprintOf(cached.sources) === cached.fingerprint) return cached.entries;
  let reading = pending.get(cwd);
  if (reading === undefined) {
    reading = readConfig(cwd, cached?.sources ?? []).finally(() => pending.delete(cwd));
    pending.set(cwd, reading);
  }
  const fresh = await reading;
  cache.set(cwd, fresh);
  return fresh.entries;
}

/** Forgets every cached configuration (the guard calls it after restoring a git directory). */
export function forgetEffectiveConfigs(): void {
  cache.clear();
}

async function readConfig(cwd: string, knownSources: readonly string[]): Promise<Cached> {
  const env = gitEnvironment(process.env, FIXED_CONFIG);
  // Stats taken before the read: a file changed while git reads it differs at the next check.
  const before = new Map(knownSources.map((file) => [file, fileSignature(file)]));
  const [located, listed] = await Promise.all([
    runPlain(cwd, ['rev-parse', '--path-format=absolute', '--show-toplevel', '--absolute-git-dir', '--git-common-dir'], env),
    runPlain(cwd, ['config', '--list', '--includes', '--show-origin', '-z'], env),
  ]);
  if (listed === null) return { entries: [], sources: [], fingerprint: 'unreadable' }; // cwd missing: the command itself says so
  if (listed.code !== 0) {
    const detail = listed.stderr.split('\n').find((line) => line.trim() !== '')?.replace(/^(fatal|error):\s*/, '') ?? `exit ${listed.code}`;
    if (/dubious ownership/i.test(listed.stderr)) {
      throw new GitError(`git refuses ${cwd} (dubious ownership); run: git config --global --add safe.directory ${cwd}`);
    }
    throw new GitError(`could not read the git configuration in ${cwd}: ${detail}`);
  }
  const entries = parseConfigList(listed.stdout);
  const sources = configSourceFiles(cwd, locationsOf(located), entries, env);
  const fingerprint = sources.map((file) => `${file}\0${before.get(file) ?? fileSignature(file)}`).join('\n');
  return { entries, sources, fingerprint };
}

function locationsOf(result: PlainResult | null): GitLocations {
  const lines = result !== null && result.code === 0 ? result.stdout.split('\n') : [];
  const [toplevel, gitDir, commonDir] = lines;
  return { toplevel: toplevel || null, gitDir: gitDir || null, commonDir: commonDir || null };
}

function fingerprintOf(files: readonly string[]): string {
  return files.map((file) => `${file}\0${fileSignature(file)}`).join('\n');
}

/** The file itself (a symlink is not followed) and, for a symlink, what it points to. */
function fileSignature(file: string): string {
  const own = lstatSync(file, { bigint: true, throwIfNoEntry: false });
  if (own === undefined) return '-';
  const sig = `${own.mode}:${own.ino}:${own.size}:${own.mtimeNs}:${own.ctimeNs}`;
  if (!own.isSymbolicLink()) return sig;
  const target = statSync(file, { bigint: true, throwIfNoEntry: false });
  return `${sig}>${target === undefined ? '-' : `${target.mode}:${target.ino}:${target.size}:${target.mtimeNs}:${target.ctimeNs}`}`;
}

interface PlainResult {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs git with the fixed settings only; null when it could not start (e.g. `cwd` does not exist). */
function runPlain(cwd: string, args: readonly string[], env: Record<string, string>): Promise<PlainResult | null> {
  return new Promise((resolve) => {
    const child = spawn('git', ['--no-pager', ...args], { cwd, env, stdio: ['ignore', 'pipe', 'pipe'], windowsHide: true });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => out.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => err.push(chunk));
    child.on('error', () => resolve(null));
    child.on('close', (code) => resolve({ code, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8') }));
  });
}
