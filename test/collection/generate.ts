/**
 * Seeded synthetic data where the truth is known, for the collection analyses: planted informative,
 * non-informative, duplicate and leaking features; planted uncovered regions; planted proxies.
 */
import { fromColumns } from "../../src/data/index.js";
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
  return fromColumns(
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
    { source: `planted content (seed ${seed})`, kinds: { empty: "numeric" } },
  );
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
