// The review inbox (#/reports/inbox) in happy-dom over fake-indexeddb, as a district officer's
// phone holds it after a pull: the communes' submitted versions (with the server's receipt
// times) and the comments on them. Accept and return are written as comments the commune pulls.
import { describe, expect, it } from 'vitest';
import { fireEvent, waitFor, within } from '@testing-library/preact';
import { renderWithServices } from '../helpers/render-with-services.tsx';
import { ReviewInbox } from '../../src/reports/ReviewInbox.tsx';
import { ReportsListScreen } from '../../src/reports/ReportsListScreen.tsx';
import { ReportScreen } from '../../src/reports/ReportScreen.tsx';
import { toFieldValue } from '../../src/reports/data.ts';
import { docValues, type FieldValue } from '../../src/domain/sync/merge.ts';
import { encodeHlc } from '../../src/domain/sync/hlc.ts';
import type { Change } from '../../src/domain/sync/wire.ts';
import type { LocalStore } from '../../src/db/store.ts';

const NOW = Date.UTC(2026, 11, 3, 3); // 03/12/2026 10:00 in Vietnam
const H = 3_600_000;
const OFFICER = 'quangxuong.huyen';

let cursor = 0;
/** A commune's submitted version as a pull brings it: every field with the server's receipt time. */
async function pullVersion(store: LocalStore, unit: string, n: number, receivedAt: number, submittedAt: number) {
  const reportId = `${unit}@2026-11`;
  const data = { v: 1, unitId: unit, unitName: unit, level: 'commune', period: '2026-11', periodType: 'monthly', months: ['2026-11'], models: [], indicators: { services: [], counters: [], units: 0 }, partKind: 'none', parts: [], inspection: [] };
  const values: Record<string, FieldValue> = {
    reportId, version: n, periodType: 'monthly', period: '2026-11', submittedAt,
    snapshot: toFieldValue({ title: `Báo cáo của ${unit}`, sections: [{ key: 'results', title: 'Kết quả đạt được', body: `Kết quả lần ${n}.` }], data, submittedBy: '' }),
  };
  const device = `dev_${unit.replace(/-/g, '_')}`;
  const changes: Change[] = Object.entries(values).map(([field, value], i) => ({
    coll: 'reportVersion', id: `${reportId}#${n}`, field, value, hlc: encodeHlc({ wall: submittedAt, counter: i, device }), base: null, unit, author: `u-${unit}`, receivedAt,
  }));
  await store.applyPulled(changes, (cursor += changes.length));
}

const items = (list: HTMLElement) => within(list).queryAllByRole('listitem').map((li) => li.getAttribute('data-testid'));

