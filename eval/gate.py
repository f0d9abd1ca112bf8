"""The evaluation gate: score the development sets and fail when a figure drops below its floor.

    python eval/gate.py --shared ../shared

The scorer and the gold files live outside this repository (../shared/eval); the floors live
here, in eval/floors.toml. A figure may fall below its floor by at most the file's
`tolerance` (extraction is deterministic, so this only absorbs rounding). Raise a floor when
extraction improves; never lower one.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tomllib
from pathlib import Path

HERE = Path(__file__).resolve().parent
COMMAND = "{bin}/eventlens extract --format jsonl -"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", default=str(HERE.parent.parent / "shared"), help="folder holding eval/score.py")
    parser.add_argument("--floors", default=str(HERE / "floors.toml"))
    parser.add_argument("--report", default=str(HERE.parent / "eval-report.json"), help="where to write all figures")
    args = parser.parse_args(argv)

    shared = Path(args.shared)
    scorer = shared / "eval" / "score.py"
    if not scorer.is_file():
        print(f"make eval needs the evaluation sets: {scorer} not found.\n"
              "Put the shared folder beside the repository or pass SHARED=/path/to/shared.", file=sys.stderr)
        return 2
    floors = tomllib.loads(Path(args.floors).read_text("utf-8"))
    tolerance = floors.pop("tolerance", 0.0)
    report = {}
    for name, figures in floors.items():
        options = figures.pop("options", "")
        scored = score(scorer, shared / "eval" / "data" / f"{name}.jsonl", options)
        if scored is None:
            return 1
        report.update(scored)
    Path(args.report).write_text(json.dumps(report, indent=1), "utf-8")
    failures = check(report, floors, tolerance)
    return 1 if failures else 0


def score(scorer: Path, data: Path, options: str) -> dict | None:
    """The scorer's figures for one file, the extractor run with extra OPTIONS ("--dedup")."""
    command = f"{COMMAND.format(bin=Path(sys.executable).parent)} {options}".strip()
    run = subprocess.run([sys.executable, str(scorer), "--json", "--run", command, str(data)],
                         capture_output=True, text=True)
    if run.returncode != 0:
        print(run.stdout[-2000:], run.stderr[-4000:], sep="\n", file=sys.stderr)
        print(f"the scorer failed on {data.name}", file=sys.stderr)
        return None
    return json.loads(run.stdout)


def check(report: dict, floors: dict, tolerance: float) -> list[str]:
    """Print every figure against its floor; return the ones that fell below."""
    failures = []
    for name, figures in floors.items():
        for path, floor in figures.items():
            value = lookup(report.get(name, {}), path)
            ok = value is not None and value >= floor - tolerance
            shown = "missing" if value is None else f"{value:.3f}"
            print(f"{'ok  ' if ok else 'FAIL'} {name} {path} = {shown} (floor {floor:.3f})")
            if not ok:
                failures.append(f"{name} {path}")
    return failures


def lookup(figures: dict, path: str) -> float | None:
    value = figures
    for key in path.split("."):
        if not isinstance(value, dict) or key not in value:
            return None
        value = value[key]
    return value if isinstance(value, (int, float)) else None


if __name__ == "__main__":
    sys.exit(main())
