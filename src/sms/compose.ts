// Which queued changes of a model can go by SMS, one message per save: the status fields of
// the status record (notes and photos wait for data), grouped by the save that made them,
// oldest first — the server needs the earlier one to read a later one's base.
import { SMS_FIELDS, encodeSms, type SmsChange, type SmsField } from '../domain/sms.ts';
import { decodeHlc } from '../domain/sync/hlc.ts';
import type { OutboxRow } from '../db/schema.ts';
import { groupSaves } from '../models/history-groups.ts';

export interface SmsDraft {
  seqs: number[];
  text: string;
}

const isSmsField = (f: string): f is SmsField => (SMS_FIELDS as readonly string[]).includes(f);

export async function smsDrafts(outbox: readonly OutboxRow[], adoptionId: string, device: string, secret: string): Promise<SmsDraft[]> {
  const rows = outbox.filter((r) => r.coll === 'status' && r.id === adoptionId && decodeHlc(r.hlc).device === device);
  // One "Lưu" = one group, however its stamps' wall times stepped (history-groups.ts); oldest first.
  const saves = groupSaves(rows)
    .reverse()
    .map((g) => g.rows.filter((r) => isSmsField(r.field)).sort((a, b) => a.seq - b.seq))
    .filter((g) => g.length > 0);
  const drafts: SmsDraft[] = [];
  for (const save of saves) {
    const changes: SmsChange[] = save.map((r) => ({ seq: r.seq, field: r.field as SmsField, value: r.value as SmsChange['value'], hlc: r.hlc, base: r.base }));
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
