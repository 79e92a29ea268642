// Every MQTT message is untrusted data: anyone who can publish under edge/ may send anything. This module
// turns a (topic, bytes) pair into a checked message or a reason to reject it. Types, enums, lengths and
// ranges follow the MQTT contract v1 (firmware/Edge.Core/Telemetry/CONTRACT.md); module and cell indices
// and voltages are checked against the device's retained config. Nothing here touches the page.

export const LIMITS = {
  payloadBytes: 16384,      // the largest legal message (a 256-cell cells record, every cell listed invalid) is about 10.5 kB
  topicChars: 160,
  stringChars: 128,
  errorMessageChars: 512,
  maxCells: 256,            // the core's limit on modules x cells
  maxSteps: 64,
};

export const STREAMS = ['pulse', 'cells', 'state', 'event'];
export const STATES = ['idle', 'pulse', 'rest', 'hold', 'done', 'unknown'];
const STOP_REASONS = ['none', 'cutoff', 'capacityLimit', 'timeLimit', 'depletionOnset', 'fault', 'command', 'protocolComplete',
  'softShort', 'hardShort', 'protection', 'plausibility', 'unknown'];
const REST_END_REASONS = ['fixed', 'relaxed', 'maximumReached', 'directionChange', 'scheduled', 'unknown'];
const SEVERITIES = ['info', 'warning', 'fault'];
const ID = /^[A-Za-z0-9_-]{1,64}$/;
const BOOT_ID = /^[A-Za-z0-9_-]{1,32}$/;
const FIRMWARE_VERSION = /^\d{1,5}\.\d{1,5}\.\d{1,5}$/;
const NAME = /^[A-Za-z][A-Za-z0-9]{0,47}$/;
const INT32 = 2147483647;

class Rejected extends Error {}

function fail(reason) {
  throw new Rejected(reason);
}

function int(o, field, lo, hi) {
  const v = o[field];
  if (typeof v !== 'number' || !Number.isSafeInteger(v)) fail(`${field}: not an integer`);
  if (v < lo || v > hi) fail(`${field}: ${v} outside ${lo}..${hi}`);
  return v;
}

function oneOf(o, field, values) {
  const v = o[field];
  if (typeof v !== 'string' || !values.includes(v)) fail(`${field}: not one of the contract's values`);
  return v;
}

function name(o, field, nullable) {
  const v = o[field];
  if (nullable && v === null) return null;
  if (typeof v !== 'string' || !NAME.test(v)) fail(`${field}: not a name`);
  return v;
}

function bool(o, field) {
  if (typeof o[field] !== 'boolean') fail(`${field}: not a boolean`);
  return o[field];
}

/** A boolean a device before the field does not send: absent, or a boolean. */
function optionalBool(o, field) {
  if (o[field] !== undefined) bool(o, field);
}

function object(v, field) {
  if (v === null || typeof v !== 'object' || Array.isArray(v)) fail(`${field}: not an object`);
  return v;
}

function intArray(o, field, length, lo, hi) {
  const a = o[field];
  if (!Array.isArray(a)) fail(`${field}: not an array`);
  if (a.length !== length) fail(`${field}: ${a.length} entries, the config says ${length} cells per module`);
  for (let i = 0; i < a.length; i++) {
    const v = a[i];
    if (typeof v !== 'number' || !Number.isSafeInteger(v)) fail(`${field}[${i}]: not an integer`);
    if (v < lo || v > hi) fail(`${field}[${i}]: ${v} outside ${lo}..${hi}`);
  }
  return a;
}

/**
 * What a reading can physically be: the board's measurable span. The config carries the safety envelope
 * (protection.cellMinimumMv..cellMaximumMv); the front ends measure up to half the envelope's width beyond
 * it (an ESP32 divider for +-3.3 V saturates near +-3.7 V, the virtual board at +-6 V); a value outside is
 * not a reading but a forged or corrupted message.
 */
export function rails(config) {
  const p = config.protection;
  const margin = Math.max(500, Math.round((p.cellMaximumMv - p.cellMinimumMv) / 2));
  return { loMv: p.cellMinimumMv - margin, hiMv: p.cellMaximumMv + margin };
}

function currentBound(config) {
  return Math.max(4 * config.protection.moduleMaximumCurrentUa, 10000);
}

