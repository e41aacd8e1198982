// Applying a pushed batch, inside one store transaction. The order matters:
//   1. changes at or below the device's high-water mark are retries: each must be the very
//      change logged (or refused) under its seq, else the request is a stale copy (409
//      sync/stale-batch, nothing applied); the answer repeats what happened to them;
//   2. the first new seq must follow the mark and the rest be contiguous (409 sync/seq-gap);
//   3. each new change is checked on its own — authored by the session's user, stamped by
//      the pushing device, a valid value, hlc after base, a known unit agreeing with the id,
//      a record that stays valid, allowed for the role, not rewriting an add-only field. A
//      refusal is logged under its seq and reported in the answer (`x`); it does not fail
//      the batch. Accepted changes are re-stamped when their clock is far ahead, then logged
//      and merged (apply.ts);
//   4. the high-water mark moves past every settled change and roll-ups are marked stale.
import { loadTree } from '../org/load-tree.ts';
import { COLLECTIONS, type Collection } from '../../src/domain/sync/collections.ts';
import { decodeHlc, type Hlc } from '../../src/domain/sync/hlc.ts';
import { docValues, winner, type FieldValue } from '../../src/domain/sync/merge.ts';
import { recordProblems, type RecordProblem } from '../../src/domain/sync/record-rules.ts';
import { docKey, type Pushed, type RefusedChange } from '../../src/domain/sync/wire.ts';
import type { User } from '../../src/domain/people.ts';
import { ApiError } from '../http/errors.ts';
import { ROLLUP_COLLECTIONS } from '../rollups/update.ts';
import type { StoreTx } from '../store/types.ts';
import { applyChange } from './apply.ts';
import { authorizeWrite, type AdoptionInfo } from './authorize.ts';
import { COLLECTION_LABEL, campaignFieldRefusal, campaignUnitsRefusal, campaignWriteRefusal, needsCampaign, type CampaignScope } from '../../src/domain/access.ts';
import { ANSWER_FIELD_PREFIX, CAMPAIGN_FIELDS, campaignOf, campaignRecordProblems, campaignScopeOf, outlinesOf } from '../../src/domain/campaign.ts';
import { ChecklistTemplate } from '../../src/domain/checklist.ts';
import inspectionCommune from '../../seeds/checklists/inspection-commune.json';
import inspectionDistrict from '../../seeds/checklists/inspection-district.json';
import { checkChange } from './check-change.ts';
import { storedStamp, type ServerClock } from './future-clock.ts';
import { parseAdoptionId, parseCampaignId, parseCampaignUnitId, parseTaskProgressId } from '../../src/domain/sync/ids.ts';
import { taskScopeLookup } from '../plans/task-scope.ts';
import { vnDateOf } from '../../src/domain/working-days.ts';

export interface PushInput {
  user: Pick<User, 'id' | 'role' | 'unitId'> & Partial<Pick<User, 'username'>>;
  deviceId: string;
  changes: readonly Pushed[];
  now: number;
  clock: ServerClock;
  /**
   * Changes that arrived ahead of their turn by another road (an SMS: sync-server/sms/): applied
   * under their own seqs and stamps, but the device's high-water mark does not move and nothing
   * is logged as refused — the phone's normal push of the same seqs later settles them (the log
   * holds one row per stamp) and is the one that hears of any refusal.
   */
  outOfOrder?: boolean;
}

export interface PushResult {
  /** The device's high-water mark after this push: every seq up to it is applied or refused, on disk. */
  ack: number;
  /** [device seq, server stamp] for every change of the batch the server re-stamped. */
  restamped: [number, Hlc][];
  /** Changes of the batch refused for good (including retried ones refused before). */
  refused: RefusedChange[];
}

/** A per-change refusal: the change is not applied, its seq is used up. */
class Refusal {
  constructor(
    readonly code: string,
    readonly message: string,
  ) {}
}

const ROLLUP_SET = new Set(ROLLUP_COLLECTIONS);
/** The collections with cross-field rules (record-rules.ts; the campaign's: campaign.ts campaignRecordProblems). */
const RECORD_RULE_COLLECTIONS = new Set<Collection>(['status', 'indicators', 'taskProgress', 'campaign', 'inspection']);

