/**
 * A value derived from one object of a check (a section, the report's line index) and kept on that
 * object, so that it lives and dies with it.
 *
 * A WeakMap would say the same on paper, but V8's young-generation collector treats WeakMap entries as
 * live until a full collection: every check's model stayed reachable through the query caches and was
 * promoted to the old generation (1.3 MB per scavenge, about 13 % of a check's time; docs/benchmarks.md).
 * A property on the owner is freed with it by the next scavenge. The property is a non-enumerable symbol:
 * invisible to JSON, object spreads and deep comparisons. An owner that cannot take it (frozen) is not cached.
 */
export class DerivedCache<Owner extends object, Value> {
  private readonly key: symbol;

  constructor(name: string) {
    this.key = Symbol(name);
  }

  get(owner: Owner): Value | undefined {
    return (owner as Record<symbol, Value | undefined>)[this.key];
  }

  set(owner: Owner, value: Value): void {
    if (!Object.isExtensible(owner)) return;
    Object.defineProperty(owner, this.key, { value, writable: true, configurable: true, enumerable: false });
  }
}
