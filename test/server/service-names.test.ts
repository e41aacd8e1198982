// Naming the essential-service rows 001 Phụ lục III lost (rows 14–21; two names recovered in the
// seed): the requirement is "show the two that can be recovered (cite both) and let an admin name
// the rest" — only the system administrator, each name with its source, only a row that has no
// name — and the names reach every phone through GET /api/catalogue.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildSeedBundle } from '../../src/seed/bundle.ts';
import { SeedBundle } from '../../src/seed/schema.ts';
import { withServerCatalogue } from '../../src/catalogue/server-catalogue.ts';
import type { Catalogue } from '../../src/domain/catalogue.ts';
import { testServer, type ErrorJson, type TestServer } from './helpers.ts';

interface CatalogueAnswer {
  version: string;
  catalogue: Catalogue;
}
interface AuditJson { action: string; target: string; detail: Record<string, unknown> }

let s: TestServer;
const tok: Record<string, string> = {};
beforeEach(async () => {
  s = await testServer({ demoUsers: true });
  // The Quảng Xương district officer holds the admin right over its district, not the province's sheet.
  await s.store.updateUser('u-quangxuong-huyen', { canAdmin: true });
  for (const [name, id] of [['admin', 'u-admin'], ['qx', 'u-quangxuong-huyen'], ['tvPolice', 'u-thieuvan-congan']] as const) tok[name] = await s.session(id, `dev_${name}`);
});
afterEach(() => s.close());

const name = (who: string, body: unknown) => s.request<{ version: string; service: { id: string; name: string; source: string } } & ErrorJson>('POST', '/api/admin/service-names', { token: tok[who], body });
const catalogue = () => s.request<CatalogueAnswer>('GET', '/api/catalogue');
const audit = async () => (await s.request<{ entries: AuditJson[] }>('GET', '/api/admin/audit?limit=50', { token: tok.admin })).body.entries;

const ROW_14 = { id: 'dvc-14', name: 'Tên dòng 14 điền từ bản gốc', source: 'Bản giấy Báo cáo số 137/BC-UBND, Phụ lục III, trang 21' };

