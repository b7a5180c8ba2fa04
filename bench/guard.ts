// `npm run bench:guard [DIR]`: what the repository guard (src/guard/) and the hardened git (src/git/)
// cost.
//  1. The checkout snapshot (scanTree + compareTree) of DIR (default: this project, with its
//     node_modules): entries, median and max of 5 walks, time per entry. Paid once before the first
//     test process and once per phase end, never per process.
//  2. The git-directory check after each test process (afterProcess: a stat of every guarded file and
//     the comparison), on a fresh repository with git's sample hooks and 4 worktrees: median and p95.
//  3. The effective-config check before each git command (a stat of each config file), cached: median
//     and p95; and one cold read (two git processes).
// Goal: 2 and 3 well under a few milliseconds.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { effectiveConfig, forgetEffectiveConfigs } from '../src/git/effective-config.js';
import { createRepositoryGuard } from '../src/guard/repository-guard.js';
import { compareTree } from '../src/guard/tree-compare.js';
import { scanTree } from '../src/guard/tree-scan.js';

const out = (text = ''): void => void process.stdout.write(`${text}\n`);
const percentile = (values: readonly number[], p: number): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
};
const elapsedMs = (started: bigint): number => Number(process.hrtime.bigint() - started) / 1e6;

async function treeSnapshot(dir: string): Promise<void> {
  const times: number[] = [];
  let entries = 0;
  let compareMs = 0;
  let previous: Awaited<ReturnType<typeof scanTree>> | null = null;
  for (let run = 0; run < 5; run++) {
    const started = process.hrtime.bigint();
    const snapshot = await scanTree(dir);
    times.push(elapsedMs(started));
    entries = snapshot.size;
    if (previous !== null) {
      const compared = process.hrtime.bigint();
      compareTree(previous, snapshot);
      compareMs = elapsedMs(compared);
    }
    previous = snapshot;
  }
  const median = percentile(times, 50);
  out(`1. checkout snapshot of ${dir}`);
  out(`   ${entries} entries: walk median ${median.toFixed(0)} ms, max ${Math.max(...times).toFixed(0)} ms (${((median * 1000) / entries).toFixed(1)} µs per entry); compare ${compareMs.toFixed(1)} ms`);
}

async function gitDirCheck(): Promise<void> {
  const root = mkdtempSync(join(tmpdir(), 'testmaster-bench-guard-'));
  try {
    const repo = join(root, 'repo');
    const git = (...args: string[]): void => void execFileSync('git', ['-c', 'user.name=b', '-c', 'user.email=b@b', ...args], { cwd: repo, stdio: 'ignore' });
    execFileSync('git', ['init', '--quiet', repo]);
    writeFileSync(join(repo, 'a.txt'), 'a\n');
    git('add', 'a.txt');
    git('commit', '--quiet', '-m', 'a');
    for (let index = 0; index < 4; index++) git('worktree', 'add', '--quiet', '--detach', join(root, `wt${index}`));
    const guard = createRepositoryGuard(repo);
    await guard.beforeProcess();
    const times: number[] = [];
    for (let run = 0; run < 1000; run++) {
      const started = process.hrtime.bigint();
      const changed = await guard.afterProcess();
      times.push(elapsedMs(started));
      if (changed.length > 0) throw new Error(`unexpected change: ${changed.join(', ')}`);
    }
    out('2. git-directory check after each test process (sample hooks, 4 worktrees)');
    out(`   median ${percentile(times, 50).toFixed(3)} ms, p95 ${percentile(times, 95).toFixed(3)} ms`);

    const cached: number[] = [];
    await effectiveConfig(repo);
    for (let run = 0; run < 1000; run++) {
      const started = process.hrtime.bigint();
      await effectiveConfig(repo);
      cached.push(elapsedMs(started));
    }
    forgetEffectiveConfigs();
    const cold = process.hrtime.bigint();
    await effectiveConfig(repo);
    out('3. effective-config check before each git command');
    out(`   cached: median ${percentile(cached, 50).toFixed(3)} ms, p95 ${percentile(cached, 95).toFixed(3)} ms; cold read ${elapsedMs(cold).toFixed(1)} ms`);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

const dir = resolve(process.argv[2] ?? process.cwd());
await treeSnapshot(dir);
await gitDirCheck();
