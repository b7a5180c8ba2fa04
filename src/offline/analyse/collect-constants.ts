/**
 * Literal values a function's own code suggests as inputs, each tied where possible to the parameter
 * (or property of one, `discount.percent`, or element, `items[]`) it is compared with: numbers it
 * compares with and their neighbours, string literals in comparisons and `switch` cases, keys of
 * module constants used as lookup tables (`SYMBOLS[currency]`, `key in TABLE`, `MAP.get(key)`) plus one
 * missing key, strings matching and not matching a regular expression, lengths compared with
 * `.length`, defaults, the built-ins a parameter is tested for (`instanceof Map`, Date methods,
 * `Object.getPrototypeOf`), keys reached through `key.toUpperCase()` (and other normalisation) in the
 * form a caller passes them. Values not tied to a parameter are kept apart (`general`), and the module's
 * top-level constants apart again (`module`). Thrown messages are ignored. Reads the tree and the
 * checker only.
 */
import ts from 'typescript';
import { hasModifier, ownParameters, propertyNameText, unwrap } from './find-exports.js';
import { literalValue, listValues, lookupKeys, missingKey, regexOf, type Literal } from './literal-values.js';
import { sampleRegExp } from './regex-sample.js';
import { composeSplitPieces } from './split-pieces.js';
import { Bucket, ELEMENT, NO_CONSTANTS, pushNew, slotKey, type BuiltinHint, type FunctionConstants, type SlotConstants, type SlotPath } from './slot-constants.js';

const RELATIONAL = new Set([ts.SyntaxKind.LessThanToken, ts.SyntaxKind.LessThanEqualsToken, ts.SyntaxKind.GreaterThanToken, ts.SyntaxKind.GreaterThanEqualsToken]);
const EQUALITY = new Set([ts.SyntaxKind.EqualsEqualsEqualsToken, ts.SyntaxKind.EqualsEqualsToken, ts.SyntaxKind.ExclamationEqualsEqualsToken, ts.SyntaxKind.ExclamationEqualsToken]);
const ARITHMETIC = new Set([ts.SyntaxKind.PlusToken, ts.SyntaxKind.MinusToken, ts.SyntaxKind.AsteriskToken, ts.SyntaxKind.SlashToken, ts.SyntaxKind.PercentToken]);
const ARRAY_METHODS = new Set(['map', 'filter', 'forEach', 'reduce', 'some', 'every', 'find', 'findIndex', 'flatMap', 'push', 'pop', 'slice', 'join', 'sort', 'concat']);
const ELEMENT_CALLBACKS = new Set(['map', 'filter', 'forEach', 'some', 'every', 'find', 'findIndex', 'flatMap', 'findLast', 'findLastIndex']);
const STRING_METHODS = new Set(['toUpperCase', 'toLowerCase', 'trim', 'split', 'startsWith', 'endsWith', 'charAt', 'padStart', 'padEnd', 'replace', 'replaceAll', 'match', 'substring']);
const REGEX_ON_ARGUMENT = new Set(['test', 'exec']);
const REGEX_ON_RECEIVER = new Set(['match', 'matchAll', 'search', 'replace', 'replaceAll', 'split']);
const AFFIX_METHODS = new Set(['startsWith', 'endsWith', 'includes']);
/** String methods that normalise a key before a lookup (`TABLE[code.toUpperCase()]`): the key reached, and the form a caller may pass. */
const NORMALISERS: Readonly<Record<string, (key: string) => string>> = {
  toUpperCase: (key) => key.toLowerCase(),
  toLocaleUpperCase: (key) => key.toLowerCase(),
  toLowerCase: (key) => key.toUpperCase(),
  toLocaleLowerCase: (key) => key.toUpperCase(),
  trim: (key) => ` ${key} `,
  trimStart: (key) => ` ${key}`,
  trimEnd: (key) => `${key} `,
};
const INSTANCE_HINTS: Readonly<Record<string, BuiltinHint>> = { Map: 'Map', Set: 'Set', Date: 'Date' };
const DATE_METHODS = new Set(['getTime', 'getFullYear', 'getMonth', 'getDate', 'getDay', 'getHours', 'getMinutes', 'getUTCFullYear', 'getUTCMonth', 'getUTCDate', 'getUTCDay', 'getUTCHours', 'toISOString']);
const PASS_THROUGH_CALLS = new Set(['Math.abs', 'Math.floor', 'Math.ceil', 'Math.round', 'Math.trunc', 'Number', 'String', 'parseInt', 'parseFloat', 'Number.parseInt', 'Number.parseFloat']);

