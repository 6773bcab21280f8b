import { openDatabase } from '../prisma/db';
const db = await openDatabase({ url: 'postgresql://postgres@127.0.0.1:5432/tmp_pq' });
const s = await db.prisma.machineSnapshot.findFirst();
const text = `SELECT "public"."machine_snapshots"."id", "public"."machine_snapshots"."snapshot" FROM "public"."machine_snapshots" WHERE ("public"."machine_snapshots"."id" = $1 AND 1=1) LIMIT $2 OFFSET $3`;
async function time(label: string, f: () => Promise<unknown>) {
  for (let i = 0; i < 100; i++) await f();
  const t = performance.now();
  for (let i = 0; i < 500; i++) await f();
  console.log(label, ((performance.now() - t) / 500).toFixed(3));
}
await time('prisma text, text params', () => db.pool.query({ text, values: [s!.id, '1', '0'] }));
await time('prisma text, rowMode array', () => db.pool.query({ text, values: [s!.id, '1', '0'], rowMode: 'array' }));
await time('no limit', () => db.pool.query({ text: 'SELECT id, snapshot FROM machine_snapshots WHERE id = $1', values: [s!.id] }));
await time('limit numbers', () => db.pool.query({ text, values: [s!.id, 1, 0] }));
await db.close();
