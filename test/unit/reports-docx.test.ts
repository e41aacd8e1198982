// The outputs of a report: the document model, the .docx (unzipped and read back), the
// .xlsx and the CSV. Numbers are vi-VN everywhere: 38.755; 96,24%.
import { describe, expect, it } from 'vitest';
import { strFromU8, unzipSync } from 'fflate';
import { SeedBundle } from '../../src/seed/schema.ts';
import { buildSeedBundle } from '../../src/seed/bundle.ts';
import { communeReportData, mergeChildReports, toFieldValue, type LocalRecord, type PrefillContext, type ReportData } from '../../src/reports/data.ts';
import { buildDocument, documentText, placeDateLine, placeName, reportTables, type ReportDocument } from '../../src/reports/document.ts';
import { defaultMeta, defaultTitle, metaKey, prefillCommuneNarrative, toSections } from '../../src/reports/sections.ts';
import { docxBytes } from '../../src/reports/export-docx.ts';
import { workbookSheets, xlsxBlob } from '../../src/reports/export-xlsx.ts';
import { csvField, documentCsv } from '../../src/reports/csv.ts';
import { paragraphs, tables, unescape } from '../helpers/docx-xml.ts';

const seed = SeedBundle.parse(buildSeedBundle());
const ctx: PrefillContext = { models: seed.catalogue.models, units: seed.units, sheet: seed.indicatorSheet, checklists: seed.checklists };
const unit = (id: string) => seed.units.find((u) => u.id === id)!;
const SUBMITTED = Date.UTC(2026, 10, 25, 7, 30); // 25/11/2026 14:30 in Vietnam

const records: LocalRecord[] = [
  { coll: 'status', id: 'tv:mh-24', unit: 'tv', values: { status: 'inProgress', progress: 65, note: 'Đã hướng dẫn 120 hộ', difficulties: 'Một số hộ chưa có điện thoại thông minh' } },
  { coll: 'status', id: 'tv:mh-01', unit: 'tv', values: { status: 'done', progress: 100 } },
  { coll: 'indicators', id: 'tv@2026-11', unit: 'tv', values: { 's.dvc-01.total': 38755, 's.dvc-01.online': 37296, 's.dvc-02.total': 20723, 's.dvc-02.online': 20651, 'c.dddt-muc-2': 1234 } },
];
const data = communeReportData(ctx, unit('tv'), '2026-11', SUBMITTED, seed.adoptions, records);
const fields = { ...prefillCommuneNarrative(data, records), ...defaultMeta(unit('tv'), unit('th-tp')), [metaKey('number')]: '15', [metaKey('signerName')]: 'Nguyễn Văn A' };
const doc = buildDocument({ title: defaultTitle('xã Thiệu Vân', '2026-11'), sections: toSections({ title: '', fields }), data, unit: unit('tv'), version: 1, issuedAt: SUBMITTED });


