// The CRS calculator page: progressive disclosure of the build-time form, the Python engine in a module
// worker (calculator-worker.mjs), the live score, the results, the draws comparison, the shareable link.
// Nothing leaves the browser: the worker fetches only this site's files, and the answers live in the form
// and, when shared, in the URL fragment (never sent to a server).
//
// The page's inline script (templates/inline/calculator-boot.js) has already started the worker and the big
// downloads, unless the line is metered; this script, async in <head>, takes the worker over and counts the
// download before the form has even been parsed; everything that touches the page waits for the document
// (`domReady`).
const READY_TIMEOUT_MS = 30000; // with no download progress, or once downloaded, for Python to start
const CALC = self.calcBoot; // the inline script's: {boot, config, preload, metered, early}
const BOOT = CALC.boot; // the worker's URLs, rendered at build time
const workerConfig = CALC.config; // what a worker needs to start Python: this site's URLs only
// What the calculator downloads, file by file: {files: {url: {bytes, wire}}, wire_bytes} (sitegen.pyodide_bundle).
const DOWNLOAD = JSON.parse(BOOT.download);
const domReady = document.readyState === "loading"
  ? new Promise((resolve) => document.addEventListener("DOMContentLoaded", resolve, { once: true }))
  : Promise.resolve();
let wired; // resolves pageReady once the page below is set up
const pageReady = new Promise((resolve) => (wired = resolve));

// ---- the worker ---------------------------------------------------------------------------------------

let worker = null;
let readyTimer = 0;
let ready = false;
let sent = 0; // id of the latest profile sent
let retried = 0; // id of a profile sent again without its optional-part errors (render)
let lastProfile = null; // the latest profile built from the form (the one sent for scoring)
let workerStartedAt = 0;

// States (data-calculator-state): "waiting" (metered: nothing downloaded until the visitor asks), "loading"
// (downloading, with progress), "starting" (Python starting), "ready", "error".
function setState(state, text) {
  root.dataset.calculatorState = state;
  $("calc-status-text").textContent = text;
  $("calc-failure").hidden = state !== "error";
  $("calc-start-row").hidden = state !== "waiting";
  $("calc-download-row").hidden = !["loading", "starting"].includes(state);
}

// No news from the download or the worker for 30 s is a failure; a slow line that keeps delivering is not.
function armTimer() {
  clearTimeout(readyTimer);
  readyTimer = setTimeout(() => pageReady.then(() => fail(S.status_timeout, "no progress within 30 s")),
    READY_TIMEOUT_MS);
}

function fail(text, detail) {
  clearTimeout(readyTimer);
  if (worker) worker.terminate();
  worker = null;
  ready = false;
  setState("error", text);
  if (detail) console.warn("calculator:", detail);
}

function onWorkerMessage(data) {
  if (data.type === "status") setState("starting", S.status_starting);
  else if (data.type === "ready") {
    clearTimeout(readyTimer);
    ready = true;
    root.dataset.readyAt = Math.round(performance.now()); // ms since navigation started (bench/)
    root.dataset.startup = JSON.stringify({ worker: workerStartedAt, ...data.marks });
    root.dataset.snapshot = data.snapshot;
    setState("ready", S.status_ready);
    update();
    if (data.snapshot === "missing") makeSnapshotSoon();
  } else if (data.type === "result" && data.id === sent) render(JSON.parse(data.result), data.id);
  else if (data.type === "error") fail(S.status_error, data.message);
}

const abs = (u) => new URL(u, document.baseURI).href;
const SNAPSHOT_CACHE = "ee-calculator-snapshot"; // calculator-worker.mjs's

// After a visit that started Python from scratch, once the page is idle: a second, short-lived worker stores a
// memory snapshot for the next visit. It is given the same URLs and never a profile, so the snapshot holds no
// answers. Nothing on the page changes; if it fails, the next visit starts normally.
let snapshotAsked = false;
function makeSnapshotSoon() {
  if (snapshotAsked) return;
  snapshotAsked = true;
  const run = () => {
    let maker;
    try {
      maker = new Worker(abs(BOOT.worker), { type: "module" });
    } catch {
      return;
    }
    const done = (outcome) => {
      clearTimeout(timer);
      maker.terminate();
      root.dataset.snapshot = outcome; // for tests: "stored" or "failed"
    };
    const timer = setTimeout(() => done("failed"), READY_TIMEOUT_MS);
    maker.onmessage = ({ data }) => {
      if (data.type === "snapshot") done(data.state);
      else if (data.type === "error") done("failed");
    };
    maker.onerror = (e) => {
      e.preventDefault();
      done("failed");
    };
    maker.postMessage({ type: "snapshot", ...workerConfig() });
  };
  if (self.requestIdleCallback) requestIdleCallback(run, { timeout: 1000 });
  else setTimeout(run, 200);
}

// ---- the download: real progress, and a visitor's say on a metered line --------------------------------

const MB = (n) => (n / 1e6).toFixed(1);

// The page reads each file the worker will need as it arrives, to show real progress. These requests are the
// download: the preloads (startDownload) feed them, and the worker's own requests for the same URLs are answered
// by the HTTP cache or join them in flight, so nothing comes over the network twice. Failures are left to the
// worker, which reports them. `attempt` ends an earlier attempt's counting (a retry starts again).
let attempt = 0;

// This build's memory snapshot is stored (a repeat visit), under the key the worker stores and finds it by.
async function snapshotStored() {
  try {
    const { snapshot, snapshotKey } = workerConfig();
    if (!self.caches || !snapshot) return false;
    const found = await (await caches.open(SNAPSHOT_CACHE)).match(snapshotKey);
    return found?.headers.get("x-snapshot") === "ok";
  } catch {
    return false;
  }
}

async function trackDownload() {
  const mine = ++attempt;
  if (await snapshotStored()) {
    // A repeat visit: Python comes from the snapshot and the files from the HTTP cache, in a few hundred ms.
    // Counting them would read 10 MB on the main thread for nothing (~30 ms of it, and its garbage): the page
    // only takes over the preloads (so none goes unused) and drops their bodies.
    for (const url of [BOOT.wasm, BOOT.stdlib]) if (url) fetch(abs(url)).then((r) => r.body?.cancel(), () => {});
    pageReady.then(() => (root.dataset.downloadCounting = "skipped")); // for tests
    return;
  }
  if (mine !== attempt) return;
  const received = new Map(); // url -> bytes of the file received so far
  const total = Object.values(DOWNLOAD.files).reduce((n, f) => n + f.bytes, 0);
  const show = () => {
    if (mine !== attempt || !worker) return; // a later attempt counts its own; a failed one counts no more
    if (!ready) armTimer();
    let bytes = 0;
    let wire = 0; // bytes the stream delivers are unpacked: what came over the wire is in the same proportion
    for (const [url, n] of received) {
      bytes += n;
      wire += (DOWNLOAD.files[url].wire * n) / DOWNLOAD.files[url].bytes;
    }
    const words = fmt(S.status_progress, { done: MB(wire), total: MB(DOWNLOAD.wire_bytes) });
    const bar = $("calc-download");
    bar.max = total;
    bar.setAttribute("value", String(bytes)); // the attribute, not the property: tests observe it
    bar.setAttribute("aria-valuetext", words);
    $("calc-download-text").textContent = words;
  };
  // At most ten updates a second, whatever the number of chunks: the main thread is busy enough at start-up.
  // A timer, not requestAnimationFrame, which a background tab never runs: `show` also re-arms the timeout.
  let pending = false;
  const showSoon = () => {
    if (pending) return;
    pending = true;
    setTimeout(() => pageReady.then(() => {
      pending = false;
      show();
    }), 100);
  };
  for (const url of Object.keys(DOWNLOAD.files)) {
    received.set(url, 0);
    fetch(abs(url)).then(async (response) => {
      if (!response.ok) return;
      const reader = response.body.getReader();
      for (let chunk = await reader.read(); !chunk.done && mine === attempt; chunk = await reader.read()) {
        received.set(url, received.get(url) + chunk.value.byteLength);
        showSoon();
      }
    }).catch(() => {});
  }
  pageReady.then(show);
}

// Worker events are handled once the page is wired (promise callbacks keep their order). The first start takes
// over the inline script's worker, already given its init message, with the events it sent meanwhile; a retry,
// or a start on a metered line, makes its own.
function startWorker() {
  const later = (f) => pageReady.then(f);
  const early = CALC.early;
  CALC.early = null;
  workerStartedAt = early ? early.startedAt : Math.round(performance.now());
  later(() => setState("loading", fmt(S.status_loading, { size: MB(DOWNLOAD.wire_bytes) })));
  try {
    worker = early ? early.worker : new Worker(abs(BOOT.worker), { type: "module" });
  } catch (e) {
    later(() => fail(S.status_error, e));
    return;
  }
  const current = worker;
  const onMessage = ({ data }) => later(() => current === worker && onWorkerMessage(data));
  const onError = (e) => {
    e.preventDefault();
    later(() => current === worker && fail(S.status_error, e.message || "the worker could not start"));
  };
  worker.onmessage = onMessage;
  worker.onerror = onError;
  for (const e of early ? early.events : []) (e.type === "error" ? onError : onMessage)(e);
  armTimer();
  trackDownload();
  if (!early) worker.postMessage({ type: "init", ...workerConfig() });
  // The latest-rounds summary, once: the engine compares every result with it (calculator/rounds.py).
  later(() => current === worker && DRAWS_TEXT !== "null" && worker.postMessage({ type: "rounds", summary: DRAWS_TEXT }));
}

