"""Pipeline's transform on EMR: runs the Spark SQL script Pipeline.Spark compiled for one run, then writes
the run's result manifest, which the silo reads to commit the run's Parquet as it commits DuckDB's.

Usage (an EMR step): spark-submit pipeline_driver.py <run-manifest-uri>

The run manifest (JSON, written by the silo): version, dataset, runId, attempt, script (the compiled Spark
SQL), output (the run-scoped folder the script writes the table's Parquet to), result (where this driver
writes its result), traceparent (optional, the W3C trace context of the silo's stage span).

The result manifest (JSON): version, dataset, runId, attempt, state ("Succeeded" or "Failed"), error,
rowsIn, rowsOut, rowsQuarantined, linesSetAside, filesOverBadLineRatio, expectations ([{index, failed,
example}]), rowsChecked, outputs ([{path, bytes, partition}]), startedAt, endedAt (ISO 8601, UTC).

Only the standard library is imported at module level, so the pure functions below are unit-tested
without Spark (tests/spark_driver); pyspark is imported in main().
"""
import json
import sys
from datetime import datetime, timezone
from urllib.parse import unquote

MANIFEST_VERSION = 1
REQUIRED = ("version", "dataset", "runId", "attempt", "script", "output", "result")
QUERY_KEYWORDS = ("SELECT", "WITH")


def load_manifest(text):
    """The run manifest as a dict; ValueError naming what is missing or wrong."""
    manifest = json.loads(text)
    if not isinstance(manifest, dict):
        raise ValueError("the run manifest is not a JSON object")
    missing = [name for name in REQUIRED if manifest.get(name) in (None, "")]
    if missing:
        raise ValueError("the run manifest lacks " + ", ".join(missing))
    if manifest["version"] != MANIFEST_VERSION:
        raise ValueError("run manifest version %r; this driver reads version %d" % (manifest["version"], MANIFEST_VERSION))
    return manifest


def split_statements(script):
    """The script's statements, in order, without their ';' and without comments between them.

    Spark SQL quoting: '...' and "..." strings with backslash escapes, `...` identifiers with `` for a
    backtick, -- line comments and /* */ block comments.
    """
    statements, current, i, n = [], [], 0, len(script)
    while i < n:
        c = script[i]
        if c in "'\"":
            j = i + 1
            while j < n and script[j] != c:
                j += 2 if script[j] == "\\" else 1
            current.append(script[i:j + 1])
            i = j + 1
        elif c == "`":
            j = i + 1
            while j < n:
                if script[j] == "`":
                    if j + 1 < n and script[j + 1] == "`":
                        j += 2
                        continue
                    break
                j += 1
            current.append(script[i:j + 1])
            i = j + 1
        elif script.startswith("--", i):
            j = script.find("\n", i)
            i = n if j < 0 else j + 1
            current.append("\n")
        elif script.startswith("/*", i):
            j = script.find("*/", i + 2)
            i = n if j < 0 else j + 2
            current.append(" ")
        elif c == ";":
            _flush(current, statements)
            current = []
            i += 1
        else:
            current.append(c)
            i += 1
    _flush(current, statements)
    return statements


def _flush(parts, statements):
    text = "".join(parts).strip()
    if text:
        statements.append(text)


def is_query(statement):
    """True for a statement whose rows are the answer (the script's final summary)."""
    words = statement.split(None, 1)
    return bool(words) and words[0].upper() in QUERY_KEYWORDS


def partition_of(relative_path):
    """The Hive partition values of a file below the output folder: 'a=1/b=x%20y/part-0.parquet' -> {a: 1, b: x y}."""
    values = {}
    for folder in relative_path.split("/")[:-1]:
        name, sep, value = folder.partition("=")
        if sep and name:
            values[unquote(name)] = unquote(value)
    return values


