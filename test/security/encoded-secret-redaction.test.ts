/**
 * Attack: a generated test leaks the model key at run time in encoded forms (hex, base64 at any
 * alignment, URL-safe base64, spaced out, one character a line, reversed, percent-encoded) through
 * what TestMaster publishes: failure messages (the dropped cases' reasons), a possible bug's failure
 * excerpt, and a case name computed at run time. Redaction of the exact value would miss every one.
 *
 * Through the bundled action on a pull request, against the local GitHub server and the local model
 * server: the comment posted to GitHub, the job summary, the JSON and markdown reports and the log
 * hold none of the forms, and hold `[REDACTED]` where the leaks were (so the leaks did reach them).
 */
import { readFileSync } from 'node:fs';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { NAME as name, OWNER as owner, reportOf, startActionHarness, type ActionHarness } from '../helpers/github-server/action-harness.js';
import { ACTIONS_LOGIN, ACTIONS_TOKEN } from '../helpers/github-server/index.js';
import { completionReply, startModelServer, type ModelServer } from '../helpers/model-server.js';
import type { ActionRun } from '../helpers/run-action.js';
import { formsIn, GOOD_CASES, IMPORTS, keyAtRunTime, TEST_PATH } from './hostile-answers.js';

/** Not token-shaped: only the redaction of known secrets (and their forms) can catch it. */
const MODEL_KEY = 'TestMasterE2E-key-0123456789abcdefXYZ';
const PRICES = JSON.stringify({ 'test-model': { 'input-per-mtok-usd': 1, 'output-per-mtok-usd': 2 } });

const LEAKING_FILE = `${IMPORTS}
${keyAtRunTime(MODEL_KEY)}
${GOOD_CASES}
describe('leaks', () => {
  it('fails with the key in hex', () => {
    expect(key.length).toBeGreaterThan(0);
    throw new Error('hex ' + Buffer.from(key).toString('hex') + ' upper ' + Buffer.from(key).toString('hex').toUpperCase());
  });
  it('fails with the key in base64', () => {
    expect(key.length).toBeGreaterThan(0);
    throw new Error('b64 ' + Buffer.from(key).toString('base64') + ' in a stream ' + Buffer.from('x' + key + 'y').toString('base64') + ' url ' + Buffer.from('xy' + key).toString('base64url'));
  });
  it('fails with the key spaced out', () => {
    expect(key.length).toBeGreaterThan(0);
    throw new Error('spaced ' + key.split('').join(' ') + ' reversed ' + key.split('').reverse().join('') + ' percent ' + [...Buffer.from(key)].map((b) => '%' + b.toString(16)).join(''));
  });
  it('reports the spaced key', () => {
    // A custom message is printed whole (a runner cuts long values in its own "expected ... to be" text).
    expect(false, 'one character a line: ' + key.split('').join('\\n')).toBe(true);
  });
  it(\`computed \${Buffer.from(key).toString('hex')}\`, () => {
    expect(formatPrice(1)).toBe('$0.01');
  });
});
`;

const answer = JSON.stringify({
  files: [{ path: TEST_PATH, content: LEAKING_FILE, cases: [] }],
  notes: "Possible bug: 'reports the spaced key' disagrees with the documented intent of the module.",
});

let harness: ActionHarness;
let model: ModelServer;
let run: ActionRun;
let pull: number;
/** The line of the case named at run time. */
const COMPUTED_LINE = LEAKING_FILE.slice(0, LEAKING_FILE.indexOf('it(`computed')).split('\n').length;

beforeAll(async () => {
  [harness, model] = await Promise.all([
    startActionHarness({
      identities: { [ACTIONS_TOKEN]: { login: ACTIONS_LOGIN } },
      defaultInputs: { token: ACTIONS_TOKEN, include: 'src/money.ts', reruns: '1', 'measure-base': 'false' },
    }),
    startModelServer(),
  ]);
  harness.server.state.setRole(owner, name, 'alice', 'write');
  model.enqueue(completionReply({ content: answer, usage: { prompt: 2100, completion: 400 } }));
  pull = harness.openPull('feature-leak');
  run = await harness.runAction('pull_request', harness.pullEvent(pull, 'feature-leak'), {
    provider: 'openai',
    model: 'test-model',
    'base-url': model.baseUrl,
    'api-key': MODEL_KEY,
    'model-prices': PRICES,
    'max-heal-attempts': '0',
  });
});
afterAll(async () => {
  await model?.stop();
  await harness?.stop();
});
afterEach(() => {
  expect(harness.server.violations).toEqual([]);
});

describe('the model key leaked at run time in encoded forms', () => {
  it('the run kept the literal cases and dropped the leaking ones with their failures', () => {
    expect(run.status, run.stdout).toBe(0);
    expect(model.pending()).toBe(0);
    const report = reportOf(run);
    const [file] = report.proposedFiles ?? [];
    expect(file?.path).toBe(TEST_PATH);
    expect(file!.kept.map((kept) => kept.name)).toContain('splitEvenly > spreads the remainder over the first shares');
    const dropped = new Map(file!.dropped.map((entry) => [entry.name, entry.reason]));
    expect(dropped.get('leaks > fails with the key in hex')).toMatch(/^failed: Error: hex \[REDACTED\] upper \[REDACTED\]$/);
    expect(dropped.get('leaks > fails with the key in base64')).toMatch(/^failed: Error: b64 \[REDACTED\]/);
    // (The first byte's `%` stays: the hex form starts at the first hex digit.)
    expect(dropped.get('leaks > fails with the key spaced out')).toMatch(/^failed: Error: spaced \[REDACTED\] reversed \[REDACTED\] percent %?\[REDACTED\]$/);
    // The case named at run time: dropped under a label from the file, its reported name nowhere.
    expect(dropped.get(`(name computed at run time, line ${COMPUTED_LINE})`)).toBe('its name is computed at run time; name the case with a string literal');
    expect((report.possibleBugs ?? []).map((bug) => bug.testName)).toEqual(['leaks > reports the spaced key']);
    expect(report.possibleBugs![0]!.failure).toContain('[REDACTED]');
  });

  it('the comment posted to GitHub holds none of the forms', () => {
    const [comment] = harness.stickyComments(pull);
    expect(comment, 'the sticky comment').toBeDefined();
    expect(formsIn(comment!.body, MODEL_KEY)).toEqual([]);
    // The leaks reached the comment (dropped reasons, the possible bug's failure) and were redacted there.
    expect(comment!.body).toContain('REDACTED');
    expect(comment!.body).toContain('fails with the key in hex');
  });

  it('the job summary, the JSON and markdown reports and the log hold none of the forms', () => {
    expect(formsIn(run.summary, MODEL_KEY)).toEqual([]);
    expect(run.summary).toContain('REDACTED');
    const json = readFileSync(run.outputs['report-json']!, 'utf8');
    expect(formsIn(json, MODEL_KEY)).toEqual([]);
    expect(json).toContain('[REDACTED]');
    expect(formsIn(readFileSync(run.outputs['report-markdown']!, 'utf8'), MODEL_KEY)).toEqual([]);
    // `::add-mask::<key>` is how the action registers the key with the runner, which never shows that line.
    const log = run.stdout.split('\n').filter((line) => line !== `::add-mask::${MODEL_KEY}`).join('\n');
    expect(formsIn(log, MODEL_KEY)).toEqual([]);
    expect(formsIn(run.stderr, MODEL_KEY)).toEqual([]);
  });
});
