/**
 * Pure: a copy of an event with every string in it (nested ones too) redacted like the reports:
 * known secret values, their encoded forms and token shapes. Redacting the values before
 * serialising, rather than the JSON text after, also catches a secret that JSON would have escaped.
 */
import { redactDeep } from '../report/redact.js';
import type { TimelineEvent } from '../events/types.js';

export function redactEvent(event: TimelineEvent, secrets: readonly string[]): TimelineEvent {
  return redactDeep(event, secrets);
}
