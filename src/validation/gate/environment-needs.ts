/**
 * Pure: whether a test case pins the environment it ran in, that is, whether what it asserts is a
 * global or runtime feature missing there (`ReferenceError: Iterator is not defined` in a Node without
 * `Iterator`, `FEATURE_FLAGS is not defined` where a bundler would define it, `Object.groupBy is not a
 * function` in an older Node). Such a case passes only because the test environment lacks what the
 * code needs, so it fails wherever the environment is right: it is never proposed, it is reported.
 *
 * Read from the case's own text (and its table row for a generated case): the string, template and
 * regular-expression literals in it, and a `ReferenceError` it names (`toThrow(ReferenceError)`),
 * never its comments; and from a recorded failure message (a case that failed for the same reason).
 */
import ts from 'typescript';
import { parseTestSource } from '../test-case-parse.js';

export interface EnvironmentNeed {
  /** What the code needs: an identifier or a dotted member (`Iterator`, `Object.groupBy`); null when only a ReferenceError is asserted. */
  readonly name: string | null;
}

/** Globals whose members, when "not a function" or "not a constructor", mean an older runtime. */
const BUILT_IN_GLOBALS = new Set([
  'Array', 'ArrayBuffer', 'Atomics', 'BigInt', 'Buffer', 'DataView', 'Date', 'Error', 'Function', 'Intl', 'Iterator', 'JSON', 'Map', 'Math',
  'Number', 'Object', 'Promise', 'Proxy', 'Reflect', 'RegExp', 'Set', 'SharedArrayBuffer', 'String', 'Symbol', 'Temporal', 'URL',
  'WeakMap', 'WeakRef', 'WeakSet', 'AbortSignal', 'crypto', 'globalThis', 'navigator', 'process', 'structuredClone', 'AsyncIterator',
  'DisposableStack', 'AsyncDisposableStack', 'Float16Array', 'Uint8Array',
]);

/** Methods that built-ins gained in recent runtimes (ES2019 on): `x.toSorted is not a function` names one. */
const RECENT_BUILT_IN_METHODS = new Set([
  'at', 'difference', 'drop', 'findLast', 'findLastIndex', 'flat', 'flatMap', 'fromAsync', 'fromBase64', 'fromHex', 'groupBy',
  'hasOwn', 'intersection', 'isDisjointFrom', 'isSubsetOf', 'isSupersetOf', 'isWellFormed', 'replaceAll', 'symmetricDifference',
  'take', 'toBase64', 'toHex', 'toReversed', 'toSorted', 'toSpliced', 'toWellFormed', 'try', 'union', 'with', 'withResolvers',
  'allSettled', 'transferToFixedLength', 'getOrInsert', 'getOrInsertComputed', 'sumPrecise',
]);

const NOT_DEFINED = /\b([A-Za-z_$][\w$]*) is not defined\b/;
const NOT_CALLABLE = /((?:[A-Za-z_$][\w$]*|\(intermediate value\))(?:\.[A-Za-z_$][\w$]*)*) is not a (?:function|constructor)\b/;

/**
 * The need a message or literal text names; null when it names none. `moduleSource`: the module under
 * test; when it writes such a message itself (`throw new Error(\`${key} is not defined\`)`), the text
 * is the module's own error, not the runtime's.
 */
export function environmentNeedInText(text: string, moduleSource = ''): EnvironmentNeed | null {
  const undefinedName = NOT_DEFINED.exec(text);
  if (undefinedName !== null) return moduleSource.includes(' is not defined') ? null : { name: undefinedName[1]! };
  const notCallable = NOT_CALLABLE.exec(text);
  if (notCallable === null || /is not a (?:function|constructor)/.test(moduleSource)) return null;
  const parts = notCallable[1]!.split('.');
  const root = parts[0]!;
  const last = parts.at(-1)!;
  if (parts.length === 1) return BUILT_IN_GLOBALS.has(root) ? { name: root } : null;
  if (BUILT_IN_GLOBALS.has(root)) return { name: parts.join('.') };
  return RECENT_BUILT_IN_METHODS.has(last) ? { name: `.${last}()` } : null;
}

/** The need the code in the ranges [start, end) of the test file asserts; null when it asserts none. */
export function environmentNeedInCode(
  source: string,
  fileName: string,
  ranges: readonly { start: number; end: number }[],
  moduleSource = '',
): EnvironmentNeed | null {
  const sourceFile = parseTestSource(source, fileName);
  let found: EnvironmentNeed | null = null;
  const visit = (node: ts.Node): void => {
    if (found !== null) return;
    const start = node.getStart(sourceFile);
    if (!ranges.some((range) => node.end > range.start && start < range.end)) return;
    const inside = ranges.some((range) => start >= range.start && node.end <= range.end);
    if (inside) {
      if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node) || ts.isTemplateHead(node) || ts.isTemplateMiddle(node) || ts.isTemplateTail(node)) {
        found = environmentNeedInText(node.text, moduleSource);
      } else if (ts.isRegularExpressionLiteral(node)) {
        found = environmentNeedInText(node.text.replace(/\\(.)/g, '$1'), moduleSource);
      } else if (ts.isIdentifier(node) && node.text === 'ReferenceError' && !moduleSource.includes('ReferenceError')) {
        found = { name: null };
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(sourceFile);
  return found;
}

/** The one-line report of a case pinning the environment. */
export function describeEnvironmentNeed(need: EnvironmentNeed): string {
  if (need.name === null) return 'it asserts a ReferenceError: the code needs a global the test environment lacks; not proposed (such a test fails wherever the global exists)';
  return `the code needs \`${need.name}\`, which the test environment lacks; not proposed (such a test fails wherever it exists)`;
}
