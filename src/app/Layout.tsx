export { OnlineBadge } from './OnlineBadge.tsx';
import { OnlineBadge } from './OnlineBadge.tsx';
import type { ComponentChildren } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { useServices } from './services.ts';
import { useOutboxCount } from './data.ts';
import type { SyncState } from '../sync/controller.ts';
import { formatDateTime } from '../domain/text.ts';

// At most five items. Settings sit in the header; district, province and admin accounts
// get the dashboard ("Tổng hợp") in place of the indicator sheet they rarely fill.
const NAV = [
  ['#/', 'Trang chủ', 'home'],
  ['#/catalogue', 'Mô hình', 'catalogue'],
  ['#/checklists', 'Kiểm tra', 'checklists'],
  ['#/indicators', 'Chỉ tiêu', 'indicators'],
  ['#/reports', 'Báo cáo', 'reports'],
] as const;
const OFFICER_NAV = [NAV[0], ['#/dashboard', 'Tổng hợp', 'dashboard'], NAV[4], NAV[1], NAV[2]] as const;
const OFFICERS: readonly string[] = ['districtOfficer', 'provinceOfficer', 'admin'];
const SETTINGS_LINK = { color: '#fff', textDecoration: 'none', fontSize: '1.35rem', minWidth: '44px', minHeight: '44px', display: 'inline-flex', alignItems: 'center', justifyContent: 'center' };

export function useSyncState(): SyncState {
  const { sync } = useServices();
  const [state, setState] = useState(sync.state);
  useEffect(() => sync.subscribe(setState), [sync]);
  return state;
}

export function Layout({ title, active, children }: { title: string; active: string; children: ComponentChildren }) {
  const { sync, session } = useServices();
  const state = useSyncState();
  const pending = useOutboxCount() ?? 0;
  const unit = session.units.find((u) => u.id === session.user.unitId);
  return (
    <div class="shell">
      <header class="topbar">
        <div class="topbar-title">
          <h1>{title}</h1>
          <small>{unit?.name ?? session.user.displayName}</small>
        </div>
        <span style={{ display: 'inline-flex', alignItems: 'center', gap: '0.25rem' }}>
          <OnlineBadge />
          <a href="#/settings" aria-label="Cài đặt" title="Cài đặt" aria-current={active === 'settings' ? 'page' : undefined} style={SETTINGS_LINK}>
            {'\u2699\uFE0E'}
          </a>
        </span>
      </header>
      {state.needsLogin && (
        <p class="banner banner-warn" role="alert">
          Phiên đăng nhập đã hết hạn. Dữ liệu chưa đồng bộ vẫn được giữ trên máy; hãy đăng xuất rồi đăng nhập lại khi có mạng.
        </p>
      )}
      <main class="content">{children}</main>
      <div class="syncbar">
        <span data-testid="pending-count">{pending > 0 ? `${pending.toLocaleString('vi-VN')} thay đổi chưa đồng bộ` : 'Đã đồng bộ hết'}</span>
        <span class="muted">{state.lastSuccessAt ? `Lần cuối: ${formatDateTime(state.lastSuccessAt)}` : 'Chưa đồng bộ lần nào'}</span>
        <button type="button" class="btn-small" disabled={state.running} onClick={() => void sync.syncNow()}>
          {state.running ? 'Đang đồng bộ…' : 'Đồng bộ'}
        </button>
      </div>
      <nav class="bottomnav" aria-label="Điều hướng chính">
        {(OFFICERS.includes(session.user.role) ? OFFICER_NAV : NAV).map(([href, label, key]) => (
          <a href={href} class={active === key ? 'active' : ''} aria-current={active === key ? 'page' : undefined}>
            {label}
          </a>
        ))}
      </nav>
    </div>
  );
}
