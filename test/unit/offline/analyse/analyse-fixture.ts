/**
 * Helpers for the analysis tests: real module files in a temporary checkout, a real analyser over
 * them, and a type check of the produced calls against the real functions (a TypeScript file that
 * calls every candidate, compiled with the same confined host the analyser uses).
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import ts from 'typescript';
import { createOfflineAnalyser, type OfflineAnalyserOptions } from '../../../../src/offline/analyse/analyser.js';
import { createAnalysisProgram } from '../../../../src/offline/analyse/create-program.js';
import type { OfflineAnalyser, OfflineTarget, OfflineTargets } from '../../../../src/offline/analyse/types.js';
import { PROJECT_ROOT } from '../../../helpers/project-root.js';

export const LIB_DIR = path.join(PROJECT_ROOT, 'node_modules', 'typescript', 'lib');

const made: string[] = [];

/** Writes the files (repository-relative POSIX paths) into a new temporary checkout and returns its path. */
export function writeCheckout(files: Readonly<Record<string, string>>): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'tm-analyse-'));
  made.push(dir);
  for (const [name, text] of Object.entries(files)) {
    const file = path.join(dir, ...name.split('/'));
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, text);
  }
  return dir;
}

export function removeCheckouts(): void {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
}

export function analyserFor(checkoutDir: string, modulePaths: readonly string[], extra: Partial<OfflineAnalyserOptions> = {}): OfflineAnalyser {
  return createOfflineAnalyser({ checkoutDir, modulePaths, libDir: LIB_DIR, ...extra });
}

/** Every line of a file of that many lines: "the whole module changed". */
export function allLines(count = 400): number[] {
  return Array.from({ length: count }, (_, index) => index + 1);
}

/** One module, every line changed. */
export function analyseWhole(files: Readonly<Record<string, string>>, modulePath: string, extra: Partial<OfflineAnalyserOptions> = {}): OfflineTargets {
  const dir = writeCheckout(files);
  return analyserFor(dir, [modulePath], extra).targets(modulePath, allLines());
}

export function byId(result: OfflineTargets, id: string): OfflineTarget {
  const target = result.targets.find((entry) => entry.id === id);
  if (!target) throw new Error(`no target ${id}; have ${result.targets.map((entry) => entry.id).join(', ')}; skipped ${JSON.stringify(result.skipped)}`);
  return target;
}

/** The argument at `position` of every candidate that has one. */
export function argumentsAt(target: OfflineTarget, position: number): string[] {
  return target.candidates.map((args) => args[position]).filter((arg): arg is string => arg !== undefined);
}

/** The call a test would write for one candidate, with the export bound to `local`. */
export function callSource(target: OfflineTarget, args: readonly string[], local: string): string {
  const method = target.id.slice((target.className ?? target.exportName).length + 1);
  if (target.kind === 'function') return `${local}(${args.join(', ')})`;
  if (target.kind === 'constructor') return `new ${local}(${args.join(', ')})`;
  if (target.kind === 'returned-method') return `${local}(${(target.constructorArgs[0] ?? []).join(', ')})${target.member ?? ''}(${args.join(', ')})`;
  if (target.kind === 'static-method') return `${local}.${method}(${args.join(', ')})`;
  return `new ${local}(${(target.constructorArgs[0] ?? []).join(', ')}).${method}(${args.join(', ')})`;
}

/**
 * Type-checks a TypeScript file (next to the module) that imports the targets and makes every
 * candidate call plus `extraLines`; returns the diagnostics of that file as text.
 */
export function typeCheckCalls(checkoutDir: string, modulePath: string, targets: readonly OfflineTarget[], extraLines: readonly string[] = []): string[] {
  const moduleFile = path.posix.basename(modulePath).replace(/\.[cm]?tsx?$/, '.js');
  const named = [...new Set(targets.map((target) => target.exportName).filter((name) => name !== 'default'))].sort();
  const hasDefault = targets.some((target) => target.exportName === 'default');
  const imports = [...(hasDefault ? ['subject'] : []), ...(named.length > 0 ? [`{ ${named.join(', ')} }`] : [])].join(', ');
  const lines = [`import ${imports} from './${moduleFile}';`, 'export function calls(): void {'];
  for (const target of targets) {
    const local = target.exportName === 'default' ? 'subject' : target.exportName;
    for (const args of target.candidates) lines.push(`  ${callSource(target, args, local)};`);
    if (target.kind === 'method') for (const args of target.constructorArgs) lines.push(`  new ${local}(${args.join(', ')});`);
  }
  lines.push(...extraLines.map((line) => `  ${line}`), '}', '');
  const checkFile = path.join(checkoutDir, ...path.posix.dirname(modulePath).split('/'), '__typecheck__.ts');
  writeFileSync(checkFile, lines.join('\n'));
  const program = createAnalysisProgram({ checkoutDir, rootFiles: [checkFile], libDir: LIB_DIR });
  const sourceFile = program.getSourceFile(checkFile);
  return ts.getPreEmitDiagnostics(program, sourceFile).map((diagnostic) => {
    const line = diagnostic.file && diagnostic.start !== undefined ? diagnostic.file.getLineAndCharacterOfPosition(diagnostic.start).line : -1;
    return `${lines[line]?.trim() ?? '?'}: ${ts.flattenDiagnosticMessageText(diagnostic.messageText, ' ')}`;
  });
}
