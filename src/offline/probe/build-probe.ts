/**
 * The probe file for one module (pure): a test file in the repository's framework that imports the
 * module the way its tests do, calls every candidate of every target once, and records the outcomes
 * with the probe runtime. It is a throw-away file, run in the validation checkout and removed; its
 * candidates are what emission later writes as readable tests.
 */
import type { OfflineTarget } from '../analyse/types.js';
import { PROBE_RUNTIME } from './probe-runtime.js';

export interface ProbeFileInput {
  readonly targets: readonly OfflineTarget[];
  readonly syntax: 'esm' | 'cjs';
  /** The line importing the test API (`it`), or null when it is global. */
  readonly testApiImport: string | null;
  /** How the probe file refers to the module under test, e.g. '../src/money.js'. */
  readonly moduleSpecifier: string;
  /** Absolute path of the JSON-lines file the probe appends to. */
  readonly outPath: string;
  /** How long the probe waits for a returned promise to settle. */
  readonly waitMs: number;
  /** `target#index` keys of candidates to leave out (e.g. one that never returned). */
  readonly exclude: ReadonlySet<string>;
  /** Absolute paths fingerprinted around each call, to name the call that changes them; default none. */
  readonly watch?: readonly string[];
}

export const PROBE_TEST_NAME = 'testmaster probe';

export function candidateKey(target: string, index: number): string {
  return `${target}#${index}`;
}

export function buildProbeFile(input: ProbeFileInput): string {
  const calls: string[] = [];
  for (const target of input.targets) {
    target.candidates.forEach((args, index) => {
      if (input.exclude.has(candidateKey(target.id, index))) return;
      calls.push(`  { target: ${JSON.stringify(target.id)}, index: ${index}, run: () => ${callExpression(target, args, '__tmModule', '__tmExport')} },`);
    });
  }
  const imports =
    input.syntax === 'esm'
      ? [`import * as __tmModule from ${JSON.stringify(input.moduleSpecifier)};`, `import { appendFileSync as __tmAppend, statSync as __tmStat } from 'fs';`]
      : [`const __tmModule = require(${JSON.stringify(input.moduleSpecifier)});`, `const { appendFileSync: __tmAppend, statSync: __tmStat } = require('fs');`];
  return [
    '// @ts-nocheck',
    '// Written by TestMaster to learn what the changed functions return; removed after the run.',
    ...(input.testApiImport === null ? [] : [input.testApiImport]),
    ...imports,
    PROBE_RUNTIME,
    'function __tmExport(ns, name) {',
    "  if (name === 'default') return ns && ns.default !== undefined ? ns.default : ns;",
    '  if (ns && ns[name] !== undefined) return ns[name];',
    '  return ns && ns.default ? ns.default[name] : undefined;',
    '}',
    'const __tmCalls = [',
    ...calls,
    '];',
    `it(${JSON.stringify(PROBE_TEST_NAME)}, async () => {`,
    `  await __tmProbe(__tmCalls, ${JSON.stringify(input.outPath)}, ${input.waitMs}, __tmAppend, ${JSON.stringify(input.watch ?? [])}, __tmStat);`,
    '}, 3_600_000);',
    '',
  ].join('\n');
}

/**
 * The call of one candidate, given how to reach an export: `access(moduleVar, 'name')`. Methods are
 * called on a fresh instance built with the first constructor argument list; a returned object's
 * methods on a fresh object from the factory.
 */
export function callExpression(target: OfflineTarget, args: readonly string[], moduleVar: string, access: string): string {
  const exported = `${access}(${moduleVar}, ${JSON.stringify(target.exportName)})`;
  const argList = args.join(', ');
  if (target.kind === 'function') return `${exported}(${argList})`;
  if (target.kind === 'constructor') return `new (${exported})(${argList})`;
  if (target.kind === 'returned-method') return `${exported}(${(target.constructorArgs[0] ?? []).join(', ')})${target.member ?? ''}(${argList})`;
  const method = methodName(target);
  if (target.kind === 'static-method') return `${exported}[${JSON.stringify(method)}](${argList})`;
  const constructorArgs = (target.constructorArgs[0] ?? []).join(', ');
  return `new (${exported})(${constructorArgs})[${JSON.stringify(method)}](${argList})`;
}

/** 'Cart#add' -> 'add', 'Cart.create' -> 'create'. */
export function methodName(target: OfflineTarget): string {
  const prefix = target.className ?? target.exportName;
  return target.id.startsWith(prefix) ? target.id.slice(prefix.length + 1) : target.id;
}
