// A person's phones and the officers who look after them:
//   POST /api/device/renew             this phone was restored from a backup or cloned: new id, new token
//   GET  /api/devices                  my phones
//   POST /api/devices/:id/revoke       a lost or handed-over phone: its tokens stop, its id is never bound again
//   GET  /api/users/:username/devices  someone's phones (who may revoke them)
//   POST /api/users/:username/unlock   forget someone's failed logins
import { Hono } from 'hono';
import { Username } from '../../src/domain/people.ts';
import type { AppEnv, Session } from '../http/env.ts';
import { ApiError } from '../http/errors.ts';
import { loadTree } from '../org/load-tree.ts';
import type { DeviceBinding, SyncStore, UserRecord } from '../store/types.ts';
import { isDeviceId } from './device-id.ts';
import { oversees } from './oversight.ts';
import { issueToken, mintBoundDevice } from './routes.ts';
import { noStore, requireSession } from './session.ts';

export interface DeviceView {
  id: string;
  createdAt: number | null;
  lastSeenAt: number | null;
  /** The phone this request came from. */
  current: boolean;
  revoked: boolean;
}

const view = (d: DeviceBinding, currentId: string): DeviceView => ({
  id: d.deviceId,
  createdAt: d.createdAt,
  lastSeenAt: d.lastSeenAt,
  current: d.deviceId === currentId,
  revoked: d.revokedAt !== null,
});

const forbidden = () => new ApiError(403, 'auth/forbidden', 'Bạn không có quyền quản lý tài khoản hoặc thiết bị này');
const unknownUser = (username: string) => new ApiError(404, 'auth/unknown-user', `Không có người dùng ${username}`);
const unknownDevice = () => new ApiError(404, 'auth/unknown-device', 'Không có thiết bị này');

export function deviceRoutes(deps: { store: SyncStore; now: () => number }) {
  const { store, now } = deps;
  const app = new Hono<AppEnv>();
  const session = requireSession(store, now);
  for (const path of ['/device/*', '/devices', '/devices/*', '/users/*']) app.use(path, noStore);

  /** The person named in the path, if the caller may act on them (themselves only when `self` is allowed). */
  async function target(me: Session['user'], rawUsername: string, self: boolean): Promise<UserRecord> {
    const parsed = Username.safeParse(rawUsername);
    const user = parsed.success ? await store.getUserByUsername(parsed.data) : null;
    // Only the admin learns that a name does not exist: nobody else can probe for usernames.
    if (!user) throw me.role === 'admin' ? unknownUser(rawUsername) : forbidden();
    if (self && user.id === me.id) return user;
    if (!oversees(me, user, await loadTree(store))) throw forbidden();
    return user;
  }

  app.post('/device/renew', session, async (c) => {
    const { user, token } = c.get('session');
    const renewed = await store.transaction(async (tx) => {
      const at = now();
      const deviceId = await mintBoundDevice(tx, user.id, at);
      const issued = await issueToken(tx, user.id, deviceId, at);
      await tx.revokeToken(token.hash, at);
      return { deviceId, ...issued };
    });
    return c.json(renewed);
  });

  app.get('/devices', session, async (c) => {
    const { user, token } = c.get('session');
    return c.json({ devices: (await store.listUserDevices(user.id)).map((d) => view(d, token.deviceId)) });
  });

  app.post('/devices/:id/revoke', session, async (c) => {
    const { user: me } = c.get('session');
    const id = c.req.param('id');
    const device = isDeviceId(id) ? await store.getDeviceBinding(id) : null;
    if (!device) throw unknownDevice();
    if (device.userId !== me.id) {
      const owner = await store.getUserById(device.userId);
      if (!owner || !oversees(me, owner, await loadTree(store))) throw forbidden();
    }
    const revokedTokens = await store.transaction((tx) => tx.revokeDevice(id, now()));
    return c.json({ ok: true, deviceId: id, revokedTokens });
  });

  app.get('/users/:username/devices', session, async (c) => {
    const { user: me, token } = c.get('session');
    const user = await target(me, c.req.param('username'), true);
    return c.json({ username: user.username, devices: (await store.listUserDevices(user.id)).map((d) => view(d, token.deviceId)) });
  });

  app.post('/users/:username/unlock', session, async (c) => {
    const user = await target(c.get('session').user, c.req.param('username'), false);
    const cleared = await store.clearLoginCounters(user.username);
    return c.json({ ok: true, username: user.username, cleared });
  });

  return app;
}
