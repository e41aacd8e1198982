// The hand-off bundle format (src/domain/sync/bundle.ts): what a signed bundle carries, and
// that no change to its text — any character, anywhere — gets past verification.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { encodeHlc, type Hlc } from '../../src/domain/sync/hlc.ts';
import type { PushedChange } from '../../src/domain/sync/wire.ts';
import {
  BUNDLE_PREFIX, BundleError, QrCollector, changeHash, exportPublicKey, fromBase64url, generateDeviceKey, openBundle, packBundle, qrPieces, toBase64url,
} from '../../src/domain/sync/bundle.ts';

const DEVICE = 'dvillage0000001';
const AUTHOR = 'u-thieuvan-thon1';
const stamp = (i: number): Hlc => encodeHlc({ wall: 1_790_000_000_000 + i * 1000, counter: 0, device: DEVICE });
const note = (seq: number, text: string): PushedChange => [seq, 'status', 'tv:mh-24', 'note', text, stamp(seq), null, 'tv', AUTHOR];

const key = await generateDeviceKey();
const pack = (changes: PushedChange[], k: CryptoKeyPair = key) =>
  packBundle({ author: AUTHOR, authorName: 'Tổ công nghệ số cộng đồng Thôn 1', device: DEVICE, epoch: '0123456789abcdef', createdAt: 1_790_000_100_000, changes, key: k });

const refusal = async (p: Promise<unknown>): Promise<string> => {
  try {
    await p;
  } catch (e) {
    if (e instanceof BundleError) return e.code;
    throw e;
  }
  return 'accepted';
};

