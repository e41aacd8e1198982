import type { Translation } from '../i18n/messages.ts';
import type { m } from './messages.ts';

const n = (x: number) => x.toLocaleString('en-GB');
const changes = (x: number) => `${n(x)} ${x === 1 ? 'change' : 'changes'}`;

/** English for the refusals a bundle can meet (the server's and this phone's own check send Vietnamese). */
const REFUSALS: Record<string, string> = {
  'handoff/malformed': 'The bundle cannot be read; receive it again from the sending phone',
  'handoff/bad-signature': 'The bundle was changed after the sending phone signed it (the signature does not match); receive it again from the sending phone',
  'handoff/too-large': 'The bundle is too large',
  'handoff/unknown-key': 'The server has no key for the phone that signed this bundle; its owner must sync once when online',
  'handoff/author-mismatch': 'The person named in the bundle does not own the phone that signed it',
  'handoff/device-revoked': 'The phone that signed this bundle has been revoked',
  'handoff/server-restored': 'The server was restored from a backup after the bundle was made; the sender will resend when they sync',
  'sync/seq-gap': 'Earlier changes of the sender have not reached the server yet; will try again',
  'sync/stale-batch': 'The server holds other changes under these numbers for the sending phone; the sender will resend when they sync',
};

export const en: Translation<typeof m> = {
  entryTitle: 'Hand over data without a network',
  entrySend: (count) => `Pass ${changes(count)} not yet sent to a commune officer’s phone`,
  entryReceive: 'Receive data from a village phone',
  entryWaiting: (count) => `${n(count)} ${count === 1 ? 'bundle' : 'bundles'} waiting to go to the server`,

  sendTitle: 'Hand over data',
  sendIntro:
    'With no network, pass your unsent changes to a commune officer’s phone (as a file or QR codes); that phone sends them to the server for you. The changes stay on this phone until the server confirms them.',
  pending: (count) => `${changes(count)} not yet sent to the server.`,
  nothingPending: 'No changes waiting: nothing to hand over.',
  tooMany: (count, max) => `A bundle carries at most ${n(max)} changes: this one carries the oldest ${n(max)}, the other ${n(count - max)} go in the next bundle.`,
  noKey: 'This phone has not registered its signing key with the server, so the server will not take the bundle. Sync once when online before using hand-over.',
  keyPending: 'The server has not yet confirmed this phone’s signing key (it has not synced since hand-over was added): the bundle may be refused.',
  makeBundle: 'Make a bundle',
  making: 'Making the bundle…',
  made: (saves, fields, from, to, kb, codes) => `The bundle holds ${changes(saves)} (${n(fields)} ${fields === 1 ? 'item' : 'items'}, no. ${n(from)}–${n(to)}), ${kb} KB, ${n(codes)} QR ${codes === 1 ? 'code' : 'codes'}.`,
  photosApart: 'Photos do not travel in the bundle: they are sent when this phone is online.',
  sendFile: 'Send the file (Zalo, Bluetooth…)',
  saveFile: 'Save the bundle file',
  fileSaved: 'File saved. Send it to the commune officer’s phone (Zalo, Bluetooth, cable…).',
  fileShared: 'The file was passed to another app.',
  showCodes: 'Show QR codes',
  codeOf: (i, total) => `Code ${n(i)}/${n(total)}`,
  codesHelp: 'Hold this screen in front of the receiving phone’s camera. The codes change by themselves; the receiver can read them in any order.',
  previous: 'Previous code',
  next: 'Next code',
  pause: 'Stop changing',
  play: 'Change codes by themselves',
  qrAlt: (i, total) => `QR code ${n(i)}/${n(total)} of the bundle`,
  packFailed: (reason) => `Could not make the bundle: ${reason}`,

  receiveTitle: 'Receive handed-over data',
  receiveIntro:
    'Receive a bundle from a village phone without a network: this phone checks its signature, keeps it apart from your own changes, and sends it to the server at the next sync.',
  fileLabel: 'Bundle file',
  imagesLabel: 'Photos of QR codes',
  scan: 'Scan QR codes with the camera',
  stopScan: 'Stop scanning',
  cameraFailed: 'The camera could not be opened. Allow the camera, or receive a file.',
  scanning: 'Hold the sending phone’s QR code in the frame…',
  collected: (have, total) => `Read ${n(have)}/${n(total)} codes`,
  missing: (list) => `; missing: ${list}`,
  notOurs: 'The picture holds no hand-over QR code.',
  checking: 'Checking the signature…',
  verified: 'Valid signature: the bundle has not changed since the sending phone signed it. The server also checks it against that phone’s registered key.',
  summary: (name, saves, fields, records) => `Bundle of ${name}: ${changes(saves)} (${n(fields)} ${fields === 1 ? 'item' : 'items'}), for ${n(records)} ${records === 1 ? 'record' : 'records'}`,
  kept: 'Kept, to be sent to the server at the next sync.',
  keptAgain: 'This bundle was received before; it will be sent again — the server records each change only once.',
  changesOf: (count) => changes(count),
  sendNow: 'Send to the server now',
  heldTitle: 'Bundles received',
  noneHeld: 'No bundle received yet.',
  held: (name, count, from, to) => `${name}: ${n(count)} ${count === 1 ? 'item' : 'items'} (no. ${n(from)}–${n(to)})`,
  stateWaiting: 'Waiting to go to the server',
  stateDelivered: (at) => `Taken by the server at ${at}`,
  stateDeliveredRefused: (at, count) => `Taken by the server at ${at}; ${changes(count)} not accepted (the sender will see why)`,
  stateRefused: (reason) => `Refused by the server: ${reason}`,
  stateDeferred: (reason) => `Not sent yet: ${reason}`,
  forget: 'Drop this bundle',
  refusal: (code, text) => REFUSALS[code] ?? text,
  record: (kind, name) => `${kind} — ${name}`,
};
