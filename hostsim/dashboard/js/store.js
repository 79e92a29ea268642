// The page's model of every device: checked messages go in, bounded histories come out. De-duplicates on
// (bootId, stream, seq), records seq gaps (lost messages) and marks the spans with no data, so a chart or
// a timeline never draws an outage as the last known state.

import { STREAMS, STATES } from './validate.js';

export const BOUNDS = {
  devices: 32,             // devices tracked; more are rejected
  pastBoots: 8,            // earlier boots per device whose late messages are still told from a restart
  unconfirmed: 16,         // messages per device ahead of its clock, waiting for the device to reach their time
  events: 500,             // event rows per device
  deviceEvents: 200,       // the firmware's own events kept per device (its log holds 32 while offline)
  gaps: 200,               // gap rows and chart marks per device
  seenPerStream: 20000,    // seqs remembered for de-duplication
  pendingBeforeConfig: 500,
  historyPerModule: 2000,  // state changes kept per module
  tableValues: 400000,     // numbers kept per chart table (rows x columns)
  maxRows: 4000,
};

export function createStore() {
  return { devices: new Map(), rejected: { total: 0, byReason: new Map(), recent: [] }, outages: [], lostAt: null };
}

export function reject(store, topic, reason) {
  const r = store.rejected;
  r.total++;
  r.byReason.set(reason, (r.byReason.get(reason) || 0) + 1);
  if (r.byReason.size > 100) r.byReason.delete(r.byReason.keys().next().value);
  r.recent.unshift({ at: Date.now(), topic: String(topic).slice(0, 100), reason: String(reason).slice(0, 200) });
  if (r.recent.length > 20) r.recent.length = 20;
}

function newTable(columns) {
  const rows = Math.max(200, Math.min(BOUNDS.maxRows, Math.floor(BOUNDS.tableValues / Math.max(1, columns))));
  return { x: [], cols: Array.from({ length: columns }, () => []), maxRows: rows, dirty: true };
}

/** fromBootStart: the page saw the boot begin (a restart), so this stream's seq counts from 1 and its clock from 0. */
function newStream(fromBootStart) {
  return { maxSeq: 0, seen: new Set(), order: [], openGaps: [], lastTMs: fromBootStart ? 0 : null, fromBootStart };
}

/** The device, created on first sight; null when the page already tracks as many devices as it may. */
export function device(store, id) {
  let d = store.devices.get(id);
  if (d) return d;
  if (store.devices.size >= BOUNDS.devices) return null;
  d = {
    id, status: 'unknown', statusBootId: null, firmware: null, bootId: null, config: null, configAt: null,
    streams: Object.fromEntries(STREAMS.map((s) => [s, newStream(false)])),
    modules: [], cells: null, pulses: null,
    events: [], eventCount: 0, gaps: [], marks: [], pending: [],
    lastTMs: null, lastSeenAt: null, awaitingReconnect: false, pendingStreams: new Set(), version: 0, boots: 0,
    restart: null, // { from, to, at }: the last restart the page saw (boot ids, wall clock)
    health: null, // the latest health message { msg, at, count }: not a stream (no seq), only the newest counts
    deviceEvents: [], deviceEventCount: 0, // the firmware's own events (device-event), newest first
    configCleared: false, // the device cleared its retained config since its last one: its boot runs no control loop
    pastBoots: new Map(), // bootId -> { boot, streams } of the boots this one replaced
    // Stream messages whose device time lies ahead of the device's clock by more than a jump (clockJumpLimitMs): applied
    // once the device's clock reaches them, rejected when the stream contradicts them. { stream, msg, receivedAt, topic }.
    unconfirmed: [],
    streamArrivals: 0, // stream messages of the running boot that passed the checks: tells a device that went on sending
  };
  store.devices.set(id, d);
  return d;
}

/** A new or changed config: the layout decides every table's shape, so a new layout starts them afresh. */
export function applyConfig(d, config) {
  const layoutChanged = !d.config || d.config.modules !== config.modules || d.config.cellsPerModule !== config.cellsPerModule;
  d.config = config;
  d.configAt = Date.now();
  d.configCleared = false;
  if (layoutChanged) startTables(d);
  d.version++;
}

/**
 * The device cleared its retained config (an empty message): a boot that runs no control loop (its board or settings
 * failed) does so, and has no modules to show. The page forgets the earlier boot's layout and what it drew from it; the
 * device's events, health and status stay.
 */
export function clearConfig(d) {
  d.config = null;
  d.configAt = null;
  d.configCleared = true;
  d.modules = [];
  d.cells = null;
  d.pulses = null;
  d.marks = [];
  d.pending = [];
  d.version++;
}

