// The district outline answered per department (003 Phụ lục 2 A and its "Lưu ý"), with the real
// store and seed: the district officer of Quảng Xương answers as Phòng Nội vụ (no account of
// its own in the seed: typed in from its paper report) and sees only the common sections and
// Nội vụ's own; the merged answer labels each answer with its department and counts who has
// sent; the campaign view says "n/9 phòng, ban đã gửi" and each team's report due and late.
import { describe, expect, it } from 'vitest';
import { fireEvent, waitFor, within } from '@testing-library/preact';
import { renderWithServices } from '../helpers/render-with-services.tsx';
import raw from '../../seeds/plans/campaign-qx-2023.json';
import { CampaignPlanSeed } from '../../src/seed/campaign-schema.ts';
import { AnswerScreen } from '../../src/inspections/AnswerScreen.tsx';
import { MergedAnswerScreen } from '../../src/inspections/MergedAnswer.tsx';
import { CampaignView } from '../../src/inspections/CampaignView.tsx';
import { CampaignEdit } from '../../src/inspections/CampaignForm.tsx';
import { TeamReportScreen } from '../../src/inspections/TeamReportScreen.tsx';
import { InspectionScreen } from '../../src/inspections/InspectionScreen.tsx';
import { vnDateOf } from '../../src/domain/working-days.ts';
import type { LocalStore } from '../../src/db/store.ts';

const plan = CampaignPlanSeed.parse(raw);
const ID = 'qx:kt-2023';
const NV = `${ID}@qx~noi-vu`;
const TP = `${ID}@qx~tu-phap`;

/** The 2023 plan as the district created it, on this phone. */
async function seedCampaign(store: LocalStore, author: string) {
  const { title, basis, window, rules, teams, outlines } = plan;
  await store.write('campaign', ID, 'qx', { title, basis, window, rules, teams, outlines }, author);
}

describe('a department’s response to the district outline', () => {
  it('answers the 11 common sections and its own only, saved on its own record', async () => {
    const r = renderWithServices(<AnswerScreen campaignId={ID} department="noi-vu" />, { username: 'quangxuong.huyen' });
    await seedCampaign(r.store, r.session.user.id);
    await r.findByTestId('answering-as', {}, { timeout: 8000 });
    expect(r.getByTestId('answering-as').textContent).toContain('Phòng Nội vụ');
    // No account is listed for it in the seed: the officer types its paper report in.
    expect(r.getByTestId('answering-as').textContent).toContain('nhập theo báo cáo giấy');
    const sections = [...r.container.querySelectorAll('[data-section]')].map((e) => e.getAttribute('data-section'));
    expect(sections).toEqual(['A.1', 'A.2', 'A.3', 'A.4', 'A.5', 'A.6', 'A.7', 'A.8', 'A.9', 'A.10', 'A.11', 'A.NV']);
    // "Trả lời cho": the working group, each of the 9 departments, and the merged report.
    const choices = within(r.getByTestId('respond-as')).getAllByRole('option').map((o) => o.textContent);
    expect(choices).toHaveLength(11);
    expect(choices[0]).toMatch(/^Tổ công tác huyện/);
    expect(choices.at(-1)).toMatch(/^Xem báo cáo tổng hợp/);

    const first = r.container.querySelector<HTMLTextAreaElement>('[data-item="A.1.1"] textarea')!;
    fireEvent.input(first, { target: { value: 'Phòng Nội vụ ban hành 3 văn bản triển khai' } });
    fireEvent.click(r.getByRole('button', { name: 'Lưu' }));
    await waitFor(async () => expect((await r.store.values('campaignAnswer', NV))['a.A.1.1']).toBe('Phòng Nội vụ ban hành 3 văn bản triển khai'));
    // The district's own record is untouched.
    expect(await r.store.values('campaignAnswer', `${ID}@qx`)).toEqual({});
    fireEvent.click(r.getByRole('button', { name: 'Gửi báo cáo' }));
    await waitFor(async () => expect((await r.store.values('campaignAnswer', NV)).sentOn).toBe(vnDateOf(Date.now())));
  });
});

