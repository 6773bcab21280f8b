// The hand-written migrations must build exactly what schema.prisma describes, as
// `prisma migrate` would: every table and column (type, nullability, default), enum, primary
// key, unique and plain index, and foreign key, with Prisma's default names. The expectation
// comes from Prisma's own parse of the schema (the DMMF written by prisma/dmmf-generator.mjs),
// the reality from the migrated database's catalog.
import { afterAll, beforeAll, describe, test } from '@jest/globals';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { openTestDatabase, type TestDatabase } from './helpers';

interface DmmfField {
  name: string;
  dbName?: string | null;
  kind: 'scalar' | 'enum' | 'object' | 'unsupported';
  isList: boolean;
  isRequired: boolean;
  type: string;
  nativeType?: [string, string[]] | null;
  hasDefaultValue: boolean;
  default?: unknown;
  relationFromFields?: string[];
  relationToFields?: string[];
  relationOnDelete?: string;
  relationOnUpdate?: string;
}
interface DmmfModel {
  name: string;
  dbName: string | null;
  fields: DmmfField[];
}
interface DmmfIndex {
  model: string;
  type: 'id' | 'unique' | 'normal' | 'fulltext';
  dbName?: string | null;
  fields: { name: string }[];
}
interface Dmmf {
  schemaSha256: string;
  datamodel: {
    models: DmmfModel[];
    enums: { name: string; dbName: string | null; values: { name: string; dbName: string | null }[] }[];
    indexes: DmmfIndex[];
  };
}

const root = new URL('../../', import.meta.url);
let dmmf: Dmmf;
let db: TestDatabase;

const tableOf = (m: DmmfModel) => m.dbName ?? m.name;
const columnOf = (f: DmmfField) => f.dbName ?? f.name;
const scalars = (m: DmmfModel) => m.fields.filter((f) => f.kind === 'scalar' || f.kind === 'enum');
const modelNamed = (name: string) => dmmf.datamodel.models.find((m) => m.name === name)!;
const fieldNamed = (m: DmmfModel, name: string) => m.fields.find((f) => f.name === name)!;
const enumDbName = (name: string) => {
  const e = dmmf.datamodel.enums.find((x) => x.name === name)!;
  return e.dbName ?? e.name;
};

// The column type `prisma migrate` creates for a field, as information_schema spells it.
function expectedType(f: DmmfField): string {
  if (f.kind === 'enum') return `${f.isList ? '_' : ''}${enumDbName(f.type)}`;
  const [native, args = []] = f.nativeType ?? [];
  const base = ((): string => {
    switch (f.type) {
      case 'String':
        return native === 'Uuid' ? 'uuid' : 'text';
      case 'Int':
        return 'int4';
      case 'BigInt':
        return 'int8';
      case 'Boolean':
        return 'bool';
      case 'Float':
        return 'float8';
      case 'Json':
        return native === 'Json' ? 'json' : 'jsonb';
      case 'Bytes':
        return 'bytea';
      case 'Decimal':
        return `numeric(${args.length ? args.join(',') : '65,30'})`;
      case 'DateTime':
        if (native === 'Date') return 'date';
        return `${native === 'Timestamptz' ? 'timestamptz' : 'timestamp'}(${args[0] ?? '3'})`;
      default:
        throw new Error(`No mapping for Prisma type ${f.type} (${f.name})`);
    }
  })();
  return f.isList ? `${base}[]` : base;
}

// Prisma creates defaults in the database for literals, now() and autoincrement; uuid(),
// cuid() and @updatedAt are filled in by the client.
function expectedDefault(f: DmmfField): RegExp | null {
  if (!f.hasDefaultValue) return null;
  const d = f.default as { name?: string } | string | number | boolean;
  if (typeof d === 'object' && d !== null) {
    if (d.name === 'now') return /^CURRENT_TIMESTAMP$/;
    if (d.name === 'autoincrement') return /^nextval\(/;
    return null;
  }
  if (typeof d === 'boolean' || typeof d === 'number') return new RegExp(`^${d}$`);
  const escaped = String(d).replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`^'${escaped}'::`);
}

// Prisma's default constraint and index names (all ours fit in 63 characters).
const defaultName = (table: string, columns: string[], suffix: string) => `${table}_${columns.join('_')}_${suffix}`;

const ON_ACTION: Record<string, string> = { Cascade: 'c', Restrict: 'r', NoAction: 'a', SetNull: 'n', SetDefault: 'd' };

