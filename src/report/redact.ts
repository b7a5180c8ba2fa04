/**
 * Pure: removes secrets from any text we publish (reports, summaries, comments, event logs,
 * telemetry), not only from logs: known secret values, their encoded forms (secret-forms.ts: spaced
 * or separated, reversed, hex, URL-encoded, base64 at any alignment), and anything shaped like a
 * token even if we were not told about it.
 *
 * The known secrets and all their forms are one regular expression, scanned once: one alternation
 * is several times faster than a pass per secret or per form (`npm run bench:redact`).
 */
import { encodedFormSources, escapeLiteral } from './secret-forms.js';

const TOKEN_SHAPES: readonly RegExp[] = [
  /\bgh[pousr]_[A-Za-z0-9]{20,}\b/g, // GitHub tokens
  /\bgithub_pat_[A-Za-z0-9_]{20,}\b/g,
  /\bsk-(?:proj-|ant-)?[A-Za-z0-9_-]{16,}\b/g, // OpenAI / Anthropic-style keys
  /\beyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}\b/g, // JWTs
  /\bAKIA[0-9A-Z]{16}\b/g, // AWS access key ids
  /\bxox[abprs]-[A-Za-z0-9-]{10,}\b/g, // Slack tokens
  /\bnpm_[A-Za-z0-9]{36}\b/g,
];

export const REDACTED = '[REDACTED]';

/** Secrets shorter than this are not redacted at all (they would match ordinary words). */
const MIN_SECRET_LENGTH = 6;
/** Compiled patterns kept for the secret lists seen last (a run has one or two). */
const MAX_CACHED_PATTERNS = 16;
const patterns = new Map<string, RegExp>();

export function redactSecrets(text: string, secrets: readonly string[] = []): string {
  let result = text;
  const known = knownSecretsPattern(secrets);
  if (known !== null) result = result.replace(known, REDACTED);
  for (const shape of TOKEN_SHAPES) result = result.replace(shape, REDACTED);
  return result;
}

/**
 * A copy of a JSON-like value with every string in it (object keys and nested values too) redacted.
 * Redacting the values before serialising, rather than the JSON text after, also catches a secret
 * that JSON would have escaped (a key spaced out with newlines is `s\nk` in JSON text).
 */
export function redactDeep<T>(value: T, secrets: readonly string[] = []): T {
  return redactValue(value, secrets) as T;
}

function redactValue(value: unknown, secrets: readonly string[]): unknown {
  if (typeof value === 'string') return redactSecrets(value, secrets);
  if (Array.isArray(value)) return value.map((item) => redactValue(item, secrets));
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [redactSecrets(key, secrets), redactValue(item, secrets)]));
  }
  return value;
}

/**
 * One global regular expression for every known secret: each exact value and its encoded forms,
 * longest secret first, so that a secret containing another is removed whole. Null without any.
 */
function knownSecretsPattern(secrets: readonly string[]): RegExp | null {
  const known = [...new Set(secrets.filter((s) => s.length >= MIN_SECRET_LENGTH))].sort((a, b) => b.length - a.length || (a < b ? -1 : 1));
  if (known.length === 0) return null;
  const key = JSON.stringify(known);
  let pattern = patterns.get(key);
  if (pattern === undefined) {
    const sources = known.flatMap((secret) => [escapeLiteral(secret), ...encodedFormSources(secret)]);
    pattern = new RegExp(sources.map((source) => `(?:${source})`).join('|'), 'g');
    if (patterns.size >= MAX_CACHED_PATTERNS) patterns.delete(patterns.keys().next().value!);
    patterns.set(key, pattern);
  }
  return pattern;
}
