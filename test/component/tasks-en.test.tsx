// The task screens with the English interface installed: no Vietnamese is left outside an
// element marked lang="vi" (plan titles, task texts, units, deadlines as written and what
// people typed stay Vietnamese, marked), and the shared rules' messages come out in English.
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { fireEvent } from '@testing-library/preact';
import { installLanguage } from '../../src/i18n/messages.ts';
import { english } from '../../src/i18n/english.ts';
import { renderWithServices } from '../helpers/render-with-services.tsx';
import { TaskListScreen } from '../../src/tasks/TaskListScreen.tsx';
import { TaskScreen } from '../../src/tasks/TaskScreen.tsx';
import { unmarkedVietnamese } from '../helpers/unmarked-vietnamese.ts';

const NOW = Date.UTC(2026, 10, 25, 3);
const SLOW = { timeout: 8000 };
const T5 = 'th-bc137-2024-pl1.5';
vi.setConfig({ testTimeout: 20_000 });

beforeAll(() => installLanguage('en', english));
beforeEach(() => vi.stubGlobal('fetch', vi.fn(async () => new Response('{}', { status: 404 }))));
afterEach(() => vi.unstubAllGlobals());

const leftover = (container: HTMLElement) => [container.querySelector('h1')!, container.querySelector('main')!].flatMap(unmarkedVietnamese);

describe('task screens in English', () => {
  it('list the tasks and the progress form in English, the plans’ words marked as Vietnamese', async () => {
    const list = renderWithServices(<TaskListScreen now={NOW} />, { now: NOW });
    await list.findAllByTestId('task-row', {}, SLOW);
    expect(list.getByTestId('task-counts').textContent).toMatch(/^\d+ tasks · \d+ overdue$/);
    expect(leftover(list.container)).toEqual([]);
    list.unmount();

    const r = renderWithServices(<TaskScreen taskId={T5} now={NOW} />, { now: NOW });
    await r.findByTestId('task-progress-form', {}, SLOW);
    fireEvent.change(r.getByLabelText('Progress assessment'), { target: { value: 'notDone' } });
    fireEvent.input(r.getByLabelText('Completion (%)'), { target: { value: '40' } });
    fireEvent.click(r.getByRole('button', { name: 'Save' }));
    expect(await r.findByText('A task not completed must state the cause')).toBeTruthy();
    expect(leftover(r.container)).toEqual([]);
  });
});
