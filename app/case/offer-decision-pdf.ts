// "Spara beslutet som PDF": the decision's stored PDF offered in the principal's own chat, right
// after the decision card (jobs/decision-document.ts) and from the card's button; bot/file-transfer.ts
// does Teams' file consent. The letter is addressed to the principal, so only the case's principal
// or a principal of its unit gets it: asked here, on the offer, and again when they accept.
import { isPrincipalOfCase } from '../../domain/case-roles';
import type { CaseRecord, DecisionRecord, Repositories } from '../../domain/ports';
import { caseActor, type Actor } from '../actor';
import type { AppDeps, Toast } from '../deps';
import { verifiedDecisionPdf } from '../documents/decision-pdf';
import type { FileOffer } from '../ports';
import { NO_OWN_CHAT } from './access';

export async function readableDecisionPdf(repos: Repositories, actor: Actor, caseId: string, decisionId: string): Promise<{ kase: CaseRecord; decision: DecisionRecord } | null> {
  const [kase, decision] = await Promise.all([repos.cases.get(caseId), repos.decisions.get(decisionId)]);
  if (!kase || !decision || decision.caseId !== kase.id || kase.municipalityId !== actor.municipality.id) return null;
  return isPrincipalOfCase(caseActor(actor), kase) ? { kase, decision } : null;
}

export const decisionPdfName = (kase: Pick<CaseRecord, 'caseNumber'>) => `beslut-${kase.caseNumber}.pdf`;

// The offer of a decision's stored PDF (made on first use), its hash in the description.
export async function decisionPdfOffer(repos: Repositories, kase: CaseRecord, decision: DecisionRecord): Promise<FileOffer> {
  const doc = await verifiedDecisionPdf(repos, decision.id);
  return {
    name: decisionPdfName(kase),
    size: doc.bytes.byteLength,
    description: `Beslutet i ärende ${kase.caseNumber} som PDF (kontrollsumma SHA-256 ${doc.sha256}). Filen sparas i din OneDrive.`,
    context: { caseId: kase.id, decisionId: decision.id },
  };
}

export async function offerDecisionPdf(deps: AppDeps, actor: Actor, caseId: string): Promise<Toast> {
  const [decision] = await deps.repos.decisions.forCase(caseId);
  const found = decision ? await readableDecisionPdf(deps.repos, actor, caseId, decision.id) : null;
  if (!found) return { toast: 'Beslutet finns inte, eller så är det inte ställt till dig. Rektorn för enheten kan spara det.' };
  const sent = await deps.ownChat?.offerFile(actor.person.id, await decisionPdfOffer(deps.repos, found.kase, found.decision));
  if (!sent) return { toast: NO_OWN_CHAT };
  return { toast: `Godkänn ”${decisionPdfName(found.kase)}” i din chatt med Tilläggsbot, så sparas beslutet i din OneDrive.` };
}
