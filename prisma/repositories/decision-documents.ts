// The decisions' PDFs (decision_documents): made once per decision and then kept unchanged with
// their sha256; the migration's triggers refuse any update or delete.
import type { DecisionDocumentRepository } from '../../domain/ports';
import type { Db } from './shared';

export function createDecisionDocumentRepository(db: Db): DecisionDocumentRepository {
  return {
    async get(decisionId) {
      const row = await db.decisionDocument.findUnique({ where: { decisionId } });
      return row ? { bytes: new Uint8Array(row.bytes), sha256: row.sha256 } : null;
    },
    async store(decisionId, { bytes, sha256 }) {
      // Two makers at once (the tab and the delivery job): the first row stays, both get it.
      await db.$executeRaw`INSERT INTO "decision_documents" ("decision_id", "sha256", "bytes") VALUES (${decisionId}::uuid, ${sha256}, ${Buffer.from(bytes)}) ON CONFLICT ("decision_id") DO NOTHING`;
      const row = await db.decisionDocument.findUniqueOrThrow({ where: { decisionId } });
      return { bytes: new Uint8Array(row.bytes), sha256: row.sha256 };
    },
  };
}