/** Module states and the time charts from nothing: a new layout, or a new boot (its device time starts at 0 again). */
function startTables(d) {
  const config = d.config;
  const cells = config.modules * config.cellsPerModule;
  d.modules = Array.from({ length: config.modules }, () => ({
    // reported: whether the device has told this module's state (cells, state): until then 'idle' is a default, not its state.
    state: 'idle', reported: false, stopReason: null, cause: null, causeCell: null, history: [], pulses: null, tunedRestMs: null, restMs: null, restEndReason: null,
    pulseCurrentUa: null, pulseMeanUa: null, pulseChargeUc: null, pulseDurationMs: null, moduleCurrentUa: null, moduleCurrentInvalid: false, totalChargeUc: null, lastEvent: null, lastTMs: null,
    // pulseTMs: device time of the pulse summary the facts above come from; runFromTMs: the last time the page saw the
    // module stopped before its current run, so a summary of the run before (a backlog record) does not stand for this one.
    pulseTMs: null, runFromTMs: null,
    // The newest seq applied per record (pulse, cells, and the state stream's two types, which carry different facts): a
    // backlog record replayed after newer ones fills the charts, not the facts.
    newestSeq: { pulse: 0, cells: 0, stateChanged: 0, restEnded: 0 },
  }));
  d.cells = newTable(cells * 3);        // per cell: value, minimum, maximum
  d.pulses = newTable(config.modules * 3 + cells); // per module: current, capacity, rest; per cell: overpotential
  d.marks = [];
}

/**
 * The page follows boot bootId from now on: the first boot it sees, or a restart (the device's status announced a new boot).
 * Returns the messages of the boot before that still waited for its clock: never confirmed now.
 */
function resetBoot(d, bootId) {
  const restart = d.bootId !== null && d.bootId !== bootId;
  if (restart) {
    // Its messages may still arrive late (MQTT orders messages per topic, not across topics and QoS): known as the old
    // boot's, they are neither this boot's nor yet another restart.
    d.pastBoots.set(d.bootId, { boot: d.boots, streams: d.streams });
    if (d.pastBoots.size > BOUNDS.pastBoots) d.pastBoots.delete(d.pastBoots.keys().next().value);
    // A restarted device counts its time from 0 again: the last boot's states, clock and charts would stand for this
    // one's (a module shown in hold while it pulses, the clock stuck at the old run's end). Its events stay listed.
    if (d.config) startTables(d);
    d.lastTMs = null;
    // The old boot's health (its uptime, ticks, heap) is not this boot's: none until the new boot sends its own, which
    // it does at its connection.
    d.health = null;
    // Said on the page: a restart seen while the page watched (a new run of the simulator, a device reset).
    d.restart = { from: d.bootId, to: bootId, at: Date.now() };
    addMark(d, 0, null, 'restart', `device restarted (boot ${bootId})`);
  }
  d.bootId = bootId;
  d.boots++;
  // A page that opened in the middle of a boot cannot tell lost messages from ones sent before it listened; after a
  // restart it can: every stream counts from seq 1 at each boot, so a first seq above 1 is a gap from the boot's start.
  d.streams = Object.fromEntries(STREAMS.map((s) => [s, newStream(restart)]));
  return d.unconfirmed.splice(0);
}

/**
 * The device's status (retained; published on every connection, the Last Will's offline included). It alone says which
 * boot the device runs: a boot is announced by its `online` status, so an online status naming a boot the page has not
 * seen is a restart. A page that follows no boot yet takes the boot of the first status it gets (the retained one, which
 * may be the offline a device left when it went away). The status of an earlier boot (a Last Will published late) and an
 * offline naming a boot the device never announced are ignored: they say nothing about the boot that runs.
 * Returns { ignored: why, or null; unconfirmed: the earlier boot's messages that waited for its clock, on a restart }.
 */
export function applyStatus(d, msg) {
  const boot = msg.bootId ?? null;
  let unconfirmed = [];
  if (boot !== null && boot !== d.bootId) {
    if (d.pastBoots.has(boot)) {
      return { ignored: `status: ${msg.status} of boot ${boot}, a boot before the running ${d.bootId}: ignored`, unconfirmed };
    }
    if (d.bootId !== null && msg.status === 'offline') {
      return { ignored: `status: offline of boot ${boot}, which the device has not announced (it runs ${d.bootId}): ignored`, unconfirmed };
    }
    unconfirmed = resetBoot(d, boot);
  }
  d.status = msg.status;
  d.statusBootId = boot;
  d.firmware = msg.fw ?? null; // the version the device's status names: a status without it (a device before the field) names none
  d.version++;
  return { ignored: null, unconfirmed };
}

/**
 * A stream message of a boot other than the one the page follows and none of the earlier boots it remembers: why it is
 * ignored, or null when the page follows no boot yet (no status named one), which makes this boot the one it follows.
 * A restart is announced by the device's status, never taken from a stream message: one late or forged message of another
 * boot would otherwise start the page's view afresh on a clock no further message follows.
 */
export function foreignBoot(d, msg) {
  if (msg.bootId === d.bootId) return null;
  if (d.bootId === null) {
    resetBoot(d, msg.bootId);
    return null;
  }
  const named = d.statusBootId === d.bootId ? 'the device\'s status names' : 'the page follows';
  return `boot ${msg.bootId} is not the boot ${named} (${d.bootId}): ignored, not taken as a restart`;
}

export function addMark(d, fromTMs, toTMs, kind, label) {
  if (fromTMs === null || fromTMs === undefined) return null;
  const mark = { from: fromTMs / 1000, to: (toTMs ?? fromTMs) / 1000, kind, label };
  d.marks.push(mark);
  if (d.marks.length > BOUNDS.gaps) d.marks.shift();
  return mark;
}