describe('POST /api/admin/service-names', () => {
  it('stores the admin’s name with its source in a new catalogue version that GET /api/catalogue serves, audited', async () => {
    const before = await catalogue();
    const named = await name('admin', ROW_14);
    expect(named.status).toBe(200);
    expect(named.body.service).toEqual(ROW_14);

    const after = await catalogue();
    expect(after.body.version).toBe(named.body.version);
    expect(after.body.version).not.toBe(before.body.version);
    // A phone revalidating with its old ETag gets the new version, not a 304.
    expect((await s.request('GET', '/api/catalogue', { headers: { 'if-none-match': before.headers.get('etag')! } })).status).toBe(200);
    expect(after.body.catalogue.serviceNames).toEqual([ROW_14]);
    // Made from the seeded catalogue: the same models, marked as the seed's.
    expect(after.body.catalogue.models.map((x) => x.id)).toEqual(before.body.catalogue.models.map((x) => x.id));

    const entry = (await audit())[0]!;
    expect(entry).toMatchObject({ action: 'catalogue.service-name', target: 'dvc-14' });
    expect(entry.detail).toMatchObject({ name: ROW_14.name, source: ROW_14.source });

    // A second row keeps the first; correcting a name replaces it.
    await name('admin', { id: 'dvc-15', name: 'Tên dòng 15', source: 'Bản gốc, trang 21' });
    await name('admin', { ...ROW_14, name: 'Tên dòng 14 (sửa)' });
    const names = (await catalogue()).body.catalogue.serviceNames ?? [];
    expect(names.map((n) => [n.id, n.name]).sort()).toEqual([['dvc-14', 'Tên dòng 14 (sửa)'], ['dvc-15', 'Tên dòng 15']]);
  });

  it('refuses anyone but the system administrator, with a code, and changes nothing', async () => {
    const before = (await catalogue()).body.version;
    for (const who of ['qx', 'tvPolice']) {
      const r = await name(who, ROW_14);
      expect(r.status).toBe(403);
      expect(r.body.error.code).toBe('admin/forbidden');
    }
    expect((await s.request('POST', '/api/admin/service-names', { body: ROW_14 })).status).toBe(401);
    expect((await catalogue()).body.version).toBe(before);
    expect((await audit()).some((e) => e.action === 'catalogue.service-name')).toBe(false);
  });

  it('names each field that is wrong: a name and its source are both required', async () => {
    const r = await name('admin', { id: 'dvc-14', name: '   ' });
    expect(r.status).toBe(400);
    expect(r.body.error.code).toBe('admin/invalid');
    expect(r.body.error.issues?.map((i) => i.path).sort()).toEqual(['name', 'source']);
    for (const i of r.body.error.issues ?? []) expect(i.message).toMatch(/[àáảãạăâđêôơư]/i); // Vietnamese
    const notObject = await name('admin', ['dvc-14']);
    expect(notObject.status).toBe(400);
  });

  it('refuses a row that is not one of the unnamed ones: a named row, a recovered row, an unknown id', async () => {
    const before = (await catalogue()).body.version;
    // dvc-01 keeps its name in the table; dvc-21 and the unemployment-benefit row were recovered with a citation.
    for (const id of ['dvc-01', 'dvc-21', 'dvc-tro-cap-that-nghiep', 'dvc-99']) {
      const r = await name('admin', { ...ROW_14, id });
      expect(r.status, id).toBe(400);
      expect(r.body.error.code).toBe('admin/invalid');
      expect(r.body.error.issues?.map((i) => i.path)).toEqual(['id']);
    }
    expect((await catalogue()).body.version).toBe(before);
  });

  it('lists the six unnamed rows with the names given so far, for administrators', async () => {
    await name('admin', ROW_14);
    const rows = (await s.request<{ rows: { id: string; name: string | null; source: string | null }[] }>('GET', '/api/admin/service-names', { token: tok.admin })).body.rows;
    expect(rows.map((r) => r.id)).toEqual(['dvc-14', 'dvc-15', 'dvc-16', 'dvc-17', 'dvc-18', 'dvc-19']);
    expect(rows[0]).toMatchObject({ name: ROW_14.name, source: ROW_14.source });
    expect(rows[1]).toMatchObject({ name: null, source: null });
    expect((await s.request<ErrorJson>('GET', '/api/admin/service-names', { token: tok.tvPolice })).body.error.code).toBe('admin/forbidden');
  });

  it('keeps the names when a catalogue is imported later, and builds on an import when naming after it', async () => {
    await name('admin', ROW_14);
    const imported = { ...buildSeedBundle().catalogue, version: 'danh-muc-chinh-thuc-2027', title: 'Danh mục chính thức' };
    expect((await s.request('POST', '/api/admin/catalogue', { token: tok.admin, body: imported })).status).toBe(200);
    let served = (await catalogue()).body;
    expect(served.version).toBe('danh-muc-chinh-thuc-2027');
    expect(served.catalogue.serviceNames).toEqual([ROW_14]);
    await name('admin', { id: 'dvc-16', name: 'Tên dòng 16', source: 'Bản gốc' });
    served = (await catalogue()).body;
    expect(served.catalogue.title).toBe('Danh mục chính thức');
    expect(served.catalogue.serviceNames?.map((n) => n.id)).toEqual(['dvc-14', 'dvc-16']);
  });
});

describe('the named row on a phone', () => {
  it('is on the indicator sheet where row 14–20 stood, with the admin’s source; the seed’s models stay', async () => {
    await name('admin', ROW_14);
    const served = (await catalogue()).body.catalogue;
    const seed = SeedBundle.parse(buildSeedBundle());
    const phone = withServerCatalogue(seed, served);
    const ids = phone.indicatorSheet.services.map((x) => x.id);
    expect(ids).toHaveLength(20);
    // Rows 14–20 lie between row 13 and row 21 (001 Phụ lục III).
    expect(ids.indexOf('dvc-14')).toBeGreaterThan(ids.indexOf('dvc-13'));
    expect(ids.indexOf('dvc-14')).toBeLessThan(ids.indexOf('dvc-21'));
    expect(phone.indicatorSheet.services.find((x) => x.id === 'dvc-14')).toMatchObject({ name: ROW_14.name, citation: ROW_14.source, byAdmin: true });
    expect(phone.indicatorSheet.unnamedServices.map((u) => u.id)).toEqual(['dvc-15', 'dvc-16', 'dvc-17', 'dvc-18', 'dvc-19']);
    // Still 25 rows in all.
    expect(SeedBundle.parse(phone).indicatorSheet.services).toHaveLength(20);
    // A version made from the server's seeded catalogue does not replace the phone's seed models.
    expect(phone.catalogue).toBe(seed.catalogue);
  });
});
