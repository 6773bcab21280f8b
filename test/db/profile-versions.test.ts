// Profile versions in the database: the administration migration gives the municipalities and
// cases that exist already a version 1, and from then on a trigger numbers every profile change
// and stamps new cases, assessments and decisions. Runs in scratch schemas of the test database.
import { afterAll, beforeAll, describe, test } from '@jest/globals';
import assert from 'node:assert/strict';
import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type pg from 'pg';
import { noraProfile } from '../../domain/profile';
import { MIGRATIONS_DIR, migrate } from '../../prisma/migrate';
import { openTestDatabase, type TestDatabase } from './helpers';

const ADMINISTRATION = '20261128000700_administration';
const M = 'nora';
const UNIT = '00000000-0000-4000-8000-0000000000a1';
const PERSON = '00000000-0000-4000-8000-0000000000b1';
const OLD_CASE = '00000000-0000-4000-8000-0000000000c1';
const NEW_CASE = '00000000-0000-4000-8000-0000000000c2';

let db: TestDatabase;
let client: pg.PoolClient;
let dir: string;

const q = async (text: string, params?: unknown[]) => (await client.query(text, params)).rows;

async function insertCase(id: string, number: string): Promise<void> {
  await q(
    `INSERT INTO cases (id, case_number, municipality_id, unit_id, principal_id, term, school_form, pupil_ref, updated_at) VALUES ($1, $2, $3, $4, $5, 'HT2027', 'grundskola', 'Elev', now())`,
    [id, number, M, UNIT, PERSON],
  );
  await q(
    `INSERT INTO assessments (id, case_id, kind, ratings, hours_current, hours_desired, amount_per_month, created_by_id) VALUES (gen_random_uuid(), $1, 'application', '{}', 8, 3, 8267, $2)`,
    [id, PERSON],
  );
  await q(`INSERT INTO decisions (id, case_id, outcome, text, decided_by_id) VALUES (gen_random_uuid(), $1, 'rejected', 'Avslag.', $2)`, [id, PERSON]);
}

const stamps = async (caseId: string) =>
  (
    await q(
      `SELECT c.profile_version_id AS c, (SELECT array_agg(profile_version_id) FROM assessments WHERE case_id = c.id) AS a, (SELECT array_agg(profile_version_id) FROM decisions WHERE case_id = c.id) AS d FROM cases c WHERE c.id = $1`,
      [caseId],
    )
  )[0] as { c: string; a: string[]; d: string[] };

describe('profile versions', () => {
  beforeAll(async () => {
    db = await openTestDatabase();
    client = await db.pool.connect();
    await client.query(`DROP SCHEMA IF EXISTS pv CASCADE; CREATE SCHEMA pv; SET search_path TO pv`);
    dir = await mkdtemp(join(tmpdir(), 'tillaggsbot-migrations-'));
    await cp(MIGRATIONS_DIR, dir, { recursive: true });
    await rm(join(dir, ADMINISTRATION), { recursive: true });
    // The database as it was before the administration migration, with a case in it.
    await migrate(client, { dir });
    await q(`INSERT INTO municipalities (id, name, tenant_id, profile, updated_at) VALUES ($1, 'Nora kommun', 'tenant-pv', $2, now())`, [M, JSON.stringify(noraProfile)]);
    await q(`INSERT INTO units (id, municipality_id, name, kind, huvudman, school_forms) VALUES ($1, $2, 'Skolan', 'kommunal', 'Nora kommun', '{grundskola}')`, [UNIT, M]);
    await q(`INSERT INTO people (id, municipality_id, tenant_id, aad_object_id, display_name) VALUES ($1, $2, 'tenant-pv', 'aad-pv', 'Rektor')`, [PERSON, M]);
    await insertCase(OLD_CASE, 'TB-2027-0001');
    await cp(join(MIGRATIONS_DIR, ADMINISTRATION), join(dir, ADMINISTRATION), { recursive: true });
    assert.deepEqual((await migrate(client, { dir })).applied, [ADMINISTRATION]);
  });
  afterAll(async () => {
    await client?.query('DROP SCHEMA IF EXISTS pv CASCADE; RESET search_path');
    client?.release();
    await db?.close();
    await rm(dir, { recursive: true, force: true });
  });

  test('existing municipalities get version 1, and their cases, assessments and decisions are stamped with it', async () => {
    const [v1] = await q(`SELECT id, version, profile FROM profile_versions WHERE municipality_id = $1`, [M]);
    assert.equal(v1.version, 1);
    assert.equal(v1.profile.amount.hourlyRate, noraProfile.amount.hourlyRate);
    assert.deepEqual(await stamps(OLD_CASE), { c: v1.id, a: [v1.id], d: [v1.id] });
    const [unit] = await q(`SELECT active, huvudman_org_number FROM units WHERE id = $1`, [UNIT]);
    assert.deepEqual(unit, { active: true, huvudman_org_number: null });
  });

  test('a changed profile is the next version (with who changed it); an unchanged save adds none; new cases take the newest', async () => {
    const [v1] = await q(`SELECT id FROM profile_versions WHERE municipality_id = $1`, [M]);
    await client.query('BEGIN');
    await q(`SELECT set_config('tillaggsbot.actor', $1, true)`, [PERSON]);
    await q(`UPDATE municipalities SET profile = jsonb_set(profile, '{amount,hourlyRate}', '400') WHERE id = $1`, [M]);
    await client.query('COMMIT');
    await q(`UPDATE municipalities SET name = 'Nora' WHERE id = $1`, [M]);
    await q(`UPDATE municipalities SET profile = profile WHERE id = $1`, [M]);
    const versions = await q(`SELECT id, version, created_by_id, profile->'amount'->>'hourlyRate' AS rate FROM profile_versions WHERE municipality_id = $1 ORDER BY version`, [M]);
    assert.deepEqual(versions.map((v) => [v.version, v.created_by_id, v.rate]), [[1, null, String(noraProfile.amount.hourlyRate)], [2, PERSON, '400']]);

    await insertCase(NEW_CASE, 'TB-2027-0002');
    assert.deepEqual(await stamps(NEW_CASE), { c: versions[1].id, a: [versions[1].id], d: [versions[1].id] });
    assert.deepEqual(await stamps(OLD_CASE), { c: v1.id, a: [v1.id], d: [v1.id] }, 'the old case keeps its version');
  });

  test('a new municipality starts at version 1', async () => {
    await q(`INSERT INTO municipalities (id, name, tenant_id, profile, updated_at) VALUES ('lindesberg', 'Lindesbergs kommun', 'tenant-l', $1, now())`, [JSON.stringify({ ...noraProfile, id: 'lindesberg' })]);
    assert.deepEqual(await q(`SELECT version FROM profile_versions WHERE municipality_id = 'lindesberg'`), [{ version: 1 }]);
  });
});
