// Prefill and merge of report figures: village teams → commune → district → province.
import { describe, expect, it } from 'vitest';
import { SeedBundle } from '../../src/seed/schema.ts';
import { buildSeedBundle } from '../../src/seed/bundle.ts';
import type { Adoption } from '../../src/domain/status.ts';
import type { FieldValue } from '../../src/domain/sync/merge.ts';
import type { Collection } from '../../src/domain/sync/collections.ts';
import {
  communeReportData,
  indicatorMonths,
  latestChildSnapshots,
  mergeChildReports,
  mergeVillageFigures,
  modelsAdopted,
  modelsDone,
  reportingChildren,
  serviceTotals,
  toFieldValue,
  type ChildSnapshot,
  type LocalRecord,
  type PrefillContext,
  type ReportData,
} from '../../src/reports/data.ts';
import { prefillCommuneNarrative, prefillParentNarrative } from '../../src/reports/sections.ts';

const seed = SeedBundle.parse(buildSeedBundle());
const ctx: PrefillContext = { models: seed.catalogue.models, units: seed.units, sheet: seed.indicatorSheet, checklists: seed.checklists };
const unit = (id: string) => seed.units.find((u) => u.id === id)!;
const NOW = Date.UTC(2026, 10, 25, 3); // 25/11/2026 10:00 in Vietnam
const rec = (coll: Collection, id: string, unitId: string, values: Record<string, FieldValue>): LocalRecord => ({ coll, id, unit: unitId, values });

/** Thiệu Vân: two models assessed, a task list half done, figures from the commune and two village teams. */
const tvRecords: LocalRecord[] = [
  rec('status', 'tv:mh-24', 'tv', { status: 'inProgress', progress: 65, note: 'Đã hướng dẫn 120 hộ', difficulties: 'Một số hộ chưa có điện thoại thông minh', proposals: 'Hỗ trợ thiết bị' }),
  rec('status', 'tv:mh-01', 'tv', { status: 'done', progress: 100, causes: 'Người dân chưa quen' }),
  rec('indicators', 'tv@2026-11', 'tv', { 's.dvc-01.total': 38755, 's.dvc-01.online': 37296 }),
  // Village teams: dvc-01 is also counted by Thôn 1, but the commune's own figure wins.
  rec('indicators', 'tv-thon-1@2026-11', 'tv-thon-1', { 's.dvc-01.total': 5, 's.dvc-01.online': 5, 's.dvc-02.total': 10, 's.dvc-02.online': 8 }),
  rec('indicators', 'tv-thon-2@2026-11', 'tv-thon-2', { 's.dvc-02.total': 20, 's.dvc-02.online': 12, 'c.cccd-ho-so': 7 }),
  // Another month is not summed into a November report.
  rec('indicators', 'tv@2026-10', 'tv', { 's.dvc-01.total': 999, 's.dvc-01.online': 1 }),
];

function tvData(records = tvRecords): ReportData {
  return communeReportData(ctx, unit('tv'), '2026-11', NOW, seed.adoptions, records);
}

