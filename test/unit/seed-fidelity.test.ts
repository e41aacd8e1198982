// Issue 11, "Fidelity fixes": every expectation here is a sentence of the source documents
// (seeds/documents/), quoted, and checked to be in the file before the seed is compared with it.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SeedBundle } from '../../src/seed/schema.ts';
import { buildSeedBundle } from '../../src/seed/bundle.ts';
import { MODEL_GROUP_LABEL, deadlineEnd, deadlineParts, type Deadline } from '../../src/domain/catalogue.ts';
import { citeSource } from '../../src/domain/citation.ts';
import { documentNumber } from '../../src/domain/checklist.ts';
import titles from '../../seeds/documents/titles.json';
import essential from '../../seeds/indicators/essential-services.json';

const docs = join(import.meta.dirname, '../../seeds/documents');
const raw = (prefix: string) => readFileSync(join(docs, titles.documents.find((d) => d.file.startsWith(prefix))!.file), 'utf8');
/** The text with its line breaks and runs of spaces made single spaces, as a quote spans them. */
const flat = (s: string) => s.replace(/\s+/g, ' ');
const D004 = flat(raw('004'));
const D001 = flat(raw('001'));
const D000 = flat(raw('000'));
/** A quote must be in the document before anything is compared with it. */
function quoted(doc: string, quote: string): string {
  expect(doc, `"${quote}" is not in the document`).toContain(flat(quote));
  return quote;
}

const seed = SeedBundle.parse(buildSeedBundle());
const model = (n: number) => seed.catalogue.models.find((m) => m.number === n)!;
/** 01/12/2026 in Vietnam: after every year the seeds name, so anything dated is past. */
const NOW = Date.UTC(2026, 11, 1, 3);

describe('deadlines that go on ("… và thường xuyên", "… và các năm tiếp theo")', () => {
  // 004 appendix cells: "Trong năm 2023 / và Thường / xuyên" (MH28, MH31), "Trong năm 2023 / và các năm / tiếp theo" (MH42);
  // body: "Trong năm 2024 và thực hiện thường xuyên." (MH28), "Năm 2024 và thực hiện thường xuyên." (MH31),
  // "Trong năm 2024 và các năm tiếp theo." (MH42).
  const cases: [number, string, string, number, number][] = [
    [28, 'Trong năm 2023 và Thường xuyên', 'Trong năm 2024 và thực hiện thường xuyên.', 2023, 2024],
    [31, 'Trong năm 2023 và Thường xuyên', 'Năm 2024 và thực hiện thường xuyên.', 2023, 2024],
    [42, 'Trong năm 2023 và các năm tiếp theo', 'Trong năm 2024 và các năm tiếp theo.', 2023, 2024],
  ];
  it.each(cases)('Mô hình %i: ongoing from the year the document starts it, never overdue', (n, appendix, body, appendixYear, bodyYear) => {
    quoted(D004, appendix);
    quoted(D004, body);
    const m = model(n);
    expect(m.deadline).toMatchObject({ kind: 'ongoing', from: appendixYear });
    expect(m.deadline!.text.toLowerCase()).toBe(appendix.toLowerCase());
    expect(deadlineEnd(m.deadline!)).toBeNull();
    for (const t of m.tasks) {
      expect(t.deadline).toMatchObject({ kind: 'ongoing', from: bodyYear });
      expect(`${t.deadline!.text}.`).toBe(body);
    }
  });

  it('the IOC model\'s "Trong năm 2024 và thực hiện thường xuyên trong các năm tiếp theo" (000 task 45) is ongoing too', () => {
    quoted(D000, 'Trong năm 2024 và thực hiện thường xuyên trong các năm tiếp theo');
    const ioc = seed.catalogue.models.find((m) => m.id === 'ioc-ket-noi-dan-cu')!;
    expect(ioc.deadline).toMatchObject({ kind: 'ongoing', from: 2024 });
  });
});

