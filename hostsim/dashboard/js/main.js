// Edge live dashboard: subscribes to edge/<device>/... (MQTT contract v1) over WebSockets. Messages are
// only queued on arrival; one animation frame checks and applies at most a time slice of them and redraws,
// so a flood costs bounded work per frame. Every value from MQTT is data: checked (validate.js), inserted
// as text, never as HTML.

import { check, parseTopic, isDeviceId } from './validate.js';
import { createStore, device, applyConfig, acceptSeq, applyStream, reject, addMark, pastBoot, applyPastEvent, applyDeviceEvent, runningBoot, runningAlarms, runsNoControlLoop, applyModules, stopText, clearConfig,
  applyStatus, foreignBoot, seqJumpProblem, aheadOfClock, holdUnconfirmed, settleUnconfirmed, expireUnconfirmed, cellInvalid, invalidReason } from './store.js';
import { deviceTime, wallClock, timeWithWall, eventValue, countUnit, where, fixed, cutoffs } from './format.js';
import { draw, destroyAll, selection, moduleColor, cellColor, timeAxis, plotted, whenReleased, SEVERITY_COLORS } from './charts.js';
import { drawCompact, hitTest, STATE_COLORS } from './compact.js';
import { createControls } from './controls.js';

const QUEUE_LIMIT = 50000;      // messages waiting for a frame; beyond, they are dropped and counted
const FRAME_BUDGET_MS = 25;     // message handling per frame; the rest waits for the next frame
const COMPACT_FROM_MODULES = 9; // the compact view opens by itself from this many modules
// Reconnection: the first attempt a second after the link goes, each next one twice as late, at most RETRY_MAX_MS apart
// (1, 2, 4, 8, 8 s ...), back to a second once connected. A browser logs every failed WebSocket attempt in its console,
// which page code cannot stop: a broker away for an hour cost 3,600 lines at a fixed second, 450 at 8 s.
const RETRY_FIRST_MS = 1000;
const RETRY_MAX_MS = 8000;

// This page load's part of its MQTT client ids. Not kept in the tab's session storage: a tab duplicated or opened from
// this one gets a copy of that storage, and two clients under one id take the broker connection from each other, each
// reconnecting a second later, for ever. Each login of a load has its own session anyway (loginCount), so a later load
// has no use for it.
const PAGE_ID = Array.from(crypto.getRandomValues(new Uint8Array(6)), (b) => b.toString(16).padStart(2, '0')).join('');
let loginCount = 0;

const $ = (id) => document.getElementById(id);
const store = createStore();
const pending = [];
// At most one frame is ever pending: an animation frame, with a timer as the fallback for a hidden tab.
let frameAnimation = null;
let frameTimer = null;
let framesDrawn = 0;
let client = null;
let selected = null;
let focusModule = 0;
// Per device: true (compact) or false (cards), the operator's choice; absent = automatic (by the module count). A 16-module
// pack and a 2-module bench cell on one page each keep their own view.
const compactChoices = new Map();
let lastCompact = null;
const connection = {
  state: 'idle', everConnected: false, reconnects: 0, role: 'unknown', roleDevice: null,
  // attempts: WebSocket connections tried (the first included); retryDelayMs: the wait before the next one after a
  // failure; pendingDelayMs: the wait of the retry now pending, null when none is.
  attempts: 0, retryDelayMs: RETRY_FIRST_MS, retryTimer: null, pendingDelayMs: null, nextRetryAt: null,
  // The broker the page's server names changed while the page was open (a new run of the simulator): { from, to, at }.
  moved: null,
};

// ---------------------------------------------------------------- settings: never credentials in a URL

const params = new URLSearchParams(location.search);
const settings = {
  broker: params.get('broker') || `ws://${location.hostname || '127.0.0.1'}:9001`,
  device: params.get('device') || '',
  user: '',
  password: '',
  // An address without a broker: the page asks the server that served it (broker.json, edge-sim run --dashboard) at its
  // load and again before each reconnection attempt, so it follows the broker of whichever run serves it now.
  served: !params.has('broker') && /^https?:$/.test(location.protocol),
  // The device that server named at its last answer (broker.json's device, edge-sim's --device-id), or null. A page
  // showing it follows the next one it names: a rerun under another device id has the same address.
  servedDevice: null,
};
if (params.has('user') || params.has('password')) {
  params.delete('user');
  params.delete('password');
  history.replaceState(null, '', '?' + params.toString());
  $('url-credentials').hidden = false;
}
selected = settings.device || null;

/** What is wrong with a broker address, or null: MQTT.js in a browser connects over WebSockets only. */
function brokerProblem(address) {
  let url = null;
  try {
    url = new URL(address);
  } catch {
    // Not an absolute address: "127.0.0.1:9001" or a bare host name.
  }
  if (!url || (url.protocol !== 'ws:' && url.protocol !== 'wss:') || !url.hostname) {
    return `broker "${address}" is not a WebSocket address: give ws://host:port or wss://host:port`;
  }
  return null;
}

/** What is wrong with a device filter, or null: it is a topic level of edge/<device>/..., so a device id or nothing. */
function deviceProblem(id) {
  return id && !isDeviceId(id) ? `device "${id}" is not a device id: 1 to 64 of A-Z a-z 0-9 - _, or empty for every device` : null;
}

// ---------------------------------------------------------------- connection

function connect() {
  if (typeof mqtt === 'undefined' || typeof uPlot === 'undefined') {
    $('missing-bundles').hidden = false;
    setConnection('error', 'bundles missing');
    return;
  }
  // An address from the page's own URL is checked here (the form checks before it changes anything).
  const problem = brokerProblem(settings.broker) || deviceProblem(settings.device);
  if (problem) {
    setConnection('error', problem);
    return;
  }
  if (client) endForGood(client);
  clearRetry();
  connection.retryDelayMs = RETRY_FIRST_MS;
  // Messages of the connection just closed (another login, broker or device) that still wait for a frame belong to
  // its view, not to the new one: dropped.
  pending.length = 0;
  $('broker-label').textContent = settings.broker + (settings.device ? ` · device ${settings.device}` : '') + (settings.user ? ` · user ${settings.user}` : ' · anonymous');
  setConnection('connecting', 'connecting...');
  setRole('unknown');
  // A persistent session under a client id of this login: while the page is away the broker keeps the QoS 1 events for
  // it, so the event log misses nothing across a broker restart. Each login has its own id: the session an earlier login
  // left would bring back its subscriptions (another device filter) and the messages queued for them, into this
  // login's view. (Starting the first connection clean and resuming on reconnects lost the events queued across a
  // broker restart: the reconnection did not resume the session.)
  loginCount++;
  const clientId = `edge-dashboard-${PAGE_ID}-${loginCount}-${(settings.user || 'anon').replace(/[^A-Za-z0-9_-]/g, '').slice(0, 16)}`;
  const c = mqtt.connect(settings.broker, {
    clientId,
    username: settings.user || undefined,
    password: settings.password || undefined,
    protocolVersion: 5,
    clean: false,
    properties: { sessionExpiryInterval: 600 },
    // The page schedules its reconnections itself (scheduleRetry): MQTT.js retries at a fixed period only.
    reconnectPeriod: 0,
    connectTimeout: 5000,
    keepalive: 30,
  });
  client = c;
  connection.attempts++;
  // An ended client may still report (its socket's last messages, its close): only the current one's count.
  const current = () => c === client;
  const root = settings.device ? `edge/${settings.device}/` : 'edge/+/';
  c.on('connect', () => {
    if (!current()) return;
    if (store.lostAt !== null) {
      store.outages.push({ from: store.lostAt, to: Date.now() });
      if (store.outages.length > 50) store.outages.shift();
      connection.reconnects++;
      for (const d of store.devices.values()) {
        d.awaitingReconnect = true;
        d.pendingStreams = new Set(['pulse', 'cells', 'state', 'event']);
      }
    }
    store.lostAt = null;
    connection.everConnected = true;
    connection.retryDelayMs = RETRY_FIRST_MS;
    // "connected" once the broker has granted the subscriptions, not at its CONNACK: a message published in between
    // (a device's health at its own connection) never reaches this page, which would already say connected.
    c.subscribe([root + 'status', root + 'config', root + 'telemetry/+', root + 'event', root + 'cmd/result', root + 'health', root + 'device-event'], { qos: 1 }, (err) => {
      if (!err && current()) setConnection('connected', 'connected');
    });
    probeRole();
  });
  const lost = () => {
    if (!current()) return;
    if (connection.everConnected && store.lostAt === null) store.lostAt = Date.now();
  };
  c.on('close', () => {
    if (!current()) return;
    lost();
    // A command the broker has not acknowledged would go out again after the reconnect, however late: withdrawn.
    controls.onConnectionLost();
    if (connection.state !== 'refused') scheduleRetry(c);
  });
  c.on('offline', lost);
  c.on('reconnect', () => {
    if (current() && connection.state !== 'refused') setConnection('reconnecting', 'reconnecting...');
  });
  c.on('error', (e) => {
    if (!current()) return;
    const text = String(e && e.message);
    if (/auth|Not authorized|Bad user|bad username/i.test(text)) {
      setConnection('refused', 'refused by the broker: log in with a valid account');
      c.end(true);
    }
  });
  c.on('message', (topic, payload) => {
    if (!current()) return;
    if (pending.length >= QUEUE_LIMIT) {
      reject(store, topic, 'page overloaded: message queue full');
      return;
    }
    pending.push([topic, payload, Date.now()]);
    requestFrame();
  });
}

