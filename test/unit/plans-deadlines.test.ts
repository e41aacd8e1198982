// Issue 11's fidelity rule for the task tables' deadlines: a deadline the document words as
// ongoing ("… và thực hiện thường xuyên", "… các năm tiếp theo", "Thường xuyên") is ongoing,
// never overdue; a cell naming several dated parts keeps one part each; every deadline keeps
// the cell's own words. Expectations are read from seeds/documents, not from the extractor.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadPlanSeeds } from '../../src/seed/plans-schema.ts';
import { deadlineParts, type Deadline } from '../../src/domain/catalogue.ts';
import { isTaskOverdue } from '../../src/domain/task-progress.ts';
import { searchKey } from '../../src/domain/text.ts';

const DOCS = join(import.meta.dirname, '../../seeds/documents');
/** A document's text with markup dropped and white space as single spaces (NFC). */
const doc = (file: string) =>
  readFileSync(join(DOCS, file), 'utf8')
    .replace(/<[^>]+>/g, ' ')
    .normalize('NFC')
    .replace(/\s+/g, ' ');
const F000 = '000_5b4d33c20d7169fb.txt';
const F001 = '001_0be6ffac82be08d1.txt';
const F002 = '002_9ce0a7538531804f.txt';

const { seedPlans } = loadPlanSeeds();
const task = (planId: string, no: string) => seedPlans.find((p) => p.id === planId)!.tasks.find((t) => t.no === no)!;
const ONGOING_WORDS = /thường xuyên|các năm tiếp theo/i;
const hasOngoingPart = (d: Deadline) => deadlineParts(d).some((p) => p.kind === 'ongoing');
/** Vietnam midnight starting that day. */
const vn = (y: number, m: number, d: number) => Date.UTC(y, m - 1, d, -7);

describe('task deadlines follow the documents’ wording', () => {
  it('makes every deadline worded as ongoing ongoing, and never overdue', () => {
    let seen = 0;
    for (const p of seedPlans) {
      for (const t of p.tasks) {
        if (!t.deadline || !ONGOING_WORDS.test(t.deadline.text)) continue;
        seen++;
        expect(hasOngoingPart(t.deadline), `${p.id} ${t.no}: ${t.deadline.text}`).toBe(true);
        expect(isTaskOverdue(t.deadline, null, vn(2030, 1, 1)), `${p.id} ${t.no}`).toBe(false);
      }
    }
    // 001 PL I alone has 34 such time cells (counted in the document below).
    expect(seen).toBeGreaterThanOrEqual(34);
  });

  it('reads Phụ lục I’s time column: each row’s deadline is the cell word for word, ongoing where the cell says so', () => {
    const lines = readFileSync(join(DOCS, F001), 'utf8').split('\n');
    const start = lines.findIndex((l) => l.startsWith('**Phụ lục I**'));
    const end = lines.findIndex((l, i) => i > start && l.startsWith('**Phụ lục II**'));
    const cells = new Map(
      lines
        .slice(start, end)
        .filter((l) => /^\d+\.\t/.test(l))
        .map((l) => [l.split('.')[0]!, l.split('\t')[4]!.replace(/<[^>]+>/g, ' ').normalize('NFC')]),
    );
    expect(cells.size).toBe(72);
    // Compared without diacritics or punctuation: the seed corrects the extraction's typos
    // ("phần đầu" → "phấn đấu", listed in extract.mjs TYPOS), not the words.
    const squash = (s: string) => searchKey(s).replace(/[^a-z0-9%/]+/g, ' ').trim();
    let ongoing = 0;
    for (const [no, cell] of cells) {
      const d = task('th-bc137-2024-pl1', no).deadline!;
      expect(squash(d.text), no).toBe(squash(cell));
      if (ONGOING_WORDS.test(cell)) {
        ongoing++;
        expect(hasOngoingPart(d), `${no}: ${cell}`).toBe(true);
      }
    }
    expect(ongoing).toBe(34);
  });

  it('spot-checks three rows against the quoted document text', () => {
    // 001 PL I row 47: "Trong năm 2024 và thực hiện thường xuyên trong các năm tiếp theo".
    const w47 = 'Trong năm 2024 và thực hiện thường xuyên trong các năm tiếp theo';
    // The cell ends there (row 46's goes on "… theo lộ trình Đề án …"): the next cell follows.
    expect(doc(F001)).toContain(`${w47} Đánh giá tiến độ`);
    expect(task('th-bc137-2024-pl1', '47').deadline).toEqual({ kind: 'ongoing', from: 2024, text: w47 });
    expect(isTaskOverdue(task('th-bc137-2024-pl1', '47').deadline, 'inProgress', vn(2025, 1, 1))).toBe(false);

    // 000 (plan 259) row 63: "Quý I/2024 và thực hiện thường xuyên" — the quarter is when it starts.
    const w63 = 'Quý I/2024 và thực hiện thường xuyên';
    expect(doc(F000)).toContain(w63);
    expect(task('th-tp-kh259-2024', '63').deadline).toEqual({ kind: 'ongoing', from: 2024, text: w63 });
    expect(isTaskOverdue(task('th-tp-kh259-2024', '63').deadline, null, vn(2024, 4, 1))).toBe(false);

    // 002 (Huế) II.4.a names two dated parts: the year and "đến ngày 30/6/2025" for 80%.
    const w4a = 'Hoàn thành trong năm 2025 (trong đó, đến ngày 30/6/2025, đảm bảo thu nhận định danh điện tử cho tối thiểu 80% doanh nghiệp';
    expect(doc(F002)).toContain(`Thời gian thực hiện: ${w4a}`);
    const d4a = task('hue-2025', 'II.4.a').deadline!;
    expect(d4a.text.startsWith(w4a)).toBe(true);
    expect(deadlineParts(d4a).map((p) => [p.kind, p.kind === 'date' ? p.date : p.kind === 'year' ? p.to : null])).toEqual([
      ['year', 2025],
      ['date', '2025-06-30'],
    ]);
    // Late only once the whole year has passed (the 30 June part shows its own end).
    expect(isTaskOverdue(d4a, 'inProgress', vn(2025, 12, 31))).toBe(false);
    expect(isTaskOverdue(d4a, 'inProgress', vn(2026, 1, 1))).toBe(true);
  });

  it('gives 001 row 32’s two levels one quarter each, as the cell words them', () => {
    // "Đạt từ 70% trở lên từ quý II/2024 và đạt 90% trở lên từ quý III năm 2024 (tỷ lệ hồ sơ …)".
    expect(doc(F001)).toContain('Đạt từ 70% trở lên từ quý II/2024 và đạt 90% trở lên từ quý III năm 2024');
    const d = task('th-bc137-2024-pl1', '32').deadline!;
    expect(d.kind).toBe('parts');
    expect(deadlineParts(d).map((p) => (p.kind === 'quarter' ? [p.quarter, p.year] : p.kind))).toEqual([
      [2, 2024],
      [3, 2024],
    ]);
  });
});
