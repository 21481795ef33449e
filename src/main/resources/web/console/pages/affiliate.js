// An affiliate's programme: the link builder (storefront addresses carrying ?ref=CODE), the
// orders and commissions its links brought (charts per day), and its payouts.
import { api, money, when } from '../core.js';
import { h, fill, form, field, header, loading, table, badge, lastDays, query, showProblem } from '../ui.js';
import { chart, daysBetween } from '../chart.js';
import { reportForm } from './reports.js';

export async function render(root, ctx) {
  fill(root, header(ctx.section.title), h('p', { class: 'loading', role: 'status' }, 'Loading your programme…'));
  let programme;
  try {
    programme = await api.get('/affiliates/me');
  } catch (problem) {
    if (problem?.status === 404) return register(root, ctx);
    const area = h('div', { class: 'message', tabindex: '-1' });
    fill(root, header(ctx.section.title), area);
    return showProblem(area, problem);
  }
  const page = { links, performance, payouts }[ctx.section.path];
  return page(root, programme);
}

function register(root, ctx) {
  fill(root, header(ctx.section.title, 'You have no affiliate programme yet. Register one to get your referral code.'),
    form({
      title: 'Your programme', submit: 'Register',
      fields: [
        field({ label: 'Programme name', name: 'name', required: true }),
        field({ label: 'Website', name: 'website', type: 'url' }),
        field({ label: 'Referral code you would like', name: 'referralCode', hint: 'Optional: 4 to 32 letters, digits, - or _. Left empty, one is made for you.' }),
      ],
      onSubmit: async v => {
        await api.post('/affiliates', { name: v.name.trim(), ...(v.website.trim() ? { website: v.website.trim() } : {}),
          ...(v.referralCode.trim() ? { referralCode: v.referralCode.trim() } : {}) });
        await render(root, ctx);
        root.querySelector('h1')?.focus();
      },
    }));
}

function links(root, programme) {
  const code = programme.referralCode;
  const output = h('div', { class: 'link-output', 'aria-live': 'polite' });
  const results = h('div');
  const build = target => {
    const url = new URL(target || '/', location.origin);
    url.searchParams.set('ref', code);
    const text = url.toString();
    const copy = h('button', { type: 'button', class: 'secondary' }, 'Copy link');
    copy.addEventListener('click', async () => {
      try {
        await navigator.clipboard.writeText(text);
        copy.textContent = 'Copied';
      } catch {
        input.select();
      }
    });
    const input = h('input', { type: 'text', readonly: true, value: text, id: 'built-link', 'aria-label': 'Your link' });
    fill(output, h('label', { for: 'built-link' }, 'Your link'), h('div', { class: 'row' }, input, copy));
    input.focus();
    input.select();
  };
  const search = form({
    title: 'Link to a product', submit: 'Find products',
    fields: [field({ label: 'Product name', name: 'q', required: true })],
    onSubmit: async ({ q }) => {
      const found = await api.get(`/search/products${query({ q: q.trim(), limit: 10 })}`);
      fill(results, table({ caption: 'Products found', rows: found.items, empty: 'No product matches.', columns: [
        { label: 'Product', cell: p => p.name },
        { label: 'Price', class: 'num', cell: p => money(p.price) },
        { label: 'Link', cell: p => h('button', { type: 'button', class: 'secondary', onclick: () => build(`/products/${p.id}`) }, `Link to ${p.name}`) },
      ] }));
    },
  });
  const page = form({
    title: 'Link to any storefront page', submit: 'Build link',
    fields: [field({ label: 'Storefront address', name: 'path', value: '/', hint: 'A path on the storefront, such as / or /search?q=coffee' })],
    onSubmit: ({ path }) => build(path.trim()),
  });
  fill(root, header('Link builder', `Every link carries your referral code ${code}. An order placed from a cart your link filled pays you ${programme.rateBps / 100} % of its total once paid.`),
    h('p', {}, 'Your code: ', h('strong', { class: 'code' }, code), ' · programme ', badge(programme.status)),
    output, page, search, results);
}

