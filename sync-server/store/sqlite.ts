// SyncStore on better-sqlite3. One connection, every call serialised through a promise
// queue, so a transaction (BEGIN IMMEDIATE … COMMIT) never interleaves with another
// request's reads or writes. WAL + synchronous=FULL: once COMMIT returns, the push is on
// disk — the server acknowledges a batch only after that.
import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import type { Catalogue } from '../../src/domain/catalogue.ts';
import type { ReportingRule } from '../../src/domain/calendar.ts';
import type { OrgUnit } from '../../src/domain/org.ts';
import type { Rollup } from '../../src/domain/rollup.ts';
import type { Collection } from '../../src/domain/sync/collections.ts';
import type { Hlc } from '../../src/domain/sync/hlc.ts';
import type { DocState, FieldState } from '../../src/domain/sync/merge.ts';
import { toLogEntry, toToken, toUnit, toUser, type ChangeRow, type TokenRow, type UnitRow, type UserRow } from './sqlite-rows.ts';
import { toDeviceBinding, toLoginCounter, type DeviceRow, type LoginCounterRow } from './sqlite-rows.ts';
import { toAudit, toOneTimeCode, toPlan, type AuditRow, type OneTimeCodeRow, type PlanRow } from './sqlite-rows.ts';
import { reorgData, toReorgEvent, type ReorgRow } from './sqlite-rows.ts';
import type { ReorgEvent } from '../../src/domain/reorg.ts';
import { MIGRATIONS } from './sqlite-schema.ts';
import { compactLog, compactedThrough, readSnapshot, recordPullCursor } from './sqlite-snapshot.ts';
import { adoptionOfRecord, type PullRule } from '../../src/domain/subscriptions.ts';
import {
  StoreConflict,
  type BlobRecord,
  type CompactOptions,
  type CompactResult,
  type SnapshotPage,
  type SnapshotQuery,
  type DeviceBinding,
  type DeviceKeyRecord,
  type DeviceRecord,
  type SmsKeyRecord,
  type LoginCounter,
  type LogEntry,
  type NewLogEntry,
  type PullPage,
  type PullQuery,
  type RefusalRecord,
  type StoreOps,
  type StoreTx,
  type StoredCatalogue,
  type StoredRollup,
  type SyncStore,
  type TokenRecord,
  type UnitRecord,
  type UserRecord,
  type AuditEntry,
  type AuditQuery,
  type NewAuditEntry,
  type NewUserRecord,
  type OneTimeCodePurpose,
  type OneTimeCodeRecord,
  type StoredPlan,
  type UserPatch,
} from './types.ts';

export const DEFAULT_DB_FILE = './data/so-tay.db';

const isUniqueViolation = (e: unknown) =>
  e instanceof Database.SqliteError && (e.code === 'SQLITE_CONSTRAINT_UNIQUE' || e.code === 'SQLITE_CONSTRAINT_PRIMARYKEY');

function migrate(db: Database.Database): void {
  const current = db.pragma('user_version', { simple: true }) as number;
  // In version order whatever the order of the list (migrations are appended by several people).
  for (const m of [...MIGRATIONS].sort((a, b) => a.version - b.version)) {
    if (m.version <= current) continue;
    db.transaction(() => {
      db.exec(m.sql);
      db.pragma(`user_version = ${m.version}`);
    })();
  }
}

/** The operations, run directly on the connection (the caller serialises). */
class SqliteOps implements StoreOps {
  private readonly statements = new Map<string, Database.Statement<unknown[], unknown>>();
  constructor(private readonly db: Database.Database) {}

  private q<Row = unknown>(sql: string): Database.Statement<unknown[], Row> {
    let s = this.statements.get(sql);
    if (!s) {
      s = this.db.prepare(sql);
      this.statements.set(sql, s);
    }
    return s as Database.Statement<unknown[], Row>;
  }