function header(msg) {
  if (typeof msg.bootId !== 'string' || !BOOT_ID.test(msg.bootId)) fail('bootId: not a boot id');
  int(msg, 'seq', 1, Number.MAX_SAFE_INTEGER);
  int(msg, 'tMs', 0, Number.MAX_SAFE_INTEGER);
}

function module(msg, config, nullable) {
  if (nullable && msg.module === null) return null;
  return int(msg, 'module', 0, config.modules - 1);
}

function checkConfig(msg) {
  int(msg, 'revision', 0, INT32);
  const modules = int(msg, 'modules', 1, LIMITS.maxCells);
  const cpm = int(msg, 'cellsPerModule', 1, LIMITS.maxCells);
  if (modules * cpm > LIMITS.maxCells) fail(`modules x cellsPerModule: ${modules * cpm} over ${LIMITS.maxCells}`);
  oneOf(msg, 'mode', ['observe', 'act']);
  int(msg, 'samplePeriodMs', 1, 3600000);
  int(msg, 'cellVoltagePeriodMs', 0, 86400000);
  const p = object(msg.protection, 'protection');
  const max = int(p, 'cellMaximumMv', -10000, 10000);
  int(p, 'cellMinimumMv', -10000, max - 1);
  int(p, 'moduleMaximumCurrentUa', 0, INT32);
  const r = object(msg.protocol, 'protocol');
  if (typeof r.electrodeAreaCm2 !== 'number' || !(r.electrodeAreaCm2 > 0 && r.electrodeAreaCm2 < 10000)) fail('protocol.electrodeAreaCm2: not a positive area');
  if (!Array.isArray(r.steps) || r.steps.length > LIMITS.maxSteps) fail('protocol.steps: not a list of steps');
  r.steps.forEach((s, i) => {
    object(s, `protocol.steps[${i}]`);
    oneOf(s, 'kind', ['strip', 'plate', 'rest', 'unknown']);
    int(s, 'currentUa', -INT32, INT32);
    int(s, 'durationMs', 0, Number.MAX_SAFE_INTEGER);
  });
  for (const f of ['minimumRestMs', 'maximumRestMs', 'capacityLimitUc', 'timeLimitMs', 'platingCriticalCurrentUa']) int(r, f, 0, Number.MAX_SAFE_INTEGER);
  int(r, 'stripCutoffMv', -10000, 10000);
  int(r, 'plateCutoffMv', -10000, 10000);
  oneOf(r, 'restMode', ['fixed', 'adaptive', 'unknown']);
  bool(r, 'repeat');
  return msg;
}

function checkPulse(msg, config) {
  header(msg);
  module(msg, config, false);
  const amps = currentBound(config);
  const span = 2 * (config.protection.cellMaximumMv - config.protection.cellMinimumMv);
  int(msg, 'pulseIndex', 1, Number.MAX_SAFE_INTEGER);
  int(msg, 'pulseCurrentUa', -amps, amps);
  int(msg, 'pulseDurationMs', 0, 86400000 * 365);
  int(msg, 'pulseChargeUc', -Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER);
  int(msg, 'totalChargeUc', -Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER);
  int(msg, 'tunedRestMs', 0, 86400000 * 365);
  int(msg, 'moduleCurrentUa', -amps, amps);
  optionalBool(msg, 'moduleCurrentInvalid');
  intArray(msg, 'overpotentialMv', config.cellsPerModule, -span, span);
  intArray(msg, 'edgeResistanceMilliohm', config.cellsPerModule, 0, INT32);
}