/**
 * Ends a client for good (another login, or the page going away). Its session can never be resumed: every login of
 * every page load has a client id of its own. So a connected client asks the broker to drop it at once (MQTT 5: a
 * DISCONNECT that lowers the session expiry to 0); a socket merely closed would leave the broker keeping it, and
 * queueing every QoS 1 event and reply for it, for the ten minutes its CONNECT asked for, once per reload or login.
 * MQTT.js sends that DISCONNECT once the messages awaiting their PUBACK have theirs.
 */
function endForGood(c) {
  c.endedForGood = true;
  if (c.connected) {
    c.end(false, { reasonCode: 0, properties: { sessionExpiryInterval: 0 } });
  } else {
    c.end(true);
  }
}

// The page going away (closed, reloaded, another address): its session goes with it. A page kept in the back/forward
// cache and shown again connects afresh.
addEventListener('pagehide', () => {
  if (!client) return;
  endForGood(client);
  // MQTT.js writes a packet through a corked stream that it uncorks on its next tick, and a page going away runs no
  // more ticks: the DISCONNECT is pushed onto the socket here, while the page still can.
  if (client.stream && typeof client.stream.uncork === 'function') client.stream.uncork();
});
addEventListener('pageshow', (e) => {
  if (e.persisted) connect();
});

/**
 * The broker and device the page's server names ({ address, device }, each null when it names none it can use), or
 * { unreachable: true } when the server does not answer.
 */
async function servedBroker() {
  try {
    const response = await fetch('broker.json', { cache: 'no-store' });
    if (!response.ok) return { address: null, device: null };
    const body = await response.json();
    return {
      address: body && typeof body.broker === 'string' && !brokerProblem(body.broker) ? body.broker : null,
      device: body && typeof body.device === 'string' && isDeviceId(body.device) ? body.device : null,
    };
  } catch {
    return { address: null, device: null, unreachable: true };
  }
}

/**
 * The device the page follows now that its server names another, or null. Only a page showing the device the server
 * named before follows: one whose address or login named another device keeps it. A device filter is changed (its
 * subscriptions would otherwise stay on a device that no longer sends); a page watching every device moves its selection.
 */
function followedDevice(named) {
  const before = settings.servedDevice;
  settings.servedDevice = named;
  if (!named || !before || named === before) return null;
  if (settings.device) return settings.device === before ? named : null;
  return selected === before ? named : null;
}

/**
 * Shows another device afresh, with nothing of the one before: the new device's modules, charts and events are its own,
 * never drawn over the old device's, which is no longer subscribed to (a device filter) or no longer selected.
 */
function showDevice(id) {
  if (settings.device) {
    settings.device = id;
    form.elements.device.value = id;
    // A reload shows the device followed, not the one the page was opened on.
    const q = new URLSearchParams(location.search);
    q.set('device', id);
    history.replaceState(null, '', '?' + q.toString());
    store.devices.clear();
    store.outages = [];
    store.lostAt = null;
    connection.everConnected = false;
  }
  selected = id;
  focusModule = 0;
  destroyAll();
  $('modules').replaceChildren();
}

function clearRetry() {
  if (connection.retryTimer !== null) clearTimeout(connection.retryTimer);
  connection.retryTimer = null;
  connection.pendingDelayMs = null;
  connection.nextRetryAt = null;
}

/** The next attempt after a lost or failed connection, each one twice as late as the one before, at most RETRY_MAX_MS. */
function scheduleRetry(c) {
  if (c !== client || c.endedForGood || connection.retryTimer !== null) return;
  const delay = connection.retryDelayMs;
  connection.retryDelayMs = Math.min(delay * 2, RETRY_MAX_MS);
  connection.pendingDelayMs = delay;
  connection.nextRetryAt = Date.now() + delay;
  connection.retryTimer = setTimeout(() => retry(c), delay);
  const what = connection.everConnected ? 'reconnecting...' : 'broker unreachable, retrying...';
  setConnection('reconnecting', `${what} next attempt ${wallClock(connection.nextRetryAt)}`);
}

async function retry(c) {
  connection.retryTimer = null;
  connection.pendingDelayMs = null;
  if (c !== client || c.endedForGood) return;
  if (settings.served) {
    const served = await servedBroker();
    if (c !== client || c.endedForGood) return;
    if (served.unreachable) {
      // The server that names the broker is gone, and with edge-sim the broker went with it (one process runs both): no
      // attempt on the old address; the next retry asks the server again.
      scheduleRetry(c);
      return;
    }
    const device = followedDevice(served.device);
    if ((served.address && served.address !== settings.broker) || device) {
      // Another run serves the page now, with its own broker: the old address leads nowhere. A new client on the new
      // address; the devices' views stay, and the new run's status (a new boot) starts them afresh as any restart does.
      // A run under another device id is another device: the page shows it alone, from nothing.
      const to = served.address ?? settings.broker;
      connection.moved = { from: settings.broker, to, at: Date.now(), deviceFrom: device ? selected : null, deviceTo: device };
      if (device) showDevice(device);
      settings.broker = to;
      form.elements.broker.value = to;
      connect();
      return;
    }
  }
  connection.attempts++;
  setConnection('reconnecting', 'reconnecting...');
  // The session's stores go along: MQTT.js's reconnect() would otherwise start empty ones.
  c.reconnect({ incomingStore: c.incomingStore, outgoingStore: c.outgoingStore });
}

function requestFrame() {
  if (frameAnimation !== null) return;
  frameAnimation = requestAnimationFrame(frame);
  // A hidden tab gets no animation frames: messages must not pile up there either.
  frameTimer = setTimeout(frame, 200);
}

function setConnection(state, text) {
  connection.state = state;
  const el = $('connection');
  el.dataset.state = state;
  el.className = 'badge badge-' + state;
  el.textContent = text;
  requestFrame();
}

/**
 * Whether this account may command the device is the broker's decision (its ACL). The page asks it the
 * only way MQTT allows: an empty QoS 1 publish on the device's cmd/result, which devices ignore (the verb
 * "result" is reserved) and other dashboards drop; MQTT 5 answers "not authorized" (135) when the ACL denies.
 */
function probeRole() {
  const target = selected;
  if (!client || !client.connected || !target) return;
  connection.roleDevice = target;
  client.publish(`edge/${target}/cmd/result`, '', { qos: 1, retain: false }, (err) => {
    if (connection.roleDevice !== target) return;
    setRole(err ? 'viewer' : 'operator');
  });
}

function setRole(role) {
  connection.role = role;
  const el = $('role');
  el.dataset.role = role;
  el.textContent = role === 'operator' ? 'operator: controls enabled' : role === 'viewer' ? 'viewer: read only' : '';
  el.hidden = role === 'unknown';
  showControls();
}

/** Commands for an operator, and only for a device that has a config: one without runs no control loop to take them. */
function showControls() {
  const d = selected ? store.devices.get(selected) : null;
  $('controls').hidden = connection.role !== 'operator' || !d || !d.config;
}

/**
 * Publishes a command: QoS 1, never retained, expiring at the broker after expirySeconds (MQTT 5 message expiry), so a
 * broker that holds it for a session away from the broker drops it once the page has given up on it. Returns a function
 * that withdraws it while the broker has not acknowledged it (true if it did): MQTT.js keeps an unacknowledged QoS 1
 * message and sends it again after every reconnect, which would carry a command the page gave up on to the device
 * long after the page said so. Only on a connection the page calls connected: MQTT.js has then sent what it kept from
 * before the reconnect, so the publish goes out at once and its packet id is known.
 */
