// One time format everywhere: device time as h:mm:ss.ss since the device booted (tMs is its monotonic
// clock, not a wall clock), with the browser's wall clock (HH:MM:SS) beside it when a message was received
// live. Event values carry the unit of their diagnosis.

export function deviceTime(ms, decimals = 2) {
  if (ms === null || ms === undefined || !Number.isFinite(ms)) return '?';
  const negative = ms < 0;
  // Rounded to the digits shown before the split, so 59.996 s carries into the minute (1:00.00, not 0:60.00).
  const scale = 10 ** decimals;
  let units = Math.round((Math.abs(ms) / 1000) * scale);
  const h = Math.floor(units / (3600 * scale));
  units -= h * 3600 * scale;
  const m = Math.floor(units / (60 * scale));
  units -= m * 60 * scale;
  const sec = (units / scale).toFixed(decimals).padStart(decimals > 0 ? 3 + decimals : 2, '0');
  return `${negative ? '-' : ''}${h}:${String(m).padStart(2, '0')}:${sec}`;
}

/**
 * Device-time labels for an axis whose ticks lie incrS seconds apart: as many decimals as the spacing needs (up
 * to 3), so that ticks under a second apart (a chart zoomed into a pulse) do not all read the same second.
 */
export function axisTimes(ticksS, incrS) {
  const decimals = decimalsFor(incrS, 3);
  return ticksS.map((t) => deviceTime(t * 1000, decimals));
}

/** Decimals that tell ticks incr apart (up to maxDecimals): 0 for 50 mV steps, 4 for 0.0002 mAh/cm2 steps. */
function decimalsFor(incr, maxDecimals) {
  let decimals = 0;
  while (decimals < maxDecimals) {
    const scaled = incr * 10 ** decimals;
    if (Math.abs(scaled - Math.round(scaled)) <= 1e-6 * scaled) break;
    decimals++;
  }
  return decimals;
}

/**
 * Value-axis labels for ticks incr apart, with the decimals the spacing needs: a general number format rounds to
 * thousandths, so the ticks of a chart spanning less (a run's first pulses of delivered capacity, 0.0080 to 0.0085
 * mAh/cm2) would all read "0.008".
 */
export function axisValues(ticks, incr) {
  const decimals = decimalsFor(incr, 6);
  return ticks.map((v) => (v === null || v === undefined ? '' : v.toFixed(decimals)));
}

export function wallClock(epochMs) {
  if (!epochMs) return '';
  const d = new Date(epochMs);
  return [d.getHours(), d.getMinutes(), d.getSeconds()].map((n) => String(n).padStart(2, '0')).join(':');
}

/** "0:04:09.80 (14:03:22)": device time, then the wall clock when known. */
export function timeWithWall(tMs, receivedAt) {
  return receivedAt ? `${deviceTime(tMs)} (${wallClock(receivedAt)})` : deviceTime(tMs);
}

// Units of an event's value and threshold, by diagnosis (the detectors' own units) or by kind.
const DIAGNOSIS_UNITS = {
  depletionTrendInfo: 'mV', depletionTrendWarning: 'mV', depletionTrendFault: 'mV',
  depletionEdgeResistanceRise: 'mΩ', depletionNonlinearRise: 'mV',
  softShortSpike: 'mV', softShortResistanceDrop: 'mΩ', softShortSelfDischarge: 'mV', softShortEfficiencyDrop: '%',
  softShortConfirmed: 'indicators, spikes or edges', hardShort: 'µV', hardShortShuntEdge: 'mΩ', cellOvervoltage: 'mV', cellUndervoltage: 'mV',
  moduleOvercurrent: 'µA', cellOvertemperature: '0.1 °C', cellChannelSaturated: 'mV', cellChannelStuck: 'mV',
  currentChannelSaturated: 'µA', currentChannelImplausible: 'µA', muxAddressFault: 'counts', tickLate: 'ms', tickMissed: 'ms',
  cellChannelIntermittent: 'bad readings', currentChannelIntermittent: 'bad readings',
  cellOvervoltageWarning: 'mV', cellOvervoltageDerate: 'mV', cellUndervoltageWarning: 'mV', cellUndervoltageDerate: 'mV',
  moduleOvercurrentWarning: 'µA', moduleOvercurrentDerate: 'µA', cellOvertemperatureWarning: '0.1 °C', cellOvertemperatureDerate: '0.1 °C',
};
const KIND_UNITS = {
  cutoff: 'mV', capacityLimit: 'mC', timeLimit: 'ms', currentCapped: 'µA', telemetryOverflow: 'records',
  outboxOverflow: 'messages', derated: 'µA', demandMet: 'µA', retainedCommand: 'commands', derateLifted: '%',
  depletionLifted: '%', resumed: 'ms',
};
// Why the device suspended its controller (CONTRACT.md, suspended: the value).
const SUSPEND_REASONS = { 1: 'broker connect' };

export function eventUnit(e) {
  // A restored latch names its stored cause; its value is no reading in that diagnosis's unit.
  if (e.kind === 'faultRestored') return '';
  return (e.diagnosis && DIAGNOSIS_UNITS[e.diagnosis]) || KIND_UNITS[e.kind] || '';
}

