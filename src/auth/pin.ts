// An optional device PIN: phones in a commune office are often shared, and the session stays
// on the device for weeks so the app opens offline. The PIN is never stored, only a salted
// PBKDF2 hash (WebCrypto), and it is checked on the device — it needs no network.
import { del, get, set } from 'idb-keyval';
import { m } from './messages.ts';

const KEY = 'pinLock';
const ITERATIONS = 150_000;

interface StoredPin {
  salt: string;
  hash: string;
  iterations: number;
}

const b64 = (bytes: ArrayBuffer | Uint8Array) => btoa(String.fromCharCode(...new Uint8Array(bytes)));
const unb64 = (text: string) => Uint8Array.from(atob(text), (c) => c.charCodeAt(0));

async function derive(pin: string, salt: Uint8Array, iterations: number): Promise<string> {
  const key = await crypto.subtle.importKey('raw', new TextEncoder().encode(pin), 'PBKDF2', false, ['deriveBits']);
  const bits = await crypto.subtle.deriveBits({ name: 'PBKDF2', hash: 'SHA-256', salt: salt as BufferSource, iterations }, key, 256);
  return b64(bits);
}

export const PIN_PATTERN = /^\d{4,8}$/;

export async function setPin(pin: string): Promise<void> {
  if (!PIN_PATTERN.test(pin)) throw new Error(m.pinPattern);
  const salt = crypto.getRandomValues(new Uint8Array(16));
  await set(KEY, { salt: b64(salt), hash: await derive(pin, salt, ITERATIONS), iterations: ITERATIONS } satisfies StoredPin);
}

export async function hasPin(): Promise<boolean> {
  return (await get<StoredPin>(KEY)) !== undefined;
}

export async function checkPin(pin: string): Promise<boolean> {
  const stored = await get<StoredPin>(KEY);
  if (!stored) return true;
  const candidate = await derive(pin, unb64(stored.salt), stored.iterations);
  // Constant-time comparison is not needed against someone holding the phone; equality is.
  return candidate === stored.hash;
}

export const clearPin = () => del(KEY);
