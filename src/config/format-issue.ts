/**
 * One zod issue about a configuration layer -> one actionable line naming the key, the value it got
 * and what was expected (pure). The expectation is read off the key's JSON Schema, so a new key gets
 * a good message without code here.
 */
import { z } from 'zod';
import { closestKey } from './closest-key.js';

type JsonSchema = Record<string, unknown>;

export interface IssueContext {
  /** How to name a key's origin, e.g. `.github/testmaster.yml: "max-modules"` or `input "max-modules"`. */
  readonly describeKey: (key: string) => string;
  /** The layer as it was given (to quote the offending value). */
  readonly input: Readonly<Record<string, unknown>>;
  /** The layer's schema (a zod object), for the known keys and their expected types. */
  readonly shape: Readonly<Record<string, z.ZodType>>;
}

export function formatIssue(issue: z.core.$ZodIssue, context: IssueContext): string {
  if (issue.code === 'unrecognized_keys') {
    return issue.keys.map((key) => formatUnknownKey(key, context)).join('; ');
  }
  const key = issue.path[0];
  if (typeof key !== 'string' || !(key in context.shape)) return issue.message;
  const expected = expectationOf(context.shape[key]!);
  return `${context.describeKey(key)} must be ${expected}, got ${showValue(context.input[key])}`;
}

function formatUnknownKey(key: string, context: IssueContext): string {
  const known = Object.keys(context.shape);
  const suggestion = closestKey(key, known);
  const hint = suggestion === null ? `known keys: ${known.join(', ')}` : `did you mean "${suggestion}"?`;
  return `${context.describeKey(key)} is not a known key; ${hint}`;
}

/** "an integer from 1 to 7200", "one of \"auto\", \"vitest\", \"jest\"", "true or false"... */
export function expectationOf(field: z.ZodType): string {
  return describeJsonSchema(z.toJSONSchema(field, { io: 'input', unrepresentable: 'any' }) as JsonSchema);
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
      return 'a mapping of keys to values';
    default:
      return 'a valid value';
  }
}

function range(schema: JsonSchema): string {
  const { minimum, maximum } = schema;
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