// The first start, once (a retry restarts the worker alone): the two big files as preloads, which the page's
// own reads (trackDownload) then take over, one request each; then the worker.
let downloadStarted = false;
function startDownload() {
  if (downloadStarted) return;
  downloadStarted = true;
  CALC.preload(); // written already by the page's inline script unless the line is metered
  startWorker();
}

// Save-Data, or a 2G line: nothing is downloaded until the visitor presses the button or answers a question.
// Everyone else starts at once, with the page. (navigator.connection exists in Chromium-based browsers only.)
if (CALC.metered) {
  pageReady.then(() => {
    if (downloadStarted) return;
    setState("waiting", S.status_metered);
    $("calc-start").addEventListener("click", () => {
      startDownload();
      $("calc-status-text").focus(); // the button is about to be hidden: focus goes to the news of the download
    });
  });
  const onAnswer = (e) => e.target.closest?.("#calc-form") && startDownload();
  document.addEventListener("change", onAnswer);
  document.addEventListener("input", onAnswer);
} else {
  startDownload();
}
await domReady;

const root = document.getElementById("calculator");
const form = document.getElementById("calc-form");
const S = JSON.parse(document.getElementById("calc-strings").textContent);
// The latest-rounds summary (sitegen.draws.calculator_summary), as JSON text for the engine; null without a feed.
const DRAWS_TEXT = document.getElementById("calc-draws-data").textContent.trim();
const ABILITIES = ["speaking", "listening", "reading", "writing"];
const $ = (id) => document.getElementById(id);

const fmt = (text, values) => text.replace(/\{(\w+)\}/g, (m, k) => (k in values ? String(values[k]) : m));
// The page's language: numbers, money, dates and plurals follow it (3 décembre 2026; 15 263 $ in French).
const LANG = document.documentElement.lang || "en";
const FRENCH_PAGE = LANG.startsWith("fr");
// One formatter each, made once: toLocaleString/toLocaleDateString build a new Intl formatter on every call,
// which cost ~8 ms of every answer-to-score (a result shows dozens of numbers and dates). Made on first use, not
// here: the first Intl formatter loads the locale's data, 5-20 ms of the main thread at start-up, while the
// worker starts Python on the same cores.
let NUMBER = null;
let DAY = null;
let MONEY = null;
let PLURAL = null;
const num = (n) => (NUMBER ??= new Intl.NumberFormat(FRENCH_PAGE ? "fr-CA" : "en-CA")).format(Number(n));
// French writes the first of the month as an ordinal, "1er janvier 2027", which Intl does not (as the build's
// sitegen.formats.day_text).
const day = (iso) => {
  const text = (DAY ??= new Intl.DateTimeFormat(FRENCH_PAGE ? "fr-CA" : "en-GB", { day: "numeric",
    month: "long", year: "numeric", timeZone: "UTC" })).format(new Date(`${iso}T00:00:00Z`));
  return FRENCH_PAGE && iso.endsWith("-01") ? text.replace(/^1(?=\D)/, "1er") : text; // fr-CA writes the day first
};
const money = (n) => (MONEY ??= new Intl.NumberFormat(FRENCH_PAGE ? "fr-CA" : "en-CA", { style: "currency",
  currency: "CAD", maximumFractionDigits: 0 })).format(Number(n));

// ---- the engine's codes in the page's words ------------------------------------------------------------

// The words of the engine's codes and the result's labels in the page's language, from the build
// (sitegen.calculator_form.engine_page_words): {codes, words, labels, notices, kinds}.
const W = JSON.parse(document.getElementById("calc-engine-words").textContent);
const SECTIONS = W.labels.sections; // IRCC's results layout, the same for every result

// A message {code, params} in words: a plural form by `count` (Intl's rules: 0 and 1 are "one" in French),
// each {name} filled with its parameter shown as calculator/codes.py PARAM_KINDS says. An unknown code (a
// worker's own failure) shows its English message, if any.
function say(m) {
  let text = W.codes[m.code];
  if (text === undefined) return m.message || m.code || "";
  const params = m.params || {};
  if (typeof text === "object") {
    text = (PLURAL ??= new Intl.PluralRules(LANG)).select(Number(params.count)) === "one" ? text.one : text.other;
  }
  return text.replace(/\{(\w+)\}/g, (all, k) => (k in params ? param(k, params[k], params) : all));
}

function param(name, value, params) {
  if (Array.isArray(value)) {
    const nested = value.some((v) => v && typeof v === "object");
    return value.map((v) => param(name, v, params)).join(W.words[nested ? "clause_separator" : "list_separator"]);
  }
  if (value && typeof value === "object") return say(value);
  if (value === null || value === undefined) return "null";
  const kind = W.kinds[name];
  if (kind === "date") return day(value);
  if (kind === "dollars") return money(value);
  if (kind === "notices") return W.notices[value] ?? String(value);
  if (kind === "level") { // a CLB/NCLC level on the message's scale; 0 is below the lowest
    const scale = params.scale;
    return say(value === 0 ? { code: "level_below", params: { scale } } : { code: "level", params: { scale, n: value } });
  }
  if (kind) {
    const [group, table] = kind.split(".");
    return W[group]?.[table]?.[value] ?? String(value);
  }
  return typeof value === "number" ? num(value) : String(value);
}
const put = (id, ...nodes) => $(id).replaceChildren(...nodes.filter((n) => n !== null && n !== undefined));

function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === null || v === undefined || v === false) continue;
    if (k === "class") node.className = v;
    else node.setAttribute(k, v === true ? "" : v);
  }
  for (const c of children.flat()) if (c !== null && c !== undefined && c !== false) node.append(c);
  return node;
}

// ---- the form: values, progressive disclosure, the profile --------------------------------------------

// Every named control, indexed once: the form's controls are all in the markup (the messages and results added
// later are not controls), except the language scores, which are indexed as their group is filled in
// (fillScores). Looking them up by name with querySelectorAll, some 80 times an answer, was a third of the page's
// work between an answer and its score.
const CONTROLS = new Map();
function indexControl(c) {
  if (!c.name || c.tagName === "FIELDSET" || c.tagName === "BUTTON") return;
  if (!CONTROLS.has(c.name)) CONTROLS.set(c.name, []);
  CONTROLS.get(c.name).push(c);
}
for (const c of form.elements) indexControl(c);
const NO_CONTROLS = [];
const controlsNamed = (name) => (CONTROLS.get(name) ?? NO_CONTROLS).filter((c) => !c.disabled);
const controlsStarting = (prefix) => [...CONTROLS].filter(([n]) => n.startsWith(prefix)).flatMap(([, cs]) => cs);

function valueOf(name) {
  for (const c of controlsNamed(name)) {
    if (c.type === "radio" || c.type === "checkbox") {
      if (c.checked) return c.value;
    } else {
      return c.value.trim();
    }
  }
  return "";
}

// The blocks shown only for some answers, in document order (a block's conditions come before it), each with its
// enclosing block and the controls it holds directly, worked out once: a control is enabled only when every block
// around it shows.
const blocks = [...root.querySelectorAll("[data-show-if]")].map((element) => {
  const [name, values] = element.dataset.showIf.split("=");
  // scores: the test whose questions a language-score group still waits for (fillScores), or null
  return { element, name, values: values.split("|"), parent: null, controls: [], shown: !element.hidden,
    scores: element.dataset.scores ?? null };
});
{
  const byElement = new Map(blocks.map((b) => [b.element, b]));
  for (const b of blocks) b.parent = byElement.get(b.element.parentElement.closest("[data-show-if]")) ?? null;
  for (const c of root.querySelectorAll("input, select, textarea")) byElement.get(c.closest("[data-show-if]"))?.controls.push(c);
}

// A language-score group's questions, copied from its test's <template> (written as the first language's:
// calculator.html, score_questions) with this group's ids and names, the first time it shows. Its controls join
// the indexes made above and below; none of them is a radio button or a question number.
function fillScores(block) {
  const group = block.element;
  const prefix = group.id.slice(0, -block.scores.length - 1); // "sp" of "sp-ielts"
  const field = block.name.slice(0, -".test".length); // "spouse.language" of "spouse.language.test"
  const questions = document.importNode($(`scores-${block.scores}`).content, true);
  block.scores = null;
  const ours = (v) => v.replace(/(^| )fl-/g, `$1${prefix}-`);
  for (const node of questions.querySelectorAll("[id], [for], [aria-describedby], [name]")) {
    for (const a of ["id", "for", "aria-describedby"]) if (node.hasAttribute(a)) node.setAttribute(a, ours(node.getAttribute(a)));
    if (node.hasAttribute("name")) node.setAttribute("name", field + node.getAttribute("name").slice("first_language".length));
  }
  group.append(questions);
  for (const c of group.querySelectorAll("input, select")) {
    indexControl(c);
    block.controls.push(c);
    REQUIRED.push(c);
    if (c.name.startsWith("partner.")) PARTNER_CONTROLS.push(c);
  }
}

