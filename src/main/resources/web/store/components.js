// Parts several storefront pages show: product cards (and their same-sized placeholders),
// stars, status labels, and a submit helper that shows problems next to the form.

import {h} from '/shared/dom.js';
import {money, words} from '/shared/format.js';
import {describe, markFields, problemBox} from '/shared/problems.js';

/** "★★★★☆" with the number in words for screen readers. */
export function stars(average, count) {
  if (!count) return h('span', {class: 'muted small'}, 'No reviews yet');
  const full = Math.round(average || 0);
  return h('span', {class: 'small'},
    h('span', {class: 'stars', 'aria-hidden': 'true'}, '★'.repeat(full) + '☆'.repeat(5 - full)),
    ' ', h('span', {class: 'muted'}, `${Number(average).toFixed(1)} of 5 (${count} ${count === 1 ? 'review' : 'reviews'})`));
}

/** The first image of a product (or its search item), in a box of fixed ratio: nothing moves when it loads. */
export function picture(product, {eager = false} = {}) {
  const image = (product.images || [])[0] || product.image; // a catalog product, or a search hit
  const url = image?.url;
  return h('div', {class: 'media'}, url
    ? h('img', {src: url, alt: image?.alt || product.name, width: 400, height: 300, loading: eager ? 'eager' : 'lazy',
      decoding: 'async'})
    : h('div', {class: 'muted small', 'aria-hidden': 'true'}));
}

/** A product in a list: picture, name (the card's link), price, rating, stock. */
export function productCard(product, {eager = false} = {}) {
  const rating = product.rating || {};
  const available = product.inStock ?? (product.available === undefined ? null : product.available > 0);
  return h('article', {class: 'product-card'},
    picture(product, {eager}),
    h('h3', h('a', {href: '/products/' + product.id}, product.name)),
    h('div', {class: 'meta'},
      h('span', {class: 'price'}, money(product.price)),
      available === false ? h('span', {class: 'status warn'}, 'Out of stock') : null),
    stars(rating.average, rating.count));
}

/** Cards of the same size as productCard while the real ones load. */
export function placeholderCards(count) {
  return Array.from({length: count}, () => h('div', {class: 'product-card placeholder', 'aria-hidden': 'true'},
    h('div', {class: 'media'}),
    h('div', {class: 'skeleton-line'}),
    h('div', {class: 'skeleton-line'}),
    h('div', {class: 'skeleton-line'})));
}

const TONE = {
  paid: 'ok', delivered: 'ok', shipped: 'ok', captured: 'ok', fulfilling: 'ok',
  awaiting_payment: 'warn', pending: 'warn', processing: 'warn', payment_pending: 'warn',
  payment_failed: 'bad', failed: 'bad', cancelled: 'bad', refunded: 'bad',
};

export function statusLabel(status) {
  return h('span', {class: ['status', TONE[status]], dataset: {status: status || ''}}, words(status));
}

/** A labelled input; `attrs` go to the input. */
export function field(label, attrs, hint) {
  const id = attrs.id || 'f-' + attrs.name.replace(/\W/g, '-');
  return h('div', {class: 'field'},
    h('label', {for: id}, label, hint ? h('span', {class: 'hint'}, ' ' + hint) : null),
    attrs.type === 'textarea'
      ? h('textarea', {...attrs, type: null, id})
      : attrs.type === 'select'
        ? h('select', {...attrs, type: null, options: null, id},
          attrs.options.map(([value, text]) => h('option', {value, selected: value === attrs.value}, text)))
        : h('input', {...attrs, id}));
}

/**
 * Runs `action` when `form` is submitted: the button is busy meanwhile; a problem is shown
 * above the form (and next to its fields) in words, and focus moves to it.
 */
export function onSubmit(form, action) {
  const slot = h('div', {class: 'form-problem'});
  form.prepend(slot);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const button = form.querySelector('[type=submit]');
    button?.setAttribute('aria-busy', 'true');
    if (button) button.disabled = true;
    slot.replaceChildren();
    try {
      await action(event);
    } catch (problem) {
      if (problem?.name === 'AbortError') return;
      console.error(problem);
      markFields(form, problem);
      const box = problemBox(problem);
      slot.append(box);
      box.setAttribute('tabindex', '-1');
      box.focus();
    } finally {
      button?.removeAttribute('aria-busy');
      if (button) button.disabled = false;
    }
  });
  return form;
}

export {describe};
