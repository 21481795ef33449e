// Admin (or email:templates): the stored mail templates; open one, change and save it.
import { api, when } from '../core.js';
import { h, fill, form, field, header, loading, table, query } from '../ui.js';

export async function render(root, { more }) {
  if (more.length === 2) return editor(root, decodeURIComponent(more[0]), decodeURIComponent(more[1]));
  const out = h('div');
  fill(root, header('Email templates', 'Mustache templates: variables are escaped in the HTML body. Shipped templates never overwrite an edit.'),
    h('p', {}, h('a', { href: '/console/templates/new/en', class: 'button secondary' }, 'New template')), out);
  await loading(out, () => api.get('/email/templates?limit=100'), page => table({ caption: 'Templates', rows: page.items, columns: [
    { label: 'Name', cell: t => h('a', { href: `/console/templates/${encodeURIComponent(t.name)}/${encodeURIComponent(t.locale)}` }, `${t.name} (${t.locale})`) },
    { label: 'Subject', cell: t => t.subject },
    { label: 'Edited', cell: t => (t.edited ? 'yes' : 'shipped') },
    { label: 'Changed', cell: t => when(t.updatedAt) },
  ] }));
}

async function editor(root, name, locale) {
  const fresh = name === 'new';
  const out = h('div');
  fill(root, header(fresh ? 'New template' : `Template ${name} (${locale})`), h('p', {}, h('a', { href: '/console/templates' }, 'Back to the templates')), out);
  await loading(out, () => (fresh ? Promise.resolve({ name: '', locale: 'en' }) : api.get(`/email/template${query({ name, locale })}`)), t => form({
    title: 'Template', submit: 'Save template',
    fields: [
      h('div', { class: 'row' },
        field({ label: 'Name', name: 'name', value: t.name, required: true, attrs: fresh ? {} : { readonly: true } }),
        field({ label: 'Locale', name: 'locale', value: t.locale, required: true, attrs: fresh ? {} : { readonly: true } })),
      field({ label: 'Subject', name: 'subject', value: t.subject, required: true }),
      field({ label: 'HTML body', name: 'html', type: 'textarea', value: t.html, attrs: { rows: 10, class: 'code' } }),
      field({ label: 'Text body', name: 'text', type: 'textarea', value: t.text, attrs: { rows: 8, class: 'code' } }),
    ],
    onSubmit: async v => {
      await api.post('/email/template', { name: v.name.trim(), locale: v.locale.trim(), subject: v.subject, html: v.html || null, text: v.text || null });
      return 'Template saved.';
    },
  }));
}
