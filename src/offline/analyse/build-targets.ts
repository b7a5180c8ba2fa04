/**
 * The targets of one module for its changed lines: the planned functions and methods (list-targets)
 * turned into OfflineTargets with signatures, parameters, candidate argument lists and, for instance
 * methods, constructor argument lists, using the program's type checker; a changed constructor is a
 * target of its own, and the methods of the object a changed function returns are targets too
 * (returned-methods.ts). A target whose required
 * arguments (or constructor arguments) cannot be built is skipped with the reason.
 */
import ts from 'typescript';
import { collectConstants, collectModuleConstants, followCalls, type CallFollowing } from './collect-constants.js';
import type { SlotConstants } from './slot-constants.js';
import { listTargets, type ConstructorPlan, type FunctionPlan, type MethodPlan } from './list-targets.js';
import { returnedMethodTargets } from './returned-methods.js';
import { candidatesForSignatures, describeParameters, isAsyncCallable, type CandidateSettings } from './signature-candidates.js';
import type { OfflineTarget, OfflineTargets, SkippedTarget } from './types.js';

export interface BuildSettings {
  readonly program: ts.Program;
  readonly checker: ts.TypeChecker;
  readonly maxCandidatesPerTarget: number;
  readonly maxValuesPerSlot: number;
  readonly maxConstructorLists: number;
}

/** What every target of one module shares: its top-level constants and the constants of the functions its functions call. */
interface ModuleContext {
  readonly constants: SlotConstants;
  readonly calls: CallFollowing;
}

/** Candidate lists per method of a returned object: the factory is called once per list. */
const MAX_CANDIDATES_PER_RETURNED_METHOD = 8;

/** A target, a skip with its reason, or nothing (an exported value that is not a function). */
type Built = { readonly target: OfflineTarget } | { readonly skipped: SkippedTarget } | { readonly none: true };

export function buildTargets(sourceFile: ts.SourceFile, changedLines: readonly number[], settings: BuildSettings): OfflineTargets {
  const { plans, skipped } = listTargets(sourceFile, changedLines);
  const module: ModuleContext = { constants: collectModuleConstants(settings.checker, sourceFile), calls: followCalls() };
  const constructors = new Map<ts.ClassLikeDeclaration, ConstructorArgs>();
  const targets: OfflineTarget[] = [];
  const skips: SkippedTarget[] = [...skipped];
  for (const plan of plans) {
    const built = guarded(plan.id, () => {
      if (plan.kind === 'function') return buildFunction(plan, module, settings);
      if (plan.kind === 'constructor') return buildConstructor(plan, module, settings);
      return buildMethod(plan, module, settings, () => {
        let args = constructors.get(plan.classNode);
        if (!args) {
          args = constructorArgs(plan.classNode, module, settings, settings.maxConstructorLists);
          constructors.set(plan.classNode, args);
        }
        return args;
      });
    });
    if ('target' in built) {
      targets.push(built.target);
      if (plan.kind === 'function') targets.push(...guardedList(() => returnedMethods(built.target, plan, sourceFile, module, settings)));
    } else if ('skipped' in built) skips.push(built.skipped);
  }
  return { targets, skipped: skips };
}

/** The methods of the object a function returns are extra ways in; one the analysis cannot handle is left out quietly. */
function guardedList(build: () => OfflineTarget[]): OfflineTarget[] {
  try {
    return build();
  } catch {
    return [];
  }
}

function returnedMethods(factory: OfflineTarget, plan: FunctionPlan, sourceFile: ts.SourceFile, module: ModuleContext, settings: BuildSettings): OfflineTarget[] {
  const { exported } = plan;
  const signatures = signaturesOf(settings.checker, exported.implementation, exported.overloads, exported.valueNode);
  return returnedMethodTargets(
    factory,
    signatures,
    sourceFile,
    {
    checker: settings.checker,
    program: settings.program,
    candidates: (methodSignatures, implementation) =>
      candidatesForSignatures(methodSignatures, collectConstants(settings.checker, implementation, module.constants, module.calls), candidateSettings(settings, Math.min(settings.maxCandidatesPerTarget, MAX_CANDIDATES_PER_RETURNED_METHOD))),
    },
    plan.createsChanged ?? [],
  );
}

function buildConstructor(plan: ConstructorPlan, module: ModuleContext, settings: BuildSettings): Built {
  const args = constructorArgs(plan.classNode, module, settings, settings.maxCandidatesPerTarget);
  if (!args.ok) return { skipped: { id: plan.id, reason: args.reason } };
  const declared = plan.classNode.members.find((member): member is ts.ConstructorDeclaration => ts.isConstructorDeclaration(member) && member.body !== undefined) ?? null;
  return {
    target: {
      id: plan.id,
      exportName: plan.exportName,
      kind: 'constructor',
      className: plan.exportName,
      displayName: plan.displayName,
      isAsync: false,
      startLine: plan.startLine,
      endLine: plan.endLine,
      params: declared ? describeParameters(settings.checker, declared, []) : [],
      constructorArgs: [],
      candidates: args.lists,
    },
  };
}

/** A construct the analysis does not handle skips that one target, not the module. */
function guarded(id: string, build: () => Built): Built {
  try {
    return build();
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return { skipped: { id, reason: `the analysis failed on it (${message.split('\n')[0] ?? message})` } };
  }
}

