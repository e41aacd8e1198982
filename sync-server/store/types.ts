// The server's storage contract. SQLite implements it now (store/sqlite.ts); a PostgreSQL
// adapter can follow without touching routes or sync logic. Every implementation must
// pass test/server/store.contract.ts.
//
// Methods are async so a networked database fits. `transaction` runs its callback
// all-or-nothing and serialised with every other store call: the push path reads the
// device's high-water mark, appends, merges and moves the mark in one transaction.
// Inside a transaction use only the `tx` handed to the callback (calling the store
// itself there would wait for the transaction to end, i.e. forever).
import type { Catalogue } from '../../src/domain/catalogue.ts';
import type { ReportingRule } from '../../src/domain/calendar.ts';
import type { OrgUnit } from '../../src/domain/org.ts';
import type { Plan } from '../../src/domain/plans.ts';
import type { ReorgEvent } from '../../src/domain/reorg.ts';
import type { Role } from '../../src/domain/people.ts';
import type { Rollup } from '../../src/domain/rollup.ts';
import type { Collection } from '../../src/domain/sync/collections.ts';
import type { Hlc } from '../../src/domain/sync/hlc.ts';
import type { Base } from '../../src/domain/sync/merge.ts';
import type { Change } from '../../src/domain/sync/wire.ts';
import type { PullRule } from '../../src/domain/subscriptions.ts';
import type { DocState, FieldState, FieldValue } from '../../src/domain/sync/merge.ts';

export interface UnitRecord extends OrgUnit {
  /** The unit's own reporting rules; null = inherits its ancestors'. */
  rules: ReportingRule[] | null;
}

export interface UserRecord {
  id: string;
  username: string;
  displayName: string;
  role: Role;
  unitId: string;
  /** Self-describing password hash (auth/password.ts); never leaves the server. */
  passwordHash: string;
  createdAt: number;
  /** false: deactivated — login refused, tokens refused by the session check (admin-api). */
  active: boolean;
  /** A province/district officer allowed to administer units and users of their subtree (src/domain/admin-access.ts). */
  canAdmin: boolean;
}

/** A user as created: active and without the admin right unless said otherwise. */
export type NewUserRecord = Omit<UserRecord, 'active' | 'canAdmin'> & Partial<Pick<UserRecord, 'active' | 'canAdmin'>>;

/** What an administrator may change on a user (a move or a role change; the password has its own method). */
export type UserPatch = Partial<Pick<UserRecord, 'displayName' | 'role' | 'unitId' | 'active' | 'canAdmin'>>;

/** Why a one-time code was issued: a password reset handed over by an administrator, or a phone's QR enrolment. */
export type OneTimeCodePurpose = 'reset' | 'enrol';

export interface OneTimeCodeRecord {
  /** sha-256 (hex) of the code; the code itself is shown once and never stored. */
  hash: string;
  purpose: OneTimeCodePurpose;
  userId: string;
  /** The user who issued it; null = the CLI. */
  createdBy: string | null;
  createdAt: number;
  expiresAt: number;
  usedAt: number | null;
}

/** One administrative action (admin API and CLI), appended in the transaction that did it. */
export interface AuditEntry {
  /** Grows with each entry: the order of the log, and the `before` cursor of listAudit. */
  id: number;
  at: number;
  /** null = the command line. */
  actorId: string | null;
  actorName: string;
  /** 'unit.create', 'user.deactivate', 'import.apply', 'rules.set', 'reorg.merge'… */
  action: string;
  /** The unit id or username acted on. */
  target: string;
  /** The unit the action concerns (a user's unit for user actions): who may read the entry. null = only the admin. */
  unit: string | null;
  detail: Record<string, unknown>;
}
export type NewAuditEntry = Omit<AuditEntry, 'id'>;

export interface AuditQuery {
  limit: number;
  /** Only entries with a smaller id (the previous page's last id). */
  before?: number;
  /** Only entries whose unit is one of these (an officer's subtree); absent = every entry. */
  unitScope?: readonly string[];
}

