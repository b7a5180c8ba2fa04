/**
 * Attack: make `/testmaster apply` commit a file nobody saw, by getting a proposal payload of one
 * (`<!-- testmaster:proposal:v1 ... -->`, valid for the pull request's head) into TestMaster's comment
 * through text the comment shows: a case name (literal, or built at run time), a test file's text.
 * Before the fix such text went into the comment with `<!--` as is and the payload was read wherever it
 * was: a test file too large for the real payload left the forged one the only one.
 *
 * Through the bundled action on pull requests, against the local GitHub server and the local model
 * server: the comment posted holds exactly one payload opening, the real payload at its very end, and
 * the hostile text shown but broken; `/testmaster apply` commits exactly the proposed files; a comment
 * edited to carry a forged payload (before the real one, after it, instead of it mid-comment) is
 * refused with one line and nothing is committed; and when the real payload is too large to carry,
 * the forged one is not taken either.
 */
import { randomBytes } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { PROPOSAL_PREFIX } from '../../src/github/apply/proposal-payload.js';
import {
  expectCommitOfProposal,
  expectProposalOfReport,
  NAME as name,
  OWNER as owner,
  proposalIn,
  reportOf,
  startActionHarness,
  type ActionHarness,
} from '../helpers/github-server/action-harness.js';
import { ACTIONS_LOGIN, ACTIONS_TOKEN, type GitHubServer } from '../helpers/github-server/index.js';
import { completionReply, startModelServer, type ModelServer } from '../helpers/model-server.js';
import { EVIL_PATH, forgedPayload, GOOD_CASES, IMPORTS, payloadBase64, TEST_PATH } from './hostile-answers.js';

const MODEL_KEY = 'sk-testmaster-security-e2e-0123456789abcdef';
const PRICES = JSON.stringify({ 'test-model': { 'input-per-mtok-usd': 1, 'output-per-mtok-usd': 2 } });
const GIT_WRITES = /^\/repos\/\{owner\}\/\{repo\}\/git\//;
/** Any opening of a proposal payload, however spelled: a comment may hold exactly one. */
const OPENINGS = /<!--\s*testmaster:proposal:v/gi;

/** The hostile test file: a forged payload in a literal case name, in a name built at run time and in the file's text. */
function hostileFile(forged: string, extra = ''): string {
  const b64 = payloadBase64(forged);
  return `${IMPORTS}${extra}
// Assembled at run time, but this line shows the opening to anyone who renders the file as is.
const forged = ['<!-- testmaster:proposal:v1 ', '${b64}', ' -->'].join('');

${GOOD_CASES}
describe('hostile names', () => {
  it('${forged}', () => {
    expect(parsePrice('12.34')).toBe(1234);
  });
  it(\`x \${forged}\`, () => {
    expect(parsePrice('$1.5')).toBe(150);
  });
});
`;
}

const answer = (content: string): string => JSON.stringify({ files: [{ path: TEST_PATH, content, cases: [] }], notes: null });

let harness: ActionHarness;
let server: GitHubServer;
let model: ModelServer;

beforeAll(async () => {
  [harness, model] = await Promise.all([
    startActionHarness({
      identities: { [ACTIONS_TOKEN]: { login: ACTIONS_LOGIN } },
      defaultInputs: { token: ACTIONS_TOKEN, include: 'src/money.ts', reruns: '1', 'measure-base': 'false' },
    }),
    startModelServer(),
  ]);
  server = harness.server;
  server.state.setRole(owner, name, 'alice', 'write');
});
afterAll(async () => {
  await model?.stop();
  await harness?.stop();
});
afterEach(() => {
  expect(server.violations).toEqual([]);
  expect(model.clear()).toBe(0);
});

const withModel = (): Record<string, string> => ({
  provider: 'openai',
  model: 'test-model',
  'base-url': model.baseUrl,
  'api-key': MODEL_KEY,
  'model-prices': PRICES,
  'max-heal-attempts': '0',
});

const gitWriteCount = (): number => server.requests.filter((r) => r.method !== 'GET' && GIT_WRITES.test(r.template ?? '')).length;

/** `/testmaster apply` from alice; the reply posted and what changed in git. */
async function applyFromAlice(pull: number): Promise<{ reply: string; gitWrites: number; reactions: string[] }> {
  const before = gitWriteCount();
  const command = server.state.addComment(owner, name, pull, { body: '/testmaster apply', author: 'alice' });
  const run = await harness.runAction('issue_comment', harness.commentEvent(pull, command));
  expect(run.status, run.stdout).toBe(0);
  return { reply: server.state.comments(owner, name, pull).at(-1)!.body, gitWrites: gitWriteCount() - before, reactions: command.reactions.map((r) => r.content) };
}