function checkCells(msg, config) {
  header(msg);
  module(msg, config, false);
  oneOf(msg, 'state', STATES);
  const amps = currentBound(config);
  int(msg, 'moduleCurrentUa', -amps, amps);
  optionalBool(msg, 'moduleCurrentInvalid');
  const { loMv, hiMv } = rails(config);
  const v = intArray(msg, 'cellVoltageMv', config.cellsPerModule, loMv, hiMv);
  // Per-interval extremes: optional (devices before they were added do not send them), checked when present.
  if (msg.cellMinMv !== undefined || msg.cellMaxMv !== undefined) {
    const lo = intArray(msg, 'cellMinMv', config.cellsPerModule, loMv, hiMv);
    const hi = intArray(msg, 'cellMaxMv', config.cellsPerModule, loMv, hiMv);
    for (let i = 0; i < v.length; i++) {
      if (lo[i] > hi[i]) fail(`cellMinMv[${i}] above cellMaxMv[${i}]`);
    }
  }
  // Cells without a valid reading in the interval: optional (devices before the field do not send it), pack cell indices
  // of this module, ascending, each once.
  if (msg.invalid !== undefined) {
    const a = msg.invalid;
    if (!Array.isArray(a)) fail('invalid: not an array');
    const first = msg.module * config.cellsPerModule;
    const last = first + config.cellsPerModule - 1;
    for (let i = 0; i < a.length; i++) {
      const c = a[i];
      if (typeof c !== 'number' || !Number.isSafeInteger(c)) fail(`invalid[${i}]: not an integer`);
      if (c < first || c > last) fail(`invalid[${i}]: cell ${c} is not a cell of module ${msg.module} (${first}..${last})`);
      if (i > 0 && c <= a[i - 1]) fail(`invalid[${i}]: cell ${c} after ${a[i - 1]}, not in ascending order`);
    }
  }
}

function checkState(msg, config) {
  header(msg);
  module(msg, config, false);
  const type = oneOf(msg, 'type', ['stateChanged', 'restEnded']);
  if (type === 'stateChanged') {
    oneOf(msg, 'state', STATES);
    oneOf(msg, 'stopReason', STOP_REASONS);
  } else {
    int(msg, 'restMs', 0, 86400000 * 365);
    oneOf(msg, 'restEndReason', REST_END_REASONS);
  }
}

function checkEvent(msg, config) {
  header(msg);
  name(msg, 'kind', false);
  name(msg, 'diagnosis', true);
  oneOf(msg, 'severity', SEVERITIES);
  const m = module(msg, config, true);
  if (msg.cell !== null) {
    const cell = int(msg, 'cell', 0, config.modules * config.cellsPerModule - 1);
    if (m !== null && Math.floor(cell / config.cellsPerModule) !== m) fail(`cell: ${cell} is not in module ${m}`);
  }
  int(msg, 'value', -Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER);
  int(msg, 'threshold', -Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER);
  if (msg.lost !== undefined) {
    const lost = object(msg.lost, 'lost');
    for (const s of STREAMS) int(lost, s, 0, Number.MAX_SAFE_INTEGER);
  }
}

// The retained telemetry/modules message: per module (index = module), its state, stop reason, the diagnosis that latched it
// (null: not latched, or not known), the pack-wide index of the cell that diagnosis is about (-1: no one cell; only with a
// diagnosis, and a cell of that module) and the net charge stripped since it started (uC). A device before the cell or the
// charge sends none of them. No seq or tMs: it is state, not history.
function checkModules(msg, config) {
  if (typeof msg.bootId !== 'string' || !BOOT_ID.test(msg.bootId)) fail('bootId: not a boot id');
  for (const field of ['state', 'stopReason', 'diagnosis']) {
    if (!Array.isArray(msg[field])) fail(`${field}: not an array`);
    if (msg[field].length !== config.modules) fail(`${field}: ${msg[field].length} entries, the config says ${config.modules} modules`);
  }
  for (let m = 0; m < config.modules; m++) {
    if (!STATES.includes(msg.state[m])) fail(`state[${m}]: not one of the contract's values`);
    if (!STOP_REASONS.includes(msg.stopReason[m])) fail(`stopReason[${m}]: not one of the contract's values`);
    const cause = msg.diagnosis[m];
    if (cause !== null && (typeof cause !== 'string' || !NAME.test(cause))) fail(`diagnosis[${m}]: not a name`);
  }
  if (msg.cell !== undefined) {
    if (!Array.isArray(msg.cell) || msg.cell.length !== config.modules) fail(`cell: not ${config.modules} entries`);
    const cpm = config.cellsPerModule;
    msg.cell.forEach((c, m) => {
      if (!Number.isSafeInteger(c)) fail(`cell[${m}]: not a whole number`);
      if (c === -1) return;
      if (c < m * cpm || c >= (m + 1) * cpm) fail(`cell[${m}]: ${c} is not a cell of module ${m} (${m * cpm}..${(m + 1) * cpm - 1}, or -1)`);
      if (msg.diagnosis[m] === null) fail(`cell[${m}]: ${c} without a diagnosis`);
    });
  }
  if (msg.totalChargeUc !== undefined) {
    if (!Array.isArray(msg.totalChargeUc) || msg.totalChargeUc.length !== config.modules) fail(`totalChargeUc: not ${config.modules} entries`);
    msg.totalChargeUc.forEach((c, m) => {
      if (!Number.isSafeInteger(c)) fail(`totalChargeUc[${m}]: not a whole number`);
    });
  }
}

