// The payment form the checkout and the order page share: a card of the test gateway, one
// Idempotency-Key per attempt (kept while the attempt is retried), and the outcome in words.

import {api, idempotencyKey} from '/shared/api.js';
import {h} from '/shared/dom.js';
import {money} from '/shared/format.js';
import {onSubmit} from './components.js';

/** The test gateway's cards (docs/domains/payment.md): what a shopper picks in test mode. */
export const CARDS = [
  ['tok_visa', 'Visa ending 4242', 'paid at once'],
  ['tok_async', 'Card with bank confirmation', 'the bank confirms a moment later'],
  ['tok_delayed', 'Slow card', 'captured after a short delay'],
  ['tok_declined', 'Card that will be declined', 'to see a refusal'],
];

/**
 * A form paying `order`; `onResult(payment)` gets the payment answer (captured, pending or
 * failed). A refused card is not an error here: the payment says `failed` and the form stays.
 */
export function paymentForm(order, onResult) {
  let key = null;
  let lastCard = null;
  const outcome = h('div', {role: 'status', 'aria-live': 'polite', id: 'payment-outcome'});
  const form = h('form', {class: 'card', id: 'payment-form', 'aria-labelledby': 'pay-heading'},
    h('h2', {id: 'pay-heading'}, 'Payment'),
    h('p', `Amount: `, h('span', {class: 'price'}, money(order.total))),
    h('fieldset', h('legend', 'Card (test mode)'),
      CARDS.map(([token, label, hint], i) => h('label', {class: 'check'},
        h('input', {type: 'radio', name: 'card', value: token, checked: i === 0}),
        label, h('span', {class: 'muted small'}, ` (${hint})`)))),
    outcome,
    h('button', {type: 'submit', id: 'pay'}, 'Pay ', money(order.total)));
  return onSubmit(form, async () => {
    const card = new FormData(form).get('card');
    // A retry of the same attempt (same card, after a network failure) reuses the key,
    // so the server answers the first attempt's result instead of charging twice.
    if (card !== lastCard) key = idempotencyKey();
    lastCard = card;
    outcome.replaceChildren();
    const payment = await api.post('/payments', {orderId: order.orderId, paymentMethod: {type: 'card', token: card}},
      {headers: {'Idempotency-Key': key}});
    key = null;
    lastCard = null;
    if (payment.status === 'failed') {
      outcome.append(h('div', {class: 'problem', role: 'alert'},
        h('p', 'Your card was declined: nothing was charged. Please choose another card.')));
    }
    onResult(payment);
  });
}
