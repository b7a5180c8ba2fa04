/**
 * The secrets a run knows of, to redact from every output: the model key from the config or its
 * environment fallbacks, and the values of the OpenTelemetry collector's headers (often an API key).
 */
import type { Config } from '../config/schema.js';

const KEY_VARIABLES = ['OPENAI_API_KEY', 'AZURE_OPENAI_API_KEY'] as const;
const HEADER_VARIABLES = ['OTEL_EXPORTER_OTLP_HEADERS', 'OTEL_EXPORTER_OTLP_TRACES_HEADERS'] as const;

export function knownSecrets(config: Pick<Config, 'apiKey'>, env: Readonly<Record<string, string | undefined>>): string[] {
  const headerValues = HEADER_VARIABLES.flatMap((name) => (env[name] ?? '').split(',').map((pair) => decodeHeaderValue(pair.slice(pair.indexOf('=') + 1))));
  const values = [config.apiKey, ...KEY_VARIABLES.map((name) => env[name]), ...headerValues];
  return [...new Set(values.filter((value): value is string => typeof value === 'string' && value.trim().length >= 8))];
}

/** What those secrets are, for messages ('the model key', 'the OpenTelemetry collector headers'). */
export function heldSecretNames(config: Pick<Config, 'apiKey'>, env: Readonly<Record<string, string | undefined>>): string[] {
  const names: string[] = [];
  if ([config.apiKey, ...KEY_VARIABLES.map((name) => env[name])].some((value) => typeof value === 'string' && value.trim() !== '')) names.push('the model key');
  if (HEADER_VARIABLES.some((name) => (env[name] ?? '').trim() !== '')) names.push('the OpenTelemetry collector headers');
  return names;
}

function decodeHeaderValue(text: string): string {
  try {
    return decodeURIComponent(text.trim());
  } catch {
    return text.trim();
  }
}
