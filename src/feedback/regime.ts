import { studentTSf } from "../measures/student-t.js";
import { LOWER_IS_BETTER, type Band, type MetricName, type PerformanceAlarm, type Regime } from "./types.js";

const DAY = 86_400_000;

/** Decay faster than this (days to fall through the band half-width) is "very fast"; up to `SLOW_DAYS` "faster". */
export const VERY_FAST_DAYS = 7;
export const SLOW_DAYS = 60;

function days(ms: number | null): number | null {
  return ms === null ? null : ms / DAY;
}

/** Least-squares slope of y on x, its t statistic and two-sided p-value (n − 2 degrees of freedom). */
function slopeTest(x: readonly number[], y: readonly number[]): { slope: number; p: number } {
  const n = x.length;
  const mx = x.reduce((s, v) => s + v, 0) / n;
  const my = y.reduce((s, v) => s + v, 0) / n;
  let sxx = 0;
  let sxy = 0;
  for (let i = 0; i < n; i++) {
    sxx += (x[i] - mx) ** 2;
    sxy += (x[i] - mx) * (y[i] - my);
  }
  const slope = sxy / sxx;
  let rss = 0;
  for (let i = 0; i < n; i++) rss += (y[i] - my - slope * (x[i] - mx)) ** 2;
  const se = Math.sqrt(rss / (n - 2) / sxx);
  const t = se === 0 ? Infinity : Math.abs(slope / se);
  return { slope, p: 2 * studentTSf(t, n - 2) };
}

/**
 * How fast ground truth moves. The decay is the slope of the primary metric, in the worse direction, per day: from
 * the steepest gradual alarm's trend, or else from a straight line through the scored windows after the reference
 * when its slope is significant (p < 0.01). decayDays = 3σ (the band half-width) ÷ decay: the days a model takes to
 * fall out of its band. Regime: very fast (< 7 days: days or less), faster (< 60 days: weeks), slow (months, or no
 * decay measured). The cadence follows, and the label lag says whether labels can confirm a decay in time.
 */
export function regimeOf(input: {
  alarms: readonly PerformanceAlarm[];
  series: readonly { index: number; value: number }[];
  primary: MetricName;
  band: Band | null;
  referenceIndex: readonly number[];
  windowDays: number;
  lagMedianMs: number | null;
  lagP90Ms: number | null;
}): Regime {
  const sign = LOWER_IS_BETTER.has(input.primary) ? 1 : -1;
  const reasons: string[] = [];
  let decayPerDay: number | null = null;
  const lastReference = Math.max(...input.referenceIndex);
  for (const alarm of input.alarms) {
    if (alarm.type !== "gradual") continue;
    if (alarm.decayPerWindow !== null && alarm.decayPerWindow > 0) {
      const perDay = alarm.decayPerWindow / input.windowDays;
      if (decayPerDay === null || perDay > decayPerDay) decayPerDay = perDay;
    }
  }
  if (decayPerDay !== null) reasons.push(`gradual decay of ${input.primary} measured in the alarm(s)`);
  else {
    const after = input.series.filter((p) => p.index > lastReference);
    if (after.length >= 5) {
      const test = slopeTest(
        after.map((p) => p.index * input.windowDays),
        after.map((p) => p.value),
      );
      if (test.p < 0.01 && sign * test.slope > 0) {
        decayPerDay = sign * test.slope;
        reasons.push(
          `a significant trend of ${input.primary} after the reference (p = ${test.p.toExponential(1)})`,
        );
      } else
        reasons.push(
          `no significant trend of ${input.primary} in ${after.length} scored windows after the reference`,
        );
    }
  }
  const halfWidth = input.band === null ? null : 3 * input.band.std;
  const decayDays =
    decayPerDay === null || halfWidth === null || decayPerDay <= 0 ? null : halfWidth / decayPerDay;
  const regime: Regime["regime"] =
    decayDays === null
      ? "slow"
      : decayDays < VERY_FAST_DAYS
        ? "very fast"
        : decayDays < SLOW_DAYS
          ? "faster"
          : "slow";
  if (decayDays !== null && halfWidth !== null) {
    reasons.push(
      `${input.primary} moves ${decayPerDay?.toFixed(4)} per day; it crosses its band half-width (3σ = ${halfWidth.toFixed(3)}) in ${decayDays.toFixed(1)} days`,
    );
  }
  const lagP90 = days(input.lagP90Ms);
  const cadence =
    regime === "very fast"
      ? "retrain daily or continuously (online learning); use estimated performance and input drift as the alarm"
      : regime === "faster"
        ? "retrain weekly"
        : "retrain monthly to quarterly, or on alarm";
  if (lagP90 !== null) {
    reasons.push(`labels arrive with a p90 lag of ${lagP90.toFixed(1)} days`);
    if (decayDays !== null && lagP90 >= decayDays / 2) {
      reasons.push(
        "labels arrive too late to confirm a decay before the model leaves its band: watch estimated performance and feature drift in the meantime",
      );
    }
  }
  if (input.alarms.some((a) => a.type === "sudden")) {
    reasons.push(
      "sudden alarms are failures to fix at their cause (data, software); they do not set the cadence",
    );
  }
  return {
    regime,
    decayDays,
    decayPerDay,
    labelLagMedianDays: days(input.lagMedianMs),
    labelLagP90Days: lagP90,
    cadence,
    reasons,
  };
}
