/**
 * Action inputs and CLI flags arrive as strings: coerce each to the type its key expects (pure), so
 * the same schema validates them as the config file. A value that does not coerce is left as the
 * string it was, and validation then names it ("got \"ten\""). The one exception is a mapping
 * (`model-prices`) whose text is not JSON or YAML at all: that is reported here, with the parser's
 * reason, since "got <the text>" alone would not say what is wrong with it.
 */
import { parseDocument } from 'yaml';
import { z } from 'zod';
import { ConfigurationError } from '../errors/errors.js';
import { configFileSchema } from './schema.js';

type ValueKind = 'boolean' | 'number' | 'list' | 'mapping' | 'string';

const FIELDS: Readonly<Record<string, z.ZodType>> = configFileSchema.shape;

/** How a message names an override's key, e.g. `flag "model-prices"`. */
export type DescribeKey = (key: string) => string;

const describeSetting: DescribeKey = (key) => `setting "${key}"`;

/**
 * Raw string settings -> a partial raw config (kebab-case keys). Empty strings mean "not given" and
 * are dropped (an action input left blank). Lists are split on newlines and on commas outside braces,
 * so `src/**\/*.{ts,tsx}` stays one pattern. Mappings are parsed as JSON (or YAML, of which JSON is a
 * subset); unparsable text throws a ConfigurationError naming the key. Non-string values pass through.
 */
export function parseOverrides(values: Readonly<Record<string, unknown>>, describeKey: DescribeKey = describeSetting): Record<string, unknown> {
  const parsed: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(values)) {
    if (value === undefined) continue;
    if (typeof value !== 'string') {
      parsed[key] = value;
      continue;
    }
    const text = value.trim();
    if (text === '') continue;
    const kind = kindOf(key);
    parsed[key] = kind === 'mapping' ? parseMapping(text, describeKey(key)) : coerce(text, kind);
  }
  return parsed;
}

function coerce(text: string, kind: Exclude<ValueKind, 'mapping'>): unknown {
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

/**
 * JSON or YAML text -> its value (validation then checks it is the right mapping). Syntax errors
 * throw one line: the key, where the parser stopped, and an example of the expected form.
 */
function parseMapping(text: string, keyName: string): unknown {
  const document = parseDocument(text, { uniqueKeys: true, prettyErrors: true });
  const [error] = document.errors;
  if (error === undefined) return document.toJS({ maxAliasCount: 100 }) as unknown;
  const where = error.linePos?.[0];
  const position = where === undefined ? '' : ` at line ${where.line}, column ${where.col}`;
  const reason = error.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
  throw new ConfigurationError(
    `${keyName} is not valid JSON${position}: ${reason}; give a mapping such as {"my-model": {"input-per-mtok-usd": 0.5, "output-per-mtok-usd": 1.5}}`,
  );
}

function kindOf(key: string): ValueKind {
  const field = FIELDS[key];
  if (field === undefined) return 'string'; // unknown key: validation reports it
  const types = jsonTypes(z.toJSONSchema(field, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>);
  if (types.has('boolean')) return 'boolean';
  if (types.has('integer') || types.has('number')) return 'number';
  if (types.has('array')) return 'list';
  if (types.has('object')) return 'mapping';
  return 'string';
}

/** The JSON types a schema admits, looking into anyOf (how a nullable key is written). */
function jsonTypes(schema: Record<string, unknown>): Set<string> {
  const types = new Set<string>();
  const own = Array.isArray(schema.type) ? (schema.type as unknown[]) : [schema.type];
  for (const type of own) if (typeof type === 'string') types.add(type);
  const alternatives = schema.anyOf ?? schema.oneOf;
  if (Array.isArray(alternatives)) {
    for (const alternative of alternatives) for (const type of jsonTypes(alternative as Record<string, unknown>)) types.add(type);
  }
  return types;
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
