// The checklist form and the indicators sheet edit one synced record each, the way the
// status form does: through the shared form hook (src/app/use-seen-fields.ts), which keeps
// what is typed as a draft on every input and saves each edited field against the stamps
// it showed, so a value that arrives from another device is shown, never reverted unseen.
export { useSeenFields as useRecordDraft, draftKeyOf, draftHasEdits, SAVED_TEXT, type Notice, type SeenFields as RecordDraft } from '../app/use-seen-fields.ts';