function updateDisclosure() {
  for (const block of blocks) {
    const show = (!block.parent || block.parent.shown) && block.values.includes(valueOf(block.name));
    block.shown = show;
    if (show && block.scores) fillScores(block);
    if (block.element.hidden === show) block.element.hidden = !show;
    for (const c of block.controls) if (c.disabled === show) c.disabled = !show;
  }
}

// Question numbers over the visible questions only, so they never skip (1, 3, 4) when one is hidden. Each number is a
// <span class="qn"> in the question's label or legend (calculator.html): "new" starts the next number, "same" is
// a part of it ("2) ii."). The numbers are text in the label, so they are part of each question's name.
const NUMBERS = [...form.querySelectorAll(".qn")];
function numberQuestions() {
  let n = 0;
  for (const span of NUMBERS) {
    if (span.closest("[hidden]")) continue;
    if (span.dataset.qn === "new") n += 1;
    const text = span.dataset.qnSub ? `${n}) ${span.dataset.qnSub}` : `${n})`;
    if (span.textContent !== text) span.textContent = text;
  }
}

// A short option text keeps a closed select from cutting it on a phone; the chosen option's full wording shows below.
const CHOSEN_DETAILS = [...form.querySelectorAll(".chosen-detail")].map((hint) => [hint, $(hint.id.slice(0, -"-detail".length))]);
function showChosenDetails() {
  for (const [hint, select] of CHOSEN_DETAILS) {
    const detail = select.selectedOptions[0]?.dataset.detail;
    const text = detail ? fmt(S.chosen_detail, { text: detail }) : "";
    if (hint.textContent !== text) hint.textContent = text;
  }
}

const REQUIRED = [...form.elements].filter((c) => c.required && c.name);
function missingQuestions() {
  const names = new Set();
  for (const c of REQUIRED) if (!c.disabled) names.add(c.name);
  return [...names].filter((n) => valueOf(n) === "");
}

// A score as the engine wants it: numbers as numbers, tokens such as CELPIP "M" as text.
const scoreValue = (v) => (v === "" ? undefined : /^\d+(\.\d+)?$/.test(v) ? Number(v) : v);
const intValue = (v) => (v === "" ? undefined : Number(v));
const yes = (v) => (v === "" ? undefined : v === "yes");

function language(prefix) {
  const test = valueOf(prefix + ".test");
  if (test === "" || test === "none") return test === "none" ? null : undefined;
  const out = { test };
  for (const a of ABILITIES) out[a] = scoreValue(valueOf(`${prefix}.${a}`));
  return out;
}

const ELIGIBILITY_CONTROLS = controlsStarting("eligibility.");
const DATE_CONTROLS = controlsStarting("dates.");

// The profile the engine scores (calculator/README: the profile contract). Unanswered questions are left
// out; the engine then reports them as missing, and the page shows only the errors of answered fields.
function buildProfile() {
  const v = valueOf;
  const p = {
    marital_status: v("marital_status") || undefined,
    age: intValue(v("age")),
    education: v("education") || undefined,
    canadian_education: { yes: v("canadian_education") || undefined, no: "none" }[v("has_canadian_credential")],
    first_language: language("first_language"),
    second_language: language("second_language"),
    canadian_work_years: intValue(v("canadian_work_years")),
    foreign_work_years: intValue(v("foreign_work_years")),
    certificate_of_qualification: yes(v("certificate_of_qualification")),
    job_offer: { yes: v("job_offer") || undefined, no: "none" }[v("has_job_offer")],
    provincial_nomination: yes(v("provincial_nomination")),
    sibling_in_canada: yes(v("sibling_in_canada")),
  };
  if (p.second_language === undefined) p.second_language = null;
  if (["married", "common_law"].includes(p.marital_status)) {
    const cpr = yes(v("spouse.citizen_or_permanent_resident"));
    const spouse = { citizen_or_permanent_resident: cpr };
    if (cpr === false) spouse.accompanying = yes(v("spouse.accompanying"));
    if (spouse.accompanying) {
      spouse.education = v("spouse.education") || undefined;
      spouse.canadian_work_years = intValue(v("spouse.canadian_work_years"));
      spouse.language = language("spouse.language") ?? null;
    }
    p.spouse = spouse;
  } else {
    p.spouse = null;
  }
  const eligibility = {};
  // Question 5 i answers this for the programs. An estimate stands for results not taken yet: they will be new.
  const mode = v("language_mode");
  if (mode) eligibility.language_results_under_2_years = mode !== "no";
  for (const c of ELIGIBILITY_CONTROLS) {
    const key = c.name.slice("eligibility.".length);
    const value = c.value.trim();
    if (value === "") continue;
    eligibility[key] = c.tagName === "SELECT" ? value === "yes" : Number(value);
  }
  if (Object.keys(eligibility).length) p.eligibility = eligibility;
  const occupation = {};
  if (v("occupation.noc")) occupation.noc = v("occupation.noc");
  for (const key of ["months_last_3_years", "canadian_months_last_3_years", "continuous_months"]) {
    const value = v(`occupation.${key}`);
    if (value !== "") occupation[key] = Number(value);
  }
  if (Object.keys(occupation).length) p.occupation = occupation;
  if (v("rules_date")) p.rules_date = v("rules_date");
  const partner = partnerProfile(p);
  if (partner) p.partner = partner;
  const dates = {};
  for (const c of DATE_CONTROLS) if (c.value) dates[c.name.slice("dates.".length)] = c.value;
  if (Object.keys(dates).length) p.dates = dates;
  p.documents = documentAnswers();
  return JSON.parse(JSON.stringify(p)); // drops the undefined (unanswered) fields
}

// ---- the occupation combobox (WAI-ARIA combobox with a listbox popup) ----------------------------------
// The visitor types a job title or a code; matching NOC 2021 titles are listed (searched here, in the browser);
// the chosen code goes into the hidden `occupation.noc`. Arrow keys move, Enter chooses, Escape closes.

// The long lists (516 occupation titles, 250 country names: 13 KB compressed, for optional questions) come from
// the page's lists file (data-lists) when one of their questions is first used or a link answers one, not with
// the page. Until then a chosen code shows without its title and a typed country name goes as typed; once they
// arrive, the boxes and the score are brought up to date (onLists).
const MAX_OPTIONS = 30;
const fold = (t) => t.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
let NOC_TITLES = new Map();
let NOC_SEARCH = []; // [code, title, folded "code title"]
let COUNTRY_NAMES = new Map();
let COUNTRY_CODES = new Map(); // lower-case name -> code
let listsState = "none"; // "loading", "ready" or "failed"
let lists = null;
const listsWaiting = new Set(); // functions to run once the lists are in (or failed)

function loadLists() {
  lists ??= (listsState = "loading", fetch(abs(BOOT.lists)).then((r) => {
    if (!r.ok) throw new Error(`HTTP ${r.status}`);
    return r.json();
  }).then(({ noc, countries }) => {
    NOC_TITLES = new Map(noc);
    NOC_SEARCH = noc.map(([code, title]) => [code, title, fold(`${code} ${title}`)]);
    COUNTRY_NAMES = new Map(countries);
    COUNTRY_CODES = new Map(countries.map(([code, name]) => [name.toLowerCase(), code]));
    $("calc-countries").replaceChildren(...countries.map(([code, name]) => el("option", { value: code }, name)));
    listsState = "ready";
  }, (e) => {
    listsState = "failed";
    console.warn("calculator: the occupation and country lists could not be loaded", e);
  }).then(() => pageReady.then(onLists)));
  return lists;
}

function onLists() {
  for (const f of listsWaiting) f();
  listsWaiting.clear();
  update(); // typed country names become codes; chosen codes get their titles in the results
}

function nocMatches(query) {
  const q = fold(query.trim());
  if (!q) return [];
  if (/^\d+$/.test(q)) return NOC_SEARCH.filter(([code]) => code.startsWith(q));
  const words = q.split(/[^a-z0-9]+/).filter(Boolean);
  return NOC_SEARCH.filter(([, , text]) => words.every((w) => text.includes(w)));
}

// What the box shows for a chosen code: "31301 Registered nurses and registered psychiatric nurses".
const codeText = (code) => (code ? `${code} ${NOC_TITLES.get(code) ?? ""}`.trim() : "");