/** A plan (task table) imported by an administrator, served to phones (GET /api/plans). */
export interface StoredPlan {
  id: string;
  plan: Plan;
  importedAt: number;
  /** null = the command line or the seed. */
  importedBy: string | null;
}

export interface TokenRecord {
  /** sha256 (hex) of the bearer token; the token itself is never stored. */
  hash: string;
  userId: string;
  deviceId: string;
  createdAt: number;
  expiresAt: number;
  revokedAt: number | null;
}

export interface DeviceRecord {
  deviceId: string;
  userId: string;
  /** The highest device seq committed: the exactly-once mark. */
  highWater: number;
}

/**
 * Which person a device id belongs to. Bound once (at login, or by the first push of a token
 * issued without a login) and never moved to another user: first binding wins.
 */
export interface DeviceBinding {
  deviceId: string;
  userId: string;
  /** null for a device bound before the server recorded it. */
  createdAt: number | null;
  lastSeenAt: number | null;
  /** Once revoked, no token works on it and no login may propose it again. */
  revokedAt: number | null;
}

/** A device's public key, made on the phone at first sign-in: hand-off bundles it signed are checked against it. */
export interface DeviceKeyRecord {
  deviceId: string;
  userId: string;
  /** Raw P-256 point, base64url (src/domain/sync/bundle.ts). */
  publicKey: string;
  createdAt: number;
}

/** A device's SMS secret: the check code of each SMS it composes is keyed by it (src/domain/sms.ts). */
export interface SmsKeyRecord {
  deviceId: string;
  userId: string;
  secret: string;
  createdAt: number;
}

/**
 * Failed-login counter for one (username, client address), or for a whole address when
 * `username` is '' (password spraying across names). Kept in the store so every process and
 * the admin CLI see the same counts.
 */
export interface LoginCounter {
  username: string;
  address: string;
  /** Attempts counted (each one before its password check) and not cleared by a success. */
  failures: number;
  firstAt: number;
  lastAt: number;
  /** No attempt for this key is checked before this time (ms); 0 = none pending. */
  blockedUntil: number;
}

/** A change as it enters the append-only log. */
export interface NewLogEntry extends Change {
  /** "seed" for seed data, else the pushing device. */
  device: string;
  deviceSeq: number | null;
  /** The device's original stamp when the server re-stamped a clock far in the future. */
  origHlc: Hlc | null;
  receivedAt: number;
}

/** A pushed change the server refused for good: its seq is used up and a retry gets the same answer. */
export interface RefusalRecord {
  device: string;
  deviceSeq: number;
  hlc: Hlc;
  code: string;
  message: string;
  author: string;
  receivedAt: number;
}

export interface LogEntry extends NewLogEntry {
  serverSeq: number;
}

export interface PullQuery {
  after: number;
  /** Only changes whose unit is one of these (when `rules` is not given). */
  units?: readonly string[];
  /** Only changes some rule matches (src/domain/subscriptions.ts): units × collections × adoptions. */
  rules?: readonly PullRule[];
  limit: number;
  /** Soft cap on the JSON size of values; at least one change is returned when any match. */
  maxBytes: number;
  /** Leave out this device's own changes (it has them); the cursor still moves past them. */
  excludeDevice?: string;
}

export interface PullPage {
  changes: LogEntry[];
  /**
   * The next cursor: at least every returned serverSeq. An implementation may move it
   * further over rows that cannot match, provided no matching row at or below it can
   * appear later.
   */
  cursor: number;
  more: boolean;
}

/** Where a snapshot page starts: after this record, in (coll, id) order. */
export interface SnapshotKey {
  coll: Collection;
  id: string;
}

export interface SnapshotQuery {
  /** The subscription (src/domain/subscriptions.ts), as for pull. */
  rules: readonly PullRule[];
  /** null: from the first record. */
  afterKey: SnapshotKey | null;
  /** Records per page (at least one record is returned when any matches). */
  limit: number;
  /** Soft cap on the JSON size of the page's heads. */
  maxBytes: number;
}

