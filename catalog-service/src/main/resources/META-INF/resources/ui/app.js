// DNS Data Mesh catalog UI: plain JavaScript over the catalog's own REST API. Every API call sends the
// token as a Bearer header; the token lives in this tab's sessionStorage only. All text is set through
// textContent (never innerHTML), so names and descriptions cannot inject markup.
"use strict";

const TOKEN_KEY = "dnsmesh.token";
const view = document.getElementById("view");

function token() { return sessionStorage.getItem(TOKEN_KEY); }

function el(tag, attributes, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attributes || {})) {
    if (value === undefined || value === null) continue;
    if (key === "class") node.className = value;
    else if (key.startsWith("on")) node.addEventListener(key.slice(2), value);
    else node.setAttribute(key, value);
  }
  for (const child of children.flat()) {
    if (child === undefined || child === null || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

function show(...nodes) { view.replaceChildren(...nodes.flat().filter(node => node !== null && node !== undefined)); }

function errorBox(message) { return el("p", { class: "error", role: "alert" }, message); }

class ApiError extends Error {
  constructor(status, message) { super(message); this.status = status; }
}

// Each route() is a new navigation. A view's reads started under an older navigation never settle: a slow
// answer for a page the user already left cannot overwrite the newer page (the await in the old view just never
// returns, so nothing after it runs). Writes (send) always settle: their outcome belongs to the user's action.
let navigation = 0;
const abandoned = () => new Promise(() => {});

async function api(path) {
  const started = navigation;
  const headers = { Accept: "application/json" };
  if (token()) headers.Authorization = "Bearer " + token();
  let response;
  try {
    response = await fetch(path, { headers });
  } catch (error) {
    if (started !== navigation) return abandoned();
    throw error;
  }
  const text = await response.text();
  if (started !== navigation) return abandoned();
  let body = null;
  try { body = text ? JSON.parse(text) : null; } catch (e) { body = null; }
  if (!response.ok) {
    const message = body && body.error && body.error.message ? body.error.message : (response.statusText || "request failed");
    throw new ApiError(response.status, response.status + ": " + message);
  }
  return body;
}

/** A call with a JSON body (approve, reject, request access); errors as for api(). */
async function send(method, path, body) {
  const headers = { Accept: "application/json", "Content-Type": "application/json" };
  if (token()) headers.Authorization = "Bearer " + token();
  const response = await fetch(path, { method, headers, body: JSON.stringify(body || {}) });
  const text = await response.text();
  let parsed = null;
  try { parsed = text ? JSON.parse(text) : null; } catch (e) { parsed = null; }
  if (!response.ok) {
    const message = parsed && parsed.error && parsed.error.message ? parsed.error.message : (response.statusText || "request failed");
    throw new ApiError(response.status, response.status + ": " + message);
  }
  return parsed;
}

function explain(error) {
  if (error instanceof ApiError && error.status === 401) {
    return errorBox("Not signed in (401: " + error.message.replace(/^401: /, "") + "): paste a token above (./mesh token <principal>)" + (devTokens ? " or use the dev login." : "."));
  }
  return errorBox(error.message);
}

// ---- identity

let devTokens = false;

function claims(jwt) {
  try {
    const payload = jwt.split(".")[1].replace(/-/g, "+").replace(/_/g, "/");
    return JSON.parse(atob(payload));
  } catch (e) {
    return null;
  }
}

function renderIdentity() {
  const who = document.getElementById("whoami");
  const current = token() ? claims(token()) : null;
  who.textContent = current
    ? "signed in as " + current.sub + " (" + (current.groups || []).join(", ")
      + ((current.domains || []).length ? " of " + current.domains.join(", ") : "") + ")"
    : (token() ? "token set" : "not signed in");
  document.getElementById("sign-out").hidden = !token();
}

function useToken(value) {
  if (value) sessionStorage.setItem(TOKEN_KEY, value.trim()); else sessionStorage.removeItem(TOKEN_KEY);
  renderIdentity();
  route();
}

async function setUpDevLogin() {
  try {
    // off unless the operator turned it on (mesh up --dev-login): then it needs the one-time bootstrap secret
    const response = await fetch("/api/v1/auth/login-options", { headers: { Accept: "application/json" } });
    if (!response.ok) return;
    const options = await response.json();
    if (!options.devLogin) return;
    devTokens = true;
    document.getElementById("dev-login").hidden = false;
  } catch (e) {
    // no dev login; pasting still works
  }
}

async function fetchDevToken() {
  const principal = document.getElementById("dev-principal").value.trim();
  const secretInput = document.getElementById("dev-secret");
  const response = await fetch("/api/v1/auth/dev-token", {
    method: "POST", headers: { "Content-Type": "application/json", Accept: "application/json" },
    body: JSON.stringify({ principal, bootstrapSecret: secretInput.value.trim() }),
  });
  secretInput.value = "";
  const body = await response.json();
  if (!response.ok) { show(errorBox("Dev token refused: " + (body.error ? body.error.message : response.status))); return; }
  useToken(body.access_token);
}

// ---- views

async function searchView(params) {
  const q = params.get("q") || "";
  const domain = params.get("domain") || "";
  const status = params.get("status") || "";
  const form = el("form", { class: "search", role: "search", onsubmit: event => {
    event.preventDefault();
    const data = new URLSearchParams();
    for (const [key, value] of new FormData(event.target)) if (value) data.set(key, value);
    location.hash = "#/search?" + data.toString();
  } },
    el("input", { name: "q", value: q, placeholder: "search names, descriptions, tags, columns", "aria-label": "search text" }),
    el("input", { name: "domain", value: domain, placeholder: "domain", size: 8, "aria-label": "domain" }),
    el("select", { name: "status", "aria-label": "status" },
      ["", "draft", "active", "deprecated", "retired"].map(s => {
        const option = el("option", { value: s }, s || "any status");
        if (s === status) option.selected = true;
        return option;
      })),
    el("button", { type: "submit" }, "Search"));
  const results = el("div", { id: "results" }, el("p", { class: "muted" }, "Searching…"));
  show(el("h2", {}, "Data products"), form, results);
  const query = new URLSearchParams({ limit: "100" });
  if (q) query.set("q", q);
  if (domain) query.set("domain", domain);
  if (status) query.set("status", status);
  try {
    const products = await api("/api/v1/products?" + query);
    results.replaceChildren(products.length === 0
      ? el("p", { class: "muted" }, "No product matches.")
      : el("table", {},
        el("thead", {}, el("tr", {}, ["Product", "Domain", "Status", "Owner", "Description", "Tags"].map(h => el("th", {}, h)))),
        el("tbody", {}, products.map(p => el("tr", {},
          el("td", {}, el("a", { href: "#/product/" + encodeURIComponent(p.domain) + "/" + encodeURIComponent(p.name) }, p.name)),
          el("td", {}, p.domain),
          el("td", { class: "status-" + p.status }, p.status),
          el("td", {}, p.ownerTeam),
          el("td", {}, p.description),
          el("td", {}, (p.tags || []).map(t => el("span", { class: "tag" }, t))))))));
  } catch (error) {
    results.replaceChildren(explain(error));
  }
}

async function domainsView() {
  show(el("h2", {}, "Domains"), el("p", { class: "muted" }, "Loading…"));
  try {
    const domains = await api("/api/v1/domains");
    show(el("h2", {}, "Domains"), el("table", {},
      el("thead", {}, el("tr", {}, ["Domain", "Owner team", "Description", "Warehouse", ""].map(h => el("th", {}, h)))),
      el("tbody", {}, domains.map(d => el("tr", {},
        el("td", {}, d.name), el("td", {}, d.ownerTeam), el("td", {}, d.description),
        el("td", {}, el("code", {}, d.warehouse)),
        el("td", {}, el("a", { href: "#/search?domain=" + encodeURIComponent(d.name) }, "products")))))));
  } catch (error) {
    show(el("h2", {}, "Domains"), explain(error));
  }
}

/** Nodes reachable from the root against (upstream) or along (downstream) the producer -> consumer edges. */
function reachable(graph, upstream) {
  const seen = new Set([graph.root]);
  const found = [];
  const queue = [graph.root];
  while (queue.length) {
    const current = queue.shift();
    for (const edge of graph.edges) {
      const [from, to] = upstream ? [edge.to, edge.from] : [edge.from, edge.to];
      if (from === current && !seen.has(to)) { seen.add(to); found.push(to); queue.push(to); }
    }
  }
  return found.map(id => graph.nodes.find(n => n.id === id) || { id, type: "?", namespace: "", name: id });
}

/**
 * The lineage graph drawn with ECharts (a maintained library, not hand-made SVG): the root in the middle,
 * upstream nodes to its left and downstream to its right, one column per hop, edges as arrows.
 */
function lineageChart(graph) {
  const box = el("div", { class: "lineage-graph", "data-root": graph.root });
  if (typeof echarts === "undefined") return box; // the library did not load: the lists below still say it all
  const depth = new Map([[graph.root, 0]]);
  for (const [upstream, sign] of [[true, -1], [false, 1]]) {
    const queue = [graph.root];
    while (queue.length) {
      const current = queue.shift();
      for (const edge of graph.edges) {
        const [from, to] = upstream ? [edge.to, edge.from] : [edge.from, edge.to];
        if (from === current && !depth.has(to)) { depth.set(to, depth.get(current) + sign); queue.push(to); }
      }
    }
  }
  const rows = new Map();
  const label = id => { const n = graph.nodes.find(node => node.id === id); return n ? n.namespace + ":" + n.name : id; };
  const data = [...depth.entries()].map(([id, d]) => {
    const row = rows.get(d) || 0;
    rows.set(d, row + 1);
    const node = graph.nodes.find(n => n.id === id) || { type: "?" };
    return { id, name: label(id), x: d * 240, y: row * 70, value: node.type,
      symbol: node.type === "job" ? "roundRect" : "circle", symbolSize: id === graph.root ? 22 : 16,
      itemStyle: { color: id === graph.root ? "#1f5fa8" : node.type === "job" ? "#b7791f" : "#5f6b7a" } };
  });
  const links = graph.edges.filter(e => depth.has(e.from) && depth.has(e.to)).map(e => ({ source: e.from, target: e.to }));
  box.style.height = Math.max(160, 70 * Math.max(...rows.values()) + 60) + "px";
  requestAnimationFrame(() => {
    const chart = echarts.init(box, null, { renderer: "canvas" });
    chart.setOption({
      animation: false,
      tooltip: { formatter: p => p.dataType === "node" ? p.data.value + " " + p.data.name : "" },
      series: [{ type: "graph", layout: "none", roam: true, data, links, edgeSymbol: ["none", "arrow"],
        edgeSymbolSize: 8, label: { show: true, position: "bottom", fontSize: 11 },
        lineStyle: { color: "#8a96a3", width: 1.5, curveness: 0.1 } }]
    });
  });
  return box;
}

function nodeList(nodes) {
  if (nodes.length === 0) return el("p", { class: "muted" }, "none recorded");
  return el("ul", {}, nodes.map(n => el("li", {}, el("span", { class: "tag" }, n.type), n.namespace + ":" + n.name)));
}

function kv(map) {
  const entries = Object.entries(map || {});
  if (entries.length === 0) return el("p", { class: "muted" }, "none");
  return el("table", {}, el("tbody", {}, entries.map(([k, v]) =>
    el("tr", {}, el("th", {}, k), el("td", {}, typeof v === "object" ? JSON.stringify(v) : String(v))))));
}

async function productView(domain, name) {
  show(el("h2", {}, domain + "." + name), el("p", { class: "muted" }, "Loading…"));
  let page;
  try {
    page = await api("/api/v1/products/" + encodeURIComponent(domain) + "/" + encodeURIComponent(name) + "?depth=3");
  } catch (error) {
    show(el("h2", {}, domain + "." + name), explain(error), error instanceof ApiError && error.status === 403
      ? el("p", {}, el("a", { href: "#/access?domain=" + encodeURIComponent(domain) + "&product=" + encodeURIComponent(name) },
        "Request access to " + domain + "." + name)) : null);
    return;
  }
  const p = page.product;
  const contract = el("div", { id: "contract" });
  const openContract = async version => {
    contract.replaceChildren(el("p", { class: "muted" }, "Loading contract " + version + "…"));
    try {
      const c = await api("/api/v1/products/" + encodeURIComponent(domain) + "/" + encodeURIComponent(name)
        + "/contracts/" + encodeURIComponent(version));
      contract.replaceChildren(el("h4", {}, "Contract " + c.version + " as published"), el("pre", {}, c.document));
    } catch (error) {
      contract.replaceChildren(explain(error));
    }
  };
  const base = "/api/v1/products/" + encodeURIComponent(domain) + "/" + encodeURIComponent(name);
  const seen = el("div", { id: "consumer-view" }, el("p", { class: "muted" }, "Asking the policy what you see…"));
  const quality = el("div", { id: "quality" }, el("p", { class: "muted" }, "Loading the quality monitor's results…"));
  show(
    el("h2", {}, p.domain + "." + p.name, " ", el("span", { class: "status-" + p.status }, "(" + p.status + ")")),
    el("p", {}, p.description, " ", el("a", { href: "#/access?domain=" + encodeURIComponent(p.domain) + "&product="
      + encodeURIComponent(p.name) }, "Request access")),
    el("div", { class: "card" },
      el("p", {}, el("strong", {}, "Owner: "), p.ownerTeam || "—", p.ownerContact ? " · " + p.ownerContact : ""),
      el("p", {}, el("strong", {}, "Classification: "), p.classification, " · ", el("strong", {}, "Quality: "),
        el("span", { class: "status-" + page.qualityStatus }, page.qualityStatus)),
      el("p", {}, (p.tags || []).map(t => el("span", { class: "tag" }, t))),
      p.inputPorts && p.inputPorts.length ? el("p", {}, el("strong", {}, "Input ports: "), p.inputPorts.join(", ")) : null),
    el("h3", {}, "Schema and what you see"), seen,
    el("h3", {}, "SLA"), slaSection(p.sla),
    el("h3", {}, "Quality"), quality,
    el("h3", {}, "Contract versions"),
    page.contracts.length === 0 ? el("p", { class: "muted" }, "No contract published yet.") : el("table", {},
      el("thead", {}, el("tr", {}, ["Version", "Status", "Fingerprint", "Published by", "At"].map(h => el("th", {}, h)))),
      el("tbody", {}, page.contracts.map(c => el("tr", {},
        el("td", {}, el("a", { href: "#", onclick: e => { e.preventDefault(); openContract(c.version); } }, c.version)),
        el("td", {}, (c.status || "active") + (c.sunset ? (c.status === "retired" ? " since " : " until ") + c.sunset : "")),
        el("td", {}, el("code", {}, c.fingerprint)), el("td", {}, c.publishedBy), el("td", {}, c.publishedAt))))),
    versionDiff(p.domain, p.name, page.contracts),
    contract,
    el("h3", {}, "Output tables"),
    page.outputTables.length === 0 ? el("p", { class: "muted" }, "No output ports registered.") : el("table", {},
      el("thead", {}, el("tr", {}, ["Table", "Current snapshot", "Committed", "Records", "Quality"].map(h => el("th", {}, h)))),
      el("tbody", {}, page.outputTables.map(t => el("tr", {},
        el("td", {}, el("code", {}, p.domain + "." + t.namespace + "." + t.table), t.error ? el("div", { class: "error" }, t.error) : null),
        el("td", {}, t.currentSnapshotId === null ? "none yet" : String(t.currentSnapshotId)),
        el("td", {}, t.snapshotTime || "—"),
        el("td", {}, (t.snapshotSummary || {})["total-records"] || "—"),
        el("td", { class: "status-" + t.qualityStatus }, t.qualityStatus))))),
    el("h3", {}, "Lineage"),
    page.lineage.length === 0 ? el("p", { class: "muted" }, "No output tables, so no lineage.") :
      page.lineage.map(graph => el("div", { class: "card" },
        el("p", {}, el("strong", {}, graph.root)),
        lineageChart(graph),
        el("div", { class: "columns" },
          el("div", {}, el("h4", {}, "Upstream"), nodeList(reachable(graph, true))),
          el("div", {}, el("h4", {}, "Downstream"), nodeList(reachable(graph, false)))))));
  await Promise.all([fill(seen, base + "/view", visibilitySection), fill(quality, base + "/quality?days=7", qualitySection)]);
}

// ---- routing: #/search?q=..., #/domains, #/product/<domain>/<name>, #/reviews?state=..., #/access (review.js)

function route() {
  navigation++;
  const hash = location.hash || "#/search";
  const [path, query] = hash.slice(1).split("?");
  const parts = path.split("/").filter(Boolean).map(decodeURIComponent);
  if (parts[0] === "domains") return domainsView();
  if (parts[0] === "reviews") return reviewQueueView(new URLSearchParams(query || ""));
  if (parts[0] === "access") return accessView(new URLSearchParams(query || ""));
  if (parts[0] === "product" && parts.length === 3) return productView(parts[1], parts[2]);
  return searchView(new URLSearchParams(query || ""));
}

document.getElementById("token-form").addEventListener("submit", event => {
  event.preventDefault();
  const input = document.getElementById("token-input");
  if (input.value.trim()) useToken(input.value);
  input.value = "";
});
document.getElementById("dev-token-button").addEventListener("click", fetchDevToken);
document.getElementById("sign-out").addEventListener("click", () => useToken(null));
window.addEventListener("hashchange", route);

renderIdentity();
setUpDevLogin();
route();
