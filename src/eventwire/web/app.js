// eventwire's page: map, timeline, facets, event list and the article view with its evidence highlighted.
// Every piece of data is put into the page as text (textContent), never as HTML.
"use strict";

const COLOURS = {
  AGREE: "#2a9d8f", CONSULT: "#52b788", SUPPORT: "#74c69d", CONCEDE: "#95d5b2", COOPERATE: "#40916c",
  AID: "#1b4332", RETREAT: "#b7b7a4", REQUEST: "#457b9d", ACCUSE: "#f4a261", REJECT: "#e9c46a",
  THREATEN: "#e76f51", PROTEST: "#9d4edd", SANCTION: "#6d597a", MOBILIZE: "#bc6c25", COERCE: "#d62828",
  ASSAULT: "#780000",
};
const PAGE = 50;
const state = { since: "", until: "", type: "", country: "", actor: "", q: "", offset: 0 };

function el(tag, attrs = {}, ...children) {
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

function query(extra = {}) {
  const params = new URLSearchParams();
  for (const key of ["since", "until", "type", "country", "actor", "q"]) if (state[key]) params.set(key, state[key]);
  for (const [key, value] of Object.entries(extra)) params.set(key, value);
  return params.toString();
}

async function get(path) {
  const response = await fetch(path);
  if (!response.ok) throw new Error(`${path}: ${response.status}`);
  return response.json();
}

function badge(type) {
  return el("span", { class: "badge", style: `background:${COLOURS[type] || "#555"}` }, type);
}

// Map: a Natural Earth basemap and clustered markers coloured by event type.
const map = L.map("map", { worldCopyJump: true, minZoom: 1, maxZoom: 12 }).setView([25, 20], 2);
const markers = L.markerClusterGroup({ chunkedLoading: true, showCoverageOnHover: false });
map.addLayer(markers);
get("/static/vendor/countries-50m.json").then((topo) => {
  const land = topojson.feature(topo, topo.objects.countries);
  L.geoJSON(land, { style: { color: "#8aa", weight: 0.5, fillColor: "#f6f4ee", fillOpacity: 1 } })
    .addTo(map).bringToBack();
});

function drawMap(points) {
  markers.clearLayers();
  const layers = points.map(([id, lat, lon, type, place, date]) =>
    L.circleMarker([lat, lon], {
      radius: 7, color: "#fff", weight: 1, fillColor: COLOURS[type] || "#555", fillOpacity: 0.9,
      className: `ew-marker ew-${type}`,
    }).bindTooltip(`${type} · ${place || ""} · ${date || ""}`).on("click", () => openEvent(id)));
  markers.addLayers(layers);
}

// Timeline: events per day; dragging across it sets the date range.
function drawTimeline(days) {
  const svg = document.getElementById("timeline");
  svg.replaceChildren();
  if (!days.length) return;
  const width = svg.clientWidth || 600, height = 90;
  const first = Date.parse(days[0][0]), last = Date.parse(days[days.length - 1][0]);
  const span = Math.max(last - first, 86400000);
  const most = Math.max(...days.map((d) => d[1]));
  const x = (t) => ((t - first) / span) * (width - 6) + 3;
  const NS = "http://www.w3.org/2000/svg";
  for (const [day, count] of days) {
    const bar = document.createElementNS(NS, "rect");
    const h = Math.max(1, (count / most) * (height - 4));
    bar.setAttribute("class", "bar");
    bar.setAttribute("x", x(Date.parse(day)) - 1.5);
    bar.setAttribute("y", height - h);
    bar.setAttribute("width", 3);
    bar.setAttribute("height", h);
    const title = document.createElementNS(NS, "title");
    title.textContent = `${day}: ${count}`;
    bar.append(title);
    svg.append(bar);
  }
  const brush = document.createElementNS(NS, "rect");
  brush.setAttribute("class", "brush");
  brush.setAttribute("height", height);
  svg.append(brush);
  const dayAt = (event) => {
    const box = svg.getBoundingClientRect();
    const t = first + ((event.clientX - box.left - 3) / (width - 6)) * span;
    return new Date(Math.min(Math.max(t, first), last)).toISOString().slice(0, 10);
  };
  let start = null;
  svg.onmousedown = (event) => { start = event.clientX; brush.setAttribute("x", start - svg.getBoundingClientRect().left); brush.setAttribute("width", 0); svg.dataset.from = dayAt(event); };
  svg.onmousemove = (event) => {
    if (start === null) return;
    const left = svg.getBoundingClientRect().left;
    brush.setAttribute("x", Math.min(start, event.clientX) - left);
    brush.setAttribute("width", Math.abs(event.clientX - start));
  };
  svg.onmouseup = (event) => {
    if (start === null) return;
    const [a, b] = [svg.dataset.from, dayAt(event)].sort();
    start = null;
    state.since = a; state.until = b; state.offset = 0;
    refresh();
  };
}

function fillFacets(facets) {
  const fill = (id, items, label) => {
    const select = document.getElementById(id);
    const current = state[id.slice(2)];
    select.replaceChildren(el("option", { value: "" }, label));
    for (const [value, count] of items) select.append(el("option", { value }, `${value} (${count})`));
    select.value = current;
  };
  fill("f-type", facets.types, "all event types");
  fill("f-country", facets.countries, "all countries");
  const legend = document.getElementById("legend");
  legend.replaceChildren(...facets.types.map(([type]) => badge(type)));
}

function roles(row) {
  const who = row.source_name || "—", whom = row.target_name || "—";
  return `${who} → ${whom}`;
}

function drawEvents(page) {
  const body = document.querySelector("#events tbody");
  body.replaceChildren(...page.items.map((row) => el("tr", { "data-event": row.event_id, onclick: () => openEvent(row.event_id, row.article_id) },
    el("td", {}, row.date || ""), el("td", {}, badge(row.type)), el("td", {}, roles(row)),
    el("td", {}, row.place_name || ""), el("td", { class: "evidence" }, row.sentence || row.trigger))));
  const to = Math.min(page.offset + page.items.length, page.total);
  document.getElementById("page").textContent = `${page.total ? page.offset + 1 : 0}–${to} of ${page.total}`;
  document.getElementById("prev").disabled = page.offset === 0;
  document.getElementById("next").disabled = to >= page.total;
}

async function refresh() {
  const q = query();
  document.getElementById("range").textContent = state.since ? `${state.since} – ${state.until}` : "";
  const [facets, points, days, page] = await Promise.all([
    get(`/api/facets?${q}`), get(`/api/map?${q}`), get(`/api/timeline?${q}`),
    get(`/api/events?${query({ limit: PAGE, offset: state.offset })}`),
  ]);
  fillFacets(facets);
  drawMap(points.points);
  drawTimeline(days.days);
  drawEvents(page);
  document.getElementById("summary").textContent = `${page.total} events · ${points.points.length} on the map`;
}

// The article view: the text cut at every span boundary, each piece a text node in spans carrying classes.
function highlighted(text, spans) {
  const cuts = new Set([0, text.length]);
  for (const s of spans) { cuts.add(s.start); cuts.add(s.end); }
  const points = [...cuts].filter((c) => c >= 0 && c <= text.length).sort((a, b) => a - b);
  const box = document.getElementById("a-text");
  box.replaceChildren();
  let selected = null;
  for (let i = 0; i + 1 < points.length; i++) {
    const [from, to] = [points[i], points[i + 1]];
    const active = spans.filter((s) => s.start <= from && s.end >= to);
    if (!active.length) { box.append(document.createTextNode(text.slice(from, to))); continue; }
    const piece = el("span", { class: active.map((s) => s.cls).join(" "), title: active.map((s) => s.title).filter(Boolean).join(" · ") }, text.slice(from, to));
    if (active.some((s) => s.cls === "hl-sentence") && !selected) selected = piece;
    box.append(piece);
  }
  if (selected) { selected.id = "selected-sentence"; selected.scrollIntoView({ block: "center" }); }
}

function card(event, happening, actors, places) {
  const name = (id) => (actors[id] ? `${actors[id].name}${actors[id].country ? ` (${actors[id].country})` : ""}` : "—");
  const flags = ["negated", "hypothetical", "future", "historical"].filter((f) => event[f]).join(", ") || "none";
  const rows = [
    ["type", `${event.type}${event.mode ? ` · ${event.mode}` : ""}${event.context ? ` · ${event.context}` : ""}`],
    ["CAMEO", event.cameo || "—"], ["source", name(event.source)], ["target", name(event.target)],
    ["place", places[event.place] ? places[event.place].name : "—"], ["date", event.date || "—"],
    ["flags", flags], ["confidence", event.confidence ?? "—"],
  ];
  if (happening) {
    const reported = `${happening.articles} articles from ${happening.sources} outlets, ${happening.independent} independent`;
    rows.push(["reported by", `${reported}; first: ${happening.first_source || "?"}`]);
  }
  const list = el("dl", {});
  for (const [k, v] of rows) list.append(el("dt", {}, k), el("dd", {}, v));
  const box = el("div", {}, el("strong", {}, "event "), badge(event.type), list);
  if (happening && happening.articles > 1) {
    const sources = el("ul", { class: "cluster" });
    get(`/api/happenings/${encodeURIComponent(happening.id)}`).then((found) => {
      for (const m of found.members) {
        sources.append(el("li", {}, el("a", { href: "#", onclick: (e) => { e.preventDefault(); openEvent(m.event_id, m.article_id); } },
          `${m.published || "undated"} · ${m.outlet || m.url || m.article_id}`)));
      }
    });
    box.append(el("div", {}, "the same happening in:"), sources);
  }
  return box;
}

async function openEvent(eventId, articleId) {
  const id = articleId || eventId.replace(/-evt\d+$/, "");
  const article = await get(`/api/articles/${encodeURIComponent(id)}`);
  const event = article.events.find((e) => e.id === eventId) || article.events[0];
  const actors = Object.fromEntries(article.actors.map((a) => [a.id, a]));
  const places = Object.fromEntries(article.places.map((p) => [p.id, p]));
  document.getElementById("a-title").textContent = article.title || "(untitled)";
  const meta = document.getElementById("a-meta");
  meta.replaceChildren(`${article.source || ""} ${article.published || ""} `);
  if (article.url && /^https?:\/\//i.test(article.url)) meta.append(el("a", { href: article.url, rel: "noopener noreferrer", target: "_blank" }, article.url));
  document.getElementById("a-links").textContent = article.links.length ? `${article.links.length} copy link(s): ${article.links.map((l) => `${l.kind} ${l.similarity}`).join(", ")}` : "";
  const spans = [];
  for (const a of article.actors) for (const [s, e] of a.mentions.length ? a.mentions : [[a.start, a.end]]) spans.push({ start: s, end: e, cls: "hl-actor", title: `actor ${a.name}${a.country ? ` (${a.country})` : ""}` });
  for (const p of article.places) spans.push({ start: p.start, end: p.end, cls: "hl-place", title: `place ${p.name}${p.iso3 ? ` (${p.iso3})` : ""}` });
  for (const t of article.times) spans.push({ start: t.start, end: t.end, cls: "hl-time", title: `time ${t.value || ""}` });
  for (const q of article.quantities) spans.push({ start: q.start, end: q.end, cls: "hl-quantity", title: `${q.kind || "quantity"} ${q.value ?? ""}` });
  for (const q of article.quotes) {
    const who = actors[q.speaker] ? actors[q.speaker].name : q.speaker_text || "?";
    spans.push({ start: q.start, end: q.end, cls: "hl-quote", title: `quote (${q.kind}) by ${who}` });
    if (q.speaker_start !== null) spans.push({ start: q.speaker_start, end: q.speaker_end, cls: "hl-speaker", title: `speaker ${who}` });
  }
  document.getElementById("event-card").replaceChildren();
  if (event) {
    spans.push({ start: event.sentence_start, end: event.sentence_end, cls: "hl-sentence", title: "" });
    spans.push({ start: event.start, end: event.end, cls: "hl-trigger", title: `trigger: ${event.type}` });
    if (event.source_start !== null) spans.push({ start: event.source_start, end: event.source_end, cls: "hl-source", title: "source" });
    if (event.target_start !== null) spans.push({ start: event.target_start, end: event.target_end, cls: "hl-target", title: "target" });
    document.getElementById("event-card").append(card(event, article.happenings[event.id], actors, places));
  }
  document.getElementById("article").hidden = false;
  highlighted(article.text, spans.filter((s) => s.start !== null && s.end !== null && s.end > s.start));
}

document.getElementById("close").onclick = () => { document.getElementById("article").hidden = true; };
document.getElementById("prev").onclick = () => { state.offset = Math.max(0, state.offset - PAGE); refresh(); };
document.getElementById("next").onclick = () => { state.offset += PAGE; refresh(); };
document.getElementById("filters").onsubmit = (event) => {
  event.preventDefault();
  for (const key of ["q", "type", "country", "actor"]) state[key] = document.getElementById(`f-${key}`).value.trim();
  state.offset = 0;
  refresh();
};
document.getElementById("f-clear").onclick = () => {
  Object.assign(state, { since: "", until: "", type: "", country: "", actor: "", q: "", offset: 0 });
  document.getElementById("filters").reset();
  refresh();
};
refresh().catch((error) => { document.getElementById("summary").textContent = `could not load: ${error.message}`; });
