import { describe, expect, it, vi } from 'vitest';
import { fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { renderWithServices } from '../helpers/render-with-services.tsx';
import { LoginScreen } from '../../src/auth/LoginScreen.tsx';
import { HomeScreen } from '../../src/home/HomeScreen.tsx';
import { CatalogueScreen } from '../../src/catalogue/CatalogueScreen.tsx';
import { ModelDetailScreen } from '../../src/models/ModelDetailScreen.tsx';
import { StatusForm } from '../../src/models/StatusForm.tsx';
import { SettingsScreen } from '../../src/settings/SettingsScreen.tsx';
import { encodeHlc, type Hlc } from '../../src/domain/sync/hlc.ts';
import { conflicts, joinBase, type Base, type FieldValue } from '../../src/domain/sync/merge.ts';
import type { Change } from '../../src/domain/sync/wire.ts';
import type { LocalStore } from '../../src/db/store.ts';
import { commentIdOf } from '../../src/domain/sync/ids.ts';

/** 25/11/2026 10:00 in Vietnam. */
const NOW = Date.UTC(2026, 10, 25, 3);

describe('LoginScreen', () => {
  it('has the accessible fields, asks for both, and shows the server message in Vietnamese', async () => {
    const fetchMock = vi.fn(async () => new Response(JSON.stringify({ error: { code: 'auth/bad-credentials', message: 'Sai tên đăng nhập hoặc mật khẩu.' } }), { status: 401 }));
    vi.stubGlobal('fetch', fetchMock);
    const onLoggedIn = vi.fn();
    render(<LoginScreen onLoggedIn={onLoggedIn} />);
    fireEvent.click(screen.getByRole('button', { name: 'Đăng nhập' }));
    expect(await screen.findByRole('alert')).toHaveProperty('textContent', 'Hãy nhập tên đăng nhập và mật khẩu.');
    expect(fetchMock).not.toHaveBeenCalled();
    fireEvent.input(screen.getByLabelText('Tên đăng nhập'), { target: { value: 'thieuvan.congan' } });
    fireEvent.input(screen.getByLabelText('Mật khẩu'), { target: { value: 'sai' } });
    fireEvent.click(screen.getByRole('button', { name: 'Đăng nhập' }));
    await waitFor(() => expect(screen.getByRole('alert').textContent).toBe('Sai tên đăng nhập hoặc mật khẩu.'));
    expect(onLoggedIn).not.toHaveBeenCalled();
    vi.unstubAllGlobals();
  });

  it('says the first login needs the network when offline', async () => {
    vi.spyOn(navigator, 'onLine', 'get').mockReturnValue(false);
    render(<LoginScreen onLoggedIn={() => {}} />);
    fireEvent.input(screen.getByLabelText('Tên đăng nhập'), { target: { value: 'a.b' } });
    fireEvent.input(screen.getByLabelText('Mật khẩu'), { target: { value: 'x' } });
    fireEvent.click(screen.getByRole('button', { name: 'Đăng nhập' }));
    expect((await screen.findByRole('alert')).textContent).toMatch(/cần có mạng/);
    vi.restoreAllMocks();
  });
});

/** The commune's first record on this phone (a colleague's, pulled): it began using the app then. */
async function beganUsing(store: LocalStore, wall: number) {
  const hlc = encodeHlc({ wall, counter: 0, device: 'thon1dev' });
  await store.applyPulled([{ coll: 'status', id: 'tv:mh-01', field: 'note', value: 'Bắt đầu dùng sổ tay', hlc, base: null, unit: 'tv', author: 'u-thieuvan-thon1', receivedAt: wall }], 1);
}

describe('HomeScreen', () => {
  it('shows Thiệu Vân reports: the monthly one overdue since 20/11, the weekly one due Monday', async () => {
    const { findAllByTestId, store } = renderWithServices(<HomeScreen now={NOW} />);
    await beganUsing(store, Date.UTC(2026, 10, 1, 3));
    await waitFor(async () => expect((await findAllByTestId('due-report')).some((li) => li.textContent?.includes('tháng 11/2026'))).toBe(true));
    const due = (await findAllByTestId('due-report')).map((li) => li.textContent ?? '');
    expect(due.some((t) => t.includes('Báo cáo tháng 11/2026') && t.includes('Hạn: trước 20/11/2026') && t.includes('quá hạn 5 ngày'))).toBe(true);
    expect(due.some((t) => t.includes('Báo cáo tuần 48/2026') && t.includes('01/12/2026'))).toBe(true);
  });

  // Issue 14, problem 8: "a new commune sees 11 overdue reports back to week 40 ('Chưa nộp (quá
  // hạn), quá hạn 1 ngày' says it twice)".
  it('day one is not a wall of red: nothing falls due before the commune began, and it is said once', async () => {
    const fresh = renderWithServices(<HomeScreen now={NOW} />);
    const first = (await fresh.findAllByTestId('due-report')).map((li) => li.textContent ?? '');
    expect(first.map((t) => t.match(/^Báo cáo [^H]+/)?.[0])).toEqual(['Báo cáo tuần 48/2026', 'Báo cáo tháng 12/2026']);
    expect(fresh.container.querySelectorAll('li.overdue')).toHaveLength(0);
    fresh.unmount();

    // Began on 01/11: weeks 44–47 and November are overdue; the three newest are listed, two folded.
    const r = renderWithServices(<HomeScreen now={NOW} />);
    await beganUsing(r.store, Date.UTC(2026, 10, 1, 3));
    expect((await r.findByTestId('older-overdue')).textContent).toBe('… và 2 kỳ báo cáo trước đó chưa nộp.');
    const overdue = [...r.container.querySelectorAll('li.overdue')].map((li) => li.textContent ?? '');
    expect(overdue).toHaveLength(3);
    expect(overdue[0]).toContain('Báo cáo tuần 47/2026');
    expect(overdue.find((t) => t.includes('tháng 11/2026'))).toContain('Chưa nộp, quá hạn 5 ngày');
    expect(overdue.join(' ')).not.toContain('(quá hạn), quá hạn');
    expect(r.container.textContent).not.toContain('tháng tháng');
  });

  // Issue 14, problem 4: "After the unit above returned the monthly report with a comment,
  // 'Báo cáo đến hạn' no longer lists it."
  it('a returned report is at the top of home, with the comment, and is not counted as sent', async () => {
    const r = renderWithServices(<HomeScreen now={NOW} />, { now: NOW });
    await beganUsing(r.store, Date.UTC(2026, 10, 1, 3));
    await r.store.write('reportVersion', 'tv@2026-11#1', 'tv', { reportId: 'tv@2026-11', version: 1, periodType: 'monthly', period: '2026-11', snapshot: {}, submittedAt: NOW - 10 * 86_400_000 }, 'u-thieuvan-congan');
    await r.store.write('report', 'tv@2026-11', 'tv', { periodType: 'monthly', period: '2026-11', title: 'Báo cáo tháng 11', state: 'submitted', version: 1 }, 'u-thieuvan-congan');
    await r.store.acknowledge(await r.store.db.outbox.count(), [], [], NOW - 9 * 86_400_000);
    const november = () => r.queryAllByTestId('due-report').find((li) => li.textContent?.includes('tháng 11/2026'));
    await waitFor(() => expect(november()).toBeUndefined());
    await r.store.write('comment', commentIdOf('tv@2026-11', 1, 'qx1'), 'tv', { reportId: 'tv@2026-11', reportVersion: 1, body: 'Bổ sung số liệu Thôn 3', returns: true, createdAt: NOW }, 'u-quangxuong-huyen');
    const top = await r.findByTestId('returned-reports');
    expect(top.textContent).toContain('Báo cáo tháng 11/2026');
    expect(top.textContent).toContain('Bị trả lại');
    expect(top.textContent).toContain('Bổ sung số liệu Thôn 3');
    expect(top.textContent).not.toContain('Đúng hạn');
    // First in the list: above the overdue and the coming reports.
    expect(r.getAllByTestId('due-report')[0]!.textContent).toContain('Báo cáo tháng 11/2026');
  });

  it('names the commune of each stale model for a district officer, and lists the first 30 of many', async () => {
    const r = renderWithServices(<HomeScreen now={NOW} />, { now: NOW, username: 'thanhpho.thanhhoa' });
    // Both communes of thành phố Thanh Hóa adopt every model of the catalogue: 60 adoptions, none updated.
    const catalogue = r.services.seed.catalogue.models;
    for (const unit of ['tv', 'dh']) for (const model of catalogue) await r.store.write('adoption', `${unit}:${model.id}`, unit, { modelId: model.id, villageIds: [], active: true }, 'u');
    const more = await r.findByTestId('stale-more');
    const title = r.getByText(/^Mô hình lâu chưa cập nhật \(/).textContent!;
    const count = Number(title.replace(/\D+/g, ''));
    expect(count).toBeGreaterThan(30);
    expect(more.textContent).toBe(`… và ${(count - 30).toLocaleString('vi-VN')} mô hình khác (xem đủ ở trang Tổng hợp).`);
    const links = [...more.parentElement!.querySelectorAll('ul.list a')].map((a) => a.textContent!);
    expect(links).toHaveLength(30);
    // Each line says whose it is: "<model> — xã …" (or "thị trấn …").
    for (const text of links) expect(text).toMatch(/ — (xã Thiệu Vân|phường Đông Hải)$/);
    expect(count).toBeLessThanOrEqual(2 * catalogue.length);
  });

  it('a submitted report leaves the list; stale models and pending changes are counted', async () => {
    const { store, findByText, findAllByTestId, queryAllByTestId } = renderWithServices(<HomeScreen now={NOW} />, { now: NOW });
    await beganUsing(store, Date.UTC(2026, 9, 1, 3));
    await findByText('Mô hình lâu chưa cập nhật (11)');
    await store.write('reportVersion', 'tv@2026-11#1', 'tv', { reportId: 'tv@2026-11', version: 1, periodType: 'monthly', period: '2026-11', snapshot: {}, submittedAt: NOW }, 'u');
    await store.write('status', 'tv:mh-24', 'tv', { status: 'inProgress', progress: 30 }, 'u');
    await findByText('Mô hình lâu chưa cập nhật (10)');
    // Only on this phone so far: shown as waiting to be sent, not as done.
    const november = () => queryAllByTestId('due-report').find((li) => li.textContent?.includes('tháng 11/2026'));
    await waitFor(() => expect(november()?.textContent).toContain('đã nộp trên máy, chờ gửi lên máy chủ'));
    // Two saves (of six fields and of two): two changes to the person who made them.
    await waitFor(async () => expect((await findAllByTestId('home-pending'))[0]!.textContent).toBe('2 thay đổi đang chờ gửi lên máy chủ.'));
    // The server acknowledged it (its clock stamps the receipt): the report leaves the list.
    await store.acknowledge(8, [], [], NOW);
    await waitFor(() => expect(november()).toBeUndefined());
  });

  it('Đông Hải reports before the 12th', async () => {
    const { findAllByTestId } = renderWithServices(<HomeScreen now={NOW} />, { username: 'donghai.congan' });
    const due = (await findAllByTestId('due-report')).map((li) => li.textContent ?? '');
    expect(due.some((t) => t.includes('tháng 12/2026') && t.includes('12/12/2026'))).toBe(true);
    expect(due.every((t) => !t.includes('tuần'))).toBe(true);
  });
});

describe('CatalogueScreen', () => {
  it('groups 30 models, marks the 11 adopted, and searches without diacritics', async () => {
    const { findAllByTestId, getByLabelText, getByTestId } = renderWithServices(<CatalogueScreen />);
    // Issue 14, problem 8: "11 đơn vị đã áp dụng" meant 11 models.
    await waitFor(() => expect(getByTestId('catalogue-count').textContent).toBe('30/30 mô hình · 11 mô hình đã áp dụng'));
    expect((await findAllByTestId('model-row')).filter((r) => r.textContent?.includes('Đã áp dụng'))).toHaveLength(11);
    fireEvent.input(getByLabelText('Tìm mô hình'), { target: { value: 'cong dan so' } });
    await waitFor(() => expect(getByTestId('catalogue-count').textContent).toMatch(/^[1-9]\d*\/30/));
    const rows = await findAllByTestId('model-row');
    expect(rows.some((r) => r.textContent?.includes('Mô hình 24: Đảm bảo điều kiện công dân số'))).toBe(true);
    expect(rows.length).toBeLessThan(30);
    // Issue 14, problem 11: Mô hình 24 "công dân số" above Mô hình 3 and 5.
    const at = (prefix: string) => rows.findIndex((r) => r.textContent?.startsWith(prefix));
    expect(at('Mô hình 24:')).toBe(0);
    expect(at('Mô hình 3:')).toBeGreaterThan(0);
    expect(at('Mô hình 5:')).toBeGreaterThan(0);
  });

  it('filters by group and by status of adopted models', async () => {
    const { store, getByLabelText, getByTestId, findAllByTestId } = renderWithServices(<CatalogueScreen />);
    await store.write('status', 'tv:mh-24', 'tv', { status: 'done', progress: 100 }, 'u');
    fireEvent.change(getByLabelText('Tình trạng'), { target: { value: 'done' } });
    await waitFor(() => expect(getByTestId('catalogue-count').textContent).toMatch(/^1\/30/));
    expect((await findAllByTestId('model-row'))[0]!.textContent).toContain('Đã hoàn thành · 100%');
    fireEvent.change(getByLabelText('Tình trạng'), { target: { value: '' } });
    fireEvent.change(getByLabelText('Nhóm'), { target: { value: 'leadership' } });
    await waitFor(() => expect(getByTestId('catalogue-count').textContent).toMatch(/^2\/30/));
  });

  it('a village member sees only the models assigned to its village as adopted', async () => {
    const { getByTestId, seed } = renderWithServices(<CatalogueScreen />, { username: 'thieuvan.thon1' });
    const assigned = seed.adoptions.filter((a) => a.villageIds.includes('tv-thon-1')).length;
    expect(assigned).toBeGreaterThan(0);
    expect(assigned).toBeLessThan(11);
    await waitFor(() => expect(getByTestId('catalogue-count').textContent).toBe(`30/30 mô hình · ${assigned} mô hình đã áp dụng`));
  });
});

describe('StatusForm', () => {
  it('refuses a bad progress with a Vietnamese message beside the field', async () => {
    const { findByLabelText, getByRole, findByText, store } = renderWithServices(<StatusForm adoptionId="tv:mh-24" />);
    fireEvent.input(await findByLabelText('Tiến độ (%)'), { target: { value: 'abc' } });
    fireEvent.click(getByRole('button', { name: 'Lưu' }));
    expect(await findByText('Tiến độ phải là một số, ví dụ 75 hoặc 96,5')).toBeTruthy();
    fireEvent.change(await findByLabelText('Tình trạng'), { target: { value: 'done' } });
    fireEvent.input(await findByLabelText('Tiến độ (%)'), { target: { value: '80' } });
    fireEvent.click(getByRole('button', { name: 'Lưu' }));
    expect(await findByText('Đã hoàn thành thì tiến độ phải là 100%')).toBeTruthy();
    expect(await store.outboxCount()).toBe(0);
  });

  it('keeps what was typed across a reload (draft in IndexedDB) and saves to the outbox', async () => {
    const first = renderWithServices(<StatusForm adoptionId="tv:mh-24" />);
    fireEvent.input(await first.findByLabelText('Khó khăn, vướng mắc'), { target: { value: 'Thiếu điện thoại thông minh' } });
    fireEvent.input(await first.findByLabelText('Tiến độ (%)'), { target: { value: '96,5' } });
    await first.findByText('Đã lưu nháp trên máy');
    first.unmount();
    const again = renderWithServices(<StatusForm adoptionId="tv:mh-24" />, { dbName: first.dbName });
    expect(((await again.findByLabelText('Khó khăn, vướng mắc')) as HTMLTextAreaElement).value).toBe('Thiếu điện thoại thông minh');
    expect(((await again.findByLabelText('Tiến độ (%)')) as HTMLInputElement).value).toBe('96,5');
    fireEvent.click(again.getByRole('button', { name: 'Lưu' }));
    await waitFor(async () => expect(await again.store.values('status', 'tv:mh-24')).toMatchObject({ progress: 96.5, difficulties: 'Thiếu điện thoại thông minh' }));
    expect(await again.store.outboxCount()).toBeGreaterThanOrEqual(3);
    expect(await again.store.draft('status:tv:mh-24')).toBeUndefined();
  });
});

// Issue 10, problem 1: a save must be made against what the form showed. The record of Mô
// hình 24 was written yesterday by the village team (Thôn 1); the commune police officer
// signed in here opens its status form.
describe('StatusForm saves against what it showed', () => {
  const ADOPTION = 'tv:mh-24';
  const COLLEAGUE = 'u-thieuvan-thon1';
  const OTHER = 'u-donghai-congan';
  const YESTERDAY = NOW - 86_400_000;
  const at = (wall: number, device = 'thon1dev'): Hlc => encodeHlc({ wall, counter: 0, device });
  const pulled = (field: string, value: FieldValue, hlc: Hlc, base: Hlc[] = [], author = COLLEAGUE): Change => ({
    coll: 'status', id: ADOPTION, field, value, hlc, base: joinBase(base), unit: 'tv', author, receivedAt: hlc === null ? null : NOW,
  });
  const first: Record<string, FieldValue> = { status: 'inProgress', progress: 30, asOf: '2026-11-25', note: 'Đã họp thôn', difficulties: '', causes: '', proposals: '' };
  const firstStamp = (field: string) => at(YESTERDAY + Object.keys(first).indexOf(field));
  let cursor = 0;
  const pull = (store: LocalStore, ...changes: Change[]) => store.applyPulled(changes, (cursor += 1));

  async function openForm() {
    const r = renderWithServices(<StatusForm adoptionId={ADOPTION} now={() => NOW} />, { now: NOW });
    r.services.sync.people = new Map([[COLLEAGUE, 'Nguyễn Văn A'], [OTHER, 'Trần Thị B']]);
    await pull(r.store, ...Object.entries(first).map(([f, v]) => pulled(f, v, firstStamp(f))));
    const input = (label: string) => r.getByLabelText(label) as HTMLInputElement | HTMLTextAreaElement;
    await waitFor(() => expect(input('Tiến độ (%)').value).toBe('30'));
    return { ...r, input };
  }
  const outbox = (store: LocalStore) => store.db.outbox.orderBy('seq').toArray();
  const heads = async (store: LocalStore, field: string) => (await store.doc('status', ADOPTION))!.fields[field]!.heads;

  it('a colleague’s note pulled while the form is open is shown with their name; saving progress sends only progress', async () => {
    const r = await openForm();
    // Two offline edits of "Khó khăn" already conflict: the form shows them and must leave them be.
    await pull(r.store, pulled('difficulties', 'Thiếu máy', at(YESTERDAY + 60_000, 'thon2dev'), [firstStamp('difficulties')], OTHER), pulled('difficulties', 'Sóng yếu', at(YESTERDAY + 90_000), [firstStamp('difficulties')]));
    await waitFor(() => expect(r.container.querySelector('[data-testid="field-conflict"][data-field="difficulties"]')).not.toBeNull());

    await pull(r.store, pulled('note', 'Thôn 1 đã hướng dẫn 70% hộ', at(NOW - 60_000), [firstStamp('note')]));
    await waitFor(() => expect(r.input('Ghi chú, kết quả').value).toBe('Thôn 1 đã hướng dẫn 70% hộ'));
    expect((await r.findByText('Nguyễn Văn A vừa cập nhật ô này')).closest('.field')?.textContent).toContain('Ghi chú, kết quả');

    fireEvent.input(r.input('Tiến độ (%)'), { target: { value: '60' } });
    fireEvent.click(r.getByRole('button', { name: 'Lưu' }));
    await waitFor(() => expect(location.hash).toBe(`#/models/${encodeURIComponent(ADOPTION)}`));

    const sent = await outbox(r.store);
    expect(sent.map((c) => [c.field, c.value, c.base])).toEqual([['progress', 60, firstStamp('progress')]]);
    expect(await r.store.values('status', ADOPTION)).toMatchObject({ progress: 60, note: 'Thôn 1 đã hướng dẫn 70% hộ' });
    expect((await heads(r.store, 'note')).map((h) => h.hlc)).toEqual([at(NOW - 60_000)]);
    // The conflict the officer did not resolve is still there, both values.
    expect((await heads(r.store, 'difficulties')).map((h) => h.value).sort()).toEqual(['Sóng yếu', 'Thiếu máy']);
  });

  it('a new progress is dated today: the date shown changes and is sent with it', async () => {
    const r = await openForm();
    await pull(r.store, pulled('asOf', '2026-11-01', at(NOW - 60_000), [firstStamp('asOf')]));
    await waitFor(() => expect(r.input('Ngày đánh giá').value).toBe('2026-11-01'));
    fireEvent.input(r.input('Tiến độ (%)'), { target: { value: '45' } });
    expect(r.input('Ngày đánh giá').value).toBe('2026-11-25');
    fireEvent.click(r.getByRole('button', { name: 'Lưu' }));
    await waitFor(async () => expect(await outbox(r.store)).toHaveLength(2));
    expect((await outbox(r.store)).map((c) => [c.field, c.value, c.base])).toEqual([['progress', 45, firstStamp('progress')], ['asOf', '2026-11-25', at(NOW - 60_000)]]);
  });

  it('a colleague’s note arriving in the note being typed is shown beside it; saving keeps both values', async () => {
    const r = await openForm();
    fireEvent.input(r.input('Ghi chú, kết quả'), { target: { value: 'Công an xã: đã rà soát 50%' } });
    await pull(r.store, pulled('note', 'Thôn 1 đã hướng dẫn 70% hộ', at(NOW - 60_000), [firstStamp('note')]));

    const box = await r.findByTestId('field-conflict');
    expect(box.dataset.field).toBe('note');
    expect(box.textContent).toContain('Nguyễn Văn A vừa sửa ô này khi bạn đang nhập');
    const [mine, theirs] = within(box).getAllByRole('listitem');
    expect(mine!.textContent).toContain('Công an xã: đã rà soát 50%');
    expect(theirs!.textContent).toContain('Thôn 1 đã hướng dẫn 70% hộ');
    expect(theirs!.textContent).toContain('Nguyễn Văn A · ');
    expect(theirs!.textContent).toMatch(/\d{2}\/\d{2}\/2026/);
    // What was typed stays in the field.
    expect(r.input('Ghi chú, kết quả').value).toBe('Công an xã: đã rà soát 50%');

    fireEvent.click(r.getByRole('button', { name: 'Lưu' }));
    await waitFor(async () => expect(await outbox(r.store)).toHaveLength(1));
    const [sent] = await outbox(r.store);
    // Sent against the note the officer saw when typing began, not the colleague's.
    expect([sent!.field, sent!.base]).toEqual(['note', firstStamp('note')]);
    const state = (await r.store.doc('status', ADOPTION))!.fields.note!;
    expect(state.heads.map((h) => h.value).sort()).toEqual(['Công an xã: đã rà soát 50%', 'Thôn 1 đã hướng dẫn 70% hộ']);
    expect(conflicts(state)).toHaveLength(1); // visible as a concurrent value everywhere
  });

  it('"Giữ bản này" on the typed side resolves, naming the colleague’s value as seen', async () => {
    const r = await openForm();
    fireEvent.input(r.input('Ghi chú, kết quả'), { target: { value: 'Bản của công an' } });
    await pull(r.store, pulled('note', 'Bản của thôn', at(NOW - 60_000), [firstStamp('note')]));
    const box = await r.findByTestId('field-conflict');
    fireEvent.click(within(box.querySelector<HTMLElement>('[data-side="mine"]')!).getByRole('button', { name: 'Giữ bản này' }));
    await waitFor(async () => expect(await outbox(r.store)).toHaveLength(1));
    const [sent] = await outbox(r.store);
    expect([sent!.field, sent!.value, sent!.base]).toEqual(['note', 'Bản của công an', at(NOW - 60_000)]);
    expect((await heads(r.store, 'note')).map((h) => h.value)).toEqual(['Bản của công an']);
    await waitFor(() => expect(r.queryByTestId('field-conflict')).toBeNull());
    expect((await r.store.draft(`status:${ADOPTION}`))?.edits ?? {}).not.toHaveProperty('note');
  });

  it('"Giữ bản này" on the colleague’s side drops what was typed and writes nothing', async () => {
    const r = await openForm();
    fireEvent.input(r.input('Ghi chú, kết quả'), { target: { value: 'Bản của công an' } });
    await pull(r.store, pulled('note', 'Bản của thôn', at(NOW - 60_000), [firstStamp('note')]));
    const box = await r.findByTestId('field-conflict');
    fireEvent.click(within(box.querySelector<HTMLElement>('[data-side="other"]')!).getByRole('button', { name: 'Giữ bản này' }));
    await waitFor(() => expect(r.input('Ghi chú, kết quả').value).toBe('Bản của thôn'));
    expect(r.queryByTestId('field-conflict')).toBeNull();
    expect(await outbox(r.store)).toHaveLength(0);
    expect((await heads(r.store, 'note')).map((h) => h.value)).toEqual(['Bản của thôn']);
  });

  it('a restored draft keeps the stamps seen when typing began: a change made meanwhile shows as a conflict and survives the save', async () => {
    const r = await openForm();
    fireEvent.input(r.input('Kiến nghị, đề xuất'), { target: { value: 'Cấp thêm 20 điện thoại' } });
    await r.findByText('Đã lưu nháp trên máy');
    r.unmount();
    // While the app was closed, sync brought the colleague's proposal.
    await pull(r.store, pulled('proposals', 'Mở lớp tập huấn', at(NOW - 30_000), [firstStamp('proposals')]));

    const again = renderWithServices(<StatusForm adoptionId={ADOPTION} now={() => NOW} />, { now: NOW, dbName: r.dbName });
    again.services.sync.people = new Map([[COLLEAGUE, 'Nguyễn Văn A']]);
    expect(((await again.findByLabelText('Kiến nghị, đề xuất')) as HTMLTextAreaElement).value).toBe('Cấp thêm 20 điện thoại');
    const box = await again.findByTestId('field-conflict');
    expect(box.dataset.field).toBe('proposals');
    expect(box.textContent).toContain('Mở lớp tập huấn');
    fireEvent.click(again.getByRole('button', { name: 'Lưu' }));
    await waitFor(async () => expect(await outbox(again.store)).toHaveLength(1));
    const [sent] = await outbox(again.store);
    expect([sent!.field, sent!.base]).toEqual(['proposals', firstStamp('proposals')]);
    expect((await heads(again.store, 'proposals')).map((h) => h.value).sort()).toEqual(['Cấp thêm 20 điện thoại', 'Mở lớp tập huấn']);
  });
});

describe('ModelDetailScreen', () => {
  it('shows the conflict of two offline edits and the history', async () => {
    const { store, findByTestId, findByText } = renderWithServices(<ModelDetailScreen adoptionId="tv:mh-24" now={NOW} />, { now: NOW });
    await store.write('status', 'tv:mh-24', 'tv', { progress: 50 }, 'u-thieuvan-congan');
    await store.applyPulled(
      [{ coll: 'status', id: 'tv:mh-24', field: 'progress', value: 60, hlc: encodeHlc({ wall: NOW + 60_000, counter: 0, device: 'thon1dev' }), base: null, unit: 'tv', author: 'u-thieuvan-thon1', receivedAt: NOW + 61_000 }],
      1,
    );
    const conflict = await findByTestId('conflict');
    expect(conflict.textContent).toContain('2 người cùng sửa khi ngoại tuyến — giữ bản mới hơn; bản kia ở đây');
    const progress = conflict.querySelector<HTMLElement>('[data-field="progress"]')!;
    expect(progress.textContent).toContain('Tiến độ');
    expect(within(progress).getAllByTestId('version').map((v) => v.querySelector('.keep-value')?.textContent)).toEqual(['60%', '50%']);
    expect(conflict.textContent).not.toContain('nhập lại và lưu');
    expect((await findByTestId('current-status')).textContent).toContain('60%');
    expect(await findByText('Lịch sử cập nhật')).toBeTruthy();
  });

  async function twoVersions(username = 'thieuvan.congan') {
    const r = renderWithServices(<ModelDetailScreen adoptionId="tv:mh-24" now={NOW} />, { now: NOW, username });
    await r.store.write('status', 'tv:mh-24', 'tv', { progress: 50 }, 'u-thieuvan-congan');
    const local = (await r.store.doc('status', 'tv:mh-24'))!.fields.progress!.heads[0]!.hlc;
    const remote = encodeHlc({ wall: NOW + 60_000, counter: 0, device: 'thon1dev' });
    await r.store.applyPulled([{ coll: 'status', id: 'tv:mh-24', field: 'progress', value: 60, hlc: remote, base: null, unit: 'tv', author: 'u-thieuvan-thon1', receivedAt: NOW + 61_000 }], 1);
    const conflict = await r.findByTestId('conflict');
    return { ...r, conflict, both: joinBase([local, remote]) as Base };
  }
  const keepButton = (conflict: HTMLElement, shown: string) =>
    within(within(conflict).getAllByTestId('version').find((v) => v.querySelector('.keep-value')?.textContent === shown)!).getByRole('button', { name: 'Giữ bản này' });

  for (const [side, chosen] of [['the value shown (newer)', 60], ['the other value', 50]] as const) {
    it(`"Giữ bản này" on ${side} resolves: one value left, written against both`, async () => {
      const r = await twoVersions();
      fireEvent.click(keepButton(r.conflict, `${chosen}%`));
      await waitFor(() => expect(r.queryByTestId('conflict')).toBeNull());
      const state = (await r.store.doc('status', 'tv:mh-24'))!.fields.progress!;
      expect(state.heads.map((h) => h.value)).toEqual([chosen]);
      const last = (await r.store.db.outbox.orderBy('seq').toArray()).at(-1)!;
      expect([last.field, last.value, last.base]).toEqual(['progress', chosen, r.both]);
      expect((await r.findByTestId('current-status')).textContent).toContain(`${chosen}%`);
    });
  }

  it('offers no choice to the province, which cannot edit the record', async () => {
    const r = await twoVersions('thanhhoa.tinh');
    expect(within(r.conflict).getAllByTestId('version')).toHaveLength(2);
    expect(within(r.conflict).queryByRole('button', { name: 'Giữ bản này' })).toBeNull();
    expect(r.conflict.textContent).toContain('Người được giao cập nhật mô hình này sẽ chọn bản đúng.');
  });

  it('shows deadline, units and source of the model', async () => {
    const { findByText, findAllByText } = renderWithServices(<ModelDetailScreen adoptionId="tv:mh-24" now={NOW} />);
    expect(await findByText('Đơn vị chủ trì')).toBeTruthy();
    // Cited by the document's title and section, never its file name (issue 11).
    expect((await findAllByText(/Kế hoạch của UBND xã Thiệu Vân, tháng 02\/2024 — mục II\.5/)).length).toBeGreaterThan(0);
  });
});

// Issue 14, problems 9 and 11, on the model pages.
describe('model pages: one save is one entry, focus on the field to fix, no dead ends', () => {
  it('after a bad value the first invalid field has the focus; the request at the top goes once it is fixed', async () => {
    const r = renderWithServices(<StatusForm adoptionId="tv:mh-24" now={() => NOW} />, { now: NOW });
    const progress = (await r.findByLabelText('Tiến độ (%)')) as HTMLInputElement;
    fireEvent.input(progress, { target: { value: 'abc' } });
    const save = r.getByRole('button', { name: 'Lưu' });
    save.focus();
    fireEvent.click(save);
    expect(await r.findByText('Vui lòng sửa các ô được đánh dấu.')).toBeTruthy();
    expect(document.activeElement).toBe(progress);
    fireEvent.input(progress, { target: { value: '75' } });
    await waitFor(() => expect(r.queryByText('Vui lòng sửa các ô được đánh dấu.')).toBeNull());
    expect(r.queryByText('Tiến độ phải là một số, ví dụ 75 hoặc 96,5')).toBeNull();
    expect(progress.getAttribute('aria-invalid')).toBe('false');
  });

  it('one save of seven fields is one history entry without “(trống)”, and one pending change', async () => {
    const r = renderWithServices(<StatusForm adoptionId="tv:mh-24" now={() => NOW} />, { now: NOW });
    fireEvent.input(await r.findByLabelText('Tiến độ (%)'), { target: { value: '40' } });
    for (const [label, text] of [['Ghi chú, kết quả', 'Đã họp thôn'], ['Khó khăn, vướng mắc', 'Thiếu máy'], ['Nguyên nhân', 'Sóng yếu'], ['Kiến nghị, đề xuất', 'Hỗ trợ máy']] as const) {
      fireEvent.input(r.getByLabelText(label), { target: { value: text } });
    }
    fireEvent.click(r.getByRole('button', { name: 'Lưu' }));
    await waitFor(async () => expect(await r.store.outboxCount()).toBe(7));
    await waitFor(() => expect(r.getByTestId('pending-count').textContent).toBe('1 thay đổi chưa đồng bộ'));
    r.unmount();

    const detail = renderWithServices(<ModelDetailScreen adoptionId="tv:mh-24" now={NOW} />, { dbName: r.dbName, now: NOW });
    await waitFor(() => expect(detail.getAllByTestId('history-entry')).toHaveLength(1));
    expect(detail.getByTestId('history-entry').querySelectorAll('div')).toHaveLength(7);
    expect(detail.getByTestId('pending-count').textContent).toBe('1 thay đổi chưa đồng bộ');
  });

  it('a colleague’s first save with empty texts shows only what it said', async () => {
    const r = renderWithServices(<ModelDetailScreen adoptionId="tv:mh-24" now={NOW} />, { now: NOW });
    const values: Record<string, FieldValue> = { status: 'inProgress', progress: 30, asOf: '2026-11-25', note: 'Đã họp thôn', difficulties: '', causes: '', proposals: '' };
    await r.store.applyPulled(
      Object.entries(values).map(([field, value], i) => ({ coll: 'status' as const, id: 'tv:mh-24', field, value, hlc: encodeHlc({ wall: NOW - 3_600_000, counter: i, device: 'thon1dev' }), base: null, unit: 'tv', author: 'u-thieuvan-thon1', receivedAt: NOW })),
      1,
    );
    await waitFor(() => expect(r.getAllByTestId('history-entry')).toHaveLength(1));
    const entry = r.getByTestId('history-entry');
    expect(entry.querySelectorAll('div')).toHaveLength(4);
    expect(entry.textContent).not.toContain('(trống)');
    expect(entry.textContent).toContain('Ghi chú, kết quả: Đã họp thôn');
  });

  it('a status form of a model that does not exist, or is not the user’s, says so and leads back', async () => {
    for (const id of ['tv:mh-99', 'dh:mh-24']) {
      const r = renderWithServices(<StatusForm adoptionId={id} />);
      expect((await r.findByRole('alert')).textContent).toContain('Không tìm thấy mô hình này trong đơn vị của bạn.');
      expect(r.getByRole('link', { name: '← Danh mục mô hình' }).getAttribute('href')).toBe('#/catalogue');
      expect(r.queryByText('Đang tải…')).toBeNull();
      r.unmount();
    }
  });

  it('model pages lead back; a province officer is told which commune the model belongs to', async () => {
    const own = renderWithServices(<ModelDetailScreen adoptionId="tv:mh-24" now={NOW} />);
    expect((await own.findByRole('link', { name: '← Danh mục mô hình' })).getAttribute('href')).toBe('#/catalogue');
    expect(own.queryByTestId('model-unit')).toBeNull();
    own.unmount();
    const province = renderWithServices(<ModelDetailScreen adoptionId="tv:mh-24" now={NOW} />, { username: 'thanhhoa.tinh' });
    expect((await province.findByTestId('model-unit')).textContent).toBe('Mô hình của xã Thiệu Vân');
    province.unmount();
    const form = renderWithServices(<StatusForm adoptionId="tv:mh-24" />);
    expect((await form.findByRole('link', { name: '← Mô hình 24: Đảm bảo điều kiện công dân số' })).getAttribute('href')).toBe(`#/models/${encodeURIComponent('tv:mh-24')}`);
  });
});

describe('SettingsScreen', () => {
  it('warns before logging out with unsynced changes', async () => {
    const logout = vi.fn(async () => {});
    const r = renderWithServices(<SettingsScreen />);
    r.services.logout = logout;
    await r.store.write('status', 'tv:mh-01', 'tv', { progress: 10 }, 'u');
    await waitFor(async () => expect(await r.store.outboxCount()).toBe(1));
    await waitFor(() => expect(r.getByTestId('pending-count').textContent).toBe('1 thay đổi chưa đồng bộ'));
    fireEvent.click(await r.findByRole('button', { name: 'Đăng xuất' }));
    expect((await r.findByRole('alert')).textContent).toMatch(/Còn 1 thay đổi chưa đồng bộ/);
    expect(logout).not.toHaveBeenCalled();
  });
});

describe('device PIN', () => {
  it('is set in settings, refuses a wrong PIN and unlocks with the right one, offline', async () => {
    const { PinLockScreen } = await import('../../src/auth/PinLockScreen.tsx');
    const { hasPin, clearPin } = await import('../../src/auth/pin.ts');
    await clearPin();
    const r = renderWithServices(<SettingsScreen />);
    fireEvent.input(await r.findByLabelText('Mã PIN mới'), { target: { value: '12a4' } });
    fireEvent.click(r.getByRole('button', { name: 'Đặt mã PIN' }));
    expect((await r.findByRole('alert')).textContent).toBe('Mã PIN gồm 4–8 chữ số.');
    fireEvent.input(r.getByLabelText('Mã PIN mới'), { target: { value: '2468' } });
    fireEvent.input(r.getByLabelText('Nhập lại mã PIN'), { target: { value: '2468' } });
    fireEvent.click(r.getByRole('button', { name: 'Đặt mã PIN' }));
    await r.findByText('Đã đặt mã PIN. Lần sau mở ứng dụng sẽ hỏi mã này.');
    expect(await hasPin()).toBe(true);
    r.unmount();

    const unlocked = vi.fn();
    render(<PinLockScreen onUnlocked={unlocked} onForgot={() => {}} />);
    fireEvent.input(screen.getByLabelText('Mã PIN của máy'), { target: { value: '1111' } });
    fireEvent.click(screen.getByRole('button', { name: 'Mở khóa' }));
    expect((await screen.findByRole('alert')).textContent).toBe('Mã PIN không đúng.');
    expect(unlocked).not.toHaveBeenCalled();
    fireEvent.input(screen.getByLabelText('Mã PIN của máy'), { target: { value: '2468' } });
    fireEvent.click(screen.getByRole('button', { name: 'Mở khóa' }));
    await waitFor(() => expect(unlocked).toHaveBeenCalledOnce());
    await clearPin();
  });
});
