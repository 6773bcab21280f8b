// Reminders: the facts the planner reads (in keyset batches, so 100 000 cases never sit in
// memory at once), the exactly-once claims, snoozes and paused kinds. Gallring's look-ups are
// here too (retentionRepository): both read cases by their dates.
import type { ReminderFactBatch, ReminderFactWindow, ReminderRepository, ReminderSendRecord, ReminderSendStatus, RetentionRepository } from '../../domain/ports';
import { parseFollowUpSchedule } from '../../domain/follow-up-schedule';
import { noFacts, type ReminderFacts, type ReminderKind } from '../../domain/reminders';
import type { ReminderSend as Row } from '../generated/client';
import { appendAudit } from './audit';
import { type Db, fromDateOnly, inTransaction, toDateOnly } from './shared';

const ZERO_UUID = '00000000-0000-0000-0000-000000000000';
const GRANTED = ['approved', 'partly_approved'];

function toRecord(row: Row): ReminderSendRecord {
  return {
    id: row.id,
    municipalityId: row.municipalityId,
    kind: row.kind as ReminderKind,
    subject: row.subject,
    occurrence: row.occurrence,
    recipientId: row.recipientId,
    caseId: row.caseId,
    sendOn: toDateOnly(row.sendOn)!,
    about: toDateOnly(row.about)!,
    status: row.status as ReminderSendStatus,
    claimedAt: row.claimedAt,
    sentAt: row.sentAt,
    detail: (row.detail as Record<string, unknown> | null) ?? null,
  };
}

interface CaseFactRow {
  id: string;
  case_number: string;
  principal_id: string;
  unit_id: string;
  term: string;
  status: string;
  assigned: boolean;
  created_on: string;
  outcome: string | null;
  decision_id: string | null;
  from_date: string | null;
  to_date: string | null;
  follow_up_schedule: unknown;
  filed_terms: string[] | null;
  delivery_status: string | null;
  failed_on: string | null;
  next_applied: boolean;
  completion_id: string | null;
  requested_on: string | null;
}

// One round trip per batch of cases: each case with its latest decision; for a grant, the terms
// whose follow-up is filed and (only when it ends this term) whether the same child has applied
// at the same unit for the next term; the open completion request. Keyset paging on the primary
// key: every batch starts where the last one ended, at the same cost however deep.
const CASE_FACTS_SQL = `
  SELECT c.id, c.case_number, c.principal_id, c.unit_id, c.term, c.status::text AS status,
         c.assigned_handler_id IS NOT NULL AS assigned,
         to_char(c.created_at AT TIME ZONE $5, 'YYYY-MM-DD') AS created_on,
         d.outcome::text AS outcome, d.id AS decision_id,
         to_char(d."from", 'YYYY-MM-DD') AS from_date, to_char(d."to", 'YYYY-MM-DD') AS to_date,
         d.follow_up_schedule, fu.terms AS filed_terms,
         d.delivery_status::text AS delivery_status,
         to_char(d.delivery_failed_at AT TIME ZONE $5, 'YYYY-MM-DD') AS failed_on,
         nx.found IS NOT NULL AS next_applied,
         q.id AS completion_id, to_char(q.requested_at AT TIME ZONE $5, 'YYYY-MM-DD') AS requested_on
    FROM cases c
    LEFT JOIN LATERAL (SELECT id, outcome, "from", "to", follow_up_schedule, delivery_status, delivery_failed_at FROM decisions
                       WHERE case_id = c.id ORDER BY decided_at DESC, id DESC LIMIT 1) d ON true
    LEFT JOIN LATERAL (SELECT array_agg(f.term) AS terms FROM follow_ups f
                        WHERE d.outcome::text = ANY($6::text[]) AND f.case_id = c.id) fu ON true
    -- An index probe per grant that ends this term (never a hash of the whole next term).
    LEFT JOIN LATERAL (SELECT 1 AS found FROM cases n
                        WHERE d.outcome::text = ANY($6::text[]) AND d."to" BETWEEN $7::date AND $8::date
                          AND n.municipality_id = c.municipality_id AND n.pupil_ref = c.pupil_ref
                          AND n.term = $3 AND n.unit_id = c.unit_id
                        LIMIT 1) nx ON true
    LEFT JOIN LATERAL (SELECT id, requested_at FROM completion_requests
                        WHERE c.status = 'completion_requested' AND case_id = c.id
                          AND answered_version IS NULL AND delivery_status = 'delivered'
                        ORDER BY requested_at DESC, id DESC LIMIT 1) q ON true
   WHERE c.municipality_id = $1 AND c.id > $2::uuid AND ($9::uuid IS NULL OR c.principal_id = $9::uuid)
   ORDER BY c.id
   LIMIT $4`;

