// The administrator's actions, written once for the browser admin (admin-api/routes.ts) and the
// command line (admin/commands.ts): the same validation, the same permission rule
// (src/domain/admin-access.ts), the same Vietnamese refusals, and every change appends its
// audit entry in the transaction that makes it — a refused or failed action leaves neither.
import { randomBytes, randomInt } from 'node:crypto';
import { z } from 'zod';
import { ReportingRule } from '../../src/domain/calendar.ts';
import { Catalogue } from '../../src/domain/catalogue.ts';
import { Text } from '../../src/domain/common.ts';
import {
  ADMIN_RIGHT_ROLES,
  UNIT_ID,
  adminScope,
  canReadAudit,
  mayActOnUser,
  mayAdministerUnit,
  mayChangeUser,
  mayCreateUnit,
  mayGrant,
  type AdminActor,
  type UserAction,
} from '../../src/domain/admin-access.ts';
import { OrgLevel, checkTree, type OrgUnit } from '../../src/domain/org.ts';
import { Role, Username } from '../../src/domain/people.ts';
import { Plan } from '../../src/domain/plans.ts';
import { MIN_PASSWORD_LENGTH, hashPassword } from '../auth/password.ts';
import { tokenHash } from '../auth/tokens.ts';
import { issuePath, type ErrorIssue } from '../http/errors.ts';
import { ADMIN_RIGHT_PROBLEM, PASSWORD_RULE, UNIT_ID_RULE, roleLevelProblem, unitTaken, usernameTaken } from './rules.ts';
import { ImportRequest, planImport, type ImportError } from './import.ts';
import { loadTree } from '../org/load-tree.ts';
import type { OrgTree } from '../org/tree.ts';
import { StoreConflict, type AuditEntry, type NewAuditEntry, type StoreTx, type SyncStore, type UnitRecord, type UserRecord } from '../store/types.ts';

// zod's own messages (wrong type, too long…) in Vietnamese, whoever loads this first.
z.config(z.locales.vi());

/** Who acts: a signed-in person, or the command line (full rights, audited as "dòng lệnh"). */
export type Actor = { kind: 'cli' } | { kind: 'user'; user: UserRecord };
export const CLI: Actor = { kind: 'cli' };
export const CLI_NAME = 'Dòng lệnh (npm run admin)';

const CLI_ACCESS: AdminActor = { id: '', role: 'admin', unitId: '', canAdmin: true, active: true };
export const accessOf = (a: Actor): AdminActor =>
  a.kind === 'cli' ? CLI_ACCESS : { id: a.user.id, role: a.user.role, unitId: a.user.unitId, canAdmin: a.user.canAdmin, active: a.user.active };

export type RefusalKind = 'invalid' | 'forbidden' | 'not-found' | 'conflict';

/** A refused action: the routes answer it as admin/<kind>, the CLI prints "Lỗi: <message>". */
export class AdminRefusal extends Error {
  constructor(
    readonly kind: RefusalKind,
    message: string,
    readonly issues: ErrorIssue[] = [],
  ) {
    super(message);
    this.name = 'AdminRefusal';
  }
}
const invalid = (path: string, message: string) => new AdminRefusal('invalid', message, [{ path, message }]);
const forbidden = (message = 'Bạn không có quyền quản trị đơn vị hoặc tài khoản này') => new AdminRefusal('forbidden', message);

/** What each input field is called in a refusal ("Cấp đơn vị không hợp lệ: …"). */
const FIELD_LABEL: Record<string, string> = {
  id: 'Mã đơn vị',
  name: 'Tên đơn vị',
  level: 'Cấp đơn vị',
  parentId: 'Đơn vị cấp trên',
  placeholder: 'Tên tạm',
  username: 'Tên đăng nhập',
  displayName: 'Họ tên',
  role: 'Vai trò',
  unitId: 'Đơn vị',
  canAdmin: 'Quyền quản trị',
  password: 'Mật khẩu',
  rules: 'Quy định báo cáo',
  active: 'Trạng thái',
};

/** Parses an input; refuses with every field's problem, each named in Vietnamese. */
export function parseInput<S extends z.core.$ZodType>(schema: S, value: unknown, what?: string): z.core.output<S> {
  const r = z.safeParse(schema, value);
  if (r.success) return r.data;
  const issues = r.error.issues.map((i) => {
    const label = what ?? FIELD_LABEL[String(i.path[0] ?? '')] ?? (i.path.length ? issuePath(i.path) : 'Dữ liệu');
    return { path: issuePath(i.path), message: `${label} không hợp lệ: ${i.message}` };
  });
  throw new AdminRefusal('invalid', issues.map((i) => i.message).join('; '), issues);
}