/**
 * The earlier boot a message belongs to ({ boot, streams }), or null for the running boot or a new one. bootId is drawn
 * at each boot, so it says which boot, not which came later: a restart is a bootId the page has not seen yet.
 */
export function pastBoot(d, msg) {
  return msg.bootId !== d.bootId ? d.pastBoots.get(msg.bootId) ?? null : null;
}

/** Remembers seq on the stream; false when it came before (a QoS 1 redelivery). */
function firstSight(s, seq) {
  if (s.seen.has(seq) || seq <= s.maxSeq - BOUNDS.seenPerStream) return false;
  s.seen.add(seq);
  s.order.push(seq);
  if (s.order.length > BOUNDS.seenPerStream) s.seen.delete(s.order.shift());
  return true;
}

/**
 * An event of an earlier boot arriving after the running boot's first messages: listed under its own boot, once. It
 * marks nothing of the running boot (its modules, clock and charts are this boot's); an earlier boot's telemetry is
 * not applied at all.
 */
export function applyPastEvent(d, past, msg, receivedAt) {
  if (!firstSight(past.streams.event, msg.seq)) return;
  addEvent(d, { ...msg, receivedAt, boot: past.boot });
  d.version++;
}

function addEvent(d, e) {
  d.eventCount++;
  d.events.push(e);
  d.events.sort((a, b) => b.boot - a.boot || b.tMs - a.tMs || b.seq - a.seq);
  if (d.events.length > BOUNDS.events) d.events.length = BOUNDS.events;
}

// Records of one stream a device numbers in one tick at most: the largest per-tick buffer the firmware accepts
// (telemetry.recordsPerTick up to 4096, ConfigurationValidator), and on the event stream the 4 events reported from other
// threads and the outboxOverflow report a tick adds (TelemetryPublisher).
const RECORDS_PER_TICK = 4096 + 5;

/**
 * The most messages of a stream a device numbers in elapsedMs of its clock, the tick it started in included. Cell
 * voltages: every module's once a cellVoltagePeriodMs at most (EdgeController.WriteCellVoltages), one batch of slack; the
 * others: one per-tick buffer a tick, ticks samplePeriodMs apart, two ticks of slack (a late tick, then one on time).
 */
export function seqCapacity(cfg, stream, elapsedMs) {
  const elapsed = Math.max(0, elapsedMs);
  if (stream === 'cells' && cfg.cellVoltagePeriodMs > 0) return cfg.modules * (Math.floor(elapsed / cfg.cellVoltagePeriodMs) + 2);
  return RECORDS_PER_TICK * (Math.floor(elapsed / cfg.samplePeriodMs) + 2);
}

/**
 * Why a seq ahead of the stream's newest is no jump a device makes, or null. seq counts the stream's messages from 1 at
 * each boot and tMs the device's time since it started, so the messages numbered after the stream's newest (from the
 * boot's start before any) cannot outnumber what the device numbers in the device time between them. Such a message is
 * not applied: no seq gap of messages never sent, no row at its time.
 */
export function seqJumpProblem(d, stream, msg) {
  const s = d.streams[stream];
  if (msg.seq <= s.maxSeq + 1) return null;
  const fromTMs = s.maxSeq > 0 ? s.lastTMs : 0;
  const numbered = msg.seq - s.maxSeq;
  const capacity = seqCapacity(d.config, stream, msg.tMs - fromTMs);
  if (numbered <= capacity) return null;
  const from = s.maxSeq > 0 ? `seq ${s.maxSeq} at tMs ${fromTMs}` : 'the boot\'s start';
  return `seq ${msg.seq} at tMs ${msg.tMs} is ${numbered} after ${from}: more than the device numbers in ${Math.max(0, msg.tMs - fromTMs)} ms `
    + `(at most ${capacity}); not counted as lost messages`;
}

/**
 * How far ahead of the device's clock (the newest device time applied) a message may lie before it waits for the clock:
 * the staleness limit, three cell-voltage periods and at least 3 s. A device that sends no cell voltages has nothing that
 * moves its clock regularly (an event may follow the one before by hours): its messages never wait.
 */
export function clockJumpLimitMs(cfg) {
  return cfg.cellVoltagePeriodMs > 0 ? Math.max(3000, 3 * cfg.cellVoltagePeriodMs) : Infinity;
}

/** Whether msg lies ahead of the device's clock by more than a jump: it waits (holdUnconfirmed) instead of being applied. */
export function aheadOfClock(d, msg) {
  return d.lastTMs !== null && msg.tMs - d.lastTMs > clockJumpLimitMs(d.config);
}

/**
 * Keeps a message ahead of the device's clock until the device's clock reaches it; returns the oldest one waiting when
 * too many wait (never confirmed, so rejected), or null. held.arrivals: the device's stream messages counted so far.
 */
export function holdUnconfirmed(d, held) {
  held.arrivals = d.streamArrivals;
  d.unconfirmed.push(held);
  d.version++;
  return d.unconfirmed.length > BOUNDS.unconfirmed ? d.unconfirmed.shift() : null;
}

