// Review queue and access requests of the DNS Data Mesh catalog UI (loaded before app.js, whose helpers el, show,
// api, send and explain it uses at call time). Every decision is the API's: the page shows what the API answers,
// refusals included, so the UI follows exactly the rules of the API (the author never approves, reviewers only
// where the policy says).
"use strict";

const KIND_LABELS = { contract: "contract change", policy: "policy change", access: "access request",
  suppression: "suppression" };

function statusClass(status) { return "check-" + String(status || "").toLowerCase(); }

function checksTable(checks) {
  if (!checks || checks.length === 0) return el("p", { class: "muted" }, "no automated checks");
  return el("table", { class: "checks" },
    el("thead", {}, el("tr", {}, ["Check", "Result", "Detail"].map(h => el("th", {}, h)))),
    el("tbody", {}, checks.map(c => el("tr", {},
      el("td", {}, c.name), el("td", { class: statusClass(c.status) }, c.status), el("td", {}, c.detail)))));
}

function reviewsList(reviews) {
  if (!reviews || reviews.length === 0) return el("p", { class: "muted" }, "no reviews yet");
  return el("ul", {}, reviews.map(r => el("li", {}, "r" + r.revision + " ", el("strong", {}, r.verdict), " by " + r.reviewer
    + (r.capacities && r.capacities.length ? " (" + r.capacities.join(", ") + ")" : "") + (r.comment ? ": " + r.comment : ""))));
}

/**
 * The change's own document rendered for reading: the contract changelog, the policy diff, the access request, the
 * suppression (which findings, by event time, and why).
 */
async function renderDiff(item, box) {
  try {
    if (item.kind === "contract") {
      const diff = await api("/api/v1/changes/" + encodeURIComponent(item.id) + "/diff");
      box.replaceChildren(el("p", {}, el("strong", {}, (diff.fromVersion || "(none)") + " → " + diff.toVersion), " · "
        + diff.overall + " · " + diff.versionCheck), el("pre", { class: "diff" }, diff.changelog));
    } else if (item.kind === "policy") {
      const change = await api("/api/v1/policy/changes/" + encodeURIComponent(item.id));
      const s = change.summary || {};
      const lines = [];
      for (const [label, key] of [["+ domain", "domainsAdded"], ["- domain", "domainsRemoved"], ["+ principal", "principalsAdded"],
        ["- principal", "principalsRemoved"], ["~ principal", "principalsChanged"], ["+ grant", "grantsAdded"],
        ["- grant", "grantsRemoved"], ["+ mask", "maskingAdded"], ["- mask", "maskingRemoved"], ["+ row filter", "rowFiltersAdded"],
        ["- row filter", "rowFiltersRemoved"], ["+ read", "readGained"], ["- read", "readLost"]]) {
        for (const entry of s[key] || []) lines.push(label + "  " + entry);
      }
      box.replaceChildren(el("p", {}, el("strong", {}, "policy version " + change.previousVersion + " → " + change.proposedVersion)),
        el("pre", { class: "diff" }, lines.length ? lines.join("\n") : JSON.stringify(s, null, 2)));
    } else if (item.kind === "suppression") {
      const s = await api("/api/v1/suppressions/" + encodeURIComponent(item.id));
      box.replaceChildren(el("p", {}, el("strong", {}, s.proposer), " asks to keep ", el("strong", {}, s.rule === "*"
        ? "every rule's" : s.rule), " findings on ", el("strong", {}, s.caseKey), " off the alerts, by event time in [" + s.from
        + ", " + s.until + ")" + (s.active ? " — in force" : "")),
        el("pre", { class: "diff" }, s.reason),
        el("p", { class: "muted" }, "Suppressed findings are still recorded on the detections topic with this id."));
    } else {
      const request = await api("/api/v1/access-requests/" + encodeURIComponent(item.id));
      box.replaceChildren(...[el("p", {}, el("strong", {}, request.requester), " asks to read ",
        el("strong", {}, request.domain + "." + request.product), " for " + request.termText),
        el("pre", { class: "diff" }, request.purpose),
        request.grant ? el("p", {}, "Grant: " + (request.grant.inForce ? "in force until " : "ended; expired ")
          + request.grant.expiresAt + (request.grant.revokedAt ? " (revoked " + request.grant.revokedAt + ")" : "")) : null]
        .filter(Boolean));
    }
  } catch (error) {
    box.replaceChildren(explain(error));
  }
}

