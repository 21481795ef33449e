// Server-sent events over fetch streaming, since EventSource cannot send the bearer token.
// Reconnects with backoff (1 s doubling to 30 s, with jitter) and a fresh token each time;
// `onOpen` runs on every (re)connection so the page can list what it missed meanwhile.
//
//   const stream = live('/notifications/stream', {
//     onEvent: (type, data) => ..., onOpen: () => reload(), onState: (state) => ...});
//   stream.close();

import * as session from './session.js';

const MIN_DELAY = 1000;
const MAX_DELAY = 30000;

/** Parses one SSE block ("event: x\ndata: {...}") into {type, data}; comments give null. */
export function parseEvent(block) {
  let type = 'message';
  const data = [];
  for (const line of block.split('\n')) {
    if (!line || line.startsWith(':')) continue;
    const colon = line.indexOf(':');
    const field = colon < 0 ? line : line.slice(0, colon);
    const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
    if (field === 'event') type = value;
    else if (field === 'data') data.push(value);
  }
  if (!data.length) return null;
  const text = data.join('\n');
  try {
    return {type, data: JSON.parse(text)};
  } catch {
    return {type, data: text};
  }
}

export function live(path, {onEvent = () => {}, onOpen = () => {}, onState = () => {}} = {}) {
  let closed = false;
  let controller = null;
  let delay = MIN_DELAY;
  let timer = null;
  let generation = 0; // a newer connect() supersedes an older one still unwinding

  async function connect() {
    if (closed) return;
    const mine = ++generation;
    const token = await session.freshToken(60);
    if (mine !== generation) return;
    if (!token) {
      onState('signed-out');
      return; // nobody to stream for; session.onChange below reconnects after a sign-in
    }
    controller = new AbortController();
    onState('connecting');
    try {
      const response = await fetch(path, {
        headers: {Authorization: 'Bearer ' + token, Accept: 'text/event-stream'},
        signal: controller.signal,
        cache: 'no-store',
      });
      if (response.status === 401) {
        await session.refresh();
        throw new Error('unauthenticated');
      }
      if (!response.ok || !response.body) throw new Error('HTTP ' + response.status);
      delay = MIN_DELAY;
      onState('open');
      onOpen();
      const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
      let buffer = '';
      for (;;) {
        const {value, done} = await reader.read();
        if (done) break;
        buffer += value.replace(/\r\n?/g, '\n');
        let end;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const event = parseEvent(buffer.slice(0, end));
          buffer = buffer.slice(end + 2);
          if (event) onEvent(event.type, event.data);
        }
      }
    } catch {
      // aborted, refused or cut off: decided below
    }
    if (closed || mine !== generation) return;
    // The stream ended (token expired, server restart, network): come back later, fresh token.
    onState('waiting');
    const wait = delay + Math.random() * delay * 0.3;
    delay = Math.min(delay * 2, MAX_DELAY);
    timer = setTimeout(connect, wait);
  }

  // A sign-in, sign-out or another account restarts the stream; a token refresh does not
  // (the open stream lives on until its token expires, then reconnects with the new one).
  let subject = session.principal()?.sub || null;
  const unsubscribe = session.onChange((who) => {
    if ((who?.sub || null) === subject) return;
    subject = who?.sub || null;
    controller?.abort();
    clearTimeout(timer);
    delay = MIN_DELAY;
    if (who && !closed) connect();
  });
  connect();

  return {
    close() {
      closed = true;
      unsubscribe();
      clearTimeout(timer);
      controller?.abort();
      onState('closed');
    },
  };
}