/**
 * The messages that waited for the device's clock as long as the jump limit, in wall time (now, ms): a device that sent
 * more since, none of it at their time, never reached it (its cell voltages alone come every period), and they are
 * rejected; one that sent nothing since cannot contradict them (its last word before it fell quiet), and they are applied.
 * Returns { apply (oldest first), rejected: [{ held, reason }] }.
 */
export function expireUnconfirmed(d, now) {
  const apply = [];
  const rejected = [];
  if (d.unconfirmed.length === 0 || !d.config) return { apply, rejected };
  const waitMs = clockJumpLimitMs(d.config);
  d.unconfirmed = d.unconfirmed.filter((h) => {
    if (now - h.receivedAt < waitMs) return true;
    if (d.streamArrivals > h.arrivals) {
      rejected.push({ held: h, reason: `tMs ${h.msg.tMs} (seq ${h.msg.seq}) lies ${h.msg.tMs - h.clockTMs} ms ahead of the device's clock (tMs ${h.clockTMs}), `
        + `and the device's messages in the ${waitMs / 1000} s since did not reach it: a time the device did not reach; not applied` });
    } else {
      apply.push(h);
    }
    return false;
  });
  apply.sort((a, b) => a.msg.tMs - b.msg.tMs);
  if (apply.length > 0 || rejected.length > 0) d.version++;
  return { apply, rejected };
}

/**
 * What a newly arrived stream message of the running boot says about the messages waiting for the device's clock. Within
 * a stream seq and tMs advance together (both stamped in the tick that made the record), so:
 * - a message of the same stream numbered after a waiting one but stamped before it, or with its seq and another tMs,
 *   shows the waiting one's time is none the device reached: rejected;
 * - a message stamped at or after a waiting one's time shows the device's clock got there: confirmed, applied (oldest
 *   first) before it;
 * - the waiting message itself again (a QoS 1 redelivery: same seq and tMs) is a duplicate.
 * Returns { confirmed, rejected: [{ held, reason }], duplicate }.
 */
export function settleUnconfirmed(d, stream, msg) {
  const confirmed = [];
  const rejected = [];
  let duplicate = false;
  d.unconfirmed = d.unconfirmed.filter((h) => {
    if (h.stream === stream && h.msg.seq === msg.seq && h.msg.tMs === msg.tMs) {
      duplicate = true;
      return true;
    }
    if (h.stream === stream && msg.seq >= h.msg.seq && msg.tMs < h.msg.tMs) {
      rejected.push({ held: h, reason: `tMs ${h.msg.tMs} (seq ${h.msg.seq}) lies ${h.msg.tMs - h.clockTMs} ms ahead of the device's clock (tMs ${h.clockTMs}), `
        + `and the stream's seq ${msg.seq} came at tMs ${msg.tMs}: a time the device did not reach; not applied` });
      return false;
    }
    if (!duplicate && msg.tMs >= h.msg.tMs) {
      confirmed.push(h);
      return false;
    }
    return true;
  });
  confirmed.sort((a, b) => a.msg.tMs - b.msg.tMs);
  if (duplicate) {
    // A redelivery confirms nothing: it is no later message of the device.
    d.unconfirmed.push(...confirmed);
    confirmed.length = 0;
  }
  if (confirmed.length > 0 || rejected.length > 0) d.version++;
  return { confirmed, rejected, duplicate };
}

