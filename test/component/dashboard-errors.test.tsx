// When the district dashboard cannot fetch its roll-ups it says why in its own words, told apart:
// no answer (offline), the server refused this account (401/403), or the server failed. The
// server's own text is never shown: it is Vietnamese only and can name internal ids.
import { describe, expect, it, vi } from 'vitest';
import { problemWith, refusal } from './dashboard-problem.tsx';

const SAVED = ' Đang xem số liệu đã lưu trên máy.';

describe('dashboard fetch errors', () => {
  it('offline: no answer at all says the server could not be reached', async () => {
    expect(await problemWith(vi.fn(async () => Promise.reject(new TypeError('Failed to fetch'))))).toBe(`Không kết nối được máy chủ.${SAVED}`);
  });

  it('server error: a failure of the server says so with its status, not the server’s words', async () => {
    const internal = await problemWith(refusal(500, 'server/internal', 'SQLITE_BUSY: database is locked'));
    expect(internal).toBe(`Máy chủ đang gặp lỗi (mã 500); hãy thử lại sau.${SAVED}`);
    // An answer that is not JSON (a proxy's error page) is a server error too.
    expect(await problemWith(vi.fn(async () => new Response('<h1>Bad Gateway</h1>', { status: 502 })))).toBe(`Máy chủ đang gặp lỗi (mã 502); hãy thử lại sau.${SAVED}`);
    // The server's text names the unit by its id; ours does not.
    const unknown = await problemWith(refusal(404, 'rollup/unknown-unit', 'Không có đơn vị qx'));
    expect(unknown).toBe(`Máy chủ chưa có đơn vị này (đơn vị có thể đã được sáp nhập hoặc đổi tên).${SAVED}`);
  });

  it('refused: 403 (not this account’s unit) and 401 (session over) each say what to do', async () => {
    const forbidden = await problemWith(refusal(403, 'auth/forbidden-unit', 'Tài khoản không được xem số liệu của huyện Quảng Xương'));
    expect(forbidden).toBe(`Máy chủ từ chối: tài khoản của bạn không được xem số liệu tổng hợp của đơn vị này.${SAVED}`);
    const expired = await problemWith(refusal(401, 'auth/token-expired', 'Phiên đăng nhập đã hết hạn, vui lòng đăng nhập lại'));
    expect(expired).toBe(`Phiên đăng nhập đã hết hạn: hãy đăng xuất rồi đăng nhập lại để lấy số liệu mới.${SAVED}`);
    const revoked = await problemWith(refusal(401, 'auth/device-revoked', 'Thiết bị này đã bị thu hồi quyền truy cập, vui lòng đăng nhập lại'));
    expect(revoked).toBe(`Máy chủ từ chối: điện thoại này đã bị thu hồi quyền truy cập; hãy đăng nhập lại.${SAVED}`);
    // A refusal with no code of ours (a proxy in front of the server) goes by its status.
    expect(await problemWith(vi.fn(async () => new Response('Forbidden', { status: 403 })))).toBe(forbidden);
  });
});
