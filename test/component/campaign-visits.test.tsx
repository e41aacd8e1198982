// A team member's record of a visit and what the team and the unit read around it, with the
// real store and seed: the visit's dates checked against each other and today beside each field
// (campaign.ts visitDateProblems, as the server's push checks them); the unit's answers opened
// read-only from the record; "Đã gửi" saying whether it is still on the phone and whom it
// reaches; nothing late before a first pull; the team's people by name.
import { describe, expect, it } from 'vitest';
import { fireEvent, waitFor } from '@testing-library/preact';
import { renderWithServices } from '../helpers/render-with-services.tsx';
import raw from '../../seeds/plans/campaign-qx-2023.json';
import { CampaignPlanSeed } from '../../src/seed/campaign-schema.ts';
import { AnswerScreen } from '../../src/inspections/AnswerScreen.tsx';
import { CampaignView } from '../../src/inspections/CampaignView.tsx';
import { InspectionScreen } from '../../src/inspections/InspectionScreen.tsx';
import { UnitAnswersScreen } from '../../src/inspections/UnitAnswers.tsx';
import { addDays } from '../../src/domain/campaign.ts';
import { vnDateOf } from '../../src/domain/working-days.ts';
import type { LocalStore } from '../../src/db/store.ts';

const plan = CampaignPlanSeed.parse(raw);
const ID = 'qx:kt-2023';
const AT = `${ID}@qx-tan-phong`;
const today = vnDateOf(Date.now());
const dmy = (iso: string) => `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;

/** The 2023 plan with quangxuong.doan1 in team 01 (which inspects Tân Phong). */
async function seedCampaign(store: LocalStore, author: string) {
  const { title, basis, window, rules, teams, outlines } = plan;
  const withMember = teams.map((t) => (t.id === 'doan-1' ? { ...t, people: ['quangxuong.doan1', 'quangxuong.khac'] } : t));
  await store.write('campaign', ID, 'qx', { title, basis, window, rules, teams: withMember, outlines }, author);
}

describe('the dates of a visit', () => {
  it('marks each date that cannot be, beside its field, focuses the first and saves nothing until fixed', async () => {
    const r = renderWithServices(<InspectionScreen campaignId={ID} unitId="qx-tan-phong" />, { username: 'quangxuong.doan1' });
    await seedCampaign(r.store, r.session.user.id);
    await r.store.applyPulled([], 1);
    const input = async (f: string) => r.container.querySelector<HTMLInputElement>(`#insp-${f}`)!;
    await waitFor(() => expect(r.container.querySelector('#insp-visitedOn')).toBeTruthy(), { timeout: 8000 });
    const set = async (f: string, v: string) => fireEvent.input(await input(f), { target: { value: v } });
    const save = () => fireEvent.click(r.getByRole('button', { name: 'Lưu' }));

    // A visit tomorrow: that is the schedule's field.
    await set('scheduledOn', addDays(today, 1));
    await set('visitedOn', addDays(today, 1));
    save();
    await waitFor(() => expect(r.container.querySelector('#err-visitedOn')?.textContent).toBe(`Ngày tiến hành kiểm tra không được sau hôm nay (${dmy(today)}); ngày kiểm tra sắp tới ghi ở ô "Ngày kiểm tra (lịch đã đăng ký)"`));
    expect(document.activeElement).toBe(await input('visitedOn'));
    expect((await input('visitedOn')).getAttribute('aria-invalid')).toBe('true');
    expect(r.container.querySelector('#err-scheduledOn')).toBeNull();
    expect(await r.store.values('inspection', AT)).toEqual({});

    // The newcomer's record: a notice after the visit, a conclusion before it.
    await set('visitedOn', addDays(today, -3));
    await waitFor(() => expect(r.container.querySelector('#err-visitedOn')).toBeNull());
    await set('notifiedOn', addDays(today, -1));
    await set('conclusion', 'Thị trấn triển khai đạt yêu cầu.');
    await set('concludedOn', addDays(today, -5));
    save();
    await waitFor(() => expect(r.container.querySelector('#err-notifiedOn')?.textContent).toBe('Ngày gửi thông báo không được sau ngày tiến hành kiểm tra'));
    expect(r.container.querySelector('#err-concludedOn')?.textContent).toBe('Ngày ban hành kết luận không được trước ngày tiến hành kiểm tra');
    expect(document.activeElement).toBe(await input('notifiedOn'));
    expect(r.container.textContent).toContain('Chưa lưu được: sửa các ô được đánh dấu.');
    expect(await r.store.values('inspection', AT)).toEqual({});

    // Fixed as typed; then saved.
    await set('notifiedOn', addDays(today, -6));
    await set('concludedOn', today);
    await waitFor(() => expect(r.container.querySelectorAll('.field-error')).toHaveLength(0));
    save();
    await waitFor(async () =>
      expect(await r.store.values('inspection', AT)).toEqual({
        scheduledOn: addDays(today, 1),
        notifiedOn: addDays(today, -6),
        visitedOn: addDays(today, -3),
        conclusion: 'Thị trấn triển khai đạt yêu cầu.',
        concludedOn: today,
      }),
    );
  }, 20_000);
});