function publish(topic, payload, callback, expirySeconds) {
  if (!client || !client.connected || connection.state !== 'connected') {
    callback(new Error('not connected to the broker'));
    return () => false;
  }
  const c = client;
  let messageId = null;
  let settled = false;
  const options = {
    qos: 1,
    retain: false,
    properties: { messageExpiryInterval: expirySeconds },
    // Called as the packet is stored, right after MQTT.js numbered it.
    cbStorePut: () => { messageId = c.getLastMessageId(); },
  };
  // The PUBACK's MQTT 5 reason code: 16 "no matching subscribers" is a success to MQTT.js, which does not pass it on,
  // but the command reached no one. Seen here as the packet arrives, just before MQTT.js calls back for it.
  let reasonCode;
  const onPacket = (packet) => {
    if (packet.cmd === 'puback' && packet.messageId === messageId) reasonCode = packet.reasonCode;
  };
  c.on('packetreceive', onPacket);
  c.publish(topic, payload, options, (err) => {
    c.removeListener('packetreceive', onPacket);
    if (settled) return;
    settled = true;
    callback(err, reasonCode);
  });
  return () => {
    if (settled || messageId === null) return false;
    settled = true;
    c.removeListener('packetreceive', onPacket);
    c.removeOutgoingMessage(messageId);
    return true;
  };
}

// ---------------------------------------------------------------- messages

function handle(topic, payload, receivedAt) {
  const t = parseTopic(topic);
  if (!t.deviceId) {
    reject(store, topic, t.reason);
    return;
  }
  // Checked before the device is made: a message the contract rejects must not take one of the page's device slots
  // (a foreign publisher spraying device ids would otherwise lock out the real devices).
  const known = store.devices.get(t.deviceId);
  if (t.kind === 'config' && payload.length === 0) {
    // A retained config cleared: the device runs no control loop this boot (or its record was removed).
    if (known) clearConfig(known);
    return;
  }
  const result = check(t.kind, payload, known ? known.config : null);
  if (result.ignore) return;
  if (!result.ok && !result.needsConfig) {
    reject(store, topic, result.reason);
    return;
  }
  const d = known || device(store, t.deviceId);
  if (!d) {
    reject(store, topic, 'too many devices');
    return;
  }
  if (result.needsConfig) {
    // Telemetry before the retained config: kept briefly, checked and applied once the config arrives.
    if (d.pending.length >= 500) reject(store, topic, 'no config from the device: cannot check module and cell indices');
    else d.pending.push([topic, payload, receivedAt]);
    return;
  }
  const msg = result.msg;
  if (t.kind === 'status') {
    const boots = d.boots;
    const result = applyStatus(d, msg);
    if (result.ignored) reject(store, topic, result.ignored);
    for (const h of result.unconfirmed) reject(store, h.topic, `${h.msg.bootId}: tMs ${h.msg.tMs} (seq ${h.msg.seq}) never confirmed before the device restarted; not applied`);
    // A restart: a window zoomed into is a stretch of the old boot's clock, not of this one's; the charts show the new
    // boot whole and follow it.
    if (boots > 0 && d.boots !== boots && d.id === selected) destroyAll();
    return;
  }
  if (t.kind === 'health') {
    d.health = { msg, at: receivedAt, count: (d.health ? d.health.count : 0) + 1 };
    d.version++;
    return;
  }
  if (t.kind === 'device-event') {
    // Needs no config: a device whose board or settings failed publishes none, and these events are how it says so.
    applyDeviceEvent(d, msg, receivedAt);
    return;
  }
  if (t.kind === 'config') {
    applyConfig(d, msg);
    const queued = d.pending.splice(0);
    for (const [qt, qp, qr] of queued) handle(qt, qp, qr);
    return;
  }
  if (t.kind === 'cmd/result') {
    controls.onResult(d.id, msg);
    return;
  }
  if (t.kind === 'telemetry/modules') {
    applyModules(d, msg);
    return;
  }
  const stream = t.kind === 'event' ? 'event' : t.kind.slice('telemetry/'.length);
  const past = pastBoot(d, msg);
  if (past) {
    // A boot this one replaced, arriving late: its events are listed under it; its telemetry is of another clock.
    if (stream === 'event') applyPastEvent(d, past, msg, receivedAt);
    return;
  }
  const foreign = foreignBoot(d, msg);
  if (foreign) {
    reject(store, topic, `${t.kind}: ${foreign}`);
    return;
  }
  const jump = seqJumpProblem(d, stream, msg);
  if (jump) {
    reject(store, topic, `${t.kind}: ${jump}`);
    return;
  }
  const settled = settleUnconfirmed(d, stream, msg);
  for (const r of settled.rejected) reject(store, r.held.topic, `${t.kind}: ${r.reason}`);
  if (settled.duplicate) return;
  d.streamArrivals++;
  for (const h of settled.confirmed) applyChecked(d, h.stream, h.msg, h.receivedAt);
  if (aheadOfClock(d, msg)) {
    // Not trusted yet: one message stamped far ahead would stretch every chart's time axis to it for good.
    const dropped = holdUnconfirmed(d, { stream, msg, receivedAt, topic, clockTMs: d.lastTMs });
    if (dropped) reject(store, dropped.topic, `tMs ${dropped.msg.tMs} (seq ${dropped.msg.seq}) lies ahead of the device's clock and was never confirmed; not applied`);
    return;
  }
  applyChecked(d, stream, msg, receivedAt);
}

/** Applies a stream message of the running boot that passed every check. */
function applyChecked(d, stream, msg, receivedAt) {
  if (d.awaitingReconnect) {
    // The first record after a reconnect opens the outage on the device's time axis; later seq gaps stretch it.
    d.outageMark = addMark(d, d.lastTMs, Math.max(msg.tMs, d.lastTMs ?? msg.tMs), 'outage', 'broker connection lost');
    d.awaitingReconnect = false;
  }
  if (!acceptSeq(store, d, stream, msg)) return;
  applyStream(d, stream, msg, receivedAt);
}

function frame() {
  // Whichever fired first runs the frame; the other is cancelled, so frames never multiply.
  cancelAnimationFrame(frameAnimation);
  clearTimeout(frameTimer);
  frameAnimation = null;
  frameTimer = null;
  framesDrawn++;
  const start = performance.now();
  let handled = 0;
  while (handled < pending.length && performance.now() - start < FRAME_BUDGET_MS) {
    const [topic, payload, receivedAt] = pending[handled++];
    try {
      handle(topic, payload, receivedAt);
    } catch (e) {
      reject(store, topic, 'could not be applied: ' + String(e && e.message).slice(0, 80));
    }
  }
  pending.splice(0, handled);
  const now = Date.now();
  for (const d of store.devices.values()) {
    const expired = expireUnconfirmed(d, now);
    for (const r of expired.rejected) reject(store, r.held.topic, `${r.held.topic.split('/').slice(2).join('/')}: ${r.reason}`);
    for (const h of expired.apply) applyChecked(d, h.stream, h.msg, h.receivedAt);
  }
  if (!selected && store.devices.size > 0) selected = store.devices.keys().next().value;
  render();
  if (pending.length > 0) requestFrame();
}

// ---------------------------------------------------------------- staleness

/**
 * A module's badge: its state, "no data" while the stream is stale, and for a device that went offline (orderly or
 * its Last Will) the last state it reported, marked so and greyed: an amber "pulse" from a device that is gone is not
 * live.
 */
function shownState(d, st, m) {
  if (st.stale) return 'no data';
  // A module the device never reported a state of (its retained config and Last Will came, no data): not known.
  const state = m.reported ? m.state : 'no data';
  return d.status === 'offline' ? `${state} (offline)` : state;
}

function shownColor(d, st, m) {
  return STATE_COLORS[st.stale || d.status === 'offline' || !m.reported ? 'nodata' : m.state] || STATE_COLORS.unknown;
}

/**
 * Whether the device's states shown are current, and if not why (reason: 'broker', 'reconnected' or 'quiet'; why: the
 * captions' words). since: the last data's arrival (or the config's, before any).
 */
function staleness(d) {
  if (!d.config) return { stale: false };
  // Nothing from the streams yet: counted from the config's arrival, as the module states the page has then are
  // none the device sent (a device whose control loop hung still has its retained status and config).
  const since = d.lastSeenAt ?? d.configAt;
  const age = Date.now() - since;
  // The page's own broker connection is down: whatever the device does now (a fault, a stop, going offline) cannot
  // reach the page, so no state it shows is current, from the moment the connection went, not a stale limit later.
  if (connection.state !== 'connected') {
    return { stale: true, reason: 'broker', why: 'no broker connection: faded, not current', age, since, lostAt: store.lostAt ?? Date.now() };
  }
  // A device that said it went offline (orderly, or its Last Will) is offline, not stale: its last states stand.
  if (d.status === 'offline') return { stale: false };
  // Back on the broker, but nothing new from the device yet: what is shown is still what came before the outage.
  if (d.awaitingReconnect) {
    const back = store.outages.length > 0 ? store.outages[store.outages.length - 1].to : Date.now();
    return { stale: true, reason: 'reconnected', why: 'reconnected, no data since: faded, not current', age, since, reconnectedAt: back };
  }
  const period = d.config.cellVoltagePeriodMs > 0 ? d.config.cellVoltagePeriodMs : 10000;
  const limit = Math.max(3000, 3 * period);
  return { stale: age > limit, reason: 'quiet', why: 'stale: faded, no data now', age, limit, since };
}

