/**
 * The action's inputs, read once. Config keys come back as raw strings for the configuration layer
 * (empty = not set, so the config file and defaults apply); the token is registered as a secret.
 */
import * as core from '@actions/core';
import { CONFIG_KEYS } from '../config/schema.js';


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
