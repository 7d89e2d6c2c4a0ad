// salesim workshop game: the browser client of `salesim serve` (web/game.js).
//
// One ES module in plain JavaScript: no build step, no libraries, nothing fetched from elsewhere,
// so it works offline on a LAN. web/index.html imports it instead of the live view's wasm when
// the address has `?game`:
//   ?game&key=KEY     the facilitator: a "New game" form, then the console (codes, clock, controls,
//                     injects, leaderboard, every firm's KPIs);
//   ?game&join=CODE   a team: its name, then its dashboard (KPIs, charts, map, decisions);
//   ?game&watch=CODE  the projector: a big leaderboard, market shares and news;
//   ?game             a form to type a join code and a team name.
// It speaks the game's JSON protocol over one WebSocket (/ws, src/game/protocol.rs), keeps the
// seat's token in sessionStorage (`salesim-game-token`) and resumes with it after a reload or a
// dropped connection (reconnecting with backoff). Tests read `window.gameState` (the latest
// `state` message) and `window.gameWelcome`; every control has a stable id.

const Q = new URLSearchParams(location.search);
const TOKEN = "salesim-game-token";
/// The address the token was given at: a tab sent to another seat's link does not resume the old one.
const TOKEN_AT = "salesim-game-token-at";

// ---------------------------------------------------------------------------------------------
// Formatting and small DOM helpers

const esc = (s) =>
  String(s ?? "").replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]);

/** Money as $1.2M, $12.3k, $950 (negative with a minus). */
function money(v) {
  if (v == null || !Number.isFinite(v)) return "–";
  const a = Math.abs(v), s = v < 0 ? "-$" : "$";
  if (a >= 1e9) return s + (a / 1e9).toFixed(1) + "B";
  if (a >= 1e6) return s + (a / 1e6).toFixed(1) + "M";
  if (a >= 1e3) return s + (a / 1e3).toFixed(1) + "k";
  return s + a.toFixed(0);
}
const pct = (v) => (v == null || !Number.isFinite(v) ? "–" : (v * 100).toFixed(1) + "%");
const int = (v) => (v == null || !Number.isFinite(v) ? "–" : Math.round(v).toLocaleString("en-US"));
const $ = (id) => document.getElementById(id);

/** A number shown with its exact value kept in `data-value` (tests compare both). */
const num = (id, v, fmt) => `<span id="${id}" data-value="${esc(v)}">${esc(fmt(v))}</span>`;

// ---------------------------------------------------------------------------------------------
// The page's style: base 16 px, nothing under 14 px; one column on a phone; 24 px+ on the projector.

const CSS = `
html.game, html.game body { height: auto; min-height: 100%; overflow: auto; background: #14161c; }
#game { font: 16px/1.4 system-ui, sans-serif; color: #e4e7ee; max-width: 1400px; margin: 0 auto; padding: 12px; }
#game * { box-sizing: border-box; }
#game input, #game select, #game button { font: inherit; font-size: 16px; }
#game h1 { font-size: 22px; margin: 0 8px 0 0; }
#game h2 { font-size: 18px; margin: 0 0 8px; color: #9fb4ff; }
#game a { color: #8fd0ff; }
.bar { display: flex; flex-wrap: wrap; gap: 6px 14px; align-items: center; margin-bottom: 12px; }
.pill { background: #262a35; border-radius: 12px; padding: 2px 10px; }
.pill.ok { background: #1f4d2e; } .pill.warn { background: #5a4516; } .pill.bad { background: #5c1f24; }
.grid { display: grid; grid-template-columns: repeat(auto-fit, minmax(340px, 1fr)); gap: 12px; }
.card { background: #1c1f28; border: 1px solid #2c3140; border-radius: 8px; padding: 12px; min-width: 0; }
.card.wide { grid-column: 1 / -1; }
table { border-collapse: collapse; width: 100%; }
th, td { text-align: right; padding: 3px 6px; border-bottom: 1px solid #2c3140; white-space: nowrap; }
th:first-child, td:first-child, td.l, th.l { text-align: left; }
th { color: #aab3c5; font-weight: 600; }
.scroll { overflow-x: auto; }
.kpis { display: grid; grid-template-columns: repeat(auto-fill, minmax(140px, 1fr)); gap: 8px; }
.kpi { background: #232734; border-radius: 6px; padding: 6px 8px; }
.kpi .k { color: #aab3c5; font-size: 14px; } .kpi .v { font-size: 22px; font-weight: 600; }
.charts { display: grid; grid-template-columns: repeat(auto-fit, minmax(200px, 1fr)); gap: 8px; }
.chart .k { color: #aab3c5; font-size: 14px; display: flex; justify-content: space-between; }
.chart svg { width: 100%; height: 90px; display: block; background: #171a22; border-radius: 4px; }
form.fields, .fields { display: grid; grid-template-columns: repeat(auto-fill, minmax(210px, 1fr)); gap: 8px 12px; }
.fields label { display: flex; flex-direction: column; gap: 2px; color: #c3c9d6; font-size: 14px; }
.fields label.check { flex-direction: row; align-items: center; gap: 8px; }
.fields input, .fields select { background: #10131a; color: #e4e7ee; border: 1px solid #3a4152; border-radius: 4px; padding: 5px 6px; width: 100%; }
.fields input[type=checkbox] { width: 22px; height: 22px; }
.fields .bad { border-color: #ff6b6b; outline: 2px solid #ff6b6b; }
button { background: #3552c9; color: #fff; border: 0; border-radius: 6px; padding: 8px 14px; cursor: pointer; margin: 2px; }
button.alt { background: #3a4152; } button.danger { background: #9b2c34; }
button:disabled { opacity: 0.45; cursor: default; }
.msg { margin-top: 8px; min-height: 22px; } .msg.ok { color: #7ee29a; } .msg.err { color: #ff8a8a; }
ul.items { list-style: none; margin: 0; padding: 0; max-height: 260px; overflow-y: auto; }
ul.items li { padding: 3px 0; border-bottom: 1px solid #262a35; }
ul.items .w { color: #aab3c5; margin-right: 6px; }
.legend { display: flex; flex-wrap: wrap; gap: 4px 14px; font-size: 14px; color: #c3c9d6; margin-top: 6px; }
.sw { display: inline-block; width: 12px; height: 12px; border-radius: 6px; margin-right: 4px; vertical-align: middle; }
#map svg { width: 100%; height: auto; display: block; background: #171a22; border-radius: 4px; }
#game.projector .grid.big { grid-template-columns: 1fr 1fr; }
.sharebar { height: 30px; background: #3552c9; border-radius: 4px; }
#game.projector { max-width: none; font-size: 28px; }
#game.projector h1 { font-size: 40px; } #game.projector h2 { font-size: 30px; }
#game.projector .pill { font-size: 28px; }
#game.projector th, #game.projector td { padding: 8px 14px; font-size: 30px; }
#game.projector .legend, #game.projector ul.items li { font-size: 26px; }
#game.projector ul.items { max-height: none; }
@media (max-width: 700px) {
  #game { padding: 6px; }
  .grid, .fields, form.fields, .charts { grid-template-columns: 1fr; }
  .kpis { grid-template-columns: 1fr 1fr; }
  .card.wide { grid-column: auto; }
  th, td { padding: 3px 4px; }
}
`;

