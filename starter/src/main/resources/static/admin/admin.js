"use strict";
const $ = (id) => document.getElementById(id);
const esc = (s) => String(s ?? "").replace(/[&<>"']/g, c => ({"&":"&amp;","<":"&lt;",">":"&gt;",'"':"&quot;","'":"&#39;"}[c]));
// The admin token is typed in by the admin and kept for this browser tab only (sessionStorage);
// the page itself never contains one.
const session = {
  get shop() { return sessionStorage.getItem("pointsaga.shop") || ""; },
  get token() { return sessionStorage.getItem("pointsaga.token") || ""; },
  signIn(shop, token) { sessionStorage.setItem("pointsaga.shop", shop); sessionStorage.setItem("pointsaga.token", token); },
  signOut() { sessionStorage.removeItem("pointsaga.shop"); sessionStorage.removeItem("pointsaga.token"); },
};
const base = () => `/api/v1/shops/${encodeURIComponent(session.shop)}`;

function showSession() {
  const signedIn = Boolean(session.token);
  $("signIn").hidden = signedIn;
  $("signedIn").hidden = !signedIn;
  $("signOut").hidden = !signedIn;
  $("signedIn").textContent = signedIn ? "Signed in to " + session.shop : "";
}

async function api(method, path, body) {
  if (!session.token) throw new Error("Sign in with the shop's domain and admin token first.");
  const res = await fetch(base() + path, {
    method,
    headers: { "Authorization": "Bearer " + session.token, "Content-Type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  const data = text ? JSON.parse(text) : null;
  if (!res.ok && res.status !== 202) throw new Error((data && data.message) || res.statusText);
  return { status: res.status, data };
}

function showError(target, e) { $(target).innerHTML = `<div class="message error">${esc(e.message)}</div>`; }

function activityTable(entries, withCustomer) {
  if (!entries.length) return '<p class="muted">No activity yet.</p>';
  return `<table><tr><th>When</th>${withCustomer ? "<th>Customer</th>" : ""}<th>Kind</th><th>Points</th><th>Balance</th><th>Note</th></tr>` +
    entries.map(e => `<tr>
      <td class="muted">${esc(new Date(e.createdAt).toLocaleString())}</td>
      ${withCustomer ? `<td>${e.customerId ? `<a data-customer="${esc(e.customerId)}">${esc(e.customerId)}</a>` : ""}</td>` : ""}
      <td>${esc(e.kind)}</td>
      <td class="points ${e.points > 0 ? "pos" : e.points < 0 ? "neg" : ""}">${e.points == null ? "" : (e.points > 0 ? "+" : "") + e.points}</td>
      <td>${e.balanceAfter ?? ""}</td>
      <td>${esc(e.note)}${e.redemptionId ? ` <a data-redemption="${esc(e.redemptionId)}">view reward</a>` : ""}</td>
    </tr>`).join("") + "</table>";
}

async function loadCustomer(id) {
  $("customerId").value = id;
  try {
    const [{ data: c }, { data: a }] = await Promise.all([
      api("GET", `/customers/${encodeURIComponent(id)}`),
      api("GET", `/customers/${encodeURIComponent(id)}/activity`),
    ]);
    $("customer").innerHTML = `<p><span class="balance">${c.pointsBalance}</span> points
      <span class="muted">· VIP tier: ${esc(c.vipTier || "none")} · customer since ${esc(new Date(c.createdAt).toLocaleDateString())}</span></p>
      <h2>Redemptions</h2>` + (c.redemptions.length ? `<table><tr><th>Reward</th><th>Coupon</th><th>Points</th><th>Status</th><th></th></tr>` +
      c.redemptions.map(r => `<tr><td>${esc(r.rewardName)}</td><td><code>${esc(r.couponCode)}</code></td><td>${r.pointsSpent}</td>
        <td>${esc(r.status)}</td><td><a data-redemption="${esc(r.redemptionId)}">view reward</a></td></tr>`).join("") + "</table>"
      : '<p class="muted">No redemptions.</p>');
    $("activityTitle").textContent = "of customer " + id;
    $("activity").innerHTML = activityTable(a.entries, false);
  } catch (e) { showError("customer", e); }
}

async function loadShop() {
  try {
    const { data } = await api("GET", "/activity");
    $("activityTitle").textContent = "of the shop";
    $("activity").innerHTML = activityTable(data.entries, true);
  } catch (e) { showError("activity", e); }
}

const NEEDS_CONFIRMATION = { REWARD_USED: 1, REWARD_UNTRACKED: 1, REWARD_MISSING: 1 };

async function loadRedemption(id, message) {
  $("redemptionSection").hidden = false;
  $("redemptionTitle").textContent = id;
  try {
    const { data: r } = await api("GET", `/redemptions/${encodeURIComponent(id)}`);
    const done = r.status === "REFUNDED" || r.status === "FAILED";
    $("redemption").innerHTML = `<p>${esc(r.rewardName)} · coupon <code>${esc(r.couponCode)}</code> · ${r.pointsSpent} points ·
      status <b>${esc(r.status)}</b>${r.refundedAt ? ` · refunded ${esc(new Date(r.refundedAt).toLocaleString())}` : ""}</p>
      <div class="row"><button id="refund" ${done ? "disabled" : ""}>Refund points</button></div>
      ${message ? `<div class="message">${esc(message)}</div>` : ""}`;
    $("refund").onclick = () => cancel(id, false);
  } catch (e) { showError("redemption", e); }
}

async function cancel(id, anyway) {
  $("refund").disabled = true;
  try {
    let { status, data } = await api("POST", `/redemptions/${encodeURIComponent(id)}/cancellation`, { refundPointsAnyway: anyway });
    while (status === 202) {
      $("redemption").insertAdjacentHTML("beforeend", `<div class="message muted">Still working: ${esc(data.step || "running")}…</div>`);
      await new Promise(r => setTimeout(r, 1000));
      ({ status, data } = await api("GET", `/redemptions/${encodeURIComponent(id)}/cancellation`));
    }
    await loadRedemption(id, data.message);
    if (NEEDS_CONFIRMATION[data.outcome] && !anyway && confirm(data.message + "\n\nRefund the points anyway?")) {
      await cancel(id, true);
    }
    if ($("customerId").value) await loadCustomer($("customerId").value);
  } catch (e) { showError("redemption", e); }
}

document.addEventListener("click", (ev) => {
  const t = ev.target;
  if (t.dataset.redemption) loadRedemption(t.dataset.redemption);
  if (t.dataset.customer) loadCustomer(t.dataset.customer);
});
$("loadCustomer").onclick = () => loadCustomer($("customerId").value.trim());
$("loadShop").onclick = loadShop;
$("signIn").onsubmit = (ev) => {
  ev.preventDefault();
  session.signIn($("shop").value.trim(), $("token").value.trim());
  $("token").value = "";
  showSession();
};
$("signOut").onclick = () => { session.signOut(); showSession(); };
// Deep links: /admin/?shop=...&customer=1001 or /admin/?redemption=rdm_...
const params = new URLSearchParams(location.search);
$("shop").value = session.shop || params.get("shop") || "";
showSession();
if (params.get("customer")) loadCustomer(params.get("customer"));
if (params.get("redemption")) loadRedemption(params.get("redemption"));
