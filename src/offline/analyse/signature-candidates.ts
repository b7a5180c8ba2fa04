/**
 * Candidate argument lists for call signatures (one, or each overload): every parameter's values from
 * its type and the function's constants, optional parameters absent or present, rest parameters with
 * none, one or two elements, combined by `combineArguments`; several overloads take turns. A required
 * parameter that cannot be built makes the signature unusable, with the reason.
 */
import ts from 'typescript';
import { ownParameters } from './find-exports.js';
import { combineArguments, takeTurns, type ArgumentChoice, type ParameterChoices } from './combine-arguments.js';
import { ELEMENT, type FunctionConstants } from './slot-constants.js';
import type { OfflineParam } from './types.js';
import { isThenable } from './builtin-values.js';
import { valuesForType } from './type-values.js';
import { typeText, type ValueContext } from './value-model.js';

export interface CandidateSettings {
  readonly checker: ts.TypeChecker;
  readonly program: ts.Program;
  readonly maxLists: number;
  readonly maxValuesPerSlot: number;
}

export type Candidates = { readonly ok: true; readonly lists: string[][] } | { readonly ok: false; readonly reason: string };

export function candidatesForSignatures(signatures: readonly ts.Signature[], constants: FunctionConstants, settings: CandidateSettings): Candidates {
  if (signatures.length === 0) return { ok: false, reason: 'its type has no call signature the analysis can see' };
  const perSignature: string[][][] = [];
  let firstFailure: string | null = null;
  for (const signature of signatures) {
    const built = candidatesForSignature(signature, constants, settings);
    if (built.ok) perSignature.push(built.lists);
    else firstFailure ??= built.reason;
  }
  if (perSignature.length === 0) return { ok: false, reason: firstFailure ?? 'no usable signature' };
  const seen = new Set<string>();
  const lists: string[][] = [];
  for (const list of takeTurns(perSignature)) {
    const key = list.join('\u0000');
    if (seen.has(key) || lists.length >= settings.maxLists) continue;
    seen.add(key);
    lists.push(list);
  }
  return { ok: true, lists };
}

function candidatesForSignature(signature: ts.Signature, constants: FunctionConstants, settings: CandidateSettings): Candidates {
  const { checker } = settings;
  const ctx: ValueContext = {
    checker,
    program: settings.program,
    constants,
    typeParameterUses: typeParameterUses(checker, signature),
    maxPerSlot: settings.maxValuesPerSlot,
  };
  const parameters: ParameterChoices[] = [];
  for (const [index, symbol] of signature.parameters.entries()) {
    const declaration = parameterDeclaration(symbol);
    const type = checker.getTypeOfSymbol(symbol);
    const name = declaration ? declaration.name.getText() : symbol.getName();
    const rest = declaration?.dotDotDotToken !== undefined;
    const optional = rest || (declaration !== undefined && checker.isOptionalParameter(declaration));
    if (rest) {
      const choices = restChoices(type, String(index), ctx);
      // `...args: [pattern, handler]`: a call without them does not compile.
      if (choices.length === 0 && requiresElements(checker, type)) return { ok: false, reason: `its rest parameter ${name} (${typeText(checker, type)}) needs elements the analysis cannot build` };
      parameters.push({ choices, optional: true });
      continue;
    }
    const built = valuesForType(type, [String(index)], ctx, { dropUndefined: optional });
    if (!built.ok || built.values.length === 0) {
      if (optional) {
        parameters.push({ choices: [], optional: true });
        continue;
      }
      return { ok: false, reason: `parameter ${name} (${typeText(checker, type)}) cannot be built: ${built.ok ? 'no value' : built.reason}` };
    }
    parameters.push({ choices: built.values.map((value) => ({ exprs: [value.text], special: value.special })), optional });
  }
  return { ok: true, lists: combineArguments(parameters, settings.maxLists) };
}

/** A rest parameter: one element (base), none, two, then each other element value alone. */
function restChoices(type: ts.Type, slot: string, ctx: ValueContext): ArgumentChoice[] {
  const { checker } = ctx;
  const element = checker.isArrayType(type) ? checker.getTypeArguments(type as ts.TypeReference)[0] : undefined;
  if (element === undefined) return [];
  const built = valuesForType(element, [slot, ELEMENT], ctx);
  if (!built.ok || built.values.length === 0) return [];
  const [first, second, ...others] = built.values;
  return [
    { exprs: [first!.text], special: false },
    { exprs: [], special: true },
    ...(second ? [{ exprs: [first!.text, second.text], special: true }, { exprs: [second.text], special: second.special }] : []),
    ...others.map((value) => ({ exprs: [value.text], special: value.special })),
  ];
}

/** A rest parameter typed as a tuple (or a type parameter constrained to one) with required elements. */
function requiresElements(checker: ts.TypeChecker, type: ts.Type): boolean {
  const resolved = type.flags & ts.TypeFlags.TypeParameter ? (checker.getBaseConstraintOfType(type) ?? type) : type;
  return checker.isTupleType(resolved) && (resolved as ts.TupleTypeReference).target.minLength > 0;
}

/** How many parameters mention each type parameter (a type parameter shared by several parameters gets values of one kind). */
function typeParameterUses(checker: ts.TypeChecker, signature: ts.Signature): Map<ts.Type, number> {
  const uses = new Map<ts.Type, number>();
  for (const typeParameter of signature.typeParameters ?? []) {
    const name = typeParameter.getSymbol()?.getName();
    if (!name) continue;
    const pattern = new RegExp(`\\b${name.replace(/[$]/g, '\\$')}\\b`);
    const count = signature.parameters.filter((symbol) => pattern.test(checker.typeToString(checker.getTypeOfSymbol(symbol)))).length;
    uses.set(typeParameter, count);
  }
  return uses;
}

function parameterDeclaration(symbol: ts.Symbol): ts.ParameterDeclaration | undefined {
  const declaration = symbol.valueDeclaration ?? symbol.declarations?.[0];
  return declaration && ts.isParameter(declaration) ? declaration : undefined;
}

/** Declared async, or every signature returns a thenable. */
export function isAsyncCallable(checker: ts.TypeChecker, implementation: ts.SignatureDeclaration | null, signatures: readonly ts.Signature[]): boolean {
  if (implementation && ts.canHaveModifiers(implementation) && (ts.getModifiers(implementation) ?? []).some((modifier) => modifier.kind === ts.SyntaxKind.AsyncKeyword)) return true;
  return signatures.length > 0 && signatures.every((signature) => isThenable(checker, checker.getReturnTypeOfSignature(signature)));
}

/** The parameters as declared by the implementation (or the first signature), without `this`. */
export function describeParameters(checker: ts.TypeChecker, implementation: ts.SignatureDeclaration | null, signatures: readonly ts.Signature[]): OfflineParam[] {
  const declarations = implementation ? ownParameters(implementation) : (signatures[0]?.parameters ?? []).map(parameterDeclaration).filter((declaration) => declaration !== undefined);
  return declarations.map((declaration) => {
    const written = declaration.type ?? ts.getJSDocType(declaration);
    const inferred = written === undefined && !isInJs(declaration) ? checker.typeToString(checker.getTypeAtLocation(declaration)) : null;
    return {
      name: declaration.name.getText(),
      optional: declaration.dotDotDotToken === undefined && checker.isOptionalParameter(declaration),
      rest: declaration.dotDotDotToken !== undefined,
      typeText: written ? written.getText() : inferred,
    };
  });
}

function isInJs(node: ts.Node): boolean {
  return /\.[cm]?jsx?$/.test(node.getSourceFile().fileName);
}