// ---------------------------------------------------------------------------------------------
// The decisions a team can take (src/game/decisions.rs): [field, label, kind, options].

const LABELS = {
  exclusive: "Exclusive (reps own accounts)", realign_yearly: "Exclusive, realigned yearly",
  multiplexed: "Company owns (account teams)", hybrid: "Hybrid (house after 2 years)",
  weigh: "Leadership weighs them", proceed: "Go ahead anyway", abandon: "Drop the change", buy_off: "Buy them off",
};
// Ranges are the parameters' own, which the server checks each decision against (`salesim params`).
const FIELDS = [
  ["commission_rate", "Commission rate (0–1)", "num", { min: 0, max: 1, step: 0.005 }],
  ["base_salary", "Base salary ($/year)", "num", { min: 0, max: 1e8, step: 1000 }],
  ["quota_period", "Quota period", ["Monthly", "Quarterly", "Annual"]],
  ["accelerator", "Accelerator above quota (1–5)", "num", { min: 1, max: 5, step: 0.1 }],
  ["team_pool_share", "Team pool share (0–1)", "num", { min: 0, max: 1, step: 0.05 }],
  ["cap", "Pay cap ($/year, 0 = none)", "num", { min: 0, max: 1e9, step: 10000 }],
  ["retention_bonus", "Retention bonus ($/year, 0 = none)", "num", { min: 0, max: 1e8, step: 500 }],
  ["hiring_target", "Hiring target (reps)", "int", { min: 0, max: 20000, step: 1 }],
  ["performance_floor", "Performance floor (attainment 0–2)", "num", { min: 0, max: 2, step: 0.05 }],
  ["ownership", "Account ownership", ["exclusive", "realign_yearly", "multiplexed", "hybrid"]],
  ["realign_now", "Realign accounts this round", "bool"],
  ["technical_specialists", "Technical specialists", "int", { min: 0, max: 10000, step: 1 }],
  ["service_specialists", "Service specialists", "int", { min: 0, max: 10000, step: 1 }],
  ["crm_retention", "CRM retention (0–1)", "num", { min: 0, max: 1, step: 0.05 }],
  ["tools", "Company tools (0–1)", "num", { min: 0, max: 1, step: 0.05 }],
  ["training", "Training level (0–1)", "num", { min: 0, max: 1, step: 0.05 }],
  ["discount_limit", "Discount limit (0–0.9)", "num", { min: 0, max: 0.9, step: 0.01 }],
  ["pushback", "Answer to reps' threats", ["weigh", "proceed", "abandon", "buy_off"]],
  ["buy_off_weeks", "Buy-off (weeks of pay at stake)", "num", { min: 0, max: 520, step: 1 }],
];

