// Sign in. A guest cart is merged into the customer's cart right after.

import {h, mount} from '/shared/dom.js';
import * as session from '/shared/session.js';
import * as cart from '../cart.js';
import {field, onSubmit} from '../components.js';
import {toast} from '../layout.js';
import {nextPath} from '../next.js';
import {navigate} from '../router.js';

export default function signIn({root, title, query}) {
  title('Sign in');
  const next = nextPath(query);
  const form = h('form', {id: 'sign-in-form', class: 'card'},
    field('Email', {name: 'email', type: 'email', required: true, autocomplete: 'username'}),
    field('Password', {name: 'password', type: 'password', required: true, autocomplete: 'current-password'}),
    h('button', {type: 'submit'}, 'Sign in'));
  onSubmit(form, async () => {
    const data = new FormData(form);
    const who = await session.signIn(String(data.get('email')).trim(), data.get('password'));
    const merged = await cart.mergeAfterSignIn().catch(() => null);
    toast(merged && cart.units(merged) ? `Signed in. Your cart has ${cart.units(merged)} items.` : 'Signed in.');
    navigate(who?.typ === 'customer' || next !== '/' ? next : '/console/');
  });
  mount(root, h('div', {class: 'narrow stack'},
    h('h1', 'Sign in'),
    query.get('verified') ? h('p', {class: 'notice', role: 'status'}, 'Your email address is verified: sign in to continue.') : null,
    query.get('reset') ? h('p', {class: 'notice', role: 'status'}, 'Your password is changed: sign in with the new one.') : null,
    form,
    h('p', h('a', {href: '/forgot-password'}, 'Forgot your password?')),
    h('p', 'New here? ', h('a', {href: '/register' + (next !== '/' ? '?next=' + encodeURIComponent(next) : '')}, 'Create an account'))));
}
