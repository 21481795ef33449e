// Time-series and bar charts with uPlot (from its webjar), each with the same figures as a
// table beside it, so the numbers are there for keyboards and screen readers too.
import { h, table } from './ui.js';

export const UPLOT = '/vendor/uplot/1.6.30/dist/';
let loaded;

function uPlotModule() {
  if (!loaded) {
    if (!document.querySelector('link[data-uplot]')) {
      document.head.append(h('link', { rel: 'stylesheet', href: `${UPLOT}uPlot.min.css`, 'data-uplot': true }));
    }
    loaded = import(`${UPLOT}uPlot.esm.js`).then(m => m.default);
  }
  return loaded;
}

const COLOURS = ['#1f5fbf', '#c2410c', '#15803d', '#7e22ce', '#b91c1c'];

/**
 * A chart figure: `labels` are the x values (ISO dates or period labels), `series` is
 * [{label, values, format?}]; `kind` 'line' or 'bars'. Returns the figure at once and draws
 * into it when uPlot has loaded; the table holds the same figures.
 */
export function chart({ title, labels, series, kind = 'line', format = v => String(v) }) {
  const plot = h('div', { class: 'plot', 'aria-hidden': 'true' });
  const rows = labels.map((label, i) => ({ label, i }));
  const figure = h('figure', { class: 'chart card' },
    h('figcaption', {}, title),
    labels.length ? plot : h('p', { class: 'empty' }, 'No figures in this range.'),
    labels.length ? h('details', {}, h('summary', {}, `${title}: the figures`),
      table({ caption: title, rows, columns: [
        { label: 'Period', cell: r => r.label },
        ...series.map(s => ({ label: s.label, class: 'num', cell: r => (s.format ?? format)(s.values[r.i]) })),
      ] })) : null);
  if (labels.length) draw(plot, labels, series, kind, format);
  return figure;
}

async function draw(plot, labels, series, kind, format) {
  const uPlot = await uPlotModule();
  const times = labels.map(l => Date.parse(l.length === 10 ? `${l}T00:00:00Z` : l) / 1000);
  const isTime = times.every(t => Number.isFinite(t));
  const xs = isTime ? times : labels.map((_, i) => i);
  const width = () => Math.max(240, plot.clientWidth || plot.parentElement.clientWidth - 32);
  const options = {
    width: width(), height: 220,
    scales: { x: { time: isTime } },
    axes: [
      isTime ? {} : { values: (u, ticks) => ticks.map(t => labels[t] ?? '') },
      { values: (u, ticks) => ticks.map(t => (series[0].format ?? format)(t)), size: 70 },
    ],
    series: [{}, ...series.map((s, i) => ({
      label: s.label, stroke: COLOURS[i % COLOURS.length], width: 2,
      fill: kind === 'bars' ? `${COLOURS[i % COLOURS.length]}55` : undefined,
      paths: kind === 'bars' && uPlot.paths?.bars ? uPlot.paths.bars({ size: [0.6, 60] }) : undefined,
      value: (u, v) => (v == null ? '—' : (s.format ?? format)(v)),
    }))],
  };
  const instance = new uPlot(options, [xs, ...series.map(s => s.values)], plot);
  plot.dataset.drawn = 'true';
  new ResizeObserver(() => instance.setSize({ width: width(), height: 220 })).observe(plot.parentElement);
}

/** Every day from `from` to `to` (ISO dates), so a series has a point for each. */
export function daysBetween(from, to) {
  const out = [];
  for (let t = Date.parse(`${from}T00:00:00Z`); t <= Date.parse(`${to}T00:00:00Z`); t += 86400000) {
    out.push(new Date(t).toISOString().slice(0, 10));
  }
  return out;
}