describe('hand-off bundle', () => {
  it('names author, device, seqs and each change by its sha-256, and round-trips the changes', async () => {
    const changes = [note(4, 'Đã hướng dẫn 12 hộ cài VNeID'), note(5, 'Thêm 3 hộ'), [6, 'status', 'tv:mh-24', 'progress', 70, stamp(6), null, 'tv', AUTHOR] as PushedChange];
    const text = await pack(changes);
    expect(text.startsWith(BUNDLE_PREFIX)).toBe(true);
    const opened = await openBundle(text, await exportPublicKey(key.publicKey));
    expect(opened.manifest).toMatchObject({ a: AUTHOR, d: DEVICE, n: 'Tổ công nghệ số cộng đồng Thôn 1', e: '0123456789abcdef' });
    expect(opened.seqs).toEqual([4, 6]);
    expect(opened.changes.map((c) => [c.seq, c.field, c.value, c.author])).toEqual([[4, 'note', 'Đã hướng dẫn 12 hộ cài VNeID'], [5, 'note', 'Thêm 3 hộ'], [6, 'progress', 70]].map((x) => [...x, AUTHOR]));
    // The hash is sha-256 of the change's wire JSON, computed here independently with node:crypto.
    const { createHash } = await import('node:crypto');
    const expected = createHash('sha256').update(JSON.stringify(changes[0])).digest('base64url');
    expect(opened.manifest.h[0]).toBe(expected);
    expect(await changeHash(changes[0]!)).toBe(expected);
  });

  it('refuses a bundle signed with another key than the one registered for the device', async () => {
    const other = await generateDeviceKey();
    const text = await pack([note(1, 'x')], other);
    // Self-consistent (it carries the forger's key) …
    await expect(openBundle(text)).resolves.toBeTruthy();
    // … but not by the device's registered key.
    expect(await refusal(openBundle(text, await exportPublicKey(key.publicKey)))).toBe('handoff/bad-signature');
  });

  it('refuses contents that are not one device\'s contiguous queue, even when signed', async () => {
    await expect(pack([note(1, 'a'), note(3, 'b')])).rejects.toThrow(/liền nhau/);
    await expect(pack([[1, 'status', 'tv:mh-24', 'note', 'a', stamp(1), null, 'tv', 'u-someone-else']])).rejects.toThrow(/không phải của người gửi/);
    const foreign = encodeHlc({ wall: 1, counter: 0, device: 'dother000000001' });
    await expect(pack([[1, 'status', 'tv:mh-24', 'note', 'a', foreign, null, 'tv', AUTHOR]])).rejects.toThrow(/không do máy gửi/);
  });

  it('property: changing any one character of a bundle gets it refused', async () => {
    const text = await pack([note(1, 'Đã hướng dẫn 12 hộ'), note(2, 'Thêm 3 hộ cài VNeID')]);
    const registered = await exportPublicKey(key.publicKey);
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.=+/ ';
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 0, max: text.length - 1 }), fc.constantFrom(...alphabet), async (at, ch) => {
        fc.pre(text[at] !== ch);
        const tampered = text.slice(0, at) + ch + text.slice(at + 1);
        const code = await refusal(openBundle(tampered, registered));
        expect(code === 'handoff/bad-signature' || code === 'handoff/malformed', `${at}: ${code}`).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('every single position, including the spare bits of the last base64url characters, is covered', async () => {
    const text = await pack([note(1, 'một')]);
    const registered = await exportPublicKey(key.publicKey);
    for (let at = 0; at < text.length; at++) {
      // The smallest change a copy can make: the next character of the same class.
      const c = text[at]!;
      const next = c === '.' ? '-' : c === 'z' ? 'a' : c === 'Z' ? 'A' : c === '9' ? '0' : c === '_' ? '-' : c === '-' ? '_' : String.fromCharCode(c.charCodeAt(0) + 1);
      const code = await refusal(openBundle(text.slice(0, at) + next + text.slice(at + 1), registered));
      // The signature is checked before anything is read: outside the prefix and the dots that
      // separate the parts, a change is told as a changed bundle, wherever it falls.
      expect(code, `position ${at}`).toBe(at < BUNDLE_PREFIX.length || c === '.' ? 'handoff/malformed' : 'handoff/bad-signature');
    }
    // Dropping or adding a character is refused too.
    expect(await refusal(openBundle(text.slice(0, -1), registered))).not.toBe('accepted');
    expect(await refusal(openBundle(text + 'A', registered))).not.toBe('accepted');
  });

  it('base64url is strict: one text per byte string', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 80 }), (bytes) => {
        const text = toBase64url(bytes);
        expect(Buffer.from(text, 'base64url').equals(Buffer.from(bytes))).toBe(true);
        expect(fromBase64url(text)).toEqual(bytes);
      }),
    );
    // "QR" and "QQ" decode to the same byte in a lenient reader ('A' = 0x41, spare bits differ).
    expect(fromBase64url('QQ')).toEqual(new Uint8Array([0x41]));
    expect(() => fromBase64url('QR')).toThrow(BundleError);
  });

  it('QR pieces are collected in any order, repeats and other bundles\' codes do not confuse it', async () => {
    const text = await pack(Array.from({ length: 30 }, (_, i) => note(i + 1, `Ghi chú số ${i + 1}: đã đến ${i * 7} hộ`)));
    const pieces = qrPieces(text, 200);
    expect(pieces.length).toBe(Math.ceil(text.length / 200));
    expect(pieces[0]).toMatch(new RegExp(`^DA06Q:[A-Za-z0-9_-]{8}:1/${pieces.length}:`));
    const other = qrPieces(await pack([note(1, 'khác')]), 100);
    fc.assert(
      fc.property(fc.shuffledSubarray(pieces, { minLength: pieces.length, maxLength: pieces.length }), fc.array(fc.nat({ max: pieces.length - 1 }), { maxLength: 5 }), (order, repeats) => {
        const collector = new QrCollector();
        // A stray code of another bundle first, then this one's codes in any order with repeats.
        collector.add(other[0]!);
        collector.add('https://example.org');
        const results = [...order, ...repeats.map((i) => pieces[i]!)].map((p) => collector.add(p));
        const done = results.find((r) => r.state === 'complete');
        expect(done).toEqual({ state: 'complete', text });
      }),
    );
  });
});