/** One logged change of a field as a snapshot carries it (a current head, or the field's first receipt). */
export interface SnapshotRow {
  value: FieldValue;
  hlc: Hlc;
  base: Base | null;
  author: string;
  receivedAt: number;
}

export interface SnapshotField {
  field: string;
  /** FieldState.dead: every stamp some change overwrote (so a late copy cannot come back). */
  dead: readonly Hlc[];
  /** The current heads in FieldState order, then the field's first-receipt row when it is not a head. */
  rows: SnapshotRow[];
}

export interface SnapshotRecord {
  coll: Collection;
  id: string;
  unit: string;
  fields: SnapshotField[];
}

export interface SnapshotPage {
  /** Every change at or below it is committed and reflected in this page; none at or below it can commit later. */
  cursor: number;
  records: SnapshotRecord[];
  /** The last record's key when more may follow; null on the last page. */
  nextKey: SnapshotKey | null;
}

export interface CompactOptions {
  /** Devices not seen since (ms) do not hold the log back: behind the horizon they must bootstrap again. */
  activeSince: number;
  /** Rows of a device with device_seq above its high-water mark minus this are kept (retries are matched against them). */
  retryWindow: number;
  /** Rows deleted per call (each call is one short transaction). */
  maxRows: number;
  /** Only rows after this serverSeq (the previous call's `through`: rows it kept are not read again). */
  after?: number;
}

export interface CompactResult {
  /** The oldest pull cursor in use (rows above it were not considered). */
  horizon: number;
  deleted: number;
  /** Not done: call again with `after: through`. */
  more: boolean;
  compactedThrough: number;
  /** Rows up to this serverSeq were examined (a call may stop early, after maxRows deletions or a stretch of the log): the next call's `after`. */
  through: number;
}

export interface StoredRollup {
  rollup: Rollup;
  updatedAt: number;
}

/** Photo bytes, stored by the sha-256 of `data` (sync-server/blobs/). */
export interface BlobRecord {
  hash: string;
  type: string;
  size: number;
  data: Uint8Array;
  /** The unit the uploader named (the photo's unit), and who uploaded it first. */
  unit: string;
  uploadedBy: string;
  createdAt: number;
}

export interface StoredCatalogue {
  version: string;
  catalogue: Catalogue;
  importedAt: number;
}

/** Everything the server reads and writes. */
export interface StoreOps {
  // Org units
  /** `unit.closedOn` left out (undefined) keeps the stored closing day: only reorganisations close a unit. */
  putUnit(unit: OrgUnit, rules?: ReportingRule[] | null): Promise<void>;
  getUnits(): Promise<UnitRecord[]>;
  /** Grows whenever any unit is written (by this process or another, e.g. the admin CLI). */
  unitsVersion(): Promise<number>;
  /** Reorganisation events (src/domain/reorg.ts), appended in the transaction that applies them; returns the seq. */
  appendReorgEvent(event: Omit<ReorgEvent, 'seq'>): Promise<number>;
  /** Every reorganisation event, in the order they were applied. */
  listReorgEvents(): Promise<ReorgEvent[]>;

  // Users and tokens
  /** Fails with StoreConflict when the id or username exists. */
  createUser(user: NewUserRecord): Promise<void>;
  /** Changes the given fields; the user as it now stands, or null when there is no such user. */
  updateUser(userId: string, patch: UserPatch): Promise<UserRecord | null>;
  getUserById(id: string): Promise<UserRecord | null>;
  getUserByUsername(username: string): Promise<UserRecord | null>;
  listUsers(): Promise<UserRecord[]>;
  setPasswordHash(userId: string, passwordHash: string): Promise<void>;
  createToken(token: TokenRecord): Promise<void>;
  getToken(hash: string): Promise<TokenRecord | null>;
  revokeToken(hash: string, at: number): Promise<void>;
  /** Revokes every live token of a user; returns how many. */
  revokeUserTokens(userId: string, at: number): Promise<number>;

