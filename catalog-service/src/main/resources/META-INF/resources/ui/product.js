// The consumer's sections of the product page (loaded before app.js, uses its el/api/explain): what the signed-in
// principal sees per column (decided by the server's policy decision point, only drawn here), the SLA in human
// units with its compliance, quality trends drawn with ECharts, the sample query, and a diff of two versions.
"use strict";

const DURATION = /^P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d+)?)S)?)?$/;

/** An ISO-8601 duration (PT1H, P30D, PT90M) in words ("1 hour", "30 days", "1 hour 30 minutes"); anything else as is. */
function humanDuration(value) {
  const match = typeof value === "string" ? DURATION.exec(value) : null;
  if (!match || value === "P" || value === "PT") return typeof value === "object" ? JSON.stringify(value) : String(value);
  const units = ["year", "month", "week", "day", "hour", "minute", "second"];
  const parts = [];
  match.slice(1).forEach((n, i) => { if (n && Number(n) !== 0) parts.push(n + " " + units[i] + (Number(n) === 1 ? "" : "s")); });
  return parts.length ? parts.join(" ") : "0 seconds";
}

function slaSection(sla) {
  const entries = Object.entries(sla || {});
  if (entries.length === 0) return el("p", { class: "muted" }, "No SLA declared.");
  return el("table", { class: "sla" }, el("tbody", {}, entries.map(([key, value]) =>
    el("tr", {}, el("th", {}, key), el("td", {}, humanDuration(value),
      typeof value === "string" && DURATION.test(value) ? el("span", { class: "muted" }, " (" + value + ")") : null)))));
}

/** Per table: every column with its classification and how this principal sees it; row filters; a query to copy. */
function visibilitySection(view) {
  if (view.tables.length === 0) return el("p", { class: "muted" }, "No output tables.");
  return view.tables.map(t => el("div", { class: "card table-view", "data-table": t.trinoTable, "data-access": t.access },
    el("p", {}, el("code", {}, t.trinoTable), " · ", t.access === "read"
      ? el("span", { class: "ok" }, "you may read it") : el("span", { class: "error" }, "denied: " + t.reason)),
    t.columns.length === 0 ? el("p", { class: "muted" }, "No classified contract for this table yet.") : el("table", { class: "schema" },
      el("thead", {}, el("tr", {}, ["Column", "Type", "Classification", "Tags", "You see"].map(h => el("th", {}, h)))),
      el("tbody", {}, t.columns.map(c => el("tr", { "data-column": c.name, "data-visibility": c.visibility },
        el("td", {}, el("code", {}, c.name)), el("td", {}, c.type), el("td", { class: "class-" + c.classification }, c.classification),
        el("td", {}, c.tags.map(tag => el("span", { class: "tag" }, tag))),
        el("td", { class: "vis-" + c.visibility, title: c.maskExpression || "" },
          c.visibility === "masked" ? "masked (" + c.mask + ")" : c.visibility))))),
    t.access !== "read" ? null : el("p", {}, el("strong", {}, "Rows: "), t.rowFilters.length === 0
      ? "all rows" : el("span", { class: "row-filter" }, "only rows where " + t.rowFilters.join(" AND "))),
    t.sampleQuery ? sampleQuery(t.sampleQuery) : null));
}

function sampleQuery(sql) {
  const status = el("span", { class: "muted" });
  return el("div", { class: "sample" },
    el("p", {}, el("strong", {}, "Sample federated query"), " (run it with ", el("code", {}, "./mesh sql"), ") ",
      el("button", { type: "button", class: "copy", onclick: async () => {
        try { await navigator.clipboard.writeText(sql); status.textContent = "copied"; }
        catch (e) { status.textContent = "select the text to copy it"; }
      } }, "Copy"), " ", status),
    el("pre", { class: "sample-query" }, sql));
}

/** One ECharts line chart over time; series: [{name, points: [[time, value]], ...extra}]. */
function trendChart(check, title, unit, series) {
  const box = el("div", { class: "trend-chart", "data-check": check });
  if (typeof echarts === "undefined") return box;
  requestAnimationFrame(() => {
    const chart = echarts.init(box, null, { renderer: "canvas" });
    chart.setOption({
      animation: false,
      title: { text: title, left: 0, textStyle: { fontSize: 13, fontWeight: 600 } },
      tooltip: { trigger: "axis" },
      legend: { top: 0, right: 0, data: series.filter(s => !s.hideFromLegend).map(s => s.name) },
      grid: { left: 56, right: 16, top: 36, bottom: 28 },
      xAxis: { type: "time" },
      yAxis: { type: "value", name: unit, nameTextStyle: { fontSize: 11 } },
      series: series.map(s => Object.assign({ type: "line", showSymbol: true, symbolSize: 5, data: s.points }, s.options || {},
        { name: s.name })),
    });
  });
  return box;
}

function point(p, key, scale) {
  const value = p.measurements[key];
  return [p.hour, value === undefined || value === null ? null : value * (scale || 1)];
}

