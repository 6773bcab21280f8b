// Attachments: metadata in one table, bytes in another, so listing never reads a file.
import { createHash } from 'node:crypto';
import { NotFoundError, type AttachmentMeta, type AttachmentRepository } from '../../domain/ports';
import type { TAttachmentKind } from '../../domain/schemas';
import type { Attachment } from '../generated/client';
import { type Db, inTransaction, notFound } from './shared';

function toMeta(row: Attachment): AttachmentMeta {
  return {
    id: row.id,
    draftId: row.draftId,
    caseId: row.caseId,
    kind: row.kind as TAttachmentKind | null,
    name: row.name,
    contentType: row.contentType,
    size: row.size,
    sha256: row.sha256,
    uploadedById: row.uploadedById,
    createdAt: row.createdAt,
  };
}

export function createAttachmentRepository(db: Db): AttachmentRepository {
  return {
    async store({ draftId, name, contentType, bytes, uploadedById, kind = null }) {
      const sha256 = createHash('sha256').update(bytes).digest('hex');
      return inTransaction(db, async (tx) => {
        const draft = await tx.machineSnapshot.findUnique({ where: { id: draftId }, select: { id: true } });
        if (!draft) throw new NotFoundError('draft', draftId);
        const row = await tx.attachment.create({
          // Copied into a plain ArrayBuffer-backed array: Prisma's Bytes type wants exactly that.
          data: { draftId, name, contentType, size: bytes.byteLength, sha256, uploadedById, kind, content: { create: { bytes: new Uint8Array(bytes) } } },
        });
        return toMeta(row);
      });
    },

    async get(id) {
      const row = await db.attachment.findUnique({ where: { id } });
      return row && toMeta(row);
    },

    async setKind(id, kind) {
      const row = await db.attachment.update({ where: { id }, data: { kind } }).catch(notFound('attachment', id));
      return toMeta(row);
    },

    async listForDraft(draftId) {
      const rows = await db.attachment.findMany({ where: { draftId }, orderBy: [{ createdAt: 'asc' }, { id: 'asc' }] });
      return rows.map(toMeta);
    },

    async listForCase(caseId) {
      const rows = await db.attachment.findMany({ where: { caseId }, orderBy: [{ createdAt: 'asc' }, { id: 'asc' }] });
      return rows.map(toMeta);
    },

    async moveToCase(draftId, caseId) {
      const { count } = await db.attachment.updateMany({ where: { draftId }, data: { caseId, draftId: null } });
      return count;
    },

    async content(id) {
      const row = await db.attachmentContent.findUnique({ where: { attachmentId: id } });
      return row && new Uint8Array(row.bytes);
    },

    async removeFromDraft(id, draftId) {
      const { count } = await db.attachment.deleteMany({ where: { id, draftId } });
      return count === 1;
    },
  };
}