async function renderTrail(item, box) {
  try {
    const entries = await api("/api/v1/review-queue/" + encodeURIComponent(item.id) + "/audit");
    box.replaceChildren(entries.length === 0 ? el("p", { class: "muted" }, "no audit entries") : el("table", { class: "trail" },
      el("thead", {}, el("tr", {}, ["#", "When", "Actor", "Action", "Hash"].map(h => el("th", {}, h)))),
      el("tbody", {}, entries.map(e => el("tr", {}, el("td", {}, String(e.sequence)), el("td", {}, e.occurredAt),
        el("td", {}, e.actor), el("td", {}, e.action), el("td", {}, el("code", {}, e.hash.slice(0, 12))))))));
  } catch (error) {
    box.replaceChildren(explain(error));
  }
}

function impactOf(item) {
  const impact = (item.checks || []).filter(c => ["impact-analysis", "read-impact", "current-access", "reviewers", "overlap"]
    .includes(c.name));
  if (impact.length === 0) return el("p", { class: "muted" }, "no impact recorded");
  return el("ul", {}, impact.map(c => el("li", {}, el("span", { class: "tag " + statusClass(c.status) }, c.name), c.detail)));
}

function reviewForm(item, onDone) {
  const comment = el("textarea", { rows: 2, class: "review-comment", "aria-label": "review comment",
    placeholder: "comment (a rejection needs one)" });
  const outcome = el("div", { class: "review-outcome" });
  const decide = verdict => async () => {
    outcome.replaceChildren(el("p", { class: "muted" }, verdict === "approve" ? "Approving…" : "Rejecting…"));
    try {
      const result = await send("POST", "/api/v1/changes/" + encodeURIComponent(item.id) + "/" + verdict, { comment: comment.value });
      outcome.replaceChildren(el("p", { class: "ok", role: "status" }, (verdict === "approve" ? "Approved" : "Rejected")
        + ": now " + result.state));
      setTimeout(onDone, 600);
    } catch (error) {
      outcome.replaceChildren(explain(error));
    }
  };
  return el("div", { class: "review-form" }, comment,
    el("div", { class: "buttons" },
      el("button", { type: "button", class: "approve", onclick: decide("approve") }, "Approve"),
      el("button", { type: "button", class: "reject", onclick: decide("reject") }, "Reject")),
    outcome);
}

function queueCard(item, rerender) {
  const diff = el("div", { class: "change-diff" }, el("p", { class: "muted" }, "Loading…"));
  const trail = el("div", { class: "change-trail" }, el("p", { class: "muted" }, "Loading…"));
  renderDiff(item, diff);
  renderTrail(item, trail);
  const version = item.kind === "access" ? "for " + item.versionText : item.kind === "suppression" ? item.versionText
    : (item.previousVersion ? item.previousVersion + " → " : "") + item.version;
  return el("section", { class: "card change", "data-change": item.id, "data-kind": item.kind },
    el("h3", {}, el("span", { class: "tag kind-" + item.kind }, KIND_LABELS[item.kind] || item.kind), " ", item.subject, " ",
      el("span", { class: "muted" }, version)),
    el("p", {}, "by ", el("strong", {}, item.author), " · ", el("span", { class: "state-" + item.state }, item.state),
      " · needs " + item.needs + " · " + item.createdAt),
    item.compatibility ? el("p", {}, el("strong", {}, "Compatibility: "), el("span", { class: "compat-" + item.compatibility },
      item.compatibility), item.compatibilityReasons.length ? el("ul", {}, item.compatibilityReasons.map(r => el("li", {}, r))) : null)
      : null,
    el("h4", {}, "Automated checks"), checksTable(item.checks),
    el("h4", {}, "Impact"), impactOf(item),
    el("h4", {}, item.kind === "access" ? "Request" : item.kind === "suppression" ? "Suppression" : "Diff"), diff,
    el("h4", {}, "Reviews"), reviewsList(item.reviews),
    item.state === "SUBMITTED" ? reviewForm(item, rerender) : null,
    el("details", { class: "trail-box", open: "" }, el("summary", {}, "Audit trail"), trail));
}