/** The outline templates a campaign may name: the seeded inspection checklists (src/seed/bundle.ts loads the same files). */
let outlineTemplates: ReadonlyMap<string, ChecklistTemplate> | null = null;
const outlineTemplate = (templateId: string): ChecklistTemplate | null => {
  outlineTemplates ??= new Map([inspectionCommune, inspectionDistrict].map((t) => ChecklistTemplate.parse(t)).map((t) => [t.id, t] as const));
  return outlineTemplates.get(templateId) ?? null;
};
const templateSections = (templateId: string): readonly string[] | null => outlineTemplate(templateId)?.sections.map((s) => s.id) ?? null;
/** Whether an answer field names a question of one of the campaign's outlines (unknown template: not judged here). */
const answersOutlineItem = (outlines: readonly { templateId: string }[], field: string): boolean => {
  const templates = outlines.map((o) => outlineTemplate(o.templateId));
  if (templates.some((t) => t === null)) return true;
  const item = field.slice(ANSWER_FIELD_PREFIX.length);
  return templates.some((t) => t!.sections.some((s) => s.items.some((i) => i.id === item)));
};
/** The record rules of a collection, with the field path in each message for a campaign (its values are nested); `today` by the server's clock. */
const problemsOf = (coll: Collection, id: string, values: Record<string, FieldValue>, today: string): RecordProblem[] =>
  coll === 'campaign' ? campaignRecordProblems(id, values, templateSections).map((p) => ({ field: p.field, message: `${p.field}: ${p.message}` })) : recordProblems(coll, values, { today });
const json = (v: FieldValue) => JSON.stringify(v);
const stampDevice = (hlc: Hlc): string | null => {
  try {
    return decodeHlc(hlc).device;
  } catch {
    return null;
  }
};

