/**
 * The Jest config file a package's npm scripts name (pure): a config kept outside the places Jest looks
 * by itself (e.g. `"test": "yarn lint && jest --config test/jest.config.js"`) is used only through the
 * `--config`/`-c` of the command the maintainers run. Without it Jest runs with its defaults: no
 * transform for TypeScript, no setup file, other ignore patterns; so the same flag is passed on every run.
 *
 * The `test` script is read first, then the other scripts whose name starts with `test`, then the rest
 * (in name order). The first Jest command with a config file wins, unless the `test` script runs Jest
 * without one first (immer: `"test": "jest && yarn test:build"`, `"test:build": "jest --config
 * jest.config.build.js"`): then Jest's own config is the one. An inline JSON config (`--config '{...}'`)
 * is not a file and is passed over.
 */

/** A config file named by a script: the script's name and the path as written (package-relative). */
export interface ScriptConfig {
  readonly script: string;
  readonly config: string;
}

/** The first Jest config file the scripts name, or null. */
export function jestConfigFromScripts(scripts: Readonly<Record<string, unknown>>): ScriptConfig | null {
  for (const name of scriptOrder(scripts)) {
    const script = scripts[name];
    if (typeof script !== 'string') continue;
    for (const command of commandsOf(script)) {
      const config = jestConfigOf(command);
      if (config !== null) return { script: name, config };
      // The test script runs Jest with the config Jest finds by itself: other scripts do not count.
      if (name === 'test' && runsJest(command)) return null;
    }
  }
  return null;
}

/** `test` first, then `test*` scripts, then the others, each group in name order. */
function scriptOrder(scripts: Readonly<Record<string, unknown>>): string[] {
  const names = Object.keys(scripts).sort();
  const rank = (name: string): number => (name === 'test' ? 0 : name.startsWith('test') ? 1 : 2);
  return names.sort((a, b) => rank(a) - rank(b));
}

/** The simple commands of a script line, as word lists: split on `&&`, `||`, `;` and `|`, quotes honoured. */
export function commandsOf(script: string): string[][] {
  const commands: string[][] = [];
  let words: string[] = [];
  let word: string | null = null;
  let quote: '"' | "'" | null = null;
  const endWord = (): void => {
    if (word !== null) words.push(word);
    word = null;
  };
  const endCommand = (): void => {
    endWord();
    if (words.length > 0) commands.push(words);
    words = [];
  };
  for (let i = 0; i < script.length; i++) {
    const char = script[i]!;
    if (quote !== null) {
      if (char === quote) quote = null;
      else word = (word ?? '') + char;
    } else if (char === '"' || char === "'") {
      quote = char;
      word ??= '';
    } else if (/\s/.test(char)) {
      endWord();
    } else if (char === ';' || char === '|' || (char === '&' && script[i + 1] === '&')) {
      if (script[i + 1] === char) i++;
      endCommand();
    } else {
      word = (word ?? '') + char;
    }
  }
  endCommand();
  return commands;
}

function isJest(word: string): boolean {
  return /(^|\/)jest(\.js)?$/.test(word);
}

function runsJest(words: readonly string[]): boolean {
  return words.some(isJest);
}

/** The config file a command running Jest names (`--config F`, `--config=F`, `-c F`), or null. */
function jestConfigOf(words: readonly string[]): string | null {
  const jestAt = words.findIndex(isJest);
  if (jestAt === -1) return null;
  const args = words.slice(jestAt + 1);
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    const value = arg === '--config' || arg === '-c' ? args[i + 1] : arg.startsWith('--config=') ? arg.slice('--config='.length) : undefined;
    if (value === undefined || value === '') continue;
    if (value.trimStart().startsWith('{')) return null;
    return value.replace(/^\.\//, '');
  }
  return null;
}
