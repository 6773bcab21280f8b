// The decision letter (beslut) that the head of Elevhälsan signs and the principal receives,
// and the checks a decision must pass before it is written. Plain text, paragraphs separated by
// one blank line, so the same text goes into the database, a card and a PDF unchanged.
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

function bulletList(items: string[]): string {
  return items.map((item) => `- ${item.trim()}`).join('\n');
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

export function decisionText(input: DecisionTextInput): string {
  const problems = validateDecision({ ...input, unitKind: input.unit.kind });
  if (problems.length > 0) throw new InvalidDecisionError(problems);

  const { profile, unit, outcome } = input;
  const municipality = profile.name;
  const subject = subjectOf(input.schoolForm);
  const independent = unit.kind === 'fristaende';
  const grants = outcome !== 'rejected';
  const approvedMeasures = input.approvedMeasures ?? [];
  const notApprovedMeasures = input.notApprovedMeasures ?? [];
  const difficulties = outcome !== 'approved' && !!input.significantDifficulties;
  const who = `${subject.noun} med referens ${input.pupilRef} vid ${unit.name}`;
  const amount = grants ? formatKronor(input.amountPerMonth!) : '';
  const period = grants ? `${formatSwedishDate(input.from!.trim())} till och med ${formatSwedishDate(input.to!.trim())}` : '';

  const paragraphs: string[] = [];
  const add = (...lines: Array<string | false | null | undefined>) => {
    const text = lines.filter((line): line is string => typeof line === 'string' && line !== '').join('\n');
    if (text) paragraphs.push(text);
  };

  add('BESLUT OM TILLÄGGSBELOPP');
  if (input.addressee) add(...addresseeLines(input.addressee));
  add(
    `${municipality}, Elevhälsan`,
    `Ärende: ${input.caseNumber}`,
    `Beslutsdatum: ${formatSwedishDate(input.decisionDate)}`,
    `Enhet: ${unit.name} (${independent ? 'fristående enhet' : 'kommunal enhet'})`,
    `Huvudman: ${unit.huvudman}`,
    `Barn/elev: referens ${input.pupilRef}`,
    `Ansökan avser: ${termLabel(input.term)}`,
  );

  // ---- the decision itself
  if (outcome === 'approved') {
    add(
      'Beslut',
      `${municipality} beviljar tilläggsbelopp för ${who} med ${amount} per månad. ` +
        `Tilläggsbeloppet gäller för perioden ${period}.`,
    );
    if (approvedMeasures.length > 0) add('Beslutet avser följande insatser:', bulletList(approvedMeasures));
  } else if (outcome === 'partly_approved') {
    add(
      'Beslut',
      `${municipality} beviljar delvis ansökan om tilläggsbelopp för ${who}. ` +
        `Tilläggsbelopp beviljas med ${amount} per månad för perioden ${period}. I övrigt avslås ansökan.`,
    );
    add('Insatser som beviljas:', bulletList(approvedMeasures));
    add('Insatser som inte beviljas:', bulletList(notApprovedMeasures));
  } else {
    add('Beslut', `${municipality} avslår ansökan om tilläggsbelopp för ${who} för ${termLabel(input.term)}.`);
    if (notApprovedMeasures.length > 0) add('Ansökan avsåg följande insatser, som inte beviljas:', bulletList(notApprovedMeasures));
  }

  // ---- reasons
  const reasonLines: string[] = [];
  if (outcome === 'approved') {
    reasonLines.push(
      blank(input.reason)
        ? `Elevhälsan bedömer att ${subject.genitive} behov av extraordinära stödåtgärder ligger inom det som tilläggsbelopp avser.`
        : sentence(input.reason!),
    );
  } else {
    reasonLines.push(sentence(input.reason!));
  }
  if (difficulties) {
    reasonLines.push(
      `${municipality} bedömer att ett tilläggsbelopp i den omfattning som har sökts skulle medföra ${SIGNIFICANT_DIFFICULTIES} för kommunen. ` +
        (outcome === 'rejected'
          ? 'Hemkommunen är då inte skyldig att lämna tilläggsbelopp.'
          : 'Hemkommunen är då inte skyldig att lämna tilläggsbelopp för den del som inte beviljas.'),
    );
    if (outcome === 'rejected' && independent) {
      reasonLines.push(
        `Eftersom kommunen av detta skäl inte lämnar något tilläggsbelopp är huvudmannen inte skyldig att ta emot eller ge fortsatt utbildning åt ${subject.noun}.`,
      );
    }
  }
  add('Skäl för beslutet', reasonLines.join(' '));

  // A refusal, whole or in part, is about the form of funding, never a finding that the
  // child needs no support: Nora's rules require the letter to say so.
  if (outcome === 'rejected') {
    add(
      difficulties
        ? `Avslaget innebär inte att ${municipality} har bedömt att ${subject.noun} saknar behov av stöd. ` +
            `Det grundar sig på de ${SIGNIFICANT_DIFFICULTIES} som anges ovan.`
        : `Ett avslag innebär inte att ${municipality} har bedömt att ${subject.noun} saknar behov av stöd. ` +
            'Det innebär endast att de beskrivna stödbehoven eller insatserna inte faller inom det som tilläggsbelopp avser.',
    );
  } else if (outcome === 'partly_approved') {
    add(
      `Att ansökan delvis avslås innebär inte att ${municipality} har bedömt att ${subject.noun} saknar behov av stöd i de delarna. ` +
        (difficulties
          ? `Det grundar sig på de skäl som anges ovan, bland annat de ${SIGNIFICANT_DIFFICULTIES} som ett högre belopp skulle medföra.`
          : 'Det innebär endast att de stödbehov eller insatser som inte beviljas inte faller inom det som tilläggsbelopp avser.'),
    );
  }

  add(
    'Lagstöd',
    'Beslutet har fattats med stöd av bestämmelserna om tilläggsbelopp i skollagen (2010:800) och 14 kap. 8 § skolförordningen (2011:185). ' +
      'Tilläggsbelopp lämnas för barn och elever som har ett omfattande behov av särskilt stöd. ' +
      'Det avser assistenthjälp eller andra extraordinära stödåtgärder som inte har anknytning till den vanliga undervisningen. ' +
      'Extra undervisning, specialpedagogiska insatser och undervisning i särskild undervisningsgrupp ersätts genom grundbeloppet.',
  );

  // ---- what follows from a grant
  if (grants) {
    add(
      'Utbetalning',
      independent
        ? `Tilläggsbeloppet betalas ut till huvudmannen, ${unit.huvudman}, månadsvis tillsammans med grundbeloppet.`
        : 'Tilläggsbeloppet fördelas till enheten månadsvis tillsammans med grundbeloppet, inom kommunens resursfördelningssystem.',
      'Den som har tagit emot tilläggsbelopp på felaktiga grunder är skyldig att genast betala tillbaka beloppet.',
    );
    add(
      'Uppföljning',
      'Rektorn ska en gång per termin lämna en skriftlig uppföljning av det beviljade tilläggsbeloppet till chefen för Elevhälsan. ' +
        'Av uppföljningen ska resultatet av de vidtagna åtgärderna framgå. ' +
        `Uppföljningen ska ha kommit in ${listInWords(followUpDeadlines(input.from!.trim(), input.to!.trim(), profile))}. ` +
        'Uppföljningen är en förutsättning för att fortsatt tilläggsbelopp ska kunna beviljas.',
    );
  }

  // ---- municipal unit: the duty stays; independent unit: how to appeal
  if (!independent) {
    add(
      'Kommunens ansvar för stödet',
      `${unit.name} är en kommunal enhet. Kommunen är som huvudman skyldig enligt skollagen att se till att ${subject.noun} får det stöd som behövs, ` +
        'oavsett om tilläggsbelopp beviljas eller inte. Enheten ska därför anpassa sin organisation och tillgodose det stödbehov som har identifierats.',
      'Beslutet gäller fördelningen av resurser inom kommunen och kan därför inte överklagas.',
    );
  } else {
    const weeks = weeksInWords(profile.appealWindowWeeks);
    add(
      'Hur man överklagar',
      'Beslutet kan överklagas hos förvaltningsrätten. Överklagandet ska vara skriftligt. ' +
        `Skicka det till ${municipality}, inte direkt till förvaltningsrätten, på adressen ${profile.elevhalsanAddress}.`,
    );
    add(
      `Överklagandet måste ha kommit in till ${municipality} inom ${weeks} från den dag då ni fick del av beslutet. ` +
        'Annars kan det inte prövas. Kommunen prövar först om överklagandet har kommit in i rätt tid och skickar det sedan vidare till förvaltningsrätten.',
    );
    add(
      'Skriv i överklagandet:',
      bulletList([
        `vilket beslut ni överklagar, genom att ange ärendenummer ${input.caseNumber} och beslutsdatum`,
        'hur ni vill att beslutet ska ändras',
        'varför ni anser att beslutet ska ändras',
      ]),
      'Underteckna överklagandet och ange huvudmannens namn, organisationsnummer, postadress och telefonnummer. ' +
        'Skicka gärna med handlingar som stöder det ni anför.',
    );
  }

  add(`Har ni frågor om beslutet är ni välkomna att kontakta Elevhälsan i ${municipality}.`);
  add('Beslutet har fattats av:', input.decidedBy.name, `${input.decidedBy.title}, ${municipality}`);

  return paragraphs.join('\n\n');
}
