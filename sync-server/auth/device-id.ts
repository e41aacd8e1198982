// Device ids are the server's: it mints them at login (or binds one the phone proposes, first
// binding wins) and refuses the names it uses for itself, so no stamp can pass for the
// server's own or for seed data.
import { randomInt } from 'node:crypto';
import { DEVICE_ID } from '../../src/domain/sync/hlc.ts';

const BASE36 = '0123456789abcdefghijklmnopqrstuvwxyz';

/** "d" + 15 random base36 characters (≈ 77 bits): matches DEVICE_ID, never reserved. */
export function mintDeviceId(): string {
  let id = 'd';
  for (let i = 0; i < 15; i++) id += BASE36[randomInt(36)];
  return id;
}

/** "server…" stamps re-stamped changes and "seed…" the seed data: no phone may be either. */
export const isReservedDeviceId = (id: string): boolean => /^(server|seed)/i.test(id);

export const isDeviceId = (id: string): boolean => DEVICE_ID.test(id);
