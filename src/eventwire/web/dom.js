// What every part of the page shares: making elements (data always as text, never as HTML), fetching JSON,
// and the colour of each PLOVER type.
export const COLOURS = {
  AGREE: "#2a9d8f", CONSULT: "#52b788", SUPPORT: "#74c69d", CONCEDE: "#95d5b2", COOPERATE: "#40916c",
  AID: "#1b4332", RETREAT: "#b7b7a4", REQUEST: "#457b9d", ACCUSE: "#f4a261", REJECT: "#e9c46a",
  THREATEN: "#e76f51", PROTEST: "#9d4edd", SANCTION: "#6d597a", MOBILIZE: "#bc6c25", COERCE: "#d62828",
  ASSAULT: "#780000",
};
export const TYPES = Object.keys(COLOURS);
export const SVG = "http://www.w3.org/2000/svg";

export function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (key === "class") node.className = value;
    else if (key.startsWith("on")) node.addEventListener(key.slice(2), value);
    else node.setAttribute(key, value);
  }
  for (const child of children) {
    if (child === null || child === undefined) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

export function svg(tag, attrs = {}, text = null) {
  const node = document.createElementNS(SVG, tag);
  for (const [key, value] of Object.entries(attrs)) node.setAttribute(key, value);
  if (text !== null) node.textContent = text;
  return node;
}

export async function get(path) {
  const response = await fetch(path);
  if (!response.ok) throw new Error(`${path}: ${response.status}`);
  return response.json();
}

export function colour(type) {
  return COLOURS[type] || "#555";
}

export function badge(type) {
  return el("span", { class: "badge", style: `background:${colour(type)}` }, type);
}

// A place given as a country, a province or a region is an area (its precision says so): drawn as one, with
// a radius that says how vague, never as a point.
const AREAS = { adm2: 40000, adm1: 120000, country: 350000, region: 900000 };
export function areaRadius(precision) {
  return AREAS[precision] || 0;
}
