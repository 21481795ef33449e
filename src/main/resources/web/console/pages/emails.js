// Admin (or email:read): the mail log, newest first, with status, attempts and last error.
import { api, when } from '../core.js';
import { h, fill, form, field, header, loading, table, badge, query } from '../ui.js';

export async function render(root) {
  const out = h('div');
  const show = (params, cursor, rows = []) => loading(out, () => api.get(`/emails${query({ ...params, limit: 50, cursor })}`), page => {
    const all = rows.concat(page.items);
    return [
      table({ caption: 'Mails, newest first', rows: all, empty: 'No mail matches.', columns: [
        { label: 'To', cell: m => m.to.join(', ') },
        { label: 'Subject', cell: m => m.subject ?? '—' },
        { label: 'Template', cell: m => (m.template ? `${m.template}${m.locale ? ` (${m.locale})` : ''}` : '—') },
        { label: 'Status', cell: m => badge(m.status) },
        { label: 'Attempts', class: 'num', cell: m => m.attempts },
        { label: 'Last error', cell: m => m.lastError ?? '' },
        { label: 'Queued', cell: m => when(m.createdAt) },
        { label: 'Sent', cell: m => when(m.sentAt) },
      ] }),
      page.nextCursor ? h('button', { type: 'button', class: 'secondary', onclick: () => show(params, page.nextCursor, all) }, 'Show more') : null,
    ];
  });
  fill(root, header('Email log', 'Every mail Mercato queued. Sent mails keep their metadata, not their bodies.'),
    form({
      title: 'Filter', submit: 'Show',
      fields: h('div', { class: 'row' },
        field({ label: 'Status', name: 'status', options: ['', 'queued', 'retrying', 'sent', 'failed'].map(s => ({ value: s, label: s || 'any status' })) }),
        field({ label: 'To', name: 'to', type: 'email' })),
      onSubmit: values => show(values),
    }), out);
  await show({});
}
