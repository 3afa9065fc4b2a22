import { Dataset } from "../data/column.js";
import { fromColumns } from "../data/records.js";
import { DriftlabError } from "../errors.js";
import { seededRandom } from "../measures/bootstrap.js";

/**
 * The synthetic panels with a known truth that skew() is tested on (and that the skew notebook shows):
 * two seeded samples, "training" and "serving", of a binary label `y` (0/1) with numeric features x1, x2, x4 and a
 * categorical x3 ("a", "b", "c"), plus `score`, the true training P(y = 1 | x).
 * - `none`: the same process on both sides.
 * - `covariate`: serving x1 ~ N(1, 1) instead of N(0, 1); P(y | x) unchanged.
 * - `label`: y is drawn first, P(y = 1) 0.3 → 0.6, and x | y the same on both sides.
 * - `concept`: P(x) unchanged; the effect of x2 on y flips sign (−1 → +1).
 * - `covariate+concept`: both of the above.
 * - `keyed`: serving is the training rows re-logged with planted per-example skew (see {@link keyedPanel}).
 * In every panel x4 is noise and the logistic model of y | x is well specified.
 */
export type SkewPanel = "none" | "covariate" | "label" | "concept" | "covariate+concept";

/** The panels {@link skewPanel} generates. */
export const SKEW_PANELS: readonly SkewPanel[] = [
  "none",
  "covariate",
  "label",
  "concept",
  "covariate+concept",
];

/** Options of {@link skewPanel}. */
export interface SkewPanelOptions {
  /** Rows per side. Default 5000. */
  n?: number;
  /** Seed; the same seed gives the same data. Default 1. */
  seed?: number;
  /** Serving P(y = 1) of the `label` panel (training is 0.3). Default 0.6. */
  servingPrior?: number;
}

/** Standard normal draws by Box–Muller from a uniform generator. */
export function normalGenerator(random: () => number): () => number {
  let spare: number | null = null;
  return () => {
    if (spare !== null) {
      const s = spare;
      spare = null;
      return s;
    }
    const u = 1 - random();
    const v = random();
    const r = Math.sqrt(-2 * Math.log(u));
    spare = r * Math.sin(2 * Math.PI * v);
    return r * Math.cos(2 * Math.PI * v);
  };
}

const CATEGORIES = ["a", "b", "c"] as const;
const CATEGORY_EFFECT = { a: 0, b: 0.5, c: -0.5 } as const;

function logistic(eta: number): number {
  return 1 / (1 + Math.exp(-eta));
}

function pick(random: () => number, probabilities: readonly number[]): number {
  const u = random();
  let cumulative = 0;
  for (let k = 0; k < probabilities.length; k++) {
    cumulative += probabilities[k];
    if (u < cumulative) return k;
  }
  return probabilities.length - 1;
}

interface Rows {
  x1: Float64Array;
  x2: Float64Array;
  x3: string[];
  x4: Float64Array;
  y: Float64Array;
  score: Float64Array;
}

/** x first: y ~ Bernoulli(σ(−0.5 + x1 + b2·x2 + effect(x3))). `score` is the training model's P(y = 1 | x). */
function covariateFirst(n: number, seed: number, mean1: number, b2: number): Rows {
  const random = seededRandom(seed);
  const normal = normalGenerator(random);
  const rows: Rows = {
    x1: new Float64Array(n),
    x2: new Float64Array(n),
    x3: [],
    x4: new Float64Array(n),
    y: new Float64Array(n),
    score: new Float64Array(n),
  };
  for (let i = 0; i < n; i++) {
    const x1 = mean1 + normal();
    const x2 = normal();
    const x3 = CATEGORIES[pick(random, [0.5, 0.3, 0.2])];
    const x4 = normal();
    const base = -0.5 + x1 + CATEGORY_EFFECT[x3];
    rows.x1[i] = x1;
    rows.x2[i] = x2;
    rows.x3.push(x3);
    rows.x4[i] = x4;
    rows.y[i] = random() < logistic(base + b2 * x2) ? 1 : 0;
    rows.score[i] = logistic(base - x2);
  }
  return rows;
}

/**
 * y first (label shift): x1 | y ~ N(1.2 y, 1), x2 | y ~ N(−0.8 y, 1), x3 | y categorical, x4 noise, so P(y | x) is
 * logistic in x1, x2 and x3 and changes with P(y) only through the intercept (Bayes).
 */
