// Hand-off bundles: a phone with no data signal packs its queued changes into one signed
// text, which another phone carries to the server (as a file, or a run of QR codes). Shared by
// the phones (pack, check, show) and the server (check against the registered key, apply).
//
//   DA06B1.<device id>.<public key>.<deflate-raw(JSON manifest), base64url>.<signature>
//
// The signature (ECDSA P-256 / SHA-256, base64url) covers the exact characters before the last
// dot, i.e. the device, its key and the compressed bytes as they travel, and it is checked
// before anything is decompressed: a character changed anywhere — in the compressed data, in a
// deflate block's padding bits, in the spare bits of a base64url character, in the signature —
// is refused as a changed bundle (the base64url reader is strict: a text that does not re-encode
// to itself is refused). The device and its public key stand in clear so the signature can be
// checked first: by the receiving phone with the key the bundle carries (offline: nothing was
// changed on the way), by the server with the key the device registered at sign-in (only the
// server can tell a forger who signed with another key). The manifest names the author, the
// device's seqs (in each change) and the sha-256 of every change.
//
// Only platform globals (WebCrypto, CompressionStream: browsers and Node ≥ 20), no imports
// beyond zod/mini and the domain.
import * as z from 'zod/mini';
import { DEVICE_ID, decodeHlc } from './hlc.ts';
import { PushedChange, pushedFromTuple, type Pushed } from './wire.ts';

export const BUNDLE_PREFIX = 'DA06B1.';
export const QR_PREFIX = 'DA06Q';
/** One bundle carries at most what one sync request may (wire.ts): the oldest changes first. */
export const MAX_BUNDLE_CHANGES = 500;
/** A bundle of 500 large changes stays far below this; anything longer is not ours. */
export const MAX_BUNDLE_CHARS = 1_000_000;
/**
 * Characters of bundle text per QR code: with the header, a version 15–17 code at error
 * correction M (about 75 modules across), which a cheap phone's camera reads off another
 * phone's screen at arm's length (bench/handoff.ts counts the codes).
 */
export const QR_CHUNK_CHARS = 400;

const ECDSA = { name: 'ECDSA', namedCurve: 'P-256' } as const;
const SIGN = { name: 'ECDSA', hash: 'SHA-256' } as const;

/** Why a bundle is refused, with a Vietnamese message for the person holding it. */
export class BundleError extends Error {
  override name = 'BundleError';
  constructor(
    readonly code: 'handoff/malformed' | 'handoff/bad-signature' | 'handoff/too-large',
    message: string,
  ) {
    super(message);
  }
}

const malformed = (why: string) => new BundleError('handoff/malformed', `Gói dữ liệu không đọc được (${why}); hãy nhận lại gói từ máy gửi`);
const badSignature = () =>
  new BundleError('handoff/bad-signature', 'Gói dữ liệu đã bị thay đổi sau khi máy gửi ký (chữ ký không khớp); không dùng được gói này, hãy nhận lại gói từ máy gửi');

// base64url, strict: no padding, and only texts that re-encode to themselves (so no two texts
// stand for the same bytes).
const B64URL = /^[A-Za-z0-9_-]*$/;
export function toBase64url(bytes: Uint8Array): string {
  let bin = '';
  for (let i = 0; i < bytes.length; i += 0x8000) bin += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(bin).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}
export function fromBase64url(text: string): Uint8Array {
  if (!B64URL.test(text) || text.length % 4 === 1) throw malformed('mã hoá base64url sai');
  const bin = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
  const bytes = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
  if (toBase64url(bytes) !== text) throw malformed('mã hoá base64url sai');
  return bytes;
}

async function pipe(bytes: Uint8Array, stream: CompressionStream | DecompressionStream): Promise<Uint8Array> {
  const out = new Blob([bytes as BlobPart]).stream().pipeThrough(stream);
  return new Uint8Array(await new Response(out).arrayBuffer());
}
const utf8 = (s: string) => new TextEncoder().encode(s);

/** sha-256 of a change as it travels (its wire tuple's JSON), base64url: the manifest names each change by it. */
export async function changeHash(change: PushedChange): Promise<string> {
  return toBase64url(new Uint8Array(await crypto.subtle.digest('SHA-256', utf8(JSON.stringify(change)))));
}

/** A public key as the server registers it and a bundle carries it: the raw P-256 point (65 bytes), base64url. */
export const PublicKeyText = z.string().check(z.length(87), z.regex(/^[A-Za-z0-9_-]+$/, 'Khoá công khai không hợp lệ'));

export async function exportPublicKey(key: CryptoKey): Promise<string> {
  return toBase64url(new Uint8Array(await crypto.subtle.exportKey('raw', key)));
}

/** Imports a raw P-256 public key; null when the text is not a point on the curve. */
export async function importPublicKey(text: string): Promise<CryptoKey | null> {
  try {
    const raw = fromBase64url(text);
    if (raw.length !== 65 || raw[0] !== 4) return null;
    return await crypto.subtle.importKey('raw', raw as BufferSource, ECDSA, true, ['verify']);
  } catch {
    return null;
  }
}

