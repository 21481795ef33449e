// The storefront's frame around every page: the account links, the cart count, the
// notification bell with its live stream, search suggestions as you type, and toasts.

import {api} from '/shared/api.js';
import {$, debounce, h, mount} from '/shared/dom.js';
import * as session from '/shared/session.js';
import * as cart from './cart.js';
import {navigate} from './router.js';

/** A short message in the corner (announced politely), optionally with a link. */
export function toast(text, link) {
  const region = $('#toasts');
  const note = h('div', {class: 'toast'}, text, link ? [' ', h('a', {href: link.href}, link.text)] : null);
  region.append(note);
  setTimeout(() => note.remove(), 6000);
}

let unread = 0;
let stream = null;

function showUnread() {
  const badge = $('#bell-count');
  if (!badge) return;
  badge.hidden = unread === 0;
  badge.textContent = String(unread);
  $('#bell').setAttribute('aria-label', unread ? `Notifications, ${unread} unread` : 'Notifications');
}

async function countUnread() {
  try {
    const page = await api.get('/notifications?unreadOnly=true&limit=1');
    unread = page?.unreadCount ?? 0;
    showUnread();
  } catch {
    // the bell stays as it was
  }
}

/** Opens the live stream of the signed-in principal's notifications (loaded only when signed in). */
async function listen() {
  stream?.close();
  stream = null;
  if (!session.principal()) return;
  const {live} = await import('/shared/live.js');
  stream = live('/notifications/stream', {
    onOpen: () => {
      countUnread();
      // Pages showing live state read it again: whatever happened while disconnected shows.
      window.dispatchEvent(new CustomEvent('mercato:live-open'));
    },
    onEvent: (type, data) => {
      if (type !== 'notification') return;
      unread += 1;
      showUnread();
      toast(data?.title || 'New notification', {href: '/notifications', text: 'View'});
      window.dispatchEvent(new CustomEvent('mercato:notification', {detail: data}));
    },
  });
}

function account() {
  const who = session.principal();
  const slot = $('#nav-account');
  if (!who) {
    mount(slot, h('a', {href: '/sign-in'}, 'Sign in'));
    return;
  }
  mount(slot,
    h('a', {href: '/orders'}, 'Orders'),
    h('a', {href: '/notifications', id: 'bell', 'aria-label': 'Notifications'},
      h('span', {'aria-hidden': 'true'}, '🔔'), ' ', h('span', {class: 'badge', id: 'bell-count', hidden: true})),
    h('a', {href: '/account'}, 'Account'),
    h('button', {type: 'button', class: 'link', id: 'sign-out', onclick: signOut}, 'Sign out'));
  showUnread();
}

async function signOut() {
  await session.signOut();
  toast('You are signed out.');
  navigate('/');
}

function showCount(current) {
  const count = cart.units(current);
  const badge = $('#cart-count');
  badge.hidden = count === 0;
  badge.textContent = String(count);
  $('#nav-cart').setAttribute('aria-label', count ? `Cart, ${count} items` : 'Cart');
}

/** Search as you type: suggestions from the search domain, arrow keys to choose, Enter to go. */
function suggestions() {
  const form = $('#search-form');
  const input = $('#search-input');
  const list = $('#search-suggestions');
  let items = [];
  let active = -1;
  let asked = 0;

  const close = () => {
    list.hidden = true;
    input.setAttribute('aria-expanded', 'false');
    input.removeAttribute('aria-activedescendant');
    active = -1;
  };
  const choose = (item) => {
    close();
    if (item.kind === 'product' && item.productId) navigate('/products/' + item.productId);
    else navigate('/search?q=' + encodeURIComponent(item.text));
  };
  const highlight = (index) => {
    active = index;
    [...list.children].forEach((li, i) => li.setAttribute('aria-selected', String(i === index)));
    if (index >= 0) input.setAttribute('aria-activedescendant', 'suggestion-' + index);
  };
  const ask = debounce(async () => {
    const text = input.value.trim();
    if (text.length < 2) return close();
    const mine = ++asked;
    try {
      const answer = await api.get('/search/suggestions?q=' + encodeURIComponent(text) + '&limit=6');
      if (mine !== asked) return;
      items = answer?.items || [];
      if (!items.length) return close();
      mount(list, items.map((item, i) => h('li', {
        id: 'suggestion-' + i, role: 'option', 'aria-selected': 'false',
        onmousedown: (event) => {
          event.preventDefault();
          choose(item);
        },
      }, item.text, item.kind === 'product' ? h('span', {class: 'muted small'}, ' product') : null)));
      list.hidden = false;
      input.setAttribute('aria-expanded', 'true');
      active = -1;
    } catch {
      close();
    }
  }, 150);

  input.addEventListener('input', ask);
  input.addEventListener('blur', () => setTimeout(close, 100));
  input.addEventListener('keydown', (event) => {
    if (list.hidden) return;
    if (event.key === 'ArrowDown') {
      event.preventDefault();
      highlight((active + 1) % items.length);
    } else if (event.key === 'ArrowUp') {
      event.preventDefault();
      highlight(active <= 0 ? items.length - 1 : active - 1);
    } else if (event.key === 'Escape') {
      close();
    } else if (event.key === 'Enter' && active >= 0) {
      event.preventDefault();
      choose(items[active]);
    }
  });
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    close();
    const text = input.value.trim();
    navigate(text ? '/search?q=' + encodeURIComponent(text) : '/products');
  });
}

/** Wires the frame once; it follows sign-in, sign-out and cart changes from then on. */
export function start() {
  account();
  suggestions();
  cart.onChange(showCount);
  cart.read().catch(() => {});
  listen();
  session.onChange(() => {
    account();
    listen();
    unread = 0;
    cart.read().catch(() => showCount(null));
    if (!session.principal()) showCount(null);
  });
}

/** Makes the bell show `count` unread (the notifications page marks them read). */
export function setUnread(count) {
  unread = count;
  showUnread();
}
