// The CSV import of units and their principals: a preview (what each row would do, every row's
// errors in Swedish) and the import itself, which writes nothing unless every row is valid. The
// page reads the file and sends its text.
import { z } from 'zod';
import { applyImport } from '../../app/admin/apply-import';
import { CSV_COLUMNS } from '../../app/admin/csv-import';
import { previewImport, type ImportPreview } from '../../app/admin/preview-import';
import { IMPORT_PRINCIPAL_ACTION_LABELS, IMPORT_UNIT_ACTION_LABELS } from '../../domain/wording';
import { respond } from './respond';
import { route } from './route';

// A municipality's 60 units and their principals fit many times over.
export const MAX_CSV_CHARS = 1_000_000;

const ZCsv = z.object({
  csv: z.string({ error: 'Välj en CSV-fil.' }).min(1, 'Filen är tom.').max(MAX_CSV_CHARS, 'Filen är för stor (högst 1 MB). Dela upp den i flera filer.'),
});

function importView(p: ImportPreview) {
  const errorsByLine = new Map<number, ImportPreview['errors']>();
  for (const e of p.errors) errorsByLine.set(e.line, [...(errorsByLine.get(e.line) ?? []), e]);
  return {
    valid: p.valid,
    counts: p.counts,
    columns: CSV_COLUMNS,
    rows: p.rows.map((r) => ({
      line: r.line,
      unit: r.unit.name,
      unitText: IMPORT_UNIT_ACTION_LABELS[r.unit.action],
      principal: r.principal ? `${r.principal.displayName} <${r.principal.email}>` : null,
      principalText: r.principal ? IMPORT_PRINCIPAL_ACTION_LABELS[r.principal.action] : null,
      errors: (errorsByLine.get(r.line) ?? []).map((e) => ({ column: e.column, message: e.message })),
    })),
    // Errors on lines without a row of their own (the header, a line that could not be read).
    fileErrors: p.errors.filter((e) => !p.rows.some((r) => r.line === e.line)).map((e) => ({ line: e.line, column: e.column, message: e.message })),
  };
}

export const IMPORT_ROUTES = [
  route({ method: 'POST', path: '/tab/api/admin/import/preview', body: ZCsv, run: ({ deps, actor, body }) => respond(previewImport(deps, actor, body.csv), importView) }),
  route({ method: 'POST', path: '/tab/api/admin/import/apply', body: ZCsv, run: ({ deps, actor, body }) => respond(applyImport(deps, actor, body.csv), importView) }),
];
