// The catalogue, model, checklist, indicator and dashboard screens with the English interface
// installed (as src/i18n/load.ts installs it before the first render): no Vietnamese is left
// outside an element marked lang="vi" — model names, checklist questions, service names, unit
// and people's names and what people typed stay Vietnamese, marked — and validation messages of
// the shared domain rules come out in English. Vietnamese is told by its letters (đ and the
// letters with tone or vowel marks), not by this app's dictionaries, so a missed string shows.
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { fireEvent, waitFor, within } from '@testing-library/preact';
import { del } from 'idb-keyval';
import { installLanguage } from '../../src/i18n/messages.ts';
import { english } from '../../src/i18n/english.ts';
import { renderWithServices, testSeed } from '../helpers/render-with-services.tsx';
import { CatalogueScreen } from '../../src/catalogue/CatalogueScreen.tsx';
import { CatalogueModelScreen } from '../../src/catalogue/CatalogueModelScreen.tsx';
import { ModelDetailScreen } from '../../src/models/ModelDetailScreen.tsx';
import { StatusForm } from '../../src/models/StatusForm.tsx';
import { ChecklistsScreen } from '../../src/checklists/ChecklistsScreen.tsx';
import { ChecklistForm } from '../../src/checklists/ChecklistForm.tsx';
import { IndicatorsScreen } from '../../src/indicators/IndicatorsScreen.tsx';
import DashboardRoute from '../../src/dashboard/dashboard-screen.tsx';
import { cacheKey } from '../../src/dashboard/rollups.ts';
import type { UnitRollupView } from '../../src/dashboard/matrix.ts';
import { communeRollup, reportTimeliness, rollupOf, type CommuneSummary } from '../../src/domain/rollup.ts';
import type { ReportingRule } from '../../src/domain/calendar.ts';
import { encodeHlc } from '../../src/domain/sync/hlc.ts';
import { unmarkedVietnamese } from '../helpers/unmarked-vietnamese.ts';

const NOW = Date.UTC(2026, 10, 25, 3); // 25/11/2026 10:00 in Vietnam
/** A slow, shared machine: the first render's queries (IndexedDB, the stubbed server) may take seconds. */
const SLOW = { timeout: 5000 };
vi.setConfig({ testTimeout: 20_000 });

beforeAll(() => installLanguage('en', english));


/** The screen's own part and its title: what the shared Layout wraps (its bars are another feature's). */
const mine = (container: HTMLElement) => [container.querySelector('h1')!, container.querySelector('main')!];
const leftover = (container: HTMLElement) => mine(container).flatMap(unmarkedVietnamese);

