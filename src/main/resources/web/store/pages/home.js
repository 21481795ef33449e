// The home page: the category tree and the best-rated products, with placeholders of the
// same size while they load.

import {api} from '/shared/api.js';
import {h, mount} from '/shared/dom.js';
import {problemBox} from '/shared/problems.js';
import {placeholderCards, productCard} from '../components.js';

export default async function home({root, title, signal}) {
  title('');
  const categories = h('ul', {class: 'category-list', 'aria-label': 'Categories'},
    Array.from({length: 4}, () => h('li', h('div', {class: 'skeleton category-placeholder', 'aria-hidden': 'true'}))));
  const featured = h('div', {class: 'grid', 'aria-live': 'polite'}, placeholderCards(8));
  mount(root,
    h('section', {class: 'hero'},
      h('h1', 'Good things from independent shops'),
      h('p', 'Kitchenware, lighting and gear for the outdoors, shipped by the sellers who make and stock them.'),
      h('a', {class: 'button secondary', href: '/products'}, 'Browse everything')),
    h('h2', 'Shop by category'), categories,
    h('h2', 'Best rated'), featured);

  const [tree, best] = await Promise.allSettled([
    api.get('/categories', {signal}),
    api.get('/search/products?sort=rating&limit=8', {signal}),
  ]);
  if (tree.status === 'fulfilled') {
    mount(categories, (tree.value?.items || []).map((node) => h('li',
      h('a', {href: '/products?category=' + node.id}, node.name,
        (node.children || []).length
          ? h('span', {class: 'small muted'}, node.children.map((c) => c.name).join(', '))
          : null))));
  } else {
    mount(categories, h('li', problemBox(tree.reason)));
  }
  if (best.status === 'fulfilled') {
    const items = best.value?.items || [];
    mount(featured, items.length ? items.map((item, i) => productCard(item, {eager: i < 4}))
      : h('p', {class: 'muted'}, 'No products yet.'));
  } else {
    mount(featured, problemBox(best.reason));
  }
}
