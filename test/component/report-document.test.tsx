// The official document fields and layout on screen (issue 14, problem 6): the number as
// officials fill it — the serial typed, the symbol prefilled and editable — printed once as
// "Số: 15/BC-TCTĐA06"; the boxed "DỰ THẢO" on a draft's print view and not on a submitted
// version; the rules Nghị định 30/2020/NĐ-CP draws under the issuing body and the motto.
import { describe, expect, it } from 'vitest';
import { fireEvent, render, waitFor } from '@testing-library/preact';
import { renderWithServices, testSeed } from '../helpers/render-with-services.tsx';
import { PrintScreen } from '../../src/reports/PrintScreen.tsx';
import { ReportScreen } from '../../src/reports/ReportScreen.tsx';
import { DocumentView } from '../../src/reports/DocumentView.tsx';
import { buildDocument } from '../../src/reports/document.ts';
import { communeReportData, type PrefillContext } from '../../src/reports/data.ts';
import { defaultMeta, defaultTitle, metaKey, toSections } from '../../src/reports/sections.ts';
import { draftKeyOfReport } from '../../src/reports/form.ts';

const NOW = Date.UTC(2026, 10, 25, 3); // 25/11/2026 10:00 in Vietnam
const REPORT = 'tv@2026-11';

function documentOf(version: number | null, number: string) {
  const seed = testSeed();
  const ctx: PrefillContext = { models: seed.catalogue.models, units: seed.units, sheet: seed.indicatorSheet, checklists: seed.checklists };
  const tv = seed.units.find((u) => u.id === 'tv')!;
  const data = communeReportData(ctx, tv, '2026-11', NOW, seed.adoptions, []);
  const fields = { ...defaultMeta(tv, seed.units.find((u) => u.id === 'th-tp')), [metaKey('number')]: number, results: 'Đã triển khai.' };
  return buildDocument({ title: defaultTitle(tv.name, '2026-11'), sections: toSections({ title: '', fields }), data, unit: tv, version, issuedAt: NOW });
}

const count = (text: string, needle: string) => text.split(needle).length - 1;

describe('DocumentView', () => {
  it('marks a draft "DỰ THẢO" and a submitted version not', () => {
    const draft = render(<DocumentView doc={documentOf(null, '15')} />);
    expect(draft.getByTestId('doc-draft-mark').textContent).toBe('DỰ THẢO');
    draft.unmount();
    const sent = render(<DocumentView doc={documentOf(1, '15')} />);
    expect(sent.queryByTestId('doc-draft-mark')).toBeNull();
    expect(sent.getByTestId('report-document').textContent).not.toMatch(/DỰ THẢO|BẢN NHÁP/);
  });

  it('draws a rule under the issuing body and under the motto, and the number once', () => {
    const r = render(<DocumentView doc={documentOf(1, '15/BC-TCTĐA06')} />);
    const issuer = r.getByTestId('doc-issuer');
    expect(issuer.textContent).toBe('TỔ CÔNG TÁC ĐỀ ÁN 06');
    expect(issuer.querySelector('.vn-rule.vn-rule-short')).not.toBeNull(); // a third to a half of the line
    const motto = r.getByTestId('doc-motto');
    expect(motto.textContent).toBe('Độc lập - Tự do - Hạnh phúc');
    expect(motto.querySelector('.vn-rule.vn-rule-full')).not.toBeNull(); // as long as the motto
    // The rule sits between the issuing body and the number, in that order.
    const issuerColumn = [...r.container.querySelectorAll('.vn-doc-issuer > p')].map((p) => p.textContent);
    expect(issuerColumn).toEqual(['UBND XÃ THIỆU VÂN', 'TỔ CÔNG TÁC ĐỀ ÁN 06', 'Số: 15/BC-TCTĐA06']);
    expect(count(r.getByTestId('report-document').textContent!, 'BC-TCTĐA06')).toBe(1);
  });
});

describe('PrintScreen (a draft)', () => {
  it('prints "DỰ THẢO" and the number typed as "15/BC-TCT" once', async () => {
    const first = renderWithServices(<p />, { now: NOW });
    await first.store.saveDraft(draftKeyOfReport(REPORT), {
      title: 'Báo cáo tháng 11',
      fields: { results: 'Đã triển khai.', [metaKey('number')]: '15/BC-TCT', [metaKey('symbol')]: 'BC-TCTĐA06' },
    });
    first.unmount();
    const r = renderWithServices(<PrintScreen reportId={REPORT} now={() => NOW} />, { now: NOW, dbName: first.dbName });
    const doc = await r.findByTestId('report-document');
    expect(r.getByTestId('doc-draft-mark').textContent).toBe('DỰ THẢO');
    expect(r.getByTestId('doc-number').textContent).toBe('Số: 15/BC-TCT'); // not "Số: 15/BC-TCT/BC-TCTĐA06"
    expect(doc.textContent).not.toContain('BC-TCTĐA06');
    // The draft's status line is a note on screen only.
    expect(doc.querySelector('.vn-doc-status')?.classList.contains('no-print')).toBe(true);
  });
});

describe('ReportEditor (number and symbol)', () => {
  it('prefills the symbol, takes the serial alone, and splits "15/BC-TCT" typed whole', async () => {
    const r = renderWithServices(<ReportScreen reportId={REPORT} now={() => NOW} />, { now: NOW });
    const serial = (await r.findByLabelText('Số (để trống nếu văn thư cấp số sau)')) as HTMLInputElement;
    const symbol = r.getByLabelText('Ký hiệu') as HTMLInputElement;
    expect(serial.value).toBe('');
    expect(symbol.value).toBe('BC-TCTĐA06');
    expect(r.getByTestId('number-line-preview').textContent).toContain('Số: …/BC-TCTĐA06');

    fireEvent.input(serial, { target: { value: '15' } });
    await waitFor(() => expect(r.getByTestId('number-line-preview').textContent).toContain('Trên văn bản: Số: 15/BC-TCTĐA06 '));

    fireEvent.input(serial, { target: { value: '15/BC-TCT' } });
    fireEvent.blur(serial);
    await waitFor(() => expect(symbol.value).toBe('BC-TCT'));
    expect(serial.value).toBe('15');
    expect(r.getByTestId('number-line-preview').textContent).toContain('Số: 15/BC-TCT ');
    // Kept in the draft on the device as two fields.
    await waitFor(async () => expect(((await r.store.draft(draftKeyOfReport(REPORT))) as { fields: Record<string, string> }).fields).toMatchObject({ [metaKey('number')]: '15', [metaKey('symbol')]: 'BC-TCT' }));
  });
});
