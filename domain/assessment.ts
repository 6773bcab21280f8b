// Needs -> hours -> amount (Kuben-style). Each area's level turns into hours per week through
// the profile; only extraordinary levels count, because lower needs are met by the grundbelopp.
// The proposed amount follows the current state (the need now); the desired state gives the
// goal, shown beside it and compared at follow-up.
import type { TMunicipalityProfile } from './profile';
import type { TAssessment } from './schemas';
import { formatHours, formatHoursPerWeek, formatKronor, formatNumber } from './wording';

export interface AreaResult {
  id: string;
  label: string;
  current?: number;
  desired?: number;
  hoursCurrent: number;
  hoursDesired: number;
  extraordinaryCurrent: boolean;
}

export interface AssessmentResult {
  areas: AreaResult[];
  hoursCurrent: number;
  hoursDesired: number;
  uncappedHoursCurrent: number;
  cappedByAttendance: boolean;
  amountPerMonth: number;
  amountPerMonthDesired: number;
  explanation: string;
}

type AssessmentProfile = Pick<TMunicipalityProfile, 'assessment' | 'amount'>;

export function isExtraordinaryLevel(level: number | undefined, profile: Pick<TMunicipalityProfile, 'assessment'>): boolean {
  return level !== undefined && profile.assessment.levels.includes(level) && level >= profile.assessment.extraordinaryFromLevel;
}

export function levelLabel(level: number, profile: Pick<TMunicipalityProfile, 'assessment'>): string | undefined {
  const index = profile.assessment.levels.indexOf(level);
  return index < 0 ? undefined : profile.assessment.levelLabels[index];
}

// Hours per week of one area at one level; levels outside the scale count nothing (the review
// reports them).
function areaHours(hoursPerLevel: number[], level: number | undefined, profile: AssessmentProfile): number {
  if (!isExtraordinaryLevel(level, profile)) return 0;
  return hoursPerLevel[profile.assessment.levels.indexOf(level as number)] ?? 0;
}

// Monthly amount in whole kronor: weekly hours paid for the profile's weeks, spread over 12 months.
export function monthlyAmount(hoursPerWeek: number, profile: Pick<TMunicipalityProfile, 'amount'>): number {
  return Math.round((hoursPerWeek * profile.amount.hourlyRate * profile.amount.weeksPerYear) / 12);
}

const perWeek = formatHoursPerWeek;

function explain(result: Omit<AssessmentResult, 'explanation'>, attendance: number | undefined, profile: AssessmentProfile): string {
  const { hourlyRate, weeksPerYear } = profile.amount;
  const threshold = levelLabel(profile.assessment.extraordinaryFromLevel, profile) ?? String(profile.assessment.extraordinaryFromLevel);
  const scope = `Bara nivåer från ”${threshold}” räknas; lägre behov ryms i grundbeloppet.`;
  if (result.uncappedHoursCurrent === 0) {
    return `Inget område är bedömt på extraordinär nivå i nuläget, så bedömningen ger inget tilläggsbelopp. ${scope}`;
  }
  const cap =
    result.cappedByAttendance && attendance !== undefined
      ? `Behoven blir ${perWeek(result.uncappedHoursCurrent)}, men vistelsetiden är ${perWeek(attendance)}, så ${formatHours(result.hoursCurrent)} räknas. `
      : '';
  const formula =
    `${perWeek(result.hoursCurrent)} × ${formatKronor(hourlyRate)} × ${formatNumber(weeksPerYear)} veckor ÷ 12 månader` +
    ` = ${formatKronor(result.amountPerMonth)} i månaden.`;
  return `${cap}${formula} ${scope}`;
}

// `attendanceHoursPerWeek` (vistelsetid) caps the hours: support cannot exceed the time the
// child is there. A missing or non-positive value means no cap; the review reports it.
export function computeAssessment(
  assessment: TAssessment | undefined,
  profile: AssessmentProfile,
  attendanceHoursPerWeek?: number,
): AssessmentResult {
  const areas: AreaResult[] = profile.assessment.areas.map((area) => {
    const rating = assessment?.[area.id] ?? {};
    return {
      id: area.id,
      label: area.label,
      current: rating.current,
      desired: rating.desired,
      hoursCurrent: areaHours(area.hoursPerLevel, rating.current, profile),
      hoursDesired: areaHours(area.hoursPerLevel, rating.desired, profile),
      extraordinaryCurrent: isExtraordinaryLevel(rating.current, profile),
    };
  });
  const sum = (pick: (a: AreaResult) => number) => areas.reduce((total, a) => total + pick(a), 0);
  const uncappedHoursCurrent = sum((a) => a.hoursCurrent);
  const uncappedHoursDesired = sum((a) => a.hoursDesired);
  const cap = attendanceHoursPerWeek !== undefined && attendanceHoursPerWeek > 0 ? attendanceHoursPerWeek : Infinity;
  const hoursCurrent = Math.min(uncappedHoursCurrent, cap);
  const hoursDesired = Math.min(uncappedHoursDesired, cap);
  const result = {
    areas,
    hoursCurrent,
    hoursDesired,
    uncappedHoursCurrent,
    cappedByAttendance: uncappedHoursCurrent > cap,
    amountPerMonth: monthlyAmount(hoursCurrent, profile),
    amountPerMonthDesired: monthlyAmount(hoursDesired, profile),
  };
  return { ...result, explanation: explain(result, attendanceHoursPerWeek, profile) };
}
