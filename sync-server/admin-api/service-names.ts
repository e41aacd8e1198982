// Naming the essential-service rows the source lost (001 Phụ lục III, rows 14–21; the seed
// recovers two, src/seed/bundle.ts): the admin gives a row its name and where the name was
// taken from; the server stores a new catalogue version carrying every name so far
// (Catalogue.serviceNames), made from the latest catalogue when that is an import, or from this
// server's seeded catalogue otherwise. GET /api/catalogue brings it to every phone
// (src/catalogue/server-catalogue.ts), which then lists the row on its indicator sheet.
import { z } from 'zod';
import { Catalogue, type ServiceName } from '../../src/domain/catalogue.ts';
import { seedVersionOf } from '../../src/domain/service-names.ts';
import { SEED_VERSION, buildSeedBundle } from '../../src/seed/bundle.ts';
import { issuePath } from '../http/errors.ts';
import type { NewAuditEntry, StoreTx, SyncStore } from '../store/types.ts';
import { AdminRefusal, accessOf, type Actor } from './service.ts';

const nfc = (s: string) => s.normalize('NFC');
export const ServiceNameInput = z.object({
  id: z.string({ error: 'Chọn dòng dịch vụ cần đặt tên' }).trim().min(1, 'Chọn dòng dịch vụ cần đặt tên'),
  name: z.string({ error: 'Nhập tên dịch vụ' }).trim().min(1, 'Nhập tên dịch vụ').max(300, 'Tên dịch vụ quá dài (tối đa 300 ký tự)').transform(nfc),
  source: z
    .string({ error: 'Ghi nguồn: văn bản, trang hoặc mục nơi lấy tên này' })
    .trim()
    .min(1, 'Ghi nguồn: văn bản, trang hoặc mục nơi lấy tên này')
    .max(500, 'Nguồn quá dài (tối đa 500 ký tự)')
    .transform(nfc),
});

/** A row the source lost, and its name when an administrator gave one. */
export interface ServiceNameRow {
  id: string;
  no: number | null;
  name: string | null;
  source: string | null;
}

let seeded: ReturnType<typeof buildSeedBundle> | undefined;
const seedBundle = () => (seeded ??= buildSeedBundle());

export function serviceNameActions(deps: {
  store: SyncStore;
  now: () => number;
  audit: (tx: StoreTx, actor: Actor, entry: Omit<NewAuditEntry, 'actorId' | 'actorName' | 'at'>) => Promise<unknown>;
}) {
  const { store, now, audit } = deps;
  /** The rows an administrator may name: those this server's seed leaves unnamed. */
  const unnamed = () => seedBundle().indicatorSheet.unnamedServices;

  return {
    /** The unnamed rows with the names given so far (any signed-in administrator may read them). */
    async listServiceNames(): Promise<ServiceNameRow[]> {
      const names = (await store.latestCatalogue())?.catalogue.serviceNames ?? [];
      return unnamed().map((u) => {
        const n = names.find((x) => x.id === u.id);
        return { id: u.id, no: u.no, name: n?.name ?? null, source: n?.source ?? null };
      });
    },

    /** Names one row (or corrects its name): a new catalogue version, audited in its transaction. */
    async nameService(actor: Actor, raw: unknown): Promise<{ version: string; service: ServiceName }> {
      if (accessOf(actor).role !== 'admin') throw new AdminRefusal('forbidden', 'Chỉ quản trị viên hệ thống đặt tên dịch vụ công thiết yếu');
      const r = ServiceNameInput.safeParse(raw);
      if (!r.success) {
        const issues = r.error.issues.map((i) => ({ path: issuePath(i.path), message: i.message }));
        throw new AdminRefusal('invalid', issues.map((i) => i.message).join('; '), issues);
      }
      const service = r.data;
      const row = unnamed().find((u) => u.id === service.id);
      if (!row) {
        const message = `${service.id} không phải một dòng bị mất tên trong 25 dịch vụ công thiết yếu (chỉ đặt tên được: ${unnamed().map((u) => u.id).join(', ')})`;
        throw new AdminRefusal('invalid', message, [{ path: 'id', message }]);
      }
      return store.transaction(async (tx) => {
        const latest = await tx.latestCatalogue();
        // An import is built on; the seeded catalogue (or one made from it) is remade from this server's seed.
        const base = latest && seedVersionOf(latest.catalogue) === undefined ? latest.catalogue : { ...seedBundle().catalogue, seedVersion: SEED_VERSION };
        const root = latest && base === latest.catalogue ? latest.version.replace(/\+dv\d+$/, '') : SEED_VERSION;
        const names = [...(latest?.catalogue.serviceNames ?? []).filter((n) => n.id !== service.id), service];
        // Checked as every catalogue is: what GET /api/catalogue serves, the phones parse.
        const made = Catalogue.parse({ ...base, serviceNames: names });
        // The newest whatever the clock did: GET /api/catalogue serves the latest imported.
        const at = Math.max(now(), latest?.importedAt ?? 0);
        for (let k = 1; k <= 10_000; k++) {
          const version = `${root}+dv${k}`;
          const catalogue = { ...made, version };
          if (!(await tx.putCatalogue({ version, catalogue, importedAt: at }))) continue;
          await audit(tx, actor, { action: 'catalogue.service-name', target: service.id, unit: null, detail: { ...service, no: row.no, version } });
          return { version, service };
        }
        throw new AdminRefusal('conflict', 'Không tạo được phiên bản danh mục mới; hãy thử lại');
      });
    },
  };
}
