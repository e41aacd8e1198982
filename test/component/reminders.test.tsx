// When the app asks for the notification permission (issue 15): only after the person has
// submitted a report on this phone, with an explanation, and only on their tap — never by itself.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fireEvent, waitFor } from '@testing-library/preact';
import { ReminderOffer, hasSubmitted } from '../../src/reminders/Reminders.tsx';
import { offerDismissed } from '../../src/reminders/prefs.ts';
import { renderWithServices } from '../helpers/render-with-services.tsx';

const VERSION = { reportId: 'tv@2026-11', version: 1, periodType: 'monthly', period: '2026-11', snapshot: {}, submittedAt: Date.UTC(2026, 10, 18) };

describe('the reminder offer', () => {
  let requestPermission: ReturnType<typeof vi.fn>;
  beforeEach(() => {
    // A browser that can show notifications and has not been asked yet (happy-dom has neither API).
    requestPermission = vi.fn(async () => 'granted');
    vi.stubGlobal('Notification', { permission: 'default', requestPermission });
    Object.defineProperty(navigator, 'serviceWorker', { value: {}, configurable: true });
  });
  afterEach(() => {
    vi.unstubAllGlobals();
    delete (navigator as { serviceWorker?: unknown }).serviceWorker;
  });

  it('appears once the person submitted a report, explains, and asks only when tapped', async () => {
    const r = renderWithServices(<ReminderOffer />);
    // A colleague's report does not count: the offer is about this person's own deadlines.
    await r.store.write('reportVersion', 'tv@2026-10#1', 'tv', { ...VERSION, reportId: 'tv@2026-10', period: '2026-10' }, 'u-thieuvan-lanhdao');
    expect(await hasSubmitted(r.store, 'u-thieuvan-congan')).toBe(false);
    expect(r.queryByTestId('reminder-offer')).toBeNull();
    await r.store.write('reportVersion', 'tv@2026-11#1', 'tv', VERSION, 'u-thieuvan-congan');
    expect(await hasSubmitted(r.store, 'u-thieuvan-congan')).toBe(true);
    const offer = await r.findByTestId('reminder-offer');
    expect(offer.textContent).toContain('trước 2 ngày và sáng ngày cuối');
    expect(offer.textContent).toContain('kể cả khi không có mạng');
    expect(requestPermission).not.toHaveBeenCalled();

    fireEvent.click(r.getByRole('button', { name: 'Bật nhắc hạn' }));
    await waitFor(() => expect(requestPermission).toHaveBeenCalledOnce());
    expect((await r.findByTestId('reminder-answer')).textContent).toBe('Đã bật nhắc hạn báo cáo.');
  });

  it('“Để sau” puts it away for good on this phone, without asking', async () => {
    const r = renderWithServices(<ReminderOffer />);
    await r.store.write('reportVersion', 'tv@2026-11#1', 'tv', VERSION, 'u-thieuvan-congan');
    fireEvent.click(await r.findByRole('button', { name: 'Để sau' }));
    await waitFor(() => expect(r.queryByTestId('reminder-offer')).toBeNull());
    r.unmount();
    // Opened again: the person's answer is kept on the phone (idb-keyval), so still nothing.
    const again = renderWithServices(<ReminderOffer />, { dbName: r.dbName });
    expect(await offerDismissed('u-thieuvan-congan')).toBe(true);
    expect(await hasSubmitted(again.store, 'u-thieuvan-congan')).toBe(true);
    expect(again.queryByTestId('reminder-offer')).toBeNull();
    expect(requestPermission).not.toHaveBeenCalled();
  });
});
