// One order with its live status: the status changes the notification stream announces
// (topic order-updates for this order) refresh the page as they happen, and the page
// reads the order again whenever the stream (re)connects, so nothing is missed. An order
// awaiting payment (or whose payment failed) shows the payment form; a bought product
// links to its page to be reviewed.

import {api} from '/shared/api.js';
import {h, mount} from '/shared/dom.js';
import {dateTime, money, words} from '/shared/format.js';
import {problemBox} from '/shared/problems.js';
import * as session from '/shared/session.js';
import {statusLabel} from '../components.js';
import {toast} from '../layout.js';
import {paymentForm} from '../pay.js';
import {navigate} from '../router.js';

const PAYABLE = new Set(['pending_payment', 'payment_failed']);
const CANCELLABLE = new Set(['pending_payment', 'payment_failed', 'paid']);

function address(a) {
  if (!a) return null;
  return h('address', [a.name, a.line1, a.line2, `${a.postalCode || ''} ${a.city || ''}`.trim(), a.country]
    .filter(Boolean).map((line) => [line, h('br')]));
}

export default async function orderPage({root, params, title, query: current, signal}) {
  const id = params.id;
  title('Order ' + id.slice(0, 8));
  if (!session.principal()) {
    navigate('/sign-in?next=' + encodeURIComponent('/orders/' + id), {replace: true});
    return;
  }
  const status = h('p', {id: 'order-status', 'aria-live': 'polite'});
  const body = h('div');
  const payment = h('div', {id: 'payment'});
  let order = null;
  let paying = current.get('pay') === '1';
  // This page's last payment answer: the order follows its payment a moment later (through
  // the payment events), so until it does, the page says what the gateway said.
  let attempt = null;
  let followUp = null;
  mount(root, h('h1', 'Order ' + id.slice(0, 8)), status, payment, body);

  const render = () => {
    mount(status, 'Status: ', statusLabel(order.status),
      order.status === 'pending_payment' && order.payment?.paymentId
        ? h('span', {class: 'muted small'}, ' waiting for the bank to confirm the payment…') : null);
    const payable = PAYABLE.has(order.status);
    const declined = attempt?.status === 'failed' || (order.status === 'payment_failed' && !attempt);
    const underway = attempt && attempt.status !== 'failed';
    if (payable && underway) {
      mount(payment, h('p', {class: 'notice', role: 'status'}, attempt.status === 'captured'
        ? 'Payment received: the order is being updated.' : 'Payment sent: waiting for the bank to confirm it.'));
    } else if (payable && (paying || declined)) {
      if (!payment.querySelector('form')) {
        mount(payment, paymentForm(order, async (result) => {
          attempt = result;
          paying = result.status === 'failed';
          if (result.status !== 'failed') toast(result.status === 'captured' ? 'Payment received.' : 'Payment sent: waiting for confirmation.');
          render();
          watch();
          await load();
        }));
      }
    } else if (payable && !order.payment?.paymentId) {
      mount(payment, h('button', {type: 'button', id: 'pay-now', onclick: () => {
        paying = true;
        render();
      }}, 'Pay now'));
    } else {
      mount(payment);
    }
    mount(body,
      h('div', {class: 'split halves'},
        h('section', {class: 'card', 'aria-labelledby': 'items-heading'},
          h('h2', {id: 'items-heading'}, 'Items'),
          h('ul', {class: 'plain'}, (order.groups || []).flatMap((g) => (g.lines || []).map((l) => h('li', {class: 'row spread'},
            h('span', `${l.quantity} × `, h('a', {href: '/products/' + l.productId}, l.name)),
            h('span', {class: 'price'}, money(l.lineTotal)),
            order.status !== 'pending_payment' && order.status !== 'cancelled' && order.status !== 'payment_failed'
              ? h('a', {class: 'small', href: '/products/' + l.productId + '#write-review'}, 'Review ' + l.name) : null)))),
          h('p', {class: 'price'}, 'Total ', money(order.total)),
          (order.groups || []).map((g) => g.shipment ? h('p', {class: 'small'},
            `Shipped with ${g.shipment.carrier}, tracking ${g.shipment.trackingNumber}`) : null)),
        h('section', {class: 'card', 'aria-labelledby': 'ship-heading'},
          h('h2', {id: 'ship-heading'}, 'Shipping to'), address(order.shippingAddress),
          h('h2', 'History'),
          h('ol', {class: 'timeline'}, (order.history || []).map((step) => h('li',
            h('strong', words(step.to)), h('br'), h('span', {class: 'small muted'}, dateTime(step.at)),
            step.note ? h('p', {class: 'small'}, step.note) : null))))),
      CANCELLABLE.has(order.status) ? h('p', h('button', {type: 'button', class: 'secondary', id: 'cancel-order',
        onclick: cancel}, 'Cancel this order')) : null);
  };

  // After a payment the order changes within moments; the live stream says when. Should the
  // stream be down, the page also reads the order again a few times (1, 2, 4, 8 s).
  const watch = (delay = 1000) => {
    clearTimeout(followUp);
    if (delay > 8000) return;
    followUp = setTimeout(async () => {
      const before = order?.status;
      await load();
      if (order?.status === before) watch(delay * 2);
    }, delay);
  };

  const load = async () => {
    try {
      const fresh = await api.get('/orders/' + encodeURIComponent(id), {signal});
      if (order && fresh.status !== order.status) attempt = attempt?.status === 'failed' ? attempt : null;
      order = fresh;
      render();
    } catch (problem) {
      if (problem.name !== 'AbortError') mount(body, problemBox(problem));
    }
  };

  const cancel = async () => {
    if (!confirm('Cancel this order? Anything paid is refunded.')) return;
    try {
      await api.del('/orders/' + encodeURIComponent(id));
      toast('The order is cancelled.');
      await load();
    } catch (problem) {
      mount(payment, problemBox(problem));
    }
  };

  const onNotification = (event) => {
    if (event.detail?.data?.orderId === id || event.detail?.subject === id) load();
  };
  window.addEventListener('mercato:notification', onNotification);
  window.addEventListener('mercato:live-open', load);
  await load();
  return () => {
    clearTimeout(followUp);
    window.removeEventListener('mercato:notification', onNotification);
    window.removeEventListener('mercato:live-open', load);
  };
}
