// Edge live dashboard: subscribes to edge/+/... (MQTT contract v1) over WebSockets and plots with uPlot.
// Incoming messages are only queued; one requestAnimationFrame applies the queue and redraws, so a burst of
// thousands of messages per second costs one redraw per frame. Every history is bounded.

const HISTORY_POINTS = 4000;   // rows kept per chart
const EVENT_ROWS = 500;        // event log rows kept
const GAP_ROWS = 200;          // gap list rows kept
const SEEN_WINDOW = 20000;     // seq numbers remembered per stream for de-duplication
const STREAMS = ['pulse', 'cells', 'state', 'event'];
const STATE_COLORS = { idle: '#94a3b8', pulse: '#f59e0b', rest: '#38bdf8', hold: '#ef4444', done: '#22c55e', unknown: '#a78bfa' };
const PALETTE = ['#2563eb', '#dc2626', '#16a34a', '#9333ea', '#ea580c', '#0891b2', '#ca8a04', '#db2777',
  '#4f46e5', '#65a30d', '#0d9488', '#b91c1c', '#7c3aed', '#c2410c', '#0369a1', '#a16207'];

const params = new URLSearchParams(location.search);
const settings = {
  broker: params.get('broker') || `ws://${location.hostname || '127.0.0.1'}:9001`,
  device: params.get('device') || '',
  user: params.get('user') || '',
  password: params.get('password') || '',
};

const $ = (id) => document.getElementById(id);
const pending = [];
let frameRequested = false;
let client = null;

/** Everything the page knows, per device. */
const devices = new Map();
let selected = settings.device || null;

const connection = { state: 'idle', everConnected: false, lostAt: null, outages: [], reconnects: 0 };

// ---------------------------------------------------------------- connection

function connect() {
  if (typeof mqtt === 'undefined' || typeof uPlot === 'undefined') {
    $('missing-bundles').hidden = false;
    setConnection('error', 'bundles missing');
    return;
  }
  if (client) {
    client.end(true);
  }
  $('broker-label').textContent = settings.broker + (settings.device ? ` · device ${settings.device}` : '');
  setConnection('connecting', 'connecting...');
  // A persistent session under a per-tab client id: while the page is away (its own reconnect delay) the
  // broker keeps the QoS 1 events for it, so the event log misses nothing across a broker restart.
  let clientId = sessionStorage.getItem('edge-dashboard-client');
  if (!clientId) {
    clientId = 'edge-dashboard-' + Math.random().toString(16).slice(2, 10);
    sessionStorage.setItem('edge-dashboard-client', clientId);
  }
  client = mqtt.connect(settings.broker, {
    clientId,
    username: settings.user || undefined,
    password: settings.password || undefined,
    reconnectPeriod: 1000,
    connectTimeout: 5000,
    clean: false,
    keepalive: 30,
  });
  const root = settings.device ? `edge/${settings.device}/` : 'edge/+/';
  client.on('connect', () => {
    if (connection.lostAt !== null) {
      connection.outages.push({ from: connection.lostAt, to: Date.now() });
      connection.reconnects++;
      for (const d of devices.values()) {
        d.awaitingReconnect = true;
        d.pendingStreams = new Set(STREAMS);
      }
    }
    connection.lostAt = null;
    connection.everConnected = true;
    setConnection('connected', 'connected');
    client.subscribe([root + 'status', root + 'config', root + 'telemetry/+', root + 'event', root + 'cmd/result'], { qos: 1 });
  });
  const lost = () => {
    if (connection.everConnected && connection.lostAt === null) {
      connection.lostAt = Date.now();
    }
  };
  client.on('close', () => {
    lost();
    setConnection('reconnecting', connection.everConnected ? 'reconnecting...' : 'broker unreachable, retrying...');
  });
  client.on('offline', lost);
  client.on('reconnect', () => setConnection('reconnecting', 'reconnecting...'));
  client.on('error', (e) => {
    if (/auth|Not authorized|Bad user/i.test(String(e && e.message))) {
      setConnection('error', 'refused: ' + e.message);
    }
  });
  client.on('message', (topic, payload) => {
    pending.push([topic, payload]);
    if (!frameRequested) {
      frameRequested = true;
      requestAnimationFrame(frame);
    }
  });
}

function setConnection(state, text) {
  connection.state = state;
  const el = $('connection');
  el.dataset.state = state;
  el.className = 'badge badge-' + state;
  el.textContent = text;
}

