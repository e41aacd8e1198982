import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { formatDate, formatDateTime, formatNumber, formatPercent, matchesSearch, parseViNumber, searchKey, sortVi } from '../../src/domain/text.ts';
import { findTextDamage } from '../../src/domain/text-quality.ts';

describe('Vietnamese text', () => {
  it('searches without diacritics, in either Unicode form, with đ as d', () => {
    expect(matchesSearch('Đảm bảo điều kiện công dân số', 'cong dan so')).toBe(true);
    expect(matchesSearch('Đảm bảo điều kiện công dân số', 'dam bao')).toBe(true);
    expect(matchesSearch('Công dân số'.normalize('NFD'), 'công dân')).toBe(true);
    expect(matchesSearch('Đảm bảo điều kiện công dân số', 'cong dan tre')).toBe(false);
    expect(searchKey('  Thiệu   VÂN ')).toBe('thieu van');
  });

  it('sorts the Vietnamese way (Đ after D, tones after the base letter)', () => {
    const sorted = sortVi(['Đông Hải', 'Thiệu Vân', 'Dương', 'An', 'Ân'], (s) => s);
    expect(sorted.indexOf('Dương')).toBeLessThan(sorted.indexOf('Đông Hải'));
    expect(sorted[0]).toBe('An');
    expect(sorted.at(-1)).toBe('Thiệu Vân');
  });

  it('formats numbers, percentages and dates as vi-VN', () => {
    expect(formatNumber(38755)).toBe('38.755');
    expect(formatNumber(2281434)).toBe('2.281.434');
    expect(formatPercent(0.9624)).toBe('96,24%');
    expect(formatPercent(1)).toBe('100,00%');
    // 20/11/2026 00:30 in Vietnam is still 19/11 in UTC.
    expect(formatDate(Date.UTC(2026, 10, 19, 17, 30))).toBe('20/11/2026');
    expect(formatDateTime(Date.UTC(2026, 10, 19, 17, 30))).toBe('20/11/2026 00:30');
  });

  it('parses numbers typed the Vietnamese way and refuses ambiguous ones', () => {
    expect(parseViNumber('38.755')).toBe(38755);
    expect(parseViNumber('96,24')).toBe(96.24);
    expect(parseViNumber('1.234.567,5')).toBe(1234567.5);
    expect(parseViNumber('12')).toBe(12);
    expect(parseViNumber('1.5')).toBeNull();
    expect(parseViNumber('abc')).toBeNull();
    expect(parseViNumber('')).toBeNull();
  });

  it('parses back what it formats', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10_000_000_000 }), (n) => {
        expect(parseViNumber(formatNumber(n))).toBe(n);
      }),
    );
  });

  it('detects the PDF damage in the source documents', () => {
    expect(findTextDamage('dân c\u01a3')).toMatch(/U\+01A3/);
    expect(findTextDamage('Đ m   o điều  iện')).not.toBeNull();
    expect(findTextDamage('UBND c p xã')).not.toBeNull();
    expect(findTextDamage('Đảm bảo điều kiện công dân số')).toBeNull();
    expect(findTextDamage('Công dân số'.normalize('NFD'))).toMatch(/NFC/);
  });
});
