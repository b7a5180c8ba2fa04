/**
 * The fake GitHub's memory: identities (token -> login), repositories with their issues and pull
 * requests (one number sequence, as on GitHub), issue comments with reactions and a minimized flag,
 * collaborator roles, workflows with the workflow_dispatch runs asked of them, and each repository's
 * git objects and refs (git-store.ts).
 *
 * Tests seed and inspect it directly (addPullRequest, addComment, minimizeComment, seedCommit,
 * addWorkflow, comments(), ...); the HTTP handlers change it only through the same methods.
 */
import { GitStore, type GitPerson } from './git-store.js';

export type Role = 'admin' | 'maintain' | 'write' | 'triage' | 'read' | 'none';
export type PermissionLevel = 'read' | 'write' | 'admin';

export interface Identity {
  readonly login: string;
  readonly id: number;
  /** `Bot` for an installation token such as the Actions GITHUB_TOKEN (login ends in `[bot]`). */
  readonly type: 'User' | 'Bot';
  /**
   * Fine-grained permissions of the token (`pull_requests: 'write'`, ...). Undefined: everything is
   * allowed. When set, a request needing a permission the token lacks gets GitHub's 403 with
   * `x-accepted-github-permissions`.
   */
  readonly permissions?: Readonly<Record<string, PermissionLevel>>;
}

export interface IdentityInput {
  readonly login: string;
  readonly type?: 'User' | 'Bot';
  readonly permissions?: Readonly<Record<string, PermissionLevel>>;
}

export interface StoredComment {
  readonly id: number;
  readonly nodeId: string;
  readonly owner: string;
  readonly repo: string;
  readonly issueNumber: number;
  body: string;
  readonly author: string;
  readonly createdAt: string;
  updatedAt: string;
  /** GraphQL `isMinimized`; REST `minimized: { reason }`. */
  minimizedReason: string | null;
  readonly reactions: StoredReaction[];
}

export interface StoredReaction {
  readonly id: number;
  readonly nodeId: string;
  readonly content: string;
  readonly user: string;
  readonly createdAt: string;
}

export interface StoredIssue {
  readonly number: number;
  readonly nodeId: string;
  title: string;
  body: string | null;
  readonly author: string;
  readonly createdAt: string;
  updatedAt: string;
  /** Null for a plain issue. */
  readonly pull: StoredPull | null;
}

export interface StoredPull {
  state: 'open' | 'closed';
  draft: boolean;
  closedAt: string | null;
  readonly headOwner: string;
  readonly headRef: string;
  baseRef: string;
  /** Used when the head/base branch does not exist in the git store (a PR seeded without git data). */
  readonly headSha: string;
  readonly baseSha: string;
  maintainerCanModify: boolean;
}

export interface StoredWorkflow {
  readonly id: number;
  /** e.g. `.github/workflows/testmaster.yml`; its file name is what `workflow_id` may name. */
  readonly path: string;
  readonly name: string;
  /**
   * The `on.workflow_dispatch.inputs` of the workflow file (name -> required); null when the file has
   * no workflow_dispatch trigger (GitHub then refuses a dispatch with 422).
   */
  readonly dispatchInputs: Readonly<Record<string, { readonly required: boolean }>> | null;
}

/** A workflow_dispatch GitHub accepted (the run it would start). */
export interface StoredDispatch {
  readonly workflowId: number;
  readonly workflowPath: string;
  readonly ref: string;
  readonly inputs: Readonly<Record<string, string>>;
  /** Who asked (the token's login). */
  readonly actor: string;
  readonly at: string;
}

export interface StoredRepo {
  readonly owner: string;
  readonly name: string;
  readonly id: number;
  readonly defaultBranch: string;
  readonly git: GitStore;
  readonly issues: Map<number, StoredIssue>;
  readonly roles: Map<string, Role>;
  readonly workflows: Map<number, StoredWorkflow>;
  readonly dispatches: StoredDispatch[];
  nextNumber: number;
}

export class GitHubState {
  private readonly identities = new Map<string, Identity>();
  private readonly users = new Map<string, number>();
  private readonly repos = new Map<string, StoredRepo>();
  private readonly commentsById = new Map<number, StoredComment>();
  private nextId = 1000;
  private clock = Date.parse('2024-01-01T00:00:00Z');

  constructor(private readonly webOrigin: string) {}

  /** A fresh id for any object (comments, reactions, repos, users). */
  newId(): number {
    this.nextId += 1;
    return this.nextId;
  }

  /** A timestamp that increases by one second at every call, so order is visible in data. */
  now(): string {
    this.clock += 1000;
    return new Date(this.clock).toISOString().replace(/\.\d{3}Z$/, 'Z');
  }

