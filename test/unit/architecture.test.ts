// Rules of the codebase that a type checker cannot see, checked on every run.
import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';

const root = join(import.meta.dirname, '../..');
function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? files(p) : /\.(ts|tsx)$/.test(name) ? [relative(root, p)] : [];
  });
}
const src = files(join(root, 'src'));
const importsOf = (file: string) => [...readFileSync(join(root, file), 'utf8').matchAll(/from '([^']+)'/g)].map((m) => m[1]!);

describe('architecture', () => {
  it('only src/db talks to IndexedDB (so a write cannot skip its outbox row)', () => {
    const offenders = src.filter((f) => !f.startsWith('src/db/') && importsOf(f).some((i) => i === 'dexie' || /indexedDB/.test(i)));
    expect(offenders).toEqual([]);
  });

  it('the app never imports classic zod: the field app loads zod/mini only (first-load budget)', () => {
    const offenders = src.filter((f) => importsOf(f).includes('zod'));
    expect(offenders).toEqual([]);
  });

  it('the shared domain core imports nothing from the app, the server, the browser or Node', () => {
    const domain = src.filter((f) => f.startsWith('src/domain/'));
    expect(domain.length).toBeGreaterThan(10);
    for (const f of domain) {
      for (const i of importsOf(f)) {
        const ok = i === 'zod/mini' || (i.startsWith('.') && relative(root, join(root, dirname(f), i)).startsWith('src/domain/'));
        expect(ok, `${f} imports ${i}`).toBe(true);
      }
    }
  });

  it('only the sw-bridge modules talk to the service worker', () => {
    // sw-bridge.ts (first load) and its lazily loaded siblings, e.g. sw-bridge-reminders.ts.
    const bridge = /^src\/sw-bridge(-[a-z]+)?\.ts$/;
    const offenders = src.filter((f) => !bridge.test(f) && f !== 'src/sw.ts' && /navigator\.serviceWorker|workbox-window/.test(readFileSync(join(root, f), 'utf8')));
    expect(offenders).toEqual([]);
  });
});
