// Files from the bot to a person, by Teams' file-consent flow: a case's attachment to an Elevhälsa
// reader (app/case/offer-attachment.ts), a decision's PDF to the principal
// (app/case/offer-decision-pdf.ts). The bot offers the file in the person's 1:1 chat; Teams asks
// them to accept; on accept Teams hands over an upload URL in their OneDrive, the bot puts the
// stored bytes there and posts the file card. The consent context is checked again against the
// database and the person's role on accept (app/case/consented-file.ts).
import { z } from 'zod';
import type { Actor } from '../app/actor';
import { consentedFile, type ConsentedFile } from '../app/case/consented-file';
import type { FileOffer } from '../app/ports';
import type { Repositories } from '../domain/ports';
import type { Logger } from './log';
import type { FileConsentActivity, OutgoingActivity, TurnContext } from './transport-types';

export const FILE_CONSENT_CARD_TYPE = 'application/vnd.microsoft.teams.card.file.consent';
export const FILE_INFO_CARD_TYPE = 'application/vnd.microsoft.teams.card.file.info';

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
    await turn.send('Okej, filen skickas inte. Du kan hämta den senare från ärendet.');
    return;
  }
  const upload = ZUploadInfo.safeParse(uploadInfo);
  let file: ConsentedFile = { ok: false, reason: 'refused' };
  if (actor && upload.success) {
    try {
      file = await consentedFile(deps.repos, actor, context);
    } catch (error) {
      // A stored decision PDF that no longer matches its hash is never sent.
      log.error('file consent: the file could not be read', { error: error instanceof Error ? error.message : String(error) });
      await turn.send('Filen kunde inte skickas just nu. Kontakta Elevhälsan.');
      return;
    }
  }
  if (!file.ok || !actor || !upload.success) {
    log.warn('file consent refused', { parsed: upload.success, known: Boolean(actor), reason: file.ok ? 'refused' : file.reason });
    await turn.send(
      !file.ok && file.reason === 'missing'
        ? 'Filen finns inte längre i ärendet. Be rektorn skicka den igen.'
        : 'Filen kunde inte skickas: den finns inte längre, eller så har du inte behörighet till den.',
    );
    return;
  }
  const { bytes } = file;
  const target = upload.data;
  const response = await fetch(target.uploadUrl, {
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
    municipalityId: file.kase.municipalityId,
    actorId: actor.person.id,
    action: file.audit.action,
    subjectType: 'case',
    subjectId: file.kase.id,
    details: file.audit.details,
  });
  await turn.send({
    type: 'message',
    attachments: [
      {
        contentType: FILE_INFO_CARD_TYPE,
        contentUrl: target.contentUrl,
        name: target.name,
        content: { uniqueId: target.uniqueId, fileType: target.fileType ?? file.fileType },
      },
    ],
  });
}
