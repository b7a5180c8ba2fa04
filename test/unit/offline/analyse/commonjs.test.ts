// Plain JavaScript and CommonJS: the export forms, candidates from the body's constants plus the
// small generic set for untyped parameters, JSDoc types when present, objects carrying the properties
// the code reads.
import { afterAll, describe, expect, it } from 'vitest';
import { allLines, analyserFor, argumentsAt, byId, removeCheckouts, writeCheckout } from './analyse-fixture.js';

const CALC = `'use strict';
const RATES = { standard: 0.2, reduced: 0.05 };

function vat(amount, kind) {
  if (amount < 0) throw new Error('negative amount');
  if (!(kind in RATES)) return null;
  return amount * RATES[kind];
}

/**
 * @param {string} name
 * @param {number} [times]
 */
function greet(name, times) {
  return name.repeat(times === undefined ? 1 : times);
}

function label(opts) {
  return opts.size > 10 ? 'big' : opts.name;
}

function unused(x) {
  return x;
}

module.exports = { vat, greet, describeOptions: label };
module.exports.double = function (x) {
  return x * 2;
};
exports.triple = (x) => x * 3;
`;

afterAll(removeCheckouts);

describe('CommonJS modules', () => {
  it('finds module.exports = { ... }, module.exports.f = and exports.f = forms', () => {
    const dir = writeCheckout({ 'lib/calc.js': CALC });
    const result = analyserFor(dir, ['lib/calc.js']).targets('lib/calc.js', allLines());
    expect(result.targets.map((target) => [target.id, target.exportName, target.displayName])).toEqual([
      ['vat', 'vat', 'vat'],
      ['greet', 'greet', 'greet'],
      ['describeOptions', 'describeOptions', 'describeOptions'],
      ['double', 'double', 'double'],
      ['triple', 'triple', 'triple'],
    ]);
    expect(result.skipped).toEqual([{ id: 'unused', reason: 'is not exported: it is reached only through the exported functions that call it' }]);
    expect(byId(result, 'vat').params).toEqual([
      { name: 'amount', optional: false, rest: false, typeText: null },
      { name: 'kind', optional: false, rest: false, typeText: null },
    ]);
  });

  it('uses the body constants first, then the small generic set', () => {
    const dir = writeCheckout({ 'lib/calc.js': CALC });
    const result = analyserFor(dir, ['lib/calc.js']).targets('lib/calc.js', allLines());
    const vat = byId(result, 'vat');
    expect(vat.candidates[0]).toEqual(['1', "'standard'"]);
    expect(argumentsAt(vat, 0)).toEqual(expect.arrayContaining(['-1', '0', '1']));
    // The lookup table's keys and one it does not have.
    expect(argumentsAt(vat, 1)).toEqual(expect.arrayContaining(["'standard'", "'reduced'", "'unknown'"]));
    const generic = ['0', '-1', "''", "'a'", 'true', 'false', 'null', 'undefined', '[]', '{}', '[1, 2]'];
    const triple = byId(result, 'triple');
    expect(argumentsAt(triple, 0)).toEqual(expect.arrayContaining(generic));
    expect(triple.candidates.every((args) => args.length === 1)).toBe(true);
  });

  it('follows JSDoc types and builds objects with the properties the code reads', () => {
    const dir = writeCheckout({ 'lib/calc.js': CALC });
    const result = analyserFor(dir, ['lib/calc.js']).targets('lib/calc.js', allLines());
    const greet = byId(result, 'greet');
    expect(greet.params.map((param) => [param.name, param.optional, param.typeText])).toEqual([
      ['name', false, 'string'],
      ['times', true, 'number'],
    ]);
    expect(greet.candidates).toContainEqual(["'a'"]);
    expect(argumentsAt(greet, 0).every((arg) => arg.startsWith("'"))).toBe(true);
    const describeOptions = byId(result, 'describeOptions');
    expect(argumentsAt(describeOptions, 0)).toEqual(expect.arrayContaining(['{ size: 11, name: 1 }', '{ size: 10, name: 1 }', 'null']));
  });

  it("exports the function itself as 'default' when module.exports is the function or a class", () => {
    const dir = writeCheckout({
      'lib/single.js': "module.exports = function single(command, value) {\n  return command === 'go' ? value : 0;\n};\n",
      'lib/counter.js': 'module.exports = class Counter {\n  inc(by) {\n    return by > 5 ? 5 : by;\n  }\n};\n',
    });
    const analyser = analyserFor(dir, ['lib/single.js', 'lib/counter.js']);
    const single = analyser.targets('lib/single.js', [2]).targets;
    expect(single.map((target) => [target.id, target.exportName, target.displayName, target.kind])).toEqual([['default', 'default', 'single', 'function']]);
    expect(single[0]!.candidates[0]).toEqual(["'go'", '1']);
    const counter = analyser.targets('lib/counter.js', [3]).targets;
    expect(counter.map((target) => [target.id, target.exportName, target.className, target.displayName])).toEqual([['default#inc', 'default', 'default', 'Counter#inc']]);
    expect(argumentsAt(counter[0]!, 0)).toEqual(expect.arrayContaining(['4', '5', '6']));
  });

  it('treats an ES module written in JavaScript the same way', () => {
    const dir = writeCheckout({ 'src/esm.mjs': "export function kind(x) {\n  switch (x) {\n    case 'a': return 1;\n    case 'b': return 2;\n    default: return 0;\n  }\n}\nexport default (n) => n >= 18;\n" });
    const result = analyserFor(dir, ['src/esm.mjs']).targets('src/esm.mjs', allLines());
    expect(result.targets.map((target) => target.id)).toEqual(['kind', 'default']);
    expect(argumentsAt(byId(result, 'kind'), 0)).toEqual(expect.arrayContaining(["'a'", "'b'"]));
    expect(argumentsAt(byId(result, 'default'), 0)).toEqual(expect.arrayContaining(['17', '18', '19']));
  });

  it('reaches a changed function the module does not export through the exported class whose constructor calls it, and through the functions calling that', () => {
    const source = [
      "'use strict';",
      'function splitFlags(flags) {', // 2: changed
      "  const parts = flags.split(/[ |,]+/);",
      "  return { short: parts.find((p) => /^-[^-]$/.test(p)), long: parts.find((p) => p.startsWith('--')) };",
      '}',
      'function describeFlags(flags) {',
      '  const { short, long } = splitFlags(flags);',
      "  return [short, long].filter(Boolean).join(', ');",
      '}',
      'class Option {',
      '  constructor(flags, description) {',
      '    this.flags = flags;',
      '    this.description = description;',
      '    const split = splitFlags(flags);',
      '    this.short = split.short;',
      '    this.long = split.long;',
      '  }',
      '  name() {',
      "    return this.long ? this.long.replace(/^--/, '') : this.short.replace(/^-/, '');",
      '  }',
      '}',
      'function help(flags) {',
      '  return describeFlags(flags);',
      '}',
      'function untouched(x) {',
      '  return x;',
      '}',
      'exports.Option = Option;',
      'exports.help = help;',
      'exports.untouched = untouched;',
      '',
    ].join('\n');
    const dir = writeCheckout({ 'lib/option.js': source });
    const result = analyserFor(dir, ['lib/option.js']).targets('lib/option.js', [3, 4]);
    const ids = result.targets.map((target) => target.id);
    expect(ids).toContain('new Option');
    expect(ids).toContain('help');
    expect(ids).not.toContain('untouched');
    expect(result.skipped.map((entry) => entry.id)).not.toContain('splitFlags');
    // A changed function nothing exported refers to is still named.
    const alone = analyserFor(dir, ['lib/option.js']).targets('lib/option.js', [26]);
    expect(alone.targets.map((target) => target.id)).toEqual(['untouched']);
  });
});
