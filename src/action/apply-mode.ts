/**
 * Pure: the `apply` input, how proposed tests reach the pull request: `comment` (default: proposed in
 * the sticky comment; a reviewer applies them with `/testmaster apply`), `commit` (committed onto the
 * pull request's branch, same-repository pull requests only, never by force) or `pull-request` (one
 * pull request of the tests into the pull request's branch, from `testmaster/pr-<number>`).
 */
import { ConfigurationError } from '../errors/errors.js';

export const APPLY_MODES = ['comment', 'commit', 'pull-request'] as const;
export type ApplyMode = (typeof APPLY_MODES)[number];

/** An empty input is the default, `comment`; anything else must be one of APPLY_MODES (any case). */
export function parseApplyMode(value: string): ApplyMode {
  const mode = value.trim().toLowerCase();
  if (mode === '') return 'comment';
  if ((APPLY_MODES as readonly string[]).includes(mode)) return mode as ApplyMode;
  throw new ConfigurationError(
    `invalid apply input ${JSON.stringify(value.slice(0, 40))}: expected one of ${APPLY_MODES.join(', ')} (comment proposes the tests, commit pushes them to the branch, pull-request opens a pull request with them)`,
  );
}
