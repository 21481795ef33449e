// The customer's orders, newest first, paged.

import {api, query} from '/shared/api.js';
import {h, mount} from '/shared/dom.js';
import {dateTime, money} from '/shared/format.js';
import {problemBox} from '/shared/problems.js';
import * as session from '/shared/session.js';
import {statusLabel} from '../components.js';
import {navigate} from '../router.js';

export default async function orders({root, title, query: current, signal}) {
  title('Your orders');
  if (!session.principal()) {
    navigate('/sign-in?next=/orders', {replace: true});
    return;
  }
  mount(root, h('h1', 'Your orders'), h('div', {class: 'skeleton-line'}));
  try {
    const page = await api.get('/orders' + query({limit: 20, cursor: current.get('cursor')}), {signal});
    const items = page.items || [];
    mount(root, h('h1', 'Your orders'),
      items.length ? h('div', {class: 'table-scroll'}, h('table',
        h('caption', {class: 'visually-hidden'}, 'Your orders'),
        h('thead', h('tr', h('th', {scope: 'col'}, 'Order'), h('th', {scope: 'col'}, 'Placed'),
          h('th', {scope: 'col'}, 'Status'), h('th', {scope: 'col', class: 'num'}, 'Total'))),
        h('tbody', items.map((o) => h('tr',
          h('td', h('a', {href: '/orders/' + o.orderId}, 'Order ' + o.orderId.slice(0, 8))),
          h('td', dateTime(o.placedAt)), h('td', statusLabel(o.status)), h('td', {class: 'num'}, money(o.total)))))))
        : h('p', 'You have no orders yet. ', h('a', {href: '/products'}, 'Start shopping')),
      page.nextCursor ? h('p', h('a', {class: 'button secondary', href: '/orders?cursor=' + encodeURIComponent(page.nextCursor)}, 'Older orders')) : null);
  } catch (problem) {
    if (problem.name !== 'AbortError') mount(root, h('h1', 'Your orders'), problemBox(problem));
  }
}
