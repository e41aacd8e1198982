// The province report in 001's form: the 28-service sheet's seed against the document, the
// prefill of Phụ lục I from the units' task progress (and the document's own rows where no
// unit has assessed a task), Phụ lục III/IV from the communes' sheets, and the .docx read back.
// Expectations come from the document's text (seeds/documents/001…txt), not from the seeds.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { SeedBundle } from '../../src/seed/schema.ts';
import { buildSeedBundle } from '../../src/seed/bundle.ts';
import { Plan } from '../../src/domain/plans.ts';
import { targetProgress } from '../../src/domain/indicators.ts';
import { encodeHlc } from '../../src/domain/sync/hlc.ts';
import type { DocState, FieldValue } from '../../src/domain/sync/merge.ts';
import type { StoredDoc } from '../../src/domain/rollup.ts';
import { liveModelLines, mergeChildReports, parseSnapshot, toFieldValue, type LocalRecord, type PrefillContext } from '../../src/reports/data.ts';
import { buildDocument, documentText, reportTables } from '../../src/reports/document.ts';
import { defaultMeta, defaultTitle, metaKey, toSections } from '../../src/reports/sections.ts';
import { taskLines, withProvince } from '../../src/reports/province.ts';
import { nextTasksHeading, prefillProvinceNarrative } from '../../src/reports/province-document.ts';
import { docxBytes } from '../../src/reports/export-docx.ts';
import { documentCsv } from '../../src/reports/csv.ts';
import { indicatorTotals } from '../../src/dashboard/matrix.ts';
import { paragraphs, tables } from '../helpers/docx-xml.ts';
import pl1 from '../../seeds/plans/th-bc137-2024-pl1.json';

const seed = SeedBundle.parse(buildSeedBundle());
const plan = Plan.parse(pl1);
const sheet = seed.indicatorSheet;
const unit = (id: string) => seed.units.find((u) => u.id === id)!;
const DOC = readFileSync(join(import.meta.dirname, '../../seeds/documents/001_0be6ffac82be08d1.txt'), 'utf8').split('\n');
/** A row of 001's Phụ lục I by its number, split into its cells as the document prints them. */
const row = (no: string) => {
  const line = DOC.find((l) => l.startsWith(`${no}.\t`))!;
  return line.split('\t').map((c) => c.replace(/<\/?i>/g, '').replace(/\(\s+/g, '(').replace(/\s+\)/g, ')').trim());
};
const vi = (n: number) => n.toLocaleString('vi-VN');

