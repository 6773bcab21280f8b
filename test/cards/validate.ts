// Checks an Adaptive Card the way Teams will see it, for any layer's tests:
// `validateCard(card)` returns a list of problems, empty when the card is fine.
//
// The adaptivecards package is loaded from its UMD build through createRequire: its ESM `lib/`
// uses extension-less imports that Node cannot resolve. The UMD bundle touches `document` and
// `window` only when rendering, so parsing and validateProperties() run in plain Node with no
// DOM shim (checked against adaptivecards 3.0.6; rendering is never called here).
import { createRequire } from 'node:module';
import { isDeepStrictEqual } from 'node:util';
import type * as ACModule from 'adaptivecards';
import { CARD_VERBS, VERB_DATA_KEYS, isCardVerb } from '../../cards/verbs';

const require = createRequire(import.meta.url);
const AC = require('adaptivecards/dist/adaptivecards.js') as typeof ACModule;

export const MAX_CARD_BYTES = 28 * 1024;

// Input ids must be data-dictionary paths (shared/DESIGN.md), not free names.
export const DATA_DICTIONARY_IDS: RegExp[] = [
  /^term$/,
  /^unit\.id$/,
  /^pupil\.(protectedIdentity|personnummer|firstName|lastName|registeredMunicipality|schoolForm|grade)$/,
  /^placement\.(group|attendanceHoursPerWeek)$/,
  /^need\.(criteria|description|documentedBy\.competence|documentedBy\.name)$/,
  /^mapping\.(cognitive|social|needs|prognosis)$/,
  /^assessment\.[a-z][a-zA-Z0-9]*\.(current|desired)$/,
  /^measure\.(type|description|hoursPerWeek|cost)$/,
  /^effect\.description$/,
  /^attachment\.(kind|id)$/,
  // signature.comment: the principal sending a drafter's application back.
  /^signature\.(confirmed|comment)$/,
  /^followUp\.(results|continuedNeed|comment)$/,
  /^followUp\.measures\.[A-Za-z0-9_-]+\.(carriedOut|hoursPerWeek|effect)$/,
  /^decision\.(outcome|amountPerMonth|from|to|reason|approvedMeasures|significantDifficulties|followUpSchedule|followUpDate)$/,
  /^completion\.(message|step|replyBy)$/,
  // The case flow: a named handler, the principal's reason for withdrawing.
  /^handover\.to$/,
  /^withdrawal\.reason$/,
  /^decision\.(endFrom|endReason)$/,
];

// Properties of schema 1.5, per type, for the types our cards use. The parser silently drops
// unknown properties, so a typo ("isMultiline" vs "multiline") would otherwise go unnoticed.
const ELEMENT = ['type', 'id', 'spacing', 'separator', 'height', 'isVisible', 'requires', 'fallback'];
const INPUT = [...ELEMENT, 'label', 'isRequired', 'errorMessage', 'value'];
const ACTION = ['type', 'title', 'id', 'iconUrl', 'style', 'fallback', 'tooltip', 'isEnabled', 'mode', 'requires'];
const ALLOWED: Record<string, string[]> = {
  AdaptiveCard: ['type', '$schema', 'version', 'body', 'actions', 'selectAction', 'fallbackText', 'backgroundImage', 'minHeight', 'rtl', 'speak', 'lang', 'verticalContentAlignment', 'refresh', 'authentication', 'msteams', 'metadata'],
  TextBlock: [...ELEMENT, 'text', 'color', 'fontType', 'horizontalAlignment', 'isSubtle', 'maxLines', 'size', 'weight', 'wrap', 'style'],
  Container: [...ELEMENT, 'items', 'selectAction', 'style', 'verticalContentAlignment', 'bleed', 'backgroundImage', 'minHeight', 'rtl'],
  ColumnSet: [...ELEMENT, 'columns', 'selectAction', 'style', 'bleed', 'minHeight', 'horizontalAlignment'],
  Column: [...ELEMENT, 'items', 'backgroundImage', 'bleed', 'minHeight', 'rtl', 'selectAction', 'style', 'verticalContentAlignment', 'width'],
  FactSet: [...ELEMENT, 'facts'],
  ActionSet: [...ELEMENT, 'actions'],
  'Input.Text': [...INPUT, 'isMultiline', 'maxLength', 'placeholder', 'style', 'inlineAction', 'regex'],
  'Input.Number': [...INPUT, 'max', 'min', 'placeholder'],
  'Input.Date': [...INPUT, 'max', 'min', 'placeholder'],
  'Input.ChoiceSet': [...INPUT, 'choices', 'isMultiSelect', 'style', 'placeholder', 'wrap'],
  'Input.Toggle': [...INPUT, 'title', 'valueOn', 'valueOff', 'wrap'],
  'Action.Execute': [...ACTION, 'verb', 'data', 'associatedInputs'],
  'Action.Submit': [...ACTION, 'data', 'associatedInputs'],
  'Action.OpenUrl': [...ACTION, 'url'],
};
const REFRESH = ['action', 'userIds'];
// Teams refreshes automatically for at most 60 listed users (Universal Actions docs).
export const MAX_REFRESH_USER_IDS = 60;
const FACT = ['title', 'value'];
const CHOICE = ['title', 'value'];

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