  addIdentity(token: string, input: IdentityInput): Identity {
    const identity: Identity = {
      login: input.login,
      id: this.userId(input.login),
      type: input.type ?? (input.login.endsWith('[bot]') ? 'Bot' : 'User'),
      ...(input.permissions ? { permissions: input.permissions } : {}),
    };
    this.identities.set(token, identity);
    return identity;
  }

  identityFor(token: string): Identity | undefined {
    return this.identities.get(token);
  }

  /** A stable numeric id per login. */
  userId(login: string): number {
    let id = this.users.get(login);
    if (id === undefined) {
      id = this.newId();
      this.users.set(login, id);
    }
    return id;
  }

  addRepo(owner: string, name: string, options: { defaultBranch?: string } = {}): StoredRepo {
    const key = repoKey(owner, name);
    const existing = this.repos.get(key);
    if (existing) return existing;
    const repo: StoredRepo = {
      owner,
      name,
      id: this.newId(),
      defaultBranch: options.defaultBranch ?? 'main',
      git: new GitStore(),
      issues: new Map(),
      roles: new Map([[owner, 'admin']]),
      workflows: new Map(),
      dispatches: [],
      nextNumber: 1,
    };
    this.repos.set(key, repo);
    return repo;
  }

  repo(owner: string, name: string): StoredRepo | undefined {
    return this.repos.get(repoKey(owner, name));
  }

  requireRepo(owner: string, name: string): StoredRepo {
    const repo = this.repo(owner, name);
    if (!repo) throw new Error(`fake GitHub: no repository ${owner}/${name} (add it with addRepo)`);
    return repo;
  }

  addIssue(owner: string, name: string, input: { title?: string; body?: string | null; author?: string; number?: number } = {}): StoredIssue {
    const repo = this.requireRepo(owner, name);
    const number = this.takeNumber(repo, input.number);
    const at = this.now();
    const issue: StoredIssue = {
      number,
      nodeId: nodeId('I', `${repo.id}:${number}`),
      title: input.title ?? `Issue ${number}`,
      body: input.body ?? null,
      author: input.author ?? repo.owner,
      createdAt: at,
      updatedAt: at,
      pull: null,
    };
    repo.issues.set(number, issue);
    return issue;
  }

  /**
   * A pull request. `head`/`base` name branches; their sha is read from the repository's refs when
   * the branch exists there, else the given sha (or a made-up one) is used.
   */
  addPullRequest(
    owner: string,
    name: string,
    input: {
      head: string;
      base?: string;
      headOwner?: string;
      headSha?: string;
      baseSha?: string;
      title?: string;
      body?: string | null;
      author?: string;
      draft?: boolean;
      state?: 'open' | 'closed';
      number?: number;
    },
  ): StoredIssue {
    const repo = this.requireRepo(owner, name);
    const number = this.takeNumber(repo, input.number);
    const at = this.now();
    const issue: StoredIssue = {
      number,
      nodeId: nodeId('PR', `${repo.id}:${number}`),
      title: input.title ?? `Pull request ${number}`,
      body: input.body ?? null,
      author: input.author ?? repo.owner,
      createdAt: at,
      updatedAt: at,
      pull: {
        state: input.state ?? 'open',
        draft: input.draft ?? false,
        closedAt: input.state === 'closed' ? at : null,
        headOwner: input.headOwner ?? owner,
        headRef: input.head,
        baseRef: input.base ?? repo.defaultBranch,
        headSha: input.headSha ?? fakeSha(`head:${number}`),
        baseSha: input.baseSha ?? fakeSha(`base:${number}`),
        maintainerCanModify: false,
      },
    };
    repo.issues.set(number, issue);
    return issue;
  }

  /** Current sha of a pull request's head or base: the branch's ref when it exists. */
  pullSha(repo: StoredRepo, pull: StoredPull, side: 'head' | 'base'): string {
    const ref = side === 'head' ? pull.headRef : pull.baseRef;
    const fromRef = (side === 'base' || pull.headOwner === repo.owner) ? repo.git.ref(`refs/heads/${ref}`) : undefined;
    return fromRef ?? (side === 'head' ? pull.headSha : pull.baseSha);
  }

  addComment(owner: string, name: string, issueNumber: number, input: { body: string; author: string }): StoredComment {
    const repo = this.requireRepo(owner, name);
    if (!repo.issues.has(issueNumber)) throw new Error(`fake GitHub: no issue or pull request #${issueNumber} in ${owner}/${name}`);
    const id = this.newId();
    const at = this.now();
    const comment: StoredComment = {
      id,
      nodeId: nodeId('IC', String(id)),
      owner: repo.owner,
      repo: repo.name,
      issueNumber,
      body: input.body,
      author: input.author,
      createdAt: at,
      updatedAt: at,
      minimizedReason: null,
      reactions: [],
    };
    this.commentsById.set(id, comment);
    return comment;
  }

