// The dashboard's fetch errors with the English interface: the same three cases told apart,
// in English, with none of the server's Vietnamese text.
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { installLanguage } from '../../src/i18n/messages.ts';
import { english } from '../../src/i18n/english.ts';
import { problemWith, refusal } from './dashboard-problem.tsx';

const SAVED = ' Showing the figures saved on this phone.';
beforeAll(() => installLanguage('en', english));

describe('dashboard fetch errors in English', () => {
  it('offline', async () => {
    expect(await problemWith(vi.fn(async () => Promise.reject(new TypeError('Failed to fetch'))))).toBe(`Could not reach the server.${SAVED}`);
  });

  it('server error', async () => {
    expect(await problemWith(refusal(500, 'server/internal', 'Lỗi máy chủ nội bộ'))).toBe(`The server had an error (code 500); please try again later.${SAVED}`);
  });

  it('refused (403, then 401)', async () => {
    expect(await problemWith(refusal(403, 'auth/forbidden-unit', 'Tài khoản không được xem số liệu của huyện Quảng Xương'))).toBe(
      `The server refused: your account may not see this unit’s summary figures.${SAVED}`,
    );
    expect(await problemWith(refusal(401, 'auth/invalid-token', 'Phiên đăng nhập không còn hiệu lực, vui lòng đăng nhập lại'))).toBe(
      `Your session has expired: log out and log in again to get fresh figures.${SAVED}`,
    );
  });
});