const noBatch = (): ReminderFactBatch => ({ ...noFacts(), grants: [], filed: [] });

// Rows in keyset batches on their uuid primary key (`id > last`, never OFFSET): every batch costs
// the same however deep. The next batch is read while the caller plans and claims this one, so
// the database's reading and writing overlap; two batches at most are in memory.
async function* keysetBatches<R extends { id: string }>(fetch: (after: string) => Promise<R[]>, batchSize: number): AsyncGenerator<R[]> {
  let pending = fetch(ZERO_UUID);
  for (;;) {
    const rows = await pending;
    if (rows.length === 0) return;
    const more = rows.length === batchSize;
    if (more) {
      pending = fetch(rows.at(-1)!.id);
      // Awaited on the next turn; a caller that stops early leaves no unhandled rejection.
      pending.catch(() => {});
    }
    yield rows;
    if (!more) return;
  }
}

export function createReminderRepository(db: Db): ReminderRepository {
  async function standing(municipalityId: string): Promise<Pick<ReminderFacts, 'snoozes' | 'paused'>> {
    const [snoozes, paused] = await Promise.all([db.reminderSnooze.findMany({ where: { municipalityId } }), db.reminderPause.findMany({ where: { municipalityId } })]);
    return {
      snoozes: snoozes.map((s) => ({ kind: s.kind as ReminderKind, subject: s.subject, until: toDateOnly(s.until)! })),
      paused: paused.map((p) => ({ personId: p.personId, kind: p.kind as ReminderKind })),
    };
  }

  async function* caseBatches(municipalityId: string, w: ReminderFactWindow, batchSize: number, carried: Pick<ReminderFacts, 'snoozes' | 'paused'>): AsyncGenerator<ReminderFactBatch> {
    const fetch = (after: string) => db.$queryRawUnsafe<CaseFactRow[]>(CASE_FACTS_SQL, municipalityId, after, w.nextTerm, batchSize, w.timeZone, GRANTED, w.termStart, w.termEnd, w.principalId ?? null);
    for await (const rows of keysetBatches(fetch, batchSize)) {
      const facts: ReminderFactBatch = { ...noBatch(), ...carried };
      for (const r of rows) {
        const granted = r.outcome !== null && GRANTED.includes(r.outcome);
        if (granted) {
          facts.grants.push({ caseId: r.id, caseNumber: r.case_number, municipalityId, principalId: r.principal_id, unitId: r.unit_id, term: r.term, from: r.from_date, to: r.to_date, schedule: parseFollowUpSchedule(r.follow_up_schedule) });
          for (const term of r.filed_terms ?? []) facts.filed.push({ caseId: r.id, term });
        }
        if (granted && r.to_date && r.to_date >= w.termStart && r.to_date <= w.termEnd) {
          facts.grantsEnding.push({ caseId: r.id, principalId: r.principal_id, term: w.currentTerm, nextTermApplied: r.next_applied });
        }
        if (r.status === 'submitted') facts.newCases.push({ caseId: r.id, submittedOn: r.created_on, taken: r.assigned });
        if (r.status !== 'decided' && (r.term === w.nextTerm || r.term === w.currentTerm)) facts.undecided.push({ caseId: r.id, term: r.term, decided: false });
        if (r.delivery_status === 'failed' && r.decision_id && r.failed_on) facts.failedDeliveries.push({ decisionId: r.decision_id, caseId: r.id, failedOn: r.failed_on, resolved: false });
        if (r.completion_id) facts.completions.push({ completionId: r.completion_id, caseId: r.id, principalId: r.principal_id, requestedOn: r.requested_on!, answered: false });
      }
      yield facts;
    }
  }

  async function* draftBatches(municipalityId: string, w: ReminderFactWindow, batchSize: number, carried: Pick<ReminderFacts, 'snoozes' | 'paused'>): AsyncGenerator<ReminderFactBatch> {
    const fetch = (after: string) =>
      db.$queryRawUnsafe<Array<{ id: string; person_id: string }>>(
        `SELECT s.id, s.person_id FROM machine_snapshots s JOIN people p ON p.id = s.person_id
          WHERE p.municipality_id = $1 AND s.machine = 'application' AND s.status = 'open' AND s.case_id IS NULL
            AND s.snapshot->'context'->'draft'->>'term' = $2 AND s.id > $3::uuid AND ($5::uuid IS NULL OR s.person_id = $5::uuid)
          ORDER BY s.id LIMIT $4`,
        municipalityId,
        w.nextTerm,
        after,
        batchSize,
        w.principalId ?? null,
      );
    for await (const rows of keysetBatches(fetch, batchSize)) {
      // Snoozes and pauses apply to drafts' reminders too.
      yield { ...noBatch(), ...carried, drafts: rows.map((r) => ({ draftId: r.id, principalId: r.person_id, term: w.nextTerm })) };
    }
  }

  return {
    async *factBatches(municipalityId, window, batchSize = 2000) {
      const carried = await standing(municipalityId);
      yield* caseBatches(municipalityId, window, batchSize, carried);
      yield* draftBatches(municipalityId, window, batchSize, carried);
    },

    async claim(municipalityId, r) {
      // ON CONFLICT DO NOTHING: of two instances planning the same day, exactly one gets the row.
      const rows = await db.$queryRaw<Array<{ id: string }>>`
        INSERT INTO reminder_sends (id, municipality_id, kind, subject, occurrence, recipient_id, case_id, send_on, about, detail)
        VALUES (gen_random_uuid(), ${municipalityId}, ${r.kind}, ${r.subject}, ${r.occurrence}, ${r.recipientId}::uuid, ${r.caseId}::uuid,
                ${r.sendOn}::date, ${r.about}::date, ${r.caseIds ? JSON.stringify({ caseIds: r.caseIds }) : null}::jsonb)
        ON CONFLICT (municipality_id, kind, subject, occurrence) DO NOTHING
        RETURNING id`;
      return rows[0]?.id ?? null;
    },

    async claimMany(municipalityId, reminders) {
      if (reminders.length === 0) return [];
      const col = <K extends keyof (typeof reminders)[number]>(k: K) => reminders.map((r) => r[k] ?? null);
      const rows = await db.$queryRawUnsafe<Array<{ id: string }>>(
        `INSERT INTO reminder_sends (id, municipality_id, kind, subject, occurrence, recipient_id, case_id, send_on, about, detail)
         SELECT gen_random_uuid(), $1, k, s, o, r::uuid, c::uuid, d::date, a::date, x::jsonb
           FROM unnest($2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[]) AS t(k, s, o, r, c, d, a, x)
         ON CONFLICT (municipality_id, kind, subject, occurrence) DO NOTHING
         RETURNING id`,
        municipalityId,
        col('kind'),
        col('subject'),
        col('occurrence'),
        col('recipientId'),
        col('caseId'),
        col('sendOn'),
        col('about'),
        reminders.map((r) => (r.caseIds ? JSON.stringify({ caseIds: r.caseIds }) : null)),
      );
      return rows.map((r) => r.id);
    },

    async get(id) {
      const row = await db.reminderSend.findUnique({ where: { id } });
      return row && toRecord(row);
    },

    async mark(id, status, at, detail) {
      await db.reminderSend.update({ where: { id }, data: { status, ...(status === 'sent' ? { sentAt: at } : {}), ...(detail ? { detail: detail as object } : {}) } });
    },

    async listClaimed(olderThan, limit) {
      const rows = await db.reminderSend.findMany({ where: { status: 'claimed', claimedAt: { lt: olderThan } }, select: { id: true }, orderBy: { claimedAt: 'asc' }, take: limit });
      return rows.map((r) => r.id);
    },

    async listUndeliverable(municipalityId, limit) {
      const rows = await db.reminderSend.findMany({ where: { municipalityId, status: 'undeliverable' }, orderBy: { claimedAt: 'desc' }, take: limit });
      return rows.map(toRecord);
    },

    async snooze({ municipalityId, personId, kind, subject, until, caseId }) {
      await db.reminderSnooze.createMany({ data: [{ municipalityId, personId, kind, subject, until: fromDateOnly(until)!, caseId }], skipDuplicates: true });
    },

    async setPaused(municipalityId, personId, kind, paused) {
      await inTransaction(db, async (tx) => {
        const existing = await tx.reminderPause.findFirst({ where: { municipalityId, personId, kind } });
        if (paused && !existing) await tx.reminderPause.create({ data: { municipalityId, personId, kind } });
        if (!paused && existing) await tx.reminderPause.deleteMany({ where: { municipalityId, personId, kind } });
        if (paused !== Boolean(existing)) {
          await appendAudit(tx, { municipalityId, actorId: personId, action: paused ? 'reminder.paused' : 'reminder.resumed', subjectType: 'reminder', subjectId: kind, details: { kind } });
        }
      });
    },

    async pausedKinds(municipalityId, personId) {
      const rows = await db.reminderPause.findMany({ where: { municipalityId, personId }, select: { kind: true } });
      return rows.map((r) => r.kind as ReminderKind);
    },
  };
}

