/**
 * Action inputs and CLI flags arrive as strings: coerce each to the type its key expects (pure), so
 * the same schema validates them as the config file. A value that does not coerce is left as the
 * string it was, and validation then names it ("got \"ten\"").
 */
import { z } from 'zod';
import { configFileSchema } from './schema.js';

type ValueKind = 'boolean' | 'number' | 'list' | 'string';

const FIELDS: Readonly<Record<string, z.ZodType>> = configFileSchema.shape;

/**
 * Raw string settings -> a partial raw config (kebab-case keys). Empty strings mean "not given" and
 * are dropped (an action input left blank). Lists are split on newlines and on commas outside braces,
 * so `src/**\/*.{ts,tsx}` stays one pattern. Non-string values pass through unchanged.
 */
export function parseOverrides(values: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const parsed: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(values)) {
    if (value === undefined) continue;
    if (typeof value !== 'string') {
      parsed[key] = value;
      continue;
    }
    const text = value.trim();
    if (text === '') continue;
    parsed[key] = coerce(text, kindOf(key));
  }
  return parsed;
}

function coerce(text: string, kind: ValueKind): unknown {
  switch (kind) {
    case 'boolean':
      return /^true$/i.test(text) ? true : /^false$/i.test(text) ? false : text;
    case 'number':
      return /^[+-]?\d+(\.\d+)?$/.test(text) ? Number(text) : text;
    case 'list':
      return splitList(text);
    case 'string':
      return text;
  }
}

function kindOf(key: string): ValueKind {
  const field = FIELDS[key];
  if (field === undefined) return 'string'; // unknown key: validation reports it
  const schema = z.toJSONSchema(field, { io: 'input', unrepresentable: 'any' }) as { type?: unknown };
  const types = Array.isArray(schema.type) ? schema.type : [schema.type];
  if (types.includes('boolean')) return 'boolean';
  if (types.includes('integer') || types.includes('number')) return 'number';
  if (types.includes('array')) return 'list';
  return 'string';
}

/** Splits on newlines and on commas that are not inside `{...}`; trims; drops empty items. */
export function splitList(text: string): string[] {
  const items: string[] = [];
  let current = '';
  let depth = 0;
  for (const char of text) {
    if (char === '{') depth++;
    else if (char === '}') depth = Math.max(0, depth - 1);
    if (char === '\n' || char === '\r' || (char === ',' && depth === 0)) {
      items.push(current);
      current = '';
      if (char === '\n' || char === '\r') depth = 0;
      continue;
    }
    current += char;
  }
  items.push(current);
  return items.map((item) => item.trim()).filter((item) => item !== '');
}
