// Small pieces every repository uses: the client-or-transaction type, running work in one
// transaction (joining an open one), and conversions between Prisma's types and the ports'.
import { NotFoundError, type GrantTerms } from '../../domain/ports';
import { Prisma, type PrismaClient } from '../generated/client';

// A repository works on the client or inside a transaction opened by Repositories.transaction.
export type Db = PrismaClient | Prisma.TransactionClient;
export type Tx = Prisma.TransactionClient;

// PGlite serves one connection, so a transaction may wait for others to finish; Prisma's
// default wait of 2 s is too short under a burst of submits.
const TX_OPTIONS = { maxWait: 15_000, timeout: 30_000 } as const;

// Prisma 7's transaction client still answers to `$transaction` (a nested call opens a second,
// separate transaction and breaks the first), so open transactions are remembered here.
const openTransactions = new WeakSet<object>();

export function isTransaction(db: Db): boolean {
  return openTransactions.has(db) || !('$transaction' in db);
}

export function inTransaction<T>(db: Db, work: (tx: Tx) => Promise<T>): Promise<T> {
  if (isTransaction(db)) return work(db as Tx);
  return (db as PrismaClient).$transaction((tx) => {
    openTransactions.add(tx);
    return work(tx);
  }, TX_OPTIONS);
}

export function isUniqueViolation(error: unknown): boolean {
  if (!(error instanceof Prisma.PrismaClientKnownRequestError)) return false;
  if (error.code === 'P2002') return true;
  const meta = error.meta as { code?: string; driverAdapterError?: { cause?: { originalCode?: string; kind?: string } } } | undefined;
  const cause = meta?.driverAdapterError?.cause;
  return meta?.code === '23505' || cause?.originalCode === '23505' || cause?.kind === 'UniqueConstraintViolation';
}

// JSON columns take any JSON value but null (a null would read back as SQL NULL).
export function json(value: unknown): Prisma.InputJsonValue {
  if (value === null || value === undefined) throw new TypeError('A JSON column needs a value, not null or undefined.');
  return value as Prisma.InputJsonValue;
}

export function jsonObject(value: unknown): Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

export function toNumber(value: Prisma.Decimal): number;
export function toNumber(value: Prisma.Decimal | null): number | null;
export function toNumber(value: Prisma.Decimal | null): number | null {
  return value === null ? null : value.toNumber();
}

// DATE columns come back as midnight UTC; the ports speak YYYY-MM-DD.
export function toDateOnly(value: Date | null): string | null {
  return value === null ? null : value.toISOString().slice(0, 10);
}

export function fromDateOnly(value: string | null | undefined): Date | null {
  if (value === null || value === undefined) return null;
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) throw new RangeError(`Not a YYYY-MM-DD date: ${value}`);
  return new Date(`${value}T00:00:00.000Z`);
}

// Prisma's "record to update not found" (P2025) becomes the port's NotFoundError.
export function notFound(entity: string, id: string) {
  return (error: unknown): never => {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2025') throw new NotFoundError(entity, id);
    throw error;
  };
}

// The grant terms as a decision's or a proposal's row stores them (domain/ports GrantTerms).
export function grantTermsOf(row: {
  outcome: GrantTerms['outcome'];
  amountPerMonth: Prisma.Decimal | null;
  from: Date | null;
  to: Date | null;
  reason: string | null;
  approvedMeasureIds: Prisma.JsonValue;
}): GrantTerms {
  return {
    outcome: row.outcome,
    amountPerMonth: toNumber(row.amountPerMonth),
    from: toDateOnly(row.from),
    to: toDateOnly(row.to),
    reason: row.reason,
    approvedMeasureIds: Array.isArray(row.approvedMeasureIds) ? (row.approvedMeasureIds as string[]) : [],
  };
}
