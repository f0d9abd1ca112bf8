// Building elements without HTML strings: text always goes in as text, so whatever a
// document contains (tags, scripts) is shown, never run.

export function el(tag, attributes = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === null || value === undefined || value === false) continue;
    if (name === "className") element.className = value;
    else if (name === "dataset") Object.assign(element.dataset, value);
    else element.setAttribute(name, value === true ? "" : value);
  }
  element.append(...children.flat().filter((child) => child !== null && child !== undefined));
  return element;
}

export function svg(tag, attributes = {}, ...children) {
  const element = document.createElementNS("http://www.w3.org/2000/svg", tag);
  for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, value);
  element.append(...children);
  return element;
}

// A link only for web addresses: a `javascript:` or `data:` URL in a document stays text.
export function safeLink(url, text) {
  try {
    const parsed = new URL(url);
    if (parsed.protocol === "http:" || parsed.protocol === "https:") {
      return el("a", { href: parsed.href, target: "_blank", rel: "noopener noreferrer" }, text);
    }
  } catch {
    // not a URL at all: fall through to plain text
  }
  return document.createTextNode(text);
}

export function rangeText(low, high) {
  if (low === null || low === undefined) return "";
  if (high === null || high === undefined) return `${low}+`;
  return low === high ? String(low) : `${low}–${high}`;
}
