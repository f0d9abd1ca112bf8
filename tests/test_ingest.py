import datetime as dt
import json

import pytest

from eventlens.errors import EmptyDocument, MalformedDocument, NotEnglish, UnreadableDocument
from eventlens.ingest import detect_language, read_json_documents, read_json_lines, read_paths
from eventlens.models import Document

ENGLISH = "Soldiers and police officers were deployed to the border town after the attack on Friday."
SPANISH = ("Los soldados y la policía fueron desplegados en la ciudad fronteriza después del ataque del "
           "viernes, según las autoridades locales que no dieron más detalles.")
FRENCH = ("Les soldats et les policiers ont été déployés dans la ville frontalière après l'attaque de "
          "vendredi, selon les autorités locales qui ne donnent pas plus de détails.")


def test_english_and_other_languages():
    assert detect_language(ENGLISH)[0] == "en"
    assert detect_language(ENGLISH.upper())[0] == "en"
    assert detect_language(SPANISH)[0] == "es"
    assert detect_language(FRENCH)[0] == "fr"
    assert detect_language("Военные были направлены в приграничный город после нападения.")[1]
    assert detect_language("Gunmen fired on a bus.")[0] == "en"  # too short to doubt


def test_json_lines_keep_order_and_reject_bad_lines():
    lines = [
        json.dumps({"id": "a", "text": ENGLISH, "published": "2024-03-14T08:00:00Z"}),
        "{not json",
        json.dumps({"id": "b", "text": "   "}),
        json.dumps({"id": "c", "text": SPANISH}),
        json.dumps({"id": "d"}),
        json.dumps({"id": "e", "text": ENGLISH, "published": "14/03/2024"}),
    ]
    items = list(read_json_lines(lines))
    assert isinstance(items[0], Document) and items[0].published == dt.date(2024, 3, 14)
    assert isinstance(items[1], MalformedDocument) and items[1].document_id == "stdin:2"
    assert isinstance(items[2], EmptyDocument)
    assert isinstance(items[3], NotEnglish)
    assert isinstance(items[4], MalformedDocument) and "text" in items[4].reason
    assert isinstance(items[5], MalformedDocument) and "published" in items[5].reason


def test_json_array_and_single_object():
    assert [d.id for d in read_json_documents(json.dumps([{"id": "x", "text": ENGLISH}]))] == ["x"]
    assert [d.id for d in read_json_documents(json.dumps({"id": "y", "text": ENGLISH}, indent=2))] == ["y"]


def test_files_of_every_kind(tmp_path):
    (tmp_path / "note.txt").write_text(ENGLISH, encoding="utf-8")
    (tmp_path / "page.html").write_text(
        "<html><head><title>Border town attacked</title>"
        '<meta property="article:published_time" content="2024-03-15"></head><body>'
        "<nav>Home | News</nav><article><h1>Border town attacked</h1><p>" + ENGLISH + "</p><p>"
        + ENGLISH.replace("Friday", "Saturday") + "</p></article></body></html>", encoding="utf-8")
    (tmp_path / "feed.jsonl").write_text(json.dumps({"id": "j1", "text": ENGLISH}) + "\n", encoding="utf-8")
    (tmp_path / "binary.txt").write_bytes(b"\x00\x01\x02 not text")
    (tmp_path / "latin1.txt").write_bytes("Soldats déployés".encode("latin-1"))
    (tmp_path / "empty.html").write_text("<html><body><nav>menu</nav></body></html>", encoding="utf-8")
    items = {(i.id if isinstance(i, Document) else i.document_id): i
             for i in read_paths([tmp_path], published=dt.date(2024, 3, 16))}
    assert items["note"].published == dt.date(2024, 3, 16)
    assert items["page"].title == "Border town attacked"
    assert "deployed" in items["page"].text and "Home | News" not in items["page"].text
    assert items["j1"].text == ENGLISH
    assert isinstance(items[str(tmp_path / "binary.txt")], UnreadableDocument)
    assert "UTF-8" in items[str(tmp_path / "latin1.txt")].reason
    assert isinstance(items["empty"], EmptyDocument)


def test_missing_file_is_a_rejection(tmp_path):
    (item,) = read_paths([tmp_path / "nowhere.txt"])
    assert isinstance(item, UnreadableDocument)


@pytest.mark.parametrize("value, expected", [("2024-03-14", dt.date(2024, 3, 14)), (None, None),
                                             ("2024-03-14T23:59:00+02:00", dt.date(2024, 3, 14))])
def test_published_values(value, expected):
    assert Document(id="x", text="t", published=value).published == expected
