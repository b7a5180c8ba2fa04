import { describe, expect, it } from 'vitest';
import {
  ANSWER_SCHEMA_NAME,
  DEFAULT_ANSWER_LIMITS,
  answerJsonSchema,
  answerSchema,
} from '../../../../src/generation/answer/answer-schema.js';
import { extractAnswer } from '../../../../src/generation/answer/extract-answer.js';

type JsonSchema = Record<string, unknown>;

/** Keywords OpenAI's strict mode accepts that this schema may use. */
const ALLOWED_KEYWORDS = new Set(['type', 'properties', 'required', 'additionalProperties', 'items', 'anyOf', 'description']);

function visit(schema: JsonSchema, check: (node: JsonSchema, where: string) => void, where = '#'): void {
  check(schema, where);
  for (const [key, child] of Object.entries((schema.properties ?? {}) as Record<string, JsonSchema>)) visit(child, check, `${where}/${key}`);
  if (schema.items !== undefined) visit(schema.items as JsonSchema, check, `${where}/items`);
  for (const [index, child] of ((schema.anyOf ?? []) as JsonSchema[]).entries()) visit(child, check, `${where}/anyOf/${index}`);
}

describe('answerJsonSchema (structured output, strict mode)', () => {
  const schema = answerJsonSchema();

  it('is an object at the root, with no $schema and a usable name', () => {
    expect(schema.type).toBe('object');
    expect(schema).not.toHaveProperty('$schema');
    expect(ANSWER_SCHEMA_NAME).toMatch(/^[a-zA-Z0-9_-]{1,64}$/);
  });

  it('requires every property and allows no other, at every level', () => {
    let objects = 0;
    visit(schema, (node, where) => {
      if (node.type !== 'object') return;
      objects += 1;
      expect(node.additionalProperties, where).toBe(false);
      expect([...((node.required ?? []) as string[])].sort(), where).toEqual(Object.keys(node.properties as object).sort());
    });
    expect(objects).toBe(2); // answer, file
  });

  it('uses only keywords strict mode accepts (no size limits, no safe-integer bounds)', () => {
    visit(schema, (node, where) => {
      for (const key of Object.keys(node)) expect(ALLOWED_KEYWORDS.has(key), `${where}: ${key}`).toBe(true);
    });
  });

  it('makes the optional fields nullable and keeps path and content plain strings', () => {
    const files = (schema.properties as Record<string, JsonSchema>).files!;
    const file = files.items as JsonSchema;
    const fileProperties = file.properties as Record<string, JsonSchema>;
    expect(fileProperties.path).toMatchObject({ type: 'string' });
    expect(fileProperties.content).toMatchObject({ type: 'string' });
    expect(Object.keys(fileProperties).sort()).toEqual(['content', 'path']);
    expect(JSON.stringify((schema.properties as Record<string, JsonSchema>).notes)).toContain('"null"');
  });

  it('states the limits in its descriptions', () => {
    const text = JSON.stringify(answerJsonSchema({ maxFiles: 2, maxFileBytes: 50 * 1024 }));
    expect(text).toContain('at most 2');
    expect(text).toContain('50 KB');
  });

  it('describes answers the validator accepts (all fields present, nulls for the optional ones)', () => {
    const wireAnswer = { files: [{ path: 'a.test.ts', content: 'it("x", () => {});\n' }], notes: null };
    const result = extractAnswer(JSON.stringify(wireAnswer), 'stop', null);
    expect(result).toMatchObject({ kind: 'ok', answer: wireAnswer });
  });
});

describe('answerSchema', () => {
  it('has the documented defaults', () => {
    expect(DEFAULT_ANSWER_LIMITS).toMatchObject({ maxFiles: 3, maxFileBytes: 200 * 1024 });
  });

  it('accepts content of exactly the byte limit and rejects one byte more', () => {
    const schema = answerSchema({ maxFileBytes: 10 });
    expect(schema.safeParse({ files: [{ path: 'a', content: 'é'.repeat(5) }] }).success).toBe(true);
    expect(schema.safeParse({ files: [{ path: 'a', content: `${'é'.repeat(5)}x` }] }).success).toBe(false);
  });

  it('cuts long notes instead of rejecting the answer, and maps blank notes to null', () => {
    const schema = answerSchema({ maxNotesChars: 5 });
    expect(schema.parse({ files: [{ path: 'a', content: 'x' }], notes: 'abcdefgh' }).notes).toBe('abcde');
    expect(schema.parse({ files: [{ path: 'a', content: 'x' }], notes: '  ' }).notes).toBeNull();
  });

  it('ignores a case list an older or weaker model still sends, whatever its shape', () => {
    const cases = [{ name: 7, covers: ['x'] }, null];
    expect(answerSchema().parse({ files: [{ path: 'a', content: 'x', cases }] })).toEqual({ files: [{ path: 'a', content: 'x' }], notes: null });
  });
});
