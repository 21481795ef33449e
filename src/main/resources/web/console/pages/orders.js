// Orders to fulfil (sellers) and the pick list (warehouse operators): the groups the caller
// ships, with their lines and address, moved along paid -> fulfilling -> shipped ->
// delivered; sellers also refund within their group.
import { api, money, when, minorUnits } from '../core.js';
import { h, fill, field, header, loading, busy, showProblem, say, badge, query } from '../ui.js';

const VIEWS = [
  { value: 'to-ship', label: 'To ship (paid or being prepared)', statuses: ['paid', 'fulfilling'] },
  { value: 'shipped', label: 'Shipped', statuses: ['shipped'] },
  { value: 'delivered', label: 'Delivered', statuses: ['delivered'] },
  { value: 'partially_refunded', label: 'Partly refunded', statuses: ['partially_refunded'] },
  { value: 'all', label: 'Every order', statuses: [null] },
];

export async function render(root, { principal }) {
  const seller = principal.type !== 'warehouse';
  const list = h('div', { class: 'orders' });
  const select = field({ label: 'Show', name: 'view', options: VIEWS });
  select.querySelector('select').addEventListener('change', e => show(list, VIEWS.find(v => v.value === e.target.value), seller));
  fill(root, header(seller ? 'Orders to fulfil' : 'Pick list',
    seller ? 'Your part of each order: pick, pack and ship it, or refund it.' : 'The order groups your warehouse ships: pick the lines, pack them and record the shipment.'),
    h('div', { class: 'filters' }, select), list);
  await show(list, VIEWS[0], seller);
}

async function show(list, view, seller) {
  await loading(list, async () => {
    const pages = await Promise.all(view.statuses.map(status => api.get(`/orders${query({ status, limit: 50 })}`)));
    return pages.flatMap(p => p.items).sort((a, b) => String(b.placedAt).localeCompare(String(a.placedAt)));
  }, orders => orders.length
    ? h('ul', { class: 'cards' }, orders.map(o => h('li', {}, orderCard(o, seller))))
    : h('p', { class: 'empty' }, view.value === 'to-ship' ? 'Nothing to ship right now.' : 'No orders here.'));
}

function orderCard(order, seller) {
  const a = order.shippingAddress ?? {};
  return h('article', { class: 'card order', 'aria-labelledby': `order-${order.orderId}` },
    h('h2', { id: `order-${order.orderId}` }, `Order ${order.orderId.slice(-8)}`, ' ', badge(order.status)),
    h('p', { class: 'meta' }, `Placed ${when(order.placedAt)} · your part ${money(order.total)}`),
    h('address', {}, [a.name, a.line1, a.line2, [a.postalCode, a.city].filter(Boolean).join(' '), a.country].filter(Boolean).map(l => [l, h('br')])),
    order.groups.map(g => groupView(order, g, seller)));
}

function groupView(order, group, seller) {
  const holder = h('section', { class: 'group', 'aria-label': `Shipment group ${group.groupId.slice(-8)}` });
  const draw = () => fill(holder,
    h('h3', { tabindex: '-1' }, 'Lines ', badge(group.status)),
    h('ul', { class: 'lines' }, group.lines.map(l => h('li', {}, h('strong', {}, `${l.quantity} ×`), ' ', l.name, l.sku ? ` (SKU ${l.sku})` : '', ` · ${money(l.lineTotal)}`))),
    h('p', {}, `Group total ${money(group.total)}`, group.refunded?.amount ? ` · refunded ${money(group.refunded)}` : ''),
    group.shipment ? h('p', {}, `Shipped with ${group.shipment.carrier}, tracking ${group.shipment.trackingNumber}`, group.shipment.shippedAt ? ` on ${when(group.shipment.shippedAt)}` : '') : null,
    actions(order, group, seller, updated => { Object.assign(group, updated); draw(); holder.querySelector('h3').focus(); }));
  draw();
  return holder;
}

function actions(order, group, seller, changed) {
  const out = [];
  const message = h('div', { class: 'message', tabindex: '-1' });
  const move = async (body, button) => busy(button, async () => {
    try {
      const updated = await api.put(`/orders/${order.orderId}`, { groupId: group.groupId, ...body });
      const g = updated.groups.find(x => x.groupId === group.groupId) ?? {};
      order.status = updated.status;
      changed(g);
    } catch (problem) {
      showProblem(message, problem);
    }
  });
  if (group.status === 'paid') {
    const start = h('button', { type: 'button', class: 'secondary' }, 'Start preparing');
    start.addEventListener('click', () => move({ status: 'fulfilling' }, start));
    out.push(start);
  }
  if (group.status === 'paid' || group.status === 'fulfilling') out.push(shipForm(move, group));
  if (group.status === 'shipped') {
    const done = h('button', { type: 'button', class: 'secondary' }, 'Mark delivered');
    done.addEventListener('click', () => move({ status: 'delivered' }, done));
    out.push(done);
  }
  if (seller && order.paymentId && group.total.amount > (group.refunded?.amount ?? 0)) out.push(refundForm(order, group, changed));
  return h('div', { class: 'group-actions' }, out, message);
}

function shipForm(move, group) {
  const carrier = field({ label: 'Carrier', name: 'carrier', required: true, attrs: { autocomplete: 'off' } });
  const tracking = field({ label: 'Tracking number', name: 'trackingNumber', required: true, attrs: { autocomplete: 'off' } });
  const button = h('button', { type: 'submit', class: 'primary' }, 'Ship');
  const node = h('form', { class: 'ship', 'aria-label': `Ship group ${group.groupId.slice(-8)}` }, h('div', { class: 'row' }, carrier, tracking), button);
  node.addEventListener('submit', event => {
    event.preventDefault();
    const v = Object.fromEntries(new FormData(node));
    move({ status: 'shipped', carrier: v.carrier.trim(), trackingNumber: v.trackingNumber.trim() }, button);
  });
  return node;
}

function refundForm(order, group, changed) {
  const currency = group.total.currency;
  const message = h('div', { class: 'message', tabindex: '-1' });
  const button = h('button', { type: 'submit', class: 'secondary' }, 'Refund');
  const node = h('form', { class: 'refund', 'aria-label': `Refund within group ${group.groupId.slice(-8)}` },
    h('div', { class: 'row' },
      field({ label: `Amount (${currency})`, name: 'amount', required: true, attrs: { inputmode: 'decimal' } }),
      field({ label: 'Reason', name: 'reason' })),
    button, message);
  node.addEventListener('submit', event => {
    event.preventDefault();
    const v = Object.fromEntries(new FormData(node));
    busy(button, async () => {
      try {
        const amount = minorUnits(v.amount, currency);
        await api.post('/payment/refund', { paymentId: order.paymentId, groupId: group.groupId,
          amount: { amount: amount ?? Number.NaN, currency }, ...(v.reason.trim() ? { reason: v.reason.trim() } : {}) });
        say(message, `Refunded ${v.amount} ${currency}. The order shows it once the payment is updated.`);
        node.reset();
      } catch (problem) {
        showProblem(message, problem, node);
      }
    });
  });
  return h('details', {}, h('summary', {}, 'Refund part of this group'), node);
}
