/**
 * findSlices(): automated discovery of data slices (conjunctions of feature = value) where the model fails
 * significantly more often than on the rest of the data, with false discovery control (Slice Finder: Chung et al.,
 * "Automated Data Slicing for Model Validation", ICDE 2019 / TKDE).
 */

import { toDataset, type DatasetInput } from "../data/index.js";
import { DriftlabError } from "../errors.js";
import { benjaminiHochberg, fisherExact, wilsonInterval } from "../measures/index.js";
import { envelope, Report } from "../report/report.js";
import { codeColumn, type Binning, type ColumnCoding } from "./groups.js";
import { binaryOutcome, numericOutcome } from "./outcomes.js";
import { studentTQuantile } from "../measures/index.js";
import { welchTTest, type TestResult } from "./tests.js";
import type { Verdict } from "../format/envelope.js";
import type { SliceJSON, SlicePredicateJSON, SlicesJSON } from "../format/fairness.js";

/** Options of {@link findSlices}. Give `loss`, or `label` with `prediction` or `score`. */
export interface FindSlicesOptions {
  /** True outcome (binary). The failure of a row is prediction ≠ label. */
  label?: string;
  /** Hard predictions (binary). */
  prediction?: string;
  /** Scores; the prediction is score ≥ threshold. */
  score?: string;
  /** Decision threshold on `score`. Default 0.5. */
  threshold?: number;
  /** A per-row loss column (e.g. log loss, absolute error): slices are compared by mean loss instead. */
  loss?: string;
  /** Positive class of label and prediction. Default: true, 1, "yes", ... */
  positiveLabel?: string | number | boolean;
  /** Columns whose values define slices. */
  features: readonly string[];
  /** Most predicates in a slice (feature = value conjunctions). Default 2. */
  maxDegree?: number;
  /** Slices (and their complements) with fewer rows are not tested. Default 30. */
  minSize?: number;
  /** False discovery level. Default 0.05. */
  alpha?: number;
  /**
   * "alpha-investing" (default; Foster & Stine 2008, as Slice Finder): slices are tested one by one, simpler and
   * larger first, each at a level paid from a wealth that grows with each discovery; controls the marginal FDR.
   * "bh": Benjamini–Hochberg over all candidate slices at once; controls the FDR.
   */
  method?: "alpha-investing" | "bh";
  /** Quantile bins of numeric features with more than 10 distinct values (or edges per column). Default 10 (deciles). */
  bins?: number | Readonly<Record<string, Binning>>;
  /** At most this many slices are listed (the strongest by effect size). Default 50. */
  maxSlices?: number;
  /** Title of the report. Default "Problem slices of <source>". */
  title?: string;
}

/** Enumerating more candidate slices than this is an error (use fewer features or a lower maxDegree). */
const MAX_CANDIDATES = 500_000;

interface Candidate {
  features: number[];
  levels: number[];
  size: number;
  /** Σ(x − shift), Σ(x − shift)² over the slice's rows (x = failure 0/1 or loss). */
  sum: number;
  sumSquares: number;
}

function invalid(message: string, subject: string): never {
  throw new DriftlabError("INVALID_OPTION", message, { subject });
}

/**
 * Finds slices whose failure rate (prediction ≠ label) or mean loss is significantly worse than on the rest of the
 * data. Candidates are every conjunction of up to `maxDegree` predicates `feature = value` over distinct features
 * (numeric features binned into deciles; missing values are a value), with at least `minSize` rows inside and outside.
 * Each is tested one-sided against its complement — the pooled two-proportion z-test, or Fisher's exact test when an
 * expected count is below 5, for failure rates; Welch's t-test for losses — under alpha-investing or
 * Benjamini–Hochberg. A slice contained in an already discovered slice (a refinement of it) is not tested. Discoveries
 * are ranked by Slice Finder's effect size φ = √2·(ψ(S) − ψ(S′)) / √(σ²_S + σ²_S′), with ψ the mean failure (or loss)
 * and σ² its population variance in the slice S and its complement S′.
 *
 * O(rows · C(features, d)) per degree d, plus O(candidates · log candidates).
 */
