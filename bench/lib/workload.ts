// The records a commune syncs, shared by both systems in the wire comparison so they move
// exactly the same data: 30 status records (one per catalogue model, 7 fields each) and
// 15 monthly indicator sheets (25 essential services × total/online + 3 counters = 53
// fields each) — 1,005 fields in 45 records. "N changed fields" are the first N of that
// list, so 1 = one status field, 100 = 14 status records and part of a 15th, 1,000 =
// nearly everything.
import essentialServices from '../../seeds/indicators/essential-services.json';
import thieuVanModels from '../../seeds/catalogue/thieu-van-models.json';
import otherModels from '../../seeds/catalogue/other-models.json';

export type BenchValue = string | number;

export interface FieldRef {
  coll: 'status' | 'indicators';
  id: string;
  field: string;
  /** Position in the whole list: varies the values. */
  index: number;
}

const STATUS_FIELDS = ['progress', 'status', 'note', 'asOf', 'difficulties', 'causes', 'proposals'] as const;
const STATUSES = ['notStarted', 'inProgress', 'partial', 'done', 'ongoing', 'waitingGuidance'] as const;
export const MODEL_IDS: string[] = [...thieuVanModels, ...otherModels].map((m) => m.id);
export const SERVICE_IDS: string[] = essentialServices.services.map((s) => s.id);
const COUNTERS = ['cccd-ho-so', 'dddt-muc-1', 'dddt-muc-2'];
const pad = (n: number) => String(n).padStart(2, '0');
export const MONTHS: string[] = Array.from({ length: 15 }, (_, i) => `${2025 + Math.floor(i / 12)}-${pad((i % 12) + 1)}`);

export function fieldUniverse(unit: string): FieldRef[] {
  const out: FieldRef[] = [];
  for (const model of MODEL_IDS) for (const field of STATUS_FIELDS) out.push({ coll: 'status', id: `${unit}:${model}`, field, index: out.length });
  for (const month of [...MONTHS].reverse()) {
    for (const s of SERVICE_IDS) {
      out.push({ coll: 'indicators', id: `${unit}@${month}`, field: `s.${s}.total`, index: out.length });
      out.push({ coll: 'indicators', id: `${unit}@${month}`, field: `s.${s}.online`, index: out.length });
    }
    for (const c of COUNTERS) out.push({ coll: 'indicators', id: `${unit}@${month}`, field: `c.${c}`, index: out.length });
  }
  return out;
}

const NOTES = [
  'Đã triển khai tại bộ phận một cửa; người dân được hướng dẫn cài đặt, kích hoạt VNeID mức 2 và nộp hồ sơ trực tuyến.',
  'Tổ công nghệ số cộng đồng các thôn phối hợp với Công an xã rà soát, làm sạch dữ liệu dân cư theo hướng dẫn.',
  'Thiếu thiết bị đọc thẻ CCCD gắn chíp tại trạm y tế; đề nghị huyện hỗ trợ kinh phí mua sắm trong quý tới.',
  'Một số hộ cao tuổi chưa có điện thoại thông minh, cần cán bộ thôn hỗ trợ tại nhà khi làm thủ tục.',
];

/** The value of a field at a given version (0 = baseline; each run bumps the version, so every value differs from the last). */
export function valueOf(ref: FieldRef, version: number): BenchValue {
  if (ref.coll === 'indicators') {
    return ref.field.endsWith('.online') ? 400 + ((version * 37 + ref.index) % 500) : 1_000 + ((version * 53 + ref.index) % 900);
  }
  switch (ref.field) {
    case 'progress':
      return (version * 13 + ref.index) % 100;
    case 'status':
      return STATUSES[(version + ref.index) % STATUSES.length]!;
    case 'asOf':
      return `2026-${pad((version % 12) + 1)}-${pad((ref.index % 28) + 1)}`;
    default:
      return `${NOTES[(version + ref.index) % NOTES.length]!} (lần ${version})`;
  }
}

/** Groups field refs by record: [coll, id] → field → value. */
export function byRecord(refs: readonly FieldRef[], version: number): Map<string, { coll: FieldRef['coll']; id: string; values: Record<string, BenchValue> }> {
  const out = new Map<string, { coll: FieldRef['coll']; id: string; values: Record<string, BenchValue> }>();
  for (const r of refs) {
    const key = `${r.coll}:${r.id}`;
    let rec = out.get(key);
    if (!rec) out.set(key, (rec = { coll: r.coll, id: r.id, values: {} }));
    rec.values[r.field] = valueOf(r, version);
  }
  return out;
}
