// Hand-off bundles (src/domain/sync/bundle.ts): how many bytes and how many QR codes a village
// phone's queue takes, for 1, 20 and 200 changes and for a typical week of one village's work.
//   npx tsx bench/handoff.ts            (prints a table and the JSON)
// The changes are what the app writes (the field names and value shapes of collections.ts):
// a village team saving a model's status (progress and a note in Vietnamese, sometimes the
// difficulties), evidence photo records (the photo's bytes travel apart, never in a bundle) and
// its village's indicator counters, stamped by one device like a real queue. Each QR code holds
// QR_CHUNK_CHARS characters plus a short header at error correction M, drawn by lean-qr; its
// version (size) is reported too.
import { correction, generate } from 'lean-qr';
import { encodeHlc } from '../src/domain/sync/hlc.ts';
import { joinBase } from '../src/domain/sync/merge.ts';
import type { PushedChange } from '../src/domain/sync/wire.ts';
import { deflateRawSync } from 'node:zlib';
import { QR_CHUNK_CHARS, generateDeviceKey, openBundle, packBundle, qrPieces } from '../src/domain/sync/bundle.ts';

const DEVICE = 'd7k2m9x4q1w8e5r';
const AUTHOR = 'u-thieuvan-thon1';
const T0 = Date.UTC(2026, 10, 23, 1, 30);
const NOTES = [
  'Đã hướng dẫn 12 hộ cài đặt và kích hoạt tài khoản định danh điện tử mức 2 tại nhà văn hoá thôn',
  'Tổ công nghệ số đến từng hộ người cao tuổi, còn 5 hộ chưa có điện thoại thông minh',
  'Phối hợp công an xã thu thập, cập nhật thông tin cư trú cho 8 hộ mới chuyển đến',
  'Hướng dẫn bà con nộp hồ sơ dịch vụ công trực tuyến đăng ký khai sinh, 3 hồ sơ đã nộp',
];
const DIFFICULTIES = 'Sóng điện thoại yếu ở xóm Đồng, nhiều hộ chưa có điện thoại thông minh';

/** A queue of `n` changes as a village phone writes them over a week, in the order it saves. */
function villageQueue(n: number): PushedChange[] {
  const out: PushedChange[] = [];
  let wall = T0;
  let photo = 0;
  let save = 0;
  const last = new Map<string, string>();
  const push = (coll: PushedChange[1], id: string, field: string, value: unknown, unit: string) => {
    const hlc = encodeHlc({ wall: (wall += 7_000), counter: 0, device: DEVICE });
    const key = `${coll}/${id}/${field}`;
    const base = last.get(key);
    last.set(key, hlc);
    out.push([out.length + 1, coll, id, field, value, hlc, joinBase(base ? [base as never] : []), unit, AUTHOR]);
  };
  const models = ['tv:mh-24', 'tv:mh-01', 'tv:mh-05', 'tv:mh-11'];
  while (out.length < n) {
    const kind = save % 4;
    const model = models[save % models.length]!;
    if (kind === 3) {
      // An evidence photo record (its bytes are uploaded apart when online).
      const id = `${model}~m${(T0 + photo).toString(36)}`;
      push('photo', id, 'adoptionId', model, 'tv');
      push('photo', id, 'blob', 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855'.replace(/^.{4}/, (photo + 1000).toString(16)), 'tv');
      push('photo', id, 'type', 'image/jpeg', 'tv');
      push('photo', id, 'size', 120_000 + photo * 911, 'tv');
      push('photo', id, 'caption', 'Lớp hướng dẫn cài VNeID tại nhà văn hoá', 'tv');
      push('photo', id, 'takenAt', wall, 'tv');
      photo++;
    } else {
      push('status', model, 'progress', 40 + ((save * 7) % 60), 'tv');
      push('status', model, 'note', NOTES[save % NOTES.length]!, 'tv');
      if (save % 3 === 0) push('status', model, 'difficulties', DIFFICULTIES, 'tv');
    }
    save++;
  }
  return out.slice(0, n);
}

/**
 * A typical week of one village team (assumption, stated in the README): five status saves of
 * the models assigned to the village (progress and note, one with the difficulties), two
 * evidence photos, and the village's weekly indicator counters (eight figures).
 */
function typicalWeek(): PushedChange[] {
  const queue = villageQueue(1000);
  const statuses = queue.filter((c) => c[1] === 'status').slice(0, 11);
  const photos = queue.filter((c) => c[1] === 'photo').slice(0, 12);
  const counters = ['c.dddt-muc-2', 'c.vneid-kich-hoat', 'c.dvc-truc-tuyen', 'c.ho-lap-dat', 'c.nguoi-cao-tuoi', 'c.khai-sinh', 'c.cu-tru', 'c.ho-chua-co-dt'];
  const indicators = counters.map((field, i): PushedChange => [0, 'indicators', 'tv-thon-1@2026-W48', field, 3 + i * 4, encodeHlc({ wall: T0 + 900_000 + i, counter: 0, device: DEVICE }), null, 'tv-thon-1', AUTHOR]);
  return [...statuses, ...photos, ...indicators].map((c, i) => [i + 1, ...c.slice(1)] as PushedChange);
}

interface Row {
  label: string;
  changes: number;
  jsonBytes: number;
  bundleChars: number;
  qrCodes: number;
  qrVersion: number;
  qrModules: number;
  /** Of the compressed manifest, the bytes the per-change sha-256 list takes (32 random bytes each: nothing compresses them). */
  hashListBytes: number;
}

const key = await generateDeviceKey();
async function measure(label: string, changes: PushedChange[]): Promise<Row> {
  const text = await packBundle({ author: AUTHOR, authorName: 'Tổ công nghệ số cộng đồng Thôn 1', device: DEVICE, epoch: '0123456789abcdef', createdAt: T0, changes, key });
  const pieces = qrPieces(text);
  const sizes = pieces.map((p) => generate(p, { minCorrectionLevel: correction.M }).size);
  const modules = Math.max(...sizes);
  const { manifest } = await openBundle(text);
  const deflated = (m: object) => deflateRawSync(JSON.stringify(m)).length;
  return {
    label,
    changes: changes.length,
    jsonBytes: Buffer.byteLength(JSON.stringify(changes)),
    bundleChars: text.length,
    qrCodes: pieces.length,
    qrVersion: (modules - 17) / 4,
    qrModules: modules,
    hashListBytes: deflated(manifest) - deflated({ ...manifest, h: [] }),
  };
}

const rows = [
  await measure('1 change', villageQueue(1)),
  await measure('20 changes', villageQueue(20)),
  await measure('200 changes', villageQueue(200)),
  await measure('typical week of one village', typicalWeek()),
];
console.log(`QR codes of ${QR_CHUNK_CHARS} characters of bundle each, error correction M\n`);
console.log('| queue | changes | changes as JSON | bundle (bytes, base64url text) | QR codes | largest code | of the compressed bytes, the sha-256 list |');
console.log('|---|---:|---:|---:|---:|---|---:|');
for (const r of rows) {
  console.log(`| ${r.label} | ${r.changes} | ${r.jsonBytes.toLocaleString('en')} B | ${r.bundleChars.toLocaleString('en')} B | ${r.qrCodes} | version ${r.qrVersion} (${r.qrModules}×${r.qrModules}) | ${r.hashListBytes.toLocaleString('en')} B |`);
}
console.log(`\n${JSON.stringify(rows)}`);
