/**
 * One readable test file for a module from its chosen calls (pure): the repository's framework and
 * import style, a `describe` per function or method, an `it` per case whose name says what is checked,
 * `toBe` / `toEqual` with literal values, `toThrow` with the message for errors, `resolves` / `rejects`
 * for promises, no snapshots. A value that cannot be written as a literal is asserted by type or shape.
 */
import path from 'node:path';
import type { Framework } from '../../report/types.js';
import type { OfflineTarget } from '../analyse/types.js';
import { methodName } from '../probe/build-probe.js';
import type { CallOutcome, ThrownDescription, ValueDescription } from '../probe/outcome.js';
import type { ChosenCase } from './choose-cases.js';
import { quote, renderEntries, renderLiteral } from './render-literal.js';

export interface EmitConventions {
  readonly framework: Framework;
  readonly syntax: 'esm' | 'cjs';
  /** The test API is global (no import line). */
  readonly usesGlobals: boolean;
  /** How the test file refers to the module, e.g. '../src/money.js'. */
  readonly moduleSpecifier: string;
  /** Repository-relative path of the module (its name gives a default import its local name). */
  readonly modulePath: string;
}

export interface EmittedFile {
  readonly content: string;
  /** Each case's `describe` and `it` titles, in file order. */
  readonly cases: readonly { readonly describe: string; readonly title: string; readonly chosen: ChosenCase }[];
}

const MAX_ARGS_IN_TITLE = 60;
const MAX_VALUE_IN_TITLE = 40;

export function emitTestFile(chosen: readonly ChosenCase[], conventions: EmitConventions): EmittedFile {
  const defaultName = localDefaultName(conventions.modulePath);
  const local = (target: OfflineTarget): string => (target.exportName === 'default' ? defaultName : target.exportName);
  const groups = new Map<string, { target: OfflineTarget; cases: ChosenCase[] }>();
  for (const entry of chosen) {
    const group = groups.get(entry.target.id) ?? { target: entry.target, cases: [] };
    group.cases.push(entry);
    groups.set(entry.target.id, group);
  }
  const emitted: { describe: string; title: string; chosen: ChosenCase }[] = [];
  const blocks: string[] = [];
  const instanceOfNames = new Set(chosen.filter((entry) => entry.target.className !== null).map((entry) => local(entry.target)));
  const importedNames = new Set(chosen.map((entry) => local(entry.target)));
  for (const { target, cases } of groups.values()) {
    const titles = new Set<string>();
    const body: string[] = [];
    for (const entry of cases) {
      const args = entry.target.candidates[entry.index] ?? [];
      const title = uniqueTitle(caseTitle(entry.outcome, args), titles);
      const { setup, call } = callSource(target, args, local(target), importedNames);
      const lines = [...setup, ...assertionLines(entry.outcome, call, instanceOfNames)];
      const isAsync = entry.outcome.kind === 'resolved' || entry.outcome.kind === 'rejected';
      body.push(`  it(${quoteTitle(title)}, ${isAsync ? 'async ' : ''}() => {`, ...lines.map((line) => `    ${line}`), '  });');
      emitted.push({ describe: target.displayName, title, chosen: entry });
    }
    blocks.push([`describe(${quoteTitle(target.displayName)}, () => {`, ...interleave(body), '});'].join('\n'));
  }
  const header = importLines(conventions, [...new Set([...groups.values()].map(({ target }) => target.exportName))], defaultName);
  return { content: `${header.join('\n')}\n\n${blocks.join('\n\n')}\n`, cases: emitted };
}

function importLines(conventions: EmitConventions, exportNames: readonly string[], defaultName: string): string[] {
  const lines: string[] = [];
  const api = 'describe, expect, it';
  if (!conventions.usesGlobals) {
    const from = conventions.framework === 'vitest' ? 'vitest' : '@jest/globals';
    lines.push(conventions.syntax === 'esm' ? `import { ${api} } from '${from}';` : `const { ${api} } = require('${from}');`);
  }
  const named = exportNames.filter((name) => name !== 'default').sort();
  const hasDefault = exportNames.includes('default');
  const spec = quote(conventions.moduleSpecifier);
  if (conventions.syntax === 'esm') {
    const parts = [...(hasDefault ? [defaultName] : []), ...(named.length > 0 ? [`{ ${named.join(', ')} }`] : [])];
    lines.push(`import ${parts.join(', ')} from ${spec};`);
  } else {
    const isTypeScript = /\.[cm]?tsx?$/.test(conventions.modulePath);
    if (hasDefault) lines.push(`const ${defaultName} = require(${spec})${isTypeScript ? '.default' : ''};`);
    if (named.length > 0) lines.push(`const { ${named.join(', ')} } = require(${spec});`);
  }
  return lines;
}

