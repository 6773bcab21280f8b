// The registerutdrag (GDPR art. 15) of a case for the administrator and the head of Elevhälsan:
// a ZIP (the data in full as JSON, and a Swedish summary) or the same summary as a PDF, with
// DejaVu Sans embedded so å, ä and ö render and the text is searchable. Each is audited.
import { z } from 'zod';
import { collectCaseExport, EXPORT_FORBIDDEN, EXPORT_ROLES, exportCase, type CaseExportContent } from '../../app/admin/export-case';
import { renderPdf } from '../../app/documents/pdf';
import { invalidBody, respond } from './respond';
import { route } from './route';

const ZFormat = z.object({ format: z.enum(['zip', 'pdf'], { error: 'Välj ZIP eller PDF.' }).default('zip') });

// The summary's own layout: its first line is the title, "== X ==" opens a section.
export function renderSummaryPdf(content: CaseExportContent): Promise<Uint8Array> {
  const title = content.summary[0] ?? `Registerutdrag ${content.caseNumber}`;
  const info = { Title: title, Author: content.municipality, Subject: 'Registerutdrag enligt artikel 15 i dataskyddsförordningen', CreationDate: content.exportedAt };
  return renderPdf(info, (doc) => {
    doc.font('bold').fontSize(16).text(title, { paragraphGap: 8 });
    for (const line of content.summary.slice(1)) {
      const section = /^== (.+) ==$/.exec(line);
      if (section) doc.moveDown(0.6).font('bold').fontSize(12).text(section[1]!, { paragraphGap: 4 });
      else if (line === '') doc.moveDown(0.3);
      else doc.font('body').fontSize(10.5).text(line, { lineGap: 2 });
    }
  });
}

const download = (bytes: Uint8Array, fileName: string, contentType: string) => ({
  status: 200,
  headers: { 'content-type': contentType, 'content-disposition': `attachment; filename="${fileName}"` },
  body: bytes,
});

export const REGISTERUTDRAG_ROUTES = [
  route({
    method: 'GET',
    path: '/tab/api/cases/:id/registerutdrag',
    roles: EXPORT_ROLES,
    forbidden: EXPORT_FORBIDDEN.message,
    run: async ({ deps, actor, params, query }) => {
      const q = ZFormat.safeParse({ format: query.format || undefined });
      if (!q.success) return invalidBody([{ field: 'format', message: 'Välj ZIP eller PDF.' }]);
      if (q.data.format === 'zip') {
        const zip = await exportCase(deps, actor, params.id!);
        return zip.ok ? download(zip.value.bytes, zip.value.fileName, zip.value.contentType) : respond(zip);
      }
      const content = await collectCaseExport(deps, actor, params.id!, 'pdf');
      if (!content.ok) return respond(content);
      return download(await renderSummaryPdf(content.value), `registerutdrag-${content.value.caseNumber}.pdf`, 'application/pdf');
    },
  }),
];
