// The admin routes of the server (contract: /tmp/team/ADMIN-API.md, sync-server/admin-api/),
// every answer parsed. A refusal keeps the server's field paths so a form can show each
// message next to the field it names.
import * as z from 'zod/mini';
import { ReportingRule } from '../domain/calendar.ts';
import { OrgLevel } from '../domain/org.ts';
import { Role } from '../domain/people.ts';
import { ReorgEventSchema, type ReorgSpec } from '../domain/reorg.ts';
import { activeLang } from '../i18n/messages.ts';
import { m as app } from '../app/messages.ts';
import type { UnitRow, UserRow } from './import-parse.ts';
import { m } from '../i18n/common.ts';

const When = z.union([z.number(), z.string()]);

export const AdminMe = z.object({ role: Role, scope: z.nullable(z.string()), canAdminUnits: z.boolean(), canEnrol: z.boolean() });
export type AdminMe = z.infer<typeof AdminMe>;

export const AdminUnit = z.object({
  id: z.string(),
  name: z.string(),
  level: OrgLevel,
  parentId: z.nullable(z.string()),
  placeholder: z._default(z.boolean(), false),
  rules: z._default(z.nullable(z.array(ReportingRule)), null),
  closedOn: z.optional(z.nullable(z.string())),
});
export type AdminUnit = z.infer<typeof AdminUnit>;

export const AdminUser = z.object({
  id: z.string(),
  username: z.string(),
  displayName: z.string(),
  role: Role,
  unitId: z.string(),
  active: z._default(z.boolean(), true),
  canAdmin: z._default(z.boolean(), false),
  createdAt: z.optional(z.nullable(When)),
});
export type AdminUser = z.infer<typeof AdminUser>;

const OneTimeCode = z.object({ code: z.string(), expiresAt: When });
export type OneTimeCode = z.infer<typeof OneTimeCode>;

const ImportAnswer = z.object({
  ok: z.boolean(),
  errors: z.array(z.object({ sheet: z.enum(['units', 'users']), row: z.number(), field: z._default(z.string(), ''), message: z.string() })),
  created: z.optional(z.object({ units: z.number(), users: z.number() })),
  codes: z.optional(z.array(z.object({ username: z.string(), code: z.string(), expiresAt: When }))),
});
export type ImportAnswer = z.infer<typeof ImportAnswer>;

const AuditEntry = z.object({
  id: z.union([z.number(), z.string()]),
  at: When,
  actor: z.nullable(z.object({ id: z.string(), name: z.string() })),
  action: z.string(),
  target: z.optional(z.nullable(z.string())),
  detail: z.optional(z.unknown()),
});
export type AuditEntry = z.infer<typeof AuditEntry>;

/** A row of the 25 essential services the source lost, and the name an administrator gave it. */
export const ServiceNameRow = z.object({ id: z.string(), no: z.nullable(z.number()), name: z.nullable(z.string()), source: z.nullable(z.string()) });
export type ServiceNameRow = z.infer<typeof ServiceNameRow>;

const Issue = z.object({ path: z.union([z.string(), z.array(z.union([z.string(), z.number()]))]), message: z.string() });
const ErrorBody = z.object({ error: z.object({ code: z.string(), message: z.string(), issues: z.optional(z.array(Issue)) }) });

/** A refusal or a failure to reach the server; `fields` maps a field path ("rules.0.dueBeforeDay") to its message. */
export class AdminError extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly code: string,
    readonly fields: Record<string, string> = {},
  ) {
    super(message);
  }
}

/** The server's message for a field, if it named one. */
export function fieldError(e: unknown, field: string): string | undefined {
  if (!(e instanceof AdminError)) return undefined;
  return e.fields[field];
}

/** One authenticated JSON call, its answer parsed; also used by the commune police's member screen (src/enrol/api.ts). */
export async function call<T>(token: string, method: string, path: string, schema: z.ZodMiniType<T>, body?: unknown): Promise<T> {
  let res: Response;
  try {
    res = await fetch(path, {
      method,
      headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      signal: AbortSignal.timeout(60_000),
    });
  } catch {
    throw new AdminError(m.noConnection, 0, 'net');
  }
  const json: unknown = await res.json().catch(() => null);
  if (!res.ok) {
    const parsed = ErrorBody.safeParse(json);
    if (!parsed.success) throw new AdminError(m.serverFailed(res.status), res.status, 'http');
    const { code, message, issues } = parsed.data.error;
    const fields: Record<string, string> = {};
    for (const i of issues ?? []) {
      const key = Array.isArray(i.path) ? i.path.join('.') : i.path;
      fields[key] ??= activeLang() === 'vi' ? i.message : app.serverError(code, i.message);
    }
    throw new AdminError(app.serverError(code, message), res.status, code, fields);
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) throw new AdminError(m.badAnswer, res.status, 'parse');
  return parsed.data;
}