/** The call of one case, and the lines before it that build its receiver (a returned object is made first, then used). */
function callSource(target: OfflineTarget, args: readonly string[], localName: string, taken: ReadonlySet<string>): { setup: string[]; call: string } {
  const argList = args.join(', ');
  if (target.kind === 'function') return { setup: [], call: `${localName}(${argList})` };
  if (target.kind === 'constructor') return { setup: [], call: `new ${localName}(${argList})` };
  if (target.kind === 'returned-method') {
    const receiver = receiverName(localName, taken);
    return { setup: [`const ${receiver} = ${localName}(${(target.constructorArgs[0] ?? []).join(', ')});`], call: `${receiver}${target.member ?? ''}(${argList})` };
  }
  const method = methodName(target);
  const member = /^[A-Za-z_$][\w$]*$/.test(method) ? `.${method}` : `[${quote(method)}]`;
  if (target.kind === 'static-method') return { setup: [], call: `${localName}${member}(${argList})` };
  return { setup: [], call: `new ${localName}(${(target.constructorArgs[0] ?? []).join(', ')})${member}(${argList})` };
}

/** A name for what a factory returns: createStore -> store, meterBook -> meterBookResult (never an imported name or `result`). */
function receiverName(factory: string, taken: ReadonlySet<string>): string {
  const match = /^(?:create|make|build|new|open|get)([A-Z][\w$]*)$/.exec(factory);
  const name = match ? `${match[1]!.charAt(0).toLowerCase()}${match[1]!.slice(1)}` : `${factory}Result`;
  return taken.has(name) || name === 'result' ? `${factory}Result` : name;
}

function assertionLines(outcome: CallOutcome, call: string, exportedClasses: ReadonlySet<string>): string[] {
  switch (outcome.kind) {
    case 'returned':
      return valueAssertions(outcome.value, call, exportedClasses, false);
    case 'resolved':
      return valueAssertions(outcome.value, call, exportedClasses, true);
    case 'threw':
      return [`expect(() => ${call}).toThrow(${thrownMatcher(outcome.error)});`];
    case 'rejected':
      return [`await expect(${call}).rejects.toThrow(${thrownMatcher(outcome.error)});`];
    case 'pending':
    case 'never-returned':
      return [];
  }
}

function thrownMatcher(error: ThrownDescription): string {
  return error.message === null || error.message === '' ? '' : quote(error.message);
}

function valueAssertions(value: ValueDescription, call: string, exportedClasses: ReadonlySet<string>, awaited: boolean): string[] {
  const subject = awaited ? `await expect(${call}).resolves` : `expect(${call})`;
  switch (value.k) {
    case 'undefined':
      return [`${subject}.toBeUndefined();`];
    case 'null':
      return [`${subject}.toBeNull();`];
    case 'number':
      if (value.v === 'NaN') return [`${subject}.toBeNaN();`];
      return [`${subject}.toBe(${renderLiteral(value)});`];
    case 'boolean':
    case 'bigint':
    case 'string':
      return [`${subject}.toBe(${renderLiteral(value)});`];
    default: {
      const literal = renderLiteral(value);
      if (literal !== null) return [`${subject}.toEqual(${literal});`];
      // Not writable as a literal: keep the result and check its type or shape.
      const result = [`const result = ${awaited ? 'await ' : ''}${call};`];
      return [...result, ...shapeAssertions(value, exportedClasses)];
    }
  }
}

