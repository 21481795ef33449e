// Money and dates for people. Money is always integer minor units plus a currency, as the
// API sends it ({amount: 2450, currency: 'EUR'}); the number of decimals comes from Intl.

const locale = () => document.documentElement.lang || navigator.language || 'en';
const formatters = new Map();

function currencyFormat(currency) {
  const key = locale() + currency;
  if (!formatters.has(key)) {
    formatters.set(key, new Intl.NumberFormat(locale(), {style: 'currency', currency}));
  }
  return formatters.get(key);
}

/** The number of minor units in one major unit of `currency` (100 for EUR, 1 for JPY). */
export function minorPerMajor(currency) {
  const digits = currencyFormat(currency).resolvedOptions().maximumFractionDigits;
  return 10 ** digits;
}

/** `money({amount, currency})` or `money(amount, currency)` -> "€24.50". */
export function money(amountOrMoney, currency) {
  if (amountOrMoney === null || amountOrMoney === undefined) return '';
  const value = typeof amountOrMoney === 'object' ? amountOrMoney : {amount: amountOrMoney, currency};
  if (!value.currency) return String(value.amount);
  return currencyFormat(value.currency).format(value.amount / minorPerMajor(value.currency));
}

/** A price a person typed ("24.50") as minor units (2450), or null when it is not a number. */
export function toMinor(text, currency) {
  const number = Number(String(text).replace(',', '.'));
  return Number.isFinite(number) ? Math.round(number * minorPerMajor(currency)) : null;
}

export function date(iso) {
  return iso ? new Intl.DateTimeFormat(locale(), {dateStyle: 'medium'}).format(new Date(iso)) : '';
}

export function dateTime(iso) {
  return iso ? new Intl.DateTimeFormat(locale(), {dateStyle: 'medium', timeStyle: 'short'}).format(new Date(iso)) : '';
}

/** "3 minutes ago", "in 2 days". */
export function relative(iso) {
  if (!iso) return '';
  const seconds = (new Date(iso).getTime() - Date.now()) / 1000;
  const units = [['year', 31536000], ['month', 2592000], ['day', 86400], ['hour', 3600], ['minute', 60]];
  const rtf = new Intl.RelativeTimeFormat(locale(), {numeric: 'auto'});
  for (const [unit, size] of units) {
    if (Math.abs(seconds) >= size) return rtf.format(Math.round(seconds / size), unit);
  }
  return rtf.format(Math.round(seconds), 'second');
}

export function number(value) {
  return new Intl.NumberFormat(locale()).format(value);
}

/** An order or payment state as words: "awaiting_payment" -> "Awaiting payment". */
export function words(state) {
  if (!state) return '';
  const text = String(state).replace(/[_-]+/g, ' ');
  return text.charAt(0).toUpperCase() + text.slice(1);
}
