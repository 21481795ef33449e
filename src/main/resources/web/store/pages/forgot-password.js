// Ask for a password-reset mail. The answer is the same whether or not the address is known.

import {api} from '/shared/api.js';
import {h, mount} from '/shared/dom.js';
import {field, onSubmit} from '../components.js';

export default function forgotPassword({root, title}) {
  title('Forgotten password');
  const form = h('form', {id: 'forgot-form', class: 'card'},
    field('Email', {name: 'email', type: 'email', required: true, autocomplete: 'email'}),
    h('button', {type: 'submit'}, 'Send me a link'));
  onSubmit(form, async () => {
    await api.post('/profile/password-reset-request', {email: String(new FormData(form).get('email')).trim()}, {auth: false});
    mount(root, h('div', {class: 'narrow stack'}, h('h1', 'Check your inbox'),
      h('p', {class: 'notice', role: 'status'}, 'If an account uses that address, a link to choose a new password is on its way. It works for 30 minutes.')));
  });
  mount(root, h('div', {class: 'narrow stack'}, h('h1', 'Forgotten password'),
    h('p', 'We will mail you a link to choose a new password.'), form));
}