// ---------------------------------------------------------------- model

function device(id) {
  let d = devices.get(id);
  if (!d) {
    d = {
      id, status: 'unknown', bootId: null, config: null, modules: [], cellsPerModule: 0,
      streams: Object.fromEntries(STREAMS.map((s) => [s, newStream()])),
      cells: newTable(), rest: newTable(), overpotential: newTable(), resistance: newTable(),
      events: [], gaps: [], eventCount: 0, awaitingReconnect: false, pendingStreams: new Set(), lastTMs: null, marks: [],
    };
    devices.set(id, d);
    if (!selected) {
      selected = id;
    }
    renderDevices();
  }
  return d;
}

function newStream() {
  return { maxSeq: 0, seen: new Set(), order: [], openGaps: [] };
}

/** A chart's data: sorted x (s) and one column per series, nulls where a series has no sample. */
function newTable() {
  return { x: [], cols: [], dirty: true };
}

function resetBoot(d, bootId) {
  if (d.bootId !== null && d.bootId !== bootId) {
    addMark(d, d.lastTMs, null, 'restart', `device restarted (boot ${bootId})`);
  }
  d.bootId = bootId;
  d.streams = Object.fromEntries(STREAMS.map((s) => [s, newStream()]));
}

function ensureModules(d, count, cellsPerModule) {
  while (d.modules.length < count) {
    d.modules.push({ state: 'idle', stopReason: null, history: [], pulses: 0, restMs: null });
  }
  if (cellsPerModule) {
    d.cellsPerModule = cellsPerModule;
  }
}

/** De-duplicates on seq and records seq jumps; returns false for a duplicate. */
function accept(d, stream, msg) {
  if (msg.bootId && msg.bootId !== d.bootId) {
    resetBoot(d, msg.bootId);
  }
  const s = d.streams[stream];
  const seq = msg.seq;
  if (typeof seq !== 'number') {
    return true;
  }
  if (s.seen.has(seq) || seq <= s.maxSeq - SEEN_WINDOW) {
    return false;
  }
  s.seen.add(seq);
  s.order.push(seq);
  if (s.order.length > SEEN_WINDOW) {
    s.seen.delete(s.order.shift());
  }
  if (seq > s.maxSeq + 1 && s.maxSeq > 0) {
    const gap = { stream, from: s.maxSeq + 1, to: seq - 1, missing: seq - 1 - s.maxSeq, fromTMs: d.streams[stream].lastTMs ?? null, toTMs: msg.tMs,
      cause: d.pendingStreams.has(stream) || connection.lostAt !== null ? 'broker outage' : 'outbox overflow' };
    gap.total = gap.missing;
    d.gaps.unshift(gap);
    if (d.gaps.length > GAP_ROWS) {
      d.gaps.pop();
    }
    s.openGaps.push(gap);
    addMark(d, gap.fromTMs, gap.toTMs, 'gap', `${stream}: seq ${gap.from}-${gap.to} missing`);
    if (gap.cause === 'broker outage' && d.outageMark && gap.toTMs / 1000 > d.outageMark.to) {
      // Replayed backlog arrives first after a reconnect; the outage reaches as far as the data is missing.
      d.outageMark.to = gap.toTMs / 1000;
    }
    if (stream === 'cells' && gap.fromTMs !== null && gap.fromTMs !== undefined) {
      // A row of nulls just after the last sample before the gap breaks the voltage lines there.
      insertRow(d.cells, gap.fromTMs / 1000 + 0.001, 0);
    }
  } else if (seq < s.maxSeq) {
    // A late copy (backlog replay after a reconnect) fills part of an earlier gap.
    for (const gap of s.openGaps) {
      if (seq >= gap.from && seq <= gap.to && gap.missing > 0) {
        gap.missing--;
      }
    }
    s.openGaps = s.openGaps.filter((g) => g.missing > 0);
  }
  d.pendingStreams.delete(stream);
  if (seq > s.maxSeq) {
    s.maxSeq = seq;
    s.lastTMs = msg.tMs;
  }
  return true;
}

function addMark(d, fromTMs, toTMs, kind, label) {
  if (fromTMs === null || fromTMs === undefined) {
    return;
  }
  d.marks.push({ from: fromTMs / 1000, to: (toTMs ?? fromTMs) / 1000, kind, label });
  if (d.marks.length > GAP_ROWS) {
    d.marks.shift();
  }
}

