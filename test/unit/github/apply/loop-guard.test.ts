/**
 * The loop guard: the `TestMaster-Generated: true` trailer (added to every commit TestMaster writes)
 * is recognised only where git reads trailers, and a run whose head commit carries it is skipped.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { commitFiles } from '../../../../src/github/apply/commit-files.js';
import { hasGeneratedTrailer, withGeneratedTrailer } from '../../../../src/github/apply/commit-trailer.js';
import { checkLoopGuard, loopGuardDecision } from '../../../../src/github/apply/loop-guard.js';
import { DEFAULT_OWNER as owner, DEFAULT_REPO as repo, startGitHubServer, type GitHubServer } from '../../../helpers/github-server/index.js';
import { testOctokit, type TestOctokit } from '../test-octokit.js';

describe('the trailer', () => {
  it.each([
    ['subject\n\nTestMaster-Generated: true', true],
    ['subject\n\nbody text\n\nSigned-off-by: A <a@example.com>\ntestmaster-generated:   TRUE  \n', true],
    ['subject\r\n\r\nTestMaster-Generated: true\r\n', true],
    ['TestMaster-Generated: true', false], // a subject line is never a trailer
    ['subject\n\nTestMaster-Generated: true\n\nmore text after it', false],
    ['subject\n\nTestMaster-Generated: false', false],
    ['subject\n\nmentions TestMaster-Generated: true in prose', false],
    ['subject', false],
  ])('%j carries it: %s', (message, expected) => {
    expect(hasGeneratedTrailer(message)).toBe(expected);
  });

  it('is added once, as its own paragraph or into an existing trailer block', () => {
    expect(withGeneratedTrailer('test: add tests')).toBe('test: add tests\n\nTestMaster-Generated: true\n');
    expect(withGeneratedTrailer('test: add tests\n\nbody\n')).toBe('test: add tests\n\nbody\n\nTestMaster-Generated: true\n');
    expect(withGeneratedTrailer('s\n\nSigned-off-by: A <a@example.com>')).toBe('s\n\nSigned-off-by: A <a@example.com>\nTestMaster-Generated: true\n');
    const once = withGeneratedTrailer('s\n\nb');
    expect(withGeneratedTrailer(once)).toBe(once);
    expect(hasGeneratedTrailer(once)).toBe(true);
  });

  it('loopGuardDecision skips with a one-line notice naming the commit', () => {
    expect(loopGuardDecision('0123456789abcdef0123456789abcdef01234567', 'fix: a thing')).toEqual({ skip: false });
    const decision = loopGuardDecision('0123456789abcdef0123456789abcdef01234567', withGeneratedTrailer('test: add tests'));
    expect(decision).toEqual({ skip: true, notice: expect.stringMatching(/^TestMaster skipped this run: the head commit 0123456 was made by TestMaster itself/) });
    if (decision.skip) expect(decision.notice).not.toMatch(/\n/);
  });
});

describe('checkLoopGuard', () => {
  let server: GitHubServer;
  let client: TestOctokit;

  beforeEach(async () => {
    server = await startGitHubServer();
    client = testOctokit(server);
  });
  afterEach(async () => {
    await server.stop();
  });

  it("skips a run on TestMaster's own commit and runs on the user's", async () => {
    const userCommit = server.state.seedCommit(owner, repo, { branch: 'feature', files: { 'src/a.ts': 'a\n' }, message: 'feat: a' });
    const ours = await commitFiles(client.octokit, { owner, repo, branch: 'feature', expectedHeadSha: userCommit, files: [{ path: 'src/a.test.ts', content: 't\n' }], message: 'test: add tests' });
    expect(ours.kind).toBe('committed');
    if (ours.kind !== 'committed') return;

    expect(await checkLoopGuard(client.octokit, { owner, repo, headSha: userCommit })).toEqual({ skip: false });
    expect(await checkLoopGuard(client.octokit, { owner, repo, headSha: ours.sha })).toMatchObject({ skip: true, notice: expect.stringContaining(ours.sha.slice(0, 7)) });
    expect(server.requestsTo('GET', '/repos/{owner}/{repo}/git/commits/{commit_sha}').length).toBeGreaterThanOrEqual(2);
    expect(server.violations).toEqual([]);
  });

  it('a commit GitHub does not have is not ours', async () => {
    expect(await checkLoopGuard(client.octokit, { owner, repo, headSha: 'f'.repeat(40) })).toEqual({ skip: false });
    expect(server.violations).toEqual([]);
  });
});
