// What the domain, the machines and the bot need from storage, as plain TypeScript. The Prisma
// implementations live in prisma/repositories; tests and other stores implement the same.
// Conventions: get/find/load return null when nothing matches; commands on a missing record
// throw NotFoundError; a write based on stale data throws ConflictError, never overwrites.
// JSON payloads (snapshots, application data) are `unknown`: the caller parses what it reads.
import type { TMunicipalityProfile } from './profile';
import type { PlannedReminder, ReminderFacts, ReminderKind } from './reminders';
import type { FollowUpGrant, TFollowUpSchedule } from './follow-up-schedule';
import type { TAssessment, TAttachmentKind, TDecisionOutcome, TSchoolForm } from './schemas';

import type {
  TAssessmentKind,
  TAuditAction,
  TCaseStatus,
  TConversationKind,
  TDeliveryStatus,
  TRole,
  TSnapshotStatus,
  TUnitKind,
} from './vocabulary';

// The closed vocabularies (domain/vocabulary.ts) under the names the ports have always used.
export type Role = TRole;
export type UnitKind = TUnitKind;
export type CaseStatus = TCaseStatus;
export type SnapshotStatus = TSnapshotStatus;
export type AssessmentKind = TAssessmentKind;
export type DeliveryStatus = TDeliveryStatus;
export type ConversationKind = TConversationKind;

export class NotFoundError extends Error {
  override name = 'NotFoundError';
  constructor(
    readonly entity: string,
    readonly id: string,
  ) {
    super(`${entity} ${id} not found`);
  }
}

export interface ConflictDetails {
  entity: string;
  id: string;
  expectedVersion?: number;
  actualVersion?: number;
  // Machine-readable cause, e.g. 'stale_version', 'draft_not_open', 'unexpected_status'.
  reason: string;
}

// Someone else changed the record since the caller read it (a second tab, a retried invoke).
// The caller reloads and shows the current state; nothing was written.
export class ConflictError extends Error {
  override name = 'ConflictError';
  constructor(
    message: string,
    readonly details: ConflictDetails,
  ) {
    super(message);
  }
}

// ---- municipalities -------------------------------------------------------------------------

export interface Municipality {
  id: string;
  name: string;
  tenantId: string;
  profile: TMunicipalityProfile;
  elevhalsaTeamId: string | null;
  elevhalsaChannelId: string | null;
}

export interface MunicipalityRepository {
  // Every municipality (a handful): the reminder and retention jobs go through them.
  list(): Promise<Municipality[]>;
  get(id: string): Promise<Municipality | null>;
  byTenant(tenantId: string): Promise<Municipality | null>;
  setElevhalsaChannel(id: string, channel: { teamId: string; channelId: string }, by?: string | null): Promise<Municipality>;
  // Validated with ZMunicipalityProfile before it is stored.
  setProfile(id: string, profile: TMunicipalityProfile, by?: string | null): Promise<Municipality>;
  // A new municipality for a tenant (its profile becomes version 1). ConflictError when the id
  // or the tenant is taken.
  create(input: { id: string; name: string; tenantId: string; profile: TMunicipalityProfile }, by?: string | null): Promise<Municipality>;
}

// ---- profile versions -----------------------------------------------------------------------

// Every profile a municipality has had, numbered from 1 (a database trigger writes one whenever
// the profile changes). A case is assessed and decided under the version it records.
export interface ProfileVersionSummary {
  id: string;
  municipalityId: string;
  version: number;
  createdById: string | null;
  createdAt: Date;
}

export interface ProfileVersion extends ProfileVersionSummary {
  profile: TMunicipalityProfile;
}

export interface ProfileVersionRepository {
  // Newest first.
  list(municipalityId: string): Promise<ProfileVersionSummary[]>;
  get(id: string): Promise<ProfileVersion | null>;
  current(municipalityId: string): Promise<ProfileVersion | null>;
  // The version the case is assessed and decided under.
  forCase(caseId: string): Promise<ProfileVersion | null>;
}

// ---- people and units -----------------------------------------------------------------------

export interface Unit {
  id: string;
  municipalityId: string;
  name: string;
  kind: UnitKind;
  huvudman: string;
  schoolForms: TSchoolForm[];
  // Optional so view models and fixtures can leave them out; the repository always sets them.
  huvudmanOrgNumber?: string | null;
  active?: boolean;
}

