// The report screens with the English interface installed, as src/i18n/load.ts installs it
// before the first render: no Vietnamese is left outside an element marked lang="vi" (the
// official document, unit names, what the units typed), and the document itself stays the
// Vietnamese legal text. Vietnamese is told by its letters (đ and the letters with tone or
// vowel marks), not by this app's dictionaries, so a string missed by the dictionaries shows.
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { fireEvent, waitFor, within } from '@testing-library/preact';
import { installLanguage } from '../../src/i18n/messages.ts';
import { english } from '../../src/i18n/english.ts';
import { renderWithServices, testSeed } from '../helpers/render-with-services.tsx';
import { ReportsListScreen } from '../../src/reports/ReportsListScreen.tsx';
import { ReportScreen } from '../../src/reports/ReportScreen.tsx';
import { PrintScreen } from '../../src/reports/PrintScreen.tsx';
import { ReviewInbox } from '../../src/reports/ReviewInbox.tsx';
import { exportBlob } from '../../src/reports/exports.ts';
import { communeReportData, toFieldValue, type PrefillContext } from '../../src/reports/data.ts';
import { buildDocument } from '../../src/reports/document.ts';
import { defaultMeta, defaultTitle, toSections } from '../../src/reports/sections.ts';
import { draftKeyOfReport } from '../../src/reports/form.ts';
import { encodeHlc } from '../../src/domain/sync/hlc.ts';
import type { FieldValue } from '../../src/domain/sync/merge.ts';
import type { Change } from '../../src/domain/sync/wire.ts';
import type { LocalStore } from '../../src/db/store.ts';
import { unmarkedVietnamese } from '../helpers/unmarked-vietnamese.ts';

const NOW = Date.UTC(2026, 10, 25, 3); // 25/11/2026 10:00 in Vietnam
const H = 3_600_000;
/** Writes go through fake IndexedDB and live queries: slow when the shared 2-core machine is busy. */
const SLOW = { timeout: 5000 };

beforeAll(() => installLanguage('en', english));


/** The report screen's own part: what the shared Layout wraps (its bars are another feature's). */
const screen = (container: HTMLElement) => container.querySelector('main') ?? container;

let cursor = 0;
async function pullVersion(store: LocalStore, unit: string, n: number, receivedAt: number) {
  const reportId = `${unit}@2026-11`;
  const data = { v: 1, unitId: unit, unitName: unit, level: 'commune', period: '2026-11', periodType: 'monthly', months: ['2026-11'], models: [], indicators: { services: [], counters: [], units: 0 }, partKind: 'none', parts: [], inspection: [] };
  const values: Record<string, FieldValue> = {
    reportId, version: n, periodType: 'monthly', period: '2026-11', submittedAt: receivedAt,
    snapshot: toFieldValue({ title: `Báo cáo của ${unit}`, sections: [{ key: 'results', title: 'Kết quả đạt được', body: `Kết quả lần ${n}.` }], data, submittedBy: 'Công an xã' }),
  };
  const changes: Change[] = Object.entries(values).map(([field, value], i) => ({
    coll: 'reportVersion', id: `${reportId}#${n}`, field, value, hlc: encodeHlc({ wall: receivedAt, counter: i, device: `dev_${unit.replace(/-/g, '_')}` }), base: null, unit, author: `u-${unit}`, receivedAt,
  }));
  await store.applyPulled(changes, (cursor += changes.length));
}

