// The decision letter (beslut) that the head of Elevhälsan signs and the principal receives,
// and the checks a decision must pass before it is written. The letter is built as blocks
// (headings, paragraphs, a fact set, lists) and stored as plain text, blocks separated by one
// blank line; parseLetter() reads the blocks back, so a card and a future PDF lay out the same
// stored text as headings, facts and lists. One source, no second copy of the wording.
// What the letter must say comes from DOMAIN.md and Nora's rules (shared/seeds/003_…): why a
// rejection is not a finding of "no need", the appeal route for independent units, the municipal
// unit's duty to give the support anyway, payment, follow-up and repayment.
import { addresseeLines, type LetterAddressee } from './letter-addressee';
import type { TMunicipalityProfile } from './profile';
import type { UnitKind } from './ports';
import { DECISION_OUTCOMES, type Problem, type TDecisionOutcome, type TSchoolForm } from './schemas';
import { formatKronor, formatSwedishDate } from './wording';
import { followUpDueDate, isIsoDate, nextTerm, termLabel, termOf } from './terms';

// The decision as Elevhälsan fills it in. Measures are given as the labels the letter shows;
// the bot maps the application's measure ids to them.
export interface DecisionFields {
  outcome: TDecisionOutcome;
  amountPerMonth?: number | null;
  // YYYY-MM-DD, inclusive.
  from?: string | null;
  to?: string | null;
  reason?: string | null;
  approvedMeasures?: string[];
  notApprovedMeasures?: string[];
  // "Betydande organisatoriska eller ekonomiska svårigheter": the ground on which a home
  // municipality may refuse an independent unit (skollagen); recorded with the decision.
  significantDifficulties?: boolean;
  // When known, the difficulties ground is also checked against the kind of unit.
  unitKind?: UnitKind;
}

export type DecisionTextProfile = Pick<
  TMunicipalityProfile,
  'name' | 'appealWindowWeeks' | 'followUpDue' | 'termPeriods' | 'timeZone' | 'elevhalsanAddress'
>;

export interface DecisionTextInput extends Omit<DecisionFields, 'unitKind'> {
  // The municipality's profile: its name, the appeal window, follow-up due dates, and the
  // address an appeal is sent to.
  profile: DecisionTextProfile;
  caseNumber: string;
  unit: { name: string; kind: UnitKind; huvudman: string };
  // 'HT2027'
  term: string;
  // The case's pupil reference: never a name or personnummer.
  pupilRef: string;
  // Chooses "barnet" or "eleven"; without it the letter says "barnet eller eleven".
  schoolForm?: TSchoolForm | null;
  decidedBy: { name: string; title: string };
  // YYYY-MM-DD
  decisionDate: string;
  // Whom the letter is addressed to (domain/letter-addressee); without it, no address lines.
  addressee?: LetterAddressee;
}

export const DECISION_PROBLEM_CODES = {
  'decision.outcome.invalid': 'The outcome is not approved, partly_approved or rejected.',
  'decision.amountPerMonth.missing': 'Approved or partly approved without an amount per month.',
  'decision.amountPerMonth.notPositive': 'The amount per month is not above 0.',
  'decision.from.missing': 'Approved or partly approved without a start date.',
  'decision.from.invalid': 'The start date is not a YYYY-MM-DD calendar date.',
  'decision.to.missing': 'Approved or partly approved without an end date.',
  'decision.to.invalid': 'The end date is not a YYYY-MM-DD calendar date.',
  'decision.to.beforeFrom': 'The period ends before it starts.',
  'decision.reason.missing': 'A rejection or partial approval without reasons.',
  'decision.approvedMeasures.missing': 'A partial approval that approves no measure.',
  'decision.approvedMeasures.allApproved': 'A partial approval that leaves no measure unapproved.',
  'decision.significantDifficulties.approved': 'The difficulties ground on a full approval.',
  'decision.significantDifficulties.kommunal': 'The difficulties ground for a municipal unit, which must give the support anyway.',
} as const;
export type DecisionProblemCode = keyof typeof DECISION_PROBLEM_CODES;

