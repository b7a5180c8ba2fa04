/**
 * The text of the one repair turn sent after an unusable answer (pure): what was wrong, a reminder
 * of the shape, and "answer with JSON only". Short on purpose: it is sent within the budget, after
 * the conversation so far, and the model already has the task.
 */
import { formatBytes, resolveAnswerLimits, type AnswerLimits } from './answer-schema.js';
import type { ExtractFailure } from './extract-answer.js';

const SHAPE = '{"files":[{"path":"<repository-relative path of the new test file>","content":"<the whole test file>"}],"notes":null}';

export function repairPrompt(failure: ExtractFailure, limits: Partial<AnswerLimits> = {}): string {
  return `${whatWentWrong(failure)}\n\n${answerShapeReminder(limits)}`;
}

/** The shape and limits of an answer, for the repair turn and for any prompt that wants it. */
export function answerShapeReminder(limits: Partial<AnswerLimits> = {}): string {
  const { maxFiles, maxFileBytes } = resolveAnswerLimits(limits);
  const files = maxFiles === 1 ? 'Exactly 1 file' : `1 to ${maxFiles} files`;
  return [
    'Answer with one JSON object only: no prose before or after it, no code fences. Its shape:',
    SHAPE,
    `${files}, ${maxFiles === 1 ? '' : 'each '}at most ${formatBytes(maxFileBytes)}; "notes" may be null.`,
  ].join('\n');
}

function whatWentWrong(failure: ExtractFailure): string {
  switch (failure.kind) {
    case 'truncated':
      return 'Your previous answer was cut off at the output limit, so it could not be used. Write a shorter answer: fewer test cases, no comments or explanations.';
    case 'empty':
      return 'Your previous answer was empty.';
    case 'refusal':
      return 'Your previous answer declined the task. The task is to write unit tests for this repository\'s own code; they run in a sandbox and its maintainers review them. If you can, write them now.';
    case 'invalid': {
      const problems = failure.problems.length > 0 ? failure.problems : [failure.detail];
      return ['Your previous answer could not be used:', ...problems.map((problem) => `- ${problem}`)].join('\n');
    }
  }
}
