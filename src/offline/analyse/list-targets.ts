/**
 * Which declarations of a module are targets for the changed lines (syntax only): exported functions
 * whose declaration overlaps a changed line, and public methods (static or not) of exported classes
 * whose body overlaps one; when a class's constructor or field initialisers changed, the constructor
 * itself and every public instance method (each call constructs the class). A changed function the
 * module does not export is reached through the exported functions, constructors and public methods
 * that refer to it, directly or through other unexported functions. Changed things that cannot be
 * called from a test (private members, accessors, generators, unexported functions nothing exported
 * refers to) are listed with a reason.
 */
import ts from 'typescript';
import type { SkippedTarget } from './types.js';
import { findExports, hasModifier, propertyNameText, unwrap, type ExportedClass, type ExportedFunction } from './find-exports.js';

export interface LineRange {
  /** 1-based, inclusive. */
  readonly startLine: number;
  readonly endLine: number;
}

export interface FunctionPlan extends LineRange {
  readonly kind: 'function';
  readonly id: string;
  readonly exported: ExportedFunction;
  /**
   * Changed classes the module does not export that this function creates (`return new
   * MatchExpression(value)`), with their changed public methods: called first on what it returns.
   */
  readonly createsChanged?: readonly CreatedClass[];
}

export interface CreatedClass {
  readonly node: ts.ClassLikeDeclaration;
  /** The class's changed public instance methods, in declaration order. */
  readonly members: readonly string[];
}

export interface MethodPlan extends LineRange {
  readonly kind: 'method' | 'static-method';
  readonly id: string;
  readonly exportName: string;
  readonly displayName: string;
  readonly classNode: ts.ClassLikeDeclaration;
  readonly implementation: ts.MethodDeclaration | ts.FunctionExpression | ts.ArrowFunction;
  readonly overloads: readonly ts.MethodDeclaration[];
}

/** `new Class(...)` itself, planned when the constructor or a field initialiser changed. */
export interface ConstructorPlan extends LineRange {
  readonly kind: 'constructor';
  readonly id: string;
  readonly exportName: string;
  readonly displayName: string;
  readonly classNode: ts.ClassLikeDeclaration;
}

export type TargetPlan = FunctionPlan | MethodPlan | ConstructorPlan;

export interface PlannedTargets {
  readonly plans: readonly TargetPlan[];
  readonly skipped: readonly SkippedTarget[];
}