describe('the sheet: services of Quyết định 422 and the CCCD / e-ID / signature counters', () => {
  it('holds the 12 services 001 Phụ lục IV lists (13 lines: row 1 has two parts), each name on its cited line', () => {
    const seedFile = JSON.parse(readFileSync(join(import.meta.dirname, '../../seeds/indicators/qd422-services.json'), 'utf8')) as {
      services: { id: string; line: number; name: string; province2024H1: { total: number; online: number; rateText: string } | null }[];
    };
    expect(sheet.decision422).toHaveLength(13);
    expect(new Set(sheet.decision422.map((s) => s.no))).toEqual(new Set([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]));
    const start = DOC.findIndex((l) => l.includes('SỐ LIỆU CÁC DỊCH VỤ CÔNG THEO QUYẾT ĐỊNH 422'));
    const end = DOC.findIndex((l, i) => i > start && l.startsWith('**Phụ lục V**'));
    for (const s of seedFile.services) {
      expect(s.line).toBeGreaterThan(start);
      expect(s.line).toBeLessThan(end + 1);
      const line = DOC[s.line - 1]!;
      expect(line).toContain(s.name);
      // Figures as the document prints them (38.755; 46,98%) on the same line.
      if (s.province2024H1) for (const cell of [vi(s.province2024H1.total), vi(s.province2024H1.online), s.province2024H1.rateText]) expect(line.split('\t')).toContain(cell);
    }
    expect(sheet.decision422.find((s) => s.id === 'qd422-01a')).toMatchObject({ no: 1, parent: 'Thăm viếng mộ liệt sĩ', name: 'Cấp giấy giới thiệu thăm viếng mộ liệt sĩ', group: 'Sở Lao động - Thương binh và Xã hội' });
    expect(sheet.decision422.find((s) => s.id === 'qd422-12')?.name).toBe('Giải quyết hưởng bảo hiểm xã hội một lần');
    // Field ids the sync collection accepts ("s.<service>.total", lower-case ASCII).
    for (const s of sheet.decision422) expect(s.id).toMatch(/^[a-z0-9-]{1,40}$/);
  });

  it('gives each counter its baseline and the activation target as 001 §II.5 states them, citing the document by title', () => {
    const line160 = DOC[159]!;
    const base = (id: string) => sheet.counters.find((c) => c.id === id)?.baseline;
    expect(line160).toContain('thu nhận được 3.537.345 hồ sơ CCCD');
    expect(base('cccd-ho-so')).toMatchObject({ value: 3_537_345, asOf: '2024-06-12', unitId: 'th' });
    expect(line160).toContain('nhận và trả 3.339.984 thẻ CCCD');
    expect(base('cccd-the')?.value).toBe(3_339_984);
    expect(line160).toContain('mức 1 là: 1.073.676 hồ sơ, mức 2 là: 1.475.793 hồ sơ');
    expect([base('dddt-ho-so-muc-1')?.value, base('dddt-ho-so-muc-2')?.value]).toEqual([1_073_676, 1_475_793]);
    expect(DOC[161]).toContain('trên 307.250 chữ ký số');
    expect(base('chu-ky-so')?.value).toBe(307_250);
    const target = sheet.targets.find((t) => t.id === 'kich-hoat-dddt')!;
    expect(line160).toContain('chỉ tiêu kích hoạt 1.620.967 tài khoản định danh điện tử Bộ Công an giao');
    expect(target).toMatchObject({ value: 1_620_967, counters: ['dddt-muc-1', 'dddt-muc-2'], unitId: 'th' });
    expect(target.citation).toBe('Báo cáo số 137/BC-UBND ngày 28/6/2024 của Tổ công tác Đề án 06 tỉnh Thanh Hóa — mục II.5');
    for (const c of [...sheet.counters.flatMap((c) => (c.baseline ? [c.baseline.citation] : [])), ...sheet.targets.map((t) => t.citation)]) expect(c).not.toMatch(/\.txt|_/);
    expect(targetProgress(target, { 'dddt-muc-1': 1_000_000, 'dddt-muc-2': 620_967 })).toEqual({ count: 1_620_967, share: 1 });
  });

  it('shows a target only on the unit it is of: the province has it, a district does not', () => {
    const rollup = (unitId: string) => ({
      unitId,
      communes: ['tv'],
      models: {},
      reports: {},
      indicators: { '2026-11': { communes: ['tv'], services: {}, all: { total: 0, online: 0, rate: null }, counters: { 'dddt-muc-1': 1000, 'dddt-muc-2': 620 } } },
    });
    const th = indicatorTotals(rollup('th') as never, '2026-11', sheet);
    expect(th.targets.find((t) => t.id === 'kich-hoat-dddt')).toMatchObject({ count: 1620, value: 1_620_967 });
    expect(th.counters.find((c) => c.id === 'cccd-ho-so')?.baseline?.value).toBe(3_537_345);
    const qx = indicatorTotals(rollup('qx') as never, '2026-11', sheet);
    expect(qx.targets).toEqual([]);
    expect(qx.counters.every((c) => c.baseline === null)).toBe(true);
    // What nobody entered that month is "not entered", not 0 against the target.
    expect(th.targets.find((t) => t.id === 'kich-hoat-dddt')?.entered).toBe(true);
    expect(th.counters.find((c) => c.id === 'cccd-ho-so')?.value).toBeNull();
    const empty = indicatorTotals(rollup('th') as never, '2026-10', sheet);
    expect(empty.targets.find((t) => t.id === 'kich-hoat-dddt')).toMatchObject({ entered: false, count: 0 });
    expect(empty.counters.every((c) => c.value === null)).toBe(true);
  });
});