/**
 * How far constants are followed into functions a parameter is passed to (`shippingCost(zone, weight,
 * total)` lends shippingCost's constants to `zone` and `weight`), with the constants found so far per
 * function. One per module analysis.
 */
export interface CallFollowing {
  readonly depth: number;
  readonly cache: Map<ts.Node, FunctionConstants | null>;
}

export function followCalls(depth = 2): CallFollowing {
  return { depth, cache: new Map() };
}

/**
 * The constants of one function-like node (its body and parameter defaults); the positions of its own
 * parameters (without `this`) name the slots.
 */
export function collectConstants(checker: ts.TypeChecker, node: ts.SignatureDeclaration | null, moduleConstants: SlotConstants, calls: CallFollowing = followCalls(0)): FunctionConstants {
  const parameters = node ? ownParameters(node) : [];
  const slots = new Map<string, Bucket>();
  const paths = new Map<string, SlotPath>();
  const general = new Bucket();
  const roots = new Map<ts.Symbol, SlotPath>();
  /** Names holding a normalised parameter (`const code = currency.trim().toUpperCase()`) and how it was normalised. */
  const normalisedAliases = new Map<ts.Symbol, ((key: string) => string)[]>();
  /** Slots the code splits (`x.split(sep)`), with the separators: their pieces are the ELEMENT slot. */
  const splits = new Map<string, { path: SlotPath; separators: string[] }>();
  const bucketOf = (path: SlotPath): Bucket => {
    const key = slotKey(path);
    let bucket = slots.get(key);
    if (!bucket) {
      bucket = new Bucket();
      slots.set(key, bucket);
      paths.set(key, path);
    }
    return bucket;
  };

  parameters.forEach((parameter, index) => bindPattern(checker, parameter.name, [String(index)], roots));

  const slotOf = (expression: ts.Expression): SlotPath | null => {
    const value = unwrap(expression);
    if (ts.isIdentifier(value)) {
      const symbol = checker.getSymbolAtLocation(value);
      return symbol ? (roots.get(symbol) ?? null) : null;
    }
    if (ts.isPropertyAccessExpression(value) && !ts.isPrivateIdentifier(value.name)) {
      const base = slotOf(value.expression);
      return base ? [...base, value.name.text] : null;
    }
    if (ts.isElementAccessExpression(value)) {
      const base = slotOf(value.expression);
      if (base === null) return null;
      const argument = unwrap(value.argumentExpression);
      if (ts.isStringLiteralLike(argument)) return [...base, argument.text];
      if (ts.isNumericLiteral(argument)) return [...base, ELEMENT];
      return null;
    }
    if (ts.isCallExpression(value) && value.arguments.length >= 1 && PASS_THROUGH_CALLS.has(value.expression.getText())) return slotOf(value.arguments[0]!);
    const normalised = normaliserOf(value);
    if (normalised) return slotOf(normalised.receiver);
    return null;
  };

  /** The slot a lookup key reads and how the code normalises it first (`key.trim().toUpperCase()`), outermost first. */
  const keySlot = (expression: ts.Expression): { slot: SlotPath; forms: ((key: string) => string)[] } | null => {
    const forms: ((key: string) => string)[] = [];
    let current = unwrap(expression);
    for (let normalised = normaliserOf(current); normalised; normalised = normaliserOf(current)) {
      forms.push(normalised.form);
      current = unwrap(normalised.receiver);
    }
    if (ts.isIdentifier(current)) {
      const symbol = checker.getSymbolAtLocation(current);
      forms.push(...((symbol && normalisedAliases.get(symbol)) ?? []));
    }
    const slot = slotOf(current);
    return slot ? { slot, forms } : null;
  };

  /** The table's keys, each followed by the form the caller passes before the code normalises it. */
  const addLookup = (key: ts.Expression, keys: readonly Literal[], withMissing = true): void => {
    const reached = keySlot(key);
    if (!reached) return;
    const bucket = bucketOf(reached.slot);
    addKeys(bucket, keys, withMissing);
    if (reached.forms.length === 0) return;
    for (const literal of keys) {
      if (literal.kind !== 'string') continue;
      // Innermost normalisation is applied first by the code, so its inverse comes last.
      const raw = reached.forms.reduce((text, form) => form(text), literal.value);
      if (raw !== literal.value) pushNew(bucket.strings, raw);
    }
  };

  /** The one slot an expression reads, if it reads exactly one (aliases: `const absolute = Math.abs(cents)`). */
  const singleSlot = (expression: ts.Expression): SlotPath | null => {
    const direct = slotOf(expression);
    if (direct) return direct;
    const found = new Map<string, SlotPath>();
    const visit = (child: ts.Node): void => {
      if (found.size > 1) return;
      if (ts.isExpression(child)) {
        const slot = slotOf(child);
        if (slot) {
          found.set(slotKey(slot), slot);
          return;
        }
      }
      if (ts.isFunctionLike(child)) return;
      ts.forEachChild(child, visit);
    };
    visit(expression);
    return found.size === 1 ? [...found.values()][0]! : null;
  };

  const literalOf = (expression: ts.Expression): Literal | null => literalValue(checker, expression);

  /** The separator a `split` argument stands for: the string, or a string the expression matches. */
  const separatorOf = (argument: ts.Expression): string | null => {
    const literal = literalOf(argument);
    if (literal?.kind === 'string') return literal.value;
    const regex = regexOf(checker, argument);
    return regex ? (sampleRegExp(regex.source, regex.flags)?.matching ?? null) : null;
  };

  /** `x.split(...)`, also followed by array methods (`.concat('guard')`, `.filter(Boolean)`): x's slot. */
  const splitReceiver = (expression: ts.Expression): SlotPath | null => {
    let current = unwrap(expression);
    while (ts.isCallExpression(current)) {
      const callee = unwrap(current.expression);
      if (!ts.isPropertyAccessExpression(callee) || ts.isPrivateIdentifier(callee.name)) return null;
      if (callee.name.text === 'split') return slotOf(callee.expression);
      if (!ARRAY_METHODS.has(callee.name.text)) return null;
      current = unwrap(callee.expression);
    }
    return null;
  };

  const visit = (child: ts.Node): void => {
    if (ts.isThrowStatement(child)) return;
    if (ts.isNewExpression(child) && isErrorConstructor(child)) return;
    // `new Meter(unit, 0)`: the constructor's constants for what is passed on.
    if (ts.isNewExpression(child)) followCall(child);
    if (ts.isVariableDeclaration(child) && child.initializer) {
      if (ts.isIdentifier(child.name)) {
        // `const parts = flags.split(/[ ,]+/)`: parts[0] is a piece of flags (its ELEMENT slot)
        const alias = splitReceiver(child.initializer) ?? singleSlot(child.initializer);
        const symbol = checker.getSymbolAtLocation(child.name);
        if (alias && symbol && !roots.has(symbol)) roots.set(symbol, alias);
        const chain = keySlot(child.initializer);
        if (symbol && chain && chain.forms.length > 0) normalisedAliases.set(symbol, chain.forms);
      } else {
        // `const [first, ...rest] = path.split('?')`: the pieces of the split string
        const base = slotOf(child.initializer) ?? (ts.isArrayBindingPattern(child.name) ? splitReceiver(child.initializer) : null);
        if (base) bindPattern(checker, child.name, base, roots);
      }
    }
    if (ts.isForOfStatement(child) && ts.isVariableDeclarationList(child.initializer)) {
      const base = slotOf(child.expression);
      const declaration = child.initializer.declarations[0];
      if (base && declaration) bindPattern(checker, declaration.name, [...base, ELEMENT], roots);
    }
    if (ts.isBinaryExpression(child)) visitBinary(child);
    if (ts.isSwitchStatement(child)) {
      const reached = keySlot(child.expression);
      const literals: Literal[] = [];
      for (const clause of child.caseBlock.clauses) {
        if (!ts.isCaseClause(clause)) continue;
        const literal = literalOf(clause.expression);
        if (literal) literals.push(literal);
      }
      if (reached && reached.forms.length > 0) addLookup(child.expression, literals, false);
      else for (const literal of literals) (reached ? bucketOf(reached.slot) : general).addLiteral(literal, 'exact');
    }
    if (ts.isElementAccessExpression(child)) {
      const keys = lookupKeys(checker, child.expression);
      if (keys) addLookup(child.argumentExpression, keys);
    }
    if (ts.isCallExpression(child)) visitCall(child);
    if (ts.isPropertyAccessExpression(child) && !ts.isPrivateIdentifier(child.name)) {
      const slot = slotOf(child.expression);
      if (slot) {
        const name = child.name.text;
        const bucket = bucketOf(slot);
        const called = ts.isCallExpression(child.parent) && child.parent.expression === child;
        if (called && DATE_METHODS.has(name)) pushNew(bucket.builtins, 'Date');
        else if (called && ARRAY_METHODS.has(name)) bucket.shape ??= 'array';
        else if (called && STRING_METHODS.has(name)) bucket.shape ??= 'string';
        else if (!called && name !== 'length') pushNew(bucket.properties, name);
      }
    }
    if (ts.isBindingElement(child) && child.initializer) {
      const literal = literalOf(child.initializer);
      const slot = bindingSlot(child);
      if (literal && slot) bucketOf(slot).addLiteral(literal, 'exact');
    }
    ts.forEachChild(child, visit);
  };

  const bindingSlot = (element: ts.BindingElement): SlotPath | null => {
    const symbol = ts.isIdentifier(element.name) ? checker.getSymbolAtLocation(element.name) : undefined;
    return symbol ? (roots.get(symbol) ?? null) : null;
  };

  const visitBinary = (binary: ts.BinaryExpression): void => {
    const operator = binary.operatorToken.kind;
    if (operator === ts.SyntaxKind.InstanceOfKeyword) {
      const slot = slotOf(binary.left);
      const hint = INSTANCE_HINTS[unwrap(binary.right).getText()];
      if (slot && hint) pushNew(bucketOf(slot).builtins, hint);
      return;
    }
    if (operator === ts.SyntaxKind.InKeyword) {
      const keys = lookupKeys(checker, binary.right);
      if (keys) addLookup(binary.left, keys);
      return;
    }
    const how = RELATIONAL.has(operator) ? 'relational' : EQUALITY.has(operator) ? 'equality' : ARITHMETIC.has(operator) ? 'arithmetic' : null;
    if (how === null) return;
    for (const [literalSide, otherSide] of [
      [binary.right, binary.left],
      [binary.left, binary.right],
    ] as const) {
      const typeofOperand = typeofTarget(otherSide);
      if (typeofOperand && how === 'equality') {
        const literal = literalOf(literalSide);
        const slot = slotOf(typeofOperand);
        if (literal?.kind === 'string' && slot) pushNew(bucketOf(slot).typeofs, literal.value);
        continue;
      }
      const literal = literalOf(literalSide);
      if (literal === null || literalOf(otherSide) !== null) continue;
      if (how === 'arithmetic' && literal.kind === 'string') continue;
      const slot = how === 'arithmetic' ? slotOf(otherSide) : singleSlot(otherSide);
      (slot ? bucketOf(slot) : general).addLiteral(literal, how);
    }
  };

  /** Constants the called function has for the parameters our slots are passed to (after our own). */
  const followCall = (call: ts.CallExpression | ts.NewExpression): void => {
    if (calls.depth <= 0) return;
    const passed = (call.arguments ?? []).map((argument) => slotOf(argument));
    if (passed.every((slot) => slot === null)) return;
    const declaration = calleeDeclaration(checker, call);
    if (declaration === null) return;
    let inner = calls.cache.get(declaration);
    if (inner === undefined) {
      calls.cache.set(declaration, null);
      inner = collectConstants(checker, declaration, NO_CONSTANTS, { depth: calls.depth - 1, cache: calls.cache });
      calls.cache.set(declaration, inner);
    }
    if (inner === null) return;
    for (const [path, constants] of inner.slots()) {
      const slot = passed[Number(path[0])];
      if (slot) bucketOf([...slot, ...path.slice(1)]).merge(constants);
    }
  };

  const visitCall = (call: ts.CallExpression): void => {
    followCall(call);
    const callee = unwrap(call.expression);
    const first = call.arguments[0];
    // fn(...) inside `try { }`: a callback that throws reaches the `catch`
    if (ts.isIdentifier(callee) && insideTry(call)) {
      const slot = slotOf(callee);
      if (slot) pushNew(bucketOf(slot).builtins, 'throwing');
    }
    if (!ts.isPropertyAccessExpression(callee) || ts.isPrivateIdentifier(callee.name)) {
      return;
    }
    const method = callee.name.text;
    // Object.getPrototypeOf(x): the code tells plain objects from null-prototype dictionaries
    if (method === 'getPrototypeOf' && callee.expression.getText() === 'Object' && first !== undefined) {
      const slot = slotOf(first);
      if (slot) pushNew(bucketOf(slot).builtins, 'null-prototype');
      return;
    }
    // Object.hasOwn(TABLE, key)
    if (method === 'hasOwn' && callee.expression.getText() === 'Object' && call.arguments.length === 2) {
      const keys = lookupKeys(checker, call.arguments[0]!);
      if (keys) addLookup(call.arguments[1]!, keys);
      return;
    }
    if (first === undefined) return;
    // TABLE.get(key), TABLE.has(key), TABLE.hasOwnProperty(key), LIST.includes(key)
    if (['get', 'has', 'hasOwnProperty', 'includes', 'indexOf'].includes(method)) {
      const keys = lookupKeys(checker, callee.expression) ?? listValues(checker, callee.expression);
      if (keys && keySlot(first)) {
        addLookup(first, keys, method !== 'includes' && method !== 'indexOf');
        return;
      }
    }
    // /re/.test(x)
    if (REGEX_ON_ARGUMENT.has(method)) {
      const regex = regexOf(checker, callee.expression);
      const slot = slotOf(first);
      if (regex && slot) addRegex(bucketOf(slot), regex);
      return;
    }
    const receiver = slotOf(callee.expression);
    if (receiver === null) return;
    // x.split(',') / x.split(/[ ,]+/): its pieces, composed with the separator when the constants are frozen
    if (method === 'split') {
      const separator = separatorOf(first);
      if (separator !== null) {
        const entry = splits.get(slotKey(receiver)) ?? { path: receiver, separators: [] };
        pushNew(entry.separators, separator);
        splits.set(slotKey(receiver), entry);
      }
    }
    // x.match(/re/), x.replace(/re/, ...)
    if (REGEX_ON_RECEIVER.has(method)) {
      const regex = regexOf(checker, first);
      if (regex) addRegex(bucketOf(receiver), regex);
    }
    // x.startsWith('http')
    if (AFFIX_METHODS.has(method)) {
      const literal = literalOf(first);
      if (literal?.kind === 'string') pushNew(bucketOf(receiver).strings, literal.value);
    }
    // items.map((item) => item.price > 10)
    if (ELEMENT_CALLBACKS.has(method)) {
      const callback = unwrap(first);
      if ((ts.isArrowFunction(callback) || ts.isFunctionExpression(callback)) && callback.parameters[0]) {
        bindPattern(checker, callback.parameters[0].name, [...receiver, ELEMENT], roots);
      }
    }
  };

  if (node) {
    for (const [index, parameter] of parameters.entries()) {
      const literal = parameter.initializer ? literalOf(parameter.initializer) : null;
      if (literal) bucketOf([String(index)]).addLiteral(literal, 'exact');
      ts.forEachChild(parameter.name, visit);
    }
    const body = (node as ts.FunctionLikeDeclaration).body;
    if (body) visit(body);
  }

  for (const { path, separators } of splits.values()) {
    const pieces = slots.get(slotKey([...path, ELEMENT]))?.strings ?? [];
    const bucket = bucketOf(path);
    for (const text of composeSplitPieces(pieces, separators)) pushNew(bucket.strings, text);
  }

  const frozen = new Map<string, SlotConstants>();
  for (const [key, bucket] of slots) frozen.set(key, bucket.freeze());
  const entries = [...frozen].map(([key, constants]) => [paths.get(key)!, constants] as const);
  return { slot: (path) => frozen.get(slotKey(path)), slots: () => entries, general: general.freeze(), module: moduleConstants };
}