export interface UnitInput {
  name: string;
  kind: UnitKind;
  huvudman: string;
  huvudmanOrgNumber: string;
  schoolForms: TSchoolForm[];
}

export interface UnitRepository {
  get(id: string): Promise<Unit | null>;
  // Active and inactive alike, by name.
  listForMunicipality(municipalityId: string): Promise<Unit[]>;
  // Each with its audit entry, in one transaction.
  create(municipalityId: string, input: UnitInput, by: string | null): Promise<Unit>;
  update(id: string, input: UnitInput, by: string | null): Promise<Unit>;
  // Never a delete: a unit with cases stays for their sake.
  setActive(id: string, active: boolean, by: string | null): Promise<Unit>;
  caseCount(id: string): Promise<number>;
  // Every unit of the municipality that has cases, with how many: one query for the list.
  caseCounts(municipalityId: string): Promise<Map<string, number>>;
}

export interface Person {
  id: string;
  municipalityId: string;
  tenantId: string;
  // Null until a person registered by e-mail first writes to the bot.
  aadObjectId: string | null;
  displayName: string;
  email: string | null;
}

export interface RoleGrant {
  role: Role;
  // Set for principals: the unit this grant is for.
  unitId: string | null;
}

export interface PersonWithRoles extends Person {
  roles: RoleGrant[];
  // The units this person is principal of (from the principal grants).
  ledUnitIds: string[];
  // The units this person drafts applications for (from the drafter grants).
  draftUnitIds?: string[];
}

// Who is acting, with everything a turn needs about them, read in one statement.
export interface ActingPerson {
  person: PersonWithRoles;
  municipality: Municipality;
  // The units the person leads as principal, by name.
  units: Unit[];
  // The units the person drafts applications for (their principal signs), when any.
  draftingUnits?: Unit[];
  // Where their 1:1 chat with the bot was last seen, so a turn writes it only when it moved.
  personalChat: { conversationId: string; serviceUrl: string } | null;
}

export interface PeopleRepository {
  findByAad(tenantId: string, aadObjectId: string): Promise<PersonWithRoles | null>;
  // The person, roles, municipality (profile parsed), led units and chat in one round trip.
  acting(tenantId: string, aadObjectId: string): Promise<ActingPerson | null>;
  get(id: string): Promise<PersonWithRoles | null>;
  unitsLedBy(personId: string): Promise<Unit[]>;
  unitsDraftedBy(personId: string): Promise<Unit[]>;
  // The principals of a unit, who sign what its drafters send them.
  principalsOf(unitId: string): Promise<Person[]>;
  listByRole(municipalityId: string, role: Role): Promise<Person[]>;
  // The Teams user ids (from their stored 1:1 chats) of the people holding any of these roles,
  // by role then name, each person once: one query.
  chatUserIdsByRole(municipalityId: string, roles: Role[]): Promise<string[]>;
  // Registers or updates a person by (tenantId, aadObjectId).
  upsert(input: { municipalityId: string; tenantId: string; aadObjectId: string; displayName: string; email?: string | null }): Promise<Person>;
  // Idempotent. A principal grant needs a unit; other roles must not have one.
  grantRole(personId: string, role: Role, unitId?: string | null): Promise<void>;
  revokeRole(personId: string, role: Role, unitId?: string | null): Promise<void>;
  // Everyone in the municipality with their roles, by name.
  listForMunicipality(municipalityId: string): Promise<PersonWithRoles[]>;
  // `email` compared in lower case.
  findByEmail(municipalityId: string, email: string): Promise<PersonWithRoles | null>;
  // A person known by e-mail/UPN only, until they first write to the bot. Audited.
  register(input: { municipalityId: string; tenantId: string; email: string; displayName: string }, by: string | null): Promise<Person>;
  update(id: string, input: { email: string; displayName: string }, by: string | null): Promise<Person>;
  // Replaces the person's grants with these. Audited with the old and new lists.
  setRoles(id: string, grants: RoleGrant[], by: string | null): Promise<PersonWithRoles>;
  // First contact: the unbound person of this tenant whose e-mail is one of `emails` gets the
  // Entra object id, audited as person.bound (with `via`: the bot or the tab). Null when nobody
  // matches.
  bindByEmail(tenantId: string, emails: string[], aadObjectId: string, via?: 'bot' | 'tab'): Promise<PersonWithRoles | null>;
  // Whether anyone in the tenant still waits to be bound (so the bot asks Teams only then).
  hasUnbound(tenantId: string): Promise<boolean>;
}

