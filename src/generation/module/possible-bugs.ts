/**
 * Which failing generated cases may have found a bug (pure). A case counts when its failure is an
 * assertion mismatch (not a crash, import or type error) AND its expectation agrees with the code's
 * documented intent: either the model said so in its notes (it is asked to keep such assertions and
 * say so), or the case's name shares at least two significant words (besides the declaration's own
 * name) with a doc comment of the module.
 * Such cases are reported, never proposed as passing tests.
 */
import ts from 'typescript';
import type { PossibleBug } from '../../report/types.js';
import { cleanErrorText } from '../prompt/clean-error-text.js';
import { parseModule } from '../prompt/source-syntax.js';

export interface FailedCase {
  readonly name: string;
  readonly message: string;
}

const ASSERTION = /AssertionError|expected .* to (?:be|equal|deep|strictly|match|throw|have|contain)|Expected:|Received:|toBe|toEqual|toStrictEqual|toThrow/i;
const CRASH = /\b(?:TypeError|ReferenceError|SyntaxError|RangeError)\b|Cannot find module|Failed to (?:load|resolve)|is not a function|is not defined|is not a constructor/;
const STOP_WORDS = new Set(['should', 'when', 'with', 'that', 'this', 'returns', 'return', 'given', 'from', 'into', 'have', 'does', 'the', 'and', 'for', 'are', 'not', 'case', 'test', 'value', 'values', 'true', 'false']);
const MAX_FAILURE_CHARS = 600;

export function findPossibleBugs(file: string, moduleSource: string, failures: readonly FailedCase[], notes: string | null): PossibleBug[] {
  const docs = docComments(moduleSource, file);
  const noteText = (notes ?? '').toLowerCase();
  const bugs: PossibleBug[] = [];
  for (const failure of failures) {
    if (!ASSERTION.test(failure.message) || CRASH.test(failure.message)) continue;
    const evidence = noteEvidence(failure.name, noteText, notes) ?? docEvidence(failure.name, docs);
    if (evidence === null) continue;
    bugs.push({ file, testName: failure.name, failure: cleanErrorText(failure.message, { maxChars: MAX_FAILURE_CHARS }), evidence });
  }
  return bugs;
}

function noteEvidence(name: string, lowerNotes: string, notes: string | null): string | null {
  if (lowerNotes === '' || !/\bbug\b|intent|document|disagree|contradict|wrong/.test(lowerNotes)) return null;
  const title = (name.split(' > ').pop() ?? name).toLowerCase();
  if (!lowerNotes.includes(title) && !significantWords(title).some((word) => lowerNotes.includes(word))) return null;
  return `the model noted: ${(notes ?? '').replace(/\s+/g, ' ').trim().slice(0, 300)}`;
}

function docEvidence(name: string, docs: readonly { name: string; text: string }[]): string | null {
  const words = new Set(significantWords(name));
  for (const doc of docs) {
    // The function's own name is in most of its tests' names: only the doc's other words count.
    const nameWords = new Set(significantWords(doc.name));
    const shared = significantWords(doc.text).filter((word) => words.has(word) && !nameWords.has(word));
    if (new Set(shared).size >= 2) return `the doc comment of ${doc.name} says: "${doc.text.slice(0, 240)}"`;
  }
  return null;
}

function significantWords(text: string): string[] {
  const split = text.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase().split(/[^a-z0-9]+/);
  return split.filter((word) => word.length >= 4 && !STOP_WORDS.has(word));
}

/** `/** ... *\/` comments attached to declarations, with the declared name. */
function docComments(source: string, fileName: string): { name: string; text: string }[] {
  const file = parseModule(source, fileName);
  const found: { name: string; text: string }[] = [];
  const visit = (node: ts.Node): void => {
    const jsDoc = (node as { jsDoc?: readonly ts.JSDoc[] }).jsDoc;
    if (jsDoc && jsDoc.length > 0) {
      const name = (node as { name?: ts.Node }).name;
      const text = jsDoc.map((doc) => source.slice(doc.pos, doc.end)).join(' ').replace(/^\s*\/\*\*|\*\/\s*$|^\s*\*\s?/gm, ' ').replace(/\s+/g, ' ').trim();
      found.push({ name: name && ts.isIdentifier(name) ? name.text : 'the declaration', text });
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  return found;
}
