/**
 * One TypeScript Program over the modules to analyse, read through a compiler host that only reads
 * inside the checkout and the directory holding TypeScript's lib files (the bundled action has no
 * `node_modules/typescript/lib` beside it). A repository tsconfig's `paths`/`baseUrl` are honoured
 * when it parses; a missing or broken tsconfig is ignored. Lib source files are parsed once per
 * process and shared between programs.
 */
import { readdirSync, readFileSync, realpathSync, statSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

export interface ProgramInput {
  readonly checkoutDir: string;
  /** Absolute paths of the modules. */
  readonly rootFiles: readonly string[];
  readonly libDir: string;
}

/** The lib the analysis type-checks against (ES2023, no DOM); the lead ships it and the files it references. */
export const ANALYSIS_LIB = 'lib.es2023.d.ts';
/** `Symbol.dispose` and `Symbol.asyncDispose` (objects a factory returns may be disposable); used when shipped beside ANALYSIS_LIB. */
export const DISPOSABLE_LIB = 'lib.esnext.disposable.d.ts';

const BASE_OPTIONS: ts.CompilerOptions = {
  allowJs: true,
  checkJs: false,
  noEmit: true,
  skipLibCheck: true,
  strict: true,
  target: ts.ScriptTarget.ES2023,
  module: ts.ModuleKind.ESNext,
  moduleResolution: ts.ModuleResolutionKind.Bundler,
  lib: [ANALYSIS_LIB],
  types: [],
  jsx: ts.JsxEmit.Preserve,
  resolveJsonModule: true,
  allowArbitraryExtensions: true,
  libReplacement: false,
  noResolve: false,
};

const libCache = new Map<string, ts.SourceFile>();

export function createAnalysisProgram(input: ProgramInput): ts.Program {
  const checkoutDir = path.resolve(input.checkoutDir);
  const libDir = path.resolve(input.libDir);
  const realRoots = [realPath(checkoutDir), realPath(libDir)];
  const allowed = (file: string): boolean => isInside(file, checkoutDir) || isInside(file, libDir);
  // Reads also check the real path, so a symlink in the checkout cannot lead outside it.
  const readable = (file: string): boolean => allowed(file) && realRoots.some((root) => isInside(realPath(file), root));
  const lib = isFile(path.join(libDir, DISPOSABLE_LIB)) ? [ANALYSIS_LIB, DISPOSABLE_LIB] : [ANALYSIS_LIB];
  const options: ts.CompilerOptions = { ...BASE_OPTIONS, lib, ...pathOptionsOf(checkoutDir, input.rootFiles[0] ?? checkoutDir, readable) };
  const host = ts.createCompilerHost(options, true);
  const getSourceFile = host.getSourceFile.bind(host);
  Object.assign(host, {
    getCurrentDirectory: () => checkoutDir,
    getDefaultLibLocation: () => libDir,
    getDefaultLibFileName: () => path.join(libDir, ANALYSIS_LIB),
    fileExists: (file: string) => allowed(file) && isFile(file),
    directoryExists: (dir: string) => allowed(dir) && isDirectory(dir),
    readFile: (file: string) => (readable(file) ? readText(file) : undefined),
    getDirectories: (dir: string) => (allowed(dir) ? subdirectories(dir) : []),
    realpath: (file: string) => file,
    getSourceFile: (fileName: string, languageVersion: ts.ScriptTarget | ts.CreateSourceFileOptions, onError?: (message: string) => void) => {
      if (!readable(fileName)) return undefined;
      if (!isInside(fileName, libDir) || isInside(fileName, checkoutDir)) return getSourceFile(fileName, languageVersion, onError);
      const key = `${path.resolve(fileName)}\n${JSON.stringify(languageVersion)}`;
      const cached = libCache.get(key);
      if (cached) return cached;
      const parsed = getSourceFile(fileName, languageVersion, onError);
      if (parsed) libCache.set(key, parsed);
      return parsed;
    },
  } satisfies Partial<ts.CompilerHost>);
  return ts.createProgram({ rootNames: [...input.rootFiles], options, host });
}

/** `paths`/`baseUrl` (and decorators) from the nearest tsconfig.json at or above the first module, inside the checkout; {} when absent or broken. */
function pathOptionsOf(checkoutDir: string, firstFile: string, allowed: (file: string) => boolean): ts.CompilerOptions {
  try {
    const configPath = nearestTsconfig(checkoutDir, path.dirname(firstFile));
    if (configPath === null) return {};
    const read = (file: string): string | undefined => (allowed(file) ? readText(file) : undefined);
    const json = ts.readConfigFile(configPath, read);
    if (json.error || typeof json.config !== 'object' || json.config === null) return {};
    const parseHost: ts.ParseConfigHost = {
      useCaseSensitiveFileNames: ts.sys.useCaseSensitiveFileNames,
      readDirectory: () => [],
      fileExists: (file) => allowed(file) && isFile(file),
      readFile: read,
    };
    const parsed = ts.parseJsonConfigFileContent(json.config, parseHost, path.dirname(configPath), undefined, configPath);
    const found = parsed.options as ts.CompilerOptions & { pathsBasePath?: string };
    const picked: ts.CompilerOptions = {};
    if (found.paths !== undefined && isInside(found.pathsBasePath ?? found.baseUrl ?? checkoutDir, checkoutDir)) {
      picked.paths = found.paths;
      if (found.pathsBasePath !== undefined) picked['pathsBasePath'] = found.pathsBasePath;
    }
    if (found.baseUrl !== undefined && isInside(found.baseUrl, checkoutDir)) {
      picked.baseUrl = found.baseUrl;
      picked.ignoreDeprecations = '6.0';
    }
    if (found.experimentalDecorators !== undefined) picked.experimentalDecorators = found.experimentalDecorators;
    return picked;
  } catch {
    return {};
  }
}

function nearestTsconfig(checkoutDir: string, startDir: string): string | null {
  if (!isInside(startDir, checkoutDir)) return null;
  for (let dir = startDir; ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, 'tsconfig.json');
    if (isFile(candidate)) return candidate;
    if (dir === checkoutDir || path.dirname(dir) === dir) return null;
  }
}

export function isInside(file: string, dir: string): boolean {
  const relative = path.relative(dir, path.resolve(file));
  return relative === '' || (relative !== '..' && !relative.startsWith(`..${path.sep}`) && !path.isAbsolute(relative));
}

/** The real path, or the path itself when it does not exist (yet). */
function realPath(file: string): string {
  try {
    return realpathSync(file);
  } catch {
    return path.resolve(file);
  }
}

function readText(file: string): string | undefined {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}

function isFile(file: string): boolean {
  try {
    return statSync(file).isFile();
  } catch {
    return false;
  }
}

function isDirectory(dir: string): boolean {
  try {
    return statSync(dir).isDirectory();
  } catch {
    return false;
  }
}

function subdirectories(dir: string): string[] {
  try {
    return readdirSync(dir, { withFileTypes: true })
      .filter((entry) => entry.isDirectory())
      .map((entry) => entry.name);
  } catch {
    return [];
  }
}