  async putUnit(unit: OrgUnit, rules?: ReportingRule[] | null): Promise<void> {
    // `rules` undefined keeps what is stored: re-seeding must not drop rules set by hand.
    this.q(
      `INSERT INTO units (id, name, level, parent_id, placeholder, rules, closed_on) VALUES (?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT(id) DO UPDATE SET name = excluded.name, level = excluded.level, parent_id = excluded.parent_id,
         placeholder = excluded.placeholder, rules = CASE WHEN ? THEN excluded.rules ELSE units.rules END,
         closed_on = CASE WHEN ? THEN excluded.closed_on ELSE units.closed_on END`,
    ).run(
      unit.id, unit.name, unit.level, unit.parentId, unit.placeholder ? 1 : 0, rules ? JSON.stringify(rules) : null, unit.closedOn ?? null,
      rules === undefined ? 0 : 1, unit.closedOn === undefined ? 0 : 1,
    );
  }
  async appendReorgEvent(e: Omit<ReorgEvent, 'seq'>): Promise<number> {
    const info = this.q('INSERT INTO reorg_events (kind, effective, recorded_at, recorded_by, data) VALUES (?, ?, ?, ?, ?)').run(
      e.spec.kind, e.spec.effective, e.recordedAt, e.recordedBy, reorgData(e),
    );
    return Number(info.lastInsertRowid);
  }
  async listReorgEvents(): Promise<ReorgEvent[]> {
    return this.q<ReorgRow>('SELECT * FROM reorg_events ORDER BY seq').all().map(toReorgEvent);
  }
  async getUnits(): Promise<UnitRecord[]> {
    return this.q<UnitRow>('SELECT * FROM units ORDER BY id').all().map(toUnit);
  }
  async unitsVersion(): Promise<number> {
    return this.q<{ v: number }>('SELECT v FROM units_version').get()?.v ?? 0;
  }

  async createUser(u: NewUserRecord): Promise<void> {
    try {
      this.q('INSERT INTO users (id, username, display_name, role, unit_id, password_hash, created_at, active, can_admin) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)').run(
        u.id, u.username, u.displayName, u.role, u.unitId, u.passwordHash, u.createdAt, u.active === false ? 0 : 1, u.canAdmin === true ? 1 : 0,
      );
    } catch (e) {
      if (isUniqueViolation(e)) throw new StoreConflict(`Người dùng ${u.username} (${u.id}) đã tồn tại`);
      throw e;
    }
  }
  async getUserById(id: string): Promise<UserRecord | null> {
    const r = this.q<UserRow>('SELECT * FROM users WHERE id = ?').get(id);
    return r ? toUser(r) : null;
  }
  async getUserByUsername(username: string): Promise<UserRecord | null> {
    const r = this.q<UserRow>('SELECT * FROM users WHERE username = ?').get(username);
    return r ? toUser(r) : null;
  }
  async listUsers(): Promise<UserRecord[]> {
    return this.q<UserRow>('SELECT * FROM users ORDER BY username').all().map(toUser);
  }
  async setPasswordHash(userId: string, passwordHash: string): Promise<void> {
    this.q('UPDATE users SET password_hash = ? WHERE id = ?').run(passwordHash, userId);
  }
  async updateUser(userId: string, p: UserPatch): Promise<UserRecord | null> {
    // One statement for every patch shape: a field left out (null here) keeps its value.
    const flag = (b: boolean | undefined) => (b === undefined ? null : b ? 1 : 0);
    const r = this.q<UserRow>(
      `UPDATE users SET display_name = COALESCE(?, display_name), role = COALESCE(?, role), unit_id = COALESCE(?, unit_id),
         active = COALESCE(?, active), can_admin = COALESCE(?, can_admin) WHERE id = ? RETURNING *`,
    ).get(p.displayName ?? null, p.role ?? null, p.unitId ?? null, flag(p.active), flag(p.canAdmin), userId);
    return r ? toUser(r) : null;
  }