// ---- machine snapshots (drafts are the 'application' machine's) -----------------------------

export interface SnapshotSummary {
  id: string;
  machine: string;
  personId: string | null;
  caseId: string | null;
  status: SnapshotStatus;
  label: string | null;
  version: number;
  createdAt: Date;
  updatedAt: Date;
}

export interface SnapshotRecord extends SnapshotSummary {
  snapshot: unknown;
}

export interface SnapshotRepository {
  create(input: { machine: string; personId?: string | null; caseId?: string | null; label?: string | null; snapshot: unknown }): Promise<{ id: string; version: number }>;
  load(id: string): Promise<SnapshotRecord | null>;
  // Returns the new version. Throws ConflictError when the stored version is not
  // expectedVersion, NotFoundError when there is no such snapshot.
  save(id: string, expectedVersion: number, change: { snapshot: unknown; label?: string | null; status?: SnapshotStatus }): Promise<number>;
  // Newest first, without the snapshot bodies.
  listOpen(personId: string, machine: string): Promise<SnapshotSummary[]>;
  listOpenForCase(caseId: string, machine: string): Promise<SnapshotSummary[]>;
}

// ---- cases ----------------------------------------------------------------------------------

export interface CasePage<T> {
  cases: T[];
  // All the cases the list has, not only this page's.
  total: number;
}

export interface CaseRecord {
  id: string;
  // "TB-2027-0001": per municipality and calendar year.
  caseNumber: string;
  municipalityId: string;
  unitId: string;
  principalId: string;
  term: string;
  schoolForm: string;
  status: CaseStatus;
  late: boolean;
  sourceDraftId: string | null;
  pupilRef: string;
  assignedHandlerId: string | null;
  createdAt: Date;
  updatedAt: Date;
}

export interface QueueCase extends CaseRecord {
  unitName: string;
  handlerName: string | null;
}

export interface ApplicationVersionRecord {
  id: string;
  caseId: string;
  version: number;
  data: unknown;
  submittedById: string;
  submittedAt: Date;
}

export interface AssessmentFigures {
  ratings: TAssessment;
  hoursCurrent: number;
  hoursDesired: number;
  amountPerMonth: number;
}

export interface AssessmentRecord extends AssessmentFigures {
  id: string;
  caseId: string;
  applicationVersionId: string | null;
  kind: AssessmentKind;
  createdById: string;
  createdAt: Date;
}

export interface SubmitApplicationInput {
  sourceDraftId: string;
  municipalityId: string;
  unitId: string;
  principalId: string;
  term: string;
  schoolForm: string;
  late: boolean;
  pupilRef: string;
  application: unknown;
  assessment: AssessmentFigures;
  // When given, the draft must still be at this version (the one the principal reviewed).
  draftExpectedVersion?: number;
  // The clock, for the case number's year (in the municipality's time zone).
  // The drafter who filled it in, when it was not the signing principal.
  draftedById?: string;
  now?: Date;
  // The municipality's time zone when the caller has it (the acting person's profile): saves
  // reading the profile inside the transaction.
  timeZone?: string;
  // The draft's final machine state, stored with its status in the same statement.
  draftSnapshot?: unknown;
}