const SIGNIFICANT_DIFFICULTIES = 'betydande organisatoriska eller ekonomiska svårigheter';

const problem = (field: string, code: DecisionProblemCode, message: string): Problem => ({ field, code, message });
const blank = (value: string | null | undefined): boolean => !value || value.trim() === '';

function periodProblems(input: DecisionFields): Problem[] {
  const found: Problem[] = [];
  const { from, to } = input;
  if (blank(from)) {
    found.push(problem('decision.from', 'decision.from.missing', 'Ange från och med vilket datum tilläggsbeloppet gäller.'));
  } else if (!isIsoDate(from!.trim())) {
    found.push(problem('decision.from', 'decision.from.invalid', 'Skriv startdatumet som ÅÅÅÅ-MM-DD, till exempel 2027-08-01.'));
  }
  if (blank(to)) {
    found.push(problem('decision.to', 'decision.to.missing', 'Ange till och med vilket datum tilläggsbeloppet gäller.'));
  } else if (!isIsoDate(to!.trim())) {
    found.push(problem('decision.to', 'decision.to.invalid', 'Skriv slutdatumet som ÅÅÅÅ-MM-DD, till exempel 2027-12-31.'));
  }
  if (found.length === 0 && from!.trim() > to!.trim()) {
    found.push(problem('decision.to', 'decision.to.beforeFrom', 'Slutdatumet kan inte ligga före startdatumet. Kontrollera perioden.'));
  }
  return found;
}

// Every problem at once, so the card can mark all fields in one go. Empty means valid.
export function validateDecision(input: DecisionFields): Problem[] {
  const { outcome } = input;
  if (!(DECISION_OUTCOMES as readonly string[]).includes(outcome)) {
    return [problem('decision.outcome', 'decision.outcome.invalid', 'Välj ett beslut: bevilja, bevilja delvis eller avslå.')];
  }
  const found: Problem[] = [];
  const grants = outcome === 'approved' || outcome === 'partly_approved';

  if (grants) {
    const amount = input.amountPerMonth;
    if (amount === null || amount === undefined || Number.isNaN(amount)) {
      found.push(problem('decision.amountPerMonth', 'decision.amountPerMonth.missing', 'Ange hur stort tilläggsbeloppet är per månad.'));
    } else if (!(amount > 0) || !Number.isFinite(amount)) {
      found.push(
        problem(
          'decision.amountPerMonth',
          'decision.amountPerMonth.notPositive',
          'Beloppet per månad behöver vara större än 0 kr. Ska inget betalas ut är beslutet ett avslag.',
        ),
      );
    }
    found.push(...periodProblems(input));
  }

  if (outcome !== 'approved' && blank(input.reason)) {
    found.push(
      problem(
        'decision.reason',
        'decision.reason.missing',
        outcome === 'rejected'
          ? 'Skriv skälen för avslaget, så att rektorn förstår varför behovet eller insatserna inte faller inom tilläggsbelopp.'
          : 'Skriv skälen till att en del av ansökan inte beviljas.',
      ),
    );
  }

  if (outcome === 'partly_approved') {
    if ((input.approvedMeasures ?? []).length === 0) {
      found.push(
        problem(
          'decision.approvedMeasures',
          'decision.approvedMeasures.missing',
          'Markera vilka insatser som beviljas. Beviljas ingen insats är beslutet ett avslag.',
        ),
      );
    }
    if ((input.notApprovedMeasures ?? []).length === 0) {
      found.push(
        problem(
          'decision.approvedMeasures',
          'decision.approvedMeasures.allApproved',
          'Vid delvis bifall ska minst en insats inte beviljas. Beviljas alla insatser är beslutet ett bifall.',
        ),
      );
    }
  }

  if (input.significantDifficulties) {
    if (outcome === 'approved') {
      found.push(
        problem(
          'decision.significantDifficulties',
          'decision.significantDifficulties.approved',
          `Skälet ”${SIGNIFICANT_DIFFICULTIES}” kan bara anges när ansökan avslås helt eller delvis.`,
        ),
      );
    } else if (input.unitKind === 'kommunal') {
      found.push(
        problem(
          'decision.significantDifficulties',
          'decision.significantDifficulties.kommunal',
          `Skälet ”${SIGNIFICANT_DIFFICULTIES}” gäller bara fristående huvudmän. En kommunal enhet ska ge stödet ändå.`,
        ),
      );
    }
  }
  return found;
}

