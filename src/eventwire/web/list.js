// The list: one row per happening (its dates, type, actors, place, and how many articles, outlets and
// independent outlets reported it), which expands to its articles and events, each once; or one row per
// event.
import { badge, el, get } from "./dom.js";

function roles(row) {
  return `${row.source_name || "—"} → ${row.target_name || "—"}`;
}

function dates(row) {
  const [a, b] = [row.first_date, row.last_date];
  return !a ? "undated" : a === b || !b ? a : `${a} – ${b.slice(a.slice(0, 4) === b.slice(0, 4) ? 5 : 0)}`;
}

export function drawHappenings(body, page, open, onOpenEvent) {
  body.replaceChildren();
  for (const row of page.items) {
    const tr = el("tr", { class: "happening", "data-happening": row.id },
      el("td", {}, dates(row)), el("td", {}, badge(row.type)), el("td", { class: "who" }, roles(row)),
      el("td", { class: "where" }, row.place_name || ""),
      el("td", { class: "reports", title: `${row.articles} articles, ${row.sources} outlets, ${row.independent} independent` },
        el("span", { class: "articles" }, row.articles), " · ", el("span", { class: "outlets" }, row.sources), " · ",
        el("strong", { class: "independent" }, row.independent)),
      el("td", { class: "evidence" }, row.sentence || ""));
    tr.onclick = () => open(open.current === row.id ? "" : row.id);
    body.append(tr);
    if (open.current === row.id) body.append(expanded(row, onOpenEvent));
  }
}

// A happening's articles, each once, with its events under it.
function expanded(row, onOpenEvent) {
  const cell = el("td", { colspan: 6 }, "…");
  get(`/api/happenings/${encodeURIComponent(row.id)}`).then((found) => {
    const articles = new Map();
    for (const m of found.members) {
      if (!articles.has(m.article_id)) articles.set(m.article_id, { first: m, events: [] });
      articles.get(m.article_id).events.push(m);
    }
    const list = el("ul", { class: "members" });
    for (const { first, events } of articles.values()) {
      const eventList = el("ul", { class: "member-events" }, ...events.map((m) => el("li", { class: "member-event", "data-event": m.event_id },
        el("a", { href: "#", onclick: (e) => { e.preventDefault(); onOpenEvent(m.event_id, m.article_id); } }, `${m.trigger} · ${roles(m)}`),
        " ", el("span", { class: "member-sentence" }, m.sentence || ""))));
      list.append(el("li", { class: "member-article", "data-article": first.article_id },
        el("span", { class: "member-head" }, `${first.published || "undated"} · ${first.outlet || first.url || ""} · ${first.title || "(untitled)"}`), eventList));
    }
    cell.replaceChildren(el("div", {}, `${articles.size} articles, ${found.members.length} events`), list);
  }).catch((error) => { cell.textContent = `could not load: ${error.message}`; });
  return el("tr", { class: "expanded" }, cell);
}

export function drawEvents(body, page, onOpenEvent) {
  body.replaceChildren(...page.items.map((row) => el("tr", { "data-event": row.event_id, onclick: () => onOpenEvent(row.event_id, row.article_id) },
    el("td", {}, row.date || ""), el("td", {}, badge(row.type)), el("td", { class: "who" }, roles(row)),
    el("td", { class: "where" }, row.place_name || ""), el("td", { class: "reports" }, row.happening_independent ?? ""),
    el("td", { class: "evidence" }, row.sentence || row.trigger))));
}
