// Demo cases for the tab in `npm run dev` and its tests: six cases of Nora's demo units around
// "now", three of them decided in the current term (so this month's payment list has rows and a
// decision has a PDF), the rest in Elevhälsan's queue. Written through the repositories the bot
// uses; the decision letters come from domain/decision-text.ts like the bot's. Runs once per
// database: a municipality that has cases already is left alone.
import type { Clock } from '../domain/clock';
import { decisionText } from '../domain/decision-text';
import type { CaseStatus, Repositories } from '../domain/ports';
import type { TDecisionOutcome } from '../domain/schemas';
import { localDate, nextTerm, termOf, termPeriod } from '../domain/terms';
import { ROLE_LABELS } from '../domain/wording';
import { DEMO_IDS } from '../prisma/seed';

type DemoCase = {
  unit: 'jarnboas' | 'naktergalen';
  schoolForm: 'grundskola' | 'forskola' | 'fritidshem';
  next: boolean;
  late?: boolean;
  pupil: { firstName: string; lastName: string; personnummer: string };
  status: CaseStatus;
  handler?: boolean;
  decision?: { outcome: TDecisionOutcome; amountPerMonth?: number; reason?: string };
  completion?: string;
};

export const DEMO_CASES: DemoCase[] = [
  { unit: 'jarnboas', schoolForm: 'grundskola', next: false, pupil: { firstName: 'Alva', lastName: 'Berg', personnummer: '20150312-2382' }, status: 'decided', handler: true, decision: { outcome: 'approved', amountPerMonth: 12500 } },
  { unit: 'naktergalen', schoolForm: 'grundskola', next: false, pupil: { firstName: 'Elsa', lastName: 'Öberg', personnummer: '20140404-2383' }, status: 'decided', handler: true, decision: { outcome: 'partly_approved', amountPerMonth: 8267.5, reason: 'Assistans under lektionstid beviljas. Stöd på fritiden ingår inte i tilläggsbeloppet.' } },
  { unit: 'naktergalen', schoolForm: 'forskola', next: false, pupil: { firstName: 'Olle', lastName: 'Ek', personnummer: '20230518-2467' }, status: 'decided', handler: true, decision: { outcome: 'rejected', reason: 'De beskrivna insatserna är sådana som ersätts genom grundbeloppet.' } },
  { unit: 'jarnboas', schoolForm: 'fritidshem', next: true, late: true, pupil: { firstName: 'Måns', lastName: 'Åkesson', personnummer: '20160101-2380' }, status: 'submitted' },
  { unit: 'naktergalen', schoolForm: 'grundskola', next: true, pupil: { firstName: 'Saga', lastName: 'Lind', personnummer: '20130909-2381' }, status: 'completion_requested', handler: true, completion: 'Bifoga det senaste åtgärdsprogrammet.' },
  { unit: 'jarnboas', schoolForm: 'grundskola', next: true, pupil: { firstName: 'Nils', lastName: 'Holm', personnummer: '20150707-2384' }, status: 'in_review', handler: true },
];

function application(c: DemoCase, term: string, unitId: string, signedAt: string) {
  return {
    term,
    unit: { id: unitId },
    pupil: { protectedIdentity: false, ...c.pupil, registeredMunicipality: 'Nora kommun', schoolForm: c.schoolForm, ...(c.schoolForm === 'forskola' ? {} : { grade: '5' }) },
    placement: { group: 'Klass 5A', attendanceHoursPerWeek: 30 },
    need: {
      criteria: ['neuropsykiatrisk_psykosocial'],
      description: 'Behöver en vuxen nära sig under lektioner och raster för att klara övergångar och konflikter.',
      documentedBy: { competence: 'psykologisk', name: 'Karin Lund, leg. psykolog' },
    },
    mapping: {
      cognitive: 'Åldersadekvat förmåga men svårt att starta uppgifter utan stöd.',
      social: 'Konflikter uppstår snabbt i större grupper.',
      needs: 'Tillsyn vid raster och övergångar.',
      prognosis: 'Med assistent väntas hen klara hela skoldagen.',
    },
    assessment: {
      physical: { current: 0, desired: 0 },
      communication: { current: 1, desired: 1 },
      learning: { current: 1, desired: 1 },
      social: { current: 2, desired: 1 },
      emotional: { current: 3, desired: 2 },
      health: { current: 0, desired: 0 },
      safety: { current: 3, desired: 2 },
      personalCare: { current: 0, desired: 0 },
    },
    measures: [{ id: 'm1', type: 'assistent', description: 'Elevassistent under skoldagen med fokus på raster och övergångar.', hoursPerWeek: 20 }],
    effect: { description: 'Kan stanna i klassrummet och delta i undervisningen.' },
    attachments: [{ id: 'a1', kind: 'atgardsprogram', name: 'atgardsprogram.pdf' }],
    signature: { confirmed: true, signedBy: 'Alex Wilber', signedAt },
  };
}

