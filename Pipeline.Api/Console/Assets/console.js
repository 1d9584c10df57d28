// The pipeline console: datasets, runs with their stage timeline and trace, quarantined files, and a SQL box.
// It calls the same REST API as any client, with the API key the user gives (kept in this tab only).
(function () {
  "use strict";
  const $ = id => document.getElementById(id);
  const esc = s => String(s ?? "").replace(/[&<>"']/g, c => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[c]));
  const when = iso => iso ? new Date(iso).toLocaleString() : "";
  const ms = (a, b) => { const d = (new Date(b ?? Date.now()) - new Date(a)); return d < 1000 ? `${d} ms` : `${(d / 1000).toFixed(1)} s`; };
  let config = { dashboardUrl: null };

  async function api(path, options = {}) {
    const key = sessionStorage.getItem("pipeline-key");
    const headers = { ...(options.headers || {}), ...(key ? { "X-Api-Key": key } : {}) };
    const response = await fetch(path, { ...options, headers, cache: "no-store" });
    if (response.status === 401 || response.status === 403) {
      $("key-form").hidden = false;
      throw new Error(response.status === 401 ? "This Api asks for an API key: enter one above." : "The API key's role may not do this.");
    }
    const body = response.headers.get("content-type")?.includes("json") ? await response.json() : null;
    if (!response.ok) throw new Error(body?.detail || body?.title || `${response.status} ${response.statusText}`);
    return body;
  }

  function timeline(run) {
    const start = new Date(run.createdAt), end = new Date(run.endedAt ?? Date.now());
    const total = Math.max(end - start, 1);
    const bars = run.attempts.map(a => {
      const left = Math.min(Math.max((new Date(a.startedAt) - start) / total * 100, 0), 99);
      const width = Math.min(Math.max((new Date(a.endedAt ?? end) - new Date(a.startedAt)) / total * 100, 1), 100 - left);
      const title = `${a.stage} attempt ${a.attempt}: ${ms(a.startedAt, a.endedAt)}${a.error ? " – " + a.error : ""}`;
      return `<span class="stage-${esc(a.stage.toLowerCase())}${a.error ? " failed" : ""}" style="left:${left}%;width:${width}%" title="${esc(title)}"></span>`;
    }).join("");
    const names = run.attempts.map(a => a.attempt > 1 ? `${a.stage} #${a.attempt}` : a.stage).join(" → ");
    return `<div class="timeline">${bars}</div><div class="muted">${esc(names)}</div>`;
  }

  function traceLink(run) {
    if (!run.traceId) return `<span class="muted">–</span>`;
    return config.dashboardUrl
      ? `<a href="${esc(config.dashboardUrl.replace(/\/$/, ""))}/traces/detail/${esc(run.traceId)}" target="_blank" rel="noopener">trace</a>`
      : `<span class="mono" title="trace id">${esc(run.traceId.slice(0, 8))}…</span>`;
  }

  function quarantined(run) {
    if (!run.quarantined?.length) return "";
    return `<ul class="quarantine">${run.quarantined.map(q => `<li><span class="mono">${esc(q.sourceKey)}</span>: ${esc(q.reason)}</li>`).join("")}</ul>`;
  }

  // Per file: how it was read, rows read, and what was set aside by reason (lines with the first line's number).
  function sources(run) {
    if (!run.sources?.length) return "";
    const setAside = s => s.setAside.map(a => `${a.count.toLocaleString()} ${a.kind}${a.count === 1 ? "" : "s"} ${a.kind === "line" ? `(first: line ${a.firstLine}) ${a.reason}` : `like ${a.reason}`}`);
    return `<ul class="sources muted">${run.sources.map(s => {
      const parts = [s.quarantined ? "quarantined whole" : `${s.rowsRead.toLocaleString()} rows read`, ...(s.dialect ? [s.dialect] : []), ...setAside(s)];
      return `<li><span class="mono">${esc(s.sourceKey.split("/").pop())}</span>: ${esc(parts.join(" · "))}</li>`;
    }).join("")}</ul>`;
  }

  // Per expectation: what was done and how many rows failed, with an example; failures stand out.
  function expectations(run) {
    if (!run.expectations?.length) return "";
    return `<ul class="expectations">${run.expectations.map(e => {
      const text = `${e.name} (${e.action}): ${e.failed.toLocaleString()} of ${e.checked.toLocaleString()} failed${e.example ? ` · e.g. ${e.example}` : ""}`;
      return `<li class="${e.failed > 0 ? "failed" : "muted"}">${esc(text)}</li>`;
    }).join("")}</ul>`;
  }

  // Columns that differed from the table, and what the dataset's schemaDrift did about them.
  function drift(run) {
    if (!run.schemaDrift?.length) return "";
    return `<ul class="sources muted">${run.schemaDrift.map(d =>
      `<li>${esc(`${d.column}: ${d.change} → ${d.action} (${d.files.length} ${d.files.length === 1 ? "file" : "files"})`)}</li>`).join("")}</ul>`;
  }

  // Which engine ran the transform, and why (by size on AWS).
  function engine(run) {
    return run.engine ? `<p class="muted">${esc(`${run.engine.engine}: ${run.engine.reason}`)}</p>` : "";
  }

  async function renderDatasets() {
    const datasets = await api("/api/datasets");
    if (!datasets.length) {
      $("datasets").innerHTML = `<p class="muted">No datasets yet: register one with <code>PUT /api/datasets/{id}</code>.</p>`;
      return;
    }

    const parts = await Promise.all(datasets.map(async d => {
      const runs = (await api(`/api/datasets/${encodeURIComponent(d.id)}/runs`)).slice(0, 20);
      const rows = runs.map(r => `<tr data-run="${esc(r.runId)}"><td class="mono">${esc(r.runId)}</td><td><span class="badge ${esc(r.state)}">${esc(r.state)}</span></td>
        <td>${r.files}</td><td>${esc(when(r.createdAt))}</td><td>${r.endedAt ? ms(r.createdAt, r.endedAt) : "running"}</td>
        <td>${r.counts ? `${r.counts.rowsIn.toLocaleString()} / ${r.counts.rowsWritten.toLocaleString()} / ${r.counts.rowsQuarantined.toLocaleString()}` : "–"}</td>
        <td>${timeline(r)}${engine(r)}${quarantined(r)}${sources(r)}${drift(r)}${expectations(r)}</td><td>${traceLink(r)}</td></tr>`).join("");
      return `<section class="dataset" data-dataset="${esc(d.id)}"><h2>${esc(d.id)}</h2>
        <p class="muted">${esc(d.definition.format)} · ${d.arrivalsTotal} files arrived, ${d.arrivalsPending} pending${d.table ? ` · table <span class="mono">${esc(d.table)}</span>` : ""}</p>
        ${runs.length ? `<table><thead><tr><th>Run</th><th>State</th><th>Files</th><th>Created</th><th>Took</th><th>Rows in / out / quarantined</th><th>Stages, set aside</th><th>Trace</th></tr></thead><tbody>${rows}</tbody></table>` : `<p class="muted">no runs yet</p>`}
      </section>`;
    }));
    $("datasets").innerHTML = parts.join("");
  }

  async function refresh() {
    try {
      await renderDatasets();
      $("status").textContent = `Updated ${new Date().toLocaleTimeString()}`;
      $("status").className = "muted";
    } catch (e) {
      $("status").textContent = e.message;
      $("status").className = "error";
    }
  }

  async function runSql(sql, token) {
    $("sql-state").textContent = "running…";
    try {
      let execution = token ? null : await api("/api/queries", { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ sql }) });
      const id = token ? $("sql-result").dataset.query : execution.queryId;
      while (!token) {
        execution = await api(`/api/queries/${id}`);
        if (!["Queued", "Running"].includes(execution.state)) break;
        await new Promise(r => setTimeout(r, 150));
      }
      if (execution && execution.state !== "Succeeded") throw new Error(`${execution.state}: ${execution.error ?? ""}`);
      const page = await api(`/api/queries/${id}/results?pageSize=100${token ? "&pageToken=" + encodeURIComponent(token) : ""}`);
      const head = page.columns.map(c => `<th title="${esc(c.type)}">${esc(c.name)}</th>`).join("");
      const body = page.rows.map(r => `<tr>${r.map(v => `<td>${esc(typeof v === "object" && v !== null ? JSON.stringify(v) : v)}</td>`).join("")}</tr>`).join("");
      $("sql-result").dataset.query = id;
      $("sql-result").innerHTML = `<table><thead><tr>${head}</tr></thead><tbody>${body}</tbody></table>` +
        (page.nextPageToken ? `<p><button id="sql-next" data-token="${esc(page.nextPageToken)}">Next 100 rows</button></p>` : "");
      if (execution) $("sql-state").textContent = `${execution.statistics.rows.toLocaleString()} rows in ${Math.round(execution.statistics.elapsedMilliseconds)} ms`;
      $("sql-next")?.addEventListener("click", e => runSql(null, e.target.dataset.token));
    } catch (e) {
      $("sql-state").textContent = e.message;
      $("sql-state").className = "error";
      return;
    }
    $("sql-state").className = "muted";
  }

  $("key-form").addEventListener("submit", e => { e.preventDefault(); sessionStorage.setItem("pipeline-key", $("key").value); $("key").value = ""; refresh(); });
  $("sql-form").addEventListener("submit", e => { e.preventDefault(); runSql($("sql-text").value); });
  fetch("/console/config.json", { cache: "no-store" }).then(r => r.json()).then(c => { config = c; }).finally(refresh);
  setInterval(() => { if ($("live").checked && !document.hidden) refresh(); }, 3000);
})();