export function findSlices(data: DatasetInput, options: FindSlicesOptions): SlicesReport {
  const dataset = toDataset(data);
  if (dataset.numRows === 0) throw new DriftlabError("NO_DATA", `${dataset.source}: no rows to analyse.`);
  const maxDegree = options.maxDegree ?? 2;
  const minSize = options.minSize ?? 30;
  const alpha = options.alpha ?? 0.05;
  const method = options.method ?? "alpha-investing";
  const maxSlices = options.maxSlices ?? 50;
  const threshold = options.threshold ?? 0.5;
  if (!(Number.isInteger(maxDegree) && maxDegree >= 1))
    invalid(`maxDegree = ${maxDegree}; give a whole number ≥ 1.`, "maxDegree");
  if (!(Number.isInteger(minSize) && minSize >= 1))
    invalid(`minSize = ${minSize}; give a whole number ≥ 1.`, "minSize");
  if (!(alpha > 0 && alpha < 1)) invalid(`alpha = ${alpha}; it must lie strictly between 0 and 1.`, "alpha");
  if (method !== "alpha-investing" && method !== "bh")
    invalid(`method = ${JSON.stringify(method)}; use "alpha-investing" or "bh".`, "method");
  if (!(Number.isInteger(maxSlices) && maxSlices >= 1))
    invalid(`maxSlices = ${maxSlices}; give a whole number ≥ 1.`, "maxSlices");
  const features = [...options.features];
  if (features.length === 0) invalid("features is empty; name the columns that define slices.", "features");
  if (new Set(features).size !== features.length) invalid("features lists a column twice.", "features");

  // Outcome per row: failure 0/1, or loss.
  const n = dataset.numRows;
  const present = new Uint8Array(n).fill(1);
  let outcome: Float64Array;
  let kind: SlicesJSON["outcome"]["kind"];
  const outcomeJSON: SlicesJSON["outcome"] = { kind: "error-rate" };
  if (options.loss !== undefined) {
    if (options.prediction !== undefined || options.score !== undefined) {
      invalid("Give loss, or label with prediction or score — not both.", "loss");
    }
    const loss = numericOutcome(dataset, options.loss, "loss");
    outcome = loss.values;
    present.set(loss.present);
    kind = "mean-loss";
    Object.assign(outcomeJSON, { kind, loss: options.loss });
  } else {
    if (options.label === undefined || (options.prediction === undefined) === (options.score === undefined)) {
      invalid("Give label with either prediction or score (or a loss column).", "label");
    }
    kind = "error-rate";
    const label = binaryOutcome(dataset, options.label, "label", options.positiveLabel);
    let predicted: Uint8Array;
    if (options.prediction !== undefined) {
      const prediction = binaryOutcome(dataset, options.prediction, "prediction", options.positiveLabel);
      predicted = prediction.values;
      for (let i = 0; i < n; i++) present[i] = label.present[i] & prediction.present[i];
      outcomeJSON.prediction = options.prediction;
    } else {
      const score = numericOutcome(dataset, options.score!, "score");
      predicted = Uint8Array.from(score.values, (s) => (s >= threshold ? 1 : 0));
      for (let i = 0; i < n; i++) present[i] = label.present[i] & score.present[i];
      outcomeJSON.score = options.score;
      outcomeJSON.threshold = threshold;
    }
    outcome = Float64Array.from(label.values, (y, i) => (y === predicted[i] ? 0 : 1));
    outcomeJSON.label = options.label;
  }
  const notes: string[] = [...dataset.warnings];
  let kept: Int32Array | undefined;
  let used = 0;
  for (let i = 0; i < n; i++) used += present[i];
  if (used < n) {
    kept = new Int32Array(used);
    for (let i = 0, k = 0; i < n; i++) if (present[i] === 1) kept[k++] = i;
    outcome = Float64Array.from(kept, (i) => outcome[i]);
    notes.push(`${(n - used).toLocaleString("en-US")} rows with a missing outcome were left out.`);
  }
  if (used < 2 * minSize) {
    throw new DriftlabError(
      "NO_DATA",
      `${dataset.source}: ${used} usable rows; need at least 2 × minSize = ${2 * minSize}.`,
    );
  }
  let featureData = dataset.select(features);
  if (kept !== undefined) featureData = featureData.take(kept);
  const codings: ColumnCoding[] = features.map((f) => {
    const binning = typeof options.bins === "object" ? options.bins[f] : options.bins;
    return codeColumn(featureData, f, binning, typeof options.bins === "number" ? options.bins : 10);
  });

  // Overall.
  let total = 0;
  for (let i = 0; i < used; i++) total += outcome[i];
  const shift = total / used;
  let totalSquares = 0;
  for (let i = 0; i < used; i++) totalSquares += (outcome[i] - shift) ** 2;
  const overall = { n: used, sum: total - shift * used, sumSquares: totalSquares };

  // Candidates by degree, larger first (Slice Finder favors large slices); all before any test.
  const byDegree: Candidate[][] = [];
  let candidateCount = 0;
  const sizeOf = new Map<string, number>();
  for (let degree = 1; degree <= Math.min(maxDegree, features.length); degree++) {
    const found: Candidate[] = [];
    for (const combination of combinations(features.length, degree)) {
      for (const candidate of cellsOf(combination, codings, outcome, shift, used)) {
        if (candidate.size < minSize || used - candidate.size < minSize) continue;
        // A conjunction with the same rows as one of its parents adds nothing.
        const key = candidateKey(candidate.features, candidate.levels);
        sizeOf.set(key, candidate.size);
        if (
          degree > 1 &&
          parents(candidate).some((p) => sizeOf.get(candidateKey(p.features, p.levels)) === candidate.size)
        )
          continue;
        found.push(candidate);
      }
    }
    found.sort((a, b) => b.size - a.size);
    candidateCount += found.length;
    if (candidateCount > MAX_CANDIDATES) {
      invalid(
        `More than ${MAX_CANDIDATES.toLocaleString("en-US")} candidate slices: use fewer features or a lower maxDegree.`,
        "features",
      );
    }
    byDegree.push(found);
  }

  const test = (c: Candidate): TestResult => {
    const complement = {
      n: used - c.size,
      sum: overall.sum - c.sum,
      sumSquares: overall.sumSquares - c.sumSquares,
    };
    if (kind === "error-rate") {
      const failures = Math.round(c.sum + shift * c.size);
      const otherFailures = Math.round(total) - failures;
      const table = [
        [failures, c.size - failures],
        [otherFailures, complement.n - otherFailures],
      ] as const;
      const result = fisherExact(table, "greater");
      return { test: "fisher", statistic: result.oddsRatio, pValue: result.pValue };
    }
    return welchTTest(
      summary({ n: c.size, sum: c.sum, sumSquares: c.sumSquares }, shift),
      summary(complement, shift),
      "greater",
    );
  };

  const discoveries: { candidate: Candidate; result: TestResult; adjusted?: number; level?: number }[] = [];
  let tested = 0;
  let subsumed = 0;
  const isSubsumed = (c: Candidate) =>
    discoveries.some(
      (d) =>
        d.candidate.features.length < c.features.length &&
        d.candidate.features.every((f, k) => {
          const at = c.features.indexOf(f);
          return at >= 0 && c.levels[at] === d.candidate.levels[k];
        }),
    );
  if (method === "alpha-investing") {
    // Foster & Stine (2008): initial wealth αη with η = 1 − α and payout α bound the marginal FDR by α. The level
    // of each test spreads the current wealth over the candidates still to test, W / (1 + remaining), so with no
    // discovery it stays near Bonferroni's α(1 − α)/m, and every discovery raises the later levels. (The Slice Finder
    // code's W / (1 + i − k*) spends most of the wealth on the first, largest slices.)
    let wealth = alpha * (1 - alpha);
    let remaining = candidateCount;
    outer: for (const found of byDegree) {
      for (const candidate of found) {
        remaining--;
        if (isSubsumed(candidate)) {
          subsumed++;
          continue;
        }
        tested++;
        const level = wealth / (2 + remaining);
        const result = test(candidate);
        if (result.pValue <= level) {
          wealth += alpha;
          discoveries.push({ candidate, result, level });
        } else {
          wealth -= level / (1 - level);
        }
        if (wealth <= 0) break outer;
      }
    }
    if (tested < candidateCount - subsumed) {
      notes.push(
        `The alpha-investing wealth ran out after ${tested.toLocaleString("en-US")} of ${candidateCount.toLocaleString("en-US")} candidate slices.`,
      );
    }
  } else {
    const all = byDegree.flat();
    const results = all.map(test);
    tested = all.length;
    const adjusted = benjaminiHochberg(results.map((r) => r.pValue));
    all.forEach((candidate, k) => {
      if (adjusted[k] > alpha) return;
      if (isSubsumed(candidate)) subsumed++;
      else discoveries.push({ candidate, result: results[k], adjusted: adjusted[k] });
    });
  }

  const slices = discoveries.map(({ candidate, result, adjusted, level }) =>
    sliceJSON(candidate, result, { adjusted, level }, codings, kind, shift, overall, alpha),
  );
  slices.sort((a, b) => (b.effectSize ?? Infinity) - (a.effectSize ?? Infinity) || b.size - a.size);
  if (slices.length > maxSlices)
    notes.push(`${slices.length} slices found; the ${maxSlices} with the largest effect sizes are listed.`);

  return new SlicesReport({
    ...envelope("slices", options.title ?? `Problem slices of ${dataset.source}`, slicesVerdict(slices)),
    source: dataset.source,
    numRows: n,
    rowsUsed: used,
    outcome: outcomeJSON,
    settings: {
      features,
      maxDegree,
      minSize,
      alpha,
      method,
      bins: typeof options.bins === "number" ? options.bins : 10,
      maxSlices,
    },
    overall: { n: used, value: total / used },
    bins: codings.flatMap((c) => (c.bins === undefined ? [] : [c.bins])),
    candidates: candidateCount,
    tested,
    subsumed,
    slices: slices.slice(0, maxSlices),
    notes,
  });
}