describe('the migrated database matches schema.prisma', () => {
  beforeAll(async () => {
    const [json, schema] = await Promise.all([readFile(new URL('prisma/generated/dmmf.json', root), 'utf8'), readFile(new URL('prisma/schema.prisma', root))]);
    dmmf = JSON.parse(json) as Dmmf;
    assert.equal(dmmf.schemaSha256, createHash('sha256').update(schema).digest('hex'), 'prisma/generated/dmmf.json is older than schema.prisma: run `npm run db:generate`.');
    db = await openTestDatabase();
  });
  afterAll(() => db.close());

  const query = async <T>(sql: string) => (await db.pool.query(sql)).rows as T[];

  test('the same tables, and no others', async () => {
    const tables = await query<{ name: string }>(`SELECT c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p')`);
    const actual = tables.map((t) => t.name).filter((n) => n !== '_migrations').sort();
    assert.deepEqual(actual, dmmf.datamodel.models.map(tableOf).sort());
  });

  test('the same enums, with the same values in the same order', async () => {
    const rows = await query<{ name: string; labels: string[] }>(`
      SELECT t.typname AS name, array_agg(e.enumlabel ORDER BY e.enumsortorder)::text[] AS labels
      FROM pg_type t JOIN pg_enum e ON e.enumtypid = t.oid JOIN pg_namespace n ON n.oid = t.typnamespace
      WHERE n.nspname = current_schema() GROUP BY t.typname`);
    const actual = Object.fromEntries(rows.map((r) => [r.name, r.labels]));
    const expected = Object.fromEntries(dmmf.datamodel.enums.map((e) => [e.dbName ?? e.name, e.values.map((v) => v.dbName ?? v.name)]));
    assert.deepEqual(actual, expected);
  });

  test('every model: the same columns, types, nullability and defaults', async () => {
    const rows = await query<{ table: string; column: string; type: string; nullable: boolean; default: string | null }>(`
      SELECT c.relname AS table, a.attname AS column,
             t.typname || CASE
               WHEN t.typname = 'numeric' AND a.atttypmod > 0 THEN '(' || ((a.atttypmod - 4) >> 16) || ',' || ((a.atttypmod - 4) & 65535) || ')'
               WHEN t.typname IN ('timestamptz', 'timestamp') AND a.atttypmod >= 0 THEN '(' || a.atttypmod || ')'
               ELSE '' END AS type,
             NOT a.attnotnull AS nullable, pg_get_expr(d.adbin, d.adrelid) AS default
      FROM pg_attribute a
      JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace
      JOIN pg_type t ON t.oid = a.atttypid
      LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
      WHERE n.nspname = current_schema() AND c.relkind = 'r' AND a.attnum > 0 AND NOT a.attisdropped AND c.relname <> '_migrations'`);
    for (const model of dmmf.datamodel.models) {
      const table = tableOf(model);
      const columns = rows.filter((r) => r.table === table);
      assert.deepEqual(columns.map((c) => c.column).sort(), scalars(model).map(columnOf).sort(), `${model.name}: columns of ${table}`);
      for (const field of scalars(model)) {
        const column = columns.find((c) => c.column === columnOf(field))!;
        const where = `${model.name}.${field.name} (${table}.${column.column})`;
        // Arrays come back as _text; report them as text[] like the expectation.
        const actualType = column.type.startsWith('_') ? `${column.type.slice(1)}[]` : column.type;
        assert.equal(actualType, expectedType(field), `${where}: type`);
        // Prisma makes scalar lists nullable in the database even when required in the schema.
        assert.equal(column.nullable, field.isList || !field.isRequired, `${where}: nullability`);
        const def = expectedDefault(field);
        if (def) assert.match(column.default ?? '(none)', def, `${where}: default`);
        else assert.equal(column.default, null, `${where}: default`);
      }
    }
  });

  test('primary keys, unique and plain indexes: same columns, same names, no extras', async () => {
    const rows = await query<{ table: string; index: string; unique: boolean; primary: boolean; columns: string[] }>(`
      SELECT t.relname AS table, i.relname AS index, ix.indisunique AS unique, ix.indisprimary AS primary,
             array_agg(a.attname ORDER BY k.ord)::text[] AS columns
      FROM pg_index ix
      JOIN pg_class t ON t.oid = ix.indrelid JOIN pg_class i ON i.oid = ix.indexrelid
      JOIN pg_namespace n ON n.oid = t.relnamespace
      CROSS JOIN LATERAL unnest(ix.indkey) WITH ORDINALITY AS k(attnum, ord)
      JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = k.attnum
      WHERE n.nspname = current_schema() AND t.relname <> '_migrations' AND ix.indpred IS NULL
      GROUP BY t.relname, i.relname, ix.indisunique, ix.indisprimary`);
    const actual = rows.map((r) => `${r.table} ${r.primary ? 'id' : r.unique ? 'unique' : 'normal'} ${r.index} (${r.columns.join(', ')})`).sort();
    const expected = dmmf.datamodel.indexes
      .map((ix) => {
        const model = modelNamed(ix.model);
        const table = tableOf(model);
        const columns = ix.fields.map((f) => columnOf(fieldNamed(model, f.name)));
        const name = ix.dbName ?? (ix.type === 'id' ? `${table}_pkey` : defaultName(table, columns, ix.type === 'unique' ? 'key' : 'idx'));
        return `${table} ${ix.type} ${name} (${columns.join(', ')})`;
      })
      .sort();
    assert.deepEqual(actual, expected);
  });

  // Prisma's schema cannot express a partial or an expression index, so these live in the
  // migrations only; this list is their contract (and no other may appear unnoticed).
  test('partial and expression indexes: exactly the ones the history-proof queries need', async () => {
    const rows = await query<{ definition: string }>(`
      SELECT pg_get_indexdef(ix.indexrelid) AS definition
      FROM pg_index ix JOIN pg_class t ON t.oid = ix.indrelid JOIN pg_namespace n ON n.oid = t.relnamespace
      WHERE n.nspname = current_schema() AND (ix.indpred IS NOT NULL OR ix.indexprs IS NOT NULL)`);
    const actual = rows.map((r) => r.definition.replace(/ ON \S+\./, ' ON ')).sort();
    assert.deepEqual(actual, [
      `CREATE INDEX application_versions_personnummer_idx ON application_versions USING btree (((data #>> '{pupil,personnummer}'::text[])))`,
      `CREATE INDEX cases_awaiting_channel_post_idx ON cases USING btree (created_at) WHERE awaiting_channel_post`,
      `CREATE INDEX cases_undecided_idx ON cases USING btree (municipality_id, created_at, case_number) INCLUDE (assigned_handler_id) WHERE (status <> 'decided'::case_status)`,
      `CREATE INDEX completion_requests_pending_delivery_idx ON completion_requests USING btree (requested_at) WHERE ((delivery_status = 'pending'::delivery_status) AND (answered_version IS NULL))`,
      `CREATE INDEX decisions_pending_delivery_idx ON decisions USING btree (decided_at) WHERE (delivery_status = 'pending'::delivery_status)`,
    ]);
  });

  test('foreign keys: same columns, targets, actions and names, no extras', async () => {
    const rows = await query<{ name: string; table: string; columns: string[]; target: string; targetColumns: string[]; onDelete: string; onUpdate: string }>(`
      SELECT c.conname AS name, t.relname AS table, rt.relname AS target,
             c.confdeltype::text AS "onDelete", c.confupdtype::text AS "onUpdate",
             ARRAY(SELECT a.attname FROM unnest(c.conkey) WITH ORDINALITY k(n, o) JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.n ORDER BY k.o)::text[] AS columns,
             ARRAY(SELECT a.attname FROM unnest(c.confkey) WITH ORDINALITY k(n, o) JOIN pg_attribute a ON a.attrelid = c.confrelid AND a.attnum = k.n ORDER BY k.o)::text[] AS "targetColumns"
      FROM pg_constraint c
      JOIN pg_class t ON t.oid = c.conrelid JOIN pg_class rt ON rt.oid = c.confrelid
      JOIN pg_namespace n ON n.oid = t.relnamespace
      WHERE c.contype = 'f' AND n.nspname = current_schema()`);
    const actual = rows.map((r) => `${r.name}: ${r.table}(${r.columns.join(', ')}) -> ${r.target}(${r.targetColumns.join(', ')}) delete ${r.onDelete} update ${r.onUpdate}`).sort();
    const expected = dmmf.datamodel.models
      .flatMap((model) =>
        model.fields
          .filter((f) => f.kind === 'object' && f.relationFromFields && f.relationFromFields.length > 0)
          .map((f) => {
            const table = tableOf(model);
            const target = modelNamed(f.type);
            const columns = f.relationFromFields!.map((n) => columnOf(fieldNamed(model, n)));
            const targetColumns = f.relationToFields!.map((n) => columnOf(fieldNamed(target, n)));
            // Prisma's defaults when the schema does not say.
            const onDelete = f.relationOnDelete ?? (f.isRequired ? 'Restrict' : 'SetNull');
            const onUpdate = f.relationOnUpdate ?? 'Cascade';
            return `${defaultName(table, columns, 'fkey')}: ${table}(${columns.join(', ')}) -> ${tableOf(target)}(${targetColumns.join(', ')}) delete ${ON_ACTION[onDelete]} update ${ON_ACTION[onUpdate]}`;
          }),
      )
      .sort();
    assert.deepEqual(actual, expected);
  });

  test('the expectation itself is not empty (the DMMF was read)', () => {
    assert.ok(dmmf.datamodel.models.length >= 15);
    assert.ok(dmmf.datamodel.indexes.some((ix) => ix.type === 'unique'));
  });
});
