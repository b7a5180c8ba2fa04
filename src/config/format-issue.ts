/**
 * One zod issue about a configuration layer -> one actionable line naming the key, the value it got
 * and what was expected (pure). The expectation is read off the key's JSON Schema, so a new key gets
 * a good message without code here.
 */
import { z } from 'zod';
import { closestKey } from './closest-key.js';
import { asSchema, schemaAt, valueAt, type JsonSchema } from './schema-path.js';

export interface IssueContext {
  /** How to name a key's origin, e.g. `.github/testmaster.yml: "max-modules"` or `input "max-modules"`. */
  readonly describeKey: (key: string) => string;
  /** The layer as it was given (to quote the offending value). */
  readonly input: Readonly<Record<string, unknown>>;
  /** The layer's schema (a zod object), for the known keys and their expected types. */
  readonly shape: Readonly<Record<string, z.ZodType>>;
}

export function formatIssue(issue: z.core.$ZodIssue, context: IssueContext): string {
  const [key, ...inner] = issue.path;
  if (issue.code === 'unrecognized_keys' && key === undefined) {
    return issue.keys.map((unknown) => formatUnknownKey(unknown, context)).join('; ');
  }
  if (typeof key !== 'string' || !(key in context.shape)) return issue.message;
  const field = jsonSchemaOf(context.shape[key]!);
  if (inner.length === 0) {
    return `${context.describeKey(key)} must be ${describeJsonSchema(field)}, got ${showValue(context.input[key])}`;
  }
  return formatNestedIssue(issue, key, inner, field, context);
}

/** An issue inside a mapping value (`model-prices`): names the path below the key, e.g. `"model-prices"["my-model"]["input-per-mtok-usd"]`. */
function formatNestedIssue(issue: z.core.$ZodIssue, key: string, inner: readonly PropertyKey[], field: JsonSchema, context: IssueContext): string {
  const where = (path: readonly PropertyKey[]): string => `${context.describeKey(key)}${path.map((part) => `[${JSON.stringify(String(part))}]`).join('')}`;
  const node = schemaAt(field, inner);
  if (issue.code === 'unrecognized_keys') {
    const allowed = node === undefined ? [] : Object.keys(asSchema(node.properties) ?? {});
    const unknown = issue.keys.map((name) => JSON.stringify(name)).join(', ');
    return `${where(inner)} has the unknown key${issue.keys.length === 1 ? '' : 's'} ${unknown}${allowed.length > 0 ? `; known keys: ${allowed.join(', ')}` : ''}`;
  }
  if (issue.code === 'invalid_key') {
    const parent = schemaAt(field, inner.slice(0, -1));
    const names = asSchema(parent?.propertyNames);
    return `${where(inner.slice(0, -1))} has the key ${showValue(inner[inner.length - 1])}, which must be ${names === undefined ? 'a valid key' : describeJsonSchema(names)}`;
  }
  const expected = node === undefined ? issue.message : `must be ${describeJsonSchema(node)}`;
  return `${where(inner)} ${expected}, got ${showValue(valueAt(context.input[key], inner))}`;
}

function formatUnknownKey(key: string, context: IssueContext): string {
  const known = Object.keys(context.shape);
  const suggestion = closestKey(key, known);
  const hint = suggestion === null ? `known keys: ${known.join(', ')}` : `did you mean "${suggestion}"?`;
  return `${context.describeKey(key)} is not a known key; ${hint}`;
}

/** "an integer from 1 to 7200", "one of \"auto\", \"vitest\", \"jest\"", "true or false"... */
export function expectationOf(field: z.ZodType): string {
  return describeJsonSchema(jsonSchemaOf(field));
}

function jsonSchemaOf(field: z.ZodType): JsonSchema {
  return z.toJSONSchema(field, { io: 'input', unrepresentable: 'any' }) as JsonSchema;
}

function describeJsonSchema(schema: JsonSchema): string {
  if (Array.isArray(schema.enum)) return `one of ${schema.enum.map((value) => JSON.stringify(value)).join(', ')}`;
  const alternatives = schema.anyOf ?? schema.oneOf;
  if (Array.isArray(alternatives)) return alternatives.map((alternative) => describeJsonSchema(alternative as JsonSchema)).join(' or ');
  const types = Array.isArray(schema.type) ? (schema.type as string[]) : [schema.type];
  return types.map((type) => describeType(String(type), schema)).join(' or ');
}

function describeType(type: string, schema: JsonSchema): string {
  switch (type) {
    case 'integer':
      return `an integer${range(schema)}`;
    case 'number':
      return `a number${range(schema)}`;
    case 'boolean':
      return 'true or false';
    case 'null':
      return 'null';
    case 'string':
      return typeof schema.minLength === 'number' && schema.minLength > 0 ? 'a non-empty string' : 'a string';
    case 'array': {
      const items = schema.items as JsonSchema | undefined;
      const item = items === undefined ? 'values' : describeJsonSchema(items).replace(/^an? /, '');
      const list = typeof schema.minItems === 'number' && schema.minItems > 0 ? 'a non-empty list' : 'a list';
      return `${list} of ${item === 'non-empty string' ? 'non-empty strings' : item}`;
    }
    case 'object':
      return describeMapping(schema);
    default:
      return 'a valid value';
  }
}

/** "a mapping with the keys a, b and optionally c", or "a mapping of keys to values" for a free-form one. */
function describeMapping(schema: JsonSchema): string {
  const keys = Object.keys(asSchema(schema.properties) ?? {});
  if (keys.length === 0) return 'a mapping of keys to values';
  const required = new Set(Array.isArray(schema.required) ? (schema.required as string[]) : []);
  const needed = keys.filter((key) => required.has(key));
  const optional = keys.filter((key) => !required.has(key));
  const parts = [needed.length > 0 ? `the keys ${needed.join(', ')}` : '', optional.length > 0 ? `optionally ${optional.join(', ')}` : ''];
  return `a mapping with ${parts.filter((part) => part !== '').join(' and ')}`;
}

function range(schema: JsonSchema): string {
  // z.number().int() without a bound is written as the safe-integer limit: not a bound worth naming.
  const bound = (value: unknown): number | undefined =>
    typeof value === 'number' && Math.abs(value) !== Number.MAX_SAFE_INTEGER ? value : undefined;
  const minimum = bound(schema.minimum);
  const maximum = bound(schema.maximum);
  if (typeof minimum === 'number' && typeof maximum === 'number') return ` from ${minimum} to ${maximum}`;
  if (typeof minimum === 'number') return ` of at least ${minimum}`;
  if (typeof maximum === 'number') return ` of at most ${maximum}`;
  return '';
}

/** The offending value, quoted as in JSON and shortened. */
export function showValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  let text: string;
  try {
    text = JSON.stringify(value) ?? String(value);
  } catch {
    text = String(value);
  }
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}