describe('ReviewInbox', () => {
  it('lists what the communes sent, oldest receipt first, and accepts and returns in place', async () => {
    const r = renderWithServices(<ReviewInbox now={() => NOW} />, { now: NOW, username: OFFICER });
    // Quảng Bình recorded it on its phone two days earlier but the server got it last.
    await pullVersion(r.store, 'qx-quang-binh', 1, NOW - 1 * H, NOW - 50 * H);
    await pullVersion(r.store, 'qx-quang-hop', 1, NOW - 5 * H, NOW - 6 * H);
    await pullVersion(r.store, 'qx-tan-phong', 1, NOW - 3 * H, NOW - 3 * H);
    const waiting = await r.findByTestId('inbox-waiting');
    await waitFor(() => expect(items(waiting)).toEqual(['inbox-item-qx-quang-hop@2026-11', 'inbox-item-qx-tan-phong@2026-11', 'inbox-item-qx-quang-binh@2026-11']));
    const hop = within(r.getByTestId('inbox-item-qx-quang-hop@2026-11'));
    expect(hop.getByRole('link').textContent).toBe('xã Quảng Hợp — Tháng 11/2026');
    expect(hop.getByRole('link').getAttribute('href')).toBe('#/reports/qx-quang-hop%402026-11');
    expect(hop.getByTestId('inbox-state').textContent).toBe('Chờ duyệt');
    expect(hop.getByText('Phiên bản 1')).toBeTruthy();
    expect(hop.getByTestId('inbox-received').textContent).toBe('Máy chủ nhận lúc 03/12/2026 05:00');

    // Return: refused without a comment, then recorded as the workflow's returning comment.
    fireEvent.click(hop.getByRole('button', { name: 'Trả lại để sửa' }));
    fireEvent.click(hop.getByRole('button', { name: 'Gửi trả lại' }));
    expect((await hop.findByText('Hãy ghi rõ cần sửa gì trước khi trả lại báo cáo')).getAttribute('role')).toBe('alert');
    expect(await r.store.docsOf('comment')).toEqual([]);
    fireEvent.input(hop.getByLabelText('Cần sửa gì'), { target: { value: 'Bổ sung số liệu tháng 11.' } });
    fireEvent.click(hop.getByRole('button', { name: 'Gửi trả lại' }));
    const returnedList = r.getByTestId('inbox-returned');
    await waitFor(() => expect(items(returnedList)).toEqual(['inbox-item-qx-quang-hop@2026-11']));
    expect(within(returnedList).getByTestId('inbox-state').textContent).toBe('Đã trả lại, chờ đơn vị sửa');
    expect(within(returnedList).getByTestId('inbox-decision').textContent).toContain('“Bổ sung số liệu tháng 11.”');

    // Accept: one tap, an accepting comment on that version.
    fireEvent.click(within(r.getByTestId('inbox-item-qx-tan-phong@2026-11')).getByRole('button', { name: 'Tiếp nhận' }));
    await waitFor(() => expect(items(r.getByTestId('inbox-accepted'))).toEqual(['inbox-item-qx-tan-phong@2026-11']));
    expect(items(r.getByTestId('inbox-waiting'))).toEqual(['inbox-item-qx-quang-binh@2026-11']);

    const comments = (await r.store.docsOf('comment')).sort((a, b) => a.id.localeCompare(b.id)).map((d) => ({ unit: d.unit, ...docValues(d.fields) }));
    expect(comments).toEqual([
      { unit: 'qx-quang-hop', reportId: 'qx-quang-hop@2026-11', reportVersion: 1, body: 'Bổ sung số liệu tháng 11.', returns: true, createdAt: NOW },
      { unit: 'qx-tan-phong', reportId: 'qx-tan-phong@2026-11', reportVersion: 1, body: 'Đã tiếp nhận báo cáo.', returns: false, accepts: true, createdAt: NOW },
    ]);
    expect(await r.store.outboxCount()).toBe(11); // 5 + 6 fields, queued for the next sync

    // The commune resubmits: version 2 comes back to "waiting", as resubmitted, by its receipt.
    await pullVersion(r.store, 'qx-quang-hop', 2, NOW + H, NOW + H);
    await waitFor(() => expect(items(r.getByTestId('inbox-waiting'))).toEqual(['inbox-item-qx-quang-binh@2026-11', 'inbox-item-qx-quang-hop@2026-11']));
    expect(within(r.getByTestId('inbox-item-qx-quang-hop@2026-11')).getByTestId('inbox-state').textContent).toBe('Gửi lại, chờ duyệt');
    expect(items(r.getByTestId('inbox-returned'))).toEqual([]);
  });

  it('is not offered to a commune, whose Báo cáo screen has no inbox tab', async () => {
    const commune = renderWithServices(<ReportsListScreen now={NOW} />, { now: NOW });
    await commune.findByTestId('scheduled-reports');
    expect(commune.queryByTestId('inbox-tab')).toBeNull();
    commune.unmount();
    const district = renderWithServices(<ReportsListScreen now={NOW} />, { now: NOW, username: OFFICER });
    expect((await district.findByTestId('inbox-tab')).getAttribute('href')).toBe('#/reports/inbox');
  });
});

describe('ReportScreen of a commune, opened by the district', () => {
  it('leads back to the inbox, not the officer’s own list', async () => {
    const r = renderWithServices(<ReportScreen reportId="qx-quang-binh@2026-11" now={() => NOW} />, { now: NOW, username: OFFICER });
    await pullVersion(r.store, 'qx-quang-binh', 1, NOW - H, NOW - H);
    await r.findByTestId('report-document');
    const back = r.getByRole('link', { name: '← Báo cáo cần duyệt' });
    expect(back.getAttribute('href')).toBe('#/reports/inbox');
    expect(r.queryByRole('link', { name: '← Danh sách báo cáo' })).toBeNull();
  });
});
