/**
 * What a runner that wrote no results ran into, when its output says so precisely enough to tell the
 * user what to change (pure). Null when there is nothing better to say than its own first lines.
 */
import type { Framework } from '../report/types.js';

export function diagnoseCrash(framework: Framework, output: string): string | null {
  // Vite 5 (Vitest 1 and 2) bundles an ES module config to `<config>.timestamp-<n>-<hex>.mjs` beside it.
  const viteConfig = /EROFS[^\n]*?'([^'\n]*?)\.timestamp-\d+-[0-9a-f]+\.mjs'/.exec(output);
  if (framework === 'vitest' && viteConfig) {
    const config = viteConfig[1]!.split('/').pop() ?? 'the config';
    return (
      `its Vite (5, used by Vitest 1 and 2) writes the bundled ${config} beside it, in the repository the sandbox keeps read-only: ` +
      'run the tests with Node 22.15 or later (TestMaster then keeps that bundle in memory, vite-config-loader.ts), ' +
      'or upgrade to Vitest 3 or later (its Vite writes it under node_modules/.vite-temp, which the sandbox allows), ' +
      'or name the config .cts/.cjs, or set isolation: none where no secret is held'
    );
  }
  const readOnly = /(?:EROFS|EACCES)[^\n]*?(?:open|mkdir|write|unlink|rename)[^\n]*?'([^'\n]+)'/.exec(output);
  if (readOnly) {
    return `it tried to write ${readOnly[1]}, which the sandbox keeps read-only (only the run's output directories are writable): a test or setup that writes into the repository must write to a temporary directory instead`;
  }
  return null;
}