export interface CaseRepository {
  // One transaction: case number, case, application version 1, assessment, the draft marked
  // submitted, the draft's attachments moved to the case, an audit entry. Idempotent per
  // sourceDraftId: a repeat returns the existing case with created=false.
  submitApplication(input: SubmitApplicationInput): Promise<{ case: CaseRecord; created: boolean }>;
  get(id: string): Promise<CaseRecord | null>;
  byNumber(municipalityId: string, caseNumber: string): Promise<CaseRecord | null>;
  // Newest first.
  listForPrincipal(personId: string): Promise<CaseRecord[]>;
  // Cases of the municipality with a granted decision (approved or partly approved), oldest first;
  // with `personnummer`, only those whose submitted application names that child.
  listGranted(municipalityId: string, where?: { personnummer?: string; unitIds?: string[]; principalId?: string }): Promise<CaseRecord[]>;
  // Undecided cases, oldest first.
  listQueue(municipalityId: string): Promise<CaseRecord[]>;
  // One page of the queue in one statement, with the unit's and handler's names and the counts
  // the queue shows; its cost does not grow with decided cases.
  queuePage(municipalityId: string, page: { limit: number; offset?: number }): Promise<CasePage<QueueCase> & { unassigned: number }>;
  // One page of a principal's cases, newest first, with their number.
  principalPage(personId: string, page: { limit: number; offset?: number }): Promise<CasePage<CaseRecord>>;
  versions(caseId: string): Promise<ApplicationVersionRecord[]>;
  latestVersion(caseId: string): Promise<ApplicationVersionRecord | null>;
  // The latest version of each of these cases, in one read (a list's rows).
  latestVersions(caseIds: readonly string[]): Promise<Map<string, ApplicationVersionRecord>>;
  // Version n+1 (a resubmission after completion). The status does not change here: the case
  // machine names it and the use case writes it (setStatus) in the same transaction.
  addVersion(caseId: string, data: unknown, byPersonId: string): Promise<ApplicationVersionRecord>;
  // With `expected`, the change happens only from those statuses (else ConflictError), so
  // two handlers acting at once cannot both move the case.
  setStatus(caseId: string, status: CaseStatus, options: { by: string | null; expected?: CaseStatus[]; details?: Record<string, unknown> }): Promise<CaseRecord>;
  assignHandler(caseId: string, handlerId: string | null, by: string | null): Promise<CaseRecord>;
  addAssessment(caseId: string, input: AssessmentFigures & { kind: AssessmentKind; createdById: string; applicationVersionId?: string | null }): Promise<AssessmentRecord>;
  // Oldest first.
  assessments(caseId: string): Promise<AssessmentRecord[]>;
  // Erases the case and everything hanging off it when its retention period has ended; the
  // only path allowed to delete application versions. The erasure itself is audited.
  eraseForRetention(caseId: string, by: string | null): Promise<void>;
}

// ---- decisions and follow-ups ---------------------------------------------------------------

export interface DecisionInput {
  caseId: string;
  outcome: TDecisionOutcome;
  amountPerMonth?: number | null;
  // YYYY-MM-DD
  from?: string | null;
  to?: string | null;
  reason?: string | null;
  approvedMeasureIds?: string[];
  significantDifficulties?: boolean;
  text: string;
  decidedById: string;
  appealDeadline?: string | null;
  // From the injected clock; unset: the database's own time.
  decidedAt?: Date;
  // What the decision says about follow-up; unset: every term.
  followUpSchedule?: TFollowUpSchedule;
}

// What a decision, and a handler's proposal for one, says about the grant.
export interface GrantTerms {
  outcome: TDecisionOutcome;
  amountPerMonth: number | null;
  // YYYY-MM-DD
  from: string | null;
  to: string | null;
  reason: string | null;
  approvedMeasureIds: string[];
}

export interface DecisionRecord extends GrantTerms {
  id: string;
  caseId: string;
  significantDifficulties: boolean;
  text: string;
  decidedById: string;
  decidedAt: Date;
  notifiedAt: Date | null;
  deliveryStatus: DeliveryStatus;
  appealDeadline: string | null;
  followUpSchedule: TFollowUpSchedule;
  // Set when the decision was ended early: the first day it no longer applies, and why.
  endedFrom?: string | null;
  endedReason?: string | null;
}

// A decision's PDF, made once and kept unchanged with its sha256 (the database refuses any change).
export interface DecisionDocument {
  bytes: Uint8Array;
  sha256: string;
}

export interface DecisionDocumentRepository {
  get(decisionId: string): Promise<DecisionDocument | null>;
  // Keeps the first document of a decision: a second store returns the stored one.
  store(decisionId: string, document: DecisionDocument): Promise<DecisionDocument>;
}