describe('the merged district answer', () => {
  it('labels every answer with whose it is and says which departments have sent', async () => {
    const r = renderWithServices(<MergedAnswerScreen campaignId={ID} />, { username: 'quangxuong.huyen' });
    const author = r.session.user.id;
    await seedCampaign(r.store, author);
    await r.store.write('campaignAnswer', `${ID}@qx`, 'qx', { 'a.A.1.1': 'Tổ công tác tổng hợp: 12 văn bản' }, author);
    await r.store.write('campaignAnswer', NV, 'qx', { 'a.A.1.1': 'Nội vụ: 3 văn bản', 'a.A.NV.1.a': true, sentOn: '2023-08-01' }, author);
    await r.store.write('campaignAnswer', TP, 'qx', { 'a.A.1.1': 'Tư pháp: 1 văn bản', sentOn: '2023-08-02' }, author);

    const sent = await r.findByTestId('departments-sent', {}, { timeout: 8000 });
    await waitFor(() => expect(within(sent).getByRole('heading').textContent).toBe('2/9 phòng, ban đã gửi'));
    expect(r.getByTestId('dept-noi-vu').dataset.sent).toBe('yes');
    expect(r.getByTestId('dept-noi-vu').textContent).toContain('đã gửi ngày 01/08/2023');
    expect(r.getByTestId('dept-tckh').textContent).toContain('chưa gửi');

    // The district's record and the departments' come through separate live queries.
    const answers = () => [...r.container.querySelectorAll('[data-item="A.1.1"] [data-source]')].map((e) => e.textContent);
    await waitFor(() => expect(answers()).toHaveLength(3));
    expect(answers()).toEqual(['Tổ công tác huyện (bản tổng hợp): Tổ công tác tổng hợp: 12 văn bản', 'Phòng Nội vụ: Nội vụ: 3 văn bản', 'Phòng Tư pháp: Tư pháp: 1 văn bản']);
    const own = r.container.querySelector('[data-item="A.NV.1.a"]')!;
    expect([...own.querySelectorAll('[data-source]')].map((e) => e.textContent)).toEqual(['Phòng Nội vụ: Có']);
    expect(r.container.querySelector('[data-section="A.NV"] summary')!.textContent).toContain('Phần riêng của Phòng Nội vụ');
    expect(r.container.querySelector('[data-item="A.TP.1.a"]')!.textContent).toContain('Chưa có trả lời');
  });
});

describe('the campaign view at the district', () => {
  it('says how many departments have sent, and each team’s report due, sent and late', async () => {
    const r = renderWithServices(<CampaignView campaignId={ID} />, { username: 'quangxuong.huyen' });
    const author = r.session.user.id;
    await seedCampaign(r.store, author);
    await r.store.applyPulled([], 1); // the phone has pulled once: what is missing is late
    await r.store.write('campaignAnswer', NV, 'qx', { sentOn: '2023-08-01' }, author);
    // Team 02 sent its report on 29/8/2023, the last day before "trước ngày 30/8/2023"; team 03 on 31/8.
    await r.store.write('inspection', `${ID}@qx~doan-2`, 'qx', { report: 'Đã kiểm tra 5 xã', reportSentOn: '2023-08-29' }, author);
    await r.store.write('inspection', `${ID}@qx~doan-3`, 'qx', { report: 'Đã kiểm tra 5 xã', reportSentOn: '2023-08-31' }, author);
    const count = await r.findByTestId('district-departments', {}, { timeout: 8000 });
    await waitFor(() => expect(count.textContent).toBe('1/9 phòng, ban đã gửi'));
    await waitFor(() => expect(r.getByTestId('team-report-doan-2').textContent).toBe('Báo cáo kết quả của đoàn · hạn 29/08/2023 · đã gửi ngày 29/08/2023'));
    expect(r.getByTestId('team-report-doan-2').dataset.late).toBe('no');
    expect(r.getByTestId('team-report-doan-3').textContent).toBe('Báo cáo kết quả của đoàn · hạn 29/08/2023 · đã gửi ngày 31/08/2023 · trễ hạn');
    // Team 01 has sent nothing and 2023 is long past.
    expect(r.getByTestId('team-report-doan-1').textContent).toBe('Báo cáo kết quả của đoàn · hạn 29/08/2023 · chưa gửi · trễ hạn');
    // The officer of the campaign's unit may edit it; being in no team, records no team report.
    expect(r.getByRole('link', { name: 'Sửa đợt kiểm tra' })).toBeTruthy();
    expect(r.queryByRole('link', { name: 'Ghi báo cáo của đoàn' })).toBeNull();
  });
});