// The editor's steps each wait on IndexedDB: allow for a busy machine (the default is 5 s a test).
describe('report screens in English', { timeout: 30_000 }, () => {
  it('lists the unit’s reports in English, with vi-VN dates', async () => {
    const r = renderWithServices(<ReportsListScreen now={NOW} />, { now: NOW });
    const scheduled = await r.findByTestId('scheduled-reports', undefined, SLOW);
    expect(within(scheduled).getAllByRole('listitem').map((li) => li.textContent)).toContainEqual(expect.stringMatching(/^Monthly report, November 2026Due before 20\/11\/2026 — Not submitted, /));
    expect(r.getByRole('button', { name: 'Open report' })).toBeTruthy();
    expect(unmarkedVietnamese(screen(r.container))).toEqual([]);
  });

  it('edits, refuses and submits in English; what is typed and the document stay Vietnamese', async () => {
    const r = renderWithServices(<ReportScreen reportId="tv@2026-11" now={() => NOW} />, { now: NOW });
    const results = await waitFor(() => {
      const el = r.container.querySelector<HTMLTextAreaElement>('textarea[data-section="results"]');
      if (!el) throw new Error('editor not shown yet');
      return el;
    }, SLOW);
    expect(r.getByLabelText('I. Results achieved')).toBe(results);
    expect(results.getAttribute('lang')).toBe('vi');
    expect((r.getByLabelText('Report title') as HTMLInputElement).value).toBe('Kết quả thực hiện Đề án 06 trên địa bàn xã Thiệu Vân tháng 11/2026');
    fireEvent.input(results, { target: { value: '' } });
    fireEvent.click(r.getByRole('button', { name: 'Submit report' }));
    expect((await r.findByText('“Results achieved” needs some text before you submit', undefined, SLOW)).getAttribute('role')).toBe('alert');
    expect(r.getByTestId('report-notice').textContent).toBe('Not submitted: please fix the marked fields.');
    expect(unmarkedVietnamese(screen(r.container))).toEqual([]);

    fireEvent.input(results, { target: { value: 'Đã triển khai 11 mô hình.' } });
    fireEvent.click(r.getByRole('button', { name: 'Submit report' }));
    await waitFor(() => expect(r.getByTestId('report-phase').textContent).toBe('Submitted'), SLOW);
    await waitFor(() => expect(r.getByTestId('report-notice').textContent).toMatch(/^Version 1 submitted\. The report will reach the server at the next sync\./), SLOW);
    const doc = r.getByTestId('report-document');
    expect(doc.getAttribute('lang')).toBe('vi');
    expect(doc.textContent).toContain('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM');
    expect(doc.textContent).toContain('I. KẾT QUẢ ĐẠT ĐƯỢC');
    expect(r.getByTestId('version-1-times').textContent).toBe('recorded on the phone at 25/11/2026 10:00, not yet received by the server');
    expect(unmarkedVietnamese(screen(r.container))).toEqual([]);
  });

  it('prints the draft as the Vietnamese document under an English toolbar and note', async () => {
    const first = renderWithServices(<p />, { now: NOW });
    await first.store.saveDraft(draftKeyOfReport('tv@2026-11'), { title: 'Báo cáo tháng 11', fields: { results: 'Đã triển khai.' } });
    first.unmount();
    const r = renderWithServices(<PrintScreen reportId="tv@2026-11" now={() => NOW} />, { now: NOW, dbName: first.dbName });
    const doc = await r.findByTestId('report-document', undefined, SLOW);
    expect(r.getByRole('toolbar', { name: 'Print and download' })).toBeTruthy();
    expect(r.getByTestId('doc-draft-mark').textContent).toBe('DỰ THẢO'); // on paper: part of the legal text
    const note = doc.querySelector('.vn-doc-status')!;
    expect([note.textContent, note.getAttribute('lang')]).toEqual(['DRAFT — monthly report not submitted', 'en']);
    expect(unmarkedVietnamese(r.container)).toEqual([]);
  });

  it('says in English that Word export needs a first download, while the files stay Vietnamese', async () => {
    const seed = testSeed();
    const ctx: PrefillContext = { models: seed.catalogue.models, units: seed.units, sheet: seed.indicatorSheet, checklists: seed.checklists };
    const tv = seed.units.find((u) => u.id === 'tv')!;
    const data = communeReportData(ctx, tv, '2026-11', NOW, seed.adoptions, []);
    const doc = buildDocument({ title: defaultTitle(tv.name, '2026-11'), sections: toSections({ title: '', fields: { ...defaultMeta(tv, undefined), results: 'Đã triển khai.' } }), data, unit: tv, version: 1, issuedAt: NOW });
    const csv = await (await exportBlob(doc, 'csv')).text();
    expect(csv).toContain('"BÁO CÁO";"Kết quả thực hiện Đề án 06 trên địa bàn xã Thiệu Vân tháng 11/2026"');
    // The Word writer not yet cached, offline: its chunk fails to load.
    vi.doMock('../../src/reports/export-docx.ts', () => {
      throw new TypeError('Failed to fetch dynamically imported module');
    });
    await expect(exportBlob(doc, 'docx')).rejects.toThrow(/^The Word export tool has not been downloaded yet: the first export needs a connection\./);
    vi.doUnmock('../../src/reports/export-docx.ts');
  });

  it('reviews in English: the inbox, a return refused without a reason, then accepted', async () => {
    const r = renderWithServices(<ReviewInbox now={() => NOW} />, { now: NOW, username: 'quangxuong.huyen' });
    await pullVersion(r.store, 'qx-quang-hop', 1, NOW - 5 * H);
    await pullVersion(r.store, 'qx-tan-phong', 1, NOW - 3 * H);
    const hop = within(await r.findByTestId('inbox-item-qx-quang-hop@2026-11', undefined, SLOW));
    expect(hop.getByRole('link').textContent).toBe('xã Quảng Hợp — November 2026');
    expect(hop.getByTestId('inbox-state').textContent).toBe('Awaiting review');
    expect(hop.getByTestId('inbox-received').textContent).toBe('Received by the server at 25/11/2026 05:00');
    fireEvent.click(hop.getByRole('button', { name: 'Return for changes' }));
    fireEvent.click(hop.getByRole('button', { name: 'Return report' }));
    expect((await hop.findByText('Say what needs changing before returning the report', undefined, SLOW)).getAttribute('role')).toBe('alert');
    expect(unmarkedVietnamese(screen(r.container))).toEqual([]);
    fireEvent.input(hop.getByLabelText('What needs changing'), { target: { value: 'Bổ sung số liệu.' } });
    fireEvent.click(hop.getByRole('button', { name: 'Return report' }));
    fireEvent.click(within(r.getByTestId('inbox-item-qx-tan-phong@2026-11')).getByRole('button', { name: 'Accept' }));
    await waitFor(() => expect(r.getByTestId('inbox-returned').textContent).toContain('Reason for return: “Bổ sung số liệu.”'), SLOW);
    await waitFor(() => expect(r.container.textContent).toContain('Accepted (1)'), SLOW);
    expect(unmarkedVietnamese(screen(r.container))).toEqual([]);
  });

  it('shows the unit above a submitted report and its history in English', async () => {
    const r = renderWithServices(<ReportScreen reportId="qx-quang-hop@2026-11" now={() => NOW} />, { now: NOW, username: 'quangxuong.huyen' });
    await pullVersion(r.store, 'qx-quang-hop', 1, NOW - H);
    await r.findByTestId('report-document', undefined, SLOW);
    expect(r.getByRole('link', { name: '← Reports to review' }).getAttribute('href')).toBe('#/reports/inbox');
    fireEvent.input(r.getByLabelText('Comment'), { target: { value: 'Cần bổ sung.' } });
    fireEvent.click(r.getByRole('button', { name: 'Return for changes' }));
    await waitFor(() => expect(r.getByTestId('report-phase').textContent).toBe('Returned'), SLOW);
    expect(r.getByRole('alert').textContent).toBe('The level above returned version 1: “Cần bổ sung.”');
    expect(unmarkedVietnamese(screen(r.container))).toEqual([]);
  });
  it('tells a village team in English who writes the reports', async () => {
    const r = renderWithServices(<ReportsListScreen now={NOW} />, { now: NOW, username: 'thieuvan.thon1' });
    await r.findByText(/^Reports are written by the commune police/, undefined, SLOW);
    expect(unmarkedVietnamese(screen(r.container))).toEqual([]);
  });

  it('shows a district its tabs and what the communes sent, in English', async () => {
    const r = renderWithServices(<ReportsListScreen now={NOW} />, { now: NOW, username: 'quangxuong.huyen' });
    await pullVersion(r.store, 'qx-quang-hop', 1, NOW - H);
    const below = await r.findByTestId('reports-below', undefined, SLOW);
    expect(within(r.getByRole('navigation', { name: 'Reports' })).getAllByRole('link').map((a) => a.textContent)).toEqual(['Own unit', 'To review']);
    expect(within(below).getByRole('listitem').textContent).toBe('xã Quảng Hợp — November 2026recorded on the phone at 25/11/2026 09:00, received by the server at 25/11/2026 09:00Submitted · v1');
    expect(unmarkedVietnamese(screen(r.container))).toEqual([]);
  });

  it('asks the commune in English to revise a returned report, quoting the comment as written', async () => {
    const r = renderWithServices(<ReportScreen reportId="tv@2026-11" now={() => NOW} />, { now: NOW });
    const sections = [{ key: 'results', title: 'Kết quả đạt được', body: 'Hoàn thành 3 mô hình.' }];
    const data = { v: 1, unitId: 'tv', unitName: 'xã Thiệu Vân', level: 'commune', period: '2026-11', periodType: 'monthly', months: ['2026-11'], models: [], indicators: { services: [], counters: [], units: 0 }, partKind: 'none', parts: [], inspection: [] };
    await r.store.writeMany(
      [
        { coll: 'reportVersion', id: 'tv@2026-11#1', unit: 'tv', values: { reportId: 'tv@2026-11', version: 1, periodType: 'monthly', period: '2026-11', snapshot: toFieldValue({ title: 'Báo cáo tháng 11', sections, data, submittedBy: 'Công an xã Thiệu Vân' }), submittedAt: NOW - H } },
        { coll: 'report', id: 'tv@2026-11', unit: 'tv', values: { periodType: 'monthly', period: '2026-11', title: 'Báo cáo tháng 11', sections, state: 'submitted', version: 1 } },
        { coll: 'comment', id: 'tv@2026-11#1~a', unit: 'tv', values: { reportId: 'tv@2026-11', reportVersion: 1, body: 'Bổ sung thôn 5.', returns: true, createdAt: NOW - 1000 } },
      ],
      'u-thieuvan-congan',
    );
    expect((await r.findByRole('button', { name: 'Resubmit (version 2)' }, SLOW)).getAttribute('type')).toBe('submit');
    expect(r.container.querySelector('.rp-returned')!.textContent).toBe('The level above returned version 1: “Bổ sung thôn 5.” — please revise and resubmit.');
    expect(unmarkedVietnamese(screen(r.container))).toEqual([]);
  });

  it('says in English that a report or a version is not on this phone', async () => {
    const gone = renderWithServices(<ReportScreen reportId="nowhere@2026-11" now={() => NOW} />, { now: NOW });
    expect(gone.getByRole('alert').textContent).toBe('This report is not among the units of this account.');
    gone.unmount();
    const r = renderWithServices(<PrintScreen reportId="tv@2026-11" version={3} now={() => NOW} />, { now: NOW });
    expect((await r.findByRole('alert', undefined, SLOW)).textContent).toBe('Version 3 of this report is not on this phone.');
    expect(unmarkedVietnamese(r.container)).toEqual([]);
    r.unmount();
    const commune = renderWithServices(<ReviewInbox now={() => NOW} />, { now: NOW });
    expect(commune.getByRole('alert').textContent).toBe('Only district and province officers review the reports of the units below.');
    expect(unmarkedVietnamese(screen(commune.container))).toEqual([]);
  });
});
