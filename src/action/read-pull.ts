/** Effects: a pull request's facts from GitHub (GET /repos/{owner}/{repo}/pulls/{number}). */
import { GitHubError } from '../errors/errors.js';
import type { Octokit } from '../github/create-octokit.js';
import { toGitHubError } from '../github/github-errors.js';
import { pullRequestFacts, type PullRequestFacts } from './pull-request-facts.js';

export async function readPull(octokit: Octokit, owner: string, repo: string, pullNumber: number): Promise<PullRequestFacts> {
  let data: unknown;
  try {
    data = (await octokit.rest.pulls.get({ owner, repo, pull_number: pullNumber })).data;
  } catch (error) {
    throw toGitHubError(error, `read pull request ${owner}/${repo}#${pullNumber}`);
  }
  const facts = pullRequestFacts(data);
  if (facts === null) {
    throw new GitHubError(`could not read pull request ${owner}/${repo}#${pullNumber}: GitHub's answer has no number, base or head commit; this is likely a TestMaster bug, please report it`);
  }
  return facts;
}