describe('the unit’s answers, for the team', () => {
  it('open read-only from the visit’s record, by the document’s sections and numbers', async () => {
    const r = renderWithServices(<InspectionScreen campaignId={ID} unitId="qx-tan-phong" />, { username: 'quangxuong.doan1' });
    await seedCampaign(r.store, r.session.user.id);
    await r.store.write('campaignAnswer', AT, 'qx-tan-phong', { 'a.I.1.1': 'Đã ban hành kế hoạch triển khai.', 'a.I.1.2.a': true, 'a.I.1.2.b': 9, sentOn: '2023-08-02' }, r.session.user.id);
    const link = await r.findByRole('link', { name: 'Xem báo cáo của đơn vị' }, { timeout: 8000 });
    expect(link.getAttribute('href')).toBe(`#/inspections/${encodeURIComponent(ID)}/unit/qx-tan-phong/answers`);
    r.unmount();

    const v = renderWithServices(<UnitAnswersScreen campaignId={ID} unitId="qx-tan-phong" />, { username: 'quangxuong.doan1', dbName: r.dbName });
    const head = await v.findByTestId('unit-answers-head', {}, { timeout: 8000 });
    await waitFor(() => expect(head.textContent).toContain('Đơn vị đã gửi ngày 02/08/2023'));
    const sections = [...v.container.querySelectorAll('[data-section]')];
    expect(sections.map((s) => s.getAttribute('data-section'))).toEqual(['I.1', 'I.2', 'I.3', 'I.4', 'I.5', 'I.6', 'I.7', 'I.8', 'I.9', 'I.10', 'II', 'III']);
    expect(sections[0]!.querySelector('summary')!.textContent).toMatch(/^I\.1 Công tác chỉ đạo, triển khai thực hiện · Đã trả lời 3\/\d+ câu$/);
    const item = (id: string) => v.container.querySelector(`[data-item="${id}"]`)!;
    expect(item('I.1.1').textContent).toMatch(/^I\.1\.1 Kết quả ban hành.*Đã ban hành kế hoạch triển khai\.$/);
    expect(item('I.1.2.a').querySelector('.insp-answer')!.textContent).toBe('Có');
    expect(item('I.1.2.b').querySelector('.insp-answer')!.textContent).toBe('9 tổ');
    expect(item('I.1.3.a').textContent).toContain('Chưa có trả lời');
    // Nothing to type in, nothing to save.
    expect(v.container.querySelectorAll('input, textarea, select, button[type="submit"]')).toHaveLength(0);
  });
});

describe('“Đã gửi”', () => {
  it('says the report is on this phone until the server has it, and that a department’s goes to the working group', async () => {
    const r = renderWithServices(<AnswerScreen campaignId={ID} />, { username: 'tanphong.congan' });
    await seedCampaign(r.store, r.session.user.id);
    fireEvent.click(await r.findByRole('button', { name: 'Gửi báo cáo' }, { timeout: 8000 }));
    const notice = await r.findByTestId('sent-notice', {}, { timeout: 8000 });
    await waitFor(() => expect(notice.textContent).toBe(`Đã gửi báo cáo ngày ${dmy(today)} trên máy này; sẽ đến đoàn kiểm tra khi máy đồng bộ.`));
    // The server acknowledges the queue.
    const seqs = (await r.store.db.outbox.toArray()).map((x) => x.seq);
    await r.store.acknowledge(Math.max(...seqs), []);
    await waitFor(() => expect(r.getByTestId('sent-notice').textContent).toBe(`Đã gửi báo cáo ngày ${dmy(today)}; máy chủ đã nhận, đoàn kiểm tra xem được sau khi đồng bộ.`));
    expect(r.getByTestId('sent-notice').dataset.pending).toBe('no');
    r.unmount();

    const d = renderWithServices(<AnswerScreen campaignId={ID} department="noi-vu" />, { username: 'quangxuong.huyen' });
    await seedCampaign(d.store, d.session.user.id);
    fireEvent.click(await d.findByRole('button', { name: 'Gửi báo cáo' }, { timeout: 8000 }));
    await waitFor(() => expect(d.getByTestId('sent-notice').textContent).toBe(`Đã gửi báo cáo ngày ${dmy(today)} trên máy này; sẽ đến Tổ công tác huyện khi máy đồng bộ.`));
  });
});

describe('the campaign view before the first pull', () => {
  it('says it is loading and calls nothing late; after the pull the late steps show; people by name', async () => {
    const r = renderWithServices(<CampaignView campaignId={ID} />, { username: 'quangxuong.doan1' });
    r.services.sync.usernames = new Map([['quangxuong.khac', 'Nguyễn Văn Khác']]);
    await seedCampaign(r.store, r.session.user.id);
    expect((await r.findByTestId('campaign-loading', {}, { timeout: 8000 })).textContent).toBe('Đang tải dữ liệu đợt kiểm tra…');
    await r.findByTestId('unit-qx-tan-phong');
    expect(r.container.textContent).not.toContain('Trễ hạn');
    expect(r.container.querySelectorAll('[data-step]')).toHaveLength(0);
    expect(r.getByTestId('unit-qx-tan-phong').dataset.stage).toBe('loading');
    // The signed-in member by their own name, a colleague by the name /api/people gave; no login names.
    expect(r.getByTestId('team-people-doan-1').textContent).toBe('Cán bộ ghi kết quả: Thành viên Đoàn kiểm tra số 01 (Công an huyện Quảng Xương), Nguyễn Văn Khác');

    await r.store.applyPulled([], 1);
    await waitFor(() => expect(r.queryByTestId('campaign-loading')).toBeNull());
    // 2023 is long past: every unit of team 01 is late to register, notify, answer and be visited.
    expect(r.getByTestId('unit-qx-tan-phong').dataset.late).toBe('yes');
    expect(r.getByTestId('team-counts-doan-1').textContent).toBe('6 đơn vị · 0 đã kết luận · 6 trễ hạn');
  });
});
