// The reporting workflow on the device store and through the real server (in process):
// draft → submitted (one transaction) → returned by the unit above → resubmitted as a new
// version, and a submitted version never changes.
import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDb } from '../../src/db/schema.ts';
import { InvalidChangeError, LocalStore } from '../../src/db/store.ts';
import { SeedBundle } from '../../src/seed/schema.ts';
import { buildSeedBundle } from '../../src/seed/bundle.ts';
import { pulledToChange, pushedToTuple, type PushedChange } from '../../src/domain/sync/wire.ts';
import { communeReportData, parseSnapshot, type LocalRecord, type PrefillContext } from '../../src/reports/data.ts';
import { readReport } from '../../src/reports/read.ts';
import { defaultMeta, defaultTitle, prefillCommuneNarrative, type ReportForm } from '../../src/reports/sections.ts';
import { canRevise, commentEdit, reportStatus, saveEdit, submissionEdits, targetOf, validateForm } from '../../src/reports/workflow.ts';
import { docValues, type Base } from '../../src/domain/sync/merge.ts';
import { hlcAt, testServer, T0, type TestServer } from '../server/helpers.ts';

const seed = SeedBundle.parse(buildSeedBundle());
const ctx: PrefillContext = { models: seed.catalogue.models, units: seed.units, sheet: seed.indicatorSheet, checklists: seed.checklists };
const tv = seed.units.find((u) => u.id === 'tv')!;
const REPORT = 'tv@2026-11';
const target = targetOf(REPORT);
const DEVICE = 'tvphone1';

let n = 0;
let clock = T0;
function newStore(device = DEVICE) {
  return new LocalStore({ db: openDb(`reports-wf-${process.pid}-${++n}`), deviceId: device, now: () => clock });
}

async function records(store: LocalStore): Promise<LocalRecord[]> {
  const docs = [...(await store.docsOf('status')), ...(await store.docsOf('indicators')), ...(await store.docsOf('checklist'))];
  return docs.map((d) => ({ coll: d.coll, id: d.id, unit: d.unit, values: docValues(d.fields) }));
}
async function prefill(store: LocalStore) {
  const recs = await records(store);
  const data = communeReportData(ctx, tv, '2026-11', clock, seed.adoptions, recs);
  return { data, narrative: prefillCommuneNarrative(data, recs) };
}
async function startForm(store: LocalStore): Promise<ReportForm> {
  const p = await prefill(store);
  return { title: defaultTitle(tv.name, '2026-11'), fields: { ...p.narrative, ...defaultMeta(tv, seed.units.find((u) => u.id === 'th-tp')) } };
}
async function submit(store: LocalStore, form: ReportForm) {
  const bundle = await readReport(store, REPORT);
  const { data } = await prefill(store);
  const edits = submissionEdits(target, form, data, reportStatus(bundle.report, bundle.versions, bundle.comments), bundle.versions, clock, 'Công an xã Thiệu Vân');
  await store.writeMany(edits, 'u-thieuvan-congan');
  return edits;
}
const statusOf = async (store: LocalStore) => {
  const b = await readReport(store, REPORT);
  return reportStatus(b.report, b.versions, b.comments);
};

beforeEach(() => {
  clock = T0;
});

