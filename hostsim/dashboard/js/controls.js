// Operator controls: start, stop, reset a fault, switch mode and send a protocol (step strings) to the
// selected device over edge/<id>/cmd/<verb> (contract v1), with a confirmation before stop and reset and
// the device's reply (cmd/result) shown per command. The page shows them only to an account the broker
// lets publish commands; the broker's ACL is what enforces it.

import { wallClock } from './format.js';

const REPLY_TIMEOUT_MS = 10000;
const LOG_ROWS = 50;
const NO_MATCHING_SUBSCRIBERS = 16; // MQTT 5 PUBACK reason code

/**
 * A config step as the step text the device reads back to the same microamps: mA/cm2 with as many decimals as that
 * takes (the device reads value x 1000 x area + 0.5: 385 uA on 0.3848 cm2 comes back from 1 mA/cm2, 193 uA from 0.502), else uA.
 */
export function stepCommand(step, areaCm2) {
  const duration = step.durationMs > 0
    ? (step.durationMs % 1000 === 0 ? ` for ${step.durationMs / 1000} s` : ` for ${step.durationMs} ms`)
    : '';
  if (step.kind === 'rest') return 'Rest' + duration;
  const kind = step.kind === 'plate' ? 'Plate' : 'Strip';
  const currentUa = Math.abs(step.currentUa);
  let current = `${currentUa} uA`;
  for (let decimals = 0; decimals <= 6 && areaCm2 > 0; decimals++) {
    const density = (currentUa / 1000 / areaCm2).toFixed(decimals);
    if (Math.floor((Number(density) * 1000 * areaCm2) + 0.5) === currentUa) {
      current = `${Number(density)} mA/cm2`;
      break;
    }
  }
  return `${kind} at ${current}${duration}`;
}

