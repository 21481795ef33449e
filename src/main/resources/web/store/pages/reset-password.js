// The page the reset mail links to (/reset-password?token=...): a new password, set
// through the API; every session of the account ends, so the person signs in again.

import {api} from '/shared/api.js';
import {h, mount} from '/shared/dom.js';
import * as session from '/shared/session.js';
import {field, onSubmit} from '../components.js';
import {navigate} from '../router.js';

export default function resetPassword({root, title, query}) {
  title('Choose a new password');
  const token = query.get('token');
  history.replaceState(null, '', '/reset-password');
  if (!token) {
    mount(root, h('div', {class: 'narrow stack'}, h('h1', 'Choose a new password'),
      h('p', 'Open the link from the mail we sent you. ', h('a', {href: '/forgot-password'}, 'Ask for a new link'), '.')));
    return;
  }
  const form = h('form', {id: 'reset-form', class: 'card'},
    field('New password', {name: 'password', type: 'password', required: true, minlength: 12, autocomplete: 'new-password'}, '(at least 12 characters)'),
    h('button', {type: 'submit'}, 'Set password'));
  onSubmit(form, async () => {
    await api.post('/profile/password-reset', {token, password: new FormData(form).get('password')}, {auth: false});
    await session.signOut();
    navigate('/sign-in?reset=1');
  });
  mount(root, h('div', {class: 'narrow stack'}, h('h1', 'Choose a new password'), form));
}