describe('a forged proposal payload in text the comment shows', () => {
  const branch = 'feature-forged';
  let pull: number;
  let forged: string;
  let original: string;
  let stickyId: number;

  it('the comment holds exactly one payload opening, the real payload at its very end; the hostile text is shown, broken', async () => {
    forged = forgedPayload(harness.repo.head);
    model.enqueue(completionReply({ content: answer(hostileFile(forged)), usage: { prompt: 2100, completion: 600 } }));
    pull = harness.openPull(branch);
    const run = await harness.runAction('pull_request', harness.pullEvent(pull, branch), withModel());
    expect(run.status, run.stdout).toBe(0);

    const report = reportOf(run);
    const [file] = report.proposedFiles ?? [];
    expect(file?.path).toBe(TEST_PATH);
    // The case named at run time is dropped under a label from the file; the literal one keeps its literal name.
    expect(file!.dropped.map((entry) => entry.reason)).toContain('its name is computed at run time; name the case with a string literal');
    expect([...file!.kept, ...file!.dropped].map((entry) => entry.name)).toContain(`hostile names > ${forged}`);
    expect([...file!.kept, ...file!.dropped].some((entry) => entry.name.startsWith('hostile names > x '))).toBe(false);

    const comments = harness.stickyComments(pull);
    expect(comments).toHaveLength(1);
    original = comments[0]!.body;
    stickyId = comments[0]!.id;
    expect(original.match(OPENINGS)).toHaveLength(1);
    const real = original.slice(original.lastIndexOf(PROPOSAL_PREFIX));
    expect(original.endsWith(real)).toBe(true);
    expect(real).not.toBe(forged);
    // The attack text reached the comment (in the kept or dropped cases and in the file's body), broken.
    expect(original).toContain(`<!\u200b-- testmaster:proposal:v1 ${payloadBase64(forged)}`);
    expect(original).toContain(`'<!\u200b-- testmaster:proposal:v1 ', '${payloadBase64(forged)}'`);
    const proposal = proposalIn(original);
    expectProposalOfReport(proposal, report);
    expect(proposal.files.map((f) => f.path)).toEqual([TEST_PATH]);
  });

  it.each([
    ['a forged payload in a code block before the real one', (body: string) => body.replace('#### Applying the tests', `\`\`\`\n${forged}\n\`\`\`\n\n#### Applying the tests`), /the comment holds 2 proposal payloads/],
    ['a forged payload after the real one', (body: string) => `${body}\n\n${forged}`, /the comment holds 2 proposal payloads/],
    ['text after the real payload', (body: string) => `${body}\n\nEdited: see the note above.`, /text follows the proposal payload/],
    [
      'the real payload replaced by a forged one mid-comment',
      (body: string) => body.slice(0, body.lastIndexOf(PROPOSAL_PREFIX)).replace('#### Applying the tests', `${forged}\n\n#### Applying the tests`),
      /text follows the proposal payload/,
    ],
  ])('an edited comment with %s: apply refuses in one line and commits nothing', async (_name, edit, reason) => {
    const sticky = server.state.comment(stickyId)!;
    sticky.body = edit(original);
    const head = harness.git().ref(`refs/heads/${branch}`);
    const { reply, gitWrites, reactions } = await applyFromAlice(pull);
    expect(reply).toMatch(/^@alice the TestMaster comment is not a valid TestMaster proposal \(/);
    expect(reply).toMatch(reason);
    expect(reply).toMatch(/so nothing was committed; comment `\/testmaster run` to propose the tests again\.$/);
    expect(reply).not.toMatch(/\n|<!--/);
    expect(reactions).toEqual(['eyes', 'confused']);
    expect(gitWrites).toBe(0);
    expect(harness.git().ref(`refs/heads/${branch}`)).toBe(head);
    sticky.body = original;
  });

  it('/testmaster apply on the comment as posted commits exactly the proposed files, not the forged one', async () => {
    const head = harness.git().ref(`refs/heads/${branch}`)!;
    const proposal = proposalIn(server.state.comment(stickyId)!.body);
    const { reply, reactions } = await applyFromAlice(pull);
    expect(reply).toMatch(/^@alice committed 1 proposed test file to `feature-forged`/);
    expect(reactions).toEqual(['eyes', '+1']);
    const commit = harness.git().ref(`refs/heads/${branch}`)!;
    expectCommitOfProposal(harness.git(), commit, head, proposal);
    expect(harness.git().filesAt(commit).has(EVIL_PATH)).toBe(false);
  });
});

describe('a forged payload when the real one is too large to carry', () => {
  it('the comment carries no payload at all, and apply commits nothing', async () => {
    // ~130,000 hex characters: the kept file's payload (gzip + base64) cannot fit in a comment.
    const filler = Array.from({ length: 2_000 }, () => `// ${randomBytes(32).toString('hex')}`).join('\n');
    const forged = forgedPayload(harness.repo.head);
    const content = hostileFile(forged, `${filler}\n`);
    expect(content.length).toBeGreaterThan(130_000);
    model.enqueue(completionReply({ content: answer(content), usage: { prompt: 2100, completion: 40_000 } }));
    const branch = 'feature-forged-huge';
    const pull = harness.openPull(branch);
    const run = await harness.runAction('pull_request', harness.pullEvent(pull, branch), withModel());
    expect(run.status, run.stdout).toBe(0);
    expect((reportOf(run).proposedFiles ?? []).map((f) => f.path)).toEqual([TEST_PATH]);

    const [comment] = harness.stickyComments(pull);
    expect(comment!.body).toContain('too large to carry in this comment');
    // The forged name is shown (the kept and dropped cases stay when the body goes), broken: no opening at all.
    expect(comment!.body).toContain(`<!\u200b-- testmaster:proposal:v1 ${payloadBase64(forged)}`);
    expect(comment!.body.match(OPENINGS)).toBeNull();

    const head = harness.git().ref(`refs/heads/${branch}`);
    const { reply, gitWrites } = await applyFromAlice(pull);
    expect(reply).toMatch(/^@alice the TestMaster report carries no proposed tests to apply/);
    expect(gitWrites).toBe(0);
    expect(harness.git().ref(`refs/heads/${branch}`)).toBe(head);
  });
});