// ---------------------------------------------------------------- rendering

function text(tag, value, cls) {
  const e = document.createElement(tag);
  if (cls) e.className = cls;
  e.textContent = value === null || value === undefined ? '' : String(value);
  return e;
}

function render() {
  renderHeader();
  renderDevices();
  const d = selected ? store.devices.get(selected) : null;
  renderDeviceEvents(d);
  renderRunBanner(d);
  if (!d || !d.config) {
    // A boot without a control loop sends no config: "waiting" for one would read as if it were on its way.
    const waiting = !d ? 'waiting for devices...' : runsNoControlLoop(d) ? 'control loop not running (board or hardware error): the device events below say why'
      : 'waiting for the device\'s config...';
    $('device-facts').replaceChildren(text('span', waiting, 'muted'));
    clearConfigViews(d);
    return;
  }
  if (connection.role === 'unknown' && client && client.connected && connection.roleDevice !== d.id) probeRole();
  showControls();
  controls.setModules(d.config.modules);
  controls.showProtocol(d.id, d.config.protocol);
  controls.showMode(d.id, d.config.mode);
  controls.showDevice(d.id);
  focusModule = Math.min(focusModule, d.config.modules - 1);
  const st = staleness(d);
  renderFacts(d, st);
  renderHealth(d);
  renderModules(d, st);
  renderCompact(d, st);
  renderCharts(d);
  renderEvents(d);
  renderGaps(d);
}

/**
 * What the page draws from a device's config (module cards, compact view, charts, events and gaps, controls) is cleared
 * while the selected device has none: selected after another device, a device whose board failed would otherwise show
 * that device's modules, events and commands under its own name. Its health and device events stay.
 */
function clearConfigViews(d) {
  if (d) renderHealth(d);
  else $('health-bar').hidden = true;
  const modules = $('modules');
  modules.replaceChildren();
  modules.dataset.device = '';
  $('module-table-card').hidden = true;
  $('module-table').tBodies[0].replaceChildren();
  moduleRowsFor = null;
  $('compact').hidden = true;
  $('compact-toggle').hidden = true; // no modules to show either way
  lastCompact = null;
  showControls();
  destroyAll();
  chartsDrawnFor = null;
  $('chart-legend').replaceChildren();
  $('selection-note').textContent = '';
  $('events').tBodies[0].replaceChildren();
  $('event-count').textContent = '';
  renderedEvents = null;
  $('gaps').tBodies[0].replaceChildren();
  $('gap-count').textContent = '';
}

function renderHeader() {
  const r = store.rejected;
  const badge = $('rejected');
  badge.dataset.count = String(r.total);
  badge.textContent = `rejected messages: ${r.total}`;
  badge.className = 'badge ' + (r.total > 0 ? 'badge-warn' : 'badge-idle');
  const list = $('rejected-list');
  if (list.dataset.total !== String(r.total)) {
    list.dataset.total = String(r.total);
    list.replaceChildren(...r.recent.map((x) => {
      const li = document.createElement('li');
      li.append(text('span', wallClock(x.at), 'muted'), document.createTextNode(' '), text('code', x.topic), document.createTextNode(' '), text('span', x.reason));
      return li;
    }));
  }
}

// Each device's chip is made once and updated in place. Made anew at every render (the clock's, once a second, and
// each message's), a chip took a press with it: a click whose button came up after a render selected nothing (the
// press and the release fell on different buttons), and a chip reached with Tab lost the keyboard's focus.
const deviceChips = new Map();

function renderDevices() {
  const nav = $('devices');
  const chips = [];
  for (const d of store.devices.values()) {
    const st = staleness(d);
    const offlineBroker = connection.state !== 'connected';
    const status = offlineBroker ? 'unknown' : st.stale && d.status === 'online' ? 'stale' : d.status;
    const chip = deviceChip(d.id);
    chip.className = 'device' + (d.id === selected ? ' selected' : '');
    chip.dataset.status = d.status;
    chip.dataset.shown = status;
    const dot = text('span', '', `dot dot-${status}`);
    const label = offlineBroker ? 'status unknown (broker offline)'
      : status === 'stale' ? `no data since ${wallClock(st.since)}` : d.status + (d.statusBootId ? ` · boot ${d.statusBootId}` : '') + (d.firmware ? ` · firmware ${d.firmware}` : '');
    const parts = [dot, document.createTextNode(d.id + ' '), text('small', label)];
    // A device whose loop stopped or that did not start says so on its chip too, whichever device is selected.
    const alarms = runningAlarms(d);
    if (alarms.length > 0) {
      chip.dataset.alarm = alarms.map((e) => e.code).join(' ');
      parts.push(text('small', ' · ' + chip.dataset.alarm, 'device-alarm'));
    } else {
      delete chip.dataset.alarm;
    }
    // A held module shows on its device's chip too: an operator watching several packs sees which one needs a look
    // without opening each.
    const held = d.modules.flatMap((m, i) => (m.state === 'hold' ? [i] : []));
    if (held.length > 0) {
      chip.dataset.held = held.join(' ');
      parts.push(text('small', ' · ' + (held.length === 1 ? `module ${held[0]} held` : `${held.length} modules held`), 'device-alarm'));
    } else {
      delete chip.dataset.held;
    }
    chip.replaceChildren(...parts);
    chips.push(chip);
  }
  if (chips.length === 0) chips.push(text('span', 'waiting for devices...', 'muted'));
  // The same chips in the same order stay where they are: taken out and put back, the focused one would lose the focus.
  const unchanged = nav.children.length === chips.length && chips.every((chip, i) => nav.children[i] === chip);
  if (!unchanged) nav.replaceChildren(...chips);
}

/** The chip that selects device id, made on its first render. */
function deviceChip(id) {
  let chip = deviceChips.get(id);
  if (!chip) {
    chip = document.createElement('button');
    chip.dataset.device = id;
    chip.onclick = () => {
      selected = id;
      focusModule = 0;
      destroyAll();
      setRole('unknown');
      probeRole();
      render();
    };
    deviceChips.set(id, chip);
  }
  return chip;
}

// A step kind this page does not know (CONTRACT.md encodes one as "unknown") is said as such, not guessed as a plate.
const stepKindNames = { strip: 'Strip', plate: 'Plate' };

function stepText(s, area) {
  if (s.kind === 'rest') return s.durationMs > 0 ? `Rest ${s.durationMs / 1000} s` : 'Rest (adaptive)';
  const density = Math.abs(s.currentUa) / 1000 / area;
  const kind = stepKindNames[s.kind] ?? `Unknown step (${s.kind})`;
  return `${kind} ${density.toFixed(2)} mA/cm2 (${Math.abs(s.currentUa)} µA)` + (s.durationMs > 0 ? ` for ${s.durationMs / 1000} s` : ' until a stop');
}

// Only adaptive rests move between the minimum and the maximum: a fixed rest lasts as its rest steps say, and the
// range the config still carries (the core's adaptive defaults) would read as one that applies.
function restText(p) {
  if (p.restMode === 'adaptive') return `adaptive (${p.minimumRestMs / 1000}–${p.maximumRestMs / 1000} s)`;
  if (p.restMode !== 'fixed') return `${p.restMode}`;
  const lengths = [...new Set(p.steps.filter((s) => s.kind === 'rest' && s.durationMs > 0).map((s) => `${s.durationMs / 1000} s`))];
  return lengths.length > 0 ? `fixed ${lengths.join(', ')}` : 'fixed (no rest step)';
}

function renderFacts(d, st) {
  const c = d.config;
  const p = c.protocol;
  const facts = [
    ['mode', c.mode],
    ['protocol', p.steps.map((s) => stepText(s, p.electrodeAreaCm2)).join(' → ') + (p.repeat ? ', repeated' : ', once')],
    ['rest', restText(p)],
    ['cut-off', cutoffs(p)],
    ['area', `${p.electrodeAreaCm2} cm2`],
    ['layout', `${c.modules} x ${c.cellsPerModule} cells`],
    ['device time', d.lastTMs === null ? notReceived(d, st) : deviceTime(d.lastTMs)],
    ['config', `revision ${c.revision}`],
  ];
  const out = facts.map(([k, v]) => {
    const s = document.createElement('span');
    s.className = 'fact';
    s.dataset.fact = k;
    s.append(text('b', k + ' '), document.createTextNode(v));
    return s;
  });
  $('device-facts').replaceChildren(...out);
  const banner = $('stale-banner');
  banner.hidden = !st.stale;
  if (st.stale && st.reason === 'broker') banner.textContent = `No broker connection since ${wallClock(st.lostAt)}: values below are the last received from ${d.id} (device time ${deviceTime(d.lastTMs)}), not current.`;
  else if (st.stale && st.reason === 'reconnected') banner.textContent = `Reconnected to the broker at ${wallClock(st.reconnectedAt)}, no data from ${d.id} since: values below are the last received (device time ${deviceTime(d.lastTMs)}), not current.`;
  else if (st.stale && d.lastSeenAt === null) banner.textContent = `No data from ${d.id} since its config arrived at ${wallClock(st.since)} (${Math.round(st.age / 1000)} s ago): its module states are not known.`;
  else if (st.stale) banner.textContent = `No data from ${d.id} since ${wallClock(d.lastSeenAt)} (device time ${deviceTime(d.lastTMs)}, ${Math.round(st.age / 1000)} s ago): values below are the last received, not current.`;
}

