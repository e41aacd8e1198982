// Sending the reply text back through the gateway phone. "SMS Gateway for Android" takes
// POST <url> {"message": "<text>", "phoneNumbers": ["+84…"]} with HTTP basic auth, on the
// phone itself (local server, http://<phone>:8080/message) or through its cloud relay
// (https://api.sms-gate.app/3rdparty/v1/message). Unset: replies are only logged and returned
// in the webhook's answer.
export type SmsReplier = (to: string, text: string) => Promise<void>;

export function capcom6Replier(opts: { url: string; user: string; password: string; fetch?: typeof fetch }): SmsReplier {
  const send = opts.fetch ?? fetch;
  const auth = `Basic ${Buffer.from(`${opts.user}:${opts.password}`).toString('base64')}`;
  return async (to, text) => {
    const res = await send(opts.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: auth },
      body: JSON.stringify({ message: text, phoneNumbers: [to] }),
      signal: AbortSignal.timeout(15_000),
    });
    if (!res.ok) throw new Error(`SMS gateway answered ${res.status}`);
  };
}
