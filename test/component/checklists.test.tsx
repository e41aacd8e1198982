import { describe, expect, it, vi } from 'vitest';
import { fireEvent, waitFor, within } from '@testing-library/preact';
import { renderWithServices } from '../helpers/render-with-services.tsx';
import { ChecklistForm } from '../../src/checklists/ChecklistForm.tsx';
import { ChecklistsScreen } from '../../src/checklists/ChecklistsScreen.tsx';
import { VI_NUMBER_MESSAGE } from '../../src/checklists/answers.ts';
import { StorageFullError } from '../../src/db/errors.ts';
import type { ChecklistItem } from '../../src/domain/checklist.ts';
import { encodeHlc, type Hlc } from '../../src/domain/sync/hlc.ts';
import { conflicts, joinBase, type FieldValue } from '../../src/domain/sync/merge.ts';
import type { Change } from '../../src/domain/sync/wire.ts';

const COMMUNE = 'inspection-commune';
const RECORD = `${COMMUNE}@tv`; // thieuvan.congan answers for xã Thiệu Vân
const DRAFT_KEY = `checklist:${RECORD}`;

function field(container: HTMLElement, itemId: string): HTMLInputElement | HTMLTextAreaElement {
  const el = container.ownerDocument.getElementById(`q-${itemId}`);
  if (!el) throw new Error(`no input for ${itemId}`);
  return el as HTMLInputElement;
}
const item = (container: HTMLElement, itemId: string) => container.querySelector<HTMLElement>(`[data-item="${itemId}"]`)!;
const type = (container: HTMLElement, itemId: string, value: string) => fireEvent.input(field(container, itemId), { target: { value } });
const choose = (container: HTMLElement, itemId: string, label: string) => fireEvent.click(within(item(container, itemId)).getByLabelText(label));
const percent = (container: HTMLElement) => within(container).getByTestId('completion-percent').textContent;

async function openForm(options: Parameters<typeof renderWithServices>[1] = {}, templateId = COMMUNE) {
  const r = renderWithServices(<ChecklistForm templateId={templateId} />, options);
  await r.findByTestId('completion-percent');
  return r;
}

/** A valid raw answer for any item, as a person would type or tap it. */
function answer(container: HTMLElement, it: ChecklistItem) {
  switch (it.type) {
    case 'yesno':
      return choose(container, it.id, 'Có');
    case 'number':
      return type(container, it.id, '1.234');
    case 'percent':
      return type(container, it.id, '50,5');
    case 'date':
      return type(container, it.id, '2026-11-20');
    case 'choice':
      return fireEvent.click(within(item(container, it.id)).getByLabelText(it.options![0]!));
    case 'text':
      return type(container, it.id, 'Đã triển khai');
  }
}

