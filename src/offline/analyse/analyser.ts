/**
 * The zero-token generator's analysis: one TypeScript Program over the modules to analyse (created on
 * the first question, then reused), and per module the changed exported functions and public methods
 * with candidate argument lists. Reads only the checkout and the lib directory.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import type ts from 'typescript';
import { GenerationError } from '../../errors/errors.js';
import { buildTargets } from './build-targets.js';
import { ANALYSIS_LIB, createAnalysisProgram, isInside } from './create-program.js';
import type { OfflineAnalyser, OfflineTargets } from './types.js';

export type { OfflineAnalyser, OfflineTarget, OfflineTargets, SkippedTarget, OfflineParam } from './types.js';

export interface OfflineAnalyserOptions {
  /** Absolute. */
  readonly checkoutDir: string;
  /** Repository-relative POSIX paths of the modules to analyse (one Program for all). */
  readonly modulePaths: readonly string[];
  /** Absolute directory holding TypeScript's lib.*.d.ts files (lib.es2023.d.ts and the files it references). */
  readonly libDir: string;
  /** Default 24. */
  readonly maxCandidatesPerTarget?: number;
  /** Most values tried for one argument position; default 16. */
  readonly maxValuesPerSlot?: number;
  /** Constructor argument lists per class (the first is the one used); default 4. */
  readonly maxConstructorArgs?: number;
}

export const DEFAULT_MAX_CANDIDATES_PER_TARGET = 24;
const DEFAULT_MAX_VALUES_PER_SLOT = 16;
const DEFAULT_MAX_CONSTRUCTOR_ARGS = 4;

export function createOfflineAnalyser(options: OfflineAnalyserOptions): OfflineAnalyser {
  const checkoutDir = path.resolve(options.checkoutDir);
  if (!existsSync(path.join(options.libDir, ANALYSIS_LIB))) {
    throw new GenerationError(`TypeScript's ${ANALYSIS_LIB} is missing from ${options.libDir}; the zero-token generator needs it beside the bundle: rebuild or reinstall TestMaster`);
  }
  const absolute = (modulePath: string): string => path.resolve(checkoutDir, ...modulePath.split('/'));
  let state: { readonly program: ts.Program; readonly checker: ts.TypeChecker } | null = null;
  const ready = (): { readonly program: ts.Program; readonly checker: ts.TypeChecker } => {
    if (state === null) {
      const rootFiles = options.modulePaths.map(absolute).filter((file) => isInside(file, checkoutDir));
      const program = createAnalysisProgram({ checkoutDir, rootFiles, libDir: options.libDir });
      state = { program, checker: program.getTypeChecker() };
    }
    return state;
  };
  return {
    targets(modulePath: string, changedLines: readonly number[]): OfflineTargets {
      const file = absolute(modulePath);
      if (!isInside(file, checkoutDir)) return { targets: [], skipped: [{ id: modulePath, reason: 'the module is outside the checkout' }] };
      if (!options.modulePaths.includes(modulePath)) return { targets: [], skipped: [{ id: modulePath, reason: 'the module was not given to the analyser' }] };
      const { program, checker } = ready();
      const sourceFile = program.getSourceFile(file);
      if (sourceFile === undefined || sourceFile.isDeclarationFile) {
        return { targets: [], skipped: [{ id: modulePath, reason: sourceFile ? 'a declaration file has nothing to call' : 'the module could not be read as JavaScript or TypeScript' }] };
      }
      try {
        return buildTargets(sourceFile, changedLines, {
          program,
          checker,
          maxCandidatesPerTarget: Math.max(1, options.maxCandidatesPerTarget ?? DEFAULT_MAX_CANDIDATES_PER_TARGET),
          maxValuesPerSlot: Math.max(2, options.maxValuesPerSlot ?? DEFAULT_MAX_VALUES_PER_SLOT),
          maxConstructorLists: Math.max(1, options.maxConstructorArgs ?? DEFAULT_MAX_CONSTRUCTOR_ARGS),
        });
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        return { targets: [], skipped: [{ id: modulePath, reason: `the analysis failed on this module (${message.split('\n')[0] ?? message})` }] };
      }
    },
  };
}
