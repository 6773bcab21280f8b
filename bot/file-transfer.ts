// Attachments of a case, to an Elevhälsa reader: the Teams file-consent flow. The bot offers the
// file in the person's 1:1 chat; Teams asks them to accept; on accept Teams hands over an upload
// URL in their OneDrive, the bot puts the bytes there and posts the file card. The ids in the
// consent context are checked again against the database and the person's role on accept.
import { z } from 'zod';
import { mayPerform } from '../domain/case-roles';
import type { Repositories } from '../domain/ports';
import { caseActor } from './case-context';
import type { Toast } from './case-dialog';
import type { Actor } from './identity';
import type { Logger } from './log';
import { NO_OWN_CHAT, sendToOwnChat } from './own-chat';
import type { FileConsentActivity, ProactiveSender, TurnContext } from './transport-types';

export const FILE_CONSENT_CARD_TYPE = 'application/vnd.microsoft.teams.card.file.consent';
export const FILE_INFO_CARD_TYPE = 'application/vnd.microsoft.teams.card.file.info';

const ZConsentContext = z.object({ caseId: z.uuid(), attachmentId: z.uuid() });
const ZUploadInfo = z.object({
  name: z.string().min(1),
  uploadUrl: z.url(),
  contentUrl: z.string().min(1),
  uniqueId: z.string().min(1),
  fileType: z.string().optional(),
});

interface TransferDeps {
  repos: Repositories;
  proactive?: ProactiveSender;
}

// May this person have this file? The case's municipality, the role, and the file's case.
async function allowed(deps: TransferDeps, actor: Actor, caseId: string, attachmentId: string) {
  const [kase, meta] = await Promise.all([deps.repos.cases.get(caseId), deps.repos.attachments.get(attachmentId)]);
  if (!kase || !meta || meta.caseId !== caseId || kase.municipalityId !== actor.municipality.id) return null;
  if (!mayPerform('case.view', caseActor(actor), kase).ok) return null;
  return { kase, meta };
}

export async function offerAttachment(deps: TransferDeps, actor: Actor, caseId: string, inputs: Record<string, unknown>): Promise<Toast> {
  const attachmentId = z.uuid().safeParse(inputs['attachment.id']);
  if (!attachmentId.success) return { toast: 'Välj en fil i listan först.' };
  const found = await allowed(deps, actor, caseId, attachmentId.data);
  if (!found) return { toast: 'Filen finns inte i ärendet, eller så har du inte behörighet till den.' };
  const context = { caseId, attachmentId: found.meta.id };
  const sent = await sendToOwnChat(deps, actor, {
    type: 'message',
    attachments: [
      {
        contentType: FILE_CONSENT_CARD_TYPE,
        name: found.meta.name,
        content: {
          description: `Bilaga till ärende ${found.kase.caseNumber}. Filen sparas i din OneDrive.`,
          sizeInBytes: found.meta.size,
          acceptContext: context,
          declineContext: context,
        },
      },
    ],
  });
  if (!sent) return { toast: NO_OWN_CHAT };
  return { toast: `Godkänn ”${found.meta.name}” i din chatt med Tilläggsbot, så skickas filen dit.` };
}

export async function receiveFileConsent(deps: TransferDeps, actor: Actor | null, turn: TurnContext<FileConsentActivity>, log: Logger): Promise<void> {
  const { action, context, uploadInfo } = turn.activity.value;
  if (action !== 'accept') {
    await turn.send('Okej, filen skickas inte. Du kan hämta den senare från ansökan.');
    return;
  }
  const ids = ZConsentContext.safeParse(context);
  const upload = ZUploadInfo.safeParse(uploadInfo);
  const found = actor && ids.success ? await allowed(deps, actor, ids.data.caseId, ids.data.attachmentId) : null;
  if (!actor || !found || !upload.success) {
    log.warn('file consent refused', { parsed: ids.success && upload.success, known: Boolean(actor) });
    await turn.send('Filen kunde inte skickas: den finns inte längre, eller så har du inte behörighet till den.');
    return;
  }
  const bytes = await deps.repos.attachments.content(found.meta.id);
  if (!bytes) {
    await turn.send('Filen finns inte längre i ärendet. Be rektorn skicka den igen.');
    return;
  }
  const response = await fetch(upload.data.uploadUrl, {
    method: 'PUT',
    headers: { 'content-length': String(bytes.byteLength), 'content-range': `bytes 0-${bytes.byteLength - 1}/${bytes.byteLength}` },
    body: Buffer.from(bytes),
    signal: AbortSignal.timeout(60_000),
  });
  if (!response.ok) {
    log.warn('file upload to OneDrive failed', { status: response.status });
    await turn.send('Filen kunde inte sparas i din OneDrive just nu. Försök igen om en stund.');
    return;
  }
  await deps.repos.audit.append({
    municipalityId: found.kase.municipalityId,
    actorId: actor.person.id,
    action: 'attachment.sent',
    subjectType: 'case',
    subjectId: found.kase.id,
    details: { attachmentId: found.meta.id },
  });
  await turn.send({
    type: 'message',
    attachments: [
      {
        contentType: FILE_INFO_CARD_TYPE,
        contentUrl: upload.data.contentUrl,
        name: upload.data.name,
        content: { uniqueId: upload.data.uniqueId, fileType: upload.data.fileType ?? found.meta.name.split('.').pop() ?? '' },
      },
    ],
  });
}
