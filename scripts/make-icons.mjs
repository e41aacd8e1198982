// Renders the app icons (public/icons/*.png) from one SVG with headless Chromium.
// Run by hand when the icon changes: node scripts/make-icons.mjs
import { chromium } from 'playwright-core';
import { writeFileSync } from 'node:fs';

const svg = (maskable) => `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 512 512">
  <rect width="512" height="512" rx="${maskable ? 0 : 96}" fill="#a61b1b"/>
  <g transform="${maskable ? 'translate(56 56) scale(0.78)' : ''}">
    <polygon points="256,70 282,150 366,150 298,199 324,279 256,230 188,279 214,199 146,150 230,150" fill="#ffd400"/>
    <text x="256" y="420" font-family="DejaVu Sans, sans-serif" font-size="150" font-weight="700" fill="#fff" text-anchor="middle">06</text>
  </g>
</svg>`;
writeFileSync('public/icons/icon.svg', svg(false));

const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });
const page = await browser.newPage();
for (const [name, size, maskable] of [['icon-192.png', 192, false], ['icon-512.png', 512, false], ['icon-maskable-512.png', 512, true]]) {
  await page.setViewportSize({ width: size, height: size });
  await page.setContent(`<html><body style="margin:0;background:transparent">${svg(maskable).replace('<svg ', `<svg width="${size}" height="${size}" `)}</body></html>`);
  await page.screenshot({ path: `public/icons/${name}`, omitBackground: true });
}
await browser.close();
