// Detects the damage the PDF extraction left in the source documents, so no
// seed or import carries it to a user. The patterns are the ones seen in
// ../shared/seeds: U+01A3 for "ư", letters dropped to spaces ("c p" for "cấp").

const DAMAGED_CHARS = /[\u01a3\u01a2\ufffd]/; // U+01A3/U+01A2 (damaged ư/Ư) and U+FFFD
const DOUBLE_SPACE = / {2,}/;
// A lone lower-case consonant between spaces is never a Vietnamese word; the extraction
// leaves them where a vowel with a diacritic was dropped ("c p", "h  tr").
const LONE_CONSONANT = /(^|\s)[bcdghklmnpqrstvx](?=\s)/; // lower case: "mục V" is a Roman numeral
// Known fragments of dropped letters seen in the documents.
const FRAGMENTS = [/\btri n\b/i, /\bth c\b/i, /\bđ o\b/i, /\bqu n\b/i, /\bh p\b/i];

export interface TextProblem {
  path: string;
  text: string;
  reason: string;
}

export function findTextDamage(text: string): string | null {
  if (DAMAGED_CHARS.test(text)) return 'ký tự lỗi từ bản trích xuất PDF (U+01A3 thay cho “ư”, hoặc U+FFFD)';
  if (text !== text.normalize('NFC')) return 'chưa chuẩn hóa Unicode NFC';
  if (DOUBLE_SPACE.test(text)) return 'hai dấu cách liền nhau (chữ bị mất)';
  if (LONE_CONSONANT.test(text)) return 'phụ âm đứng riêng (chữ bị tách)';
  if (FRAGMENTS.some((f) => f.test(text))) return 'mảnh chữ bị tách';
  return null;
}

/** Walks any JSON value and reports every damaged string with its path. */
export function scanForDamage(value: unknown, path = '$'): TextProblem[] {
  if (typeof value === 'string') {
    const reason = findTextDamage(value);
    return reason ? [{ path, text: value, reason }] : [];
  }
  if (Array.isArray(value)) return value.flatMap((v, i) => scanForDamage(v, `${path}[${i}]`));
  if (value && typeof value === 'object') {
    return Object.entries(value).flatMap(([k, v]) => scanForDamage(v, `${path}.${k}`));
  }
  return [];
}
