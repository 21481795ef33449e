// The console shell: sign-in, the menu of what the principal may do, and a small router
// over /console/<section>[/<more>] that loads each page module on first use and moves the
// focus to the new page's heading.
import { session, principal, api } from './core.js';
import { h, fill, form, field, header, wording } from './ui.js';
import { SECTIONS, sectionsFor } from './nav.js';

const BASE = '/console/';
const main = document.getElementById('main');
const nav = document.getElementById('nav');
const who = document.getElementById('who');
const signOut = document.getElementById('sign-out');
const menu = document.getElementById('menu-toggle');
let current = null;
const emails = new Map();

/** The principal with the permissions its roles grant (read from the API), or null. */
async function who_am_i() {
  const p = principal();
  if (!p) return null;
  if (!p.email) {
    // Access tokens carry no email: the profile says who this is, once per account.
    if (!emails.has(p.sub)) emails.set(p.sub, api.get('/profile/me').then(me => me.email ?? null).catch(() => null));
    p.email = await emails.get(p.sub);
  }
  if (p.type !== 'admin' && p.roles.length) {
    try {
      p.permissions = (await api.get('/auth/permissions')).permissions ?? [];
    } catch {
      p.permissions = [];
    }
  }
  return p;
}

export function go(path, { replace = false } = {}) {
  const url = path.startsWith('/') ? path : BASE + path;
  if (replace) history.replaceState(null, '', url); else history.pushState(null, '', url);
  route();
}

async function route() {
  const p = await who_am_i();
  menu.setAttribute('aria-expanded', 'false');
  nav.classList.remove('open');
  const rest = location.pathname.startsWith(BASE) ? location.pathname.slice(BASE.length) : '';
  const [path, ...more] = rest.split('/').filter(Boolean);
  renderChrome(p, path);
  if (!p) return show(signInPage());
  if (!path) return show(home(p));
  const section = SECTIONS.find(s => s.path === path);
  if (!section) return show(h('section', {}, header('Page not found'), h('p', {}, 'There is no console page at this address. ',
    h('a', { href: BASE }, 'Go to the start page'), '.')));
  if (!sectionsFor(p).includes(section)) {
    return show(h('section', {}, header(section.title), h('p', { role: 'alert' },
      `Your account (${p.type}) may not use this page. `, h('a', { href: BASE }, 'Go to the start page'), '.')));
  }
  document.title = `${section.title} · Mercato console`;
  const container = h('section');
  show(container);
  const token = (current = {});
  try {
    const module = await import(`./pages/${section.module}.js`);
    await module.render(container, { principal: p, section, more, params: new URLSearchParams(location.search), go, isCurrent: () => current === token });
  } catch (problem) {
    fill(container, header(section.title), h('div', { class: 'problem', role: 'alert' }, h('p', {}, wording(problem))));
  }
  if (current === token) focusHeading(container);
}

function show(node) {
  fill(main, node);
  focusHeading(node);
}

function focusHeading(node) {
  const heading = node.querySelector('h1');
  if (heading) heading.focus();
}

function renderChrome(p, path) {
  who.textContent = p ? `${p.email ?? p.sub} (${p.type})` : '';
  signOut.hidden = !p;
  menu.hidden = !p;
  if (!p) return fill(nav);
  const groups = new Map();
  for (const s of sectionsFor(p)) {
    if (!groups.has(s.group)) groups.set(s.group, []);
    groups.get(s.group).push(s);
  }
  fill(nav, h('ul', {}, h('li', {}, link(BASE, 'Start', !path)),
    [...groups].map(([group, list]) => h('li', {}, h('p', { class: 'group', id: `nav-${group}` }, group),
      h('ul', { 'aria-labelledby': `nav-${group}` }, list.map(s => h('li', {}, link(BASE + s.path, s.title, s.path === path))))))));
}

const link = (href, text, here) => h('a', { href, 'aria-current': here ? 'page' : null }, text);

function home(p) {
  document.title = 'Mercato console';
  const list = sectionsFor(p);
  return h('section', {}, header('Console', `Signed in as ${p.email ?? p.sub}, a ${p.type} account${p.roles.length ? ` with the roles ${p.roles.join(', ')}` : ''}.`),
    list.length ? h('ul', { class: 'tiles' }, list.map(s => h('li', {}, h('a', { href: BASE + s.path, class: 'tile' }, h('span', { class: 'group' }, s.group), s.title))))
      : h('p', {}, 'This account has nothing to manage here. Customers shop on the ', h('a', { href: '/' }, 'storefront'), '.'));
}

function signInPage() {
  document.title = 'Sign in · Mercato console';
  return h('section', { class: 'narrow' }, header('Sign in to the console'),
    form({
      title: 'Your account', submit: 'Sign in',
      fields: [
        field({ label: 'Email', name: 'email', type: 'email', required: true, attrs: { autocomplete: 'username' } }),
        field({ label: 'Password', name: 'password', type: 'password', required: true, attrs: { autocomplete: 'current-password' } }),
      ],
      onSubmit: async ({ email, password }) => {
        await (session.signIn ?? session.login).call(session, email, password);
        signedInAs = principal()?.sub ?? null;
        route();
      },
    }));
}

document.addEventListener('click', event => {
  const a = event.target.closest('a[href]');
  if (!a || a.target || event.ctrlKey || event.metaKey || event.shiftKey || event.button !== 0) return;
  const url = new URL(a.href, location.href);
  if (url.origin !== location.origin || !url.pathname.startsWith(BASE)) return;
  event.preventDefault();
  go(url.pathname + url.search);
});
window.addEventListener('popstate', route);
menu.addEventListener('click', () => {
  const open = menu.getAttribute('aria-expanded') !== 'true';
  menu.setAttribute('aria-expanded', String(open));
  nav.classList.toggle('open', open);
  if (open) nav.querySelector('a')?.focus();
});
signOut.addEventListener('click', async () => {
  try { await (session.signOut ?? session.logout).call(session); } catch { /* signed out locally anyway */ }
  go(BASE);
});
let signedInAs = principal()?.sub ?? null;
session.onChange?.(() => {
  // A refreshed token changes nothing on screen; signing in or out (here or in another tab) does.
  const now = principal()?.sub ?? null;
  if (now !== signedInAs) {
    signedInAs = now;
    route();
  }
});
route().catch(problem => fill(main, h('p', { role: 'alert' }, wording(problem))));
