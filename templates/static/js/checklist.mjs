// Documents checklists: a tick is kept in this browser's localStorage, under one key per page, as the JSON
// list of the ticked boxes' ids (the build derives each id from the item's words, so a reordered list keeps
// its ticks). Nothing is ever sent. Without storage (some private modes throw) the boxes still tick.
const KEY_PREFIX = "ee-guide:checklist:";
const boxes = [...document.querySelectorAll("input.task-list-item-checkbox[id]")];
const script = document.querySelector("script[data-checklist-strings]");
const words = JSON.parse(script?.dataset.checklistStrings || "{}");
// The page's own address (with the base path of a project site), so each page keeps its own ticks.
const key = KEY_PREFIX + location.pathname.replace(/index\.html$/, "");

function openStorage() {
  try {
    const storage = window.localStorage; // reading the property itself can throw
    storage.setItem(key + ":probe", "1");
    storage.removeItem(key + ":probe");
    return storage;
  } catch {
    return null;
  }
}

const storage = openStorage();

function kept() {
  try {
    const ids = JSON.parse(storage?.getItem(key) ?? "null");
    return Array.isArray(ids) ? new Set(ids) : null;
  } catch {
    return null; // a damaged entry counts as none
  }
}

// No entry: the boxes as the page has them (a `[x]` item starts ticked).
function show(ticked) {
  for (const box of boxes) box.checked = ticked ? ticked.has(box.id) : box.defaultChecked;
}

function save() {
  if (!storage) return false;
  try {
    storage.setItem(key, JSON.stringify(boxes.filter((box) => box.checked).map((box) => box.id)));
    return true;
  } catch {
    return false; // storage full or switched off since the page loaded
  }
}

function clear() {
  try {
    storage?.removeItem(key);
  } catch {
    // nothing was kept then
  }
  show(null);
}

if (boxes.length) {
  const tools = document.createElement("div");
  tools.className = "checklist-tools no-print";
  const status = document.createElement("p");
  status.className = "checklist-status";
  status.setAttribute("role", "status");
  status.textContent = storage ? words.kept : words.not_kept;
  const button = document.createElement("button");
  button.type = "button";
  button.className = "checklist-clear";
  button.textContent = words.clear;
  tools.append(status, button);
  boxes[0].closest(".contains-task-list").before(tools);

  show(kept());
  for (const box of boxes) {
    box.addEventListener("change", () => {
      status.textContent = save() ? words.kept : words.not_kept;
    });
  }
  button.addEventListener("click", () => {
    clear();
    status.textContent = words.cleared;
  });
  // Another tab of the same page ticked or cleared: show the same ticks here.
  window.addEventListener("storage", (event) => {
    if (event.key === key || event.key === null) show(kept());
  });
}
