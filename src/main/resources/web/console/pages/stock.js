// Stock per product per warehouse. A seller sees its own warehouses and stock, adds
// warehouses (inviting a third-party operator by email) and sets stock of its products; a
// warehouse operator sees the one warehouse it runs and corrects the stock it holds.
import { api } from '../core.js';
import { h, fill, form, field, header, table, loading, busy, showProblem, say, query } from '../ui.js';

export async function render(root, { principal }) {
  const seller = principal.type !== 'warehouse';
  const warehouses = h('div');
  const stock = h('div');
  fill(root, header(seller ? 'Stock and warehouses' : 'Warehouse stock',
    seller ? 'Where your products are kept, and how many of each are on hand, reserved for orders and available.'
      : 'The stock held in the warehouse you operate. Reserved units belong to orders not yet shipped.'),
    h('h2', {}, 'Warehouses'), warehouses, h('h2', { id: 'stock-heading', tabindex: '-1' }, 'Stock'), stock);
  const refresh = async () => {
    const [ws, products] = await Promise.all([api.get('/warehouses').then(r => r.items), seller ? ownProducts(principal) : Promise.resolve([])]);
    fill(warehouses, warehouseTable(ws, seller), seller ? warehouseForm(refresh) : null);
    await loading(stock, () => allStock(), rows => stockView(rows, ws, products, seller, refresh));
  };
  try {
    await refresh();
  } catch (problem) {
    const area = h('div', { class: 'message', tabindex: '-1' });
    fill(warehouses, area);
    showProblem(area, problem);
  }
}

async function ownProducts(principal) {
  const out = [];
  let cursor;
  do {
    const page = await api.get(`/products${query({ seller: principal.sub, limit: 100, cursor })}`);
    out.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor && out.length < 1000);
  return out;
}

async function allStock() {
  const out = [];
  let cursor;
  do {
    const page = await api.get(`/inventory/products${query({ limit: 100, cursor })}`);
    out.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor && out.length < 2000);
  return out;
}

function warehouseTable(ws, seller) {
  return table({ caption: seller ? 'Your warehouses' : 'The warehouse you operate', rows: ws,
    empty: seller ? 'No warehouses yet: add one below.' : 'You operate no warehouse yet. Accept an invitation first.', columns: [
      { label: 'Name', cell: w => w.name },
      { label: 'Place', cell: w => [w.location?.city, w.location?.country].filter(Boolean).join(', ') },
      { label: 'Priority', class: 'num', cell: w => w.priority },
      { label: 'Capacity', class: 'num', cell: w => w.capacity },
      { label: 'Operator', cell: w => w.operatorAccountId ? 'third-party operator' : w.invitedOperatorId ? 'invitation sent' : seller ? 'you' : '—' },
    ] });
}

function warehouseForm(refresh) {
  const node = form({
    title: 'Add a warehouse', submit: 'Add warehouse',
    fields: [
      field({ label: 'Name', name: 'name', required: true }),
      h('div', { class: 'row' },
        field({ label: 'Street', name: 'line1', required: true }),
        field({ label: 'City', name: 'city', required: true })),
      h('div', { class: 'row' },
        field({ label: 'Postal code', name: 'postalCode', required: true }),
        field({ label: 'Country', name: 'country', required: true, hint: 'Two letters, such as DE.', attrs: { maxlength: 2 } })),
      h('div', { class: 'row' },
        field({ label: 'Capacity (units)', name: 'capacity', type: 'number', value: '10000', required: true, attrs: { min: 0 } }),
        field({ label: 'Priority', name: 'priority', type: 'number', value: '100', hint: 'Lower ships first.' })),
      field({ label: 'Operator email', name: 'operatorEmail', type: 'email', hint: 'Optional: the warehouse account to invite to run it.' }),
    ],
    onSubmit: async v => {
      await api.post('/warehouses', {
        name: v.name.trim(), capacity: Number(v.capacity), priority: Number(v.priority || 100),
        location: { line1: v.line1.trim(), city: v.city.trim(), postalCode: v.postalCode.trim(), country: v.country.trim().toUpperCase() },
        ...(v.operatorEmail.trim() ? { operatorEmail: v.operatorEmail.trim() } : {}),
      });
      await refresh();
    },
  });
  return h('details', { class: 'add' }, h('summary', {}, 'Add a warehouse'), node);
}