describe('editing a campaign after creation', () => {
  it('writes only the fields changed (a department’s accounts), and refuses what creating refuses', async () => {
    const r = renderWithServices(<CampaignEdit campaignId={ID} />, { username: 'quangxuong.huyen' });
    await seedCampaign(r.store, r.session.user.id);
    const nv = await r.findByLabelText('Tài khoản trả lời cho Phòng Nội vụ', {}, { timeout: 8000 });
    // The form starts from the campaign as stored: the window of 003.
    expect((r.getByTestId('window-from') as HTMLInputElement).value).toBe('2023-08-03');
    const queued = await r.store.outboxCount();
    fireEvent.input(nv, { target: { value: 'Quangxuong.NoiVu, qx.nv2' } });
    fireEvent.click(r.getByRole('button', { name: 'Lưu thay đổi' }));
    await waitFor(async () => expect(await r.store.outboxCount()).toBe(queued + 1));
    const outlines = (await r.store.values('campaign', ID)).outlines as { departments: { id: string; people: string[] }[] }[];
    expect(outlines[1]!.departments.find((d) => d.id === 'noi-vu')!.people).toEqual(['quangxuong.noivu', 'qx.nv2']);
    expect(outlines[1]!.departments.find((d) => d.id === 'tu-phap')!.people).toEqual([]);

    // A window that ends before it starts is refused, as when creating; nothing is queued.
    fireEvent.input(r.getByTestId('window-before'), { target: { value: '2023-08-01' } });
    fireEvent.click(r.getByRole('button', { name: 'Lưu thay đổi' }));
    expect((await r.findByRole('alert')).textContent).toBe('Chưa lưu được: Ngày kết thúc phải sau ngày bắt đầu');
    expect(await r.store.outboxCount()).toBe(queued + 1);
  });
});

describe('a team’s report', () => {
  it('is written by the team’s member on its own record, with the day it was sent', async () => {
    const r = renderWithServices(<TeamReportScreen campaignId={ID} teamId="doan-1" />, { username: 'quangxuong.doan1' });
    const { title, basis, window, rules, teams, outlines } = plan;
    const withMember = teams.map((t) => (t.id === 'doan-1' ? { ...t, people: ['quangxuong.doan1'] } : t));
    await r.store.write('campaign', ID, 'qx', { title, basis, window, rules, teams: withMember, outlines }, r.session.user.id);
    const text = await r.findByLabelText('Nội dung báo cáo', {}, { timeout: 8000 });
    // A sent day with no report is refused.
    fireEvent.input(r.getByLabelText('Ngày gửi báo cáo về Cơ quan Thường trực'), { target: { value: '2023-08-28' } });
    fireEvent.click(r.getByRole('button', { name: 'Lưu' }));
    expect(await r.findByText('Ghi nội dung báo cáo trước khi ghi ngày gửi')).toBeTruthy();
    fireEvent.input(text, { target: { value: 'Đoàn 01 đã kiểm tra 6 đơn vị; 1 đơn vị chưa đạt.' } });
    fireEvent.click(r.getByRole('button', { name: 'Lưu' }));
    await waitFor(async () =>
      expect(await r.store.values('inspection', `${ID}@qx~doan-1`)).toEqual({ report: 'Đoàn 01 đã kiểm tra 6 đơn vị; 1 đơn vị chưa đạt.', reportSentOn: '2023-08-28' }),
    );
    expect(r.container.textContent).toContain('Báo cáo kết quả của đoàn · hạn 29/08/2023 · đã gửi ngày 28/08/2023');
  });
});

