/** The RunnerAdapter for each supported framework. */
import type { Framework } from '../report/types.js';
import { createJestAdapter } from './jest-adapter.js';
import type { RunnerAdapter } from './types.js';
import { createVitestAdapter } from './vitest-adapter.js';

export function adapterFor(framework: Framework): RunnerAdapter {
  switch (framework) {
    case 'vitest':
      return createVitestAdapter();
    case 'jest':
      return createJestAdapter();
  }
}
