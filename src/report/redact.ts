/**
 * Pure: removes secrets from any text we publish (reports, summaries, comments), not only from logs:
 * known secret values, and anything shaped like a token even if we were not told about it.
 */
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

export function redactSecrets(text: string, secrets: readonly string[] = []): string {
  let result = text;
  // Longest first, so a secret that contains another is removed whole.
  const known = [...new Set(secrets.filter((s) => s.length >= 6))].sort((a, b) => b.length - a.length);
  for (const secret of known) result = result.split(secret).join(REDACTED);
  for (const shape of TOKEN_SHAPES) result = result.replace(shape, REDACTED);
  return result;
}