describe('ChecklistForm (commune inspection outline)', () => {
  it('renders sections I.1…I.10, II, III with every item drawn by its type', async () => {
    const { container, seed } = await openForm();
    const sections = [...container.querySelectorAll<HTMLDetailsElement>('details[data-section]')];
    expect(sections.map((s) => s.dataset.section)).toEqual(['I.1', 'I.2', 'I.3', 'I.4', 'I.5', 'I.6', 'I.7', 'I.8', 'I.9', 'I.10', 'II', 'III']);
    const template = seed.checklists.find((t) => t.id === COMMUNE)!;
    expect(container.querySelectorAll('[data-item]')).toHaveLength(74);
    // Per-section answered counts in the summaries.
    expect(within(sections[4]!.querySelector('summary')!).getByTestId('count-I.5').textContent).toBe('0/19');
    // Only the first section starts open: a 74-question outline must not be one long page.
    expect(sections.map((s) => s.open)).toEqual([true, ...Array(11).fill(false)]);

    const yesno = item(container, 'I.1.2.a');
    expect(yesno.tagName).toBe('FIELDSET');
    expect(within(yesno).getAllByRole('radio').map((r) => r.parentElement!.textContent)).toEqual(['Có', 'Không']);
    const count = field(container, 'I.1.2.b') as HTMLInputElement;
    expect(count.type).toBe('text');
    expect(count.inputMode).toBe('numeric');
    expect(item(container, 'I.1.2.b').textContent).toContain('tổ'); // unit
    expect((field(container, 'I.5.1.c') as HTMLInputElement).inputMode).toBe('decimal');
    expect(field(container, 'I.1.1').tagName).toBe('TEXTAREA');
    // Labels are wired to their inputs.
    const label = template.sections[0]!.items[2]!.label;
    expect(field(container, 'I.1.2.b')).toBe(within(container).getByLabelText(new RegExp(label.slice(0, 40))));
  });

  it('shows the Vietnamese number error beside the field that has it, and clears it when fixed', async () => {
    const { container } = await openForm();
    for (const bad of ['abc', '1.5']) {
      type(container, 'I.1.2.b', bad);
      const input = field(container, 'I.1.2.b');
      expect(input.getAttribute('aria-invalid')).toBe('true');
      const error = container.ownerDocument.getElementById(input.getAttribute('aria-describedby')!.split(' ').find((id) => id.startsWith('err-'))!)!;
      expect(error.textContent).toBe(VI_NUMBER_MESSAGE);
      expect(item(container, 'I.1.2.b').contains(error)).toBe(true);
      expect(within(container).getAllByText(VI_NUMBER_MESSAGE)).toHaveLength(1); // only beside this field
    }
    type(container, 'I.1.2.b', '38.755');
    expect(field(container, 'I.1.2.b').hasAttribute('aria-invalid')).toBe(false);
    expect(within(container).queryByText(VI_NUMBER_MESSAGE)).toBeNull();

    // Bounds come from the template: a percentage cannot pass 100.
    type(container, 'I.5.1.c', '120');
    expect(within(item(container, 'I.5.1.c')).getByRole('alert').textContent).toBe('Không lớn hơn 100');
    type(container, 'I.5.1.c', '96,24');
    expect(within(item(container, 'I.5.1.c')).queryByRole('alert')).toBeNull();
  });

  it('updates the completion percentage and the section count as answers come in; invalid input does not count', async () => {
    const { container, seed } = await openForm();
    expect(percent(container)).toBe('0%');
    choose(container, 'I.1.2.a', 'Không'); // "No" is an answer too
    expect(percent(container)).toBe('1%');
    expect(within(container).getByTestId('count-I.1').textContent).toBe('1/7');
    type(container, 'I.1.2.b', 'abc');
    expect(percent(container)).toBe('1%');
    type(container, 'I.1.2.b', '3');
    expect(percent(container)).toBe('2%'); // 2/74 = 2.7 % → rounded down
    type(container, 'I.1.2.b', '');
    expect(percent(container)).toBe('1%');

    const items = seed.checklists.find((t) => t.id === COMMUNE)!.sections.flatMap((s) => s.items);
    for (const it of items.slice(0, 34)) answer(container, it);
    expect(percent(container)).toBe('45%'); // 34/74 = 45.9 %
    for (const it of items.slice(34)) answer(container, it);
    expect(percent(container)).toBe('100%');
  });

  it('"Lưu" writes the changed answers in one record, queues them for sync and drops the draft', async () => {
    const { container, store, session, findByText } = await openForm({ now: Date.UTC(2026, 10, 20, 3) });
    choose(container, 'I.1.2.a', 'Có');
    type(container, 'I.1.2.b', '38.755');
    type(container, 'I.5.1.c', '96,24');
    type(container, 'I.1.1', 'Đã ban hành 3 kế hoạch');
    await waitFor(async () => expect(await store.draft(DRAFT_KEY)).toBeDefined());
    expect(await store.outboxCount()).toBe(0); // a draft is not a commit

    fireEvent.click(within(container).getByRole('button', { name: 'Lưu' }));
    // Four drafts are still being written and the 74 questions re-rendered: slow on a loaded machine.
    await findByText(/Đã lưu trên máy/, {}, { timeout: 5000 });
    expect(await store.values('checklist', RECORD)).toEqual({
      'a.I.1.2.a': true,
      'a.I.1.2.b': 38755,
      'a.I.5.1.c': 96.24,
      'a.I.1.1': 'Đã ban hành 3 kế hoạch',
    });
    expect(await store.outboxCount()).toBe(4);
    expect((await store.doc('checklist', RECORD))?.unit).toBe('tv');
    expect((await store.history('checklist', RECORD)).every((c) => c.author === session.user.id)).toBe(true);
    expect(await store.draft(DRAFT_KEY)).toBeUndefined();
    // The form keeps showing what was saved.
    expect(field(container, 'I.1.2.b').value).toBe('38.755');
    expect(field(container, 'I.5.1.c').value).toBe('96,24');

    // Changing one answer writes only that one.
    type(container, 'I.1.2.b', '40');
    fireEvent.click(within(container).getByRole('button', { name: 'Lưu' }));
    await waitFor(async () => expect(await store.outboxCount()).toBe(5));
    expect((await store.values('checklist', RECORD))['a.I.1.2.b']).toBe(40);
  });

  it('keeps what is typed while a save is still running', async () => {
    const { container, store, findByText } = await openForm();
    type(container, 'I.1.2.b', '5');
    fireEvent.click(within(container).getByRole('button', { name: 'Lưu' }));
    type(container, 'II.1', 'Gõ trong lúc đang lưu'); // before the write has resolved
    await findByText(/Đã lưu trên máy/);
    expect(await store.values('checklist', RECORD)).toEqual({ 'a.I.1.2.b': 5 });
    expect(field(container, 'II.1').value).toBe('Gõ trong lúc đang lưu');
    await waitFor(async () => expect(await store.draft(DRAFT_KEY)).toMatchObject({ edits: { 'a.II.1': 'Gõ trong lúc đang lưu' }, rendered: { 'a.II.1': { seen: null } } }));
    expect(Object.keys((await store.draft(DRAFT_KEY))!.edits as object)).toEqual(['a.II.1']);
  });

  it('refuses to save while a field is invalid, and writes nothing', async () => {
    const { container, store, findByText } = await openForm();
    choose(container, 'I.1.2.a', 'Có');
    type(container, 'I.5.1.a', 'abc');
    fireEvent.click(within(container).getByRole('button', { name: 'Lưu' }));
    await findByText(/Chưa lưu: 1 ô chưa hợp lệ/);
    expect(await store.outboxCount()).toBe(0);
    expect(await store.values('checklist', RECORD)).toEqual({});
    // The closed section holding the error was opened so the field can be seen.
    expect(container.querySelector<HTMLDetailsElement>('details[data-section="I.5"]')!.open).toBe(true);
  });

  it('keeps a draft across unmount and remount (a reload) without committing it', async () => {
    const first = await openForm();
    choose(first.container, 'I.1.2.a', 'Không');
    type(first.container, 'I.1.2.b', '38.');
    type(first.container, 'II.1', 'Kết quả tốt');
    await first.findByText('Đã lưu nháp trên máy');
    first.unmount();

    const second = await openForm({ dbName: first.dbName });
    expect(second.getByText(/Đang tiếp tục bản nháp chưa lưu/)).toBeTruthy();
    expect((within(item(second.container, 'I.1.2.a')).getByLabelText('Không') as HTMLInputElement).checked).toBe(true);
    expect(field(second.container, 'I.1.2.b').value).toBe('38.'); // exactly what was typed, half a number included
    expect(field(second.container, 'II.1').value).toBe('Kết quả tốt');
    expect(await second.store.outboxCount()).toBe(0);
    expect(await second.store.values('checklist', RECORD)).toEqual({});

    fireEvent.click(second.getByRole('button', { name: 'Bỏ bản nháp' }));
    await waitFor(() => expect(field(second.container, 'II.1').value).toBe(''));
    expect(await second.store.draft(DRAFT_KEY)).toBeUndefined();
  });

  it('shows answers synced from another device and does not revert them when saving its own edits', async () => {
    const { container, store, findByText } = await openForm();
    type(container, 'I.1.1', 'Câu trả lời trên máy này');
    await store.write('checklist', RECORD, 'tv', { 'a.II.1': 'Từ máy khác' }, 'u-other');
    await waitFor(() => expect(field(container, 'II.1').value).toBe('Từ máy khác'));
    fireEvent.click(within(container).getByRole('button', { name: 'Lưu' }));
    // Four drafts are still being written and the 74 questions re-rendered: slow on a loaded machine.
    await findByText(/Đã lưu trên máy/, {}, { timeout: 5000 });
    expect(await store.values('checklist', RECORD)).toEqual({ 'a.I.1.1': 'Câu trả lời trên máy này', 'a.II.1': 'Từ máy khác' });
  });

  it('when the disk is full, says so in Vietnamese and keeps what was typed', async () => {
    const { container, store, findByText } = await openForm();
    type(container, 'I.1.2.b', '12');
    // Simulate the quota error Dexie surfaces as StorageFullError (the real store is used otherwise).
    vi.spyOn(store, 'writeMany').mockRejectedValueOnce(new StorageFullError());
    fireEvent.click(within(container).getByRole('button', { name: 'Lưu' }));
    await findByText(/Bộ nhớ của máy đã đầy/);
    expect(field(container, 'I.1.2.b').value).toBe('12');
    expect((await store.draft(DRAFT_KEY))?.edits).toEqual({ 'a.I.1.2.b': '12' });
    expect(await store.outboxCount()).toBe(0);
  });

  it('answers a model task checklist with its choice radios, recorded against the commune', async () => {
    const { container, store, seed, findByText } = await openForm({}, 'tasks-mh-24');
    const template = seed.checklists.find((t) => t.id === 'tasks-mh-24')!;
    const first = template.sections[0]!.items[0]!;
    fireEvent.click(within(item(container, first.id)).getByLabelText('Đang thực hiện'));
    fireEvent.click(within(container).getByRole('button', { name: 'Lưu' }));
    await findByText(/Đã lưu trên máy/);
    expect(await store.values('checklist', 'tasks-mh-24@tv')).toEqual({ [`a.${first.id}`]: 'Đang thực hiện' });
  });

  it('refuses an outline that is not the user’s to fill', async () => {
    const r = renderWithServices(<ChecklistForm templateId="inspection-district" />);
    await r.findByText(/không thuộc phần việc/);
    expect(r.container.querySelector('form')).toBeNull();
  });
});

