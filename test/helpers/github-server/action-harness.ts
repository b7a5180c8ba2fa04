/**
 * The bundled action (dist/index.js) on pull requests of acme/widgets, against the local GitHub
 * server: a real fixture repository (vitest-ts on Vitest 5) whose commits are mirrored into the
 * server's git data with the same ids, `main` at its base; pull requests opened from branches at its
 * head (or from a fork); event payloads shaped as GitHub sends them; the action run with the Actions
 * environment pointing at the server. Plus readers for what a run leaves (annotations, the JSON
 * report, TestMaster's comments and the proposal they carry) and checks of the proposal against the
 * report and of a commit against the proposal.
 */
import { readFileSync } from 'node:fs';
import { expect } from 'vitest';
import { hasGeneratedTrailer } from '../../../src/github/apply/commit-trailer.js';
import { contentSha256, decodeProposal, type Proposal } from '../../../src/github/apply/proposal-payload.js';
import { parseJsonReport } from '../../../src/report/json-report.js';
import type { RunReport } from '../../../src/report/types.js';
import { makeFixtureRepo, type FixtureRepo } from '../fixture-repo.js';
import { runActionAsync, type ActionRun } from '../run-action.js';
import type { GitStore } from './git-store.js';
import { DEFAULT_OWNER, DEFAULT_REPO, startGitHubServer, type GitHubServer, type StoredComment } from './index.js';
import { commitOnTop, mirrorCommit } from './mirror-commit.js';
import type { IdentityInput } from './state.js';

export const OWNER = DEFAULT_OWNER;
export const NAME = DEFAULT_REPO;
/** Written literally (not imported from src), so a changed marker shows up as a failing test. */
export const MARKER = '<!-- testmaster:sticky:v1 -->';
export const RUN_URL = `https://github.example/${OWNER}/${NAME}/actions/runs/4242`;
export const REPOSITORY = { full_name: `${OWNER}/${NAME}`, name: NAME, owner: { login: OWNER }, default_branch: 'main' };
export const COMMENTS = '/repos/{owner}/{repo}/issues/{issue_number}/comments';
export const COMMENT = '/repos/{owner}/{repo}/issues/comments/{comment_id}';

export interface PullOptions {
  /** Commit the branch points at (default: the fixture's head). */
  readonly head?: string;
  /** From forker/widgets: no branch in this repository. */
  readonly fork?: boolean;
  readonly author?: string;
}

export interface PullEventOptions {
  readonly head?: string;
  readonly action?: string;
  readonly fork?: boolean;
  readonly draft?: boolean;
}

export interface ActionHarness {
  readonly server: GitHubServer;
  readonly repo: FixtureRepo;
  /** The repository's git data on the server. */
  git(): GitStore;
  /** A pull request from `branch` into main (the branch is created at `head` unless it is a fork's). */
  openPull(branch: string, options?: PullOptions): number;
  pullEvent(number: number, branch: string, options?: PullEventOptions): Record<string, unknown>;
  /** An issue_comment `created` event for a comment already in the server's state. */
  commentEvent(number: number, comment: StoredComment): Record<string, unknown>;
  /** The action with the harness's default inputs, then `inputs`; the run is cleaned up by stop(). */
  runAction(eventName: string, event: Record<string, unknown>, inputs?: Record<string, string>): Promise<ActionRun>;
  /** A new commit of `files` on the local checkout's HEAD, mirrored to the server; returns its id. */
  commitOnTop(files: Readonly<Record<string, string>>, message: string): Promise<string>;
  /** Comments on the pull request that carry TestMaster's marker, whoever wrote them, oldest first. */
  stickyComments(number: number): StoredComment[];
  stop(): Promise<void>;
}

export interface ActionHarnessOptions {
  readonly identities: Readonly<Record<string, IdentityInput>>;
  /** Inputs every run gets (the token among them), before the run's own. */
  readonly defaultInputs: Readonly<Record<string, string>>;
}