// ── Prefill ─────────────────────────────────────────────────────────────────────────

const NOW = Date.UTC(2026, 11, 1, 3); // 01/12/2026 10:00 in Vietnam
const PERIOD = '2026-H2';
const stamp = (i: number) => encodeHlc({ wall: NOW - 86_400_000, counter: i, device: 'phone1' });
const state = (fields: Record<string, FieldValue>): DocState =>
  Object.fromEntries(Object.entries(fields).map(([f, value], i) => [f, { heads: [{ value, hlc: stamp(i), base: null, author: 'u' }], dead: [] }]));
const progress = (id: string, values: Record<string, FieldValue>): LocalRecord => ({ coll: 'taskProgress', id, unit: id.split(':')[0]!, values });
const sheetDoc = (id: string, fields: Record<string, number>): StoredDoc => ({ coll: 'indicators', id, doc: state(fields), receivedAt: null });

const records: LocalRecord[] = [
  // Row 67 is led by "UBND cấp xã" among others: two communes assessed it.
  progress('tv:th-bc137-2024-pl1.67', { status: 'inProgress', percent: 60, result: 'Đã treo 4 pano tuyên truyền, phát 300 tờ rơi có mã QR.', cause: '', asOf: '2026-11-28', evidence: [] }),
  progress('qx-quang-binh:th-bc137-2024-pl1.67', { status: 'done', percent: 100, result: 'Hoàn thành tuyên truyền tại 10 thôn.', asOf: '2026-11-20' }),
  // Row 2: the province assessed it itself; a commune's line is listed under it.
  progress('th:th-bc137-2024-pl1.2', { status: 'notDone', percent: 40, result: 'HĐND tỉnh chưa thông qua Nghị quyết.', cause: 'Chờ kỳ họp thường kỳ.', asOf: '2026-11-30' }),
  // Unusable: no such status; a unit outside the tree is still inside nothing the report covers.
  progress('tv:th-bc137-2024-pl1.5', { status: 'finished', percent: 100 }),
];
const docs: StoredDoc[] = [
  sheetDoc('tv@2026-11', { 's.dvc-01.total': 120, 's.dvc-01.online': 96, 's.qd422-11.total': 40, 's.qd422-11.online': 30, 'c.dddt-muc-1': 500, 'c.dddt-muc-2': 300 }),
  sheetDoc('qx-quang-binh@2026-07', { 's.dvc-01.total': 80, 's.dvc-01.online': 80, 's.qd422-11.total': 10, 's.qd422-11.online': 10, 's.qd422-01a.total': 5, 's.qd422-01a.online': 2 }),
  // Outside the period (first half of the year): not summed.
  sheetDoc('tv@2026-05', { 's.dvc-01.total': 9999, 's.dvc-01.online': 1 }),
  // A village team's figures are the commune's to consolidate; the roll-up counts communes' sheets.
  sheetDoc('tv-thon-1@2026-11', { 's.dvc-01.total': 7, 's.dvc-01.online': 7 }),
];
const ctx: PrefillContext = { models: seed.catalogue.models, units: seed.units, sheet, checklists: seed.checklists };
const th = unit('th');
const merged = mergeChildReports(ctx, th, PERIOD, NOW, seed.units.filter((u) => u.parentId === 'th' && u.level !== 'village'), []);
const data = withProvince(merged, plan, sheet, th, seed.units, records, docs);

