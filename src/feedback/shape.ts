/**
 * Sudden or gradual: which shape explains a metric's series around an alarm best. Three models are fitted by least
 * squares to the points (t = window index, y = metric value) and compared by BIC = m ln(RSS/m) + p ln m:
 * - pulse: a run of 1–3 windows covering the first alarmed one at its own level, the rest at another (a one-day
 *   failure that recovers; p = 4);
 * - step: one level before a window, another from it on (a level shift; p = 3);
 * - trend: flat, then a straight decline from a hinge window on (a slow decay; p = 3).
 * Pulse or step → sudden; trend → gradual, unless its hinge is at most one window before the first alarmed window
 * (a cliff, not a trend).
 */

export interface ShapeFit {
  type: "sudden" | "gradual";
  model: "pulse" | "step" | "trend";
  bic: { pulse: number; step: number; trend: number };
  /** Pulse: first and last point of the run; step: first point after the shift; trend: the hinge. */
  from: number;
  to: number;
  /** Mean before / inside (pulse) or after (step); trend: the slope per window. */
  levelBefore: number;
  levelAfter: number;
  slope: number;
}

function sumSquares(y: readonly number[], from: number, to: number): { rss: number; mean: number } {
  let s = 0;
  for (let i = from; i < to; i++) s += y[i];
  const mean = s / Math.max(1, to - from);
  let rss = 0;
  for (let i = from; i < to; i++) rss += (y[i] - mean) ** 2;
  return { rss, mean };
}

function bic(rss: number, m: number, p: number): number {
  return m * Math.log(Math.max(rss, 1e-12) / m) + p * Math.log(m);
}

/**
 * Fits the three shapes to `t`, `y` (t increasing) and classifies. `start` is the index in `t`/`y` of the first
 * alarmed point. O(m²).
 */
export function fitShape(t: readonly number[], y: readonly number[], start: number): ShapeFit {
  const m = y.length;
  // Pulse.
  let pulse = { rss: Infinity, from: start, to: start, inside: NaN, outside: NaN };
  for (let a = Math.max(0, start - 2); a <= start; a++) {
    for (let len = 1; len <= 3 && a + len <= m; len++) {
      if (a + len <= start) continue;
      const inside = sumSquares(y, a, a + len);
      const rest = [...y.slice(0, a), ...y.slice(a + len)];
      if (rest.length < 2) continue;
      const outside = sumSquares(rest, 0, rest.length);
      const rss = inside.rss + outside.rss;
      if (rss < pulse.rss)
        pulse = { rss, from: a, to: a + len - 1, inside: inside.mean, outside: outside.mean };
    }
  }
  // Step.
  let step = { rss: Infinity, at: start, before: NaN, after: NaN };
  for (let k = 2; k <= m - 2; k++) {
    const left = sumSquares(y, 0, k);
    const right = sumSquares(y, k, m);
    if (left.rss + right.rss < step.rss)
      step = { rss: left.rss + right.rss, at: k, before: left.mean, after: right.mean };
  }
  // Trend: y = c + β · max(0, t − t_k).
  let trend = { rss: Infinity, at: 0, level: NaN, slope: 0 };
  for (let k = 0; k <= m - 3; k++) {
    let sx = 0;
    let sy = 0;
    let sxx = 0;
    let sxy = 0;
    for (let i = 0; i < m; i++) {
      const x = Math.max(0, t[i] - t[k]);
      sx += x;
      sy += y[i];
      sxx += x * x;
      sxy += x * y[i];
    }
    const denominator = m * sxx - sx * sx;
    if (denominator <= 0) continue;
    const slope = (m * sxy - sx * sy) / denominator;
    const level = (sy - slope * sx) / m;
    let rss = 0;
    for (let i = 0; i < m; i++) rss += (y[i] - level - slope * Math.max(0, t[i] - t[k])) ** 2;
    if (rss < trend.rss) trend = { rss, at: k, level, slope };
  }
  const scores = { pulse: bic(pulse.rss, m, 4), step: bic(step.rss, m, 3), trend: bic(trend.rss, m, 3) };
  const best =
    scores.trend < Math.min(scores.pulse, scores.step)
      ? "trend"
      : scores.pulse <= scores.step
        ? "pulse"
        : "step";
  if (best === "trend" && t[start] - t[trend.at] > 1) {
    return {
      type: "gradual",
      model: "trend",
      bic: scores,
      from: trend.at,
      to: m - 1,
      levelBefore: trend.level,
      levelAfter: trend.level + trend.slope * (t[m - 1] - t[trend.at]),
      slope: trend.slope,
    };
  }
  if (best === "pulse" || (best === "trend" && scores.pulse <= scores.step)) {
    return {
      type: "sudden",
      model: "pulse",
      bic: scores,
      from: pulse.from,
      to: pulse.to,
      levelBefore: pulse.outside,
      levelAfter: pulse.inside,
      slope: 0,
    };
  }
  return {
    type: "sudden",
    model: "step",
    bic: scores,
    from: step.at,
    to: m - 1,
    levelBefore: step.before,
    levelAfter: step.after,
    slope: 0,
  };
}
