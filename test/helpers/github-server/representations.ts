/**
 * The JSON the fake answers with, built from GitHub's own documented examples (components/examples
 * of the OpenAPI description) with the fields that matter set from state, so every answer has the
 * shape the real API documents (the server checks each one against the response schema). Links in
 * the examples are moved to the fake's origin.
 */
import type { GitCommit, GitStore, TreeEntry } from './git-store.js';
import type { OpenApiSpec } from './openapi.js';
import type { GitHubState, StoredComment, StoredIssue, StoredReaction, StoredRepo } from './state.js';

type JsonObject = Record<string, unknown>;

export interface Urls {
  /** REST base, e.g. `http://127.0.0.1:1234` */
  readonly api: string;
  /** Web base for html_url fields (the same origin). */
  readonly web: string;
}

export class Representations {
  constructor(
    private readonly spec: OpenApiSpec,
    private readonly state: GitHubState,
    private readonly urls: Urls,
  ) {}

  user(login: string): JsonObject {
    const user = this.example('issue-comment')['user'] as JsonObject;
    const id = this.state.userId(login);
    const api = `${this.urls.api}/users/${encodeURIComponent(login)}`;
    return {
      ...user,
      login,
      id,
      node_id: `U_${Buffer.from(`fake:${id}`).toString('base64url')}`,
      url: api,
      // A bot's page is its app's: github-actions[bot] -> /apps/github-actions.
      html_url: login.endsWith('[bot]') ? `${this.urls.web}/apps/${login.slice(0, -'[bot]'.length)}` : `${this.urls.web}/${login}`,
      type: login.endsWith('[bot]') ? 'Bot' : 'User',
      followers_url: `${api}/followers`,
      following_url: `${api}/following{/other_user}`,
      gists_url: `${api}/gists{/gist_id}`,
      starred_url: `${api}/starred{/owner}{/repo}`,
      subscriptions_url: `${api}/subscriptions`,
      organizations_url: `${api}/orgs`,
      repos_url: `${api}/repos`,
      events_url: `${api}/events{/privacy}`,
      received_events_url: `${api}/received_events`,
    };
  }

  issueComment(comment: StoredComment): JsonObject {
    const repo = this.repoApi(comment.owner, comment.repo);
    const issue = this.state.repo(comment.owner, comment.repo)?.issues.get(comment.issueNumber);
    const kind = issue?.pull ? 'pull' : 'issues';
    return {
      ...this.example('issue-comment'),
      id: comment.id,
      node_id: comment.nodeId,
      url: `${repo}/issues/comments/${comment.id}`,
      html_url: `${this.repoWeb(comment.owner, comment.repo)}/${kind}/${comment.issueNumber}#issuecomment-${comment.id}`,
      issue_url: `${repo}/issues/${comment.issueNumber}`,
      body: comment.body,
      user: this.user(comment.author),
      created_at: comment.createdAt,
      updated_at: comment.updatedAt,
      author_association: this.association(comment.owner, comment.repo, comment.author),
      minimized: comment.minimizedReason === null ? null : { reason: comment.minimizedReason },
      pin: null,
    };
  }

  reaction(reaction: StoredReaction): JsonObject {
    return {
      ...this.example('reaction'),
      id: reaction.id,
      node_id: reaction.nodeId,
      user: this.user(reaction.user),
      content: reaction.content,
      created_at: reaction.createdAt,
    };
  }