describe('village → commune', () => {
  it('merges field by field: the commune’s own figure wins, an empty field takes the villages’ sum', () => {
    expect(mergeVillageFigures({ a: 1 }, [{ a: 5, b: 2 }, { b: 3, c: 4 }])).toEqual({ a: 1, b: 5, c: 4 });
    expect(mergeVillageFigures({}, [])).toEqual({});
  });

  it('prefills each adopted model, the indicators of the period with computed totals, and the village lines', () => {
    const data = tvData();
    expect(data.models).toHaveLength(11);
    const mh24 = data.models.find((m) => m.modelId === 'mh-24')!;
    expect(mh24).toMatchObject({ title: 'Mô hình 24: Đảm bảo điều kiện công dân số', status: 'inProgress', progressSum: 65, progressCount: 1, counts: { inProgress: 1 }, note: 'Đã hướng dẫn 120 hộ' });
    expect(mh24.tasks.total).toBeGreaterThan(0);
    expect(data.models.find((m) => m.modelId === 'mh-03')).toMatchObject({ status: 'none', progressCount: 0, counts: { none: 1 } });
    expect(modelsDone(data.models)).toBe(1);
    expect(modelsAdopted(data.models)).toBe(11);

    expect(data.months).toEqual(['2026-11']);
    const s = (id: string) => data.indicators.services.find((x) => x.id === id)!;
    expect(s('dvc-01')).toMatchObject({ total: 38755, online: 37296 }); // commune wins over Thôn 1
    expect(s('dvc-02')).toMatchObject({ total: 30, online: 20 }); // villages summed
    // The services 001 names (17 rows, row 21's tail, V.1's "trợ cấp thất nghiệp"); its 6 lost rows are not reported (issue 11).
    expect(data.indicators.services).toHaveLength(19);
    expect(data.indicators.counters.find((c) => c.id === 'cccd-ho-so')!.value).toBe(7);
    expect(data.indicators.units).toBe(3); // the commune and two villages contributed
    expect(serviceTotals(data.indicators.services)).toEqual({ total: 38785, online: 37316 });

    expect(data.partKind).toBe('village');
    expect(data.parts).toHaveLength(6);
    expect(data.parts.find((p) => p.unitId === 'tv-thon-1')).toMatchObject({ hasData: true, total: 15, online: 13 });
    expect(data.parts.find((p) => p.unitId === 'tv-thon-3')).toMatchObject({ hasData: false, total: 0 });
    expect(data.inspection.map((l) => l.templateId)).toEqual(seed.checklists.filter((t) => t.kind === 'inspection' && t.level === 'commune').map((t) => t.id));
  });

  it('counts task checklist answers per model', () => {
    const template = seed.checklists.find((t) => t.modelId === 'mh-24')!;
    const first = template.sections[0]!.items[0]!;
    const data = tvData([...tvRecords, rec('checklist', `${template.id}@tv`, 'tv', { [`a.${first.id}`]: 'Đang thực hiện' })]);
    expect(data.models.find((m) => m.modelId === 'mh-24')!.tasks.answered).toBe(1);
  });

  it('writes the narrative from the models’ statuses: results, difficulties, causes, proposals, next tasks', () => {
    const n = prefillCommuneNarrative(tvData(), tvRecords);
    expect(n.results).toContain('Tổng số mô hình đang triển khai: 11; đã hoàn thành 1, đang thực hiện 1, chưa cập nhật tình trạng 9; tỷ lệ hoàn thành 9,09%.');
    expect(n.results).toContain('25 dịch vụ công thiết yếu (tháng 11/2026): tổng số 38.785 hồ sơ, trực tuyến 37.316 hồ sơ, đạt 96,21%.');
    expect(n.results).toContain('- Mô hình 24: Đảm bảo điều kiện công dân số: Đang thực hiện (65%). Đã hướng dẫn 120 hộ');
    expect(n.difficulties).toBe('- Mô hình 24: Đảm bảo điều kiện công dân số: Một số hộ chưa có điện thoại thông minh');
    expect(n.causes).toMatch(/^- Mô hình 1: .*: Người dân chưa quen$/);
    expect(n.proposals).toContain('Hỗ trợ thiết bị');
    expect(n.nextTasks).toContain('- Tiếp tục triển khai Mô hình 24: Đảm bảo điều kiện công dân số (tiến độ hiện nay 65%).');
    expect(n.nextTasks).not.toContain('Mô hình 1:'); // done
  });

  it('sums the months of a six-month or annual period; a week reports the month it ends in', () => {
    expect(indicatorMonths('2026-H2', NOW)).toEqual(['2026-07', '2026-08', '2026-09', '2026-10', '2026-11', '2026-12']);
    expect(indicatorMonths('2026', NOW)).toHaveLength(12);
    expect(indicatorMonths('2026-W49', NOW)).toEqual(['2026-12']); // 30/11–06/12/2026
    expect(indicatorMonths('adhoc:20261125-abcd', NOW)).toEqual(['2026-11']);
    const h2 = communeReportData(ctx, unit('tv'), '2026-H2', NOW, seed.adoptions, tvRecords);
    expect(h2.indicators.services.find((x) => x.id === 'dvc-01')).toMatchObject({ total: 38755 + 999, online: 37296 + 1 });
  });
});

/** Đông Hải: one model, its own figures, no villages. */
const dhRecords: LocalRecord[] = [
  rec('status', 'dh:mot-cua', 'dh', { status: 'done', progress: 100, difficulties: 'Thiếu máy quét' }),
  rec('indicators', 'dh@2026-11', 'dh', { 's.dvc-01.total': 1000, 's.dvc-01.online': 900, 's.dvc-03.total': 50, 's.dvc-03.online': 49, 'c.cccd-ho-so': 3 }),
];

function snapshotOf(data: ReportData, version: number, sections: ChildSnapshot['sections'] = []): ChildSnapshot {
  // Through JSON, as it travels in a reportVersion.
  return { unitId: data.unitId, version, submittedAt: NOW, data: toFieldValue(data) as unknown as ReportData, sections };
}

