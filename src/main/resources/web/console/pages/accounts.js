// Admin: find accounts (by part of the email, type, role, status) and give or take roles.
import { api, when } from '../core.js';
import { h, fill, form, field, header, loading, table, badge, query, busy, showProblem, say } from '../ui.js';

const TYPES = ['', 'customer', 'company', 'shop', 'warehouse', 'affiliate', 'admin'];

export async function render(root) {
  const out = h('div');
  const roles = await api.get('/admin/roles').then(r => r.items.map(x => x.name)).catch(() => []);
  const search = params => loading(out, () => api.get(`/admin/accounts${query({ ...params, limit: 50 })}`), page => [
    table({ caption: 'Accounts, newest first', rows: page.items, empty: 'No account matches.', columns: [
      { label: 'Email', cell: a => a.email },
      { label: 'Type', cell: a => a.type },
      { label: 'Status', cell: a => badge(a.status) },
      { label: 'Created', cell: a => when(a.createdAt) },
      { label: 'Roles', cell: a => roleEditor(a, roles) },
    ] }),
  ]);
  fill(root, header('Accounts', 'Find an account and give it a role. Taking a role away signs the account’s sessions out of what the role allowed at once.'),
    form({
      title: 'Find accounts', submit: 'Search',
      fields: h('div', { class: 'row' },
        field({ label: 'Email contains', name: 'emailContains', type: 'search' }),
        field({ label: 'Type', name: 'type', options: TYPES.map(t => ({ value: t, label: t || 'any type' })) }),
        field({ label: 'Role', name: 'role', options: ['', ...roles].map(r => ({ value: r, label: r || 'any role' })) }),
        field({ label: 'Status', name: 'status', options: ['', 'active', 'disabled', 'closed'].map(s => ({ value: s, label: s || 'any status' })) })),
      onSubmit: values => search(values),
    }), out);
  await search({});
}

function roleEditor(account, roles) {
  const holder = h('div', { class: 'roles' });
  const message = h('div', { class: 'message', tabindex: '-1' });
  const draw = () => {
    const held = account.roles ?? [];
    const choose = h('select', { 'aria-label': `Role to give ${account.email}` },
      roles.filter(r => !held.includes(r)).map(r => h('option', { value: r }, r)));
    const give = h('button', { type: 'button', class: 'secondary' }, 'Give role');
    give.addEventListener('click', () => busy(give, async () => {
      try {
        await api.put(`/admin/accounts/${account.id}/roles/${encodeURIComponent(choose.value)}`, {});
        account.roles = [...held, choose.value];
        draw();
        say(message, `${account.email} now holds ${choose.value}.`);
        holder.querySelector('select, button')?.focus();
      } catch (problem) {
        showProblem(message, problem);
      }
    }));
    fill(holder,
      h('ul', { class: 'chips' }, held.map(r => h('li', {}, r, ' ', h('button', { type: 'button', class: 'link', 'aria-label': `Take ${r} from ${account.email}`, onclick: async e => {
        await busy(e.currentTarget, async () => {
          try {
            await api.del(`/admin/accounts/${account.id}/roles/${encodeURIComponent(r)}`);
            account.roles = held.filter(x => x !== r);
            draw();
            say(message, `${r} taken from ${account.email}.`);
            holder.querySelector('select, button')?.focus();
          } catch (problem) {
            showProblem(message, problem);
          }
        });
      } }, '×')))),
      choose.options.length ? h('span', { class: 'inline' }, choose, give) : null, message);
  };
  draw();
  return holder;
}
