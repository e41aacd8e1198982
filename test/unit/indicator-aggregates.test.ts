// The all-service figures' arithmetic (src/domain/indicators.ts): a period's value from its
// months (a count as it stands is its last month's, a month's count is summed) and a share of
// the whole computed from the counts, never averaged, never 0 for "nothing entered".
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { aggregateShare, onlineRate, periodValue } from '../../src/domain/indicators.ts';
import { formatPercent } from '../../src/domain/text.ts';

const month = fc.option(fc.nat({ max: 1_000_000 }), { nil: undefined });

describe('periodValue', () => {
  it('sums the months entered for a flow, takes the last one entered for a stock', () => {
    fc.assert(
      fc.property(fc.array(month, { maxLength: 12 }), (months) => {
        const entered = months.filter((v): v is number => v !== undefined);
        const flow = periodValue('flow', months);
        const stock = periodValue('stock', months);
        if (entered.length === 0) {
          expect(flow).toBeUndefined();
          expect(stock).toBeUndefined();
          return;
        }
        expect(flow).toBe(entered.reduce((a, b) => a + b, 0));
        expect(stock).toBe(entered.at(-1));
        // A month nobody entered changes neither.
        expect(periodValue('flow', [...months, undefined])).toBe(flow);
        expect(periodValue('stock', [...months, undefined])).toBe(stock);
      }),
    );
  });

  it('keeps a month entered as 0 (entered) apart from one not entered', () => {
    expect(periodValue('flow', [undefined, 0])).toBe(0);
    expect(periodValue('stock', [1714, 0])).toBe(0);
    expect(periodValue('stock', [1714, undefined])).toBe(1714);
  });
});

describe('aggregateShare', () => {
  it('is the part over the whole, in [0, 1] when the part is within it; null when either is missing or the whole is 0', () => {
    fc.assert(
      fc.property(fc.nat({ max: 10_000_000 }), fc.nat({ max: 10_000_000 }), (a, b) => {
        const [part, whole] = a <= b ? [a, b] : [b, a];
        const share = aggregateShare(part, whole);
        if (whole === 0) expect(share).toBeNull();
        else {
          expect(share).toBe(onlineRate({ total: whole, online: part }));
          expect(share!).toBeGreaterThanOrEqual(0);
          expect(share!).toBeLessThanOrEqual(1);
        }
        expect(aggregateShare(undefined, whole)).toBeNull();
        expect(aggregateShare(part, undefined)).toBeNull();
      }),
    );
  });

  it('gives 001’s services fully online as the app prints rates: 990/1.714 → 57,76%', () => {
    expect(formatPercent(aggregateShare(990, 1714)!)).toBe('57,76%');
    expect(formatPercent(aggregateShare(724, 1714)!)).toBe('42,24%');
  });
});
