// The 25 essential services of 001 Phụ lục III on the indicator form: the two names recovered
// outside the table are shown with where they come from — as the document's title and section,
// never a file name — and a row an administrator named (a server catalogue the phone kept) is
// listed too, with the administrator's source, summed like any other row.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fireEvent, within } from '@testing-library/preact';
import { clear } from 'idb-keyval';
import { renderWithServices, testSeed } from '../helpers/render-with-services.tsx';
import { IndicatorsScreen } from '../../src/indicators/IndicatorsScreen.tsx';
import { keptServerCatalogue, refreshServerCatalogue, withServerCatalogue } from '../../src/catalogue/server-catalogue.ts';
import { SEED_VERSION } from '../../src/seed/version.ts';
import type { Catalogue } from '../../src/domain/catalogue.ts';

const NOW = Date.UTC(2026, 10, 20, 3);
/** The report's title as its own heading words it (seeds/documents/titles.json). */
const REPORT_137 = 'Báo cáo số 137/BC-UBND ngày 28/6/2024 của Tổ công tác Đề án 06 tỉnh Thanh Hóa';
const ROW_14 = { id: 'dvc-14', name: 'Tên dòng 14 điền từ bản gốc', source: 'Bản giấy Báo cáo 137, Phụ lục III, trang 21' };

afterEach(async () => {
  vi.unstubAllGlobals();
  await clear();
});

async function openSheet(seed = testSeed()) {
  const r = renderWithServices(<IndicatorsScreen now={NOW} />, { now: NOW, seed });
  await r.findByTestId('totals');
  return r;
}
const rowIds = (container: HTMLElement) => [...container.querySelectorAll<HTMLElement>('tbody tr[data-testid^="row-"]')].map((tr) => tr.dataset.testid!.slice(4));

/** GET /api/catalogue as the server answers it: the seeded catalogue made into a version that names dvc-14. */
function serverAnswer(extra: Partial<Catalogue> = {}): Response {
  const catalogue: Catalogue = { ...testSeed().catalogue, version: `${SEED_VERSION}+dv1`, seedVersion: SEED_VERSION, serviceNames: [ROW_14], ...extra };
  return new Response(JSON.stringify({ version: catalogue.version, importedAt: NOW, catalogue }), { status: 200, headers: { 'content-type': 'application/json', etag: `"cat-${catalogue.version}"` } });
}

describe('indicator form: names recovered and named', () => {
  it('cites the two recovered names by the report’s title and section, and lists no unnamed row', async () => {
    const { container } = await openSheet();
    expect(rowIds(container)).toHaveLength(19);
    const row21 = within(container).getByTestId('name-source-dvc-21').textContent;
    expect(row21).toBe(`Tên theo: ${REPORT_137} — Phụ lục III: Đánh giá 25 dịch vụ công thiết yếu theo Đề án 06`);
    // V.1 of the report names "Giải quyết hưởng trợ cấp thất nghiệp" an essential service.
    expect(within(container).getByTestId('name-source-dvc-tro-cap-that-nghiep').textContent).toBe(`Tên theo: ${REPORT_137} — mục V.1 (Kiến nghị Văn phòng Chính phủ)`);
    // A name the table keeps needs no source line; no file name reaches the screen.
    expect(within(container).queryByTestId('name-source-dvc-01')).toBeNull();
    expect(container.textContent).not.toMatch(/\.txt|001_/);
    // The inputs stay labelled by the row's name alone.
    expect(within(container).getByLabelText(/^Tổng số hồ sơ 21\. … đã đăng ký mẫu con dấu$/)).toBeTruthy();
  });

  it('lists a row an administrator named once the phone keeps the server’s catalogue, with that source, and sums it', async () => {
    const sent: (string | null)[] = [];
    const fetcher = vi.fn(async (_url: string, init?: RequestInit) => {
      const etag = new Headers(init?.headers).get('if-none-match');
      sent.push(etag);
      return etag === `"cat-${SEED_VERSION}+dv1"` ? new Response(null, { status: 304 }) : serverAnswer();
    }) as unknown as typeof fetch;
    expect((await refreshServerCatalogue(fetcher))?.changed).toBe(true);
    // Revalidated by its ETag: unchanged, nothing new to apply.
    expect((await refreshServerCatalogue(fetcher))?.changed).toBe(false);
    expect(sent).toEqual([null, `"cat-${SEED_VERSION}+dv1"`]);
    // Offline: what is kept stays.
    expect(await refreshServerCatalogue((async () => Promise.reject(new TypeError('offline'))) as unknown as typeof fetch)).toBeNull();

    // What Shell.tsx does at start, from the device only.
    const seed = withServerCatalogue(testSeed(), await keptServerCatalogue());
    const { container } = await openSheet(seed);
    const ids = rowIds(container);
    expect(ids).toHaveLength(20);
    // Rows 14–20 of Phụ lục III sit between row 13 and row 21.
    expect(ids.indexOf('dvc-14')).toBeGreaterThan(ids.indexOf('dvc-13'));
    expect(ids.indexOf('dvc-14')).toBeLessThan(ids.indexOf('dvc-21'));
    const row = within(container).getByTestId('row-dvc-14');
    expect(row.textContent).toContain(ROW_14.name);
    expect(within(container).getByTestId('name-source-dvc-14').textContent).toBe(`Tên do quản trị viên điền, theo: ${ROW_14.source}`);
    expect(within(container).queryByTestId('row-dvc-15')).toBeNull();

    const input = (field: string) => container.querySelector<HTMLInputElement>(`input[data-field="${field}"]`)!;
    fireEvent.input(input('s.dvc-14.total'), { target: { value: '40' } });
    fireEvent.input(input('s.dvc-14.online'), { target: { value: '30' } });
    fireEvent.input(input('s.dvc-01.total'), { target: { value: '60' } });
    expect(within(container).getByTestId('rate-dvc-14').textContent).toBe('75,00%');
    expect(within(container).getByTestId('sum-total').textContent).toBe('100');
    expect(within(within(container).getByTestId('totals')).getByRole('rowheader').textContent).toBe('Tổng cộng 20 dịch vụ');
  });

  it('takes an imported catalogue’s models and title over the seed’s, but not the server’s seeded one', async () => {
    const seed = testSeed();
    const imported = { ...seed.catalogue, version: 'danh-muc-2027', title: 'Danh mục chính thức 2027', models: [{ ...seed.catalogue.models[0]!, name: 'Tên mô hình đã sửa' }] };
    const withImport = withServerCatalogue(seed, imported);
    expect(withImport.catalogue.title).toBe('Danh mục chính thức 2027');
    expect(withImport.catalogue.models[0]!.name).toBe('Tên mô hình đã sửa');
    // A seeded model the import lacks stays: an adoption may name it.
    expect(withImport.catalogue.models).toHaveLength(seed.catalogue.models.length);
    // The server's own seeded catalogue (the same seed, or an older one) is not newer than the phone's seed.
    expect(withServerCatalogue(seed, { ...seed.catalogue, version: seed.version, title: 'x' })).toBe(seed);
    expect(withServerCatalogue(seed, { ...seed.catalogue, version: '2024.01.01-1', title: 'x' }).catalogue).toBe(seed.catalogue);
  });
});