// One combobox per occupation question (yours, your partner's), on the markup of calculator.html's noc_combo:
// the text box `id`, its list `id`-list, the hidden code `id`-code, the chosen TEER `id`-teer, the count `id`-count.
function occupationCombo(id) {
  const combo = $(id);
  const comboList = $(`${id}-list`);
  const comboCode = $(`${id}-code`);
  let comboActive = -1;

  function comboOpen(open) {
    comboList.hidden = !open;
    combo.setAttribute("aria-expanded", String(open));
    if (!open) {
      comboActive = -1;
      combo.removeAttribute("aria-activedescendant");
    }
  }

  function comboHighlight(index) {
    const options = [...comboList.children];
    if (!options.length) return;
    comboActive = (index + options.length) % options.length;
    options.forEach((o, i) => o.setAttribute("aria-selected", String(i === comboActive)));
    combo.setAttribute("aria-activedescendant", options[comboActive].id);
    options[comboActive].scrollIntoView({ block: "nearest" });
  }

  function showChosen() {
    const code = comboCode.value;
    const title = NOC_TITLES.get(code);
    $(`${id}-teer`).textContent = title ? fmt(S.occupation_chosen, {
      noc: code, teer: code[1], skilled: Number(code[1]) <= 3 ? S.occupation_skilled : S.occupation_not_skilled,
    }) : "";
  }

  function comboChoose(code) {
    comboCode.value = code;
    combo.value = codeText(code);
    comboOpen(false);
    $(`${id}-count`).textContent = "";
    showChosen();
    update();
  }

  function comboSearch() {
    if (listsState === "none" || listsState === "loading") {
      loadLists();
      $(`${id}-count`).textContent = S.combo_loading;
      listsWaiting.add(() => document.activeElement === combo && combo.value.trim() && comboSearch());
      return;
    }
    const found = nocMatches(combo.value);
    // Without the list (it failed to load), a 5-digit code is taken as typed: the engine checks it.
    const exact = /^\d{5}$/.test(combo.value.trim())
      && (NOC_TITLES.has(combo.value.trim()) || listsState === "failed");
    if (comboCode.value && combo.value !== codeText(comboCode.value)) {
      comboCode.value = ""; // the text changed: the earlier choice no longer holds
      showChosen();
      update();
    }
    if (exact) return comboChoose(combo.value.trim());
    const shown = found.slice(0, MAX_OPTIONS);
    comboOpen(false); // a new list: no option is highlighted until an arrow key says so
    comboList.replaceChildren(...shown.map(([code, title]) =>
      el("li", { id: `${id}-opt-${code}`, role: "option", "aria-selected": "false", "data-code": code },
        el("span", { class: "combo-code" }, code), " ", title)));
    comboOpen(shown.length > 0);
    $(`${id}-count`).textContent = !combo.value.trim() ? ""
      : listsState === "failed" ? S.combo_failed
      : !found.length ? S.combo_none
        : found.length > shown.length ? fmt(S.combo_more, { n: found.length, shown: shown.length })
          : fmt(S.combo_count, { n: found.length });
  }

  combo.addEventListener("input", (e) => {
    e.stopPropagation(); // the text box is not an answer; only a chosen code is
    comboSearch();
  });
  combo.addEventListener("change", (e) => e.stopPropagation());
  combo.addEventListener("keydown", (e) => {
    const open = !comboList.hidden;
    if (e.key === "ArrowDown" || e.key === "ArrowUp") {
      e.preventDefault();
      if (!open) comboSearch();
      comboHighlight(comboActive + (e.key === "ArrowDown" ? 1 : comboActive < 0 ? 0 : -1));
    } else if (e.key === "Enter" && open && comboActive >= 0) {
      e.preventDefault();
      comboChoose(comboList.children[comboActive].dataset.code);
    } else if (e.key === "Escape" && open) {
      e.preventDefault();
      comboOpen(false);
    }
  });
  combo.addEventListener("focus", loadLists, { once: true });
  combo.addEventListener("blur", () => comboOpen(false));
  comboList.addEventListener("mousedown", (e) => e.preventDefault()); // keep the focus in the text box
  comboList.addEventListener("click", (e) => {
    const option = e.target.closest("[role=option]");
    if (option) comboChoose(option.dataset.code);
  });
  // After the answers were set from a link: the box shows the chosen code's title. `typed`: at start-up, text
  // typed before this script ran stays unless a code was chosen.
  const show = (typed = false) => {
    if (!typed || comboCode.value) combo.value = codeText(comboCode.value);
    showChosen();
    if (comboCode.value && listsState !== "ready") {
      loadLists();
      listsWaiting.add(() => show(true)); // the title, once the list is in
    }
  };
  return show;
}

const showCombos = ["q-noc", "q-partner-noc"].map(occupationCombo);

// ---- validation messages from the engine, next to their fields --------------------------------------

let shownErrors = [];
let errorsKey = ""; // the errors on the page, so an update with the same errors leaves them (and the alert) alone

function clearErrors() {
  for (const { message, controls } of shownErrors) {
    message.remove();
    for (const c of controls) {
      c.removeAttribute("aria-invalid");
      const ids = (c.getAttribute("aria-describedby") || "").split(" ").filter((id) => id && id !== message.id);
      if (ids.length) c.setAttribute("aria-describedby", ids.join(" "));
      else c.removeAttribute("aria-describedby");
    }
  }
  shownErrors = [];
  errorsKey = "";
  $("calc-errors").hidden = true;
  $("calc-errors").replaceChildren();
}

// Errors of answered fields only: "missing" errors for questions not reached yet would only be noise.
function showErrors(errors, complete) {
  const key = JSON.stringify([complete, errors.map((e) => [e.field, e.code, e.params, valueOf(e.field) !== "", controlsNamed(e.field)[0]?.id])]);
  if (key === errorsKey && shownErrors.every(({ message }) => message.isConnected)) return;
  clearErrors();
  errorsKey = key;
  const general = [];
  for (const error of errors) {
    // A hidden control (the chosen occupation code) shows its error on the box the visitor uses.
    const controls = controlsNamed(error.field).map((c) => (c.type === "hidden" && c.dataset.shownBy
      ? $(c.dataset.shownBy) : c));
    const answered = controls.length && valueOf(error.field) !== "";
    if (!answered) {
      if (complete) general.push(error);
      continue;
    }
    const first = controls[0];
    const id = `err-${first.id}`;
    if (document.getElementById(id)) continue;
    const message = el("p", { class: "field-error", id }, say(error));
    if (first.type === "radio") first.closest("fieldset").append(message);
    else first.after(message);
    const details = first.closest("details");
    if (details) details.open = true;
    for (const c of controls) {
      c.setAttribute("aria-invalid", "true");
      const ids = (c.getAttribute("aria-describedby") || "").split(" ").filter(Boolean);
      c.setAttribute("aria-describedby", [...ids, id].join(" "));
    }
    shownErrors.push({ message, controls });
  }
  if (general.length) {
    const box = $("calc-errors");
    box.replaceChildren(el("ul", {}, general.map((e) => el("li", {}, say(e)))));
    box.hidden = false;
  }
}

// ---- answer changed: disclosure, progress, score --------------------------------------------------

function update() {
  updateDisclosure();
  numberQuestions();
  showChosenDetails();
  const missing = missingQuestions();
  $("calc-progress").textContent =
    missing.length === 0 ? "" : missing.length === 1 ? S.missing_one : fmt(S.missing_count, { n: missing.length });
  lastProfile = buildProfile();
  root.dataset.lastProfile = JSON.stringify(lastProfile); // what gets scored, for tests and curious visitors
  keepAnswersSoon();
  if (!ready) return;
  sent += 1;
  worker.postMessage({ type: "score", id: sent, profile: JSON.stringify(lastProfile) });
}

form.addEventListener("input", update);
form.addEventListener("change", update);
form.addEventListener("submit", (e) => e.preventDefault());

// ---- results ------------------------------------------------------------------------------------------

const SUB_LINES = new Set(["first_language", "second_language"]); // shown under "Official Languages"

// One section as IRCC's tool shows it; a group (transferability) is its heading, its lines, its subtotal.
function sectionTable(section, result) {
  const rows = [];
  const row = (key, cls) =>
    el("tr", { class: cls }, el("th", { scope: "row" }, W.labels.lines[key]), el("td", {}, num(result.lines[key])));
  const groups = section.groups || [];
  const grouped = new Set(groups.flatMap((g) => g.lines));
  for (const key of section.lines) {
    if (grouped.has(key) || !(key in result.lines)) continue;
    const group = groups.find((g) => g.subtotal === key);
    if (group) {
      rows.push(el("tr", { class: "group" }, el("th", { scope: "rowgroup", colspan: "2" }, group.label)));
      rows.push(...group.lines.map((k) => row(k, "sub")));
      rows.push(row(key, "sub subtotal"));
    } else {
      rows.push(row(key, SUB_LINES.has(key) ? "sub" : null));
    }
  }
  rows.push(el("tr", { class: "subtotal" }, el("th", { scope: "row" }, section.subtotal_label),
    el("td", {}, num(result.subtotals[section.key]))));
  return el("table", { class: "calc-lines" }, el("caption", {}, section.label), el("tbody", {}, rows));
}

function renderBreakdown(r) {
  const total = el("p", { class: "grand-total" }, `${W.labels.total} = `, el("strong", {}, num(r.total)));
  put("calc-breakdown", ...SECTIONS.map((s) => sectionTable(s, r)), total);
}

function renderRules(r) {
  const parts = [el("h3", {}, S.rules_heading), el("p", {}, fmt(S.rules_text, r.rules))];
  if (r.warnings.length) {
    parts.push(el("div", { class: "calc-warnings" }, el("h3", {}, S.warnings_heading),
      el("ul", {}, r.warnings.map((w) => el("li", {}, say(w))))));
  }
  put("calc-rules", ...parts);
}

