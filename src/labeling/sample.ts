import { valueAt, type Dataset } from "../data/column.js";
import { toDataset, type DatasetInput } from "../data/index.js";
import { DriftlabError } from "../errors.js";
import { seededRandom } from "../measures/bootstrap.js";

/** Options of {@link sample}. */
export interface SampleOptions {
  /** How many rows to send to labeling. */
  budget: number;
  /**
   * - "uniform": a simple random sample without replacement;
   * - "stratified": proportional allocation over the groups of `by` (largest remainders, at least one row per
   *   group while the budget allows), a random sample within each;
   * - "uncertainty": the rows whose score is closest to 0.5 (least confident first; ties broken at random).
   */
  strategy: "uniform" | "stratified" | "uncertainty";
  /** Column(s) whose value combinations are the strata ("stratified"). */
  by?: string | string[];
  /** Probability column for "uncertainty". Default "score". */
  score?: string;
  /** Seed of the random choices. */
  seed: number;
}

/** The rows chosen for labeling. */
export interface LabelingSample {
  /** The chosen rows (in the order chosen). */
  data: Dataset;
  /** Their row indices in the input. */
  rows: Int32Array;
  strategy: SampleOptions["strategy"];
  /** For "stratified": rows per stratum in the data and in the sample. */
  strata?: { stratum: string; rows: number; sampled: number }[];
}

function shuffled(indices: number[], random: () => number): number[] {
  const out = [...indices];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

/**
 * Chooses `budget` rows to spend a human-labeling budget on: uniformly at random, stratified over the groups of
 * `by` (so that small groups are seen), or by uncertainty (the scores closest to 0.5, where a label teaches the
 * model most). Deterministic for a seed. A budget above the row count takes every row. O(n log n).
 *
 * @example labeling.sample(unlabeled, { budget: 200, strategy: "stratified", by: "region", seed: 1 })
 */
export function sample(data: DatasetInput, options: SampleOptions): LabelingSample {
  const dataset = toDataset(data);
  const n = dataset.numRows;
  if (!(Number.isInteger(options.budget) && options.budget >= 0)) {
    throw new DriftlabError(
      "INVALID_OPTION",
      `budget: ${options.budget} is not a whole number of rows ≥ 0.`,
      {
        subject: "budget",
      },
    );
  }
  const budget = Math.min(options.budget, n);
  const random = seededRandom(options.seed);
  const all = Array.from({ length: n }, (_, i) => i);
  let chosen: number[];
  let strata: LabelingSample["strata"];
  switch (options.strategy) {
    case "uniform":
      chosen = shuffled(all, random).slice(0, budget);
      break;
    case "stratified": {
      if (options.by === undefined) {
        throw new DriftlabError(
          "INVALID_OPTION",
          'strategy "stratified" needs by: "<column>" (or a list of columns).',
          {
            subject: "by",
          },
        );
      }
      const columns = (Array.isArray(options.by) ? options.by : [options.by]).map((c) => dataset.column(c));
      const groups = new Map<string, number[]>();
      for (let i = 0; i < n; i++) {
        const key = columns.map((c) => String(valueAt(c, i) ?? "(missing)")).join(" · ");
        const list = groups.get(key) ?? [];
        list.push(i);
        groups.set(key, list);
      }
      const names = [...groups.keys()].sort();
      // Largest remainders, with a floor of one row per stratum while the budget allows.
      const quotas = names.map((k) => ((groups.get(k)?.length ?? 0) * budget) / n);
      const take = quotas.map((q) => Math.floor(q));
      if (budget >= names.length) take.forEach((t, i) => (take[i] = Math.max(1, t)));
      let left = budget - take.reduce((s, v) => s + v, 0);
      const order = names
        .map((_, i) => i)
        .sort((a, b) => quotas[b] - Math.floor(quotas[b]) - (quotas[a] - Math.floor(quotas[a])) || a - b);
      for (const i of order) {
        if (left <= 0) break;
        if (take[i] < (groups.get(names[i])?.length ?? 0)) {
          take[i]++;
          left--;
        }
      }
      while (left < 0) {
        const largest = take.indexOf(Math.max(...take));
        take[largest]--;
        left++;
      }
      chosen = [];
      strata = names.map((name, i) => {
        const members = groups.get(name) ?? [];
        const picked = shuffled(members, random).slice(0, take[i]);
        chosen.push(...picked);
        return { stratum: name, rows: members.length, sampled: picked.length };
      });
      break;
    }
    case "uncertainty": {
      const column = dataset.column(options.score ?? "score");
      if (column.kind !== "numeric") {
        throw new DriftlabError(
          "TYPE_MISMATCH",
          `score column "${column.name}" is ${column.kind}; uncertainty sampling needs probabilities of class 1.`,
          { subject: column.name },
        );
      }
      const tiebreak = Float64Array.from(all, () => random());
      const present = all.filter((i) => column.valid === null || column.valid[i] === 1);
      present.sort(
        (a, b) =>
          Math.abs(column.values[a] - 0.5) - Math.abs(column.values[b] - 0.5) || tiebreak[a] - tiebreak[b],
      );
      chosen = present.slice(0, budget);
      break;
    }
    default:
      throw new DriftlabError(
        "INVALID_OPTION",
        `strategy "${String(options.strategy)}" is unknown; use "uniform", "stratified" or "uncertainty".`,
        { subject: "strategy" },
      );
  }
  const rows = Int32Array.from(chosen);
  return {
    data: dataset.take(rows),
    rows,
    strategy: options.strategy,
    ...(strata === undefined ? {} : { strata }),
  };
}
