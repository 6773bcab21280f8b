// A municipality's rules as data. Another municipality is a new profile value, not new code.
import { z } from 'zod';
import { ZSchoolForm, SCHOOL_FORMS } from './schemas';

const ZMonthDay = z.object({ month: z.number().int().min(1).max(12), day: z.number().int().min(1).max(31) });
export type TMonthDay = z.infer<typeof ZMonthDay>;

// A date relative to a term's calendar year: VT2028's deadline lies in 2027 (yearOffset -1).
const ZTermDate = ZMonthDay.extend({ yearOffset: z.number().int().min(-1).max(1).default(0) });
export type TTermDate = z.infer<typeof ZTermDate>;

const ZPerTerm = <T extends z.ZodType>(schema: T) => z.object({ HT: schema, VT: schema });

export const ZAssessmentArea = z.object({
  id: z.string().regex(/^[a-z][a-zA-Z0-9]*$/, 'Områdets id används i fältnamn: bara bokstäver och siffror.'),
  label: z.string().min(1),
  hint: z.string().min(1),
  // Hours per week for each level, indexed like `levels`.
  hoursPerLevel: z.array(z.number().nonnegative()),
});
export type TAssessmentArea = z.infer<typeof ZAssessmentArea>;

export const ZMunicipalityProfile = z
  .object({
    id: z.string().min(1),
    name: z.string().min(1),
    // Names the municipality is written as in pupil.registeredMunicipality, lower case.
    aliases: z.array(z.string()).default([]),
    municipalityCode: z.string().regex(/^\d{4}$/),
    timeZone: z.string().default('Europe/Stockholm'),
    elevhalsanAddress: z.string().min(1),
    // Inclusive calendar spans of each term, within the term's own year.
    termPeriods: ZPerTerm(z.object({ start: ZMonthDay, end: ZMonthDay })),
    applicationDeadlines: ZPerTerm(ZTermDate),
    followUpDue: ZPerTerm(ZTermDate),
    appealWindowWeeks: z.number().int().positive(),
    // Days the principal gets to answer a request for completion: the reply date's default.
    completionReplyDays: z.number().int().positive().default(14),
    schoolForms: z.array(ZSchoolForm).min(1),
    atgardsprogramRequiredFor: z.array(ZSchoolForm),
    reminders: z.object({
      applicationDeadlineDaysBefore: z.array(z.number().int().positive()),
      followUpDaysBefore: z.array(z.number().int().positive()),
      followUpOverdueDaysAfter: z.array(z.number().int().positive()),
      completionUnansweredDaysAfter: z.array(z.number().int().positive()),
      newCaseWaitingDaysAfter: z.array(z.number().int().positive()),
      undecidedDaysBeforeTermStart: z.array(z.number().int().positive()),
      // Reminders go out on working days within these local hours ('HH:MM', end exclusive).
      officeHours: z
        .object({ start: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/), end: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/) })
        .default({ start: '08:00', end: '17:00' }),
      // "Påminn mig igen": how many days later.
      snoozeDays: z.number().int().positive().default(7),
      // Elevhälsan's summary of overdue follow-ups goes out once a week on this weekday's first
      // working day (1 = Monday).
      followUpSummaryWeekday: z.number().int().min(1).max(5).default(1),
    }),
    retention: z.object({
      // Case data is erased this many months after the last granted period ends (or after the
      // decision for cases that were never granted).
      monthsAfterClose: z.number().int().positive(),
      // Drafts nobody touched for this long are erased.
      draftMonthsUnused: z.number().int().positive(),
    }),
    amount: z.object({
      hourlyRate: z.number().positive(),
      // Weeks of activity per year that the weekly hours are paid for, spread over 12 months.
      weeksPerYear: z.number().positive().max(52),
    }),
    assessment: z.object({
      levels: z.array(z.number().int().nonnegative()).min(2),
      levelLabels: z.array(z.string().min(1)),
      // Levels at or above this count towards tilläggsbelopp; lower ones are met by grundbelopp.
      extraordinaryFromLevel: z.number().int(),
      areas: z.array(ZAssessmentArea).min(1),
    }),
  })
  .superRefine((p, ctx) => {
    const { levels, levelLabels, areas, extraordinaryFromLevel } = p.assessment;
    if (levelLabels.length !== levels.length) {
      ctx.addIssue({ code: 'custom', path: ['assessment', 'levelLabels'], message: 'En etikett per nivå.' });
    }
    if (!levels.includes(extraordinaryFromLevel) || extraordinaryFromLevel === Math.min(...levels)) {
      ctx.addIssue({
        code: 'custom',
        path: ['assessment', 'extraordinaryFromLevel'],
        message: 'Den extraordinära nivån ska vara en av nivåerna, men inte den lägsta.',
      });
    }
    areas.forEach((area, i) => {
      if (area.hoursPerLevel.length !== levels.length) {
        ctx.addIssue({
          code: 'custom',
          path: ['assessment', 'areas', i, 'hoursPerLevel'],
          message: `Området ${area.id} behöver timmar för varje nivå.`,
        });
      }
    });
    if (new Set(areas.map((a) => a.id)).size !== areas.length) {
      ctx.addIssue({ code: 'custom', path: ['assessment', 'areas'], message: 'Områdenas id måste vara unika.' });
    }
    for (const form of p.atgardsprogramRequiredFor) {
      if (!p.schoolForms.includes(form)) {
        ctx.addIssue({ code: 'custom', path: ['atgardsprogramRequiredFor'], message: `${form} finns inte bland skolformerna.` });
      }
    }
  });