function shapeAssertions(value: ValueDescription, exportedClasses: ReadonlySet<string>): string[] {
  switch (value.k) {
    case 'instance': {
      const lines =
        value.ctor !== null && exportedClasses.has(value.ctor)
          ? [`expect(result).toBeInstanceOf(${value.ctor});`]
          : value.ctor !== null
            ? [`expect(Object.getPrototypeOf(result)?.constructor?.name).toBe(${quote(value.ctor)});`]
            : [`expect(typeof result).toBe('object');`];
      const entries = value.entries.length > 0 ? renderEntries(value.entries) : null;
      return entries === null ? lines : [...lines, `expect(result).toMatchObject(${entries});`];
    }
    case 'error':
      return [`expect(result).toBeInstanceOf(Error);`, `expect(result).toMatchObject({ message: ${quote(value.message)} });`];
    case 'opaque':
      if (value.type === 'array') return [`expect(Array.isArray(result)).toBe(true);`, ...(value.length === undefined ? [] : [`expect(result).toHaveLength(${value.length});`])];
      if (value.type === 'string') return [`expect(typeof result).toBe('string');`, ...(value.length === undefined ? [] : [`expect(result).toHaveLength(${value.length});`])];
      if (value.type === 'date') return [`expect(result).toBeInstanceOf(Date);`];
      return [`expect(typeof result).toBe(${quote(value.type)});`];
    default:
      // Arrays, objects, maps and sets holding something unwritable: check what can be checked.
      if (value.k === 'array') return [`expect(Array.isArray(result)).toBe(true);`, `expect(result).toHaveLength(${value.items.length});`];
      if (value.k === 'map' || value.k === 'set') return [`expect(result).toBeInstanceOf(${value.k === 'map' ? 'Map' : 'Set'});`];
      return [`expect(typeof result).toBe('object');`];
  }
}

/** e.g. `returns 0 for ('domestic', 1000, 5000)`, `throws RangeError for ('eu', 0, 0)`. */
function caseTitle(outcome: CallOutcome, args: readonly string[]): string {
  const given = args.length === 0 ? 'with no arguments' : `for (${shorten(args.join(', '), MAX_ARGS_IN_TITLE)})`;
  switch (outcome.kind) {
    case 'returned':
      return `returns ${describeShort(outcome.value)} ${given}`;
    case 'resolved':
      return `resolves to ${describeShort(outcome.value)} ${given}`;
    case 'threw':
      return `throws ${outcome.error.name ?? 'a value'} ${given}`;
    case 'rejected':
      return `rejects with ${outcome.error.name ?? 'a value'} ${given}`;
    default:
      return `runs ${given}`;
  }
}

function describeShort(value: ValueDescription): string {
  const literal = renderLiteral(value);
  if (literal !== null && literal.length <= MAX_VALUE_IN_TITLE) return literal;
  switch (value.k) {
    case 'array':
      return `an array of ${value.items.length}`;
    case 'string':
      return `a string of ${value.v.length} characters`;
    case 'instance':
      return value.ctor === null ? 'an object' : `a ${value.ctor}`;
    case 'opaque':
      return value.type === 'array' ? 'an array' : value.type === 'object' ? 'an object' : `a ${value.type}`;
    default:
      return value.k === 'object' ? 'an object' : `a ${value.k}`;
  }
}

/** A title as a string literal, in double quotes when single ones would need escaping. */
function quoteTitle(title: string): string {
  const single = quote(title);
  if (!title.includes("'") || title.includes('"')) return single;
  return JSON.stringify(title);
}

function shorten(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

function uniqueTitle(title: string, seen: Set<string>): string {
  let candidate = title;
  for (let n = 2; seen.has(candidate); n++) candidate = `${title} (${n})`;
  seen.add(candidate);
  return candidate;
}

/** Blank lines between the cases of a describe block. */
function interleave(lines: readonly string[]): string[] {
  const out: string[] = [];
  for (const line of lines) {
    if (line.startsWith('  it(') && out.length > 0) out.push('');
    out.push(line);
  }
  return out;
}

/** The local name a default export gets: the module's file name in camelCase ('price-list.ts' -> priceList). */
function localDefaultName(modulePath: string): string {
  const base = path.posix.basename(modulePath).replace(/\..*$/, '');
  const camel = base.replace(/[^A-Za-z0-9_$]+(.)?/g, (_, next: string | undefined) => (next ? next.toUpperCase() : ''));
  const safe = /^[A-Za-z_$]/.test(camel) ? camel : `_${camel}`;
  return safe === '' || safe === '_' ? 'subject' : safe;
}