function labelFirst(n: number, seed: number, prior: number): Rows {
  const random = seededRandom(seed);
  const normal = normalGenerator(random);
  const x3Given = [
    [0.5, 0.3, 0.2],
    [0.3, 0.3, 0.4],
  ];
  const rows: Rows = {
    x1: new Float64Array(n),
    x2: new Float64Array(n),
    x3: [],
    x4: new Float64Array(n),
    y: new Float64Array(n),
    score: new Float64Array(n),
  };
  const trainingPrior = 0.3;
  for (let i = 0; i < n; i++) {
    const y = random() < prior ? 1 : 0;
    const x1 = 1.2 * y + normal();
    const x2 = -0.8 * y + normal();
    const c = pick(random, x3Given[y]);
    rows.x1[i] = x1;
    rows.x2[i] = x2;
    rows.x3.push(CATEGORIES[c]);
    rows.x4[i] = normal();
    rows.y[i] = y;
    // Bayes with the training prior: log-odds = log(p/(1−p)) + log N(x1;1.2,1)/N(x1;0,1) + ... + log P(x3|1)/P(x3|0)
    const logOdds =
      Math.log(trainingPrior / (1 - trainingPrior)) +
      (1.2 * x1 - 0.72) +
      (-0.8 * x2 - 0.32) +
      Math.log(x3Given[1][c] / x3Given[0][c]);
    rows.score[i] = logistic(logOdds);
  }
  return rows;
}

function toDatasetOf(rows: Rows, source: string, ids?: Float64Array): Dataset {
  const columns: Record<string, ArrayLike<unknown>> = {};
  if (ids !== undefined) columns.id = ids;
  columns.x1 = rows.x1;
  columns.x2 = rows.x2;
  columns.x3 = rows.x3;
  columns.x4 = rows.x4;
  columns.y = rows.y;
  columns.score = rows.score;
  return fromColumns(columns, { source });
}

/**
 * One synthetic panel: `{ training, serving }` with a known kind of shift (see {@link SkewPanel}).
 *
 * @example const { training, serving } = skewPanel("label", { seed: 3 }); skew(training, serving, { label: "y" })
 */
export function skewPanel(
  panel: SkewPanel,
  options: SkewPanelOptions = {},
): { training: Dataset; serving: Dataset } {
  const n = options.n ?? 5000;
  const seed = options.seed ?? 1;
  // Two streams per seed, one per side, far apart.
  const trainingSeed = (seed * 2654435761) >>> 0;
  const servingSeed = (trainingSeed + 0x9e3779b9) >>> 0;
  switch (panel) {
    case "none":
      return {
        training: toDatasetOf(covariateFirst(n, trainingSeed, 0, -1), "training"),
        serving: toDatasetOf(covariateFirst(n, servingSeed, 0, -1), "serving"),
      };
    case "covariate":
      return {
        training: toDatasetOf(covariateFirst(n, trainingSeed, 0, -1), "training"),
        serving: toDatasetOf(covariateFirst(n, servingSeed, 1, -1), "serving"),
      };
    case "label":
      return {
        training: toDatasetOf(labelFirst(n, trainingSeed, 0.3), "training"),
        serving: toDatasetOf(labelFirst(n, servingSeed, options.servingPrior ?? 0.6), "serving"),
      };
    case "concept":
      return {
        training: toDatasetOf(covariateFirst(n, trainingSeed, 0, -1), "training"),
        serving: toDatasetOf(covariateFirst(n, servingSeed, 0, 1), "serving"),
      };
    case "covariate+concept":
      return {
        training: toDatasetOf(covariateFirst(n, trainingSeed, 0, -1), "training"),
        serving: toDatasetOf(covariateFirst(n, servingSeed, 1, 1), "serving"),
      };
    default:
      throw new DriftlabError(
        "INVALID_OPTION",
        `Unknown skew panel "${String(panel)}". Panels: ${SKEW_PANELS.join(", ")}.`,
        { subject: "panel" },
      );
  }
}

/** What {@link keyedPanel} planted, to check a report against. */
export interface PlantedKeyedSkew {
  /** Ids dropped from serving (only in training). */
  onlyInTraining: number;
  /** New ids in serving. */
  onlyInServing: number;
  /** Serving ids logged twice. */
  duplicatedInServing: number;
  /** Joined rows whose x1 moved by +0.5 (beyond any small tolerance). */
  x1Mismatches: number;
  /** Joined rows whose x2 moved by at most 1e-9 (within a tolerance of 1e-6). */
  x2WithinTolerance: number;
  /** Joined rows whose x3 changed from "a" to "b". */
  x3Mismatches: number;
  /** Joined rows whose x4 is missing in serving. */
  x4MissingInServing: number;
}

/**
 * A keyed panel: serving holds the training rows again (same `id`), as a feature pipeline re-logged them, with
 * planted per-example skew: 2 % of x1 shifted by +0.5, 3 % of x2 moved by ≤ 1e-9, 1 % of x3 "a" → "b" (rows that
 * were "a"), 5 % of x4 missing, 50 ids dropped, 30 new ids and 10 ids logged twice.
 */
