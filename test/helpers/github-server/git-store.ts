/**
 * Git objects and refs of one fake repository, hashed exactly as git hashes them (SHA-1 of
 * `<type> <size>\0<content>`), so the ids match what a real `git` computes for the same content.
 * Trees are stored one level at a time, like git's; paths with slashes in a create-tree request are
 * split into nested trees. Refs move only forward unless forced (GitHub's fast-forward rule).
 */
import { createHash } from 'node:crypto';

export type TreeEntryType = 'blob' | 'tree' | 'commit';

export interface TreeEntry {
  readonly name: string;
  /** As the API shows it: `100644`, `100755`, `040000`, `160000`, `120000`. */
  readonly mode: string;
  readonly type: TreeEntryType;
  readonly sha: string;
}

export interface GitPerson {
  readonly name: string;
  readonly email: string;
  /** ISO 8601. */
  readonly date: string;
}

export interface GitCommit {
  readonly sha: string;
  readonly tree: string;
  readonly parents: readonly string[];
  readonly message: string;
  readonly author: GitPerson;
  readonly committer: GitPerson;
}

/** One change to a tree, by full path: new content, an existing object, or `sha: null` to delete. */
export interface TreeChange {
  readonly path: string;
  readonly mode: string;
  readonly type: TreeEntryType;
  readonly sha?: string | null;
  readonly content?: string;
}

export class GitStoreError extends Error {}

export class GitStore {
  private readonly blobs = new Map<string, Buffer>();
  private readonly trees = new Map<string, readonly TreeEntry[]>();
  private readonly commits = new Map<string, GitCommit>();
  /** Full ref name (`refs/heads/main`) -> commit sha. */
  private readonly refs = new Map<string, string>();

  createBlob(content: Buffer): string {
    const sha = hashObject('blob', content);
    this.blobs.set(sha, content);
    return sha;
  }

  blob(sha: string): Buffer | undefined {
    return this.blobs.get(sha);
  }

  tree(sha: string): readonly TreeEntry[] | undefined {
    return this.trees.get(sha);
  }

  commit(sha: string): GitCommit | undefined {
    return this.commits.get(sha);
  }

  has(sha: string, type: TreeEntryType): boolean {
    if (type === 'blob') return this.blobs.has(sha);
    if (type === 'tree') return this.trees.has(sha);
    return this.commits.has(sha);
  }

  /** Builds a tree from `changes` on top of `baseTree` (or on nothing) and returns the root tree's sha. */
  createTree(changes: readonly TreeChange[], baseTree?: string): string {
    const files = new Map<string, { mode: string; type: TreeEntryType; sha: string }>();
    if (baseTree !== undefined) {
      if (!this.trees.has(baseTree)) throw new GitStoreError(`base_tree ${baseTree} is not a valid tree`);
      for (const [path, entry] of this.flatten(baseTree)) files.set(path, entry);
    }
    for (const change of changes) {
      const path = change.path.replace(/^\/+|\/+$/g, '');
      if (!path) throw new GitStoreError('tree.path is empty');
      if (change.sha !== undefined && change.content !== undefined) {
        throw new GitStoreError('Use either tree.sha or tree.content, not both');
      }
      if (change.sha === null) {
        for (const key of [...files.keys()]) if (key === path || key.startsWith(`${path}/`)) files.delete(key);
        continue;
      }
      if (change.content !== undefined) {
        files.set(path, { mode: change.mode, type: 'blob', sha: this.createBlob(Buffer.from(change.content, 'utf8')) });
        continue;
      }
      if (change.sha === undefined) throw new GitStoreError(`tree entry ${path} has neither sha nor content`);
      if (change.type !== 'commit' && !this.has(change.sha, change.type)) {
        throw new GitStoreError(`tree.sha ${change.sha} is not a valid ${change.type}`);
      }
      if (change.type === 'tree') {
        for (const key of [...files.keys()]) if (key === path || key.startsWith(`${path}/`)) files.delete(key);
        for (const [sub, entry] of this.flatten(change.sha)) files.set(`${path}/${sub}`, entry);
      } else {
        files.set(path, { mode: change.mode, type: change.type, sha: change.sha });
      }
    }
    return this.writeNested(files);
  }

  createCommit(input: { tree: string; parents: readonly string[]; message: string; author: GitPerson; committer: GitPerson }): GitCommit {
    if (!this.trees.has(input.tree)) throw new GitStoreError(`Tree SHA does not exist`);
    for (const parent of input.parents) {
      if (!this.commits.has(parent)) throw new GitStoreError(`Parent SHA does not exist or is not a commit object`);
    }
    const lines = [`tree ${input.tree}`, ...input.parents.map((p) => `parent ${p}`)];
    lines.push(`author ${signature(input.author)}`, `committer ${signature(input.committer)}`, '', input.message);
    const sha = hashObject('commit', Buffer.from(lines.join('\n'), 'utf8'));
    const commit: GitCommit = { sha, ...input, parents: [...input.parents] };
    this.commits.set(sha, commit);
    return commit;
  }