const q = encodeURIComponent;

export function adminApi(token: string) {
  return {
    me: () => call(token, 'GET', '/api/admin/me', AdminMe),
    // Reorganisations (src/admin/ReorgScreen.tsx; server: sync-server/admin-api/reorg-routes.ts).
    reorgEvents: async () => (await call(token, 'GET', '/api/admin/reorg', z.object({ events: z.array(ReorgEventSchema) }))).events,
    recordReorg: async (spec: ReorgSpec) => (await call(token, 'POST', '/api/admin/reorg', z.object({ event: ReorgEventSchema }), spec)).event,
    units: async () => (await call(token, 'GET', '/api/admin/units', z.object({ units: z.array(AdminUnit) }))).units,
    createUnit: async (u: { id: string; name: string; level: string; parentId: string | null; placeholder: boolean }) =>
      (await call(token, 'POST', '/api/admin/units', z.object({ unit: AdminUnit }), u)).unit,
    patchUnit: async (id: string, patch: { name?: string; placeholder?: boolean }) =>
      (await call(token, 'PATCH', `/api/admin/units/${q(id)}`, z.object({ unit: AdminUnit }), patch)).unit,
    setRules: async (id: string, rules: ReportingRule[] | null) =>
      (await call(token, 'PUT', `/api/admin/units/${q(id)}/rules`, z.object({ unit: AdminUnit }), { rules })).unit,
    users: async (unitId: string) => (await call(token, 'GET', `/api/admin/users?unit=${q(unitId)}`, z.object({ users: z.array(AdminUser) }))).users,
    createUser: (u: { username: string; displayName: string; role: string; unitId: string; canAdmin?: boolean; password?: string }) =>
      call(token, 'POST', '/api/admin/users', z.object({ user: AdminUser, code: z.optional(OneTimeCode) }), u),
    patchUser: async (id: string, patch: { displayName?: string; role?: string; unitId?: string; canAdmin?: boolean }) =>
      (await call(token, 'PATCH', `/api/admin/users/${q(id)}`, z.object({ user: AdminUser }), patch)).user,
    setActive: async (id: string, active: boolean) =>
      (await call(token, 'POST', `/api/admin/users/${q(id)}/${active ? 'activate' : 'deactivate'}`, z.object({ user: AdminUser }), {})).user,
    reset: (id: string) => call(token, 'POST', `/api/admin/users/${q(id)}/reset`, OneTimeCode, {}),
    revokeSessions: async (id: string) => (await call(token, 'POST', `/api/admin/users/${q(id)}/revoke-sessions`, z.object({ revoked: z.number() }), {})).revoked,
    catalogue: async (body: unknown) => (await call(token, 'POST', '/api/admin/catalogue', z.object({ models: z.number() }), body)).models,
    serviceNames: async () => (await call(token, 'GET', '/api/admin/service-names', z.object({ rows: z.array(ServiceNameRow) }))).rows,
    nameService: (body: { id: string; name: string; source: string }) =>
      call(token, 'POST', '/api/admin/service-names', z.object({ version: z.string(), service: z.object({ id: z.string(), name: z.string(), source: z.string() }) }), body),
    plan: (body: unknown) => call(token, 'POST', '/api/admin/plans', z.object({ planId: z.string(), tasks: z.number() }), body),
    importRows: (units: UnitRow[], users: UserRow[], dryRun: boolean) => call(token, 'POST', '/api/admin/import', ImportAnswer, { units, users, dryRun }),
    audit: async (before?: string | number) =>
      (await call(token, 'GET', `/api/admin/audit?limit=100${before === undefined ? '' : `&before=${q(String(before))}`}`, z.object({ entries: z.array(AuditEntry) }))).entries,
  };
}
export type AdminApi = ReturnType<typeof adminApi>;
