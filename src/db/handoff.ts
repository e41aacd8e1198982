// What the hand-off between phones keeps on the device (src/domain/sync/bundle.ts):
//   - this phone's key pair for the person signed in: made with WebCrypto at first sign-in, the
//     private half not extractable (IndexedDB keeps the CryptoKey object itself, so its bytes
//     never reach script), the public half registered with the server once;
//   - bundles received from other phones (`relayed`), apart from the person's own outbox, until
//     the server has taken them.
import type { AppDb, OutboxRow, RelayRow } from './schema.ts';

const META_KEY = 'deviceKey';

export interface StoredDeviceKey {
  /** The device id the key was made for: a new id (renewed phone) gets a new key. */
  device: string;
  privateKey: CryptoKey;
  publicKey: CryptoKey;
  /** The public key, raw, base64url: what the server registers and a bundle carries. */
  publicText: string;
  /** The server confirmed it holds this key for the device. */
  registered: boolean;
}

export type NewRelay = Omit<RelayRow, 'state' | 'code' | 'message' | 'settledAt' | 'refusedChanges'>;

export class HandoffStore {
  constructor(private readonly db: AppDb) {}

  async deviceKey(device: string): Promise<StoredDeviceKey | null> {
    const key = (await this.db.meta.get(META_KEY))?.value as StoredDeviceKey | undefined;
    return key && key.device === device ? key : null;
  }

  /** Keeps the key made for `device` unless one is kept already for it (two tabs at first sign-in): the kept one is returned. */
  async keepDeviceKey(key: StoredDeviceKey): Promise<StoredDeviceKey> {
    return this.db.transaction('rw', [this.db.meta], async () => {
      const kept = await this.deviceKey(key.device);
      if (kept) return kept;
      await this.db.meta.put({ key: META_KEY, value: key });
      return key;
    });
  }

  async markKeyRegistered(device: string): Promise<void> {
    await this.db.transaction('rw', [this.db.meta], async () => {
      const kept = await this.deviceKey(device);
      if (kept) await this.db.meta.put({ key: META_KEY, value: { ...kept, registered: true } });
    });
  }

  /** The oldest queued changes of this person on this phone, at most `limit`, in seq order: what a bundle carries. */
  queuedChanges(limit: number): Promise<OutboxRow[]> {
    return this.db.outbox.orderBy('seq').limit(limit).toArray();
  }

  /**
   * Keeps a received bundle to relay. The same bundle again (read twice, or again after it was
   * delivered) goes back in the queue: the server applies a bundle once however often it
   * arrives, so sending it again is harmless, and the person asked for it. Returns whether it
   * was already here.
   */
  async keepBundle(bundle: NewRelay): Promise<'new' | 'again'> {
    return this.db.transaction('rw', [this.db.relayed], async () => {
      const known = await this.db.relayed.get(bundle.id);
      await this.db.relayed.put({ ...bundle, state: 'waiting', code: null, message: null, settledAt: null, refusedChanges: 0 });
      return known ? 'again' : 'new';
    });
  }

  /** Bundles to hand to the server at the next sync, oldest first. */
  async relayQueue(): Promise<RelayRow[]> {
    const rows = await this.db.relayed.where('state').equals('waiting').toArray();
    return rows.sort((a, b) => a.receivedAt - b.receivedAt);
  }

  relayed(): Promise<RelayRow[]> {
    return this.db.relayed.orderBy('id').toArray().then((rows) => rows.sort((a, b) => b.receivedAt - a.receivedAt));
  }

  async relayDelivered(id: string, at: number, refusedChanges: number): Promise<void> {
    await this.db.relayed.update(id, { state: 'delivered', settledAt: at, refusedChanges, code: null, message: null });
  }

  /** The server will never take it (changed on the way, unknown key…): kept with the reason, not sent again. */
  async relayRefused(id: string, code: string, message: string, at: number): Promise<void> {
    await this.db.relayed.update(id, { state: 'refused', code, message, settledAt: at });
  }

  /** Not taken this time, for a reason that can pass (the author's earlier changes are not on the server yet): tried again next sync. */
  async relayDeferred(id: string, code: string, message: string): Promise<void> {
    await this.db.relayed.update(id, { code, message });
  }

  async forgetBundle(id: string): Promise<void> {
    await this.db.relayed.delete(id);
  }
}
