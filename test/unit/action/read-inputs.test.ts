import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { readActionInputs } from '../../../src/action/read-inputs.js';

/** The runner hands inputs to the action as INPUT_<NAME> (upper case, dashes kept). */
const inputVariable = (name: string): string => `INPUT_${name.toUpperCase()}`;
const set: string[] = [];
let written: string[];

function setInput(name: string, value: string): void {
  set.push(inputVariable(name));
  process.env[inputVariable(name)] = value;
}

beforeEach(() => {
  written = [];
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    written.push(String(chunk));
    return true;
  });
});
afterEach(() => {
  vi.restoreAllMocks();
  for (const name of set.splice(0)) delete process.env[name];
});

const masked = (): string[] => written.filter((line) => line.startsWith('::add-mask::')).map((line) => line.slice('::add-mask::'.length).trim());

describe('readActionInputs', () => {
  it('registers the token and the api-key input as secrets, and passes api-key on as a config override', () => {
    setInput('token', 'ghs_token_value');
    setInput('api-key', 'sk-input-secret-value');
    setInput('model', 'gpt-4.1-mini');
    const inputs = readActionInputs();
    expect(masked()).toEqual(['ghs_token_value', 'sk-input-secret-value']);
    expect(inputs.overrides).toMatchObject({ 'api-key': 'sk-input-secret-value', model: 'gpt-4.1-mini' });
  });

  it('masks nothing and sets no override for a blank api-key', () => {
    setInput('api-key', '');
    setInput('model-prices', '{"m": {"input-per-mtok-usd": 1, "output-per-mtok-usd": 2}}');
    const inputs = readActionInputs();
    expect(masked()).toEqual([]);
    expect(inputs.overrides).toEqual({ 'model-prices': '{"m": {"input-per-mtok-usd": 1, "output-per-mtok-usd": 2}}' });
  });

  it('reads the pull-request inputs: apply (default comment), include-drafts, pr-number, run-workflow', () => {
    expect(readActionInputs()).toMatchObject({ apply: 'comment', includeDrafts: false, prNumber: null, runWorkflow: null });
    setInput('apply', 'Pull-Request');
    setInput('include-drafts', 'TRUE');
    setInput('pr-number', '#42');
    setInput('run-workflow', '.github/workflows/testmaster-slash-command.yml');
    expect(readActionInputs()).toMatchObject({ apply: 'pull-request', includeDrafts: true, prNumber: 42, runWorkflow: 'testmaster-slash-command.yml' });
  });

  it('rejects a bad pull-request input in one line naming the input, the value and what is allowed', () => {
    const cases: Array<[string, string, RegExp]> = [
      ['apply', 'push', /^invalid apply input "push": expected one of comment, commit, pull-request/],
      ['include-drafts', 'yes', /^invalid include-drafts input "yes": expected true or false$/],
      ['pr-number', '4x', /^invalid pr-number input "4x": expected a pull request number/],
      ['run-workflow', '../evil.yml', /^invalid run-workflow input "\.\.\/evil\.yml": expected the file name of a workflow/],
    ];
    for (const [name, value, message] of cases) {
      setInput(name, value);
      expect(() => readActionInputs(), name).toThrow(message);
      setInput(name, '');
    }
  });
});
