/**
 * Exact quantiles by selection, with numpy's default definition (linear interpolation between the order statistics
 * at positions floor(h) and ceil(h), h = (n - 1) q; numpy.quantile(method="linear"), pandas.describe).
 *
 * Selects all needed order statistics in one recursive multi-select (three-way partitioning around the median of three pseudo-random elements),
 * expected O(n log m) for m quantiles, instead of an O(n log n) sort.
 *
 * @param values finite values; the array is reordered in place (pass a copy to keep the original order)
 * @param probabilities quantile levels in [0, 1]
 */
export function exactQuantiles(values: Float64Array, probabilities: readonly number[]): number[] {
  const n = values.length;
  if (n === 0) return probabilities.map(() => NaN);
  const ranks = new Set<number>();
  for (const q of probabilities) {
    const h = (n - 1) * q;
    ranks.add(Math.floor(h));
    ranks.add(Math.ceil(h));
  }
  const sortedRanks = [...ranks].sort((a, b) => a - b);
  multiSelect(values, 0, n - 1, sortedRanks, 0, sortedRanks.length - 1);
  return probabilities.map((q) => {
    const h = (n - 1) * q;
    const lo = Math.floor(h);
    const hi = Math.ceil(h);
    const a = values[lo];
    if (lo === hi) return a;
    const b = values[hi];
    // numpy's _lerp: a + (b - a) * t, switching to b - (b - a) * (1 - t) when t >= 0.5 for monotonicity.
    const t = h - lo;
    const diff = b - a;
    return t >= 0.5 ? b - diff * (1 - t) : a + diff * t;
  });
}

function multiSelect(
  values: Float64Array,
  left: number,
  right: number,
  ranks: readonly number[],
  rankLo: number,
  rankHi: number,
): void {
  while (rankLo <= rankHi && left < right) {
    if (right - left < 32) {
      insertionSort(values, left, right);
      return;
    }
    const [lessEnd, greaterStart] = partition(values, left, right);
    // ranks < lessEnd+1 lie in [left, lessEnd]; ranks in (lessEnd, greaterStart) are pivot copies (already placed).
    let split = rankLo;
    while (split <= rankHi && ranks[split] <= lessEnd) split++;
    let after = split;
    while (after <= rankHi && ranks[after] < greaterStart) after++;
    // Recurse into the smaller side, loop on the other.
    if (split - rankLo < rankHi - after + 1) {
      multiSelect(values, left, lessEnd, ranks, rankLo, split - 1);
      left = greaterStart;
      rankLo = after;
    } else {
      multiSelect(values, greaterStart, right, ranks, after, rankHi);
      right = lessEnd;
      rankHi = split - 1;
    }
  }
}

let pivotState = 0x9e3779b9;

/** A deterministic pseudo-random index in [left, right] (xorshift32), so sorted or patterned input stays O(n). */
function randomIndex(left: number, right: number): number {
  pivotState ^= pivotState << 13;
  pivotState ^= pivotState >>> 17;
  pivotState ^= pivotState << 5;
  return left + ((pivotState >>> 0) % (right - left + 1));
}

/** Three-way partition around the median of three random elements; returns [end of < part, start of > part]. */
function partition(values: Float64Array, left: number, right: number): [number, number] {
  const a = values[randomIndex(left, right)];
  const b = values[randomIndex(left, right)];
  const c = values[randomIndex(left, right)];
  const pivot = a < b ? (b < c ? b : a < c ? c : a) : a < c ? a : b < c ? c : b;
  let lt = left;
  let gt = right;
  let i = left;
  while (i <= gt) {
    const v = values[i];
    if (v < pivot) {
      values[i] = values[lt];
      values[lt] = v;
      lt++;
      i++;
    } else if (v > pivot) {
      values[i] = values[gt];
      values[gt] = v;
      gt--;
    } else {
      i++;
    }
  }
  return [lt - 1, gt + 1];
}

function insertionSort(values: Float64Array, left: number, right: number): void {
  for (let i = left + 1; i <= right; i++) {
    const v = values[i];
    let j = i - 1;
    while (j >= left && values[j] > v) {
      values[j + 1] = values[j];
      j--;
    }
    values[j + 1] = v;
  }
}
