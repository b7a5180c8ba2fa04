// `npm run demo`: runs TestMaster end to end on the bundled example (examples/pricing), with no key and
// no network: a throw-away repository with a base and a head commit is built in a temporary directory,
// the bundled CLI runs the whole pipeline on it (coverage base -> head, then the zero-token generator,
// since no model key is set), the markdown report is printed, and the proposed test files are copied to
// .testmaster/demo/proposed/ to read. Same figures on every run.
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { makeExampleRepo } from './make-example-repo.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const outDir = join(root, '.testmaster', 'demo');
const scratch = mkdtempSync(join(tmpdir(), 'testmaster-demo-'));

try {
  const { dir } = makeExampleRepo(join(scratch, 'pricing'));
  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(outDir, { recursive: true });
  const cli = join(root, 'dist', 'cli', 'index.js');
  const report = (name) => join(outDir, name);
  execFileSync(
    process.execPath,
    [cli, 'run', '--repo', dir, '--base', 'main', '--head', 'feature/shipping', '--report-md', report('report.md'), '--report-json', report('report.json')],
    { stdio: 'inherit', env: withoutModelSettings(process.env) },
  );
  process.stdout.write(`\n${readFileSync(report('report.md'), 'utf8')}\n`);
  const proposed = join(dir, '.testmaster', 'proposed');
  if (existsSync(proposed)) cpSync(proposed, join(outDir, 'proposed'), { recursive: true });
  const copies = existsSync(proposed) ? readdirSync(join(outDir, 'proposed'), { recursive: true }).filter((name) => String(name).endsWith('.txt')) : [];
  process.stdout.write(`Reports written to ${outDir} (report.md, report.json).\n`);
  if (copies.length > 0) {
    process.stdout.write(`Proposed test files (${copies.length}) in ${join(outDir, 'proposed')}: ${copies.join(', ')}; proposed.patch applies them with git apply.\n`);
  }
} finally {
  rmSync(scratch, { recursive: true, force: true });
}

/** The demo never calls a model: model keys and endpoints in the caller's environment are left out. */
function withoutModelSettings(env) {
  return Object.fromEntries(Object.entries(env).filter(([name]) => !/^(OPENAI_|AZURE_OPENAI_)/.test(name)));
}
