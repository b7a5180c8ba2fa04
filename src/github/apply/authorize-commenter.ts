/**
 * Who may run a `/testmaster` command: people with the write, maintain or admin role on the
 * repository (anyone can comment on a public pull request, and `/testmaster apply` pushes to it).
 *
 * GitHub's GET /repos/{owner}/{repo}/collaborators/{username}/permission answers `permission`, the
 * legacy base role (`admin`, `write`, `read` or `none`; maintain is reported as `write`, triage as
 * `read`, a custom role as the role it is based on), and `role_name`, the role itself (including a
 * custom role's name). Either saying write or more is enough. A user GitHub does not know (404) may
 * not.
 *
 * An allowed answer carries an AuthorizedCommenter, which only this module can make: the apply
 * flow takes one, so it cannot be started for someone who was not checked.
 */
import type { Octokit } from '../create-octokit.js';
import { describeFailure, toGitHubError } from '../github-errors.js';

declare const authorized: unique symbol;

/** Proof that `login` was found allowed to run commands on `repository`. */
export interface AuthorizedCommenter {
  readonly login: string;
  /** `owner/repo` */
  readonly repository: string;
  readonly role: string;
  readonly [authorized]: true;
}

export type CommenterDecision =
  | { readonly allowed: true; readonly commenter: AuthorizedCommenter }
  | { readonly allowed: false; readonly login: string; readonly role: string };

export interface CommenterQuery {
  readonly owner: string;
  readonly repo: string;
  readonly username: string;
}

const WRITE_PERMISSIONS = new Set(['admin', 'write']);
const WRITE_ROLES = new Set(['admin', 'maintain', 'write']);

/** Pure: whether GitHub's answer grants write or more. */
export function grantsWrite(answer: { readonly permission?: string | null; readonly role_name?: string | null }): boolean {
  return WRITE_PERMISSIONS.has((answer.permission ?? '').toLowerCase()) || WRITE_ROLES.has((answer.role_name ?? '').toLowerCase());
}

export async function authorizeCommenter(octokit: Octokit, query: CommenterQuery): Promise<CommenterDecision> {
  const { owner, repo, username } = query;
  let answer: { permission?: string | null; role_name?: string | null };
  try {
    answer = (await octokit.rest.repos.getCollaboratorPermissionLevel({ owner, repo, username })).data;
  } catch (error) {
    if (describeFailure(error).status === 404) return { allowed: false, login: username, role: 'none' };
    throw toGitHubError(error, `check ${username}'s permission on ${owner}/${repo}`);
  }
  const role = answer.role_name || answer.permission || 'none';
  if (!grantsWrite(answer)) return { allowed: false, login: username, role };
  const commenter = { login: username, repository: `${owner}/${repo}`, role } as AuthorizedCommenter;
  return { allowed: true, commenter };
}
