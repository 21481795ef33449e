// The payment form the checkout and the order page share: through the install's default
// gateway (GET /payments/gateways): the test gateway's made-up cards, or a card typed into
// Stripe's own field (stripe-card.js). One Idempotency-Key per attempt (kept while the attempt
// is retried), 3-D Secure completed in the page, and the outcome in words, as the server has it.

import {api, idempotencyKey} from '/shared/api.js';
import {h} from '/shared/dom.js';
import {money} from '/shared/format.js';
import {problemBox} from '/shared/problems.js';
import {onSubmit} from './components.js';
import {stripeCard} from './stripe-card.js';

/** The test gateway's cards (docs/domains/payment.md): what a shopper picks in test mode. */
export const CARDS = [
  ['tok_visa', 'Visa ending 4242', 'paid at once'],
  ['tok_async', 'Card with bank confirmation', 'the bank confirms a moment later'],
  ['tok_delayed', 'Slow card', 'captured after a short delay'],
  ['tok_declined', 'Card that will be declined', 'to see a refusal'],
];

/** How long, after 3-D Secure, the form reads the payment again before saying it is still waiting. */
const SETTLE_DELAYS_MS = [300, 500, 1000, 1000, 2000, 2000, 3000, 3000, 4000];
const FINAL = new Set(['captured', 'failed']);

let gateways = null;

/** The install's gateways, read once per page load (again after a failure). */
function readGateways() {
  gateways ??= api.get('/payments/gateways').catch((problem) => {
    gateways = null;
    throw problem;
  });
  return gateways;
}

/** The test gateway's cards as radio buttons; the token is the one picked. */
function testCards(slot, form) {
  slot.replaceChildren(h('fieldset', h('legend', 'Card (test mode)'),
    CARDS.map(([token, label, hint], i) => h('label', {class: 'check'},
      h('input', {type: 'radio', name: 'card', value: token, checked: i === 0}),
      label, h('span', {class: 'muted small'}, ` (${hint})`)))));
  return {gateway: null, token: async () => new FormData(form).get('card')};
}

/** The payment once it is captured or failed, read from the server; still pending after the last try. */
async function settled(payment) {
  let current = payment;
  for (const delay of SETTLE_DELAYS_MS) {
    if (FINAL.has(current.status)) break;
    await new Promise((resolve) => setTimeout(resolve, delay));
    current = await api.get('/payments/' + encodeURIComponent(payment.paymentId));
  }
  return current;
}

function refusal(payment) {
  if (/authenticat/.test(payment.failureReason || '')) {
    return 'Your bank could not confirm the payment (3-D Secure was not completed): nothing was charged.'
      + ' Please try again or use another card.';
  }
  return 'Your card was declined: nothing was charged. Please choose another card.';
}

/**
 * A form paying `order`; `onResult(payment)` gets the payment answer (captured, pending or
 * failed). A refused card is not an error here: the payment says `failed` and the form stays.
 */
export function paymentForm(order, onResult) {
  let method = null;
  // An attempt the server did not answer (a network failure): a retry sends it again with
  // its key, so the server answers the first attempt's result instead of charging twice.
  let unanswered = null;
  const outcome = h('div', {role: 'status', 'aria-live': 'polite', id: 'payment-outcome'});
  const slot = h('div', {id: 'payment-method'}, h('p', {class: 'muted small'}, 'Loading the payment form…'));
  const button = h('button', {type: 'submit', id: 'pay', disabled: true}, 'Pay ', money(order.total));
  const form = h('form', {class: 'card', id: 'payment-form', 'aria-labelledby': 'pay-heading'},
    h('h2', {id: 'pay-heading'}, 'Payment'),
    h('p', `Amount: `, h('span', {class: 'price'}, money(order.total))),
    slot, outcome, button);
  readGateways().then(async (found) => {
    const stripe = found.defaultGateway === 'stripe' ? found.gateways.find((g) => g.name === 'stripe') : null;
    method = stripe ? await stripeCard(stripe, slot) : testCards(slot, form);
    button.disabled = false;
  }).catch((problem) => {
    console.error(problem);
    slot.replaceChildren(problemBox(problem));
  });
  return onSubmit(form, async () => {
    if (!method) return;
    outcome.replaceChildren();
    let attempt = unanswered;
    if (!attempt || method.gateway === null) {
      const token = await method.token();
      if (!token) return; // the card field says why
      attempt = unanswered?.token === token ? unanswered : {token, key: idempotencyKey()};
    }
    const body = {orderId: order.orderId, paymentMethod: {type: 'card', token: attempt.token}};
    if (method.gateway) body.gateway = method.gateway;
    unanswered = attempt;
    let payment = await api.post('/payments', body, {headers: {'Idempotency-Key': attempt.key}});
    unanswered = null;
    if (payment.status === 'pending' && payment.nextAction?.clientSecret && method.nextAction) {
      outcome.replaceChildren(h('p', 'Confirming the payment with your bank…'));
      // Stripe.js's own answer is not the outcome: the webhook (or the reconciler) settles the
      // payment on the server, and the form shows what the server says.
      await method.nextAction(payment.nextAction.clientSecret);
      payment = await settled(payment);
      outcome.replaceChildren();
    }
    if (payment.status === 'failed') {
      outcome.append(h('div', {class: 'problem', role: 'alert'}, h('p', refusal(payment))));
    } else if (!FINAL.has(payment.status)) {
      outcome.append(h('p', 'Your bank has not confirmed the payment yet: this page shows it as soon as it does.'));
    }
    onResult(payment);
  });
}
