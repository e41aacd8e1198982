import { describe, expect, it, vi } from 'vitest';
import { fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { renderWithServices } from '../helpers/render-with-services.tsx';
import { LoginScreen } from '../../src/auth/LoginScreen.tsx';
import { HomeScreen } from '../../src/home/HomeScreen.tsx';
import { CatalogueScreen } from '../../src/catalogue/CatalogueScreen.tsx';
import { ModelDetailScreen } from '../../src/models/ModelDetailScreen.tsx';
import { StatusForm } from '../../src/models/StatusForm.tsx';
import { SettingsScreen } from '../../src/settings/SettingsScreen.tsx';
import { encodeHlc } from '../../src/domain/sync/hlc.ts';

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

describe('HomeScreen', () => {
  it('shows Thiệu Vân reports: the monthly one overdue since 20/11, the weekly one due Monday', async () => {
    const { findAllByTestId } = renderWithServices(<HomeScreen now={NOW} />);
    const due = (await findAllByTestId('due-report')).map((li) => li.textContent ?? '');
    expect(due.some((t) => t.includes('Báo cáo tháng 11/2026') && t.includes('Hạn: trước 20/11/2026') && t.includes('quá hạn 5 ngày'))).toBe(true);
    expect(due.some((t) => t.includes('Báo cáo tuần 48/2026') && t.includes('01/12/2026'))).toBe(true);
  });

  it('a submitted report leaves the list; stale models and pending changes are counted', async () => {
    const { store, findByText, findAllByTestId, queryAllByTestId } = renderWithServices(<HomeScreen now={NOW} />, { now: NOW });
    await findByText('Mô hình lâu chưa cập nhật (11)');
    await store.write('reportVersion', 'tv@2026-11#1', 'tv', { reportId: 'tv@2026-11', version: 1, periodType: 'monthly', period: '2026-11', snapshot: {}, submittedAt: NOW }, 'u');
    await store.write('status', 'tv:mh-24', 'tv', { status: 'inProgress', progress: 30 }, 'u');
    await findByText('Mô hình lâu chưa cập nhật (10)');
    await waitFor(() => expect(queryAllByTestId('due-report').some((li) => li.textContent?.includes('tháng 11/2026'))).toBe(false));
    await waitFor(async () => expect((await findAllByTestId('home-pending'))[0]!.textContent).toBe('8 thay đổi đang chờ gửi lên máy chủ.'));
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
    await waitFor(() => expect(getByTestId('catalogue-count').textContent).toBe('30/30 mô hình · 11 đơn vị đã áp dụng'));
    expect((await findAllByTestId('model-row')).filter((r) => r.textContent?.includes('Đã áp dụng'))).toHaveLength(11);
    fireEvent.input(getByLabelText('Tìm mô hình'), { target: { value: 'cong dan so' } });
    await waitFor(() => expect(getByTestId('catalogue-count').textContent).toMatch(/^[1-9]\d*\/30/));
    const rows = await findAllByTestId('model-row');
    expect(rows.some((r) => r.textContent?.includes('Mô hình 24: Đảm bảo điều kiện công dân số'))).toBe(true);
    expect(rows.length).toBeLessThan(30);
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
    await waitFor(() => expect(getByTestId('catalogue-count').textContent).toBe(`30/30 mô hình · ${assigned} đơn vị đã áp dụng`));
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

describe('ModelDetailScreen', () => {
  it('shows the conflict of two offline edits and the history', async () => {
    const { store, findByTestId, findByText } = renderWithServices(<ModelDetailScreen adoptionId="tv:mh-24" now={NOW} />, { now: NOW });
    await store.write('status', 'tv:mh-24', 'tv', { progress: 50 }, 'u-thieuvan-congan');
    await store.applyPulled(
      [{ coll: 'status', id: 'tv:mh-24', field: 'progress', value: 60, hlc: encodeHlc({ wall: NOW + 60_000, counter: 0, device: 'thon1dev' }), base: null, unit: 'tv', author: 'u-thieuvan-thon1' }],
      1,
    );
    const conflict = await findByTestId('conflict');
    expect(conflict.textContent).toContain('2 người cùng sửa khi ngoại tuyến — giữ bản mới hơn; bản kia ở đây');
    expect(within(conflict).getByText(/Tiến độ:/).parentElement?.textContent).toContain('50%');
    expect((await findByTestId('current-status')).textContent).toContain('60%');
    expect(await findByText('Lịch sử cập nhật')).toBeTruthy();
  });

  it('shows deadline, units and source of the model', async () => {
    const { findByText, findAllByText } = renderWithServices(<ModelDetailScreen adoptionId="tv:mh-24" now={NOW} />);
    expect(await findByText('Đơn vị chủ trì')).toBeTruthy();
    expect((await findAllByText(/004_630b8fca6c728e9f\.txt/)).length).toBeGreaterThan(0);
  });
});

describe('SettingsScreen', () => {
  it('warns before logging out with unsynced changes', async () => {
    const logout = vi.fn(async () => {});
    const r = renderWithServices(<SettingsScreen />);
    r.services.logout = logout;
    await r.store.write('status', 'tv:mh-01', 'tv', { progress: 10 }, 'u');
    await waitFor(async () => expect(await r.store.outboxCount()).toBe(1));
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
