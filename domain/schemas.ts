// The data dictionary (shared/DESIGN.md) as zod schemas. The dotted paths of these objects are
// the ids of every Adaptive Card input and the JSON stored in the database.
import { z } from 'zod';

export const SCHOOL_FORMS = [
  'forskola',
  'forskoleklass',
  'grundskola',
  'anpassad_grundskola',
  'fritidshem',
  'pedagogisk_omsorg',
] as const;
export const ZSchoolForm = z.enum(SCHOOL_FORMS);
export type TSchoolForm = z.infer<typeof ZSchoolForm>;

// The six criteria, in DOMAIN.md order.
export const CRITERIA = [
  'funktionsnedsattning',
  'sjukdom_skada',
  'autism',
  'neuropsykiatrisk_psykosocial',
  'koncentration_struktur',
  'intellektuell_funktionsnedsattning',
] as const;
export const ZCriterion = z.enum(CRITERIA);
export type TCriterion = z.infer<typeof ZCriterion>;

export const COMPETENCES = ['specialpedagogisk', 'medicinsk', 'psykologisk', 'annan'] as const;
export const ZCompetence = z.enum(COMPETENCES);
export type TCompetence = z.infer<typeof ZCompetence>;

export const ELIGIBLE_MEASURE_TYPES = ['assistent', 'lokalanpassning', 'annan_extraordinar'] as const;
export const ORDINARY_MEASURE_TYPES = [
  'extra_undervisning',
  'specialpedagog',
  'sarskild_undervisningsgrupp',
] as const;
export const ZMeasureType = z.enum([...ELIGIBLE_MEASURE_TYPES, ...ORDINARY_MEASURE_TYPES]);
export type TMeasureType = z.infer<typeof ZMeasureType>;

export const ATTACHMENT_KINDS = [
  'atgardsprogram',
  'kartlaggning',
  'lakarintyg',
  'psykologbedomning',
  'testresultat',
  'annat',
] as const;
export const ZAttachmentKind = z.enum(ATTACHMENT_KINDS);
export type TAttachmentKind = z.infer<typeof ZAttachmentKind>;

// "HT2027" (autumn) or "VT2028" (spring).
export const ZTerm = z.string().regex(/^(HT|VT)\d{4}$/, 'Terminen skrivs som HT2027 eller VT2028.');
export type TTerm = z.infer<typeof ZTerm>;

// YYYYMMDD-NNNN; the date and check digit are checked by the domain rules, not here, so a
// draft can hold a mistyped number and the principal is told exactly what is wrong.
export const ZPersonnummerText = z.string().trim();

const text = z.string().trim();

export const ZPupilDraft = z.object({
  protectedIdentity: z.boolean().optional(),
  personnummer: ZPersonnummerText.optional(),
  firstName: text.optional(),
  lastName: text.optional(),
  registeredMunicipality: text.optional(),
  schoolForm: ZSchoolForm.optional(),
  grade: text.optional(),
});

export const ZPlacementDraft = z.object({
  group: text.optional(),
  attendanceHoursPerWeek: z.number().nonnegative().max(168).optional(),
});

export const ZNeedDraft = z.object({
  criteria: z.array(ZCriterion).optional(),
  description: text.optional(),
  documentedBy: z
    .object({
      competence: ZCompetence.optional(),
      name: text.optional(),
    })
    .optional(),
});

export const ZMappingDraft = z.object({
  cognitive: text.optional(),
  social: text.optional(),
  needs: text.optional(),
  prognosis: text.optional(),
});

// One area's rating: levels are integers from the profile's scale.
export const ZAreaRating = z.object({
  current: z.number().int().nonnegative().optional(),
  desired: z.number().int().nonnegative().optional(),
});
export type TAreaRating = z.infer<typeof ZAreaRating>;
// Keyed by the profile's area ids.
export const ZAssessment = z.record(z.string(), ZAreaRating);
export type TAssessment = z.infer<typeof ZAssessment>;

export const ZMeasure = z.object({
  id: z.string().min(1),
  type: ZMeasureType,
  description: text.default(''),
  hoursPerWeek: z.number().nonnegative().max(168).optional(),
  cost: z.number().nonnegative().optional(),
});
export type TMeasure = z.infer<typeof ZMeasure>;