describe('deadlines in several parts keep each part', () => {
  it('Mô hình 24: 2024 for VNeID and payment accounts, 2023 - 2025 for digital address and signature', () => {
    // 004 II.5 (letters the extraction dropped as in the file: "c p", "chữ k  số").
    quoted(D004, 'Trong năm 2024 đối với c p tài khoản VNeID và tài khoản thanh toán điện tử;');
    quoted(D004, '+ Giai đoạn 2023 -2025 đối với địa chỉ số, chữ k  số');
    const d = model(24).deadline!;
    expect(d.kind).toBe('parts');
    const parts = deadlineParts(d);
    expect(parts).toEqual([
      { kind: 'year', from: 2024, to: 2024, text: 'Trong năm 2024 đối với cấp tài khoản VNeID và tài khoản thanh toán điện tử' },
      { kind: 'year', from: 2023, to: 2025, text: 'giai đoạn 2023 - 2025 đối với địa chỉ số, chữ ký số' },
    ]);
    for (const p of parts) expect(d.text).toContain(p.text);
    // The whole is late only when its last part is: the end of 2025.
    expect(deadlineEnd(d)).toBe(deadlineEnd(parts[1]!));
  });

  it('Mô hình 35: "năm 2024 và theo lộ trình Đề án xây dựng cơ sở dữ liệu đất đai tỉnh Thanh Hóa"', () => {
    quoted(D004, 'năm 2024 và theo lộ trình Đề án xây dựng cơ sở dữ liệu đ t đai tỉnh Thanh Hóa');
    const d = model(35).deadline!;
    expect(deadlineParts(d).map((p) => [p.kind, p.text])).toEqual([
      ['year', 'Năm 2024'],
      ['external', 'theo lộ trình Đề án xây dựng cơ sở dữ liệu đất đai tỉnh Thanh Hóa'],
    ]);
    for (const t of model(35).tasks) expect(t.deadline).toEqual(d);
  });

  it('an old single-kind deadline still parses (seeds and imported catalogues written before parts existed)', () => {
    const old: Deadline = { kind: 'ongoing', text: 'Thường xuyên' };
    expect(deadlineParts(old)).toEqual([old]);
    expect(deadlineEnd(old)).toBeNull();
  });
});

describe('what the catalogue is', () => {
  it('is not the Thiệu Vân appendix\'s "30 MÔ HÌNH" (its table lists 11) but 11 + 19, each with its source', () => {
    // The appendix title (the extraction dropped the "Ì"), then section I.3 and the group counts 03 + 01 + 05 + 01 + 01.
    quoted(D004, 'Phụ lục 30 MÔ H NH TRIỂN KHAI ĐỀ ÁN 06 TRÊN ĐỊA BÀN XÃ THIỆU VÂN');
    quoted(D004, 'xã Thiệu Vân gồm 11 mô hình (Chi tiết tại Phụ lục đính kèm)');
    for (const g of ['(03 mô hình)', '(01 mô hình)', '(05 mô hình)']) quoted(D004, g);
    const tv = seed.adoptions.filter((a) => a.unitId === 'tv');
    expect(tv).toHaveLength(11);
    expect(seed.catalogue.models).toHaveLength(30);
    const title = seed.catalogue.title;
    expect(title).not.toMatch(/30 mô hình/i);
    expect(title).toContain('11 mô hình trong Kế hoạch của UBND xã Thiệu Vân');
    expect(title).toContain('19 mô hình, tiện ích nêu trong các văn bản khác');
    for (const m of seed.catalogue.models) for (const s of m.source) expect(seed.documents.map((d) => d.file)).toContain(s.file);
  });
});

describe('the Đông Hải adoption', () => {
  it('has no date: 000 names the one-stop desk model and no day it was adopted', () => {
    quoted(D000, 'Triển khai mô hình mẫu về Bộ phận một cửa');
    const dh = seed.adoptions.filter((a) => a.unitId === 'dh');
    expect(dh.map((a) => [a.modelId, a.adoptedOn])).toEqual([['mot-cua', null]]);
  });
});

describe('group labels', () => {
  // 004 appendix group rows, as they stand in the file; the only changes are the letters the
  // extraction dropped ("gi i" → "giải", "c i" → "cải", "ch  đạo" → "chỉ đạo") and the counts.
  const rows: [keyof typeof MODEL_GROUP_LABEL, string][] = [
    ['procedures', 'I Nhóm tiện ích phục vụ gi i quyết TTHC và cung cấp DVC trực tuyến (03 mô hình)'],
    ['socioeconomic', 'II Nhóm tiện ích phát triển kinh tế - xã hội (01 mô hình)'],
    ['digitalCitizen', 'III Nhóm tiện ích phục vụ công dân số (05 mô hình)'],
    ['sharedData', 'IV Nhóm số hóa, tạo lập dữ liệu dùng chung trên Hệ thống CSDLQG về DC phục vụ c i cách TTHC (01 mô hình)'],
    ['leadership', 'V Nhóm Phục vụ ch  đạo điều hành của lãnh đạo các cấp (01 mô hình)'],
  ];
  it.each(rows)('%s is word for word the 004 heading', (group, row) => {
    quoted(D004, row);
    const repaired = row
      .replace(/^[IVX]+ /, '')
      .replace(/ \(0\d mô hình\)$/, '')
      .replace('gi i', 'giải')
      .replace('c i cách', 'cải cách')
      .replace('ch  đạo', 'chỉ đạo');
    expect(MODEL_GROUP_LABEL[group]).toBe(repaired);
  });
});

