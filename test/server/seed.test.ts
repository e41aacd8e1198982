import { describe, expect, it } from 'vitest';
import { winner } from '../../src/domain/sync/merge.ts';
import { readConfig } from '../../sync-server/config.ts';
import { DEMO_USERS, SEED_AUTHOR, seedHlc, seedStore } from '../../sync-server/seed.ts';
import { openSqliteStore } from '../../sync-server/store/sqlite.ts';
import { change, hlcAt, testServer, T0 } from './helpers.ts';

describe('seeding', () => {
  it('writes the documented adoptions once, through the merge path, and never again', async () => {
    const store = openSqliteStore({ file: ':memory:' });
    const first = await seedStore(store, { demo: false, now: T0 });
    expect(first.adoptionFields).toBe(12 * 4); // Thiệu Vân's 11 models and Đông Hải's one-stop desk
    const logged = (await store.pull({ after: 0, units: ['tv', 'dh'], limit: 1000, maxBytes: 1e9 })).changes;
    expect(logged).toHaveLength(48);
    expect(logged.every((c) => c.author === SEED_AUTHOR && c.hlc === seedHlc())).toBe(true);
    const doc = await store.getDoc('adoption', 'tv:mh-24');
    expect(winner(doc?.villageIds)?.value).toEqual(['tv-thon-1', 'tv-thon-2', 'tv-thon-3', 'tv-thon-4', 'tv-thon-5', 'tv-thon-6']);
    expect((await store.getRollup('tv'))?.rollup.models['mh-24']?.communes).toEqual({ none: ['tv'] });

    const again = await seedStore(store, { demo: false, now: T0 + 1000 });
    expect(again.adoptionFields).toBe(0);
    expect((await store.pull({ after: 0, units: ['tv', 'dh'], limit: 1000, maxBytes: 1e9 })).changes).toHaveLength(48);
    expect(await store.listUsers()).toEqual([]); // no demo users unless asked
    await store.close();
  });

  it('does not overwrite what a commune changed since', async () => {
    const s = await testServer({ demoUsers: true });
    const token = await s.session('u-thieuvan-congan', 'tvphone1');
    const edit = change(1, 'adoption', 'tv:mh-24', 'villageIds', ['tv-thon-2'], hlcAt(T0, 'tvphone1'), seedHlc(), 'tv');
    expect((await s.sync(token, 'tvphone1', [edit])).status).toBe(200);
    await seedStore(s.store, { demo: true, now: T0 + 1 });
    expect((await s.store.getField('adoption', 'tv:mh-24', 'villageIds'))?.heads.map((h) => h.value)).toEqual([['tv-thon-2']]);
    expect(await s.store.listUsers()).toHaveLength(DEMO_USERS.users.length); // demo users not duplicated
    await s.close();
  });

  it('creates demo users only in demo mode, never in production', () => {
    // A plain start (no DEMO) creates no demo account: `npm start` asks for demo mode itself.
    expect(readConfig({}, []).config).toMatchObject({ demo: false, production: false, port: 8080, host: '127.0.0.1', dataDir: './data' });
    expect(readConfig({ DEMO: '1' }, []).config.demo).toBe(true);
    expect(readConfig({ DEMO: '0' }, []).config.demo).toBe(false);
    expect(readConfig({}, ['--production']).config).toMatchObject({ demo: false, production: true });
    const forced = readConfig({ NODE_ENV: 'production', DEMO: '1' }, []);
    expect(forced.config.demo).toBe(false);
    expect(forced.warnings).toHaveLength(1);
    expect(readConfig({ DATA_DIR: '/srv/so-tay', PORT: '9000' }, []).config).toMatchObject({ dbFile: '/srv/so-tay/so-tay.db', port: 9000 });
    expect(() => readConfig({ PORT: 'tám' }, [])).toThrow('PORT không hợp lệ');
  });
});
