// Admin: roles and the permissions they grant; create a role, change a role's permissions.
import { api } from '../core.js';
import { h, fill, form, field, header, loading, uid } from '../ui.js';

/** The permissions the API's routes check (route tables: orPermission / permission). */
export const KNOWN = ['affiliate:commission', 'catalog:categories', 'catalog:tags', 'email:read', 'email:send',
  'email:templates', 'notification:send', 'payment:refund', 'profile:read', 'search:logs'];

export async function render(root) {
  const out = h('div');
  const show = () => loading(out, () => api.get('/admin/roles'), page => {
    const all = [...new Set([...KNOWN, ...page.items.flatMap(r => r.permissions)])].sort();
    return [page.items.map(role => roleForm(role, all)), newRole(all, show)];
  });
  fill(root, header('Roles and permissions', 'A role grants permissions; accounts of any type hold roles. Admins hold every permission.'), out);
  await show();
}

function checks(all, held) {
  return h('fieldset', { class: 'checks' }, h('legend', {}, 'Permissions'), all.map(p => {
    const id = uid('perm');
    return h('div', { class: 'check' }, h('input', { type: 'checkbox', id, name: 'permission', value: p, checked: held.includes(p) }), h('label', { for: id }, p));
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
