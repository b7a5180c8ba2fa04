/**
 * The JavaScript that runs inside a probe file (see build-probe.ts): it calls each candidate, waits a
 * bounded time for promises, and appends what happened to a JSON-lines file, one `start` line before a
 * call and one outcome line after it, written synchronously so that a run killed in the middle of a
 * call still says which call it was. Files named in \`watch\` (absolute; what an earlier run of the probe
 * changed in the checkout) are fingerprinted around each call, and the ones a call changed are listed in
 * its outcome line (\`wrote\`). Values are described as in outcome.ts. Plain JavaScript that is
 * also valid TypeScript under `// @ts-nocheck`; it refers only to its parameters.
 */
export const PROBE_RUNTIME = String.raw`
const __tmMaxItems = 50;
const __tmMaxString = 2000;
function __tmDescribe(value, depth, seen) {
  const type = typeof value;
  if (value === undefined) return { k: 'undefined' };
  if (value === null) return { k: 'null' };
  if (type === 'boolean') return { k: 'boolean', v: value };
  if (type === 'number') return { k: 'number', v: Object.is(value, -0) ? '-0' : String(value) };
  if (type === 'bigint') return { k: 'bigint', v: String(value) };
  if (type === 'string') return value.length > __tmMaxString ? { k: 'opaque', type: 'string', length: value.length } : { k: 'string', v: value };
  if (type === 'symbol') return { k: 'opaque', type: 'symbol' };
  if (type === 'function') return { k: 'opaque', type: 'function' };
  if (depth > 4 || seen.has(value)) return { k: 'opaque', type: Array.isArray(value) ? 'array' : 'object' };
  seen.add(value);
  try {
    if (Array.isArray(value)) {
      if (value.length > __tmMaxItems) return { k: 'opaque', type: 'array', length: value.length };
      const items = [];
      for (let i = 0; i < value.length; i++) items.push(__tmDescribe(value[i], depth + 1, seen));
      return { k: 'array', items };
    }
    if (value instanceof Date) return Number.isNaN(value.getTime()) ? { k: 'opaque', type: 'date' } : { k: 'date', iso: value.toISOString() };
    if (value instanceof RegExp) return { k: 'regexp', source: value.source, flags: value.flags };
    if (value instanceof Error) return { k: 'error', name: String(value.name), message: String(value.message) };
    if (value instanceof Map) {
      if (value.size > __tmMaxItems) return { k: 'opaque', type: 'object', length: value.size };
      return { k: 'map', entries: [...value.entries()].map(([key, item]) => [__tmDescribe(key, depth + 1, seen), __tmDescribe(item, depth + 1, seen)]) };
    }
    if (value instanceof Set) {
      if (value.size > __tmMaxItems) return { k: 'opaque', type: 'object', length: value.size };
      return { k: 'set', items: [...value].map((item) => __tmDescribe(item, depth + 1, seen)) };
    }
    const keys = Object.keys(value);
    if (keys.length > __tmMaxItems) return { k: 'opaque', type: 'object', length: keys.length };
    const entries = keys.map((key) => [key, __tmDescribe(value[key], depth + 1, seen)]);
    const proto = Object.getPrototypeOf(value);
    if (proto === Object.prototype || proto === null) return { k: 'object', entries };
    const ctor = proto && typeof proto.constructor === 'function' && proto.constructor.name ? proto.constructor.name : null;
    return { k: 'instance', ctor, entries };
  } finally {
    seen.delete(value);
  }
}
function __tmThrown(error) {
  if (error instanceof Error) return { name: String(error.name), message: String(error.message) };
  return { name: null, message: null, value: __tmDescribe(error, 0, new Set()) };
}
function __tmFingerprint(watch, stat) {
  return watch.map((file) => {
    try {
      const s = stat(file);
      return s.size + ':' + s.mtimeMs + ':' + s.ino;
    } catch {
      return 'gone';
    }
  });
}
async function __tmProbe(calls, outPath, waitMs, append, watch = [], stat = null) {
  for (const call of calls) {
    append(outPath, JSON.stringify({ target: call.target, index: call.index, start: true }) + '\n');
    const before = __tmFingerprint(watch, stat);
    let outcome;
    try {
      const value = call.run();
      if (value !== null && (typeof value === 'object' || typeof value === 'function') && typeof value.then === 'function') {
        let timer;
        const waited = new Promise((resolve) => { timer = setTimeout(() => resolve({ pending: true }), waitMs); });
        const settled = await Promise.race([Promise.resolve(value).then((result) => ({ result }), (error) => ({ error })), waited]);
        clearTimeout(timer);
        if ('pending' in settled) outcome = { kind: 'pending', waitedMs: waitMs };
        else if ('error' in settled) outcome = { kind: 'rejected', error: __tmThrown(settled.error) };
        else outcome = { kind: 'resolved', value: __tmDescribe(settled.result, 0, new Set()) };
      } else {
        outcome = { kind: 'returned', value: __tmDescribe(value, 0, new Set()) };
      }
    } catch (error) {
      outcome = { kind: 'threw', error: __tmThrown(error) };
    }
    const after = __tmFingerprint(watch, stat);
    const wrote = watch.filter((_, i) => before[i] !== after[i]);
    append(outPath, JSON.stringify(wrote.length > 0 ? { target: call.target, index: call.index, outcome, wrote } : { target: call.target, index: call.index, outcome }) + '\n');
  }
}
`;