export async function seedDemoCases(repos: Repositories, clock: Clock): Promise<number> {
  const municipality = await repos.municipalities.get(DEMO_IDS.municipality);
  if (!municipality) throw new Error('Seed the demo municipality first (prisma/seed.ts).');
  const existing = await repos.cases.listQueue(municipality.id);
  const principalCases = await repos.cases.listForPrincipal(DEMO_IDS.people.principal);
  if (existing.length > 0 || principalCases.length > 0) return 0;
  const profile = municipality.profile;
  const now = clock.now();
  const today = localDate(now, profile.timeZone);
  const current = termOf(today, profile);
  const period = termPeriod(current, profile);
  const head = await repos.people.get(DEMO_IDS.people.head);
  const units = new Map((await repos.units.listForMunicipality(municipality.id)).map((u) => [u.id, u]));
  let made = 0;
  for (const [i, c] of DEMO_CASES.entries()) {
    const unitId = DEMO_IDS.units[c.unit];
    const unit = units.get(unitId)!;
    const term = c.next ? nextTerm(current) : current;
    const submittedAt = new Date(now.getTime() - (40 - i * 5) * 86_400_000);
    const draft = await repos.snapshots.create({ machine: 'application', personId: DEMO_IDS.people.principal, label: `${c.pupil.firstName} ${c.pupil.lastName}`, snapshot: { demo: true } });
    const { case: kase } = await repos.cases.submitApplication({
      sourceDraftId: draft.id,
      municipalityId: municipality.id,
      unitId,
      principalId: DEMO_IDS.people.principal,
      term,
      schoolForm: c.schoolForm,
      late: c.late ?? false,
      pupilRef: `Elev ${String.fromCharCode(65 + i)}-${i + 3}`,
      application: application(c, term, unitId, submittedAt.toISOString()),
      assessment: { ratings: application(c, term, unitId, '').assessment, hoursCurrent: 20, hoursDesired: 14, amountPerMonth: 12500 },
      now: submittedAt,
    });
    made += 1;
    if (c.handler) await repos.cases.assignHandler(kase.id, DEMO_IDS.people.handler, DEMO_IDS.people.handler);
    if (c.completion) await repos.completions.create({ caseId: kase.id, message: c.completion, step: 'attachments', requestedById: DEMO_IDS.people.handler, requestedAt: new Date(submittedAt.getTime() + 2 * 86_400_000) });
    if (c.decision) {
      const grants = c.decision.outcome !== 'rejected';
      const decidedAt = new Date(submittedAt.getTime() + 9 * 86_400_000);
      const fields = {
        outcome: c.decision.outcome,
        ...(grants ? { amountPerMonth: c.decision.amountPerMonth!, from: period.from, to: period.to } : {}),
        ...(c.decision.reason ? { reason: c.decision.reason } : {}),
        ...(c.decision.outcome === 'partly_approved' ? { approvedMeasures: ['Elevassistent under lektionstid'], notApprovedMeasures: ['Stöd på fritidshemmet'] } : {}),
        ...(c.decision.outcome === 'rejected' ? { notApprovedMeasures: ['Elevassistent under skoldagen'] } : {}),
      };
      const text = decisionText({
        ...fields,
        profile,
        caseNumber: kase.caseNumber,
        unit: { name: unit.name, kind: unit.kind, huvudman: unit.huvudman },
        term,
        pupilRef: kase.pupilRef,
        schoolForm: c.schoolForm,
        decidedBy: { name: head?.displayName ?? 'Chefen för Elevhälsan', title: ROLE_LABELS.head },
        decisionDate: localDate(decidedAt, profile.timeZone),
      });
      await repos.transaction(async (tx) => {
        await tx.cases.setStatus(kase.id, 'decided', { by: DEMO_IDS.people.head });
        const { approvedMeasures: _a, notApprovedMeasures: _n, ...stored } = fields as typeof fields & { approvedMeasures?: string[]; notApprovedMeasures?: string[] };
        await tx.decisions.record({ caseId: kase.id, ...stored, text, decidedById: DEMO_IDS.people.head, decidedAt });
      });
    } else if (c.status !== 'submitted') {
      await repos.cases.setStatus(kase.id, c.status, { by: DEMO_IDS.people.handler });
    }
  }
  return made;
}