function renderFsw(r) {
  const g = r.fsw;
  const rows = Object.entries(g.factors).map(([k, v]) =>
    el("tr", {}, el("th", { scope: "row" }, S.fsw_factors[k] || k), el("td", {}, num(v))));
  rows.push(el("tr", { class: "subtotal" }, el("th", { scope: "row" }, S.fsw_total), el("td", {}, num(g.total))));
  const status = g.passes === true ? S.fsw_pass : g.passes === false ? S.fsw_fail : S.fsw_unknown;
  put("calc-fsw", 
    el("h3", {}, S.fsw_heading),
    el("table", { class: "calc-lines" },
      el("thead", {}, el("tr", {}, el("th", { scope: "col" }, S.fsw_factor), el("th", { scope: "col" }, S.fsw_points))),
      el("tbody", {}, rows)),
    el("p", {}, fmt(status, g)),
    g.passes === null && g.needs.length ? el("ul", {}, g.needs.map((n) => needItem(n, S.fsw_need))) : null,
    // The engine's "between … points: the answers listed decide" note says what the list above shows.
    el("ul", {}, g.notes.filter((n) => n.code !== "fsw_between").map((n) => el("li", {}, say(n)))),
  );
}

// (Question 5 i always answers language_results_under_2_years, estimates included: buildProfile.)
const REASON_FIELDS = new Map(); // eligibility question name -> [field, its label], looked up once

// An answer that would decide a program (an optional eligibility question) as a link to it, then why.
function needItem(name, why) {
  if (name?.startsWith("eligibility.") && !REASON_FIELDS.has(name)) {
    const f = form.querySelector(`[name="${name}"]`);
    REASON_FIELDS.set(name, f && [f, (f.type === "radio" ? f.closest("fieldset").querySelector("legend")
      : form.querySelector(`label[for="${f.id}"]`)).textContent.trim()]);
  }
  const found = name && REASON_FIELDS.get(name);
  if (!found) return el("li", {}, why);
  const [field, label] = found;
  return el("li", {}, el("a", { href: `#${field.id}`, "data-open-field": field.id }, label), W.words.label_separator, why);
}

// A program's reason: {code, params}; params.field names the answer that would decide it.
const reasonItem = (reason) => needItem(reason.params?.field, say(reason));

function renderEligibility(r) {
  // FST counts work in an eligible trade: say where the visitor's occupation stands (result.occupation.fst_trade).
  const trade = r.occupation && S.fst_trade_notes[r.occupation.fst_trade];
  const extra = { fst: trade ? [fmt(trade, { noc: r.occupation.noc })] : [] };
  const items = Object.entries(r.eligibility).map(([key, e]) => {
    const notes = [...(extra[key] || []), ...e.notes.map(say)];
    return el("div", { class: `program status-${e.status}` },
      el("h4", {}, S.programs[key] || key),
      el("p", {}, S.eligibility_status[e.status] || e.status),
      e.reasons.length ? el("ul", {}, e.reasons.map(reasonItem)) : null,
      notes.length ? el("ul", { class: "hint" }, notes.map((x) => el("li", {}, x))) : null);
  });
  const estimate = valueOf("language_mode") === "estimate"
    ? el("p", { class: "hint", id: "calc-eligibility-estimate" }, S.eligibility_estimate_note) : null;
  put("calc-eligibility", el("h3", {}, S.eligibility_heading), estimate, ...items);
}

// Links to optional questions open their <details> and move focus to the field.
root.addEventListener("click", (e) => {
  const link = e.target.closest("a[data-open-field]");
  if (!link) return;
  e.preventDefault();
  const field = $(link.dataset.openField);
  const details = field.closest("details");
  if (details) details.open = true;
  field.focus();
});

function renderImprovements(r) {
  const list = r.improvements.slice(0, 8);
  put("calc-improvements", 
    el("h3", {}, S.improvements_heading),
    list.length
      ? el("ol", {}, list.map((i) => el("li", {}, say(i), " ", el("strong", {}, fmt(S.improvements_gain, {
        gain: num(i.gain), new_total: num(i.new_total) })))))
      : el("p", {}, S.improvements_none),
  );
}

// ---- the rounds this profile can be invited in: computed by the engine (calculator/rounds.py) ----------

// An answer the engine needs ("occupation.noc", "programs", "fsw"...) as a link to its question, or words.
const NEED_FIELDS = {
  "occupation.noc": "q-noc", "occupation.months_last_3_years": "q-occ-months",
  "occupation.canadian_months_last_3_years": "q-occ-canadian", "occupation.continuous_months": "q-occ-continuous",
};

const PROGRAM_NEEDS = new Set(["programs", "fsw", "cec", "fst"]); // all answered by the optional program questions

const FIRST_PROGRAM_QUESTION = form.querySelector("#q-eligibility input, #q-eligibility select");
const NEED_LABELS = new Map(Object.values(NEED_FIELDS).map((id) =>
  [id, form.querySelector(`label[for="${id}"]`)?.textContent.trim() ?? id])); // looked up once, not per row

function needItems(needs) {
  const items = [];
  let programs = false;
  for (const need of needs) {
    if (PROGRAM_NEEDS.has(need)) {
      if (programs) continue;
      programs = true;
      const first = FIRST_PROGRAM_QUESTION;
      items.push(el("li", {}, el("a", { href: `#${first.id}`, "data-open-field": first.id }, S.round_needs.programs)));
      continue;
    }
    const id = NEED_FIELDS[need];
    const field = id && $(id);
    if (field && !field.disabled) {
      const label = NEED_LABELS.get(id);
      items.push(el("li", {}, el("a", { href: `#${id}`, "data-open-field": id }, label)));
    } else {
      items.push(el("li", {}, S.round_needs[need] || need));
    }
  }
  return items;
}

function reasonText(reason) {
  const words = S.round_reasons[reason.code] || reason.code;
  const program = reason.program ? S.programs[reason.program] : "";
  const field = reason.field ? S.occupation_fields[reason.field.replace("occupation.", "")] : "";
  return fmt(words, { ...reason, program, field });
}

// IRCC's tie-break time ("2026-07-03T21:35:13Z", from the build's rounds data) as the rounds page writes it
// (sitegen.strings.format_datetime): "3 July 2026 at 21:35:13 UTC", « 3 juillet 2026 à 21 h 35 min 13 s (UTC) ».
function tieBreak(iso) {
  const [, date, hh, mm, ss] = /^(\d{4}-\d\d-\d\d)T(\d\d):(\d\d):(\d\d)/.exec(iso || "") || [];
  if (!date) return S.tie_break_unknown;
  // The French pattern (H 'h' mm) writes the hour without its leading zero, the English (HH:mm:ss) with it.
  const hour = FRENCH_PAGE ? String(Number(hh)) : hh;
  return fmt(S.tie_break_time, { date: day(date), hour, minute: mm, second: ss });
}

function roundRow(x) {
  const verdict = x.status === "above" ? fmt(S.draws_above, { margin: num(x.margin) })
    : x.status === "at" ? fmt(S.draws_at, { tie_break: tieBreak(x.tie_break) })
      : fmt(S.draws_below, { margin: num(-x.margin) });
  const meta = [`#${x.number}, ${day(x.date)}`, x.recent ? null : S.draws_not_recent].filter(Boolean).join(" · ");
  return el("tr", { class: `draw-${x.status}` },
    el("th", { scope: "row" }, x.label, el("span", { class: "draw-meta" }, meta)),
    el("td", {}, num(x.cutoff)),
    el("td", {}, verdict));
}

function roundsTable(rows) {
  return el("table", { class: "calc-draws-table" },
    el("thead", {}, el("tr", {}, [S.draws_round, S.draws_cutoff, S.draws_result]
      .map((h) => el("th", { scope: "col" }, h)))),
    el("tbody", {}, rows.map(roundRow)));
}

// The undecided rounds, grouped by the answers that decide them (a round with reasons of its own stands alone):
// before the optional questions are answered, a dozen rounds wait for the same one or two answers, which are then
// asked for once a group instead of once a round.
function undecidedGroups(unknown) {
  const groups = new Map();
  for (const x of unknown) {
    const wanted = [...new Set(x.needs.map((n) => (PROGRAM_NEEDS.has(n) ? "programs" : n)))].sort().join(" ");
    const key = x.reasons.length ? `${x.key}:` : wanted;
    if (!groups.has(key)) groups.set(key, []);
    groups.get(key).push(x);
  }
  return [...groups.values()];
}