/** A device key pair whose private half never leaves WebCrypto (not extractable). */
export function generateDeviceKey(): Promise<CryptoKeyPair> {
  return crypto.subtle.generateKey(ECDSA, false, ['sign', 'verify']) as Promise<CryptoKeyPair>;
}

const Manifest = z.object({
  /** Format version of the manifest. */
  v: z.literal(1),
  /** The author's user id: every change is theirs. */
  a: z.string().check(z.minLength(1), z.maxLength(80)),
  /** The author's name as their phone shows it (for the receiving phone; the server goes by `a`). */
  n: z.string().check(z.maxLength(200)),
  /** The server epoch the author's phone last synced with, if any (a restored server cannot take the bundle). */
  e: z.nullable(z.string().check(z.regex(/^[0-9a-f]{16}$/))),
  /** When the bundle was packed (the author's phone clock, ms). */
  t: z.int().check(z.minimum(0)),
  /** The changes in wire form (wire.ts PushedChange), in seq order. */
  c: z.array(PushedChange).check(z.minLength(1), z.maxLength(MAX_BUNDLE_CHANGES)),
  /** sha-256 (base64url) of each change's wire JSON, in the same order. */
  h: z.array(z.string().check(z.length(43))),
});
export type BundleManifest = z.infer<typeof Manifest> & {
  /** The device that stamped and numbered the changes, and signed (from the bundle's header). */
  d: string;
  /** The device's public key, raw, base64url (from the header). */
  k: string;
};

export interface PackInput {
  author: string;
  authorName: string;
  device: string;
  epoch: string | null;
  createdAt: number;
  /** Queued changes of this device, in seq order, with contiguous seqs. */
  changes: readonly PushedChange[];
  key: CryptoKeyPair;
}

/** Packs and signs. The caller's changes must be the device's own queue (checked again when read). */
export async function packBundle(input: PackInput): Promise<string> {
  const key = await exportPublicKey(input.key.publicKey);
  const manifest: BundleManifest = {
    v: 1,
    a: input.author,
    n: input.authorName.slice(0, 200),
    d: input.device,
    k: key,
    e: input.epoch,
    t: input.createdAt,
    c: [...input.changes],
    h: await Promise.all(input.changes.map(changeHash)),
  };
  contentProblem(manifest, true);
  if (!DEVICE_ID.test(input.device)) throw new Error(`Không đóng gói được: mã thiết bị không hợp lệ ${input.device}`);
  const { d: _, k: __, ...carried } = manifest;
  const compressed = toBase64url(await pipe(utf8(JSON.stringify(carried)), new CompressionStream('deflate-raw')));
  const body = `${BUNDLE_PREFIX}${input.device}.${key}.${compressed}`;
  const signature = new Uint8Array(await crypto.subtle.sign(SIGN, input.key.privateKey, utf8(body)));
  return `${body}.${toBase64url(signature)}`;
}

/** A bundle whose signature matches the key it carries and whose contents hang together. */
export interface OpenedBundle {
  manifest: BundleManifest;
  changes: Pushed[];
  /** Short name of this bundle (from its signature): the QR codes of one bundle share it. */
  id: string;
  /** The seqs it carries, first and last. */
  seqs: [number, number];
}

/** Throws when the changes are not one device's contiguous queue of one author. */
function contentProblem(m: BundleManifest, packing = false): void {
  const fail = (why: string) => {
    if (packing) throw new Error(`Không đóng gói được: ${why}`);
    throw malformed(why);
  };
  if (m.h.length !== m.c.length) fail('số mã băm khác số thay đổi');
  m.c.forEach((c, i) => {
    if (c[8] !== m.a) fail(`thay đổi số ${c[0]} không phải của người gửi`);
    if (i > 0 && c[0] !== m.c[i - 1]![0] + 1) fail(`các số thứ tự không liền nhau ở số ${c[0]}`);
    let device: string | null = null;
    try {
      device = decodeHlc(c[5]).device;
    } catch {
      /* named below */
    }
    if (device !== m.d) fail(`thay đổi số ${c[0]} không do máy gửi ghi`);
  });
}

interface Parts {
  /** What the signature covers: every character before the last dot. */
  signed: string;
  device: string;
  key: string;
  compressed: string;
  signature: Uint8Array;
}

/** The parts of a bundle text, checked for shape only (nothing decompressed, no signature checked). */
function split(text: string): Parts {
  if (text.length > MAX_BUNDLE_CHARS) throw new BundleError('handoff/too-large', 'Gói dữ liệu quá lớn');
  const trimmed = text.trim();
  if (!trimmed.startsWith(BUNDLE_PREFIX)) throw malformed('không phải gói bàn giao của Sổ tay Đề án 06');
  const parts = trimmed.slice(BUNDLE_PREFIX.length).split('.');
  if (parts.length !== 4) throw malformed('thiếu phần hoặc thừa phần');
  const [device, key, compressed, sig] = parts as [string, string, string, string];
  if (!DEVICE_ID.test(device) || !PublicKeyText.safeParse(key).success || !compressed) throw badSignature();
  let signature: Uint8Array;
  try {
    signature = fromBase64url(sig);
  } catch {
    throw badSignature();
  }
  if (signature.length !== 64) throw badSignature();
  return { signed: trimmed.slice(0, trimmed.lastIndexOf('.')), device, key, compressed, signature };
}

