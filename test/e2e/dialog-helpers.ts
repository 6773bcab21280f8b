// Drives the application dialog over HTTP like a Teams client: reads the card the bot sent,
// fills its inputs from an application fixture (as strings, the way clients send them) and
// presses its buttons by verb.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { TApplicationDraft } from '../../domain/schemas';
import type { ApplicationStep } from '../../machines/application.steps';
import { INVOKE_RESPONSE_CARD_TYPE, type CardActionResponse } from '../../bot/transport-types';
import assert from 'node:assert/strict';
import { APPLICATION_STEPS } from '../../machines/application.steps';
import type { Harness, SendOptions } from './harness';

export type Card = { type: 'AdaptiveCard'; body: unknown[]; actions?: unknown[] };
type Node = Record<string, unknown>;

function walk(node: unknown, visit: (n: Node) => void): void {
  if (Array.isArray(node)) node.forEach((n) => walk(n, visit));
  else if (node && typeof node === 'object') {
    const n = node as Node;
    visit(n);
    for (const key of ['body', 'items', 'columns', 'actions', 'card']) if (key in n) walk(n[key], visit);
  }
}

export function inputIds(card: Card): string[] {
  const ids: string[] = [];
  walk(card, (n) => {
    if (typeof n.type === 'string' && n.type.startsWith('Input.') && typeof n.id === 'string') ids.push(n.id);
  });
  return ids;
}

// The input with this id, wherever it is on the card.
export function findInput(card: Card, id: string): Node {
  let found: Node | undefined;
  walk(card, (n) => {
    if (n.id === id && typeof n.type === 'string' && n.type.startsWith('Input.')) found ??= n;
  });
  if (!found) throw new Error(`no input ${id} on the card`);
  return found;
}

export function actionsOf(card: Card): Array<{ title: string; verb: string; data: Record<string, unknown> }> {
  const found: Array<{ title: string; verb: string; data: Record<string, unknown> }> = [];
  walk(card, (n) => {
    if (n.type === 'Action.Execute') found.push({ title: String(n.title), verb: String(n.verb), data: (n.data ?? {}) as Record<string, unknown> });
  });
  return found;
}

export function action(card: Card, verb: string, pick?: (data: Record<string, unknown>) => boolean) {
  const found = actionsOf(card).find((a) => a.verb === verb && (!pick || pick(a.data)));
  if (!found) throw new Error(`no ${verb} button on the card: ${cardText(card).slice(0, 300)}`);
  return found;
}

export const ADAPTIVE_CARD_TYPE = 'application/vnd.microsoft.card.adaptive';

