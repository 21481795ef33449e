// A seller's sales: revenue, orders and units per period (charts and tables), its best
// products, and the view -> cart -> purchase funnel of each, from /analytics/*.
import { api, money } from '../core.js';
import { h, fill, header, loading, table, lastDays, query } from '../ui.js';
import { reportForm, salesCharts, funnelTable } from './reports.js';

export async function render(root) {
  const out = h('div');
  const load = params => loading(out, async () => {
    const [sales, products] = await Promise.all([
      api.get(`/analytics/sales${query(params)}`),
      api.get(`/analytics/products${query({ from: params.from, to: params.to, currency: params.currency })}`),
    ]);
    const names = await productNames(products.topProducts.map(p => p.productId));
    return { sales, products, names };
  }, ({ sales, products, names }) => [
    salesCharts(sales, params),
    table({ caption: 'Best-selling products', rows: products.topProducts, empty: 'No sales in this range.', columns: [
      { label: 'Product', cell: r => names.get(r.productId) ?? r.productId },
      { label: 'Orders', class: 'num', cell: r => r.orders },
      { label: 'Units', class: 'num', cell: r => r.units },
      { label: 'Revenue', class: 'num', cell: r => money({ amount: r.revenue, currency: r.currency }) },
    ] }),
    funnelTable(products.funnel, names),
  ]);
  fill(root, header('Sales', 'Your figures only: orders count on the day they were paid, refunds on the day they were made.'),
    reportForm({ intervals: true, currency: true, onChange: load }), out);
  await load({ ...lastDays(30), interval: 'day' });
}

/** Product names for ids (public reads; products no longer shown keep their id). */
export async function productNames(ids) {
  const names = new Map();
  await Promise.all([...new Set(ids)].slice(0, 50).map(id => api.get(`/products/${id}`).then(p => names.set(id, p.name)).catch(() => {})));
  return names;
}
