// Seeded generators for the CSV benchmarks of issue 15: tables of normal, lognormal and Poisson numeric columns and
// two categorical columns, written once to bench/data/ (same seed, same bytes on every machine).
import { createWriteStream, existsSync, mkdirSync, renameSync } from "node:fs";
import { once } from "node:events";

/** xorshift128+-style generator over 32-bit state (deterministic, fast enough for tens of millions of draws). */
export function seeded(seed) {
  let a = seed >>> 0 || 1;
  let b = (seed * 2654435761) >>> 0 || 2;
  return () => {
    let t = a ^ (a << 11);
    a = b;
    b = (b ^ (b >>> 19) ^ t ^ (t >>> 8)) >>> 0;
    return (b + 0.5) / 4294967296;
  };
}

function normal(random) {
  // Box-Muller; one of the pair is enough here.
  return Math.sqrt(-2 * Math.log(random())) * Math.cos(2 * Math.PI * random());
}

function poisson(random, lambda) {
  const limit = Math.exp(-lambda);
  let k = 0;
  let p = random();
  while (p > limit) {
    k++;
    p *= random();
  }
  return k;
}

const REGIONS = ["north", "south", "east", "west", "central", "islands"];
const DEVICES = Array.from({ length: 40 }, (_, i) => `device-${String(i).padStart(2, "0")}`);

/**
 * The table: 6 numeric columns (2 normal, 2 lognormal, 2 Poisson) and 2 categorical. `shift` moves the
 * second normal's mean and the categorical mix, so a "current" file drifts from its "reference".
 * Numbers are written as a pandas `to_csv` would write typical measurements: normals with 6 decimals, lognormals
 * with 4, counts as integers.
 */
export async function writeTable(path, rows, seed, shift = 0) {
  if (existsSync(path)) return path;
  mkdirSync("bench/data", { recursive: true });
  const random = seeded(seed);
  const partial = `${path}.partial`;
  const out = createWriteStream(partial);
  out.write("normal_a,normal_b,lognormal_a,lognormal_b,count_a,count_b,region,device\n");
  let chunk = "";
  for (let i = 0; i < rows; i++) {
    const region = REGIONS[Math.floor(random() ** (1 + shift) * REGIONS.length)];
    const device = DEVICES[Math.floor(random() ** 2 * DEVICES.length)];
    chunk +=
      (normal(random) * 10 + 50).toFixed(6) +
      "," +
      (normal(random) * 3 - 7 + shift).toFixed(6) +
      "," +
      Math.exp(normal(random) * 0.5 + 2).toFixed(4) +
      "," +
      Math.exp(normal(random) + shift).toFixed(4) +
      "," +
      poisson(random, 4) +
      "," +
      poisson(random, 12 + shift) +
      "," +
      region +
      "," +
      device +
      "\n";
    if (chunk.length > 1 << 20) {
      if (!out.write(chunk)) await once(out, "drain");
      chunk = "";
    }
  }
  out.end(chunk);
  await once(out, "finish");
  renameSync(partial, path);
  return path;
}
