"""The JSON API of `eventlens serve`, asked over HTTP: a real server process on localhost,
a real SQLite file ingested by the real pipeline."""

import subprocess
import sys
from urllib.parse import quote

import httpx
import pytest
from live import HTML_LADEN, ROOT

MARKET = "market-1#e1"  # the canonical event of the two market reports
GOMA = "wire/goma-patrol#e1"


@pytest.fixture(scope="module")
def client(server):
    with httpx.Client(base_url=server, timeout=60) as opened:
        yield opened


def event_path(event_id):
    return "/api/events/" + quote(event_id, safe="")  # ids hold "#" and may hold "/"


def assert_error(response, status, field=None):
    """The one error shape, whatever the endpoint."""
    assert response.status_code == status, response.text
    assert response.headers["content-type"] == "application/json"
    body = response.json()
    assert body["ok"] is False and body["status"] == status and body["error"], body
    assert isinstance(body["details"], list)
    if field:
        assert field in [d["field"] for d in body["details"]], body
    return body


def test_status_and_openapi(client):
    assert client.get("/api/status").json() | {"version": None} == {
        "version": None, "documents": 4, "events": 3, "reports": 4, "first_date": "2024-03-09",
        "last_date": "2024-03-11"}
    spec = client.get("/openapi.json").json()
    assert {"/api/events", "/api/events/{event_id}", "/api/documents/{document_id}", "/api/extract",
            "/api/points", "/api/timeline", "/api/status"} <= set(spec["paths"])
    errors = spec["paths"]["/api/events"]["get"]["responses"]["4XX"]["content"]["application/json"]["schema"]
    assert errors["$ref"].endswith("/ErrorResponse")


def test_events_filter_and_page(client):
    everything = client.get("/api/events").json()
    assert everything["total"] == 3 and everything["next_offset"] is None
    assert [e["event_date"] for e in everything["events"]] == ["2024-03-09", "2024-03-11", "2024-03-11"]

    first = client.get("/api/events", params={"limit": 2, "sort": "-date"}).json()
    second = client.get("/api/events", params={"limit": 2, "offset": first["next_offset"], "sort": "-date"}).json()
    assert first["next_offset"] == 2 and second["next_offset"] is None
    assert [e["id"] for e in first["events"] + second["events"]][-1] == GOMA

    def ids(**params):
        return {e["id"] for e in client.get("/api/events", params=params).json()["events"]}

    assert ids(country="COD") == ids(country="Congo, The Democratic Republic of the") == ids()
    assert ids(country="ML") == set()
    assert ids(since="2024-03-10") == {MARKET, "bar-grenade#e1"}
    assert ids(until="2024-03-09", type="assault") == {GOMA}
    assert ids(type="Violence against civilians") | ids(type="Battles") <= ids()
    assert ids(q="Wamba") == {MARKET}  # words of the summary
    assert ids(q="kivu star") == {"bar-grenade#e1"}
    assert ids(q="50%_off") == set()  # LIKE wildcards are taken literally
    assert ids(actor="gunmen") == {MARKET, GOMA}
    assert ids(bbox="29,-2,30,-1") == {GOMA}
    assert ids(bbox="0,0,10,10") == set()


def test_points_and_timeline(client):
    points = client.get("/api/points").json()
    assert points["total"] == 3 and not points["truncated"]
    goma = next(p for p in points["points"] if p[0] == GOMA)
    assert goma[3] == "ASSAULT" and goma[5] == "Goma" and -2 < goma[1] < -1 and 29 < goma[2] < 30
    assert client.get("/api/points", params={"limit": 1}).json()["truncated"]
    counts = client.get("/api/timeline").json()["counts"]
    assert counts == [{"date": "2024-03-09", "event_type": "ASSAULT", "count": 1},
                      {"date": "2024-03-11", "event_type": "ASSAULT", "count": 2}]


def test_an_event_with_its_sources_claims_and_evidence(client):
    detail = client.get(event_path(MARKET)).json()
    event = detail["event"]
    assert event["id"] == MARKET and set(event["documents"]) == {"market-1", "market-2"}
    assert {d["id"] for d in detail["documents"]} == {"market-1", "market-2"}
    assert event["sources"] and all(s["name"] and s["text"] for s in event["sources"])
    assert any(c["source"] == "market-2" for c in event["claims"])
    texts = {d["id"]: client.get(f"/api/documents/{d['id']}").json()["text"] for d in detail["documents"]}
    assert detail["evidence"] and {e["document"] for e in detail["evidence"]} == {"market-1", "market-2"}
    for span in detail["evidence"]:
        assert span["text"] == texts[span["document"]][span["start"]:span["end"]] != ""


def test_a_document_with_every_extracted_span(client):
    document = client.get("/api/documents/market-1").json()
    assert document["text"].startswith("Gunmen shot dead three traders")
    assert document["events"] == [{"id": "market-1#e1", "cluster": MARKET, "event_type": "ASSAULT"}]
    kinds = {span["kind"] for span in document["spans"]}
    assert {"evidence", "place", "time", "date", "location", "actor", "source"} <= kinds
    for span in document["spans"]:
        assert span["text"] == document["text"][span["start"]:span["end"]], span
        assert (span["event"] is None) == (span["kind"] in ("place", "time"))
    goma = client.get("/api/documents/wire%2Fgoma-patrol").json()
    (killed,) = [s for s in goma["spans"] if s["kind"] == "fatalities"]
    assert killed["text"] == "killing four soldiers" and killed["label"] == "killed: 4"
    assert killed["event"] == GOMA


