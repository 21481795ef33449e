// Admin: event deliveries a subscriber refused for good (dead), with their error, replayed
// one by one or all at once once the subscriber is fixed; and the items other background
// paths set aside (a record: they would fail the same way again).
import { api, when } from '../core.js';
import { h, fill, header, loading, table, action } from '../ui.js';

export async function render(root) {
  const area = h('div', { class: 'message', tabindex: '-1' });
  const dead = h('div');
  const aside = h('div');
  const show = () => loading(dead, () => api.get('/admin/events/dead'), page => {
    fill(aside, table({ caption: 'Items set aside', rows: page.setAside, empty: 'Nothing set aside.', columns: [
      { label: 'Path', cell: i => i.kind },
      { label: 'Item', cell: i => i.itemId },
      { label: 'Domain', cell: i => i.schema },
      { label: 'When', cell: i => when(i.at) },
      { label: 'Error', cell: i => h('code', {}, i.error) },
    ] }));
    return [
      page.items.length ? action(`Replay all ${page.items.length}`, async () => {
        const r = await api.post('/admin/events/replay', { all: true });
        await show();
        return `${r.replayed} deliveries queued again.`;
      }, { area, kind: 'primary' }) : null,
      table({ caption: 'Dead deliveries', rows: page.items, empty: 'No dead deliveries: every subscriber took its events.', columns: [
        { label: 'Event', cell: d => d.type },
        { label: 'Subscriber', cell: d => d.subscriber },
        { label: 'From', cell: d => d.schema },
        { label: 'Subject', cell: d => h('code', {}, d.subject) },
        { label: 'Failures', class: 'num', cell: d => d.failures },
        { label: 'Last error', cell: d => h('code', { class: 'error-text' }, d.lastError ?? '') },
        { label: 'Replay', cell: d => action(`Replay ${d.type} to ${d.subscriber}`, async () => {
          const r = await api.post('/admin/events/replay', { ids: [d.id] });
          await show();
          return r.replayed ? `Queued again: ${d.type} to ${d.subscriber}.` : 'It was no longer dead.';
        }, { area }) },
      ] }),
    ];
  });
  fill(root, header('Dead deliveries', 'An event a subscriber refused as invalid, or that failed too often, waits here. Fix the subscriber, then replay it.'),
    area, dead, h('h2', {}, 'Set aside by other paths'), aside);
  await show();
}
