// The commune police and a village team member edit the same model offline, then come
// back online: both phones converge, and the value that lost is shown, not dropped.
import { describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { screenshot, serverAndBrowser, policeAndVillagePhones } from '../helpers/browser.ts';

const env = serverAndBrowser();

async function recordProgress(page: Page, adoption: string, progress: string, note: string) {
  await page.evaluate((a) => (location.hash = `/models/${encodeURIComponent(a)}/status`), adoption);
  await page.getByLabel('Tiến độ (%)').fill(progress);
  await page.getByLabel('Ghi chú, kết quả').fill(note);
  await page.getByRole('button', { name: 'Lưu' }).click();
  await page.getByTestId('current-status').filter({ hasText: `${progress}%` }).waitFor();
}

const synced = (page: Page) => expect.poll(() => page.getByTestId('pending-count').textContent(), { timeout: 20_000 }).toBe('Đã đồng bộ hết');

describe('two phones edit the same model offline', () => {
  it('converge, and the conflict is shown on both', async () => {
    const { police, village } = await policeAndVillagePhones(env);
    // Mô hình 24 is assigned to the village teams (its tasks name them).
    const adoption = 'tv:mh-24';
    await synced(police);
    await synced(village);

    await police.context().setOffline(true);
    await village.context().setOffline(true);
    await recordProgress(police, adoption, '50', 'Công an xã: đã rà soát 50%');
    await recordProgress(village, adoption, '70', 'Thôn 1: đã hướng dẫn 70% hộ');

    await police.context().setOffline(false);
    await synced(police);
    await village.context().setOffline(false);
    await synced(village);
    // The police phone pulls the village's later edit.
    await police.getByRole('button', { name: 'Đồng bộ' }).click();
    await synced(police);

    for (const [page, name] of [[police, 'conflict-police-360'], [village, 'conflict-village-360']] as const) {
      await page.evaluate((a) => (location.hash = `/models/${encodeURIComponent(a)}`), adoption);
      await expect.poll(() => page.getByTestId('current-status').textContent()).toContain('70%');
      const conflict = page.getByTestId('conflict');
      await conflict.waitFor();
      expect(await conflict.textContent()).toContain('2 người cùng sửa khi ngoại tuyến — giữ bản mới hơn; bản kia ở đây');
      expect(await conflict.textContent()).toContain('50%');
      expect(await conflict.textContent()).toContain('Công an xã: đã rà soát 50%');
      // Who wrote the kept value, by name: "Bạn" on the police phone, the office's name elsewhere.
      await expect.poll(() => conflict.textContent()).toContain(page === police ? 'Bạn' : 'Công an xã Thiệu Vân');
      await screenshot(page, name);
    }
  });
});
