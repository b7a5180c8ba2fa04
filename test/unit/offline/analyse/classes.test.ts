// Methods of exported classes: public instance and static methods are targets, private, protected,
// #private, accessors and generators are not (skipped with a reason when they changed); a changed
// constructor makes the constructor itself and every public instance method a target; constructor
// arguments are built.
import { afterAll, describe, expect, it } from 'vitest';
import { allLines, analyserFor, byId, removeCheckouts, typeCheckCalls, writeCheckout } from './analyse-fixture.js';

const CART = `export interface Line { readonly sku: string; readonly quantity: number; note?: string }

export class Cart {
  readonly #lines = new Map<string, Line>();
  private count = 0;

  constructor(private readonly currency: 'EUR' | 'USD' = 'EUR', limit?: number) {
    if (limit !== undefined && limit > 10) this.count = 1;
  }

  add(line: Line): void {
    if (line.quantity <= 0) throw new RangeError('quantity must be positive');
    this.#lines.set(line.sku, line);
  }

  private secret(x: number): boolean {
    return x > 3;
  }

  protected guarded(): void {}

  #hidden(): number {
    return this.count;
  }

  get size(): number {
    return this.#lines.size;
  }

  static create(items: readonly Line[]): Cart {
    const cart = new Cart();
    for (const item of items) cart.add(item);
    return cart;
  }

  async load(id: string | null): Promise<number> {
    return id === 'saved' ? 1 : 0;
  }

  format = (cents: number): string => (cents < 100 ? 'small' : 'large');

  *lines(): Generator<Line> {
    yield* this.#lines.values();
  }
}
`;

const lineOf = (text: string, needle: string): number => text.split('\n').findIndex((line) => line.includes(needle)) + 1;

afterAll(removeCheckouts);

