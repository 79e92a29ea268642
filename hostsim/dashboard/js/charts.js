// uPlot charts on the device time axis. Cell voltages are drawn as the sample line plus the band between
// the per-interval minimum and maximum the device reports (so pulse peaks and rest troughs show truly);
// limits are horizontal lines; events, data gaps and broker outages are drawn over every chart.

import { axisTimes, axisValues, plates } from './format.js';

export const PALETTE = ['#1f77b4', '#d62728', '#2ca02c', '#9467bd', '#ff7f0e', '#17becf', '#8c564b', '#e377c2',
  '#393b79', '#bcbd22', '#006d2c', '#ad494a', '#637939', '#3182bd', '#7b4173', '#e6550d'];
export const SEVERITY_COLORS = { info: '#2563eb', warning: '#d97706', fault: '#dc2626' };
const MAX_SERIES = 16;
const MAX_EVENT_LINES = 200;

/** Module hue; cells of a module as darker to lighter shades of it (same rule as the simulator's plots). */
export function moduleColor(m) {
  return PALETTE[m % PALETTE.length];
}

export function cellColor(m, c, cpm) {
  const base = moduleColor(m);
  if (cpm <= 1) return base;
  const k = c / (cpm - 1) - 0.5; // -0.5 .. 0.5
  const rgb = [1, 3, 5].map((i) => parseInt(base.slice(i, i + 2), 16));
  const mixed = rgb.map((v) => Math.round(k < 0 ? v * (1 + k * 0.9) : v + (255 - v) * k));
  return '#' + mixed.map((v) => v.toString(16).padStart(2, '0')).join('');
}

function alpha(hex, a) {
  const rgb = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16));
  return `rgba(${rgb[0]},${rgb[1]},${rgb[2]},${a})`;
}

/** Which cells and modules the detail charts draw (at most 16 lines each), and what that leaves out. */
export function selection(d, focus) {
  const cfg = d.config;
  const total = cfg.modules * cfg.cellsPerModule;
  let cells;
  if (total <= MAX_SERIES) cells = [...Array(total).keys()];
  else {
    const first = focus * cfg.cellsPerModule;
    cells = [...Array(Math.min(cfg.cellsPerModule, MAX_SERIES)).keys()].map((c) => first + c);
  }
  const modules = cfg.modules <= MAX_SERIES ? [...Array(cfg.modules).keys()] : [focus];
  let note = '';
  if (total > cells.length) note = `showing ${cells.length} of ${total} cells (module ${focus}); every cell is in the compact view`;
  return { cells, modules, note };
}

const charts = new Map();

// The time window the operator zoomed into ({ min, max } in device seconds), shared by every chart so that a
// pulse's cell voltages, current and overpotential line up; null: every chart shows the whole run.
let zoomWindow = null;

// Whether the operator holds the mouse button down on a chart (a drag that will select a window): every chart holds
// still until it comes up. A drag selects pixels; data arriving meanwhile would move the times under them (a slow drag
// on a loaded machine selected 3.34 s for the 1 s it was dragged across), and the charts shift under the operator's hand.
let held = false;
let onRelease = null;

/** f runs when the charts no longer hold still (the operator let go of the mouse button): draw what came meanwhile. */
export function whenReleased(f) {
  onRelease = f;
}

function release() {
  if (!held) return;
  held = false;
  if (onRelease) onRelease();
}
addEventListener('mouseup', release);
// A window that loses the focus mid-drag (another application brought forward) may never see the button come up.
addEventListener('blur', release);

/**
 * Removes every chart (they are made again on the next draw). keepZoom: the charts made again show the window the
 * operator zoomed into (another module in focus); otherwise the whole run.
 */
export function destroyAll(keepZoom = false) {
  for (const c of charts.values()) c.plot.destroy();
  charts.clear();
  if (!keepZoom) zoomWindow = null;
}

/** Puts every other chart on the window one chart was zoomed into. */
function zoomAll(from, min, max) {
  zoomWindow = { min, max };
  for (const [name, c] of charts) {
    if (name === from) continue;
    c.zoomed = true;
    c.plot.setScale('x', { min, max });
  }
}

/** Shows the whole run on every chart again (one chart's double click; uPlot has reset that one). */
function unzoomAll(from) {
  zoomWindow = null;
  for (const [name, c] of charts) {
    c.zoomed = false;
    if (name !== from) c.plot.setData(c.plot.data, true);
  }
}