export type TMunicipalityProfile = z.infer<typeof ZMunicipalityProfile>;

// Nora kommun, from its published rules (shared/seeds/003_…). Values the rules leave open
// (hours per level, hourly rate, reminders, retention) are our proposal; see README.
export const noraProfile: TMunicipalityProfile = ZMunicipalityProfile.parse({
  id: 'nora',
  name: 'Nora kommun',
  aliases: ['nora', 'nora kommun'],
  municipalityCode: '1884',
  timeZone: 'Europe/Stockholm',
  elevhalsanAddress: 'Nora kommun, Bildningsförvaltningen, Elevhälsan, 713 80 Nora',
  termPeriods: {
    VT: { start: { month: 1, day: 1 }, end: { month: 6, day: 30 } },
    HT: { start: { month: 7, day: 1 }, end: { month: 12, day: 31 } },
  },
  applicationDeadlines: {
    HT: { month: 4, day: 15, yearOffset: 0 },
    VT: { month: 10, day: 15, yearOffset: -1 },
  },
  followUpDue: {
    HT: { month: 11, day: 30, yearOffset: 0 },
    VT: { month: 5, day: 31, yearOffset: 0 },
  },
  appealWindowWeeks: 3,
  completionReplyDays: 14,
  schoolForms: [...SCHOOL_FORMS],
  // Nora's rules demand it for grundskola; Skollagen 3 kap. gives åtgärdsprogram to pupils in
  // förskoleklass and anpassad grundskola too. Förskola, fritidshem and pedagogisk omsorg have none.
  atgardsprogramRequiredFor: ['forskoleklass', 'grundskola', 'anpassad_grundskola'],
  reminders: {
    applicationDeadlineDaysBefore: [21, 7, 1],
    followUpDaysBefore: [14, 3],
    followUpOverdueDaysAfter: [1, 7],
    completionUnansweredDaysAfter: [5, 10],
    newCaseWaitingDaysAfter: [3],
    undecidedDaysBeforeTermStart: [14],
    officeHours: { start: '08:00', end: '17:00' },
    snoozeDays: 7,
    followUpSummaryWeekday: 1,
  },
  retention: { monthsAfterClose: 36, draftMonthsUnused: 6 },
  amount: { hourlyRate: 310, weeksPerYear: 40 },
  assessment: {
    levels: [0, 1, 2, 3, 4],
    levelLabels: [
      'Inget behov utöver det ordinarie',
      'Behov som möts med anpassningar inom grundbeloppet',
      'Extraordinärt stöd vissa stunder av dagen',
      'Extraordinärt stöd stora delar av dagen',
      'Extraordinärt stöd hela vistelsetiden',
    ],
    extraordinaryFromLevel: 2,
    areas: [
      { id: 'physical', label: 'Fysisk förmåga och rörlighet', hint: 'Förflyttning, motorik, syn och hörsel, hjälpmedel.', hoursPerLevel: [0, 0, 3, 8, 15] },
      { id: 'communication', label: 'Kommunikation och språk', hint: 'Att förstå och göra sig förstådd, AKK, teckenspråk.', hoursPerLevel: [0, 0, 3, 7, 12] },
      { id: 'learning', label: 'Inlärning och koncentration', hint: 'Uthållighet, struktur, att komma igång och slutföra.', hoursPerLevel: [0, 0, 2, 6, 10] },
      { id: 'social', label: 'Socialt samspel', hint: 'Samspel med barn och vuxna, lek, grupper, raster.', hoursPerLevel: [0, 0, 2, 6, 10] },
      { id: 'emotional', label: 'Känslor och beteende', hint: 'Affektreglering, utåtagerande eller inåtvänt beteende.', hoursPerLevel: [0, 0, 3, 8, 15] },
      { id: 'health', label: 'Hälsa och medicinska behov', hint: 'Medicinering, anfall, kost, vårdinsatser under dagen.', hoursPerLevel: [0, 0, 2, 6, 12] },
      { id: 'safety', label: 'Säkerhet och tillsyn', hint: 'Risk för barnet eller andra, rymningsbenägenhet, ständig uppsikt.', hoursPerLevel: [0, 0, 4, 10, 20] },
      { id: 'personalCare', label: 'Personlig omvårdnad', hint: 'Toalett, på- och avklädning, måltider.', hoursPerLevel: [0, 0, 2, 5, 8] },
    ],
  },
});
