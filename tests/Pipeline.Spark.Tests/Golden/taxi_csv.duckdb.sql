-- Direct strategy
CREATE TYPE "__pipeline_source_file" AS ENUM ('raw/taxi/2024-01-02.csv', 'raw/taxi/2024-01-03.csv');

COPY (
SELECT "vendor_id" AS "vendor_id",
  "pickup_datetime" AS "pickup_datetime",
  "fare_amount" AS "fare_amount",
  CASE WHEN "zone" LIKE ' %' OR "zone" LIKE '% ' THEN trim("zone", ' ') ELSE "zone" END AS "zone",
  "_source_file",
  TIMESTAMPTZ '2024-03-01 12:30:45.123456+00' AS "_ingested_at",
  CAST('run-42' AS ENUM('run-42')) AS "_run_id",
  coalesce(CAST("pickup_datetime" AS DATE), error('pipeline: a row has no value for partition column pickup_datetime_day')) AS "pickup_datetime_day"
FROM (
SELECT "__pipeline_src"."vendor_id" AS "vendor_id", "__pipeline_src"."pickup_datetime" AS "pickup_datetime", "__pipeline_src"."fare_amount" AS "fare_amount", "__pipeline_src"."zone" AS "zone", CAST('raw/taxi/2024-01-02.csv' AS "__pipeline_source_file") AS "_source_file"
FROM read_csv('/lake/raw/taxi/2024-01-02.csv', delim=',', quote='"', header=true, nullstr='', hive_partitioning=false, types={'vendor_id': 'INTEGER', 'pickup_datetime': 'TIMESTAMP', 'fare_amount': 'DECIMAL(10,2)', 'zone': 'VARCHAR'}) AS "__pipeline_src"
UNION ALL
SELECT "__pipeline_src"."vendor_id" AS "vendor_id", "__pipeline_src"."pickup_datetime" AS "pickup_datetime", "__pipeline_src"."fare_amount" AS "fare_amount", "__pipeline_src"."zone" AS "zone", CAST('raw/taxi/2024-01-03.csv' AS "__pipeline_source_file") AS "_source_file"
FROM read_csv('/lake/raw/taxi/2024-01-03.csv', delim=',', quote='"', header=true, nullstr='', hive_partitioning=false, types={'vendor_id': 'INTEGER', 'pickup_datetime': 'TIMESTAMP', 'fare_amount': 'DECIMAL(10,2)', 'zone': 'VARCHAR'}) AS "__pipeline_src"
) AS "__pipeline_rows"
) TO '/lake/processed/taxi/run-42' (FORMAT parquet, COMPRESSION zstd, COMPRESSION_LEVEL 1, PARTITION_BY ("vendor_id", "pickup_datetime_day"), FILENAME_PATTERN 'run-42_{i}', RETURN_STATS);

-- Staged strategy
CREATE TEMP TABLE "__pipeline_raw" ("vendor_id" VARCHAR, "pickup_datetime" VARCHAR, "fare_amount" VARCHAR, "zone" VARCHAR, "_source_file" "__pipeline_source_file");

INSERT INTO "__pipeline_raw"
SELECT "__pipeline_src"."vendor_id" AS "vendor_id", "__pipeline_src"."pickup_datetime" AS "pickup_datetime", "__pipeline_src"."fare_amount" AS "fare_amount", "__pipeline_src"."zone" AS "zone", CAST('raw/taxi/2024-01-02.csv' AS "__pipeline_source_file") AS "_source_file"
FROM read_csv('/lake/raw/taxi/2024-01-02.csv', delim=',', quote='"', header=true, nullstr='', hive_partitioning=false, all_varchar=true) AS "__pipeline_src";

INSERT INTO "__pipeline_raw"
SELECT "__pipeline_src"."vendor_id" AS "vendor_id", "__pipeline_src"."pickup_datetime" AS "pickup_datetime", "__pipeline_src"."fare_amount" AS "fare_amount", "__pipeline_src"."zone" AS "zone", CAST('raw/taxi/2024-01-03.csv' AS "__pipeline_source_file") AS "_source_file"
FROM read_csv('/lake/raw/taxi/2024-01-03.csv', delim=',', quote='"', header=true, nullstr='', hive_partitioning=false, all_varchar=true) AS "__pipeline_src";

