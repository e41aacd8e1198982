// SyncStore on PostgreSQL (node-postgres), for several server processes sharing one database.
// Same semantics as store/sqlite.ts; every method passes test/server/store.contract.ts.
//
// Concurrency design (why one global lock, for now):
// - Every `transaction(fn)` takes ONE transaction-level advisory lock (WRITE_LOCK, per database)
//   as its first statement and keeps it to COMMIT. So transactions of all processes run one
//   at a time, exactly as SQLite's single writer does, and the push path's
//   read high-water → check → append → merge → move high-water sequence, and every
//   getField → mergeField → putField, can never interleave with another process's. No
//   deadlocks (nobody waits for the lock while holding anything we take), no
//   serialisation failures to retry (READ COMMITTED is enough once writers are serialised).
// - `server_seq` is drawn only under that lock (appendChange outside a transaction runs as a
//   one-statement transaction taking it), with the sequence's CACHE 1. A transaction holding
//   the lock has numbers above every committed one and below every later one: numbers are
//   handed out in commit order. So when a pull has seen the largest committed number M, no
//   row at or below M can commit later, and its cursor can move to M (the PullPage contract)
//   — what SQLite gets from having one writer. Rolled-back transactions leave gaps: harmless.
// - Writes outside a transaction that take part in those read-modify-write sequences
//   (putDevice, putField, appendChange, logRefusal, and recordPullCursor/compactLog, which
//   must not interleave) take the same lock; one-statement
//   writes that are atomic on their own (bindDevice's INSERT … ON CONFLICT DO NOTHING, token
//   revocations, login counters, DELETE … RETURNING of the dirty roll-ups, which hands each
//   commune to exactly one caller) do not need it.
// - Like sqlite.ts, transactions of one process are grouped: those that queue up while one
//   group runs go together under one BEGIN … COMMIT (and one acquisition of the lock), each in
//   its own SAVEPOINT so a failing one rolls back alone; every caller is answered only after
//   the COMMIT. Under a global lock this is what keeps throughput: one lock hand-over and one
//   WAL flush for many pushes.
// - Within one process, a call made while transactions of that process are running waits for
//   them (the contract's "serialised with every other store call"). Across processes a call
//   outside a transaction sees what is committed (READ COMMITTED), which is all the server needs.
// - Inside a transaction a field read twice is read once (getField keeps a copy, putField
//   updates it): exact, since under the lock nobody else writes docs; one copy per transaction.
// The price: pushes of all processes are serialised in PostgreSQL. The lock is held only for
// the database work of a group (HTTP, auth, zod and gzip run in parallel in every process),
// which is round trips: ≈ 3 per pushed change. If that is ever the bottleneck, the next step
// is per-key advisory locks (device id, field) for the read-modify-write sequences plus a pull
// horizon that does not rest on commit order (e.g. an xid8 column and pg_snapshot_xmin — the
// cursor must then follow transaction ids too, which are not drawn in server_seq order).
import pg from 'pg';
import type { Catalogue } from '../../src/domain/catalogue.ts';
import type { ReportingRule } from '../../src/domain/calendar.ts';
import type { OrgLevel, OrgUnit } from '../../src/domain/org.ts';
import type { Rollup } from '../../src/domain/rollup.ts';
import type { Collection } from '../../src/domain/sync/collections.ts';
import type { Hlc } from '../../src/domain/sync/hlc.ts';
import type { DocState, FieldState } from '../../src/domain/sync/merge.ts';
import { adoptionOfRecord, type PullRule } from '../../src/domain/subscriptions.ts';
import { randomBytes } from 'node:crypto';
import { PG_MIGRATIONS } from './postgres-schema.ts';
import { reorgData, toReorgEvent, type ReorgRow } from './sqlite-rows.ts';
import type { ReorgEvent } from '../../src/domain/reorg.ts';
import { compactLog, compactedThrough, readSnapshot, recordPullCursor, type Rows } from './postgres-snapshot.ts';
import { toDeviceBinding, toLogEntry, toLoginCounter, toToken, toUser, type ChangeRow, type DeviceRow, type LoginCounterRow, type TokenRow, type UserRow } from './sqlite-rows.ts';
import { toAudit, toOneTimeCode, toPlan, type AuditRow, type OneTimeCodeRow, type PlanRow } from './sqlite-rows.ts';
import {
  StoreConflict,
  type BlobRecord,
  type CompactOptions,
  type CompactResult,
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
  type SnapshotPage,
  type SnapshotQuery,
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

/**
 * Advisory lock keys, pg_advisory_xact_lock(class, schema): every writing transaction; schema
 * migrations. Advisory locks are per database, and the second key is 0 for the default schema,
 * a hash of the name otherwise (stores in other schemas of one database — tests — do not wait
 * for each other).
 */
export const WRITE_LOCK = 0x50_06_0001;
const MIGRATE_LOCK = 0x50_06_0002;
const schemaKey = (schema: string | undefined) => {
  let h = 0;
  for (const ch of schema ?? '') h = (Math.imul(h, 31) + ch.charCodeAt(0)) | 0;
  return h;
};
const MAX_GROUP = 64;

// bigint columns hold ms timestamps and sequence numbers: far below 2^53, so plain numbers.
const types = new pg.TypeOverrides();
types.setTypeParser(pg.types.builtins.INT8, (v: string) => Number(v));

interface Queryable {
  query<R extends pg.QueryResultRow>(config: pg.QueryConfig): Promise<pg.QueryResult<R>>;
}

/** Names for statements, so each connection parses and plans a statement once. */
const statementNames = new Map<string, string>();
const named = (text: string, values: unknown[]): pg.QueryConfig => {
  let name = statementNames.get(text);
  if (!name) {
    name = `s${statementNames.size + 1}`;
    statementNames.set(text, name);
  }
  return { name, text, values };
};

const isUniqueViolation = (e: unknown) => e instanceof pg.DatabaseError && e.code === '23505';

interface UnitRow { id: string; name: string; level: string; parent_id: string | null; placeholder: boolean; rules: string | null; closed_on: string | null }
const toUnit = (r: UnitRow): UnitRecord => ({
  id: r.id,
  name: r.name,
  level: r.level as OrgLevel,
  parentId: r.parent_id,
  placeholder: r.placeholder,
  rules: r.rules === null ? null : (JSON.parse(r.rules) as ReportingRule[]),
  // Only a closed unit carries the field: an open one reads as it always did.
  ...(r.closed_on ? { closedOn: r.closed_on } : {}),
});

/**
 * The operations on one connection (inside a transaction) or on the pool (outside).
 * `locked` runs a write that must hold the global write lock: directly inside a transaction
 * (which holds it), else as a transaction of its own. `consistent` runs reads that must see one
 * snapshot of the database: directly inside a transaction (the lock keeps writers out), else in
 * a REPEATABLE READ read-only transaction.
 */
class PgOps implements StoreOps {
  constructor(
    /** Shared by the store and all its transactions: what per-store caches key on (org/load-tree.ts). */
    readonly cacheKey: object,
    private readonly db: Queryable,
    private readonly inTx: boolean,
    private readonly locked: <T>(fn: (tx: PgOps) => Promise<T>) => Promise<T>,
    private readonly consistent: <T>(fn: (rows: Rows) => Promise<T>) => Promise<T>,
  ) {}

  /** This connection's (or pool's) queries, for the helpers in postgres-snapshot.ts. */
  readonly run: Rows = (text, values) => this.rows(text, values);

  private async q<R extends pg.QueryResultRow = pg.QueryResultRow>(text: string, values: unknown[] = []): Promise<pg.QueryResult<R>> {
    return this.db.query<R>(named(text, values));
  }
  private async rows<R extends pg.QueryResultRow>(text: string, values: unknown[] = []): Promise<R[]> {
    return (await this.q<R>(text, values)).rows;
  }
  /** A statement that may fail on a constraint: inside a transaction, failing must not abort the rest (as in SQLite). */
  private async guarded<T>(fn: () => Promise<T>): Promise<T> {
    if (!this.inTx) return fn();
    await this.db.query({ text: 'SAVEPOINT guarded' });
    try {
      const v = await fn();
      await this.db.query({ text: 'RELEASE SAVEPOINT guarded' });
      return v;
    } catch (e) {
      await this.db.query({ text: 'ROLLBACK TO SAVEPOINT guarded' });
      await this.db.query({ text: 'RELEASE SAVEPOINT guarded' });
      throw e;
    }
  }

  async putUnit(unit: OrgUnit, rules?: ReportingRule[] | null): Promise<void> {
    // `rules` undefined keeps what is stored: re-seeding must not drop rules set by hand.
    await this.q(
      `INSERT INTO units (id, name, level, parent_id, placeholder, rules, closed_on) VALUES ($1, $2, $3, $4, $5, $6, $8)
       ON CONFLICT (id) DO UPDATE SET name = excluded.name, level = excluded.level, parent_id = excluded.parent_id,
         placeholder = excluded.placeholder, rules = CASE WHEN $7::boolean THEN excluded.rules ELSE units.rules END,
         closed_on = CASE WHEN $9::boolean THEN excluded.closed_on ELSE units.closed_on END`,
      [unit.id, unit.name, unit.level, unit.parentId, unit.placeholder, rules ? JSON.stringify(rules) : null, rules !== undefined, unit.closedOn ?? null, unit.closedOn !== undefined],
    );
  }
  async appendReorgEvent(e: Omit<ReorgEvent, 'seq'>): Promise<number> {
    const r = await this.rows<{ seq: string }>(
      'INSERT INTO reorg_events (kind, effective, recorded_at, recorded_by, data) VALUES ($1, $2, $3, $4, $5) RETURNING seq',
      [e.spec.kind, e.spec.effective, e.recordedAt, e.recordedBy, reorgData(e)],
    );
    return Number(r[0]!.seq);
  }
  async listReorgEvents(): Promise<ReorgEvent[]> {
    return (await this.rows<ReorgRow>('SELECT * FROM reorg_events ORDER BY seq')).map(toReorgEvent);
  }
  async getUnits(): Promise<UnitRecord[]> {
    return (await this.rows<UnitRow>('SELECT * FROM units ORDER BY id')).map(toUnit);
  }
  async unitsVersion(): Promise<number> {
    return (await this.rows<{ v: number }>('SELECT v FROM units_version'))[0]?.v ?? 0;
  }

  async createUser(u: NewUserRecord): Promise<void> {
    try {
      await this.guarded(() =>
        this.q('INSERT INTO users (id, username, display_name, role, unit_id, password_hash, created_at, active, can_admin) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)', [
          u.id, u.username, u.displayName, u.role, u.unitId, u.passwordHash, u.createdAt, u.active !== false, u.canAdmin === true,
        ]),
      );
    } catch (e) {
      if (isUniqueViolation(e)) throw new StoreConflict(`Người dùng ${u.username} (${u.id}) đã tồn tại`);
      throw e;
    }
  }
  async getUserById(id: string): Promise<UserRecord | null> {
    const r = (await this.rows<UserRow>('SELECT * FROM users WHERE id = $1', [id]))[0];
    return r ? toUser(r) : null;
  }
  async getUserByUsername(username: string): Promise<UserRecord | null> {
    const r = (await this.rows<UserRow>('SELECT * FROM users WHERE username = $1', [username]))[0];
    return r ? toUser(r) : null;
  }
  async listUsers(): Promise<UserRecord[]> {
    return (await this.rows<UserRow>('SELECT * FROM users ORDER BY username')).map(toUser);
  }
  async setPasswordHash(userId: string, passwordHash: string): Promise<void> {
    await this.q('UPDATE users SET password_hash = $1 WHERE id = $2', [passwordHash, userId]);
  }
  async updateUser(userId: string, p: UserPatch): Promise<UserRecord | null> {
    // One statement for every patch shape: a field left out (null here) keeps its value.
    const r = (
      await this.rows<UserRow>(
        `UPDATE users SET display_name = COALESCE($1, display_name), role = COALESCE($2, role), unit_id = COALESCE($3, unit_id),
           active = COALESCE($4::boolean, active), can_admin = COALESCE($5::boolean, can_admin) WHERE id = $6 RETURNING *`,
        [p.displayName ?? null, p.role ?? null, p.unitId ?? null, p.active ?? null, p.canAdmin ?? null, userId],
      )
    )[0];
    return r ? toUser(r) : null;
  }

  async createOneTimeCode(c: OneTimeCodeRecord): Promise<void> {
    // One statement: the earlier codes are voided exactly when the new one is stored.
    try {
      await this.guarded(() =>
        this.q(
          `WITH voided AS (UPDATE one_time_codes SET used_at = $5 WHERE user_id = $3 AND purpose = $2 AND used_at IS NULL)
           INSERT INTO one_time_codes (hash, purpose, user_id, created_by, created_at, expires_at, used_at) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
          [c.hash, c.purpose, c.userId, c.createdBy, c.createdAt, c.expiresAt, c.usedAt],
        ),
      );
    } catch (e) {
      if (isUniqueViolation(e)) throw new StoreConflict('Mã dùng một lần này đã có');
      throw e;
    }
  }
  async useOneTimeCode(hash: string, purpose: OneTimeCodePurpose, now: number): Promise<OneTimeCodeRecord | null> {
    // One statement: of two concurrent redemptions the second waits on the row lock, then finds it used.
    const r = (
      await this.rows<OneTimeCodeRow>(
        'UPDATE one_time_codes SET used_at = $1 WHERE hash = $2 AND purpose = $3 AND used_at IS NULL AND expires_at > $1 RETURNING *',
        [now, hash, purpose],
      )
    )[0];
    return r ? toOneTimeCode(r) : null;
  }
  async appendAudit(e: NewAuditEntry): Promise<number> {
    const r = await this.rows<{ id: number }>(
      'INSERT INTO audit_log (at, actor_id, actor_name, action, target, unit, detail) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id',
      [e.at, e.actorId, e.actorName, e.action, e.target, e.unit, JSON.stringify(e.detail)],
    );
    return r[0]!.id;
  }
  async listAudit(query: AuditQuery): Promise<AuditEntry[]> {
    const before = query.before ?? Number.MAX_SAFE_INTEGER;
    const rows = query.unitScope
      ? await this.rows<AuditRow>('SELECT * FROM audit_log WHERE id < $1 AND unit = ANY($2::text[]) ORDER BY id DESC LIMIT $3', [before, [...query.unitScope], query.limit])
      : await this.rows<AuditRow>('SELECT * FROM audit_log WHERE id < $1 ORDER BY id DESC LIMIT $2', [before, query.limit]);
    return rows.map(toAudit);
  }
  async putPlan(p: StoredPlan): Promise<void> {
    await this.q(
      `INSERT INTO plans (id, data, imported_at, imported_by) VALUES ($1, $2, $3, $4)
       ON CONFLICT (id) DO UPDATE SET data = excluded.data, imported_at = excluded.imported_at, imported_by = excluded.imported_by`,
      [p.id, JSON.stringify(p.plan), p.importedAt, p.importedBy],
    );
  }
  async listPlans(): Promise<StoredPlan[]> {
    return (await this.rows<PlanRow>('SELECT * FROM plans ORDER BY id')).map(toPlan);
  }

  async createToken(t: TokenRecord): Promise<void> {
    await this.guarded(() =>
      this.q('INSERT INTO tokens (hash, user_id, device_id, created_at, expires_at, revoked_at) VALUES ($1, $2, $3, $4, $5, $6)', [
        t.hash, t.userId, t.deviceId, t.createdAt, t.expiresAt, t.revokedAt,
      ]),
    );
  }
  async getToken(hash: string): Promise<TokenRecord | null> {
    const r = (await this.rows<TokenRow>('SELECT * FROM tokens WHERE hash = $1', [hash]))[0];
    return r ? toToken(r) : null;
  }
  async revokeToken(hash: string, at: number): Promise<void> {
    await this.q('UPDATE tokens SET revoked_at = $1 WHERE hash = $2 AND revoked_at IS NULL', [at, hash]);
  }
  async revokeUserTokens(userId: string, at: number): Promise<number> {
    return (await this.q('UPDATE tokens SET revoked_at = $1 WHERE user_id = $2 AND revoked_at IS NULL', [at, userId])).rowCount ?? 0;
  }

  async getDevice(deviceId: string): Promise<DeviceRecord | null> {
    const r = (await this.rows<DeviceRow>('SELECT * FROM devices WHERE device_id = $1', [deviceId]))[0];
    return r ? { deviceId: r.device_id, userId: r.user_id, highWater: r.high_water } : null;
  }
  async putDevice(d: DeviceRecord): Promise<void> {
    // The owner is set once: a push must never hand a bound device to whoever pushed last.
    await this.locked((tx) =>
      tx.q(
        `INSERT INTO devices (device_id, user_id, high_water) VALUES ($1, $2, $3)
         ON CONFLICT (device_id) DO UPDATE SET high_water = excluded.high_water`,
        [d.deviceId, d.userId, d.highWater],
      ),
    );
  }
  async getDeviceBinding(deviceId: string): Promise<DeviceBinding | null> {
    const r = (await this.rows<DeviceRow>('SELECT * FROM devices WHERE device_id = $1', [deviceId]))[0];
    return r ? toDeviceBinding(r) : null;
  }
  async bindDevice(deviceId: string, userId: string, at: number): Promise<DeviceBinding> {
    // Two statements on purpose: under READ COMMITTED the SELECT takes a fresh snapshot, so it
    // sees a binding another process committed while our INSERT waited on it.
    await this.q(
      'INSERT INTO devices (device_id, user_id, high_water, created_at, last_seen_at) VALUES ($1, $2, 0, $3, $3) ON CONFLICT (device_id) DO NOTHING',
      [deviceId, userId, at],
    );
    return toDeviceBinding((await this.rows<DeviceRow>('SELECT * FROM devices WHERE device_id = $1', [deviceId]))[0]!);
  }
  async listUserDevices(userId: string): Promise<DeviceBinding[]> {
    return (
      await this.rows<DeviceRow>('SELECT * FROM devices WHERE user_id = $1 ORDER BY COALESCE(last_seen_at, created_at, 0) DESC, device_id', [userId])
    ).map(toDeviceBinding);
  }
  async touchDevice(deviceId: string, at: number): Promise<void> {
    await this.q('UPDATE devices SET last_seen_at = $1 WHERE device_id = $2 AND (last_seen_at IS NULL OR last_seen_at < $1)', [at, deviceId]);
  }
  async revokeDevice(deviceId: string, at: number): Promise<number> {
    // One statement, so the device and its tokens are revoked together even outside a transaction.
    const r = await this.q(
      `WITH d AS (UPDATE devices SET revoked_at = $1 WHERE device_id = $2 AND revoked_at IS NULL)
       UPDATE tokens SET revoked_at = $1 WHERE device_id = $2 AND revoked_at IS NULL`,
      [at, deviceId],
    );
    return r.rowCount ?? 0;
  }
  async revokeDeviceTokens(userId: string, deviceId: string, at: number): Promise<number> {
    return (await this.q('UPDATE tokens SET revoked_at = $1 WHERE user_id = $2 AND device_id = $3 AND revoked_at IS NULL', [at, userId, deviceId])).rowCount ?? 0;
  }
  async registerDeviceKey(k: DeviceKeyRecord): Promise<DeviceKeyRecord> {
    // As bindDevice: the SELECT sees a key another process committed while the INSERT waited on it.
    await this.q('INSERT INTO device_keys (device_id, user_id, public_key, created_at) VALUES ($1, $2, $3, $4) ON CONFLICT (device_id) DO NOTHING', [
      k.deviceId, k.userId, k.publicKey, k.createdAt,
    ]);
    return (await this.getDeviceKey(k.deviceId))!;
  }
  async getDeviceKey(deviceId: string): Promise<DeviceKeyRecord | null> {
    const r = (await this.rows<{ device_id: string; user_id: string; public_key: string; created_at: number }>('SELECT * FROM device_keys WHERE device_id = $1', [deviceId]))[0];
    return r ? { deviceId: r.device_id, userId: r.user_id, publicKey: r.public_key, createdAt: r.created_at } : null;
  }

  async databaseBytes(): Promise<number> {
    return (await this.rows<{ n: number }>('SELECT pg_database_size(current_database())::bigint AS n'))[0]?.n ?? 0;
  }

  async putSmsKey(k: SmsKeyRecord): Promise<SmsKeyRecord> {
    await this.q('INSERT INTO sms_keys (device_id, user_id, secret, created_at) VALUES ($1, $2, $3, $4) ON CONFLICT (device_id) DO NOTHING', [k.deviceId, k.userId, k.secret, k.createdAt]);
    return (await this.getSmsKey(k.deviceId))!;
  }
  async getSmsKey(deviceId: string): Promise<SmsKeyRecord | null> {
    const r = (await this.rows<{ device_id: string; user_id: string; secret: string; created_at: number }>('SELECT * FROM sms_keys WHERE device_id = $1', [deviceId]))[0];
    return r ? { deviceId: r.device_id, userId: r.user_id, secret: r.secret, createdAt: Number(r.created_at) } : null;
  }
  async setUserPhone(userId: string, phone: string | null): Promise<void> {
    if (phone === null) {
      await this.q('DELETE FROM user_phones WHERE user_id = $1', [userId]);
      return;
    }
    try {
      await this.q('INSERT INTO user_phones (user_id, phone) VALUES ($1, $2) ON CONFLICT (user_id) DO UPDATE SET phone = excluded.phone', [userId, phone]);
    } catch (e) {
      if (isUniqueViolation(e)) throw new StoreConflict(`Số điện thoại ${phone} đã đăng ký cho người khác`);
      throw e;
    }
  }
  async getUserPhone(userId: string): Promise<string | null> {
    return (await this.rows<{ phone: string }>('SELECT phone FROM user_phones WHERE user_id = $1', [userId]))[0]?.phone ?? null;
  }
  async userIdByPhone(phone: string): Promise<string | null> {
    return (await this.rows<{ user_id: string }>('SELECT user_id FROM user_phones WHERE phone = $1', [phone]))[0]?.user_id ?? null;
  }
  async markSmsSeen(hash: string, at: number): Promise<boolean> {
    return (await this.rows('INSERT INTO sms_seen (hash, received_at) VALUES ($1, $2) ON CONFLICT (hash) DO NOTHING RETURNING hash', [hash, at])).length === 1;
  }

  async getLoginCounter(username: string, address: string): Promise<LoginCounter | null> {
    const r = (await this.rows<LoginCounterRow>('SELECT * FROM login_attempts WHERE username = $1 AND address = $2', [username, address]))[0];
    return r ? toLoginCounter(r) : null;
  }
  async putLoginCounter(c: LoginCounter): Promise<void> {
    await this.q(
      `INSERT INTO login_attempts (username, address, failures, first_at, last_at, blocked_until) VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (username, address) DO UPDATE SET failures = excluded.failures, first_at = excluded.first_at,
         last_at = excluded.last_at, blocked_until = excluded.blocked_until`,
      [c.username, c.address, c.failures, c.firstAt, c.lastAt, c.blockedUntil],
    );
  }
  async deleteLoginCounter(username: string, address: string): Promise<void> {
    await this.q('DELETE FROM login_attempts WHERE username = $1 AND address = $2', [username, address]);
  }
  async clearLoginCounters(username: string): Promise<number> {
    if (username === '') return 0; // '' names the per-address counters, not a user
    return (await this.q('DELETE FROM login_attempts WHERE username = $1', [username])).rowCount ?? 0;
  }
  async pruneLoginCounters(before: number): Promise<number> {
    return (await this.q('DELETE FROM login_attempts WHERE last_at < $1', [before])).rowCount ?? 0;
  }

  async appendChange(e: NewLogEntry): Promise<number | null> {
    const value = JSON.stringify(e.value);
    return this.locked(async (tx) => {
      const r = await tx.rows<{ server_seq: number }>(
        `INSERT INTO changes (coll, id, field, value, size, hlc, base, unit, author, device, device_seq, clamped, orig_hlc, received_at, scope)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)
         ON CONFLICT (coll, id, field, hlc) DO NOTHING RETURNING server_seq`,
        [
          e.coll, e.id, e.field, value, Buffer.byteLength(value), e.hlc, e.base, e.unit, e.author, e.device, e.deviceSeq,
          e.origHlc !== null, e.origHlc, e.receivedAt, adoptionOfRecord(e.coll, e.id),
        ],
      );
      return r[0]?.server_seq ?? null;
    });
  }
  async deviceChanges(deviceId: string, fromSeq: number, toSeq: number): Promise<LogEntry[]> {
    return (
      await this.rows<ChangeRow>('SELECT * FROM changes WHERE device = $1 AND device_seq BETWEEN $2 AND $3 ORDER BY device_seq, server_seq', [deviceId, fromSeq, toSeq])
    ).map(toLogEntry);
  }
  async logRefusal(r: RefusalRecord): Promise<void> {
    await this.locked((tx) =>
      tx.q(
        `INSERT INTO refusals (device, device_seq, hlc, code, message, author, received_at) VALUES ($1, $2, $3, $4, $5, $6, $7)
         ON CONFLICT (device, device_seq) DO NOTHING`,
        [r.device, r.deviceSeq, r.hlc, r.code, r.message, r.author, r.receivedAt],
      ),
    );
  }
  async deviceRefusals(deviceId: string, fromSeq: number, toSeq: number): Promise<RefusalRecord[]> {
    const rows = await this.rows<{ device: string; device_seq: number; hlc: string; code: string; message: string; author: string; received_at: number }>(
      'SELECT * FROM refusals WHERE device = $1 AND device_seq BETWEEN $2 AND $3 ORDER BY device_seq',
      [deviceId, fromSeq, toSeq],
    );
    return rows.map((r) => ({ device: r.device, deviceSeq: r.device_seq, hlc: r.hlc as Hlc, code: r.code, message: r.message, author: r.author, receivedAt: r.received_at }));
  }
  async restampedAs(coll: Collection, id: string, field: string, origHlc: Hlc): Promise<Hlc | null> {
    const r = (await this.rows<{ hlc: string }>('SELECT hlc FROM changes WHERE coll = $1 AND id = $2 AND field = $3 AND orig_hlc = $4 LIMIT 1', [coll, id, field, origHlc]))[0];
    return r ? (r.hlc as Hlc) : null;
  }
  async pull(query: PullQuery): Promise<PullPage> {
    const rules: readonly PullRule[] = query.rules ?? [{ units: query.units ?? [] }];
    if (rules.length === 0) return { changes: [], more: false, cursor: query.after };
    // $1 after, $2 excluded device, then one array per list of each rule: the statement text
    // (and its plan) depends only on the shape of the rules, not on their contents.
    const params: unknown[] = [query.after, query.excludeDevice ?? null];
    const p = (v: unknown) => `$${params.push(v)}::text[]`;
    const ruleSql = rules
      .map((r) =>
        [`unit = ANY(${p(r.units)})`, ...(r.colls ? [`coll = ANY(${p(r.colls)})`] : []), ...(r.adoptions ? [`scope = ANY(${p(r.adoptions)})`] : [])].join(' AND '),
      )
      .map((w) => `(${w})`)
      .join(' OR ');
    const matching = `server_seq > $1 AND (${ruleSql}) AND device IS DISTINCT FROM $2::text`;
    // Sizes first, so a page of big photos is cut without reading their values, and the
    // largest committed number in the same statement, i.e. the same snapshot (see the header:
    // no row at or below it can commit later). The maximum is one row even when nothing matches.
    const limitParam = `$${params.push(query.limit + 1)}`;
    const sized = await this.rows<{ top: number | null; server_seq: number | null; size: number | null }>(
      `SELECT t.top, p.server_seq, p.size FROM (SELECT MAX(server_seq) AS top FROM changes) t
       LEFT JOIN LATERAL (SELECT server_seq, size FROM changes WHERE ${matching} ORDER BY server_seq LIMIT ${limitParam}) p ON true
       ORDER BY p.server_seq`,
      params,
    );
    const top = sized[0]?.top ?? 0;
    const sizes = sized.filter((r): r is { top: number | null; server_seq: number; size: number } => r.server_seq !== null);
    let taken = 0;
    let bytes = 0;
    for (const row of sizes) {
      if (taken === query.limit || (taken > 0 && bytes + row.size > query.maxBytes)) break;
      taken++;
      bytes += row.size;
    }
    const more = taken < sizes.length;
    const last = taken > 0 ? sizes[taken - 1]!.server_seq : query.after;
    // Every row at or below `last` was committed when the sizes were read, so this second
    // statement sees the very same ones.
    params[params.length - 1] = last;
    const changes =
      taken === 0
        ? []
        : (await this.rows<ChangeRow>(`SELECT * FROM changes WHERE ${matching} AND server_seq <= ${limitParam}::bigint ORDER BY server_seq`, params)).map(toLogEntry);
    return { changes, more, cursor: more ? last : Math.max(last, top) };
  }
  async serverEpoch(): Promise<string> {
    const row = (await this.rows<{ value: string }>("SELECT value FROM server_meta WHERE key = 'epoch'"))[0];
    if (!row) throw new Error('server_meta has no epoch'); // migration 2 inserts it
    return row.value;
  }
  async newServerEpoch(): Promise<string> {
    const epoch = randomBytes(8).toString('hex');
    await this.q("UPDATE server_meta SET value = $1 WHERE key = 'epoch'", [epoch]);
    return epoch;
  }

  async recordPullCursor(deviceId: string, cursor: number): Promise<void> {
    // Under the write lock, like compactLog: the horizon compaction reads cannot move under it.
    await this.locked((tx) => recordPullCursor(tx.run, deviceId, cursor));
  }
  async compactedThrough(): Promise<number> {
    return compactedThrough(this.run);
  }
  async snapshot(query: SnapshotQuery): Promise<SnapshotPage> {
    return this.consistent((rows) => readSnapshot(rows, query));
  }
  async compactLog(options: CompactOptions): Promise<CompactResult> {
    return this.locked((tx) => compactLog(tx.run, options));
  }

  async firstReceived(coll: Collection, ids: readonly string[], required?: readonly string[]): Promise<Map<string, number>> {
    const out = new Map<string, number>();
    if (ids.length === 0) return out;
    const rows = required
      ? await this.rows<{ id: string; first: number }>(
          `SELECT id, MAX(first) AS first FROM (
             SELECT id, field, MIN(received_at) AS first FROM changes
             WHERE coll = $1 AND id = ANY($2::text[]) AND field = ANY($3::text[])
             GROUP BY id, field) per_field
           GROUP BY id HAVING COUNT(*) = $4`,
          [coll, ids, required, new Set(required).size],
        )
      : await this.rows<{ id: string; first: number }>('SELECT id, MIN(received_at) AS first FROM changes WHERE coll = $1 AND id = ANY($2::text[]) GROUP BY id', [coll, ids]);
    for (const r of rows) out.set(r.id, r.first);
    return out;
  }

  /**
   * Inside a transaction, the fields read or written so far (their JSON; null = no row). The
   * push path reads a field up to three times (check, re-stamp, merge); under the write lock
   * nobody else can change it, and every write to docs goes through putField, so the copy is
   * exact. One per transaction (a new PgOps each), so a rolled-back one's copy is dropped with it.
   */
  private readonly fields = new Map<string, string | null>();
  async getField(coll: Collection, id: string, field: string): Promise<FieldState | undefined> {
    const key = `${coll}\u0000${id}\u0000${field}`;
    let heads = this.inTx ? this.fields.get(key) : undefined;
    if (heads === undefined) {
      heads = (await this.rows<{ heads: string }>('SELECT heads FROM docs WHERE coll = $1 AND id = $2 AND field = $3', [coll, id, field]))[0]?.heads ?? null;
      if (this.inTx) this.fields.set(key, heads);
    }
    // Parsed each time: callers get their own object, as from the database.
    return heads === null ? undefined : (JSON.parse(heads) as FieldState);
  }
  async putField(coll: Collection, id: string, field: string, unit: string, heads: FieldState): Promise<void> {
    const json = JSON.stringify(heads);
    await this.locked(async (tx) => {
      await tx.q(
        `INSERT INTO docs (coll, id, field, heads, unit, head_hlcs) VALUES ($1, $2, $3, $4, $5, $6)
         ON CONFLICT (coll, id, field) DO UPDATE SET heads = excluded.heads, unit = excluded.unit, head_hlcs = excluded.head_hlcs`,
        [coll, id, field, json, unit, heads.heads.map((h) => h.hlc)],
      );
      if (tx.inTx) tx.fields.set(`${coll}\u0000${id}\u0000${field}`, json);
    });
  }
  async getDoc(coll: Collection, id: string): Promise<DocState | null> {
    const rows = await this.rows<{ field: string; heads: string }>('SELECT field, heads FROM docs WHERE coll = $1 AND id = $2', [coll, id]);
    if (rows.length === 0) return null;
    return Object.fromEntries(rows.map((r) => [r.field, JSON.parse(r.heads) as FieldState]));
  }
  async listDocs(filter: { units?: readonly string[]; colls?: readonly Collection[] }) {
    const where: string[] = [];
    const params: unknown[] = [];
    if (filter.units) {
      if (filter.units.length === 0) return [];
      params.push(filter.units);
      where.push(`unit = ANY($${params.length}::text[])`);
    }
    if (filter.colls) {
      if (filter.colls.length === 0) return [];
      params.push(filter.colls);
      where.push(`coll = ANY($${params.length}::text[])`);
    }
    const rows = await this.rows<{ coll: string; id: string; field: string; heads: string; unit: string }>(
      `SELECT coll, id, field, heads, unit FROM docs ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY coll, id, field`,
      params,
    );
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
    const r = (await this.rows<{ data: string; updated_at: number }>('SELECT data, updated_at FROM rollups WHERE unit_id = $1', [unitId]))[0];
    return r ? { rollup: JSON.parse(r.data) as Rollup, updatedAt: r.updated_at } : null;
  }
  async getRollups(unitIds: readonly string[]): Promise<Map<string, StoredRollup>> {
    if (unitIds.length === 0) return new Map();
    const rows = await this.rows<{ unit_id: string; data: string; updated_at: number }>('SELECT unit_id, data, updated_at FROM rollups WHERE unit_id = ANY($1::text[])', [
      [...unitIds],
    ]);
    return new Map(rows.map((r) => [r.unit_id, { rollup: JSON.parse(r.data) as Rollup, updatedAt: r.updated_at }]));
  }
  async putRollup(unitId: string, rollup: Rollup, updatedAt: number): Promise<void> {
    await this.q(
      `INSERT INTO rollups (unit_id, data, updated_at) VALUES ($1, $2, $3)
       ON CONFLICT (unit_id) DO UPDATE SET data = excluded.data, updated_at = excluded.updated_at`,
      [unitId, JSON.stringify(rollup), updatedAt],
    );
  }
  async markRollupsDirty(communeIds: readonly string[]): Promise<void> {
    if (communeIds.length === 0) return;
    await this.q('INSERT INTO rollup_dirty (unit_id) SELECT unnest($1::text[]) ON CONFLICT DO NOTHING', [communeIds]);
  }
  async takeDirtyRollups(): Promise<string[]> {
    // DELETE … RETURNING: a row deleted by one caller is not returned to another, even when
    // two processes take at once (the second waits on the first's row locks, then skips them).
    return (await this.rows<{ unit_id: string }>('DELETE FROM rollup_dirty RETURNING unit_id')).map((r) => r.unit_id).sort();
  }
  async putCatalogue(entry: StoredCatalogue): Promise<boolean> {
    const r = await this.q('INSERT INTO catalogues (version, data, imported_at) VALUES ($1, $2, $3) ON CONFLICT (version) DO NOTHING', [
      entry.version, JSON.stringify(entry.catalogue), entry.importedAt,
    ]);
    return (r.rowCount ?? 0) > 0;
  }
  async latestCatalogue(): Promise<StoredCatalogue | null> {
    const r = (await this.rows<{ version: string; data: string; imported_at: number }>('SELECT version, data, imported_at FROM catalogues ORDER BY imported_at DESC, n DESC LIMIT 1'))[0];
    return r ? { version: r.version, catalogue: JSON.parse(r.data) as Catalogue, importedAt: r.imported_at } : null;
  }

  async putBlob(b: BlobRecord): Promise<boolean> {
    const r = await this.q(
      'INSERT INTO blobs (hash, type, size, data, unit, uploaded_by, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (hash) DO NOTHING',
      [b.hash, b.type, b.size, Buffer.from(b.data.buffer, b.data.byteOffset, b.data.byteLength), b.unit, b.uploadedBy, b.createdAt],
    );
    return (r.rowCount ?? 0) > 0;
  }
  async getBlob(hash: string): Promise<BlobRecord | null> {
    const r = (
      await this.rows<{ hash: string; type: string; size: number; data: Buffer; unit: string; uploaded_by: string; created_at: number }>('SELECT * FROM blobs WHERE hash = $1', [hash])
    )[0];
    return r ? { hash: r.hash, type: r.type, size: r.size, data: r.data, unit: r.unit, uploadedBy: r.uploaded_by, createdAt: r.created_at } : null;
  }
  async blobPhotoRecords(hash: string): Promise<{ unit: string; id: string; author: string }[]> {
    // Literal coll and field and the index's very expression: the partial index docs_photo_blob.
    return this.rows<{ unit: string; id: string; author: string }>(
      `SELECT unit, id, (heads::jsonb) #>> '{heads,0,author}' AS author FROM docs
       WHERE coll = 'photo' AND field = 'blob' AND ((heads::jsonb) #>> '{heads,0,value}') = $1 ORDER BY unit, id`,
      [hash],
    );
  }
}

async function migrate(pool: pg.Pool, schema: string | undefined, key: number): Promise<void> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    // Two processes starting at once: the second waits, then finds the schema in place.
    await client.query('SELECT pg_advisory_xact_lock($1, $2)', [MIGRATE_LOCK, key]);
    if (schema) await client.query(`CREATE SCHEMA IF NOT EXISTS "${schema}"`);
    await client.query(`CREATE TABLE IF NOT EXISTS schema_migrations (
      version INTEGER PRIMARY KEY, description TEXT NOT NULL, applied_at TIMESTAMPTZ NOT NULL DEFAULT now())`);
    const done = new Set((await client.query<{ version: number }>('SELECT version FROM schema_migrations')).rows.map((r) => r.version));
    // In version order whatever the order of the list (migrations are appended by several people).
    for (const m of [...PG_MIGRATIONS].sort((a, b) => a.version - b.version)) {
      if (done.has(m.version)) continue;
      await client.query(m.sql);
      await client.query('INSERT INTO schema_migrations (version, description) VALUES ($1, $2)', [m.version, m.description]);
    }
    await client.query('COMMIT');
  } catch (e) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw e;
  } finally {
    client.release();
  }
}

