/**
 * Walking a JSON Schema (as zod writes it) and a value in step, to name what was expected at a path
 * inside a key's value, e.g. `model-prices` -> "my-model" -> "input-per-mtok-usd" (pure).
 */
export type JsonSchema = Record<string, unknown>;

/** The value as a schema object, or undefined when it is not one. */
export function asSchema(value: unknown): JsonSchema | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as JsonSchema) : undefined;
}

/** The JSON Schema of the value at `path` below `schema` (properties, record values, list items, nullable alternatives). */
export function schemaAt(schema: JsonSchema, path: readonly PropertyKey[]): JsonSchema | undefined {
  let node: JsonSchema | undefined = schema;
  for (const part of path) {
    if (node === undefined) return undefined;
    node = childSchema(node, String(part));
  }
  return node;
}

function childSchema(schema: JsonSchema, part: string): JsonSchema | undefined {
  const property = asSchema(asSchema(schema.properties)?.[part]);
  if (property !== undefined) return property;
  const additional = asSchema(schema.additionalProperties);
  if (additional !== undefined) return additional;
  const items = asSchema(schema.items);
  if (items !== undefined) return items;
  const alternatives = schema.anyOf ?? schema.oneOf;
  if (Array.isArray(alternatives)) {
    for (const alternative of alternatives) {
      const option = asSchema(alternative);
      const found = option === undefined ? undefined : childSchema(option, part);
      if (found !== undefined) return found;
    }
  }
  return undefined;
}

/** The value at `path` below `value`; undefined when a step is missing or not an object. */
export function valueAt(value: unknown, path: readonly PropertyKey[]): unknown {
  let current = value;
  for (const part of path) {
    if (typeof current !== 'object' || current === null) return undefined;
    current = (current as Record<PropertyKey, unknown>)[part];
  }
  return current;
}