  // One-time codes, the audit log, plans (admin-api)
  /** Stores a code (StoreConflict if the hash exists) and voids the user's earlier unused codes of the same purpose: only the latest handed over works. */
  createOneTimeCode(code: OneTimeCodeRecord): Promise<void>;
  /** Uses the code atomically: the record (usedAt = now) if it had that purpose and was unused and unexpired, else null. A second use gets null. */
  useOneTimeCode(hash: string, purpose: OneTimeCodePurpose, now: number): Promise<OneTimeCodeRecord | null>;
  /** Appends an entry; returns its id (greater than every earlier one). */
  appendAudit(entry: NewAuditEntry): Promise<number>;
  /** Newest first. */
  listAudit(query: AuditQuery): Promise<AuditEntry[]>;
  /** Stores a plan under its id, replacing an earlier import of the same id. */
  putPlan(entry: StoredPlan): Promise<void>;
  /** Every stored plan, by id. */
  listPlans(): Promise<StoredPlan[]>;

  // Devices and the change log
  getDevice(deviceId: string): Promise<DeviceRecord | null>;
  /** Creates the device or moves its high-water mark; never changes the owner of a bound device. */
  putDevice(device: DeviceRecord): Promise<void>;
  getDeviceBinding(deviceId: string): Promise<DeviceBinding | null>;
  /** Binds an unbound id to `userId` (first binding wins); returns the binding as it now stands, whoever owns it. */
  bindDevice(deviceId: string, userId: string, at: number): Promise<DeviceBinding>;
  /** A user's devices, most recently seen first. */
  listUserDevices(userId: string): Promise<DeviceBinding[]>;
  touchDevice(deviceId: string, at: number): Promise<void>;
  /** Revokes the device and every live token on it; returns how many tokens. */
  revokeDevice(deviceId: string, at: number): Promise<number>;
  /** Revokes the live tokens of one user on one device; returns how many. */
  revokeDeviceTokens(userId: string, deviceId: string, at: number): Promise<number>;
  /** Registers a device's public key (hand-off bundles) unless it has one: first key wins; returns the key as it now stands. */
  registerDeviceKey(key: DeviceKeyRecord): Promise<DeviceKeyRecord>;
  getDeviceKey(deviceId: string): Promise<DeviceKeyRecord | null>;

  /** The database's size in bytes for /metrics (SQLite: the main file's pages; PostgreSQL: pg_database_size). */
  databaseBytes(): Promise<number>;

  // SMS (sync-server/sms/)
  /** Stores a device's SMS secret unless it has one; returns the secret as it now stands (first wins). */
  putSmsKey(key: SmsKeyRecord): Promise<SmsKeyRecord>;
  getSmsKey(deviceId: string): Promise<SmsKeyRecord | null>;
  /** Sets (or with null clears) a person's mobile number; StoreConflict when another person has it. */
  setUserPhone(userId: string, phone: string | null): Promise<void>;
  getUserPhone(userId: string): Promise<string | null>;
  userIdByPhone(phone: string): Promise<string | null>;
  /** Records an SMS as received; false when the same text was received before (a replay). */
  markSmsSeen(hash: string, at: number): Promise<boolean>;

  // Login throttling
  getLoginCounter(username: string, address: string): Promise<LoginCounter | null>;
  putLoginCounter(counter: LoginCounter): Promise<void>;
  deleteLoginCounter(username: string, address: string): Promise<void>;
  /** Forgets every (username, address) counter of a username; returns how many. */
  clearLoginCounters(username: string): Promise<number>;
  /** Forgets counters with no attempt since `before`; returns how many. */
  pruneLoginCounters(before: number): Promise<number>;
  /** Appends to the log; returns the serverSeq, or null if the same stamp is already logged for the field. */
  appendChange(entry: NewLogEntry): Promise<number | null>;
  /** Logged changes pushed by a device with seq in [fromSeq, toSeq], in seq order. */
  deviceChanges(deviceId: string, fromSeq: number, toSeq: number): Promise<LogEntry[]>;
  /** Records a refused pushed change under its device and seq (kept: a retry is answered the same). */
  logRefusal(refusal: RefusalRecord): Promise<void>;
  /** Refusals of a device with seq in [fromSeq, toSeq], in seq order. */
  deviceRefusals(deviceId: string, fromSeq: number, toSeq: number): Promise<RefusalRecord[]>;
  /** The stamp a re-stamped change got, found by its original stamp. */
  restampedAs(coll: Collection, id: string, field: string, origHlc: Hlc): Promise<Hlc | null>;
  /** Not inside a transaction that may roll back: the cursor could pass rows never committed. */
  pull(query: PullQuery): Promise<PullPage>;
  /**
   * When the server first received each record: with `required`, the time the last of those
   * fields first arrived, and records missing any of them are absent; without, the first
   * change of any field.
   */
  firstReceived(coll: Collection, ids: readonly string[], required?: readonly string[]): Promise<Map<string, number>>;