// Issue 10, problem 1, in the checklist form: a colleague (another commune officer, on
// another phone) answers while this form is open; sync brings the answer in.
describe('ChecklistForm saves against what it showed', () => {
  const NOW = Date.UTC(2026, 10, 20, 3);
  const COLLEAGUE = 'u-thieuvan-vanphong';
  const at = (wall: number): Hlc => encodeHlc({ wall, counter: 0, device: 'vanphong1' });
  const pulled = (item: string, value: FieldValue, hlc: Hlc, base: Hlc[] = []): Change => ({
    coll: 'checklist', id: RECORD, field: `a.${item}`, value, hlc, base: joinBase(base), unit: 'tv', author: COLLEAGUE, receivedAt: NOW,
  });
  const before = at(NOW - 86_400_000);
  const later = at(NOW - 60_000);

  async function open() {
    const r = await openForm({ now: NOW });
    r.services.sync.people = new Map([[COLLEAGUE, 'Nguyễn Văn A']]);
    await r.store.applyPulled([pulled('II.1', 'Tốt', before)], 1);
    await waitFor(() => expect(field(r.container, 'II.1').value).toBe('Tốt'));
    return r;
  }

  it('shows an answer that arrives in an untouched question, with who changed it, and saves only what was changed', async () => {
    const r = await open();
    await r.store.applyPulled([pulled('II.1', 'Rất tốt', later, [before])], 2);
    await waitFor(() => expect(field(r.container, 'II.1').value).toBe('Rất tốt'));
    expect(within(item(r.container, 'II.1').parentElement!).getByText('Nguyễn Văn A vừa cập nhật ô này')).toBeTruthy();
    type(r.container, 'I.1.2.b', '38.755');
    fireEvent.click(within(r.container).getByRole('button', { name: 'Lưu' }));
    await r.findByText(/Đã lưu trên máy/);
    expect((await r.store.db.outbox.toArray()).map((c) => [c.field, c.value, c.base])).toEqual([['a.I.1.2.b', 38755, null]]);
    expect(await r.store.values('checklist', RECORD)).toEqual({ 'a.I.1.2.b': 38755, 'a.II.1': 'Rất tốt' });
  });

  it('an answer arriving in the question being typed is shown beside it; saving leaves both for a choice', async () => {
    const r = await open();
    type(r.container, 'II.1', 'Khá');
    await r.store.applyPulled([pulled('II.1', 'Rất tốt', later, [before])], 2);
    const box = await r.findByTestId('field-conflict');
    expect(box.dataset.field).toBe('a.II.1');
    expect(box.textContent).toContain('Nguyễn Văn A vừa sửa ô này khi bạn đang nhập');
    expect(box.textContent).toContain('Rất tốt');
    expect(field(r.container, 'II.1').value).toBe('Khá');
    expect(within(r.container).getByTestId('conflict-count').textContent).toBe('1 ô có hai bản khác nhau (đánh dấu cam)');
    expect(r.container.querySelector('details[data-section="II"] .cl-count-conflict')?.textContent).toBe('1 ô có hai bản');

    fireEvent.click(within(r.container).getByRole('button', { name: 'Lưu' }));
    await r.findByText(/Đã lưu trên máy/);
    expect((await r.store.db.outbox.toArray()).map((c) => [c.field, c.value, c.base])).toEqual([['a.II.1', 'Khá', before]]);
    const state = (await r.store.doc('checklist', RECORD))!.fields['a.II.1']!;
    expect(state.heads.map((h) => h.value).sort()).toEqual(['Khá', 'Rất tốt']);
    expect(conflicts(state)).toHaveLength(1);
    // After the save the form shows the two stored versions to choose from.
    await waitFor(() => expect(within(r.container).getByTestId('field-conflict').textContent).toContain('Ô này có 2 bản khác nhau'));
  });

  it('"Giữ bản này" on what is being typed resolves the conflict against the colleague’s answer', async () => {
    const r = await open();
    type(r.container, 'II.1', 'Khá');
    await r.store.applyPulled([pulled('II.1', 'Rất tốt', later, [before])], 2);
    const box = await r.findByTestId('field-conflict');
    fireEvent.click(within(box.querySelector<HTMLElement>('[data-side="mine"]')!).getByRole('button', { name: 'Giữ bản này' }));
    await waitFor(() => expect(r.queryByTestId('field-conflict')).toBeNull());
    expect((await r.store.db.outbox.toArray()).map((c) => [c.field, c.value, c.base])).toEqual([['a.II.1', 'Khá', later]]);
    expect((await r.store.doc('checklist', RECORD))!.fields['a.II.1']!.heads.map((h) => h.value)).toEqual(['Khá']);
  });
});

