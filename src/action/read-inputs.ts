/**
 * The action's inputs, read once. Config keys come back as raw strings for the configuration layer
 * (empty = not set, so the config file and defaults apply); the token and the model API key are
 * registered as secrets, so the runner masks them in every log line.
 */
import * as core from '@actions/core';
import { CONFIG_KEYS } from '../config/schema.js';

/** Inputs whose value is a secret: masked in the logs as soon as they are read. */
const SECRET_INPUTS = ['api-key'] as const;

export interface ActionInputs {
  readonly token: string;
  readonly workingDirectory: string;
  readonly configPath: string | null;
  readonly base: string | null;
  readonly head: string | null;
  readonly overrides: Readonly<Record<string, string>>;
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
  };
}
