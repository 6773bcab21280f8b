// Row -> port conversions for the case aggregate (case, application versions, assessments).
import type { ApplicationVersionRecord, AssessmentFigures, AssessmentRecord, CaseRecord } from '../../domain/ports';
import type { TAssessment } from '../../domain/schemas';
import type { ApplicationVersion, Assessment, Case } from '../generated/client';
import { json, toNumber } from './shared';

export function toCase(row: Case): CaseRecord {
  return {
    id: row.id,
    caseNumber: row.caseNumber,
    municipalityId: row.municipalityId,
    unitId: row.unitId,
    principalId: row.principalId,
    term: row.term,
    schoolForm: row.schoolForm,
    status: row.status,
    late: row.late,
    sourceDraftId: row.sourceDraftId,
    pupilRef: row.pupilRef,
    assignedHandlerId: row.assignedHandlerId,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

export function toVersion(row: ApplicationVersion): ApplicationVersionRecord {
  return { id: row.id, caseId: row.caseId, version: row.version, data: row.data, submittedById: row.submittedById, submittedAt: row.submittedAt };
}

export function toAssessment(row: Assessment): AssessmentRecord {
  return {
    id: row.id,
    caseId: row.caseId,
    applicationVersionId: row.applicationVersionId,
    kind: row.kind,
    ratings: row.ratings as TAssessment,
    hoursCurrent: toNumber(row.hoursCurrent),
    hoursDesired: toNumber(row.hoursDesired),
    amountPerMonth: toNumber(row.amountPerMonth),
    createdById: row.createdById,
    createdAt: row.createdAt,
  };
}

export function assessmentData(figures: AssessmentFigures) {
  return {
    ratings: json(figures.ratings),
    hoursCurrent: figures.hoursCurrent,
    hoursDesired: figures.hoursDesired,
    amountPerMonth: figures.amountPerMonth,
  };
}

// "TB-2027-0001"; four digits suffice for a municipality's year, more still sort within a year.
export function formatCaseNumber(year: number, n: number): string {
  return `TB-${year}-${String(n).padStart(4, '0')}`;
}

// The calendar year at `now` where the municipality is: a case submitted at 00:30 on
// 1 January Swedish time belongs to the new year.
export function yearIn(timeZone: string, now: Date): number {
  return Number(new Intl.DateTimeFormat('en-US', { timeZone, year: 'numeric' }).format(now));
}