describe('Phụ lục I: the tasks, prefilled from the units’ progress and the document’s rows', () => {
  it('lists all 72 tasks in the document’s order with its lead and deadline cells', () => {
    expect(data.province.tasks).toHaveLength(72);
    expect(data.province.tasks.map((t) => t.no)).toEqual(Array.from({ length: 72 }, (_, i) => String(i + 1)));
    for (const no of ['1', '41', '67']) {
      const cells = row(no);
      const line = data.province.tasks.find((t) => t.no === no)!;
      expect(line.text).toBe(cells[1]);
      expect(line.lead).toBe(cells[2]);
      expect(line.deadline).toBe(cells[4]);
    }
  });

  it('a task two communes assessed: counted by status, each commune’s result on its own line', () => {
    const line = data.province.tasks.find((t) => t.no === '67')!;
    expect(line.from).toBe('units');
    expect(line.wording).toBe('Đánh giá tiến độ: Đã hoàn thành 1/2 đơn vị; Đang thực hiện 1/2 đơn vị');
    expect(line.result.split('\n')).toEqual([
      'Các đơn vị đã cập nhật (2):',
      '- xã Quảng Bình (Đã hoàn thành, 100%, ngày 20/11/2026): Hoàn thành tuyên truyền tại 10 thôn.',
      '- xã Thiệu Vân (Đang thực hiện, 60%, ngày 28/11/2026): Đã treo 4 pano tuyên truyền, phát 300 tờ rơi có mã QR.',
    ]);
  });

  it('the province’s own assessment heads its row, with its cause', () => {
    const line = data.province.tasks.find((t) => t.no === '2')!;
    expect(line).toMatchObject({ from: 'unit', status: 'notDone', wording: 'Đánh giá tiến độ: Chưa hoàn thành (40%)' });
    expect(line.result).toBe('HĐND tỉnh chưa thông qua Nghị quyết. Nguyên nhân: Chờ kỳ họp thường kỳ.');
  });

  it('a task nobody assessed keeps the document’s assessment, dated; an unreadable record is ignored', () => {
    const cells = row('41');
    const line = data.province.tasks.find((t) => t.no === '41')!;
    expect(line.from).toBe('document');
    expect(cells[5]).toBe('Đánh giá tiến độ: Chưa thực hiện, đang chờ Bộ triển khai.');
    expect(line.wording).toBe('Đánh giá tiến độ: Chưa thực hiện, đang chờ Bộ triển khai (theo văn bản số 137/BC-UBND ngày 28/06/2024)');
    expect(data.province.tasks.find((t) => t.no === '5')!.from).toBe('document');
  });

  it('names at most 30 units under a task and counts the rest (a submitted version must stay within a record’s size)', () => {
    // Every unit below the province, villages included: more than 30.
    const communes = seed.units.filter((u) => u.id !== 'th');
    expect(communes.length).toBeGreaterThan(30);
    const many = communes.map((u) => progress(`${u.id}:th-bc137-2024-pl1.72`, { status: 'ongoing', percent: 50, result: 'Đã tuyên truyền.', asOf: '2026-11-01' }));
    const line = taskLines(plan, th, seed.units, many).find((t) => t.no === '72')!;
    expect(line.wording).toBe(`Đánh giá tiến độ: Thực hiện thường xuyên ${communes.length}/${communes.length} đơn vị`);
    expect(line.units.length).toBe(30);
    expect(line.result.split('\n').at(-1)).toBe(`- … và ${communes.length - 30} đơn vị khác`);
    const fewer = taskLines(plan, th, seed.units, many.slice(0, 3)).find((t) => t.no === '72')!;
    expect(fewer.result.split('\n')).toHaveLength(4);
  });

  it('leaves out records of units outside the report’s unit', () => {
    const qx = unit('qx');
    const lines = taskLines(plan, qx, seed.units, records);
    expect(lines.find((t) => t.no === '67')!.units.map((u) => u.unitId)).toEqual(['qx-quang-binh']);
    expect(lines.find((t) => t.no === '2')!.from).toBe('document');
  });
});

