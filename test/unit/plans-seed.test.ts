// The plan seeds against the documents they come from: the counts are taken from the
// documents here (row numbers, "(NN nhiệm vụ)" headings), each task's cited row is read back
// and must hold its words, deadline and targets, and each cadence's quote must be in its file.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadPlanSeeds, cadenceUnits, type SeedPlan } from '../../src/seed/plans-schema.ts';
import { buildSeedBundle } from '../../src/seed/bundle.ts';
import { responsibleUnits, statusFromWording } from '../../src/domain/plans.ts';
import { dueAt, periodOf } from '../../src/domain/calendar.ts';
import { searchKey } from '../../src/domain/text.ts';
import { scanForDamage } from '../../src/domain/text-quality.ts';
import type { OrgUnit } from '../../src/domain/org.ts';

const DOCS = join(import.meta.dirname, '../../seeds/documents');
const raw = (file: string) => readFileSync(join(DOCS, file), 'utf8');
const linesOf = (file: string) => raw(file).split('\n');
/** The extraction's damaged ư/Ư, undone; runs of white space as one space. */
const undamage = (s: string) => s.replace(/\u01a3/g, 'ư').replace(/\u01a2/g, 'Ư').normalize('NFC').replace(/\s+/g, ' ');
/** For comparing words: no markup, no diacritics, no punctuation ("<i>(dự kiến</i>" → "du kien"). */
const key = (s: string) =>
  searchKey(undamage(s.replace(/<[^>]+>/g, ' ').replace(/&amp;/g, '&')))
    .replace(/[^a-z0-9%/]+/g, ' ')
    .trim();
/** Every word of `part` is somewhere in `whole` (for 000 rows a page break cuts). */
const allWordsIn = (whole: string, part: string) => key(part).split(' ').every((w) => ` ${key(whole)} `.includes(` ${w} `) || key(whole).includes(w));

const F000 = '000_5b4d33c20d7169fb.txt';
const F001 = '001_0be6ffac82be08d1.txt';
const F002 = '002_9ce0a7538531804f.txt';
const F003 = '003_2093410f4141bf08.txt';
const F004 = '004_630b8fca6c728e9f.txt';

const seeds = loadPlanSeeds();
const plan = (id: string): SeedPlan => seeds.seedPlans.find((p) => p.id === id)!;
const units = buildSeedBundle().units as OrgUnit[];

/** The text of each task's row: from its line to the next task's line (or 60 lines). */
function rowBlocks(p: SeedPlan): Map<string, string> {
  const lines = linesOf(p.source.file);
  const sorted = [...p.tasks].sort((a, b) => a.line - b.line);
  return new Map(
    sorted.map((t, i) => {
      const next = sorted[i + 1]?.line ?? t.line + 60;
      // 002 II.2.d splits one item into bullets: its block runs to the item's end.
      const end = Math.max(next, t.line + 1);
      let block = lines.slice(t.line - 1, Math.min(end - 1, lines.length));
      // A bullet of 002 II.2.d carries its item's lead sentence ("d) Tham gia góp ý …").
      if (/^II\.2\.d\.\d$/.test(t.no)) block = [lines.slice(0, t.line).reverse().find((l) => l.startsWith('d) '))!, ...block];
      return [t.id, block.join('\n')];
    }),
  );
}
const words = (s: string) => key(s).split(/[^a-z0-9%]+/).filter((w) => w.length >= 4);

