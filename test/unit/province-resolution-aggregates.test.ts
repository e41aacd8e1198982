// The province report's Phụ lục II (001's Nghị quyết 175 tasks: done / not done, cause) and
// the body's all-service figures (001 §II.3.2: services fully online out of all, digitisation
// of dossiers and results). Expectations are read from the document itself
// (seeds/documents/001…txt): its Phụ lục II rows cell by cell and the sentences of §II.3.2.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { SeedBundle } from '../../src/seed/schema.ts';
import { buildSeedBundle } from '../../src/seed/bundle.ts';
import { Plan, responsibleUnits } from '../../src/domain/plans.ts';
import { tasksOfUnit } from '../../src/domain/task-progress.ts';
import { writeRefusal } from '../../src/domain/access.ts';
import { indexUnits } from '../../src/domain/org.ts';
import { formatPercent } from '../../src/domain/text.ts';
import { aggregateShare } from '../../src/domain/indicators.ts';
import { encodeHlc } from '../../src/domain/sync/hlc.ts';
import type { DocState, FieldValue } from '../../src/domain/sync/merge.ts';
import type { StoredDoc } from '../../src/domain/rollup.ts';
import { mergeChildReports, parseSnapshot, toFieldValue, type LocalRecord, type PrefillContext } from '../../src/reports/data.ts';
import { buildDocument, documentText, reportTables } from '../../src/reports/document.ts';
import { defaultMeta, defaultTitle, metaKey, toSections } from '../../src/reports/sections.ts';
import { withProvince } from '../../src/reports/province.ts';
import { aggregatesParagraph, prefillProvinceNarrative } from '../../src/reports/province-document.ts';
import { sheetState } from '../../src/indicators/figures.ts';
import { docxBytes } from '../../src/reports/export-docx.ts';
import { paragraphs, tables } from '../helpers/docx-xml.ts';
import pl1 from '../../seeds/plans/th-bc137-2024-pl1.json';
import pl2 from '../../seeds/plans/th-bc137-2024-pl2.json';
import counterSeed from '../../seeds/indicators/counters.json';

const seed = SeedBundle.parse(buildSeedBundle());
const plan = Plan.parse(pl1);
const resolution = Plan.parse(pl2);
const sheet = seed.indicatorSheet;
const th = seed.units.find((u) => u.id === 'th')!;
const DOC = readFileSync(join(import.meta.dirname, '../../seeds/documents/001_0be6ffac82be08d1.txt'), 'utf8').split('\n');
const vi = (n: number) => n.toLocaleString('vi-VN');

/** 001 Phụ lục II's rows as printed: [STT, chủ trì, nhiệm vụ, phối hợp, văn bản, thời gian, đã hoàn thành, chưa hoàn thành, nguyên nhân]. */
const docRows = (() => {
  const start = DOC.findIndex((l) => l.startsWith('**Phụ lục II**'));
  const end = DOC.findIndex((l) => l.startsWith('**Phụ lục III**'));
  return DOC.slice(start, end)
    .filter((l) => /^\d+\t/.test(l))
    .map((l) => l.split('\t').map((c) => c.trim()));
})();
/** The extraction's typos the seed corrects (and notes on its task): the document's cell as it should read. */
const corrected = (s: string) => s.replace('thông kê', 'thống kê').replace('đầu mỗi', 'đầu mối').replace('chuyên hạ tầng', 'chuyển hạ tầng');
const BY = '(theo văn bản số 137/BC-UBND ngày 28/06/2024)';

const NOW = Date.UTC(2026, 11, 1, 3);
const PERIOD = '2026-H2';
const stamp = (i: number) => encodeHlc({ wall: NOW - 86_400_000, counter: i, device: 'phone1' });
const state = (fields: Record<string, FieldValue>): DocState =>
  Object.fromEntries(Object.entries(fields).map(([f, value], i) => [f, { heads: [{ value, hlc: stamp(i), base: null, author: 'u' }], dead: [] }]));
