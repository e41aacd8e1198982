// A unit's whole subtree as files a person can open: JSON (every record with every current
// value, who wrote it and when) and CSV (one row per field, for a spreadsheet in Vietnamese).
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { decodeHlc } from '../../src/domain/sync/hlc.ts';
import { subtree } from '../../src/domain/org.ts';
import type { SyncStore } from '../store/types.ts';

const quote = (s: string) => `"${s.replace(/"/g, '""')}"`;
// A cell a spreadsheet would run as a formula is made inert (as in src/reports/csv.ts).
const cell = (s: string) => quote(/^[=+\-@\t\r]/.test(s) ? `'${s}` : s);
const when = (ms: number) => new Date(ms).toLocaleString('vi-VN', { timeZone: 'Asia/Ho_Chi_Minh' });

export async function exportUnit(store: SyncStore, unitId: string, dir: string, at: number): Promise<{ json: string; csv: string; records: number }> {
  const units = await store.getUnits();
  const root = units.find((u) => u.id === unitId);
  if (!root) throw new Error(`Không có đơn vị ${unitId}`);
  const inside = subtree(unitId, units);
  const docs = await store.listDocs({ units: inside.map((u) => u.id) });
  const users = new Map((await store.listUsers()).map((u) => [u.id, u.displayName]));
  const records = docs.map((d) => ({
    coll: d.coll,
    id: d.id,
    unit: d.unit,
    fields: Object.fromEntries(
      Object.entries(d.doc).map(([field, state]) => [
        field,
        // Two heads = two versions nobody has chosen between yet: both are kept.
        state.heads.map((h) => ({ value: h.value, author: h.author, authorName: users.get(h.author) ?? null, at: decodeHlc(h.hlc).wall, hlc: h.hlc })),
      ]),
    ),
  }));
  mkdirSync(dir, { recursive: true });
  const base = `xuat-${unitId}-${new Date(at + 7 * 3600_000).toISOString().slice(0, 10)}`;
  const json = join(dir, `${base}.json`);
  writeFileSync(json, JSON.stringify({ unit: { id: root.id, name: root.name, level: root.level }, exportedAt: at, units: inside, records }, null, 1));
  const lines = [['Loại', 'Mã bản ghi', 'Đơn vị', 'Trường', 'Giá trị', 'Người ghi', 'Thời điểm'].map(quote).join(';')];
  for (const r of records) {
    for (const [field, heads] of Object.entries(r.fields)) {
      for (const h of heads) {
        const value = typeof h.value === 'string' ? h.value : JSON.stringify(h.value);
        lines.push([r.coll, r.id, r.unit, field, value, h.authorName ?? h.author, when(h.at)].map(cell).join(';'));
      }
    }
  }
  const csv = join(dir, `${base}.csv`);
  writeFileSync(csv, `\uFEFF${lines.join('\r\n')}\r\n`);
  return { json, csv, records: records.length };
}