  pullRequest(repo: StoredRepo, issue: StoredIssue): JsonObject {
    const pull = issue.pull!;
    const api = this.repoApi(repo.owner, repo.name);
    const web = this.repoWeb(repo.owner, repo.name);
    const headSha = this.state.pullSha(repo, pull, 'head');
    const template = this.rebased(this.example('pull-request'), repo);
    const number = issue.number;
    return {
      ...template,
      url: `${api}/pulls/${number}`,
      id: number + repo.id * 1000,
      node_id: issue.nodeId,
      html_url: `${web}/pull/${number}`,
      diff_url: `${web}/pull/${number}.diff`,
      patch_url: `${web}/pull/${number}.patch`,
      issue_url: `${api}/issues/${number}`,
      commits_url: `${api}/pulls/${number}/commits`,
      review_comments_url: `${api}/pulls/${number}/comments`,
      review_comment_url: `${api}/pulls/comments{/number}`,
      comments_url: `${api}/issues/${number}/comments`,
      statuses_url: `${api}/statuses/${headSha}`,
      number,
      state: pull.state,
      locked: false,
      active_lock_reason: null,
      title: issue.title,
      user: this.user(issue.author),
      body: issue.body,
      labels: [],
      milestone: null,
      created_at: issue.createdAt,
      updated_at: issue.updatedAt,
      closed_at: pull.closedAt,
      merged_at: null,
      merge_commit_sha: null,
      assignee: null,
      assignees: [],
      requested_reviewers: [],
      requested_teams: [],
      head: this.branch(repo, pull.headOwner, pull.headRef, headSha),
      base: this.branch(repo, repo.owner, pull.baseRef, this.state.pullSha(repo, pull, 'base')),
      _links: {
        self: { href: `${api}/pulls/${number}` },
        html: { href: `${web}/pull/${number}` },
        issue: { href: `${api}/issues/${number}` },
        comments: { href: `${api}/issues/${number}/comments` },
        review_comments: { href: `${api}/pulls/${number}/comments` },
        review_comment: { href: `${api}/pulls/comments{/number}` },
        commits: { href: `${api}/pulls/${number}/commits` },
        statuses: { href: `${api}/statuses/${headSha}` },
      },
      author_association: this.association(repo.owner, repo.name, issue.author),
      auto_merge: null,
      draft: pull.draft,
      merged: false,
      mergeable: null,
      rebaseable: null,
      mergeable_state: 'unknown',
      merged_by: null,
      comments: this.state.comments(repo.owner, repo.name, number).length,
      review_comments: 0,
      maintainer_can_modify: pull.maintainerCanModify,
    };
  }

  /** The list form (`pull-request-simple`): the full form minus the fields it does not have. */
  pullRequestSimple(repo: StoredRepo, issue: StoredIssue): JsonObject {
    const full = this.pullRequest(repo, issue);
    const sample = (this.spec.example('pull-request-simple-items') as JsonObject[])[0]!;
    const allowed = Object.keys(sample);
    const out: JsonObject = {};
    for (const key of allowed) if (key in full) out[key] = full[key];
    return out;
  }

  gitRef(owner: string, repo: string, fullName: string, sha: string): JsonObject {
    const api = this.repoApi(owner, repo);
    return {
      ref: fullName,
      node_id: `REF_${Buffer.from(`fake:${owner}/${repo}:${fullName}`).toString('base64url')}`,
      url: `${api}/git/${fullName}`,
      object: { type: 'commit', sha, url: `${api}/git/commits/${sha}` },
    };
  }

  gitCommit(owner: string, repo: string, commit: GitCommit): JsonObject {
    const api = this.repoApi(owner, repo);
    const web = this.repoWeb(owner, repo);
    return {
      sha: commit.sha,
      node_id: `C_${Buffer.from(`fake:${commit.sha}`).toString('base64url')}`,
      url: `${api}/git/commits/${commit.sha}`,
      html_url: `${web}/commit/${commit.sha}`,
      author: { ...commit.author },
      committer: { ...commit.committer },
      message: commit.message,
      tree: { sha: commit.tree, url: `${api}/git/trees/${commit.tree}` },
      parents: commit.parents.map((sha) => ({ sha, url: `${api}/git/commits/${sha}`, html_url: `${web}/commit/${sha}` })),
      verification: { verified: false, reason: 'unsigned', signature: null, payload: null, verified_at: null },
    };
  }

