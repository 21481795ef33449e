// Small building blocks every console page uses: elements, fields, tables, busy buttons
// and problem messages that say what went wrong in words and point at the field.
import { describe } from './core.js';
import { h, mount as fill } from '/shared/dom.js';

let ids = 0;
export const uid = (prefix = 'c') => `${prefix}-${++ids}`;

/** Elements come from the shared builder: text is always text, never parsed as HTML. */
export { h, mount as fill } from '/shared/dom.js';

/** A labelled control: {label, name, type?, value?, required?, options?, hint?, attrs?}. */
export function field({ label, name, type = 'text', value, required, options, hint, attrs = {} }) {
  const id = uid(name);
  const hintId = hint ? `${id}-hint` : null;
  let control;
  if (options) {
    control = h('select', { id, name, required, 'aria-describedby': hintId, ...attrs },
      options.map(o => h('option', { value: o.value, selected: String(o.value) === String(value ?? '') }, o.label)));
  } else if (type === 'textarea') {
    control = h('textarea', { id, name, required, rows: 4, 'aria-describedby': hintId, ...attrs });
    control.value = value ?? '';
  } else {
    control = h('input', { id, name, type, required, value: value ?? '', 'aria-describedby': hintId, ...attrs });
  }
  return h('div', { class: 'field' },
    h('label', { for: id }, label, required ? h('span', { class: 'req', 'aria-hidden': 'true' }, ' *') : null),
    control,
    hint ? h('p', { id: hintId, class: 'hint' }, hint) : null);
}

/** A form with a title, fields, a submit button and a message area; onSubmit(values, form) may throw a problem. */
export function form({ title, fields, submit = 'Save', onSubmit, extra }) {
  const message = h('div', { class: 'message', tabindex: '-1' });
  const button = h('button', { type: 'submit', class: 'primary' }, submit);
  const node = h('form', { class: 'card form', novalidate: true, 'aria-label': title },
    title ? h('h2', {}, title) : null, fields, extra, h('div', { class: 'actions' }, button), message);
  node.addEventListener('submit', async event => {
    event.preventDefault();
    clearErrors(node);
    const values = Object.fromEntries(new FormData(node).entries());
    await busy(button, async () => {
      try {
        const done = await onSubmit(values, node);
        if (typeof done === 'string') say(message, done);
      } catch (problem) {
        showProblem(message, problem, node);
      }
    });
  });
  return node;
}

/** Runs `work` with the button disabled and marked busy; the button comes back afterwards. */
export async function busy(button, work) {
  button.disabled = true;
  button.setAttribute('aria-busy', 'true');
  try {
    return await work();
  } finally {
    button.disabled = false;
    button.removeAttribute('aria-busy');
  }
}

/** A success line in a message area, announced to screen readers. */
export function say(area, text) {
  fill(area, h('p', { class: 'ok', role: 'status' }, text));
}

/** The problem in words, each field error next to its field, and focus on the message. */
export function showProblem(area, problem, formNode) {
  const errors = Array.isArray(problem?.errors) ? problem.errors : [];
  const items = [];
  for (const error of errors) {
    const name = String(error.pointer ?? '').split('/').filter(Boolean)[0];
    const control = name && formNode?.querySelector(`[name="${CSS.escape(name)}"]`);
    const text = error.detail ?? error.message ?? 'is not valid';
    if (control) {
      control.setAttribute('aria-invalid', 'true');
      const note = h('p', { class: 'field-error', id: uid('err') }, text);
      control.insertAdjacentElement('afterend', note);
      control.setAttribute('aria-describedby', [control.getAttribute('aria-describedby'), note.id].filter(Boolean).join(' '));
      items.push(h('li', {}, h('a', { href: `#${control.id}` }, labelOf(control)), `: ${text}`));
    } else {
      items.push(h('li', {}, error.pointer ? `${error.pointer}: ${text}` : text));
    }
  }
  fill(area, h('div', { class: 'problem', role: 'alert' },
    h('p', {}, wording(problem)), items.length ? h('ul', {}, items) : null));
  area.focus();
}