function limitsFor(name, cfg) {
  if (!cfg) return [];
  if (name === 'cells') {
    const plating = plates(cfg.protocol);
    const out = [
      { y: cfg.protocol.stripCutoffMv, label: `${plating ? 'strip ' : ''}cut-off ${cfg.protocol.stripCutoffMv} mV`, color: '#b91c1c' },
      { y: cfg.protection.cellMaximumMv, label: `safety max ${cfg.protection.cellMaximumMv} mV`, color: '#475569' },
    ];
    if (plating) {
      out.push({ y: cfg.protocol.plateCutoffMv, label: `plating cut-off ${cfg.protocol.plateCutoffMv} mV`, color: '#b91c1c' });
      out.push({ y: cfg.protection.cellMinimumMv, label: `safety min ${cfg.protection.cellMinimumMv} mV`, color: '#475569' });
    }
    return out;
  }
  if (name === 'current') {
    const maxMaCm2 = cfg.protection.moduleMaximumCurrentUa / 1000 / cfg.protocol.electrodeAreaCm2;
    return [{ y: maxMaCm2, label: `safety max ${maxMaCm2.toFixed(2)} mA/cm2`, color: '#475569' }];
  }
  // The rest range bounds only adaptive rests; a fixed rest's chart shows the rests alone.
  if (name === 'rest' && cfg.protocol.restMode === 'adaptive') {
    return [
      { y: cfg.protocol.maximumRestMs / 1000, label: `max rest ${cfg.protocol.maximumRestMs / 1000} s`, color: '#475569' },
      { y: cfg.protocol.minimumRestMs / 1000, label: `min rest ${cfg.protocol.minimumRestMs / 1000} s`, color: '#475569' },
    ];
  }
  return [];
}

/**
 * Draws (or updates) one chart. spec: { name, el, table, columns: [{ col, label, color, band: [loCol, hiCol] }], unit }.
 * The data arrays are the table's own (no copy).
 */
