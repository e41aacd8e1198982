// What the district dashboard says above its figures when its roll-up fetches fail: shared by
// the Vietnamese and English tests of its fetch errors.
import { expect, vi } from 'vitest';
import { waitFor } from '@testing-library/preact';
import { renderWithServices } from '../helpers/render-with-services.tsx';
import DashboardRoute from '../../src/dashboard/dashboard-screen.tsx';

const NOW = Date.UTC(2026, 11, 2, 3);

/** The server's error answer as sync-server/http/errors.ts sends it. */
export const refusal = (status: number, code: string, message: string) =>
  vi.fn(async () => new Response(JSON.stringify({ error: { code, message } }), { status, headers: { 'content-type': 'application/json' } }));

/**
 * The problem line of huyện Quảng Xương's dashboard when every fetch answers with `fetch`.
 * The stub stays after the screen is gone: work it still has in flight (the plans it lists)
 * must meet a stub, not happy-dom's real fetch.
 */
export async function problemWith(fetch: typeof globalThis.fetch): Promise<string> {
  vi.stubGlobal('fetch', fetch);
  const r = renderWithServices(<DashboardRoute route={['dashboard']} />, { now: NOW, username: 'quangxuong.huyen' });
  let text = '';
  await waitFor(() => expect((text = r.container.querySelector('.db-problem')?.textContent ?? '')).not.toBe(''));
  r.unmount();
  return text;
}