/** A new run: the broker the page's server names changed, or the shown device restarted, while the page was open. */
function renderRunBanner(d) {
  const parts = [];
  const m = connection.moved;
  if (m && m.deviceTo && m.to !== m.from) parts.push(`A new run: at ${wallClock(m.at)} the page's server named another broker, ${m.to} (it was ${m.from}), and another device, ${m.deviceTo} (it was ${m.deviceFrom}). The page moved to both: what it shows is ${m.deviceTo}'s alone.`);
  else if (m && m.deviceTo) parts.push(`A new run: at ${wallClock(m.at)} the page's server named another device, ${m.deviceTo} (it was ${m.deviceFrom}). The page moved to it: what it shows is ${m.deviceTo}'s alone.`);
  else if (m) parts.push(`A new run: at ${wallClock(m.at)} the page's server named another broker, ${m.to} (it was ${m.from}), and the page moved to it.`);
  if (d && d.restart) parts.push(`${d.id} restarted at ${wallClock(d.restart.at)}: boot ${d.restart.to}, after boot ${d.restart.from}. Module states, device time, health and charts are the new boot's; the earlier boot's events are listed below its own.`);
  const banner = $('run-banner');
  banner.hidden = parts.length === 0;
  banner.textContent = parts.join(' ');
}

const micros = (us) => (us < 1000 ? `${us} µs` : `${fixed(us / 1000, 1)} ms`);
const kilobytes = (bytes) => `${fixed(bytes / 1024, 1)} kB`;

/** The latest health message: tick timing, heap, outbox, watchdog. A figure sent as null has no counterpart in a simulation. */
function renderHealth(d) {
  const bar = $('health-bar');
  const h = d.health;
  bar.hidden = !h;
  if (!h) return;
  const m = h.msg;
  const simulated = typeof m.provenance === 'string';
  const none = simulated ? 'not simulated' : '–';
  const has = (f) => m[f] !== undefined && m[f] !== null;
  const host = has('host_tick_max_us_since_last') ? ` (host max ${micros(m.host_tick_max_us_since_last)})` : '';
  const facts = [
    ['health', `${simulated ? 'simulated device, ' : ''}received ${wallClock(h.at)}`],
    ['uptime', deviceTime(m.uptime_ms, 0)],
    ['ticks', `${m.ticks} (${m.tick_overruns} overruns)`],
    ['tick latency', has('tick_latency_max_us_since_last') ? `max ${micros(m.tick_latency_max_us_since_last)} since the previous report` : none],
    ['tick time', has('tick_max_us_since_last') ? `max ${micros(m.tick_max_us_since_last)} since the previous report` : none + host],
    ['heap', has('native_free_bytes') ? `${kilobytes(m.native_free_bytes)} free` + (has('native_largest_block_bytes') ? `, largest block ${kilobytes(m.native_largest_block_bytes)}` : '') : none],
    ['outbox', has('outbox_free_slots') ? `${m.outbox_free_slots} slots free, ${m.outbox_lost_total ?? 0} lost, ${m.outbox_lost_replies ?? 0} replies lost` : none],
    ['watchdog', has('watchdog_tripped') ? (m.watchdog_tripped ? 'tripped: switches latched open' : 'ok') : none],
  ];
  const box = $('device-health');
  box.title = simulated ? m.provenance : '';
  box.replaceChildren(...facts.map(([k, v]) => {
    const s = document.createElement('span');
    s.className = 'fact';
    s.dataset.fact = k;
    s.append(text('b', k + ' '), document.createTextNode(v));
    return s;
  }));
}

let renderedDeviceEvents = { device: null, count: -1, running: null };
/**
 * The firmware's own events (device-event): every one listed, newest first, with its boot; those after which the device
 * controls nothing (DEVICE_EVENT_BANNER) in a banner while they concern the boot it runs. Shown with or without a config.
 */
function renderDeviceEvents(d) {
  const card = $('device-events-card');
  const banner = $('device-event-banner');
  card.hidden = !d;
  if (!d) {
    banner.hidden = true;
    renderedDeviceEvents = { device: null, count: -1, running: null };
    return;
  }
  const running = runningBoot(d);
  // The device object, not its id: logging in again starts the page's devices afresh under the same ids.
  const last = renderedDeviceEvents;
  if (last.device === d && last.count === d.deviceEventCount && last.running === running) return;
  renderedDeviceEvents = { device: d, count: d.deviceEventCount, running };
  $('device-event-count').textContent = d.deviceEventCount === 0 ? 'none received' : `${d.deviceEventCount} received`;
  const severe = runningAlarms(d);
  banner.hidden = severe.length === 0;
  banner.textContent = severe.length === 0 ? '' : `${d.id} reported ` + severe.map((e) => `${e.code} (received ${wallClock(e.receivedAt)}, boot ${e.bootId}): ${e.message}`).join(' · ');
  $('device-events').tBodies[0].replaceChildren(...d.deviceEvents.map((e) => {
    const tr = document.createElement('tr');
    tr.className = 'sev-' + e.severity;
    tr.dataset.code = e.code;
    const sevCell = document.createElement('td');
    sevCell.appendChild(text('span', e.severity, 'sev'));
    // The wall clock of arrival, the device's time of the event (UTC as sent; "unknown" before its clock was set), and
    // the boot, which tells an earlier boot's row apart.
    tr.append(text('td', wallClock(e.receivedAt)), text('td', e.timeUtc ?? 'unknown'), sevCell, text('td', e.code), text('td', e.message, 'device-event-message'),
      text('td', e.bootId === running ? e.bootId : `${e.bootId} (earlier boot)`));
    return tr;
  }));
}

/**
 * What stands for a stream value the page has not received: before the device's first stream message of its boot (the
 * page opened after the retained status, config and module states, before the next interval), "waiting for the next
 * telemetry" while the device is online and not stale; "none received" once none can be expected (offline, stale, no
 * broker). Never a value that reads as "nothing happened" (no pulses, no event) or a bare "?".
 */
function notReceived(d, st) {
  return d.status === 'online' && !st.stale ? 'waiting for the next telemetry' : 'none received';
}

/**
 * A held module's latch when the page has no event of it: the retained telemetry/modules message names the diagnosis, and
 * the event that told it is not retained. Held before the page opened (the first state the page has of it is the hold), or
 * its event lost on the way. Null for a module not held or without a cause.
 */
function heldLatch(m) {
  if (m.state !== 'hold' || !m.cause) return null;
  const first = m.history.find((h) => h.state !== 'nodata');
  return first && first.state !== 'hold' ? `${m.cause} (fault), its event not received` : `${m.cause} (fault) before the page opened`;
}

function moduleFacts(d, m, st) {
  if (d.lastTMs === null) {
    // Only the retained topics so far: they give the state, stop reason, latch and a stopped module's charge, not the
    // pulses or the events, which the streams carry. A held module's latch did happen: its retained cause says which.
    const pending = notReceived(d, st);
    const capacity = m.totalChargeUc === null ? pending : `${fixed(m.totalChargeUc / 3.6e6 / d.config.protocol.electrodeAreaCm2, 3)} mAh/cm2`;
    const last = m.state === 'hold' && m.cause ? `${m.cause} (fault) before the page opened` : pending;
    return { current: pending, currentTitle: '', capacity, rest: pending, pulses: pending, last };
  }
  const area = d.config.protocol.electrodeAreaCm2;
  // A stopped module sends no pulse summary until it runs again: what the page has none of (it stopped before the page
  // opened) is not coming, so it says so rather than a dash that waits.
  const none = m.state === 'pulse' || m.state === 'rest' ? '–' : 'none received';
  const current = m.pulseCurrentUa === null ? none : pulseCurrent(m, area);
  const currentTitle = m.pulseCurrentUa === null ? '' : pulseCurrentTitle(m);
  const capacity = m.totalChargeUc === null ? none : `${fixed(m.totalChargeUc / 3.6e6 / area, 3)} mAh/cm2`;
  // The rest a summary chose follows its pulse only while the module runs: a stop, a hold or a reset to idle in that rest
  // ends it, and the module rests no more until it starts again.
  const stopped = m.reported && (m.state === 'idle' || m.state === 'hold' || m.state === 'done');
  const rest = m.tunedRestMs === null ? none : m.tunedRestMs === 0 || stopped ? 'none follows' : `${fixed(m.tunedRestMs / 1000, 2)} s`;
  const last = m.lastEvent ? `${m.lastEvent.kind} (${m.lastEvent.severity}) at ${deviceTime(m.lastEvent.tMs)}` : heldLatch(m) ?? 'none';
  // The run's count from the latest pulse summary: unknown (not 0) on a page that saw none of a module that ran.
  const pulses = m.pulses === null ? none : String(m.pulses);
  return { current, currentTitle, capacity, rest, pulses, last };
}

