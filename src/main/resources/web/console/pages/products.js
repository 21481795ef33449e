// A seller's products: the list (every status), and one form to create or edit a product
// with its price, status, category, tags and images.
import { api, money, majorText, minorUnits } from '../core.js';
import { h, fill, form, field, header, table, loading, badge, query, showProblem } from '../ui.js';

export async function render(root, { principal, more, go }) {
  if (more[0] === 'new') return editor(root, null, go);
  if (more[0]) return editor(root, more[0], go);
  const list = h('div');
  fill(root, header('Products', 'Everything you sell, in every status. Drafts are visible only to you.'),
    h('p', {}, h('a', { href: '/console/products/new', class: 'button primary' }, 'New product')),
    filters(list, principal), list);
  await show(list, principal, '');
}

function filters(list, principal) {
  const select = field({ label: 'Status', name: 'status', options: [
    { value: '', label: 'Every status' }, { value: 'draft', label: 'Draft' },
    { value: 'active', label: 'Active' }, { value: 'archived', label: 'Archived' }] });
  select.querySelector('select').addEventListener('change', e => show(list, principal, e.target.value));
  return h('div', { class: 'filters' }, select);
}

async function show(list, principal, status, cursor, rows = []) {
  await loading(list, () => api.get(`/products${query({ seller: principal.sub, status, limit: 50, cursor })}`), page => {
    const all = rows.concat(page.items);
    return [
      table({ caption: 'Your products', rows: all, empty: 'No products yet: create the first one.', columns: [
        { label: 'Name', cell: p => h('a', { href: `/console/products/${p.id}` }, p.name) },
        { label: 'SKU', cell: p => p.sku },
        { label: 'Price', class: 'num', cell: p => money(p.price) },
        { label: 'Status', cell: p => badge(p.status) },
        { label: 'Rating', cell: p => p.rating?.count ? `${p.rating.average} (${p.rating.count})` : '—' },
      ] }),
      page.nextCursor ? h('button', { type: 'button', class: 'secondary', onclick: () => show(list, principal, status, page.nextCursor, all) }, 'Show more') : null,
    ];
  });
}

async function editor(root, id, go) {
  fill(root, header(id ? 'Edit product' : 'New product'), h('p', { class: 'loading', role: 'status' }, 'Loading…'));
  let product, categories, tags;
  try {
    [product, categories, tags] = await Promise.all([
      id ? api.get(`/products/${id}`) : Promise.resolve(null),
      api.get('/categories').then(r => flatten(r.items)).catch(() => []),
      api.get('/tags').then(r => r.items ?? []).catch(() => []),
    ]);
  } catch (problem) {
    const area = h('div', { class: 'message', tabindex: '-1' });
    fill(root, header('Edit product'), area);
    return showProblem(area, problem);
  }
  const p = product ?? { price: { currency: 'EUR' }, status: 'draft', tags: [], images: [] };
  const images = h('fieldset', { class: 'images' }, h('legend', {}, 'Images'));
  const addImage = (img = {}) => {
    const row = h('div', { class: 'image-row' },
      field({ label: 'Image URL', name: 'imageUrl', type: 'url', value: img.url, hint: 'An absolute https address.' }),
      field({ label: 'Description for people who cannot see it', name: 'imageAlt', value: img.alt }),
      h('button', { type: 'button', class: 'secondary', onclick: () => { row.remove(); images.querySelector('button.add').focus(); } }, 'Remove image'));
    images.insertBefore(row, images.querySelector('button.add'));
    return row;
  };
  images.append(h('button', { type: 'button', class: 'secondary add', onclick: () => addImage().querySelector('input').focus() }, 'Add an image'));
  (p.images ?? []).forEach(addImage);
  const node = form({
    title: id ? p.name : 'Product details', submit: id ? 'Save changes' : 'Create product',
    fields: [
      field({ label: 'Name', name: 'name', value: p.name, required: true }),
      field({ label: 'SKU', name: 'sku', value: p.sku, required: true, hint: 'Your stock-keeping unit, unique among your products.' }),
      h('div', { class: 'row' },
        field({ label: 'Price', name: 'price', value: p.price.amount != null ? majorText(p.price.amount, p.price.currency) : '', required: true,
          attrs: { inputmode: 'decimal' }, hint: 'For example 19.99' }),
        field({ label: 'Currency', name: 'currency', value: p.price.currency, required: true, attrs: { maxlength: 3, pattern: '[A-Z]{3}' } })),
      field({ label: 'Status', name: 'status', value: p.status, options: [
        { value: 'draft', label: 'Draft (only you see it)' }, { value: 'active', label: 'Active (on sale)' }, { value: 'archived', label: 'Archived' }] }),
      field({ label: 'Category', name: 'categoryId', value: p.categoryId ?? '', options: [{ value: '', label: 'No category' }, ...categories] }),
      field({ label: 'Tags', name: 'tags', value: (p.tags ?? []).join(', '), hint: `Lower-case words separated by commas${tags.length ? `, such as ${tags.slice(0, 4).map(t => t.name ?? t.tag ?? t).join(', ')}` : ''}.` }),
      field({ label: 'Description', name: 'description', type: 'textarea', value: p.description }),
      field({ label: 'Low-stock threshold', name: 'lowStockThreshold', type: 'number', value: p.lowStockThreshold ?? '', attrs: { min: 0 } }),
    ],
    extra: images,
    onSubmit: async (values, formNode) => {
      const body = toBody(values, formNode);
      if (id) {
        await api.put(`/products/${id}`, body);
        return 'Saved.';
      }
      const made = await api.post('/products', body);
      go(`/console/products/${made.id}`, { replace: true });
      return undefined;
    },
  });
  fill(root, header(id ? 'Edit product' : 'New product'),
    h('p', {}, h('a', { href: '/console/products' }, 'Back to the products')), node);
}

function toBody(values, formNode) {
  const currency = values.currency.trim().toUpperCase();
  let amount = null;
  try { amount = minorUnits(values.price, currency); } catch { /* unknown currency: the API says so */ }
  const urls = [...formNode.querySelectorAll('[name=imageUrl]')].map(i => i.value.trim());
  const alts = [...formNode.querySelectorAll('[name=imageAlt]')].map(i => i.value.trim());
  return {
    name: values.name.trim(), sku: values.sku.trim(), status: values.status,
    price: { amount: amount ?? Number.NaN, currency },
    categoryId: values.categoryId || null,
    tags: values.tags.split(',').map(t => t.trim()).filter(Boolean),
    description: values.description.trim() || null,
    ...(values.lowStockThreshold !== '' ? { lowStockThreshold: Number(values.lowStockThreshold) } : {}),
    images: urls.map((url, i) => ({ url, ...(alts[i] ? { alt: alts[i] } : {}) })).filter(i => i.url),
  };
}

function flatten(nodes, depth = 0, out = []) {
  for (const n of nodes ?? []) {
    out.push({ value: n.id, label: `${'— '.repeat(depth)}${n.name}` });
    flatten(n.children, depth + 1, out);
  }
  return out;
}

export { flatten };
