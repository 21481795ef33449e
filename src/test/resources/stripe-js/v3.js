// A stand-in of Stripe.js v3 for the storefront's browser tests: just the calls the storefront
// makes (Stripe(key), elements().create('card'), mount, on('change'), createPaymentMethod,
// handleNextAction), talking to the Stripe API stand-in as Stripe.js talks to Stripe's API:
// form-encoded requests carrying the publishable key. 3-D Secure is shown in a frame of the
// stand-in's own origin, as Stripe.js shows the bank's page in a modal frame.
(function () {
  'use strict';
  var API = '__API_BASE__';

  function encode(params) {
    return new URLSearchParams(params).toString();
  }

  function call(method, path, key, params) {
    var query = encode(Object.assign({key: key}, params || {}));
    var request = method === 'GET'
      ? fetch(API + path + '?' + query, {credentials: 'omit'})
      : fetch(API + path, {method: 'POST', credentials: 'omit',
        headers: {'Content-Type': 'application/x-www-form-urlencoded'}, body: query});
    return request.then(function (response) {
      return response.json().then(function (body) {
        return response.ok ? {object: body} : {error: body.error || {type: 'api_error', message: 'HTTP ' + response.status}};
      });
    }, function () {
      return {error: {type: 'api_connection_error', message: 'We could not reach Stripe. Please try again.'}};
    });
  }

  function cardElement() {
    var input = null;
    var listeners = {};
    return {
      mount: function (target) {
        var host = typeof target === 'string' ? document.querySelector(target) : target;
        input = document.createElement('input');
        input.name = 'cardnumber';
        input.setAttribute('aria-label', 'Card number');
        input.setAttribute('inputmode', 'numeric');
        input.setAttribute('autocomplete', 'cc-number');
        input.placeholder = '1234 1234 1234 1234';
        input.addEventListener('input', function () {
          (listeners.change || []).forEach(function (fn) {
            fn({elementType: 'card', empty: input.value === '', complete: input.value.replace(/\s/g, '').length >= 16, error: undefined});
          });
        });
        host.appendChild(input);
      },
      on: function (event, fn) {
        (listeners[event] = listeners[event] || []).push(fn);
      },
      number: function () {
        return input ? input.value.replace(/\s/g, '') : '';
      },
    };
  }

  /** Shows the bank's page in a frame over the page until it says it is done. */
  function challenge(url) {
    return new Promise(function (resolve) {
      var overlay = document.createElement('div');
      overlay.id = 'stand-in-3ds';
      overlay.setAttribute('role', 'dialog');
      overlay.setAttribute('aria-label', '3-D Secure authentication');
      overlay.style.cssText = 'position:fixed;inset:0;background:rgba(0,0,0,.5);display:flex;align-items:center;justify-content:center;z-index:1000';
      var frame = document.createElement('iframe');
      frame.title = '3-D Secure authentication';
      frame.src = url;
      frame.style.cssText = 'width:400px;height:300px;background:#fff;border:0';
      overlay.appendChild(frame);
      function done(event) {
        if (event.source !== frame.contentWindow || !event.data || event.data.type !== 'stand-in-3ds-done') return;
        window.removeEventListener('message', done);
        overlay.remove();
        resolve();
      }
      window.addEventListener('message', done);
      document.body.appendChild(overlay);
    });
  }

  window.Stripe = function (key) {
    if (!/^pk_(test|live)_/.test(key)) throw new Error('IntegrationError: Invalid API Key provided: ' + key);
    return {
      elements: function () {
        return {create: function () { return cardElement(); }};
      },
      createPaymentMethod: function (options) {
        return call('POST', '/v1/payment_methods', key, {type: options.type, 'card[number]': options.card.number(),
          'card[exp_month]': '12', 'card[exp_year]': '2034', 'card[cvc]': '123'})
          .then(function (answer) {
            return answer.error ? {error: answer.error} : {paymentMethod: answer.object};
          });
      },
      handleNextAction: function (options) {
        var secret = options.clientSecret;
        var id = secret.split('_secret_')[0];
        var read = function () {
          return call('GET', '/v1/payment_intents/' + id, key, {client_secret: secret});
        };
        return read().then(function (answer) {
          if (answer.error) return {error: answer.error};
          var intent = answer.object;
          if (intent.status !== 'requires_action' || !intent.next_action) {
            return {error: {type: 'invalid_request_error', code: 'payment_intent_unexpected_state', payment_intent: intent}};
          }
          return challenge(intent.next_action.redirect_to_url.url).then(read).then(function (after) {
            if (after.error) return {error: after.error};
            var settled = after.object;
            if (settled.status === 'requires_payment_method') {
              return {error: Object.assign({payment_intent: settled}, settled.last_payment_error || {})};
            }
            return {paymentIntent: settled};
          });
        });
      },
    };
  };
})();
