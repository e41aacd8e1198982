// The address login attempts are counted per. Behind a trusted reverse proxy it is the entry
// the proxy APPENDED to X-Forwarded-For (the rightmost): everything left of it was written by
// the client and can be anything. IPv6 clients are counted per /64, the block one subscriber
// gets, so walking through its 2^64 addresses does not reset the count.
import type { HttpBindings } from '@hono/node-server';
import type { Context } from 'hono';
import { isIPv4, isIPv6 } from 'node:net';
import type { AppEnv } from '../http/env.ts';

function ipv6Prefix64(address: string): string {
  const [head = '', tail] = address.split('::') as [string, string | undefined];
  const groups = (s: string) => (s === '' ? [] : s.split(':').flatMap((g) => (g.includes('.') ? ['0', '0'] : [g])));
  const h = groups(head);
  const all = tail === undefined ? h : [...h, ...Array<string>(Math.max(0, 8 - h.length - groups(tail).length)).fill('0'), ...groups(tail)];
  return `${all.slice(0, 4).map((g) => parseInt(g, 16).toString(16)).join(':')}::/64`;
}

export function normalizeAddress(raw: string): string {
  let a = raw.trim();
  if (a.startsWith('[') && a.includes(']')) a = a.slice(1, a.indexOf(']')); // "[2001:db8::1]:443"
  a = a.replace(/%.*$/, ''); // zone id
  const v4WithPort = /^(\d{1,3}(?:\.\d{1,3}){3}):\d+$/.exec(a);
  if (v4WithPort) a = v4WithPort[1]!;
  const mapped = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i.exec(a);
  if (mapped) a = mapped[1]!;
  if (isIPv4(a)) return a;
  if (isIPv6(a)) return ipv6Prefix64(a.toLowerCase());
  return a.slice(0, 100) || 'unknown';
}

export const socketAddress = (c: Context<AppEnv>): string =>
  normalizeAddress((c.env as Partial<HttpBindings> | undefined)?.incoming?.socket.remoteAddress ?? 'unknown');

/** TRUST_PROXY: the rightmost X-Forwarded-For entry; the socket's address when there is none. */
export function proxiedAddress(c: Context<AppEnv>): string {
  const entries = (c.req.header('x-forwarded-for') ?? '').split(',').map((e) => e.trim()).filter(Boolean);
  const appended = entries[entries.length - 1];
  return appended ? normalizeAddress(appended) : socketAddress(c);
}
