// A warehouse account's invitations to operate a warehouse: accept (one warehouse per
// operator) or decline.
import { api, when } from '../core.js';
import { h, fill, header, loading, table, action } from '../ui.js';

export async function render(root) {
  const out = h('div');
  const area = h('div', { class: 'message', tabindex: '-1' });
  const show = () => loading(out, () => api.get('/warehouse-invitations'), page => table({
    caption: 'Invitations to operate a warehouse', rows: page.items ?? [], empty: 'No open invitations.', columns: [
      { label: 'Warehouse', cell: w => w.name },
      { label: 'Place', cell: w => [w.location?.city, w.location?.country].filter(Boolean).join(', ') },
      { label: 'Invited', cell: w => when(w.invitedAt) },
      { label: 'Answer', cell: w => [
        action(`Accept ${w.name}`, async () => { await api.post(`/warehouse-invitations/${w.warehouseId}/accept`, {}); await show(); return `You now operate ${w.name}.`; }, { area, kind: 'primary' }),
        ' ',
        action(`Decline ${w.name}`, async () => { await api.post(`/warehouse-invitations/${w.warehouseId}/decline`, {}); await show(); return `Declined ${w.name}.`; }, { area }),
      ] },
    ] }));
  fill(root, header('Invitations', 'Owners invite your warehouse account to run one of their warehouses. You may run one at a time.'), area, out);
  await show();
}