export function createRetentionRepository(db: Db): RetentionRepository {
  return {
    async casesDue(municipalityId, cutoff, timeZone, limit) {
      // Granted: the last granted period's end. Never granted: the last decision's day.
      // Undecided cases are never due.
      return db.$queryRawUnsafe<Array<{ id: string; caseNumber: string }>>(
        `SELECT c.id, c.case_number AS "caseNumber" FROM cases c
          JOIN LATERAL (SELECT max(d."to") FILTER (WHERE d.outcome::text = ANY($4::text[])) AS granted_to,
                               max((d.decided_at AT TIME ZONE $3)::date) AS decided_on
                          FROM decisions d WHERE d.case_id = c.id) x ON true
          WHERE c.municipality_id = $1 AND c.status = 'decided'
            AND COALESCE(x.granted_to, x.decided_on) < $2::date
          ORDER BY COALESCE(x.granted_to, x.decided_on), c.id
          LIMIT $5`,
        municipalityId,
        cutoff,
        timeZone,
        GRANTED,
        limit,
      );
    },

    async draftsDue(municipalityId, before, limit) {
      const rows = await db.machineSnapshot.findMany({
        where: { machine: 'application', status: 'open', caseId: null, updatedAt: { lt: before }, person: { municipalityId } },
        select: { id: true, personId: true },
        orderBy: { updatedAt: 'asc' },
        take: limit,
      });
      return rows;
    },

    async eraseDraft(id, municipalityId) {
      await inTransaction(db, async (tx) => {
        const gone = await tx.machineSnapshot.deleteMany({ where: { id, status: 'open', caseId: null } });
        await tx.reminderSend.deleteMany({ where: { subject: id } });
        await tx.reminderSnooze.deleteMany({ where: { subject: id } });
        if (gone.count > 0) await appendAudit(tx, { municipalityId, actorId: null, action: 'draft.erased', subjectType: 'draft', subjectId: id, details: { reason: 'retention' } });
      });
    },

    async eraseRemindersForCase(caseId) {
      await db.reminderSend.deleteMany({ where: { caseId } });
      await db.reminderSnooze.deleteMany({ where: { caseId } });
    },
  };
}
