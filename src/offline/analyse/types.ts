/**
 * What the zero-token generator's analysis hands to probing and emission: the changed exported
 * functions and public methods of a module, each with candidate argument lists written as JavaScript
 * source, and the changed things it cannot call with the reason why.
 */

export interface OfflineParam {
  /** The parameter's name; a destructuring pattern's source text (e.g. `{ a, b }`). */
  readonly name: string;
  /** Declared optional (`x?`), has a default (`x = 1`), or JSDoc `[x]`. */
  readonly optional: boolean;
  readonly rest: boolean;
  /** The declared type as written, else the inferred type; null when untyped (plain JavaScript). */
  readonly typeText: string | null;
}

export interface OfflineTarget {
  /** Unique in the module: 'shippingCost', 'Cart#add', 'Cart.create', 'default', 'default#add'. */
  readonly id: string;
  /**
   * The name to import: a named export, or 'default'. 'default' is also used for a CommonJS module
   * whose `module.exports` IS the function or class: a test imports it with a default import (ESM)
   * or takes `require(...)` itself (CommonJS, no `.default`).
   */
  readonly exportName: string;
  /**
   * 'constructor': `new Class(...candidate)`; 'returned-method': a method of the object an exported
   * function returns, `factory(...constructorArgs[0])<member>(...candidate)`.
   */
  readonly kind: 'function' | 'method' | 'static-method' | 'constructor' | 'returned-method';
  /** For methods and constructors: the exported class's import name (same as exportName); null for functions and returned methods. */
  readonly className: string | null;
  /** For describe/it names: 'shippingCost', 'Cart#add', 'Cart.create' (a default export's own name when it has one). */
  readonly displayName: string;
  /** Declared async, or its declared/inferred return type is a Promise (thenable). */
  readonly isAsync: boolean;
  /** 1-based, inclusive, of the declaration (overloads included). */
  readonly startLine: number;
  readonly endLine: number;
  /** The implementation's parameters. */
  readonly params: readonly OfflineParam[];
  /**
   * For instance methods: argument lists for `new ClassName(...)`; for returned methods: the one
   * argument list the factory is called with; each element a JS source expression; [] otherwise.
   */
  readonly constructorArgs: readonly (readonly string[])[];
  /** For returned methods: the member access after the factory call, `.get` or `[Symbol.dispose]`. */
  readonly member?: string;
  /** Candidate argument lists, most promising first, deterministic; each element a JS source expression. */
  readonly candidates: readonly (readonly string[])[];
}

/** A changed function or method the generator does not call; `reason` is one line saying why. */
export interface SkippedTarget {
  readonly id: string;
  readonly reason: string;
}

export interface OfflineTargets {
  readonly targets: OfflineTarget[];
  readonly skipped: SkippedTarget[];
}

export interface OfflineAnalyser {
  /** The targets of one module (a repository-relative POSIX path given to the analyser) whose declarations overlap the changed lines (1-based). */
  targets(modulePath: string, changedLines: readonly number[]): OfflineTargets;
}
