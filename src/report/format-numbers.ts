/**
 * Pure: how numbers read in the report. Percentages have one decimal and are rounded down (computed
 * in integers, so no floating-point surprise), so 99.96% reads 99.9% and only full coverage reads
 * 100.0%. A delta is the difference of the two figures as shown.
 */
import type { Counts } from './types.js';

/** Tenths of a percent of numerator/denominator, rounded down; null when the denominator is 0. */
export function percentTenths(numerator: number, denominator: number): number | null {
  if (denominator <= 0) return null;
  return Math.floor((Math.max(0, numerator) * 1000) / denominator);
}

/** `'83.3%'`, or `'n/a'` when there is nothing to measure. */
export function formatPercent(numerator: number, denominator: number): string {
  const tenths = percentTenths(numerator, denominator);
  return tenths === null ? 'n/a' : `${formatTenths(tenths)}%`;
}

/** `'83.3% (10/12)'`, or `'n/a (0/0)'`. */
export function formatCounts(counts: Counts): string {
  return `${formatPercent(counts.covered, counts.total)} (${counts.covered}/${counts.total})`;
}

/** `'+3.2'`, `'-1.0'` or `'±0'` between two figures as displayed; null when either is not measurable. */
export function formatDelta(base: Counts, head: Counts): string | null {
  const before = percentTenths(base.covered, base.total);
  const after = percentTenths(head.covered, head.total);
  if (before === null || after === null) return null;
  const delta = after - before;
  if (delta === 0) return '±0';
  return `${delta > 0 ? '+' : '-'}${formatTenths(Math.abs(delta))}`;
}

/** 1,234 style grouping, independent of the machine's locale. */
export function formatCount(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** `'1 changed coverable line'` / `'2 changed coverable lines'`. */
export function plural(n: number, singular: string, pluralForm = `${singular}s`): string {
  return `${formatCount(n)} ${n === 1 ? singular : pluralForm}`;
}

function formatTenths(tenths: number): string {
  return `${Math.floor(tenths / 10)}.${tenths % 10}`;
}

/**
 * Dollars with at least `minDecimals` and at most four decimals: `formatUsd(0.01234, 4)` is
 * `'$0.0123'`, `formatUsd(5)` is `'$5.00'`, `formatUsd(0.125)` is `'$0.125'`.
 */
export function formatUsd(amount: number, minDecimals = 2): string {
  const fixed = Math.max(0, amount).toFixed(4);
  const [whole, decimals = ''] = fixed.split('.');
  let kept = decimals;
  while (kept.length > minDecimals && kept.endsWith('0')) kept = kept.slice(0, -1);
  return `$${formatCount(Number(whole))}${kept ? `.${kept}` : ''}`;
}
