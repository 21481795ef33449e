// An address the storefront does not know.

import {h, mount} from '/shared/dom.js';

export default function notFound({root, title}) {
  title('Page not found');
  mount(root,
    h('h1', 'Page not found'),
    h('p', 'There is no page at this address. It may have moved, or the link may be mistyped.'),
    h('p', h('a', {href: '/'}, 'Go to the home page'), ' or ', h('a', {href: '/products'}, 'browse the shop'), '.'));
}