/**
 * The last pulse's current as it flowed: its measured mean (charge over duration), with the setpoint it was driven at
 * beside it when the two differ by more than the mean's resolution, one microcoulomb over the pulse (the device sends
 * the charge in whole uC, each pulse's within 1 uC of its own as the step of the rounded running total), so a weak
 * current stage or a calibration error shows (385 uA set, 379 uA carried: `0.98 mA/cm2 (set 1.00)` on 0.3848 cm2).
 * Both then carry the decimals that tell them apart. Within that resolution the pulse carried its setpoint as far as
 * the message can tell, and the setpoint's figure is shown: the mean's own would show the rounding (a 250 ms pulse's
 * 1 uC is 4 uA, `1.01` for a pulse set at 1.00). A pulse without a duration (0 ms) has no mean: its setpoint alone,
 * named so.
 */
function pulseCurrent(m, area) {
  const set = m.pulseCurrentUa / 1000 / area;
  if (m.pulseMeanUa === null) return `${fixed(set, 2)} mA/cm2 (setpoint: a 0 ms pulse has no mean)`;
  const mean = m.pulseMeanUa / 1000 / area;
  if (Math.abs(m.pulseMeanUa - m.pulseCurrentUa) <= 1000 / m.pulseDurationMs) return `${fixed(set, 2)} mA/cm2`;
  let digits = 2;
  while (digits < 6 && fixed(mean, digits) === fixed(set, digits)) digits++;
  return `${fixed(mean, digits)} mA/cm2 (set ${fixed(set, digits)})`;
}

/** The last pulse's current in the device's units, for the tooltip: what the mean is made of, and the setpoint. */
function pulseCurrentTitle(m) {
  const set = `setpoint ${m.pulseCurrentUa} µA`;
  if (m.pulseMeanUa === null) return `${set}; a 0 ms pulse has no measured mean`;
  return `measured mean ${fixed(m.pulseMeanUa, 1)} µA (${m.pulseChargeUc} µC over ${m.pulseDurationMs} ms), ${set}`;
}

const MODULE_ROWS_PERIOD_MS = 250;
let moduleRenderAt = 0;
let moduleRowsTimer = null;
let moduleRowsFor = null; // the device and module count the compact table's rows were made for
function renderModules(d, st) {
  const section = $('modules');
  const compact = compactShown(d);
  section.hidden = compact;
  $('module-table-card').hidden = !compact;
  if (compact) {
    renderModuleRows(d, st);
    return;
  }
  section.dataset.device = d.id;
  while (section.children.length > d.modules.length) section.lastChild.remove();
  while (section.children.length < d.modules.length) {
    const i = section.children.length;
    const card = document.createElement('div');
    card.className = 'card module';
    const head = document.createElement('div');
    head.className = 'module-head';
    const title = text('strong', `Module ${i}`);
    title.style.color = moduleColor(i);
    head.append(title, text('span', '', 'state'));
    const canvas = document.createElement('canvas');
    canvas.className = 'timeline';
    canvas.height = 18;
    const facts = document.createElement('div');
    facts.className = 'module-facts';
    for (const k of ['current', 'capacity', 'rest', 'pulses', 'reason', 'last']) facts.appendChild(text('span', '', k));
    card.append(head, canvas, facts);
    // A button to the keyboard as to the mouse: reached with Tab, charted with Enter or Space, as a click does.
    card.tabIndex = 0;
    card.setAttribute('role', 'button');
    card.setAttribute('aria-label', `Module ${i}: chart it`);
    card.onclick = () => chartModule(i);
    card.onkeydown = (e) => {
      if (e.key !== 'Enter' && e.key !== ' ') return;
      e.preventDefault(); // Space would scroll the page
      chartModule(i);
    };
    section.appendChild(card);
  }
  const xs = d.cells.x.length ? d.cells.x : d.pulses.x;
  const t1 = d.lastTMs ?? 0;
  const t0 = xs.length ? Math.min(xs[0] * 1000, t1) : 0;
  d.modules.forEach((m, i) => {
    const card = section.children[i];
    const f = moduleFacts(d, m, st);
    const badge = card.querySelector('.state');
    badge.textContent = shownState(d, st, m);
    badge.dataset.state = m.state;
    badge.style.background = shownColor(d, st, m);
    card.dataset.state = m.state;
    card.dataset.changes = String(m.history.length);
    card.setAttribute('aria-pressed', String(i === focusModule));
    // The current the last pulse carried: in a rest or a hold nothing flows, so it is not called the current.
    const current = card.querySelector('.current');
    current.textContent = `last pulse ${f.current}`;
    current.title = f.currentTitle;
    card.querySelector('.capacity').textContent = `delivered ${f.capacity}`;
    card.querySelector('.rest').textContent = `tuned rest ${f.rest}`;
    card.querySelector('.pulses').textContent = f.pulses === '1' ? '1 pulse' : /^[0-9–]/.test(f.pulses) ? `${f.pulses} pulses` : `pulses: ${f.pulses}`;
    card.querySelector('.reason').textContent = stopText(m) ? `stop: ${stopText(m)}` : '';
    card.querySelector('.last').textContent = `last event: ${f.last}`;
    drawTimeline(card.querySelector('canvas'), m.history, t0, t1);
  });
}

/**
 * The compact view's table: one row per module, refreshed at most every MODULE_ROWS_PERIOD_MS. The rows are made once per
 * device and module count and then updated in place, so the row the keyboard is on keeps the focus while the pack streams;
 * rows made anew for the same device (a config with another module count) give the focus back to the same module's row.
 */
function renderModuleRows(d, st) {
  const body = $('module-table').tBodies[0];
  const key = d.id + ':' + d.modules.length;
  if (moduleRowsFor !== key) {
    const active = document.activeElement;
    const keep = active && active.parentNode === body && moduleRowsFor && moduleRowsFor.startsWith(d.id + ':') ? Number(active.dataset.module) : -1;
    body.replaceChildren(...d.modules.map((m, i) => moduleRow(i)));
    moduleRowsFor = key;
    if (keep >= 0 && keep < body.rows.length) body.rows[keep].focus();
  } else if (performance.now() - moduleRenderAt < MODULE_ROWS_PERIOD_MS) {
    // One deferred refresh, so the newest states show within the period even when no further message comes.
    if (moduleRowsTimer === null) {
      moduleRowsTimer = setTimeout(() => {
        moduleRowsTimer = null;
        requestFrame();
      }, MODULE_ROWS_PERIOD_MS - (performance.now() - moduleRenderAt));
    }
    return;
  }
  moduleRenderAt = performance.now();
  d.modules.forEach((m, i) => {
    const tr = body.rows[i];
    const f = moduleFacts(d, m, st);
    const state = shownState(d, st, m);
    tr.dataset.state = m.state;
    const badge = tr.cells[1].firstChild;
    badge.textContent = state;
    badge.style.background = shownColor(d, st, m);
    const values = [f.current, f.capacity, f.rest, f.pulses, stopText(m), f.last];
    for (let c = 0; c < values.length; c++) tr.cells[c + 2].textContent = values[c];
    tr.cells[2].title = f.currentTitle;
    // Named for a screen reader by module and the state it shows; the charted module's row is the current one.
    tr.setAttribute('aria-label', `Module ${i}, ${state}: chart it`);
    tr.setAttribute('aria-current', String(i === focusModule));
  });
}

/** A compact-table row for module i, a button to the keyboard as to the mouse: Tab reaches it, Enter or Space charts it. */
function moduleRow(i) {
  const tr = document.createElement('tr');
  tr.dataset.module = String(i);
  tr.tabIndex = 0;
  const cells = [text('td', i), document.createElement('td')];
  cells[1].appendChild(text('span', '', 'state'));
  for (let c = 0; c < 6; c++) cells.push(document.createElement('td'));
  tr.append(...cells);
  tr.onclick = () => chartModule(i);
  tr.onkeydown = (e) => {
    if (e.key !== 'Enter' && e.key !== ' ') return;
    e.preventDefault(); // Space would scroll the table
    chartModule(i);
  };
  return tr;
}

