// Reviews of the seller's products and of the seller itself, newest first, with the
// rating summary of each product.
import { api, when } from '../core.js';
import { h, fill, header, loading, table, query, field } from '../ui.js';

export async function render(root, { principal }) {
  const out = h('div');
  const products = await api.get(`/products${query({ seller: principal.sub, status: 'active', limit: 100 })}`).then(p => p.items).catch(() => []);
  const select = field({ label: 'Reviews of', name: 'target', options: [
    { value: '', label: 'Your company' }, ...products.map(p => ({ value: p.id, label: p.name }))] });
  const show = target => loading(out, () => api.get(`/reviews${query(target ? { productId: target, limit: 50 } : { companyId: principal.sub, limit: 50 })}`),
    page => [
      page.summary ? h('p', { class: 'summary' }, page.summary.count
        ? `${page.summary.count} reviews, ${page.summary.average} stars on average.` : 'No reviews yet.') : null,
      table({ caption: 'Reviews', rows: page.items, empty: 'No reviews yet.', columns: [
        { label: 'Title', cell: r => r.title },
        { label: 'Stars', class: 'num', cell: r => h('span', { 'aria-label': `${r.rating} of 5 stars` }, '★'.repeat(r.rating) + '☆'.repeat(5 - r.rating)) },
        { label: 'Review', cell: r => r.text },
        { label: 'Verified purchase', cell: r => (r.verifiedPurchase ? 'yes' : 'no') },
        { label: 'Written', cell: r => when(r.createdAt) },
      ] }),
    ]);
  select.querySelector('select').addEventListener('change', e => show(e.target.value));
  fill(root, header('Reviews', 'What customers say about your products and your company.'), h('div', { class: 'filters' }, select), out);
  await show(products[0]?.id ?? '');
  if (products[0]) select.querySelector('select').value = products[0].id;
}