  // Snapshot bootstrap and log compaction (sync/snapshot.ts, sync/compact.ts)
  /** The device has every change up to `cursor` (it pulls after it); no-op for an unknown device. */
  recordPullCursor(deviceId: string, cursor: number): Promise<void>;
  /** The highest serverSeq compaction ever deleted (0: never): a pull after less than it cannot be served from the log. */
  compactedThrough(): Promise<number>;
  /** The current merged state of the records the rules match, a page at a time (any stable record order; resumes after `afterKey`), with a cursor consistent with it. */
  snapshot(query: SnapshotQuery): Promise<SnapshotPage>;
  /**
   * Deletes superseded log rows at or below the oldest pull cursor of the active devices, keeping
   * every current head, each field's first-receipt row, re-stamped rows and each device's rows
   * within `retryWindow` of its high-water mark. Atomic with recordPullCursor.
   */
  compactLog(options: CompactOptions): Promise<CompactResult>;

  // The database's identity (sync-server/backup/): a backup put back is another epoch
  /** A random id made with the database; the same in every process until newServerEpoch. */
  serverEpoch(): Promise<string>;
  /** After a restore: a fresh id, so phones that synced with the lost future re-send and pull again. */
  newServerEpoch(): Promise<string>;

  // Merged docs
  getField(coll: Collection, id: string, field: string): Promise<FieldState | undefined>;
  putField(coll: Collection, id: string, field: string, unit: string, heads: FieldState): Promise<void>;
  getDoc(coll: Collection, id: string): Promise<DocState | null>;
  /** Docs whose unit is one of `units` (all units when omitted), optionally of some collections. */
  listDocs(filter: { units?: readonly string[]; colls?: readonly Collection[] }): Promise<{ coll: Collection; id: string; unit: string; doc: DocState }[]>;

  // Roll-ups and the catalogue
  getRollup(unitId: string): Promise<StoredRollup | null>;
  /** Several at once (a district's thousand communes in one query, not a thousand); absent ones are left out. */
  getRollups(unitIds: readonly string[]): Promise<Map<string, StoredRollup>>;
  putRollup(unitId: string, rollup: Rollup, updatedAt: number): Promise<void>;
  /** Communes whose roll-ups are stale: marked in the push transaction, recomputed soon after. */
  markRollupsDirty(communeIds: readonly string[]): Promise<void>;
  /** Takes (and clears) the stale communes. */
  takeDirtyRollups(): Promise<string[]>;
  /** Stores a catalogue version; false when that version exists already (left unchanged). */
  putCatalogue(entry: StoredCatalogue): Promise<boolean>;
  latestCatalogue(): Promise<StoredCatalogue | null>;

  // Photo bytes by content hash (sync-server/blobs/)
  /** Stores bytes under their hash; false when the hash is stored already (the first row is kept). */
  putBlob(blob: BlobRecord): Promise<boolean>;
  getBlob(hash: string): Promise<BlobRecord | null>;
  /** The photo records whose `blob` field names this hash: unit, record id and who wrote that field. */
  blobPhotoRecords(hash: string): Promise<{ unit: string; id: string; author: string }[]>;
}

export type StoreTx = StoreOps;

export interface SyncStore extends StoreOps {
  transaction<T>(fn: (tx: StoreTx) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

/** A uniqueness violation (username taken, id reused). */
export class StoreConflict extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'StoreConflict';
  }
}