function summary(s: { n: number; sum: number; sumSquares: number }, shift: number) {
  return {
    n: s.n,
    mean: shift + s.sum / s.n,
    variance: s.n < 2 ? NaN : Math.max(0, (s.sumSquares - (s.sum * s.sum) / s.n) / (s.n - 1)),
  };
}

function* combinations(count: number, size: number): Generator<number[]> {
  const indices = Array.from({ length: size }, (_, k) => k);
  for (;;) {
    yield [...indices];
    let k = size - 1;
    while (k >= 0 && indices[k] === count - size + k) k--;
    if (k < 0) return;
    indices[k]++;
    for (let j = k + 1; j < size; j++) indices[j] = indices[j - 1] + 1;
  }
}

/** The non-empty cells of a combination of features, with the outcome's shifted sums. O(rows). */
function cellsOf(
  features: number[],
  codings: ColumnCoding[],
  outcome: Float64Array,
  shift: number,
  rows: number,
): Candidate[] {
  const radices = features.map((f) => codings[f].levels.length);
  const cells = radices.reduce((a, b) => a * b, 1);
  const size = new Float64Array(cells);
  const sum = new Float64Array(cells);
  const sumSquares = new Float64Array(cells);
  for (let i = 0; i < rows; i++) {
    let cell = 0;
    for (let j = 0; j < features.length; j++) cell = cell * radices[j] + codings[features[j]].codes[i];
    const d = outcome[i] - shift;
    size[cell]++;
    sum[cell] += d;
    sumSquares[cell] += d * d;
  }
  const out: Candidate[] = [];
  for (let cell = 0; cell < cells; cell++) {
    if (size[cell] === 0) continue;
    const levels = new Array<number>(features.length);
    let rest = cell;
    for (let j = features.length - 1; j >= 0; j--) {
      levels[j] = rest % radices[j];
      rest = (rest - levels[j]) / radices[j];
    }
    out.push({ features, levels, size: size[cell], sum: sum[cell], sumSquares: sumSquares[cell] });
  }
  return out;
}

