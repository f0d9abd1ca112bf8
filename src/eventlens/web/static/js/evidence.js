// The event view: what was extracted, who says so, and each article that reports it with
// the evidence sentences and every extracted value highlighted in its text.
import { el, rangeText, safeLink } from "./dom.js";
import { colourOf } from "./types.js";

const KIND_NAMES = {
  evidence: "evidence", actor: "actor", location: "event place", place: "place named",
  date: "event date", time: "time expression", fatalities: "killed", injuries: "injured", source: "source",
};

export function renderEvent(panel, detail, documents) {
  const event = detail.event;
  const heading = el("h2", {}, event.event_type + (event.mode ? ` / ${event.mode}` : ""));
  heading.style.borderColor = colourOf(event.event_type);
  panel.replaceChildren(
    heading,
    el("p", { className: "summary" }, event.summary),
    facts(event),
    section("Sources", sourceList(event, detail.documents)),
    event.claims.length ? section("Claims", claimList(event.claims)) : null,
    section("Evidence", legend(), ...documents.map((document) => article(document, event))),
  );
}

function section(title, ...content) {
  return el("section", {}, el("h3", {}, title), ...content);
}

function facts(event) {
  const rows = [
    ["status", event.status],
    ["date", dateText(event.date)],
    ["place", placeText(event.location)],
    ["killed", rangeText(event.fatalities?.min, event.fatalities?.max)],
    ["injured", rangeText(event.injuries?.min, event.injuries?.max)],
    ["ACLED", event.acled ? `${event.acled.event_type} / ${event.acled.sub_event_type}` : ""],
    ["actors", event.actors.map((a) => `${a.name} (${a.role}, ${a.type})`).join("; ")],
    ["confidence", event.confidence.toFixed(2)],
  ];
  return el("dl", { className: "facts" },
    rows.filter(([, value]) => value).flatMap(([name, value]) => [el("dt", {}, name), el("dd", {}, value)]));
}

function dateText(date) {
  if (!date) return "";
  const span = date.start === date.end ? date.start : `${date.start} to ${date.end}`;
  return `${span} (${date.precision}${date.inferred ? ", inferred" : ""})`;
}

function placeText(location) {
  if (!location) return "";
  const where = [location.name, location.admin1, location.country].filter(Boolean).join(", ");
  const point = location.lat !== null ? ` at ${location.lat.toFixed(3)}, ${location.lon.toFixed(3)}` : "";
  return `${where} (${location.precision})${point}`;
}

function sourceList(event, documents) {
  const attributions = event.sources.map((source) =>
    el("li", {}, el("strong", {}, source.name), ` — “${source.text}”`));
  if (!attributions.length) attributions.push(el("li", { className: "muted" }, "reported in the articles' own voice"));
  const reports = documents.map((document) =>
    el("li", { className: "document-ref" },
      document.url ? safeLink(document.url, document.title ?? document.id) : (document.title ?? document.id),
      el("span", { className: "muted" }, ` ${document.published ?? "undated"} · ${document.id}`)));
  return [el("ul", { className: "sources" }, attributions), el("h4", {}, "Reported in"), el("ul", {}, reports)];
}

function claimList(claims) {
  return el("ul", {}, claims.map((claim) =>
    el("li", {}, `${claim.field}: ${rangeText(claim.min, claim.max)}`,
      claim.source ? ` according to ${claim.source}` : "", claim.text ? ` — “${claim.text}”` : "")));
}

function legend() {
  return el("p", { className: "kinds" },
    ["evidence", "actor", "location", "date", "fatalities", "injuries", "source", "place", "time"].map((kind) =>
      el("span", { className: `hl-${kind}` }, KIND_NAMES[kind])));
}

// One article: the spans of this event's reports, and the places and times of the document.
function article(document, event) {
  const mine = new Set(event.events);
  const spans = document.spans.filter((span) => span.event === null || mine.has(span.event));
  return el("article", { className: "document", dataset: { documentId: document.id } },
    el("h4", {}, document.title ?? document.id),
    el("p", { className: "muted" }, document.published ?? "undated"),
    el("div", { className: "article-text" }, highlighted(document.text, spans)));
}

// The text cut at every span boundary; each piece wrapped in the spans that cover it.
// Offsets count code points, as Python does, so the text is indexed through Array.from.
function highlighted(text, spans) {
  const chars = Array.from(text);
  const cuts = new Set([0, chars.length]);
  for (const span of spans) {
    cuts.add(Math.max(0, Math.min(chars.length, span.start)));
    cuts.add(Math.max(0, Math.min(chars.length, span.end)));
  }
  const points = [...cuts].sort((a, b) => a - b);
  const pieces = [];
  for (let n = 0; n + 1 < points.length; n += 1) {
    const [start, end] = [points[n], points[n + 1]];
    const piece = chars.slice(start, end).join("");
    const covering = spans.filter((span) => span.start <= start && span.end >= end);
    if (!covering.length) {
      pieces.push(piece);
      continue;
    }
    const tag = covering.some((span) => span.kind === "evidence") ? "mark" : "span";
    pieces.push(el(tag, {
      className: covering.map((span) => `hl-${span.kind}`).join(" "),
      title: covering.map((span) => span.label).join("\n"),
    }, piece));
  }
  return pieces;
}
