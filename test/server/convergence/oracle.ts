// What must hold after the network has calmed down, judged from a log the test keeps of what
// each person was SHOWN and what they SAVED — not from the merge rule. Nothing here imports
// src/domain/sync/merge.ts: the expectations restate the promise made to the people using
// the app, in plain set terms:
//
//   · a value disappears from a field only by the act of someone who had it on screen: every
//     saved (hence acknowledged) change is still shown or kept as a visible concurrent value
//     unless a save whose author was SHOWN it overwrote it — and if one did, it is gone.
//     "Shown" is direct, not transitive. If B overwrote A's value having seen it, A's value is
//     gone because B saw it; whoever overwrites B's value later has no part in that. Taking
//     the transitive closure instead would excuse a loss by someone who never saw the value
//     (e.g. C, shown only B's value, would "cover" A's concurrent value that B had not seen).
//   · every phone ends showing exactly what the server holds, and so the same as each other;
//   · no value appears that nobody saved; nothing is applied twice; nothing saved is lost.
import type { Collection } from '../../../src/domain/sync/collections.ts';
import type { FieldValue } from '../../../src/domain/sync/merge.ts';
import type { LogEntry } from '../../../sync-server/store/types.ts';
import type { World } from './world.ts';

export interface Saved {
  seat: string;
  user: string;
  device: string;
  coll: Collection;
  id: string;
  field: string;
  value: FieldValue;
  /** The phone's stamp for it, read back from that person's change log right after the save. */
  hlc: string;
  /** The base the phone recorded for it (from the same row). */
  base: string | null;
  /** Stamps of the values the form showed for this field when it was opened. */
  shown: readonly string[];
}

