// The review page: verdicts on links, kept in this browser (localStorage), exported as a
// reviews.toml file built here and downloaded through a Blob. The server writes nothing.
// The format is the contract's: one [[review]] table per verdict, with later, earlier, verdict,
// reviewer, date (a TOML date) and why.
(() => {
  const page = document.getElementById("review");
  if (!page) return;
  const items = Array.from(page.querySelectorAll(".review-item"));
  const nameBox = document.getElementById("reviewer");
  const count = document.getElementById("review-count");
  const message = document.getElementById("review-message");
  const store = "celac-kg-review:" + page.dataset.pair;
  const labels = {
    confirmed: page.dataset.labelConfirmed,
    rejected: page.dataset.labelRejected,
    "": page.dataset.labelNone,
  };
  let saved = {};
  try {
    saved = JSON.parse(localStorage.getItem(store) || "{}");
  } catch (e) {
    saved = {};
  }
  nameBox.value = localStorage.getItem("celac-kg-reviewer") || "";
  let current = 0;

  const key = (item) => item.dataset.later + " " + item.dataset.earlier;
  const today = () => {
    const d = new Date();
    const two = (n) => String(n).padStart(2, "0");
    return d.getFullYear() + "-" + two(d.getMonth() + 1) + "-" + two(d.getDate());
  };

  function show(item) {
    const v = saved[key(item)] || { verdict: "", why: "" };
    item.dataset.verdict = v.verdict;
    item.querySelector(".verdict-state").textContent = labels[v.verdict] || labels[""];
    item.querySelectorAll(".verdict-bar button").forEach((b) => {
      b.setAttribute("aria-pressed", String(b.dataset.verdict === v.verdict && v.verdict !== ""));
    });
    const why = item.querySelector(".why");
    // A verdict cleared keeps the reason typed, for the next verdict.
    if (document.activeElement !== why && saved[key(item)]) why.value = v.why || "";
  }

  function persist() {
    localStorage.setItem(store, JSON.stringify(saved));
    const n = Object.values(saved).filter((v) => v.verdict).length;
    // Spanish and English both use the singular for one only (api/locale: the catalogs' plural forms).
    const form = n === 1 ? page.dataset.countOne : page.dataset.countOther;
    count.textContent = form.replace("{n}", String(n));
  }

  function judge(item, verdict) {
    const k = key(item);
    const why = item.querySelector(".why").value;
    if (verdict) saved[k] = { verdict: verdict, why: why, date: today() };
    else delete saved[k];
    persist();
    show(item);
  }

  function select(i, focus) {
    if (!items.length) return;
    current = Math.max(0, Math.min(items.length - 1, i));
    items.forEach((it, j) => it.classList.toggle("selected", j === current));
    if (focus) {
      items[current].focus({ preventScroll: true });
      items[current].scrollIntoView({ block: "nearest" });
    }
  }

  items.forEach((item, i) => {
    show(item);
    item.querySelectorAll(".verdict-bar button").forEach((b) => {
      b.addEventListener("click", () => {
        select(i, false);
        judge(item, b.dataset.verdict);
      });
    });
    item.querySelector(".why").addEventListener("input", (e) => {
      const k = key(item);
      if (saved[k]) {
        saved[k].why = e.target.value;
        persist();
      }
    });
    item.addEventListener("focusin", () => select(i, false));
  });
  nameBox.addEventListener("input", () => localStorage.setItem("celac-kg-reviewer", nameBox.value.trim()));

  document.addEventListener("keydown", (e) => {
    const typing = e.target.closest && e.target.closest("input, textarea, select");
    if (typing) {
      if (e.key === "Escape") e.target.blur();
      return;
    }
    if (e.ctrlKey || e.metaKey || e.altKey || !items.length) return;
    const item = items[current];
    const actions = {
      y: () => judge(item, "confirmed"),
      n: () => judge(item, "rejected"),
      u: () => judge(item, ""),
      j: () => select(current + 1, true),
      ArrowDown: () => select(current + 1, true),
      k: () => select(current - 1, true),
      ArrowUp: () => select(current - 1, true),
      w: () => item.querySelector(".why").focus(),
    };
    const act = actions[e.key];
    if (act) {
      e.preventDefault();
      act();
    }
  });

  // A TOML basic string: quotes, backslashes and control characters escaped.
  function quoted(s) {
    let out = '"';
    for (const ch of String(s)) {
      const c = ch.codePointAt(0);
      if (ch === '"') out += '\\"';
      else if (ch === "\\") out += "\\\\";
      else if (ch === "\n") out += "\\n";
      else if (ch === "\t") out += "\\t";
      else if (ch === "\r") out += "\\r";
      else if (c < 0x20 || c === 0x7f) out += "\\u" + c.toString(16).padStart(4, "0");
      else out += ch;
    }
    return out + '"';
  }

  function toml(reviewer) {
    const blocks = [];
    items.forEach((item) => {
      const v = saved[key(item)];
      if (!v || !v.verdict) return;
      blocks.push(
        [
          "[[review]]",
          "later = " + quoted(item.dataset.later),
          "earlier = " + quoted(item.dataset.earlier),
          "verdict = " + quoted(v.verdict),
          "reviewer = " + quoted(reviewer),
          "date = " + (/^\d{4}-\d{2}-\d{2}$/.test(v.date || "") ? v.date : today()),
          "why = " + quoted(v.why || ""),
        ].join("\n")
      );
    });
    return blocks.join("\n\n") + (blocks.length ? "\n" : "");
  }

  document.getElementById("export").addEventListener("click", () => {
    const reviewer = nameBox.value.trim();
    if (!reviewer) {
      message.textContent = page.dataset.needsName;
      nameBox.focus();
      return;
    }
    message.textContent = "";
    const blob = new Blob([toml(reviewer)], { type: "application/toml" });
    const url = URL.createObjectURL(blob);
    const a = document.createElement("a");
    a.href = url;
    a.download = "reviews.toml";
    document.body.appendChild(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
  });

  persist();
  select(0, false);
})();
