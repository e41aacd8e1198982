// SMS lengths (src/domain/sms.ts): one status save per status code as the status form makes it
// (status, progress, as-of date, each against a value the phone had seen), and the worst case
// the format allows (longest ids, decimal progress). Every one must fit one 160-character
// GSM-7 SMS.
//   npx tsx bench/sms.ts
import { SMS_MAX_LENGTH, STATUS_CODE, encodeSms, type SmsChange } from '../src/domain/sms.ts';
import type { Status } from '../src/domain/status.ts';
import { encodeHlc } from '../src/domain/sync/hlc.ts';
import { joinBase } from '../src/domain/sync/merge.ts';

const DEVICE = 'd7k2m9x4q1w8e5r0'; // a server-minted id: "d" + 15 base36 characters
const SECRET = 'x'.repeat(43);
const T = Date.UTC(2026, 11, 1, 2, 0);
const seen = (n: number) => joinBase([encodeHlc({ wall: T - 86_400_000 * n, counter: n, device: 'dotherphone00001' })]);

async function save(status: Status, progress: number, adoptionId = 'tv:mh-24', seq = 1234, device = DEVICE): Promise<string> {
  const hlc = (i: number) => encodeHlc({ wall: T, counter: i, device });
  const changes: SmsChange[] = [
    { seq, field: 'status', value: status, hlc: hlc(0), base: seen(1) },
    { seq: seq + 1, field: 'progress', value: progress, hlc: hlc(1), base: seen(2) },
    { seq: seq + 2, field: 'asOf', value: '2026-12-01', hlc: hlc(2), base: seen(3) },
  ];
  return encodeSms({ device, adoptionId, changes }, SECRET);
}

const rows: [string, number, string][] = [];
for (const status of Object.keys(STATUS_CODE) as Status[]) {
  const text = await save(status, status === 'done' ? 100 : 45);
  rows.push([`${status} (${STATUS_CODE[status]}), progress, as-of`, text.length, text]);
}
const progressOnly = await encodeSms(
  { device: DEVICE, adoptionId: 'tv:mh-24', changes: [{ seq: 1234, field: 'progress', value: 45, hlc: encodeHlc({ wall: T, counter: 0, device: DEVICE }), base: seen(1) }] },
  SECRET,
);
rows.push(['progress only', progressOnly.length, progressOnly]);
// The longest real ids: a server-minted device id, the longest commune id of the seeds with a
// two-digit model, a phone's 10-millionth change.
const worst = await save('waitingGuidance', 99.99, 'qx-quang-truong:mh-42', 9_999_997);
rows.push(['long case: "qx-quang-truong:mh-42", seq 9,999,997, progress 99.99', worst.length, worst]);

console.log(`| save | characters (of ${SMS_MAX_LENGTH}) |\n|---|---:|`);
for (const [name, len] of rows) console.log(`| ${name} | ${len} |`);
console.log('\nExample:', rows[1]![2]);
if (rows.some(([, len]) => len > SMS_MAX_LENGTH)) process.exit(1);
