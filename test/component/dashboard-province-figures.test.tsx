// The province officer's dashboard shows the province's own all-service figures (001 §II.3.2)
// from the province's own indicator sheets on the device, beside the document's figures with
// their date and section; a district's dashboard has no such block. Expected figures are read
// from 001's text, not from the seed.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { del } from 'idb-keyval';
import { renderWithServices } from '../helpers/render-with-services.tsx';
import DashboardRoute from '../../src/dashboard/dashboard-screen.tsx';
import { cacheKey } from '../../src/dashboard/rollups.ts';
import { indicatorsIdOf } from '../../src/domain/sync/ids.ts';
import { reportTimeliness, rollupOf } from '../../src/domain/rollup.ts';

const NOW = Date.UTC(2026, 10, 25, 3); // 25/11/2026 10:00 in Vietnam
const DOC = readFileSync(join(import.meta.dirname, '../../seeds/documents/001_0be6ffac82be08d1.txt'), 'utf8');
const TITLES = JSON.parse(readFileSync(join(import.meta.dirname, '../../seeds/documents/titles.json'), 'utf8')) as { documents: { file: string; title: string }[] };
const TITLE = TITLES.documents.find((d) => d.file === '001_0be6ffac82be08d1.txt')!.title;
const grab = (re: RegExp) => {
  const hit = re.exec(DOC);
  if (!hit) throw new Error(`001 no longer says ${re}`);
  return hit.slice(1);
};
// 001 §II.3.2 as printed.
const [offered] = grab(/đã cung cấp ([\d.]+) dịch vụ công trên Cổng dịch vụ công Quốc gia/);
const [partly, partlyOf] = grab(/Dịch vụ công trực tuyến một phần: ([\d.]+)\/([\d.]+)/);
const [fully, fullyOf] = grab(/Dịch vụ công trực tuyến toàn trình: ([\d.]+)\/([\d.]+) \(đạt ([\d,]+)%\)/);
const [onlineDossiers, onlineShare] = grab(/giải quyết ([\d.]+) hồ sơ dịch vụ công trực tuyến, đạt tỷ lệ ([\d,]+%)/);
const [digitised] = grab(/tỷ lệ số hóa hồ sơ, kết quả giải quyết TTHC đạt ([\d,]+%)/);
const [lookups, day, mon, year] = grab(/là ([\d.]+) lượt \(số liệu được tính đến ngày (\d+)\/(\d+)\/(\d+)\)/);
const num = (s: string) => Number(s.replace(/\./g, ''));
/** A share as the app prints rates: two decimals, a decimal comma. */
const pct = (part: number, whole: number) => `${((part / whole) * 100).toFixed(2).replace('.', ',')}%`;

beforeEach(async () => {
  await del(cacheKey('th'));
  await del(cacheKey('qx'));
  // The server's roll-ups as of NOW: they hold no all-service figures (no commune has a part of them).
  vi.stubGlobal(
    'fetch',
    vi.fn(async (url: string) => {
      const unitId = new URL(url, 'http://x').searchParams.get('unit')!;
      const view = { unitId, name: unitId, level: unitId === 'th' ? 'province' : 'district', updatedAt: NOW, rollup: rollupOf(unitId, []), timeliness: reportTimeliness({}, [], NOW, NOW - 92 * 86_400_000) };
      const body = url.includes('/children') ? { asOf: NOW, unitId, children: [] } : { asOf: NOW, ...view };
      return new Response(JSON.stringify(body), { status: 200, headers: { 'content-type': 'application/json' } });
    }),
  );
});
afterEach(() => vi.unstubAllGlobals());

/** The province's own sheets of October and November 2026 as its officer typed them. */
async function storeProvinceSheets(username: string) {
  const first = renderWithServices(<p />, { now: NOW, username });
  await first.store.writeMany(
    [
      { coll: 'indicators', id: indicatorsIdOf('th', '2026-10'), unit: 'th', values: { 'c.dvc-cong-quoc-gia': 1800, 'c.dvc-toan-trinh': 1100, 'c.hs-tiep-nhan': 100_000, 'c.hs-truc-tuyen': 80_000 } },
      // A later month's count of services replaces the earlier one; dossiers add up.
      { coll: 'indicators', id: indicatorsIdOf('th', '2026-11'), unit: 'th', values: { 'c.dvc-toan-trinh': 1206, 'c.hs-tiep-nhan': 150_000, 'c.hs-truc-tuyen': 120_000 } },
    ],
    'u-thanhhoa-tinh',
  );
  first.unmount();
  return first.dbName;
}

