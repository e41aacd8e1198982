// Simulated phones and their data for the issue-13 benchmarks (open-loop load, bootstrap,
// national size). Everything a simulated phone sends follows the wire format v2
// (src/domain/sync/wire.ts): each change names its author (the logged-in user), its stamp
// names the pushing device, ids are minted with src/domain/sync/ids.ts, and the unit is one
// the user's role may write (src/domain/access.ts); values pass the collections' schemas
// and the cross-field rules (status "done" ⇔ progress 100, online ≤ total).
import type { OrgUnit } from '../../src/domain/org.ts';
import type { Role } from '../../src/domain/people.ts';
import { adoptionIdOf, checklistIdOf, idFieldProblem, indicatorsIdOf, unitOfRecord } from '../../src/domain/sync/ids.ts';
import { checkChangeValue } from '../../src/domain/sync/collections.ts';
import { encodeHlc, type Hlc } from '../../src/domain/sync/hlc.ts';
import type { PushedChange } from '../../src/domain/sync/wire.ts';
import type { Base, FieldValue } from '../../src/domain/sync/merge.ts';
import { hashPassword } from '../../sync-server/auth/password.ts';
import { TOKEN_LIFETIME_MS, newToken, tokenHash } from '../../sync-server/auth/tokens.ts';
import type { StoreOps, SyncStore } from '../../sync-server/store/types.ts';
import { applyChange } from '../../sync-server/sync/apply.ts';
import type { BenchUser } from './server.ts';
import { MODEL_IDS, SERVICE_IDS } from './workload.ts';

export const pad = (n: number, w = 2) => String(n).padStart(w, '0');

/** One phone: its outbox numbering, its clock and the stamp it last wrote per field (the next change's base). */
export class SimDevice {
  seq = 0;
  cursor = 0;
  private wall = 0;
  private counter = 0;
  private readonly last = new Map<string, Hlc>();
  constructor(
    readonly unit: string,
    readonly userId: string,
    readonly deviceId: string,
    readonly role: Role,
    public token = '',
  ) {}

  /** A stamp at `at` (ms; default now), never below the last one (an HLC). */
  stamp(at = Date.now()): Hlc {
    if (at > this.wall) {
      this.wall = at;
      this.counter = 0;
    } else this.counter++;
    return encodeHlc({ wall: this.wall, counter: this.counter, device: this.deviceId });
  }

  change(coll: PushedChange[1], id: string, field: string, value: FieldValue, unit: string, at?: number): PushedChange {
    const key = `${coll}/${id}/${field}`;
    const hlc = this.stamp(at);
    // The stamp this phone last wrote for the field is the one value it saw: the base of the next.
    const base = (this.last.get(key) ?? null) as Base | null;
    this.last.set(key, hlc);
    return [++this.seq, coll, id, field, value, hlc, base, unit, this.userId];
  }
}

const STATUSES = ['inProgress', 'partial', 'ongoing', 'done'] as const;
const NOTES = [
  'Đã triển khai tại bộ phận một cửa; người dân được hướng dẫn cài đặt, kích hoạt VNeID mức 2 và nộp hồ sơ trực tuyến.',
  'Tổ công nghệ số cộng đồng các thôn phối hợp với Công an xã rà soát, làm sạch dữ liệu dân cư theo hướng dẫn.',
  'Thiếu thiết bị đọc thẻ CCCD gắn chíp tại trạm y tế; đề nghị cấp trên hỗ trợ kinh phí mua sắm trong quý tới.',
  'Một số hộ cao tuổi chưa có điện thoại thông minh, cần cán bộ thôn hỗ trợ tại nhà khi làm thủ tục.',
];

/** A status save as the form sends it: 7 fields, status and progress agreeing. */
export function statusSave(d: SimDevice, commune: string, model: string, version: number, at?: number): PushedChange[] {
  const id = adoptionIdOf(commune, model);
  const status = STATUSES[version % STATUSES.length]!;
  const progress = status === 'done' ? 100 : 10 + ((version * 17) % 80);
  const day = new Date(at ?? Date.now()).toISOString().slice(0, 10);
  return [
    d.change('status', id, 'status', status, commune, at),
    d.change('status', id, 'progress', progress, commune, at),
    d.change('status', id, 'asOf', day, commune, at),
    d.change('status', id, 'note', `${NOTES[version % NOTES.length]!} Cập nhật lần ${version}.`, commune, at),
    d.change('status', id, 'difficulties', NOTES[(version + 2) % NOTES.length]!, commune, at),
    d.change('status', id, 'causes', 'Kinh phí năm nay chưa được phân bổ đủ.', commune, at),
    d.change('status', id, 'proposals', 'Đề nghị cấp trên hỗ trợ 02 đầu đọc thẻ CCCD.', commune, at),
  ];
}

