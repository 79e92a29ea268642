// The compact view of a whole pack: a state strip (one square per module) and a heat map of the latest
// cell voltages (a row per module, a column per cell), both on canvases sized to the pack, so 64 or 256
// modules cost one draw each and stay readable. Hovering names the module or cell and its values.

import { deviceTime } from './format.js';
import { stopText, cellInvalid, invalidReason } from './store.js';

export const STATE_COLORS = { idle: '#94a3b8', pulse: '#f59e0b', rest: '#38bdf8', hold: '#ef4444', done: '#22c55e', unknown: '#a78bfa', nodata: '#e5e7eb' };

// A cell whose latest message lists it without a valid reading: grey, outside the voltage ramp.
const INVALID_COLOR = '#d1d5db';

// Perceptual ramp (viridis stops) for voltages between the pack's lowest and highest current reading.
const RAMP = ['#440154', '#482878', '#3e4989', '#31688e', '#26828e', '#1f9e89', '#35b779', '#6ece58', '#b5de2b', '#fde725'];

function ramp(f) {
  const i = Math.max(0, Math.min(RAMP.length - 1, Math.round(f * (RAMP.length - 1))));
  return RAMP[i];
}

/**
 * Draws both canvases; returns what was drawn (for the tests' snapshot). shown: { stale, offline, why }: either way the
 * last reported states and readings are not live, so they are drawn faded and the captions say why (why: the stale cause).
 */
export function drawCompact(d, els, shown) {
  const cfg = d.config;
  if (!cfg) return null;
  const faded = shown.stale || shown.offline;
  const why = shown.stale ? shown.why : 'offline: faded, as last reported';
  const modules = cfg.modules;
  const cpm = cfg.cellsPerModule;
  const dpr = devicePixelRatio || 1;

  // State strip: squares in rows of up to 32.
  const perRow = Math.min(32, modules);
  const size = modules > 64 ? 16 : 22;
  const strip = els.strip;
  const sw = perRow * (size + 2);
  const sh = Math.ceil(modules / perRow) * (size + 2);
  strip.style.width = sw + 'px';
  strip.style.height = sh + 'px';
  strip.width = Math.round(sw * dpr);
  strip.height = Math.round(sh * dpr);
  const sc = strip.getContext('2d');
  sc.setTransform(dpr, 0, 0, dpr, 0, 0);
  sc.clearRect(0, 0, sw, sh);
  sc.font = `${size > 16 ? 9 : 7}px system-ui, sans-serif`;
  sc.textAlign = 'center';
  const counts = {};
  const framed = [];
  for (let m = 0; m < modules; m++) {
    const mod = d.modules[m];
    // A module whose state the device never reported has none to show (its 'idle' is the page's default).
    const state = mod.reported ? mod.state : 'nodata';
    const label = mod.reported ? mod.state : 'no data';
    counts[label] = (counts[label] || 0) + 1;
    const x = (m % perRow) * (size + 2);
    const y = Math.floor(m / perRow) * (size + 2);
    sc.globalAlpha = faded ? 0.35 : 1;
    sc.fillStyle = STATE_COLORS[state] || STATE_COLORS.unknown;
    sc.fillRect(x, y, size, size);
    sc.globalAlpha = 1;
    // A held module the page has no event of: its last event is the fault that latched it (the card says so too).
    if (mod.lastEvent ? mod.lastEvent.severity === 'fault' : mod.state === 'hold' && mod.cause) {
      framed.push(m);
      sc.strokeStyle = '#7f1d1d';
      sc.lineWidth = 2;
      sc.strokeRect(x + 1, y + 1, size - 2, size - 2);
    }
    sc.fillStyle = state === 'hold' || state === 'pulse' ? '#111827' : '#0f172a';
    sc.fillText(String(m), x + size / 2, y + size / 2 + 3);
  }

  // Heat map: latest reading per cell.
  let lo = Infinity;
  let hi = -Infinity;
  for (let m = 0; m < modules; m++) {
    const mod = d.modules[m];
    if (!mod.lastCells) continue;
    for (let c = 0; c < cpm; c++) {
      if (cellInvalid(d, m * cpm + c)) continue; // a repeated old value, not a reading: no part of the scale
      const v = mod.lastCells.cellVoltageMv[c];
      if (v < lo) lo = v;
      if (v > hi) hi = v;
    }
  }
  if (!Number.isFinite(lo)) { lo = 0; hi = 1; }
  if (hi - lo < 1) hi = lo + 1;
  const heat = els.heat;
  const cw = Math.max(4, Math.min(28, Math.floor(720 / cpm)));
  const ch = Math.max(3, Math.min(18, Math.floor(900 / modules)));
  const hw = cpm * cw + 40;
  const hh = modules * ch;
  heat.style.width = hw + 'px';
  heat.style.height = hh + 'px';
  heat.width = Math.round(hw * dpr);
  heat.height = Math.round(hh * dpr);
  const hc = heat.getContext('2d');
  hc.setTransform(dpr, 0, 0, dpr, 0, 0);
  hc.clearRect(0, 0, hw, hh);
  hc.font = `${Math.min(10, ch)}px system-ui, sans-serif`;
  hc.textAlign = 'right';
  for (let m = 0; m < modules; m++) {
    const mod = d.modules[m];
    if (ch >= 7 || m % 8 === 0) {
      hc.fillStyle = '#475569';
      hc.fillText('M' + m, 34, m * ch + ch - 1);
    }
    // Stale or offline: the last readings stay, faded, so the last known picture is still there to read.
    hc.globalAlpha = faded ? 0.3 : 1;
    for (let c = 0; c < cpm; c++) {
      const v = mod.lastCells ? mod.lastCells.cellVoltageMv[c] : null;
      const invalid = v !== null && cellInvalid(d, m * cpm + c);
      hc.fillStyle = v === null ? STATE_COLORS.nodata : invalid ? INVALID_COLOR : ramp((v - lo) / (hi - lo));
      hc.fillRect(40 + c * cw, m * ch, cw - (cw > 6 ? 1 : 0), ch - (ch > 4 ? 1 : 0));
      if (invalid && cw > 6 && ch > 4) {
        // Crossed out: no reading, not a cold or low cell.
        hc.strokeStyle = '#6b7280';
        hc.lineWidth = 1;
        hc.beginPath();
        hc.moveTo(40 + c * cw, m * ch + ch - 1);
        hc.lineTo(40 + c * cw + cw - 1, m * ch);
        hc.stroke();
      }
    }
    hc.globalAlpha = 1;
  }
  els.scale.textContent = `colour: ${lo} mV (dark) to ${hi} mV (yellow), latest reading per cell; grey, crossed: no valid reading` + (faded ? ` (${why})` : '');
  els.counts.textContent = Object.entries(counts).map(([s, n]) => `${n} ${s}`).join(' · ') + (faded ? ` (${why})` : '');
  els.strip.dataset.modules = String(modules);
  els.heat.dataset.cells = String(modules * cpm);
  return { modules, cells: modules * cpm, cellWidth: cw, rowHeight: ch, squares: size, lo, hi, faded, offline: !!shown.offline, framed };
}

