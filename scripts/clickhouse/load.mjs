// Loads real data into the two-node ClickHouse cluster of cluster.sh: a file read by driftlab's own reader
// (default: vega-datasets' flights-3m.parquet, 3M rows), split across the two shards, inserted over HTTP.
//
//   node scripts/clickhouse/load.mjs [FILE] [TABLE]        (or: scripts/clickhouse/cluster.sh load [FILE] [TABLE])
//
// Tables (database `default`), created on each node (ON CLUSTER DDL would need ZooKeeper):
//   TABLE_shard   MergeTree, on both nodes: node 0 holds the first half of the rows, node 1 the second half
//   TABLE         Distributed(driftlab_two_shards, default, TABLE_shard): the whole table, through both shards
//   TABLE_whole   MergeTree, on node 0: every row (filled by INSERT … SELECT through TABLE)
//   TABLE_one     Distributed(driftlab_one_shard, default, TABLE_whole): the same rows through one shard
//   events_shard / events / events_one: the same rows with the first datetime column named `ts` (for the issue's
//                 `where=toMonth(ts)=1` example), plus, when there are `delay` and `distance` columns, `late`
//                 (delay > 15 minutes: a label) and `predicted_late` (distance > 1000 miles: a stand-in model's
//                 prediction) for fairness — two-shard and one-shard versions as above
// Needs `npm run build` (it imports dist/). Environment: DRIFTLAB_CLICKHOUSE_PORT (HTTP port of node 0, 28123).
import { existsSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const distIndex = join(root, "dist/index.js");
if (!existsSync(distIndex)) {
  console.error(
    `load.mjs: ${distIndex} is missing. Run \`npm run build\` first (the loader uses driftlab's reader).`,
  );
  process.exit(1);
}
const { read } = await import(distIndex);

const file = process.argv[2] ?? join(root, "node_modules/vega-datasets/data/flights-3m.parquet");
const table = process.argv[3] ?? "flights";
const basePort = Number(process.env.DRIFTLAB_CLICKHOUSE_PORT ?? 28123);
const nodes = [0, 1].map((i) => `http://127.0.0.1:${basePort + i}`);
const ROWS_PER_REQUEST = 250_000;

if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(table)) {
  console.error(
    `load.mjs: table name ${JSON.stringify(table)} must be letters, digits and _ (not starting with a digit).`,
  );
  process.exit(1);
}

/** Runs one statement on a node; throws with the server's message on any non-200 answer. */
async function run(node, sql, body) {
  const url = body === undefined ? `${node}/` : `${node}/?query=${encodeURIComponent(sql)}`;
  let response;
  try {
    response = await fetch(url, { method: "POST", body: body ?? sql });
  } catch (error) {
    throw new Error(`${node} did not answer (${error.message}); is the cluster running (cluster.sh status)?`);
  }
  const text = await response.text();
  if (!response.ok)
    throw new Error(`${node} refused ${sql.slice(0, 200)}: HTTP ${response.status}: ${text.trim()}`);
  return text;
}

const quote = (name) => "`" + name.replace(/\\/g, "\\\\").replace(/`/g, "\\`") + "`";

function hasMissing(column) {
  if (column.valid === null) return false;
  for (let i = 0; i < column.length; i++) if (column.valid[i] === 0) return true;
  return false;
}

/** The ClickHouse type of a driftlab column, and a function writing row i as TabSeparated text. */
function columnType(column) {
  const nullable = hasMissing(column);
  const wrap = (type) => (nullable ? `Nullable(${type})` : type);
  const present = (i) => column.valid === null || column.valid[i] === 1;
  switch (column.kind) {
    case "numeric": {
      const values = column.values;
      let integer = column.integer,
        min = Infinity,
        max = -Infinity;
      for (let i = 0; i < values.length; i++) {
        if (!present(i)) continue;
        const v = values[i];
        if (!Number.isInteger(v)) integer = false;
        if (v < min) min = v;
        if (v > max) max = v;
      }
      const type = !integer ? "Float64" : min >= -(2 ** 31) && max < 2 ** 31 ? "Int32" : "Int64";
      const text = (v) =>
        Number.isNaN(v) ? "nan" : v === Infinity ? "inf" : v === -Infinity ? "-inf" : String(v);
      return { type: wrap(type), cell: (i) => (present(i) ? text(values[i]) : "\\N") };
    }
    case "boolean":
      return { type: wrap("UInt8"), cell: (i) => (present(i) ? String(column.values[i]) : "\\N") };
    case "datetime": {
      const values = column.values;
      for (let i = 0; i < values.length; i++) {
        if (present(i) && values[i] % 1000 !== 0) {
          throw new Error(
            `${file}: column "${column.name}" has sub-second instants (row ${i}); ClickHouse 18.16's DateTime ` +
              `holds whole seconds. Round them first.`,
          );
        }
      }
      const text = (ms) => new Date(ms).toISOString().slice(0, 19).replace("T", " ");
      return { type: wrap("DateTime"), cell: (i) => (present(i) ? text(values[i]) : "\\N") };
    }
    default: {
      const escaped = column.dictionary.map((s) =>
        s.replace(/\\/g, "\\\\").replace(/\t/g, "\\t").replace(/\n/g, "\\n").replace(/\r/g, "\\r"),
      );
      return { type: wrap("String"), cell: (i) => (column.codes[i] >= 0 ? escaped[column.codes[i]] : "\\N") };
    }
  }
}

