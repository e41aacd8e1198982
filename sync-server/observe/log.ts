// Structured logs: one JSON object per line (pino), so an operator can search by request id,
// user or error code. The start-up banner (URL, demo logins) stays plain text for people.
import { pino, type Logger } from 'pino';

export type { Logger };

export function createLogger(options: { level?: string; destination?: NodeJS.WritableStream } = {}): Logger {
  // Tests see warnings and errors only; a deployment sees every request.
  const level = options.level ?? process.env.LOG_LEVEL ?? (process.env.NODE_ENV === 'test' ? 'warn' : 'info');
  return options.destination ? pino({ level, base: { pid: process.pid } }, options.destination) : pino({ level, base: { pid: process.pid } });
}

/**
 * A request the client gave up on (closed the tab, 2G dropped, phone slept) is not a server
 * fault: it is logged in one line without a stack trace.
 */
export function isClientAbort(err: unknown): boolean {
  if (!(err instanceof Error)) return false;
  const code = (err as { code?: unknown }).code;
  if (code === 'ECONNRESET' || code === 'ECONNABORTED' || code === 'ERR_STREAM_PREMATURE_CLOSE' || code === 'UND_ERR_ABORTED') return true;
  return err.name === 'AbortError' || /\b(aborted|terminated|socket hang up)\b/i.test(err.message);
}