export interface DecisionRepository {
  // The decision and its audit entry; ConflictError if the case already has one. The case's
  // status is written by the caller, from the case machine's result, in the same transaction.
  record(input: DecisionInput): Promise<DecisionRecord>;
  // Newest first.
  forCase(caseId: string): Promise<DecisionRecord[]>;
  // The decisions of each of these cases, newest first, in one read.
  forCases(caseIds: readonly string[]): Promise<Map<string, DecisionRecord[]>>;
  // `appealDeadline` is known only once the principal has been notified (fristående units).
  markDelivery(id: string, status: Exclude<DeliveryStatus, 'pending'>, at?: Date, appealDeadline?: string | null): Promise<DecisionRecord>;
  get(id: string): Promise<DecisionRecord | null>;
  // Decisions not yet delivered (nor failed), decided before `olderThan`: the delivery sweep.
  listUndelivered(olderThan: Date, limit: number): Promise<string[]>;
  // Ends a granted decision early (the child left the unit), with its audit entry; ConflictError
  // if it was already ended.
  end(id: string, input: { from: string; reason: string; by: string }): Promise<DecisionRecord>;
}

export interface FollowUpInput {
  caseId: string;
  term: string;
  results: string;
  continuedNeed: boolean;
  comment?: string | null;
  ratings: TAssessment;
  submittedById: string;
  // The rest of the filed follow-up (domain/follow-up.ts ZFollowUpFiled plus figures); parsed by the reader.
  details?: unknown;
  // From the injected clock; unset: the database's own time.
  submittedAt?: Date;
}

export interface FollowUpRecord extends Required<Omit<FollowUpInput, 'comment' | 'details' | 'submittedAt'>> {
  id: string;
  comment: string | null;
  details: unknown;
  submittedAt: Date;
}

export interface FollowUpRepository {
  // Idempotent per (caseId, term): a repeat returns the stored one with created=false.
  submit(input: FollowUpInput): Promise<{ followUp: FollowUpRecord; created: boolean }>;
  get(caseId: string, term: string): Promise<FollowUpRecord | null>;
  // Oldest first.
  forCase(caseId: string): Promise<FollowUpRecord[]>;
  // The follow-ups of all these cases, in one read.
  forCases(caseIds: readonly string[]): Promise<FollowUpRecord[]>;
}

// ---- attachments ----------------------------------------------------------------------------

export interface AttachmentMeta {
  id: string;
  draftId: string | null;
  caseId: string | null;
  kind: TAttachmentKind | null;
  name: string;
  contentType: string;
  size: number;
  sha256: string;
  uploadedById: string;
  createdAt: Date;
}

export interface AttachmentRepository {
  store(input: { draftId: string; name: string; contentType: string; bytes: Uint8Array; uploadedById: string; kind?: TAttachmentKind | null }): Promise<AttachmentMeta>;
  get(id: string): Promise<AttachmentMeta | null>;
  setKind(id: string, kind: TAttachmentKind): Promise<AttachmentMeta>;
  // Oldest first; metadata only.
  listForDraft(draftId: string): Promise<AttachmentMeta[]>;
  listForCase(caseId: string): Promise<AttachmentMeta[]>;
  // Returns how many moved. The draft link is cleared, so erasing the draft keeps them.
  moveToCase(draftId: string, caseId: string): Promise<number>;
  content(id: string): Promise<Uint8Array | null>;
  // Removes an attachment that is still on a draft; attachments of a case stay.
  removeFromDraft(id: string, draftId: string): Promise<boolean>;
}

// ---- conversation references (for proactive messages) ---------------------------------------

export interface ConversationRecord {
  id: string;
  tenantId: string;
  kind: ConversationKind;
  personId: string | null;
  teamId: string | null;
  channelId: string | null;
  conversationId: string;
  serviceUrl: string;
  reference: unknown;
  updatedAt: Date;
}

export interface ConversationRepository {
  upsertPersonal(input: { personId: string; tenantId: string; conversationId: string; serviceUrl: string; reference: unknown }): Promise<ConversationRecord>;
  upsertChannel(input: { tenantId: string; teamId: string; channelId: string; conversationId: string; serviceUrl: string; reference: unknown }): Promise<ConversationRecord>;
  getPersonal(personId: string): Promise<ConversationRecord | null>;
  // The Elevhälsa channel of a municipality (from its channel settings), or of a team.
  getChannel(where: { municipalityId: string } | { teamId: string; channelId?: string }): Promise<ConversationRecord | null>;
}

