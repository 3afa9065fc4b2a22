/**
 * Seeded synthetic data where the truth is known, for the collection analyses: planted informative,
 * non-informative, duplicate and leaking features; planted uncovered regions; planted proxies.
 */
import { fromColumns, withKinds } from "../../src/data/index.js";
import type { Dataset } from "../../src/data/column.js";
import { seededRandom } from "../../src/measures/bootstrap.js";

/** A seeded standard normal generator (Box–Muller over mulberry32). */
export function normals(seed: number): () => number {
  const random = seededRandom(seed);
  return () => {
    const u = 1 - random();
    const v = random();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  };
}

/** One of `values`, uniformly. */
function pick<T>(random: () => number, values: readonly T[]): T {
  return values[Math.floor(random() * values.length)];
}

/**
 * Features with planted roles, label y ~ Bernoulli(σ(1.5·signal + 1·[group = "b"] − 0.5)):
 * `signal`, `group` informative; `noise`, `noiseCategory`, `id` no signal; `copy` = signal (duplicate),
 * `scaled` = 3·signal + 1 + N(0, 0.01²) (near-duplicate), `relabelled` = group renamed (duplicate), `constant`,
 * `rare` (0 except 0.5 % of rows), `leak` = y + N(0, 0.01²) (leakage), `empty` (all missing).
 */
export function plantedContent(n: number, seed: number): Dataset {
  const random = seededRandom(seed);
  const normal = normals(seed + 1);
  const signal = new Float64Array(n);
  const noise = new Float64Array(n);
  const scaled = new Float64Array(n);
  const leak = new Float64Array(n);
  const rare = new Float64Array(n);
  const constant = new Float64Array(n).fill(7);
  const group: string[] = [];
  const relabelled: string[] = [];
  const noiseCategory: string[] = [];
  const id: string[] = [];
  const y: string[] = [];
  const empty: (number | null)[] = [];
  const rename: Record<string, string> = { a: "x", b: "y", c: "z" };
  for (let i = 0; i < n; i++) {
    signal[i] = normal();
    noise[i] = normal();
    scaled[i] = 3 * signal[i] + 1 + 0.01 * normal();
    const g = pick(random, ["a", "b", "c"]);
    group.push(g);
    relabelled.push(rename[g]);
    noiseCategory.push(pick(random, ["p", "q", "r", "s"]));
    id.push(`row-${i}`);
    rare[i] = random() < 0.005 ? 1 : 0;
    const logit = 1.5 * signal[i] + (g === "b" ? 1 : 0) - 0.5;
    const label = random() < 1 / (1 + Math.exp(-logit)) ? 1 : 0;
    y.push(label === 1 ? "yes" : "no");
    leak[i] = label + 0.01 * normal();
    empty.push(null);
  }
  const data = fromColumns(
    {
      signal,
      group,
      noise,
      noiseCategory,
      id,
      copy: signal.slice(),
      scaled,
      relabelled,
      constant,
      rare,
      leak,
      empty,
      y,
    },
    { source: `planted content (seed ${seed})` },
  );
  return withKinds(data, { empty: "numeric" });
}

/** Pure noise features (2 numeric, 2 categorical) and an independent binary label. */
export function pureNoise(n: number, seed: number): Dataset {
  const random = seededRandom(seed);
  const normal = normals(seed + 1);
  const a = new Float64Array(n);
  const b = new Float64Array(n);
  const c: string[] = [];
  const d: string[] = [];
  const y = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    a[i] = normal();
    b[i] = Math.exp(normal());
    c.push(pick(random, ["u", "v", "w"]));
    d.push(pick(random, ["k1", "k2", "k3", "k4", "k5", "k6"]));
    y[i] = random() < 0.3 ? 1 : 0;
  }
  return fromColumns({ a, b, c, d, y }, { source: `noise (seed ${seed})` });
}

/**
 * Training and serving data over age (numeric), income (numeric), region (categorical), device (categorical).
 * `gap: false`: both sides from the same distribution. `gap: true`: serving adds 15 % of rows from a region the
 * training data never covers jointly — young (age 18–25) and rich (income ~ 9 ± 0.3) — while every single value of
 * age and income stays inside the training range, plus a "tablet" device unseen in training on 5 % of rows.
 */
export function coveragePair(n: number, seed: number, gap: boolean): { training: Dataset; serving: Dataset } {
  const make = (rows: number, s: number, shifted: boolean): Dataset => {
    const random = seededRandom(s);
    const normal = normals(s + 1);
    const age = new Float64Array(rows);
    const income = new Float64Array(rows);
    const region: string[] = [];
    const device: string[] = [];
    for (let i = 0; i < rows; i++) {
      const planted = shifted && random() < 0.15;
      // In training, income rises with age: the young are never rich.
      age[i] = planted ? 18 + 7 * random() : 18 + 60 * random();
      income[i] = planted ? 9 + 0.3 * normal() : 1 + (age[i] - 18) / 6 + 0.5 * normal();
      region.push(pick(random, ["north", "south", "east", "west"]));
      device.push(shifted && random() < 0.05 ? "tablet" : pick(random, ["phone", "desktop"]));
    }
    return fromColumns({ age, income, region, device }, { source: shifted ? "serving" : "training" });
  };
  return { training: make(n, seed, false), serving: make(n, seed + 100, gap) };
}

/**
 * People with protected attributes `sex` (30 % F, 70 % M) and `race` (A 60 %, B 39 %, C 1 %), and features:
 * `zip` (categorical, mostly determined by race: a proxy), `height` (numeric, shifted by sex: a proxy), `score`
 * (noise), `tenure` (noise).
 */
export function representationData(n: number, seed: number): Dataset {
  const random = seededRandom(seed);
  const normal = normals(seed + 1);
  const sex: string[] = [];
  const race: string[] = [];
  const zip: string[] = [];
  const height = new Float64Array(n);
  const score = new Float64Array(n);
  const tenure = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const s = random() < 0.3 ? "F" : "M";
    const u = random();
    const r = u < 0.6 ? "A" : u < 0.99 ? "B" : "C";
    sex.push(s);
    race.push(r);
    const home = r === "A" ? ["10001", "10002", "10003"] : r === "B" ? ["20001", "20002"] : ["30001"];
    zip.push(
      random() < 0.85
        ? pick(random, home)
        : pick(random, ["10001", "10002", "10003", "20001", "20002", "30001"]),
    );
    height[i] = (s === "F" ? 164 : 177) + 7 * normal();
    score[i] = normal();
    tenure[i] = Math.floor(20 * random());
  }
  return fromColumns({ sex, race, zip, height, score, tenure }, { source: `people (seed ${seed})` });
}
