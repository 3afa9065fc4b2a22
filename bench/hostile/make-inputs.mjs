// Seeded generator of the hostile inputs of issue 17 (wide tables, one long value, many categories).
// Usage: node bench/hostile/make-inputs.mjs <outDir> [wide|wide100|long|long10|categories|all]
// Same seed, same bytes: the measurements in /work/coord/notes/hostile.md and docs/ come from these files.
import { createWriteStream, mkdirSync } from "node:fs";
import { join } from "node:path";

/** mulberry32: a small seeded generator, so every run writes the same file. */
function seededRandom(seed) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const WORDS = ["alpha", "bravo", "charlie", "delta", "echo", "foxtrot", "golf", "hotel"];

async function write(path, produce) {
  const stream = createWriteStream(path);
  const put = (text) =>
    stream.write(text) ? Promise.resolve() : new Promise((r) => stream.once("drain", r));
  await produce(put);
  await new Promise((resolve, reject) => stream.end((e) => (e ? reject(e) : resolve())));
  process.stderr.write(`wrote ${path}\n`);
}

/**
 * `columns` x `rows`: a quarter each of decimals, integers, categories of 8 words and ids of a free-text
 * shape, about 20 bytes per cell (20,000 x 10 is 4 MB).
 */
function wideTable(columns, rows, seed) {
  return async (put) => {
    const random = seededRandom(seed);
    const header = [];
    for (let c = 0; c < columns; c++) header.push(`feature_${String(c).padStart(5, "0")}`);
    await put(header.join(",") + "\n");
    for (let r = 0; r < rows; r++) {
      const cells = new Array(columns);
      for (let c = 0; c < columns; c++) {
        switch (c % 4) {
          case 0:
            cells[c] = (random() * 1000 - 500).toFixed(14);
            break;
          case 1:
            cells[c] = String(Math.floor(random() * 1e15));
            break;
          case 2:
            cells[c] =
              WORDS[Math.floor(random() * WORDS.length)] + "_" + WORDS[Math.floor(random() * WORDS.length)];
            break;
          default:
            cells[c] =
              "id-" +
              Math.floor(random() * 2 ** 52).toString(36) +
              "-" +
              Math.floor(random() * 2 ** 52).toString(36);
        }
      }
      await put(cells.join(",") + "\n");
    }
  };
}

/** Three columns and 4 rows; row 2's "text" field is `megabytes` MB of letters. */
function longValue(megabytes, seed) {
  return async (put) => {
    const random = seededRandom(seed);
    await put("id,text,value\n1,short,1.5\n2,");
    const chunk = "abcdefghijklmnopqrstuvwxyz".repeat(40_000); // 1,040,000 chars
    let left = megabytes * 1_000_000;
    while (left > 0) {
      const piece = left >= chunk.length ? chunk : chunk.slice(0, left);
      await put(piece);
      left -= piece.length;
    }
    await put(`,${random().toFixed(3)}\n3,medium,2.5\n4,short,3.5\n`);
  };
}

/** 1,000,000 rows uniform over 100,000 categories (c0..c99999): sketched top values. */
function manyCategories(rows, distinct, seed) {
  return async (put) => {
    const random = seededRandom(seed);
    await put("category\n");
    let block = "";
    for (let r = 0; r < rows; r++) {
      block += "c" + Math.floor(random() * distinct) + "\n";
      if (block.length > 1 << 16) {
        await put(block);
        block = "";
      }
    }
    await put(block);
  };
}

const [outDir = "/tmp/hostile", which = "all"] = process.argv.slice(2);
mkdirSync(outDir, { recursive: true });
const jobs = {
  wide: () => write(join(outDir, "wide.csv"), wideTable(20_000, 10, 17)),
  wide100: () => write(join(outDir, "wide100.csv"), wideTable(10_000, 100, 18)),
  long: () => write(join(outDir, "long.csv"), longValue(300, 19)),
  long10: () => write(join(outDir, "long10.csv"), longValue(10, 20)),
  categories: () => write(join(outDir, "categories.csv"), manyCategories(1_000_000, 100_000, 21)),
};
for (const [name, job] of Object.entries(jobs)) if (which === "all" || which === name) await job();
