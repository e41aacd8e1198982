// The SMS format (src/domain/sms.ts): what the phone writes the server reads back exactly, it
// fits one 160-character GSM-7 message, and no single wrong character passes the check.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { SMS_MAX_LENGTH, STATUS_CODE, baseDigest, checkSms, encodeSms, parseSms, type SmsChange, type SmsMessage } from '../../src/domain/sms.ts';
import { Status } from '../../src/domain/status.ts';
import { encodeHlc, type Hlc } from '../../src/domain/sync/hlc.ts';
import { joinBase } from '../../src/domain/sync/merge.ts';
import { smsDrafts } from '../../src/sms/compose.ts';
import type { OutboxRow } from '../../src/db/schema.ts';

// GSM 03.38 basic character set (no escape needed): one septet each.
const GSM7_BASIC = new Set(
  '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà',
);

const device = fc.stringMatching(/^d[0-9a-z]{15}$/);
const stampOf = (wall: number, counter: number, dev: string) => encodeHlc({ wall, counter, device: dev });
const wall = fc.integer({ min: 1_700_000_000_000, max: 2_000_000_000_000 });
const otherStamp = fc.tuple(wall, fc.integer({ min: 0, max: 46655 }), device).map(([w, c, d]) => stampOf(w, c, d));
const base = fc.option(fc.array(otherStamp, { minLength: 1, maxLength: 3 }).map((s) => joinBase(s)), { nil: null });
const date = fc.date({ min: new Date('2000-01-01'), max: new Date('2099-12-31'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));
const progress = fc.oneof(fc.integer({ min: 0, max: 100 }), fc.integer({ min: 0, max: 10000 }).map((n) => n / 100));

/** A status save as the status form makes it: some of status, progress and as-of, seqs in a row, one device. */
const message = fc
  .record({
    device,
    unit: fc.stringMatching(/^[a-z][a-z0-9-]{1,12}$/),
    model: fc.stringMatching(/^mh-[0-9]{1,3}$/),
    firstSeq: fc.integer({ min: 1, max: 9_999_999 }),
    wall,
    counter: fc.integer({ min: 0, max: 40000 }),
    status: fc.option(fc.constantFrom(...Status.options), { nil: undefined }),
    progress: fc.option(progress, { nil: undefined }),
    asOf: fc.option(date, { nil: undefined }),
    bases: fc.tuple(base, base, base),
  })
  .filter((r) => r.status !== undefined || r.progress !== undefined || r.asOf !== undefined)
  .map((r): SmsMessage => {
    const changes: SmsChange[] = [];
    const fields = [
      ['status', r.status],
      ['progress', r.progress],
      ['asOf', r.asOf],
    ] as const;
    for (const [i, [field, value]] of fields.entries()) {
      if (value === undefined) continue;
      const n = changes.length;
      changes.push({ seq: r.firstSeq + n, field, value, hlc: stampOf(r.wall, r.counter + n, r.device), base: r.bases[i]! });
    }
    return { device: r.device, adoptionId: `${r.unit}:${r.model}`, changes };
  });
const secret = fc.base64String({ minLength: 44, maxLength: 44 });

describe('the SMS of a status save', () => {
  it('reads back as the very changes the phone queued, and the check code holds', async () => {
    await fc.assert(
      fc.asyncProperty(message, secret, async (msg, key) => {
        const text = await encodeSms(msg, key);
        const parsed = parseSms(text);
        if (!parsed.ok) throw new Error(parsed.reason);
        expect(parsed.sms.device).toBe(msg.device);
        expect(parsed.sms.adoptionId).toBe(msg.adoptionId);
        const expected = await Promise.all(msg.changes.map(async ({ base: b, ...c }) => ({ ...c, baseDigest: await baseDigest(b) })));
        expect(parsed.sms.changes).toEqual(expected);
        expect(await checkSms(parsed.sms, key)).toBe(true);
      }),
      { numRuns: 200 },
    );
  }, 60_000);

  it('fits one SMS of GSM-7 basic characters, even with all three fields', async () => {
    await fc.assert(
      fc.asyncProperty(message, secret, async (msg, key) => {
        const text = await encodeSms(msg, key);
        expect(text.length).toBeLessThanOrEqual(SMS_MAX_LENGTH);
        expect([...text].every((ch) => GSM7_BASIC.has(ch))).toBe(true);
      }),
      { numRuns: 200 },
    );
  }, 60_000);

  it('a single wrong character anywhere (a typo, a forgery) is refused: it does not parse or fails the check', async () => {
    const alphabet = '0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ:.-_ ';
    await fc.assert(
      fc.asyncProperty(message, secret, fc.nat(), fc.constantFrom(...alphabet), async (msg, key, where, ch) => {
        const text = await encodeSms(msg, key);
        const i = where % text.length;
        fc.pre(text[i] !== ch);
        const typo = text.slice(0, i) + ch + text.slice(i + 1);
        const parsed = parseSms(typo);
        // A space turned into another space-like split could still parse: then the check must catch it.
        if (parsed.ok) expect(await checkSms(parsed.sms, key)).toBe(false);
      }),
      { numRuns: 200 },
    );
  }, 60_000);

  it('another phone’s secret does not pass', async () => {
    await fc.assert(
      fc.asyncProperty(message, secret, secret, async (msg, key, other) => {
        fc.pre(key !== other);
        const parsed = parseSms(await encodeSms(msg, key));
        expect(parsed.ok && (await checkSms(parsed.sms, other))).toBe(false);
      }),
      { numRuns: 100 },
    );
  }, 60_000);

  it('says what is wrong with a malformed message', () => {
    expect(parseSms('hello')).toMatchObject({ ok: false });
    expect(parseSms('DA06 d123456789abcdef tv:mh-24 X1:0000000000a0:H:- abcdef')).toMatchObject({ ok: false });
    expect(parseSms('DA06 d123456789abcdef tv:mh-24 S1:0000000000a0:Q:- abcdef')).toMatchObject({ ok: false, reason: expect.stringContaining('Q') });
  });

  it('uses one distinct letter per status (a table a person can read back)', () => {
    const codes = Object.values(STATUS_CODE);
    expect(new Set(codes).size).toBe(Status.options.length);
    expect(Object.keys(STATUS_CODE).sort()).toEqual([...Status.options].sort());
  });

  it('refuses to encode a change stamped by another phone', async () => {
    const msg: SmsMessage = {
      device: 'd111111111111111',
      adoptionId: 'tv:mh-24',
      changes: [{ seq: 1, field: 'progress', value: 40, hlc: encodeHlc({ wall: 1_800_000_000_000, counter: 0, device: 'd222222222222222' }) as Hlc, base: null }],
    };
    await expect(encodeSms(msg, 'k')).rejects.toThrow();
  });
});

describe('the SMS drafts of a queue (src/sms/compose.ts)', () => {
  const device = 'd123456789abcdef';
  const row = (seq: number, field: string, value: OutboxRow['value'], wall: number, counter: number, id = 'tv:mh-24'): OutboxRow => ({
    seq, coll: 'status', id, field, value, hlc: encodeHlc({ wall, counter, device }), base: null, unit: 'tv', author: 'u1',
  });
  const T = 1_800_000_000_000;

  it('one save is one message even when its stamps cross a millisecond; two saves are two, oldest first; notes stay for the data network', async () => {
    const outbox = [
      // First save: status, progress, note, as-of — the clock passed a millisecond after the status.
      row(1, 'status', 'inProgress', T, 0), row(2, 'progress', 45, T + 1, 0), row(3, 'note', 'Đã họp thôn', T + 1, 1), row(4, 'asOf', '2026-12-02', T + 1, 2),
      // Another model, and another person's device: not in this model's messages.
      row(5, 'progress', 10, T + 2, 0, 'tv:mh-01'),
      // Second save, ten seconds later.
      row(6, 'progress', 60, T + 10_000, 0),
    ];
    const drafts = await smsDrafts(outbox, 'tv:mh-24', device, 'secret');
    expect(drafts.map((d) => d.seqs)).toEqual([[1, 2, 4], [6]]);
    for (const d of drafts) expect(d.text.length).toBeLessThanOrEqual(160);
  });
});
