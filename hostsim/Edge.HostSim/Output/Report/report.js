// Renders report.html from the JSON in #report-data: facts, zoomable canvas charts and tables.
// Self-contained (no library, nothing fetched). Every value is inserted with textContent.
(function () {
  'use strict';
  const data = JSON.parse(document.getElementById('report-data').textContent);
  const root = document.getElementById('report');
  root.replaceChildren();
  const el = (tag, cls, text) => {
    const e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined && text !== null) e.textContent = String(text);
    return e;
  };

  const head = el('header');
  head.append(el('h1', null, data.title), el('p', 'provenance', data.provenance));
  root.append(head);

  const facts = el('dl', 'facts');
  for (const [k, v] of data.facts || []) facts.append(el('dt', null, k), el('dd', null, v));
  const factCard = el('section', 'card');
  factCard.append(el('h2', null, 'Summary'), facts);
  root.append(factCard);

  // ------------------------------------------------------------------ charts
  const charts = [];
  const shared = { x0: null, x1: null };

  function niceStep(span, count) {
    const raw = span / Math.max(1, count);
    const p = Math.pow(10, Math.floor(Math.log10(raw)));
    const f = raw / p;
    return (f < 1.5 ? 1 : f < 3 ? 2 : f < 7 ? 5 : 10) * p;
  }

  function fmt(v, step) {
    const d = Math.max(0, Math.min(6, -Math.floor(Math.log10(step)) + 1));
    return v.toFixed(d).replace(/\.?0+$/, '') || '0';
  }

  function makeChart(spec) {
    const card = el('section', 'card chart');
    const bar = el('div', 'chart-head');
    bar.append(el('h2', null, spec.title), el('span', 'hint', 'drag to zoom, wheel to zoom, double-click to reset'));
    const reset = el('button', null, 'reset zoom');
    bar.append(reset);
    const canvas = el('canvas', 'plot');
    const readout = el('div', 'readout');
    const legend = el('div', 'legend');
    card.append(bar, canvas, readout, legend);
    for (const s of spec.series) {
      const item = el('span');
      const swatch = el('i');
      swatch.style.background = s.color;
      item.append(swatch, document.createTextNode(s.name + (s.band ? ' (min..max)' : '')));
      legend.append(item);
    }
    for (const n of spec.notes || []) card.append(el('p', 'note', n));
    root.append(card);

    let xs = [];
    for (const s of spec.series) xs = xs.concat([s.x[0], s.x[s.x.length - 1]]);
    for (const m of spec.markers || []) xs.push(m.x);
    const full = { x0: Math.min(...xs.filter(Number.isFinite)), x1: Math.max(...xs.filter(Number.isFinite)) };
    if (!(full.x1 > full.x0)) full.x1 = full.x0 + 1;
    const chart = { spec, canvas, full, view: { x0: full.x0, x1: full.x1 }, drag: null };
    charts.push(chart);

    const pad = { l: 64, r: 16, t: 14, b: 36 };
    const MARKER_SPACING_PX = 6, LABEL_SPACING_PX = 14;
    const SEVERITY_RANK = { fault: 0, injected: 1, stop: 2, warning: 3, info: 4 };
    chart.draw = function () {
      const dpr = window.devicePixelRatio || 1;
      const w = canvas.clientWidth, h = canvas.clientHeight;
      if (canvas.width !== Math.round(w * dpr)) canvas.width = Math.round(w * dpr);
      if (canvas.height !== Math.round(h * dpr)) canvas.height = Math.round(h * dpr);
      const ctx = canvas.getContext('2d');
      ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
      ctx.clearRect(0, 0, w, h);
      const { x0, x1 } = chart.view;
      // y range from what is visible, limits included when the data come near them.
      let y0 = Infinity, y1 = -Infinity;
      for (const s of spec.series) {
        for (let i = 0; i < s.x.length; i++) {
          if (s.x[i] < x0 || s.x[i] > x1) continue;
          const lo = s.band ? s.min[i] : s.y[i], hi = s.band ? s.max[i] : s.y[i];
          if (lo < y0) y0 = lo;
          if (hi > y1) y1 = hi;
        }
      }
      if (!Number.isFinite(y0)) { y0 = 0; y1 = 1; }
      for (const l of spec.limits || []) {
        if ((l.y > 0 && y1 >= l.y * 0.5) || (l.y < 0 && y0 <= l.y * 0.5)) { y0 = Math.min(y0, l.y); y1 = Math.max(y1, l.y); }
      }
      if (y1 - y0 < 1e-9) { y0 -= 0.5; y1 += 0.5; }
      const m = (y1 - y0) * 0.06; y0 -= m; y1 += m;
      const pw = w - pad.l - pad.r, ph = h - pad.t - pad.b;
      const X = (v) => pad.l + ((v - x0) / (x1 - x0)) * pw;
      const Y = (v) => pad.t + (1 - (v - y0) / (y1 - y0)) * ph;
      chart.X = X; chart.pw = pw; chart.pad = pad;

      ctx.font = '11px system-ui, sans-serif';
      ctx.strokeStyle = '#e5e7eb'; ctx.fillStyle = '#475569'; ctx.lineWidth = 1;
      const xs = niceStep(x1 - x0, pw / 90), ys = niceStep(y1 - y0, ph / 45);
      ctx.textAlign = 'center';
      for (let v = Math.ceil(x0 / xs) * xs; v <= x1; v += xs) {
        ctx.beginPath(); ctx.moveTo(X(v), pad.t); ctx.lineTo(X(v), pad.t + ph); ctx.stroke();
        ctx.fillText(fmt(v, xs), X(v), pad.t + ph + 14);
      }
      ctx.textAlign = 'right';
      for (let v = Math.ceil(y0 / ys) * ys; v <= y1; v += ys) {
        ctx.beginPath(); ctx.moveTo(pad.l, Y(v)); ctx.lineTo(pad.l + pw, Y(v)); ctx.stroke();
        ctx.fillText(fmt(v, ys), pad.l - 6, Y(v) + 4);
      }
      ctx.textAlign = 'center';
      ctx.fillText(spec.xLabel, pad.l + pw / 2, h - 4);
      ctx.save(); ctx.translate(12, pad.t + ph / 2); ctx.rotate(-Math.PI / 2); ctx.fillText(spec.yLabel, 0, 0); ctx.restore();

      ctx.save();
      ctx.beginPath(); ctx.rect(pad.l, pad.t, pw, ph); ctx.clip();
      for (const s of spec.series) {
        let first = 0;
        while (first < s.x.length - 1 && s.x[first + 1] < x0) first++;
        let last = s.x.length - 1;
        while (last > 0 && s.x[last - 1] > x1) last--;
        if (s.band) {
          ctx.globalAlpha = 0.45; ctx.fillStyle = s.color; ctx.beginPath();
          for (let i = first; i <= last; i++) ctx.lineTo(X(s.x[i]), Y(s.max[i]));
          for (let i = last; i >= first; i--) ctx.lineTo(X(s.x[i]), Y(s.min[i]));
          ctx.closePath(); ctx.fill(); ctx.globalAlpha = 1;
        }
        ctx.strokeStyle = s.color; ctx.lineWidth = s.band ? 0.8 : 1.6; ctx.setLineDash(s.dash || []);
        ctx.beginPath();
        for (let i = first; i <= last; i++) ctx.lineTo(X(s.x[i]), Y(s.y[i]));
        if (!s.band || (last - first) < pw) ctx.stroke();
        ctx.setLineDash([]);
        if (s.points) {
          ctx.fillStyle = s.color;
          for (let i = first; i <= last; i++) { ctx.beginPath(); ctx.arc(X(s.x[i]), Y(s.y[i]), 4, 0, 2 * Math.PI); ctx.fill(); }
        }
      }
      for (const l of spec.limits || []) {
        if (l.y < y0 || l.y > y1) continue;
        ctx.strokeStyle = l.color; ctx.setLineDash([6, 4]); ctx.lineWidth = 1.3;
        ctx.beginPath(); ctx.moveTo(pad.l, Y(l.y)); ctx.lineTo(pad.l + pw, Y(l.y)); ctx.stroke(); ctx.setLineDash([]);
        ctx.fillStyle = l.color; ctx.textAlign = 'right'; ctx.fillText(l.label, pad.l + pw - 4, Y(l.y) - 4);
      }
      // Markers closer than MARKER_SPACING_PX to the first of a group share one line, in the most severe kind's colour,
      // labelled with their count: lines a pixel apart merged into a bar that read as a voltage spike. A label closer
      // than LABEL_SPACING_PX to the one before is left off (they were printed over each other); zoom in to part them.
      const inView = (spec.markers || []).filter((mk) => mk.x >= x0 && mk.x <= x1).sort((a, b) => a.x - b.x);
      const groups = [];
      for (const mk of inView) {
        const g = groups[groups.length - 1];
        if (g && X(mk.x) - X(g[0].x) < MARKER_SPACING_PX) g.push(mk); else groups.push([mk]);
      }
      chart.drawnMarkers = [];
      let lastLabelPx = -Infinity;
      for (const g of groups) {
        const lead = g.reduce((a, b) => (SEVERITY_RANK[b.kind] ?? 9) < (SEVERITY_RANK[a.kind] ?? 9) ? b : a);
        const px = X(g[0].x);
        ctx.strokeStyle = lead.color; ctx.lineWidth = 1.4; ctx.setLineDash(lead.kind === 'injected' ? [2, 3] : lead.kind === 'stop' ? [6, 4] : []);
        ctx.beginPath(); ctx.moveTo(px, pad.t); ctx.lineTo(px, pad.t + ph); ctx.stroke(); ctx.setLineDash([]);
        let label = null;
        if (px - lastLabelPx >= LABEL_SPACING_PX) {
          label = g.length > 1 ? g.length + ' markers: ' + lead.label + ', \u2026' : lead.label;
          ctx.save(); ctx.translate(px - 3, pad.t + 4); ctx.rotate(-Math.PI / 2); ctx.fillStyle = lead.color; ctx.textAlign = 'right'; ctx.fillText(label, 0, 0); ctx.restore();
          lastLabelPx = px;
        }
        chart.drawnMarkers.push({ px, count: g.length, label });
      }
      if (chart.drag && chart.drag.now !== undefined) {
        ctx.fillStyle = 'rgba(37,99,235,0.15)';
        const a = Math.min(chart.drag.from, chart.drag.now), b = Math.max(chart.drag.from, chart.drag.now);
        ctx.fillRect(a, pad.t, b - a, ph);
      }
      ctx.restore();
    };

    const toX = (px) => chart.view.x0 + ((px - pad.l) / chart.pw) * (chart.view.x1 - chart.view.x0);
    const setView = (x0, x1) => {
      const span = Math.max((chart.full.x1 - chart.full.x0) * 1e-6, x1 - x0);
      const lo = Math.max(chart.full.x0, Math.min(x0, chart.full.x1 - span));
      const targets = spec.sharedX ? charts.filter((c) => c.spec.sharedX) : [chart];
      for (const c of targets) { c.view = { x0: lo, x1: Math.min(chart.full.x1, lo + span) }; c.draw(); }
    };
    canvas.addEventListener('mousedown', (e) => { chart.drag = { from: e.offsetX }; });
    canvas.addEventListener('mousemove', (e) => {
      readout.textContent = spec.xLabel + ': ' + fmt(toX(e.offsetX), (chart.view.x1 - chart.view.x0) / 1000);
      if (chart.drag) { chart.drag.now = e.offsetX; chart.draw(); }
    });
    window.addEventListener('mouseup', (e) => {
      if (!chart.drag) return;
      const d = chart.drag; chart.drag = null;
      if (d.now !== undefined && Math.abs(d.now - d.from) > 4) {
        const a = toX(Math.min(d.from, d.now)), b = toX(Math.max(d.from, d.now));
        setView(a, b);
      } else chart.draw();
    });
    canvas.addEventListener('wheel', (e) => {
      e.preventDefault();
      const at = toX(e.offsetX), f = e.deltaY > 0 ? 1.25 : 0.8;
      setView(at - (at - chart.view.x0) * f, at + (chart.view.x1 - at) * f);
    }, { passive: false });
    const resetView = () => setView(chart.full.x0, chart.full.x1);
    canvas.addEventListener('dblclick', resetView);
    reset.addEventListener('click', resetView);
    return chart;
  }

  for (const spec of data.charts || []) makeChart(spec);

  // ------------------------------------------------------------------ tables
  for (const t of data.tables || []) {
    const card = el('section', 'card');
    card.append(el('h2', null, t.title + ' (' + t.rows.length + ')'));
    const scroll = el('div', 'scroll');
    const table = el('table');
    const thead = el('thead');
    const hr = el('tr');
    for (const c of t.columns) hr.append(el('th', null, c));
    thead.append(hr);
    const tbody = el('tbody');
    for (const r of t.rows) {
      const tr = el('tr');
      if (t.severityColumn >= 0) tr.className = 'sev-' + r[t.severityColumn];
      for (const c of r) tr.append(el('td', null, c));
      tbody.append(tr);
    }
    table.append(thead, tbody);
    scroll.append(table);
    card.append(scroll);
    if (t.note) card.append(el('p', 'note', t.note));
    root.append(card);
  }

  const drawAll = () => charts.forEach((c) => c.draw());
  window.addEventListener('resize', drawAll);
  drawAll();
  window.edgeReport = {
    charts: charts.length, series: charts.reduce((n, c) => n + c.spec.series.length, 0), markers: charts.reduce((n, c) => n + (c.spec.markers || []).length, 0), rendered: true,
    // Per chart, the marker lines of its last drawing: pixel, markers it stands for, label (null when left off).
    drawnMarkers: () => charts.map((c) => c.drawnMarkers || []),
  };
})();
