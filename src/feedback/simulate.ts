import { seededRandom } from "../measures/bootstrap.js";

const DAY = 86_400_000;

/** Options of {@link simulateDeployment}. Defaults depend on the seed so that every seed is a different deployment. */
export interface DeploymentOptions {
  /** Days of predictions. Default 100. */
  days?: number;
  /** Predictions per day. Default 400. */
  perDay?: number;
  /** First day (UTC). Default 2026-01-05. */
  start?: Date;
  /** Day (0-based) the temperature sensor is stuck at 0. Default 35 + seed mod 15. */
  failureDay?: number;
  /** Day (0-based) `load` starts to climb into the range where its effect reverses. Default 55 + seed mod 6. */
  driftStart?: number;
  /** Median label lag in days (exponential lags). Default 2. */
  medianLagDays?: number;
}

/** A simulated deployment: predictions, late labels, and what really happened. */
export interface Deployment {
  /** Columns: id, ts, temperature, pressure, load, region, score, prediction. */
  predictions: Record<string, unknown[]>;
  /** Columns: id, y, labeled_at (late; some corrected, some for unknown ids). */
  actuals: Record<string, unknown[]>;
  truth: { failureDay: string; driftStart: string; asOf: Date; seed: number };
}

function normal(random: () => number): number {
  const u = Math.max(random(), 1e-12);
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random());
}

function sigmoid(x: number): number {
  return 1 / (1 + Math.exp(-x));
}

/**
 * A seeded simulated deployment for examples and tests. A model scores `perDay` cases a day from four inputs
 * (temperature, pressure, load, region) with the logistic model that was true when it was trained, so it is
 * calibrated at first. Two things go wrong: on `failureDay` the temperature sensor is stuck at 0 for the whole day
 * (a sudden failure; the model's scores collapse), and from `driftStart` on `load` climbs slowly, 0.012 a day, into a
 * range where its true effect reverses (the world changed; a gradual decay). Labels arrive with exponential lags
 * (median `medianLagDays`), 4 % never; 2 % of labels are corrected a few days later, 3 prediction rows are
 * duplicated and 20 labels belong to no prediction. The as-of time is the day after the last prediction.
 */
export function simulateDeployment(seed: number, options: DeploymentOptions = {}): Deployment {
  const random = seededRandom(seed * 7919 + 17);
  const days = options.days ?? 100;
  const perDay = options.perDay ?? 400;
  const start = (options.start ?? new Date("2026-01-05T00:00:00Z")).getTime();
  const failureDay = options.failureDay ?? 35 + (seed % 15);
  const driftStart = options.driftStart ?? 55 + (seed % 6);
  const medianLag = options.medianLagDays ?? 2;
  const predictions: Record<string, unknown[]> = {
    id: [],
    ts: [],
    temperature: [],
    pressure: [],
    load: [],
    region: [],
    score: [],
    prediction: [],
  };
  const actuals: Record<string, unknown[]> = { id: [], y: [], labeled_at: [] };
  const asOf = start + days * DAY;
  let id = 0;
  for (let day = 0; day < days; day++) {
    const climb = Math.max(0, day - driftStart) * 0.012;
    for (let k = 0; k < perDay; k++) {
      const t = start + day * DAY + Math.floor(random() * DAY);
      const temperature = 20 + 5 * normal(random);
      const pressure = 1000 + 10 * normal(random);
      const load = Math.min(1.6, Math.max(0, 0.5 + 0.15 * normal(random) + climb));
      const region = random() < 0.5 ? "north" : random() < 0.6 ? "south" : "east";
      const base =
        1.6 * ((temperature - 20) / 5) + 0.4 * ((pressure - 1000) / 10) + (region === "south" ? 0.5 : 0);
      // The model learned "more load, more positives"; above 0.75 (unseen in training) the true effect reverses.
      const truth = base + (load <= 0.75 ? 3 * (load - 0.5) : 0.75 - 5 * (load - 0.75));
      const y = random() < sigmoid(truth) ? 1 : 0;
      const measured = day === failureDay ? 0 : temperature;
      const modelLogit =
        1.6 * ((measured - 20) / 5) +
        0.4 * ((pressure - 1000) / 10) +
        (region === "south" ? 0.5 : 0) +
        3 * (load - 0.5);
      const score = sigmoid(modelLogit);
      const key = `p${String(id++).padStart(6, "0")}`;
      predictions.id.push(key);
      predictions.ts.push(new Date(t));
      predictions.temperature.push(Math.round(measured * 100) / 100);
      predictions.pressure.push(Math.round(pressure * 10) / 10);
      predictions.load.push(Math.round(load * 1000) / 1000);
      predictions.region.push(region);
      predictions.score.push(Math.round(score * 10000) / 10000);
      predictions.prediction.push(score >= 0.5 ? 1 : 0);
      if (random() < 0.04) continue;
      const lag = -Math.log(Math.max(random(), 1e-12)) * (medianLag / Math.LN2) * DAY;
      actuals.id.push(key);
      actuals.y.push(y);
      actuals.labeled_at.push(new Date(t + lag));
      if (random() < 0.02) {
        // A first, wrong label, corrected later: the correction is the one that counts.
        const last = actuals.y.length - 1;
        actuals.y[last] = 1 - y;
        actuals.id.push(key);
        actuals.y.push(y);
        actuals.labeled_at.push(new Date(t + lag + (1 + random() * 3) * DAY));
      }
    }
  }
  for (let d = 0; d < 3; d++) {
    for (const column of Object.keys(predictions)) predictions[column].push(predictions[column][d * 1000]);
  }
  for (let o = 0; o < 20; o++) {
    actuals.id.push(`unknown${o}`);
    actuals.y.push(o % 2);
    actuals.labeled_at.push(new Date(start + o * DAY));
  }
  const dayLabel = (d: number): string => new Date(start + d * DAY).toISOString().slice(0, 10);
  return {
    predictions,
    actuals,
    truth: { failureDay: dayLabel(failureDay), driftStart: dayLabel(driftStart), asOf: new Date(asOf), seed },
  };
}