// Security review of issue 11: the screens offer only what the server accepts — a department's
// account answers its own part (never the district's synthesis, whose "Gửi" sends the district's
// answer), a team member does not edit the campaign, and a commune account listed for a
// department still reaches its own commune outline.
describe('what a listed person is offered', () => {
  /** The 2023 plan with Nội vụ answered by its own account and team 01 by its member. */
  async function seedListed(store: LocalStore, author: string) {
    const { title, basis, window, rules, teams, outlines } = plan;
    const listed = outlines.map((o) => ({ ...o, departments: o.departments.map((d) => (d.id === 'noi-vu' ? { ...d, people: ['quangxuong.noivu', 'tanphong.congan'] } : d)) }));
    const withMember = teams.map((t) => (t.id === 'doan-1' ? { ...t, people: ['quangxuong.doan1'] } : t));
    await store.write('campaign', ID, 'qx', { title, basis, window, rules, teams: withMember, outlines: listed }, author);
  }

  it('a department’s account lands on its own part; "Gửi" sends its response, not the district’s', async () => {
    const r = renderWithServices(<AnswerScreen campaignId={ID} />, { username: 'quangxuong.noivu' });
    await seedListed(r.store, r.session.user.id);
    const as = await r.findByTestId('answering-as', {}, { timeout: 8000 });
    expect(as.textContent).toContain('Phòng Nội vụ');
    // Only its own department and the merged report: not the working group, not Tư pháp (no accounts: the group's).
    const choices = within(r.getByTestId('respond-as')).getAllByRole('option').map((o) => o.getAttribute('value'));
    expect(choices).toEqual(['noi-vu', '~merged']);
    fireEvent.click(r.getByRole('button', { name: 'Gửi báo cáo' }));
    await waitFor(async () => expect((await r.store.values('campaignAnswer', NV)).sentOn).toBe(vnDateOf(Date.now())));
    expect(await r.store.values('campaignAnswer', `${ID}@qx`)).toEqual({});
  });

  it('a team member sees no edit link and is not offered the synthesis; the working group is', async () => {
    const member = renderWithServices(<CampaignView campaignId={ID} />, { username: 'quangxuong.doan1' });
    await seedListed(member.store, member.session.user.id);
    await member.findByTestId('district-answer', {}, { timeout: 8000 });
    expect(member.queryByRole('link', { name: 'Sửa đợt kiểm tra' })).toBeNull();
    expect(member.queryByRole('link', { name: 'Trả lời đề cương' })).toBeNull();
    expect(member.getByRole('link', { name: 'Ghi báo cáo của đoàn' })).toBeTruthy();
    member.unmount();

    const edit = renderWithServices(<CampaignEdit campaignId={ID} />, { username: 'quangxuong.doan1' });
    await seedListed(edit.store, edit.session.user.id);
    expect((await edit.findByText(/Tổ công tác sửa/, {}, { timeout: 8000 })).textContent).toMatch(/không sửa được đợt kiểm tra/);
    expect(edit.queryByRole('button', { name: 'Lưu thay đổi' })).toBeNull();
    edit.unmount();

    const group = renderWithServices(<AnswerScreen campaignId={ID} />, { username: 'quangxuong.huyen' });
    await seedListed(group.store, group.session.user.id);
    await group.findByTestId('respond-as', {}, { timeout: 8000 });
    expect(group.queryByTestId('answering-as')).toBeNull(); // the synthesis
    const values = within(group.getByTestId('respond-as')).getAllByRole('option').map((o) => o.getAttribute('value'));
    expect(values[0]).toBe('~group');
    expect(values).toContain('tu-phap');
    expect(values).not.toContain('noi-vu');
  });

  it('a commune account listed for a department answers its own commune outline by default', async () => {
    const r = renderWithServices(<AnswerScreen campaignId={ID} />, { username: 'tanphong.congan' });
    await seedListed(r.store, r.session.user.id);
    await r.findByTestId('send-answers', {}, { timeout: 8000 });
    expect(r.queryByTestId('answering-as')).toBeNull();
    expect(r.queryByTestId('respond-as')).toBeNull();
    fireEvent.click(r.getByRole('button', { name: 'Gửi báo cáo' }));
    await waitFor(async () => expect((await r.store.values('campaignAnswer', `${ID}@qx-tan-phong`)).sentOn).toBe(vnDateOf(Date.now())));
    expect(await r.store.values('campaignAnswer', NV)).toEqual({});
  });
});

describe('a visit’s record reached by a malformed address', () => {
  it('shows "not found" instead of failing to render', async () => {
    const r = renderWithServices(<InspectionScreen campaignId="qx:kt-2023" unitId="qx~x@y" />, { username: 'quangxuong.doan1' });
    expect((await r.findByText(/^Không tìm thấy đợt kiểm tra/, {}, { timeout: 4000 })).className).toBe('error');
    r.unmount();
    const bad = renderWithServices(<InspectionScreen campaignId="no campaign" unitId="qx-tan-phong" />, { username: 'quangxuong.doan1' });
    expect(await bad.findByText(/^Không tìm thấy đợt kiểm tra/, {}, { timeout: 4000 })).toBeTruthy();
  });
});
