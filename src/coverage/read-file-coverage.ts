/**
 * Pure: checks that one entry of a coverage map has the Istanbul shape that the rest of the code (and
 * istanbul-lib-coverage's merge and summaries) rely on, and returns a private copy of it. Jest may
 * wrap an entry as `{ data: {...} }`; that wrapping is removed here. A malformed entry is a
 * CoverageError naming the entry and the field, never a crash further down.
 */
import type { FileCoverageData } from 'istanbul-lib-coverage';
import { CoverageError } from '../errors/errors.js';

const REGENERATE = "regenerate it with the runner's json coverage reporter (coverage-final.json)";

/** Validates `value` (the entry stored under `key`) and returns a deep copy without Jest's wrapping. */
export function readFileCoverage(key: string, value: unknown): FileCoverageData {
  const entry = unwrap(value);
  const fail = (what: string): never => {
    throw new CoverageError(`coverage entry ${JSON.stringify(shorten(key))} is malformed: ${what}; ${REGENERATE}`);
  };
  if (!isRecord(entry)) fail(`expected an object, got ${describe(value)}`);
  const data = entry as Record<string, unknown>;
  if (data.path !== undefined && typeof data.path !== 'string') fail(`"path" is ${describe(data.path)}, expected a string`);
  for (const field of ['statementMap', 's', 'fnMap', 'f', 'branchMap', 'b'] as const) {
    if (!isRecord(data[field])) fail(`"${field}" is ${describe(data[field])}, expected an object`);
  }
  const statementMap = data.statementMap as Record<string, unknown>;
  const fnMap = data.fnMap as Record<string, unknown>;
  const branchMap = data.branchMap as Record<string, unknown>;

  for (const [id, hits] of Object.entries(data.s as Record<string, unknown>)) {
    if (!isHitCount(hits)) fail(`s[${id}] is ${describe(hits)}, expected a hit count (a number >= 0)`);
    if (!isRange(statementMap[id], true)) fail(`statementMap[${id}] is missing or has no start line`);
  }
  for (const [id, hits] of Object.entries(data.f as Record<string, unknown>)) {
    if (!isHitCount(hits)) fail(`f[${id}] is ${describe(hits)}, expected a hit count (a number >= 0)`);
    const fn = fnMap[id];
    if (!isRecord(fn) || !isRange(fn.loc, false)) fail(`fnMap[${id}] is missing or has no "loc" range`);
  }
  for (const [id, hits] of Object.entries(data.b as Record<string, unknown>)) {
    if (!Array.isArray(hits) || !hits.every(isHitCount)) {
      fail(`b[${id}] is ${describe(hits)}, expected an array of hit counts`);
    }
    const branch = branchMap[id];
    if (!isRecord(branch)) fail(`branchMap[${id}] is missing`);
    const { locations, loc } = branch as Record<string, unknown>;
    if (!Array.isArray(locations) || locations.length === 0 || !isRange(locations[0], false)) {
      fail(`branchMap[${id}].locations is missing or empty`);
    }
    if (loc !== undefined && !isRange(loc, false)) fail(`branchMap[${id}].loc is not a range`);
  }
  return structuredClone(data) as unknown as FileCoverageData;
}

function unwrap(value: unknown): unknown {
  if (isRecord(value) && !('statementMap' in value) && isRecord(value.data)) return value.data;
  return value;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isHitCount(value: unknown): boolean {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0;
}

/** A `{start, end}` range; with `needLine`, `start.line` must be a positive integer. */
function isRange(value: unknown, needLine: boolean): boolean {
  if (!isRecord(value) || !isRecord(value.start) || !isRecord(value.end)) return false;
  if (!needLine) return true;
  const line = value.start.line;
  return typeof line === 'number' && Number.isInteger(line) && line > 0;
}

function describe(value: unknown): string {
  if (value === undefined) return 'missing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'string') return JSON.stringify(shorten(value));
  if (typeof value === 'object') return 'an object';
  return `${typeof value} ${String(value)}`;
}

function shorten(text: string): string {
  return text.length > 200 ? `${text.slice(0, 100)}...${text.slice(-97)}` : text;
}