SELECT CAST("_source_file" AS VARCHAR), count(*), count(*) FILTER (WHERE ("vendor_id" IS NOT NULL AND TRY_CAST("vendor_id" AS INTEGER) IS NULL) OR ("pickup_datetime" IS NOT NULL AND TRY_CAST("pickup_datetime" AS TIMESTAMP) IS NULL) OR ("fare_amount" IS NOT NULL AND TRY_CAST("fare_amount" AS DECIMAL(10,2)) IS NULL) OR (CAST(TRY_CAST("pickup_datetime" AS TIMESTAMP) AS DATE) IS NULL)), count(*) FILTER (WHERE ("vendor_id" IS NOT NULL AND TRY_CAST("vendor_id" AS INTEGER) IS NULL)) AS failed_0, min(concat('vendor_id: ', concat('''', left(CAST("vendor_id" AS VARCHAR), 100), ''''), ' is not INTEGER')) FILTER (WHERE ("vendor_id" IS NOT NULL AND TRY_CAST("vendor_id" AS INTEGER) IS NULL)) AS example_0, count(*) FILTER (WHERE ("pickup_datetime" IS NOT NULL AND TRY_CAST("pickup_datetime" AS TIMESTAMP) IS NULL)) AS failed_1, min(concat('pickup_datetime: ', concat('''', left(CAST("pickup_datetime" AS VARCHAR), 100), ''''), ' is not TIMESTAMP')) FILTER (WHERE ("pickup_datetime" IS NOT NULL AND TRY_CAST("pickup_datetime" AS TIMESTAMP) IS NULL)) AS example_1, count(*) FILTER (WHERE ("fare_amount" IS NOT NULL AND TRY_CAST("fare_amount" AS DECIMAL(10,2)) IS NULL)) AS failed_2, min(concat('fare_amount: ', concat('''', left(CAST("fare_amount" AS VARCHAR), 100), ''''), ' is not DECIMAL(10,2)')) FILTER (WHERE ("fare_amount" IS NOT NULL AND TRY_CAST("fare_amount" AS DECIMAL(10,2)) IS NULL)) AS example_2, count(*) FILTER (WHERE (CAST(TRY_CAST("pickup_datetime" AS TIMESTAMP) AS DATE) IS NULL)) AS failed_3, min(CASE WHEN "pickup_datetime" IS NULL THEN 'pickup_datetime_day: pickup_datetime is NULL' ELSE concat('pickup_datetime_day: pickup_datetime ', concat('''', left(CAST("pickup_datetime" AS VARCHAR), 100), ''''), ' is not a timestamp') END) FILTER (WHERE (CAST(TRY_CAST("pickup_datetime" AS TIMESTAMP) AS DATE) IS NULL)) AS example_3
FROM "__pipeline_raw" GROUP BY 1;

COPY (
SELECT TRY_CAST("vendor_id" AS INTEGER) AS "vendor_id",
  TRY_CAST("pickup_datetime" AS TIMESTAMP) AS "pickup_datetime",
  TRY_CAST("fare_amount" AS DECIMAL(10,2)) AS "fare_amount",
  CASE WHEN "zone" LIKE ' %' OR "zone" LIKE '% ' THEN trim("zone", ' ') ELSE "zone" END AS "zone",
  "_source_file",
  TIMESTAMPTZ '2024-03-01 12:30:45.123456+00' AS "_ingested_at",
  CAST('run-42' AS ENUM('run-42')) AS "_run_id",
  CAST(TRY_CAST("pickup_datetime" AS TIMESTAMP) AS DATE) AS "pickup_datetime_day"
FROM "__pipeline_raw"
WHERE NOT (("vendor_id" IS NOT NULL AND TRY_CAST("vendor_id" AS INTEGER) IS NULL) OR ("pickup_datetime" IS NOT NULL AND TRY_CAST("pickup_datetime" AS TIMESTAMP) IS NULL) OR ("fare_amount" IS NOT NULL AND TRY_CAST("fare_amount" AS DECIMAL(10,2)) IS NULL) OR (CAST(TRY_CAST("pickup_datetime" AS TIMESTAMP) AS DATE) IS NULL))
) TO '/lake/processed/taxi/run-42' (FORMAT parquet, COMPRESSION zstd, COMPRESSION_LEVEL 1, PARTITION_BY ("vendor_id", "pickup_datetime_day"), FILENAME_PATTERN 'run-42_{i}', RETURN_STATS);

COPY (SELECT "vendor_id", "pickup_datetime", "fare_amount", "zone", concat_ws('; ', CASE WHEN ("vendor_id" IS NOT NULL AND TRY_CAST("vendor_id" AS INTEGER) IS NULL) THEN concat('vendor_id: ', concat('''', left(CAST("vendor_id" AS VARCHAR), 100), ''''), ' is not INTEGER') END, CASE WHEN ("pickup_datetime" IS NOT NULL AND TRY_CAST("pickup_datetime" AS TIMESTAMP) IS NULL) THEN concat('pickup_datetime: ', concat('''', left(CAST("pickup_datetime" AS VARCHAR), 100), ''''), ' is not TIMESTAMP') END, CASE WHEN ("fare_amount" IS NOT NULL AND TRY_CAST("fare_amount" AS DECIMAL(10,2)) IS NULL) THEN concat('fare_amount: ', concat('''', left(CAST("fare_amount" AS VARCHAR), 100), ''''), ' is not DECIMAL(10,2)') END, CASE WHEN (CAST(TRY_CAST("pickup_datetime" AS TIMESTAMP) AS DATE) IS NULL) THEN CASE WHEN "pickup_datetime" IS NULL THEN 'pickup_datetime_day: pickup_datetime is NULL' ELSE concat('pickup_datetime_day: pickup_datetime ', concat('''', left(CAST("pickup_datetime" AS VARCHAR), 100), ''''), ' is not a timestamp') END END) AS "_reason", "_source_file"
FROM "__pipeline_raw"
WHERE ("vendor_id" IS NOT NULL AND TRY_CAST("vendor_id" AS INTEGER) IS NULL) OR ("pickup_datetime" IS NOT NULL AND TRY_CAST("pickup_datetime" AS TIMESTAMP) IS NULL) OR ("fare_amount" IS NOT NULL AND TRY_CAST("fare_amount" AS DECIMAL(10,2)) IS NULL) OR (CAST(TRY_CAST("pickup_datetime" AS TIMESTAMP) AS DATE) IS NULL)) TO '/lake/quarantine/taxi/run-42/run-42_rows.ndjson' (FORMAT json);