/** The manifest of a bundle whose signature was checked. */
async function readManifest(parts: Parts): Promise<BundleManifest> {
  let json: unknown;
  try {
    const raw = await pipe(fromBase64url(parts.compressed), new DecompressionStream('deflate-raw'));
    if (raw.length > MAX_BUNDLE_CHARS * 8) throw new Error('too large');
    json = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(raw));
  } catch {
    // Signed, yet unreadable: not made by this app.
    throw malformed('dữ liệu nén hỏng');
  }
  const parsed = Manifest.safeParse(json);
  if (!parsed.success) throw malformed('nội dung sai định dạng');
  return { ...parsed.data, d: parts.device, k: parts.key };
}

/**
 * Reads a bundle and checks its signature with `publicKey` (raw, base64url) — the server passes
 * the key it registered for the device — or, when omitted, with the key the bundle carries (a
 * receiving phone, offline: it proves nothing was changed since signing, not who signed). Then
 * every change's hash and the contents (one author, one device, contiguous seqs). Throws
 * BundleError.
 */
export async function openBundle(text: string, publicKey?: string): Promise<OpenedBundle> {
  const parts = split(text);
  const key = await importPublicKey(publicKey ?? parts.key);
  if (!key) throw badSignature();
  const ok = await crypto.subtle.verify(SIGN, key, parts.signature as BufferSource, utf8(parts.signed) as BufferSource);
  if (!ok) throw badSignature();
  const manifest = await readManifest(parts);
  const signature = parts.signature;
  const hashes = await Promise.all(manifest.c.map(changeHash));
  if (hashes.some((h, i) => h !== manifest.h[i])) throw malformed('mã băm của một thay đổi không khớp');
  contentProblem(manifest);
  return {
    manifest,
    changes: manifest.c.map(pushedFromTuple),
    id: toBase64url(signature.subarray(0, 6)),
    seqs: [manifest.c[0]![0], manifest.c[manifest.c.length - 1]![0]],
  };
}

/** The device a bundle names, before anything is checked (the server looks up its key by it). */
export function bundleDevice(text: string): string {
  return split(text).device;
}

// QR codes: a bundle cut into pieces, each "DA06Q:<bundle id>:<i>/<n>:<piece>", so the receiver
// can collect them in any order, skip repeats and tell two bundles apart.

/** The texts of the QR codes for a bundle, in order ("1/n" … "n/n"). */
export function qrPieces(text: string, chunk = QR_CHUNK_CHARS): string[] {
  const dot = text.lastIndexOf('.');
  // The id is the signature's start, as openBundle names it; any stable short tag would do.
  const id = text.slice(dot + 1, dot + 9);
  const n = Math.max(1, Math.ceil(text.length / chunk));
  return Array.from({ length: n }, (_, i) => `${QR_PREFIX}:${id}:${i + 1}/${n}:${text.slice(i * chunk, (i + 1) * chunk)}`);
}

const PIECE = /^DA06Q:([A-Za-z0-9_-]{1,8}):(\d{1,4})\/(\d{1,4}):(.*)$/s;

export type QrProgress = { state: 'ignored' } | { state: 'collecting'; id: string; have: number; total: number; missing: number[] } | { state: 'complete'; text: string };

/** Collects scanned pieces (any order, repeats ignored) until one bundle is whole. */
export class QrCollector {
  private id: string | null = null;
  private total = 0;
  private pieces = new Map<number, string>();

  add(scanned: string): QrProgress {
    // A whole bundle in one code (or pasted) is complete at once.
    if (scanned.startsWith(BUNDLE_PREFIX)) return { state: 'complete', text: scanned };
    const m = PIECE.exec(scanned);
    if (!m) return { state: 'ignored' };
    const [, id, i, n, piece] = m as unknown as [string, string, string, string, string];
    const index = Number(i);
    const total = Number(n);
    if (total < 1 || index < 1 || index > total) return { state: 'ignored' };
    // Another bundle's code: start over with it (the person moved on to the next phone).
    if (id !== this.id || total !== this.total) {
      this.id = id;
      this.total = total;
      this.pieces = new Map();
    }
    this.pieces.set(index, piece);
    if (this.pieces.size === total) {
      return { state: 'complete', text: Array.from({ length: total }, (_, k) => this.pieces.get(k + 1)!).join('') };
    }
    const missing = Array.from({ length: total }, (_, k) => k + 1).filter((k) => !this.pieces.has(k));
    return { state: 'collecting', id, have: this.pieces.size, total, missing };
  }
}
