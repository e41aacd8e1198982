// Problem 1 of issue 10, as the police officer lives it: the status form of Mô hình 24 is
// open on their phone when a village colleague's edit of the note reaches it; the officer
// then changes only the progress and taps "Lưu". The colleague's note must survive on the
// server and on both phones, and the officer's form must have shown it before the save.
import { describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { screenshot, syncNow, serverAndBrowser, policeAndVillagePhones } from '../helpers/browser.ts';

const env = serverAndBrowser();

const ADOPTION = 'tv:mh-24'; // assigned to the village teams, so both may edit its status
const POLICE = 'u-thieuvan-congan';
const VILLAGE = 'u-thieuvan-thon1';
const VILLAGE_NAME = 'Tổ công nghệ số cộng đồng Thôn 1'; // seeds/demo-users.json
const POLICE_NOTE = 'Công an xã: bắt đầu rà soát các hộ chưa có tài khoản';
const VILLAGE_NOTE = 'Thôn 1: đã hướng dẫn 37 hộ cài VNeID mức 2';

const synced = (page: Page) => expect.poll(() => page.getByTestId('pending-count').textContent(), { timeout: 20_000 }).toBe('Đã đồng bộ hết');
const openForm = (page: Page) => page.evaluate((a) => (location.hash = `/models/${encodeURIComponent(a)}/status`), ADOPTION);
const openDetail = (page: Page) => page.evaluate((a) => (location.hash = `/models/${encodeURIComponent(a)}`), ADOPTION);

describe('a change arrives while the status form is open', () => {
  it('is shown in the form, and saving another field keeps it', async () => {
    const { police, village } = await policeAndVillagePhones(env);
    // The record already holds the officer's earlier note, on both phones.
    await openForm(police);
    await police.getByLabel('Tiến độ (%)').fill('20');
    await police.getByLabel('Ghi chú, kết quả').fill(POLICE_NOTE);
    await police.getByRole('button', { name: 'Lưu' }).click();
    await police.getByTestId('current-status').filter({ hasText: '20%' }).waitFor();
    await syncNow(police);
    await synced(police);
    await syncNow(village);
    await synced(village);

    // The officer opens the form and reads it (nothing typed yet).
    await openForm(police);
    const policeNote = police.getByLabel('Ghi chú, kết quả');
    await policeNote.waitFor();
    await expect.poll(() => policeNote.inputValue()).toBe(POLICE_NOTE);

    // Meanwhile the village team saves a new note, and the server acknowledges it.
    await openForm(village);
    const villageNote = village.getByLabel('Ghi chú, kết quả');
    await expect.poll(() => villageNote.inputValue()).toBe(POLICE_NOTE);
    await villageNote.fill(VILLAGE_NOTE);
    await village.getByRole('button', { name: 'Lưu' }).click();
    await village.getByTestId('current-status').waitFor();
    await syncNow(village);
    await synced(village);

    // The officer's phone syncs with the form still open: the note arrives into the form.
    await syncNow(police);
    await expect.poll(() => policeNote.inputValue(), { timeout: 10_000 }).toBe(VILLAGE_NOTE);
    const arrivedNote = police.locator('.field', { has: policeNote }).locator('.field-note');
    await expect.poll(() => arrivedNote.textContent(), { timeout: 10_000 }).toBe(`${VILLAGE_NAME} vừa cập nhật ô này`);
    expect(await police.getByRole('heading', { name: 'Ghi nhận tình trạng' }).count()).toBe(1); // still the form
    await police.locator('.field', { has: policeNote }).evaluate((el) => el.scrollIntoView({ block: 'center' }));
    await screenshot(police, 'open-form-arrived-360');

    // The officer changes only the progress, and saves.
    await police.getByLabel('Tiến độ (%)').fill('45');
    await police.getByRole('button', { name: 'Lưu' }).click();
    await police.getByTestId('current-status').filter({ hasText: '45%' }).waitFor();
    await syncNow(police);
    await synced(police);
    await syncNow(village);

    // Both phones: the progress is the officer's, the note the village's, and nothing is in conflict.
    for (const page of [police, village]) {
      await openDetail(page);
      await expect.poll(() => page.getByTestId('current-status').textContent()).toContain('45%');
      await expect.poll(() => page.locator('main').textContent()).toContain(VILLAGE_NOTE);
      expect(await page.getByTestId('conflict').count()).toBe(0);
    }

    // What the server stored: the officer's save carried the progress alone, and the note's
    // only current value is the village's.
    await env.server.stop();
    const db = new Database(join(env.server.dataDir, 'so-tay.db'), { readonly: true, fileMustExist: true });
    try {
      const logged = db.prepare(`SELECT field, value, author FROM changes WHERE coll = 'status' AND id = ? ORDER BY server_seq`).all(ADOPTION) as { field: string; value: string; author: string }[];
      const villageEdits = logged.filter((c) => c.author === VILLAGE);
      expect(villageEdits.map((c) => [c.field, JSON.parse(c.value) as unknown])).toEqual([['note', VILLAGE_NOTE]]);
      const afterVillage = logged.slice(logged.indexOf(villageEdits[0]!) + 1);
      expect(afterVillage.map((c) => [c.author, c.field, JSON.parse(c.value) as unknown])).toEqual([[POLICE, 'progress', 45]]);
      const note = db.prepare(`SELECT heads FROM docs WHERE coll = 'status' AND id = ? AND field = 'note'`).get(ADOPTION) as { heads: string } | undefined;
      const heads = (JSON.parse(note!.heads) as { heads: { value: unknown; author: string }[] }).heads;
      expect(heads.map((h) => [h.value, h.author])).toEqual([[VILLAGE_NOTE, VILLAGE]]);
    } finally {
      db.close();
    }
  });
});
