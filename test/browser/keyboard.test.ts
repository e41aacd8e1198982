// Forms on a 360 px phone, with the on-screen keyboard open (a 400 px tall viewport) or not:
// the field being typed into, and its message, are never under a fixed bar; the navigation
// labels fit one line. Real Chromium with its CPU slowed like a cheap phone's.
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { login, phoneContext, screenshot, serverAndBrowser } from '../helpers/browser.ts';

const env = serverAndBrowser();

interface Box {
  top: number;
  bottom: number;
}
interface Layout {
  boxes: Box[];
  viewport: Box;
  bars: (Box & { name: string })[];
}

/** The given elements' boxes, the visible viewport, and every fixed or sticky bar on screen. */
function layoutOf(page: Page, selectors: string[]): Promise<Layout> {
  return page.evaluate((sels) => {
    const box = (r: DOMRect) => ({ top: r.top, bottom: r.bottom });
    const els = sels.map((s) => document.querySelector(s)!);
    const vv = window.visualViewport!;
    const bars = Array.from(document.querySelectorAll<HTMLElement>('body *'))
      .filter((el) => {
        const cs = getComputedStyle(el);
        if (cs.position !== 'fixed' && cs.position !== 'sticky') return false;
        if (cs.display === 'none' || cs.visibility === 'hidden') return false;
        const r = el.getBoundingClientRect();
        return r.height > 0 && r.width > 0 && !els.some((e) => el.contains(e));
      })
      .map((el) => ({ name: el.className || el.tagName, ...box(el.getBoundingClientRect()) }));
    return { boxes: els.map((e) => box(e.getBoundingClientRect())), viewport: { top: vv.offsetTop, bottom: vv.offsetTop + vv.height }, bars };
  }, selectors);
}

/** Fully inside the visible viewport, and clear of every bar that is on screen. */
function unobscured(layout: Layout): string[] {
  const problems: string[] = [];
  layout.boxes.forEach((b, i) => {
    if (b.top < layout.viewport.top - 0.5 || b.bottom > layout.viewport.bottom + 0.5) problems.push(`#${i} ${b.top}–${b.bottom} outside viewport ${layout.viewport.top}–${layout.viewport.bottom}`);
    for (const bar of layout.bars) {
      const onScreen = bar.bottom > layout.viewport.top && bar.top < layout.viewport.bottom;
      if (onScreen && b.bottom > bar.top + 0.5 && b.top < bar.bottom - 0.5) problems.push(`#${i} ${b.top}–${b.bottom} under ${bar.name} ${bar.top}–${bar.bottom}`);
    }
  });
  return problems;
}

async function slowPhone(page: Page) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
}

async function openStatusForm(page: Page) {
  await page.evaluate(() => (location.hash = '/models/tv%3Amh-24/status'));
  await page.getByLabel('Kiến nghị, đề xuất').waitFor();
}

describe('forms and fixed bars at 360 px', () => {
  it('keeps the focused last textarea above every fixed bar with the keyboard open (360×400), and without it', async () => {
    const context = await phoneContext(env.browser, env.server.url);
    const page = await context.newPage();
    await slowPhone(page);
    await login(page, 'thieuvan.congan');
    await openStatusForm(page);

    for (const height of [400, 740]) {
      await page.setViewportSize({ width: 360, height });
      await page.evaluate(() => window.scrollTo(0, 0));
      await page.locator('.shell').click({ position: { x: 5, y: 5 } }); // nothing focused
      await expect.poll(() => page.locator('.bottomnav').isVisible()).toBe(true);
      // As the keyboard's "next" key or a tap would: the last text field of the form gets focus.
      const last = page.locator('form textarea').last();
      await last.evaluate((el) => el.setAttribute('data-probe', 'last'));
      await last.focus();
      await page.keyboard.type('Cần thêm máy tính bảng');
      await expect.poll(async () => unobscured(await layoutOf(page, ['[data-probe="last"]'])), { timeout: 5_000 }).toEqual([]);
      expect(await page.evaluate(() => document.activeElement?.getAttribute('data-probe'))).toBe('last');
      // The navigation and sync bars stepped aside while typing.
      expect(await page.locator('.bottomnav').isVisible()).toBe(false);
      expect(await page.locator('.syncbar').isVisible()).toBe(false);
      await screenshot(page, `keyboard-open-${height}`);
    }

    // Typing over: the bars are back.
    await page.getByRole('heading', { name: 'Ghi nhận tình trạng' }).click();
    await expect.poll(() => page.locator('.bottomnav').isVisible()).toBe(true);
    await expect.poll(() => page.locator('.syncbar').isVisible()).toBe(true);
    await context.close();
  });

  it('after "Lưu" with an invalid value, the marked field and its message are in view above the bars', async () => {
    const context = await phoneContext(env.browser, env.server.url);
    const page = await context.newPage();
    await slowPhone(page);
    await login(page, 'thieuvan.congan');
    await openStatusForm(page);
    await page.getByLabel('Tiến độ (%)').fill('nhiều');
    await page.getByLabel('Kiến nghị, đề xuất').fill('Đề nghị huyện hỗ trợ');
    await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
    await page.getByRole('button', { name: 'Lưu', exact: true }).click();
    const message = page.locator('#err-progress');
    await message.waitFor();
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('aria-describedby'))).toBe('err-progress');
    await expect.poll(async () => unobscured(await layoutOf(page, ['[aria-describedby="err-progress"]', '#err-progress'])), { timeout: 5_000 }).toEqual([]);
    await screenshot(page, 'invalid-field-in-view-360');
    await context.close();
  });

  it('navigation labels and the sync button fit on one line at 360 px', async () => {
    for (const user of ['thieuvan.congan', 'quangxuong.huyen']) {
      const context = await phoneContext(env.browser, env.server.url);
      const page = await context.newPage();
      await login(page, user);
      // The sync that starts at login first: its "Đang đồng bộ…" is measured too, but the check below names the resting label.
      await expect.poll(() => page.locator('.syncbar button').textContent(), { timeout: 20_000 }).toBe('Đồng bộ');
      const measure = () =>
        page.locator('.bottomnav a, .syncbar button').evaluateAll((els) =>
          els.map((el) => {
            // Lines of text = distinct line boxes among the text's own rectangles.
            const text = document.createTreeWalker(el, NodeFilter.SHOW_TEXT).nextNode()!;
            const range = document.createRange();
            range.selectNodeContents(text);
            const tops = new Set(Array.from(range.getClientRects()).map((r) => Math.round(r.top)));
            const label = el.firstElementChild ?? el;
            return { text: el.textContent, lines: tops.size, cut: label.scrollWidth > (el as HTMLElement).clientWidth };
          }),
        );
      // A later sync (the subscription check after the first one) may be running: measure at rest.
      let labels = await measure();
      await expect.poll(async () => (labels = await measure()).map((l) => l.text), { timeout: 20_000 }).toEqual(expect.arrayContaining(['Trang chủ', 'Đồng bộ']));
      expect(labels.filter((l) => l.lines !== 1 || l.cut)).toEqual([]);
      await context.close();
    }
  });
});
