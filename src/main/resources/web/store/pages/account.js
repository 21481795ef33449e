// The profile: name and phone, the email address and its verification, saved addresses,
// links to orders and notification preferences, and closing the account.

import {api} from '/shared/api.js';
import {h, mount} from '/shared/dom.js';
import {problemBox} from '/shared/problems.js';
import * as session from '/shared/session.js';
import {field, onSubmit} from '../components.js';
import {toast} from '../layout.js';
import {navigate} from '../router.js';

export default async function account({root, title, signal}) {
  title('Your account');
  if (!session.principal()) {
    navigate('/sign-in?next=/account', {replace: true});
    return;
  }
  mount(root, h('h1', 'Your account'), h('div', {class: 'skeleton-line'}));
  let profile;
  try {
    profile = await api.get('/profile/me', {signal});
  } catch (problem) {
    if (problem.name !== 'AbortError') mount(root, h('h1', 'Your account'), problemBox(problem));
    return;
  }
  const details = h('form', {id: 'profile-form', class: 'card'},
    h('h2', 'Your details'),
    h('div', {class: 'split halves'},
      field('First name', {name: 'firstName', type: 'text', autocomplete: 'given-name', value: profile.firstName || ''}),
      field('Last name', {name: 'lastName', type: 'text', autocomplete: 'family-name', value: profile.lastName || ''})),
    field('Phone', {name: 'phone', type: 'tel', autocomplete: 'tel', value: profile.phone || ''}, '(optional)'),
    h('button', {type: 'submit'}, 'Save'));
  onSubmit(details, async () => {
    const data = Object.fromEntries(new FormData(details));
    const blankToNull = (v) => (v && v.trim() ? v.trim() : null);
    await api.put('/profile/me', {firstName: blankToNull(data.firstName), lastName: blankToNull(data.lastName),
      phone: blankToNull(data.phone)});
    toast('Your details are saved.');
  });

  const verifySlot = h('div');
  const email = h('section', {class: 'card', 'aria-labelledby': 'email-heading'},
    h('h2', {id: 'email-heading'}, 'Email'),
    h('p', profile.email, ' ', profile.emailVerified
      ? h('span', {class: 'status ok'}, 'Verified') : h('span', {class: 'status warn'}, 'Not verified yet')),
    profile.emailVerified ? null : h('button', {type: 'button', class: 'secondary', id: 'resend', onclick: async () => {
      verifySlot.replaceChildren();
      try {
        await api.post('/auth/verify-email/resend');
        verifySlot.append(h('p', {class: 'notice', role: 'status'}, 'A new link is on its way.'));
      } catch (problem) {
        verifySlot.append(problemBox(problem));
      }
    }}, 'Send the link again'), verifySlot);

  const addresses = h('section', {class: 'card', 'aria-labelledby': 'addresses-heading'},
    h('h2', {id: 'addresses-heading'}, 'Saved addresses'),
    (profile.addresses || []).length
      ? h('ul', profile.addresses.map((a) => h('li', [a.name, a.line1, a.postalCode + ' ' + a.city, a.country].filter(Boolean).join(', '))))
      : h('p', {class: 'muted'}, 'None yet: the checkout offers to save the one you use.'));

  const closeSlot = h('div');
  const close = h('form', {class: 'card', id: 'close-account', 'aria-labelledby': 'close-heading'},
    h('h2', {id: 'close-heading'}, 'Close your account'),
    h('p', 'Your personal data is erased and you are signed out everywhere. Orders stay, without your name.'),
    h('label', {class: 'check'}, h('input', {type: 'checkbox', name: 'confirm', required: true, id: 'confirm-close'}),
      'I understand this cannot be undone'),
    closeSlot,
    h('button', {type: 'submit', class: 'danger'}, 'Close my account'));
  onSubmit(close, async () => {
    await api.del('/profile/me');
    await session.signOut();
    toast('Your account is closed.');
    navigate('/');
  });

  mount(root,
    h('h1', 'Your account'),
    h('p', h('a', {href: '/orders'}, 'Your orders'), ' · ', h('a', {href: '/notifications'}, 'Notifications'), ' · ',
      h('a', {href: '/preferences'}, 'Notification preferences')),
    h('div', {class: 'stack'}, details, email, addresses, close));
}
