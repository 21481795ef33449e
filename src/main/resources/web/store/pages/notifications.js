// The notification inbox: newest first, unread marked; opening the page marks them read.
// New ones appear as they arrive (the layout's live stream).

import {api, query} from '/shared/api.js';
import {h, mount} from '/shared/dom.js';
import {relative} from '/shared/format.js';
import {problemBox} from '/shared/problems.js';
import * as session from '/shared/session.js';
import {setUnread} from '../layout.js';
import {navigate} from '../router.js';

function item(n) {
  const orderId = n.data?.orderId;
  const productId = n.data?.productId;
  const link = orderId ? '/orders/' + orderId : productId ? '/products/' + productId : null;
  return h('li', {class: ['notification', n.readAt ? null : 'unread']},
    h('h2', {class: 'small'}, link ? h('a', {href: link}, n.title) : n.title),
    n.body ? h('p', n.body) : null,
    h('p', {class: 'small muted'}, relative(n.createdAt), n.readAt ? '' : ' · unread'));
}

export default async function notifications({root, title, signal}) {
  title('Notifications');
  if (!session.principal()) {
    navigate('/sign-in?next=/notifications', {replace: true});
    return;
  }
  const list = h('ul', {class: 'plain', id: 'notification-list', 'aria-live': 'polite'});
  const more = h('div');
  mount(root, h('div', {class: 'row spread'}, h('h1', 'Notifications'), h('a', {href: '/preferences'}, 'Preferences')), list, more);
  const load = async (cursor) => {
    const page = await api.get('/notifications' + query({limit: 20, cursor}), {signal});
    if (!cursor) mount(list);
    const items = page.items || [];
    if (!cursor && !items.length) list.append(h('li', {class: 'muted'}, 'Nothing yet. Order updates and alerts you subscribe to appear here.'));
    list.append(...items.map(item));
    mount(more, page.nextCursor ? h('button', {type: 'button', class: 'secondary', onclick: () => load(page.nextCursor)}, 'Older') : null);
    if (!cursor && (page.unreadCount || 0) > 0) {
      await api.post('/notifications/read', {all: true}).catch(() => {});
    }
    setUnread(0);
  };
  try {
    await load();
  } catch (problem) {
    if (problem.name !== 'AbortError') mount(list, h('li', problemBox(problem)));
  }
  const arrived = (event) => {
    list.querySelector('.muted')?.remove();
    list.prepend(item(event.detail));
    api.post('/notifications/read', {ids: [event.detail.id]}).then(() => setUnread(0)).catch(() => {});
  };
  window.addEventListener('mercato:notification', arrived);
  return () => window.removeEventListener('mercato:notification', arrived);
}
