// History-API routing for the storefront: links to our own pages are followed without a
// reload, each page module is loaded when first visited, and after each navigation the
// focus moves to the page's heading so keyboard and screen-reader users know where they are.
//
// A page module exports `default async function (ctx)` with ctx = {params, query, root,
// signal, title(text)}; it may return a cleanup function, called when the page is left.

import {focus, h, mount} from '/shared/dom.js';
import {problemBox} from '/shared/problems.js';

const routes = [];
let fallback = null;
let cleanup = null;
let controller = null;
let root = null;
let siteName = 'Mercato';

/** Adds a route: `pattern` like "/products/:id", `load` like () => import('./pages/product.js'). */
export function route(pattern, load) {
  if (pattern === '*') {
    fallback = {load, params: {}};
    return;
  }
  const names = [];
  const regex = new RegExp('^' + pattern.replace(/:(\w+)/g, (_, name) => {
    names.push(name);
    return '([^/]+)';
  }) + '/?$');
  routes.push({regex, names, load});
}

function match(path) {
  for (const one of routes) {
    const found = one.regex.exec(path);
    if (found) {
      const params = {};
      one.names.forEach((name, i) => {
        params[name] = decodeURIComponent(found[i + 1]);
      });
      return {load: one.load, params};
    }
  }
  return fallback;
}

/** Goes to `href` (a path on this site) without reloading. */
export function navigate(href, {replace = false} = {}) {
  const url = new URL(href, location.origin);
  if (replace) history.replaceState(null, '', url.pathname + url.search + url.hash);
  else history.pushState(null, '', url.pathname + url.search + url.hash);
  return render();
}

/** Renders the current address again (after sign-in, for instance). */
export function refresh() {
  return render({keepFocus: true});
}

async function render({keepFocus = false} = {}) {
  if (cleanup) {
    try {
      cleanup();
    } catch (e) {
      console.error(e);
    }
    cleanup = null;
  }
  controller?.abort();
  controller = new AbortController();
  const signal = controller.signal;
  const found = match(location.pathname);
  const ctx = {
    params: found?.params || {},
    query: new URLSearchParams(location.search),
    root,
    signal,
    title: (text) => {
      document.title = text ? `${text} · ${siteName}` : siteName;
    },
  };
  root.setAttribute('aria-busy', 'true');
  try {
    const module = await found.load();
    if (signal.aborted) return;
    const result = await module.default(ctx);
    if (signal.aborted) {
      if (typeof result === 'function') result();
      return;
    }
    cleanup = typeof result === 'function' ? result : null;
  } catch (e) {
    if (signal.aborted || e.name === 'AbortError') return;
    console.error(e);
    ctx.title('Something went wrong');
    mount(root, h('h1', 'Something went wrong'), problemBox(e));
  } finally {
    if (!signal.aborted) root.removeAttribute('aria-busy');
  }
  if (!signal.aborted && !keepFocus) {
    if (location.hash) document.getElementById(location.hash.slice(1))?.scrollIntoView();
    else window.scrollTo(0, 0);
    focus(root.querySelector('h1') || root);
  }
  // Which address the page now shows in full (tests and tools wait for it).
  if (!signal.aborted) root.dataset.rendered = location.pathname + location.search;
}

function ours(anchor, event) {
  if (!anchor || event.defaultPrevented || event.button !== 0) return false;
  if (event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return false;
  if (anchor.target && anchor.target !== '_self') return false;
  if (anchor.hasAttribute('download') || anchor.getAttribute('rel') === 'external') return false;
  const url = new URL(anchor.href, location.href);
  // The consoles and the API documentation are other applications on this origin.
  return url.origin === location.origin && !url.pathname.startsWith('/console') && !url.pathname.startsWith('/docs');
}

/** Starts routing: renders the current address, then follows link clicks and back/forward. */
export function start(container, name) {
  root = container;
  siteName = name || siteName;
  document.addEventListener('click', (event) => {
    const anchor = event.target.closest('a[href]');
    if (!ours(anchor, event)) return;
    event.preventDefault();
    navigate(anchor.href);
  });
  window.addEventListener('popstate', () => render());
  return render();
}
