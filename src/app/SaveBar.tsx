import type { ComponentChildren } from 'preact';
import './field-conflict.css';
import type { SeenFields } from './use-seen-fields.ts';
import { m } from './messages.ts';
import { useNoticeText } from './use-notice-text.ts';

/**
 * The "Lưu" bar of a long form, sticky under the thumb, saying whether what was typed is
 * saved as a draft on the phone, not yet saved, or what went wrong — and how many fields
 * hold two versions to choose between (they may be far up a long form).
 */
export function SaveBar({ draft, conflicts = 0, children }: { draft: Pick<SeenFields, 'notice' | 'draftSaved' | 'dirty' | 'busy'>; conflicts?: number; children?: ComponentChildren }) {
  const noticeText = useNoticeText(draft.notice);
  return (
    <div class="savebar">
      <div class="savebar-status" aria-live="polite">
        {draft.notice ? (
          <p class={draft.notice.kind === 'ok' ? 'ok' : 'error'} role={draft.notice.kind === 'ok' ? 'status' : 'alert'}>
            {noticeText}
          </p>
        ) : (
          <p class="muted" data-testid="draft-state">
            {draft.draftSaved ? m.draftSaved : Object.keys(draft.dirty).length > 0 ? m.unsaved : ' '}
          </p>
        )}
        {conflicts > 0 && (
          <p class="savebar-conflicts" data-testid="conflict-count">
            {m.conflictCount(conflicts)}
          </p>
        )}
      </div>
      {children}
      <button type="submit" class="btn-primary" disabled={draft.busy}>
        {draft.busy ? m.saving : m.save}
      </button>
    </div>
  );
}