function buildFunction(plan: FunctionPlan, module: ModuleContext, settings: BuildSettings): Built {
  const { checker } = settings;
  const { exported } = plan;
  const implementation = exported.implementation;
  const signatures = signaturesOf(checker, implementation, exported.overloads, exported.valueNode);
  // `export const LIMITS = compute()`: an exported value, not a function.
  if (implementation === null && signatures.length === 0) return { none: true };
  const constants = collectConstants(checker, implementation, module.constants, module.calls);
  const candidates = candidatesForSignatures(signatures, constants, candidateSettings(settings, settings.maxCandidatesPerTarget));
  if (!candidates.ok) return { skipped: { id: plan.id, reason: candidates.reason } };
  return {
    target: {
      id: plan.id,
      exportName: exported.exportName,
      kind: 'function',
      className: null,
      displayName: exported.displayName,
      isAsync: isAsyncCallable(checker, implementation, signatures),
      startLine: plan.startLine,
      endLine: plan.endLine,
      params: describeParameters(checker, implementation, signatures),
      constructorArgs: [],
      candidates: candidates.lists,
    },
  };
}

type ConstructorArgs = { readonly ok: true; readonly lists: string[][] } | { readonly ok: false; readonly reason: string };

function buildMethod(plan: MethodPlan, module: ModuleContext, settings: BuildSettings, construct: () => ConstructorArgs): Built {
  const { checker } = settings;
  let constructorLists: string[][] = [];
  if (plan.kind === 'method') {
    const args = construct();
    if (!args.ok) return { skipped: { id: plan.id, reason: args.reason } };
    constructorLists = args.lists;
  }
  const implementation = plan.implementation;
  const signatures = signaturesOf(checker, implementation, plan.overloads, implementation);
  const constants = collectConstants(checker, implementation, module.constants, module.calls);
  const candidates = candidatesForSignatures(signatures, constants, candidateSettings(settings, settings.maxCandidatesPerTarget));
  if (!candidates.ok) return { skipped: { id: plan.id, reason: candidates.reason } };
  return {
    target: {
      id: plan.id,
      exportName: plan.exportName,
      kind: plan.kind,
      className: plan.exportName,
      displayName: plan.displayName,
      isAsync: isAsyncCallable(checker, implementation, signatures),
      startLine: plan.startLine,
      endLine: plan.endLine,
      params: describeParameters(checker, implementation, signatures),
      constructorArgs: constructorLists,
      candidates: candidates.lists,
    },
  };
}

/** Argument lists for `new Class(...)`, from its construct signatures and its constructor's constants. */
function constructorArgs(classNode: ts.ClassLikeDeclaration, module: ModuleContext, settings: BuildSettings, maxLists: number): ConstructorArgs {
  const { checker } = settings;
  const name = classNode.name?.text ?? 'the default export';
  if (classNode.modifiers?.some((modifier) => modifier.kind === ts.SyntaxKind.AbstractKeyword)) return { ok: false, reason: `class ${name} is abstract, so a test cannot construct it` };
  const declared = classNode.members.find((member): member is ts.ConstructorDeclaration => ts.isConstructorDeclaration(member) && member.body !== undefined);
  if (declared?.modifiers?.some((modifier) => modifier.kind === ts.SyntaxKind.PrivateKeyword || modifier.kind === ts.SyntaxKind.ProtectedKeyword)) {
    return { ok: false, reason: `the constructor of ${name} is not public, so a test cannot construct it` };
  }
  const staticSide = staticTypeOf(checker, classNode);
  const signatures = staticSide ? checker.getSignaturesOfType(staticSide, ts.SignatureKind.Construct) : [];
  if (signatures.length === 0) return { ok: true, lists: [[]] };
  const constants = collectConstants(checker, declared ?? null, module.constants, module.calls);
  const built = candidatesForSignatures(signatures, constants, candidateSettings(settings, maxLists));
  return built.ok ? built : { ok: false, reason: `its class cannot be constructed: ${built.reason}` };
}

function staticTypeOf(checker: ts.TypeChecker, classNode: ts.ClassLikeDeclaration): ts.Type | null {
  if (ts.isClassExpression(classNode)) return checker.getTypeAtLocation(classNode);
  const symbol = classNode.name ? checker.getSymbolAtLocation(classNode.name) : (classNode as unknown as { symbol?: ts.Symbol }).symbol;
  return symbol ? checker.getTypeOfSymbol(symbol) : null;
}

function signaturesOf(checker: ts.TypeChecker, implementation: ts.SignatureDeclaration | null, overloads: readonly ts.SignatureDeclaration[], valueNode: ts.Node): ts.Signature[] {
  const declarations = overloads.length > 0 ? overloads : implementation ? [implementation] : [];
  if (declarations.length > 0) return declarations.map((declaration) => checker.getSignatureFromDeclaration(declaration)).filter((signature) => signature !== undefined);
  return [...checker.getSignaturesOfType(checker.getTypeAtLocation(valueNode), ts.SignatureKind.Call)];
}

function candidateSettings(settings: BuildSettings, maxLists: number): CandidateSettings {
  return { checker: settings.checker, program: settings.program, maxLists, maxValuesPerSlot: settings.maxValuesPerSlot };
}