export async function applyPush(tx: StoreTx, input: PushInput): Promise<PushResult> {
  const { user, deviceId, changes, now } = input;
  const highWater = (await tx.getDevice(deviceId))?.highWater ?? 0;
  const indexed = changes.map((change, index) => ({ change, index }));
  const fresh = indexed.filter(({ change }) => change.seq > highWater);
  const retried = indexed.filter(({ change }) => change.seq <= highWater);

  let expected = highWater + 1;
  for (const { change, index } of input.outOfOrder ? [] : fresh) {
    if (change.seq !== expected) {
      throw new ApiError(409, 'sync/seq-gap', `Thiếu thay đổi số ${expected} của thiết bị; hãy gửi lại từ số ${highWater + 1}`, {
        fields: { expected: highWater + 1 },
        issues: [{ path: `c.${index}.0`, message: `Cần số ${expected}, nhận được ${change.seq}` }],
      });
    }
    expected++;
  }

  const restamped: [number, Hlc][] = [];
  const refused: RefusedChange[] = [];
  if (retried.length > 0) {
    // A retry may have lost the first answer: report what happened to each retried change again.
    // A retried seq must be the very change we settled under it. A different one — or one we
    // have no record of — is a stale copy of an old request or a phone whose numbering no
    // longer matches ours (restored, cloned): applying any of it could make a later real
    // change look like a retry, so the request is refused whole and the phone takes a new id.
    const seqs = retried.map(({ change }) => change.seq);
    const [from, to] = [Math.min(...seqs), Math.max(...seqs)];
    const logged = new Map((await tx.deviceChanges(deviceId, from, to)).flatMap((e) => (e.deviceSeq === null ? [] : [[e.deviceSeq, e] as const])));
    const refusals = new Map((await tx.deviceRefusals(deviceId, from, to)).map((r) => [r.deviceSeq, r] as const));
    for (const { change, index } of retried) {
      const entry = logged.get(change.seq);
      const refusal = refusals.get(change.seq);
      const known = entry ? (entry.origHlc ?? entry.hlc) : refusal?.hlc;
      // The stamp alone is not enough: a cloned phone continues from the same clock, so its
      // first stamps can equal the original's while carrying other changes.
      const same = entry
        ? known === change.hlc && entry.coll === change.coll && entry.id === change.id && entry.field === change.field && json(entry.value) === json(change.value)
        : known === change.hlc;
      if (!same) {
        throw new ApiError(409, 'sync/stale-batch', 'Yêu cầu đồng bộ không khớp với những gì máy chủ đã nhận từ thiết bị này; thiết bị sẽ nhận mã mới và gửi lại', {
          issues: [{ path: `c.${index}.5`, message: known ? `Số ${change.seq} đã nhận với một thay đổi khác` : `Máy chủ không có thay đổi số ${change.seq} của thiết bị này` }],
        });
      }
      if (entry?.origHlc) restamped.push([change.seq, entry.hlc]);
      if (refusal && refusal.code !== 'sync/duplicate') refused.push([change.seq, refusal.code, refusal.message]);
    }
  }
  if (fresh.length === 0) return { ack: highWater, restamped, refused };

  const tree = await loadTree(tx);
  const adoption = async (adoptionId: string): Promise<AdoptionInfo | null> => {
    const doc = await tx.getDoc('adoption', adoptionId);
    const unit = parseAdoptionId(adoptionId)?.unit;
    if (!doc || !unit) return null;
    const villages = winner(doc['villageIds'])?.value;
    return { unit, villageIds: Array.isArray(villages) ? villages.filter((v): v is string => typeof v === 'string') : [] };
  };

  // Each campaign is read once per push: a department's response comes as a batch of answers.
  const campaigns = new Map<string, Promise<CampaignScope | null>>();
  // A campaign created or edited earlier in this very batch (an officer offline creates it, then
  // types a department's paper response): its accepted fields count for the records under it.
  const batchCampaigns = new Map<string, Record<string, FieldValue>>();
  const campaign = (campaignId: string): Promise<CampaignScope | null> => {
    let scope = campaigns.get(campaignId);
    if (!scope) {
      scope = (async () => {
        const doc = await tx.getDoc('campaign', campaignId);
        const unit = parseCampaignId(campaignId)?.unit;
        const values = { ...(doc ? docValues(doc) : {}), ...batchCampaigns.get(campaignId) };
        const c = unit && Object.keys(values).length > 0 ? campaignOf(campaignId, unit, values) : null;
        return c && campaignScopeOf(c, templateSections);
      })();
      campaigns.set(campaignId, scope);
    }
    return scope;
  };

  // The campaign record's own write rule needs who the stored campaign lists, even while it is
  // still being created field by field (no title yet): its teams and outlines as far as they parse.
  const storedCampaign = async (campaignId: string): Promise<CampaignScope | null> => {
    const doc = await tx.getDoc('campaign', campaignId);
    const unit = parseCampaignId(campaignId)?.unit;
    if (!doc || !unit) return null;
    const values = docValues(doc);
    const teams = CAMPAIGN_FIELDS.teams.safeParse(values.teams);
    return campaignScopeOf({ unitId: unit, teams: teams.success ? teams.data : [], outlines: outlinesOf(values.outlines) }, templateSections);
  };

  // The plans are read only when the batch carries task progress.
  const task = taskScopeLookup(tx, tree);

  /** Checks one change on its own; throws Refusal when it may not be applied. */
  const check = async (change: Pushed, index: number) => {
    if (change.author !== user.id) throw new Refusal('sync/author-mismatch', 'Thay đổi không phải của người đang đăng nhập; chỉ người viết mới gửi được');
    if (stampDevice(change.hlc) !== deviceId) throw new Refusal('sync/foreign-stamp', 'Dấu thời gian của thay đổi phải mang mã của chính thiết bị gửi');
    let checked;
    try {
      checked = checkChange(change, index, tree);
    } catch (e) {
      if (e instanceof ApiError) throw new Refusal(e.code, e.message);
      throw e;
    }
    const campaignRef = needsCampaign(change.coll) ? parseCampaignUnitId(change.id) : null;
    const campaignId = campaignRef?.campaign ?? null;
    const part = campaignRef?.part ?? null;
    const taskId = parseTaskProgressId(change.id)?.taskId ?? null;
    if (change.coll === 'campaign' || needsCampaign(change.coll)) {
      // Campaign records: the domain's rule with its code (a person's place in the campaign: campaign/not-member).
      const stored = change.coll === 'campaign' ? await storedCampaign(change.id) : campaignId ? await campaign(campaignId) : null;
      const refused = campaignWriteRefusal(user, { coll: change.coll, unit: change.unit, campaign: stored, part }, tree.byId);
      if (refused) throw new Refusal(refused.code, `${COLLECTION_LABEL[change.coll]}: ${refused.message}`);
      // Whom the teams inspect: units of the campaign's own area (access.ts campaignUnitsRefusal).
      if (change.coll === 'campaign' && change.field === 'teams') {
        const teams = CAMPAIGN_FIELDS.teams.safeParse(checked.value);
        const outside = teams.success ? campaignUnitsRefusal(change.unit, teams.data, tree.byId) : [];
        if (outside.length > 0) throw new Refusal('campaign/unit-not-allowed', `${COLLECTION_LABEL.campaign}: ${outside.map((p) => `${p.field}: ${p.message}`).join('; ')}`);
      }
    } else {
      const refusal = await authorizeWrite(
        { user, tree, adoption, campaign, task },
        { coll: change.coll, unit: change.unit, adoptionId: checked.adoptionId, campaignId, part, taskId },
      );
      if (refusal) throw new Refusal('auth/forbidden-unit', `${COLLECTION_LABEL[change.coll]}: ${refusal}`);
    }
    // Which record of a campaign a field belongs on (a department's own sections, a team's report).
    const misplaced = campaignId ? campaignFieldRefusal(change.coll, part, change.field, await campaign(campaignId)) : null;
    if (misplaced) throw new Refusal('campaign/field-not-allowed', `${COLLECTION_LABEL[change.coll]}: ${misplaced}`);
    // An answer is to a question of the campaign's outlines, not a field of the sender's choosing.
    if (change.coll === 'campaignAnswer' && campaignId && change.field.startsWith(ANSWER_FIELD_PREFIX)) {
      const outlines = outlinesOf({ ...docValues((await tx.getDoc('campaign', campaignId)) ?? {}), ...batchCampaigns.get(campaignId) }.outlines);
      if (!answersOutlineItem(outlines, change.field)) {
        throw new Refusal('campaign/field-not-allowed', `${COLLECTION_LABEL[change.coll]}: đề cương của đợt kiểm tra không có câu ${change.field.slice(ANSWER_FIELD_PREFIX.length)}`);
      }
    }
    const state = await tx.getField(change.coll, change.id, change.field);
    if (COLLECTIONS[change.coll].addOnly && state && state.heads.length > 0 && json(state.heads[0]!.value) !== json(checked.value)) {
      throw new Refusal('sync/immutable', `${COLLECTION_LABEL[change.coll]} đã gửi thì không sửa được (trường ${change.field})`);
    }
    return { value: checked.value, state };
  };

  // 1. Each change on its own.
  type Ok = { change: Pushed; index: number; value: FieldValue; state: Awaited<ReturnType<typeof check>>['state'] };
  const verdict = new Map<number, Ok | Refusal>();
  const addOnlyInBatch = new Map<string, string>();
  // A device's clock only moves forward (src/db/store.ts ticks it for every field it writes), so
  // a later change of a field carries a later stamp. One that does not would lose the merge to the
  // earlier one while the record rules below, which read the batch in seq order, take it as the
  // field's value: a change could then vouch for a record the merge never leaves.
  const lastStamp = new Map<string, Hlc>();
  for (const { change, index } of fresh) {
    try {
      const fieldKey = `${change.coll}/${change.id}/${change.field}`;
      const previous = lastStamp.get(fieldKey);
      if (previous !== undefined && change.hlc <= previous) {
        throw new Refusal('sync/hlc-order', `${COLLECTION_LABEL[change.coll]}: thay đổi sau của trường ${change.field} mang dấu thời gian không sau thay đổi trước; thiết bị cần gửi lại theo đúng thứ tự`);
      }
      lastStamp.set(fieldKey, change.hlc);
      const ok = await check(change, index);
      // Two different values for one add-only field in the same batch: the second is a rewrite.
      if (COLLECTIONS[change.coll].addOnly) {
        const key = `${change.coll}/${change.id}/${change.field}`;
        const first = addOnlyInBatch.get(key);
        if (first !== undefined && first !== json(ok.value)) throw new Refusal('sync/immutable', `${COLLECTION_LABEL[change.coll]} đã gửi thì không sửa được (trường ${change.field})`);
        addOnlyInBatch.set(key, json(ok.value));
      }
      verdict.set(index, { change, index, ...ok });
      if (change.coll === 'campaign') {
        batchCampaigns.set(change.id, { ...batchCampaigns.get(change.id), [change.field]: ok.value });
        campaigns.delete(change.id);
      }
    } catch (e) {
      if (!(e instanceof Refusal)) throw e;
      verdict.set(index, e);
    }
  }

  // 2. The cross-field rules the forms apply (record-rules.ts), on the record as the batch
  // would leave it. A form saves related fields together (status "done" with progress 100), so
  // a change is refused only when it breaks a rule both as the record stands after it and with
  // the batch's LATER ACCEPTED changes to the record — a change refused for another reason
  // cannot vouch for it. Refusing one change can withdraw a voucher, hence the repeat until
  // nothing changes. Only problems the batch introduces count (a record already broken by two
  // concurrent edits does not block every later edit of it).
  const storedValues = new Map<string, Record<string, FieldValue>>();
  // Today in Vietnam by the server's clock: a visit or conclusion is not dated after it.
  const today = vnDateOf(now);
  for (const v of verdict.values()) {
    if (v instanceof Refusal || !RECORD_RULE_COLLECTIONS.has(v.change.coll)) continue;
    const key = docKey(v.change.coll, v.change.id);
    if (!storedValues.has(key)) storedValues.set(key, docValues((await tx.getDoc(v.change.coll, v.change.id)) ?? {}));
  }
  for (let changed = true; changed; ) {
    changed = false;
    const accepted = [...verdict.values()].filter((v): v is Ok => !(v instanceof Refusal));
    for (const v of accepted) {
      const key = docKey(v.change.coll, v.change.id);
      const stored = storedValues.get(key);
      if (!stored) continue;
      const same = accepted.filter((o) => o.change.coll === v.change.coll && o.change.id === v.change.id);
      const before = { ...stored };
      for (const o of same) if (o.index < v.index) before[o.change.field] = o.value;
      const after = { ...before, [v.change.field]: v.value };
      const ahead = { ...after };
      for (const o of same) if (o.index > v.index) ahead[o.change.field] = o.value;
      const name = (p: RecordProblem) => `${p.field}|${p.message}`;
      const known = new Set(problemsOf(v.change.coll, v.change.id, stored, today).map(name));
      const introduced = (values: Record<string, FieldValue>) => problemsOf(v.change.coll, v.change.id, values, today).filter((p) => !known.has(name(p)));
      const now = introduced(after);
      if (now.length > 0 && introduced(ahead).length > 0) {
        verdict.set(v.index, new Refusal('sync/invalid-record', now[0]!.message));
        changed = true;
        break;
      }
    }
  }

  // 3. Apply what is accepted, log what is refused; in seq order.
  const touched = new Set<string>();
  for (const { change, index } of fresh) {
    const { seq, coll, id, field, hlc, base, unit } = change;
    const ok = verdict.get(index)!;
    if (ok instanceof Refusal) {
      if (!input.outOfOrder) await tx.logRefusal({ device: deviceId, deviceSeq: seq, hlc, code: ok.code, message: ok.message, author: user.id, receivedAt: now });
      refused.push([seq, ok.code, ok.message]);
      continue;
    }
    const state = await tx.getField(coll, id, field);
    const stored = await storedStamp({ hlc, base }, state, input.clock, now, (orig) => tx.restampedAs(coll, id, field, orig));
    if (stored.hlc !== hlc) restamped.push([seq, stored.hlc]);
    const applied = await applyChange(tx, {
      coll, id, field, value: ok.value, hlc: stored.hlc, base: stored.base, unit,
      author: user.id, device: deviceId, deviceSeq: seq, origHlc: stored.hlc === hlc ? null : hlc, receivedAt: now,
    });
    // The same stamp already logged for the field (only this device can make its stamps, so it
    // is this change sent again under another seq): nothing to do, but the seq is settled.
    if (!applied) {
      // …unless the value differs (a cloned phone stamping in the same millisecond): then the
      // phone must hear that its value was not kept.
      const head = (await tx.getField(coll, id, field))?.heads.find((h) => h.hlc === stored.hlc);
      if (head && json(head.value) !== json(ok.value)) {
        const message = 'Dấu thời gian này đã được dùng cho một giá trị khác; thay đổi không được ghi nhận';
        if (!input.outOfOrder) await tx.logRefusal({ device: deviceId, deviceSeq: seq, hlc, code: 'sync/stamp-reused', message, author: user.id, receivedAt: now });
        refused.push([seq, 'sync/stamp-reused', message]);
        continue;
      }
      if (input.outOfOrder) {
        refused.push([seq, 'sync/duplicate', 'Đã nhận trước đó']);
        continue;
      }
      await tx.logRefusal({ device: deviceId, deviceSeq: seq, hlc, code: 'sync/duplicate', message: 'Đã nhận trước đó', author: user.id, receivedAt: now });
    }
    if (ROLLUP_SET.has(coll)) touched.add(unit);
  }

  const ack = input.outOfOrder ? highWater : highWater + fresh.length;
  if (!input.outOfOrder) await tx.putDevice({ deviceId, userId: user.id, highWater: ack });
  // Roll-ups are recomputed just after, outside this transaction (rollups/flush.ts): the mark is
  // committed with the changes, so a crash cannot lose it.
  await tx.markRollupsDirty([...new Set([...touched].map((u) => tree.communeOf(u)).filter((c): c is string => c !== null))]);
  return { ack, restamped, refused };
}