/** The function a call runs, when it is written in the program with a body (not a lib or declaration file). */
function calleeDeclaration(checker: ts.TypeChecker, call: ts.CallExpression | ts.NewExpression): ts.SignatureDeclaration | null {
  let declaration: ts.Declaration | undefined;
  try {
    declaration = checker.getResolvedSignature(call)?.getDeclaration();
  } catch {
    return null;
  }
  if (declaration === undefined || !ts.isFunctionLike(declaration)) return null;
  const hasBody = (node: ts.Node): node is ts.FunctionLikeDeclaration => ts.isFunctionLike(node) && (node as ts.FunctionLikeDeclaration).body !== undefined;
  // An overload signature: the implementation next to it.
  const implementation = hasBody(declaration) ? declaration : (declaration.name && checker.getSymbolAtLocation(declaration.name)?.declarations?.find(hasBody));
  if (!implementation || !hasBody(implementation) || implementation.getSourceFile().isDeclarationFile) return null;
  return implementation;
}

/** Top-level `const NAME = literal` values of a module, in source order. */
export function collectModuleConstants(checker: ts.TypeChecker, sourceFile: ts.SourceFile): SlotConstants {
  const bucket = new Bucket();
  for (const statement of sourceFile.statements) {
    if (!ts.isVariableStatement(statement) || !(statement.declarationList.flags & ts.NodeFlags.Const) || hasModifier(statement, ts.SyntaxKind.DeclareKeyword)) continue;
    for (const declaration of statement.declarationList.declarations) {
      const literal = declaration.initializer ? literalValue(checker, declaration.initializer) : null;
      if (literal) bucket.addLiteral(literal, 'exact');
    }
  }
  return bucket.freeze();
}

