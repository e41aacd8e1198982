// The province report's Phụ lục II on screen (the print view's document and the editor's
// preview of the tables), and the province's own all-service figures on its indicator sheet
// (001 §II.3.2): asked of the province only, the share computed as typed.
import { describe, expect, it } from 'vitest';
import { fireEvent, render, within } from '@testing-library/preact';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { renderWithServices, testSeed } from '../helpers/render-with-services.tsx';
import { DocumentTables, DocumentView } from '../../src/reports/DocumentView.tsx';
import { buildDocument } from '../../src/reports/document.ts';
import { mergeChildReports, type PrefillContext } from '../../src/reports/data.ts';
import { defaultMeta, defaultTitle, toSections } from '../../src/reports/sections.ts';
import { withProvince } from '../../src/reports/province.ts';
import { prefillProvinceNarrative } from '../../src/reports/province-document.ts';
import { IndicatorsScreen } from '../../src/indicators/IndicatorsScreen.tsx';
import { Plan } from '../../src/domain/plans.ts';
import pl1 from '../../seeds/plans/th-bc137-2024-pl1.json';
import pl2 from '../../seeds/plans/th-bc137-2024-pl2.json';

const NOW = Date.UTC(2026, 10, 25, 3);
const PERIOD = '2026-H2';
const DOC = readFileSync(join(import.meta.dirname, '../../seeds/documents/001_0be6ffac82be08d1.txt'), 'utf8').split('\n');
/** 001 Phụ lục II, row 3 as printed: "Kết nối Nền tảng …", not done, "Chờ HD của BCA". */
const row3 = DOC.find((l) => l.startsWith('3\t\tKết nối Nền tảng'))!.split('\t');

function provinceDocument() {
  const seed = testSeed();
  const th = seed.units.find((u) => u.id === 'th')!;
  const ctx: PrefillContext = { models: seed.catalogue.models, units: seed.units, sheet: seed.indicatorSheet, checklists: seed.checklists };
  const merged = mergeChildReports(ctx, th, PERIOD, NOW, seed.units.filter((u) => u.parentId === 'th'), []);
  const data = withProvince(merged, Plan.parse(pl1), seed.indicatorSheet, th, seed.units, [], [], Plan.parse(pl2));
  const fields = { ...prefillProvinceNarrative(data, [], seed.indicatorSheet), ...defaultMeta(th, undefined) };
  return { data, doc: buildDocument({ title: defaultTitle(th.name, PERIOD), sections: toSections({ title: '', fields }), data, unit: th, version: null, issuedAt: NOW }) };
}

const cellsOf = (tr: Element) => [...tr.querySelectorAll('td, th')].map((c) => c.textContent?.trim() ?? '');

describe('Phụ lục II on screen', () => {
  it('the print view draws it after Phụ lục I with the document’s rows and the missing rows named', () => {
    const { doc } = provinceDocument();
    const r = render(<DocumentView doc={doc} />);
    const names = [...r.container.querySelectorAll('.vn-appendix-name')].map((p) => p.textContent);
    expect(names).toEqual(['Phụ lục I', 'Phụ lục II', 'Phụ lục III', 'Phụ lục IV']);
    const appendix = r.getByTestId('doc-appendix-phu-luc-2');
    expect(appendix.textContent).toContain('KẾT QUẢ TRIỂN KHAI CÁC NHIỆM VỤ CỦA NGHỊ QUYẾT 175 GIAI ĐOẠN 1 (2023 - 2025)');
    const rows = [...appendix.querySelectorAll('tbody tr')].map(cellsOf);
    const three = rows.find((c) => c[0] === '3' && c[2] === row3[2])!;
    expect(three[7]).toBe(`${row3[7]} (theo văn bản số 137/BC-UBND ngày 28/06/2024)`);
    expect(rows.find((c) => c[0] === '11–15')?.[2]).toBe('Các dòng 11–15 không có trong bản văn bản mà ứng dụng lưu giữ.');
    expect(r.getByTestId('report-document').textContent).toContain('(có Phụ lục I, II, III, IV kèm theo Báo cáo)');
  });

  it('the editor’s preview of the figures shows it too', () => {
    const { data } = provinceDocument();
    const r = render(<DocumentTables data={data} />);
    const captions = [...r.container.querySelectorAll('figcaption')].map((f) => f.textContent);
    expect(captions).toContain('Kết quả: đã hoàn thành, chưa hoàn thành và nguyên nhân');
    expect(r.container.textContent).toContain(row3[2]);
  });
});

describe('the province’s own all-service figures on its sheet', () => {
  it('a commune’s sheet does not ask for them', async () => {
    const r = renderWithServices(<IndicatorsScreen now={NOW} />, { now: NOW });
    await r.findByTestId('totals');
    expect(r.queryByTestId('ind-aggregates')).toBeNull();
  });

  it('the province’s does, and computes 990 of 1.714 as 57,76%', async () => {
    const r = renderWithServices(<IndicatorsScreen now={NOW} />, { now: NOW, username: 'thanhhoa.tinh' });
    const box = await r.findByTestId('ind-aggregates');
    expect(within(box).getByText('Dịch vụ công trực tuyến, số hóa hồ sơ và kết quả giải quyết thủ tục hành chính (số liệu của toàn đơn vị)')).toBeTruthy();
    fireEvent.input(box.querySelector('#ind-dvc-cong-quoc-gia')!, { target: { value: '1.714' } });
    fireEvent.input(box.querySelector('#ind-dvc-toan-trinh')!, { target: { value: '990' } });
    expect(within(box).getByTestId('share-dvc-toan-trinh').textContent).toBe('Tỷ lệ: 57,76%');
    // The document prints it to one decimal (§II.3.2).
    expect(DOC.some((l) => l.includes('Dịch vụ công trực tuyến toàn trình: 990/1.714 (đạt 57,8%)'))).toBe(true);
    expect(within(box).getByLabelText(/Dịch vụ công trực tuyến toàn trình \(dịch vụ, số hiện có cuối tháng\)/)).toBeTruthy();
  });
});