describe('the province’s all-service figures on its dashboard', () => {
  it('shows what the province entered this year against 001’s figures, their date and section', async () => {
    const dbName = await storeProvinceSheets('thanhhoa.tinh');
    const r = renderWithServices(<DashboardRoute route={['dashboard']} />, { now: NOW, username: 'thanhhoa.tinh', dbName });
    const box = await r.findByTestId('own-figures');
    const line = (id: string) => r.getByTestId(`own-${id}`);
    const part = (id: string, testId: string) => line(id).querySelector(`[data-testid="${testId}"]`)?.textContent ?? null;

    // Services offered: the last month entered (November has none, October's 1.800 stands).
    expect(part('dvc-cong-quoc-gia', 'value')).toBe('1.800');
    expect(part('dvc-cong-quoc-gia', 'baseline')).toMatch(new RegExp(`^Mốc theo tài liệu ngày \\d{2}/\\d{2}/2024: ${offered!.replace('.', '\\.')} \\(${TITLE} — mục II\\.3\\.2\\)$`));
    // Fully online: November's 1.206 of 1.800, and the document's 990/1.714 as rates are printed here.
    expect(part('dvc-toan-trinh', 'value')).toBe('1.206');
    expect(part('dvc-toan-trinh', 'share')).toBe(` (đạt ${pct(1206, 1800)})`);
    expect(fullyOf).toBe(offered);
    expect(part('dvc-toan-trinh', 'baseline')).toContain(`: ${fully} (đạt ${pct(num(fully!), num(fullyOf!))})`);
    expect(pct(num(fully!), num(fullyOf!))).toBe('57,76%'); // 001 rounds it to 57,8%
    // Partly online: nothing entered is said so, not shown as 0; the document's 724 stays.
    expect(part('dvc-mot-phan', 'value')).toBe('chưa nhập số liệu');
    expect(part('dvc-mot-phan', 'share')).toBeNull();
    expect(part('dvc-mot-phan', 'baseline')).toContain(`: ${partly} (đạt ${pct(num(partly!), num(partlyOf!))})`);
    // Online dossiers: October + November, their share of the dossiers received, and 001's own share.
    expect(part('hs-truc-tuyen', 'value')).toBe('200.000');
    expect(part('hs-truc-tuyen', 'share')).toBe(` (đạt ${pct(200_000, 250_000)})`);
    expect(part('hs-truc-tuyen', 'baseline')).toContain(`: ${onlineDossiers} (${TITLE} — mục II.3.2)`);
    expect(part('hs-truc-tuyen', 'baseline-share')).toContain(`: ${onlineShare} (${TITLE} — mục II.3.2)`);
    // Digitisation: no count entered; the document gives only its rate.
    expect(part('hs-so-hoa', 'value')).toBe('chưa nhập số liệu');
    expect(part('hs-so-hoa', 'baseline-share')).toContain(`: ${digitised} (${TITLE} — mục II.3.2)`);
    // Lookups: 001 dates this one itself.
    const asOf = `${day!.padStart(2, '0')}/${mon!.padStart(2, '0')}/${year}`;
    expect(part('luot-khai-thac-kho', 'baseline')).toContain(`Mốc theo tài liệu ngày ${asOf}: ${lookups}`);
    // No file names or internal ids on screen.
    expect(box.textContent).not.toMatch(/\.txt|001_|dvc-|hs-/);
    expect(r.getByText(/^Số liệu tỉnh tự nhập trên bảng chỉ tiêu của tỉnh/).textContent).toContain('từ tháng 1/2026 đến hết tháng 11/2026');
  });

  it('a district’s dashboard has no such block', async () => {
    const dbName = await storeProvinceSheets('quangxuong.huyen');
    const r = renderWithServices(<DashboardRoute route={['dashboard']} />, { now: NOW, username: 'quangxuong.huyen', dbName });
    await r.findByTestId('indicators');
    expect(r.queryByTestId('own-figures')).toBeNull();
    // (Its counters may say "chưa nhập số liệu"; the province's own figures are not there.)
    expect(r.queryByText(/^Số liệu tỉnh tự nhập/)).toBeNull();
  });
});
