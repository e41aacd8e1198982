export { OnlineBadge } from './OnlineBadge.tsx';
import { OnlineBadge } from './OnlineBadge.tsx';
import type { ComponentChildren } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { useServices } from './services.ts';
import { useOutboxCount } from './data.ts';
import type { SyncState } from '../sync/controller.ts';
import { formatDateTime } from '../domain/text.ts';
import { InstallHint, OfflineReadyNote } from './InstallHint.tsx';
import { m } from './messages.ts';

// At most five items. Settings sit in the header; district, province and admin accounts
// get the dashboard ("Tổng hợp") in place of the indicator sheet they rarely fill.
const NAV = [
  ['#/', 'navHome', 'home'],
  ['#/catalogue', 'navModels', 'catalogue'],
  ['#/checklists', 'navChecklists', 'checklists'],
  ['#/indicators', 'navIndicators', 'indicators'],
  ['#/reports', 'navReports', 'reports'],
] as const;
const OFFICER_NAV = [NAV[0], ['#/dashboard', 'navDashboard', 'dashboard'], NAV[4], NAV[1], NAV[2]] as const;
const OFFICERS: readonly string[] = ['districtOfficer', 'provinceOfficer', 'admin'];
const SETTINGS_LINK = { color: '#fff', textDecoration: 'none', fontSize: '1.35rem', minWidth: '44px', minHeight: '44px', display: 'inline-flex', alignItems: 'center', justifyContent: 'center' };

const clock = new Intl.DateTimeFormat('vi-VN', { hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone: 'Asia/Ho_Chi_Minh' });

export function useSyncState(): SyncState {
  const { sync } = useServices();
  const [state, setState] = useState(sync.state);
  useEffect(() => sync.subscribe(setState), [sync]);
  return state;
}

/** What the sync bar says under the pending count: progress, the failure and its retry, or the last success. */
function syncStatus(state: SyncState): { text: string; error: boolean } {
  // A scheduled retry on a link that failed: keep saying so, with the button, while it runs.
  if (state.running && state.retrying && state.lastError && !state.needsLogin) return { text: m.retrying(state.lastError), error: true };
  if (state.running) {
    const p = state.progress;
    return { text: p && p.total > 0 ? m.progress(p.sent, p.total) : m.connecting, error: false };
  }
  if (state.lastError && !state.needsLogin) {
    return { text: state.retryAt ? m.retryAt(state.lastError, clock.format(state.retryAt)) : state.lastError, error: true };
  }
  return { text: state.lastSuccessAt ? m.lastSync(formatDateTime(state.lastSuccessAt)) : m.neverSynced, error: false };
}

/** Sent by a floating bar outside the shell (the update prompt) when it appears or goes. */
export const FIXED_BARS_CHANGED = 'fixedbarschange';

const NOT_TYPED = new Set(['checkbox', 'radio', 'button', 'submit', 'reset', 'file', 'range', 'color', 'image', 'hidden']);
/** A field that brings up the on-screen keyboard. */
function isTextEntry(el: Element | null): el is HTMLElement {
  if (el instanceof HTMLTextAreaElement) return true;
  if (el instanceof HTMLInputElement) return !NOT_TYPED.has(el.type);
  return el instanceof HTMLElement && el.isContentEditable;
}

/**
 * Keeps the field being typed into visible above every fixed bar. While a text field has
 * focus the navigation and sync bars step aside (`html[data-typing]`; the top bar scrolls
 * away), and the bars' real heights plus the on-screen keyboard (visualViewport, for browsers
 * that overlay it) are published as CSS variables that scroll-padding and the sticky save bar
 * use, so both the browser's focus scrolling and `scrollIntoView` clear them.
 */