/** `pairs` services of a monthly indicator sheet (total and online, online ≤ total): 2 × pairs fields. */
export function indicatorSave(d: SimDevice, unit: string, month: string, firstService: number, pairs: number, version: number, at?: number): PushedChange[] {
  const id = indicatorsIdOf(unit, month);
  const out: PushedChange[] = [];
  for (let k = 0; k < pairs; k++) {
    const s = SERVICE_IDS[(firstService + k) % SERVICE_IDS.length]!;
    const total = 100 + ((version * 31 + k * 7) % 400);
    out.push(d.change('indicators', id, `s.${s}.total`, total, unit, at));
    out.push(d.change('indicators', id, `s.${s}.online`, Math.floor(total * (0.3 + ((version + k) % 6) / 10)), unit, at));
  }
  return out;
}

/** Answers of the commune inspection checklist (ids from seeds/checklists/inspection-commune.json). */
export const CHECKLIST_ITEMS = ['I.1.1', 'I.1.2.a', 'I.1.2.b'] as const;
export function checklistSave(d: SimDevice, commune: string, version: number, at?: number): PushedChange[] {
  const id = checklistIdOf('inspection-commune', commune);
  return [
    d.change('checklist', id, 'a.I.1.1', `Đã ban hành kế hoạch triển khai, cập nhật lần ${version}.`, commune, at),
    d.change('checklist', id, 'a.I.1.2.a', true, commune, at),
    d.change('checklist', id, 'a.I.1.2.b', 5 + (version % 10), commune, at),
  ];
}

export function adoptionSave(d: SimDevice, commune: string, model: string, villageIds: string[], at?: number): PushedChange[] {
  const id = adoptionIdOf(commune, model);
  return [
    d.change('adoption', id, 'modelId', model, commune, at),
    d.change('adoption', id, 'adoptedOn', '2025-07-01', commune, at),
    d.change('adoption', id, 'villageIds', villageIds, commune, at),
    d.change('adoption', id, 'active', true, commune, at),
  ];
}

export const MODELS = MODEL_IDS;
export const monthKey = (at: number) => new Date(at).toISOString().slice(0, 7);

/** Users, with one shared password hash, and a bearer token each — through the store the server uses. */
export async function seedAccounts(store: SyncStore, units: readonly OrgUnit[], users: readonly BenchUser[], now = Date.now()): Promise<Map<string, string>> {
  const passwordHash = await hashPassword('bench-password-06');
  const tokens = new Map<string, string>();
  const CHUNK = 2_000;
  for (let i = 0; i < units.length; i += CHUNK) {
    const part = units.slice(i, i + CHUNK);
    await store.transaction(async (tx) => {
      for (const u of part) await tx.putUnit(u);
    });
  }
  for (let i = 0; i < users.length; i += CHUNK) {
    const part = users.slice(i, i + CHUNK);
    await store.transaction(async (tx) => {
      for (const u of part) {
        await tx.createUser({ id: u.id, username: u.username, displayName: `Bench ${u.username}`, role: u.role, unitId: u.unitId, passwordHash, createdAt: now });
        const token = newToken();
        await tx.createToken({ hash: tokenHash(token), userId: u.id, deviceId: u.deviceId, createdAt: now, expiresAt: now + TOKEN_LIFETIME_MS, revokedAt: null });
        tokens.set(u.id, token);
      }
    });
  }
  return tokens;
}

/**
 * Writes pushed changes straight through the server's one merge path (sync/apply.ts), as an
 * accepted push would log them — for building history quickly (a simulated year) before the
 * server starts. Moves the device's high-water mark like a push.
 */
export async function writeHistory(tx: StoreOps, d: SimDevice, changes: readonly PushedChange[], receivedAt: number): Promise<void> {
  for (const c of changes) {
    // The checks a push would make on the change alone: history must be what the server accepts.
    const problem = checkChangeValue(c[1], c[3], c[4]) ?? idFieldProblem(c[1], c[2], c[3], c[4] as FieldValue);
    const idUnit = unitOfRecord(c[1], c[2]);
    if (problem || !idUnit.ok || idUnit.unit !== c[7]) throw new Error(`simulated change refused: ${JSON.stringify(c)}: ${problem ?? (idUnit.ok ? 'unit' : idUnit.message)}`);
    await applyChange(tx, {
      coll: c[1], id: c[2], field: c[3], value: c[4] as FieldValue, hlc: c[5], base: c[6], unit: c[7], author: c[8],
      device: d.deviceId, deviceSeq: c[0], origHlc: null, receivedAt,
    });
  }
  if (changes.length) await tx.putDevice({ deviceId: d.deviceId, userId: d.userId, highWater: changes[changes.length - 1]![0] });
}