  async createOneTimeCode(c: OneTimeCodeRecord): Promise<void> {
    this.db.transaction(() => {
      this.q('UPDATE one_time_codes SET used_at = ? WHERE user_id = ? AND purpose = ? AND used_at IS NULL').run(c.createdAt, c.userId, c.purpose);
      try {
        this.q('INSERT INTO one_time_codes (hash, purpose, user_id, created_by, created_at, expires_at, used_at) VALUES (?, ?, ?, ?, ?, ?, ?)').run(
          c.hash, c.purpose, c.userId, c.createdBy, c.createdAt, c.expiresAt, c.usedAt,
        );
      } catch (e) {
        if (isUniqueViolation(e)) throw new StoreConflict('Mã dùng một lần này đã có');
        throw e;
      }
    })();
  }
  async useOneTimeCode(hash: string, purpose: OneTimeCodePurpose, now: number): Promise<OneTimeCodeRecord | null> {
    // One statement: two redemptions of the same code cannot both find it unused.
    const r = this.q<OneTimeCodeRow>(
      'UPDATE one_time_codes SET used_at = ? WHERE hash = ? AND purpose = ? AND used_at IS NULL AND expires_at > ? RETURNING *',
    ).get(now, hash, purpose, now);
    return r ? toOneTimeCode(r) : null;
  }
  async appendAudit(e: NewAuditEntry): Promise<number> {
    const info = this.q('INSERT INTO audit_log (at, actor_id, actor_name, action, target, unit, detail) VALUES (?, ?, ?, ?, ?, ?, ?)').run(
      e.at, e.actorId, e.actorName, e.action, e.target, e.unit, JSON.stringify(e.detail),
    );
    return Number(info.lastInsertRowid);
  }
  async listAudit(query: AuditQuery): Promise<AuditEntry[]> {
    const before = query.before ?? Number.MAX_SAFE_INTEGER;
    const rows = query.unitScope
      ? this.q<AuditRow>('SELECT * FROM audit_log WHERE id < ? AND unit IN (SELECT value FROM json_each(?)) ORDER BY id DESC LIMIT ?').all(
          before, JSON.stringify(query.unitScope), query.limit,
        )
      : this.q<AuditRow>('SELECT * FROM audit_log WHERE id < ? ORDER BY id DESC LIMIT ?').all(before, query.limit);
    return rows.map(toAudit);
  }
  async putPlan(p: StoredPlan): Promise<void> {
    this.q(
      `INSERT INTO plans (id, data, imported_at, imported_by) VALUES (?, ?, ?, ?)
       ON CONFLICT(id) DO UPDATE SET data = excluded.data, imported_at = excluded.imported_at, imported_by = excluded.imported_by`,
    ).run(p.id, JSON.stringify(p.plan), p.importedAt, p.importedBy);
  }
  async listPlans(): Promise<StoredPlan[]> {
    return this.q<PlanRow>('SELECT * FROM plans ORDER BY id').all().map(toPlan);
  }

  async createToken(t: TokenRecord): Promise<void> {
    this.q('INSERT INTO tokens (hash, user_id, device_id, created_at, expires_at, revoked_at) VALUES (?, ?, ?, ?, ?, ?)').run(
      t.hash, t.userId, t.deviceId, t.createdAt, t.expiresAt, t.revokedAt,
    );
  }
  async getToken(hash: string): Promise<TokenRecord | null> {
    const r = this.q<TokenRow>('SELECT * FROM tokens WHERE hash = ?').get(hash);
    return r ? toToken(r) : null;
  }
  async revokeToken(hash: string, at: number): Promise<void> {
    this.q('UPDATE tokens SET revoked_at = ? WHERE hash = ? AND revoked_at IS NULL').run(at, hash);
  }
  async revokeUserTokens(userId: string, at: number): Promise<number> {
    return this.q('UPDATE tokens SET revoked_at = ? WHERE user_id = ? AND revoked_at IS NULL').run(at, userId).changes;
  }

  async getDevice(deviceId: string): Promise<DeviceRecord | null> {
    const r = this.q<{ device_id: string; user_id: string; high_water: number }>('SELECT * FROM devices WHERE device_id = ?').get(deviceId);
    return r ? { deviceId: r.device_id, userId: r.user_id, highWater: r.high_water } : null;
  }
  async putDevice(d: DeviceRecord): Promise<void> {
    // The owner is set once: a push must never hand a bound device to whoever pushed last.
    this.q(
      `INSERT INTO devices (device_id, user_id, high_water) VALUES (?, ?, ?)
       ON CONFLICT(device_id) DO UPDATE SET high_water = excluded.high_water`,
    ).run(d.deviceId, d.userId, d.highWater);
  }
  async getDeviceBinding(deviceId: string): Promise<DeviceBinding | null> {
    const r = this.q<DeviceRow>('SELECT * FROM devices WHERE device_id = ?').get(deviceId);
    return r ? toDeviceBinding(r) : null;
  }
  async bindDevice(deviceId: string, userId: string, at: number): Promise<DeviceBinding> {
    this.q('INSERT OR IGNORE INTO devices (device_id, user_id, high_water, created_at, last_seen_at) VALUES (?, ?, 0, ?, ?)').run(deviceId, userId, at, at);
    return toDeviceBinding(this.q<DeviceRow>('SELECT * FROM devices WHERE device_id = ?').get(deviceId)!);
  }
  async listUserDevices(userId: string): Promise<DeviceBinding[]> {
    return this.q<DeviceRow>('SELECT * FROM devices WHERE user_id = ? ORDER BY COALESCE(last_seen_at, created_at, 0) DESC, device_id')
      .all(userId)
      .map(toDeviceBinding);
  }
  async touchDevice(deviceId: string, at: number): Promise<void> {
    this.q('UPDATE devices SET last_seen_at = ? WHERE device_id = ? AND (last_seen_at IS NULL OR last_seen_at < ?)').run(at, deviceId, at);
  }
  async revokeDevice(deviceId: string, at: number): Promise<number> {
    this.q('UPDATE devices SET revoked_at = ? WHERE device_id = ? AND revoked_at IS NULL').run(at, deviceId);
    return this.q('UPDATE tokens SET revoked_at = ? WHERE device_id = ? AND revoked_at IS NULL').run(at, deviceId).changes;
  }
  async revokeDeviceTokens(userId: string, deviceId: string, at: number): Promise<number> {
    return this.q('UPDATE tokens SET revoked_at = ? WHERE user_id = ? AND device_id = ? AND revoked_at IS NULL').run(at, userId, deviceId).changes;
  }
  async registerDeviceKey(k: DeviceKeyRecord): Promise<DeviceKeyRecord> {
    this.q('INSERT OR IGNORE INTO device_keys (device_id, user_id, public_key, created_at) VALUES (?, ?, ?, ?)').run(k.deviceId, k.userId, k.publicKey, k.createdAt);
    return (await this.getDeviceKey(k.deviceId))!;
  }
  async getDeviceKey(deviceId: string): Promise<DeviceKeyRecord | null> {
    const r = this.q<{ device_id: string; user_id: string; public_key: string; created_at: number }>('SELECT * FROM device_keys WHERE device_id = ?').get(deviceId);
    return r ? { deviceId: r.device_id, userId: r.user_id, publicKey: r.public_key, createdAt: r.created_at } : null;
  }

