// The one-time-code sign-in form: its own checks before any request, and the server's refusal
// shown where it belongs (a wrong code next to the code, anything else under the form).
import { describe, expect, it, vi } from 'vitest';
import { fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { RedeemForm } from '../../src/auth/RedeemForm.tsx';

const fill = (label: string, value: string) => fireEvent.input(screen.getByLabelText(label), { target: { value } });
const errorOf = (label: string) => {
  const id = screen.getByLabelText(label).getAttribute('aria-describedby');
  return id ? document.getElementById(id)?.textContent : null;
};

describe('RedeemForm', () => {
  it('checks the two passwords itself, then shows a refused code next to the code field', async () => {
    const fetchMock = vi.fn(async () => new Response(JSON.stringify({ error: { code: 'auth/bad-code', message: 'Mã dùng một lần không đúng hoặc đã hết hạn' } }), { status: 401 }));
    vi.stubGlobal('fetch', fetchMock);
    render(<RedeemForm username="an.thon1" onLoggedIn={() => {}} onBack={() => {}} baseUrl="" />);
    expect((screen.getByLabelText('Tên đăng nhập') as HTMLInputElement).value).toBe('an.thon1');
    fill('Mã dùng một lần', 'abcd efgh');
    fill('Mật khẩu mới (ít nhất 8 ký tự)', 'mat-khau-1');
    fill('Nhập lại mật khẩu mới', 'mat-khau-2');
    fireEvent.click(screen.getByRole('button', { name: 'Đặt mật khẩu và đăng nhập' }));
    await waitFor(() => expect(errorOf('Nhập lại mật khẩu mới')).toBe('Hai lần nhập mật khẩu không giống nhau.'));
    expect(fetchMock).not.toHaveBeenCalled();

    fill('Nhập lại mật khẩu mới', 'mat-khau-1');
    fireEvent.click(screen.getByRole('button', { name: 'Đặt mật khẩu và đăng nhập' }));
    await waitFor(() => expect(errorOf('Mã dùng một lần')).toBe('Mã dùng một lần không đúng hoặc đã hết hạn'));
    const [url, init] = fetchMock.mock.calls[0] as unknown as [string, RequestInit];
    expect(url).toBe('/api/auth/redeem');
    // As printed: capitals, no spaces.
    expect(JSON.parse(String(init.body))).toEqual({ username: 'an.thon1', code: 'ABCDEFGH', newPassword: 'mat-khau-1' });
    vi.unstubAllGlobals();
  });

  it('says which field is empty, and a refusal other than the code under the form', async () => {
    const body = { error: { code: 'auth/too-many-attempts', message: 'Đăng nhập sai quá nhiều lần. Hãy thử lại sau.' } };
    const fetchMock = vi.fn(async () => new Response(JSON.stringify(body), { status: 429 }));
    vi.stubGlobal('fetch', fetchMock);
    render(<RedeemForm username="" onLoggedIn={() => {}} onBack={() => {}} baseUrl="" />);
    fill('Mật khẩu mới (ít nhất 8 ký tự)', 'mat-khau-1');
    fill('Nhập lại mật khẩu mới', 'mat-khau-1');
    fireEvent.click(screen.getByRole('button', { name: 'Đặt mật khẩu và đăng nhập' }));
    await waitFor(() => expect(errorOf('Tên đăng nhập')).toBe('Hãy điền ô này.'));
    expect(errorOf('Mã dùng một lần')).toBe('Hãy điền ô này.');
    expect(fetchMock).not.toHaveBeenCalled();
    fill('Tên đăng nhập', 'an.thon1');
    fill('Mã dùng một lần', 'ABCDEFGH');
    fireEvent.click(screen.getByRole('button', { name: 'Đặt mật khẩu và đăng nhập' }));
    await waitFor(() => expect(screen.getByText('Đăng nhập sai quá nhiều lần. Hãy thử lại sau.')).toBeTruthy());
    expect(errorOf('Mã dùng một lần')).toBeFalsy();
    vi.unstubAllGlobals();
  });
});
