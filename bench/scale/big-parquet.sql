-- A seeded 100M-row Parquet file for the bounded-memory profile benchmark (docs/benchmarks.md).
-- 4 columns, row groups of 1M rows. Run: node bench/scale/make-big-parquet.mjs [rows] [path]
-- ${ROWS} and ${PATH} are substituted by the runner. setseed makes random() repeatable.
SELECT setseed(0.16);
COPY (
  SELECT
    i AS id,
    random() * 100 AS amount,
    (hash(i) % 20)::INTEGER AS category_code,
    'c' || ((hash(i * 7) % 50)::VARCHAR) AS category
  FROM range(${ROWS}) t(i)
) TO '${PATH}' (FORMAT PARQUET, ROW_GROUP_SIZE 1000000);