function checkStatus(msg) {
  oneOf(msg, 'status', ['online', 'offline']);
  if (msg.bootId !== undefined && (typeof msg.bootId !== 'string' || !BOOT_ID.test(msg.bootId))) fail('bootId: not a boot id');
  // The firmware's version (CONTRACT.md "status"); a device before the field sends none.
  if (msg.fw !== undefined && (typeof msg.fw !== 'string' || !FIRMWARE_VERSION.test(msg.fw))) fail('fw: not a firmware version (major.minor.patch)');
}

function checkResult(msg) {
  if (msg.id !== null && (typeof msg.id !== 'string' || msg.id.length === 0 || msg.id.length > 64)) fail('id: not a command id');
  if (typeof msg.verb !== 'string' || msg.verb.length > 64) fail('verb: not a verb');
  bool(msg, 'ok');
  if (msg.error !== undefined) {
    const e = object(msg.error, 'error');
    if (typeof e.field !== 'string' || e.field.length > LIMITS.stringChars) fail('error.field: not a field name');
    if (typeof e.message !== 'string' || e.message.length > LIMITS.errorMessageChars) fail('error.message: not a message');
  }
}

// The device's periodic health (firmware/README.md, CONTRACT.md "health: tick timing"): outside the contract's message
// rules (no v, bootId or seq; snake_case). Counts are integers from 0; null is a figure the sender has no counterpart
// of (the simulator's heap, watchdog and device execution time), never a zero.
const HEALTH_REQUIRED = ['uptime_ms', 'ticks', 'tick_overruns'];
const HEALTH_COUNTS = ['tick_max_us_since_last', 'tick_latency_max_us_since_last', 'period_us', 'native_free_bytes',
  'native_largest_block_bytes', 'outbox_free_slots', 'outbox_lost_total', 'outbox_lost_replies', 'commands_refused', 'connections',
  'host_tick_max_us_since_last'];
const HEALTH_HISTOGRAMS = { tick_histogram_edges_us: 9, tick_latency_histogram: 10, tick_execution_histogram: 10, host_tick_execution_histogram: 10 };

function checkHealth(msg) {
  for (const f of HEALTH_REQUIRED) int(msg, f, 0, Number.MAX_SAFE_INTEGER);
  for (const f of HEALTH_COUNTS) {
    if (msg[f] !== undefined && msg[f] !== null) int(msg, f, 0, Number.MAX_SAFE_INTEGER);
  }
  for (const [f, length] of Object.entries(HEALTH_HISTOGRAMS)) {
    const a = msg[f];
    if (a === undefined || a === null) continue;
    if (!Array.isArray(a) || a.length !== length) fail(`${f}: not an array of ${length} integers`);
    for (let i = 0; i < a.length; i++) {
      if (typeof a[i] !== 'number' || !Number.isSafeInteger(a[i]) || a[i] < 0) fail(`${f}[${i}]: not an integer from 0`);
    }
  }
  if (msg.watchdog_tripped !== undefined && msg.watchdog_tripped !== null) bool(msg, 'watchdog_tripped');
  if (msg.provenance !== undefined && (typeof msg.provenance !== 'string' || msg.provenance.length > LIMITS.errorMessageChars)) fail('provenance: not a text');
}

// The firmware's own events (firmware/README.md, "MQTT"; CONTRACT.md lists the topic as outside its event kinds):
// {"v":1,"bootId","code","message","timeUtc","seq"}. The code is a short kebab-case name: one the firmware
// sends today (DEVICE_EVENT_SEVERITY in store.js) or a later one, listed as not known to the page rather than lost.
// timeUtc is when the device reported it (ISO 8601 UTC with Z), null while its clock was not set, absent from a
// device older than the field. seq is the event's number in its boot (from 1; the same bootId and seq again is a
// redelivery), absent from a device older than the field.
const DEVICE_EVENT_CODE = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;
const ISO_UTC = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,7})?Z$/;

