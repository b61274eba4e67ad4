// The map: a Natural Earth basemap with country, city and province names, markers coloured by PLOVER type,
// places that are countries or provinces drawn as areas on their own layer, a legend, and "list only
// what the map shows".
import { areaRadius, colour, el, get } from "./dom.js";
import { state } from "./state.js";

const map = L.map("map", { worldCopyJump: true, minZoom: 1, maxZoom: 12 });
const points = L.markerClusterGroup({ chunkedLoading: true, showCoverageOnHover: false, iconCreateFunction: clusterIcon });
const areas = L.layerGroup();
const labels = L.layerGroup();
let countryLabels = [];
let cityLabels = { places: [], divisions: [] };
map.addLayer(points);
map.addLayer(areas);
map.addLayer(labels);
L.control.layers(null, { "points: towns and sites": points, "areas: countries and provinces": areas }, { position: "topright" }).addTo(map);

// A cluster takes the colour of the type most of its markers have.
function clusterIcon(cluster) {
  const counts = {};
  for (const marker of cluster.getAllChildMarkers()) counts[marker.options.ewType] = (counts[marker.options.ewType] || 0) + 1;
  const top = Object.entries(counts).sort((a, b) => b[1] - a[1])[0][0];
  const size = 26 + Math.min(20, Math.log2(cluster.getChildCount()) * 3);
  const icon = el("div", { class: "ew-cluster", style: `background:${colour(top)};width:${size}px;height:${size}px;line-height:${size}px` }, cluster.getChildCount());
  return L.divIcon({ html: icon, className: "ew-cluster-icon", iconSize: [size, size] });
}

// Rings that cross the antimeridian are unwrapped (each point within 180 degrees of the one before), so
// that no polygon is drawn as a stripe across the whole map.
function unwrap(ring) {
  const out = [ring[0].slice()];
  for (let i = 1; i < ring.length; i++) {
    let [lon, lat] = ring[i];
    const previous = out[i - 1][0];
    while (lon - previous > 180) lon -= 360;
    while (previous - lon > 180) lon += 360;
    out.push([lon, lat]);
  }
  return out;
}

function unwrapGeometry(geometry) {
  if (geometry.type === "Polygon") geometry.coordinates = geometry.coordinates.map(unwrap);
  if (geometry.type === "MultiPolygon") geometry.coordinates = geometry.coordinates.map((p) => p.map(unwrap));
  return geometry;
}

function label(lat, lon, text, cls) {
  return L.marker([lat, lon], { icon: L.divIcon({ html: el("span", {}, text), className: `ew-label ${cls}`, iconSize: null }), interactive: false, keyboard: false });
}

// Labels for the zoom: country names, then the largest cities, then provinces and smaller cities.
function drawLabels() {
  labels.clearLayers();
  const zoom = map.getZoom();
  const view = map.getBounds().pad(0.1);
  if (zoom >= 3 && zoom <= 6) for (const l of countryLabels) if (view.contains(l.getLatLng())) labels.addLayer(l);
  const least = zoom >= 7 ? 150000 : zoom >= 6 ? 500000 : zoom >= 5 ? 2000000 : Infinity;
  let shown = 0;
  for (const [name, lat, lon, population, capital] of cityLabels.places) {
    if (shown >= 150) break;
    if ((population >= least || (capital && zoom >= 5)) && view.contains([lat, lon])) { labels.addLayer(label(lat, lon, name, capital ? "capital" : "city")); shown++; }
  }
  if (zoom >= 6) for (const [name, lat, lon] of cityLabels.divisions) if (view.contains([lat, lon])) labels.addLayer(label(lat, lon, name, "division"));
}

export function initMap(onMoved) {
  const [lat, lon, zoom] = (state.at || "").split(",").map(Number);
  if (Number.isFinite(lat) && Number.isFinite(lon) && Number.isFinite(zoom)) map.setView([lat, lon], zoom);
  else map.setView([25, 20], 2);
  get("/static/vendor/countries-50m.json").then((topo) => {
    const land = topojson.feature(topo, topo.objects.countries);
    for (const feature of land.features) if (feature.geometry) unwrapGeometry(feature.geometry);
    const layer = L.geoJSON(land, { style: { color: "#8aa", weight: 0.5, fillColor: "#f6f4ee", fillOpacity: 1 }, interactive: false });
    layer.addTo(map).bringToBack();
    countryLabels = [];
    layer.eachLayer((shape) => {
      const name = shape.feature.properties && shape.feature.properties.name;
      if (!name) return;
      const parts = shape.getLatLngs().flat(shape.feature.geometry.type === "MultiPolygon" ? 1 : 0);
      const largest = parts.map((ring) => L.latLngBounds(ring)).sort((a, b) => area(b) - area(a))[0];
      if (largest) countryLabels.push(label(largest.getCenter().lat, largest.getCenter().lng, name, "country"));
    });
    drawLabels();
  });
  get("/api/basemap").then((found) => { cityLabels = found; drawLabels(); });
  map.on("moveend", () => {
    const centre = map.getCenter();
    state.at = `${centre.lat.toFixed(3)},${centre.lng.toFixed(3)},${map.getZoom()}`;
    state.bbox = visibleBox();
    drawLabels();
    onMoved();
  });
  state.bbox = visibleBox();
  return map;
}

function area(bounds) {
  return (bounds.getNorth() - bounds.getSouth()) * (bounds.getEast() - bounds.getWest());
}

// The visible box as west,south,east,north; none when the whole world is in view.
function visibleBox() {
  const b = map.getBounds();
  if (b.getEast() - b.getWest() >= 360) return "";
  const wrap = (lon) => ((((lon + 180) % 360) + 360) % 360) - 180;
  const south = Math.max(-90, b.getSouth()), north = Math.min(90, b.getNorth());
  return [wrap(b.getWest()), south, wrap(b.getEast()), north].map((v) => v.toFixed(4)).join(",");
}

// rows: [id, lat, lon, type, place, date, precision, size]; size scales the marker (independent outlets).
export function drawMap(rows, onPick) {
  points.clearLayers();
  areas.clearLayers();
  const markers = [];
  for (const [id, lat, lon, type, place, date, precision, size] of rows) {
    const tip = el("span", {}, `${type} · ${place || ""} · ${date || ""}${size > 1 ? ` · ${size} independent outlets` : ""}`);
    const radius = areaRadius(precision);
    if (radius) {
      L.circle([lat, lon], { radius, color: colour(type), weight: 1.5, dashArray: "4 4", fillColor: colour(type), fillOpacity: 0.08, className: `ew-area ew-${type}` })
        .bindTooltip(tip).on("click", () => onPick(id)).addTo(areas);
    } else {
      markers.push(L.circleMarker([lat, lon], {
        radius: 5 + Math.min(8, Math.log2(size || 1) * 2), color: "#fff", weight: 1, fillColor: colour(type), fillOpacity: 0.9,
        className: `ew-marker ew-${type}`, ewType: type,
      }).bindTooltip(tip).on("click", () => onPick(id)));
    }
  }
  points.addLayers(markers);
}

// The legend: each type shown, and how areas are drawn.
const legend = L.control({ position: "bottomright" });
legend.onAdd = () => el("div", { class: "ew-legend", id: "map-legend" });
legend.addTo(map);

export function drawLegend(types) {
  const box = document.getElementById("map-legend");
  box.replaceChildren(...types.map((type) => el("div", { class: "legend-row" }, el("i", { style: `background:${colour(type)}` }), type)),
    el("div", { class: "legend-row" }, el("i", { class: "area" }), "country or province (an area)"));
}
