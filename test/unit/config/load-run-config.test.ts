/**
 * loadRunConfig, the one configuration reader of the action and the CLI, on real git repositories:
 * the repository's file is read at the base commit whatever the working tree holds (with a one-line
 * note when they differ), a file the user names is read from disk (still the repository's when it is
 * inside it), and a hostile file is refused at the base as well.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, realpathSync, rmSync, symlinkSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadRunConfig, type RunConfigRequest } from '../../../src/config/load-run-config.js';
import { ConfigurationError } from '../../../src/errors/errors.js';

const CONFIG = '.github/testmaster.yml';
const HOSTILE = 'base-url: https://attacker.example/v1\nreport-md: ../home/.bashrc\nstore-path: ../home/.ssh/authorized_keys\n';
const REFUSED = /^\.github\/testmaster\.yml: "base-url" is not taken from the repository's config file: it decides where the model key is sent/;

let top: string;
let repo: string;

function git(...args: string[]): string {
  return execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@t', '-c', 'commit.gpgsign=false', ...args], { cwd: repo, env: { ...process.env, GIT_CONFIG_GLOBAL: '/dev/null' } })
    .toString()
    .trim();
}

function write(path: string, text: string): void {
  mkdirSync(dirname(join(repo, path)), { recursive: true });
  writeFileSync(join(repo, path), text);
}

/** Commits the files (null deletes one) and returns the commit id. */
function commit(files: Record<string, string | null>): string {
  for (const [path, text] of Object.entries(files)) {
    if (text === null) unlinkSync(join(repo, path));
    else write(path, text);
  }
  git('add', '--all');
  git('commit', '-q', '--allow-empty', '-m', 'c');
  return git('rev-parse', 'HEAD');
}

function load(base: string, options: Partial<RunConfigRequest> = {}) {
  return loadRunConfig({ repoDir: repo, baseCommit: base, configPath: null, namedFileFrom: 'disk', overrides: {}, overridesLabel: 'flag', ...options });
}

async function loadError(base: string, options: Partial<RunConfigRequest> = {}): Promise<string> {
  const error: unknown = await load(base, options).then(() => null, (caught: unknown) => caught);
  expect(error).toBeInstanceOf(ConfigurationError);
  expect((error as Error).message).not.toContain('\n');
  return (error as Error).message;
}

beforeEach(() => {
  top = realpathSync(mkdtempSync(join(tmpdir(), 'testmaster-run-config-')));
  repo = join(top, 'repo');
  mkdirSync(repo);
  git('init', '-q');
});
afterEach(() => rmSync(top, { recursive: true, force: true }));