function insertRow(table, xs, width) {
  const x = table.x;
  let i = x.length;
  if (i === 0 || x[i - 1] < xs) {
    x.push(xs);
  } else {
    // Rare: replayed backlog older than the newest row.
    let lo = 0;
    let hi = x.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (x[mid] < xs) lo = mid + 1; else hi = mid;
    }
    if (x[lo] === xs) {
      return lo;
    }
    x.splice(lo, 0, xs);
    for (const col of table.cols) {
      col.splice(lo, 0, null);
    }
    i = lo;
    table.dirty = true;
    return i;
  }
  while (table.cols.length < width) {
    table.cols.push(new Array(x.length - 1).fill(null));
  }
  for (const col of table.cols) {
    col.push(null);
  }
  if (x.length > HISTORY_POINTS * 1.25) {
    const cut = x.length - HISTORY_POINTS;
    x.splice(0, cut);
    for (const col of table.cols) {
      col.splice(0, cut);
    }
  }
  table.dirty = true;
  return x.length - 1;
}

function setCell(table, row, col, value) {
  while (table.cols.length <= col) {
    table.cols.push(new Array(table.x.length).fill(null));
  }
  table.cols[col][row] = value;
}

// ---------------------------------------------------------------- messages

function handle(topic, payload) {
  const parts = topic.split('/');
  if (parts.length < 3 || parts[0] !== 'edge') {
    return;
  }
  const d = device(parts[1]);
  const kind = parts.slice(2).join('/');
  if (kind === 'status') {
    if (payload.length === 0) {
      return;
    }
    const msg = JSON.parse(payload);
    d.status = msg.status;
    if (msg.bootId && d.bootId === null) {
      d.bootId = msg.bootId;
    }
    renderDevices();
    return;
  }
  if (kind === 'cmd/result' || payload.length === 0) {
    return;
  }
  const msg = JSON.parse(payload);
  if (kind === 'config') {
    d.config = msg;
    ensureModules(d, msg.modules, msg.cellsPerModule);
    return;
  }
  const stream = kind === 'event' ? 'event' : kind.startsWith('telemetry/') ? kind.slice(10) : null;
  if (!stream || !STREAMS.includes(stream)) {
    return;
  }
  if (d.awaitingReconnect && typeof msg.tMs === 'number') {
    // The first record after a reconnect opens the connection gap on the device's time axis; later seq
    // gaps of the same outage stretch it.
    addMark(d, d.lastTMs, Math.max(msg.tMs, d.lastTMs ?? msg.tMs), 'outage', 'broker connection lost');
    d.outageMark = d.marks[d.marks.length - 1];
    d.awaitingReconnect = false;
  }
  if (!accept(d, stream, msg)) {
    return;
  }
  if (typeof msg.tMs === 'number' && (d.lastTMs === null || msg.tMs > d.lastTMs)) {
    d.lastTMs = msg.tMs;
  }
  const t = msg.tMs / 1000;
  if (stream === 'cells') {
    ensureModules(d, msg.module + 1, msg.cellVoltageMv.length);
    const n = msg.cellVoltageMv.length;
    const row = insertRow(d.cells, t, 0);
    msg.cellVoltageMv.forEach((mv, c) => setCell(d.cells, row, msg.module * n + c, mv));
    setState(d, msg.module, msg.state, msg.tMs, null);
  } else if (stream === 'pulse') {
    ensureModules(d, msg.module + 1, msg.overpotentialMv.length);
    const n = msg.overpotentialMv.length;
    const m = d.modules[msg.module];
    m.pulses = Math.max(m.pulses, msg.pulseIndex);
    m.restMs = msg.tunedRestMs;
    setCell(d.rest, insertRow(d.rest, t, 0), msg.module, msg.tunedRestMs / 1000);
    const row = insertRow(d.overpotential, t, 0);
    msg.overpotentialMv.forEach((mv, c) => setCell(d.overpotential, row, msg.module * n + c, mv));
    const rrow = insertRow(d.resistance, t, 0);
    msg.edgeResistanceMilliohm.forEach((mo, c) => setCell(d.resistance, rrow, msg.module * n + c, mo > 0 ? mo / 1e6 : null));
  } else if (stream === 'state') {
    ensureModules(d, msg.module + 1, 0);
    if (msg.type === 'stateChanged') {
      setState(d, msg.module, msg.state, msg.tMs, msg.stopReason);
    } else if (msg.type === 'restEnded') {
      d.modules[msg.module].restMs = msg.restMs;
    }
  } else if (stream === 'event') {
    d.eventCount++;
    d.events.unshift(msg);
    d.events.sort((a, b) => b.tMs - a.tMs || b.seq - a.seq);
    if (d.events.length > EVENT_ROWS) {
      d.events.length = EVENT_ROWS;
    }
  }
}

