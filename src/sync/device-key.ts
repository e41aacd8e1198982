// This phone's signing key for hand-off bundles (src/domain/sync/bundle.ts): made with WebCrypto
// the first time the person syncs on it (the private half cannot be extracted, and stays in the
// person's own database), and its public half registered with the server while there is a
// network — the village phone needs it registered before the day it has none.
import type { HandoffStore } from '../db/handoff.ts';
import { exportPublicKey, generateDeviceKey } from '../domain/sync/bundle.ts';

/** POSTs JSON with the session's token; resolves to the answer (any status) or rejects offline. */
export type PostJson = (path: string, body: unknown) => Promise<{ ok: boolean; status: number }>;

/** Makes the key once per device id, and registers it until the server has it. Offline: tried again at the next sync. */
export async function ensureDeviceKey(handoff: HandoffStore, device: string, post: PostJson): Promise<void> {
  let key = await handoff.deviceKey(device);
  if (!key) {
    const pair = await generateDeviceKey();
    key = await handoff.keepDeviceKey({ device, privateKey: pair.privateKey, publicKey: pair.publicKey, publicText: await exportPublicKey(pair.publicKey), registered: false });
  }
  if (key.registered) return;
  // 409: the server holds another key for this id (this phone's database was wiped, its id kept):
  // left unregistered, so the hand-off screen says bundles would be refused.
  if ((await post('/api/device/key', { k: key.publicText })).ok) await handoff.markKeyRegistered(device);
}
