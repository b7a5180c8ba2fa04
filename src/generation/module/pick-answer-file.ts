/**
 * Which file of the model's answer becomes the candidate, and where it goes (pure). The candidate is
 * always written at the path TestMaster chose for the module (the test-path-pattern): a path the
 * model proposes is never used to write anything. When the model named another path, the reason is
 * kept as a note (and, if that path breaks the path rules, which rule).
 */
import type { ModelAnswer } from '../answer/answer-schema.js';
import type { CodeOnlyAnswer } from '../answer/extract-answer.js';
import { DEFAULT_TEST_GLOBS, proposedPathProblem } from '../../validation/proposed-path-rules.js';

export interface PickedFile {
  readonly content: string;
  /** Set when the model proposed another path than the chosen one. */
  readonly pathNote: string | null;
}

export function pickAnswerFile(answer: ModelAnswer | CodeOnlyAnswer, testPath: string): PickedFile {
  const files = answer.files;
  const exact = files.find((file) => file.path === testPath);
  const chosen = exact ?? files[0];
  if (!chosen) return { content: '', pathNote: 'the answer had no file' };
  const proposed = chosen.path;
  if (proposed === null || proposed === testPath) return { content: chosen.content, pathNote: null };
  const problem = proposedPathProblem(proposed, DEFAULT_TEST_GLOBS);
  const why = problem ? `rejected: ${problem}` : 'not the configured test path';
  return { content: chosen.content, pathNote: `the model proposed ${JSON.stringify(proposed.slice(0, 200))} (${why}); written at ${testPath} instead` };
}
