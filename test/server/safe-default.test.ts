// Issue 12 "safe by default": only `npm start` (which sets DEMO=1) gets the well-known demo
// accounts; the plain server and production create none, whatever DEMO says in production.
import { afterEach, describe, expect, it } from 'vitest';
import demoUsers from '../../seeds/demo-users.json';
import { startServer, type RunningServer } from '../helpers/server.ts';

let server: RunningServer | undefined;
afterEach(async () => {
  await server?.stop();
  server = undefined;
});

const loginStatus = async (url: string) =>
  (
    await fetch(`${url}/api/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'admin', password: demoUsers.password }),
    })
  ).status;

describe('demo accounts', () => {
  it('exist when demo mode is asked for (what npm start does)', async () => {
    server = await startServer({ env: { DEMO: '1' } });
    expect(await loginStatus(server.url)).toBe(200);
    expect(server.output()).toContain('Tài khoản demo');
  }, 40_000);

  it('are not created by a plain server start', async () => {
    server = await startServer({ env: { DEMO: undefined, NODE_ENV: undefined } });
    expect(await loginStatus(server.url)).toBe(401);
    expect(server.output()).not.toContain('Tài khoản demo');
  }, 40_000);

  it('are never created in production, even with DEMO=1', async () => {
    server = await startServer({ env: { DEMO: '1', NODE_ENV: 'production' } });
    expect(await loginStatus(server.url)).toBe(401);
    expect(server.output()).toContain('Bỏ qua DEMO=1');
  }, 40_000);
});
