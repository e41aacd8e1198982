// Problem 6 on the phone: a report made offline before its deadline and received by the
// server after it. The report screen says late — by the server's receipt — with the phone's
// own time beside the server's, and the note that it was made in time on the phone.
import { describe, expect, it } from 'vitest';
import { renderWithServices } from '../helpers/render-with-services.tsx';
import { ReportScreen } from '../../src/reports/ReportScreen.tsx';
import { toFieldValue } from '../../src/reports/data.ts';
import { encodeHlc } from '../../src/domain/sync/hlc.ts';
import type { FieldValue } from '../../src/domain/sync/merge.ts';
import type { Change } from '../../src/domain/sync/wire.ts';

const NOW = Date.UTC(2026, 10, 25, 3); // 25/11/2026 10:00 in Vietnam
const vn = (d: number, h: number, min = 0) => Date.UTC(2026, 10, d, h - 7, min);
const REPORT = 'tv@2026-11';

/** The commune's version 1 as a pull brings it: stamped by the commune's phone, received by the server later. */
function pulled(recordedAt: number, receivedAt: number): Change[] {
  const data = { v: 1, unitId: 'tv', unitName: 'xã Thiệu Vân', level: 'commune', period: '2026-11', periodType: 'monthly', months: ['2026-11'], models: [], indicators: { services: [], counters: [], units: 0 }, partKind: 'none', parts: [], inspection: [] };
  const snapshot = toFieldValue({ title: 'Báo cáo tháng 11', sections: [{ key: 'results', title: 'Kết quả đạt được', body: 'Hoàn thành 3 mô hình.' }], data, submittedBy: 'Công an xã Thiệu Vân' });
  const fields: [string, FieldValue][] = [['reportId', REPORT], ['version', 1], ['periodType', 'monthly'], ['period', '2026-11'], ['snapshot', snapshot], ['submittedAt', recordedAt]];
  return fields.map(([field, value], i) => ({
    coll: 'reportVersion', id: `${REPORT}#1`, field, value, hlc: encodeHlc({ wall: recordedAt, counter: i, device: 'tvphone1' }), base: null, unit: 'tv', author: 'u-thieuvan-congan', receivedAt,
  }));
}

describe('report timeliness on the phone', () => {
  it('goes by the server\'s receipt and shows the phone\'s time beside it', async () => {
    const r = renderWithServices(<ReportScreen reportId={REPORT} now={() => NOW} />, { now: NOW, username: 'quangxuong.huyen' });
    // Made on the phone on 19/11 (before the deadline, 20/11), reached the server on 21/11.
    await r.store.applyPulled(pulled(vn(19, 16, 30), vn(21, 8, 5)), 6);
    const times = await r.findByTestId('version-1-times');
    expect(times.textContent).toBe('ghi nhận trên máy lúc 19/11/2026 16:30, máy chủ nhận lúc 21/11/2026 08:05');
    expect(r.getByTestId('report-due').textContent).toBe('Hạn nộp: trước 20/11/2026 — Trễ hạn (nộp trên máy trước hạn, máy chủ nhận sau hạn)');
  });

  it('is on time when the server received it before the deadline, whatever the phone\'s clock said', async () => {
    const r = renderWithServices(<ReportScreen reportId={REPORT} now={() => NOW} />, { now: NOW, username: 'quangxuong.huyen' });
    await r.store.applyPulled(pulled(vn(22, 9), vn(19, 9)), 6); // a phone clock three days ahead
    await r.findByTestId('version-1-times');
    expect(r.getByTestId('report-due').textContent).toBe('Hạn nộp: trước 20/11/2026 — Đúng hạn');
  });
});
