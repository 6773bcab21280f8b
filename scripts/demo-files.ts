// Demo documents for `npm run dev`. The Agents Playground cannot upload files, so the dev setup
// serves a few small PDFs on localhost; "Mock an Activity" in the playground sends a message
// whose file.download.info attachment points here, exactly as Teams points at SharePoint.
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export const DEMO_FILES = ['atgardsprogram.pdf', 'kartlaggning.pdf', 'lakarintyg.pdf', 'psykologbedomning.pdf'] as const;

// A one-page PDF with a title line: enough for the bot to store and for a handler to open.
function demoPdf(title: string): Buffer {
  const text = `BT /F1 18 Tf 72 720 Td (${title}) Tj ET`;
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    `<< /Length ${text.length} >>\nstream\n${text}\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  let pdf = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((body, i) => {
    offsets.push(pdf.length);
    pdf += `${i + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xref = pdf.length;
  pdf += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  pdf += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(pdf, 'latin1');
}

export async function startDemoFiles(port: number): Promise<{ url: (name: string) => string; close: () => Promise<void> }> {
  const files = new Map(DEMO_FILES.map((name) => [name, demoPdf(`Demo: ${name.replace('.pdf', '')}`)]));
  const server = http.createServer((req, res) => {
    const bytes = files.get(decodeURIComponent((req.url ?? '/').replace(/^\/demo\//, '')) as (typeof DEMO_FILES)[number]);
    if (!bytes) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'content-type': 'application/pdf', 'content-length': bytes.byteLength }).end(bytes);
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  const bound = (server.address() as AddressInfo).port;
  return {
    url: (name) => `http://127.0.0.1:${bound}/demo/${encodeURIComponent(name)}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