function decisionForm() {
  const controls = FIELDS.map(([f, label, kind, o]) => {
    const id = `d-${f}`;
    if (Array.isArray(kind)) {
      const opts = kind.map((v) => `<option value="${v}">${esc(LABELS[v] || v)}</option>`).join("");
      return `<label for="${id}">${esc(label)}<select id="${id}" name="${f}">${opts}</select></label>`;
    }
    if (kind === "bool") return `<label class="check" for="${id}"><input type="checkbox" id="${id}" name="${f}">${esc(label)}</label>`;
    return `<label for="${id}">${esc(label)}<input type="number" id="${id}" name="${f}" min="${o.min}" max="${o.max}" step="${o.step}" inputmode="decimal"></label>`;
  }).join("");
  return `<div class="fields" id="decisions">${controls}</div>
    <button id="submit-decisions" type="button">Submit decisions</button>
    <div class="msg" id="decision-msg" role="status"></div>`;
}

/** Fill the form from decisions (those submitted for the open round, else those in force). */
function fillForm(d) {
  for (const [f, , kind] of FIELDS) {
    const el = $(`d-${f}`);
    if (!el) continue;
    el.classList.remove("bad");
    if (kind === "bool") el.checked = false;
    else if (d[f] != null) el.value = String(d[f]);
  }
}

/** The form's decisions: every field, `realign_now` only when ticked; the first bad field. */
function readForm() {
  const d = {};
  for (const [f, label, kind] of FIELDS) {
    const el = $(`d-${f}`);
    if (kind === "bool") {
      if (el.checked) d[f] = true;
    } else if (Array.isArray(kind)) {
      d[f] = el.value;
    } else {
      const v = Number(el.value);
      if (el.value.trim() === "" || !Number.isFinite(v) || (kind === "int" && !Number.isInteger(v))) {
        return { bad: f, message: `${label}: ${kind === "int" ? "a whole number" : "a number"} is needed` };
      }
      d[f] = v;
    }
  }
  return { decisions: d };
}

// ---------------------------------------------------------------------------------------------
// Charts and the map, drawn as inline SVG (labels in HTML, so text keeps its CSS size).

function lineChart(id, title, weeks, values, fmt, colour) {
  const n = values.length;
  const last = n ? fmt(values[n - 1]) : "–";
  let body = "";
  if (n >= 2) {
    const lo = Math.min(...values), hi = Math.max(...values);
    const span = hi - lo || Math.abs(hi) || 1;
    const x = (i) => (i / (n - 1)) * 300;
    const y = (v) => 95 - ((v - lo) / span) * 90;
    const pts = values.map((v, i) => `${x(i).toFixed(1)},${y(v).toFixed(1)}`).join(" ");
    // A dashed line where each year of the game begins.
    const years = weeks.map((w, i) => (i > 0 && w % 52 === 0 ? `<line x1="${x(i)}" x2="${x(i)}" y1="0" y2="100" stroke="#3a4152" stroke-dasharray="3 3"/>` : "")).join("");
    body = `${years}<polyline points="${pts}" fill="none" stroke="${colour}" stroke-width="2" vector-effect="non-scaling-stroke"/>`;
  }
  const range = n ? `${fmt(Math.min(...values))} – ${fmt(Math.max(...values))}` : "";
  return `<div class="chart" id="${id}"><div class="k"><span>${esc(title)}</span><b>${esc(last)}</b></div>
    <svg viewBox="0 0 300 100" preserveAspectRatio="none" role="img" aria-label="${esc(title)}">${body}</svg>
    <div class="k"><span>weeks ${weeks[0] ?? 0}–${weeks[n - 1] ?? 0}</span><span>${esc(range)}</span></div></div>`;
}

const BOND = [["rep", "#f2a33a", "loyal to the rep"], ["company", "#3fb5a3", "loyal to the company"], ["weak", "#e0525b", "weak (at risk)"]];

/** A disc of radius r split into arcs by the customers' loyalty (rep, company, weak). */
function bondDisc(cx, cy, r, b, tip) {
  const total = b.rep + b.company + b.weak;
  const c = 2 * Math.PI * r;
  let start = 0, arcs = "";
  for (const [k, colour] of BOND) {
    if (!total || !b[k]) continue;
    const len = (b[k] / total) * c;
    arcs += `<circle cx="${cx}" cy="${cy}" r="${r}" fill="none" stroke="${colour}" stroke-width="${Math.max(2, r * 0.45).toFixed(1)}" stroke-dasharray="${len.toFixed(2)} ${(c - len).toFixed(2)}" stroke-dashoffset="${(-start).toFixed(2)}" transform="rotate(-90 ${cx} ${cy})"/>`;
    start += len;
  }
  return `<g><title>${esc(tip)}</title><circle cx="${cx}" cy="${cy}" r="${r}" fill="#2b3142"/>${arcs}</g>`;
}

