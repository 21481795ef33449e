// Pieces the sales and analytics pages share: the range form, sales charts per currency
// and the product funnel table.
import { money } from '../core.js';
import { h, form, field, table, lastDays } from '../ui.js';
import { chart, daysBetween } from '../chart.js';

export const currencies = items => [...new Set(items.map(i => i.currency))].sort();

/** From/to (and interval, currency) with a button; calls onChange(params) on submit. */
export function reportForm({ intervals, currency, intervalOptions = ['day', 'week', 'month'], onChange, extra = [] }) {
  const range = lastDays(30);
  return form({
    title: 'Range', submit: 'Show',
    fields: h('div', { class: 'row' },
      field({ label: 'From', name: 'from', type: 'date', value: range.from, required: true }),
      field({ label: 'To', name: 'to', type: 'date', value: range.to, required: true }),
      intervals ? field({ label: 'Per', name: 'interval', value: intervalOptions[0], options: intervalOptions.map(i => ({ value: i, label: i })) }) : null,
      currency ? field({ label: 'Currency', name: 'currency', hint: 'Empty: every currency.', attrs: { maxlength: 3 } }) : null,
      extra),
    onSubmit: values => onChange({ ...values, ...(values.currency ? { currency: values.currency.trim().toUpperCase() } : {}) }),
  });
}

/** Revenue, orders and units over time, one chart set per currency (currencies are never added). */
export function salesCharts(sales) {
  const list = currencies(sales.items);
  if (!list.length) return h('p', { class: 'empty' }, 'No paid orders in this range.');
  return list.map(currency => {
    const rows = everyPeriod(sales, sales.items.filter(i => i.currency === currency), { revenue: 0, orders: 0, units: 0 });
    const labels = rows.map(r => r.period);
    const total = (sales.totals ?? []).find(t => t.currency === currency);
    const m = v => money({ amount: v, currency });
    return h('section', { class: 'report', 'aria-label': `Sales in ${currency}` },
      h('h2', {}, `Sales in ${currency}`),
      total ? h('dl', { class: 'figures' },
        h('div', {}, h('dt', {}, 'Revenue'), h('dd', {}, m(total.revenue))),
        h('div', {}, h('dt', {}, 'Orders'), h('dd', {}, total.orders)),
        h('div', {}, h('dt', {}, 'Units'), h('dd', {}, total.units)),
        h('div', {}, h('dt', {}, 'Average order'), h('dd', {}, m(total.averageOrderValue))),
        h('div', {}, h('dt', {}, 'Refunds'), h('dd', {}, m(total.refunds)))) : null,
      h('div', { class: 'charts' },
        chart({ title: `Revenue (${currency})`, labels, series: [{ label: 'Revenue', values: rows.map(r => r.revenue), format: m }] }),
        chart({ title: 'Orders and units', labels, kind: 'bars', series: [
          { label: 'Orders', values: rows.map(r => r.orders) }, { label: 'Units', values: rows.map(r => r.units) }] })));
  });
}

/**
 * A report's rows with a row for every day of its range (the API lists only days with
 * figures), so a chart's axis spans the range asked for; weeks and months stay as listed.
 */
export function everyPeriod(report, rows, empty) {
  if (report.interval !== 'day' || !report.from || !report.to) return rows;
  const byPeriod = new Map(rows.map(r => [r.period, r]));
  return daysBetween(report.from, report.to).map(day => byPeriod.get(day) ?? { period: day, ...empty });
}

/** The view -> cart -> purchase funnel per product. */
export function funnelTable(funnel, names = new Map()) {
  const pct = v => (v == null ? '—' : `${Math.round(v * 1000) / 10} %`);
  return [
    h('h2', {}, 'From view to purchase'),
    funnel?.totals ? h('p', {}, `All products: ${funnel.totals.views} views, ${funnel.totals.cartAdds} added to a cart, ${funnel.totals.purchases} bought (${pct(funnel.totals.viewToPurchase)} of views).`) : null,
    table({ caption: 'Funnel per product', rows: funnel?.products ?? [], empty: 'No product views in this range.', columns: [
      { label: 'Product', cell: r => names.get(r.productId) ?? r.productId },
      { label: 'Views', class: 'num', cell: r => r.views },
      { label: 'Cart adds', class: 'num', cell: r => r.cartAdds },
      { label: 'Purchases', class: 'num', cell: r => r.purchases },
      { label: 'View to cart', class: 'num', cell: r => pct(r.viewToCart) },
      { label: 'Cart to purchase', class: 'num', cell: r => pct(r.cartToPurchase) },
    ] }),
  ];
}
