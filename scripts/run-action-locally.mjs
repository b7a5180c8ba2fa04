// `npm run action:local -- --repo DIR --base REF [--head REF] [--input NAME=VALUE]...`: runs the bundled
// action (dist/index.js) on a local checkout as the Actions runner would on a pull_request event, with
// no runner and no network: the event payload (a pull request from --head into --base, as commit ids),
// INPUT_* variables (action.yml's plain defaults, then --input), GITHUB_EVENT_PATH, GITHUB_WORKSPACE,
// GITHUB_OUTPUT, GITHUB_STEP_SUMMARY and RUNNER_TEMP in a fresh directory. Without GITHUB_API_URL the
// action calls no GitHub API: the report goes to the job summary and the files. The action's log is
// shown as it runs; then the job summary and the outputs are printed. Exit status: the action's.
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { parse as parseYaml } from 'yaml';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const action = join(root, 'dist', 'index.js');

const USAGE = `usage: npm run action:local -- --repo DIR --base REF [--head REF] [--input NAME=VALUE]... [--env NAME=VALUE]...
                               [--pr-number N] [--repository OWNER/NAME] [--out DIR]
  --repo        the checkout to run on (default: .)
  --base        base branch or commit of the pull request (required)
  --head        head branch or commit (default: HEAD)
  --input       an action input, e.g. --input provider=none --input include=src/money.ts (repeatable)
  --env         an extra environment variable for the action, e.g. --env OPENAI_API_KEY=... (repeatable)
  --pr-number   the pull request's number in the event (default: 1)
  --repository  owner/name in the event and GITHUB_REPOSITORY (default: local/<directory name>)
  --out         RUNNER_TEMP, where the reports, the summary and the outputs go (default: a new temporary directory)`;

