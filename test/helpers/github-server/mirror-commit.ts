/**
 * Copies a commit of a local git repository (and its ancestors) into the fake GitHub's git data.
 * The fake hashes objects as git does, so the ids must come out the same; anything else is an error.
 * Also: a new commit of some files on top of the local repository's HEAD (for a pull request's next head).
 */
import { execFile } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import type { GitStore } from './git-store.js';

const exec = promisify(execFile);

/** Fixed identity, UTC and no user or system git config, so commits are reproducible and mirrorable. */
export const GIT_ENV = {
  ...process.env,
  TZ: 'UTC',
  GIT_CONFIG_NOSYSTEM: '1',
  GIT_CONFIG_GLOBAL: '/dev/null',
  GIT_AUTHOR_NAME: 'Dev',
  GIT_AUTHOR_EMAIL: 'dev@example.com',
  GIT_COMMITTER_NAME: 'Dev',
  GIT_COMMITTER_EMAIL: 'dev@example.com',
};

async function git(dir: string, ...args: string[]): Promise<string> {
  return (await exec('git', args, { cwd: dir, env: GIT_ENV, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 })).stdout;
}

export async function mirrorCommit(store: GitStore, dir: string, sha: string): Promise<void> {
  if (store.commit(sha)) return;
  const raw = await git(dir, 'cat-file', 'commit', sha);
  const split = raw.indexOf('\n\n');
  const headers = raw.slice(0, split).split('\n');
  const message = raw.slice(split + 2);
  const value = (key: string): string[] => headers.filter((line) => line.startsWith(`${key} `)).map((line) => line.slice(key.length + 1));
  const parents = value('parent');
  for (const parent of parents) await mirrorCommit(store, dir, parent);

  const listing = await git(dir, 'ls-tree', '-r', '-z', '--full-tree', sha);
  const changes = [];
  for (const entry of listing.split('\0').filter(Boolean)) {
    const [meta, path] = entry.split('\t') as [string, string];
    const [mode, , blob] = meta.split(' ') as [string, string, string];
    const content = await git(dir, 'cat-file', 'blob', blob);
    changes.push({ path, mode, type: 'blob' as const, content });
  }
  const tree = store.createTree(changes);
  if (tree !== value('tree')[0]) throw new Error(`mirroring ${sha}: tree ${tree} differs from git's ${value('tree')[0]}`);
  const person = (line: string) => {
    const match = /^(.*) <(.*)> (\d+) ([+-]\d{4})$/.exec(line);
    if (!match || match[4] !== '+0000') throw new Error(`mirroring ${sha}: cannot copy the signature "${line}" (the fake writes +0000 only)`);
    return { name: match[1]!, email: match[2]!, date: new Date(Number(match[3]) * 1000).toISOString() };
  };
  const commit = store.createCommit({ tree, parents, message, author: person(value('author')[0]!), committer: person(value('committer')[0]!) });
  if (commit.sha !== sha) throw new Error(`mirroring ${sha}: the fake computed ${commit.sha}`);
}

/** Writes `files` (path -> text) in the checkout, commits them on its HEAD, mirrors the commit; returns its id. */
export async function commitOnTop(store: GitStore, dir: string, files: Readonly<Record<string, string>>, message: string): Promise<string> {
  for (const [path, content] of Object.entries(files)) {
    await mkdir(dirname(join(dir, path)), { recursive: true });
    await writeFile(join(dir, path), content);
  }
  await git(dir, 'add', '--', ...Object.keys(files));
  await git(dir, '-c', 'core.hooksPath=/dev/null', '-c', 'commit.gpgsign=false', 'commit', '--quiet', '-m', message);
  const sha = (await git(dir, 'rev-parse', 'HEAD')).trim();
  await mirrorCommit(store, dir, sha);
  return sha;
}
