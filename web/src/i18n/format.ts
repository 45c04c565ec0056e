// Dates, durations, numbers and money in the admin's language. Money is
// integer minor units with an ISO currency (the server never sends floats).

import type { Locale } from './i18n';

export function formatDateTime(locale: Locale, iso: string | null | undefined): string {
  if (!iso) return '—';
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso));
}

export function formatTime(locale: Locale, iso: string): string {
  return new Intl.DateTimeFormat(locale, { timeStyle: 'medium' }).format(new Date(iso));
}

const STEPS: [Intl.RelativeTimeFormatUnit, number][] = [
  ['second', 60],
  ['minute', 60],
  ['hour', 24],
  ['day', 30],
  ['month', 12],
  ['year', Infinity],
];

/** "3 minutes ago", "in 2 days", relative to `now`. */
export function formatRelative(locale: Locale, iso: string, now = Date.now()): string {
  // A time a little ahead of this page's clock (a live event vs. the 30 s ticker, or clock skew) is "now", never "in 2 seconds".
  let amount = Math.min(0, (new Date(iso).getTime() - now) / 1000);
  for (const [unit, size] of STEPS) {
    if (Math.abs(amount) < size) return new Intl.RelativeTimeFormat(locale, { numeric: 'auto' }).format(Math.round(amount), unit);
    amount /= size;
  }
  return formatDateTime(locale, iso);
}

export function formatNumber(locale: Locale, value: number): string {
  return value.toLocaleString(locale);
}

function fractionDigits(currency: string): number {
  return new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
}

export function formatMoney(locale: Locale, minor: number, currency: string): string {
  const digits = fractionDigits(currency);
  return new Intl.NumberFormat(locale, { style: 'currency', currency }).format(minor / 10 ** digits);
}

/** "12.50" (or "12,50" in French) typed by an admin → 1250 minor units; undefined when it is not an amount. */
export function parseMoney(locale: Locale, text: string, currency: string): number | undefined {
  const parts = new Intl.NumberFormat(locale).formatToParts(12345.6);
  const group = parts.find((p) => p.type === 'group')?.value ?? ',';
  const decimal = parts.find((p) => p.type === 'decimal')?.value ?? '.';
  const cleaned = text.trim().replace(/[\s\u00a0\u202f]/g, '').split(group).join('').replace(decimal, '.');
  if (!/^\d+(\.\d+)?$/.test(cleaned)) return undefined;
  const digits = fractionDigits(currency);
  const [whole, fraction = ''] = cleaned.split('.');
  if (fraction.length > digits) return undefined;
  return Number(whole) * 10 ** digits + Number(fraction.padEnd(digits, '0') || '0');
}

/** A stored amount as an admin would type it ("12.50", "12,50"): the start value of an amount field. */
export function moneyInput(locale: Locale, minor: number, currency: string): string {
  const digits = fractionDigits(currency);
  return new Intl.NumberFormat(locale, { minimumFractionDigits: digits, maximumFractionDigits: digits, useGrouping: false }).format(minor / 10 ** digits);
}

/** A spend period as dates, its last day included (the server's end is exclusive). */
export function formatPeriod(locale: Locale, start: string, end: string): string {
  const date = new Intl.DateTimeFormat(locale, { dateStyle: 'medium' });
  return `${date.format(new Date(start))} – ${date.format(new Date(new Date(end).getTime() - 1))}`;
}
