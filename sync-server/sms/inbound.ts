// One received SMS → the status change its phone queued, through the same checks and merge as
// a push (applyPush with outOfOrder), or a refusal. Every outcome has a reply text for the sender.
//
// Replies are written without diacritics on purpose: a GSM-7 SMS holds 160 characters, one
// with Vietnamese letters (UCS-2) only 70, and the reply must stay one cheap message that any
// phone shows; Vietnamese readers are used to unaccented SMS from banks and carriers.
import { createHash } from 'node:crypto';
import { checkSms, parseSms, baseDigest, type ParsedSms } from '../../src/domain/sms.ts';
import { parseAdoptionId } from '../../src/domain/sync/ids.ts';
import { joinBase, type Base, type FieldState } from '../../src/domain/sync/merge.ts';
import type { Pushed } from '../../src/domain/sync/wire.ts';
import { ApiError } from '../http/errors.ts';
import type { StoreTx, SyncStore } from '../store/types.ts';
import type { ServerClock } from '../sync/future-clock.ts';
import { applyPush } from '../sync/push.ts';
import type { InboundSms } from './gateway.ts';
import { normalizePhone } from './phone.ts';

export type SmsCode =
  | 'sms/applied'
  | 'sms/already-received'
  | 'sms/malformed'
  | 'sms/unknown-number'
  | 'sms/unknown-device'
  | 'sms/bad-check'
  | 'sms/replayed'
  | 'sms/unknown-base'
  | 'sms/refused';

export interface SmsOutcome {
  code: SmsCode;
  /** The text to send back to the sender. */
  reply: string;
  /** The sender as normalised, when it was a phone number. */
  to: string | null;
  /** Seqs applied now (empty unless code is sms/applied). */
  applied: number[];
}

export interface SmsDeps {
  store: SyncStore;
  now: () => number;
  clock: ServerClock;
}

const PREFIX = 'DA06:';

/** The base the phone saw, among the stamps the server knows for the field: none, the current heads, or one stamp. */
async function resolveBase(state: FieldState | undefined, digest: string): Promise<Base | null | undefined> {
  if (digest === '-') return null;
  const heads = state?.heads.map((h) => h.hlc) ?? [];
  const candidates = [joinBase(heads), ...heads.map((h) => joinBase([h])), ...(state?.dead ?? []).map((h) => joinBase([h]))];
  for (const base of candidates) if (base && (await baseDigest(base)) === digest) return base;
  return undefined;
}

class Refused extends Error {
  constructor(
    readonly code: SmsCode,
    readonly reply: string,
  ) {
    super(reply);
  }
}

export async function receiveSms(deps: SmsDeps, inbound: InboundSms): Promise<SmsOutcome> {
  const to = normalizePhone(inbound.from);
  try {
    return { ...(await receive(deps, inbound.text, to)), to };
  } catch (e) {
    if (e instanceof Refused) return { code: e.code, reply: `${PREFIX} ${e.reply}`, to, applied: [] };
    throw e;
  }
}