describe.each(['th-bc137-2024-pl1', 'th-bc137-2024-pl2', 'hue-2025', 'th-tp-kh259-2024'])('plan %s', (id) => {
  const p = plan(id);
  const blocks = rowBlocks(p);

  it('cites a row that holds the words of each task', () => {
    for (const t of p.tasks) {
      const block = key(blocks.get(t.id)!);
      const ws = words(t.text);
      const found = ws.filter((w) => block.includes(w));
      expect(found.length / ws.length, `${t.no}: ${ws.filter((w) => !block.includes(w)).join(' ')}`).toBeGreaterThanOrEqual(0.9);
      expect(t.source.file).toBe(p.source.file);
    }
  });

  it("keeps each deadline's and each target's wording as the row has it", () => {
    for (const t of p.tasks) {
      const block = key(blocks.get(t.id)!);
      // 002 II.2.d's deadline is the item's lead sentence; 002 II.3.a gives no time (null).
      if (t.deadline) {
        const ok = block.includes(key(t.deadline.text)) || (id === 'th-tp-kh259-2024' && allWordsIn(blocks.get(t.id)!, t.deadline.text));
        expect(ok, `${t.no}: ${t.deadline.text}`).toBe(true);
      }
      for (const target of t.targets) {
        const ok = block.includes(key(target.text)) || (id === 'th-tp-kh259-2024' && allWordsIn(blocks.get(t.id)!, target.text));
        expect(ok, `${t.no}: ${target.text}`).toBe(true);
        expect(block).toContain(`${target.value}`);
      }
    }
  });

  it('carries no damage from the PDF extraction', () => {
    expect(scanForDamage(p).slice(0, 3)).toEqual([]);
  });
});

describe('001 Phụ lục I: 72 province tasks', () => {
  const p = plan('th-bc137-2024-pl1');
  const lines = linesOf(F001);
  const start = lines.findIndex((l) => l.startsWith('**Phụ lục I**'));
  const end = lines.findIndex((l) => l.startsWith('**Phụ lục II**'));
  const table = lines.slice(start, end);

  it('has every numbered row of the table, as the report counts them (72 in 10 groups)', () => {
    const numbers = table.filter((l) => /^\d+\.\t/.test(l)).map((l) => l.split('.')[0]);
    expect(numbers).toHaveLength(72);
    expect(p.tasks.map((t) => t.no)).toEqual(numbers);
    expect(raw(F001)).toContain('xác định tổng số 72 nhiệm vụ cụ thể thuộc 10 nhóm');
    const headings = [...table.join('\n').matchAll(/\((\d+) nhiệm vụ\)/g)].map((m) => Number(m[1]));
    expect(headings).toEqual([3, 29, 5, 5, 14, 4, 4, 2, 2, 4]);
    const perGroup = [...new Set(p.tasks.map((t) => t.group))].map((g) => p.tasks.filter((t) => t.group === g).length);
    expect(perGroup).toEqual(headings);
  });

  it('cites the line each row starts on', () => {
    for (const t of p.tasks) expect(lines[t.line - 1]!.startsWith(`${t.no}.\t`), t.no).toBe(true);
  });

  it('spot-checks rows against the document', () => {
    const t = (no: string) => p.tasks.find((x) => x.no === no)!;
    // Row 5: "Trung tâm Phục vụ hành chính công tỉnh; các sở, ban, ngành; UBND D cấp huyện; UBND cấp xã" — "Năm 2024: cấp tỉnh và huyện 100%; cấp xã 90%".
    expect(t('5').lead.map((r) => r.kind === 'level' && r.level)).toEqual([false, false, 'district', 'commune']);
    expect(t('5').deadline).toMatchObject({ kind: 'year', from: 2024, to: 2024 });
    expect(t('5').targets.map((x) => [x.value, x.level])).toEqual([[100, 'province'], [100, 'district'], [90, 'commune']]);
    // Row 30: "Chưa thực hiện do đang chờ hướng dẫn của Văn phòng Chính phủ".
    expect(t('30').reported).toMatchObject({ status: 'waitingGuidance', wording: 'Chưa thực hiện do đang chờ hướng dẫn của Văn phòng Chính phủ' });
    // Row 28: "Đã hoàn thành. Ngày 08/5/2024, Sở Thông tin và Truyền thông đã tổ chức Hội nghị …".
    expect(t('28').reported?.status).toBe('done');
    expect(t('28').reported?.result).toMatch(/^Đã hoàn thành\. Ngày 08\/5\/2024/);
    // Row 2: "Quý I/2024"; row 72: "Thực hiện thường xuyên", lead Sở Thông tin và Truyền thông.
    expect(t('2').deadline).toMatchObject({ kind: 'quarter', quarter: 1, year: 2024 });
    expect(t('72').deadline?.kind).toBe('ongoing');
    expect(t('72').lead).toEqual([{ kind: 'named', text: 'Sở Thông tin và Truyền thông' }]);
    // Row 11's deadline is "Trong năm 2024 và thực hiện thường xuyên": ongoing, as written, from 2024.
    expect(t('11').deadline).toEqual({ kind: 'ongoing', from: 2024, text: 'Trong năm 2024 và thực hiện thường xuyên' });
  });

  it('keeps each assessment word for word and its status as the wording says', () => {
    for (const t of p.tasks) {
      const r = t.reported!;
      const block = key(rowBlocks(p).get(t.id)!);
      const ws = words(r.result!);
      expect(ws.filter((w) => block.includes(w)).length / ws.length, t.no).toBeGreaterThanOrEqual(0.95);
      expect(block, t.no).toContain(key(r.wording!));
      if (t.no !== '6') expect(r.status, t.no).toBe(statusFromWording(r.wording!));
      // The wording is the assessment the result opens with.
      expect(r.result!.startsWith(r.wording!), t.no).toBe(true);
    }
  });

  it('shows row 6 as the cell words it, not the first words "Đã hoàn thành" of a task still in progress', () => {
    // "Đã hoàn thành 25/25 DVC thiết yếu; 02/10 DVC theo Quyết định số 422/QĐ-TTg; còn lại 08/10 DVC … chưa triển khai do chờ hướng dẫn …"
    const r = p.tasks.find((t) => t.no === '6')!.reported!;
    expect(r.status).toBe('inProgress');
    expect(r.wording).not.toBe('Đã hoàn thành');
    expect(r.wording).toMatch(/^Đã hoàn thành 25\/25 DVC thiết yếu; 02\/10 DVC .*còn lại 08\/10 DVC .*chưa triển khai do chờ hướng dẫn của Bộ ngành trung ương$/);
    expect(raw(F001)).toContain(`Đánh giá tiến độ: ${r.wording}`);
  });

  it('resolves "UBND cấp xã" of the province plan to all 28 communes of the seeded tree', () => {
    const communes = units.filter((u) => u.level === 'commune').map((u) => u.id).sort();
    expect(communes).toHaveLength(28);
    const r = responsibleUnits(p.tasks.find((t) => t.no === '5')!, p.unitId, units);
    expect(r.lead.filter((id) => communes.includes(id)).sort()).toEqual(communes);
  });
});

