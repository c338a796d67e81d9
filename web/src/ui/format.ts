// One place that decides how dates read across the app, so every table says them the same way.
const dateFormat = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric' });

/** "23 Nov 2026", or the fallback when there is no date. */
export function formatDate(iso: string | null, fallback = '—'): string {
  if (!iso) return fallback;
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? fallback : dateFormat.format(date);
}

const timeFormat = new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit' });

/** "23 Nov 2026, 14:05" in the reader's time zone, or the fallback when there is no date. */
export function formatDateTime(iso: string | null, fallback = '—'): string {
  if (!iso) return fallback;
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? fallback : `${dateFormat.format(date)}, ${timeFormat.format(date)}`;
}
