// "Hämta filen": a case's attachment, offered in the reader's own chat (bot/file-transfer.ts does
// the Teams file consent). Whether this person may have this file is asked here, on the offer
// and again when they accept.
import { z } from 'zod';
import { mayPerform } from '../../domain/case-roles';
import type { AttachmentMeta, CaseRecord, Repositories } from '../../domain/ports';
import { caseActor, type Actor } from '../actor';
import type { AppDeps, Toast } from '../deps';
import { NO_OWN_CHAT } from './access';

// The case's municipality, the role, and the file's case.
export async function readableAttachment(
  repos: Repositories,
  actor: Actor,
  caseId: string,
  attachmentId: string,
): Promise<{ kase: CaseRecord; meta: AttachmentMeta } | null> {
  const [kase, meta] = await Promise.all([repos.cases.get(caseId), repos.attachments.get(attachmentId)]);
  if (!kase || !meta || kase.municipalityId !== actor.municipality.id) return null;
  // A renewal refers to an earlier case's file instead of copying it.
  if (meta.caseId !== caseId) {
    const data = (await repos.cases.latestVersion(caseId))?.data as { attachments?: Array<{ id: string; reusedFrom?: string }> } | undefined;
    if (!meta.caseId || !data?.attachments?.some((a) => a.id === meta.id && a.reusedFrom === meta.caseId)) return null;
  }
  if (!mayPerform('case.view', caseActor(actor), kase).ok) return null;
  return { kase, meta };
}

export async function offerAttachment(deps: AppDeps, actor: Actor, caseId: string, inputs: Record<string, unknown>): Promise<Toast> {
  const attachmentId = z.uuid().safeParse(inputs['attachment.id']);
  if (!attachmentId.success) return { toast: 'Välj en fil i listan först.' };
  const found = await readableAttachment(deps.repos, actor, caseId, attachmentId.data);
  if (!found) return { toast: 'Filen finns inte i ärendet, eller så har du inte behörighet till den.' };
  const sent = await deps.ownChat?.offerFile(actor.person.id, {
    name: found.meta.name,
    size: found.meta.size,
    description: `Bilaga till ärende ${found.kase.caseNumber}. Filen sparas i din OneDrive.`,
    context: { caseId, attachmentId: found.meta.id },
  });
  if (!sent) return { toast: NO_OWN_CHAT };
  return { toast: `Godkänn ”${found.meta.name}” i din chatt med Tilläggsbot, så skickas filen dit.` };
}
