// ES module export forms: which declarations become targets, under which export name, with which
// lines; re-exports, exported values that are not functions and type-only exports are not targets.
import { afterAll, describe, expect, it } from 'vitest';
import { allLines, analyserFor, byId, removeCheckouts, typeCheckCalls, writeCheckout } from './analyse-fixture.js';

const FORMS = `import { helperFromElsewhere } from './other.js';
export function plain(a: number): number {
  return a + 1;
}
export async function fetched(id: string): Promise<string> {
  return id;
}
export const arrow = (flag: boolean): string => (flag ? 'yes' : 'no');
export const expression = function (n: number): number {
  return n * 2;
};
function local(x: string): string {
  return x.trim();
}
export { local as renamed };
const memo = <T extends (...args: never[]) => unknown>(fn: T): T => fn;
export const wrapped = memo((n: number): number => n);
export const SETTINGS = { retries: 3 };
export type Shape = { kind: 'square' };
export { helperFromElsewhere };
export * from './other.js';
function notExported(y: number): number {
  return y;
}
export default function main(input: string): number {
  return input.length;
}
`;

afterAll(removeCheckouts);

describe('ES module exports', () => {
  it('finds every exported function form under its export name', () => {
    const dir = writeCheckout({ 'src/forms.ts': FORMS, 'src/other.ts': 'export function helperFromElsewhere(): number {\n  return 1;\n}\n' });
    const result = analyserFor(dir, ['src/forms.ts']).targets('src/forms.ts', allLines());
    expect(result.targets.map((target) => [target.id, target.exportName, target.displayName])).toEqual([
      ['plain', 'plain', 'plain'],
      ['fetched', 'fetched', 'fetched'],
      ['arrow', 'arrow', 'arrow'],
      ['expression', 'expression', 'expression'],
      ['renamed', 'renamed', 'renamed'],
      ['wrapped', 'wrapped', 'wrapped'],
      ['default', 'default', 'main'],
    ]);
    // memo is reached through wrapped, which calls it; nothing exported refers to notExported.
    expect(result.skipped).toEqual([{ id: 'notExported', reason: 'is not exported: it is reached only through the exported functions that call it' }]);
    expect([byId(result, 'plain').startLine, byId(result, 'plain').endLine]).toEqual([2, 4]);
    expect([byId(result, 'expression').startLine, byId(result, 'expression').endLine]).toEqual([9, 11]);
    expect([byId(result, 'renamed').startLine, byId(result, 'renamed').endLine]).toEqual([12, 14]);
    expect(byId(result, 'wrapped').candidates[0]).toEqual(['1']);
    expect(byId(result, 'arrow').candidates).toEqual([['true'], ['false']]);
    expect(typeCheckCalls(dir, 'src/forms.ts', result.targets)).toEqual([]);
  });

  it('takes a function only when a changed line falls inside its declaration', () => {
    const dir = writeCheckout({ 'src/forms.ts': FORMS, 'src/other.ts': 'export function helperFromElsewhere(): number {\n  return 1;\n}\n' });
    const analyser = analyserFor(dir, ['src/forms.ts']);
    expect(analyser.targets('src/forms.ts', [3, 13]).targets.map((target) => target.id)).toEqual(['plain', 'renamed']);
    expect(analyser.targets('src/forms.ts', [1, 18, 19, 20, 21]).targets).toEqual([]);
    expect(analyser.targets('src/forms.ts', [1, 18, 19, 20, 21]).skipped).toEqual([]);
  });
});