function libraryProblems(json: unknown, withoutExecute: boolean): string[] {
  const problems: string[] = [];
  const context = new AC.SerializationContext(AC.Versions.v1_5);
  if (withoutExecute) {
    // A client that predates Action.Execute: every Execute must fall back to a valid Submit.
    const registry = new AC.CardObjectRegistry<ACModule.Action>();
    AC.GlobalRegistry.populateWithDefaultActions(registry);
    registry.unregister('Action.Execute');
    context.setActionRegistry(registry);
  }
  // A client without Action.Execute has no Universal Actions and ignores `refresh`; the library
  // would report its action as missing, so the card is checked there as that client reads it.
  const parsed = withoutExecute && isObject(json) && 'refresh' in json ? { ...json, refresh: undefined } : json;
  const card = new AC.AdaptiveCard();
  card.parse(parsed, context);
  const label = withoutExecute ? 'parse (without Action.Execute)' : 'parse';
  for (let i = 0; i < context.eventCount; i++) {
    const event = context.getEventAt(i);
    if (withoutExecute && event.message.includes('Action.Execute')) continue;
    problems.push(`${label}: ${event.message}`);
  }
  for (const event of card.validateProperties().validationEvents) {
    problems.push(`${label} validateProperties: ${event.message}`);
  }
  return problems;
}

// The verb and its ids, as the bot will parse them (cards/verbs.ts). Returns the data when
// the rest of the action can be checked.
function checkVerb(a: Json, where: string, problems: string[]): Json | undefined {
  if (a.type !== 'Action.Execute') {
    problems.push(`${where}: ${String(a.type)} – every button must be an Action.Execute`);
    return undefined;
  }
  if (!isCardVerb(a.verb)) {
    problems.push(`${where}: verb "${String(a.verb)}" is not one of ${CARD_VERBS.join(', ')}`);
    return undefined;
  }
  const data = isObject(a.data) ? a.data : {};
  const expected = [...VERB_DATA_KEYS[a.verb]].sort();
  if (!isDeepStrictEqual(Object.keys(data).sort(), expected)) {
    problems.push(`${where}: data of ${a.verb} has keys [${Object.keys(data)}], expected [${expected}]`);
  }
  for (const [key, value] of Object.entries(data)) {
    if (typeof value !== 'string' || value === '') problems.push(`${where}: data.${key} must be a non-empty string`);
  }
  return data;
}

// The card-level refresh (Universal Actions): an Action.Execute of our table, no fallback (the
// schema allows only Action.Execute there), and the user ids Teams refreshes for.
function checkRefresh(r: unknown, problems: string[]): void {
  const where = 'card.refresh';
  if (!isObject(r)) {
    problems.push(`${where}: must be an object`);
    return;
  }
  for (const key of Object.keys(r)) if (!REFRESH.includes(key)) problems.push(`${where}: unknown property "${key}"`);
  const action = isObject(r.action) ? r.action : {};
  checkVerb(action, `${where}.action`, problems);
  for (const key of Object.keys(action)) {
    if (!ALLOWED['Action.Execute']!.includes(key)) problems.push(`${where}.action: unknown property "${key}"`);
  }
  if ('fallback' in action) problems.push(`${where}.action: a refresh action takes no fallback`);
  const ids = r.userIds;
  if (!Array.isArray(ids) || ids.some((id) => typeof id !== 'string' || id.trim() === '')) {
    problems.push(`${where}.userIds: must be a list of user ids`);
  } else if (ids.length > MAX_REFRESH_USER_IDS) {
    problems.push(`${where}.userIds: ${ids.length} ids, Teams refreshes for at most ${MAX_REFRESH_USER_IDS}`);
  }
}