// ---- audit ----------------------------------------------------------------------------------

export interface ChannelPost {
  caseId: string;
  conversationId: string;
  activityId: string;
  postedAt: Date;
  updatedAt: Date;
}

export interface ChannelPostRepository {
  get(caseId: string): Promise<ChannelPost | null>;
  // Records the card posted for a case; a second record for the same case keeps the first.
  record(input: { caseId: string; conversationId: string; activityId: string }): Promise<{ post: ChannelPost; created: boolean }>;
  touch(caseId: string, at?: Date): Promise<void>;
  // The case's card was posted anew (the old one is gone from the channel).
  replace(input: { caseId: string; conversationId: string; activityId: string }): Promise<void>;
  // Cases with no channel card yet, oldest first: what the notification sweep re-sends.
  casesWithoutPost(olderThan: Date, limit: number): Promise<string[]>;
}

export interface CompletionRequestRecord {
  id: string;
  caseId: string;
  message: string;
  step: string;
  requestedById: string;
  requestedAt: Date;
  deliveryStatus: DeliveryStatus;
  answeredVersion: number | null;
  answeredAt: Date | null;
  // YYYY-MM-DD: by when the principal should answer; null for requests made before there was one.
  replyBy?: string | null;
}

export interface CompletionRepository {
  // `requestedAt` from the injected clock; unset: the database's own time.
  create(input: { caseId: string; message: string; step: string; requestedById: string; requestedAt?: Date; replyBy?: string | null }): Promise<CompletionRequestRecord>;
  get(id: string): Promise<CompletionRequestRecord | null>;
  forCase(caseId: string): Promise<CompletionRequestRecord[]>;
  // The newest request the principal has not answered yet.
  open(caseId: string): Promise<CompletionRequestRecord | null>;
  markDelivery(id: string, status: Exclude<DeliveryStatus, 'pending'>): Promise<void>;
  answer(caseId: string, version: number, at?: Date): Promise<void>;
  // Open requests not yet delivered (nor failed), made before `olderThan`: the delivery sweep.
  listUndelivered(olderThan: Date, limit: number): Promise<string[]>;
}

export interface AuditEntryInput {
  municipalityId?: string | null;
  actorId?: string | null;
  action: TAuditAction;
  subjectType: string;
  subjectId: string;
  // Never health details or names: ids, numbers, statuses.
  details?: Record<string, unknown>;
}

export interface AuditEntry {
  // A bigint sequence, as a string.
  id: string;
  at: Date;
  municipalityId: string | null;
  actorId: string | null;
  // Plain text in the database: entries written under a since-retired name stay readable.
  action: string;
  subjectType: string;
  subjectId: string;
  details: Record<string, unknown>;
}

export interface AuditQuery {
  municipalityId: string;
  // Entries about the case (its own, and those that name it in details.caseId).
  caseId?: string;
  // Entries the person made, or about the person.
  personId?: string;
  // [from, to): instants.
  from?: Date;
  to?: Date;
  limit: number;
  // The last id of the previous page; pages go newest first.
  before?: string;
}

export interface AuditRepository {
  append(entry: AuditEntryInput): Promise<AuditEntry>;
  // Oldest first.
  list(subjectType: string, subjectId: string): Promise<AuditEntry[]>;
  // Newest first, one page; `next` is the `before` of the following page, null at the end.
  search(query: AuditQuery): Promise<{ entries: AuditEntry[]; next: string | null }>;
}

// ---- all of them ----------------------------------------------------------------------------

// What the reminder planner reads, for one municipality and day (dates local, 'YYYY-MM-DD').
export interface ReminderFactWindow {
  timeZone: string;
  currentTerm: string;
  nextTerm: string;
  // The current term's span: a grant whose last day lies in it ends with the term.
  termStart: string;
  termEnd: string;
  // Only this principal's cases and drafts (for `påminnelser`).
  principalId?: string;
}

export type ReminderSendStatus = 'claimed' | 'sent' | 'undeliverable' | 'dropped';