  comment(id: number): StoredComment | undefined {
    return this.commentsById.get(id);
  }

  commentByNodeId(id: string): StoredComment | undefined {
    for (const comment of this.commentsById.values()) if (comment.nodeId === id) return comment;
    return undefined;
  }

  /** Comments on one issue or pull request, oldest first (GitHub orders them by ascending id). */
  comments(owner: string, name: string, issueNumber: number): StoredComment[] {
    return [...this.commentsById.values()]
      .filter((c) => c.owner.toLowerCase() === owner.toLowerCase() && c.repo.toLowerCase() === name.toLowerCase() && c.issueNumber === issueNumber)
      .sort((a, b) => a.id - b.id);
  }

  deleteComment(id: number): boolean {
    return this.commentsById.delete(id);
  }

  /** Hides a comment as GitHub's "Hide" does (GraphQL isMinimized: true). */
  minimizeComment(id: number, reason = 'outdated'): void {
    const comment = this.commentsById.get(id);
    if (!comment) throw new Error(`fake GitHub: no comment ${id}`);
    comment.minimizedReason = reason;
  }

  setRole(owner: string, name: string, login: string, role: Role): void {
    this.requireRepo(owner, name).roles.set(login, role);
  }

  /**
   * A workflow file in the repository. `dispatchInputs` lists its workflow_dispatch inputs (name ->
   * required); null: the workflow has no workflow_dispatch trigger. Default: a dispatch trigger without inputs.
   */
  addWorkflow(
    owner: string,
    name: string,
    input: { path: string; name?: string; dispatchInputs?: Readonly<Record<string, { readonly required: boolean }>> | null },
  ): StoredWorkflow {
    const repo = this.requireRepo(owner, name);
    if (!/^\.github\/workflows\/[A-Za-z0-9_.-]+\.ya?ml$/.test(input.path)) throw new Error(`fake GitHub: a workflow lives at .github/workflows/<name>.yml, not ${input.path}`);
    const workflow: StoredWorkflow = {
      id: this.newId(),
      path: input.path,
      name: input.name ?? input.path.slice(input.path.lastIndexOf('/') + 1),
      dispatchInputs: input.dispatchInputs === undefined ? {} : input.dispatchInputs,
    };
    repo.workflows.set(workflow.id, workflow);
    return workflow;
  }

  /** The workflow_dispatch runs GitHub accepted for a repository, oldest first. */
  dispatches(owner: string, name: string): readonly StoredDispatch[] {
    return this.requireRepo(owner, name).dispatches;
  }

  /**
   * Seeds a commit with exactly `files` (path -> text) on `branch` (created or moved), parented on the
   * branch's current commit if any. Returns the commit sha.
   */
  seedCommit(owner: string, name: string, input: { branch: string; files: Readonly<Record<string, string>>; message?: string }): string {
    const repo = this.requireRepo(owner, name);
    const git = repo.git;
    const refName = `refs/heads/${input.branch}`;
    const parent = git.ref(refName);
    const tree = git.createTree(
      Object.entries(input.files).map(([path, content]) => ({ path, mode: '100644', type: 'blob' as const, content })),
    );
    const person: GitPerson = { name: 'Seed', email: 'seed@example.com', date: this.now() };
    const commit = git.createCommit({ tree, parents: parent ? [parent] : [], message: input.message ?? 'seed', author: person, committer: person });
    if (parent) git.updateRef(refName, commit.sha, true);
    else git.createRef(refName, commit.sha);
    return commit.sha;
  }

  /** `https://github.com`-style origin used in html_url fields (the fake serves it under the same host). */
  get htmlOrigin(): string {
    return this.webOrigin;
  }

  private takeNumber(repo: StoredRepo, wanted: number | undefined): number {
    const number = wanted ?? repo.nextNumber;
    if (repo.issues.has(number)) throw new Error(`fake GitHub: #${number} already exists in ${repo.owner}/${repo.name}`);
    repo.nextNumber = Math.max(repo.nextNumber, number + 1);
    return number;
  }
}

function repoKey(owner: string, name: string): string {
  return `${owner}/${name}`.toLowerCase();
}

/** GitHub-style global node id: a type prefix and an opaque base64 part. */
export function nodeId(prefix: string, key: string): string {
  return `${prefix}_${Buffer.from(`fake:${key}`).toString('base64url')}`;
}

function fakeSha(seed: string): string {
  // 40 hex characters derived from the seed; never a real object of the store.
  return Buffer.from(seed.padEnd(20, '.')).subarray(0, 20).toString('hex');
}
