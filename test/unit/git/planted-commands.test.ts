/**
 * Every way a repository (or a file its code could write: `.git/config`, `info/attributes`, hooks, the
 * user's global config) can name a command that git runs, planted in a real repository; then the git
 * operations TestMaster runs (status, diff, show, cat-file --batch, worktree add/remove, merge-base,
 * rev-parse, ls-files, checkout of paths, fetch from a local bare remote and over http, ssh and git://)
 * go through src/git/. Each planted command writes its environment to a marker file: no marker may
 * appear. Each vector is first run through plain git to show the plant works (so each test can fail).
 */
import { spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readObjects } from '../../../src/git/cat-file.js';
import { runGit } from '../../../src/git/exec.js';
import { fetchCommit, findMergeBase, resolveCommit } from '../../../src/git/refs.js';
import { restorePaths } from '../../../src/git/restore-paths.js';
import { readWorkingTreeStatus } from '../../../src/git/working-tree-snapshot.js';
import { withWorktree } from '../../../src/git/worktree.js';
import { computeDiff } from '../../../src/diff/compute-diff.js';
import { createTempRepo, git, gitEnv, makeTempDir, removeTempDirs, type TempRepo } from './git-fixture.js';

const FAKE_SECRETS: Readonly<Record<string, string>> = {
  OPENAI_API_KEY: 'sk-planted-test-0123456789abcdef',
  GITHUB_TOKEN: 'ghp_plantedtest0123456789abcdefABCDEF01',
  INPUT_API_KEY: 'input-secret-value',
  ACTIONS_RUNTIME_TOKEN: 'actions-runtime-secret',
};

let markers: string;
let saved: NodeJS.ProcessEnv;
beforeEach(() => {
  markers = makeTempDir('tm-markers-');
  saved = { ...process.env };
  Object.assign(process.env, FAKE_SECRETS);
  // The user's global config is a file of this test (its own scope), never the machine's.
  process.env.GIT_CONFIG_GLOBAL = path.join(makeTempDir('tm-global-'), 'gitconfig');
  writeFileSync(process.env.GIT_CONFIG_GLOBAL, '');
});
afterEach(() => {
  for (const name of Object.keys(process.env)) if (!(name in saved)) delete process.env[name];
  Object.assign(process.env, saved);
});
afterAll(removeTempDirs);

/** A shell command that records that it ran (with its environment) under `name`, then acts like `then`. */
function planted(name: string, then = 'cat'): string {
  return `env > '${path.join(markers, name)}'; ${then}`;
}

function markersWritten(): string[] {
  return readdirSync(markers).sort();
}

/** Runs plain git (what happens without TestMaster's settings) with the test's environment; never throws. */
async function plainGit(cwd: string, ...args: string[]): Promise<void> {
  const child = spawn('git', args, { cwd, env: { ...gitEnv(), ...process.env }, stdio: 'ignore' });
  const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
  await new Promise((resolve) => child.on('close', resolve));
  clearTimeout(timer);
}

/** A repository with two commits on main, a tracked file, and `origin` a local bare clone. */
function repoWithRemote(): { repo: TempRepo; base: string; head: string; remote: string } {
  const repo = createTempRepo();
  repo.write('src/a.txt', 'one\n');
  repo.write('src/b.ts', 'export const b = 1;\n');
  const base = repo.commitAll('base');
  repo.write('src/a.txt', 'one\ntwo\n');
  const head = repo.commitAll('head');
  const remote = path.join(makeTempDir('tm-remote-'), 'remote.git');
  git(path.dirname(remote), 'clone', '--quiet', '--bare', repo.dir, remote);
  repo.git('remote', 'add', 'origin', remote);
  // Something new to fetch.
  const other = path.join(makeTempDir('tm-other-'), 'other');
  git(path.dirname(other), 'clone', '--quiet', remote, other);
  writeFileSync(path.join(other, 'c.txt'), 'c\n');
  git(other, 'add', 'c.txt');
  git(other, 'commit', '--quiet', '-m', 'remote only');
  git(other, 'push', '--quiet', 'origin', 'HEAD:main');
  return { repo, base, head, remote };
}

/** Makes the next `git status` re-read tracked files (same size, other mtime): a clean filter then runs. */
function touchTracked(repo: TempRepo): void {
  const later = new Date(Date.now() + 5000);
  for (const file of ['src/a.txt', 'src/b.ts']) utimesSync(path.join(repo.dir, file), later, later);
}

