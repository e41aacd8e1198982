// A model's status and progress as one SMS, for a village with voice and SMS coverage but no
// data (issue 15, "SMS as a last resort"). The message carries the very changes the phone
// queued — its device, each change's seq and stamp, the value and a digest of what its author
// saw — so the server can apply them as if pushed, and the phone's normal sync of the same
// changes later is settled without a second write (the change log is unique per stamp).
//
//   DA06 <device> <adoption id> <field>… <check>
//   field  = <S|P|A><seq>:<stamp>:<value>:<base digest>
//            S status (one letter, STATUS_CODE), P progress (0–100, "." decimals), A asOf (YYMMDD)
//            stamp = the change's HLC without its device (12 base36 characters)
//            base digest = 3 characters of sha-256 of the change's base, "-" when it saw none
//   check  = 6 characters of HMAC-SHA-256 of everything before it, keyed by the phone's secret
//
// Only GSM-7 basic characters (Latin letters, digits, space, ":", ".", "-", "_"), no
// diacritics: 160 characters fit one SMS. Pure, except that hashing uses the global WebCrypto
// (browser and Node alike), hence async.
import type { Status } from './status.ts';
import { decodeHlc, encodeHlc, type Hlc } from './sync/hlc.ts';
import type { Base } from './sync/merge.ts';

export const SMS_PREFIX = 'DA06';
/** One SMS of GSM-7 characters. */
export const SMS_MAX_LENGTH = 160;

/** One letter per status; chosen from the Vietnamese words so an officer reading a raw message can tell. */
export const STATUS_CODE: Record<Status, string> = {
  notStarted: 'C', // Chưa thực hiện
  inProgress: 'D', // Đang thực hiện
  partial: 'M', // triển khai Một phần
  done: 'H', // đã Hoàn thành
  ongoing: 'T', // Thực hiện thường xuyên
  waitingGuidance: 'G', // chờ hướng dẫn
};
const STATUS_OF_CODE = new Map(Object.entries(STATUS_CODE).map(([s, c]) => [c, s as Status]));

export type SmsField = 'status' | 'progress' | 'asOf';
const FIELD_CODE: Record<SmsField, string> = { status: 'S', progress: 'P', asOf: 'A' };
const FIELD_OF_CODE = new Map(Object.entries(FIELD_CODE).map(([f, c]) => [c, f as SmsField]));
/** The status fields an SMS can carry; notes and photos wait for a data connection. */
export const SMS_FIELDS: readonly SmsField[] = ['status', 'progress', 'asOf'];

export interface SmsChange {
  seq: number;
  field: SmsField;
  value: Status | number | string;
  hlc: Hlc;
  base: Base | null;
}

export interface SmsMessage {
  device: string;
  adoptionId: string;
  changes: SmsChange[];
}

const ADOPTION = /^[A-Za-z0-9_-]{1,40}:[A-Za-z0-9._-]{1,40}$/;
const STAMP = /^[0-9a-z]{12}$/;
const BASE32 = 'abcdefghijklmnopqrstuvwxyz234567';

async function sha256(bytes: Uint8Array): Promise<Uint8Array> {
  return new Uint8Array(await globalThis.crypto.subtle.digest('SHA-256', bytes as BufferSource));
}
const utf8 = (s: string) => new TextEncoder().encode(s);
/** The first `n` base32 characters of some bytes (5 bits each). */
function base32(bytes: Uint8Array, n: number): string {
  let out = '';
  let bits = 0;
  let acc = 0;
  for (const b of bytes) {
    acc = (acc << 8) | b;
    bits += 8;
    while (bits >= 5 && out.length < n) {
      out += BASE32[(acc >>> (bits - 5)) & 31];
      bits -= 5;
    }
    if (out.length >= n) break;
  }
  return out;
}

/** What the base of a change is reduced to: the server finds the stamps among those it knows. */
export async function baseDigest(base: Base | null): Promise<string> {
  return base ? base32(await sha256(utf8(base)), 3) : '-';
}

