// One simulated principal over HTTP: Bot Framework activities posted to the bot's
// /api/messages, every turn timed from the request until its response body is read. Drives a
// full application card by card the way test/e2e/application.test.ts does (same helpers: the
// inputs a step card has, the buttons it offers), and checks each card it gets back, so a run
// that "goes fast" by failing is caught.
import { randomUUID } from 'node:crypto';
import type { TApplicationDraft } from '../domain/schemas';
import { APPLICATION_STEPS, type ApplicationStep } from '../machines/application.steps';
import { INVOKE_RESPONSE_CARD_TYPE, INVOKE_RESPONSE_MESSAGE_TYPE, FILE_DOWNLOAD_INFO_CONTENT_TYPE } from '../bot/transport-types';
import { action, cardText, heading, stepInputs, type Card } from '../test/e2e/dialog-helpers';
import type { BenchConnector } from './connector';
import type { BenchPrincipal } from './principals';

export type TurnKind = 'command' | 'step' | 'measure' | 'file' | 'fileKind' | 'submit';
export type TurnSample = { kind: TurnKind; ms: number };

export class DialogError extends Error {
  override readonly name = 'DialogError';
}

export type ClientOptions = {
  /** Several: the turns go to each in turn, so one dialog moves between bot instances. */
  botUrl: string | readonly string[];
  botAccountId: string;
  connector: BenchConnector;
  /** Per request. */
  timeoutMs: number;
  /** No new turn starts after this (performance.now() clock). */
  deadline: number;
  /** Called for every turn that answered HTTP 200. */
  record?: (sample: TurnSample) => void;
};

export type BenchFile = { name: string; kind: string; url: string };

/** `receivedAt`: performance.now() when the submit turn's response (the receipt) was read. */
export type ApplicationOutcome = { caseNumber: string; draftId: string; turns: number; receivedAt: number };

