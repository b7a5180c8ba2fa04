/**
 * Which files of a git directory the guard keeps as they were (pure data). Everything a test could use
 * to make git run something or read its settings or commits elsewhere, and nothing that git or
 * TestMaster legitimately changes while tests run:
 *
 * - in each git directory (the common one, and each submodule's under `modules/`): `config`,
 *   `config.worktree` (settings, includes, remotes, drivers), `HEAD` (the branch the user's checkout is
 *   on; nothing in a run changes it), `info/**` (attributes that name drivers, excludes, grafts,
 *   sparse-checkout), `hooks/**` (run by the user's and later workflow steps' git), `branches/**` and
 *   `remotes/**` (legacy remote definitions: URLs), `objects/info/alternates` and
 *   `objects/info/http-alternates` (where objects are read from);
 * - in each worktree's admin directory (`worktrees/<name>/`): `HEAD`, `commondir` (which repository the
 *   worktree belongs to), `gitdir`, `config.worktree`, `locked`; and the worktree's own `.git` file,
 *   which says where its admin directory is.
 *
 * Left out: `index` and `*.lock` (git rewrites them on status and checkout), `logs/`, `ORIG_HEAD`,
 * `FETCH_HEAD` (git writes them), `objects/` and `packed-refs`/`refs/` (data: every commit TestMaster
 * measures is resolved to an id before any repository code runs, a moved ref cannot make git run
 * anything, and a repository may have thousands of loose refs, which would be a cost per test process),
 * `shallow` (TestMaster's own fetch changes it), and TestMaster's run store (`testmaster/` by default).
 * TestMaster's own temporary worktrees are taken into the baseline when it adds them and out when it
 * removes them.
 */

/** Single files of a git directory. */
export const GIT_DIR_FILES: readonly string[] = ['config', 'config.worktree', 'HEAD', 'objects/info/alternates', 'objects/info/http-alternates'];

/** Directories of a git directory kept whole (every entry, at any depth). */
export const GIT_DIR_TREES: readonly string[] = ['info', 'hooks', 'branches', 'remotes'];

/** Files of a worktree's admin directory (`worktrees/<name>/`). */
export const WORKTREE_FILES: readonly string[] = ['HEAD', 'commondir', 'gitdir', 'config.worktree', 'locked'];

/** How deep submodule git directories are looked for under `modules/` (names may contain slashes). */
export const MAX_MODULES_DEPTH = 8;
