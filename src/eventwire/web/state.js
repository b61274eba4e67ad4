// The view's state, and the page's URL that holds it: filters, list, map view and selection, so that a
// view can be shared and a new page restores it.
export const DEFAULTS = {
  view: "happenings", q: "", type: "", country: "", actor: "", since: "", until: "", offset: 0,
  inmap: "", bbox: "", at: "", open: "", event: "",
};
export const state = { ...DEFAULTS };
const FILTERS = ["since", "until", "type", "country", "actor", "q"];

export function readUrl() {
  const params = new URLSearchParams(window.location.search);
  for (const key of Object.keys(DEFAULTS)) {
    if (!params.has(key)) continue;
    state[key] = key === "offset" ? Math.max(0, Number(params.get(key)) || 0) : params.get(key);
  }
}

export function writeUrl() {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(state)) {
    if (value !== DEFAULTS[key] && value !== "" && (key !== "bbox" || state.inmap)) params.set(key, value);
  }
  const search = params.toString();
  window.history.replaceState(null, "", search ? `?${search}` : window.location.pathname);
}

// The API's filters for the current view, with more parameters.
export function filterQuery(extra = {}) {
  const params = new URLSearchParams();
  for (const key of FILTERS) if (state[key]) params.set(key, state[key]);
  if (state.inmap && state.bbox) params.set("bbox", state.bbox);
  for (const [key, value] of Object.entries(extra)) params.set(key, value);
  return params.toString();
}
