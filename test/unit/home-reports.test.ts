// Issue 14, problems 4, 8 and 11, on the pure parts: what Home lists and in which order, and
// how the catalogue ranks a search. Rules and models are the real seed's (Thiệu Vân: monthly
// "trước ngày 20", weekly on Monday).
import { describe, expect, it } from 'vitest';
import { buildSeedBundle } from '../../src/seed/bundle.ts';
import { SeedBundle } from '../../src/seed/schema.ts';
import { homeReports, olderOverdueLine } from '../../src/home/due-reports.ts';
import { filterModels, indexModels } from '../../src/catalogue/filter.ts';

const seed = SeedBundle.parse(buildSeedBundle());
const rules = seed.reportingRules.find((r) => r.unitId === 'tv')!.rules;
/** A time in Vietnam (UTC+7). */
const vn = (y: number, m: number, d: number, h = 10) => Date.UTC(y, m - 1, d, h - 7);
const NOW = vn(2026, 11, 25);

describe('homeReports', () => {
  it('a commune that began today owes nothing yet: no wall of red', () => {
    const r = homeReports({ rules, submitted: new Map(), returned: new Map(), now: NOW, since: NOW, maxOverdue: 3 });
    expect(r.overdue).toEqual([]);
    expect(r.olderOverdue).toBe(0);
    expect(r.upcoming.map((u) => u.label)).toEqual(['Báo cáo tuần 48/2026', 'Báo cáo tháng 12/2026']);
  });

  it('counts overdue periods only from when the unit began, newest first, the older ones folded', () => {
    const r = homeReports({ rules, submitted: new Map(), returned: new Map(), now: NOW, since: vn(2026, 11, 1), maxOverdue: 3 });
    // Due after 01/11: weeks 44–47 (due the Monday after) and November (due before 20/11).
    expect(r.overdue.map((o) => o.label)).toEqual(['Báo cáo tuần 47/2026', 'Báo cáo tháng 11/2026', 'Báo cáo tuần 46/2026']);
    expect(r.olderOverdue).toBe(2);
    expect(olderOverdueLine(r.olderOverdue)).toBe('… và 2 kỳ báo cáo trước đó chưa nộp.');
  });

  it('a returned report comes first and is not counted as sent', () => {
    const submitted = new Map([['monthly|2026-11', vn(2026, 11, 18)]]);
    const returned = new Map([['monthly|2026-11', 'Bổ sung số liệu Thôn 3']]);
    const r = homeReports({ rules, submitted, returned, now: NOW, since: vn(2026, 11, 1), maxOverdue: 3 });
    expect(r.returned).toHaveLength(1);
    expect(r.returned[0]).toMatchObject({ label: 'Báo cáo tháng 11/2026', comment: 'Bổ sung số liệu Thôn 3', state: 'missing' });
    expect([...r.overdue, ...r.upcoming].some((o) => o.period === '2026-11')).toBe(false);
  });

  it('a returned report from before the listed window is still listed', () => {
    const returned = new Map([['monthly|2026-08', 'Sai biểu mẫu']]);
    const r = homeReports({ rules, submitted: new Map([['monthly|2026-08', vn(2026, 8, 19)]]), returned, now: NOW, since: vn(2026, 11, 20), maxOverdue: 3 });
    expect(r.returned.map((x) => x.label)).toEqual(['Báo cáo tháng 8/2026']);
  });
});

describe('catalogue search', () => {
  it('"cong dan so" ranks Mô hình 24 “Đảm bảo điều kiện công dân số” above Mô hình 3 and 5', () => {
    const index = indexModels(seed.catalogue.models);
    const found = filterModels(seed.catalogue.models, index, { query: 'cong dan so', group: '', status: '', lead: '' }, () => undefined, new Set()).map((m) => m.number);
    expect(found[0]).toBe(24);
    expect(found).toContain(3);
    expect(found).toContain(5);
    expect(found.indexOf(24)).toBeLessThan(found.indexOf(3));
    expect(found.indexOf(24)).toBeLessThan(found.indexOf(5));
  });

  it('stays diacritic-insensitive and in catalogue order without a query', () => {
    const index = indexModels(seed.catalogue.models);
    const q = (query: string) => filterModels(seed.catalogue.models, index, { query, group: '', status: '', lead: '' }, () => undefined, new Set());
    expect(q('công dân số')[0]!.number).toBe(24);
    expect(q('').map((m) => m.id)).toEqual(seed.catalogue.models.map((m) => m.id));
  });
});
