// What a gateway tells us of one received SMS. Each gateway app or provider has its own webhook
// body and authentication: a parser turns its request into an InboundSms (gateway-*.ts), so
// another format is one more parser, and inbound.ts never sees a gateway's shape.
import type { Context } from 'hono';

export interface InboundSms {
  /** The sender as the gateway reports it (normalised by inbound.ts). */
  from: string;
  text: string;
}

export type GatewayParse = { ok: true; sms: InboundSms } | { ok: false; status: 400 | 401; code: 'sms/bad-signature' | 'sms/malformed'; message: string };

export interface SmsGateway {
  readonly name: string;
  parse(c: Context, rawBody: string, now: number): Promise<GatewayParse>;
}