describe('Phụ lục III and IV: the communes’ sheets of the period, summed', () => {
  it('sums the six months of the half-year across communes; other months and village sheets are not summed', () => {
    const p = data.province;
    expect(p.months).toEqual(['2026-07', '2026-08', '2026-09', '2026-10', '2026-11', '2026-12']);
    expect(p.communes).toBe(2);
    expect(p.services.find((s) => s.id === 'dvc-01')).toMatchObject({ total: 200, online: 176 });
    expect(p.decision422.find((s) => s.id === 'qd422-11')).toMatchObject({ total: 50, online: 40 });
    expect(p.counters.find((c) => c.id === 'dddt-muc-1')?.value).toBe(500);
    // The body's figures are the same numbers.
    expect(data.indicators.services.find((s) => s.id === 'dvc-01')).toMatchObject({ total: 200, online: 176 });
  });

  it('draws Phụ lục IV under its departments, a two-part service under its row, rates vi-VN', () => {
    const t = reportTables(data).find((x) => x.id === 'phu-luc-4')!;
    const texts = t.rows.map((r) => r.map((c) => c.text));
    expect(texts[0]).toEqual(['', 'Sở Lao động - Thương binh và Xã hội', '', '', '', '']);
    expect(texts[1]!.slice(0, 2)).toEqual(['1', 'Thăm viếng mộ liệt sĩ, cụ thể:']);
    expect(texts[2]).toEqual(['', '- Cấp giấy giới thiệu thăm viếng mộ liệt sĩ', '5', '2', '40,00%', '']);
    const bhyt = texts.find((r) => r[1] === 'Đăng ký đóng, cấp thẻ bảo hiểm y tế đối với người chỉ tham gia bảo hiểm y tế')!;
    expect(bhyt.slice(2, 5)).toEqual(['50', '40', '80,00%']);
    const p3 = reportTables(data).find((x) => x.id === 'phu-luc-3')!;
    expect(p3.rows).toHaveLength(sheet.services.length);
    expect(p3.rows[0]!.map((c) => c.text).slice(2)).toEqual(['200', '176', '88,00%']);
  });
});

// ── The document and the .docx ──────────────────────────────────────────────────────

const narrative = prefillProvinceNarrative(data, [], sheet);
const fields = { ...narrative, ...defaultMeta(th, undefined), [metaKey('number')]: '15', [metaKey('signerName')]: 'Đỗ Minh Tuấn', difficulties: 'Hạ tầng cấp xã còn thiếu.' };
const SUBMITTED = Date.UTC(2026, 11, 20, 2);
const doc = buildDocument({ title: defaultTitle(th.name, PERIOD), sections: toSections({ title: '', fields }), data, unit: th, version: 1, issuedAt: SUBMITTED });

