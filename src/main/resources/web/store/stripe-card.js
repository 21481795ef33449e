// Card entry through Stripe.js (Stripe Elements): the card is typed into Stripe's own field
// and never reaches Mercato; Stripe.js turns it into a PaymentMethod (pm_...) that the payment
// names, and completes 3-D Secure in the page. Stripe.js is loaded from the address the server
// gives (GET /payments/gateways), the one origin the page's Content-Security-Policy allows.

import {h} from '/shared/dom.js';

let loading = null;
const instances = new Map();

/** Loads Stripe.js once per page; a failed load may be tried again. */
function load(jsUrl) {
  loading ??= new Promise((resolve, reject) => {
    if (window.Stripe) {
      resolve(window.Stripe);
      return;
    }
    const script = document.createElement('script');
    script.src = jsUrl;
    script.onload = () => (window.Stripe ? resolve(window.Stripe) : reject(new Error('Stripe.js did not start.')));
    script.onerror = () => {
      loading = null;
      script.remove();
      reject(new Error('The card form could not be loaded. Check your connection and reload the page.'));
    };
    document.head.append(script);
  });
  return loading;
}

/**
 * Mounts Stripe's card field into `slot` for the gateway `settings` ({jsUrl, publishableKey});
 * answers the card method the payment form uses: `token()` makes the PaymentMethod (or says
 * why not, in the field's alert, and answers null), `nextAction(clientSecret)` lets Stripe.js
 * complete 3-D Secure. What Stripe.js says of the outcome is not the outcome: the form reads
 * the payment again.
 */
export async function stripeCard(settings, slot) {
  if (!settings.publishableKey) {
    throw new Error('Card payments are not set up on this shop yet (no Stripe publishable key).');
  }
  const Stripe = await load(settings.jsUrl);
  if (!instances.has(settings.publishableKey)) instances.set(settings.publishableKey, Stripe(settings.publishableKey));
  const stripe = instances.get(settings.publishableKey);
  const card = stripe.elements().create('card', {hidePostalCode: true});
  const field = h('div', {id: 'card-element', class: 'card-field'});
  const errors = h('div', {id: 'card-errors', class: 'field-error', role: 'alert'});
  slot.replaceChildren(h('fieldset', h('legend', 'Card'), field, errors));
  card.mount(field);
  card.on('change', (event) => {
    errors.textContent = event.error ? event.error.message : '';
  });
  return {
    gateway: 'stripe',
    async token() {
      const {paymentMethod, error} = await stripe.createPaymentMethod({type: 'card', card});
      errors.textContent = error ? error.message || 'The card could not be read. Please check it.' : '';
      return error ? null : paymentMethod.id;
    },
    nextAction: (clientSecret) => stripe.handleNextAction({clientSecret}),
  };
}
