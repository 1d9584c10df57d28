-- Direct strategy
CREATE TYPE "__pipeline_source_file" AS ENUM ('raw/orders/export.parquet', 'raw/orders/fix.csv.gz');

COPY (
SELECT "order_id" AS "order_id",
  "amount" AS "amount",
  CASE WHEN "region" LIKE ' %' OR "region" LIKE '% ' THEN trim("region", ' ') ELSE "region" END AS "region",
  "placed_at" AS "placed_at",
  CASE WHEN "note" LIKE ' %' OR "note" LIKE '% ' THEN trim("note", ' ') ELSE "note" END AS "note",
  "_source_file",
  TIMESTAMPTZ '2024-03-01 12:30:45.123456+00' AS "_ingested_at",
  CAST('orders-run-3' AS ENUM('orders-run-3')) AS "_run_id",
  coalesce(strftime(timezone('UTC', "placed_at"), '%Y-%m'), error('pipeline: a row has no value for partition column placed_at_month')) AS "placed_at_month"
FROM (
SELECT CAST("__pipeline_src"."order_id" AS BIGINT) AS "order_id", "__pipeline_src"."amount" AS "amount", "__pipeline_src"."region" AS "region", "__pipeline_src"."placed_at" AS "placed_at", CAST(NULL AS VARCHAR) AS "note", CAST('raw/orders/export.parquet' AS "__pipeline_source_file") AS "_source_file"
FROM read_parquet('/lake/raw/orders/export.parquet', hive_partitioning=false) AS "__pipeline_src"
UNION ALL
SELECT "__pipeline_src"."order_id" AS "order_id", "__pipeline_src"."amount" AS "amount", "__pipeline_src"."region" AS "region", "__pipeline_src"."placed_at" AS "placed_at", "__pipeline_src"."note" AS "note", CAST('raw/orders/fix.csv.gz' AS "__pipeline_source_file") AS "_source_file"
FROM read_csv('/lake/raw/orders/fix.csv.gz', delim=',', quote='"', header=true, nullstr='', hive_partitioning=false, types={'order_id': 'BIGINT', 'amount': 'DECIMAL(12,2)', 'region': 'VARCHAR', 'placed_at': 'TIMESTAMP WITH TIME ZONE', 'note': 'VARCHAR'}) AS "__pipeline_src"
) AS "__pipeline_rows"
) TO '/lake/processed/orders/orders-run-3' (FORMAT parquet, COMPRESSION zstd, COMPRESSION_LEVEL 1, PARTITION_BY ("region", "placed_at_month"), FILENAME_PATTERN 'orders-run-3_{i}', RETURN_STATS);

-- Staged strategy
CREATE TEMP TABLE "__pipeline_raw" ("order_id" VARCHAR, "amount" VARCHAR, "region" VARCHAR, "placed_at" VARCHAR, "note" VARCHAR, "_source_file" "__pipeline_source_file", "__pipeline_arrival" BIGINT, "__pipeline_row" BIGINT);

INSERT INTO "__pipeline_raw"
SELECT CAST("__pipeline_src"."order_id" AS VARCHAR) AS "order_id", CAST("__pipeline_src"."amount" AS VARCHAR) AS "amount", "__pipeline_src"."region" AS "region", CAST("__pipeline_src"."placed_at" AS VARCHAR) AS "placed_at", CAST(NULL AS VARCHAR) AS "note", CAST('raw/orders/export.parquet' AS "__pipeline_source_file") AS "_source_file", CAST(5 AS BIGINT) AS "__pipeline_arrival", row_number() OVER () + 0 AS "__pipeline_row"
FROM read_parquet('/lake/raw/orders/export.parquet', hive_partitioning=false) AS "__pipeline_src";