/** Module (and cell) under a mouse position, for the hover text and focusing a module. */
export function hitTest(d, els, canvas, offsetX, offsetY, drawn) {
  if (!drawn) return null;
  if (canvas === els.strip) {
    const perRow = Math.min(32, drawn.modules);
    const m = Math.floor(offsetY / (drawn.squares + 2)) * perRow + Math.floor(offsetX / (drawn.squares + 2));
    if (m < 0 || m >= drawn.modules) return null;
    const mod = d.modules[m];
    const mark = drawn.faded ? (drawn.offline ? ' (offline)' : ' (no data now)') : '';
    return { module: m, text: `module ${m}: ${mod.reported ? mod.state : 'no data'}${mark}${stopText(mod) ? ' (' + stopText(mod) + ')' : ''}, last data ${mod.lastTMs === null ? 'none received' : deviceTime(mod.lastTMs)}` };
  }
  const m = Math.floor(offsetY / drawn.rowHeight);
  const c = Math.floor((offsetX - 40) / drawn.cellWidth);
  if (m < 0 || m >= drawn.modules || c < 0 || c >= d.config.cellsPerModule) return null;
  const cells = d.modules[m].lastCells;
  if (!cells) return { module: m, text: `M${m} C${c}: no reading yet` };
  const cell = m * d.config.cellsPerModule + c;
  if (cellInvalid(d, cell)) {
    const reason = invalidReason(d, cell);
    return { module: m, text: `M${m} C${c}: no valid reading since the previous message, at ${deviceTime(cells.tMs)}${reason ? ` (${reason})` : ''}` };
  }
  const extra = cells.cellMinMv ? ` (since the previous reading: ${cells.cellMinMv[c]} to ${cells.cellMaxMv[c]} mV)` : '';
  return { module: m, text: `M${m} C${c}: ${cells.cellVoltageMv[c]} mV at ${deviceTime(cells.tMs)}${extra}` };
}