/** Binds the names of a parameter or a destructuring pattern to slots. */
function bindPattern(checker: ts.TypeChecker, name: ts.BindingName, path: SlotPath, roots: Map<ts.Symbol, SlotPath>): void {
  if (ts.isIdentifier(name)) {
    const symbol = checker.getSymbolAtLocation(name);
    if (symbol && !roots.has(symbol)) roots.set(symbol, path);
    return;
  }
  if (ts.isObjectBindingPattern(name)) {
    for (const element of name.elements) {
      if (element.dotDotDotToken) continue;
      const key = element.propertyName ? propertyNameText(element.propertyName) : ts.isIdentifier(element.name) ? element.name.text : null;
      if (key !== null) bindPattern(checker, element.name, [...path, key], roots);
    }
    return;
  }
  for (const element of name.elements) {
    if (ts.isBindingElement(element) && !element.dotDotDotToken) bindPattern(checker, element.name, [...path, ELEMENT], roots);
  }
}

function addKeys(bucket: Bucket, keys: readonly Literal[], withMissing = true): void {
  const strings = keys.filter((key) => key.kind === 'string').map((key) => key.value as string);
  const numbers = keys.filter((key) => key.kind === 'number').map((key) => key.value as number);
  for (const key of strings) pushNew(bucket.strings, key);
  bucket.addNumbers(numbers);
  if (withMissing && strings.length > 0) pushNew(bucket.strings, missingKey(strings));
}

