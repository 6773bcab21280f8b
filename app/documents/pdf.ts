// An A4 PDF with DejaVu Sans embedded (so å, ä and ö render and the text stays searchable), drawn
// by the caller, as bytes. The decision letter and the registerutdrag are laid out with it.
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import PDFDocument from 'pdfkit';

const FONT_DIR = join(dirname(createRequire(import.meta.url).resolve('dejavu-fonts-ttf/package.json')), 'ttf');

export interface PdfInfo {
  Title: string;
  Author: string;
  Subject: string;
  // Fixed by the caller, so the same content makes the same bytes.
  CreationDate: Date;
}

/** Fonts: 'body' and 'bold'. */
export function renderPdf(info: PdfInfo, draw: (doc: PDFKit.PDFDocument) => void): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    const doc = new PDFDocument({
      size: 'A4',
      margins: { top: 64, bottom: 64, left: 64, right: 64 },
      info: { Title: info.Title, Author: info.Author, Subject: info.Subject, Creator: 'Tilläggsbot', CreationDate: info.CreationDate },
      lang: 'sv-SE',
      pdfVersion: '1.7',
      tagged: false,
      autoFirstPage: true,
    });
    const chunks: Buffer[] = [];
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(new Uint8Array(Buffer.concat(chunks))));
    doc.on('error', reject);
    doc.registerFont('body', join(FONT_DIR, 'DejaVuSans.ttf'));
    doc.registerFont('bold', join(FONT_DIR, 'DejaVuSans-Bold.ttf'));
    draw(doc);
    doc.end();
  });
}