export function listTargets(sourceFile: ts.SourceFile, changedLines: readonly number[]): PlannedTargets {
  const changed = [...new Set(changedLines)].sort((a, b) => a - b);
  const touches = (range: LineRange): boolean => changed.some((line) => line >= range.startLine && line <= range.endLine);
  const rangeOf = (nodes: readonly ts.Node[]): LineRange => lineRange(sourceFile, nodes);
  const { exported, unexported } = findExports(sourceFile);
  const plans: TargetPlan[] = [];
  const skipped: SkippedTarget[] = [];

  // A changed function the module does not export is reached through what calls it: the exported
  // functions, constructors and public methods referring to it (or to an unexported function that does).
  const changedLocals = new Set(unexported.filter((local) => local.kind === 'function' && touches(rangeOf(local.rangeNodes))).map((local) => local.name));
  for (let grew = changedLocals.size > 0; grew; ) {
    grew = false;
    for (const local of unexported) {
      if (local.kind !== 'function' || changedLocals.has(local.name) || !refersTo(local.rangeNodes, changedLocals)) continue;
      changedLocals.add(local.name);
      grew = true;
    }
  }
  // A changed class the module does not export is reached through the exported functions that create it.
  const changedClasses = new Map<string, CreatedClass>();
  for (const local of unexported) {
    const node = local.rangeNodes[0];
    const classNode = node && ts.isVariableDeclaration(node) && node.initializer ? unwrap(node.initializer) : node;
    if (local.kind !== 'class' || classNode === undefined || !ts.isClassLike(classNode) || !touches(rangeOf(local.rangeNodes))) continue;
    changedClasses.set(local.name, { node: classNode, members: changedPublicMethods(classNode, sourceFile, touches) });
  }
  const reachedLocals = new Set<string>();
  const callsChanged = (nodes: readonly ts.Node[]): boolean => {
    const names = namesReferred(nodes, changedLocals);
    for (const name of names) reachedLocals.add(name);
    return names.size > 0;
  };

  for (const thing of exported) {
    if (thing.kind === 'function') {
      const range = rangeOf(thing.rangeNodes);
      const body = [...thing.rangeNodes, ...(thing.implementation ? [thing.implementation] : [])];
      const calls = callsChanged(body);
      const created = [...namesReferred(body, new Set(changedClasses.keys()))];
      for (const name of created) reachedLocals.add(name);
      // Each declaration on its own: a renamed export's lines and its implementation's may be far apart.
      const ownChange = thing.rangeNodes.some((node) => touches(rangeOf([node])));
      if (!ownChange && !calls && created.length === 0) continue;
      const implementation = thing.implementation;
      if (implementation && isGenerator(implementation)) {
        skipped.push({ id: thing.exportName, reason: 'is a generator: calling it runs none of its body until the result is iterated' });
        continue;
      }
      const createsChanged = created.map((name) => changedClasses.get(name)!);
      plans.push({ kind: 'function', id: thing.exportName, exported: thing, ...range, ...(createsChanged.length > 0 ? { createsChanged } : {}) });
    } else {
      planClass(thing, sourceFile, touches, callsChanged, plans, skipped);
    }
  }
  for (const local of unexported) {
    const range = rangeOf(local.rangeNodes);
    if (!touches(range) || reachedLocals.has(local.name)) continue;
    skipped.push({
      id: local.name,
      reason: local.kind === 'class' ? 'the class is not exported and no exported function creates it, so a test cannot construct it' : 'is not exported: it is reached only through the exported functions that call it',
    });
  }
  plans.sort((a, b) => a.startLine - b.startLine || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return { plans, skipped };
}

function planClass(
  thing: ExportedClass,
  sourceFile: ts.SourceFile,
  touches: (range: LineRange) => boolean,
  callsChanged: (nodes: readonly ts.Node[]) => boolean,
  plans: TargetPlan[],
  skipped: SkippedTarget[],
): void {
  const node = thing.node;
  const members = node.members;
  // The constructor and field initialisers run on every `new`: when they change, every public instance method is a way in.
  const runsOnConstruction = (member: ts.ClassElement): boolean =>
    ts.isConstructorDeclaration(member) || (ts.isPropertyDeclaration(member) && !hasModifier(member, ts.SyntaxKind.StaticKeyword) && functionInitializer(member) === null);
  const constructionMembers = members.filter(runsOnConstruction);
  const constructorCalls = callsChanged(constructionMembers);
  const constructorChanged = constructionMembers.some((member) => touches(lineRange(sourceFile, [member]))) || constructorCalls;
  if (constructorChanged && !hasModifier(node, ts.SyntaxKind.AbstractKeyword)) {
    plans.push({
      kind: 'constructor',
      id: `new ${thing.exportName}`,
      exportName: thing.exportName,
      displayName: `new ${thing.displayName}`,
      classNode: node,
      ...lineRange(sourceFile, constructionMembers),
    });
  }
  const groups = new Map<string, { name: string | null; nodes: ts.ClassElement[] }>();
  const order: string[] = [];
  members.forEach((member, index) => {
    if (!(ts.isMethodDeclaration(member) || ts.isGetAccessorDeclaration(member) || ts.isSetAccessorDeclaration(member) || (ts.isPropertyDeclaration(member) && functionInitializer(member) !== null))) return;
    const name = member.name ? memberName(member.name) : null;
    const kind = ts.isGetAccessorDeclaration(member) || ts.isSetAccessorDeclaration(member) ? 'accessor' : 'method';
    const isStatic = hasModifier(member, ts.SyntaxKind.StaticKeyword);
    const key = name === null ? `#computed${index}` : `${kind}:${isStatic ? 'static' : 'instance'}:${name}`;
    const group = groups.get(key) ?? { name, nodes: [] };
    if (!groups.has(key)) order.push(key);
    group.nodes.push(member);
    groups.set(key, group);
  });

  for (const key of order) {
    const { name, nodes } = groups.get(key)!;
    const first = nodes[0]!;
    const range = lineRange(sourceFile, nodes);
    const isStatic = hasModifier(first, ts.SyntaxKind.StaticKeyword);
    const calls = callsChanged(nodes);
    const ownChange = touches(range) || calls;
    const isAccessor = ts.isGetAccessorDeclaration(first) || ts.isSetAccessorDeclaration(first);
    const isPrivate = first.name !== undefined && ts.isPrivateIdentifier(first.name);
    const nonPublic = isPrivate || hasModifier(first, ts.SyntaxKind.PrivateKeyword) || hasModifier(first, ts.SyntaxKind.ProtectedKeyword);
    const label = `${thing.exportName}${isStatic ? '.' : '#'}${name ?? (first.name ? first.name.getText(sourceFile) : '?')}`;
    if (!ownChange && !(constructorChanged && !isStatic && !nonPublic && !isAccessor)) continue;
    if (nonPublic) {
      if (ownChange) skipped.push({ id: label, reason: `is ${hasModifier(first, ts.SyntaxKind.ProtectedKeyword) ? 'protected' : 'private'}: it is reached only through the public methods that call it` });
      continue;
    }
    if (isAccessor) {
      skipped.push({ id: label, reason: 'is a get/set accessor: the generator calls methods only' });
      continue;
    }
    if (name === null) {
      if (ownChange) skipped.push({ id: label, reason: 'has a computed name the generator cannot call by name' });
      continue;
    }
    if (hasModifier(first, ts.SyntaxKind.AbstractKeyword)) {
      if (ownChange) skipped.push({ id: label, reason: 'is abstract: it has no body to call' });
      continue;
    }
    const implementation = implementationOf(nodes);
    if (implementation === null) continue;
    if (isGenerator(implementation)) {
      if (ownChange) skipped.push({ id: label, reason: 'is a generator: calling it runs none of its body until the result is iterated' });
      continue;
    }
    const separator = isStatic ? '.' : '#';
    plans.push({
      kind: isStatic ? 'static-method' : 'method',
      id: `${thing.exportName}${separator}${name}`,
      exportName: thing.exportName,
      displayName: `${thing.displayName}${separator}${name}`,
      classNode: node,
      implementation,
      overloads: nodes.filter((member): member is ts.MethodDeclaration => ts.isMethodDeclaration(member) && member.body === undefined),
      ...range,
    });
  }
}

/** The public instance methods of a class whose body overlaps a changed line. */
function changedPublicMethods(node: ts.ClassLikeDeclaration, sourceFile: ts.SourceFile, touches: (range: LineRange) => boolean): string[] {
  const names: string[] = [];
  for (const member of node.members) {
    if (!ts.isMethodDeclaration(member) || member.body === undefined || hasModifier(member, ts.SyntaxKind.StaticKeyword)) continue;
    if (hasModifier(member, ts.SyntaxKind.PrivateKeyword) || hasModifier(member, ts.SyntaxKind.ProtectedKeyword) || ts.isPrivateIdentifier(member.name)) continue;
    const name = memberName(member.name);
    if (name !== null && !names.includes(name) && touches(lineRange(sourceFile, [member]))) names.push(name);
  }
  return names;
}

function implementationOf(nodes: readonly ts.ClassElement[]): MethodPlan['implementation'] | null {
  for (const node of nodes) {
    if (ts.isMethodDeclaration(node) && node.body) return node;
    if (ts.isPropertyDeclaration(node)) {
      const initializer = functionInitializer(node);
      if (initializer) return initializer;
    }
  }
  return null;
}

/** A class field holding a function (`add = (x) => ...`), or null. */
function functionInitializer(member: ts.PropertyDeclaration): ts.FunctionExpression | ts.ArrowFunction | null {
  if (!member.initializer) return null;
  const value = unwrap(member.initializer);
  return ts.isArrowFunction(value) || ts.isFunctionExpression(value) ? value : null;
}

function memberName(name: ts.PropertyName): string | null {
  if (ts.isPrivateIdentifier(name)) return name.text;
  return propertyNameText(name);
}

function isGenerator(node: ts.SignatureDeclaration): boolean {
  return (ts.isFunctionDeclaration(node) || ts.isFunctionExpression(node) || ts.isMethodDeclaration(node)) && node.asteriskToken !== undefined;
}

/** The names of `names` that identifiers inside `nodes` refer to (by text: a syntax-only check). */
function namesReferred(nodes: readonly ts.Node[], names: ReadonlySet<string>): Set<string> {
  const found = new Set<string>();
  if (names.size === 0) return found;
  const visit = (node: ts.Node): void => {
    if (ts.isIdentifier(node) && names.has(node.text)) found.add(node.text);
    ts.forEachChild(node, visit);
  };
  for (const node of nodes) visit(node);
  return found;
}

function refersTo(nodes: readonly ts.Node[], names: ReadonlySet<string>): boolean {
  return namesReferred(nodes, names).size > 0;
}

export function lineRange(sourceFile: ts.SourceFile, nodes: readonly ts.Node[]): LineRange {
  const starts = nodes.map((node) => sourceFile.getLineAndCharacterOfPosition(node.getStart(sourceFile)).line + 1);
  const ends = nodes.map((node) => sourceFile.getLineAndCharacterOfPosition(node.getEnd()).line + 1);
  return { startLine: Math.min(...starts), endLine: Math.max(...ends) };
}
