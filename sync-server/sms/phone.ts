// Vietnamese mobile numbers as one form (E.164), so the number a person registers and the one a
// gateway reports ("0912 345 678", "84912345678", "+84912345678") compare equal.

/** "+84912345678", or null when it is not a Vietnamese mobile number. */
export function normalizePhone(input: string): string | null {
  const digits = input.replace(/[\s.()-]/g, '');
  const m = /^(?:\+?84|0)([35789]\d{8})$/.exec(digits);
  return m ? `+84${m[1]}` : null;
}