async function hmac(secret: string, text: string): Promise<string> {
  const key = await globalThis.crypto.subtle.importKey('raw', utf8(secret) as BufferSource, { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
  return base32(new Uint8Array(await globalThis.crypto.subtle.sign('HMAC', key, utf8(text) as BufferSource)), 6);
}

const encodeValue = (field: SmsField, value: SmsChange['value']): string => {
  if (field === 'status') return STATUS_CODE[value as Status];
  if (field === 'progress') return String(value);
  return String(value).slice(2).replace(/-/g, ''); // 2026-12-01 → 261201
};

/** The SMS text for a queued save; throws when it cannot be one (foreign stamp, too long). */
export async function encodeSms(message: SmsMessage, secret: string): Promise<string> {
  if (!ADOPTION.test(message.adoptionId)) throw new Error(`Mã mô hình "${message.adoptionId}" không gửi được qua SMS`);
  const parts = [SMS_PREFIX, message.device, message.adoptionId];
  for (const c of message.changes) {
    const stamp = decodeHlc(c.hlc);
    if (stamp.device !== message.device) throw new Error('Thay đổi không do máy này ghi');
    const hlc = encodeHlc(stamp);
    parts.push(`${FIELD_CODE[c.field]}${c.seq}:${hlc.slice(0, 12)}:${encodeValue(c.field, c.value)}:${await baseDigest(c.base)}`);
  }
  const body = parts.join(' ');
  const text = `${body} ${await hmac(secret, body)}`;
  if (text.length > SMS_MAX_LENGTH) throw new Error(`Tin nhắn dài ${text.length} ký tự, quá một SMS (${SMS_MAX_LENGTH})`);
  return text;
}

/** A decoded message whose base digests are still to be matched against the stamps the server knows. */
export interface ParsedSms {
  device: string;
  adoptionId: string;
  changes: (Omit<SmsChange, 'base'> & { baseDigest: string })[];
  /** The text the check code covers, and the code. */
  body: string;
  check: string;
}

export type SmsParse = { ok: true; sms: ParsedSms } | { ok: false; reason: string };

/** Reads the text of an SMS (no secret needed yet: the device it names says whose secret checks it). */
export function parseSms(text: string): SmsParse {
  const tokens = text.trim().split(/\s+/);
  if (tokens[0]?.toUpperCase() !== SMS_PREFIX) return { ok: false, reason: `Tin nhắn không bắt đầu bằng ${SMS_PREFIX}` };
  if (tokens.length < 5) return { ok: false, reason: 'Tin nhắn thiếu phần' };
  const [, device, adoptionId] = tokens as [string, string, string];
  const check = tokens.at(-1)!;
  if (!/^[A-Za-z0-9_]{4,32}$/.test(device)) return { ok: false, reason: 'Mã máy không hợp lệ' };
  if (!ADOPTION.test(adoptionId)) return { ok: false, reason: 'Mã mô hình không hợp lệ' };
  if (!/^[a-z2-7]{6}$/.test(check)) return { ok: false, reason: 'Mã kiểm tra không hợp lệ' };
  const changes: ParsedSms['changes'] = [];
  for (const token of tokens.slice(3, -1)) {
    const m = /^([A-Z])(\d{1,9}):([0-9a-z]{12}):([^:]+):([a-z2-7]{3}|-)$/.exec(token);
    const field = m && FIELD_OF_CODE.get(m[1]!);
    if (!m || !field || !STAMP.test(m[3]!)) return { ok: false, reason: `Phần "${token}" không đọc được` };
    let value: SmsChange['value'];
    if (field === 'status') {
      const s = STATUS_OF_CODE.get(m[4]!);
      if (!s) return { ok: false, reason: `Mã tình trạng "${m[4]}" không có` };
      value = s;
    } else if (field === 'progress') {
      if (!/^\d{1,3}(\.\d{1,2})?$/.test(m[4]!)) return { ok: false, reason: `Tiến độ "${m[4]}" không hợp lệ` };
      value = Number(m[4]);
    } else {
      if (!/^\d{6}$/.test(m[4]!)) return { ok: false, reason: `Ngày "${m[4]}" không hợp lệ` };
      value = `20${m[4]!.slice(0, 2)}-${m[4]!.slice(2, 4)}-${m[4]!.slice(4, 6)}`;
    }
    if (changes.some((c) => c.field === field)) return { ok: false, reason: 'Một trường xuất hiện hai lần' };
    changes.push({ seq: Number(m[2]), field, value, hlc: `${m[3]}-${device}` as Hlc, baseDigest: m[5]! });
  }
  return { ok: true, sms: { device, adoptionId, changes, body: tokens.slice(0, -1).join(' '), check } };
}

/** Whether the check code was made with this secret: false for a forgery or a typo. */
export async function checkSms(sms: ParsedSms, secret: string): Promise<boolean> {
  const expected = await hmac(secret, sms.body);
  // Constant time is moot for 6 characters checked once per message and a replay log, but cheap.
  let diff = expected.length ^ sms.check.length;
  for (let i = 0; i < expected.length; i++) diff |= expected.charCodeAt(i) ^ sms.check.charCodeAt(i);
  return diff === 0;
}
