// The task screens (issue 11) with the real store and seed: Thiệu Vân's police record progress
// on row 5 of 001 Phụ lục I ("Đẩy nhanh tiến độ số hóa hồ sơ…", led by "UBND cấp xã", "Năm
// 2024"), saved on the phone through LocalStore like the status form.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fireEvent, waitFor } from '@testing-library/preact';
import { renderWithServices } from '../helpers/render-with-services.tsx';
import { TaskScreen } from '../../src/tasks/TaskScreen.tsx';
import { TaskListScreen } from '../../src/tasks/TaskListScreen.tsx';

/** 25/11/2026 10:00 in Vietnam. */
const NOW = Date.UTC(2026, 10, 25, 3);
const T5 = 'th-bc137-2024-pl1.5';
const RECORD = `tv:${T5}`;

beforeEach(() => {
  // No server in these tests: GET /api/plans answers 404 (no imported plans).
  vi.stubGlobal('fetch', vi.fn(async () => new Response('{}', { status: 404 })));
});
afterEach(() => vi.unstubAllGlobals());

describe('task list', () => {
  it('lists the unit’s tasks by plan with the deadline as written, and finds them without diacritics', async () => {
    const r = renderWithServices(<TaskListScreen now={NOW} />);
    const rows = await r.findAllByTestId('task-row', {}, { timeout: 8000 });
    const t5 = rows.find((row) => row.dataset.task === T5)!;
    expect(t5.textContent).toContain('Nhiệm vụ 5');
    expect(t5.textContent).toContain('Chủ trì');
    // Row 5's time cell as the document words it ("Năm 2024: cấp tỉnh và huyện 100%; cấp xã
    // 90%"), its year's last day, and overdue since nothing was recorded.
    expect(t5.textContent).toContain('Thời hạn: Năm 2024: cấp tỉnh và huyện 100%; cấp xã 90% (hạn 31/12/2024) · Quá hạn');
    expect(t5.textContent).toContain('Chưa ghi tiến độ');
    // TT 22 (lead includes "UBND cấp xã"): "Trong năm 2024 và thực hiện thường xuyên" has no end, is never late.
    const t22 = rows.find((row) => row.dataset.task === 'th-bc137-2024-pl1.22')!;
    expect(t22.textContent).toContain('Thời hạn: Trong năm 2024 và thực hiện thường xuyên');
    expect(t22.textContent).not.toMatch(/hạn \d|Quá hạn/);
    // TT 8 names "UBND cấp xã" among the partners.
    expect(rows.find((row) => row.dataset.task === 'th-bc137-2024-pl1.8')?.textContent).toContain('Phối hợp');
    // TT 1 names only the districts.
    expect(rows.some((row) => row.dataset.task === 'th-bc137-2024-pl1.1')).toBe(false);
    fireEvent.input(r.getByTestId('task-search'), { target: { value: 'day nhanh tien do so hoa ho so' } });
    await waitFor(() => expect(r.getAllByTestId('task-row').map((row) => row.dataset.task)).toContain(T5));
    expect(r.getAllByTestId('task-row').length).toBeLessThan(rows.length);
  });
});

