// The cases `npm run bench:reminders` plans over (see bench/reminders.ts), written with set-based
// SQL so 100 000 of them take seconds.
import type { Database } from '../prisma/db';
import { DEMO_IDS, seedDemo } from '../prisma/seed';

export async function fillForBench(db: Database, cases: number): Promise<void> {
  await seedDemo(db.prisma, { tenantId: 'tenant-bench' });
  const { municipality, units, people } = DEMO_IDS;
  await db.pool.query(
    `INSERT INTO cases (id, case_number, municipality_id, unit_id, principal_id, term, school_form, status, pupil_ref, created_at, updated_at)
     SELECT gen_random_uuid(), 'TB-2027-' || lpad(i::text, 6, '0'), $1, $2, $3,
            CASE WHEN i % 4 = 1 THEN 'HT2027' ELSE 'VT2027' END, 'grundskola',
            (CASE i % 4 WHEN 0 THEN 'decided' WHEN 1 THEN 'submitted' WHEN 2 THEN 'completion_requested' ELSE 'decided' END)::case_status,
            'Elev ' || i, timestamptz '2027-04-01 08:00Z', now()
       FROM generate_series(1, $4::int) AS i`,
    [municipality, units.jarnboas, people.principal, cases],
  );
  await db.pool.query(
    `INSERT INTO decisions (id, case_id, outcome, amount_per_month, "from", "to", text, decided_by_id, decided_at, delivery_status)
     SELECT gen_random_uuid(), c.id, CASE WHEN c.status = 'decided' AND right(c.case_number, 1)::int % 2 = 0 THEN 'approved'::decision_outcome ELSE 'rejected'::decision_outcome END,
            1000, date '2027-01-01', date '2027-06-30', 'Beslut.', $1, timestamptz '2026-12-01 09:00Z', 'delivered'
       FROM cases c WHERE c.status = 'decided'`,
    [people.head],
  );
  await db.pool.query(
    `INSERT INTO completion_requests (id, case_id, message, step, requested_by_id, requested_at, delivery_status)
     SELECT gen_random_uuid(), id, 'Komplettera.', 'attachments', $1, timestamptz '2027-04-07 09:00Z', 'delivered'
       FROM cases WHERE status = 'completion_requested'`,
    [people.handler],
  );
  await db.pool.query(
    `INSERT INTO machine_snapshots (id, machine, person_id, status, label, snapshot, updated_at)
     SELECT gen_random_uuid(), 'application', $1, 'open', 'Utkast', '{"value":"pupil","context":{"draft":{"term":"HT2027"}}}'::jsonb, now()
       FROM generate_series(1, $2::int)`,
    [people.principal, Math.ceil(cases / 10)],
  );
  await db.pool.query('ANALYZE');
}