describe('sources are cited by title and section', () => {
  it('each title is the document\'s own heading', () => {
    for (const d of titles.documents) expect(flat(readFileSync(join(docs, d.file), 'utf8')), d.file).toContain(flat(d.quote));
  });

  it('words a model\'s source as the brief asks: "Kế hoạch của UBND xã Thiệu Vân, tháng 02/2024 — mục II.5"', () => {
    const s = model(24).source[0]!;
    expect(s).toMatchObject({ file: '004_630b8fca6c728e9f.txt', section: 'II.5' });
    expect(citeSource(s, seed.documents)).toBe('Kế hoạch của UBND xã Thiệu Vân, tháng 02/2024 — mục II.5');
    expect(citeSource(model(24).source[1]!, seed.documents)).toBe('Kế hoạch của UBND xã Thiệu Vân, tháng 02/2024 — Phụ lục, nhóm III, TT 5');
  });

  it('never shows a file name, even for a document the table does not know', () => {
    const c = citeSource({ file: '999_0000000000000000.txt', section: '2.1' }, seed.documents);
    expect(c).toBe('Tài liệu nguồn — mục 2.1');
    expect(citeSource({ file: 'x.txt', section: 'mục 3', title: 'Kế hoạch số 12/KH-UBND' }, seed.documents)).toBe('Kế hoạch số 12/KH-UBND — mục 3');
  });

  it('shows the outline\'s own numbers, and none for ids the seed made up', () => {
    // 003 Phụ lục 2, B: "I. TÌNH HÌNH, KẾT QUẢ THỰC HIỆN" / "1.2. Việc triển khai thành lập Tổ công tác …".
    quoted(flat(raw('003')), '1.2. Việc triển khai thành lập Tổ công tác Đề án 06 các cấp');
    expect(documentNumber('I.1.2.a')).toBe('I.1.2.a');
    expect(documentNumber('A.10.1')).toBe('A.10.1');
    // "*) Đối với Phòng Nội vụ" has no number in the document: its questions are numbered within it.
    expect(documentNumber('A.NV')).toBeNull();
    expect(documentNumber('A.NV.1.a')).toBe('1.a');
    expect(documentNumber('A.VHTT.DVC.5.a.1')).toBe('5.a.1');
    for (const id of ['PCNV', 'DVTH', 'nv-1', 'nv-1-ketqua', 'dv-2']) expect(documentNumber(id), id).toBeNull();
  });
});

describe('the 25 essential services (001 Phụ lục III)', () => {
  it('shows the 17 surviving rows and the two names that can be recovered, and hides the 6 unnamed rows', () => {
    quoted(D001, '13 Đăng ký biến động về quyền sử dụng đất');
    // Row 21's name survives only as its end, the line right before row 22.
    quoted(D001, 'đã đăng ký mẫu con dấu Tiết kiệm thời gian, công sức, chi phí, giảm phiền hà, thuận tiện trong việc thực hiện và sử dụng, tin cậy, bảo mật 22 Đăng ký, cấp biển số mô tô, xe gắn máy');
    // V.1: named an essential service, and not one of the 17 rows left in the table.
    quoted(D001, 'dịch vụ công thiết yếu “Giải quyết hưởng trợ cấp thất nghiệp”');
    const sheet = seed.indicatorSheet;
    const names = sheet.services.map((s) => s.name);
    expect(sheet.services).toHaveLength(19);
    expect(sheet.unnamedServices).toHaveLength(6);
    expect(names).toContain('… đã đăng ký mẫu con dấu');
    expect(names).toContain('Giải quyết hưởng trợ cấp thất nghiệp');
    expect(sheet.services.find((s) => s.name === '… đã đăng ký mẫu con dấu')?.no).toBe(21);
    // Its place among rows 14–20 is lost: no number rather than a made-up one.
    expect(sheet.services.find((s) => s.name === 'Giải quyết hưởng trợ cấp thất nghiệp')?.no).toBeNull();
    for (const s of sheet.services) expect(s.name).not.toMatch(/bị mất|cần bổ sung|bản gốc/);
    expect(sheet.services.map((s) => s.no).filter((n) => n !== null && n >= 14 && n <= 20)).toEqual([]);
  });

  it('cites where each recovered name comes from, and names an unnamed row once an admin fills in `name`', () => {
    for (const s of essential.services.filter((x) => x.name !== null && 'nameSource' in x)) {
      const src = (s as { nameSource: { file: string; quote: string } }).nameSource;
      expect(flat(readFileSync(join(docs, src.file), 'utf8'))).toContain(flat(src.quote));
    }
    const named = structuredClone(essential);
    const row = named.services.find((s) => s.id === 'dvc-14')!;
    (row as { name: string | null }).name = 'Tên điền từ bản gốc';
    const sheet = SeedBundle.parse({ ...buildSeedBundle(), indicatorSheet: { ...seed.indicatorSheet, services: named.services.flatMap((s) => (s.name === null ? [] : [{ no: s.no, id: s.id, name: s.name }])), unnamedServices: named.services.flatMap((s) => (s.name === null ? [{ id: s.id, no: s.no }] : [])) } }).indicatorSheet;
    expect(sheet.services.map((s) => s.id)).toContain('dvc-14');
    expect(sheet.unnamedServices).toHaveLength(5);
  });
});
