// Server-sent events over fetch streaming, since EventSource cannot send the bearer token.
// Reconnects with backoff (1 s doubling to 30 s, with jitter) and a fresh token each time;
// `onOpen` runs on every (re)connection so the page can list what it missed meanwhile.
//
// The tabs of one browser share one stream: a browser opens at most six connections to a
// host over HTTP/1.1, so a stream per tab (or per page kept in the back-forward cache)
// would leave no connection for the pages themselves. The tab holding the Web Lock named
// for the path reads the stream and hands every event to the others on a BroadcastChannel;
// when it closes, another tab takes the lock and reconnects. A hidden page (pagehide)
// lets go of both.
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

/** Reads the stream itself (the tab that leads), calling `emit` for what happens, until stopped. */
function reader(path, emit) {
  let stopped = false;
  let controller = null;
  let delay = MIN_DELAY;
  let timer = null;
  let generation = 0; // a newer connect() supersedes an older one still unwinding

  async function connect() {
    if (stopped) return;
    const mine = ++generation;
    const token = await session.freshToken(60);
    if (mine !== generation || stopped) return;
    if (!token) {
      emit({kind: 'state', state: 'signed-out'});
      return; // nobody to stream for; restart() follows a sign-in
    }
    controller = new AbortController();
    emit({kind: 'state', state: 'connecting'});
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
      emit({kind: 'state', state: 'open'});
      emit({kind: 'open'});
      const stream = response.body.pipeThrough(new TextDecoderStream()).getReader();
      let buffer = '';
      for (;;) {
        const {value, done} = await stream.read();
        if (done) break;
        buffer += value.replace(/\r\n?/g, '\n');
        let end;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const event = parseEvent(buffer.slice(0, end));
          buffer = buffer.slice(end + 2);
          if (event) emit({kind: 'event', type: event.type, data: event.data});
        }
      }
    } catch {
      // aborted, refused or cut off: decided below
    }
    if (stopped || mine !== generation) return;
    // The stream ended (token expired, server restart, network): come back later, fresh token.
    emit({kind: 'state', state: 'waiting'});
    const wait = delay + Math.random() * delay * 0.3;
    delay = Math.min(delay * 2, MAX_DELAY);
    timer = setTimeout(connect, wait);
  }

  connect();
  return {
    /** Another account (or a sign-in): drop the stream and open one for whoever is signed in now. */
    restart() {
      generation++;
      controller?.abort();
      clearTimeout(timer);
      delay = MIN_DELAY;
      connect();
    },
    stop() {
      stopped = true;
      generation++;
      clearTimeout(timer);
      controller?.abort();
    },
  };
}

export function live(path, {onEvent = () => {}, onOpen = () => {}, onState = () => {}} = {}) {
  const shared = typeof BroadcastChannel === 'function' && navigator.locks;
  const channel = shared ? new BroadcastChannel('mercato.live ' + path) : null;
  let closed = false;
  let leading = null; // the reader, while this tab holds the lock
  let hold = null; // this tab's current claim on the lock: {release}
  let state = 'connecting';
  let subject = session.principal()?.sub || null;

  const deliver = (message) => {
    if (message.sub !== subject) return; // from before a change of account
    if (message.kind === 'state') {
      state = message.state;
      onState(message.state);
    } else if (message.kind === 'open' || (message.kind === 'welcome' && state !== 'open')) {
      if (message.kind === 'welcome') {
        state = 'open';
        onState('open');
      }
      onOpen();
    } else if (message.kind === 'event') {
      onEvent(message.type, message.data);
    }
  };
  const emit = (message) => {
    const stamped = {...message, sub: subject};
    deliver(stamped);
    channel?.postMessage(stamped);
  };

  if (channel) {
    channel.onmessage = ({data}) => {
      if (closed) return;
      if (data.kind === 'hello') {
        // A tab that just joined asks whether the stream is open; the leader answers.
        if (leading && state === 'open') channel.postMessage({kind: 'welcome', sub: subject});
      } else if (!leading) {
        deliver(data);
      }
    };
  }

  function lead() {
    if (closed || leading || hold) return;
    if (!channel) {
      leading = reader(path, emit);
      return;
    }
    const mine = {};
    const released = new Promise((resolve) => {
      mine.release = resolve;
    });
    hold = mine;
    navigator.locks.request('mercato.live ' + path, async () => {
      if (closed || hold !== mine) return; // let go of before it was granted
      leading = reader(path, emit);
      await released; // held until this page closes the stream or is hidden
    }).catch(() => {});
    channel.postMessage({kind: 'hello'});
  }

  function follow() {
    leading?.stop();
    leading = null;
    hold?.release();
    hold = null;
  }

  // A sign-in, sign-out or another account restarts the stream; a token refresh does not
  // (the open stream lives on until its token expires, then reconnects with the new one).
  const unsubscribe = session.onChange((who) => {
    if ((who?.sub || null) === subject) return;
    subject = who?.sub || null;
    state = 'connecting';
    leading?.restart();
  });
  const hide = () => follow();
  const show = (event) => {
    if (event.persisted) lead();
  };
  window.addEventListener('pagehide', hide);
  window.addEventListener('pageshow', show);
  lead();

  return {
    close() {
      closed = true;
      unsubscribe();
      window.removeEventListener('pagehide', hide);
      window.removeEventListener('pageshow', show);
      follow();
      channel?.close();
      onState('closed');
    },
  };
}