/** Puts module i in focus: the charts show it (a pack of more than 16 lines charts the focused module alone). */
function chartModule(i) {
  focusModule = i;
  moduleRenderAt = 0; // the compact table marks the charted row now, not at its next refresh
  destroyAll(true);
  render();
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
    if (history[i].state === 'nodata') {
      // Unknown: hatched, never the neighbouring state.
      ctx.fillStyle = '#f1f5f9';
      ctx.fillRect(x0, 0, Math.max(1, x1 - x0), canvas.height);
      ctx.strokeStyle = '#94a3b8';
      for (let x = x0 - canvas.height; x < x1; x += 5) {
        ctx.beginPath(); ctx.moveTo(Math.max(x0, x), canvas.height); ctx.lineTo(Math.min(x1, x + canvas.height), 0); ctx.stroke();
      }
      continue;
    }
    ctx.fillStyle = STATE_COLORS[history[i].state] || STATE_COLORS.unknown;
    ctx.fillRect(x0, 0, Math.max(1, x1 - x0), canvas.height);
  }
}

function compactShown(d) {
  const choice = compactChoices.get(d.id);
  return choice === undefined ? d.config.modules >= COMPACT_FROM_MODULES : choice;
}

const compactEls = { strip: $('state-strip'), heat: $('heat-map'), scale: $('heat-scale'), counts: $('state-counts') };
function renderCompact(d, st) {
  const shown = compactShown(d);
  $('compact').hidden = !shown;
  $('compact-toggle').hidden = false;
  $('compact-toggle').textContent = shown ? 'hide compact view' : 'compact view';
  if (!shown) {
    lastCompact = null;
    return;
  }
  lastCompact = drawCompact(d, compactEls, { stale: st.stale, offline: d.status === 'offline', why: st.why });
}

for (const canvas of [compactEls.strip, compactEls.heat]) {
  canvas.addEventListener('mousemove', (e) => {
    const d = selected && store.devices.get(selected);
    const hit = d && hitTest(d, compactEls, canvas, e.offsetX, e.offsetY, lastCompact);
    $('compact-hover').textContent = hit ? hit.text : '';
  });
  canvas.addEventListener('click', (e) => {
    const d = selected && store.devices.get(selected);
    const hit = d && hitTest(d, compactEls, canvas, e.offsetX, e.offsetY, lastCompact);
    if (hit) chartModule(hit.module);
  });
}

/**
 * Each chart's caption says "simulated" while the device charted is the simulator (its health message carries a
 * `provenance`, the sentence that says so, which the label's tooltip repeats), as edge-sim's own plots and reports do:
 * simulated cells, not a bench measurement. A device that sent no health yet, or a real device, gets no label.
 */
function labelProvenance(d) {
  const provenance = d.health && typeof d.health.msg.provenance === 'string' ? d.health.msg.provenance : null;
  for (const caption of document.querySelectorAll('.charts figcaption')) {
    let label = caption.querySelector('.provenance');
    if (!label) {
      label = text('span', 'simulated', 'provenance');
      caption.insertBefore(label, caption.firstChild);
    }
    label.hidden = provenance === null;
    label.title = provenance ?? '';
  }
}

const CHART_PERIOD_MS = 400;
let chartsDrawnAt = 0;
let chartsTimer = null;
let chartsDrawnFor = null;
function renderCharts(d) {
  // Charts redraw at most 2.5 times a second: while data stream in, the frames go to the messages and the controls.
  const now = performance.now();
  if (now - chartsDrawnAt < CHART_PERIOD_MS && chartsDrawnFor === d.id + ':' + focusModule) {
    // One deferred redraw, not a frame per frame: idle pages stay idle.
    if (chartsTimer === null) {
      chartsTimer = setTimeout(() => {
        chartsTimer = null;
        requestFrame();
      }, CHART_PERIOD_MS - (now - chartsDrawnAt));
    }
    return;
  }
  chartsDrawnAt = now;
  chartsDrawnFor = d.id + ':' + focusModule;
  labelProvenance(d);
  const cfg = d.config;
  const cpm = cfg.cellsPerModule;
  const sel = selection(d, focusModule);
  $('selection-note').textContent = sel.note;
  const cellColumns = sel.cells.map((c) => {
    const m = Math.floor(c / cpm);
    return { col: c * 3, band: [c * 3 + 1, c * 3 + 2], label: `M${m} C${c % cpm}`, color: cellColor(m, c % cpm, cpm) };
  });
  draw({ name: 'cells', el: $('chart-cells'), table: d.cells, columns: cellColumns, unit: 'mV' }, d);
  const moduleColumns = (offset) => sel.modules.map((m) => ({ col: m * 3 + offset, label: `module ${m}`, color: moduleColor(m), points: true }));
  // Each pulse's measured mean (store.js), not the setpoint it was driven at: the axis says which.
  draw({ name: 'current', el: $('chart-current'), table: d.pulses, columns: moduleColumns(0), unit: 'mA/cm2, measured pulse mean' }, d);
  draw({ name: 'capacity', el: $('chart-capacity'), table: d.pulses, columns: moduleColumns(1), unit: 'mAh/cm2' }, d);
  draw({ name: 'rest', el: $('chart-rest'), table: d.pulses, columns: moduleColumns(2), unit: 's' }, d);
  const over = sel.cells.map((c) => {
    const m = Math.floor(c / cpm);
    return { col: cfg.modules * 3 + c, label: `M${m} C${c % cpm}`, color: cellColor(m, c % cpm, cpm), points: true };
  });
  draw({ name: 'overpotential', el: $('chart-overpotential'), table: d.pulses, columns: over, unit: 'mV' }, d);
  const legend = $('chart-legend');
  // A cell without a valid reading in its latest message is named so, greyed, with the channel fault that says why when
  // the page has its event: its line breaks there (store.js), and no number stands for it.
  const entries = sel.cells.map((c, i) => {
    if (!cellInvalid(d, c)) return { label: cellColumns[i].label, color: cellColumns[i].color, invalid: false };
    const reason = invalidReason(d, c);
    return { label: `${cellColumns[i].label}: no valid reading${reason ? ` (${reason})` : ''}`, color: cellColumns[i].color, invalid: true };
  });
  // Keyed by the names, not the cells' numbers: another layout names the same pack cells differently (a reflash).
  const legendKey = d.id + ':' + entries.map((e) => e.label).join(',');
  if (legend.dataset.key !== legendKey) {
    legend.dataset.key = legendKey;
    legend.replaceChildren(...entries.map((e) => {
      const s = text('span', e.label, e.invalid ? 'invalid' : undefined);
      const sw = text('i', '');
      sw.style.background = e.color;
      s.prepend(sw);
      return s;
    }));
  }
}

let renderedEvents = null;
function renderEvents(d) {
  $('event-count').textContent = `${d.eventCount} received`;
  const key = d.id + ':' + d.eventCount;
  if (renderedEvents === key) return;
  renderedEvents = key;
  const cpm = d.config.cellsPerModule;
  $('events').tBodies[0].replaceChildren(...d.events.map((e) => {
    const tr = document.createElement('tr');
    tr.className = 'sev-' + e.severity;
    tr.dataset.kind = e.kind;
    const sev = text('span', e.severity, 'sev');
    sev.style.borderColor = SEVERITY_COLORS[e.severity];
    const sevCell = document.createElement('td');
    sevCell.appendChild(sev);
    // Device time and seq start again at each boot: the boot column tells an earlier boot's row from the running one's.
    const lost = e.lost ? ` (lost: pulse ${e.lost.pulse}, cells ${e.lost.cells}, state ${e.lost.state}, event ${e.lost.event})` : '';
    tr.append(text('td', timeWithWall(e.tMs, e.receivedAt)), sevCell, text('td', e.kind), text('td', e.diagnosis ?? ''),
      text('td', where(e.module, e.cell, cpm)), text('td', eventValue(e) + lost), text('td', e.seq), text('td', e.bootId));
    return tr;
  }));
}

