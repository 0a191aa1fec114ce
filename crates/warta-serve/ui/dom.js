// Building the page from data. Every string from the API (article text, names, quotes)
// becomes a text node: nothing here parses data as HTML, so markup inside an article is
// shown as the characters it is.

/**
 * An element: `h('a', {href: '#/x', class: 'c', on: {click: f}}, 'text', child, [more])`.
 * Strings and numbers among the children become text nodes; null and false are skipped.
 */
export function h(tag, props = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(props)) {
    if (value === null || value === undefined || value === false) continue;
    if (name === 'class') element.className = value;
    else if (name === 'on') {
      for (const [event, handler] of Object.entries(value)) element.addEventListener(event, handler);
    } else if (name === 'dataset') Object.assign(element.dataset, value);
    else if (name === 'value') element.value = value;
    else if (name === 'href') element.setAttribute('href', safeHref(value));
    else element.setAttribute(name, value);
  }
  append(element, children);
  return element;
}

function append(element, children) {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    if (Array.isArray(child)) append(element, child);
    else if (child instanceof Node) element.append(child);
    else element.append(document.createTextNode(String(child)));
  }
}

/**
 * Links go to this page's own views (`#/…`) or to web pages (`http:`, `https:`); an
 * article's URL with any other scheme (`javascript:`) becomes an inert `#`.
 */
export function safeHref(url) {
  const text = String(url);
  if (text.startsWith('#/')) return text;
  try {
    const parsed = new URL(text);
    if (parsed.protocol === 'http:' || parsed.protocol === 'https:') return parsed.href;
  } catch {
    // not a URL
  }
  return '#';
}

/** A view's route: `#/doc/` + the id, encoded. */
export function route(view, id) {
  return `#/${view}/${encodeURIComponent(id)}`;
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/**
 * The API's spans are byte ranges into UTF-8 text; JavaScript strings count UTF-16 units.
 * `Utf8Text` cuts the text by bytes.
 */
export class Utf8Text {
  constructor(text) {
    this.bytes = encoder.encode(text);
  }

  get length() {
    return this.bytes.length;
  }

  slice(start, end) {
    return decoder.decode(this.bytes.subarray(start, end));
  }
}

/** `text` with the byte ranges `highlights` ([start, end]) in `<mark>`. */
export function highlighted(text, highlights) {
  const bytes = new Utf8Text(text);
  const parts = [];
  let last = 0;
  for (const [start, end] of highlights) {
    if (start < last) continue;
    parts.push(bytes.slice(last, start), h('mark', {}, bytes.slice(start, end)));
    last = end;
  }
  parts.push(bytes.slice(last, bytes.length));
  return parts;
}

/** A definition list of the pairs whose value is not empty. */
export function facts(pairs) {
  const list = h('dl', { class: 'facts' });
  for (const [term, value] of pairs) {
    if (value === null || value === undefined || value === '' || (Array.isArray(value) && !value.length)) continue;
    list.append(h('dt', {}, term), h('dd', {}, value));
  }
  return list;
}

const SVG = 'http://www.w3.org/2000/svg';

/** An SVG element with attributes (names and values from code; text goes in as text). */
export function svg(tag, attributes = {}, ...children) {
  const element = document.createElementNS(SVG, tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === null || value === undefined) continue;
    element.setAttribute(name, name === 'href' ? safeHref(value) : value);
  }
  append(element, children);
  return element;
}