async function receive(deps: SmsDeps, text: string, from: string | null): Promise<Omit<SmsOutcome, 'to'>> {
  const { store } = deps;
  const parsed = parseSms(text);
  if (!parsed.ok) throw new Refused('sms/malformed', 'Tin khong dung mau cua ung dung So tay De an 06. Hay gui tu nut "Gui qua SMS" trong ung dung, khong sua noi dung tin.');
  const sms = parsed.sms;
  const userId = from ? await store.userIdByPhone(from) : null;
  if (!userId) throw new Refused('sms/unknown-number', 'So dien thoai nay chua dang ky trong ung dung. Vao Cai dat > So dien thoai nhan tin de dang ky khi co mang.');
  const binding = await store.getDeviceBinding(sms.device);
  const key = await store.getSmsKey(sms.device);
  if (!binding || binding.revokedAt !== null || !key || binding.userId !== userId || key.userId !== userId) {
    throw new Refused('sms/unknown-device', 'May gui tin khong thuoc so dien thoai nay hoac da bi thu hoi. Tin khong duoc ghi nhan.');
  }
  if (!(await checkSms(sms, key.secret))) throw new Refused('sms/bad-check', 'Ma kiem tra sai: tin bi go sai hoac bi gia mao. Tin khong duoc ghi nhan; hay gui lai tu ung dung.');
  const user = await store.getUserById(userId);
  if (!user || !user.active) throw new Refused('sms/unknown-number', 'Tai khoan cua so dien thoai nay da ngung hoat dong.');
  const unit = parseAdoptionId(sms.adoptionId)?.unit;
  if (!unit) throw new Refused('sms/malformed', 'Ma mo hinh trong tin khong hop le.');

  const hash = createHash('sha256').update(text.trim()).digest('hex');
  return store.transaction(async (tx) => {
    const changes = await toChanges(tx, sms, unit, userId);
    let result;
    try {
      result = await applyPush(tx, { user, deviceId: sms.device, changes, now: deps.now(), clock: deps.clock, outOfOrder: true });
    } catch (e) {
      // A seq this device already used for another change: the SMS is not the queued change.
      if (e instanceof ApiError) throw new Refused('sms/refused', 'Tin khong khop voi du lieu da nhan tu may nay. Tin khong duoc ghi nhan.');
      throw e;
    }
    if (!(await tx.markSmsSeen(hash, deps.now()))) throw new Refused('sms/replayed', 'Tin nay da duoc nhan truoc do; khong ghi lai.');
    const duplicate = new Set(result.refused.filter(([, code]) => code === 'sync/duplicate').map(([seq]) => seq));
    const refused = result.refused.filter(([, code]) => code !== 'sync/duplicate');
    const retried = new Set(changes.filter((c) => c.seq <= result.ack).map((c) => c.seq));
    if (refused.length > 0) {
      // Rolled back with the transaction: a partly applied status would not be what the phone saved.
      throw new Refused('sms/refused', `Tin khong duoc ghi nhan: ${asciiReason(refused[0]![2])}`);
    }
    const applied = changes.map((c) => c.seq).filter((seq) => !duplicate.has(seq) && !retried.has(seq));
    if (applied.length === 0) return { code: 'sms/already-received' as const, reply: `${PREFIX} Thay doi nay da nhan truoc do (qua mang hoac SMS). Khong can gui lai.`, applied };
    return { code: 'sms/applied' as const, reply: `${PREFIX} Da ghi nhan tinh trang mo hinh ${sms.adoptionId}${summary(sms)}. May se dong bo binh thuong khi co mang.`, applied };
  });
}

async function toChanges(tx: StoreTx, sms: ParsedSms, unit: string, author: string): Promise<Pushed[]> {
  const out: Pushed[] = [];
  for (const c of sms.changes) {
    const base = await resolveBase(await tx.getField('status', sms.adoptionId, c.field), c.baseDigest);
    if (base === undefined) {
      throw new Refused('sms/unknown-base', 'May chu chua co ban ma may ban da thay luc sua (con thay doi cu chua gui). Hay gui tin cua lan luu truoc, hoac cho co mang.');
    }
    out.push({ seq: c.seq, coll: 'status', id: sms.adoptionId, field: c.field, value: c.value, hlc: c.hlc, base, unit, author });
  }
  return out;
}

const STATUS_ASCII: Record<string, string> = {
  notStarted: 'Chua thuc hien',
  inProgress: 'Dang thuc hien',
  partial: 'Trien khai mot phan',
  done: 'Da hoan thanh',
  ongoing: 'Thuc hien thuong xuyen',
  waitingGuidance: 'Cho huong dan',
};

function summary(sms: ParsedSms): string {
  const parts: string[] = [];
  for (const c of sms.changes) {
    if (c.field === 'status') parts.push(STATUS_ASCII[String(c.value)] ?? String(c.value));
    if (c.field === 'progress') parts.push(`${String(c.value).replace('.', ',')}%`);
  }
  return parts.length ? ` (${parts.join(', ')})` : '';
}

/** A refusal's Vietnamese reason without marks, cut to fit the reply. */
function asciiReason(reason: string): string {
  const plain = reason
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D');
  return plain.length > 100 ? `${plain.slice(0, 97)}...` : plain;
}