export const ZAttachment = z.object({
  id: z.string().min(1),
  kind: ZAttachmentKind.optional(),
  name: z.string().min(1),
  contentType: z.string().optional(),
  size: z.number().int().nonnegative().optional(),
  // An earlier case's file reused by reference in a renewal: that case's id and the file's date.
  reusedFrom: z.string().optional(),
  addedOn: z.string().optional(),
});
export type TAttachment = z.infer<typeof ZAttachment>;

export const ZSignature = z.object({
  confirmed: z.boolean().optional(),
  signedBy: z.string().optional(),
  signedAt: z.string().optional(),
  // Set when a drafter filled in the application for the principal to sign.
  draftedBy: z.string().optional(),
});

// A draft: everything optional, so any partial answer can be saved after every step.
export const ZApplicationDraft = z.object({
  term: ZTerm.optional(),
  unit: z.object({ id: z.string().optional() }).optional(),
  pupil: ZPupilDraft.optional(),
  placement: ZPlacementDraft.optional(),
  need: ZNeedDraft.optional(),
  mapping: ZMappingDraft.optional(),
  assessment: ZAssessment.optional(),
  measures: z.array(ZMeasure).optional(),
  effect: z.object({ description: text.optional() }).optional(),
  attachments: z.array(ZAttachment).optional(),
  signature: ZSignature.optional(),
  // The granted case this application renews ("Ansök för nästa termin"): how a child with a
  // protected identity is recognised across cases, never by name.
  renewalOf: z.string().optional(),
});
export type TApplicationDraft = z.infer<typeof ZApplicationDraft>;

const required = text.min(1);

// A submitted application: what reviewApplication has let through. Domain rules that depend
// on the profile (areas, deadlines, which forms need an åtgärdsprogram) are checked there.
export const ZApplication = z.object({
  term: ZTerm,
  unit: z.object({ id: z.string().min(1) }),
  pupil: z.object({
    protectedIdentity: z.boolean(),
    personnummer: z.string().optional(),
    firstName: z.string().optional(),
    lastName: z.string().optional(),
    registeredMunicipality: required,
    schoolForm: ZSchoolForm,
    grade: z.string().optional(),
  }),
  placement: z.object({ group: required, attendanceHoursPerWeek: z.number().positive().max(168) }),
  need: z.object({
    criteria: z.array(ZCriterion).min(1),
    description: required,
    documentedBy: z.object({ competence: ZCompetence, name: required }),
  }),
  mapping: z.object({ cognitive: required, social: required, needs: required, prognosis: required }),
  assessment: z.record(z.string(), z.object({ current: z.number().int(), desired: z.number().int() })),
  measures: z.array(ZMeasure).min(1),
  effect: z.object({ description: required }),
  attachments: z.array(ZAttachment.extend({ kind: ZAttachmentKind })),
  signature: z.object({ confirmed: z.literal(true), signedBy: z.string().optional(), signedAt: z.string().optional(), draftedBy: z.string().optional() }),
  renewalOf: z.string().optional(),
});
export type TApplication = z.infer<typeof ZApplication>;

export const ZFollowUp = z.object({
  caseId: z.string().min(1),
  term: ZTerm,
  results: required,
  continuedNeed: z.boolean(),
  comment: text.optional(),
  assessment: z.record(z.string(), z.object({ current: z.number().int(), desired: z.number().int() })),
});
export type TFollowUp = z.infer<typeof ZFollowUp>;

export const DECISION_OUTCOMES = ['approved', 'partly_approved', 'rejected'] as const;
export const ZDecisionOutcome = z.enum(DECISION_OUTCOMES);
export type TDecisionOutcome = z.infer<typeof ZDecisionOutcome>;

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'Datum skrivs som ÅÅÅÅ-MM-DD.');

export const ZDecision = z.object({
  outcome: ZDecisionOutcome,
  amountPerMonth: z.number().nonnegative().optional(),
  from: isoDate.optional(),
  to: isoDate.optional(),
  reason: text.optional(),
  approvedMeasureIds: z.array(z.string()).optional(),
  // "betydande organisatoriska eller ekonomiska svårigheter" (independent units only).
  significantDifficulties: z.boolean().optional(),
});
export type TDecision = z.infer<typeof ZDecision>;

export const ZCompletion = z.object({ message: required });
export type TCompletion = z.infer<typeof ZCompletion>;

// A rule's verdict on one field: `field` is a data-dictionary path.
export interface Problem {
  field: string;
  code: string;
  message: string;
}