export interface PostgresStoreOptions {
  /** postgres://user@host:port/database (DATABASE_URL). */
  url: string;
  /** Connections in this process's pool (default 10): one writes at a time, the rest read. */
  poolSize?: number;
  /** Tables in this schema (created if missing) instead of `public`: [a-z0-9_]. Tests use it for a fresh store in milliseconds. */
  schema?: string;
}

/** Opens (and migrates) the store. */
export async function openPostgresStore(options: PostgresStoreOptions): Promise<SyncStore> {
  const { schema } = options;
  if (schema !== undefined && !/^[a-z0-9_]+$/.test(schema)) throw new Error(`Tên schema không hợp lệ: ${schema}`);
  const key = schemaKey(schema);
  // A transaction left open by a process that vanished without closing its socket (a machine
  // lost, not a killed process: the kernel closes that one) would hold the write lock for every
  // process until TCP gave up, hours later. Ours are never idle that long between statements.
  const sessionSettings = ['-c idle_in_transaction_session_timeout=60s', ...(schema ? [`-c search_path=${schema}`] : [])];
  const pool = new pg.Pool({
    connectionString: options.url,
    max: options.poolSize ?? 10,
    types,
    application_name: 'so-tay-sync',
    keepAlive: true,
    options: sessionSettings.join(' '),
  });
  // An idle connection the server dropped (restart, failover) must not crash the process; the
  // next query opens a new one.
  pool.on('error', (e) => console.error('[postgres] kết nối rảnh bị đóng:', e.message));
  // A connection lost while checked out (failover, pg_terminate_backend, idle-in-transaction
  // timeout) emits 'error' on its client; with no listener Node would end the whole process.
  // The query in flight fails instead, and the transaction is rejected like any other failure.
  const guard = (client: pg.PoolClient): (() => void) => {
    const onError = (e: Error) => console.error('[postgres] mất kết nối giữa chừng:', e.message);
    client.on('error', onError);
    return () => client.off('error', onError);
  };
  try {
    await migrate(pool, schema, key);
  } catch (e) {
    await pool.end().catch(() => undefined);
    throw e;
  }

  const cacheKey = {};
  let closed = false;
  const closedError = () => new Error('Cơ sở dữ liệu đã đóng');
  /** Transactions of this process not yet answered. */
  const running = new Set<Promise<unknown>>();
  const afterRunning = async () => {
    if (running.size > 0) await Promise.allSettled([...running]);
    if (closed) throw closedError();
  };

  interface Pending {
    fn: (tx: StoreTx) => Promise<unknown>;
    resolve: (v: unknown) => void;
    reject: (e: unknown) => void;
  }
  const waiting: Pending[] = [];
  let writing = false;

  const runGroup = async (group: Pending[]) => {
    let client: pg.PoolClient;
    try {
      client = await pool.connect();
    } catch (e) {
      for (const p of group) p.reject(e);
      return;
    }
    const unguard = guard(client);
    // One operations object per transaction of the group: its field copies die with it.
    const txOps = (): PgOps => {
      const tx: PgOps = new PgOps(cacheKey, client, true, (fn) => fn(tx), (fn) => fn(tx.run));
      return tx;
    };
    const single = group.length === 1;
    const outcomes: { ok: boolean; value: unknown }[] = [];
    let broken: unknown = null;
    let connectionLost = false;
    try {
      await client.query('BEGIN');
      await client.query('SELECT pg_advisory_xact_lock($1, $2)', [WRITE_LOCK, key]);
      for (const p of group) {
        if (!single) await client.query('SAVEPOINT one_tx');
        try {
          const value = await p.fn(txOps());
          if (!single) await client.query('RELEASE SAVEPOINT one_tx');
          outcomes.push({ ok: true, value });
        } catch (e) {
          if (single) throw e;
          await client.query('ROLLBACK TO SAVEPOINT one_tx');
          await client.query('RELEASE SAVEPOINT one_tx');
          outcomes.push({ ok: false, value: e });
        }
      }
      await client.query('COMMIT');
    } catch (e) {
      broken = e;
      // A connection that cannot even roll back (the server went away) is dropped, not reused.
      connectionLost = await client.query('ROLLBACK').then(() => false, () => true);
    }
    unguard();
    client.release(connectionLost ? true : undefined);
    if (broken !== null) {
      // A lone transaction's own error, or the group could not commit: nothing of it is stored.
      for (const p of group) p.reject(broken);
      return;
    }
    group.forEach((p, i) => (outcomes[i]!.ok ? p.resolve(outcomes[i]!.value) : p.reject(outcomes[i]!.value)));
  };
  const drain = async () => {
    if (writing) return;
    writing = true;
    try {
      while (waiting.length > 0) await runGroup(waiting.splice(0, MAX_GROUP));
    } finally {
      writing = false;
    }
  };

  const transaction = <T>(fn: (tx: StoreTx) => Promise<T>): Promise<T> => {
    if (closed) return Promise.reject(closedError());
    const result = new Promise<T>((resolve, reject) => {
      waiting.push({ fn, resolve: resolve as (v: unknown) => void, reject });
    });
    running.add(result);
    const forget = () => running.delete(result);
    result.then(forget, forget);
    void drain();
    return result;
  };

  /** One snapshot for several reads, outside any transaction of ours. */
  const consistent = async <T,>(fn: (rows: Rows) => Promise<T>): Promise<T> => {
    const client = await pool.connect();
    const unguard = guard(client);
    try {
      await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
      const value = await fn(async (text, values) => (await client.query(named(text, values ?? []))).rows);
      await client.query('COMMIT');
      return value;
    } catch (e) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw e;
    } finally {
      unguard();
      client.release();
    }
  };
  const ops = new PgOps(cacheKey, pool, false, (fn) => transaction((tx) => fn(tx as unknown as PgOps)), consistent);
  // Each operation outside a transaction: after the transactions this process started before it.
  const outside = new Proxy(ops, {
    get(target, key, receiver) {
      const v: unknown = Reflect.get(target, key, receiver);
      if (typeof v !== 'function') return v;
      return async (...args: unknown[]) => {
        await afterRunning();
        return (v as (...a: unknown[]) => Promise<unknown>).apply(target, args);
      };
    },
  }) as unknown as StoreOps;

  const store: SyncStore = Object.assign(Object.create(outside) as StoreOps, {
    transaction,
    async close(): Promise<void> {
      if (closed) return;
      closed = true;
      await Promise.allSettled([...running]);
      await pool.end();
    },
  });
  return store;
}