  async databaseBytes(): Promise<number> {
    const pages = this.db.pragma('page_count', { simple: true }) as number;
    const size = this.db.pragma('page_size', { simple: true }) as number;
    return pages * size;
  }

  async putSmsKey(k: SmsKeyRecord): Promise<SmsKeyRecord> {
    this.q('INSERT OR IGNORE INTO sms_keys (device_id, user_id, secret, created_at) VALUES (?, ?, ?, ?)').run(k.deviceId, k.userId, k.secret, k.createdAt);
    return (await this.getSmsKey(k.deviceId))!;
  }
  async getSmsKey(deviceId: string): Promise<SmsKeyRecord | null> {
    const r = this.q<{ device_id: string; user_id: string; secret: string; created_at: number }>('SELECT * FROM sms_keys WHERE device_id = ?').get(deviceId);
    return r ? { deviceId: r.device_id, userId: r.user_id, secret: r.secret, createdAt: r.created_at } : null;
  }
  async setUserPhone(userId: string, phone: string | null): Promise<void> {
    if (phone === null) {
      this.q('DELETE FROM user_phones WHERE user_id = ?').run(userId);
      return;
    }
    try {
      this.q('INSERT INTO user_phones (user_id, phone) VALUES (?, ?) ON CONFLICT(user_id) DO UPDATE SET phone = excluded.phone').run(userId, phone);
    } catch (e) {
      if (isUniqueViolation(e)) throw new StoreConflict(`Số điện thoại ${phone} đã đăng ký cho người khác`);
      throw e;
    }
  }
  async getUserPhone(userId: string): Promise<string | null> {
    return this.q<{ phone: string }>('SELECT phone FROM user_phones WHERE user_id = ?').get(userId)?.phone ?? null;
  }
  async userIdByPhone(phone: string): Promise<string | null> {
    return this.q<{ user_id: string }>('SELECT user_id FROM user_phones WHERE phone = ?').get(phone)?.user_id ?? null;
  }
  async markSmsSeen(hash: string, at: number): Promise<boolean> {
    return this.q('INSERT OR IGNORE INTO sms_seen (hash, received_at) VALUES (?, ?)').run(hash, at).changes === 1;
  }

  async getLoginCounter(username: string, address: string): Promise<LoginCounter | null> {
    const r = this.q<LoginCounterRow>('SELECT * FROM login_attempts WHERE username = ? AND address = ?').get(username, address);
    return r ? toLoginCounter(r) : null;
  }
  async putLoginCounter(c: LoginCounter): Promise<void> {
    this.q(
      `INSERT INTO login_attempts (username, address, failures, first_at, last_at, blocked_until) VALUES (?, ?, ?, ?, ?, ?)
       ON CONFLICT(username, address) DO UPDATE SET failures = excluded.failures, first_at = excluded.first_at,
         last_at = excluded.last_at, blocked_until = excluded.blocked_until`,
    ).run(c.username, c.address, c.failures, c.firstAt, c.lastAt, c.blockedUntil);
  }
  async deleteLoginCounter(username: string, address: string): Promise<void> {
    this.q('DELETE FROM login_attempts WHERE username = ? AND address = ?').run(username, address);
  }
  async clearLoginCounters(username: string): Promise<number> {
    if (username === '') return 0; // '' names the per-address counters, not a user
    return this.q('DELETE FROM login_attempts WHERE username = ?').run(username).changes;
  }
  async pruneLoginCounters(before: number): Promise<number> {
    return this.q('DELETE FROM login_attempts WHERE last_at < ?').run(before).changes;
  }

