// Issue 11, "Fidelity fixes", on the screens: what field users read of the seeds — the
// catalogue, every model's page, every checklist and the indicator sheet — names its sources by
// document title and section and never shows an internal id or a file name; deadlines read as
// the documents word them (the model page shows the same ModelInfo as the catalogue entry).
import { describe, expect, it } from 'vitest';
import { cleanup, within } from '@testing-library/preact';
import { renderWithServices, testSeed } from '../helpers/render-with-services.tsx';
import { CatalogueScreen } from '../../src/catalogue/CatalogueScreen.tsx';
import { CatalogueModelScreen } from '../../src/catalogue/CatalogueModelScreen.tsx';
import { ChecklistForm } from '../../src/checklists/ChecklistForm.tsx';
import { IndicatorsScreen } from '../../src/indicators/IndicatorsScreen.tsx';
import { documentNumber } from '../../src/domain/checklist.ts';

/** 01/12/2026 10:00 in Vietnam: every dated deadline of the seeds is past. */
const NOW = Date.UTC(2026, 11, 1, 3);
const seed = testSeed();

/**
 * The ids the seed gives things, which are keys and not words: model, service, checklist,
 * section and question ids (those that are not the document's own numbering) and the source
 * file names. Short unit ids ("tv") are left out: they would match ordinary words.
 */
function internalIds(): string[] {
  const ids = new Set<string>();
  for (const m of seed.catalogue.models) ids.add(m.id);
  for (const s of [...seed.indicatorSheet.services, ...seed.indicatorSheet.unnamedServices, ...seed.indicatorSheet.decision422]) ids.add(s.id);
  for (const c of seed.indicatorSheet.counters) ids.add(c.id);
  for (const t of seed.checklists) {
    ids.add(t.id);
    for (const s of t.sections) {
      if (documentNumber(s.id) !== s.id) ids.add(s.id);
      for (const i of s.items) if (documentNumber(i.id) !== i.id) ids.add(i.id);
    }
  }
  for (const d of seed.documents) ids.add(d.file);
  for (const u of seed.units) if (u.id.includes('-')) ids.add(u.id);
  return [...ids];
}
const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** Every id that reads as a token of its own in the text (not inside a longer word or number). */
function leaks(text: string): string[] {
  const found = internalIds().filter((id) => new RegExp(`(?<![\\p{L}\\p{N}._-])${escape(id)}(?![\\p{L}\\p{N}_-]|\\.[\\p{L}\\p{N}])`, 'u').test(text));
  if (/\b\d{3}_[0-9a-f]{16}\b|\.txt\b/.test(text)) found.push('(a file name)');
  return found;
}

describe('the catalogue says what it holds', () => {
  it('shows its title: the 11 Thiệu Vân models and 19 from the other documents, not "30 mô hình"', async () => {
    const r = renderWithServices(<CatalogueScreen />, { now: NOW });
    const title = (await r.findByTestId('catalogue-title')).textContent ?? '';
    expect(title).toContain('11 mô hình trong Kế hoạch của UBND xã Thiệu Vân (tháng 02/2024)');
    expect(title).toContain('19 mô hình, tiện ích nêu trong các văn bản khác');
    expect(title).not.toMatch(/30 mô hình/i);
    // 004 group headings, word for word (test/unit/seed-fidelity.test.ts quotes them).
    expect(r.container.textContent).toContain('I. Nhóm tiện ích phục vụ giải quyết TTHC và cung cấp DVC trực tuyến');
    expect(r.container.textContent).toContain('V. Nhóm Phục vụ chỉ đạo điều hành của lãnh đạo các cấp');
    expect(leaks(r.container.textContent ?? '')).toEqual([]);
  });
});