describe('catalogue and model screens in English', () => {
  it('lists and filters the catalogue in English; the search still ignores diacritics of the Vietnamese names', async () => {
    const r = renderWithServices(<CatalogueScreen />, { now: NOW });
    await r.store.write('status', 'tv:mh-24', 'tv', { status: 'done', progress: 100 }, 'u-thieuvan-congan');
    await waitFor(() => expect([...r.container.querySelectorAll('.chip')].map((c) => c.textContent)).toContain('Adopted · Completed · 100%'), SLOW);
    expect(r.getByTestId('catalogue-count').textContent).toMatch(/^\d+\/\d+ models · \d+ adopted$/);
    const search = r.getByLabelText('Search models') as HTMLInputElement;
    expect(search.placeholder).toBe('e.g. cong dan so');
    fireEvent.input(search, { target: { value: 'cong dan so' } });
    const first = (await r.findAllByTestId('model-row', {}, SLOW))[0]!;
    expect(first.textContent).toMatch(/^Model 24: Đảm bảo điều kiện công dân số/);
    expect(within(first).getByText(/công dân số/).getAttribute('lang')).toBe('vi');
    // The title's English wording finds it too.
    fireEvent.input(search, { target: { value: 'model 24' } });
    await waitFor(() => expect(r.getAllByTestId('model-row').map((li) => li.textContent)).toEqual([expect.stringMatching(/^Model 24: /)]));
    expect(leftover(r.container)).toEqual([]);
  });

  it('shows a catalogue entry the unit has not adopted', async () => {
    const model = testSeed().catalogue.models.find((x) => x.number === null && x.tasks.length > 0)!;
    const r = renderWithServices(<CatalogueModelScreen modelId={model.id} now={NOW} />, { now: NOW });
    await r.findByText('Your unit has not adopted this model.', {}, SLOW);
    expect(r.getByText('Lead unit')).toBeTruthy();
    expect(leftover(r.container)).toEqual([]);
  });

  it('shows a model’s status, two versions of a field, its history and the names in it as data', async () => {
    const r = renderWithServices(<ModelDetailScreen adoptionId="tv:mh-24" now={NOW} />, { now: NOW });
    await r.store.write('status', 'tv:mh-24', 'tv', { status: 'inProgress', progress: 50, note: 'Đã rà soát Thôn 3' }, 'u-thieuvan-congan');
    const remote = encodeHlc({ wall: NOW + 60_000, counter: 0, device: 'thon1dev' });
    await r.store.applyPulled([{ coll: 'status', id: 'tv:mh-24', field: 'progress', value: 60, hlc: remote, base: null, unit: 'tv', author: 'u-thieuvan-thon1', receivedAt: NOW + 61_000 }], 1);
    await waitFor(() => expect(r.getByTestId('current-status').textContent).toMatch(/^In progress · Progress \d+%/), SLOW);
    await r.findByTestId('conflict', {}, SLOW);
    expect(r.getAllByRole('button', { name: /Keep this one/ }).length).toBeGreaterThan(0);
    expect((await r.findAllByTestId('history-entry')).map((li) => li.textContent)[0]).toMatch(/Progress: 60%|Notes, results: Đã rà soát Thôn 3/);
    expect(leftover(r.container)).toEqual([]);
  });

  it('checks the status form in English, the shared rules’ messages included', async () => {
    const r = renderWithServices(<StatusForm adoptionId="tv:mh-24" now={() => NOW} />, { now: NOW });
    const progress = (await r.findByLabelText('Progress (%)', {}, SLOW)) as HTMLInputElement;
    fireEvent.input(progress, { target: { value: 'abc' } });
    fireEvent.click(r.getByRole('button', { name: 'Save' }));
    expect((await r.findByText('Progress must be a number, e.g. 75 or 96,5')).id).toBe('err-progress');
    expect(r.getByText('Please correct the marked fields.')).toBeTruthy();
    // "done" with 50 %: a cross-field rule of src/domain (its text is Vietnamese there).
    fireEvent.change(r.getByLabelText('Status'), { target: { value: 'done' } });
    fireEvent.input(progress, { target: { value: '50' } });
    await r.findByText('A completed model must be at 100% progress');
    expect(leftover(r.container)).toEqual([]);
  });
});

describe('checklists and indicators in English', () => {
  it('lists the checklists and fills one; questions stay Vietnamese, the form and its errors are English', async () => {
    const list = renderWithServices(<ChecklistsScreen />, { now: NOW });
    await list.findByText('Inspection report outline', {}, SLOW);
    await waitFor(() => expect(list.container.querySelector('.cl-list-percent')?.textContent).toBe('0%'), SLOW);
    expect(leftover(list.container)).toEqual([]);
    list.unmount();

    const r = renderWithServices(<ChecklistForm templateId="inspection-commune" />, { now: NOW });
    await r.findByTestId('completion-percent', {}, SLOW);
    for (const details of r.container.querySelectorAll('details')) details.open = true;
    const number = r.container.ownerDocument.getElementById('q-I.1.2.b') as HTMLInputElement;
    expect(number.placeholder).toBe('e.g. 38.755');
    fireEvent.input(number, { target: { value: 'abc' } });
    await r.findByText('Enter a number the Vietnamese way, e.g. 38.755 or 96,24');
    fireEvent.click(r.getByRole('button', { name: 'Save' }));
    await r.findByText('Not saved: 1 field is invalid (marked red). Correct them, then tap Save again.');
    expect(r.getAllByLabelText('Yes').length).toBeGreaterThan(0);
    expect(leftover(r.container)).toEqual([]);
  });

  it('shows the indicators sheet in English, with vi-VN numbers and the domain’s rules in English', async () => {
    const r = renderWithServices(<IndicatorsScreen now={NOW} />, { now: NOW });
    await r.findByTestId('totals', {}, SLOW);
    expect((r.getByLabelText('Period') as HTMLSelectElement).selectedOptions[0]!.textContent).toBe('November 2026');
    const cell = (field: string) => r.container.querySelector<HTMLInputElement>(`input[data-field="${field}"]`)!;
    fireEvent.input(cell('s.dvc-01.total'), { target: { value: '38.755' } });
    fireEvent.input(cell('s.dvc-01.online'), { target: { value: '37.296' } });
    expect(r.getByTestId('rate-dvc-01').textContent).toBe('96,24%');
    fireEvent.input(cell('s.dvc-02.total'), { target: { value: '-3' } });
    await r.findByText(/Cannot be negative/);
    fireEvent.input(cell('s.dvc-03.total'), { target: { value: '5' } });
    fireEvent.input(cell('s.dvc-03.online'), { target: { value: '9' } });
    await r.findByText(/Online dossiers cannot exceed the total/);
    expect(leftover(r.container)).toEqual([]);
  });
});

