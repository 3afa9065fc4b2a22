import { KllSketch } from "../../sketch/kll.js";

/**
 * The KLL sketch of a numeric feature, built on first use from the values it was given. An in-memory profile with
 * exact quantiles needs no sketch until it is merged, saved (`toState`) or compared from its sketches, so it pays
 * for one only then. Until then it keeps a reference to the finite values it profiled (no copy when the column had
 * no missing or non-finite values: do not modify a column's array after profiling it, or build the sketches at once
 * with `profile(data, { sketches: "eager" })`).
 */
export class LazyKll {
  readonly k: number;
  #sketch: KllSketch | undefined;
  #values: Float64Array | undefined;

  constructor(k: number, source: Float64Array | KllSketch) {
    this.k = k;
    if (source instanceof KllSketch) this.#sketch = source;
    else this.#values = source;
  }

  /** The sketch when built, else undefined (no work done). */
  get built(): KllSketch | undefined {
    return this.#sketch;
  }

  /** The values a sketch will be built from, while it is not built yet. */
  get pendingValues(): Float64Array | undefined {
    return this.#values;
  }

  get sketch(): KllSketch {
    if (this.#sketch === undefined) {
      this.#sketch = new KllSketch({ k: this.k }).addArray(this.#values!);
      this.#values = undefined;
    }
    return this.#sketch;
  }
}
