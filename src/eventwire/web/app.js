// eventwire's page: happenings (or events) on a map, a timeline and two charts, filtered together; the list;
// and the article view with its evidence highlighted. Every view is in the URL. Data is always put into the
// page as text, never as HTML.
import { openEvent } from "./article.js";
import { byCountry, byType, drawChart } from "./charts.js";
import { el, get } from "./dom.js";
import { drawHappenings, drawEvents } from "./list.js";
import { drawLegend, drawMap, initMap } from "./map.js";
import { filterQuery, readUrl, state, writeUrl, DEFAULTS } from "./state.js";
import { drawTimeline } from "./timeline.js";

const PAGE = 50;
const $ = (id) => document.getElementById(id);
let countryNames = {};

function fillFacets(facets) {
  const fill = (id, items, label, name) => {
    const select = $(id);
    const current = state[id.slice(2)];
    select.replaceChildren(el("option", { value: "" }, label));
    for (const [value, count] of items) select.append(el("option", { value }, `${name(value)} (${count})`));
    if (current && ![...select.options].some((o) => o.value === current)) select.append(el("option", { value: current }, current));
    select.value = current;
  };
  countryNames = Object.fromEntries(facets.countries.map(([code, , name]) => [code, name]));
  fill("f-type", facets.types, "all event types", (t) => t);
  fill("f-country", facets.countries, "all countries", (c) => `${countryNames[c] || c}`);
  drawLegend(facets.types.map(([type]) => type));
}

function drawList(page) {
  const body = document.querySelector("#list tbody");
  $("list-head").replaceChildren(...(state.view === "happenings"
    ? ["dates", "type", "who → whom", "where", "articles · outlets · independent", "first report"]
    : ["date", "type", "who → whom", "where", "independent outlets", "evidence"]).map((h) => el("th", {}, h)));
  if (state.view === "happenings") {
    const open = (id) => { state.open = id; writeUrl(); drawList(page); };
    open.current = state.open;
    drawHappenings(body, page, open, showEvent);
  } else {
    drawEvents(body, page, showEvent);
  }
  const to = Math.min(page.offset + page.items.length, page.total);
  $("page").textContent = `${page.total ? page.offset + 1 : 0}–${to} of ${page.total} ${state.view}`;
  $("prev").disabled = page.offset === 0;
  $("next").disabled = to >= page.total;
}

async function showEvent(eventId, articleId) {
  state.event = await openEvent(eventId, articleId);
  writeUrl();
}

function download() {
  const links = $("download");
  links.replaceChildren("download this view: ", ...["csv", "geojson"].flatMap((format, i) => [
    i ? " · " : "", el("a", { href: `/api/export?${filterQuery({ format, view: state.view })}`, download: "", class: `download-${format}` }, format)]));
}

async function refresh() {
  writeUrl();
  const q = filterQuery();
  $("range").textContent = state.since ? `${state.since} – ${state.until}` : "";
  $("clear-dates").hidden = !state.since && !state.until;
  $("view-happenings").classList.toggle("active", state.view === "happenings");
  $("view-events").classList.toggle("active", state.view === "events");
  download();
  const listPath = state.view === "happenings" ? "/api/happenings" : "/api/events";
  const mapPath = state.view === "happenings" ? "/api/happenings/map" : "/api/map";
  const [facets, points, timeline, byTypes, byCountries, page] = await Promise.all([
    get(`/api/facets?${q}`), get(`${mapPath}?${filterQuery({})}`), get(`/api/counts?${filterQuery({ by: "type", per: "day" })}`),
    get(`/api/counts?${filterQuery({ by: "type", per: "week" })}`), get(`/api/counts?${filterQuery({ by: "country", per: "week" })}`),
    get(`${listPath}?${filterQuery({ limit: PAGE, offset: state.offset })}`),
  ]);
  fillFacets(facets);
  const rows = state.view === "happenings"
    ? points.points.map(([id, lat, lon, type, place, date, , independent, precision]) => [id, lat, lon, type, place, date, precision, independent])
    : points.points.map(([id, lat, lon, type, place, date, precision]) => [id, lat, lon, type, place, date, precision, 1]);
  drawMap(rows, pick);
  const range = drawTimeline($("timeline"), timeline.rows, (since, until) => { Object.assign(state, { since, until, offset: 0 }); refresh(); });
  drawChart($("chart-types"), $("chart-types-legend"), byTypes.rows, byType, {}, range);
  drawChart($("chart-countries"), $("chart-countries-legend"), byCountries.rows, byCountry, countryNames, range);
  drawList(page);
  $("summary").textContent = `${page.total} ${state.view} · ${points.points.length} on the map`;
}

// A marker picked on the map: its happening opened in the list, or its event in the article view.
function pick(id) {
  if (state.view === "happenings") { state.open = id; refresh(); } else showEvent(id);
}

let moved = null;
function mapMoved() {
  writeUrl();
  if (!state.inmap) return;
  clearTimeout(moved);
  moved = setTimeout(() => { state.offset = 0; refresh(); }, 300);
}

readUrl();
for (const key of ["q", "type", "country", "actor"]) $(`f-${key}`).value = state[key];
$("f-inmap").checked = Boolean(state.inmap);
initMap(mapMoved);
$("close").onclick = () => { $("article").hidden = true; state.event = ""; writeUrl(); };
$("prev").onclick = () => { state.offset = Math.max(0, state.offset - PAGE); refresh(); };
$("next").onclick = () => { state.offset += PAGE; refresh(); };
$("view-happenings").onclick = () => { Object.assign(state, { view: "happenings", offset: 0 }); refresh(); };
$("view-events").onclick = () => { Object.assign(state, { view: "events", offset: 0, open: "" }); refresh(); };
$("f-inmap").onchange = (event) => { state.inmap = event.target.checked ? "1" : ""; state.offset = 0; refresh(); };
$("clear-dates").onclick = () => { Object.assign(state, { since: "", until: "", offset: 0 }); refresh(); };
$("filters").onsubmit = (event) => {
  event.preventDefault();
  for (const key of ["q", "type", "country", "actor"]) state[key] = $(`f-${key}`).value.trim();
  state.offset = 0;
  refresh();
};
$("f-clear").onclick = () => {
  Object.assign(state, { ...DEFAULTS, view: state.view, at: state.at, bbox: state.bbox });
  $("filters").reset();
  $("f-inmap").checked = false;
  refresh();
};
refresh()
  .then(() => { if (state.event) showEvent(state.event); })
  .catch((error) => { $("summary").textContent = `could not load: ${error.message}`; });
