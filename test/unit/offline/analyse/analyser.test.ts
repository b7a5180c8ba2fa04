// The analyser as a whole: caps, determinism (also when modules are asked for in another order),
// what it refuses, that it reads nothing outside the checkout and the lib directory, and a
// repository tsconfig's `paths` (honoured when it parses, ignored when it does not).
import { readFileSync, symlinkSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { GenerationError } from '../../../../src/errors/errors.js';
import { createOfflineAnalyser } from '../../../../src/offline/analyse/analyser.js';
import { PROJECT_ROOT } from '../../../helpers/project-root.js';
import { allLines, analyserFor, argumentsAt, byId, removeCheckouts, writeCheckout } from './analyse-fixture.js';

const PRICING_FILES = Object.fromEntries(
  ['src/discount.ts', 'src/money.ts', 'src/shipping.ts'].map((modulePath) => [modulePath, readFileSync(path.join(PROJECT_ROOT, 'examples', 'pricing', 'head', modulePath), 'utf8')]),
);
const MODULES = Object.keys(PRICING_FILES);

afterAll(removeCheckouts);

describe('createOfflineAnalyser', () => {
  it('caps the candidates of every target and keeps the most promising first', () => {
    const dir = writeCheckout(PRICING_FILES);
    const full = analyserFor(dir, MODULES);
    const capped = analyserFor(dir, MODULES, { maxCandidatesPerTarget: 3 });
    let targets = 0;
    for (const modulePath of MODULES) {
      const wide = full.targets(modulePath, allLines()).targets;
      const narrow = capped.targets(modulePath, allLines()).targets;
      expect(narrow.map((target) => target.id)).toEqual(wide.map((target) => target.id));
      for (const [index, target] of narrow.entries()) {
        targets++;
        expect(target.candidates.length).toBeLessThanOrEqual(3);
        expect(target.candidates[0]).toEqual(wide[index]!.candidates[0]);
        expect(wide[index]!.candidates.length).toBeLessThanOrEqual(24);
      }
    }
    expect(targets).toBe(5);
  });

  it('gives the same answer on every run, whatever order the modules are asked for in', () => {
    const dir = writeCheckout({ ...PRICING_FILES, 'lib/table.js': "const T = { a: 1, b: 2 };\nexports.look = (k, n) => (n > 3 ? T[k] : null);\n" });
    const modules = [...MODULES, 'lib/table.js'];
    const first = analyserFor(dir, modules);
    const second = analyserFor(dir, modules);
    const forward = modules.map((modulePath) => first.targets(modulePath, allLines()));
    const backward = [...modules].reverse().map((modulePath) => second.targets(modulePath, allLines())).reverse();
    expect(backward).toEqual(forward);
    expect(modules.map((modulePath) => first.targets(modulePath, allLines()))).toEqual(forward);
    expect(forward.every((result) => result.targets.length > 0)).toBe(true);
  });

  it('refuses a lib directory without the lib file, and answers for unknown modules with a reason', () => {
    const dir = writeCheckout(PRICING_FILES);
    expect(() => createOfflineAnalyser({ checkoutDir: dir, modulePaths: MODULES, libDir: dir })).toThrow(GenerationError);
    const analyser = analyserFor(dir, ['src/money.ts']);
    expect(analyser.targets('src/shipping.ts', allLines())).toEqual({ targets: [], skipped: [{ id: 'src/shipping.ts', reason: 'the module was not given to the analyser' }] });
    expect(analyser.targets('../outside.ts', [1]).skipped[0]!.reason).toBe('the module is outside the checkout');
    expect(analyser.targets('src/money.ts', [])).toEqual({ targets: [], skipped: [] });
  });

  it('does not read type files outside the checkout, neither by a relative import nor through a symlink', () => {
    const outside = writeCheckout({ 'zone.ts': "export type Zone = 'eu' | 'us';\n" });
    const dir = writeCheckout({
      'src/inside/zone.ts': "export type Zone = 'eu' | 'us';\n",
      'src/control.ts': "import type { Zone } from './inside/zone.js';\nexport function cost(zone: Zone): number { return zone === 'eu' ? 1 : 2; }\n",
      'src/relative.ts': `import type { Zone } from '../../${path.basename(outside)}/zone.js';\nexport function cost(zone: Zone): number { return zone === 'eu' ? 1 : 2; }\n`,
      'src/linked.ts': "import type { Zone } from './link/zone.js';\nexport function cost(zone: Zone): number { return zone === 'eu' ? 1 : 2; }\n",
    });
    symlinkSync(outside, path.join(dir, 'src', 'link'), 'dir');
    const modules = ['src/control.ts', 'src/relative.ts', 'src/linked.ts'];
    const analyser = analyserFor(dir, modules);
    expect(argumentsAt(byId(analyser.targets('src/control.ts', [2]), 'cost'), 0)).toEqual(["'eu'", "'us'"]);
    for (const modulePath of ['src/relative.ts', 'src/linked.ts']) {
      expect(analyser.targets(modulePath, [2])).toEqual({
        targets: [],
        skipped: [{ id: 'cost', reason: 'parameter zone (Zone) cannot be built: its type could not be resolved' }],
      });
    }
  });

  it("honours the repository tsconfig's paths, and ignores a tsconfig that does not parse", () => {
    const files = {
      'src/zones/zone.ts': "export type Zone = 'eu' | 'us';\n",
      'src/ship.ts': "import type { Zone } from '@zones/zone.js';\nexport function cost(zone: Zone): number { return zone === 'eu' ? 1 : 2; }\n",
    };
    const withPaths = writeCheckout({ ...files, 'tsconfig.json': '{\n  // comments are fine\n  "compilerOptions": { "paths": { "@zones/*": ["./src/zones/*"] } },\n}\n' });
    expect(argumentsAt(byId(analyserFor(withPaths, ['src/ship.ts']).targets('src/ship.ts', [2]), 'cost'), 0)).toEqual(["'eu'", "'us'"]);

    const broken = writeCheckout({ ...files, 'tsconfig.json': '{ "compilerOptions": { "paths": ' });
    const result = analyserFor(broken, ['src/ship.ts']).targets('src/ship.ts', [2]);
    expect(result.skipped).toEqual([{ id: 'cost', reason: 'parameter zone (Zone) cannot be built: its type could not be resolved' }]);
  });
});
