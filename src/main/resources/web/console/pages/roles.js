// Admin: roles and the permissions they grant; create a role, change a role's permissions.
import { api } from '../core.js';
import { h, fill, form, field, header, loading, uid } from '../ui.js';

export async function render(root) {
  const out = h('div');
  // The catalogue is what the routes check (GET /admin/permissions); a role may name others, kept as they are.
  const show = () => loading(out, () => Promise.all([api.get('/admin/roles'), api.get('/admin/permissions')]),
    ([page, catalogue]) => {
      const admits = new Map(catalogue.items.map(item => [item.permission, item.routes]));
      const all = [...new Set([...admits.keys(), ...page.items.flatMap(r => r.permissions)])].sort()
        .map(name => ({ name, routes: admits.get(name) || [] }));
      return [page.items.map(role => roleForm(role, all)), newRole(all, show)];
    });
  fill(root, header('Roles and permissions', 'A role grants permissions; accounts of any type hold roles. Admins hold every permission.'), out);
  await show();
}

function checks(all, held) {
  return h('fieldset', { class: 'checks' }, h('legend', {}, 'Permissions'), all.map(p => {
    const id = uid('perm');
    const hint = uid('perm-routes');
    return h('div', { class: 'check' },
      h('input', { type: 'checkbox', id, name: 'permission', value: p.name, checked: held.includes(p.name), 'aria-describedby': hint }),
      h('label', { for: id }, p.name),
      h('span', { class: 'hint', id: hint }, p.routes.length ? p.routes.join(', ') : 'no route checks it'));
  }));
}

function roleForm(role, all) {
  return form({
    title: role.name, submit: `Save ${role.name}`,
    fields: [role.description ? h('p', {}, role.description) : null, checks(all, role.permissions)],
    onSubmit: async (values, node) => {
      const permissions = [...node.querySelectorAll('[name=permission]:checked')].map(c => c.value);
      await api.put(`/admin/roles/${encodeURIComponent(role.name)}`, { permissions });
      return `${role.name} now grants ${permissions.length ? permissions.join(', ') : 'nothing'}.`;
    },
  });
}

function newRole(all, show) {
  return h('details', { class: 'add' }, h('summary', {}, 'Create a role'), form({
    title: 'New role', submit: 'Create role',
    fields: [
      field({ label: 'Name', name: 'name', required: true, hint: 'Lower-case letters, digits and dashes.' }),
      field({ label: 'Description', name: 'description' }),
      checks(all, []),
    ],
    onSubmit: async (values, node) => {
      const permissions = [...node.querySelectorAll('[name=permission]:checked')].map(c => c.value);
      await api.post('/admin/roles', { name: values.name.trim(), ...(values.description.trim() ? { description: values.description.trim() } : {}), permissions });
      await show();
    },
  }));
}