describe('the document', () => {
  it('has the administrative header, place and date line, number, recipients and signature', () => {
    expect(doc.issuer).toEqual({ upper: 'UBND XÃ THIỆU VÂN', lower: 'TỔ CÔNG TÁC ĐỀ ÁN 06' });
    expect(doc.numberLine).toBe('Số: 15/BC-TCTĐA06');
    expect(doc.nation).toEqual({ name: 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', motto: 'Độc lập - Tự do - Hạnh phúc' });
    expect(doc.placeDate).toBe('Thiệu Vân, ngày 25 tháng 11 năm 2026');
    expect(doc.recipients).toEqual(['Tổ công tác Đề án 06 thành phố Thanh Hóa (để báo cáo)', 'Đảng ủy, UBND xã Thiệu Vân (để báo cáo)', 'Thành viên Tổ công tác (để thực hiện)', 'Lưu: VT.']);
    expect(doc.signer).toEqual({ onBehalf: 'TM. TỔ CÔNG TÁC', title: 'TỔ TRƯỞNG', name: 'Nguyễn Văn A' });
    expect(doc.blocks.filter((b) => b.kind === 'heading' && b.level === 1).map((b) => (b as { text: string }).text)).toEqual([
      'I. KẾT QUẢ ĐẠT ĐƯỢC',
      'II. KHÓ KHĂN, VƯỚNG MẮC',
      'III. NGUYÊN NHÂN',
      'IV. KIẾN NGHỊ, ĐỀ XUẤT',
      'V. NHIỆM VỤ TRỌNG TÂM KỲ TỚI',
    ]);
    expect(documentText(doc)).toContain('Không có.'); // an empty section says so
  });

  it('writes dates and places the way the decree asks', () => {
    expect(placeName('tỉnh Thanh Hóa')).toBe('Thanh Hóa');
    expect(placeName('thị trấn Tân Phong')).toBe('Tân Phong');
    expect(placeDateLine('Quảng Xương', Date.UTC(2027, 1, 4, 3))).toBe('Quảng Xương, ngày 04 tháng 02 năm 2027');
    expect(placeDateLine('Quảng Xương', Date.UTC(2026, 11, 31, 18))).toBe('Quảng Xương, ngày 01 tháng 01 năm 2027'); // 01:00 in Vietnam
  });

  it('formats every number vi-VN and computes rates from sums', () => {
    const services = reportTables(data).find((t) => t.id === 'dvc')!;
    expect(services.rows[0]!.map((c) => c.text)).toEqual(['1', 'Đăng ký dự thi tốt nghiệp THPT quốc gia và xét tuyển đại học, cao đẳng', '38.755', '37.296', '96,24%']);
    expect(services.rows[0]![4]).toMatchObject({ value: 37296 / 38755, format: 'percent' });
    expect(services.rows[2]!.map((c) => c.text).slice(2)).toEqual(['0', '0', '—']); // 0/0 is not 0 %
    expect(services.foot!.map((c) => c.text)).toEqual(['', 'Tổng cộng 19 dịch vụ', '59.478', '57.947', '97,43%']);
  });

  it('gives a district report the per-model counts and the communes’ reporting table', () => {
    const district = mergeChildReports(ctx, unit('th-tp'), '2026-11', SUBMITTED, [unit('tv'), unit('dh')], [{ unitId: 'tv', version: 2, submittedAt: SUBMITTED, data: toFieldValue(data) as unknown as ReportData, sections: [] }]);
    const t = reportTables(district);
    expect(t.find((x) => x.id === 'mo-hinh')!.head).toEqual(['TT', 'Mô hình', 'Số đơn vị triển khai', 'Đã hoàn thành', 'Đang, thường xuyên thực hiện', 'Chưa thực hiện, khác', 'Tỷ lệ hoàn thành']);
    const units = t.find((x) => x.id === 'don-vi')!;
    expect(units.rows.map((r) => r.map((c) => c.text))).toEqual([
      ['1', 'xã Thiệu Vân', 'Lần 2, 25/11/2026', '1/11', '59.478', '57.947', '97,43%'],
      ['2', 'phường Đông Hải', 'Chưa gửi', '—', '0', '0', '—'],
    ]);
    expect(units.foot![2]!.text).toBe('1/2 đã gửi');
  });
});

describe('.docx', () => {
  it('opens as a Word file with the same layout, text and tables', async () => {
    const bytes = await docxBytes(doc);
    const files = unzipSync(bytes);
    expect(Object.keys(files)).toEqual(expect.arrayContaining(['[Content_Types].xml', 'word/document.xml', 'word/styles.xml']));
    const xml = strFromU8(files['word/document.xml']!);
    const text = paragraphs(xml).map(unescape);
    for (const line of [
      'UBND XÃ THIỆU VÂN',
      'TỔ CÔNG TÁC ĐỀ ÁN 06',
      'Số: 15/BC-TCTĐA06',
      'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
      'Độc lập - Tự do - Hạnh phúc',
      'Thiệu Vân, ngày 25 tháng 11 năm 2026',
      'BÁO CÁO',
      'Kết quả thực hiện Đề án 06 trên địa bàn xã Thiệu Vân tháng 11/2026',
      'I. KẾT QUẢ ĐẠT ĐƯỢC',
      'II. KHÓ KHĂN, VƯỚNG MẮC',
      '- Mô hình 24: Đảm bảo điều kiện công dân số: Một số hộ chưa có điện thoại thông minh',
      'V. NHIỆM VỤ TRỌNG TÂM KỲ TỚI',
      'Nơi nhận:',
      '- Lưu: VT.',
      'TM. TỔ CÔNG TÁC',
      'TỔ TRƯỞNG',
      'Nguyễn Văn A',
    ]) {
      expect(text).toContain(line);
    }
    // A4 portrait, margins 20/15/20/30 mm (twips), Times New Roman.
    expect(xml).toMatch(/<w:pgSz w:w="11906" w:h="16838"/);
    expect(xml).toMatch(/<w:pgMar w:top="1134" w:right="850" w:bottom="1134" w:left="1701"/);
    expect(strFromU8(files['word/styles.xml']!)).toContain('Times New Roman');

    const all = tables(xml);
    // Header, the data tables, then "Nơi nhận" and the signature.
    expect(all).toHaveLength(2 + reportTables(data).length);
    // (The rules under the issuing body and the motto are empty paragraphs: blank lines here.)
    expect(all[0]![0]!.map((cell) => cell.replace(/\n+/g, '\n'))).toEqual(['UBND XÃ THIỆU VÂN\nTỔ CÔNG TÁC ĐỀ ÁN 06\nSố: 15/BC-TCTĐA06', 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\nThiệu Vân, ngày 25 tháng 11 năm 2026']);
    const services = all.find((t) => t[0]![1] === 'Dịch vụ')!;
    // The services 001 names: its 6 lost rows of the 25 are not reported (issue 11).
    expect(services).toHaveLength(1 + 19 + 1);
    expect(services[0]).toEqual(['Số TT', 'Dịch vụ', 'Tổng số hồ sơ', 'Trực tuyến', 'Tỷ lệ']);
    expect(services[1]).toEqual(['1', 'Đăng ký dự thi tốt nghiệp THPT quốc gia và xét tuyển đại học, cao đẳng', '38.755', '37.296', '96,24%']);
    expect(services[20]).toEqual(['', 'Tổng cộng 19 dịch vụ', '59.478', '57.947', '97,43%']);
    const models = all.find((t) => t[0]![1] === 'Mô hình')!;
    expect(models).toHaveLength(1 + 11);
    expect(models.find((r) => r[1]!.startsWith('Mô hình 24'))!.slice(2, 4)).toEqual(['Đang thực hiện', '65%']);
    const counters = all.find((t) => t[0]![1] === 'Chỉ tiêu')!;
    expect(counters.find((r) => r[1]!.includes('mức 2'))![3]).toBe('1.234');
    const closing = all.at(-1)!;
    expect(closing[0]![0]).toMatch(/^Nơi nhận:\n- Tổ công tác Đề án 06 thành phố Thanh Hóa \(để báo cáo\);/);
    expect(closing[0]![1]).toMatch(/^TM\. TỔ CÔNG TÁC\nTỔ TRƯỞNG\n[\s\S]*Nguyễn Văn A$/);
  });
});

describe('.xlsx and .csv', () => {
  it('keeps numbers as numbers with vi-VN-friendly formats, one sheet per table', async () => {
    const sheets = workbookSheets(doc);
    expect(sheets.map((s) => s.sheet)).toEqual(['Tiến độ triển khai các mô', 'Kết quả thực hiện 25 dịch vụ', 'Căn cước công dân gắn chíp', 'Số liệu do các Tổ công nghệ', 'Kết quả tự kiểm tra theo đề']);
    const files = unzipSync(new Uint8Array(await (await xlsxBlob(doc)).arrayBuffer()));
    expect(Object.keys(files)).toEqual(expect.arrayContaining(['xl/workbook.xml', 'xl/worksheets/sheet2.xml']));
    const sheet2 = strFromU8(files['xl/worksheets/sheet2.xml']!);
    expect(sheet2).toContain('<v>38755</v>');
    expect(sheet2).toContain('<v>37296</v>');
    expect(strFromU8(files['xl/styles.xml']!)).toContain('0.00%');
  });

  // Issue 14: "CSV quotes numbers as text". Numbers go unquoted, in the form Excel reads as
  // numbers under Windows' Vietnamese settings (";" between fields, "," before decimals),
  // without "." grouping, which a program set to a "." decimal mark would read as a decimal.
  it('writes the tables as CSV with a BOM, numbers unquoted for Excel in Vietnamese', () => {
    const csv = documentCsv(doc);
    expect(csv.startsWith('\uFEFF')).toBe(true);
    const lines = csv.slice(1).split('\r\n');
    expect(lines).toContain('1;"Đăng ký dự thi tốt nghiệp THPT quốc gia và xét tuyển đại học, cao đẳng";38755;37296;96,24%');
    expect(lines).toContain('"";"Tổng cộng 19 dịch vụ";59478;57947;97,43%');
    // The text with commas and the title stay one field each; no number is quoted anywhere.
    expect(lines[0]).toBe('"BÁO CÁO";"Kết quả thực hiện Đề án 06 trên địa bàn xã Thiệu Vân tháng 11/2026"');
    expect(csv).not.toMatch(/"\d[\d.,]*%?"/);
    expect(lines.find((l) => l.includes('mức 2'))).toMatch(/;1234$/);
  });

  // Text typed on a phone must not run as a formula in the office's spreadsheet (OWASP CSV injection).
  it('keeps text that looks like a formula inert, and negative numbers numeric', () => {
    expect(csvField({ text: '=HYPERLINK("http://x.example","Bấm")' })).toBe('"\'=HYPERLINK(""http://x.example"",""Bấm"")"');
    for (const lead of ['+', '-', '@', '\t', '\r']) expect(csvField({ text: `${lead}1+1` })).toBe(`"'${lead}1+1"`);
    expect(csvField({ text: '- Đã tuyên truyền' })).toBe('"\'- Đã tuyên truyền"');
    expect(csvField({ text: 'Thôn 1 = 12 hộ' })).toBe('"Thôn 1 = 12 hộ"');
    expect(csvField({ text: '-5', value: -5 })).toBe('-5');
  });
});

// Issue 14, problem 6, and "Official document fields as officials fill them". Expectations
// from the issue and from Nghị định 30/2020/NĐ-CP, Phụ lục I: "Số: 15/BC-TCTĐA06" (serial,
// "/", symbol, once; a serial below 10 takes a leading 0), "DỰ THẢO" on a draft only, a
// solid rule under the issuing body (a third to a half of its line) and under the motto
// (as long as the motto), page numbers from the second page.
describe('the document number and the decree’s layout', () => {
  const withMeta = (meta: Record<string, string>, version: number | null = 1): ReportDocument =>
    buildDocument({
      title: defaultTitle('xã Thiệu Vân', '2026-11'),
      sections: toSections({ title: '', fields: { ...fields, ...Object.fromEntries(Object.entries(meta).map(([k, v]) => [metaKey(k as 'number'), v])) } }),
      data,
      unit: unit('tv'),
      version,
      issuedAt: SUBMITTED,
    });
  const documentXml = async (d: ReportDocument) => strFromU8(unzipSync(await docxBytes(d))['word/document.xml']!);
  const occurrences = (haystack: string, needle: string) => haystack.split(needle).length - 1;

  it('gives a new report the unit’s symbol, so the person types only the serial number', () => {
    const prefilled = defaultMeta(unit('tv'), unit('th-tp'));
    expect(prefilled[metaKey('symbol')]).toBe('BC-TCTĐA06');
    expect(prefilled[metaKey('number')]).toBe('');
    expect(withMeta({ number: '15', symbol: 'BC-TCTĐA06' }).numberLine).toBe('Số: 15/BC-TCTĐA06');
    expect(withMeta({ number: '', symbol: 'BC-TCTĐA06' }).numberLine).toBe('Số: …/BC-TCTĐA06'); // the clerk fills it in
    expect(withMeta({ number: '7', symbol: 'BC-TCTĐA06' }).numberLine).toBe('Số: 07/BC-TCTĐA06');
    expect(withMeta({ number: '15', symbol: 'bc-ubnd' }).numberLine).toBe('Số: 15/BC-UBND'); // the symbol is editable, in capitals
  });

  it('never writes the symbol twice, whatever the serial field holds', () => {
    // What the issue saw: "15/BC-TCT" typed, "Số: 15/BC-TCT/BC-TCTĐA06" printed.
    expect(withMeta({ number: '15/BC-TCT', symbol: 'BC-TCTĐA06' }).numberLine).toBe('Số: 15/BC-TCT');
    // A value stored before the symbol had its own field: no symbol line at all.
    expect(withMeta({ number: '15/BC-TCTĐA06' }).numberLine).toBe('Số: 15/BC-TCTĐA06');
    expect(withMeta({ number: 'Số: 15/BC-TCTĐA06', symbol: 'BC-TCTĐA06' }).numberLine).toBe('Số: 15/BC-TCTĐA06');
    const sections = toSections({ title: '', fields: { ...fields, [metaKey('number')]: '15/BC-TCTĐA06' } }).filter((s) => s.key !== metaKey('symbol'));
    expect(buildDocument({ title: 'BC', sections, data, unit: unit('tv'), version: 1, issuedAt: SUBMITTED }).numberLine).toBe('Số: 15/BC-TCTĐA06');
  });

  it('names the file by the unit and period as people say them, never by an id', () => {
    expect(doc.fileStem).toBe('bao-cao-xa-thieu-van-thang-11-2026-lan-1');
    expect(buildDocument({ title: 'BC', sections: toSections({ title: '', fields }), data, unit: unit('tv'), version: null, issuedAt: SUBMITTED }).fileStem).toBe('bao-cao-xa-thieu-van-thang-11-2026-nhap');
  });

  it('writes the number once in the .docx, even from a legacy value with "/"', async () => {
    const xml = await documentXml(withMeta({ number: '15/BC-TCTĐA06' }));
    const text = paragraphs(xml).map(unescape);
    expect(text.filter((t) => t.startsWith('Số:'))).toEqual(['Số: 15/BC-TCTĐA06']);
    expect(occurrences(text.join('\n'), 'BC-TCTĐA06')).toBe(1);
  });

  it('marks a draft "DỰ THẢO" in the .docx and a submitted version not', async () => {
    const draft = paragraphs(await documentXml(withMeta({ number: '15' }, null))).map(unescape);
    expect(draft).toContain('DỰ THẢO');
    expect(draft.indexOf('DỰ THẢO')).toBeLessThan(draft.indexOf('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM')); // at the top
    const sent = paragraphs(await documentXml(withMeta({ number: '15' }, 1))).map(unescape);
    expect(sent.join('\n')).not.toMatch(/DỰ THẢO|Dự thảo/i);
    expect(documentText(withMeta({ number: '15' }, null))).toMatch(/^DỰ THẢO\n/);
    expect(documentText(withMeta({ number: '15' }, 1))).not.toContain('DỰ THẢO');
    // The spreadsheets of a draft say so too.
    expect(documentCsv(withMeta({ number: '15' }, null)).split('\r\n')[0]).toMatch(/;"DỰ THẢO"$/);
    expect(documentCsv(withMeta({ number: '15' }, 1))).not.toContain('DỰ THẢO');
    expect(workbookSheets(withMeta({ number: '15' }, null))[0]!.data[1]![0]).toMatchObject({ value: expect.stringMatching(/^DỰ THẢO — /) });
  });

  it('draws a solid rule under the issuing body and under the motto in the .docx', async () => {
    const xml = await documentXml(doc);
    const header = xml.slice(xml.indexOf('<w:tbl>'), xml.indexOf('</w:tbl>'));
    const cells = [...header.matchAll(/<w:tc>[\s\S]*?<\/w:tc>/g)].map((c) => c[0]);
    expect(cells).toHaveLength(2);
    const cellWidth = (c: string) => Number(/<w:tcW w:type="dxa" w:w="(\d+)"|<w:tcW w:w="(\d+)" w:type="dxa"/.exec(c)!.slice(1).find(Boolean));
    /** The paragraph after the one reading `text`: its bottom border and its indents. */
    const ruleAfter = (cell: string, text: string) => {
      const ps = [...cell.matchAll(/<w:p[ >][\s\S]*?<\/w:p>/g)].map((p) => p[0]);
      const at = ps.findIndex((p) => unescape(paragraphs(p)[0] ?? '') === text);
      expect(at).toBeGreaterThanOrEqual(0);
      const next = ps[at + 1]!;
      expect(paragraphs(next)[0] ?? '').toBe(''); // a rule, not text
      expect(next).toMatch(/<w:pBdr>[\s\S]*<w:bottom w:val="single"/);
      const left = Number(/<w:ind [^>]*w:left="(\d+)"/.exec(next)![1]);
      const right = Number(/<w:ind [^>]*w:right="(\d+)"/.exec(next)![1]);
      expect(Math.abs(left - right)).toBeLessThanOrEqual(1); // centred
      return { length: cellWidth(cell) - left - right, ps, at };
    };
    const issuer = ruleAfter(cells[0]!, 'TỔ CÔNG TÁC ĐỀ ÁN 06');
    expect(unescape(paragraphs(issuer.ps[issuer.at + 2]!)[0]!)).toBe('Số: 15/BC-TCTĐA06'); // the number below the rule
    const motto = ruleAfter(cells[1]!, 'Độc lập - Tự do - Hạnh phúc');
    // Short under the issuing body (a third to a half of the name, a name well under the
    // column), as long as the motto under the motto: so the first is the shorter one.
    expect(issuer.length).toBeGreaterThan(0);
    expect(issuer.length).toBeLessThan(cellWidth(cells[0]!) / 2);
    expect(motto.length).toBeGreaterThan(issuer.length * 2);
    expect(motto.length).toBeLessThan(cellWidth(cells[1]!));
    // The rule replaces the old text underline of the motto (the decree draws a line below).
    expect(cells[1]!).not.toContain('<w:u ');
  });

  it('numbers the .docx pages at the top from the second page on', async () => {
    const files = unzipSync(await docxBytes(doc));
    const xml = strFromU8(files['word/document.xml']!);
    expect(xml).toContain('<w:titlePg/>');
    const headers = Object.keys(files).filter((f) => /^word\/header\d+\.xml$/.test(f)).map((f) => strFromU8(files[f]!));
    expect(headers.some((h) => /PAGE/.test(h) && /<w:jc w:val="center"\/>/.test(h))).toBe(true);
    expect(headers.some((h) => !/PAGE/.test(h))).toBe(true); // the first page's, empty
  });
});
