/**
 * A described value back as JavaScript source (pure): literals for primitives, arrays and plain
 * objects; `new Date(...)`, `new Map(...)`, `new Set(...)` and regular expressions for those; null
 * when the value cannot be written as one (functions, symbols, huge or cyclic values, class instances),
 * which emission then asserts by type or shape instead.
 */
import type { ValueDescription } from '../probe/outcome.js';

const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;

export function renderLiteral(value: ValueDescription): string | null {
  switch (value.k) {
    case 'undefined':
      return 'undefined';
    case 'null':
      return 'null';
    case 'boolean':
      return String(value.v);
    case 'number':
      return renderNumber(value.v);
    case 'bigint':
      return `${value.v}n`;
    case 'string':
      return quote(value.v);
    case 'array':
      return joinAll(value.items.map(renderLiteral), (items) => `[${items.join(', ')}]`);
    case 'object':
      return renderEntries(value.entries);
    case 'date':
      return `new Date(${quote(value.iso)})`;
    case 'regexp':
      return `/${value.source}/${value.flags}`;
    case 'map':
      return joinAll(
        value.entries.map(([key, item]) => {
          const k = renderLiteral(key);
          const v = renderLiteral(item);
          return k === null || v === null ? null : `[${k}, ${v}]`;
        }),
        (entries) => `new Map([${entries.join(', ')}])`,
      );
    case 'set':
      return joinAll(value.items.map(renderLiteral), (items) => `new Set([${items.join(', ')}])`);
    case 'instance':
    case 'error':
    case 'opaque':
      return null;
  }
}

/** A plain object's properties as an object literal, or null if one of them is not writable. */
export function renderEntries(entries: readonly (readonly [string, ValueDescription])[]): string | null {
  if (entries.length === 0) return '{}';
  return joinAll(
    entries.map(([key, item]) => {
      const v = renderLiteral(item);
      return v === null ? null : `${IDENTIFIER.test(key) ? key : quote(key)}: ${v}`;
    }),
    (parts) => `{ ${parts.join(', ')} }`,
  );
}

function renderNumber(text: string): string {
  if (text === 'NaN') return 'Number.NaN';
  if (text === 'Infinity') return 'Number.POSITIVE_INFINITY';
  if (text === '-Infinity') return 'Number.NEGATIVE_INFINITY';
  return text;
}

/** A single-quoted JavaScript string literal. */
export function quote(text: string): string {
  const json = JSON.stringify(text).slice(1, -1).replace(/\\"/g, '"').replace(/'/g, "\\'");
  return `'${json.replace(/[\u2028\u2029]/g, (c) => (c === '\u2028' ? '\\u2028' : '\\u2029'))}'`;
}

function joinAll(parts: readonly (string | null)[], join: (parts: string[]) => string): string | null {
  if (parts.some((part) => part === null)) return null;
  return join(parts as string[]);
}