export function keyedPanel(options: { n?: number; seed?: number } = {}): {
  training: Dataset;
  serving: Dataset;
  planted: PlantedKeyedSkew;
} {
  const n = options.n ?? 5000;
  const seed = options.seed ?? 1;
  const base = covariateFirst(n, (seed * 2654435761) >>> 0, 0, -1);
  const random = seededRandom((seed * 40503 + 7) >>> 0);
  const ids = Float64Array.from({ length: n }, (_, i) => i + 1);
  const training = toDatasetOf(base, "training", ids);
  const planted: PlantedKeyedSkew = {
    onlyInTraining: 50,
    onlyInServing: 30,
    duplicatedInServing: 10,
    x1Mismatches: 0,
    x2WithinTolerance: 0,
    x3Mismatches: 0,
    x4MissingInServing: 0,
  };
  const servingIds: number[] = [];
  const x1: number[] = [];
  const x2: number[] = [];
  const x3: string[] = [];
  const x4: (number | null)[] = [];
  const y: number[] = [];
  const score: number[] = [];
  for (let i = planted.onlyInTraining; i < n; i++) {
    servingIds.push(ids[i]);
    let v1 = base.x1[i];
    if (random() < 0.02) {
      v1 += 0.5;
      planted.x1Mismatches++;
    }
    let v2 = base.x2[i];
    if (random() < 0.03) {
      v2 += (random() - 0.5) * 2e-9;
      if (v2 !== base.x2[i]) planted.x2WithinTolerance++;
    }
    let v3 = base.x3[i];
    if (v3 === "a" && random() < 0.02) {
      v3 = "b";
      planted.x3Mismatches++;
    }
    let v4: number | null = base.x4[i];
    if (random() < 0.05) {
      v4 = null;
      planted.x4MissingInServing++;
    }
    x1.push(v1);
    x2.push(v2);
    x3.push(v3);
    x4.push(v4);
    y.push(base.y[i]);
    score.push(base.score[i]);
  }
  const extra = covariateFirst(planted.onlyInServing, (seed * 7919 + 3) >>> 0, 0, -1);
  for (let i = 0; i < planted.onlyInServing; i++) {
    servingIds.push(n + 1 + i);
    x1.push(extra.x1[i]);
    x2.push(extra.x2[i]);
    x3.push(extra.x3[i]);
    x4.push(extra.x4[i]);
    y.push(extra.y[i]);
    score.push(extra.score[i]);
  }
  // Ten ids logged twice: a second copy of joined rows with identical values.
  const joined = servingIds.length - planted.onlyInServing;
  for (let k = 0; k < planted.duplicatedInServing; k++) {
    const r = Math.floor(((k + 0.5) / planted.duplicatedInServing) * joined);
    servingIds.push(servingIds[r]);
    x1.push(x1[r]);
    x2.push(x2[r]);
    x3.push(x3[r]);
    x4.push(x4[r]);
    y.push(y[r]);
    score.push(score[r]);
  }
  const serving = fromColumns(
    {
      id: Float64Array.from(servingIds),
      x1: Float64Array.from(x1),
      x2: Float64Array.from(x2),
      x3,
      x4,
      y: Float64Array.from(y),
      score: Float64Array.from(score),
    },
    { source: "serving" },
  );
  return { training, serving, planted };
}

/** The panels {@link regressionPanel} generates. */
export type RegressionPanel = "none" | "covariate" | "concept";

/**
 * Synthetic panels with a numeric label: y = 1 + x1 + b2·x2 + effect(x3) + N(0, 1), x4 noise. `covariate`: serving
 * x1 ~ N(1, 1); `concept`: serving b2 = 0 instead of −1 (x2 stops mattering).
 */
export function regressionPanel(
  panel: RegressionPanel,
  options: { n?: number; seed?: number } = {},
): { training: Dataset; serving: Dataset } {
  const n = options.n ?? 5000;
  const seed = options.seed ?? 1;
  const side = (streamSeed: number, mean1: number, b2: number, source: string): Dataset => {
    const random = seededRandom(streamSeed);
    const normal = normalGenerator(random);
    const x1 = new Float64Array(n);
    const x2 = new Float64Array(n);
    const x3: string[] = [];
    const x4 = new Float64Array(n);
    const y = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      x1[i] = mean1 + normal();
      x2[i] = normal();
      const c = CATEGORIES[pick(random, [0.5, 0.3, 0.2])];
      x3.push(c);
      x4[i] = normal();
      y[i] = 1 + x1[i] + b2 * x2[i] + 2 * CATEGORY_EFFECT[c] + normal();
    }
    return fromColumns({ x1, x2, x3, x4, y }, { source });
  };
  const trainingSeed = (seed * 2654435761 + 11) >>> 0;
  const servingSeed = (trainingSeed + 0x9e3779b9) >>> 0;
  return {
    training: side(trainingSeed, 0, -1, "training"),
    serving: side(servingSeed, panel === "covariate" ? 1 : 0, panel === "concept" ? 0 : -1, "serving"),
  };
}