function mapSvg(map) {
  const reps = [...(map?.reps || [])].sort((a, b) => b.revenue - a.revenue);
  const house = map?.house || { accounts: 0, revenue: 0, rep: 0, company: 0, weak: 0 };
  const top = Math.max(1, house.revenue, ...reps.map((r) => r.revenue));
  const cols = Math.max(6, Math.ceil(Math.sqrt((reps.length + 2) * 1.8)));
  const cell = 44, rows = Math.ceil((reps.length + 2) / cols);
  const rad = (rev) => 5 + 15 * Math.sqrt(Math.max(0, rev) / top);
  const tip = (who, b) => `${who}: ${b.accounts} accounts, ${money(b.revenue)}/year; ${b.rep} loyal to the rep, ${b.company} to the company, ${b.weak} weak`;
  // The house accounts take the first two cells, as one bigger disc.
  let out = bondDisc(cell, cell / 2 + 2, 20, house, tip("house accounts", house));
  reps.forEach((r, i) => {
    const k = i + 2, cx = (k % cols) * cell + cell / 2, cy = Math.floor(k / cols) * cell + cell / 2 + 2;
    out += bondDisc(cx, cy, rad(r.revenue), r, tip(`rep ${r.id} (${r.tenure_years.toFixed(1)} years)`, r));
  });
  const legend = BOND.map(([k, c, l]) => `<span><i class="sw" style="background:${c}"></i>${l}</span>`).join("");
  const count = (k) => reps.reduce((s, r) => s + r[k], 0) + house[k];
  return `<svg viewBox="0 0 ${cols * cell} ${rows * cell + 4}" role="img" aria-label="reps and accounts">${out}</svg>
    <div class="legend">${legend}</div>
    <div class="legend"><span id="map-reps">${reps.length} reps (disc size: revenue)</span>
      <span id="map-house">house (first disc): ${int(house.accounts)} accounts, ${money(house.revenue)}/year</span>
      <span id="map-bonds">customers: ${int(count("rep"))} to reps, ${int(count("company"))} to the company, ${int(count("weak"))} weak</span></div>`;
}

// ---------------------------------------------------------------------------------------------
// Shared pieces of the views

const items = (id, list) =>
  `<ul class="items" id="${id}">${(list || []).slice().reverse().map((i) => `<li><span class="w">wk ${i.week}</span>${esc(i.text)}</li>`).join("") || "<li>nothing yet</li>"}</ul>`;

/** The leaderboard table; `compact`: rank, firm, team, score, revenue and share only. */
function leaderboard(s, compact) {
  const rows = (s.leaderboard || []).map((r) => `<tr id="lb-${r.firm}" data-firm="${esc(r.firm_name)}">
      <td>${r.rank}</td><td class="l">${esc(r.firm_name)}</td><td class="l">${esc(r.team || "–")}</td>
      <td data-value="${r.score}" class="score">${money(r.score)}</td><td data-value="${r.revenue_year}" class="revenue">${money(r.revenue_year)}</td>
      <td data-value="${r.share}" class="share">${pct(r.share)}</td>${compact ? "" : `<td data-value="${r.customers}">${int(r.customers)}</td><td>${int(r.reps)}</td><td>${money(r.avg_pay)}</td>`}</tr>`).join("");
  const more = compact ? "" : "<th>Customers</th><th>Reps</th><th>Avg pay</th>";
  return `<div class="scroll"><table id="leaderboard"><thead><tr><th>#</th><th class="l">Firm</th><th class="l">Team</th><th>Score</th><th>Revenue/yr</th><th>Share</th>${more}</tr></thead><tbody>${rows}</tbody></table></div>`;
}

function shareBars(s) {
  const rows = (s.leaderboard || []).slice().sort((a, b) => a.firm - b.firm);
  const top = Math.max(1e-9, ...rows.map((r) => r.share));
  return rows.map((r) => `<div class="share-row" id="share-${r.firm}" style="margin:6px 0">
      <div>${esc(r.firm_name)} <b>${pct(r.share)}</b></div>
      <div class="sharebar" style="width:${Math.max(1, (r.share / top) * 100).toFixed(1)}%"></div></div>`).join("");
}

// [field, label, short label (tables), format]
const KPIS = [
  ["revenue_year", "Revenue / year", "Revenue/yr", money], ["contribution_year", "Contribution / year", "Contrib./yr", money],
  ["score", "Score (contribution so far)", "Score", money], ["customers", "Customers", "Customers", int],
  ["reps", "Reps", "Reps", int], ["avg_pay", "Avg rep pay", "Avg pay", money],
  ["rep_turnover", "Rep turnover / year", "Rep turnover", pct], ["churn", "Customer churn / year", "Churn", pct],
];
const kpiTiles = (k, prefix) =>
  `<div class="kpis">${KPIS.map(([f, l, , fmt]) => `<div class="kpi"><div class="k">${l}</div><div class="v">${num(`${prefix}${f}`, k?.[f], fmt)}</div></div>`).join("")}</div>`;

// ---------------------------------------------------------------------------------------------
// The connection

let ws = null, welcome = null, retry = 500, lastLogin = null, deadlineAt = null, formRound = null;
window.gameState = null;
window.gameWelcome = null;