// ---- the letter -------------------------------------------------------------------------------

const WEEK_WORDS = ['', 'en', 'två', 'tre', 'fyra', 'fem', 'sex', 'sju', 'åtta', 'nio', 'tio', 'elva', 'tolv'];

// 3 -> 'tre veckor', 1 -> 'en vecka': the way a Swedish authority writes a time limit.
export function weeksInWords(weeks: number): string {
  const word = Number.isInteger(weeks) && weeks > 0 && weeks < WEEK_WORDS.length ? WEEK_WORDS[weeks] : String(weeks);
  return `${word} ${weeks === 1 ? 'vecka' : 'veckor'}`;
}

interface Subject {
  noun: string;
  genitive: string;
}

// Förskola and pedagogisk omsorg have children; the school forms have pupils.
function subjectOf(schoolForm: TSchoolForm | null | undefined): Subject {
  if (!schoolForm) return { noun: 'barnet eller eleven', genitive: 'barnets eller elevens' };
  return schoolForm === 'forskola' || schoolForm === 'pedagogisk_omsorg'
    ? { noun: 'barnet', genitive: 'barnets' }
    : { noun: 'eleven', genitive: 'elevens' };
}

// The reason is the head's own text; the letter only makes it end like a sentence.
function sentence(text: string): string {
  const trimmed = text.trim();
  return /[.!?]$/.test(trimmed) ? trimmed : `${trimmed}.`;
}

