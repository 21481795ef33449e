// The cart: lines with the product's picture and name, quantities to change, problems the
// cart reports per line (out of stock, inactive), the totals, and the way to checkout.

import {api} from '/shared/api.js';
import {h, mount} from '/shared/dom.js';
import {money} from '/shared/format.js';
import {problemBox} from '/shared/problems.js';
import * as session from '/shared/session.js';
import * as cart from '../cart.js';

const ISSUES = {
  'out-of-stock': 'Out of stock: left out of the total.',
  'insufficient-stock': 'Not that many left: lower the quantity.',
  inactive: 'No longer sold: left out of the total.',
};

async function products(lines, signal) {
  const found = await Promise.allSettled(lines.map((line) => api.get('/products/' + line.productId, {signal})));
  const byId = {};
  found.forEach((result, i) => {
    byId[lines[i].productId] = result.status === 'fulfilled' ? result.value : null;
  });
  return byId;
}

function line(item, product, rerender) {
  const name = product?.name || 'A product no longer listed';
  const image = product?.images?.[0];
  const quantityId = 'qty-' + item.productId;
  const slot = h('div');
  const change = async (quantity) => {
    slot.replaceChildren();
    try {
      await (quantity > 0 ? cart.setQuantity(item.productId, quantity) : cart.remove(item.productId));
      rerender();
    } catch (problem) {
      slot.append(problemBox(problem));
    }
  };
  const input = h('input', {type: 'number', id: quantityId, class: 'quantity', min: 0, max: 99, value: item.quantity,
    inputmode: 'numeric', onchange: (event) => change(Number(event.target.value) || 0)});
  return h('li', {class: 'cart-line', dataset: {productId: item.productId}},
    h('div', {class: 'thumb'}, image ? h('img', {src: image.url, alt: '', width: 72, height: 54}) : null),
    h('div',
      h('h2', {class: 'small'}, product ? h('a', {href: '/products/' + item.productId}, name) : name),
      h('p', {class: 'small muted'}, `${money(item.unitPrice)} each`),
      (item.issues || []).map((issue) => h('p', {class: 'field-error'}, ISSUES[issue] || issue)),
      h('div', {class: 'controls'},
        h('label', {for: quantityId}, 'Quantity'), input,
        h('button', {type: 'button', class: 'link', onclick: () => change(0),
          'aria-label': `Remove ${name}`}, 'Remove'),
        h('span', {class: 'price'}, money(item.lineTotal))),
      slot));
}

export default async function cartPage({root, title, signal}) {
  title('Your cart');
  const render = async () => {
    const current = await cart.read({signal});
    const lines = current?.lines || [];
    if (!lines.length) {
      mount(root, h('h1', 'Your cart'), h('p', 'Your cart is empty.'), h('p', h('a', {class: 'button', href: '/products'}, 'Browse products')));
      return;
    }
    const byId = await products(lines, signal);
    const who = session.principal();
    mount(root,
      h('h1', 'Your cart'),
      h('div', {class: 'split wide-right'},
        h('ul', {class: 'plain', 'aria-label': 'Cart lines'}, lines.map((item) => line(item, byId[item.productId], render))),
        h('aside', {class: 'card summary', 'aria-labelledby': 'summary-heading'},
          h('h2', {id: 'summary-heading'}, 'Summary'),
          h('p', `${cart.units(current)} ${cart.units(current) === 1 ? 'item' : 'items'}`),
          (current.totals || []).map((total) => h('p', {class: 'price', id: 'cart-total'}, 'Total ', money(total))),
          who?.typ === 'customer'
            ? h('a', {class: 'button', href: '/checkout', id: 'checkout'}, 'Checkout')
            : h('div',
              h('p', 'Sign in or create an account to check out. Your cart comes with you.'),
              h('div', {class: 'row'},
                h('a', {class: 'button', href: '/sign-in?next=/checkout'}, 'Sign in'),
                h('a', {class: 'button secondary', href: '/register?next=/checkout'}, 'Create account'))))));
  };
  mount(root, h('h1', 'Your cart'), h('div', {class: 'skeleton-line'}), h('div', {class: 'skeleton-line'}));
  try {
    await render();
  } catch (problem) {
    if (problem.name !== 'AbortError') mount(root, h('h1', 'Your cart'), problemBox(problem));
  }
}
