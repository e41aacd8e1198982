import { SaveBar } from '../app/SaveBar.tsx';
import type { ComponentChildren } from 'preact';
import { useMemo, useRef, useState } from 'preact/hooks';
import { Layout } from '../app/Layout.tsx';
import { useServices } from '../app/services.ts';
import { useAdoptions } from '../app/data.ts';
import { answerSchema, completion, documentNumber, isAnswered, type AnswerValue, type ChecklistItem, type ChecklistSection } from '../domain/checklist.ts';
import type { FieldValue } from '../domain/sync/merge.ts';
import type { Collection } from '../domain/sync/collections.ts';
import { FieldConflictBox, FieldNoteLine } from '../app/FieldConflict.tsx';
import { answerField, changedAnswers, formatCompletion, formState, parseRaw, toRaw, type FormState } from './answers.ts';
import { checklistRecordId, checklistsFor, fillingUnit } from './scope.ts';
import { useRecordDraft, type RecordDraft } from './record-draft.ts';
import { ItemField, ItemNumber } from './ItemField.tsx';
import { m } from './messages.ts';
import { m as c } from '../i18n/common.ts';
import './checklists.css';

/**
 * Another record answering a template, e.g. a unit's answers for one inspection campaign
 * (src/inspections/): its own collection, id and unit, a way back, text around the form.
 * The caller has decided that this person answers it.
 */
export interface OutlineTarget {
  coll: Collection;
  id: string;
  unit: string;
  back: { href: string; label: string };
  intro?: ComponentChildren;
  footer?: ComponentChildren;
  /** Only these sections of the template (a district department answers the common ones and its own). */
  sections?: readonly string[];
}

export function ChecklistForm({ templateId, target }: { templateId: string; target?: OutlineTarget }) {
  const { seed, session } = useServices();
  const adoptions = useAdoptions();
  const unitId = target?.unit ?? fillingUnit(session.user, seed.units);
  const full = seed.checklists.find((t) => t.id === templateId);
  const part = target?.sections;
  const template = useMemo(() => (full && part ? { ...full, sections: full.sections.filter((s) => part.includes(s.id)) } : full), [full, part]);
  const draft = useRecordDraft(target?.coll ?? 'checklist', target?.id ?? checklistRecordId(templateId, unitId), unitId);
  const schemas = useMemo(() => new Map(template?.sections.flatMap((s) => s.items.map((i) => [i.id, answerSchema(i)] as const)) ?? []), [template]);
  const [open, setOpen] = useState<ReadonlySet<string>>(() => new Set(template?.sections.slice(0, 1).map((s) => s.id)));
  const formRef = useRef<HTMLFormElement>(null);

  const shell = (body: ComponentChildren) => (
    <Layout title={m.title} active="checklists">
      <a class="cl-back" href={target?.back.href ?? '#/checklists'}>
        {target?.back.label ?? m.backToList}
      </a>
      {body}
    </Layout>
  );
  if (!template) return shell(<p class="error">{m.notFound(templateId)}</p>);
  if (!adoptions || !draft.ready) return shell(<p>{c.loading}</p>);
  if (!target && !checklistsFor(session.user, seed.checklists, adoptions, unitId).some((t) => t.id === templateId))
    return shell(
      <p class="error">
        {m.notYoursBefore} <span lang="vi">{session.user.displayName}</span>
        {m.notYoursAfter}
      </p>,
    );

  const state = formState(template, schemas, draft.stored, draft.dirty);
  const items = template.sections.flatMap((s) => s.items);
  const done = Math.round(completion(template, state.answers) * items.length);
  const requiredLeft = items.filter((i) => i.required && !isAnswered(state.answers[i.id])).length;
  const errorCount = Object.keys(state.errors).length;
  const unitName = seed.units.find((u) => u.id === unitId)?.name ?? unitId;
  const mineOf = (itemId: string): AnswerValue | undefined => (itemId in state.errors ? undefined : state.answers[itemId]);
  const conflicted = new Set(items.filter((i) => draft.conflict(answerField(i.id), mineOf(i.id))).map((i) => i.id));

  function toggle(sectionId: string, isOpen: boolean) {
    if (open.has(sectionId) === isOpen) return;
    const next = new Set(open);
    if (isOpen) next.add(sectionId);
    else next.delete(sectionId);
    setOpen(next);
  }

  async function save(e: Event) {
    e.preventDefault();
    if (!template || draft.busy) return;
    if (errorCount > 0) {
      // Open every section holding an error and put the cursor on the first one.
      setOpen(new Set([...open, ...template.sections.filter((s) => s.items.some((i) => state.errors[i.id])).map((s) => s.id)]));
      draft.setNotice({ kind: 'error', text: m.notSaved(errorCount) });
      setTimeout(() => {
        const bad = formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]');
        (bad?.tagName === 'FIELDSET' ? bad.querySelector<HTMLElement>('input') : bad)?.focus();
      });
      return;
    }
    await draft.commit([draft.edit(changedAnswers(template, state, draft.stored, draft.dirty))]);
  }

  return shell(
    <>
      <h2 class="subtitle" lang="vi">
        {template.title}
      </h2>
      <p class="muted">
        {m.answeringUnit} <span lang="vi">{unitName}</span>
      </p>
      {target?.intro}
      <div class="cl-progress" data-testid="completion">
        <p>
          {m.completed} <strong data-testid="completion-percent">{formatCompletion(done / Math.max(items.length, 1))}</strong> ·{' '}
          {m.answered(done, items.length)}
          {requiredLeft > 0 && <span class="muted">{m.requiredLeft(requiredLeft)}</span>}
        </p>
        <progress max={items.length} value={done} aria-label={m.completion} />
      </div>
      {draft.restored && (
        <p class="cl-restored">
          {m.draftRestored}{' '}
          <button type="button" class="btn-small" onClick={() => void draft.discard()}>
            {m.discardDraft}
          </button>
        </p>
      )}
      <form ref={formRef} class="form cl-form" noValidate onSubmit={(e) => void save(e)}>
        {template.sections.map((section) => (
          <SectionBlock
            section={section}
            state={state}
            draft={draft}
            conflicted={conflicted}
            mineOf={mineOf}
            open={open.has(section.id)}
            onToggle={(isOpen) => toggle(section.id, isOpen)}
            onChange={(itemId, raw) => draft.setField(answerField(itemId), raw)}
          />
        ))}
        <SaveBar draft={draft} conflicts={conflicted.size}>
          <span class="savebar-percent" aria-hidden="true">
            {formatCompletion(done / Math.max(items.length, 1))}
          </span>
        </SaveBar>
      </form>
      {target?.footer}
    </>,
  );
}

