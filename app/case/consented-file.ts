// The file a person accepted in Teams' file consent, found again from the offer's context and
// checked again against the database and the person's role: a case's attachment for whoever may
// view the case, a decision's PDF for the case's principal. The bytes are the stored ones; a
// decision's PDF is checked against its stored sha256 before it leaves.
import { z } from 'zod';
import type { CaseRecord, Repositories } from '../../domain/ports';
import type { TAuditAction } from '../../domain/vocabulary';
import type { Actor } from '../actor';
import { verifiedDecisionPdf } from '../documents/decision-pdf';
import { readableAttachment } from './offer-attachment';
import { decisionPdfName, readableDecisionPdf } from './offer-decision-pdf';

// Strict: a context naming both an attachment and a decision is nobody's offer.
export const ZFileOfferContext = z.union([z.strictObject({ caseId: z.uuid(), attachmentId: z.uuid() }), z.strictObject({ caseId: z.uuid(), decisionId: z.uuid() })]);

export type ConsentedFile =
  | { ok: true; kase: CaseRecord; name: string; fileType: string; bytes: Uint8Array; audit: { action: TAuditAction; details: Record<string, unknown> } }
  // The offer is forged, the file is gone, or the person may not have it: one answer for all.
  | { ok: false; reason: 'refused' }
  // Known and allowed, but its bytes are no longer stored.
  | { ok: false; reason: 'missing' };

export async function consentedFile(repos: Repositories, actor: Actor, context: unknown): Promise<ConsentedFile> {
  const parsed = ZFileOfferContext.safeParse(context);
  if (!parsed.success) return { ok: false, reason: 'refused' };
  const offer = parsed.data;
  if ('attachmentId' in offer) {
    const found = await readableAttachment(repos, actor, offer.caseId, offer.attachmentId);
    if (!found) return { ok: false, reason: 'refused' };
    const bytes = await repos.attachments.content(found.meta.id);
    if (!bytes) return { ok: false, reason: 'missing' };
    const fileType = found.meta.name.split('.').pop() ?? '';
    return { ok: true, kase: found.kase, name: found.meta.name, fileType, bytes, audit: { action: 'attachment.sent', details: { attachmentId: found.meta.id } } };
  }
  const found = await readableDecisionPdf(repos, actor, offer.caseId, offer.decisionId);
  if (!found) return { ok: false, reason: 'refused' };
  const doc = await verifiedDecisionPdf(repos, found.decision.id);
  return { ok: true, kase: found.kase, name: decisionPdfName(found.kase), fileType: 'pdf', bytes: doc.bytes, audit: { action: 'decision.document_sent', details: { decisionId: found.decision.id, sha256: doc.sha256 } } };
}
