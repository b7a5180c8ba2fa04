// `npm run demo`: runs TestMaster end to end on the bundled example (examples/pricing), with no key and
// no network: a throw-away repository with a base and a head commit is built in a temporary directory,
// the bundled CLI runs on it, and the markdown report is printed. Same figures on every run.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { makeExampleRepo } from './make-example-repo.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const outDir = join(root, '.testmaster', 'demo');
const scratch = mkdtempSync(join(tmpdir(), 'testmaster-demo-'));

try {
  const { dir } = makeExampleRepo(join(scratch, 'pricing'));
  mkdirSync(outDir, { recursive: true });
  const cli = join(root, 'dist', 'cli', 'index.js');
  const report = (name) => join(outDir, name);
  execFileSync(
    process.execPath,
    [cli, 'run', '--repo', dir, '--base', 'main', '--head', 'feature/shipping', '--report-md', report('report.md'), '--report-json', report('report.json')],
    { stdio: 'inherit' },
  );
  process.stdout.write(`\n${readFileSync(report('report.md'), 'utf8')}\n`);
  process.stdout.write(`Reports written to ${outDir} (report.md, report.json).\n`);
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
