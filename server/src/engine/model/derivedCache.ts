/**
 * A value derived from one object of a check (a section, the report's line index) and kept on that
 * object, so that it lives and dies with it.
 *
 * A WeakMap would say the same on paper, but V8's young-generation collector treats WeakMap entries as
 * live until a full collection: every check's model stayed reachable through the query caches and was
 * promoted to the old generation (1.3 MB per scavenge, about 13 % of a check's time; docs/benchmarks.md).
 * A property on the owner is freed with it by the next scavenge. The property's key is a symbol: invisible
 * to JSON, structured cloning (postMessage), `Object.keys` and `for…in`. It is added by assignment, not
 * `Object.defineProperty` (which would make it non-enumerable): defining a property is a slow path in V8,
 * ten times an assignment, once for each section of each check (measured: 2–3 % of a check). Being
 * enumerable, it would be copied by an object spread, so the model's objects are never spread (a copy
 * would share the original's cache); deep comparisons of model objects compare their `SLOTS` too. An owner
 * that cannot take it (frozen) is not cached.
 *
 * All caches of an owner share one such property, an array with a slot per cache: one property per owner
 * rather than one per owner and cache.
 */
const SLOTS = Symbol('derived');

/** Caches are made once, at module level: each takes the next slot of every owner's array. */
let nextSlot = 0;

type Owned = { [SLOTS]?: unknown[] };

export class DerivedCache<Owner extends object, Value> {
  private readonly slot: number;

  /** `name` says what is cached, for a reader of the code and of heap snapshots. */
  constructor(readonly name: string) {
    this.slot = nextSlot++;
  }

  get(owner: Owner): Value | undefined {
    const slots = (owner as Owned)[SLOTS];
    return slots === undefined ? undefined : (slots[this.slot] as Value | undefined);
  }

  set(owner: Owner, value: Value): void {
    let slots = (owner as Owned)[SLOTS];
    if (slots === undefined) {
      if (!Object.isExtensible(owner)) return;
      slots = [];
      (owner as Owned)[SLOTS] = slots;
    }
    slots[this.slot] = value;
  }
}