/** Every git operation TestMaster runs, through src/git/; returns what failed (some vectors make a fetch fail on purpose). */
async function testMasterOperations(repo: TempRepo, base: string, head: string, remote = 'origin'): Promise<Record<string, string>> {
  const failures: Record<string, string> = {};
  const attempt = async (name: string, work: () => Promise<unknown>): Promise<void> => {
    try {
      await work();
    } catch (error) {
      failures[name] = error instanceof Error ? error.message : String(error);
    }
  };
  touchTracked(repo);
  await attempt('status', () => readWorkingTreeStatus(repo.dir));
  await attempt('diff', () => computeDiff(repo.dir, base, head));
  await attempt('show', () => runGit(repo.dir, ['show', `${head}:src/a.txt`]));
  await attempt('show commit', () => runGit(repo.dir, ['show', head]));
  await attempt('cat-file', () => readObjects(repo.dir, [base, head]));
  await attempt('rev-parse', () => resolveCommit(repo.dir, 'HEAD'));
  await attempt('merge-base', () => findMergeBase(repo.dir, base, head));
  await attempt('ls-files', () => runGit(repo.dir, ['ls-files', '-z']));
  await attempt('worktree', () =>
    withWorktree(repo.dir, base, async (dir) => {
      writeFileSync(path.join(dir, 'src/a.txt'), 'changed\n');
      await restorePaths(dir, ['src/a.txt']);
      touchTracked({ ...repo, dir });
      await readWorkingTreeStatus(dir);
    }),
  );
  await attempt('fetch', () => fetchCommit(repo.dir, remote, 'main', null, 20_000));
  return failures;
}

