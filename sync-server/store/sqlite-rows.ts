// Rows of the SQLite tables and their conversion to the store's records.
import type { ReportingRule } from '../../src/domain/calendar.ts';
import type { OrgLevel } from '../../src/domain/org.ts';
import type { Role } from '../../src/domain/people.ts';
import type { Collection } from '../../src/domain/sync/collections.ts';
import type { Hlc } from '../../src/domain/sync/hlc.ts';
import type { Base } from '../../src/domain/sync/merge.ts';
import type { FieldValue } from '../../src/domain/sync/merge.ts';
import type { AuditEntry, DeviceBinding, LogEntry, LoginCounter, OneTimeCodePurpose, OneTimeCodeRecord, StoredPlan, TokenRecord, UnitRecord, UserRecord } from './types.ts';
import type { Plan } from '../../src/domain/plans.ts';
import type { ReorgEvent } from '../../src/domain/reorg.ts';

export interface UnitRow { id: string; name: string; level: string; parent_id: string | null; placeholder: number | boolean; rules: string | null; closed_on: string | null }
/** `active` and `can_admin` are 0/1 in SQLite, booleans in PostgreSQL (which shares these conversions). */
export interface UserRow { id: string; username: string; display_name: string; role: string; unit_id: string; password_hash: string; created_at: number; active: number | boolean; can_admin: number | boolean }
export interface TokenRow { hash: string; user_id: string; device_id: string; created_at: number; expires_at: number; revoked_at: number | null }
export interface DeviceRow { device_id: string; user_id: string; high_water: number; created_at: number | null; last_seen_at: number | null; revoked_at: number | null }
export interface LoginCounterRow { username: string; address: string; failures: number; first_at: number; last_at: number; blocked_until: number }
export interface ChangeRow {
  server_seq: number; coll: string; id: string; field: string; value: string; hlc: string; base: string | null; unit: string;
  author: string; device: string; device_seq: number | null; orig_hlc: string | null; received_at: number;
}

// Rows come from our own schema, written only through store/sqlite.ts: the casts below restore
// the types they were written with rather than parse untrusted input.
export const toUnit = (r: UnitRow): UnitRecord => ({
  id: r.id,
  name: r.name,
  level: r.level as OrgLevel,
  parentId: r.parent_id,
  placeholder: r.placeholder === 1 || r.placeholder === true,
  rules: r.rules === null ? null : (JSON.parse(r.rules) as ReportingRule[]),
  // Only a closed unit carries the field: an open one reads as it always did.
  ...(r.closed_on ? { closedOn: r.closed_on } : {}),
});
/** A reorganisation event row (both stores): the columns plus the JSON of what it changed. */
export interface ReorgRow { seq: number | string; kind: string; effective: string; recorded_at: number | string; recorded_by: string | null; data: string }
export const toReorgEvent = (r: ReorgRow): ReorgEvent => ({
  ...(JSON.parse(r.data) as Omit<ReorgEvent, 'seq' | 'recordedAt' | 'recordedBy'>),
  seq: Number(r.seq),
  recordedAt: Number(r.recorded_at),
  recordedBy: r.recorded_by,
});
export const reorgData = (e: Omit<ReorgEvent, 'seq'>): string =>
  JSON.stringify({ spec: e.spec, before: e.before, created: e.created, successor: e.successor, ...(e.movedUsers ? { movedUsers: e.movedUsers } : {}) });
export const toUser = (r: UserRow): UserRecord => ({
  id: r.id,
  username: r.username,
  displayName: r.display_name,
  role: r.role as Role,
  unitId: r.unit_id,
  passwordHash: r.password_hash,
  createdAt: r.created_at,
  active: r.active === 1 || r.active === true,
  canAdmin: r.can_admin === 1 || r.can_admin === true,
});
export const toToken = (r: TokenRow): TokenRecord => ({
  hash: r.hash,
  userId: r.user_id,
  deviceId: r.device_id,
  createdAt: r.created_at,
  expiresAt: r.expires_at,
  revokedAt: r.revoked_at,
});
export const toLogEntry = (r: ChangeRow): LogEntry => ({
  serverSeq: r.server_seq,
  coll: r.coll as Collection,
  id: r.id,
  field: r.field,
  value: JSON.parse(r.value) as FieldValue,
  hlc: r.hlc as Hlc,
  base: r.base as Base | null,
  unit: r.unit,
  author: r.author,
  device: r.device,
  deviceSeq: r.device_seq,
  origHlc: r.orig_hlc as Hlc | null,
  receivedAt: r.received_at,
});
export const toDeviceBinding = (r: DeviceRow): DeviceBinding => ({
  deviceId: r.device_id,
  userId: r.user_id,
  createdAt: r.created_at,
  lastSeenAt: r.last_seen_at,
  revokedAt: r.revoked_at,
});
export const toLoginCounter = (r: LoginCounterRow): LoginCounter => ({
  username: r.username,
  address: r.address,
  failures: r.failures,
  firstAt: r.first_at,
  lastAt: r.last_at,
  blockedUntil: r.blocked_until,
});

export interface OneTimeCodeRow { hash: string; purpose: string; user_id: string; created_by: string | null; created_at: number; expires_at: number; used_at: number | null }
export const toOneTimeCode = (r: OneTimeCodeRow): OneTimeCodeRecord => ({
  hash: r.hash,
  purpose: r.purpose as OneTimeCodePurpose,
  userId: r.user_id,
  createdBy: r.created_by,
  createdAt: r.created_at,
  expiresAt: r.expires_at,
  usedAt: r.used_at,
});
export interface AuditRow { id: number; at: number; actor_id: string | null; actor_name: string; action: string; target: string; unit: string | null; detail: string }
export const toAudit = (r: AuditRow): AuditEntry => ({
  id: r.id,
  at: r.at,
  actorId: r.actor_id,
  actorName: r.actor_name,
  action: r.action,
  target: r.target,
  unit: r.unit,
  detail: JSON.parse(r.detail) as Record<string, unknown>,
});
export interface PlanRow { id: string; data: string; imported_at: number; imported_by: string | null }
export const toPlan = (r: PlanRow): StoredPlan => ({ id: r.id, plan: JSON.parse(r.data) as Plan, importedAt: r.imported_at, importedBy: r.imported_by });