function candidateKey(features: readonly number[], levels: readonly number[]): string {
  return features.map((f, k) => `${f}:${levels[k]}`).join("|");
}

function parents(c: Candidate): { features: number[]; levels: number[] }[] {
  return c.features.map((_, drop) => ({
    features: c.features.filter((__, k) => k !== drop),
    levels: c.levels.filter((__, k) => k !== drop),
  }));
}

function sliceJSON(
  c: Candidate,
  result: TestResult,
  control: { adjusted?: number; level?: number },
  codings: ColumnCoding[],
  kind: SlicesJSON["outcome"]["kind"],
  shift: number,
  overall: { n: number; sum: number; sumSquares: number },
  alpha: number,
): SliceJSON {
  const predicates: SlicePredicateJSON[] = c.features.map((f, k) => {
    const coding = codings[f];
    const value = coding.levels[c.levels[k]];
    const predicate: SlicePredicateJSON = { column: coding.column, value };
    if (coding.bins !== undefined && value !== null) {
      predicate.interval = [coding.bins.edges[c.levels[k]], coding.bins.edges[c.levels[k] + 1]];
    }
    return predicate;
  });
  const label = predicates
    .map((p) =>
      p.value === null
        ? `${p.column} is missing`
        : p.interval !== undefined
          ? `${p.column} ∈ ${p.value}`
          : `${p.column} = ${p.value}`,
    )
    .join(" ∧ ");
  const inside = summary({ n: c.size, sum: c.sum, sumSquares: c.sumSquares }, shift);
  const outside = summary(
    { n: overall.n - c.size, sum: overall.sum - c.sum, sumSquares: overall.sumSquares - c.sumSquares },
    shift,
  );
  // Population variances (ddof 0), as Slice Finder's np.std.
  const varianceInside = ((inside.variance || 0) * (inside.n - 1)) / inside.n;
  const varianceOutside = ((outside.variance || 0) * (outside.n - 1)) / outside.n;
  const denominator = Math.sqrt(varianceInside + varianceOutside);
  const difference = inside.mean - outside.mean;
  const effectSize =
    denominator > 0 ? (Math.SQRT2 * difference) / denominator : difference > 0 ? Infinity : 0;
  let lower: number | null = null;
  let upper: number | null = null;
  let failures: number | undefined;
  if (kind === "error-rate") {
    failures = Math.round(inside.mean * c.size);
    const interval = wilsonInterval(failures, c.size, alpha);
    lower = interval.lower;
    upper = interval.upper;
  } else if (inside.n >= 2) {
    const half = studentTQuantile(1 - alpha / 2, inside.n - 1) * Math.sqrt(inside.variance / inside.n);
    lower = inside.mean - half;
    upper = inside.mean + half;
  }
  const slice: SliceJSON = {
    predicates,
    label,
    size: c.size,
    value: inside.mean,
    complementValue: outside.mean,
    effectSize: Number.isFinite(effectSize) ? effectSize : null,
    test: result.test,
    statistic: Number.isFinite(result.statistic) ? result.statistic : null,
    pValue: result.pValue,
    lower,
    upper,
  };
  if (failures !== undefined) slice.failures = failures;
  if (control.adjusted !== undefined) slice.adjustedPValue = control.adjusted;
  if (control.level !== undefined) slice.testLevel = control.level;
  return slice;
}

/** `warn` when slices that perform significantly worse than the rest were found (worth a look), else `ok`. */
export function slicesVerdict(slices: readonly SliceJSON[]): Verdict {
  if (slices.length === 0) return { status: "ok", reasons: [] };
  const listed = slices.slice(0, 5).map((s) => s.label);
  return {
    status: "warn",
    reasons: [
      `${slices.length} problem slice${slices.length === 1 ? "" : "s"}: ${listed.join("; ")}${slices.length > 5 ? "; …" : ""}`,
    ],
  };
}

/** The result of {@link findSlices}: discovered slices ranked by effect size (report kind "slices"). */
export class SlicesReport extends Report<SlicesJSON> {
  readonly #json: SlicesJSON;

  /** @internal Use `findSlices()`. */
  constructor(json: SlicesJSON) {
    super();
    this.#json = json;
  }

  /** The discovered slices, strongest first. */
  get slices(): SliceJSON[] {
    return structuredClone(this.#json.slices);
  }

  toJSON(): SlicesJSON {
    return structuredClone(this.#json);
  }
}
