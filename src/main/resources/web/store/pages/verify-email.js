// The page the verification mail links to (/verify-email?token=...): it verifies the
// address through the API, then asks the person to sign in (or refreshes their session).

import {api} from '/shared/api.js';
import {h, mount} from '/shared/dom.js';
import {problemBox} from '/shared/problems.js';
import * as session from '/shared/session.js';

export default async function verifyEmail({root, title, query}) {
  title('Verify your email');
  const token = query.get('token');
  // The token leaves the address bar (and the history) at once.
  history.replaceState(null, '', '/verify-email');
  mount(root, h('div', {class: 'narrow stack'}, h('h1', 'Verifying your email…'), h('div', {class: 'skeleton-line'})));
  if (!token) {
    mount(root, h('div', {class: 'narrow stack'}, h('h1', 'Verify your email'),
      h('p', 'Open the link from the mail we sent you. It has the code this page needs.')));
    return;
  }
  try {
    await api.post('/auth/verify-email', {token}, {auth: false});
    if (session.signedIn()) await session.refresh(); // the new access token says the address is verified
    const after = sessionStorage.getItem('mercato.afterVerify');
    sessionStorage.removeItem('mercato.afterVerify');
    const next = session.signedIn() ? (after || '/') : '/sign-in?verified=1' + (after ? '&next=' + encodeURIComponent(after) : '');
    mount(root, h('div', {class: 'narrow stack'},
      h('h1', 'Your email is verified'),
      h('p', {class: 'notice', role: 'status', id: 'verified'}, 'Thank you. You can now place orders.'),
      h('p', h('a', {class: 'button', href: next, id: 'continue'}, session.signedIn() ? 'Continue' : 'Sign in'))));
  } catch (problem) {
    mount(root, h('div', {class: 'narrow stack'},
      h('h1', 'This link did not work'),
      problemBox(problem),
      h('p', 'Links work once and expire after two days. Sign in and ask for a new one from your account page.')));
  }
}