describe('git as TestMaster runs it: no repository-named command runs', () => {
  it('switches off clean, smudge and process filters planted in .git/config and info/attributes, even a required one', async () => {
    const { repo, base, head } = repoWithRemote();
    const config = path.join(repo.dir, '.git', 'config');
    writeFileSync(config, `${readFileSync(config, 'utf8')}[filter "evil"]\n\tclean = "${planted('clean')}"\n\tsmudge = "${planted('smudge')}"\n\trequired = true\n[filter "proc"]\n\tprocess = "${planted('process', 'exit 1')}"\n`);
    writeFileSync(path.join(repo.dir, '.git', 'info', 'attributes'), '*.txt filter=evil\n*.ts filter=proc\n');

    touchTracked(repo);
    await plainGit(repo.dir, 'status');
    expect(markersWritten()).toEqual(['clean', 'process']);
    rmSync(markers, { recursive: true });
    mkdirSync(markers);

    const failures = await testMasterOperations(repo, base, head);
    expect(markersWritten()).toEqual([]);
    expect(failures).toEqual({});
  });

  it('switches off a filter that an include brings in, that the global config defines, or that is named with "=" and dots', async () => {
    const { repo, base, head } = repoWithRemote();
    const included = path.join(makeTempDir('tm-include-'), 'extra.cfg');
    writeFileSync(included, `[filter "inc"]\n\tsmudge = "${planted('included')}"\n`);
    repo.git('config', 'include.path', included);
    repo.git('config', `includeIf.gitdir:${repo.dir}/.git.path`, included);
    writeFileSync(process.env.GIT_CONFIG_GLOBAL!, `[filter "glob"]\n\tclean = "${planted('global')}"\n\tsmudge = "${planted('global')}"\n[core]\n\tattributesFile = ${path.join(markers, '..', 'attrs')}\n`);
    writeFileSync(path.join(markers, '..', 'attrs'), '*.ts filter=glob\n');
    const config = path.join(repo.dir, '.git', 'config');
    writeFileSync(config, `${readFileSync(config, 'utf8')}[filter "x=y.z"]\n\tsmudge = "${planted('odd-name')}"\n\tclean = "${planted('odd-name')}"\n`);
    // Committed attributes: a .gitattributes file in the repository itself.
    repo.write('.gitattributes', 'src/a.txt filter=inc\n*.md filter=x=y.z\n');
    repo.write('README.md', 'readme\n');
    const withAttributes = repo.commitAll('attributes');

    const control = path.join(makeTempDir('tm-control-'), 'wt');
    await plainGit(repo.dir, 'worktree', 'add', '--detach', control, withAttributes);
    expect(markersWritten()).toEqual(['global', 'included', 'odd-name']);
    await plainGit(repo.dir, 'worktree', 'remove', '--force', control);
    rmSync(markers, { recursive: true });
    mkdirSync(markers);

    const failures = await testMasterOperations(repo, base, withAttributes);
    await withWorktree(repo.dir, withAttributes, async (dir) => {
      // Blobs as committed: no smudge ran.
      expect(readFileSync(path.join(dir, 'src/a.txt'), 'utf8')).toBe('one\ntwo\n');
    });
    expect(markersWritten()).toEqual([]);
    expect(failures).toEqual({});
    void head;
  });

  it('runs no diff driver command or textconv, and no external diff', async () => {
    const { repo, base, head } = repoWithRemote();
    repo.git('config', 'diff.evil.command', planted('diff-command', 'true'));
    repo.git('config', 'diff.conv.textconv', planted('textconv', 'cat "$1"'));
    repo.git('config', 'diff.external', planted('diff-external', 'true'));
    writeFileSync(path.join(repo.dir, '.git', 'info', 'attributes'), '*.txt diff=evil\n*.ts diff=conv\n');
    process.env.GIT_EXTERNAL_DIFF = planted('external-env', 'true');

    await plainGit(repo.dir, 'diff', base, head);
    await plainGit(repo.dir, 'log', '-p', '-1', '--', 'src/b.ts');
    repo.git('config', '--unset', 'diff.evil.command');
    await plainGit(repo.dir, 'diff', base, head);
    expect(markersWritten()).toEqual(['diff-command', 'external-env', 'textconv']);
    repo.git('config', 'diff.evil.command', planted('diff-command', 'true'));
    rmSync(markers, { recursive: true });
    mkdirSync(markers);

    const failures = await testMasterOperations(repo, base, head);
    const diff = await computeDiff(repo.dir, base, head);
    expect(diff.files.map((file) => [file.path, file.changedLines])).toEqual([['src/a.txt', [2]]]);
    expect(markersWritten()).toEqual([]);
    expect(failures).toEqual({});
  });

  it('runs no hook and no fsmonitor', async () => {
    const { repo, base, head } = repoWithRemote();
    for (const hook of ['post-checkout', 'reference-transaction', 'post-index-change', 'pre-auto-gc', 'post-rewrite']) {
      const file = path.join(repo.dir, '.git', 'hooks', hook);
      writeFileSync(file, `#!/bin/sh\n${planted(`hook-${hook}`, 'exit 0')}\n`);
      chmodSync(file, 0o755);
    }
    const monitor = path.join(makeTempDir('tm-fsmonitor-'), 'fsmonitor.sh');
    writeFileSync(monitor, `#!/bin/sh\n${planted('fsmonitor', 'exit 1')}\n`);
    chmodSync(monitor, 0o755);
    repo.git('config', 'core.fsmonitor', monitor);

    await plainGit(repo.dir, 'status');
    await plainGit(repo.dir, 'worktree', 'add', '--detach', path.join(makeTempDir('tm-control-'), 'wt'), base);
    expect(markersWritten()).toEqual(expect.arrayContaining(['fsmonitor', 'hook-post-checkout', 'hook-reference-transaction']));
    rmSync(markers, { recursive: true });
    mkdirSync(markers);

    const failures = await testMasterOperations(repo, base, head);
    expect(markersWritten()).toEqual([]);
    expect(failures).toEqual({});
  });

  it('fetches from a local bare remote without its uploadpack command, alternates command or remote helper', async () => {
    const { repo, base, head, remote } = repoWithRemote();
    repo.git('config', 'remote.origin.uploadpack', planted('uploadpack', 'git-upload-pack "$@"'));
    const alternate = path.join(makeTempDir('tm-alt-'), 'alt.git');
    git(path.dirname(alternate), 'init', '--quiet', '--bare', alternate);
    writeFileSync(path.join(repo.dir, '.git', 'objects', 'info', 'alternates'), `${path.join(alternate, 'objects')}\n`);
    repo.git('config', 'core.alternateRefsCommand', planted('alternate-refs', 'true'));
    const bin = makeTempDir('tm-bin-');
    writeFileSync(path.join(bin, 'git-remote-evil'), `#!/bin/sh\n${planted('remote-helper', 'exit 1')}\n`);
    chmodSync(path.join(bin, 'git-remote-evil'), 0o755);
    process.env.PATH = `${bin}${path.delimiter}${process.env.PATH ?? ''}`;
    repo.git('remote', 'add', 'helper', remote);
    repo.git('config', 'remote.helper.vcs', 'evil');
    repo.git('remote', 'add', 'helper2', 'evil::somewhere');

    await plainGit(repo.dir, 'fetch', 'origin', 'main');
    await plainGit(repo.dir, 'fetch', 'helper', 'main');
    await plainGit(repo.dir, 'fetch', 'helper2', 'main');
    expect(markersWritten()).toEqual(['alternate-refs', 'remote-helper', 'uploadpack']);
    rmSync(markers, { recursive: true });
    mkdirSync(markers);
    git(repo.dir, 'update-ref', '-d', 'refs/remotes/origin/main');

    const failures = await testMasterOperations(repo, base, head);
    expect(failures).toEqual({});
    const fetched = await fetchCommit(repo.dir, 'origin', 'main', null, 20_000);
    expect(fetched).toBe(git(remote, 'rev-parse', 'main').trim());
    await expect(fetchCommit(repo.dir, 'helper', 'main', null, 20_000)).rejects.toThrow(/transport 'evil' not allowed/);
    await expect(fetchCommit(repo.dir, 'helper2', 'main', null, 20_000)).rejects.toThrow(/transport 'evil' not allowed/);
    expect(markersWritten()).toEqual([]);
  });

  it('refuses ext:: remotes, also through url.insteadOf and protocol.ext.allow=always', async () => {
    const { repo, base, head } = repoWithRemote();
    repo.git('config', 'protocol.ext.allow', 'always');
    repo.git('config', 'protocol.allow', 'always');
    repo.git('remote', 'add', 'ext', `ext::sh -c touch% ${path.join(markers, 'ext')}`);
    repo.git('config', `url.ext::sh -c touch% ${path.join(markers, 'insteadof')}%;false.insteadOf`, 'evil-remote:');
    repo.git('remote', 'add', 'rewritten', 'evil-remote:repo');

    await plainGit(repo.dir, 'fetch', 'ext');
    expect(markersWritten()).toEqual(['ext']);
    rmSync(markers, { recursive: true });
    mkdirSync(markers);

    expect(await testMasterOperations(repo, base, head)).toEqual({});
    await expect(fetchCommit(repo.dir, 'ext', 'main', null, 20_000)).rejects.toThrow(/transport 'ext' not allowed/);
    await expect(fetchCommit(repo.dir, 'rewritten', 'main', null, 20_000)).rejects.toThrow(/transport 'ext' not allowed/);
    expect(markersWritten()).toEqual([]);
  });

  it('runs no ssh command, git proxy command, credential helper or askpass program', async () => {
    const { repo } = repoWithRemote();
    repo.git('config', 'core.sshCommand', planted('ssh-command', 'exit 1'));
    repo.git('remote', 'add', 'overssh', 'ssh://git@example.invalid/repo.git');
    const proxy = path.join(makeTempDir('tm-proxy-'), 'proxy.sh');
    writeFileSync(proxy, `#!/bin/sh\n${planted('git-proxy', 'exit 1')}\n`);
    chmodSync(proxy, 0o755);
    repo.git('config', 'core.gitProxy', proxy);
    repo.git('remote', 'add', 'overgit', 'git://example.invalid/repo.git');
    repo.git('config', 'credential.helper', `!${planted('credential', 'true')}`);
    const askpass = path.join(makeTempDir('tm-askpass-'), 'askpass.sh');
    writeFileSync(askpass, `#!/bin/sh\n${planted('askpass', 'echo x')}\n`);
    chmodSync(askpass, 0o755);
    repo.git('config', 'core.askPass', askpass);
    process.env.SSH_ASKPASS = askpass;
    const server = await startUnauthorizedServer();
    try {
      writeFileSync(process.env.GIT_CONFIG_GLOBAL!, `[credential "${server.url}"]\n\thelper = "!${planted('credential-url', 'true')}"\n`);
      repo.git('remote', 'add', 'overhttp', `${server.url}/repo.git`);

      await plainGit(repo.dir, 'fetch', 'overssh');
      await plainGit(repo.dir, 'fetch', 'overgit');
      await plainGit(repo.dir, 'fetch', 'overhttp');
      expect(markersWritten()).toEqual(['askpass', 'credential', 'credential-url', 'git-proxy', 'ssh-command']);
      rmSync(markers, { recursive: true });
      mkdirSync(markers);

      for (const remote of ['overssh', 'overgit', 'overhttp']) {
        await expect(fetchCommit(repo.dir, remote, 'main', null, 20_000)).rejects.toThrow(/could not fetch/);
      }
      expect(markersWritten()).toEqual([]);
    } finally {
      await server.stop();
    }
  });

  it('refuses to fetch while uploadpack.packObjectsHook is set (a local remote would run it without our settings)', async () => {
    const { repo } = repoWithRemote();
    writeFileSync(process.env.GIT_CONFIG_GLOBAL!, `[uploadpack]\n\tpackObjectsHook = "${planted('pack-objects-hook', 'exec "$@"')}"\n`);
    await plainGit(repo.dir, 'fetch', 'origin', 'main');
    expect(markersWritten()).toEqual(['pack-objects-hook']);
    rmSync(markers, { recursive: true });
    mkdirSync(markers);
    git(repo.dir, 'update-ref', '-d', 'refs/remotes/origin/main');

    await expect(fetchCommit(repo.dir, 'origin', 'main', null, 20_000)).rejects.toThrow(/uploadpack\.packObjectsHook is set in file:.*gitconfig/);
    expect(markersWritten()).toEqual([]);
  });

  it('does not enter submodules, whose own config could name a filter', async () => {
    const sub = createTempRepo();
    sub.write('lib.txt', 'lib\n');
    sub.commitAll('lib');
    const { repo, base } = repoWithRemote();
    repo.git('-c', 'protocol.file.allow=always', 'submodule', 'add', '--quiet', sub.dir, 'vendor/lib');
    const head = repo.commitAll('submodule');
    const moduleConfig = path.join(repo.dir, '.git', 'modules', 'vendor', 'lib', 'config');
    writeFileSync(moduleConfig, `${readFileSync(moduleConfig, 'utf8')}[filter "sub"]\n\tclean = "${planted('submodule-clean')}"\n`);
    writeFileSync(path.join(repo.dir, '.git', 'modules', 'vendor', 'lib', 'info', 'attributes'), '* filter=sub\n');
    const later = new Date(Date.now() + 5000);
    utimesSync(path.join(repo.dir, 'vendor/lib/lib.txt'), later, later);

    await plainGit(repo.dir, 'status');
    expect(markersWritten()).toEqual(['submodule-clean']);
    rmSync(markers, { recursive: true });
    mkdirSync(markers);
    utimesSync(path.join(repo.dir, 'vendor/lib/lib.txt'), later, new Date(Date.now() + 9000));

    expect(await testMasterOperations(repo, base, head)).toEqual({});
    expect(markersWritten()).toEqual([]);
  });

  it('sees a filter planted after a first command (the effective config is read again when its files change)', async () => {
    const { repo, base, head } = repoWithRemote();
    expect(await testMasterOperations(repo, base, head)).toEqual({});
    const config = path.join(repo.dir, '.git', 'config');
    writeFileSync(config, `${readFileSync(config, 'utf8')}[filter "late"]\n\tclean = "${planted('late-clean')}"\n\tsmudge = "${planted('late-smudge')}"\n`);
    writeFileSync(path.join(repo.dir, '.git', 'info', 'attributes'), '* filter=late\n');
    writeFileSync(process.env.GIT_CONFIG_GLOBAL!, `[filter "later"]\n\tclean = "${planted('later-clean')}"\n`);
    repo.write('.gitattributes', '*.ts filter=later\n');

    expect(await testMasterOperations(repo, base, head)).toEqual({});
    expect(markersWritten()).toEqual([]);
  });

  it('a planted driver that would dump the environment never runs, and git itself sees no secret', async () => {
    const { repo, base, head } = repoWithRemote();
    repo.git('config', 'filter.dump.clean', `env > '${path.join(markers, 'env-dump')}'; cat`);
    repo.git('config', 'filter.dump.smudge', `env > '${path.join(markers, 'env-dump')}'; cat`);
    writeFileSync(path.join(repo.dir, '.git', 'info', 'attributes'), '* filter=dump\n');
    expect(await testMasterOperations(repo, base, head)).toEqual({});
    expect(markersWritten()).toEqual([]);
    const probe = path.join(makeTempDir('tm-probe-'), 'env-probe.sh');
    writeFileSync(probe, `#!/bin/sh\nenv > '${path.join(markers, 'seen-by-git')}'\n`);
    chmodSync(probe, 0o755);
    // An alias is run by git with the environment git runs with: exactly what a planted command would get.
    writeFileSync(process.env.GIT_CONFIG_GLOBAL!, `[alias]\n\tprobe = "!${probe}"\n`);
    await runGit(repo.dir, ['probe']);
    const environment = readFileSync(path.join(markers, 'seen-by-git'), 'utf8');
    for (const [name, secret] of Object.entries(FAKE_SECRETS)) {
      expect(environment).not.toContain(secret);
      expect(environment).not.toMatch(new RegExp(`^${name}=`, 'm'));
    }
    expect(environment).toMatch(/^GIT_ALLOW_PROTOCOL=file:git:http:https:ssh$/m);
    expect(existsSync(path.join(markers, 'env-dump'))).toBe(false);
  });
});

/** An http server that answers every request 401, so git asks for credentials. */
async function startUnauthorizedServer(): Promise<{ url: string; stop(): Promise<void> }> {
  const server: Server = createServer((_request, response) => {
    response.writeHead(401, { 'WWW-Authenticate': 'Basic realm="test"' });
    response.end('unauthorized');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, stop: () => new Promise((resolve) => server.close(() => resolve())) };
}
