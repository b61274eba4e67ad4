// Small charts of the current filter: events per week by type, and by the country of their place.
import { colour, el, svg } from "./dom.js";

const OTHERS = "#bbb";
const COUNTRY_COLOURS = ["#1d3557", "#e63946", "#2a9d8f", "#f4a261", "#6d597a"];

const WEEK = 7 * 86400000;

// rows: [week, key, count]; keys beyond the five largest are drawn together as "other". range: the
// timeline's [first, last], whose weeks are drawn, every one of them.
export function drawChart(box, legendBox, rows, colourOf, names, range) {
  box.replaceChildren();
  legendBox.replaceChildren();
  if (range) {
    const [from, to] = [range[0] - 6 * 86400000, range[1]];
    rows = rows.filter(([week]) => Date.parse(week) >= from && Date.parse(week) <= to);
  }
  if (!rows.length) return;
  const totals = {};
  for (const [, key, count] of rows) totals[key] = (totals[key] || 0) + count;
  const keys = Object.keys(totals).sort((a, b) => totals[b] - totals[a]);
  const shown = keys.slice(0, 5);
  const weeks = [];
  const known = [...new Set(rows.map((r) => r[0]))].sort();
  for (let t = Date.parse(known[0]); t <= Date.parse(known[known.length - 1]); t += WEEK) weeks.push(new Date(t).toISOString().slice(0, 10));
  const stacks = new Map(weeks.map((w) => [w, {}]));
  for (const [week, key, count] of rows) {
    const k = shown.includes(key) ? key : "other";
    stacks.get(week)[k] = (stacks.get(week)[k] || 0) + count;
  }
  const width = box.clientWidth || 300, height = 84, axis = 14, plot = height - axis;
  const most = Math.max(...[...stacks.values()].map((s) => Object.values(s).reduce((a, b) => a + b, 0)), 1);
  const step = (width - 4) / weeks.length;
  const barWidth = Math.max(2, Math.min(28, step - 2));
  weeks.forEach((week, i) => {
    let y = plot;
    for (const key of [...shown, "other"]) {
      const count = stacks.get(week)[key];
      if (!count) continue;
      const h = Math.max(1, (count / most) * (plot - 2));
      y -= h;
      const bar = svg("rect", { class: "chart-bar", x: 2 + i * step + (step - barWidth) / 2, y, width: barWidth, height: h, fill: key === "other" ? OTHERS : colourOf(key, shown.indexOf(key)) });
      bar.append(svg("title", {}, `week of ${week}: ${count} ${names[key] || key}`));
      box.append(bar);
    }
  });
  box.append(svg("text", { class: "tick-label", x: 2, y: height - 2 }, weeks[0]));
  if (weeks.length > 1) box.append(svg("text", { class: "tick-label", x: width - 2, y: height - 2, "text-anchor": "end" }, weeks[weeks.length - 1]));
  for (const [i, key] of shown.entries()) legendBox.append(el("span", {}, el("i", { style: `background:${colourOf(key, i)}` }), names[key] || key));
  if (keys.length > shown.length) legendBox.append(el("span", {}, el("i", { style: `background:${OTHERS}` }), "other"));
}

export const byType = (type) => colour(type);
export const byCountry = (_, i) => COUNTRY_COLOURS[i % COUNTRY_COLOURS.length];