  async appendChange(e: NewLogEntry): Promise<number | null> {
    const value = JSON.stringify(e.value);
    const info = this.q(
      `INSERT OR IGNORE INTO changes (coll, id, field, value, size, hlc, base, unit, author, device, device_seq, clamped, orig_hlc, received_at, scope)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(
      e.coll, e.id, e.field, value, Buffer.byteLength(value), e.hlc, e.base, e.unit, e.author, e.device, e.deviceSeq,
      e.origHlc === null ? 0 : 1, e.origHlc, e.receivedAt, adoptionOfRecord(e.coll, e.id),
    );
    return info.changes === 0 ? null : Number(info.lastInsertRowid);
  }
  async deviceChanges(deviceId: string, fromSeq: number, toSeq: number): Promise<LogEntry[]> {
    return this.q<ChangeRow>('SELECT * FROM changes WHERE device = ? AND device_seq BETWEEN ? AND ? ORDER BY device_seq')
      .all(deviceId, fromSeq, toSeq)
      .map(toLogEntry);
  }
  async logRefusal(r: RefusalRecord): Promise<void> {
    this.q(
      `INSERT OR IGNORE INTO refusals (device, device_seq, hlc, code, message, author, received_at) VALUES (?, ?, ?, ?, ?, ?, ?)`,
    ).run(r.device, r.deviceSeq, r.hlc, r.code, r.message, r.author, r.receivedAt);
  }
  async deviceRefusals(deviceId: string, fromSeq: number, toSeq: number): Promise<RefusalRecord[]> {
    return this.q<{ device: string; device_seq: number; hlc: string; code: string; message: string; author: string; received_at: number }>(
      'SELECT * FROM refusals WHERE device = ? AND device_seq BETWEEN ? AND ? ORDER BY device_seq',
    )
      .all(deviceId, fromSeq, toSeq)
      .map((r) => ({ device: r.device, deviceSeq: r.device_seq, hlc: r.hlc as Hlc, code: r.code, message: r.message, author: r.author, receivedAt: r.received_at }));
  }
  async restampedAs(coll: Collection, id: string, field: string, origHlc: Hlc): Promise<Hlc | null> {
    const r = this.q<{ hlc: string }>('SELECT hlc FROM changes WHERE coll = ? AND id = ? AND field = ? AND orig_hlc = ?').get(coll, id, field, origHlc);
    return r ? (r.hlc as Hlc) : null;
  }
  async pull(query: PullQuery): Promise<PullPage> {
    const rules: readonly PullRule[] = query.rules ?? [{ units: query.units ?? [] }];
    if (rules.length === 0) return { changes: [], more: false, cursor: query.after };
    // One bracket per rule; every list is a JSON parameter, so the statement text (and its
    // prepared plan) depends only on the shape of the rules, not on their contents.
    // A wide subscription (a province officer: thousands of units) matches much of the log: read
    // it in log order and stop at the page's end ("+unit" keeps SQLite off the unit index, whose
    // plan sorts every matching row after the cursor — 632 ms a page nationally, BENCHMARKS.md).
    // A narrow one (a commune) matches a sliver of the log: the unit index finds it.
    const wide = rules.reduce((n, r) => n + r.units.length, 0) > WIDE_SUBSCRIPTION_UNITS;
    const ruleSql = rules
      .map((r) =>
        [
          `${wide ? '+unit' : 'unit'} IN (SELECT value FROM json_each(?))`,
          ...(r.colls ? ['coll IN (SELECT value FROM json_each(?))'] : []),
          ...(r.adoptions ? ['scope IN (SELECT value FROM json_each(?))'] : []),
        ].join(' AND '),
      )
      .map((w) => `(${w})`)
      .join(' OR ');
    const ruleParams = rules.flatMap((r) => [JSON.stringify(r.units), ...(r.colls ? [JSON.stringify(r.colls)] : []), ...(r.adoptions ? [JSON.stringify(r.adoptions)] : [])]);
    // `device IS NOT ?` with null keeps every row when nobody is excluded.
    const inUnits = `(${ruleSql}) AND device IS NOT ?`;
    const exclude = query.excludeDevice ?? null;
    const units = ruleParams;
    // First sizes only, so a page of big photos is cut without reading their values.
    const sizes = this.q<{ server_seq: number; size: number }>(
      `SELECT server_seq, size FROM changes WHERE server_seq > ? AND ${inUnits} ORDER BY server_seq LIMIT ?`,
    ).all(query.after, ...units, exclude, query.limit + 1);
    let taken = 0;
    let bytes = 0;
    for (const row of sizes) {
      if (taken === query.limit || (taken > 0 && bytes + row.size > query.maxBytes)) break;
      taken++;
      bytes += row.size;
    }
    const more = taken < sizes.length;
    const last = taken > 0 ? sizes[taken - 1]!.server_seq : query.after;
    const changes = taken === 0
      ? []
      : this.q<ChangeRow>(`SELECT * FROM changes WHERE server_seq > ? AND server_seq <= ? AND ${inUnits} ORDER BY server_seq`)
          .all(query.after, last, ...units, exclude)
          .map(toLogEntry);
    // Calls are serialised, so every row up to the current maximum is committed: when
    // nothing more matches, the cursor can skip the rows of other units for good.
    const max = this.q<{ m: number | null }>('SELECT MAX(server_seq) AS m FROM changes').get()?.m ?? 0;
    return { changes, more, cursor: more ? last : Math.max(last, max) };
  }

  async serverEpoch(): Promise<string> {
    const row = this.q<{ value: string }>("SELECT value FROM server_meta WHERE key = 'epoch'").get();
    if (!row) throw new Error('server_meta has no epoch'); // migration 7 inserts it
    return row.value;
  }
  async newServerEpoch(): Promise<string> {
    const epoch = randomBytes(8).toString('hex');
    this.q("UPDATE server_meta SET value = ? WHERE key = 'epoch'").run(epoch);
    return epoch;
  }

  async recordPullCursor(deviceId: string, cursor: number): Promise<void> {
    recordPullCursor(this.q.bind(this), deviceId, cursor);
  }
  async compactedThrough(): Promise<number> {
    return compactedThrough(this.q.bind(this));
  }
  async snapshot(query: SnapshotQuery): Promise<SnapshotPage> {
    return readSnapshot(this.q.bind(this), query);
  }
  async compactLog(options: CompactOptions): Promise<CompactResult> {
    return compactLog(this.db, this.q.bind(this), options);
  }

  async getField(coll: Collection, id: string, field: string): Promise<FieldState | undefined> {
    const r = this.q<{ heads: string }>('SELECT heads FROM docs WHERE coll = ? AND id = ? AND field = ?').get(coll, id, field);
    return r ? (JSON.parse(r.heads) as FieldState) : undefined;
  }
  async putField(coll: Collection, id: string, field: string, unit: string, heads: FieldState): Promise<void> {
    this.q(
      `INSERT INTO docs (coll, id, field, heads, unit) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT(coll, id, field) DO UPDATE SET heads = excluded.heads, unit = excluded.unit`,
    ).run(coll, id, field, JSON.stringify(heads), unit);
  }
  async getDoc(coll: Collection, id: string): Promise<DocState | null> {
    const rows = this.q<{ field: string; heads: string }>('SELECT field, heads FROM docs WHERE coll = ? AND id = ?').all(coll, id);
    if (rows.length === 0) return null;
    return Object.fromEntries(rows.map((r) => [r.field, JSON.parse(r.heads) as FieldState]));
  }
  async firstReceived(coll: Collection, ids: readonly string[], required?: readonly string[]): Promise<Map<string, number>> {
    const out = new Map<string, number>();
    if (ids.length === 0) return out;
    // json_each keeps one prepared statement for any number of ids; (coll, id, …) is indexed.
    const rows = required
      ? this.q<{ id: string; first: number }>(
          `SELECT id, MAX(first) AS first FROM (
             SELECT id, field, MIN(received_at) AS first FROM changes
             WHERE coll = ? AND id IN (SELECT value FROM json_each(?)) AND field IN (SELECT value FROM json_each(?))
             GROUP BY id, field)
           GROUP BY id HAVING COUNT(*) = ?`,
        ).all(coll, JSON.stringify(ids), JSON.stringify(required), new Set(required).size)
      : this.q<{ id: string; first: number }>(
          'SELECT id, MIN(received_at) AS first FROM changes WHERE coll = ? AND id IN (SELECT value FROM json_each(?)) GROUP BY id',
        ).all(coll, JSON.stringify(ids));
    for (const r of rows) out.set(r.id, r.first);
    return out;
  }
  async listDocs(filter: { units?: readonly string[]; colls?: readonly Collection[] }) {
    const where: string[] = [];
    const params: string[] = [];
    // Plain placeholders, so SQLite can use the (unit, coll) index instead of scanning.
    const list = (n: number) => Array.from({ length: n }, () => '?').join(', ');
    if (filter.units) {
      if (filter.units.length === 0) return [];
      where.push(`unit IN (${list(filter.units.length)})`);
      params.push(...filter.units);
    }
    if (filter.colls) {
      if (filter.colls.length === 0) return [];
      where.push(`coll IN (${list(filter.colls.length)})`);
      params.push(...filter.colls);
    }
    const rows = this.q<{ coll: string; id: string; field: string; heads: string; unit: string }>(
      `SELECT coll, id, field, heads, unit FROM docs ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY coll, id, field`,
    ).all(...params);
    const out: { coll: Collection; id: string; unit: string; doc: Record<string, FieldState> }[] = [];
    for (const r of rows) {
      let current = out[out.length - 1];
      if (!current || current.coll !== r.coll || current.id !== r.id) {
        current = { coll: r.coll as Collection, id: r.id, unit: r.unit, doc: {} };
        out.push(current);
      }
      current.doc[r.field] = JSON.parse(r.heads) as FieldState;
    }
    return out;
  }

  async getRollup(unitId: string): Promise<StoredRollup | null> {
    const r = this.q<{ data: string; updated_at: number }>('SELECT data, updated_at FROM rollups WHERE unit_id = ?').get(unitId);
    return r ? { rollup: JSON.parse(r.data) as Rollup, updatedAt: r.updated_at } : null;
  }
  async getRollups(unitIds: readonly string[]): Promise<Map<string, StoredRollup>> {
    const rows = this.q<{ unit_id: string; data: string; updated_at: number }>(
      'SELECT unit_id, data, updated_at FROM rollups WHERE unit_id IN (SELECT value FROM json_each(?))',
    ).all(JSON.stringify(unitIds));
    return new Map(rows.map((r) => [r.unit_id, { rollup: JSON.parse(r.data) as Rollup, updatedAt: r.updated_at }]));
  }
  async putRollup(unitId: string, rollup: Rollup, updatedAt: number): Promise<void> {
    this.q(
      `INSERT INTO rollups (unit_id, data, updated_at) VALUES (?, ?, ?)
       ON CONFLICT(unit_id) DO UPDATE SET data = excluded.data, updated_at = excluded.updated_at`,
    ).run(unitId, JSON.stringify(rollup), updatedAt);
  }
  async markRollupsDirty(communeIds: readonly string[]): Promise<void> {
    const mark = this.q('INSERT OR IGNORE INTO rollup_dirty (unit_id) VALUES (?)');
    for (const id of communeIds) mark.run(id);
  }
  async takeDirtyRollups(): Promise<string[]> {
    const ids = this.q<{ unit_id: string }>('SELECT unit_id FROM rollup_dirty').all().map((r) => r.unit_id);
    if (ids.length) this.q('DELETE FROM rollup_dirty').run();
    return ids;
  }
  async putCatalogue(entry: StoredCatalogue): Promise<boolean> {
    const info = this.q('INSERT OR IGNORE INTO catalogues (version, data, imported_at) VALUES (?, ?, ?)').run(
      entry.version, JSON.stringify(entry.catalogue), entry.importedAt,
    );
    return info.changes > 0;
  }
  async latestCatalogue(): Promise<StoredCatalogue | null> {
    const r = this.q<{ version: string; data: string; imported_at: number }>(
      'SELECT version, data, imported_at FROM catalogues ORDER BY imported_at DESC, rowid DESC LIMIT 1',
    ).get();
    return r ? { version: r.version, catalogue: JSON.parse(r.data) as Catalogue, importedAt: r.imported_at } : null;
  }

  async putBlob(b: BlobRecord): Promise<boolean> {
    const info = this.q('INSERT OR IGNORE INTO blobs (hash, type, size, data, unit, uploaded_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)').run(
      b.hash, b.type, b.size, Buffer.from(b.data.buffer, b.data.byteOffset, b.data.byteLength), b.unit, b.uploadedBy, b.createdAt,
    );
    return info.changes > 0;
  }
  async getBlob(hash: string): Promise<BlobRecord | null> {
    const r = this.q<{ hash: string; type: string; size: number; data: Buffer; unit: string; uploaded_by: string; created_at: number }>(
      'SELECT * FROM blobs WHERE hash = ?',
    ).get(hash);
    return r ? { hash: r.hash, type: r.type, size: r.size, data: r.data, unit: r.unit, uploadedBy: r.uploaded_by, createdAt: r.created_at } : null;
  }
  async blobPhotoRecords(hash: string): Promise<{ unit: string; id: string; author: string }[]> {
    // Literal coll and field, and the very expression of the index: only then can SQLite use
    // the partial index docs_photo_blob (migration 5) instead of reading every photo.
    return this.q<{ unit: string; id: string; author: string }>(
      `SELECT unit, id, json_extract(heads, '$.heads[0].author') AS author FROM docs
       WHERE coll = 'photo' AND field = 'blob' AND json_extract(heads, '$.heads[0].value') = ? ORDER BY unit, id`,
    ).all(hash);
  }
}

export interface SqliteStoreOptions {
  /** A file path, or ":memory:" for tests. */
  file?: string;
}

/** Above this many units in a pull's rules, the log is read in order (see pull). */
const WIDE_SUBSCRIPTION_UNITS = 400;

export function openSqliteStore(options: SqliteStoreOptions = {}): SyncStore {
  const file = options.file ?? DEFAULT_DB_FILE;
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  migrate(db);

  const ops = new SqliteOps(db);
  let queue: Promise<unknown> = Promise.resolve();
  let closed = false;
  const exclusive = <T>(fn: () => Promise<T>): Promise<T> => {
    const result = queue.then(() => {
      if (closed) throw new Error('Cơ sở dữ liệu đã đóng');
      return fn();
    });
    queue = result.catch(() => undefined);
    return result;
  };

  // Each StoreOps method, queued behind whatever runs now.
  const serialised = new Proxy(ops, {
    get(target, key, receiver) {
      const v: unknown = Reflect.get(target, key, receiver);
      if (typeof v !== 'function') return v;
      return (...args: unknown[]) => exclusive(() => (v as (...a: unknown[]) => Promise<unknown>).apply(target, args));
    },
  }) as StoreOps;

  // Group commit: transactions that queue up while one runs are run together, each inside
  // its own SAVEPOINT (a failing one rolls back alone), under one BEGIN … COMMIT — one fsync
  // for many pushes. Every caller is answered only after that COMMIT, so an acknowledged
  // push is on disk exactly as before.
  interface Pending {
    fn: (tx: StoreTx) => Promise<unknown>;
    resolve: (v: unknown) => void;
    reject: (e: unknown) => void;
  }
  const waiting: Pending[] = [];
  let groupScheduled = false;
  const MAX_GROUP = 64;
  const runGroup = () =>
    exclusive(async () => {
      groupScheduled = false;
      const group = waiting.splice(0, MAX_GROUP);
      if (waiting.length > 0) scheduleGroup();
      if (group.length === 0) return;
      const outcomes: { ok: boolean; value: unknown }[] = [];
      db.exec('BEGIN IMMEDIATE');
      try {
        for (const p of group) {
          db.exec('SAVEPOINT one_tx');
          try {
            const value = await p.fn(ops);
            db.exec('RELEASE one_tx');
            outcomes.push({ ok: true, value });
          } catch (e) {
            db.exec('ROLLBACK TO one_tx');
            db.exec('RELEASE one_tx');
            outcomes.push({ ok: false, value: e });
          }
        }
        db.exec('COMMIT');
      } catch (e) {
        if (db.inTransaction) db.exec('ROLLBACK');
        for (const p of group) p.reject(e);
        return;
      }
      group.forEach((p, i) => (outcomes[i]!.ok ? p.resolve(outcomes[i]!.value) : p.reject(outcomes[i]!.value)));
    });
  const scheduleGroup = () => {
    if (groupScheduled) return;
    groupScheduled = true;
    runGroup().catch((e: unknown) => {
      // The database was closed under us: nobody waits forever.
      for (const p of waiting.splice(0)) p.reject(e);
    });
  };

  const store: SyncStore = Object.assign(Object.create(serialised) as StoreOps, {
    transaction<T>(fn: (tx: StoreTx) => Promise<T>): Promise<T> {
      if (closed) return Promise.reject(new Error('Cơ sở dữ liệu đã đóng'));
      return new Promise<T>((resolve, reject) => {
        waiting.push({ fn, resolve: resolve as (v: unknown) => void, reject });
        scheduleGroup();
      });
    },
    close(): Promise<void> {
      return exclusive(async () => {
        closed = true;
        db.close();
      });
    },
  });
  return store;
}
