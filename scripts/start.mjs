// `npm start`: build the app when dist/ is missing or older than the sources, then run the
// sync server, which also serves the app. One process; demo data (DEMO=1) unless NODE_ENV=production
// or DEMO=0 — the server itself never creates demo accounts unless asked.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { execSync, spawn } from 'node:child_process';

function newest(dir) {
  let t = 0;
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    const s = statSync(p);
    t = Math.max(t, s.isDirectory() ? newest(p) : s.mtimeMs);
  }
  return t;
}

const built = existsSync('dist/index.html') ? statSync('dist/index.html').mtimeMs : 0;
const sources = Math.max(newest('src'), newest('seeds'), newest('public'), statSync('index.html').mtimeMs, statSync('vite.config.ts').mtimeMs);
if (built < sources) {
  console.log('Đang đóng gói ứng dụng (vite build)… / Building the app…');
  execSync('npx vite build --logLevel warn', { stdio: 'inherit' });
}

const demo = process.env.DEMO ?? (process.env.NODE_ENV === 'production' ? '0' : '1');
// The demo also gets a simulated history of the Quảng Xương communes ("dữ liệu mô phỏng"), so every role has work.
const env = { ...process.env, DEMO: demo, DEMO_HISTORY: process.env.DEMO_HISTORY ?? demo };
const child = spawn(process.execPath, ['--import', 'tsx', 'sync-server/main.ts', ...process.argv.slice(2)], { stdio: 'inherit', env });
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig));
child.on('exit', (code) => process.exit(code ?? 0));