function useFixedBars(shellRef: { current: HTMLDivElement | null }) {
  useEffect(() => {
    const shell = shellRef.current;
    if (!shell) return;
    const html = document.documentElement;
    const vv = window.visualViewport;
    const measure = () => {
      const top = shell.querySelector<HTMLElement>('.topbar');
      const topCover = top && getComputedStyle(top).position !== 'static' ? top.getBoundingClientRect().bottom : 0;
      let bottomCover = 0;
      for (const bar of shell.querySelectorAll<HTMLElement>('.syncbar, .bottomnav')) {
        const r = bar.getBoundingClientRect();
        if (r.height > 0) bottomCover = Math.max(bottomCover, innerHeight - r.top);
      }
      const keyboard = vv ? Math.max(0, innerHeight - vv.height - vv.offsetTop) : 0;
      const bars = Math.max(bottomCover, keyboard);
      // "Có phiên bản mới" floats just above the bars (--bars-height) and also covers the page.
      const prompt = document.querySelector<HTMLElement>('.update-prompt')?.getBoundingClientRect();
      const promptCover = prompt && prompt.height > 0 ? innerHeight - prompt.top : 0;
      const savebar = shell.querySelector<HTMLElement>('.savebar')?.getBoundingClientRect().height ?? 0;
      html.style.setProperty('--fixed-top-height', `${Math.max(0, Math.round(topCover))}px`);
      html.style.setProperty('--bars-height', `${Math.round(bars)}px`);
      html.style.setProperty('--fixed-bottom-height', `${Math.round(Math.max(bars, promptCover))}px`);
      html.style.setProperty('--savebar-height', `${Math.round(savebar)}px`);
    };
    const reveal = () => {
      const el = document.activeElement;
      if (!isTextEntry(el)) return;
      measure();
      // 'nearest' does nothing when the field (with its scroll-margin: label and message) is
      // already clear of the bars; scroll-padding keeps it out from under them otherwise.
      el.scrollIntoView({ block: 'nearest' });
    };
    let pointerDown = false;
    let restore: ReturnType<typeof setTimeout> | undefined;
    let frame = 0;
    const onFocusIn = (e: FocusEvent) => {
      if (!isTextEntry(e.target as Element)) return;
      clearTimeout(restore);
      html.setAttribute('data-typing', '');
      measure();
      cancelAnimationFrame(frame);
      frame = requestAnimationFrame(reveal);
    };
    // The bars come back once focus has really left the text fields and no finger is down:
    // a bar reappearing under a finger mid-tap would swallow the tap meant for "Lưu".
    const scheduleRestore = () => {
      clearTimeout(restore);
      restore = setTimeout(() => {
        if (pointerDown || isTextEntry(document.activeElement)) return;
        html.removeAttribute('data-typing');
        measure();
      }, 250);
    };
    const onPointerDown = () => (pointerDown = true);
    const onPointerUp = () => {
      pointerDown = false;
      if (html.hasAttribute('data-typing')) scheduleRestore();
    };
    const onViewport = () => {
      measure();
      if (html.hasAttribute('data-typing')) {
        cancelAnimationFrame(frame);
        frame = requestAnimationFrame(reveal);
      }
    };
    const observer = new ResizeObserver(measure);
    for (const bar of shell.querySelectorAll('.topbar, .syncbar, .bottomnav')) observer.observe(bar);
    document.addEventListener('focusin', onFocusIn);
    document.addEventListener('focusout', scheduleRestore);
    document.addEventListener('pointerdown', onPointerDown, true);
    document.addEventListener('pointerup', onPointerUp, true);
    document.addEventListener('pointercancel', onPointerUp, true);
    addEventListener('resize', onViewport);
    addEventListener(FIXED_BARS_CHANGED, onViewport);
    vv?.addEventListener('resize', onViewport);
    measure();
    // A field focused before this screen mounted (autofocus, or a screen swap while typing).
    if (isTextEntry(document.activeElement)) html.setAttribute('data-typing', '');
    return () => {
      observer.disconnect();
      document.removeEventListener('focusin', onFocusIn);
      document.removeEventListener('focusout', scheduleRestore);
      document.removeEventListener('pointerdown', onPointerDown, true);
      document.removeEventListener('pointerup', onPointerUp, true);
      document.removeEventListener('pointercancel', onPointerUp, true);
      removeEventListener('resize', onViewport);
      removeEventListener(FIXED_BARS_CHANGED, onViewport);
      vv?.removeEventListener('resize', onViewport);
      clearTimeout(restore);
      cancelAnimationFrame(frame);
      if (!isTextEntry(document.activeElement)) html.removeAttribute('data-typing');
    };
  }, [shellRef]);
}

export interface LayoutProps {
  /** Text, or markup that marks data in it (a model's Vietnamese name: lang="vi"). */
  title: ComponentChildren;
  active: string;
  /** A way back to where the user came from, at the top of the page ("← {label}"). */
  back?: { href: string; label: ComponentChildren };
  children: ComponentChildren;
}

export function Layout({ title, active, back, children }: LayoutProps) {
  const { sync, session } = useServices();
  const state = useSyncState();
  const pending = useOutboxCount() ?? 0;
  const unit = session.units.find((u) => u.id === session.user.unitId);
  const shell = useRef<HTMLDivElement>(null);
  useFixedBars(shell);
  const status = syncStatus(state);
  const busy = state.running && !status.error;
  return (
    <div class="shell" ref={shell}>
      <header class="topbar">
        <div class="topbar-title">
          <h1>{title}</h1>
          <small lang="vi">{unit?.name ?? session.user.displayName}</small>
        </div>
        <span style={{ display: 'inline-flex', alignItems: 'center', gap: '0.25rem' }}>
          <OnlineBadge />
          <a href="#/settings" aria-label={m.settings} title={m.settings} aria-current={active === 'settings' ? 'page' : undefined} style={SETTINGS_LINK}>
            {'\u2699\uFE0E'}
          </a>
        </span>
      </header>
      {state.needsLogin && (
        <p class="banner banner-warn" role="alert">
          {m.sessionExpired}
        </p>
      )}
      <OfflineReadyNote />
      <main class="content">
        {back && (
          <a class="back-link" href={back.href}>
            {'\u2190 '}
            {back.label}
          </a>
        )}
        {active === 'home' && <InstallHint />}
        {children}
      </main>
      <div class="syncbar">
        <div class="syncbar-text">
          <span data-testid="pending-count">{pending > 0 ? m.pending(pending) : m.allSynced}</span>
          <span class={status.error ? 'syncbar-status syncbar-error' : 'syncbar-status muted'} role="status" data-testid="sync-status">
            {status.text}
          </span>
        </div>
        <button type="button" class="btn-small" disabled={busy} onClick={() => void sync.syncNow()}>
          {busy ? m.syncing : status.error ? m.syncAgain : m.sync}
        </button>
      </div>
      <nav class="bottomnav" aria-label={m.mainNav}>
        {(OFFICERS.includes(session.user.role) ? OFFICER_NAV : NAV).map(([href, label, key]) => (
          <a href={href} class={active === key ? 'active' : ''} aria-current={active === key ? 'page' : undefined}>
            <span class="nav-label">{m[label]}</span>
          </a>
        ))}
      </nav>
    </div>
  );
}
