// The timeline: events per day, stacked by type, as SVG bars. Dragging across it picks a
// range of days (the brush), which filters the map and the table; a click clears it.
import { svg } from "./dom.js";
import { colourOf, TYPES } from "./types.js";

const DAY_MS = 86_400_000;
const MARGIN = { top: 8, right: 10, bottom: 22, left: 34 };
const HEIGHT = 130;

export function createTimeline(element, onBrush) {
  let scale = null; // the day <-> x mapping of the drawing shown
  let counts = [];
  let brushed = null; // [first day, last day] as ISO dates

  function draw() {
    element.replaceChildren();
    const width = element.clientWidth || 600;
    element.setAttribute("viewBox", `0 0 ${width} ${HEIGHT}`);
    element.setAttribute("height", HEIGHT);
    if (!counts.length) {
      element.append(svg("text", { x: width / 2, y: HEIGHT / 2, "text-anchor": "middle", class: "empty" }, "no dated events"));
      scale = null;
      return;
    }
    scale = dayScale(counts, width);
    drawBars(element, counts, scale);
    drawAxis(element, scale);
    if (brushed) drawBrush(element, scale, scale.x(dayNumber(brushed[0])), scale.x(dayNumber(brushed[1]) + 1));
  }

  listenForBrush(element, () => scale, (range) => {
    brushed = range;
    draw();
    onBrush(range);
  });
  new ResizeObserver(() => draw()).observe(element);

  return {
    show(newCounts) {
      counts = newCounts;
      draw();
    },
    clearBrush() {
      brushed = null;
      draw();
    },
  };
}

function dayNumber(iso) {
  return Math.floor(Date.parse(`${iso}T00:00:00Z`) / DAY_MS);
}

function isoOf(day) {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

function dayScale(counts, width) {
  const first = dayNumber(counts[0].date);
  const last = dayNumber(counts[counts.length - 1].date);
  const days = last - first + 1;
  const plot = width - MARGIN.left - MARGIN.right;
  const perDay = plot / days;
  return {
    first, last, perDay,
    x: (day) => MARGIN.left + (day - first) * perDay,
    day: (x) => Math.min(last, Math.max(first, first + Math.floor((x - MARGIN.left) / perDay))),
  };
}

function drawBars(element, counts, scale) {
  const byDay = new Map();
  for (const { date, event_type: type, count } of counts) {
    if (!byDay.has(date)) byDay.set(date, new Map());
    byDay.get(date).set(type, count);
  }
  const highest = Math.max(...[...byDay.values()].map((types) => [...types.values()].reduce((a, b) => a + b, 0)));
  const plotHeight = HEIGHT - MARGIN.top - MARGIN.bottom;
  const barWidth = Math.max(3, scale.perDay - (scale.perDay > 4 ? 1 : 0));
  const bars = svg("g", { class: "bars" });
  for (const [date, types] of byDay) {
    let base = HEIGHT - MARGIN.bottom;
    for (const type of TYPES.filter((t) => types.has(t))) {
      const height = Math.max(1, (types.get(type) / highest) * plotHeight);
      base -= height;
      bars.append(svg("rect", {
        x: scale.x(dayNumber(date)), y: base, width: barWidth, height, fill: colourOf(type), class: "bar",
      }, svg("title", {}, `${date}: ${types.get(type)} ${type}`)));
    }
  }
  element.append(bars);
  element.append(svg("text", { x: MARGIN.left - 4, y: MARGIN.top + 8, "text-anchor": "end", class: "tick" }, String(highest)));
}

function drawAxis(element, scale) {
  const bottom = HEIGHT - MARGIN.bottom;
  const axis = svg("g", { class: "axis" });
  axis.append(svg("line", { x1: MARGIN.left, x2: scale.x(scale.last + 1), y1: bottom, y2: bottom }));
  const ticks = Math.min(6, scale.last - scale.first + 1);
  for (let n = 0; n < ticks; n += 1) {
    const day = Math.round(scale.first + (n * (scale.last - scale.first)) / Math.max(1, ticks - 1));
    const x = scale.x(day) + scale.perDay / 2;
    const anchor = n === 0 ? "start" : n === ticks - 1 ? "end" : "middle";
    axis.append(svg("line", { x1: x, x2: x, y1: bottom, y2: bottom + 4 }));
    axis.append(svg("text", { x, y: bottom + 16, "text-anchor": anchor, class: "tick" }, isoOf(day)));
  }
  element.append(axis);
}

function drawBrush(element, scale, from, to) {
  element.append(svg("rect", {
    class: "brush", x: Math.min(from, to), y: MARGIN.top, width: Math.abs(to - from) || 1,
    height: HEIGHT - MARGIN.top - MARGIN.bottom,
  }));
}

// Pointer down, drag, up: the days under the drag. A click without a drag clears.
function listenForBrush(element, currentScale, onRange) {
  let start = null;
  const xOf = (event) => event.clientX - element.getBoundingClientRect().left;
  element.addEventListener("pointerdown", (event) => {
    if (!currentScale()) return;
    start = xOf(event);
    element.setPointerCapture(event.pointerId);
  });
  element.addEventListener("pointermove", (event) => {
    const scale = currentScale();
    if (start === null || !scale) return;
    element.querySelector(".brush")?.remove();
    drawBrush(element, scale, start, xOf(event));
  });
  element.addEventListener("pointerup", (event) => {
    const scale = currentScale();
    if (start === null || !scale) return;
    const end = xOf(event);
    const dragged = Math.abs(end - start) > 3;
    const [a, b] = [scale.day(Math.min(start, end)), scale.day(Math.max(start, end))];
    start = null;
    onRange(dragged ? [isoOf(a), isoOf(b)] : null);
  });
}
