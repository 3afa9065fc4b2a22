/**
 * Mergeable summaries of columns: each has `add`, a bulk add over typed arrays, `merge` (in place, same
 * parameters required), `toJSON`/`fromJSON` and a documented error bound.
 */
export { Moments, MOMENTS_BLOCK, type MomentsJSON } from "./moments.js";
export { KllSketch, type KllOptions, type KllJSON } from "./kll.js";
export { HyperLogLog, type HyperLogLogOptions, type HyperLogLogJSON } from "./hyperloglog.js";
export { hashNumber, hashString } from "./hash.js";
export {
  HeavyHitters,
  type HeavyHitter,
  type HeavyHittersOptions,
  type HeavyHittersJSON,
} from "./heavy-hitters.js";
export {
  EqualWidthHistogram,
  quantileHistogram,
  type EqualWidthHistogramJSON,
  type QuantileHistogram,
} from "./histogram.js";
