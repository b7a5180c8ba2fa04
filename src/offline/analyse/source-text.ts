/**
 * JavaScript source text for candidate values (pure): numbers, strings in single quotes, object
 * literals with keys quoted only where needed, arrow functions returning a value. Every text is valid
 * JavaScript and valid TypeScript, refers to nothing that must be imported, and has no side effects.
 */
import { quote } from '../emit/render-literal.js';

const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;
const CANONICAL_INDEX = /^(0|[1-9]\d{0,14})$/;

export { quote };

export function numberText(value: number): string {
  if (Number.isNaN(value)) return 'Number.NaN';
  if (value === Number.POSITIVE_INFINITY) return 'Number.POSITIVE_INFINITY';
  if (value === Number.NEGATIVE_INFINITY) return 'Number.NEGATIVE_INFINITY';
  return Object.is(value, -0) ? '0' : String(value);
}

/** A property key as written in an object literal: bare when an identifier or a canonical index, else quoted. */
export function propertyKey(name: string): string {
  return IDENTIFIER.test(name) || CANONICAL_INDEX.test(name) ? name : quote(name);
}

export function objectText(entries: readonly (readonly [string, string])[]): string {
  if (entries.length === 0) return '{}';
  return `{ ${entries.map(([key, value]) => `${propertyKey(key)}: ${value}`).join(', ')} }`;
}

export function arrayText(items: readonly string[]): string {
  return `[${items.join(', ')}]`;
}

/** `() => value`; an object literal body is wrapped in parentheses. */
export function arrowText(body: string, isAsync = false): string {
  const wrapped = body.startsWith('{') ? `(${body})` : body;
  return `${isAsync ? 'async ' : ''}() => ${wrapped}`;
}