def test_an_html_laden_document_comes_back_as_text(client):
    response = client.get("/api/documents/wire%2Fgoma-patrol")  # ids may hold slashes
    assert response.headers["content-type"] == "application/json"
    document = response.json()
    assert document["text"] == HTML_LADEN["text"] and document["title"] == HTML_LADEN["title"]
    assert "<script>window.pwned = 'script'</script>" in document["text"]
    detail = client.get(event_path(GOMA)).json()
    assert detail["event"]["fatalities"]["min"] == 4
    page = client.get("/")
    assert page.status_code == 200 and "text/html" in page.headers["content-type"]
    policy = page.headers["content-security-policy"]
    assert "script-src 'self'" in policy and "unsafe-inline" not in policy.split("script-src")[1].split(";")[0]
    assert response.headers["x-content-type-options"] == "nosniff"


@pytest.mark.parametrize("params, field", [
    ({"since": "yesterday"}, "since"),
    ({"since": "2024-02-30"}, "since"),
    ({"since": "2024-03-12", "until": "2024-03-01"}, "until"),
    ({"country": "Atlantis"}, "country"),
    ({"type": "EXPLODE"}, "type"),
    ({"bbox": "1,2,3"}, "bbox"),
    ({"bbox": "0,0,200,10"}, "bbox"),
    ({"bbox": "west,south,east,north"}, "bbox"),
    ({"limit": 0}, "limit"),
    ({"limit": 100_000}, "limit"),
    ({"limit": "ten"}, "limit"),
    ({"offset": -1}, "offset"),
    ({"offset": 10**30}, "offset"),
    ({"sort": "fatalities"}, "sort"),
    ({"q": "x" * 201}, "q"),
])
def test_bad_parameters_are_400_with_a_message(client, params, field):
    for path in ("/api/events", "/api/points", "/api/timeline"):
        if field in ("limit", "offset", "sort") and path != "/api/events":
            continue
        body = assert_error(client.get(path, params=params), 400, field)
        assert body["error"].startswith(f"{field}: ")


def test_odd_values_never_make_a_500(client):
    odd = ["", " ", "%", "_", "'", '"', "\\", ";--", "\x00", "é", "0", "-0", "1e400", "nan", "2024-01-01T00:00",
           "NULL", "<script>", "9" * 40, "../../etc/passwd"]
    for name in ("since", "until", "country", "type", "actor", "q", "bbox", "limit", "offset", "sort"):
        for value in odd:
            response = client.get("/api/events", params={name: value})
            assert response.status_code in (200, 400), (name, value, response.text)
            if response.status_code == 400:
                assert_error(response, 400)


def test_unknown_ids_routes_and_methods(client):
    assert_error(client.get(event_path("no-such-event#e1")), 404)
    assert_error(client.get("/api/documents/no-such-document"), 404)
    assert_error(client.get("/api/nothing"), 404)
    assert_error(client.get("/static/nothing.js"), 404)
    not_allowed = client.post("/api/events")
    assert_error(not_allowed, 405)
    assert not_allowed.headers["allow"] == "GET"
    assert_error(client.delete(event_path(MARKET)), 405)


def test_extract_a_text(client):
    text = "Rebels attacked an army base near Bunia on Monday, killing three soldiers, the army said."
    record = client.post("/api/extract", json={"text": text, "published": "2024-03-14"}).json()
    assert record["id"] == "request" and record["published"] == "2024-03-14"
    event = next(e for e in record["events"] if e["event_type"] == "ASSAULT")
    assert event["fatalities"]["min"] == 3 and event["evidence"] == [[0, len(text)]]
    assert event["date"]["start"] == "2024-03-11" and event["location"]["name"] == "Bunia"
    assert client.get("/api/status").json()["documents"] == 4  # nothing was stored


def test_extract_refuses_bad_and_oversized_input(client):
    assert_error(client.post("/api/extract", json={"text": "   "}), 422)
    assert_error(client.post("/api/extract", json={}), 400, "body.text")
    assert_error(client.post("/api/extract", json={"text": "x", "published": "soon"}), 400, "body.published")
    assert_error(client.post("/api/extract", content=b"{not json", headers={"content-type": "application/json"}),
                 400, "body")
    assert_error(client.post("/api/extract", json={"text": "word " * 25_000}), 400, "body.text")
    huge = b'{"text": "' + b"x" * 2_000_000 + b'"}'
    assert_error(client.post("/api/extract", content=huge, headers={"content-type": "application/json"}), 413)

    def streamed():  # no Content-Length: the limit holds as the body arrives
        yield b'{"text": "'
        for _ in range(40):
            yield b"y" * 50_000
        yield b'"}'

    assert_error(client.post("/api/extract", content=streamed(), headers={"content-type": "application/json"}), 413)


def test_serve_needs_an_existing_store(tmp_path):
    result = subprocess.run([sys.executable, "-m", "eventlens", "serve", "--db", str(tmp_path / "none.db")],
                            capture_output=True, text=True, cwd=ROOT, timeout=60)
    assert result.returncode == 3 and "no event store" in result.stderr and "Traceback" not in result.stderr


def test_public_names_exist():
    from eventlens import web

    assert all(hasattr(web, name) for name in web.__all__)