export function createClient(principal: BenchPrincipal, options: ClientOptions) {
  const { connector } = options;
  const botUrls = typeof options.botUrl === 'string' ? [options.botUrl] : options.botUrl;
  let turns = 0;
  let lastResponseAt = 0;

  const envelope = (type: string) => ({
    type,
    id: `in-${randomUUID()}`,
    timestamp: new Date().toISOString(),
    channelId: 'msteams',
    serviceUrl: connector.serviceUrl,
    from: { id: principal.teamsUserId, name: principal.displayName, aadObjectId: principal.aadObjectId },
    recipient: { id: options.botAccountId, name: 'Tilläggsbot' },
    conversation: { id: principal.conversationId, conversationType: 'personal', tenantId: principal.tenantId },
    channelData: { tenant: { id: principal.tenantId } },
    locale: 'sv-SE',
  });

  async function post(kind: TurnKind | undefined, activity: Record<string, unknown>): Promise<unknown> {
    if (performance.now() > options.deadline) throw new DialogError('time budget used up before the application was done');
    const started = performance.now();
    const res = await fetch(botUrls[turns % botUrls.length]!, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(activity),
      signal: AbortSignal.timeout(options.timeoutMs),
    });
    const text = await res.text();
    lastResponseAt = performance.now();
    const ms = lastResponseAt - started;
    if (res.status !== 200) throw new DialogError(`${kind ?? 'turn'}: HTTP ${res.status} ${text.slice(0, 300)}`);
    turns += 1;
    if (kind) options.record?.({ kind, ms });
    return text ? JSON.parse(text) : undefined;
  }

  // A message turn answers with a card posted to the chat: the one the connector got last.
  async function postForCard(kind: TurnKind | undefined, activity: Record<string, unknown>): Promise<Card> {
    const before = connector.posted(principal.conversationId);
    await post(kind, activity);
    if (connector.posted(principal.conversationId) === before) throw new DialogError(`${kind ?? 'turn'}: the bot posted nothing`);
    const card = connector.lastCard(principal.conversationId);
    if (!card) throw new DialogError(`${kind ?? 'turn'}: the bot posted no card`);
    return card;
  }

  const sendMessage = (text: string, kind?: TurnKind) => postForCard(kind, { ...envelope('message'), text });

  const sendFile = (file: BenchFile) =>
    postForCard('file', {
      ...envelope('message'),
      text: '',
      attachments: [
        {
          contentType: FILE_DOWNLOAD_INFO_CONTENT_TYPE,
          name: file.name,
          contentUrl: `https://contoso-my.sharepoint.com/personal/rektor/Documents/Microsoft Teams Chat Files/${encodeURIComponent(file.name)}`,
          content: { downloadUrl: file.url, uniqueId: randomUUID().toUpperCase(), fileType: file.name.split('.').pop() ?? '' },
        },
      ],
    });

  // Action.Execute with this data (a button's ids and the card's inputs): the card the bot
  // answers with, or the message it shows instead (a refusal, such as a stale card's).
  async function act(verb: string, data: Record<string, unknown>, kind?: TurnKind): Promise<{ card: Card } | { message: string }> {
    const body = (await post(kind, {
      ...envelope('invoke'),
      name: 'adaptiveCard/action',
      value: { action: { type: 'Action.Execute', verb, data }, trigger: 'manual' },
    })) as { type?: string; value?: unknown } | undefined;
    if (body?.type === INVOKE_RESPONSE_CARD_TYPE) return { card: body.value as Card };
    if (body?.type === INVOKE_RESPONSE_MESSAGE_TYPE && typeof body.value === 'string') return { message: body.value };
    throw new DialogError(`${verb}: expected a card or a message, got ${JSON.stringify(body).slice(0, 300)}`);
  }

  async function invoke(verb: string, data: Record<string, unknown>, kind?: TurnKind): Promise<Card> {
    const answer = await act(verb, data, kind);
    if ('message' in answer) throw new DialogError(`${verb}: expected a card, got the message "${answer.message}"`);
    return answer.card;
  }

  // A button of `card`, with the card's inputs; the answer is the next card.
  const press = (kind: TurnKind, card: Card, verb: string, inputs: Record<string, unknown> = {}) => invoke(verb, { ...action(card, verb).data, ...inputs }, kind);

  const expectHeading = (card: Card, pattern: RegExp, after: string) => {
    if (!pattern.test(heading(card))) throw new DialogError(`after ${after}: expected ${pattern}, got: ${cardText(card).slice(0, 400)}`);
  };

  /** From "ny ansökan" to the receipt; throws DialogError on any unexpected card. */
  async function apply(app: TApplicationDraft, files: BenchFile[]): Promise<ApplicationOutcome> {
    const { card, draftId } = await walk(app, files, 'summary');
    const receipt = await press('submit', card, 'app.submit', { 'signature.confirmed': 'true' });
    const receivedAt = lastResponseAt;
    expectHeading(receipt, /Ansökan är inskickad/, 'app.submit');
    const caseNumber = /\bTB-\d{4}-\d{4}\b/.exec(cardText(receipt))?.[0];
    if (!caseNumber) throw new DialogError(`receipt without a case number: ${cardText(receipt).slice(0, 300)}`);
    return { caseNumber, draftId, turns, receivedAt };
  }

  /** "ny ansökan" and the steps before `until` answered: a draft left open there. */
  async function startDraft(app: TApplicationDraft, files: BenchFile[], until: ApplicationStep): Promise<string> {
    return (await walk(app, files, until)).draftId;
  }

  async function walk(app: TApplicationDraft, files: BenchFile[], until: ApplicationStep): Promise<{ card: Card; draftId: string }> {
    let card = await sendMessage('ny ansökan', 'command');
    expectHeading(card, /^Steg 1 av 10/, 'ny ansökan');
    const draftId = String(action(card, 'draft.save').data.draftId);
    for (const [i, step] of APPLICATION_STEPS.entries()) {
      if (step === until) break;
      if (step === 'measures') {
        for (const m of app.measures ?? []) {
          card = await press('measure', card, 'measure.add', {
            'measure.type': m.type,
            'measure.description': m.description,
            'measure.hoursPerWeek': String(m.hoursPerWeek ?? ''),
          });
        }
      }
      if (step === 'attachments') {
        for (const file of files) {
          const asked = await sendFile(file);
          if (!cardText(asked).includes(file.name)) throw new DialogError(`file ${file.name}: ${cardText(asked).slice(0, 300)}`);
          card = await press('fileKind', asked, 'attachment.kind', { 'attachment.kind': file.kind });
        }
      }
      card = await press('step', card, 'step.next', stepInputs(card, app, step));
      expectHeading(card, new RegExp(`^Steg ${i + 2} av 10`), step);
    }
    return { card, draftId };
  }

  /** A new draft's first card, for walkSteps. */
  async function openDraft(): Promise<Card> {
    const card = await sendMessage('ny ansökan', 'command');
    expectHeading(card, /^Steg 1 av 10/, 'ny ansökan');
    return card;
  }

  /**
   * Step turns only: moves between a new draft's first two steps `count` times (next with the
   * first step's answers, back with the second's), each a save and a transition like any step.
   * Every card is checked, as in apply(); returns the last one.
   */
  async function walkSteps(from: Card, app: TApplicationDraft, count: number): Promise<Card> {
    const [first, second] = [APPLICATION_STEPS[0]!, APPLICATION_STEPS[1]!];
    let card = from;
    for (let i = 0; i < count; i++) {
      if (/^Steg 1 av 10/.test(heading(card))) {
        card = await press('step', card, 'step.next', stepInputs(card, app, first));
        expectHeading(card, /^Steg 2 av 10/, 'step.next');
      } else {
        // Back sends the card's inputs too (associatedInputs: auto), as Teams does.
        card = await press('step', card, 'step.back', stepInputs(card, app, second));
        expectHeading(card, /^Steg 1 av 10/, 'step.back');
      }
    }
    return card;
  }

  return { sendMessage, apply, startDraft, act, invoke, openDraft, walkSteps, get turns() { return turns; } };
}