// Kinds whose value and threshold are both 0 by definition (CONTRACT.md): "0 (limit 0)" would read as a measurement.
const NO_VALUE_KINDS = ['started', 'faultReset', 'uncalibrated', 'faultRestored'];
// Kinds that end a run: the value is the run's net charge stripped (mC), the threshold 0 is no limit.
const RUN_CHARGE_KINDS = ['stopped', 'protocolDone'];
// Kinds that count what was lost or refused against 0 (CONTRACT.md): "58 messages (limit 0 messages)" named a limit
// that is not there.
const COUNT_KINDS = { telemetryOverflow: 'lost', outboxOverflow: 'lost', retainedCommand: 'refused since boot' };

/**
 * One amount with its unit. Temperatures come in tenths of a degree (the contract's DeciCelsius): "612 0.1 °C" would
 * read as a number and a unit of its own, so they are written in degrees with the tenth, "61.2 °C".
 */
function amount(v, unit) {
  if (unit === '0.1 °C') return `${(v / 10).toFixed(1)} °C`;
  return unit ? `${v} ${unit}` : String(v);
}

// A channel's status code (the core's ChannelStatus, CONTRACT.md channelFault): what an invalid channel's value means.
const CHANNEL_STATUSES = { 1: 'saturated', 2: 'implausible', 3: 'missing' };
// Channel faults judged by the status alone: their threshold 0 is no limit, "(limit 0 mV)" would name one that is not there.
const CHANNEL_INVALID = ['cellChannelInvalid', 'currentChannelInvalid', 'temperatureChannelInvalid'];
const CHANNEL_SATURATED = ['cellChannelSaturated', 'currentChannelSaturated'];

/** A counted unit for n: "1 message", "2 messages" ("1 messages lost" read as a slip of the page). */
export function countUnit(n, unit) {
  return n === 1 && unit.endsWith('s') ? unit.slice(0, -1) : unit;
}

/** "85 mV (limit 20 mV)"; numbers only, the unit from the table above. */
export function eventValue(e) {
  if (NO_VALUE_KINDS.includes(e.kind)) return '';
  if (RUN_CHARGE_KINDS.includes(e.kind)) return `${e.value} mC net stripped`;
  if (COUNT_KINDS[e.kind]) return `${e.value} ${countUnit(e.value, eventUnit(e))} ${COUNT_KINDS[e.kind]}`;
  // A suspension's value is its reason, its threshold its bound; a resumption's value how long it lasted.
  if (e.kind === 'suspended') return `${SUSPEND_REASONS[e.value] || `reason ${e.value}`} (at most ${e.threshold} ms)`;
  if (e.kind === 'resumed') return `after ${e.value} ms (at most ${e.threshold} ms)`;
  if (CHANNEL_INVALID.includes(e.diagnosis)) return `status ${e.value}` + (CHANNEL_STATUSES[e.value] ? `: ${CHANNEL_STATUSES[e.value]}` : '');
  const unit = eventUnit(e);
  // A saturated channel's value is its clipped reading: the true value lies at or beyond it, and nothing was compared.
  if (CHANNEL_SATURATED.includes(e.diagnosis)) return `${amount(e.value, unit)} (saturated)`;
  // A lifted derate or depletion reduction compares the module's current now with its current before, not with a limit.
  // A refill that gave back only depletion's pulse length and rests leaves the current as it was (CONTRACT.md).
  if (e.kind === 'depletionLifted' && e.value === e.threshold) return `${amount(e.value, unit)} (current unchanged; pulses and rests as the protocol's)`;
  if (e.kind === 'derateLifted' || e.kind === 'depletionLifted') return `${amount(e.value, unit)} (was ${amount(e.threshold, unit)})`;
  // An implausible current reading is compared with the setpoint that flowed, not with a limit.
  if (e.diagnosis === 'currentChannelImplausible') return `${amount(e.value, unit)} (commanded ${amount(e.threshold, unit)})`;
  // The multiplexer's address check reads REF at its address: the reading against the one calibration recorded.
  // A channel's intermittent warning healed: the last window's bad readings stayed under the clear limit, not over a limit.
  if (e.kind === 'channelRecovered') return `${amount(e.value, unit)} (under ${amount(e.threshold, unit)})`;
  if (e.diagnosis === 'muxAddressFault') return `REF read ${amount(e.value, unit)} (calibrated ${amount(e.threshold, unit)})`;
  // A confirmed soft short counts the active indicators, the spikes when spikes alone confirmed it, or the edges of a
  // resistance drop that stayed (CONTRACT.md); the event does not say which, so the count is named as any of them, once.
  if (e.diagnosis === 'softShortConfirmed') return `${e.value} ${unit} (limit ${e.threshold})`;
  return `${amount(e.value, unit)} (limit ${amount(e.threshold, unit)})`;
}

/** Whether a protocol plates: a step's currentUa is a magnitude (CONTRACT.md), its kind gives the direction. */
export function plates(protocol) {
  return protocol.steps.some((s) => s.kind === 'plate');
}

/** The cut-offs that can end a run of the protocol: "strip 3000 mV", "strip 3000 mV, plate -3000 mV". */
export function cutoffs(protocol) {
  const out = [];
  if (protocol.steps.some((s) => s.kind === 'strip') || !plates(protocol)) out.push(`strip ${protocol.stripCutoffMv} mV`);
  if (plates(protocol)) out.push(`plate ${protocol.plateCutoffMv} mV`);
  return out.join(', ');
}

export function where(module, cell, cellsPerModule) {
  if (module === null || module === undefined) return 'pack';
  return `M${module}` + (cell === null || cell === undefined ? ' (module-wide)' : ` C${cell % cellsPerModule}`);
}

export function fixed(v, digits) {
  return v === null || v === undefined || !Number.isFinite(v) ? '–' : v.toFixed(digits);
}