async function performance(root, programme) {
  const out = h('div');
  const load = params => loading(out, () => Promise.all([allSales(programme.id, params),
    api.get(`/affiliate-clicks${query({ from: params.from, to: params.to })}`)]), ([items, clicks]) => {
    const days = daysBetween(params.from, params.to);
    const currencies = [...new Set(items.map(c => c.amount.currency))].sort();
    const orders = days.map(d => items.filter(c => c.orderId && c.earnedAt?.startsWith(d)).length);
    const perDay = new Map(clicks.items.map(c => [c.day, c.clicks]));
    const ordered = orders.reduce((a, b) => a + b, 0);
    return [
      earnings(programme),
      h('dl', { class: 'figures' },
        h('div', {}, h('dt', {}, 'Clicks'), h('dd', { 'data-clicks': clicks.total }, clicks.total)),
        h('div', {}, h('dt', {}, 'Orders'), h('dd', {}, ordered)),
        h('div', {}, h('dt', {}, 'Orders per click'), h('dd', {}, clicks.total ? `${Math.round((ordered / clicks.total) * 1000) / 10} %` : '—'))),
      chart({ title: 'Clicks and orders your links brought, per day', labels: days, kind: 'bars', series: [
        { label: 'Clicks', values: days.map(d => perDay.get(d) ?? 0) }, { label: 'Orders', values: orders }] }),
      currencies.map(cur => chart({ title: `Commission earned per day (${cur})`, labels: days, series: [{
        label: 'Commission', format: v => money({ amount: v, currency: cur }),
        values: days.map(d => items.filter(c => c.amount.currency === cur && c.earnedAt?.startsWith(d)).reduce((s, c) => s + c.amount.amount, 0)) }] })),
      table({ caption: 'Commissions', rows: items, empty: 'No commissions in this range yet.', columns: [
        { label: 'Earned', cell: c => when(c.earnedAt) },
        { label: 'Order', cell: c => (c.orderId ? c.orderId.slice(-8) : c.externalReference ?? 'manual') },
        { label: 'Order total', class: 'num', cell: c => money(c.orderTotal) },
        { label: 'Commission', class: 'num', cell: c => money(c.amount) },
        { label: 'Status', cell: c => badge(c.status) },
      ] }),
    ];
  });
  fill(root, header('Orders and commissions', 'Commissions are pending until the return window has passed, then approved, then paid out.'),
    reportForm({ onChange: load }), out);
  await load(lastDays(30));
}

function earnings(programme) {
  return h('dl', { class: 'figures' }, (programme.earnings ?? []).map(e =>
    h('div', {}, h('dt', {}, `${e.status} (${e.count})`), h('dd', {}, money(e.amount)))));
}

async function allSales(id, { from, to, status } = {}) {
  const out = [];
  let cursor;
  do {
    const page = await api.get(`/affiliate-sales${query({ affiliateId: id, from, to, status, limit: 100, cursor })}`);
    out.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor && out.length < 2000);
  return out;
}

async function payouts(root, programme) {
  const out = h('div');
  fill(root, header('Payouts', 'Approved commissions are paid out together; each payout lists what it paid.'),
    h('h2', {}, 'Payout details'), detailsForm(programme), h('h2', {}, 'Paid'), out);
  await loading(out, () => allSales(programme.id, { status: 'paid' }), items => {
    const byPayout = new Map();
    for (const c of items) {
      const key = c.payoutId ?? 'unknown';
      if (!byPayout.has(key)) byPayout.set(key, { payoutId: key, paidAt: c.paidAt, count: 0, totals: new Map() });
      const p = byPayout.get(key);
      p.count += 1;
      p.totals.set(c.amount.currency, (p.totals.get(c.amount.currency) ?? 0) + c.amount.amount);
    }
    return table({ caption: 'Payouts', rows: [...byPayout.values()], empty: 'Nothing paid out yet.', columns: [
      { label: 'Paid', cell: p => when(p.paidAt) },
      { label: 'Commissions', class: 'num', cell: p => p.count },
      { label: 'Amount', class: 'num', cell: p => [...p.totals].map(([currency, amount]) => money({ amount, currency })).join(', ') },
    ] });
  });
}

function detailsForm(programme) {
  const details = programme.payoutDetails ?? {};
  return form({
    title: 'Where payouts go', submit: 'Save payout details',
    fields: [
      field({ label: 'Method', name: 'method', value: details.method ?? 'bank', options: [{ value: 'bank', label: 'Bank transfer' }, { value: 'paypal', label: 'PayPal' }] }),
      field({ label: 'Account (IBAN or PayPal address)', name: 'account', value: details.iban ?? details.paypal ?? '' }),
    ],
    onSubmit: async v => {
      const payoutDetails = v.method === 'bank' ? { method: 'bank', iban: v.account.trim() } : { method: 'paypal', paypal: v.account.trim() };
      await api.put(`/affiliates/${programme.id}`, { payoutDetails });
      return 'Payout details saved.';
    },
  });
}

