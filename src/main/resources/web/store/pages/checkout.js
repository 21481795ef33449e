// Checkout: the shipping address (remembered from the profile when it has one), the order
// placed from the cart with one Idempotency-Key per checkout (a double click or a retry
// after a lost answer places one order), then the order page to pay it.

import {api, idempotencyKey} from '/shared/api.js';
import {h, mount} from '/shared/dom.js';
import {money} from '/shared/format.js';
import {problemBox} from '/shared/problems.js';
import * as session from '/shared/session.js';
import * as cart from '../cart.js';
import {field, onSubmit} from '../components.js';
import {navigate} from '../router.js';

const KEY = 'mercato.checkoutKey';
const COUNTRIES = [['DE', 'Germany'], ['AT', 'Austria'], ['FR', 'France'], ['NL', 'Netherlands'], ['BE', 'Belgium'],
  ['IT', 'Italy'], ['ES', 'Spain'], ['PL', 'Poland'], ['DK', 'Denmark'], ['SE', 'Sweden'], ['GB', 'United Kingdom']];

export default async function checkout({root, title, signal}) {
  title('Checkout');
  const who = session.principal();
  if (!who) {
    navigate('/sign-in?next=/checkout', {replace: true});
    return;
  }
  if (who.typ !== 'customer') {
    mount(root, h('h1', 'Checkout'), h('p', 'Only customer accounts can place orders.'));
    return;
  }
  mount(root, h('h1', 'Checkout'), h('div', {class: 'skeleton-line'}));
  const [current, profile] = await Promise.all([cart.read({signal}), api.get('/profile/me', {signal}).catch(() => ({}))]);
  if (!current?.lines?.length) {
    mount(root, h('h1', 'Checkout'), h('p', 'Your cart is empty.'), h('a', {href: '/products'}, 'Browse products'));
    return;
  }
  const saved = profile.addresses?.[0] || {};
  const fullName = [profile.firstName, profile.lastName].filter(Boolean).join(' ');
  const form = h('form', {id: 'checkout-form', novalidate: true},
    h('fieldset', h('legend', 'Shipping address'),
      field('Full name', {name: 'name', type: 'text', required: true, autocomplete: 'name', value: saved.name || fullName}),
      field('Street and number', {name: 'line1', type: 'text', required: true, autocomplete: 'address-line1', value: saved.line1 || ''}),
      field('Address line 2', {name: 'line2', type: 'text', autocomplete: 'address-line2', value: saved.line2 || ''}, '(optional)'),
      h('div', {class: 'split halves'},
        field('Postal code', {name: 'postalCode', type: 'text', required: true, autocomplete: 'postal-code', value: saved.postalCode || ''}),
        field('City', {name: 'city', type: 'text', required: true, autocomplete: 'address-level2', value: saved.city || ''})),
      field('Country', {name: 'country', type: 'select', required: true, autocomplete: 'country', value: saved.country || 'DE',
        options: COUNTRIES}),
      h('label', {class: 'check'}, h('input', {type: 'checkbox', name: 'save', value: 'yes', checked: !profile.addresses?.length}),
        'Save this address in my profile')),
    h('button', {type: 'submit', id: 'place-order'}, 'Place order and pay'));
  onSubmit(form, async () => {
    const data = Object.fromEntries(new FormData(form));
    const address = {name: data.name, line1: data.line1, city: data.city, postalCode: data.postalCode, country: data.country};
    if (data.line2) address.line2 = data.line2;
    const key = sessionStorage.getItem(KEY) || idempotencyKey();
    sessionStorage.setItem(KEY, key);
    const order = await api.post('/orders', {fromCart: true, shippingAddress: address}, {headers: {'Idempotency-Key': key}});
    sessionStorage.removeItem(KEY);
    if (data.save) await api.put('/profile/me', {addresses: [address]}).catch(() => {});
    // Hear about this order's progress live (the in-app inbox and the bell).
    await api.post('/notification/subscribe', {topic: 'order-updates', channel: 'in-app', subject: order.orderId}).catch(() => {});
    cart.read().catch(() => {});
    navigate('/orders/' + order.orderId + '?pay=1');
  });
  mount(root,
    h('h1', 'Checkout'),
    h('div', {class: 'split wide-right'},
      form,
      h('aside', {class: 'card summary', 'aria-labelledby': 'checkout-summary'},
        h('h2', {id: 'checkout-summary'}, 'Your order'),
        h('p', `${cart.units(current)} items`),
        (current.totals || []).map((t) => h('p', {class: 'price'}, 'Total ', money(t))),
        (current.lines || []).some((l) => (l.issues || []).length)
          ? problemBox({status: 409, type: '/problems/out-of-stock', detail: 'Some lines of your cart cannot be ordered: change them in the cart first.'})
          : null,
        h('a', {href: '/cart'}, 'Change the cart'))));
}