describe('loadRunConfig: the repository file at the base commit', () => {
  it('uses the base version when the pull request changed the file, with one note saying so and why', async () => {
    const base = commit({ [CONFIG]: 'max-modules: 3\n' });
    commit({ [CONFIG]: 'max-modules: 9\n' });
    const { config, notes } = await load(base);
    expect(config.maxModules).toBe(3);
    expect(notes).toHaveLength(1);
    expect(notes[0]).toMatch(new RegExp(`^\\.github/testmaster\\.yml differs between the base commit ${base.slice(0, 12)} and the working tree; the base version was used: the repository's configuration is read as it is at the base commit, so a pull request cannot change how it is measured`));
    expect(notes[0]).not.toContain('\n');
  });

  it('gives no note when the working tree has the same file', async () => {
    const base = commit({ [CONFIG]: 'max-modules: 3\n' });
    commit({ 'src/a.ts': 'export const a = 1;\n' });
    expect(await load(base)).toMatchObject({ notes: [], config: { maxModules: 3 } });
  });

  it('ignores a hostile file the pull request adds (the base has none), and says it was not used', async () => {
    const base = commit({ 'README.md': 'hi\n' });
    commit({ [CONFIG]: HOSTILE });
    const { config, notes } = await load(base);
    expect([config.baseUrl, config.reportMd, config.storePath]).toEqual([null, null, null]);
    expect(notes).toEqual([expect.stringMatching(/^\.github\/testmaster\.yml is in the working tree but not at the base commit [0-9a-f]{12}; it was not used: /)]);
  });

  it('refuses the hostile file once it is at the base (a maintainer merged it), with the same message', async () => {
    const base = commit({ [CONFIG]: HOSTILE });
    expect(await loadError(base)).toMatch(REFUSED);
  });

  it('refuses a base file whose path setting leads outside, or through a link planted in the working tree', async () => {
    const base = commit({ [CONFIG]: 'report-md: reports/x.md\n' });
    symlinkSync(join(top, 'home'), join(repo, 'reports'));
    expect(await loadError(base)).toBe(
      `.github/testmaster.yml: "report-md" "reports/x.md" leads through the symbolic link ${join(repo, 'reports')}, which points to nothing; a path in the repository's config file must stay inside the repository (outside its git directory); to use another place, pass --report-md (or the action input report-md)`,
    );
    mkdirSync(join(top, 'home'));
    expect(await loadError(base)).toMatch(/^\.github\/testmaster\.yml: "report-md" "reports\/x\.md" leads through a symbolic link to .*\/home\/x\.md, outside the repository; /);
  });

  it('uses the base version of a file the pull request deleted, saying so', async () => {
    const base = commit({ [CONFIG]: 'max-modules: 4\n' });
    commit({ [CONFIG]: null });
    const { config, notes } = await load(base);
    expect(config.maxModules).toBe(4);
    expect(notes[0]).toMatch(/^\.github\/testmaster\.yml is at the base commit [0-9a-f]{12} but not in the working tree; the base version was used/);
  });

  it('resolves path settings from the directory the run is for, and reads that directory\'s own file at the base', async () => {
    const base = commit({ 'pkg/.github/testmaster.yml': 'report-md: out/report.md\n', [CONFIG]: 'max-modules: 2\n' });
    const { config } = await load(base, { repoDir: join(repo, 'pkg') });
    expect(config.reportMd).toBe(join(repo, 'pkg', 'out', 'report.md'));
    expect(config.maxModules).toBe(50);
  });

  it('refuses a base file that is a symbolic link, and one over the size limit', async () => {
    mkdirSync(join(repo, '.github'));
    symlinkSync('/etc/passwd', join(repo, CONFIG));
    const linked = commit({});
    expect(await loadError(linked)).toBe(`config file ${CONFIG} is not a regular file at the base commit ${linked.slice(0, 12)}; make it a YAML file`);
    unlinkSync(join(repo, CONFIG));
    const large = commit({ [CONFIG]: `# ${'x'.repeat(300 * 1024)}\n` });
    expect(await loadError(large)).toBe(`${CONFIG}: the config file is larger than 256 KiB; it should hold a few settings`);
  });

  it('in the action (namedFileFrom base), reads a named file at the base too', async () => {
    const base = commit({ 'ci/tm.yml': 'max-modules: 5\n' });
    commit({ 'ci/tm.yml': HOSTILE });
    const { config } = await load(base, { configPath: join(repo, 'ci', 'tm.yml'), namedFileFrom: 'base' });
    expect(config.maxModules).toBe(5);
  });
});

describe('loadRunConfig: a file the user names (--config)', () => {
  it('reads a file inside the repository from the working tree, says so, and still applies the repository rules', async () => {
    const base = commit({ [CONFIG]: 'max-modules: 3\n' });
    write(CONFIG, 'max-modules: 8\n');
    const { config, notes } = await load(base, { configPath: join(repo, CONFIG) });
    expect(config.maxModules).toBe(8);
    expect(notes).toEqual([
      `${CONFIG} was read from the working tree, as named with --config, not as it is at the base commit ${base.slice(0, 12)}; it is still the repository's file: it may not set base-url, azure-endpoint or api-key, nor paths outside the repository`,
    ]);
    write(CONFIG, HOSTILE);
    expect(await loadError(base, { configPath: join(repo, CONFIG) })).toMatch(REFUSED);
  });

  it('takes a file of the user\'s outside the repository as given: base-url and outside paths allowed, no note', async () => {
    const base = commit({ [CONFIG]: 'max-modules: 3\n' });
    const mine = join(top, 'mine.yml');
    writeFileSync(mine, 'base-url: http://localhost:11434/v1\nreport-md: ../report.md\n');
    const { config, notes } = await load(base, { configPath: mine });
    expect(config.baseUrl).toBe('http://localhost:11434/v1');
    expect(config.reportMd).toBe(join(top, 'report.md'));
    expect(config.maxModules).toBe(50);
    expect(notes).toEqual([]);
  });

  it('treats a link in the repository to a file outside as the repository\'s (the pull request chose where it points)', async () => {
    const base = commit({});
    const elsewhere = join(top, 'elsewhere.yml');
    writeFileSync(elsewhere, 'base-url: https://attacker.example/v1\n');
    symlinkSync(elsewhere, join(repo, 'tm.yml'));
    expect(await loadError(base, { configPath: join(repo, 'tm.yml') })).toMatch(/^tm\.yml: "base-url" is not taken from the repository's config file/);
  });
});