// ── Shared field rules (the bulk import checks rows with the same ones) ──────────────────

export const UnitId = z.string().trim().regex(UNIT_ID, UNIT_ID_RULE);
export const Password = z.string().min(MIN_PASSWORD_LENGTH, PASSWORD_RULE).max(200, 'Mật khẩu quá dài (tối đa 200 ký tự)');

export function checkPassword(password: string): void {
  if (password.length < MIN_PASSWORD_LENGTH) throw invalid('password', PASSWORD_RULE);
  if (password.length > 200) throw invalid('password', 'Mật khẩu quá dài (tối đa 200 ký tự)');
}


// ── One-time codes ───────────────────────────────────────────────────────────────────

/** No 0/O/1/I: read out over the phone or copied from a screen without mistakes. */
export const CODE_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
export const RESET_CODE_LENGTH = 8;
export const RESET_CODE_LIFETIME_MS = 72 * 3_600_000;
export const newResetCode = (): string => Array.from({ length: RESET_CODE_LENGTH }, () => CODE_ALPHABET[randomInt(CODE_ALPHABET.length)]).join('');
/** What a person types ("abcd efgh", "ABCD-EFGH") as the code that was issued. */
export const normalizeCode = (typed: string): string => typed.toUpperCase().replace(/[\s-]/g, '');

/** A password nobody knows: the account is usable only once its reset code is redeemed. */
const unknownPassword = () => hashPassword(randomBytes(18).toString('base64url'));

async function issueResetCode(tx: StoreTx, actor: Actor, user: UserRecord, at: number): Promise<{ code: string; expiresAt: number }> {
  const expiresAt = at + RESET_CODE_LIFETIME_MS;
  for (;;) {
    const code = newResetCode();
    try {
      await tx.createOneTimeCode({ hash: tokenHash(code), purpose: 'reset', userId: user.id, createdBy: actor.kind === 'cli' ? null : actor.user.id, createdAt: at, expiresAt, usedAt: null });
      return { code, expiresAt };
    } catch (e) {
      if (!(e instanceof StoreConflict)) throw e; // the same 40 bits drawn twice: draw again
    }
  }
}

// ── Views ────────────────────────────────────────────────────────────────────────────

export interface UnitView {
  id: string;
  name: string;
  level: OrgUnit['level'];
  parentId: string | null;
  placeholder: boolean;
  rules: ReportingRule[] | null;
  closedOn: string | null;
}
export const unitView = (u: UnitRecord): UnitView => {
  // Closing a unit is a reorganisation event (reorg helper); shown once the store carries it.
  const closedOn = 'closedOn' in u && typeof u.closedOn === 'string' ? u.closedOn : null;
  return { id: u.id, name: u.name, level: u.level, parentId: u.parentId, placeholder: u.placeholder, rules: u.rules, closedOn };
};

export interface UserView {
  id: string;
  username: string;
  displayName: string;
  role: Role;
  unitId: string;
  active: boolean;
  canAdmin: boolean;
  createdAt: number;
}
export const userView = (u: UserRecord): UserView => ({
  id: u.id, username: u.username, displayName: u.displayName, role: u.role, unitId: u.unitId, active: u.active, canAdmin: u.canAdmin, createdAt: u.createdAt,
});

export interface AuditView {
  id: number;
  at: number;
  actor: { id: string; name: string } | null;
  action: string;
  target: string;
  detail: Record<string, unknown>;
}
export const auditView = (e: AuditEntry): AuditView => ({
  id: e.id, at: e.at, actor: e.actorId === null ? null : { id: e.actorId, name: e.actorName }, action: e.action, target: e.target, detail: e.detail,
});

// ── Inputs ───────────────────────────────────────────────────────────────────────────

export const CreateUnitInput = z.object({
  id: UnitId,
  name: Text,
  level: OrgLevel,
  parentId: UnitId.nullable(),
  placeholder: z.boolean().optional(),
});
export const UpdateUnitInput = z.object({ name: z.optional(Text), placeholder: z.boolean().optional() });
export const RulesInput = z.array(ReportingRule).nullable();
export const CreateUserInput = z.object({
  username: Username,
  displayName: Text,
  role: Role,
  unitId: UnitId,
  canAdmin: z.boolean().optional(),
  password: Password.optional(),
});
export const UpdateUserInput = z.object({ displayName: z.optional(Text), role: z.optional(Role), unitId: UnitId.optional(), canAdmin: z.boolean().optional() });

