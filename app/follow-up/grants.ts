// The follow-up rules' view of stored cases: each granted case as a FollowUpGrant (its decision's
// period and schedule, and who the child is), and the questions the dialog, the block on a new
// application and reminders ask: what is due for this principal, what is overdue for this child.
import { followUpsDue, grantTerms, type FollowUpDue, type FollowUpGrant } from '../../domain/follow-up-schedule';
import type { ApplicationVersionRecord, CaseRecord, DecisionRecord, Repositories } from '../../domain/ports';
import type { TApplication, TApplicationDraft } from '../../domain/schemas';
import type { TMunicipalityProfile } from '../../domain/profile';
import { nextTerm } from '../../domain/terms';

const MAX_CHAIN = 40;

// The first case of a renewal chain: a protected identity is recognised by the earlier case its
// application came from ("Ansök för nästa termin"), never by name.
async function chainRoot(repos: Repositories, municipalityId: string, caseId: string, renewalOf: string | undefined): Promise<string[]> {
  const chain = [caseId];
  let next = renewalOf;
  while (next && chain.length < MAX_CHAIN && !chain.includes(next)) {
    const earlier = await repos.cases.get(next);
    if (!earlier || earlier.municipalityId !== municipalityId) break;
    chain.push(earlier.id);
    next = ((await repos.cases.latestVersion(earlier.id))?.data as TApplication | undefined)?.renewalOf;
  }
  return chain;
}

export async function pupilKeyOf(repos: Repositories, kase: CaseRecord, application: TApplication): Promise<string> {
  const p = application.pupil;
  if (!p.protectedIdentity && p.personnummer) return `pnr:${p.personnummer}`;
  return `case:${(await chainRoot(repos, kase.municipalityId, kase.id, application.renewalOf)).at(-1)}`;
}

export async function grantOf(repos: Repositories, kase: CaseRecord): Promise<FollowUpGrant | null> {
  const [decisions, latest] = await Promise.all([repos.decisions.forCase(kase.id), repos.cases.latestVersion(kase.id)]);
  return grantFrom(repos, kase, decisions[0], latest);
}

async function grantFrom(repos: Repositories, kase: CaseRecord, decision: DecisionRecord | undefined, latest: ApplicationVersionRecord | null | undefined): Promise<FollowUpGrant | null> {
  if (!decision || decision.outcome === 'rejected' || !latest) return null;
  const application = latest.data as TApplication;
  return {
    caseId: kase.id,
    caseNumber: kase.caseNumber,
    municipalityId: kase.municipalityId,
    principalId: kase.principalId,
    unitId: kase.unitId,
    pupilKey: await pupilKeyOf(repos, kase, application),
    term: kase.term,
    from: decision.from,
    to: decision.to,
    schedule: decision.followUpSchedule,
  };
}

// The grants of these cases and the follow-ups filed for them: three reads, however many cases
// (a renewal of a protected identity also reads its chain).
export async function grantsAndFiled(repos: Repositories, cases: CaseRecord[]) {
  const ids = cases.map((c) => c.id);
  const [decisions, versions, followUps] = await Promise.all([repos.decisions.forCases(ids), repos.cases.latestVersions(ids), repos.followUps.forCases(ids)]);
  const grants = (await Promise.all(cases.map((c) => grantFrom(repos, c, decisions.get(c.id)?.[0], versions.get(c.id))))).filter((g): g is FollowUpGrant => g !== null);
  const granted = new Set(grants.map((g) => g.caseId));
  const filed = followUps.filter((f) => granted.has(f.caseId)).map((f) => ({ caseId: f.caseId, term: f.term }));
  return { grants, filed };
}

// Due and overdue (and, on request, coming) follow-ups of the cases this principal applied for
// or whose unit they lead now.
export async function dueForPrincipal(
  repos: Repositories,
  who: { municipalityId: string; personId: string; unitIds: string[]; profile: TMunicipalityProfile },
  today: Date,
  includeUpcoming = false,
): Promise<FollowUpDue[]> {
  const cases = await repos.cases.listGranted(who.municipalityId, { principalId: who.personId, unitIds: who.unitIds });
  const { grants, filed } = await grantsAndFiled(repos, cases);
  return followUpsDue({ grants, filed, today, profile: who.profile, principalId: who.personId, unitIds: who.unitIds, includeUpcoming });
}

// Overdue follow-ups for the child a draft names: by personnummer, or for a protected identity
// by the chain of earlier cases the draft was renewed from. Never by name.
export async function overdueForChild(
  repos: Repositories,
  municipalityId: string,
  profile: TMunicipalityProfile,
  draft: TApplicationDraft,
  today: Date,
): Promise<FollowUpDue[]> {
  const pupil = draft.pupil ?? {};
  let cases: CaseRecord[] = [];
  if (!pupil.protectedIdentity && pupil.personnummer) {
    cases = await repos.cases.listGranted(municipalityId, { personnummer: pupil.personnummer });
  }
  if (draft.renewalOf) {
    const first = await repos.cases.get(draft.renewalOf);
    if (first && first.municipalityId === municipalityId) {
      const chain = await chainRoot(repos, municipalityId, first.id, ((await repos.cases.latestVersion(first.id))?.data as TApplication | undefined)?.renewalOf);
      const known = new Set(cases.map((c) => c.id));
      for (const id of chain) {
        const c = id === first.id ? first : await repos.cases.get(id);
        if (c && !known.has(c.id)) cases.push(c);
      }
    }
  }
  if (cases.length === 0) return [];
  const { grants, filed } = await grantsAndFiled(repos, cases);
  return followUpsDue({ grants, filed, today, profile }).filter((f) => f.state === 'overdue');
}

// The term a renewal applies for: the one after the grant's last term.
export function renewalTerm(grant: Pick<FollowUpGrant, 'term' | 'from' | 'to'>, profile: TMunicipalityProfile): string {
  return nextTerm(grantTerms(grant, profile).at(-1)!);
}

// For Elevhälsan's channel card: the child's current grant (the latest granted case) is at
// another unit than this new application, as when a child changed unit. Unit and case number
// only; nothing about the child.
export async function otherUnitGrantText(repos: Repositories, kase: CaseRecord, application: TApplication): Promise<string | undefined> {
  if (kase.status === 'decided') return undefined;
  const draftLike: TApplicationDraft = { pupil: application.pupil, ...(application.renewalOf ? { renewalOf: application.renewalOf } : {}) };
  const earlier: CaseRecord[] = [];
  if (!draftLike.pupil?.protectedIdentity && draftLike.pupil?.personnummer) {
    earlier.push(...(await repos.cases.listGranted(kase.municipalityId, { personnummer: draftLike.pupil.personnummer })));
  }
  if (application.renewalOf) {
    const c = await repos.cases.get(application.renewalOf);
    if (c && c.municipalityId === kase.municipalityId && (await grantOf(repos, c))) earlier.push(c);
  }
  const current = earlier.filter((c) => c.id !== kase.id && c.createdAt <= kase.createdAt).sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime()).at(-1);
  if (!current || current.unitId === kase.unitId) return undefined;
  const unit = await repos.units.get(current.unitId);
  return `Barnet har i dag tilläggsbelopp via en annan enhet (${unit?.name ?? 'okänd enhet'}, ärende ${current.caseNumber}). Den här ansökan kommer från en ny enhet.`;
}