function send(msg) {
  if (ws && ws.readyState === WebSocket.OPEN) {
    ws.send(JSON.stringify(msg));
    return true;
  }
  notice("Not connected: reconnecting…", true);
  return false;
}

/** Send a login message (create, join, resume, watch), opening a connection first if needed. */
function login(msg) {
  lastLogin = msg;
  if (ws && ws.readyState === WebSocket.OPEN) send(msg);
  else connect();
}

function connect() {
  if (ws && (ws.readyState === WebSocket.CONNECTING || ws.readyState === WebSocket.OPEN)) return;
  const url = `${location.protocol === "https:" ? "wss" : "ws"}://${location.host}/ws`;
  ws = new WebSocket(url);
  ws.onopen = () => {
    retry = 500;
    setConn("connected", "ok");
    const token = sessionStorage.getItem(TOKEN);
    if (token && sessionStorage.getItem(TOKEN_AT) === location.search) lastLogin = { type: "resume", token };
    if (lastLogin) send(lastLogin);
  };
  ws.onmessage = (e) => {
    let m;
    try { m = JSON.parse(e.data); } catch { return; }
    onMessage(m);
  };
  ws.onclose = () => {
    setConn("reconnecting…", "bad");
    ws = null;
    setTimeout(connect, retry);
    retry = Math.min(retry * 2, 10000);
  };
}

function onMessage(m) {
  switch (m.type) {
    case "welcome": {
      // A resume after a dropped connection keeps the page (and a half-filled form) as it is.
      const same = welcome && welcome.session === m.session && welcome.role === m.role && welcome.firm === m.firm;
      welcome = m;
      window.gameWelcome = m;
      sessionStorage.setItem(TOKEN, m.token);
      sessionStorage.setItem(TOKEN_AT, location.search);
      lastLogin = { type: "resume", token: m.token };
      if (same) setConn("connected", "ok");
      else shell();
      break;
    }
    case "state":
      window.gameState = m;
      if (welcome) render(m);
      break;
    case "ack":
      notice(`Decisions for round ${m.round} saved`, false, "decision-msg");
      break;
    case "error":
      onError(m);
      break;
  }
}

function onError(m) {
  const text = `${m.message}${m.field ? ` (${m.field})` : ""}`;
  if (!welcome) {
    // A refused login is not sent again on reconnecting. A stored seat that is gone (another
    // server, a deleted game) is forgotten and the page starts again from its address.
    const resumed = lastLogin?.type === "resume";
    lastLogin = null;
    if (resumed) {
      sessionStorage.removeItem(TOKEN);
      lobby();
      return;
    }
  }
  // A refused decision is named `decisions.FIELD`.
  const control = m.field && $(`d-${m.field.replace(/^decisions\./, "")}`);
  if (control) {
    control.classList.add("bad");
    control.focus();
  }
  notice(`Error: ${text}`, true, control ? "decision-msg" : undefined);
}

/** Show a message in the page's message line (or in the element `where`). */
function notice(text, bad, where) {
  const el = (where && $(where)) || $("msg");
  if (!el) return;
  el.textContent = text;
  el.className = `msg ${bad ? "err" : "ok"}`;
}

function setConn(text, kind) {
  const el = $("conn");
  if (el) { el.textContent = text; el.className = `pill ${kind}`; }
}

// ---------------------------------------------------------------------------------------------
// The lobby: new game (with the key), join (with a code), watch

const root = () => $("game");

function header(title) {
  return `<div class="bar"><h1>${esc(title)}</h1><span id="conn" class="pill">connecting…</span>
    <span id="status" class="pill"></span><span id="round" class="pill"></span><span id="week" class="pill"></span>
    <span id="deadline" class="pill"></span></div><div class="msg" id="msg" role="status"></div>`;
}

function lobby() {
  const key = Q.get("key"), join = Q.get("join"), watch = Q.get("watch");
  if (watch && !key && !join) {
    root().innerHTML = header("salesim game: projector") + `<p>Connecting to the game…</p>`;
    login({ type: "watch", code: watch });
    return;
  }
  const create = key == null ? "" : `<div class="card"><h2>New game</h2><div class="fields">
      <label>Scenario<input id="g-scenario" value="workshop_game"></label>
      <label>Firms (teams)<input id="g-firms" type="number" min="2" max="8" value="4"></label>
      <label>Rounds<input id="g-rounds" type="number" min="1" max="40" value="8"></label>
      <label>Weeks per round<input id="g-round_weeks" type="number" min="1" max="52" value="13"></label>
      <label>Deadline (seconds, 0 = none)<input id="g-deadline_secs" type="number" min="0" value="600"></label>
      <label>Seed (blank: the scenario's)<input id="g-seed" type="number" min="0"></label>
    </div><button id="create-game" type="button">Create game</button></div>`;
  const joinCard = key != null && !join ? "" : `<div class="card"><h2>Join a game</h2><div class="fields">
      <label>Join code<input id="join-code" autocomplete="off" value="${esc(join || "")}"></label>
      <label>Team name<input id="join-name" maxlength="40" autocomplete="off"></label>
    </div><button id="join-go" type="button">Join</button></div>`;
  root().innerHTML = header("salesim game") + `<div class="grid">${create}${joinCard}</div>`;
  connect();
  $("create-game")?.addEventListener("click", () => {
    const n = (id) => ($(id).value.trim() === "" ? undefined : Number($(id).value));
    const msg = { type: "create", key, scenario: $("g-scenario").value.trim() };
    for (const f of ["firms", "rounds", "round_weeks", "deadline_secs", "seed"]) {
      const v = n(`g-${f}`);
      if (v !== undefined) msg[f] = v;
    }
    login(msg);
  });
  $("join-go")?.addEventListener("click", () => {
    const code = $("join-code").value.trim(), name = $("join-name").value.trim();
    if (!code || !name) return notice("Type the join code and a team name (1–40 characters).", true);
    login({ type: "join", code, name });
  });
}

