/**
 * What the sandbox's root holds, decided from the repository (which the pull request controls): the
 * git configs without their credentials, and only the links out of node_modules that are what they
 * claim to be. linkedOutside on real links, then a sandboxed process that looks.
 */
import { execFileSync } from 'node:child_process';
import { chmod, mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openIsolation, type Isolation } from '../../../../src/sandbox/isolation/open-isolation.js';
import { linkedOutside } from '../../../../src/sandbox/isolation/readable-paths.js';

const TOKEN = 'ghs_sandboxtestsecret0123456789abcdef';

let root: string;
let repo: string;
let outside: string;
let secretHome: string;

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'testmaster-shows-'));
  await chmod(root, 0o755);
  repo = join(root, 'repo');
  outside = join(root, 'outside');
  secretHome = join(root, 'home');
  await mkdir(repo);
  execFileSync('git', ['init', '--quiet', repo]);
  execFileSync('git', ['-C', repo, 'config', 'http.https://github.com/.extraheader', `AUTHORIZATION: basic ${TOKEN}`]);
  await mkdir(join(repo, '.git', 'modules', 'sub'), { recursive: true });
  await writeFile(join(repo, '.git', 'modules', 'sub', 'config'), `[core]\n\trepositoryformatversion = 0\n[http "https://github.com/"]\n\textraheader = AUTHORIZATION: basic ${TOKEN}\n`);
  // Outside the repository: a real toolchain, a linked package, a home with a secret, a plain directory.
  await mkdir(join(outside, 'toolchain', 'node_modules', 'vitest'), { recursive: true });
  await mkdir(join(outside, 'lib'), { recursive: true });
  await writeFile(join(outside, 'lib', 'package.json'), '{"name":"lib"}');
  await mkdir(join(outside, 'not-a-package'), { recursive: true });
  await writeFile(join(outside, 'not-a-package', 'secret.txt'), TOKEN);
  await mkdir(join(secretHome, 'node_modules'), { recursive: true });
  await writeFile(join(secretHome, '.credentials'), TOKEN);
  await mkdir(join(repo, 'packages', 'a', 'node_modules', '@scope'), { recursive: true });
  await symlink(join(outside, 'toolchain', 'node_modules'), join(repo, 'node_modules'));
  await symlink(join(outside, 'lib'), join(repo, 'packages', 'a', 'node_modules', '@scope', 'lib'));
  await symlink(join(outside, 'not-a-package'), join(repo, 'packages', 'a', 'node_modules', 'loot'));
  await symlink(secretHome, join(repo, 'packages', 'a', 'node_modules', 'home'));
  await mkdir(join(repo, 'packages', 'b'), { recursive: true });
  await symlink(secretHome, join(repo, 'packages', 'b', 'node_modules'));
  execFileSync('chmod', ['-R', 'go+rX', root]);
});

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('links out of node_modules', () => {
  it('follows a node_modules to a node_modules and a package link to a package, nothing else, and nothing holding a secret place', async () => {
    const packages = [repo, join(repo, 'packages', 'a'), join(repo, 'packages', 'b')];
    expect(await linkedOutside(packages, [repo], [secretHome])).toEqual([join(outside, 'lib'), join(outside, 'toolchain', 'node_modules')].sort());
    // A home directory is refused even when it is named like what the link claims.
    expect(await linkedOutside([join(repo, 'packages', 'b')], [repo], [join(secretHome, 'node_modules')])).toEqual([]);
  });
});

describe.runIf(process.platform === 'linux')('a sandboxed process in that repository', () => {
  let isolation: Isolation;
  beforeAll(async () => {
    isolation = await openIsolation({
      setting: 'auto',
      repoDir: repo,
      gitCommonDir: join(repo, '.git'),
      packageDirs: [repo, join(repo, 'packages', 'a'), join(repo, 'packages', 'b')],
      env: { PATH: process.env.PATH, HOME: process.env.HOME },
      secretsHeld: [],
    });
  }, 60_000);
  afterAll(async () => {
    await isolation?.dispose();
  });

  it('reads the git configs without the token, the linked toolchain and package, and none of the other links\' targets', async () => {
    const script = [
      'cat .git/config .git/modules/sub/config',
      'echo ---',
      'ls node_modules',
      'ls packages/a/node_modules/@scope/lib',
      'cat packages/a/node_modules/loot/secret.txt 2>&1 || true',
      `cat ${JSON.stringify(join(secretHome, '.credentials'))} 2>&1 || true`,
      'ls packages/b/node_modules/ 2>&1 || true',
    ].join('; ');
    const result = await isolation.exec({ command: '/bin/sh', args: ['-c', script], cwd: repo, readPaths: [repo], timeoutMs: 20_000 });
    expect(isolation.report.level).not.toBe('none');
    expect(result.exitCode, result.stderr).toBe(0);
    expect(result.stdout).not.toContain(TOKEN);
    expect(result.stdout).toContain('repositoryformatversion = 0');
    expect(result.stdout).toContain('vitest');
    expect(result.stdout).toContain('package.json');
    expect(result.stdout).toMatch(/No such file or directory/);
  });
});
