// Admin (or catalog:categories): the category tree; add, rename, move and delete categories.
import { api } from '../core.js';
import { h, fill, form, field, header, loading, action } from '../ui.js';
import { flatten } from './products.js';

export async function render(root) {
  const out = h('div');
  const area = h('div', { class: 'message', tabindex: '-1' });
  const show = () => loading(out, () => api.get('/categories'), page => {
    const options = flatten(page.items);
    return [
      page.items.length ? tree(page.items, options, show, area) : h('p', { class: 'empty' }, 'No categories yet.'),
      form({
        title: 'Add a category', submit: 'Add category',
        fields: [field({ label: 'Name', name: 'name', required: true }),
          field({ label: 'Inside', name: 'parentId', options: [{ value: '', label: 'At the top' }, ...options] })],
        onSubmit: async v => {
          await api.post('/categories', { name: v.name.trim(), parentId: v.parentId || null });
          await show();
          return undefined;
        },
      }),
    ];
  });
  fill(root, header('Categories', 'A category with sub-categories or products cannot be deleted.'), area, out);
  await show();
}

function tree(nodes, options, show, area) {
  return h('ul', { class: 'tree' }, nodes.map(n => h('li', {},
    h('details', {}, h('summary', {}, n.name),
      form({
        title: `Change ${n.name}`, submit: `Save ${n.name}`,
        fields: [field({ label: 'Name', name: 'name', value: n.name, required: true }),
          field({ label: 'Inside', name: 'parentId', value: n.parentId ?? '', options: [{ value: '', label: 'At the top' }, ...options.filter(o => o.value !== n.id)] })],
        onSubmit: async v => {
          await api.put(`/categories/${n.id}`, { name: v.name.trim(), parentId: v.parentId || null });
          await show();
        },
      }),
      action(`Delete ${n.name}`, async () => { await api.del(`/categories/${n.id}`); await show(); return `${n.name} deleted.`; }, { area })),
    n.children?.length ? tree(n.children, options, show, area) : null)));
}