describe('001 Phụ lục II: Nghị quyết 175', () => {
  const p = plan('th-bc137-2024-pl2');
  const lines = linesOf(F001);
  const start = lines.findIndex((l) => l.startsWith('**Phụ lục II**'));
  const end = lines.findIndex((l) => l.startsWith('**Phụ lục III**'));

  it('has every row the extracted table holds: 1–10, 16–18 and III.1 (rows 11–15 are missing from the text)', () => {
    const rows = lines.slice(start, end).filter((l) => /^\d+\t/.test(l)).map((l) => l.split('\t')[0]);
    expect(rows).toEqual(['1', '2', '3', '4', '5', '6', '7', '8', '9', '10', '16', '17', '18', '1']);
    expect(p.tasks.map((t) => t.no)).toEqual(['I.1', 'I.2', 'I.3', 'I.4', 'I.5', 'I.6', 'I.7', 'I.8', 'I.9', 'I.10', 'II.16', 'II.17', 'II.18', 'III.1']);
    for (const t of p.tasks) expect(lines[t.line - 1]!.startsWith(`${t.no.split('.')[1]}\t`), t.no).toBe(true);
  });

  it('keeps done / not done and the cause', () => {
    const t = (no: string) => p.tasks.find((x) => x.no === no)!;
    // Rows 3–5 write "Chờ HD của BCA" in "Chưa hoàn thành" and leave "Nguyên nhân" empty: once, as the result.
    for (const no of ['I.3', 'I.4', 'I.5']) {
      expect(lines[t(no).line - 1]!.split('\t').slice(6, 9).map((c) => c.trim()), no).toEqual(['', 'Chờ HD của BCA', '']);
      expect(t(no).reported, no).toMatchObject({ wording: 'Chưa hoàn thành', status: 'waitingGuidance', result: 'Chờ HD của BCA', cause: null });
    }
    expect(t('I.6').reported).toMatchObject({ wording: 'Đã hoàn thành', status: 'done' });
    expect(t('I.6').reported?.result).toMatch(/Công văn số 1341\/BCA-V03 ngày 17\/4\/2024/);
    // Row 6's cell goes on to the next page and stops at a comma: the result marks the cut, the notes say so.
    expect(lines[t('I.6').line + 3]!.split('\t')[6]!.trim()).toBe('đoạn 2022-2025, tầm nhìn đến năm 2030”,');
    expect(t('I.6').reported?.result).toMatch(/tầm nhìn đến năm 2030”…$/);
    expect(t('I.6').notes.join(' ')).toMatch(/bị cắt.*phần còn lại bị mất/);
    expect(t('II.16').deadline).toEqual({ kind: 'date', date: '2024-02-23', text: '23/2/2024' });
    expect(t('III.1').reported?.status).toBe('inProgress');
  });
});

