/**
 * The typed error hierarchy. Every error the pipeline throws on purpose is a TestMasterError whose
 * message says what was wrong and what to do. Entry points print `message` (one line) and, with
 * --debug, the stack; anything that is not a TestMasterError is a bug and is reported as such.
 */
export type ErrorKind =
  | 'configuration'
  | 'git'
  | 'test-runner'
  | 'coverage'
  | 'generation'
  | 'healing'
  | 'budget'
  | 'github'
  | 'store';

export abstract class TestMasterError extends Error {
  abstract readonly kind: ErrorKind;
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
  }
}

export class ConfigurationError extends TestMasterError {
  readonly kind = 'configuration' as const;
}
export class GitError extends TestMasterError {
  readonly kind = 'git' as const;
}
export class TestRunnerError extends TestMasterError {
  readonly kind = 'test-runner' as const;
}
export class CoverageError extends TestMasterError {
  readonly kind = 'coverage' as const;
}
export class GenerationError extends TestMasterError {
  readonly kind = 'generation' as const;
}
export class HealingError extends TestMasterError {
  readonly kind = 'healing' as const;
}
export class BudgetError extends TestMasterError {
  readonly kind = 'budget' as const;
}
export class GitHubError extends TestMasterError {
  readonly kind = 'github' as const;
}

export function isTestMasterError(value: unknown): value is TestMasterError {
  return value instanceof TestMasterError;
}

/** One line, whatever was thrown: our own errors keep their message, anything else is named a bug. */
export function oneLineMessage(error: unknown): string {
  const text = isTestMasterError(error)
    ? `${error.message}`
    : `unexpected internal error: ${error instanceof Error ? error.message : String(error)} (please report it; rerun with --debug, or with step debug logging in Actions, for the stack)`;
  return text.replace(/\s*\r?\n\s*/g, ' ').trim();
}
