// Runs in every test file's realm before its tests.
//
// jest runs each test file in its own realm (a vm context) but hands it some of Node's own
// globals, which build their results in Node's realm: a plain object from them has another
// Object.prototype than a literal in the test, and node:assert's deepStrictEqual tells the two
// apart ("Compared values have no visual difference"). The two that tests meet are
// structuredClone and fetch's response.json(); both give results made in this realm here, so
// they compare as they do outside jest.
const nodeStructuredClone = globalThis.structuredClone;

function intoThisRealm(value: unknown, seen: Map<object, unknown>): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (seen.has(value)) return seen.get(value);
  const tag = Object.prototype.toString.call(value);
  if (tag === '[object Array]') {
    const copy: unknown[] = [];
    seen.set(value, copy);
    for (const [i, item] of (value as unknown[]).entries()) copy[i] = intoThisRealm(item, seen);
    copy.length = (value as unknown[]).length;
    return copy;
  }
  if (tag === '[object Map]') {
    const copy = new Map();
    seen.set(value, copy);
    for (const [k, v] of value as Map<unknown, unknown>) copy.set(intoThisRealm(k, seen), intoThisRealm(v, seen));
    return copy;
  }
  if (tag === '[object Set]') {
    const copy = new Set();
    seen.set(value, copy);
    for (const v of value as Set<unknown>) copy.add(intoThisRealm(v, seen));
    return copy;
  }
  if (tag === '[object Date]') return new Date((value as Date).getTime());
  if (tag === '[object RegExp]') return new RegExp((value as RegExp).source, (value as RegExp).flags);
  if (tag === '[object Object]') {
    // structuredClone only ever returns plain objects for this tag.
    const copy: Record<string, unknown> = Object.getPrototypeOf(value) === null ? Object.create(null) : {};
    seen.set(value, copy);
    for (const key of Object.keys(value)) copy[key] = intoThisRealm((value as Record<string, unknown>)[key], seen);
    return copy;
  }
  // Typed arrays, buffers, errors and the rest stay as Node made them; jest shares Node's
  // Buffer, ArrayBuffer and Uint8Array with the tests anyway.
  return value;
}

globalThis.structuredClone = ((value: unknown, options?: Parameters<typeof structuredClone>[1]) =>
  intoThisRealm(nodeStructuredClone(value, options), new Map())) as typeof structuredClone;

const nodeFetch = globalThis.fetch;
globalThis.fetch = (async (...args: Parameters<typeof fetch>) => {
  const response = await nodeFetch(...args);
  // This realm's JSON.parse, on the same body text.
  Object.defineProperty(response, 'json', { value: async () => JSON.parse(await response.text()) as unknown });
  return response;
}) as typeof fetch;
