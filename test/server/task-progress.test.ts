// Task progress through the real server (issue 11): Quảng Xương communes push their progress
// on row 5 of 001 Phụ lục I ("Đẩy nhanh tiến độ số hóa hồ sơ", led by "UBND cấp xã"); the
// district officer reads it rolled up. Refusals follow the plan: a task the unit is not given
// (row 1 names only the districts), a leader's account, a task not done without its cause.
import { describe, expect, it } from 'vitest';
import type { PushedChange } from '../../src/domain/sync/wire.ts';
import type { UnitRollup } from '../../src/domain/rollup.ts';
import { RollupAnswerSchema, RollupChildrenAnswerSchema } from '../../src/domain/rollup.ts';
import { change, hlcAt, testServer } from './helpers.ts';

const T5 = 'th-bc137-2024-pl1.5';
const T1 = 'th-bc137-2024-pl1.1';

describe('task progress: push, refusals and roll-up', () => {
  it('is recorded by the communes the task names, refused otherwise, and rolled up to the district and province', async () => {
    const s = await testServer({ demoUsers: true });
    try {
      await s.addUser({ id: 'u-hop', username: 'quanghop.congan', role: 'communeStanding', unitId: 'qx-quang-hop' });
      await s.addUser({ id: 'u-binh', username: 'quangbinh.congan', role: 'communeStanding', unitId: 'qx-quang-binh' });
      await s.addUser({ id: 'u-binh-ld', username: 'quangbinh.lanhdao', role: 'communeLeader', unitId: 'qx-quang-binh' });

      const push = async (userId: string, device: string, unit: string, task: string, fields: Record<string, PushedChange[4]>) => {
        const token = await s.session(userId, device);
        let seq = 0;
        const changes = Object.entries(fields).map(([field, value]) => change(++seq, 'taskProgress', `${unit}:${task}`, field, value as never, hlcAt(s.clock.now(), device, seq), null, unit));
        const r = await s.sync(token, device, changes);
        expect(r.status, JSON.stringify(r.body)).toBe(200);
        return r.body.x;
      };

      expect(await push('u-hop', 'hop1', 'qx-quang-hop', T5, { status: 'done', percent: 100, result: 'Đã số hóa 100% hồ sơ hộ tịch', asOf: '2026-11-24' })).toEqual([]);
      expect(await push('u-binh', 'binh1', 'qx-quang-binh', T5, { status: 'notDone', percent: 40, cause: 'Thiếu máy quét', asOf: '2026-11-24' })).toEqual([]);

      // Not done without a cause: the status is refused (the percentage alone breaks no rule).
      const noCause = await push('u-binh', 'binh2', 'qx-quang-binh', 'th-bc137-2024-pl1.7', { status: 'notDone', percent: 10 });
      expect(noCause).toEqual([[1, 'sync/invalid-record', 'Chưa hoàn thành thì phải ghi nguyên nhân']]);
      // Row 1 names "Ủy ban nhân dân các huyện, thị xã, thành phố", not the communes.
      const notGiven = await push('u-hop', 'hop2', 'qx-quang-hop', T1, { status: 'ongoing' });
      expect(notGiven).toEqual([[1, 'auth/forbidden-unit', 'tiến độ nhiệm vụ: xã Quảng Hợp không được giao chủ trì hay phối hợp nhiệm vụ này']]);
      // A task of no known plan.
      const unknown = await push('u-hop', 'hop3', 'qx-quang-hop', 'th-bc137-2024-pl1.999', { status: 'done' });
      expect(unknown[0]?.[2]).toBe('tiến độ nhiệm vụ: Nhiệm vụ này không có trong kế hoạch nào mà máy chủ biết');
      // The commune's leader reads the progress; the commune police record it.
      const leader = await push('u-binh-ld', 'binhld', 'qx-quang-binh', T5, { status: 'inProgress' });
      expect(leader[0]?.[1]).toBe('auth/forbidden-unit');
      // The district records its own progress on a task it is given, never a commune's.
      expect(await push('u-quangxuong-huyen', 'qx_own1', 'qx', T1, { status: 'ongoing', percent: 100, asOf: '2026-11-25' })).toEqual([]);
      expect((await push('u-quangxuong-huyen', 'qx_own2', 'qx-quang-hai', T5, { status: 'done', percent: 100 }))[0]?.[1]).toBe('auth/forbidden-unit');
      // Thiệu Vân (thành phố Thanh Hóa) records on the same province task.
      expect(await push('u-thieuvan-congan', 'tv_phone1', 'tv', T5, { status: 'inProgress', percent: 60, asOf: '2026-11-25' })).toEqual([]);

      const officer = await s.session('u-quangxuong-huyen', 'qx_read');
      const qx = await s.request<{ asOf: number } & UnitRollup>('GET', '/api/rollups?unit=qx', { token: officer });
      expect(qx.status).toBe(200);
      expect(RollupAnswerSchema.safeParse(qx.body).success).toBe(true);
      expect(qx.body.rollup.tasks[T5]).toEqual({ units: { done: ['qx-quang-hop'], notDone: ['qx-quang-binh'] }, percentSum: 140, percentCount: 2 });
      // The refused status left only the percentage: a record with no status counts as "none".
      expect(qx.body.rollup.tasks['th-bc137-2024-pl1.7']).toEqual({ units: { none: ['qx-quang-binh'] }, percentSum: 10, percentCount: 1 });
      expect(qx.body.rollup.tasks[T1]).toBeUndefined();

      const province = await s.session('u-thanhhoa-tinh', 'th_read');
      const th = await s.request<{ asOf: number } & UnitRollup>('GET', '/api/rollups?unit=th', { token: province });
      expect(th.body.rollup.tasks[T5]).toEqual({ units: { done: ['qx-quang-hop'], notDone: ['qx-quang-binh'], inProgress: ['tv'] }, percentSum: 200, percentCount: 3 });
      const children = await s.request('GET', '/api/rollups/children?unit=th', { token: province });
      const parsed = RollupChildrenAnswerSchema.safeParse(children.body);
      expect(parsed.success).toBe(true);
      if (parsed.success) expect(parsed.data.children.find((c) => c.unitId === 'th-tp')?.rollup.tasks[T5]?.units).toEqual({ inProgress: ['tv'] });

      // The district officer's phone pulls its communes' records (and its own), not Thiệu Vân's.
      const pulled = await s.sync(officer, 'qx_read', []);
      const ids = [...new Set((pulled.body.c ?? []).filter((c) => c[1] === 'taskProgress').map((c) => c[2]))].sort();
      expect(ids).toEqual([`qx:${T1}`, `qx-quang-binh:${T5}`, 'qx-quang-binh:th-bc137-2024-pl1.7', `qx-quang-hop:${T5}`].sort());
    } finally {
      await s.close();
    }
  });
});