export interface Target {
  coll: Collection;
  id: string;
  unit: string;
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
const fieldKey = (coll: string, id: string, field: string) => `${coll}/${id}/${field}`;
interface Head {
  hlc: string;
  value: unknown;
  author: string;
}
const headsOf = (doc: Readonly<Record<string, { heads: readonly Head[] }>> | null | undefined, field: string): Head[] =>
  [...(doc?.[field]?.heads ?? [])].map((h) => ({ hlc: h.hlc, value: h.value, author: h.author })).sort((a, b) => (a.hlc < b.hlc ? -1 : 1));
/** The documented display rule: the head with the greatest stamp is the value shown. */
const shownValue = (heads: readonly Head[]) => heads.reduce<Head | undefined>((top, h) => (!top || h.hlc > top.hlc ? h : top), undefined)?.value;

export async function judge(world: World, targets: readonly Target[], fields: readonly string[], saves: readonly Saved[]): Promise<string[]> {
  const problems: string[] = [];
  const units = (await world.store.getUnits()).map((u) => u.id);
  const log: LogEntry[] = (await world.store.pull({ after: 0, units, limit: 1_000_000, maxBytes: 1e12 })).changes;

  // Nothing applied twice: each (device, seq) and each stamp of a field is logged once.
  const bySeq = new Map<string, number>();
  const byStamp = new Map<string, number>();
  for (const e of log) {
    if (e.deviceSeq !== null) bySeq.set(`${e.device}#${e.deviceSeq}`, (bySeq.get(`${e.device}#${e.deviceSeq}`) ?? 0) + 1);
    // Per field: the seed writes every field it creates with one stamp.
    const stamp = `${fieldKey(e.coll, e.id, e.field)}@${e.hlc}`;
    byStamp.set(stamp, (byStamp.get(stamp) ?? 0) + 1);
  }
  for (const [k, n] of bySeq) if (n > 1) problems.push(`device change ${k} logged ${n} times`);
  for (const [k, n] of byStamp) if (n > 1) problems.push(`stamp ${k} logged ${n} times`);

  // The server may re-stamp a change from a clock far ahead; it says so in the log.
  const canon = new Map<string, string>();
  for (const e of log) if (e.origHlc) canon.set(e.origHlc, e.hlc);
  const c = (h: string) => canon.get(h) ?? h;

  const isTarget = (coll: string, id: string) => targets.some((t) => t.coll === coll && t.id === id);
  const targetLog = log.filter((e) => isTarget(e.coll, e.id));

  // The save named exactly what its form showed (problem 1: never what arrived after).
  // (A stamp the server replaced counts as the same value: the phone may name either.)
  for (const s of saves) {
    const shown = [...new Set(s.shown.map(c))].sort().join(',') || null;
    const named = s.base === null ? null : [...new Set(s.base.split(',').map(c))].sort().join(',');
    if (named !== shown) problems.push(`${s.seat} saved ${fieldKey(s.coll, s.id, s.field)}=${JSON.stringify(s.value)} with base ${s.base}, but its form showed ${shown}`);
  }

  // Nothing saved is lost, and the server logged it as saved, under its author and phone.
  for (const s of saves) {
    const found = targetLog.filter((e) => e.hlc === c(s.hlc) && e.coll === s.coll && e.id === s.id && e.field === s.field);
    if (found.length !== 1) {
      problems.push(`${s.seat}'s save ${fieldKey(s.coll, s.id, s.field)}=${JSON.stringify(s.value)} (${s.hlc}) is logged ${found.length} times on the server`);
      continue;
    }
    const e = found[0]!;
    if (e.coll !== s.coll || e.id !== s.id || e.field !== s.field || !same(e.value, s.value) || e.author !== s.user || e.device !== s.device) {
      problems.push(`${s.seat}'s save ${s.hlc} logged as ${JSON.stringify({ field: fieldKey(e.coll, e.id, e.field), value: e.value, author: e.author, device: e.device })}`);
    }
  }
  // And the server logged nothing on these records that nobody saved.
  const savedStamps = new Set(saves.map((s) => c(s.hlc)));
  for (const e of targetLog) if (!savedStamps.has(e.hlc)) problems.push(`server logged ${fieldKey(e.coll, e.id, e.field)}=${JSON.stringify(e.value)} (${e.hlc}, ${e.author}) that nobody saved`);

  for (const t of targets) {
    const serverDoc = await world.store.getDoc(t.coll, t.id);
    for (const field of fields) {
      const key = fieldKey(t.coll, t.id, field);
      const server = headsOf(serverDoc, field);
      // No value appears that nobody saved.
      for (const h of server) {
        const s = saves.find((x) => c(x.hlc) === h.hlc);
        if (!s || !same(s.value, h.value) || s.user !== h.author) problems.push(`${key}: server shows ${JSON.stringify(h.value)} (${h.hlc}, ${h.author}) that nobody saved`);
      }
      // Kept exactly when nobody who was shown it overwrote it.
      const here = saves.filter((s) => s.coll === t.coll && s.id === t.id && s.field === field);
      for (const s of here) {
        const overwriter = here.find((o) => o !== s && o.shown.some((h) => c(h) === c(s.hlc)));
        const kept = server.some((h) => h.hlc === c(s.hlc));
        if (!overwriter && !kept) problems.push(`${key}: ${s.seat}'s acknowledged ${JSON.stringify(s.value)} (${s.hlc}) was lost, though no one who was shown it overwrote it`);
        if (overwriter && kept) problems.push(`${key}: ${s.seat}'s ${JSON.stringify(s.value)} (${s.hlc}) is still kept, though ${overwriter.seat} was shown it and overwrote it (${overwriter.hlc})`);
      }
      // Every phone holds and shows what the server does.
      for (const seat of world.seats) {
        const phoneDoc = (await seat.store.doc(t.coll, t.id))?.fields;
        const phone = headsOf(phoneDoc, field);
        if (!same(phone, server)) problems.push(`${key}: ${seat.key} holds ${JSON.stringify(phone)}, the server ${JSON.stringify(server)}`);
        const values = await seat.store.values(t.coll, t.id);
        if (!same(values[field], shownValue(server))) problems.push(`${key}: ${seat.key} shows ${JSON.stringify(values[field])}, the server's newest value is ${JSON.stringify(shownValue(server))}`);
      }
    }
  }

  for (const seat of world.seats) {
    const queued = await seat.store.outboxCount();
    if (queued) problems.push(`${seat.key}: ${queued} changes still queued after everyone synced`);
    const rejected = await seat.store.rejected();
    if (rejected.length) problems.push(`${seat.key}: refused ${JSON.stringify(rejected.map((r) => [r.field, r.value, r.code, r.message]))}`);
    const quarantined = await seat.store.quarantined();
    if (quarantined.length) problems.push(`${seat.key}: quarantined ${JSON.stringify(quarantined)}`);
    if (seat.renewals) problems.push(`${seat.key}: asked for a new device id ${seat.renewals} times`);
  }
  for (const d of world.net.serverErrors()) problems.push(`server answered ${d.status} to a ${d.how} request of ${d.seat}`);
  for (const e of world.serverErrors) problems.push(`server error: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
  return problems;
}
