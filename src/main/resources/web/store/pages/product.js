// One product: its images, price, live availability (read again every few seconds while
// the page is shown), the rating distribution, the reviews (paged), adding to the cart and,
// for a customer who bought it, writing a review.

import {api, query} from '/shared/api.js';
import {h, mount} from '/shared/dom.js';
import {date, money, number} from '/shared/format.js';
import {problemBox} from '/shared/problems.js';
import * as session from '/shared/session.js';
import * as cart from '../cart.js';
import {field, onSubmit, stars} from '../components.js';
import {toast} from '../layout.js';

const AVAILABILITY_MS = 8000;

function gallery(product) {
  const images = product.images?.length ? product.images : [{url: null, alt: product.name}];
  const main = h('div', {class: 'media'}, images[0].url
    ? h('img', {src: images[0].url, alt: images[0].alt || product.name, width: 400, height: 300}) : null);
  const thumbs = images.length > 1 ? h('div', {class: 'thumbs'}, images.map((image, i) => h('button', {
    type: 'button', 'aria-pressed': String(i === 0), 'aria-label': `Show image ${i + 1}: ${image.alt || product.name}`,
    onclick: (event) => {
      mount(main, h('img', {src: image.url, alt: image.alt || product.name, width: 400, height: 300}));
      for (const b of thumbs.children) b.setAttribute('aria-pressed', String(b === event.currentTarget));
    },
  }, h('img', {src: image.url, alt: '', width: 72, height: 54})))) : null;
  return h('div', {class: 'gallery'}, main, thumbs);
}

function availabilityText(stock) {
  const available = stock?.available ?? stock?.total ?? 0;
  if (available <= 0) return h('span', {class: 'status bad'}, 'Out of stock');
  if (available <= 5) return h('span', {class: 'status warn'}, `Only ${available} left`);
  return h('span', {class: 'status ok'}, 'In stock');
}

function distribution(rating) {
  const counts = rating?.distribution || {};
  const total = rating?.count || 0;
  return h('div', {class: 'distribution'},
    [5, 4, 3, 2, 1].map((star) => {
      const count = counts[star] || 0;
      return [
        h('span', {class: 'small', id: `stars-${star}`}, `${star} stars`),
        h('meter', {min: 0, max: Math.max(total, 1), value: count, 'aria-labelledby': `stars-${star}`}),
        h('span', {class: 'small muted'}, number(count)),
      ];
    }));
}

function review(item) {
  return h('article', {class: 'review'},
    h('h3', item.title),
    h('p', {class: 'small'}, h('span', {class: 'stars', 'aria-hidden': 'true'}, '★'.repeat(item.rating) + '☆'.repeat(5 - item.rating)),
      h('span', {class: 'visually-hidden'}, `${item.rating} of 5 stars`),
      ' ', h('span', {class: 'muted'}, [item.authorName || 'A customer', item.verifiedPurchase ? ' · verified purchase' : '',
        ' · ', date(item.createdAt)].join(''))),
    h('p', item.text));
}

function reviewForm(product, onDone) {
  const form = h('form', {class: 'card', id: 'review-form', 'aria-labelledby': 'review-heading'},
    h('h3', {id: 'review-heading'}, 'Write a review'),
    h('fieldset', h('legend', 'Your rating'),
      h('div', {class: 'row'}, [5, 4, 3, 2, 1].map((n) => h('label', {class: 'check'},
        h('input', {type: 'radio', name: 'rating', value: n, required: true}), `${n} ${n === 1 ? 'star' : 'stars'}`)))),
    field('Title', {name: 'title', type: 'text', required: true, maxlength: 120}),
    field('Review', {name: 'text', type: 'textarea', required: true, rows: 4, maxlength: 4000}),
    h('button', {type: 'submit'}, 'Publish review'));
  return onSubmit(form, async () => {
    const data = new FormData(form);
    await api.post('/reviews', {productId: product.id, rating: Number(data.get('rating')),
      title: data.get('title'), text: data.get('text')});
    toast('Thank you: your review is published.');
    onDone();
  });
}

