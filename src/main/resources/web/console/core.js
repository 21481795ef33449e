// The console's one door to the shared browser core: every page imports api, session,
// describe and the formatters from here, so the shared modules' shapes are read once.
import * as apiModule from '/shared/api.js';
import * as sessionModule from '/shared/session.js';
import * as problemsModule from '/shared/problems.js';
import * as formatModule from '/shared/format.js';

export const api = apiModule.api ?? apiModule.default;
export const ApiProblem = apiModule.ApiProblem;
export const session = sessionModule.session ?? sessionModule.default ?? sessionModule;
export const describe = problemsModule.describe ?? problemsModule.default?.describe;
const fmt = formatModule.format ?? formatModule.default ?? formatModule;

/** The signed-in principal as {sub, type, roles, email}, or null. */
export function principal() {
  const p = session.principal();
  if (!p) return null;
  return { ...p, type: p.type ?? p.typ, roles: p.roles ?? [] };
}

/** Integer minor units + currency, for people. */
export function money(value) {
  if (value == null) return '—';
  return fmt.money ? fmt.money(value.amount, value.currency) : `${(value.amount / 100).toFixed(2)} ${value.currency}`;
}

/** An ISO instant or date, for people. */
export function when(iso) {
  if (!iso) return '—';
  return fmt.dateTime ? fmt.dateTime(iso) : fmt.date ? fmt.date(iso) : new Date(iso).toLocaleString();
}

/** "12.50" in a currency with two decimals -> 1250; null when it is not a price. */
export function minorUnits(text, currency) {
  const digits = new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits;
  const m = String(text).trim().replace(',', '.').match(/^(\d+)(?:\.(\d*))?$/);
  if (!m || (m[2] && m[2].length > digits)) return null;
  return Number(m[1]) * 10 ** digits + Number((m[2] ?? '').padEnd(digits, '0') || 0);
}

/** Minor units -> the text a price field shows ("12.50"). */
export function majorText(amount, currency) {
  const digits = new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits;
  return digits === 0 ? String(amount) : (amount / 10 ** digits).toFixed(digits);
}
