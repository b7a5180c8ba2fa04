/**
 * A zod failure -> one short phrase naming where the first problem is and what was expected (pure),
 * for StoreError messages about a stored row or a value given to the store.
 */
import type { z } from 'zod';

export function describeIssues(error: z.ZodError): string {
  const [first] = error.issues;
  if (!first) return 'invalid value';
  const where = first.path.length === 0 ? '' : `at ${first.path.map((part) => (typeof part === 'number' ? `[${String(part)}]` : String(part))).join('.').replace(/\.\[/g, '[')}: `;
  const more = error.issues.length > 1 ? ` (and ${String(error.issues.length - 1)} more)` : '';
  return `${where}${first.message.replace(/\s*\r?\n\s*/g, ' ')}${more}`;
}