describe('the province document in 001’s form', () => {
  it('has 001’s sections, the tasks counted in I.1, the counters against the target in II, and the appendices after the signature', () => {
    const headings = doc.blocks.filter((b) => b.kind === 'heading' && b.level === 1).map((b) => (b as { text: string }).text);
    expect(headings).toEqual(['I. KHÁI QUÁT TÌNH HÌNH VÀ KẾT QUẢ TRIỂN KHAI ĐỀ ÁN 06', 'II. KẾT QUẢ CÁC MẶT CÔNG TÁC', 'III. NHẬN XÉT, ĐÁNH GIÁ, GIẢI PHÁP', 'IV. NHIỆM VỤ TRỌNG TÂM 6 THÁNG ĐẦU NĂM 2027', 'V. KIẾN NGHỊ, ĐỀ XUẤT']);
    expect(nextTasksHeading('2024-H1')).toBe('IV. NHIỆM VỤ TRỌNG TÂM 6 THÁNG CUỐI NĂM 2024'); // 001's own heading
    const text = documentText(doc);
    expect(text).toContain('tổng số 72 nhiệm vụ cụ thể thuộc 10 nhóm nội dung cần thực hiện. Trong đó:');
    expect(text).toContain('(chi tiết tại Phụ lục I kèm theo Báo cáo này)');
    expect(text).toContain('Kích hoạt tài khoản định danh điện tử (chỉ tiêu Bộ Công an giao): 800/1.620.967 (đạt 0,05%).');
    expect(text).toContain('Hạ tầng cấp xã còn thiếu.');
    expect(text).toContain('(chi tiết tại Phụ lục III, IV kèm theo Báo cáo này)');
    expect(doc.appendices?.map((a) => a.name)).toEqual(['Phụ lục I', 'Phụ lục III', 'Phụ lục IV']);
    expect(doc.appendices?.[0]?.note).toBe('(kèm theo Báo cáo số: 15/BC-TCTĐA06 ngày 20/12/2026 của Tổ công tác Đề án 06 tỉnh Thanh Hóa)');
    expect(text.indexOf('TM. TỔ CÔNG TÁC')).toBeLessThan(text.indexOf('THỐNG KÊ CÁC NHIỆM VỤ CỦA ĐỊA PHƯƠNG ĐƯỢC GIAO'));
  });

  it('survives the snapshot round trip (a submitted version keeps its appendices)', () => {
    const back = parseSnapshot(toFieldValue({ title: 't', sections: [], data, submittedBy: 'x' }));
    expect(back?.data.province?.tasks).toHaveLength(72);
    expect(back?.data.province?.tasks.find((t) => t.no === '67')?.wording).toBe(data.province.tasks.find((t) => t.no === '67')?.wording);
  });

  it('opens as a Word file whose Phụ lục I table holds the task rows with the communes’ progress', async () => {
    const files = unzipSync(await docxBytes(doc));
    const xml = strFromU8(files['word/document.xml']!);
    const all = tables(xml);
    const pl1 = all.find((t) => t[0]?.[1] === 'Nội dung, nhiệm vụ cụ thể')!;
    expect(pl1[0]).toEqual(['TT', 'Nội dung, nhiệm vụ cụ thể', 'Đơn vị chủ trì', 'Thời gian hoàn thành', 'Tiến độ thực hiện', 'Kết quả thực hiện']);
    expect(pl1).toHaveLength(1 + 72 + 10); // heading, tasks, group rows
    expect(pl1[1]!.slice(0, 2)).toEqual(['I', 'Về pháp lý (03 nhiệm vụ)']);
    const r67 = pl1.find((r) => r[0] === '67')!;
    expect(r67[2]).toBe(row('67')[2]);
    expect(r67[4]).toBe('Đánh giá tiến độ: Đã hoàn thành 1/2 đơn vị; Đang thực hiện 1/2 đơn vị');
    expect(r67[5]).toContain('- xã Thiệu Vân (Đang thực hiện, 60%, ngày 28/11/2026): Đã treo 4 pano tuyên truyền, phát 300 tờ rơi có mã QR.');
    const pl4 = all.find((t) => t[0]?.[1] === 'Tên dịch vụ công')!;
    expect(pl4.find((r) => r[1] === 'Giải quyết hưởng bảo hiểm xã hội một lần')?.[0]).toBe('12');
    const pl3 = all.find((t) => t[0]?.[1] === 'Dịch vụ' && t.length === sheet.services.length + 2)!;
    expect(pl3[1]!.slice(2)).toEqual(['200', '176', '88,00%']);
    // The appendix headings are in the body, each after a page break.
    const paras = paragraphs(xml);
    expect(paras).toContain('Phụ lục IV');
    expect(paras).toContain('SỐ LIỆU CÁC DỊCH VỤ CÔNG THEO QUYẾT ĐỊNH 422/QĐ-TTg CỦA THỦ TƯỚNG CHÍNH PHỦ');
    // The three appendices each open a section (a new page) after the body's.
    expect((xml.match(/<w:sectPr[\s\S]*?<\/w:sectPr>/g) ?? []).length).toBe(4);
  });

  it('exports the appendix tables to CSV too', () => {
    const csv = documentCsv(doc);
    expect(csv).toContain('"Phụ lục I. THỐNG KÊ CÁC NHIỆM VỤ CỦA ĐỊA PHƯƠNG ĐƯỢC GIAO TẠI CÁC CHỈ THỊ, NGHỊ QUYẾT, THÔNG BÁO KẾT LUẬN"');
    // Nobody entered it this half-year: dashes, not zeros.
    expect(csv).toMatch(/"12";"Giải quyết hưởng bảo hiểm xã hội một lần";"—";"—";"—";"Hiện nay chưa có hồ sơ phát sinh/);
  });
});

// A newcomer's walk: the province report printed "0 hồ sơ" and "0/1.620.967 (đạt 0,00%)" for
// counters nobody entered, Phụ lục IV said "tổng hợp từ 26 xã đã nhập" over zeros, and it said
// "Chưa có mô hình nào" while the dashboard counted 200 adoptions.
describe('figures nobody entered, and the models as the communes’ statuses stand', () => {
  it('says a counter nobody entered is not entered, not 0; the entered ones keep their numbers', () => {
    const text = prefillProvinceNarrative(data, [], sheet).results;
    expect(text).toContain('hồ sơ đề nghị cấp thẻ CCCD gắn chíp: chưa nhập số liệu');
    expect(text).not.toMatch(/hồ sơ đề nghị cấp thẻ CCCD gắn chíp: 0 hồ sơ/);
    expect(text).toContain('tài khoản định danh điện tử mức 1 đã kích hoạt: 500 tài khoản');
    // No activation entered at all: the target is named, with no 0 % against it.
    const none = withProvince(merged, plan, sheet, th, seed.units, records, docs.filter((d) => !d.id.startsWith('tv@')));
    const bare = prefillProvinceNarrative(none, [], sheet).results;
    expect(bare).toContain('Kích hoạt tài khoản định danh điện tử (chỉ tiêu Bộ Công an giao): chưa nhập số liệu (chỉ tiêu 1.620.967).');
    expect(bare).not.toContain('0/1.620.967');
  });

  it('marks services nobody entered with a dash, and a Phụ lục IV nobody entered says so', () => {
    const p3 = reportTables(data).find((x) => x.id === 'phu-luc-3')!;
    const unentered = p3.rows.find((r) => r[1]!.text === 'Thông báo lưu trú')!;
    expect(unentered.slice(2).map((c) => c.text)).toEqual(['—', '—', '—']);
    const onlyServices = withProvince(merged, plan, sheet, th, seed.units, records, [sheetDoc('tv@2026-11', { 's.dvc-01.total': 120, 's.dvc-01.online': 96 })]);
    const p4 = reportTables(onlyServices).find((x) => x.id === 'phu-luc-4')!;
    expect(p4.caption).toMatch(/chưa xã, phường nào nhập số liệu các dịch vụ này/);
    expect(reportTables(onlyServices).find((x) => x.id === 'phu-luc-3')!.caption).toMatch(/tổng hợp từ 1 xã, phường đã nhập/);
  });

  it('counts every adoption of the province’s communes with its status, none submitted by a district', () => {
    const adoptions = seed.adoptions;
    const done = adoptions.find((a) => a.unitId === 'tv')!;
    const lines = liveModelLines(ctx, th, adoptions, [{ coll: 'status', id: done.id, unit: 'tv', values: { status: 'done', progress: 100 } }]);
    expect(lines.reduce((n, l) => n + l.units, 0)).toBe(adoptions.length);
    expect(lines.find((l) => l.modelId === done.modelId)!.counts.done).toBe(1);
    // A district's count is its own communes only.
    const qx = unit('qx');
    expect(liveModelLines(ctx, qx, adoptions, []).reduce((n, l) => n + l.units, 0)).toBe(adoptions.filter((a) => a.unitId.startsWith('qx-')).length);
  });
});
