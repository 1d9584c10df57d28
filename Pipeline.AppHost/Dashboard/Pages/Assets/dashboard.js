// Pipeline dashboard: live console tail and an optional auto-refresh of the page content.
(function () {
  "use strict";
  const pad = (n, w) => String(n).padStart(w || 2, "0");
  const clock = iso => { const d = new Date(iso); return `${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}.${pad(d.getMilliseconds(), 3)}`; };

  // Console: poll /api/console/{resource}?after=N and append new lines; stay at the bottom if already there.
  const box = document.getElementById("console");
  if (box) {
    let after = Number(box.dataset.after || 0);
    box.scrollTop = box.scrollHeight;
    const poll = async () => {
      try {
        const r = await fetch(`/api/console/${encodeURIComponent(box.dataset.console)}?after=${after}`, { cache: "no-store" });
        if (r.ok) {
          const data = await r.json();
          const atBottom = box.scrollHeight - box.scrollTop - box.clientHeight < 40;
          for (const line of data.lines) {
            const div = document.createElement("div");
            div.className = "line";
            const ts = document.createElement("span");
            ts.className = "ts";
            ts.textContent = clock(line.time);
            div.append(ts, document.createTextNode(line.text));
            box.appendChild(div);
          }
          after = data.last;
          if (atBottom && data.lines.length) box.scrollTop = box.scrollHeight;
        }
      } catch (e) { /* the AppHost may be stopping; try again */ }
      setTimeout(poll, 1000);
    };
    setTimeout(poll, 1000);
  }

  // Live pages: refetch the page every 3 s and swap the content, keeping open <details> open.
  const live = document.getElementById("live");
  if (live) {
    const refresh = async () => {
      if (live.checked && !document.hidden && !document.activeElement?.matches("input, select")) {
        try {
          const r = await fetch(location.href, { cache: "no-store" });
          if (r.ok) {
            const doc = new DOMParser().parseFromString(await r.text(), "text/html");
            const open = [...document.querySelectorAll("#content details[open]")].map(d => d.querySelector("summary")?.textContent);
            document.getElementById("content").replaceWith(doc.getElementById("content"));
            document.querySelectorAll("#content details").forEach(d => { if (open.includes(d.querySelector("summary")?.textContent)) d.open = true; });
          }
        } catch (e) { /* keep the current content */ }
      }
      setTimeout(refresh, 3000);
    };
    setTimeout(refresh, 3000);
  }
})();
