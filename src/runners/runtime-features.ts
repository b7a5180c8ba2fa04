/**
 * Newer JavaScript and Node features a module may rely on and a test environment may lack (pure data
 * and logic). The runtime the tests run on is asked once which of them it has (runtime-facts.ts); the
 * prompt names the missing ones, so a model neither uses them in a test nor writes a test whose outcome
 * is only "this runtime lacks X" (such a test pins the environment, not the code).
 */
export interface RuntimeFeature {
  /** How a user and a model know it, e.g. `Iterator` or `Set.prototype.union`. */
  readonly name: string;
  /** A JavaScript expression, true when the runtime has it; evaluated with no access to anything else. */
  readonly check: string;
}

export const RUNTIME_FEATURES: readonly RuntimeFeature[] = [
  { name: 'fetch', check: "typeof fetch === 'function'" },
  { name: 'structuredClone', check: "typeof structuredClone === 'function'" },
  { name: 'Array.prototype.findLast', check: "typeof [].findLast === 'function'" },
  { name: 'Array.prototype.toSorted', check: "typeof [].toSorted === 'function'" },
  { name: 'Object.groupBy', check: "typeof Object.groupBy === 'function'" },
  { name: 'Map.groupBy', check: "typeof Map.groupBy === 'function'" },
  { name: 'Promise.withResolvers', check: "typeof Promise.withResolvers === 'function'" },
  { name: 'Promise.try', check: "typeof Promise.try === 'function'" },
  { name: 'Array.fromAsync', check: "typeof Array.fromAsync === 'function'" },
  { name: 'Set.prototype.union', check: "typeof new Set().union === 'function'" },
  { name: 'Iterator', check: "typeof Iterator === 'function'" },
  { name: 'Iterator.prototype.map', check: "typeof Iterator === 'function' && typeof Iterator.prototype.map === 'function'" },
  { name: 'Symbol.dispose', check: "typeof Symbol.dispose === 'symbol'" },
  { name: 'URL.canParse', check: "typeof URL.canParse === 'function'" },
  { name: 'URL.parse', check: "typeof URL.parse === 'function'" },
  { name: 'RegExp.escape', check: "typeof RegExp.escape === 'function'" },
  { name: 'Error.isError', check: "typeof Error.isError === 'function'" },
  { name: 'Float16Array', check: "typeof Float16Array === 'function'" },
  { name: 'Math.sumPrecise', check: "typeof Math.sumPrecise === 'function'" },
  { name: 'Temporal', check: "typeof Temporal === 'object'" },
  { name: 'WebSocket', check: "typeof WebSocket === 'function'" },
  { name: 'navigator', check: "typeof navigator === 'object'" },
  { name: 'crypto.randomUUID', check: "typeof crypto === 'object' && typeof crypto.randomUUID === 'function'" },
  { name: 'process.getBuiltinModule', check: "typeof process.getBuiltinModule === 'function'" },
];

export interface RuntimeFacts {
  /** `process.version` of the node that runs the tests, e.g. `v20.20.2`. */
  readonly nodeVersion: string;
  /** Names from RUNTIME_FEATURES the runtime lacks, in list order. */
  readonly missing: readonly string[];
}

/** The script `node -e` runs: one JSON line, `{"node":"v20.1.0","missing":[...]}`. */
export function runtimeFactsScript(features: readonly RuntimeFeature[] = RUNTIME_FEATURES): string {
  const checks = features.map((feature) => `[${JSON.stringify(feature.name)},()=>(${feature.check})]`).join(',');
  return `const m=[];for(const [n,c] of [${checks}]){let ok=false;try{ok=Boolean(c())}catch{}if(!ok)m.push(n)}process.stdout.write(JSON.stringify({node:process.version,missing:m})+"\\n")`;
}

/** The facts from the script's output; null when it is not what the script prints. */
export function parseRuntimeFacts(stdout: string, features: readonly RuntimeFeature[] = RUNTIME_FEATURES): RuntimeFacts | null {
  const line = stdout.trim().split('\n').at(-1) ?? '';
  let parsed: unknown;
  try {
    parsed = JSON.parse(line);
  } catch {
    return null;
  }
  if (typeof parsed !== 'object' || parsed === null) return null;
  const { node, missing } = parsed as { node?: unknown; missing?: unknown };
  // The whole value must be a version: a \`node\` the repository put on the PATH could print anything, and
  // this goes into the prompt.
  if (typeof node !== 'string' || !/^v\d{1,3}\.\d{1,4}\.\d{1,4}(?:-[0-9A-Za-z.]{1,40})?$/.test(node) || !Array.isArray(missing)) return null;
  const known = new Set(features.map((feature) => feature.name));
  const names = missing.filter((name): name is string => typeof name === 'string' && known.has(name));
  return { nodeVersion: node, missing: names };
}