/** De-duplicates on seq and records seq jumps; false for a duplicate. msg is of the boot the page follows. */
export function acceptSeq(store, d, stream, msg) {
  const s = d.streams[stream];
  const seq = msg.seq;
  if (!firstSight(s, seq)) return false;
  if (seq > s.maxSeq + 1 && (s.maxSeq > 0 || s.fromBootStart)) {
    const cause = d.pendingStreams.has(stream) || store.lostAt !== null ? 'broker outage' : 'outbox overflow';
    const gap = { stream, from: s.maxSeq + 1, to: seq - 1, missing: seq - 1 - s.maxSeq, fromTMs: s.lastTMs, toTMs: msg.tMs, cause, bootId: msg.bootId };
    gap.total = gap.missing;
    d.gaps.unshift(gap);
    if (d.gaps.length > BOUNDS.gaps) d.gaps.pop();
    s.openGaps.push(gap);
    if (s.openGaps.length > BOUNDS.gaps) s.openGaps.shift();
    gap.mark = addMark(d, gap.fromTMs, gap.toTMs, 'gap', `${stream}: seq ${gap.from}-${gap.to} missing`);
    if (cause === 'broker outage' && d.outageMark && gap.toTMs / 1000 > d.outageMark.to) d.outageMark.to = gap.toTMs / 1000;
    if ((stream === 'cells' || stream === 'state') && gap.fromTMs !== null) {
      // What the modules did while the messages were lost is unknown: say so on every timeline.
      for (const m of d.modules) pushState(m, 'nodata', gap.fromTMs + 1, gap);
      if (stream === 'cells') breakLines(d.cells, gap.fromTMs / 1000 + 0.001);
    }
  } else if (seq < s.maxSeq) {
    // A late copy (backlog replayed after a reconnect) fills part of an earlier gap.
    for (const gap of s.openGaps) {
      if (seq >= gap.from && seq <= gap.to && gap.missing > 0) {
        gap.missing--;
        if (gap.missing === 0) {
          // Every message of it came, after newer ones (the device's backlog after a reconnect): its outbox dropped none.
          if (gap.cause === 'outbox overflow') gap.cause = 'sent late (device backlog)';
          for (const m of d.modules) m.history = m.history.filter((h) => h.gap !== gap);
        }
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

/**
 * Row index for x (s) in a table, inserting a row where needed; bounded. A new row's columns hold undefined, which the
 * charts join across (uPlot draws no point there and no break): a row made for one module's pulse is no gap in
 * another's line. null is a break: no data, or a module that stopped (breakLines).
 */
export function row(table, xs) {
  const x = table.x;
  const n = x.length;
  if (n === 0 || x[n - 1] < xs) {
    x.push(xs);
    for (const col of table.cols) col.push(undefined);
    if (x.length > table.maxRows * 1.25) {
      const cut = x.length - table.maxRows;
      x.splice(0, cut);
      for (const col of table.cols) col.splice(0, cut);
    }
    table.dirty = true;
    return x.length - 1;
  }
  let lo = 0;
  let hi = n;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (x[mid] < xs) lo = mid + 1; else hi = mid;
  }
  if (x[lo] === xs) return lo;
  if (lo === 0 && n >= table.maxRows) return -1; // older than everything kept: dropped
  x.splice(lo, 0, xs);
  for (const col of table.cols) col.splice(lo, 0, undefined);
  table.dirty = true;
  return lo;
}

/** Breaks the lines of the given columns (every column without them) at xs (s): a row where they are null. */
function breakLines(table, xs, columns) {
  const r = row(table, xs);
  if (r < 0) return;
  if (columns) for (const c of columns) table.cols[c][r] = null;
  else for (const col of table.cols) col[r] = null;
}

/**
 * A stopped module (idle, hold or done) started at tMs: its per-pulse lines (current, delivered capacity, tuned rest,
 * overpotential) break just before, so the new run's first pulse is not joined to the last run's across the span in which
 * no pulse ran. At the start, not at the stop: a pulse the stop cut short is summarised at the next tick, once a sample
 * shows its switch open (the core's pulse end), and belongs to the run it ended.
 */
function breakModule(d, module, tMs) {
  const cpm = d.config.cellsPerModule;
  const columns = [module * 3, module * 3 + 1, module * 3 + 2];
  for (let c = 0; c < cpm; c++) columns.push(d.config.modules * 3 + module * cpm + c);
  breakLines(d.pulses, tMs / 1000 - 0.0005, columns);
}

/**
 * Adds a state to the module's timeline; true when it is a start: pulse or rest after a stop (idle, hold or done) on the
 * timeline, a backlog record's place in it included.
 */
function pushState(m, state, tMs, gap) {
  const h = m.history;
  const last = h[h.length - 1];
  if (last && last.state === state && tMs >= last.tMs) return false;
  const before = m.reported ? m.state : null;
  const entry = gap ? { state, tMs, gap } : { state, tMs };
  h.push(entry);
  if (last && tMs < last.tMs) h.sort((a, b) => a.tMs - b.tMs);
  if (h.length > BOUNDS.historyPerModule) h.shift();
  const newest = h[h.length - 1];
  if (newest.state !== 'nodata') {
    m.state = newest.state;
    m.reported = true;
  }
  if (newest === entry && RUNNING.has(state) && before !== null && !RUNNING.has(before)) startRun(m);
  if (!RUNNING.has(state)) return false;
  for (let i = h.indexOf(entry) - 1; i >= 0; i--) {
    if (h[i].state !== 'nodata') return !RUNNING.has(h[i].state);
  }
  return false;
}

const RUNNING = new Set(['pulse', 'rest']);

/**
 * A stopped module (idle, done, hold) runs again: a start begins a new run, whose pulse count, charge and rests start
 * afresh (CONTRACT.md: pulseIndex from 1, totalChargeUc since it started). Until its first pulse summary the previous
 * run's last pulse, delivered charge, tuned rest and count would stand on the card as this run's (96 pulses and
 * 0.027 mAh/cm2 for a module that had just started), so they are cleared. The run began after the newest time the page
 * saw the module stopped: a summary stamped at or before it is the previous run's (a stop ends the pulse it cuts, and
 * its summary, in the tick the module stops), one after it this run's, even one that arrived before the state did.
 */
function startRun(m) {
  const h = m.history;
  let from = null;
  for (let i = h.length - 2; i >= 0; i--) {
    if (h[i].state !== 'nodata') {
      from = h[i].tMs;
      break;
    }
  }
  m.runFromTMs = from;
  if (m.pulseTMs === null || from === null || m.pulseTMs <= from) {
    m.pulses = null;
    m.tunedRestMs = null;
    m.pulseCurrentUa = null;
    m.pulseMeanUa = null;
    m.pulseChargeUc = null;
    m.pulseDurationMs = null;
    m.totalChargeUc = null;
    m.pulseTMs = null;
  }
}

/**
 * Whether msg is the module's newest record of its kind. After a reconnect the device sends live messages before its
 * backlog (CONTRACT.md, "Delivery: the outbox"), so an older record can arrive after a newer one: it belongs on the
 * charts and the timeline, but the module's last pulse, reading and stop reason stay those of the newer record.
 */
function newest(m, record, msg) {
  if (msg.seq < m.newestSeq[record]) return false;
  m.newestSeq[record] = msg.seq;
  m.lastTMs = Math.max(m.lastTMs ?? msg.tMs, msg.tMs);
  return true;
}

const SEVERITY_RANK = { info: 0, warning: 1, fault: 2 };

/**
 * Whether e is the module's last event rather than last: the later device time, and in the same tick the graver one, so
 * that a warning the same tick also raised (a hard short's collapse reads as a soft-short spike too) does not hide the
 * fault that isolated the module; of equal ones the one that arrived last. While the module is held, only a later fault
 * replaces a fault: the detectors go on reading the shorted cell, and a warning one tick after the hard short (a
 * resistance drop, a spike) replaced the fault that isolated it, and with it the compact view's fault frame.
 */
function isLaterEvent(e, last, held) {
  if (!last) return true;
  const rank = SEVERITY_RANK[e.severity] ?? 0;
  const lastRank = SEVERITY_RANK[last.severity] ?? 0;
  if (held && lastRank === SEVERITY_RANK.fault && rank < lastRank) return false;
  if (e.tMs > last.tMs) return true;
  return e.tMs === last.tMs && rank >= lastRank;
}

/**
 * The current a pulse carried, in uA: its measured charge over its duration (CONTRACT.md, telemetry/pulse: pulseCurrentUa
 * is the setpoint it was driven at). Null for a pulse without a duration (0 ms), whose charge gives no mean.
 */
export function pulseMeanUa(msg) {
  const ms = msg.pulseDurationMs;
  if (!Number.isFinite(ms) || ms <= 0 || !Number.isFinite(msg.pulseChargeUc)) return null;
  return msg.pulseChargeUc * 1000 / ms;
}

/** Applies one checked stream message. */
export function applyStream(d, stream, msg, receivedAt) {
  if (msg.tMs > (d.lastTMs ?? -1)) d.lastTMs = msg.tMs;
  d.lastSeenAt = receivedAt;
  const cfg = d.config;
  const cpm = cfg.cellsPerModule;
  const t = msg.tMs / 1000;
  if (stream === 'cells') {
    const m = d.modules[msg.module];
    const r = row(d.cells, t);
    if (r >= 0) {
      const first = msg.module * cpm;
      for (let c = 0; c < cpm; c++) {
        const base = (first + c) * 3;
        // A cell without a valid reading in the interval repeats its last valid one (CONTRACT.md): no point of the
        // chart, so its line and band break there instead of running flat at that value.
        const invalid = !!msg.invalid && msg.invalid.includes(first + c);
        d.cells.cols[base][r] = invalid ? null : msg.cellVoltageMv[c];
        d.cells.cols[base + 1][r] = invalid ? null : msg.cellMinMv ? msg.cellMinMv[c] : msg.cellVoltageMv[c];
        d.cells.cols[base + 2][r] = invalid ? null : msg.cellMaxMv ? msg.cellMaxMv[c] : msg.cellVoltageMv[c];
      }
    }
    if (newest(m, stream, msg)) {
      // A current without a valid reading in the interval repeats an older one (CONTRACT.md): kept as no value, not as
      // a reading (devices before the field sent the rail itself, with nothing to tell it apart).
      m.moduleCurrentInvalid = msg.moduleCurrentInvalid === true;
      m.moduleCurrentUa = m.moduleCurrentInvalid ? null : msg.moduleCurrentUa;
      m.lastCells = msg;
    }
    if (pushState(m, msg.state, msg.tMs, null)) breakModule(d, msg.module, msg.tMs);
  } else if (stream === 'pulse') {
    const m = d.modules[msg.module];
    if (newest(m, stream, msg) && (m.runFromTMs === null || msg.tMs > m.runFromTMs)) {
      // This run's count: a start begins again at 1 (a new boot resets the module).
      m.pulseTMs = msg.tMs;
      m.pulses = msg.pulseIndex;
      m.tunedRestMs = msg.tunedRestMs;
      m.pulseCurrentUa = msg.pulseCurrentUa;
      m.pulseMeanUa = pulseMeanUa(msg);
      m.pulseChargeUc = msg.pulseChargeUc;
      m.pulseDurationMs = msg.pulseDurationMs;
      m.totalChargeUc = msg.totalChargeUc;
    }
    const area = cfg.protocol.electrodeAreaCm2;
    const r = row(d.pulses, t);
    if (r >= 0) {
      const base = msg.module * 3;
      // The current the pulse carried, not its setpoint: a weak current stage or a current-sense calibration error shows
      // only there. A pulse without a mean (0 ms) is no point: passed over, the line not broken.
      const meanUa = pulseMeanUa(msg);
      d.pulses.cols[base][r] = meanUa === null ? undefined : meanUa / 1000 / area;
      d.pulses.cols[base + 1][r] = msg.totalChargeUc / 3.6e6 / area;
      // 0 means no rest follows (the module stopped, or another pulse comes at once): not a rest to plot.
      d.pulses.cols[base + 2][r] = msg.tunedRestMs > 0 ? msg.tunedRestMs / 1000 : null;
      const cellBase = cfg.modules * 3 + msg.module * cpm;
      for (let c = 0; c < cpm; c++) d.pulses.cols[cellBase + c][r] = msg.overpotentialMv[c];
    }
  } else if (stream === 'state') {
    const m = d.modules[msg.module];
    const latest = newest(m, msg.type, msg);
    if (msg.type === 'stateChanged') {
      if (pushState(m, msg.state, msg.tMs, null)) breakModule(d, msg.module, msg.tMs);
      if (latest) m.stopReason = msg.stopReason;
    } else if (latest) {
      m.restMs = msg.restMs;
      m.restEndReason = msg.restEndReason;
    }
  } else if (stream === 'event') {
    // Newest first: by boot, then by device time (a restarted device's clock starts at 0 again, so its events
    // would otherwise sort below, and be cut off after, the previous boot's).
    const e = { ...msg, receivedAt, boot: d.boots };
    addEvent(d, e);
    if (msg.module !== null) {
      const m = d.modules[msg.module];
      if (isLaterEvent(e, m.lastEvent, m.state === 'hold')) m.lastEvent = e;
    } else if (msg.severity === 'fault') {
      // A pack-wide fault (a missed tick, a pack-wide sensor) isolates every module: it is each one's last event, as a
      // held module's stop reason names its diagnosis. A pack-wide warning or info (an outbox overflow) is none's.
      for (const m of d.modules) if (isLaterEvent(e, m.lastEvent, m.state === 'hold')) m.lastEvent = e;
    }
    if (msg.kind === 'telemetryOverflow' && msg.value > 0) {
      // Records the controller's per-tick buffer could not keep were never numbered: every seq arrives, yet data are
      // missing. Listed with the gaps, so the list does not say that nothing was lost.
      d.gaps.unshift({
        stream: 'records', from: null, to: null, missing: msg.value, total: msg.value, fromTMs: msg.tMs, toTMs: msg.tMs,
        cause: 'controller record buffer full (telemetryOverflow)', unnumbered: true, bootId: msg.bootId,
      });
      if (d.gaps.length > BOUNDS.gaps) d.gaps.pop();
    }
  }
  d.version++;
}

/** True when the module's latest cells message lists pack cell `cell` as without a valid reading. */
export function cellInvalid(d, cell) {
  const m = d.modules[Math.floor(cell / d.config.cellsPerModule)];
  return !!(m && m.lastCells && m.lastCells.invalid && m.lastCells.invalid.includes(cell));
}

/**
 * Why pack cell `cell` reads invalid, as far as the page knows: the diagnosis of the running boot's newest channel fault
 * naming the cell (cellChannelSaturated, cellChannelInvalid), or a multiplexer fault of its module or the pack, whose cell
 * is null; null when the page has seen none (opened after it, or its event lost).
 */
export function invalidReason(d, cell) {
  const module = Math.floor(cell / d.config.cellsPerModule);
  for (const e of d.events) {
    if (e.boot !== d.boots) break; // newest boot first
    if (e.kind !== 'channelFault') continue;
    if (e.cell === cell || (e.cell === null && e.diagnosis === 'muxAddressFault' && (e.module === null || e.module === module))) {
      return e.diagnosis ?? e.kind;
    }
  }
  return null;
}

/**
 * The retained telemetry/modules message: every module's state, stop reason, the diagnosis that latched it (with its cell) and the charge it
 * delivered. It is what a page opened after a module was isolated or finished learns the hold, its cause and the module's
 * delivered capacity from (the streams that told them are not retained); the charge is taken only for a stopped module
 * (idle, hold, done) the page has seen no pulse summary of: a running module's grows with every pulse, which its summaries
 * carry, and this message gives it only as of a state change the page cannot date.
 * It has no seq or device time: a module the streams already reported keeps their state; its stop reason is taken
 * when both say the same state, and the cause always (it is shown with a hold only). An earlier boot's is ignored, and
 * so is one of a boot other than the retained status names.
 */
export function applyModules(d, msg) {
  // Retained, so it may be an earlier boot's (one that had a control loop, before a boot that has none): the retained
  // status names the boot the device runs, and only that boot's module states are shown.
  if (d.bootId !== null && msg.bootId !== d.bootId) return;
  if (d.bootId === null) resetBoot(d, msg.bootId);
  d.modules.forEach((m, i) => {
    m.cause = msg.diagnosis[i];
    // The cell counted in its module from 0, as every cell on the page is (M1 C0); null when the diagnosis is about no one
    // cell, and from a device before the field.
    const cell = Array.isArray(msg.cell) ? msg.cell[i] : -1;
    m.causeCell = cell >= 0 ? cell % d.config.cellsPerModule : null;
    if (!m.reported) {
      m.state = msg.state[i];
      m.reported = true;
    }
    if (m.state === msg.state[i]) m.stopReason = msg.stopReason[i];
    // A stopped module's charge is final; a running one's is as of a state change the page cannot date (its summaries say more).
    const running = msg.state[i] === 'pulse' || msg.state[i] === 'rest';
    if (m.totalChargeUc === null && Array.isArray(msg.totalChargeUc) && !running) m.totalChargeUc = msg.totalChargeUc[i];
  });
  d.version++;
}

/**
 * A module's stop reason as the page words it, with the diagnosis that latched a held module and, when that diagnosis is
 * about one cell, the cell (counted in the module from 0): "softShort (softShortConfirmed on cell 0)".
 */
export function stopText(m) {
  if (!m.stopReason || m.stopReason === 'none') return '';
  if (m.state !== 'hold' || !m.cause) return m.stopReason;
  return `${m.stopReason} (${m.cause}${causeWhere(m)})`;
}

// The latching diagnoses about one cell (the firmware's DiagnosisTable, scope Cell, latching): without a cell, such a
// latch was restored after a reset (its stored record names no cell) or comes from a device before the field.
const CELL_LATCHES = new Set(['softShortConfirmed', 'hardShort', 'hardShortShuntEdge', 'cellOvervoltage', 'cellUndervoltage',
  'cellChannelInvalid', 'cellChannelSaturated', 'cellChannelStuck']);

/** Where a held module's latch is, as the page and edge-sim run word it: " on cell 1", ", module-wide" or ", cell not known". */
function causeWhere(m) {
  if (m.causeCell !== null) return ` on cell ${m.causeCell}`;
  return CELL_LATCHES.has(m.cause) ? ', cell not known' : ', module-wide';
}

export const KNOWN_STATES = STATES;

/**
 * How the page ranks the firmware's device event codes (firmware/README.md, "MQTT"). Faults: the device did not start,
 * cannot use its board or settings, or its control loop failed and latched its switches open. A code the page does not
 * know is listed as "unknown", never dropped.
 */
export const DEVICE_EVENT_SEVERITY = {
  'boot-failed': 'fault', 'board-error': 'fault', 'settings-invalid': 'fault', watchdog: 'fault', 'tick-exception': 'fault',
  'setpoint-error': 'fault',
  'board-warning': 'warning', 'settings-warning': 'warning', uncalibrated: 'warning', 'console-failed': 'warning', 'mqtt-connect': 'warning', 'mqtt-error': 'warning',
  'mqtt-disabled': 'warning', 'events-dropped': 'warning', 'latch-record-unreadable': 'warning', 'latch-record-failed': 'warning',
  'latch-restored': 'warning', 'discovery-record-unreadable': 'warning', 'discovery-record-failed': 'warning',
  calibration: 'info', 'calibration-record': 'info', 'console-command': 'info',
};

/** Codes after which the device controls nothing (it did not start, has no board, or its loop stopped): a banner. */
export const DEVICE_EVENT_BANNER = ['boot-failed', 'board-error', 'watchdog', 'tick-exception'];

/**
 * One checked device-event. MQTT keeps one topic's messages in order, so arrival is the order the device sent them in,
 * and a boot's events follow the boot before it. QoS 1 is at least once: an event the device sends again after a
 * reconnect (its PUBACK was lost with the link) carries the bootId and seq it had, and is listed once. The events a
 * device redelivers are its newest, so the bounded list still holds the first copy. Its timeUtc (when the device reported it, which for one
 * held through an outage is long before arrival) is kept as sent, or null when the device's clock was not set or the
 * device sends none. Newest first, bounded.
 */
export function applyDeviceEvent(d, msg, receivedAt) {
  const seq = typeof msg.seq === 'number' ? msg.seq : null;
  if (seq !== null && d.deviceEvents.some((e) => e.seq === seq && e.bootId === msg.bootId)) return;
  d.deviceEventCount++;
  const timeUtc = typeof msg.timeUtc === 'string' ? msg.timeUtc : null;
  d.deviceEvents.unshift({ bootId: msg.bootId, seq, code: msg.code, message: msg.message, severity: DEVICE_EVENT_SEVERITY[msg.code] ?? 'unknown', receivedAt, timeUtc });
  if (d.deviceEvents.length > BOUNDS.deviceEvents) d.deviceEvents.length = BOUNDS.deviceEvents;
  d.version++;
}

/** The boot the device runs now: its retained status says so, else its streams, else its newest device event. */
export function runningBoot(d) {
  return d.statusBootId ?? d.bootId ?? (d.deviceEvents.length ? d.deviceEvents[0].bootId : null);
}

/**
 * Whether the device is online with no control loop: it cleared its config (a boot whose board or settings failed does,
 * CONTRACT.md), or its running boot reported that it did not start. Without either the page cannot tell such a boot from
 * a config still on its way (a page opened after the clearing misses it, and the device events are not retained).
 */
export function runsNoControlLoop(d) {
  if (d.config || d.status !== 'online') return false;
  return d.configCleared || runningAlarms(d).some((e) => e.code === 'boot-failed' || e.code === 'board-error');
}

/** The running boot's DEVICE_EVENT_BANNER events, the newest of each code. */
export function runningAlarms(d) {
  const running = runningBoot(d);
  const alarms = [];
  for (const e of d.deviceEvents) {
    if (e.bootId === running && DEVICE_EVENT_BANNER.includes(e.code) && !alarms.some((a) => a.code === e.code)) alarms.push(e);
  }
  return alarms;
}