const progress = (id: string, values: Record<string, FieldValue>): LocalRecord => ({ coll: 'taskProgress', id, unit: id.split(':')[0]!, values });
const sheetDoc = (id: string, fields: Record<string, number>): StoredDoc => ({ coll: 'indicators', id, doc: state(fields), receivedAt: null });

const ctx: PrefillContext = { models: seed.catalogue.models, units: seed.units, sheet, checklists: seed.checklists };
const merged = mergeChildReports(ctx, th, PERIOD, NOW, seed.units.filter((u) => u.parentId === 'th' && u.level !== 'village'), []);
const build = (records: LocalRecord[], docs: StoredDoc[]) => withProvince(merged, plan, sheet, th, seed.units, records, docs, resolution);

describe('Phụ lục II, nothing recorded: the document’s own rows', () => {
  const data = build([], []);
  const table = reportTables(data).find((t) => t.id === 'phu-luc-2')!;
  const texts = table.rows.map((r) => r.map((c) => c.text));
  const taskRows = texts.filter((r) => /^\d+$/.test(r[0]!));

  it('has the document’s columns and every row of our copy, in its order, word for word', () => {
    expect(table.head).toEqual(['STT', 'Đơn vị chủ trì', 'Nhiệm vụ', 'Đơn vị phối hợp', 'Văn bản chỉ đạo', 'Thời gian hoàn thành', 'Đã hoàn thành', 'Chưa hoàn thành', 'Nguyên nhân']);
    expect(taskRows.map((r) => r[0])).toEqual(docRows.map((r) => r[0]));
    docRows.forEach((cells, i) => {
      const row = taskRows[i]!;
      expect(row[1], `row ${cells[0]} lead`).toBe(cells[1]);
      expect(row[2], `row ${cells[0]} task`).toBe(corrected(cells[2]!));
      expect(row[3], `row ${cells[0]} partner`).toBe(cells[3]);
      expect(row[5], `row ${cells[0]} deadline`).toBe(cells[5]);
    });
  });

  it('puts the result under "Đã hoàn thành" or "Chưa hoàn thành" as the document does, saying whose it is', () => {
    const byNo = (i: number) => taskRows[i]!;
    docRows.forEach((cells, i) => {
      const [done, notDone] = [cells[6]!, cells[7]!];
      // Row 6's result runs on to the next line of the document: the cell starts with the row's part.
      if (done) expect(byNo(i)[6]!.startsWith(done) && byNo(i)[6]!.endsWith(` ${BY}`), `row ${cells[0]}: ${byNo(i)[6]}`).toBe(true);
      if (notDone) {
        expect(byNo(i)[7], `row ${cells[0]}`).toBe(`${notDone} ${BY}`);
        expect(byNo(i)[8]).toBe(''); // the document's cause column is empty on these rows
      }
    });
    const next = DOC[DOC.findIndex((l) => l.startsWith('6\t')) + 4]!.split('\t')[6]!.trim();
    expect(next).toBe('đoạn 2022-2025, tầm nhìn đến năm 2030”,');
    // The cell stops at that comma (the rest is lost in the extraction): the seed marks the cut with "…".
    expect(taskRows[5]![6]).toBe(`${docRows[5]![6]} ${next.replace(/,$/, '…')} ${BY}`);
    // III.1: the document writes "Đang thực hiện" in its cause column.
    expect(docRows.at(-1)![8]).toBe('Đang thực hiện');
    expect(taskRows.at(-1)![8]).toBe(`Đang thực hiện ${BY}`);
  });

  it('says that a row the document left blank has no assessment', () => {
    for (const [i, cells] of docRows.entries()) {
      if (cells[6] || cells[7] || cells[8]) continue;
      expect(taskRows[i]![8], `row ${cells[0]}`).toBe('Chưa có đánh giá (văn bản số 137/BC-UBND ngày 28/06/2024 không ghi kết quả)');
    }
  });

  it('names rows 11–15 and the missing heading of section II, in Vietnamese, with no file names', () => {
    const gapAt = texts.findIndex((r) => r[0] === '11–15');
    expect(texts[gapAt]![2]).toBe('Các dòng 11–15 không có trong bản văn bản mà ứng dụng lưu giữ.');
    expect(texts[gapAt - 1]![0]).toBe('10');
    expect(texts[gapAt + 1]!.slice(0, 3)).toEqual(['II', '', '(Tên mục II không có trong bản văn bản mà ứng dụng lưu giữ)']);
    expect(texts[gapAt + 2]![0]).toBe('16');
    // Section rows as the document prints its headings.
    expect(texts[0]!.slice(0, 3)).toEqual(['I', '', 'Nhiệm vụ chung của các Bộ, ngành, địa phương']);
    expect(DOC.some((l) => l.includes('<b>I. Nhiệm vụ chung của các Bộ, ngành, địa phương</b>'))).toBe(true);
    expect(texts.find((r) => r[0] === 'III')![2]).toBe('Nhiệm vụ cụ thể của các địa phương');
    expect(texts).toHaveLength(docRows.length + 3 + 1); // tasks, three section rows, the gap
    expect(texts.flat().join(' ')).not.toMatch(/\.txt|\.json|th-bc137|NOTES/);
  });
});

