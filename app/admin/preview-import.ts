// The CSV import's preview: what each row would do, and every row's errors in Swedish.
// Nothing is written.
import type { Actor } from '../actor';
import type { AppDeps } from '../deps';
import { planImport, type ImportPlan } from './csv-import';
import { asAdmin, ok, type AdminResult } from './result';

export type ImportPreview = Omit<ImportPlan, 'newUnits' | 'principals'>;

export function previewImport(deps: AppDeps, actor: Actor, csv: string): Promise<AdminResult<ImportPreview>> {
  return asAdmin(actor, async () => {
    const { newUnits: _u, principals: _p, ...preview } = await planImport(deps, actor, csv);
    return ok(preview);
  });
}
