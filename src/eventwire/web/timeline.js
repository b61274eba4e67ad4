// The timeline: events per day stacked by type on a dated axis. Its range is the bulk of the data (the 1st
// to the 99th percentile of events), so one stray date cannot squeeze the rest; what falls outside is
// counted at the ends. Dragging across it sets the dates; "clear dates" undoes just that.
import { TYPES, colour, svg } from "./dom.js";

const DAY = 86400000;
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

// The days that hold the bulk of the events, as [first, last] times: within three interquartile ranges
// (and a week) of the middle half, so that a stray date from another decade is counted, not drawn.
export function bulk(days) {
  const total = days.reduce((n, [, count]) => n + count, 0);
  const at = (share) => {
    let seen = 0;
    for (const [day, count] of days) { seen += count; if (seen >= total * share) return Date.parse(day); }
    return Date.parse(days[days.length - 1][0]);
  };
  const [q1, q3] = [at(0.25), at(0.75)];
  const reach = 3 * (q3 - q1) + 7 * DAY;
  const first = Math.max(Date.parse(days[0][0]), q1 - reach);
  const last = Math.min(Date.parse(days[days.length - 1][0]), q3 + reach);
  return [Math.min(...days.map(([day]) => Date.parse(day)).filter((t) => t >= first)), last];
}

// Ticks for a span: days, Mondays, months or years, at most about eight.
export function ticks(first, last) {
  const span = (last - first) / DAY;
  const out = [];
  const start = new Date(first);
  if (span <= 10) {
    for (let t = first; t <= last; t += DAY) out.push([t, dayLabel(t)]);
  } else if (span <= 70) {
    const monday = first + ((8 - (start.getUTCDay() || 7)) % 7) * DAY;
    const every = Math.ceil(span / 7 / 8);
    for (let t = monday, i = 0; t <= last; t += 7 * DAY, i++) if (i % every === 0) out.push([t, dayLabel(t)]);
  } else if (span <= 900) {
    const every = Math.ceil(span / 30 / 8);
    let d = new Date(Date.UTC(start.getUTCFullYear(), start.getUTCMonth() + 1, 1));
    for (let i = 0; d.getTime() <= last; i++, d = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1))) {
      if (i % every === 0) out.push([d.getTime(), `${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()}`]);
    }
  } else {
    const every = Math.ceil(span / 365 / 8);
    for (let y = start.getUTCFullYear() + 1; Date.UTC(y, 0, 1) <= last; y += every) out.push([Date.UTC(y, 0, 1), String(y)]);
  }
  return out;
}

function dayLabel(t) {
  const d = new Date(t);
  return `${d.getUTCDate()} ${MONTHS[d.getUTCMonth()]}`;
}

// rows: [day, type, count]. onRange(since, until) when a range is dragged. Returns the range drawn.
export function drawTimeline(box, rows, onRange) {
  box.replaceChildren();
  const outside = document.getElementById("outliers");
  outside.textContent = "";
  if (!rows.length) return null;
  const perDay = new Map();
  for (const [day, type, count] of rows) {
    if (!perDay.has(day)) perDay.set(day, {});
    perDay.get(day)[type] = count;
  }
  const days = [...perDay.entries()].sort().map(([day, types]) => [day, Object.values(types).reduce((a, b) => a + b, 0), types]);
  const [first, last0] = bulk(days);
  const last = Math.max(last0, first + DAY);
  const width = box.clientWidth || 600, height = 96, axis = 18, plot = height - axis;
  const x = (t) => ((t - first) / (last - first + DAY)) * (width - 8) + 4;
  const inside = days.filter(([day]) => Date.parse(day) >= first && Date.parse(day) <= last);
  const before = days.filter(([day]) => Date.parse(day) < first).reduce((n, d) => n + d[1], 0);
  const after = days.filter(([day]) => Date.parse(day) > last).reduce((n, d) => n + d[1], 0);
  if (before || after) {
    const parts = [];
    if (before) parts.push(`◂ ${before} earlier (from ${days[0][0]})`);
    if (after) parts.push(`${after} later (to ${days[days.length - 1][0]}) ▸`);
    outside.textContent = `${parts.join(" · ")} not drawn`;
  }
  const most = Math.max(...inside.map((d) => d[1]), 1);
  const barWidth = Math.max(2, Math.min(12, (width - 8) / ((last - first) / DAY + 1) - 1));
  for (const [day, total, types] of inside) {
    let y = plot;
    for (const type of TYPES) {
      const count = types[type];
      if (!count) continue;
      const h = Math.max(1, (count / most) * (plot - 4));
      y -= h;
      const bar = svg("rect", { class: "bar", x: x(Date.parse(day)) - barWidth / 2, y, width: barWidth, height: h, fill: colour(type) });
      bar.append(svg("title", {}, `${day}: ${count} ${type} (${total} in all)`));
      box.append(bar);
    }
  }
  box.append(svg("line", { class: "axis", x1: 0, x2: width, y1: plot + 0.5, y2: plot + 0.5 }));
  for (const [t, text] of ticks(first, last)) {
    box.append(svg("line", { class: "tick", x1: x(t), x2: x(t), y1: plot, y2: plot + 4 }));
    const anchor = x(t) < 24 ? "start" : x(t) > width - 24 ? "end" : "middle";
    box.append(svg("text", { class: "tick-label", x: x(t), y: height - 3, "text-anchor": anchor }, text));
  }
  const brush = svg("rect", { class: "brush", y: 0, height: plot, width: 0 });
  box.append(brush);
  const dayAt = (event) => {
    const left = box.getBoundingClientRect().left;
    const t = first + ((event.clientX - left - 4) / (width - 8)) * (last - first + DAY);
    return new Date(Math.min(Math.max(t, first), last)).toISOString().slice(0, 10);
  };
  let start = null, from = null;
  box.onmousedown = (event) => { start = event.clientX; from = dayAt(event); brush.setAttribute("x", start - box.getBoundingClientRect().left); brush.setAttribute("width", 0); };
  box.onmousemove = (event) => {
    if (start === null) return;
    const left = box.getBoundingClientRect().left;
    brush.setAttribute("x", Math.min(start, event.clientX) - left);
    brush.setAttribute("width", Math.abs(event.clientX - start));
  };
  box.onmouseup = (event) => {
    if (start === null) return;
    const [a, b] = [from, dayAt(event)].sort();
    start = null;
    onRange(a, b);
  };
  return [first, last];
}