describe('Phụ lục II from the progress the province records', () => {
  it('makes the province (the rows’ “UBND tỉnh Thanh Hoá”) a partner that may record its progress', () => {
    const r = responsibleUnits(resolution.tasks.find((t) => t.no === 'I.3')!, resolution.unitId, seed.units);
    expect(r.partner).toEqual(['th']);
    const mine = tasksOfUnit([resolution], 'th', seed.units).map((x) => x.task.no);
    // Every row whose partner cell names the province in the document.
    const named = docRows.map((c, i) => (c[3] === 'UBND tỉnh Thanh Hoá' ? resolution.tasks[i]!.no : null)).filter(Boolean);
    expect(mine).toEqual(named);
    // The rule the server applies: the province officer writes the province's progress on I.3, not on I.7 (no unit named).
    const officer = { role: 'provinceOfficer' as const, unitId: 'th' };
    const target = (no: string) => ({ coll: 'taskProgress' as const, unit: 'th', task: responsibleUnits(resolution.tasks.find((t) => t.no === no)!, 'th', seed.units) });
    expect(writeRefusal(officer, target('I.3'), indexUnits(seed.units))).toBeNull();
    expect(writeRefusal(officer, target('I.7'), indexUnits(seed.units))).toMatch(/không được giao chủ trì hay phối hợp nhiệm vụ này/);
  });

  it('fills the row from the record: not done with its cause, or done; other rows keep the document’s', () => {
    const data = build(
      [
        progress('th:th-bc137-2024-pl2.I-3', { status: 'inProgress', percent: 50, result: 'Đã kết nối thử nghiệm với Nền tảng.', cause: 'Chờ Bộ Công an cấp tài khoản kết nối.', asOf: '2026-11-20' }),
        progress('th:th-bc137-2024-pl2.I-4', { status: 'done', percent: 100, result: 'Đã gửi phương án đồng bộ dữ liệu.', asOf: '2026-11-25' }),
      ],
      [],
    );
    const rows = reportTables(data).find((t) => t.id === 'phu-luc-2')!.rows.map((r) => r.map((c) => c.text));
    const row = (no: string, section: number) => rows.filter((r) => r[0] === no)[section]!;
    expect(row('3', 0).slice(6)).toEqual(['', 'Đang thực hiện (50%). Đã kết nối thử nghiệm với Nền tảng.', 'Chờ Bộ Công an cấp tài khoản kết nối.']);
    expect(row('4', 0).slice(6)).toEqual(['Đã hoàn thành (100%). Đã gửi phương án đồng bộ dữ liệu.', '', '']);
    expect(row('5', 0)[7]).toBe(`Chờ HD của BCA ${BY}`);
    expect(data.province.resolution?.tasks.find((t) => t.no === 'I.3')?.from).toBe('unit');
  });
});

// ── §II.3.2: the all-service figures ────────────────────────────────────────────────

