import { escapeHtml } from '../render/escape';

/**
 * Charts as inline SVG, drawn here: no library, no script, nothing that loads. Every string in them is escaped;
 * colours come from a fixed list of classes (the site stylesheet), never from report text. Each chart has a
 * <title> and <desc>, and the pages put a table with the same numbers next to it.
 */

export interface Series {
  /** Shown in the legend and the tooltips. */
  label: string;
  /** A class of the site stylesheet (bar-critical, bar-high, …): chosen from a fixed list by the caller. */
  className: string;
}

export interface StackedBarsInput {
  title: string;
  description: string;
  /** The x categories, in order. */
  categories: readonly string[];
  series: readonly Series[];
  /** values[category][series] */
  values: readonly (readonly number[])[];
}

const WIDTH = 720;
const HEIGHT = 260;
const MARGIN = { top: 16, right: 12, bottom: 56, left: 40 };

/** A tidy axis maximum and step: 1, 2 or 5 × 10ⁿ, about 4–5 ticks. */
export function niceScale(max: number): { top: number; step: number } {
  if (!(max > 0)) return { top: 1, step: 1 };
  const raw = max / 4;
  const power = 10 ** Math.floor(Math.log10(raw));
  const step = Math.max(1, [1, 2, 5, 10].map((m) => m * power).find((s) => s >= raw) ?? 10 * power);
  return { top: Math.ceil(max / step) * step, step };
}

const fmt = (n: number): string => String(Math.round(n * 10) / 10);

function axes(top: number, step: number, plotHeight: number, plotWidth: number): string {
  const lines: string[] = [];
  for (let value = 0; value <= top; value += step) {
    const y = MARGIN.top + plotHeight - (value / top) * plotHeight;
    lines.push(`<line class="axis" x1="${MARGIN.left - 4}" x2="${MARGIN.left}" y1="${fmt(y)}" y2="${fmt(y)}"/>`);
    lines.push(`<text x="${MARGIN.left - 6}" y="${fmt(y + 4)}" text-anchor="end">${value}</text>`);
  }
  lines.push(`<line class="axis" x1="${MARGIN.left}" x2="${MARGIN.left}" y1="${MARGIN.top}" y2="${MARGIN.top + plotHeight}"/>`);
  lines.push(`<line class="axis" x1="${MARGIN.left}" x2="${MARGIN.left + plotWidth}" y1="${MARGIN.top + plotHeight}" y2="${MARGIN.top + plotHeight}"/>`);
  return lines.join('');
}

/** Bars per category, stacked by series; labels under every bar when they fit, else under every n-th. */
export function stackedBarsSvg(input: StackedBarsInput): string {
  const plotWidth = WIDTH - MARGIN.left - MARGIN.right;
  const plotHeight = HEIGHT - MARGIN.top - MARGIN.bottom;
  const totals = input.values.map((row) => row.reduce((sum, value) => sum + value, 0));
  const { top, step } = niceScale(Math.max(0, ...totals));
  const slot = plotWidth / Math.max(1, input.categories.length);
  const barWidth = Math.max(1, slot * 0.7);
  const labelEvery = Math.max(1, Math.ceil(input.categories.length / Math.floor(plotWidth / 34)));
  const parts: string[] = [];
  input.categories.forEach((category, index) => {
    const x = MARGIN.left + index * slot + (slot - barWidth) / 2;
    let y = MARGIN.top + plotHeight;
    input.series.forEach((series, s) => {
      const value = input.values[index]?.[s] ?? 0;
      if (value <= 0) return;
      const h = (value / top) * plotHeight;
      y -= h;
      parts.push(
        `<rect class="${series.className}" x="${fmt(x)}" y="${fmt(y)}" width="${fmt(barWidth)}" height="${fmt(h)}"><title>${escapeHtml(`${category}, ${series.label}: ${value}`)}</title></rect>`,
      );
    });
    if (index % labelEvery === 0)
      parts.push(
        `<text x="${fmt(x + barWidth / 2)}" y="${MARGIN.top + plotHeight + 12}" text-anchor="end" transform="rotate(-45 ${fmt(x + barWidth / 2)} ${MARGIN.top + plotHeight + 12})">${escapeHtml(category)}</text>`,
      );
  });
  return svg(input.title, input.description, axes(top, step, plotHeight, plotWidth) + parts.join(''));
}

export interface HistogramInput {
  title: string;
  description: string;
  bins: readonly { label: string; count: number }[];
}

/** One bar per bin, its count written above it. */
export function histogramSvg(input: HistogramInput): string {
  const plotWidth = WIDTH - MARGIN.left - MARGIN.right;
  const plotHeight = HEIGHT - MARGIN.top - MARGIN.bottom;
  const { top, step } = niceScale(Math.max(0, ...input.bins.map((bin) => bin.count)));
  const slot = plotWidth / Math.max(1, input.bins.length);
  const barWidth = slot * 0.8;
  const parts = input.bins.map((bin, index) => {
    const x = MARGIN.left + index * slot + (slot - barWidth) / 2;
    const h = (bin.count / top) * plotHeight;
    const y = MARGIN.top + plotHeight - h;
    return `<rect class="bar" x="${fmt(x)}" y="${fmt(y)}" width="${fmt(barWidth)}" height="${fmt(h)}"><title>${escapeHtml(`${bin.label}: ${bin.count}`)}</title></rect><text x="${fmt(x + barWidth / 2)}" y="${fmt(y - 3)}" text-anchor="middle">${bin.count}</text><text x="${fmt(x + barWidth / 2)}" y="${MARGIN.top + plotHeight + 14}" text-anchor="middle">${escapeHtml(bin.label)}</text>`;
  });
  return svg(input.title, input.description, axes(top, step, plotHeight, plotWidth) + parts.join(''));
}

function svg(title: string, description: string, content: string): string {
  return `<svg class="chart" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${WIDTH} ${HEIGHT}" width="${WIDTH}" height="${HEIGHT}" role="img" aria-label="${escapeHtml(title)}"><title>${escapeHtml(title)}</title><desc>${escapeHtml(description)}</desc>${content}</svg>`;
}