function labelOf(control) {
  return document.querySelector(`label[for="${control.id}"]`)?.firstChild?.textContent ?? control.name;
}

/** A problem (or any error) as a sentence. */
export function wording(problem) {
  if (problem && problem.status !== undefined && describe) return describe(problem);
  if (problem instanceof TypeError) return 'Mercato could not be reached. Check the connection and try again.';
  return problem?.detail ?? problem?.message ?? 'Something went wrong.';
}

function clearErrors(node) {
  node.querySelectorAll('.field-error').forEach(n => n.remove());
  node.querySelectorAll('[aria-invalid]').forEach(n => {
    n.removeAttribute('aria-invalid');
    const kept = (n.getAttribute('aria-describedby') ?? '').split(' ').filter(i => i && !i.startsWith('err-'));
    if (kept.length) n.setAttribute('aria-describedby', kept.join(' ')); else n.removeAttribute('aria-describedby');
  });
}

/** A table: columns [{label, cell(row) -> node|text, class?}], with a caption; empty text when no rows. */
export function table({ caption, columns, rows, empty = 'Nothing here yet.' }) {
  if (!rows.length) return h('p', { class: 'empty' }, empty);
  return h('div', { class: 'table-wrap', role: 'region', 'aria-label': caption, tabindex: '0' },
    h('table', {},
      h('caption', {}, caption),
      h('thead', {}, h('tr', {}, columns.map(c => h('th', { scope: 'col', class: c.class }, c.label)))),
      h('tbody', {}, rows.map(row => h('tr', {}, columns.map((c, i) =>
        i === 0 ? h('th', { scope: 'row', class: c.class }, c.cell(row)) : h('td', { class: c.class, 'data-label': c.label }, c.cell(row))))))));
}

/** A section that loads: shows "Loading…", then what `render` returns, or the problem in words. */
export async function loading(container, load, render) {
  fill(container, h('p', { class: 'loading', role: 'status' }, 'Loading…'));
  try {
    const data = await load();
    fill(container, render(data));
  } catch (problem) {
    const area = h('div', { class: 'message', tabindex: '-1' });
    fill(container, area);
    showProblem(area, problem);
  }
}

/** A button that runs `work` (busy meanwhile) and reports a problem in `area` (or next to itself). */
export function action(label, work, { area, kind = 'secondary', attrs = {} } = {}) {
  const button = h('button', { type: 'button', class: kind, ...attrs }, label);
  button.addEventListener('click', () => busy(button, async () => {
    const target = area ?? button.parentElement.querySelector(':scope > .message') ?? insertArea(button);
    try {
      const text = await work();
      if (typeof text === 'string') say(target, text);
    } catch (problem) {
      showProblem(target, problem);
    }
  }));
  return button;
}

function insertArea(button) {
  const area = h('div', { class: 'message', tabindex: '-1' });
  button.insertAdjacentElement('afterend', area);
  return area;
}

/** The page title and intro every page starts with; the router focuses the heading. */
export function header(title, intro) {
  return [h('h1', { tabindex: '-1' }, title), intro ? h('p', { class: 'intro' }, intro) : null];
}

/** A small status badge. */
export const badge = text => h('span', { class: `badge badge-${String(text).replace(/[^a-z_]/g, '')}` }, String(text).replaceAll('_', ' '));

/** Dates for report forms: {from, to} of the last `days` days (UTC, inclusive). */
export function lastDays(days) {
  const to = new Date();
  const from = new Date(to.getTime() - (days - 1) * 86400000);
  return { from: from.toISOString().slice(0, 10), to: to.toISOString().slice(0, 10) };
}

/** A query string from an object, leaving out empty values. */
export function query(params) {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v != null && v !== '') q.set(k, v);
  const text = q.toString();
  return text ? `?${text}` : '';
}
