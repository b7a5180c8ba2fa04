/**
 * The real-pull-request corpus (bench/real-prs/corpus.json): which public commits are replayed, in which
 * package, and how their dependencies are installed. Loading checks every field and says which case is
 * wrong and how.
 */
import { readFileSync } from 'node:fs';

/** How a case's dependencies are installed, at the repository root. */
export type PackageManager = 'npm' | 'pnpm' | 'yarn';

export interface CorpusCase {
  /** Short, unique, used for the checkout's directory and the recorded answers' directory. */
  readonly id: string;
  /** GitHub owner/name. */
  readonly repo: string;
  /** The maintainers' commit: its parent is the base, its non-test changes the pull request. */
  readonly commit: string;
  /** Repository-relative directory of the package the commit changes ('.' for the root). */
  readonly packageDir: string;
  readonly install: PackageManager;
  readonly notes: string;
}

const MANAGERS: readonly string[] = ['npm', 'pnpm', 'yarn'];

function checkCase(raw: unknown, index: number): CorpusCase {
  const entry = (raw ?? {}) as Record<string, unknown>;
  const text = (field: string): string => {
    const value = entry[field];
    if (typeof value !== 'string' || value === '') throw new Error(`corpus case ${index + 1}: "${field}" must be a non-empty string`);
    return value;
  };
  const id = text('id');
  if (!/^[a-z0-9-]+$/.test(id)) throw new Error(`corpus case ${id}: "id" may hold only a-z, 0-9 and "-"`);
  const repo = text('repo');
  if (!/^[\w.-]+\/[\w.-]+$/.test(repo)) throw new Error(`corpus case ${id}: "repo" must be owner/name, got "${repo}"`);
  const commit = text('commit');
  if (!/^[0-9a-f]{40}$/.test(commit)) throw new Error(`corpus case ${id}: "commit" must be a full 40-hex commit id`);
  const install = text('install');
  if (!MANAGERS.includes(install)) throw new Error(`corpus case ${id}: "install" must be one of ${MANAGERS.join(', ')}, got "${install}"`);
  const packageDir = text('packageDir');
  if (packageDir.startsWith('/') || packageDir.split('/').includes('..')) throw new Error(`corpus case ${id}: "packageDir" must be repository-relative`);
  return { id, repo, commit, packageDir, install: install as PackageManager, notes: typeof entry.notes === 'string' ? entry.notes : '' };
}

export function parseCorpus(json: string): CorpusCase[] {
  const cases = (JSON.parse(json) as { cases?: unknown }).cases;
  if (!Array.isArray(cases)) throw new Error('corpus: expected {"cases": [...]}');
  const parsed = cases.map(checkCase);
  const seen = new Set<string>();
  for (const entry of parsed) {
    if (seen.has(entry.id)) throw new Error(`corpus: case id "${entry.id}" appears twice`);
    seen.add(entry.id);
  }
  return parsed;
}

export function loadCorpus(file: string): CorpusCase[] {
  return parseCorpus(readFileSync(file, 'utf8'));
}