function renderDraws(r) {
  const box = $("calc-draws");
  const rounds = r.rounds;
  if (!rounds) {
    box.replaceChildren();
    return;
  }
  const parts = [el("h3", {}, S.draws_heading),
    el("p", {}, fmt(S.draws_intro, { number: rounds.as_of.number, date: day(rounds.as_of.date) }))];
  parts.push(rounds.rounds.length ? roundsTable(rounds.rounds) : el("p", { id: "calc-rounds-none" }, S.draws_none));
  if (rounds.unknown.length) {
    parts.push(el("h4", {}, S.draws_unknown_heading), el("p", { class: "hint" }, S.draws_unknown_intro));
    for (const group of undecidedGroups(rounds.unknown)) {
      const needs = group[0].needs.length ? [
        el("p", { class: "calc-rounds-needs-intro" }, group.length > 1 ? S.draws_needs_many : S.draws_needs_one),
        el("ul", { class: "calc-rounds-needs" }, needItems(group[0].needs))] : [];
      parts.push(el("div", { class: "calc-rounds-group" },
        el("ul", { class: "calc-rounds-unknown" }, group.map((x) => el("li", {},
          el("strong", {}, x.label), " ", fmt(S.draws_unknown_cutoff, { cutoff: num(x.cutoff), date: day(x.date) }),
          x.reasons.length ? el("span", {}, " ", x.reasons.map(reasonText).join(" ")) : null))),
        ...needs));
    }
  }
  if (rounds.not_eligible.length) {
    parts.push(el("details", { class: "calc-rounds-out" },
      el("summary", {}, fmt(S.draws_not_eligible_heading, { n: rounds.not_eligible.length })),
      el("ul", {}, rounds.not_eligible.map((x) => el("li", {}, el("strong", {}, x.label), `${S.colon} `,
        x.reasons.map(reasonText).join(" "))))));
  }
  const facts = r.category_rules.categories || {};
  const disputed = Object.entries(r.categories).filter(([k, c]) => facts[k]?.disputed && c.status !== "not_eligible");
  if (disputed.length) parts.push(el("p", { class: "hint" }, S.draws_disputed));
  if (r.category_rules.encoded) {
    parts.push(el("p", { class: "hint" }, fmt(S.draws_categories_note, { date: day(r.category_rules.effective_from) }),
      " ", el("a", { href: root.dataset.categories }, S.draws_categories_link)));
  } else {
    parts.push(el("p", { class: "hint" }, fmt(S.draws_categories_not_encoded, { date: day(r.category_rules.earliest) })));
  }
  const pos = rounds.pool;
  if (pos) {
    const text = pos.exact
      ? fmt(S.pool_exact, { min: num(pos.at_or_above_min), as_of: day(pos.as_of), score: r.total })
      : fmt(S.pool_range, {
        min: num(pos.at_or_above_min), max: num(pos.at_or_above_max), as_of: day(pos.as_of), score: r.total,
        estimate: num(pos.estimate), band_min: pos.band.min, band_max: pos.band.max,
      });
    parts.push(el("p", {}, text, " ", fmt(S.pool_total, { total: num(pos.total) })));
  }
  parts.push(el("p", { class: "hint" }, S.draws_caution));
  box.replaceChildren(...parts);
}

// ---- the partner as the principal applicant: scored by the engine (calculator/swap.py) -------------------

// The partner part's controls, found once: valueOf() searches the whole form for each name (about 0.15 ms a
// call on this page), and the part has a dozen questions read on every answer. None of them is a radio button.
const PARTNER_CONTROLS = [...form.querySelectorAll('[name^="partner."]')];
const partnerAnswered = () => PARTNER_CONTROLS.some((c) => !c.disabled && c.value.trim() !== "");

function partnerValue(name) {
  for (const c of PARTNER_CONTROLS) if (c.name === name && !c.disabled) return c.value.trim();
  return "";
}

// profile.partner, only once one of its questions is answered and the partner's test results are given (the
// engine needs them as the principal applicant's first language); the engine reports what is still missing.
function partnerProfile(p) {
  const v = partnerValue;
  if (!p.spouse?.accompanying || !p.spouse.language || !partnerAnswered()) return null;
  return {
    ...partnerOwn(),
    age: intValue(v("partner.age")),
    canadian_education: v("partner.canadian_education") || undefined,
    foreign_work_years: intValue(v("partner.foreign_work_years")),
    certificate_of_qualification: yes(v("partner.certificate_of_qualification")),
    job_offer: v("partner.job_offer") || undefined,
    provincial_nomination: yes(v("partner.provincial_nomination")),
    second_language: language("partner.second_language") ?? null,
  };
}

// The partner's own occupation and program answers (calculator.html #q-partner-occupation, #q-partner-eligibility),
// as profile.partner.occupation and .eligibility: the code as text, numbers as numbers, yes / no as booleans.
const PARTNER_OWN = [...form.querySelectorAll('[name^="partner.occupation."], [name^="partner.eligibility."]')];

function partnerOwn() {
  const out = {};
  for (const c of PARTNER_OWN) {
    const value = c.disabled ? "" : c.value.trim();
    if (value === "") continue;
    const [, part, key] = c.name.split(".");
    out[part] ??= {};
    out[part][key] = c.tagName === "SELECT" ? value === "yes" : key === "noc" ? value : Number(value);
  }
  return out;
}

// The category rounds an ordering could be invited in, or might be (answers missing), in the strings' words.
function swapCategories(categories) {
  const shown = Object.entries(categories).filter(([, status]) => status !== "not_eligible");
  return [el("p", { class: "hint" }, S.swap.categories),
    el("ul", { class: "hint calc-swap-categories" }, shown.length
      ? shown.map(([k, status]) => el("li", { "data-category": k },
        `${S.swap.category_names[k] || k}${S.colon} ${S.swap.status[status]}`))
      : el("li", {}, S.swap.categories_none))];
}

function swapColumn(title, r, sections) {
  return el("div", { class: "calc-swap-col" },
    el("h4", {}, title),
    el("p", { class: "calc-swap-total" }, `${S.swap.total}${S.colon} `, el("strong", {}, num(r.total))),
    el("dl", {}, sections.flatMap((s) => [el("dt", {}, s.label), el("dd", {}, num(r.subtotals[s.key]))])),
    r.eligibility ? el("p", { class: "hint" }, S.swap.programs) : null,
    r.eligibility ? el("ul", { class: "hint" }, ["fsw", "cec", "fst"].map((k) => el("li", {},
      `${S.programs[k]}${S.colon} ${S.swap.status[r.eligibility[k]]}`))) : null,
    r.categories ? swapCategories(r.categories) : null);
}

function renderSwap(r) {
  const swap = r.spouse_as_principal;
  const open = !$("q-partner").hidden && partnerAnswered();
  if (!swap) {
    put("calc-swap", open && !lastProfile?.spouse?.language ? el("p", { class: "hint" }, S.swap.needs_language) : null);
    return;
  }
  const n = Math.abs(swap.difference);
  const which = { partner: "higher_partner", you: "higher_you" }[swap.higher];
  const says = which ? fmt(S.swap[n === 1 ? `${which}_one` : which], { n: num(n) }) : S.swap.equal;
  const own = { total: r.total, subtotals: r.subtotals,
    eligibility: Object.fromEntries(Object.entries(r.eligibility).map(([k, e]) => [k, e.status])),
    categories: Object.fromEntries(Object.entries(r.categories).map(([k, c]) => [k, c.status])) };
  put("calc-swap", el("h3", {}, S.swap.heading),
    el("div", { class: "calc-swap-cols" }, swapColumn(S.swap.you, own, SECTIONS),
      swapColumn(S.swap.partner, swap, SECTIONS)),
    el("p", { class: "calc-swap-difference" }, says),
    el("p", { class: "hint" }, S.swap.own_profile));
}

// ---- the dates that change the score: listed by the engine (calculator/timeline.py), .ics built here ----

const T = S.timeline;

function timelineText(item) {
  const key = item.kind === "canadian_work" && item.years === 1 ? "canadian_work_1" : item.kind;
  return fmt(T.kinds[key] || item.kind, { ...item, which: T.which[item.which] || item.which });
}

function timelinePoints(item) {
  if (item.points === null) {
    return item.which === "first_language" ? T.first_language_effect : item.kind === "eca_expires" ? T.eca_effect : "";
  }
  if (item.points === 0) return T.no_change;
  return fmt(item.points > 0 ? T.gain : T.loss, { n: num(Math.abs(item.points)) });
}

// RFC 5545 text: backslash, semicolon, comma and newline escaped; lines folded at 75 octets (UTF-8), CRLF.
const icsText = (text) => text.replace(/[\\;,]/g, (c) => `\\${c}`).replace(/\r?\n/g, "\\n");
const UTF8 = new TextEncoder();

function icsFold(line) {
  const out = [];
  let part = "";
  let size = 0;
  for (const ch of line) {
    const n = UTF8.encode(ch).length;
    if (size + n > 75) {
      out.push(part);
      part = " "; // a continuation line starts with one space, which counts in its 75 octets
      size = 1;
    }
    part += ch;
    size += n;
  }
  out.push(part);
  return out.join("\r\n");
}

const icsDate = (iso) => iso.replaceAll("-", "");
const nextDay = (iso) => new Date(Date.parse(`${iso}T00:00:00Z`) + 86400000).toISOString().slice(0, 10);

function buildIcs(r) {
  const stamp = new Date().toISOString().replace(/[-:]/g, "").replace(/\.\d+/, "");
  const host = location.hostname || "express-entry-guide";
  const description = fmt(T.calendar_description, { date: day(r.rules.date), total: num(r.total) });
  const lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Express Entry Guide//CRS calculator//EN",
    "CALSCALE:GREGORIAN", "METHOD:PUBLISH", `X-WR-CALNAME:${icsText(T.calendar_name)}`];
  r.timeline.forEach((item, i) => {
    const points = timelinePoints(item);
    lines.push("BEGIN:VEVENT", `UID:${item.date}-${item.kind}-${i}@${host}`, `DTSTAMP:${stamp}`,
      `DTSTART;VALUE=DATE:${icsDate(item.date)}`, `DTEND;VALUE=DATE:${icsDate(nextDay(item.date))}`,
      `SUMMARY:${icsText(points ? `${timelineText(item)}${S.colon} ${points}` : timelineText(item))}`,
      `DESCRIPTION:${icsText(description)}`, "TRANSP:TRANSPARENT", "END:VEVENT");
  });
  lines.push("END:VCALENDAR");
  return lines.map(icsFold).join("\r\n") + "\r\n";
}

