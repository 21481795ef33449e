// Create a customer account; the verification link arrives by mail.

import {api} from '/shared/api.js';
import {h, mount} from '/shared/dom.js';
import {field, onSubmit} from '../components.js';
import {nextPath} from '../next.js';

export default function register({root, title, query}) {
  title('Create an account');
  const next = nextPath(query, '');
  const form = h('form', {id: 'register-form', class: 'card'},
    field('Name', {name: 'name', type: 'text', required: true, autocomplete: 'name', maxlength: 200}),
    field('Email', {name: 'email', type: 'email', required: true, autocomplete: 'email'}),
    field('Password', {name: 'password', type: 'password', required: true, minlength: 12, autocomplete: 'new-password',
      'aria-describedby': 'password-hint'}),
    h('p', {class: 'hint small muted', id: 'password-hint'}, 'At least 12 characters; a short sentence works well.'),
    h('button', {type: 'submit'}, 'Create account'));
  onSubmit(form, async () => {
    const data = new FormData(form);
    const email = String(data.get('email')).trim();
    await api.post('/auth/register', {type: 'customer', name: data.get('name'), email, password: data.get('password')},
      {auth: false});
    if (next) sessionStorage.setItem('mercato.afterVerify', next);
    mount(root, h('div', {class: 'narrow stack'},
      h('h1', 'Check your inbox'),
      h('p', {class: 'notice', role: 'status', id: 'registered'}, `We sent a link to ${email}. Follow it to verify your address, then sign in.`),
      h('p', 'Your cart is kept on this device meanwhile.'),
      h('p', h('a', {href: '/sign-in'}, 'Sign in'))));
  });
  mount(root, h('div', {class: 'narrow stack'},
    h('h1', 'Create an account'), form,
    h('p', 'Already have one? ', h('a', {href: '/sign-in'}, 'Sign in'))));
}