describe('the all-service figures of 001 §II.3.2 as the province’s baselines', () => {
  const agg = (id: string) => sheet.aggregates.find((a) => a.id === id)!;

  // The line a figure is on is in the seed file (for checking); the app keeps title and section.
  const lineOf = new Map(counterSeed.aggregates.flatMap((a) => [a.baseline, 'shareBaseline' in a ? a.shareBaseline : undefined].filter((f) => f !== undefined).map((f) => [f.text, f.source.line] as const)));

  it('takes each baseline from the sentence it cites, on the line it names', () => {
    for (const a of sheet.aggregates) {
      for (const f of [a.baseline, a.shareBaseline]) {
        if (!f) continue;
        const at = lineOf.get(f.text)!;
        expect(DOC[at - 1], a.id).toContain(f.text);
        expect(DOC[at - 1], a.id).toContain(f === a.baseline ? vi(f.value) : formatPercent(f.value));
        expect(f.citation).toBe('Báo cáo số 137/BC-UBND ngày 28/6/2024 của Tổ công tác Đề án 06 tỉnh Thanh Hóa — mục II.3.2');
        expect(DOC.slice(0, at).reverse().find((l) => l.startsWith('#'))).toMatch(/^### 3\.2\. Về dịch vụ công/);
      }
    }
    expect(DOC[89]).toContain('đã cung cấp 1.714 dịch vụ công trên Cổng dịch vụ công Quốc gia');
    expect(agg('dvc-cong-quoc-gia').baseline?.value).toBe(1714);
    expect(agg('dvc-toan-trinh')).toMatchObject({ of: 'dvc-cong-quoc-gia', baseline: { value: 990 } });
    // The document's rates are the counts' shares, printed to one decimal: 57,8% and 42,2%.
    for (const id of ['dvc-toan-trinh', 'dvc-mot-phan']) {
      const share = aggregateShare(agg(id).baseline!.value, 1714)!;
      const printed = /\(đạt (\d+,\d)%\)/.exec(DOC[lineOf.get(agg(id).baseline!.text)! - 1]!)![1]!;
      expect((Math.round(share * 1000) / 10).toLocaleString('vi-VN', { minimumFractionDigits: 1 })).toBe(printed);
    }
    // Digitisation: 91,31% of dossiers and results, 93,97% of dossiers with an electronic result.
    expect(DOC[99]).toContain('tỷ lệ số hóa hồ sơ, kết quả giải quyết TTHC đạt 91,31%');
    expect(formatPercent(agg('hs-so-hoa').shareBaseline!.value)).toBe('91,31%');
    expect(formatPercent(agg('hs-ket-qua-dien-tu').shareBaseline!.value)).toBe('93,97%');
    expect(sheet.aggregates.every((a) => a.level === 'province')).toBe(true);
  });

  it('asks them on the province’s sheet only, computing the share from the counts', () => {
    expect(sheetState(sheet, {}, {}, 'commune').aggregates).toEqual([]);
    expect(sheetState(sheet, {}, {}).aggregates).toEqual([]);
    const s = sheetState(sheet, { 'c.dvc-cong-quoc-gia': 1714 }, { 'c.dvc-toan-trinh': '990' }, 'province');
    expect(s.aggregates.map((a) => a.counter.id)).toEqual(sheet.aggregates.map((a) => a.id));
    expect(formatPercent(s.aggregates.find((a) => a.counter.id === 'dvc-toan-trinh')!.share!)).toBe('57,76%');
    expect(s.changes).toEqual({ 'c.dvc-toan-trinh': 990 });
    // Not among the counters communes enter and roll up.
    expect(sheet.counters.map((c) => c.id)).not.toContain('dvc-toan-trinh');
  });

  const docs = [
    // The province's own sheets: the catalogue as it stands (the last month's), dossiers per month.
    sheetDoc('th@2026-07', { 'c.dvc-cong-quoc-gia': 1800, 'c.dvc-toan-trinh': 1000, 'c.hs-tiep-nhan': 1000, 'c.hs-so-hoa': 900 }),
    sheetDoc('th@2026-11', { 'c.dvc-cong-quoc-gia': 1820, 'c.dvc-toan-trinh': 1100, 'c.hs-tiep-nhan': 1500, 'c.hs-so-hoa': 1400 }),
    // Outside the half-year, and a commune's sheet: neither counts.
    sheetDoc('th@2026-05', { 'c.hs-tiep-nhan': 99_999 }),
    sheetDoc('tv@2026-11', { 'c.dvc-toan-trinh': 5, 'c.hs-tiep-nhan': 7 }),
  ];
  const data = build([], docs);

  it('reads the period from the province’s own sheets: stocks at the last month, dossiers summed', () => {
    const line = (id: string) => data.province.aggregates!.find((a) => a.id === id)!;
    expect(line('dvc-cong-quoc-gia')).toMatchObject({ value: 1820, share: null });
    expect(line('dvc-toan-trinh')).toMatchObject({ value: 1100, share: 1100 / 1820 });
    expect(line('hs-tiep-nhan').value).toBe(2500);
    expect(line('hs-so-hoa')).toMatchObject({ value: 2300, share: 2300 / 2500 });
    expect(line('hs-ket-qua-dien-tu')).toMatchObject({ value: null, share: null }); // not entered is not 0
  });

  it('prefills the body: each current figure beside the document’s, dated, with its section', () => {
    const text = aggregatesParagraph(data.province, sheet, 'th').split('\n');
    expect(text[0]).toBe('Dịch vụ công trực tuyến, số hóa hồ sơ và kết quả giải quyết thủ tục hành chính (số liệu của toàn tỉnh, tháng 7/2026 – tháng 12/2026):');
    expect(text).toContain(`- Dịch vụ công trực tuyến toàn trình: 1.100/1.820 dịch vụ, đạt ${formatPercent(1100 / 1820)} (mốc ngày 28/06/2024, mục II.3.2: 990/1.714 dịch vụ, đạt 57,76%).`);
    expect(text).toContain('- Dịch vụ công đã cung cấp trên Cổng dịch vụ công quốc gia: 1.820 dịch vụ (mốc ngày 28/06/2024, mục II.3.2: 1.714 dịch vụ).');
    expect(text).toContain('- Hồ sơ, kết quả giải quyết thủ tục hành chính đã số hóa: 2.300/2.500 hồ sơ, đạt 92,00% (mốc ngày 26/06/2024, mục II.3.2: đạt 91,31%).');
    expect(text).toContain('- Hồ sơ được cấp kết quả điện tử: chưa nhập số liệu (mốc ngày 26/06/2024, mục II.3.2: đạt 93,97%).');
    expect(text).toContain('- Hồ sơ dịch vụ công trực tuyến đã tiếp nhận và giải quyết: chưa nhập số liệu (mốc ngày 28/06/2024, mục II.3.2: 206.915 hồ sơ, đạt 78,28%).');
    expect(text.at(-1)).toBe('Số liệu mốc theo Báo cáo số 137/BC-UBND ngày 28/6/2024 của Tổ công tác Đề án 06 tỉnh Thanh Hóa.');
    // The document's figures, as printed there.
    for (const printed of ['990/1.714', '91,31%', '93,97%', '206.915', '78,28%']) expect(DOC.slice(88, 101).join(' ')).toContain(printed);
    const narrative = prefillProvinceNarrative(data, [], sheet).results;
    expect(narrative).toContain('- Dịch vụ công trực tuyến toàn trình: 1.100/1.820 dịch vụ');
    expect(narrative).toContain('Nghị quyết số 175/NQ-CP ngày 30/10/2023 của Chính phủ phê duyệt Đề án Trung tâm dữ liệu quốc gia (chi tiết tại Phụ lục II kèm theo Báo cáo này).');
  });
});

// ── The document and the .docx ──────────────────────────────────────────────────────

describe('the province document with Phụ lục II', () => {
  const data = build([progress('th:th-bc137-2024-pl2.I-3', { status: 'notDone', percent: 20, result: 'Chưa kết nối được.', cause: 'Chờ hướng dẫn của Bộ Công an.', asOf: '2026-11-20' })], []);
  const fields = { ...prefillProvinceNarrative(data, [], sheet), ...defaultMeta(th, undefined), [metaKey('number')]: '15' };
  const doc = buildDocument({ title: defaultTitle(th.name, PERIOD), sections: toSections({ title: '', fields }), data, unit: th, version: 1, issuedAt: Date.UTC(2026, 11, 20, 2) });

  it('lists Phụ lục II after I, and names all four in the closing sentence', () => {
    expect(doc.appendices?.map((a) => a.name)).toEqual(['Phụ lục I', 'Phụ lục II', 'Phụ lục III', 'Phụ lục IV']);
    expect(doc.appendices?.[1]?.title).toEqual(['KẾT QUẢ TRIỂN KHAI CÁC NHIỆM VỤ CỦA NGHỊ QUYẾT 175 GIAI ĐOẠN 1 (2023 - 2025)']);
    expect(DOC.some((l) => l.includes('**KẾT QUẢ TRIỂN KHAI CÁC NHIỆM VỤ CỦA NGHỊ QUYẾT 175 GIAI ĐOẠN 1 (2023 - 2025)**'))).toBe(true);
    expect(documentText(doc)).toContain('Tổ công tác Đề án 06 tỉnh Thanh Hóa kính báo cáo (có Phụ lục I, II, III, IV kèm theo Báo cáo)./.');
  });

  it('opens as a Word file whose Phụ lục II table holds the rows, the gap and the recorded progress', async () => {
    const xml = strFromU8(unzipSync(await docxBytes(doc))['word/document.xml']!);
    const pl2Table = tables(xml).find((t) => t[0]?.[8] === 'Nguyên nhân')!;
    expect(pl2Table[0]).toEqual(['STT', 'Đơn vị chủ trì', 'Nhiệm vụ', 'Đơn vị phối hợp', 'Văn bản chỉ đạo', 'Thời gian hoàn thành', 'Đã hoàn thành', 'Chưa hoàn thành', 'Nguyên nhân']);
    expect(pl2Table).toHaveLength(1 + docRows.length + 3 + 1);
    expect(pl2Table.find((r) => r[0] === '11–15')?.[2]).toBe('Các dòng 11–15 không có trong bản văn bản mà ứng dụng lưu giữ.');
    const r3 = pl2Table.find((r) => r[0] === '3')!;
    expect(r3.slice(6)).toEqual(['', 'Chưa hoàn thành (20%). Chưa kết nối được.', 'Chờ hướng dẫn của Bộ Công an.']);
    expect(r3[2]).toBe(docRows[2]![2]);
    expect(pl2Table.find((r) => r[0] === '16')?.[2]).toBe(corrected(docRows[10]![2]!));
    const paras = paragraphs(xml);
    expect(paras).toContain('Phụ lục II');
    expect(paras).toContain('KẾT QUẢ TRIỂN KHAI CÁC NHIỆM VỤ CỦA NGHỊ QUYẾT 175 GIAI ĐOẠN 1 (2023 - 2025)');
    // Each appendix is a section of its own (a new page); Phụ lục II's nine columns on a landscape A4 page.
    const sections = xml.match(/<w:sectPr[\s\S]*?<\/w:sectPr>/g) ?? [];
    expect(sections).toHaveLength(5);
    const landscape = sections.map((x) => /w:orient="landscape"/.test(x));
    expect(landscape).toEqual([false, false, true, false, false]);
    // Its page is 297 × 210 mm (twips: mm × 56,7).
    expect(sections[2]).toMatch(/<w:pgSz w:w="16839" w:h="11906"|<w:pgSz w:w="1683\d" w:h="1190\d"/);
  }, 30_000);

  it('keeps Phụ lục II and the figures in a submitted version; a version from before them still reads', () => {
    const back = parseSnapshot(toFieldValue({ title: 't', sections: [], data, submittedBy: 'x' }));
    expect(back?.data.province?.resolution?.tasks).toHaveLength(docRows.length);
    expect(back?.data.province?.aggregates).toHaveLength(sheet.aggregates.length);
    const { resolution: _r, aggregates: _a, ...older } = data.province;
    const old = parseSnapshot(toFieldValue({ title: 't', sections: [], data: { ...data, province: older }, submittedBy: 'x' }));
    expect(old?.data.province?.tasks).toHaveLength(72);
    expect(old?.data.province?.resolution).toBeUndefined();
  });
});
