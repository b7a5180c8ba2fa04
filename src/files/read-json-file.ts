/**
 * Reads a JSON file and says which of the usual outcomes it was, so each caller decides in one line
 * what a missing file, invalid JSON or a non-object means for it.
 */
import { readFile } from 'node:fs/promises';

export type JsonObject = Record<string, unknown>;

export type JsonFileRead =
  | { readonly kind: 'missing' }
  | { readonly kind: 'invalid'; readonly reason: string }
  | { readonly kind: 'not-object'; readonly value: unknown }
  | { readonly kind: 'object'; readonly value: JsonObject };

export async function readJsonFile(file: string): Promise<JsonFileRead> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch {
    return { kind: 'missing' };
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return { kind: 'invalid', reason: error instanceof Error ? error.message : String(error) };
  }
  return value !== null && typeof value === 'object' && !Array.isArray(value)
    ? { kind: 'object', value: value as JsonObject }
    : { kind: 'not-object', value };
}

/** The file's top-level object, or null when it is missing, invalid or not an object. */
export async function readJsonObject(file: string): Promise<JsonObject | null> {
  const read = await readJsonFile(file);
  return read.kind === 'object' ? read.value : null;
}
