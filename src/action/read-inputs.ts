/**
 * The action's inputs, read once. Config keys come back as raw strings for the configuration layer
 * (empty = not set, so the config file and defaults apply); the token and the model API key are
 * registered as secrets, so the runner masks them in every log line. The pull-request inputs
 * (apply, include-drafts, pr-number, run-workflow) are checked here: a bad value is a one-line error
 * naming the input, the value and what is allowed.
 */
import * as core from '@actions/core';
import { CONFIG_KEYS } from '../config/schema.js';
import { ConfigurationError } from '../errors/errors.js';
import { parseApplyMode, type ApplyMode } from './apply-mode.js';

/** Inputs whose value is a secret: masked in the logs as soon as they are read. */
const SECRET_INPUTS = ['api-key'] as const;

export interface ActionInputs {
  readonly token: string;
  readonly workingDirectory: string;
  readonly configPath: string | null;
  readonly base: string | null;
  readonly head: string | null;
  readonly overrides: Readonly<Record<string, string>>;
  /** How proposed tests reach the pull request. */
  readonly apply: ApplyMode;
  /** Run on draft pull requests too. */
  readonly includeDrafts: boolean;
  /** The pull request a workflow_dispatch run is for (else the event's `pr-number` input). */
  readonly prNumber: number | null;
  /** Workflow file (or id) that `/testmaster run` starts with workflow_dispatch; null: the command is refused. */
  readonly runWorkflow: string | null;
}

export function readActionInputs(): ActionInputs {
  const token = core.getInput('token');
  if (token) core.setSecret(token);
  for (const name of SECRET_INPUTS) {
    const secret = core.getInput(name);
    if (secret) core.setSecret(secret);
  }
  const overrides: Record<string, string> = {};
  // Every configuration key is an action input of the same name (a test keeps action.yml complete).
  for (const key of CONFIG_KEYS) {
    const value = core.getInput(key);
    if (value !== '') overrides[key] = value;
  }
  return {
    token,
    workingDirectory: core.getInput('working-directory') || '.',
    configPath: core.getInput('config') || null,
    base: core.getInput('base') || null,
    head: core.getInput('head') || null,
    overrides,
    apply: parseApplyMode(core.getInput('apply')),
    includeDrafts: parseBoolean('include-drafts', core.getInput('include-drafts')),
    prNumber: parsePullNumber('pr-number', core.getInput('pr-number')),
    runWorkflow: parseWorkflow(core.getInput('run-workflow')),
  };
}

/** `true`/`false` in any case; empty is false. */
export function parseBoolean(name: string, value: string): boolean {
  const text = value.trim().toLowerCase();
  if (text === '' || text === 'false') return false;
  if (text === 'true') return true;
  throw new ConfigurationError(`invalid ${name} input ${JSON.stringify(value.slice(0, 40))}: expected true or false`);
}

/** A pull request number (positive integer); empty is null. */
export function parsePullNumber(name: string, value: string): number | null {
  const text = value.trim().replace(/^#/, '');
  if (text === '') return null;
  if (!/^[1-9][0-9]{0,9}$/.test(text)) throw new ConfigurationError(`invalid ${name} input ${JSON.stringify(value.slice(0, 40))}: expected a pull request number such as 42`);
  return Number(text);
}

/** A workflow file name in .github/workflows (`testmaster-run.yml`) or a workflow id; empty is null. */
export function parseWorkflow(value: string): string | null {
  const text = value.trim().replace(/^\.github\/workflows\//, '');
  if (text === '') return null;
  if (!/^(?:[A-Za-z0-9_.-]+\.ya?ml|[1-9][0-9]*)$/.test(text)) {
    throw new ConfigurationError(`invalid run-workflow input ${JSON.stringify(value.slice(0, 60))}: expected the file name of a workflow in .github/workflows, e.g. testmaster-run.yml`);
  }
  return text;
}