export default async function productPage({root, params, title, signal}) {
  mount(root, h('div', {class: 'split halves'}, h('div', {class: 'media'}),
    h('div', h('h1', {class: 'skeleton-line'}, ' '), h('div', {class: 'skeleton-line'}), h('div', {class: 'skeleton-line'}))));
  const product = await api.get('/products/' + encodeURIComponent(params.id), {signal});
  title(product.name);

  const availability = h('p', {class: 'availability', id: 'availability', 'aria-live': 'polite'}, ' ');
  const quantity = h('input', {type: 'number', id: 'quantity', name: 'quantity', class: 'quantity', min: 1, max: 99,
    value: 1, inputmode: 'numeric'});
  const addSlot = h('div');
  const add = h('button', {type: 'button', id: 'add-to-cart', onclick: async () => {
    add.disabled = true;
    addSlot.replaceChildren();
    try {
      await cart.add(product.id, Math.max(1, Number(quantity.value) || 1));
      toast(`${product.name} is in your cart.`, {href: '/cart', text: 'View cart'});
    } catch (problem) {
      addSlot.append(problemBox(problem));
    } finally {
      add.disabled = false;
    }
  }}, 'Add to cart');

  const reviews = h('div', {id: 'reviews'});
  const more = h('div');
  const writeSlot = h('div', {id: 'write-review'});
  const summary = h('div', {id: 'rating-summary'});

  const showRating = (rating) => mount(summary, stars(rating?.average, rating?.count), distribution(rating));

  mount(root,
    h('nav', {'aria-label': 'Breadcrumb', class: 'small'}, h('a', {href: '/products'}, 'All products'),
      product.categoryId ? [' › ', h('a', {href: '/products?category=' + product.categoryId}, 'This category')] : null),
    h('div', {class: 'split halves'},
      gallery(product),
      h('div', {class: 'buy-box'},
        h('h1', product.name),
        h('p', {class: 'price', id: 'price'}, money(product.price)),
        availability,
        h('div', {class: 'row'}, h('label', {for: 'quantity', class: 'visually-hidden'}, 'Quantity'), quantity, add),
        addSlot,
        product.description ? h('p', product.description) : null,
        (product.tags || []).length ? h('p', product.tags.map((t) => [h('a', {class: 'tag', href: '/products?tag=' + encodeURIComponent(t)}, t), ' '])) : null,
        Object.keys(product.attributes || {}).length ? h('dl', {class: 'small'}, Object.entries(product.attributes)
          .map(([k, v]) => [h('dt', {class: 'muted'}, k), h('dd', typeof v === 'object' ? JSON.stringify(v) : String(v))])) : null)),
    h('section', {'aria-labelledby': 'reviews-heading'},
      h('h2', {id: 'reviews-heading'}, 'Reviews'),
      summary, writeSlot, reviews, more));
  showRating(product.rating);

  // Live availability: read now, then again every few seconds while this page is visible.
  const readStock = async () => {
    if (document.hidden) return;
    try {
      mount(availability, availabilityText(await api.get(`/inventory/product/${product.id}`, {signal})));
    } catch (problem) {
      if (problem.name !== 'AbortError') mount(availability, h('span', {class: 'muted'}, 'Availability unknown right now'));
    }
  };
  readStock();
  const timer = setInterval(readStock, AVAILABILITY_MS);
  document.addEventListener('visibilitychange', readStock);

  const loadReviews = async (cursor) => {
    const page = await api.get('/reviews' + query({productId: product.id, limit: 5, cursor}), {signal});
    if (!cursor) mount(reviews);
    const items = page.items || [];
    if (!cursor && !items.length) reviews.append(h('p', {class: 'muted'}, 'No reviews yet.'));
    reviews.append(...items.map(review));
    mount(more, page.nextCursor
      ? h('button', {type: 'button', class: 'secondary', onclick: () => loadReviews(page.nextCursor)}, 'More reviews') : null);
  };
  const refreshReviews = async () => {
    await loadReviews();
    try {
      showRating((await api.get('/products/' + product.id, {signal})).rating);
    } catch {
      // the summary catches up on the next visit
    }
  };
  await loadReviews().catch((problem) => mount(reviews, problemBox(problem)));

  const who = session.principal();
  if (who?.typ === 'customer') {
    mount(writeSlot, reviewForm(product, () => {
      mount(writeSlot, h('p', {class: 'notice', role: 'status'}, 'Your review is published.'));
      refreshReviews();
    }));
  } else if (!who) {
    mount(writeSlot, h('p', {class: 'muted'}, h('a', {href: '/sign-in?next=' + encodeURIComponent(location.pathname)}, 'Sign in'),
      ' to review a product you bought.'));
  }

  return () => {
    clearInterval(timer);
    document.removeEventListener('visibilitychange', readStock);
  };
}
