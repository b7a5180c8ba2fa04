/**
 * Pure: what became of the proposed tests in this run (one outcome per apply mode's result), and the
 * "how to apply" text the comment shows for it. Branch names come from the pull request (its author
 * chose them): they go into code spans (escape-markdown.ts).
 */
import { codeSpan } from '../report/escape-markdown.js';

export type ApplyOutcome =
  /** comment mode: proposed in the comment, for `/testmaster apply`. */
  | { readonly kind: 'proposed' }
  | { readonly kind: 'committed'; readonly branch: string; readonly sha: string; readonly url: string }
  /** The files were on the branch already, exactly. */
  | { readonly kind: 'already-there'; readonly branch: string }
  /** The branch is no longer at the commit the tests were made for: nothing was written, nothing forced. */
  | { readonly kind: 'head-moved'; readonly branch: string; readonly actual: string | null }
  | {
      readonly kind: 'pull-request';
      readonly action: 'opened' | 'updated';
      readonly number: number;
      readonly url: string;
      /** The pull request's branch (its base) and TestMaster's branch (its head). */
      readonly branch: string;
      readonly patchBranch: string;
    }
  /** pull-request mode with nothing left to propose: the open one was closed. */
  | { readonly kind: 'pull-request-closed'; readonly number: number; readonly url: string }
  | { readonly kind: 'not-applied'; readonly reason: string };

export interface HowToApplyFacts {
  readonly fileCount: number;
  readonly headSha: string;
  /** Whether the proposal payload is in the comment (comment mode needs it for /testmaster apply). */
  readonly embedded: boolean;
}

/** The markdown paragraph under "Applying the tests"; null when there is nothing to say. */
export function howToApplyText(outcome: ApplyOutcome | null, facts: HowToApplyFacts): string | null {
  const one = facts.fileCount === 1;
  const files = one ? 'proposed test file' : `${facts.fileCount} proposed test files`;
  const is = one ? 'is' : 'are';
  const head = `\`${facts.headSha.slice(0, 7)}\``;
  if (outcome === null) return null;
  switch (outcome.kind) {
    case 'proposed':
      return facts.embedded
        ? `To commit the ${files} to this branch, someone with write access comments \`/testmaster apply\`. ${one ? 'It is' : 'They are'} committed exactly as shown, and only while the branch is still at ${head}; after a new push, TestMaster proposes again.`
        : `The ${files} ${is} too large to carry in this comment, so \`/testmaster apply\` cannot commit ${one ? 'it' : 'them'}: copy ${one ? 'it' : 'them'} from the job summary or the workflow run's artifact, or use \`apply: pull-request\`.`;
    case 'committed':
      return `Committed the ${files} to ${codeSpan(outcome.branch)} in [${outcome.sha.slice(0, 7)}](${outcome.url}).`;
    case 'already-there':
      return `The ${files} ${is} already on ${codeSpan(outcome.branch)} exactly as proposed.`;
    case 'head-moved': {
      const now = outcome.actual === null ? 'the branch no longer exists' : `it is now at \`${outcome.actual.slice(0, 7)}\``;
      return `Not committed: ${codeSpan(outcome.branch)} moved since ${head} (${now}), and TestMaster never force-pushes. The run for the new head proposes again.`;
    }
    case 'pull-request':
      return `The ${files} ${is} in #${outcome.number} ([${outcome.action === 'opened' ? 'opened' : 'updated'}](${outcome.url})), from ${codeSpan(outcome.patchBranch)} into ${codeSpan(outcome.branch)}: merge it to add them.`;
    case 'pull-request-closed':
      return `Nothing is left to propose, so #${outcome.number} was closed.`;
    case 'not-applied':
      return `Not applied: ${outcome.reason} Copy the tests from the job summary or the workflow run's artifact instead.`;
  }
}
