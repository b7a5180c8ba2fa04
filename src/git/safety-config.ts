/**
 * What makes a git command TestMaster runs safe in a repository whose code we do not trust (pure).
 * Nothing the repository, or a file it could write (its `.git/config`, `info/attributes`, the user's
 * global config at the isolation level "none"), names may run as a command. Checked with git 2.39 for
 * every vector below (test/unit/git/safety-config.test.ts plants each one):
 *
 * | Vector | Neutralised by |
 * |---|---|
 * | hooks | `core.hooksPath=/dev/null` |
 * | fsmonitor hook or daemon | `core.fsmonitor=false` |
 * | filter drivers (`filter.<name>.clean/smudge/process`, named by `.gitattributes` or `info/attributes`) | for every driver in the effective config: empty `clean`, `smudge`, `process` (git then runs nothing) and `required=false` (else an empty driver is an error) |
 * | diff drivers (`diff.<name>.command`, `.textconv`), `diff.external` | `--no-ext-diff --no-textconv` on every diff, show and log (an empty value would be run and fail); GIT_EXTERNAL_DIFF is not in the environment |
 * | credential helpers (`credential.helper`, `credential.<url>.helper`) | `credential.helper=` (an empty value clears the list) |
 * | askpass (`core.askPass`, SSH_ASKPASS) | `core.askPass=` and GIT_ASKPASS set and empty |
 * | `core.sshCommand` | GIT_SSH_COMMAND is always set (it wins over the config) |
 * | `core.gitProxy` | GIT_PROXY_COMMAND set and empty (it wins over the config) |
 * | `core.alternateRefsCommand` | `core.alternateRefsCommand=` (empty: nothing runs) |
 * | `ext::` remotes, `url.*.insteadOf` to `ext::`, remote helpers (`remote.<name>.vcs`, `<helper>::url`) | GIT_ALLOW_PROTOCOL (file, git, http, https, ssh only; overrides every `protocol.*.allow`) and `protocol.ext.allow=never` |
 * | `remote.<name>.uploadpack` | `--upload-pack=git-upload-pack` on every fetch (a `-c` override does not win: git takes the first value) |
 * | `uploadpack.packObjectsHook` (global or system config, run by a local remote's upload-pack, which gets none of our settings) | a fetch refuses to run while it is set |
 * | submodules (their own config) | `submodule.recurse=false`, `fetch.recurseSubmodules=false`, `git status --ignore-submodules=dirty` (no git process inside a submodule) |
 * | signature verification (`gpg.program`) | `log.showSignature=false` |
 * | `include.path`, `includeIf` | the effective config is read with `--includes`, so what an include brings is neutralised too |
 *
 * Global and system config stay readable (safe.directory, user settings); only the keys above are
 * overridden, whatever their scope. The cost: filters never run in TestMaster's git commands, so a
 * temporary worktree holds the blobs as committed (e.g. Git LFS pointer files, not their content;
 * no `ident`/eol conversion by a filter), and `git status` compares unfiltered content.
 */
import type { ConfigEntry } from './config-list.js';

export type ConfigPair = readonly [key: string, value: string];

/** Set for every git command: output format, no background work, and the fixed neutralisations above. */
export const FIXED_CONFIG: readonly ConfigPair[] = [
  ['core.hooksPath', '/dev/null'],
  ['core.fsmonitor', 'false'],
  ['core.quotePath', 'false'],
  ['color.ui', 'false'],
  ['gc.auto', '0'],
  ['maintenance.auto', 'false'],
  ['advice.detachedHead', 'false'],
  ['credential.helper', ''],
  ['core.askPass', ''],
  ['core.alternateRefsCommand', ''],
  ['protocol.ext.allow', 'never'],
  ['submodule.recurse', 'false'],
  ['fetch.recurseSubmodules', 'false'],
  ['log.showSignature', 'false'],
];

/** Per subcommand, options put right after it. */
const SUBCOMMAND_OPTIONS: Readonly<Record<string, readonly string[]>> = {
  diff: ['--no-ext-diff', '--no-textconv'],
  show: ['--no-ext-diff', '--no-textconv'],
  log: ['--no-ext-diff', '--no-textconv'],
  fetch: ['--upload-pack=git-upload-pack', '--no-recurse-submodules'],
};

/** The subcommand of an argument list (the first argument that is not an option). */
export function subcommandOf(args: readonly string[]): string | null {
  return args.find((arg) => !arg.startsWith('-')) ?? null;
}

/** The arguments with the options their subcommand must always have. */
export function hardenedArgs(args: readonly string[]): string[] {
  const sub = subcommandOf(args);
  if (sub === null) return [...args];
  const extra = [...(SUBCOMMAND_OPTIONS[sub] ?? [])];
  if (sub === 'status' && !args.some((arg) => arg.startsWith('--ignore-submodules'))) extra.push('--ignore-submodules=dirty');
  if (extra.length === 0) return [...args];
  const at = args.indexOf(sub) + 1;
  return [...args.slice(0, at), ...extra, ...args.slice(at)];
}

/** Names of the filter drivers the configuration defines (`filter.<name>.<anything>`), as git spells them. */
export function filterDriverNames(entries: readonly ConfigEntry[]): string[] {
  const names = new Set<string>();
  for (const { key } of entries) {
    if (!key.startsWith('filter.')) continue;
    const last = key.lastIndexOf('.');
    if (last > 'filter.'.length) names.add(key.slice('filter.'.length, last));
  }
  return [...names].sort();
}

/** Settings that switch off every filter driver the effective configuration defines. */
export function neutralizingConfig(entries: readonly ConfigEntry[]): ConfigPair[] {
  return filterDriverNames(entries).flatMap((name): ConfigPair[] => [
    [`filter.${name}.clean`, ''],
    [`filter.${name}.smudge`, ''],
    [`filter.${name}.process`, ''],
    [`filter.${name}.required`, 'false'],
  ]);
}

/** Why a command must not run with this configuration, or null. */
export function refusalFor(args: readonly string[], entries: readonly ConfigEntry[]): string | null {
  if (subcommandOf(args) !== 'fetch') return null;
  const hook = entries.find((entry) => entry.key === 'uploadpack.packobjectshook');
  if (hook === undefined) return null;
  return `uploadpack.packObjectsHook is set in ${hook.origin}: a fetch from a local remote would run it; unset it (git config --unset uploadpack.packObjectsHook) or fetch the history before running`;
}