function checkAction(a: Json, where: string, problems: string[]): void {
  const data = checkVerb(a, where, problems);
  if (!data) return;
  const fb = a.fallback;
  if (!isObject(fb) || fb.type !== 'Action.Submit') {
    problems.push(`${where}: ${a.verb} needs a fallback Action.Submit`);
    return;
  }
  if (!isDeepStrictEqual(fb.data, { verb: a.verb, ...data })) {
    problems.push(`${where}: fallback data of ${a.verb} must be { verb, ...data }`);
  }
  if (fb.title !== a.title) problems.push(`${where}: fallback title differs`);
  if (fb.associatedInputs !== a.associatedInputs) problems.push(`${where}: fallback associatedInputs differ`);
  if (typeof a.title !== 'string' || a.title.trim() === '') problems.push(`${where}: button without a title`);
}

function walk(node: unknown, where: string, out: { problems: string[]; inputIds: string[]; allowedIds: RegExp[] }): void {
  if (Array.isArray(node)) {
    node.forEach((n, i) => walk(n, `${where}[${i}]`, out));
    return;
  }
  if (!isObject(node)) return;
  const type = String(node.type);
  const here = `${where}(${type}${typeof node.id === 'string' ? ` #${node.id}` : ''})`;
  const allowed = ALLOWED[type];
  if (!allowed) {
    out.problems.push(`${here}: type not allowed in our cards`);
  } else {
    for (const key of Object.keys(node)) {
      if (!allowed.includes(key)) out.problems.push(`${here}: unknown property "${key}"`);
    }
  }
  if (type === 'TextBlock' && node.wrap !== true) out.problems.push(`${here}: TextBlock must wrap (narrow mobile layout)`);
  if (type === 'ColumnSet' && Array.isArray(node.columns) && node.columns.length > 2) {
    out.problems.push(`${here}: more than 2 columns do not fit a phone`);
  }
  if (type.startsWith('Input.')) {
    const id = typeof node.id === 'string' ? node.id : '';
    out.inputIds.push(id);
    if (!out.allowedIds.some((re) => re.test(id))) out.problems.push(`${here}: input id "${id}" is not a data-dictionary path`);
    if (typeof node.label !== 'string' || node.label.trim() === '') out.problems.push(`${here}: input without a label`);
    if (typeof node.errorMessage !== 'string' || node.errorMessage.trim() === '') {
      out.problems.push(`${here}: input without an errorMessage`);
    }
  }
  if (type.startsWith('Action.')) checkAction(node, here, out.problems);
  for (const [key, value] of Object.entries(node)) {
    if (key === 'facts' || key === 'choices') {
      const allowedKeys = key === 'facts' ? FACT : CHOICE;
      (Array.isArray(value) ? value : []).forEach((item, i) => {
        if (!isObject(item)) return;
        for (const k of Object.keys(item)) {
          if (!allowedKeys.includes(k)) out.problems.push(`${here}.${key}[${i}]: unknown property "${k}"`);
        }
        if (typeof item.title !== 'string' || item.title.trim() === '') out.problems.push(`${here}.${key}[${i}]: empty title`);
      });
    } else if (key === 'items' || key === 'columns' || key === 'body') {
      walk(value, `${here}.${key}`, out);
    } else if (key === 'actions') {
      walk(value, `${here}.${key}`, out);
    }
    // `data` and `fallback` are checked by checkAction; other values are scalars.
  }
}

export type ValidateOptions = { inputIds?: RegExp[]; maxBytes?: number };

export function validateCard(card: unknown, options: ValidateOptions = {}): string[] {
  const problems: string[] = [];
  const bytes = Buffer.byteLength(JSON.stringify(card), 'utf8');
  const maxBytes = options.maxBytes ?? MAX_CARD_BYTES;
  if (bytes >= maxBytes) problems.push(`card is ${bytes} bytes, must stay under ${maxBytes}`);
  if (!isObject(card)) return [...problems, 'card is not an object'];
  if (card.type !== 'AdaptiveCard') problems.push('type must be AdaptiveCard');
  if (card.version !== '1.5') problems.push('version must be 1.5 (the highest Teams renders)');
  if (card.$schema !== 'http://adaptivecards.io/schemas/adaptive-card.json') problems.push('$schema missing or wrong');

  problems.push(...libraryProblems(card, false), ...libraryProblems(card, true));

  if ('refresh' in card) checkRefresh(card.refresh, problems);
  const out = { problems, inputIds: [] as string[], allowedIds: options.inputIds ?? DATA_DICTIONARY_IDS };
  walk(card, 'card', out);
  const seen = new Set<string>();
  for (const id of out.inputIds) {
    if (seen.has(id)) problems.push(`duplicated input id "${id}"`);
    seen.add(id);
  }
  return problems;
}

export function cardBytes(card: unknown): number {
  return Buffer.byteLength(JSON.stringify(card), 'utf8');
}
