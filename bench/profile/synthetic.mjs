// The seeded tables of the profile benchmarks (bench/profile/run.mjs, bench/scale/pushdown.mjs): one generator, so
// that both benches read the same bytes.
import { createWriteStream, existsSync, mkdirSync } from "node:fs";
import { once } from "node:events";

/** Writes `header` and `rows` lines of `rowText(i)` to `path`, a megabyte at a time. */
export async function writeCsv(path, header, rows, rowText) {
  const out = createWriteStream(path);
  out.write(header + "\n");
  let chunk = "";
  for (let i = 0; i < rows; i++) {
    chunk += rowText(i) + "\n";
    if (chunk.length > 1 << 20) {
      if (!out.write(chunk)) await once(out, "drain");
      chunk = "";
    }
  }
  out.write(chunk);
  out.end();
  await once(out, "finish");
}

/** `dir`/synthetic-N.csv: N rows of 8 numeric and 2 categorical columns (seeded), written once. */
export async function syntheticCsv(rows, dir = "bench/data") {
  const path = `${dir}/synthetic-${rows}.csv`;
  if (existsSync(path)) return path;
  mkdirSync(dir, { recursive: true });
  let s = 20261127;
  const random = () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
  const regions = ["north", "south", "east", "west", "central"];
  const devices = Array.from({ length: 40 }, (_, i) => `device-${i}`);
  const header = ["x1", "x2", "x3", "x4", "x5", "x6", "x7", "x8", "region", "device"].join(",");
  await writeCsv(path, header, rows, () => {
    const cells = [];
    for (let k = 0; k < 8; k++) cells.push((random() * 1000 - 500 + k).toFixed(3));
    cells.push(
      regions[Math.floor(random() * regions.length)],
      devices[Math.floor(random() ** 2 * devices.length)],
    );
    return cells.join(",");
  });
  return path;
}
