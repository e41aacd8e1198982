// A loopback TCP proxy that emulates a slow link's latency and counts what crosses it.
//
// Every chunk is held `oneWayMs` in each direction (order kept per connection), so one
// HTTP request/response exchange costs at least 2 × oneWayMs: 150 ms each way = the
// 300 ms round trip of a 2G link. It counts the bytes of the HTTP stream as sent on the
// wire (request line, headers, bodies — compressed bodies as the server compressed
// them), the HTTP requests (by parsing request heads in the client → server stream),
// and the TCP connections opened. TCP/IP framing and TLS are not counted (loopback is
// plain HTTP).
import { createServer, connect, type Server, type Socket } from 'node:net';

export interface ProxyStats {
  bytesUp: number;
  bytesDown: number;
  requests: number;
  connections: number;
}

/** Counts HTTP/1.1 requests in a client → server byte stream (Content-Length or chunked bodies). */
class RequestCounter {
  private buf: Buffer = Buffer.alloc(0);
  private state: 'head' | 'body' | 'chunkSize' | 'chunkData' | 'trailer' = 'head';
  private remaining = 0;
  constructor(private readonly onRequest: (requestLine: string) => void) {}

  push(chunk: Buffer): void {
    this.buf = this.buf.length ? Buffer.concat([this.buf, chunk]) : chunk;
    for (let guard = 0; guard < 100_000; guard++) {
      if (!this.step()) return;
    }
  }

  /** One parsing step; false when more bytes are needed. */
  private step(): boolean {
    switch (this.state) {
      case 'head': {
        const end = this.buf.indexOf('\r\n\r\n');
        if (end < 0) return false;
        const head = this.buf.subarray(0, end).toString('latin1');
        this.buf = this.buf.subarray(end + 4);
        this.onRequest(head.slice(0, head.indexOf('\r\n') >= 0 ? head.indexOf('\r\n') : head.length));
        const chunked = /\r\ntransfer-encoding:[^\r\n]*chunked/i.test(head);
        const len = /\r\ncontent-length:\s*(\d+)/i.exec(head);
        if (chunked) this.state = 'chunkSize';
        else if (len && Number(len[1]) > 0) {
          this.state = 'body';
          this.remaining = Number(len[1]);
        }
        return true;
      }
      case 'body': {
        if (this.buf.length === 0) return false;
        const take = Math.min(this.remaining, this.buf.length);
        this.buf = this.buf.subarray(take);
        this.remaining -= take;
        if (this.remaining === 0) this.state = 'head';
        return true;
      }
      case 'chunkSize': {
        const end = this.buf.indexOf('\r\n');
        if (end < 0) return false;
        const size = parseInt(this.buf.subarray(0, end).toString('latin1').split(';')[0]!.trim(), 16);
        this.buf = this.buf.subarray(end + 2);
        if (!Number.isFinite(size) || size === 0) this.state = 'trailer';
        else {
          this.state = 'chunkData';
          this.remaining = size + 2; // data + CRLF
        }
        return true;
      }
      case 'chunkData': {
        if (this.buf.length === 0) return false;
        const take = Math.min(this.remaining, this.buf.length);
        this.buf = this.buf.subarray(take);
        this.remaining -= take;
        if (this.remaining === 0) this.state = 'chunkSize';
        return true;
      }
      case 'trailer': {
        // Trailers end with an empty line; usually there are none ("\r\n").
        const end = this.buf.indexOf('\r\n');
        if (end < 0) return false;
        const line = this.buf.subarray(0, end);
        this.buf = this.buf.subarray(end + 2);
        if (line.length === 0) this.state = 'head';
        return true;
      }
    }
  }
}

/** Delivers chunks to `out` `delayMs` after they arrived, in order. */
class DelayLine {
  private queue: { at: number; chunk: Buffer }[] = [];
  private timer: NodeJS.Timeout | null = null;
  private ended = false;
  constructor(
    private readonly out: Socket,
    private readonly delay: () => number,
  ) {}
  push(chunk: Buffer): void {
    this.queue.push({ at: Date.now() + this.delay(), chunk });
    this.schedule();
  }
  end(): void {
    this.ended = true;
    this.schedule();
  }
  private schedule(): void {
    if (this.timer) return;
    const head = this.queue[0];
    if (!head) {
      if (this.ended) this.out.end();
      return;
    }
    this.timer = setTimeout(() => {
      this.timer = null;
      const now = Date.now();
      while (this.queue.length && this.queue[0]!.at <= now) {
        const { chunk } = this.queue.shift()!;
        if (!this.out.destroyed) this.out.write(chunk);
      }
      this.schedule();
    }, Math.max(0, head.at - Date.now()));
  }
}

export class LatencyProxy {
  readonly stats: ProxyStats = { bytesUp: 0, bytesDown: 0, requests: 0, connections: 0 };
  /** Request lines ("POST /api/sync HTTP/1.1") since the last reset. */
  requestLines: string[] = [];
  /** One-way delay in ms; set to 0 for untimed set-up traffic. */
  oneWayMs: number;
  private server: Server | null = null;
  private sockets = new Set<Socket>();
  port = 0;

  constructor(
    private readonly target: { host: string; port: number },
    oneWayMs = 150,
  ) {
    this.oneWayMs = oneWayMs;
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  reset(): ProxyStats {
    const before = { ...this.stats };
    this.stats.bytesUp = 0;
    this.stats.bytesDown = 0;
    this.stats.requests = 0;
    this.stats.connections = 0;
    this.requestLines = [];
    return before;
  }

  snapshot(): ProxyStats {
    return { ...this.stats };
  }

  async start(): Promise<void> {
    this.server = createServer((client) => {
      this.stats.connections++;
      this.sockets.add(client);
      const upstream = connect(this.target.port, this.target.host);
      this.sockets.add(upstream);
      const toServer = new DelayLine(upstream, () => this.oneWayMs);
      const toClient = new DelayLine(client, () => this.oneWayMs);
      const counter = new RequestCounter((line) => {
        this.stats.requests++;
        if (this.requestLines.length < 500) this.requestLines.push(line);
      });
      client.on('data', (chunk: Buffer) => {
        this.stats.bytesUp += chunk.length;
        counter.push(chunk);
        toServer.push(chunk);
      });
      upstream.on('data', (chunk: Buffer) => {
        this.stats.bytesDown += chunk.length;
        toClient.push(chunk);
      });
      client.on('end', () => toServer.end());
      upstream.on('end', () => toClient.end());
      const close = () => {
        client.destroy();
        upstream.destroy();
        this.sockets.delete(client);
        this.sockets.delete(upstream);
      };
      client.on('error', close);
      upstream.on('error', close);
      client.on('close', () => this.sockets.delete(client));
      upstream.on('close', () => this.sockets.delete(upstream));
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    const addr = this.server.address();
    this.port = typeof addr === 'object' && addr ? addr.port : 0;
  }

  async stop(): Promise<void> {
    for (const s of this.sockets) s.destroy();
    this.sockets.clear();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}
