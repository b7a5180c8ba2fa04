/**
 * Writes one commit through GitHub's Git Data API without moving any branch: a blob per file
 * (base64, so the bytes are exactly the UTF-8 of the content), one tree on top of the parent's tree
 * (`base_tree`, so every other file stays as it is), one commit with that parent. The message gets
 * the `TestMaster-Generated: true` trailer (commit-trailer.ts).
 *
 * No author or committer is sent unless one is given: GitHub then uses the token's identity and,
 * for a GitHub App token such as the Actions GITHUB_TOKEN, signs the commit, so it shows as
 * verified. Giving an author makes GitHub use it as committer too, and the commit is not signed.
 */
import type { Octokit } from '../create-octokit.js';
import { withGeneratedTrailer } from './commit-trailer.js';

export interface FileToCommit {
  /** Repository-relative POSIX path. */
  readonly path: string;
  readonly content: string;
}

export interface CommitAuthor {
  readonly name: string;
  readonly email: string;
}

export interface WriteCommitRequest {
  readonly owner: string;
  readonly repo: string;
  readonly parentSha: string;
  readonly files: readonly FileToCommit[];
  readonly message: string;
  readonly author?: CommitAuthor;
}

export interface WrittenCommit {
  readonly sha: string;
  /** The commit's html_url. */
  readonly url: string;
  /** True when the files were already there exactly: the tree is the parent's, and no commit was made (`sha` is the parent). */
  readonly unchanged: boolean;
}

/** Failures are Octokit's errors, as thrown: the caller names what it was doing (toGitHubError). */
export async function writeCommit(octokit: Octokit, request: WriteCommitRequest): Promise<WrittenCommit> {
  const { owner, repo, parentSha } = request;
  if (request.files.length === 0) throw new Error('writeCommit needs at least one file');
  const parent = await octokit.rest.git.getCommit({ owner, repo, commit_sha: parentSha });

  const entries = [];
  for (const file of request.files) {
    const blob = await octokit.rest.git.createBlob({ owner, repo, content: Buffer.from(file.content, 'utf8').toString('base64'), encoding: 'base64' });
    entries.push({ path: file.path, mode: '100644' as const, type: 'blob' as const, sha: blob.data.sha });
  }
  const tree = await octokit.rest.git.createTree({ owner, repo, base_tree: parent.data.tree.sha, tree: entries });
  if (tree.data.sha === parent.data.tree.sha) return { sha: parentSha, url: parent.data.html_url, unchanged: true };

  const commit = await octokit.rest.git.createCommit({
    owner,
    repo,
    message: withGeneratedTrailer(request.message),
    tree: tree.data.sha,
    parents: [parentSha],
    ...(request.author ? { author: { name: request.author.name, email: request.author.email } } : {}),
  });
  return { sha: commit.data.sha, url: commit.data.html_url, unchanged: false };
}