export function createControls(els, publish, selectedDevice) {
  const log = [];
  let counter = 0;

  function target() {
    const v = els.module.value;
    return v === 'all' ? -1 : Number(v);
  }

  function describe(module) {
    return module < 0 ? 'all modules' : `module ${module}`;
  }

  async function confirmFirst(text) {
    els.confirmText.textContent = text;
    els.dialog.showModal();
    return new Promise((resolve) => {
      const done = (ok) => {
        els.confirmYes.onclick = null;
        els.confirmNo.onclick = null;
        els.dialog.close();
        resolve(ok);
      };
      els.confirmYes.onclick = () => done(true);
      els.confirmNo.onclick = () => done(false);
      els.dialog.oncancel = () => done(false);
    });
  }

  function send(verb, body, targetText, stepLines = null) {
    const device = selectedDevice();
    if (!device) return;
    // A double click (or an impatient second one) is one operator action: the same command to the same device while the
    // first still waits for its reply is not sent again. A second setProtocol with start would stop every module the
    // first had just started and start it afresh.
    const payload = JSON.stringify(body);
    const waiting = log.find((e) => e.status === 'sent' && e.device === device && e.verb === verb && e.payload === payload);
    if (waiting) {
      waiting.detail = 'waiting for the device (clicked again: not sent twice)';
      render();
      return;
    }
    const id = `ui-${Date.now().toString(36)}-${++counter}`;
    const entry = { id, verb, device, target: targetText, sentAt: Date.now(), status: 'sent', detail: 'waiting for the device', stepLines, brokerHasIt: false, payload };
    log.unshift(entry);
    if (log.length > LOG_ROWS) log.length = LOG_ROWS;
    entry.timer = setTimeout(() => {
      if (entry.status === 'sent') {
        entry.status = 'noReply';
        // Given up on here, so it must never reach the device later: withdrawn if the broker never had it (it would go
        // out again after a reconnect), and past its expiry at the broker if it had.
        entry.detail = entry.withdraw()
          ? `no reply within ${REPLY_TIMEOUT_MS / 1000} s and the broker never acknowledged it (connection lost?): withdrawn, it will not be sent later`
          : `no reply within ${REPLY_TIMEOUT_MS / 1000} s (device offline?); the broker lets it expire now: it will not reach the device later`;
        render();
      }
    }, REPLY_TIMEOUT_MS);
    entry.withdraw = publish(`edge/${device}/cmd/${verb}`, JSON.stringify({ id, ...body }), (err, reasonCode) => {
      if (!err && reasonCode === NO_MATCHING_SUBSCRIBERS) {
        // The broker had no subscriber for it (the device is not connected) and keeps nothing: it is gone, no reply comes.
        clearTimeout(entry.timer);
        entry.status = 'notDelivered';
        entry.detail = 'not delivered: no device subscribed to its commands (device offline?); it will not reach the device later';
        render();
        return;
      }
      if (!err) {
        entry.brokerHasIt = true;
        return;
      }
      clearTimeout(entry.timer);
      entry.status = 'refused';
      entry.detail = err.code === 135 ? 'refused by the broker: not authorised' : `not delivered: ${err.message}`;
      render();
    }, REPLY_TIMEOUT_MS / 1000);
    render();
  }

  /**
   * The broker connection dropped: a command it had not acknowledged is withdrawn, not sent again after the reconnect
   * (it could arrive any time later). Whether it reached the device is unknown: the link may have failed before the
   * broker had it, or after, with only the acknowledgement lost. So the log says neither "not sent" (the operator would
   * send a start or a reset twice) nor "sent": the device's reply, if one comes, still settles it (onResult). One the
   * broker had acknowledged stays waiting for its reply.
   */
  function onConnectionLost() {
    let changed = false;
    for (const entry of log) {
      if (entry.status !== 'sent' || entry.brokerHasIt || !entry.withdraw()) continue;
      clearTimeout(entry.timer);
      entry.status = 'unconfirmed';
      entry.detail = 'unconfirmed: the connection dropped before the broker acknowledged it, so it may or may not have reached the device; '
        + 'it will not be sent again. A reply from the device still shows here; check the module\'s state before sending it again';
      changed = true;
    }
    if (changed) render();
  }

  els.start.onclick = () => send('start', { module: target() }, describe(target()));
  els.stop.onclick = async () => {
    const m = target();
    if (await confirmFirst(`Stop ${describe(m)} on ${selectedDevice()}? The switch opens at the next tick and the module ends in "done" (reason: command).`)) {
      send('stop', { module: m }, describe(m));
    }
  };
  els.reset.onclick = async () => {
    const m = target();
    if (await confirmFirst(`Reset the latched fault of ${describe(m)} on ${selectedDevice()}? Modules in hold return to idle and wait for start; the cause may still be there.`)) {
      send('resetFault', { module: m }, describe(m));
    }
  };
  els.setMode.onclick = () => {
    // Sent: the select follows the device's config again once it says the new mode.
    modeShown = { device: modeShown.device, mode: els.mode.value };
    modeEdited = false;
    send('setMode', { mode: els.mode.value }, els.mode.value);
  };
  els.sendProtocol.onclick = async () => {
    // Blank lines are not sent, so the device's steps[i] need not be the box's line i + 1: each step keeps its line.
    const lines = els.steps.value.split('\n').map((s, i) => ({ text: s.trim(), line: i + 1 })).filter((l) => l.text.length > 0);
    const steps = lines.map((l) => l.text);
    const start = els.startAfter.checked;
    // setProtocol has no module field (CONTRACT.md): it is every module's protocol, and the device stops every running
    // module first. The target above does not apply, so the operator is told so before the pack stops.
    const then = start ? 'then starts every module on it' : 'and leaves them stopped until started';
    if (!await confirmFirst(`Send this protocol to every module of ${selectedDevice()}? The device stops every running module first (reason: command), ${then}.`)) return;
    const body = { steps, restMode: els.restMode.value, repeat: els.repeat.checked, start };
    send('setProtocol', body, `every module, ${steps.length} steps`, lines.map((l) => l.line));
  };

  /** A checked cmd/result message: matches it to the command it answers. */
  function onResult(deviceId, msg) {
    const entry = log.find((e) => e.id === msg.id && e.device === deviceId);
    if (!entry) return false;
    clearTimeout(entry.timer);
    entry.status = msg.ok ? 'accepted' : 'rejected';
    entry.detail = msg.ok ? 'accepted by the device' : `rejected by the device: ${msg.error ? msg.error.field + ': ' + msg.error.message + boxLine(entry, msg.error.field) : 'no reason given'}`;
    entry.repliedAt = Date.now();
    render();
    return true;
  }

  /** " (line N of the protocol box)" for a refusal that names steps[i] of a protocol sent from the box. */
  function boxLine(entry, field) {
    const step = /^steps\[(\d+)\]/.exec(field || '');
    const line = step && entry.stepLines ? entry.stepLines[Number(step[1])] : undefined;
    return line === undefined ? '' : ` (line ${line} of the protocol box)`;
  }

  // The device whose commands the log shows: the selected one. A page that watches several devices keeps every
  // command, but lists under each device only those sent to it ("stop: accepted" under the wrong device would read as
  // that device's stop).
  let logDevice = null;

  function render() {
    logDevice = selectedDevice();
    const rows = log.filter((e) => e.device === logDevice).map((e) => {
      const tr = document.createElement('tr');
      tr.className = 'cmd-' + e.status;
      tr.dataset.verb = e.verb;
      tr.dataset.status = e.status;
      for (const text of [wallClock(e.sentAt), e.verb, e.target, e.status, e.detail, e.id]) {
        const td = document.createElement('td');
        td.textContent = text;
        tr.appendChild(td);
      }
      return tr;
    });
    if (rows.length === 0) {
      const tr = document.createElement('tr');
      const td = document.createElement('td');
      td.colSpan = 6;
      td.className = 'muted';
      td.textContent = logDevice ? `no commands sent to ${logDevice} from this page` : 'no commands sent from this page';
      tr.appendChild(td);
      rows.push(tr);
    }
    els.log.tBodies[0].replaceChildren(...rows);
  }

  /** Shows the log of <deviceId>'s commands (the selected device's): drawn again when another device is selected. */
  function showDevice(deviceId) {
    if (deviceId !== logDevice) render();
  }

  /** Keeps the module choice in step with the device's layout. */
  function setModules(count) {
    if (els.module.dataset.count === String(count)) return;
    els.module.dataset.count = String(count);
    const options = [new Option('all modules', 'all')];
    for (let m = 0; m < count; m++) options.push(new Option(`module ${m}`, String(m)));
    els.module.replaceChildren(...options);
  }

  // The protocol form shows the selected device's protocol (steps, rest mode, repeat), so that sending it after changing
  // one step changes that step only: a form left at the page's defaults switched an adaptive device to fixed rests and
  // a single-pass one to repeating. What the operator has typed since is never overwritten.
  let protocolShown = { device: null, text: null };
  let protocolEdited = false;
  for (const field of [els.steps, els.restMode, els.repeat]) {
    field.addEventListener('input', () => { protocolEdited = true; });
    field.addEventListener('change', () => { protocolEdited = true; });
  }

  /** Fills the protocol form from the device's config, unless the operator has edited it for this device. */
  function showProtocol(deviceId, protocol) {
    const text = JSON.stringify(protocol);
    if (protocolShown.device === deviceId && (protocolEdited || protocolShown.text === text)) return;
    protocolShown = { device: deviceId, text };
    protocolEdited = false;
    els.steps.value = protocol.steps.map((step) => stepCommand(step, protocol.electrodeAreaCm2)).join('\n');
    els.restMode.value = protocol.restMode === 'adaptive' ? 'adaptive' : 'fixed';
    els.repeat.checked = protocol.repeat;
  }

  // The mode select shows the selected device's mode, as the facts bar does: a select left at "act" beside a device in
  // observe read as if the device acted. What the operator has chosen and not sent is not overwritten.
  let modeShown = { device: null, mode: null };
  let modeEdited = false;
  els.mode.addEventListener('change', () => { modeEdited = true; });

  /** Sets the mode select to the device's mode, unless the operator has chosen another for this device and not sent it. */
  function showMode(deviceId, mode) {
    if (mode !== 'act' && mode !== 'observe') return;
    if (modeShown.device === deviceId && (modeEdited || modeShown.mode === mode)) return;
    modeShown = { device: deviceId, mode };
    modeEdited = false;
    els.mode.value = mode;
  }

  render();
  return { onResult, onConnectionLost, setModules, showProtocol, showMode, showDevice, log: () => log.map(({ timer, stepLines, withdraw, brokerHasIt, payload, ...rest }) => rest) };
}
