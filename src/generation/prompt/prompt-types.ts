/**
 * What a prompt for one module is built from (data only; the builders are pure).
 */
import type { AnswerLimits } from '../answer/answer-schema.js';
import type { PromptMessage } from '../../budget/count-tokens.js';
import type { RuntimeFacts } from '../../runners/runtime-features.js';
import type { TestConventions } from './test-conventions.js';

export interface UncoveredBranch {
  /** 1-based line where the branch starts. */
  readonly line: number;
  /** e.g. 'the else path of the if', 'the ?? fallback'. */
  readonly description: string;
}

export interface PromptContext {
  /** Repository-relative POSIX path of the module under test. */
  readonly modulePath: string;
  readonly moduleSource: string;
  /** Changed lines of the module (1-based). */
  readonly changedLines: readonly number[];
  /** Changed lines with no hit. */
  readonly uncoveredLines: readonly number[];
  /** Changed lines with a hit but a branch not fully taken. */
  readonly partialLines: readonly number[];
  readonly uncoveredBranches?: readonly UncoveredBranch[];
  /** Where the new test file goes (from proposedTestPath). */
  readonly testPath: string;
  /** From testConventions (computed with the full style example, before any trimming). */
  readonly conventions: TestConventions;
  /** From importedSignatures; '' when none. */
  readonly importedSignatures: string;
  /** One existing test of the same package, or null. */
  readonly styleExample: { readonly path: string; readonly content: string } | null;
  readonly answerLimits?: Partial<AnswerLimits>;
  /** What the node that runs the tests has and lacks (runtime-facts.ts); null or absent when unknown. */
  readonly runtime?: RuntimeFacts | null;
  /** The installed runner's version, e.g. '29.7.0'; null or absent when unknown. */
  readonly frameworkVersion?: string | null;
}

/** The parts of the user message, already rendered; '' for a part left out. */
export interface PromptSections {
  readonly conventions: string;
  /** The Runtime section (runtime-section.ts). */
  readonly runtime: string;
  readonly source: string;
  readonly targets: string;
  readonly signatures: string;
  readonly styleExample: string;
  readonly answerShape: string;
}

export type PromptSectionName = keyof PromptSections | 'system';

export interface FailingCase {
  /** Describe blocks and title joined by ' > '. */
  readonly name: string;
  /** Raw failure text from the runner (cleaned by the healing builder). */
  readonly error: string;
}

export interface HealingInput {
  readonly testPath: string;
  /** The file as last proposed. */
  readonly previousFile: string;
  readonly failingCases: readonly FailingCase[];
  /** A failure of the whole file (syntax, import, timeout) when no case ran, or null. */
  readonly fileError: string | null;
  /** Changed lines still not covered after the passing cases ran. */
  readonly stillUncoveredLines: readonly number[];
  /** The module source, to quote the still-uncovered lines. */
  readonly moduleSource: string;
  /** Absolute directories to strip from error paths. */
  readonly roots?: readonly string[];
  readonly maxErrorChars?: number;
  readonly maxFailingCases?: number;
  readonly answerLimits?: Partial<AnswerLimits>;
}

export type { PromptMessage };
