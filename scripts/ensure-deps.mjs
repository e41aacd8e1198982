// Runs before `npm start`, `npm test` and `npm run bench` on a fresh clone: checks Node,
// installs the locked npm packages when they are missing or stale. Uses nothing but Node.
import { existsSync, statSync } from 'node:fs';
import { execSync } from 'node:child_process';

const [major, minor] = process.versions.node.split('.').map(Number);
if (major < 20 || (major === 20 && minor < 19)) {
  console.error(`Cần Node.js ≥ 20.19 (đang có ${process.versions.node}). Node.js 20.19 or newer is required: install it from your package manager or nodejs.org.`);
  process.exit(1);
}

const marker = 'node_modules/.package-lock.json';
const stale = !existsSync(marker) || statSync('package-lock.json').mtimeMs > statSync(marker).mtimeMs + 1000;
if (stale) {
  console.log('Đang cài các gói npm (npm ci)… / Installing npm packages (npm ci)…');
  try {
    execSync('npm ci --no-audit --no-fund', { stdio: 'inherit' });
  } catch {
    console.error('Không cài được các gói npm. `npm ci` failed: check access to the npm registry, then run `npm ci` yourself.');
    process.exit(1);
  }
}