describe('workflow on the device', () => {
  it('saves a draft, then submits version 1 and the report state in ONE transaction', async () => {
    const store = newStore();
    await store.write('status', 'tv:mh-24', 'tv', { status: 'inProgress', progress: 65 }, 'u-thieuvan-congan');
    expect((await statusOf(store)).phase).toBe('new');

    const form = await startForm(store);
    await store.write('report', REPORT, 'tv', saveEdit(target, form, await statusOf(store)).values, 'u-thieuvan-congan');
    expect(await statusOf(store)).toMatchObject({ phase: 'draft', version: 0 });
    const before = await store.db.outbox.count();

    clock += 60_000;
    await submit(store, form);
    const rows = (await store.db.outbox.orderBy('seq').toArray()).slice(before);
    // One writeMany: the version's six fields and the report's new state and version, contiguous.
    expect(rows.map((r) => `${r.coll}.${r.field}`)).toEqual([
      'reportVersion.reportId',
      'reportVersion.version',
      'reportVersion.periodType',
      'reportVersion.period',
      'reportVersion.snapshot',
      'reportVersion.submittedAt',
      'report.state',
      'report.version',
    ]);
    expect(rows.map((r) => r.seq)).toEqual(rows.map((_, i) => rows[0]!.seq + i));
    expect(rows[0]!.id).toBe('tv@2026-11#1');

    const status = await statusOf(store);
    expect(status).toMatchObject({ phase: 'submitted', version: 1, returnedBy: null });
    expect(canRevise(status.phase)).toBe(false);
    expect(() => saveEdit(target, form, status)).toThrow(/chỉ sửa khi cấp trên trả lại/);
    const bundle = await readReport(store, REPORT);
    expect(() => submissionEdits(target, form, bundle.versions[0]!.snapshot!.data, status, bundle.versions, clock, '')).toThrow(/chỉ gửi lại khi cấp trên trả lại/);
    const snap = bundle.versions[0]!.snapshot!;
    expect(snap.title).toBe('Kết quả thực hiện Đề án 06 trên địa bàn xã Thiệu Vân tháng 11/2026');
    expect(snap.data.models.find((m) => m.modelId === 'mh-24')).toMatchObject({ status: 'inProgress', progressSum: 65 });
    expect(snap.submittedBy).toBe('Công an xã Thiệu Vân');
  });

  it('keeps neither the version nor the state when any part of the submission is refused', async () => {
    const store = newStore();
    const form = await startForm(store);
    const [version, report] = submissionEdits(target, form, (await prefill(store)).data, { phase: 'new', version: 0, returnedBy: null }, [], clock, '');
    await expect(store.writeMany([version!, { ...report!, values: { ...report!.values, state: 'published' } }], 'u1')).rejects.toBeInstanceOf(InvalidChangeError);
    expect(await store.outboxCount()).toBe(0);
    expect(await store.doc('reportVersion', 'tv@2026-11#1')).toBeUndefined();
    expect(await statusOf(store)).toMatchObject({ phase: 'new', version: 0 });
  });

  it('refuses to submit without results, with the message beside the field', () => {
    const errors = validateForm({ title: ' ', fields: { results: '' } }, { final: true });
    expect(errors).toEqual({ title: 'Tiêu đề báo cáo không được để trống', results: 'Mục “Kết quả đạt được” cần có nội dung trước khi gửi' });
    expect(validateForm({ title: 'x', fields: { results: '' } }, { final: false })).toEqual({});
  });

  it('returned with a comment → revised → resubmitted as version 2; version 1 never changes', async () => {
    const store = newStore();
    await store.write('status', 'tv:mh-24', 'tv', { status: 'inProgress', progress: 65, difficulties: 'Sóng yếu' }, 'u-thieuvan-congan');
    const form = await startForm(store);
    await submit(store, form);
    const v1Before = structuredClone(docValues((await store.doc('reportVersion', 'tv@2026-11#1'))!.fields));

    // The data moves on after the submission: the draft's prefill follows, version 1 does not.
    clock += 86_400_000;
    await store.write('status', 'tv:mh-24', 'tv', { status: 'done', progress: 100 }, 'u-thieuvan-congan');
    expect((await prefill(store)).data.models.find((m) => m.modelId === 'mh-24')!.status).toBe('done');
    expect(parseSnapshot(v1Before.snapshot)!.data.models.find((m) => m.modelId === 'mh-24')!.status).toBe('inProgress');

    // The unit above returns version 1 (the comment arrived through sync).
    const back = commentEdit(REPORT, 1, 'Bổ sung số liệu thôn 5', true, clock, 'k1');
    expect(back).toMatchObject({ coll: 'comment', id: 'tv@2026-11#1~k1', unit: 'tv', values: { reportId: REPORT, reportVersion: 1, returns: true } });
    await store.write(back.coll, back.id, back.unit, back.values, 'u-thanhpho-huyen');
    const returned = await statusOf(store);
    expect(returned).toMatchObject({ phase: 'returned', version: 1 });
    expect(returned.returnedBy?.body).toBe('Bổ sung số liệu thôn 5');

    const revised: ReportForm = { ...form, fields: { ...form.fields, results: `${form.fields.results}\n- Thôn 5: đã bổ sung số liệu.` } };
    const saved = saveEdit(target, revised, returned);
    expect(saved.values.state).toBe('returned');
    await store.write('report', REPORT, 'tv', saved.values, 'u-thieuvan-congan');

    clock += 3_600_000;
    const edits = await submit(store, revised);
    expect(edits[0]!.id).toBe('tv@2026-11#2');
    expect(await statusOf(store)).toMatchObject({ phase: 'submitted', version: 2, returnedBy: null });

    const bundle = await readReport(store, REPORT);
    expect(bundle.versions.map((v) => v.version)).toEqual([1, 2]);
    expect(docValues((await store.doc('reportVersion', 'tv@2026-11#1'))!.fields)).toEqual(v1Before);
    const v2 = bundle.versions[1]!.snapshot!;
    expect(v2.sections.find((s) => s.key === 'results')!.body).toContain('Thôn 5: đã bổ sung số liệu.');
    expect(v2.data.models.find((m) => m.modelId === 'mh-24')!.status).toBe('done');
    expect(bundle.comments.map((c) => [c.reportVersion, c.returns])).toEqual([[1, true]]);
  });
});