const started = Date.now();
const dataset = await read(file);
const columns = dataset.columns.map((column) => ({
  name: column.name,
  kind: column.kind,
  ...columnType(column),
}));
const n = dataset.numRows;
console.log(
  `read ${file}: ${n} rows, ${columns.length} columns (${((Date.now() - started) / 1000).toFixed(1)} s)`,
);

const columnList = columns.map((c) => `${quote(c.name)} ${c.type}`).join(", ");
const mergeTree = (name, list) =>
  `CREATE TABLE ${quote(name)} (${list}) ENGINE = MergeTree() ORDER BY tuple()`;
const distributed = (name, cluster, local, list) =>
  `CREATE TABLE ${quote(name)} (${list}) ENGINE = Distributed(${cluster}, default, ${quote(local)})`;

const derived = ["_shard", "", "_whole", "_one"].flatMap((suffix) => [table + suffix, "events" + suffix]);
for (const node of nodes) {
  for (const name of derived) await run(node, `DROP TABLE IF EXISTS ${quote(name)}`);
  await run(node, mergeTree(`${table}_shard`, columnList));
  await run(node, distributed(table, "driftlab_two_shards", `${table}_shard`, columnList));
  await run(node, distributed(`${table}_one`, "driftlab_one_shard", `${table}_whole`, columnList));
}
await run(nodes[0], mergeTree(`${table}_whole`, columnList));

// Node i gets rows [i * n / 2, (i + 1) * n / 2), in requests of ROWS_PER_REQUEST rows.
const insertStarted = Date.now();
const half = Math.ceil(n / 2);
for (const [index, node] of nodes.entries()) {
  const from = index * half,
    to = Math.min(n, from + half);
  for (let start = from; start < to; start += ROWS_PER_REQUEST) {
    const end = Math.min(to, start + ROWS_PER_REQUEST);
    const lines = new Array(end - start);
    for (let i = start; i < end; i++) lines[i - start] = columns.map((c) => c.cell(i)).join("\t");
    await run(node, `INSERT INTO ${quote(table + "_shard")} FORMAT TabSeparated`, lines.join("\n") + "\n");
  }
}
await run(nodes[0], `INSERT INTO ${quote(table + "_whole")} SELECT * FROM ${quote(table)}`);
console.log(
  `inserted ${n} rows over HTTP into 2 shards (${((Date.now() - insertStarted) / 1000).toFixed(1)} s)`,
);

// events: the first datetime column as `ts`, and a label and a prediction for fairness when the columns exist.
const time = columns.find((c) => c.kind === "datetime");
if (time !== undefined) {
  const eventColumns = columns.map((c) => (c === time ? { ...c, name: "ts" } : c));
  const fairness = ["delay", "distance"].every((name) =>
    columns.some((c) => c.name === name && c.kind === "numeric"),
  );
  const eventList = [
    ...eventColumns.map((c) => `${quote(c.name)} ${c.type}`),
    ...(fairness ? ["`late` UInt8", "`predicted_late` UInt8"] : []),
  ].join(", ");
  const select = [
    ...columns.map((c) => (c === time ? `${quote(c.name)} AS ts` : quote(c.name))),
    ...(fairness ? ["toUInt8(`delay` > 15) AS late", "toUInt8(`distance` > 1000) AS predicted_late"] : []),
  ].join(", ");
  for (const node of nodes) {
    await run(node, mergeTree("events_shard", eventList));
    await run(node, `INSERT INTO events_shard SELECT ${select} FROM ${quote(table + "_shard")}`);
    await run(node, distributed("events", "driftlab_two_shards", "events_shard", eventList));
    await run(node, distributed("events_one", "driftlab_one_shard", "events_whole", eventList));
  }
  await run(nodes[0], mergeTree("events_whole", eventList));
  await run(nodes[0], `INSERT INTO events_whole SELECT * FROM events`);
}

// Check: every table holds what it should.
const count = async (node, name) => Number((await run(node, `SELECT count() FROM ${quote(name)}`)).trim());
const expected = [
  [nodes[0], `${table}_shard`, half],
  [nodes[1], `${table}_shard`, n - half],
  [nodes[0], table, n],
  [nodes[1], table, n],
  [nodes[0], `${table}_one`, n],
  ...(time
    ? [
        [nodes[0], "events", n],
        [nodes[0], "events_one", n],
        [nodes[1], "events_shard", n - half],
      ]
    : []),
];
for (const [node, name, rows] of expected) {
  const got = await count(node, name);
  if (got !== rows) throw new Error(`${node}: ${name} has ${got} rows, expected ${rows}.`);
}
console.log(
  `loaded: ${table} (two shards: ${half} + ${n - half} rows), ${table}_one (one shard: ${n} rows)` +
    (time ? `, events and events_one (ts = ${time.name})` : "") +
    ` in ${((Date.now() - started) / 1000).toFixed(1)} s`,
);
