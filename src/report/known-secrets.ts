/** The secrets a run knows of, to redact from every output: the model key from the config or its environment fallbacks. */
import type { Config } from '../config/schema.js';

const KEY_VARIABLES = ['OPENAI_API_KEY', 'AZURE_OPENAI_API_KEY'] as const;

export function knownSecrets(config: Pick<Config, 'apiKey'>, env: Readonly<Record<string, string | undefined>>): string[] {
  const values = [config.apiKey, ...KEY_VARIABLES.map((name) => env[name])];
  return [...new Set(values.filter((value): value is string => typeof value === 'string' && value.trim().length >= 8))];
}
