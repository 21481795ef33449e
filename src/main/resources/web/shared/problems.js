// Problems (application/problem+json) in words a person understands, and the field
// errors by JSON pointer so a form can show each next to its field.

import {h} from './dom.js';

const BY_SLUG = {
  'network': 'The shop could not be reached. Check your connection and try again.',
  'validation': 'Some of the details need another look.',
  'malformed-json': 'The request could not be read. Please reload the page and try again.',
  'unauthenticated': 'Please sign in to continue.',
  'forbidden': 'Your account is not allowed to do that.',
  'not-found': 'We could not find what you were looking for. It may have been removed.',
  'conflict': 'That clashes with something that already exists.',
  'out-of-stock': 'Sorry, there is not enough stock left for that.',
  'invalid-state': 'That cannot be done at this stage.',
  'idempotency-key-reused': 'That request was already sent with different details. Please start again.',
  'payload-too-large': 'That is too large to send.',
  'unsupported-media-type': 'That kind of content is not accepted.',
  'rate-limited': 'Too many attempts in a short time. Please wait a moment and try again.',
  'internal': 'Something went wrong on our side. Please try again in a moment.',
  'unavailable': 'The shop is busy or partly down right now. Please try again in a moment.',
  'timeout': 'The shop took too long to answer. Please try again.',
  'email-not-verified': 'Please verify your email address first: follow the link we mailed you.',
  'payment-declined': 'The payment was declined. Please use another card.',
};

const BY_STATUS = {
  0: BY_SLUG.network,
  400: BY_SLUG.validation,
  401: BY_SLUG.unauthenticated,
  403: BY_SLUG.forbidden,
  404: BY_SLUG['not-found'],
  409: BY_SLUG.conflict,
  413: BY_SLUG['payload-too-large'],
  415: BY_SLUG['unsupported-media-type'],
  422: BY_SLUG.validation,
  429: BY_SLUG['rate-limited'],
  500: BY_SLUG.internal,
  502: BY_SLUG.unavailable,
  503: BY_SLUG.unavailable,
  504: BY_SLUG.timeout,
};

function slugOf(problem) {
  return String(problem?.type || '').split('/').pop();
}

/** "/shippingAddress/postalCode" -> "postal code"; "/lines/0/quantity" -> "quantity". */
export function fieldName(pointer) {
  const last = String(pointer || '').split('/').filter((p) => p && !/^\d+$/.test(p)).pop() || '';
  return last.replace(/([a-z])([A-Z])/g, '$1 $2').replace(/[_-]/g, ' ').toLowerCase();
}

/** One sentence for the problem as a whole; the server's detail when it speaks to people, ours otherwise. */
export function describe(problem) {
  if (!problem) return BY_SLUG.internal;
  if (problem instanceof Error && problem.status === undefined) return BY_SLUG.internal;
  const slug = slugOf(problem);
  const general = BY_SLUG[slug] || BY_STATUS[problem.status] || (problem.status >= 500 ? BY_SLUG.internal : null);
  // A 5xx detail is for operators; a 4xx detail says what was wrong with the request.
  const detail = problem.status < 500 && problem.status > 0 ? problem.detail : '';
  if (slug === 'validation' || problem.status === 400 || problem.status === 422) {
    return detail && !(problem.errors || []).length ? detail : general || detail;
  }
  if (slug === 'rate-limited' && problem.body?.retryAfter) {
    return `${general} (about ${problem.body.retryAfter} s)`;
  }
  return detail || general || problem.title || 'Something went wrong.';
}

/** Field errors as {pointer: message}; several on one field are joined. */
export function fieldErrors(problem) {
  const out = {};
  for (const error of problem?.errors || []) {
    const pointer = error.pointer || '';
    const message = error.detail || 'is not valid';
    out[pointer] = out[pointer] ? out[pointer] + '; ' + message : message;
  }
  return out;
}

/** The field errors as sentences: "Postal code: must not be empty". */
export function fieldSentences(problem) {
  return Object.entries(fieldErrors(problem)).map(([pointer, message]) => {
    const name = fieldName(pointer) || 'request';
    return name.charAt(0).toUpperCase() + name.slice(1) + ': ' + message;
  });
}

/** An alert box for a problem: the sentence, then a list of field errors. Screen readers announce it. */
export function problemBox(problem) {
  const fields = fieldSentences(problem);
  return h('div', {class: 'problem', role: 'alert'},
    h('p', describe(problem)),
    fields.length ? h('ul', fields.map((text) => h('li', text))) : null,
    problem?.requestId ? h('p', {class: 'muted small'}, 'Reference: ' + problem.requestId) : null);
}

/**
 * Marks a form's inputs with their field errors: `name` attributes are matched against the
 * last part of each pointer (or the whole pointer without the slash, "shippingAddress/city").
 * Returns the problems no field claimed.
 */
export function markFields(form, problem) {
  for (const old of form.querySelectorAll('.field-error')) old.remove();
  for (const input of form.querySelectorAll('[aria-invalid]')) input.removeAttribute('aria-invalid');
  const unclaimed = [];
  for (const [pointer, message] of Object.entries(fieldErrors(problem))) {
    const path = pointer.replace(/^\//, '');
    const last = path.split('/').pop();
    const input = form.querySelector(`[name="${CSS.escape(path)}"]`) || form.querySelector(`[name="${CSS.escape(last)}"]`);
    if (!input) {
      unclaimed.push(message);
      continue;
    }
    const id = (input.id || input.name) + '-error';
    input.setAttribute('aria-invalid', 'true');
    input.setAttribute('aria-describedby', id);
    input.insertAdjacentElement('afterend', h('p', {class: 'field-error', id}, message));
  }
  return unclaimed;
}
