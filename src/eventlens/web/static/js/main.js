// The page: filters in the header; the map, the timeline and the table show the events
// that pass them; the event view shows the one picked. Brushing the timeline narrows the
// map and the table to the days picked.
import { getJSON, pathOf } from "./api.js";
import { el } from "./dom.js";
import { renderEvent } from "./evidence.js";
import { createMap } from "./map.js";
import { createTable } from "./table.js";
import { createTimeline } from "./timeline.js";
import { colourOf, TYPES } from "./types.js";

const PAGE_SIZE = 50;
const state = { filters: {}, brushed: null, offset: 0, selected: null };
const form = document.getElementById("filters");
const panel = document.getElementById("event");

const map = createMap(document.getElementById("map"), select);
const table = createTable(document.querySelector("#events tbody"), select);
const timeline = createTimeline(document.getElementById("timeline"), brush);

function brush(range) {
  state.brushed = range;
  state.offset = 0;
  document.getElementById("range").textContent = range ? `${range[0]} to ${range[1]}` : "drag across the bars to pick dates";
  document.getElementById("clear-range").hidden = !range;
  refresh({ timeline: false });
}

// Each kind of request remembers its latest call; an answer to an older one is dropped.
const latest = {};
async function fetchLatest(kind, path, params) {
  const call = (latest[kind] = Symbol(kind));
  const body = await getJSON(path, params);
  return latest[kind] === call ? body : null;
}

function showError(error) {
  const banner = document.getElementById("error");
  banner.textContent = error ? error.message : "";
  banner.hidden = !error;
}

// The filters of the form, with the brushed days (if any) narrowing its dates.
function listParams() {
  const params = { ...state.filters };
  if (state.brushed) [params.since, params.until] = state.brushed;
  return params;
}

async function refresh({ timeline: withTimeline = true } = {}) {
  try {
    showError(null);
    const jobs = [loadPoints(), loadPage()];
    if (withTimeline) jobs.push(loadTimeline());
    await Promise.all(jobs);
    document.body.dataset.ready = "true";
  } catch (error) {
    showError(error);
  }
}

async function loadPoints() {
  const body = await fetchLatest("points", "/api/points", listParams());
  if (body) map.show(body.points, body.total);
}

async function loadTimeline() {
  const body = await fetchLatest("timeline", "/api/timeline", state.filters);
  if (body) timeline.show(body.counts);
}

async function loadPage() {
  const body = await fetchLatest("page", "/api/events", { ...listParams(), limit: PAGE_SIZE, offset: state.offset, sort: "-date" });
  if (!body) return;
  table.show(body.events);
  table.select(state.selected);
  const last = Math.min(body.total, body.offset + body.events.length);
  document.getElementById("count").textContent = body.total ? `${body.offset + 1}–${last} of ${body.total}` : "none";
  document.getElementById("previous").disabled = body.offset === 0;
  document.getElementById("next").disabled = body.next_offset === null;
}

async function select(eventId) {
  state.selected = eventId;
  table.select(eventId);
  map.focus(eventId);
  history.replaceState(null, "", `#event=${encodeURIComponent(eventId)}`);
  try {
    const detail = await fetchLatest("event", pathOf("/api/events", eventId));
    if (!detail) return;
    const documents = await Promise.all(detail.documents.map((d) => getJSON(pathOf("/api/documents", d.id))));
    if (state.selected !== eventId) return;
    renderEvent(panel, detail, documents);
    panel.scrollTop = 0;
  } catch (error) {
    showError(error);
  }
}

function readForm() {
  const values = Object.fromEntries(new FormData(form));
  return Object.fromEntries(Object.entries(values).map(([k, v]) => [k, v.trim()]).filter(([, v]) => v));
}

function setUp() {
  const typeSelect = form.elements.type;
  for (const type of TYPES) typeSelect.append(el("option", { value: type }, type));
  const legend = document.getElementById("legend");
  for (const type of TYPES) {
    const swatch = el("span", { className: "swatch" });
    swatch.style.background = colourOf(type);
    legend.append(el("li", {}, swatch, type));
  }
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    state.filters = readForm();
    state.offset = 0;
    state.brushed = null;
    timeline.clearBrush();
    document.getElementById("range").textContent = "drag across the bars to pick dates";
    document.getElementById("clear-range").hidden = true;
    refresh();
  });
  form.addEventListener("reset", () => setTimeout(() => form.requestSubmit(), 0));
  document.getElementById("clear-range").addEventListener("click", () => {
    timeline.clearBrush();
    brush(null);
  });
  document.getElementById("previous").addEventListener("click", () => {
    state.offset = Math.max(0, state.offset - PAGE_SIZE);
    loadPage().catch(showError);
  });
  document.getElementById("next").addEventListener("click", () => {
    state.offset += PAGE_SIZE;
    loadPage().catch(showError);
  });
}

async function showStatus() {
  const status = await getJSON("/api/status");
  const span = status.first_date ? `, ${status.first_date} to ${status.last_date}` : "";
  document.getElementById("status").textContent =
    `${status.events} events from ${status.documents} documents${span}`;
}

setUp();
showStatus().catch(showError);
await refresh();
const linked = new URLSearchParams(location.hash.slice(1)).get("event");
if (linked) select(linked);