  gitTree(owner: string, repo: string, git: GitStore, sha: string, recursive: boolean): JsonObject {
    const api = this.repoApi(owner, repo);
    const entries: Array<{ path: string; entry: TreeEntry }> = [];
    const walk = (treeSha: string, prefix: string): void => {
      for (const entry of git.tree(treeSha) ?? []) {
        const path = prefix ? `${prefix}/${entry.name}` : entry.name;
        entries.push({ path, entry });
        if (recursive && entry.type === 'tree') walk(entry.sha, path);
      }
    };
    walk(sha, '');
    return {
      sha,
      url: `${api}/git/trees/${sha}`,
      truncated: false,
      tree: entries.map(({ path, entry }) => ({
        path,
        mode: entry.mode,
        type: entry.type,
        sha: entry.sha,
        ...(entry.type === 'blob' ? { size: git.blob(entry.sha)?.length ?? 0, url: `${api}/git/blobs/${entry.sha}` } : {}),
        ...(entry.type === 'tree' ? { url: `${api}/git/trees/${entry.sha}` } : {}),
      })),
    };
  }

  blob(owner: string, repo: string, sha: string, content: Buffer): JsonObject {
    const base64 = content.toString('base64').replace(/.{60}/g, '$&\n');
    return {
      content: base64,
      encoding: 'base64',
      url: `${this.repoApi(owner, repo)}/git/blobs/${sha}`,
      sha,
      size: content.length,
      node_id: `B_${Buffer.from(`fake:${sha}`).toString('base64url')}`,
    };
  }

  shortBlob(owner: string, repo: string, sha: string): JsonObject {
    return { url: `${this.repoApi(owner, repo)}/git/blobs/${sha}`, sha };
  }

  collaboratorPermission(repo: StoredRepo, login: string): JsonObject {
    const role = repo.roles.get(login) ?? 'none';
    const permission = role === 'maintain' ? 'write' : role === 'triage' ? 'read' : role;
    const user = { ...this.user(login), permissions: permissionsFor(role), role_name: role };
    return { permission, role_name: role, user };
  }

  private branch(repo: StoredRepo, owner: string, ref: string, sha: string): JsonObject {
    const template = this.rebased(this.example('pull-request'), repo)['head'] as JsonObject;
    const repoObject = { ...(template['repo'] as JsonObject) };
    const api = this.repoApi(owner, repo.name);
    Object.assign(repoObject, {
      id: repo.id,
      node_id: `R_${Buffer.from(`fake:${owner}/${repo.name}`).toString('base64url')}`,
      name: repo.name,
      full_name: `${owner}/${repo.name}`,
      owner: this.user(owner),
      private: false,
      html_url: this.repoWeb(owner, repo.name),
      url: api,
      default_branch: repo.defaultBranch,
      fork: owner !== repo.owner,
    });
    return { label: `${owner}:${ref}`, ref, sha, user: this.user(owner), repo: repoObject };
  }

  /** The example with every octocat/Hello-World link moved to this repository on the fake's origin. */
  private rebased(value: JsonObject, repo: StoredRepo): JsonObject {
    const text = JSON.stringify(value)
      .split('https://api.github.com/repos/octocat/Hello-World').join(this.repoApi(repo.owner, repo.name))
      .split('https://github.com/octocat/Hello-World').join(this.repoWeb(repo.owner, repo.name))
      .split('https://api.github.com').join(this.urls.api)
      .split('https://github.com').join(this.urls.web);
    return JSON.parse(text) as JsonObject;
  }

  private association(owner: string, repo: string, login: string): string {
    if (login.toLowerCase() === owner.toLowerCase()) return 'OWNER';
    const role = this.state.repo(owner, repo)?.roles.get(login);
    return role && role !== 'none' ? 'COLLABORATOR' : 'NONE';
  }

  private repoApi(owner: string, repo: string): string {
    return `${this.urls.api}/repos/${owner}/${repo}`;
  }

  private repoWeb(owner: string, repo: string): string {
    return `${this.urls.web}/${owner}/${repo}`;
  }

  private example(name: string): JsonObject {
    return this.spec.example(name) as JsonObject;
  }
}

function permissionsFor(role: string): JsonObject {
  const rank = ['none', 'read', 'triage', 'write', 'maintain', 'admin'].indexOf(role);
  return { pull: rank >= 1, triage: rank >= 2, push: rank >= 3, maintain: rank >= 4, admin: rank >= 5 };
}
