// The search box in the header (templates/partials/search.html). The build has Pagefind index every page
// into pagefind/; this script loads Pagefind's own search API from there (data-bundle, which follows the
// base URL) and shows a short list of our own: each page's title and an excerpt. Every word comes from the
// form's data- attributes (templates/strings/<language>.yml), and nothing is styled inline, so the strict
// style-src of the CSP holds. Pagefind picks the index of the page's <html lang>.

const MAX_RESULTS = 8; // more does not fit beside the page; the status line says how many matched
const DELAY_MS = 150; // wait for a pause in typing, so each key press does not start a search

const form = document.getElementById("site-search");
if (form) start(form);

function start(form) {
  const input = form.querySelector("input[type=search]");
  const panel = document.getElementById("site-search-results");
  const status = document.getElementById("site-search-status");
  const list = document.getElementById("site-search-list");
  const words = form.dataset;
  let pagefind = null; // a promise, made on first use: a visitor who never searches downloads nothing
  let latest = 0; // the newest search; an older one that ends later must not overwrite it
  let timer = 0;

  const load = () =>
    (pagefind ??= import(words.bundle).then(async (pf) => {
      await pf.options({ excerptLength: 20 });
      await pf.init();
      return pf;
    }));

  async function run() {
    const query = input.value.trim();
    const ticket = ++latest;
    if (!query) {
      close();
      return;
    }
    panel.hidden = false;
    status.textContent = words.searching;
    try {
      const pf = await load();
      const search = await pf.search(query);
      const shown = search.results.slice(0, MAX_RESULTS);
      const pages = await Promise.all(shown.map((r) => r.data()));
      if (ticket !== latest) return;
      list.replaceChildren(...pages.map(resultItem));
      status.textContent = summary(search.results.length, pages.length, query);
    } catch (error) {
      if (ticket !== latest) return;
      pagefind = null; // try again on the next search (a dropped connection, say)
      list.replaceChildren();
      status.textContent = words.failed;
      console.warn("Search failed:", error);
    }
  }

  function summary(count, shown, query) {
    const line = count === 0 ? words.none : count === 1 ? words.one : words.many;
    const text = line.replace("{count}", count).replace("{query}", query);
    return shown < count ? `${text} ${words.first.replace("{shown}", shown)}` : text;
  }

  function close() {
    latest++;
    clearTimeout(timer);
    panel.hidden = true;
    list.replaceChildren();
    status.textContent = "";
  }

  form.hidden = false;
  input.addEventListener("focus", () => load().catch(() => {}), { once: true }); // fetch the index early
  input.addEventListener("input", () => {
    clearTimeout(timer);
    timer = setTimeout(run, DELAY_MS);
  });
  form.addEventListener("submit", (event) => {
    event.preventDefault(); // there is no search server: Enter searches now instead of after the pause
    clearTimeout(timer);
    run();
  });
  form.addEventListener("keydown", (event) => {
    if (event.key === "Escape" && !panel.hidden) {
      close();
      input.focus();
    }
  });
  // Close the list once neither the box nor a result has the focus or the pointer.
  form.addEventListener("focusout", (event) => {
    if (!form.contains(event.relatedTarget) && event.relatedTarget !== null) close();
  });
  document.addEventListener("click", (event) => {
    if (!form.contains(event.target)) close();
  });
}

function resultItem(page) {
  const item = document.createElement("li");
  const link = document.createElement("a");
  link.href = page.url;
  link.textContent = page.meta.title || page.url;
  const excerpt = document.createElement("p");
  excerpt.append(...excerptNodes(page.excerpt));
  item.append(link, excerpt);
  return item;
}

// Pagefind's excerpt is HTML: the page's text with < and > escaped and the matching words in <mark>.
// Parse it without running anything and keep only text and <mark>, rather than trusting it as markup.
function excerptNodes(html) {
  const parsed = new DOMParser().parseFromString(html, "text/html").body.childNodes;
  return Array.from(parsed, (node) => {
    if (node.nodeName !== "MARK") return document.createTextNode(node.textContent);
    const mark = document.createElement("mark");
    mark.textContent = node.textContent;
    return mark;
  });
}