export function draw(spec, d) {
  const { name, el, table, columns } = spec;
  const width = Math.max(300, el.clientWidth);
  // The labels name module and cell: another layout may chart the same columns as other cells (2 x 2 after 1 x 4).
  const key = d.id + ':' + columns.map((c) => c.col + '=' + c.label).join(',');
  const data = [table.x];
  const series = [{ label: 'device time' }];
  const bands = [];
  for (const c of columns) {
    data.push(table.cols[c.col]);
    series.push({ label: c.label, stroke: c.color, width: 1.5, spanGaps: false, points: { show: c.points === true, size: 4, fill: c.color } });
  }
  for (const c of columns) {
    if (!c.band) continue;
    const lo = data.length;
    data.push(table.cols[c.band[0]]);
    series.push({ label: c.label + ' min', stroke: 'transparent', width: 0, points: { show: false } });
    data.push(table.cols[c.band[1]]);
    series.push({ label: c.label + ' max', stroke: alpha(c.color, 0.5), width: 0.5, points: { show: false } });
    bands.push({ series: [lo + 1, lo], fill: alpha(c.color, 0.18) });
  }
  let c = charts.get(name);
  // While the operator drags across a chart, nothing moves: its new data wait for the button to come up.
  if (held && c && c.key === key) return;
  if (!c || c.key !== key) {
    if (c) c.plot.destroy();
    el.replaceChildren();
    const limits = limitsFor(name, d.config);
    const plot = new uPlot({
      width, height: 220, series, bands,
      scales: {
        x: { time: false },
        y: {
          range: (u, min, max) => {
            if (min === null || max === null) { min = 0; max = 1; }
            for (const l of limits) {
              // A limit joins the range once the data come within half of it: a far cut-off would flatten the data.
              if ((l.y > 0 && max >= l.y * 0.5) || (l.y < 0 && min <= l.y * 0.5) || (l.y >= min && l.y <= max)) {
                min = Math.min(min, l.y);
                max = Math.max(max, l.y);
              }
            }
            const pad = (max - min) * 0.08 || 1;
            // Padding below data and limits that never go under 0 (a rest, a stripping current, cells at rest and in
            // pulses) stops at 0: a negative rest on the axis reads as a value the device could send.
            const low = min >= 0 && min - pad < 0 ? 0 : min - pad;
            return [low, max + pad];
          },
        },
      },
      axes: [
        {
          // 80 px between ticks: room for a label with a fraction (0:00:04.375) when zoomed in.
          label: 'device time (h:mm:ss)', stroke: '#475569', grid: { stroke: '#e2e8f0' }, size: 46, space: 80,
          values: (u, ticks, axis, space, incr) => {
            const labels = axisTimes(ticks, incr);
            const drawn = charts.get(name);
            if (drawn) drawn.axisLabels = labels;
            return labels;
          },
        },
        { label: spec.unit, stroke: '#475569', grid: { stroke: '#e2e8f0' }, size: 60, values: (u, ticks, axis, space, incr) => axisValues(ticks, incr) },
      ],
      legend: { live: false, show: false },
      cursor: { drag: { x: true, y: false } },
      hooks: {
        draw: [(u) => overlay(u, name, limits)],
        // A drag selects a stretch of the time axis and zooms into it; a double click shows everything again (the
        // listener below). New data must not undo the zoom. The other charts follow once uPlot has set the
        // window the selection made (only then: the scale hook also runs for every data update).
        setSelect: [(u) => {
          const drawn = charts.get(name);
          if (drawn && u.select.width > 0) {
            drawn.zoomed = true;
            drawn.selecting = true;
          }
        }],
        setScale: [(u, key) => {
          const drawn = charts.get(name);
          if (key !== 'x' || !drawn || !drawn.selecting || u.select.width > 0) return;
          drawn.selecting = false;
          zoomAll(name, u.scales.x.min, u.scales.x.max);
        }],
      },
    }, data, el);
    c = { plot, key, width, version: -1, zoomed: false, selecting: false, axisLabels: [], limits, config: d.config, columns, unit: spec.unit };
    charts.set(name, c);
    // After uPlot's own double-click handler (registered first), which has shown every sample it was given.
    plot.over.addEventListener('dblclick', () => unzoomAll(name));
    plot.over.addEventListener('mousedown', (e) => {
      if (e.button === 0) held = true;
    });
    if (zoomWindow) {
      // A chart made again (another module in focus, a new configuration) joins the window the others show.
      c.zoomed = true;
      plot.setScale('x', zoomWindow);
    }
  } else if (c.version !== d.version || c.width !== width) {
    const newConfig = c.config !== d.config;
    if (newConfig) {
      // A new config (a changed protocol, or the same one republished at a reconnect) moves the limit lines of this
      // chart; made anew it would leave the page empty until the next draw. The scale and overlay read this array.
      c.limits.splice(0, c.limits.length, ...limitsFor(name, d.config));
      c.config = d.config;
    }
    if (c.width !== width) {
      c.plot.setSize({ width, height: 220 });
      c.width = width;
    }
    // Live data redraw the whole time axis, unless the user zoomed in: then the window stays where it was put.
    c.plot.setData(data, !c.zoomed);
    // A zoomed chart keeps its window; set again, it ranges its values anew, with the moved limits.
    if (newConfig && c.zoomed) c.plot.setScale('x', { min: c.plot.scales.x.min, max: c.plot.scales.x.max });
  }
  c.device = d;
  c.version = d.version;
  el.dataset.points = String(table.x.length);
  el.dataset.series = String(columns.length);
}

/**
 * What a chart's axes show, for tests and the console: its time window (s), whether zoomed, its labels, event lines,
 * limits and lines, the value axis' label (yLabel) and range (yMin, yMax).
 */
export function timeAxis(name) {
  const c = charts.get(name);
  if (!c) return null;
  return {
    min: c.plot.scales.x.min, max: c.plot.scales.x.max, zoomed: c.zoomed, held, labels: c.axisLabels, events: c.eventLines || [],
    limits: c.limits.map((l) => l.label), series: c.columns.map((col) => col.label), yLabel: c.unit, yMin: c.plot.scales.y.min, yMax: c.plot.scales.y.max,
  };
}

/**
 * The data a chart plots for the series labelled `label`, for tests and the console: device times (s), values (null where
 * the line breaks or the row has no value of it) and, for a series with a band, its lower and upper ends; lines: the
 * device times of the points each stretch of its line joins, as uPlot draws them (a null breaks the line, a row without
 * a value of the series, undefined, is passed over). null when the chart or the series is not drawn.
 */
export function plotted(name, label) {
  const c = charts.get(name);
  if (!c) return null;
  const index = (l) => c.plot.series.findIndex((s) => s.label === l);
  const i = index(label);
  if (i < 0) return null;
  const lo = index(label + ' min');
  const hi = index(label + ' max');
  return {
    x: [...c.plot.data[0]], values: [...c.plot.data[i]],
    min: lo < 0 ? null : [...c.plot.data[lo]], max: hi < 0 ? null : [...c.plot.data[hi]], lines: lines(c.plot.data[0], c.plot.data[i]),
  };
}