function setState(d, module, state, tMs, stopReason) {
  if (module === null || module === undefined) {
    return;
  }
  const m = d.modules[module];
  const h = m.history;
  if (h.length === 0 || h[h.length - 1].state !== state || tMs < h[h.length - 1].tMs) {
    h.push({ state, tMs });
    h.sort((a, b) => a.tMs - b.tMs);
    if (h.length > HISTORY_POINTS) {
      h.shift();
    }
  }
  if (tMs >= h[h.length - 1].tMs) {
    m.state = h[h.length - 1].state;
  }
  if (stopReason) {
    m.stopReason = stopReason;
  }
}

// ---------------------------------------------------------------- rendering

const charts = {};

function frame() {
  frameRequested = false;
  const batch = pending.splice(0, pending.length);
  for (const [topic, payload] of batch) {
    try {
      handle(topic, new TextDecoder().decode(payload));
    } catch (e) {
      console.warn('bad message on', topic, e);
    }
  }
  render();
}

function render() {
  const d = selected ? devices.get(selected) : null;
  if (!d) {
    return;
  }
  renderModules(d);
  const cpm = d.cellsPerModule || 1;
  const cellName = (i) => `M${Math.floor(i / cpm)} C${i % cpm}`;
  drawChart('cells', d, d.cells, cellName, 'mV');
  drawChart('rest', d, d.rest, (i) => `module ${i}`, 's');
  drawChart('overpotential', d, d.overpotential, cellName, 'mV');
  drawChart('resistance', d, d.resistance, cellName, 'kΩ');
  renderEvents(d);
  renderGaps(d);
}

function drawChart(name, d, table, label, unit) {
  const el = $('chart-' + name);
  const width = Math.max(300, el.clientWidth);
  const key = d.id + ':' + table.cols.length;
  let c = charts[name];
  if (!c || c.key !== key) {
    if (c) {
      c.plot.destroy();
    }
    const series = [{ label: 'device time (s)' }];
    table.cols.forEach((_, i) => series.push({ label: label(i), stroke: PALETTE[i % PALETTE.length], width: 1.5, spanGaps: name !== 'cells', points: { show: name !== 'cells', size: 4 } }));
    const plot = new uPlot({
      width, height: 220, series,
      scales: { x: { time: false } },
      axes: [{ label: 'device time (s)', stroke: '#475569', grid: { stroke: '#e2e8f0' } }, { label: unit, stroke: '#475569', grid: { stroke: '#e2e8f0' }, size: 60 }],
      legend: { live: false },
      cursor: { drag: { x: true, y: false } },
      hooks: { drawClear: [(u) => drawMarks(u, d)] },
    }, [table.x, ...table.cols], el);
    c = charts[name] = { plot, key, width };
    table.dirty = false;
  } else if (table.dirty || c.marks !== d.marks.length) {
    if (c.width !== width) {
      c.plot.setSize({ width, height: 220 });
      c.width = width;
    }
    c.plot.setData([table.x, ...table.cols]);
    table.dirty = false;
  }
  c.marks = d.marks.length;
  el.dataset.points = String(table.x.length);
}

/** Shades data gaps (seq jumps) and broker outages on a chart's device-time axis. */
function drawMarks(u, d) {
  const ctx = u.ctx;
  const { top, height } = u.bbox;
  ctx.save();
  const ordered = d.marks.filter((m) => m.kind !== 'outage').concat(d.marks.filter((m) => m.kind === 'outage'));
  for (const m of ordered) {
    const x0 = u.valToPos(m.from, 'x', true);
    const x1 = Math.max(x0 + 2 * devicePixelRatio, u.valToPos(m.to, 'x', true));
    ctx.fillStyle = m.kind === 'outage' ? 'rgba(239,68,68,0.2)' : m.kind === 'restart' ? 'rgba(147,51,234,0.25)' : 'rgba(245,158,11,0.16)';
    ctx.fillRect(x0, top, x1 - x0, height);
    ctx.fillStyle = m.kind === 'outage' ? 'rgba(185,28,28,0.9)' : 'rgba(180,83,9,0.9)';
    ctx.fillRect(x0, top, 1.5 * devicePixelRatio, height);
    if (m.kind === 'outage') {
      ctx.fillRect(x1 - 1.5 * devicePixelRatio, top, 1.5 * devicePixelRatio, height);
      ctx.font = `${11 * devicePixelRatio}px system-ui, sans-serif`;
      ctx.fillText('broker offline', x0 + 4 * devicePixelRatio, top + 13 * devicePixelRatio);
    }
  }
  ctx.restore();
}

