"""The PySpark driver's pure functions, with the standard library only (no Spark here).
Run: python3 -m unittest discover -s tests/spark_driver (Pipeline.Spark.Tests runs it too)."""
import json
import os
import sys
import unittest
from datetime import datetime, timezone

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
sys.path.insert(0, os.path.join(ROOT, "Pipeline.Spark", "Driver"))
sys.dont_write_bytecode = True

import pipeline_driver as driver  # noqa: E402

GOLDEN = os.path.join(ROOT, "tests", "Pipeline.Spark.Tests", "Golden")
MANIFEST = {"version": 1, "dataset": "trips", "runId": "run-42", "attempt": "a1", "script": "SELECT 1",
            "output": "s3://lake/work/trips/run-42/a1/out/", "result": "s3://lake/work/trips/run-42/a1/result.json"}


class SplitStatements(unittest.TestCase):
    def test_semicolons_inside_strings_identifiers_and_comments_do_not_split(self):
        script = ("SELECT 'a;b', \"c;d\", `e;f``g` FROM t; -- not; a statement\n"
                  "/* also; not */ SELECT concat('\\'', x, '\\';') FROM u;")
        self.assertEqual(driver.split_statements(script),
                         ["SELECT 'a;b', \"c;d\", `e;f``g` FROM t",
                          "SELECT concat('\\'', x, '\\';') FROM u"])

    def test_empty_statements_and_trailing_text_without_semicolon(self):
        self.assertEqual(driver.split_statements(";; SET a=b ;\n\nSELECT 1"), ["SET a=b", "SELECT 1"])

    def test_every_golden_spark_script_splits_into_its_blocks(self):
        goldens = sorted(f for f in os.listdir(GOLDEN) if f.endswith(".spark.sql"))
        self.assertGreater(len(goldens), 0)
        for name in goldens:
            with open(os.path.join(GOLDEN, name), encoding="utf-8") as f:
                text = f.read()
            # The compiler writes one statement per block, blocks apart by a blank line, after one comment block.
            blocks = [b for b in text.split("\n\n") if b.strip() and not b.lstrip().startswith("--")]
            statements = driver.split_statements(text)
            with self.subTest(golden=name):
                self.assertEqual(len(statements), len(blocks))
                self.assertEqual(statements, [b.strip().rstrip(";").strip() for b in blocks])
                # One statement answers rows: the summary the result is built from.
                queries = [q for q in statements if driver.is_query(q)]
                self.assertEqual(len(queries), 1)
                self.assertTrue(queries[0].startswith("SELECT count(*) AS rows_in"))


class Manifest(unittest.TestCase):
    def test_a_complete_manifest_loads(self):
        self.assertEqual(driver.load_manifest(json.dumps(MANIFEST))["runId"], "run-42")

    def test_missing_fields_are_named(self):
        broken = dict(MANIFEST, script="", result=None)
        with self.assertRaisesRegex(ValueError, "lacks script, result"):
            driver.load_manifest(json.dumps(broken))

    def test_another_version_is_refused(self):
        with self.assertRaisesRegex(ValueError, "version 2"):
            driver.load_manifest(json.dumps(dict(MANIFEST, version=2)))


class Outputs(unittest.TestCase):
    def test_parquet_files_with_their_partitions_markers_left_out(self):
        base = MANIFEST["output"]
        listing = [
            (base + "vendor_id=2/day=2024-01-02/part-00001.zstd.parquet", 300),
            (base + "vendor_id=1/day=2024-01-02/part-00000.zstd.parquet", 200),
            (base + "_SUCCESS", 0),
            (base + "vendor_id=1/day=2024-01-02/.part-00000.zstd.parquet.crc", 12),
            (base + "_temporary/0/part-9.parquet", 5),
            ("s3://lake/elsewhere/x.parquet", 7),
        ]
        self.assertEqual(driver.output_files(listing, base), [
            {"path": "vendor_id=1/day=2024-01-02/part-00000.zstd.parquet", "bytes": 200, "partition": {"vendor_id": "1", "day": "2024-01-02"}},
            {"path": "vendor_id=2/day=2024-01-02/part-00001.zstd.parquet", "bytes": 300, "partition": {"vendor_id": "2", "day": "2024-01-02"}},
        ])

    def test_escaped_partition_names_and_values_are_read_back(self):
        self.assertEqual(driver.partition_of("Flight%20Date_year=2024/city=S%C3%A3o%20Paulo/part-0.parquet"),
                         {"Flight Date_year": "2024", "city": "São Paulo"})


class Result(unittest.TestCase):
    def test_counts_expectations_and_times_from_the_summary_row(self):
        summary = {"rows_in": 100, "rows_quarantined": 3, "lines_set_aside": 2, "files_over_bad_line_ratio": ["raw/t/bad.csv"],
                   "rows_checked": 97, "expectation_1_failed": 4, "expectation_1_example": "fare = '-3.00'",
                   "expectation_0_failed": 0, "expectation_0_example": None}
        started = datetime(2026, 12, 3, 10, 0, 0, tzinfo=timezone.utc)
        result = driver.build_result(MANIFEST, summary, [], 95, started, started)
        self.assertEqual((result["state"], result["rowsIn"], result["rowsOut"], result["rowsQuarantined"], result["linesSetAside"]),
                         ("Succeeded", 100, 95, 3, 2))
        self.assertEqual(result["expectations"], [{"index": 0, "failed": 0, "example": None},
                                                  {"index": 1, "failed": 4, "example": "fare = '-3.00'"}])
        self.assertEqual(result["startedAt"], "2026-12-03T10:00:00+00:00")
        self.assertEqual(result["filesOverBadLineRatio"], ["raw/t/bad.csv"])

    def test_a_failed_script_gives_a_failed_result_with_its_error(self):
        now = datetime.now(timezone.utc)
        result = driver.build_result(MANIFEST, {}, [], 0, now, now, "AnalysisException: cannot resolve `fare`")
        self.assertEqual((result["state"], result["error"], result["rowsIn"]), ("Failed", "AnalysisException: cannot resolve `fare`", 0))


if __name__ == "__main__":
    unittest.main()
