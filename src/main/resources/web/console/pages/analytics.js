// Admin analytics: sales (over time and by seller), traffic, behaviour and the funnels.
import { api, money } from '../core.js';
import { h, fill, header, loading, table, lastDays, query } from '../ui.js';
import { chart } from '../chart.js';
import { reportForm, salesCharts, funnelTable, everyPeriod } from './reports.js';
import { productNames } from './sales.js';

const TABS = [
  { path: 'sales', title: 'Sales' }, { path: 'traffic', title: 'Traffic' },
  { path: 'behaviour', title: 'Behaviour' }, { path: 'funnel', title: 'Funnel' },
];

export async function render(root, { more }) {
  const tab = TABS.find(t => t.path === more[0]) ?? TABS[0];
  const out = h('div');
  const views = { sales, traffic, behaviour, funnel };
  fill(root, header(`Analytics: ${tab.title}`, 'All days are UTC; money is never added across currencies.'),
    h('nav', { 'aria-label': 'Reports', class: 'tabs' }, h('ul', {}, TABS.map(t => h('li', {},
      h('a', { href: `/console/analytics/${t.path}`, 'aria-current': t === tab ? 'page' : null }, t.title))))),
    reportForm({ intervals: tab.path !== 'funnel', currency: tab.path === 'sales' || tab.path === 'funnel',
      intervalOptions: tab.path === 'traffic' ? ['day', 'hour'] : ['day', 'week', 'month'],
      onChange: params => views[tab.path](out, params) }),
    out);
  await views[tab.path](out, { ...lastDays(tab.path === 'traffic' ? 7 : 30), interval: 'day' });
}

function sales(out, params) {
  return loading(out, () => Promise.all([
    api.get(`/analytics/sales${query(params)}`),
    api.get(`/analytics/sales${query({ from: params.from, to: params.to, currency: params.currency, groupBy: 'seller', limit: 20 })}`),
  ]), ([series, sellers]) => [
    salesCharts(series),
    table({ caption: 'Sellers by revenue', rows: sellers.items, empty: 'No sales in this range.', columns: [
      { label: 'Seller', cell: r => r.sellerId },
      { label: 'Orders', class: 'num', cell: r => r.orders },
      { label: 'Units', class: 'num', cell: r => r.units },
      { label: 'Revenue', class: 'num', cell: r => money({ amount: r.revenue, currency: r.currency }) },
    ] }),
  ]);
}

function traffic(out, params) {
  return loading(out, () => api.get(`/analytics/traffic${query({ from: params.from, to: params.to, interval: params.interval })}`), t => {
    const labels = t.items.map(i => i.period);
    const classes = ['2xx', '3xx', '4xx', '5xx'];
    return [
      h('dl', { class: 'figures' },
        h('div', {}, h('dt', {}, 'Requests'), h('dd', {}, t.totals.requests)),
        h('div', {}, h('dt', {}, 'Unique visitors'), h('dd', {}, t.totals.uniqueVisitors ?? '—'))),
      h('div', { class: 'charts' },
        chart({ title: 'Requests', labels, series: [{ label: 'Requests', values: t.items.map(i => i.requests) },
          ...(t.items[0]?.uniqueVisitors !== undefined ? [{ label: 'Unique visitors', values: t.items.map(i => i.uniqueVisitors ?? null) }] : [])] }),
        chart({ title: 'Answers by status class', labels, kind: 'bars', series: classes.map(c => ({ label: c, values: t.items.map(i => i.statusClasses?.[c] ?? 0) })) })),
      table({ caption: 'Busiest routes', rows: t.routes, columns: [
        { label: 'Route', cell: r => h('code', {}, r.route) },
        { label: 'Requests', class: 'num', cell: r => r.requests },
        ...classes.map(c => ({ label: c, class: 'num', cell: r => r.statusClasses?.[c] ?? 0 })),
      ] }),
    ];
  });
}

function behaviour(out, params) {
  return loading(out, () => api.get(`/analytics/user-behavior${query({ from: params.from, to: params.to, interval: params.interval })}`), b => {
    const types = Object.keys(b.eventsByType ?? {}).sort();
    const periods = everyPeriod(b, b.items, { events: {} });
    const labels = periods.map(i => i.period);
    return [
      h('dl', { class: 'figures' },
        h('div', {}, h('dt', {}, 'Active accounts'), h('dd', {}, b.activeAccounts ?? '—')),
        h('div', {}, h('dt', {}, 'Product views'), h('dd', {}, b.productViews ?? '—'))),
      chart({ title: 'Events by type', labels, series: types.map(type => ({ label: type, values: periods.map(i => i.events[type] ?? 0) })) }),
      table({ caption: 'Events by type', rows: types, columns: [
        { label: 'Event', cell: type => type }, { label: 'Count', class: 'num', cell: type => b.eventsByType[type] }] }),
      table({ caption: 'Top searches', rows: b.topSearches ?? [], empty: 'No searches in this range.', columns: [
        { label: 'Query', cell: s => s.query }, { label: 'Searches', class: 'num', cell: s => s.searches },
        { label: 'Found nothing', class: 'num', cell: s => s.zeroResults }] }),
    ];
  });
}

function funnel(out, params) {
  return loading(out, async () => {
    const [products, behaviourReport] = await Promise.all([
      api.get(`/analytics/products${query({ from: params.from, to: params.to, currency: params.currency })}`),
      api.get(`/analytics/user-behavior${query({ from: params.from, to: params.to })}`),
    ]);
    return { products, behaviourReport, names: await productNames((products.funnel?.products ?? []).map(p => p.productId)) };
  }, ({ products, behaviourReport, names }) => {
    const f = behaviourReport.funnel ?? {};
    const steps = [['Registered', f.registered], ['Added to a cart', f.addedToCart], ['Placed an order', f.placedOrder], ['Paid an order', f.paidOrder]];
    return [
      h('h2', {}, 'Accounts'),
      chart({ title: 'Account funnel', labels: steps.map(s => s[0]), kind: 'bars', series: [{ label: 'Accounts', values: steps.map(s => s[1] ?? 0) }] }),
      funnelTable(products.funnel, names),
    ];
  });
}
