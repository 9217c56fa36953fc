/**
 * Whether an analysis is running: every call into the pipeline worker counts as one. The update flow reads it, so
 * that a new version of the app is only offered (and only applied) while nothing runs.
 */
export class Activity extends EventTarget {
  private running = 0;

  get busy(): boolean {
    return this.running > 0;
  }

  /** Marks the start of a piece of work; call the returned function once when it ends (either way). */
  begin(): () => void {
    this.running++;
    if (this.running === 1) this.dispatchEvent(new Event('change'));
    let ended = false;
    return () => {
      if (ended) return;
      ended = true;
      this.running--;
      if (this.running === 0) this.dispatchEvent(new Event('change'));
    };
  }

  /** Runs `work`, counted as busy until its promise settles. */
  async track<T>(work: () => Promise<T>): Promise<T> {
    const end = this.begin();
    try {
      return await work();
    } finally {
      end();
    }
  }
}

/**
 * Wraps an object (the pipeline client) so that each of its methods that returns a promise counts as activity until
 * that promise settles. Methods added to the client later are covered without change here; sub-clients held in
 * properties (e.g. `research`) are covered when named in `nested`.
 */
export function trackCalls<T extends object>(target: T, activity: Activity, nested: (keyof T & string)[] = []): T {
  const wrappedChildren = new Map<string, object>();
  return new Proxy(target, {
    get(obj, key) {
      const value = Reflect.get(obj, key, obj) as unknown;
      if (typeof key === 'string' && (nested as string[]).includes(key) && typeof value === 'object' && value !== null) {
        // One proxy per child, so that the property keeps its identity (lit re-renders on a new object).
        if (!wrappedChildren.has(key)) wrappedChildren.set(key, trackCalls(value, activity));
        return wrappedChildren.get(key);
      }
      if (typeof value !== 'function') return value;
      return (...args: unknown[]) => {
        const end = activity.begin();
        let out: unknown;
        try {
          out = (value as (...a: unknown[]) => unknown).apply(obj, args);
        } catch (e) {
          end();
          throw e;
        }
        if (out instanceof Promise) out.then(end, end);
        else end();
        return out;
      };
    },
  });
}