function renderGaps(d) {
  const outages = store.outages.length;
  const losses = d.gaps.filter((g) => g.unnumbered).length;
  const waiting = d.unconfirmed.length;
  $('gap-count').textContent = `${d.gaps.length - losses} seq gaps · ${losses > 0 ? `${losses} record losses · ` : ''}${outages} broker reconnect${outages === 1 ? '' : 's'}`
    + (waiting > 0 ? ` · ${waiting} message${waiting === 1 ? '' : 's'} ahead of the device's clock, not shown until it gets there` : '');
  const rows = store.outages.slice().reverse().map((o) => {
    const tr = document.createElement('tr');
    tr.className = 'outage';
    tr.append(text('td', 'connection'), text('td', '-'), text('td', `${wallClock(o.from)} to ${wallClock(o.to)} (${((o.to - o.from) / 1000).toFixed(1)} s, wall clock)`), text('td', 'broker unreachable'), text('td', 'reconnected'), text('td', ''));
    return tr;
  });
  for (const g of d.gaps) {
    const tr = document.createElement('tr');
    tr.className = g.missing === 0 ? 'recovered' : 'gap';
    tr.dataset.stream = g.stream;
    if (g.unnumbered) {
      // Lost inside the controller before they were numbered (telemetryOverflow): no seq to name, no replay to come.
      tr.append(text('td', 'any stream'), text('td', 'never numbered'), text('td', deviceTime(g.fromTMs)), text('td', g.cause), text('td', `${g.total} ${countUnit(g.total, 'records')} lost`), text('td', g.bootId));
      rows.push(tr);
      continue;
    }
    const status = g.missing === 0 ? 'recovered by replay' : g.missing < g.total ? `${g.missing} of ${g.total} still missing` : `${g.total} missing`;
    tr.append(text('td', g.stream), text('td', g.to > g.from ? `${g.from}–${g.to}` : g.from), text('td', `${deviceTime(g.fromTMs)} – ${deviceTime(g.toTMs)}`), text('td', g.cause), text('td', status), text('td', g.bootId));
    rows.push(tr);
  }
  if (rows.length === 0) {
    const tr = document.createElement('tr');
    const td = text('td', 'no gaps: every seq arrived', 'muted');
    td.colSpan = 6;
    tr.appendChild(td);
    rows.push(tr);
  }
  $('gaps').tBodies[0].replaceChildren(...rows);
}

// ---------------------------------------------------------------- controls, forms, timers, test hook

const controls = createControls({
  module: $('cmd-module'), start: $('cmd-start'), stop: $('cmd-stop'), reset: $('cmd-reset'),
  mode: $('cmd-mode'), setMode: $('cmd-set-mode'), steps: $('cmd-steps'), restMode: $('cmd-rest-mode'),
  repeat: $('cmd-repeat'), startAfter: $('cmd-start-after'), sendProtocol: $('cmd-send-protocol'),
  log: $('cmd-log'), dialog: $('confirm'), confirmText: $('confirm-text'), confirmYes: $('confirm-yes'), confirmNo: $('confirm-no'),
}, publish, () => selected);

const form = $('settings');
form.elements.broker.value = settings.broker;
form.elements.device.value = settings.device;
// A field the form refused says why until it is edited (a refusal left standing would block every later login).
for (const field of [form.elements.broker, form.elements.device]) field.addEventListener('input', () => field.setCustomValidity(''));
form.addEventListener('submit', (e) => {
  e.preventDefault();
  // An address or device the page cannot use is refused before anything changes: the session it has stays.
  const broker = form.elements.broker.value.trim();
  const deviceFilter = form.elements.device.value.trim();
  form.elements.broker.setCustomValidity(brokerProblem(broker) ?? '');
  form.elements.device.setCustomValidity(deviceProblem(deviceFilter) ?? '');
  if (!form.reportValidity()) return;
  // The page keeps following its server's broker while the operator leaves the address as it is.
  settings.served = settings.served && broker === settings.broker;
  settings.broker = broker;
  settings.device = deviceFilter;
  settings.user = form.elements.user.value.trim();
  settings.password = form.elements.password.value;
  form.elements.password.value = '';
  const q = new URLSearchParams();
  for (const k of settings.served ? ['device'] : ['broker', 'device']) if (settings[k]) q.set(k, settings[k]);
  history.replaceState(null, '', '?' + q.toString());
  store.devices.clear();
  store.outages = [];
  store.lostAt = null;
  selected = settings.device || null;
  connection.everConnected = false;
  connection.moved = null;
  destroyAll();
  $('modules').replaceChildren();
  connect();
});

$('compact-toggle').addEventListener('click', () => {
  const d = selected && store.devices.get(selected);
  if (!d || !d.config) return; // nothing shown to switch: the button is hidden without a config
  compactChoices.set(d.id, !compactShown(d));
  render();
});
$('rejected').addEventListener('click', () => {
  $('rejected-panel').hidden = !$('rejected-panel').hidden;
});
addEventListener('resize', () => render());
setInterval(() => requestFrame(), 1000); // staleness and the clock move without messages
whenReleased(() => requestFrame()); // the charts held still while the operator dragged: what came meanwhile

/** Read-only view of the page's state for automated tests and debugging from the console. */
window.edgeDashboard = {
  snapshot() {
    const d = selected ? store.devices.get(selected) : null;
    const st = d ? staleness(d) : { stale: false };
    return {
      connection: connection.state,
      clientId: client ? client.options.clientId : null,
      role: connection.role,
      reconnects: connection.reconnects,
      broker: settings.broker,
      brokerServed: settings.served,
      deviceFilter: settings.device,
      attempts: connection.attempts,
      retryDelayMs: connection.pendingDelayMs,
      moved: connection.moved,
      bootId: d ? d.bootId : null,
      restart: d ? d.restart : null,
      runBanner: $('run-banner').hidden ? null : $('run-banner').textContent,
      outages: store.outages.length,
      rejected: store.rejected.total,
      rejectedReasons: [...store.rejected.byReason.keys()],
      queued: pending.length,
      frames: framesDrawn,
      device: d ? d.id : null,
      focusModule,
      devices: store.devices.size,
      status: d ? d.status : null,
      firmware: d ? d.firmware : null,
      stale: st.stale,
      hasConfig: !!(d && d.config),
      cellRows: d && d.cells ? d.cells.x.length : 0,
      lastTMs: d ? d.lastTMs : null,
      // Rows holding a pulse summary (a module's stop breaks its lines with a row of its own, no summary).
      pulseRows: d && d.pulses ? d.pulses.x.filter((x, r) => d.pulses.cols.some((col) => col[r] !== undefined && col[r] !== null)).length : 0,
      cellsAxis: timeAxis('cells'),
      currentAxis: timeAxis('current'),
      restAxis: timeAxis('rest'),
      compact: lastCompact,
      invalidCells: d && d.config ? [...Array(d.config.modules * d.config.cellsPerModule).keys()].filter((c) => cellInvalid(d, c)) : [],
      legend: [...$('chart-legend').children].map((s) => ({ text: s.textContent, invalid: s.classList.contains('invalid') })),
      modules: d ? d.modules.map((m) => ({
        state: m.state, stopReason: m.stopReason, cause: m.cause, causeCell: m.causeCell, changes: m.history.length, states: [...new Set(m.history.map((h) => h.state))],
        pulseCurrentUa: m.pulseCurrentUa, pulseMeanUa: m.pulseMeanUa, moduleCurrentUa: m.moduleCurrentUa, moduleCurrentInvalid: m.moduleCurrentInvalid, totalChargeUc: m.totalChargeUc, tunedRestMs: m.tunedRestMs,
        lastEvent: m.lastEvent ? m.lastEvent.kind : null,
      })) : [],
      events: d ? d.events.map((e) => e.kind) : [],
      gaps: d ? d.gaps.map((g) => ({ stream: g.stream, from: g.from, to: g.to, missing: g.missing, cause: g.cause })) : [],
      marks: d ? d.marks.map((m) => m.kind) : [],
      unconfirmed: d ? d.unconfirmed.length : 0,
      health: d && d.health ? {
        messages: d.health.count, uptimeMs: d.health.msg.uptime_ms, ticks: d.health.msg.ticks, overruns: d.health.msg.tick_overruns,
        latencyMaxUs: d.health.msg.tick_latency_max_us_since_last ?? null, executionMaxUs: d.health.msg.tick_max_us_since_last ?? null,
        hostExecutionMaxUs: d.health.msg.host_tick_max_us_since_last ?? null, nativeFreeBytes: d.health.msg.native_free_bytes ?? null,
        simulated: typeof d.health.msg.provenance === 'string',
      } : null,
      deviceEvents: d ? d.deviceEvents.map((e) => ({ code: e.code, severity: e.severity, bootId: e.bootId, seq: e.seq, message: e.message, timeUtc: e.timeUtc })) : [],
      deviceEventBanner: $('device-event-banner').hidden ? null : $('device-event-banner').textContent,
      commands: controls.log(),
    };
  },
  /** What a chart plots for one series (by its legend label): device times, values, and the band's ends if it has one. */
  plotted(name, label) {
    return plotted(name, label);
  },
};

/** The first connection: to the broker the page's server names when the address gives none. */
async function start() {
  if (settings.served) {
    const served = await servedBroker();
    // A server that names no broker (a plain static server): the default address stands, and is not asked again.
    if (served.address) settings.broker = served.address;
    else settings.served = false;
    settings.servedDevice = served.device;
    form.elements.broker.value = settings.broker;
  }
  connect();
}

start();
