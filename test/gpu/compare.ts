/**
 * Bit-for-bit comparison of a GPU result with its CPU twin's, framework-free so that the Node (vitest) and browser
 * (web-test-runner + chai) GPU tests share it: returns a readable description of the first difference, or null.
 * Typed arrays must have the same type and length and Object.is-equal elements (so -0 differs from +0).
 */
export function firstMismatch(actual: unknown, expected: unknown, path = 'result'): string | null {
  if (ArrayBuffer.isView(actual) || ArrayBuffer.isView(expected)) {
    if (!ArrayBuffer.isView(actual) || !ArrayBuffer.isView(expected)) return `${path}: one side is not a typed array`;
    const a = actual as unknown as ArrayLike<number> & { constructor: { name: string } };
    const e = expected as unknown as ArrayLike<number> & { constructor: { name: string } };
    if (a.constructor.name !== e.constructor.name) return `${path}: ${a.constructor.name} vs ${e.constructor.name}`;
    if (a.length !== e.length) return `${path}: length ${a.length} vs ${e.length}`;
    for (let i = 0; i < a.length; i++) if (!Object.is(a[i], e[i])) return `${path}[${i}]: ${a[i]} vs ${e[i]}`;
    return null;
  }
  if (Array.isArray(actual) || Array.isArray(expected)) {
    if (!Array.isArray(actual) || !Array.isArray(expected)) return `${path}: one side is not an array`;
    if (actual.length !== expected.length) return `${path}: length ${actual.length} vs ${expected.length}`;
    for (let i = 0; i < actual.length; i++) {
      const m = firstMismatch(actual[i], expected[i], `${path}[${i}]`);
      if (m) return m;
    }
    return null;
  }
  if (actual !== null && expected !== null && typeof actual === 'object' && typeof expected === 'object') {
    const keys = new Set([...Object.keys(actual), ...Object.keys(expected)]);
    for (const k of keys) {
      const m = firstMismatch((actual as Record<string, unknown>)[k], (expected as Record<string, unknown>)[k], `${path}.${k}`);
      if (m) return m;
    }
    return null;
  }
  return Object.is(actual, expected) ? null : `${path}: ${String(actual)} vs ${String(expected)}`;
}
