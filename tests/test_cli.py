"""The command line, run as users run it: a real process, real files, real pipes."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from eventlens.cli import cli

ROOT = Path(__file__).resolve().parent.parent
REPORT = ("Rebels attacked an army base near Bunia on Monday, killing three soldiers, the army said. "
          "Two more soldiers were wounded.")


def run(*args, stdin=None):
    return subprocess.run([sys.executable, "-m", "eventlens", *args], input=stdin, capture_output=True,
                          text=True, cwd=ROOT)


def test_every_command_has_help():
    runner = CliRunner()
    commands = [([name], command) for name, command in cli.commands.items()]
    commands += [([group, name], command) for group, parent in cli.commands.items()
                 for name, command in getattr(parent, "commands", {}).items()]
    for words, command in commands:
        result = runner.invoke(cli, [*words, "--help"])
        assert result.exit_code == 0, words
        assert command.help and len(command.help.strip()) > 20, words


def test_gazetteer_build_from_a_dump_and_lookup(tmp_path):
    row = "\t".join(["9001", "Testbury", "Testbury", "Old Testbury", "51.5", "-1.5", "P", "PPL", "GB", "",
                     "ENG", "", "", "", "12000", "", "80", "Europe/London", "2024-01-01"])
    dump = tmp_path / "GB.txt"
    dump.write_text(row + "\n", encoding="utf-8")
    index = tmp_path / "full.sqlite"
    built = run("gazetteer", "build", "--geonames", str(dump), "--out", str(index))
    assert built.returncode == 0, built.stderr
    assert f"EVENTLENS_GAZETTEER={index}" in built.stdout
    env = {**os.environ, "EVENTLENS_GAZETTEER": str(index)}
    found = subprocess.run([sys.executable, "-m", "eventlens", "gazetteer", "lookup", "Old Testbury"],
                           capture_output=True, text=True, cwd=ROOT, env=env)
    assert found.returncode == 0 and found.stdout.startswith("Testbury\tpopulated_place\tGB")
    missing = run("gazetteer", "build", "--geonames", str(tmp_path / "nowhere.zip"))
    assert missing.returncode == 2


def test_jsonl_from_stdin_keeps_ids_and_order():
    lines = "".join(json.dumps({"id": f"doc-{n}", "text": REPORT, "published": "2024-03-14"}) + "\n"
                    for n in range(3))
    result = run("extract", "--format", "jsonl", "-", stdin=lines)
    assert result.returncode == 0, result.stderr
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert [r["id"] for r in records] == ["doc-0", "doc-1", "doc-2"]
    event = records[0]["events"][0]
    assert event["event_type"] == "ASSAULT" and event["fatalities"]["min"] == 3
    assert event["id"] == "doc-0#e1"
    assert result.stderr == ""  # no progress bar when nothing is a terminal


def test_bad_documents_are_named_and_the_batch_goes_on(tmp_path):
    lines = "\n".join([
        json.dumps({"id": "good-1", "text": REPORT, "published": "2024-03-14"}),
        "{broken",
        json.dumps({"id": "empty", "text": ""}),
        json.dumps({"id": "good-2", "text": REPORT, "published": "bad date"}),
        json.dumps({"id": "good-3", "text": REPORT}),
    ])
    result = run("extract", stdin=lines)
    assert result.returncode == 1
    assert [json.loads(line)["id"] for line in result.stdout.splitlines()] == ["good-1", "good-3"]
    rejected = result.stderr.splitlines()
    assert len(rejected) == 3 and all(line.startswith("rejected ") for line in rejected)
    assert "Traceback" not in result.stderr


def test_files_json_and_table(tmp_path):
    (tmp_path / "report.txt").write_text(REPORT, encoding="utf-8")
    (tmp_path / "binary.txt").write_bytes(b"\x00\xff\x00")
    result = run("extract", "--format", "json", "--published", "2024-03-14", str(tmp_path / "report.txt"))
    assert result.returncode == 0, result.stderr
    (record,) = json.loads(result.stdout)
    assert record["id"] == "report" and record["published"] == "2024-03-14"
    table = run("extract", "--format", "table", str(tmp_path))
    assert table.returncode == 1 and "binary" in table.stderr
    assert "ASSAULT" in table.stdout


def test_bad_option_value_is_a_usage_error():
    result = run("extract", "--published", "yesterday")
    assert result.returncode == 2 and "Traceback" not in result.stderr


def test_schema_describes_the_record():
    result = run("schema")
    schema = json.loads(result.stdout)
    assert schema["title"] == "DocumentRecord"
    assert {"events", "places", "times"} <= set(schema["properties"])
    event = schema["$defs"]["Event"]
    assert {"event_type", "acled", "date", "location", "actors", "fatalities", "sources", "evidence",
            "confidence"} <= set(event["properties"])


def test_samples_shipped_with_the_project_extract_cleanly():
    result = run("extract", "--format", "jsonl", str(ROOT / "samples"))
    assert result.returncode == 0, result.stderr
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(records) == 5 and all(r["events"] for r in records)


@pytest.mark.parametrize("module", ["eventlens", "eventlens.errors", "eventlens.ingest", "eventlens.ingest.web",
                                    "eventlens.store", "eventlens.export", "eventlens.resolve.dedup"])
def test_public_names_exist(module):
    imported = __import__(module, fromlist=["__all__"])
    for name in imported.__all__:
        assert hasattr(imported, name), f"{module}.{name}"


def test_ingest_export_and_stats(tmp_path):
    from articles import ARTICLES, as_jsonl

    db = str(tmp_path / "cli.db")
    ingested = run("ingest", "-", "--db", db, stdin=as_jsonl(ARTICLES))
    assert ingested.returncode == 0, ingested.stderr
    assert ingested.stdout.strip() == f"{db}: 3 added, 0 updated, 0 unchanged, 0 rejected"
    again = run("ingest", "-", "--db", db, stdin=as_jsonl(ARTICLES))
    assert "0 added, 0 updated, 3 unchanged" in again.stdout
    exported = run("export", "--db", db, "--format", "csv", "--country", "CD", "--since", "2024-03-01")
    assert exported.returncode == 0, exported.stderr
    header, *rows = exported.stdout.splitlines()
    assert header.startswith("event_id_cnty,event_date,year,time_precision,disorder_type,event_type")
    assert rows and all(",2024-03-" in row for row in rows)
    geojson = run("export", "--db", db, "--format", "geojson", "--bbox", "29,1,31,2", "--type", "ASSAULT")
    assert json.loads(geojson.stdout)["features"]
    table = run("export", "--db", db, "--format", "table")
    assert "ASSAULT" in table.stdout
    counted = run("stats", "--db", db)
    assert counted.returncode == 0 and "events by country" in counted.stdout and "CD" in counted.stdout


def test_export_errors_are_messages_with_exit_codes(tmp_path):
    missing = run("export", "--db", str(tmp_path / "none.db"))
    assert missing.returncode == 3 and "no event store" in missing.stderr
    bad_box = run("export", "--db", str(tmp_path / "none.db"), "--bbox", "1,2,3")
    assert bad_box.returncode == 2 and "--bbox" in bad_box.stderr
    bad_country = run("export", "--country", "Atlantis")
    assert bad_country.returncode == 2 and "unknown country" in bad_country.stderr
    parquet = run("export", "--format", "parquet")
    assert parquet.returncode == 2 and "--output" in parquet.stderr
    for result in (missing, bad_box, bad_country, parquet):
        assert "Traceback" not in result.stderr
