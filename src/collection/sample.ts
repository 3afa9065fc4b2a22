import { seededRandom } from "../measures/index.js";

/**
 * At most `limit` of `rows`, drawn without replacement by a seeded partial Fisher–Yates shuffle and returned in
 * ascending order; all of them when there are no more than `limit`. O(rows).
 */
export function sampleRows(rows: Int32Array, limit: number, seed: number): Int32Array {
  if (rows.length <= limit) return rows;
  const pool = rows.slice();
  const random = seededRandom(seed);
  for (let i = 0; i < limit; i++) {
    const j = i + Math.floor(random() * (pool.length - i));
    const t = pool[i];
    pool[i] = pool[j];
    pool[j] = t;
  }
  return pool.subarray(0, limit).sort();
}
