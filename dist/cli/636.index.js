import { fileURLToPath as __testmasterFileURLToPath } from 'node:url';
const __filename = __testmasterFileURLToPath(import.meta.url);
const __dirname = __testmasterFileURLToPath(new URL('.', import.meta.url));
export const id = 636;
export const ids = [636];
export const modules = {

/***/ 5636:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  runCli: () => (/* binding */ runCli)
});

// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
var external_node_path_default = /*#__PURE__*/__webpack_require__.n(external_node_path_);
// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(1455);
// EXTERNAL MODULE: ./src/errors/errors.ts
var errors = __webpack_require__(2600);
// EXTERNAL MODULE: external "node:child_process"
var external_node_child_process_ = __webpack_require__(1421);
// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(3024);
;// CONCATENATED MODULE: ./src/git/config-list.ts
/**
 * The effective git configuration as `git config --list --includes --show-origin -z` prints it, and the
 * files it can come from (pure). Reading it executes nothing: git only parses the files.
 */

/** Parses `-z` output: origin NUL key (NEWLINE value) NUL, repeated. */
function parseConfigList(output) {
    const fields = output.split('\0');
    const entries = [];
    for (let index = 0; index + 1 < fields.length; index += 2) {
        const origin = fields[index];
        const item = fields[index + 1];
        const newline = item.indexOf('\n');
        entries.push(newline < 0 ? { origin, key: item, value: null } : { origin, key: item.slice(0, newline), value: item.slice(newline + 1) });
    }
    return entries;
}
/**
 * Every file whose change could change the effective configuration of git run in `cwd`: the files the
 * entries came from, the files their includes name (existing or not), the standard system, global,
 * repository and worktree files (existing or not), and the `.git` file or directory that decides which
 * repository `cwd` belongs to. Absolute paths, sorted, without duplicates.
 */
function configSourceFiles(cwd, locations, entries, env) {
    const files = new Set();
    const base = locations.toplevel ?? cwd;
    const home = env.HOME ?? '';
    const add = (file) => {
        if (file)
            files.add(external_node_path_default().resolve(base, file));
    };
    if (env.GIT_CONFIG_SYSTEM)
        add(env.GIT_CONFIG_SYSTEM);
    else if (!isTrue(env.GIT_CONFIG_NOSYSTEM))
        add('/etc/gitconfig');
    if (env.GIT_CONFIG_GLOBAL)
        add(env.GIT_CONFIG_GLOBAL);
    else {
        if (home)
            add(external_node_path_default().join(home, '.gitconfig'));
        const xdg = env.XDG_CONFIG_HOME || (home ? external_node_path_default().join(home, '.config') : '');
        if (xdg)
            add(external_node_path_default().join(xdg, 'git', 'config'));
    }
    if (locations.commonDir) {
        add(external_node_path_default().join(locations.commonDir, 'config'));
        add(external_node_path_default().join(locations.commonDir, 'config.worktree'));
    }
    if (locations.gitDir) {
        add(external_node_path_default().join(locations.gitDir, 'config.worktree'));
        add(external_node_path_default().join(locations.gitDir, 'commondir'));
    }
    add(external_node_path_default().join(cwd, '.git'));
    if (locations.toplevel)
        add(external_node_path_default().join(locations.toplevel, '.git'));
    for (const entry of entries) {
        const origin = originFile(entry.origin);
        if (origin === null)
            continue;
        const absoluteOrigin = external_node_path_default().resolve(base, origin);
        files.add(absoluteOrigin);
        if (entry.value !== null && isIncludeKey(entry.key)) {
            const target = expandHome(entry.value, home);
            if (target !== null)
                files.add(external_node_path_default().resolve(external_node_path_default().dirname(absoluteOrigin), target));
        }
    }
    return [...files].sort();
}
/** The file an origin names, or null for the command line, standard input, blobs. */
function originFile(origin) {
    return origin.startsWith('file:') && origin.length > 'file:'.length ? origin.slice('file:'.length) : null;
}
/** `include.path` and `includeIf.<condition>.path`. */
function isIncludeKey(key) {
    return key === 'include.path' || (key.startsWith('includeif.') && key.endsWith('.path'));
}
function expandHome(value, home) {
    if (value === '')
        return null;
    if (value === '~' || value.startsWith('~/'))
        return home ? external_node_path_default().join(home, value.slice(1)) : null;
    return value;
}
function isTrue(value) {
    return value !== undefined && /^(1|true|yes|on)$/i.test(value.trim());
}

;// CONCATENATED MODULE: ./src/git/git-environment.ts
/**
 * The environment git runs with (pure). Built from an allow-list, never from our own environment minus a
 * deny-list: git gets what it needs to find itself, its configuration and the network (PATH, HOME, where
 * the config files are, locale, proxies and CA bundles, the ssh agent), never INPUT_*, tokens, keys or
 * GITHUB_*, ACTIONS_*, RUNNER_* variables. Fixed settings follow: no prompts, no pager, no optional
 * locks, English messages, a fixed ssh command, only the transports TestMaster uses (no `ext::`, no
 * remote helpers), no proxy command, no askpass program. The safety configuration (safety-config.ts)
 * travels as GIT_CONFIG_COUNT/KEY/VALUE variables, which git reads like `-c` but without parsing
 * `name=value` (a filter driver may be named `a=b`), and which reach the git processes git starts.
 */
/** Copied from our environment when present (compared case-insensitively, for Windows' `Path`). */
const ALLOWED_NAMES = new Set([
    'PATH',
    'HOME',
    'TMPDIR',
    'TEMP',
    'TMP',
    'TZ',
    // Where git finds its configuration: the user's global config stays readable (safe.directory...).
    'XDG_CONFIG_HOME',
    'GIT_CONFIG_GLOBAL',
    'GIT_CONFIG_SYSTEM',
    'GIT_CONFIG_NOSYSTEM',
    // The user's own choice of ssh command, and the agent it talks to.
    'GIT_SSH_COMMAND',
    'SSH_AUTH_SOCK',
    // Network: proxies and certificate bundles of the machine (fetching base history in the action).
    'HTTP_PROXY',
    'HTTPS_PROXY',
    'ALL_PROXY',
    'NO_PROXY',
    'GIT_SSL_CAINFO',
    'GIT_SSL_CAPATH',
    'SSL_CERT_FILE',
    'SSL_CERT_DIR',
    'CURL_CA_BUNDLE',
    // What git needs to start on Windows.
    'SYSTEMROOT',
    'WINDIR',
    'COMSPEC',
    'PATHEXT',
    'USERPROFILE',
    'HOMEDRIVE',
    'HOMEPATH',
    'LOCALAPPDATA',
    'APPDATA',
]);
/** Transports git may use: local paths and the network protocols a remote of a checkout uses. */
const ALLOWED_PROTOCOLS = 'file:git:http:https:ssh';
/** The ssh command when the user set none: no prompt, and no ssh config file (its ProxyCommand is a command). */
const DEFAULT_SSH_COMMAND = 'ssh -F /dev/null -o BatchMode=yes';
const FIXED = {
    GIT_TERMINAL_PROMPT: '0',
    GCM_INTERACTIVE: 'never',
    GIT_PAGER: 'cat',
    PAGER: 'cat',
    GIT_OPTIONAL_LOCKS: '0',
    LC_ALL: 'C',
    LANGUAGE: 'C',
    // Only these transports, whatever protocol.*.allow says: no ext:: command, no git-remote-<helper>.
    GIT_ALLOW_PROTOCOL: ALLOWED_PROTOCOLS,
    // Set and empty: git then ignores core.gitProxy (a command run for git:// remotes).
    GIT_PROXY_COMMAND: '',
    // Set and empty: no askpass program at all (core.askPass and SSH_ASKPASS are not consulted).
    GIT_ASKPASS: '',
};
/**
 * Git's environment: allow-listed variables from `source`, the fixed settings, and `config` as
 * GIT_CONFIG_COUNT entries (command-line scope: they win over every config file).
 */
function gitEnvironment(source = process.env, config = []) {
    const env = {};
    for (const [name, value] of Object.entries(source)) {
        if (value === undefined || value.includes('\0'))
            continue;
        const upper = name.toUpperCase();
        if (ALLOWED_NAMES.has(upper))
            env[name] = value;
        // Lower-case proxy variables are what curl reads first on Linux.
        else if (['http_proxy', 'https_proxy', 'all_proxy', 'no_proxy'].includes(name))
            env[name] = value;
    }
    if (env.GIT_SSH_COMMAND === undefined || env.GIT_SSH_COMMAND === '')
        env.GIT_SSH_COMMAND = DEFAULT_SSH_COMMAND;
    Object.assign(env, FIXED);
    env.GIT_CONFIG_COUNT = String(config.length);
    config.forEach(([key, value], index) => {
        env[`GIT_CONFIG_KEY_${index}`] = key;
        env[`GIT_CONFIG_VALUE_${index}`] = value;
    });
    return env;
}

;// CONCATENATED MODULE: ./src/git/safety-config.ts
/** Set for every git command: output format, no background work, and the fixed neutralisations above. */
const FIXED_CONFIG = [
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
const SUBCOMMAND_OPTIONS = {
    diff: ['--no-ext-diff', '--no-textconv'],
    show: ['--no-ext-diff', '--no-textconv'],
    log: ['--no-ext-diff', '--no-textconv'],
    fetch: ['--upload-pack=git-upload-pack', '--no-recurse-submodules'],
};
/** The subcommand of an argument list (the first argument that is not an option). */
function subcommandOf(args) {
    return args.find((arg) => !arg.startsWith('-')) ?? null;
}
/** The arguments with the options their subcommand must always have. */
function hardenedArgs(args) {
    const sub = subcommandOf(args);
    if (sub === null)
        return [...args];
    const extra = [...(SUBCOMMAND_OPTIONS[sub] ?? [])];
    if (sub === 'status' && !args.some((arg) => arg.startsWith('--ignore-submodules')))
        extra.push('--ignore-submodules=dirty');
    if (extra.length === 0)
        return [...args];
    const at = args.indexOf(sub) + 1;
    return [...args.slice(0, at), ...extra, ...args.slice(at)];
}
/** Names of the filter drivers the configuration defines (`filter.<name>.<anything>`), as git spells them. */
function filterDriverNames(entries) {
    const names = new Set();
    for (const { key } of entries) {
        if (!key.startsWith('filter.'))
            continue;
        const last = key.lastIndexOf('.');
        if (last > 'filter.'.length)
            names.add(key.slice('filter.'.length, last));
    }
    return [...names].sort();
}
/** Settings that switch off every filter driver the effective configuration defines. */
function neutralizingConfig(entries) {
    return filterDriverNames(entries).flatMap((name) => [
        [`filter.${name}.clean`, ''],
        [`filter.${name}.smudge`, ''],
        [`filter.${name}.process`, ''],
        [`filter.${name}.required`, 'false'],
    ]);
}
/** Why a command must not run with this configuration, or null. */
function refusalFor(args, entries) {
    if (subcommandOf(args) !== 'fetch')
        return null;
    const hook = entries.find((entry) => entry.key === 'uploadpack.packobjectshook');
    if (hook === undefined)
        return null;
    return `uploadpack.packObjectsHook is set in ${hook.origin}: a fetch from a local remote would run it; unset it (git config --unset uploadpack.packObjectsHook) or fetch the history before running`;
}

;// CONCATENATED MODULE: ./src/git/effective-config.ts
/**
 * The effective git configuration of a directory, cached per directory and read again whenever one of
 * the files it can come from changed (config-list.ts names them). Each git command TestMaster runs
 * checks that fingerprint first: some stats (tens of microseconds); a change costs two git processes.
 * The fingerprint holds inode, size, mtime and ctime in nanoseconds; a process cannot set ctime back,
 * so any write to those files (or their creation, removal, replacement by a symlink) is seen, however
 * its times are forged.
 *
 * Reading never runs the repository's commands: `git config --list` only parses files, and
 * `git rev-parse` only locates the repository; both run with the fixed safe settings.
 */






const cache = new Map();
const pending = new Map();
/** The configuration git sees in `cwd`, read again when any of its files changed since the last read. */
async function effectiveConfig(cwd) {
    const cached = cache.get(cwd);
    if (cached !== undefined && fingerprintOf(cached.sources) === cached.fingerprint)
        return cached.entries;
    let reading = pending.get(cwd);
    if (reading === undefined) {
        reading = readConfig(cwd, cached?.sources ?? []).finally(() => pending.delete(cwd));
        pending.set(cwd, reading);
    }
    const fresh = await reading;
    cache.set(cwd, fresh);
    return fresh.entries;
}
/** Forgets every cached configuration (the guard calls it after restoring a git directory). */
function forgetEffectiveConfigs() {
    cache.clear();
}
async function readConfig(cwd, knownSources) {
    const env = gitEnvironment(process.env, FIXED_CONFIG);
    // Stats taken before the read: a file changed while git reads it differs at the next check.
    const before = new Map(knownSources.map((file) => [file, fileSignature(file)]));
    const [located, listed] = await Promise.all([
        runPlain(cwd, ['rev-parse', '--path-format=absolute', '--show-toplevel', '--absolute-git-dir', '--git-common-dir'], env),
        runPlain(cwd, ['config', '--list', '--includes', '--show-origin', '-z'], env),
    ]);
    if (listed === null)
        return { entries: [], sources: [], fingerprint: 'unreadable' }; // cwd missing: the command itself says so
    if (listed.code !== 0) {
        const detail = listed.stderr.split('\n').find((line) => line.trim() !== '')?.replace(/^(fatal|error):\s*/, '') ?? `exit ${listed.code}`;
        if (/dubious ownership/i.test(listed.stderr)) {
            throw new errors/* GitError */.XS(`git refuses ${cwd} (dubious ownership); run: git config --global --add safe.directory ${cwd}`);
        }
        throw new errors/* GitError */.XS(`could not read the git configuration in ${cwd}: ${detail}`);
    }
    const entries = parseConfigList(listed.stdout);
    const sources = configSourceFiles(cwd, locationsOf(located), entries, env);
    const fingerprint = sources.map((file) => `${file}\0${before.get(file) ?? fileSignature(file)}`).join('\n');
    return { entries, sources, fingerprint };
}
function locationsOf(result) {
    const lines = result !== null && result.code === 0 ? result.stdout.split('\n') : [];
    const [toplevel, gitDir, commonDir] = lines;
    return { toplevel: toplevel || null, gitDir: gitDir || null, commonDir: commonDir || null };
}
function fingerprintOf(files) {
    return files.map((file) => `${file}\0${fileSignature(file)}`).join('\n');
}
/** The file itself (a symlink is not followed) and, for a symlink, what it points to. */
function fileSignature(file) {
    const own = (0,external_node_fs_.lstatSync)(file, { bigint: true, throwIfNoEntry: false });
    if (own === undefined)
        return '-';
    const sig = `${own.mode}:${own.ino}:${own.size}:${own.mtimeNs}:${own.ctimeNs}`;
    if (!own.isSymbolicLink())
        return sig;
    const target = (0,external_node_fs_.statSync)(file, { bigint: true, throwIfNoEntry: false });
    return `${sig}>${target === undefined ? '-' : `${target.mode}:${target.ino}:${target.size}:${target.mtimeNs}:${target.ctimeNs}`}`;
}
/** Runs git with the fixed settings only; null when it could not start (e.g. `cwd` does not exist). */
function runPlain(cwd, args, env) {
    return new Promise((resolve) => {
        const child = (0,external_node_child_process_.spawn)('git', ['--no-pager', ...args], { cwd, env, stdio: ['ignore', 'pipe', 'pipe'], windowsHide: true });
        const out = [];
        const err = [];
        child.stdout.on('data', (chunk) => out.push(chunk));
        child.stderr.on('data', (chunk) => err.push(chunk));
        child.on('error', () => resolve(null));
        child.on('close', (code) => resolve({ code, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8') }));
    });
}

;// CONCATENATED MODULE: ./src/git/exec.ts
/**
 * Runs git as a child process (never through a shell) with a fixed, safe configuration: an
 * allow-listed environment (git-environment.ts), and nothing the repository or a file it could write
 * names ever runs (safety-config.ts: hooks, fsmonitor, filter and diff drivers, credential helpers,
 * ssh and proxy commands, ext:: and remote helpers...; the filter drivers to switch off are read from
 * the directory's effective configuration, effective-config.ts). No pager, no prompts, no background
 * gc, unquoted UTF-8 paths and English messages. Failures become a GitError with a one-line message
 * that says what to do.
 */







/** Default cap on collected stdout: diffs of big pull requests can be large. */
const DEFAULT_MAX_OUTPUT_BYTES = 512 * 1024 * 1024;
/** The arguments and environment of one git command in `repoDir`; throws when it must not run there. */
async function gitInvocation(repoDir, args) {
    const entries = await effectiveConfig(repoDir);
    const refusal = refusalFor(args, entries);
    if (refusal !== null)
        throw new errors/* GitError */.XS(`${describeCommand(args)} refused in ${repoDir}: ${refusal}`);
    return { args: ['--no-pager', ...hardenedArgs(args)], env: gitEnvironment(process.env, [...FIXED_CONFIG, ...neutralizingConfig(entries)]) };
}
/** Starts git with the safe configuration; callers that stream (cat-file --batch) use this. */
async function spawnGit(repoDir, args, signal) {
    const invocation = await gitInvocation(repoDir, args);
    return (0,external_node_child_process_.spawn)('git', invocation.args, {
        cwd: repoDir,
        env: invocation.env,
        stdio: ['pipe', 'pipe', 'pipe'],
        windowsHide: true,
        ...(signal ? { signal } : {}),
    });
}
/** Runs git and returns stdout as a Buffer (for -z output and blobs). */
async function runGitBuffer(repoDir, args, options = {}) {
    const maxBytes = options.maxOutputBytes ?? DEFAULT_MAX_OUTPUT_BYTES;
    const child = await spawnGit(repoDir, args, options.signal);
    const chunks = [];
    const errChunks = [];
    let size = 0;
    let errSize = 0;
    let overflow = false;
    let timedOut = false;
    const timer = options.timeoutMs
        ? setTimeout(() => {
            timedOut = true;
            child.kill('SIGKILL');
        }, options.timeoutMs)
        : null;
    child.stdout.on('data', (chunk) => {
        if (overflow)
            return;
        size += chunk.length;
        if (size > maxBytes) {
            overflow = true;
            child.kill('SIGKILL');
            return;
        }
        chunks.push(chunk);
    });
    child.stderr.on('data', (chunk) => {
        if (errSize < 64 * 1024)
            errChunks.push(chunk);
        errSize += chunk.length;
    });
    child.stdin.on('error', () => {
        /* git may exit before reading all input; the exit code tells what happened */
    });
    child.stdin.end(options.input ?? '');
    const exit = await new Promise((resolve) => {
        let spawnError = null;
        child.on('error', (error) => {
            spawnError = error;
        });
        child.on('close', (code) => resolve({ code, error: spawnError }));
    });
    if (timer)
        clearTimeout(timer);
    const stderr = Buffer.concat(errChunks).toString('utf8');
    const command = describeCommand(args);
    if (exit.error)
        throw await spawnFailure(repoDir, command, exit.error);
    if (overflow) {
        throw new errors/* GitError */.XS(`${command} printed more than ${Math.round(maxBytes / 1048576)} MiB; the change is too large to analyse, narrow it (smaller pull request or include patterns)`);
    }
    if (timedOut) {
        throw new errors/* GitError */.XS(`${command} did not finish within ${Math.round((options.timeoutMs ?? 0) / 1000)} s; check network access to the remote, or fetch the needed history before running`);
    }
    const exitCode = exit.code ?? -1;
    if (exitCode !== 0 && !(options.okExitCodes ?? []).includes(exitCode)) {
        throw gitFailure(repoDir, command, exitCode, stderr);
    }
    return { stdout: Buffer.concat(chunks, Math.min(size, maxBytes)), stderr, exitCode };
}
/** Runs git and returns stdout decoded as UTF-8. */
async function runGit(repoDir, args, options = {}) {
    const result = await runGitBuffer(repoDir, args, options);
    return { ...result, stdout: result.stdout.toString('utf8') };
}
/** `git diff`, `git rev-parse`...: the subcommand, for messages. */
function describeCommand(args) {
    const sub = args.find((arg) => !arg.startsWith('-'));
    return `git ${sub ?? args[0] ?? ''}`.trim();
}
/** The first meaningful stderr line, without git's "fatal: " / "error: " prefix. */
function firstErrorLine(stderr) {
    const lines = stderr.split(/\r?\n/).map((line) => line.trim()).filter((line) => line.length > 0);
    const preferred = lines.find((line) => /^(fatal|error):/i.test(line)) ?? lines[0] ?? '';
    const text = preferred.replace(/^(fatal|error|warning):\s*/i, '');
    return text.length > 300 ? `${text.slice(0, 297)}...` : text;
}
/** Maps git's stderr to an actionable GitError. */
function gitFailure(repoDir, command, exitCode, stderr) {
    if (/not a git repository/i.test(stderr)) {
        return new errors/* GitError */.XS(`not a git repository: ${repoDir}; run inside a checkout or pass --repo`);
    }
    if (/dubious ownership/i.test(stderr)) {
        return new errors/* GitError */.XS(`git refuses ${repoDir} (dubious ownership); run: git config --global --add safe.directory ${repoDir}`);
    }
    const detail = firstErrorLine(stderr) || 'no error message';
    return new errors/* GitError */.XS(`${command} failed (exit ${exitCode}) in ${repoDir}: ${detail}`);
}
async function spawnFailure(repoDir, command, error) {
    if (error.name === 'AbortError')
        return new errors/* GitError */.XS(`${command} was cancelled`, { cause: error });
    if (error.code === 'ENOENT') {
        const dirExists = await (0,promises_.stat)(repoDir).then((s) => s.isDirectory(), () => false);
        if (!dirExists)
            return new errors/* GitError */.XS(`repository directory does not exist: ${repoDir}; pass --repo with the path of a checkout`, { cause: error });
        return new errors/* GitError */.XS('git was not found on PATH; install git (2.30 or later) and retry', { cause: error });
    }
    return new errors/* GitError */.XS(`${command} could not be started in ${repoDir}: ${error.message}`, { cause: error });
}

;// CONCATENATED MODULE: ./src/config/confine-path.ts
/**
 * Keeps a path from a repository's config file inside the repository. The check is on real paths:
 * the nearest existing ancestor of the file is resolved with realpath, so a symbolic link planted in
 * the repository (`reports -> /home/me`) cannot lead a write outside it; what does not exist yet is
 * created by us, below that ancestor. Reports may not go into a git directory (its config and hooks
 * are not ours to replace); the run store may (its default place is there); a file we only read must
 * itself resolve inside. The file itself being a link is left to the writer: reports are renamed over
 * their path (replacing a link, never writing through it) and the run store refuses a link.
 */



/** The repository around `dir`; outside a git repository, `dir` itself with no git directory. */
async function findRepositoryRoots(dir) {
    const result = await runGit(dir, ['rev-parse', '--path-format=absolute', '--show-toplevel', '--git-dir', '--git-common-dir'], { okExitCodes: [128] });
    const [top, ...gitDirs] = result.exitCode === 0 ? result.stdout.split('\n').filter(Boolean) : [];
    return {
        workTree: await (0,promises_.realpath)(top ?? dir),
        gitDirs: [...new Set(await Promise.all(gitDirs.map((gitDir) => (0,promises_.realpath)(gitDir))))],
    };
}
/** Whether `path` is `root` or below it (both absolute and normalized). */
function isWithin(root, path) {
    const inside = (0,external_node_path_.relative)(root, path);
    return inside === '' || (inside !== '..' && !inside.startsWith(`..${external_node_path_.sep}`) && !(0,external_node_path_.isAbsolute)(inside));
}
/** Whether a real path is in one of the git directories; compared without case (a case-insensitive file system reaches `.GIT/config` too). */
function isInGitDir(roots, path) {
    return roots.gitDirs.some((gitDir) => isWithin(gitDir.toLowerCase(), path.toLowerCase()));
}
/**
 * Why `absolutePath` (from a repository file) may not be used for `use`, or null when it stays inside:
 * e.g. `resolves outside the repository, to /home/me/.bashrc`.
 */
async function pathConfinementProblem(absolutePath, roots, use) {
    const { real, linked, dangling } = use === 'read' ? await realNearest(absolutePath) : await realInDirectory(absolutePath);
    if (dangling !== null)
        return `leads through the symbolic link ${dangling}, which points to nothing`;
    const allowed = isWithin(roots.workTree, real) || (use !== 'write' && roots.gitDirs.some((gitDir) => isWithin(gitDir, real)));
    if (!allowed) {
        return linked ? `leads through a symbolic link to ${real}, outside the repository` : `resolves outside the repository, to ${real}`;
    }
    if (use === 'write' && isInGitDir(roots, real))
        return `is inside the git directory (${real})`;
    return null;
}
/** Where a file would be: the real path of its directory (its nearest existing ancestor), with its own name. */
async function realInDirectory(path) {
    const directory = await realNearest((0,external_node_path_.dirname)(path));
    return { ...directory, real: (0,external_node_path_.join)(directory.real, (0,external_node_path_.basename)(path)) };
}
/**
 * Whether a file the user named (absolute path) is the repository's: the path as given, its real
 * location (the real path of its directory) or, for a link, its target is in the working tree or a
 * git directory.
 */
async function isRepositoryFile(path, roots) {
    const inRepository = (real) => isWithin(roots.workTree, real) || roots.gitDirs.some((gitDir) => isWithin(gitDir, real));
    const target = await (0,promises_.realpath)(path).catch(() => null);
    return inRepository(path) || inRepository((await realInDirectory(path)).real) || (target !== null && inRepository(target));
}
/** The real path of `path`'s nearest existing ancestor (itself included), with the rest appended. */
async function realNearest(path) {
    let existing = path;
    const rest = [];
    for (;;) {
        const real = await (0,promises_.realpath)(existing).catch(() => null);
        if (real !== null)
            return { real: (0,external_node_path_.join)(real, ...rest.reverse()), linked: real !== existing, dangling: null };
        if ((await (0,promises_.lstat)(existing).catch(() => null))?.isSymbolicLink())
            return { real: path, linked: true, dangling: existing };
        const parent = (0,external_node_path_.dirname)(existing);
        if (parent === existing)
            return { real: path, linked: false, dangling: null };
        rest.push((0,external_node_path_.basename)(existing));
        existing = parent;
    }
}

// EXTERNAL MODULE: ./node_modules/yaml/dist/index.js
var dist = __webpack_require__(8815);
// EXTERNAL MODULE: ./node_modules/zod/v4/core/json-schema-processors.js
var json_schema_processors = __webpack_require__(8439);
;// CONCATENATED MODULE: ./src/config/closest-key.ts
/** "Did you mean ...?" for a mistyped configuration key (pure). */
/** The known key closest to `unknown`, or null when none is close enough to be a likely typo. */
function closestKey(unknown, known) {
    const wanted = normaliseKey(unknown);
    let best = null;
    let bestDistance = Infinity;
    for (const candidate of known) {
        const distance = editDistance(wanted, normaliseKey(candidate));
        if (distance < bestDistance) {
            best = candidate;
            bestDistance = distance;
        }
    }
    const tolerance = Math.max(2, Math.floor(wanted.length / 3));
    return bestDistance <= tolerance ? best : null;
}
/** camelCase, snake_case and upper case all compare as kebab-case. */
function normaliseKey(key) {
    return key
        .replace(/([a-z0-9])([A-Z])/g, '$1-$2')
        .replace(/[_\s]+/g, '-')
        .toLowerCase();
}
/** Levenshtein distance. */
function editDistance(a, b) {
    let previous = Array.from({ length: b.length + 1 }, (_unused, index) => index);
    for (let i = 1; i <= a.length; i++) {
        const current = [i];
        for (let j = 1; j <= b.length; j++) {
            const substitution = previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1);
            current.push(Math.min(previous[j] + 1, current[j - 1] + 1, substitution));
        }
        previous = current;
    }
    return previous[b.length];
}

;// CONCATENATED MODULE: ./src/config/schema-path.ts
/** The value as a schema object, or undefined when it is not one. */
function asSchema(value) {
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? value : undefined;
}
/** The JSON Schema of the value at `path` below `schema` (properties, record values, list items, nullable alternatives). */
function schemaAt(schema, path) {
    let node = schema;
    for (const part of path) {
        if (node === undefined)
            return undefined;
        node = childSchema(node, String(part));
    }
    return node;
}
function childSchema(schema, part) {
    const property = asSchema(asSchema(schema.properties)?.[part]);
    if (property !== undefined)
        return property;
    const additional = asSchema(schema.additionalProperties);
    if (additional !== undefined)
        return additional;
    const items = asSchema(schema.items);
    if (items !== undefined)
        return items;
    const alternatives = schema.anyOf ?? schema.oneOf;
    if (Array.isArray(alternatives)) {
        for (const alternative of alternatives) {
            const option = asSchema(alternative);
            const found = option === undefined ? undefined : childSchema(option, part);
            if (found !== undefined)
                return found;
        }
    }
    return undefined;
}
/** The value at `path` below `value`; undefined when a step is missing or not an object. */
function valueAt(value, path) {
    let current = value;
    for (const part of path) {
        if (typeof current !== 'object' || current === null)
            return undefined;
        current = current[part];
    }
    return current;
}

;// CONCATENATED MODULE: ./src/config/format-issue.ts
/**
 * One zod issue about a configuration layer -> one actionable line naming the key, the value it got
 * and what was expected (pure). The expectation is read off the key's JSON Schema, so a new key gets
 * a good message without code here.
 */



function formatIssue(issue, context) {
    const [key, ...inner] = issue.path;
    if (issue.code === 'unrecognized_keys' && key === undefined) {
        return issue.keys.map((unknown) => formatUnknownKey(unknown, context)).join('; ');
    }
    if (typeof key !== 'string' || !(key in context.shape))
        return issue.message;
    const field = jsonSchemaOf(context.shape[key]);
    if (inner.length === 0) {
        return `${context.describeKey(key)} must be ${describeJsonSchema(field)}, got ${showValue(context.input[key])}`;
    }
    return formatNestedIssue(issue, key, inner, field, context);
}
/** An issue inside a mapping value (`model-prices`): names the path below the key, e.g. `"model-prices"["my-model"]["input-per-mtok-usd"]`. */
function formatNestedIssue(issue, key, inner, field, context) {
    const where = (path) => `${context.describeKey(key)}${path.map((part) => `[${JSON.stringify(String(part))}]`).join('')}`;
    const node = schemaAt(field, inner);
    if (issue.code === 'unrecognized_keys') {
        const allowed = node === undefined ? [] : Object.keys(asSchema(node.properties) ?? {});
        const unknown = issue.keys.map((name) => JSON.stringify(name)).join(', ');
        return `${where(inner)} has the unknown key${issue.keys.length === 1 ? '' : 's'} ${unknown}${allowed.length > 0 ? `; known keys: ${allowed.join(', ')}` : ''}`;
    }
    if (issue.code === 'invalid_key') {
        const parent = schemaAt(field, inner.slice(0, -1));
        const names = asSchema(parent?.propertyNames);
        return `${where(inner.slice(0, -1))} has the key ${showValue(inner[inner.length - 1])}, which must be ${names === undefined ? 'a valid key' : describeJsonSchema(names)}`;
    }
    const expected = node === undefined ? issue.message : `must be ${describeJsonSchema(node)}`;
    return `${where(inner)} ${expected}, got ${showValue(valueAt(context.input[key], inner))}`;
}
function formatUnknownKey(key, context) {
    const known = Object.keys(context.shape);
    const suggestion = closestKey(key, known);
    const hint = suggestion === null ? `known keys: ${known.join(', ')}` : `did you mean "${suggestion}"?`;
    return `${context.describeKey(key)} is not a known key; ${hint}`;
}
/** "an integer from 1 to 7200", "one of \"auto\", \"vitest\", \"jest\"", "true or false"... */
function expectationOf(field) {
    return describeJsonSchema(jsonSchemaOf(field));
}
function jsonSchemaOf(field) {
    return json_schema_processors/* toJSONSchema */.bl(field, { io: 'input', unrepresentable: 'any' });
}
function describeJsonSchema(schema) {
    if (Array.isArray(schema.enum))
        return `one of ${schema.enum.map((value) => JSON.stringify(value)).join(', ')}`;
    const alternatives = schema.anyOf ?? schema.oneOf;
    if (Array.isArray(alternatives))
        return alternatives.map((alternative) => describeJsonSchema(alternative)).join(' or ');
    const types = Array.isArray(schema.type) ? schema.type : [schema.type];
    return types.map((type) => describeType(String(type), schema)).join(' or ');
}
function describeType(type, schema) {
    switch (type) {
        case 'integer':
            return `an integer${range(schema)}`;
        case 'number':
            return `a number${range(schema)}`;
        case 'boolean':
            return 'true or false';
        case 'null':
            return 'null';
        case 'string':
            return typeof schema.minLength === 'number' && schema.minLength > 0 ? 'a non-empty string' : 'a string';
        case 'array': {
            const items = schema.items;
            const item = items === undefined ? 'values' : describeJsonSchema(items).replace(/^an? /, '');
            const list = typeof schema.minItems === 'number' && schema.minItems > 0 ? 'a non-empty list' : 'a list';
            return `${list} of ${item === 'non-empty string' ? 'non-empty strings' : item}`;
        }
        case 'object':
            return describeMapping(schema);
        default:
            return 'a valid value';
    }
}
/** "a mapping with the keys a, b and optionally c", or "a mapping of keys to values" for a free-form one. */
function describeMapping(schema) {
    const keys = Object.keys(asSchema(schema.properties) ?? {});
    if (keys.length === 0)
        return 'a mapping of keys to values';
    const required = new Set(Array.isArray(schema.required) ? schema.required : []);
    const needed = keys.filter((key) => required.has(key));
    const optional = keys.filter((key) => !required.has(key));
    const parts = [needed.length > 0 ? `the keys ${needed.join(', ')}` : '', optional.length > 0 ? `optionally ${optional.join(', ')}` : ''];
    return `a mapping with ${parts.filter((part) => part !== '').join(' and ')}`;
}
function range(schema) {
    // z.number().int() without a bound is written as the safe-integer limit: not a bound worth naming.
    const bound = (value) => typeof value === 'number' && Math.abs(value) !== Number.MAX_SAFE_INTEGER ? value : undefined;
    const minimum = bound(schema.minimum);
    const maximum = bound(schema.maximum);
    if (typeof minimum === 'number' && typeof maximum === 'number')
        return ` from ${minimum} to ${maximum}`;
    if (typeof minimum === 'number')
        return ` of at least ${minimum}`;
    if (typeof maximum === 'number')
        return ` of at most ${maximum}`;
    return '';
}
/** The offending value, quoted as in JSON and shortened. */
function showValue(value) {
    if (value === undefined)
        return 'nothing';
    let text;
    try {
        text = JSON.stringify(value) ?? String(value);
    }
    catch {
        text = String(value);
    }
    return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}

// EXTERNAL MODULE: ./node_modules/zod/v4/classic/schemas.js + 7 modules
var schemas = __webpack_require__(2311);
;// CONCATENATED MODULE: ./src/config/schema.ts
/**
 * The configuration schema, in one place: every key with its type, bounds, default and documentation.
 * Keys are kebab-case, the same in `.github/testmaster.yml`, in action inputs and in CLI flags; the
 * typed `Config` the pipeline receives has the same keys in camelCase.
 *
 * To add a key: add it to `configFileSchema` below (with `.default()` and `.describe()`), run
 * `npm run schema`, and read it from `Config` where needed.
 *
 * This file imports nothing from the project (only zod), so scripts/write-schema.mjs can import it
 * directly with Node's type stripping.
 */

/** Source files considered by default. */
const DEFAULT_INCLUDE = ['**/*.{js,jsx,mjs,cjs,ts,tsx,mts,cts}'];
const globList = schemas/* array */.YOg(schemas/* string */.YjP().min(1));
const filePath = schemas/* string */.YjP().min(1).nullable();
const configFileSchema = schemas/* strictObject */.rej({
    provider: schemas/* enum */.k5n(['auto', 'none', 'offline', 'openai', 'hybrid'])
        .default('auto')
        .describe('Where proposed tests come from: auto (openai when a model key or base URL is configured, else offline), none (coverage only), offline (zero-token generator), openai (a model), or hybrid (offline first, the model for the lines still uncovered).'),
    include: globList
        .min(1)
        .default([...DEFAULT_INCLUDE])
        .describe('Glob patterns (repository-relative) of the changed files to consider.'),
    exclude: globList
        .default([])
        .describe('Glob patterns of changed files to leave out, on top of the built-in excludes (tests, type declarations, configs, generated, vendored and minified code, dist/, build/, node_modules/); every layer adds to the list.'),
    framework: schemas/* enum */.k5n(['auto', 'vitest', 'jest'])
        .default('auto')
        .describe('Test runner: auto (detected per package from its dependencies), vitest, or jest.'),
    'measure-base': schemas/* boolean */.zMY()
        .default(true)
        .describe('Measure coverage at the base commit too, to show before/after figures.'),
    'base-coverage': filePath
        .default(null)
        .describe('Read base coverage from this Istanbul coverage-final.json instead of measuring it. In the repository\'s config file, a path inside the repository.'),
    'report-md': filePath.default(null).describe('Write the markdown report to this file. In the repository\'s config file, a path inside the repository (not in its git directory).'),
    'report-json': filePath.default(null).describe('Write the JSON report to this file. In the repository\'s config file, a path inside the repository (not in its git directory).'),
    'runner-timeout-seconds': schemas/* number */.aig()
        .int()
        .min(1)
        .max(7200)
        .default(600)
        .describe('Wall-clock limit, in seconds, for one test-runner process; the whole process group is killed after it.'),
    'max-modules': schemas/* number */.aig()
        .int()
        .min(1)
        .max(1000)
        .default(50)
        .describe('Measure at most this many changed modules (the rest are listed as skipped).'),
    'max-runner-output-kb': schemas/* number */.aig()
        .int()
        .min(16)
        .max(102400)
        .default(1024)
        .describe('Cap, in KiB, on each of stdout and stderr kept from a test-runner process (head and tail are kept).'),
    'model-provider': schemas/* enum */.k5n(['openai', 'azure', 'compatible'])
        .nullable()
        .default(null)
        .describe('Which kind of model API: openai, azure (Azure OpenAI) or compatible (any OpenAI-compatible server by base URL: Ollama, vLLM, OpenRouter...). Unset: azure when an Azure setting is given, compatible when base-url is not api.openai.com, else openai.'),
    'api-key': schemas/* string */.YjP()
        .min(1)
        .nullable()
        .default(null)
        .describe('The model API key. Give it as a secret (action input or OPENAI_API_KEY), never in the config file; falls back to OPENAI_API_KEY (AZURE_OPENAI_API_KEY for Azure).'),
    'base-url': schemas/* string */.YjP()
        .min(1)
        .nullable()
        .default(null)
        .describe('Base URL of the model API, e.g. http://localhost:11434/v1; falls back to OPENAI_BASE_URL, then https://api.openai.com/v1. Not taken from the repository\'s config file (it decides where the key is sent): a flag, an input or the variable.'),
    model: schemas/* string */.YjP().min(1).nullable().default(null).describe('The model (or Azure deployment) that writes tests, e.g. gpt-4.1-mini.'),
    temperature: schemas/* number */.aig().min(0).max(2).nullable().default(null).describe("Sampling temperature, 0 to 2; unset: the provider's default (nothing is sent)."),
    'reasoning-effort': schemas/* enum */.k5n(['low', 'medium', 'high'])
        .nullable()
        .default(null)
        .describe('reasoning_effort for reasoning models (o-series, gpt-5); sent only to models that take it.'),
    'token-param': schemas/* enum */.k5n(['max_completion_tokens', 'max_tokens'])
        .nullable()
        .default(null)
        .describe('Name of the completion cap in requests; unset: max_completion_tokens for OpenAI and Azure, max_tokens for compatible servers.'),
    'max-completion-tokens': schemas/* number */.aig()
        .int()
        .min(256)
        .max(1000000)
        .default(8192)
        .describe('Completion cap of one model call, in tokens; the budget reserves it in full before each call.'),
    'max-prompt-tokens': schemas/* number */.aig()
        .int()
        .min(500)
        .max(2000000)
        .default(16000)
        .describe("Cap on one call's prompt, in tokens; a larger prompt is trimmed (style example, imported signatures, distant source) or the module is skipped, never sent."),
    'request-timeout-seconds': schemas/* number */.aig()
        .int()
        .min(1)
        .max(300)
        .default(120)
        .describe('Time limit of one model request, in seconds (each retry has its own).'),
    'max-retries': schemas/* number */.aig()
        .int()
        .min(0)
        .max(10)
        .default(2)
        .describe("Retries of a failed model request (429, 5xx, connection errors), made by the openai SDK with its backoff and Retry-After; each one counts in the budget."),
    'azure-endpoint': schemas/* string */.YjP()
        .min(1)
        .nullable()
        .default(null)
        .describe('Azure OpenAI endpoint, e.g. https://my-resource.openai.azure.com; falls back to AZURE_OPENAI_ENDPOINT. Not taken from the repository\'s config file (it decides where the key is sent): a flag, an input or the variable.'),
    'azure-api-version': schemas/* string */.YjP()
        .min(1)
        .nullable()
        .default(null)
        .describe('Azure OpenAI API version, e.g. 2024-10-21; falls back to OPENAI_API_VERSION.'),
    'azure-deployment': schemas/* string */.YjP().min(1).nullable().default(null).describe('Azure OpenAI deployment name; unset: the model name.'),
    'max-cost-usd': schemas/* number */.aig()
        .min(0)
        .max(10000)
        .default(1)
        .describe('Hard ceiling, in US dollars, on what the run may spend on model calls (retries, healing and repair turns included); a call is made only if its worst case fits.'),
    'max-tokens': schemas/* number */.aig()
        .int()
        .min(0)
        .nullable()
        .default(null)
        .describe('Ceiling on prompt plus completion tokens for the run; unset: no limit besides max-cost-usd.'),
    'max-llm-calls': schemas/* number */.aig()
        .int()
        .min(0)
        .nullable()
        .default(null)
        .describe("Ceiling on model requests for the run, each SDK retry counting as one; unset: no limit."),
    'max-cost-per-module-usd': schemas/* number */.aig()
        .min(0)
        .nullable()
        .default(null)
        .describe('Ceiling, in US dollars, on what one module may spend; unset: only the run ceiling.'),
    'model-prices': schemas/* record */.g1P(schemas/* string */.YjP().min(1), schemas/* strictObject */.rej({
        'input-per-mtok-usd': schemas/* number */.aig().min(0),
        'output-per-mtok-usd': schemas/* number */.aig().min(0),
        'cached-input-per-mtok-usd': schemas/* number */.aig().min(0).optional(),
    }))
        .default({})
        .describe('Prices by model id, in US dollars per million tokens, overriding the bundled price list (needed for models it does not know; 0 and 0 for a local model). As an input or flag: JSON, e.g. {"my-model": {"input-per-mtok-usd": 0.5, "output-per-mtok-usd": 1.5}}.'),
    'max-heal-attempts': schemas/* number */.aig()
        .int()
        .min(0)
        .max(5)
        .default(2)
        .describe('Healing turns per module: failing cases and errors go back to the model with the lines still uncovered.'),
    reruns: schemas/* number */.aig()
        .int()
        .min(1)
        .max(20)
        .default(3)
        .describe('Times a candidate test file is re-run; a case that fails once is dropped as flaky.'),
    concurrency: schemas/* number */.aig().int().min(1).max(32).default(4).describe('Modules generated and validated at the same time.'),
    'offline-time-budget-seconds': schemas/* number */.aig()
        .int()
        .min(10)
        .max(3600)
        .default(120)
        .describe('Time, in seconds, the zero-token generator may spend calling one module before its test file is checked; a call that never returns is cut off after 30 seconds.'),
    'candidate-timeout-seconds': schemas/* number */.aig()
        .int()
        .min(5)
        .max(3600)
        .default(120)
        .describe('Wall-clock limit, in seconds, for one run of a proposed test file; a test that never ends is cut off there.'),
    'test-path-pattern': schemas/* string */.YjP()
        .min(1)
        .default('{dir}/{name}.testmaster.test{ext}')
        .describe('Where a proposed test file goes, from the module path: {dir}, {name} and {ext}; the name must end in .test{ext} or .spec{ext}.'),
    store: schemas/* boolean */.zMY()
        .default(true)
        .describe('Keep a run store (SQLite): an interrupted run can be resumed without paying twice, and a module whose content, framework, model and prompt did not change reuses its validated tests (re-checked on the new head) with no model call.'),
    'store-path': filePath
        .default(null)
        .describe('Where the run store lives; default: testmaster/store.sqlite inside the repository\'s git directory (never in the working tree). The action keeps it in the runner\'s temp directory and carries it between runs of a pull request with the Actions cache. In the repository\'s config file, a path inside the repository or its git directory; an existing file there must be a SQLite file.'),
    isolation: schemas/* enum */.k5n(['auto', 'user', 'namespace', 'none'])
        .default('auto')
        .describe("How the repository's code (its tests, the zero-token probe, proposed tests) is isolated from the run's secrets and the machine: auto (the strongest level available), user (another user in new PID, mount, IPC and network namespaces; needs root or passwordless sudo), namespace (the same namespaces in an unprivileged user namespace), or none (no isolation: needed to run repository code on a machine offering neither while a model key or token is held)."),
    write: schemas/* boolean */.zMY()
        .default(false)
        .describe('Also write the kept test files at their proposed paths in the repository (new files only); by default they go under .testmaster/proposed/ only.'),
})
    .describe('Configuration of TestMaster (.github/testmaster.yml).');
const CONFIG_KEYS = Object.keys(configFileSchema.shape);
function camelCaseKey(key) {
    return key.replace(/-([a-z0-9])/g, (_match, letter) => letter.toUpperCase());
}
/** kebab-case validated settings -> the frozen camelCase Config. */
function toConfig(raw) {
    const entries = Object.entries(raw).map(([key, value]) => [
        camelCaseKey(key),
        Array.isArray(value) ? Object.freeze([...value]) : value,
    ]);
    return Object.freeze(Object.fromEntries(entries));
}
const CONFIG_SCHEMA_TITLE = 'TestMaster configuration';
/** The JSON Schema of `.github/testmaster.yml`, generated from the zod schema. */
function configJsonSchema() {
    const generated = z.toJSONSchema(configFileSchema, { io: 'input', target: 'draft-2020-12' });
    const { $schema, ...rest } = generated;
    return { $schema, title: CONFIG_SCHEMA_TITLE, ...rest };
}
/** Exactly what schema/testmaster.schema.json holds. */
function serializeConfigJsonSchema() {
    return `${JSON.stringify(configJsonSchema(), null, 2)}\n`;
}

;// CONCATENATED MODULE: ./src/config/parse-overrides.ts
/**
 * Action inputs and CLI flags arrive as strings: coerce each to the type its key expects (pure), so
 * the same schema validates them as the config file. A value that does not coerce is left as the
 * string it was, and validation then names it ("got \"ten\""). The one exception is a mapping
 * (`model-prices`) whose text is not JSON or YAML at all: that is reported here, with the parser's
 * reason, since "got <the text>" alone would not say what is wrong with it.
 */




const FIELDS = configFileSchema.shape;
const describeSetting = (key) => `setting "${key}"`;
/**
 * Raw string settings -> a partial raw config (kebab-case keys). Empty strings mean "not given" and
 * are dropped (an action input left blank). Lists are split on newlines and on commas outside braces,
 * so `src/**\/*.{ts,tsx}` stays one pattern. Mappings are parsed as JSON (or YAML, of which JSON is a
 * subset); unparsable text throws a ConfigurationError naming the key. Non-string values pass through.
 */
function parseOverrides(values, describeKey = describeSetting) {
    const parsed = {};
    for (const [key, value] of Object.entries(values)) {
        if (value === undefined)
            continue;
        if (typeof value !== 'string') {
            parsed[key] = value;
            continue;
        }
        const text = value.trim();
        if (text === '')
            continue;
        const kind = kindOf(key);
        parsed[key] = kind === 'mapping' ? parseMapping(text, describeKey(key)) : coerce(text, kind);
    }
    return parsed;
}
function coerce(text, kind) {
    switch (kind) {
        case 'boolean':
            return /^true$/i.test(text) ? true : /^false$/i.test(text) ? false : text;
        case 'number':
            return /^[+-]?\d+(\.\d+)?$/.test(text) ? Number(text) : text;
        case 'list':
            return splitList(text);
        case 'string':
            return text;
    }
}
/**
 * JSON or YAML text -> its value (validation then checks it is the right mapping). Syntax errors
 * throw one line: the key, where the parser stopped, and an example of the expected form.
 */
function parseMapping(text, keyName) {
    const document = (0,dist/* parseDocument */.Tp)(text, { uniqueKeys: true, prettyErrors: true });
    const [error] = document.errors;
    if (error === undefined)
        return document.toJS({ maxAliasCount: 100 });
    const where = error.linePos?.[0];
    const position = where === undefined ? '' : ` at line ${where.line}, column ${where.col}`;
    const reason = error.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '');
    throw new errors/* ConfigurationError */.j1(`${keyName} is not valid JSON${position}: ${reason}; give a mapping such as {"my-model": {"input-per-mtok-usd": 0.5, "output-per-mtok-usd": 1.5}}`);
}
function kindOf(key) {
    const field = FIELDS[key];
    if (field === undefined)
        return 'string'; // unknown key: validation reports it
    const types = jsonTypes(json_schema_processors/* toJSONSchema */.bl(field, { io: 'input', unrepresentable: 'any' }));
    if (types.has('boolean'))
        return 'boolean';
    if (types.has('integer') || types.has('number'))
        return 'number';
    if (types.has('array'))
        return 'list';
    if (types.has('object'))
        return 'mapping';
    return 'string';
}
/** The JSON types a schema admits, looking into anyOf (how a nullable key is written). */
function jsonTypes(schema) {
    const types = new Set();
    const own = Array.isArray(schema.type) ? schema.type : [schema.type];
    for (const type of own)
        if (typeof type === 'string')
            types.add(type);
    const alternatives = schema.anyOf ?? schema.oneOf;
    if (Array.isArray(alternatives)) {
        for (const alternative of alternatives)
            for (const type of jsonTypes(alternative))
                types.add(type);
    }
    return types;
}
/** Splits on newlines and on commas that are not inside `{...}`; trims; drops empty items. */
function splitList(text) {
    const items = [];
    let current = '';
    let depth = 0;
    for (const char of text) {
        if (char === '{')
            depth++;
        else if (char === '}')
            depth = Math.max(0, depth - 1);
        if (char === '\n' || char === '\r' || (char === ',' && depth === 0)) {
            items.push(current);
            current = '';
            if (char === '\n' || char === '\r')
                depth = 0;
            continue;
        }
        current += char;
    }
    items.push(current);
    return items.map((item) => item.trim()).filter((item) => item !== '');
}

;// CONCATENATED MODULE: ./src/config/repository-file-rules.ts
const SECRET_INSTEAD = 'give it as a secret: the action input api-key (e.g. ${{ secrets.OPENAI_API_KEY }}) or the OPENAI_API_KEY environment variable';
const WHERE_THE_KEY_GOES = "it decides where the model key is sent, and the file is the pull request's to change";
/** Keys a repository's config file may not set, with where to set them instead. */
const REPOSITORY_REFUSED_KEYS = {
    'api-key': SECRET_INSTEAD,
    'base-url': 'set it with the --base-url flag, the action input base-url or the OPENAI_BASE_URL environment variable',
    'azure-endpoint': 'set it with the --azure-endpoint flag, the action input azure-endpoint or the AZURE_OPENAI_ENDPOINT environment variable',
};
/** Keys refused in a file of this origin: api-key in any file (a file is not a secret store). */
function refusedKeys(origin) {
    return origin === 'repository' ? Object.keys(REPOSITORY_REFUSED_KEYS) : ['api-key'];
}
/**
 * The first refused key the file's mapping sets (even empty or of the wrong type, and never its
 * value, which may be a real key) as a one-line message; null when none.
 */
function refusedKeyMessage(mapping, displayName, origin) {
    const key = refusedKeys(origin).find((name) => Object.hasOwn(mapping, name));
    if (key === undefined)
        return null;
    if (key === 'api-key') {
        const committed = origin === 'repository' ? ', which is committed to the repository' : '';
        return `${displayName}: "api-key" must not be in the config file${committed}; remove it (and revoke the key if a real one was written there) and ${SECRET_INSTEAD}`;
    }
    return `${displayName}: "${key}" is not taken from the repository's config file: ${WHERE_THE_KEY_GOES}; ${REPOSITORY_REFUSED_KEYS[key]} (or in a config file outside the repository, named with --config)`;
}
/** Every path setting and its use. A test keeps this in step with the schema's path keys. */
const PATH_SETTINGS = {
    'report-md': 'write',
    'report-json': 'write',
    'store-path': 'store',
    'base-coverage': 'read',
};
const PATH_KEYS = Object.keys(PATH_SETTINGS);
/** Where a path from a repository file may not lead, for messages; and where to set it instead. */
function confinedPathMessage(displayName, key, value, problem) {
    return `${displayName}: "${key}" ${JSON.stringify(value)} ${problem}; a path in the repository's config file must stay inside the repository${PATH_SETTINGS[key] === 'write' ? ' (outside its git directory)' : ''}; to use another place, pass --${key} (or the action input ${key})`;
}

;// CONCATENATED MODULE: ./src/config/load-config.ts
/**
 * Loads the one typed, readonly Config from three layers, later ones winning:
 *   defaults < the repository's config file < action inputs / CLI flags.
 * Each layer is validated on its own with the same strict schema, so an error names the layer it came
 * from. `exclude` is the exception to "later wins": every layer adds to the built-in list (excluding
 * is never undone by another layer). `api-key` is refused in any file: a key belongs in a secret. A
 * repository's file (the default) also may not say where the key goes, and its paths must stay inside
 * the repository (src/config/repository-file-rules.ts, confine-path.ts).
 */











/** Looked for when no config file is named; it is optional. */
const DEFAULT_CONFIG_PATHS = ['.github/testmaster.yml', '.github/testmaster.yaml'];
const MAX_CONFIG_BYTES = 256 * 1024;
const MAX_ISSUES_SHOWN = 3;
async function loadConfig(options) {
    const readFile = options.readFile ?? readTextFile;
    const file = await readConfigFile(options.repoDir, options.configPath ?? null, readFile);
    const origin = options.origin ?? 'repository';
    const fileLayer = file === null ? {} : validateFileLayer(file, origin);
    if (file !== null && origin === 'repository') {
        await confineFilePaths(fileLayer, file.displayName, options.repoDir, async () => options.roots ?? findRepositoryRoots(options.repoDir));
    }
    const label = options.overridesLabel ?? 'setting';
    const describeOverride = (key) => `${label} "${key}"`;
    const overrideLayer = validateLayer(parseOverrides(options.overrides ?? {}, describeOverride), describeOverride);
    const defaults = configFileSchema.parse({});
    const merged = {
        ...defaults,
        ...fileLayer,
        ...overrideLayer,
        exclude: unique([...(fileLayer.exclude ?? []), ...(overrideLayer.exclude ?? [])]),
    };
    return toConfig(merged);
}
async function readConfigFile(repoDir, configPath, readFile) {
    const candidates = configPath === null ? DEFAULT_CONFIG_PATHS.map((path) => (0,external_node_path_.resolve)(repoDir, path)) : [(0,external_node_path_.resolve)(repoDir, configPath)];
    for (const absolutePath of candidates) {
        const text = await readFile(absolutePath);
        const displayName = displayPath(repoDir, absolutePath);
        if (text === null)
            continue;
        if (Buffer.byteLength(text) > MAX_CONFIG_BYTES) {
            throw new errors/* ConfigurationError */.j1(`${displayName}: the config file is larger than ${MAX_CONFIG_BYTES / 1024} KiB; it should hold a few settings`);
        }
        return { text, displayName };
    }
    if (configPath !== null) {
        throw new errors/* ConfigurationError */.j1(`config file ${displayPath(repoDir, candidates[0])} does not exist; fix the path given with --config or the "config" input, or leave it out to use ${DEFAULT_CONFIG_PATHS[0]} when present`);
    }
    return null;
}
function validateFileLayer(file, origin) {
    const mapping = parseYamlMapping(file.text, file.displayName);
    const refused = refusedKeyMessage(mapping, file.displayName, origin);
    if (refused !== null)
        throw new errors/* ConfigurationError */.j1(refused);
    return validateLayer(mapping, (key) => `${file.displayName}: "${key}"`);
}
/** A repository file's path settings, resolved as the run will resolve them (from repoDir), must stay inside the repository. */
async function confineFilePaths(layer, displayName, repoDir, findRoots) {
    let roots = null;
    for (const [key, use] of Object.entries(PATH_SETTINGS)) {
        const value = layer[key];
        if (typeof value !== 'string' || use === undefined)
            continue;
        roots ??= await findRoots();
        const problem = await pathConfinementProblem((0,external_node_path_.resolve)(repoDir, value), roots, use);
        if (problem !== null)
            throw new errors/* ConfigurationError */.j1(confinedPathMessage(displayName, key, value, problem));
    }
}
/** YAML text -> its top-level mapping ({} for an empty file); syntax errors name the line. */
function parseYamlMapping(text, displayName) {
    const document = (0,dist/* parseDocument */.Tp)(text, { prettyErrors: true, uniqueKeys: true });
    const [error] = document.errors;
    if (error !== undefined) {
        const where = error.linePos?.[0];
        const position = where === undefined ? '' : ` at line ${where.line}, column ${where.col}`;
        const reason = error.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '');
        throw new errors/* ConfigurationError */.j1(`${displayName}: invalid YAML${position}: ${reason}; write one "key: value" per line (lists as [a, b] or "- item" lines) and quote values containing ": " or "#"`);
    }
    const value = document.toJS({ maxAliasCount: 100 });
    if (value === null || value === undefined)
        return {};
    if (typeof value !== 'object' || Array.isArray(value)) {
        throw new errors/* ConfigurationError */.j1(`${displayName}: expected a mapping of settings ("key: value" lines), got ${Array.isArray(value) ? 'a list' : `the ${typeof value} ${JSON.stringify(value)}`}`);
    }
    return value;
}
/** Validates one layer; returns only the keys it set, with their parsed values. */
function validateLayer(layer, describeKey) {
    const result = configFileSchema.safeParse(layer);
    if (!result.success) {
        const context = { describeKey, input: layer, shape: configFileSchema.shape };
        const lines = unique(result.error.issues.map((issue) => formatIssue(issue, context)));
        const more = lines.length > MAX_ISSUES_SHOWN ? `; and ${lines.length - MAX_ISSUES_SHOWN} more` : '';
        throw new errors/* ConfigurationError */.j1(`${lines.slice(0, MAX_ISSUES_SHOWN).join('; ')}${more}`);
    }
    const present = Object.keys(layer).filter((key) => layer[key] !== undefined);
    return Object.fromEntries(present.map((key) => [key, result.data[key]]));
}
/**
 * Reads a config file from disk: a regular file (a FIFO or a device is refused, never waited on or read
 * without end), at most one byte more than the size limit; null when it does not exist.
 */
async function readTextFile(absolutePath) {
    let handle;
    try {
        handle = await (0,promises_.open)(absolutePath, external_node_fs_.constants.O_RDONLY | external_node_fs_.constants.O_NONBLOCK);
    }
    catch (error) {
        const code = error.code;
        if (code === 'ENOENT' || code === 'ENOTDIR')
            return null;
        throw new errors/* ConfigurationError */.j1(`cannot read config file ${absolutePath}: ${error.message}`, { cause: error });
    }
    try {
        const stats = await handle.stat();
        if (stats.isDirectory())
            throw new errors/* ConfigurationError */.j1(`config file ${absolutePath} is a directory; name a YAML file`);
        if (!stats.isFile())
            throw new errors/* ConfigurationError */.j1(`config file ${absolutePath} is not a regular file; name a YAML file`);
        const buffer = Buffer.alloc(MAX_CONFIG_BYTES + 1);
        let length = 0;
        for (;;) {
            const { bytesRead } = await handle.read(buffer, length, buffer.length - length, length);
            if (bytesRead === 0 || (length += bytesRead) === buffer.length)
                break;
        }
        return buffer.subarray(0, length).toString('utf8');
    }
    catch (error) {
        if (error instanceof errors/* ConfigurationError */.j1)
            throw error;
        throw new errors/* ConfigurationError */.j1(`cannot read config file ${absolutePath}: ${error.message}`, { cause: error });
    }
    finally {
        await handle.close();
    }
}
/** Repository-relative (POSIX) when inside repoDir, else the absolute path: how messages name a config file. */
function displayPath(repoDir, absolutePath) {
    const inside = (0,external_node_path_.relative)(repoDir, absolutePath);
    return inside !== '' && !inside.startsWith('..') && !(0,external_node_path_.isAbsolute)(inside) ? inside.split('\\').join('/') : absolutePath;
}
function unique(values) {
    return [...new Set(values)];
}

;// CONCATENATED MODULE: ./src/config/resolve-config-paths.ts
/** Makes the configuration's file paths absolute, relative to the repository (where the config file lives). */

function resolveConfigPaths(config, repoDir) {
    const absolute = (path) => (path === null ? null : (0,external_node_path_.resolve)(repoDir, path));
    return {
        ...config,
        baseCoverage: absolute(config.baseCoverage),
        reportMd: absolute(config.reportMd),
        reportJson: absolute(config.reportJson),
        storePath: absolute(config.storePath),
    };
}

;// CONCATENATED MODULE: ./src/config/load-run-config.ts
/**
 * The configuration of one run, the same way for the action and the CLI: the repository's config file
 * as it is at the base commit (the merge base of the run's base and head, resolved by the caller),
 * never as the pull request has it, then the inputs or flags on top, with paths made absolute. A
 * pull request cannot change how it is measured, where the model key goes or where files are written.
 *
 * A file the user names on the command line (`namedFileFrom: 'disk'`) is the user's choice and is
 * read from disk as given; when it lies in the repository, it is still the repository's file (the
 * same refused keys and confined paths) and a note says it came from the working tree. When the
 * default file differs between the base and the working tree, a note says the base version was used.
 */







async function loadRunConfig(request) {
    const { repoDir, baseCommit, configPath } = request;
    const roots = await findRepositoryRoots(repoDir);
    const fromDisk = configPath !== null && request.namedFileFrom === 'disk';
    const origin = fromDisk && !(await isRepositoryFile(configPath, roots)) ? 'user' : 'repository';
    const atBase = configReaderAtCommit(repoDir, baseCommit);
    const loaded = await loadConfig({
        repoDir,
        configPath,
        overrides: request.overrides,
        overridesLabel: request.overridesLabel,
        readFile: fromDisk ? readTextFile : atBase,
        origin,
        roots,
    });
    const short = baseCommit.slice(0, 12);
    const notes = fromDisk
        ? origin === 'repository'
            ? [`${displayPath(repoDir, configPath)} was read from the working tree, as named with --config, not as it is at the base commit ${short}; it is still the repository's file: it may not set base-url, azure-endpoint or api-key, nor paths outside the repository`]
            : []
        : await baseVersionNotes(repoDir, configPath, atBase, short);
    return { config: resolveConfigPaths(loaded, repoDir), notes };
}
/**
 * Reads config files as they are at `commit` (a regular file there; null when absent). Paths are
 * taken relative to repoDir, as git's `<commit>:./<path>` does, so a directory inside the repository
 * reads its own `.github/testmaster.yml`, as on disk.
 */
function configReaderAtCommit(repoDir, commit) {
    return async (absolutePath) => {
        const path = (0,external_node_path_.relative)(repoDir, absolutePath).split(external_node_path_.sep).join('/');
        const listed = await runGit(repoDir, ['--literal-pathspecs', 'ls-tree', '-l', '-z', commit, '--', path], { okExitCodes: [128] });
        const entry = listed.exitCode === 0 ? listed.stdout.split('\0')[0] : '';
        const match = /^(\d+) (\w+) ([0-9a-f]+) +(\d+|-)\t/.exec(entry);
        if (match === null)
            return null;
        const [, mode, , oid, size] = match;
        if (mode !== '100644' && mode !== '100755') {
            throw new errors/* ConfigurationError */.j1(`config file ${path} is not a regular file at the base commit ${commit.slice(0, 12)}; make it a YAML file`);
        }
        // Larger than the limit: loadConfig says so; its first bytes are enough for that.
        const bytes = Number(size) > MAX_CONFIG_BYTES ? Buffer.alloc(MAX_CONFIG_BYTES + 1, 0x20) : (await runGitBuffer(repoDir, ['cat-file', 'blob', oid])).stdout;
        return bytes.toString('utf8');
    };
}
/** Why the file was not taken from the working tree: for the notes. */
const BASE_REASON = "the repository's configuration is read as it is at the base commit, so a pull request cannot change how it is measured, where the model key goes or where files are written (merge the change first, or name the file with --config to use it as it is)";
/** One note when the file TestMaster looked for differs between the base commit and the working tree. */
async function baseVersionNotes(repoDir, configPath, atBase, short) {
    const candidates = configPath === null ? DEFAULT_CONFIG_PATHS.map((path) => (0,external_node_path_.resolve)(repoDir, path)) : [configPath];
    for (const absolutePath of candidates) {
        const [base, working] = await Promise.all([atBase(absolutePath).catch(() => null), workingTreeText(absolutePath)]);
        if (base === null && working === null)
            continue;
        const name = displayPath(repoDir, absolutePath);
        if (base === working)
            return [];
        if (base === null)
            return [`${name} is in the working tree but not at the base commit ${short}; it was not used: ${BASE_REASON}`];
        if (working === null)
            return [`${name} is at the base commit ${short} but not in the working tree; the base version was used: ${BASE_REASON}`];
        return [`${name} differs between the base commit ${short} and the working tree; the base version was used: ${BASE_REASON}`];
    }
    return [];
}
/** The working tree's file for comparison: its text, a marker for anything but a regular file (never followed), null when absent. */
async function workingTreeText(absolutePath) {
    const stats = await (0,promises_.lstat)(absolutePath).catch(() => null);
    if (stats === null)
        return null;
    if (!stats.isFile())
        return `\0${stats.isSymbolicLink() ? 'link' : 'special'}`;
    return readTextFile(absolutePath).catch(() => '\0unreadable');
}

;// CONCATENATED MODULE: ./src/events/bus.ts
/**
 * A synchronous event bus that also records every event for the report's timeline.
 * A listener that throws never breaks the run: its error is swallowed after the first report.
 */
class EventBus {
    #listeners = [];
    #timeline = [];
    #startedAt;
    #now;
    constructor(now = () => performance.now()) {
        this.#now = now;
        this.#startedAt = now();
    }
    subscribe(listener) {
        this.#listeners.push(listener);
        return () => {
            const index = this.#listeners.indexOf(listener);
            if (index >= 0)
                this.#listeners.splice(index, 1);
        };
    }
    emit(event) {
        const stamped = { ...event, atMs: Math.round(this.#now() - this.#startedAt) };
        this.#timeline.push(stamped);
        for (const listener of this.#listeners) {
            try {
                listener(stamped);
            }
            catch {
                // A display problem must never fail a run.
            }
        }
    }
    get timeline() {
        return this.#timeline;
    }
}

;// CONCATENATED MODULE: ./src/git/refs.ts
/**
 * Resolving refs to commits and finding what a head is compared to (the merge base), including the
 * shallow-clone case of CI checkouts: with `allowFetch`, missing history is fetched a bounded number
 * of times; without it, the error says how to get the history (`fetch-depth: 0`).
 */


const FULL_COMMIT_ID = /^[0-9a-f]{40}([0-9a-f]{24})?$/;
/** Refuses ref names git could read as options or that cannot be names at all. */
function assertSafeRef(ref, what = 'ref') {
    if (!/^[^-\s\x00-\x1f\x7f][^\s\x00-\x1f\x7f]*$/.test(ref)) {
        throw new errors/* GitError */.XS(`invalid ${what} ${JSON.stringify(ref)}: give a branch name, tag or commit id (no spaces, not starting with '-')`);
    }
}
/** The commit id a ref names, or null when it does not name a commit here. */
async function tryResolveCommit(repoDir, ref) {
    assertSafeRef(ref);
    const result = await runGit(repoDir, ['rev-parse', '--quiet', '--verify', '--end-of-options', `${ref}^{commit}`], { okExitCodes: [1, 128] });
    const id = result.stdout.trim();
    return result.exitCode === 0 && FULL_COMMIT_ID.test(id) ? id : null;
}
/** The commit id a ref names; a GitError saying how to fix it otherwise. */
async function resolveCommit(repoDir, ref, what = 'ref') {
    const id = await tryResolveCommit(repoDir, ref);
    if (id === null)
        throw new errors/* GitError */.XS(`unknown ${what} ${JSON.stringify(ref)}: no such commit in ${repoDir}; fetch it (git fetch origin ${ref}) or check the name`);
    return id;
}
/** The best common ancestor of two commits, or null when their histories (as present) do not meet. */
async function findMergeBase(repoDir, a, b) {
    const result = await runGit(repoDir, ['merge-base', a, b], { okExitCodes: [1] });
    const id = result.stdout.trim();
    return result.exitCode === 0 && FULL_COMMIT_ID.test(id) ? id : null;
}
async function isShallowRepository(repoDir) {
    const result = await runGit(repoDir, ['rev-parse', '--is-shallow-repository']);
    return result.stdout.trim() === 'true';
}
/** Absolute path of the top of the working tree that contains `dir`. */
async function findRepoRoot(dir) {
    const result = await runGit(dir, ['rev-parse', '--show-toplevel']);
    const root = result.stdout.trim();
    if (!root)
        throw new errors/* GitError */.XS(`not inside a working tree: ${dir}; run inside a checkout (not a bare repository) or pass --repo`);
    return root;
}
const DEFAULT_DEEPEN_STEPS = [50, 200, 1000];
const SHALLOW_ADVICE = 'the clone is shallow; use `fetch-depth: 0` in actions/checkout (or fetch the base branch history) and retry';
/** Resolves base and head and their merge base, fetching missing history when allowed. */
async function resolveComparison(repoDir, baseRef, headRef, options = {}) {
    assertSafeRef(baseRef, 'base ref');
    assertSafeRef(headRef, 'head ref');
    const remote = options.remote ?? 'origin';
    const allowFetch = options.allowFetch ?? false;
    let fetched = false;
    const findLocal = async (ref) => (await tryResolveCommit(repoDir, ref)) ?? (FULL_COMMIT_ID.test(ref) ? null : await tryResolveCommit(repoDir, `refs/remotes/${remote}/${ref}`));
    // Local look-ups run together; fetches (which share FETCH_HEAD) one after the other.
    const [shallow, headLocal, baseLocal] = await Promise.all([isShallowRepository(repoDir), findLocal(headRef), findLocal(baseRef)]);
    const locate = async (ref, what, local) => {
        if (local)
            return local;
        if (!allowFetch) {
            const hint = shallow ? SHALLOW_ADVICE : `fetch it (git fetch ${remote} ${ref}) or check the name`;
            throw new errors/* GitError */.XS(`unknown ${what} ${JSON.stringify(ref)}: no such commit in ${repoDir}; ${hint}`);
        }
        fetched = true;
        return fetchCommit(repoDir, remote, ref, shallow ? (options.initialDepth ?? 50) : null, options.fetchTimeoutMs);
    };
    const head = await locate(headRef, 'head ref', headLocal);
    const baseTip = await locate(baseRef, 'base ref', baseLocal);
    let base = await findMergeBase(repoDir, baseTip, head);
    if (base === null && allowFetch && (await isShallowRepository(repoDir))) {
        for (const step of options.deepenSteps ?? DEFAULT_DEEPEN_STEPS) {
            fetched = true;
            await deepen(repoDir, remote, step, [baseTip, head], options.fetchTimeoutMs);
            base = await findMergeBase(repoDir, baseTip, head);
            if (base !== null || !(await isShallowRepository(repoDir)))
                break;
        }
    }
    if (base === null) {
        const stillShallow = await isShallowRepository(repoDir);
        const advice = stillShallow
            ? SHALLOW_ADVICE
            : 'the histories are unrelated; choose a base branch that the head was created from';
        throw new errors/* GitError */.XS(`no common ancestor of ${baseRef} (${baseTip.slice(0, 12)}) and ${headRef} (${head.slice(0, 12)}): ${advice}`);
    }
    return { base, baseTip, head, fetched };
}
/** Fetches one ref (branch, tag or commit id) from a remote and returns the commit it names. */
async function fetchCommit(repoDir, remote, ref, depth, timeoutMs = 120_000) {
    assertSafeRef(remote, 'remote');
    const remoteRef = ref.startsWith(`refs/remotes/${remote}/`)
        ? `refs/heads/${ref.slice(`refs/remotes/${remote}/`.length)}`
        : ref.startsWith(`${remote}/`) ? ref.slice(remote.length + 1) : ref;
    const args = ['fetch', '--no-tags', '--no-recurse-submodules', '--quiet'];
    if (depth !== null)
        args.push(`--depth=${depth}`);
    try {
        await runGit(repoDir, [...args, remote, remoteRef], { timeoutMs });
    }
    catch (error) {
        const detail = error instanceof Error ? error.message : String(error);
        throw new errors/* GitError */.XS(`could not fetch ${JSON.stringify(ref)} from ${remote} (${detail}); ${SHALLOW_ADVICE}`, { cause: error });
    }
    return resolveCommit(repoDir, 'FETCH_HEAD', 'fetched ref');
}
/** Deepens shallow history by `step` commits, wanting the given commits (falls back to the first alone). */
async function deepen(repoDir, remote, step, commits, timeoutMs = 120_000) {
    const args = ['fetch', '--no-tags', '--no-recurse-submodules', '--quiet', `--deepen=${step}`, remote];
    try {
        await runGit(repoDir, [...args, ...commits], { timeoutMs });
    }
    catch (firstError) {
        // The head may be a local commit the remote does not have: deepen from the base alone.
        if (commits.length < 2)
            throw firstError;
        try {
            await runGit(repoDir, [...args, commits[0]], { timeoutMs });
        }
        catch (error) {
            const detail = error instanceof Error ? error.message : String(error);
            throw new errors/* GitError */.XS(`could not deepen the shallow history from ${remote} (${detail}); ${SHALLOW_ADVICE}`, { cause: error });
        }
    }
}
/** Absolute path of the repository's common git directory (shared by its worktrees). */
async function gitCommonDir(dir) {
    const result = await runGit(dir, ['rev-parse', '--path-format=absolute', '--git-common-dir']);
    const common = result.stdout.trim();
    if (!common)
        throw new errors/* GitError */.XS(`no git directory found for ${dir}; run inside a checkout or pass --store-path`);
    return common;
}

;// CONCATENATED MODULE: ./src/git/default-base.ts
/** The base ref to compare against when the user names none: the remote's default branch. */



const FALLBACK_BRANCHES = ['origin/main', 'origin/master', 'main', 'master'];
/** `origin/<default branch>` from origin/HEAD, else the first of origin/main, origin/master, main, master that exists. */
async function defaultBaseRef(repoDir, remote = 'origin') {
    const symbolic = await runGit(repoDir, ['symbolic-ref', '--quiet', `refs/remotes/${remote}/HEAD`], { okExitCodes: [1, 128] });
    const target = symbolic.stdout.trim();
    if (symbolic.exitCode === 0 && target.startsWith('refs/remotes/'))
        return target.slice('refs/remotes/'.length);
    const candidates = remote === 'origin' ? FALLBACK_BRANCHES : [`${remote}/main`, `${remote}/master`, 'main', 'master'];
    for (const candidate of candidates) {
        if ((await tryResolveCommit(repoDir, candidate)) !== null)
            return candidate;
    }
    throw new errors/* GitError */.XS(`could not find a base branch (no ${remote}/HEAD, main or master) in ${repoDir}; pass --base <ref>`);
}

;// CONCATENATED MODULE: ./src/git/cat-file.ts
/**
 * Reads many objects with one `git cat-file --batch` process (no process per file), streaming: each
 * object is handed to the callback as soon as it is complete, so memory holds one object at a time.
 */


/** Incremental parser of `git cat-file --batch` output. */
class CatFileBatchParser {
    visit;
    pending = [];
    pendingSize = 0;
    header = null;
    constructor(visit) {
        this.visit = visit;
    }
    push(chunk) {
        this.pending.push(chunk);
        this.pendingSize += chunk.length;
        for (;;) {
            if (this.header === null) {
                const buffer = this.flatten();
                const newline = buffer.indexOf(0x0a);
                if (newline < 0)
                    return;
                const line = buffer.subarray(0, newline).toString('utf8');
                this.keep(buffer.subarray(newline + 1));
                const missing = /^(\S+) missing$/.exec(line);
                if (missing) {
                    this.visit(missing[1], null);
                    continue;
                }
                const parsed = /^([0-9a-f]+) \S+ (\d+)$/.exec(line);
                if (!parsed)
                    throw new errors/* GitError */.XS(`unexpected git cat-file output ${JSON.stringify(line.slice(0, 80))}; check the git installation`);
                this.header = { oid: parsed[1], size: Number(parsed[2]) };
            }
            // content plus the trailing newline
            if (this.pendingSize < this.header.size + 1)
                return;
            const buffer = this.flatten();
            const content = Buffer.from(buffer.subarray(0, this.header.size));
            const oid = this.header.oid;
            this.keep(buffer.subarray(this.header.size + 1));
            this.header = null;
            this.visit(oid, content);
        }
    }
    /** True when no object is half read. */
    get idle() {
        return this.header === null && this.pendingSize === 0;
    }
    flatten() {
        if (this.pending.length !== 1)
            this.pending = [Buffer.concat(this.pending, this.pendingSize)];
        return this.pending[0] ?? Buffer.alloc(0);
    }
    keep(rest) {
        this.pending = rest.length > 0 ? [rest] : [];
        this.pendingSize = rest.length;
    }
}
/** Streams the objects named by `oids` (full ids) through `visit`, with one git process. */
async function forEachObject(repoDir, oids, visit, signal) {
    if (oids.length === 0)
        return;
    for (const oid of oids) {
        if (!/^[0-9a-f]{40}([0-9a-f]{24})?$/.test(oid))
            throw new errors/* GitError */.XS(`invalid object id ${JSON.stringify(oid)} for git cat-file; pass full ids`);
    }
    const child = await spawnGit(repoDir, ['cat-file', '--batch'], signal);
    let seen = 0;
    let failure = null;
    const parser = new CatFileBatchParser((oid, content) => {
        seen += 1;
        visit(oid, content);
    });
    const errChunks = [];
    child.stdout.on('data', (chunk) => {
        if (failure)
            return;
        try {
            parser.push(chunk);
        }
        catch (error) {
            failure = error;
            child.kill('SIGKILL');
        }
    });
    child.stderr.on('data', (chunk) => errChunks.push(chunk));
    child.stdin.on('error', () => undefined);
    child.stdin.end(`${oids.join('\n')}\n`);
    const code = await new Promise((resolve, reject) => {
        child.on('error', reject);
        child.on('close', resolve);
    }).catch((error) => {
        throw new errors/* GitError */.XS(`git cat-file could not run in ${repoDir}: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
    });
    if (failure)
        throw failure;
    if (code !== 0 || seen !== oids.length || !parser.idle) {
        const detail = firstErrorLine(Buffer.concat(errChunks).toString('utf8')) || `read ${seen} of ${oids.length} objects`;
        throw new errors/* GitError */.XS(`git cat-file --batch failed in ${repoDir} (exit ${code}): ${detail}`);
    }
}
/** Reads objects into memory, keyed by id; missing objects are absent from the map. */
async function readObjects(repoDir, oids, signal) {
    const found = new Map();
    await forEachObject(repoDir, [...new Set(oids)], (oid, content) => {
        if (content)
            found.set(oid, content);
    }, signal);
    return found;
}

;// CONCATENATED MODULE: ./src/diff/classify-changes.ts
/** The reasons a change is skipped, as they appear in reports. */
const SKIP_REASONS = {
    deleted: 'deleted',
    nonUtf8Path: 'file name is not valid UTF-8',
    submodule: 'submodule',
    symlink: 'symlink',
    binary: 'binary file',
    noAddedLines: 'no added or modified lines',
    pureRename: 'renamed without content changes',
    pureCopy: 'copied without content changes',
    modeOnly: 'file mode change only',
    emptyFile: 'empty file',
    nonUtf8: 'not valid UTF-8',
    unmerged: 'unmerged or unknown change',
};
const REGULAR_FILE_MODES = new Set(['100644', '100755', '100664']);
function changeKind(entry) {
    switch (entry.status) {
        case 'A': return 'added';
        case 'M': return 'modified';
        case 'R': return 'renamed';
        case 'C': return 'copied';
        case 'T': return 'type-changed';
        default: return null;
    }
}
const skip = (path, reason) => ({ kind: 'skipped', skipped: { path, reason } });
/** First step: everything that can be decided from the file list, the numstat and the added lines. */
function classifyEntry(entry, numstat, lines) {
    const path = entry.newPath;
    if (entry.status === 'D')
        return skip(entry.oldPath, SKIP_REASONS.deleted);
    const kind = changeKind(entry);
    if (kind === null)
        return skip(path, SKIP_REASONS.unmerged);
    if (!entry.pathsAreUtf8)
        return skip(path, SKIP_REASONS.nonUtf8Path);
    if (entry.newMode === '160000')
        return skip(path, SKIP_REASONS.submodule);
    if (entry.newMode === '120000')
        return skip(path, SKIP_REASONS.symlink);
    if (!REGULAR_FILE_MODES.has(entry.newMode))
        return skip(path, `unsupported file mode ${entry.newMode}`);
    if (numstat?.binary)
        return skip(path, SKIP_REASONS.binary);
    if (lines.length === 0)
        return skip(path, noLinesReason(entry, numstat));
    return {
        kind: 'candidate',
        candidate: {
            headOid: entry.newOid,
            file: { path, previousPath: kind === 'renamed' || kind === 'copied' ? entry.oldPath : null, kind, changedLines: [...lines] },
        },
    };
}
function noLinesReason(entry, numstat) {
    const contentUnchanged = numstat !== undefined && numstat.added === 0 && numstat.deleted === 0;
    if (entry.status === 'A')
        return SKIP_REASONS.emptyFile;
    if (contentUnchanged && entry.status === 'R')
        return `${SKIP_REASONS.pureRename} (from ${entry.oldPath})`;
    if (contentUnchanged && entry.status === 'C')
        return `${SKIP_REASONS.pureCopy} (from ${entry.oldPath})`;
    if (contentUnchanged && entry.oldMode !== entry.newMode)
        return `${SKIP_REASONS.modeOnly} (${entry.oldMode} -> ${entry.newMode})`;
    return SKIP_REASONS.noAddedLines;
}
const utf8 = new TextDecoder('utf-8', { fatal: true });
/** Second step: the head content must be readable UTF-8 source of a sensible size. */
function checkContent(candidate, content, limits) {
    const path = candidate.file.path;
    if (content === undefined)
        return { path, reason: 'head content could not be read' };
    if (content.length > limits.maxFileBytes) {
        return { path, reason: `file too large (${formatBytes(content.length)}; limit ${formatBytes(limits.maxFileBytes)})` };
    }
    try {
        utf8.decode(content);
    }
    catch {
        return { path, reason: SKIP_REASONS.nonUtf8 };
    }
    return null;
}
function formatBytes(bytes) {
    if (bytes >= 1024 * 1024)
        return `${(bytes / (1024 * 1024)).toFixed(1)} MiB`;
    if (bytes >= 1024)
        return `${(bytes / 1024).toFixed(1)} KiB`;
    return `${bytes} bytes`;
}

// EXTERNAL MODULE: ./node_modules/parse-diff/index.js
var parse_diff = __webpack_require__(2673);
var parse_diff_default = /*#__PURE__*/__webpack_require__.n(parse_diff);
;// CONCATENATED MODULE: ./src/diff/parse-patch.ts
/**
 * PURE. Turns one `git diff -U0` patch into the added line numbers (new side) of each entry of the
 * matching `git diff --raw -z` list. Hunks are parsed by `parse-diff`; patches are matched to raw
 * entries by order (git writes both from the same queue), which works for any file name, and
 * checked against the paths wherever parse-diff can read them unambiguously.
 */


/** How many `diff --git` sections git writes for an entry: a type change is a deletion plus a creation. */
function patchSectionsFor(entry) {
    return entry.status === 'T' ? 2 : 1;
}
/** New-side numbers of the '+' lines of a parse-diff file, ascending and unique. */
function addedLines(file) {
    const lines = new Set();
    for (const chunk of file.chunks) {
        for (const change of chunk.changes) {
            // parse-diff repeats the previous change for "\ No newline at end of file": not a line.
            if (change.type === 'add' && !change.content.startsWith('\\'))
                lines.add(change.ln);
        }
    }
    return [...lines].sort((a, b) => a - b);
}
/** A path parse-diff reads back exactly from a `+++ b/...` line (no quoting, trimming or timestamps). */
function isPlainPath(p) {
    return (p.length > 0 &&
        p.trim() === p &&
        !/["'\\\x00-\x1f\x7f]/.test(p) &&
        !/\d{4}-\d\d-\d\d\s\d\d:\d\d:\d\d/.test(p));
}
/**
 * Added line numbers for each raw entry, in the same order as `entries`. `patch` must come from
 * `git diff -U0 --no-color --no-ext-diff --no-textconv --src-prefix=a/ --dst-prefix=b/` with the
 * same revisions and rename options as the raw list.
 */
function addedLinesPerEntry(patch, entries) {
    const files = parse_diff_default()(patch);
    const expected = entries.reduce((sum, entry) => sum + patchSectionsFor(entry), 0);
    if (files.length !== expected) {
        throw new errors/* GitError */.XS(`git diff patch has ${files.length} file sections but the file list has ${expected}; check for a diff-altering git configuration (e.g. diff.submodule=log is overridden; report others as a bug)`);
    }
    const result = [];
    let next = 0;
    for (const entry of entries) {
        const sections = files.slice(next, next + patchSectionsFor(entry));
        next += sections.length;
        const lines = new Set();
        for (const section of sections) {
            checkSectionPath(section, entry);
            for (const line of addedLines(section))
                lines.add(line);
        }
        result.push([...lines].sort((a, b) => a - b));
    }
    return result;
}
function checkSectionPath(section, entry) {
    if (section.chunks.length === 0 || entry.status === 'D' || section.to === undefined || section.to === '/dev/null')
        return;
    if (!isPlainPath(entry.newPath))
        return;
    if (section.to !== entry.newPath) {
        throw new errors/* GitError */.XS(`git diff patch and file list disagree (${JSON.stringify(section.to)} vs ${JSON.stringify(entry.newPath)}); this is a bug, please report it with the file names involved`);
    }
}

;// CONCATENATED MODULE: ./src/diff/parse-raw.ts
/**
 * PURE. Parsers for `git diff --raw -z --no-abbrev` and `git diff --numstat -z`: exact paths (any
 * byte but NUL), modes, object ids and statuses, with no quoting to undo.
 */

const parse_raw_utf8 = new TextDecoder('utf-8', { fatal: true });
const lossy = new TextDecoder('utf-8');
function decodePath(bytes) {
    try {
        return { text: parse_raw_utf8.decode(bytes), valid: true };
    }
    catch {
        return { text: lossy.decode(bytes), valid: false };
    }
}
/** Splits at NUL bytes; a trailing NUL does not make an empty last field. */
function nulFields(output) {
    const fields = [];
    let start = 0;
    for (;;) {
        const end = output.indexOf(0, start);
        if (end < 0) {
            if (start < output.length)
                fields.push(output.subarray(start));
            return fields;
        }
        fields.push(output.subarray(start, end));
        start = end + 1;
    }
}
function malformed(what, detail) {
    return new errors/* GitError */.XS(`could not read git ${what} output (${detail}); check that git is 2.30 or later`);
}
/** Parses `git diff --raw -z --no-abbrev` output. */
function parseRawDiff(output) {
    const fields = nulFields(output);
    const entries = [];
    let i = 0;
    while (i < fields.length) {
        const meta = fields[i++].toString('latin1');
        const match = /^:(\d{6}) (\d{6}) ([0-9a-f]+) ([0-9a-f]+) ([ACDMRTUX])(\d*)$/.exec(meta);
        if (!match)
            throw malformed('diff --raw', `unexpected record ${JSON.stringify(meta.slice(0, 80))}`);
        const status = match[5];
        const twoPaths = status === 'R' || status === 'C';
        const first = fields[i++];
        const second = twoPaths ? fields[i++] : first;
        if (first === undefined || second === undefined)
            throw malformed('diff --raw', 'record without a path');
        const oldPath = decodePath(first);
        const newPath = decodePath(second);
        entries.push({
            status,
            score: match[6] ? Number(match[6]) : null,
            oldMode: match[1],
            newMode: match[2],
            oldOid: match[3],
            newOid: match[4],
            oldPath: oldPath.text,
            newPath: newPath.text,
            pathsAreUtf8: oldPath.valid && newPath.valid,
        });
    }
    return entries;
}
/** Parses `git diff --numstat -z` output ("-" counts mean binary). */
function parseNumstat(output) {
    const fields = nulFields(output);
    const entries = [];
    let i = 0;
    while (i < fields.length) {
        const field = fields[i++];
        const firstTab = field.indexOf(0x09);
        const secondTab = firstTab < 0 ? -1 : field.indexOf(0x09, firstTab + 1);
        if (secondTab < 0)
            throw malformed('diff --numstat', 'record without counts');
        const addedText = field.subarray(0, firstTab).toString('latin1');
        const deletedText = field.subarray(firstTab + 1, secondTab).toString('latin1');
        let pathBytes = field.subarray(secondTab + 1);
        if (pathBytes.length === 0) {
            // rename or copy: the old and new paths follow as two fields
            i += 1;
            const next = fields[i++];
            if (next === undefined)
                throw malformed('diff --numstat', 'rename without a new path');
            pathBytes = next;
        }
        const binary = addedText === '-' || deletedText === '-';
        entries.push({
            added: binary ? null : Number(addedText),
            deleted: binary ? null : Number(deletedText),
            binary,
            path: decodePath(pathBytes).text,
        });
    }
    return entries;
}

;// CONCATENATED MODULE: ./src/diff/compute-diff.ts
/**
 * What changed between the merge base of base and head and the head: a fixed number of git
 * processes whatever the number of files (file list, numstat, one patch, one cat-file batch), and
 * nothing that touches the working tree or the index.
 */







const DEFAULT_MAX_FILE_BYTES = 1024 * 1024;
/** Options every diff invocation shares, so the file list, numstat and patch list the same pairs in the same order. */
function diffOptions(base, head) {
    return [
        '--no-color',
        '--no-ext-diff',
        '--no-textconv',
        '--no-relative',
        '--ignore-submodules=none',
        '--submodule=short',
        '--find-renames',
        base,
        head,
        '--',
    ];
}
async function computeDiff(repoDir, baseRef, headRef, options = {}) {
    const { base, head } = await resolveComparison(repoDir, baseRef, headRef, options);
    const common = diffOptions(base, head);
    const signal = options.signal;
    const [raw, numstat, patch] = await Promise.all([
        runGitBuffer(repoDir, ['diff', '--raw', '-z', '--no-abbrev', ...common], { signal }),
        runGitBuffer(repoDir, ['diff', '--numstat', '-z', ...common], { signal }),
        runGit(repoDir, ['diff', '-U0', '--src-prefix=a/', '--dst-prefix=b/', ...common], { signal }),
    ]);
    const entries = parseRawDiff(raw.stdout);
    const stats = parseNumstat(numstat.stdout);
    if (stats.length !== entries.length) {
        throw new errors/* GitError */.XS(`git diff listed ${entries.length} files but numstat ${stats.length}; this is a bug, please report it`);
    }
    const linesPerEntry = addedLinesPerEntry(patch.stdout, entries);
    const outcomes = entries.map((entry, index) => classifyEntry(entry, stats[index], linesPerEntry[index] ?? []));
    const candidates = outcomes.flatMap((outcome) => (outcome.kind === 'candidate' ? [outcome.candidate] : []));
    const verdicts = await checkCandidates(repoDir, candidates, options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES, signal);
    const files = [];
    const skipped = [];
    for (const outcome of outcomes) {
        if (outcome.kind === 'skipped') {
            skipped.push(outcome.skipped);
            continue;
        }
        const verdict = verdicts.get(outcome.candidate);
        if (verdict === undefined)
            skipped.push({ path: outcome.candidate.file.path, reason: 'head content could not be read' });
        else if (verdict !== null)
            skipped.push(verdict);
        else
            files.push(outcome.candidate.file);
    }
    return { base, head, files, skipped };
}
/** Reads the head content of every candidate in one batch; null verdict = UTF-8 text of a sensible size. */
async function checkCandidates(repoDir, candidates, maxFileBytes, signal) {
    const verdicts = new Map();
    const byOid = new Map();
    for (const candidate of candidates) {
        const list = byOid.get(candidate.headOid) ?? [];
        list.push(candidate);
        byOid.set(candidate.headOid, list);
    }
    await forEachObject(repoDir, [...byOid.keys()], (oid, content) => {
        for (const candidate of byOid.get(oid) ?? []) {
            verdicts.set(candidate, checkContent(candidate, content ?? undefined, { maxFileBytes }));
        }
    }, signal);
    return verdicts;
}

// EXTERNAL MODULE: ./node_modules/istanbul-lib-coverage/index.js
var istanbul_lib_coverage = __webpack_require__(9377);
var istanbul_lib_coverage_default = /*#__PURE__*/__webpack_require__.n(istanbul_lib_coverage);
;// CONCATENATED MODULE: ./src/coverage/file-metrics.ts
/**
 * Pure: the numbers of one file's Istanbul coverage. Whole-file metrics are Istanbul's own summary
 * (toSummary); patch metrics follow the definitions of PatchMetrics in src/report/types.ts.
 */

/** Lines, statements, functions and branches, the same numbers as Istanbul's toSummary. */
function fileMetrics(data) {
    const summary = toFileCoverage(data).toSummary();
    return {
        lines: counts(summary.lines),
        statements: counts(summary.statements),
        functions: counts(summary.functions),
        branches: counts(summary.branches),
    };
}
/**
 * Coverage of the changed lines. A changed line is coverable when Istanbul's line coverage has it;
 * covered when it has at least one hit; partial when it is covered and a branch that was not fully
 * taken starts on it; missing when coverable with no hit.
 */
function patchMetrics(data, changedLines) {
    const lineHits = toFileCoverage(data).getLineCoverage();
    const partialStarts = partiallyTakenBranchLines(data);
    const missingLines = [];
    const partialLines = [];
    let total = 0;
    let covered = 0;
    for (const line of [...new Set(changedLines)].sort((a, b) => a - b)) {
        const hits = lineHits[line];
        if (hits === undefined)
            continue;
        total += 1;
        if (hits > 0) {
            covered += 1;
            if (partialStarts.has(line))
                partialLines.push(line);
        }
        else {
            missingLines.push(line);
        }
    }
    return { covered, total, partial: partialLines.length, missingLines, partialLines };
}
/** Lines on which a branch starts (its `loc`, else its first location) that has an untaken path. */
function partiallyTakenBranchLines(data) {
    const lines = new Set();
    for (const [id, hits] of Object.entries(data.b)) {
        if (!hits.some((count) => count === 0))
            continue;
        const line = branchStartLine(data.branchMap[id]);
        if (line !== null)
            lines.add(line);
    }
    return lines;
}
/** Totals of several files' patch metrics; line lists are per file, so the sum keeps counts only. */
function sumPatch(list) {
    let covered = 0;
    let total = 0;
    let partial = 0;
    for (const patch of list) {
        covered += patch.covered;
        total += patch.total;
        partial += patch.partial;
    }
    return { covered, total, partial, missingLines: [], partialLines: [] };
}
/** The headline patch ratio (covered - partial) / total, or null when no changed line is coverable. */
function patchRatio(patch) {
    return patch.total === 0 ? null : (patch.covered - patch.partial) / patch.total;
}
function branchStartLine(branch) {
    if (!branch)
        return null;
    const candidates = [branch.loc?.start?.line, branch.locations?.[0]?.start?.line, branch.line];
    for (const line of candidates) {
        if (typeof line === 'number' && Number.isInteger(line) && line > 0)
            return line;
    }
    return null;
}
function toFileCoverage(data) {
    // istanbul insists on a non-empty path; the numbers do not depend on it.
    return istanbul_lib_coverage_default().createFileCoverage(data.path ? data : { ...data, path: '(unnamed)' });
}
function counts(totals) {
    return { covered: totals.covered, total: totals.total };
}

;// CONCATENATED MODULE: ./src/pipeline/context.ts
/** withWorktree's options: the run's temporary root, and the guard told of each worktree added and removed. */
function worktreeOptions(deps) {
    return { guard: deps.guard, ...(deps.tempRoot === undefined ? {} : { tempRoot: deps.tempRoot }) };
}

;// CONCATENATED MODULE: ./src/scope/default-excludes.ts
/**
 * What counts as a source module, and the files excluded by default (tests, declarations, config,
 * generated, vendored, build output, minified), grouped so a skip reason can name the category.
 * Globs are picomatch globs over repository-relative POSIX paths, matched with `dot: true`.
 */
/** Extensions of JS/TS source modules. */
const SOURCE_EXTENSIONS = ['.ts', '.tsx', '.mts', '.cts', '.js', '.jsx', '.mjs', '.cjs'];
const DEFAULT_EXCLUDE_CATEGORIES = [
    { label: 'type declaration', globs: ['**/*.d.ts', '**/*.d.mts', '**/*.d.cts', '**/*.d.*.ts'] },
    {
        label: 'test file',
        globs: [
            '**/*.test.*',
            '**/*.spec.*',
            '**/*.test-d.*',
            '**/*.e2e.*',
            '**/__tests__/**',
            '**/__mocks__/**',
            '**/__fixtures__/**',
            '**/test/**',
            '**/tests/**',
            '**/{setupTests,setup-tests,jest.setup,vitest.setup,test-setup}.*',
        ],
    },
    { label: 'dependency', globs: ['**/node_modules/**'] },
    { label: 'vendored code', globs: ['**/vendor/**', '**/third_party/**', '**/third-party/**'] },
    { label: 'build output', globs: ['**/dist/**', '**/build/**', '**/.next/**', '**/.nuxt/**', '**/.output/**', '**/.svelte-kit/**'] },
    { label: 'coverage output', globs: ['**/coverage/**', '**/.nyc_output/**'] },
    { label: 'generated code', globs: ['**/*.generated.*', '**/*.gen.*', '**/__generated__/**'] },
    { label: 'minified file', globs: ['**/*.min.*', '**/*-min.js', '**/*.bundle.js'] },
    {
        label: 'config file',
        globs: [
            '**/*.config.*',
            '**/*.conf.*',
            '**/.*rc.*',
            '**/.*rc',
            '**/{Gruntfile,gruntfile,Gulpfile,gulpfile,Jakefile}.*',
        ],
    },
    { label: 'storybook story', globs: ['**/*.stories.*', '**/.storybook/**'] },
];
/** Every default exclude glob, flat (for showing the effective configuration). */
const DEFAULT_EXCLUDE_GLOBS = DEFAULT_EXCLUDE_CATEGORIES.flatMap((category) => category.globs);

;// CONCATENATED MODULE: ./src/scope/related-tests.ts
/**
 * PURE. Existing tests that, by naming convention, test a module: `x.test.ts` / `x.spec.ts` beside
 * it, in a `__tests__` directory beside it, or under a `test`/`tests`/`__tests__` directory of an
 * ancestor (mirroring the module's directories or not, optionally grouped as unit/integration).
 */

const TEST_ROOT_DIRS = new Set(['test', 'tests', '__tests__', 'spec', 'specs']);
const GROUPING_DIRS = new Set(['unit', 'units', 'integration', 'int', 'functional', 'component', 'components']);
const TEST_SUFFIX = /\.(test|spec)$/;
function parse(filePath) {
    const segments = filePath.split('/');
    const base = segments.pop() ?? '';
    const dot = base.lastIndexOf('.');
    if (dot <= 0)
        return null;
    const ext = base.slice(dot).toLowerCase();
    if (!SOURCE_EXTENSIONS.includes(ext))
        return null;
    return { dir: segments, stem: base.slice(0, dot), ext };
}
/** Names a module may be tested under: its stem, and for `dir/index.ts` also `dir` (one level up). */
function moduleNames(module) {
    const names = [{ name: module.stem, dir: module.dir }];
    if (module.stem === 'index' && module.dir.length > 0) {
        names.push({ name: module.dir[module.dir.length - 1], dir: module.dir.slice(0, -1) });
    }
    return names;
}
const isPrefix = (prefix, of) => prefix.length <= of.length && prefix.every((segment, i) => of[i] === segment);
const isSuffix = (suffix, of) => suffix.length <= of.length && suffix.every((segment, i) => of[of.length - suffix.length + i] === segment);
/**
 * How closely a test file belongs to a module directory (lower is closer), or null when it does
 * not follow a convention for it. `testDir` is the test's directory, `moduleDir` the module's.
 */
function placement(testDir, moduleDir, hasTestSuffix) {
    const same = testDir.length === moduleDir.length && isPrefix(testDir, moduleDir);
    if (same)
        return hasTestSuffix ? 0 : null;
    if (testDir.length === moduleDir.length + 1 && isPrefix(moduleDir, testDir) && testDir[moduleDir.length] === '__tests__')
        return 1;
    // under <ancestor>/<test root>/... with the rest mirroring the end of the module's path
    for (let depth = moduleDir.length; depth >= 0; depth -= 1) {
        const ancestor = moduleDir.slice(0, depth);
        if (!isPrefix(ancestor, testDir) || testDir.length <= depth || !TEST_ROOT_DIRS.has(testDir[depth]))
            continue;
        let rest = testDir.slice(depth + 1);
        while (rest.length > 0 && GROUPING_DIRS.has(rest[0]))
            rest = rest.slice(1);
        const below = moduleDir.slice(depth);
        if (rest.length === 0 || isSuffix(rest, below))
            return 2 + (moduleDir.length - depth) + (below.length - rest.length);
    }
    return null;
}
/**
 * Test files among `repoFiles` (repository-relative POSIX paths, e.g. from `git ls-files`) that by
 * convention test `modulePath`, closest first.
 */
function findRelatedTests(modulePath, repoFiles) {
    const module = parse(modulePath);
    if (module === null)
        return [];
    const names = moduleNames(module);
    const scored = [];
    for (const file of repoFiles) {
        if (file === modulePath)
            continue;
        const test = parse(file);
        if (test === null || test.stem.endsWith('.d'))
            continue;
        const hasTestSuffix = TEST_SUFFIX.test(test.stem);
        const stem = test.stem.replace(TEST_SUFFIX, '');
        let best = null;
        names.forEach((candidate, index) => {
            if (stem !== candidate.name)
                return;
            const inTestRoot = test.dir.some((segment) => TEST_ROOT_DIRS.has(segment));
            if (!hasTestSuffix && !inTestRoot)
                return;
            const placed = placement(test.dir, candidate.dir, hasTestSuffix);
            // the module's own name ranks before its directory's name (for index files)
            const score = placed === null ? null : placed + index * 0.5;
            if (score !== null && (best === null || score < best))
                best = score;
        });
        if (best !== null)
            scored.push({ path: file, score: best });
    }
    return scored.sort((a, b) => a.score - b.score || a.path.localeCompare(b.path)).map((entry) => entry.path);
}

;// CONCATENATED MODULE: ./src/pipeline/build-file-reports.ts


function buildFileReports(modules, head, base) {
    return modules.map((module) => buildFileReport(module, head, base));
}
function buildFileReport(module, head, base) {
    const { file, pkg } = module;
    const common = {
        path: file.path,
        previousPath: file.previousPath,
        changeKind: file.kind,
        packageDir: pkg.relDir,
        framework: pkg.framework,
        changedLines: file.changedLines,
        relatedTests: relatedTestsOf(file.path, head.testsByPackage.get(pkg.relDir) ?? []),
    };
    const headFailure = head.failures.get(pkg.relDir);
    if (headFailure !== undefined) {
        return { ...common, base: null, head: null, status: 'failed', reason: headFailure };
    }
    const headData = head.files.get(file.path);
    if (!headData) {
        const reason = `the ${pkg.framework ?? 'test'} run reported no coverage for this file; check that your coverage configuration does not exclude it`;
        return { ...common, base: null, head: null, status: 'failed', reason };
    }
    const headMetrics = measureHead(headData, file.changedLines);
    const notes = [];
    const failedCases = head.failedCasesByPackage.get(pkg.relDir) ?? 0;
    if (failedCases > 0)
        notes.push(`${failedCases} existing test case(s) failed at the head`);
    return {
        ...common,
        base: baseMetrics(module, base, notes),
        head: headMetrics,
        status: 'measured',
        reason: notes.length > 0 ? notes.join('; ') : null,
    };
}
/**
 * The runner's related-tests feature ran these test files for the package's changed modules together;
 * a module's own are those named after it by convention, else (no such name) all of them.
 */
function relatedTestsOf(path, ran) {
    const named = findRelatedTests(path, ran);
    return named.length > 0 ? named : ran;
}
function baseMetrics(module, base, notes) {
    if (base === null || module.file.kind === 'added' || module.file.kind === 'copied')
        return null;
    const basePath = module.file.previousPath ?? module.file.path;
    const failure = base.failures.get(module.pkg.relDir);
    if (failure !== undefined) {
        notes.push(`base not measured: ${failure}`);
        return null;
    }
    const data = base.files.get(basePath);
    return data ? fileMetrics(data) : null;
}
function measureHead(data, changedLines) {
    return { ...fileMetrics(data), patch: patchMetrics(data, changedLines) };
}

;// CONCATENATED MODULE: ./src/coverage/coverage-paths.ts
/**
 * Path arithmetic for coverage keys. Runners write keys in many spellings: POSIX or Windows absolute
 * paths, backslashes, `file://` URLs, paths relative to where the runner ran, paths through symlinks.
 * Everything here works on one canonical spelling, the "slash path": forward slashes only, `.` and
 * `..` resolved, a Windows drive letter lower-cased (`c:/x/y`). No basename matching, ever.
 */


const DRIVE = /^([A-Za-z]):(?=\/|$)/;
/** True for `/x` (POSIX or UNC after conversion) and `c:/x`. */
function isAbsoluteSlashPath(path) {
    return path.startsWith('/') || DRIVE.test(path);
}
/**
 * The canonical slash spelling of a key: `file://` URLs decoded, backslashes turned into slashes, the
 * drive letter lower-cased, `.`/`..` segments and repeated or trailing slashes removed. A relative key
 * stays relative (see resolveSlashPath).
 */
function toSlashPath(raw) {
    let text = raw.trim();
    if (/^file:/i.test(text))
        text = fileUrlToSlashPath(text);
    text = text.replace(/\\/g, '/');
    const drive = DRIVE.exec(text);
    if (drive) {
        const rest = normalizeRooted(text.slice(2) || '/');
        return `${drive[1].toLowerCase()}:${rest}`;
    }
    if (text.startsWith('/'))
        return normalizeRooted(text);
    const normalized = external_node_path_.posix.normalize(text);
    return normalized.endsWith('/') && normalized.length > 1 ? normalized.slice(0, -1) : normalized;
}
/** Resolves `path` (slash spelling) against the absolute directory `base` (slash spelling). */
function resolveSlashPath(base, path) {
    if (isAbsoluteSlashPath(path))
        return toSlashPath(path);
    return toSlashPath(`${base}/${path}`);
}
/**
 * The repository-relative POSIX path of `path` when it lies strictly inside `root`, else null.
 * Both are slash paths; Windows paths compare case-insensitively, as their file systems do.
 */
function relativeInside(root, path) {
    const windows = DRIVE.test(root) && DRIVE.test(path);
    const rootKey = windows ? root.toLowerCase() : root;
    const pathKey = windows ? path.toLowerCase() : path;
    const prefix = rootKey.endsWith('/') ? rootKey : `${rootKey}/`;
    if (!pathKey.startsWith(prefix) || pathKey.length === prefix.length)
        return null;
    return path.slice(prefix.length);
}
/**
 * Resolves symlinks in `path` as far as the file system allows: the file itself when it exists, else
 * its nearest existing ancestor with the missing tail appended. So a checkout reached through a
 * symlink maps to the same key whether or not the file is still there.
 */
function realpathBestEffort(path, realpath) {
    const tail = [];
    let current = path;
    for (;;) {
        const resolved = realpath(current);
        if (resolved !== null)
            return tail.length === 0 ? toSlashPath(resolved) : toSlashPath(`${resolved}/${tail.join('/')}`);
        const parent = external_node_path_.posix.dirname(current);
        if (parent === current || parent === '.' || parent === '' || /^[a-z]:$/.test(parent))
            return path;
        tail.unshift(external_node_path_.posix.basename(current));
        current = parent;
    }
}
/** The file system's realpath, for paths this machine can spell (a `c:/` path on Linux is not one). */
const nativeRealpath = (path) => {
    if (!(0,external_node_path_.isAbsolute)(path))
        return null;
    try {
        return external_node_fs_.realpathSync.native(path);
    }
    catch {
        return null;
    }
};
function normalizeRooted(path) {
    const normalized = external_node_path_.posix.normalize(path);
    return normalized.length > 1 && normalized.endsWith('/') ? normalized.slice(0, -1) : normalized;
}
function fileUrlToSlashPath(url) {
    try {
        const parsed = new URL(url);
        const pathname = decodeURIComponent(parsed.pathname);
        // file:///C:/x is a Windows path whatever machine reads it.
        if (/^\/[A-Za-z]:\//.test(pathname))
            return pathname.slice(1);
        if (parsed.host !== '')
            return `//${parsed.host}${pathname}`;
        return pathname;
    }
    catch {
        return url;
    }
}

;// CONCATENATED MODULE: ./src/coverage/merge-entries.ts
/**
 * Pure: gathers file coverage under its repository-relative key. Entries that land on the same key
 * (the same file spelled two ways, or reported by two runs) are merged with Istanbul's merge, never
 * overwritten. The `path` inside each entry is rewritten to the key.
 */

class CoverageEntries {
    byKey = new Map();
    /** Adds `data` (a private copy, see readFileCoverage) under the repository-relative `key`. */
    add(key, data) {
        const entry = istanbul_lib_coverage_default().createFileCoverage({ ...data, path: key });
        const existing = this.byKey.get(key);
        if (existing)
            existing.merge(entry);
        else
            this.byKey.set(key, entry);
    }
    /** Plain Istanbul data keyed by repository-relative path, keys sorted. */
    toMap() {
        const map = {};
        for (const key of [...this.byKey.keys()].sort()) {
            const value = { ...this.byKey.get(key).toJSON(), path: key };
            // defineProperty, so that a file named `__proto__` is a key like any other.
            Object.defineProperty(map, key, { value, enumerable: true, writable: true, configurable: true });
        }
        return map;
    }
}

;// CONCATENATED MODULE: ./src/coverage/read-file-coverage.ts

const REGENERATE = "regenerate it with the runner's json coverage reporter (coverage-final.json)";
/** Validates `value` (the entry stored under `key`) and returns a deep copy without Jest's wrapping. */
function readFileCoverage(key, value) {
    const entry = unwrap(value);
    const fail = (what) => {
        throw new errors/* CoverageError */.Hm(`coverage entry ${JSON.stringify(shorten(key))} is malformed: ${what}; ${REGENERATE}`);
    };
    if (!isRecord(entry))
        fail(`expected an object, got ${describe(value)}`);
    const data = entry;
    if (data.path !== undefined && typeof data.path !== 'string')
        fail(`"path" is ${describe(data.path)}, expected a string`);
    for (const field of ['statementMap', 's', 'fnMap', 'f', 'branchMap', 'b']) {
        if (!isRecord(data[field]))
            fail(`"${field}" is ${describe(data[field])}, expected an object`);
    }
    const statementMap = data.statementMap;
    const fnMap = data.fnMap;
    const branchMap = data.branchMap;
    for (const [id, hits] of Object.entries(data.s)) {
        if (!isHitCount(hits))
            fail(`s[${id}] is ${describe(hits)}, expected a hit count (a number >= 0)`);
        if (!isRange(statementMap[id], true))
            fail(`statementMap[${id}] is missing or has no start line`);
    }
    for (const [id, hits] of Object.entries(data.f)) {
        if (!isHitCount(hits))
            fail(`f[${id}] is ${describe(hits)}, expected a hit count (a number >= 0)`);
        const fn = fnMap[id];
        if (!isRecord(fn) || !isRange(fn.loc, false))
            fail(`fnMap[${id}] is missing or has no "loc" range`);
    }
    for (const [id, hits] of Object.entries(data.b)) {
        if (!Array.isArray(hits) || !hits.every(isHitCount)) {
            fail(`b[${id}] is ${describe(hits)}, expected an array of hit counts`);
        }
        const branch = branchMap[id];
        if (!isRecord(branch))
            fail(`branchMap[${id}] is missing`);
        const { locations, loc } = branch;
        if (!Array.isArray(locations) || locations.length === 0 || !isRange(locations[0], false)) {
            fail(`branchMap[${id}].locations is missing or empty`);
        }
        if (loc !== undefined && !isRange(loc, false))
            fail(`branchMap[${id}].loc is not a range`);
    }
    return structuredClone(data);
}
function unwrap(value) {
    if (isRecord(value) && !('statementMap' in value) && isRecord(value.data))
        return value.data;
    return value;
}
function isRecord(value) {
    return typeof value === 'object' && value !== null && !Array.isArray(value);
}
function isHitCount(value) {
    return typeof value === 'number' && Number.isFinite(value) && value >= 0;
}
/** A `{start, end}` range; with `needLine`, `start.line` must be a positive integer. */
function isRange(value, needLine) {
    if (!isRecord(value) || !isRecord(value.start) || !isRecord(value.end))
        return false;
    if (!needLine)
        return true;
    const line = value.start.line;
    return typeof line === 'number' && Number.isInteger(line) && line > 0;
}
function describe(value) {
    if (value === undefined)
        return 'missing';
    if (value === null)
        return 'null';
    if (Array.isArray(value))
        return 'an array';
    if (typeof value === 'string')
        return JSON.stringify(shorten(value));
    if (typeof value === 'object')
        return 'an object';
    return `${typeof value} ${String(value)}`;
}
function shorten(text) {
    return text.length > 200 ? `${text.slice(0, 100)}...${text.slice(-97)}` : text;
}

;// CONCATENATED MODULE: ./src/coverage/normalize-coverage.ts




function normalizeCoverageMap(raw, opts) {
    const realpath = opts.realpath ?? nativeRealpath;
    const root = realpathBestEffort(toSlashPath(opts.repoRoot), realpath);
    const cwd = toSlashPath(opts.runnerCwd);
    const entries = new CoverageEntries();
    const dropped = [];
    for (const [key, value] of coverageMapEntries(raw)) {
        const data = readFileCoverage(key, value);
        const spelled = entryPath(key, data);
        const absolute = resolveSlashPath(cwd, toSlashPath(spelled));
        const relative = relativeInside(root, absolute) ?? relativeInside(root, realpathBestEffort(absolute, realpath));
        if (relative === null)
            dropped.push(key);
        else
            entries.add(relative, data);
    }
    return { map: entries.toMap(), dropped };
}
/** The entries of a raw coverage map, after checking that it is an object keyed by file. */
function coverageMapEntries(raw) {
    if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
        const got = raw === null ? 'null' : Array.isArray(raw) ? 'an array' : typeof raw;
        throw new errors/* CoverageError */.Hm(`coverage data is ${got}, expected an object keyed by file path (Istanbul's coverage-final.json); check the runner's json coverage reporter`);
    }
    return Object.entries(raw);
}
/** The path an entry stands for: its key, or its own `path` when the key is blank. */
function entryPath(key, data) {
    if (key.trim() !== '')
        return key;
    if (typeof data.path === 'string' && data.path.trim() !== '')
        return data.path;
    throw new errors/* CoverageError */.Hm("a coverage entry has an empty key and no \"path\"; regenerate the coverage with the runner's json coverage reporter");
}

;// CONCATENATED MODULE: ./src/coverage/normalize-base-coverage.ts





function normalizeBaseCoverageMap(raw, opts) {
    const realpath = opts.realpath ?? nativeRealpath;
    const root = realpathBestEffort(toSlashPath(opts.repoRoot), realpath);
    const entries = new CoverageEntries();
    const dropped = [];
    const foreign = [];
    for (const [key, value] of coverageMapEntries(raw)) {
        const data = readFileCoverage(key, value);
        const path = toSlashPath(entryPath(key, data));
        if (!isAbsoluteSlashPath(path)) {
            if (path === '..' || path.startsWith('../') || path === '.')
                dropped.push(key);
            else
                entries.add(path, data);
            continue;
        }
        const local = relativeInside(root, path) ?? relativeInside(root, realpathBestEffort(path, realpath));
        if (local !== null && (opts.pathPrefix == null || opts.pathPrefix === ''))
            entries.add(local, data);
        else
            foreign.push({ key, path, data });
    }
    const prefix = opts.pathPrefix != null && opts.pathPrefix !== ''
        ? toSlashPath(opts.pathPrefix)
        : detectRecordingRoot(foreign.map((entry) => entry.path), opts.isRepoFile);
    for (const entry of foreign) {
        const relative = prefix === null ? null : relativeInside(prefix, entry.path);
        if (relative === null)
            dropped.push(entry.key);
        else
            entries.add(relative, entry.data);
    }
    return { map: entries.toMap(), dropped, prefix: foreign.length > 0 ? prefix : null };
}
/**
 * The directory whose stripping turns the most paths into files of the repository; null when no
 * path fits any candidate. Throws when the best score is shared by several directories.
 */
function detectRecordingRoot(paths, isRepoFile) {
    const scores = new Map();
    for (const path of new Set(paths)) {
        for (let slash = path.indexOf('/'); slash !== -1; slash = path.indexOf('/', slash + 1)) {
            const remainder = path.slice(slash + 1);
            if (remainder === '' || !isRepoFile(remainder))
                continue;
            const candidate = slash === 0 ? '/' : path.slice(0, slash);
            scores.set(candidate, (scores.get(candidate) ?? 0) + 1);
        }
    }
    const best = Math.max(0, ...scores.values());
    if (best === 0)
        return null;
    const winners = [...scores].filter(([, score]) => score === best).map(([candidate]) => candidate);
    if (winners.length > 1) {
        throw new errors/* CoverageError */.Hm(`cannot tell which directory the base coverage paths were recorded under: ${winners
            .slice(0, 3)
            .map((w) => JSON.stringify(w))
            .join(' and ')} each make ${best} path(s) match files of the repository; record the base coverage with paths relative to the repository root, or from a checkout at the same path as this one`);
    }
    return winners[0];
}

;// CONCATENATED MODULE: ./src/coverage/base-coverage-file.ts
/**
 * Effects: reads the base coverage file the user gives (Istanbul's coverage-final.json, as written by
 * Vitest's or Jest's `json` reporter) and normalises its keys to repository-relative paths, detecting
 * the directory it was recorded under (see normalize-base-coverage.ts).
 */





/** Larger files are refused rather than parsed (a coverage-final.json of a big monorepo is tens of MB). */
const MAX_BASE_COVERAGE_BYTES = 512 * 1024 * 1024;
/** The base coverage keyed by repository-relative path. */
async function loadBaseCoverageFile(file, opts) {
    const { map } = await readBaseCoverageFile(file, opts);
    return new Map(Object.entries(map));
}
/** Like loadBaseCoverageFile, with what was dropped and which recording root was stripped. */
async function readBaseCoverageFile(file, opts) {
    const text = await readCoverageText(file);
    const raw = parseCoverageJson(file, text);
    const repoRoot = await (0,promises_.realpath)(opts.repoDir);
    return normalizeBaseCoverageMap(raw, {
        repoRoot,
        pathPrefix: opts.pathPrefix ?? null,
        isRepoFile: (relative) => isFile((0,external_node_path_.join)(repoRoot, relative)),
    });
}
async function readCoverageText(file) {
    try {
        const info = await (0,promises_.stat)(file);
        if (!info.isFile())
            throw new errors/* CoverageError */.Hm(`base coverage ${file} is not a file; pass the path of a coverage-final.json`);
        if (info.size > MAX_BASE_COVERAGE_BYTES) {
            throw new errors/* CoverageError */.Hm(`base coverage ${file} is ${Math.round(info.size / 1024 / 1024)} MiB, more than the ${MAX_BASE_COVERAGE_BYTES / 1024 / 1024} MiB accepted; collect coverage only for the source files`);
        }
        return await (0,promises_.readFile)(file, 'utf8');
    }
    catch (error) {
        if (error instanceof errors/* CoverageError */.Hm)
            throw error;
        const code = error.code ?? String(error);
        throw new errors/* CoverageError */.Hm(`cannot read base coverage ${file} (${code}); check the base coverage path`, { cause: error });
    }
}
/** Parses the file, with a clear word for the usual mistake of passing an lcov or summary file. */
function parseCoverageJson(file, text) {
    const start = text.trimStart().slice(0, 3);
    if (start.startsWith('TN:') || start.startsWith('SF:')) {
        throw new errors/* CoverageError */.Hm(`base coverage ${file} is an lcov file; pass Istanbul's coverage-final.json (add the "json" coverage reporter)`);
    }
    let raw;
    try {
        raw = JSON.parse(text);
    }
    catch (error) {
        throw new errors/* CoverageError */.Hm(`base coverage ${file} is not valid JSON (${error.message}); pass Istanbul's coverage-final.json`, { cause: error });
    }
    if (looksLikeSummary(raw)) {
        throw new errors/* CoverageError */.Hm(`base coverage ${file} looks like a coverage summary (coverage-summary.json); pass coverage-final.json (the "json" reporter)`);
    }
    return raw;
}
function looksLikeSummary(raw) {
    if (typeof raw !== 'object' || raw === null)
        return false;
    const total = raw.total;
    return typeof total === 'object' && total !== null && 'lines' in total && !('statementMap' in total);
}
function isFile(path) {
    try {
        return (0,external_node_fs_.statSync)(path).isFile();
    }
    catch {
        return false;
    }
}

// EXTERNAL MODULE: external "node:os"
var external_node_os_ = __webpack_require__(8161);
;// CONCATENATED MODULE: ./src/files/make-temp-dir.ts
/**
 * A new temporary directory under the run's temporary root, readable by the sandbox user: mkdtemp
 * makes it 0700, which the other user running the tests could not enter. The run's root itself is
 * private to TestMaster's user on the host, so nobody else on the machine can.
 */


async function makeTempDir(parent, prefix) {
    const dir = await (0,promises_.mkdtemp)(external_node_path_default().join(parent, prefix));
    await (0,promises_.chmod)(dir, 0o755);
    return dir;
}

;// CONCATENATED MODULE: ./src/git/worktree.ts
/**
 * A temporary, detached checkout of another commit (the base) outside the repository, so the base
 * can be measured without touching the user's working tree or index. Always removed afterwards.
 */






const unguarded = { changingWorktrees: (fn) => fn() };
/**
 * Creates a detached worktree of `commit`, calls `fn` with its absolute path, and removes it
 * (`git worktree remove --force` then `git worktree prune`) whether `fn` resolves or throws.
 */
async function withWorktree(repoDir, commit, fn, options = {}) {
    if (!/^[0-9a-f]{40}([0-9a-f]{24})?$/.test(commit)) {
        throw new errors/* GitError */.XS(`withWorktree needs a full commit id, got ${JSON.stringify(commit)}; resolve the ref first`);
    }
    const guard = options.guard ?? unguarded;
    const holder = await makeTempDir(options.tempRoot ?? (0,external_node_os_.tmpdir)(), 'testmaster-base-');
    const worktreeDir = external_node_path_default().join(holder, 'checkout');
    await guard.changingWorktrees(async () => {
        try {
            await runGit(repoDir, ['worktree', 'add', '--detach', '--quiet', worktreeDir, commit]);
        }
        catch (error) {
            await (0,promises_.rm)(holder, { recursive: true, force: true });
            await runGit(repoDir, ['worktree', 'prune']).catch(() => undefined);
            const detail = error instanceof Error ? error.message : String(error);
            throw new errors/* GitError */.XS(`could not check out commit ${commit.slice(0, 12)} into a temporary worktree: ${detail}`, { cause: error });
        }
    });
    let result;
    try {
        result = await fn(worktreeDir);
    }
    catch (error) {
        await guard.changingWorktrees(() => removeWorktree(repoDir, worktreeDir, holder)).catch(() => undefined);
        throw error;
    }
    await guard.changingWorktrees(() => removeWorktree(repoDir, worktreeDir, holder));
    return result;
}
/** Removes a worktree made by withWorktree; falls back to deleting the directory and pruning. */
async function removeWorktree(repoDir, worktreeDir, holder) {
    let removeError = null;
    try {
        await runGit(repoDir, ['worktree', 'remove', '--force', '--force', worktreeDir]);
    }
    catch (error) {
        removeError = error;
    }
    // rm never follows symlinks, so linked node_modules of the head checkout are safe.
    await (0,promises_.rm)(holder, { recursive: true, force: true });
    // `worktree remove` already dropped git's record of it; prune only what a failed remove left.
    if (removeError !== null)
        await runGit(repoDir, ['worktree', 'prune']);
    const stillThere = await (0,promises_.lstat)(worktreeDir).then(() => true, () => false);
    if (stillThere) {
        throw new errors/* GitError */.XS(`could not remove temporary worktree ${worktreeDir}; delete it and run git worktree prune`, { cause: removeError });
    }
}
/**
 * For each package directory (repository-relative, '' for the root) whose head checkout has a
 * `node_modules` directory, symlinks it into the same place in the worktree, unless the package
 * does not exist there or already has one. Returns the created links (absolute paths).
 */
async function linkNodeModules(headDir, worktreeDir, packageDirs) {
    const created = [];
    for (const relDir of new Set(packageDirs)) {
        const normal = external_node_path_default().posix.normalize(relDir === '' ? '.' : relDir);
        if (external_node_path_default().posix.isAbsolute(normal) || normal === '..' || normal.startsWith('../') || normal.includes('\0')) {
            throw new errors/* GitError */.XS(`package directory ${JSON.stringify(relDir)} is not inside the repository; fix the workspace configuration`);
        }
        const source = external_node_path_default().join(headDir, normal, 'node_modules');
        const targetParent = external_node_path_default().join(worktreeDir, normal);
        const target = external_node_path_default().join(targetParent, 'node_modules');
        const sourceIsDir = await (0,promises_.stat)(source).then((s) => s.isDirectory(), () => false);
        const parentIsDir = await (0,promises_.lstat)(targetParent).then((s) => s.isDirectory(), () => false);
        const targetExists = await (0,promises_.lstat)(target).then(() => true, () => false);
        if (!sourceIsDir || !parentIsDir || targetExists)
            continue;
        await (0,promises_.symlink)(external_node_path_default().resolve(source), target, 'dir');
        created.push(target);
    }
    return created;
}

;// CONCATENATED MODULE: ./src/runners/framework-signals.ts
/**
 * Which test framework a package uses, from what it declares: its dependencies, its config files
 * (vitest.config.*, vite.config.* with a `test` section, jest.config.*, a "jest" key in package.json)
 * and, to break a tie, its `test` script. Config files count more than dependencies.
 */



const FRAMEWORKS = ['vitest', 'jest'];
const DEPENDENCY_FIELDS = ['dependencies', 'devDependencies', 'optionalDependencies'];
const VITEST_CONFIG = /^vitest\.(config|workspace|projects)\.(ts|mts|cts|js|mjs|cjs|json)$/;
const VITE_CONFIG = /^vite\.config\.(ts|mts|cts|js|mjs|cjs)$/;
const JEST_CONFIG = /^jest\.config\.(ts|mts|cts|js|mjs|cjs|json)$/;
/** A `test:` or `"test":` key in a vite config: the Vitest section. */
const VITE_TEST_SECTION = /(^|[\s,{])["']?test["']?\s*:/m;
async function readFrameworkSignals(packageDir, manifest) {
    const listed = new Set();
    for (const field of DEPENDENCY_FIELDS) {
        const deps = manifest[field];
        if (deps === null || typeof deps !== 'object')
            continue;
        for (const framework of FRAMEWORKS)
            if (Object.hasOwn(deps, framework))
                listed.add(framework);
    }
    const configs = new Map();
    const note = (framework, source) => {
        configs.set(framework, [...(configs.get(framework) ?? []), source]);
    };
    const names = (await (0,promises_.readdir)(packageDir).catch(() => [])).sort();
    for (const name of names) {
        if (VITEST_CONFIG.test(name))
            note('vitest', name);
        else if (JEST_CONFIG.test(name))
            note('jest', name);
        else if (VITE_CONFIG.test(name) && (await hasViteTestSection((0,external_node_path_.join)(packageDir, name))))
            note('vitest', name);
    }
    if (manifest.jest !== undefined)
        note('jest', 'package.json "jest" key');
    const scripted = new Set();
    const scripts = manifest.scripts;
    const testScript = scripts !== null && typeof scripts === 'object' ? scripts.test : undefined;
    if (typeof testScript === 'string') {
        for (const framework of FRAMEWORKS)
            if (new RegExp(`\\b${framework}\\b`).test(testScript))
                scripted.add(framework);
    }
    return { listed, configs, scripted };
}
/**
 * The framework the signals point to, or null when there are none. Throws a ConfigurationError when
 * they point to both and nothing breaks the tie.
 */
function chooseFramework(signals, packageLabel) {
    const tiers = [new Set(signals.configs.keys()), signals.listed, signals.scripted];
    const first = tiers.findIndex((tier) => tier.size > 0);
    if (first === -1)
        return null;
    let candidates = tiers[first] ?? new Set();
    for (const tier of tiers.slice(first + 1)) {
        if (candidates.size === 1)
            break;
        const narrowed = new Set([...candidates].filter((framework) => tier.has(framework)));
        if (narrowed.size > 0)
            candidates = narrowed;
    }
    const [only, ...rest] = [...candidates];
    if (only !== undefined && rest.length === 0)
        return only;
    const evidence = FRAMEWORKS.filter((framework) => candidates.has(framework))
        .map((framework) => `${framework}: ${(signals.configs.get(framework) ?? ['listed in package.json']).join(', ')}`)
        .join('; ');
    throw new errors/* ConfigurationError */.j1(`${packageLabel} is set up for both vitest and jest (${evidence}): set the framework for this package in testmaster's configuration`);
}
async function hasViteTestSection(file) {
    const text = await (0,promises_.readFile)(file, 'utf8').catch(() => '');
    return VITE_TEST_SECTION.test(text);
}

;// CONCATENATED MODULE: ./src/files/read-json-file.ts
/**
 * Reads a JSON file and says which of the usual outcomes it was, so each caller decides in one line
 * what a missing file, invalid JSON or a non-object means for it.
 */

async function readJsonFile(file) {
    let text;
    try {
        text = await (0,promises_.readFile)(file, 'utf8');
    }
    catch {
        return { kind: 'missing' };
    }
    let value;
    try {
        value = JSON.parse(text);
    }
    catch (error) {
        return { kind: 'invalid', reason: error instanceof Error ? error.message : String(error) };
    }
    return value !== null && typeof value === 'object' && !Array.isArray(value)
        ? { kind: 'object', value: value }
        : { kind: 'not-object', value };
}
/** The file's top-level object, or null when it is missing, invalid or not an object. */
async function readJsonObject(file) {
    const read = await readJsonFile(file);
    return read.kind === 'object' ? read.value : null;
}

;// CONCATENATED MODULE: ./src/runners/installed-package.ts
/**
 * Finds an installed npm package the way Node does for a bare specifier: `<dir>/node_modules/<name>`
 * from a starting directory upward to the filesystem root. Reads the package's own package.json, so
 * a package whose `exports` hides `package.json` is still found.
 */


async function findInstalledPackage(fromDir, name) {
    let dir = (0,external_node_path_.resolve)(fromDir);
    for (;;) {
        const candidate = (0,external_node_path_.join)(dir, 'node_modules', ...name.split('/'));
        const manifest = await readJsonObject((0,external_node_path_.join)(candidate, 'package.json'));
        if (manifest !== null) {
            const version = typeof manifest.version === 'string' ? manifest.version : null;
            return { name, dir: candidate, version, manifest };
        }
        const parent = (0,external_node_path_.dirname)(dir);
        if (parent === dir)
            return null;
        dir = parent;
    }
}
/**
 * The absolute JS file of a package's command: `bin` as a string, or the entry named `binName`
 * (default: the package name without scope), or the only entry. Null when the package has no bin.
 */
function binEntry(pkg, binName) {
    const bin = pkg.manifest.bin;
    if (typeof bin === 'string')
        return (0,external_node_path_.join)(pkg.dir, bin);
    if (bin === null || typeof bin !== 'object')
        return null;
    const entries = Object.entries(bin).filter((entry) => typeof entry[1] === 'string');
    const wanted = binName ?? pkg.name.replace(/^@[^/]+\//, '');
    const named = entries.find(([key]) => key === wanted);
    if (named)
        return (0,external_node_path_.join)(pkg.dir, named[1]);
    return entries.length === 1 && entries[0] ? (0,external_node_path_.join)(pkg.dir, entries[0][1]) : null;
}
/** The major version number of a semver string ('5.1.1' -> 5), or null. */
function majorVersion(version) {
    const match = version === null ? null : /^(\d+)\./.exec(version);
    return match?.[1] === undefined ? null : Number(match[1]);
}

;// CONCATENATED MODULE: ./src/scope/package-manager.ts
const MANAGERS = ['npm', 'pnpm', 'yarn', 'bun'];
/** Lockfiles in order of precedence when several are present. */
const LOCKFILES = [
    { file: 'pnpm-lock.yaml', manager: 'pnpm' },
    { file: 'yarn.lock', manager: 'yarn' },
    { file: 'bun.lock', manager: 'bun' },
    { file: 'bun.lockb', manager: 'bun' },
    { file: 'package-lock.json', manager: 'npm' },
    { file: 'npm-shrinkwrap.json', manager: 'npm' },
];
/** The manager named by a package.json `packageManager` value such as 'pnpm@9.1.0+sha...', if known. */
function managerFromField(field) {
    if (typeof field !== 'string')
        return null;
    const name = field.trim().split('@')[0]?.toLowerCase();
    return MANAGERS.find((manager) => manager === name) ?? null;
}
/**
 * @param packageManagerField the root package.json `packageManager` value (e.g. 'pnpm@9.1.0+sha...')
 * @param rootEntries names of the files in the repository root
 */
function detectPackageManager(packageManagerField, rootEntries, hasPnpmWorkspace = false) {
    const named = managerFromField(packageManagerField);
    if (named)
        return { packageManager: named, source: 'packageManager field' };
    const lockfile = LOCKFILES.find((entry) => rootEntries.has(entry.file));
    if (lockfile)
        return { packageManager: lockfile.manager, source: lockfile.file };
    if (hasPnpmWorkspace)
        return { packageManager: 'pnpm', source: 'pnpm-workspace.yaml' };
    return { packageManager: 'npm', source: 'default' };
}

;// CONCATENATED MODULE: ./src/runners/package-manager.ts
/**
 * Which package manager a repository uses: the `packageManager` field of the nearest package.json
 * that has one, else the lockfile found nearest the package (up to the checkout root), else npm.
 */




async function package_manager_detectPackageManager(checkoutDir, packageDir) {
    const dirs = ancestorsWithin(checkoutDir, packageDir);
    for (const dir of dirs) {
        const named = managerFromField((await readJsonObject((0,external_node_path_.join)(dir, 'package.json')))?.packageManager);
        if (named)
            return named;
    }
    for (const dir of dirs) {
        for (const { file, manager } of LOCKFILES) {
            if (await exists((0,external_node_path_.join)(dir, file)))
                return manager;
        }
    }
    return 'npm';
}
/** packageDir, its parents, up to and including checkoutDir (just packageDir when it is outside). */
function ancestorsWithin(checkoutDir, packageDir) {
    const root = (0,external_node_path_.resolve)(checkoutDir);
    let dir = (0,external_node_path_.resolve)(packageDir);
    if ((0,external_node_path_.relative)(root, dir).startsWith('..'))
        return [dir];
    const dirs = [dir];
    while (dir !== root) {
        const parent = (0,external_node_path_.dirname)(dir);
        if (parent === dir)
            break;
        dir = parent;
        dirs.push(dir);
    }
    return dirs;
}
async function exists(file) {
    return (0,promises_.access)(file).then(() => true, () => false);
}

;// CONCATENATED MODULE: ./src/runners/paths.ts
/**
 * Path conversions between the repository-relative POSIX paths of the contracts and the absolute
 * paths the runners take and report. Runners may report real paths (symlinks resolved) while the
 * checkout was given through a symlink, so both spellings of the checkout are tried.
 */



/** Absolute path of a repository-relative POSIX path ('' is the checkout itself). */
function absoluteIn(checkoutDir, repoPath) {
    return repoPath === '' ? checkoutDir : (0,external_node_path_.join)(checkoutDir, ...repoPath.split('/'));
}
/** The POSIX form of a relative path. */
function toPosix(path) {
    return external_node_path_.sep === '/' ? path : path.split(external_node_path_.sep).join('/');
}
/** Repository-relative POSIX path of an absolute path, or null when it lies outside the checkout. */
function repoRelative(checkoutDir, absolutePath) {
    if (!(0,external_node_path_.isAbsolute)(absolutePath))
        return null;
    for (const root of checkoutSpellings(checkoutDir)) {
        const rel = (0,external_node_path_.relative)(root, absolutePath);
        if (rel !== '' && !rel.startsWith('..') && !(0,external_node_path_.isAbsolute)(rel))
            return toPosix(rel);
    }
    return null;
}
/** Path of a repository-relative POSIX path relative to a package directory ('' for the root). */
function packageRelative(packageRelDir, repoPath) {
    if (packageRelDir === '')
        return repoPath;
    const prefix = `${packageRelDir}/`;
    return repoPath.startsWith(prefix) ? repoPath.slice(prefix.length) : null;
}
/** The module's path relative to the package directory; modules outside the package are refused. */
function moduleInPackage(module, relDir, packageLabel) {
    const inside = packageRelative(relDir, module);
    if (inside === null || inside === '') {
        throw new errors/* TestRunnerError */.xR(`${module} is not inside ${packageLabel}: measure each module with the package that contains it`);
    }
    return inside;
}
function packageLabelOf(relDir) {
    return relDir === '' ? 'the root package' : relDir;
}
function checkoutSpellings(checkoutDir) {
    let real = checkoutDir;
    try {
        real = (0,external_node_fs_.realpathSync)(checkoutDir);
    }
    catch {
        // A checkout that does not exist (any more) has only the spelling it was given.
    }
    return real === checkoutDir ? [checkoutDir] : [checkoutDir, real];
}

;// CONCATENATED MODULE: ./src/runners/detect.ts
/**
 * Describes one package of a checkout (the root or a workspace member): its test framework, the
 * installed version and the runner's JS entry, found in the project's own node_modules from the
 * package directory upward. A framework the package declares but that is not installed is an error
 * (measuring needs the project installed); a package with no framework is not.
 */







/**
 * @param checkoutDir absolute directory of the checkout
 * @param relDir repository-relative POSIX directory of the package ('' for the root)
 */
async function detectPackage(checkoutDir, relDir, options = {}) {
    const packageDir = absoluteIn(checkoutDir, relDir);
    const manifestPath = external_node_path_.posix.join(relDir, 'package.json');
    const manifest = await readManifest(absoluteIn(checkoutDir, manifestPath), manifestPath);
    const label = packageLabelOf(relDir);
    const signals = await readFrameworkSignals(packageDir, manifest);
    const framework = options.framework ?? chooseFramework(signals, label);
    const packageManager = await package_manager_detectPackageManager(checkoutDir, packageDir);
    const base = {
        relDir,
        name: typeof manifest.name === 'string' ? manifest.name : null,
        framework,
        packageManager,
        moduleType: manifest.type === 'module' ? 'module' : 'commonjs',
    };
    if (framework === null)
        return { ...base, frameworkVersion: null, runnerEntry: null };
    const installed = await findInstalledPackage(packageDir, framework);
    if (installed === null) {
        throw new errors/* TestRunnerError */.xR(`${notInstalledSubject(framework, signals, manifestPath, label)} but not installed: run your package manager's install before testmaster`);
    }
    const runnerEntry = binEntry(installed, framework);
    if (runnerEntry === null) {
        throw new errors/* TestRunnerError */.xR(`the ${framework} installed at ${installed.dir} declares no command (bin): reinstall ${framework} with your package manager`);
    }
    return { ...base, frameworkVersion: installed.version, runnerEntry };
}
async function readManifest(file, manifestPath) {
    const read = await readJsonFile(file);
    if (read.kind === 'missing') {
        throw new errors/* ConfigurationError */.j1(`no readable ${manifestPath}: point testmaster at a package directory that has a package.json`);
    }
    if (read.kind === 'invalid')
        throw new errors/* ConfigurationError */.j1(`${manifestPath} is not valid JSON (${read.reason}): fix it and rerun`);
    if (read.kind === 'not-object')
        throw new errors/* ConfigurationError */.j1(`${manifestPath} does not hold a JSON object: fix it and rerun`);
    return read.value;
}
function notInstalledSubject(framework, signals, manifestPath, label) {
    if (signals.listed.has(framework))
        return `${framework} is listed in ${manifestPath}`;
    const configs = signals.configs.get(framework);
    if (configs !== undefined)
        return `${framework} is configured in ${label} (${configs.join(', ')})`;
    return `${framework} is the framework chosen for ${label}`;
}

// EXTERNAL MODULE: ./node_modules/picomatch/index.js
var picomatch = __webpack_require__(4006);
var picomatch_default = /*#__PURE__*/__webpack_require__.n(picomatch);
;// CONCATENATED MODULE: ./src/scope/select-modules.ts
/**
 * PURE. Chooses, among changed files, the JS/TS source modules to measure: include/exclude globs
 * from the configuration plus the default excludes. Every file not chosen gets a reason.
 */


const compile = (glob) => picomatch_default()(glob, { dot: true });
/** The source extension of a path ('.ts', '.mjs'...) or null. */
function sourceExtension(path) {
    const base = path.slice(path.lastIndexOf('/') + 1);
    const dot = base.lastIndexOf('.');
    if (dot <= 0)
        return null;
    const ext = base.slice(dot).toLowerCase();
    return SOURCE_EXTENSIONS.includes(ext) ? ext : null;
}
/** Builds a reusable selector; `reasonFor` returns null for a selected path, else why it is not. */
function createModuleFilter(options = {}) {
    const include = (options.include ?? []).map((glob) => ({ glob, match: compile(glob) }));
    const exclude = (options.exclude ?? []).map((glob) => ({ glob, match: compile(glob) }));
    const defaults = options.defaultExcludes === false
        ? []
        : DEFAULT_EXCLUDE_CATEGORIES.map((category) => ({ label: category.label, match: picomatch_default()([...category.globs], { dot: true }) }));
    return {
        reasonFor(path) {
            if (sourceExtension(path) === null)
                return 'not a JS/TS source';
            const excluded = exclude.find((entry) => entry.match(path));
            if (excluded)
                return `excluded by pattern ${excluded.glob}`;
            if (include.length > 0 && !include.some((entry) => entry.match(path))) {
                return `not matched by include patterns (${include.map((entry) => entry.glob).join(', ')})`;
            }
            const category = defaults.find((entry) => entry.match(path));
            if (category)
                return `excluded by default: ${category.label}`;
            return null;
        },
    };
}
/** Splits changed files into selected modules and skipped files with reasons; keeps input order. */
function selectModules(files, options = {}) {
    const filter = createModuleFilter(options);
    const selected = [];
    const skipped = [];
    for (const file of files) {
        const reason = filter.reasonFor(file.path);
        if (reason === null)
            selected.push(file);
        else
            skipped.push({ path: file.path, reason });
    }
    return { selected, skipped };
}

;// CONCATENATED MODULE: ./src/scope/owning-package.ts
/** PURE. The deepest package directory that contains a file. */
/**
 * @param packageDirs repository-relative POSIX package directories ('' for the root)
 * @param filePath repository-relative POSIX path
 * @returns the deepest directory containing filePath; '' (the root) when no member does
 */
function owningPackage(packageDirs, filePath) {
    let best = '';
    for (const dir of packageDirs) {
        if (dir === '' || dir.length <= best.length)
            continue;
        if (filePath.startsWith(`${dir}/`))
            best = dir;
    }
    return best;
}

;// CONCATENATED MODULE: ./src/scope/workspaces.ts
/**
 * The packages of a repository: the root package and the workspace members declared by npm/yarn/bun
 * (`workspaces` in package.json) or pnpm (pnpm-workspace.yaml), plus the package manager. Reads
 * files only; globs are expanded with picomatch over a directory walk that skips node_modules.
 */








/** Limits of the directory walk that expands workspace globs. */
const MAX_WALK_DEPTH = 12;
const MAX_WALK_DIRS = 50_000;
const SKIPPED_DIRS = new Set(['node_modules', '.git']);
async function workspaces_readManifest(file, strict) {
    const read = await readJsonFile(file);
    if (read.kind === 'missing')
        return null;
    if (read.kind === 'object')
        return read.value;
    if (read.kind === 'invalid' && strict)
        throw new errors/* ConfigurationError */.j1(`${file} is not valid JSON (${read.reason}); fix the file and retry`);
    return {};
}
const stringList = (value) => (Array.isArray(value) ? value.filter((item) => typeof item === 'string') : []);
/** Workspace globs from package.json `workspaces` (array, or yarn's `{ packages }`). */
function manifestWorkspaceGlobs(manifest) {
    const workspaces = manifest?.workspaces;
    if (Array.isArray(workspaces))
        return stringList(workspaces);
    if (workspaces !== null && typeof workspaces === 'object')
        return stringList(workspaces.packages);
    return [];
}
async function pnpmWorkspaceGlobs(rootDir) {
    const file = external_node_path_default().join(rootDir, 'pnpm-workspace.yaml');
    let text;
    try {
        text = await (0,promises_.readFile)(file, 'utf8');
    }
    catch {
        return null;
    }
    try {
        const value = (0,dist/* parse */.qg)(text);
        return value !== null && typeof value === 'object' ? stringList(value.packages) : [];
    }
    catch (error) {
        throw new errors/* ConfigurationError */.j1(`${file} is not valid YAML (${error instanceof Error ? error.message : String(error)}); fix the file and retry`);
    }
}
/** './packages/*\/' -> 'packages/*'; '!./x' -> '!x'. */
function normaliseGlob(glob) {
    const negated = glob.startsWith('!');
    let body = (negated ? glob.slice(1) : glob).trim().replace(/\\/g, '/');
    while (body.startsWith('./'))
        body = body.slice(2);
    body = body.replace(/\/+$/, '');
    return `${negated ? '!' : ''}${body}`;
}
/** Directories (relative, POSIX) under rootDir that contain a package.json and match the globs. */
async function expandWorkspaceGlobs(rootDir, globs) {
    const normalised = globs.map(normaliseGlob).filter((glob) => glob !== '' && glob !== '!');
    const positive = normalised.filter((glob) => !glob.startsWith('!'));
    const negative = normalised.filter((glob) => glob.startsWith('!')).map((glob) => glob.slice(1));
    if (positive.length === 0)
        return [];
    const include = picomatch_default()(positive, { dot: true });
    const exclude = negative.length > 0 ? picomatch_default()(negative, { dot: true }) : () => false;
    const starts = new Map();
    for (const glob of positive) {
        const scan = picomatch_default().scan(glob);
        const base = scan.isGlob ? scan.base : glob;
        if (base.split('/').includes('..'))
            continue;
        const depth = !scan.isGlob ? 0 : glob.includes('**') ? MAX_WALK_DEPTH : scan.glob.split('/').length;
        starts.set(base, Math.max(depth, starts.get(base) ?? 0));
    }
    const found = new Set();
    let visited = 0;
    const walk = async (relDir, depthLeft) => {
        if (visited++ > MAX_WALK_DIRS)
            return;
        let entries;
        try {
            entries = await (0,promises_.readdir)(external_node_path_default().join(rootDir, relDir), { withFileTypes: true });
        }
        catch {
            return;
        }
        if (relDir !== '' && entries.some((entry) => entry.name === 'package.json' && entry.isFile()) && include(relDir) && !exclude(relDir)) {
            found.add(relDir);
        }
        if (depthLeft <= 0)
            return;
        for (const entry of entries) {
            if (!entry.isDirectory() || SKIPPED_DIRS.has(entry.name))
                continue;
            await walk(relDir === '' ? entry.name : `${relDir}/${entry.name}`, depthLeft - 1);
        }
    };
    for (const [start, depth] of starts)
        await walk(start, depth);
    return [...found].sort();
}
/** Finds the packages of the repository rooted at rootDir. */
async function discoverPackages(rootDir) {
    const rootManifest = await workspaces_readManifest(external_node_path_default().join(rootDir, 'package.json'), true);
    const pnpmGlobs = await pnpmWorkspaceGlobs(rootDir);
    const workspaceSource = pnpmGlobs !== null ? 'pnpm-workspace.yaml' : manifestWorkspaceGlobs(rootManifest).length > 0 ? 'package.json' : null;
    const workspaceGlobs = pnpmGlobs ?? manifestWorkspaceGlobs(rootManifest);
    const memberDirs = await expandWorkspaceGlobs(rootDir, workspaceGlobs);
    const packages = [];
    if (rootManifest !== null)
        packages.push({ relDir: '', name: nameOf(rootManifest) });
    for (const relDir of memberDirs) {
        const manifest = await workspaces_readManifest(external_node_path_default().join(rootDir, relDir, 'package.json'), false);
        packages.push({ relDir, name: nameOf(manifest) });
    }
    const rootEntries = await (0,promises_.readdir)(rootDir).catch(() => []);
    const manager = detectPackageManager(rootManifest?.packageManager, new Set(rootEntries), pnpmGlobs !== null);
    const packageDirs = packages.map((pkg) => pkg.relDir);
    return {
        rootDir,
        packages,
        packageDirs,
        workspaceGlobs,
        workspaceSource,
        packageManager: manager.packageManager,
        packageManagerSource: manager.source,
        owningPackage: (filePath) => owningPackage(packageDirs, filePath),
    };
}
function nameOf(manifest) {
    return typeof manifest?.name === 'string' && manifest.name.length > 0 ? manifest.name : null;
}

;// CONCATENATED MODULE: ./src/pipeline/module-plan.ts
/** Groups modules by owning package, in a stable order. */
function groupByPackage(modules) {
    const groups = new Map();
    for (const module of modules) {
        const list = groups.get(module.pkg.relDir) ?? [];
        list.push(module);
        groups.set(module.pkg.relDir, list);
    }
    return new Map([...groups.entries()].sort(([a], [b]) => a.localeCompare(b)));
}

;// CONCATENATED MODULE: ./src/pipeline/plan-modules.ts





/** A package's test setup, or why it cannot be used: one broken package must not stop the others. */
async function detectOrExplain(checkoutDir, relDir, config) {
    try {
        return await detectPackage(checkoutDir, relDir, { framework: config.framework === 'auto' ? null : config.framework });
    }
    catch (error) {
        if (!(0,errors/* isTestMasterError */.z8)(error))
            throw error;
        return { error: (0,errors/* oneLineMessage */.Wg)(error) };
    }
}
async function planModules(headDir, changed, config) {
    const selection = selectModules(changed, { include: config.include, exclude: config.exclude });
    const skipped = [...selection.skipped];
    const workspace = await discoverPackages(headDir);
    const packages = new Map();
    const modules = [];
    // Most changed lines first, so a max-modules cap keeps the modules that matter most.
    const ordered = [...selection.selected].sort((a, b) => b.changedLines.length - a.changedLines.length || a.path.localeCompare(b.path));
    for (const file of ordered) {
        const relDir = workspace.owningPackage(file.path);
        let pkg = packages.get(relDir);
        if (!pkg) {
            pkg = await detectOrExplain(headDir, relDir, config);
            packages.set(relDir, pkg);
        }
        if ('error' in pkg) {
            skipped.push({ path: file.path, reason: pkg.error });
        }
        else if (pkg.framework === null) {
            skipped.push({ path: file.path, reason: `no Vitest or Jest set up for package "${relDir || '.'}"` });
        }
        else if (modules.length >= config.maxModules) {
            skipped.push({ path: file.path, reason: `over max-modules (${config.maxModules}); raise it to measure more` });
        }
        else {
            modules.push({ file, pkg });
        }
    }
    modules.sort((a, b) => a.file.path.localeCompare(b.file.path));
    const targets = [...groupByPackage(modules).values()].map((group) => ({
        pkg: group[0].pkg,
        modules: group.map((m) => m.file.path),
    }));
    return { modules, skipped, targets, packageDirs: workspace.packageDirs };
}

;// CONCATENATED MODULE: ./src/runners/glob-escape.ts
/**
 * Turns a literal POSIX path into a glob that matches only that path, for runner options that take
 * globs (Vitest's coverage.include and --exclude, Jest's collectCoverageFrom). Works for picomatch,
 * micromatch and minimatch, which all treat a backslash as an escape.
 */
const GLOB_SPECIAL = /[\\*?[\]{}()!+@|^$]/g;
function escapeGlob(path) {
    return path.replace(GLOB_SPECIAL, (char) => `\\${char}`);
}

;// CONCATENATED MODULE: ./src/runners/jest-args.ts
function jestArgs(input) {
    const coverage = input.collectCoverageFrom.length === 0
        ? ['--coverage=false']
        : [
            '--coverage',
            '--coverageReporters=json',
            `--coverageDirectory=${input.coverageDir}`,
            ...input.collectCoverageFrom.map((pattern) => `--collectCoverageFrom=${pattern}`),
        ];
    const selection = input.selection.kind === 'related'
        ? ['--findRelatedTests', ...input.selection.modules]
        : ['--runTestsByPath', ...input.selection.files];
    return [
        '--ci',
        ...coverage,
        '--json',
        `--outputFile=${input.resultsFile}`,
        '--watchman=false',
        `--cacheDirectory=${input.cacheDir}`,
        '--passWithNoTests',
        '--forceExit',
        ...(input.testNamePattern === undefined ? [] : [`--testNamePattern=${input.testNamePattern}`]),
        ...selection,
    ];
}
/** Arguments that print the resolved configuration (rootDir of each project) without running tests. */
function jestShowConfigArgs(cacheDir) {
    return ['--showConfig', '--watchman=false', `--cacheDirectory=${cacheDir}`];
}
/** Arguments that list the test files of the configuration as JSON, without running them. */
function jestListTestsArgs(cacheDir) {
    return ['--listTests', '--json', '--watchman=false', `--cacheDirectory=${cacheDir}`];
}

;// CONCATENATED MODULE: ./src/runners/runner-cache.ts
/**
 * Where the test runners keep their caches (Jest's transform and haste-map cache): one directory per
 * user outside every checkout, passed to the runner explicitly so that a repository's own setting
 * (often inside the repository) cannot make it write there. In a namespace sandbox the same path is a
 * directory of the run, writable by all of its processes and removed at its end.
 */


function runnerCacheDir() {
    const uid = process.getuid?.() ?? 'user';
    return external_node_path_default().join((0,external_node_os_.tmpdir)(), `testmaster-runner-cache-${uid}`);
}

;// CONCATENATED MODULE: ./src/runners/jest-style-results.ts
/**
 * Reads the Jest-compatible JSON report that both Jest (`--json`) and Vitest (`--reporter=json`)
 * write: testResults[] per test file, each with assertionResults[] per test case. Pure.
 *
 * A test file that failed outside its test cases (it did not load, a hook threw) gets one extra
 * failed case named FILE_LEVEL_CASE_NAME carrying the file's error, so the failure is never lost.
 */

const FILE_LEVEL_CASE_NAME = '(test file)';
/** Null when `report` does not have the shape of a Jest-style report (no testResults array). */
function parseJestStyleResults(report, checkoutDir) {
    if (!jest_style_results_isRecord(report) || !Array.isArray(report.testResults))
        return null;
    const cases = [];
    const testFiles = [];
    for (const fileResult of report.testResults) {
        if (!jest_style_results_isRecord(fileResult) || typeof fileResult.name !== 'string')
            continue;
        const file = repoRelative(checkoutDir, fileResult.name) ?? toPosix(fileResult.name);
        if (!testFiles.includes(file))
            testFiles.push(file);
        const assertions = Array.isArray(fileResult.assertionResults) ? fileResult.assertionResults.filter(jest_style_results_isRecord) : [];
        const fileCases = assertions.map((assertion) => toCase(file, assertion));
        cases.push(...fileCases);
        const message = cleanMessage(typeof fileResult.message === 'string' ? fileResult.message : '');
        const failedOutsideCases = fileResult.status === 'failed' && !fileCases.some((testCase) => testCase.status === 'failed');
        if (failedOutsideCases) {
            cases.push({
                file,
                name: FILE_LEVEL_CASE_NAME,
                status: 'failed',
                durationMs: null,
                failureMessage: message === '' ? 'the test file failed without a message' : message,
            });
        }
    }
    return { cases, testFiles };
}
function toCase(file, assertion) {
    const ancestors = Array.isArray(assertion.ancestorTitles)
        ? assertion.ancestorTitles.filter((title) => typeof title === 'string' && title !== '')
        : [];
    const title = typeof assertion.title === 'string' ? assertion.title : String(assertion.fullName ?? '');
    const status = caseStatus(assertion.status);
    const messages = Array.isArray(assertion.failureMessages)
        ? assertion.failureMessages.filter((message) => typeof message === 'string')
        : [];
    const failureMessage = cleanMessage(messages.join('\n\n'));
    return {
        file,
        name: [...ancestors, title].join(' > '),
        status,
        durationMs: typeof assertion.duration === 'number' && Number.isFinite(assertion.duration) ? assertion.duration : null,
        failureMessage: status === 'failed' ? failureMessage || 'the test failed without a message' : null,
    };
}
function caseStatus(status) {
    if (status === 'passed')
        return 'passed';
    if (status === 'failed')
        return 'failed';
    return 'skipped'; // pending, skipped, todo, disabled, focused-out
}
const ANSI_ESCAPE = /\u001b\[[0-9;?]*[A-Za-z]/g;
function stripAnsi(text) {
    return text.replace(ANSI_ESCAPE, '');
}
function cleanMessage(text) {
    return stripAnsi(text).trim();
}
function jest_style_results_isRecord(value) {
    return value !== null && typeof value === 'object' && !Array.isArray(value);
}

;// CONCATENATED MODULE: ./src/guard/tamper-messages.ts
/** A few paths, then how many more. */
function listPaths(paths, max = 5) {
    const shown = paths.slice(0, max).join(', ');
    return paths.length > max ? `${shown} and ${paths.length - max} more` : shown;
}
/** The warning when a test process changed the git directory (it was put back). */
function gitDirRestoredWarning(paths) {
    return `a test process changed the git directory (${listPaths(paths)}): TestMaster put it back as it was before any further git command, and discarded the results of every test process running at the time; nothing to restore by hand, but a test must not write to .git`;
}
/** The one-line error of a runner whose results are discarded because the git directory changed while it ran. */
function tamperedRunMessage(subject, paths) {
    return `${subject} ran while the git directory was changed (${listPaths(paths)}): the change was undone and its results were discarded; a test must not write to .git`;
}
/**
 * The warning when the checkout changed while repository code ran: `who` ran ("the existing tests at
 * the head"), `discarded` says which results were thrown away.
 */
function treeChangedWarning(who, changes, discarded) {
    const paths = changes.map((change) => change.path);
    const dependencies = paths.filter((file) => isDependency(file));
    const others = paths.filter((file) => !isDependency(file));
    const advice = [];
    if (dependencies.length > 0)
        advice.push('reinstall the dependencies (e.g. npm ci): TestMaster cannot restore node_modules');
    if (others.length > 0)
        advice.push(`restore ${dependencies.length > 0 ? 'the other files' : 'them'} (git checkout -- <path> for tracked files; untracked and ignored files such as .env or dist/ by hand)`);
    return `${who} changed ${paths.length} file(s) in the working tree outside their own output (${listPaths(paths)}): ${discarded}; ${advice.join('; ')}`;
}
function isDependency(file) {
    return file === 'node_modules' || file.startsWith('node_modules/') || file.includes('/node_modules/');
}

;// CONCATENATED MODULE: ./src/runners/runner-process.ts
/**
 * Runs a test runner's JS entry with node through the Executor and reads what it wrote: the
 * Jest-style results file and Istanbul's coverage-final.json. Failing tests are results, not errors;
 * a runner that timed out, was cancelled, or wrote no readable results is a TestRunnerError whose
 * message quotes the first meaningful lines it printed; so is one that ran while the git directory was
 * changed (its results are discarded: a candidate is dropped, a measurement fails with that reason).
 */




const MAX_QUOTED_LINES = 6;
async function invokeRunner(exec, invocation) {
    const result = await runNode(exec, invocation, invocation.args);
    const report = await readJson(invocation.resultsFile);
    const parsed = report === undefined ? noTestsFound(result) : parseJestStyleResults(report, invocation.checkoutDir);
    if (parsed === null)
        throw crashError(invocation, result);
    const coverage = await readCoverage(invocation.coverageFile);
    return { parsed, coverage, exec: result };
}
/** The modules or files a selection names; an empty selection is a caller's mistake, not "run everything". */
function selectedPaths(selection, packageLabel) {
    const paths = selection.kind === 'related' ? selection.modules : selection.files;
    if (paths.length === 0) {
        const what = selection.kind === 'related' ? 'modules' : 'test files';
        throw new errors/* TestRunnerError */.xR(`nothing to run in ${packageLabel}: the test selection names no ${what}; select at least one`);
    }
    return paths;
}
/** Runs `node <runnerEntry> ...args`; throws on timeout, cancellation, or when the guard says the git directory changed while it ran. */
async function runNode(exec, invocation, args) {
    const result = await exec({
        command: 'node',
        args: [invocation.runnerEntry, ...args],
        cwd: invocation.cwd,
        readPaths: [invocation.checkoutDir],
        writePaths: [invocation.outputDir, ...(invocation.writableDirs ?? [])],
        timeoutMs: invocation.timeoutMs,
        ...(invocation.signal === undefined ? {} : { signal: invocation.signal }),
    });
    const subject = `${invocation.framework} in ${invocation.packageLabel}`;
    if (result.tampered !== undefined && result.tampered.length > 0)
        throw new errors/* TestRunnerError */.xR(tamperedRunMessage(subject, result.tampered));
    if (result.aborted)
        throw new errors/* TestRunnerError */.xR(`${subject} was cancelled before it finished`);
    if (result.timedOut) {
        throw new errors/* TestRunnerError */.xR(`${subject} did not finish within ${Number((invocation.timeoutMs / 1000).toFixed(1))} s and was stopped: raise the test timeout or look for a test that hangs`);
    }
    return result;
}
/**
 * Empty results for a run that found no test to run and said so (with --passWithNoTests Vitest 1
 * exits 0 without writing its report); null otherwise.
 */
function noTestsFound(result) {
    const said = /\bNo test files found\b|\bNo tests found\b/i.test(`${result.stdout}\n${result.stderr}`);
    return result.exitCode === 0 && said ? { cases: [], testFiles: [] } : null;
}
/** The error for a runner that ended without usable results. */
function crashError(invocation, result) {
    const lines = meaningfulLines(result.stderr);
    const quoted = (lines.length > 0 ? lines : meaningfulLines(result.stdout)).slice(0, MAX_QUOTED_LINES);
    const how = result.exitCode !== null ? `exit code ${result.exitCode}` : `signal ${result.signal ?? 'unknown'}`;
    const said = quoted.length > 0 ? `: ${quoted.join(' | ')}` : ' and printed nothing';
    return new errors/* TestRunnerError */.xR(`${invocation.framework} in ${invocation.packageLabel} stopped (${how}) without writing test results${said}; run ${invocation.framework} yourself in ${invocation.cwd} to see the full output`);
}
/** Lines worth quoting from a runner's output: no blanks, no Node warnings, no banners or progress. */
function meaningfulLines(text) {
    return stripAnsi(text)
        .split(/\r?\n/)
        .map((line) => line.trim())
        .filter((line) => line !== '' && !NOISE.some((pattern) => pattern.test(line)));
}
const NOISE = [
    /^\(node:\d+\) \[?\w*\]? ?Warning:/, // (node:123) Warning: ... / [DEP0040] DeprecationWarning
    /^\(node:\d+\)/,
    /^\(Use `node --trace-/,
    /^RUN\s+v\d/, // vitest banner
    /^JSON report written to /,
    /^Test results written to: /,
    /^[⎯─━-]{3,}/, // separators
    /^Determining test suites to run/,
    /^Force exiting Jest/,
    /^at\s/, // stack frames
    /^[│╭╰├┬┴╯╮─]/, // code frames drawn with box characters
];
async function readJson(file) {
    const read = await readJsonFile(file);
    return read.kind === 'object' || read.kind === 'not-object' ? read.value : undefined;
}
/** Istanbul coverage map data from coverage-final.json; {} when the runner wrote none. */
async function readCoverage(file) {
    const read = await readJsonFile(file);
    if (read.kind === 'missing')
        return {};
    if (read.kind === 'invalid')
        throw new errors/* CoverageError */.Hm(`the coverage report ${file} is not valid JSON (${read.reason}): rerun the measurement`);
    if (read.kind === 'not-object')
        throw new errors/* CoverageError */.Hm(`the coverage report ${file} does not hold a coverage map: rerun the measurement`);
    return read.value;
}

;// CONCATENATED MODULE: ./src/runners/jest-adapter.ts
/**
 * RunnerAdapter for Jest (29, 30): runs the project's own Jest with node in the package directory
 * (never through npm scripts) and returns per-case results and the coverage of exactly the requested
 * modules. collectCoverageFrom is relative to Jest's rootDir, which a config may move, so the
 * resolved config is read first (`--showConfig`, which also surfaces a broken config early).
 */







function createJestAdapter() {
    return { framework: 'jest', run: runJest };
}
async function runJest(request, exec) {
    const { pkg, checkoutDir } = request;
    const packageDir = absoluteIn(checkoutDir, pkg.relDir);
    const packageLabel = packageLabelOf(pkg.relDir);
    if (pkg.runnerEntry === null) {
        throw new errors/* TestRunnerError */.xR(`no jest entry is known for ${packageLabel}: detect the package (detectPackage) before running it`);
    }
    const paths = selectedPaths(request.selection, packageLabel);
    const coverageDir = (0,external_node_path_.join)(request.outputDir, 'coverage');
    const invocation = {
        framework: 'jest',
        packageLabel,
        runnerEntry: pkg.runnerEntry,
        args: [],
        cwd: packageDir,
        checkoutDir,
        outputDir: request.outputDir,
        ...(request.writableDirs === undefined ? {} : { writableDirs: request.writableDirs }),
        resultsFile: (0,external_node_path_.join)(request.outputDir, 'jest-results.json'),
        coverageFile: (0,external_node_path_.join)(coverageDir, 'coverage-final.json'),
        timeoutMs: request.timeoutMs,
        ...(request.signal === undefined ? {} : { signal: request.signal }),
    };
    const modules = request.coverageFor.map((module) => absoluteIn(checkoutDir, module));
    const rootDirs = modules.length > 0 ? await readRootDirs(exec, invocation) : [];
    const absolute = paths.map((path) => absoluteIn(checkoutDir, path));
    const args = jestArgs({
        selection: request.selection.kind === 'related' ? { kind: 'related', modules: absolute } : { kind: 'files', files: absolute },
        collectCoverageFrom: coveragePatterns(modules, rootDirs),
        coverageDir,
        resultsFile: invocation.resultsFile,
        cacheDir: runnerCacheDir(),
        ...(request.testNamePattern === undefined ? {} : { testNamePattern: request.testNamePattern }),
    });
    const outcome = await invokeRunner(exec, { ...invocation, args });
    const coverage = request.selection.kind === 'related' && outcome.parsed.testFiles.length === 0 && modules.length > 0
        ? await zeroHitCoverage(exec, invocation, coveragePatterns(modules, rootDirs), coverageDir)
        : outcome.coverage;
    return { cases: outcome.parsed.cases, coverage, testFiles: outcome.parsed.testFiles, exec: outcome.exec };
}
/**
 * Jest writes no coverage at all when no test runs, so a module that no test relates to would have no
 * line data. Running any one test file of the package (unrelated to the modules, so their hits stay
 * at zero) makes Jest report the requested modules as untested, with their real statement maps.
 */
async function zeroHitCoverage(exec, invocation, collectCoverageFrom, coverageDir) {
    const listed = await runNode(exec, invocation, jestListTestsArgs(runnerCacheDir()));
    const start = listed.stdout.indexOf('[');
    let tests = [];
    try {
        tests = start === -1 ? [] : JSON.parse(listed.stdout.slice(start));
    }
    catch {
        tests = [];
    }
    const first = Array.isArray(tests) ? tests.find((t) => typeof t === 'string') : undefined;
    if (first === undefined)
        return {};
    const args = jestArgs({
        selection: { kind: 'files', files: [first] },
        collectCoverageFrom,
        coverageDir,
        resultsFile: `${invocation.resultsFile}.untested.json`,
        cacheDir: runnerCacheDir(),
    });
    const outcome = await invokeRunner(exec, { ...invocation, resultsFile: `${invocation.resultsFile}.untested.json`, args });
    return outcome.coverage;
}
/** The rootDir of each Jest project, from the resolved configuration. */
async function readRootDirs(exec, invocation) {
    const result = await runNode(exec, invocation, jestShowConfigArgs(runnerCacheDir()));
    const rootDirs = parseRootDirs(result.stdout);
    if (result.exitCode !== 0 || rootDirs.length === 0)
        throw crashError(invocation, result);
    return rootDirs;
}
/** rootDirs from `jest --showConfig` output ({ configs: [{ rootDir }], globalConfig }), unique. */
function parseRootDirs(stdout) {
    const start = stdout.indexOf('{');
    if (start === -1)
        return [];
    let value;
    try {
        value = JSON.parse(stdout.slice(start));
    }
    catch {
        return [];
    }
    const configs = value?.configs;
    if (!Array.isArray(configs))
        return [];
    const rootDirs = configs
        .map((config) => config?.rootDir)
        .filter((rootDir) => typeof rootDir === 'string');
    return [...new Set(rootDirs)];
}
/** One escaped pattern per module and rootDir it lies under; a module outside every rootDir gets none. */
function coveragePatterns(modules, rootDirs) {
    const patterns = new Set();
    for (const module of modules) {
        for (const rootDir of rootDirs) {
            const rel = toPosix((0,external_node_path_.relative)(rootDir, module));
            if (rel !== '' && !rel.startsWith('..'))
                patterns.add(escapeGlob(rel));
        }
    }
    return [...patterns];
}

;// CONCATENATED MODULE: ./src/runners/vitest-args.ts
/**
 * The Vitest command line for one measurement (pure). Every setting that matters is explicit, so the
 * user's config cannot turn coverage off, send it elsewhere or add watch mode:
 *
 * - `run <test files>` or `related <modules> --run`; no watch, no cache (Vitest 5 also keeps its
 *   transformed-module cache out of node_modules), --passWithNoTests.
 * - Coverage (none when no module is requested) with the installed provider, only for the requested modules (`coverage.include`, one
 *   escaped pattern per module, relative to the package), as json into `coverageDir`, also when tests
 *   fail; `coverage.all` before Vitest 4 so untested modules still appear (4+ lists every included
 *   file by itself); threshold auto-update off, so the user's config file is never rewritten.
 * - Only the json reporter, into `resultsFile`: stdout carries no progress noise.
 *
 * - `--testNamePattern=<source>` (one argument, so a pattern starting with '-' stays a value) when
 *   only some cases should run.
 *
 * Test files are CLI filters, which Vitest matches as substrings; the adapter checks which files
 * ran and reruns with `exclude` for any extra file.
 */

function vitestArgs(input) {
    const major = majorVersion(input.version) ?? 5;
    const selection = input.selection.kind === 'related' ? ['related', ...input.selection.modules, '--run'] : ['run', ...input.selection.files];
    const cache = major >= 5 ? ['--no-cache', '--no-fsModuleCache'] : ['--no-cache'];
    const coverage = input.coverageInclude.length === 0 ? ['--coverage.enabled=false'] : [
        '--coverage.enabled',
        `--coverage.provider=${input.provider}`,
        '--coverage.reporter=json',
        `--coverage.reportsDirectory=${input.coverageDir}`,
        ...input.coverageInclude.map((pattern) => `--coverage.include=${pattern}`),
        ...(major < 4 ? ['--coverage.all'] : []),
        '--coverage.reportOnFailure',
        '--coverage.thresholds.autoUpdate=false',
    ];
    return [
        ...selection,
        '--passWithNoTests',
        ...cache,
        ...coverage,
        '--reporter=json',
        `--outputFile=${input.resultsFile}`,
        ...input.exclude.map((pattern) => `--exclude=${pattern}`),
        ...(input.testNamePattern === undefined ? [] : [`--testNamePattern=${input.testNamePattern}`]),
    ];
}

;// CONCATENATED MODULE: ./src/runners/vitest-adapter.ts
/**
 * RunnerAdapter for Vitest (1 to 5): runs the project's own Vitest with node in the package
 * directory (never through npm scripts) and returns per-case results and the coverage of exactly the
 * requested modules. Exact test-file selections are verified against what ran: Vitest's file filters
 * match substrings, so any extra file is excluded by path and the run repeated once.
 */







function createVitestAdapter() {
    return { framework: 'vitest', run: runVitest };
}
async function runVitest(request, exec) {
    const { pkg, checkoutDir } = request;
    const packageDir = absoluteIn(checkoutDir, pkg.relDir);
    const packageLabel = packageLabelOf(pkg.relDir);
    const runnerEntry = pkg.runnerEntry;
    if (runnerEntry === null) {
        throw new errors/* TestRunnerError */.xR(`no vitest entry is known for ${packageLabel}: detect the package (detectPackage) before running it`);
    }
    const provider = request.coverageFor.length > 0 ? await coverageProvider(packageDir, packageLabel, pkg.frameworkVersion) : 'v8';
    const coverageInclude = request.coverageFor.map((module) => escapeGlob(moduleInPackage(module, pkg.relDir, packageLabel)));
    const absolute = selectedPaths(request.selection, packageLabel).map((path) => absoluteIn(checkoutDir, path));
    const selection = request.selection.kind === 'related' ? { kind: 'related', modules: absolute } : { kind: 'files', files: absolute };
    const attempt = async (dir, exclude) => {
        const input = {
            version: pkg.frameworkVersion,
            selection,
            provider,
            coverageInclude,
            coverageDir: (0,external_node_path_.join)(dir, 'coverage'),
            resultsFile: (0,external_node_path_.join)(dir, 'vitest-results.json'),
            exclude,
            ...(request.testNamePattern === undefined ? {} : { testNamePattern: request.testNamePattern }),
        };
        const invocation = {
            framework: 'vitest',
            packageLabel,
            runnerEntry,
            args: vitestArgs(input),
            cwd: packageDir,
            checkoutDir,
            outputDir: request.outputDir,
            ...(request.writableDirs === undefined ? {} : { writableDirs: request.writableDirs }),
            resultsFile: input.resultsFile,
            coverageFile: (0,external_node_path_.join)(input.coverageDir, 'coverage-final.json'),
            timeoutMs: request.timeoutMs,
            ...(request.signal === undefined ? {} : { signal: request.signal }),
        };
        return invokeRunner(exec, invocation);
    };
    let outcome = await attempt(request.outputDir, []);
    if (request.selection.kind === 'files') {
        const wanted = new Set(request.selection.files);
        const extra = (ran) => ran.filter((file) => !wanted.has(file));
        const first = extra(outcome.parsed.testFiles);
        if (first.length > 0) {
            const exclude = first.map((file) => escapeGlob(packageRelative(pkg.relDir, file) ?? file));
            outcome = await attempt((0,external_node_path_.join)(request.outputDir, 'narrowed'), exclude);
            const still = extra(outcome.parsed.testFiles);
            if (still.length > 0) {
                throw new errors/* TestRunnerError */.xR(`vitest in ${packageLabel} ran test files that were not asked for (${still.join(', ')}) even when told to exclude them: check the test include/exclude settings of the vitest config`);
            }
        }
    }
    return { cases: outcome.parsed.cases, coverage: outcome.coverage, testFiles: outcome.parsed.testFiles, exec: outcome.exec };
}
async function coverageProvider(packageDir, packageLabel, vitestVersion) {
    if ((await findInstalledPackage(packageDir, '@vitest/coverage-v8')) !== null)
        return 'v8';
    if ((await findInstalledPackage(packageDir, '@vitest/coverage-istanbul')) !== null)
        return 'istanbul';
    const version = vitestVersion === null ? '' : `@${vitestVersion}`;
    throw new errors/* TestRunnerError */.xR(`measuring coverage with vitest needs a coverage provider, and neither @vitest/coverage-v8 nor @vitest/coverage-istanbul is installed for ${packageLabel}: add @vitest/coverage-v8${version} to its devDependencies and install`);
}

;// CONCATENATED MODULE: ./src/runners/registry.ts


function adapterFor(framework) {
    switch (framework) {
        case 'vitest':
            return createVitestAdapter();
        case 'jest':
            return createJestAdapter();
    }
}

;// CONCATENATED MODULE: ./src/pipeline/measure-side.ts
/**
 * Effects: runs each package's test runner once (its related-tests feature, for the package's changed
 * modules, with coverage restricted to them) in a checkout, and collects normalised coverage.
 */








async function measureSide(side, checkoutDir, targets, request, deps) {
    const files = new Map();
    const failures = new Map();
    const testsByPackage = new Map();
    const failedCasesByPackage = new Map();
    const repoRoot = await (0,promises_.realpath)(checkoutDir);
    for (const { pkg, modules } of targets) {
        if (pkg.framework === null || modules.length === 0)
            continue;
        const outputDir = await makeTempDir(deps.tempRoot ?? (0,external_node_os_.tmpdir)(), `testmaster-${side}-`);
        deps.events.emit({ type: 'runner-started', side, packageDir: pkg.relDir, framework: pkg.framework, modules: modules.length });
        // Time spent inside runner processes (an adapter may start more than one), for the report and bench/.
        let runnerMs = 0;
        const exec = async (call) => {
            const result = await deps.exec({ maxOutputBytes: request.config.maxRunnerOutputKb * 1024, ...call });
            runnerMs += result.durationMs;
            return result;
        };
        try {
            const result = await adapterFor(pkg.framework).run({
                checkoutDir: repoRoot,
                pkg,
                selection: { kind: 'related', modules },
                coverageFor: modules,
                outputDir,
                timeoutMs: request.config.runnerTimeoutSeconds * 1000,
                ...(request.signal ? { signal: request.signal } : {}),
            }, exec);
            const passed = result.cases.filter((c) => c.status === 'passed').length;
            const failed = result.cases.filter((c) => c.status === 'failed').length;
            deps.events.emit({
                type: 'runner-completed',
                side,
                packageDir: pkg.relDir,
                durationMs: Math.round(runnerMs),
                passed,
                failed,
                exitCode: result.exec.exitCode,
                timedOut: result.exec.timedOut,
            });
            const { map } = normalizeCoverageMap(result.coverage, { repoRoot, runnerCwd: (0,external_node_path_.join)(repoRoot, pkg.relDir) });
            const wanted = new Set(modules);
            for (const [path, data] of Object.entries(map)) {
                if (wanted.has(path))
                    files.set(path, data);
            }
            testsByPackage.set(pkg.relDir, result.testFiles);
            failedCasesByPackage.set(pkg.relDir, failed);
            for (const path of modules) {
                const data = files.get(path);
                if (data) {
                    const { lines } = fileMetrics(data);
                    deps.events.emit({ type: 'coverage-measured', side, path, linesCovered: lines.covered, linesTotal: lines.total });
                }
            }
        }
        catch (error) {
            // A cancelled run stops here, whatever the error: it must not go on and report.
            if (!(0,errors/* isTestMasterError */.z8)(error) || request.signal?.aborted)
                throw error;
            failures.set(pkg.relDir, (0,errors/* oneLineMessage */.Wg)(error));
            deps.events.emit({ type: 'warning', message: `${side} coverage of ${pkg.relDir || 'the root package'} failed: ${(0,errors/* oneLineMessage */.Wg)(error)}` });
        }
        finally {
            await (0,promises_.rm)(outputDir, { recursive: true, force: true });
        }
    }
    return { files, failures, testsByPackage, failedCasesByPackage };
}

;// CONCATENATED MODULE: ./src/pipeline/tree-check.ts
/**
 * After a phase that ran repository code: the user's checkout, ignored files included, compared with
 * before it (the repository guard, src/guard/). A change is reported in one warning that names the
 * files, says which results were discarded and what to do; the returned reason (null when nothing
 * changed) is what the phase records in place of the discarded results.
 */

async function userTreeTampered(who, discarded, ownOutputs, deps) {
    const changes = await deps.guard.checkTree(ownOutputs);
    if (changes.length === 0)
        return null;
    deps.events.emit({ type: 'warning', message: treeChangedWarning(who, changes, discarded) });
    return `${who} changed files in the working tree (${listPaths(changes.map((change) => change.path), 3)}): ${discarded}`;
}
/** The side's figures discarded: every package measured fails with `reason` (one that already failed keeps its own). */
function discardSide(coverage, packageDirs, reason) {
    return {
        files: new Map(),
        failures: new Map([...packageDirs.map((dir) => [dir, reason]), ...coverage.failures]),
        testsByPackage: coverage.testsByPackage,
        failedCasesByPackage: coverage.failedCasesByPackage,
    };
}

;// CONCATENATED MODULE: ./src/pipeline/measure-base.ts
/**
 * Base stage: base coverage comes from a coverage file the user gives, from running the same runners
 * on the base commit in a temporary worktree, or nowhere (measure-base: false).
 */






async function measureBase(repoDir, headDir, baseCommit, plan, request, deps, 
/** Resolves when the base's tests may start (after the head's); the checkout is prepared before. */
mayRun = Promise.resolve()) {
    const { config } = request;
    if (!config.measureBase)
        return { source: 'none', coverage: null };
    if (config.baseCoverage !== null) {
        const files = await loadBaseCoverageFile(config.baseCoverage, { repoDir });
        return { source: 'file', coverage: { files, failures: new Map(), testsByPackage: new Map(), failedCasesByPackage: new Map() } };
    }
    const existing = plan.modules.filter((m) => m.file.kind !== 'added' && m.file.kind !== 'copied');
    if (existing.length === 0) {
        return { source: 'worktree', coverage: { files: new Map(), failures: new Map(), testsByPackage: new Map(), failedCasesByPackage: new Map() } };
    }
    return withWorktree(repoDir, baseCommit, async (baseDir) => {
        await linkNodeModules(headDir, baseDir, plan.packageDirs);
        await mayRun;
        const targets = [];
        // A package whose tests cannot run at the base (e.g. its runner was set up by this change) has no base figures.
        const unusable = new Map();
        for (const target of plan.targets) {
            // A file moved here from another package has no base figures in this one.
            const inPackage = (path) => target.pkg.relDir === '' || path.startsWith(`${target.pkg.relDir}/`);
            const modules = existing
                .filter((m) => m.pkg.relDir === target.pkg.relDir)
                .map((m) => m.file.previousPath ?? m.file.path)
                .filter(inPackage);
            if (modules.length === 0)
                continue;
            const pkg = await detectOrExplain(baseDir, target.pkg.relDir, config);
            if ('error' in pkg)
                unusable.set(target.pkg.relDir, `at the base: ${pkg.error}`);
            else if (pkg.framework === null)
                unusable.set(target.pkg.relDir, 'no Vitest or Jest set up at the base');
            else
                targets.push({ pkg, modules });
        }
        const measured = await measureSide('base', baseDir, targets, request, deps);
        // The worktree's node_modules are the user's (linked): the tests can change the user's checkout.
        const tampered = await userTreeTampered('the existing tests at the base', 'the base coverage was discarded', request.ownOutputs ?? [], deps);
        const coverage = tampered === null ? measured : discardSide(measured, targets.map((target) => target.pkg.relDir), tampered);
        return { source: 'worktree', coverage: { ...coverage, failures: new Map([...coverage.failures, ...unusable]) } };
    }, worktreeOptions(deps));
}

;// CONCATENATED MODULE: ./src/pipeline/measure-head.ts


async function measure_head_measureHead(checkout, targets, request, deps) {
    const coverage = await measureSide('head', checkout.dir, targets, request, deps);
    const tampered = await userTreeTampered('the existing tests at the head', 'the head coverage was discarded', request.ownOutputs ?? [], deps);
    return tampered === null ? coverage : discardSide(coverage, targets.map((target) => target.pkg.relDir), tampered);
}

;// CONCATENATED MODULE: ./src/git/working-tree-snapshot.ts
/**
 * One `git status` (porcelain v2, with the branch header) tells which commit is checked out, whether
 * tracked files have uncommitted changes, and gives a cheap fingerprint of the working tree: every path
 * git lists (changed or untracked, ignored files excluded) with its size and mtime. Used on the user's
 * checkout only before any repository code runs (is it the head commit?), and before and after each
 * candidate in TestMaster's own validation worktree, to put back what a candidate changed there. What
 * repository code changes in the user's checkout and git directory is the repository guard's
 * (src/guard/), which also sees ignored files.
 */



/** Fields before the path in porcelain v2 entries: ordinary (1), unmerged (u), untracked (?). */
const FIELDS_BEFORE_PATH = { '1': 8, u: 10, '?': 1 };
async function readWorkingTreeStatus(repoDir) {
    const { stdout } = await runGit(repoDir, ['status', '--porcelain=v2', '--branch', '-z', '--untracked-files=all', '--no-renames']);
    let headCommit = null;
    let hasTrackedChanges = false;
    const snapshot = new Map();
    for (const entry of stdout.split('\0')) {
        if (entry.startsWith('# branch.oid ')) {
            const oid = entry.slice('# branch.oid '.length);
            headCommit = /^[0-9a-f]{40,64}$/.test(oid) ? oid : null;
            continue;
        }
        const fields = FIELDS_BEFORE_PATH[entry.charAt(0)];
        if (fields === undefined)
            continue;
        if (entry.charAt(0) !== '?')
            hasTrackedChanges = true;
        const path = entry.split(' ').slice(fields).join(' ');
        const stats = await (0,promises_.lstat)((0,external_node_path_.join)(repoDir, path)).catch(() => null);
        snapshot.set(path, `${entry.split(' ', 2).join(' ')} ${stats ? `${stats.size}:${stats.mtimeMs}` : 'gone'}`);
    }
    return { headCommit, hasTrackedChanges, snapshot };
}
/** Paths whose state differs between two snapshots, sorted. */
function changedPaths(before, after) {
    const paths = new Set([...before.keys(), ...after.keys()]);
    return [...paths].filter((path) => before.get(path) !== after.get(path)).sort();
}

;// CONCATENATED MODULE: ./src/pipeline/head-checkout.ts
/**
 * The head is measured in the user's checkout when that is exactly the head commit (checked out, no
 * uncommitted changes to tracked files), and in a temporary worktree otherwise, so the figures always
 * describe the commit the diff was computed for. The user's working tree and index are never changed.
 */



async function withHeadCheckout(repoDir, head, warn, fn, options = {}) {
    // Before any repository code runs; the checkout is guarded from here on (src/guard/).
    const status = await readWorkingTreeStatus(repoDir);
    if (status.headCommit === head) {
        if (!status.hasTrackedChanges)
            return fn({ dir: repoDir, userCheckout: true });
        warn('the working tree has uncommitted changes: measuring the head commit in a temporary worktree, without them');
    }
    const workspace = await discoverPackages(repoDir);
    return withWorktree(repoDir, head, async (dir) => {
        await linkNodeModules(repoDir, dir, workspace.packageDirs);
        return fn({ dir, userCheckout: false });
    }, options);
}

;// CONCATENATED MODULE: ./src/budget/limits.ts
/**
 * What the budget may spend, and what a model costs. Plain data, validated once when the ledger is
 * built, so a bad value is named by its config key (`max-cost-usd`...) before any call is made.
 */

const BUDGET_LIMIT_KEYS = {
    maxCostUsd: 'max-cost-usd',
    maxTokens: 'max-tokens',
    maxLlmCalls: 'max-llm-calls',
    maxCostPerModuleUsd: 'max-cost-per-module-usd',
};
/** Throws a ConfigurationError naming the key when a limit is not a usable number. */
function validateBudgetLimits(limits) {
    requireAmount(limits.maxCostUsd, BUDGET_LIMIT_KEYS.maxCostUsd);
    if (limits.maxTokens !== null)
        requireCount(limits.maxTokens, BUDGET_LIMIT_KEYS.maxTokens);
    if (limits.maxLlmCalls !== null)
        requireCount(limits.maxLlmCalls, BUDGET_LIMIT_KEYS.maxLlmCalls);
    if (limits.maxCostPerModuleUsd !== null)
        requireAmount(limits.maxCostPerModuleUsd, BUDGET_LIMIT_KEYS.maxCostPerModuleUsd);
}
/** Throws a ConfigurationError when a price is negative or not a number; `where` names the setting. */
function validateModelPrice(price, where) {
    requirePrice(price.inputPerMTokUsd, `${where}: input price`);
    requirePrice(price.outputPerMTokUsd, `${where}: output price`);
    if (price.cachedInputPerMTokUsd !== undefined)
        requirePrice(price.cachedInputPerMTokUsd, `${where}: cached input price`);
}
function requireAmount(value, key) {
    if (!Number.isFinite(value) || value < 0) {
        throw new errors/* ConfigurationError */.j1(`${key} must be a dollar amount of 0 or more, got ${String(value)}: set it to a number such as 1.50`);
    }
}
function requireCount(value, key) {
    if (!Number.isSafeInteger(value) || value < 0) {
        throw new errors/* ConfigurationError */.j1(`${key} must be a whole number of 0 or more, got ${String(value)}: set a count, or leave it unset for no limit`);
    }
}
function requirePrice(value, what) {
    if (!Number.isFinite(value) || value < 0) {
        throw new errors/* ConfigurationError */.j1(`${what} must be US dollars per million tokens, 0 or more, got ${String(value)}: fix the price in the config`);
    }
}

;// CONCATENATED MODULE: ./src/budget/money.ts
const MICROS_PER_USD = 1_000_000;
const PICOS_PER_MICRO = 1000000n;
/** Nearest whole micro-dollar: limits are decimal amounts such as 0.3, which are not exact in binary. */
function microsFromUsd(usd) {
    return Math.round(usd * MICROS_PER_USD);
}
function usdFromMicros(micros) {
    return micros / MICROS_PER_USD;
}
function integerPrice(price) {
    const input = picosPerToken(price.inputPerMTokUsd);
    return {
        inputPicos: input,
        outputPicos: picosPerToken(price.outputPerMTokUsd),
        cachedInputPicos: price.cachedInputPerMTokUsd === undefined ? input : picosPerToken(price.cachedInputPerMTokUsd),
    };
}
/** Cost in micro-dollars, rounded up. Cached tokens beyond the input count are priced as input. */
function tokenCostMicros(tokens, price) {
    const cached = Math.min(tokens.cachedInputTokens, tokens.inputTokens);
    const picos = BigInt(tokens.inputTokens - cached) * price.inputPicos +
        BigInt(cached) * price.cachedInputPicos +
        BigInt(tokens.outputTokens) * price.outputPicos;
    return Number((picos + PICOS_PER_MICRO - 1n) / PICOS_PER_MICRO);
}
/** The dearer of the input and cached-input rates: what a prompt token can cost at most. */
function worstInputPicos(price) {
    return price.cachedInputPicos > price.inputPicos ? price.cachedInputPicos : price.inputPicos;
}
/** USD per million tokens -> pico-dollars per token (the same digits); rounding only absorbs binary noise. */
function picosPerToken(usdPerMTok) {
    return BigInt(Math.round(usdPerMTok * 1_000_000));
}
/** `$1.00`, `$0.095`, `$0.000123`: at least two decimals, at most six, for messages. */
function formatUsd(micros) {
    const sign = micros < 0 ? '-' : '';
    return `${sign}$${(Math.abs(micros) / MICROS_PER_USD).toFixed(6).replace(/0{1,4}$/, '')}`;
}

;// CONCATENATED MODULE: ./src/budget/worst-case.ts
/**
 * The worst case of one model call: what it can cost at most, so that reserving it before the call
 * keeps the ceiling whatever the answer. Completion tokens are capped by the request itself
 * (`max_completion_tokens` / `max_tokens`; reasoning tokens count inside that cap). The prompt count
 * is an estimate (exact for OpenAI models, except what the API adds that the caller did not count),
 * so the reservation adds a safety margin: ceil(promptTokens * factor) + tokens, where factor is
 * 1 + ratio, or more once a call has been seen to bill more prompt than its estimate (ledger.ts).
 */


const DEFAULT_PROMPT_MARGIN = { ratio: 0.1, tokens: 64 };
/** Estimates within this of a whole number are that number (0.1 * 110 is 11.000000000000002). */
const FLOAT_NOISE = 1e-9;
/** Prompt tokens to reserve for an estimate: ceil(estimate * factor) + margin tokens. */
function reservedPromptTokens(promptTokens, margin, factor = 1 + margin.ratio) {
    return Math.ceil(promptTokens * Math.max(factor, 1) - FLOAT_NOISE) + margin.tokens;
}
function worstCaseOf(promptTokens, maxCompletionTokens, price, margin, factor = 1 + margin.ratio) {
    const prompt = reservedPromptTokens(promptTokens, margin, factor);
    // If a cache hit were dearer than a miss (an odd config), the worst case prices every token as cached.
    const cachedIsDearer = worstInputPicos(price) > price.inputPicos;
    const costMicros = tokenCostMicros({ inputTokens: prompt, outputTokens: maxCompletionTokens, cachedInputTokens: cachedIsDearer ? prompt : 0 }, price);
    return { promptTokens: prompt, completionTokens: maxCompletionTokens, tokens: prompt + maxCompletionTokens, costMicros };
}
/** Throws for a margin that could shrink a reservation. */
function validatePromptMargin(margin) {
    if (!Number.isFinite(margin.ratio) || margin.ratio < 0 || !Number.isSafeInteger(margin.tokens) || margin.tokens < 0) {
        throw new errors/* BudgetError */.Wp(`the prompt safety margin must have a ratio >= 0 and whole tokens >= 0, got ${JSON.stringify(margin)}: fix the margin given to the budget ledger`);
    }
}

;// CONCATENATED MODULE: ./src/budget/estimate.ts
/**
 * `testmaster run --estimate`: the projected worst-case cost of the planned calls, without calling the
 * model. Each planned call is priced exactly as the ledger would reserve it (same margin, same
 * rounding), so the estimate is what the ledger would hold if every call were made at once.
 */




function estimateWorstCase(plans, options) {
    validateModelPrice(options.price, 'model price');
    const margin = options.promptMargin ?? DEFAULT_PROMPT_MARGIN;
    validatePromptMargin(margin);
    const price = integerPrice(options.price);
    const total = { inputTokens: 0, outputTokens: 0, costMicros: 0, llmCalls: 0 };
    const perModule = new Map();
    for (const plan of plans) {
        const count = plan.calls ?? 1;
        if (!Number.isSafeInteger(count) || count < 0 || !Number.isSafeInteger(plan.promptTokens) || plan.promptTokens < 0 || !Number.isSafeInteger(plan.maxCompletionTokens) || plan.maxCompletionTokens < 1) {
            throw new errors/* BudgetError */.Wp(`invalid planned calls for ${plan.module}: calls, promptTokens and maxCompletionTokens must be whole numbers (completion cap >= 1); fix the plan`);
        }
        const worst = worstCaseOf(plan.promptTokens, plan.maxCompletionTokens, price, margin);
        const sums = perModule.get(plan.module) ?? { inputTokens: 0, outputTokens: 0, costMicros: 0, llmCalls: 0 };
        perModule.set(plan.module, sums);
        for (const target of [total, sums]) {
            target.inputTokens += worst.promptTokens * count;
            target.outputTokens += worst.completionTokens * count;
            target.costMicros += worst.costMicros * count;
            target.llmCalls += count;
        }
    }
    const modules = [...perModule].map(([module, sums]) => ({ module, ...toUsd(sums) }));
    const limits = options.limits;
    return {
        ...toUsd(total),
        modules,
        exceeds: limits ? crossedLimits(total, [...perModule.values()], limits) : [],
        withinBudget: limits ? modulesWithinBudget(perModule, limits) : modules.map((entry) => entry.module),
    };
}
function toUsd(sums) {
    return { inputTokens: sums.inputTokens, outputTokens: sums.outputTokens, costUsd: usdFromMicros(sums.costMicros), llmCalls: sums.llmCalls };
}
function crossedLimits(total, modules, limits) {
    const crossed = [];
    if (total.costMicros > microsFromUsd(limits.maxCostUsd))
        crossed.push(BUDGET_LIMIT_KEYS.maxCostUsd);
    const moduleCap = limits.maxCostPerModuleUsd === null ? null : microsFromUsd(limits.maxCostPerModuleUsd);
    if (moduleCap !== null && modules.some((sums) => sums.costMicros > moduleCap))
        crossed.push(BUDGET_LIMIT_KEYS.maxCostPerModuleUsd);
    if (limits.maxTokens !== null && total.inputTokens + total.outputTokens > limits.maxTokens)
        crossed.push(BUDGET_LIMIT_KEYS.maxTokens);
    if (limits.maxLlmCalls !== null && total.llmCalls > limits.maxLlmCalls)
        crossed.push(BUDGET_LIMIT_KEYS.maxLlmCalls);
    return crossed;
}
function modulesWithinBudget(perModule, limits) {
    const within = [];
    const used = { inputTokens: 0, outputTokens: 0, costMicros: 0, llmCalls: 0 };
    for (const [module, sums] of perModule) {
        const next = {
            inputTokens: used.inputTokens + sums.inputTokens,
            outputTokens: used.outputTokens + sums.outputTokens,
            costMicros: used.costMicros + sums.costMicros,
            llmCalls: used.llmCalls + sums.llmCalls,
        };
        if (crossedLimits(next, [sums], limits).length > 0)
            continue;
        Object.assign(used, next);
        within.push(module);
    }
    return within;
}

// EXTERNAL MODULE: ./node_modules/gpt-tokenizer/esm/encoding/cl100k_base.js + 1 modules
var cl100k_base = __webpack_require__(4079);
// EXTERNAL MODULE: ./node_modules/gpt-tokenizer/esm/encoding/o200k_base.js + 1 modules
var o200k_base = __webpack_require__(3877);
// EXTERNAL MODULE: ./node_modules/gpt-tokenizer/esm/mapping.js + 3 modules
var mapping = __webpack_require__(6445);
// EXTERNAL MODULE: ./node_modules/gpt-tokenizer/esm/models.js + 1 modules
var models = __webpack_require__(211);
;// CONCATENATED MODULE: ./src/budget/model-aliases.ts
/**
 * The names a model id may be known by, most specific first: the id itself, then without a router's
 * vendor prefix (`openai/gpt-4o` -> `gpt-4o`), without a variant tag (`model:free` -> `model`), and
 * without a date or snapshot suffix (`gpt-4o-2024-08-06`, `claude-x-20250514`, `gpt-4-0613`,
 * `model@20240620` -> the undated name). Lower-cased and trimmed; never empty.
 */
const DATE_SUFFIXES = [
    /[-@]\d{4}-\d{2}-\d{2}$/, // gpt-4o-2024-08-06
    /[-@]20\d{6}$/, // claude-sonnet-4-20250514, model@20240620
    /-\d{4}$/, // gpt-4-0613, gpt-3.5-turbo-0125
];
function modelIdCandidates(model) {
    const exact = model.trim().toLowerCase();
    const candidates = [];
    const add = (id) => {
        if (id.length > 0 && !candidates.includes(id))
            candidates.push(id);
    };
    add(exact);
    const withoutVendor = exact.includes('/') ? exact.slice(exact.lastIndexOf('/') + 1) : exact;
    add(withoutVendor);
    for (const base of [exact, withoutVendor]) {
        const untagged = base.replace(/:[\w.-]+$/, '');
        add(untagged);
        for (const suffix of DATE_SUFFIXES)
            add(untagged.replace(suffix, ''));
    }
    return candidates;
}

;// CONCATENATED MODULE: ./src/budget/count-tokens.ts
/**
 * Prompt token counts for the budget, with OpenAI's real tokenizers (gpt-tokenizer: pure JavaScript,
 * the encodings ship as JS modules, so they bundle with ncc and need no network and no wasm).
 *
 * Known OpenAI models are counted exactly with their encoding (o200k_base for GPT-4o, GPT-4.1, GPT-5,
 * o-series; cl100k_base for GPT-4 and GPT-3.5) plus the chat format's overhead: 3 tokens per message
 * (start, separator, end), the role, 1 more with a name, and 3 to prime the reply, as in OpenAI's
 * cookbook. Any other model (a local or third-party one with a tokenizer we do not have) gets a safe
 * upper estimate: the larger of the o200k count and ceil(characters / 3), with the same overhead.
 *
 * Text that looks like a special token (`<|endoftext|>` in a source file) is counted as plain text,
 * as the API does with message content.
 */





const TOKENS_PER_MESSAGE = 3;
const TOKENS_PER_NAME = 1;
const REPLY_PRIMING_TOKENS = 3;
const CHARS_PER_TOKEN_FLOOR = 3;
const PLAIN_TEXT = { disallowedSpecial: new Set() };
const encodings = { o200k_base: o200k_base/* default */.Ay, cl100k_base: cl100k_base/* default */.Ay };
const nonDefaultEncodings = mapping/* modelToEncodingMap */.Gm;
const knownModelIds = new Set(Object.keys(models));
/** Which tokenizer counts for `model`: the model's own one when known, else o200k as an estimate. */
function tokenizerFor(model) {
    for (const candidate of modelIdCandidates(model)) {
        const encoding = nonDefaultEncodings[candidate];
        if (encoding === 'cl100k_base')
            return { encoding: 'cl100k_base', exact: true };
        if (encoding === 'o200k_base' || encoding === 'o200k_harmony')
            return { encoding: 'o200k_base', exact: true };
        // Older encodings belong to completion-only models, which a chat call cannot use: estimate.
        if (encoding !== undefined)
            return { encoding: 'o200k_base', exact: false };
        if (knownModelIds.has(candidate))
            return { encoding: 'o200k_base', exact: true };
    }
    return { encoding: 'o200k_base', exact: false };
}
/** Prompt tokens of a chat request: exact for known OpenAI models, a safe upper estimate otherwise. */
function countPromptTokens(messages, model, options = {}) {
    const choice = tokenizerFor(model);
    let total = REPLY_PRIMING_TOKENS;
    for (const message of messages) {
        total += TOKENS_PER_MESSAGE + countText(message.role, choice);
        total += countText(messageText(message), choice);
        if (message.name !== undefined)
            total += TOKENS_PER_NAME + countText(message.name, choice);
    }
    for (const text of options.extraText ?? [])
        total += countText(text, choice);
    return total;
}
/** Tokens of a piece of text for `model` (same rules as countPromptTokens, no chat overhead). */
function countTextTokens(text, model) {
    return countText(text, tokenizerFor(model));
}
function countText(text, choice) {
    if (text.length === 0)
        return 0;
    const counted = encodings[choice.encoding].countTokens(text, PLAIN_TEXT);
    return choice.exact ? counted : Math.max(counted, Math.ceil(text.length / CHARS_PER_TOKEN_FLOOR));
}
function messageText(message) {
    const { content } = message;
    if (content === null)
        return '';
    if (typeof content === 'string')
        return content;
    return content.map((part) => part.text ?? '').join('');
}

;// CONCATENATED MODULE: ./src/generation/answer/answer-schema.ts
/**
 * What we ask the model to return for one module, in two forms (pure):
 *
 * - `answerSchema(limits)`: the validator applied to whatever the model sent. It is tolerant where
 *   tolerance costs nothing (optional fields may be missing or null, unknown keys are dropped, long
 *   notes are cut) and strict where it matters (at least one file, at most `maxFiles`, content a
 *   non-blank string under `maxFileBytes` UTF-8 bytes, without NUL bytes or broken surrogates).
 *   Paths are kept as data: checking them against the repository is the path validator's job.
 * - `answerJsonSchema(limits)`: the JSON Schema sent for structured output, compatible with OpenAI's
 *   strict mode (`response_format: { type: 'json_schema', strict: true }`): every property required,
 *   `additionalProperties: false`, optional fields nullable instead, no size keywords (the limits are
 *   stated in the descriptions and enforced by the validator).
 */

const DEFAULT_ANSWER_LIMITS = Object.freeze({
    maxFiles: 3,
    maxFileBytes: 200 * 1024,
    maxPathChars: 512,
    maxNotesChars: 4000,
});
/** The `name` to give the schema in `response_format.json_schema`. */
const ANSWER_SCHEMA_NAME = 'testmaster_answer';
function resolveAnswerLimits(limits = {}) {
    return { ...DEFAULT_ANSWER_LIMITS, ...limits };
}
/** The checks on one file's content, shared by JSON answers and code-only answers. */
function fileContentSchema(limits = {}) {
    const { maxFileBytes } = resolveAnswerLimits(limits);
    return schemas/* string */.YjP().superRefine((content, context) => {
        const bytes = Buffer.byteLength(content, 'utf8');
        if (bytes > maxFileBytes) {
            context.addIssue({ code: 'custom', message: `is ${answer_schema_formatBytes(bytes)}, over the ${answer_schema_formatBytes(maxFileBytes)} limit` });
            return;
        }
        if (content.trim() === '')
            context.addIssue({ code: 'custom', message: 'is empty' });
        if (content.includes('\u0000'))
            context.addIssue({ code: 'custom', message: 'contains a NUL byte' });
        if (!content.isWellFormed())
            context.addIssue({ code: 'custom', message: 'contains a lone UTF-16 surrogate (broken unicode)' });
    });
}
/** The validator for a parsed answer; its output is a normalized `ModelAnswer`. */
function answerSchema(limits = {}) {
    const resolved = resolveAnswerLimits(limits);
    const fileSchema = schemas/* object */.Ikc({
        path: schemas/* string */.YjP().min(1, 'is empty').max(resolved.maxPathChars, `is longer than ${resolved.maxPathChars} characters`),
        content: fileContentSchema(resolved),
    });
    return schemas/* object */.Ikc({
        files: schemas/* array */.YOg(fileSchema)
            .min(1, 'must list at least one file')
            .max(resolved.maxFiles, `must list at most ${resolved.maxFiles} file${resolved.maxFiles === 1 ? '' : 's'}`),
        notes: schemas/* string */.YjP()
            .nullish()
            .transform((notes) => (notes == null || notes.trim() === '' ? null : notes.slice(0, resolved.maxNotesChars))),
    });
}
const _outputIsModelAnswer = (value) => value;
/** The shape sent for structured output (strict mode): all properties required, nullable if optional. */
function wireSchema(limits) {
    const fileSchema = schemas/* strictObject */.rej({
        path: schemas/* string */.YjP().describe('Repository-relative path of the new test file.'),
        content: schemas/* string */.YjP()
            .describe(`The whole test file, ready to run (at most ${answer_schema_formatBytes(limits.maxFileBytes)}).`),
    });
    return schemas/* strictObject */.rej({
        files: schemas/* array */.YOg(fileSchema)
            .describe(`The new test files: at least 1, at most ${limits.maxFiles}.`),
        notes: schemas/* string */.YjP().nullable().describe('Anything the reviewer should know, briefly, or null.'),
    })
        .describe('New unit test files for one module.');
}
/** The JSON Schema for `response_format: { type: 'json_schema', json_schema: { name, strict: true, schema } }`. */
function answerJsonSchema(limits = {}) {
    const schema = json_schema_processors/* toJSONSchema */.bl(wireSchema(resolveAnswerLimits(limits)));
    delete schema.$schema;
    return schema;
}
function answer_schema_formatBytes(bytes) {
    if (bytes < 1024)
        return `${bytes} bytes`;
    const kilobytes = bytes / 1024;
    return kilobytes < 1024 ? `${round(kilobytes)} KB` : `${round(kilobytes / 1024)} MB`;
}
function round(value) {
    return value >= 10 ? String(Math.round(value)) : String(Math.round(value * 10) / 10);
}

;// CONCATENATED MODULE: ./src/generation/answer/repair-prompt.ts
/**
 * The text of the one repair turn sent after an unusable answer (pure): what was wrong, a reminder
 * of the shape, and "answer with JSON only". Short on purpose: it is sent within the budget, after
 * the conversation so far, and the model already has the task.
 */

const SHAPE = '{"files":[{"path":"<repository-relative path of the new test file>","content":"<the whole test file>"}],"notes":null}';
function repairPrompt(failure, limits = {}) {
    return `${whatWentWrong(failure)}\n\n${answerShapeReminder(limits)}`;
}
/** The shape and limits of an answer, for the repair turn and for any prompt that wants it. */
function answerShapeReminder(limits = {}) {
    const { maxFiles, maxFileBytes } = resolveAnswerLimits(limits);
    const files = maxFiles === 1 ? 'Exactly 1 file' : `1 to ${maxFiles} files`;
    return [
        'Answer with one JSON object only: no prose before or after it, no code fences. Its shape:',
        SHAPE,
        `${files}, ${maxFiles === 1 ? '' : 'each '}at most ${answer_schema_formatBytes(maxFileBytes)}; "notes" may be null.`,
    ].join('\n');
}
function whatWentWrong(failure) {
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

// EXTERNAL MODULE: ./node_modules/typescript/lib/typescript.js
var typescript = __webpack_require__(5672);
var typescript_default = /*#__PURE__*/__webpack_require__.n(typescript);
;// CONCATENATED MODULE: ./src/generation/prompt/source-syntax.ts
/**
 * Small syntax helpers shared by the prompt builders (pure): parse a module with the TypeScript
 * parser (syntax only, no program), the line span of a top-level statement, and the names it declares.
 */

const SCRIPT_KINDS = {
    '.ts': (typescript_default()).ScriptKind.TS,
    '.mts': (typescript_default()).ScriptKind.TS,
    '.cts': (typescript_default()).ScriptKind.TS,
    '.tsx': (typescript_default()).ScriptKind.TSX,
    '.jsx': (typescript_default()).ScriptKind.JSX,
};
/** Parses any JS/TS source; unknown extensions are read as TypeScript (a superset of JS syntax). */
function parseModule(source, fileName) {
    const extension = /\.[^./]+$/.exec(fileName)?.[0].toLowerCase() ?? '';
    const kind = SCRIPT_KINDS[extension] ?? (/\.[cm]?js$/.test(extension) ? (typescript_default()).ScriptKind.JS : (typescript_default()).ScriptKind.TS);
    return typescript_default().createSourceFile(fileName, source, (typescript_default()).ScriptTarget.Latest, true, kind);
}
function statementSpan(statement, file) {
    const start = statement.getStart(file, true);
    return {
        first: file.getLineAndCharacterOfPosition(start).line + 1,
        last: file.getLineAndCharacterOfPosition(statement.getEnd()).line + 1,
    };
}
/** The names a top-level statement declares (empty for expressions and anonymous defaults). */
function declaredNames(statement) {
    if (typescript_default().isVariableStatement(statement)) {
        return statement.declarationList.declarations.flatMap((declaration) => bindingNames(declaration.name));
    }
    if (typescript_default().isFunctionDeclaration(statement) ||
        typescript_default().isClassDeclaration(statement) ||
        typescript_default().isInterfaceDeclaration(statement) ||
        typescript_default().isTypeAliasDeclaration(statement) ||
        typescript_default().isEnumDeclaration(statement) ||
        typescript_default().isModuleDeclaration(statement)) {
        return statement.name && typescript_default().isIdentifier(statement.name) ? [statement.name.text] : hasDefault(statement) ? ['default'] : [];
    }
    return [];
}
function bindingNames(name) {
    if (typescript_default().isIdentifier(name))
        return [name.text];
    return name.elements.flatMap((element) => (typescript_default().isOmittedExpression(element) ? [] : bindingNames(element.name)));
}
function hasModifier(node, kind) {
    return typescript_default().canHaveModifiers(node) && (typescript_default().getModifiers(node)?.some((modifier) => modifier.kind === kind) ?? false);
}
function hasDefault(node) {
    return hasModifier(node, (typescript_default()).SyntaxKind.DefaultKeyword);
}
function isExported(node) {
    return hasModifier(node, (typescript_default()).SyntaxKind.ExportKeyword);
}

;// CONCATENATED MODULE: ./src/generation/prompt/marked-source.ts
/**
 * The module under test as prompt v3 shows it (pure): the code as written, with a trailing comment
 * on each changed line the tests do not reach, naming its line number:
 *
 *   `    return a / b; // !12`        changed and never executed
 *   `    if (x) y(); // ?13`          changed, executed, but a branch starting there was not taken
 *
 * Only the marked lines carry a number: a gutter on every line cost about half the module's own
 * tokens again (measured on the fixtures), and the marks are all the model needs to name lines.
 * A mark whose line ends inside a multi-line template literal or string goes to the end of that
 * literal, so it never reads as part of the text.
 *
 * A short module is shown whole. A long one (more than `maxFullLines`), or any module when `elide` is
 * set, is focused the way CoverUp shows one code segment: it keeps the imports, the export lists
 * (`export { a }`, `export * from`), with `keepTypes` the type declarations, and the top-level
 * declarations that contain a focus line (by default the changed lines) or a mark. Inside a kept
 * class, the fields, the constructor and the members holding a focus line stay whole; every other
 * method or accessor becomes its signature and `{ … }` on one line (with its doc comment when that
 * is one line). What the focused declarations use from the rest of the module is shown too: a
 * function of up to 6 lines and a variable statement of up to 3 whole (and what they use in turn),
 * a longer function as its signature, a class with its methods as signatures. Each run of other
 * top-level lines becomes one line `// … N lines of <names> omitted`.
 */


const DEFAULT_MAX_FULL_LINES = 150;
const UNCOVERED_MARK = '!';
const PARTIAL_MARK = '?';
const MAX_NAMES_LISTED = 6;
function markedSource(source, marks, options = {}) {
    const normalized = source.replace(/\r\n?/g, '\n');
    const lines = normalized.split('\n');
    if (lines.length > 1 && lines[lines.length - 1] === '')
        lines.pop();
    const file = parseModule(normalized, options.fileName ?? 'module.ts');
    const marked = markedLines(marks);
    const marksByLine = placedMarks(file, lines.length, marked);
    const render = (index) => {
        const placed = marksByLine.get(index + 1);
        return placed === undefined ? lines[index] : `${lines[index]} // ${placed.join(' ')}`;
    };
    const maxFullLines = options.maxFullLines ?? DEFAULT_MAX_FULL_LINES;
    if (!options.elide && lines.length <= maxFullLines)
        return lines.map((_line, index) => render(index)).join('\n');
    const focus = [...new Set([...(options.focusLines ?? marks.changedLines), ...marked.uncovered, ...marked.partial])];
    const plan = focusPlan(file, lines.length, focus, options.keepTypes ?? false);
    const out = [];
    let index = 0;
    while (index < lines.length) {
        const line = plan.lines[index];
        if (line?.kind === 'keep') {
            out.push(render(index));
            index += 1;
            continue;
        }
        if (line?.kind === 'collapse') {
            out.push(...line.text);
            index = line.last;
            continue;
        }
        const start = index;
        while (index < lines.length && plan.lines[index] === undefined)
            index += 1;
        const skipped = lines.slice(start, index);
        if (skipped.every((text) => text.trim() === '')) {
            if (start > 0 && index < lines.length)
                out.push('');
            continue;
        }
        const names = plan.namesStartingIn(start + 1, index);
        const count = index - start;
        out.push(`// … ${count} line${count === 1 ? '' : 's'}${names ? ` of ${names}` : ''} omitted`);
    }
    return out.join('\n');
}
/** The lines that get a mark: uncovered or partial, and changed. */
function markedLines(marks) {
    const changed = new Set(marks.changedLines);
    const uncovered = new Set(marks.uncoveredLines.filter((line) => changed.has(line)));
    return { uncovered, partial: new Set(marks.partialLines.filter((line) => changed.has(line) && !uncovered.has(line))) };
}
/** Display line -> the marks shown at its end, e.g. ['!12'], or ['!12', '!13'] when a literal spans them. */
function placedMarks(file, lineCount, { uncovered, partial }) {
    const literals = multiLineLiterals(file);
    const placed = new Map();
    const all = [...uncovered, ...partial].filter((line) => line >= 1 && line <= lineCount).sort((a, b) => a - b);
    for (const line of all) {
        const shownAt = literals.find((span) => line >= span.first && line < span.last)?.last ?? line;
        placed.set(shownAt, [...(placed.get(shownAt) ?? []), `${uncovered.has(line) ? UNCOVERED_MARK : PARTIAL_MARK}${line}`]);
    }
    return placed;
}
/** Line spans of template literals and strings that run over more than one line (outermost first). */
function multiLineLiterals(file) {
    const spans = [];
    const visit = (node) => {
        if (typescript_default().isTemplateExpression(node) || typescript_default().isNoSubstitutionTemplateLiteral(node) || typescript_default().isStringLiteral(node) || typescript_default().isJsxText(node)) {
            const span = statementSpan(node, file);
            if (span.last > span.first)
                spans.push(span);
            if (!typescript_default().isTemplateExpression(node))
                return;
        }
        typescript_default().forEachChild(node, visit);
    };
    visit(file);
    return spans;
}
function focusPlan(file, lineCount, focus, keepTypes) {
    const lines = new Array(lineCount).fill(undefined);
    const holdsFocus = (span) => focus.some((line) => line >= span.first && line <= span.last);
    const keepSpan = (span) => {
        for (let line = span.first; line <= Math.min(span.last, lineCount); line += 1)
            lines[line - 1] = { kind: 'keep' };
    };
    const focused = [];
    const rest = [];
    for (const statement of file.statements) {
        const span = statementSpan(statement, file);
        const always = isImportOrExportList(statement) || (keepTypes && isTypeDeclaration(statement));
        if (!always && !holdsFocus(span)) {
            rest.push(statement);
            continue;
        }
        keepSpan(span);
        if (typescript_default().isClassDeclaration(statement))
            collapseMembers(statement, file, lines, holdsFocus);
        if (!always)
            focused.push(statement);
    }
    // What the focused code uses from the rest of the module is shown as its outline.
    // Short helpers it uses are shown whole, and what they use in turn, until nothing new is reached.
    const used = identifiersIn(focused, file, lines);
    const shown = new Set();
    for (let grew = true; grew;) {
        grew = false;
        for (const statement of rest) {
            if (shown.has(statement) || !declaredNames(statement).some((name) => used.has(name)))
                continue;
            const span = statementSpan(statement, file);
            const outline = showOutline(statement, span, file, lines, keepSpan);
            if (outline === 'none')
                continue;
            shown.add(statement);
            if (outline !== 'whole')
                continue;
            for (const name of identifiersIn([statement], file, lines)) {
                if (used.has(name))
                    continue;
                used.add(name);
                grew = true;
            }
        }
    }
    const omitted = rest.filter((statement) => !shown.has(statement)).map((statement) => ({ first: statementSpan(statement, file).first, names: declaredNames(statement) }));
    return {
        lines,
        namesStartingIn(first, endExclusive) {
            const names = omitted.filter((d) => d.first >= first && d.first < endExclusive).flatMap((d) => d.names);
            if (names.length === 0)
                return '';
            const listed = names.slice(0, MAX_NAMES_LISTED).join(', ');
            return names.length > MAX_NAMES_LISTED ? `${listed} and ${names.length - MAX_NAMES_LISTED} more` : listed;
        },
    };
}
const MAX_USED_VARIABLE_LINES = 3;
/** A used function of at most this many lines (its doc comment aside) is shown whole: its body is what a test's expected values follow from. */
const MAX_WHOLE_HELPER_LINES = 6;
/**
 * A declaration the focused code uses: a short function or variable statement whole, a longer
 * function as its signature, a class with its methods as signatures; 'none' when it has no outline.
 */
function showOutline(statement, span, file, lines, keepSpan) {
    if (typescript_default().isFunctionDeclaration(statement) && statement.body !== undefined) {
        const codeFirst = file.getLineAndCharacterOfPosition(statement.getStart(file, false)).line + 1;
        if (span.last - codeFirst < MAX_WHOLE_HELPER_LINES) {
            keepSpan(span);
            return 'whole';
        }
        lines[span.first - 1] = collapsed(statement, statement.body, file, span);
        return 'outline';
    }
    if (typescript_default().isClassDeclaration(statement)) {
        keepSpan(span);
        collapseMembers(statement, file, lines, () => false);
        return 'outline';
    }
    if (typescript_default().isVariableStatement(statement) && span.last - span.first < MAX_USED_VARIABLE_LINES) {
        keepSpan(span);
        return 'whole';
    }
    return 'none';
}
/** Every identifier's text in the given statements, leaving out the members shown as signatures. */
function identifiersIn(statements, file, lines) {
    const names = new Set();
    const visit = (node) => {
        if (typescript_default().isIdentifier(node))
            names.add(node.text);
        if (typescript_default().isClassElement(node) && lines[statementSpan(node, file).first - 1]?.kind === 'collapse')
            return;
        typescript_default().forEachChild(node, visit);
    };
    for (const statement of statements)
        visit(statement);
    return names;
}
/** Methods and accessors without a focus line, over more than one line, become `signature { … }`. */
function collapseMembers(declaration, file, lines, holdsFocus) {
    for (const member of declaration.members) {
        if (!(typescript_default().isMethodDeclaration(member) || typescript_default().isGetAccessorDeclaration(member) || typescript_default().isSetAccessorDeclaration(member)))
            continue;
        const span = statementSpan(member, file);
        if (member.body === undefined || span.last === span.first || holdsFocus(span))
            continue;
        lines[span.first - 1] = collapsed(member, member.body, file, span);
    }
}
/** A declaration with a body as its one-line doc comment (if any) and `signature { … }`, in place of its lines. */
function collapsed(node, body, file, span) {
    const start = node.getStart(file, false);
    const lineStart = file.getLineStarts()[file.getLineAndCharacterOfPosition(start).line];
    const indent = /^\s*/.exec(file.text.slice(lineStart, start))?.[0] ?? '';
    const signature = file.text.slice(start, body.getStart(file)).replace(/\s+/g, ' ').trim();
    const docs = oneLineDoc(node, file);
    return { kind: 'collapse', text: [...(docs === null ? [] : [`${indent}${docs}`]), `${indent}${signature} { … }`], last: span.last };
}
/** The member's doc comment when it is a single line (`/** Does x. *\/`), else null. */
function oneLineDoc(member, file) {
    const docs = typescript_default().getJSDocCommentsAndTags(member).filter((typescript_default()).isJSDoc);
    const last = docs[docs.length - 1];
    if (last === undefined)
        return null;
    const text = file.text.slice(last.getStart(file), last.getEnd());
    return text.includes('\n') ? null : text;
}
function isTypeDeclaration(statement) {
    return typescript_default().isTypeAliasDeclaration(statement) || typescript_default().isInterfaceDeclaration(statement) || typescript_default().isEnumDeclaration(statement);
}
function isImportOrExportList(statement) {
    return (typescript_default().isImportDeclaration(statement) ||
        typescript_default().isImportEqualsDeclaration(statement) ||
        typescript_default().isExportDeclaration(statement) ||
        typescript_default().isExportAssignment(statement));
}

;// CONCATENATED MODULE: ./src/generation/prompt/style-excerpt.ts
/**
 * An existing test file cut down to what shows its style (pure): its imports, the top-level setup
 * before the first test (mocks, hooks, helpers) and the first test case. When that case sits in a
 * `describe` block (at any depth), the excerpt keeps each block's opening line, the hooks and setup
 * before its first case, that case, and the block's closing line. Every run of other lines becomes
 * one line `// … N lines omitted`, indented like the code around it. At most `maxLines` kept lines;
 * past that, the later ones are omitted too.
 */


const DEFAULT_STYLE_EXAMPLE_LINES = 24;
const DESCRIBE_NAMES = new Set(['describe', 'suite', 'context', 'fdescribe', 'xdescribe']);
const CASE_NAMES = new Set(['it', 'test', 'fit', 'xit', 'xtest']);
function styleExcerpt(content, fileName, maxLines = DEFAULT_STYLE_EXAMPLE_LINES) {
    const normalized = content.replace(/\r\n?/g, '\n').replace(/\n+$/, '');
    const lines = normalized.split('\n');
    const file = parseModule(normalized, fileName);
    const keep = new Array(lines.length).fill(false);
    const keepLines = (first, last) => {
        for (let line = first; line <= last; line += 1)
            keep[line - 1] = true;
    };
    keepUpToFirstCase(file.statements, file, keepLines);
    capKeptLines(keep, maxLines);
    return render(lines, keep);
}
/** Keeps the statements up to and including the first test case (descending into describe blocks). Returns true when a case was found. */
function keepUpToFirstCase(statements, file, keepLines) {
    for (const statement of statements) {
        const span = statementSpan(statement, file);
        const block = testBlock(statement);
        if (block === null) {
            keepLines(span.first, span.last);
            continue;
        }
        if (block.kind === 'case' || block.body === null) {
            keepLines(span.first, span.last);
            return true;
        }
        const lineOf = (position) => file.getLineAndCharacterOfPosition(position).line + 1;
        keepLines(span.first, lineOf(block.body.getStart(file)));
        keepUpToFirstCase(block.body.statements, file, keepLines);
        keepLines(lineOf(block.body.getEnd()), span.last);
        return true;
    }
    return false;
}
/** `describe(...)`, `it.each(...)(...)`, `test.skip(...)` and the like as a statement; else null. */
function testBlock(statement) {
    if (!typescript_default().isExpressionStatement(statement) || !typescript_default().isCallExpression(statement.expression))
        return null;
    const call = statement.expression;
    let root = call.expression;
    while (typescript_default().isPropertyAccessExpression(root) || typescript_default().isCallExpression(root) || typescript_default().isTaggedTemplateExpression(root)) {
        root = typescript_default().isTaggedTemplateExpression(root) ? root.tag : root.expression;
    }
    if (!typescript_default().isIdentifier(root))
        return null;
    const kind = DESCRIBE_NAMES.has(root.text) ? 'describe' : CASE_NAMES.has(root.text) ? 'case' : null;
    if (kind === null)
        return null;
    const callback = [...call.arguments].reverse().find((argument) => typescript_default().isArrowFunction(argument) || typescript_default().isFunctionExpression(argument));
    const body = callback !== undefined && (typescript_default().isArrowFunction(callback) || typescript_default().isFunctionExpression(callback)) && typescript_default().isBlock(callback.body) ? callback.body : null;
    return { kind, body };
}
/** Leaves at most `maxLines` kept lines, the first ones. */
function capKeptLines(keep, maxLines) {
    let count = 0;
    for (let index = 0; index < keep.length; index += 1) {
        if (!keep[index])
            continue;
        count += 1;
        if (count > maxLines)
            keep[index] = false;
    }
}
function render(lines, keep) {
    const out = [];
    let index = 0;
    while (index < lines.length) {
        if (keep[index]) {
            out.push(lines[index]);
            index += 1;
            continue;
        }
        const start = index;
        while (index < lines.length && !keep[index])
            index += 1;
        const gap = lines.slice(start, index);
        if (gap.every((line) => line.trim() === '')) {
            if (start > 0 && index < lines.length)
                out.push('');
            continue;
        }
        const indent = /^\s*/.exec(gap.find((line) => line.trim() !== '') ?? '')?.[0] ?? '';
        out.push(`${indent}// … ${gap.length} line${gap.length === 1 ? '' : 's'} omitted`);
    }
    return out.join('\n');
}

;// CONCATENATED MODULE: ./src/generation/prompt/clean-error-text.ts
const DEFAULT_MAX_ERROR_CHARS = 1500;
// CSI sequences (colours, cursor moves) and OSC sequences (hyperlinks, titles).
const ANSI = /\u001b\[[0-9;?]*[ -/]*[@-~]|\u001b\][^\u0007\u001b]*(?:\u0007|\u001b\\)|\u001b[@-Z\\-_]/g;
const FILE_URL = /file:\/\/(?=\/)/g;
const ABSOLUTE_POSIX = /(?<![\w.~:/-])\/(?:[\w.@+-]+\/)+([\w.@+-]+)/g;
const ABSOLUTE_WINDOWS = /\b[A-Za-z]:\\(?:[\w.@+ -]+\\)+([\w.@+-]+)/g;
const NOISE_FRAME = /^\s*at .*(?:node_modules[\\/]|node:internal|\(node:|<anonymous>).*$/;
function cleanErrorText(text, options = {}) {
    const maxChars = options.maxChars ?? DEFAULT_MAX_ERROR_CHARS;
    let cleaned = text.replace(ANSI, '').replace(/\r\n?/g, '\n').replace(FILE_URL, '');
    const roots = [...(options.roots ?? [])].filter((root) => root.length > 1).sort((a, b) => b.length - a.length);
    for (const root of roots) {
        const withSlash = root.endsWith('/') || root.endsWith('\\') ? root : `${root}/`;
        cleaned = cleaned.split(withSlash).join('').split(root).join('.');
    }
    cleaned = cleaned.replace(ABSOLUTE_POSIX, '…/$1').replace(ABSOLUTE_WINDOWS, '…\\$1');
    cleaned = cleaned
        .split('\n')
        .filter((line) => !NOISE_FRAME.test(line))
        .map((line) => line.trimEnd())
        .join('\n')
        .replace(/\n{3,}/g, '\n\n')
        .trim();
    if (cleaned.length <= maxChars)
        return cleaned;
    const cut = cleaned.length - maxChars;
    return `${cleaned.slice(0, maxChars).trimEnd()}\n… (${cut} more characters cut)`;
}

;// CONCATENATED MODULE: ./src/generation/prompt/templates/v4.ts
/**
 * Prompt template v4 (pure). Changing any wording here is a new version: copy this file to v5.ts,
 * change it there, point current.ts at it, and bump PROMPT_VERSION, so results recorded against a
 * version (the cross-run cache, telemetry) stay comparable.
 *
 * v4 against v3: one rule more, names of describe blocks and cases as string literals (the gate keeps a
 * case only under the literal name written in its file: a name computed at run time could carry
 * anything into the comment, so such a case is dropped, and a healing turn was spent asking for it).
 *
 * v3 against v2:
 * - the source has no line-number gutter; only the lines to cover carry their number, in a trailing
 *   `// !N` or `// ?N` comment (marked-source.ts); inside a kept class, members without a target
 *   are shown as their signature;
 * - a branch is described only on a line that ran (a line never executed has no branch taken, so
 *   naming its branches one by one said nothing new);
 * - the answer no longer lists each case and the lines it covers: nothing used them (coverage is
 *   measured), and they cost prompt tokens in the shape and output tokens in every answer.
 *
 * Messages: a system message with the rules; a user message with the framework conventions, the
 * marked source, the lines and branches to cover named one by one (CoverUp: naming them is what makes
 * iteration pay), the signatures of what the module imports, one style example, and the answer
 * shape. A healing turn carries the failing cases with cleaned errors and the lines still uncovered,
 * quoted with their code.
 */



const PROMPT_VERSION = 'v4';
const MAX_NAMED_LINES = 60;
const MAX_QUOTED_CHARS = 100;
const DEFAULT_MAX_FAILING_CASES = 8;
function systemMessage() {
    return [
        'You write unit tests for a TypeScript/JavaScript repository. Your tests are run with the repository\'s own test runner and kept only if they pass every time and cover lines that were not covered.',
        'Rules:',
        '- Write exactly one new test file, at the path given. Do not change or repeat existing files.',
        '- Test the module\'s real behaviour through its exports and assert concrete results; no tests that cannot fail.',
        '- No snapshots, no network, no real clock or random values (fake or inject them), no timers or servers left running, no writes outside a temporary directory you remove.',
        '- Each test must be deterministic and independent of the others and of their order.',
        '- Name every describe block and case with a plain string literal (no template expressions, variables or .each).',
        '- If the code looks wrong, still assert what its name and documentation say it should do.',
    ].join('\n');
}
function userMessage(sections) {
    const parts = [
        `## Conventions\n${sections.conventions}`,
        `## Module under test\nA line to cover ends with // ${UNCOVERED_MARK}N (never executed) or // ${PARTIAL_MARK}N (a branch not taken), N being its line number.\n${sections.source}`,
        `## What to cover\n${sections.targets}`,
    ];
    if (sections.signatures !== '')
        parts.push(`## Signatures of what the module imports\n${sections.signatures}`);
    if (sections.styleExample !== '')
        parts.push(`## An existing test of this package (follow its style)\n${sections.styleExample}`);
    parts.push(`## Answer\n${sections.answerShape}`);
    return parts.join('\n\n');
}
/** The lines never executed (by number, as ranges) and the branches not taken on lines that ran. */
function targetsSection(context) {
    const out = [];
    const uncovered = [...new Set(context.uncoveredLines)].sort((a, b) => a - b);
    if (uncovered.length > 0)
        out.push(`Lines never executed by the existing tests: ${lineRanges(uncovered)}.`);
    const ran = (line) => !uncovered.includes(line);
    const branches = (context.uncoveredBranches ?? []).filter((branch) => ran(branch.line));
    const described = new Set(branches.map((branch) => branch.line));
    const partial = [...new Set(context.partialLines)].filter((line) => ran(line) && !described.has(line)).sort((a, b) => a - b);
    if (branches.length > 0 || partial.length > 0) {
        out.push('Branches not taken:');
        out.push(...groupedBranches(branches));
        if (partial.length > 0)
            out.push(`- a branch starting on line ${lineRanges(partial)}`);
    }
    if (out.length === 0)
        return 'No changed line is left uncovered; write tests for the changed lines\' behaviour.';
    out.push('Write test cases that execute these lines and take these branches.');
    return out.join('\n');
}
/** The user turn after a run: what failed (cleaned, cut), what is still uncovered, and the answer shape. */
function healingMessage(input) {
    const clean = (text) => cleanErrorText(text, { roots: input.roots ?? [], maxChars: input.maxErrorChars ?? 1500 });
    const parts = [`Your test file ${input.testPath} was run. It needs fixing.`];
    if (input.fileError !== null && input.fileError.trim() !== '') {
        parts.push(`The file as a whole failed (no test ran):\n${clean(input.fileError)}`);
    }
    const maxCases = input.maxFailingCases ?? DEFAULT_MAX_FAILING_CASES;
    if (input.failingCases.length > 0) {
        const shown = input.failingCases.slice(0, maxCases).map((failure) => `### ${failure.name}\n${clean(failure.error)}`);
        if (input.failingCases.length > maxCases)
            shown.push(`… and ${input.failingCases.length - maxCases} more failing cases`);
        parts.push(`Failing test cases:\n${shown.join('\n\n')}`);
    }
    const lines = input.moduleSource.replace(/\r\n?/g, '\n').split('\n');
    const still = [...new Set(input.stillUncoveredLines)].sort((a, b) => a - b);
    if (still.length > 0)
        parts.push(`Changed lines still not covered:\n${namedLines(still, lines).join('\n')}`);
    parts.push(`Your previous file:\n\`\`\`\n${input.previousFile}\n\`\`\``);
    parts.push('Fix or remove the failing cases (if a failure shows the code disagrees with its documented intent, keep the assertion and say so in "notes"), add cases for the lines still not covered, and send the whole file again.');
    parts.push(answerShapeReminder(input.answerLimits));
    return parts.join('\n\n');
}
/** One line per source line: `- line 17: the if branch is never taken; ...`. */
function groupedBranches(branches) {
    const byLine = new Map();
    for (const branch of branches)
        byLine.set(branch.line, [...(byLine.get(branch.line) ?? []), branch.description]);
    const lines = [...byLine.entries()].sort(([a], [b]) => a - b).slice(0, MAX_NAMED_LINES);
    return lines.map(([line, descriptions]) => `- line ${line}: ${descriptions.join('; ')}`);
}
/** `- line 12: \`code\`` for each line (at most MAX_NAMED_LINES, then a count). */
function namedLines(numbers, lines) {
    const named = numbers.slice(0, MAX_NAMED_LINES).map((line) => `- line ${line}: ${quote(lines[line - 1] ?? '')}`);
    if (numbers.length > MAX_NAMED_LINES)
        named.push(`- and ${numbers.length - MAX_NAMED_LINES} more lines`);
    return named;
}
function quote(code) {
    const trimmed = code.trim();
    return `\`${trimmed.length > MAX_QUOTED_CHARS ? `${trimmed.slice(0, MAX_QUOTED_CHARS)}…` : trimmed}\``;
}
/** 1,2,3,5 -> '1-3, 5' (at most MAX_NAMED_LINES ranges, then a count). */
function lineRanges(lines) {
    const ranges = [];
    let start = lines[0];
    let previous = start;
    for (const line of [...lines.slice(1), Number.NaN]) {
        if (line === previous + 1) {
            previous = line;
            continue;
        }
        ranges.push(start === previous ? String(start) : `${start}-${previous}`);
        start = line;
        previous = line;
    }
    const shown = ranges.slice(0, MAX_NAMED_LINES).join(', ');
    return ranges.length > MAX_NAMED_LINES ? `${shown} and ${ranges.length - MAX_NAMED_LINES} more ranges` : shown;
}

;// CONCATENATED MODULE: ./src/generation/prompt/templates/current.ts
/**
 * The prompt template in use. Every caller imports the template through this file, so a new version
 * is one line here (see the header of the newest vN.ts for how to make one).
 */


;// CONCATENATED MODULE: ./src/generation/prompt/build-prompt.ts
/**
 * The prompt for one module, measured and fitted to a token cap before it is sent (pure; the pre-hook).
 *
 * Renders the sections with the current template, counts the whole request with the model's tokenizer
 * (countPromptTokens) and each section on its own, and, while the total is over `maxPromptTokens`,
 * trims in this order, saying what it did:
 *   1. the style example (the conventions drawn from it stay);
 *   2. the imported signatures;
 *   3. the type declarations the focused source keeps (the source always shows only the imports, the
 *      export lists, the type declarations and the declarations holding uncovered or partial lines).
 * Still over: no messages, a one-line reason to report (the module is skipped, nothing is sent).
 */





const TRIM_ORDER = ['style-example', 'imported-signatures', 'distant-source'];
const TRIM_WORDS = {
    'style-example': 'the style example',
    'imported-signatures': 'the imported signatures',
    'distant-source': 'the type declarations outside the uncovered declarations',
};
function buildPrompt(context, options) {
    const trimmed = [];
    let attempt = measure(renderSections(context, options, trimmed), options);
    for (const step of TRIM_ORDER) {
        if (attempt.tokens.total <= options.maxPromptTokens)
            break;
        trimmed.push(step);
        attempt = measure(renderSections(context, options, trimmed), options);
    }
    if (attempt.tokens.total <= options.maxPromptTokens) {
        const trimNote = trimmed.length === 0 ? null : `trimmed ${trimmed.map((step) => TRIM_WORDS[step]).join(', ')} to fit ${options.maxPromptTokens} prompt tokens`;
        return { kind: 'ok', version: PROMPT_VERSION, messages: attempt.messages, tokens: attempt.tokens, trimmed, trimNote };
    }
    return {
        kind: 'too-large',
        version: PROMPT_VERSION,
        tokens: attempt.tokens,
        trimmed,
        reason: `the prompt for ${context.modulePath} needs ${attempt.tokens.total} tokens even trimmed to the uncovered declarations, over the ${options.maxPromptTokens}-token cap; raise the per-call cap or use a model with a larger context`,
    };
}
/** The user message's sections for the given trim steps (exported for measuring and tests). */
function renderSections(context, options, trimmed) {
    const marks = { changedLines: context.changedLines, uncoveredLines: context.uncoveredLines, partialLines: context.partialLines };
    // The source is focused on the declarations holding what is to be covered (plus imports, export
    // lists and type declarations); the last trim step drops the type declarations too.
    const distantTrimmed = trimmed.includes('distant-source');
    const targets = [...context.uncoveredLines, ...context.partialLines, ...(context.uncoveredBranches ?? []).map((b) => b.line)];
    const source = markedSource(context.moduleSource, marks, {
        fileName: context.modulePath,
        maxFullLines: options.maxFullSourceLines,
        elide: targets.length > 0 || distantTrimmed,
        focusLines: targets.length > 0 ? targets : context.changedLines,
        keepTypes: !distantTrimmed,
    });
    const example = context.styleExample;
    return {
        conventions: context.conventions.text,
        source: `${context.modulePath}\n${source}`,
        targets: targetsSection(context),
        signatures: trimmed.includes('imported-signatures') ? '' : context.importedSignatures,
        styleExample: example === null || trimmed.includes('style-example')
            ? ''
            : `${example.path}\n${styleExcerpt(example.content, example.path, options.maxStyleExampleLines)}`,
        answerShape: answerShapeReminder(context.answerLimits),
    };
}
function measure(sections, options) {
    const system = systemMessage();
    const messages = [
        { role: 'system', content: system },
        { role: 'user', content: userMessage(sections) },
    ];
    const count = (text) => countTextTokens(text, options.model);
    const sectionTokens = {
        system: count(system),
        conventions: count(sections.conventions),
        source: count(sections.source),
        targets: count(sections.targets),
        signatures: count(sections.signatures),
        styleExample: count(sections.styleExample),
        answerShape: count(sections.answerShape),
    };
    const total = countPromptTokens(messages, options.model, { extraText: options.extraText ?? [] });
    return { messages, tokens: { total, sections: sectionTokens } };
}

;// CONCATENATED MODULE: ./src/validation/proposed-path-rules.ts
/**
 * The pure rules a proposed test-file path must pass before anything touches the disk
 * (shared/SECURITY.md rule 4): how it is spelt, the protected files it may never be, and the test-file
 * globs it must match. Paths are repository-relative POSIX paths; each rule answers with one short
 * phrase (the reason) or undefined. The file-system half (exists, symlinks, realpath) lives in
 * check-proposed-path.ts.
 */


/** Extensions a generated test file may have (the JS/TS module extensions). */
const TEST_FILE_EXTENSIONS = ['.ts', '.tsx', '.mts', '.cts', '.js', '.jsx', '.mjs', '.cjs'];
/**
 * Default test-file globs (picomatch, `dot: true`, over repository-relative POSIX paths): Jest's and
 * Vitest's usual `*.test.*` / `*.spec.*` names, and JS/TS files under a `__tests__` directory.
 */
const DEFAULT_TEST_GLOBS = [
    '**/*.{test,spec}.{ts,tsx,mts,cts,js,jsx,mjs,cjs}',
    '**/__tests__/**/*.{ts,tsx,mts,cts,js,jsx,mjs,cjs}',
];
/** Caps on a proposed path, in UTF-8 bytes (a segment stays well under the usual 255-byte file-name limit). */
const PATH_LIMITS = { maxBytes: 300, maxSegments: 32, maxSegmentBytes: 150 };
const CONTROL_CHARACTER = /[\u0001-\u001f\u007f-\u009f]/;
/** Zero-width, bidirectional and other invisible formatting characters, and line/paragraph separators. */
const INVISIBLE_CHARACTER = /[\p{Cf}\u2028\u2029]/u;
const WINDOWS_ABSOLUTE = /^(?:[A-Za-z]:|\/\/|\\\\)/;
const WINDOWS_FORBIDDEN_CHARACTER = /[<>:"|?*]/;
const WINDOWS_DEVICE_NAME = /^(?:con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³]|conin\$|conout\$)(?:\..*)?$/i;
/** `GIT~1` is how Windows may spell `.git` (8.3 short names). */
const WINDOWS_SHORT_NAME = /~[0-9]/;
/** How the path is spelt: relative, POSIX, no traversal, no invisible or platform-specific tricks, not too long. */
function pathSpellingProblem(relPath) {
    if (typeof relPath !== 'string' || relPath.length === 0)
        return 'empty path';
    if (relPath.includes('\0'))
        return 'path contains a NUL byte';
    if (CONTROL_CHARACTER.test(relPath))
        return 'path contains a control character';
    if (INVISIBLE_CHARACTER.test(relPath))
        return 'path contains an invisible or bidirectional formatting character';
    if (relPath.startsWith('/') || WINDOWS_ABSOLUTE.test(relPath))
        return 'absolute path';
    if (relPath.includes('\\'))
        return 'path contains a backslash';
    if (Buffer.byteLength(relPath, 'utf8') > PATH_LIMITS.maxBytes)
        return `path too long (over ${PATH_LIMITS.maxBytes} bytes)`;
    const segments = relPath.split('/');
    if (segments.length > PATH_LIMITS.maxSegments)
        return `too many path segments (over ${PATH_LIMITS.maxSegments})`;
    if (segments[0]?.startsWith('-'))
        return "path starts with '-'";
    if (segments[0] === '~')
        return "path starts with '~'";
    for (const segment of segments) {
        const problem = segmentProblem(segment);
        if (problem)
            return problem;
    }
    return undefined;
}
function segmentProblem(segment) {
    if (segment === '')
        return 'empty path segment';
    if (segment === '..')
        return 'path escapes the repository';
    if (/^\.+$/.test(segment))
        return "'.' or dot-only path segment";
    if (Buffer.byteLength(segment, 'utf8') > PATH_LIMITS.maxSegmentBytes)
        return `path segment too long (over ${PATH_LIMITS.maxSegmentBytes} bytes)`;
    if (/^\s|\s$/u.test(segment))
        return 'path segment starts or ends with whitespace';
    if (segment.endsWith('.'))
        return 'path segment ends with a dot';
    if (WINDOWS_FORBIDDEN_CHARACTER.test(segment))
        return 'path contains a character not allowed in Windows file names';
    if (WINDOWS_DEVICE_NAME.test(segment))
        return 'reserved Windows device name';
    if (WINDOWS_SHORT_NAME.test(segment))
        return "Windows short-name form ('~' and a digit) in a path segment";
    return undefined;
}
/** Directories a proposed file may never be in, at any depth (compared case-insensitively). */
const PROTECTED_DIRECTORIES = new Map([
    ['.git', 'git metadata'],
    ['.github', 'GitHub workflows and settings'],
    ['node_modules', 'installed dependencies'],
    ['.husky', 'git hooks'],
    ['.yarn', 'Yarn plugins and releases'],
]);
/** File names (picomatch over the base name, case-insensitive) a proposed file may never have. */
const PROTECTED_FILE_NAMES = [
    { label: 'git settings', globs: ['.git*'] },
    { label: 'package manifest', globs: ['package.json', 'pnpm-workspace.yaml'] },
    {
        label: 'lockfile',
        globs: ['package-lock.json', 'npm-shrinkwrap.json', 'yarn.lock', 'pnpm-lock.yaml', 'bun.lock', 'bun.lockb'],
    },
    { label: 'package manager settings', globs: ['.npmrc', '.yarnrc*', '.pnpmfile.*', 'pnpmfile.*'] },
    {
        label: 'test runner config',
        globs: ['vitest.config.*', 'vite.config.*', 'vitest.workspace.*', 'vitest.projects.*', 'jest.config.*', 'jest-preset.*'],
    },
    {
        label: 'build config',
        globs: ['babel.config.*', '.babelrc*', 'tsconfig*.json', 'jsconfig*.json', '.swcrc', 'postcss.config.*', '.postcssrc*'],
    },
    { label: 'environment file', globs: ['.env', '.env.*'] },
    { label: 'type declaration', globs: ['*.d.ts', '*.d.mts', '*.d.cts', '*.d.*.ts'] },
];
const PROTECTED_FILE_MATCHERS = PROTECTED_FILE_NAMES.map((entry) => ({
    label: entry.label,
    match: picomatch_default()([...entry.globs], { dot: true, nocase: true }),
}));
/** Whether the path is, or is inside, something protected. Case and Unicode normalisation do not matter. */
function protectedPathProblem(relPath) {
    const segments = relPath.split('/').map((segment) => segment.normalize('NFC').toLowerCase());
    for (const segment of segments) {
        const label = PROTECTED_DIRECTORIES.get(segment);
        if (label)
            return `protected file (${label})`;
    }
    const baseName = segments[segments.length - 1] ?? '';
    const hit = PROTECTED_FILE_MATCHERS.find((matcher) => matcher.match(baseName));
    return hit ? `protected file (${hit.label})` : undefined;
}
/** Compiles the configured test-file globs; an empty or malformed glob is a configuration error. */
function compileTestGlobs(testGlobs) {
    if (testGlobs.length === 0)
        return () => false;
    try {
        return picomatch_default()([...testGlobs], { dot: true });
    }
    catch (error) {
        throw new errors/* ConfigurationError */.j1(`invalid test-file glob in ${JSON.stringify(testGlobs)}: ${error instanceof Error ? error.message : String(error)}; use non-empty picomatch globs such as "**/*.test.ts"`, { cause: error });
    }
}
/** Every pure rule in order: spelling, protection, then the test-file globs. */
function proposedPathProblem(relPath, testGlobs) {
    const spelling = pathSpellingProblem(relPath);
    if (spelling)
        return spelling;
    const protection = protectedPathProblem(relPath);
    if (protection)
        return protection;
    if (!compileTestGlobs(testGlobs)(relPath))
        return 'not a test file by the configured globs';
    return undefined;
}

;// CONCATENATED MODULE: ./src/generation/prompt/imported-signatures.ts
/**
 * The signatures of what a module imports from the repository (pure; files are read through the
 * `readFile` passed in). For each relative import (ESM `import`, or CJS `require` of a string), the
 * exported declarations the module actually names, as signatures only: function headers, class
 * members without bodies (private ones left out), interfaces, type aliases and enums whole, consts with
 * their type (or a short initializer). A namespace import (`import * as m`) or a whole `require` takes
 * every export. The result is capped at `maxChars`; what does not fit is counted in a last line.
 *
 * Re-exports (`export { x } from './y.js'`) are not followed: one level is what the model needs.
 */



const DEFAULT_MAX_SIGNATURE_CHARS = 4000;
const DEFAULT_MAX_DECLARATION_CHARS = 800;
const ALL = '*';
const RESOLUTION_EXTENSIONS = {
    '.js': ['.ts', '.tsx', '.js', '.jsx'],
    '.jsx': ['.tsx', '.jsx'],
    '.mjs': ['.mts', '.mjs'],
    '.cjs': ['.cts', '.cjs'],
};
const EXTENSIONLESS = ['.ts', '.tsx', '.js', '.jsx', '.mts', '.mjs', '.cts', '.cjs', '/index.ts', '/index.tsx', '/index.js'];
/** Signatures of the imported declarations, one block per imported module; '' when there are none. */
function importedSignatures(modulePath, moduleSource, readFile, options = {}) {
    const maxChars = options.maxChars ?? DEFAULT_MAX_SIGNATURE_CHARS;
    const maxDeclarationChars = options.maxDeclarationChars ?? DEFAULT_MAX_DECLARATION_CHARS;
    const blocks = [];
    let used = 0;
    let omitted = 0;
    for (const [specifier, names] of relativeImports(parseModule(moduleSource, modulePath))) {
        const resolved = resolveImport(modulePath, specifier, readFile);
        if (resolved === null)
            continue;
        const signatures = exportedSignatures(resolved.path, resolved.source, names, maxDeclarationChars);
        if (signatures.length === 0)
            continue;
        const kept = [`// ${specifier} (${resolved.path})`];
        for (const signature of signatures) {
            const cost = signature.length + 1;
            if (used + kept.join('\n').length + cost > maxChars)
                omitted += 1;
            else
                kept.push(signature);
        }
        if (kept.length > 1) {
            const block = kept.join('\n');
            blocks.push(block);
            used += block.length + 2;
        }
    }
    if (omitted > 0)
        blocks.push(`// … ${omitted} more declaration${omitted === 1 ? '' : 's'} omitted (size cap)`);
    return blocks.join('\n\n');
}
/** Relative specifier -> the names imported from it ('*' for all, 'default' for the default export). */
function relativeImports(file) {
    const imports = new Map();
    const add = (specifier, names) => {
        if (!specifier.startsWith('./') && !specifier.startsWith('../'))
            return;
        const set = imports.get(specifier) ?? new Set();
        for (const name of names)
            set.add(name);
        imports.set(specifier, set);
    };
    for (const statement of file.statements) {
        if (typescript_default().isImportDeclaration(statement) && typescript_default().isStringLiteral(statement.moduleSpecifier)) {
            add(statement.moduleSpecifier.text, importClauseNames(statement.importClause));
        }
        else if (typescript_default().isVariableStatement(statement)) {
            for (const declaration of statement.declarationList.declarations) {
                const specifier = requiredSpecifier(declaration.initializer);
                if (specifier === null)
                    continue;
                add(specifier, typescript_default().isObjectBindingPattern(declaration.name) ? requireBindingNames(declaration.name) : [ALL]);
            }
        }
    }
    return imports;
}
function importClauseNames(clause) {
    if (!clause)
        return [];
    const names = [];
    if (clause.name)
        names.push('default');
    const bindings = clause.namedBindings;
    if (bindings && typescript_default().isNamespaceImport(bindings))
        names.push(ALL);
    if (bindings && typescript_default().isNamedImports(bindings)) {
        for (const element of bindings.elements)
            names.push((element.propertyName ?? element.name).text);
    }
    return names;
}
function requiredSpecifier(expression) {
    if (!expression || !typescript_default().isCallExpression(expression))
        return null;
    const [argument] = expression.arguments;
    const isRequire = typescript_default().isIdentifier(expression.expression) && expression.expression.text === 'require';
    return isRequire && argument && typescript_default().isStringLiteral(argument) ? argument.text : null;
}
function requireBindingNames(pattern) {
    return pattern.elements.map((element) => {
        const key = element.propertyName ?? element.name;
        return typescript_default().isIdentifier(key) || typescript_default().isStringLiteral(key) ? key.text : ALL;
    });
}
function resolveImport(modulePath, specifier, readFile) {
    const target = external_node_path_default().posix.normalize(external_node_path_default().posix.join(external_node_path_default().posix.dirname(modulePath), specifier));
    if (target.startsWith('../') || target === '..' || external_node_path_default().posix.isAbsolute(target))
        return null;
    const extension = external_node_path_default().posix.extname(target);
    const stem = target.slice(0, target.length - extension.length);
    const candidates = RESOLUTION_EXTENSIONS[extension]?.map((ext) => stem + ext) ?? [target, ...EXTENSIONLESS.map((ext) => target + ext)];
    for (const candidate of candidates) {
        const source = readFile(candidate);
        if (source !== null)
            return { path: candidate, source };
    }
    return null;
}
function exportedSignatures(filePath, source, wanted, maxChars) {
    const file = parseModule(source, filePath);
    const all = wanted.has(ALL);
    const locallyExported = exportListNames(file);
    const signatures = [];
    for (const statement of file.statements) {
        const names = declaredNames(statement);
        const exportedAs = isExported(statement)
            ? hasDefault(statement) ? ['default'] : names
            : names.flatMap((name) => locallyExported.get(name) ?? []);
        if (exportedAs.length === 0 || !(all || exportedAs.some((name) => wanted.has(name))))
            continue;
        const signature = signatureOf(statement, file);
        if (signature !== null)
            signatures.push(cap(signature, maxChars));
    }
    return signatures;
}
/** `export { a, b as c }` without a module specifier: local name -> exported names. */
function exportListNames(file) {
    const names = new Map();
    for (const statement of file.statements) {
        if (typescript_default().isExportAssignment(statement) && typescript_default().isIdentifier(statement.expression)) {
            names.set(statement.expression.text, [...(names.get(statement.expression.text) ?? []), 'default']);
        }
        if (!typescript_default().isExportDeclaration(statement) || statement.moduleSpecifier || !statement.exportClause)
            continue;
        if (!typescript_default().isNamedExports(statement.exportClause))
            continue;
        for (const element of statement.exportClause.elements) {
            const local = (element.propertyName ?? element.name).text;
            names.set(local, [...(names.get(local) ?? []), element.name.text]);
        }
    }
    return names;
}
function signatureOf(statement, file) {
    const text = (from, to) => file.text.slice(from, to).trim();
    const start = statement.getStart(file, true);
    if (typescript_default().isFunctionDeclaration(statement)) {
        return statement.body ? `${text(start, statement.body.getStart(file))};` : text(start, statement.getEnd());
    }
    if (typescript_default().isClassDeclaration(statement))
        return classSignature(statement, file, start);
    if (typescript_default().isInterfaceDeclaration(statement) || typescript_default().isTypeAliasDeclaration(statement) || typescript_default().isEnumDeclaration(statement)) {
        return text(start, statement.getEnd());
    }
    if (typescript_default().isVariableStatement(statement)) {
        const keyword = text(start, statement.declarationList.declarations[0]?.getStart(file) ?? start);
        const parts = statement.declarationList.declarations.map((declaration) => variableSignature(declaration, file));
        return `${keyword} ${parts.join(', ')};`;
    }
    return null;
}
function classSignature(node, file, start) {
    const firstMember = node.members[0];
    const headerEnd = file.text.lastIndexOf('{', firstMember ? firstMember.getFullStart() : node.getEnd() - 1);
    const lines = [`${file.text.slice(start, headerEnd).trim()} {`];
    for (const member of node.members) {
        if (hasModifier(member, (typescript_default()).SyntaxKind.PrivateKeyword) || (member.name && typescript_default().isPrivateIdentifier(member.name)))
            continue;
        const memberStart = member.getStart(file);
        const body = 'body' in member ? member.body : undefined;
        const signature = body ? `${file.text.slice(memberStart, body.getStart(file)).trim()};` : file.text.slice(memberStart, member.getEnd()).trim();
        if (!typescript_default().isSemicolonClassElement(member))
            lines.push(`  ${signature.replace(/\s*\n\s*/g, ' ')}`);
    }
    lines.push('}');
    return lines.join('\n');
}
function variableSignature(declaration, file) {
    const name = declaration.name.getText(file);
    if (declaration.type)
        return `${name}: ${declaration.type.getText(file)}`;
    const initializer = declaration.initializer;
    if (initializer && (typescript_default().isArrowFunction(initializer) || typescript_default().isFunctionExpression(initializer))) {
        const bodyStart = initializer.body.getStart(file);
        const header = file.text.slice(initializer.getStart(file), bodyStart).trim();
        return `${name} = ${header}${typescript_default().isArrowFunction(initializer) ? ' …' : ' { … }'}`;
    }
    return initializer ? `${name} = ${cap(initializer.getText(file), 120)}` : name;
}
function cap(text, maxChars) {
    return text.length <= maxChars ? text : `${text.slice(0, maxChars)} …`;
}

;// CONCATENATED MODULE: ./src/generation/prompt/test-conventions.ts
/**
 * How the new test file imports the test API and the module under test (pure). The style example (an
 * existing test of the same package) wins where it shows a choice; otherwise the defaults follow the
 * package:
 *
 * - Vitest: `import { describe, it, expect, vi } from 'vitest'`, unless the example uses the globals
 *   (calls describe/it/test without importing vitest).
 * - Jest: the globals, unless the example imports `@jest/globals`.
 * - Syntax: `require` for a JavaScript test in a CommonJS context (`.cjs`, or `.js`/`.jsx` in a
 *   `"type": "commonjs"` package) under Jest, or whenever the example itself uses `require` and no
 *   `import`; ES `import` otherwise (TypeScript compiles it; Vitest transforms it).
 * - The module's specifier: relative from the test file's directory; its extension as the example's
 *   relative imports spell it (`.js` for TS under NodeNext, none, or `.ts`), else `.js`-style for an
 *   ES module package and none for a CommonJS one. `.mts`/`.cts`/`.mjs`/`.cjs` modules always keep
 *   their extension (Node needs it).
 */

const JS_EXTENSION_OF = {
    '.ts': '.js', '.tsx': '.js', '.js': '.js', '.jsx': '.js', '.mts': '.mjs', '.mjs': '.mjs', '.cts': '.cjs', '.cjs': '.cjs',
};
const SCRIPT_EXTENSION = /\.(?:[cm]?[jt]sx?)$/;
const RELATIVE_SPECIFIER = /(?:\bfrom\s*|\bimport\s*\(\s*|\bimport\s+|\brequire\s*\(\s*|\b(?:vi|jest)\.mock\s*\(\s*)['"](\.\.?\/[^'"]*)['"]/g;
function testConventions(input) {
    const example = input.styleExample ?? '';
    const syntax = chooseSyntax(input, example);
    const usesGlobals = chooseGlobals(input.framework, example);
    const testApiImport = usesGlobals ? null : apiImportLine(input.framework, syntax);
    const specifierStyle = chooseSpecifierStyle(input, example, syntax);
    const moduleSpecifier = relativeSpecifier(input.testPath, input.modulePath, specifierStyle);
    const frameworkName = input.framework === 'vitest' ? 'Vitest' : 'Jest';
    const mockApi = input.framework === 'vitest' ? 'vi' : 'jest';
    const importExample = syntax === 'cjs' ? `const { … } = require('${moduleSpecifier}');` : `import { … } from '${moduleSpecifier}';`;
    const text = [
        `Framework: ${frameworkName}${input.frameworkVersion ? ` ${input.frameworkVersion}` : ''}, ${syntax === 'cjs' ? 'CommonJS (require)' : 'ES module syntax (import)'}.`,
        `Test file: ${input.testPath} (a new file; the module under test is ${input.modulePath}).`,
        testApiImport === null
            ? `The test API (describe, it, expect, ${mockApi}) is global: do not import it.`
            : `Import the test API with: ${testApiImport}`,
        `Import the module under test with: ${importExample}`,
        `Mocks, if needed, with ${mockApi}.fn() / ${mockApi}.spyOn(); restore them after each test.`,
    ].join('\n');
    return { framework: input.framework, syntax, usesGlobals, testApiImport, moduleSpecifier, specifierStyle, text };
}
function chooseSyntax(input, example) {
    const extension = external_node_path_default().posix.extname(input.testPath);
    if (/^\.[cm]?tsx?$/.test(extension) || extension === '.mjs')
        return 'esm';
    const exampleImports = /^\s*import\s/m.test(example);
    const exampleRequires = /\brequire\s*\(\s*['"]/.test(example);
    if (exampleRequires && !exampleImports)
        return 'cjs';
    if (exampleImports)
        return 'esm';
    const commonJsContext = extension === '.cjs' || input.moduleType === 'commonjs';
    return commonJsContext && input.framework === 'jest' ? 'cjs' : 'esm';
}
function chooseGlobals(framework, example) {
    if (framework === 'vitest') {
        if (example === '')
            return false;
        const importsVitest = /(?:from\s*|require\s*\(\s*)['"]vitest['"]/.test(example);
        const callsTestApi = /(?:^|[^.\w$])(?:describe|it|test)\s*\(/m.test(example);
        return callsTestApi && !importsVitest;
    }
    return !/(?:from\s*|require\s*\(\s*)['"]@jest\/globals['"]/.test(example);
}
function apiImportLine(framework, syntax) {
    const [names, from] = framework === 'vitest' ? ['describe, it, expect, vi', 'vitest'] : ['describe, it, expect, jest', '@jest/globals'];
    return syntax === 'cjs' ? `const { ${names} } = require('${from}');` : `import { ${names} } from '${from}';`;
}
function chooseSpecifierStyle(input, example, syntax) {
    if (/\.[cm][jt]s$/.test(input.modulePath))
        return 'js-extension';
    const counts = { 'js-extension': 0, 'ts-extension': 0, extensionless: 0 };
    for (const match of example.matchAll(RELATIVE_SPECIFIER)) {
        const specifier = match[1] ?? '';
        const extension = SCRIPT_EXTENSION.exec(specifier)?.[0];
        if (extension === undefined) {
            if (external_node_path_default().posix.extname(specifier) === '' || !/\.\w+$/.test(specifier))
                counts.extensionless += 1;
        }
        else
            counts[/t/.test(extension) ? 'ts-extension' : 'js-extension'] += 1;
    }
    const best = Object.entries(counts).sort((a, b) => b[1] - a[1])[0];
    if (best && best[1] > 0)
        return best[0];
    const isTypeScript = /\.[cm]?tsx?$/.test(input.modulePath);
    if (syntax === 'cjs')
        return 'extensionless';
    return input.moduleType === 'module' || !isTypeScript ? 'js-extension' : 'extensionless';
}
function relativeSpecifier(testPath, modulePath, style) {
    let relative = external_node_path_default().posix.relative(external_node_path_default().posix.dirname(testPath), modulePath);
    if (!relative.startsWith('../'))
        relative = `./${relative}`;
    const extension = external_node_path_default().posix.extname(relative);
    const stem = relative.slice(0, relative.length - extension.length);
    if (style === 'ts-extension')
        return relative;
    if (style === 'extensionless')
        return stem;
    return stem + (JS_EXTENSION_OF[extension] ?? extension);
}

;// CONCATENATED MODULE: ./src/generation/module/uncovered-branches.ts
const KIND_WORDS = {
    if: ['the if branch', 'the else branch'],
    'cond-expr': ['the true side of the ?: expression', 'the false side of the ?: expression'],
    'default-arg': ['the default value of the parameter'],
};
function uncoveredBranches(data, changedLines) {
    const changed = new Set(changedLines);
    const found = [];
    for (const [id, hits] of Object.entries(data.b)) {
        const branch = data.branchMap[id];
        if (!branch)
            continue;
        const line = branch.loc?.start.line ?? branch.locations[0]?.start.line;
        if (line === undefined || !changed.has(line))
            continue;
        hits.forEach((count, index) => {
            if (count !== 0)
                return;
            found.push({ line, description: describePath(branch.type, index, branch.locations.length) });
        });
    }
    return found.sort((a, b) => a.line - b.line);
}
function describePath(type, index, paths) {
    const words = KIND_WORDS[type]?.[index];
    if (words)
        return `${words} is never taken`;
    if (type === 'switch')
        return `case ${index + 1} of the switch is never taken`;
    if (type === 'binary-expr' || type === 'logical-expr')
        return `operand ${index + 1} of ${paths} of the logical expression is never evaluated`;
    return `path ${index + 1} of ${paths} of the ${type} is never taken`;
}

;// CONCATENATED MODULE: ./src/generation/module/module-context.ts
/**
 * Everything the prompt for one module is built from, read from the validation checkout (effects:
 * reads files, lists the package's tracked files with git). The rendering itself is pure
 * (src/generation/prompt/).
 */








/** Style examples larger than this are not read. */
const MAX_EXAMPLE_BYTES = 64 * 1024;
async function buildModuleContext(checkoutDir, job, testPath) {
    const modulePath = job.plan.file.path;
    const readRepoFile = repoFileReader(checkoutDir);
    const moduleSource = readRepoFile(modulePath);
    if (moduleSource === null)
        throw new errors/* GenerationError */.VP(`cannot read ${modulePath} inside the checkout (missing, or a link to outside the repository)`);
    const { styleExample, conventions } = await conventionsFor(checkoutDir, job, testPath, readRepoFile);
    return {
        modulePath,
        moduleSource,
        changedLines: job.plan.file.changedLines,
        uncoveredLines: job.patch.missingLines,
        partialLines: job.patch.partialLines,
        uncoveredBranches: job.baseline ? uncoveredBranches(job.baseline, job.plan.file.changedLines) : [],
        testPath,
        conventions,
        importedSignatures: importedSignatures(modulePath, moduleSource, readRepoFile),
        styleExample,
    };
}
/**
 * How the new test file imports and is written, from the package and one existing test of it (the
 * style example). All the zero-token generator needs of the context.
 */
async function moduleConventions(checkoutDir, job, testPath) {
    return (await conventionsFor(checkoutDir, job, testPath, repoFileReader(checkoutDir))).conventions;
}
async function conventionsFor(checkoutDir, job, testPath, readRepoFile) {
    const pkg = job.plan.pkg;
    const styleExample = await findStyleExample(checkoutDir, job, readRepoFile);
    const conventions = testConventions({
        framework: pkg.framework ?? 'vitest',
        frameworkVersion: pkg.frameworkVersion,
        moduleType: pkg.moduleType,
        modulePath: job.plan.file.path,
        testPath,
        styleExample: styleExample?.content ?? null,
    });
    return { styleExample, conventions };
}
/**
 * A reader of repository files that refuses anything outside the checkout, also through symbolic
 * links: a pull request could commit `test/x.test.ts -> /proc/self/environ`, and what is read here goes
 * to the model provider.
 */
function repoFileReader(checkoutDir) {
    let root;
    try {
        root = (0,external_node_fs_.realpathSync)(checkoutDir);
    }
    catch {
        return () => null;
    }
    return (repoPath) => {
        try {
            const real = (0,external_node_fs_.realpathSync)(external_node_path_default().resolve(root, repoPath));
            if (!real.startsWith(root + (external_node_path_default()).sep))
                return null;
            return (0,external_node_fs_.readFileSync)(real, 'utf8');
        }
        catch {
            return null;
        }
    };
}
/** The module's own test, else the package's tracked test closest to the module; generated ones skipped. */
async function findStyleExample(checkoutDir, job, readRepoFile) {
    const candidates = [...job.relatedTests];
    if (candidates.length === 0)
        candidates.push(...(await packageTests(checkoutDir, job.plan.pkg.relDir, job.plan.file.path)));
    for (const candidate of candidates) {
        if (candidate.includes('.testmaster.'))
            continue;
        const content = readRepoFile(candidate);
        if (content !== null && Buffer.byteLength(content) <= MAX_EXAMPLE_BYTES)
            return { path: candidate, content };
    }
    return null;
}
async function packageTests(checkoutDir, packageDir, modulePath) {
    const listed = await runGit(checkoutDir, ['ls-files', '-z', '--', packageDir === '' ? '.' : packageDir]).catch(() => null);
    if (listed === null)
        return [];
    const isTest = compileTestGlobs(DEFAULT_TEST_GLOBS);
    const tests = listed.stdout.split('\0').filter((file) => file !== '' && isTest(file) && !file.includes('/node_modules/'));
    const moduleDir = external_node_path_default().posix.dirname(modulePath).split('/');
    const distance = (file) => {
        const dir = external_node_path_default().posix.dirname(file).split('/');
        let shared = 0;
        while (shared < dir.length && shared < moduleDir.length && dir[shared] === moduleDir[shared])
            shared++;
        return dir.length + moduleDir.length - 2 * shared;
    };
    return tests.sort((a, b) => distance(a) - distance(b) || a.localeCompare(b)).slice(0, 5);
}

;// CONCATENATED MODULE: ./src/generation/module/module-prompt.ts
/**
 * The first prompt for one module, exactly as it is sent (and as `--estimate` prices it): the module's
 * context read from the checkout, rendered with the current template, with the structured-output
 * schema counted on top. Also how later turns of the same module are measured against the cap.
 */




async function buildModulePrompt(checkoutDir, job, testPath, options) {
    const context = await buildModuleContext(checkoutDir, job, testPath);
    const answerSchema = answerJsonSchema();
    const extraText = [JSON.stringify(answerSchema)];
    const built = buildPrompt(context, { model: options.model, maxPromptTokens: options.maxPromptTokens, extraText });
    return { context, built, answerSchema, tokensOf: (messages) => countPromptTokens(messages, options.model, { extraText }) };
}

;// CONCATENATED MODULE: ./src/validation/test-file-path.ts
/**
 * Where a generated test for a module goes. By default a new sibling file:
 * `src/x.ts` -> `src/x.testmaster.test.ts` (same extension, so ESM/CJS and TS/JS stay as they were).
 *
 * A pattern can choose another place. Placeholders:
 *   {dir}   the module's directory, repository-relative (empty for a module at the root);
 *           it must be a whole path segment, e.g. `{dir}/__tests__/...` or `test/generated/{dir}/...`
 *   {name}  the module's file name without its extension (`x.module` for `x.module.ts`);
 *           it must be in the file name (the last segment)
 *   {ext}   the module's extension with its dot (`.ts`, `.mjs`, `.tsx`, `.cts`...)
 * The file name must end with a test-file suffix: `.test` or `.spec` followed by `{ext}` or a literal
 * JS/TS extension. The pattern must be relative, POSIX, and without `..`. Examples:
 *   `{dir}/{name}.testmaster.test{ext}` (the default)
 *   `{dir}/__tests__/{name}.testmaster.test{ext}`
 *   `test/generated/{dir}/{name}.test{ext}`
 * An empty {dir} (a module at the root) leaves no segment behind. The result is only a proposal: it still goes
 * through checkProposedPath before anything is written.
 */


const DEFAULT_TEST_PATH_PATTERN = '{dir}/{name}.testmaster.test{ext}';
const PLACEHOLDER = /\{([^{}]*)\}/g;
const KNOWN_PLACEHOLDERS = new Set(['dir', 'name', 'ext']);
const EXTENSION_ALTERNATIVES = TEST_FILE_EXTENSIONS.map((extension) => extension.slice(1)).join('|');
const test_file_path_TEST_SUFFIX = new RegExp(`\\.(?:test|spec)(?:\\{ext\\}|\\.(?:${EXTENSION_ALTERNATIVES}))$`);
const DECLARATION = /\.d(?:\.[^./]+)?\.[cm]?ts$/;
/** The default (or patterned) path of a new test file for a module. Pure. */
function proposedTestPath(modulePath, options = {}) {
    const pattern = options.pattern ?? DEFAULT_TEST_PATH_PATTERN;
    const patternProblem = testPathPatternProblem(pattern);
    if (patternProblem) {
        throw new errors/* ConfigurationError */.j1(`invalid test path pattern ${JSON.stringify(pattern)}: ${patternProblem}; use placeholders {dir}, {name} and {ext}, e.g. "${DEFAULT_TEST_PATH_PATTERN}"`);
    }
    const parts = splitModulePath(modulePath);
    return renderPattern(pattern, parts);
}
/** Why a test path pattern is unusable, or undefined when it is fine. */
function testPathPatternProblem(pattern) {
    if (typeof pattern !== 'string' || pattern.trim() === '')
        return 'the pattern is empty';
    for (const match of pattern.matchAll(PLACEHOLDER)) {
        if (!KNOWN_PLACEHOLDERS.has(match[1] ?? ''))
            return `unknown placeholder {${match[1] ?? ''}}`;
    }
    if (/[{}]/.test(pattern.replace(PLACEHOLDER, '')))
        return 'unbalanced { or }';
    const segments = pattern.split('/');
    const fileName = segments[segments.length - 1] ?? '';
    if (!fileName.includes('{name}'))
        return 'the file name (after the last /) must contain {name}';
    if (!test_file_path_TEST_SUFFIX.test(fileName))
        return 'the file name must end with .test{ext} or .spec{ext} (or .test/.spec and a JS/TS extension)';
    if (segments.some((segment) => segment.includes('{dir}') && segment !== '{dir}'))
        return '{dir} must be a whole path segment';
    const sample = renderPattern(pattern, { dir: 'sample/dir', name: 'sample', ext: '.ts' });
    const spelling = pathSpellingProblem(sample);
    return spelling ? `it gives unsafe paths (${spelling})` : undefined;
}
function splitModulePath(modulePath) {
    const fail = (why) => {
        throw new errors/* GenerationError */.VP(`cannot propose a test file for ${JSON.stringify(modulePath)}: ${why}`);
    };
    if (typeof modulePath !== 'string' || modulePath === '')
        return fail('the module path is empty');
    if (modulePath.startsWith('/') || modulePath.includes('\\') || /^[A-Za-z]:/.test(modulePath)) {
        return fail('expected a repository-relative POSIX path');
    }
    const slash = modulePath.lastIndexOf('/');
    const fileName = modulePath.slice(slash + 1);
    const ext = TEST_FILE_EXTENSIONS.find((extension) => fileName.endsWith(extension));
    if (!ext || fileName.length === ext.length)
        return fail(`not a JS/TS module (${TEST_FILE_EXTENSIONS.join(', ')})`);
    if (DECLARATION.test(fileName))
        return fail('a type declaration has no code to test');
    return { dir: slash === -1 ? '' : modulePath.slice(0, slash), name: fileName.slice(0, -ext.length), ext };
}
function renderPattern(pattern, parts) {
    const dirSegments = parts.dir === '' ? [] : parts.dir.split('/');
    return pattern
        .split('/')
        .flatMap((segment) => segment === '{dir}' ? dirSegments : [segment.replace(PLACEHOLDER, (_whole, key) => parts[key])])
        .join('/');
}

;// CONCATENATED MODULE: ./src/generation/module/choose-test-path.ts
/**
 * Where a module's proposed test goes (pure). With the default pattern, the repository's own layout
 * wins: when the module already has a test in another directory (`test/money.test.ts` for
 * `src/money.ts`, `__tests__/reorder.test.js` for `src/reorder.js`), the new file goes beside that test
 * (`test/money.testmaster.test.ts`), as its authors would have put it; otherwise beside the module. The
 * `.spec` suffix is kept when the module's tests use it (a runner configured for `*.spec.ts` would not
 * collect a `.test.ts`). A pattern set in the config is always followed.
 *
 * assignTestPaths gives every module of a run its own path: two modules never share one (a flat test
 * directory with two `index.ts` modules), and a path where a file already exists (a test proposed by an
 * earlier run and committed) gets a numbered name instead.
 */



function chooseTestPath(modulePath, relatedTests, pattern) {
    const patterned = proposedTestPath(modulePath, { pattern });
    if (pattern !== DEFAULT_TEST_PATH_PATTERN)
        return patterned;
    const own = relatedTests.find((test) => !test.includes('.testmaster.'));
    if (own === undefined)
        return patterned;
    const name = /\.spec\.[^./]+$/.test(own) ? external_node_path_default().posix.basename(patterned).replace(/\.testmaster\.test\./, '.testmaster.spec.') : external_node_path_default().posix.basename(patterned);
    const testDir = external_node_path_default().posix.dirname(own);
    const candidate = testDir === external_node_path_default().posix.dirname(modulePath) ? external_node_path_default().posix.join(external_node_path_default().posix.dirname(patterned), name) : external_node_path_default().posix.join(testDir, name);
    return proposedPathProblem(candidate, DEFAULT_TEST_GLOBS) === undefined ? candidate : patterned;
}
/** One distinct, free test path per module (by module path), in the order given. */
function assignTestPaths(modules, pattern, exists) {
    const assigned = new Map();
    const taken = new Set();
    for (const module of modules) {
        let chosen = chooseTestPath(module.modulePath, module.relatedTests, pattern);
        if (taken.has(chosen))
            chosen = proposedTestPath(module.modulePath, { pattern });
        let candidate = chosen;
        for (let n = 2; taken.has(candidate) || exists(candidate); n += 1)
            candidate = numbered(chosen, n);
        taken.add(candidate);
        assigned.set(module.modulePath, candidate);
    }
    return assigned;
}
/** `a/x.testmaster.test.ts` -> `a/x.testmaster-2.test.ts`. */
function numbered(testPath, n) {
    const match = /(\.(?:test|spec)\.[^./]+)$/.exec(testPath);
    return match ? `${testPath.slice(0, match.index)}-${n}${match[1]}` : `${testPath}-${n}`;
}

;// CONCATENATED MODULE: ./src/pipeline/estimate-cost.ts
/**
 * `--estimate`: the worst case of every model call the run could make, without making any. Each
 * module's first prompt is built exactly as it would be sent; per module the plan is, per turn (the
 * first answer and each healing turn), one answer and one repair, each sent up to max-retries + 1
 * times. A healing prompt is counted as the first prompt plus a whole previous file plus the errors,
 * capped at max-prompt-tokens (a larger one is never sent).
 */



/** Allowance for the failing cases' error text in a healing prompt (8 cases of 1,500 characters). */
const HEALING_ERROR_TOKENS = 3000;
async function estimateCost(checkoutDir, jobs, config, prepared) {
    const model = prepared.settings.model;
    const cap = prepared.settings.maxCompletionTokens;
    const attemptsPerRequest = prepared.settings.maxRetries + 1;
    const plans = [];
    const promptTokens = new Map();
    for (const job of jobs) {
        if (job.patch.missingLines.length + job.patch.partialLines.length === 0)
            continue;
        const modulePath = job.plan.file.path;
        const testPath = chooseTestPath(modulePath, job.relatedTests, config.testPathPattern);
        const { built } = await buildModulePrompt(checkoutDir, job, testPath, { model, maxPromptTokens: config.maxPromptTokens });
        if (built.kind === 'too-large')
            continue;
        promptTokens.set(modulePath, built.tokens.total);
        const healing = Math.min(config.maxPromptTokens, built.tokens.total + cap + HEALING_ERROR_TOKENS);
        // Each turn: an answer and a repair (the repair carries the answer back: up to one more completion).
        plans.push({ module: modulePath, promptTokens: built.tokens.total, maxCompletionTokens: cap, calls: attemptsPerRequest });
        plans.push({ module: modulePath, promptTokens: Math.min(config.maxPromptTokens, built.tokens.total + cap), maxCompletionTokens: cap, calls: attemptsPerRequest });
        if (config.maxHealAttempts > 0) {
            plans.push({ module: modulePath, promptTokens: healing, maxCompletionTokens: cap, calls: 2 * attemptsPerRequest * config.maxHealAttempts });
        }
    }
    const estimate = estimateWorstCase(plans, { price: prepared.price.price, limits: prepared.limits });
    return {
        model,
        modules: estimate.modules.map((entry) => ({ path: entry.module, promptTokens: promptTokens.get(entry.module) ?? 0, llmCalls: entry.llmCalls, costUsd: entry.costUsd })),
        inputTokens: estimate.inputTokens,
        outputTokens: estimate.outputTokens,
        llmCalls: estimate.llmCalls,
        costUsd: estimate.costUsd,
        exceeds: estimate.exceeds,
    };
}

// EXTERNAL MODULE: ./node_modules/p-limit/index.js + 1 modules
var p_limit = __webpack_require__(370);
;// CONCATENATED MODULE: ./src/report/secret-forms.ts
/**
 * Pure: regular-expression sources, per known secret, that match the secret as text code usually turns
 * it into, so that redaction (redact.ts) also catches a secret a test printed encoded or spaced out
 * (a test name built at run time, an assertion message):
 *
 * - spaced or separated: the secret's characters with up to MAX_SEPARATORS non-alphanumeric
 *   characters (whitespace, punctuation, quotes, commas, invisible characters) between each, which
 *   also covers the exact value, `'s','k','-'` arrays, `s\nk` and string concatenation; and the same
 *   reversed;
 * - hex of its UTF-8 bytes, lower, upper or mixed case, the bytes plain (`736b2d`), separated
 *   (`73 6b`, `73:6b`) or prefixed (`\x73\x6b`, `0x73, 0x6b`, `%73%6B`, `\u0073\u006b`): percent-
 *   encoding of every byte is one of these;
 * - URL-encoded: each character as itself or percent-encoded (encodeURIComponent, encodeURI, partial
 *   encodings), when any of its characters is one that gets encoded;
 * - base64, standard and URL-safe alphabets (either may appear at each position): the secret's
 *   encoding at each of the three byte alignments it can have inside a longer base64 stream, without
 *   the characters at either end that depend on neighbouring bytes; a line break may sit between
 *   any two characters (MIME wrapping).
 *
 * Each form is a deterministic pattern: a separator class never matches the character that must
 * follow it, so the engine does not backtrack beyond a few characters at each start position, and a
 * scan stays linear in the text's length. redact.ts joins every form of every secret into one
 * alternation, scanned once (`npm run bench:redact`: a few milliseconds per MiB with three secrets).
 *
 * Secrets shorter than MIN_EXPANDED_LENGTH are not expanded: their encodings are short enough to
 * occur by chance.
 */
const MIN_EXPANDED_LENGTH = 8;
/**
 * A run of this many consecutive characters of a secret is redacted too, for secrets at least twice
 * as long: test runners shorten long values in their messages (Vitest prints the first characters
 * of a string and an ellipsis), which leaks the secret's head; a dozen characters of a random key do
 * not occur by chance.
 */
const PARTIAL_WINDOW = 12;
/** Separator characters allowed between two characters of a spaced-out secret. */
const MAX_SEPARATORS = 5;
/** Separator characters allowed between two bytes of a hex form, besides a `0x` / `x` / `u00` prefix. */
const MAX_HEX_GAP = 4;
const NOT_ALNUM = 'A-Za-z0-9';
/** The regular expression sources of the encoded forms of `secret`, one per form (none when it is too short). */
function encodedFormSources(secret) {
    if (secret.length < MIN_EXPANDED_LENGTH)
        return [];
    const chars = Array.from(secret);
    const bytes = Buffer.from(secret, 'utf8');
    const forms = [spacedSource(chars), spacedSource([...chars].reverse()), hexSource(bytes)];
    const percent = percentSource(chars);
    if (percent !== null)
        forms.push(percent);
    for (let offset = 0; offset < 3; offset += 1) {
        const inner = base64Inner(bytes, offset);
        if (inner.length > 0)
            forms.push(base64Source(inner));
    }
    if (chars.length >= 2 * PARTIAL_WINDOW) {
        const windows = new Set();
        for (let start = 0; start + PARTIAL_WINDOW <= chars.length; start += 1)
            windows.add(chars.slice(start, start + PARTIAL_WINDOW).join(''));
        forms.push([...windows].map(escapeLiteral).join('|'));
    }
    return [...new Set(forms)];
}
/** The characters with up to MAX_SEPARATORS non-alphanumeric characters between each (never the next character). */
function spacedSource(chars) {
    let source = escapeLiteral(chars[0] ?? '');
    for (const next of chars.slice(1)) {
        const excluded = isAsciiAlnum(next) || next.length > 1 ? '' : escapeInClass(next);
        source += `[^${NOT_ALNUM}${excluded}]{0,${MAX_SEPARATORS}}${escapeLiteral(next)}`;
    }
    return source;
}
/** Hex of the bytes, any case, each byte after the first optionally separated and prefixed. */
function hexSource(bytes) {
    const gap = `[^${NOT_ALNUM}]{0,${MAX_HEX_GAP}}(?:0?[xX]|[uU]00)?`;
    return [...bytes].map((byte) => hexByte(byte)).join(gap);
}
function hexByte(byte) {
    return byte
        .toString(16)
        .padStart(2, '0')
        .split('')
        .map((digit) => (/[a-f]/.test(digit) ? `[${digit}${digit.toUpperCase()}]` : digit))
        .join('');
}
/** Each character as itself or percent-encoded (any hex case); null when no character of the secret gets encoded. */
function percentSource(chars) {
    if (chars.every((char) => encodeURIComponent(char) === char))
        return null;
    return chars
        .map((char) => {
        const encoded = [...Buffer.from(char, 'utf8')].map((byte) => `%${hexByte(byte)}`).join('');
        return `(?:${escapeLiteral(char)}|${encoded})`;
    })
        .join('');
}
/**
 * The base64 characters that depend only on the secret's bytes when it starts `offset` bytes (0-2)
 * after a 3-byte boundary of a longer stream: character j covers bits [6j, 6j + 6) of the stream.
 */
function base64Inner(secret, offset) {
    const stream = Buffer.concat([Buffer.alloc(offset), Buffer.from(secret)]);
    const encoded = stream.toString('base64').replace(/=+$/, '');
    const first = Math.ceil((8 * offset) / 6);
    const end = Math.floor((8 * (offset + secret.length)) / 6);
    return encoded.slice(first, end);
}
/** Base64 characters in either alphabet (`+`/`-`, `/`/`_`), an optional line break between two. */
function base64Source(inner) {
    return inner
        .split('')
        .map((char) => (char === '+' ? '[+\\-]' : char === '/' ? '[/_]' : char))
        .join('(?:\\r?\\n)?');
}
function isAsciiAlnum(char) {
    return /^[A-Za-z0-9]$/.test(char);
}
/** `text` as a regular-expression source matching it literally (no flags needed). */
function escapeLiteral(text) {
    return text.replace(/[\\^$.*+?()[\]{}|/-]/g, '\\$&');
}
function escapeInClass(char) {
    return char.replace(/[\\\]^-]/g, '\\$&');
}

;// CONCATENATED MODULE: ./src/report/redact.ts
/**
 * Pure: removes secrets from any text we publish (reports, summaries, comments, event logs,
 * telemetry), not only from logs: known secret values, their encoded forms (secret-forms.ts: spaced
 * or separated, reversed, hex, URL-encoded, base64 at any alignment), and anything shaped like a
 * token even if we were not told about it.
 *
 * The known secrets and all their forms are one regular expression, scanned once: one alternation
 * is several times faster than a pass per secret or per form (`npm run bench:redact`).
 */

const TOKEN_SHAPES = [
    /\bgh[pousr]_[A-Za-z0-9]{20,}\b/g, // GitHub tokens
    /\bgithub_pat_[A-Za-z0-9_]{20,}\b/g,
    /\bsk-(?:proj-|ant-)?[A-Za-z0-9_-]{16,}\b/g, // OpenAI / Anthropic-style keys
    /\beyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}\b/g, // JWTs
    /\bAKIA[0-9A-Z]{16}\b/g, // AWS access key ids
    /\bxox[abprs]-[A-Za-z0-9-]{10,}\b/g, // Slack tokens
    /\bnpm_[A-Za-z0-9]{36}\b/g,
];
const REDACTED = '[REDACTED]';
/** Secrets shorter than this are not redacted at all (they would match ordinary words). */
const MIN_SECRET_LENGTH = 6;
/** Compiled patterns kept for the secret lists seen last (a run has one or two). */
const MAX_CACHED_PATTERNS = 16;
const patterns = new Map();
function redactSecrets(text, secrets = []) {
    let result = text;
    const known = knownSecretsPattern(secrets);
    if (known !== null)
        result = result.replace(known, REDACTED);
    for (const shape of TOKEN_SHAPES)
        result = result.replace(shape, REDACTED);
    return result;
}
/**
 * A copy of a JSON-like value with every string in it (object keys and nested values too) redacted.
 * Redacting the values before serialising, rather than the JSON text after, also catches a secret
 * that JSON would have escaped (a key spaced out with newlines is `s\nk` in JSON text).
 */
function redactDeep(value, secrets = []) {
    return redactValue(value, secrets);
}
function redactValue(value, secrets) {
    if (typeof value === 'string')
        return redactSecrets(value, secrets);
    if (Array.isArray(value))
        return value.map((item) => redactValue(item, secrets));
    if (value !== null && typeof value === 'object') {
        return Object.fromEntries(Object.entries(value).map(([key, item]) => [redactSecrets(key, secrets), redactValue(item, secrets)]));
    }
    return value;
}
/**
 * One global regular expression for every known secret: each exact value and its encoded forms,
 * longest secret first, so that a secret containing another is removed whole. Null without any.
 */
function knownSecretsPattern(secrets) {
    const known = [...new Set(secrets.filter((s) => s.length >= MIN_SECRET_LENGTH))].sort((a, b) => b.length - a.length || (a < b ? -1 : 1));
    if (known.length === 0)
        return null;
    const key = JSON.stringify(known);
    let pattern = patterns.get(key);
    if (pattern === undefined) {
        const sources = known.flatMap((secret) => [escapeLiteral(secret), ...encodedFormSources(secret)]);
        pattern = new RegExp(sources.map((source) => `(?:${source})`).join('|'), 'g');
        if (patterns.size >= MAX_CACHED_PATTERNS)
            patterns.delete(patterns.keys().next().value);
        patterns.set(key, pattern);
    }
    return pattern;
}

// EXTERNAL MODULE: ./node_modules/openai/index.mjs + 232 modules
var openai = __webpack_require__(8193);
;// CONCATENATED MODULE: ./src/model/reasoning-effort.ts
/**
 * Pure: which models take the `reasoning_effort` parameter of the chat completions API.
 *
 * The rule (by model name, case-insensitive, after dropping a routing prefix such as `openai/` used by
 * OpenRouter and similar gateways):
 * - the o-series (`o1`, `o3`, `o3-mini`, `o4-mini`, ... : an `o` followed by a digit) take it, except
 *   `o1-mini` and `o1-preview`, which predate the parameter and reject it;
 * - the gpt-5 family (`gpt-5`, `gpt-5-mini`, `gpt-5.1`, ...) takes it, except its `-chat` variants
 *   (`gpt-5-chat-latest`), which are not reasoning models;
 * - every other model does not, and the parameter is left out of the request.
 *
 * Names are only a hint: a deployment (Azure) or a local model may be named anything. The setting
 * `send-reasoning-effort` (true or false) overrides the rule either way.
 */
function modelTakesReasoningEffort(model) {
    const name = baseModelName(model);
    if (/^o\d/.test(name))
        return !/^o1-(mini|preview)\b/.test(name);
    if (/^gpt-5(\b|[.-])/.test(name))
        return !/^gpt-5(\.\d+)?-chat\b/.test(name);
    return false;
}
/** `openai/o3-mini` -> `o3-mini`; `GPT-5` -> `gpt-5`. */
function baseModelName(model) {
    const trimmed = model.trim().toLowerCase();
    const slash = trimmed.lastIndexOf('/');
    return slash === -1 ? trimmed : trimmed.slice(slash + 1);
}

;// CONCATENATED MODULE: ./src/model/model-settings.ts
/**
 * The model settings, typed and resolved in one place (pure: the environment is passed in).
 *
 * Fallbacks follow the `openai` SDK: the key falls back to OPENAI_API_KEY (AZURE_OPENAI_API_KEY for
 * Azure), the base URL to OPENAI_BASE_URL, Azure's endpoint to AZURE_OPENAI_ENDPOINT and its API
 * version to OPENAI_API_VERSION. The resolved settings are always passed to the SDK explicitly, so the
 * SDK never reads the environment on its own for them.
 *
 * Providers:
 * - `openai`: api.openai.com (or a base URL), a key is required;
 * - `azure`: Azure OpenAI through the SDK's AzureOpenAI client: endpoint (or base URL), API version,
 *   and a deployment (defaults to the model name);
 * - `compatible`: any OpenAI-compatible server by base URL (Ollama, vLLM, OpenRouter...); the key
 *   is optional (no Authorization header is sent without one).
 * Unset, the provider is `azure` when Azure settings are given, `compatible` when the base URL is not
 * api.openai.com, else `openai`.
 */


/**
 * The names users know the settings by (config keys, action inputs, CLI flags), used in every message
 * that asks them to change one. One place, so wiring the config keys later changes only this.
 */
const MODEL_SETTING_NAMES = {
    provider: 'model-provider',
    apiKey: 'api-key',
    baseUrl: 'base-url',
    model: 'model',
    temperature: 'temperature',
    reasoningEffort: 'reasoning-effort',
    sendReasoningEffort: 'send-reasoning-effort',
    tokenParam: 'token-param',
    maxCompletionTokens: 'max-completion-tokens',
    timeoutMs: 'request-timeout-seconds',
    maxRetries: 'max-retries',
    azureEndpoint: 'azure-endpoint',
    azureApiVersion: 'azure-api-version',
    azureDeployment: 'azure-deployment',
};
const OPENAI_BASE_URL = 'https://api.openai.com/v1';
const DEFAULT_TIMEOUT_MS = 120_000;
/** Node's fetch gives up waiting for response headers after 300 s whatever the SDK timeout says. */
const MAX_TIMEOUT_MS = 300_000;
const DEFAULT_MAX_RETRIES = 2;
const DEFAULT_MAX_COMPLETION_TOKENS = 8192;
const N = MODEL_SETTING_NAMES;
function resolveModelSettings(input, env) {
    const model = present(input.model);
    if (!model)
        throw new errors/* ConfigurationError */.j1(`no model is set: set the ${N.model} setting (e.g. gpt-4.1-mini, or your deployment or local model name)`);
    const explicitBaseUrl = present(input.baseUrl) ?? present(env['OPENAI_BASE_URL']);
    const provider = input.provider ?? inferProvider(input, explicitBaseUrl);
    const azure = provider === 'azure' ? resolveAzure(input, env, model) : null;
    const baseUrl = checkBaseUrl(azure ? azureBaseUrl(input, env, explicitBaseUrl) : (explicitBaseUrl ?? defaultBaseUrl(provider)));
    return {
        provider,
        apiKey: resolveApiKey(input, env, provider),
        baseUrl,
        model,
        temperature: checkTemperature(input.temperature ?? null),
        reasoningEffort: input.reasoningEffort ?? null,
        sendReasoningEffort: input.sendReasoningEffort ?? modelTakesReasoningEffort(model),
        tokenParam: input.tokenParam ?? (provider === 'compatible' ? 'max_tokens' : 'max_completion_tokens'),
        maxCompletionTokens: checkInteger(input.maxCompletionTokens ?? DEFAULT_MAX_COMPLETION_TOKENS, N.maxCompletionTokens, 1, 1_000_000),
        timeoutMs: checkTimeout(input.timeoutMs ?? DEFAULT_TIMEOUT_MS),
        maxRetries: checkInteger(input.maxRetries ?? DEFAULT_MAX_RETRIES, N.maxRetries, 0, 10),
        azure,
    };
}
/** A base URL fit for messages: no user, password, query or fragment. */
function displayBaseUrl(baseUrl) {
    try {
        const url = new URL(baseUrl);
        return `${url.protocol}//${url.host}${url.pathname.replace(/\/+$/, '')}`;
    }
    catch {
        return '(invalid URL)';
    }
}
/** Which setting or secret holds the key, for messages. */
function apiKeySource(settings) {
    const variable = settings.provider === 'azure' ? 'AZURE_OPENAI_API_KEY' : 'OPENAI_API_KEY';
    return `the ${N.apiKey} setting (or the ${variable} secret)`;
}
function inferProvider(input, baseUrl) {
    const azure = input.azure;
    if (azure && (present(azure.endpoint) || present(azure.apiVersion) || present(azure.deployment)))
        return 'azure';
    if (baseUrl === undefined)
        return 'openai';
    try {
        return new URL(baseUrl).hostname === 'api.openai.com' ? 'openai' : 'compatible';
    }
    catch {
        return 'compatible';
    }
}
function defaultBaseUrl(provider) {
    if (provider === 'compatible') {
        throw new errors/* ConfigurationError */.j1(`an OpenAI-compatible provider needs a base URL: set the ${N.baseUrl} setting (or OPENAI_BASE_URL), e.g. http://localhost:11434/v1`);
    }
    return OPENAI_BASE_URL;
}
function resolveAzure(input, env, model) {
    const apiVersion = present(input.azure?.apiVersion) ?? present(env['OPENAI_API_VERSION']);
    if (!apiVersion)
        throw new errors/* ConfigurationError */.j1(`Azure OpenAI needs an API version: set the ${N.azureApiVersion} setting (or OPENAI_API_VERSION), e.g. 2024-10-21`);
    return { apiVersion, deployment: present(input.azure?.deployment) ?? model };
}
/** The SDK's rule: `<endpoint>/openai` unless a base URL is given; both at once is an error. */
function azureBaseUrl(input, env, explicitBaseUrl) {
    const endpoint = present(input.azure?.endpoint);
    if (endpoint && present(input.baseUrl)) {
        throw new errors/* ConfigurationError */.j1(`Azure OpenAI takes either an endpoint or a base URL, not both: unset ${N.azureEndpoint} or ${N.baseUrl}`);
    }
    const chosen = endpoint ?? (explicitBaseUrl ? undefined : present(env['AZURE_OPENAI_ENDPOINT']));
    if (chosen)
        return `${chosen.replace(/\/+$/, '')}/openai`;
    if (explicitBaseUrl)
        return explicitBaseUrl;
    throw new errors/* ConfigurationError */.j1(`Azure OpenAI needs an endpoint: set the ${N.azureEndpoint} setting (or AZURE_OPENAI_ENDPOINT), e.g. https://my-resource.openai.azure.com`);
}
function resolveApiKey(input, env, provider) {
    const variable = provider === 'azure' ? 'AZURE_OPENAI_API_KEY' : 'OPENAI_API_KEY';
    const key = present(input.apiKey) ?? present(env[variable]) ?? '';
    if (key === '' && provider !== 'compatible') {
        throw new errors/* ConfigurationError */.j1(`no API key for the model: set the ${N.apiKey} setting (or the ${variable} secret)`);
    }
    return key;
}
function checkBaseUrl(baseUrl) {
    let url;
    try {
        url = new URL(baseUrl);
    }
    catch {
        throw new errors/* ConfigurationError */.j1(`the ${N.baseUrl} setting is not a URL: give an http(s) URL such as https://api.openai.com/v1`);
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') {
        throw new errors/* ConfigurationError */.j1(`the ${N.baseUrl} setting must be an http(s) URL, not ${url.protocol}`);
    }
    return baseUrl;
}
function checkTemperature(value) {
    if (value === null)
        return null;
    if (!Number.isFinite(value) || value < 0 || value > 2) {
        throw new errors/* ConfigurationError */.j1(`the ${N.temperature} setting must be between 0 and 2 (or unset for the provider's default), got ${value}`);
    }
    return value;
}
function checkTimeout(ms) {
    if (!Number.isInteger(ms) || ms < 1 || ms > MAX_TIMEOUT_MS) {
        throw new errors/* ConfigurationError */.j1(`the ${N.timeoutMs} setting must be more than 0 and at most ${MAX_TIMEOUT_MS / 1000} seconds (Node's fetch stops waiting for headers then), got ${ms / 1000}`);
    }
    return ms;
}
function checkInteger(value, name, min, max) {
    if (!Number.isInteger(value) || value < min || value > max) {
        throw new errors/* ConfigurationError */.j1(`the ${name} setting must be a whole number from ${min} to ${max}, got ${value}`);
    }
    return value;
}
/** A trimmed non-empty string, or undefined. */
function present(value) {
    const trimmed = value?.trim();
    return trimmed ? trimmed : undefined;
}

;// CONCATENATED MODULE: ./src/model/model-errors.ts
/**
 * Turns what the `openai` SDK throws into one actionable line (a ModelCallError): what went wrong and
 * which setting to change. The server's own words are quoted, shortened and with secrets redacted;
 * the key itself never appears.
 */




/** A failed model call. `attempts` is how many requests were sent, for the budget to charge. */
class ModelCallError extends errors/* GenerationError */.VP {
    failure;
    attempts;
    status;
    constructor(message, failure, attempts, status, options) {
        super(message, options);
        this.failure = failure;
        this.attempts = attempts;
        this.status = status;
    }
}
const model_errors_MAX_QUOTED_CHARS = 240;
/** Request parameters a 400 may name, with what to change. */
const PARAMETER_ADVICE = {
    max_tokens: `set ${MODEL_SETTING_NAMES.tokenParam} to max_completion_tokens`,
    max_completion_tokens: `set ${MODEL_SETTING_NAMES.tokenParam} to max_tokens`,
    temperature: `unset the ${MODEL_SETTING_NAMES.temperature} setting (this model takes only its default)`,
    reasoning_effort: `set ${MODEL_SETTING_NAMES.sendReasoningEffort} to false, or unset ${MODEL_SETTING_NAMES.reasoningEffort}`,
    response_format: 'this endpoint does not take structured output (response_format)',
};
/**
 * The ModelCallError for what the SDK threw (or for an unparseable answer); null for anything else,
 * which is a bug and should travel on unchanged.
 */
function toModelCallError(error, settings, attempts) {
    if (error instanceof ModelCallError)
        return error;
    if (!(error instanceof openai/* OpenAIError */.vc) && !(error instanceof SyntaxError))
        return null;
    const make = (failure, message, status = null) => new ModelCallError(message.replace(/\s*\r?\n\s*/g, ' '), failure, attempts, status, { cause: error });
    const where = displayBaseUrl(settings.baseUrl);
    const tries = `${attempts} attempt${attempts === 1 ? '' : 's'}`;
    if (error instanceof openai/* APIUserAbortError */.cH)
        return make('cancelled', 'the model call was cancelled');
    if (error instanceof openai/* APIConnectionTimeoutError */.qA) {
        return make('timeout', `the model API at ${where} did not answer within ${settings.timeoutMs / 1000} s (${tries}): raise the ${MODEL_SETTING_NAMES.timeoutMs} setting, or check that the server is up and serves model "${settings.model}"`);
    }
    if (error instanceof openai/* APIConnectionError */.xX) {
        return make('connection', `cannot reach the model API at ${where} (${connectionProblem(error)}, ${tries}): check the ${MODEL_SETTING_NAMES.baseUrl} setting (or OPENAI_BASE_URL) and that the server is running`);
    }
    if (error instanceof SyntaxError) {
        return make('invalid-response', `the model API at ${where} answered with invalid JSON: check the ${MODEL_SETTING_NAMES.baseUrl} setting points at an OpenAI-compatible API`);
    }
    if (!(error instanceof openai/* APIError */.LG)) {
        return make('other', `the model call failed before any answer: ${model_errors_quote(error.message, settings)}`);
    }
    const said = serverSaid(error, settings);
    const status = error.status ?? null;
    if (error instanceof openai/* AuthenticationError */.v3) {
        return make('authentication', `the model API rejected the API key (401): check ${apiKeySource(settings)}${said}`, status);
    }
    if (error instanceof openai/* PermissionDeniedError */.Ll) {
        return make('permission', `the model API denied access (403) for model "${settings.model}": check that the key in ${apiKeySource(settings)} may use this model${said}`, status);
    }
    if (error instanceof openai/* NotFoundError */.m_) {
        const deployment = settings.azure ? ` (Azure deployment "${settings.azure.deployment}": check ${MODEL_SETTING_NAMES.azureDeployment})` : '';
        return make('model-not-found', `model "${settings.model}" was not found (404) at ${where}${deployment}: check the ${MODEL_SETTING_NAMES.model} setting, and that ${MODEL_SETTING_NAMES.baseUrl} is the API root (e.g. ending in /v1)${said}`, status);
    }
    if (error instanceof openai/* RateLimitError */.OE) {
        if (isQuotaError(error)) {
            return make('insufficient-quota', `the model account has no quota left (429 insufficient_quota; not retried): add credit or raise the limit for the key in ${apiKeySource(settings)}, or use another key${said}`, status);
        }
        return make('rate-limited', `the model API kept rate-limiting (429) after ${tries}: lower the concurrency, raise ${MODEL_SETTING_NAMES.maxRetries}, or try again later${said}`, status);
    }
    if (error instanceof openai/* BadRequestError */.v7 || error instanceof openai/* UnprocessableEntityError */.Is) {
        return make('bad-request', `the model API refused the request (${status}${badRequestDetail(error, settings)}${said}`, status);
    }
    if (status !== null && status >= 500) {
        return make('server-error', `the model API failed with ${status} after ${tries}: try again later, or raise ${MODEL_SETTING_NAMES.maxRetries}${said}`, status);
    }
    return make('other', `the model API answered ${status ?? 'with an error'}${said}`, status);
}
/** The request parameter a 400 is about: the SDK's `param`, else the first known name in the message. */
function rejectedParameter(error) {
    if (typeof error.param === 'string' && error.param)
        return error.param;
    const text = errorText(error);
    let best = null;
    for (const name of Object.keys(PARAMETER_ADVICE)) {
        const index = text.search(new RegExp(`\\b${name}\\b`));
        if (index !== -1 && (best === null || index < best.index))
            best = { name, index };
    }
    return best?.name ?? null;
}
/** A 400 about structured output: the one the client answers by retrying without response_format. */
function rejectsStructuredOutput(error) {
    if (!(error instanceof openai/* BadRequestError */.v7 || error instanceof openai/* UnprocessableEntityError */.Is))
        return false;
    const param = rejectedParameter(error);
    if (param === 'response_format' || param?.startsWith('response_format.'))
        return true;
    return param === null && /response[_ ]format|json[_ ]schema|structured output/i.test(errorText(error));
}
function badRequestDetail(error, settings) {
    if (error.code === 'context_length_exceeded') {
        return `, context length exceeded): send less context or use a model with a larger context window`;
    }
    const param = rejectedParameter(error);
    if (param === null)
        return `): check the model settings`;
    const tokenCapTooLarge = param === settings.tokenParam && /too large|at most|maximum|exceed/i.test(errorText(error));
    if (tokenCapTooLarge)
        return `, parameter ${param}): lower the ${MODEL_SETTING_NAMES.maxCompletionTokens} setting to what the model allows`;
    const advice = PARAMETER_ADVICE[param] ?? 'check the model settings';
    return `, unsupported parameter ${param}): ${advice}`;
}
function isQuotaError(error) {
    return error.code === 'insufficient_quota' || error.type === 'insufficient_quota';
}
/** The error body's message (not the SDK's composed one, which starts with the status). */
function errorText(error) {
    const body = error.error;
    const message = body?.['message'];
    return typeof message === 'string' ? message : error.message;
}
function serverSaid(error, settings) {
    const text = errorText(error).replace(/^\d{3}\s+/, '');
    return text ? ` (server said: ${model_errors_quote(text, settings)})` : '';
}
function model_errors_quote(text, settings) {
    const clean = redactSecrets(text.replace(/\s+/g, ' ').trim(), [settings.apiKey]);
    const short = clean.length > model_errors_MAX_QUOTED_CHARS ? `${clean.slice(0, model_errors_MAX_QUOTED_CHARS)}...` : clean;
    return JSON.stringify(short);
}
/** ECONNREFUSED and friends, read from the cause chain of the SDK's connection error. */
function connectionProblem(error) {
    const names = {
        ECONNREFUSED: 'connection refused',
        ENOTFOUND: 'host not found',
        EAI_AGAIN: 'host name lookup failed',
        ECONNRESET: 'connection reset',
        ETIMEDOUT: 'connection timed out',
        EHOSTUNREACH: 'host unreachable',
        UND_ERR_SOCKET: 'connection closed by the server',
    };
    let cause = error.cause;
    for (let depth = 0; depth < 5 && cause; depth += 1) {
        const code = cause.code;
        if (typeof code === 'string')
            return names[code] ?? code;
        cause = cause.cause;
    }
    return 'connection failed';
}

;// CONCATENATED MODULE: ./src/validation/test-case-assertions.ts
/**
 * Counts the assertions written inside a test case's body, so that a case asserting nothing can be
 * dropped. Counted: `expect(x).<matcher>(...)` (any chain of properties ending in a call, e.g.
 * `.resolves.toBe(1)`, `.not.toThrow()`), Chai-style chains ending in a terminal property
 * (`expect(x).to.be.true`), `expect.soft(...)` / `expect.poll(...)` chains, `<ctx>.expect(...)`
 * chains (the test context's expect), and `assert(...)` / `assert.<method>(...)` calls. Not counted:
 * a bare `expect(x)` or a matcher left uncalled (`expect(x).toBe`), asymmetric matchers and
 * `expect.assertions(n)`, and assertions made inside helpers defined outside the case. Pure.
 */

/** Chai properties that assert when read (`expect(x).to.be.true`). */
const CHAI_TERMINAL_PROPERTIES = new Set([
    'ok',
    'true',
    'false',
    'null',
    'undefined',
    'NaN',
    'exist',
    'empty',
    'extensible',
    'sealed',
    'frozen',
    'finite',
]);
/** `expect.<name>(x)` calls that start an assertion chain like `expect(x)` does. */
const EXPECT_VARIANTS = new Set(['soft', 'poll']);
function countAssertions(nodes) {
    let count = 0;
    const visit = (node) => {
        if (typescript_default().isCallExpression(node) && isAssertion(node))
            count += 1;
        typescript_default().forEachChild(node, visit);
    };
    for (const node of nodes)
        visit(node);
    return count;
}
function isAssertion(call) {
    const callee = call.expression;
    if (startsExpectChain(callee))
        return completesChain(call);
    return rootIdentifier(callee) === 'assert';
}
/** `expect(...)`, `expect.soft(...)`, `expect.poll(...)`, `<identifier>.expect(...)`. */
function startsExpectChain(callee) {
    if (typescript_default().isIdentifier(callee))
        return callee.text === 'expect';
    if (!typescript_default().isPropertyAccessExpression(callee) || !typescript_default().isIdentifier(callee.expression))
        return false;
    if (callee.expression.text === 'expect')
        return EXPECT_VARIANTS.has(callee.name.text);
    return callee.name.text === 'expect';
}
/** The call is followed by properties ending in a call, or in a Chai terminal property. */
function completesChain(call) {
    let node = call;
    while (typescript_default().isPropertyAccessExpression(node.parent) && node.parent.expression === node)
        node = node.parent;
    if (node === call || !typescript_default().isPropertyAccessExpression(node))
        return false;
    const parent = node.parent;
    if (typescript_default().isCallExpression(parent) && parent.expression === node)
        return true;
    return CHAI_TERMINAL_PROPERTIES.has(node.name.text);
}
function rootIdentifier(expression) {
    let node = expression;
    while (typescript_default().isPropertyAccessExpression(node))
        node = node.expression;
    return typescript_default().isIdentifier(node) ? node.text : null;
}

;// CONCATENATED MODULE: ./src/validation/test-case-calls.ts
/**
 * Recognises the calls that define tests and suites in Vitest and Jest (`it`, `test`, `describe`
 * and their aliases and modifier chains such as `it.only`, `test.concurrent.skip`,
 * `it.each(table)(...)`, `describe.each\`table\`(...)`, `test.skipIf(cond)(...)`) and reads their
 * titles, both as text and as a regular expression matching the names a runner reports. Pure.
 */

const BASE_NAMES = {
    it: { kind: 'test', modifier: null },
    test: { kind: 'test', modifier: null },
    xit: { kind: 'test', modifier: 'skip' },
    xtest: { kind: 'test', modifier: 'skip' },
    fit: { kind: 'test', modifier: 'only' },
    describe: { kind: 'describe', modifier: null },
    suite: { kind: 'describe', modifier: null },
    xdescribe: { kind: 'describe', modifier: 'skip' },
    fdescribe: { kind: 'describe', modifier: 'only' },
};
/** Modifiers used as plain properties: `it.only(...)`. */
const PLAIN_MODIFIERS = new Set(['only', 'skip', 'todo', 'concurrent', 'sequential', 'fails', 'failing', 'shuffle']);
/** Modifiers that take their own arguments first: `it.each(table)(...)`, `it.skipIf(cond)(...)`. */
const ARGUMENT_MODIFIERS = new Set(['each', 'for', 'skipIf', 'runIf']);
/** The shape of `call` when it defines a test or a suite; null for any other call. */
function testCallShape(call) {
    const chain = chainOf(call.expression);
    if (chain === null || chain.pending)
        return null;
    const parameterised = chain.modifiers.includes('each') || chain.modifiers.includes('for');
    return { kind: chain.kind, modifiers: chain.modifiers, parameterised };
}
function chainOf(expression) {
    if (typescript_default().isIdentifier(expression)) {
        const base = BASE_NAMES[expression.text];
        if (base === undefined)
            return null;
        return { kind: base.kind, modifiers: base.modifier === null ? [] : [base.modifier], pending: false };
    }
    if (typescript_default().isPropertyAccessExpression(expression)) {
        const inner = chainOf(expression.expression);
        if (inner === null || inner.pending || !typescript_default().isIdentifier(expression.name))
            return null;
        const name = expression.name.text;
        if (PLAIN_MODIFIERS.has(name))
            return { ...inner, modifiers: [...inner.modifiers, name] };
        if (ARGUMENT_MODIFIERS.has(name))
            return { ...inner, modifiers: [...inner.modifiers, name], pending: true };
        return null;
    }
    if (typescript_default().isCallExpression(expression)) {
        const inner = chainOf(expression.expression);
        return inner?.pending === true ? { ...inner, pending: false } : null;
    }
    if (typescript_default().isTaggedTemplateExpression(expression)) {
        const inner = chainOf(expression.tag);
        return inner?.pending === true && inner.modifiers.at(-1) === 'each' ? { ...inner, pending: false } : null;
    }
    return null;
}
/** The function arguments of a test or suite call (its body; Vitest also takes an options object). */
function callbacksOf(call) {
    return call.arguments.slice(1).filter((argument) => typescript_default().isArrowFunction(argument) || typescript_default().isFunctionExpression(argument));
}
/** The title of a test or suite call (its first argument). */
function titleOf(call, parameterised) {
    const argument = call.arguments[0];
    if (argument === undefined)
        return { text: null, pattern: null };
    if (typescript_default().isStringLiteral(argument) || typescript_default().isNoSubstitutionTemplateLiteral(argument)) {
        return { text: argument.text, pattern: literalPattern(argument.text, parameterised) };
    }
    if (typescript_default().isNumericLiteral(argument)) {
        const text = String(Number(argument.text));
        return text === 'NaN' ? { text: null, pattern: null } : { text, pattern: escapeRegExp(text) };
    }
    if (typescript_default().isTemplateExpression(argument)) {
        const pieces = [argument.head.text, ...argument.templateSpans.map((span) => span.literal.text)];
        if (pieces.every((piece) => piece.trim() === ''))
            return { text: null, pattern: null };
        return { text: null, pattern: collapseWildcards(pieces.map((piece) => literalPattern(piece, parameterised)).join(ANY_TEXT)) };
    }
    return { text: null, pattern: null };
}
const ANY_TEXT = '[\\s\\S]*?';
/**
 * Placeholders a parameterised title may contain: printf-style `%s %d %i %f %j %o %O %p %c`, the
 * row index `%#` (and Vitest's `%$`), and `$name` / `$a.b` for object rows and tagged-template tables.
 */
const test_case_calls_PLACEHOLDER = /%%|%[sdifjoOpc#$]|\$[A-Za-z_$][\w$]*(?:\.[\w$]+)*/g;
function literalPattern(text, parameterised) {
    if (!parameterised)
        return escapeRegExp(text);
    let pattern = '';
    let last = 0;
    for (const match of text.matchAll(test_case_calls_PLACEHOLDER)) {
        pattern += escapeRegExp(text.slice(last, match.index));
        pattern += match[0] === '%%' ? '%%?' : ANY_TEXT;
        last = match.index + match[0].length;
    }
    // Runners differ at the edges (Vitest 5 reports `pct %% %d` with row 1 as `pct % 1 NaN`): allow a tail.
    return collapseWildcards(`${pattern}${escapeRegExp(text.slice(last))}${ANY_TEXT}`);
}
/** Adjacent wildcards match nothing more than one does, and multiply backtracking. */
function collapseWildcards(pattern) {
    const twice = ANY_TEXT + ANY_TEXT;
    let result = pattern;
    while (result.includes(twice))
        result = result.replaceAll(twice, ANY_TEXT);
    return result;
}
function escapeRegExp(text) {
    return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

;// CONCATENATED MODULE: ./src/validation/test-case-parse.ts
/**
 * Parses a test file with the TypeScript compiler's parser (syntax only: no program, no type check,
 * no file I/O) and reports its syntax errors. The script kind follows the file's extension, so JSX
 * and TypeScript syntax are read the way the runner's transform reads them. Pure.
 */


const test_case_parse_SCRIPT_KINDS = {
    '.ts': (typescript_default()).ScriptKind.TS,
    '.mts': (typescript_default()).ScriptKind.TS,
    '.cts': (typescript_default()).ScriptKind.TS,
    '.tsx': (typescript_default()).ScriptKind.TSX,
    '.js': (typescript_default()).ScriptKind.JS,
    '.mjs': (typescript_default()).ScriptKind.JS,
    '.cjs': (typescript_default()).ScriptKind.JS,
    '.jsx': (typescript_default()).ScriptKind.JSX,
};
function scriptKindOf(fileName) {
    const extension = /\.[^./\\]+$/.exec(fileName)?.[0].toLowerCase() ?? '';
    const kind = test_case_parse_SCRIPT_KINDS[extension];
    if (kind === undefined) {
        throw new errors/* GenerationError */.VP(`cannot parse test file ${JSON.stringify(fileName)}: its extension is not one of ${Object.keys(test_case_parse_SCRIPT_KINDS).join(', ')}; name test files with a JavaScript or TypeScript extension`);
    }
    return kind;
}
function parseTestSource(source, fileName) {
    return typescript_default().createSourceFile(fileName, source, (typescript_default()).ScriptTarget.Latest, true, scriptKindOf(fileName));
}
/** The parser's own diagnostics (an internal field of SourceFile, present in every TypeScript release). */
function syntaxProblemsOf(sourceFile) {
    const diagnostics = sourceFile.parseDiagnostics ?? [];
    return diagnostics.map((diagnostic) => {
        const { line, character } = sourceFile.getLineAndCharacterOfPosition(diagnostic.start ?? 0);
        return { line: line + 1, column: character + 1, message: typescript_default().flattenDiagnosticMessageText(diagnostic.messageText, ' ') };
    });
}
/** Syntax errors of a test file's text; empty when it parses cleanly. */
function findSyntaxErrors(source, fileName) {
    return syntaxProblemsOf(parseTestSource(source, fileName));
}
function describeSyntaxProblem(problem) {
    return `line ${problem.line}, column ${problem.column}: ${problem.message}`;
}

;// CONCATENATED MODULE: ./src/validation/test-case-removal.ts
/**
 * Cuts test cases out of a test file's text by syntax tree. A suite left with no test case goes
 * too. Everything else keeps its bytes: imports, helpers, hooks, other cases and their comments,
 * line endings. A removed statement takes with it the comments directly above it (no blank line in
 * between; never the file's header comments), a comment after it on the same line, its own line(s),
 * and one blank line when that would otherwise leave two in a row or one against a bracket. Pure.
 */



/** The text with `remove` cut out; throws GenerationError when that cannot leave a valid file. */
function test_case_removal_cutTestCases(tree, source, fileName, remove, label) {
    if (remove.size === 0)
        return source;
    const removedSuites = new Set(tree.suites.filter((suite) => suite.cases.length > 0 && suite.cases.every((entry) => remove.has(entry))));
    const units = [];
    for (const suite of removedSuites) {
        if (!hasRemovedAncestor(suite.parent, removedSuites))
            units.push({ unit: suite.unit, what: `the suite holding ${label(suite.cases[0])}` });
    }
    for (const entry of remove) {
        if (!entry.suites.some((suite) => removedSuites.has(suite)))
            units.push({ unit: entry.unit, what: label(entry) });
    }
    const cuts = mergeEdits(units.map(({ unit, what }) => editFor(tree.sourceFile, source, unit, () => `cannot remove ${what} from ${fileName}`)));
    // Collapsing blank lines can make neighbouring cuts touch; once merged, the joined cut is judged again
    // (two removed cases in a row at the top of a block leave no blank line against its bracket).
    let edits = cuts;
    for (let round = 0; round < 3; round++) {
        const next = mergeEdits(edits.map((edit) => (edit.wholeLines ? { ...edit, ...collapseBlankLines(source, edit.start, edit.end) } : edit)));
        const same = next.length === edits.length && next.every((edit, index) => edit.start === edits[index].start && edit.end === edits[index].end);
        edits = next;
        if (same)
            break;
    }
    let result = source;
    for (const edit of [...edits].reverse())
        result = result.slice(0, edit.start) + edit.replacement + result.slice(edit.end);
    const problems = syntaxProblemsOf(parseTestSource(result, fileName));
    if (problems.length > 0) {
        throw new errors/* GenerationError */.VP(`removing test cases from ${fileName} would leave a syntax error (${describeSyntaxProblem(problems[0])}); keep the whole file or drop it`);
    }
    return result;
}
function hasRemovedAncestor(suite, removed) {
    for (let current = suite; current !== null; current = current.parent)
        if (removed.has(current))
            return true;
    return false;
}
function editFor(sourceFile, source, unit, what) {
    const start = unit.node.getStart(sourceFile);
    switch (unit.mode) {
        case 'statement':
            return { ...statementRange(sourceFile, source, unit.node), replacement: '' };
        case 'embedded':
        case 'arrow-body':
            return { start, end: unit.node.end, replacement: '{}', wholeLines: false };
        case 'expression': {
            const line = sourceFile.getLineAndCharacterOfPosition(start).line + 1;
            throw new errors/* GenerationError */.VP(`${what()}: its call at line ${line} is part of a larger expression; write each test case and suite as a statement of its own`);
        }
    }
}
/**
 * Sorted; overlapping deletions, and touching whole-line ones, merged into one (so that the blank
 * lines around a run of removed statements are judged once). Replacing edits never overlap others.
 */
function mergeEdits(edits) {
    const sorted = [...edits].sort((a, b) => a.start - b.start);
    const merged = [];
    for (const edit of sorted) {
        const last = merged.at(-1);
        const deletions = last !== undefined && last.replacement === '' && edit.replacement === '';
        const joins = deletions && (edit.start < last.end || (edit.start === last.end && last.wholeLines && edit.wholeLines));
        if (last !== undefined && joins) {
            const end = Math.max(last.end, edit.end);
            merged[merged.length - 1] = { start: last.start, end, replacement: '', wholeLines: last.wholeLines && edit.wholeLines };
        }
        else {
            merged.push(edit);
        }
    }
    return merged;
}
function statementRange(sourceFile, source, statement) {
    let start = statement.getStart(sourceFile);
    let end = statement.end;
    const isFirstStatement = statement.pos === 0;
    if (!isFirstStatement) {
        const leading = typescript_default().getLeadingCommentRanges(source, statement.pos) ?? [];
        for (const comment of [...leading].reverse()) {
            if (lineBreaks(source.slice(comment.end, start)) > 1)
                break;
            start = comment.pos;
        }
    }
    for (const comment of typescript_default().getTrailingCommentRanges(source, end) ?? [])
        end = comment.end;
    const lineStart = startOfLine(source, start);
    const lineEnd = endOfLineBreak(source, end);
    if (!isBlank(source.slice(lineStart, start)) || !isBlank(source.slice(end, lineEnd)))
        return { start, end, wholeLines: false };
    return { start: lineStart, end: lineEnd, wholeLines: true };
}
/** Whole lines [start, end) are going; also take one blank line next to them where it would be left over. */
function collapseBlankLines(source, start, end) {
    const previousStart = start === 0 ? -1 : startOfLine(source, start - 1);
    const previousBlank = previousStart >= 0 && isBlank(source.slice(previousStart, start));
    const nextEnd = endOfLineBreak(source, end);
    const next = source.slice(end, nextEnd);
    const nextBlank = end < source.length && isBlank(next);
    const nextCloses = end >= source.length || /^\s*[)}\]]/.test(next);
    if (previousBlank && (nextBlank || nextCloses))
        return { start: previousStart, end };
    const previousOpens = previousStart >= 0 && /[({[]\s*$/.test(source.slice(previousStart, start));
    if (nextBlank && previousOpens)
        return { start, end: nextEnd };
    return { start, end };
}
function startOfLine(source, position) {
    return source.lastIndexOf('\n', position - 1) + 1;
}
/** Position just after the line break ending the line that holds `position` (or the end of the text). */
function endOfLineBreak(source, position) {
    const newline = source.indexOf('\n', position);
    return newline === -1 ? source.length : newline + 1;
}
function isBlank(text) {
    return /^[ \t\r\n\f\v\u00a0\ufeff]*$/.test(text);
}
function lineBreaks(text) {
    return text.split('\n').length - 1;
}

;// CONCATENATED MODULE: ./src/validation/test-case-tree.ts
/**
 * Walks a parsed test file and collects its suites (`describe` calls) and test cases (`it` / `test`
 * calls), each with its enclosing suites, its titles and the syntax node that removing it means
 * removing (its removal unit). Calls inside a test's body are not walked: runners reject nested
 * tests. Pure.
 */


function buildTestTree(sourceFile) {
    const suites = [];
    const cases = [];
    const visit = (node, enclosing) => {
        const shape = typescript_default().isCallExpression(node) ? testCallShape(node) : null;
        if (shape === null || !typescript_default().isCallExpression(node)) {
            typescript_default().forEachChild(node, (child) => visit(child, enclosing));
            return;
        }
        const entry = { call: node, shape, title: titleOf(node, shape.parameterised), unit: removalUnitOf(node) };
        if (shape.kind === 'test') {
            const testCase = { ...entry, suites: enclosing };
            cases.push(testCase);
            for (const suite of enclosing)
                suite.cases.push(testCase);
            return;
        }
        const suite = { ...entry, parent: enclosing.at(-1) ?? null, cases: [] };
        suites.push(suite);
        for (const callback of callbacksOf(node))
            visit(callback, [...enclosing, suite]);
    };
    visit(sourceFile, []);
    return { sourceFile, suites, cases };
}
function removalUnitOf(call) {
    const parent = call.parent;
    if (typescript_default().isExpressionStatement(parent)) {
        return { node: parent, mode: isStatementList(parent.parent) ? 'statement' : 'embedded' };
    }
    if (typescript_default().isArrowFunction(parent) && parent.body === call)
        return { node: call, mode: 'arrow-body' };
    return { node: call, mode: 'expression' };
}
function isStatementList(node) {
    return typescript_default().isSourceFile(node) || typescript_default().isBlock(node) || typescript_default().isModuleBlock(node) || typescript_default().isCaseClause(node) || typescript_default().isDefaultClause(node);
}

;// CONCATENATED MODULE: ./src/validation/test-cases.ts
/**
 * The test cases of a Vitest or Jest test file, read from its syntax tree: their names as the
 * runners report them, where they are, how many assertions they make; and the file with some of
 * them removed (or all but some kept), valid and otherwise unchanged byte for byte. This is how a
 * generated test file loses the cases that failed, flaked or added no coverage while its passing
 * cases stay. Pure: text in, text out.
 *
 * Names follow the runners' JSON reports as read by src/runners/jest-style-results.ts: the titles
 * of the enclosing `describe` blocks (empty ones left out) and the case's own title, joined by ' > '.
 */







const NAME_SEPARATOR = ' > ';
/**
 * Every test case of the file, in source order. A file with syntax errors is read as far as the
 * parser recovers (findSyntaxErrors says whether it has any).
 */
function listTestCases(source, fileName) {
    return [...analyse(source, fileName).infos.values()];
}
/**
 * Removes the cases whose reported name is in `names` (a parameterised case goes as a whole when
 * any of its names is given; duplicate names remove every case that has them), and every describe
 * block left with no case. Throws GenerationError when the file does not parse, or a case cannot
 * be cut out cleanly.
 */
function removeTestCases(source, fileName, names) {
    const analysis = parseableAnalysis(source, fileName);
    const remove = new Set();
    const removed = [];
    const notFound = [];
    for (const name of names) {
        const matches = casesNamed(analysis, name);
        for (const entry of matches)
            remove.add(entry);
        (matches.length > 0 ? removed : notFound).push(name);
    }
    return { source: cutTestCases(analysis.tree, source, fileName, remove, labelFor(analysis)), removed, notFound };
}
/** The complement of removeTestCases: keeps the cases named in `names`, removes every other. */
function keepOnlyTestCases(source, fileName, names) {
    const analysis = parseableAnalysis(source, fileName);
    const keep = new Set();
    const notFound = [];
    for (const name of names) {
        const matches = casesNamed(analysis, name);
        for (const entry of matches)
            keep.add(entry);
        if (matches.length === 0)
            notFound.push(name);
    }
    const remove = new Set(analysis.tree.cases.filter((entry) => !keep.has(entry)));
    const label = labelFor(analysis);
    const removed = [...new Set([...remove].map(label))];
    return { source: test_case_removal_cutTestCases(analysis.tree, source, fileName, remove, label), removed, notFound };
}
/** Whether `name`, as a runner reported it, is (one of the names of) this case. */
function testCaseMatchesName(testCase, name) {
    if (testCase.name === name)
        return true;
    return testCase.namePattern !== null && new RegExp(testCase.namePattern).test(name);
}
function analyse(source, fileName) {
    const tree = buildTestTree(parseTestSource(source, fileName));
    const drafts = tree.cases.map((entry) => [entry, describeCase(tree, entry)]);
    const nameCounts = new Map();
    for (const [, info] of drafts)
        if (info.name !== null)
            nameCounts.set(info.name, (nameCounts.get(info.name) ?? 0) + 1);
    const infos = new Map();
    for (const [entry, info] of drafts) {
        infos.set(entry, { ...info, duplicateName: info.name !== null && (nameCounts.get(info.name) ?? 0) > 1 });
    }
    return { tree, infos };
}
function parseableAnalysis(source, fileName) {
    const analysis = analyse(source, fileName);
    const problems = syntaxProblemsOf(analysis.tree.sourceFile);
    if (problems.length > 0) {
        throw new errors/* GenerationError */.VP(`cannot remove test cases from ${fileName}: it does not parse (${describeSyntaxProblem(problems[0])}); fix the syntax error or drop the whole file`);
    }
    return analysis;
}
function describeCase(tree, entry) {
    // Runners leave empty describe titles out of the reported name (see jest-style-results.ts).
    const titles = [...entry.suites.map((suite) => suite.title).filter((title) => title.text !== ''), entry.title];
    const texts = titles.map((title) => title.text);
    const patterns = titles.map((title) => title.pattern);
    const { sourceFile } = tree;
    const start = entry.unit.node.getStart(sourceFile);
    const end = entry.unit.node.end;
    return {
        name: texts.every((text) => text !== null) ? texts.join(NAME_SEPARATOR) : null,
        title: entry.title.text,
        ancestorTitles: entry.suites.map((suite) => suite.title.text),
        modifiers: entry.shape.modifiers,
        parameterised: entry.shape.parameterised || entry.suites.some((suite) => suite.shape.parameterised),
        namePattern: patterns.every((pattern) => pattern !== null) ? `^${patterns.map((pattern) => `(?:${pattern})`).join(NAME_SEPARATOR)}$` : null,
        dynamicTitle: texts.includes(null),
        range: {
            start,
            end,
            startLine: sourceFile.getLineAndCharacterOfPosition(start).line + 1,
            endLine: sourceFile.getLineAndCharacterOfPosition(end).line + 1,
        },
        assertionCount: countAssertions(callbacksOf(entry.call)),
    };
}
/** Exact name matches first; only when there are none, the cases whose pattern matches. */
function casesNamed(analysis, name) {
    const entries = [...analysis.infos.entries()];
    const exact = entries.filter(([, info]) => info.name === name);
    const matches = exact.length > 0 ? exact : entries.filter(([, info]) => testCaseMatchesName(info, name));
    return matches.map(([entry]) => entry);
}
function labelFor(analysis) {
    return (entry) => {
        const info = analysis.infos.get(entry);
        return info?.name ?? `(dynamic title at line ${info?.range.startLine ?? 0})`;
    };
}

;// CONCATENATED MODULE: ./src/validation/gate/case-names.ts
/**
 * Pure: which case of the candidate file a name the runner reported is, by the file's text. A case is
 * kept only when its reported name equals its full name as written in the file: every title (its own
 * and its describe blocks') a plain literal, not parameterised (`.each` / `.for` format their titles
 * at run time). Then the name the report and the comment show is the file's literal, and what the
 * test code did at run time (a template literal with expressions, a variable, a call, a
 * concatenation, a formatted table row) never reaches them: such a case is dropped with
 * COMPUTED_NAME, under a label made from the file (its line), never from the reported name.
 */

const COMPUTED_NAME = 'its name is computed at run time; name the case with a string literal';
function reportedCaseOf(cases, reportedName) {
    const literal = cases.find((info) => info.name === reportedName && !info.dynamicTitle && !info.parameterised);
    if (literal !== undefined)
        return { kind: 'literal', name: literal.name, source: literal };
    const matching = cases.filter((info) => (info.dynamicTitle || info.parameterised) && testCaseMatchesName(info, reportedName));
    // A title with nothing to match on (`it(name)`, `it('a' + b)`): the file's only such case, if it has one.
    const unmatchable = cases.filter((info) => info.namePattern === null);
    const computed = matching.length > 0 ? matching : unmatchable.length === 1 ? unmatchable : [];
    if (computed.length === 0)
        return { kind: 'computed', label: '(name computed at run time)' };
    const lines = [...new Set(computed.map((info) => info.range.startLine))].sort((a, b) => a - b);
    return { kind: 'computed', label: `(name computed at run time, line ${lines.join(' or ')})` };
}

;// CONCATENATED MODULE: ./src/validation/check-proposed-path.ts



/** Accepts a path only if every rule holds; the reason is one short phrase. */
async function checkProposedPath(repoDir, relPath, rules) {
    const inspection = await inspectProposedPath(repoDir, relPath, rules);
    return inspection.ok ? { ok: true, absolutePath: inspection.checked.absolutePath } : inspection;
}
/** checkProposedPath, keeping what the writer needs. */
async function inspectProposedPath(repoDir, relPath, rules) {
    const problem = proposedPathProblem(relPath, rules.testGlobs);
    if (problem)
        return { ok: false, reason: problem };
    const realRepoDir = await realDirectory((0,external_node_path_.resolve)(repoDir));
    if (!realRepoDir)
        return { ok: false, reason: 'repository directory not found' };
    const segments = relPath.split('/');
    const directorySegments = segments.slice(0, -1);
    let realParent = realRepoDir;
    let existing = 0;
    for (; existing < directorySegments.length; existing++) {
        const lexical = (0,external_node_path_.join)(realRepoDir, ...directorySegments.slice(0, existing + 1));
        if (!(await lstatOrNull(lexical)))
            break;
        const real = await realDirectory(lexical);
        if (!real)
            return { ok: false, reason: 'parent is not a directory' };
        const inside = insideRelative(realRepoDir, real);
        if (inside === undefined)
            return { ok: false, reason: 'path escapes the repository' };
        const resolvedProtection = protectedPathProblem([inside, ...segments.slice(existing + 1)].filter(Boolean).join('/'));
        if (resolvedProtection)
            return { ok: false, reason: resolvedProtection };
        if (inside !== '' && (await lstatOrNull((0,external_node_path_.join)(real, '.git'))))
            return { ok: false, reason: 'inside a nested git repository' };
        realParent = real;
    }
    const firstMissing = segments[existing] ?? '';
    const collision = await caseCollision(realParent, firstMissing);
    if (collision)
        return { ok: false, reason: collision === firstMissing ? 'already exists' : 'a file differing only in case already exists' };
    const absolutePath = (0,external_node_path_.join)(realRepoDir, ...segments);
    if (existing === directorySegments.length && (await lstatOrNull(absolutePath)))
        return { ok: false, reason: 'already exists' };
    const missing = directorySegments.slice(existing);
    return {
        ok: true,
        checked: {
            relativePath: relPath,
            absolutePath,
            realRepoDir,
            realExistingDirectory: realParent,
            missingDirectories: missing.map((_, index) => (0,external_node_path_.join)(realRepoDir, ...directorySegments.slice(0, existing + index + 1))),
            expectedRealParent: (0,external_node_path_.join)(realParent, ...missing),
        },
    };
}
/** The repository-relative form of a real path, or undefined when it is outside the repository. */
function insideRelative(realRepoDir, realPath) {
    if (realPath === realRepoDir)
        return '';
    const rel = (0,external_node_path_.relative)(realRepoDir, realPath);
    if (rel === '' || rel === '..' || rel.startsWith(`..${external_node_path_.sep}`) || (0,external_node_path_.isAbsolute)(rel))
        return undefined;
    return rel.split(external_node_path_.sep).join('/');
}
/** An existing entry of `directory` whose name equals `name` ignoring case, if any. */
async function caseCollision(directory, name) {
    const entries = await (0,promises_.readdir)(directory).catch(() => []);
    const wanted = name.normalize('NFC').toLowerCase();
    return entries.find((entry) => entry.normalize('NFC').toLowerCase() === wanted);
}
async function realDirectory(path) {
    try {
        const real = await (0,promises_.realpath)(path);
        return (await (0,promises_.stat)(real)).isDirectory() ? real : undefined;
    }
    catch {
        return undefined;
    }
}
async function lstatOrNull(path) {
    try {
        return await (0,promises_.lstat)(path);
    }
    catch {
        return null;
    }
}

;// CONCATENATED MODULE: ./src/validation/write-test-file.ts
/**
 * Writes a model-proposed test file as a new file and nothing else (shared/SECURITY.md rules 4 and 8).
 * The path is checked again right before writing; the content is capped and must be text; missing parent
 * directories are created one at a time (inside the repository, each one recorded); the file is created
 * with exclusive create, so a file that appeared since the check is refused and left untouched; once
 * created, its directory must still resolve to where the check said, or the file is removed again. On
 * any failure everything this call created is removed, so nothing half-written remains.
 *
 * A directory that was missing at check time but appears before we create it (another writer making
 * the same new `__tests__/`, say) is used and recorded too; removal uses rmdir, which only ever
 * removes an empty directory, so a sibling's file is never lost.
 */




class Refusal extends Error {
    reason;
    refusalKind;
    constructor(reason, refusalKind, options) {
        super(reason, options);
        this.reason = reason;
        this.refusalKind = refusalKind;
    }
}
/** Checks the path again, then writes `content` there as a new file. Throws GenerationError on refusal. */
async function writeNewTestFile(repoDir, relPath, content, options) {
    const problem = contentProblem(content, options.maxBytes);
    if (problem)
        throw refusalError(relPath, new Refusal(problem, 'content'));
    const inspection = await inspectProposedPath(repoDir, relPath, options);
    if (!inspection.ok)
        throw refusalError(relPath, new Refusal(inspection.reason, 'path'));
    return writeCheckedTestFile(inspection.checked, content, options);
}
/** The writing half of writeNewTestFile, for a path inspectProposedPath accepted. */
async function writeCheckedTestFile(checked, content, limits) {
    const problem = contentProblem(content, limits.maxBytes);
    if (problem)
        throw refusalError(checked.relativePath, new Refusal(problem, 'content'));
    const createdDirectories = [];
    let identity;
    let created = false;
    try {
        let expectedRealParent = checked.realExistingDirectory;
        for (const directory of checked.missingDirectories) {
            await makeDirectory(directory, expectedRealParent);
            createdDirectories.push(directory);
            expectedRealParent = (0,external_node_path_.join)(expectedRealParent, (0,external_node_path_.basename)(directory));
        }
        const handle = await (0,promises_.open)(checked.absolutePath, 'wx', 0o644).catch((error) => {
            throw new Refusal(ioReason(error), errorCode(error) === 'EEXIST' ? 'path' : 'io', { cause: error });
        });
        created = true;
        try {
            const info = await handle.stat();
            identity = { dev: info.dev, ino: info.ino };
            const landed = await (0,promises_.realpath)((0,external_node_path_.dirname)(checked.absolutePath));
            if (landed !== checked.expectedRealParent)
                throw new Refusal('path escapes the repository', 'path');
            await handle.writeFile(content, 'utf8');
        }
        finally {
            await handle.close();
        }
    }
    catch (error) {
        if (created)
            await removeOwnFile(checked.absolutePath, identity);
        await removeDirectories(checked.realRepoDir, createdDirectories);
        throw refusalError(checked.relativePath, error instanceof Refusal ? error : new Refusal(ioReason(error), 'io', { cause: error }));
    }
    return {
        relativePath: checked.relativePath,
        absolutePath: checked.absolutePath,
        realRepoDir: checked.realRepoDir,
        createdDirectories,
    };
}
/**
 * Removes a written test file and the directories made for it (each only if empty), for rollback.
 * Deletes nothing that no longer resolves inside the repository. Returns what could not be removed
 * (a directory that is not empty, a path swapped for something else); empty when all is gone.
 */
async function removeWrittenTestFile(written) {
    const leftBehind = [];
    if (!(await removeFileInside(written.realRepoDir, written.absolutePath)))
        leftBehind.push(written.absolutePath);
    leftBehind.push(...(await removeDirectories(written.realRepoDir, written.createdDirectories)));
    return leftBehind;
}
/** Why content may not be written, or undefined. */
function contentProblem(content, maxBytes) {
    if (!Number.isSafeInteger(maxBytes) || maxBytes <= 0)
        return `invalid size limit ${String(maxBytes)} (expected a positive whole number of bytes)`;
    if (typeof content !== 'string' || content.trim() === '')
        return 'content is empty';
    if (content.includes('\0'))
        return 'content contains a NUL byte';
    const bytes = Buffer.byteLength(content, 'utf8');
    if (bytes > maxBytes)
        return `content too large (${bytes} bytes, limit ${maxBytes})`;
    return undefined;
}
/** Makes one directory, after checking that its parent still resolves to where the check said. */
async function makeDirectory(directory, expectedRealParent) {
    if ((await (0,promises_.realpath)((0,external_node_path_.dirname)(directory))) !== expectedRealParent)
        throw new Refusal('path escapes the repository', 'path');
    try {
        await (0,promises_.mkdir)(directory);
    }
    catch (error) {
        if (errorCode(error) !== 'EEXIST')
            throw new Refusal(ioReason(error), 'io', { cause: error });
        const info = await (0,promises_.lstat)(directory);
        if (!info.isDirectory())
            throw new Refusal('parent is not a directory', 'path');
    }
}
/** Removes the file we created, wherever its directory now resolves to, but only if it is still ours. */
async function removeOwnFile(path, identity) {
    try {
        const actual = (0,external_node_path_.join)(await (0,promises_.realpath)((0,external_node_path_.dirname)(path)), (0,external_node_path_.basename)(path));
        const info = await (0,promises_.lstat)(actual);
        const ours = identity ? info.dev === identity.dev && info.ino === identity.ino : info.isFile();
        if (ours)
            await (0,promises_.unlink)(actual);
    }
    catch {
        // already gone, or its directory is: nothing of ours remains there
    }
}
async function removeFileInside(realRepoDir, path) {
    try {
        const info = await (0,promises_.lstat)(path).catch((error) => {
            if (errorCode(error) === 'ENOENT')
                return undefined;
            throw error;
        });
        if (!info)
            return true;
        if (info.isDirectory())
            return false;
        const realParent = await (0,promises_.realpath)((0,external_node_path_.dirname)(path));
        if (insideRelative(realRepoDir, realParent) === undefined)
            return false;
        await (0,promises_.unlink)((0,external_node_path_.join)(realParent, (0,external_node_path_.basename)(path)));
        return true;
    }
    catch {
        return false;
    }
}
/** rmdir, deepest first: only empty directories go. Returns those left behind. */
async function removeDirectories(realRepoDir, directories) {
    const leftBehind = [];
    for (const directory of [...directories].reverse()) {
        try {
            const info = await (0,promises_.lstat)(directory);
            if (!info.isDirectory())
                throw new Error('not a directory any more');
            if (insideRelative(realRepoDir, await (0,promises_.realpath)(directory)) === undefined)
                throw new Error('outside the repository');
            await (0,promises_.rmdir)(directory);
        }
        catch (error) {
            if (errorCode(error) !== 'ENOENT')
                leftBehind.push(directory);
        }
    }
    return leftBehind;
}
const IO_REASONS = {
    EEXIST: 'already exists',
    ENOENT: 'parent directory disappeared during the write',
    ENOTDIR: 'parent is not a directory',
    EACCES: 'permission denied',
    EPERM: 'permission denied',
    ENOSPC: 'no space left on device',
    EDQUOT: 'disk quota exceeded',
    EROFS: 'read-only file system',
    ENAMETOOLONG: 'path too long',
    ELOOP: 'too many levels of symbolic links',
};
function ioReason(error) {
    const code = errorCode(error);
    if (code && IO_REASONS[code])
        return IO_REASONS[code];
    const message = error instanceof Error ? error.message : String(error);
    return code ?? message.split('\n')[0] ?? 'unknown error';
}
function errorCode(error) {
    const code = error?.code;
    return typeof code === 'string' ? code : undefined;
}
const HINTS = {
    path: 'a generated test must be a new file inside the repository matching the test-file globs',
    content: 'a generated test must be non-empty text within the size limit',
    io: 'check the working tree and file permissions, then rerun',
};
function refusalError(relPath, refusal) {
    const shown = JSON.stringify(relPath.length > 160 ? `${relPath.slice(0, 160)}…` : relPath);
    return new errors/* GenerationError */.VP(`proposed test file ${shown} was not written: ${refusal.reason} (${HINTS[refusal.refusalKind]})`, {
        cause: refusal.cause ?? refusal,
    });
}

;// CONCATENATED MODULE: ./src/runners/test-name-pattern.ts

const test_name_pattern_NAME_SEPARATOR = ' > ';
/** Anchored, escaped regular-expression source matching `fullName` as `runner` builds it. */
function exactNamePattern(fullName, runner) {
    const segments = fullName.split(test_name_pattern_NAME_SEPARATOR).map(test_name_pattern_escapeRegExp);
    if (runner.framework === 'jest')
        return `^${segments.join(' ')}$`;
    const major = majorVersion(runner.frameworkVersion);
    if (major !== null && major >= 5)
        return `^${segments.join(' > ')}$`;
    if (major !== null && major <= 3)
        return `^ ?${segments.join(' ')}$`;
    return `^ ?${segments.join('(?: > | )')}$`;
}
/** Escapes every character with a meaning in a regular expression (valid with or without the 'u' flag). */
function test_name_pattern_escapeRegExp(text) {
    return text.replace(/[\\^$.*+?()[\]{}|]/g, '\\$&');
}

;// CONCATENATED MODULE: ./src/validation/gate/run-candidate.ts
/**
 * Runs one candidate test file alone with the repository's own runner, and reads what it did: each
 * case's result and the coverage of the module under test, keyed by repository-relative path.
 * perCaseCoverage runs passing cases one at a time (by exact name) to learn what each covers alone,
 * which greedy-selection.ts needs. The file must already be written (write-test-file.ts).
 */








/** Runs the candidate file alone, with coverage of the module. */
async function runCandidate(request, exec) {
    return runOnce(request, exec, { label: 'candidate', coverage: true });
}
/**
 * Runs each named case alone (exact-name pattern, one runner call per case, one after another) and
 * returns the module's coverage from each run. A run that does not report exactly that one case as
 * passed gives no coverage, with the reason.
 */
async function perCaseCoverage(request, names, exec) {
    const framework = frameworkOf(request);
    const results = [];
    for (const name of names) {
        const testNamePattern = exactNamePattern(name, { framework, frameworkVersion: request.pkg.frameworkVersion });
        const run = await runOnce(request, exec, { label: 'case', coverage: true, testNamePattern });
        const ran = run.cases.filter((testCase) => testCase.status !== 'skipped');
        const problem = run.fileError !== null
            ? `the file failed when the case ran alone: ${firstLine(run.fileError)}`
            : ran.length !== 1 || ran[0]?.name !== name
                ? `its name selected ${ran.length === 0 ? 'no case' : `${ran.length} cases (${ran.map((testCase) => testCase.name).join(', ')})`} when run alone`
                : ran[0].status !== 'passed'
                    ? `it failed when run alone: ${firstLine(ran[0].failureMessage ?? '')}`
                    : run.coverage === null
                        ? `the runner reported no coverage of ${request.module}`
                        : null;
        results.push({ name, coverage: problem === null ? run.coverage : null, problem });
    }
    return results;
}
/** One runner call on the candidate file, into a fresh subdirectory of outputDir. */
async function runOnce(request, exec, options) {
    const { pkg, checkoutDir, testFile, module } = request;
    const framework = frameworkOf(request);
    await (0,promises_.mkdir)(request.outputDir, { recursive: true, mode: 0o755 });
    const outputDir = await makeTempDir(request.outputDir, `${options.label}-`);
    const result = await adapterFor(framework).run({
        checkoutDir,
        pkg,
        selection: { kind: 'files', files: [testFile] },
        coverageFor: options.coverage ? [module] : [],
        outputDir,
        ...(request.writableDirs === undefined ? {} : { writableDirs: request.writableDirs }),
        timeoutMs: request.timeoutMs,
        ...(request.signal === undefined ? {} : { signal: request.signal }),
        ...(options.testNamePattern === undefined ? {} : { testNamePattern: options.testNamePattern }),
    }, exec);
    return toCandidateRun(result, request, options.coverage);
}
function toCandidateRun(result, request, withCoverage) {
    const own = result.cases.filter((testCase) => testCase.file === request.testFile);
    const fileLevel = own.find((testCase) => testCase.name === FILE_LEVEL_CASE_NAME);
    const cases = own.filter((testCase) => testCase !== fileLevel);
    let coverage = null;
    if (withCoverage) {
        const normalized = normalizeCoverageMap(result.coverage, {
            repoRoot: request.checkoutDir,
            runnerCwd: absoluteIn(request.checkoutDir, request.pkg.relDir),
        });
        coverage = normalized.map[request.module] ?? null;
    }
    return { cases, fileError: fileLevel ? (fileLevel.failureMessage ?? 'the test file failed') : null, coverage, exec: result.exec };
}
function frameworkOf(request) {
    if (request.pkg.framework === null) {
        throw new errors/* TestRunnerError */.xR(`no test framework is known for the package of ${request.testFile}: detect the package (detectPackage) before running a candidate`);
    }
    return request.pkg.framework;
}
function firstLine(text) {
    return text.split('\n').find((line) => line.trim() !== '')?.trim() ?? '(no message)';
}

;// CONCATENATED MODULE: ./src/validation/gate/flakiness.ts
/**
 * Re-runs a candidate test file N times (TestGen-LLM's "passes reliably" filter, at case
 * granularity) and counts, per case, how often it passed, failed, was skipped, or was missing from
 * the report (its file failed to load in that run). Only a case that passed in every run is stable.
 * Runs go one after another, without coverage (faster; coverage comes from perCaseCoverage).
 */


async function rerunCases(request, exec, runs, options = {}) {
    if (!Number.isSafeInteger(runs) || runs < 1) {
        throw new errors/* GenerationError */.VP(`cannot re-run a candidate ${String(runs)} times: the number of runs must be a whole number of at least 1`);
    }
    const reports = [];
    for (let run = 0; run < runs; run += 1) {
        const outcome = await runOnce(request, exec, { label: `rerun${run + 1}`, coverage: false });
        const names = new Map();
        for (const testCase of outcome.cases)
            names.set(testCase.name, { status: testCase.status, message: testCase.failureMessage });
        reports.push({ names, fileError: outcome.fileError });
    }
    return countRuns(reports, options.expectedNames ?? []);
}
/** Pure: per-case counts from each run's reported statuses. Exported for tests. */
function countRuns(reports, expectedNames) {
    const allNames = [...new Set([...expectedNames, ...reports.flatMap((report) => [...report.names.keys()])])];
    const cases = allNames.map((name) => {
        let passed = 0;
        let failed = 0;
        let skipped = 0;
        let missing = 0;
        let firstFailure = null;
        for (const report of reports) {
            const seen = report.names.get(name);
            if (seen === undefined) {
                missing += 1;
                firstFailure ??= report.fileError;
            }
            else if (seen.status === 'passed')
                passed += 1;
            else if (seen.status === 'failed') {
                failed += 1;
                firstFailure ??= seen.message;
            }
            else
                skipped += 1;
        }
        const runs = reports.length;
        const verdict = passed === runs ? 'stable' : passed > 0 ? 'flaky' : failed > 0 ? 'failing' : skipped > 0 ? 'skipped' : 'missing';
        return { name, runs, passed, failed, skipped, missing, verdict, firstFailure };
    });
    return { cases, fileErrors: reports.map((report) => report.fileError) };
}

;// CONCATENATED MODULE: ./src/validation/gate/greedy-selection.ts
/**
 * Pure: which passing test cases to keep, by the coverage of the module they add. Greedy, as in
 * set cover: repeatedly keep the case that adds the most new covered lines plus newly taken branch
 * outcomes over the baseline (the existing tests' coverage) and the cases already kept; ties go to
 * the name that sorts first. Cases left that add nothing are dropped with 'adds no coverage'.
 *
 * Lines are Istanbul's line coverage (a line's hits are the maximum over statements starting on it).
 * Branch outcomes are keyed by the branch's source position, type and outcome index, not by its id,
 * so data from separate runs of the same source compare even if ids were numbered differently.
 */

const ADDS_NO_COVERAGE = 'adds no coverage';
function selectCasesByCoverage(modulePath, baseline, cases) {
    const covered = new Set(baseline === null ? [] : coveredUnits(baseline));
    const remaining = cases.map((testCase) => ({ name: testCase.name, coverage: testCase.coverage, units: coveredUnits(testCase.coverage) }));
    const kept = [];
    const keptData = [];
    for (;;) {
        let best = null;
        remaining.forEach((candidate, index) => {
            const gain = candidate.units.filter((unit) => !covered.has(unit));
            const better = best === null ||
                gain.length > best.gain.length ||
                (gain.length === best.gain.length && candidate.name < remaining[best.index].name);
            if (gain.length > 0 && better)
                best = { index, gain };
        });
        if (best === null)
            break;
        const { index, gain } = best;
        const [picked] = remaining.splice(index, 1);
        for (const unit of gain)
            covered.add(unit);
        kept.push({
            name: picked.name,
            newLines: gain.filter((unit) => unit.startsWith('L')).map((unit) => Number(unit.slice(1))).sort((a, b) => a - b),
            newBranchOutcomes: gain.filter((unit) => unit.startsWith('B')).length,
        });
        keptData.push(picked.coverage);
    }
    const dropped = remaining
        .map((candidate) => ({ name: candidate.name, reason: ADDS_NO_COVERAGE }))
        .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    return { kept, dropped, combined: mergeCoverage(modulePath, [...(baseline === null ? [] : [baseline]), ...keptData]) };
}
/** Covered lines ('L<line>') and taken branch outcomes ('B<line>:<column>:<type>:<index>'). */
function coveredUnits(data) {
    const units = [];
    const lineHits = greedy_selection_toFileCoverage(data).getLineCoverage();
    for (const [line, hits] of Object.entries(lineHits))
        if (hits > 0)
            units.push(`L${line}`);
    for (const [id, hits] of Object.entries(data.b)) {
        const branch = data.branchMap[id];
        const start = branch?.loc?.start ?? branch?.locations?.[0]?.start;
        const where = start ? `${start.line}:${start.column}` : `id${id}`;
        hits.forEach((count, index) => {
            if (count > 0)
                units.push(`B${where}:${branch?.type ?? ''}:${index}`);
        });
    }
    return units;
}
/** Istanbul's merge of several runs' data for one file; null for none. */
function mergeCoverage(modulePath, list) {
    if (list.length === 0)
        return null;
    const map = istanbul_lib_coverage_default().createCoverageMap({});
    for (const data of list)
        map.addFileCoverage({ ...data, path: modulePath });
    return map.fileCoverageFor(modulePath).toJSON();
}
function greedy_selection_toFileCoverage(data) {
    return istanbul_lib_coverage_default().createFileCoverage(data.path ? data : { ...data, path: '(unnamed)' });
}

;// CONCATENATED MODULE: ./src/validation/gate/validate-candidate.ts







const ASSERTS_NOTHING = 'asserts nothing';
/** How a file-failed verdict starts when the runner did not pick the file up at all (healing cannot help). */
const NOT_COLLECTED = 'the test runner did not collect';
async function validateCandidate(input, exec) {
    const reruns = input.reruns ?? 3;
    const writeOptions = { testGlobs: input.testGlobs, maxBytes: input.maxBytes };
    const request = {
        checkoutDir: input.checkoutDir,
        pkg: input.pkg,
        testFile: input.testPath,
        module: input.module,
        outputDir: input.outputDir,
        timeoutMs: input.timeoutMs,
        ...(input.signal === undefined ? {} : { signal: input.signal }),
    };
    input.signal?.throwIfAborted();
    let written = await writeNewTestFile(input.checkoutDir, input.testPath, input.content, writeOptions);
    let keepFile = false;
    let content = input.content;
    const rewrite = async (next) => {
        if (written !== null)
            await removeOrThrow(written);
        written = null;
        input.signal?.throwIfAborted();
        written = await writeNewTestFile(input.checkoutDir, input.testPath, next, writeOptions);
        content = next;
    };
    try {
        // 2. Run it alone.
        const first = await runCandidate(request, exec);
        if (first.fileError !== null)
            return { kind: 'file-failed', error: first.fileError };
        if (first.cases.length === 0) {
            return {
                kind: 'file-failed',
                error: `${NOT_COLLECTED} ${input.testPath} (its include / testMatch settings leave it out): set test-path-pattern to a name your ${input.pkg.framework ?? 'test'} configuration includes`,
            };
        }
        // 3. Drop cases whose name is computed at run time (case-names.ts), that assert nothing, fail, or
        //    were skipped; the file keeps only the passing ones. From here on a case's name is the literal
        //    written in the file (equal to the reported one): no text the test made at run time goes on.
        const sourceCases = listTestCases(content, input.testPath);
        const dropped = [];
        const failures = [];
        const passing = [];
        const computed = new Set();
        for (const testCase of first.cases) {
            const reported = reportedCaseOf(sourceCases, testCase.name);
            if (reported.kind === 'computed') {
                if (computed.has(reported.label))
                    continue;
                computed.add(reported.label);
                dropped.push({ name: reported.label, reason: COMPUTED_NAME });
                // For healing: the model is told to name it with a literal (never a possible bug: no assertion failed).
                failures.push({ name: reported.label, message: COMPUTED_NAME });
                continue;
            }
            const name = reported.name;
            if (reported.source.assertionCount === 0)
                dropped.push({ name, reason: ASSERTS_NOTHING });
            else if (testCase.status === 'failed') {
                const message = testCase.failureMessage ?? '(no message)';
                dropped.push({ name, reason: `failed: ${validate_candidate_firstLine(message)}` });
                failures.push({ name, message });
            }
            else if (testCase.status !== 'passed')
                dropped.push({ name, reason: testCase.status });
            else
                passing.push(name);
        }
        if (passing.length === 0)
            return { kind: 'nothing-kept', dropped, failures };
        const passingOnly = keepOnlyTestCases(content, input.testPath, new Set(passing)).source;
        if (passingOnly !== content)
            await rewrite(passingOnly);
        // 4. Each passing case alone, with coverage: what it covers by itself (for the greedy choice), and
        //    its first re-run. A case that fails alone, or passes only beside the others, goes.
        input.signal?.throwIfAborted();
        const perCase = await perCaseCoverage(request, passing, exec);
        let measurable = [];
        for (const entry of perCase) {
            if (entry.coverage === null)
                dropped.push({ name: entry.name, reason: `no coverage measured: ${entry.problem ?? 'unknown'}` });
            else
                measurable.push({ name: entry.name, coverage: entry.coverage });
        }
        // 5. The other re-runs, of the whole file; drop any case that ever failed (reruns counts the run alone).
        if (reruns > 1 && measurable.length > 0) {
            input.signal?.throwIfAborted();
            const rerun = await rerunCases(request, exec, reruns - 1, { expectedNames: measurable.map((entry) => entry.name) });
            measurable = measurable.filter((entry) => {
                const counts = rerun.cases.find((item) => item.name === entry.name);
                if (counts?.verdict === 'stable')
                    return true;
                dropped.push({ name: entry.name, reason: `flaky: passed ${(counts?.passed ?? 0) + 1} of ${reruns}` });
                return false;
            });
        }
        // 6. Greedy selection against the baseline; then the final file: only the kept cases.
        const selection = selectCasesByCoverage(input.module, input.baseline, measurable);
        dropped.push(...selection.dropped);
        if (selection.kept.length === 0)
            return { kind: 'nothing-kept', dropped, failures };
        const final = keepOnlyTestCases(content, input.testPath, new Set(selection.kept.map((entry) => entry.name)));
        if (final.source !== content)
            await rewrite(final.source);
        keepFile = true;
        return {
            kind: 'kept',
            testPath: input.testPath,
            content,
            kept: selection.kept,
            dropped,
            failures,
            combinedCoverage: selection.combined,
        };
    }
    finally {
        if (!keepFile && written !== null)
            await removeOrThrow(written);
    }
}
async function removeOrThrow(written) {
    const left = await removeWrittenTestFile(written);
    if (left.length > 0) {
        throw new errors/* GenerationError */.VP(`could not remove the candidate test file ${written.relativePath} (left: ${left.join(', ')}): remove it by hand before rerunning`);
    }
}
function validate_candidate_firstLine(text) {
    return text.split('\n').find((line) => line.trim() !== '')?.trim() ?? '(no message)';
}

;// CONCATENATED MODULE: ./src/generation/answer/find-fenced-blocks.ts
/**
 * Markdown fenced code blocks in a model's answer (pure, linear time). Follows CommonMark where it
 * matters (``` or ~~~, three or more; the closing fence uses the same character and is at least as
 * long; a backtick fence's info string has no backtick) and is lenient where models are sloppy:
 * any indentation, and a block left open at the end of the text still counts (marked `closed: false`).
 */
function findFencedBlocks(text) {
    const blocks = [];
    let open = null;
    for (const rawLine of text.split('\n')) {
        const line = rawLine.endsWith('\r') ? rawLine.slice(0, -1) : rawLine;
        if (open === null) {
            const opening = parseFence(line);
            if (opening === null)
                continue;
            const { fence } = opening;
            const info = opening.rest.trim();
            if (fence.startsWith('`') && info.includes('`'))
                continue; // inline code, not a fence
            open = { fence, language: firstWord(info), lines: [] };
            continue;
        }
        const closing = parseFence(line);
        if (closing !== null && closing.rest.trim() === '' && closes(open.fence, closing.fence)) {
            blocks.push({ language: open.language, body: open.lines.join('\n'), closed: true });
            open = null;
        }
        else {
            open.lines.push(line);
        }
    }
    if (open !== null)
        blocks.push({ language: open.language, body: open.lines.join('\n'), closed: false });
    return blocks;
}
/** A fence at the start of a line (after any indentation), without regular expressions (no backtracking). */
function parseFence(line) {
    let start = 0;
    while (start < line.length && (line[start] === ' ' || line[start] === '\t'))
        start += 1;
    const marker = line[start];
    if (marker !== '`' && marker !== '~')
        return null;
    let end = start;
    while (end < line.length && line[end] === marker)
        end += 1;
    if (end - start < 3)
        return null;
    return { fence: line.slice(start, end), rest: line.slice(end) };
}
function closes(opening, candidate) {
    return candidate[0] === opening[0] && candidate.length >= opening.length;
}
function firstWord(info) {
    const end = info.search(/[\s{]/);
    return (end < 0 ? info : info.slice(0, end)).toLowerCase();
}

;// CONCATENATED MODULE: ./src/generation/answer/find-json-objects.ts
/**
 * Finding JSON objects inside free text (pure, linear time). Models wrap their JSON in prose; a
 * greedy regex (`/\{.*\}/s`) would swallow the prose between two objects and backtrack badly on
 * large input, so this scans once, counting braces outside JSON strings.
 */
/** How many times a scan may give up on an unbalanced `{` and retry from the next one (bounds the cost). */
const MAX_RESTARTS = 8;
const DEFAULT_MAX_OBJECTS = 100;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const QUOTE = 0x22;
const BACKSLASH = 0x5c;
/**
 * The balanced `{...}` spans of `text` that start like a JSON object with keys (`{`, optional
 * whitespace, `"`), top level only, in order, as text. Braces inside JSON strings (with escaped quotes)
 * do not count, and braces of prose or code (`f(x) {`, `{ a: 1 }`) start nothing. A start that never
 * closes (truncated output) is skipped and the scan resumes after it, a bounded number of times.
 */
function findBalancedObjects(text, maxObjects = DEFAULT_MAX_OBJECTS) {
    const found = [];
    let position = 0;
    let restarts = 0;
    while (found.length < maxObjects) {
        const open = nextObjectStart(text, position);
        if (open < 0)
            break;
        const end = endOfObject(text, open);
        if (end < 0) {
            restarts += 1;
            if (restarts > MAX_RESTARTS)
                break;
            position = open + 1;
            continue;
        }
        found.push(text.slice(open, end));
        position = end;
    }
    return found;
}
/** The index of the next `{` followed by optional whitespace and `"`, or -1. */
function nextObjectStart(text, from) {
    let open = text.indexOf('{', from);
    while (open >= 0) {
        let index = open + 1;
        while (index < text.length && isJsonWhitespace(text.charCodeAt(index)))
            index += 1;
        if (text.charCodeAt(index) === QUOTE)
            return open;
        open = text.indexOf('{', index);
    }
    return -1;
}
function isJsonWhitespace(code) {
    return code === 0x20 || code === 0x0a || code === 0x0d || code === 0x09;
}
/** The index just after the `}` that closes the `{` at `open`, or -1 if the text ends first. */
function endOfObject(text, open) {
    let depth = 0;
    let inString = false;
    for (let index = open; index < text.length; index += 1) {
        const code = text.charCodeAt(index);
        if (inString) {
            if (code === BACKSLASH)
                index += 1;
            else if (code === QUOTE)
                inString = false;
        }
        else if (code === QUOTE) {
            inString = true;
        }
        else if (code === OPEN_BRACE) {
            depth += 1;
        }
        else if (code === CLOSE_BRACE) {
            depth -= 1;
            if (depth === 0)
                return index + 1;
        }
    }
    return -1;
}
/**
 * JSON.parse that never throws and forgives one common slip of weaker models: raw newlines, tabs and
 * other control characters inside strings (a file's content written out literally).
 */
function parseJsonLeniently(text) {
    const first = tryParse(text);
    if (first.ok)
        return first;
    const escaped = escapeControlCharactersInStrings(text);
    if (escaped === text)
        return first;
    const second = tryParse(escaped);
    return second.ok ? second : first;
}
function tryParse(text) {
    try {
        return { ok: true, value: JSON.parse(text) };
    }
    catch (error) {
        return { ok: false, error: error instanceof Error ? error.message : String(error) };
    }
}
const CONTROL_ESCAPES = { 0x08: '\\b', 0x09: '\\t', 0x0a: '\\n', 0x0c: '\\f', 0x0d: '\\r' };
/** Control characters (U+0000-U+001F) inside JSON strings, escaped; everything else unchanged. */
function escapeControlCharactersInStrings(text) {
    const parts = [];
    let copiedUpTo = 0;
    let inString = false;
    for (let index = 0; index < text.length; index += 1) {
        const code = text.charCodeAt(index);
        if (!inString) {
            if (code === QUOTE)
                inString = true;
            continue;
        }
        if (code === BACKSLASH) {
            index += 1;
        }
        else if (code === QUOTE) {
            inString = false;
        }
        else if (code < 0x20) {
            parts.push(text.slice(copiedUpTo, index), CONTROL_ESCAPES[code] ?? `\\u${code.toString(16).padStart(4, '0')}`);
            copiedUpTo = index + 1;
        }
    }
    if (parts.length === 0)
        return text;
    parts.push(text.slice(copiedUpTo));
    return parts.join('');
}

;// CONCATENATED MODULE: ./src/generation/answer/format-answer-issues.ts
const DEFAULT_MAX_PROBLEMS = 8;
function formatAnswerIssues(issues, input, maxProblems = DEFAULT_MAX_PROBLEMS) {
    // zod still runs a value's checks after its type failed ("at most 3" on a string): keep the type issue only.
    const wrongType = new Set(issues.filter((issue) => issue.code === 'invalid_type').map((issue) => pathKey(issue.path)));
    const relevant = issues.filter((issue) => issue.code === 'invalid_type' || !wrongType.has(pathKey(issue.path)));
    const lines = [...new Set(relevant.map((issue) => format_answer_issues_formatIssue(issue, input)))];
    if (lines.length <= maxProblems)
        return lines;
    return [...lines.slice(0, maxProblems), `... and ${lines.length - maxProblems} more`];
}
function format_answer_issues_formatIssue(issue, input) {
    const where = format_answer_issues_describePath(issue.path);
    if (issue.code === 'invalid_type') {
        const expected = withArticle(String(issue.expected));
        const value = format_answer_issues_valueAt(input, issue.path);
        return value === undefined ? `${where} is missing (expected ${expected})` : `${where} must be ${expected}, got ${typeOf(value)}`;
    }
    if (issue.code === 'custom' || issue.code === 'too_big' || issue.code === 'too_small') {
        return `${where} ${issue.message}`;
    }
    return `${where}: ${issue.message}`;
}
/** ['files', 0, 'content'] -> 'files[0].content'; [] -> 'the answer'. */
function format_answer_issues_describePath(path) {
    if (path.length === 0)
        return 'the answer';
    let text = '';
    for (const segment of path) {
        if (typeof segment === 'number')
            text += `[${segment}]`;
        else
            text += text === '' ? String(segment) : `.${String(segment)}`;
    }
    return text;
}
function pathKey(path) {
    return JSON.stringify(path.map(String));
}
function format_answer_issues_valueAt(input, path) {
    let value = input;
    for (const segment of path) {
        if (value === null || typeof value !== 'object')
            return undefined;
        value = value[segment];
    }
    return value;
}
function typeOf(value) {
    if (value === null)
        return 'null';
    if (Array.isArray(value))
        return 'an array';
    if (typeof value === 'object')
        return 'an object';
    if (typeof value === 'number' && !Number.isInteger(value))
        return 'a fractional number';
    return typeof value;
}
function withArticle(expected) {
    switch (expected) {
        case 'int':
            return 'an integer';
        case 'array':
            return 'an array';
        case 'object':
            return 'a JSON object';
        default:
            return /^[aeiou]/.test(expected) ? `an ${expected}` : `a ${expected}`;
    }
}

;// CONCATENATED MODULE: ./src/generation/answer/refusal-prose.ts
/**
 * Does a prose answer (no JSON, no code) read like a refusal? Looks only at the opening of the text,
 * where models put "I'm sorry, but I can't...", so the cost does not grow with the answer (pure).
 */
const HEAD_CHARS = 400;
const REFUSAL_PHRASES = [
    "i can't",
    'i cannot',
    'i can not',
    "i won't",
    'i will not',
    "i'm unable",
    'i am unable',
    "i'm not able",
    'i am not able',
    'i must decline',
    "i'm sorry",
    'i am sorry',
    'i apologize',
    'i apologise',
    'as an ai',
];
function looksLikeRefusal(text) {
    const head = text.trimStart().slice(0, HEAD_CHARS).toLowerCase().replaceAll('\u2019', "'");
    return REFUSAL_PHRASES.some((phrase) => head.includes(phrase));
}

;// CONCATENATED MODULE: ./src/generation/answer/extract-answer.ts





/** Longer prose is not read as a refusal: refusals are short, and long prose likely carries code. */
const MAX_REFUSAL_CHARS = 4000;
const CODE_LANGUAGES = new Set(['ts', 'typescript', 'tsx', 'mts', 'cts', 'js', 'javascript', 'jsx', 'mjs', 'cjs', '']);
function extractAnswer(content, finishReason, refusal, limits = {}) {
    try {
        return extract(content, finishReason, refusal, limits);
    }
    catch (error) {
        // Nothing above is meant to throw; if something does (a bug, or a pathological input), say so.
        const message = error instanceof Error ? error.message : String(error);
        return failure('invalid', `the answer could not be read (${extract_answer_shorten(message)})`, ['the answer could not be read']);
    }
}
function extract(content, finishReason, refusal, limits) {
    if (typeof refusal === 'string' && refusal.trim() !== '') {
        return failure('refusal', `the model refused: ${extract_answer_shorten(refusal)}`);
    }
    if (finishReason === 'content_filter') {
        return failure('refusal', "the provider's content filter stopped the answer (finish_reason: content_filter)");
    }
    const text = withoutReasoning(typeof content === 'string' ? content : '');
    if (text.trim() === '') {
        return finishReason === 'length'
            ? failure('truncated', 'the completion cap was reached before any answer was written (finish_reason: length)')
            : failure('empty', 'the answer was empty');
    }
    const blocks = findFencedBlocks(text);
    const search = new CandidateSearch(answerSchema(limits));
    for (const candidate of jsonCandidates(text, blocks)) {
        const answer = search.try(candidate.text);
        if (answer !== null)
            return { kind: 'ok', answer, source: candidate.source };
    }
    if (finishReason === 'length') {
        return failure('truncated', 'the answer was cut off at the completion cap before it was complete (finish_reason: length)');
    }
    if (!search.sawAnswerAttempt) {
        const codeBlocks = blocks.filter(isCodeBlock);
        if (codeBlocks.length === 1)
            return codeOnly(codeBlocks[0], limits);
        if (codeBlocks.length > 1) {
            return invalid([`found ${codeBlocks.length} code blocks and no JSON answer; put each test file in "files"`]);
        }
        if (!search.sawAnyJson && !text.includes('```') && text.length <= MAX_REFUSAL_CHARS && looksLikeRefusal(text)) {
            return failure('refusal', `the model declined: ${extract_answer_shorten(text)}`);
        }
    }
    return invalid(search.problems());
}
/** Candidates in order of preference; the costlier scan of the prose runs only if needed. */
function* jsonCandidates(text, blocks) {
    const trimmed = text.trim();
    if (trimmed.startsWith('{'))
        yield { source: 'json', text: trimmed };
    for (const block of blocks) {
        const body = block.body.trim();
        if (body.startsWith('{'))
            yield { source: 'fenced-json', text: body };
    }
    for (const object of findBalancedObjects(text))
        yield { source: 'embedded-json', text: object };
}
/** Tries candidates against the schema and remembers the most useful failure for the report. */
class CandidateSearch {
    seen = new Set();
    best = null;
    firstParseError = null;
    sawAnswerAttempt = false;
    sawAnyJson = false;
    schema;
    constructor(schema) {
        this.schema = schema;
    }
    try(text) {
        if (this.seen.has(text))
            return null;
        this.seen.add(text);
        const parsed = parseJsonLeniently(text);
        if (!parsed.ok) {
            this.firstParseError ??= `the JSON did not parse: ${extract_answer_shorten(parsed.error)}`;
            if (looksLikeAnswerText(text))
                this.sawAnswerAttempt = true;
            return null;
        }
        this.sawAnyJson = true;
        const value = asFilesObject(parsed.value);
        const isAttempt = isAnswerAttempt(value);
        if (isAttempt)
            this.sawAnswerAttempt = true;
        const result = this.schema.safeParse(value);
        if (result.success)
            return result.data;
        if (this.best === null || (isAttempt && !this.best.isAttempt)) {
            this.best = { problems: formatAnswerIssues(result.error.issues, value), isAttempt };
        }
        return null;
    }
    problems() {
        if (this.best?.isAttempt)
            return this.best.problems;
        if (this.firstParseError !== null && this.sawAnswerAttempt)
            return [this.firstParseError];
        if (this.best !== null)
            return this.best.problems;
        if (this.firstParseError !== null)
            return [this.firstParseError];
        return ['no JSON object was found in the answer'];
    }
}
/** `{ path, content }` without `files` is a one-file answer; anything else is left as it is. */
function asFilesObject(value) {
    if (!extract_answer_isRecord(value) || 'files' in value)
        return value;
    return 'path' in value && 'content' in value ? { files: [value] } : value;
}
function isAnswerAttempt(value) {
    return extract_answer_isRecord(value) && 'files' in value;
}
/** Unparsable text that was clearly meant as the answer (so a code block elsewhere is not taken instead). */
function looksLikeAnswerText(text) {
    if (!startsLikeJsonObject(text))
        return false;
    return text.includes('"files"') || (text.includes('"content"') && text.includes('"path"'));
}
/** `{` then optional whitespace then `"`: a JSON object with keys, not a block of code. */
function startsLikeJsonObject(text) {
    let index = 1;
    while (index < text.length && /\s/.test(text[index]))
        index += 1;
    return text[0] === '{' && text[index] === '"';
}
function extract_answer_isRecord(value) {
    return typeof value === 'object' && value !== null && !Array.isArray(value);
}
function isCodeBlock(block) {
    if (!CODE_LANGUAGES.has(block.language))
        return false;
    const body = block.body.trim();
    return body !== '' && !(block.language === '' && (body.startsWith('{') || body.startsWith('[')));
}
function codeOnly(block, limits) {
    const content = `${block.body.replace(/^\n+/, '')}\n`;
    const checked = fileContentSchema(limits).safeParse(content);
    if (!checked.success) {
        const issues = checked.error.issues.map((issue) => ({ ...issue, path: ['the code block'] }));
        return invalid(formatAnswerIssues(issues, { 'the code block': content }));
    }
    return {
        kind: 'code-only',
        answer: { files: [{ path: null, content }], notes: null },
        language: block.language,
    };
}
/** Drops a leading `<think>...</think>` (or `<thinking>`) block; an unclosed one leaves nothing. */
function withoutReasoning(text) {
    const start = text.trimStart();
    for (const tag of ['think', 'thinking']) {
        if (!start.startsWith(`<${tag}>`))
            continue;
        const close = start.indexOf(`</${tag}>`);
        return close < 0 ? '' : start.slice(close + tag.length + 3);
    }
    return text;
}
function invalid(problems) {
    return failure('invalid', `the answer could not be used: ${problems.join('; ')}`, problems);
}
function failure(kind, detail, problems = []) {
    return { kind, detail, problems };
}
/** One line, at most `max` characters. */
function extract_answer_shorten(text, max = 200) {
    const line = text.slice(0, max * 4).replace(/\s+/g, ' ').trim();
    return line.length > max ? `${line.slice(0, max - 3)}...` : line;
}

;// CONCATENATED MODULE: ./src/budget/ledger-types.ts
function isRefusal(result) {
    return 'refused' in result;
}

;// CONCATENATED MODULE: ./src/budget/openai-usage.ts
function usageFromOpenAi(usage) {
    if (!usage)
        return null;
    const input = usage.prompt_tokens;
    const output = usage.completion_tokens;
    if (!isCount(input) || !isCount(output))
        return null;
    const cached = usage.prompt_tokens_details?.cached_tokens;
    return isCount(cached) && cached > 0 ? { inputTokens: input, outputTokens: output, cachedInputTokens: cached } : { inputTokens: input, outputTokens: output };
}
function isCount(value) {
    return typeof value === 'number' && Number.isFinite(value) && value >= 0;
}

// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(7598);
;// CONCATENATED MODULE: ./src/generation/call/answer-replay.ts
/**
 * Answers already paid for, replayed instead of asked again (issue 6: a resumed run never pays twice
 * for the same answer). The key is a digest of exactly what the call would send (model, messages,
 * response format, completion cap) and whom it is for (module, label), so a different prompt (say a
 * healing turn with other failures) is a new call. The store behind it (src/store/) validates what it
 * gives back; nothing in a reply is ever executed.
 */

/** SHA-256 (hex) of the call's parts, in a fixed order. */
function answerKey(parts) {
    const text = JSON.stringify([
        parts.model,
        parts.module,
        parts.label,
        parts.messages.map((message) => [message.role, message.content]),
        parts.responseFormat === null ? null : [parts.responseFormat.name, parts.responseFormat.schema],
        parts.maxCompletionTokens,
    ]);
    return (0,external_node_crypto_.createHash)('sha256').update(text, 'utf8').digest('hex');
}

;// CONCATENATED MODULE: ./src/generation/call/budgeted-call.ts
/**
 * One model call under the budget ledger (issue 3, item 6). Every attempt the SDK makes (first try,
 * each retry, the structured-output fallback) passes through the fetch wrapped here, which:
 *   1. reserves the attempt's worst case before anything is sent; refused -> nothing is sent, the
 *      call is cancelled through its abort signal (so the SDK does not retry), and the result says
 *      which limit refused it;
 *   2. after the attempt: a 2xx answer is settled with the usage in its body (no usage: the worst
 *      case is charged); an error status is a failed attempt (4xx: one call, no cost; 5xx: worst case);
 *      no answer at all (timeout, reset) is charged its worst case, as the provider may bill it.
 * The call returns only once every reservation it made is settled or released, so the ledger's totals
 * are final when the caller reads them.
 */




/** Connection failures that mean nothing reached the provider. */
const NOT_SENT_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH']);
async function budgetedCall(request) {
    const { ledger, replay } = request;
    const schemaText = request.responseFormat ? [JSON.stringify(request.responseFormat.schema)] : [];
    const promptTokens = countPromptTokens(request.messages, request.model, { extraText: schemaText });
    const key = replay === undefined ? null : answerKey(request);
    const replayed = key === null ? null : (replay?.find(key) ?? null);
    if (replayed !== null) {
        request.onReplayed?.(replayed);
        return { kind: 'reply', reply: replayed, promptTokens };
    }
    const budgetStop = new AbortController();
    let refusal = null;
    let attempt = 0;
    const pending = [];
    const record = (entry) => request.onCharged?.(entry);
    const wrapFetch = (inner) => async (input, init) => {
        attempt += 1;
        const granted = ledger.reserve({
            module: request.module,
            promptTokens,
            maxCompletionTokens: request.maxCompletionTokens,
            label: request.label,
            attempt,
        });
        if (isRefusal(granted)) {
            refusal = granted;
            budgetStop.abort(new Error(granted.refused));
            throw new Error(`budget refused the call: ${granted.refused}`);
        }
        let response;
        try {
            response = await inner(input, init);
        }
        catch (error) {
            record(ledger.failAttempt(granted, notSent(error) ? { kind: 'not-sent' } : { kind: 'no-response' }));
            throw error;
        }
        if (!response.ok) {
            record(ledger.failAttempt(granted, { kind: 'http-error', status: response.status }));
            return response;
        }
        pending.push(settleFromBody(ledger, granted, response.clone()).then(record));
        return response;
    };
    const signal = request.signal ? AbortSignal.any([request.signal, budgetStop.signal]) : budgetStop.signal;
    try {
        const reply = await request.client.complete({
            messages: request.messages,
            responseFormat: request.responseFormat,
            maxCompletionTokens: request.maxCompletionTokens,
            signal,
            wrapFetch,
        });
        await Promise.all(pending); // the charge first, so a recorded answer is always a paid one
        if (key !== null)
            replay?.record(key, reply);
        return { kind: 'reply', reply, promptTokens };
    }
    catch (error) {
        const refused = refusal;
        if (refused !== null && !(request.signal?.aborted ?? false)) {
            return { kind: 'refused', refusal: refused, promptTokens };
        }
        throw error;
    }
    finally {
        await Promise.all(pending);
    }
}
/** Reads the usage from a copy of the body; an unreadable body or no usage charges the worst case. */
async function settleFromBody(ledger, reservation, copy) {
    let text;
    try {
        text = await copy.text();
    }
    catch {
        return ledger.failAttempt(reservation, { kind: 'no-response' });
    }
    let usage = null;
    try {
        const parsed = JSON.parse(text);
        if (typeof parsed === 'object' && parsed !== null)
            usage = parsed['usage'];
    }
    catch {
        usage = null;
    }
    return ledger.settle(reservation, typeof usage === 'object' && usage !== null ? usageFromOpenAi(usage) : null);
}
function notSent(error) {
    const cause = error instanceof Error ? error.cause : undefined;
    return typeof cause?.code === 'string' && NOT_SENT_CODES.has(cause.code);
}

;// CONCATENATED MODULE: ./src/generation/module/pick-answer-file.ts

function pickAnswerFile(answer, testPath) {
    const files = answer.files;
    const exact = files.find((file) => file.path === testPath);
    const chosen = exact ?? files[0];
    if (!chosen)
        return { content: '', pathNote: 'the answer had no file' };
    const proposed = chosen.path;
    if (proposed === null || proposed === testPath)
        return { content: chosen.content, pathNote: null };
    const problem = proposedPathProblem(proposed, DEFAULT_TEST_GLOBS);
    const why = problem ? `rejected: ${problem}` : 'not the configured test path';
    return { content: chosen.content, pathNote: `the model proposed ${JSON.stringify(proposed.slice(0, 200))} (${why}); written at ${testPath} instead` };
}

;// CONCATENATED MODULE: ./src/generation/module/possible-bugs.ts
/**
 * Which failing generated cases may have found a bug (pure). A case counts when its failure is an
 * assertion mismatch (not a crash, import or type error) AND its expectation agrees with the code's
 * documented intent: either the model said so in its notes (it is asked to keep such assertions and
 * say so), or the case's name shares at least two significant words (besides the declaration's own
 * name) with a doc comment of the module.
 * Such cases are reported, never proposed as passing tests.
 */



const ASSERTION = /AssertionError|expected .* to (?:be|equal|deep|strictly|match|throw|have|contain)|Expected:|Received:|toBe|toEqual|toStrictEqual|toThrow/i;
const CRASH = /\b(?:TypeError|ReferenceError|SyntaxError|RangeError)\b|Cannot find module|Failed to (?:load|resolve)|is not a function|is not defined|is not a constructor/;
const STOP_WORDS = new Set(['should', 'when', 'with', 'that', 'this', 'returns', 'return', 'given', 'from', 'into', 'have', 'does', 'the', 'and', 'for', 'are', 'not', 'case', 'test', 'value', 'values', 'true', 'false']);
const MAX_FAILURE_CHARS = 600;
function findPossibleBugs(file, moduleSource, failures, notes) {
    const docs = docComments(moduleSource, file);
    const noteText = (notes ?? '').toLowerCase();
    const bugs = [];
    for (const failure of failures) {
        if (!ASSERTION.test(failure.message) || CRASH.test(failure.message))
            continue;
        const evidence = noteEvidence(failure.name, noteText, notes) ?? docEvidence(failure.name, docs);
        if (evidence === null)
            continue;
        bugs.push({ file, testName: failure.name, failure: cleanErrorText(failure.message, { maxChars: MAX_FAILURE_CHARS }), evidence });
    }
    return bugs;
}
function noteEvidence(name, lowerNotes, notes) {
    if (lowerNotes === '' || !/\bbug\b|intent|document|disagree|contradict|wrong/.test(lowerNotes))
        return null;
    const title = (name.split(' > ').pop() ?? name).toLowerCase();
    if (!lowerNotes.includes(title) && !significantWords(title).some((word) => lowerNotes.includes(word)))
        return null;
    return `the model noted: ${(notes ?? '').replace(/\s+/g, ' ').trim().slice(0, 300)}`;
}
function docEvidence(name, docs) {
    const words = new Set(significantWords(name));
    for (const doc of docs) {
        // The function's own name is in most of its tests' names: only the doc's other words count.
        const nameWords = new Set(significantWords(doc.name));
        const shared = significantWords(doc.text).filter((word) => words.has(word) && !nameWords.has(word));
        if (new Set(shared).size >= 2)
            return `the doc comment of ${doc.name} says: "${doc.text.slice(0, 240)}"`;
    }
    return null;
}
function significantWords(text) {
    const split = text.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase().split(/[^a-z0-9]+/);
    return split.filter((word) => word.length >= 4 && !STOP_WORDS.has(word));
}
/** `/** ... *\/` comments attached to declarations, with the declared name. */
function docComments(source, fileName) {
    const file = parseModule(source, fileName);
    const found = [];
    const visit = (node) => {
        const jsDoc = node.jsDoc;
        if (jsDoc && jsDoc.length > 0) {
            const name = node.name;
            const text = jsDoc.map((doc) => source.slice(doc.pos, doc.end)).join(' ').replace(/^\s*\/\*\*|\*\/\s*$|^\s*\*\s?/gm, ' ').replace(/\s+/g, ' ').trim();
            found.push({ name: name && typescript_default().isIdentifier(name) ? name.text : 'the declaration', text });
        }
        typescript_default().forEachChild(node, visit);
    };
    visit(file);
    return found;
}

;// CONCATENATED MODULE: ./src/generation/module/summarize-dropped.ts
function summarizeDropped(dropped, whenNone) {
    if (dropped.length === 0)
        return whenNone;
    const reasons = new Map();
    for (const entry of dropped) {
        const key = entry.reason.split(':')[0] ?? entry.reason;
        reasons.set(key, (reasons.get(key) ?? 0) + 1);
    }
    return `no case kept (${[...reasons].map(([reason, count]) => `${count} ${reason}`).join(', ')})`;
}
/** The first non-empty line of a message, at most 300 characters. */
function summarize_dropped_firstLine(text) {
    return (text.split('\n').find((line) => line.trim() !== '') ?? text).trim().slice(0, 300);
}

;// CONCATENATED MODULE: ./src/git/restore-paths.ts
/**
 * Puts paths of one of OUR worktrees back as the commit has them: tracked files are checked out again,
 * untracked ones removed. Never used on the user's checkout.
 */



async function restorePaths(worktreeDir, repoPaths) {
    if (repoPaths.length === 0)
        return;
    const listed = await runGit(worktreeDir, ['ls-files', '-z', '--', ...repoPaths]);
    const tracked = new Set(listed.stdout.split('\0').filter((entry) => entry !== ''));
    const trackedPaths = repoPaths.filter((entry) => tracked.has(entry));
    if (trackedPaths.length > 0)
        await runGit(worktreeDir, ['checkout', '--', ...trackedPaths]);
    for (const entry of repoPaths.filter((item) => !tracked.has(item))) {
        await (0,promises_.rm)(external_node_path_default().join(worktreeDir, entry), { recursive: true, force: true });
    }
}

;// CONCATENATED MODULE: ./src/generation/module/validate-in-checkout.ts
/**
 * One candidate test file through the per-case gate in the validation checkout (shared by the model and
 * the zero-token generators): a candidate that cannot be written, whose run fails or times out, or whose
 * coverage cannot be read is a failed candidate, not a failed run; a candidate that changes files
 * besides its own test is not proposed, and the checkout is put back.
 */








async function validateInCheckout(work, settings, deps, content, scratch, label) {
    if (content.trim() === '')
        return { kind: 'file-failed', error: 'the answer held an empty file' };
    const outputDir = await makeTempDir(scratch, `${label}-`);
    const before = (await readWorkingTreeStatus(work.checkoutDir)).snapshot;
    let verdict;
    try {
        verdict = await validateCandidate({
            checkoutDir: work.checkoutDir,
            pkg: work.job.plan.pkg,
            module: work.job.plan.file.path,
            testPath: work.testPath,
            content,
            baseline: work.job.baseline,
            reruns: settings.reruns,
            timeoutMs: settings.candidateTimeoutMs,
            outputDir,
            testGlobs: DEFAULT_TEST_GLOBS,
            maxBytes: settings.maxFileBytes,
            ...(deps.signal ? { signal: deps.signal } : {}),
        }, deps.exec);
    }
    catch (error) {
        // A candidate that cannot be written (path rules, size), whose run failed or hit the time limit
        // (a test that never ends), or whose coverage could not be read, is a failed candidate, not a failed run.
        if (!(0,errors/* isTestMasterError */.z8)(error) || (deps.signal?.aborted ?? false))
            throw error;
        verdict = { kind: 'file-failed', error: error.message };
    }
    // A test that changes files besides its own (the module under test, other sources) is not proposed,
    // and the worktree is put back so the other modules' results stay true.
    const stray = changedPaths(before, (await readWorkingTreeStatus(work.checkoutDir)).snapshot).filter((entry) => !work.ownPaths.has(entry));
    if (stray.length === 0)
        return verdict;
    if (verdict.kind === 'kept')
        await (0,promises_.rm)(external_node_path_default().join(work.checkoutDir, verdict.testPath), { force: true });
    await restorePaths(work.checkoutDir, stray);
    const listed = `${stray.slice(0, 3).join(', ')}${stray.length > 3 ? ` and ${stray.length - 3} more` : ''}`;
    return { kind: 'file-failed', error: `the candidate changed files besides its own test file (${listed}): a test must leave the repository as it found it` };
}
/** The `candidate-validated` event of a verdict (both generators and the cross-run reuse emit it). */
function candidateValidatedEvent(module, turn, verdict) {
    return {
        type: 'candidate-validated',
        path: module,
        turn,
        verdict: verdict.kind,
        kept: verdict.kind === 'kept' ? verdict.kept.length : 0,
        dropped: verdict.kind === 'file-failed' ? 0 : verdict.dropped.length,
    };
}
/** What a module's result keeps of a kept verdict; `dropped` defaults to the verdict's own. */
function keptOfVerdict(verdict, dropped = verdict.dropped) {
    return {
        testPath: verdict.testPath,
        content: verdict.content,
        cases: verdict.kept.map((entry) => ({ name: entry.name, newLines: entry.newLines, newBranchOutcomes: entry.newBranchOutcomes })),
        dropped,
        combined: verdict.combinedCoverage,
    };
}

;// CONCATENATED MODULE: ./src/generation/module/generate-for-module.ts
/**
 * Generation for ONE module (issue 3, items 2-5): build the prompt, call the model under the budget,
 * read the answer (one repair turn for an unusable one), validate the candidate per case, and heal:
 * send the failures and the lines still uncovered back, up to `maxHealAttempts` turns. Returns what
 * was kept, why the rest went, and the module's spend. Model failures that no other module can get
 * past (bad key, unknown model, bad parameter, no quota) are thrown: the run stops on them.
 */


















/** Failures that end the run: retrying them on another module cannot succeed. */
const RUN_STOPPING = new Set(['authentication', 'permission', 'bad-request', 'model-not-found', 'insufficient-quota']);
async function generateForModule(work, settings, deps) {
    const module = work.job.plan.file.path;
    const { ledger, events } = deps;
    const notes = [];
    let turns = 0;
    let promptTokens = null;
    const finish = (outcome, reason, extra = {}) => {
        const spent = ledger.moduleTotals(module);
        const kept = extra.kept ?? null;
        events.emit({ type: 'generation-finished', path: module, outcome, reason, kept: kept?.cases.length ?? 0, costUsd: spent.costUsd });
        return {
            module,
            generation: { outcome, reason, turns, llmCalls: spent.llmCalls, inputTokens: spent.inputTokens, outputTokens: spent.outputTokens, costUsd: spent.costUsd, promptTokens },
            kept,
            possibleBugs: extra.possibleBugs ?? [],
            notes,
        };
    };
    const uncovered = work.job.patch.missingLines.length + work.job.patch.partialLines.length;
    if (uncovered === 0)
        return finish('skipped-covered', 'every changed line is already covered');
    events.emit({ type: 'generation-started', path: module, uncoveredLines: uncovered });
    const { context, built, answerSchema, tokensOf } = await buildModulePrompt(work.checkoutDir, work.job, work.testPath, settings);
    if (built.kind === 'too-large')
        return finish('skipped', built.reason);
    promptTokens = built.tokens.total;
    if (built.trimNote)
        notes.push(built.trimNote);
    const scratch = await makeTempDir(work.scratchDir, 'module-');
    try {
        const firstMessages = toModelMessages(built.messages);
        let messages = firstMessages;
        let label = 'generate';
        let repairUsed = false;
        let heals = 0;
        let lastFailureReason = 'no answer';
        // The best kept result so far: a healing turn replaces it only when its kept cases cover more.
        let best = null;
        // Possible bugs found in any turn stay reported, even if a later turn's file no longer has the case.
        const bugs = [];
        const conclude = (outcome, reason, found = []) => {
            for (const bug of found)
                if (!bugs.some((seen) => seen.testName === bug.testName))
                    bugs.push(bug);
            if (best === null)
                return finish(outcome, reason, { possibleBugs: bugs });
            return finish('kept', null, { kept: best.kept, possibleBugs: bugs });
        };
        for (;;) {
            const call = await budgetedCall({
                client: deps.client,
                ledger,
                model: settings.model,
                module,
                label,
                messages,
                responseFormat: { name: ANSWER_SCHEMA_NAME, schema: answerSchema },
                maxCompletionTokens: settings.maxCompletionTokens,
                ...(deps.signal ? { signal: deps.signal } : {}),
                onCharged: (record) => emitCall(deps, record),
                ...(deps.replay ? { replay: deps.replay } : {}),
                onReplayed: (reply) => events.emit({ type: 'model-call-replayed', path: module, label, inputTokens: reply.usage?.promptTokens ?? 0, outputTokens: reply.usage?.completionTokens ?? 0 }),
            }).catch((error) => {
                if (error instanceof ModelCallError && !(deps.signal?.aborted ?? false) && (!RUN_STOPPING.has(error.failure) || isPromptTooLong(error)))
                    return error;
                throw error;
            });
            if (call instanceof ModelCallError)
                return conclude(turns === 0 ? 'failed' : 'nothing-kept', call.message);
            if (call.kind === 'refused') {
                return conclude(turns === 0 ? 'skipped-budget' : 'nothing-kept', `stopped by budget: ${call.refusal.refused}`);
            }
            const reply = call.reply;
            const extracted = extractAnswer(reply.content, reply.finishReason, reply.refusal);
            if (extracted.kind !== 'ok' && extracted.kind !== 'code-only') {
                lastFailureReason = extracted.detail;
                if (repairUsed)
                    return conclude(turns === 0 ? 'failed' : 'nothing-kept', `unusable answer after a repair turn: ${extracted.detail}`);
                repairUsed = true;
                label = 'repair';
                // The unusable answer goes back with the repair request when there is one and it fits the cap
                // (an empty assistant message is rejected by some servers); a repair prompt is never sent over the cap.
                const repair = { role: 'user', content: repairPrompt(extracted) };
                const withAnswer = reply.content.trim() === '' ? [...messages, repair] : [...messages, { role: 'assistant', content: reply.content.slice(0, 20_000) }, repair];
                const fits = (list) => tokensOf(list) <= settings.maxPromptTokens;
                if (fits(withAnswer))
                    messages = withAnswer;
                else if (fits([...messages, repair]))
                    messages = [...messages, repair];
                else
                    return conclude(turns === 0 ? 'failed' : 'nothing-kept', `unusable answer (${extracted.detail}), and a repair turn would exceed max-prompt-tokens (${settings.maxPromptTokens})`);
                continue;
            }
            turns += 1;
            const answerNotes = extracted.kind === 'ok' ? extracted.answer.notes : null;
            const picked = pickAnswerFile(extracted.answer, work.testPath);
            if (picked.pathNote)
                notes.push(picked.pathNote);
            const verdict = await validateInCheckout(work, settings, deps, picked.content, scratch, `turn-${turns}`);
            events.emit(candidateValidatedEvent(module, turns, verdict));
            const failures = verdict.kind === 'file-failed' ? [] : verdict.failures;
            const possibleBugs = findPossibleBugs(module, context.moduleSource, failures, answerNotes);
            if (verdict.kind === 'file-failed' && verdict.error.startsWith(NOT_COLLECTED))
                return conclude('failed', verdict.error, possibleBugs);
            let stillUncovered = [...work.job.patch.missingLines, ...work.job.patch.partialLines];
            if (verdict.kind === 'kept') {
                await (0,promises_.rm)(external_node_path_default().join(work.checkoutDir, verdict.testPath), { force: true });
                const units = verdict.combinedCoverage ? coveredUnits(verdict.combinedCoverage).length : 0;
                if (best === null || units > best.units) {
                    best = { units, kept: keptOfVerdict(verdict) };
                }
                // Cases were kept: heal only what failed (a possible bug is reported, not healed away).
                const healable = failures.filter((failure) => !possibleBugs.some((bug) => bug.testName === failure.name));
                if (healable.length === 0 || heals >= settings.maxHealAttempts)
                    return conclude('kept', '', possibleBugs);
                stillUncovered = verdict.combinedCoverage ? uncoveredChangedLines(verdict.combinedCoverage, work.job.plan.file.changedLines) : stillUncovered;
            }
            for (const bug of possibleBugs)
                if (!bugs.some((seen) => seen.testName === bug.testName))
                    bugs.push(bug);
            lastFailureReason = verdict.kind === 'file-failed' ? `the test file failed: ${summarize_dropped_firstLine(verdict.error)}` : verdict.kind === 'nothing-kept' ? summarizeDropped(verdict.dropped, 'no case was kept') : lastFailureReason;
            if (heals >= settings.maxHealAttempts)
                return conclude('nothing-kept', lastFailureReason, possibleBugs);
            heals += 1;
            label = `heal-${heals}`;
            repairUsed = false;
            events.emit({ type: 'heal-turn', path: module, turn: heals, failingCases: failures.length, fileError: verdict.kind === 'file-failed' });
            const healing = healingMessage({
                testPath: work.testPath,
                previousFile: picked.content,
                // A possible bug is reported, not sent back to be "fixed" into asserting the buggy behaviour.
                // Test output is untrusted: token-shaped secrets are masked before it goes to the provider.
                failingCases: failures.filter((failure) => !bugs.some((bug) => bug.testName === failure.name)).map((failure) => ({ name: failure.name, error: redactSecrets(failure.message) })),
                fileError: verdict.kind === 'file-failed' ? redactSecrets(verdict.error) : null,
                stillUncoveredLines: stillUncovered,
                moduleSource: context.moduleSource,
                roots: [work.checkoutDir, scratch],
            });
            messages = [...firstMessages, { role: 'user', content: healing }];
            const healingTokens = tokensOf(messages);
            if (healingTokens > settings.maxPromptTokens) {
                return conclude('nothing-kept', `${lastFailureReason}; the healing prompt needs ${healingTokens} tokens, over max-prompt-tokens (${settings.maxPromptTokens})`, possibleBugs);
            }
        }
    }
    finally {
        await (0,promises_.rm)(scratch, { recursive: true, force: true });
    }
}
/** A 400 about this request's length concerns this module only; other modules' prompts may fit. */
function isPromptTooLong(error) {
    return error.failure === 'bad-request' && /context[_ ]length|maximum context|too many tokens|prompt is too long/i.test(error.message);
}
/** The prompt builder's messages (always plain text, system or user) as the client takes them. */
function toModelMessages(messages) {
    return messages.map((message) => ({
        role: message.role === 'system' || message.role === 'assistant' ? message.role : 'user',
        content: typeof message.content === 'string' ? message.content : '',
    }));
}
function emitCall(deps, record) {
    deps.events.emit({
        type: 'model-call',
        path: record.module,
        label: record.label ?? 'call',
        attempt: record.attempt,
        charged: record.charged ?? record.state,
        inputTokens: record.inputTokens,
        outputTokens: record.outputTokens,
        costUsd: record.costUsd,
        runCostUsd: deps.ledger.totals().costUsd,
    });
}
/** Changed lines with no hit in `data`, and changed lines where a branch is still not fully taken. */
function uncoveredChangedLines(data, changedLines) {
    const patch = patchMetrics(data, changedLines);
    return [...patch.missingLines, ...patch.partialLines];
}

;// CONCATENATED MODULE: ./src/offline/analyse/find-exports.ts
/**
 * The functions and classes a module exports, found from its syntax tree (pure): ES module forms
 * (`export function`, `export const f = () => ...`, `export default`, `export { local as name }`,
 * `export =`) and CommonJS forms (`module.exports = { f, g }`, `module.exports = function () {}`,
 * `module.exports.f = ...`, `exports.f = ...`). A CommonJS module whose `module.exports` is the
 * function or class itself gets the export name 'default'. Re-exports from other modules are not
 * this module's code and are left out.
 */

function findExports(sourceFile) {
    const locals = localDeclarations(sourceFile);
    const found = [];
    const add = (thing) => {
        if (thing !== null)
            found.push(thing);
    };
    const byLocal = (localName, exportName) => resolveLocal(locals, localName, exportName);
    for (const statement of sourceFile.statements) {
        if (typescript_default().isFunctionDeclaration(statement) && find_exports_hasModifier(statement, (typescript_default()).SyntaxKind.ExportKeyword)) {
            if (find_exports_hasModifier(statement, (typescript_default()).SyntaxKind.DefaultKeyword)) {
                add(statement.name ? byLocal(statement.name.text, 'default') : functionThing('default', 'default', [statement], statement, [], statement));
            }
            else if (statement.name) {
                add(byLocal(statement.name.text, statement.name.text));
            }
        }
        else if (typescript_default().isClassDeclaration(statement) && find_exports_hasModifier(statement, (typescript_default()).SyntaxKind.ExportKeyword)) {
            const isDefault = find_exports_hasModifier(statement, (typescript_default()).SyntaxKind.DefaultKeyword);
            const name = statement.name?.text ?? null;
            add({ kind: 'class', exportName: isDefault ? 'default' : (name ?? 'default'), displayName: name ?? 'default', node: statement });
        }
        else if (typescript_default().isVariableStatement(statement) && find_exports_hasModifier(statement, (typescript_default()).SyntaxKind.ExportKeyword)) {
            for (const declaration of statement.declarationList.declarations) {
                if (typescript_default().isIdentifier(declaration.name))
                    add(byLocal(declaration.name.text, declaration.name.text));
            }
        }
        else if (typescript_default().isExportDeclaration(statement) && statement.moduleSpecifier === undefined && !statement.isTypeOnly) {
            if (statement.exportClause && typescript_default().isNamedExports(statement.exportClause)) {
                for (const specifier of statement.exportClause.elements) {
                    if (specifier.isTypeOnly)
                        continue;
                    add(byLocal(nameText(specifier.propertyName ?? specifier.name), nameText(specifier.name)));
                }
            }
        }
        else if (typescript_default().isExportAssignment(statement)) {
            add(thingOfExpression(locals, statement.expression, 'default', [statement]));
        }
        else if (typescript_default().isExpressionStatement(statement)) {
            for (const thing of commonJsExports(locals, statement))
                add(thing);
        }
    }
    const exported = dedupe(found);
    return { exported, unexported: unexportedLocals(locals, exported) };
}
function commonJsExports(locals, statement) {
    const expression = statement.expression;
    if (!typescript_default().isBinaryExpression(expression) || expression.operatorToken.kind !== (typescript_default()).SyntaxKind.EqualsToken)
        return [];
    const target = expression.left;
    const value = expression.right;
    if (isModuleExports(target)) {
        const unwrapped = find_exports_unwrap(value);
        if (typescript_default().isObjectLiteralExpression(unwrapped))
            return objectLiteralExports(locals, unwrapped);
        const thing = thingOfExpression(locals, value, 'default', [statement]);
        return thing === null ? [] : [thing];
    }
    const name = exportsPropertyName(target);
    if (name === null)
        return [];
    const thing = thingOfExpression(locals, value, name, [statement]);
    return thing === null ? [] : [thing];
}
function objectLiteralExports(locals, object) {
    const things = [];
    for (const property of object.properties) {
        if (typescript_default().isShorthandPropertyAssignment(property)) {
            const thing = resolveLocal(locals, property.name.text, property.name.text);
            if (thing)
                things.push(thing);
        }
        else if (typescript_default().isPropertyAssignment(property)) {
            const name = propertyNameText(property.name);
            if (name === null)
                continue;
            const thing = thingOfExpression(locals, property.initializer, name, [property]);
            if (thing)
                things.push(thing);
        }
        else if (typescript_default().isMethodDeclaration(property)) {
            const name = propertyNameText(property.name);
            if (name !== null && property.body)
                things.push(functionThing(name, name, [property], property, [], property));
        }
    }
    return things;
}
/** What an exported expression is: a local by name, a function or class written in place, or another callable value. */
function thingOfExpression(locals, expression, exportName, rangeNodes) {
    const value = find_exports_unwrap(expression);
    if (typescript_default().isIdentifier(value))
        return resolveLocal(locals, value.text, exportName);
    if (typescript_default().isFunctionExpression(value) || typescript_default().isArrowFunction(value)) {
        const own = typescript_default().isFunctionExpression(value) ? (value.name?.text ?? null) : null;
        return functionThing(exportName, exportName === 'default' ? (own ?? 'default') : exportName, rangeNodes, value, [], value);
    }
    if (typescript_default().isClassExpression(value)) {
        return { kind: 'class', exportName, displayName: exportName === 'default' ? (value.name?.text ?? 'default') : exportName, node: value };
    }
    if (typescript_default().isObjectLiteralExpression(value) || typescript_default().isLiteralExpression(value) || typescript_default().isArrayLiteralExpression(value))
        return null;
    return functionThing(exportName, exportName === 'default' ? 'default' : exportName, rangeNodes, null, [], expression);
}
function resolveLocal(locals, localName, exportName) {
    const displayName = exportName === 'default' ? localName : exportName;
    const functions = locals.functions.get(localName);
    if (functions && functions.length > 0) {
        // Without a body it is an ambient declaration (`declare function`), nothing to call here.
        const implementation = functions.find((declaration) => declaration.body !== undefined);
        if (implementation === undefined)
            return null;
        const overloads = functions.filter((declaration) => declaration.body === undefined);
        return functionThing(exportName, displayName, functions, implementation, overloads, implementation);
    }
    const classNode = locals.classes.get(localName);
    if (classNode)
        return { kind: 'class', exportName, displayName, node: classNode };
    const variable = locals.variables.get(localName);
    if (variable && variable.declaration.initializer) {
        const range = variable.statement.declarationList.declarations.length === 1 ? variable.statement : variable.declaration;
        const value = find_exports_unwrap(variable.declaration.initializer);
        if (typescript_default().isFunctionExpression(value) || typescript_default().isArrowFunction(value))
            return functionThing(exportName, displayName, [range], value, [], value);
        if (typescript_default().isClassExpression(value))
            return { kind: 'class', exportName, displayName, node: value };
        if (typescript_default().isObjectLiteralExpression(value) || typescript_default().isLiteralExpression(value) || typescript_default().isArrayLiteralExpression(value))
            return null;
        return functionThing(exportName, displayName, [range], null, [], variable.declaration.name);
    }
    return null;
}
function functionThing(exportName, displayName, rangeNodes, implementation, overloads, valueNode) {
    return { kind: 'function', exportName, displayName, rangeNodes, implementation, overloads, valueNode };
}
function localDeclarations(sourceFile) {
    const functions = new Map();
    const variables = new Map();
    const classes = new Map();
    for (const statement of sourceFile.statements) {
        if (typescript_default().isFunctionDeclaration(statement) && statement.name) {
            const list = functions.get(statement.name.text) ?? [];
            list.push(statement);
            functions.set(statement.name.text, list);
        }
        else if (typescript_default().isClassDeclaration(statement) && statement.name) {
            classes.set(statement.name.text, statement);
        }
        else if (typescript_default().isVariableStatement(statement)) {
            for (const declaration of statement.declarationList.declarations) {
                if (typescript_default().isIdentifier(declaration.name))
                    variables.set(declaration.name.text, { declaration, statement });
            }
        }
    }
    return { functions, variables, classes };
}
function unexportedLocals(locals, exported) {
    const exportedNodes = new Set();
    for (const thing of exported) {
        if (thing.kind === 'class')
            exportedNodes.add(thing.node);
        else
            for (const node of [...thing.rangeNodes, thing.valueNode, ...(thing.implementation ? [thing.implementation] : [])])
                exportedNodes.add(node);
    }
    const result = [];
    for (const [name, declarations] of locals.functions) {
        if (!declarations.some((declaration) => exportedNodes.has(declaration)))
            result.push({ name, kind: 'function', rangeNodes: declarations });
    }
    for (const [name, { declaration, statement }] of locals.variables) {
        const value = declaration.initializer ? find_exports_unwrap(declaration.initializer) : undefined;
        if (value === undefined || !(typescript_default().isFunctionExpression(value) || typescript_default().isArrowFunction(value) || typescript_default().isClassExpression(value)))
            continue;
        if (exportedNodes.has(value) || exportedNodes.has(statement) || exportedNodes.has(declaration))
            continue;
        result.push({ name, kind: typescript_default().isClassExpression(value) ? 'class' : 'function', rangeNodes: [declaration] });
    }
    for (const [name, node] of locals.classes) {
        if (!exportedNodes.has(node))
            result.push({ name, kind: 'class', rangeNodes: [node] });
    }
    return result.sort((a, b) => a.rangeNodes[0].pos - b.rangeNodes[0].pos);
}
/** The first export of each function or class (a thing exported under two names is called once). */
function dedupe(things) {
    const seen = new Set();
    const names = new Set();
    const result = [];
    for (const thing of things) {
        const key = thing.kind === 'class' ? thing.node : (thing.implementation ?? thing.valueNode);
        if (seen.has(key) || names.has(thing.exportName))
            continue;
        seen.add(key);
        names.add(thing.exportName);
        result.push(thing);
    }
    return result;
}
/** `module.exports` */
function isModuleExports(node) {
    return typescript_default().isPropertyAccessExpression(node) && typescript_default().isIdentifier(node.expression) && node.expression.text === 'module' && node.name.text === 'exports';
}
/** `module.exports.name`, `module.exports['name']`, `exports.name` -> 'name' */
function exportsPropertyName(node) {
    if (typescript_default().isPropertyAccessExpression(node)) {
        const owner = node.expression;
        if (isModuleExports(owner) || (typescript_default().isIdentifier(owner) && owner.text === 'exports'))
            return node.name.text;
    }
    if (typescript_default().isElementAccessExpression(node) && typescript_default().isStringLiteralLike(node.argumentExpression)) {
        const owner = node.expression;
        if (isModuleExports(owner) || (typescript_default().isIdentifier(owner) && owner.text === 'exports'))
            return node.argumentExpression.text;
    }
    return null;
}
function find_exports_unwrap(expression) {
    let current = expression;
    while (typescript_default().isParenthesizedExpression(current) || typescript_default().isAsExpression(current) || typescript_default().isSatisfiesExpression(current) || typescript_default().isNonNullExpression(current) || typescript_default().isTypeAssertionExpression(current)) {
        current = current.expression;
    }
    return current;
}
function find_exports_hasModifier(node, kind) {
    return typescript_default().canHaveModifiers(node) && (typescript_default().getModifiers(node) ?? []).some((modifier) => modifier.kind === kind);
}
function nameText(name) {
    return typescript_default().isIdentifier(name) ? name.text : name.text;
}
function propertyNameText(name) {
    if (typescript_default().isIdentifier(name) || typescript_default().isStringLiteral(name) || typescript_default().isNumericLiteral(name) || typescript_default().isNoSubstitutionTemplateLiteral(name))
        return name.text;
    if (typescript_default().isPrivateIdentifier(name))
        return null;
    return null;
}
/** A function's parameters without a TypeScript `this` parameter. */
function ownParameters(declaration) {
    return declaration.parameters.filter((parameter) => !(typescript_default().isIdentifier(parameter.name) && parameter.name.text === 'this'));
}

;// CONCATENATED MODULE: ./src/offline/analyse/literal-values.ts
/**
 * Literal values the code names (reads the tree and the checker): a literal expression's value through
 * `const` names, imports, enum members and unary minus; the keys of a constant lookup table (object
 * literal, frozen or not, or `new Map([...])`) and a key it does not have; the items of a constant
 * list; a regular expression literal.
 */


/** A literal's value, following `const` names, enum members and unary minus; null otherwise. */
function literalValue(checker, expression, depth = 0) {
    const value = find_exports_unwrap(expression);
    if (typescript_default().isNumericLiteral(value))
        return { kind: 'number', value: Number(value.text) };
    if (typescript_default().isBigIntLiteral(value))
        return { kind: 'bigint', value: value.text.replace(/n$/, '') };
    if (typescript_default().isStringLiteralLike(value))
        return { kind: 'string', value: value.text };
    if (typescript_default().isPrefixUnaryExpression(value) && value.operator === (typescript_default()).SyntaxKind.MinusToken) {
        const inner = literalValue(checker, value.operand, depth);
        if (inner?.kind === 'number')
            return { kind: 'number', value: -inner.value };
        if (inner?.kind === 'bigint')
            return { kind: 'bigint', value: inner.value.startsWith('-') ? inner.value.slice(1) : `-${inner.value}` };
        return null;
    }
    if ((typescript_default().isPropertyAccessExpression(value) || typescript_default().isElementAccessExpression(value)) && depth < 3) {
        const constant = safe(() => checker.getConstantValue(value));
        if (typeof constant === 'number')
            return { kind: 'number', value: constant };
        if (typeof constant === 'string')
            return { kind: 'string', value: constant };
        return null;
    }
    if (typescript_default().isIdentifier(value) && depth < 3) {
        const declaration = constDeclarationOf(checker, value);
        return declaration?.initializer ? literalValue(checker, declaration.initializer, depth + 1) : null;
    }
    return null;
}
/** The `const` declaration a name refers to, following imports; null for anything else. */
function constDeclarationOf(checker, identifier) {
    let symbol = checker.getSymbolAtLocation(identifier);
    if (symbol && symbol.flags & (typescript_default()).SymbolFlags.Alias)
        symbol = safe(() => checker.getAliasedSymbol(symbol));
    const declaration = symbol?.valueDeclaration;
    if (!declaration || !typescript_default().isVariableDeclaration(declaration))
        return null;
    const list = declaration.parent;
    return typescript_default().isVariableDeclarationList(list) && list.flags & (typescript_default()).NodeFlags.Const ? declaration : null;
}
/** Keys of a constant lookup table: an object literal (maybe frozen) or `new Map([[k, v], ...])`; null if not one. */
function lookupKeys(checker, expression) {
    const value = find_exports_unwrap(expression);
    if (!typescript_default().isIdentifier(value))
        return null;
    const declaration = constDeclarationOf(checker, value);
    if (!declaration?.initializer)
        return null;
    let initializer = find_exports_unwrap(declaration.initializer);
    if (typescript_default().isCallExpression(initializer) && initializer.expression.getText() === 'Object.freeze' && initializer.arguments[0])
        initializer = find_exports_unwrap(initializer.arguments[0]);
    if (typescript_default().isObjectLiteralExpression(initializer)) {
        const keys = [];
        for (const property of initializer.properties) {
            if (typescript_default().isSpreadAssignment(property) || !property.name)
                continue;
            const name = property.name;
            if (typescript_default().isNumericLiteral(name))
                keys.push({ kind: 'number', value: Number(name.text) });
            const text = propertyNameText(name);
            if (text !== null)
                keys.push({ kind: 'string', value: text });
        }
        return keys;
    }
    if (typescript_default().isNewExpression(initializer) && initializer.expression.getText() === 'Map' && initializer.arguments?.[0]) {
        const entries = find_exports_unwrap(initializer.arguments[0]);
        if (!typescript_default().isArrayLiteralExpression(entries))
            return null;
        const keys = [];
        for (const entry of entries.elements) {
            const pair = find_exports_unwrap(entry);
            const key = typescript_default().isArrayLiteralExpression(pair) && pair.elements[0] ? literalValue(checker, pair.elements[0]) : null;
            if (key)
                keys.push(key);
        }
        return keys;
    }
    return null;
}
/** The literal elements of an inline or constant array literal (`['a', 'b'].includes(x)`). */
function listValues(checker, expression) {
    let value = find_exports_unwrap(expression);
    if (typescript_default().isIdentifier(value)) {
        const declaration = constDeclarationOf(checker, value);
        if (!declaration?.initializer)
            return null;
        value = find_exports_unwrap(declaration.initializer);
    }
    if (typescript_default().isNewExpression(value) && value.expression.getText() === 'Set' && value.arguments?.[0])
        value = find_exports_unwrap(value.arguments[0]);
    if (!typescript_default().isArrayLiteralExpression(value))
        return null;
    const items = value.elements.map((element) => literalValue(checker, element));
    return items.filter((item) => item !== null);
}
/** A key that is not in the table, shaped like its keys ('EUR', 'USD' -> 'XXX'). */
function missingKey(keys) {
    const first = keys[0] ?? 'key';
    const base = /^[A-Z]+$/.test(first) ? 'X'.repeat(Math.max(1, first.length)) : /^[a-z]+$/.test(first) ? 'unknown' : 'missing';
    let candidate = base;
    for (let n = 2; keys.includes(candidate); n++)
        candidate = `${base}${n}`;
    return candidate;
}
function regexOf(checker, expression) {
    let value = find_exports_unwrap(expression);
    if (typescript_default().isIdentifier(value)) {
        const declaration = constDeclarationOf(checker, value);
        if (!declaration?.initializer)
            return null;
        value = find_exports_unwrap(declaration.initializer);
    }
    if (value.kind !== (typescript_default()).SyntaxKind.RegularExpressionLiteral)
        return null;
    const text = value.text;
    const end = text.lastIndexOf('/');
    return end <= 0 ? null : { source: text.slice(1, end), flags: text.slice(end + 1) };
}
function safe(read) {
    try {
        return read();
    }
    catch {
        return undefined;
    }
}

;// CONCATENATED MODULE: ./src/offline/analyse/regex-sample.ts
/**
 * A short string that matches a simple regular expression, and one that does not (pure). Supports
 * literals, escapes (\d \w \s ...), `.`, character classes, groups with alternation (the first branch
 * is taken), anchors and the quantifiers ? * + {n,m}; returns null for anything else (back-references,
 * lookarounds, Unicode properties) or when the sample would be long. Only one-character strings and the
 * sample built to match are ever tested against the expression, so a pathological pattern cannot hang.
 */
const MAX_LENGTH = 40;
const CLASS_PROBES = ['a', 'b', 'x', '0', '1', '9', 'A', 'Z', '_', '-', '.', '@', ' ', '!', '/', ':', '+'];
class Unsupported extends Error {
}
function sampleRegExp(source, flags) {
    let regex;
    try {
        regex = new RegExp(source, flags.replace(/[gy]/g, ''));
    }
    catch {
        return null;
    }
    let matching;
    try {
        const parser = new Parser(source, flags);
        matching = parser.alternation();
        if (parser.position < source.length)
            return null;
    }
    catch (error) {
        if (error instanceof Unsupported)
            return null;
        throw error;
    }
    if (matching.length > MAX_LENGTH)
        return null;
    // The sample was built to match; a pattern with nested quantifiers is not run on it (it could backtrack for long).
    if (!hasNestedQuantifier(source) && !regex.test(matching))
        return null;
    const nonMatching = ['', '!', ' ', 'a', '0'].find((text) => text !== matching && !regex.test(text)) ?? null;
    return { matching, nonMatching };
}
class Parser {
    source;
    flags;
    position = 0;
    constructor(source, flags) {
        this.source = source;
        this.flags = flags;
    }
    /** branch ( '|' branch )* -> the first branch's sample */
    alternation() {
        const first = this.sequence();
        while (this.peek() === '|') {
            this.position++;
            this.sequence();
        }
        return first;
    }
    sequence() {
        let out = '';
        while (this.position < this.source.length && this.peek() !== '|' && this.peek() !== ')') {
            const atom = this.atom();
            out += this.quantified(atom);
            if (out.length > MAX_LENGTH)
                throw new Unsupported();
        }
        return out;
    }
    atom() {
        const char = this.source[this.position++];
        switch (char) {
            case '^':
            case '$':
                return '';
            case '.':
                return 'a';
            case '(':
                return this.group();
            case '[':
                return this.characterClass();
            case '\\':
                return this.escape();
            case '*':
            case '+':
            case '?':
            case '{':
                throw new Unsupported();
            default:
                return char;
        }
    }
    group() {
        if (this.peek() === '?') {
            const next = this.source.slice(this.position, this.position + 3);
            if (next.startsWith('?:'))
                this.position += 2;
            else if (next.startsWith('?<') && next !== '?<=' && next !== '?<!')
                this.position = this.source.indexOf('>', this.position) + 1;
            else
                throw new Unsupported();
            if (this.position === 0)
                throw new Unsupported();
        }
        const inner = this.alternation();
        if (this.source[this.position++] !== ')')
            throw new Unsupported();
        return inner;
    }
    characterClass() {
        let end = this.position;
        if (this.source[end] === '^')
            end++;
        if (this.source[end] === ']')
            end++;
        while (end < this.source.length && this.source[end] !== ']')
            end += this.source[end] === '\\' ? 2 : 1;
        if (end >= this.source.length)
            throw new Unsupported();
        const body = this.source.slice(this.position, end);
        this.position = end + 1;
        let single;
        try {
            single = new RegExp(`^[${body}]$`, this.flags.replace(/[gy]/g, ''));
        }
        catch {
            throw new Unsupported();
        }
        const found = CLASS_PROBES.find((probe) => single.test(probe));
        if (found !== undefined)
            return found;
        const start = body.replace(/^\^/, '')[0];
        if (start !== undefined && start !== '\\' && single.test(start))
            return start;
        throw new Unsupported();
    }
    escape() {
        const char = this.source[this.position++];
        if (char === undefined)
            throw new Unsupported();
        switch (char) {
            case 'd':
                return '1';
            case 'D':
            case 'w':
            case 'S':
                return 'a';
            case 'W':
                return '-';
            case 's':
                return ' ';
            case 'n':
                return '\n';
            case 't':
                return '\t';
            case 'r':
                return '\r';
            case 'b':
                return '';
            case 'x':
                return this.hex(2);
            case 'u':
                return this.hex(4);
            case 'B':
            case 'p':
            case 'P':
            case 'k':
            case 'c':
                throw new Unsupported();
            default:
                if (/[0-9]/.test(char))
                    throw new Unsupported();
                return char;
        }
    }
    hex(digits) {
        const text = this.source.slice(this.position, this.position + digits);
        if (!new RegExp(`^[0-9a-fA-F]{${digits}}$`).test(text))
            throw new Unsupported();
        this.position += digits;
        return String.fromCharCode(Number.parseInt(text, 16));
    }
    quantified(atom) {
        const char = this.peek();
        let times = 1;
        if (char === '*' || char === '+' || char === '?') {
            this.position++;
        }
        else if (char === '{') {
            const match = /^\{(\d+)(,(\d*))?\}/.exec(this.source.slice(this.position));
            if (!match)
                return atom;
            this.position += match[0].length;
            const min = Number(match[1]);
            const max = match[3] === undefined ? min : match[3] === '' ? Number.POSITIVE_INFINITY : Number(match[3]);
            times = min > 0 ? min : Math.min(1, max);
        }
        else {
            return atom;
        }
        if (this.peek() === '?')
            this.position++;
        if (atom.length * times > MAX_LENGTH)
            throw new Unsupported();
        return atom.repeat(times);
    }
    peek() {
        return this.source[this.position];
    }
}
/** A quantified group that holds a quantifier itself, e.g. `(a+)+` or `(\d+\.)*`. */
function hasNestedQuantifier(source) {
    const stack = [];
    let escaped = false;
    let inClass = false;
    for (let i = 0; i < source.length; i++) {
        const char = source[i];
        if (escaped) {
            escaped = false;
            continue;
        }
        if (char === '\\') {
            escaped = true;
            continue;
        }
        if (inClass) {
            if (char === ']')
                inClass = false;
            continue;
        }
        if (char === '[')
            inClass = true;
        else if (char === '(')
            stack.push(false);
        else if (char === ')') {
            const innerQuantified = stack.pop() ?? false;
            const next = source[i + 1];
            if (innerQuantified && (next === '*' || next === '+' || next === '{' || next === '?'))
                return true;
            if (stack.length > 0 && innerQuantified)
                stack[stack.length - 1] = true;
        }
        else if ((char === '*' || char === '+' || char === '{') && stack.length > 0) {
            stack[stack.length - 1] = true;
        }
    }
    return false;
}

;// CONCATENATED MODULE: ./src/offline/analyse/slot-constants.ts
const ELEMENT = '[]';
const MAX_NUMBER_FOR_NEIGHBOURS = 2 ** 52;
class Bucket {
    strong = [];
    weak = [];
    strings = [];
    bigints = [];
    typeofs = [];
    properties = [];
    shape = null;
    addNumbers(values, weak = false) {
        const list = weak ? this.weak : this.strong;
        for (const value of values)
            if (Number.isFinite(value) && !list.includes(value))
                list.push(value);
    }
    addLiteral(literal, how) {
        if (literal.kind === 'string')
            return pushNew(this.strings, literal.value);
        if (literal.kind === 'bigint')
            return pushNew(this.bigints, literal.value);
        const n = literal.value;
        if (how === 'arithmetic') {
            if (Math.abs(n) >= 2)
                this.addNumbers(neighbours(n), true);
        }
        else if (how === 'exact') {
            this.addNumbers([n]);
        }
        else if (how === 'equality') {
            this.addNumbers(Math.abs(n) < MAX_NUMBER_FOR_NEIGHBOURS ? [n, tidy(n + 1)] : [n]);
        }
        else {
            this.addNumbers(neighbours(n));
        }
    }
    /** Constants found for the same slot in a function this one passes it to: after this function's own. */
    merge(constants) {
        this.addNumbers(constants.numbers, true);
        for (const text of constants.strings)
            pushNew(this.strings, text);
        for (const text of constants.bigints)
            pushNew(this.bigints, text);
        for (const name of constants.typeofs)
            pushNew(this.typeofs, name);
        for (const name of constants.properties)
            pushNew(this.properties, name);
        this.shape ??= constants.shape;
    }
    freeze() {
        const numbers = [...this.strong];
        for (const value of this.weak)
            if (!numbers.includes(value))
                numbers.push(value);
        return { numbers, strings: [...this.strings], bigints: [...this.bigints], typeofs: [...this.typeofs], properties: [...this.properties], shape: this.shape };
    }
}
const NO_CONSTANTS = { numbers: [], strings: [], bigints: [], typeofs: [], properties: [], shape: null };
function slotKey(path) {
    return path.join('\u0000');
}
function neighbours(n) {
    if (Math.abs(n) >= MAX_NUMBER_FOR_NEIGHBOURS)
        return [n];
    return [tidy(n - 1), n, tidy(n + 1)];
}
function tidy(n) {
    return Number.isInteger(n) ? n : Number(n.toPrecision(12));
}
function pushNew(list, value) {
    if (!list.includes(value))
        list.push(value);
}

;// CONCATENATED MODULE: ./src/offline/analyse/collect-constants.ts
/**
 * Literal values a function's own code suggests as inputs, each tied where possible to the parameter
 * (or property of one, `discount.percent`, or element, `items[]`) it is compared with: numbers it
 * compares with and their neighbours, string literals in comparisons and `switch` cases, keys of
 * module constants used as lookup tables (`SYMBOLS[currency]`, `key in TABLE`, `MAP.get(key)`) plus one
 * missing key, strings matching and not matching a regular expression, lengths compared with
 * `.length`, defaults. Values not tied to a parameter are kept apart (`general`), and the module's
 * top-level constants apart again (`module`). Thrown messages are ignored. Reads the tree and the
 * checker only.
 */





const RELATIONAL = new Set([(typescript_default()).SyntaxKind.LessThanToken, (typescript_default()).SyntaxKind.LessThanEqualsToken, (typescript_default()).SyntaxKind.GreaterThanToken, (typescript_default()).SyntaxKind.GreaterThanEqualsToken]);
const EQUALITY = new Set([(typescript_default()).SyntaxKind.EqualsEqualsEqualsToken, (typescript_default()).SyntaxKind.EqualsEqualsToken, (typescript_default()).SyntaxKind.ExclamationEqualsEqualsToken, (typescript_default()).SyntaxKind.ExclamationEqualsToken]);
const ARITHMETIC = new Set([(typescript_default()).SyntaxKind.PlusToken, (typescript_default()).SyntaxKind.MinusToken, (typescript_default()).SyntaxKind.AsteriskToken, (typescript_default()).SyntaxKind.SlashToken, (typescript_default()).SyntaxKind.PercentToken]);
const ARRAY_METHODS = new Set(['map', 'filter', 'forEach', 'reduce', 'some', 'every', 'find', 'findIndex', 'flatMap', 'push', 'pop', 'slice', 'join', 'sort', 'concat']);
const ELEMENT_CALLBACKS = new Set(['map', 'filter', 'forEach', 'some', 'every', 'find', 'findIndex', 'flatMap', 'findLast', 'findLastIndex']);
const STRING_METHODS = new Set(['toUpperCase', 'toLowerCase', 'trim', 'split', 'startsWith', 'endsWith', 'charAt', 'padStart', 'padEnd', 'replace', 'replaceAll', 'match', 'substring']);
const REGEX_ON_ARGUMENT = new Set(['test', 'exec']);
const REGEX_ON_RECEIVER = new Set(['match', 'matchAll', 'search', 'replace', 'replaceAll', 'split']);
const AFFIX_METHODS = new Set(['startsWith', 'endsWith', 'includes']);
const PASS_THROUGH_CALLS = new Set(['Math.abs', 'Math.floor', 'Math.ceil', 'Math.round', 'Math.trunc', 'Number', 'String', 'parseInt', 'parseFloat', 'Number.parseInt', 'Number.parseFloat']);
function followCalls(depth = 2) {
    return { depth, cache: new Map() };
}
/**
 * The constants of one function-like node (its body and parameter defaults); the positions of its own
 * parameters (without `this`) name the slots.
 */
function collectConstants(checker, node, moduleConstants, calls = followCalls(0)) {
    const parameters = node ? ownParameters(node) : [];
    const slots = new Map();
    const paths = new Map();
    const general = new Bucket();
    const roots = new Map();
    const bucketOf = (path) => {
        const key = slotKey(path);
        let bucket = slots.get(key);
        if (!bucket) {
            bucket = new Bucket();
            slots.set(key, bucket);
            paths.set(key, path);
        }
        return bucket;
    };
    parameters.forEach((parameter, index) => bindPattern(checker, parameter.name, [String(index)], roots));
    const slotOf = (expression) => {
        const value = find_exports_unwrap(expression);
        if (typescript_default().isIdentifier(value)) {
            const symbol = checker.getSymbolAtLocation(value);
            return symbol ? (roots.get(symbol) ?? null) : null;
        }
        if (typescript_default().isPropertyAccessExpression(value) && !typescript_default().isPrivateIdentifier(value.name)) {
            const base = slotOf(value.expression);
            return base ? [...base, value.name.text] : null;
        }
        if (typescript_default().isElementAccessExpression(value)) {
            const base = slotOf(value.expression);
            if (base === null)
                return null;
            const argument = find_exports_unwrap(value.argumentExpression);
            if (typescript_default().isStringLiteralLike(argument))
                return [...base, argument.text];
            if (typescript_default().isNumericLiteral(argument))
                return [...base, ELEMENT];
            return null;
        }
        if (typescript_default().isCallExpression(value) && value.arguments.length >= 1 && PASS_THROUGH_CALLS.has(value.expression.getText()))
            return slotOf(value.arguments[0]);
        return null;
    };
    /** The one slot an expression reads, if it reads exactly one (aliases: `const absolute = Math.abs(cents)`). */
    const singleSlot = (expression) => {
        const direct = slotOf(expression);
        if (direct)
            return direct;
        const found = new Map();
        const visit = (child) => {
            if (found.size > 1)
                return;
            if (typescript_default().isExpression(child)) {
                const slot = slotOf(child);
                if (slot) {
                    found.set(slotKey(slot), slot);
                    return;
                }
            }
            if (typescript_default().isFunctionLike(child))
                return;
            typescript_default().forEachChild(child, visit);
        };
        visit(expression);
        return found.size === 1 ? [...found.values()][0] : null;
    };
    const literalOf = (expression) => literalValue(checker, expression);
    const visit = (child) => {
        if (typescript_default().isThrowStatement(child))
            return;
        if (typescript_default().isNewExpression(child) && isErrorConstructor(child))
            return;
        if (typescript_default().isVariableDeclaration(child) && child.initializer) {
            if (typescript_default().isIdentifier(child.name)) {
                const alias = singleSlot(child.initializer);
                const symbol = checker.getSymbolAtLocation(child.name);
                if (alias && symbol && !roots.has(symbol))
                    roots.set(symbol, alias);
            }
            else {
                const base = slotOf(child.initializer);
                if (base)
                    bindPattern(checker, child.name, base, roots);
            }
        }
        if (typescript_default().isForOfStatement(child) && typescript_default().isVariableDeclarationList(child.initializer)) {
            const base = slotOf(child.expression);
            const declaration = child.initializer.declarations[0];
            if (base && declaration)
                bindPattern(checker, declaration.name, [...base, ELEMENT], roots);
        }
        if (typescript_default().isBinaryExpression(child))
            visitBinary(child);
        if (typescript_default().isSwitchStatement(child)) {
            const slot = slotOf(child.expression);
            for (const clause of child.caseBlock.clauses) {
                if (!typescript_default().isCaseClause(clause))
                    continue;
                const literal = literalOf(clause.expression);
                if (literal)
                    (slot ? bucketOf(slot) : general).addLiteral(literal, 'exact');
            }
        }
        if (typescript_default().isElementAccessExpression(child)) {
            const slot = slotOf(child.argumentExpression);
            const keys = lookupKeys(checker, child.expression);
            if (slot && keys)
                addKeys(bucketOf(slot), keys);
        }
        if (typescript_default().isCallExpression(child))
            visitCall(child);
        if (typescript_default().isPropertyAccessExpression(child) && !typescript_default().isPrivateIdentifier(child.name)) {
            const slot = slotOf(child.expression);
            if (slot) {
                const name = child.name.text;
                const bucket = bucketOf(slot);
                const called = typescript_default().isCallExpression(child.parent) && child.parent.expression === child;
                if (called && ARRAY_METHODS.has(name))
                    bucket.shape ??= 'array';
                else if (called && STRING_METHODS.has(name))
                    bucket.shape ??= 'string';
                else if (!called && name !== 'length')
                    pushNew(bucket.properties, name);
            }
        }
        if (typescript_default().isBindingElement(child) && child.initializer) {
            const literal = literalOf(child.initializer);
            const slot = bindingSlot(child);
            if (literal && slot)
                bucketOf(slot).addLiteral(literal, 'exact');
        }
        typescript_default().forEachChild(child, visit);
    };
    const bindingSlot = (element) => {
        const symbol = typescript_default().isIdentifier(element.name) ? checker.getSymbolAtLocation(element.name) : undefined;
        return symbol ? (roots.get(symbol) ?? null) : null;
    };
    const visitBinary = (binary) => {
        const operator = binary.operatorToken.kind;
        if (operator === (typescript_default()).SyntaxKind.InKeyword) {
            const slot = slotOf(binary.left);
            const keys = lookupKeys(checker, binary.right);
            if (slot && keys)
                addKeys(bucketOf(slot), keys);
            return;
        }
        const how = RELATIONAL.has(operator) ? 'relational' : EQUALITY.has(operator) ? 'equality' : ARITHMETIC.has(operator) ? 'arithmetic' : null;
        if (how === null)
            return;
        for (const [literalSide, otherSide] of [
            [binary.right, binary.left],
            [binary.left, binary.right],
        ]) {
            const typeofOperand = typeofTarget(otherSide);
            if (typeofOperand && how === 'equality') {
                const literal = literalOf(literalSide);
                const slot = slotOf(typeofOperand);
                if (literal?.kind === 'string' && slot)
                    pushNew(bucketOf(slot).typeofs, literal.value);
                continue;
            }
            const literal = literalOf(literalSide);
            if (literal === null || literalOf(otherSide) !== null)
                continue;
            if (how === 'arithmetic' && literal.kind === 'string')
                continue;
            const slot = how === 'arithmetic' ? slotOf(otherSide) : singleSlot(otherSide);
            (slot ? bucketOf(slot) : general).addLiteral(literal, how);
        }
    };
    /** Constants the called function has for the parameters our slots are passed to (after our own). */
    const followCall = (call) => {
        if (calls.depth <= 0)
            return;
        const passed = call.arguments.map((argument) => slotOf(argument));
        if (passed.every((slot) => slot === null))
            return;
        const declaration = calleeDeclaration(checker, call);
        if (declaration === null)
            return;
        let inner = calls.cache.get(declaration);
        if (inner === undefined) {
            calls.cache.set(declaration, null);
            inner = collectConstants(checker, declaration, NO_CONSTANTS, { depth: calls.depth - 1, cache: calls.cache });
            calls.cache.set(declaration, inner);
        }
        if (inner === null)
            return;
        for (const [path, constants] of inner.slots()) {
            const slot = passed[Number(path[0])];
            if (slot)
                bucketOf([...slot, ...path.slice(1)]).merge(constants);
        }
    };
    const visitCall = (call) => {
        followCall(call);
        const callee = find_exports_unwrap(call.expression);
        const first = call.arguments[0];
        if (!typescript_default().isPropertyAccessExpression(callee) || typescript_default().isPrivateIdentifier(callee.name)) {
            return;
        }
        const method = callee.name.text;
        // Object.hasOwn(TABLE, key)
        if (method === 'hasOwn' && callee.expression.getText() === 'Object' && call.arguments.length === 2) {
            const slot = slotOf(call.arguments[1]);
            const keys = lookupKeys(checker, call.arguments[0]);
            if (slot && keys)
                addKeys(bucketOf(slot), keys);
            return;
        }
        if (first === undefined)
            return;
        // TABLE.get(key), TABLE.has(key), TABLE.hasOwnProperty(key), LIST.includes(key)
        if (['get', 'has', 'hasOwnProperty', 'includes', 'indexOf'].includes(method)) {
            const slot = slotOf(first);
            const keys = lookupKeys(checker, callee.expression) ?? listValues(checker, callee.expression);
            if (slot && keys) {
                addKeys(bucketOf(slot), keys, method !== 'includes' && method !== 'indexOf');
                return;
            }
        }
        // /re/.test(x)
        if (REGEX_ON_ARGUMENT.has(method)) {
            const regex = regexOf(checker, callee.expression);
            const slot = slotOf(first);
            if (regex && slot)
                addRegex(bucketOf(slot), regex);
            return;
        }
        const receiver = slotOf(callee.expression);
        if (receiver === null)
            return;
        // x.match(/re/), x.replace(/re/, ...)
        if (REGEX_ON_RECEIVER.has(method)) {
            const regex = regexOf(checker, first);
            if (regex)
                addRegex(bucketOf(receiver), regex);
        }
        // x.startsWith('http')
        if (AFFIX_METHODS.has(method)) {
            const literal = literalOf(first);
            if (literal?.kind === 'string')
                pushNew(bucketOf(receiver).strings, literal.value);
        }
        // items.map((item) => item.price > 10)
        if (ELEMENT_CALLBACKS.has(method)) {
            const callback = find_exports_unwrap(first);
            if ((typescript_default().isArrowFunction(callback) || typescript_default().isFunctionExpression(callback)) && callback.parameters[0]) {
                bindPattern(checker, callback.parameters[0].name, [...receiver, ELEMENT], roots);
            }
        }
    };
    if (node) {
        for (const [index, parameter] of parameters.entries()) {
            const literal = parameter.initializer ? literalOf(parameter.initializer) : null;
            if (literal)
                bucketOf([String(index)]).addLiteral(literal, 'exact');
            typescript_default().forEachChild(parameter.name, visit);
        }
        const body = node.body;
        if (body)
            visit(body);
    }
    const frozen = new Map();
    for (const [key, bucket] of slots)
        frozen.set(key, bucket.freeze());
    const entries = [...frozen].map(([key, constants]) => [paths.get(key), constants]);
    return { slot: (path) => frozen.get(slotKey(path)), slots: () => entries, general: general.freeze(), module: moduleConstants };
}
/** The function a call runs, when it is written in the program with a body (not a lib or declaration file). */
function calleeDeclaration(checker, call) {
    let declaration;
    try {
        declaration = checker.getResolvedSignature(call)?.getDeclaration();
    }
    catch {
        return null;
    }
    if (declaration === undefined || !typescript_default().isFunctionLike(declaration))
        return null;
    const hasBody = (node) => typescript_default().isFunctionLike(node) && node.body !== undefined;
    // An overload signature: the implementation next to it.
    const implementation = hasBody(declaration) ? declaration : (declaration.name && checker.getSymbolAtLocation(declaration.name)?.declarations?.find(hasBody));
    if (!implementation || !hasBody(implementation) || implementation.getSourceFile().isDeclarationFile)
        return null;
    return implementation;
}
/** Top-level `const NAME = literal` values of a module, in source order. */
function collectModuleConstants(checker, sourceFile) {
    const bucket = new Bucket();
    for (const statement of sourceFile.statements) {
        if (!typescript_default().isVariableStatement(statement) || !(statement.declarationList.flags & (typescript_default()).NodeFlags.Const) || find_exports_hasModifier(statement, (typescript_default()).SyntaxKind.DeclareKeyword))
            continue;
        for (const declaration of statement.declarationList.declarations) {
            const literal = declaration.initializer ? literalValue(checker, declaration.initializer) : null;
            if (literal)
                bucket.addLiteral(literal, 'exact');
        }
    }
    return bucket.freeze();
}
/** Binds the names of a parameter or a destructuring pattern to slots. */
function bindPattern(checker, name, path, roots) {
    if (typescript_default().isIdentifier(name)) {
        const symbol = checker.getSymbolAtLocation(name);
        if (symbol && !roots.has(symbol))
            roots.set(symbol, path);
        return;
    }
    if (typescript_default().isObjectBindingPattern(name)) {
        for (const element of name.elements) {
            if (element.dotDotDotToken)
                continue;
            const key = element.propertyName ? propertyNameText(element.propertyName) : typescript_default().isIdentifier(element.name) ? element.name.text : null;
            if (key !== null)
                bindPattern(checker, element.name, [...path, key], roots);
        }
        return;
    }
    for (const element of name.elements) {
        if (typescript_default().isBindingElement(element) && !element.dotDotDotToken)
            bindPattern(checker, element.name, [...path, ELEMENT], roots);
    }
}
function addKeys(bucket, keys, withMissing = true) {
    const strings = keys.filter((key) => key.kind === 'string').map((key) => key.value);
    const numbers = keys.filter((key) => key.kind === 'number').map((key) => key.value);
    for (const key of strings)
        pushNew(bucket.strings, key);
    bucket.addNumbers(numbers);
    if (withMissing && strings.length > 0)
        pushNew(bucket.strings, missingKey(strings));
}
function addRegex(bucket, regex) {
    const sample = sampleRegExp(regex.source, regex.flags);
    if (sample === null)
        return;
    pushNew(bucket.strings, sample.matching);
    if (sample.nonMatching !== null)
        pushNew(bucket.strings, sample.nonMatching);
}
/** `typeof x` -> x */
function typeofTarget(expression) {
    const value = find_exports_unwrap(expression);
    return typescript_default().isTypeOfExpression(value) ? value.expression : null;
}
function isErrorConstructor(node) {
    return /Error$/.test(node.expression.getText());
}

;// CONCATENATED MODULE: ./src/offline/analyse/list-targets.ts
/**
 * Which declarations of a module are targets for the changed lines (syntax only): exported functions
 * whose declaration overlaps a changed line, and public methods (static or not) of exported classes
 * whose body overlaps one; when a class's constructor or field initialisers changed, every public
 * instance method (each call constructs the class). Changed things that cannot be called from a test
 * (private members, accessors, generators, functions that are not exported) are listed with a reason.
 */


function listTargets(sourceFile, changedLines) {
    const changed = [...new Set(changedLines)].sort((a, b) => a - b);
    const touches = (range) => changed.some((line) => line >= range.startLine && line <= range.endLine);
    const rangeOf = (nodes) => lineRange(sourceFile, nodes);
    const { exported, unexported } = findExports(sourceFile);
    const plans = [];
    const skipped = [];
    for (const thing of exported) {
        if (thing.kind === 'function') {
            const range = rangeOf(thing.rangeNodes);
            if (!touches(range))
                continue;
            const implementation = thing.implementation;
            if (implementation && isGenerator(implementation)) {
                skipped.push({ id: thing.exportName, reason: 'is a generator: calling it runs none of its body until the result is iterated' });
                continue;
            }
            plans.push({ kind: 'function', id: thing.exportName, exported: thing, ...range });
        }
        else {
            planClass(thing, sourceFile, touches, plans, skipped);
        }
    }
    for (const local of unexported) {
        const range = rangeOf(local.rangeNodes);
        if (!touches(range))
            continue;
        skipped.push({
            id: local.name,
            reason: local.kind === 'class' ? 'the class is not exported, so a test cannot construct it' : 'is not exported: it is reached only through the exported functions that call it',
        });
    }
    plans.sort((a, b) => a.startLine - b.startLine || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    return { plans, skipped };
}
function planClass(thing, sourceFile, touches, plans, skipped) {
    const node = thing.node;
    const members = node.members;
    // The constructor and field initialisers run on every `new`: when they change, every public instance method is a way in.
    const runsOnConstruction = (member) => typescript_default().isConstructorDeclaration(member) || (typescript_default().isPropertyDeclaration(member) && !find_exports_hasModifier(member, (typescript_default()).SyntaxKind.StaticKeyword) && functionInitializer(member) === null);
    const constructorChanged = members.some((member) => runsOnConstruction(member) && touches(lineRange(sourceFile, [member])));
    const groups = new Map();
    const order = [];
    members.forEach((member, index) => {
        if (!(typescript_default().isMethodDeclaration(member) || typescript_default().isGetAccessorDeclaration(member) || typescript_default().isSetAccessorDeclaration(member) || (typescript_default().isPropertyDeclaration(member) && functionInitializer(member) !== null)))
            return;
        const name = member.name ? memberName(member.name) : null;
        const kind = typescript_default().isGetAccessorDeclaration(member) || typescript_default().isSetAccessorDeclaration(member) ? 'accessor' : 'method';
        const isStatic = find_exports_hasModifier(member, (typescript_default()).SyntaxKind.StaticKeyword);
        const key = name === null ? `#computed${index}` : `${kind}:${isStatic ? 'static' : 'instance'}:${name}`;
        const group = groups.get(key) ?? { name, nodes: [] };
        if (!groups.has(key))
            order.push(key);
        group.nodes.push(member);
        groups.set(key, group);
    });
    let instanceMethods = 0;
    for (const key of order) {
        const { name, nodes } = groups.get(key);
        const first = nodes[0];
        const range = lineRange(sourceFile, nodes);
        const isStatic = find_exports_hasModifier(first, (typescript_default()).SyntaxKind.StaticKeyword);
        const ownChange = touches(range);
        const isAccessor = typescript_default().isGetAccessorDeclaration(first) || typescript_default().isSetAccessorDeclaration(first);
        const isPrivate = first.name !== undefined && typescript_default().isPrivateIdentifier(first.name);
        const nonPublic = isPrivate || find_exports_hasModifier(first, (typescript_default()).SyntaxKind.PrivateKeyword) || find_exports_hasModifier(first, (typescript_default()).SyntaxKind.ProtectedKeyword);
        const label = `${thing.exportName}${isStatic ? '.' : '#'}${name ?? (first.name ? first.name.getText(sourceFile) : '?')}`;
        if (!nonPublic && !isAccessor && !isStatic && !find_exports_hasModifier(first, (typescript_default()).SyntaxKind.AbstractKeyword))
            instanceMethods++;
        if (!ownChange && !(constructorChanged && !isStatic && !nonPublic && !isAccessor))
            continue;
        if (nonPublic) {
            if (ownChange)
                skipped.push({ id: label, reason: `is ${find_exports_hasModifier(first, (typescript_default()).SyntaxKind.ProtectedKeyword) ? 'protected' : 'private'}: it is reached only through the public methods that call it` });
            continue;
        }
        if (isAccessor) {
            skipped.push({ id: label, reason: 'is a get/set accessor: the generator calls methods only' });
            continue;
        }
        if (name === null) {
            if (ownChange)
                skipped.push({ id: label, reason: 'has a computed name the generator cannot call by name' });
            continue;
        }
        if (find_exports_hasModifier(first, (typescript_default()).SyntaxKind.AbstractKeyword)) {
            if (ownChange)
                skipped.push({ id: label, reason: 'is abstract: it has no body to call' });
            continue;
        }
        const implementation = implementationOf(nodes);
        if (implementation === null)
            continue;
        if (isGenerator(implementation)) {
            if (ownChange)
                skipped.push({ id: label, reason: 'is a generator: calling it runs none of its body until the result is iterated' });
            continue;
        }
        const separator = isStatic ? '.' : '#';
        plans.push({
            kind: isStatic ? 'static-method' : 'method',
            id: `${thing.exportName}${separator}${name}`,
            exportName: thing.exportName,
            displayName: `${thing.displayName}${separator}${name}`,
            classNode: node,
            implementation,
            overloads: nodes.filter((member) => typescript_default().isMethodDeclaration(member) && member.body === undefined),
            ...range,
        });
    }
    if (constructorChanged && instanceMethods === 0) {
        skipped.push({ id: thing.exportName, reason: 'its constructor changed, but it has no public instance method to call it through' });
    }
}
function implementationOf(nodes) {
    for (const node of nodes) {
        if (typescript_default().isMethodDeclaration(node) && node.body)
            return node;
        if (typescript_default().isPropertyDeclaration(node)) {
            const initializer = functionInitializer(node);
            if (initializer)
                return initializer;
        }
    }
    return null;
}
/** A class field holding a function (`add = (x) => ...`), or null. */
function functionInitializer(member) {
    if (!member.initializer)
        return null;
    const value = find_exports_unwrap(member.initializer);
    return typescript_default().isArrowFunction(value) || typescript_default().isFunctionExpression(value) ? value : null;
}
function memberName(name) {
    if (typescript_default().isPrivateIdentifier(name))
        return name.text;
    return propertyNameText(name);
}
function isGenerator(node) {
    return (typescript_default().isFunctionDeclaration(node) || typescript_default().isFunctionExpression(node) || typescript_default().isMethodDeclaration(node)) && node.asteriskToken !== undefined;
}
function lineRange(sourceFile, nodes) {
    const starts = nodes.map((node) => sourceFile.getLineAndCharacterOfPosition(node.getStart(sourceFile)).line + 1);
    const ends = nodes.map((node) => sourceFile.getLineAndCharacterOfPosition(node.getEnd()).line + 1);
    return { startLine: Math.min(...starts), endLine: Math.max(...ends) };
}

;// CONCATENATED MODULE: ./src/offline/analyse/combine-arguments.ts
/**
 * Argument lists from per-parameter values without a cartesian explosion (pure, deterministic): the
 * base list (each parameter's first value), the list without the optional parameters, then one
 * parameter varied at a time (the special values of all parameters taking turns first), a few pairs
 * of special values, then the remaining one-at-a-time variations; duplicates removed, capped.
 * An absent optional parameter followed by a present one is passed as `undefined`.
 */
const ABSENT = null;
function combineArguments(parameters, maxLists) {
    const out = [];
    const seen = new Set();
    const add = (picks) => {
        if (out.length >= maxLists)
            return;
        const args = assemble(picks);
        const key = args.join('\u0000');
        if (seen.has(key))
            return;
        seen.add(key);
        out.push(args);
    };
    const base = parameters.map((parameter) => parameter.choices[0] ?? ABSENT);
    add(base);
    add(parameters.map((parameter, index) => (parameter.optional ? ABSENT : base[index])));
    const variations = (special) => takeTurns(parameters.map((parameter, index) => parameter.choices
        .slice(1)
        .filter((choice) => choice.special === special)
        .map((choice) => base.map((pick, at) => (at === index ? choice : pick)))));
    for (const picks of variations(true))
        add(picks);
    const pairBudget = out.length + Math.max(2, Math.floor(maxLists / 4));
    for (const picks of pairs(parameters, base)) {
        if (out.length >= pairBudget)
            break;
        add(picks);
    }
    for (const picks of variations(false))
        add(picks);
    return out;
}
/** Pairs of special values of two parameters: for each pair of parameters the first and last special of each, the pairs of parameters taking turns. */
function pairs(parameters, base) {
    // The first and the last special value: typically below the lowest and above the highest threshold.
    const specials = parameters.map((parameter) => {
        const all = parameter.choices.slice(1).filter((choice) => choice.special);
        return all.length <= 2 ? all : [all[0], all[all.length - 1]];
    });
    const lists = [];
    for (let i = 0; i < parameters.length; i++) {
        for (let j = i + 1; j < parameters.length; j++) {
            const a = specials[i];
            const b = specials[j];
            if (a.length === 0 || b.length === 0)
                continue;
            const combos = [];
            for (const [x, y] of [
                [0, 0],
                [1, 1],
                [0, 1],
                [1, 0],
            ]) {
                if (a[x] && b[y])
                    combos.push([a[x], b[y]]);
            }
            lists.push(combos.map(([first, second]) => base.map((pick, at) => (at === i ? first : at === j ? second : pick))));
        }
    }
    return takeTurns(lists);
}
function assemble(picks) {
    let last = picks.length - 1;
    while (last >= 0 && picks[last] === ABSENT)
        last--;
    const args = [];
    for (let index = 0; index <= last; index++) {
        const pick = picks[index];
        if (pick === ABSENT || pick === undefined)
            args.push('undefined');
        else
            args.push(...pick.exprs);
    }
    return args;
}
/** [[a1, a2], [b1]] -> [a1, b1, a2] */
function takeTurns(lists) {
    const out = [];
    const longest = Math.max(0, ...lists.map((list) => list.length));
    for (let index = 0; index < longest; index++) {
        for (const list of lists)
            if (index < list.length)
                out.push(list[index]);
    }
    return out;
}

;// CONCATENATED MODULE: ./src/offline/emit/render-literal.ts
const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;
function renderLiteral(value) {
    switch (value.k) {
        case 'undefined':
            return 'undefined';
        case 'null':
            return 'null';
        case 'boolean':
            return String(value.v);
        case 'number':
            return renderNumber(value.v);
        case 'bigint':
            return `${value.v}n`;
        case 'string':
            return render_literal_quote(value.v);
        case 'array':
            return joinAll(value.items.map(renderLiteral), (items) => `[${items.join(', ')}]`);
        case 'object':
            return renderEntries(value.entries);
        case 'date':
            return `new Date(${render_literal_quote(value.iso)})`;
        case 'regexp':
            return `/${value.source}/${value.flags}`;
        case 'map':
            return joinAll(value.entries.map(([key, item]) => {
                const k = renderLiteral(key);
                const v = renderLiteral(item);
                return k === null || v === null ? null : `[${k}, ${v}]`;
            }), (entries) => `new Map([${entries.join(', ')}])`);
        case 'set':
            return joinAll(value.items.map(renderLiteral), (items) => `new Set([${items.join(', ')}])`);
        case 'instance':
        case 'error':
        case 'opaque':
            return null;
    }
}
/** A plain object's properties as an object literal, or null if one of them is not writable. */
function renderEntries(entries) {
    if (entries.length === 0)
        return '{}';
    return joinAll(entries.map(([key, item]) => {
        const v = renderLiteral(item);
        return v === null ? null : `${IDENTIFIER.test(key) ? key : render_literal_quote(key)}: ${v}`;
    }), (parts) => `{ ${parts.join(', ')} }`);
}
function renderNumber(text) {
    if (text === 'NaN')
        return 'Number.NaN';
    if (text === 'Infinity')
        return 'Number.POSITIVE_INFINITY';
    if (text === '-Infinity')
        return 'Number.NEGATIVE_INFINITY';
    return text;
}
/** A single-quoted JavaScript string literal. */
function render_literal_quote(text) {
    const json = JSON.stringify(text).slice(1, -1).replace(/\\"/g, '"').replace(/'/g, "\\'");
    return `'${json.replace(/[\u2028\u2029]/g, (c) => (c === '\u2028' ? '\\u2028' : '\\u2029'))}'`;
}
function joinAll(parts, join) {
    if (parts.some((part) => part === null))
        return null;
    return join(parts);
}

;// CONCATENATED MODULE: ./src/offline/analyse/source-text.ts
/**
 * JavaScript source text for candidate values (pure): numbers, strings in single quotes, object
 * literals with keys quoted only where needed, arrow functions returning a value. Every text is valid
 * JavaScript and valid TypeScript, refers to nothing that must be imported, and has no side effects.
 */

const source_text_IDENTIFIER = /^[A-Za-z_$][\w$]*$/;
const CANONICAL_INDEX = /^(0|[1-9]\d{0,14})$/;

function numberText(value) {
    if (Number.isNaN(value))
        return 'Number.NaN';
    if (value === Number.POSITIVE_INFINITY)
        return 'Number.POSITIVE_INFINITY';
    if (value === Number.NEGATIVE_INFINITY)
        return 'Number.NEGATIVE_INFINITY';
    return Object.is(value, -0) ? '0' : String(value);
}
/** A property key as written in an object literal: bare when an identifier or a canonical index, else quoted. */
function propertyKey(name) {
    return source_text_IDENTIFIER.test(name) || CANONICAL_INDEX.test(name) ? name : render_literal_quote(name);
}
function objectText(entries) {
    if (entries.length === 0)
        return '{}';
    return `{ ${entries.map(([key, value]) => `${propertyKey(key)}: ${value}`).join(', ')} }`;
}
function arrayText(items) {
    return `[${items.join(', ')}]`;
}
/** `() => value`; an object literal body is wrapped in parentheses. */
function arrowText(body, isAsync = false) {
    const wrapped = body.startsWith('{') ? `(${body})` : body;
    return `${isAsync ? 'async ' : ''}() => ${wrapped}`;
}

;// CONCATENATED MODULE: ./src/offline/analyse/value-model.ts
/** Deepest nesting of objects and arrays built. */
const MAX_DEPTH = 5;
const ok = (values) => ({ ok: true, values });
const fail = (reason) => ({ ok: false, reason });
const plain = (text) => ({ text, special: false });
const special = (text) => ({ text, special: true });
function value_model_unique(values) {
    const seen = new Set();
    return values.filter((value) => {
        if (seen.has(value.text))
            return false;
        seen.add(value.text);
        return true;
    });
}
function typeText(checker, type) {
    const text = checker.typeToString(type);
    return text.length > 60 ? `${text.slice(0, 59)}…` : text;
}

;// CONCATENATED MODULE: ./src/offline/analyse/constant-values.ts
/**
 * Values for primitive and untyped positions, led by the function's constants for the slot: numbers
 * (base 1, then compared values and their neighbours, then boundaries), strings (the compared strings,
 * lengths the code checks, then a few generic ones), bigints, strings fitting a template literal type,
 * and for untyped (any/unknown) positions the constants, hints from how the code uses the value, and a
 * small generic set.
 */





const MAX_LENGTH_FROM_CONSTANTS = 40;
const GENERIC_NUMBERS = ['0', '-1', '2.5', '1000000', 'Number.NaN'];
const GENERIC_STRINGS = ["''", "'a'", "'hello world'"];
const UNTYPED_GENERIC = ['0', '-1', "''", "'a'", 'true', 'false', 'null', 'undefined', '[]', '{}', '[1, 2]'];
function numberValues(path, ctx) {
    const slot = ctx.constants.slot(path);
    return value_model_unique([
        plain('1'),
        ...(slot?.numbers ?? []).map((n) => special(numberText(n))),
        ...ctx.constants.general.numbers.map((n) => plain(numberText(n))),
        ...ctx.constants.module.numbers.map((n) => plain(numberText(n))),
        ...GENERIC_NUMBERS.map(plain),
    ]);
}
function stringValues(path, ctx) {
    const slot = ctx.constants.slot(path);
    const own = (slot?.strings ?? []).map((text) => special(render_literal_quote(text)));
    const lengths = lengthsOf(path, ctx, MAX_LENGTH_FROM_CONSTANTS).map((n) => special(render_literal_quote('a'.repeat(n))));
    return value_model_unique([
        own[0] ? plain(own[0].text) : plain("'a'"),
        ...own,
        ...lengths,
        ...ctx.constants.general.strings.map((text) => plain(render_literal_quote(text))),
        ...ctx.constants.module.strings.map((text) => plain(render_literal_quote(text))),
        ...GENERIC_STRINGS.map(plain),
    ]);
}
function bigintValues(path, ctx) {
    const slot = ctx.constants.slot(path);
    return value_model_unique([plain('1n'), ...(slot?.bigints ?? []).map((text) => special(`${text}n`)), ...ctx.constants.general.bigints.map((text) => plain(`${text}n`)), plain('0n'), plain('-1n')]);
}
/** Strings for a template literal or `Uppercase<string>` type: the known strings that fit it. */
function patternStringValues(type, path, ctx) {
    const { checker } = ctx;
    const slot = ctx.constants.slot(path);
    const pool = [...(slot?.strings ?? []), ...ctx.constants.general.strings, ...ctx.constants.module.strings, '', 'a', 'A', '0', '1px'];
    const fitting = [...new Set(pool)].filter((text) => checker.isTypeAssignableTo(checker.getStringLiteralType(text), type));
    if (fitting.length === 0)
        return fail(`no known string fits ${typeText(checker, type)}`);
    return ok(fitting.map((text, index) => (index === 0 ? plain(render_literal_quote(text)) : special(render_literal_quote(text)))));
}
/** Values for an untyped (any/unknown) position: its constants, a hint from how it is used, then a small generic set. */
function untypedValues(path, ctx, walk) {
    const slot = ctx.constants.slot(path);
    const strings = (slot?.strings ?? []).map((text) => special(render_literal_quote(text)));
    const numbers = (slot?.numbers ?? []).map((n) => special(numberText(n)));
    const base = strings[0]?.text ?? (slot?.shape === 'array' ? '[1, 2]' : slot?.shape === 'string' ? "'a'" : '1');
    const typeofs = (slot?.typeofs ?? []).map((name) => special(TYPEOF_SAMPLES[name] ?? 'undefined'));
    const shaped = slot?.shape === 'array' ? [special('[]'), special('[1, 2]')] : slot?.shape === 'string' ? [special("''"), special("'a'")] : [];
    const objects = slot && slot.properties.length > 0 && walk.depth < MAX_DEPTH ? untypedObjects(path, slot.properties, ctx, walk) : [];
    return value_model_unique([
        plain(base),
        ...objects,
        ...numbers,
        ...strings,
        ...typeofs,
        ...shaped,
        ...ctx.constants.general.numbers.map((n) => plain(numberText(n))),
        ...ctx.constants.general.strings.map((text) => plain(render_literal_quote(text))),
        ...UNTYPED_GENERIC.map(plain),
    ]);
}
const TYPEOF_SAMPLES = {
    string: "'a'",
    number: '1',
    boolean: 'true',
    bigint: '1n',
    object: '{}',
    function: '() => undefined',
    undefined: 'undefined',
    symbol: "Symbol('a')",
};
/** Objects carrying the properties the code reads from an untyped parameter, then one property varied at a time. */
function untypedObjects(path, properties, ctx, walk) {
    const inner = properties.map((name) => [name, untypedValues([...path, name], ctx, { ...walk, depth: walk.depth + 1 })]);
    const base = inner.map(([name, values]) => [name, values[0]?.text ?? '1']);
    const variations = takeTurns(inner.map(([name, values], index) => values
        .slice(1)
        .filter((value) => value.special)
        .slice(0, 3)
        .map((value) => base.map((entry, at) => (at === index ? [name, value.text] : entry)))));
    return [special(objectText(base)), ...variations.map((entries) => special(objectText(entries)))];
}
/** Lengths the code compares `.length` of this slot with (`name.length > 10` -> 9, 10, 11). */
function lengthsOf(path, ctx, max) {
    const slot = ctx.constants.slot([...path, 'length']);
    return (slot?.numbers ?? []).filter((n) => Number.isInteger(n) && n >= 0 && n <= max);
}

;// CONCATENATED MODULE: ./src/offline/analyse/builtin-values.ts
/**
 * Values for built-in types that have a literal or side-effect-free constructor form (Date, Map, Set,
 * RegExp, Promise, errors, typed arrays, ...) and for callbacks (`() => undefined` when nothing is
 * returned, `() => value` otherwise, both answers for a predicate).
 */





const TYPED_ARRAYS = new Set(['Int8Array', 'Uint8Array', 'Uint8ClampedArray', 'Int16Array', 'Uint16Array', 'Int32Array', 'Uint32Array', 'Float32Array', 'Float64Array']);
const ERROR_TYPES = new Set(['Error', 'TypeError', 'RangeError', 'SyntaxError', 'ReferenceError', 'EvalError', 'URIError']);
/** `() => undefined` for a callback returning nothing, `() => value` otherwise (both booleans for a predicate). */
function callbackValues(signature, path, ctx, inner, build) {
    const { checker } = ctx;
    const returns = checker.getReturnTypeOfSignature(signature);
    const nothing = (type) => (type.flags & ((typescript_default()).TypeFlags.Void | (typescript_default()).TypeFlags.Undefined | (typescript_default()).TypeFlags.Any | (typescript_default()).TypeFlags.Unknown)) !== 0;
    if (nothing(returns) || returns.flags & (typescript_default()).TypeFlags.TypeParameter)
        return ok([plain(arrowText('undefined'))]);
    const awaited = checker.getAwaitedType(returns);
    const isPromise = awaited !== undefined && awaited !== returns && isThenable(checker, returns);
    const result = isPromise ? awaited : returns;
    if (isPromise && (nothing(result) || result.flags & (typescript_default()).TypeFlags.TypeParameter))
        return ok([plain(arrowText('undefined', true))]);
    const built = build(result, [...path, 'return'], ctx, inner);
    if (!built.ok)
        return fail(`the callback must return something that cannot be built: ${built.reason}`);
    return ok(built.values.slice(0, 2).map((value, index) => ({ text: arrowText(value.text, isPromise), special: index > 0 })));
}
function builtinValues(type, name, path, ctx, inner, build) {
    const { checker } = ctx;
    const typeArguments = (type.flags & (typescript_default()).TypeFlags.Object && type.objectFlags & (typescript_default()).ObjectFlags.Reference ? checker.getTypeArguments(type) : type.aliasTypeArguments) ?? [];
    const firstOf = (index, slot) => {
        const argument = typeArguments[index];
        if (!argument)
            return null;
        const built = build(argument, slot, ctx, inner);
        return built.ok && built.values[0] ? built.values[0].text : null;
    };
    if (name === 'Date')
        return ok([plain('new Date(0)'), special("new Date('2024-02-29T12:00:00.000Z')")]);
    if (name === 'RegExp')
        return ok([plain('/a/')]);
    if (name === 'Map' || name === 'ReadonlyMap') {
        const key = firstOf(0, [...path, ELEMENT]);
        const value = firstOf(1, [...path, ELEMENT]);
        return ok([plain('new Map()'), ...(key && value ? [special(`new Map([[${key}, ${value}]])`)] : [])]);
    }
    if (name === 'Set' || name === 'ReadonlySet') {
        const item = firstOf(0, [...path, ELEMENT]);
        return ok([plain('new Set()'), ...(item ? [special(`new Set([${item}])`)] : [])]);
    }
    if (name === 'WeakMap' || name === 'WeakSet')
        return ok([plain(`new ${name}()`)]);
    if (name === 'Promise' || name === 'PromiseLike') {
        const argument = typeArguments[0];
        if (!argument || argument.flags & ((typescript_default()).TypeFlags.Void | (typescript_default()).TypeFlags.Undefined))
            return ok([plain('Promise.resolve(undefined)')]);
        const built = build(argument, path, ctx, inner);
        if (!built.ok)
            return built;
        return ok(built.values.slice(0, 3).map((value, index) => ({ text: `Promise.resolve(${value.text})`, special: index > 0 })));
    }
    if (name === 'Iterable' || name === 'ArrayLike' || name === 'Array' || name === 'ReadonlyArray') {
        const item = typeArguments[0];
        if (!item)
            return ok([plain('[]')]);
        const built = build(item, [...path, ELEMENT], ctx, inner);
        const first = built.ok ? built.values[0] : undefined;
        return ok(first ? [plain(arrayText([first.text])), special('[]')] : [plain('[]')]);
    }
    if (ERROR_TYPES.has(name))
        return ok([plain(`new ${name}('a')`)]);
    if (TYPED_ARRAYS.has(name))
        return ok([plain(`new ${name}([1, 2])`), special(`new ${name}(0)`)]);
    if (name === 'ArrayBuffer')
        return ok([plain('new ArrayBuffer(8)'), special('new ArrayBuffer(0)')]);
    if (name === 'Function' || name === 'CallableFunction')
        return ok([plain(arrowText('undefined'))]);
    if (name === 'Object')
        return ok([plain('{}')]);
    if (name === 'String')
        return ok(stringValues(path, ctx));
    if (name === 'Number')
        return ok(numberValues(path, ctx));
    if (name === 'Boolean')
        return ok([plain('true'), special('false')]);
    if (name === 'Symbol')
        return ok([plain("Symbol('a')")]);
    return fail(`it is a built-in ${name}, which the generator does not build`);
}
function isThenable(checker, type) {
    const members = type.isUnion() ? type.types.filter((member) => !(member.flags & ((typescript_default()).TypeFlags.Null | (typescript_default()).TypeFlags.Undefined | (typescript_default()).TypeFlags.Void))) : [type];
    return members.length > 0 && members.every((member) => checker.getPropertyOfType(member, 'then') !== undefined);
}
function isFromLib(program, symbol) {
    const declarations = symbol.declarations ?? [];
    return declarations.length > 0 && declarations.every((declaration) => program.isSourceFileDefaultLibrary(declaration.getSourceFile()));
}

;// CONCATENATED MODULE: ./src/offline/analyse/type-values.ts
/**
 * Candidate values for one argument position, from its type through the checker: every member of a
 * literal union or enum, both booleans, arrays empty and small, object shapes from their properties
 * (optional ones present and absent), discriminated unions member by member, tuples, records,
 * null/undefined when allowed; primitives and untyped positions come from constant-values, built-ins
 * and callbacks from builtin-values. The first value is the base the combination starts from;
 * `special` marks values worth trying before the generic ones. What cannot be written as a literal
 * (class instances, symbols, branded types, very large objects) is reported unbuildable with the reason.
 */







/** Longest source text of one value. */
const MAX_TEXT = 400;
/** Most required properties of an object built as a literal. */
const MAX_REQUIRED_PROPERTIES = 16;
const MAX_ARRAY_FROM_CONSTANTS = 5;
const PRIMITIVE = (typescript_default()).TypeFlags.String | (typescript_default()).TypeFlags.Number | (typescript_default()).TypeFlags.BigInt | (typescript_default()).TypeFlags.Boolean | (typescript_default()).TypeFlags.StringLiteral | (typescript_default()).TypeFlags.NumberLiteral | (typescript_default()).TypeFlags.BigIntLiteral | (typescript_default()).TypeFlags.BooleanLiteral | (typescript_default()).TypeFlags.ESSymbol;
/** The values for a type at a slot (a parameter, or a property/element inside one). */
function valuesForType(type, path, ctx, walk = {}) {
    const state = { depth: walk.depth ?? 0, stack: walk.stack ?? [], dropUndefined: walk.dropUndefined ?? false };
    if (state.depth > MAX_DEPTH)
        return fail('it is nested too deeply');
    const built = valuesOf(type, path, ctx, state);
    if (!built.ok)
        return built;
    // A value too long to read in a test title or a diff is dropped; when the base is, the position cannot be built.
    if (built.values.length > 0 && built.values[0].text.length > MAX_TEXT)
        return fail(`its values are too large to write as literals (${typeText(ctx.checker, type)})`);
    return ok(type_values_cap(built.values.filter((value) => value.text.length <= MAX_TEXT), capAt(ctx, state.depth)));
}
function valuesOf(type, path, ctx, walk) {
    const { checker } = ctx;
    const flags = type.flags;
    if (flags & (typescript_default()).TypeFlags.Any) {
        if (type.intrinsicName === 'error')
            return fail('its type could not be resolved');
        return ok(untypedValues(path, ctx, walk));
    }
    if (flags & (typescript_default()).TypeFlags.Unknown)
        return ok(untypedValues(path, ctx, walk));
    if (flags & (typescript_default()).TypeFlags.Never)
        return fail('its type is never');
    if (flags & (typescript_default()).TypeFlags.TypeParameter)
        return typeParameterValues(type, path, ctx, walk);
    if (type.isUnion())
        return unionValues(type, path, ctx, walk);
    const literal = literalText(checker, type);
    if (literal !== null)
        return ok([plain(literal)]);
    if (flags & (typescript_default()).TypeFlags.Number)
        return ok(numberValues(path, ctx));
    if (flags & (typescript_default()).TypeFlags.String)
        return ok(stringValues(path, ctx));
    if (flags & (typescript_default()).TypeFlags.Boolean)
        return ok([plain('true'), special('false')]);
    if (flags & (typescript_default()).TypeFlags.BigInt)
        return ok(bigintValues(path, ctx));
    if (flags & (typescript_default()).TypeFlags.ESSymbol)
        return ok([plain("Symbol('a')")]);
    if (flags & (typescript_default()).TypeFlags.UniqueESSymbol)
        return fail('it must be one particular symbol');
    if (flags & (typescript_default()).TypeFlags.Null)
        return ok([plain('null')]);
    if (flags & ((typescript_default()).TypeFlags.Undefined | (typescript_default()).TypeFlags.Void))
        return ok([plain('undefined')]);
    if (flags & (typescript_default()).TypeFlags.NonPrimitive)
        return ok([plain('{}'), plain('[]')]);
    if (flags & ((typescript_default()).TypeFlags.TemplateLiteral | (typescript_default()).TypeFlags.StringMapping))
        return patternStringValues(type, path, ctx);
    if (type.isIntersection()) {
        if (type.types.some((member) => member.flags & PRIMITIVE))
            return fail(`it is a branded primitive (${typeText(checker, type)})`);
        return objectValues(type, path, ctx, walk);
    }
    if (flags & (typescript_default()).TypeFlags.Object)
        return objectValues(type, path, ctx, walk);
    const constraint = checker.getBaseConstraintOfType(type);
    if (constraint && constraint !== type && !(constraint.flags & (typescript_default()).TypeFlags.Unknown))
        return valuesOf(constraint, path, ctx, walk);
    return fail(`its type ${typeText(checker, type)} is too generic to build`);
}
function typeParameterValues(type, path, ctx, walk) {
    const constraint = ctx.checker.getBaseConstraintOfType(type);
    if (constraint && constraint !== type && !(constraint.flags & ((typescript_default()).TypeFlags.Unknown | (typescript_default()).TypeFlags.Any)) && !isEmptyObjectType(ctx.checker, constraint)) {
        return valuesOf(constraint, path, ctx, walk);
    }
    // Used by several parameters: values of one kind, so that one type argument fits them all.
    if ((ctx.typeParameterUses.get(type) ?? 1) > 1)
        return ok(['1', '0', '-1', '2'].map((text, index) => (index === 0 ? plain(text) : special(text))));
    return ok(untypedValues(path, ctx, walk));
}
function unionValues(type, path, ctx, walk) {
    const { checker } = ctx;
    const members = type.types.filter((member) => !(walk.dropUndefined && member.flags & ((typescript_default()).TypeFlags.Undefined | (typescript_default()).TypeFlags.Void)));
    const nullish = members.filter((member) => member.flags & ((typescript_default()).TypeFlags.Null | (typescript_default()).TypeFlags.Undefined | (typescript_default()).TypeFlags.Void));
    const literals = members.filter((member) => !nullish.includes(member) && literalText(checker, member) !== null);
    const others = members.filter((member) => !nullish.includes(member) && !literals.includes(member));
    if (literals.length + others.length === 0)
        return ok(nullish.map((member) => plain(member.flags & (typescript_default()).TypeFlags.Null ? 'null' : 'undefined')));
    const alternatives = [];
    if (literals.length > 0)
        alternatives.push(sortLiterals(checker, literals).map((text, index) => (index === 0 ? plain(text) : special(text))));
    const reasons = [];
    for (const member of sortByDeclaration(others)) {
        const built = valuesOf(member, path, ctx, { ...walk, dropUndefined: false });
        if (built.ok && built.values.length > 0)
            alternatives.push([...built.values]);
        else if (!built.ok)
            reasons.push(built.reason);
    }
    if (alternatives.length === 0 && nullish.length === 0)
        return fail(reasons[0] ?? 'no member of its union can be built');
    const hasNull = nullish.some((member) => member.flags & (typescript_default()).TypeFlags.Null);
    const hasUndefined = nullish.some((member) => !(member.flags & (typescript_default()).TypeFlags.Null));
    const nullishValues = [...(hasNull ? ['null'] : []), ...(hasUndefined ? ['undefined'] : [])];
    return ok(mergeAlternatives(alternatives, nullishValues.map(special)));
}
/**
 * Several alternatives' values as one list: every alternative's base first (then null/undefined),
 * then their special values taking turns, then the rest taking turns.
 */
function mergeAlternatives(alternatives, afterBases = []) {
    const out = [];
    const seen = new Set();
    const push = (value) => {
        if (seen.has(value.text))
            return;
        seen.add(value.text);
        out.push(value);
    };
    alternatives.forEach((list, index) => {
        if (list[0])
            push(index === 0 ? list[0] : { ...list[0], special: true });
    });
    afterBases.forEach(push);
    for (const value of takeTurns(alternatives.map((list) => list.slice(1).filter((entry) => entry.special))))
        push(value);
    for (const value of takeTurns(alternatives.map((list) => list.slice(1).filter((entry) => !entry.special))))
        push(value);
    return out;
}
function objectValues(type, path, ctx, walk) {
    const { checker } = ctx;
    if (walk.stack.includes(type))
        return checker.isArrayType(type) || checker.isTupleType(type) ? ok([plain('[]')]) : fail(`its type ${typeText(checker, type)} refers to itself`);
    const inner = { depth: walk.depth + 1, stack: [...walk.stack, type], dropUndefined: false };
    if (checker.isArrayType(type))
        return arrayValues(type, path, ctx, inner);
    if (checker.isTupleType(type))
        return tupleValues(type, path, ctx, inner);
    // Named built-ins (Date, Map, ...); the lib's mapped types (Readonly, Record, Partial) are built by shape.
    const symbol = type.getSymbol();
    if (symbol && symbol.flags & ((typescript_default()).SymbolFlags.Interface | (typescript_default()).SymbolFlags.Class) && isFromLib(ctx.program, symbol))
        return builtinValues(type, symbol.getName(), path, ctx, inner, valuesForType);
    if (symbol && symbol.flags & (typescript_default()).SymbolFlags.Class)
        return fail(`it needs ${/^[AEIOU]/i.test(symbol.getName()) ? 'an' : 'a'} ${symbol.getName()} instance, which cannot be written as a literal`);
    const calls = checker.getSignaturesOfType(type, (typescript_default()).SignatureKind.Call);
    const properties = checker.getPropertiesOfType(type);
    if (calls.length > 0) {
        if (properties.length > 0)
            return fail(`it is a function with properties (${typeText(checker, type)})`);
        return callbackValues(calls[0], path, ctx, inner, valuesForType);
    }
    if (checker.getSignaturesOfType(type, (typescript_default()).SignatureKind.Construct).length > 0)
        return fail('it needs a class (a constructor), which cannot be written as a literal');
    // A mapped type (Record<Zone, ...>) lists its keys in the checker's internal order: sort them so runs agree.
    const mapped = (type.objectFlags & (typescript_default()).ObjectFlags.Mapped) !== 0;
    return shapeValues(type, mapped ? [...properties].sort((a, b) => (a.getName() < b.getName() ? -1 : a.getName() > b.getName() ? 1 : 0)) : properties, path, ctx, inner);
}
function shapeValues(type, properties, path, ctx, inner) {
    const { checker } = ctx;
    const required = properties.filter((property) => !(property.flags & (typescript_default()).SymbolFlags.Optional)).length;
    if (required > MAX_REQUIRED_PROPERTIES)
        return fail(`it has ${required} required properties, too many to write as a literal`);
    const entries = [];
    for (const property of properties) {
        const name = property.getName();
        const optional = (property.flags & (typescript_default()).SymbolFlags.Optional) !== 0;
        const hidden = name.startsWith('__@') || name.startsWith('#') || (property.declarations ?? []).some(isNonPublicMember);
        if (hidden) {
            if (optional)
                continue;
            return fail(`it has a ${name.startsWith('__@') ? 'symbol-keyed' : 'private'} property, which a literal cannot have`);
        }
        const built = valuesForType(checker.getTypeOfSymbol(property), [...path, name], ctx, { ...inner, dropUndefined: optional });
        if (!built.ok || built.values.length === 0) {
            if (optional)
                continue;
            return fail(`its property ${name} cannot be built: ${built.ok ? 'no value' : built.reason}`);
        }
        entries.push({ name, optional, values: built.values });
    }
    if (entries.length === 0) {
        const index = checker.getIndexInfosOfType(type).find((info) => info.keyType.flags & (typescript_default()).TypeFlags.String);
        if (index) {
            const built = valuesForType(index.type, [...path, ELEMENT], ctx, inner);
            const first = built.ok ? built.values[0] : undefined;
            return ok(first ? [plain('{}'), special(objectText([['key', first.text]]))] : [plain('{}')]);
        }
        return ok([plain('{}')]);
    }
    const baseText = new Map(entries.filter((entry) => !entry.optional).map((entry) => [entry.name, entry.values[0].text]));
    /** The base object with one property set (an optional one added); other optional properties stay absent. */
    const withEntry = (name, text) => entries.flatMap((entry) => (entry.name === name ? [[name, text]] : baseText.has(entry.name) ? [[entry.name, baseText.get(entry.name)]] : []));
    const base = [...baseText.entries()];
    // Optional properties: first present with their base value (special: it adds a path), then varied.
    const alternatives = entries.map((entry) => (entry.optional ? entry.values.map((value, index) => (index === 0 ? { ...value, special: true } : value)) : entry.values.slice(1)).map((value) => ({
        text: objectText(withEntry(entry.name, value.text)),
        special: value.special,
    })));
    return ok(value_model_unique([plain(objectText(base)), ...takeTurns(alternatives.map((list) => list.filter((v) => v.special))), ...takeTurns(alternatives.map((list) => list.filter((v) => !v.special)))]));
}
function arrayValues(type, path, ctx, inner) {
    const element = ctx.checker.getTypeArguments(type)[0];
    const built = element ? valuesForType(element, [...path, ELEMENT], ctx, inner) : fail('no element type');
    if (!built.ok || built.values.length === 0)
        return ok([plain('[]')]);
    const [first, second, ...rest] = built.values;
    const lengths = lengthsOf(path, ctx, MAX_ARRAY_FROM_CONSTANTS).map((n) => special(arrayText(Array.from({ length: n }, () => first.text))));
    return ok(value_model_unique([
        plain(arrayText([first.text])),
        special('[]'),
        ...(second ? [special(arrayText([first.text, second.text])), { text: arrayText([second.text]), special: second.special }] : []),
        ...lengths,
        ...rest.map((value) => ({ text: arrayText([value.text]), special: value.special })),
    ]));
}
function tupleValues(type, path, ctx, inner) {
    const elements = ctx.checker.getTypeArguments(type);
    const flags = type.target.elementFlags;
    const lists = [];
    for (const [index, element] of elements.entries()) {
        const flag = flags[index] ?? (typescript_default()).ElementFlags.Required;
        if (flag & (typescript_default()).ElementFlags.Variable)
            break;
        const built = valuesForType(element, [...path, ELEMENT], ctx, { ...inner, dropUndefined: (flag & (typescript_default()).ElementFlags.Optional) !== 0 });
        if (!built.ok || built.values.length === 0) {
            if (flag & (typescript_default()).ElementFlags.Optional)
                break;
            return fail(`its element ${index} cannot be built: ${built.ok ? 'no value' : built.reason}`);
        }
        lists.push([...built.values]);
    }
    const base = lists.map((list) => list[0].text);
    const variations = (keep) => takeTurns(lists.map((list, index) => list.slice(1).filter((value) => value.special === keep).map((value) => ({ text: arrayText(base.map((text, at) => (at === index ? value.text : text))), special: keep }))));
    return ok(value_model_unique([plain(arrayText(base)), ...variations(true), ...variations(false)]));
}
/** The source of a literal type's single value, or null when the type is not a literal. */
function literalText(checker, type) {
    if (type.isStringLiteral())
        return type.flags & (typescript_default()).TypeFlags.EnumLiteral ? stringEnumText(type.value) : render_literal_quote(type.value);
    if (type.isNumberLiteral())
        return numberText(type.value);
    if (type.flags & (typescript_default()).TypeFlags.BigIntLiteral) {
        const value = type.value;
        return `${value.negative ? '-' : ''}${value.base10Value}n`;
    }
    if (type.flags & (typescript_default()).TypeFlags.BooleanLiteral)
        return checker.typeToString(type) === 'true' ? 'true' : 'false';
    return null;
}
/**
 * A string enum member's value. A plain string literal is not assignable to a string enum in
 * TypeScript and the enum itself would have to be imported, so the value goes through JSON.parse
 * (typed any): valid in both languages, no import, no side effects.
 */
function stringEnumText(value) {
    return `JSON.parse(${render_literal_quote(JSON.stringify(value))})`;
}
/** Literal members in a stable order: enum members as declared, true before false, numbers ascending, strings alphabetically. */
function sortLiterals(checker, literals) {
    const keyed = literals.map((type) => {
        const declaration = type.flags & (typescript_default()).TypeFlags.EnumLiteral ? type.getSymbol()?.valueDeclaration : undefined;
        const text = literalText(checker, type);
        return { text, type, order: declaration ? declaration.pos : Number.POSITIVE_INFINITY };
    });
    const rank = (entry) => (entry.text === 'true' ? 0 : entry.text === 'false' ? 1 : 2);
    keyed.sort((a, b) => {
        if (a.order !== b.order)
            return a.order - b.order;
        if (rank(a) !== rank(b))
            return rank(a) - rank(b);
        if (a.type.isNumberLiteral() && b.type.isNumberLiteral())
            return a.type.value - b.type.value;
        return a.text < b.text ? -1 : a.text > b.text ? 1 : 0;
    });
    return keyed.map((entry) => entry.text);
}
/** Union members by where they are declared (object members of a discriminated union in source order). */
function sortByDeclaration(types) {
    const where = (type) => {
        const declaration = (type.aliasSymbol ?? type.getSymbol())?.declarations?.[0];
        return declaration ? [declaration.getSourceFile().fileName, declaration.pos] : ['\uffff', 0];
    };
    return types
        .map((type, index) => ({ type, index, at: where(type) }))
        .sort((a, b) => (a.at[0] !== b.at[0] ? (a.at[0] < b.at[0] ? -1 : 1) : a.at[1] !== b.at[1] ? a.at[1] - b.at[1] : a.index - b.index))
        .map((entry) => entry.type);
}
function isEmptyObjectType(checker, type) {
    return type.flags & (typescript_default()).TypeFlags.Object ? checker.getPropertiesOfType(type).length === 0 && checker.getSignaturesOfType(type, (typescript_default()).SignatureKind.Call).length === 0 : false;
}
function isNonPublicMember(declaration) {
    const modifiers = typescript_default().canHaveModifiers(declaration) ? (typescript_default().getModifiers(declaration) ?? []) : [];
    return modifiers.some((modifier) => modifier.kind === (typescript_default()).SyntaxKind.PrivateKeyword || modifier.kind === (typescript_default()).SyntaxKind.ProtectedKeyword);
}
function type_values_cap(values, max) {
    return values.slice(0, Math.max(1, max));
}
function capAt(ctx, depth) {
    return depth === 0 ? ctx.maxPerSlot : Math.max(4, Math.floor(ctx.maxPerSlot / (depth + 1)));
}

;// CONCATENATED MODULE: ./src/offline/analyse/signature-candidates.ts
/**
 * Candidate argument lists for call signatures (one, or each overload): every parameter's values from
 * its type and the function's constants, optional parameters absent or present, rest parameters with
 * none, one or two elements, combined by `combineArguments`; several overloads take turns. A required
 * parameter that cannot be built makes the signature unusable, with the reason.
 */







function candidatesForSignatures(signatures, constants, settings) {
    if (signatures.length === 0)
        return { ok: false, reason: 'its type has no call signature the analysis can see' };
    const perSignature = [];
    let firstFailure = null;
    for (const signature of signatures) {
        const built = candidatesForSignature(signature, constants, settings);
        if (built.ok)
            perSignature.push(built.lists);
        else
            firstFailure ??= built.reason;
    }
    if (perSignature.length === 0)
        return { ok: false, reason: firstFailure ?? 'no usable signature' };
    const seen = new Set();
    const lists = [];
    for (const list of takeTurns(perSignature)) {
        const key = list.join('\u0000');
        if (seen.has(key) || lists.length >= settings.maxLists)
            continue;
        seen.add(key);
        lists.push(list);
    }
    return { ok: true, lists };
}
function candidatesForSignature(signature, constants, settings) {
    const { checker } = settings;
    const ctx = {
        checker,
        program: settings.program,
        constants,
        typeParameterUses: typeParameterUses(checker, signature),
        maxPerSlot: settings.maxValuesPerSlot,
    };
    const parameters = [];
    for (const [index, symbol] of signature.parameters.entries()) {
        const declaration = parameterDeclaration(symbol);
        const type = checker.getTypeOfSymbol(symbol);
        const name = declaration ? declaration.name.getText() : symbol.getName();
        const rest = declaration?.dotDotDotToken !== undefined;
        const optional = rest || (declaration !== undefined && checker.isOptionalParameter(declaration));
        if (rest) {
            parameters.push({ choices: restChoices(type, String(index), ctx), optional: true });
            continue;
        }
        const built = valuesForType(type, [String(index)], ctx, { dropUndefined: optional });
        if (!built.ok || built.values.length === 0) {
            if (optional) {
                parameters.push({ choices: [], optional: true });
                continue;
            }
            return { ok: false, reason: `parameter ${name} (${typeText(checker, type)}) cannot be built: ${built.ok ? 'no value' : built.reason}` };
        }
        parameters.push({ choices: built.values.map((value) => ({ exprs: [value.text], special: value.special })), optional });
    }
    return { ok: true, lists: combineArguments(parameters, settings.maxLists) };
}
/** A rest parameter: one element (base), none, two, then each other element value alone. */
function restChoices(type, slot, ctx) {
    const { checker } = ctx;
    const element = checker.isArrayType(type) ? checker.getTypeArguments(type)[0] : undefined;
    if (element === undefined)
        return [];
    const built = valuesForType(element, [slot, ELEMENT], ctx);
    if (!built.ok || built.values.length === 0)
        return [];
    const [first, second, ...others] = built.values;
    return [
        { exprs: [first.text], special: false },
        { exprs: [], special: true },
        ...(second ? [{ exprs: [first.text, second.text], special: true }, { exprs: [second.text], special: second.special }] : []),
        ...others.map((value) => ({ exprs: [value.text], special: value.special })),
    ];
}
/** How many parameters mention each type parameter (a type parameter shared by several parameters gets values of one kind). */
function typeParameterUses(checker, signature) {
    const uses = new Map();
    for (const typeParameter of signature.typeParameters ?? []) {
        const name = typeParameter.getSymbol()?.getName();
        if (!name)
            continue;
        const pattern = new RegExp(`\\b${name.replace(/[$]/g, '\\$')}\\b`);
        const count = signature.parameters.filter((symbol) => pattern.test(checker.typeToString(checker.getTypeOfSymbol(symbol)))).length;
        uses.set(typeParameter, count);
    }
    return uses;
}
function parameterDeclaration(symbol) {
    const declaration = symbol.valueDeclaration ?? symbol.declarations?.[0];
    return declaration && typescript_default().isParameter(declaration) ? declaration : undefined;
}
/** Declared async, or every signature returns a thenable. */
function isAsyncCallable(checker, implementation, signatures) {
    if (implementation && typescript_default().canHaveModifiers(implementation) && (typescript_default().getModifiers(implementation) ?? []).some((modifier) => modifier.kind === (typescript_default()).SyntaxKind.AsyncKeyword))
        return true;
    return signatures.length > 0 && signatures.every((signature) => isThenable(checker, checker.getReturnTypeOfSignature(signature)));
}
/** The parameters as declared by the implementation (or the first signature), without `this`. */
function describeParameters(checker, implementation, signatures) {
    const declarations = implementation ? ownParameters(implementation) : (signatures[0]?.parameters ?? []).map(parameterDeclaration).filter((declaration) => declaration !== undefined);
    return declarations.map((declaration) => {
        const written = declaration.type ?? typescript_default().getJSDocType(declaration);
        const inferred = written === undefined && !isInJs(declaration) ? checker.typeToString(checker.getTypeAtLocation(declaration)) : null;
        return {
            name: declaration.name.getText(),
            optional: declaration.dotDotDotToken === undefined && checker.isOptionalParameter(declaration),
            rest: declaration.dotDotDotToken !== undefined,
            typeText: written ? written.getText() : inferred,
        };
    });
}
function isInJs(node) {
    return /\.[cm]?jsx?$/.test(node.getSourceFile().fileName);
}

;// CONCATENATED MODULE: ./src/offline/analyse/build-targets.ts
/**
 * The targets of one module for its changed lines: the planned functions and methods (list-targets)
 * turned into OfflineTargets with signatures, parameters, candidate argument lists and, for instance
 * methods, constructor argument lists, using the program's type checker. A target whose required
 * arguments (or constructor arguments) cannot be built is skipped with the reason.
 */




function buildTargets(sourceFile, changedLines, settings) {
    const { plans, skipped } = listTargets(sourceFile, changedLines);
    const module = { constants: collectModuleConstants(settings.checker, sourceFile), calls: followCalls() };
    const constructors = new Map();
    const targets = [];
    const skips = [...skipped];
    for (const plan of plans) {
        const built = guarded(plan.id, () => plan.kind === 'function'
            ? buildFunction(plan, module, settings)
            : buildMethod(plan, module, settings, () => {
                let args = constructors.get(plan.classNode);
                if (!args) {
                    args = constructorArgs(plan.classNode, module, settings);
                    constructors.set(plan.classNode, args);
                }
                return args;
            }));
        if ('target' in built)
            targets.push(built.target);
        else if ('skipped' in built)
            skips.push(built.skipped);
    }
    return { targets, skipped: skips };
}
/** A construct the analysis does not handle skips that one target, not the module. */
function guarded(id, build) {
    try {
        return build();
    }
    catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        return { skipped: { id, reason: `the analysis failed on it (${message.split('\n')[0] ?? message})` } };
    }
}
function buildFunction(plan, module, settings) {
    const { checker } = settings;
    const { exported } = plan;
    const implementation = exported.implementation;
    const signatures = signaturesOf(checker, implementation, exported.overloads, exported.valueNode);
    // `export const LIMITS = compute()`: an exported value, not a function.
    if (implementation === null && signatures.length === 0)
        return { none: true };
    const constants = collectConstants(checker, implementation, module.constants, module.calls);
    const candidates = candidatesForSignatures(signatures, constants, candidateSettings(settings, settings.maxCandidatesPerTarget));
    if (!candidates.ok)
        return { skipped: { id: plan.id, reason: candidates.reason } };
    return {
        target: {
            id: plan.id,
            exportName: exported.exportName,
            kind: 'function',
            className: null,
            displayName: exported.displayName,
            isAsync: isAsyncCallable(checker, implementation, signatures),
            startLine: plan.startLine,
            endLine: plan.endLine,
            params: describeParameters(checker, implementation, signatures),
            constructorArgs: [],
            candidates: candidates.lists,
        },
    };
}
function buildMethod(plan, module, settings, construct) {
    const { checker } = settings;
    let constructorLists = [];
    if (plan.kind === 'method') {
        const args = construct();
        if (!args.ok)
            return { skipped: { id: plan.id, reason: args.reason } };
        constructorLists = args.lists;
    }
    const implementation = plan.implementation;
    const signatures = signaturesOf(checker, implementation, plan.overloads, implementation);
    const constants = collectConstants(checker, implementation, module.constants, module.calls);
    const candidates = candidatesForSignatures(signatures, constants, candidateSettings(settings, settings.maxCandidatesPerTarget));
    if (!candidates.ok)
        return { skipped: { id: plan.id, reason: candidates.reason } };
    return {
        target: {
            id: plan.id,
            exportName: plan.exportName,
            kind: plan.kind,
            className: plan.exportName,
            displayName: plan.displayName,
            isAsync: isAsyncCallable(checker, implementation, signatures),
            startLine: plan.startLine,
            endLine: plan.endLine,
            params: describeParameters(checker, implementation, signatures),
            constructorArgs: constructorLists,
            candidates: candidates.lists,
        },
    };
}
/** Argument lists for `new Class(...)`, from its construct signatures and its constructor's constants. */
function constructorArgs(classNode, module, settings) {
    const { checker } = settings;
    const name = classNode.name?.text ?? 'the default export';
    if (classNode.modifiers?.some((modifier) => modifier.kind === (typescript_default()).SyntaxKind.AbstractKeyword))
        return { ok: false, reason: `class ${name} is abstract, so a test cannot construct it` };
    const declared = classNode.members.find((member) => typescript_default().isConstructorDeclaration(member) && member.body !== undefined);
    if (declared?.modifiers?.some((modifier) => modifier.kind === (typescript_default()).SyntaxKind.PrivateKeyword || modifier.kind === (typescript_default()).SyntaxKind.ProtectedKeyword)) {
        return { ok: false, reason: `the constructor of ${name} is not public, so a test cannot construct it` };
    }
    const staticSide = staticTypeOf(checker, classNode);
    const signatures = staticSide ? checker.getSignaturesOfType(staticSide, (typescript_default()).SignatureKind.Construct) : [];
    if (signatures.length === 0)
        return { ok: true, lists: [[]] };
    const constants = collectConstants(checker, declared ?? null, module.constants, module.calls);
    const built = candidatesForSignatures(signatures, constants, candidateSettings(settings, settings.maxConstructorLists));
    return built.ok ? built : { ok: false, reason: `its class cannot be constructed: ${built.reason}` };
}
function staticTypeOf(checker, classNode) {
    if (typescript_default().isClassExpression(classNode))
        return checker.getTypeAtLocation(classNode);
    const symbol = classNode.name ? checker.getSymbolAtLocation(classNode.name) : classNode.symbol;
    return symbol ? checker.getTypeOfSymbol(symbol) : null;
}
function signaturesOf(checker, implementation, overloads, valueNode) {
    const declarations = overloads.length > 0 ? overloads : implementation ? [implementation] : [];
    if (declarations.length > 0)
        return declarations.map((declaration) => checker.getSignatureFromDeclaration(declaration)).filter((signature) => signature !== undefined);
    return [...checker.getSignaturesOfType(checker.getTypeAtLocation(valueNode), (typescript_default()).SignatureKind.Call)];
}
function candidateSettings(settings, maxLists) {
    return { checker: settings.checker, program: settings.program, maxLists, maxValuesPerSlot: settings.maxValuesPerSlot };
}

;// CONCATENATED MODULE: ./src/offline/analyse/create-program.ts
/**
 * One TypeScript Program over the modules to analyse, read through a compiler host that only reads
 * inside the checkout and the directory holding TypeScript's lib files (the bundled action has no
 * `node_modules/typescript/lib` beside it). A repository tsconfig's `paths`/`baseUrl` are honoured
 * when it parses; a missing or broken tsconfig is ignored. Lib source files are parsed once per
 * process and shared between programs.
 */



/** The lib the analysis type-checks against (ES2023, no DOM); the lead ships it and the files it references. */
const ANALYSIS_LIB = 'lib.es2023.d.ts';
const BASE_OPTIONS = {
    allowJs: true,
    checkJs: false,
    noEmit: true,
    skipLibCheck: true,
    strict: true,
    target: (typescript_default()).ScriptTarget.ES2023,
    module: (typescript_default()).ModuleKind.ESNext,
    moduleResolution: (typescript_default()).ModuleResolutionKind.Bundler,
    lib: [ANALYSIS_LIB],
    types: [],
    jsx: (typescript_default()).JsxEmit.Preserve,
    resolveJsonModule: true,
    allowArbitraryExtensions: true,
    libReplacement: false,
    noResolve: false,
};
const libCache = new Map();
function createAnalysisProgram(input) {
    const checkoutDir = external_node_path_default().resolve(input.checkoutDir);
    const libDir = external_node_path_default().resolve(input.libDir);
    const realRoots = [realPath(checkoutDir), realPath(libDir)];
    const allowed = (file) => isInside(file, checkoutDir) || isInside(file, libDir);
    // Reads also check the real path, so a symlink in the checkout cannot lead outside it.
    const readable = (file) => allowed(file) && realRoots.some((root) => isInside(realPath(file), root));
    const options = { ...BASE_OPTIONS, ...pathOptionsOf(checkoutDir, input.rootFiles[0] ?? checkoutDir, readable) };
    const host = typescript_default().createCompilerHost(options, true);
    const getSourceFile = host.getSourceFile.bind(host);
    Object.assign(host, {
        getCurrentDirectory: () => checkoutDir,
        getDefaultLibLocation: () => libDir,
        getDefaultLibFileName: () => external_node_path_default().join(libDir, ANALYSIS_LIB),
        fileExists: (file) => allowed(file) && create_program_isFile(file),
        directoryExists: (dir) => allowed(dir) && isDirectory(dir),
        readFile: (file) => (readable(file) ? readText(file) : undefined),
        getDirectories: (dir) => (allowed(dir) ? subdirectories(dir) : []),
        realpath: (file) => file,
        getSourceFile: (fileName, languageVersion, onError) => {
            if (!readable(fileName))
                return undefined;
            if (!isInside(fileName, libDir) || isInside(fileName, checkoutDir))
                return getSourceFile(fileName, languageVersion, onError);
            const key = `${external_node_path_default().resolve(fileName)}\n${JSON.stringify(languageVersion)}`;
            const cached = libCache.get(key);
            if (cached)
                return cached;
            const parsed = getSourceFile(fileName, languageVersion, onError);
            if (parsed)
                libCache.set(key, parsed);
            return parsed;
        },
    });
    return typescript_default().createProgram({ rootNames: [...input.rootFiles], options, host });
}
/** `paths`/`baseUrl` (and decorators) from the nearest tsconfig.json at or above the first module, inside the checkout; {} when absent or broken. */
function pathOptionsOf(checkoutDir, firstFile, allowed) {
    try {
        const configPath = nearestTsconfig(checkoutDir, external_node_path_default().dirname(firstFile));
        if (configPath === null)
            return {};
        const read = (file) => (allowed(file) ? readText(file) : undefined);
        const json = typescript_default().readConfigFile(configPath, read);
        if (json.error || typeof json.config !== 'object' || json.config === null)
            return {};
        const parseHost = {
            useCaseSensitiveFileNames: (typescript_default()).sys.useCaseSensitiveFileNames,
            readDirectory: () => [],
            fileExists: (file) => allowed(file) && create_program_isFile(file),
            readFile: read,
        };
        const parsed = typescript_default().parseJsonConfigFileContent(json.config, parseHost, external_node_path_default().dirname(configPath), undefined, configPath);
        const found = parsed.options;
        const picked = {};
        if (found.paths !== undefined && isInside(found.pathsBasePath ?? found.baseUrl ?? checkoutDir, checkoutDir)) {
            picked.paths = found.paths;
            if (found.pathsBasePath !== undefined)
                picked['pathsBasePath'] = found.pathsBasePath;
        }
        if (found.baseUrl !== undefined && isInside(found.baseUrl, checkoutDir)) {
            picked.baseUrl = found.baseUrl;
            picked.ignoreDeprecations = '6.0';
        }
        if (found.experimentalDecorators !== undefined)
            picked.experimentalDecorators = found.experimentalDecorators;
        return picked;
    }
    catch {
        return {};
    }
}
function nearestTsconfig(checkoutDir, startDir) {
    if (!isInside(startDir, checkoutDir))
        return null;
    for (let dir = startDir;; dir = external_node_path_default().dirname(dir)) {
        const candidate = external_node_path_default().join(dir, 'tsconfig.json');
        if (create_program_isFile(candidate))
            return candidate;
        if (dir === checkoutDir || external_node_path_default().dirname(dir) === dir)
            return null;
    }
}
function isInside(file, dir) {
    const relative = external_node_path_default().relative(dir, external_node_path_default().resolve(file));
    return relative === '' || (relative !== '..' && !relative.startsWith(`..${(external_node_path_default()).sep}`) && !external_node_path_default().isAbsolute(relative));
}
/** The real path, or the path itself when it does not exist (yet). */
function realPath(file) {
    try {
        return (0,external_node_fs_.realpathSync)(file);
    }
    catch {
        return external_node_path_default().resolve(file);
    }
}
function readText(file) {
    try {
        return (0,external_node_fs_.readFileSync)(file, 'utf8');
    }
    catch {
        return undefined;
    }
}
function create_program_isFile(file) {
    try {
        return (0,external_node_fs_.statSync)(file).isFile();
    }
    catch {
        return false;
    }
}
function isDirectory(dir) {
    try {
        return (0,external_node_fs_.statSync)(dir).isDirectory();
    }
    catch {
        return false;
    }
}
function subdirectories(dir) {
    try {
        return (0,external_node_fs_.readdirSync)(dir, { withFileTypes: true })
            .filter((entry) => entry.isDirectory())
            .map((entry) => entry.name);
    }
    catch {
        return [];
    }
}

;// CONCATENATED MODULE: ./src/offline/analyse/analyser.ts
/**
 * The zero-token generator's analysis: one TypeScript Program over the modules to analyse (created on
 * the first question, then reused), and per module the changed exported functions and public methods
 * with candidate argument lists. Reads only the checkout and the lib directory.
 */





const DEFAULT_MAX_CANDIDATES_PER_TARGET = 24;
const DEFAULT_MAX_VALUES_PER_SLOT = 16;
const DEFAULT_MAX_CONSTRUCTOR_ARGS = 4;
function createOfflineAnalyser(options) {
    const checkoutDir = external_node_path_default().resolve(options.checkoutDir);
    if (!(0,external_node_fs_.existsSync)(external_node_path_default().join(options.libDir, ANALYSIS_LIB))) {
        throw new errors/* GenerationError */.VP(`TypeScript's ${ANALYSIS_LIB} is missing from ${options.libDir}; the zero-token generator needs it beside the bundle: rebuild or reinstall TestMaster`);
    }
    const absolute = (modulePath) => external_node_path_default().resolve(checkoutDir, ...modulePath.split('/'));
    let state = null;
    const ready = () => {
        if (state === null) {
            const rootFiles = options.modulePaths.map(absolute).filter((file) => isInside(file, checkoutDir));
            const program = createAnalysisProgram({ checkoutDir, rootFiles, libDir: options.libDir });
            state = { program, checker: program.getTypeChecker() };
        }
        return state;
    };
    return {
        targets(modulePath, changedLines) {
            const file = absolute(modulePath);
            if (!isInside(file, checkoutDir))
                return { targets: [], skipped: [{ id: modulePath, reason: 'the module is outside the checkout' }] };
            if (!options.modulePaths.includes(modulePath))
                return { targets: [], skipped: [{ id: modulePath, reason: 'the module was not given to the analyser' }] };
            const { program, checker } = ready();
            const sourceFile = program.getSourceFile(file);
            if (sourceFile === undefined || sourceFile.isDeclarationFile) {
                return { targets: [], skipped: [{ id: modulePath, reason: sourceFile ? 'a declaration file has nothing to call' : 'the module could not be read as JavaScript or TypeScript' }] };
            }
            try {
                return buildTargets(sourceFile, changedLines, {
                    program,
                    checker,
                    maxCandidatesPerTarget: Math.max(1, options.maxCandidatesPerTarget ?? DEFAULT_MAX_CANDIDATES_PER_TARGET),
                    maxValuesPerSlot: Math.max(2, options.maxValuesPerSlot ?? DEFAULT_MAX_VALUES_PER_SLOT),
                    maxConstructorLists: Math.max(1, options.maxConstructorArgs ?? DEFAULT_MAX_CONSTRUCTOR_ARGS),
                });
            }
            catch (error) {
                const message = error instanceof Error ? error.message : String(error);
                return { targets: [], skipped: [{ id: modulePath, reason: `the analysis failed on this module (${message.split('\n')[0] ?? message})` }] };
            }
        },
    };
}

;// CONCATENATED MODULE: ./src/offline/probe/probe-runtime.ts
/**
 * The JavaScript that runs inside a probe file (see build-probe.ts): it calls each candidate, waits a
 * bounded time for promises, and appends what happened to a JSON-lines file, one `start` line before a
 * call and one outcome line after it, written synchronously so that a run killed in the middle of a
 * call still says which call it was. Values are described as in outcome.ts. Plain JavaScript that is
 * also valid TypeScript under `// @ts-nocheck`; it refers only to its parameters.
 */
const PROBE_RUNTIME = String.raw `
const __tmMaxItems = 50;
const __tmMaxString = 2000;
function __tmDescribe(value, depth, seen) {
  const type = typeof value;
  if (value === undefined) return { k: 'undefined' };
  if (value === null) return { k: 'null' };
  if (type === 'boolean') return { k: 'boolean', v: value };
  if (type === 'number') return { k: 'number', v: Object.is(value, -0) ? '-0' : String(value) };
  if (type === 'bigint') return { k: 'bigint', v: String(value) };
  if (type === 'string') return value.length > __tmMaxString ? { k: 'opaque', type: 'string', length: value.length } : { k: 'string', v: value };
  if (type === 'symbol') return { k: 'opaque', type: 'symbol' };
  if (type === 'function') return { k: 'opaque', type: 'function' };
  if (depth > 4 || seen.has(value)) return { k: 'opaque', type: Array.isArray(value) ? 'array' : 'object' };
  seen.add(value);
  try {
    if (Array.isArray(value)) {
      if (value.length > __tmMaxItems) return { k: 'opaque', type: 'array', length: value.length };
      const items = [];
      for (let i = 0; i < value.length; i++) items.push(__tmDescribe(value[i], depth + 1, seen));
      return { k: 'array', items };
    }
    if (value instanceof Date) return Number.isNaN(value.getTime()) ? { k: 'opaque', type: 'date' } : { k: 'date', iso: value.toISOString() };
    if (value instanceof RegExp) return { k: 'regexp', source: value.source, flags: value.flags };
    if (value instanceof Error) return { k: 'error', name: String(value.name), message: String(value.message) };
    if (value instanceof Map) {
      if (value.size > __tmMaxItems) return { k: 'opaque', type: 'object', length: value.size };
      return { k: 'map', entries: [...value.entries()].map(([key, item]) => [__tmDescribe(key, depth + 1, seen), __tmDescribe(item, depth + 1, seen)]) };
    }
    if (value instanceof Set) {
      if (value.size > __tmMaxItems) return { k: 'opaque', type: 'object', length: value.size };
      return { k: 'set', items: [...value].map((item) => __tmDescribe(item, depth + 1, seen)) };
    }
    const keys = Object.keys(value);
    if (keys.length > __tmMaxItems) return { k: 'opaque', type: 'object', length: keys.length };
    const entries = keys.map((key) => [key, __tmDescribe(value[key], depth + 1, seen)]);
    const proto = Object.getPrototypeOf(value);
    if (proto === Object.prototype || proto === null) return { k: 'object', entries };
    const ctor = proto && typeof proto.constructor === 'function' && proto.constructor.name ? proto.constructor.name : null;
    return { k: 'instance', ctor, entries };
  } finally {
    seen.delete(value);
  }
}
function __tmThrown(error) {
  if (error instanceof Error) return { name: String(error.name), message: String(error.message) };
  return { name: null, message: null, value: __tmDescribe(error, 0, new Set()) };
}
async function __tmProbe(calls, outPath, waitMs, append) {
  for (const call of calls) {
    append(outPath, JSON.stringify({ target: call.target, index: call.index, start: true }) + '\n');
    let outcome;
    try {
      const value = call.run();
      if (value !== null && (typeof value === 'object' || typeof value === 'function') && typeof value.then === 'function') {
        let timer;
        const waited = new Promise((resolve) => { timer = setTimeout(() => resolve({ pending: true }), waitMs); });
        const settled = await Promise.race([Promise.resolve(value).then((result) => ({ result }), (error) => ({ error })), waited]);
        clearTimeout(timer);
        if ('pending' in settled) outcome = { kind: 'pending', waitedMs: waitMs };
        else if ('error' in settled) outcome = { kind: 'rejected', error: __tmThrown(settled.error) };
        else outcome = { kind: 'resolved', value: __tmDescribe(settled.result, 0, new Set()) };
      } else {
        outcome = { kind: 'returned', value: __tmDescribe(value, 0, new Set()) };
      }
    } catch (error) {
      outcome = { kind: 'threw', error: __tmThrown(error) };
    }
    append(outPath, JSON.stringify({ target: call.target, index: call.index, outcome }) + '\n');
  }
}
`;

;// CONCATENATED MODULE: ./src/offline/probe/build-probe.ts

const PROBE_TEST_NAME = 'testmaster probe';
function candidateKey(target, index) {
    return `${target}#${index}`;
}
function buildProbeFile(input) {
    const calls = [];
    for (const target of input.targets) {
        target.candidates.forEach((args, index) => {
            if (input.exclude.has(candidateKey(target.id, index)))
                return;
            calls.push(`  { target: ${JSON.stringify(target.id)}, index: ${index}, run: () => ${callExpression(target, args, '__tmModule', '__tmExport')} },`);
        });
    }
    const imports = input.syntax === 'esm'
        ? [`import * as __tmModule from ${JSON.stringify(input.moduleSpecifier)};`, `import { appendFileSync as __tmAppend } from 'node:fs';`]
        : [`const __tmModule = require(${JSON.stringify(input.moduleSpecifier)});`, `const { appendFileSync: __tmAppend } = require('node:fs');`];
    return [
        '// @ts-nocheck',
        '// Written by TestMaster to learn what the changed functions return; removed after the run.',
        ...(input.testApiImport === null ? [] : [input.testApiImport]),
        ...imports,
        PROBE_RUNTIME,
        'function __tmExport(ns, name) {',
        "  if (name === 'default') return ns && ns.default !== undefined ? ns.default : ns;",
        '  if (ns && ns[name] !== undefined) return ns[name];',
        '  return ns && ns.default ? ns.default[name] : undefined;',
        '}',
        'const __tmCalls = [',
        ...calls,
        '];',
        `it(${JSON.stringify(PROBE_TEST_NAME)}, async () => {`,
        `  await __tmProbe(__tmCalls, ${JSON.stringify(input.outPath)}, ${input.waitMs}, __tmAppend);`,
        '}, 3_600_000);',
        '',
    ].join('\n');
}
/**
 * The call of one candidate, given how to reach an export: `access(moduleVar, 'name')`. Methods are
 * called on a fresh instance built with the first constructor argument list.
 */
function callExpression(target, args, moduleVar, access) {
    const exported = `${access}(${moduleVar}, ${JSON.stringify(target.exportName)})`;
    const argList = args.join(', ');
    if (target.kind === 'function')
        return `${exported}(${argList})`;
    const method = methodName(target);
    if (target.kind === 'static-method')
        return `${exported}[${JSON.stringify(method)}](${argList})`;
    const constructorArgs = (target.constructorArgs[0] ?? []).join(', ');
    return `new (${exported})(${constructorArgs})[${JSON.stringify(method)}](${argList})`;
}
/** 'Cart#add' -> 'add', 'Cart.create' -> 'create'. */
function methodName(target) {
    const prefix = target.className ?? target.exportName;
    return target.id.startsWith(prefix) ? target.id.slice(prefix.length + 1) : target.id;
}

;// CONCATENATED MODULE: ./src/offline/probe/outcome.ts
/**
 * What one probe call did, as the probe file records it (JSON lines) and as emission reads it. Values
 * are described, not kept: a description is plain JSON that emission turns back into a literal, or
 * into a type/shape assertion when the value cannot be written as one.
 */
/** A stable key for comparing two outcomes (determinism, distinct behaviours). */
function outcomeKey(outcome) {
    return JSON.stringify(outcome);
}

;// CONCATENATED MODULE: ./src/offline/emit/choose-cases.ts


function chooseCases(targets, first, second, options) {
    const firstByKey = byKey(first);
    const secondByKey = byKey(second);
    const rejected = [];
    let usable = 0;
    const perTarget = [];
    for (const target of targets) {
        const distinct = new Map();
        target.candidates.forEach((_, index) => {
            const key = candidateKey(target.id, index);
            if (options.neverReturned.has(key)) {
                rejected.push({ target, index, reason: `never returned: cut off when its probe run reached ${Math.round(options.probeLimitMs / 1000)} s` });
                return;
            }
            const a = firstByKey.get(key);
            const b = secondByKey.get(key);
            if (a === undefined || b === undefined)
                return; // not probed (an earlier call hung in that run)
            if (outcomeKey(a) !== outcomeKey(b)) {
                rejected.push({ target, index, reason: 'nondeterministic: the two probe runs gave different results (time, randomness or shared state)' });
                return;
            }
            if (a.kind === 'pending') {
                rejected.push({ target, index, reason: `its promise did not settle within ${a.waitedMs} ms` });
                return;
            }
            if (a.kind === 'never-returned') {
                rejected.push({ target, index, reason: 'never returned' });
                return;
            }
            usable += 1;
            const outcome = outcomeKey(a);
            if (!distinct.has(outcome))
                distinct.set(outcome, { target, index, outcome: a });
        });
        perTarget.push([...distinct.values()].slice(0, options.maxCasesPerTarget));
    }
    const chosen = [];
    for (let round = 0; chosen.length < options.maxCasesPerModule; round++) {
        const next = perTarget.flatMap((cases) => cases.slice(round, round + 1));
        if (next.length === 0)
            break;
        chosen.push(...next.slice(0, options.maxCasesPerModule - chosen.length));
    }
    return { chosen, rejected, repeats: usable - chosen.length };
}
function byKey(records) {
    return new Map(records.map((record) => [candidateKey(record.target, record.index), record.outcome]));
}

;// CONCATENATED MODULE: ./src/offline/emit/emit-test-file.ts
/**
 * One readable test file for a module from its chosen calls (pure): the repository's framework and
 * import style, a `describe` per function or method, an `it` per case whose name says what is checked,
 * `toBe` / `toEqual` with literal values, `toThrow` with the message for errors, `resolves` / `rejects`
 * for promises, no snapshots. A value that cannot be written as a literal is asserted by type or shape.
 */



const MAX_ARGS_IN_TITLE = 60;
const MAX_VALUE_IN_TITLE = 40;
function emitTestFile(chosen, conventions) {
    const defaultName = localDefaultName(conventions.modulePath);
    const local = (target) => (target.exportName === 'default' ? defaultName : target.exportName);
    const groups = new Map();
    for (const entry of chosen) {
        const group = groups.get(entry.target.id) ?? { target: entry.target, cases: [] };
        group.cases.push(entry);
        groups.set(entry.target.id, group);
    }
    const emitted = [];
    const blocks = [];
    const instanceOfNames = new Set(chosen.filter((entry) => entry.target.kind !== 'function').map((entry) => local(entry.target)));
    for (const { target, cases } of groups.values()) {
        const titles = new Set();
        const body = [];
        for (const entry of cases) {
            const args = entry.target.candidates[entry.index] ?? [];
            const title = uniqueTitle(caseTitle(entry.outcome, args), titles);
            const call = callSource(target, args, local(target));
            const lines = assertionLines(entry.outcome, call, instanceOfNames);
            const isAsync = entry.outcome.kind === 'resolved' || entry.outcome.kind === 'rejected';
            body.push(`  it(${quoteTitle(title)}, ${isAsync ? 'async ' : ''}() => {`, ...lines.map((line) => `    ${line}`), '  });');
            emitted.push({ describe: target.displayName, title, chosen: entry });
        }
        blocks.push([`describe(${quoteTitle(target.displayName)}, () => {`, ...interleave(body), '});'].join('\n'));
    }
    const header = importLines(conventions, [...new Set([...groups.values()].map(({ target }) => target.exportName))], defaultName);
    return { content: `${header.join('\n')}\n\n${blocks.join('\n\n')}\n`, cases: emitted };
}
function importLines(conventions, exportNames, defaultName) {
    const lines = [];
    const api = 'describe, expect, it';
    if (!conventions.usesGlobals) {
        const from = conventions.framework === 'vitest' ? 'vitest' : '@jest/globals';
        lines.push(conventions.syntax === 'esm' ? `import { ${api} } from '${from}';` : `const { ${api} } = require('${from}');`);
    }
    const named = exportNames.filter((name) => name !== 'default').sort();
    const hasDefault = exportNames.includes('default');
    const spec = render_literal_quote(conventions.moduleSpecifier);
    if (conventions.syntax === 'esm') {
        const parts = [...(hasDefault ? [defaultName] : []), ...(named.length > 0 ? [`{ ${named.join(', ')} }`] : [])];
        lines.push(`import ${parts.join(', ')} from ${spec};`);
    }
    else {
        const isTypeScript = /\.[cm]?tsx?$/.test(conventions.modulePath);
        if (hasDefault)
            lines.push(`const ${defaultName} = require(${spec})${isTypeScript ? '.default' : ''};`);
        if (named.length > 0)
            lines.push(`const { ${named.join(', ')} } = require(${spec});`);
    }
    return lines;
}
function callSource(target, args, localName) {
    const argList = args.join(', ');
    if (target.kind === 'function')
        return `${localName}(${argList})`;
    const method = methodName(target);
    const member = /^[A-Za-z_$][\w$]*$/.test(method) ? `.${method}` : `[${render_literal_quote(method)}]`;
    if (target.kind === 'static-method')
        return `${localName}${member}(${argList})`;
    return `new ${localName}(${(target.constructorArgs[0] ?? []).join(', ')})${member}(${argList})`;
}
function assertionLines(outcome, call, exportedClasses) {
    switch (outcome.kind) {
        case 'returned':
            return valueAssertions(outcome.value, call, exportedClasses, false);
        case 'resolved':
            return valueAssertions(outcome.value, call, exportedClasses, true);
        case 'threw':
            return [`expect(() => ${call}).toThrow(${thrownMatcher(outcome.error)});`];
        case 'rejected':
            return [`await expect(${call}).rejects.toThrow(${thrownMatcher(outcome.error)});`];
        case 'pending':
        case 'never-returned':
            return [];
    }
}
function thrownMatcher(error) {
    return error.message === null || error.message === '' ? '' : render_literal_quote(error.message);
}
function valueAssertions(value, call, exportedClasses, awaited) {
    const subject = awaited ? `await expect(${call}).resolves` : `expect(${call})`;
    switch (value.k) {
        case 'undefined':
            return [`${subject}.toBeUndefined();`];
        case 'null':
            return [`${subject}.toBeNull();`];
        case 'number':
            if (value.v === 'NaN')
                return [`${subject}.toBeNaN();`];
            return [`${subject}.toBe(${renderLiteral(value)});`];
        case 'boolean':
        case 'bigint':
        case 'string':
            return [`${subject}.toBe(${renderLiteral(value)});`];
        default: {
            const literal = renderLiteral(value);
            if (literal !== null)
                return [`${subject}.toEqual(${literal});`];
            // Not writable as a literal: keep the result and check its type or shape.
            const result = [`const result = ${awaited ? 'await ' : ''}${call};`];
            return [...result, ...shapeAssertions(value, exportedClasses)];
        }
    }
}
function shapeAssertions(value, exportedClasses) {
    switch (value.k) {
        case 'instance': {
            const lines = value.ctor !== null && exportedClasses.has(value.ctor)
                ? [`expect(result).toBeInstanceOf(${value.ctor});`]
                : value.ctor !== null
                    ? [`expect(Object.getPrototypeOf(result)?.constructor?.name).toBe(${render_literal_quote(value.ctor)});`]
                    : [`expect(typeof result).toBe('object');`];
            const entries = value.entries.length > 0 ? renderEntries(value.entries) : null;
            return entries === null ? lines : [...lines, `expect(result).toMatchObject(${entries});`];
        }
        case 'error':
            return [`expect(result).toBeInstanceOf(Error);`, `expect(result).toMatchObject({ message: ${render_literal_quote(value.message)} });`];
        case 'opaque':
            if (value.type === 'array')
                return [`expect(Array.isArray(result)).toBe(true);`, ...(value.length === undefined ? [] : [`expect(result).toHaveLength(${value.length});`])];
            if (value.type === 'string')
                return [`expect(typeof result).toBe('string');`, ...(value.length === undefined ? [] : [`expect(result).toHaveLength(${value.length});`])];
            if (value.type === 'date')
                return [`expect(result).toBeInstanceOf(Date);`];
            return [`expect(typeof result).toBe(${render_literal_quote(value.type)});`];
        default:
            // Arrays, objects, maps and sets holding something unwritable: check what can be checked.
            if (value.k === 'array')
                return [`expect(Array.isArray(result)).toBe(true);`, `expect(result).toHaveLength(${value.items.length});`];
            if (value.k === 'map' || value.k === 'set')
                return [`expect(result).toBeInstanceOf(${value.k === 'map' ? 'Map' : 'Set'});`];
            return [`expect(typeof result).toBe('object');`];
    }
}
/** e.g. `returns 0 for ('domestic', 1000, 5000)`, `throws RangeError for ('eu', 0, 0)`. */
function caseTitle(outcome, args) {
    const given = args.length === 0 ? 'with no arguments' : `for (${emit_test_file_shorten(args.join(', '), MAX_ARGS_IN_TITLE)})`;
    switch (outcome.kind) {
        case 'returned':
            return `returns ${describeShort(outcome.value)} ${given}`;
        case 'resolved':
            return `resolves to ${describeShort(outcome.value)} ${given}`;
        case 'threw':
            return `throws ${outcome.error.name ?? 'a value'} ${given}`;
        case 'rejected':
            return `rejects with ${outcome.error.name ?? 'a value'} ${given}`;
        default:
            return `runs ${given}`;
    }
}
function describeShort(value) {
    const literal = renderLiteral(value);
    if (literal !== null && literal.length <= MAX_VALUE_IN_TITLE)
        return literal;
    switch (value.k) {
        case 'array':
            return `an array of ${value.items.length}`;
        case 'string':
            return `a string of ${value.v.length} characters`;
        case 'instance':
            return value.ctor === null ? 'an object' : `a ${value.ctor}`;
        case 'opaque':
            return value.type === 'array' ? 'an array' : value.type === 'object' ? 'an object' : `a ${value.type}`;
        default:
            return value.k === 'object' ? 'an object' : `a ${value.k}`;
    }
}
/** A title as a string literal, in double quotes when single ones would need escaping. */
function quoteTitle(title) {
    const single = render_literal_quote(title);
    if (!title.includes("'") || title.includes('"'))
        return single;
    return JSON.stringify(title);
}
function emit_test_file_shorten(text, max) {
    return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}
function uniqueTitle(title, seen) {
    let candidate = title;
    for (let n = 2; seen.has(candidate); n++)
        candidate = `${title} (${n})`;
    seen.add(candidate);
    return candidate;
}
/** Blank lines between the cases of a describe block. */
function interleave(lines) {
    const out = [];
    for (const line of lines) {
        if (line.startsWith('  it(') && out.length > 0)
            out.push('');
        out.push(line);
    }
    return out;
}
/** The local name a default export gets: the module's file name in camelCase ('price-list.ts' -> priceList). */
function localDefaultName(modulePath) {
    const base = external_node_path_default().posix.basename(modulePath).replace(/\..*$/, '');
    const camel = base.replace(/[^A-Za-z0-9_$]+(.)?/g, (_, next) => (next ? next.toUpperCase() : ''));
    const safe = /^[A-Za-z_$]/.test(camel) ? camel : `_${camel}`;
    return safe === '' || safe === '_' ? 'subject' : safe;
}

;// CONCATENATED MODULE: ./src/offline/probe/parse-probe-lines.ts
/**
 * The probe's JSON-lines output read back (pure): one `start` line before each call, one outcome line
 * after it. A start with no outcome after it is the call the run was killed in. Lines that are not
 * well-formed records (a truncated last line) are ignored.
 */

const startLine = schemas/* object */.Ikc({ target: schemas/* string */.YjP(), index: schemas/* number */.aig().int().nonnegative(), start: schemas/* literal */.euz(true) });
const outcomeLine = schemas/* object */.Ikc({ target: schemas/* string */.YjP(), index: schemas/* number */.aig().int().nonnegative(), outcome: schemas/* object */.Ikc({ kind: schemas/* string */.YjP() }).passthrough() });
function parseProbeLines(text) {
    const records = [];
    let open = null;
    for (const line of text.split('\n')) {
        if (line.trim() === '')
            continue;
        let json;
        try {
            json = JSON.parse(line);
        }
        catch {
            continue;
        }
        const started = startLine.safeParse(json);
        if (started.success) {
            open = { target: started.data.target, index: started.data.index };
            continue;
        }
        const finished = outcomeLine.safeParse(json);
        if (finished.success) {
            records.push({ target: finished.data.target, index: finished.data.index, outcome: finished.data.outcome });
            open = null;
        }
    }
    return { records, unfinished: open };
}

;// CONCATENATED MODULE: ./src/offline/probe/run-probe.ts
/**
 * Runs the probe file for one module in the validation checkout until two complete runs are in hand
 * (effects: writes and removes the probe file, runs the repository's runner, reads the JSON-lines
 * results). A run killed at its time limit in the middle of a call names that call: it is recorded
 * as never returning, left out, and the probe runs again. Files the probed code changed in the
 * checkout are put back, so other modules' results stay true.
 */












/** Probe runs per module at most (two complete ones, plus one per call cut off). */
const MAX_RUNS = 6;
async function runProbe(input, exec) {
    const now = input.now ?? Date.now;
    const neverReturned = new Set();
    const complete = [];
    let runs = 0;
    while (complete.length < 2) {
        const left = input.deadline - now();
        if (runs >= MAX_RUNS || left <= 1000) {
            return { kind: 'failed', reason: `probing stopped after ${runs} runs: the per-module time budget ran out`, runs };
        }
        runs += 1;
        // The probe's record goes in a directory of its own: in a sandbox the only one it may write.
        const recordDir = await makeTempDir(input.scratchDir, `probe-${runs}-`);
        const outPath = external_node_path_default().join(recordDir, 'calls.jsonl');
        const content = buildProbeFile({ ...input, outPath, exclude: neverReturned });
        const run = await probeOnce(input, content, Math.min(input.runLimitMs, left), exec, recordDir);
        const lines = await (0,promises_.readFile)(outPath, 'utf8').catch(() => '');
        const parsed = parseProbeLines(lines);
        if (parsed.unfinished !== null) {
            // Killed in the middle of this call: it never returned within the run's limit.
            neverReturned.add(candidateKey(parsed.unfinished.target, parsed.unfinished.index));
            continue;
        }
        const expected = input.targets.reduce((sum, target) => sum + target.candidates.length, 0) - neverReturned.size;
        if (parsed.records.length === expected) {
            complete.push(parsed.records);
            continue;
        }
        return { kind: 'failed', reason: `the probe could not call the module: ${run.problem ?? 'it recorded no call'}`, runs };
    }
    return { kind: 'probed', first: complete[0] ?? [], second: complete[1] ?? [], neverReturned, runs };
}
async function probeOnce(input, content, timeoutMs, exec, recordDir) {
    const before = (await readWorkingTreeStatus(input.checkoutDir)).snapshot;
    const written = await writeNewTestFile(input.checkoutDir, input.testPath, content, { testGlobs: DEFAULT_TEST_GLOBS, maxBytes: 4 * 1024 * 1024 });
    let problem = null;
    try {
        const run = await runOnce({
            checkoutDir: input.checkoutDir,
            pkg: input.pkg,
            testFile: input.testPath,
            module: input.module,
            outputDir: input.scratchDir,
            writableDirs: [recordDir],
            timeoutMs,
            ...(input.signal ? { signal: input.signal } : {}),
        }, exec, { label: 'probe', coverage: false });
        problem = run.fileError === null ? null : summarize_dropped_firstLine(run.fileError);
    }
    catch (error) {
        if (!(0,errors/* isTestMasterError */.z8)(error) || (input.signal?.aborted ?? false))
            throw error;
        problem = error.message;
    }
    finally {
        const left = await removeWrittenTestFile(written);
        if (left.length > 0)
            throw new errors/* GenerationError */.VP(`could not remove the probe file ${input.testPath}: remove it by hand before rerunning`);
    }
    const stray = changedPaths(before, (await readWorkingTreeStatus(input.checkoutDir)).snapshot).filter((entry) => !input.ownPaths.has(entry));
    if (stray.length > 0)
        await restorePaths(input.checkoutDir, stray);
    return { problem };
}

;// CONCATENATED MODULE: ./src/offline/generate-offline-for-module.ts
/**
 * Zero-token generation for ONE module (issue 5): find its changed exported functions and public
 * methods, derive candidate inputs, call them through the repository's own runner (the probe, run
 * twice), write the calls with stable results as one readable test file, and pass it through the same
 * per-case gate as a model's file (passes every re-run, adds coverage). No model, no tokens.
 */









/**
 * The zero-token generator's version, part of the cross-run cache key: bump it when the analysis, the
 * probe or the emitted tests change, so tests an older version wrote are written again.
 */
const OFFLINE_GENERATOR_VERSION = 'offline-1';
async function generateOfflineForModule(work, settings, deps) {
    const module = work.job.plan.file.path;
    const notes = [];
    const finish = (outcome, reason, kept = null, turns = 0) => {
        deps.events.emit({ type: 'generation-finished', path: module, outcome, reason, kept: kept?.cases.length ?? 0, costUsd: 0 });
        return {
            module,
            generation: { outcome, reason, turns, llmCalls: 0, inputTokens: 0, outputTokens: 0, costUsd: 0, promptTokens: null, provider: 'offline' },
            kept,
            possibleBugs: [],
            notes,
        };
    };
    const uncovered = work.job.patch.missingLines.length + work.job.patch.partialLines.length;
    if (uncovered === 0)
        return finish('skipped-covered', 'every changed line is already covered');
    deps.events.emit({ type: 'generation-started', path: module, uncoveredLines: uncovered });
    const { targets, skipped } = deps.analyser.targets(module, work.job.plan.file.changedLines);
    if (targets.length === 0) {
        const why = skipped.length === 0 ? 'no changed exported function or public method to call' : skipped.map((entry) => `${entry.id}: ${entry.reason}`).join('; ');
        return finish('skipped', `the zero-token generator has nothing to call: ${why}`);
    }
    for (const entry of skipped)
        notes.push(`${entry.id} not probed: ${entry.reason}`);
    const conventions = await moduleConventions(work.checkoutDir, work.job, work.testPath);
    const now = deps.now ?? Date.now;
    const scratch = await makeTempDir(work.scratchDir, 'offline-');
    try {
        const probe = await runProbe({
            checkoutDir: work.checkoutDir,
            pkg: work.job.plan.pkg,
            module,
            testPath: work.testPath,
            targets,
            syntax: conventions.syntax,
            testApiImport: conventions.testApiImport,
            moduleSpecifier: conventions.moduleSpecifier,
            scratchDir: scratch,
            runLimitMs: settings.probeRunLimitMs,
            deadline: now() + settings.timeBudgetMs,
            waitMs: settings.promiseWaitMs,
            ownPaths: work.ownPaths,
            ...(deps.signal ? { signal: deps.signal } : {}),
            now,
        }, deps.exec);
        if (probe.kind === 'failed')
            return finish('failed', probe.reason);
        const choice = chooseCases(targets, probe.first, probe.second, {
            maxCasesPerTarget: settings.maxCasesPerTarget,
            maxCasesPerModule: settings.maxCasesPerModule,
            neverReturned: probe.neverReturned,
            probeLimitMs: settings.probeRunLimitMs,
        });
        deps.events.emit({ type: 'probe-finished', path: module, runs: probe.runs, calls: probe.first.length, cases: choice.chosen.length, rejected: choice.rejected.length });
        const rejected = choice.rejected.map(droppedCall);
        if (choice.chosen.length === 0)
            return finish('nothing-kept', summarizeDropped(rejected, 'no call gave a result worth a test'));
        const emitted = emitTestFile(choice.chosen, { ...conventions, modulePath: module });
        const verdict = await validateInCheckout(work, settings, deps, emitted.content, scratch, 'offline');
        deps.events.emit(candidateValidatedEvent(module, 1, verdict));
        if (verdict.kind === 'file-failed')
            return finish('failed', `the generated test file failed: ${verdict.error.split('\n')[0] ?? verdict.error}`, null, 1);
        if (verdict.kind === 'nothing-kept')
            return finish('nothing-kept', summarizeDropped([...rejected, ...verdict.dropped], 'no call gave a result worth a test'), null, 1);
        await (0,promises_.rm)(external_node_path_default().join(work.checkoutDir, verdict.testPath), { force: true });
        const kept = keptOfVerdict(verdict, [...rejected, ...verdict.dropped]);
        return finish('kept', null, kept, 1);
    }
    finally {
        await (0,promises_.rm)(scratch, { recursive: true, force: true });
    }
}
function droppedCall(call) {
    const args = (call.target.candidates[call.index] ?? []).join(', ');
    return { name: `${call.target.displayName}(${args.length > 80 ? `${args.slice(0, 79)}…` : args})`, reason: call.reason };
}

;// CONCATENATED MODULE: ./src/offline/typescript-lib-dir.ts
/**
 * Where TypeScript's standard library declarations (lib.*.d.ts) are: beside the compiler in
 * node_modules when running from source, beside the bundle in dist/ (scripts/bundle.mjs copies them
 * there, as the compiler looks for them next to its own file).
 */


function typescriptLibDir() {
    return external_node_path_default().dirname(typescript_default().getDefaultLibFilePath({}));
}

;// CONCATENATED MODULE: ./src/pipeline/module-outcome.ts
/**
 * What one module's generation leaves for the report (pure): the merged generation record, the kept
 * files, the module's coverage with them, the changed lines each generator newly covers, and the
 * possible bugs. The run store keeps it as the module's end state, so a resumed run reports a module
 * the interrupted run finished without redoing it.
 */


function moduleOutcome(file, done) {
    const generation = done.length === 0 ? notAttempted(file) : mergeGenerations(done.map((result) => result.generation));
    const coveredBy = { offline: 0, model: 0 };
    const files = [];
    const possibleBugs = [];
    if (!file.head)
        return { generation, files, proposed: null, coveredBy, possibleBugs: done.flatMap((result) => result.possibleBugs) };
    let proposed = file.head;
    for (const result of done) {
        possibleBugs.push(...result.possibleBugs);
        const proposedFile = proposedFileOf(result, file);
        if (proposedFile === null || result.kept?.combined == null)
            continue;
        files.push(proposedFile);
        const next = { ...fileMetrics(result.kept.combined), patch: patchMetrics(result.kept.combined, file.changedLines) };
        coveredBy[proposedFile.provider ?? 'model'] += newlyCovered(proposed.patch, next.patch);
        proposed = next;
    }
    return { generation, files, proposed, coveredBy, possibleBugs };
}
/** The proposed file of one generator's kept cases, or null when it kept none. */
function proposedFileOf(result, file) {
    const kept = result.kept;
    if (kept === null || kept.combined === null)
        return null;
    return {
        path: kept.testPath,
        forFile: file.path,
        framework: file.framework ?? 'vitest',
        content: kept.content,
        sha256: (0,external_node_crypto_.createHash)('sha256').update(kept.content).digest('hex'),
        kept: kept.cases,
        dropped: kept.dropped,
        provider: result.generation.provider ?? 'model',
    };
}
/** Changed lines fully covered after that were not before (missing or partial before, neither after). */
function newlyCovered(before, after) {
    const open = (patch) => new Set([...patch.missingLines, ...patch.partialLines]);
    const stillOpen = open(after);
    return [...open(before)].filter((line) => !stillOpen.has(line)).length;
}
/** One module's generation as reported, from the zero-token run and (hybrid) the model's run after it. */
function mergeGenerations(parts) {
    const [first] = parts;
    if (parts.length === 1 && first)
        return first;
    const kept = parts.filter((part) => part.outcome === 'kept');
    const last = parts[parts.length - 1];
    const label = (part) => (part.provider === 'offline' ? 'zero-token' : 'model');
    const reasons = parts.filter((part) => part.reason).map((part) => `${label(part)}: ${part.reason}`);
    const reusedParts = parts.flatMap((part) => (part.reused ? [part.reused] : []));
    const [firstReused] = reusedParts;
    return {
        outcome: kept.length > 0 ? 'kept' : last.outcome,
        reason: kept.length === parts.length ? null : reasons.join('; ') || null,
        turns: parts.reduce((sum, part) => sum + part.turns, 0),
        llmCalls: parts.reduce((sum, part) => sum + part.llmCalls, 0),
        inputTokens: parts.reduce((sum, part) => sum + part.inputTokens, 0),
        outputTokens: parts.reduce((sum, part) => sum + part.outputTokens, 0),
        costUsd: parts.reduce((sum, part) => sum + part.costUsd, 0),
        promptTokens: parts.find((part) => part.promptTokens !== null)?.promptTokens ?? null,
        provider: (kept[kept.length - 1] ?? last).provider ?? 'model',
        ...(firstReused
            ? {
                reused: {
                    ...firstReused,
                    savedInputTokens: reusedParts.reduce((sum, part) => sum + part.savedInputTokens, 0),
                    savedOutputTokens: reusedParts.reduce((sum, part) => sum + part.savedOutputTokens, 0),
                    savedCostUsd: reusedParts.reduce((sum, part) => sum + part.savedCostUsd, 0),
                },
            }
            : {}),
    };
}
function notAttempted(file) {
    const covered = file.head !== null && file.head.patch.missingLines.length + file.head.patch.partialLines.length === 0;
    return {
        outcome: covered ? 'skipped-covered' : 'skipped',
        reason: covered ? 'every changed line is already covered' : file.head ? 'no test framework for this package' : (file.reason ?? 'the head coverage was not measured'),
        turns: 0,
        llmCalls: 0,
        inputTokens: 0,
        outputTokens: 0,
        costUsd: 0,
        promptTokens: null,
    };
}

;// CONCATENATED MODULE: ./src/pipeline/reuse-cached-tests.ts
/**
 * Cross-run reuse (issue 6, item 3): before a generator writes tests for a module, the run store is
 * asked for tests an earlier run validated for the same module content, framework (and version),
 * model (or the zero-token generator), prompt version and test path. A hit is not trusted: the file
 * goes through the same per-case gate on this head (run, reruns, coverage), so only cases that still
 * pass and still add coverage are proposed. A hit that keeps nothing falls back to writing tests.
 * After a generator kept cases, they are stored for the next run.
 */





/** Wraps a generator: reuse re-validated cached tests when there are some, else generate and store what was kept. */
function withCrossRunCache(generate, kind, identity, settings, deps) {
    return async (work) => {
        const key = await cacheKeyFor(work, identity);
        if (key !== null) {
            const cached = deps.session.cacheGet(key);
            const reused = cached === null ? null : await revalidate(work, cached, kind, settings, deps);
            if (reused !== null)
                return reused;
        }
        deps.session.startGenerating(work.job.plan.file.path, kind);
        const result = await generate(work);
        const file = proposedFileOf(result, { path: work.job.plan.file.path, framework: work.job.plan.pkg.framework });
        if (key !== null && file !== null && result.generation.reused === undefined && !(deps.signal?.aborted ?? false)) {
            deps.session.cachePut(key, { module: file.forFile, files: [file], coverage: null, generation: result.generation, sourceRunId: deps.session.runId });
        }
        return result;
    };
}
async function cacheKeyFor(work, identity) {
    const { pkg, file } = work.job.plan;
    if (pkg.framework === null)
        return null;
    const moduleContent = await (0,promises_.readFile)(external_node_path_default().join(work.checkoutDir, file.path), 'utf8').catch(() => null);
    if (moduleContent === null)
        return null;
    return { moduleContent, framework: pkg.framework, frameworkVersion: pkg.frameworkVersion ?? 'unknown', model: identity.model, promptVersion: identity.promptVersion, testPath: work.testPath };
}
async function revalidate(work, cached, kind, settings, deps) {
    const module = work.job.plan.file.path;
    const file = cached.files.find((candidate) => candidate.path === work.testPath);
    if (file === undefined)
        return null;
    deps.session.startGenerating(module, kind);
    const scratch = await makeTempDir(work.scratchDir, 'reuse-');
    try {
        const verdict = await validateInCheckout(work, settings, { exec: deps.exec, ...(deps.signal ? { signal: deps.signal } : {}) }, file.content, scratch, 'reuse');
        deps.events.emit(candidateValidatedEvent(module, 1, verdict));
        if (verdict.kind !== 'kept')
            return null;
        await (0,promises_.rm)(external_node_path_default().join(work.checkoutDir, verdict.testPath), { force: true });
        const spent = cached.generation;
        const reused = { source: 'cache', fromRunId: cached.sourceRunId, savedInputTokens: spent.inputTokens, savedOutputTokens: spent.outputTokens, savedCostUsd: spent.costUsd };
        deps.events.emit({
            type: 'module-reused',
            path: module,
            source: 'cache',
            fromRunId: cached.sourceRunId,
            kept: verdict.kept.length,
            savedTokens: spent.inputTokens + spent.outputTokens,
            savedCostUsd: spent.costUsd,
        });
        deps.events.emit({ type: 'generation-finished', path: module, outcome: 'kept', reason: null, kept: verdict.kept.length, costUsd: 0 });
        return {
            module,
            generation: { outcome: 'kept', reason: null, turns: 0, llmCalls: 0, inputTokens: 0, outputTokens: 0, costUsd: 0, promptTokens: null, provider: kind, reused },
            kept: keptOfVerdict(verdict),
            possibleBugs: [],
            notes: [],
        };
    }
    finally {
        await (0,promises_.rm)(scratch, { recursive: true, force: true });
    }
}

;// CONCATENATED MODULE: ./src/pipeline/generate-tests.ts
/**
 * The generation stage: for each measured module with uncovered changed lines, most uncovered first,
 * write tests and keep what passes reliably and adds coverage, `concurrency` modules at a time: with
 * the zero-token generator (src/offline/), the model (generate-for-module.ts), or both (hybrid: the
 * model only for the changed lines the zero-token tests left uncovered). Candidates are validated in a temporary worktree of the head, never
 * in the user's checkout; the kept files travel back in the report (the entry points write them).
 * A model failure no module can get past stops the others and fails the run.
 */





















/** A probe run is cut off at a quarter of the module's time budget, between 10 and 30 s: what a call that never returns costs. */
const probeRunLimitMs = (budgetMs) => Math.min(30_000, Math.max(10_000, Math.floor(budgetMs / 4)));
/** How long the probe waits for a returned promise. */
const PROMISE_WAIT_MS = 2_000;
/** Largest proposed test file, in UTF-8 bytes. */
const MAX_TEST_FILE_BYTES = 200 * 1024;
async function generateTests(input, deps) {
    const outcomes = new Map();
    const session = input.session ?? null;
    // Modules the interrupted run finished are reported as they were, not redone.
    const finished = session === null ? [] : [...session.finished].map(([module, outcome]) => ({ module, outcome, reused: resumedFrom(outcome, session.runId) }));
    for (const { module, outcome, reused } of finished) {
        outcomes.set(module, outcome);
        deps.events.emit({
            type: 'module-reused',
            path: module,
            source: 'resume',
            fromRunId: reused.fromRunId,
            kept: outcome.files.reduce((sum, file) => sum + file.kept.length, 0),
            savedTokens: reused.savedInputTokens + reused.savedOutputTokens,
            savedCostUsd: reused.savedCostUsd,
        });
    }
    const jobs = orderByValue(moduleJobs(input)).filter((job) => !outcomes.has(job.plan.file.path));
    const needGeneration = jobs.some((job) => remaining(job) > 0);
    if (needGeneration) {
        await inValidationCheckout(input, deps, async (checkoutDir) => {
            const scratchDir = await makeTempDir(deps.tempRoot ?? (0,external_node_os_.tmpdir)(), 'testmaster-gen-');
            try {
                await runJobs(jobs, checkoutDir, scratchDir, input, deps, outcomes);
            }
            finally {
                await (0,promises_.rm)(scratchDir, { recursive: true, force: true });
            }
        });
        // The validation worktree's node_modules are the user's (linked): candidates can change the user's checkout.
        const tampered = await userTreeTampered('the tests run during generation', 'every test kept in this run was discarded', input.ownOutputs ?? [], deps);
        if (tampered !== null)
            discardKept(input, jobs, outcomes, tampered);
    }
    return generate_tests_assemble(input, outcomes, deps);
}
/** The measured modules of a package with a known framework, as generation jobs. */
function moduleJobs(input) {
    const jobs = [];
    for (const plan of input.modules) {
        const report = input.files.find((file) => file.path === plan.file.path);
        if (!report?.head || plan.pkg.framework === null)
            continue;
        jobs.push({ plan, baseline: input.headCoverage.files.get(plan.file.path) ?? null, patch: report.head.patch, relatedTests: report.relatedTests });
    }
    return jobs;
}
/** Most uncovered changed lines first (the budget serves them first), then by path. */
function orderByValue(jobs) {
    return [...jobs].sort((a, b) => remaining(b) - remaining(a) || a.plan.file.path.localeCompare(b.plan.file.path));
}
/** A temporary worktree of the head with the packages' node_modules linked in; the user's tree is never written. */
async function inValidationCheckout(input, deps, fn) {
    if (!input.checkout.userCheckout)
        return fn(input.checkout.dir); // already our own worktree
    const workspace = await discoverPackages(input.repoDir);
    await withWorktree(input.repoDir, input.head, async (dir) => {
        await linkNodeModules(input.repoDir, dir, workspace.packageDirs);
        await fn(dir);
    }, worktreeOptions(deps));
}
/**
 * The user's checkout changed while candidates ran and no one candidate can be blamed: whatever this
 * run kept or found is discarded (modules finished by an interrupted run, reported from the store, are not this run's).
 */
function discardKept(input, jobs, outcomes, reason) {
    for (const job of jobs) {
        const module = job.plan.file.path;
        const outcome = outcomes.get(module);
        const file = input.files.find((candidate) => candidate.path === module);
        if (outcome === undefined || file === undefined || !['kept', 'nothing-kept'].includes(outcome.generation.outcome))
            continue;
        outcomes.set(module, { ...moduleOutcome(file, []), generation: { ...outcome.generation, outcome: 'failed', reason } });
    }
}
async function runJobs(jobs, checkoutDir, scratchDir, input, deps, outcomes) {
    const { config, prepared } = input;
    const session = input.session ?? null;
    const candidate = { reruns: config.reruns, candidateTimeoutMs: config.candidateTimeoutSeconds * 1000, maxFileBytes: MAX_TEST_FILE_BYTES };
    // A run-stopping failure in one module cancels the others (their test processes are killed).
    const stop = new AbortController();
    const signal = input.signal ? AbortSignal.any([input.signal, stop.signal]) : stop.signal;
    const limit = (0,p_limit/* default */.A)(config.concurrency);
    // Model calls wait on the network; test runs need a core each. Running more runners than cores only
    // slows every one of them, so candidate runs share at most one slot per core.
    const runnerSlots = (0,p_limit/* default */.A)(Math.max(1, Math.min(config.concurrency, (0,external_node_os_.availableParallelism)())));
    const exec = (request) => runnerSlots(() => deps.exec(request));
    let firstError = null;
    const exists = (repoPath) => generate_tests_lstatOrNull(external_node_path_default().join(checkoutDir, repoPath)) !== null;
    const requests = jobs.map((job) => ({ modulePath: job.plan.file.path, relatedTests: job.relatedTests }));
    const testPaths = assignTestPaths(requests, config.testPathPattern, exists);
    // In hybrid mode the model's file for a module sits beside the zero-token one (numbered).
    const firstPaths = new Set(testPaths.values());
    const modelPaths = prepared.provider === 'hybrid' ? assignTestPaths(requests, config.testPathPattern, (p) => exists(p) || firstPaths.has(p)) : testPaths;
    const ownPaths = new Set([...testPaths.values(), ...modelPaths.values()]);
    const tracked = (generate, kind, identity) => session === null ? generate : withCrossRunCache(generate, kind, identity, candidate, { session, exec, events: deps.events, signal });
    const offline = prepared.provider === 'openai'
        ? null
        : tracked(offlineGenerator(jobs, checkoutDir, config, candidate, exec, deps, signal), 'offline', { model: 'offline', promptVersion: OFFLINE_GENERATOR_VERSION });
    const model = prepared.model === null
        ? null
        : tracked(modelGenerator(prepared.model, config, candidate, exec, deps, signal, session), 'model', { model: prepared.model.settings.model, promptVersion: PROMPT_VERSION });
    await Promise.all(jobs.map((job) => limit(async () => {
        if (signal.aborted)
            return;
        const module = job.plan.file.path;
        const work = { job, checkoutDir, scratchDir, testPath: testPaths.get(module), ownPaths };
        try {
            const done = [];
            let modelJob = job;
            if (offline !== null) {
                const result = await offline(work);
                done.push(result);
                modelJob = afterKept(job, result);
            }
            if (model !== null && remaining(modelJob) > 0 && !signal.aborted) {
                done.push(await model({ ...work, job: modelJob, testPath: modelPaths.get(module) }));
            }
            // A module cut short by the interruption is not finished: a resumed run does it again.
            if (signal.aborted)
                return;
            const file = input.files.find((candidate) => candidate.path === module);
            if (file === undefined)
                return;
            const outcome = moduleOutcome(file, done);
            outcomes.set(module, outcome);
            session?.finish(module, outcome);
        }
        catch (error) {
            if (firstError === null)
                firstError = error;
            stop.abort(error);
        }
    })));
    if (input.signal?.aborted)
        throw new errors/* GenerationError */.VP('the run was cancelled during generation: no test file was written');
    if (firstError !== null)
        throw firstError;
}
function offlineGenerator(jobs, checkoutDir, config, candidate, exec, deps, signal) {
    const analyser = createOfflineAnalyser({
        checkoutDir,
        modulePaths: jobs.filter((job) => remaining(job) > 0).map((job) => job.plan.file.path),
        libDir: typescriptLibDir(),
    });
    const settings = {
        ...candidate,
        timeBudgetMs: config.offlineTimeBudgetSeconds * 1000,
        probeRunLimitMs: probeRunLimitMs(config.offlineTimeBudgetSeconds * 1000),
        promiseWaitMs: PROMISE_WAIT_MS,
        maxCasesPerTarget: 6,
        maxCasesPerModule: 20,
    };
    return (work) => generateOfflineForModule(work, settings, { analyser, exec, events: deps.events, signal });
}
function modelGenerator(prepared, config, candidate, exec, deps, signal, session) {
    const settings = {
        ...candidate,
        model: prepared.settings.model,
        maxCompletionTokens: prepared.settings.maxCompletionTokens,
        maxPromptTokens: config.maxPromptTokens,
        maxHealAttempts: config.maxHealAttempts,
    };
    return async (work) => {
        const result = await generateForModule(work, settings, { client: prepared.client, ledger: prepared.ledger, exec, events: deps.events, signal, ...(session ? { replay: session.replay } : {}) });
        return { ...result, generation: { ...result.generation, provider: 'model' } };
    };
}
/** The job as the model sees it after the zero-token generator's kept cases: their coverage is the baseline. */
function afterKept(job, result) {
    const combined = result.kept?.combined ?? null;
    if (combined === null)
        return job;
    return { ...job, baseline: combined, patch: patchMetrics(combined, job.plan.file.changedLines) };
}
/** Changed lines the job still has to cover (missing or partly covered). */
function remaining(job) {
    return job.patch.missingLines.length + job.patch.partialLines.length;
}
function generate_tests_assemble(input, outcomes, deps) {
    const proposedFiles = [];
    const possibleBugs = [];
    const coveredBy = { offline: 0, model: 0 };
    const files = input.files.map((file) => {
        const outcome = outcomes.get(file.path) ?? moduleOutcome(file, []);
        proposedFiles.push(...outcome.files);
        possibleBugs.push(...outcome.possibleBugs);
        coveredBy.offline += outcome.coveredBy.offline;
        coveredBy.model += outcome.coveredBy.model;
        const generation = input.session?.finished.has(file.path) ? { ...outcome.generation, reused: resumedFrom(outcome, input.session.runId) } : outcome.generation;
        return { ...file, proposed: file.head ? outcome.proposed : null, generation };
    });
    const proposedPatch = sumPatch(files.flatMap((file) => (file.proposed ? [file.proposed.patch] : [])));
    const model = input.prepared.model;
    const budget = model === null
        ? null
        : { model: model.settings.model, ...model.ledger.totals(), limits: model.ledger.limits, stoppedByBudget: model.ledger.stoppedByBudget, priceSource: model.price.source };
    return { files, proposedPatch, proposedFiles, possibleBugs, budget, coveredBy, run: runSummary(input.session ?? null, files, deps) };
}
function resumedFrom(outcome, runId) {
    const spent = outcome.generation;
    return { source: 'resume', fromRunId: runId, savedInputTokens: spent.inputTokens, savedOutputTokens: spent.outputTokens, savedCostUsd: spent.costUsd };
}
/** The report's `run`: the store's run id and what it reused. */
function runSummary(session, files, deps) {
    if (session === null)
        return null;
    const reused = files.flatMap((file) => (file.generation?.reused ? [file.generation.reused] : []));
    return {
        id: session.runId,
        resumed: session.resumed,
        reusedFromCache: reused.filter((entry) => entry.source === 'cache').length,
        reusedFromResume: reused.filter((entry) => entry.source === 'resume').length,
        replayedCalls: deps.events.timeline.filter((event) => event.type === 'model-call-replayed').length,
        savedInputTokens: reused.reduce((sum, entry) => sum + entry.savedInputTokens, 0),
        savedOutputTokens: reused.reduce((sum, entry) => sum + entry.savedOutputTokens, 0),
        savedCostUsd: reused.reduce((sum, entry) => sum + entry.savedCostUsd, 0),
    };
}
function generate_tests_lstatOrNull(absolute) {
    try {
        return (0,external_node_fs_.lstatSync)(absolute);
    }
    catch {
        return null;
    }
}

;// CONCATENATED MODULE: ./src/budget/budget-account.ts

class BudgetAccount {
    inputTokens = 0;
    outputTokens = 0;
    costMicros = 0;
    calls = 0;
    heldMicros = 0;
    heldTokens = 0;
    heldCalls = 0;
    get committedMicros() {
        return this.costMicros + this.heldMicros;
    }
    get committedTokens() {
        return this.inputTokens + this.outputTokens + this.heldTokens;
    }
    get committedCalls() {
        return this.calls + this.heldCalls;
    }
    hold(worst) {
        this.heldMicros += worst.costMicros;
        this.heldTokens += worst.tokens;
        this.heldCalls += 1;
    }
    unhold(worst) {
        this.heldMicros -= worst.costMicros;
        this.heldTokens -= worst.tokens;
        this.heldCalls -= 1;
    }
    charge(inputTokens, outputTokens, costMicros) {
        this.inputTokens += inputTokens;
        this.outputTokens += outputTokens;
        this.costMicros += costMicros;
        this.calls += 1;
    }
    totals() {
        return {
            inputTokens: this.inputTokens,
            outputTokens: this.outputTokens,
            costUsd: usdFromMicros(this.costMicros),
            llmCalls: this.calls,
        };
    }
}

;// CONCATENATED MODULE: ./src/budget/failed-attempt.ts
function chargeForFailedAttempt(failure) {
    switch (failure.kind) {
        case 'not-sent':
            return 'release';
        case 'http-error':
            return failure.status >= 400 && failure.status < 500 ? 'rejected' : 'worst-case';
        case 'no-response':
            return 'worst-case';
    }
}

;// CONCATENATED MODULE: ./src/budget/ledger-state.ts
/**
 * The budget ledger's state as plain data, so a run interrupted part-way resumes with the money it
 * already spent (the ceiling holds across the interruption). Validated with zod when saved and when
 * loaded, including the ledger's own invariants: the run's sums are the sums of its modules', the
 * charged figures are the sums of the settled calls', the held ones those of the outstanding calls,
 * and a state over a limit says stoppedByBudget. An edited snapshot that breaks any of them is refused.
 * BudgetLedger.exportState() gives it; BudgetLedger.fromState() continues from it, charging every
 * reservation that was outstanding its worst case (the call may have been sent and billed before the
 * interruption), which keeps the ceiling.
 */


const LEDGER_STATE_VERSION = 1;
const count = schemas/* number */.aig().int().nonnegative();
const usd = schemas/* number */.aig().finite().nonnegative();
const accountSchema = schemas/* strictObject */.rej({
    inputTokens: count,
    outputTokens: count,
    costMicros: count,
    calls: count,
    heldMicros: count,
    heldTokens: count,
    heldCalls: count,
});
const callRecordSchema = schemas/* strictObject */.rej({
    id: schemas/* number */.aig().int().positive(),
    module: schemas/* string */.YjP().min(1),
    label: schemas/* string */.YjP().nullable(),
    attempt: schemas/* number */.aig().int().positive(),
    state: schemas/* enum */.k5n(['outstanding', 'settled', 'released']),
    charged: schemas/* enum */.k5n(['usage', 'worst-case', 'rejected']).nullable(),
    promptTokens: count,
    reservedPromptTokens: count,
    maxCompletionTokens: schemas/* number */.aig().int().positive(),
    worstCaseUsd: usd,
    inputTokens: count,
    outputTokens: count,
    cachedInputTokens: count,
    costUsd: usd,
    overshootUsd: usd,
});
const ACCOUNT_FIELDS = Object.keys(accountSchema.shape);
const baseSchema = schemas/* strictObject */.rej({
    version: schemas/* literal */.euz(LEDGER_STATE_VERSION),
    limits: schemas/* strictObject */.rej({ maxCostUsd: usd, maxTokens: count.nullable(), maxLlmCalls: count.nullable(), maxCostPerModuleUsd: usd.nullable() }),
    price: schemas/* strictObject */.rej({ inputPerMTokUsd: usd, outputPerMTokUsd: usd, cachedInputPerMTokUsd: usd.optional() }),
    promptMargin: schemas/* strictObject */.rej({ ratio: schemas/* number */.aig().finite().nonnegative(), tokens: count }),
    promptFactor: schemas/* number */.aig().finite().min(1),
    stoppedByBudget: schemas/* boolean */.zMY(),
    nextReservationId: schemas/* number */.aig().int().positive(),
    run: accountSchema,
    modules: schemas/* array */.YOg(schemas/* strictObject */.rej({ module: schemas/* string */.YjP().min(1), account: accountSchema })),
    calls: schemas/* array */.YOg(callRecordSchema),
});
/** The first broken invariant, or null (pure). */
function ledgerInvariantProblem(state) {
    const names = state.modules.map((entry) => entry.module);
    if (new Set(names).size !== names.length)
        return 'a module appears twice';
    for (const field of ACCOUNT_FIELDS) {
        const sum = state.modules.reduce((total, entry) => total + entry.account[field], 0);
        if (sum !== state.run[field])
            return `run.${field} is ${String(state.run[field])} but its modules add up to ${String(sum)}`;
    }
    const ids = state.calls.map((call) => call.id);
    if (new Set(ids).size !== ids.length)
        return 'a reservation id appears twice';
    if (ids.some((id) => id >= state.nextReservationId))
        return 'a reservation id is not below nextReservationId';
    const known = new Set(names);
    const stray = state.calls.find((call) => !known.has(call.module));
    if (stray)
        return `call #${String(stray.id)} is for a module with no account`;
    const problem = callSumsProblem(state);
    if (problem)
        return problem;
    return overLimitProblem(state);
}
function callSumsProblem(state) {
    const settled = state.calls.filter((call) => call.state === 'settled');
    const outstanding = state.calls.filter((call) => call.state === 'outstanding');
    const sums = [
        ['calls', settled.length, state.run.calls],
        ['inputTokens', settled.reduce((total, call) => total + call.inputTokens, 0), state.run.inputTokens],
        ['outputTokens', settled.reduce((total, call) => total + call.outputTokens, 0), state.run.outputTokens],
        ['costMicros', settled.reduce((total, call) => total + microsFromUsd(call.costUsd), 0), state.run.costMicros],
        ['heldCalls', outstanding.length, state.run.heldCalls],
        ['heldTokens', outstanding.reduce((total, call) => total + call.reservedPromptTokens + call.maxCompletionTokens, 0), state.run.heldTokens],
        ['heldMicros', outstanding.reduce((total, call) => total + microsFromUsd(call.worstCaseUsd), 0), state.run.heldMicros],
    ];
    const wrong = sums.find(([, fromCalls, inRun]) => fromCalls !== inRun);
    return wrong ? `run.${wrong[0]} is ${String(wrong[2])} but the call records add up to ${String(wrong[1])}` : null;
}
function overLimitProblem(state) {
    if (state.stoppedByBudget)
        return null;
    const { limits, run } = state;
    const over = run.costMicros + run.heldMicros > microsFromUsd(limits.maxCostUsd) ||
        (limits.maxTokens !== null && run.inputTokens + run.outputTokens + run.heldTokens > limits.maxTokens) ||
        (limits.maxLlmCalls !== null && run.calls + run.heldCalls > limits.maxLlmCalls) ||
        (limits.maxCostPerModuleUsd !== null &&
            state.modules.some((entry) => entry.account.costMicros + entry.account.heldMicros > microsFromUsd(limits.maxCostPerModuleUsd ?? 0)));
    return over ? 'spend is over a limit but stoppedByBudget is false' : null;
}
const ledgerStateSchema = baseSchema.superRefine((state, context) => {
    const problem = ledgerInvariantProblem(state);
    if (problem)
        context.addIssue({ code: 'custom', message: `inconsistent budget ledger: ${problem}` });
});

;// CONCATENATED MODULE: ./src/budget/refusal.ts


function refusal_refusalFor(worst, module, run, moduleAccount, limits) {
    const what = `this call's worst case (${formatUsd(worst.costMicros)}: ${worst.promptTokens} prompt + ${worst.completionTokens} completion tokens)`;
    if (run.committedMicros + worst.costMicros > limits.maxCostMicros) {
        return {
            limit: BUDGET_LIMIT_KEYS.maxCostUsd,
            refused: `${BUDGET_LIMIT_KEYS.maxCostUsd}: ${what} does not fit: ${formatUsd(run.committedMicros)} of ${formatUsd(limits.maxCostMicros)} is already spent or reserved`,
        };
    }
    if (limits.maxCostPerModuleMicros !== null && moduleAccount.committedMicros + worst.costMicros > limits.maxCostPerModuleMicros) {
        return {
            limit: BUDGET_LIMIT_KEYS.maxCostPerModuleUsd,
            refused: `${BUDGET_LIMIT_KEYS.maxCostPerModuleUsd}: ${what} does not fit: ${formatUsd(moduleAccount.committedMicros)} of ${formatUsd(limits.maxCostPerModuleMicros)} is already spent or reserved for ${module}`,
        };
    }
    if (limits.maxTokens !== null && run.committedTokens + worst.tokens > limits.maxTokens) {
        return {
            limit: BUDGET_LIMIT_KEYS.maxTokens,
            refused: `${BUDGET_LIMIT_KEYS.maxTokens}: this call may use ${worst.tokens} tokens (${worst.promptTokens} prompt + ${worst.completionTokens} completion) but ${run.committedTokens} of ${limits.maxTokens} are already used or reserved`,
        };
    }
    if (limits.maxLlmCalls !== null && run.committedCalls + 1 > limits.maxLlmCalls) {
        return {
            limit: BUDGET_LIMIT_KEYS.maxLlmCalls,
            refused: `${BUDGET_LIMIT_KEYS.maxLlmCalls}: all ${limits.maxLlmCalls} model calls are already made or under way`,
        };
    }
    return null;
}
/** True when committed amounts already exceed a limit (a bill came in above its reservation). */
function exceedsALimit(run, moduleAccount, limits) {
    return (run.committedMicros > limits.maxCostMicros ||
        (limits.maxCostPerModuleMicros !== null && moduleAccount.committedMicros > limits.maxCostPerModuleMicros) ||
        (limits.maxTokens !== null && run.committedTokens > limits.maxTokens));
}

;// CONCATENATED MODULE: ./src/budget/ledger.ts
/**
 * The budget ledger: a hard ceiling on what model calls may cost (shared/SECURITY.md rule 7).
 *
 * Protocol, for every attempt (first tries, each retry the SDK makes, healing and repair turns):
 * 1. `reserve()` the attempt's worst case (prompt estimate plus safety margin, plus the completion
 *    cap, at the model's price). It is granted only if it fits under every limit, counting what was
 *    already charged AND everything outstanding reservations hold, for the run and for the module.
 *    A refusal means: do not send.
 * 2. After the attempt, exactly one of:
 *    - `settle(r, usage)`: the response came back; the reservation is replaced by what the usage
 *      costs. `settle(r, null)`: no usage reported, so the worst case is charged.
 *    - `release(r)`: nothing was sent; it is freed and is not a call.
 *    - `failAttempt(r, failure)`: the attempt failed; the rule of failed-attempt.ts applies: not
 *      sent = release; a 4xx answer = no cost but one call; a 5xx answer or a lost response
 *      (timeout, reset) = the worst case, as the provider may bill it.
 *
 * Why the ceiling holds under concurrency: every method is synchronous. In Node, one synchronous
 * function runs to completion before any other callback or continuation starts, so between the
 * check "does it fit?" and the commit "hold it" no other reserve() can run: there is no await in
 * between, hence nothing to lock. Invariant after every method: charged + held <= limit, for every
 * limit and scope. Settling replaces a hold by a charge that is no larger as long as the bill is within
 * the reservation, so the invariant survives any interleaving of reserve/settle/release. (Keep these
 * methods synchronous, and do not share one ledger across worker threads.)
 *
 * A bill above its reservation (the prompt estimate ran low beyond the margin, or a provider ignored
 * the completion cap) is charged in full: money already spent cannot be un-spent, and the ledger must
 * not under-count. It then (a) raises the prompt factor of later reservations to the ratio seen (for
 * estimates of 256 tokens or more), so the same error is not repeated, and (b) if spend now exceeds a
 * limit, sets stoppedByBudget; every later reserve() is refused, since nothing fits above a limit.
 * The margin is what keeps the ceiling exact: with bills within their reservations, total spend never
 * exceeds maxCostUsd (proved by test/unit/budget/ledger-property.test.ts). An attempt without usage
 * is charged its reservation: if its estimate was low beyond the margin, no figure can tell us.
 */








/**
 * Only estimates this large teach the prompt factor: a few hundred tokens off on a tiny prompt is a
 * constant the caller left out (which the margin's fixed tokens are for), not a ratio to apply to
 * every later prompt.
 */
const MIN_ESTIMATE_TO_LEARN_FROM = 256;
class BudgetLedger {
    #limits;
    #ledgerLimits;
    #price;
    #modelPrice;
    #margin;
    #run = new BudgetAccount();
    #modules = new Map();
    #entries = new Map();
    #nextId = 1;
    #promptFactor;
    #stopped = false;
    #listeners = [];
    constructor(options) {
        validateBudgetLimits(options.limits);
        validateModelPrice(options.price, 'model price');
        const margin = options.promptMargin ?? DEFAULT_PROMPT_MARGIN;
        validatePromptMargin(margin);
        this.#limits = { ...options.limits };
        this.#ledgerLimits = {
            maxCostMicros: microsFromUsd(options.limits.maxCostUsd),
            maxTokens: options.limits.maxTokens,
            maxLlmCalls: options.limits.maxLlmCalls,
            maxCostPerModuleMicros: options.limits.maxCostPerModuleUsd === null ? null : microsFromUsd(options.limits.maxCostPerModuleUsd),
        };
        this.#price = integerPrice(options.price);
        this.#modelPrice = { ...options.price };
        this.#margin = margin;
        this.#promptFactor = 1 + margin.ratio;
    }
    /** Holds the attempt's worst case if it fits under every limit; synchronous on purpose (see above). */
    reserve(request) {
        validateRequest(request);
        const worst = worstCaseOf(request.promptTokens, request.maxCompletionTokens, this.#price, this.#margin, this.#promptFactor);
        const refusal = refusal_refusalFor(worst, request.module, this.#run, this.#modules.get(request.module) ?? new BudgetAccount(), this.#ledgerLimits);
        if (refusal) {
            this.#stopped = true;
            this.#notify();
            return refusal;
        }
        this.#run.hold(worst);
        this.#account(request.module).hold(worst);
        const reservation = Object.freeze({
            id: this.#nextId++,
            module: request.module,
            label: request.label ?? null,
            attempt: request.attempt ?? 1,
            promptTokens: request.promptTokens,
            reservedPromptTokens: worst.promptTokens,
            maxCompletionTokens: request.maxCompletionTokens,
            worstCaseUsd: usdFromMicros(worst.costMicros),
        });
        const record = {
            ...reservation,
            state: 'outstanding',
            charged: null,
            inputTokens: 0,
            outputTokens: 0,
            cachedInputTokens: 0,
            costUsd: 0,
            overshootUsd: 0,
        };
        this.#entries.set(reservation, { record, worst });
        this.#notify();
        return reservation;
    }
    /** The response came back: charge its usage, or the worst case when usage is null or unusable. */
    settle(reservation, usage) {
        const entry = this.#outstanding(reservation, 'settle');
        const billed = usage === null ? null : usableUsage(usage);
        if (billed)
            return this.#charge(entry, 'usage', billed, tokenCostMicros(billed, this.#price));
        const worst = entry.worst;
        return this.#charge(entry, 'worst-case', { inputTokens: worst.promptTokens, outputTokens: worst.completionTokens, cachedInputTokens: 0 }, worst.costMicros);
    }
    /** Nothing was sent: free the reservation; it costs nothing and is not a call. */
    release(reservation) {
        const entry = this.#outstanding(reservation, 'release');
        this.#run.unhold(entry.worst);
        this.#account(reservation.module).unhold(entry.worst);
        entry.record = { ...entry.record, state: 'released' };
        this.#notify();
        return entry.record;
    }
    /** A failed attempt, by the rule of failed-attempt.ts: released, rejected (one call, no cost) or charged its worst case. */
    failAttempt(reservation, failure) {
        const charge = chargeForFailedAttempt(failure);
        if (charge === 'release')
            return this.release(reservation);
        if (charge === 'worst-case')
            return this.settle(reservation, null);
        return this.#charge(this.#outstanding(reservation, 'reject'), 'rejected', { inputTokens: 0, outputTokens: 0, cachedInputTokens: 0 }, 0);
    }
    /**
     * Calls `listener` (synchronously) after every change: a reservation granted or refused, a charge, a
     * release. For saving the state as it changes (the run store); returns the unsubscribe function.
     */
    onChange(listener) {
        this.#listeners.push(listener);
        return () => {
            const index = this.#listeners.indexOf(listener);
            if (index >= 0)
                this.#listeners.splice(index, 1);
        };
    }
    #notify() {
        for (const listener of this.#listeners) {
            try {
                listener();
            }
            catch {
                // A listener (saving the state) must never break the ledger's bookkeeping.
            }
        }
    }
    /** True once a reservation was refused, or a bill pushed spend over a limit. */
    get stoppedByBudget() {
        return this.#stopped;
    }
    get limits() {
        return { ...this.#limits };
    }
    /** Charged so far for the whole run (outstanding reservations not included). */
    totals() {
        return this.#run.totals();
    }
    /** Charged so far for one module (zeros for a module never seen). */
    moduleTotals(module) {
        return (this.#modules.get(module) ?? new BudgetAccount()).totals();
    }
    /** Every module granted at least one reservation, in first-seen order. */
    modules() {
        return [...this.#modules.keys()];
    }
    /** Every attempt, in reservation order. */
    calls() {
        return [...this.#entries.values()].map((entry) => entry.record);
    }
    /** What outstanding reservations hold. */
    outstanding() {
        return { reservations: this.#run.heldCalls, costUsd: usdFromMicros(this.#run.heldMicros), tokens: this.#run.heldTokens };
    }
    /** What is left under each run-wide limit after charges and outstanding reservations (never negative). */
    remaining() {
        const limits = this.#ledgerLimits;
        return {
            costUsd: usdFromMicros(Math.max(0, limits.maxCostMicros - this.#run.committedMicros)),
            tokens: limits.maxTokens === null ? null : Math.max(0, limits.maxTokens - this.#run.committedTokens),
            llmCalls: limits.maxLlmCalls === null ? null : Math.max(0, limits.maxLlmCalls - this.#run.committedCalls),
        };
    }
    /** The report's `budget` field. */
    snapshot() {
        return { ...this.#run.totals(), limits: this.limits, stoppedByBudget: this.#stopped };
    }
    /** The ledger as plain data (validated by ledgerStateSchema), so an interrupted run can continue from it. */
    exportState() {
        return {
            version: LEDGER_STATE_VERSION,
            limits: this.limits,
            price: { ...this.#modelPrice },
            promptMargin: { ...this.#margin },
            promptFactor: this.#promptFactor,
            stoppedByBudget: this.#stopped,
            nextReservationId: this.#nextId,
            run: accountState(this.#run),
            modules: [...this.#modules].map(([module, account]) => ({ module, account: accountState(account) })),
            calls: this.calls(),
        };
    }
    /**
     * A ledger that continues from a saved state (validate it with ledgerStateSchema first). A
     * reservation outstanding when the state was saved may have been sent and billed before the
     * interruption, and nobody holds it any more: it is charged its worst case, so the ceiling holds
     * across the interruption.
     */
    static fromState(state) {
        const ledger = new BudgetLedger({ limits: state.limits, price: state.price, promptMargin: state.promptMargin });
        ledger.#restore(state);
        return ledger;
    }
    #restore(state) {
        this.#promptFactor = state.promptFactor;
        this.#stopped = state.stoppedByBudget;
        this.#nextId = state.nextReservationId;
        Object.assign(this.#run, state.run);
        for (const { module, account } of state.modules)
            Object.assign(this.#account(module), account);
        const outstanding = [];
        for (const record of state.calls) {
            const { id, module, label, attempt, promptTokens, reservedPromptTokens, maxCompletionTokens, worstCaseUsd } = record;
            const reservation = Object.freeze({ id, module, label, attempt, promptTokens, reservedPromptTokens, maxCompletionTokens, worstCaseUsd });
            const worst = { promptTokens: reservedPromptTokens, completionTokens: maxCompletionTokens, tokens: reservedPromptTokens + maxCompletionTokens, costMicros: microsFromUsd(worstCaseUsd) };
            this.#entries.set(reservation, { record, worst });
            if (record.state === 'outstanding')
                outstanding.push(reservation);
        }
        for (const reservation of outstanding)
            this.settle(reservation, null);
    }
    /** Replaces the entry's hold by a charge; a bill above the reservation is charged in full (see top). */
    #charge(entry, charged, tokens, costMicros) {
        const { record, worst } = entry;
        const moduleAccount = this.#account(record.module);
        this.#run.unhold(worst);
        moduleAccount.unhold(worst);
        this.#run.charge(tokens.inputTokens, tokens.outputTokens, costMicros);
        moduleAccount.charge(tokens.inputTokens, tokens.outputTokens, costMicros);
        if (charged === 'usage' && tokens.inputTokens > worst.promptTokens && record.promptTokens >= MIN_ESTIMATE_TO_LEARN_FROM) {
            this.#promptFactor = Math.max(this.#promptFactor, tokens.inputTokens / record.promptTokens);
        }
        if (exceedsALimit(this.#run, moduleAccount, this.#ledgerLimits))
            this.#stopped = true;
        entry.record = {
            ...record,
            state: 'settled',
            charged,
            inputTokens: tokens.inputTokens,
            outputTokens: tokens.outputTokens,
            cachedInputTokens: Math.min(tokens.cachedInputTokens, tokens.inputTokens),
            costUsd: usdFromMicros(costMicros),
            overshootUsd: usdFromMicros(Math.max(0, costMicros - worst.costMicros)),
        };
        this.#notify();
        return entry.record;
    }
    #account(module) {
        let account = this.#modules.get(module);
        if (!account) {
            account = new BudgetAccount();
            this.#modules.set(module, account);
        }
        return account;
    }
    #outstanding(reservation, action) {
        const entry = this.#entries.get(reservation);
        if (!entry)
            throw new errors/* BudgetError */.Wp(`cannot ${action} reservation #${String(reservation.id)}: it was not made by this ledger; pass the object reserve() returned`);
        if (entry.record.state !== 'outstanding') {
            throw new errors/* BudgetError */.Wp(`cannot ${action} reservation #${String(reservation.id)}: it was already ${entry.record.state}; settle or release each reservation exactly once`);
        }
        return entry;
    }
}
function accountState(account) {
    const { inputTokens, outputTokens, costMicros, calls, heldMicros, heldTokens, heldCalls } = account;
    return { inputTokens, outputTokens, costMicros, calls, heldMicros, heldTokens, heldCalls };
}
function validateRequest(request) {
    const problems = [];
    if (typeof request.module !== 'string' || request.module.length === 0)
        problems.push('module must be a non-empty path');
    if (!Number.isSafeInteger(request.promptTokens) || request.promptTokens < 0)
        problems.push('promptTokens must be a whole number >= 0');
    if (!Number.isSafeInteger(request.maxCompletionTokens) || request.maxCompletionTokens < 1)
        problems.push('maxCompletionTokens must be a whole number >= 1');
    if (request.attempt !== undefined && (!Number.isSafeInteger(request.attempt) || request.attempt < 1))
        problems.push('attempt must be a whole number >= 1');
    if (problems.length > 0)
        throw new errors/* BudgetError */.Wp(`invalid budget reservation: ${problems.join('; ')}; fix the caller's request`);
}
/** Usage with every figure a finite number >= 0 (rounded up to whole tokens), else null (charge the worst case). */
function usableUsage(usage) {
    const figures = [usage.inputTokens, usage.outputTokens, usage.cachedInputTokens ?? 0];
    if (!figures.every((value) => typeof value === 'number' && Number.isFinite(value) && value >= 0))
        return null;
    const [input, output, cached] = figures.map((value) => Math.ceil(value));
    return { inputTokens: input, outputTokens: output, cachedInputTokens: cached };
}

// EXTERNAL MODULE: ./node_modules/@pydantic/genai-prices/dist/index.js
var genai_prices_dist = __webpack_require__(2294);
;// CONCATENATED MODULE: ./src/budget/prices.ts
/**
 * What a model costs. Prices set in the config win; otherwise they come from @pydantic/genai-prices,
 * a maintained, dependency-free catalogue of many providers (OpenAI, Azure, Anthropic, Google,
 * OpenRouter, Mistral, DeepSeek, Groq...) bundled as plain data: nothing is fetched at run time.
 *
 * Look-up order, most specific name first (see model-aliases.ts): for each candidate name, the config
 * then the catalogue. So `gpt-4o-2024-05-13` gets its own catalogue price before a config price set
 * for `gpt-4o`; set the exact id in the config to override it.
 *
 * A tiered price (a higher rate above some prompt size, e.g. Gemini 2.5 Pro above 200k tokens) is
 * taken at its highest tier: the budget must be an upper bound. Per-request fees and non-text units
 * (images, audio, web searches) are not modelled. An unknown model gives null, and the caller refuses
 * to run with unknownPriceMessage().
 */


/** Config key under which prices are set, keyed by model id (also used for local models, at 0). */
const PRICE_CONFIG_KEY = 'model-prices';
/** The price of `model`, or null when neither the config nor the catalogue knows it. */
function priceFor(model, overrides, options = {}) {
    return lookupPrice(model, overrides, options)?.price ?? null;
}
/** priceFor, saying where the price came from (for logs and the report). */
function lookupPrice(model, overrides, options = {}) {
    const configured = lowerCaseKeys(overrides);
    for (const candidate of modelIdCandidates(model)) {
        const fromConfig = configured.get(candidate);
        if (fromConfig)
            return { price: fromConfig.price, source: 'config', matchedId: fromConfig.key, provider: null };
        const fromCatalogue = cataloguePrice(candidate, options);
        if (fromCatalogue)
            return fromCatalogue;
    }
    return null;
}
/** One line for the error a caller throws when priceFor gave null. */
function unknownPriceMessage(model) {
    const key = JSON.stringify(model);
    return (`no price is known for model ${key}: set it under \`${PRICE_CONFIG_KEY}\` in the config, ` +
        `e.g. ${PRICE_CONFIG_KEY}: { ${key}: { input-per-mtok-usd: 0.5, output-per-mtok-usd: 1.5 } } ` +
        '(US dollars per million tokens; 0 and 0 for a local model)');
}
function lowerCaseKeys(overrides) {
    const map = new Map();
    for (const [key, price] of Object.entries(overrides)) {
        const normalized = key.trim().toLowerCase();
        if (!map.has(normalized))
            map.set(normalized, { key, price });
    }
    return map;
}
function cataloguePrice(modelId, options) {
    let found;
    try {
        found = (0,genai_prices_dist/* calcPrice */.jh)({ input_tokens: 1 }, modelId, options.providerApiUrl ? { providerApiUrl: options.providerApiUrl } : {});
    }
    catch {
        return null;
    }
    if (!found)
        return null;
    const rates = found.model_price;
    const input = highestRate(rates['input_mtok']);
    const output = highestRate(rates['output_mtok']);
    if (input === null || output === null)
        return null;
    const cached = highestRate(rates['cache_read_mtok']);
    const price = cached === null ? { inputPerMTokUsd: input, outputPerMTokUsd: output } : { inputPerMTokUsd: input, outputPerMTokUsd: output, cachedInputPerMTokUsd: cached };
    return { price, source: 'catalogue', matchedId: found.model.id, provider: found.provider.id };
}
/** A flat rate, or the highest of a tiered rate's base and tiers; null when absent or malformed. */
function highestRate(rate) {
    if (typeof rate === 'number')
        return Number.isFinite(rate) && rate >= 0 ? rate : null;
    if (typeof rate !== 'object' || rate === null)
        return null;
    const { base, tiers } = rate;
    const values = [base, ...(Array.isArray(tiers) ? tiers.map((tier) => tier?.price) : [])];
    if (!values.every((value) => typeof value === 'number' && Number.isFinite(value) && value >= 0))
        return null;
    return Math.max(...values);
}

;// CONCATENATED MODULE: ./src/model/attempt-fetch.ts
/** Larger 429 bodies are not read (an error body is a few hundred bytes). */
const MAX_INSPECTED_BODY_CHARS = 64 * 1024;
function createAttemptFetch(baseFetch, onAttempt) {
    let attempts = 0;
    const fetch = async (input, init) => {
        attempts += 1;
        onAttempt?.(attempts);
        const response = await baseFetch(input, init);
        if (response.status !== 429)
            return response;
        const body = await response.text();
        const headers = new Headers(response.headers);
        // The new body is the decoded text: its old length and encoding no longer apply.
        headers.delete('content-length');
        headers.delete('content-encoding');
        if (isInsufficientQuota(body))
            headers.set('x-should-retry', 'false');
        // The body was read: hand the SDK an equivalent response it can read again.
        return new Response(body, { status: response.status, statusText: response.statusText, headers });
    };
    return { fetch, attempts: () => attempts };
}
/** OpenAI's body is `{"error": {"code": "insufficient_quota", ...}}`; some servers put it in `type`. */
function isInsufficientQuota(body) {
    if (body.length > MAX_INSPECTED_BODY_CHARS)
        return false;
    let parsed;
    try {
        parsed = JSON.parse(body);
    }
    catch {
        return false;
    }
    const error = attempt_fetch_isRecord(parsed) && attempt_fetch_isRecord(parsed['error']) ? parsed['error'] : parsed;
    return attempt_fetch_isRecord(error) && (error['code'] === 'insufficient_quota' || error['type'] === 'insufficient_quota');
}
function attempt_fetch_isRecord(value) {
    return typeof value === 'object' && value !== null && !Array.isArray(value);
}

;// CONCATENATED MODULE: ./src/model/model-client.ts
/**
 * One chat completion through the official `openai` SDK (OpenAI, Azure OpenAI, or any compatible
 * server). The SDK does the retrying (`maxRetries`, Retry-After honoured); there is no second retry
 * loop here. Every request sent is counted (ModelReply.attempts, ModelCallError.attempts, and
 * `onAttempt` as it happens) so a budget can charge each one. Failures are ModelCallErrors with one
 * actionable line; a 429 `insufficient_quota` is never retried (see attempt-fetch.ts).
 *
 * Structured output: with `responseFormat`, the request asks for a JSON schema. If the endpoint
 * refuses that (400 about response_format / json_schema), the call is made once more without it and
 * the reply says so (`structuredOutput: 'rejected'`), so the caller parses prose instead.
 */




function createModelClient(settings, deps = {}) {
    const baseFetch = deps.fetch ?? ((input, init) => globalThis.fetch(input, init));
    // Once the endpoint refused structured output, later calls do not ask again (each refusal is a request).
    let schemaRejected = false;
    return {
        async complete(request) {
            const counter = createAttemptFetch(request.wrapFetch ? request.wrapFetch(baseFetch) : baseFetch, request.onAttempt);
            const sdk = createSdkClient(settings, counter.fetch);
            const wantsSchema = request.responseFormat != null && !schemaRejected;
            try {
                let completion;
                let structuredOutput = wantsSchema ? 'used' : 'not-requested';
                try {
                    completion = await sdk.chat.completions.create(requestBody(settings, request, wantsSchema), { signal: request.signal });
                }
                catch (error) {
                    if (!wantsSchema || !rejectsStructuredOutput(error))
                        throw error;
                    structuredOutput = 'rejected';
                    schemaRejected = true;
                    completion = await sdk.chat.completions.create(requestBody(settings, request, false), { signal: request.signal });
                }
                return toReply(completion, settings, counter.attempts(), structuredOutput);
            }
            catch (error) {
                throw toModelCallError(error, settings, counter.attempts()) ?? error;
            }
        },
    };
}
/** A client per call, so its fetch counts that call's attempts alone (construction is cheap). */
function createSdkClient(settings, fetch) {
    const common = { timeout: settings.timeoutMs, maxRetries: settings.maxRetries, fetch };
    if (settings.azure) {
        return new openai/* AzureOpenAI */.AC({ ...common, apiKey: settings.apiKey, baseURL: settings.baseUrl, apiVersion: settings.azure.apiVersion, deployment: settings.azure.deployment });
    }
    // The SDK insists on a key; a compatible server without one gets no Authorization header at all.
    const noKey = settings.apiKey === '';
    return new openai/* OpenAI */.z4({
        ...common,
        apiKey: noKey ? 'no-key' : settings.apiKey,
        baseURL: settings.baseUrl,
        ...(noKey ? { defaultHeaders: { Authorization: null } } : {}),
    });
}
/** Exported for tests and for the budget's pre-check: exactly what is sent. */
function requestBody(settings, request, withSchema) {
    const body = {
        model: settings.azure ? settings.azure.deployment : settings.model,
        messages: request.messages.map((message) => ({ role: message.role, content: message.content })),
    };
    body[settings.tokenParam] = request.maxCompletionTokens ?? settings.maxCompletionTokens;
    if (settings.temperature !== null)
        body.temperature = settings.temperature;
    if (settings.sendReasoningEffort && settings.reasoningEffort !== null)
        body.reasoning_effort = settings.reasoningEffort;
    const format = request.responseFormat;
    if (withSchema && format) {
        body.response_format = {
            type: 'json_schema',
            json_schema: {
                name: format.name,
                schema: format.schema,
                strict: format.strict ?? true,
                ...(format.description ? { description: format.description } : {}),
            },
        };
    }
    return body;
}
function toReply(completion, settings, attempts, structuredOutput) {
    const choice = model_client_isRecord(completion) && Array.isArray(completion['choices']) ? completion['choices'][0] : undefined;
    const message = model_client_isRecord(choice) ? choice['message'] : undefined;
    if (!model_client_isRecord(choice) || !model_client_isRecord(message)) {
        throw new ModelCallError(`the model API at ${displayBaseUrl(settings.baseUrl)} answered without a chat completion choice: check the ${MODEL_SETTING_NAMES.baseUrl} setting points at an OpenAI-compatible API`, 'invalid-response', attempts, 200);
    }
    const record = completion;
    return {
        content: typeof message['content'] === 'string' ? message['content'] : '',
        refusal: typeof message['refusal'] === 'string' && message['refusal'] !== '' ? message['refusal'] : null,
        finishReason: typeof choice['finish_reason'] === 'string' ? choice['finish_reason'] : null,
        usage: readUsage(record['usage']),
        attempts,
        model: typeof record['model'] === 'string' && record['model'] !== '' ? record['model'] : settings.model,
        structuredOutput,
    };
}
function readUsage(usage) {
    if (!model_client_isRecord(usage))
        return null;
    const prompt = usage['prompt_tokens'];
    const completion = usage['completion_tokens'];
    const valid = (n) => typeof n === 'number' && Number.isFinite(n) && n >= 0;
    return valid(prompt) && valid(completion) ? { promptTokens: prompt, completionTokens: completion } : null;
}
function model_client_isRecord(value) {
    return typeof value === 'object' && value !== null && !Array.isArray(value);
}

;// CONCATENATED MODULE: ./src/pipeline/prepare-generation.ts
/**
 * Before any test runs: resolve which generator runs (provider `auto`: the model when one is
 * configured, else the zero-token generator), and for a model its settings, price and budget, so a
 * missing key, an unknown model price or a bad limit fails the run at once, not after minutes of
 * coverage measurement. Creates the model client and the ledger (nothing is sent here).
 */






/** null when the provider is `none`; throws ConfigurationError for anything unusable. */
function prepareGeneration(config, env, fetch) {
    if (config.provider === 'none')
        return null;
    const patternProblem = testPathPatternProblem(config.testPathPattern);
    if (patternProblem) {
        throw new errors/* ConfigurationError */.j1(`test-path-pattern ${JSON.stringify(config.testPathPattern)} is not usable: ${patternProblem}; e.g. "${DEFAULT_TEST_PATH_PATTERN}"`);
    }
    const { provider, note } = chooseProvider(config, env);
    return { provider, note, model: provider === 'offline' ? null : prepareModel(config, env, fetch) };
}
/** `auto`: the model when one is configured (a key, or a base URL for a local server), else offline. */
function chooseProvider(config, env) {
    if (config.provider !== 'auto')
        return { provider: config.provider === 'none' ? 'offline' : config.provider, note: null };
    const configured = [config.apiKey, config.baseUrl, config.azureEndpoint, env['OPENAI_API_KEY'], env['AZURE_OPENAI_API_KEY']].some((value) => value !== null && value !== undefined && value.trim() !== '');
    return configured
        ? { provider: 'openai', note: 'a model is configured, so the model writes the tests (set provider to hybrid to try the zero-token generator first)' }
        : { provider: 'offline', note: 'no model key is configured, so the zero-token generator wrote the tests (no tokens spent); set api-key for model-written tests' };
}
function prepareModel(config, env, fetch) {
    const settings = resolveModelSettings(modelSettingsInput(config), env);
    const price = lookupPrice(settings.model, priceOverrides(config), { providerApiUrl: settings.baseUrl });
    if (price === null)
        throw new errors/* ConfigurationError */.j1(unknownPriceMessage(settings.model));
    const limits = budgetLimits(config);
    const ledger = new BudgetLedger({ limits, price: price.price });
    const client = createModelClient(settings, fetch ? { fetch } : {});
    return { settings, price, limits, ledger, client };
}
function modelSettingsInput(config) {
    return {
        provider: config.modelProvider,
        apiKey: config.apiKey,
        baseUrl: config.baseUrl,
        model: config.model,
        temperature: config.temperature,
        reasoningEffort: config.reasoningEffort,
        tokenParam: config.tokenParam,
        maxCompletionTokens: config.maxCompletionTokens,
        timeoutMs: config.requestTimeoutSeconds * 1000,
        maxRetries: config.maxRetries,
        azure: { endpoint: config.azureEndpoint, apiVersion: config.azureApiVersion, deployment: config.azureDeployment },
    };
}
function budgetLimits(config) {
    return {
        maxCostUsd: config.maxCostUsd,
        maxTokens: config.maxTokens,
        maxLlmCalls: config.maxLlmCalls,
        maxCostPerModuleUsd: config.maxCostPerModuleUsd,
    };
}
function priceOverrides(config) {
    const entries = Object.entries(config.modelPrices).map(([model, price]) => [
        model,
        {
            inputPerMTokUsd: price['input-per-mtok-usd'],
            outputPerMTokUsd: price['output-per-mtok-usd'],
            ...(price['cached-input-per-mtok-usd'] === undefined ? {} : { cachedInputPerMTokUsd: price['cached-input-per-mtok-usd'] }),
        },
    ]);
    return Object.fromEntries(entries);
}

// EXTERNAL MODULE: external "node:sqlite"
var external_node_sqlite_ = __webpack_require__(99);
;// CONCATENATED MODULE: ./src/store/store-schema.ts
/**
 * The store's SQL schema as numbered migrations (data). Migration N brings a store from
 * user_version N-1 to N; STORE_SCHEMA_VERSION is the last. A store is recognised by its
 * application_id ('TMRS'); a file with another id, or objects but no version, is not ours.
 *
 * Lookups and their indices:
 * - the latest resumable run of a repo+base+head: runs_resumable (partial: running/interrupted only);
 * - a module's progress in a run: module_progress's primary key (run_id, module, step);
 * - a run's events in order: events' primary key (run_id, seq);
 * - the cache by key: cache_entries' primary key; cache_used for pruning by last use;
 * - a model answer of a run by key: model_answers' primary key (run_id, key);
 * - a run's measurement of one side: measurements' primary key (run_id, side).
 *
 * Migration 2 (schema version 2) adds model_answers and measurements (rowid tables: their rows are
 * large, a reply or a whole side's coverage, which WITHOUT ROWID tables store badly), and, because
 * the state of the end phases kept/dropped/failed changed shape (module-state.ts: `{ outcome }`),
 * deletes every module_progress row and marks the runs that were still resumable (running,
 * interrupted) failed: a version-1 checkpoint chain cannot be read with the new schemas, and a run
 * without its progress must not be resumed as if nothing had been done. Runs, ledgers, events and
 * cache entries stay.
 */
/** 'TMRS' as a 32-bit integer: PRAGMA application_id of every run store. */
const STORE_APPLICATION_ID = 0x544d5253;
const STORE_MIGRATIONS = [
    `
  CREATE TABLE runs (
    id TEXT PRIMARY KEY NOT NULL,
    repo_dir TEXT NOT NULL,
    base TEXT NOT NULL,
    head TEXT NOT NULL,
    config_fingerprint TEXT NOT NULL,
    provider TEXT NOT NULL,
    model TEXT,
    status TEXT NOT NULL CHECK (status IN ('running', 'interrupted', 'completed', 'failed')),
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL
  ) STRICT;
  CREATE INDEX runs_resumable ON runs (repo_dir, base, head, created_at) WHERE status IN ('running', 'interrupted');

  CREATE TABLE module_progress (
    run_id TEXT NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
    module TEXT NOT NULL,
    step INTEGER NOT NULL CHECK (step >= 1),
    phase TEXT NOT NULL CHECK (phase IN ('analysed', 'head-measured', 'base-measured', 'generating', 'validated', 'kept', 'dropped', 'failed')),
    attempt INTEGER CHECK (attempt IS NULL OR attempt >= 1),
    state TEXT NOT NULL,
    updated_at INTEGER NOT NULL,
    PRIMARY KEY (run_id, module, step)
  ) STRICT, WITHOUT ROWID;

  CREATE TABLE ledger_snapshots (
    run_id TEXT PRIMARY KEY NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
    saved_at INTEGER NOT NULL,
    state TEXT NOT NULL
  ) STRICT, WITHOUT ROWID;

  CREATE TABLE events (
    run_id TEXT NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
    seq INTEGER NOT NULL CHECK (seq >= 1),
    event TEXT NOT NULL,
    PRIMARY KEY (run_id, seq)
  ) STRICT, WITHOUT ROWID;

  CREATE TABLE cache_entries (
    key TEXT PRIMARY KEY NOT NULL CHECK (length(key) = 64),
    module TEXT NOT NULL,
    value TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    used_at INTEGER NOT NULL
  ) STRICT, WITHOUT ROWID;
  CREATE INDEX cache_used ON cache_entries (used_at);
  `,
    `
  CREATE TABLE model_answers (
    run_id TEXT NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
    key TEXT NOT NULL CHECK (length(key) = 64),
    reply TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    PRIMARY KEY (run_id, key)
  ) STRICT;

  CREATE TABLE measurements (
    run_id TEXT NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
    side TEXT NOT NULL CHECK (side IN ('head', 'base')),
    value TEXT NOT NULL,
    saved_at INTEGER NOT NULL,
    PRIMARY KEY (run_id, side)
  ) STRICT;

  DELETE FROM module_progress;
  UPDATE runs SET status = 'failed' WHERE status IN ('running', 'interrupted');
  `,
];
const STORE_SCHEMA_VERSION = STORE_MIGRATIONS.length;

;// CONCATENATED MODULE: ./src/store/transaction.ts
function inTransaction(db, work) {
    if (db.isTransaction)
        return work();
    db.exec('BEGIN IMMEDIATE');
    try {
        const result = work();
        db.exec('COMMIT');
        return result;
    }
    catch (error) {
        if (db.isTransaction)
            db.exec('ROLLBACK');
        throw error;
    }
}

;// CONCATENATED MODULE: ./src/store/migrate.ts
/**
 * Brings a store's schema to STORE_SCHEMA_VERSION, one migration per transaction (DDL and the new
 * user_version commit together), and checks the schema objects are exactly the ones the migrations
 * make: a store with an extra trigger or view (which SQLite would run) or a changed table is refused.
 *
 * Versions (the SQL is in store-schema.ts):
 * - 1: runs, module_progress, ledger_snapshots, events, cache_entries.
 * - 2: model_answers and measurements added. The end phases' state changed shape (`{ outcome }`), so
 *   a version-1 file loses its module_progress rows and its running/interrupted runs are marked
 *   failed (never resumed without their progress); its runs, ledgers, events and cache stay. This is
 *   the simplest safe step: an old run is not resumed, a new run starts from scratch, and no row that
 *   the new schemas would refuse is left (such a row would get the whole file moved aside on open).
 * A file of an unknown (newer) version, a foreign or corrupt file are refused before this runs
 * (open-database.ts), as before.
 */



function migrate(db, fromVersion) {
    for (let version = fromVersion; version < STORE_MIGRATIONS.length; version += 1) {
        inTransaction(db, () => {
            db.exec(STORE_MIGRATIONS[version]);
            db.exec(`PRAGMA user_version = ${String(version + 1)}`);
            if (version === 0)
                db.exec(`PRAGMA application_id = ${String(STORE_APPLICATION_ID)}`);
        });
    }
}
/** The schema objects (type, name, table, SQL) as sorted lines, leaving out SQLite's own. */
function schemaObjects(db) {
    const rows = db.prepare("SELECT type, name, tbl_name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite\\_%' ESCAPE '\\'").all();
    return rows.map((row) => JSON.stringify([row.type, row.name, row.tbl_name, row.sql])).sort();
}
let expected;
/** What the migrations make, read off a fresh in-memory database (computed once). */
function expectedSchemaObjects() {
    if (expected === undefined) {
        const memory = new external_node_sqlite_.DatabaseSync(':memory:');
        try {
            migrate(memory, 0);
            expected = schemaObjects(memory);
        }
        finally {
            memory.close();
        }
    }
    return expected;
}
/** Null when the store has exactly the expected objects; else a short phrase naming the first difference. */
function schemaDifference(db) {
    const actual = schemaObjects(db);
    const wanted = new Set(expectedSchemaObjects());
    const have = new Set(actual);
    const wantedNames = new Set([...wanted].map(describeObject));
    const extra = actual.find((line) => !wanted.has(line));
    if (extra)
        return `${wantedNames.has(describeObject(extra)) ? 'changed' : 'unexpected'} ${describeObject(extra)}`;
    const missing = [...wanted].find((line) => !have.has(line));
    return missing ? `missing ${describeObject(missing)}` : null;
}
function describeObject(line) {
    const [type, name] = JSON.parse(line);
    return `${type} ${name}`;
}

;// CONCATENATED MODULE: ./src/store/store-error.ts
/**
 * The run store's typed error: a file at the store path that is not ours (not-a-store), a store file
 * that cannot be used (not readable as SQLite, a foreign or newer
 * schema, a failed integrity check, a row that fails validation) or a step that does not fit the
 * stored state (a phase transition, a run status change). Its message is one line saying what was
 * wrong and what to do.
 */

class StoreError extends errors/* TestMasterError */.D_ {
    kind = 'store';
    problem;
    constructor(problem, message, options) {
        super(message.replace(/\s*\r?\n\s*/g, ' ').trim(), options);
        this.problem = problem;
    }
}
function isStoreError(value) {
    return value instanceof StoreError;
}

;// CONCATENATED MODULE: ./src/store/open-database.ts
/**
 * Opens a run store's SQLite file and makes sure it is one: readable as SQLite, our application id,
 * a schema version we know (older ones are migrated), a passing integrity check, and exactly our
 * schema objects. Anything else is a StoreError naming the file and the problem. Sets WAL mode
 * (synchronous NORMAL: a commit survives a crash of the process; the file stays consistent on power
 * loss), foreign keys on, and trusted_schema off. Extensions are never loaded.
 */






const FIX = 'delete or move the file to start a fresh store';
function openStoreDatabase(path) {
    let db;
    try {
        (0,external_node_fs_.mkdirSync)((0,external_node_path_.dirname)(path), { recursive: true });
        db = new external_node_sqlite_.DatabaseSync(path, { enableForeignKeyConstraints: true, allowExtension: false, timeout: 5_000 });
    }
    catch (error) {
        throw new StoreError('io', `cannot open the run store ${path}: ${sqliteMessage(error)}; check the path and its permissions`, { cause: error });
    }
    try {
        prepare(db, path);
        return db;
    }
    catch (error) {
        db.close();
        if (error instanceof StoreError)
            throw error;
        if (!isDamage(error))
            throw new StoreError('io', `cannot use the run store ${path}: ${sqliteMessage(error)}; check the file is not in use by another run and is writable`, { cause: error });
        throw new StoreError('corrupt', `the run store ${path} is not a readable SQLite database (${sqliteMessage(error)}); ${FIX}`, { cause: error });
    }
}
function prepare(db, path) {
    db.exec('PRAGMA trusted_schema = OFF');
    const applicationId = pragmaNumber(db, 'application_id');
    const version = pragmaNumber(db, 'user_version');
    const objects = Number(db.prepare('SELECT count(*) AS n FROM sqlite_master').get()?.n ?? 0);
    const isNew = applicationId === 0 && version === 0 && objects === 0;
    if (!isNew)
        checkIdentity(path, applicationId, version);
    if (!isNew)
        checkIntegrity(db, path);
    const mode = String(db.prepare('PRAGMA journal_mode = WAL').get()?.journal_mode ?? '');
    if (mode !== 'wal')
        throw new StoreError('io', `the run store ${path} cannot use WAL mode (got ${mode}); put the store on a local file system`);
    db.exec('PRAGMA synchronous = NORMAL');
    db.exec('PRAGMA foreign_keys = ON');
    migrate(db, version);
    const difference = schemaDifference(db);
    if (difference)
        throw new StoreError('foreign', `the run store ${path} does not have TestMaster's schema (${difference}); ${FIX}`);
}
function checkIdentity(path, applicationId, version) {
    if (applicationId !== STORE_APPLICATION_ID || version === 0) {
        throw new StoreError('foreign', `${path} is a SQLite database but not a TestMaster run store (application id ${String(applicationId)}, schema version ${String(version)}); ${FIX}`);
    }
    if (version > STORE_SCHEMA_VERSION) {
        throw new StoreError('newer-schema', `the run store ${path} has schema version ${String(version)}, newer than this TestMaster's ${String(STORE_SCHEMA_VERSION)}; upgrade TestMaster or ${FIX}`);
    }
}
function checkIntegrity(db, path) {
    const rows = db.prepare('PRAGMA integrity_check').all();
    const first = String(rows[0]?.integrity_check ?? 'no answer');
    if (rows.length !== 1 || first !== 'ok') {
        throw new StoreError('corrupt', `the run store ${path} failed SQLite's integrity check (${first}${rows.length > 1 ? `, and ${String(rows.length - 1)} more` : ''}); ${FIX}`);
    }
}
function pragmaNumber(db, name) {
    const row = db.prepare(`PRAGMA ${name}`).get();
    return Number(row?.[name] ?? 0);
}
/** SQLite result codes that mean the file's content is bad (not busy, locked, read-only or an I/O failure). */
const DAMAGE_CODES = new Set([1 /* ERROR: e.g. malformed schema */, 11 /* CORRUPT */, 24 /* FORMAT */, 26 /* NOTADB */]);
function isDamage(error) {
    const code = error?.errcode;
    return typeof code === 'number' && DAMAGE_CODES.has(code & 0xff);
}
function sqliteMessage(error) {
    return (error instanceof Error ? error.message : String(error)).replace(/\s*\r?\n\s*/g, ' ');
}

;// CONCATENATED MODULE: ./src/store/store-file-check.ts
/**
 * Whether the file at a run store path may be opened by us at all. SQLite opens whatever is there
 * and writes into it (an empty file becomes a database; a link is followed), and a store that fails
 * its checks is moved aside: so anything that is not plainly a SQLite file is refused before SQLite
 * sees it, and left exactly as it was. Only a missing file (created) and a regular file starting with
 * the 16-byte SQLite header qualify; SQLite's side files must not be links or special files either.
 */

/** The first 16 bytes of every SQLite 3 database file. */
const SQLITE_HEADER = Buffer.from('SQLite format 3\0', 'latin1');
/** SQLite's side files next to a database. */
const SQLITE_SIDE_FILES = ['-wal', '-shm', '-journal'];
/** Whether these bytes begin with the SQLite header (pure). */
function startsWithSqliteHeader(bytes) {
    return bytes.length >= SQLITE_HEADER.length && SQLITE_HEADER.equals(bytes.subarray(0, SQLITE_HEADER.length));
}
/** Why the file at `path` is not a plain SQLite file (a link, a directory, a special file, empty, another header), or null; it must exist. */
function notSqliteFileReason(path) {
    const stats = (0,external_node_fs_.lstatSync)(path);
    if (!stats.isFile())
        return store_file_check_kindOf(stats);
    if (stats.size === 0)
        return 'it is an empty file';
    const head = Buffer.alloc(SQLITE_HEADER.length);
    // O_NOFOLLOW and O_NONBLOCK: what is read is the regular file just checked, never a link or a FIFO put there since.
    const fd = (0,external_node_fs_.openSync)(path, external_node_fs_.constants.O_RDONLY | external_node_fs_.constants.O_NOFOLLOW | external_node_fs_.constants.O_NONBLOCK);
    try {
        if (!(0,external_node_fs_.fstatSync)(fd).isFile())
            return 'it is not a regular file';
        const read = (0,external_node_fs_.readSync)(fd, head, 0, head.length, 0);
        return startsWithSqliteHeader(head.subarray(0, read)) ? null : 'it does not start with the SQLite header';
    }
    finally {
        (0,external_node_fs_.closeSync)(fd);
    }
}
/**
 * Why the run store may not be opened at `path` (the file is not ours), or null: a missing file is
 * fine (SQLite creates it), an existing one must be a SQLite file, and an existing side file a
 * regular file.
 */
function storeFileRefusal(path) {
    if (somethingAt(path)) {
        const reason = notSqliteFileReason(path);
        if (reason !== null)
            return reason;
    }
    for (const suffix of SQLITE_SIDE_FILES) {
        const side = `${path}${suffix}`;
        const stats = statsAt(side);
        if (stats !== null && !stats.isFile())
            return `its side file ${side} ${store_file_check_kindOf(stats).replace(/^it /, '')}`;
    }
    return null;
}
/** True when anything (a file, a directory, a dangling link) is at `path`. */
function somethingAt(path) {
    return statsAt(path) !== null;
}
function statsAt(path) {
    try {
        return (0,external_node_fs_.lstatSync)(path);
    }
    catch {
        return null;
    }
}
function store_file_check_kindOf(stats) {
    if (stats.isSymbolicLink())
        return 'it is a symbolic link';
    if (stats.isDirectory())
        return 'it is a directory';
    return 'it is not a regular file';
}

;// CONCATENATED MODULE: ./src/store/move-aside.ts
/**
 * Moves an unusable store file out of the way, with its WAL and shared-memory side files, as
 * `<name>.corrupt-<timestamp>` (and `-wal`, `-shm`), so a fresh store can take its place and the
 * old one stays for inspection. Never deletes anything, and never moves a file that is not a SQLite
 * file (store-file-check.ts): that one is not ours.
 */



function moveAside(path, nowMs) {
    const notOurs = somethingAt(path) ? notSqliteFileReason(path) : null;
    if (notOurs !== null)
        throw new StoreError('not-a-store', `${path} is not a TestMaster run store (${notOurs}); it was not moved aside`);
    const stamp = new Date(nowMs).toISOString().replace(/[:.]/g, '-');
    let target = `${path}.corrupt-${stamp}`;
    for (let n = 2; (0,external_node_fs_.existsSync)(target); n += 1)
        target = `${path}.corrupt-${stamp}-${String(n)}`;
    try {
        for (const suffix of ['-wal', '-shm']) {
            if ((0,external_node_fs_.existsSync)(path + suffix))
                (0,external_node_fs_.renameSync)(path + suffix, target + suffix);
        }
        if ((0,external_node_fs_.existsSync)(path))
            (0,external_node_fs_.renameSync)(path, target);
    }
    catch (error) {
        throw new StoreError('io', `cannot move the unusable run store ${path} aside (${error instanceof Error ? error.message : String(error)}); delete it by hand and rerun`, { cause: error });
    }
    return target;
}

;// CONCATENATED MODULE: ./src/report/report-schema.ts
/**
 * The JSON report's schema (schemaVersion 1) for consumers that read a report back (the comment step,
 * tests). Mirrors RunReport in types.ts. Timeline events are checked only for `type` and `atMs`, so
 * that stages can add event kinds without a schema change; unknown fields elsewhere are dropped.
 * The generation fields (proposed coverage, proposed files, possible bugs, budget, estimate) are
 * optional, so reports written before generation existed stay valid.
 */

const report_schema_count = schemas/* number */.aig().int().nonnegative();
const lineNumber = schemas/* number */.aig().int().positive();
const countsSchema = schemas/* object */.Ikc({ covered: report_schema_count, total: report_schema_count });
const metricsSchema = schemas/* object */.Ikc({
    lines: countsSchema,
    statements: countsSchema,
    functions: countsSchema,
    branches: countsSchema,
});
const patchMetricsSchema = schemas/* object */.Ikc({
    covered: report_schema_count,
    total: report_schema_count,
    partial: report_schema_count,
    missingLines: schemas/* array */.YOg(lineNumber),
    partialLines: schemas/* array */.YOg(lineNumber),
});
const headMetricsSchema = metricsSchema.extend({ patch: patchMetricsSchema });
const report_schema_usd = schemas/* number */.aig().nonnegative();
const moduleGenerationSchema = schemas/* object */.Ikc({
    outcome: schemas/* enum */.k5n(['kept', 'nothing-kept', 'failed', 'skipped-budget', 'skipped-covered', 'skipped']),
    reason: schemas/* string */.YjP().nullable(),
    turns: report_schema_count,
    llmCalls: report_schema_count,
    inputTokens: report_schema_count,
    outputTokens: report_schema_count,
    costUsd: report_schema_usd,
    promptTokens: report_schema_count.nullable(),
    provider: schemas/* enum */.k5n(['offline', 'model']).optional(),
    reused: schemas/* object */.Ikc({
        source: schemas/* enum */.k5n(['cache', 'resume']),
        fromRunId: schemas/* string */.YjP().min(1).nullable(),
        savedInputTokens: report_schema_count,
        savedOutputTokens: report_schema_count,
        savedCostUsd: report_schema_usd,
    })
        .optional(),
});
const fileReportSchema = schemas/* object */.Ikc({
    path: schemas/* string */.YjP().min(1),
    previousPath: schemas/* string */.YjP().min(1).nullable(),
    changeKind: schemas/* enum */.k5n(['added', 'modified', 'renamed', 'copied', 'type-changed']).optional(),
    packageDir: schemas/* string */.YjP(),
    framework: schemas/* enum */.k5n(['vitest', 'jest']).nullable(),
    changedLines: schemas/* array */.YOg(lineNumber),
    base: metricsSchema.nullable(),
    head: headMetricsSchema.nullable(),
    status: schemas/* enum */.k5n(['measured', 'failed']),
    reason: schemas/* string */.YjP().nullable(),
    relatedTests: schemas/* array */.YOg(schemas/* string */.YjP()),
    proposed: headMetricsSchema.nullable().optional(),
    generation: moduleGenerationSchema.nullable().optional(),
});
const proposedFileSchema = schemas/* object */.Ikc({
    path: schemas/* string */.YjP().min(1),
    forFile: schemas/* string */.YjP().min(1),
    framework: schemas/* enum */.k5n(['vitest', 'jest']),
    content: schemas/* string */.YjP(),
    sha256: schemas/* string */.YjP().regex(/^[0-9a-f]{64}$/, 'expected the SHA-256 of the content as 64 lowercase hex digits'),
    kept: schemas/* array */.YOg(schemas/* object */.Ikc({ name: schemas/* string */.YjP(), newLines: schemas/* array */.YOg(lineNumber), newBranchOutcomes: report_schema_count })),
    dropped: schemas/* array */.YOg(schemas/* object */.Ikc({ name: schemas/* string */.YjP(), reason: schemas/* string */.YjP() })),
    provider: schemas/* enum */.k5n(['offline', 'model']).optional(),
});
const possibleBugSchema = schemas/* object */.Ikc({
    file: schemas/* string */.YjP().min(1),
    testName: schemas/* string */.YjP(),
    failure: schemas/* string */.YjP(),
    evidence: schemas/* string */.YjP(),
});
const budgetReportSchema = schemas/* object */.Ikc({
    model: schemas/* string */.YjP(),
    inputTokens: report_schema_count,
    outputTokens: report_schema_count,
    costUsd: report_schema_usd,
    llmCalls: report_schema_count,
    limits: schemas/* object */.Ikc({
        maxCostUsd: report_schema_usd,
        maxTokens: report_schema_count.nullable(),
        maxLlmCalls: report_schema_count.nullable(),
        maxCostPerModuleUsd: report_schema_usd.nullable(),
    }),
    stoppedByBudget: schemas/* boolean */.zMY(),
    priceSource: schemas/* string */.YjP(),
});
const costEstimateSchema = schemas/* object */.Ikc({
    model: schemas/* string */.YjP(),
    modules: schemas/* array */.YOg(schemas/* object */.Ikc({ path: schemas/* string */.YjP().min(1), promptTokens: report_schema_count, llmCalls: report_schema_count, costUsd: report_schema_usd })),
    inputTokens: report_schema_count,
    outputTokens: report_schema_count,
    llmCalls: report_schema_count,
    costUsd: report_schema_usd,
    exceeds: schemas/* array */.YOg(schemas/* string */.YjP()),
});
const timelineEventSchema = schemas/* looseObject */._H3({ type: schemas/* string */.YjP().min(1), atMs: schemas/* number */.aig().nonnegative() });
const report_schema_runReportSchema = schemas/* object */.Ikc({
    schemaVersion: schemas/* literal */.euz(1),
    tool: schemas/* object */.Ikc({ name: schemas/* literal */.euz('testmaster'), version: schemas/* string */.YjP() }),
    base: schemas/* string */.YjP(),
    head: schemas/* string */.YjP(),
    baseRef: schemas/* string */.YjP(),
    headRef: schemas/* string */.YjP(),
    baseSource: schemas/* enum */.k5n(['worktree', 'file', 'none']),
    provider: schemas/* string */.YjP(),
    providerNote: schemas/* string */.YjP().nullable().optional(),
    coveredBy: schemas/* object */.Ikc({ offline: report_schema_count, model: report_schema_count }).nullable().optional(),
    startedAt: schemas/* string */.YjP(),
    finishedAt: schemas/* string */.YjP(),
    durationMs: schemas/* number */.aig().nonnegative(),
    patch: patchMetricsSchema,
    files: schemas/* array */.YOg(fileReportSchema),
    skipped: schemas/* array */.YOg(schemas/* object */.Ikc({ path: schemas/* string */.YjP(), reason: schemas/* string */.YjP() })),
    timeline: schemas/* array */.YOg(timelineEventSchema),
    proposedPatch: patchMetricsSchema.nullable().optional(),
    proposedFiles: schemas/* array */.YOg(proposedFileSchema).optional(),
    possibleBugs: schemas/* array */.YOg(possibleBugSchema).optional(),
    budget: budgetReportSchema.nullable().optional(),
    estimate: costEstimateSchema.nullable().optional(),
    isolation: schemas/* object */.Ikc({
        requested: schemas/* enum */.k5n(['auto', 'user', 'namespace', 'none']),
        level: schemas/* enum */.k5n(['user', 'namespace', 'none']),
        mechanism: schemas/* enum */.k5n(['root', 'sudo', 'user-namespace']).nullable(),
        sandboxUser: schemas/* string */.YjP().nullable(),
        network: schemas/* enum */.k5n(['none', 'loopback', 'host']),
        notes: schemas/* array */.YOg(schemas/* string */.YjP()),
    })
        .optional(),
    run: schemas/* object */.Ikc({
        id: schemas/* string */.YjP().min(1),
        resumed: schemas/* boolean */.zMY(),
        reusedFromCache: report_schema_count,
        reusedFromResume: report_schema_count,
        replayedCalls: report_schema_count,
        savedInputTokens: report_schema_count,
        savedOutputTokens: report_schema_count,
        savedCostUsd: report_schema_usd,
    })
        .nullable()
        .optional(),
});

;// CONCATENATED MODULE: ./src/store/stored-values.ts
/**
 * Zod schemas for values the store keeps that are shared by several tables: repository-relative
 * paths, SHA-256 digests, and proposed test files whose content still matches their digest (so an
 * edited stored file is caught on load, not applied).
 */




const sha256Hex = (text) => (0,external_node_crypto_.createHash)('sha256').update(text, 'utf8').digest('hex');
const digestSchema = schemas/* string */.YjP().regex(/^[0-9a-f]{64}$/, 'expected a SHA-256 as 64 lowercase hex digits');
/** A repository-relative POSIX path spelt safely (no traversal, no absolute path, no control characters). */
const repoPathSchema = schemas/* string */.YjP().superRefine((value, context) => {
    const problem = pathSpellingProblem(value);
    if (problem !== undefined)
        context.addIssue({ code: 'custom', message: `bad path ${JSON.stringify(value.slice(0, 80))}: ${problem}` });
});
const stored_values_count = schemas/* number */.aig().int().nonnegative();
/** A proposed test file whose path is spelt safely and whose sha256 is its content's. */
const verifiedProposedFileSchema = proposedFileSchema
    .extend({ path: repoPathSchema, forFile: repoPathSchema })
    .superRefine((file, context) => {
    if (sha256Hex(file.content) !== file.sha256) {
        context.addIssue({ code: 'custom', path: ['sha256'], message: `the content of ${file.path} does not match its sha256 (edited after it was validated)` });
    }
});

;// CONCATENATED MODULE: ./src/store/cache-entry.ts
/**
 * The cross-run cache's entries (pure): the key of a module's generation, and the validated value a
 * later run reuses with no model call (it re-validates the files against its own head).
 *
 * Key = SHA-256 over the module's content digest, the test framework and its version, the model,
 * the prompt version and the test file's path (as a JSON array, so no two inputs run together). A
 * zero-token generation uses `model: 'offline'` and the offline generator's version as the prompt
 * version. The key's inputs (content as its digest) are stored in the value, so a read recomputes the
 * key and refuses a value moved to another key.
 */



const CACHE_ENTRY_VERSION = 1;
const keyPartsSchema = schemas/* strictObject */.rej({
    contentSha256: digestSchema,
    framework: schemas/* enum */.k5n(['vitest', 'jest']),
    frameworkVersion: schemas/* string */.YjP().min(1),
    model: schemas/* string */.YjP().min(1),
    promptVersion: schemas/* string */.YjP().min(1),
    testPath: repoPathSchema,
});
function cacheKeyParts(input) {
    const { moduleContent, ...rest } = input;
    return { contentSha256: sha256Hex(moduleContent), ...rest };
}
function cacheKeyOf(parts) {
    return sha256Hex(JSON.stringify([parts.contentSha256, parts.framework, parts.frameworkVersion, parts.model, parts.promptVersion, parts.testPath]));
}
const cachedGenerationSchema = schemas/* strictObject */.rej({
    module: repoPathSchema,
    files: schemas/* array */.YOg(verifiedProposedFileSchema).min(1),
    coverage: headMetricsSchema.nullable(),
    generation: moduleGenerationSchema,
    sourceRunId: schemas/* string */.YjP().min(1).nullable(),
});
const cacheEntrySchema = schemas/* strictObject */.rej({
    version: schemas/* literal */.euz(CACHE_ENTRY_VERSION),
    keyParts: keyPartsSchema,
    value: cachedGenerationSchema,
})
    .superRefine((entry, context) => {
    const wrongModule = entry.value.files.find((file) => file.forFile !== entry.value.module);
    if (wrongModule)
        context.addIssue({ code: 'custom', path: ['value', 'files'], message: `${wrongModule.path} is for ${wrongModule.forFile}, not ${entry.value.module}` });
    if (!entry.value.files.some((file) => file.path === entry.keyParts.testPath)) {
        context.addIssue({ code: 'custom', path: ['keyParts', 'testPath'], message: `no cached file is at the keyed test path ${entry.keyParts.testPath}` });
    }
});

;// CONCATENATED MODULE: ./src/store/module-phases.ts
/**
 * The phases one module goes through in a run, and which step may follow which, as data (pure):
 *
 *   analysed -> head-measured -> base-measured -> generating(1) -> validated(1)
 *     -> generating(2) -> validated(2) ... -> kept | dropped | failed
 *
 * `attempt` counts generation attempts (the first answer, then each healing turn): generating(k) is
 * followed by validated(k); validated(k) by generating(k + 1) or an end; generating(k) may also be
 * followed by generating(k + 1) when attempt k produced nothing to validate (an unusable answer, or
 * a run interrupted mid-attempt). Any phase that is not an end may be followed by dropped (skipped:
 * budget, nothing uncovered, nothing kept) or failed. kept, dropped and failed are ends.
 */
const MODULE_PHASES = ['analysed', 'head-measured', 'base-measured', 'generating', 'validated', 'kept', 'dropped', 'failed'];
const END_PHASES = new Set(['kept', 'dropped', 'failed']);
/** Phases that carry an attempt number (>= 1); the others have none (null). */
const ATTEMPT_PHASES = new Set(['generating', 'validated']);
const OPEN_PHASES = MODULE_PHASES.filter((phase) => !END_PHASES.has(phase));
const MODULE_TRANSITIONS = [
    { from: null, to: 'analysed', attempt: 'none' },
    { from: 'analysed', to: 'head-measured', attempt: 'none' },
    { from: 'head-measured', to: 'base-measured', attempt: 'none' },
    { from: 'base-measured', to: 'generating', attempt: 'first' },
    { from: 'generating', to: 'validated', attempt: 'same' },
    { from: 'generating', to: 'generating', attempt: 'next' },
    { from: 'validated', to: 'generating', attempt: 'next' },
    { from: 'validated', to: 'kept', attempt: 'none' },
    ...OPEN_PHASES.flatMap((from) => [
        { from, to: 'dropped', attempt: 'none' },
        { from, to: 'failed', attempt: 'none' },
    ]),
];
function describePosition(position) {
    if (position === null)
        return 'no phase yet';
    return position.attempt === null ? position.phase : `${position.phase} (attempt ${String(position.attempt)})`;
}
function expectedAttempt(rule, current) {
    if (rule === 'none')
        return null;
    if (rule === 'first')
        return 1;
    const attempt = current?.attempt ?? 0;
    return rule === 'same' ? attempt : attempt + 1;
}
/** Null when `next` may follow `current`; else a short phrase saying why not (pure). */
function transitionProblem(current, next) {
    const from = current?.phase ?? null;
    const candidates = MODULE_TRANSITIONS.filter((transition) => transition.from === from && transition.to === next.phase);
    if (candidates.length === 0) {
        if (from !== null && END_PHASES.has(from))
            return `${from} is an end phase`;
        const allowed = [...new Set(MODULE_TRANSITIONS.filter((transition) => transition.from === from).map((transition) => transition.to))];
        return `after ${from ?? 'nothing'} comes ${allowed.join(' | ')}`;
    }
    const expected = candidates.map((transition) => expectedAttempt(transition.attempt, current));
    if (expected.includes(next.attempt))
        return null;
    const wanted = expected.map((attempt) => (attempt === null ? 'no attempt' : `attempt ${String(attempt)}`)).join(' or ');
    return `${next.phase} here needs ${wanted}, got ${next.attempt === null ? 'no attempt' : `attempt ${String(next.attempt)}`}`;
}

;// CONCATENATED MODULE: ./src/store/module-progress.ts
/**
 * A module's progress in a run, folded from its checkpoint rows (pure): where it stands now and
 * every state it passed through. The chain is checked again on load (steps 1..n with no gap, each
 * step an allowed transition from the one before), so rows edited out of order are caught.
 */

/** Null when the rows of one module (by step) form an allowed chain; else a short phrase. */
function chainProblem(rows) {
    let previous = null;
    for (const [index, row] of rows.entries()) {
        if (row.step !== index + 1)
            return `step ${String(row.step)} follows step ${String(index)}`;
        const problem = transitionProblem(previous, row.state);
        if (problem)
            return `step ${String(row.step)} goes from ${describePosition(previous)} to ${describePosition(row.state)} (${problem})`;
        previous = row.state;
    }
    return null;
}
/** Groups a run's rows (ordered by module, then step) into one progress per module. */
function groupProgress(rows) {
    const byModule = new Map();
    for (const row of rows) {
        const list = byModule.get(row.module) ?? [];
        list.push(row);
        byModule.set(row.module, list);
    }
    return [...byModule.entries()].map(([module, list]) => progressOf(module, list));
}
function progressOf(module, rows) {
    const last = rows[rows.length - 1];
    return { module, current: last.state, history: rows.map((row) => row.state), updatedAtMs: last.updatedAtMs, finished: END_PHASES.has(last.state.phase) };
}
/** The latest state the module had in `phase`, e.g. its head coverage once it is generating; null if it never was. */
function stateIn(progress, phase) {
    for (let index = progress.history.length - 1; index >= 0; index -= 1) {
        const state = progress.history[index];
        if (state.phase === phase)
            return state;
    }
    return null;
}

;// CONCATENATED MODULE: ./src/store/describe-issues.ts
function describeIssues(error) {
    const [first] = error.issues;
    if (!first)
        return 'invalid value';
    const where = first.path.length === 0 ? '' : `at ${first.path.map((part) => (typeof part === 'number' ? `[${String(part)}]` : String(part))).join('.').replace(/\.\[/g, '[')}: `;
    const more = error.issues.length > 1 ? ` (and ${String(error.issues.length - 1)} more)` : '';
    return `${where}${first.message.replace(/\s*\r?\n\s*/g, ' ')}${more}`;
}

;// CONCATENATED MODULE: ./src/store/json-column.ts


/** Validates `value` and returns the JSON text to store; `what` names it in the error, e.g. "state of src/a.ts". */
function encodeJson(schema, value, what) {
    const parsed = schema.safeParse(value);
    if (!parsed.success)
        throw new StoreError('invalid-input', `refused to store the ${what}: ${describeIssues(parsed.error)}; fix the value passed to the run store`);
    return JSON.stringify(parsed.data);
}
/** Parses stored JSON text and validates it; `where` names the row, e.g. "module_progress row src/a.ts #3". */
function decodeJson(schema, text, where) {
    let value;
    try {
        if (typeof text !== 'string')
            throw new Error(`expected text, got ${typeof text}`);
        value = JSON.parse(text);
    }
    catch (error) {
        throw new StoreError('invalid-row', `the run store's ${where} is not valid JSON (${error instanceof Error ? error.message : String(error)}); ${ROW_FIX}`, { cause: error });
    }
    return checkRow(schema, value, where);
}
/** Validates a row already read (columns, or parsed JSON). */
function checkRow(schema, value, where) {
    const parsed = schema.safeParse(value);
    if (!parsed.success)
        throw new StoreError('invalid-row', `the run store's ${where} fails validation (${describeIssues(parsed.error)}); ${ROW_FIX}`);
    return parsed.data;
}
const ROW_FIX = 'the store was damaged or edited: delete or move it to start fresh';

;// CONCATENATED MODULE: ./src/store/stored-file-coverage.ts

const stored_file_coverage_lineNumber = schemas/* number */.aig().int().nonnegative();
const column = schemas/* union */.KCZ([schemas/* number */.aig().nonnegative(), schemas/* literal */.euz(Infinity), schemas/* null */.chJ()]);
const position = schemas/* looseObject */._H3({ line: stored_file_coverage_lineNumber.optional(), column: column.optional() });
const stored_file_coverage_range = schemas/* looseObject */._H3({ start: position, end: position });
const stored_file_coverage_statementRange = stored_file_coverage_range.extend({ start: position.extend({ line: schemas/* number */.aig().int().positive() }) });
const functionMapping = schemas/* looseObject */._H3({
    name: schemas/* string */.YjP().optional(),
    decl: stored_file_coverage_range.optional(),
    loc: stored_file_coverage_range,
    line: stored_file_coverage_lineNumber.optional(),
});
const branchMapping = schemas/* looseObject */._H3({
    loc: stored_file_coverage_range.optional(),
    type: schemas/* string */.YjP().optional(),
    locations: schemas/* array */.YOg(stored_file_coverage_range).min(1),
    line: stored_file_coverage_lineNumber.optional(),
});
const hits = schemas/* number */.aig().nonnegative();
const idsOf = (record) => Object.keys(record).sort().join(',');
const fileCoverageSchema = schemas/* looseObject */._H3({
    path: schemas/* string */.YjP().min(1),
    statementMap: schemas/* record */.g1P(schemas/* string */.YjP(), stored_file_coverage_statementRange),
    fnMap: schemas/* record */.g1P(schemas/* string */.YjP(), functionMapping),
    branchMap: schemas/* record */.g1P(schemas/* string */.YjP(), branchMapping),
    s: schemas/* record */.g1P(schemas/* string */.YjP(), hits),
    f: schemas/* record */.g1P(schemas/* string */.YjP(), hits),
    b: schemas/* record */.g1P(schemas/* string */.YjP(), schemas/* array */.YOg(hits)),
})
    .superRefine((data, context) => {
    for (const [counters, map] of [['s', 'statementMap'], ['f', 'fnMap'], ['b', 'branchMap']]) {
        if (idsOf(data[counters]) !== idsOf(data[map])) {
            context.addIssue({ code: 'custom', path: [counters], message: `the ids of ${counters} are not those of ${map}` });
        }
    }
});

;// CONCATENATED MODULE: ./src/store/stored-measurement.ts






const MEASUREMENT_SIDES = ['head', 'base'];
const STORED_MEASUREMENT_VERSION = 1;
const packageDirSchema = schemas/* union */.KCZ([schemas/* literal */.euz(''), repoPathSchema]);
const sourceSchema = schemas/* enum */.k5n(['worktree', 'file', 'none']).nullable();
const testFilesSchema = schemas/* array */.YOg(schemas/* string */.YjP().min(1));
const failureSchema = schemas/* string */.YjP().min(1);
/** Each file's coverage names its own key as its path. */
function checkFilePaths(coverage, context) {
    for (const [key, data] of coverage.files) {
        if (data.path !== key)
            context.addIssue({ code: 'custom', path: ['files'], message: `the coverage of ${key} names another path (${JSON.stringify(String(data.path).slice(0, 80))})` });
    }
}
/** The value as the caller passes it (with Maps), checked before it is encoded. */
const measurementSchema = schemas/* strictObject */.rej({
    source: sourceSchema,
    coverage: schemas/* strictObject */.rej({
        files: schemas/* map */.TjK(repoPathSchema, fileCoverageSchema),
        failures: schemas/* map */.TjK(packageDirSchema, failureSchema),
        testsByPackage: schemas/* map */.TjK(packageDirSchema, testFilesSchema),
        failedCasesByPackage: schemas/* map */.TjK(packageDirSchema, stored_values_count),
    })
        .superRefine(checkFilePaths)
        .nullable(),
});
/** A Map stored as an array of [key, value] entries with no key twice, rebuilt as a Map. */
function entriesOf(key, value) {
    return schemas/* array */.YOg(schemas/* tuple */.PVZ([key, value]))
        .superRefine((entries, context) => {
        const seen = new Set();
        for (const [index, [name]] of entries.entries()) {
            if (seen.has(name))
                context.addIssue({ code: 'custom', path: [index, 0], message: `${JSON.stringify(name)} appears twice` });
            seen.add(name);
        }
    })
        .transform((entries) => new Map(entries));
}
/** The stored JSON, turned back into the caller's shape (Maps) when it passes. */
const storedMeasurementSchema = schemas/* strictObject */.rej({
    version: schemas/* literal */.euz(STORED_MEASUREMENT_VERSION),
    source: sourceSchema,
    coverage: schemas/* strictObject */.rej({
        files: entriesOf(repoPathSchema, fileCoverageSchema),
        failures: entriesOf(packageDirSchema, failureSchema),
        testsByPackage: entriesOf(packageDirSchema, testFilesSchema),
        failedCasesByPackage: entriesOf(packageDirSchema, stored_values_count),
    })
        .superRefine(checkFilePaths)
        .nullable(),
}).transform(({ source, coverage }) => ({ source, coverage }));
/** Validates `value` and returns the JSON text to store; `what` names it in the error. */
function encodeMeasurement(value, what) {
    const parsed = measurementSchema.safeParse(value);
    if (!parsed.success)
        throw new StoreError('invalid-input', `refused to store the ${what}: ${describeIssues(parsed.error)}; fix the value passed to the run store`);
    const { source, coverage } = parsed.data;
    return JSON.stringify({
        version: STORED_MEASUREMENT_VERSION,
        source,
        coverage: coverage === null
            ? null
            : {
                files: [...coverage.files],
                failures: [...coverage.failures],
                testsByPackage: [...coverage.testsByPackage],
                failedCasesByPackage: [...coverage.failedCasesByPackage],
            },
    });
}
/** Parses and validates stored JSON text, rebuilding the Maps; StoreError 'invalid-row' when it fails. */
function decodeMeasurement(text, where) {
    return decodeJson(storedMeasurementSchema, text, where);
}

;// CONCATENATED MODULE: ./src/store/run-store.ts







class RunStore {
    path;
    recovery;
    #db;
    #tables;
    #now;
    #warn;
    constructor(db, tables, path, recovery, hooks = {}) {
        this.#db = db;
        this.#tables = tables;
        this.path = path;
        this.recovery = recovery;
        this.#now = hooks.now ?? Date.now;
        this.#warn = hooks.onWarning ?? (() => undefined);
    }
    /** Starts a run (status running) and returns it with its new id. */
    createRun(run) {
        return this.#tables.runs.insert(run, this.#now());
    }
    getRun(id) {
        return this.#tables.runs.get(id);
    }
    /** The latest run of this repository and commit pair that is running (crashed) or interrupted, else null. */
    findResumableRun(repoDir, base, head) {
        return this.#tables.runs.latestResumable(repoDir, base, head);
    }
    /** Changes a run's status (running -> interrupted | completed | failed; interrupted -> running to resume). */
    markRun(id, status) {
        return inTransaction(this.#db, () => this.#tables.runs.setStatus(id, status, this.#now()));
    }
    /**
     * Records that `module` reached `next`, with the ledger state and events given, in one
     * transaction. Throws StoreError ('transition') when `next` does not follow the stored state.
     */
    checkpoint(runId, module, next, extras = {}) {
        const path = repoPathSchema.safeParse(module);
        if (!path.success)
            throw new StoreError('invalid-input', `refused to checkpoint module ${JSON.stringify(module)}: it is not a repository-relative path; pass the module's path`);
        const tables = this.#tables;
        inTransaction(this.#db, () => {
            const run = tables.runs.require(runId, `checkpoint ${module}`);
            if (run.status !== 'running') {
                throw new StoreError('transition', `cannot checkpoint ${module} in run ${runId}: the run is ${run.status}; mark it running to resume it, or start a new run`);
            }
            const json = tables.progress.encode(module, next);
            const latest = tables.progress.latest(runId, module);
            const current = latest?.state ?? null;
            const problem = transitionProblem(current, next);
            if (problem) {
                throw new StoreError('transition', `module ${module} cannot go from ${describePosition(current)} to ${describePosition(next)} in run ${runId} (${problem}); the caller's step does not fit the stored progress: resume from moduleStates() or start a new run`);
            }
            const nowMs = this.#now();
            tables.progress.insert(runId, module, (latest?.step ?? 0) + 1, next, json, nowMs);
            if (extras.ledger !== undefined)
                tables.ledger.save(runId, extras.ledger, nowMs);
            if (extras.events !== undefined && extras.events.length > 0)
                tables.events.append(runId, extras.events);
            tables.runs.touch(runId, nowMs);
        });
    }
    /** One module's progress in a run, or null before its first checkpoint. */
    moduleState(runId, module) {
        const rows = this.#tables.progress.forModule(runId, module);
        return rows.length === 0 ? null : progressOf(module, rows);
    }
    /** Every module's progress in a run, by module path. */
    moduleStates(runId) {
        return groupProgress(this.#tables.progress.forRun(runId));
    }
    saveLedger(runId, state) {
        inTransaction(this.#db, () => {
            this.#tables.runs.require(runId, 'save the budget ledger');
            this.#tables.ledger.save(runId, state, this.#now());
        });
    }
    /** The run's last saved ledger state, or null when none was saved. */
    loadLedger(runId) {
        return this.#tables.ledger.load(runId);
    }
    /**
     * Records the answer the model gave to the call keyed `key` (a SHA-256 as 64 lowercase hex digits,
     * computed by the caller), replacing an earlier one under that key, and, when given, the ledger
     * state, in one transaction: both land or neither. The run must exist.
     */
    recordAnswer(runId, key, reply, extras = {}) {
        checkAnswerKey(key);
        inTransaction(this.#db, () => {
            this.#tables.runs.require(runId, 'record a model answer');
            const nowMs = this.#now();
            this.#tables.answers.write(runId, key, reply, nowMs);
            if (extras.ledger !== undefined)
                this.#tables.ledger.save(runId, extras.ledger, nowMs);
        });
    }
    /** The answer recorded under `key` in the run, or null. One that fails validation is reported through onWarning and treated as missing. */
    findAnswer(runId, key) {
        checkAnswerKey(key);
        const read = this.#tables.answers.read(runId, key);
        if (read.kind === 'invalid')
            this.#warn(`ignored an invalid model answer and treated it as missing: ${read.reason}`);
        return read.kind === 'hit' ? read.reply : null;
    }
    /** Stores the run's measurement of one side, replacing an earlier one. The run must exist. */
    saveMeasurement(runId, side, value) {
        checkSide(side);
        inTransaction(this.#db, () => {
            this.#tables.runs.require(runId, `save the ${side} measurement`);
            this.#tables.measurements.write(runId, side, value, this.#now());
        });
    }
    /** The run's measurement of one side (Maps rebuilt), or null. One that fails validation is reported through onWarning and treated as missing. */
    loadMeasurement(runId, side) {
        checkSide(side);
        const read = this.#tables.measurements.read(runId, side);
        if (read.kind === 'invalid')
            this.#warn(`ignored an invalid ${side} measurement and treated it as missing: ${read.reason}`);
        return read.kind === 'hit' ? read.value : null;
    }
    /** Appends a batch of events after the run's last one, all or none; returns the last seq. */
    appendEvents(runId, events) {
        return inTransaction(this.#db, () => {
            this.#tables.runs.require(runId, 'append events');
            return this.#tables.events.append(runId, events);
        });
    }
    /** The run's events in the order they were appended. */
    loadEvents(runId) {
        return this.#tables.events.load(runId);
    }
    /**
     * The cached generation for these inputs, re-validated, or null. A row that fails validation is
     * deleted, reported through onWarning, and treated as a miss.
     */
    cacheGet(input) {
        const key = cacheKeyOf(cacheKeyParts(input));
        const read = inTransaction(this.#db, () => this.#tables.cache.read(key, this.#now()));
        if (read.kind === 'invalid')
            this.#warn(`dropped an invalid cache entry and treated it as a miss: ${read.reason}`);
        return read.kind === 'hit' ? read.entry.value : null;
    }
    /** Stores a module's validated generation under the key of these inputs; returns the key. */
    cachePut(input, value) {
        const entry = { version: CACHE_ENTRY_VERSION, keyParts: cacheKeyParts(input), value };
        return inTransaction(this.#db, () => this.#tables.cache.write(entry, this.#now()));
    }
    /** Deletes cache entries not used since `usedBeforeMs`; returns how many. */
    pruneCache(usedBeforeMs) {
        return inTransaction(this.#db, () => this.#tables.cache.prune(usedBeforeMs));
    }
    /** Deletes all but the `keep` most recent runs (with their progress, ledger, events, answers and measurements); returns how many went. */
    pruneRuns(keep) {
        if (!Number.isSafeInteger(keep) || keep < 0)
            throw new StoreError('invalid-input', `pruneRuns needs a whole number of runs to keep, got ${String(keep)}`);
        return inTransaction(this.#db, () => {
            const statement = this.#db.prepare('DELETE FROM runs WHERE id NOT IN (SELECT id FROM runs ORDER BY created_at DESC, rowid DESC LIMIT ?)');
            return Number(statement.run(keep).changes);
        });
    }
    /** Folds the write-ahead log into the file (so the file alone is the whole store, e.g. for @actions/cache) and closes. */
    close() {
        if (!this.#db.isOpen)
            return;
        this.#db.exec('PRAGMA optimize');
        this.#db.exec('PRAGMA wal_checkpoint(TRUNCATE)');
        this.#db.close();
    }
}
function checkAnswerKey(key) {
    if (!digestSchema.safeParse(key).success) {
        throw new StoreError('invalid-input', `a model answer's key must be a SHA-256 as 64 lowercase hex digits, got ${JSON.stringify(String(key).slice(0, 80))}; pass the key the caller computed`);
    }
}
function checkSide(side) {
    if (!MEASUREMENT_SIDES.includes(side)) {
        throw new StoreError('invalid-input', `a measurement's side must be 'head' or 'base', got ${JSON.stringify(String(side).slice(0, 80))}; pass one of them`);
    }
}

;// CONCATENATED MODULE: ./src/store/stored-reply.ts
/**
 * The zod schema of a model answer as the store keeps it (ModelReply of src/model/model-client.ts),
 * checked when an answer is recorded and again when it is read back for a resumed run: a reply that
 * fails it is never replayed. Strict: an unknown field is refused.
 */


const modelReplySchema = schemas/* strictObject */.rej({
    content: schemas/* string */.YjP(),
    refusal: schemas/* string */.YjP().nullable(),
    finishReason: schemas/* string */.YjP().nullable(),
    usage: schemas/* strictObject */.rej({ promptTokens: stored_values_count, completionTokens: stored_values_count }).nullable(),
    attempts: schemas/* number */.aig().int().min(1),
    model: schemas/* string */.YjP().min(1),
    structuredOutput: schemas/* enum */.k5n(['used', 'rejected', 'not-requested']),
});

;// CONCATENATED MODULE: ./src/store/answers-table.ts



/** A run's answer by key (primary key). */
const ANSWER_GET_SQL = 'SELECT reply FROM model_answers WHERE run_id = ? AND key = ?';
class AnswersTable {
    #get;
    #put;
    constructor(db) {
        this.#get = db.prepare(ANSWER_GET_SQL);
        this.#put = db.prepare('INSERT INTO model_answers (run_id, key, reply, created_at) VALUES (?, ?, ?, ?) ON CONFLICT (run_id, key) DO UPDATE SET reply = excluded.reply, created_at = excluded.created_at');
    }
    /** Validates and stores (replacing an earlier answer under the same key); call inside a transaction with the run checked. */
    write(runId, key, reply, nowMs) {
        this.#put.run(runId, key, encodeJson(modelReplySchema, reply, `model answer ${key.slice(0, 12)} of run ${runId}`), nowMs);
    }
    read(runId, key) {
        const row = this.#get.get(runId, key);
        if (row === undefined)
            return { kind: 'miss' };
        try {
            return { kind: 'hit', reply: decodeJson(modelReplySchema, row.reply, `model answer ${key.slice(0, 12)} of run ${runId}`) };
        }
        catch (error) {
            if (!isStoreError(error))
                throw error;
            return { kind: 'invalid', reason: error.message };
        }
    }
}

;// CONCATENATED MODULE: ./src/store/cache-table.ts



/** A cache row by key (primary key). */
const CACHE_GET_SQL = 'SELECT module, value FROM cache_entries WHERE key = ?';
class CacheTable {
    #get;
    #put;
    #touch;
    #delete;
    #prune;
    constructor(db) {
        this.#get = db.prepare(CACHE_GET_SQL);
        this.#put = db.prepare('INSERT INTO cache_entries (key, module, value, created_at, used_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT (key) DO UPDATE SET module = excluded.module, value = excluded.value, created_at = excluded.created_at, used_at = excluded.used_at');
        this.#touch = db.prepare('UPDATE cache_entries SET used_at = ? WHERE key = ?');
        this.#delete = db.prepare('DELETE FROM cache_entries WHERE key = ?');
        this.#prune = db.prepare('DELETE FROM cache_entries WHERE used_at < ?');
    }
    /** Reads and re-validates; an invalid row is deleted. */
    read(key, nowMs) {
        const row = this.#get.get(key);
        if (row === undefined)
            return { kind: 'miss' };
        try {
            const entry = decodeJson(cacheEntrySchema, row.value, `cache entry ${key.slice(0, 12)}`);
            if (cacheKeyOf(entry.keyParts) !== key)
                return this.#drop(key, `cache entry ${key.slice(0, 12)} was stored under another key than its inputs give`);
            if (entry.value.module !== row.module)
                return this.#drop(key, `cache entry ${key.slice(0, 12)} names module ${entry.value.module} but its row says ${String(row.module)}`);
            this.#touch.run(nowMs, key);
            return { kind: 'hit', entry };
        }
        catch (error) {
            if (!isStoreError(error))
                throw error;
            return this.#drop(key, error.message);
        }
    }
    write(entry, nowMs) {
        const json = encodeJson(cacheEntrySchema, entry, 'cache entry');
        const key = cacheKeyOf(entry.keyParts);
        this.#put.run(key, entry.value.module, json, nowMs, nowMs);
        return key;
    }
    /** Deletes entries not used since `usedBeforeMs`; returns how many. */
    prune(usedBeforeMs) {
        return Number(this.#prune.run(usedBeforeMs).changes);
    }
    #drop(key, reason) {
        this.#delete.run(key);
        return { kind: 'invalid', reason };
    }
}

;// CONCATENATED MODULE: ./src/store/events-table.ts


/** A run's events in order (primary key). */
const RUN_EVENTS_SQL = 'SELECT seq, event FROM events WHERE run_id = ? ORDER BY seq';
class EventsTable {
    #lastSeq;
    #insert;
    #load;
    #all;
    constructor(db) {
        this.#lastSeq = db.prepare('SELECT max(seq) AS seq FROM events WHERE run_id = ?');
        this.#insert = db.prepare('INSERT INTO events (run_id, seq, event) VALUES (?, ?, ?)');
        this.#load = db.prepare(RUN_EVENTS_SQL);
        this.#all = db.prepare('SELECT run_id, seq, event FROM events');
    }
    /** Appends after the run's last event; call inside a transaction so a batch lands whole. Returns the last seq. */
    append(runId, events) {
        const encoded = events.map((event, index) => encodeJson(timelineEventSchema, event, `event #${String(index + 1)} of the batch for run ${runId}`));
        let seq = Number(this.#lastSeq.get(runId)?.seq ?? 0);
        for (const json of encoded) {
            seq += 1;
            this.#insert.run(runId, seq, json);
        }
        return seq;
    }
    load(runId) {
        return this.#load.all(runId).map((row) => decodeJson(timelineEventSchema, row.event, `event #${String(row.seq)} of run ${runId}`));
    }
    validateAll() {
        let rows = 0;
        for (const row of this.#all.iterate()) {
            decodeJson(timelineEventSchema, row.event, `event #${String(row.seq)} of run ${String(row.run_id)}`);
            rows += 1;
        }
        return rows;
    }
}

;// CONCATENATED MODULE: ./src/store/ledger-table.ts


class LedgerTable {
    #save;
    #load;
    #all;
    constructor(db) {
        this.#save = db.prepare('INSERT INTO ledger_snapshots (run_id, saved_at, state) VALUES (?, ?, ?) ON CONFLICT (run_id) DO UPDATE SET saved_at = excluded.saved_at, state = excluded.state');
        this.#load = db.prepare('SELECT state FROM ledger_snapshots WHERE run_id = ?');
        this.#all = db.prepare('SELECT run_id, state FROM ledger_snapshots');
    }
    save(runId, state, nowMs) {
        this.#save.run(runId, nowMs, encodeJson(ledgerStateSchema, state, `budget ledger of run ${runId}`));
    }
    load(runId) {
        const row = this.#load.get(runId);
        return row === undefined ? null : decodeJson(ledgerStateSchema, row.state, `budget ledger of run ${runId}`);
    }
    validateAll() {
        let rows = 0;
        for (const row of this.#all.iterate()) {
            decodeJson(ledgerStateSchema, row.state, `budget ledger of run ${String(row.run_id)}`);
            rows += 1;
        }
        return rows;
    }
}

;// CONCATENATED MODULE: ./src/store/measurements-table.ts


/** A run's measurement of one side (primary key). */
const MEASUREMENT_GET_SQL = 'SELECT value FROM measurements WHERE run_id = ? AND side = ?';
class MeasurementsTable {
    #get;
    #put;
    constructor(db) {
        this.#get = db.prepare(MEASUREMENT_GET_SQL);
        this.#put = db.prepare('INSERT INTO measurements (run_id, side, value, saved_at) VALUES (?, ?, ?, ?) ON CONFLICT (run_id, side) DO UPDATE SET value = excluded.value, saved_at = excluded.saved_at');
    }
    /** Validates and stores (replacing the side's earlier measurement); call inside a transaction with the run checked. */
    write(runId, side, value, nowMs) {
        this.#put.run(runId, side, encodeMeasurement(value, `${side} measurement of run ${runId}`), nowMs);
    }
    read(runId, side) {
        const row = this.#get.get(runId, side);
        if (row === undefined)
            return { kind: 'miss' };
        try {
            return { kind: 'hit', value: decodeMeasurement(row.value, `${side} measurement of run ${runId}`) };
        }
        catch (error) {
            if (!isStoreError(error))
                throw error;
            return { kind: 'invalid', reason: error.message };
        }
    }
}

;// CONCATENATED MODULE: ./src/store/module-state.ts
/**
 * What is stored for a module at each phase (see module-phases.ts), as one zod schema per phase: a
 * checkpoint's state is validated with it when saved and again when loaded. Each state carries
 * what a resumed run needs so it does not repeat that phase; the end phases (kept, dropped, failed)
 * carry the module's whole outcome (ModuleOutcome), so a finished module is reported from its state.
 */



const attemptNumber = schemas/* number */.aig().int().positive();
const module_state_lineNumber = schemas/* number */.aig().int().positive();
const analysedSchema = schemas/* strictObject */.rej({
    phase: schemas/* literal */.euz('analysed'),
    attempt: schemas/* null */.chJ(),
    data: schemas/* strictObject */.rej({ packageDir: schemas/* string */.YjP(), framework: schemas/* enum */.k5n(['vitest', 'jest']).nullable(), changedLines: schemas/* array */.YOg(module_state_lineNumber), contentSha256: digestSchema }),
});
const headMeasuredSchema = schemas/* strictObject */.rej({
    phase: schemas/* literal */.euz('head-measured'),
    attempt: schemas/* null */.chJ(),
    data: schemas/* strictObject */.rej({ head: headMetricsSchema, relatedTests: schemas/* array */.YOg(repoPathSchema) }),
});
const baseMeasuredSchema = schemas/* strictObject */.rej({
    phase: schemas/* literal */.euz('base-measured'),
    attempt: schemas/* null */.chJ(),
    data: schemas/* strictObject */.rej({ base: metricsSchema.nullable(), source: schemas/* enum */.k5n(['worktree', 'file', 'none']) }),
});
const generatingSchema = schemas/* strictObject */.rej({
    phase: schemas/* literal */.euz('generating'),
    attempt: attemptNumber,
    data: schemas/* strictObject */.rej({ generator: schemas/* enum */.k5n(['offline', 'model']) }),
});
const validatedSchema = schemas/* strictObject */.rej({
    phase: schemas/* literal */.euz('validated'),
    attempt: attemptNumber,
    data: schemas/* strictObject */.rej({ verdict: schemas/* enum */.k5n(['kept', 'nothing-kept', 'file-failed']), kept: stored_values_count, dropped: stored_values_count }),
});
const coveredBySchema = schemas/* strictObject */.rej({ offline: stored_values_count, model: stored_values_count });
/** The module's whole outcome; `minFiles` 1 for kept (a kept module has a file), 0 for dropped/failed. */
const outcomeSchema = (minFiles) => schemas/* strictObject */.rej({
    generation: moduleGenerationSchema,
    files: schemas/* array */.YOg(verifiedProposedFileSchema).min(minFiles),
    proposed: headMetricsSchema.nullable(),
    coveredBy: coveredBySchema,
    possibleBugs: schemas/* array */.YOg(possibleBugSchema),
});
const keptSchema = schemas/* strictObject */.rej({
    phase: schemas/* literal */.euz('kept'),
    attempt: schemas/* null */.chJ(),
    data: schemas/* strictObject */.rej({ outcome: outcomeSchema(1) }),
});
const droppedSchema = schemas/* strictObject */.rej({
    phase: schemas/* literal */.euz('dropped'),
    attempt: schemas/* null */.chJ(),
    data: schemas/* strictObject */.rej({ outcome: outcomeSchema(0) }),
});
const failedSchema = schemas/* strictObject */.rej({
    phase: schemas/* literal */.euz('failed'),
    attempt: schemas/* null */.chJ(),
    data: schemas/* strictObject */.rej({ outcome: outcomeSchema(0) }),
});
const moduleStateSchema = schemas/* discriminatedUnion */.gMt('phase', [
    analysedSchema,
    headMeasuredSchema,
    baseMeasuredSchema,
    generatingSchema,
    validatedSchema,
    keptSchema,
    droppedSchema,
    failedSchema,
]);

;// CONCATENATED MODULE: ./src/store/progress-table.ts





const rowSchema = schemas/* object */.Ikc({
    module: schemas/* string */.YjP().min(1),
    step: schemas/* number */.aig().int().positive(),
    phase: schemas/* enum */.k5n(MODULE_PHASES),
    attempt: schemas/* number */.aig().int().positive().nullable(),
    state: schemas/* string */.YjP(),
    updated_at: schemas/* number */.aig().int().nonnegative(),
});
const COLUMNS = 'module, step, phase, attempt, state, updated_at';
/** A module's latest checkpoint in a run (primary key). */
const LATEST_PROGRESS_SQL = `SELECT ${COLUMNS} FROM module_progress WHERE run_id = ? AND module = ? ORDER BY step DESC LIMIT 1`;
/** A module's checkpoints in a run, in order (primary key). */
const MODULE_PROGRESS_SQL = `SELECT ${COLUMNS} FROM module_progress WHERE run_id = ? AND module = ? ORDER BY step`;
/** A run's checkpoints, by module then step (primary key). */
const RUN_PROGRESS_SQL = `SELECT ${COLUMNS} FROM module_progress WHERE run_id = ? ORDER BY module, step`;
class ProgressTable {
    #latest;
    #forModule;
    #insert;
    #forRun;
    #all;
    constructor(db) {
        this.#latest = db.prepare(LATEST_PROGRESS_SQL);
        this.#forModule = db.prepare(MODULE_PROGRESS_SQL);
        this.#insert = db.prepare('INSERT INTO module_progress (run_id, module, step, phase, attempt, state, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)');
        this.#forRun = db.prepare(RUN_PROGRESS_SQL);
        this.#all = db.prepare('SELECT run_id, module, step, phase, attempt, state, updated_at FROM module_progress ORDER BY run_id, module, step');
    }
    latest(runId, module) {
        const row = this.#latest.get(runId, module);
        return row === undefined ? null : toProgressRow(row, runId);
    }
    /** Validates `state` and returns it as JSON text for insert(). */
    encode(module, state) {
        return encodeJson(moduleStateSchema, state, `state of ${module} at ${String(state?.phase)}`);
    }
    /** Stores an encoded state as the module's step `step`. */
    insert(runId, module, step, state, json, nowMs) {
        this.#insert.run(runId, module, step, state.phase, state.attempt, json, nowMs);
    }
    /** Every row of one module in a run, by step. */
    forModule(runId, module) {
        return this.#forModule.all(runId, module).map((row) => toProgressRow(row, runId));
    }
    /** Every row of a run, by module then step. */
    forRun(runId) {
        return this.#forRun.all(runId).map((row) => toProgressRow(row, runId));
    }
    /** Every row of every run, grouped by run (used when the store is opened). */
    *allRows() {
        for (const row of this.#all.iterate()) {
            const runId = String(row.run_id);
            yield { runId, row: toProgressRow(row, runId) };
        }
    }
}
function toProgressRow(raw, runId) {
    const where = `module_progress row ${String(raw.module)} #${String(raw.step)} of run ${runId}`;
    const row = checkRow(rowSchema, raw, where);
    const state = decodeJson(moduleStateSchema, row.state, where);
    if (state.phase !== row.phase || state.attempt !== row.attempt) {
        const columns = describePosition({ phase: row.phase, attempt: row.attempt });
        throw new StoreError('invalid-row', `the run store's ${where} says ${columns} in its columns but ${describePosition(state)} in its state; ${ROW_FIX}`);
    }
    return { module: row.module, step: row.step, state, updatedAtMs: row.updated_at };
}

;// CONCATENATED MODULE: ./src/store/run-record.ts
/**
 * A run as the store keeps it, and which status may follow which, as data (pure). A run is
 * 'running' until it ends; an interruption (SIGINT/SIGTERM) marks it 'interrupted'; a crash leaves
 * it 'running'. Both are resumable; 'completed' and 'failed' are ends.
 */

const RUN_STATUSES = ['running', 'interrupted', 'completed', 'failed'];
const RESUMABLE_STATUSES = ['running', 'interrupted'];
const RUN_STATUS_TRANSITIONS = {
    running: ['running', 'interrupted', 'completed', 'failed'],
    interrupted: ['running', 'failed'],
    completed: [],
    failed: [],
};
const run_record_text = schemas/* string */.YjP().min(1);
const millis = schemas/* number */.aig().int().nonnegative();
const newRunSchema = schemas/* strictObject */.rej({
    repoDir: run_record_text,
    base: run_record_text,
    head: run_record_text,
    configFingerprint: run_record_text,
    provider: run_record_text,
    model: run_record_text.nullable(),
});
/** A `runs` row as SQLite returns it (snake_case columns). */
const runRowSchema = schemas/* object */.Ikc({
    id: run_record_text,
    repo_dir: run_record_text,
    base: run_record_text,
    head: run_record_text,
    config_fingerprint: run_record_text,
    provider: run_record_text,
    model: run_record_text.nullable(),
    status: schemas/* enum */.k5n(RUN_STATUSES),
    created_at: millis,
    updated_at: millis,
})
    .transform((row) => ({
    id: row.id,
    repoDir: row.repo_dir,
    base: row.base,
    head: row.head,
    configFingerprint: row.config_fingerprint,
    provider: row.provider,
    model: row.model,
    status: row.status,
    createdAtMs: row.created_at,
    updatedAtMs: row.updated_at,
}));
/** Null when a run may go from `from` to `to`; else a short phrase (pure). */
function runStatusProblem(from, to) {
    const allowed = RUN_STATUS_TRANSITIONS[from];
    if (allowed.includes(to))
        return null;
    return allowed.length === 0 ? `${from} is an end status` : `after ${from} comes ${allowed.join(' | ')}`;
}

;// CONCATENATED MODULE: ./src/store/runs-table.ts
/**
 * The `runs` table: create a run, read one, find the latest resumable run of a repo+base+head
 * (index runs_resumable), change a run's status along RUN_STATUS_TRANSITIONS. Rows are validated
 * when read.
 */





const RESUMABLE = RESUMABLE_STATUSES.map((status) => `'${status}'`).join(', ');
/** The latest resumable run of a repo+base+head (index runs_resumable; its rowid breaks ties of created_at). */
const RESUMABLE_RUN_SQL = `SELECT * FROM runs WHERE repo_dir = ? AND base = ? AND head = ? AND status IN (${RESUMABLE}) ORDER BY created_at DESC, rowid DESC LIMIT 1`;
class RunsTable {
    #insert;
    #get;
    #resumable;
    #setStatus;
    #touch;
    #all;
    constructor(db) {
        this.#insert = db.prepare('INSERT INTO runs (id, repo_dir, base, head, config_fingerprint, provider, model, status, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)');
        this.#get = db.prepare('SELECT * FROM runs WHERE id = ?');
        this.#resumable = db.prepare(RESUMABLE_RUN_SQL);
        this.#setStatus = db.prepare('UPDATE runs SET status = ?, updated_at = ? WHERE id = ?');
        this.#touch = db.prepare('UPDATE runs SET updated_at = ? WHERE id = ?');
        this.#all = db.prepare('SELECT * FROM runs');
    }
    insert(input, nowMs) {
        const parsed = newRunSchema.safeParse(input);
        if (!parsed.success)
            throw new StoreError('invalid-input', `refused to create a run: ${describeIssues(parsed.error)}; fix the run's details`);
        const run = { ...parsed.data, id: (0,external_node_crypto_.randomUUID)(), status: 'running', createdAtMs: nowMs, updatedAtMs: nowMs };
        this.#insert.run(run.id, run.repoDir, run.base, run.head, run.configFingerprint, run.provider, run.model, run.status, nowMs, nowMs);
        return run;
    }
    get(id) {
        const row = this.#get.get(id);
        return row === undefined ? null : checkRow(runRowSchema, row, `run ${id}`);
    }
    /** The run that must exist (and, with `status`, have it) for a write to go ahead. */
    require(id, action) {
        const run = this.get(id);
        if (!run)
            throw new StoreError('not-found', `cannot ${action}: no run ${id} in the run store; create the run first or pass an id from createRun/findResumableRun`);
        return run;
    }
    latestResumable(repoDir, base, head) {
        const row = this.#resumable.get(repoDir, base, head);
        return row === undefined ? null : checkRow(runRowSchema, row, `run ${String(row.id)}`);
    }
    setStatus(id, status, nowMs) {
        const run = this.require(id, `mark a run ${status}`);
        const problem = runStatusProblem(run.status, status);
        if (problem)
            throw new StoreError('transition', `run ${id} cannot go from ${run.status} to ${status}: ${problem}; start a new run instead`);
        this.#setStatus.run(status, nowMs, id);
        return { ...run, status, updatedAtMs: nowMs };
    }
    touch(id, nowMs) {
        this.#touch.run(nowMs, id);
    }
    /** Every run, validated (used when the store is opened). */
    validateAll() {
        let rows = 0;
        for (const row of this.#all.iterate()) {
            checkRow(runRowSchema, row, `run ${String(row.id)}`);
            rows += 1;
        }
        return rows;
    }
}

;// CONCATENATED MODULE: ./src/store/store-tables.ts










function createStoreTables(db) {
    return {
        runs: new RunsTable(db),
        progress: new ProgressTable(db),
        ledger: new LedgerTable(db),
        events: new EventsTable(db),
        cache: new CacheTable(db),
        answers: new AnswersTable(db),
        measurements: new MeasurementsTable(db),
    };
}
/** Validates every run, checkpoint chain, ledger and event; throws StoreError 'invalid-row' at the first bad one. */
function validateStoreRows(db, tables) {
    const orphan = db.prepare('PRAGMA foreign_key_check').get();
    if (orphan !== undefined)
        throw new StoreError('invalid-row', `the run store has a ${String(orphan.table)} row whose run does not exist; ${ROW_FIX}`);
    const runs = tables.runs.validateAll();
    let progress = 0;
    let chain = [];
    let chainKey = '';
    const checkChain = () => {
        const problem = chainProblem(chain);
        if (problem)
            throw new StoreError('invalid-row', `the run store's progress of ${chainKey} is not a valid sequence of phases: ${problem}; ${ROW_FIX}`);
    };
    for (const { runId, row } of tables.progress.allRows()) {
        const key = `${row.module} in run ${runId}`;
        if (key !== chainKey) {
            checkChain();
            chain = [];
            chainKey = key;
        }
        chain.push(row);
        progress += 1;
    }
    checkChain();
    return { runs, progress, ledgers: tables.ledger.validateAll(), events: tables.events.validateAll() };
}

;// CONCATENATED MODULE: ./src/store/open-run-store.ts
/**
 * Opens (or creates) the run store at `path`: the file is checked (open-database.ts) and every row
 * validated before the store is handed out. An unusable file (not SQLite, a foreign or newer schema,
 * a failed integrity check, a row that fails validation) is a StoreError with a one-line message;
 * with onCorrupt 'fresh-start' it is moved aside as `<name>.corrupt-<timestamp>`, a new store is
 * made, and the caller is told through `store.recovery` and onWarning. Problems with the path itself
 * (permissions, a locked file) are thrown either way: moving a file aside would not fix them.
 *
 * A file that is not plainly SQLite (no SQLite header, empty, a link, a directory, a special file) is
 * not ours: it is refused ('not-a-store') before SQLite opens it, and never moved, replaced or written.
 */






function openRunStore(path, options) {
    const refusal = storeFileRefusal(path);
    if (refusal !== null)
        throw notAStoreError(path, refusal);
    try {
        return openChecked(path, null, options);
    }
    catch (error) {
        if (!isStoreError(error) || error.problem === 'io' || options.onCorrupt === 'throw')
            throw error;
        const movedTo = moveAside(path, (options.now ?? Date.now)());
        options.onWarning?.(`${error.message.replace(/; [^;]*$/, '')}; moved it to ${movedTo} and started a fresh run store`);
        return openChecked(path, { reason: error.message, movedTo }, options);
    }
}
/** The one-line refusal of a file that is not ours at the store path. */
function notAStoreError(path, reason) {
    return new StoreError('not-a-store', `${path} is not a TestMaster run store (${reason}), so it was left as it is; choose another store-path (or --no-store), or delete that file if you are sure nothing needs it`);
}
function openChecked(path, recovery, options) {
    const db = openStoreDatabase(path);
    try {
        const tables = createStoreTables(db);
        validateStoreRows(db, tables);
        return new RunStore(db, tables, path, recovery, options);
    }
    catch (error) {
        db.close();
        if (isStoreError(error))
            throw error;
        throw new StoreError('corrupt', `the run store ${path} could not be read (${error instanceof Error ? error.message : String(error)}); delete or move the file to start a fresh store`, { cause: error });
    }
}

;// CONCATENATED MODULE: ./src/session/config-fingerprint.ts
/**
 * A digest of the settings that shape a run's results (pure). A resumed run must have the same one:
 * the budget limits, the model and the generation settings carry over, so a run started with other
 * settings is not continued under them. Left out: secrets (the key), where reports and the store go,
 * and settings that change only speed or output placement.
 */

const NOT_RESULT_SHAPING = new Set(['apiKey', 'reportMd', 'reportJson', 'store', 'storePath', 'write', 'concurrency', 'requestTimeoutSeconds', 'maxRetries']);
function configFingerprint(config) {
    const entries = Object.entries(config)
        .filter(([key]) => !NOT_RESULT_SHAPING.has(key))
        .sort(([a], [b]) => a.localeCompare(b));
    return (0,external_node_crypto_.createHash)('sha256').update(JSON.stringify(entries), 'utf8').digest('hex');
}

;// CONCATENATED MODULE: ./src/session/run-session.ts

/** Order of the phases before generation: a resumed run does not step back. */
const RANK = {
    analysed: 0,
    'head-measured': 1,
    'base-measured': 2,
    generating: 3,
    validated: 3,
    kept: 4,
    dropped: 4,
    failed: 4,
};
class RunSession {
    runId;
    /** True when this run continues an interrupted one. */
    resumed;
    #store;
    #events;
    #positions = new Map();
    #finished = new Map();
    #pending = [];
    #broken = false;
    #unsubscribe;
    constructor(store, runId, resumed, events) {
        this.#store = store;
        this.runId = runId;
        this.resumed = resumed;
        this.#events = events;
        for (const progress of store.moduleStates(runId)) {
            this.#positions.set(progress.module, progress.current);
            const current = progress.current;
            if (current.phase === 'kept' || current.phase === 'dropped' || current.phase === 'failed')
                this.#finished.set(progress.module, current.data.outcome);
        }
        this.#unsubscribe = events.subscribe((event) => this.#onEvent(event));
    }
    /** Modules the interrupted run finished (kept, dropped or failed), with what they left. */
    get finished() {
        return this.#finished;
    }
    /** The ledger state the interrupted run saved last, or null. */
    savedLedger() {
        return this.#guard(() => this.#store.loadLedger(this.runId), null);
    }
    measurement(side) {
        return this.#guard(() => this.#store.loadMeasurement(this.runId, side), null);
    }
    saveMeasurement(side, value) {
        this.#guard(() => this.#store.saveMeasurement(this.runId, side, value), undefined);
    }
    /** Checkpoints a phase before generation, unless the module is already there or past it (a resumed run). */
    advance(module, state) {
        const current = this.#positions.get(module);
        if (current !== undefined && RANK[current.phase] >= RANK[state.phase])
            return;
        this.#checkpoint(module, state);
    }
    /** A generator starts on the module: generating(k), k one past the last attempt. */
    startGenerating(module, generator) {
        const current = this.#positions.get(module);
        if (current === undefined || RANK[current.phase] === 4)
            return;
        const attempt = current.phase === 'generating' || current.phase === 'validated' ? current.attempt + 1 : 1;
        this.#checkpoint(module, { phase: 'generating', attempt, data: { generator } });
    }
    /** The module's end: kept, dropped or failed, with everything the report needs. */
    finish(module, outcome) {
        const current = this.#positions.get(module);
        if (current === undefined || RANK[current.phase] === 4)
            return;
        const kind = outcome.generation.outcome;
        if (kind === 'kept' && outcome.files.length > 0) {
            if (current.phase !== 'validated')
                return; // cannot happen: kept files went through the gate
            this.#checkpoint(module, { phase: 'kept', attempt: null, data: { outcome } });
        }
        else {
            this.#checkpoint(module, { phase: kind === 'failed' ? 'failed' : 'dropped', attempt: null, data: { outcome } });
        }
    }
    /** Saves the ledger's state after every change from now on. */
    bindLedger(ledger) {
        ledger.onChange(() => this.#guard(() => this.#store.saveLedger(this.runId, ledger.exportState()), undefined));
    }
    /**
     * Paid answers of this run. budgetedCall records an answer only after its charge, which the bound
     * ledger has already saved (bindLedger), so the answer row needs no second copy of the ledger.
     */
    get replay() {
        return {
            find: (key) => this.#guard(() => this.#store.findAnswer(this.runId, key), null),
            record: (key, reply) => this.#guard(() => this.#store.recordAnswer(this.runId, key, reply), undefined),
        };
    }
    cacheGet(input) {
        return this.#guard(() => this.#store.cacheGet(input), null);
    }
    cachePut(input, value) {
        this.#guard(() => this.#store.cachePut(input, value), undefined);
    }
    /** Ends the run in the store (its remaining events with it) and closes the store. */
    end(status) {
        this.#unsubscribe();
        this.#guard(() => {
            if (this.#pending.length > 0)
                this.#store.appendEvents(this.runId, this.#pending);
            this.#pending = [];
            this.#store.markRun(this.runId, status);
        }, undefined);
        this.close();
    }
    close() {
        this.#unsubscribe();
        try {
            this.#store.close();
        }
        catch {
            // closing is best effort: the data is committed already
        }
    }
    #onEvent(event) {
        this.#pending.push(event);
        if (this.#broken)
            return;
        const step = validationStep(event);
        if (step === null)
            return;
        const current = this.#positions.get(step.module);
        if (current === undefined)
            return;
        // A healing turn's attempt is recorded when its candidate is validated: a turn that produced nothing
        // to validate leaves the module at its last validated attempt, from which it can still end kept.
        if (current.phase !== 'generating')
            this.startGenerating(step.module, lastGenerator(current));
        const now = this.#positions.get(step.module);
        if (now?.phase !== 'generating')
            return;
        this.#checkpoint(step.module, { phase: 'validated', attempt: now.attempt, data: step.data });
    }
    #checkpoint(module, state) {
        this.#guard(() => {
            const events = this.#pending;
            this.#pending = [];
            this.#store.checkpoint(this.runId, module, state, { events });
            this.#positions.set(module, state);
        }, undefined);
    }
    #guard(work, fallback) {
        if (this.#broken)
            return fallback;
        try {
            return work();
        }
        catch (error) {
            this.#broken = true;
            this.#events.emit({ type: 'warning', message: `the run store failed (${(0,errors/* oneLineMessage */.Wg)(error)}); the run goes on without it and cannot be resumed` });
            return fallback;
        }
    }
}
/** A candidate validated, as the event stream reports it (pure). */
function validationStep(event) {
    if (event.type !== 'candidate-validated')
        return null;
    const verdict = event.verdict === 'kept' || event.verdict === 'file-failed' ? event.verdict : 'nothing-kept';
    return { module: event.path, data: { verdict, kept: event.kept, dropped: event.dropped } };
}
function lastGenerator(state) {
    return state.phase === 'generating' ? state.data.generator : 'model';
}

;// CONCATENATED MODULE: ./src/session/open-session.ts
/**
 * Opens the run store for a run and starts its session (src/session/run-session.ts): a new run, or,
 * with `--resume`, the interrupted run of the same repository, commits and settings. A store that is
 * corrupt or of another schema is moved aside with a warning and a fresh one is made; a file that is
 * not a SQLite file at all is not ours and fails the run with what to do (it is left as it was); a
 * store that cannot be opened at all (permissions) costs a warning and the run goes on without it,
 * unless the user asked to resume, which then fails with what to do.
 */








/** Runs kept in the store; older ones (and their progress) are deleted when a run starts. */
const RUNS_KEPT = 20;
/** Cache entries unused this long are deleted when a run starts. */
const CACHE_UNUSED_MS = 30 * 24 * 3600 * 1000;
async function openSession(request, events) {
    const { config, resume } = request;
    if (!config.store) {
        if (resume)
            throw new errors/* ConfigurationError */.j1('--resume needs the run store, but store is false; drop --no-store (or store: false) to resume');
        return null;
    }
    const warn = (message) => events.emit({ type: 'warning', message });
    const storePath = config.storePath ?? external_node_path_default().join(await gitCommonDir(request.repoDir), 'testmaster', 'store.sqlite');
    let store;
    try {
        (0,external_node_fs_.mkdirSync)(external_node_path_default().dirname(storePath), { recursive: true });
        store = openRunStore(storePath, { onCorrupt: 'fresh-start', onWarning: warn });
    }
    catch (error) {
        if (isStoreError(error) && error.problem === 'not-a-store')
            throw error;
        if (resume)
            throw new errors/* ConfigurationError */.j1(`cannot resume: the run store ${storePath} cannot be opened (${(0,errors/* oneLineMessage */.Wg)(error)}); fix its permissions or run without --resume`);
        warn(`the run store ${storePath} cannot be opened (${(0,errors/* oneLineMessage */.Wg)(error)}); the run goes on without it (no resume, no reuse)`);
        return null;
    }
    try {
        const fingerprint = configFingerprint(config);
        const found = resume === null ? null : findRunToResume(store, request, storePath, warn);
        if (found !== null) {
            checkSameRun(found, request, fingerprint);
            if (found.status === 'interrupted')
                store.markRun(found.id, 'running');
            return new RunSession(store, found.id, true, events);
        }
        store.pruneRuns(RUNS_KEPT);
        store.pruneCache(Date.now() - CACHE_UNUSED_MS);
        const run = store.createRun({ repoDir: request.repoDir, base: request.base, head: request.head, configFingerprint: fingerprint, provider: request.provider, model: request.model });
        return new RunSession(store, run.id, false, events);
    }
    catch (error) {
        store.close();
        throw error;
    }
}
function findRunToResume(store, request, storePath, warn) {
    const runId = request.resume?.runId ?? null;
    if (runId === null) {
        const latest = store.findResumableRun(request.repoDir, request.base, request.head);
        if (latest === null)
            warn(`no interrupted run of ${open_session_short(request.base)}..${open_session_short(request.head)} to resume; starting a new run`);
        return latest;
    }
    const run = store.getRun(runId);
    if (run === null)
        throw new errors/* ConfigurationError */.j1(`no run ${runId} in the run store ${storePath}; check the id printed when the run was interrupted, or run without --resume`);
    if (run.status !== 'running' && run.status !== 'interrupted') {
        throw new errors/* ConfigurationError */.j1(`run ${runId} is ${run.status}, so there is nothing to resume; run without --resume to start a new run`);
    }
    return run;
}
function checkSameRun(run, request, fingerprint) {
    if (run.repoDir !== request.repoDir || run.base !== request.base || run.head !== request.head) {
        throw new errors/* ConfigurationError */.j1(`run ${run.id} compared ${open_session_short(run.base)}..${open_session_short(run.head)} in ${run.repoDir}, not ${open_session_short(request.base)}..${open_session_short(request.head)} in ${request.repoDir}; resume it with the same --base/--head, or run without --resume`);
    }
    if (run.configFingerprint !== fingerprint || run.provider !== request.provider || run.model !== request.model) {
        throw new errors/* ConfigurationError */.j1(`run ${run.id} was started with other settings (provider, model, budget or generation options); resume it with the same settings, or run without --resume`);
    }
}
const open_session_short = (commit) => commit.slice(0, 12);

;// CONCATENATED MODULE: ./src/session/checkpoint-measured.ts
/**
 * The checkpoints of the phases before generation, for every planned module: analysed (package,
 * framework, changed lines, content digest at the head), head coverage measured, base coverage
 * measured. A module whose head coverage could not be measured stops at analysed (it ends dropped).
 */



async function checkpointMeasured(session, modules, files, headDir, baseSource) {
    for (const plan of modules) {
        const module = plan.file.path;
        const content = await (0,promises_.readFile)(external_node_path_default().join(headDir, module)).catch(() => null);
        if (content === null)
            continue;
        session.advance(module, {
            phase: 'analysed',
            attempt: null,
            data: { packageDir: plan.pkg.relDir, framework: plan.pkg.framework, changedLines: plan.file.changedLines, contentSha256: (0,external_node_crypto_.createHash)('sha256').update(content).digest('hex') },
        });
        const report = files.find((file) => file.path === module);
        if (!report?.head)
            continue;
        session.advance(module, { phase: 'head-measured', attempt: null, data: { head: report.head, relatedTests: report.relatedTests } });
        session.advance(module, { phase: 'base-measured', attempt: null, data: { base: report.base, source: baseSource } });
    }
}

;// CONCATENATED MODULE: ./src/pipeline/run-pipeline.ts
/**
 * The pipeline: diff -> scope -> head coverage -> base coverage -> generation -> report. Each stage is
 * a function of its own file; this one only sequences them and emits the phase events. The model
 * settings, price and budget are resolved first, so a bad one fails before any test runs.
 */


















async function runPipeline(request, deps) {
    try {
        return await runStages(request, deps);
    }
    catch (error) {
        // A phase cut short never compared the checkout: the user still hears what the tests changed.
        await userTreeTampered('the tests run before the failure', 'the run failed anyway', request.ownOutputs ?? [], deps).catch(() => null);
        deps.events.emit({ type: 'run-failed', message: (0,errors/* oneLineMessage */.Wg)(error) });
        throw error;
    }
}
async function runStages(request, deps) {
    const now = deps.now ?? (() => new Date());
    const startedAt = now();
    const { events } = deps;
    const { config } = request;
    const prepared = prepareGeneration(config, deps.env ?? process.env, deps.fetch);
    const given = await (0,promises_.realpath)(request.repoDir).catch(() => {
        throw new errors/* ConfigurationError */.j1(`repository directory not found: ${request.repoDir}; pass --repo DIR (or working-directory) pointing at a git checkout`);
    });
    // Paths in the diff, the scope and the coverage are all relative to the top of the working tree.
    const repoDir = await (0,promises_.realpath)(await findRepoRoot(given));
    events.emit({ type: 'run-started', repoDir, baseRef: request.baseRef, headRef: request.headRef, provider: prepared?.provider ?? 'none' });
    const phase = async (name, work) => {
        events.emit({ type: 'phase-started', phase: name });
        const value = await work();
        events.emit({ type: 'phase-completed', phase: name });
        return value;
    };
    const diff = await phase('diff', async () => {
        const result = await computeDiff(repoDir, request.baseRef, request.headRef, { allowFetch: request.allowFetch });
        events.emit({ type: 'diff-computed', base: result.base, head: result.head, files: result.files.length, skipped: result.skipped.length });
        return result;
    });
    if (request.resume && (prepared === null || request.estimateOnly)) {
        throw new errors/* ConfigurationError */.j1('--resume continues the generation of an interrupted run; it does not go with provider none or --estimate');
    }
    const session = prepared === null || request.estimateOnly
        ? null
        : await openSession({ config, repoDir, base: diff.base, head: diff.head, provider: prepared.provider, model: prepared.model?.settings.model ?? null, resume: request.resume ?? null }, events);
    const generation = prepared === null ? null : withSessionLedger(prepared, session);
    if (session?.resumed) {
        events.emit({ type: 'run-resumed', runId: session.runId, finishedModules: session.finished.size, spentUsd: generation?.model?.ledger.totals().costUsd ?? 0 });
    }
    try {
        const report = await afterDiff(request, deps, { repoDir, diff, prepared: generation, session, startedAt, phase });
        session?.end('completed');
        return report;
    }
    catch (error) {
        const interrupted = request.signal?.aborted ?? false;
        session?.end(interrupted ? 'interrupted' : 'failed');
        if (interrupted)
            events.emit({ type: 'run-interrupted', runId: session?.runId ?? null });
        throw error;
    }
}
/** A resumed run continues with the interrupted run's ledger (its spend carries over); every change is saved. */
function withSessionLedger(prepared, session) {
    if (session === null || prepared.model === null)
        return prepared;
    const saved = session.resumed ? session.savedLedger() : null;
    const ledger = saved === null ? prepared.model.ledger : BudgetLedger.fromState(saved);
    session.bindLedger(ledger);
    return { ...prepared, model: { ...prepared.model, ledger } };
}
async function afterDiff(request, deps, context) {
    const { repoDir, diff, prepared, session, startedAt, phase } = context;
    const { events } = deps;
    const { config } = request;
    const now = deps.now ?? (() => new Date());
    const warn = (message) => events.emit({ type: 'warning', message });
    return withHeadCheckout(repoDir, diff.head, warn, async (checkout) => {
        const headDir = checkout.dir;
        const plan = await phase('scope', async () => {
            const result = await planModules(headDir, diff.files, config);
            for (const item of result.skipped)
                events.emit({ type: 'module-skipped', path: item.path, reason: item.reason });
            events.emit({
                type: 'modules-selected',
                modules: result.modules.map((m) => m.file.path),
                packages: [...new Set(result.modules.map((m) => m.pkg.relDir))],
            });
            for (const module of result.modules) {
                events.emit({ type: 'module-analysis-started', path: module.file.path, packageDir: module.pkg.relDir });
            }
            return result;
        });
        const skipped = [...diff.skipped, ...plan.skipped];
        const stored = storedMeasurements(session);
        const { head, baseRun } = stored ?? (await measureBoth(checkout, plan, request, deps, diff.base, repoDir, phase));
        if (stored === null) {
            session?.saveMeasurement('head', { source: null, coverage: head });
            session?.saveMeasurement('base', { source: baseRun.source, coverage: baseRun.coverage });
        }
        else {
            events.emit({ type: 'phase-completed', phase: 'head-coverage', detail: 'from the interrupted run' });
            events.emit({ type: 'phase-completed', phase: 'base-coverage', detail: 'from the interrupted run' });
        }
        const measured = buildFileReports(plan.modules, head, baseRun.coverage);
        if (session)
            await checkpointMeasured(session, plan.modules, measured, headDir, baseRun.source);
        let generated = null;
        let estimate = null;
        if (prepared && request.estimateOnly) {
            const jobs = orderByValue(moduleJobs({ modules: plan.modules, files: measured, headCoverage: head }));
            const model = prepared.model;
            estimate = await phase('generation', () => (model === null ? Promise.resolve(zeroTokenEstimate()) : estimateCost(headDir, jobs, config, model)));
        }
        else if (prepared) {
            const input = { repoDir, head: diff.head, checkout, modules: plan.modules, headCoverage: head, files: measured, config, prepared, ownOutputs: request.ownOutputs ?? [], session };
            generated = await phase('generation', () => generateTests(request.signal ? { ...input, signal: request.signal } : input, deps));
        }
        // The end of the run: anything the phases' own checks did not see (none when no test process ran since).
        await userTreeTampered('a test process', 'nothing else was discarded', request.ownOutputs ?? [], deps);
        const { files, patch } = await phase('report', async () => {
            const reports = generated?.files ?? measured;
            return { files: reports, patch: sumPatch(reports.flatMap((f) => (f.head ? [f.head.patch] : []))) };
        });
        const finishedAt = now();
        events.emit({ type: 'run-completed', files: files.length, patchCovered: patch.covered, patchPartial: patch.partial, patchTotal: patch.total });
        return {
            schemaVersion: 1,
            tool: { name: 'testmaster', version: deps.version },
            base: diff.base,
            head: diff.head,
            baseRef: request.baseRef,
            headRef: request.headRef,
            baseSource: baseRun.source,
            provider: prepared?.provider ?? 'none',
            ...(prepared?.note ? { providerNote: prepared.note } : {}),
            startedAt: startedAt.toISOString(),
            finishedAt: finishedAt.toISOString(),
            durationMs: finishedAt.getTime() - startedAt.getTime(),
            patch,
            files,
            skipped,
            timeline: events.timeline,
            ...(deps.isolation === undefined ? {} : { isolation: deps.isolation }),
            ...(prepared === null
                ? {}
                : {
                    proposedPatch: generated?.proposedPatch ?? null,
                    proposedFiles: generated?.proposedFiles ?? [],
                    possibleBugs: generated?.possibleBugs ?? [],
                    budget: generated?.budget ?? null,
                    coveredBy: generated?.coveredBy ?? null,
                    estimate,
                    run: generated?.run ?? null,
                }),
        };
    }, worktreeOptions(deps));
}
/** Head and base coverage as the interrupted run measured them, when it got that far; else null. */
function storedMeasurements(session) {
    if (!session?.resumed)
        return null;
    const head = session.measurement('head');
    const base = session.measurement('base');
    if (head?.coverage == null || base === null || base.source === null)
        return null;
    return { head: head.coverage, baseRun: { source: base.source, coverage: base.coverage } };
}
/** Head coverage, with the base checkout prepared meanwhile; the base's tests start after the head's. */
async function measureBoth(checkout, plan, request, deps, baseCommit, repoDir, phase) {
    const baseGate = Promise.withResolvers();
    const basePending = measureBase(repoDir, checkout.dir, baseCommit, plan, request, deps, baseGate.promise);
    basePending.catch(() => undefined); // awaited below; this only stops an early rejection going unhandled
    let head;
    try {
        head = await phase('head-coverage', () => measure_head_measureHead(checkout, plan.targets, request, deps));
    }
    catch (error) {
        baseGate.reject(error);
        await basePending.catch(() => undefined); // let the base worktree be removed before failing
        throw error;
    }
    const baseRun = await phase('base-coverage', () => {
        baseGate.resolve();
        return basePending;
    });
    return { head, baseRun };
}
/** `--estimate` with the zero-token generator alone: no model call is planned. */
function zeroTokenEstimate() {
    return { model: 'none (zero-token generator)', modules: [], inputTokens: 0, outputTokens: 0, llmCalls: 0, costUsd: 0, exceeds: [] };
}

;// CONCATENATED MODULE: ./src/files/write-file-atomic.ts
/**
 * Writes a file so that readers never see half of it: the content goes to a fresh temporary file in the
 * same directory (exclusive create), which is then renamed over the target. On any failure the temporary
 * file is removed and the target is untouched.
 */



async function writeFileAtomic(target, content) {
    const dir = (0,external_node_path_.dirname)(target);
    await (0,promises_.mkdir)(dir, { recursive: true });
    const temp = (0,external_node_path_.join)(dir, `.${(0,external_node_path_.basename)(target)}.${(0,external_node_crypto_.randomBytes)(6).toString('hex')}.tmp`);
    const handle = await (0,promises_.open)(temp, 'wx', 0o644);
    try {
        await handle.writeFile(content, 'utf8');
        await handle.sync();
    }
    catch (error) {
        await handle.close().catch(() => undefined);
        await (0,promises_.rm)(temp, { force: true });
        throw error;
    }
    await handle.close();
    try {
        await (0,promises_.rename)(temp, target);
    }
    catch (error) {
        await (0,promises_.rm)(temp, { force: true });
        throw error;
    }
}

;// CONCATENATED MODULE: ./src/report/json-report.ts
/**
 * Pure: the run report as JSON text (2-space indent, trailing newline, keys in a fixed order whatever
 * order the objects were built in) and back, validated.
 */


/** Known keys, in the order they are written; other keys follow, alphabetically. */
const KEY_ORDER = [
    'schemaVersion', 'tool', 'name', 'version',
    'type', 'atMs',
    'path', 'previousPath', 'changeKind', 'packageDir', 'framework', 'status', 'reason',
    'base', 'head', 'baseRef', 'headRef', 'baseSource', 'provider', 'startedAt', 'finishedAt', 'durationMs',
    'covered', 'total', 'partial', 'missingLines', 'partialLines',
    'lines', 'statements', 'functions', 'branches',
    'patch', 'changedLines', 'relatedTests', 'files', 'skipped', 'timeline',
    // Generation (absent from older reports, so adding them here did not reorder those).
    'forFile', 'outcome', 'model', 'llmCalls', 'inputTokens', 'outputTokens', 'costUsd',
    'proposed', 'generation', 'proposedPatch', 'proposedFiles', 'possibleBugs', 'budget', 'estimate',
    'sha256', 'kept', 'dropped', 'content',
];
const json_report_RANK = new Map(KEY_ORDER.map((key, index) => [key, index]));
function toJsonReport(report) {
    return `${JSON.stringify(ordered(report), null, 2)}\n`;
}
/** Parses and validates a JSON report; a ConfigurationError says where it does not match. */
function parseJsonReport(text) {
    let raw;
    try {
        raw = JSON.parse(text);
    }
    catch (error) {
        throw new ConfigurationError(`the report is not valid JSON (${error.message}); pass the file written by testmaster's report-json`);
    }
    const result = runReportSchema.safeParse(raw);
    if (!result.success) {
        const issue = result.error.issues[0];
        const where = issue.path.length === 0 ? 'the top level' : issue.path.map(String).join('.');
        throw new ConfigurationError(`the report is not a testmaster schemaVersion 1 report: at ${where}, ${issue.message}; regenerate it with this version of testmaster`);
    }
    return result.data;
}
function ordered(value) {
    if (Array.isArray(value))
        return value.map(ordered);
    if (typeof value !== 'object' || value === null)
        return value;
    const keys = Object.keys(value).sort(compareKeys);
    const out = {};
    for (const key of keys) {
        Object.defineProperty(out, key, { value: ordered(value[key]), enumerable: true, writable: true, configurable: true });
    }
    return out;
}
function compareKeys(a, b) {
    const ra = json_report_RANK.get(a) ?? Number.MAX_SAFE_INTEGER;
    const rb = json_report_RANK.get(b) ?? Number.MAX_SAFE_INTEGER;
    if (ra !== rb)
        return ra - rb;
    return a < b ? -1 : a > b ? 1 : 0;
}

;// CONCATENATED MODULE: ./src/report/format-numbers.ts
/** Tenths of a percent of numerator/denominator, rounded down; null when the denominator is 0. */
function percentTenths(numerator, denominator) {
    if (denominator <= 0)
        return null;
    return Math.floor((Math.max(0, numerator) * 1000) / denominator);
}
/** `'83.3%'`, or `'n/a'` when there is nothing to measure. */
function formatPercent(numerator, denominator) {
    const tenths = percentTenths(numerator, denominator);
    return tenths === null ? 'n/a' : `${formatTenths(tenths)}%`;
}
/** `'83.3% (10/12)'`, or `'n/a (0/0)'`. */
function formatCounts(counts) {
    return `${formatPercent(counts.covered, counts.total)} (${counts.covered}/${counts.total})`;
}
/** `'+3.2'`, `'-1.0'` or `'±0'` between two figures as displayed; null when either is not measurable. */
function formatDelta(base, head) {
    const before = percentTenths(base.covered, base.total);
    const after = percentTenths(head.covered, head.total);
    if (before === null || after === null)
        return null;
    const delta = after - before;
    if (delta === 0)
        return '±0';
    return `${delta > 0 ? '+' : '-'}${formatTenths(Math.abs(delta))}`;
}
/** 1,234 style grouping, independent of the machine's locale. */
function formatCount(n) {
    return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}
/** `'1 changed coverable line'` / `'2 changed coverable lines'`. */
function plural(n, singular, pluralForm = `${singular}s`) {
    return `${formatCount(n)} ${n === 1 ? singular : pluralForm}`;
}
function formatTenths(tenths) {
    return `${Math.floor(tenths / 10)}.${tenths % 10}`;
}
/**
 * Dollars with at least `minDecimals` and at most four decimals: `formatUsd(0.01234, 4)` is
 * `'$0.0123'`, `formatUsd(5)` is `'$5.00'`, `formatUsd(0.125)` is `'$0.125'`.
 */
function format_numbers_formatUsd(amount, minDecimals = 2) {
    const fixed = Math.max(0, amount).toFixed(4);
    const [whole, decimals = ''] = fixed.split('.');
    let kept = decimals;
    while (kept.length > minDecimals && kept.endsWith('0'))
        kept = kept.slice(0, -1);
    return `$${formatCount(Number(whole))}${kept ? `.${kept}` : ''}`;
}

;// CONCATENATED MODULE: ./src/report/escape-markdown.ts
/**
 * Pure: text from outside (file names, refs, error reasons) made inert in GitHub markdown. File names
 * go into code spans, where neither markdown, HTML nor @mentions are interpreted; free text is
 * backslash- and entity-escaped, and an @ gets a zero-width space so nobody is mentioned.
 *
 * Hidden markers: the comment carries HTML comments that TestMaster reads back (the sticky marker,
 * the proposal payload), so text from outside must never hold `<!--` or `-->` as such: it could
 * forge a marker or hide what follows. Free text and HTML text never do (`<` and `>` become
 * entities); a code span's text gets a zero-width space inside each (breakHtmlComments), shown the
 * same; a fenced code block's content keeps its HTML comments (GitHub shows them literally there,
 * and a proposed file must read as it will be committed) except one that starts a TestMaster marker
 * (`<!-- testmaster:`), broken the same way (breakTestMasterMarkers). render-markdown.ts and
 * comment-body.ts run breakTestMasterMarkers over everything they assemble as a last guard.
 */
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g;
const ZERO_WIDTH_SPACE = '\u200b';
/** `<!--` that starts a TestMaster marker, however spaced or cased (what a reader of markers might take for one). */
const TESTMASTER_MARKER_OPENING = /<!--(?=\s*testmaster:)/gi;
/** `<!--` and `-->` broken by a zero-width space: the text can neither open nor close an HTML comment, and reads the same. */
function breakHtmlComments(text) {
    return text.replace(/<!--/g, `<!${ZERO_WIDTH_SPACE}--`).replace(/-->/g, `--${ZERO_WIDTH_SPACE}>`);
}
/** Every `<!--` that starts a TestMaster marker (`<!-- testmaster:...`) broken by a zero-width space; other text unchanged. */
function breakTestMasterMarkers(text) {
    return text.replace(TESTMASTER_MARKER_OPENING, `<!${ZERO_WIDTH_SPACE}--`);
}
/** A code span showing `text` verbatim; `inTable` also escapes pipes, which GFM splits cells on. */
function codeSpan(text, inTable = false) {
    const clean = breakHtmlComments(text.replace(CONTROL, '\uFFFD'));
    const longestRun = Math.max(0, ...[...clean.matchAll(/`+/g)].map((m) => m[0].length));
    const fence = '`'.repeat(longestRun + 1);
    const pad = clean.startsWith('`') || clean.endsWith('`') || (clean.startsWith(' ') && clean.endsWith(' ')) ? ' ' : '';
    const span = `${fence}${pad}${clean}${pad}${fence}`;
    return inTable ? span.replace(/\|/g, '\\|') : span;
}
/** Free text with markdown, HTML and mentions neutralised, on one line. */
function escapeText(text) {
    return text
        .replace(CONTROL, ' ')
        .replace(/[\\`*_{}[\]()#+\-!|~]/g, (c) => `\\${c}`)
        .replace(/&/g, '&amp;')
        .replace(/</g, '&lt;')
        .replace(/>/g, '&gt;')
        .replace(/@/g, '@\u200b');
}
/**
 * Text inside raw HTML (e.g. a `<summary>`), where markdown is not interpreted: entity-escaped, on
 * one line, and an @ gets a zero-width space so nobody is mentioned.
 */
function escapeHtml(text) {
    return text
        .replace(CONTROL, ' ')
        .replace(/&/g, '&amp;')
        .replace(/</g, '&lt;')
        .replace(/>/g, '&gt;')
        .replace(/"/g, '&quot;')
        .replace(/'/g, '&#39;')
        .replace(/@/g, '@\u200b');
}
/**
 * A fenced code block showing `content` verbatim: the fence is longer than any backtick run in the
 * content (at least three), so nothing inside can close it (a backtick fence is closed only by
 * backticks, at least as many). Only an opening of a TestMaster marker is broken (see above).
 */
function codeBlock(content, language = '') {
    const safe = breakTestMasterMarkers(content);
    const longestRun = Math.max(0, ...[...safe.matchAll(/`+/g)].map((m) => m[0].length));
    const fence = '`'.repeat(Math.max(3, longestRun + 1));
    const body = safe.endsWith('\n') ? safe : `${safe}\n`;
    return `${fence}${language}\n${body}${fence}`;
}

;// CONCATENATED MODULE: ./src/report/ranges.ts
/**
 * Pure: line numbers as compact ranges ("1-3, 5"), optionally each linked to the file at a commit.
 */
/** Consecutive runs of the (sorted, de-duplicated) line numbers. */
function ranges_lineRanges(lines) {
    const sorted = [...new Set(lines)].filter((n) => Number.isInteger(n)).sort((a, b) => a - b);
    const ranges = [];
    for (const line of sorted) {
        const last = ranges[ranges.length - 1];
        if (last && line === last[1] + 1)
            last[1] = line;
        else
            ranges.push([line, line]);
    }
    return ranges;
}
/** `toRanges([1, 2, 3, 5])` is `'1-3, 5'`; with `link`, each range is a markdown link. */
function toRanges(lines, format = {}) {
    return ranges_lineRanges(lines)
        .map(([from, to]) => {
        const text = from === to ? `${from}` : `${from}-${to}`;
        return format.link ? `[${text}](${format.link(from, to)})` : text;
    })
        .join(', ');
}
/**
 * The GitHub blob URL of lines `from`-`to` of `path` at commit `sha`, safe as a markdown link
 * destination: every path segment is percent-encoded, parentheses included.
 */
function blobLinesUrl(repoUrl, sha, path, from, to) {
    const base = repoUrl.replace(/\/+$/, '');
    const encodedPath = path.split('/').map(encodeSegment).join('/');
    const anchor = from === to ? `L${from}` : `L${from}-L${to}`;
    return `${sanitizeUrl(base)}/blob/${encodeSegment(sha)}/${encodedPath}#${anchor}`;
}
function encodeSegment(segment) {
    return encodeURIComponent(segment).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}
/** Keeps a repository URL usable inside `(...)`: no spaces, brackets or parentheses unencoded. */
function sanitizeUrl(url) {
    return url.replace(/[\s()<>[\]`"']/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);
}

;// CONCATENATED MODULE: ./src/report/generation-sections.ts
/**
 * Pure: the markdown pieces about test generation: the cost line, each file's generation outcome,
 * the proposed test files (folded, with their bodies), the possible bugs and the `--estimate` table.
 * Which of them go into the comment, and in which form, is decided by render-markdown.ts.
 */



/** Where a proposed file's body can be read when the comment leaves it out. */
const DEFAULT_OMITTED_BODY_NOTE = 'File body omitted to stay within the size limit: see the job summary, the `.testmaster/proposed/` directory or the JSON report.';
/** Longest reason shown in a table cell, in characters. */
const MAX_CELL_REASON = 80;
/** `Model: `m` · 12 calls · 40,000+8,000 tokens · $0.0123 of $1.00`, and whether the budget stopped the run. */
function costLine(budget, skippedForBudget) {
    const parts = [
        `Model: ${codeSpan(budget.model)}`,
        plural(budget.llmCalls, 'call'),
        `${formatCount(budget.inputTokens)}+${formatCount(budget.outputTokens)} tokens`,
        `${format_numbers_formatUsd(budget.costUsd, 4)} of ${format_numbers_formatUsd(budget.limits.maxCostUsd)}`,
    ];
    if (budget.stoppedByBudget)
        parts.push(`stopped by budget: ${plural(skippedForBudget, 'module')} skipped`);
    return parts.join(' · ');
}
/**
 * Who wrote the tests: the zero-token generator (no tokens), the model, or both (hybrid, with the
 * changed lines each one newly covered), and why, when the provider was chosen for the user.
 */
function providerLine(report) {
    const by = report.coveredBy;
    // A model run from a report that predates these fields: the cost line says it all.
    if (report.provider !== 'offline' && report.provider !== 'hybrid' && !by && !report.providerNote)
        return null;
    const lines = (count) => plural(count, 'changed line');
    const who = report.provider === 'offline'
        ? `Written by the zero-token generator: no model call, no tokens, $0${by ? `; newly covers ${lines(by.offline)}` : ''}.`
        : report.provider === 'hybrid'
            ? `Written by the zero-token generator first, then the model for what it left uncovered${by ? `: ${lines(by.offline)} newly covered without tokens, ${formatCount(by.model)} by the model` : ''}.`
            : `Written by the model${by ? `; newly covers ${lines(by.model)}` : ''}.`;
    return report.providerNote ? `${who} ${capitalize(report.providerNote)}.` : who;
}
/** What the run store gave this run (reuse across runs, a resume), or null when nothing. */
function reuseLine(run) {
    if (!run)
        return null;
    const parts = [];
    if (run.resumed)
        parts.push(`Resumed an interrupted run: ${plural(run.reusedFromResume, 'module')} finished before the interruption ${run.reusedFromResume === 1 ? 'was' : 'were'} not redone, ${plural(run.replayedCalls, 'paid answer')} replayed instead of asked again.`);
    if (run.reusedFromCache > 0)
        parts.push(`Reused the tests of ${plural(run.reusedFromCache, 'module')} from an earlier run on the same code, re-checked on this head.`);
    if (parts.length === 0)
        return null;
    const saved = run.savedInputTokens + run.savedOutputTokens;
    if (saved > 0)
        parts.push(`Saved ${plural(saved, 'token')} (${format_numbers_formatUsd(run.savedCostUsd)}).`);
    return parts.join(' ');
}
function capitalize(text) {
    return text.charAt(0).toUpperCase() + text.slice(1);
}
/** One line on what was proposed: kept cases, files, possible bugs. */
function generationLine(keptCases, fileCount, possibleBugs) {
    const proposed = keptCases === 0 ? 'Proposed tests: none kept' : `Proposed tests: ${plural(keptCases, 'case')} in ${plural(fileCount, 'file')}`;
    const bugs = possibleBugs === 0 ? '' : `; ${plural(possibleBugs, 'possible bug')} (failing cases, not proposed)`;
    return `${proposed}${bugs}.`;
}
/** The table cell saying what generation did for a file ('—' when nothing is known). */
function generationCell(file) {
    const generation = file.generation;
    if (!generation)
        return '—';
    const reason = generation.reason ? escapeText(generation_sections_shorten(generation.reason, MAX_CELL_REASON)) : null;
    switch (generation.outcome) {
        case 'kept': {
            const kept = file.keptCases > 0 ? `kept ${plural(file.keptCases, 'case')}` : 'kept';
            return generation.reused?.source === 'cache' ? `${kept} (reused)` : kept;
        }
        case 'nothing-kept':
            return 'nothing kept';
        case 'failed':
            return reason ? `failed: ${reason}` : 'failed';
        case 'skipped-budget':
            return 'skipped for budget';
        case 'skipped-covered':
            return 'already covered';
        case 'skipped':
            return reason ? `skipped: ${reason}` : 'skipped';
    }
}
function proposedTestsHeading(files) {
    const cases = files.reduce((sum, file) => sum + file.kept.length, 0);
    return [
        '#### Proposed tests',
        '',
        `${plural(cases, 'case')} in ${plural(files.length, 'file')}. Each kept case passed on every run and covers lines that nothing covered before.`,
    ].join('\n');
}
/** One proposed file, folded: its kept cases, its content, its dropped cases. */
function proposedFileBlock(file, opts) {
    const by = file.provider === 'offline' ? ' (zero-token)' : file.provider === 'model' ? ' (model)' : '';
    const summary = `<code>${escapeHtml(file.path)}</code> — ${escapeHtml(plural(file.kept.length, 'case'))} for <code>${escapeHtml(file.forFile)}</code>${by}`;
    const parts = ['<details>', `<summary>${summary}</summary>`, ''];
    if (file.kept.length > 0) {
        parts.push('**Kept cases**', '');
        for (const item of file.kept)
            parts.push(`- ${codeSpan(item.name)}: ${generation_sections_newlyCovered(item, file.forFile, opts)}`);
        parts.push('');
    }
    parts.push(opts.body ? codeBlock(file.content, fenceLanguage(file.path)) : `_${opts.omittedBodyNote}_`, '');
    if (file.dropped.length > 0) {
        parts.push('**Dropped cases**', '');
        for (const item of file.dropped)
            parts.push(`- ${codeSpan(item.name)}: ${escapeText(item.reason)}`);
        parts.push('');
    }
    parts.push('</details>');
    return parts.join('\n');
}
/** The proposed files in one line, when the comment has no room for them. */
function proposedTestsBrief(files) {
    const cases = files.reduce((sum, file) => sum + file.kept.length, 0);
    return `**Proposed tests**: ${plural(cases, 'case')} in ${plural(files.length, 'file')}, left out here: see the \`.testmaster/proposed/\` directory or the JSON report.`;
}
/** The fence's info string for a test file: ts or js (tsx, jsx) by extension. */
function fenceLanguage(path) {
    const match = /\.([cm]?[jt]sx?)$/i.exec(path);
    if (!match)
        return '';
    const ext = match[1].toLowerCase();
    const lang = ext.includes('t') ? 'ts' : 'js';
    return ext.endsWith('x') ? `${lang}x` : lang;
}
function generation_sections_newlyCovered(item, forFile, opts) {
    const { repoUrl, head } = opts;
    const link = repoUrl ? (from, to) => blobLinesUrl(repoUrl, head, forFile, from, to) : undefined;
    const covered = [];
    if (item.newLines.length > 0)
        covered.push(`${item.newLines.length === 1 ? 'line' : 'lines'} ${toRanges(item.newLines, link ? { link } : {})}`);
    if (item.newBranchOutcomes > 0)
        covered.push(plural(item.newBranchOutcomes, 'branch outcome'));
    return covered.length === 0 ? 'covers nothing new on its own' : `newly covers ${covered.join(' and ')}`;
}
const POSSIBLE_BUGS_INTRO = 'These generated cases fail where their assertion agrees with the documented intent of the code, so the code may be wrong. They are not among the proposed tests.';
function possibleBugsSection(bugs) {
    const parts = ['#### Possible bugs', '', POSSIBLE_BUGS_INTRO];
    for (const bug of bugs) {
        parts.push('', `**${codeSpan(bug.file)}**: ${codeSpan(bug.testName)}`, '', codeBlock(bug.failure, 'text'), '', `Evidence: ${escapeText(bug.evidence)}`);
    }
    return parts.join('\n');
}
function possibleBugsBrief(bugs) {
    return `**${plural(bugs.length, 'possible bug')}**: generated cases that fail where their assertion agrees with the documented intent of the code (not proposed as tests); left out here: see the JSON report.`;
}
/** The `--estimate` result; `withModules` adds the per-module table. */
function estimateSection(estimate, withModules) {
    const parts = [
        '#### Cost estimate',
        '',
        `Worst case for ${codeSpan(estimate.model)}, no model call made: ${plural(estimate.llmCalls, 'call')} · ${formatCount(estimate.inputTokens)}+${formatCount(estimate.outputTokens)} tokens · ${format_numbers_formatUsd(estimate.costUsd, 4)}.`,
        estimate.exceeds.length === 0
            ? 'It stays within the limits.'
            : `It would cross ${estimate.exceeds.map((limit) => codeSpan(limit)).join(', ')}: the run would stop early and skip modules for budget.`,
    ];
    if (withModules && estimate.modules.length > 0) {
        parts.push('', '| Module | Prompt tokens | Calls | Cost (worst case) |', '| :--- | ---: | ---: | ---: |');
        for (const item of estimate.modules) {
            parts.push(`| ${codeSpan(item.path, true)} | ${formatCount(item.promptTokens)} | ${formatCount(item.llmCalls)} | ${format_numbers_formatUsd(item.costUsd, 4)} |`);
        }
        parts.push(`| **Total** | ${formatCount(estimate.inputTokens)} in + ${formatCount(estimate.outputTokens)} out | ${formatCount(estimate.llmCalls)} | ${format_numbers_formatUsd(estimate.costUsd, 4)} |`);
    }
    return parts.join('\n');
}
/** At most `max` code points, with an ellipsis when cut. */
function generation_sections_shorten(text, max) {
    const chars = [...text];
    return chars.length <= max ? text : `${chars.slice(0, max - 1).join('')}…`;
}

;// CONCATENATED MODULE: ./src/report/isolation-section.ts

const NETWORK = {
    none: 'no network',
    loopback: 'loopback network only',
    host: "the machine's network",
};
const MECHANISM = {
    root: 'as root',
    sudo: 'through sudo',
    'user-namespace': 'in an unprivileged user namespace',
};
function isolationLine(isolation) {
    if (isolation.level === 'none')
        return 'Isolation: none; the repository\'s code ran as this run\'s own user.';
    const who = isolation.sandboxUser === null ? '' : ` as ${escapeText(isolation.sandboxUser)}`;
    const how = isolation.mechanism === null ? '' : ` (${MECHANISM[isolation.mechanism]})`;
    return `Isolation: ${isolation.level}; the repository's code ran${who} in its own PID, mount and IPC namespaces${how}, with the repository read-only and ${NETWORK[isolation.network]}.`;
}
/** A warning block for a run whose repository code was not isolated; null otherwise. */
function isolationWarning(isolation) {
    if (isolation === undefined || isolation.level !== 'none')
        return null;
    const why = isolation.notes.map((note) => escapeText(note)).join('; ');
    return `> [!WARNING]\n> The repository's code ran without isolation: it could read and write what this run's user can. ${why}.`;
}

;// CONCATENATED MODULE: ./src/report/markdown-sections.ts
/**
 * Pure: the pieces of the markdown report (headline, per-file table rows, folded details). How many
 * of them go into the comment is decided by render-markdown.ts.
 */





const REPORT_MARKER = '<!-- testmaster:report -->';
function headlineSection(report, summary) {
    const { patch } = summary;
    // Without a kept case the figures with the tests are the head's own: nothing to compare.
    const proposed = summary.generationRan && summary.keptCases > 0 ? summary.proposedPatch : null;
    const headline = patch.total === 0
        ? '**Patch coverage: n/a**, no changed line is coverable'
        : proposed
            ? `**Patch coverage: ${formatPercent(patch.covered - patch.partial, patch.total)} → ${formatPercent(proposed.covered - proposed.partial, proposed.total)} with the proposed tests** of ${plural(patch.total, 'changed coverable line')} (${change(summary.missing, proposed.total - proposed.covered)} missing, ${change(summary.partial, proposed.partial)} partial)`
            : `**Patch coverage: ${formatPercent(patch.covered - patch.partial, patch.total)}** of ${plural(patch.total, 'changed coverable line')} (${formatCount(summary.missing)} missing, ${formatCount(summary.partial)} partial)`;
    const names = [refName(report.baseRef, report.base), refName(report.headRef, report.head)];
    const named = names.some((name) => name !== null) ? ` (${names.map((name) => escapeText(name ?? '…')).join('..')})` : '';
    const compare = `${codeSpan(shortSha(report.base))}..${codeSpan(shortSha(report.head))}${named}`;
    const counts = [plural(summary.measured.length, 'file') + ' measured'];
    if (summary.failed.length > 0)
        counts.push(`${formatCount(summary.failed.length)} failed`);
    if (summary.skippedCount > 0)
        counts.push(`${formatCount(summary.skippedCount)} skipped`);
    const lines = [REPORT_MARKER, '### TestMaster coverage', '', `${headline} · ${compare}`, '', `${counts.join(', ')}. ${baseLine(report, summary)}`];
    if (summary.generationRan) {
        lines.push('', generationLine(summary.keptCases, summary.proposedFileCount, summary.possibleBugCount));
        const provider = providerLine(report);
        if (provider !== null)
            lines.push('', provider);
        const reuse = reuseLine(report.run);
        if (reuse !== null)
            lines.push('', reuse);
        if (report.budget)
            lines.push('', costLine(report.budget, summary.skippedForBudget));
    }
    return lines.join('\n');
}
/** `'5 → 2'`, or `'5'` when it did not change. */
function change(before, after) {
    return before === after ? formatCount(before) : `${formatCount(before)} → ${formatCount(after)}`;
}
/** A ref worth showing beside its commit: a branch or tag name, not a commit id or HEAD. */
function refName(ref, sha) {
    if (ref === 'HEAD' || (/^[0-9a-f]{4,64}$/i.test(ref) && sha.toLowerCase().startsWith(ref.toLowerCase())))
        return null;
    return ref;
}
function baseLine(report, summary) {
    if (report.baseSource === 'none')
        return 'Base coverage was not measured.';
    const from = report.baseSource === 'file' ? ' (base from a coverage file)' : '';
    if (!summary.baseLines || !summary.headLines)
        return `No file was measured at both base and head${from}.`;
    const deltaText = formatDelta(summary.baseLines, summary.headLines);
    const proposed = summary.generationRan && summary.keptCases > 0 && summary.proposedLines ? ` → ${formatPercent(summary.proposedLines.covered, summary.proposedLines.total)} with the proposed tests` : '';
    return `Line coverage of the modified files: ${formatPercent(summary.baseLines.covered, summary.baseLines.total)} → ${formatPercent(summary.headLines.covered, summary.headLines.total)}${deltaText ? ` (${deltaText})` : ''}${proposed}${from}.`;
}
function tableHeader(withRanges, withGeneration = false) {
    const columns = [
        ['File', ':---'],
        ['Patch', '---:'],
        ...(withGeneration ? [['With tests', '---:']] : []),
        ['Missing', '---:'],
        ['Partial', '---:'],
        ['Lines (base → head)', ':---'],
        ...(withGeneration ? [['Generated tests', ':---']] : []),
        ...(withRanges ? [['Missing lines', ':---']] : []),
    ];
    return `| ${columns.map(([name]) => name).join(' | ')} |\n| ${columns.map(([, align]) => align).join(' | ')} |`;
}
function tableRow(file, opts) {
    const { path, previousPath } = file.file;
    const name = previousPath ? `${codeSpan(path, true)} (from ${codeSpan(previousPath, true)})` : codeSpan(path, true);
    const patch = file.file.head.patch;
    const cells = [name, patch.total === 0 ? 'n/a' : formatPercent(patch.covered - patch.partial, patch.total)];
    if (opts.generation)
        cells.push(withTestsCell(file));
    cells.push(formatCount(file.missing), formatCount(file.partial), linesCell(file));
    if (opts.generation)
        cells.push(generationCell(file));
    if (opts.ranges) {
        const { repoUrl, head } = opts;
        const link = repoUrl ? (from, to) => blobLinesUrl(repoUrl, head, path, from, to) : undefined;
        cells.push(toRanges(patch.missingLines, link ? { link } : {}));
    }
    return `| ${cells.join(' | ')} |`;
}
/** Patch coverage with the kept proposed tests; '—' when the file has no such figure (no generation for it). */
function withTestsCell(file) {
    const proposed = file.file.proposed?.patch;
    if (!proposed)
        return '—';
    return proposed.total === 0 ? 'n/a' : formatPercent(proposed.covered - proposed.partial, proposed.total);
}
function linesCell(file) {
    const head = file.headLines ? formatPercent(file.headLines.covered, file.headLines.total) : 'n/a';
    if (file.baseState === 'new')
        return `new → ${head}`;
    if (!file.baseLines || !file.headLines)
        return `n/a → ${head}`;
    const deltaText = formatDelta(file.baseLines, file.headLines);
    return `${formatPercent(file.baseLines.covered, file.baseLines.total)} → ${head}${deltaText ? ` (${deltaText})` : ''}`;
}
function moreRowsLine(hidden) {
    return `| ... and ${plural(hidden, 'more file')} | | | | |`;
}
function failedNote(count, withDetails) {
    const where = withDetails ? 'the reasons are in the details below' : 'the reasons are in the JSON report';
    return `**${plural(count, 'file')} could not be measured**: ${where}.`;
}
const METRICS = ['lines', 'statements', 'functions', 'branches'];
function detailsSection(report, summary) {
    const parts = [`<details>\n<summary>Details: full metrics of ${plural(summary.measured.length, 'file')}, ${formatCount(summary.skippedCount)} skipped, ${formatCount(summary.failed.length)} failed</summary>`, ''];
    if (summary.measured.length > 0) {
        parts.push('| File | Lines | Statements | Functions | Branches |', '| :--- | :--- | :--- | :--- | :--- |');
        for (const file of summary.measured) {
            const cells = METRICS.map((metric) => metricCell(file, metric));
            parts.push(`| ${codeSpan(file.file.path, true)} | ${cells.join(' | ')} |`);
        }
        parts.push('');
    }
    if (report.skipped.length > 0) {
        parts.push('**Skipped files**', '');
        for (const item of report.skipped)
            parts.push(`- ${codeSpan(item.path)}: ${escapeText(item.reason)}`);
        parts.push('');
    }
    if (summary.failed.length > 0) {
        parts.push('**Failed files**', '');
        for (const file of summary.failed)
            parts.push(`- ${codeSpan(file.path)}: ${escapeText(file.reason ?? 'no coverage was measured')}`);
        parts.push('');
    }
    parts.push('</details>');
    return parts.join('\n');
}
function metricCell(file, metric) {
    const head = file.file.head[metric];
    const base = file.baseState === 'new' ? 'new' : file.file.base ? formatCounts(file.file.base[metric]) : 'n/a';
    return `${base} → ${formatCounts(head)}`;
}
function footer(report) {
    const isolation = report.isolation === undefined ? '' : ` · ${isolationLine(report.isolation)}`;
    return `<sub>${escapeText(report.tool.name)} ${escapeText(report.tool.version)}${isolation}</sub>`;
}
function shortSha(sha) {
    return sha.slice(0, 7);
}

;// CONCATENATED MODULE: ./src/report/summarize-report.ts
function summarizeReport(report) {
    const proposedFiles = report.proposedFiles ?? [];
    const keptByFile = new Map();
    for (const proposed of proposedFiles)
        keptByFile.set(proposed.forFile, (keptByFile.get(proposed.forFile) ?? 0) + proposed.kept.length);
    const measured = report.files
        .filter((file) => file.status === 'measured' && file.head !== null)
        .map((file) => summarizeFile(file, keptByFile.get(file.path) ?? 0))
        .sort(worstFirst);
    const both = measured.filter((f) => f.baseLines !== null && f.headLines !== null);
    const baseLines = both.length === 0 ? null : sumCounts(both.map((f) => f.baseLines));
    const headLines = both.length === 0 ? null : sumCounts(both.map((f) => f.headLines));
    const anyProposed = both.some((f) => f.file.proposed);
    const proposedLines = anyProposed ? sumCounts(both.map((f) => f.file.proposed?.lines ?? f.headLines)) : null;
    const proposedPatch = report.proposedPatch ?? null;
    return {
        patch: report.patch,
        patchPercent: percent(report.patch.covered - report.patch.partial, report.patch.total),
        missing: report.patch.total - report.patch.covered,
        partial: report.patch.partial,
        baseLines,
        headLines,
        linesDelta: baseLines && headLines ? delta(baseLines, headLines) : null,
        generationRan: generationRan(report),
        proposedPatch,
        proposedPatchPercent: proposedPatch ? percent(proposedPatch.covered - proposedPatch.partial, proposedPatch.total) : null,
        proposedLines,
        proposedFileCount: proposedFiles.length,
        keptCases: proposedFiles.reduce((sum, file) => sum + file.kept.length, 0),
        possibleBugCount: report.possibleBugs?.length ?? 0,
        skippedForBudget: report.files.filter((file) => file.generation?.outcome === 'skipped-budget').length,
        measured,
        failed: report.files.filter((file) => !(file.status === 'measured' && file.head !== null)),
        skippedCount: report.skipped.length,
    };
}
/**
 * Generation ran when a model budget was reported or files were proposed; an `--estimate` run made no
 * call, so it did not.
 */
function generationRan(report) {
    if (report.estimate)
        return false;
    return (report.budget !== null && report.budget !== undefined) || report.proposedFiles !== undefined;
}
function summarizeFile(file, keptCases = 0) {
    const patch = file.head?.patch ?? null;
    const proposedPatch = file.proposed?.patch ?? null;
    const baseState = baseStateOf(file);
    const headLines = file.head?.lines ?? null;
    const baseLines = baseState === 'measured' ? file.base.lines : null;
    return {
        file,
        baseState,
        patchPercent: patch ? percent(patch.covered - patch.partial, patch.total) : null,
        coverable: patch?.total ?? 0,
        missing: patch ? patch.total - patch.covered : 0,
        partial: patch?.partial ?? 0,
        baseLines,
        headLines,
        linesDelta: baseLines && headLines ? delta(baseLines, headLines) : null,
        proposedPatchPercent: proposedPatch ? percent(proposedPatch.covered - proposedPatch.partial, proposedPatch.total) : null,
        generation: file.generation ?? null,
        keptCases,
    };
}
function baseStateOf(file) {
    if (file.base !== null)
        return 'measured';
    if (file.changeKind === 'added' || file.changeKind === 'copied')
        return 'new';
    return 'not-measured';
}
/** Lowest patch percentage first, then most missing lines, then path; nothing coverable goes last. */
function worstFirst(a, b) {
    if (a.patchPercent !== b.patchPercent) {
        if (a.patchPercent === null)
            return 1;
        if (b.patchPercent === null)
            return -1;
        return a.patchPercent - b.patchPercent;
    }
    if (a.missing !== b.missing)
        return b.missing - a.missing;
    return a.file.path < b.file.path ? -1 : a.file.path > b.file.path ? 1 : 0;
}
function percent(numerator, total) {
    return total === 0 ? null : (numerator / total) * 100;
}
function delta(base, head) {
    if (base.total === 0 || head.total === 0)
        return null;
    return (head.covered / head.total - base.covered / base.total) * 100;
}
function sumCounts(list) {
    return list.reduce((sum, c) => ({ covered: sum.covered + c.covered, total: sum.total + c.total }), { covered: 0, total: 0 });
}

;// CONCATENATED MODULE: ./src/report/text-size.ts
/**
 * Pure: text size in the two units GitHub limits (characters and UTF-8 bytes), and a last-resort cut
 * that never splits a character.
 */
/** UTF-8 length of a JS string (lone surrogates count as the 3 bytes of U+FFFD, as encoders write). */
function utf8Length(text) {
    let bytes = 0;
    for (let i = 0; i < text.length; i += 1) {
        const code = text.charCodeAt(i);
        if (code < 0x80)
            bytes += 1;
        else if (code < 0x800)
            bytes += 2;
        else if (code >= 0xd800 && code <= 0xdbff && i + 1 < text.length && isLowSurrogate(text.charCodeAt(i + 1))) {
            bytes += 4;
            i += 1;
        }
        else
            bytes += 3;
    }
    return bytes;
}
/** At most `max` UTF-16 characters and at most `max` UTF-8 bytes. */
function fitsWithin(text, max) {
    return text.length <= max && utf8Length(text) <= max;
}
/** The longest prefix of `text` (whole code points) that fits within `max`. */
function truncateToFit(text, max) {
    let chars = 0;
    let bytes = 0;
    let end = 0;
    for (const char of text) {
        const size = utf8Length(char);
        if (chars + char.length > max || bytes + size > max)
            break;
        chars += char.length;
        bytes += size;
        end += char.length;
    }
    return text.slice(0, end);
}
function isLowSurrogate(code) {
    return code >= 0xdc00 && code <= 0xdfff;
}

;// CONCATENATED MODULE: ./src/report/render-markdown.ts
/**
 * Pure: the run report as markdown for a pull-request comment or job summary, patch coverage first.
 *
 * The result always fits `maxChars` characters and as many UTF-8 bytes (GitHub rejects a longer
 * comment with 422). When the whole report does not fit, it degrades in this order, saying what was
 * left out: the bodies of the proposed test files go, largest first (each replaced by a note saying
 * where to read it); then the missing-line ranges; then the table keeps only its worst rows ("... and
 * N more files"), keeping at least ten while the details still fit; then the details go (with them
 * the proposed test files, the possible bugs' failures and the estimate per module, each reduced to
 * one line), and the table keeps as many rows as fit. The JSON report always has everything.
 *
 * Text from outside (file names, case names, reasons, test output, file bodies) never carries `<!--`
 * or `-->` into the markdown as such (escape-markdown.ts), and the result holds no opening of a
 * TestMaster marker but the report's own, first (guardMarkers).
 */







const DEFAULT_MAX_CHARS = 65_536;
/** Rows the table keeps before the details are given up. */
const MIN_ROWS_WITH_DETAILS = 10;
function renderMarkdown(report, opts = {}) {
    const maxChars = Math.max(0, Math.floor(opts.maxChars ?? DEFAULT_MAX_CHARS));
    const parts = prepareParts(report, opts.repoUrl ?? null, opts.omittedBodyNote ?? DEFAULT_OMITTED_BODY_NOTE);
    const all = parts.rowCount;
    const bodies = parts.proposedWithBody.length;
    const transform = opts.transform ?? ((text) => text);
    const statedLimit = opts.statedLimit ?? maxChars;
    const render = (layout) => guardMarkers(transform(compose(parts, layout, statedLimit)));
    const fits = (layout) => fitsWithin(render(layout), maxChars);
    const full = { bodies, ranges: true, rows: all, details: true };
    if (fits(full))
        return render(full);
    if (bodies > 0) {
        const kept = largest(0, bodies, (n) => fits({ ...full, bodies: n }));
        if (kept !== null)
            return render({ ...full, bodies: kept });
    }
    const noRanges = { bodies: 0, ranges: false, rows: all, details: true };
    if (fits(noRanges))
        return render(noRanges);
    const withDetails = largest(Math.min(MIN_ROWS_WITH_DETAILS, all), all, (rows) => fits({ ...noRanges, rows }));
    if (withDetails !== null)
        return render({ ...noRanges, rows: withDetails });
    const withoutDetails = largest(0, all, (rows) => fits({ ...noRanges, rows, details: false }));
    if (withoutDetails !== null)
        return render({ ...noRanges, rows: withoutDetails, details: false });
    return truncateToFit(render({ ...noRanges, rows: 0, details: false }), maxChars);
}
function prepareParts(report, repoUrl, omittedBodyNote) {
    const summary = summarizeReport(report);
    const generation = summary.generationRan;
    const options = (ranges) => ({ ranges, repoUrl, head: report.head, ...(generation ? { generation } : {}) });
    const proposed = report.proposedFiles ?? [];
    const bugs = report.possibleBugs ?? [];
    const block = (body) => proposed.map((file) => proposedFileBlock(file, { body, omittedBodyNote, repoUrl, head: report.head }));
    const bodyOrder = proposed.map((file, index) => ({ index, size: file.content.length })).sort((a, b) => a.size - b.size || a.index - b.index);
    return {
        headline: headlineSection(report, summary),
        generation,
        rowsWithRanges: summary.measured.map((file) => tableRow(file, options(true))),
        rowsPlain: summary.measured.map((file) => tableRow(file, options(false))),
        rowCount: summary.measured.length,
        hasRanges: summary.measured.some((file) => (file.file.head?.patch.missingLines.length ?? 0) > 0),
        failedCount: summary.failed.length,
        details: detailsSection(report, summary),
        proposedHeading: proposed.length > 0 ? proposedTestsHeading(proposed) : null,
        proposedWithBody: block(true),
        proposedWithoutBody: block(false),
        bodyOrder: bodyOrder.map((item) => item.index),
        proposedBrief: proposed.length > 0 ? proposedTestsBrief(proposed) : null,
        bugs: bugs.length > 0 ? possibleBugsSection(bugs) : null,
        bugsBrief: bugs.length > 0 ? possibleBugsBrief(bugs) : null,
        estimate: report.estimate ? estimateSection(report.estimate, true) : null,
        estimateBrief: report.estimate ? estimateSection(report.estimate, false) : null,
        isolationWarning: isolationWarning(report.isolation),
        footer: footer(report),
    };
}
function compose(parts, layout, maxChars) {
    const blocks = [parts.headline];
    if (parts.rowCount > 0 && layout.rows > 0) {
        const rows = (layout.ranges ? parts.rowsWithRanges : parts.rowsPlain).slice(0, layout.rows);
        const hidden = parts.rowCount - rows.length;
        blocks.push([tableHeader(layout.ranges, parts.generation), ...rows, ...(hidden > 0 ? [moreRowsLine(hidden)] : [])].join('\n'));
    }
    if (parts.failedCount > 0)
        blocks.push(failedNote(parts.failedCount, layout.details));
    const estimate = layout.details ? parts.estimate : parts.estimateBrief;
    if (estimate)
        blocks.push(estimate);
    const bugs = layout.details ? parts.bugs : parts.bugsBrief;
    if (bugs)
        blocks.push(bugs);
    if (layout.details && parts.proposedHeading)
        blocks.push(parts.proposedHeading, ...proposedBlocks(parts, layout.bodies));
    else if (parts.proposedBrief)
        blocks.push(parts.proposedBrief);
    if (layout.details)
        blocks.push(parts.details);
    if (parts.isolationWarning)
        blocks.push(parts.isolationWarning);
    const note = omissionNote(parts, layout, maxChars);
    if (note)
        blocks.push(note);
    blocks.push(parts.footer);
    return `${blocks.join('\n\n')}\n`;
}
function proposedBlocks(parts, bodies) {
    const shown = new Set(parts.bodyOrder.slice(0, bodies));
    return parts.proposedWithBody.map((withBody, index) => (shown.has(index) ? withBody : parts.proposedWithoutBody[index]));
}
function omissionNote(parts, layout, maxChars) {
    const left = [];
    const files = parts.proposedWithBody.length;
    if (layout.details && layout.bodies < files)
        left.push(`the bodies of ${formatCount(files - layout.bodies)} of ${plural(files, 'proposed test file')}`);
    if (!layout.ranges && parts.hasRanges)
        left.push('the missing-line ranges');
    const hiddenRows = parts.rowCount - Math.min(layout.rows, parts.rowCount);
    if (hiddenRows > 0)
        left.push(`${formatCount(hiddenRows)} of ${plural(parts.rowCount, 'table row')}`);
    if (!layout.details) {
        left.push('the details (full metrics, skipped and failed files)');
        if (files > 0)
            left.push('the proposed test files');
        if (parts.bugs)
            left.push('the failures of the possible bugs');
        if (parts.estimate)
            left.push('the estimate per module');
    }
    if (left.length === 0)
        return null;
    return `> [!NOTE]\n> Left out to stay within ${formatCount(maxChars)} characters: ${left.join('; ')}. The JSON report has everything.`;
}
/**
 * The last guard on hidden markers: the report's own marker first, and no other opening of a
 * TestMaster marker anywhere (the escapers already break them in text from outside; this catches
 * any that text assembled here could still carry, e.g. a reason put together from several pieces).
 */
function guardMarkers(text) {
    if (!text.startsWith(REPORT_MARKER))
        return breakTestMasterMarkers(text);
    return `${REPORT_MARKER}${breakTestMasterMarkers(text.slice(REPORT_MARKER.length))}`;
}
/** The largest n in [low, high] for which `fits(n)` holds (fits is taken as monotone), or null. */
function largest(low, high, fits) {
    if (!fits(low))
        return null;
    let good = low;
    let bad = high + 1;
    while (bad - good > 1) {
        const mid = Math.floor((good + bad) / 2);
        if (fits(mid))
            good = mid;
        else
            bad = mid;
    }
    return good;
}

;// CONCATENATED MODULE: ./src/report/write-reports.ts
/** Effects: renders the report once, redacts it, and writes the requested files atomically. */








/** GitHub takes up to 1 MiB of job summary per step; this stays a little under it. */
const JOB_SUMMARY_MAX_CHARS = 1_000_000;
const JOB_SUMMARY_OMITTED_BODY_NOTE = 'File body omitted to stay within the size limit: see the `.testmaster/proposed/` directory or the JSON report.';
function renderReports(report, targets) {
    // Redaction happens inside the renderer, so the size limit is checked on the redacted text.
    const redact = (text) => redactSecrets(text, targets.secrets);
    const common = { transform: redact, ...(targets.repoUrl ? { repoUrl: targets.repoUrl } : {}) };
    const markdown = renderMarkdown(report, common);
    const jobSummary = renderMarkdown(report, { ...common, maxChars: JOB_SUMMARY_MAX_CHARS, omittedBodyNote: JOB_SUMMARY_OMITTED_BODY_NOTE });
    // Each string before serialising (JSON would escape a spaced-out secret's newlines), then the text.
    const json = redact(toJsonReport(redactDeep(report, targets.secrets)));
    return { markdown, json, jobSummary };
}
async function writeReports(report, targets) {
    const rendered = renderReports(report, targets);
    if (targets.markdownPath !== null)
        await writeReport(targets.markdownPath, rendered.markdown);
    if (targets.jsonPath !== null)
        await writeReport(targets.jsonPath, rendered.json);
    return rendered;
}
async function writeReport(path, content) {
    try {
        await writeFileAtomic(path, content);
    }
    catch (error) {
        const code = error.code ?? (error instanceof Error ? error.message : String(error));
        throw new errors/* ConfigurationError */.j1(`cannot write the report to ${path} (${code}): choose a writable path for report-md / report-json`);
    }
}
/** Fails before the run, not after it, when a report could not be written where asked. */
async function assertReportTargetsWritable(paths) {
    for (const path of paths) {
        if (path === null)
            continue;
        let dir = (0,external_node_path_.dirname)(path);
        while (!(await (0,promises_.stat)(dir).catch(() => null)))
            dir = (0,external_node_path_.dirname)(dir);
        const ok = (await (0,promises_.stat)(dir)).isDirectory() && (await (0,promises_.access)(dir, external_node_fs_.constants.W_OK).then(() => true, () => false));
        if (!ok)
            throw new errors/* ConfigurationError */.j1(`cannot write the report to ${path}: ${dir} is not a writable directory; choose another path for report-md / report-json`);
    }
}

;// CONCATENATED MODULE: ./src/guard/guard-executor.ts

function guardExecutor(inner, guard, onTampered) {
    const running = new Set();
    return async (request) => {
        await guard.beforeProcess();
        const tampered = new Set();
        running.add(tampered);
        let result;
        try {
            result = await inner(request);
        }
        finally {
            try {
                const changed = await guard.afterProcess();
                if (changed.length > 0) {
                    for (const paths of running)
                        for (const file of changed)
                            paths.add(file);
                    onTampered(changed);
                }
            }
            finally {
                running.delete(tampered);
            }
        }
        return tampered.size === 0 ? result : { ...result, tampered: [...tampered].sort() };
    };
}
/** The usual `onTampered`: one warning event naming the files. */
function warnTampered(events) {
    return (paths) => events.emit({ type: 'warning', message: gitDirRestoredWarning(paths) });
}

;// CONCATENATED MODULE: ./src/guard/admin-compare.ts
function compareAdmin(baseline, current) {
    const added = [];
    const removed = [];
    const differing = [];
    for (const [file, before] of baseline) {
        const now = current.get(file);
        if (now === undefined)
            removed.push(file);
        else if (now.kind !== before.kind || now.mode !== before.mode || now.sig !== before.sig)
            differing.push(file);
    }
    for (const file of current.keys())
        if (!baseline.has(file))
            added.push(file);
    return { added: added.sort(), removed: removed.sort(), differing: differing.sort() };
}
/** True when `now` has the kind, mode and content (bytes or symlink target) of `before`. */
function sameEntry(before, now) {
    if (now === null || now.kind !== before.kind || now.mode !== before.mode)
        return false;
    if (before.kind === 'file')
        return before.bytes !== undefined && now.bytes !== undefined && before.bytes.equals(now.bytes);
    if (before.kind === 'symlink')
        return before.target === now.target;
    return before.kind === 'dir';
}
/** Every path of a difference, sorted. */
function admin_compare_changedPaths(difference) {
    return [...difference.added, ...difference.removed, ...difference.differing].sort();
}

;// CONCATENATED MODULE: ./src/guard/admin-restore.ts
/**
 * Puts the guarded git files back exactly as the baseline has them: added entries deleted, changed and
 * removed ones rewritten with their bytes, modes and symlink targets. Parents first, so a directory a
 * test replaced with a symlink is a directory again before anything is written into it; files are
 * written to a temporary name and renamed over, so git never reads half a config.
 */



function restoreGitAdmin(baseline, difference) {
    const kept = [...baseline.keys()];
    // Deepest first; never a path that holds baseline entries (those are restored below).
    for (const file of [...difference.added].sort(byDepth).reverse()) {
        if (kept.some((entry) => entry.startsWith(`${file}${(external_node_path_default()).sep}`)))
            continue;
        (0,external_node_fs_.rmSync)(file, { recursive: true, force: true });
    }
    const restoredDirs = [];
    for (const file of [...difference.removed, ...difference.differing].sort(byDepth)) {
        const entry = baseline.get(file);
        if (entry === undefined)
            continue;
        restoreEntry(file, entry);
        if (entry.kind === 'dir')
            restoredDirs.push([file, entry.mode]);
    }
    for (const [dir, mode] of restoredDirs.reverse())
        (0,external_node_fs_.chmodSync)(dir, mode);
}
function restoreEntry(file, entry) {
    const current = (0,external_node_fs_.lstatSync)(file, { throwIfNoEntry: false });
    (0,external_node_fs_.mkdirSync)(external_node_path_default().dirname(file), { recursive: true });
    if (entry.kind === 'dir') {
        if (current !== undefined && !current.isDirectory())
            (0,external_node_fs_.rmSync)(file, { recursive: true, force: true });
        (0,external_node_fs_.mkdirSync)(file, { recursive: true });
        (0,external_node_fs_.chmodSync)(file, entry.mode | 0o700); // writable while its entries are restored; exact mode at the end
        return;
    }
    if (current?.isDirectory())
        (0,external_node_fs_.rmSync)(file, { recursive: true, force: true });
    if (entry.kind === 'symlink' && entry.target !== undefined) {
        (0,external_node_fs_.rmSync)(file, { force: true });
        (0,external_node_fs_.symlinkSync)(entry.target, file);
        return;
    }
    if (entry.kind === 'file' && entry.bytes !== undefined) {
        const temporary = `${file}.testmaster-restore-${(0,external_node_crypto_.randomBytes)(6).toString('hex')}`;
        (0,external_node_fs_.writeFileSync)(temporary, entry.bytes, { mode: entry.mode, flag: 'wx' });
        (0,external_node_fs_.chmodSync)(temporary, entry.mode);
        (0,external_node_fs_.renameSync)(temporary, file);
    }
    // Other kinds (fifos, sockets) are not recreated: git writes no such file in these places.
}
function byDepth(a, b) {
    return a.split((external_node_path_default()).sep).length - b.split((external_node_path_default()).sep).length || a.localeCompare(b);
}

;// CONCATENATED MODULE: ./src/guard/admin-rules.ts
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
const GIT_DIR_FILES = ['config', 'config.worktree', 'HEAD', 'objects/info/alternates', 'objects/info/http-alternates'];
/** Directories of a git directory kept whole (every entry, at any depth). */
const GIT_DIR_TREES = ['info', 'hooks', 'branches', 'remotes'];
/** Files of a worktree's admin directory (`worktrees/<name>/`). */
const WORKTREE_FILES = ['HEAD', 'commondir', 'gitdir', 'config.worktree', 'locked'];
/** How deep submodule git directories are looked for under `modules/` (names may contain slashes). */
const MAX_MODULES_DEPTH = 8;

;// CONCATENATED MODULE: ./src/guard/entry-stat.ts
function entryStat(stats) {
    const mode = Number(stats.mode & 4095n);
    if (stats.isDirectory())
        return { kind: 'dir', mode, sig: `d:${mode}` };
    if (stats.isFile())
        return { kind: 'file', mode, sig: `f:${mode}:${stats.ino}:${stats.size}:${stats.mtimeNs}:${stats.ctimeNs}` };
    // A symlink's target cannot change in place: a new target is a new link (new inode, new ctime).
    if (stats.isSymbolicLink())
        return { kind: 'symlink', mode, sig: `l:${stats.ino}:${stats.ctimeNs}` };
    return { kind: 'other', mode, sig: `o:${mode}:${stats.ino}:${stats.ctimeNs}` };
}

;// CONCATENATED MODULE: ./src/guard/admin-scan.ts
/**
 * Reads the guarded files of a repository's git directories (admin-rules.ts says which): a stat of
 * each (cheap, done after every test process), and for the baseline their bytes, modes and symlink
 * targets too, so they can be put back exactly. Synchronous: a few dozen small files. Symlinks are
 * recorded, never followed.
 */




/**
 * Stats of every guarded entry of the common git directory (and the submodules' git directories in
 * it), plus the worktrees' `.git` files named in `gitfiles` (taken from the baseline, never from the
 * current `gitdir` files a test could have rewritten to point anywhere).
 */
function scanGitAdmin(commonDir, gitfiles) {
    const found = new Map();
    visitGitDir(commonDir, found, 0);
    for (const file of gitfiles)
        visit(file, false, found);
    return found;
}
/** Stats of the entries of one worktree admin directory (the directory itself and its guarded files). */
function scanWorktreeAdmin(adminDir) {
    const found = new Map();
    visitWorktree(adminDir, found);
    return found;
}
/** The full entries (content, targets) of the given paths as they are now; absent paths are left out. */
function readAdminEntries(paths) {
    const entries = new Map();
    for (const file of paths) {
        const entry = readAdminEntry(file);
        if (entry !== null)
            entries.set(file, entry);
    }
    return entries;
}
function readAdminEntry(file) {
    const stats = (0,external_node_fs_.lstatSync)(file, { bigint: true, throwIfNoEntry: false });
    if (stats === undefined)
        return null;
    const stat = entryStat(stats);
    try {
        if (stat.kind === 'file')
            return { ...stat, bytes: (0,external_node_fs_.readFileSync)(file) };
        if (stat.kind === 'symlink')
            return { ...stat, target: (0,external_node_fs_.readlinkSync)(file) };
    }
    catch {
        return null; // gone between the stat and the read: absent
    }
    return stat;
}
/** Worktree admin directories of a common git directory (`worktrees/<name>`). */
function worktreeAdminDirs(commonDir) {
    return listDirectory(external_node_path_default().join(commonDir, 'worktrees'))
        .filter((entry) => entry.isDirectory())
        .map((entry) => external_node_path_default().join(commonDir, 'worktrees', entry.name));
}
/** The `.git` file of the worktree an admin directory belongs to, as its `gitdir` file says; null if none. */
function gitfileOf(adminDir) {
    let content;
    try {
        content = (0,external_node_fs_.readFileSync)(external_node_path_default().join(adminDir, 'gitdir'), 'utf8').trim();
    }
    catch {
        return null;
    }
    if (content === '' || content.includes('\0'))
        return null;
    const file = external_node_path_default().resolve(adminDir, content);
    return external_node_path_default().basename(file) === '.git' ? file : null;
}
function visitGitDir(gitDir, found, depth) {
    for (const name of GIT_DIR_FILES)
        visit(external_node_path_default().join(gitDir, name), false, found);
    for (const name of GIT_DIR_TREES)
        visit(external_node_path_default().join(gitDir, name), true, found);
    for (const adminDir of worktreeAdminDirs(gitDir))
        visitWorktree(adminDir, found);
    if (depth < 2)
        visitModules(external_node_path_default().join(gitDir, 'modules'), found, depth, 0);
}
function visitWorktree(adminDir, found) {
    visit(adminDir, false, found);
    for (const name of WORKTREE_FILES)
        visit(external_node_path_default().join(adminDir, name), false, found);
}
/** Submodules' git directories: directories under `modules/` holding a HEAD file and a config. */
function visitModules(dir, found, gitDepth, depth) {
    if (depth > MAX_MODULES_DEPTH)
        return;
    for (const entry of listDirectory(dir)) {
        if (!entry.isDirectory())
            continue;
        const child = external_node_path_default().join(dir, entry.name);
        if (admin_scan_isFile(external_node_path_default().join(child, 'HEAD')) && admin_scan_isFile(external_node_path_default().join(child, 'config')))
            visitGitDir(child, found, gitDepth + 1);
        else
            visitModules(child, found, gitDepth, depth + 1);
    }
}
function visit(file, recurse, found) {
    const stats = (0,external_node_fs_.lstatSync)(file, { bigint: true, throwIfNoEntry: false });
    if (stats === undefined)
        return;
    const stat = entryStat(stats);
    found.set(file, stat);
    if (!recurse || stat.kind !== 'dir')
        return;
    for (const entry of listDirectory(file))
        visit(external_node_path_default().join(file, entry.name), true, found);
}
function listDirectory(dir) {
    try {
        return (0,external_node_fs_.readdirSync)(dir, { withFileTypes: true });
    }
    catch {
        return [];
    }
}
function admin_scan_isFile(file) {
    return (0,external_node_fs_.lstatSync)(file, { throwIfNoEntry: false })?.isFile() ?? false;
}

;// CONCATENATED MODULE: ./src/guard/tree-compare.ts
function compareTree(before, after, isOwnOutput = () => false) {
    const changes = [];
    for (const [file, was] of before) {
        if (isOwnOutput(file))
            continue;
        const now = after.get(file);
        if (now === undefined)
            changes.push({ path: file, change: 'removed' });
        else if (differs(was, now))
            changes.push({ path: file, change: 'modified' });
    }
    for (const [file, now] of after) {
        if (before.has(file) || now.kind === 'dir' || isOwnOutput(file))
            continue;
        changes.push({ path: file, change: 'added' });
    }
    return changes.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}
function differs(was, now) {
    return was.kind !== now.kind || was.mode !== now.mode || was.sig !== now.sig;
}
/** A predicate for the run's own outputs: repository-relative paths, each a file or a directory prefix. */
function ownOutputMatcher(relativePaths) {
    const exact = new Set(relativePaths);
    const prefixes = relativePaths.map((entry) => `${entry}/`);
    return (file) => exact.has(file) || prefixes.some((prefix) => file.startsWith(prefix));
}

// EXTERNAL MODULE: external "node:timers/promises"
var external_node_timers_promises_ = __webpack_require__(8500);
;// CONCATENATED MODULE: ./src/guard/tree-scan.ts
/**
 * A snapshot of a checkout: every entry (tracked, untracked and ignored: node_modules, .env, dist/...)
 * with what entry-stat.ts records, keyed by POSIX path relative to the root; the git directory left
 * out. Symlinks are recorded, never followed. The walk is synchronous (several times faster than
 * promise-based stats) in slices, yielding to the event loop between them so running processes' output
 * keeps flowing. bench/tree-snapshot.ts prints what it costs.
 */




/** Entries stat'ed between two yields to the event loop. */
const SLICE = 2000;
/**
 * Walks `root`. `skipDirs` are absolute directories not entered (the git directory when it is not the
 * top-level `.git`); the top-level `.git` itself (directory or file) is always left out.
 */
async function scanTree(root, skipDirs = []) {
    const found = new Map();
    const skip = new Set(skipDirs.map((dir) => external_node_path_default().resolve(dir)));
    const pending = [{ abs: root, rel: '' }];
    let sinceYield = 0;
    while (pending.length > 0) {
        const { abs, rel } = pending.pop();
        let names;
        try {
            names = (0,external_node_fs_.readdirSync)(abs);
        }
        catch {
            continue; // unreadable or gone: its entry (if any) is recorded, its content cannot be
        }
        for (const name of names) {
            if (rel === '' && name === '.git')
                continue;
            const childAbs = external_node_path_default().join(abs, name);
            const childRel = rel === '' ? name : `${rel}/${name}`;
            const stats = (0,external_node_fs_.lstatSync)(childAbs, { bigint: true, throwIfNoEntry: false });
            if (stats === undefined)
                continue;
            const stat = entryStat(stats);
            found.set(childRel, stat);
            if (stat.kind === 'dir' && !skip.has(childAbs))
                pending.push({ abs: childAbs, rel: childRel });
        }
        sinceYield += names.length;
        if (sinceYield >= SLICE) {
            sinceYield = 0;
            await (0,external_node_timers_promises_.setImmediate)();
        }
    }
    return found;
}

;// CONCATENATED MODULE: ./src/guard/repository-guard.ts
/**
 * The repository guard: what repository code must leave as it found it, checked at every isolation
 * level (also "none", where it runs as our own user).
 *
 * - The git directory's guarded files (admin-rules.ts): a baseline with their bytes before the first
 *   test process; after every test process a stat of each (about a millisecond), and on any change
 *   the baseline is put back exactly before the result is handed on (so before any further git
 *   command of ours that waits on it), and the changed paths are returned. TestMaster's own worktree
 *   additions and removals run through `changingWorktrees`, which takes their admin files into (or
 *   out of) the baseline; checks wait while one runs.
 * - The user's checkout, ignored files included (tree-scan.ts): a baseline before the first test
 *   process, compared at the end of each phase that ran repository code (`checkTree`), not per process:
 *   a real-sized node_modules costs hundreds of milliseconds (bench/tree-snapshot.ts). It cannot be
 *   put back (only stats are kept); the caller discards the phase's results and says what to do.
 */











/** Copies of TestMaster's own proposals, written after a run: never the tests' doing. */
const PROPOSED_DIR = '.testmaster/proposed';
function createRepositoryGuard(repoDir) {
    const serial = (0,p_limit/* default */.A)(1);
    let started = null;
    let layout = null;
    const admin = new Map();
    /** Worktree admin directory -> the worktree's `.git` file, as the baseline has it. */
    const gitfiles = new Map();
    let tree = new Map();
    let processesSinceTreeCheck = 0;
    const setUp = async () => {
        layout = await locate(repoDir);
        for (const [file, entry] of readAdminEntries(scanGitAdmin(layout.commonDir, []).keys()))
            admin.set(file, entry);
        for (const adminDir of worktreeAdminDirs(layout.commonDir))
            addGitfile(adminDir);
        tree = await scanTree(layout.top, skipDirs(layout));
    };
    const ready = () => {
        started ??= setUp();
        return started.then(() => layout);
    };
    const addGitfile = (adminDir) => {
        const gitfile = gitfileOf(adminDir);
        const entry = gitfile === null ? null : readAdminEntry(gitfile);
        if (gitfile === null || entry === null || entry.kind !== 'file')
            return;
        gitfiles.set(adminDir, gitfile);
        admin.set(gitfile, entry);
    };
    return {
        async beforeProcess() {
            await ready();
            processesSinceTreeCheck += 1;
        },
        afterProcess() {
            return serial(async () => {
                const { commonDir, top } = await ready();
                const difference = realDifference(admin, scanGitAdmin(commonDir, [...gitfiles.values()]));
                const changed = admin_compare_changedPaths(difference);
                if (changed.length === 0)
                    return [];
                try {
                    restoreGitAdmin(admin, difference);
                }
                catch (error) {
                    throw new errors/* GitError */.XS(`could not put back ${listDisplay(changed, top)} after a test changed them (${error instanceof Error ? error.message : String(error)}); restore them by hand before using the repository`, { cause: error });
                }
                forgetEffectiveConfigs();
                const left = admin_compare_changedPaths(realDifference(admin, scanGitAdmin(commonDir, [...gitfiles.values()])));
                if (left.length > 0)
                    throw new errors/* GitError */.XS(`could not put back ${listDisplay(left, top)} after a test changed them; restore them by hand before using the repository`);
                return changed.map((file) => repository_guard_displayPath(file, top)).sort();
            });
        },
        changingWorktrees(fn) {
            return serial(async () => {
                const { commonDir } = await ready();
                const before = new Set(worktreeAdminDirs(commonDir));
                try {
                    return await fn();
                }
                finally {
                    const after = new Set(worktreeAdminDirs(commonDir));
                    for (const adminDir of after) {
                        if (before.has(adminDir))
                            continue;
                        for (const [file, entry] of readAdminEntries(scanWorktreeAdmin(adminDir).keys()))
                            admin.set(file, entry);
                        addGitfile(adminDir);
                    }
                    for (const adminDir of before) {
                        if (after.has(adminDir))
                            continue;
                        for (const file of [...admin.keys()])
                            if (file === adminDir || file.startsWith(`${adminDir}${(external_node_path_default()).sep}`))
                                admin.delete(file);
                        const gitfile = gitfiles.get(adminDir);
                        if (gitfile !== undefined)
                            admin.delete(gitfile);
                        gitfiles.delete(adminDir);
                    }
                }
            });
        },
        async checkTree(ownOutputs) {
            const current = await ready();
            if (processesSinceTreeCheck === 0)
                return [];
            processesSinceTreeCheck = 0;
            const now = await scanTree(current.top, skipDirs(current));
            const own = ownOutputMatcher([PROPOSED_DIR, ...ownOutputs.map((file) => relativeTo(current.top, file)).filter((file) => file !== null)]);
            const changes = compareTree(tree, now, own);
            tree = now;
            return changes;
        },
    };
}
/**
 * The difference without files rewritten with the same bytes and mode (their new stat becomes the
 * baseline's, so they are not read again).
 */
function realDifference(admin, current) {
    const difference = compareAdmin(admin, current);
    const differing = difference.differing.filter((file) => {
        const before = admin.get(file);
        const now = readAdminEntry(file);
        if (!sameEntry(before, now))
            return true;
        admin.set(file, { ...before, sig: now.sig });
        return false;
    });
    return { ...difference, differing };
}
async function locate(repoDir) {
    const result = await runGit(repoDir, ['rev-parse', '--path-format=absolute', '--show-toplevel', '--git-common-dir', '--absolute-git-dir']);
    const [top, commonDir, gitDir] = result.stdout.split('\n');
    if (!top || !commonDir || !gitDir)
        throw new errors/* GitError */.XS(`could not locate the git directory of ${repoDir}; run inside a checkout or pass --repo`);
    return { top: (0,external_node_fs_.realpathSync)(top), commonDir: (0,external_node_fs_.realpathSync)(commonDir), gitDir: (0,external_node_fs_.realpathSync)(gitDir) };
}
/** Git directories inside the checkout that are not its top-level `.git` (never walked as checkout content). */
function skipDirs(layout) {
    return [layout.commonDir, layout.gitDir];
}
function relativeTo(top, file) {
    let absolute = external_node_path_default().resolve(file);
    try {
        absolute = (0,external_node_fs_.realpathSync)(absolute);
    }
    catch {
        absolute = external_node_path_default().join(realpathOr(external_node_path_default().dirname(absolute)), external_node_path_default().basename(absolute));
    }
    const relative = external_node_path_default().relative(top, absolute);
    return relative === '' || relative.startsWith('..') || external_node_path_default().isAbsolute(relative) ? null : relative.split((external_node_path_default()).sep).join('/');
}
function realpathOr(dir) {
    try {
        return (0,external_node_fs_.realpathSync)(dir);
    }
    catch {
        return dir;
    }
}
/** `.git/config` for files under the checkout, else the absolute path. */
function repository_guard_displayPath(file, top) {
    const relative = external_node_path_default().relative(top, file);
    return relative.startsWith('..') || external_node_path_default().isAbsolute(relative) ? file : relative.split((external_node_path_default()).sep).join('/');
}
function listDisplay(files, top) {
    return files.slice(0, 5).map((file) => repository_guard_displayPath(file, top)).join(', ');
}

;// CONCATENATED MODULE: ./src/version.ts
/** The tool's version; a test keeps it equal to package.json's. */
const VERSION = '0.1.0';

;// CONCATENATED MODULE: ./src/files/new-files-patch.ts
function newFilesPatch(files) {
    return files.map(filePatch).join('');
}
function filePatch(file) {
    const lines = file.content.split('\n');
    const endsWithNewline = file.content.endsWith('\n');
    if (endsWithNewline)
        lines.pop();
    const header = [`diff --git a/${file.path} b/${file.path}`, 'new file mode 100644', '--- /dev/null', `+++ b/${file.path}`];
    if (lines.length === 0)
        return `${header.slice(0, 2).join('\n')}\n`;
    const body = [`@@ -0,0 +1,${lines.length} @@`, ...lines.map((line) => `+${line}`)];
    if (!endsWithNewline)
        body.push('\\ No newline at end of file');
    return `${[...header, ...body].join('\n')}\n`;
}

;// CONCATENATED MODULE: ./src/files/write-proposed-files.ts
/**
 * Puts the kept test files where the user can read them: always under a directory of ours
 * (`.testmaster/proposed/` in the CLI, the runner's temp directory in the action), replaced as a whole
 * on each run, as `<path>.txt` copies plus one `proposed.patch` that `git apply` takes. The copies
 * carry `.txt` so the repository's own test runner never collects them (Vitest and Jest would run a
 * `*.test.ts` anywhere under the repository, with imports that do not resolve from there). With `write`,
 * the files also go to their paths in the repository, as new files only (an existing file is never
 * overwritten: it is listed as not written, with the reason).
 */







const MAX_FILE_BYTES = 200 * 1024;
const COPY_SUFFIX = '.txt';
const PATCH_NAME = 'proposed.patch';
async function writeProposedFiles(files, options) {
    const directory = external_node_path_default().resolve(options.directory);
    await refuseLinksOnTheWay(directory, options.repoDir);
    await (0,promises_.rm)(directory, { recursive: true, force: true });
    if (files.length === 0)
        return { directory, placed: [], notPlaced: [] }; // an earlier proposal is gone; nothing new
    await (0,promises_.mkdir)(directory, { recursive: true });
    await ignoreOurDirectory(directory, options.repoDir);
    for (const file of files) {
        const problem = proposedPathProblem(file.path, DEFAULT_TEST_GLOBS);
        if (problem)
            continue; // cannot happen for a validated file; never write it anyway
        await writeFileAtomic(external_node_path_default().join(directory, ...`${file.path}${COPY_SUFFIX}`.split('/')), file.content);
    }
    await writeFileAtomic(external_node_path_default().join(directory, PATCH_NAME), newFilesPatch(files));
    const placed = [];
    const notPlaced = [];
    if (options.placeInRepo) {
        for (const file of files) {
            try {
                await writeNewTestFile(options.repoDir, file.path, file.content, { testGlobs: DEFAULT_TEST_GLOBS, maxBytes: MAX_FILE_BYTES });
                placed.push(file.path);
            }
            catch (error) {
                notPlaced.push({ path: file.path, reason: error instanceof Error ? error.message : String(error) });
            }
        }
    }
    return { directory, placed, notPlaced };
}
/**
 * Inside the repository, every existing part of the path to our directory must be a real directory,
 * not a symbolic link: a pull request could commit `.testmaster -> ~` and have us delete and write there.
 */
async function refuseLinksOnTheWay(directory, repoDir) {
    const root = external_node_path_default().resolve(repoDir);
    const relative = external_node_path_default().relative(root, directory);
    if (relative === '' || relative.startsWith('..') || external_node_path_default().isAbsolute(relative))
        return; // not inside the repository
    let current = root;
    for (const segment of relative.split((external_node_path_default()).sep)) {
        current = external_node_path_default().join(current, segment);
        const info = await (0,promises_.lstat)(current).catch(() => null);
        if (info === null)
            return; // the rest is created by us
        if (info.isSymbolicLink() || !info.isDirectory()) {
            throw new errors/* GenerationError */.VP(`${external_node_path_default().relative(root, current)} in the repository is ${info.isSymbolicLink() ? 'a symbolic link' : 'not a directory'}: TestMaster writes its proposed tests there; remove it and run again`);
        }
    }
}
/** `.testmaster/` inside a repository gets a `.gitignore` of `*`, so the copies are never committed by accident. */
async function ignoreOurDirectory(directory, repoDir) {
    const relative = external_node_path_default().relative(external_node_path_default().resolve(repoDir), directory);
    if (relative.startsWith('..') || external_node_path_default().isAbsolute(relative))
        return;
    const top = relative.split((external_node_path_default()).sep)[0];
    if (top !== '.testmaster')
        return;
    await writeFileAtomic(external_node_path_default().join(external_node_path_default().resolve(repoDir), '.testmaster', '.gitignore'), '*\n');
}

;// CONCATENATED MODULE: ./src/report/known-secrets.ts
const KEY_VARIABLES = ['OPENAI_API_KEY', 'AZURE_OPENAI_API_KEY'];
const HEADER_VARIABLES = ['OTEL_EXPORTER_OTLP_HEADERS', 'OTEL_EXPORTER_OTLP_TRACES_HEADERS'];
function knownSecrets(config, env) {
    const headerValues = HEADER_VARIABLES.flatMap((name) => (env[name] ?? '').split(',').map((pair) => decodeHeaderValue(pair.slice(pair.indexOf('=') + 1))));
    const values = [config.apiKey, ...KEY_VARIABLES.map((name) => env[name]), ...headerValues];
    return [...new Set(values.filter((value) => typeof value === 'string' && value.trim().length >= 8))];
}
/** What those secrets are, for messages ('the model key', 'the OpenTelemetry collector headers'). */
function heldSecretNames(config, env) {
    const names = [];
    if ([config.apiKey, ...KEY_VARIABLES.map((name) => env[name])].some((value) => typeof value === 'string' && value.trim() !== ''))
        names.push('the model key');
    if (HEADER_VARIABLES.some((name) => (env[name] ?? '').trim() !== ''))
        names.push('the OpenTelemetry collector headers');
    return names;
}
function decodeHeaderValue(text) {
    try {
        return decodeURIComponent(text.trim());
    }
    catch {
        return text.trim();
    }
}

;// CONCATENATED MODULE: ./src/sandbox/capped-output.ts
/**
 * Captures a byte stream up to a cap, keeping its head and its tail (where a test runner prints the
 * first error and the summary) and counting what was cut in between. Memory stays bounded by the cap
 * whatever the child prints.
 */
class HeadTailCapture {
    headLimit;
    tailLimit;
    head = [];
    headBytes = 0;
    tail = [];
    tailBytes = 0;
    total = 0;
    constructor(maxBytes) {
        const cap = Math.max(2, Math.floor(maxBytes));
        this.headLimit = Math.ceil(cap / 2);
        this.tailLimit = cap - this.headLimit;
    }
    push(chunk) {
        this.total += chunk.length;
        let rest = chunk;
        if (this.headBytes < this.headLimit) {
            const take = Math.min(this.headLimit - this.headBytes, rest.length);
            this.head.push(rest.subarray(0, take));
            this.headBytes += take;
            rest = rest.subarray(take);
        }
        if (rest.length === 0)
            return;
        this.tail.push(rest);
        this.tailBytes += rest.length;
        while (this.tail.length > 1 && this.tailBytes - this.tail[0].length >= this.tailLimit) {
            this.tailBytes -= this.tail.shift().length;
        }
    }
    get totalBytes() {
        return this.total;
    }
    get truncated() {
        return this.total > this.headLimit + this.tailLimit;
    }
    /** The captured text, decoded as UTF-8, with a `[... N bytes cut ...]` line where bytes were dropped. */
    text() {
        const head = Buffer.concat(this.head);
        const tailAll = Buffer.concat(this.tail);
        if (!this.truncated)
            return Buffer.concat([head, tailAll]).toString('utf8');
        const keptHead = head.subarray(0, completeUtf8Length(head));
        const rawTail = tailAll.subarray(Math.max(0, tailAll.length - this.tailLimit));
        const keptTail = rawTail.subarray(leadingContinuationBytes(rawTail));
        const cut = this.total - keptHead.length - keptTail.length;
        return `${keptHead.toString('utf8')}\n[... ${cut} bytes cut ...]\n${keptTail.toString('utf8')}`;
    }
}
/** Length of `bytes` without an incomplete UTF-8 sequence at its end. */
function completeUtf8Length(bytes) {
    for (let back = 1; back <= Math.min(4, bytes.length); back++) {
        const byte = bytes[bytes.length - back];
        if ((byte & 0b1100_0000) === 0b1000_0000)
            continue; // continuation byte: keep looking for the lead
        const needed = byte >= 0b1111_0000 ? 4 : byte >= 0b1110_0000 ? 3 : byte >= 0b1100_0000 ? 2 : 1;
        return needed > back ? bytes.length - back : bytes.length;
    }
    return bytes.length;
}
/** How many continuation bytes start `bytes` (the rest of a character cut off in front). */
function leadingContinuationBytes(bytes) {
    let count = 0;
    while (count < Math.min(3, bytes.length) && (bytes[count] & 0b1100_0000) === 0b1000_0000)
        count++;
    return count;
}

// EXTERNAL MODULE: ./src/sandbox/environment.ts
var environment = __webpack_require__(4282);
;// CONCATENATED MODULE: ./src/sandbox/isolation/find-on-path.ts
/** An executable looked up on a PATH value as a shell would (absolute directories only); null when absent. */



async function findOnPath(name, searchPath) {
    if (external_node_path_default().isAbsolute(name))
        return name;
    for (const dir of searchPath.split((external_node_path_default()).delimiter)) {
        if (dir === '' || !external_node_path_default().isAbsolute(dir))
            continue;
        const candidate = external_node_path_default().join(dir, name);
        if (await (0,promises_.access)(candidate, external_node_fs_.constants.X_OK).then(() => true, () => false))
            return candidate;
    }
    return null;
}

;// CONCATENATED MODULE: ./src/sandbox/isolation/init-script.ts
/**
 * The sandbox's two POSIX shell scripts. Both run as root of the namespaces they are in (real root, or
 * root of an unprivileged user namespace) and take their values from a spec (sandbox-spec.ts) that
 * TestMaster writes, every value single-quoted.
 *
 * TEMPLATE (once per run, the "holder"): in new mount, network and IPC namespaces, builds the sandbox's
 * root on a tmpfs from read-only binds of the host's system directories and of what the run needs, a
 * private /tmp and /dev, brings up the loopback interface, pivots into the new root and detaches the
 * host's, prints `testmaster-sandbox-ready <pid>`, and waits on its stdin (TestMaster's lifeline): at
 * EOF it exits and the template is gone. Building the root once keeps each process's start cheap.
 *
 * PROCESS (once per sandboxed process, after nsenter into the template and unshare of a new PID and
 * mount namespace): mounts the new PID namespace's /proc, makes the process's own directories writable
 * (and gives them to the sandbox user), then runs the command as the sandbox user with every capability
 * dropped and no_new_privs. Its stdin is the lifeline too: at EOF (TestMaster closed it on a timeout or
 * a cancel, or died) every process of the namespace is SIGKILLed; when the command ends, whatever it
 * left behind is. The kernel kills every process of a PID namespace when its init exits, so nothing the
 * command started outlives it, whatever it did to its session, process group or environment.
 *
 * Exit status of PROCESS: the command's (128 + signal when a signal ended it); 125 with a line starting
 * `testmaster-sandbox:` on stderr when the sandbox could not be set up.
 */
const SANDBOX_SETUP_FAILED_EXIT = 125;
const SANDBOX_MESSAGE_PREFIX = 'testmaster-sandbox:';
const SANDBOX_READY = 'testmaster-sandbox-ready';
const FAIL = `fail() { printf '${SANDBOX_MESSAGE_PREFIX} %s\\n' "$*" >&2; exit ${SANDBOX_SETUP_FAILED_EXIT}; }`;
const TEMPLATE_SCRIPT = `# TestMaster sandbox template (see src/sandbox/isolation/init-script.ts). $1: the spec.
set -u
${FAIL}
# root DIR: the new root, a tmpfs on an empty directory of TestMaster's.
root() { R=$1; mount -t tmpfs -o mode=0755,nosuid,nodev,size=16m tm-root "$R" || fail "cannot mount a tmpfs on $R"; }
# dirs PATH...: mount points (and parents) in the new root, in one process.
dirs() { for p in "$@"; do set -- "$@" "$R$p"; shift; done; mkdir -p -- "$@" || fail "cannot create mount points in the sandbox root"; }
# links TARGET...: symlinks of the host's root named as their targets' last part (bin -> usr/bin).
links() { cd "$R" && ln -s -- "$@" . || fail "cannot create the root's symlinks"; cd /; }
link() { ln -s -- "$2" "$R$1" || fail "cannot create the symlink $1"; }
tmpfs() { mount -t tmpfs -o "$2" tm-tmpfs "$R$1" || fail "cannot mount a tmpfs on $1"; }
# bind SOURCE PATH OPTIONS: the host's SOURCE at PATH in the new root (ro or rw in OPTIONS).
bind() { mount --bind -o "$3" -- "$1" "$R$2" || fail "cannot bind-mount $1 ($3)"; }
# devices copy|bind: the minimal /dev, by copying the device nodes (real root) or binding them.
devices() {
  if [ "$1" = copy ]; then cp -a /dev/null /dev/zero /dev/full /dev/random /dev/urandom /dev/tty "$R/dev/" || fail "cannot create /dev nodes"
  else for d in null zero full random urandom tty; do : > "$R/dev/$d"; mount --bind "/dev/$d" "$R/dev/$d" || fail "cannot bind /dev/$d"; done; fi
  cd "$R/dev" && ln -s /proc/self/fd fd && ln -s fd/0 stdin && ln -s fd/1 stdout && ln -s fd/2 stderr || fail "cannot create /dev links"; cd /
}
# proc: the template's /proc. It lets umount work after the pivot (util-linux reads the mount table)
# and, in a user namespace, lets each process mount its own (the kernel mounts a new /proc there only
# where one is fully visible already); as real root it is unmounted once the host's root is detached.
proc() { mount -t proc -o nosuid,nodev,noexec tm-proc "$R/proc" || fail "cannot mount /proc"; }
loopback() { ip link set lo up || fail "cannot bring up the loopback interface of the network namespace"; }
own() { o=$1; shift; chown -- "$o" "$@" || fail "cannot give the writable paths to the sandbox user"; }
# enter keep|drop: pivot into the new root, detach the host's, keep or drop the template's /proc.
enter() {
  cd "$R" && pivot_root . .host || fail "cannot pivot into the sandbox root"
  cd / && umount -l /.host || fail "cannot detach the host's root"
  if [ "$1" = drop ]; then umount /proc || fail "cannot unmount the template's /proc"; fi
}
ready() { echo "${SANDBOX_READY} $$"; read -r _; exit 0; }
. "$1" || fail "cannot read the sandbox spec $1"
`;
const PROCESS_SCRIPT = `set -u
${FAIL}
proc() { mount -t proc -o nosuid,nodev,noexec tm-proc /proc || fail "cannot mount /proc for the new PID namespace"; }
# writable PATH OPTIONS: the process's own directory, read-write (the template shows it read-only).
writable() { mount --bind -o "$2" -- "$1" "$1" || fail "cannot make $1 writable"; }
own() { o=$1; shift; chown -- "$o" "$@" || fail "cannot give the writable paths to the sandbox user"; }
# run CWD RETURN_OWNER PATHS COMMAND...: run it; afterwards no process of it is left, and the writable
# paths (newline-separated) go back to TestMaster's user (RETURN_OWNER '' when nothing changes hands).
run() {
  cd -- "$1" || fail "the working directory $1 is not in the sandbox"
  tm_owner=$2; tm_paths=$3; shift 3
  trap 'kill -KILL -1 2>/dev/null; finish 137' TERM
  exec 3<&0
  { read -r _; kill -TERM 1; } <&3 >/dev/null 2>&1 &
  # The sandbox's processes are the ones the kernel ends first when memory runs out.
  ( echo 1000 > /proc/self/oom_score_adj 2>/dev/null; exec "$@" ) </dev/null 3<&- &
  wait $!; tm_status=$?
  kill -KILL -1 2>/dev/null
  finish "$tm_status"
}
finish() {
  trap '' TERM
  if [ -n "$tm_owner" ]; then
    old_ifs=$IFS; IFS='
'; set -f
    for p in $tm_paths; do chown -R -h -- "$tm_owner" "$p" 2>/dev/null; done
    IFS=$old_ifs; set +f
  fi
  exit "$1"
}
`;

;// CONCATENATED MODULE: ./src/sandbox/isolation/shell-quote.ts
/** Pure: a word for a POSIX shell, single-quoted so that nothing in it is interpreted. */
function shellQuote(word) {
    if (word.includes('\0'))
        throw new Error('a shell word cannot hold a NUL byte');
    return `'${word.replace(/'/g, `'\\''`)}'`;
}
/** Words joined with spaces, each quoted. */
function shellWords(words) {
    return words.map(shellQuote).join(' ');
}

;// CONCATENATED MODULE: ./src/sandbox/isolation/sandbox-spec.ts
/**
 * Pure: the specs of the sandbox's shell scripts (init-script.ts), as shell text. Every value is
 * single-quoted, so no path, argument or variable can be read as shell code.
 *
 * The template's root is a tmpfs holding only: the host's system directories and the run's paths,
 * bound read-only; the runners' cache, read-write; a private /tmp, /dev/shm, a minimal /dev. Binds
 * are made parents first; a path inside an already bound path needs no mount point of its own (it is
 * visible through its parent) and is bound again only when its access differs or it shows another
 * source (a file masked by a sanitised copy). Each process then adds its own /proc and read-write
 * directories.
 */


/** Directories that get a tmpfs of their own, with their mount options. */
function tmpfsMounts(tmpSizeMiB) {
    return [
        { path: '/tmp', options: `mode=1777,nosuid,nodev,size=${tmpSizeMiB}m` },
        { path: '/dev', options: 'mode=0755,nosuid,noexec,size=1m' },
    ];
}
const RESERVED = new Set(['/', '/proc', '/dev', '/tmp', '/dev/shm', '/.host']);
function renderTemplateSpec(spec) {
    for (const value of [spec.rootDir, ...spec.binds.flatMap((bind) => [bind.path, bind.source ?? bind.path])])
        assertPlainAbsolute(value);
    const reserved = spec.binds.find((bind) => RESERVED.has(external_node_path_default().posix.normalize(bind.path).replace(/(.)\/$/, '$1')));
    if (reserved !== undefined)
        throw new Error(`the sandbox cannot bind ${reserved.path}: it is part of the sandbox's own root`);
    const binds = orderedBinds(spec.binds);
    const underTmpfs = (target) => tmpfsMounts(0).some((mount) => sandbox_spec_isInside(target, mount.path));
    const mountPoints = binds.filter((bind) => bind.mountPoint).map((bind) => bind.path);
    const sameName = spec.rootLinks.filter((link) => external_node_path_default().posix.basename(link.target) === link.name);
    const otherName = spec.rootLinks.filter((link) => external_node_path_default().posix.basename(link.target) !== link.name);
    const lines = [
        `root ${shellQuote(spec.rootDir)}`,
        `dirs ${shellWords(['/.host', '/proc', ...tmpfsMounts(0).map((mount) => mount.path), ...mountPoints.filter((target) => !underTmpfs(target))])}`,
        ...tmpfsMounts(spec.tmpSizeMiB).map((mount) => `tmpfs ${shellQuote(mount.path)} ${shellQuote(mount.options)}`),
        `dirs ${shellWords(['/dev/shm', ...mountPoints.filter(underTmpfs)])}`,
        `tmpfs '/dev/shm' 'mode=1777,nosuid,nodev,size=64m'`,
        `devices ${spec.devices}`,
        'proc',
        ...(sameName.length > 0 ? [`links ${shellWords(sameName.map((link) => link.target))}`] : []),
        ...otherName.map((link) => `link ${shellQuote(`/${link.name}`)} ${shellQuote(link.target)}`),
        ...binds.map((bind) => `bind ${shellWords([bind.source ?? bind.path, bind.path, bindOptions(bind)])}`),
    ];
    const writable = binds.filter((bind) => bind.writable);
    if (spec.sandboxOwner !== null && writable.length > 0)
        lines.push(`own ${shellWords([spec.sandboxOwner, ...writable.map((bind) => bind.source ?? bind.path)])}`);
    if (spec.loopback)
        lines.push('loopback');
    lines.push(`enter ${spec.keepProc ? 'keep' : 'drop'}`, 'ready');
    return `${lines.join('\n')}\n`;
}
function renderProcessSpec(spec) {
    for (const value of [spec.cwd, ...spec.writable.map((bind) => bind.path)])
        assertPlainAbsolute(value);
    const writable = orderedBinds(spec.writable).map((bind) => bind.path);
    const byPath = new Map(spec.writable.map((bind) => [external_node_path_default().posix.normalize(bind.path), bind]));
    const environment = Object.entries(spec.env).map(([name, value]) => {
        if (name === '' || name.includes('=') || /[\0\n]/.test(name) || value.includes('\0'))
            throw new Error(`invalid environment variable for the sandbox: ${JSON.stringify(name)}`);
        return `${name}=${value}`;
    });
    const command = [...spec.privileges, spec.envCommand, '-i', ...environment, spec.command, ...spec.args];
    const lines = [
        'proc',
        ...writable.map((target) => `writable ${shellQuote(target)} ${shellQuote(bindOptions(byPath.get(target)))}`),
        ...(spec.owners !== null && writable.length > 0 ? [`own ${shellWords([spec.owners.sandbox, ...writable])}`] : []),
        `ulimit -u ${spec.maxProcesses} 2>/dev/null || ulimit -p ${spec.maxProcesses} || fail 'cannot limit the number of processes'`,
        `run ${shellQuote(spec.cwd)} ${shellQuote(spec.owners?.caller ?? '')} ${shellQuote(writable.join('\n'))} ${shellWords(command)}`,
    ];
    return `${lines.join('\n')}\n`;
}
/**
 * Parents first; a path inside an enclosing bind with the same access and source is dropped (visible
 * through it); one with other access or another source is bound on the mount point the enclosing bind
 * shows. The same path asked for twice is writable when either asks for it.
 */
function orderedBinds(binds) {
    const byPath = new Map();
    for (const bind of binds) {
        const target = external_node_path_default().posix.normalize(bind.path).replace(/(.)\/$/, '$1');
        const seen = byPath.get(target);
        byPath.set(target, { ...bind, path: target, writable: bind.writable || (seen?.writable ?? false) });
    }
    const sorted = [...byPath.values()].sort((a, b) => depth(a.path) - depth(b.path) || a.path.localeCompare(b.path));
    const kept = [];
    for (const bind of sorted) {
        const enclosing = [...kept].reverse().find((outer) => sandbox_spec_isInside(bind.path, outer.path));
        if (enclosing === undefined) {
            if (bind.mask !== true)
                kept.push({ ...bind, mountPoint: true }); // a mask of a path the sandbox does not show is moot
        }
        else if (bind.mask === true || enclosing.writable !== bind.writable || (bind.source ?? bind.path) !== bind.path) {
            kept.push({ ...bind, mountPoint: false });
        }
    }
    return kept;
}
function bindOptions(bind) {
    return [...new Set([bind.writable ? 'rw' : 'ro', 'nosuid', 'nodev', ...bind.lockedFlags])].join(',');
}
/** True when `inner` is `outer` or below it (POSIX paths, normalised). */
function sandbox_spec_isInside(inner, outer) {
    if (outer === '/')
        return inner.startsWith('/');
    return inner === outer || inner.startsWith(`${outer}/`);
}
function depth(target) {
    return target === '/' ? 0 : target.split('/').length - 1;
}
function assertPlainAbsolute(value) {
    if (!external_node_path_default().posix.isAbsolute(value) || /[\0\n]/.test(value)) {
        throw new Error(`the sandbox needs absolute paths without newlines, got ${JSON.stringify(value)}`);
    }
}

;// CONCATENATED MODULE: ./src/sandbox/isolation/mount-table.ts
/**
 * Pure: the host's mount table (/proc/self/mountinfo) and the flags a bind of a path must keep. In a
 * user namespace the kernel refuses a bind remount that drops a flag the host mount holds (nosuid,
 * nodev, noexec, its atime mode): those flags are "locked", so the sandbox's binds repeat them.
 */

function parseMountInfo(text) {
    const entries = [];
    for (const line of text.split('\n')) {
        const fields = line.split(' ');
        if (fields.length < 6)
            continue;
        entries.push({ mountPoint: unescapeMountPath(fields[4]), options: fields[5].split(',') });
    }
    return entries;
}
/** The mount a real path lives on: the last mounted of those with the longest enclosing mount point. */
function mountOf(realPath, table) {
    let best = null;
    for (const entry of table) {
        if (!sandbox_spec_isInside(realPath, entry.mountPoint))
            continue;
        if (best === null || entry.mountPoint.length >= best.mountPoint.length)
            best = entry;
    }
    return best;
}
const KEPT_FLAGS = new Set(['nosuid', 'nodev', 'noexec', 'noatime', 'nodiratime', 'relatime']);
/** Flags to repeat when binding a path of this mount (strictatime when it has no atime flag). */
function lockedFlags(entry) {
    if (entry === null)
        return [];
    const flags = entry.options.filter((option) => KEPT_FLAGS.has(option));
    if (!flags.includes('noatime') && !flags.includes('relatime'))
        flags.push('strictatime');
    return flags;
}
/** mountinfo escapes space, tab, newline and backslash as octal (\040...). */
function unescapeMountPath(text) {
    return text.replace(/\\([0-7]{3})/g, (_, octal) => String.fromCharCode(Number.parseInt(octal, 8)));
}

;// CONCATENATED MODULE: ./src/sandbox/isolation/namespace-sandbox.ts
/**
 * A run's namespace sandbox (levels user and namespace): the template every sandboxed process starts
 * from (a holder process whose mount, network and IPC namespaces hold the sandbox's root, built once),
 * and how one process is launched in it (pure: the launcher's command line, holding the process's
 * script).
 *
 * The launcher: `nsenter` into the template's namespaces (and user namespace), then `unshare` of a new
 * PID and mount namespace with `--kill-child` (the namespace ends when the launcher dies), then the
 * process script (init-script.ts) as its pid 1. Through `sudo -n` when TestMaster is not root but may
 * use passwordless sudo.
 */




const LAUNCHER_ENV = { PATH: '/usr/sbin:/usr/bin:/sbin:/bin', LC_ALL: 'C' };
function planLaunch(sandbox, process) {
    for (const target of [process.command, process.cwd, ...process.readPaths]) {
        if (!isVisible(sandbox, target)) {
            throw new errors/* TestRunnerError */.xR(`cannot run "${process.command}" in the sandbox: ${target} is not among the paths the sandbox shows (the repository, the run's temporary directory, the system's)`);
        }
    }
    for (const target of process.writePaths) {
        if (!sandbox_spec_isInside(target, sandbox.scratchRoot) || target === sandbox.scratchRoot) {
            throw new errors/* TestRunnerError */.xR(`cannot let "${process.command}" write ${target}: a sandboxed process writes only its own directory in the run's temporary directory ${sandbox.scratchRoot}`);
        }
    }
    const { required, optional } = sandbox.tools;
    const script = PROCESS_SCRIPT +
        renderProcessSpec({
            writable: process.writePaths.map((target) => ({ path: target, writable: true, lockedFlags: lockedFlags(mountOf(target, sandbox.mounts)) })),
            owners: sandbox.sandboxUser === null ? null : { sandbox: ids(sandbox.sandboxUser), caller: ids(sandbox.caller) },
            maxProcesses: sandbox.maxProcesses,
            cwd: process.cwd,
            privileges: privileges(sandbox),
            envCommand: required.env,
            env: process.env,
            command: process.command,
            args: process.args,
        });
    const launcher = [
        required.nsenter,
        `--target=${sandbox.holderPid}`,
        // Joining the user namespace as its owner gives every capability in it; keeping our credentials
        // (mapped to its root) avoids setgroups, which a user namespace made without privileges denies.
        ...(sandbox.mechanism === 'user-namespace' ? ['--user', '--preserve-credentials'] : []),
        '--mount',
        '--net',
        '--ipc',
        '--',
        required.unshare,
        '--pid',
        '--fork',
        '--kill-child',
        '--mount',
        '--propagation',
        'private',
        '--',
        required.sh,
        '-c',
        script,
        'testmaster-sandbox',
    ];
    const full = sandbox.mechanism === 'sudo' ? [optional.sudo ?? 'sudo', '-n', '--', ...launcher] : launcher;
    return { file: full[0], args: full.slice(1), env: LAUNCHER_ENV };
}
function isVisible(sandbox, target) {
    return [sandbox.scratchRoot, ...sandbox.visible].some((root) => sandbox_spec_isInside(target, root));
}
/** setpriv: another user at level user; at level namespace the user namespace's root without any capability. */
function privileges(sandbox) {
    const user = sandbox.sandboxUser;
    return [
        sandbox.tools.required.setpriv,
        ...(user === null ? [] : [`--reuid=${user.uid}`, `--regid=${user.gid}`, '--clear-groups']),
        '--no-new-privs',
        '--inh-caps=-all',
        '--bounding-set=-all',
        '--',
    ];
}
function ids(user) {
    return `${user.uid}:${user.gid}`;
}

;// CONCATENATED MODULE: ./src/sandbox/isolation/sandboxed-process.ts
/**
 * Prepares one process for the namespace sandbox: the command found on the sandbox PATH and taken by
 * its real path, real paths for everything it reads and writes, and the environment as the sandbox
 * shows it (HOME and TMPDIR in its private /tmp; no cache directory of the host). Also reads a launch's
 * result for a sandbox that could not be set up, which is not a result of the command.
 */





/** Host cache locations that mean nothing (and are not writable) in the sandbox. */
const HOST_CACHE_VARIABLES = ['COREPACK_HOME', 'NPM_CONFIG_CACHE', 'npm_config_cache', 'YARN_CACHE_FOLDER', 'XDG_CACHE_HOME'];
async function prepareSandboxedProcess(sandbox, request, env) {
    const found = await findOnPath(request.command, env.PATH ?? '');
    if (found === null) {
        throw new errors/* TestRunnerError */.xR(`cannot run "${request.command}": no such executable (looked up on the sandbox PATH); install the project's dependencies (npm ci) or give an absolute path`);
    }
    const inner = { ...env, HOME: '/tmp', TMPDIR: '/tmp' };
    for (const name of HOST_CACHE_VARIABLES)
        delete inner[name];
    return planLaunch(sandbox, {
        command: await (0,promises_.realpath)(found),
        args: request.args,
        cwd: await (0,promises_.realpath)(request.cwd),
        env: inner,
        readPaths: await realPaths(request.readPaths ?? []),
        writePaths: await realPaths(request.writePaths ?? []),
    });
}
/** The sandbox's own complaint when it could not be set up (exit 125 and its line on stderr), else null. */
function sandboxSetupFailure(result) {
    if (result.exitCode !== SANDBOX_SETUP_FAILED_EXIT)
        return null;
    const line = result.stderr.split('\n').find((text) => text.startsWith(SANDBOX_MESSAGE_PREFIX));
    return line === undefined ? null : line.slice(SANDBOX_MESSAGE_PREFIX.length).trim();
}
async function realPaths(paths) {
    const resolved = [];
    for (const target of paths) {
        try {
            resolved.push(await (0,promises_.realpath)(target));
        }
        catch {
            throw new errors/* TestRunnerError */.xR(`cannot give the sandbox the path ${target}: it does not exist`);
        }
    }
    return resolved;
}

;// CONCATENATED MODULE: ./src/sandbox/process-sweep.ts
/**
 * Finds and kills processes that left our process group (e.g. a test that spawned a `detached`
 * child, which calls setsid) but still carry the run's marker variable, which every descendant
 * inherits unless it builds its environment from scratch. Linux only (reads /proc); elsewhere it does
 * nothing and the process-group kill is the only line of defence. Synchronous, so the process 'exit'
 * handler can use it.
 */

/** The variable every sandboxed process gets, with a random value per run. */
const SANDBOX_MARKER_VARIABLE = 'TESTMASTER_SANDBOX_RUN';
const MAX_PASSES = 3;
/** Sends SIGKILL to every process whose initial environment holds `NAME=marker`; returns their pids. */
function killMarkedProcesses(marker) {
    if (process.platform !== 'linux')
        return [];
    const needle = Buffer.from(`${SANDBOX_MARKER_VARIABLE}=${marker}\0`);
    const killed = [];
    for (let pass = 0; pass < MAX_PASSES; pass++) {
        const found = findMarkedProcesses(needle).filter((pid) => !killed.includes(pid));
        if (found.length === 0)
            break;
        for (const pid of found) {
            try {
                process.kill(pid, 'SIGKILL');
                killed.push(pid);
            }
            catch {
                // Already gone, or not ours to signal.
            }
        }
    }
    return killed;
}
function findMarkedProcesses(needle) {
    let entries;
    try {
        entries = (0,external_node_fs_.readdirSync)('/proc');
    }
    catch {
        return [];
    }
    const pids = [];
    for (const entry of entries) {
        if (!/^\d+$/.test(entry))
            continue;
        const pid = Number(entry);
        if (pid === process.pid)
            continue;
        try {
            if ((0,external_node_fs_.readFileSync)(`/proc/${entry}/environ`).includes(needle))
                pids.push(pid);
        }
        catch {
            // Exited meanwhile, or another user's process.
        }
    }
    return pids;
}

;// CONCATENATED MODULE: ./src/sandbox/process-groups.ts
/**
 * Signals whole process groups, and remembers the groups still running so that the process 'exit'
 * handler can kill them when our own process ends (Ctrl-C in the CLI, a cancelled workflow). The
 * handler is installed while at least one group is live and removed when none is left.
 *
 * Note: Node runs 'exit' handlers on process.exit() and on a normal end, not on an unhandled SIGINT or
 * SIGTERM: the entry points must turn those signals into an orderly exit (or an abort).
 */

const liveGroups = new Map();
let exitHandlerInstalled = false;
/** Sends `signal` to the process group led by `pid`; a group that no longer exists is not an error. */
function signalGroup(pid, signal) {
    try {
        if (process.platform === 'win32')
            process.kill(pid, signal);
        else
            process.kill(-pid, signal);
    }
    catch (error) {
        const code = error.code;
        if (code !== 'ESRCH' && code !== 'EPERM')
            throw error;
    }
}
/** SIGKILL to the group, then to any marked process that left it. */
function killGroupAndStragglers(pid, marker) {
    signalGroup(pid, 'SIGKILL');
    killMarkedProcesses(marker);
}
function registerLiveGroup(pid, marker) {
    liveGroups.set(pid, { pid, marker });
    if (!exitHandlerInstalled) {
        process.on('exit', killAllLiveGroups);
        exitHandlerInstalled = true;
    }
}
function unregisterLiveGroup(pid) {
    liveGroups.delete(pid);
    if (liveGroups.size === 0 && exitHandlerInstalled) {
        process.removeListener('exit', killAllLiveGroups);
        exitHandlerInstalled = false;
    }
}
/** Number of groups started and not yet finished (for tests and diagnostics). */
function liveGroupCount() {
    return liveGroups.size;
}
/** The process 'exit' handler: SIGKILL every group still running (exported for tests). */
function killAllLiveGroups() {
    for (const group of liveGroups.values()) {
        try {
            killGroupAndStragglers(group.pid, group.marker);
        }
        catch {
            // Best effort while exiting.
        }
    }
    liveGroups.clear();
}

;// CONCATENATED MODULE: ./src/sandbox/workflow-commands.ts
/**
 * Neutralises GitHub Actions workflow commands in text a test process printed (pure). The runner
 * acts on a line that starts with `::` (e.g. `::add-mask::`, `::stop-commands::`, `::error ...`) and on
 * the legacy `##[command]` form; a zero-width space between the two characters keeps the text readable
 * while the runner no longer recognises it.
 */
const workflow_commands_ZERO_WIDTH_SPACE = '\u200B';
/** Lines starting (after blanks) with `::`, and every `##[`, get a zero-width space inserted. */
function escapeWorkflowCommands(text) {
    return text
        .replace(/^([^\S\r\n]*):(?=:)/gm, `$1:${workflow_commands_ZERO_WIDTH_SPACE}`)
        .replace(/##\[/g, `#${workflow_commands_ZERO_WIDTH_SPACE}#[`);
}

;// CONCATENATED MODULE: ./src/sandbox/executor.ts
/**
 * The sandboxed executor: every child process that runs repository code goes through it.
 *
 * - Allow-listed environment (see environment.ts); no shell; stdin ignored.
 * - Own process group (`detached: true`); the wall-clock timeout and the AbortSignal send SIGTERM to
 *   the whole group, then SIGKILL after a short grace.
 * - When the child exits, the group is SIGKILLed anyway, and on Linux any process that left the group
 *   but carries the run's marker variable too, so no grandchild survives the run.
 * - stdout and stderr are each capped (head and tail kept) and have workflow commands neutralised.
 * - Groups still running when our own process exits are killed by a process 'exit' handler.
 *
 * A command that cannot be started (not found on the sandbox PATH, not executable, missing working
 * directory) is not a test result: it throws a TestRunnerError saying what to fix, rather than
 * returning a result that could be mistaken for a crash of the tests.
 */










const executor_DEFAULT_MAX_OUTPUT_BYTES = 1024 * 1024;
const DEFAULT_KILL_GRACE_MS = 2000;
function createSandboxExecutor(deps = {}) {
    const baseEnv = deps.baseEnv ?? process.env;
    const killGraceMs = deps.killGraceMs ?? DEFAULT_KILL_GRACE_MS;
    const sandbox = deps.sandbox ?? null;
    return (request) => runSandboxed(request, baseEnv, killGraceMs, sandbox);
}
async function runSandboxed(request, baseEnv, killGraceMs, sandbox) {
    if (!Number.isFinite(request.timeoutMs) || request.timeoutMs <= 0) {
        throw new errors/* TestRunnerError */.xR(`invalid timeout for "${request.command}": ${request.timeoutMs} ms; give a positive number`);
    }
    if (request.maxOutputBytes !== undefined && !(Number.isFinite(request.maxOutputBytes) && request.maxOutputBytes > 0)) {
        throw new errors/* TestRunnerError */.xR(`invalid output cap for "${request.command}": ${request.maxOutputBytes} bytes; give a positive number`);
    }
    const marker = (0,external_node_crypto_.randomUUID)();
    const env = { ...(0,environment/* sandboxEnvironment */.Zc)(baseEnv, request.env), [SANDBOX_MARKER_VARIABLE]: marker };
    if (request.signal?.aborted)
        return notStartedResult();
    await assertDirectory(request.cwd, request.command);
    const prepared = sandbox === null ? null : await prepareSandboxedProcess(sandbox, request, env);
    const result = await runChild(request, prepared, env, marker, killGraceMs);
    const failure = prepared === null ? null : sandboxSetupFailure(result);
    if (failure !== null)
        throw new errors/* TestRunnerError */.xR(`cannot run "${request.command}" in the sandbox: ${failure}`);
    return result;
}
function runChild(request, prepared, env, marker, killGraceMs) {
    const started = performance.now();
    const maxOutputBytes = request.maxOutputBytes ?? executor_DEFAULT_MAX_OUTPUT_BYTES;
    const stdout = new HeadTailCapture(maxOutputBytes);
    const stderr = new HeadTailCapture(maxOutputBytes);
    // In a sandbox the child is the launcher, and its stdin the lifeline: closing it ends the namespace.
    const child = (0,external_node_child_process_.spawn)(prepared?.file ?? request.command, [...(prepared?.args ?? request.args)], {
        cwd: request.cwd,
        env: prepared?.env ?? env,
        detached: true,
        shell: false,
        stdio: [prepared === null ? 'ignore' : 'pipe', 'pipe', 'pipe'],
        windowsHide: true,
    });
    const lifeline = child.stdin;
    lifeline?.on('error', () => {
        /* the namespace is gone already */
    });
    return new Promise((resolve, reject) => {
        const pid = child.pid;
        const timers = [];
        let timedOut = false;
        let aborted = false;
        let exit = null;
        let settled = false;
        const cleanUp = () => {
            settled = true;
            for (const timer of timers)
                clearTimeout(timer);
            request.signal?.removeEventListener('abort', onAbort);
            if (pid !== undefined)
                unregisterLiveGroup(pid);
        };
        const finish = () => {
            if (settled)
                return;
            if (pid !== undefined)
                killGroupAndStragglers(pid, marker);
            lifeline?.destroy();
            cleanUp();
            child.stdout?.destroy();
            child.stderr?.destroy();
            resolve({
                exitCode: exit?.code ?? null,
                signal: exit?.signal ?? null,
                timedOut,
                aborted,
                stdout: escapeWorkflowCommands(stdout.text()),
                stderr: escapeWorkflowCommands(stderr.text()),
                outputTruncated: stdout.truncated || stderr.truncated,
                durationMs: Math.round(performance.now() - started),
            });
        };
        const terminate = () => {
            if (pid === undefined || exit !== null)
                return;
            lifeline?.end();
            signalGroup(pid, 'SIGTERM');
            timers.push(setTimeout(() => {
                killGroupAndStragglers(pid, marker);
                // A process stuck in the kernel may never report its exit: stop waiting for it.
                timers.push(setTimeout(finish, killGraceMs * 2 + 1000));
            }, killGraceMs));
        };
        function onAbort() {
            if (exit !== null || aborted)
                return;
            aborted = true;
            terminate();
        }
        child.once('error', (error) => {
            if (settled)
                return;
            if (pid === undefined) {
                cleanUp();
                reject(startFailure(prepared === null ? request.command : prepared.file, error));
                return;
            }
            finish();
        });
        if (pid === undefined)
            return; // the 'error' event follows
        registerLiveGroup(pid, marker);
        child.stdout?.on('data', (chunk) => stdout.push(chunk));
        child.stderr?.on('data', (chunk) => stderr.push(chunk));
        child.once('exit', (code, signal) => {
            exit = { code, signal };
            // The leader is gone: nothing else in its group may live on (nor hold our pipes open).
            killGroupAndStragglers(pid, marker);
            timers.push(setTimeout(finish, killGraceMs));
        });
        child.once('close', finish);
        timers.push(setTimeout(() => {
            if (exit !== null || aborted)
                return;
            timedOut = true;
            terminate();
        }, request.timeoutMs));
        request.signal?.addEventListener('abort', onAbort, { once: true });
        if (request.signal?.aborted)
            onAbort();
    });
}
async function assertDirectory(cwd, command) {
    const info = await (0,promises_.stat)(cwd).catch(() => null);
    if (info === null || !info.isDirectory()) {
        throw new errors/* TestRunnerError */.xR(`cannot run "${command}": the working directory ${cwd} does not exist or is not a directory`);
    }
}
function startFailure(command, error) {
    if (error.code === 'ENOENT') {
        return new errors/* TestRunnerError */.xR(`cannot run "${command}": no such executable (looked up on the sandbox PATH); install the project's dependencies (npm ci) or give an absolute path`, { cause: error });
    }
    if (error.code === 'EACCES') {
        return new errors/* TestRunnerError */.xR(`cannot run "${command}": permission denied; make the file executable or run it through node`, {
            cause: error,
        });
    }
    return new errors/* TestRunnerError */.xR(`cannot run "${command}": ${error.message}`, { cause: error });
}
function notStartedResult() {
    return {
        exitCode: null,
        signal: null,
        timedOut: false,
        aborted: true,
        stdout: '',
        stderr: '',
        outputTruncated: false,
        durationMs: 0,
    };
}

;// CONCATENATED MODULE: ./src/sandbox/isolation/readable-paths.ts
/**
 * What a sandboxed process may read besides its own checkout and output: the host's system
 * directories (and the top-level symlinks that point into them), the Node installation that runs the
 * tests, the repository, and what the repository's node_modules link to outside it (a linked
 * toolchain, `npm link`). Everything else of the host (home directories, the runner's files and temp
 * directory, /tmp, /var, /run, /opt, /srv, /mnt) is absent from the sandbox's root.
 */



/** Top-level directories every program needs; bound read-only when they are directories. */
const SYSTEM_ENTRIES = ['usr', 'bin', 'sbin', 'lib', 'lib32', 'lib64', 'libx32', 'etc', 'nix'];
async function systemRoot() {
    const directories = [];
    const links = [];
    for (const name of SYSTEM_ENTRIES) {
        const entry = `/${name}`;
        const info = await (0,promises_.lstat)(entry).catch(() => null);
        if (info === null)
            continue;
        if (info.isSymbolicLink())
            links.push({ name, target: await (0,promises_.readlink)(entry) });
        else if (info.isDirectory())
            directories.push(entry);
    }
    return { directories, links };
}
/** The installation a Node binary belongs to (`<prefix>/bin/node` -> `<prefix>`), as a real path. */
async function nodeInstallation(nodeBinary) {
    const real = await (0,promises_.realpath)(nodeBinary);
    const dir = external_node_path_default().dirname(real);
    return external_node_path_default().basename(dir) === 'bin' ? external_node_path_default().dirname(dir) : dir;
}
/**
 * Real paths outside `insideOf` that the node_modules of the given package directories link to: the
 * node_modules itself when it is a symlink to another node_modules, and its packages (scoped ones too)
 * that are symlinks to a package (a directory with a package.json). A link is the repository's to make
 * (a pull request can commit one), so a target is shown only when it is what it claims to be and holds
 * none of `secretPlaces` (the home directory, the temp directory...), whatever it points to.
 */
async function linkedOutside(packageDirs, insideOf, secretPlaces) {
    const found = new Set();
    const consider = async (entry, kind) => {
        const info = await (0,promises_.lstat)(entry).catch(() => null);
        if (info === null || !info.isSymbolicLink())
            return;
        const target = await (0,promises_.realpath)(entry).catch(() => null);
        if (target === null || insideOf.some((dir) => sandbox_spec_isInside(target, dir)))
            return;
        if (secretPlaces.some((place) => sandbox_spec_isInside(place, target)))
            return;
        const looksRight = kind === 'modules' ? external_node_path_default().basename(target) === 'node_modules' : await (0,promises_.lstat)(external_node_path_default().join(target, 'package.json')).then((file) => file.isFile(), () => false);
        if (looksRight)
            found.add(target);
    };
    for (const dir of packageDirs) {
        const modules = external_node_path_default().join(dir, 'node_modules');
        await consider(modules, 'modules');
        for (const name of await (0,promises_.readdir)(modules).catch(() => [])) {
            const entry = external_node_path_default().join(modules, name);
            if (name.startsWith('@')) {
                for (const scoped of await (0,promises_.readdir)(entry).catch(() => []))
                    await consider(external_node_path_default().join(entry, scoped), 'package');
            }
            else {
                await consider(entry, 'package');
            }
        }
    }
    return [...found].sort();
}

;// CONCATENATED MODULE: ./src/sandbox/isolation/sanitized-git-config.ts
/**
 * Pure: the git config a sandboxed process sees in place of the repository's own. The real one may
 * hold a credential (actions/checkout with `persist-credentials: true` writes the token as an
 * `http.<url>.extraheader`; a remote URL may carry a password) and settings that run programs. Only what
 * git needs to read the repository is kept: the format version and the repository extensions.
 */
const KEPT = {
    core: new Set(['repositoryformatversion', 'bare']),
    extensions: new Set(['objectformat', 'refstorage', 'worktreeconfig', 'compatobjectformat', 'preciousobjects', 'partialclone', 'noop']),
};
function sanitizedGitConfig(text) {
    const kept = new Map();
    let section = null;
    for (const raw of text.split(/\r?\n/)) {
        const line = raw.trim();
        const header = /^\[\s*([A-Za-z0-9.-]+)(?:\s+"[^"]*")?\s*\]/.exec(line);
        if (header) {
            // A subsection ([remote "origin"]) is never kept: only [core] and [extensions] are.
            section = /"/.test(line) ? null : header[1].toLowerCase();
            continue;
        }
        if (section === null || !(section in KEPT))
            continue;
        const setting = /^([A-Za-z][A-Za-z0-9-]*)\s*=\s*([A-Za-z0-9._-]+)\s*(?:[#;].*)?$/.exec(line);
        if (!setting || !KEPT[section].has(setting[1].toLowerCase()))
            continue;
        const lines = kept.get(section) ?? [];
        lines.push(`\t${setting[1].toLowerCase()} = ${setting[2]}`);
        kept.set(section, lines);
    }
    if (!kept.has('core'))
        kept.set('core', ['\trepositoryformatversion = 0']);
    return [...kept].map(([name, lines]) => `[${name}]\n${lines.join('\n')}\n`).join('');
}

;// CONCATENATED MODULE: ./src/sandbox/isolation/create-namespace-sandbox.ts
/**
 * Builds a run's namespace sandbox on the host (effects): the control directory (mode 0700: the
 * template's spec, the root's mount point, the runners' cache, the scratch root), the paths the
 * sandbox shows (system directories, the repository and what its node_modules link to outside it, the
 * Node that runs the tests), the git config shown in place of the repository's, and the template's
 * holder process, started and waited for. `dispose` ends the holder and removes the control directory
 * (through sudo when the sandbox user's files are in it).
 */











const MAX_PROCESSES = 1024;
const TMP_SIZE_MIB = 1024;
async function createNamespaceSandbox(options) {
    const controlDir = await (0,promises_.mkdtemp)(external_node_path_default().join(options.tempRoot ?? (0,external_node_os_.tmpdir)(), 'testmaster-sandbox-'));
    let holder = null;
    const dispose = async () => {
        if (holder !== null)
            await endHolder(holder);
        await removeControlDir(controlDir, options);
    };
    try {
        const rootDir = external_node_path_default().join(controlDir, 'root');
        const cacheDir = external_node_path_default().join(controlDir, 'cache');
        const scratchRoot = external_node_path_default().join(controlDir, 'scratch');
        await (0,promises_.mkdir)(rootDir);
        await (0,promises_.mkdir)(cacheDir);
        await (0,promises_.mkdir)(scratchRoot);
        await (0,promises_.chmod)(scratchRoot, 0o755); // traversable by the sandbox user inside; the control directory keeps others out on the host
        const system = await systemRoot();
        const repo = [options.repoDir, ...(options.gitCommonDir === null ? [] : [options.gitCommonDir])];
        const node = options.nodeBinary === null ? [] : [await nodeInstallation(options.nodeBinary)];
        const linked = await linkedOutside(options.packageDirs, [...repo, ...system.directories], secretPlaces(controlDir));
        const mounts = parseMountInfo(await (0,promises_.readFile)('/proc/self/mountinfo', 'utf8'));
        const sandboxUser = options.level === 'user' ? await nobody() : null;
        const visible = [...system.directories, ...repo, ...node, ...linked];
        const bind = (target, writable, source = target, mask = false) => ({
            path: target,
            source,
            writable,
            mask,
            lockedFlags: lockedFlags(mountOf(source, mounts)),
        });
        const binds = [
            ...visible.map((target) => bind(target, false)),
            ...(await gitConfigMask(options.gitCommonDir, controlDir)).map((mask) => bind(mask.path, false, mask.source, true)),
            ...(await runnerTempDirs(options.packageDirs, [...repo, ...linked], controlDir)).map((dir) => bind(dir.path, true, dir.source)),
            bind(scratchRoot, false),
            bind(runnerCacheDir(), true, cacheDir),
        ];
        const network = options.tools.optional.ip === undefined ? 'none' : 'loopback';
        const specPath = external_node_path_default().join(controlDir, 'template.sh');
        const spec = renderTemplateSpec({
            rootDir,
            binds,
            rootLinks: system.links,
            devices: options.mechanism === 'user-namespace' ? 'bind' : 'copy',
            keepProc: options.mechanism === 'user-namespace',
            tmpSizeMiB: TMP_SIZE_MIB,
            loopback: network === 'loopback',
            sandboxOwner: sandboxUser === null ? null : ids(sandboxUser),
        });
        await (0,promises_.writeFile)(specPath, spec, { mode: 0o600 });
        const started = await startHolder(options, specPath);
        holder = started.child;
        const sandbox = {
            level: options.level,
            mechanism: options.mechanism,
            tools: options.tools,
            sandboxUser,
            caller: { uid: process.getuid?.() ?? 0, gid: process.getgid?.() ?? 0 },
            network,
            holderPid: started.pid,
            scratchRoot,
            visible: [...visible, runnerCacheDir()],
            mounts,
            maxProcesses: MAX_PROCESSES,
        };
        return { sandbox, dispose };
    }
    catch (error) {
        await dispose().catch(() => undefined);
        throw error;
    }
}
/** Starts the holder and waits for its ready line; rejects with what it said when it fails. */
function startHolder(options, specPath) {
    const { required, optional } = options.tools;
    const unshare = [
        required.unshare,
        // In a user namespace the holder needs a PID namespace of its own to mount a /proc; its
        // launcher (our child) stays in the other namespaces, so it is the one nsenter targets.
        ...(options.mechanism === 'user-namespace' ? ['--user', '--map-root-user', '--pid', '--fork', '--kill-child'] : []),
        '--mount',
        '--net',
        '--ipc',
        '--propagation',
        'private',
        '--',
        required.sh,
        '-c',
        TEMPLATE_SCRIPT,
        'testmaster-sandbox-template',
        specPath,
    ];
    const argv = options.mechanism === 'sudo' ? [optional.sudo ?? 'sudo', '-n', '--', ...unshare] : unshare;
    const child = (0,external_node_child_process_.spawn)(argv[0], argv.slice(1), { env: LAUNCHER_ENV, stdio: ['pipe', 'pipe', 'pipe'], detached: true });
    child.stdin?.on('error', () => undefined);
    return new Promise((resolve, reject) => {
        let stdout = '';
        let stderr = '';
        const timer = setTimeout(() => fail(`the sandbox template was not ready within ${(options.readyTimeoutMs ?? 30_000) / 1000} s`), options.readyTimeoutMs ?? 30_000);
        const fail = (message) => {
            clearTimeout(timer);
            child.stdin?.destroy();
            child.kill('SIGKILL');
            reject(new Error(message));
        };
        child.stdout?.setEncoding('utf8').on('data', (chunk) => {
            stdout += chunk;
            const ready = new RegExp(`^${SANDBOX_READY} (\\d+)$`, 'm').exec(stdout);
            if (ready) {
                clearTimeout(timer);
                child.stdout?.removeAllListeners('data');
                child.stderr?.removeAllListeners('data');
                child.stdout?.resume();
                child.stderr?.resume();
                resolve({ child, pid: options.mechanism === 'user-namespace' ? child.pid : Number(ready[1]) });
            }
        });
        child.stderr?.setEncoding('utf8').on('data', (chunk) => {
            if (stderr.length < 8192)
                stderr += chunk;
        });
        child.once('error', (error) => fail(`cannot start ${argv[0]}: ${error.message}`));
        child.once('exit', (code) => {
            const said = stderr.split('\n').find((line) => line.startsWith(SANDBOX_MESSAGE_PREFIX))?.slice(SANDBOX_MESSAGE_PREFIX.length).trim();
            const other = stderr.split('\n').map((line) => line.trim()).find((line) => line !== '');
            fail(said ?? other ?? `the sandbox template ended (exit ${code}) before it was ready`);
        });
    });
}
/** Closes the holder's lifeline and waits (bounded) for it to end. */
function endHolder(holder) {
    return new Promise((resolve) => {
        if (holder.exitCode !== null || holder.signalCode !== null)
            return resolve();
        const timer = setTimeout(() => {
            holder.kill('SIGKILL');
            resolve();
        }, 5000);
        holder.once('exit', () => {
            clearTimeout(timer);
            resolve();
        });
        holder.stdin?.end();
    });
}
/**
 * Directories inside node_modules where the runners must write while they start: Vite bundles a
 * TypeScript config into `node_modules/.vite-temp/` before loading it. Each is shown read-write, backed
 * by a directory of the run (writes never reach the user's node_modules); the host directory is created
 * when missing (empty, as Vite itself would), since a bind needs a mount point.
 */
const RUNNER_TEMP_NAMES = ['.vite-temp'];
async function runnerTempDirs(packageDirs, shown, controlDir) {
    const dirs = [];
    const seen = new Set();
    for (const packageDir of packageDirs) {
        const modules = await (0,promises_.realpath)(external_node_path_default().join(packageDir, 'node_modules')).catch(() => null);
        // Only a node_modules the sandbox shows: a link to anywhere else is not followed, nor written to.
        if (modules === null || seen.has(modules) || !shown.some((dir) => sandbox_spec_isInside(modules, dir)))
            continue;
        seen.add(modules);
        for (const name of RUNNER_TEMP_NAMES) {
            const target = external_node_path_default().join(modules, name);
            const made = await (0,promises_.mkdir)(target, { recursive: true }).then(() => true, () => false);
            if (!made)
                continue;
            const source = external_node_path_default().join(controlDir, `runner-temp-${dirs.length}`);
            await (0,promises_.mkdir)(source);
            dirs.push({ path: target, source });
        }
    }
    return dirs;
}
/**
 * Where secrets of this machine live, that no link of the repository may make visible: the home
 * directory, the runner's temp directory and workspace parent, the temp directory, the control directory.
 */
function secretPlaces(controlDir) {
    const env = process.env;
    return [(0,external_node_os_.homedir)(), (0,external_node_os_.tmpdir)(), controlDir, env.RUNNER_TEMP, env.RUNNER_WORKSPACE, env.GITHUB_WORKSPACE && external_node_path_default().dirname(env.GITHUB_WORKSPACE), '/root', '/home']
        .filter((place) => typeof place === 'string' && place !== '');
}
/**
 * The git configs without credentials, shown in place of the repository's: its own and its
 * submodules' (`actions/checkout` with `persist-credentials` writes the token into each).
 */
async function gitConfigMask(gitCommonDir, controlDir) {
    if (gitCommonDir === null)
        return [];
    const masks = [];
    const configs = [external_node_path_default().join(gitCommonDir, 'config'), ...(await submoduleConfigs(external_node_path_default().join(gitCommonDir, 'modules')))];
    for (const config of configs) {
        const text = await (0,promises_.readFile)(config, 'utf8').catch(() => null);
        if (text === null)
            continue;
        const source = external_node_path_default().join(controlDir, `git-config-${masks.length}`);
        await (0,promises_.writeFile)(source, sanitizedGitConfig(text), { mode: 0o644 });
        masks.push({ path: await (0,promises_.realpath)(config), source });
    }
    return masks;
}
/** Every `config` file under the git directory's modules/ (submodules, nested ones too), bounded. */
async function submoduleConfigs(dir, depth = 6) {
    if (depth === 0)
        return [];
    const entries = await (0,promises_.readdir)(dir, { withFileTypes: true }).catch(() => []);
    const found = [];
    for (const entry of entries) {
        const full = external_node_path_default().join(dir, entry.name);
        if (entry.isFile() && entry.name === 'config')
            found.push(full);
        else if (entry.isDirectory())
            found.push(...(await submoduleConfigs(full, depth - 1)));
    }
    return found;
}
/** The `nobody` user of /etc/passwd (65534 when absent). */
async function nobody() {
    const passwd = await (0,promises_.readFile)('/etc/passwd', 'utf8').catch(() => '');
    const entry = passwd.split('\n').map((line) => line.split(':')).find((fields) => fields[0] === 'nobody');
    const uid = Number(entry?.[2]);
    const gid = Number(entry?.[3]);
    return Number.isInteger(uid) && uid > 0 && Number.isInteger(gid) && gid > 0 ? { name: 'nobody', uid, gid } : { name: 'nobody', uid: 65534, gid: 65534 };
}
/** The sandbox user's files (the runners' cache) may be in it: through sudo when we are not root. */
async function removeControlDir(controlDir, options) {
    const sudo = options.tools.optional.sudo;
    if (options.mechanism === 'sudo' && sudo !== undefined) {
        const rmTool = options.tools.optional.rm ?? 'rm';
        await new Promise((resolve) => {
            const child = (0,external_node_child_process_.spawn)(sudo, ['-n', '--', rmTool, '-rf', '--one-file-system', '--', controlDir], { stdio: 'ignore', env: LAUNCHER_ENV });
            child.once('error', () => resolve());
            child.once('close', () => resolve());
        });
    }
    await (0,promises_.rm)(controlDir, { recursive: true, force: true });
}

;// CONCATENATED MODULE: ./src/sandbox/isolation/host-tools.ts
/**
 * The programs the sandbox needs, looked up in the system's own directories only (never on a PATH a
 * caller or a repository could have changed, since some run as root): util-linux's unshare, nsenter, setpriv,
 * mount, umount and pivot_root, coreutils, a POSIX shell; iproute2's ip and sudo when present.
 */


const SYSTEM_DIRS = ['/usr/bin', '/bin', '/usr/sbin', '/sbin'];
const REQUIRED = ['sh', 'unshare', 'nsenter', 'setpriv', 'mount', 'umount', 'pivot_root', 'mkdir', 'ln', 'cp', 'chown', 'env'];
const OPTIONAL = ['ip', 'sudo', 'rm'];
function findHostTools(isExecutable = executable) {
    const find = (name) => SYSTEM_DIRS.map((dir) => external_node_path_default().join(dir, name)).find(isExecutable) ?? null;
    const required = {};
    const missing = [];
    for (const name of REQUIRED) {
        const found = find(name);
        if (found === null)
            missing.push(name);
        else
            required[name] = found;
    }
    if (missing.length > 0)
        return { ok: false, missing };
    const optional = {};
    for (const name of OPTIONAL) {
        const found = find(name);
        if (found !== null)
            optional[name] = found;
    }
    return { ok: true, tools: { required: required, optional } };
}
function executable(file) {
    try {
        (0,external_node_fs_.accessSync)(file, external_node_fs_.constants.X_OK);
        return true;
    }
    catch {
        return false;
    }
}

;// CONCATENATED MODULE: ./src/sandbox/isolation/open-isolation.ts
/**
 * Chooses a run's isolation once, before any repository code runs: the strongest level the machine
 * allows (or the one the `isolation` setting names), each checked by actually starting a sandboxed
 * process that verifies what it can see and write. Returns the executor every stage runs repository
 * code through, the report of what was reached, and a dispose for the end of the run.
 *
 * - user: as root, or through passwordless sudo (GitHub-hosted runners): another user, namespaces.
 * - namespace: an unprivileged user namespace, where the kernel allows it.
 * - none: nothing of the above. With a secret in this process (a model key, a GitHub token), repository
 *   code then does not run at all unless the user set `isolation: none`: a same-user process can read
 *   this process's memory and files, and the job's files (GITHUB_ENV...).
 */











async function openIsolation(options) {
    const notes = [];
    if (options.setting !== 'none') {
        const tools = process.platform === 'linux' ? findHostTools() : null;
        if (process.platform !== 'linux')
            notes.push(`process isolation needs Linux namespaces (this is ${process.platform})`);
        else if (tools !== null && !tools.ok)
            notes.push(`the namespace tools are missing: ${tools.missing.join(', ')} (install util-linux and coreutils)`);
        else if (tools?.ok) {
            for (const candidate of await candidates(options.setting, tools.tools, notes)) {
                const opened = await tryCandidate(candidate, tools.tools, options, notes);
                if (opened !== null)
                    return opened;
            }
        }
        if (options.setting !== 'auto') {
            throw new errors/* ConfigurationError */.j1(`isolation "${options.setting}" is not available on this machine: ${notes.join('; ')}; use isolation: auto to take the strongest level available`);
        }
        if (options.secretsHeld.length > 0) {
            throw new errors/* ConfigurationError */.j1(`no process isolation is available on this machine (${notes.join('; ')}), and this run holds ${options.secretsHeld.join(' and ')}: TestMaster will not run the repository's code where it could read them; run on a Linux machine where sudo works without a password or user namespaces are allowed, or set isolation: none to accept the risk`);
        }
    }
    if (options.setting === 'none')
        notes.push('isolation: none was set');
    notes.push('repository code runs as this user: it can read and write what this user can, and see its other processes');
    const tempRoot = await (0,promises_.mkdtemp)(external_node_path_default().join((0,external_node_os_.tmpdir)(), 'testmaster-run-'));
    return {
        report: { requested: options.setting, level: 'none', mechanism: null, sandboxUser: null, network: 'host', notes },
        exec: createSandboxExecutor({ baseEnv: options.env, ...(options.killGraceMs === undefined ? {} : { killGraceMs: options.killGraceMs }) }),
        sandbox: null,
        tempRoot,
        dispose: () => (0,promises_.rm)(tempRoot, { recursive: true, force: true }),
    };
}
/** The levels to try, strongest first, for the setting. */
async function candidates(setting, tools, notes) {
    const list = [];
    if (setting === 'auto' || setting === 'user') {
        if (process.getuid?.() === 0)
            list.push({ level: 'user', mechanism: 'root' });
        else if (await sudoWorks(tools))
            list.push({ level: 'user', mechanism: 'sudo' });
        else
            notes.push(tools.optional.sudo === undefined ? 'not root, and sudo is not installed' : 'not root, and sudo asks for a password');
    }
    if (setting === 'auto' || setting === 'namespace')
        list.push({ level: 'namespace', mechanism: 'user-namespace' });
    return list;
}
async function tryCandidate(candidate, tools, options, notes) {
    let opened = null;
    try {
        opened = await createNamespaceSandbox({
            ...candidate,
            tools,
            repoDir: await (0,promises_.realpath)(options.repoDir),
            gitCommonDir: options.gitCommonDir === null ? null : await (0,promises_.realpath)(options.gitCommonDir).catch(() => null),
            packageDirs: options.packageDirs,
            nodeBinary: await findOnPath('node', options.env.PATH ?? ''),
        });
        const exec = createSandboxExecutor({ baseEnv: options.env, sandbox: opened.sandbox, ...(options.killGraceMs === undefined ? {} : { killGraceMs: options.killGraceMs }) });
        const problem = await checkSandbox(exec, opened.sandbox, await (0,promises_.realpath)(options.repoDir));
        if (problem !== null) {
            notes.push(`${open_isolation_describe(candidate)}: ${problem}`);
            await opened.dispose();
            return null;
        }
        const { sandbox } = opened;
        const dispose = opened.dispose;
        if (sandbox.network === 'none')
            notes.push('no network at all, not even loopback (the ip command of iproute2 is missing): tests that start a local server fail');
        return {
            report: {
                requested: options.setting,
                level: sandbox.level,
                mechanism: sandbox.mechanism,
                sandboxUser: sandbox.sandboxUser === null ? 'root of a user namespace, without capabilities (your own user outside it)' : `${sandbox.sandboxUser.name} (uid ${sandbox.sandboxUser.uid})`,
                network: sandbox.network,
                notes,
            },
            exec,
            sandbox,
            tempRoot: sandbox.scratchRoot,
            dispose,
        };
    }
    catch (error) {
        notes.push(`${open_isolation_describe(candidate)}: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`);
        await opened?.dispose().catch(() => undefined);
        return null;
    }
}
/**
 * Starts one sandboxed shell that checks what it must: the expected user, only its own PID namespace's
 * processes in /proc, a read-only path it cannot write, its own directory it can. Null when all hold.
 */
async function checkSandbox(exec, sandbox, repoDir) {
    const probeDir = await makeTempDir(sandbox.scratchRoot, 'probe-');
    try {
        const readOnly = external_node_path_default().join(probeDir, 'read-only');
        const writable = external_node_path_default().join(probeDir, 'writable');
        await (0,promises_.mkdir)(readOnly, { mode: 0o755 });
        await (0,promises_.mkdir)(writable, { mode: 0o755 });
        const uid = sandbox.sandboxUser?.uid ?? 0;
        const script = [
            `[ "$(id -u)" = ${uid} ] || { echo "runs as uid $(id -u), not ${uid}"; exit 1; }`,
            'n=0; for p in /proc/[0-9]*; do n=$((n+1)); done',
            '[ "$n" -le 8 ] || { echo "sees $n processes, more than its own"; exit 1; }',
            `( : > '${readOnly}/x' ) 2>/dev/null && { echo "could write a read-only path"; exit 1; }`,
            `: > '${writable}/x' || { echo "cannot write its own directory"; exit 1; }`,
            // The other user reads the checkout only if it is readable by all (a checkout made with umask 022).
            `cd ${shellQuote(repoDir)} 2>/dev/null && ls >/dev/null 2>&1 || { echo "cannot read the repository (it is not readable by other users; a checkout made with umask 077?)"; exit 1; }`,
            `[ ! -e package.json ] || [ -r package.json ] || { echo "cannot read the repository's package.json (not readable by other users)"; exit 1; }`,
            'echo sandbox-ok',
        ].join('\n');
        const result = await exec({ command: '/bin/sh', args: ['-c', script], cwd: readOnly, readPaths: [readOnly, repoDir], writePaths: [writable], timeoutMs: 20_000 });
        if (result.stdout.includes('sandbox-ok') && result.exitCode === 0)
            return null;
        const said = `${result.stdout}\n${result.stderr}`.split('\n').map((line) => line.trim()).find((line) => line !== '');
        return said ?? `the check process ended with ${result.exitCode ?? result.signal} and printed nothing`;
    }
    catch (error) {
        return error instanceof Error ? error.message.split('\n')[0] : String(error);
    }
    finally {
        await (0,promises_.rm)(probeDir, { recursive: true, force: true }).catch(() => undefined);
    }
}
function open_isolation_describe(candidate) {
    return candidate.mechanism === 'user-namespace' ? 'user namespaces' : `another user through ${candidate.mechanism}`;
}
/** `sudo -n true` succeeds within 5 s: passwordless sudo, as on GitHub-hosted runners. */
function sudoWorks(tools) {
    const sudo = tools.optional.sudo;
    if (sudo === undefined)
        return Promise.resolve(false);
    return new Promise((resolve) => {
        const child = (0,external_node_child_process_.spawn)(sudo, ['-n', '--', tools.required.env, 'true'], { stdio: 'ignore', env: { PATH: '/usr/sbin:/usr/bin:/sbin:/bin' } });
        const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
        child.once('error', () => resolve(false));
        child.once('close', (code) => {
            clearTimeout(timer);
            resolve(code === 0);
        });
    });
}

;// CONCATENATED MODULE: ./src/pipeline/open-run-isolation.ts
/**
 * The isolation of one run, for both entry points: the repository's top, git directory and packages
 * (what the sandbox must show), the secrets this process holds (which decide whether repository code
 * may run with no isolation at all), then openIsolation. One warning line when the run has none.
 */




async function openRunIsolation(request) {
    const topDir = await findRepoRoot(request.repoDir);
    const workspace = await discoverPackages(topDir);
    return openIsolation({
        setting: request.config.isolation,
        repoDir: topDir,
        gitCommonDir: await gitCommonDir(topDir).catch(() => null),
        packageDirs: workspace.packageDirs.map((dir) => external_node_path_default().join(topDir, dir)),
        env: request.env,
        secretsHeld: request.secretsHeld,
    });
}

// EXTERNAL MODULE: external "node:util"
var external_node_util_ = __webpack_require__(7975);
;// CONCATENATED MODULE: ./src/cli/parse-args.ts
/**
 * Command-line parsing (pure): argv -> a typed command. Uses node:util parseArgs, strict, so an unknown
 * flag or a missing value is a ConfigurationError with a one-line message.
 */


/** Printed when --api-key is used: the flag keeps working, but the key is visible to others. */
const API_KEY_FLAG_WARNING = '--api-key puts the key on the command line, where any user of this machine can read it (ps, /proc/<pid>/cmdline) and your shell history keeps it; export OPENAI_API_KEY (AZURE_OPENAI_API_KEY for Azure) in the environment instead';
const RUN_OPTIONS = {
    repo: { type: 'string' },
    base: { type: 'string' },
    head: { type: 'string' },
    provider: { type: 'string' },
    config: { type: 'string' },
    'report-md': { type: 'string' },
    'report-json': { type: 'string' },
    'base-coverage': { type: 'string' },
    'no-base': { type: 'boolean' },
    'no-store': { type: 'boolean' },
    'store-path': { type: 'string' },
    resume: { type: 'string' },
    include: { type: 'string', multiple: true },
    exclude: { type: 'string', multiple: true },
    framework: { type: 'string' },
    'runner-timeout-seconds': { type: 'string' },
    'max-modules': { type: 'string' },
    'max-runner-output-kb': { type: 'string' },
    'model-provider': { type: 'string' },
    'api-key': { type: 'string' },
    'base-url': { type: 'string' },
    model: { type: 'string' },
    temperature: { type: 'string' },
    'reasoning-effort': { type: 'string' },
    'token-param': { type: 'string' },
    'max-completion-tokens': { type: 'string' },
    'max-prompt-tokens': { type: 'string' },
    'request-timeout-seconds': { type: 'string' },
    'max-retries': { type: 'string' },
    'azure-endpoint': { type: 'string' },
    'azure-api-version': { type: 'string' },
    'azure-deployment': { type: 'string' },
    'max-cost-usd': { type: 'string' },
    'max-tokens': { type: 'string' },
    'max-llm-calls': { type: 'string' },
    'max-cost-per-module-usd': { type: 'string' },
    'model-prices': { type: 'string' },
    'max-heal-attempts': { type: 'string' },
    reruns: { type: 'string' },
    concurrency: { type: 'string' },
    isolation: { type: 'string' },
    'candidate-timeout-seconds': { type: 'string' },
    'offline-time-budget-seconds': { type: 'string' },
    'test-path-pattern': { type: 'string' },
    write: { type: 'boolean' },
    estimate: { type: 'boolean' },
    events: { type: 'string' },
    debug: { type: 'boolean' },
    help: { type: 'boolean', short: 'h' },
};
/**
 * Flags passed through to the configuration layer under the same (kebab-case) key: every config key
 * but include/exclude (repeatable), measure-base (--no-base) and store (--no-store). A test checks the list against the
 * schema. `write` is a boolean flag (`--write`); the others take a value.
 */
const CONFIG_FLAGS = [
    'provider',
    'report-md',
    'report-json',
    'base-coverage',
    'framework',
    'runner-timeout-seconds',
    'max-modules',
    'max-runner-output-kb',
    'model-provider',
    'api-key',
    'base-url',
    'model',
    'temperature',
    'reasoning-effort',
    'token-param',
    'max-completion-tokens',
    'max-prompt-tokens',
    'request-timeout-seconds',
    'max-retries',
    'azure-endpoint',
    'azure-api-version',
    'azure-deployment',
    'max-cost-usd',
    'max-tokens',
    'max-llm-calls',
    'max-cost-per-module-usd',
    'model-prices',
    'max-heal-attempts',
    'reruns',
    'concurrency',
    'isolation',
    'candidate-timeout-seconds',
    'offline-time-budget-seconds',
    'test-path-pattern',
    'store-path',
    'write',
];
const USAGE = `Usage: testmaster run [options]

Measures coverage of the modules changed between two commits, proposes tests for what is uncovered
(with a provider other than none) and writes a report.

Options:
  --repo DIR                     repository to analyse (default: current directory)
  --base REF                     base commit or branch (default: origin/HEAD, origin/main, origin/master, main or master)
  --head REF                     head commit or branch (default: HEAD)
  --provider NAME                auto | none | offline | openai | hybrid (default: auto = openai with a model key, else offline)
  --config FILE                  configuration file, read from disk as given (default: .github/testmaster.yml
                                 as it is at the base commit, if present there)
  --report-md FILE               write the markdown report here (default: print it on stdout)
  --report-json FILE             write the JSON report here
  --base-coverage FILE           read base coverage from this coverage-final.json instead of measuring it
  --no-base                      do not measure base coverage
  --include GLOB                 only consider changed files matching GLOB (repeatable)
  --exclude GLOB                 also exclude files matching GLOB (repeatable)
  --framework NAME               auto | vitest | jest (default: auto)
  --runner-timeout-seconds N     wall-clock limit for one test-runner process (default: 600)
  --max-modules N                measure at most N changed modules (default: 50)
  --max-runner-output-kb N       keep at most N KiB of each runner's stdout and stderr (default: 1024)
  --estimate                     print the projected worst-case cost of the model calls without making any
  --events FILE                  also write every event of the run to FILE, one JSON object per line (redacted)
  --resume [RUN_ID]              continue an interrupted run (default: the latest one for the same commits):
                                 finished modules and answers already paid for are not asked again
  --no-store                     keep no run store: no resume, no reuse of earlier runs' tests
  --store-path FILE              the run store (default: testmaster/store.sqlite in the git directory)
  --debug                        print stack traces and internal details
  -h, --help                     show this help
  --version                      print the version

Model (provider openai or hybrid):
  --model NAME                   the model (or Azure deployment) that writes tests, e.g. gpt-4.1-mini
  --model-provider NAME          openai | azure | compatible (default: from the other settings)
  --api-key KEY                  the API key; prefer the OPENAI_API_KEY environment variable (a flag is
                                 visible in the process list and shell history)
  --base-url URL                 API base URL (default: OPENAI_BASE_URL, else https://api.openai.com/v1)
  --azure-endpoint URL           Azure OpenAI endpoint (default: AZURE_OPENAI_ENDPOINT)
  --azure-api-version V          Azure OpenAI API version (default: OPENAI_API_VERSION)
  --azure-deployment NAME        Azure OpenAI deployment (default: the model name)
  --temperature T                sampling temperature, 0 to 2 (default: the provider's)
  --reasoning-effort LEVEL       low | medium | high, for reasoning models
  --token-param NAME             max_completion_tokens | max_tokens (default: by provider)
  --max-completion-tokens N      completion cap of one call, in tokens (default: 8192)
  --max-prompt-tokens N          prompt cap of one call, in tokens (default: 16000)
  --request-timeout-seconds N    time limit of one model request (default: 120)
  --max-retries N                retries of a failed model request (default: 2)

Budget (a call is made only if its worst case fits):
  --max-cost-usd USD             ceiling on the run's model spend (default: 1)
  --max-tokens N                 ceiling on the run's prompt plus completion tokens (default: none)
  --max-llm-calls N              ceiling on the run's model requests, retries included (default: none)
  --max-cost-per-module-usd USD  ceiling on one module's spend (default: none)
  --model-prices JSON            prices per million tokens by model id, e.g.
                                 '{"my-model": {"input-per-mtok-usd": 0.5, "output-per-mtok-usd": 1.5}}'

Generated tests:
  --max-heal-attempts N          healing turns per module (default: 2)
  --reruns N                     runs of each proposed test file; a case failing once is dropped (default: 3)
  --concurrency N                modules generated and validated at the same time (default: 4)
  --candidate-timeout-seconds N  limit for one run of a proposed test file (default: 120)
  --offline-time-budget-seconds N  time the zero-token generator may spend calling one module (default: 120)
  --test-path-pattern PATTERN    where a proposed test goes (default: {dir}/{name}.testmaster.test{ext})
  --write                        also write kept test files in place in the repository (new files only)

Isolation:
  --isolation LEVEL              auto, user, namespace or none: how the repository's code is isolated
                                 from your key and your machine (default: auto, the strongest available)

Traces go to an OpenTelemetry collector (OTLP/HTTP) when OTEL_EXPORTER_OTLP_ENDPOINT is set; see README.

Exit status: 0 when the run completed (whatever the coverage), 1 otherwise, with a one-line message.`;
function parseCliArgs(argv) {
    const [first, ...rest] = argv;
    if (first === undefined || first === 'help' || first === '--help' || first === '-h') {
        return { command: 'help', topic: null };
    }
    if (first === '--version' || first === 'version')
        return { command: 'version' };
    if (first !== 'run') {
        throw new errors/* ConfigurationError */.j1(`unknown command "${first}": the command is "testmaster run"; see testmaster --help`);
    }
    let values;
    try {
        ({ values } = (0,external_node_util_.parseArgs)({ args: withResumeValue(rest), options: RUN_OPTIONS, strict: true, allowPositionals: false }));
    }
    catch (error) {
        const detail = error instanceof Error ? error.message.split('\n')[0] : String(error);
        throw new errors/* ConfigurationError */.j1(`${detail}; see testmaster run --help`);
    }
    if (values.help === true)
        return { command: 'help', topic: 'run' };
    if (values.events === '')
        throw new errors/* ConfigurationError */.j1('--events needs a file path, e.g. --events testmaster-events.jsonl');
    if (values['no-base'] === true && typeof values['base-coverage'] === 'string') {
        throw new errors/* ConfigurationError */.j1('--no-base and --base-coverage contradict each other: pass one of them');
    }
    const overrides = {};
    for (const key of CONFIG_FLAGS) {
        const value = values[key];
        if (typeof value === 'string')
            overrides[key] = value;
        else if (value === true)
            overrides[key] = 'true';
    }
    if (values['no-base'] === true)
        overrides['measure-base'] = 'false';
    if (values.resume === '')
        throw new errors/* ConfigurationError */.j1('--resume= needs a run id after the =; or give --resume alone for the latest interrupted run');
    if (values['no-store'] === true) {
        if (typeof values.resume === 'string')
            throw new errors/* ConfigurationError */.j1('--no-store and --resume contradict each other: a run is resumed from the store');
        overrides.store = 'false';
    }
    if (Array.isArray(values.include))
        overrides.include = values.include.join('\n');
    if (Array.isArray(values.exclude))
        overrides.exclude = values.exclude.join('\n');
    return {
        command: 'run',
        repo: stringOrNull(values.repo),
        base: stringOrNull(values.base),
        head: stringOrNull(values.head),
        configPath: stringOrNull(values.config),
        overrides,
        estimate: values.estimate === true,
        debug: values.debug === true,
        warnings: typeof values['api-key'] === 'string' ? [API_KEY_FLAG_WARNING] : [],
        ...(typeof values.events === 'string' ? { eventsPath: values.events } : {}),
        ...(typeof values.resume === 'string' ? { resume: values.resume === LATEST_RUN ? { runId: null } : { runId: values.resume } } : {}),
    };
}
/** What `--resume` without a run id stands for. */
const LATEST_RUN = '\u0000latest';
/** `--resume` takes an optional value: `--resume`, `--resume ID`, `--resume=ID`. */
function withResumeValue(args) {
    const out = [];
    for (let index = 0; index < args.length; index += 1) {
        const arg = args[index];
        if (arg !== '--resume') {
            out.push(arg);
            continue;
        }
        const next = args[index + 1];
        if (next !== undefined && !next.startsWith('-')) {
            out.push(`--resume=${next}`);
            index += 1;
        }
        else {
            out.push(`--resume=${LATEST_RUN}`);
        }
    }
    return out;
}
function stringOrNull(value) {
    return typeof value === 'string' && value.length > 0 ? value : null;
}

;// CONCATENATED MODULE: ./src/cli/module-progress.ts
const NO_TOKENS = {
    calls: 0,
    inputTokens: 0,
    outputTokens: 0,
    costUsd: 0,
    replayedInputTokens: 0,
    replayedOutputTokens: 0,
    savedTokens: 0,
    savedCostUsd: 0,
};
function initialProgress() {
    return { ...NO_TOKENS, provider: null, phase: null, selected: [], modules: new Map(), ended: null };
}
/** A module is shown in the live block while one of these is its phase. */
function isActive(phase) {
    return phase.kind === 'measuring' || phase.kind === 'probing' || phase.kind === 'generating' || phase.kind === 'validating' || phase.kind === 'healing';
}
function isDone(phase) {
    return phase.kind === 'reused' || phase.kind === 'finished' || phase.kind === 'skipped';
}
/** Selected modules whose work is over (a hybrid module that went back to the model counts again only when it ends). */
function modulesDone(state) {
    return state.selected.filter((path) => {
        const module = state.modules.get(path);
        return module !== undefined && isDone(module.phase);
    }).length;
}
/** Modules in an active phase, in first-seen order. */
function activeModules(state) {
    return [...state.modules.values()].filter((module) => isActive(module.phase));
}
function hasModelActivity(figures) {
    return figures.calls > 0 || figures.replayedInputTokens + figures.replayedOutputTokens > 0 || figures.savedTokens > 0 || figures.savedCostUsd > 0;
}
const OUTCOME_LABELS = {
    'nothing-kept': 'nothing kept',
    'skipped-covered': 'already covered',
    'skipped-budget': 'skipped (budget)',
};
const SHORT_REASON_CHARS = 48;
/** `'healing turn 2'`, `'kept 3 case(s)'`, `'failed: model answered 500…'` (the reason only when asked for, first line, shortened). */
function phaseLabel(phase, withReason = true) {
    switch (phase.kind) {
        case 'waiting':
        case 'probing':
        case 'generating':
        case 'validating':
            return phase.kind;
        case 'measuring':
            return `measuring ${phase.side}`;
        case 'healing':
            return `healing turn ${phase.turn}`;
        case 'reused':
            return `reused ${phase.kept} case(s)`;
        case 'skipped':
            return withReason ? `skipped: ${shortReason(phase.reason)}` : 'skipped';
        case 'finished': {
            const label = phase.outcome === 'kept' ? `kept ${phase.kept} case(s)` : (OUTCOME_LABELS[phase.outcome] ?? phase.outcome);
            return withReason && phase.reason && phase.outcome !== 'kept' ? `${label}: ${shortReason(phase.reason)}` : label;
        }
    }
}
function shortReason(reason) {
    const first = reason.split('\n')[0]?.trim() ?? '';
    return first.length > SHORT_REASON_CHARS ? `${first.slice(0, SHORT_REASON_CHARS - 1)}…` : first;
}
function applyProgressEvent(state, event) {
    switch (event.type) {
        case 'run-started':
            return { ...state, provider: event.provider, ended: null };
        case 'phase-started':
            return { ...state, phase: event.phase };
        case 'phase-completed':
            return state.phase === event.phase ? { ...state, phase: null } : state;
        case 'modules-selected': {
            let next = { ...state, selected: [...event.modules] };
            for (const path of event.modules)
                next = updateModule(next, path, (module) => module);
            return next;
        }
        case 'module-analysis-started':
            return updateModule(state, event.path, (module) => ({ ...module, packageDir: event.packageDir }));
        case 'runner-started':
            return updateWhere(state, (module) => module.packageDir === event.packageDir && module.phase.kind === 'waiting', (module) => ({
                ...module,
                phase: { kind: 'measuring', side: event.side },
            }));
        case 'runner-completed':
            return updateWhere(state, (module) => module.packageDir === event.packageDir && module.phase.kind === 'measuring' && module.phase.side === event.side, (module) => ({ ...module, phase: { kind: 'waiting' } }));
        case 'module-skipped':
            return updateModule(state, event.path, (module) => ({ ...module, phase: { kind: 'skipped', reason: event.reason } }));
        case 'generation-started':
            return updateModule(state, event.path, (module) => {
                const starts = module.generationStarts + 1;
                const zeroToken = state.provider === 'offline' || (state.provider === 'hybrid' && starts === 1);
                return { ...module, generationStarts: starts, phase: { kind: zeroToken ? 'probing' : 'generating' } };
            });
        case 'model-call': {
            const spent = (figures) => ({
                calls: figures.calls + 1,
                inputTokens: figures.inputTokens + event.inputTokens,
                outputTokens: figures.outputTokens + event.outputTokens,
            });
            const next = updateModule(state, event.path, (module) => ({ ...module, ...spent(module), costUsd: module.costUsd + event.costUsd, phase: answered(module.phase) }));
            return { ...next, ...spent(state), costUsd: Math.max(state.costUsd, event.runCostUsd) };
        }
        case 'model-call-replayed': {
            const replayed = (figures) => ({
                replayedInputTokens: figures.replayedInputTokens + event.inputTokens,
                replayedOutputTokens: figures.replayedOutputTokens + event.outputTokens,
            });
            const next = updateModule(state, event.path, (module) => ({ ...module, ...replayed(module), phase: answered(module.phase) }));
            return { ...next, ...replayed(state) };
        }
        case 'module-reused': {
            const saved = (figures) => ({ savedTokens: figures.savedTokens + event.savedTokens, savedCostUsd: figures.savedCostUsd + event.savedCostUsd });
            const next = updateModule(state, event.path, (module) => ({ ...module, ...saved(module), phase: { kind: 'reused', kept: event.kept, source: event.source } }));
            return { ...next, ...saved(state) };
        }
        case 'heal-turn':
            return updateModule(state, event.path, (module) => ({ ...module, phase: { kind: 'healing', turn: event.turn } }));
        case 'probe-finished':
            return updateModule(state, event.path, (module) => ({ ...module, phase: { kind: 'validating' } }));
        case 'generation-finished':
            return updateModule(state, event.path, (module) => ({
                ...module,
                phase: { kind: 'finished', outcome: event.outcome, kept: event.kept, reason: event.reason },
            }));
        case 'run-resumed':
            // The resumed ledger's totals include what the interrupted run spent; shown until the first new call says more.
            return { ...state, costUsd: Math.max(state.costUsd, event.spentUsd) };
        case 'run-interrupted':
            return { ...state, ended: 'interrupted', phase: null };
        case 'run-completed':
            return { ...state, ended: 'completed', phase: null };
        case 'run-failed':
            return { ...state, ended: state.ended ?? 'failed', phase: null };
        case 'diff-computed':
        case 'coverage-measured':
        case 'candidate-validated':
        case 'warning':
            return state;
    }
}
/** After an answer (new or replayed) comes validation; a healing turn keeps its name until the next event. */
function answered(phase) {
    return phase.kind === 'generating' || phase.kind === 'waiting' ? { kind: 'validating' } : phase;
}
function newModule(path) {
    return { ...NO_TOKENS, path, packageDir: null, phase: { kind: 'waiting' }, generationStarts: 0 };
}
function updateModule(state, path, change) {
    const modules = new Map(state.modules);
    modules.set(path, change(state.modules.get(path) ?? newModule(path)));
    return { ...state, modules };
}
function updateWhere(state, matches, change) {
    if (![...state.modules.values()].some(matches))
        return state;
    const modules = new Map([...state.modules].map(([path, module]) => [path, matches(module) ? change(module) : module]));
    return { ...state, modules };
}

;// CONCATENATED MODULE: ./src/events/describe-event.ts
/**
 * One short human line per event (pure), shared by the CLI's progress display and the action's log.
 * Returns null for events that are not worth a line of their own.
 */

const PHASE_TITLES = {
    diff: 'Comparing base and head',
    scope: 'Choosing changed modules',
    'base-coverage': 'Measuring base coverage',
    'head-coverage': 'Measuring head coverage',
    generation: 'Generating and validating tests',
    report: 'Computing the report',
};
function phaseTitle(phase) {
    return PHASE_TITLES[phase] ?? phase;
}
function describeEvent(event) {
    switch (event.type) {
        case 'run-started':
            return `TestMaster: ${event.baseRef}..${event.headRef} in ${event.repoDir} (provider: ${event.provider})`;
        case 'phase-started':
            return `${phaseTitle(event.phase)}${event.detail ? `: ${event.detail}` : ''}`;
        case 'phase-completed':
            return event.detail ? `${phaseTitle(event.phase)}: ${event.detail}` : null;
        case 'diff-computed':
            return `${event.files} changed file(s), ${event.skipped} skipped (${event.base.slice(0, 7)}..${event.head.slice(0, 7)})`;
        case 'modules-selected':
            return `${event.modules.length} module(s) to measure in ${event.packages.length} package(s)`;
        case 'module-analysis-started':
            return null;
        case 'runner-started':
            return `${event.side}: running ${event.framework} in ${event.packageDir || '.'} for ${event.modules} module(s)`;
        case 'runner-completed':
            return `${event.side}: ${event.packageDir || '.'}: ${event.passed} passed, ${event.failed} failed in ${(event.durationMs / 1000).toFixed(1)}s${event.timedOut ? ' (timed out)' : ''}`;
        case 'coverage-measured':
            return null;
        case 'module-skipped':
            return `skipped ${event.path}: ${event.reason}`;
        case 'generation-started':
            return `${event.path}: writing tests for ${event.uncoveredLines} uncovered changed line(s)`;
        case 'model-call':
            return `${event.path}: model call (${event.label}, attempt ${event.attempt}): ${event.inputTokens}+${event.outputTokens} tokens, $${event.costUsd.toFixed(4)} (run total $${event.runCostUsd.toFixed(4)})`;
        case 'heal-turn':
            return `${event.path}: healing turn ${event.turn} (${event.fileError ? 'the file failed' : `${event.failingCases} failing case(s)`})`;
        case 'probe-finished':
            return `${event.path}: probed ${event.calls} call(s) in ${event.runs} run(s): ${event.cases} candidate case(s), ${event.rejected} left out`;
        case 'candidate-validated':
            return `${event.path}: candidate ${event.turn}: ${event.verdict}, ${event.kept} case(s) kept, ${event.dropped} dropped`;
        case 'generation-finished':
            return `${event.path}: ${event.outcome}${event.kept > 0 ? ` (${event.kept} case(s))` : ''}${event.reason ? `: ${event.reason}` : ''}`;
        case 'model-call-replayed':
            return `${event.path}: model answer (${event.label}) taken from the interrupted run: ${event.inputTokens}+${event.outputTokens} tokens already paid, no new call`;
        case 'module-reused':
            return `${event.path}: reused ${event.kept} validated case(s) from ${event.source === 'cache' ? 'an earlier run' : 'the interrupted run'}${event.savedTokens > 0 ? ` (saved ${event.savedTokens} tokens, $${event.savedCostUsd.toFixed(4)})` : ''}`;
        case 'run-resumed':
            return `Resuming run ${event.runId}: ${event.finishedModules} module(s) already finished, $${event.spentUsd.toFixed(4)} already spent`;
        case 'run-interrupted':
            return event.runId === null ? 'Interrupted' : `Interrupted: run ${event.runId} is saved; continue it with testmaster run --resume ${event.runId}`;
        case 'warning':
            return `warning: ${event.message}`;
        case 'run-completed':
            return event.patchTotal === 0
                ? `Done: ${event.files} file(s), no coverable changed lines`
                : `Done: patch coverage ${formatPercent(event.patchCovered - event.patchPartial, event.patchTotal)} of ${event.patchTotal} changed coverable lines (${event.patchCovered} hit, ${event.patchPartial} of them partial) in ${event.files} file(s)`;
        case 'run-failed':
            return null; // the entry point prints the error itself, once
    }
}

;// CONCATENATED MODULE: ./src/cli/progress-lines.ts
/**
 * Pure: the lines an event leaves for good on the CLI's stderr. Each event's describeEvent line; when a
 * module ends, one more line with its model tokens and cost (only when it had any); when the run ends,
 * the run's model totals (only when the model was used). On a terminal the events in LIVE_ONLY_EVENTS
 * leave no line: the live block shows them instead.
 */



/** Events whose news the live block carries on a terminal (the current phase, a module's step, its tokens). */
const LIVE_ONLY_EVENTS = new Set([
    'phase-started',
    'runner-started',
    'generation-started',
    'model-call',
    'model-call-replayed',
    'heal-turn',
    'probe-finished',
    'candidate-validated',
]);
const MODULE_END_EVENTS = new Set(['generation-finished', 'module-reused', 'module-skipped']);
const RUN_END_EVENTS = new Set(['run-completed', 'run-failed', 'run-interrupted']);
/** `after` is the progress with `event` applied. */
function permanentLines(event, after) {
    const lines = [];
    const described = describeEvent(event);
    // The totals come before the closing line, so "Done: ..." (or "Interrupted ...") stays the last word.
    if (RUN_END_EVENTS.has(event.type)) {
        const totals = runTotalsLine(after);
        if (totals !== null)
            lines.push(totals);
    }
    if (described !== null)
        lines.push(described);
    if (MODULE_END_EVENTS.has(event.type) && 'path' in event) {
        const module = after.modules.get(event.path);
        const tokens = module ? moduleTokensLine(module) : null;
        if (tokens !== null)
            lines.push(tokens);
    }
    return lines;
}
/**
 * `'src/cart.ts: kept 3 case(s): 1,234 in + 456 out tokens, $0.0123'`; null when no model answer (new or
 * replayed) went into it: a reused module's savings are already on its describeEvent line.
 */
function moduleTokensLine(module) {
    if (!spentAny(module) && !replayedAny(module))
        return null;
    return `${module.path}: ${phaseLabel(module.phase, false)}: ${tokenParts(module).join('; ')}`;
}
/** `'Model: 5 call(s), 12,345 in + 2,345 out tokens, $0.0456'`; null when the model was not used. */
function runTotalsLine(state) {
    if (!hasModelActivity(state) && state.costUsd === 0)
        return null;
    const parts = tokenParts(state);
    const spent = spentAny(state) ? `, ${parts.shift() ?? ''}` : '';
    return `Model: ${formatCount(state.calls)} call(s)${spent}${parts.map((part) => `; ${part}`).join('')}`;
}
/** `'1,234 in + 456 out tokens'`, `'1,234 in + 456 out'` in the live block. */
function tokenPair(inputTokens, outputTokens) {
    return `${formatCount(inputTokens)} in + ${formatCount(outputTokens)} out`;
}
function progress_lines_usd(amount) {
    return format_numbers_formatUsd(amount, 4);
}
function spentAny(figures) {
    return figures.calls > 0 || figures.costUsd > 0;
}
function replayedAny(figures) {
    return figures.replayedInputTokens + figures.replayedOutputTokens > 0;
}
/** What was spent (when anything), replayed and saved, each as one phrase. */
function tokenParts(figures) {
    const parts = [];
    if (spentAny(figures))
        parts.push(`${tokenPair(figures.inputTokens, figures.outputTokens)} tokens, ${progress_lines_usd(figures.costUsd)}`);
    if (replayedAny(figures))
        parts.push(`${tokenPair(figures.replayedInputTokens, figures.replayedOutputTokens)} tokens already paid`);
    if (figures.savedTokens > 0 || figures.savedCostUsd > 0)
        parts.push(`saved ${formatCount(figures.savedTokens)} tokens, ${progress_lines_usd(figures.savedCostUsd)}`);
    return parts;
}

;// CONCATENATED MODULE: ./src/cli/render-progress.ts



const INDENT = '  ';
const GAP = '  ';
const SEPARATOR = ' · ';
/** The tokens, then the cost column, give way before a path gets fewer characters than this. */
const PREFERRED_PATH_CHARS = 24;
/** A path is never cut shorter than this (the row is cut on the right instead). */
const MIN_PATH_CHARS = 12;
function renderLiveBlock(state, options) {
    if (state.ended !== null)
        return [];
    const width = Math.max(1, options.columns - 1);
    const moduleRoom = Math.max(0, options.maxRows - 1);
    const active = activeModules(state);
    const shown = active.length > moduleRoom ? active.slice(0, Math.max(0, moduleRoom - 1)) : active;
    const rows = moduleRows(shown, width);
    const hidden = active.length - shown.length;
    if (hidden > 0 && moduleRoom > 0)
        rows.push(clip(`${INDENT}… and ${hidden} more in progress`, width));
    rows.push(totalsRow(state, width));
    return rows;
}
const TOTALS_PHASE_TITLES = {
    diff: 'Comparing base and head',
    scope: 'Choosing modules',
    'head-coverage': 'Measuring head coverage',
    'base-coverage': 'Measuring base coverage',
    generation: 'Generating tests',
    report: 'Computing the report',
};
/**
 * `'Generating tests · 1/4 modules done · $0.0313 · 3,034 in + 1,056 out tokens · 2 model call(s) · 2,500 replayed · 1,500 saved'`,
 * the parts on the right left out first when the row does not fit `width`.
 */
function totalsRow(state, width) {
    const parts = [state.phase === null ? 'Working' : TOTALS_PHASE_TITLES[state.phase]];
    if (state.selected.length > 0)
        parts.push(`${modulesDone(state)}/${state.selected.length} modules done`);
    if (hasModelActivity(state) || state.costUsd > 0) {
        parts.push(progress_lines_usd(state.costUsd), `${tokenPair(state.inputTokens, state.outputTokens)} tokens`, `${formatCount(state.calls)} model call(s)`);
        const replayed = state.replayedInputTokens + state.replayedOutputTokens;
        if (replayed > 0)
            parts.push(`${formatCount(replayed)} replayed`);
        if (state.savedTokens > 0)
            parts.push(`${formatCount(state.savedTokens)} saved`);
    }
    while (parts.length > 1 && textWidth(parts.join(SEPARATOR)) > width)
        parts.pop();
    return clip(parts.join(SEPARATOR), width);
}
function cellsOf(module) {
    const replayed = module.replayedInputTokens + module.replayedOutputTokens;
    const spent = module.calls > 0 ? tokenPair(module.inputTokens, module.outputTokens) : '';
    const paid = replayed > 0 ? `+${formatCount(replayed)} paid` : '';
    return {
        path: module.path,
        phase: phaseLabel(module.phase),
        tokens: [spent, paid].filter(Boolean).join(' '),
        cost: module.calls > 0 ? progress_lines_usd(module.costUsd) : '',
    };
}
/**
 * Aligned columns: path, phase, tokens (right-aligned), cost (right-aligned). When the path would get
 * fewer than PREFERRED_PATH_CHARS, the tokens column goes, then the cost column; a path is then cut
 * from the left, and a row still too wide is cut on the right.
 */
function moduleRows(modules, width) {
    if (modules.length === 0)
        return [];
    const cells = modules.map(cellsOf);
    const widthOf = (pick) => widest(cells.map(pick));
    const longestPath = widthOf((cell) => cell.path);
    const phaseWidth = widthOf((cell) => cell.phase);
    const columnWidths = { tokens: widthOf((cell) => cell.tokens), cost: widthOf((cell) => cell.cost) };
    const layouts = [['tokens', 'cost'], ['cost'], []];
    const pathRoomFor = (columns) => width - INDENT.length - GAP.length - phaseWidth - columns.reduce((sum, column) => sum + (columnWidths[column] > 0 ? GAP.length + columnWidths[column] : 0), 0);
    const wanted = Math.min(longestPath, PREFERRED_PATH_CHARS);
    const layout = layouts.find((columns) => pathRoomFor(columns) >= wanted) ?? [];
    const pathWidth = Math.min(longestPath, Math.max(MIN_PATH_CHARS, pathRoomFor(layout)));
    return cells.map((cell) => {
        let row = `${INDENT}${padEnd(cutLeft(cell.path, pathWidth), pathWidth)}${GAP}${padEnd(cell.phase, phaseWidth)}`;
        for (const column of layout) {
            if (columnWidths[column] > 0)
                row += `${GAP}${padStart(cell[column], columnWidths[column])}`;
        }
        return clip(row.trimEnd(), width);
    });
}
/** Width in characters (code points; paths and labels here are not wide CJK text). */
function textWidth(text) {
    return Array.from(text).length;
}
function widest(texts) {
    return texts.reduce((max, text) => Math.max(max, textWidth(text)), 0);
}
/** `'…/deep/path/module.ts'`: the end of a path is the part that says which module it is. */
function cutLeft(text, width) {
    const chars = Array.from(text);
    if (chars.length <= width)
        return text;
    if (width <= 1)
        return chars.slice(chars.length - width).join('');
    return `…${chars.slice(chars.length - (width - 1)).join('')}`;
}
/** Cut on the right to `width`, with '…' when something was cut. */
function clip(text, width) {
    const chars = Array.from(text);
    if (chars.length <= width)
        return text;
    if (width <= 1)
        return chars.slice(0, width).join('');
    return `${chars.slice(0, width - 1).join('')}…`;
}
function padEnd(text, width) {
    return text + ' '.repeat(Math.max(0, width - textWidth(text)));
}
function padStart(text, width) {
    return ' '.repeat(Math.max(0, width - textWidth(text))) + text;
}

;// CONCATENATED MODULE: ./src/cli/progress.ts



const DEFAULT_COLUMNS = 80;
const DEFAULT_MAX_ROWS = 12;
const DEFAULT_MIN_REDRAW_MS = 100;
/** Up `rows` lines, to the start of the line, and clear to the end of the screen. */
function eraseBlock(rows) {
    return rows > 0 ? `\x1b[${rows}A\r\x1b[J` : '';
}
function createProgressDisplay(stream, options = {}) {
    return stream.isTTY === true ? liveDisplay(stream, options) : plainDisplay(stream);
}
function plainDisplay(stream) {
    let state = initialProgress();
    return (event) => {
        state = applyProgressEvent(state, event);
        const lines = permanentLines(event, state);
        if (lines.length > 0)
            stream.write(lines.map((line) => `${line}\n`).join(''));
    };
}
function liveDisplay(stream, options) {
    const now = options.now ?? (() => performance.now());
    const schedule = options.schedule ?? scheduleUnref;
    const minRedrawMs = options.minRedrawMs ?? DEFAULT_MIN_REDRAW_MS;
    let state = initialProgress();
    let pending = [];
    let shownRows = [];
    let lastDrawAt = Number.NEGATIVE_INFINITY;
    let timer = null;
    const draw = () => {
        timer?.cancel();
        timer = null;
        const rows = renderLiveBlock(state, { columns: stream.columns ?? DEFAULT_COLUMNS, maxRows: maxRows(stream, options) });
        if (pending.length === 0 && sameRows(rows, shownRows))
            return;
        stream.write(`${eraseBlock(shownRows.length)}${[...pending, ...rows].map((line) => `${line}\n`).join('')}`);
        pending = [];
        shownRows = rows;
        lastDrawAt = now();
    };
    return (event) => {
        state = applyProgressEvent(state, event);
        if (!LIVE_ONLY_EVENTS.has(event.type))
            pending.push(...permanentLines(event, state));
        if (state.ended !== null) {
            draw(); // the run's end: at once, and the block is gone
            return;
        }
        const wait = lastDrawAt + minRedrawMs - now();
        if (wait <= 0)
            draw();
        else
            timer ??= schedule(draw, wait);
    };
}
function maxRows(stream, options) {
    const wanted = Math.max(1, options.maxRows ?? DEFAULT_MAX_ROWS);
    return stream.rows !== undefined && stream.rows > 0 ? Math.max(1, Math.min(wanted, stream.rows - 2)) : wanted;
}
function sameRows(a, b) {
    return a.length === b.length && a.every((row, index) => row === b[index]);
}
function scheduleUnref(callback, delayMs) {
    const handle = setTimeout(callback, delayMs);
    handle.unref();
    return { cancel: () => clearTimeout(handle) };
}

// EXTERNAL MODULE: ./node_modules/@opentelemetry/exporter-trace-otlp-http/dist/platform/node/OTLPTraceExporter.mjs + 34 modules
var OTLPTraceExporter = __webpack_require__(5450);
// EXTERNAL MODULE: ./node_modules/@opentelemetry/resources/dist/ResourceImpl.mjs + 6 modules
var ResourceImpl = __webpack_require__(8993);
// EXTERNAL MODULE: ./node_modules/@opentelemetry/sdk-trace/dist/TracerProvider.mjs + 14 modules
var TracerProvider = __webpack_require__(536);
// EXTERNAL MODULE: ./node_modules/@opentelemetry/sdk-trace/dist/platform/node/export/BatchSpanProcessor.mjs + 5 modules
var BatchSpanProcessor = __webpack_require__(5999);
// EXTERNAL MODULE: ./node_modules/@opentelemetry/semantic-conventions/dist/stable_attributes.mjs
var stable_attributes = __webpack_require__(2123);
;// CONCATENATED MODULE: ./src/telemetry/noting-exporter.ts

/** ExportResultCode.SUCCESS in @opentelemetry/core. */
const SUCCESS = 0;
class NotingExporter {
    #failure = null;
    #exported = 0;
    #inner;
    #secrets;
    constructor(inner, secrets = []) {
        this.#inner = inner;
        this.#secrets = secrets;
    }
    /** The first failed export, described in one line, or null. */
    get failure() {
        return this.#failure;
    }
    /** Spans the collector accepted. */
    get exported() {
        return this.#exported;
    }
    export(spans, resultCallback) {
        this.#inner.export(spans, (result) => {
            if (result.code === SUCCESS)
                this.#exported += spans.length;
            else
                this.#failure ??= this.#describe(result.error);
            resultCallback(result);
        });
    }
    shutdown() {
        return this.#inner.shutdown();
    }
    forceFlush() {
        return this.#inner.forceFlush?.() ?? Promise.resolve();
    }
    #describe(error) {
        const code = error && 'code' in error && typeof error.code === 'string' ? ` ${error.code}` : '';
        const message = error?.message.split('\n')[0]?.trim() || 'no detail';
        return redactSecrets(`${message}${code && !message.includes(code.trim()) ? code : ''}`, this.#secrets).slice(0, 160);
    }
}

;// CONCATENATED MODULE: ./src/telemetry/otlp-settings.ts
/**
 * Pure: whether traces are exported, and where, from the standard OpenTelemetry environment variables.
 * On only when OTEL_EXPORTER_OTLP_TRACES_ENDPOINT or OTEL_EXPORTER_OTLP_ENDPOINT is set (and neither
 * OTEL_SDK_DISABLED=true nor OTEL_TRACES_EXPORTER=none). Headers come from OTEL_EXPORTER_OTLP_HEADERS and
 * OTEL_EXPORTER_OTLP_TRACES_HEADERS; the per-request timeout from OTEL_EXPORTER_OTLP_(TRACES_)TIMEOUT,
 * never longer than the shutdown deadline. No value read here is ever put in a message: an endpoint
 * may carry credentials and headers usually do.
 */
function readOtlpSettings(env, deadlineMs) {
    if (value(env, 'OTEL_SDK_DISABLED')?.toLowerCase() === 'true')
        return { kind: 'off' };
    if (value(env, 'OTEL_TRACES_EXPORTER')?.toLowerCase() === 'none')
        return { kind: 'off' };
    const specific = value(env, 'OTEL_EXPORTER_OTLP_TRACES_ENDPOINT');
    const general = value(env, 'OTEL_EXPORTER_OTLP_ENDPOINT');
    if (specific === undefined && general === undefined)
        return { kind: 'off' };
    const name = specific !== undefined ? 'OTEL_EXPORTER_OTLP_TRACES_ENDPOINT' : 'OTEL_EXPORTER_OTLP_ENDPOINT';
    // The per-signal endpoint is used as given; the general one gets the signal's path appended.
    const url = specific !== undefined ? httpUrl(specific) : httpUrl(general.endsWith('/') ? `${general}v1/traces` : `${general}/v1/traces`);
    if (url === null)
        return { kind: 'invalid', note: `telemetry off: ${name} is not an http(s) URL` };
    return {
        kind: 'on',
        settings: {
            url,
            headers: { ...parseOtlpHeaders(value(env, 'OTEL_EXPORTER_OTLP_HEADERS')), ...parseOtlpHeaders(value(env, 'OTEL_EXPORTER_OTLP_TRACES_HEADERS')) },
            timeoutMs: Math.min(deadlineMs, positiveInteger(value(env, 'OTEL_EXPORTER_OTLP_TRACES_TIMEOUT')) ?? positiveInteger(value(env, 'OTEL_EXPORTER_OTLP_TIMEOUT')) ?? deadlineMs),
        },
    };
}
/**
 * `key1=value1,key2=value2` with percent-encoded values (the OTLP exporter specification); a pair
 * without `=` or with an empty key is skipped.
 */
function parseOtlpHeaders(text) {
    const headers = {};
    for (const pair of (text ?? '').split(',')) {
        const cut = pair.indexOf('=');
        if (cut <= 0)
            continue;
        const key = pair.slice(0, cut).trim();
        const raw = pair.slice(cut + 1).trim();
        if (key === '')
            continue;
        headers[key] = decode(raw);
    }
    return headers;
}
/** The collector's origin without user info or path, for a debug line. */
function describeEndpoint(url) {
    try {
        const parsed = new URL(url);
        return `${parsed.protocol}//${parsed.host}`;
    }
    catch {
        return 'the collector';
    }
}
function value(env, name) {
    const text = env[name]?.trim();
    return text ? text : undefined;
}
function httpUrl(text) {
    try {
        const url = new URL(text);
        return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null;
    }
    catch {
        return null;
    }
}
function positiveInteger(text) {
    if (text === undefined || !/^\d+$/.test(text))
        return null;
    const number = Number(text);
    return number > 0 ? number : null;
}
function decode(text) {
    try {
        return decodeURIComponent(text);
    }
    catch {
        return text;
    }
}

;// CONCATENATED MODULE: ./src/telemetry/settle-within.ts
function settleWithin(promise, ms) {
    return new Promise((resolve) => {
        const timer = setTimeout(() => resolve('timed-out'), ms);
        promise.then(() => {
            clearTimeout(timer);
            resolve('done');
        }, () => {
            clearTimeout(timer);
            resolve('failed');
        });
    });
}

// EXTERNAL MODULE: ./node_modules/@opentelemetry/api/dist/trace-api.mjs + 6 modules
var trace_api = __webpack_require__(8408);
// EXTERNAL MODULE: ./node_modules/@opentelemetry/api/dist/context/context.mjs
var context = __webpack_require__(1802);
// EXTERNAL MODULE: ./node_modules/@opentelemetry/api/dist/trace/span_kind.mjs
var span_kind = __webpack_require__(3428);
// EXTERNAL MODULE: ./node_modules/@opentelemetry/api/dist/trace/status.mjs
var trace_status = __webpack_require__(1213);
;// CONCATENATED MODULE: ./src/telemetry/event-attributes.ts

/** Attribute names: testmaster.* for our own, gen_ai.* (OpenTelemetry semantic conventions) for model usage. */
const ATTR = {
    provider: 'testmaster.provider',
    baseRef: 'testmaster.base_ref',
    headRef: 'testmaster.head_ref',
    baseSha: 'testmaster.base_sha',
    headSha: 'testmaster.head_sha',
    diffFiles: 'testmaster.diff.files',
    diffSkipped: 'testmaster.diff.skipped',
    modules: 'testmaster.modules',
    packages: 'testmaster.packages',
    phase: 'testmaster.phase',
    modulePath: 'testmaster.module.path',
    packageDir: 'testmaster.module.package_dir',
    runnerSide: 'testmaster.runner.side',
    runnerPackageDir: 'testmaster.runner.package_dir',
    runnerFramework: 'testmaster.runner.framework',
    runnerModules: 'testmaster.runner.modules',
    runnerPassed: 'testmaster.runner.passed',
    runnerFailed: 'testmaster.runner.failed',
    runnerExitCode: 'testmaster.runner.exit_code',
    runnerTimedOut: 'testmaster.runner.timed_out',
    runnerDurationMs: 'testmaster.runner.duration_ms',
    coverageSide: 'testmaster.coverage.side',
    linesCovered: 'testmaster.coverage.lines_covered',
    linesTotal: 'testmaster.coverage.lines_total',
    uncoveredLines: 'testmaster.generation.uncovered_lines',
    outcome: 'testmaster.generation.outcome',
    kept: 'testmaster.generation.kept',
    costUsd: 'testmaster.cost_usd',
    runCostUsd: 'testmaster.run_cost_usd',
    operation: 'gen_ai.operation.name',
    inputTokens: 'gen_ai.usage.input_tokens',
    outputTokens: 'gen_ai.usage.output_tokens',
    callLabel: 'testmaster.model_call.label',
    callAttempt: 'testmaster.model_call.attempt',
    callCharged: 'testmaster.model_call.charged',
    healTurn: 'testmaster.heal.turn',
    healFailingCases: 'testmaster.heal.failing_cases',
    healFileError: 'testmaster.heal.file_error',
    probeRuns: 'testmaster.probe.runs',
    probeCalls: 'testmaster.probe.calls',
    probeCases: 'testmaster.probe.cases',
    probeRejected: 'testmaster.probe.rejected',
    candidateTurn: 'testmaster.candidate.turn',
    candidateVerdict: 'testmaster.candidate.verdict',
    candidateKept: 'testmaster.candidate.kept',
    candidateDropped: 'testmaster.candidate.dropped',
    runFiles: 'testmaster.run.files',
    patchCovered: 'testmaster.patch.covered',
    patchPartial: 'testmaster.patch.partial',
    patchTotal: 'testmaster.patch.total',
    runOutcome: 'testmaster.run.outcome',
    runInputTokens: 'testmaster.run.input_tokens',
    runOutputTokens: 'testmaster.run.output_tokens',
    runModelCalls: 'testmaster.run.model_calls',
    runWarnings: 'testmaster.run.warnings',
    reuseSource: 'testmaster.reuse.source',
    savedTokens: 'testmaster.reuse.saved_tokens',
    savedCostUsd: 'testmaster.reuse.saved_cost_usd',
    finishedModules: 'testmaster.resume.finished_modules',
    spentUsd: 'testmaster.resume.spent_usd',
};
/** The allow-listed attributes of one event; strings redacted with `secrets` and the token shapes. */
function eventAttributes(event, secrets = []) {
    const text = (value) => redactSecrets(value, secrets);
    switch (event.type) {
        case 'run-started':
            return { [ATTR.provider]: text(event.provider), [ATTR.baseRef]: text(event.baseRef), [ATTR.headRef]: text(event.headRef) };
        case 'phase-started':
        case 'phase-completed':
            return { [ATTR.phase]: event.phase };
        case 'diff-computed':
            return { [ATTR.baseSha]: text(event.base), [ATTR.headSha]: text(event.head), [ATTR.diffFiles]: event.files, [ATTR.diffSkipped]: event.skipped };
        case 'modules-selected':
            return { [ATTR.modules]: event.modules.length, [ATTR.packages]: event.packages.length };
        case 'module-analysis-started':
            return { [ATTR.modulePath]: text(event.path), [ATTR.packageDir]: text(event.packageDir) };
        case 'runner-started':
            return { [ATTR.runnerSide]: event.side, [ATTR.runnerPackageDir]: text(event.packageDir), [ATTR.runnerFramework]: text(event.framework), [ATTR.runnerModules]: event.modules };
        case 'runner-completed':
            return {
                [ATTR.runnerSide]: event.side,
                [ATTR.runnerPackageDir]: text(event.packageDir),
                [ATTR.runnerPassed]: event.passed,
                [ATTR.runnerFailed]: event.failed,
                ...(event.exitCode === null ? {} : { [ATTR.runnerExitCode]: event.exitCode }),
                [ATTR.runnerTimedOut]: event.timedOut,
                [ATTR.runnerDurationMs]: event.durationMs,
            };
        case 'coverage-measured':
            return { [ATTR.coverageSide]: event.side, [ATTR.modulePath]: text(event.path), [ATTR.linesCovered]: event.linesCovered, [ATTR.linesTotal]: event.linesTotal };
        case 'module-skipped':
            return { [ATTR.modulePath]: text(event.path) }; // not the reason: free text
        case 'generation-started':
            return { [ATTR.modulePath]: text(event.path), [ATTR.uncoveredLines]: event.uncoveredLines };
        case 'model-call':
            return {
                [ATTR.operation]: 'chat',
                [ATTR.modulePath]: text(event.path),
                [ATTR.callLabel]: text(event.label),
                [ATTR.callAttempt]: event.attempt,
                [ATTR.callCharged]: text(event.charged),
                [ATTR.inputTokens]: event.inputTokens,
                [ATTR.outputTokens]: event.outputTokens,
                [ATTR.costUsd]: event.costUsd,
                [ATTR.runCostUsd]: event.runCostUsd,
            };
        case 'heal-turn':
            return { [ATTR.healTurn]: event.turn, [ATTR.healFailingCases]: event.failingCases, [ATTR.healFileError]: event.fileError };
        case 'probe-finished':
            return { [ATTR.probeRuns]: event.runs, [ATTR.probeCalls]: event.calls, [ATTR.probeCases]: event.cases, [ATTR.probeRejected]: event.rejected };
        case 'candidate-validated':
            return { [ATTR.candidateTurn]: event.turn, [ATTR.candidateVerdict]: text(event.verdict), [ATTR.candidateKept]: event.kept, [ATTR.candidateDropped]: event.dropped };
        case 'generation-finished':
            return { [ATTR.outcome]: text(event.outcome), [ATTR.kept]: event.kept, [ATTR.costUsd]: event.costUsd }; // not the reason: free text
        case 'model-call-replayed':
            return { [ATTR.modulePath]: text(event.path), [ATTR.callLabel]: text(event.label), [ATTR.inputTokens]: event.inputTokens, [ATTR.outputTokens]: event.outputTokens };
        case 'module-reused':
            return { [ATTR.modulePath]: text(event.path), [ATTR.reuseSource]: event.source, [ATTR.kept]: event.kept, [ATTR.savedTokens]: event.savedTokens, [ATTR.savedCostUsd]: event.savedCostUsd };
        case 'run-resumed':
            return { [ATTR.finishedModules]: event.finishedModules, [ATTR.spentUsd]: event.spentUsd };
        case 'run-interrupted':
            return { [ATTR.runOutcome]: 'interrupted' };
        case 'warning':
            return {}; // not the message: free text
        case 'run-completed':
            return { [ATTR.runOutcome]: 'completed', [ATTR.runFiles]: event.files, [ATTR.patchCovered]: event.patchCovered, [ATTR.patchPartial]: event.patchPartial, [ATTR.patchTotal]: event.patchTotal };
        case 'run-failed':
            return { [ATTR.runOutcome]: 'failed' }; // not the message: free text
    }
}

;// CONCATENATED MODULE: ./src/telemetry/trace-events.ts
/**
 * An event-stream consumer that turns the pipeline's events into spans on the tracer it is given:
 *
 *   testmaster.run                       run-started .. run-completed / run-failed
 *   ├─ testmaster.phase.<phase>          phase-started .. phase-completed
 *   │  └─ testmaster.runner              runner-started .. runner-completed (under its coverage phase)
 *   └─ testmaster.module                 first .. last event about the module
 *      └─ testmaster.generation          generation-started .. generation-finished (twice in hybrid)
 *         └─ testmaster.model_call       one per model request (attempt)
 *
 * Probes, candidates, healing turns and coverage figures are span events; warnings and skipped files
 * are events on the run span. A model call is reported once it is over, so its span covers the time
 * since the module's previous event: the call took at most that long. Times are the bus's `atMs` on
 * the clock given, so spans line up with the report's timeline. Attributes come only from the
 * allow-list in event-attributes.ts.
 */



const SPAN_EVENT_NAMES = {
    'coverage-measured': 'testmaster.coverage',
    'heal-turn': 'testmaster.heal_turn',
    'probe-finished': 'testmaster.probe',
    'candidate-validated': 'testmaster.candidate',
};
function createTraceListener(tracer, options) {
    const secrets = options.secrets ?? [];
    let origin = null;
    let run = null;
    let finished = false;
    const phases = new Map();
    const modules = new Map();
    const generations = new Map();
    const runners = new Map();
    const totals = { inputTokens: 0, outputTokens: 0, modelCalls: 0, warnings: 0, costUsd: 0 };
    const timeOf = (event) => {
        origin ??= options.now() - event.atMs;
        return origin + event.atMs;
    };
    const under = (parent) => trace_api/* trace */.u.setSpan(context/* ROOT_CONTEXT */.l, parent);
    const ensureRun = (at) => {
        if (run === null) {
            const span = tracer.startSpan('testmaster.run', { kind: span_kind/* SpanKind */.v.INTERNAL, startTime: at }, context/* ROOT_CONTEXT */.l);
            run = { span, context: under(span) };
        }
        return run;
    };
    const ensureModule = (path, at) => {
        let module = modules.get(path);
        if (module === undefined) {
            const attributes = { [ATTR.modulePath]: redactSecrets(path, secrets) };
            const span = tracer.startSpan('testmaster.module', { startTime: at, attributes }, ensureRun(at).context);
            module = { span, lastAt: at };
            modules.set(path, module);
        }
        return module;
    };
    /** The innermost open span of a module: its generation, else the module itself. */
    const scopeOf = (path, at) => {
        const module = ensureModule(path, at);
        return generations.get(path) ?? module;
    };
    /** Records that something happened to the module at `at`. */
    const touch = (path, at) => {
        for (const timed of [modules.get(path), generations.get(path)])
            if (timed)
                timed.lastAt = Math.max(timed.lastAt, at);
    };
    const endRun = (at, failed) => {
        if (run === null)
            return;
        for (const span of runners.values())
            span.end(at);
        runners.clear();
        for (const generation of generations.values())
            generation.span.end(at);
        generations.clear();
        for (const span of phases.values()) {
            if (failed)
                span.setStatus({ code: trace_status/* SpanStatusCode */.s.ERROR });
            span.end(at);
        }
        phases.clear();
        for (const module of modules.values())
            module.span.end(module.lastAt);
        modules.clear();
        run.span.setAttributes({
            [ATTR.runInputTokens]: totals.inputTokens,
            [ATTR.runOutputTokens]: totals.outputTokens,
            [ATTR.runModelCalls]: totals.modelCalls,
            [ATTR.runWarnings]: totals.warnings,
            [ATTR.costUsd]: totals.costUsd,
        });
        if (failed)
            run.span.setStatus({ code: trace_status/* SpanStatusCode */.s.ERROR });
        run.span.end(at);
        finished = true;
    };
    const listener = (event) => {
        if (finished)
            return;
        const at = timeOf(event);
        const attributes = eventAttributes(event, secrets);
        switch (event.type) {
            case 'run-started':
            case 'diff-computed':
            case 'modules-selected':
                ensureRun(at).span.setAttributes(attributes);
                return;
            case 'phase-started':
                phases.get(event.phase)?.end(at);
                phases.set(event.phase, tracer.startSpan(`testmaster.phase.${event.phase}`, { startTime: at, attributes }, ensureRun(at).context));
                return;
            case 'phase-completed':
                phases.get(event.phase)?.end(at);
                phases.delete(event.phase);
                return;
            case 'module-analysis-started':
                ensureModule(event.path, at).span.setAttributes(attributes);
                touch(event.path, at);
                return;
            case 'runner-started': {
                const key = `${event.side}\0${event.packageDir}`;
                runners.get(key)?.end(at);
                const phase = phases.get(event.side === 'head' ? 'head-coverage' : 'base-coverage');
                runners.set(key, tracer.startSpan('testmaster.runner', { startTime: at, attributes }, phase ? under(phase) : ensureRun(at).context));
                return;
            }
            case 'runner-completed': {
                const key = `${event.side}\0${event.packageDir}`;
                const span = runners.get(key);
                if (span === undefined)
                    return;
                span.setAttributes(attributes);
                span.end(at);
                runners.delete(key);
                return;
            }
            case 'generation-started': {
                const module = ensureModule(event.path, at);
                generations.get(event.path)?.span.end(at);
                generations.set(event.path, { span: tracer.startSpan('testmaster.generation', { startTime: at, attributes }, under(module.span)), lastAt: at });
                touch(event.path, at);
                return;
            }
            case 'model-call': {
                // Reported once over: the call began after the previous event in its scope.
                const scope = scopeOf(event.path, at);
                tracer.startSpan('testmaster.model_call', { kind: span_kind/* SpanKind */.v.CLIENT, startTime: scope.lastAt, attributes }, under(scope.span)).end(at);
                touch(event.path, at);
                totals.inputTokens += event.inputTokens;
                totals.outputTokens += event.outputTokens;
                totals.modelCalls += 1;
                totals.costUsd = Math.max(totals.costUsd, event.runCostUsd);
                return;
            }
            case 'coverage-measured':
            case 'heal-turn':
            case 'probe-finished':
            case 'candidate-validated':
                scopeOf(event.path, at).span.addEvent(SPAN_EVENT_NAMES[event.type], attributes, at);
                touch(event.path, at);
                return;
            case 'generation-finished': {
                touch(event.path, at);
                scopeOf(event.path, at);
                modules.get(event.path)?.span.setAttributes(attributes);
                const generation = generations.get(event.path);
                if (generation === undefined)
                    return;
                generation.span.setAttributes(attributes);
                generation.span.end(at);
                generations.delete(event.path);
                return;
            }
            case 'module-skipped':
                ensureRun(at).span.addEvent('testmaster.module_skipped', attributes, at);
                return;
            case 'model-call-replayed':
            case 'module-reused':
                scopeOf(event.path, at).span.addEvent(event.type === 'module-reused' ? 'testmaster.module_reused' : 'testmaster.model_call_replayed', attributes, at);
                touch(event.path, at);
                return;
            case 'run-resumed':
            case 'run-interrupted':
                ensureRun(at).span.addEvent(event.type === 'run-resumed' ? 'testmaster.run_resumed' : 'testmaster.run_interrupted', attributes, at);
                return;
            case 'warning':
                totals.warnings += 1;
                ensureRun(at).span.addEvent('testmaster.warning', attributes, at);
                return;
            case 'run-completed':
            case 'run-failed':
                ensureRun(at).span.setAttributes(attributes);
                endRun(at, event.type === 'run-failed');
                return;
        }
    };
    return {
        listener,
        endOpenSpans: () => {
            if (!finished)
                endRun(options.now(), true);
        },
    };
}

;// CONCATENATED MODULE: ./src/telemetry/create-telemetry.ts
/**
 * Effects: the run's OpenTelemetry traces, when the standard OTEL_EXPORTER_OTLP_* variables ask for
 * them, and nothing at all otherwise (no provider, no exporter, no timer). Spans go out over OTLP/HTTP
 * (JSON bodies) through a batch processor; at the end `shutdown` exports what is left and gives up at
 * a hard deadline (2 s), so a dead or slow collector never delays a run noticeably and never fails it:
 * export errors are swallowed, and at most one line goes to the `debug` callback. Nothing is created
 * at import time; the entry points call the factory with their environment.
 */








/** The longest `shutdown` may take, whatever the collector does. */
const TELEMETRY_DEADLINE_MS = 2_000;
function createTelemetry(options) {
    const deadlineMs = options.deadlineMs ?? TELEMETRY_DEADLINE_MS;
    const debug = options.debug ?? (() => undefined);
    const choice = readOtlpSettings(options.env, deadlineMs);
    if (choice.kind === 'off')
        return null;
    if (choice.kind === 'invalid') {
        debug(choice.note);
        return null;
    }
    const { settings } = choice;
    const where = describeEndpoint(settings.url);
    try {
        const exporter = new NotingExporter((options.createExporter ?? otlpHttpExporter)(settings), options.secrets);
        const provider = new TracerProvider/* TracerProvider */.d({
            resource: (0,ResourceImpl/* resourceFromAttributes */.QZ)({
                ...parseOtlpHeaders(options.env.OTEL_RESOURCE_ATTRIBUTES),
                [stable_attributes/* ATTR_SERVICE_NAME */.UX4]: options.env.OTEL_SERVICE_NAME?.trim() || 'testmaster',
                [stable_attributes/* ATTR_SERVICE_VERSION */.HZt]: options.version,
            }),
            spanProcessors: [new BatchSpanProcessor/* BatchSpanProcessor */.J({ exporter, exportTimeoutMillis: settings.timeoutMs })],
        });
        const traces = createTraceListener(provider.getTracer('testmaster', options.version), {
            now: options.now ?? Date.now,
            secrets: options.secrets ?? [],
        });
        let closing = null;
        return {
            listener: traces.listener,
            shutdown: () => (closing ??= (async () => {
                traces.endOpenSpans();
                const settled = await settleWithin(Promise.resolve().then(() => provider.shutdown()), deadlineMs);
                if (settled === 'timed-out')
                    debug(`telemetry: ${where} did not answer within ${deadlineMs} ms; spans dropped, the run is unaffected`);
                else if (settled === 'failed' || exporter.failure !== null)
                    debug(`telemetry: export to ${where} failed (${exporter.failure ?? 'no detail'}); spans dropped, the run is unaffected`);
                else
                    debug(`telemetry: ${exporter.exported} span(s) sent to ${where}`);
            })()),
        };
    }
    catch {
        debug('telemetry off: the exporter could not be set up'); // its message may quote the endpoint
        return null;
    }
}
function otlpHttpExporter(settings) {
    return new OTLPTraceExporter/* OTLPTraceExporter */.Q({ url: settings.url, headers: { ...settings.headers }, timeoutMillis: settings.timeoutMs });
}

;// CONCATENATED MODULE: ./src/telemetry/redact-event.ts
/**
 * Pure: a copy of an event with every string in it (nested ones too) redacted like the reports:
 * known secret values, their encoded forms and token shapes. Redacting the values before
 * serialising, rather than the JSON text after, also catches a secret that JSON would have escaped.
 */

function redactEvent(event, secrets) {
    return redactDeep(event, secrets);
}

;// CONCATENATED MODULE: ./src/telemetry/event-log.ts
/**
 * Effects: the `--events FILE` log, one JSON object per line for every event of the run (the objects
 * of the report's timeline, redacted like the reports), written as it happens so the file can be
 * followed live and keeps everything up to a crash. The file is created afresh; a directory or a
 * missing parent directory is a ConfigurationError before anything runs. A write that fails later
 * never fails the run: the log stops and `close` says why.
 */




function openEventLog(path, secrets) {
    let fd = openOrExplain(path);
    let failure = null;
    const stop = (error) => {
        failure ??= `the event log ${path} is incomplete: ${event_log_describe(error)}`;
        if (fd !== null) {
            try {
                (0,external_node_fs_.closeSync)(fd);
            }
            catch {
                // already failing; the first reason is the one worth telling
            }
            fd = null;
        }
    };
    return {
        listener: (event) => {
            if (fd === null)
                return;
            try {
                (0,external_node_fs_.writeSync)(fd, `${JSON.stringify(redactEvent(event, secrets))}\n`);
            }
            catch (error) {
                stop(error);
            }
        },
        close: () => {
            if (fd !== null) {
                try {
                    (0,external_node_fs_.closeSync)(fd);
                    fd = null;
                }
                catch (error) {
                    stop(error);
                }
            }
            return failure;
        },
    };
}
function openOrExplain(path) {
    try {
        return (0,external_node_fs_.openSync)(path, 'w');
    }
    catch (error) {
        const code = error.code;
        if (code === 'EISDIR')
            throw new errors/* ConfigurationError */.j1(`--events ${path} is a directory: pass the path of a file to create`);
        if (code === 'ENOENT' || code === 'ENOTDIR') {
            throw new errors/* ConfigurationError */.j1(`--events ${path}: the directory ${(0,external_node_path_.dirname)(path)} does not exist: create it first or pass another path`);
        }
        throw new errors/* ConfigurationError */.j1(`--events ${path} cannot be created (${event_log_describe(error)}): pass a writable path`);
    }
}
function event_log_describe(error) {
    const code = error?.code;
    return typeof code === 'string' ? code : error instanceof Error ? (error.message.split('\n')[0] ?? 'unknown error') : 'unknown error';
}

;// CONCATENATED MODULE: ./src/cli/main.ts
/**
 * The CLI's run(): parses arguments, loads the configuration once, runs the pipeline with a progress
 * display (and the `--events` log and OpenTelemetry traces when asked for), writes the reports. The only top-level error handler of the CLI: one line on stderr and a
 * non-zero exit, the stack only with --debug.
 */


















async function runCli(argv, io) {
    let debug = argv.includes('--debug');
    try {
        const command = parseCliArgs(argv);
        if (command.command === 'help') {
            io.stdout.write(`${USAGE}\n`);
            return 0;
        }
        if (command.command === 'version') {
            io.stdout.write(`${VERSION}\n`);
            return 0;
        }
        debug = command.debug;
        return await runCommand(command, io);
    }
    catch (error) {
        io.stderr.write(`testmaster: ${(0,errors/* oneLineMessage */.Wg)(error)}\n`);
        if (debug && error instanceof Error && error.stack)
            io.stderr.write(`${error.stack}\n`);
        return 1;
    }
}
async function runCommand(command, io) {
    const cwd = io.cwd();
    const repoDir = (0,external_node_path_.resolve)(cwd, command.repo ?? '.');
    for (const warning of command.warnings)
        io.stderr.write(`warning: ${warning}\n`);
    // Paths on the command line are relative to where the user stands; those in the config file, to the repository.
    const overrides = Object.fromEntries(Object.entries(command.overrides).map(([key, value]) => [key, main_PATH_KEYS.has(key) ? (0,external_node_path_.resolve)(cwd, value) : value]));
    const baseRef = command.base ?? (await defaultBaseRef(repoDir));
    const headRef = command.head ?? 'HEAD';
    // As in the action, the repository's config file is read at the merge base, never as the checked-out pull request has it.
    const comparison = await resolveComparison(repoDir, baseRef, headRef);
    const { config, notes } = await loadRunConfig({
        repoDir,
        baseCommit: comparison.base,
        configPath: command.configPath === null ? null : (0,external_node_path_.resolve)(cwd, command.configPath),
        namedFileFrom: 'disk',
        overrides,
        overridesLabel: 'flag',
    });
    for (const note of notes)
        io.stderr.write(`note: ${note}\n`);
    await assertReportTargetsWritable([config.reportMd, config.reportJson]);
    const secrets = knownSecrets(config, io.env);
    const eventLog = command.eventsPath === undefined ? null : openEventLog((0,external_node_path_.resolve)(cwd, command.eventsPath), secrets);
    const aborter = new AbortController();
    io.once?.('SIGINT', () => aborter.abort());
    io.once?.('SIGTERM', () => aborter.abort());
    const events = new EventBus();
    events.subscribe(createProgressDisplay(io.stderr));
    if (eventLog)
        events.subscribe(eventLog.listener);
    const telemetry = createTelemetry({ env: io.env, version: VERSION, secrets, debug: (line) => command.debug && io.stderr.write(`${line}\n`) });
    if (telemetry)
        events.subscribe(telemetry.listener);
    let isolation = null;
    const guard = createRepositoryGuard(repoDir);
    try {
        isolation = await openRunIsolation({ config, repoDir, env: io.env, secretsHeld: heldSecretNames(config, io.env) });
        if (isolation.report.level === 'none')
            io.stderr.write(`warning: the repository's code runs without isolation: ${isolation.report.notes.join('; ')}\n`);
        const report = await runPipeline({
            repoDir,
            baseRef,
            headRef,
            config,
            allowFetch: false,
            signal: aborter.signal,
            estimateOnly: command.estimate,
            ownOutputs: [...(command.eventsPath === undefined ? [] : [(0,external_node_path_.resolve)(cwd, command.eventsPath)]), ...storeFiles(config.storePath)],
            resume: command.resume ?? null,
        }, { exec: guardExecutor(isolation.exec, guard, warnTampered(events)), guard, tempRoot: isolation.tempRoot, isolation: isolation.report, events, version: VERSION, env: io.env });
        const { markdown } = await writeReports(report, {
            markdownPath: config.reportMd,
            jsonPath: config.reportJson,
            secrets,
        });
        // After the reports, so a failure here never loses them; replaced whenever generation ran, so an
        // old proposal is never left to be applied by mistake.
        if (report.proposedFiles !== undefined && !command.estimate) {
            const proposed = report.proposedFiles;
            const topDir = await findRepoRoot(repoDir);
            const written = await writeProposedFiles(proposed, { directory: (0,external_node_path_.resolve)(topDir, main_PROPOSED_DIR), repoDir: topDir, placeInRepo: config.write });
            if (proposed.length > 0)
                io.stderr.write(`Proposed tests: ${proposed.length} file(s) in ${main_PROPOSED_DIR}/${written.placed.length > 0 ? `; written in place: ${written.placed.join(', ')}` : ''}\n`);
            for (const entry of written.notPlaced)
                io.stderr.write(`warning: not written in place: ${entry.path}: ${entry.reason}\n`);
        }
        if (config.reportMd === null)
            io.stdout.write(markdown.endsWith('\n') ? markdown : `${markdown}\n`);
        return 0;
    }
    finally {
        await isolation?.dispose();
        // Even when the run failed: the log ends with run-failed, the trace with an error status.
        const incomplete = eventLog?.close() ?? null;
        if (incomplete !== null)
            io.stderr.write(`warning: ${incomplete}\n`);
        await telemetry?.shutdown(); // bounded by its own deadline; never throws
    }
}
const main_PATH_KEYS = new Set(['report-md', 'report-json', 'base-coverage', 'store-path']);
/** The run store's file and SQLite's companions: the run's own writes if the store is kept in the tree. */
function storeFiles(storePath) {
    return storePath === null ? [] : ['', '-wal', '-shm', '-journal'].map((suffix) => `${storePath}${suffix}`);
}
/** Where the CLI puts copies of the kept test files, relative to the repository. */
const main_PROPOSED_DIR = '.testmaster/proposed';


/***/ })

};
