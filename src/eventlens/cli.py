"""The eventlens command line: thin commands that call the library and report its errors.

Exit status of `eventlens extract`:

    0  every document was processed
    1  some documents were rejected (each named on stderr with its reason); the others were written
    2  the command line was wrong (unknown option, bad value)
    3  eventlens could not run at all (the spaCy model or the gazetteer is missing)
"""

from __future__ import annotations

import datetime as dt
import json
import sys
from collections.abc import Iterable, Iterator

import click

from eventlens import __version__
from eventlens.api import extract_many
from eventlens.errors import EventlensError
from eventlens.extraction import MIN_CONFIDENCE
from eventlens.ingest import read_json_lines, read_paths
from eventlens.models import DocumentRecord, Rejection

EXIT_REJECTED = 1
EXIT_FATAL = 3


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="eventlens")
def cli() -> None:
    """Turn conflict and political news into a sourced, geocoded event dataset."""


@cli.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=str))
@click.option("--format", "output_format", type=click.Choice(["jsonl", "json", "table"]), default="jsonl",
              show_default=True, help="jsonl: one record per document; json: one array; table: a summary to read.")
@click.option("--published", type=click.DateTime(["%Y-%m-%d"]),
              help="Publication date (YYYY-MM-DD) for .txt inputs, which carry none.")
@click.option("--title", help="Title for .txt inputs.")
@click.option("--min-confidence", type=click.FloatRange(0, 1), default=MIN_CONFIDENCE, show_default=True,
              help="Leave out events less certain than this.")
@click.option("--progress/--no-progress", default=None,
              help="Show a progress bar on stderr (default: only when stderr is a terminal).")
def extract(paths: tuple[str, ...], output_format: str, published: dt.datetime | None, title: str | None,
            min_confidence: float, progress: bool | None) -> None:
    """Extract events from news articles.

    PATHS are .txt, .html/.htm, .json or .jsonl files, or folders of them. With no path, or
    "-", JSON lines are read from stdin, one document per line with the fields id, title,
    published, url and text. Rejected documents are named on stderr and the rest go on.
    """
    day = published.date() if published else None
    items = _inputs(paths, day, title)
    show_progress = sys.stderr.isatty() if progress is None else progress
    rejected = 0
    try:
        results = extract_many(items, min_confidence=min_confidence)
        records = []
        for result in _with_progress(results, show_progress):
            if isinstance(result, Rejection):
                rejected += 1
                click.echo(f"rejected {result.id}: {result.reason}", err=True)
                continue
            if output_format == "jsonl":
                click.echo(result.model_dump_json())
            else:
                records.append(result)
    except EventlensError as error:
        click.echo(f"error: {error}", err=True)
        sys.exit(EXIT_FATAL)
    if output_format == "json":
        click.echo(json.dumps([r.model_dump(mode="json") for r in records], indent=2, ensure_ascii=False))
    elif output_format == "table":
        _print_table(records)
    if rejected:
        sys.exit(EXIT_REJECTED)


@cli.command()
def schema() -> None:
    """Print the JSON Schema of the document record that `extract` writes."""
    click.echo(json.dumps(DocumentRecord.model_json_schema(), indent=2))


def _inputs(paths: tuple[str, ...], published: dt.date | None, title: str | None) -> Iterator:
    files = [p for p in paths if p != "-"]
    if not paths or "-" in paths:
        yield from read_json_lines(sys.stdin, source="stdin")
    yield from read_paths(files, published=published, title=title)


def _with_progress(results: Iterable, show: bool) -> Iterator:
    if not show:
        yield from results
        return
    from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    columns = (SpinnerColumn(), TextColumn("{task.completed} documents"), TimeElapsedColumn())
    with Progress(*columns, console=_stderr_console(), transient=True) as bar:
        task = bar.add_task("extract", total=None)
        for result in results:
            bar.advance(task)
            yield result


def _stderr_console():
    from rich.console import Console

    return Console(stderr=True)


def _print_table(records: list[DocumentRecord]) -> None:
    from rich.console import Console
    from rich.table import Table

    console = Console()
    for record in records:
        table = Table(title=f"{record.id}: {record.title or '(no title)'}", title_justify="left", expand=True)
        for column in ("type", "date", "place", "killed", "injured", "actors", "status", "conf."):
            table.add_column(column, overflow="fold")
        for event in record.events:
            table.add_row(
                event.event_type + (f"/{event.mode}" if event.mode else ""),
                _date_cell(event), _place_cell(event), _count_cell(event.fatalities), _count_cell(event.injuries),
                "; ".join(f"{a.name} ({a.role})" for a in event.actors),
                event.status, f"{event.confidence:.2f}",
            )
        if not record.events:
            table.add_row("(no events)", *[""] * 7)
        console.print(table)


def _date_cell(event) -> str:
    if event.date is None:
        return ""
    span = str(event.date.start) if event.date.start == event.date.end else f"{event.date.start}..{event.date.end}"
    return span + (" (inferred)" if event.date.inferred else "")


def _place_cell(event) -> str:
    location = event.location
    if location is None:
        return ""
    return f"{location.name}, {location.country or '?'} ({location.precision})"


def _count_cell(count) -> str:
    if count is None:
        return ""
    if count.max is None:
        return f"{count.min}+"
    return str(count.min) if count.min == count.max else f"{count.min}-{count.max}"


def main() -> None:
    cli(prog_name="eventlens")


if __name__ == "__main__":
    main()