describe('002 Huế 2025', () => {
  const p = plan('hue-2025');
  const lines = linesOf(F002);
  const from = lines.findIndex((l) => l.startsWith('II. NỘI DUNG'));
  const to = lines.findIndex((l) => l.startsWith('III. KINH PHÍ'));
  const section = lines.slice(from, to);

  it('has the 46 lettered items of part II, with II.2.d split into its 5 leads: 50 tasks', () => {
    const items = section.filter((l) => /^[a-zđ]\) /.test(l));
    expect(items).toHaveLength(46);
    const dStart = section.findIndex((l) => l.startsWith('d) Tham gia góp ý'));
    const dEnd = section.findIndex((l, i) => i > dStart && /^[a-zđ]\) /.test(l));
    expect(section.slice(dStart + 1, dEnd).filter((l) => /^- .* chủ trì/.test(l))).toHaveLength(5);
    expect(p.tasks).toHaveLength(46 - 1 + 5);
  });

  it('spot-checks leads, partners, deadlines and the numeric targets', () => {
    const t = (no: string) => p.tasks.find((x) => x.no === no)!;
    expect(t('II.4.a').targets).toEqual([
      expect.objectContaining({ value: 80, unit: '%', comparison: 'atLeast', by: { kind: 'date', date: '2025-06-30', text: 'đến ngày 30/6/2025' } }),
    ]);
    expect(t('II.3.a').targets.map((x) => x.value)).toEqual([100, 100, 100, 100, 50, 90, 100, 90, 80, 60, 100]);
    // II.3.a gives no time (its item has no "Thời gian thực hiện"): no deadline, no target date.
    const a = section.findIndex((l) => l.startsWith('a) Tiếp tục thực hiện đạt kết quả nhóm nhiệm vụ'));
    const b = section.findIndex((l, i) => i > a && /^[a-zđ]\) /.test(l));
    expect(section.slice(a, b).join('\n')).not.toMatch(/Thời gian thực hiện|Đơn vị chủ trì/);
    expect(t('II.3.a').deadline).toBeNull();
    for (const x of t('II.3.a').targets) expect(x.by, x.text).toBeNull();
    // Its lead is the item's lead sentence: "… chỉ tiêu chung của các sở, ngành, địa phương:".
    expect(section[a]).toMatch(/chỉ tiêu chung của các sở, ngành, địa phương:$/);
    expect(t('II.3.a').lead).toEqual([{ kind: 'named', text: 'Các sở, ngành, địa phương' }]);
    expect(t('II.2.a').lead).toEqual([{ kind: 'named', text: 'Công an thành phố' }]);
    expect(t('II.2.a').deadline).toMatchObject({ kind: 'quarter', quarter: 1, year: 2025 });
    expect(t('II.3.k').lead.map((r) => r.text)).toEqual(['Công an thành phố', 'Sở Nông nghiệp và Môi trường']);
    expect(t('II.3.k').deadline).toMatchObject({ kind: 'month', month: 6, year: 2025 });
    expect(t('II.6.b').partners.at(-1)).toEqual({ kind: 'level', level: 'commune', text: 'Tổ công tác Đề án 06 cấp xã' });
    expect(t('II.1.a').deadline).toMatchObject({ kind: 'month', month: 3, year: 2025 });
    expect(t('II.2.d.5').lead).toEqual([{ kind: 'named', text: 'Sở Tài chính' }]);
  });
});