export interface AdminDeps {
  store: SyncStore;
  now: () => number;
  /** Ids of new accounts (tests pin them). */
  newId?: () => string;
}

const newUserId = () => `u-${randomBytes(6).toString('hex')}`;

export function adminService(deps: AdminDeps) {
  const { store, now } = deps;
  const makeId = deps.newId ?? newUserId;

  const audit = (tx: StoreTx, actor: Actor, entry: Omit<NewAuditEntry, 'actorId' | 'actorName' | 'at'> & { at?: number }) =>
    tx.appendAudit({
      at: entry.at ?? now(),
      actorId: actor.kind === 'cli' ? null : actor.user.id,
      actorName: actor.kind === 'cli' ? CLI_NAME : actor.user.displayName,
      action: entry.action,
      target: entry.target,
      unit: entry.unit,
      detail: entry.detail,
    });

  /** The unit an actor's audit entry of a whole-scope action (an import) is filed under. */
  const scopeUnit = (actor: Actor): string | null => adminScope(accessOf(actor)) ?? null;

  async function unitOrRefuse(tree: OrgTree, actor: Actor, id: string): Promise<UnitRecord> {
    const unit = tree.byId.get(id);
    if (!unit) throw new AdminRefusal('not-found', `Không có đơn vị ${id}`);
    if (!mayAdministerUnit(accessOf(actor), id, tree.byId)) throw forbidden();
    return unit;
  }

  /** The account named, if the actor may do `action` to it (only the admin learns that one does not exist). */
  async function userOrRefuse(tx: StoreTx, tree: OrgTree, actor: Actor, ref: { id: string } | { username: string }, action: UserAction): Promise<UserRecord> {
    const user = 'id' in ref ? await tx.getUserById(ref.id) : await tx.getUserByUsername(ref.username);
    const access = accessOf(actor);
    if (!user) {
      if (access.role !== 'admin') throw forbidden();
      throw new AdminRefusal('not-found', `Không có người dùng ${'id' in ref ? ref.id : ref.username}`);
    }
    if (!mayActOnUser(access, user, action, tree.byId)) throw forbidden();
    return user;
  }

  function checkGrant(tree: OrgTree, grant: { role: Role; unitId: string; canAdmin: boolean }) {
    const unit = tree.byId.get(grant.unitId);
    if (!unit) throw invalid('unitId', `Không có đơn vị ${grant.unitId}`);
    const problem = roleLevelProblem(grant.role, unit);
    if (problem) throw invalid('role', problem);
    if (grant.canAdmin && !ADMIN_RIGHT_ROLES.has(grant.role)) throw invalid('canAdmin', ADMIN_RIGHT_PROBLEM);
  }

  return {
    /** Units the actor administers (the commune police: their commune and its villages). */
    async listUnits(actor: Actor): Promise<UnitView[]> {
      const access = accessOf(actor);
      const scope = adminScope(access);
      if (scope === undefined) throw forbidden();
      const tree = await loadTree(store);
      const units = scope === null ? tree.units : tree.subtree(scope);
      return units.map(unitView);
    },

    async createUnit(actor: Actor, input: unknown): Promise<UnitView> {
      const body = parseInput(CreateUnitInput, input);
      const unit: OrgUnit = { id: body.id, name: body.name, level: body.level, parentId: body.parentId, placeholder: body.placeholder ?? false };
      return store.transaction(async (tx) => {
        const tree = await loadTree(tx);
        if (!mayCreateUnit(accessOf(actor), unit.parentId, tree.byId)) throw forbidden('Bạn chỉ tạo được đơn vị bên dưới đơn vị mình quản trị');
        if (tree.has(unit.id)) throw new AdminRefusal('conflict', unitTaken(unit.id), [{ path: 'id', message: unitTaken(unit.id) }]);
        const problems = checkTree([...tree.units, unit]);
        if (problems.length) throw new AdminRefusal('invalid', `Không tạo được đơn vị: ${problems.join('; ')}`, [{ path: 'parentId', message: problems.join('; ') }]);
        await tx.putUnit(unit);
        await audit(tx, actor, { action: 'unit.create', target: unit.id, unit: unit.id, detail: { name: unit.name, level: unit.level, parentId: unit.parentId, placeholder: unit.placeholder } });
        return unitView({ ...unit, rules: null });
      });
    },

    /** Corrections only (name, placeholder mark); moving, merging and closing are reorganisation events. */
    async updateUnit(actor: Actor, id: string, input: unknown): Promise<UnitView> {
      const body = parseInput(UpdateUnitInput, input);
      return store.transaction(async (tx) => {
        const unit = await unitOrRefuse(await loadTree(tx), actor, id);
        const next: UnitRecord = { ...unit, name: body.name ?? unit.name, placeholder: body.placeholder ?? unit.placeholder };
        await tx.putUnit({ id: next.id, name: next.name, level: next.level, parentId: next.parentId, placeholder: next.placeholder });
        await audit(tx, actor, {
          action: 'unit.update',
          target: id,
          unit: id,
          detail: { before: { name: unit.name, placeholder: unit.placeholder }, after: { name: next.name, placeholder: next.placeholder } },
        });
        return unitView(next);
      });
    },

    /** A unit's own reporting rules; null: it inherits its ancestors'. */
    async setRules(actor: Actor, id: string, input: unknown): Promise<UnitView> {
      const parsed = z.safeParse(RulesInput, input);
      if (!parsed.success) {
        // As an officer reads it: "quy định 1 › dueWeekday: …".
        const issues = parsed.error.issues.map((i) => ({
          path: issuePath(['rules', ...i.path]),
          message: `${i.path.map((p) => (typeof p === 'number' ? `quy định ${p + 1}` : String(p))).join(' › ') || '(gốc)'}: ${i.message}`,
        }));
        throw new AdminRefusal('invalid', `Quy định báo cáo không hợp lệ (${issues.length} lỗi):\n${issues.slice(0, 20).map((i) => `  ${i.message}`).join('\n')}`, issues);
      }
      const rules = parsed.data;
      if (rules) {
        const types = rules.map((r) => r.periodType);
        const twice = types.find((t, i) => types.indexOf(t) !== i);
        if (twice) throw invalid('rules', `Báo cáo ${PERIOD_LABEL[twice]} có hai quy định; mỗi loại chỉ một`);
      }
      return store.transaction(async (tx) => {
        const unit = await unitOrRefuse(await loadTree(tx), actor, id);
        await tx.putUnit({ id: unit.id, name: unit.name, level: unit.level, parentId: unit.parentId, placeholder: unit.placeholder }, rules);
        await audit(tx, actor, { action: 'rules.set', target: id, unit: id, detail: { before: unit.rules, rules } });
        return unitView({ ...unit, rules });
      });
    },

    /** Accounts the actor may see, optionally only within one unit's subtree. */
    async listUsers(actor: Actor, unitId?: string): Promise<UserView[]> {
      const access = accessOf(actor);
      if (adminScope(access) === undefined) throw forbidden();
      const tree = await loadTree(store);
      if (unitId !== undefined && !tree.has(unitId)) throw new AdminRefusal('not-found', `Không có đơn vị ${unitId}`);
      return (await store.listUsers())
        .filter((u) => (unitId === undefined || tree.isWithin(u.unitId, unitId)) && mayActOnUser(access, u, 'view', tree.byId))
        .map(userView);
    },

    /**
     * A new account. Without a password it gets a one-time reset code (72 h) to hand over: the
     * person chooses their password when they first sign in.
     */
    async createUser(actor: Actor, input: unknown): Promise<{ user: UserView; code?: { code: string; expiresAt: number } }> {
      const body = parseInput(CreateUserInput, input);
      const canAdmin = body.canAdmin ?? false;
      const check = async (tx: StoreTx) => {
        const tree = await loadTree(tx);
        if (!mayGrant(accessOf(actor), { role: body.role, unitId: body.unitId, canAdmin }, tree.byId)) throw forbidden('Bạn không được tạo tài khoản với vai trò này ở đơn vị này');
        checkGrant(tree, { role: body.role, unitId: body.unitId, canAdmin });
        if (await tx.getUserByUsername(body.username)) throw new AdminRefusal('conflict', usernameTaken(body.username), [{ path: 'username', message: usernameTaken(body.username) }]);
      };
      // Checked before hashing (scrypt is slow and must not run inside the write transaction), then again inside it.
      await check(store);
      const passwordHash = body.password === undefined ? await unknownPassword() : await hashPassword(body.password);
      return store.transaction(async (tx) => {
        await check(tx);
        const at = now();
        const user: UserRecord = { id: makeId(), username: body.username, displayName: body.displayName, role: body.role, unitId: body.unitId, passwordHash, createdAt: at, active: true, canAdmin };
        await tx.createUser(user);
        const code = body.password === undefined ? await issueResetCode(tx, actor, user, at) : undefined;
        await audit(tx, actor, {
          at,
          action: 'user.create',
          target: user.username,
          unit: user.unitId,
          detail: { userId: user.id, role: user.role, unitId: user.unitId, canAdmin, ...(code ? { resetCodeExpiresAt: code.expiresAt } : {}) },
        });
        return { user: userView(user), ...(code ? { code } : {}) };
      });
    },

    /**
     * Corrects a name, moves an account to another unit, changes its role or admin right. A move
     * or role change signs the person out everywhere: their phones sign in again and get the
     * subtree that goes with the new unit.
     */
    async updateUser(actor: Actor, ref: { id: string } | { username: string }, input: unknown): Promise<{ user: UserView; revoked: number }> {
      const patch = parseInput(UpdateUserInput, input);
      return store.transaction(async (tx) => {
        const tree = await loadTree(tx);
        const before = await userOrRefuse(tx, tree, actor, ref, 'edit');
        const role = patch.role ?? before.role;
        const unitId = patch.unitId ?? before.unitId;
        // Losing an officer's role loses the right that comes with it.
        const canAdmin = patch.canAdmin ?? (ADMIN_RIGHT_ROLES.has(role) ? before.canAdmin : false);
        const after = { role, unitId, canAdmin };
        if (actor.kind === 'user' && actor.user.id === before.id && (role !== before.role || unitId !== before.unitId || canAdmin !== before.canAdmin)) {
          throw invalid('role', 'Không tự đổi vai trò, đơn vị hay quyền quản trị của chính mình; hãy nhờ một quản trị viên khác');
        }
        checkGrant(tree, after);
        if (!mayChangeUser(accessOf(actor), before, after, tree.byId)) throw forbidden('Bạn không được chuyển tài khoản này sang vai trò hoặc đơn vị đó');
        const updated = await tx.updateUser(before.id, { ...(patch.displayName ? { displayName: patch.displayName } : {}), role, unitId, canAdmin });
        const moved = role !== before.role || unitId !== before.unitId;
        const revoked = moved ? await tx.revokeUserTokens(before.id, now()) : 0;
        await audit(tx, actor, {
          action: moved ? (unitId !== before.unitId ? 'user.move' : 'user.role') : 'user.update',
          target: before.username,
          unit: unitId,
          detail: {
            before: { displayName: before.displayName, role: before.role, unitId: before.unitId, canAdmin: before.canAdmin },
            after: { displayName: updated!.displayName, role, unitId, canAdmin },
            revokedSessions: revoked,
          },
        });
        return { user: userView(updated!), revoked };
      });
    },

    /** Locks an account (its sessions end now and its logins are refused) or unlocks it. */
    async setActive(actor: Actor, ref: { id: string } | { username: string }, active: boolean): Promise<{ user: UserView; revoked: number }> {
      return store.transaction(async (tx) => {
        const tree = await loadTree(tx);
        const user = await userOrRefuse(tx, tree, actor, ref, active ? 'activate' : 'deactivate');
        if (!active && actor.kind === 'user' && actor.user.id === user.id) throw invalid('active', 'Không tự khóa tài khoản của chính mình');
        const updated = await tx.updateUser(user.id, { active });
        const revoked = active ? 0 : await tx.revokeUserTokens(user.id, now());
        await audit(tx, actor, { action: active ? 'user.activate' : 'user.deactivate', target: user.username, unit: user.unitId, detail: { userId: user.id, revokedSessions: revoked } });
        return { user: userView(updated!), revoked };
      });
    },

    /** A one-time code (72 h) the person redeems at sign-in to choose a new password (POST /api/auth/redeem). */
    async resetCode(actor: Actor, ref: { id: string } | { username: string }): Promise<{ code: string; expiresAt: number }> {
      return store.transaction(async (tx) => {
        const user = await userOrRefuse(tx, await loadTree(tx), actor, ref, 'reset');
        const issued = await issueResetCode(tx, actor, user, now());
        await audit(tx, actor, { action: 'user.reset', target: user.username, unit: user.unitId, detail: { userId: user.id, expiresAt: issued.expiresAt } });
        return issued;
      });
    },

    /** Sets a password directly (the CLI's reset-password); whoever knew the old one is signed out. */
    async setPassword(actor: Actor, ref: { id: string } | { username: string }, password: string): Promise<{ user: UserView; revoked: number }> {
      checkPassword(password);
      const passwordHash = await hashPassword(password);
      return store.transaction(async (tx) => {
        const user = await userOrRefuse(tx, await loadTree(tx), actor, ref, 'reset');
        await tx.setPasswordHash(user.id, passwordHash);
        const revoked = await tx.revokeUserTokens(user.id, now());
        await audit(tx, actor, { action: 'user.password', target: user.username, unit: user.unitId, detail: { userId: user.id, revokedSessions: revoked } });
        return { user: userView(user), revoked };
      });
    },

    async revokeSessions(actor: Actor, ref: { id: string } | { username: string }): Promise<{ user: UserView; revoked: number }> {
      return store.transaction(async (tx) => {
        const user = await userOrRefuse(tx, await loadTree(tx), actor, ref, 'revoke');
        const revoked = await tx.revokeUserTokens(user.id, now());
        await audit(tx, actor, { action: 'user.revoke-sessions', target: user.username, unit: user.unitId, detail: { userId: user.id, revokedSessions: revoked } });
        return { user: userView(user), revoked };
      });
    },

    /** A new catalogue version (the admin only: it is the whole province's). */
    async importCatalogue(actor: Actor, raw: unknown): Promise<{ version: string; models: number }> {
      if (accessOf(actor).role !== 'admin') throw forbidden('Chỉ quản trị viên hệ thống nhập danh mục mô hình');
      const r = Catalogue.safeParse(raw);
      if (!r.success) {
        const issues = r.error.issues.map((i) => ({ path: issuePath(i.path), message: i.message }));
        const lines = issues.slice(0, 20).map((i) => `  ${i.path || '(gốc)'}: ${i.message}`);
        throw new AdminRefusal('invalid', `Danh mục không hợp lệ (${issues.length} lỗi):\n${lines.join('\n')}`, issues);
      }
      return store.transaction(async (tx) => {
        // The service rows an administrator named stay named unless the file names them itself.
        const named = r.data.serviceNames === undefined ? (await tx.latestCatalogue())?.catalogue.serviceNames : undefined;
        const catalogue = named?.length ? { ...r.data, serviceNames: named } : r.data;
        const stored = await tx.putCatalogue({ version: catalogue.version, catalogue, importedAt: now() });
        if (!stored) throw new AdminRefusal('conflict', `Phiên bản danh mục ${catalogue.version} đã được nhập trước đây; hãy đổi "version" nếu đây là danh mục mới`, [{ path: 'version', message: 'Phiên bản đã có' }]);
        await audit(tx, actor, { action: 'catalogue.import', target: catalogue.version, unit: null, detail: { version: catalogue.version, models: catalogue.models.length } });
        return { version: catalogue.version, models: catalogue.models.length };
      });
    },

    /** A plan and its task table, served to phones by GET /api/plans. A unit's plan: its administrators too. */
    async importPlan(actor: Actor, raw: unknown): Promise<{ planId: string; tasks: number }> {
      const r = z.safeParse(Plan, raw);
      if (!r.success) {
        const issues = r.error.issues.map((i) => ({ path: issuePath(i.path), message: i.message }));
        throw new AdminRefusal('invalid', `Kế hoạch không hợp lệ (${issues.length} lỗi): ${issues.slice(0, 5).map((i) => `${i.path || '(gốc)'}: ${i.message}`).join('; ')}`, issues);
      }
      const plan = r.data;
      return store.transaction(async (tx) => {
        const tree = await loadTree(tx);
        const access = accessOf(actor);
        if (access.role !== 'admin' && (plan.unitId === null || !mayAdministerUnit(access, plan.unitId, tree.byId))) {
          throw forbidden('Bạn chỉ nhập được kế hoạch của đơn vị mình quản trị');
        }
        if (plan.unitId !== null && !tree.has(plan.unitId)) throw invalid('unitId', `Không có đơn vị ${plan.unitId}`);
        await tx.putPlan({ id: plan.id, plan, importedAt: now(), importedBy: actor.kind === 'cli' ? null : actor.user.id });
        await audit(tx, actor, { action: 'plan.import', target: plan.id, unit: plan.unitId, detail: { title: plan.title, tasks: plan.tasks.length } });
        return { planId: plan.id, tasks: plan.tasks.length };
      });
    },

    /**
     * Units and accounts from a spreadsheet. A dry run writes nothing and names every problem;
     * a real run checks again inside one transaction and writes everything or nothing, audited
     * once. Accounts without a password get one-time reset codes, answered once here.
     */
    async bulkImport(actor: Actor, input: unknown): Promise<ImportAnswer> {
      const request = parseInput(ImportRequest, input, 'Dữ liệu nhập');
      const access = accessOf(actor);
      if (adminScope(access) === undefined || access.role === 'communeStanding') {
        throw forbidden('Nhập hàng loạt dành cho quản trị viên và cán bộ được giao quyền quản trị');
      }
      const planFrom = async (ops: StoreTx) => {
        const taken = new Set((await ops.listUsers()).map((u) => u.username));
        return planImport(request, (await loadTree(ops)).units, taken, access);
      };
      const first = await planFrom(store);
      if (request.dryRun || first.errors.length > 0) return { ok: first.errors.length === 0, errors: first.errors };
      // scrypt before the transaction (it is slow; the write lock must not wait on it), in parallel on libuv's pool.
      const hashes = new Map(await Promise.all(first.users.map(async (u) => [u.username, await (u.password === undefined ? unknownPassword() : hashPassword(u.password))] as const)));
      return store.transaction(async (tx): Promise<ImportAnswer> => {
        const plan = await planFrom(tx);
        if (plan.errors.length > 0) return { ok: false, errors: plan.errors };
        const at = now();
        for (const unit of plan.units) await tx.putUnit(unit);
        const codes: { username: string; code: string; expiresAt: number }[] = [];
        for (const u of plan.users) {
          // A row the first check did not see (the store changed in between) would have no hash: refuse rather than guess.
          const passwordHash = hashes.get(u.username);
          if (!passwordHash) return { ok: false, errors: [{ sheet: 'users', row: u.row, field: 'username', message: 'Dữ liệu vừa thay đổi; hãy kiểm tra lại rồi nhập' }] };
          const user: UserRecord = { id: makeId(), username: u.username, displayName: u.displayName, role: u.role, unitId: u.unitId, passwordHash, createdAt: at, active: true, canAdmin: u.canAdmin };
          await tx.createUser(user);
          if (u.password === undefined) codes.push({ username: u.username, ...(await issueResetCode(tx, actor, user, at)) });
        }
        await audit(tx, actor, {
          at,
          action: 'import.apply',
          target: `${plan.units.length} đơn vị, ${plan.users.length} tài khoản`,
          unit: scopeUnit(actor),
          detail: { units: plan.units.map((u) => u.id).slice(0, 500), users: plan.users.map((u) => u.username).slice(0, 500), unitCount: plan.units.length, userCount: plan.users.length },
        });
        return { ok: true, errors: [], created: { units: plan.units.length, users: plan.users.length }, codes };
      });
    },

    /** The audit log of the actor's scope, newest first. */
    async listAudit(actor: Actor, query: { limit: number; before?: number }): Promise<AuditView[]> {
      const access = accessOf(actor);
      if (!canReadAudit(access)) throw forbidden('Bạn không có quyền xem nhật ký quản trị');
      const scope = adminScope(access);
      const unitScope = scope ? (await loadTree(store)).subtreeIds(scope) : undefined;
      const entries = await store.listAudit({ limit: query.limit, ...(query.before !== undefined ? { before: query.before } : {}), ...(unitScope ? { unitScope } : {}) });
      return entries.map(auditView);
    },

    /** For callers with an action of their own (the CLI's unlock-login, revoke-device; the import). */
    audit,
    scopeUnit,
  };
}

export type AdminService = ReturnType<typeof adminService>;

export interface ImportAnswer {
  ok: boolean;
  errors: ImportError[];
  created?: { units: number; users: number };
  codes?: { username: string; code: string; expiresAt: number }[];
}

const PERIOD_LABEL: Record<ReportingRule['periodType'], string> = { weekly: 'tuần', monthly: 'tháng', sixMonth: '6 tháng', annual: 'năm' };
