// Builds a throw-away git repository from examples/pricing: a base commit on `main`, then the pull
// request's head commit on `feature/shipping`. Used by `npm run demo`, the action's own workflow and
// the tests. As a command: `node scripts/make-example-repo.mjs DIR` prints GitHub-output lines
// (dir, relative-dir, base, head).
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, symlinkSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const example = join(root, 'examples', 'pricing');

export function makeExampleRepo(dir) {
  const git = (...args) =>
    execFileSync('git', ['-c', 'core.hooksPath=/dev/null', '-c', 'user.name=Example', '-c', 'user.email=example@example.com', ...args], {
      cwd: dir,
      stdio: ['ignore', 'pipe', 'inherit'],
      env: { ...process.env, GIT_AUTHOR_DATE: '2026-01-01T00:00:00Z', GIT_COMMITTER_DATE: '2026-01-01T00:00:00Z' },
    })
      .toString()
      .trim();
  mkdirSync(dir, { recursive: true });
  cpSync(join(example, 'base'), dir, { recursive: true });
  // The example runs on TestMaster's own Vitest install, so it needs nothing beyond `npm ci`.
  symlinkSync(join(root, 'node_modules'), join(dir, 'node_modules'), 'dir');
  git('init', '--quiet', '--initial-branch=main');
  git('add', '-A');
  git('commit', '--quiet', '-m', 'pricing 1.0');
  const base = git('rev-parse', 'HEAD');
  git('checkout', '--quiet', '-b', 'feature/shipping');
  cpSync(join(example, 'head'), dir, { recursive: true });
  git('add', '-A');
  git('commit', '--quiet', '-m', 'Add shipping, symbol formatting and threshold discounts');
  const head = git('rev-parse', 'HEAD');
  return { dir, base, head };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const target = resolve(process.argv[2] ?? join(root, '.testmaster', 'example'));
  const { dir, base, head } = makeExampleRepo(target);
  const workspace = process.env.GITHUB_WORKSPACE ?? process.cwd();
  process.stdout.write(`dir=${dir}\nrelative-dir=${relative(workspace, dir)}\nbase=${base}\nhead=${head}\n`);
}
