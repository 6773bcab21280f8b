// Files the principal sent in the chat become attachments of their latest open draft, each one
// an event to the draft (the card then asks what kind of file it is). Fetching them from Teams
// is bot/files.ts; what arrives here is bytes and a name.
import { messageCard, type AdaptiveCard } from '../../cards';
import type { Actor } from '../actor';
import type { AppDeps } from '../deps';
import { APPLICATION_MACHINE, runApplicationEvent } from './turn';

export interface ReceivedFile {
  name: string;
  contentType: string;
  bytes: Uint8Array;
}

export async function latestOpenDraftId(deps: AppDeps, actor: Actor): Promise<string | null> {
  const [draft] = await deps.repos.snapshots.listOpen(actor.person.id, APPLICATION_MACHINE);
  return draft?.id ?? null;
}

export const noDraftForFilesCard = (): AdaptiveCard =>
  messageCard({
    title: 'Börja med en ansökan',
    text: 'Filer hör till en ansökan. Starta en ny ansökan eller öppna ett utkast, och skicka sedan filerna igen.',
    actions: [
      { title: 'Ny ansökan', verb: 'app.new', data: {} },
      { title: 'Mina utkast', verb: 'app.resume', data: {} },
    ],
  });

// The card after the last file, or undefined when there were none.
export async function addFiles(deps: AppDeps, actor: Actor, draftId: string, files: ReceivedFile[]): Promise<AdaptiveCard | undefined> {
  let card: AdaptiveCard | undefined;
  for (const file of files) {
    const meta = await deps.repos.attachments.store({ draftId, uploadedById: actor.person.id, ...file });
    card = await runApplicationEvent(deps, actor, draftId, () => ({ type: 'attachment.added', attachment: { id: meta.id, name: meta.name } }));
  }
  return card;
}