INSERT INTO "__pipeline_raw"
SELECT "__pipeline_src"."order_id" AS "order_id", "__pipeline_src"."amount" AS "amount", "__pipeline_src"."region" AS "region", "__pipeline_src"."placed_at" AS "placed_at", "__pipeline_src"."note" AS "note", CAST('raw/orders/fix.csv.gz' AS "__pipeline_source_file") AS "_source_file", CAST(6 AS BIGINT) AS "__pipeline_arrival", row_number() OVER () + 0 AS "__pipeline_row"
FROM read_csv('/lake/raw/orders/fix.csv.gz', delim=',', quote='"', header=true, nullstr='', hive_partitioning=false, all_varchar=true) AS "__pipeline_src";

SELECT CAST("_source_file" AS VARCHAR), count(*), count(*) FILTER (WHERE ("order_id" IS NOT NULL AND TRY_CAST("order_id" AS BIGINT) IS NULL) OR ("amount" IS NOT NULL AND TRY_CAST("amount" AS DECIMAL(12,2)) IS NULL) OR ("placed_at" IS NOT NULL AND TRY_CAST("placed_at" AS TIMESTAMP WITH TIME ZONE) IS NULL) OR (strftime(timezone('UTC', TRY_CAST("placed_at" AS TIMESTAMP WITH TIME ZONE)), '%Y-%m') IS NULL) OR (TRY_CAST("order_id" AS BIGINT) IS NULL)), count(*) FILTER (WHERE ("order_id" IS NOT NULL AND TRY_CAST("order_id" AS BIGINT) IS NULL)) AS failed_0, min(concat('order_id: ', concat('''', left(CAST("order_id" AS VARCHAR), 100), ''''), ' is not BIGINT')) FILTER (WHERE ("order_id" IS NOT NULL AND TRY_CAST("order_id" AS BIGINT) IS NULL)) AS example_0, count(*) FILTER (WHERE ("amount" IS NOT NULL AND TRY_CAST("amount" AS DECIMAL(12,2)) IS NULL)) AS failed_1, min(concat('amount: ', concat('''', left(CAST("amount" AS VARCHAR), 100), ''''), ' is not DECIMAL(12,2)')) FILTER (WHERE ("amount" IS NOT NULL AND TRY_CAST("amount" AS DECIMAL(12,2)) IS NULL)) AS example_1, count(*) FILTER (WHERE ("placed_at" IS NOT NULL AND TRY_CAST("placed_at" AS TIMESTAMP WITH TIME ZONE) IS NULL)) AS failed_2, min(concat('placed_at: ', concat('''', left(CAST("placed_at" AS VARCHAR), 100), ''''), ' is not TIMESTAMP WITH TIME ZONE')) FILTER (WHERE ("placed_at" IS NOT NULL AND TRY_CAST("placed_at" AS TIMESTAMP WITH TIME ZONE) IS NULL)) AS example_2, count(*) FILTER (WHERE (strftime(timezone('UTC', TRY_CAST("placed_at" AS TIMESTAMP WITH TIME ZONE)), '%Y-%m') IS NULL)) AS failed_3, min(CASE WHEN "placed_at" IS NULL THEN 'placed_at_month: placed_at is NULL' ELSE concat('placed_at_month: placed_at ', concat('''', left(CAST("placed_at" AS VARCHAR), 100), ''''), ' is not a timestamp') END) FILTER (WHERE (strftime(timezone('UTC', TRY_CAST("placed_at" AS TIMESTAMP WITH TIME ZONE)), '%Y-%m') IS NULL)) AS example_3, count(*) FILTER (WHERE (TRY_CAST("order_id" AS BIGINT) IS NULL)) AS failed_4, min('primary key order_id is NULL') FILTER (WHERE (TRY_CAST("order_id" AS BIGINT) IS NULL)) AS example_4
FROM "__pipeline_raw" GROUP BY 1;

COPY (
SELECT TRY_CAST("order_id" AS BIGINT) AS "order_id",
  TRY_CAST("amount" AS DECIMAL(12,2)) AS "amount",
  CASE WHEN "region" LIKE ' %' OR "region" LIKE '% ' THEN trim("region", ' ') ELSE "region" END AS "region",
  TRY_CAST("placed_at" AS TIMESTAMP WITH TIME ZONE) AS "placed_at",
  CASE WHEN "note" LIKE ' %' OR "note" LIKE '% ' THEN trim("note", ' ') ELSE "note" END AS "note",
  "_source_file",
  TIMESTAMPTZ '2024-03-01 12:30:45.123456+00' AS "_ingested_at",
  CAST('orders-run-3' AS ENUM('orders-run-3')) AS "_run_id",
  strftime(timezone('UTC', TRY_CAST("placed_at" AS TIMESTAMP WITH TIME ZONE)), '%Y-%m') AS "placed_at_month"
FROM "__pipeline_raw"
WHERE NOT (("order_id" IS NOT NULL AND TRY_CAST("order_id" AS BIGINT) IS NULL) OR ("amount" IS NOT NULL AND TRY_CAST("amount" AS DECIMAL(12,2)) IS NULL) OR ("placed_at" IS NOT NULL AND TRY_CAST("placed_at" AS TIMESTAMP WITH TIME ZONE) IS NULL) OR (strftime(timezone('UTC', TRY_CAST("placed_at" AS TIMESTAMP WITH TIME ZONE)), '%Y-%m') IS NULL) OR (TRY_CAST("order_id" AS BIGINT) IS NULL))
QUALIFY row_number() OVER (PARTITION BY TRY_CAST("order_id" AS BIGINT) ORDER BY "__pipeline_arrival" DESC, "__pipeline_row" DESC) = 1
) TO '/lake/processed/orders/orders-run-3' (FORMAT parquet, COMPRESSION zstd, COMPRESSION_LEVEL 1, PARTITION_BY ("region", "placed_at_month"), FILENAME_PATTERN 'orders-run-3_{i}', RETURN_STATS);

COPY (SELECT "order_id", "amount", "region", "placed_at", "note", concat_ws('; ', CASE WHEN ("order_id" IS NOT NULL AND TRY_CAST("order_id" AS BIGINT) IS NULL) THEN concat('order_id: ', concat('''', left(CAST("order_id" AS VARCHAR), 100), ''''), ' is not BIGINT') END, CASE WHEN ("amount" IS NOT NULL AND TRY_CAST("amount" AS DECIMAL(12,2)) IS NULL) THEN concat('amount: ', concat('''', left(CAST("amount" AS VARCHAR), 100), ''''), ' is not DECIMAL(12,2)') END, CASE WHEN ("placed_at" IS NOT NULL AND TRY_CAST("placed_at" AS TIMESTAMP WITH TIME ZONE) IS NULL) THEN concat('placed_at: ', concat('''', left(CAST("placed_at" AS VARCHAR), 100), ''''), ' is not TIMESTAMP WITH TIME ZONE') END, CASE WHEN (strftime(timezone('UTC', TRY_CAST("placed_at" AS TIMESTAMP WITH TIME ZONE)), '%Y-%m') IS NULL) THEN CASE WHEN "placed_at" IS NULL THEN 'placed_at_month: placed_at is NULL' ELSE concat('placed_at_month: placed_at ', concat('''', left(CAST("placed_at" AS VARCHAR), 100), ''''), ' is not a timestamp') END END, CASE WHEN (TRY_CAST("order_id" AS BIGINT) IS NULL) THEN 'primary key order_id is NULL' END) AS "_reason", "_source_file"
FROM "__pipeline_raw"
WHERE ("order_id" IS NOT NULL AND TRY_CAST("order_id" AS BIGINT) IS NULL) OR ("amount" IS NOT NULL AND TRY_CAST("amount" AS DECIMAL(12,2)) IS NULL) OR ("placed_at" IS NOT NULL AND TRY_CAST("placed_at" AS TIMESTAMP WITH TIME ZONE) IS NULL) OR (strftime(timezone('UTC', TRY_CAST("placed_at" AS TIMESTAMP WITH TIME ZONE)), '%Y-%m') IS NULL) OR (TRY_CAST("order_id" AS BIGINT) IS NULL)) TO '/lake/quarantine/orders/orders-run-3/orders-run-3_rows.ndjson' (FORMAT json);