// ---------------------------------------------------------------------------------------------
// The three seats' pages: built once on `welcome` (`shell`), then updated on each `state`.

function shell() {
  const role = welcome.role;
  const g = root();
  g.className = role === "projector" ? "projector" : role;
  if (role === "facilitator") {
    const codes = (welcome.codes || []).map((c) => `<tr><td class="l">${esc(c.firm_name)}</td>
        <td class="l"><a id="code-${c.firm}" href="?game&join=${encodeURIComponent(c.code)}" target="_blank">${esc(c.code)}</a></td></tr>`).join("");
    const base = `${location.origin}/`;
    const tok = encodeURIComponent(welcome.token), sess = encodeURIComponent(welcome.session);
    g.innerHTML = header(`salesim game ${welcome.session}: facilitator`) + `<div class="grid">
      <div class="card"><h2>Join codes</h2><table id="codes"><tr><th class="l">Firm</th><th class="l">Code (team link)</th></tr>${codes}
        <tr><td class="l">Projector</td><td class="l"><a id="projector-code" href="?game&watch=${encodeURIComponent(welcome.projector_code)}" target="_blank">${esc(welcome.projector_code)}</a></td></tr></table>
        <p>Teams open <b>${esc(base)}?game</b> and type their code.</p>
        <p><a id="file-session" href="/files/${sess}/session.ron?token=${tok}">session.ron</a> ·
           <a id="file-scenario" href="/files/${sess}/scenario.ron?token=${tok}">scenario.ron</a> ·
           <a id="debrief" href="/debrief/${sess}?token=${tok}" target="_blank">debrief</a> ·
           <a id="new-game" href="?game&key=${encodeURIComponent(Q.get("key") || "")}&new=${Date.now()}" target="_blank">another game</a></p></div>
      <div class="card"><h2>Clock</h2>
        <button id="btn-start" type="button">Start</button><button id="btn-pause" class="alt" type="button">Pause</button>
        <button id="btn-resume" class="alt" type="button">Resume</button><button id="btn-advance" type="button">Run round now</button>
        <button id="btn-rollback" class="alt" type="button">Roll back last round</button><button id="btn-end" class="danger" type="button">End game</button>
        <div id="teams"></div><p id="market"></p></div>
      <div class="card"><h2>Inject an event</h2><div class="fields">
        <label>Event<select id="inject-kind">
          <option value="entry">Competitor entry</option><option value="launch">Product launch</option>
          <option value="catalyst">Catalyst</option><option value="broadening">Product broadening</option>
          <option value="pricewar">Price war</option></select></label>
        <label>Competitor name / catalyst text<input id="inject-text" value="Discounter"></label>
        <label>Complex share / price cut<input id="inject-value" type="number" step="0.01" min="0" max="0.9" value="0.4"></label>
        <label>Firm<select id="inject-firm"><option value="">every firm</option>${(welcome.codes || []).map((c) => `<option>${esc(c.firm_name)}</option>`).join("")}</select></label>
        </div><button id="inject-go" type="button">Inject at next round</button></div>
      <div class="card wide"><h2>Leaderboard</h2><div id="board"></div></div>
      <div class="card wide"><h2>Every firm</h2><div id="firms" class="scroll"></div></div>
      <div class="card wide"><h2>News</h2><div id="news"></div></div></div>`;
    for (const a of ["start", "pause", "resume", "advance", "rollback", "end"]) {
      $(`btn-${a}`).addEventListener("click", (e) => {
        // Ending asks for a second click within 5 s (no blocking dialog).
        if (a === "end" && !e.target.dataset.armed) {
          e.target.dataset.armed = "1";
          e.target.textContent = "Click again to end the game";
          setTimeout(() => { delete e.target.dataset.armed; e.target.textContent = "End game"; }, 5000);
          return;
        }
        // "Run round now" and "Roll back" name the round the facilitator sees, so a click that
        // crosses a round the server has just run by itself is refused, not applied to the next.
        const round = window.gameState ? window.gameState.round : undefined;
        if ((a === "advance" || a === "rollback") && round !== undefined) send({ type: "control", action: a, round });
        else send({ type: "control", action: a });
      });
    }
    $("inject-go").addEventListener("click", inject);
  } else if (role === "team") {
    g.innerHTML = header(`${welcome.firm_name}`) + `<div class="grid">
      <div class="card wide"><h2>Your firm</h2><div id="own-kpis"></div></div>
      <div class="card wide"><h2>Decisions for this round</h2>${decisionForm()}</div>
      <div class="card wide"><h2>Trends</h2><div id="charts" class="charts"></div></div>
      <div class="card"><h2>Reps and accounts</h2><div id="map"></div></div>
      <div class="card"><h2>Reps' threats</h2><div id="threats"></div></div>
      <div class="card"><h2 id="scorecard-title">Scorecard</h2><div id="scorecard"></div></div>
      <div class="card"><h2>Your events</h2><div id="events"></div></div>
      <div class="card wide"><h2>Leaderboard</h2><div id="board"></div></div>
      <div class="card wide"><h2>News</h2><div id="news"></div></div></div>`;
    $("submit-decisions").addEventListener("click", submit);
  } else {
    g.innerHTML = header(`salesim game ${welcome.session}`) + `<div class="grid big">
      <div class="card wide"><h2>Leaderboard</h2><div id="board"></div></div>
      <div class="card"><h2>Market share</h2><div id="shares"></div></div>
      <div class="card"><h2>News</h2><div id="news"></div></div></div>`;
  }
  setConn("connected", "ok");
  formRound = null;
  if (window.gameState) render(window.gameState);
}

