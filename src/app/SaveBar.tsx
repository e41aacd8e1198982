import type { ComponentChildren } from 'preact';
import type { RecordDraft } from '../checklists/record-draft.ts';

/**
 * The "Lưu" bar of a long form, sticky under the thumb, saying whether what was typed is
 * saved as a draft on the phone, not yet saved, or what went wrong.
 */
export function SaveBar({ draft, children }: { draft: Pick<RecordDraft, 'notice' | 'draftSaved' | 'dirty' | 'busy'>; children?: ComponentChildren }) {
  return (
    <div class="savebar">
      <div class="savebar-status" aria-live="polite">
        {draft.notice ? (
          <p class={draft.notice.kind === 'ok' ? 'ok' : 'error'} role={draft.notice.kind === 'ok' ? 'status' : 'alert'}>
            {draft.notice.text}
          </p>
        ) : (
          <p class="muted" data-testid="draft-state">
            {draft.draftSaved ? 'Đã lưu nháp trên máy' : Object.keys(draft.dirty).length > 0 ? 'Có thay đổi chưa lưu' : ' '}
          </p>
        )}
      </div>
      {children}
      <button type="submit" class="btn-primary" disabled={draft.busy}>
        {draft.busy ? 'Đang lưu…' : 'Lưu'}
      </button>
    </div>
  );
}