function qualityCharts(table, checks) {
  const charts = [];
  const volume = checks.volume || [];
  if (volume.length) {
    const lower = volume.map(p => point(p, "band_lower"));
    const width = volume.map(p => [p.hour, p.measurements.band_upper === undefined ? null
      : p.measurements.band_upper - (p.measurements.band_lower || 0)]);
    charts.push(trendChart("volume", "Volume: records added per interval, median ± k·MAD band", "records", [
      { name: "band low", hideFromLegend: true, points: lower, options: { stack: "band", symbol: "none", lineStyle: { opacity: 0 } } },
      { name: "band", points: width, options: { stack: "band", symbol: "none", lineStyle: { opacity: 0 },
        areaStyle: { color: "rgba(31,95,168,0.15)" } } },
      { name: "median", points: volume.map(p => point(p, "expected_records")), options: { symbol: "none",
        lineStyle: { type: "dashed", color: "#5f6b7a" } } },
      { name: "added", points: volume.map(p => point(p, "added_records")), options: { color: "#1f5fa8" } },
    ]));
  }
  const freshness = checks.freshness || [];
  if (freshness.length) {
    charts.push(trendChart("freshness", "Freshness lag: minutes since the last commit", "minutes", [
      { name: "commit age", points: freshness.map(p => point(p, "commit_age_seconds", 1 / 60)), options: { color: "#b7791f" } },
      { name: "newest event age", points: freshness.map(p => point(p, "event_age_seconds", 1 / 60)), options: { color: "#5f6b7a" } },
    ]));
  }
  const drift = checks.record_drift || [];
  if (drift.length) {
    charts.push(trendChart("record_drift", "Record drift: share of records quarantined", "%", [
      { name: "quarantined", points: drift.map(p => point(p, "quarantine_rate", 100)), options: { color: "#b42318" } },
    ]));
  }
  return el("div", { class: "card", "data-quality-table": table }, el("p", {}, el("code", {}, table)),
    charts.length ? charts : el("p", { class: "muted" }, "No volume, freshness or drift results in the window."));
}

function qualitySection(trends) {
  if (!trends.monitorResults) {
    return [el("p", { class: "muted" }, "The quality monitor has stored no results in this mesh's database yet.")];
  }
  const compliance = trends.compliance.length === 0 ? el("p", { class: "muted" }, "No check ran in the window.") :
    el("table", { class: "compliance" },
      el("thead", {}, el("tr", {}, ["Table", "Check", "Hours within SLA", "By day (UTC)"].map(h => el("th", {}, h)))),
      el("tbody", {}, trends.compliance.map(c => el("tr", { "data-check": c.check },
        el("td", {}, el("code", {}, c.table)), el("td", {}, c.check),
        el("td", { class: c.percentInSla === 100 ? "ok" : "check-warning" },
          c.percentInSla === null ? "not observed" : c.percentInSla + " % (" + c.hoursInSla + " of " + c.observedHours + " h)"),
        el("td", {}, c.days.map(d => el("span", { class: "tag" }, d.day + ": " + d.hoursInSla + "/" + d.observedHours)))))));
  const alerts = trends.openAlerts.length === 0 ? el("p", { class: "ok open-alerts" }, "No open alerts.") :
    el("ul", { class: "open-alerts" }, trends.openAlerts.map(a => el("li", { class: "error" },
      el("strong", {}, a.check), " on ", el("code", {}, a.table), " since " + a.openedAt + ": " + a.summary)));
  return [el("h4", {}, "SLA compliance (last " + Math.round((Date.parse(trends.to) - Date.parse(trends.from)) / 86400000) + " days)"),
    compliance, el("h4", {}, "Open alerts"), alerts, el("h4", {}, "Trends"),
    trends.tables.length ? trends.tables.map(t => qualityCharts(t.table, t.checks)) : el("p", { class: "muted" }, "No results.")];
}

/** Two selects of published versions and the rendered diff between them (the review's checker, on the server). */
function versionDiff(domain, name, contracts) {
  if (contracts.length < 2) return null;
  const versions = contracts.map(c => c.version);
  const pick = (label, chosen) => el("select", { "aria-label": label, name: label },
    versions.map(v => { const o = el("option", { value: v }, v); if (v === chosen) o.selected = true; return o; }));
  const from = pick("from", versions[versions.length - 2]);
  const to = pick("to", versions[versions.length - 1]);
  const out = el("div", { class: "version-diff" });
  const render = async () => {
    out.replaceChildren(el("p", { class: "muted" }, "Comparing…"));
    try {
      const d = await api("/api/v1/products/" + encodeURIComponent(domain) + "/" + encodeURIComponent(name)
        + "/diff?from=" + encodeURIComponent(from.value) + "&to=" + encodeURIComponent(to.value));
      out.replaceChildren(
        el("p", {}, el("strong", {}, d.fromVersion + " → " + d.toVersion), " · ", el("span", { class: "compat-" + d.overall }, d.overall),
          " · " + d.versionCheck),
        d.changes.length === 0 ? el("p", { class: "muted" }, "No schema or contract change.") : el("table", {},
          el("thead", {}, el("tr", {}, ["Class", "Element", "Reason"].map(h => el("th", {}, h)))),
          el("tbody", {}, d.changes.map(c => el("tr", {}, el("td", { class: "compat-" + c.changeClass }, c.changeClass),
            el("td", {}, el("code", {}, c.element)), el("td", {}, c.reason))))),
        el("pre", { class: "diff" }, d.changelog));
    } catch (error) {
      out.replaceChildren(explain(error));
    }
  };
  return el("div", { class: "card" }, el("form", { class: "search", onsubmit: e => { e.preventDefault(); render(); } },
    el("label", {}, "Compare ", from), el("label", {}, " with ", to), el("button", { type: "submit" }, "Show diff")), out);
}

/** Fills a placeholder when its read answers; a failed read says why in place (the rest of the page stays). */
async function fill(box, path, render) {
  try {
    const body = await api(path);
    box.replaceChildren(...[render(body)].flat(Infinity).filter(n => n !== null && n !== undefined));
  } catch (error) {
    box.replaceChildren(explain(error));
  }
}