async function reviewQueueView(params) {
  const state = params.get("state") || "submitted";
  const filter = el("select", { "aria-label": "state", onchange: e => { location.hash = "#/reviews?state=" + e.target.value; } },
    [["submitted", "open (submitted)"], ["approved", "approved"], ["published", "published"], ["rejected", "rejected"], ["", "all"]]
      .map(([value, label]) => { const o = el("option", { value }, label); if (value === state) o.selected = true; return o; }));
  const list = el("div", { id: "queue" }, el("p", { class: "muted" }, "Loading…"));
  show(el("h2", {}, "Review queue"), el("p", { class: "muted" }, "Contract changes, policy changes, access requests and suppressions you may see."
    + " Approving needs the rights the access policy gives you; the author of a change never approves it."), filter, list);
  try {
    const items = await api("/api/v1/review-queue" + (state ? "?state=" + encodeURIComponent(state) : ""));
    list.replaceChildren(...(items.length === 0 ? [el("p", { class: "muted", id: "queue-empty" }, "Nothing to review.")]
      : items.map(item => queueCard(item, () => { if (location.hash.startsWith("#/reviews")) reviewQueueView(params); }))));
  } catch (error) {
    list.replaceChildren(explain(error));
  }
}

async function accessView(params) {
  const form = el("form", { id: "access-form", class: "card", onsubmit: async event => {
    event.preventDefault();
    const data = Object.fromEntries(new FormData(event.target));
    outcome.replaceChildren(el("p", { class: "muted" }, "Sending…"));
    try {
      const created = await send("POST", "/api/v1/access-requests", data);
      outcome.replaceChildren(el("p", { class: "ok", role: "status" }, "Access request " + created.id + " submitted: "
        + created.state + ", waiting for a steward of " + created.domain));
      loadMine();
    } catch (error) {
      outcome.replaceChildren(explain(error));
    }
  } },
    el("h3", {}, "Ask to read a product"),
    el("label", {}, "Domain ", el("input", { name: "domain", value: params.get("domain") || "", required: "", size: 10 })),
    el("label", {}, " Product ", el("input", { name: "product", value: params.get("product") || "", required: "" })),
    el("label", {}, " For ", el("select", { name: "duration" }, [["P1D", "1 day"], ["P7D", "7 days"], ["P30D", "30 days"],
      ["P90D", "90 days"]].map(([value, label]) => el("option", { value }, label)))),
    el("label", { class: "purpose" }, "Purpose ", el("textarea", { name: "purpose", rows: 2, required: "",
      placeholder: "what you will do with the data" })),
    el("button", { type: "submit" }, "Request access"));
  const outcome = el("div", { id: "access-outcome" });
  const mine = el("div", { id: "my-requests" }, el("p", { class: "muted" }, "Loading…"));
  async function loadMine() {
    try {
      const requests = await api("/api/v1/access-requests");
      mine.replaceChildren(requests.length === 0 ? el("p", { class: "muted" }, "No access requests.") : el("table", {},
        el("thead", {}, el("tr", {}, ["Product", "Requester", "For", "State", "Grant", "Purpose"].map(h => el("th", {}, h)))),
        el("tbody", {}, requests.map(r => el("tr", { "data-request": r.id },
          el("td", {}, r.domain + "." + r.product), el("td", {}, r.requester), el("td", {}, r.termText),
          el("td", { class: "state-" + r.state }, r.state),
          el("td", {}, r.grant ? (r.grant.inForce ? "reads until " + r.grant.expiresAt : "ended " + r.grant.expiresAt) : "—"),
          el("td", {}, r.purpose))))));
    } catch (error) {
      mine.replaceChildren(explain(error));
    }
  }
  show(el("h2", {}, "Access requests"), form, outcome, el("h3", {}, "Requests you may see"), mine);
  loadMine();
}
