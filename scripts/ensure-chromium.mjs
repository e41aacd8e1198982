// Browser tests and benchmarks drive Debian's Chromium through playwright-core
// (Playwright cannot download its own browser here). Installs it with apt-get when we
// are root on Debian; otherwise says what to do.
import { existsSync } from 'node:fs';
import { execSync } from 'node:child_process';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export function ensureChromium() {
  if (existsSync(CHROMIUM)) return CHROMIUM;
  const isRoot = process.getuid?.() === 0;
  if (isRoot && existsSync('/usr/bin/apt-get')) {
    console.log('Đang cài Chromium (apt-get install chromium)… / Installing Debian Chromium for browser tests…');
    execSync('apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium', { stdio: 'inherit' });
    if (existsSync(CHROMIUM)) return CHROMIUM;
  }
  console.error(
    `Thiếu Chromium tại ${CHROMIUM}. Browser tests need Chromium: run "sudo apt-get install chromium" (Debian) or set CHROMIUM_PATH.`,
  );
  process.exit(1);
}

if (import.meta.url === `file://${process.argv[1]}`) ensureChromium();