describe('task progress form', () => {
  it('asks for the cause of a task not done, then saves on the phone and says it waits to sync', async () => {
    const r = renderWithServices(<TaskScreen taskId={T5} now={NOW} />, { now: NOW });
    expect((await r.findByTestId('task-text', {}, { timeout: 8000 })).textContent).toMatch(/^Đẩy nhanh tiến độ số hóa hồ sơ/);
    expect(r.getByText('Đơn vị của bạn chủ trì nhiệm vụ này.')).toBeTruthy();
    fireEvent.change(await r.findByLabelText('Đánh giá tiến độ'), { target: { value: 'notDone' } });
    fireEvent.input(r.getByLabelText('Tỷ lệ hoàn thành (%)'), { target: { value: '40' } });
    fireEvent.click(r.getByRole('button', { name: 'Lưu' }));
    expect(await r.findByText('Chưa hoàn thành thì phải ghi nguyên nhân')).toBeTruthy();
    expect(document.activeElement?.id).toBe('task-cause');
    expect(await r.store.outboxCount()).toBe(0);

    fireEvent.input(r.getByLabelText(/^Nguyên nhân/), { target: { value: 'Thiếu máy quét tài liệu' } });
    fireEvent.input(r.getByLabelText(/^Kết quả thực hiện/), { target: { value: 'Đã số hóa 40% hồ sơ hộ tịch' } });
    fireEvent.input(r.getByLabelText(/^Minh chứng/), { target: { value: 'Báo cáo số 12/BC-CAX ngày 20/11/2026\nhttps://dichvucong.thanhhoa.gov.vn/ket-qua' } });
    fireEvent.click(r.getByRole('button', { name: 'Lưu' }));
    expect((await r.findByTestId('task-notice')).textContent).toBe('Đã lưu trên máy. Sẽ gửi lên máy chủ khi có mạng.');
    expect(await r.store.values('taskProgress', RECORD)).toEqual({
      status: 'notDone',
      percent: 40,
      // Dated today (Vietnam) when the assessment changes.
      asOf: '2026-11-25',
      result: 'Đã số hóa 40% hồ sơ hộ tịch',
      evidence: [
        { kind: 'document', text: 'Báo cáo số 12/BC-CAX ngày 20/11/2026' },
        { kind: 'link', url: 'https://dichvucong.thanhhoa.gov.vn/ket-qua' },
      ],
      cause: 'Thiếu máy quét tài liệu',
    });
    // Queued under the commune, with the record id of the grammar.
    const queued = await r.store.db.outbox.toArray();
    expect(new Set(queued.map((q) => `${q.coll}|${q.id}|${q.unit}`))).toEqual(new Set([`taskProgress|${RECORD}|tv`]));
    await waitFor(() => expect(r.getByTestId('task-status').textContent).toBe('Chưa hoàn thành · 40% · ngày 25/11/2026 · Đã lưu trên máy — chờ đồng bộ'));
  });

  it('sends only what changed, against what the form showed', async () => {
    const r = renderWithServices(<TaskScreen taskId={T5} now={NOW} />, { now: NOW });
    await r.store.writeMany([{ coll: 'taskProgress', id: RECORD, unit: 'tv', values: { status: 'inProgress', percent: 50, asOf: '2026-11-20', result: 'Đang số hóa' }, seen: {} }], 'u-thieuvan-congan');
    await waitFor(() => expect((r.getByLabelText('Tỷ lệ hoàn thành (%)') as HTMLInputElement).value).toBe('50'));
    const before = await r.store.db.outbox.count();
    fireEvent.input(r.getByLabelText(/^Kết quả thực hiện/), { target: { value: 'Đang số hóa, đạt 55%' } });
    fireEvent.click(r.getByRole('button', { name: 'Lưu' }));
    await r.findByTestId('task-notice');
    const sent = (await r.store.db.outbox.toArray()).slice(before);
    expect(sent.map((c) => c.field)).toEqual(['result']);
    expect(sent[0]!.base).not.toBeNull(); // against the stamp shown
  });

  it('is not offered to the commune’s leader, who reads the progress', async () => {
    const r = renderWithServices(<TaskScreen taskId={T5} now={NOW} />, { username: 'thieuvan.lanhdao', now: NOW });
    expect(await r.findByText(/Tài khoản này xem được tiến độ nhưng không ghi/)).toBeTruthy();
    expect(r.queryByTestId('task-progress-form')).toBeNull();
  });

  it('labels the deadline once and lists a target cell given for two levels once (001 Phụ lục I row 5)', async () => {
    const r = renderWithServices(<TaskScreen taskId={T5} now={NOW} />, { now: NOW });
    const deadline = await r.findByTestId('task-deadline');
    expect(deadline.textContent).toMatch(/^Năm 2024: cấp tỉnh và huyện 100%; cấp xã 90%/);
    const targets = [...r.container.querySelectorAll('.task-info ul li')].map((li) => li.textContent);
    expect(targets).toEqual(['cấp tỉnh và huyện 100%', 'cấp xã 90%']);
  });
});

describe('imported plans', () => {
  it('are fetched from GET /api/plans, kept on the device, revalidated by ETag, and replace a seeded plan of the same id', async () => {
    const { cachedImportedPlans, mergePlans, refreshImportedPlans, loadSeededPlans } = await import('../../src/tasks/plans.ts');
    const seeded = await loadSeededPlans();
    const pl2 = seeded.find((p) => p.id === 'th-bc137-2024-pl2')!;
    const corrected = { ...pl2, title: `${pl2.title} (bản sửa)` };
    const calls: (string | null)[] = [];
    const fetcher = vi.fn(async (_url: string, init?: RequestInit) => {
      const sent = new Headers(init?.headers).get('if-none-match');
      calls.push(sent);
      if (sent === '"v1"') return new Response(null, { status: 304 });
      return new Response(JSON.stringify({ plans: [corrected, { id: 'broken' }] }), { status: 200, headers: { etag: '"v1"', 'content-type': 'application/json' } });
    }) as unknown as typeof fetch;
    expect((await refreshImportedPlans('t', fetcher))?.map((p) => p.title)).toEqual([corrected.title]);
    expect((await cachedImportedPlans()).map((p) => p.id)).toEqual(['th-bc137-2024-pl2']);
    expect((await refreshImportedPlans('t', fetcher))?.map((p) => p.id)).toEqual(['th-bc137-2024-pl2']);
    expect(calls).toEqual([null, '"v1"']);
    const merged = mergePlans(seeded, await cachedImportedPlans());
    expect(merged.map((p) => p.id)).toEqual(seeded.map((p) => p.id));
    expect(merged.find((p) => p.id === 'th-bc137-2024-pl2')?.title).toBe(corrected.title);
  });
});