describe('workflow through the server', () => {
  let s: TestServer;
  beforeEach(async () => {
    s = await testServer({ demoUsers: true });
    await s.addUser({ id: 'u-thanhpho-huyen', username: 'thanhpho.huyen', role: 'districtOfficer', unitId: 'th-tp' });
  });
  afterEach(() => s.close());

  const push = async (store: LocalStore, token: string, device: string) => {
    const rows = await store.db.outbox.orderBy('seq').toArray();
    const changes: PushedChange[] = rows.map(pushedToTuple);
    const reply = await s.sync(token, device, changes, await store.cursor());
    if (reply.status === 200) {
      await store.acknowledge(reply.body.a, reply.body.r, reply.body.x, reply.body.t);
      await store.applyPulled(reply.body.c.map(pulledToChange), reply.body.p);
    }
    return reply;
  };

  it('waits in the outbox offline, is accepted once online, can be returned from the district, and a sent version cannot be rewritten', async () => {
    clock = T0;
    const commune = newStore(DEVICE);
    const communeToken = await s.session('u-thieuvan-congan', DEVICE);
    await submit(commune, await startForm(commune));
    expect(await commune.outboxCount()).toBeGreaterThan(0); // offline: it waits

    const sent = await push(commune, communeToken, DEVICE);
    expect(sent.status).toBe(200);
    expect(await commune.outboxCount()).toBe(0);
    const stored = await s.store.getDoc('reportVersion', 'tv@2026-11#1');
    expect(stored && docValues(stored).version).toBe(1);

    // A later change to the sent version — even from the same unit — is refused.
    const snapshotField = (await s.store.getField('reportVersion', 'tv@2026-11#1', 'snapshot'))!;
    const forged: PushedChange = [
      sent.body.a + 1,
      'reportVersion',
      'tv@2026-11#1',
      'snapshot',
      { title: 'Sửa lén', sections: [], data: {} },
      hlcAt(clock + 60_000, DEVICE, 0),
      snapshotField.heads[0]!.hlc as unknown as Base,
      'tv',
      'u-thieuvan-congan',
    ];
    const rewrite = await s.sync(communeToken, DEVICE, [forged]);
    expect(rewrite.status).toBe(200);
    expect(rewrite.body.x.map((x) => x[1])).toEqual(['sync/immutable']);
    expect(docValues((await s.store.getDoc('reportVersion', 'tv@2026-11#1'))!).snapshot).toEqual(docValues(stored!).snapshot);

    // The district officer's phone pulls the report, returns it with a comment.
    clock = T0 + 3_600_000;
    const district = newStore('tpphone1');
    const districtToken = await s.session('u-thanhpho-huyen', 'tpphone1');
    await push(district, districtToken, 'tpphone1');
    expect((await readReport(district, REPORT)).versions.map((v) => v.version)).toEqual([1]);
    const back = commentEdit(REPORT, 1, 'Đề nghị bổ sung số liệu các thôn', true, clock, 'r1');
    await district.write(back.coll, back.id, back.unit, back.values, 'u-thanhpho-huyen');
    expect((await push(district, districtToken, 'tpphone1')).status).toBe(200);

    // The commune sees it as returned, with who said what.
    const pulled = await s.sync(communeToken, DEVICE, [], await commune.cursor());
    await commune.applyPulled(pulled.body.c.map(pulledToChange), pulled.body.p);
    const status = await statusOf(commune);
    expect(status.phase).toBe('returned');
    expect(status.returnedBy).toMatchObject({ body: 'Đề nghị bổ sung số liệu các thôn', author: 'u-thanhpho-huyen' });
  });
});

describe('the decision of the unit above', () => {
  const version = { id: 'tv@2026-11#1', reportId: 'tv@2026-11', version: 1, submittedAt: 1, receivedAt: 2, snapshot: null };
  const comment = (over: Partial<Parameters<typeof reportStatus>[2][number]>) => ({
    id: 'tv@2026-11#1~c', reportId: 'tv@2026-11', reportVersion: 1, body: 'Ý kiến', returns: false, accepts: false, createdAt: 10, author: 'u-huyen', ...over,
  });
  it('an accepted version reads "Đã được tiếp nhận" and cannot be revised; a later return wins over it', () => {
    const accepted = reportStatus(null, [version], [comment({ accepts: true })]);
    expect(accepted.phase).toBe('accepted');
    expect(canRevise(accepted.phase)).toBe(false);
    const thenReturned = reportStatus(null, [version], [comment({ accepts: true }), comment({ id: 'x', returns: true, createdAt: 20 })]);
    expect(thenReturned.phase).toBe('returned');
    expect(reportStatus(null, [version], [comment({})]).phase).toBe('submitted'); // a plain remark decides nothing
  });
});
