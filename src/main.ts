/**
 * The action's run(): inputs parsed once, the event routed (src/action/route-event.ts), then one of
 * - a pull request (`pull_request`, or `workflow_dispatch` with a pull request number):
 *   measure, generate, report, apply and comment (src/action/run-pull-request.ts);
 * - a `/testmaster` command in an `issue_comment` (src/action/handle-command.ts), which never checks
 *   out or runs the pull request's code;
 * - a plain run from base to head (`push`, `workflow_dispatch` without a pull request, no event);
 * - anything else: a notice, exit 0. `pull_request_target` and `workflow_run` are refused.
 * The only top-level error handler of the action: every failure ends in core.setFailed with a
 * one-line message.
 */
import { readFile } from 'node:fs/promises';
import * as core from '@actions/core';
import { refsForEvent } from './action/event-refs.js';
import { actionOctokit, gitHubContext, repositoryUrl, type GitHubContext } from './action/github-context.js';
import { handleCommand } from './action/handle-command.js';
import { measure } from './action/measure.js';
import { readActionInputs, type ActionInputs } from './action/read-inputs.js';
import { readPull } from './action/read-pull.js';
import { routeEvent, type EventRoute } from './action/route-event.js';
import { runForPullRequest } from './action/run-pull-request.js';
import { setActionOutputs } from './action/set-outputs.js';
import { ConfigurationError, oneLineMessage } from './errors/errors.js';
import type { Octokit } from './github/create-octokit.js';

export async function run(env: NodeJS.ProcessEnv = process.env): Promise<void> {
  try {
    const inputs = readActionInputs();
    const eventName = env.GITHUB_EVENT_NAME ?? '';
    const payload = await readEventPayload(env.GITHUB_EVENT_PATH);
    const route = routeEvent(eventName, payload, inputs);
    const github = gitHubContext(env);
    const octokit = github && inputs.token ? actionOctokit(github, inputs.token) : null;
    await follow(route, { inputs, env, eventName, payload, github, octokit });
  } catch (error) {
    core.setFailed(oneLineMessage(error));
    if (error instanceof Error && error.stack) core.debug(error.stack);
  }
}

interface RunContext {
  readonly inputs: ActionInputs;
  readonly env: NodeJS.ProcessEnv;
  readonly eventName: string;
  readonly payload: Record<string, unknown>;
  readonly github: GitHubContext | null;
  readonly octokit: Octokit | null;
}

async function follow(route: EventRoute, context: RunContext): Promise<void> {
  const { inputs, env, github, octokit } = context;
  switch (route.kind) {
    case 'skip':
      if (route.level === 'notice') core.notice(route.message);
      else core.info(route.message);
      return;
    case 'pull-request':
      return runForPullRequest({ inputs, env, pull: route.facts, trigger: 'pull_request', github, octokit });
    case 'dispatch': {
      const { client, where } = requireGitHub(context, `a workflow_dispatch run for pull request #${route.pullNumber}`);
      const pull = await readPull(client, where.owner, where.repo, route.pullNumber);
      if (pull.state !== 'open') {
        core.notice(`TestMaster did not run: pull request #${pull.number} is ${pull.state}.`);
        return;
      }
      if (route.expectedHeadSha !== null && route.expectedHeadSha !== pull.headSha) {
        core.notice(
          `TestMaster did not run: pull request #${pull.number} moved from ${route.expectedHeadSha.slice(0, 7)} (where the run was asked for) to ${pull.headSha.slice(0, 7)}; comment /testmaster run again to run the new head.`,
        );
        return;
      }
      return runForPullRequest({ inputs, env, pull, trigger: 'workflow_dispatch', github: where, octokit: client });
    }
    case 'command': {
      const { client, where } = requireGitHub(context, `the /testmaster ${route.command.command} command`);
      const result = await handleCommand(client, {
        owner: where.owner,
        repo: where.repo,
        pullNumber: route.pullNumber,
        commentId: route.commentId,
        login: route.commenter,
        command: route.command,
        runWorkflow: inputs.runWorkflow,
        defaultBranch: route.defaultBranch,
        warn: (line) => core.warning(line),
      });
      core.info(`/testmaster ${route.command.command} from ${route.commenter}: ${result.outcome}. ${result.reply}`);
      return;
    }
    case 'plain': {
      const refs = refsForEvent(context.eventName, context.payload, inputs);
      const measured = await measure({ inputs, env, refs, repoUrl: repositoryUrl(env) });
      setActionOutputs(measured.report, { markdownPath: measured.markdownPath, jsonPath: measured.jsonPath });
      return;
    }
  }
}

function requireGitHub(context: RunContext, what: string): { client: Octokit; where: GitHubContext } {
  if (!context.inputs.token) throw new ConfigurationError(`${what} needs the GitHub API: set the token input (default: the workflow's GITHUB_TOKEN)`);
  if (!context.github || !context.octokit) {
    throw new ConfigurationError(`${what} needs the GitHub API, but GITHUB_API_URL or GITHUB_REPOSITORY is not set: run it in GitHub Actions`);
  }
  return { client: context.octokit, where: context.github };
}

async function readEventPayload(path: string | undefined): Promise<Record<string, unknown>> {
  if (!path) return {};
  try {
    return JSON.parse(await readFile(path, 'utf8')) as Record<string, unknown>;
  } catch {
    return {};
  }
}
