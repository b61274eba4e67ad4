// The article view: the text cut at every span boundary, each piece a text node in spans carrying classes,
// with the event's card (type, roles, place, flags, and the happening it belongs to).
import { badge, el, get } from "./dom.js";

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

function card(event, happening, actors, places, open) {
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
      const seen = new Set();
      for (const m of found.members) {
        if (seen.has(m.article_id)) continue;
        seen.add(m.article_id);
        sources.append(el("li", {}, el("a", { href: "#", onclick: (e) => { e.preventDefault(); open(m.event_id, m.article_id); } },
          `${m.published || "undated"} · ${m.outlet || m.url || m.article_id}`)));
      }
    });
    box.append(el("div", {}, "the same happening in:"), sources);
  }
  return box;
}

export async function openEvent(eventId, articleId) {
  const id = articleId || eventId.replace(/-evt\d+$/, "");
  const article = await get(`/api/articles/${encodeURIComponent(id)}`);
  const event = article.events.find((e) => e.id === eventId) || article.events[0];
  const actors = Object.fromEntries(article.actors.map((a) => [a.id, a]));
  const places = Object.fromEntries(article.places.map((p) => [p.id, p]));
  document.getElementById("a-title").textContent = article.title || "(untitled)";
  const meta = document.getElementById("a-meta");
  meta.replaceChildren(`${article.source || ""} ${article.published || ""} `);
  if (article.url && /^https?:\/\//i.test(article.url)) meta.append(el("a", { href: article.url, rel: "noopener noreferrer", target: "_blank" }, article.url));
  const kinds = {};
  for (const link of article.links) kinds[link.kind] = (kinds[link.kind] || 0) + 1;
  document.getElementById("a-links").textContent = article.links.length
    ? `copies: ${Object.entries(kinds).map(([kind, n]) => `${n} ${kind}`).join(", ")}` : "";
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
    document.getElementById("event-card").append(card(event, article.happenings[event.id], actors, places, openEvent));
  }
  document.getElementById("article").hidden = false;
  highlighted(article.text, spans.filter((s) => s.start !== null && s.end !== null && s.end > s.start));
  return event ? event.id : eventId;
}