function inject() {
  const kind = $("inject-kind").value, text = $("inject-text").value.trim(), v = Number($("inject-value").value);
  const event = {
    entry: { CompetitorEntry: text || "Discounter" },
    launch: { Catalyst: "product launch" },
    catalyst: { Catalyst: text || "catalyst" },
    broadening: { ProductBroadening: { complex_share: v } },
    pricewar: { PriceWar: { price_cut: v } },
  }[kind];
  const msg = { type: "inject", event };
  if ($("inject-firm").value) msg.firm = $("inject-firm").value;
  if (send(msg)) notice(`Injected for the next round: ${JSON.stringify(event)}`, false);
}

function submit() {
  const s = window.gameState;
  const r = readForm();
  for (const [f] of FIELDS) $(`d-${f}`).classList.remove("bad");
  if (r.bad) {
    $(`d-${r.bad}`).classList.add("bad");
    return notice(r.message, true, "decision-msg");
  }
  if (!s || (s.status !== "open" && s.status !== "paused")) return notice("No round is open for decisions.", true, "decision-msg");
  if (send({ type: "submit", round: s.round, decisions: r.decisions })) notice(`Sending decisions for round ${s.round}…`, false, "decision-msg");
}

/** The status line every seat shows. */
function statusBar(s) {
  const st = $("status");
  st.textContent = s.status;
  st.className = `pill ${s.status === "open" ? "ok" : s.status === "paused" ? "warn" : ""}`;
  $("round").textContent = `round ${Math.min(s.round, s.rounds)} of ${s.rounds}`;
  $("week").textContent = `week ${s.week}`;
  deadlineAt = s.deadline_secs == null ? null : Date.now() + s.deadline_secs * 1000;
  tick();
}

function tick() {
  const el = $("deadline"), s = window.gameState;
  if (!el || !s) return;
  el.style.display = deadlineAt == null || s.status === "lobby" || s.status === "ended" ? "none" : "";
  if (el.style.display) return;
  const left = s.status === "paused" ? s.deadline_secs : Math.max(0, Math.round((deadlineAt - Date.now()) / 1000));
  el.textContent = `${Math.floor(left / 60)}:${String(left % 60).padStart(2, "0")} left`;
  el.className = `pill ${left < 60 ? "bad" : ""}`;
}
setInterval(tick, 1000);

/** The firm's productivity scorecard: results over activity, and who sells most against who is
 *  most productive (contribution per hour). */
function scorecardTable(c) {
  if (!c) return "";
  const reps = (ids) => (ids || []).map((r) => `rep ${r}`).join(", ") || "–";
  const rows = [
    ["Revenue per hour", num("sc-revenue_per_hour", c.revenue_per_hour, money)],
    ["Contribution per hour", num("sc-contribution_per_hour", c.contribution_per_hour, money)],
    ["Win rate", num("sc-win_rate", c.win_rate, pct)],
    ["Cost of sales", num("sc-cost_of_sales", c.cost_of_sales, pct)],
    ["Hours a week", num("sc-hours_per_week", c.hours_per_week, (v) => (Number.isFinite(v) ? v.toFixed(1) : "–"))],
    ["Most revenue", esc(reps(c.most_revenue))],
    ["Most productive", esc(reps(c.most_productive))],
  ];
  return `<table id="scorecard-table">${rows.map(([k, v]) => `<tr><td class="l">${k}</td><td>${v}</td></tr>`).join("")}</table>`;
}

