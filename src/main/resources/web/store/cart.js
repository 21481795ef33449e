// The cart as the pages use it: adding (with the affiliate code the visitor came with),
// the count in the header, and the merge of a guest cart into the customer's at sign-in.

import {api, cartToken} from '/shared/api.js';
import * as session from '/shared/session.js';

const REF_KEY = 'mercato.ref';
const listeners = new Set();

/** Keeps `?ref=CODE` from any page: the last code seen wins (as the cart does). */
export function rememberReferral(url = new URL(location.href)) {
  const code = url.searchParams.get('ref');
  if (!code || !/^[A-Za-z0-9_-]{1,64}$/.test(code)) return null;
  localStorage.setItem(REF_KEY, code);
  // The visit counts as the programme's click (204 whatever the code: it reveals nothing).
  if (/^[A-Za-z0-9_-]{4,32}$/.test(code)) {
    api.post('/affiliate-clicks', {referralCode: code}, {auth: false, cart: false}).catch(() => {});
  }
  url.searchParams.delete('ref');
  history.replaceState(history.state, '', url.pathname + url.search + url.hash);
  return code;
}

export function referralCode() {
  return localStorage.getItem(REF_KEY);
}

/** Whether there is a cart to read: a guest token or a signed-in customer. */
export function hasCart() {
  return Boolean(cartToken()) || session.principal()?.typ === 'customer';
}

export async function read(opts) {
  if (!hasCart()) return null;
  const cart = await api.get('/cart', opts);
  changed(cart);
  return cart;
}

export async function add(productId, quantity = 1) {
  const body = {productId, quantity};
  const code = referralCode();
  if (code) body.referralCode = code;
  const cart = await api.post('/cart/add', body);
  changed(cart);
  return cart;
}

export async function setQuantity(productId, quantity) {
  const cart = await api.put('/cart/update', {productId, quantity});
  changed(cart);
  return cart;
}

export async function remove(productId) {
  const cart = await api.del('/cart/remove?productId=' + encodeURIComponent(productId));
  changed(cart);
  return cart;
}

/**
 * After sign-in: one cart read with both tokens merges the guest cart into the customer's
 * (the server does it once; api.js then forgets the guest token).
 */
export async function mergeAfterSignIn() {
  if (session.principal()?.typ !== 'customer') return null;
  return read();
}

/** The number of units in a cart answer. */
export function units(cart) {
  if (!cart) return 0;
  if (typeof cart.units === 'number') return cart.units;
  return (cart.lines || []).reduce((sum, line) => sum + (line.quantity || 0), 0);
}

function changed(cart) {
  if (!cart || typeof cart !== 'object' || !('lines' in cart)) return;
  for (const fn of listeners) fn(cart);
}

/** Calls `fn(cart)` whenever a cart answer arrives. */
export function onChange(fn) {
  listeners.add(fn);
  return () => listeners.delete(fn);
}
