// The signed-in session: tokens in localStorage (so every tab shares one session), the
// principal read from the access token, sign in/out and the one-use refresh rotation.
// Auth calls use fetch directly (api.js builds on this module, not the other way round).

const KEY = 'mercato.session';
const listeners = new Set();
let refreshing = null;

function read() {
  try {
    return JSON.parse(localStorage.getItem(KEY)) || null;
  } catch {
    return null;
  }
}

function write(grant) {
  const before = read()?.accessToken;
  if (grant) {
    localStorage.setItem(KEY, JSON.stringify({
      accessToken: grant.accessToken,
      refreshToken: grant.refreshToken,
      expiresAt: Date.now() + (grant.expiresIn || 900) * 1000,
    }));
  } else {
    localStorage.removeItem(KEY);
  }
  if (before !== read()?.accessToken) notify();
}

function notify() {
  const who = principal();
  for (const fn of listeners) {
    try {
      fn(who);
    } catch (e) {
      console.error(e);
    }
  }
}

// Another tab signed in, out or refreshed.
window.addEventListener('storage', (event) => {
  if (event.key === KEY || event.key === null) notify();
});

/** The claims of a JWT's payload (not verified here: the server does that on every call). */
export function claims(token) {
  try {
    const part = token.split('.')[1].replace(/-/g, '+').replace(/_/g, '/');
    const json = decodeURIComponent(atob(part).split('').map((c) => '%' + c.charCodeAt(0).toString(16).padStart(2, '0')).join(''));
    return JSON.parse(json);
  } catch {
    return null;
  }
}

/** Who is signed in: {sub, typ, roles, email, emailVerified, exp}, or null. */
export function principal() {
  const token = read()?.accessToken;
  const c = token && claims(token);
  if (!c) return null;
  return {
    sub: c.sub,
    typ: c.typ,
    roles: c.roles || [],
    email: c.email || null,
    emailVerified: Boolean(c.email_verified),
    exp: c.exp,
  };
}

export function accessToken() {
  return read()?.accessToken || null;
}

export function signedIn() {
  return Boolean(read());
}

/** Calls `fn(principal)` whenever the session changes, in this tab or another; returns an unsubscribe. */
export function onChange(fn) {
  listeners.add(fn);
  return () => listeners.delete(fn);
}

async function post(path, body, token) {
  const headers = {'Content-Type': 'application/json', Accept: 'application/json'};
  if (token) headers.Authorization = 'Bearer ' + token;
  const response = await fetch(path, {method: 'POST', headers, body: body ? JSON.stringify(body) : undefined});
  const text = await response.text();
  const data = text ? JSON.parse(text) : null;
  return {ok: response.ok, status: response.status, data};
}

/** Signs in; resolves to the principal, or rejects with the server's problem (as api.js's ApiProblem). */
export async function signIn(email, password) {
  const {ok, status, data} = await post('/auth/login', {email, password});
  if (!ok) {
    const {ApiProblem} = await import('./api.js');
    throw new ApiProblem(status, data);
  }
  write(data);
  return principal();
}

/** Takes a grant the caller already holds (a password reset does not sign in; registration may). */
export function adopt(grant) {
  write(grant);
}

/** Ends the session on the server (denies the token) and here, whatever the server says. */
export async function signOut() {
  const token = accessToken();
  write(null);
  if (token) {
    try {
      await post('/auth/logout', null, token);
    } catch {
      // offline: the access token expires on its own
    }
  }
}

/**
 * Rotates the refresh token once, shared by every caller in this tab and serialised across
 * tabs (a refresh token works once: two tabs presenting it would end the session).
 * Resolves true when a fresh access token is in place.
 */
export function refresh() {
  if (!refreshing) {
    const stale = read();
    const run = async () => {
      const now = read();
      if (!now) return false;
      if (stale && now.accessToken !== stale.accessToken) return true; // another tab already rotated
      const {ok, data} = await post('/auth/refresh-token', {refreshToken: now.refreshToken}).catch(() => ({ok: false}));
      if (!ok) {
        write(null);
        return false;
      }
      write(data);
      return true;
    };
    const locked = navigator.locks ? navigator.locks.request('mercato.refresh', run) : run();
    refreshing = locked.finally(() => {
      refreshing = null;
    });
  }
  return refreshing;
}

/** An access token valid for at least another `marginSeconds` (refreshing first), or null when signed out. */
export async function freshToken(marginSeconds = 30) {
  const now = read();
  if (!now) return null;
  if (now.expiresAt - Date.now() > marginSeconds * 1000) return now.accessToken;
  return (await refresh()) ? accessToken() : null;
}
