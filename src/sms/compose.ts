// Which queued changes of a model can go by SMS, one message per save: the status fields of
// the status record (notes and photos wait for data), grouped by the save that made them (one
// wall time per save), oldest first — the server needs the earlier one to read a later one's base.
import { SMS_FIELDS, encodeSms, type SmsChange, type SmsField } from '../domain/sms.ts';
import { decodeHlc } from '../domain/sync/hlc.ts';
import type { OutboxRow } from '../db/schema.ts';

export interface SmsDraft {
  seqs: number[];
  text: string;
}

const isSmsField = (f: string): f is SmsField => (SMS_FIELDS as readonly string[]).includes(f);

export async function smsDrafts(outbox: readonly OutboxRow[], adoptionId: string, device: string, secret: string): Promise<SmsDraft[]> {
  const rows = outbox.filter((r) => r.coll === 'status' && r.id === adoptionId && isSmsField(r.field) && decodeHlc(r.hlc).device === device).sort((a, b) => a.seq - b.seq);
  const saves = new Map<number, OutboxRow[]>();
  for (const r of rows) {
    const wall = decodeHlc(r.hlc).wall;
    saves.set(wall, [...(saves.get(wall) ?? []), r]);
  }
  const drafts: SmsDraft[] = [];
  for (const save of saves.values()) {
    // A field saved twice in one millisecond cannot be: keep the last should it happen.
    const byField = new Map(save.map((r) => [r.field, r]));
    const changes: SmsChange[] = [...byField.values()].map((r) => ({ seq: r.seq, field: r.field as SmsField, value: r.value as SmsChange['value'], hlc: r.hlc, base: r.base }));
    // Ids longer than any seeded today could overflow one SMS: the as-of date is dropped first
    // (it then follows with the normal sync); a save that still does not fit is not offered.
    for (const attempt of [changes, changes.filter((c) => c.field !== 'asOf')]) {
      if (attempt.length === 0) break;
      try {
        drafts.push({ seqs: attempt.map((c) => c.seq), text: await encodeSms({ device, adoptionId, changes: attempt }, secret) });
        break;
      } catch {
        /* too long: try with less */
      }
    }
  }
  return drafts;
}

/** The link that opens the phone's SMS app with the message ready (Android and iOS read `?body=`). */
export const smsLink = (to: string, text: string): string => `sms:${to}?body=${encodeURIComponent(text)}`;