function lines(xs, ys) {
  const out = [];
  let line = [];
  for (let r = 0; r < xs.length; r++) {
    if (ys[r] === null) {
      if (line.length) out.push(line);
      line = [];
    } else if (ys[r] !== undefined) {
      line.push(xs[r]);
    }
  }
  if (line.length) out.push(line);
  return out;
}

/** Limits, events, data gaps and broker outages over the plotting area. */
function overlay(u, name, limits) {
  const c = charts.get(name);
  const d = c && c.device;
  const ctx = u.ctx;
  const { left, top, width, height } = u.bbox;
  const dpr = devicePixelRatio;
  ctx.save();
  ctx.beginPath();
  ctx.rect(left, top, width, height);
  ctx.clip();
  ctx.font = `${11 * dpr}px system-ui, sans-serif`;
  const [y0, y1] = [u.scales.y.min, u.scales.y.max];
  let above = 0;
  let below = 0;
  ctx.textAlign = 'right';
  for (const l of limits) {
    if (l.y < y0 || l.y > y1) {
      // Out of range: named at the top or bottom edge, one under the other.
      ctx.fillStyle = l.color;
      const y = l.y > y1 ? top + (12 + 13 * above++) * dpr : top + height - (4 + 13 * below++) * dpr;
      ctx.fillText(`${l.label} ${l.y > y1 ? '(above)' : '(below)'}`, left + width - 4 * dpr, y);
      continue;
    }
    const y = u.valToPos(l.y, 'y', true);
    ctx.strokeStyle = l.color;
    ctx.setLineDash([6 * dpr, 4 * dpr]);
    ctx.lineWidth = 1.2 * dpr;
    ctx.beginPath(); ctx.moveTo(left, y); ctx.lineTo(left + width, y); ctx.stroke();
    ctx.setLineDash([]);
    ctx.fillStyle = l.color;
    ctx.fillText(l.label, left + width - 4 * dpr, y - 4 * dpr);
  }
  ctx.textAlign = 'left';
  if (d) {
    for (const m of d.marks) {
      const x0 = u.valToPos(m.from, 'x', true);
      const x1 = Math.max(x0 + 2 * dpr, u.valToPos(m.to, 'x', true));
      ctx.fillStyle = m.kind === 'outage' ? 'rgba(239,68,68,0.2)' : m.kind === 'restart' ? 'rgba(147,51,234,0.25)' : 'rgba(148,163,184,0.35)';
      ctx.fillRect(x0, top, x1 - x0, height);
      if (m.kind === 'outage' || m.kind === 'gap') {
        ctx.fillStyle = m.kind === 'outage' ? 'rgba(185,28,28,0.9)' : 'rgba(71,85,105,0.9)';
        ctx.fillText(m.kind === 'outage' ? 'broker offline' : 'no data', x0 + 3 * dpr, top + 24 * dpr);
      }
    }
    const xMin = u.scales.x.min;
    const xMax = u.scales.x.max;
    let drawn = 0;
    const kinds = [];
    for (const e of d.events) {
      if (drawn >= MAX_EVENT_LINES) break;
      // The time axis is the running boot's clock: an earlier boot's event at the same tMs happened in another run.
      if (e.bootId !== d.bootId) continue;
      const t = e.tMs / 1000;
      if (t < xMin || t > xMax) continue;
      drawn++;
      kinds.push(e.kind);
      const x = u.valToPos(t, 'x', true);
      ctx.strokeStyle = SEVERITY_COLORS[e.severity];
      ctx.lineWidth = (e.severity === 'info' ? 1 : 1.6) * dpr;
      ctx.beginPath(); ctx.moveTo(x, top); ctx.lineTo(x, top + height); ctx.stroke();
      if (e.severity !== 'info') {
        ctx.save();
        ctx.translate(x - 3 * dpr, top + 4 * dpr);
        ctx.rotate(-Math.PI / 2);
        ctx.textAlign = 'right';
        ctx.fillStyle = SEVERITY_COLORS[e.severity];
        ctx.fillText(e.kind, 0, 0);
        ctx.restore();
      }
    }
    c.eventLines = kinds;
  }
  ctx.restore();
}