// A stand-in for the OneDrive upload URL Teams hands over when a file offer is accepted: records
// every request's method, headers and bytes.
export async function startUploadTarget(): Promise<{ url: (name: string) => string; uploads: Array<{ method: string; headers: http.IncomingHttpHeaders; bytes: Buffer }>; close: () => Promise<void> }> {
  const uploads: Array<{ method: string; headers: http.IncomingHttpHeaders; bytes: Buffer }> = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      uploads.push({ method: req.method ?? '', headers: req.headers, bytes: Buffer.concat(chunks) });
      res.writeHead(201, { 'content-type': 'application/json' }).end('{}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: (name) => `http://127.0.0.1:${port}/upload/${encodeURIComponent(name)}`,
    uploads,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

export function cardText(card: Card): string {
  const parts: string[] = [];
  walk(card, (n) => {
    if (typeof n.text === 'string') parts.push(n.text);
    if (typeof n.title === 'string') parts.push(n.title);
    if (Array.isArray(n.facts)) for (const f of n.facts as Array<{ title: string; value: string }>) parts.push(`${f.title}: ${f.value}`);
  });
  return parts.join('\n');
}

export function heading(card: Card): string {
  const first = card.body[0] as Node | undefined;
  return String(first?.text ?? '');
}

export function cardOf(response: CardActionResponse): Card {
  if (response.type !== INVOKE_RESPONSE_CARD_TYPE) throw new Error(`expected a card, got ${JSON.stringify(response)}`);
  return response.value as unknown as Card;
}

// The last card the bot posted (not in an invoke response) in one conversation, e.g. the answer
// to a chat command. Always in a named conversation: a job may post in another one meanwhile
// (the Elevhälsa channel, someone else's chat), and on PostgreSQL its card can come last.
export function lastPostedCard(harness: Harness, conversationId: string): Card {
  // Adaptive Cards only: a file offer (file consent card) a job posts beside them is not one.
  const call = [...harness.sent].reverse().find((c) => c.body?.attachments?.[0]?.contentType === ADAPTIVE_CARD_TYPE && c.conversationId === conversationId);
  if (!call) throw new Error(`the bot has posted no card in ${conversationId}`);
  return call.body.attachments[0].content as Card;
}

// The conversation a send goes to: the one it names, else the harness's own.
export const conversationOf = (harness: Harness, opts: SendOptions = {}): string => opts.conversation?.id ?? harness.conversation.id;

function flatten(value: unknown, prefix: string, out: Record<string, string>): void {
  if (value === undefined || value === null) return;
  if (Array.isArray(value)) out[prefix] = value.join(',');
  else if (typeof value === 'object') for (const [k, v] of Object.entries(value)) flatten(v, prefix ? `${prefix}.${k}` : k, out);
  else out[prefix] = String(value);
}

const STEP_FIELDS: Partial<Record<ApplicationStep, Array<keyof TApplicationDraft>>> = {
  unitTerm: ['term', 'unit'],
  pupil: ['pupil'],
  placement: ['placement'],
  need: ['need'],
  mapping: ['mapping'],
  assessment: ['assessment'],
  effect: ['effect'],
};

// What a client sends for a step: only ids the card has, as strings.
export function stepInputs(card: Card, app: TApplicationDraft, step: ApplicationStep): Record<string, string> {
  const out: Record<string, string> = {};
  for (const field of STEP_FIELDS[step] ?? []) flatten(app[field], field, out);
  const ids = new Set(inputIds(card));
  const unknown = Object.keys(out).filter((k) => !ids.has(k));
  if (unknown.length > 0) throw new Error(`the ${step} card has no inputs ${unknown.join(', ')}`);
  return out;
}

export async function press(harness: Harness, card: Card, verb: string, inputs: Record<string, unknown> = {}, opts: SendOptions = {}, pick?: (d: Record<string, unknown>) => boolean) {
  const button = action(card, verb, pick);
  return cardOf(await harness.sendCardAction({ ...button.data, ...inputs }, { ...opts, verb }));
}

// A local file host standing in for Teams' pre-authorised download URLs.
export async function startFileHost(files: Record<string, Uint8Array>): Promise<{ url: (name: string) => string; close: () => Promise<void> }> {
  const server = http.createServer((req, res) => {
    const name = decodeURIComponent((req.url ?? '/').slice(1));
    const bytes = files[name];
    if (!bytes) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': bytes.byteLength }).end(Buffer.from(bytes));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: (name) => `http://127.0.0.1:${port}/${encodeURIComponent(name)}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/** A port nobody listens on now, for a child process that must be told its port. */
export async function freePort(): Promise<number> {
  const s = http.createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const p = (s.address() as AddressInfo).port;
  await new Promise((r) => s.close(r));
  return p;
}

export const DEFAULT_UPLOADS = [
  ['atgardsprogram.pdf', 'atgardsprogram'],
  ['psykologutlatande.pdf', 'psykologbedomning'],
] as const;

// "Ny ansökan" with drafts open offers to continue them; a test that wants a new draft asks for
// it deliberately, as a principal would with "Börja en ny ansökan".
export async function startedDraft(harness: Harness, card: Card, opts: SendOptions = {}): Promise<Card> {
  return actionsOf(card).some((a) => a.verb === 'app.new.confirm') ? press(harness, card, 'app.new.confirm', {}, opts) : card;
}

export async function newApplication(harness: Harness, opts: SendOptions = {}): Promise<Card> {
  await harness.sendMessage('ny ansökan', opts);
  // The answer in the sender's own chat: a job may post elsewhere meanwhile.
  return startedDraft(harness, lastPostedCard(harness, conversationOf(harness, opts)), opts);
}

// Walks a draft from the first card to the summary with the answers in `app`.
export async function walkToSummary(
  harness: Harness,
  files: { url: (name: string) => string },
  first: Card,
  app: TApplicationDraft,
  uploads: ReadonlyArray<readonly [string, string]> = DEFAULT_UPLOADS,
): Promise<Card> {
  let card = await startedDraft(harness, first);
  for (const step of APPLICATION_STEPS) {
    if (step === 'summary') break;
    if (step === 'measures') {
      for (const m of app.measures ?? []) {
        card = await press(harness, card, 'measure.add', {
          'measure.type': m.type,
          'measure.description': m.description,
          'measure.hoursPerWeek': String(m.hoursPerWeek ?? ''),
        });
      }
    }
    if (step === 'attachments') {
      for (const [name, kind] of uploads) {
        await harness.sendFile({ name, downloadUrl: files.url(name) });
        const asked = lastPostedCard(harness, conversationOf(harness));
        assert.match(cardText(asked), new RegExp(name.replace('.', '\\.')));
        card = await press(harness, asked, 'attachment.kind', { 'attachment.kind': kind });
      }
    }
    const next = await press(harness, card, 'step.next', stepInputs(card, app, step));
    assert.match(heading(next), new RegExp(`^Steg ${APPLICATION_STEPS.indexOf(step) + 2} av 10`), `after ${step}: ${cardText(next).slice(0, 400)}`);
    card = next;
  }
  return card;
}