describe('commune → district → province', () => {
  const tv = tvData();
  const dh = communeReportData(ctx, unit('dh'), '2026-11', NOW, seed.adoptions, dhRecords);
  const children = reportingChildren(seed.units, 'th-tp');
  const district = mergeChildReports(ctx, unit('th-tp'), '2026-11', NOW, children, [
    snapshotOf(tv, 2, [{ key: 'difficulties', title: 'Khó khăn, vướng mắc', body: 'Sóng yếu ở thôn 5' }]),
    snapshotOf(dh, 1, [{ key: 'difficulties', title: 'Khó khăn, vướng mắc', body: 'Thiếu máy quét' }]),
  ]);

  it('counts models per status across communes and sums the figures; rates come from the sums', () => {
    expect(children.map((c) => c.id)).toEqual(['tv', 'dh']);
    expect(district.level).toBe('district');
    expect(district.partKind).toBe('child');
    expect(modelsAdopted(district.models)).toBe(12);
    expect(modelsDone(district.models)).toBe(2);
    expect(district.models.find((m) => m.modelId === 'mot-cua')).toMatchObject({ units: 1, counts: { done: 1 }, status: null, note: '' });
    const s = (id: string) => district.indicators.services.find((x) => x.id === id)!;
    expect(s('dvc-01')).toMatchObject({ total: 38755 + 1000, online: 37296 + 900 });
    expect(s('dvc-03')).toMatchObject({ total: 50, online: 49 });
    expect(district.indicators.counters.find((c) => c.id === 'cccd-ho-so')!.value).toBe(10);
    expect(district.parts).toEqual([
      expect.objectContaining({ unitId: 'tv', hasData: true, version: 2, modelsDone: 1, modelsTotal: 11, total: 38785, online: 37316 }),
      expect.objectContaining({ unitId: 'dh', hasData: true, version: 1, modelsDone: 1, modelsTotal: 1, total: 1050, online: 949 }),
    ]);
  });

  it('lists a commune without a report as missing instead of guessing its figures', () => {
    const partial = mergeChildReports(ctx, unit('th-tp'), '2026-11', NOW, children, [snapshotOf(dh, 1)]);
    expect(partial.parts.find((p) => p.unitId === 'tv')).toMatchObject({ hasData: false, version: null, total: 0 });
    expect(serviceTotals(partial.indicators.services)).toEqual({ total: 1050, online: 949 });
    expect(prefillParentNarrative(partial, [snapshotOf(dh, 1)]).results).toContain('Số đơn vị đã gửi báo cáo tháng 11/2026: 1/2; chưa gửi: xã Thiệu Vân.');
  });

  it('merges the communes’ text under their names', () => {
    const n = prefillParentNarrative(district, [
      snapshotOf(tv, 2, [{ key: 'difficulties', title: '', body: 'Sóng yếu ở thôn 5' }]),
      snapshotOf(dh, 1, [{ key: 'difficulties', title: '', body: 'Thiếu máy quét' }]),
    ]);
    expect(n.difficulties).toBe('xã Thiệu Vân:\nSóng yếu ở thôn 5\n\nphường Đông Hải:\nThiếu máy quét');
    expect(n.results).toContain('Số đơn vị đã gửi báo cáo tháng 11/2026: 2/2.');
    expect(n.results).toContain('Tổng số lượt mô hình các đơn vị triển khai: 12 (12 mô hình); đã hoàn thành 2');
  });

  it('gives the province the same totals through the district as straight from the communes (associative)', () => {
    const provinceChildren = reportingChildren(seed.units, 'th');
    expect(provinceChildren.map((c) => c.id).sort()).toEqual(['qx', 'th-tp']);
    const viaDistrict = mergeChildReports(ctx, unit('th'), '2026-11', NOW, provinceChildren, [snapshotOf(district, 1)]);
    const direct = mergeChildReports(ctx, unit('th'), '2026-11', NOW, [unit('tv'), unit('dh')], [snapshotOf(tv, 2), snapshotOf(dh, 1)]);
    expect(viaDistrict.indicators.services).toEqual(direct.indicators.services);
    expect(viaDistrict.indicators.counters).toEqual(direct.indicators.counters);
    expect(viaDistrict.models.map((m) => [m.modelId, m.units, m.counts])).toEqual(direct.models.map((m) => [m.modelId, m.units, m.counts]));
    expect(viaDistrict.parts.find((p) => p.unitId === 'qx')).toMatchObject({ hasData: false });
  });

  it('reads the latest valid submitted version of each child for the period, from synced records', () => {
    const versions = [
      { id: 'tv@2026-11#1', values: { reportId: 'tv@2026-11', version: 1, submittedAt: 1, snapshot: toFieldValue({ title: 'v1', sections: [], data: tv, submittedBy: '' }) } },
      { id: 'tv@2026-11#2', values: { reportId: 'tv@2026-11', version: 2, submittedAt: 2, snapshot: toFieldValue({ title: 'v2', sections: [], data: tv, submittedBy: '' }) } },
      { id: 'tv@2026-11#3', values: { reportId: 'tv@2026-11', version: 3, submittedAt: 3, snapshot: { garbage: true } } },
      { id: 'dh@2026-10#1', values: { reportId: 'dh@2026-10', version: 1, submittedAt: 1, snapshot: toFieldValue({ title: 'x', sections: [], data: dh, submittedBy: '' }) } },
    ];
    const found = latestChildSnapshots(versions, children, '2026-11');
    expect(found.map((s) => [s.unitId, s.version])).toEqual([['tv', 2]]);
  });
});

describe('adoptions from sync', () => {
  it('prefills a commune that adopted models through sync, not the seed', () => {
    const adoptions: Adoption[] = [{ id: 'qx-quang-binh:mh-24', unitId: 'qx-quang-binh', modelId: 'mh-24', adoptedOn: null, villageIds: [] }];
    const data = communeReportData(ctx, unit('qx-quang-binh'), '2026-11', NOW, adoptions, [rec('status', 'qx-quang-binh:mh-24', 'qx-quang-binh', { status: 'ongoing', progress: 80 })]);
    expect(data.models).toEqual([expect.objectContaining({ modelId: 'mh-24', status: 'ongoing', progressSum: 80 })]);
    expect(data.partKind).toBe('none');
  });
});
