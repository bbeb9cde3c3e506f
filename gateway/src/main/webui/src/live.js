// The live feed (GET /api/v1/live, Server-Sent Events). EventSource cannot send an Authorization header, so the
// stream is read with fetch; one connection serves the whole app and pages subscribe to the events they need.
import { currentSession, refreshSession, onSessionChange } from './api.js';

const subscribers = new Set();
const stateListeners = new Set();
let state = 'off';
let controller = null;
let running = false;

function setState(next) {
  state = next;
  stateListeners.forEach((l) => l(next));
}

export function liveState() {
  return state;
}

export function onLiveState(listener) {
  stateListeners.add(listener);
  return () => stateListeners.delete(listener);
}

/** Subscribes to live events; `filter(event)` picks the ones wanted. Returns the unsubscribe function. */
export function subscribe(handler, filter = () => true) {
  const sub = { handler, filter };
  subscribers.add(sub);
  return () => subscribers.delete(sub);
}

function dispatch(event) {
  subscribers.forEach((s) => {
    if (s.filter(event)) {
      try {
        s.handler(event);
      } catch (e) {
        console.error('live handler failed', e);
      }
    }
  });
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

async function readStream(res) {
  const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return;
    buffer += value.replace(/\r/g, '');
    let end;
    while ((end = buffer.indexOf('\n\n')) >= 0) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      const data = block.split('\n').filter((l) => l.startsWith('data:')).map((l) => l.slice(5).trimStart()).join('\n');
      if (data) {
        try {
          dispatch(JSON.parse(data));
        } catch {
          // a malformed event is skipped, the stream goes on
        }
      }
    }
  }
}

async function loop() {
  let backoff = 1000;
  while (running) {
    const s = currentSession();
    if (!s) return;
    controller = new AbortController();
    try {
      setState(state === 'live' ? 'reconnecting' : 'connecting');
      const res = await fetch('/api/v1/live', {
        headers: { Authorization: `Bearer ${s.accessToken}`, Accept: 'text/event-stream' },
        signal: controller.signal,
      });
      if (res.status === 401) {
        await refreshSession();
        continue;
      }
      if (!res.ok) throw new Error(`live feed answered ${res.status}`);
      setState('live');
      backoff = 1000;
      await readStream(res);
    } catch {
      if (!running) return;
    }
    if (!running) return;
    setState('reconnecting');
    await sleep(backoff);
    backoff = Math.min(backoff * 2, 15_000);
  }
}

export function startLive() {
  if (running) return;
  running = true;
  loop().finally(() => {
    if (!running) setState('off');
  });
}

export function stopLive() {
  running = false;
  controller?.abort();
  setState('off');
}

// a new token (refresh) is picked up at the next reconnect; logging out closes the stream
onSessionChange((s) => {
  if (!s) stopLive();
});