describe('000: the appendix of city plan 259', () => {
  const p = plan('th-tp-kh259-2024');
  const doc = raw(F000);

  it('has the 66 tasks of groups I–IX the ward plan lists, and the 4 of group X after them: 70 rows', () => {
    const body = [...doc.slice(0, doc.indexOf('III. TỔ CHỨC THỰC HIỆN')).matchAll(/3\.\d\. Về .*?\((\d+) nhiệm vụ\)/g)].map((m) => Number(m[1]));
    expect(body.reduce((a, b) => a + b, 0)).toBe(66);
    const appendix = doc.slice(doc.indexOf('CÁC NHIỆM VỤ CỤ THỂ CỦA ĐỀ ÁN 06'));
    const headings = [...appendix.matchAll(/\((\d+) nhiệm vụ\)/g)].map((m) => Number(m[1]));
    expect(headings).toEqual([...body, 4]);
    expect(p.tasks).toHaveLength(70);
    expect(p.tasks.map((t) => Number(t.no))).toEqual(Array.from({ length: 70 }, (_, i) => i + 1));
    const perGroup = [...new Set(p.tasks.map((t) => t.group))].map((g) => p.tasks.filter((t) => t.group === g).length);
    expect(perGroup).toEqual(headings);
  });

  it('cites the line each row starts on', () => {
    const lines = doc.split('\n');
    for (const t of p.tasks) expect(lines[t.line - 1]!.trim().startsWith(`${t.no}.`), t.no).toBe(true);
  });

  it('makes the ward lead or partner where a row says "UBND phường, xã"', () => {
    const wardRows = p.tasks.filter((t) => [...t.lead, ...t.partners].some((r) => r.kind === 'level' && r.level === 'commune'));
    // The row's lines without the table header a page break repeats inside it.
    const header = /^\s*(TT Nội dung, nhiệm vụ cụ thể|Đơn vị|thực hiện|phối hợp|Thời gian|hoàn thành|\d{1,2})\s*$/;
    const rowText = (t: (typeof p.tasks)[number]) => rowBlocks(p).get(t.id)!.split('\n').filter((l) => !header.test(l)).join('\n');
    // Row 35's first lead line "phường, xã; Các" is printed after the task text on one line;
    // row 20's lead "… UBND / phường, xã" ends on the next page, after the other cells.
    const inDoc = p.tasks.filter((t) => ['20', '35'].includes(t.no) || /UBND\s+(các\s+)?phường,\s+xã|UBND\s+cấp\s+xã/.test(rowText(t)));
    expect(wardRows.map((t) => t.no)).toEqual(inDoc.map((t) => t.no));
    expect(wardRows).toHaveLength(42);
    const r = responsibleUnits(p.tasks.find((t) => t.no === '1')!, p.unitId, units);
    expect(r.partner.sort()).toEqual(['dh', 'tv']);
  });

  it('spot-checks rows the layout scrambles', () => {
    const t = (no: string) => p.tasks.find((x) => x.no === no)!;
    expect(t('30').lead.map((r) => r.text)).toEqual(['Văn phòng HĐND và UBND thành phố']);
    expect(t('30').partners.map((r) => r.text)[0]).toBe('Phòng Tư pháp');
    expect(t('30').targets.map((x) => x.value)).toEqual([70, 90]);
    expect(t('47').lead.map((r) => r.text)).toEqual(['Phòng Tư pháp', 'UBND phường, xã']);
    expect(t('11').text).toMatch(/cho vay ASXH$/);
    expect(t('25').lead.map((r) => r.text)).toEqual(['Các phòng, ban UBND thành phố', 'Các đơn vị có liên quan']);
    expect(t('34').deadline).toMatchObject({ kind: 'year', from: 2024, text: 'phấn đấu hoàn thành trong năm 2024' });
    expect(t('66').lead.map((r) => r.text)).toContain('Bộ phận một cửa các cấp');
    // Row 37: the extraction's "VNelD" is VNeID.
    expect(doc).toContain('ứng dụng VNelD, dần thay thế');
    expect(t('37').text).toContain('trên ứng dụng VNeID, dần thay thế');
    expect(t('37').notes).toContain('Sửa lỗi chữ của bản trích xuất: "VNelD" → "VNeID".');
  });
});

