// The one way pages talk to the Mercato API: same origin, JSON in and out, the session's
// bearer token (refreshed once on a 401), the guest cart token, and problems as ApiProblem.
//
//   const product = await api.get('/products/' + id);
//   await api.post('/orders', body, {headers: {'Idempotency-Key': key}});
//   const response = await api.get('/openapi.yaml', {raw: true});   // a Response, not JSON

import * as session from './session.js';

export const CART_TOKEN_HEADER = 'X-Cart-Token';
const CART_KEY = 'mercato.cartToken';

/** An RFC 9457 problem from the API (or a network failure, status 0). */
export class ApiProblem extends Error {
  constructor(status, body) {
    const problem = body && typeof body === 'object' ? body : {};
    super(problem.detail || problem.title || 'HTTP ' + status);
    this.name = 'ApiProblem';
    this.status = status;
    this.type = problem.type || (status === 0 ? '/problems/network' : 'about:blank');
    this.title = problem.title || '';
    this.detail = problem.detail || '';
    this.errors = Array.isArray(problem.errors) ? problem.errors : [];
    this.requestId = problem.requestId || null;
    this.body = problem;
  }

  /** The slug of the problem type: "validation", "out-of-stock", ... */
  get slug() {
    return this.type.split('/').pop();
  }
}

export function cartToken() {
  return localStorage.getItem(CART_KEY);
}

export function forgetCartToken() {
  localStorage.removeItem(CART_KEY);
}

async function request(method, path, body, opts = {}) {
  const headers = {Accept: 'application/json, application/problem+json', ...(opts.headers || {})};
  let payload = body ?? undefined;
  if (payload !== undefined && !(payload instanceof FormData)) {
    headers['Content-Type'] = 'application/json';
    payload = JSON.stringify(payload);
  }
  return send(method, path, payload, headers, opts, false);
}

async function send(method, path, payload, baseHeaders, opts, retried) {
  const headers = {...baseHeaders};
  const token = opts.auth === false ? null : session.accessToken();
  if (token) headers.Authorization = 'Bearer ' + token;
  const guestCart = cartToken();
  if (guestCart && opts.cart !== false) headers[CART_TOKEN_HEADER] = guestCart;

  let response;
  try {
    response = await fetch(path, {method, headers, body: payload, signal: opts.signal, credentials: 'omit'});
  } catch (e) {
    if (e.name === 'AbortError') throw e;
    throw new ApiProblem(0, {title: 'No connection', detail: 'The server could not be reached.'});
  }

  if (response.status === 401 && token) {
    // An expired or revoked access token: rotate once and try again; a second 401 ends the session.
    if (!retried && (await session.refresh())) return send(method, path, payload, baseHeaders, opts, true);
    await session.signOut();
  }

  const handed = response.headers.get(CART_TOKEN_HEADER);
  if (handed) {
    localStorage.setItem(CART_KEY, handed);
  } else if (token && guestCart && response.ok && path.startsWith('/cart')) {
    // A cart call carrying both tokens merged the guest cart into the customer's: it is gone.
    forgetCartToken();
  }

  if (!response.ok) {
    let problem = null;
    try {
      problem = await response.json();
    } catch {
      problem = {title: response.statusText};
    }
    throw new ApiProblem(response.status, problem);
  }
  if (opts.raw) return response;
  if (response.status === 204) return null;
  const text = await response.text();
  return text ? JSON.parse(text) : null;
}

/** A query string from an object, leaving out empty values; arrays repeat the key. */
export function query(params) {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params || {})) {
    if (value === null || value === undefined || value === '') continue;
    for (const one of [].concat(value)) search.append(key, one);
  }
  const text = search.toString();
  return text ? '?' + text : '';
}

export const api = {
  get: (path, opts) => request('GET', path, undefined, opts),
  post: (path, body, opts) => request('POST', path, body ?? {}, opts),
  put: (path, body, opts) => request('PUT', path, body ?? {}, opts),
  patch: (path, body, opts) => request('PATCH', path, body ?? {}, opts),
  del: (path, opts) => request('DELETE', path, opts?.body, opts),
};

/** A fresh Idempotency-Key for one user action (kept by the caller across retries of that action). */
export function idempotencyKey() {
  return crypto.randomUUID ? crypto.randomUUID() : String(Date.now()) + Math.random().toString(16).slice(2);
}

export default api;