describe('class methods', () => {
  it('takes public instance and static methods and says why the others are left out', () => {
    const dir = writeCheckout({ 'src/cart.ts': CART });
    const result = analyserFor(dir, ['src/cart.ts']).targets('src/cart.ts', allLines());
    expect(result.targets.map((target) => [target.id, target.kind])).toEqual([
      ['new Cart', 'constructor'],
      ['Cart#add', 'method'],
      ['Cart.create', 'static-method'],
      ['Cart#load', 'method'],
      ['Cart#format', 'method'],
    ]);
    const skipped = Object.fromEntries(result.skipped.map((entry) => [entry.id, entry.reason]));
    expect(Object.keys(skipped).sort()).toEqual(['Cart##hidden', 'Cart#guarded', 'Cart#lines', 'Cart#secret', 'Cart#size']);
    expect(skipped['Cart#secret']).toMatch(/^is private/);
    expect(skipped['Cart#guarded']).toMatch(/^is protected/);
    expect(skipped['Cart#size']).toMatch(/accessor/);
    expect(skipped['Cart#lines']).toMatch(/generator/);

    const add = byId(result, 'Cart#add');
    expect(add).toMatchObject({ exportName: 'Cart', className: 'Cart', displayName: 'Cart#add', isAsync: false });
    expect(add.constructorArgs[0]).toEqual(["'EUR'", '1']);
    expect(add.candidates[0]).toEqual(["{ sku: 'a', quantity: 1 }"]);
    expect(add.candidates).toEqual(expect.arrayContaining([["{ sku: 'a', quantity: 0 }"], ["{ sku: 'a', quantity: 1, note: 'a' }"]]));
    expect(byId(result, 'Cart.create').constructorArgs).toEqual([]);
    expect(byId(result, 'Cart#load').isAsync).toBe(true);
    expect(byId(result, 'Cart#load').candidates).toEqual(expect.arrayContaining([["'saved'"], ['null']]));
    expect(byId(result, 'Cart#format').candidates).toEqual(expect.arrayContaining([['99'], ['100'], ['101']]));
    expect(typeCheckCalls(dir, 'src/cart.ts', result.targets)).toEqual([]);
  });

  it('makes every public instance method a target when only the constructor changed', () => {
    const dir = writeCheckout({ 'src/cart.ts': CART });
    const result = analyserFor(dir, ['src/cart.ts']).targets('src/cart.ts', [lineOf(CART, 'limit > 10')]);
    expect(result.targets.map((target) => target.id)).toEqual(['new Cart', 'Cart#add', 'Cart#load', 'Cart#format']);
    expect(result.skipped).toEqual([]);
    // The constructor itself is called with candidate argument lists: limit around 10, absent, currency varied.
    const construct = byId(result, 'new Cart');
    expect(construct).toMatchObject({ exportName: 'Cart', className: 'Cart', displayName: 'new Cart', constructorArgs: [] });
    expect(construct.candidates).toEqual(expect.arrayContaining([["'EUR'", '11'], ["'EUR'", '10'], [], ["'USD'", '1']]));
    expect(typeCheckCalls(dir, 'src/cart.ts', [construct])).toEqual([]);
    // Constructor arguments come from its own constants too: limit around 10.
    const lists = byId(result, 'Cart#add').constructorArgs;
    expect(lists[0]).toEqual(["'EUR'", '1']);
    expect(lists.length).toBeGreaterThan(1);
    expect(lists.length).toBeLessThanOrEqual(4);
  });

  it('takes only the method whose lines changed', () => {
    const dir = writeCheckout({ 'src/cart.ts': CART });
    const analyser = analyserFor(dir, ['src/cart.ts']);
    expect(analyser.targets('src/cart.ts', [lineOf(CART, 'const cart = new Cart()')]).targets.map((target) => target.id)).toEqual(['Cart.create']);
    const secretOnly = analyser.targets('src/cart.ts', [lineOf(CART, 'return x > 3')]);
    expect(secretOnly.targets).toEqual([]);
    expect(secretOnly.skipped.map((entry) => entry.id)).toEqual(['Cart#secret']);
  });

  it('names methods of a default-exported class by the class, imports them as default', () => {
    const source = `export default class Counter {\n  #n = 0;\n  inc(by = 1): number {\n    this.#n += by;\n    return this.#n;\n  }\n}\n`;
    const dir = writeCheckout({ 'src/counter.ts': source });
    const result = analyserFor(dir, ['src/counter.ts']).targets('src/counter.ts', [4]);
    expect(result.targets).toHaveLength(1);
    expect(result.targets[0]).toMatchObject({ id: 'default#inc', exportName: 'default', className: 'default', displayName: 'Counter#inc', kind: 'method', constructorArgs: [[]] });
    expect(result.targets[0]!.candidates).toEqual(expect.arrayContaining([[], ['1'], ['0']]));
    expect(typeCheckCalls(dir, 'src/counter.ts', result.targets)).toEqual([]);
  });

  it('skips instance methods of a class it cannot construct, but still calls its static methods', () => {
    const source = [
      'export class Engine {}',
      'export class Car {',
      '  constructor(private readonly engine: Engine) {}',
      '  drive(km: number): number { return km; }',
      '  static wheels(kind: string): number { return kind === "bike" ? 2 : 4; }',
      '}',
      'export abstract class Shape {',
      '  area(): number { return 0; }',
      '}',
      '',
    ].join('\n');
    const dir = writeCheckout({ 'src/car.ts': source });
    const result = analyserFor(dir, ['src/car.ts']).targets('src/car.ts', allLines());
    expect(result.targets.map((target) => target.id)).toEqual(['Car.wheels']);
    expect(byId(result, 'Car.wheels').candidates).toEqual(expect.arrayContaining([["'bike'"]]));
    const skipped = Object.fromEntries(result.skipped.map((entry) => [entry.id, entry.reason]));
    expect(skipped['Car#drive']).toBe('its class cannot be constructed: parameter engine (Engine) cannot be built: it needs an Engine instance, which cannot be written as a literal');
    expect(skipped['Shape#area']).toMatch(/abstract/);
  });
});
