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
});