describe('deadlines as written', () => {
  it('Mô hình 28 ("Trong năm 2023 và thường xuyên") is ongoing, not overdue', async () => {
    const r = renderWithServices(<CatalogueModelScreen modelId="mh-28" now={NOW} />, { now: NOW });
    const info = await r.findByText('Trong năm 2023 và thường xuyên');
    const dd = info.closest('dd')!;
    expect(dd.textContent).toContain('thực hiện thường xuyên, không có hạn cuối');
    expect(dd.textContent).not.toMatch(/quá hạn|hạn \d/);
    expect(dd.querySelector('.late')).toBeNull();
  });

  it('Mô hình 24 shows each part with its own end: 31/12/2024 and 31/12/2025', async () => {
    const r = renderWithServices(<CatalogueModelScreen modelId="mh-24" now={NOW} />, { now: NOW });
    const parts = within(await r.findByTestId('deadline-parts')).getAllByRole('listitem').map((li) => li.textContent ?? '');
    expect(parts).toHaveLength(2);
    expect(parts[0]).toMatch(/^Trong năm 2024 đối với cấp tài khoản VNeID và tài khoản thanh toán điện tử \(hạn 31\/12\/2024, quá hạn/);
    expect(parts[1]).toMatch(/^giai đoạn 2023 - 2025 đối với địa chỉ số, chữ ký số \(hạn 31\/12\/2025, quá hạn/);
  });

  it('Mô hình 35 shows "Năm 2024" with its end and "theo lộ trình …" without one', async () => {
    const r = renderWithServices(<CatalogueModelScreen modelId="mh-35" now={NOW} />, { now: NOW });
    const parts = within(await r.findByTestId('deadline-parts')).getAllByRole('listitem').map((li) => li.textContent ?? '');
    expect(parts[0]).toMatch(/^Năm 2024 \(hạn 31\/12\/2024/);
    expect(parts[1]).toBe('theo lộ trình Đề án xây dựng cơ sở dữ liệu đất đai tỉnh Thanh Hóa');
  });
});

describe('no internal id or file name reaches the screen', () => {
  it('the scan finds what the old screens showed (the examples of issue 11)', () => {
    expect(leaks('Nguồn: 004_630b8fca6c728e9f.txt — II.5')).toEqual(expect.arrayContaining(['004_630b8fca6c728e9f.txt']));
    expect(leaks('PCNV Phân công nhiệm vụ')).toEqual(['PCNV']);
    expect(leaks('nv-1-ketqua Kết quả, khó khăn khi thực hiện nhiệm vụ trên')).toEqual(['nv-1-ketqua']);
    expect(leaks('I.1.2.a Đã thành lập Tổ công tác Đề án 06 cấp xã chưa? 1.a')).toEqual([]);
  });

  it('on every model page: sources read as the document title and section', async () => {
    for (const m of seed.catalogue.models) {
      const r = renderWithServices(<CatalogueModelScreen modelId={m.id} now={NOW} />, { now: NOW });
      const source = r.container.querySelector('.source')?.textContent ?? '';
      expect(source, m.id).toMatch(/^Nguồn: /);
      expect(leaks(r.container.textContent ?? ''), m.id).toEqual([]);
      cleanup();
    }
    const r = renderWithServices(<CatalogueModelScreen modelId="mh-24" now={NOW} />, { now: NOW });
    expect(r.container.querySelector('.source')?.textContent).toBe(
      'Nguồn: Kế hoạch của UBND xã Thiệu Vân, tháng 02/2024 — mục II.5; Kế hoạch của UBND xã Thiệu Vân, tháng 02/2024 — Phụ lục, nhóm III, TT 5',
    );
  });

  it('in every checklist: a task list shows no "PCNV" or "nv-1-ketqua", an outline its own numbers', async () => {
    for (const t of seed.checklists) {
      const username = t.level === 'district' ? 'quangxuong.huyen' : 'thieuvan.congan';
      const r = renderWithServices(<ChecklistForm templateId={t.id} />, { now: NOW, username });
      await r.findByTestId('completion-percent');
      const text = r.container.textContent ?? '';
      expect(leaks(text), t.id).toEqual([]);
      if (t.id === 'inspection-commune') expect([...r.container.querySelectorAll('.cl-code')].map((e) => e.textContent)).toContain('I.1.2.a');
      if (t.kind === 'modelTasks') expect(r.container.querySelector('.cl-code'), t.id).toBeNull();
      cleanup();
    }
  });

  it('on the indicator sheet: no placeholder sentence, the two recovered names, the unnamed rows hidden', async () => {
    const r = renderWithServices(<IndicatorsScreen now={NOW} />, { now: NOW });
    await r.findByTestId('totals');
    const text = r.container.textContent ?? '';
    expect(leaks(text)).toEqual([]);
    expect(text).not.toMatch(/bị mất tên|cần bổ sung|chưa khôi phục/);
    // The row's name (a recovered name's source is on its own line under it: test/component/service-names.test.tsx).
    const rows = [...r.container.querySelectorAll('tbody tr[data-testid^="row-"]')].map((tr) => tr.querySelector('th > span')?.textContent ?? '');
    // 17 rows survive in 001 Phụ lục III, plus row 21's tail and the service 001 V.1 names.
    expect(rows).toHaveLength(19);
    expect(rows).toContain('21. … đã đăng ký mẫu con dấu');
    expect(rows).toContain('Giải quyết hưởng trợ cấp thất nghiệp');
    expect(rows.filter((x) => /^(1[4-9]|20)\./.test(x))).toEqual([]);
  });
});