function renderDevices() {
  const nav = $('devices');
  nav.replaceChildren();
  for (const d of devices.values()) {
    const chip = document.createElement('button');
    chip.className = 'device' + (d.id === selected ? ' selected' : '');
    chip.dataset.device = d.id;
    chip.dataset.status = d.status;
    chip.innerHTML = `<span class="dot dot-${d.status}"></span>${escapeHtml(d.id)} <small>${escapeHtml(d.status)}${d.bootId ? ' · boot ' + escapeHtml(d.bootId) : ''}</small>`;
    chip.onclick = () => {
      selected = d.id;
      for (const c of Object.values(charts)) c.plot.destroy();
      for (const k of Object.keys(charts)) delete charts[k];
      renderDevices();
      render();
    };
    nav.appendChild(chip);
  }
  if (devices.size === 0) {
    nav.innerHTML = '<span class="muted">waiting for devices...</span>';
  }
}

function renderModules(d) {
  const section = $('modules');
  while (section.children.length < d.modules.length) {
    const i = section.children.length;
    const card = document.createElement('div');
    card.className = 'card module';
    card.innerHTML = `<div class="module-head"><strong>Module ${i}</strong><span class="state"></span></div>
      <canvas class="timeline" height="18"></canvas>
      <div class="module-facts"><span class="pulses"></span><span class="rest"></span><span class="reason"></span></div>`;
    section.appendChild(card);
  }
  const xs = d.cells.x.length ? d.cells.x : d.rest.x;
  const t1 = d.lastTMs ?? 0;
  const t0 = xs.length ? Math.min(xs[0] * 1000, t1) : 0;
  d.modules.forEach((m, i) => {
    const card = section.children[i];
    const badge = card.querySelector('.state');
    badge.textContent = m.state;
    badge.dataset.state = m.state;
    badge.style.background = STATE_COLORS[m.state] || STATE_COLORS.unknown;
    card.dataset.state = m.state;
    card.dataset.changes = String(m.history.length);
    card.querySelector('.pulses').textContent = `${m.pulses} pulses`;
    card.querySelector('.rest').textContent = m.restMs !== null ? `rest ${(m.restMs / 1000).toFixed(2)} s` : '';
    card.querySelector('.reason').textContent = m.stopReason && m.stopReason !== 'none' ? `stop: ${m.stopReason}` : '';
    drawTimeline(card.querySelector('canvas'), m.history, t0, t1);
  });
}

function drawTimeline(canvas, history, t0, t1) {
  const w = canvas.clientWidth || 200;
  if (canvas.width !== w) canvas.width = w;
  const ctx = canvas.getContext('2d');
  ctx.clearRect(0, 0, w, canvas.height);
  const span = Math.max(1, t1 - t0);
  for (let i = 0; i < history.length; i++) {
    const from = Math.max(history[i].tMs, t0);
    const to = i + 1 < history.length ? history[i + 1].tMs : t1;
    if (to < t0) continue;
    const x0 = ((from - t0) / span) * w;
    const x1 = ((to - t0) / span) * w;
    ctx.fillStyle = STATE_COLORS[history[i].state] || STATE_COLORS.unknown;
    ctx.fillRect(x0, 0, Math.max(1, x1 - x0), canvas.height);
  }
}

let renderedEvents = null;
function renderEvents(d) {
  $('event-count').textContent = `${d.eventCount} received`;
  if (renderedEvents === d.events[0] && d.events.length === $('events').tBodies[0].rows.length) {
    return;
  }
  renderedEvents = d.events[0];
  const body = $('events').tBodies[0];
  body.replaceChildren(...d.events.slice(0, EVENT_ROWS).map((e) => {
    const tr = document.createElement('tr');
    tr.className = 'sev-' + e.severity;
    tr.dataset.kind = e.kind;
    const cpm = d.cellsPerModule || 1;
    const where = e.module === null ? 'pack' : `M${e.module}` + (e.cell === null || e.cell === undefined ? '' : ` C${e.cell % cpm}`);
    const lost = e.lost ? ` (lost ${Object.entries(e.lost).map(([k, v]) => `${k} ${v}`).join(', ')})` : '';
    tr.innerHTML = `<td>${fmtTime(e.tMs)}</td><td><span class="sev">${escapeHtml(e.severity)}</span></td><td>${escapeHtml(e.kind)}</td>
      <td>${escapeHtml(e.diagnosis ?? '')}</td><td>${where}</td><td>${e.value} / ${e.threshold}${escapeHtml(lost)}</td><td>${e.seq}</td>`;
    return tr;
  }));
}