/** A question as a message names it: its number in the document, or else its words. */
const questionName = (item: ChecklistItem) => {
  const no = documentNumber(item.id);
  return no ? `${no} ${item.label}` : item.label;
};

/** What is being typed, as the versions list shows it. */
function showMine(item: ChecklistItem, raw: string): string {
  if (raw.trim() === '') return m.empty;
  if (item.type === 'yesno') return raw === 'true' ? m.yes : raw === 'false' ? m.no : raw;
  return raw;
}

/** A stored answer as a person reads it in a list of versions. */
function showAnswer(item: ChecklistItem, value: FieldValue): string {
  if (value === null || value === '') return m.empty;
  if (typeof value === 'boolean') return value ? m.yes : m.no;
  return toRaw(item, value) || String(value);
}

function SectionBlock({
  section,
  state,
  draft,
  conflicted,
  mineOf,
  open,
  onToggle,
  onChange,
}: {
  section: ChecklistSection;
  state: FormState;
  draft: RecordDraft;
  conflicted: ReadonlySet<string>;
  mineOf(itemId: string): AnswerValue | undefined;
  open: boolean;
  onToggle(open: boolean): void;
  onChange(itemId: string, raw: string): void;
}) {
  const answered = section.items.filter((i) => isAnswered(state.answers[i.id])).length;
  const errors = section.items.filter((i) => state.errors[i.id]).length;
  const twoVersions = section.items.filter((i) => conflicted.has(i.id)).length;
  let previousHint: string | undefined;
  return (
    <details class="cl-section" open={open} onToggle={(e) => onToggle(e.currentTarget.open)} data-section={section.id}>
      <summary>
        <span class="cl-section-title">
          <ItemNumber id={section.id} /> <span lang="vi">{section.title}</span>
        </span>
        <span class={`chip cl-count${answered === section.items.length ? ' cl-count-done' : ''}`} data-testid={`count-${section.id}`}>
          {answered.toLocaleString('vi-VN')}/{section.items.length.toLocaleString('vi-VN')}
        </span>
        {errors > 0 && <span class="chip cl-count-error">{m.errors(errors)}</span>}
        {twoVersions > 0 && <span class="chip cl-count-conflict">{m.twoVersions(twoVersions)}</span>}
      </summary>
      <div class="cl-items">
        {section.items.map((item) => {
          const hint = item.hint !== previousHint ? item.hint : undefined;
          previousHint = item.hint;
          const field = answerField(item.id);
          const conflict = conflicted.has(item.id) ? draft.conflict(field, mineOf(item.id)) : null;
          const note = draft.notes[field];
          return (
            <>
              <ItemField item={item} raw={state.raw[item.id] ?? ''} error={state.errors[item.id]} hint={hint} onChange={(raw) => onChange(item.id, raw)} />
              {note && !conflict && <FieldNoteLine author={note.author} />}
              {conflict && (
                <FieldConflictBox
                  label={questionName(item)}
                  conflict={conflict}
                  mine={showMine(item, state.raw[item.id] ?? '')}
                  show={(v) => showAnswer(item, v)}
                  canEdit
                  busy={draft.busy}
                  onKeepMine={() => {
                    const parsed = parseRaw(item, state.raw[item.id] ?? '');
                    if (parsed.ok) void draft.keep(field, parsed.value);
                    else draft.setNotice({ kind: 'error', text: m.mineInvalid(questionName(item), parsed.error) });
                  }}
                  onKeep={(v) => void draft.keep(field, v)}
                />
              )}
            </>
          );
        })}
      </div>
    </details>
  );
}