function downloadIcs() {
  if (!current) return;
  const url = URL.createObjectURL(new Blob([buildIcs(current)], { type: "text/calendar;charset=utf-8" }));
  const link = el("a", { href: url, download: T.calendar_file, hidden: true });
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

function renderTimeline(r) {
  const items = r.timeline || [];
  const warnings = r.timeline_warnings || [];
  if (!lastProfile?.dates) {
    $("calc-timeline").replaceChildren();
    return;
  }
  const parts = [el("h3", {}, T.heading), el("p", { class: "hint" }, fmt(T.intro_result, { date: day(r.rules.date) }))];
  if (warnings.length) {
    parts.push(el("div", { class: "calc-warnings" }, el("h4", {}, T.warnings_heading),
      el("ul", {}, warnings.map((w) => el("li", {}, fmt(T.warnings[w.code] || w.code,
        { date: day(w.date), which: T.which[w.which] || "" }))))));
  }
  if (items.length) {
    parts.push(el("ol", { class: "calc-timeline-list" }, items.map((item) => {
      const points = timelinePoints(item);
      // "effect", not "note", which is the form's boxed warning style (calculator.css .note)
      const cls = item.points > 0 ? "gain" : item.points < 0 ? "loss" : "effect";
      return el("li", { "data-date": item.date, "data-kind": item.kind },
        el("time", { datetime: item.date }, day(item.date)), `${S.colon} `,
        points ? fmt(T.event_sentence, { event: timelineText(item) }) : timelineText(item),
        points ? el("span", { class: `calc-timeline-points ${cls}` }, " ", points) : null);
    })));
    if (lastProfile.dates.birth?.endsWith("-02-29")) parts.push(el("p", { class: "hint" }, T.leap_note));
    parts.push(el("p", { class: "hint no-print", id: "calc-calendar-hint" }, T.calendar_hint),
      el("p", { class: "calc-actions no-print" },
        el("button", { type: "button", id: "calc-calendar", "aria-describedby": "calc-calendar-hint" },
          T.calendar_button)));
  } else {
    parts.push(el("p", {}, T.none));
  }
  put("calc-timeline", ...parts);
}

$("calc-timeline").addEventListener("click", (e) => {
  if (e.target.closest("#calc-calendar")) downloadIcs();
});
// ---- my document list: computed by the engine (calculator/documents.py), worded here, ticks kept locally ----

// The countries box takes codes or names, with commas between them; anything else goes to the engine as typed,
// so its message says what is wrong next to the box.
for (const id of ["q-doc-countries", "q-doc-spouse-countries"]) $(id).addEventListener("focus", loadLists, { once: true });
const DOC_PAGES = JSON.parse($("calc-doc-pages").textContent);
const DOC_TICKS = "ee-guide:calculator-documents"; // one entry: the JSON list of the ticked items' ids

function countryCodes(text) {
  return text.split(/[,;]/).map((t) => t.trim()).filter(Boolean).map((t) => {
    if (/^[a-z]{2}$/i.test(t)) return t.toUpperCase();
    return COUNTRY_CODES.get(t.toLowerCase()) ?? t;
  });
}

function documentAnswers() {
  const out = {};
  for (const key of ["countries_lived", "spouse_countries_lived"]) {
    const text = valueOf(`documents.${key}`);
    if (text === "") continue;
    const codes = countryCodes(text);
    // A name needs the list to become its code: until it is in, the answer waits (the list of documents says
    // the countries are not given yet) rather than going to the engine as an unknown country.
    if (listsState !== "ready" && listsState !== "failed" && codes.some((c) => !/^[A-Z]{2}$/.test(c))) loadLists();
    else out[key] = codes;
  }
  const credential = yes(valueOf("documents.foreign_credential"));
  if (credential !== undefined) out.foreign_credential = credential;
  return out; // always sent, even empty: the engine makes the list only when asked (calculator/README)
}

// localStorage can be missing or throw (some private modes): the boxes then still tick, for this visit only.
const docStore = {
  read() {
    try {
      const ids = JSON.parse(localStorage.getItem(DOC_TICKS) ?? "[]");
      return new Set(Array.isArray(ids) ? ids : []);
    } catch {
      return new Set();
    }
  },
  write(ids) {
    try {
      if (ids.size) localStorage.setItem(DOC_TICKS, JSON.stringify([...ids]));
      else localStorage.removeItem(DOC_TICKS);
      return true;
    } catch {
      return false;
    }
  },
};
let docTicks = docStore.read();
let docStatus = ""; // what the last tick or Clear said, kept when a new result redraws the list

function docName(d) {
  const N = S.documents.names;
  if (d.key === "language_results") {
    return ["clb", "nclc"].includes(d.test) ? fmt(N.language_results_levels, { language: S.documents.languages[d.language] })
      : fmt(N.language_results, { test: S.test_labels[d.test] || d.test });
  }
  if (d.key === "work_experience") return N[`work_experience_${d.which}`];
  if (d.key === "police_certificate") {
    return d.country ? fmt(N.police_certificate, { country: COUNTRY_NAMES.get(d.country) || d.country })
      : N.police_certificate_countries;
  }
  return N[d.key] || d.key;
}

function docItem(d) {
  const id = `calc-doc-${d.id.replace(/[^A-Za-z0-9_-]/g, "-")}`;
  const years = d.years === undefined ? "" : d.years === 1 ? S.documents.year : fmt(S.documents.years, { n: d.years });
  const reason = fmt(S.documents.reasons[d.reason] || d.reason,
    { years, country: COUNTRY_NAMES.get(d.country) || d.country || "" });
  const box = el("input", { type: "checkbox", id, "data-doc-id": d.id, checked: docTicks.has(d.id) });
  const field = d.needs && controlsNamed(d.needs)[0];
  const page = DOC_PAGES[d.key];
  return el("li", {},
    box,
    el("label", { for: id }, el("strong", {}, docName(d))),
    el("p", { class: "hint" }, reason,
      field ? [" ", el("a", { href: `#${field.id}`, "data-open-field": field.id }, S.documents.answer_link)] : null),
    page ? el("p", { class: "calc-doc-more" }, el("a", { href: page }, fmt(S.documents.more, { title: docName(d) }))) : null);
}

function renderDocuments(r) {
  const D = S.documents;
  const mine = r.documents.filter((d) => d.person === "principal");
  const partner = r.documents.filter((d) => d.person === "partner");
  const list = (items) => el("ul", { class: "calc-doc-list" }, items.map(docItem));
  put("calc-documents",
    el("h3", { id: "calc-documents-title" }, D.heading),
    el("p", { class: "hint" }, D.intro_results),
    el("p", { class: "calc-doc-status no-print", id: "calc-doc-status", role: "status" }, docStatus),
    partner.length ? el("h4", {}, D.for_you) : null, list(mine),
    ...(partner.length ? [el("h4", {}, D.for_partner), list(partner)] : []),
    el("div", { class: "calc-doc-tools no-print" },
      el("button", { type: "button", id: "calc-doc-print" }, D.print),
      el("button", { type: "button", id: "calc-doc-clear" }, D.clear)));
}

root.addEventListener("change", (e) => {
  const id = e.target.dataset?.docId;
  if (!id) return;
  if (e.target.checked) docTicks.add(id);
  else docTicks.delete(id);
  docStatus = docStore.write(docTicks) ? S.documents.kept : S.documents.not_kept;
  $("calc-doc-status").textContent = docStatus;
});
root.addEventListener("click", (e) => {
  if (e.target.id === "calc-doc-clear") {
    docTicks = new Set();
    docStore.write(docTicks);
    for (const box of $("calc-documents").querySelectorAll("input[data-doc-id]")) box.checked = false;
    docStatus = S.documents.cleared;
    $("calc-doc-status").textContent = docStatus;
  } else if (e.target.id === "calc-doc-print") {
    // Only the list prints (calculator.css, body.print-documents), then the page prints as before.
    document.body.classList.add("print-documents");
    window.print();
  }
});
window.addEventListener("afterprint", () => document.body.classList.remove("print-documents"));

// What the visitor answered, for the printed page (the form itself is not printed). Written when the page is
// about to print (or shown as print media), not on every result: it reads every control of the form.
let answersShown = false;
function renderAnswers() {
  if (answersShown || !current) return;
  answersShown = true;
  const items = [];
  for (const c of form.querySelectorAll("select, input")) {
    if (c.disabled || c.type === "radio" && !c.checked || !c.value || c.type === "checkbox" || c.type === "hidden") continue;
    const label = c.type === "radio" ? c.closest("fieldset").querySelector("legend").textContent
      : form.querySelector(`label[for="${c.id}"]`)?.textContent;
    const value = c.tagName === "SELECT" ? c.selectedOptions[0].textContent
      : c.type === "radio" ? c.parentElement.textContent : c.value;
    items.push(el("dt", {}, (label || c.name).trim()), el("dd", {}, value.trim()));
  }
  put("calc-answers", el("h3", {}, S.answers_heading), el("dl", {}, items));
}

function summaryText(r) {
  const lines = [fmt(S.summary_title, { total: r.total })];
  for (const s of SECTIONS) lines.push(fmt(S.summary_line, { label: s.label, points: r.subtotals[s.key] }));
  lines.push(fmt(S.rules_text, r.rules));
  return lines.join("\n");
}

let current = null; // the result on screen
const printing = matchMedia("print");
printing.addEventListener("change", () => printing.matches && renderAnswers());
window.addEventListener("beforeprint", renderAnswers);

// The score is announced from one polite live region, half a second after the answers settle and only when
// the words change: an answer that leaves the score as it was says nothing, and a score that goes away says so.
const ANNOUNCE_DELAY_MS = 500;
let announceTimer = 0;

function announce() {
  const region = $("calc-announce");
  const text = current ? fmt(S.score_announce, { total: num(current.total) })
    : region.textContent ? S.score_unavailable : ""; // nothing to withdraw before a first score
  clearTimeout(announceTimer);
  announceTimer = setTimeout(() => {
    if (region.textContent !== text) region.textContent = text;
  }, ANNOUNCE_DELAY_MS);
}

// While the sticky bar shows, the page keeps focused controls clear of it (calculator.css).
// Its height comes from a ResizeObserver, which also sees the bar appear: reading offsetHeight here forced a
// layout of the whole page on every result.
function showBar(show) {
  const bar = $("calc-bar");
  if (bar.hidden === show) bar.hidden = !show;
  document.documentElement.classList.toggle("calc-bar-shown", show);
}

new ResizeObserver(([entry]) => {
  const height = entry.borderBoxSize?.[0]?.blockSize ?? entry.target.offsetHeight;
  if (height) document.documentElement.style.setProperty("--calc-bar-height", `${Math.round(height)}px`);
}).observe($("calc-bar"));

// The score column beside the form on a wide screen (hidden by calculator.css on narrow ones).
function renderSummary(r) {
  $("calc-summary-empty").hidden = Boolean(r);
  $("calc-summary-score").hidden = !r;
  if (!r) return;
  $("calc-summary-total").textContent = num(r.total);
  put("calc-summary-sections", ...SECTIONS.flatMap((s) => [el("dt", {}, s.label), el("dd", {}, num(r.subtotals[s.key]))]));
}

function updateAskLink() {
  const base = root.dataset.assessment;
  $("calc-ask").href = current && $("calc-ask-summary").checked
    ? `${base}#summary=${encodeURIComponent(summaryText(current))}` : base;
}

// Answers of the optional parts (occupation, program eligibility) never hide the score: when they are the only
// errors, the page asks for the score without them, shows it, and keeps the messages next to those fields.
const OPTIONAL_PARTS = ["occupation", "eligibility", "partner", "dates", "documents"];
let optionalErrors = null; // the optional-part errors behind the result on screen, or null

function withoutFields(profile, errors) {
  const out = JSON.parse(JSON.stringify(profile));
  for (const { field } of errors) {
    const [part, key] = field.split(".");
    if (key === undefined || !out[part] || part === "partner") delete out[part];
    else delete out[part][key];
  }
  return out;
}

function render(result, id) {
  const results = $("calc-results");
  if (result.errors && retried !== id && lastProfile
      && result.errors.every((e) => OPTIONAL_PARTS.includes(e.field.split(".")[0]))) {
    optionalErrors = result.errors;
    retried = id;
    worker.postMessage({ type: "score", id, profile: JSON.stringify(withoutFields(lastProfile, result.errors)) });
    return;
  }
  const errorsShown = retried === id ? optionalErrors : null;
  retried = 0;
  optionalErrors = null;
  $("calc-optional-note").hidden = !errorsShown || Boolean(result.errors);
  if (result.errors) {
    // No score until every required answer is valid: a score for other answers would mislead.
    showErrors(result.errors, missingQuestions().length === 0);
    current = null;
    results.hidden = true;
    showBar(false);
    renderSummary(null);
    updateAskLink();
    announce();
    return;
  }
  clearErrors();
  if (errorsShown) showErrors(errorsShown, false);
  current = result;
  results.hidden = false;
  showBar(true);
  $("calc-total").textContent = num(result.total);
  $("calc-bar-total").textContent = num(result.total);
  renderSummary(result);
  renderBreakdown(result);
  renderRules(result);
  renderFsw(result);
  renderEligibility(result);
  renderImprovements(result);
  renderDraws(result);
  renderSwap(result);
  renderTimeline(result);
  renderDocuments(result);
  answersShown = false;
  if (printing.matches) renderAnswers();
  const link = shareLink();
  $("calc-share-link").value = link;
  keepAnswersOnLanguageSwitch(link.slice(link.indexOf("#")));
  updateAskLink();
  announce();
}

// ---- shareable link: the answers in the URL fragment -------------------------------------------------

// The answers as the link's fragment: every answered control, by name.
function answersText() {
  const params = new URLSearchParams();
  for (const [name, value] of new FormData(form)) if (value !== "") params.append(name, value);
  return String(params);
}

function shareLink() {
  return `${location.origin}${location.pathname}#${answersText()}`;
}

// The answers are kept for a reload or the back button in this tab only: in the page's own entry of the tab's
// history (history.state), as a browser keeps a form's values. They are never sent and go with the tab (the
// privacy page says so). The browser's own form restore cannot do it: the score boxes are added by this script
// (fillScores), and Chromium restored none of the form's answers anyway. Written as the answers change, not as
// the page unloads (Chromium ignores a history change made then), at most once a second (Safari refuses more
// than 100 in 10 s), and when the page is hidden (a phone may discard a background tab).
const KEPT = "calcAnswers";
let keepTimer = 0;
let keptAt = -Infinity;
function keepAnswers() {
  clearTimeout(keepTimer);
  keepTimer = 0;
  keptAt = performance.now();
  const text = answersText();
  if (history.state?.[KEPT] === text) return;
  try {
    history.replaceState({ ...history.state, [KEPT]: text }, ""); // ~1 ms
  } catch {
    // a browser that refuses (too many calls, a sandboxed frame): nothing is kept
  }
}
// At most one write a second, and 0.3 s after the answer at the soonest: not while its score is on its way
// (a write right after each answer made answer-to-score 5 ms slower in bench/).
function keepAnswersSoon() {
  if (!keepTimer) keepTimer = setTimeout(keepAnswers, Math.max(300, keptAt + 1000 - performance.now()));
}
document.addEventListener("visibilitychange", () => document.visibilityState === "hidden" && keepAnswers());

// The header's link to this page in the other language (a plain link) carries the answers too, so the visitor
// finds the same answers and score there.
function keepAnswersOnLanguageSwitch(fragment) {
  for (const a of document.querySelectorAll("a[data-language-switch]")) a.hash = fragment;
}

function setControl(name, value) {
  let changed = false;
  for (const c of controlsNamed(name)) {
    if (c.type === "radio") {
      if (c.value === value && !c.checked) {
        c.checked = true;
        changed = true;
      }
    } else if (c.value !== value) {
      c.value = value;
      changed = changed || c.value === value;
    }
    const details = c.closest("details");
    if (details) details.open = true;
  }
  return changed;
}

// A link this page makes is under 6,000 characters even with every question given its longest answer and
// 100 characters in each text box (test_calculator_share_limits.py). Anything far over that, or a question
// answered twice, was not made here: a 1.8 MB fragment froze the page for 24 s while its answers were tried.
const MAX_FRAGMENT = 30000;

function hashParams(hash) {
  if (hash.length > MAX_FRAGMENT) return null;
  const params = [...new URLSearchParams(hash)];
  return new Set(params.map(([name]) => name)).size === params.length ? params : null;
}

function restoreFromHash() {
  const hash = location.hash.slice(1);
  const ignored = $("calc-link-ignored");
  ignored.hidden = true;
  if (!hash.includes("=")) return false;
  const params = hashParams(hash);
  if (params === null) {
    ignored.textContent = S.share_link_ignored;
    ignored.hidden = false;
    return false;
  }
  restoreAnswers(params);
  return true;
}

// This tab's kept answers (keepAnswers), which are newer than the link the page was opened with, if any.
function restoreKept() {
  const kept = history.state?.[KEPT];
  const params = typeof kept === "string" && kept.includes("=") ? hashParams(kept) : null;
  if (params) restoreAnswers(params);
  return params !== null;
}

function restoreAnswers(params) {
  // Answers reveal further questions: repeat until every answer found its now-visible control.
  for (let pass = 0; pass < 6; pass++) {
    updateDisclosure();
    let changed = false;
    for (const [name, value] of params) changed = setControl(name, value) || changed;
    if (!changed) break;
  }
}

$("calc-copy").addEventListener("click", async () => {
  const input = $("calc-share-link");
  try {
    await navigator.clipboard.writeText(input.value);
  } catch {
    input.select();
    document.execCommand("copy");
  }
  $("calc-copied").textContent = S.share_copied;
});
$("calc-print").addEventListener("click", () => window.print());
$("calc-ask-summary").addEventListener("change", updateAskLink);
$("calc-retry").addEventListener("click", () => {
  startWorker();
  $("calc-status-text").focus(); // the button is about to be hidden: focus goes to the news of the retry
});
window.addEventListener("hashchange", () => {
  if (!restoreFromHash()) return;
  for (const show of showCombos) show();
  update();
});

if (!restoreKept()) restoreFromHash();
for (const show of showCombos) show(true);
update();
wired();