export interface ReminderSendRecord {
  id: string;
  municipalityId: string;
  kind: ReminderKind;
  subject: string;
  occurrence: string;
  recipientId: string | null;
  caseId: string | null;
  sendOn: string;
  about: string;
  status: ReminderSendStatus;
  claimedAt: Date;
  sentAt: Date | null;
  detail: Record<string, unknown> | null;
}

// One batch of the planner's facts, with the batch's granted cases and the follow-ups filed for
// them: the app turns those into the follow-ups due with the follow-up schedule
// (app/reminders/follow-up-facts.ts), so a batch's follow-ups come with its cases.
export interface ReminderFactBatch extends ReminderFacts {
  grants: FollowUpGrant[];
  filed: Array<{ caseId: string; term: string }>;
}

export interface ReminderRepository {
  // The facts in keyset batches of `batchSize` cases (then drafts), never all rows at once; the
  // snoozes and paused kinds ride along with every batch.
  factBatches(municipalityId: string, window: ReminderFactWindow, batchSize?: number): AsyncIterable<ReminderFactBatch>;
  // Claims the reminder's natural key; the new row's id, or null when it was claimed before
  // (by this instance or another one).
  claim(municipalityId: string, reminder: PlannedReminder): Promise<string | null>;
  // The same for many in one statement: the ids of those this call claimed.
  claimMany(municipalityId: string, reminders: PlannedReminder[]): Promise<string[]>;
  get(id: string): Promise<ReminderSendRecord | null>;
  mark(id: string, status: Exclude<ReminderSendStatus, 'claimed'>, at: Date, detail?: Record<string, unknown>): Promise<void>;
  // Claimed but never marked (the instance stopped between claim and queue): for the sweep.
  listClaimed(olderThan: Date, limit: number): Promise<string[]>;
  listUndeliverable(municipalityId: string, limit: number): Promise<ReminderSendRecord[]>;
  snooze(input: { municipalityId: string; personId: string | null; kind: ReminderKind; subject: string; until: string; caseId: string | null }): Promise<void>;
  setPaused(municipalityId: string, personId: string | null, kind: ReminderKind, paused: boolean): Promise<void>;
  pausedKinds(municipalityId: string, personId: string | null): Promise<ReminderKind[]>;
}

// Gallring: what the profile's retention periods have made due for erasure.
export interface RetentionRepository {
  // Cases whose last granted period ended (never granted: whose last decision was made) before
  // `cutoff`, the local date; oldest first.
  casesDue(municipalityId: string, cutoff: string, timeZone: string, limit: number): Promise<Array<{ id: string; caseNumber: string }>>;
  // Open application drafts of the municipality's people untouched since `before`.
  draftsDue(municipalityId: string, before: Date, limit: number): Promise<Array<{ id: string; personId: string | null }>>;
  // Erases the draft (its attachments go with it) with a non-identifying audit record.
  eraseDraft(id: string, municipalityId: string): Promise<void>;
  // The reminders kept about a case, erased with it.
  eraseRemindersForCase(caseId: string): Promise<void>;
}

// A handler's proposal for decision, for the head.
export interface ProposalRecord extends GrantTerms {
  id: string;
  caseId: string;
  proposedById: string;
  proposedAt: Date;
}

export interface ProposalRepository {
  record(input: Omit<ProposalRecord, 'id' | 'proposedAt'> & { proposedAt?: Date }): Promise<ProposalRecord>;
  latest(caseId: string): Promise<ProposalRecord | null>;
}

export interface Repositories {
  municipalities: MunicipalityRepository;
  people: PeopleRepository;
  units: UnitRepository;
  snapshots: SnapshotRepository;
  cases: CaseRepository;
  decisions: DecisionRepository;
  decisionDocuments: DecisionDocumentRepository;
  followUps: FollowUpRepository;
  attachments: AttachmentRepository;
  conversations: ConversationRepository;
  channelPosts: ChannelPostRepository;
  completions: CompletionRepository;
  proposals: ProposalRepository;
  audit: AuditRepository;
  reminders: ReminderRepository;
  retention: RetentionRepository;
  profileVersions: ProfileVersionRepository;
  // Runs `work` in one transaction; the repositories it gets write inside it.
  transaction<T>(work: (repos: Repositories) => Promise<T>): Promise<T>;
}
