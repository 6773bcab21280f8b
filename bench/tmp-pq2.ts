import { openDatabase } from '../prisma/db';
const db = await openDatabase({ url: 'postgresql://postgres@127.0.0.1:5432/tmp_pq' });
const s = await db.prisma.machineSnapshot.findFirst();
for (let i = 0; i < 4000; i++) await db.prisma.machineSnapshot.findUnique({ where: { id: s!.id } });
await db.close();