export async function startActionHarness(options: ActionHarnessOptions): Promise<ActionHarness> {
  const server = await startGitHubServer({ identities: options.identities });
  const runs: ActionRun[] = [];
  let repo: FixtureRepo | null = null;
  try {
    repo = await makeFixtureRepo('vitest-ts', { toolchain: 'vitest5' });
    const store = server.state.requireRepo(OWNER, NAME).git;
    await mirrorCommit(store, repo.dir, repo.head);
    store.createRef('refs/heads/main', repo.base);
  } catch (error) {
    await repo?.cleanup();
    await server.stop();
    throw error;
  }
  const fixture = repo;
  const git = (): GitStore => server.state.requireRepo(OWNER, NAME).git;

  return {
    server,
    repo: fixture,
    git,
    openPull(branch, pull = {}) {
      const head = pull.head ?? fixture.head;
      if (!pull.fork) git().createRef(`refs/heads/${branch}`, head);
      return server.state.addPullRequest(OWNER, NAME, {
        head: branch,
        base: 'main',
        author: pull.author ?? 'alice',
        ...(pull.fork ? { headOwner: 'forker', headSha: head } : {}),
      }).number;
    },
    pullEvent(number, branch, event = {}) {
      const headRepo = event.fork ? { ...REPOSITORY, full_name: `forker/${NAME}`, owner: { login: 'forker' } } : REPOSITORY;
      return {
        action: event.action ?? 'opened',
        number,
        pull_request: {
          number,
          state: 'open',
          draft: event.draft ?? false,
          user: { login: 'alice' },
          base: { sha: fixture.base, ref: 'main', repo: REPOSITORY },
          head: { sha: event.head ?? fixture.head, ref: branch, repo: headRepo },
        },
        repository: REPOSITORY,
      };
    },
    commentEvent(number, comment) {
      return {
        action: 'created',
        issue: { number, pull_request: { url: `${server.baseUrl}/repos/${OWNER}/${NAME}/pulls/${number}` } },
        comment: { id: comment.id, body: comment.body, user: { login: comment.author } },
        repository: REPOSITORY,
      };
    },
    async runAction(eventName, event, inputs = {}) {
      const run = await runActionAsync(fixture, {
        eventName,
        event,
        inputs: { ...options.defaultInputs, ...inputs },
        env: {
          GITHUB_API_URL: server.baseUrl,
          GITHUB_GRAPHQL_URL: server.graphqlUrl,
          GITHUB_REPOSITORY: `${OWNER}/${NAME}`,
          GITHUB_SERVER_URL: 'https://github.example',
          GITHUB_RUN_ID: '4242',
          GITHUB_ACTOR: 'alice',
        },
      });
      runs.push(run);
      return run;
    },
    commitOnTop: (files, message) => commitOnTop(git(), fixture.dir, files, message),
    stickyComments: (number) => server.state.comments(OWNER, NAME, number).filter((c) => c.body.includes(MARKER)),
    async stop() {
      for (const run of runs) run.cleanup();
      await server.stop();
      await fixture.cleanup();
    },
  };
}

/** The text of the run's `::warning`, `::notice` or `::error` annotations. */
export function annotations(run: ActionRun, kind: 'warning' | 'notice' | 'error'): string[] {
  return run.stdout
    .split('\n')
    .filter((line) => line.startsWith(`::${kind}`))
    .map((line) => line.slice(line.indexOf('::', 2) + 2));
}

export function reportOf(run: ActionRun): RunReport {
  return parseJsonReport(readFileSync(run.outputs['report-json']!, 'utf8'));
}

/** The proposal a comment carries; throws when it has none or a bad one. */
export function proposalIn(body: string): Proposal {
  const decoded = decodeProposal(body);
  if (!decoded.ok) throw new Error(`no valid proposal in the comment: ${decoded.reason}`);
  return decoded.proposal;
}

/** The proposal matches the report's kept files exactly (path, module, content, hash). */
export function expectProposalOfReport(proposal: Proposal, report: RunReport): void {
  const files = report.proposedFiles ?? [];
  expect(files.length).toBeGreaterThan(0);
  expect(proposal.headSha).toBe(report.head);
  expect(proposal.files.map((f) => [f.path, f.forFile, f.sha256])).toEqual(files.map((f) => [f.path, f.forFile, f.sha256]));
  for (const file of proposal.files) expect(contentSha256(file.content)).toBe(file.sha256);
}

/** What a commit on the server holds: its parent's files plus exactly the proposed ones, with the trailer. */
export function expectCommitOfProposal(store: GitStore, commitSha: string, parentSha: string, proposal: Proposal): void {
  const commit = store.commit(commitSha)!;
  expect(commit.parents).toEqual([parentSha]);
  expect(hasGeneratedTrailer(commit.message)).toBe(true);
  const before = store.filesAt(parentSha);
  const after = store.filesAt(commitSha);
  const expected = new Map(before);
  for (const file of proposal.files) expected.set(file.path, file.content);
  expect([...after.keys()].sort()).toEqual([...expected.keys()].sort());
  for (const [path, content] of expected) expect(after.get(path), path).toBe(content);
  for (const file of proposal.files) expect(contentSha256(after.get(file.path)!)).toBe(file.sha256);
}