describe('every plan seed', () => {
  it('spells VNeID as VNeID (the extraction reads it "VNelD" in places)', () => {
    for (const p of seeds.seedPlans) {
      const text = JSON.stringify(p.tasks.map(({ notes: _notes, ...t }) => t));
      expect(text.match(/VN[eE][^I\s"]?D|VNe[lL1|i]D|VneID/g), p.id).toBeNull();
    }
  });
});

describe('cadences', () => {
  const c = seeds.cadences;
  const bundleUnits = new Set(units.map((u) => u.id));

  /**
   * A quote is in its file word for word once ƣ/ư and white space are undone. 004's paragraph
   * lost letters in the extraction: there the quote must share at least 85% of its letters, in
   * order, with the file's text from where the quote starts (longest common subsequence).
   */
  function quoted(file: string, quote: string): boolean {
    const text = undamage(raw(file));
    if (text.includes(undamage(quote))) return true;
    if (file !== F004) return false;
    const skeleton = (s: string) => undamage(s).toLowerCase().replace(/[^\p{L}\p{N}]/gu, '');
    const q = skeleton(quote);
    const f = skeleton(text);
    const anchor = q.slice(0, 12);
    for (let at = f.indexOf(anchor); at >= 0; at = f.indexOf(anchor, at + 1)) {
      const w = f.slice(at, at + Math.ceil(q.length * 1.1));
      let prev = new Array<number>(w.length + 1).fill(0);
      for (let i = 1; i <= q.length; i++) {
        const row = new Array<number>(w.length + 1).fill(0);
        for (let j = 1; j <= w.length; j++) row[j] = q[i - 1] === w[j - 1] ? prev[j - 1]! + 1 : Math.max(prev[j]!, row[j - 1]!);
        prev = row;
      }
      if (prev[w.length]! >= 0.85 * q.length) return true;
    }
    return false;
  }

  it('quotes every cadence word for word in its cited file', () => {
    for (const x of c.cadences) expect(quoted(x.source.file, x.quote), `${x.id}: ${x.quote}`).toBe(true);
    for (const r of c.reportingRules) for (const part of r.source.quote!.split('; ')) expect(quoted(r.source.file, part), `${r.unitId}: ${part}`).toBe(true);
  });

  it('covers the sections issue 11 names: 000 §III.4, 002 II.1.c, 003 A.1.2 and B.1.3, and 001', () => {
    const at = (file: string, section: RegExp) => c.cadences.some((x) => x.source.file === file && section.test(x.source.section));
    expect(at(F000, /^III\.4$/)).toBe(true);
    expect(at(F002, /^II\.1\.c$/)).toBe(true);
    expect(at(F003, /A .*1\.2/)).toBe(true);
    expect(at(F003, /B .*I\.1\.3/)).toBe(true);
    expect(c.cadences.some((x) => x.source.file === F001)).toBe(true);
    expect(at(F004, /III\.3/)).toBe(true);
  });

  it('gives the 26 Quảng Xương communes monthly, 6-month and annual rules, with the choice of period written down', () => {
    const qx = units.filter((u) => u.parentId === 'qx').map((u) => u.id).sort();
    expect(qx).toHaveLength(26);
    const ruled = c.reportingRules.filter((r) => qx.includes(r.unitId));
    expect(ruled.map((r) => r.unitId).sort()).toEqual(qx);
    for (const r of ruled) {
      expect(r.rules.map((x) => x.periodType)).toEqual(['monthly', 'sixMonth', 'annual']);
      expect(r.notes.join(' ')).toMatch(/Đã chọn/);
    }
    // November 2026 is due by the end of November (before 1 December, Vietnam time).
    const monthly = ruled[0]!.rules[0]!;
    expect(dueAt(monthly, periodOf('monthly', Date.UTC(2026, 10, 15)))).toBe(Date.UTC(2026, 11, 1) - 7 * 3_600_000);
    expect(cadenceUnits(c.cadences.find((x) => x.id === 'qx-xa-thang')!.appliesTo, units)).toEqual(qx);
  });

  it('gives the province’s 6-month and monthly cadences of 001 a rule due by the period’s last day, not passed down to its units', () => {
    // Not a unit rule: rules pass down to units without their own, and these are the province's
    // own reports to the Government, not deadlines of its districts and communes.
    expect(c.reportingRules.find((r) => r.unitId === 'th')).toBeUndefined();
    expect(buildSeedBundle().reportingRules.find((r) => r.unitId === 'th')).toBeUndefined();
    const cadence = (id: string) => c.cadences.find((x) => x.id === id)!;
    const th = { source: { file: cadence('th-6-thang').source.file, quote: `${cadence('th-6-thang').quote}; ${cadence('th-dinh-ky').quote}` }, rules: [cadence('th-6-thang').rule!, cadence('th-dinh-ky').rule!], notes: cadence('th-6-thang').notes };
    // 001's opening answers "Báo cáo sơ kết 06 tháng đầu năm 2024"; footnote 1, (35): "Các Báo
    // cáo định kỳ hàng tháng, 06 tháng". No annual report is named for the province.
    expect(th!.source.file).toBe(F001);
    expect(th!.source.quote).toMatch(/sơ kết 06 tháng đầu năm 2024/);
    expect(th!.source.quote).toMatch(/Các Báo cáo định kỳ hàng tháng, 06 tháng/);
    expect(th!.rules.map((r) => r.periodType)).toEqual(['sixMonth', 'monthly']);
    expect(th!.notes.join(' ')).toMatch(/Đã chọn/);
    // The same choice as the file's undated cadences (its notes): the Quảng Xương communes' rules.
    const commune = c.reportingRules.find((r) => r.unitId === 'qx-quang-binh')!.rules;
    for (const rule of th!.rules) expect(commune).toContainEqual(rule);
    // 001 itself: its appendices are "kèm theo Báo cáo số: 137/BC-UBND ngày 28 tháng 6 năm 2024",
    // data to 26/6/2024. The first half of 2024 is due by the end of 30 June (Vietnam time), so
    // the report the document shows is on time under the chosen rule, and 1 July would be late.
    const half = periodOf('sixMonth', Date.UTC(2024, 3, 1));
    expect(half).toBe('2024-H1');
    expect(raw(F001)).toMatch(/137 ?\/BC-UBND ngày 28 tháng 6 năm 2024/);
    const due = dueAt(th!.rules[0]!, half);
    expect(due).toBe(Date.UTC(2024, 6, 1) - 7 * 3_600_000);
    expect(Date.UTC(2024, 5, 28, 10) - 7 * 3_600_000).toBeLessThan(due);
  });

  it('splits 002 II.1.c into one record per cadence, as 000 §III.4, each with the quote and no unit rule', () => {
    const hue = c.cadences.filter((x) => x.source.file === F002 && x.source.section === 'II.1.c');
    expect(hue.map((x) => x.periodType)).toEqual(['monthly', 'quarterly', 'sixMonth', 'annual', 'adHoc']);
    for (const x of hue) {
      expect(x.quote, x.id).toMatch(/\(thực hiện định kỳ hàng tháng, quý, 6 tháng, tổng kết năm và đột xuất\)$/);
      expect(x.appliesTo.kind).toBe('named');
      expect(x.notes.join(' '), x.id).toMatch(/Huế không có trong cây đơn vị/);
    }
    // The same rules as 000 §III.4 where the app's calendar has the period; none for the quarter and ad hoc.
    const dh = c.cadences.filter((x) => x.source.file === F000 && x.source.section === 'III.4');
    expect(dh.map((x) => x.periodType)).toEqual(['monthly', 'sixMonth', 'annual', 'adHoc']);
    for (const x of hue) expect(x.rule, x.id).toEqual(dh.find((d) => d.periodType === x.periodType)?.rule ?? null);
    // Huế is not a unit of the tree: nothing carries these as its reporting rules.
    expect(hue.flatMap((x) => cadenceUnits(x.appliesTo, units))).toEqual([]);
  });

  it('names only units of the tree, and says what it chose for every monthly rule', () => {
    for (const r of c.reportingRules) expect(bundleUnits.has(r.unitId), r.unitId).toBe(true);
    for (const x of c.cadences) {
      if (x.appliesTo.kind === 'units') for (const u of x.appliesTo.unitIds) expect(bundleUnits.has(u), `${x.id}: ${u}`).toBe(true);
      if (x.periodType === 'monthly' && x.rule) expect(x.notes.join(' '), x.id).toMatch(/tháng nào|Đã chọn/);
    }
    expect(scanForDamage(c).slice(0, 3)).toEqual([]);
  });
});
