// Attachments of a case, to an Elevhälsa reader: the Teams file-consent flow. The bot offers the
// file in the person's 1:1 chat (app/case/offer-attachment.ts decides whether it may); Teams asks them to accept; on accept Teams hands over an upload
// URL in their OneDrive, the bot puts the bytes there and posts the file card. The ids in the
// consent context are checked again against the database and the person's role on accept.
import { z } from 'zod';
import type { Actor } from '../app/actor';
import { readableAttachment } from '../app/case/offer-attachment';
import type { FileOffer } from '../app/ports';
import type { Repositories } from '../domain/ports';
import type { Logger } from './log';
import type { FileConsentActivity, OutgoingActivity, TurnContext } from './transport-types';

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
}

// The offer in the person's chat: Teams asks them to accept the file into their OneDrive.
export function fileConsentActivity(offer: FileOffer): OutgoingActivity {
  return {
    type: 'message',
    attachments: [
      {
        contentType: FILE_CONSENT_CARD_TYPE,
        name: offer.name,
        content: {
          description: offer.description,
          sizeInBytes: offer.size,
          acceptContext: offer.context,
          declineContext: offer.context,
        },
      },
    ],
  };
}

export async function receiveFileConsent(deps: TransferDeps, actor: Actor | null, turn: TurnContext<FileConsentActivity>, log: Logger): Promise<void> {
  const { action, context, uploadInfo } = turn.activity.value;
  if (action !== 'accept') {
    await turn.send('Okej, filen skickas inte. Du kan hämta den senare från ansökan.');
    return;
  }
  const ids = ZConsentContext.safeParse(context);
  const upload = ZUploadInfo.safeParse(uploadInfo);
  const found = actor && ids.success ? await readableAttachment(deps.repos, actor, ids.data.caseId, ids.data.attachmentId) : null;
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
