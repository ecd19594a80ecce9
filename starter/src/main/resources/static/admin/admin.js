"use strict";
// The merchant's admin page over the admin API (SPEC §5, §11, §12). No framework, no build step:
// one file, views switched by the URL's hash (#/customers, #/customer/1001, #/activity,
// #/attention, #/rewards, #/settings), every API error's message shown where the action was.
const $ = (id) => document.getElementById(id);
const esc = (s) => String(s ?? "").replace(/[&<>"']/g, c => ({"&":"&amp;","<":"&lt;",">":"&gt;",'"':"&quot;","'":"&#39;"}[c]));
const when = (iso) => iso ? new Date(iso).toLocaleString() : "";
const day = (iso) => iso ? new Date(iso).toLocaleDateString() : "";
const signed = (n) => n == null ? "" : (n > 0 ? "+" : "") + n;
const sleep = (ms) => new Promise(r => setTimeout(r, ms));

// The admin token is typed in by the admin and kept for this browser tab only (sessionStorage);
// the page itself never contains one and never pre-fills it.
const session = {
  get shop() { return sessionStorage.getItem("pointsaga.shop") || ""; },
  get token() { return sessionStorage.getItem("pointsaga.token") || ""; },
  signIn(shop, token) { sessionStorage.setItem("pointsaga.shop", shop); sessionStorage.setItem("pointsaga.token", token); },
  signOut() { sessionStorage.removeItem("pointsaga.shop"); sessionStorage.removeItem("pointsaga.token"); },
};
const base = () => `/api/v1/shops/${encodeURIComponent(session.shop)}`;
const config = { temporalUiUrl: null, namespace: "default" };

// ---- words for the API's codes -------------------------------------------------------------
const humanize = (code) => {
  const s = String(code ?? "").toLowerCase().replace(/[_/]+/g, " ").trim();
  return s ? s[0].toUpperCase() + s.slice(1) : "";
};
const label = (table, code) => table[code] || humanize(code);
const ENTRY_KINDS = {
  EARN: "Points earned", REDEEM: "Reward redeemed", REDEMPTION_REFUND: "Redemption refunded",
  REDEMPTION_REVERSAL: "Redemption reversed", REFUND_CLAWBACK: "Points taken back (refund)",
  VOID_CLAWBACK: "Points taken back (void)", CANCEL_CLAWBACK: "Points taken back (cancelled order)",
  COUPON_POINTS_RESTORED: "Coupon points given back", EDIT_CLAWBACK: "Points taken back (order edited)", MANUAL_ADJUSTMENT: "Manual adjustment",
  EXPIRY: "Points expired",
};
const REDEMPTION_STATUSES = {
  PENDING: "Creating coupon", ISSUED: "Coupon issued", FAILED: "Coupon not created, points returned",
  REFUNDED: "Points refunded", NEEDS_FOLLOW_UP: "Needs follow-up",
};
const OUTCOMES = {
  CANCELLED: "Cancelled: coupon revoked, points refunded",
  REWARD_MISSING: "The reward no longer exists", REWARD_USED: "The coupon was already used",
  REWARD_UNTRACKED: "The platform does not know this coupon", ALREADY_REFUNDED: "Already refunded",
  POINTS_REFUNDED_REWARD_KEPT: "Points refunded, coupon left as it is",
  POINTS_REFUNDED_REWARD_USED: "Points refunded, the discount stays used",
  POINTS_REFUNDED_REWARD_UNTRACKED: "Points refunded, the coupon's fate unknown",
  REDEMPTION_PENDING: "The coupon is still being created", PLATFORM_FAILED: "The platform could not be reached or refused",
  NEEDS_FOLLOW_UP: "Coupon revoked but points not credited: needs follow-up",
};
// Outcomes where the points may still be given back when the admin confirms (SPEC §4).
const NEEDS_CONFIRMATION = new Set(["REWARD_USED", "REWARD_UNTRACKED", "REWARD_MISSING"]);
const ATTENTION_KINDS = {
  REDEMPTION_NEEDS_FOLLOW_UP: "Redemption needs follow-up", REDEMPTION_PLATFORM_FAILED: "Platform failed a redemption",
  ORDER_EVENT_FAILED: "Order event failed", WEBHOOK_REJECTED: "Webhook rejected",
  DELIVERY_STUCK: "Webhook not applied", SUBSCRIPTION_MISSING: "Webhook subscription missing",
  RECONCILIATION_FAILED: "Reconciliation failed",
};

// ---- talking to the API --------------------------------------------------------------------
class ApiError extends Error {
  constructor(status, message) { super(message); this.status = status; }
}

async function api(method, path, body, headers) {
  if (!session.token) throw new ApiError(401, "Sign in with the shop's domain and admin token first.");
  let res;
  try {
    res = await fetch(base() + path, {
      method,
      headers: Object.assign({ "Authorization": "Bearer " + session.token, "Content-Type": "application/json" }, headers || {}),
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch (e) {
    throw new ApiError(0, "The service cannot be reached: " + e.message);
  }
  const text = await res.text();
  let data = null;
  try { data = text ? JSON.parse(text) : null; } catch (e) { data = null; }
  if (!res.ok) {
    const message = (data && data.message) || `${res.status} ${res.statusText || "error"}`;
    if (res.status === 401) showSignedOut("Your admin token was not accepted: " + message);
    throw new ApiError(res.status, message);
  }
  return { status: res.status, data };
}

function showError(target, e) {
  const el = target ? $(target) : $("error");
  el.hidden = false;
  el.classList.add("message", "error");
  el.textContent = e.message || String(e);
}
function clearError(target) { const el = $(target); el.hidden = true; el.textContent = ""; }
function say(target, text, kind) {
  const el = $(target);
  el.hidden = false;
  el.className = "message" + (kind ? " " + kind : "");
  el.textContent = text;
}

function workflowLink(workflowId) {
  if (!workflowId || !config.temporalUiUrl) return "";
  const url = `${config.temporalUiUrl.replace(/\/$/, "")}/namespaces/${encodeURIComponent(config.namespace)}/workflows/${encodeURIComponent(workflowId)}`;
  return ` <a class="saga" href="${esc(url)}" target="_blank" rel="noopener">saga in Temporal</a>`;
}

// ---- session -------------------------------------------------------------------------------
function showSignedOut(message) {
  session.signOut();
  render();
  if (message) showError("error", new Error(message));
}

function showSession() {
  const signedIn = Boolean(session.token);
  $("signIn").hidden = signedIn;
  $("signedIn").hidden = !signedIn;
  $("nav").hidden = !signedIn;
  $("welcome").hidden = signedIn;
  $("signedInShop").textContent = signedIn ? "Signed in to " + session.shop : "";
}

// ---- views -----------------------------------------------------------------------------------
const views = { customers: showCustomers, customer: showCustomer, activity: showShopActivity,
  attention: showAttention, rewards: showRewards, settings: showSettings };

function route() {
  const parts = location.hash.replace(/^#\/?/, "").split("/");
  const name = views[parts[0]] ? parts[0] : "customers";
  return { name, arg: parts.slice(1).map(decodeURIComponent).join("/") };
}

function render() {
  showSession();
  clearError("error");
  document.querySelectorAll("[data-view-section]").forEach(s => { s.hidden = true; });
  if (!session.token) return;
  const { name, arg } = route();
  document.querySelectorAll("#nav a").forEach(a => a.classList.toggle("current", a.dataset.view === name
    || (name === "customer" && a.dataset.view === "customers")));
  document.querySelector(`[data-view-section="${name}"]`).hidden = false;
  views[name](arg);
  refreshAttentionCount();
}

// Customers: list and search, a keyset page at a time
let customerAfter = null;
async function showCustomers() { await loadCustomers(false); }
async function loadCustomers(more) {
  const query = $("customerQuery").value.trim();
  const params = new URLSearchParams({ limit: "25" });
  if (query) params.set("query", query);
  if (more && customerAfter) params.set("after", customerAfter);
  try {
    const { data } = await api("GET", "/customers?" + params);
    customerAfter = data.nextAfter;
    $("customerMore").hidden = !data.nextAfter;
    const rows = data.customers.map(c => `<tr>
        <td><a href="#/customer/${encodeURIComponent(c.customerId)}">${esc(c.customerId)}</a></td>
        <td class="num">${c.pointsBalance}</td><td>${esc(c.vipTier || "")}</td><td class="muted">${esc(day(c.createdAt))}</td></tr>`).join("");
    const table = $("customerList").querySelector("tbody");
    if (more && table) { table.insertAdjacentHTML("beforeend", rows); return; }
    $("customerList").innerHTML = data.customers.length
      ? `<table><thead><tr><th>Customer</th><th class="num">Points</th><th>VIP tier</th><th>Since</th></tr></thead><tbody>${rows}</tbody></table>`
      : `<p class="muted">${query ? "No customer id contains “" + esc(query) + "”." : "No customers yet."}</p>`;
  } catch (e) { showError("customerList", e); }
}

// Customer profile: balance, adjustments, redemptions, activity
let customerId = null;
let customerBefore = null;
let redemptionToOpen = null; // a deep link's redemption, opened once its customer's view is shown
async function showCustomer(id) {
  customerId = id;
  $("customerTitle").textContent = id;
  $("adjustResult").hidden = true;
  $("redemptionPanel").hidden = true;
  $("customerActivity").innerHTML = "";
  await Promise.all([loadProfile(), loadCustomerActivity(false)]);
  if (redemptionToOpen) {
    const id = redemptionToOpen;
    redemptionToOpen = null;
    await openRedemption(id);
  }
}

async function loadProfile() {
  try {
    const { data: c } = await api("GET", `/customers/${encodeURIComponent(customerId)}`);
    const pending = c.pendingPoints > 0
      ? ` <span class="muted">+ <span id="pendingPoints">${c.pendingPoints}</span> pending (not spendable until approved)</span>`
      : "";
    $("customerSummary").innerHTML = `<p><span class="balance" id="balance">${c.pointsBalance}</span> points${pending}
      <span class="muted">· VIP tier: ${esc(c.vipTier || "none")} · customer since ${esc(day(c.createdAt))}</span></p>`;
    $("redemptionList").innerHTML = c.redemptions.length
      ? `<table><thead><tr><th>Reward</th><th>Coupon</th><th class="num">Points</th><th>Status</th><th>Redeemed</th><th>Refunded</th><th></th></tr></thead><tbody>` +
        c.redemptions.map(r => `<tr>
          <td>${esc(r.rewardName)}</td><td><code>${esc(r.couponCode || "")}</code></td><td class="num">${r.pointsSpent}</td>
          <td>${esc(label(REDEMPTION_STATUSES, r.status))}${r.pointsRestored > 0 && r.status !== "REFUNDED" ? ` <span class="muted">(${r.pointsRestored} back)</span>` : ""}</td><td class="muted">${esc(when(r.createdAt))}</td>
          <td class="muted">${esc(when(r.refundedAt))}</td>
          <td><button type="button" class="secondary small" data-redemption="${esc(r.redemptionId)}">Details</button></td></tr>`).join("") +
        "</tbody></table>"
      : '<p class="muted">No redemptions.</p>';
  } catch (e) {
    $("customerSummary").innerHTML = "";
    $("redemptionList").innerHTML = "";
    showError("customerSummary", e.status === 404 ? new Error(`No customer ${customerId} in this shop.`) : e);
  }
}

function activityTable(entries, withCustomer) {
  return `<table><thead><tr><th>When</th>${withCustomer ? "<th>Customer</th>" : ""}<th>What</th><th class="num">Points</th><th class="num">Balance</th><th>Note</th></tr></thead><tbody>` +
    activityRows(entries, withCustomer) + "</tbody></table>";
}
function activityRows(entries, withCustomer) {
  return entries.map(e => `<tr>
      <td class="muted">${esc(when(e.createdAt))}</td>
      ${withCustomer ? `<td>${e.customerId ? `<a href="#/customer/${encodeURIComponent(e.customerId)}">${esc(e.customerId)}</a>` : ""}</td>` : ""}
      <td>${esc(label(ENTRY_KINDS, e.kind))}</td>
      <td class="num points ${e.points > 0 ? "pos" : e.points < 0 ? "neg" : ""}">${signed(e.points)}</td>
      <td class="num">${e.balanceAfter ?? ""}</td>
      <td>${esc(e.note)}${e.redemptionId ? ` <button type="button" class="link" data-redemption="${esc(e.redemptionId)}">reward</button>` : ""}</td>
    </tr>`).join("");
}

async function loadFeed(path, target, moreButton, withCustomer, before) {
  const params = new URLSearchParams({ limit: "25" });
  if (before) params.set("before", before);
  const { data } = await api("GET", path + "?" + params);
  $(moreButton).hidden = !data.nextBefore;
  const body = $(target).querySelector("tbody");
  if (before && body) body.insertAdjacentHTML("beforeend", activityRows(data.entries, withCustomer));
  else $(target).innerHTML = data.entries.length ? activityTable(data.entries, withCustomer) : '<p class="muted">No activity yet.</p>';
  return data.nextBefore;
}

async function loadCustomerActivity(more) {
  try {
    customerBefore = await loadFeed(`/customers/${encodeURIComponent(customerId)}/activity`, "customerActivity",
      "customerActivityMore", false, more ? customerBefore : null);
  } catch (e) { if (e.status !== 404) showError("customerActivity", e); }
}

let shopBefore = null;
async function showShopActivity() { await loadShopActivity(false); }
async function loadShopActivity(more) {
  try {
    shopBefore = await loadFeed("/activity", "shopActivity", "shopActivityMore", true, more ? shopBefore : null);
  } catch (e) { showError("shopActivity", e); }
}

async function adjust(ev) {
  ev.preventDefault();
  const points = Number($("adjustPoints").value);
  const note = $("adjustNote").value.trim();
  $("adjustButton").disabled = true;
  try {
    // one key per submitted form: a retry of this request cannot apply twice
    const { data } = await api("POST", `/customers/${encodeURIComponent(customerId)}/adjustments`,
      { points, note }, { "Idempotency-Key": crypto.randomUUID() });
    say("adjustResult", `${signed(points)} points applied; balance ${data.balanceAfter ?? ""}.`, "ok");
    $("adjustPoints").value = "";
    $("adjustNote").value = "";
    await Promise.all([loadProfile(), loadCustomerActivity(false)]);
  } catch (e) { showError("adjustResult", e); }
  finally { $("adjustButton").disabled = false; }
}

// A redemption's details and its "Refund points" action
let redemptionPoints = null;
async function openRedemption(id, message) {
  const panel = $("redemptionPanel");
  panel.hidden = false;
  try {
    const { data: r } = await api("GET", `/redemptions/${encodeURIComponent(id)}`);
    const refundable = r.status === "ISSUED" || r.status === "NEEDS_FOLLOW_UP";
    redemptionPoints = r.pointsSpent;
    panel.innerHTML = `<h4>${esc(r.rewardName)} <span class="muted">${esc(r.redemptionId)}</span></h4>
      <p>Coupon <code>${esc(r.couponCode || "")}</code> · ${r.pointsSpent} points · <b id="redemptionStatus">${esc(label(REDEMPTION_STATUSES, r.status))}</b></p>
      <p class="muted">Redeemed ${esc(when(r.createdAt))}${r.issuedAt ? " · coupon issued " + esc(when(r.issuedAt)) : ""}${r.refundedAt ? " · refunded " + esc(when(r.refundedAt)) : ""}</p>
      ${r.statusReason ? `<p>${esc(/^[A-Z_]+$/.test(r.statusReason) ? label(OUTCOMES, r.statusReason) : r.statusReason)}</p>` : ""}
      <div class="row"><button type="button" id="refund" ${refundable ? "" : "disabled"}>Refund points</button>
        <button type="button" class="secondary" id="closeRedemption">Close</button></div>
      <div id="progress" class="message muted" role="status" hidden></div>
      <div id="outcome" hidden></div>`;
    $("refund").onclick = () => cancel(id, false);
    $("closeRedemption").onclick = () => { panel.hidden = true; };
    if (message) say("outcome", message);
    panel.scrollIntoView({ block: "nearest" });
  } catch (e) { showError("redemptionPanel", e); }
}

function progressText(data) {
  return "Working: " + (data.step || "the cancellation is running") + "…";
}

async function cancel(id, anyway) {
  $("refund").disabled = true;
  $("outcome").hidden = true;
  try {
    let { status, data } = await api("POST", `/redemptions/${encodeURIComponent(id)}/cancellation`, { refundPointsAnyway: anyway });
    // one progress line, updated in place while the saga waits out platform failures
    while (status === 202 || data.status === "RUNNING") {
      say("progress", progressText(data), "muted");
      $("progress").insertAdjacentHTML("beforeend", workflowLink(data.workflowId));
      await sleep(1000);
      ({ status, data } = await api("GET", `/redemptions/${encodeURIComponent(id)}/cancellation`));
    }
    $("progress").hidden = true;
    await openRedemption(id);
    const outcome = $("outcome");
    outcome.hidden = false;
    outcome.className = "message " + (data.status === "FAILED" ? "error" : NEEDS_CONFIRMATION.has(data.outcome) ? "warn" : "ok");
    outcome.innerHTML = `<b>${esc(label(OUTCOMES, data.outcome || data.status))}</b><br>${esc(data.message || "")}${workflowLink(data.workflowId)}`;
    if (!anyway && NEEDS_CONFIRMATION.has(data.outcome)) {
      outcome.insertAdjacentHTML("beforeend", `<div class="confirm row">
        <span>Give the ${esc(String(redemptionPoints ?? ""))} points back anyway?</span>
        <button type="button" id="refundAnyway">Refund anyway</button>
        <button type="button" class="secondary" id="keepAsIs">Keep as is</button></div>`);
      $("refundAnyway").onclick = () => cancel(id, true);
      $("keepAsIs").onclick = () => { outcome.querySelector(".confirm").remove(); };
    }
    await Promise.all([loadProfile(), loadCustomerActivity(false)]);
  } catch (e) {
    $("progress").hidden = true;
    showError("outcome", e);
    if ($("refund")) $("refund").disabled = false;
  }
}

// Attention queue (SPEC §11)
async function showAttention() {
  try {
    const { data } = await api("GET", "/attention");
    $("attentionList").innerHTML = data.items.length
      ? data.items.map(i => `<div class="item" data-item="${esc(i.id)}">
          <div><b>${esc(label(ATTENTION_KINDS, i.kind))}</b> · ${esc(i.subject)} <span class="muted">since ${esc(when(i.since))}</span>${workflowLink(i.workflowId)}</div>
          <p>${esc(i.problem)}</p>
          <div class="row"><button type="button" data-retry="${esc(i.id)}">Retry</button>
            <input placeholder="what was done (shown in the activity)" maxlength="500" data-note="${esc(i.id)}" aria-label="Resolution note">
            <button type="button" class="secondary" data-resolve="${esc(i.id)}">Resolve</button></div>
          <div class="result" hidden></div></div>`).join("")
      : '<p class="muted">Nothing needs attention.</p>';
  } catch (e) { showError("attentionList", e); }
}

async function attentionAction(id, action) {
  const item = document.querySelector(`[data-item="${CSS.escape(id)}"]`);
  const result = item.querySelector(".result");
  item.querySelectorAll("button").forEach(b => { b.disabled = true; });
  try {
    const body = action === "resolve" ? { note: item.querySelector("[data-note]").value.trim() } : undefined;
    const { data } = await api("POST", `/attention/${encodeURIComponent(id)}/${action}`, body ?? {});
    result.hidden = false;
    result.className = "result message ok";
    result.textContent = (data && data.message) || (action === "resolve" ? "Resolved." : "Retried.");
    setTimeout(() => { showAttention(); refreshAttentionCount(); }, 1200);
  } catch (e) {
    result.hidden = false;
    result.className = "result message error";
    result.textContent = e.message;
    item.querySelectorAll("button").forEach(b => { b.disabled = false; });
  }
}

async function refreshAttentionCount() {
  try {
    const { data } = await api("GET", "/attention");
    $("attentionCount").hidden = !data.items.length;
    $("attentionCount").textContent = data.items.length;
  } catch (e) { $("attentionCount").hidden = true; }
}

// Rewards
async function showRewards() {
  try {
    const { data } = await api("GET", "/rewards");
    $("rewardList").innerHTML = data.length
      ? `<table><thead><tr><th>Reward</th><th class="num">Points</th><th class="num">Discount</th><th></th></tr></thead><tbody>` +
        data.map(r => `<tr><td>${esc(r.name)}</td><td class="num">${r.pointsCost}</td><td class="num">${esc(r.discountAmount)}</td>
          <td><button type="button" class="secondary small" data-delete-reward="${r.rewardId}">Delete</button></td></tr>`).join("") + "</tbody></table>"
      : '<p class="muted">No rewards yet: customers cannot redeem points until you create one.</p>';
  } catch (e) { showError("rewardList", e); }
}

async function createReward(ev) {
  ev.preventDefault();
  try {
    await api("POST", "/rewards", { name: $("rewardName").value.trim(),
      pointsCost: Number($("rewardCost").value), discountAmount: Number($("rewardDiscount").value) });
    $("rewardForm").reset();
    await showRewards();
  } catch (e) { showError("rewardList", e); }
}

async function deleteReward(id) {
  try { await api("DELETE", `/rewards/${encodeURIComponent(id)}`); await showRewards(); }
  catch (e) { showError("rewardList", e); }
}

// Settings: the earning rule and the settings document, its form built from the API's own
// OpenAPI schema (enums become choices), so a setting added to the API appears here by itself.
let settingsSchema = null;
async function schemaOfSettings() {
  if (settingsSchema) return settingsSchema;
  const docs = await (await fetch("/v3/api-docs")).json();
  const resolve = (s) => s && s.$ref ? docs.components.schemas[s.$ref.split("/").pop()] : s;
  const op = docs.paths["/api/v1/shops/{shop}/settings"].get;
  const root = resolve(op.responses["200"].content[Object.keys(op.responses["200"].content)[0]].schema);
  settingsSchema = { root, resolve };
  return settingsSchema;
}

async function showSettings() {
  try {
    const { data: rule } = await api("GET", "/earning-rules/place-order").catch(e => {
      if (e.status === 404) return { data: { pointsPerUnit: "", enabled: false } };
      throw e;
    });
    $("rulePoints").value = rule.pointsPerUnit ?? "";
    $("ruleEnabled").checked = Boolean(rule.enabled);
  } catch (e) { showError("settingsResult", e); }
  try {
    const [{ data: settings }, { root, resolve }] = await Promise.all([api("GET", "/settings"), schemaOfSettings()]);
    $("settingsFields").innerHTML = Object.keys(settings).map(name =>
      settingField(name, settings[name], resolve(root.properties ? root.properties[name] : null) || {}, resolve)).join("");
    $("settingsFields").querySelectorAll("[data-add-tier]").forEach(b => { b.onclick = () => addTierRow(b); });
  } catch (e) { showError("settingsResult", e); }
}

function settingField(name, value, schema, resolve) {
  const title = humanize(name.replace(/([A-Z])/g, " $1"));
  if (schema.type === "array" && resolve(schema.items) && resolve(schema.items).enum) {
    const options = resolve(schema.items).enum;
    return `<fieldset data-field="${esc(name)}" data-type="enum-set"><legend>${esc(title)}</legend>` +
      options.map(o => `<label><input type="checkbox" value="${esc(o)}" ${(value || []).includes(o) ? "checked" : ""}> ${esc(humanize(o))}</label>`).join(" ") +
      "</fieldset>";
  }
  if (schema.type === "array") {
    const item = resolve(schema.items) || {};
    const props = item.properties ? Object.keys(item.properties) : Object.keys((value || [])[0] || {});
    const row = (v) => `<tr>${props.map(p => `<td>${input(p, v ? v[p] : null, resolve(item.properties ? item.properties[p] : null) || {})}</td>`).join("")}
      <td><button type="button" class="secondary small" data-remove-row>Remove</button></td></tr>`;
    return `<fieldset data-field="${esc(name)}" data-type="rows"><legend>${esc(title)}</legend>
      <table><thead><tr>${props.map(p => `<th>${esc(humanize(p))}</th>`).join("")}<th></th></tr></thead>
      <tbody>${(value || []).map(row).join("")}</tbody></table>
      <template>${row(null)}</template>
      <button type="button" class="secondary small" data-add-tier>Add</button></fieldset>`;
  }
  return `<label class="field" data-field="${esc(name)}" data-type="single">${esc(title)} ${input(name, value, schema)}</label>`;
}

function input(name, value, schema) {
  if (schema.enum) {
    return `<select data-name="${esc(name)}">${schema.enum.map(o => `<option value="${esc(o)}" ${o === value ? "selected" : ""}>${esc(humanize(o))}</option>`).join("")}</select>`;
  }
  if (schema.type === "boolean" || typeof value === "boolean") {
    return `<input type="checkbox" data-name="${esc(name)}" ${value ? "checked" : ""}>`;
  }
  if (schema.type === "integer" || schema.type === "number" || typeof value === "number") {
    return `<input type="number" step="any" data-name="${esc(name)}" value="${esc(value ?? "")}">`;
  }
  return `<input data-name="${esc(name)}" value="${esc(value ?? "")}">`;
}

function readInput(el) {
  if (el.type === "checkbox") return el.checked;
  if (el.type === "number") return el.value === "" ? null : Number(el.value);
  return el.value === "" ? null : el.value;
}

function addTierRow(button) {
  const fieldset = button.closest("fieldset");
  fieldset.querySelector("tbody").insertAdjacentHTML("beforeend", fieldset.querySelector("template").innerHTML);
}

function settingsDocument() {
  const doc = {};
  $("settingsFields").querySelectorAll("[data-field]").forEach(f => {
    const name = f.dataset.field;
    if (f.dataset.type === "enum-set") {
      doc[name] = [...f.querySelectorAll("input:checked")].map(i => i.value);
    } else if (f.dataset.type === "rows") {
      doc[name] = [...f.querySelectorAll("tbody tr")].map(tr => {
        const row = {};
        tr.querySelectorAll("[data-name]").forEach(i => { row[i.dataset.name] = readInput(i); });
        return row;
      });
    } else {
      doc[name] = readInput(f.querySelector("[data-name]"));
    }
  });
  return doc;
}

async function saveSettings(ev) {
  ev.preventDefault();
  try {
    await api("PUT", "/settings", settingsDocument());
    say("settingsResult", "Settings saved.", "ok");
    await showSettings();
  } catch (e) { showError("settingsResult", e); }
}

async function saveRule(ev) {
  ev.preventDefault();
  try {
    await api("PUT", "/earning-rules/place-order", { pointsPerUnit: Number($("rulePoints").value), enabled: $("ruleEnabled").checked });
    say("settingsResult", "Earning rule saved.", "ok");
  } catch (e) { showError("settingsResult", e); }
}

// ---- wiring --------------------------------------------------------------------------------
document.addEventListener("click", (ev) => {
  const t = ev.target.closest("button, a");
  if (!t) return;
  if (t.dataset.redemption) openRedemption(t.dataset.redemption);
  if (t.dataset.retry) attentionAction(t.dataset.retry, "retry");
  if (t.dataset.resolve) attentionAction(t.dataset.resolve, "resolve");
  if (t.dataset.deleteReward) deleteReward(t.dataset.deleteReward);
  if (t.hasAttribute("data-remove-row")) t.closest("tr").remove();
});
$("customerSearch").onsubmit = (ev) => { ev.preventDefault(); loadCustomers(false); };
$("customerSearchClear").onclick = () => { $("customerQuery").value = ""; loadCustomers(false); };
$("customerMore").onclick = () => loadCustomers(true);
$("customerActivityMore").onclick = () => loadCustomerActivity(true);
$("shopActivityMore").onclick = () => loadShopActivity(true);
$("adjustForm").onsubmit = adjust;
$("rewardForm").onsubmit = createReward;
$("settingsForm").onsubmit = saveSettings;
$("ruleForm").onsubmit = saveRule;
$("signIn").onsubmit = (ev) => {
  ev.preventDefault();
  session.signIn($("shop").value.trim(), $("token").value.trim());
  $("token").value = "";
  render();
};
$("signOut").onclick = () => { session.signOut(); render(); };
window.addEventListener("hashchange", render);

// Deep links: /admin/?shop=...&customer=1001 (or #/customer/1001), /admin/?redemption=rdm_...
const params = new URLSearchParams(location.search);
$("shop").value = session.shop || params.get("shop") || "";
if (params.get("customer") && !location.hash) location.hash = "#/customer/" + encodeURIComponent(params.get("customer"));
async function start() {
  try {
    const res = await fetch("/admin/config");
    if (res.ok) Object.assign(config, await res.json());
  } catch (e) { /* no link to the Temporal UI then */ }
  if (params.get("redemption") && session.token) {
    try {
      const { data: r } = await api("GET", `/redemptions/${encodeURIComponent(params.get("redemption"))}`);
      redemptionToOpen = r.redemptionId;
      const target = "#/customer/" + encodeURIComponent(r.customerId);
      if (location.hash !== target) { location.hash = target; return; } // hashchange renders
    } catch (e) { render(); showError("error", e); return; }
  }
  render();
}
start();
