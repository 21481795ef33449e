// The product list and the search results (one page, /products and /search?q=): facets
// (category, tag, price, rating, in stock) counted by the search domain, sorting, and cursor
// paging. Every choice is in the address, so a result can be bookmarked, shared and reloaded.

import {api, query} from '/shared/api.js';
import {h, mount} from '/shared/dom.js';
import {money, number} from '/shared/format.js';
import {problemBox} from '/shared/problems.js';
import {placeholderCards, productCard} from '../components.js';
import {navigate} from '../router.js';

const PAGE_SIZE = 12;
const FILTERS = ['q', 'category', 'tag', 'minPrice', 'maxPrice', 'minRating', 'inStock', 'sort'];
const SORTS = [
  ['relevance', 'Best match'], ['newest', 'Newest'], ['price', 'Price: low to high'],
  ['-price', 'Price: high to low'], ['rating', 'Best rated'],
];
// The cursor that led to each page, to offer "Previous page" (cursors only go forward).
const PREVIOUS = 'mercato.previousCursors';

function href(current, changes) {
  const next = {};
  for (const name of FILTERS) {
    if (current.get(name)) next[name] = current.get(name);
  }
  Object.assign(next, changes);
  delete next.cursor;
  if (changes.cursor) next.cursor = changes.cursor;
  const path = next.q ? '/search' : '/products';
  return path + query(next);
}

function option(current, label, count, changes, active) {
  return h('li', h('a', {href: href(current, changes), 'aria-current': active ? 'true' : null},
    label, ' ', h('span', {class: 'count'}, `(${number(count)})`)));
}

function facets(current, answer) {
  const f = answer.facets || {};
  const groups = [];
  const category = current.get('category');
  if ((f.categories || []).length) {
    groups.push(h('h2', 'Category'), h('ul', [
      category ? h('li', h('a', {href: href(current, {category: null})}, 'All categories')) : null,
      ...f.categories.map((c) => option(current, c.name || 'Other', c.count, {category: c.id}, c.id === category)),
    ]));
  }
  const tag = current.get('tag');
  if ((f.tags || []).length) {
    groups.push(h('h2', 'Tag'), h('ul', [
      tag ? h('li', h('a', {href: href(current, {tag: null})}, 'Any tag')) : null,
      ...f.tags.map((t) => option(current, t.tag, t.count, {tag: t.tag}, t.tag === tag)),
    ]));
  }
  if ((f.price || []).length) {
    const currency = answer.items?.[0]?.price?.currency || 'EUR';
    const chosen = current.get('minPrice');
    groups.push(h('h2', 'Price'), h('ul', [
      chosen || current.get('maxPrice')
        ? h('li', h('a', {href: href(current, {minPrice: null, maxPrice: null})}, 'Any price')) : null,
      ...f.price.map((b) => {
        const label = b.to === null || b.to === undefined
          ? `${money(b.from, currency)} and more` : `${money(b.from, currency)} to ${money(b.to, currency)}`;
        return option(current, label, b.count,
          {minPrice: b.from, maxPrice: b.to === null || b.to === undefined ? null : b.to - 1}, String(b.from) === chosen);
      }),
    ]));
  }
  if ((f.rating || []).length) {
    const chosen = current.get('minRating');
    groups.push(h('h2', 'Rating'), h('ul', [
      chosen ? h('li', h('a', {href: href(current, {minRating: null})}, 'Any rating')) : null,
      ...f.rating.filter((r) => r.count > 0)
        .map((r) => option(current, `${r.min} stars and up`, r.count, {minRating: r.min}, String(r.min) === chosen)),
    ]));
  }
  if (typeof f.inStock === 'number') {
    const only = current.get('inStock') === 'true';
    groups.push(h('h2', 'Availability'), h('ul',
      only ? h('li', h('a', {href: href(current, {inStock: null})}, 'Include out of stock'))
        : option(current, 'In stock only', f.inStock, {inStock: 'true'}, false)));
  }
  return groups;
}

export default async function products({root, query: current, title, signal}) {
  const text = current.get('q') || '';
  title(text ? `Search: ${text}` : 'All products');
  const results = h('div', {class: 'grid', id: 'results', 'aria-live': 'polite'}, placeholderCards(PAGE_SIZE));
  const side = h('aside', {class: 'facets', id: 'facets', 'aria-label': 'Filters', dataset: {open: 'false'}},
    h('div', {class: 'skeleton-line'}), h('div', {class: 'skeleton-line'}));
  const toggle = h('button', {type: 'button', class: 'secondary filters-toggle', 'aria-controls': 'facets',
    'aria-expanded': 'false', onclick: () => {
      const open = side.dataset.open !== 'true';
      side.dataset.open = String(open);
      toggle.setAttribute('aria-expanded', String(open));
    }}, 'Filters');
  const summary = h('p', {class: 'muted', id: 'result-summary'}, ' ');
  const sort = h('select', {id: 'sort', name: 'sort', onchange: (event) => navigate(href(current, {sort: event.target.value}))},
  SORTS.filter(([value]) => text || value !== 'relevance')
    .map(([value, label]) => h('option', {value, selected: (current.get('sort') || (text ? 'relevance' : 'newest')) === value}, label)));
  const pager = h('nav', {class: 'pager', 'aria-label': 'Pages'});
  mount(root,
    h('h1', text ? `Results for “${text}”` : 'All products'),
    h('div', {class: 'split'},
      h('div', toggle, side),
      h('div',
        h('div', {class: 'toolbar'}, summary, h('div', h('label', {for: 'sort'}, 'Sort by'), sort)),
        results, pager)));

  const params = {limit: PAGE_SIZE, cursor: current.get('cursor')};
  for (const name of FILTERS) params[name] = current.get(name);
  if (!text && !params.sort) params.sort = 'newest';
  let answer;
  try {
    answer = await api.get('/search/products' + query(params), {signal});
  } catch (problem) {
    if (problem.name === 'AbortError') return;
    mount(results, problemBox(problem));
    mount(side);
    return;
  }
  const items = answer.items || [];
  const fuzzy = answer.fuzzy && text ? ' Showing close matches for your spelling.' : '';
  mount(summary, `${number(answer.total ?? items.length)} ${answer.total === 1 ? 'product' : 'products'}.${fuzzy}`);
  mount(results, items.length
    ? items.map((item, i) => productCard(item, {eager: i < 4}))
    : h('div', h('p', 'Nothing matches.'), h('p', h('a', {href: '/products'}, 'See all products'))));
  mount(side, facets(current, answer));
  const chosen = (answer.facets?.categories || []).find((c) => c.id === current.get('category'));
  if (chosen && !text) {
    mount(root.querySelector('h1'), chosen.name);
    title(chosen.name);
  }

  const previous = JSON.parse(sessionStorage.getItem(PREVIOUS) || '{}');
  const here = current.get('cursor') || '';
  if (answer.nextCursor) {
    previous[answer.nextCursor] = here;
    sessionStorage.setItem(PREVIOUS, JSON.stringify(previous));
  }
  mount(pager,
    here ? h('a', {class: 'button secondary', rel: 'prev', href: href(current, {cursor: previous[here] || null})},
      'Previous page') : null,
    answer.nextCursor ? h('a', {class: 'button secondary', rel: 'next', href: href(current, {cursor: answer.nextCursor})},
      'Next page') : null);
}
