/**
 * Pure: a copy of an event with every string in it (nested ones too) redacted like the reports:
 * known secret values and token shapes. Redacting the values before serialising, rather than the JSON
 * text after, also catches a secret that JSON would have escaped.
 */
import { redactSecrets } from '../report/redact.js';
import type { TimelineEvent } from '../events/types.js';

export function redactEvent(event: TimelineEvent, secrets: readonly string[]): TimelineEvent {
  return redactValue(event, secrets) as TimelineEvent;
}

function redactValue(value: unknown, secrets: readonly string[]): unknown {
  if (typeof value === 'string') return redactSecrets(value, secrets);
  if (Array.isArray(value)) return value.map((item) => redactValue(item, secrets));
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, redactValue(item, secrets)]));
  }
  return value;
}
