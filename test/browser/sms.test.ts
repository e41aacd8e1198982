// SMS as a last resort, end to end: the commune police's phone, with no data signal, saves a
// model's status and offers it as one SMS to the gateway number; the SMS (the very text the app
// put in the sms: link) reaches the server through the gateway's signed webhook and is applied;
// when the phone gets data again its normal sync of the same change is settled — the server
// holds that change once. Real Chromium, real server (SMS gateway configured), real app.
import { describe, expect, it } from 'vitest';
import { capcom6Signature } from '../../sync-server/sms/gateway-capcom6.ts';
import { SYNC_FORMAT_VERSION } from '../../src/domain/sync/wire.ts';
import { login, phoneContext, postJson, screenshot, serverAndBrowser } from '../helpers/browser.ts';

const SIGNING_KEY = 'test-gateway-signing-key';
const GATEWAY = '+84900000006';
const env = serverAndBrowser({ env: { SMS_WEBHOOK_SECRET: SIGNING_KEY, SMS_GATEWAY_NUMBER: GATEWAY } });
const ADOPTION = 'tv:mh-24';

/** What the gateway phone posts when it receives `text` from `from`. */
async function deliver(text: string, from: string): Promise<{ code: string; reply: string }> {
  const body = JSON.stringify({ event: 'sms:received', id: 'e1', deviceId: 'gw', webhookId: 'w', payload: { messageId: 'm', message: text, phoneNumber: from, simNumber: 1, receivedAt: new Date().toISOString() } });
  const timestamp = String(Math.floor(Date.now() / 1000));
  const res = await fetch(`${env.server.url}/api/sms/inbound`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-signature': capcom6Signature(SIGNING_KEY, body, timestamp), 'x-timestamp': timestamp },
    body,
  });
  expect(res.status).toBe(200);
  return (await res.json()) as { code: string; reply: string };
}

/** Every logged change of the model's progress the server would give a new phone of the commune leader. */
async function progressChanges(): Promise<unknown[][]> {
  const session = await postJson(env.server.url, '/api/login', { username: 'thieuvan.lanhdao', password: 'demo2026' });
  expect(session.status).toBe(200);
  const out: unknown[][] = [];
  for (let p = 0, more = true; more; ) {
    const page = await postJson(env.server.url, '/api/sync', { v: SYNC_FORMAT_VERSION, d: session.body.deviceId, c: [], p, n: 2000 }, session.body.token as string);
    const changes = page.body.c as unknown[][];
    out.push(...changes.filter((c) => c[1] === 'status' && c[2] === ADOPTION && c[3] === 'progress'));
    p = page.body.p as number;
    more = page.body.m as boolean;
  }
  return out;
}

describe('SMS as a last resort', () => {
  it('an offline save goes by SMS, is applied once, and the later sync changes nothing', async () => {
    const context = await phoneContext(env.browser, env.server.url);
    const page = await context.newPage();
    await login(page, 'thieuvan.congan');

    // Once, online: the person's number (the sender the gateway will report).
    await page.evaluate(() => (location.hash = '/settings'));
    await page.getByTestId('sms-phone').getByLabel('Số di động').fill('0912 345 678');
    await page.getByTestId('sms-phone').getByRole('button', { name: 'Lưu số' }).click();
    await page.getByText('Đã lưu số điện thoại.').waitFor();

    await context.setOffline(true);
    await page.evaluate((id) => (location.hash = `/models/${encodeURIComponent(id)}/status`), ADOPTION);
    await page.getByLabel('Tình trạng').selectOption('inProgress');
    await page.getByLabel('Tiến độ (%)').fill('45');
    await page.getByRole('button', { name: 'Lưu' }).click();
    await page.getByTestId('current-status').waitFor();

    const card = page.getByTestId('sms-card');
    await card.waitFor();
    const link = card.getByRole('link', { name: 'Mở ứng dụng tin nhắn' });
    const href = (await link.getAttribute('href'))!;
    const [, to, text] = /^sms:([^?]+)\?body=(.*)$/.exec(href)!.map(decodeURIComponent) as [string, string, string];
    expect(to).toBe(GATEWAY);
    expect(text.length).toBeLessThanOrEqual(160);
    expect(await card.locator('code').textContent()).toBe(text);
    // Tapping opens the SMS app (the browser cannot follow sms: here) and marks the save as sent.
    await link.evaluate((a) => {
      a.addEventListener('click', (e) => e.preventDefault(), { once: true });
      (a as HTMLAnchorElement).click();
    });
    await card.getByTestId('sms-sent').waitFor();
    await screenshot(page, 'sms-card-360');

    const applied = await deliver(text, '0912345678');
    expect(applied.code).toBe('sms/applied');
    expect(applied.reply).toContain('45%');
    const afterSms = await progressChanges();
    expect(afterSms.map((c) => c[4])).toEqual([45]);
    // The same SMS again (the gateway retried, or the person pressed send twice).
    expect((await deliver(text, '0912345678')).code).toBe('sms/replayed');

    // Data again: the phone's queue goes out as usual and is settled, not written twice.
    await context.setOffline(false);
    await page.evaluate(() => window.dispatchEvent(new Event('online')));
    await page.waitForFunction(() => document.querySelector('[data-testid="pending-count"]')?.textContent === 'Đã đồng bộ hết', undefined, { timeout: 30_000 });
    const afterSync = await progressChanges();
    expect(afterSync).toEqual(afterSms);
    expect(await page.getByTestId('sms-card').count()).toBe(0);
    await context.close();
  });
});
