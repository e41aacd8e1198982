// Vietnamese text helpers shared by the app and the server.
// Everything a user reads goes through these so numbers, dates and sorting
// look the same on every screen, in exports and in the server's messages.

export const TIME_ZONE = 'Asia/Ho_Chi_Minh';
export const LOCALE = 'vi-VN';

/**
 * A key for diacritic-insensitive search: "Công dân số" → "cong dan so".
 * NFD splits letters from their marks; đ/Đ has no decomposition, so map it by hand.
 */
export function searchKey(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}

/** A file name's part from people's words: "xã Thiệu Vân" → "xa-thieu-van" (no ids in names people see). */
export const fileSlug = (text: string): string => searchKey(text).replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '');

/** True when every word of the query occurs (as a prefix of a word or inside it) in the text. */
export function matchesSearch(text: string, query: string): boolean {
  const haystack = searchKey(text);
  return searchKey(query)
    .split(' ')
    .filter(Boolean)
    .every((word) => haystack.includes(word));
}

const collator = new Intl.Collator('vi', { sensitivity: 'base', numeric: true });
export const compareVi = (a: string, b: string): number => collator.compare(a, b);
export function sortVi<T>(items: readonly T[], key: (item: T) => string): T[] {
  return [...items].sort((a, b) => compareVi(key(a), key(b)));
}

const integerFormat = new Intl.NumberFormat(LOCALE, { maximumFractionDigits: 0 });
const decimalFormat = new Intl.NumberFormat(LOCALE, { maximumFractionDigits: 2 });
const percentFormat = new Intl.NumberFormat(LOCALE, {
  style: 'percent',
  minimumFractionDigits: 2,
  maximumFractionDigits: 2,
});

/** 38755 → "38.755"; 96.5 → "96,5". */
export function formatNumber(value: number): string {
  return Number.isInteger(value) ? integerFormat.format(value) : decimalFormat.format(value);
}

/**
 * A ratio (0..1) as the documents print it: 0.9624 → "96,24%".
 * Intl puts a no-break space before % in vi-VN; the documents do not.
 */
export function formatPercent(ratio: number): string {
  return percentFormat.format(ratio).replace(/\s/g, '');
}

const dateFormat = new Intl.DateTimeFormat(LOCALE, {
  timeZone: TIME_ZONE,
  day: '2-digit',
  month: '2-digit',
  year: 'numeric',
});
const dateTimeFormat = new Intl.DateTimeFormat(LOCALE, {
  timeZone: TIME_ZONE,
  day: '2-digit',
  month: '2-digit',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  hour12: false,
});

/** An instant as the calendar date in Vietnam: "20/11/2026". */
export function formatDate(instant: Date | number): string {
  return dateFormat.format(instant);
}

/** "20/11/2026 14:05" in Vietnam time. */
export function formatDateTime(instant: Date | number): string {
  const parts = Object.fromEntries(dateTimeFormat.formatToParts(instant).map((p) => [p.type, p.value]));
  return `${parts.day}/${parts.month}/${parts.year} ${parts.hour}:${parts.minute}`;
}

/**
 * Parses a number typed the Vietnamese way: "38.755" → 38755, "96,24" → 96.24.
 * Returns null for anything that is not a clean number, so forms can say so
 * instead of guessing (is "1.5" one and a half or fifteen hundred? in vi-VN: 15).
 */
export function parseViNumber(input: string): number | null {
  const text = input.trim().replace(/\s/g, '');
  if (!/^-?(\d{1,3}(\.\d{3})+|\d+)(,\d+)?$/.test(text)) return null;
  const value = Number(text.replace(/\./g, '').replace(',', '.'));
  return Number.isFinite(value) ? value : null;
}