function listInWords(items: string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} och ${items[items.length - 1]}`;
}

const MAX_FOLLOW_UP_TERMS = 12;

// The follow-up due date of every term the granted period touches.
function followUpDeadlines(from: string, to: string, profile: DecisionTextProfile): string[] {
  const last = termOf(to, profile);
  const deadlines: string[] = [];
  let term = termOf(from, profile);
  for (let i = 0; i < MAX_FOLLOW_UP_TERMS; i++) {
    deadlines.push(`senast ${formatSwedishDate(followUpDueDate(term, profile))} för ${termLabel(term)}`);
    if (term === last) break;
    term = nextTerm(term);
  }
  return deadlines;
}

export class InvalidDecisionError extends Error {
  override name = 'InvalidDecisionError';
  constructor(readonly problems: Problem[]) {
    super(`Invalid decision: ${problems.map((p) => p.code).join(', ')}`);
  }
}

// ---- the letter as blocks ---------------------------------------------------------------------

// A heading of level 1 is the letter's title (written in capitals); level 2 heads a section.
// A paragraph has one line, or several for an address or a signature. A list has the line that
// introduces it (ending in a colon) and its items.
export type LetterBlock =
  | { kind: 'heading'; level: 1 | 2; text: string }
  | { kind: 'paragraph'; lines: string[] }
  | { kind: 'facts'; facts: Array<{ title: string; value: string }> }
  | { kind: 'list'; intro: string; items: string[] };

// Free text (a reason, a measure) is kept on one line, so it cannot end a block early or be
// read back as a heading, a fact or a list item.
const oneLine = (value: string) => value.replace(/\s+/g, ' ').trim();

// A line that ends like a sentence or an introduction is text; a heading has no such ending.
const ENDS_TEXT = /[.!?:;,)”"…]$/;
const FACT_LINE = /^([^:\n]+): (\S.*)$/;
const LIST_ITEM = /^- /;

// A heading is short; a long line without a full stop is still prose.
const MAX_HEADING_LENGTH = 100;

const isHeadingLine = (line: string) =>
  line.length <= MAX_HEADING_LENGTH && !ENDS_TEXT.test(line) && !FACT_LINE.test(line) && !LIST_ITEM.test(line);

function blockText(block: LetterBlock): string {
  switch (block.kind) {
    case 'heading':
      return block.level === 1 ? block.text.toUpperCase() : block.text;
    case 'paragraph':
      return block.lines.join('\n');
    case 'facts':
      return block.facts.map((f) => `${f.title}: ${f.value}`).join('\n');
    case 'list':
      return [block.intro, ...block.items.map((item) => `- ${item}`)].join('\n');
  }
}

// The stored text: blocks separated by one blank line, except that a section heading and the
// block it heads share one (the heading on its own line above it), as letters are written.
export function letterText(blocks: readonly LetterBlock[]): string {
  let out = '';
  blocks.forEach((block, i) => {
    const previous = blocks[i - 1];
    const joined = previous?.kind === 'heading' && previous.level === 2 && block.kind !== 'heading';
    out += (i === 0 ? '' : joined ? '\n' : '\n\n') + blockText(block);
  });
  return out;
}

function parseBlock(lines: string[]): LetterBlock[] {
  const [first, ...rest] = lines;
  if (first === undefined) return [];
  if (rest.length === 0) {
    if (!isHeadingLine(first)) return [{ kind: 'paragraph', lines: [first] }];
    const title = first === first.toUpperCase() && /\p{Lu}/u.test(first);
    return [{ kind: 'heading', level: title ? 1 : 2, text: first }];
  }
  if (isHeadingLine(first)) return [{ kind: 'heading', level: 2, text: first }, ...parseBlock(rest)];
  if (first.endsWith(':') && rest.every((line) => LIST_ITEM.test(line))) {
    return [{ kind: 'list', intro: first, items: rest.map((line) => line.replace(LIST_ITEM, '').trim()) }];
  }
  const facts = lines.map((line) => FACT_LINE.exec(line));
  if (facts.every((m) => m !== null)) return [{ kind: 'facts', facts: facts.map((m) => ({ title: m![1]!, value: m![2]! })) }];
  return [{ kind: 'paragraph', lines }];
}

// The blocks of a stored letter. The inverse of letterText() for every letter decisionLetter()
// writes; any other text still reads as paragraphs, line by line, and nothing is dropped.
export function parseLetter(text: string): LetterBlock[] {
  return text
    .replace(/\r\n?/g, '\n')
    .split(/\n[ \t]*\n/)
    .map((block) => block.split('\n').map((line) => line.trim()).filter((line) => line !== ''))
    .flatMap(parseBlock);
}

export function decisionText(input: DecisionTextInput): string {
  return letterText(decisionLetter(input));
}

export function decisionLetter(input: DecisionTextInput): LetterBlock[] {
  const problems = validateDecision({ ...input, unitKind: input.unit.kind });
  if (problems.length > 0) throw new InvalidDecisionError(problems);

  const { profile, unit, outcome } = input;
  const municipality = profile.name;
  const subject = subjectOf(input.schoolForm);
  const independent = unit.kind === 'fristaende';
  const grants = outcome !== 'rejected';
  const approvedMeasures = (input.approvedMeasures ?? []).map(oneLine);
  const notApprovedMeasures = (input.notApprovedMeasures ?? []).map(oneLine);
  const difficulties = outcome !== 'approved' && !!input.significantDifficulties;
  const who = `${subject.noun} med referens ${input.pupilRef} vid ${unit.name}`;
  const amount = grants ? formatKronor(input.amountPerMonth!) : '';
  const period = grants ? `${formatSwedishDate(input.from!.trim())} till och med ${formatSwedishDate(input.to!.trim())}` : '';

  const blocks: LetterBlock[] = [];
  const heading = (text: string) => blocks.push({ kind: 'heading', level: 2, text });
  const paragraph = (...lines: string[]) => blocks.push({ kind: 'paragraph', lines });
  const list = (intro: string, items: string[]) => blocks.push({ kind: 'list', intro, items });

  blocks.push({ kind: 'heading', level: 1, text: 'BESLUT OM TILLÄGGSBELOPP' });
  // Whom the decision is addressed to (a fristående unit's huvudman as well as its principal).
  if (input.addressee) blocks.push({ kind: 'paragraph', lines: addresseeLines(input.addressee) });
  heading(`${municipality}, Elevhälsan`);
  blocks.push({
    kind: 'facts',
    facts: [
      { title: 'Ärende', value: input.caseNumber },
      { title: 'Beslutsdatum', value: formatSwedishDate(input.decisionDate) },
      { title: 'Enhet', value: `${unit.name} (${independent ? 'fristående enhet' : 'kommunal enhet'})` },
      { title: 'Huvudman', value: unit.huvudman },
      { title: 'Barn/elev', value: `referens ${input.pupilRef}` },
      { title: 'Ansökan avser', value: termLabel(input.term) },
    ],
  });

  // ---- the decision itself
  heading('Beslut');
  if (outcome === 'approved') {
    paragraph(
      `${municipality} beviljar tilläggsbelopp för ${who} med ${amount} per månad. ` +
        `Tilläggsbeloppet gäller för perioden ${period}.`,
    );
    if (approvedMeasures.length > 0) list('Beslutet avser följande insatser:', approvedMeasures);
  } else if (outcome === 'partly_approved') {
    paragraph(
      `${municipality} beviljar delvis ansökan om tilläggsbelopp för ${who}. ` +
        `Tilläggsbelopp beviljas med ${amount} per månad för perioden ${period}. I övrigt avslås ansökan.`,
    );
    list('Insatser som beviljas:', approvedMeasures);
    list('Insatser som inte beviljas:', notApprovedMeasures);
  } else {
    paragraph(`${municipality} avslår ansökan om tilläggsbelopp för ${who} för ${termLabel(input.term)}.`);
    if (notApprovedMeasures.length > 0) list('Ansökan avsåg följande insatser, som inte beviljas:', notApprovedMeasures);
  }

  // ---- reasons: the head's own paragraphs are kept, each made to end like a sentence
  const reasons =
    outcome === 'approved' && blank(input.reason)
      ? [`Elevhälsan bedömer att ${subject.genitive} behov av extraordinära stödåtgärder ligger inom det som tilläggsbelopp avser.`]
      : input.reason!.split(/\n\s*\n/).map(oneLine).filter((p) => p !== '').map(sentence);
  if (difficulties) {
    const ground =
      `${municipality} bedömer att ett tilläggsbelopp i den omfattning som har sökts skulle medföra ${SIGNIFICANT_DIFFICULTIES} för kommunen. ` +
      (outcome === 'rejected'
        ? 'Hemkommunen är då inte skyldig att lämna tilläggsbelopp.'
        : 'Hemkommunen är då inte skyldig att lämna tilläggsbelopp för den del som inte beviljas.');
    const duty =
      outcome === 'rejected' && independent
        ? ` Eftersom kommunen av detta skäl inte lämnar något tilläggsbelopp är huvudmannen inte skyldig att ta emot eller ge fortsatt utbildning åt ${subject.noun}.`
        : '';
    reasons.push(ground + duty);
  }
  heading('Skäl för beslutet');
  for (const reason of reasons) paragraph(reason);

  // A refusal, whole or in part, is about the form of funding, never a finding that the
  // child needs no support: Nora's rules require the letter to say so.
  if (outcome === 'rejected') {
    paragraph(
      difficulties
        ? `Avslaget innebär inte att ${municipality} har bedömt att ${subject.noun} saknar behov av stöd. ` +
            `Det grundar sig på de ${SIGNIFICANT_DIFFICULTIES} som anges ovan.`
        : `Ett avslag innebär inte att ${municipality} har bedömt att ${subject.noun} saknar behov av stöd. ` +
            'Det innebär endast att de beskrivna stödbehoven eller insatserna inte faller inom det som tilläggsbelopp avser.',
    );
  } else if (outcome === 'partly_approved') {
    paragraph(
      `Att ansökan delvis avslås innebär inte att ${municipality} har bedömt att ${subject.noun} saknar behov av stöd i de delarna. ` +
        (difficulties
          ? `Det grundar sig på de skäl som anges ovan, bland annat de ${SIGNIFICANT_DIFFICULTIES} som ett högre belopp skulle medföra.`
          : 'Det innebär endast att de stödbehov eller insatser som inte beviljas inte faller inom det som tilläggsbelopp avser.'),
    );
  }

  heading('Lagstöd');
  paragraph(
    'Beslutet har fattats med stöd av bestämmelserna om tilläggsbelopp i skollagen (2010:800) och 14 kap. 8 § skolförordningen (2011:185). ' +
      'Tilläggsbelopp lämnas för barn och elever som har ett omfattande behov av särskilt stöd. ' +
      'Det avser assistenthjälp eller andra extraordinära stödåtgärder som inte har anknytning till den vanliga undervisningen. ' +
      'Extra undervisning, specialpedagogiska insatser och undervisning i särskild undervisningsgrupp ersätts genom grundbeloppet.',
  );

  // ---- what follows from a grant
  if (grants) {
    heading('Utbetalning');
    paragraph(
      independent
        ? `Tilläggsbeloppet betalas ut till huvudmannen, ${unit.huvudman}, månadsvis tillsammans med grundbeloppet.`
        : 'Tilläggsbeloppet fördelas till enheten månadsvis tillsammans med grundbeloppet, inom kommunens resursfördelningssystem.',
    );
    paragraph('Den som har tagit emot tilläggsbelopp på felaktiga grunder är skyldig att genast betala tillbaka beloppet.');
    heading('Uppföljning');
    paragraph(
      'Rektorn ska en gång per termin lämna en skriftlig uppföljning av det beviljade tilläggsbeloppet till chefen för Elevhälsan. ' +
        'Av uppföljningen ska resultatet av de vidtagna åtgärderna framgå. ' +
        `Uppföljningen ska ha kommit in ${listInWords(followUpDeadlines(input.from!.trim(), input.to!.trim(), profile))}. ` +
        'Uppföljningen är en förutsättning för att fortsatt tilläggsbelopp ska kunna beviljas.',
    );
  }

  // ---- municipal unit: the duty stays; independent unit: how to appeal
  if (!independent) {
    heading('Kommunens ansvar för stödet');
    paragraph(
      `${unit.name} är en kommunal enhet. Kommunen är som huvudman skyldig enligt skollagen att se till att ${subject.noun} får det stöd som behövs, ` +
        'oavsett om tilläggsbelopp beviljas eller inte. Enheten ska därför anpassa sin organisation och tillgodose det stödbehov som har identifierats.',
    );
    paragraph('Beslutet gäller fördelningen av resurser inom kommunen och kan därför inte överklagas.');
  } else {
    const weeks = weeksInWords(profile.appealWindowWeeks);
    heading('Hur man överklagar');
    paragraph(
      'Beslutet kan överklagas hos förvaltningsrätten. Överklagandet ska vara skriftligt. ' +
        `Skicka det till ${municipality}, inte direkt till förvaltningsrätten, på adressen ${oneLine(profile.elevhalsanAddress)}.`,
    );
    paragraph(
      `Överklagandet måste ha kommit in till ${municipality} inom ${weeks} från den dag då ni fick del av beslutet. ` +
        'Annars kan det inte prövas. Kommunen prövar först om överklagandet har kommit in i rätt tid och skickar det sedan vidare till förvaltningsrätten.',
    );
    list('Skriv i överklagandet:', [
      `vilket beslut ni överklagar, genom att ange ärendenummer ${input.caseNumber} och beslutsdatum`,
      'hur ni vill att beslutet ska ändras',
      'varför ni anser att beslutet ska ändras',
    ]);
    paragraph(
      'Underteckna överklagandet och ange huvudmannens namn, organisationsnummer, postadress och telefonnummer. ' +
        'Skicka gärna med handlingar som stöder det ni anför.',
    );
  }

  paragraph(`Har ni frågor om beslutet är ni välkomna att kontakta Elevhälsan i ${municipality}.`);
  paragraph('Beslutet har fattats av:', oneLine(input.decidedBy.name), `${oneLine(input.decidedBy.title)}, ${municipality}`);
  return blocks;
}