// The district's roll-ups, as the server would answer them (the shapes of src/domain/rollup.ts).
const RULES: ReportingRule[] = [{ periodType: 'monthly', dueBeforeDay: 20, monthOffset: 0 }];
const communes = testSeed().units.filter((u) => u.parentId === 'qx');
const SUMMARIES: CommuneSummary[] = [
  {
    unitId: 'qx-quang-binh',
    models: { 'mh-24': { status: 'done', progress: 100 }, 'mh-01': { status: 'inProgress', progress: 40 } },
    indicators: { '2026-11': { services: { 'dvc-01': { total: 38000, online: 36600 } }, counters: { 'cccd-ho-so': 5 } } },
    reports: { '2026-11': { receivedAt: NOW - 3_600_000, recordedAt: NOW - 3_600_000 } },
  },
  {
    unitId: 'qx-quang-hop',
    models: { 'mh-24': { status: null, progress: null } },
    indicators: { '2026-11': { services: { 'dvc-01': { total: 755, online: 696 } }, counters: {} } },
    reports: {},
  },
];
function view(unitId: string, name: string, level: UnitRollupView['level'], summaries: CommuneSummary[], unitCommunes: string[]): UnitRollupView {
  const rollup = level === 'commune' && summaries[0] ? communeRollup(summaries[0]) : rollupOf(unitId, summaries);
  const timeliness = reportTimeliness(rollup.reports, unitCommunes.map((c) => ({ unitId: c, rules: RULES })), NOW, NOW - 92 * 86_400_000);
  return { unitId, name, level, updatedAt: NOW, rollup, timeliness };
}
const unitAnswer = { asOf: NOW, ...view('qx', 'huyện Quảng Xương', 'district', SUMMARIES, communes.map((c) => c.id)) };
const childrenAnswer = { asOf: NOW, unitId: 'qx', children: communes.map((c) => view(c.id, c.name, 'commune', SUMMARIES.filter((s) => s.unitId === c.id), [c.id])) };
const answer = (body: unknown) => new Response(JSON.stringify(body), { status: 200, headers: { 'content-type': 'application/json' } });

describe('dashboard in English', () => {
  beforeEach(async () => {
    await del(cacheKey('qx'));
    vi.stubGlobal('fetch', vi.fn(async (url: string) => answer(String(url).includes('/children') ? childrenAnswer : unitAnswer)));
  });
  afterEach(() => vi.unstubAllGlobals());

  it('shows the district’s matrix, timeliness and figures in English, unit and model names as data', async () => {
    const r = renderWithServices(<DashboardRoute route={['dashboard']} />, { now: NOW, username: 'quangxuong.huyen' });
    await waitFor(() => expect(r.getByTestId('as-of').textContent).toBe('Figures as of 25/11/2026 10:00'), SLOW);
    const row = r.getByTestId('matrix-row-qx-quang-binh');
    expect(within(row).getByTitle('Completed').textContent).toBe('DN');
    expect(r.getByTestId('matrix-share').textContent).toBe('33,33%');
    expect(within(r.getByTestId('indicator-all')).getAllByRole('cell').map((c) => c.textContent)).toEqual(['38.755', '37.296', '96,24%']);
    expect(leftover(r.container)).toEqual([]);
  });

  it('shows one commune in English', async () => {
    const r = renderWithServices(<DashboardRoute route={['dashboard', 'xa', 'qx-quang-binh']} />, { now: NOW, username: 'quangxuong.huyen' });
    await r.findByText('Submitted reports', {}, SLOW);
    expect(r.getByTestId('commune-name').getAttribute('lang')).toBe('vi');
    expect(leftover(r.container)).toEqual([]);
  });
});