describe('ChecklistsScreen', () => {
  it('lists the commune outline and one task checklist per adopted model, with live completion', async () => {
    const { container, store, seed, findByTestId } = renderWithServices(<ChecklistsScreen />);
    const row = await findByTestId(`checklist-${COMMUNE}`);
    await waitFor(() => expect(row.textContent).toContain('0%'));
    expect(row.querySelector('a')!.getAttribute('href')).toBe(`#/checklists/${COMMUNE}`);
    expect(container.querySelector('[data-testid="checklist-inspection-district"]')).toBeNull();
    const adopted = seed.adoptions.filter((a) => a.unitId === 'tv').map((a) => `checklist-tasks-${a.modelId}`);
    expect(adopted).toHaveLength(11);
    for (const id of adopted) expect(within(container).getByTestId(id)).toBeTruthy();

    // 34 of 74 answered validly → 45%, read live from IndexedDB.
    const items = seed.checklists.find((t) => t.id === COMMUNE)!.sections.flatMap((s) => s.items);
    const values = Object.fromEntries(
      items.slice(0, 34).map((it) => [`a.${it.id}`, it.type === 'yesno' ? true : it.type === 'number' || it.type === 'percent' ? 5 : 'x']),
    );
    await store.write('checklist', RECORD, 'tv', values, 'u-thieuvan-congan');
    await waitFor(() => expect(within(row).getByText('45%')).toBeTruthy());
  });

  it('shows the district outline to a district officer, and no inspection outline to a village member', async () => {
    const district = renderWithServices(<ChecklistsScreen />, { username: 'quangxuong.huyen' });
    await district.findByTestId('checklist-inspection-district');
    expect(district.queryByTestId(`checklist-${COMMUNE}`)).toBeNull();
    district.unmount();

    const village = renderWithServices(<ChecklistsScreen />, { username: 'thieuvan.thon1' });
    await village.findByText(/Nhiệm vụ theo mô hình/);
    expect(village.queryByTestId(`checklist-${COMMUNE}`)).toBeNull();
    expect(village.container.querySelectorAll('[data-testid^="checklist-tasks-"]').length).toBeGreaterThan(0);
  });
});
