"""kill -9 in the middle of an ingest: the file stays consistent, every committed document whole."""

import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from articles import as_jsonl, many_articles

from eventlens.store import EventStore

ROOT = Path(__file__).resolve().parent.parent
ARTICLES = 600
KILL_AFTER = 40  # committed documents


def committed(db: Path) -> int:
    if not db.exists():
        return 0
    try:
        with sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=1) as connection:
            return connection.execute("SELECT count(*) FROM documents").fetchone()[0]
    except sqlite3.OperationalError:  # not created yet, or busy for a moment
        return 0


def test_kill_9_mid_ingest(tmp_path):
    corpus = tmp_path / "corpus.jsonl"
    corpus.write_text(as_jsonl(many_articles(ARTICLES)), encoding="utf-8")
    db = tmp_path / "crash.db"
    command = [sys.executable, "-m", "eventlens", "ingest", str(corpus), "--db", str(db), "--no-progress"]
    process = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 300
    while committed(db) < KILL_AFTER:
        assert process.poll() is None, process.stderr.read().decode()
        assert time.monotonic() < deadline, "ingest too slow to test"
        time.sleep(0.02)
    process.send_signal(signal.SIGKILL)
    process.wait()
    assert process.returncode == -signal.SIGKILL

    connection = sqlite3.connect(db)
    assert connection.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    stored = connection.execute("SELECT count(*) FROM documents").fetchone()[0]
    assert KILL_AFTER <= stored < ARTICLES
    missing_evidence = connection.execute(
        "SELECT count(*) FROM events e WHERE NOT EXISTS (SELECT 1 FROM evidence v WHERE v.event_id = e.id)"
    ).fetchone()[0]
    assert missing_evidence == 0
    connection.close()
    with EventStore(db) as store:
        assert store.check() == []  # every document has all its events; every event its cluster

    resumed = subprocess.run(command, cwd=ROOT, capture_output=True, text=True)
    assert resumed.returncode == 0, resumed.stderr
    assert f"{ARTICLES - stored} added, 0 updated, {stored} unchanged, 0 rejected" in resumed.stdout