function teamsTable(s) {
  const yes = (b, t) => `<span class="pill ${b ? "ok" : ""}">${b ? t : "–"}</span>`;
  return `<table id="teams-table"><tr><th class="l">Firm</th><th class="l">Team</th><th>Joined</th><th>Online</th><th>Submitted</th></tr>
    ${(s.teams || []).map((t) => `<tr id="team-${t.firm}"><td class="l">${esc(t.firm_name)}</td><td class="l">${esc(t.team || "–")}</td>
      <td>${yes(t.joined, "yes")}</td><td>${yes(t.connected, "yes")}</td><td class="submitted">${yes(t.submitted, "yes")}</td></tr>`).join("")}</table>`;
}

function firmsTable(firms) {
  const head = KPIS.map(([, , l]) => `<th>${l}</th>`).join("");
  const rows = (firms || []).map((f) => `<tr id="firm-${f.firm}"><td class="l">${esc(f.firm_name)}</td>${KPIS.map(([k, , , fmt]) => `<td data-value="${f.kpis[k]}">${fmt(f.kpis[k])}</td>`).join("")}
      <td class="l">${f.submitted ? "submitted" : "–"}</td></tr>`).join("");
  return `<table><tr><th class="l">Firm</th>${head}<th class="l">This round</th></tr>${rows}</table>`;
}

function render(s) {
  statusBar(s);
  const role = welcome.role;
  $("board").innerHTML = leaderboard(s, role !== "facilitator");
  $("news").innerHTML = items("news-list", s.news);
  if (role === "facilitator") {
    $("teams").innerHTML = teamsTable(s);
    $("firms").innerHTML = firmsTable(s.firms);
    $("market").textContent = `Market: ${int(s.market?.customers)} customers, market pay ${money(s.market?.market_pay)}/year`;
    const lobby = s.status === "lobby", over = s.status === "ended";
    $("btn-start").disabled = !lobby;
    $("btn-pause").disabled = s.status !== "open";
    $("btn-resume").disabled = s.status !== "paused";
    $("btn-advance").disabled = lobby || over;
    $("btn-rollback").disabled = s.week === 0;
    $("btn-end").disabled = over;
  } else if (role === "team" && s.own) {
    const o = s.own, ser = o.series || {};
    const team = (s.teams || []).find((t) => t.firm === o.firm)?.team;
    document.querySelector("#game h1").textContent = team ? `${o.firm_name} · ${team}` : o.firm_name;
    $("own-kpis").innerHTML = kpiTiles(o.kpis, "kpi-");
    $("charts").innerHTML = [
      lineChart("chart-revenue", "Revenue / week", ser.week || [], ser.revenue || [], money, "#6fa8ff"),
      lineChart("chart-customers", "Customers", ser.week || [], ser.customers || [], int, "#3fb5a3"),
      lineChart("chart-reps", "Reps", ser.week || [], ser.reps || [], int, "#f2a33a"),
      lineChart("chart-avg_pay", "Avg rep pay ($/year)", ser.week || [], ser.avg_pay || [], money, "#d68cff"),
    ].join("");
    $("map").innerHTML = mapSvg(o.map);
    $("threats").innerHTML = items("threats-list", o.threats);
    $("scorecard").innerHTML = scorecardTable(o.scorecard);
    if (o.scorecard) $("scorecard-title").textContent = `Scorecard (year ${o.scorecard.year + 1})`;
    $("events").innerHTML = items("events-list", o.events);
    if (formRound !== s.round) {
      formRound = s.round;
      fillForm({ ...(o.decisions || {}), ...(o.submitted || {}) });
      const msg = $("decision-msg").textContent;
      if (o.submitted) notice(`Decisions for round ${s.round} saved`, false, "decision-msg");
      else if (/^Decisions for round \d+ saved$/.test(msg)) notice(`${msg}; that round has run`, false, "decision-msg");
    }
    const open = s.status === "open" || s.status === "paused";
    $("submit-decisions").disabled = !open;
    $("submit-decisions").textContent = open ? `Submit decisions for round ${s.round}` : s.status === "ended" ? "The game has ended" : "Waiting for the game to start";
  } else if (role === "projector") {
    $("shares").innerHTML = shareBars(s);
  }
}

// ---------------------------------------------------------------------------------------------
// Start: the page's own style and root, then the lobby (or a resume of the stored seat).

const style = document.createElement("style");
style.textContent = CSS;
document.head.appendChild(style);
document.documentElement.classList.add("game");
document.title = "salesim: workshop game";
const main = document.createElement("div");
main.id = "game";
document.body.appendChild(main);
if (sessionStorage.getItem(TOKEN) && sessionStorage.getItem(TOKEN_AT) === location.search) {
  main.innerHTML = header("salesim game") + "<p>Coming back to your game…</p>";
  connect();
} else {
  lobby();
}
// A ping now and then keeps proxies from closing an idle connection.
setInterval(() => {
  if (welcome && ws && ws.readyState === WebSocket.OPEN) ws.send('{"type":"ping"}');
}, 30000);
