// The map: country outlines from an installed package as the basemap (no tile server),
// and the events as markers coloured by type, gathered into clusters that show, as a pie,
// the types they hold.
import { colourOf, TYPES } from "./types.js";

const BASEMAP_STYLE = { color: "#a8a293", weight: 0.8, fillColor: "#f3f0e8", fillOpacity: 1 };

export function createMap(element, onSelect) {
  const map = L.map(element, { worldCopyJump: true, minZoom: 1, maxZoom: 12 }).setView([15, 15], 2);
  map.attributionControl.addAttribution("Country outlines: Natural Earth, via countryinfo");
  addBasemap(map);
  const clusters = L.markerClusterGroup({
    iconCreateFunction: clusterIcon, showCoverageOnHover: false, maxClusterRadius: 40, chunkedLoading: true,
  });
  map.addLayer(clusters);
  const markers = new Map();
  const note = mapNote().addTo(map);

  return {
    // POINTS as /api/points gives them; TOTAL of them pass the filters.
    show(points, total) {
      note.say(total > points.length ? `the latest ${points.length} of ${total} events` : "");
      clusters.clearLayers();
      markers.clear();
      const layers = points.map((point) => eventMarker(point, onSelect));
      layers.forEach((marker) => markers.set(marker.eventId, marker));
      clusters.addLayers(layers); // in chunks, when there are many: the bounds come from the points
      if (points.length) {
        map.fitBounds(L.latLngBounds(points.map(([, lat, lon]) => [lat, lon])), { padding: [30, 30], maxZoom: 6, animate: false });
      }
    },
    // Bring an event into view: zoom until its marker is out of its cluster.
    focus(eventId) {
      const marker = markers.get(eventId);
      if (marker) clusters.zoomToShowLayer(marker, () => marker.getElement()?.classList.add("selected"));
      element.querySelectorAll(".event-marker.selected").forEach((node) => {
        if (node !== marker?.getElement()) node.classList.remove("selected");
      });
    },
  };
}

// A line of text in a corner of the map, hidden when empty.
function mapNote() {
  const NoteControl = L.Control.extend({
    onAdd() {
      this.element = L.DomUtil.create("div", "map-note");
      this.element.hidden = true;
      return this.element;
    },
    say(text) {
      this.element.textContent = text;
      this.element.hidden = !text;
    },
  });
  return new NoteControl({ position: "bottomleft" });
}

async function addBasemap(map) {
  const response = await fetch("/vendor/countries.geojson");
  const outlines = await response.json();
  L.geoJSON(outlines, { style: BASEMAP_STYLE, interactive: false }).addTo(map).bringToBack();
}

function eventMarker([id, lat, lon, type, date, place], onSelect) {
  const dot = document.createElement("span");
  dot.style.background = colourOf(type);
  const icon = L.divIcon({ html: dot, className: `event-marker type-${type}`, iconSize: [14, 14] });
  const title = `${type} · ${date ?? "undated"}${place ? ` · ${place}` : ""}`;
  const marker = L.marker([lat, lon], { icon, title, alt: title, riseOnHover: true });
  marker.eventId = id;
  marker.eventType = type;
  marker.on("click", () => onSelect(id));
  return marker;
}

// A cluster is a pie of the types it holds, with its number of events in the middle.
function clusterIcon(cluster) {
  const counts = new Map();
  for (const marker of cluster.getAllChildMarkers()) {
    counts.set(marker.eventType, (counts.get(marker.eventType) ?? 0) + 1);
  }
  const total = cluster.getChildCount();
  const ordered = TYPES.filter((type) => counts.has(type));
  let start = 0;
  const slices = ordered.map((type) => {
    const end = start + (counts.get(type) / total) * 360;
    const slice = `${colourOf(type)} ${start}deg ${end}deg`;
    start = end;
    return slice;
  });
  const pie = document.createElement("div");
  pie.style.background = `conic-gradient(${slices.join(", ")})`;
  pie.title = `${total} events: ` + ordered.map((type) => `${counts.get(type)} ${type}`).join(", ");
  const label = document.createElement("span");
  label.textContent = total;
  pie.append(label);
  const size = 26 + Math.min(22, Math.round(Math.log2(total) * 3));
  return L.divIcon({ html: pie, className: "event-cluster", iconSize: L.point(size, size) });
}
