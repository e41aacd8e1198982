// A TCP proxy on loopback that behaves like a bad 2G link: it delays every chunk and, with
// a given probability per chunk, cuts the connection partway through that chunk — in the middle
// of a request or of a response. Seeded, so a failing run can be replayed.
import { createServer, connect, type Server, type Socket } from 'node:net';

export interface FaultyProxy {
  url: string;
  stats: { connections: number; cut: number; bytesUp: number; bytesDown: number };
  close: () => Promise<void>;
}

export async function startFaultyProxy(target: { host: string; port: number }, opts: { cutProbability: number; delayMs: [number, number]; seed: number }): Promise<FaultyProxy> {
  let seed = opts.seed >>> 0;
  const random = () => ((seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0) / 2 ** 32);
  const delay = () => opts.delayMs[0] + random() * (opts.delayMs[1] - opts.delayMs[0]);
  const stats = { connections: 0, cut: 0, bytesUp: 0, bytesDown: 0 };
  const sockets = new Set<Socket>();

  const server: Server = createServer((client) => {
    stats.connections++;
    const upstream = connect(target.port, target.host);
    sockets.add(client).add(upstream);
    // Where to cut this connection: after this many bytes in one direction (or never).
    const kill = () => {
      stats.cut++;
      client.destroy();
      upstream.destroy();
    };
    const pipe = (from: Socket, to: Socket, dir: 'up' | 'down') =>
      from.on('data', (chunk: Buffer) => {
        from.pause();
        setTimeout(() => {
          if (to.destroyed) return;
          // Connections are kept alive across requests: any chunk, either way, may be the last.
          if (random() < opts.cutProbability) {
            to.write(chunk.subarray(0, Math.floor(random() * chunk.length)));
            kill();
            return;
          }
          if (dir === 'up') stats.bytesUp += chunk.length;
          else stats.bytesDown += chunk.length;
          to.write(chunk);
          from.resume();
        }, delay());
      });
    pipe(client, upstream, 'up');
    pipe(upstream, client, 'down');
    const end = () => {
      client.destroy();
      upstream.destroy();
      sockets.delete(client);
      sockets.delete(upstream);
    };
    client.on('close', end).on('error', end);
    upstream.on('close', end).on('error', end);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}`,
    stats,
    close: () =>
      new Promise((r) => {
        for (const s of sockets) s.destroy();
        server.close(() => r());
      }),
  };
}