function renderGaps(d) {
  const outages = connection.outages.length;
  $('gap-count').textContent = `${d.gaps.length} seq gaps · ${outages} broker reconnect${outages === 1 ? '' : 's'}`;
  const body = $('gaps').tBodies[0];
  const rows = connection.outages.slice().reverse().map((o) => {
    const tr = document.createElement('tr');
    tr.className = 'outage';
    tr.innerHTML = `<td>connection</td><td>-</td><td>${new Date(o.from).toLocaleTimeString()} to ${new Date(o.to).toLocaleTimeString()} (${((o.to - o.from) / 1000).toFixed(1)} s wall)</td><td>broker unreachable</td><td>reconnected</td>`;
    return tr;
  });
  for (const g of d.gaps) {
    const tr = document.createElement('tr');
    tr.className = g.missing === 0 ? 'recovered' : 'gap';
    tr.dataset.stream = g.stream;
    const status = g.missing === 0 ? 'recovered by replay' : g.missing < g.total ? `${g.missing} of ${g.total} still missing` : `${g.total} missing`;
    tr.innerHTML = `<td>${g.stream}</td><td>${g.from}${g.to > g.from ? '–' + g.to : ''}</td><td>${fmtTime(g.fromTMs)} – ${fmtTime(g.toTMs)}</td><td>${escapeHtml(g.cause)}</td><td>${status}</td>`;
    rows.push(tr);
  }
  if (rows.length === 0) {
    const tr = document.createElement('tr');
    tr.innerHTML = '<td colspan="5" class="muted">no gaps: every seq arrived</td>';
    rows.push(tr);
  }
  body.replaceChildren(...rows);
}

function fmtTime(ms) {
  if (ms === null || ms === undefined) return '?';
  const s = ms / 1000;
  if (s < 120) return s.toFixed(2) + ' s';
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const r = (s % 60).toFixed(1).padStart(4, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${r}` : `${m}:${r}`;
}

function escapeHtml(text) {
  return String(text).replace(/[&<>"']/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[ch]));
}

// ---------------------------------------------------------------- form, resize, test hook

const form = $('settings');
for (const k of ['broker', 'device', 'user', 'password']) {
  form.elements[k].value = settings[k];
}
form.addEventListener('submit', (e) => {
  e.preventDefault();
  for (const k of ['broker', 'device', 'user', 'password']) {
    settings[k] = form.elements[k].value.trim();
  }
  const q = new URLSearchParams();
  for (const k of ['broker', 'device', 'user']) if (settings[k]) q.set(k, settings[k]);
  history.replaceState(null, '', '?' + q.toString());
  devices.clear();
  selected = settings.device || null;
  connection.outages = [];
  connection.lostAt = null;
  connection.everConnected = false;
  connect();
});
addEventListener('resize', () => {
  for (const c of Object.values(charts)) c.width = -1;
  render();
});

/** Read-only view of the page's state for automated tests and debugging from the console. */
window.edgeDashboard = {
  snapshot() {
    const d = selected ? devices.get(selected) : null;
    return {
      connection: connection.state,
      reconnects: connection.reconnects,
      outages: connection.outages.length,
      device: d ? d.id : null,
      status: d ? d.status : null,
      cellRows: d ? d.cells.x.length : 0,
      lastTMs: d ? d.lastTMs : null,
      pulseRows: d ? d.rest.x.length : 0,
      modules: d ? d.modules.map((m) => ({ state: m.state, changes: m.history.length, states: [...new Set(m.history.map((h) => h.state))] })) : [],
      events: d ? d.events.map((e) => e.kind) : [],
      gaps: d ? d.gaps.map((g) => ({ stream: g.stream, from: g.from, to: g.to, missing: g.missing, cause: g.cause })) : [],
      marks: d ? d.marks.map((m) => m.kind) : [],
    };
  },
};

connect();
