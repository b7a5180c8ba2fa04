import { describe, expect, it } from 'vitest';
import { pullRequestFacts, type PullRequestFacts } from '../../../src/action/pull-request-facts.js';
import { runRestriction } from '../../../src/action/restricted-run.js';

function facts(headRepository: string | null, author = 'alice'): PullRequestFacts {
  const value = pullRequestFacts({
    number: 4,
    user: { login: author },
    base: { sha: 'a'.repeat(40), ref: 'main', repo: { full_name: 'acme/widgets' } },
    head: { sha: 'b'.repeat(40), ref: 'feature', repo: headRepository === null ? null : { full_name: headRepository } },
  });
  if (!value) throw new Error('facts expected');
  return value;
}

describe('runRestriction', () => {
  it('does not restrict a pull request from a branch of the same repository (any case)', () => {
    expect(runRestriction(facts('Acme/Widgets'), 'acme/widgets', 'alice')).toBeNull();
  });

  it("restricts a fork's pull request, and one whose fork was deleted, saying why and how to get tests", () => {
    const fork = runRestriction(facts('forker/widgets'), 'acme/widgets', 'forker');
    expect(fork?.reason).toBe('fork');
    expect(fork?.notice).toMatch(/coverage only: pull request #4 comes from the fork forker\/widgets, so GitHub gives this run no secrets and a read-only token/);
    expect(fork?.notice).toContain('`/testmaster run`');
    expect(runRestriction(facts(null), 'acme/widgets', 'alice')?.notice).toContain('a fork that no longer exists');
  });

  it("restricts Dependabot's pull requests, by actor or by author", () => {
    expect(runRestriction(facts('acme/widgets'), 'acme/widgets', 'dependabot[bot]')?.reason).toBe('dependabot');
    expect(runRestriction(facts('acme/widgets', 'dependabot[bot]'), 'acme/widgets', 'alice')?.reason).toBe('dependabot');
  });
});
