"""The eventlens command line: thin commands that call the library and report its errors.

Commands: extract, ingest, export, stats, schema, serve, gazetteer build|lookup. Exit status of
every command:

    0  done: every document was processed
    1  some documents were rejected (each named on stderr with its reason); the others were
       written (extract) or stored (ingest)
    2  the command line was wrong (unknown option, bad value, bad filter)
    3  eventlens could not run at all (the spaCy model or the gazetteer is missing, the event
       store cannot be opened or written, an export cannot be written)
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import sys
from collections.abc import Iterable, Iterator

import click

from eventlens import __version__
from eventlens.api import extract_pairs
from eventlens.errors import EventlensError
from eventlens.extraction import MIN_CONFIDENCE
from eventlens.ingest import read_json_lines, read_paths
from eventlens.models import DocumentRecord, Rejection
from eventlens.store.database import DEFAULT_DB

EXIT_REJECTED = 1
EXIT_FATAL = 3


def reading_options(command):
    """The options of every command that reads articles: extract and ingest."""
    options = [
        click.option("--published", type=click.DateTime(["%Y-%m-%d"]),
                     help="Publication date (YYYY-MM-DD) for .txt inputs and pages that carry none."),
        click.option("--title", help="Title for .txt inputs."),
        click.option("--min-confidence", type=click.FloatRange(0, 1), default=MIN_CONFIDENCE, show_default=True,
                     help="Leave out events less certain than this."),
        click.option("--progress/--no-progress", default=None,
                     help="Show a progress bar on stderr (default: only when stderr is a terminal)."),
    ]
    for option in reversed(options):
        command = option(command)
    return command


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="eventlens")
def cli() -> None:
    """Turn conflict and political news into a sourced, geocoded event dataset."""


@cli.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=str))
@click.option("--format", "output_format", type=click.Choice(["jsonl", "json", "table"]), default="jsonl",
              show_default=True, help="jsonl: one record per document; json: one array; table: a summary to read.")
@reading_options
@click.option("--dedup", is_flag=True,
              help="Give each event the id of its real-world event (`cluster`) across the documents; "
                   "the output is written once the whole batch is read.")
def extract(paths: tuple[str, ...], output_format: str, published: dt.datetime | None, title: str | None,
            min_confidence: float, progress: bool | None, dedup: bool) -> None:
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
        pairs = _with_progress(extract_pairs(items, min_confidence=min_confidence), show_progress)
        results = _deduplicated(pairs) if dedup else (result for _, result in pairs)
        records = []
        for result in results:
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


@cli.command()
@click.argument("sources", nargs=-1, required=True)
@click.option("--db", default=DEFAULT_DB, show_default=True, type=click.Path(dir_okay=False),
              help="The SQLite file of the event store (created if missing).")
@click.option("--allow-private", is_flag=True,
              help="Fetch URLs on private and loopback addresses too (refused by default).")
@reading_options
def ingest(sources: tuple[str, ...], db: str, allow_private: bool, published: dt.datetime | None,
           title: str | None, min_confidence: float, progress: bool | None) -> None:
    """Extract events from articles into the event store, one real-world event once.

    SOURCES are files and folders (as for extract), JSON lines ("-" for stdin), RSS/Atom feeds
    (a URL or a .rss/.atom/.xml file; each entry's page is fetched) and page URLs. A document
    stored already is not stored again; a changed one replaces its old records. Events that
    report one real-world event, across documents, share one canonical event. A summary of
    added, updated, unchanged and rejected documents ends the run.
    """
    from eventlens.ingest.web import read_sources
    from eventlens.store import EventStore, IngestSummary
    from eventlens.store import ingest as ingest_into

    day = published.date() if published else None
    total = IngestSummary()
    try:
        with EventStore(db) as store, _ingest_progress(progress) as report:
            for source in sources:
                items = read_sources([source], allow_private=allow_private, published=day, title=title)
                summary = ingest_into(items, store, origin=source, min_confidence=min_confidence, progress=report)
                for name in ("added", "updated", "unchanged", "rejected"):
                    setattr(total, name, getattr(total, name) + getattr(summary, name))
    except EventlensError as error:
        click.echo(f"error: {error}", err=True)
        sys.exit(EXIT_FATAL)
    click.echo(f"{db}: {total}")
    if total.rejected:
        sys.exit(EXIT_REJECTED)


@cli.command()
@click.option("--db", default=DEFAULT_DB, show_default=True, type=click.Path(dir_okay=False),
              help="The SQLite file of the event store.")
@click.option("--format", "output_format", type=click.Choice(["csv", "geojson", "jsonl", "parquet", "table"]),
              default="csv", show_default=True,
              help="csv: ACLED's columns; geojson: RFC 7946 points; jsonl: full records; parquet: a file "
                   "(needs eventlens[parquet]); table: a summary to read.")
@click.option("--output", "-o", type=click.Path(dir_okay=False), help="File to write (default: stdout).")
@click.option("--since", type=click.DateTime(["%Y-%m-%d"]), help="Events on or after this day.")
@click.option("--until", type=click.DateTime(["%Y-%m-%d"]), help="Events on or before this day.")
@click.option("--country", callback=lambda ctx, param, value: _country_option(value),
              help="Events in this country: ISO code (ML, MLI) or name.")
@click.option("--type", "event_type", help="Events of this PLOVER type (ASSAULT), ACLED event or sub-event type.")
@click.option("--bbox", callback=lambda ctx, param, value: _bbox_option(value),
              help="Events inside west,south,east,north (degrees).")
def export(db: str, output_format: str, output: str | None, since: dt.datetime | None, until: dt.datetime | None,
           country: str | None, event_type: str | None, bbox: tuple | None) -> None:
    """Export the stored events, one per real-world event, with every report of it.

    CSV has ACLED's columns (event_id_cnty, event_date, ..., fatalities) so that ACLED
    workflows open it; GeoJSON is a FeatureCollection of points; JSON lines hold the full
    canonical records (every document, claim and evidence span).
    """
    from eventlens import export as exports
    from eventlens.store import Filters, clusters

    if output_format == "parquet" and not output:
        raise click.UsageError("--format parquet writes a file: give --output FILE")
    filters = Filters(since=since and since.date(), until=until and until.date(), country=country,
                      event_type=event_type, bbox=bbox)
    try:
        with _existing_store(db) as store:
            rows = clusters(store, filters)
            if output_format == "table":
                _print_clusters(rows)
            elif output_format == "parquet":
                exports.write(rows, "parquet", path=output)
            else:
                with click.open_file(output or "-", "w", encoding="utf-8") as out:
                    exports.write(rows, output_format, out=out)
    except EventlensError as error:
        click.echo(f"error: {error}", err=True)
        sys.exit(EXIT_FATAL)


@cli.command()
@click.option("--db", default=DEFAULT_DB, show_default=True, type=click.Path(dir_okay=False),
              help="The SQLite file of the event store.")
def stats(db: str) -> None:
    """Count the stored events (one per real-world event) by type, by country and by month."""
    from rich.console import Console
    from rich.table import Table

    from eventlens.store import stats as count_events

    try:
        with _existing_store(db) as store:
            totals, groups = store.counts(), count_events(store)
    except EventlensError as error:
        click.echo(f"error: {error}", err=True)
        sys.exit(EXIT_FATAL)
    console = Console()
    console.print(f"{db}: {totals['documents']} documents, {totals['events']} reports of "
                  f"{totals['clusters']} events, {totals['rejects']} rejected")
    for name, rows in groups.items():
        table = Table(title=f"events by {name}", title_justify="left")
        table.add_column(name)
        table.add_column("events", justify="right")
        for key, count in rows:
            table.add_row(str(key), str(count))
        console.print(table)


@cli.command()
@click.option("--db", default=DEFAULT_DB, show_default=True, type=click.Path(dir_okay=False),
              help="The SQLite file of the event store.")
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on (0.0.0.0: every interface; the API has no authentication).")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(0, 65535), help="Port to listen on.")
def serve(db: str, host: str, port: int) -> None:
    """Serve the event store as a web page and a JSON API, until interrupted.

    The page shows the events on a map, a timeline and a table, and each event with the
    sentences and words it was read from. It needs no internet connection. The API is
    described at /openapi.json.
    """
    from eventlens.web import create_app
    from eventlens.web import serve as run_server

    try:
        app = create_app(db)
    except EventlensError as error:
        click.echo(f"error: {error}", err=True)
        sys.exit(EXIT_FATAL)
    click.echo(f"eventlens: serving {db} at http://{_browser_host(host)}:{port}/", err=True)
    run_server(app, host=host, port=port)


@cli.group()
def gazetteer() -> None:
    """Build and query the place index that geoparsing resolves names against."""


@gazetteer.command("build")
@click.option("--geonames", "dump", required=True, type=click.Path(exists=True, dir_okay=False),
              help="A GeoNames dump: allCountries.zip, or a country's .zip or .txt.")
@click.option("--admin-codes", type=click.Path(exists=True, dir_okay=False),
              help="GeoNames' admin1CodesASCII.txt, for the names of first-level divisions.")
@click.option("--out", type=click.Path(dir_okay=False), help="Where to write the index (default: the cache directory).")
def gazetteer_build(dump: str, admin_codes: str | None, out: str | None) -> None:
    """Build a place index from full GeoNames dumps, for more places than the default index has.

    Point eventlens at it with the environment variable EVENTLENS_GAZETTEER.
    """
    from eventlens.resolve.gazetteer import GAZETTEER_ENV, build_from_geonames

    try:
        path = build_from_geonames(dump, admin_codes=admin_codes, out=out)
    except (EventlensError, OSError) as error:
        click.echo(f"error: {error}", err=True)
        sys.exit(EXIT_FATAL)
    click.echo(f"built {path}\nuse it with: export {GAZETTEER_ENV}={path}")


@gazetteer.command("lookup")
@click.argument("name")
@click.option("--limit", default=10, show_default=True, type=click.IntRange(1, 100), help="How many candidates.")
def gazetteer_lookup(name: str, limit: int) -> None:
    """Show the places a NAME may stand for, the likeliest first."""
    from eventlens.resolve.gazetteer import default_gazetteer

    try:
        entries = default_gazetteer().lookup(name)[:limit]
    except EventlensError as error:
        click.echo(f"error: {error}", err=True)
        sys.exit(EXIT_FATAL)
    for entry in entries:
        click.echo(f"{entry.name}\t{entry.feature}\t{entry.country or ''}\t{entry.admin1 or ''}\t"
                   f"{entry.lat:.4f},{entry.lon:.4f}\tpopulation {entry.population}\tgeonameid {entry.geonameid}")
    if not entries:
        click.echo(f"no place named {name!r}", err=True)


def _browser_host(host: str) -> str:
    """The address a browser on this machine opens for a server listening on HOST."""
    if host in ("0.0.0.0", "::", ""):
        return "127.0.0.1"
    return f"[{host}]" if ":" in host else host


def _deduplicated(pairs: Iterable) -> Iterator[DocumentRecord | Rejection]:
    """Rejections as they come; then every record, each event with its cluster."""
    from eventlens.resolve.dedup import Deduplicator

    dedup = Deduplicator()
    for item, result in pairs:
        if isinstance(result, Rejection):
            yield result
        else:
            dedup.add(result, item.text)
    yield from dedup.records()


def _existing_store(path: str):
    from pathlib import Path

    from eventlens.errors import StoreError
    from eventlens.store import EventStore

    if not Path(path).is_file():
        raise StoreError(f"no event store at {path}: run `eventlens ingest ... --db {path}` first")
    return EventStore(path)


def _country_option(value: str | None) -> str | None:
    from eventlens.errors import ExportError
    from eventlens.store.queries import country_code

    try:
        return country_code(value) if value else None
    except ExportError as error:
        raise click.BadParameter(str(error), param_hint="--country") from None


def _bbox_option(value: str | None) -> tuple | None:
    from eventlens.errors import ExportError
    from eventlens.store.queries import parse_bbox

    try:
        return parse_bbox(value) if value else None
    except ExportError as error:
        raise click.BadParameter(str(error), param_hint="--bbox") from None


@contextlib.contextmanager
def _ingest_progress(show: bool | None):
    """A function to call with each document's outcome: it names rejections on stderr and,
    on a terminal, moves a progress bar."""
    if not (sys.stderr.isatty() if show is None else show):
        def report(doc_id: str, outcome: str, reason: str | None) -> None:
            if outcome == "rejected":
                click.echo(f"rejected {doc_id}: {reason}", err=True)
        yield report
        return
    from rich.markup import escape
    from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    columns = (SpinnerColumn(), TextColumn("{task.completed} documents, {task.fields[last]}"), TimeElapsedColumn())
    with Progress(*columns, console=_stderr_console(), transient=True) as bar:
        task = bar.add_task("ingest", total=None, last="")

        def report(doc_id: str, outcome: str, reason: str | None) -> None:
            if outcome == "rejected":
                bar.console.print(f"rejected {escape(doc_id)}: {escape(reason or '')}", highlight=False)
            bar.update(task, advance=1, last=f"{outcome} {escape(doc_id)}")
        yield report


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


def _print_clusters(rows: Iterable[dict]) -> None:
    from rich.console import Console
    from rich.table import Table

    table = Table(title="events (one per real-world event)", title_justify="left", expand=True)
    for column in ("type", "date", "place", "killed", "injured", "actors", "reports"):
        table.add_column(column, overflow="fold")
    shown = 0
    for row in rows:
        record = json.loads(row["record"])
        place = f"{row['location']}, {row['country'] or '?'} ({row['geo_precision']})" if row["location"] else ""
        table.add_row(
            row["event_type"] + (f"/{row['mode']}" if row["mode"] else ""), row["event_date"] or "", place,
            _range_cell(row["fatalities_min"], row["fatalities_max"]),
            _range_cell(row["injuries_min"], row["injuries_max"]),
            "; ".join(f"{a['name']} ({a['role']})" for a in record["actors"]), str(row["reports"]),
        )
        shown += 1
    if not shown:
        table.add_row("(no events)", *[""] * 6)
    Console().print(table)


def _range_cell(low: int | None, high: int | None) -> str:
    if low is None:
        return ""
    if high is None:
        return f"{low}+"
    return str(low) if low == high else f"{low}-{high}"


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
