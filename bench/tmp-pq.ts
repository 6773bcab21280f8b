import { openDatabase } from '../prisma/db';

import pg from 'pg';
const admin = new pg.Client({ connectionString: 'postgresql://postgres@127.0.0.1:5432/postgres' });
await admin.connect(); await admin.query('DROP DATABASE IF EXISTS tmp_pq'); await admin.query('CREATE DATABASE tmp_pq'); await admin.end();
const db = await openDatabase({ url: 'postgresql://postgres@127.0.0.1:5432/tmp_pq' });
const s = await db.prisma.machineSnapshot.create({ data: { machine: 'x', snapshot: { a: 1, b: 'x'.repeat(2000) } } });
const N = 2000;
async function time(label: string, f: () => Promise<unknown>) {
  for (let i = 0; i < 200; i++) await f();
  const c = process.cpuUsage(); const t = performance.now();
  for (let i = 0; i < N; i++) await f();
  const u = process.cpuUsage(c);
  console.log(label, 'cpu', ((u.user + u.system) / 1000 / N).toFixed(3), 'ms wall', ((performance.now() - t) / N).toFixed(3));
}
await time('prisma findUnique', () => db.prisma.machineSnapshot.findUnique({ where: { id: s.id } }));
await time('prisma $queryRawUnsafe', () => db.prisma.$queryRawUnsafe('SELECT * FROM machine_snapshots WHERE id = $1::uuid', s.id));
await time('pool.query', () => db.pool.query('SELECT * FROM machine_snapshots WHERE id = $1::uuid', [s.id]));
await time('prisma updateMany', () => db.prisma.machineSnapshot.updateMany({ where: { id: s.id }, data: { snapshot: { a: 2, b: 'y'.repeat(2000) }, version: { increment: 1 } } }));
await time('pool update', () => db.pool.query('UPDATE machine_snapshots SET snapshot = $2, version = version + 1 WHERE id = $1::uuid', [s.id, JSON.stringify({ a: 2, b: 'y'.repeat(2000) })]));
await db.close();
const { countQueries } = await import('../test/perf/query-counter');
const db2 = await openDatabase({ url: 'postgresql://postgres@127.0.0.1:5432/tmp_pq' });
const c = countQueries(db2.pool);
await db2.prisma.machineSnapshot.findUnique({ where: { id: s.id } });
console.log(c.statements);
c.reset();
await db2.prisma.machineSnapshot.updateMany({ where: { id: s.id }, data: { snapshot: { a: 2 }, version: { increment: 1 } } });
console.log(c.statements);
await db2.close();
const db3 = await openDatabase({ url: 'postgresql://postgres@127.0.0.1:5432/tmp_pq' });
async function time3(label: string, f: () => Promise<unknown>) {
  for (let i = 0; i < 200; i++) await f();
  const c = process.cpuUsage(); const t = performance.now();
  for (let i = 0; i < N; i++) await f();
  const u = process.cpuUsage(c);
  console.log(label, 'cpu', ((u.user + u.system) / 1000 / N).toFixed(3), 'ms wall', ((performance.now() - t) / N).toFixed(3));
}
await time3('prisma $executeRawUnsafe update', () => db3.prisma.$executeRawUnsafe('UPDATE machine_snapshots SET snapshot = $2::jsonb, version = version + 1 WHERE id = $1::uuid', s.id, JSON.stringify({ a: 2, b: 'y'.repeat(2000) })));
await time3('prisma findUnique again', () => db3.prisma.machineSnapshot.findUnique({ where: { id: s.id } }));
await time3('prisma $queryRawUnsafe again', () => db3.prisma.$queryRawUnsafe('SELECT * FROM machine_snapshots WHERE id = $1::uuid', s.id));
await db3.close();
