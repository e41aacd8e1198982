// Debian's Chromium, headless, driven by playwright-core.
import { chromium, type Browser } from 'playwright-core';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export function launch(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
}

/** 2G as the issue defines it: 250 kbit/s down, 50 kbit/s up, 300 ms latency. */
export const NET_2G = {
  offline: false,
  latency: 300,
  downloadThroughput: (250 * 1000) / 8,
  uploadThroughput: (50 * 1000) / 8,
  connectionType: 'cellular2g',
} as const;

export const NO_THROTTLE = { offline: false, latency: 0, downloadThroughput: -1, uploadThroughput: -1 } as const;