function stockView(rows, ws, products, seller, refresh) {
  const names = new Map(ws.map(w => [w.id, w.name]));
  const productNames = new Map(products.map(p => [p.id, p.name]));
  const label = r => productNames.get(r.productId) ?? r.sku ?? r.productId;
  return [
    table({ caption: 'Stock per warehouse', rows, empty: 'No stock recorded yet.', columns: [
      { label: 'Product', cell: r => label(r) },
      { label: 'SKU', cell: r => r.sku ?? '—' },
      { label: 'Warehouse', cell: r => names.get(r.warehouseId) ?? r.warehouseId },
      { label: 'On hand', class: 'num', cell: r => figure(r, 'onHand') },
      { label: 'Reserved', class: 'num', cell: r => figure(r, 'reserved') },
      { label: 'Available', class: 'num', cell: r => figure(r, 'available') },
      { label: 'Change', cell: r => stockChange(r, `${label(r)} in ${names.get(r.warehouseId) ?? 'this warehouse'}`) },
    ] }),
    seller && products.length && ws.length ? newStockForm(products, ws, refresh) : null,
  ];
}

const figure = (r, key) => h('span', { 'data-stock': `${r.productId}:${r.warehouseId}:${key}` }, r[key]);

/** Set the count, or receive/remove units, for one stock row; the row's figures follow the answer. */
function stockChange(row, what) {
  const input = h('input', { type: 'number', name: 'quantity', min: 0, value: row.onHand, 'aria-label': `New on-hand count of ${what}`, class: 'small' });
  const mode = h('select', { name: 'mode', 'aria-label': `How to change the stock of ${what}` },
    h('option', { value: 'set' }, 'set on hand to'), h('option', { value: 'add' }, 'receive'), h('option', { value: 'remove' }, 'remove'));
  mode.addEventListener('change', () => {
    input.value = mode.value === 'set' ? row.onHand : '1';
    input.setAttribute('aria-label', mode.value === 'set' ? `New on-hand count of ${what}` : `Units to ${mode.value === 'add' ? 'receive' : 'remove'} for ${what}`);
  });
  const message = h('div', { class: 'message', tabindex: '-1' });
  const button = h('button', { type: 'submit', class: 'secondary' }, 'Apply');
  const node = h('form', { class: 'inline', 'aria-label': `Change the stock of ${what}` }, mode, input, button, message);
  node.addEventListener('submit', event => {
    event.preventDefault();
    busy(button, async () => {
      const n = Number(input.value);
      const body = mode.value === 'set' ? { warehouseId: row.warehouseId, onHand: n }
        : { warehouseId: row.warehouseId, delta: mode.value === 'add' ? n : -n, reason: mode.value === 'add' ? 'received' : 'removed' };
      try {
        const now = await api.put(`/inventory/product/${row.productId}/stock`, body);
        Object.assign(row, now);
        for (const key of ['onHand', 'reserved', 'available']) {
          document.querySelectorAll(`[data-stock="${row.productId}:${row.warehouseId}:${key}"]`).forEach(n => { n.textContent = row[key]; });
        }
        if (mode.value === 'set') input.value = row.onHand;
        say(message, `Stock updated: ${row.onHand} on hand, ${row.available} available.`);
      } catch (problem) {
        showProblem(message, problem);
      }
    });
  });
  return node;
}

function newStockForm(products, ws, refresh) {
  return form({
    title: 'Stock a product in a warehouse', submit: 'Set stock',
    fields: [
      field({ label: 'Product', name: 'productId', required: true, options: products.map(p => ({ value: p.id, label: `${p.name} (${p.sku})` })) }),
      field({ label: 'Warehouse', name: 'warehouseId', required: true, options: ws.map(w => ({ value: w.id, label: w.name })) }),
      field({ label: 'On hand', name: 'onHand', type: 'number', value: '10', required: true, attrs: { min: 0 } }),
    ],
    onSubmit: async v => {
      await api.put(`/inventory/product/${v.productId}/stock`, { warehouseId: v.warehouseId, onHand: Number(v.onHand) });
      await refresh();
      document.getElementById('stock-heading')?.focus();
    },
  });
}
