// The table of events: one row per event, a page at a time; a click (or Enter) opens it.
import { el, rangeText } from "./dom.js";
import { colourOf } from "./types.js";

export function createTable(tbody, onSelect) {
  tbody.addEventListener("click", (event) => {
    const row = event.target.closest("tr[data-event-id]");
    if (row) onSelect(row.dataset.eventId);
  });
  tbody.addEventListener("keydown", (event) => {
    const row = event.target.closest("tr[data-event-id]");
    if (row && event.key === "Enter") onSelect(row.dataset.eventId);
  });
  return {
    show(events) {
      tbody.replaceChildren(...events.map(eventRow));
      if (!events.length) tbody.append(el("tr", {}, el("td", { colspan: 7, className: "muted" }, "No events pass these filters.")));
    },
    select(eventId) {
      for (const row of tbody.querySelectorAll("tr[data-event-id]")) {
        row.classList.toggle("selected", row.dataset.eventId === eventId);
      }
    },
  };
}

function eventRow(event) {
  const type = el("span", { className: "type-chip" }, event.event_type + (event.mode ? `/${event.mode}` : ""));
  type.style.borderColor = colourOf(event.event_type);
  const place = [event.location, event.country].filter(Boolean).join(", ");
  return el("tr", { dataset: { eventId: event.id }, tabindex: 0 },
    el("td", { className: "nowrap" }, event.event_date ?? "undated"),
    el("td", {}, type),
    el("td", {}, place),
    el("td", { className: "number" }, rangeText(event.fatalities_min, event.fatalities_max)),
    el("td", { className: "number" }, rangeText(event.injuries_min, event.injuries_max)),
    el("td", { className: "summary" }, event.summary),
    el("td", { className: "number" }, String(event.reports)),
  );
}