function checkDeviceEvent(msg) {
  if (typeof msg.bootId !== 'string' || !BOOT_ID.test(msg.bootId)) fail('bootId: not a boot id');
  if (typeof msg.code !== 'string' || msg.code.length > 48 || !DEVICE_EVENT_CODE.test(msg.code)) fail('code: not a device event code');
  if (typeof msg.message !== 'string') fail('message: not a text');
  const t = msg.timeUtc;
  if (t !== undefined && t !== null && (typeof t !== 'string' || !ISO_UTC.test(t) || Number.isNaN(Date.parse(t)))) {
    fail('timeUtc: not an ISO 8601 UTC time');
  }
  if (msg.seq !== undefined) int(msg, 'seq', 1, Number.MAX_SAFE_INTEGER);
}

const TOPIC_KINDS = ['status', 'config', 'telemetry/modules', 'telemetry/pulse', 'telemetry/cells', 'telemetry/state', 'event', 'cmd/result', 'health', 'device-event'];

/** Whether id is a device id the contract allows (it is a topic level: no '/', '+' or '#'). */
export function isDeviceId(id) {
  return typeof id === 'string' && ID.test(id);
}

/** Splits and checks a topic: { deviceId, kind } or a rejection reason. */
export function parseTopic(topic) {
  if (typeof topic !== 'string' || topic.length > LIMITS.topicChars) return { reason: 'topic too long' };
  const parts = topic.split('/');
  if (parts[0] !== 'edge' || parts.length < 3) return { reason: 'not an edge/ topic' };
  if (!ID.test(parts[1])) return { reason: 'device id not allowed by the contract' };
  const kind = parts.slice(2).join('/');
  if (!TOPIC_KINDS.includes(kind)) return { reason: 'unknown topic' };
  return { deviceId: parts[1], kind };
}

const decoder = new TextDecoder('utf-8', { fatal: true });

/**
 * Checks one message. `config` is the device's accepted config (null before it arrived).
 * Returns { ok: true, msg, kind } | { ok: false, reason } | { ok: false, needsConfig: true } | { ok: false, ignore: true }.
 */
export function check(kind, payload, config) {
  if (payload.length === 0) {
    // Clearing a retained topic (status, config) or the dashboard's own permission probe on cmd/result.
    return kind === 'status' || kind === 'config' || kind === 'telemetry/modules' || kind === 'cmd/result' ? { ok: false, ignore: true } : { ok: false, reason: 'empty payload' };
  }
  if (payload.length > LIMITS.payloadBytes) return { ok: false, reason: `payload over ${LIMITS.payloadBytes} bytes` };
  let msg;
  try {
    msg = JSON.parse(decoder.decode(payload));
  } catch {
    return { ok: false, reason: 'not UTF-8 JSON' };
  }
  try {
    object(msg, 'payload');
    if (kind === 'health') {
      checkHealth(msg);
      return { ok: true, msg };
    }
    if (msg.v !== 1) fail('v: not contract version 1');
    switch (kind) {
      case 'status': checkStatus(msg); break;
      case 'config': checkConfig(msg); break;
      case 'cmd/result': checkResult(msg); break;
      case 'device-event': checkDeviceEvent(msg); break;
      default:
        if (!config) {
          // The rest needs the config; the header does not, so a message without one is rejected now, not kept.
          if (kind === 'telemetry/modules') {
            if (typeof msg.bootId !== 'string' || !BOOT_ID.test(msg.bootId)) fail('bootId: not a boot id');
          } else {
            header(msg);
          }
          return { ok: false, needsConfig: true };
        }
        if (kind === 'telemetry/modules') checkModules(msg, config);
        else if (kind === 'telemetry/pulse') checkPulse(msg, config);
        else if (kind === 'telemetry/cells') checkCells(msg, config);
        else if (kind === 'telemetry/state') checkState(msg, config);
        else checkEvent(msg, config);
    }
  } catch (e) {
    if (e instanceof Rejected) return { ok: false, reason: `${kind}: ${e.message}` };
    throw e;
  }
  return { ok: true, msg };
}
