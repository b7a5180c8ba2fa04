import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GitError } from '../../../src/errors/errors.js';
import { defaultBaseRef } from '../../../src/git/default-base.js';
import { assertSafeRef, findMergeBase, isShallowRepository, resolveCommit, resolveComparison } from '../../../src/git/refs.js';
import { createTempRepo, git, makeTempDir, openRepo, removeTempDirs, type TempRepo } from './git-fixture.js';

afterAll(removeTempDirs);

/** origin: main c1..c6; feature forks at c3 with f1, f2. */
function makeOrigin(): { origin: TempRepo; fork: string; mainTip: string; featureTip: string } {
  const origin = createTempRepo();
  let fork = '';
  for (let i = 1; i <= 3; i++) {
    origin.write(`main${i}.txt`, `${i}\n`);
    fork = origin.commitAll(`c${i}`);
  }
  origin.git('checkout', '--quiet', '-b', 'feature');
  origin.write('feature.ts', 'export const a = 1;\n');
  origin.commitAll('f1');
  origin.write('feature.ts', 'export const a = 1;\nexport const b = 2;\n');
  const featureTip = origin.commitAll('f2');
  origin.git('checkout', '--quiet', 'main');
  let mainTip = '';
  for (let i = 4; i <= 6; i++) {
    origin.write(`main${i}.txt`, `${i}\n`);
    mainTip = origin.commitAll(`c${i}`);
  }
  return { origin, fork, mainTip, featureTip };
}

function shallowClone(origin: TempRepo, branch: string): TempRepo {
  const dir = path.join(makeTempDir(), 'clone');
  git(path.dirname(dir), 'clone', '--quiet', '--depth=1', '--branch', branch, `file://${origin.dir}`, dir);
  return openRepo(dir);
}

describe('resolveCommit and findMergeBase', () => {
  let setup: ReturnType<typeof makeOrigin>;
  beforeAll(() => {
    setup = makeOrigin();
  });

  it('resolves branch names, abbreviations and HEAD to full ids', async () => {
    const { origin, mainTip, featureTip } = setup;
    expect(await resolveCommit(origin.dir, 'main')).toBe(mainTip);
    expect(await resolveCommit(origin.dir, featureTip.slice(0, 10))).toBe(featureTip);
    expect(await resolveCommit(origin.dir, 'HEAD')).toBe(mainTip);
  });

  it('names the unknown ref and what to do', async () => {
    await expect(resolveCommit(setup.origin.dir, 'no-such-branch')).rejects.toThrow(/unknown ref "no-such-branch": no such commit in .*; fetch it \(git fetch origin no-such-branch\) or check the name/);
  });

  it('refuses refs that look like options', async () => {
    expect(() => assertSafeRef('--output=/tmp/x')).toThrow(GitError);
    expect(() => assertSafeRef('a b')).toThrow(/invalid ref/);
    expect(() => assertSafeRef('feature/x~2')).not.toThrow();
    await expect(resolveCommit(setup.origin.dir, '-n')).rejects.toThrow(/invalid ref "-n"/);
  });

  it('finds the fork point as merge base', async () => {
    const { origin, fork, mainTip, featureTip } = setup;
    expect(await findMergeBase(origin.dir, mainTip, featureTip)).toBe(fork);
    const comparison = await resolveComparison(origin.dir, 'main', 'feature');
    expect(comparison).toEqual({ base: fork, baseTip: mainTip, head: featureTip, fetched: false });
  });

  it('reports unrelated histories', async () => {
    const { origin } = setup;
    origin.git('checkout', '--quiet', '--orphan', 'island');
    origin.write('island.txt', 'alone\n');
    origin.commitAll('island');
    origin.git('checkout', '--quiet', '-f', 'main');
    await expect(resolveComparison(origin.dir, 'main', 'island')).rejects.toThrow(/no common ancestor of main .* and island .*: the histories are unrelated/);
  });
});

describe('shallow clones', () => {
  let setup: ReturnType<typeof makeOrigin>;
  beforeAll(() => {
    setup = makeOrigin();
  });

  it('without allowFetch, tells the user to use fetch-depth: 0', async () => {
    const clone = shallowClone(setup.origin, 'feature');
    expect(await isShallowRepository(clone.dir)).toBe(true);
    const error = await resolveComparison(clone.dir, 'main', 'HEAD').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GitError);
    expect((error as Error).message).toMatch(/unknown base ref "main".*`fetch-depth: 0` in actions\/checkout/);
  });

  it('without allowFetch, a present base with no merge base also points to fetch-depth: 0', async () => {
    const clone = shallowClone(setup.origin, 'feature');
    clone.git('fetch', '--quiet', '--depth=1', 'origin', 'main');
    await expect(resolveComparison(clone.dir, 'FETCH_HEAD', 'HEAD')).rejects.toThrow(/no common ancestor .*the clone is shallow; use `fetch-depth: 0`/);
  });

  it('with allowFetch, fetches the base branch and deepens until the merge base appears', async () => {
    const clone = shallowClone(setup.origin, 'feature');
    const comparison = await resolveComparison(clone.dir, 'main', 'HEAD', { allowFetch: true, initialDepth: 1, deepenSteps: [1, 1, 5] });
    expect(comparison.base).toBe(setup.fork);
    expect(comparison.baseTip).toBe(setup.mainTip);
    expect(comparison.head).toBe(setup.featureTip);
    expect(comparison.fetched).toBe(true);
    expect(clone.git('status', '--porcelain')).toBe('');
  });

  it('with allowFetch, fetches a base given as a commit id', async () => {
    const clone = shallowClone(setup.origin, 'feature');
    const comparison = await resolveComparison(clone.dir, setup.mainTip, 'HEAD', { allowFetch: true, initialDepth: 1 });
    expect(comparison.base).toBe(setup.fork);
  });

  it('gives up after the bounded deepen steps with the same advice', async () => {
    const clone = shallowClone(setup.origin, 'feature');
    await expect(resolveComparison(clone.dir, 'main', 'HEAD', { allowFetch: true, initialDepth: 1, deepenSteps: [1] })).rejects.toThrow(/fetch-depth: 0/);
  });
});

describe('defaultBaseRef', () => {
  it('uses origin/HEAD of a clone, else main', async () => {
    const { origin } = makeOrigin();
    expect(await defaultBaseRef(origin.dir)).toBe('main');
    const dir = path.join(makeTempDir(), 'full');
    git(path.dirname(dir), 'clone', '--quiet', `file://${origin.dir}`, dir);
    expect(await defaultBaseRef(dir)).toBe('origin/main');
  });

  it('says to pass --base when nothing fits', async () => {
    const repo = createTempRepo();
    repo.git('checkout', '--quiet', '-b', 'trunk');
    repo.write('a.txt', 'a\n');
    repo.commitAll('a');
    await expect(defaultBaseRef(repo.dir)).rejects.toThrow(/pass --base <ref>/);
  });
});
