// The decision as a PDF: made from the very text the card shows (domain/decision-text.ts, stored
// with the decision), with DejaVu Sans embedded so å, ä and ö render and the text stays
// searchable. Made once per decision and then kept unchanged with its sha256
// (repos.decisionDocuments, whose table's triggers refuse any change); every later download, and
// the copy sent to the principal's chat, is those bytes.
import { createHash } from 'node:crypto';
import { parseLetter } from '../../domain/decision-text';
import type { DecisionDocument, Repositories } from '../../domain/ports';
import { renderPdf } from './pdf';

export function renderLetterPdf(text: string, meta: { title: string; municipality: string; caseNumber: string; createdAt: Date }): Promise<Uint8Array> {
  // A fixed creation date: the same decision makes the same bytes.
  const info = { Title: meta.title, Author: meta.municipality, Subject: `Beslut om tilläggsbelopp, ärende ${meta.caseNumber}`, CreationDate: meta.createdAt };
  return renderPdf(info, (doc) => {
    // The same blocks the card shows (domain/decision-text.ts parseLetter): one letter, two layouts.
    for (const block of parseLetter(text)) {
      switch (block.kind) {
        case 'heading':
          if (block.level === 1) doc.font('bold').fontSize(16).text(block.text, { paragraphGap: 10 });
          else doc.moveDown(0.4).font('bold').fontSize(12).text(block.text, { paragraphGap: 4 });
          break;
        case 'paragraph':
          doc.font('body').fontSize(10.5).text(block.lines.join('\n'), { paragraphGap: 8, lineGap: 2 });
          break;
        case 'facts':
          for (const fact of block.facts) {
            doc.font('bold').fontSize(10.5).text(`${fact.title}: `, { continued: true, lineGap: 2 }).font('body').text(fact.value);
          }
          doc.moveDown(0.6);
          break;
        case 'list':
          if (block.intro) doc.font('body').fontSize(10.5).text(block.intro, { paragraphGap: 4, lineGap: 2 });
          doc.font('body').fontSize(10.5).list(block.items, { bulletRadius: 2, textIndent: 12, paragraphGap: 2, lineGap: 2 });
          doc.moveDown(0.6);
          break;
      }
    }
  });
}

export const sha256Hex = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

// The stored PDF of a decision, made and stored on first use: the tab's download and the PDF sent
// to the principal's chat are the same bytes.
export async function decisionPdf(repos: Repositories, decisionId: string): Promise<DecisionDocument> {
  const stored = await repos.decisionDocuments.get(decisionId);
  if (stored) return stored;
  const decision = await repos.decisions.get(decisionId);
  if (!decision) throw new Error(`decision ${decisionId} not found`);
  const kase = await repos.cases.get(decision.caseId);
  const municipality = kase ? await repos.municipalities.get(kase.municipalityId) : null;
  const caseNumber = kase?.caseNumber ?? '';
  const bytes = await renderLetterPdf(decision.text, {
    title: `Beslut om tilläggsbelopp ${caseNumber}`,
    municipality: municipality?.name ?? '',
    caseNumber,
    createdAt: decision.decidedAt,
  });
  return repos.decisionDocuments.store(decisionId, { bytes, sha256: sha256Hex(bytes) });
}

// The stored bytes, checked against the hash stored with them before they leave.
export async function verifiedDecisionPdf(repos: Repositories, decisionId: string): Promise<DecisionDocument> {
  const doc = await decisionPdf(repos, decisionId);
  if (sha256Hex(doc.bytes) !== doc.sha256) throw new Error(`decision ${decisionId}: the stored PDF does not match its sha256`);
  return doc;
}