try {
  process.exitCode = await main(process.argv.slice(2));
} catch (error) {
  process.stderr.write(`run-action-locally: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 2;
}

async function main(argv) {
  const { values } = parseArgs({
    args: argv,
    options: {
      repo: { type: 'string', default: '.' },
      base: { type: 'string' },
      head: { type: 'string', default: 'HEAD' },
      input: { type: 'string', multiple: true, default: [] },
      env: { type: 'string', multiple: true, default: [] },
      'pr-number': { type: 'string', default: '1' },
      repository: { type: 'string' },
      out: { type: 'string' },
      help: { type: 'boolean', default: false },
    },
    strict: true,
  });
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  if (!values.base) throw new Error(`--base is required (the branch or commit the pull request goes into)\n${USAGE}`);
  if (!existsSync(action)) throw new Error(`${action} does not exist: run npm run bundle first`);
  if (newestMtime(join(root, 'src')) > statSync(action).mtimeMs) process.stderr.write('run-action-locally: note: src/ is newer than dist/; run npm run bundle to run the current code\n');
  if (Number(process.versions.node.split('.')[0]) < 24) process.stderr.write(`run-action-locally: note: the action runs on Node 24 (action.yml), this is Node ${process.versions.node}; use npm run action:local\n`);

  const number = Number(values['pr-number']);
  if (!Number.isInteger(number) || number <= 0) throw new Error(`--pr-number must be a positive whole number, got ${JSON.stringify(values['pr-number'])}`);
  const repoDir = git(resolve(values.repo), 'rev-parse', '--show-toplevel');
  const repository = values.repository ?? `local/${basename(repoDir)}`;
  if (!/^[\w.-]+\/[\w.-]+$/.test(repository)) throw new Error(`--repository must be owner/name, got ${JSON.stringify(repository)}`);
  const base = commitOf(repoDir, values.base, '--base');
  const head = commitOf(repoDir, values.head, '--head');
  const inputs = { ...actionDefaults(), ...pairs(values.input, '--input') };

  const out = values.out ? resolve(values.out) : mkdtempSync(join(tmpdir(), 'testmaster-local-action-'));
  mkdirSync(out, { recursive: true });
  const files = { event: join(out, 'event.json'), output: join(out, 'github-output'), summary: join(out, 'step-summary.md') };
  const repo = { full_name: repository, name: repository.split('/')[1], owner: { login: repository.split('/')[0] }, default_branch: branchName(repoDir, values.base) ?? 'main' };
  writeFileSync(
    files.event,
    `${JSON.stringify(
      {
        action: 'opened',
        number,
        pull_request: {
          number,
          state: 'open',
          draft: false,
          user: { login: 'local' },
          base: { sha: base, ref: repo.default_branch, repo },
          head: { sha: head, ref: branchName(repoDir, values.head) ?? 'local', repo },
        },
        repository: repo,
      },
      null,
      2,
    )}\n`,
  );
  writeFileSync(files.output, '');
  writeFileSync(files.summary, '');

  const env = {
    // The caller's environment without anything a runner would set (a stray GITHUB_API_URL would make the action call GitHub).
    ...Object.fromEntries(Object.entries(process.env).filter(([name]) => !/^(GITHUB_|INPUT_|RUNNER_|ACTIONS_)/.test(name))),
    GITHUB_ACTIONS: 'true',
    GITHUB_EVENT_NAME: 'pull_request',
    GITHUB_EVENT_PATH: files.event,
    GITHUB_WORKSPACE: repoDir,
    GITHUB_OUTPUT: files.output,
    GITHUB_STEP_SUMMARY: files.summary,
    GITHUB_REPOSITORY: repository,
    GITHUB_SERVER_URL: 'https://github.com',
    RUNNER_TEMP: out,
    ...pairs(values.env, '--env'),
    ...Object.fromEntries(Object.entries(inputs).map(([name, value]) => [`INPUT_${name.replace(/ /g, '_').toUpperCase()}`, value])),
  };

  process.stdout.write(`Running ${action} on ${repoDir}: pull request #${number} from ${head.slice(0, 7)} into ${base.slice(0, 7)}; RUNNER_TEMP=${out}\n`);
  const status = await new Promise((done, fail) => {
    const child = spawn(process.execPath, [action], { cwd: repoDir, env, stdio: 'inherit' });
    child.on('error', fail);
    child.on('close', (code, signal) => done(code ?? (signal ? 1 : 0)));
  });

  const summary = readFileSync(files.summary, 'utf8');
  const outputs = readOutputs(readFileSync(files.output, 'utf8'));
  process.stdout.write(`\n--- Job summary (${files.summary}) ---\n${summary || '(empty)\n'}`);
  process.stdout.write(`\n--- Outputs (${files.output}) ---\n`);
  for (const [name, value] of Object.entries(outputs)) process.stdout.write(`${name}=${value}\n`);
  process.stdout.write(`\nThe action exited with ${status}.\n`);
  return status;
}

/** action.yml's input defaults that are plain text (expressions such as the token's need a runner: left unset). */
function actionDefaults() {
  const manifest = parseYaml(readFileSync(join(root, 'action.yml'), 'utf8'));
  const defaults = {};
  for (const [name, input] of Object.entries(manifest.inputs ?? {})) {
    const value = input?.default;
    if (value !== undefined && value !== null && !String(value).includes('${{')) defaults[name] = String(value);
  }
  return defaults;
}

/** `NAME=VALUE` items -> an object; the value may contain `=`. */
function pairs(items, flag) {
  const out = {};
  for (const item of items) {
    const at = item.indexOf('=');
    if (at <= 0) throw new Error(`${flag} takes NAME=VALUE, got ${JSON.stringify(item.slice(0, 60))}`);
    out[item.slice(0, at)] = item.slice(at + 1);
  }
  return out;
}

function git(cwd, ...args) {
  try {
    return execFileSync('git', ['-c', 'core.hooksPath=/dev/null', ...args], { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim();
  } catch {
    throw new Error(`git ${args.join(' ')} failed in ${cwd}: is it a git checkout?`);
  }
}

function commitOf(repoDir, ref, flag) {
  try {
    return execFileSync('git', ['rev-parse', '--verify', '--quiet', '--end-of-options', `${ref}^{commit}`], { cwd: repoDir, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    throw new Error(`${flag} ${JSON.stringify(ref)} is not a commit in ${repoDir}`);
  }
}

/** The branch a ref names (`main`, or the checked-out branch for HEAD); null for a bare commit. */
function branchName(repoDir, ref) {
  const probe = (args) => {
    try {
      return execFileSync('git', args, { cwd: repoDir, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim() || null;
    } catch {
      return null;
    }
  };
  if (ref === 'HEAD') return probe(['symbolic-ref', '--short', '--quiet', 'HEAD']);
  return probe(['rev-parse', '--verify', '--quiet', `refs/heads/${ref}`]) ? ref : null;
}

/** The GITHUB_OUTPUT file format (name<<delimiter ... delimiter). */
function readOutputs(text) {
  const outputs = {};
  for (const match of text.matchAll(/^([\w-]+)<<(\S+)\n([\s\S]*?)\n\2$/gm)) outputs[match[1]] = match[3];
  return outputs;
}

function newestMtime(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs);
  }
  return newest;
}