def output_files(listing, output):
    """The Parquet data files of a listing [(uri, bytes)] under the output folder, with their partitions.

    Spark's own markers (_SUCCESS, .crc files, _temporary folders) are not data and are left out.
    """
    base = output if output.endswith("/") else output + "/"
    files = []
    for uri, size in sorted(listing):
        if not uri.startswith(base):
            continue
        relative = uri[len(base):]
        name = relative.rsplit("/", 1)[-1]
        if any(part.startswith(("_", ".")) for part in relative.split("/")) or not name.endswith(".parquet"):
            continue
        files.append({"path": relative, "bytes": int(size), "partition": partition_of(relative)})
    return files


def expectation_results(summary):
    """[{index, failed, example}] from the summary's expectation_<i>_failed / _example columns, values as they are."""
    results = []
    for key, value in summary.items():
        if key.startswith("expectation_") and key.endswith("_failed"):
            index = int(key[len("expectation_"):-len("_failed")])
            # As the script computes it: a count of rows, or for freshness the newest time's epoch seconds.
            results.append({"index": index, "failed": value,
                            "example": summary.get("expectation_%d_example" % index)})
    return sorted(results, key=lambda r: r["index"])


def build_result(manifest, summary, outputs, rows_out, started, ended, error=None):
    """The result manifest of a run; summary is the script's final row as a dict (empty when it failed)."""
    return {
        "version": MANIFEST_VERSION,
        "dataset": manifest["dataset"],
        "runId": manifest["runId"],
        "attempt": manifest["attempt"],
        "state": "Failed" if error else "Succeeded",
        "error": error,
        "rowsIn": int(summary.get("rows_in") or 0),
        "rowsOut": int(rows_out),
        "rowsQuarantined": int(summary.get("rows_quarantined") or 0),
        "linesSetAside": int(summary.get("lines_set_aside") or 0),
        "filesOverBadLineRatio": list(summary.get("files_over_bad_line_ratio") or []),
        "rowsChecked": int(summary.get("rows_checked") or 0),
        "expectations": expectation_results(summary),
        "outputs": outputs,
        "startedAt": started.astimezone(timezone.utc).isoformat(),
        "endedAt": ended.astimezone(timezone.utc).isoformat(),
    }


def _now():
    return datetime.now(timezone.utc)


def _read_text(spark, uri):
    return spark.read.text(uri, wholetext=True).first()[0]


def _file_system(spark, uri):
    jvm = spark.sparkContext._jvm
    path = jvm.org.apache.hadoop.fs.Path(uri)
    return path, path.getFileSystem(spark.sparkContext._jsc.hadoopConfiguration())


def _list(spark, uri):
    path, fs = _file_system(spark, uri)
    if not fs.exists(path):
        return []
    listing, files = [], fs.listFiles(path, True)
    while files.hasNext():
        status = files.next()
        listing.append((status.getPath().toString(), status.getLen()))
    return listing


def _write_text(spark, uri, text):
    path, fs = _file_system(spark, uri)
    stream = fs.create(path, True)
    try:
        stream.write(bytearray(text.encode("utf-8")))
    finally:
        stream.close()


def main(argv):
    if len(argv) != 2:
        print("usage: spark-submit pipeline_driver.py <run-manifest-uri>", file=sys.stderr)
        return 2
    from pyspark.sql import SparkSession  # only on the cluster

    spark = SparkSession.builder.getOrCreate()
    manifest = load_manifest(_read_text(spark, argv[1]))
    spark.sparkContext.setLocalProperty("traceparent", manifest.get("traceparent") or "")
    spark.sparkContext.setJobDescription("pipeline %s %s" % (manifest["dataset"], manifest["runId"]))
    started, summary, error, outputs, rows_out = _now(), {}, None, [], 0
    try:
        for statement in split_statements(manifest["script"]):
            frame = spark.sql(statement)
            if is_query(statement):
                rows = frame.collect()
                summary = rows[0].asDict(recursive=True) if rows else {}
        outputs = output_files(_list(spark, manifest["output"]), manifest["output"])
        if outputs:
            rows_out = spark.read.parquet(manifest["output"]).count()
    except Exception as e:  # the silo reads the reason from the result
        error = "%s: %s" % (type(e).__name__, e)
    _write_text(spark, manifest["result"], json.dumps(build_result(manifest, summary, outputs, rows_out, started, _now(), error)))
    return 1 if error else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