function addRegex(bucket: Bucket, regex: { readonly source: string; readonly flags: string }): void {
  const sample = sampleRegExp(regex.source, regex.flags);
  if (sample === null) return;
  pushNew(bucket.strings, sample.matching);
  if (sample.nonMatching !== null) pushNew(bucket.strings, sample.nonMatching);
}

/** `x.toUpperCase()` -> x, with the form a caller passes for a key the code then finds; null for anything else. */
function normaliserOf(expression: ts.Expression): { receiver: ts.Expression; form: (key: string) => string } | null {
  if (!ts.isCallExpression(expression) || expression.arguments.length > 0) return null;
  const callee = unwrap(expression.expression);
  if (!ts.isPropertyAccessExpression(callee) || ts.isPrivateIdentifier(callee.name)) return null;
  const form = NORMALISERS[callee.name.text];
  return form ? { receiver: callee.expression, form } : null;
}

/** The node sits in the `try` block of a try statement that has a `catch` (within the function being read). */
function insideTry(node: ts.Node): boolean {
  for (let child = node, parent = node.parent; parent !== undefined; child = parent, parent = parent.parent) {
    if (ts.isTryStatement(parent) && parent.tryBlock === child && parent.catchClause !== undefined) return true;
    if (ts.isSourceFile(parent)) return false;
  }
  return false;
}

/** `typeof x` -> x */
function typeofTarget(expression: ts.Expression): ts.Expression | null {
  const value = unwrap(expression);
  return ts.isTypeOfExpression(value) ? value.expression : null;
}

function isErrorConstructor(node: ts.NewExpression): boolean {
  return /Error$/.test(node.expression.getText());
}
