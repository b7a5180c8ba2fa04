/**
 * Pure: whether a pull_request run is one GitHub gives no secrets and a read-only token (a pull
 * request from a fork, or one Dependabot opened), and the notice that says so. Such a run measures
 * coverage only: no tests are generated (no model key, and nothing could be posted or committed) and
 * no comment is attempted (it would fail with 403); the report goes to the job summary.
 *
 * Runs started by a maintainer (workflow_dispatch, from `/testmaster run`) are not restricted: a
 * person with write access chose to run that head commit.
 */
import type { PullRequestFacts } from './pull-request-facts.js';
import { isFork } from './pull-request-facts.js';

export const DEPENDABOT_LOGIN = 'dependabot[bot]';

export interface RunRestriction {
  readonly reason: 'fork' | 'dependabot';
  /** One line for the log annotation and the job summary. */
  readonly notice: string;
}

const HOW_TO_GET_TESTS =
  'To get proposed tests, a maintainer comments `/testmaster run` on the pull request (with the slash-command workflow set up), which runs TestMaster from the base repository on this head commit; see README, "Forks and Dependabot".';

export function runRestriction(facts: PullRequestFacts, repository: string, actor: string | null): RunRestriction | null {
  if (isFork(facts, repository)) {
    const from = facts.headRepository ? `the fork ${facts.headRepository}` : 'a fork that no longer exists';
    return {
      reason: 'fork',
      notice: `TestMaster measured coverage only: pull request #${facts.number} comes from ${from}, so GitHub gives this run no secrets and a read-only token; no tests were generated and no comment was posted. ${HOW_TO_GET_TESTS}`,
    };
  }
  if (actor === DEPENDABOT_LOGIN || facts.author === DEPENDABOT_LOGIN) {
    return {
      reason: 'dependabot',
      notice: `TestMaster measured coverage only: pull request #${facts.number} is Dependabot's, so GitHub gives this run no secrets and a read-only token; no tests were generated and no comment was posted. ${HOW_TO_GET_TESTS}`,
    };
  }
  return null;
}