  /** Full path -> entry for every blob (and submodule) under a tree. */
  flatten(treeSha: string, prefix = ''): Map<string, { mode: string; type: TreeEntryType; sha: string }> {
    const out = new Map<string, { mode: string; type: TreeEntryType; sha: string }>();
    for (const entry of this.trees.get(treeSha) ?? []) {
      const path = prefix ? `${prefix}/${entry.name}` : entry.name;
      if (entry.type === 'tree') for (const [sub, value] of this.flatten(entry.sha, path)) out.set(sub, value);
      else out.set(path, { mode: entry.mode, type: entry.type, sha: entry.sha });
    }
    return out;
  }

  /** Text of every file at a commit (for assertions). */
  filesAt(commitSha: string): Map<string, string> {
    const commit = this.commits.get(commitSha);
    if (!commit) throw new GitStoreError(`no commit ${commitSha}`);
    const out = new Map<string, string>();
    for (const [path, entry] of this.flatten(commit.tree)) {
      if (entry.type === 'blob') out.set(path, (this.blobs.get(entry.sha) ?? Buffer.alloc(0)).toString('utf8'));
    }
    return out;
  }

  ref(fullName: string): string | undefined {
    return this.refs.get(fullName);
  }

  refNames(): string[] {
    return [...this.refs.keys()].sort();
  }

  createRef(fullName: string, sha: string): void {
    if (!/^refs\/[^/]+\/.+/.test(fullName)) throw new GitStoreError('Reference name is invalid');
    if (this.refs.has(fullName)) throw new GitStoreError('Reference already exists');
    if (!this.commits.has(sha)) throw new GitStoreError('Object does not exist');
    this.refs.set(fullName, sha);
  }

  updateRef(fullName: string, sha: string, force: boolean): void {
    const current = this.refs.get(fullName);
    if (current === undefined) throw new GitStoreError('Reference does not exist');
    if (!this.commits.has(sha)) throw new GitStoreError('Object does not exist');
    if (!force && current !== sha && !this.isAncestor(current, sha)) throw new GitStoreError('Update is not a fast forward');
    this.refs.set(fullName, sha);
  }

  deleteRef(fullName: string): void {
    if (!this.refs.delete(fullName)) throw new GitStoreError('Reference does not exist');
  }

  /** True when `ancestor` is reachable from `descendant` through parents. */
  isAncestor(ancestor: string, descendant: string): boolean {
    const seen = new Set<string>();
    const queue = [descendant];
    while (queue.length > 0) {
      const sha = queue.shift()!;
      if (sha === ancestor) return true;
      if (seen.has(sha)) continue;
      seen.add(sha);
      queue.push(...(this.commits.get(sha)?.parents ?? []));
    }
    return false;
  }

  private writeNested(files: Map<string, { mode: string; type: TreeEntryType; sha: string }>): string {
    const direct: TreeEntry[] = [];
    const subdirs = new Map<string, Map<string, { mode: string; type: TreeEntryType; sha: string }>>();
    for (const [path, entry] of files) {
      const slash = path.indexOf('/');
      if (slash < 0) {
        direct.push({ name: path, ...entry });
        continue;
      }
      const dir = path.slice(0, slash);
      if (!subdirs.has(dir)) subdirs.set(dir, new Map());
      subdirs.get(dir)!.set(path.slice(slash + 1), entry);
    }
    for (const [dir, children] of subdirs) direct.push({ name: dir, mode: '040000', type: 'tree', sha: this.writeNested(children) });
    return this.writeTree(direct);
  }

  private writeTree(entries: readonly TreeEntry[]): string {
    // git orders entries by name, a tree's name compared as if it ended with '/'.
    const sorted = [...entries].sort((a, b) => compareBytes(sortKey(a), sortKey(b)));
    const parts: Buffer[] = [];
    for (const entry of sorted) {
      const mode = entry.mode === '040000' ? '40000' : entry.mode;
      parts.push(Buffer.from(`${mode} ${entry.name}\0`, 'utf8'), Buffer.from(entry.sha, 'hex'));
    }
    const sha = hashObject('tree', Buffer.concat(parts));
    this.trees.set(sha, sorted);
    return sha;
  }
}

export function hashObject(type: 'blob' | 'tree' | 'commit', content: Buffer): string {
  return createHash('sha1').update(`${type} ${content.length}\0`).update(content).digest('hex');
}

function signature(person: GitPerson): string {
  const seconds = Math.floor(new Date(person.date).getTime() / 1000);
  return `${person.name} <${person.email}> ${seconds} +0000`;
}

function sortKey(entry: TreeEntry): Buffer {
  return Buffer.from(entry.type === 'tree' ? `${entry.name}/` : entry.name, 'utf8');
}

function compareBytes(a: Buffer, b: Buffer): number {
  return Buffer.compare(a, b);
}
