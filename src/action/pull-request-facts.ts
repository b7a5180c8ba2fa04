/**
 * Pure: what the action needs to know about a pull request, read from an event payload
 * (`pull_request`) or from GitHub's answer to GET /repos/{owner}/{repo}/pulls/{number} (the same
 * shape), defensively: a field of the wrong type is treated as missing.
 */

export interface PullRequestFacts {
  readonly number: number;
  readonly state: string;
  readonly draft: boolean;
  readonly baseSha: string;
  readonly headSha: string;
  /** Branch names. */
  readonly baseRef: string;
  readonly headRef: string;
  /** `owner/repo` of the base, and of the head (null when the fork was deleted). */
  readonly baseRepository: string | null;
  readonly headRepository: string | null;
  /** Login of the pull request's author. */
  readonly author: string | null;
  /** The base repository's default branch, when the payload says. */
  readonly defaultBranch: string | null;
}

type Json = Record<string, unknown>;

const SHA = /^[0-9a-f]{40}(?:[0-9a-f]{24})?$/;

/** The facts of a `pull_request` object; null when it has no number or no base and head commits. */
export function pullRequestFacts(value: unknown): PullRequestFacts | null {
  const pull = object(value);
  const base = object(pull?.['base']);
  const head = object(pull?.['head']);
  const number = pull?.['number'];
  const baseSha = string(base?.['sha']);
  const headSha = string(head?.['sha']);
  if (typeof number !== 'number' || !Number.isInteger(number) || number <= 0) return null;
  if (baseSha === null || headSha === null || !SHA.test(baseSha) || !SHA.test(headSha)) return null;
  const baseRepo = object(base?.['repo']);
  return {
    number,
    state: string(pull?.['state']) ?? 'open',
    draft: pull?.['draft'] === true,
    baseSha,
    headSha,
    baseRef: string(base?.['ref']) ?? '',
    headRef: string(head?.['ref']) ?? '',
    baseRepository: string(baseRepo?.['full_name']),
    headRepository: string(object(head?.['repo'])?.['full_name']),
    author: string(object(pull?.['user'])?.['login']),
    defaultBranch: string(baseRepo?.['default_branch']),
  };
}

/** The pull request's branch lives in another repository (or in a deleted fork). */
export function isFork(facts: PullRequestFacts, repository: string): boolean {
  const head = facts.headRepository;
  return head === null || head.toLowerCase() !== repository.toLowerCase();
}

function object(value: unknown): Json | null {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Json) : null;
}

function string(value: unknown): string | null {
  return typeof value === 'string' && value !== '' ? value : null;
}
