// The tab's JSON API: the same use cases, repositories and cards as the bot, answered as data
// for the page. Framework-free (request in, response out) so routes.ts mounts it on the bot's own
// server and tests can call it over HTTP. Every route authenticates first (tab/auth.ts); a
// refused call gets one Swedish sentence and nothing else.
import type { AdaptiveCard } from '../cards';
import { caseDetailCard, decisionCard } from '../cards';
import { caseActor, hasRole, type Actor } from '../app/actor';
import { EXPORT_ROLES } from '../app/admin/export-case';
import { loadCase } from '../app/case/context';
import { verifiedDecisionPdf } from '../app/documents/decision-pdf';
import { decisionViewModel, detailViewModel } from '../app/views/case-view';
import { isPrincipalOfCase, mayPerform } from '../domain/case-roles';
import type { Clock } from '../domain/clock';
import type { CaseStatus, Repositories } from '../domain/ports';
import { applicationDeadline, followUpDueDate, localDate, nextTerm, termOf, termTitle, termLabel } from '../domain/terms';
import { CASE_STATUSES } from '../domain/vocabulary';
import {
  CASE_STATUS_FOR_ELEVHALSA,
  CASE_STATUS_FOR_PRINCIPAL,
  DECISION_OUTCOME_LABELS,
  ROLE_LABELS,
  SCHOOL_FORM_LABELS,
  UNIT_KIND_LABELS,
  formatKronor,
  formatSwedishDate,
} from '../domain/wording';
import type { CaseOverviewQueries, CaseOverviewRow } from '../prisma/repositories/case-overview';
import { AUTH_MESSAGES, type TabAuth } from './auth';
import { paymentsCsv, paymentsXlsx } from './exports';
import { matchAdminRoute, runAdminRoute } from './admin/table';
import { json, refuse, type ApiRequest, type ApiResponse } from './http';
import { isMonth, paymentList, termStatistics, termsWithCases } from './reports';

export interface TabApiDeps {
  repos: Repositories;
  overview: CaseOverviewQueries;
  clock: Clock;
  auth: TabAuth;
  /** The bot's app id, for deep links into its chat. */
  botId: string;
}

export type { ApiRequest, ApiResponse } from './http';

const ELEVHALSAN = ['handler', 'head', 'admin'] as const;
const isElevhalsanOrAdmin = (actor: Actor) => ELEVHALSAN.some((r) => hasRole(actor, r));

export const FORBIDDEN_TEXT = 'Den här delen av fliken är bara för Elevhälsan och kommunens administratörer.';
export const NOT_FOUND_TEXT = 'Ärendet finns inte eller hör till en annan kommun.';

// The audit trail in words; an entry with a since-retired name keeps its raw name.
const AUDIT_WORDS: Record<string, string> = {
  'case.submitted': 'Ansökan skickades in',
  'case.version_added': 'Ny version av ansökan',
  'case.status_changed': 'Status ändrades',
  'case.handler_assigned': 'Handläggare sattes',
  'case.channel_posted': 'Ärendet visades i Elevhälsans kanal',
  'case.assigned': 'Ärendet togs om hand',
  'case.reviewed': 'Bedömningen justerades',
  'case.completion_requested': 'Komplettering begärdes',
  'case.resubmitted': 'Kompletteringen skickades in',
  'case.decided': 'Beslut fattades',
  'case.notified': 'Beslutet nådde rektorn',
  'case.delivery_failed': 'Beslutet kunde inte levereras',
  'attachment.sent': 'Bilaga skickades',
  'followup.submitted': 'Uppföljning lämnades',
};

// The cards are shown, not used, in the tab: its buttons act in the chat.
function withoutActions(card: AdaptiveCard): AdaptiveCard {
  const strip = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.filter((v) => !(v && typeof v === 'object' && (v as { type?: string }).type === 'ActionSet')).map(strip);
    if (value && typeof value === 'object') {
      const out: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(value)) if (k !== 'actions' && k !== 'selectAction' && k !== 'refresh') out[k] = strip(v);
      return out;
    }
    return value;
  };
  return strip(card) as AdaptiveCard;
}

export function chatLink(botId: string, message: string): string {
  return `https://teams.microsoft.com/l/chat/0/0?users=28:${encodeURIComponent(botId)}&message=${encodeURIComponent(message)}`;
}

function caseRow(r: CaseOverviewRow, tz: string, forPrincipal: boolean) {
  return {
    id: r.id,
    caseNumber: r.caseNumber,
    unitName: r.unitName,
    unitKind: r.unitKind,
    unitKindText: UNIT_KIND_LABELS[r.unitKind],
    huvudman: r.huvudman,
    term: r.term,
    termText: termTitle(r.term),
    schoolForm: r.schoolForm,
    schoolFormText: SCHOOL_FORM_LABELS[r.schoolForm as keyof typeof SCHOOL_FORM_LABELS] ?? r.schoolForm,
    status: r.status,
    statusText: (forPrincipal ? CASE_STATUS_FOR_PRINCIPAL : CASE_STATUS_FOR_ELEVHALSA)[r.status],
    late: r.late,
    handlerId: r.assignedHandlerId,
    handlerName: r.handlerName,
    submittedText: formatSwedishDate(localDate(r.createdAt, tz)),
    decision: r.decision
      ? {
          id: r.decision.id,
          outcomeText: DECISION_OUTCOME_LABELS[r.decision.outcome],
          amountText: r.decision.outcome !== 'rejected' && r.decision.amountPerMonth !== null ? formatKronor(r.decision.amountPerMonth) : null,
          periodText: r.decision.from && r.decision.to ? `${formatSwedishDate(r.decision.from)} – ${formatSwedishDate(r.decision.to)}` : null,
        }
      : null,
  };
}

export function createTabApi(deps: TabApiDeps) {
  const { repos, overview, clock } = deps;

  async function me(actor: Actor): Promise<ApiResponse> {
    return json(200, {
      name: actor.person.displayName,
      municipality: actor.municipality.name,
      roles: [...new Set(actor.person.roles.map((r) => r.role))],
      roleTexts: [...new Set(actor.person.roles.map((r) => ROLE_LABELS[r.role]))],
      units: actor.units.map((u) => u.name),
      chat: { start: chatLink(deps.botId, 'ny ansökan'), mine: chatLink(deps.botId, 'mina ärenden') },
    });
  }

  async function principal(actor: Actor): Promise<ApiResponse> {
    if (!hasRole(actor, 'principal')) return refuse(403, 'Den här vyn är för rektorer. Du ser Elevhälsans vy i stället.');
    const profile = actor.municipality.profile;
    const tz = profile.timeZone;
    const today = localDate(clock.now(), tz);
    const [drafts, rows] = await Promise.all([
      repos.snapshots.listOpen(actor.person.id, 'application'),
      overview.list({ municipalityId: actor.municipality.id, principalId: actor.person.id }),
    ]);
    const due: Array<{ date: string; dateText: string; text: string; caseNumber?: string; link: string }> = [];
    for (const r of rows) {
      if (r.status === 'completion_requested') {
        due.push({ date: today, dateText: 'Nu', text: `Elevhälsan har bett om en komplettering av ${r.caseNumber}`, caseNumber: r.caseNumber, link: chatLink(deps.botId, 'mina ärenden') });
      }
      const d = r.decision;
      if (d && d.outcome !== 'rejected' && d.from && d.to) {
        const followUps = new Set((await repos.followUps.forCase(r.id)).map((f) => f.term));
        let term = termOf(d.from, profile);
        for (let i = 0; i < 12; i++) {
          const dueDate = followUpDueDate(term, profile);
          if (!followUps.has(term) && dueDate >= today) {
            due.push({ date: dueDate, dateText: formatSwedishDate(dueDate), text: `Uppföljning av ${r.caseNumber} för ${termLabel(term)}`, caseNumber: r.caseNumber, link: chatLink(deps.botId, 'uppföljning') });
            break;
          }
          if (term === termOf(d.to, profile)) break;
          term = nextTerm(term);
        }
      }
    }
    const applyFor = nextTerm(termOf(today, profile));
    const deadline = applicationDeadline(applyFor, profile);
    if (deadline >= today) {
      due.push({ date: deadline, dateText: formatSwedishDate(deadline), text: `Sista dag att ansöka i tid för ${termLabel(applyFor)}`, link: chatLink(deps.botId, 'ny ansökan') });
    }
    due.sort((a, b) => a.date.localeCompare(b.date));
    return json(200, {
      drafts: drafts.map((d) => ({
        id: d.id,
        label: d.label ?? 'Utkast utan namn',
        updatedText: formatSwedishDate(localDate(d.updatedAt, tz)),
        link: chatLink(deps.botId, 'fortsätt'),
      })),
      cases: rows.reverse().map((r) => ({ ...caseRow(r, tz, true), link: chatLink(deps.botId, 'mina ärenden') })),
      due,
    });
  }

  async function queue(actor: Actor, q: ApiRequest['query']): Promise<ApiResponse> {
    if (!isElevhalsanOrAdmin(actor)) return refuse(403, FORBIDDEN_TEXT);
    const tz = actor.municipality.profile.timeZone;
    const all = await overview.list({ municipalityId: actor.municipality.id });
    const search = q.q?.trim().toUpperCase();
    const rows = all.filter(
      (r) =>
        (!q.status || r.status === q.status || (q.status === 'open' && r.status !== 'decided')) &&
        (!q.unit || r.unitId === q.unit) &&
        (!q.schoolForm || r.schoolForm === q.schoolForm) &&
        (!q.term || r.term === q.term) &&
        (!q.late || String(r.late) === q.late) &&
        (!q.handler || (q.handler === 'none' ? r.assignedHandlerId === null : r.assignedHandlerId === q.handler)) &&
        (!search || r.caseNumber.toUpperCase().includes(search)),
    );
    const units = await repos.units.listForMunicipality(actor.municipality.id);
    const handlers = [...(await repos.people.listByRole(actor.municipality.id, 'handler')), ...(await repos.people.listByRole(actor.municipality.id, 'head'))];
    return json(200, {
      cases: rows.map((r) => caseRow(r, tz, false)),
      total: all.length,
      filters: {
        statuses: [{ value: 'open', text: 'Alla öppna' }, ...CASE_STATUSES.map((s: CaseStatus) => ({ value: s, text: CASE_STATUS_FOR_ELEVHALSA[s] }))],
        units: units.map((u) => ({ value: u.id, text: u.name })),
        schoolForms: Object.entries(SCHOOL_FORM_LABELS).map(([value, text]) => ({ value, text })),
        terms: termsWithCases(all, clock.now(), actor.municipality.profile).map((t) => ({ value: t, text: termTitle(t) })),
        handlers: [{ value: 'none', text: 'Ingen handläggare' }, ...[...new Map(handlers.map((h) => [h.id, h])).values()].map((h) => ({ value: h.id, text: h.displayName }))],
      },
    });
  }

  async function casePage(actor: Actor, caseId: string): Promise<ApiResponse> {
    const bundle = /^[0-9a-f-]{36}$/i.test(caseId) ? await loadCase(repos, caseId) : null;
    if (!bundle || bundle.kase.municipalityId !== actor.municipality.id) return refuse(404, NOT_FOUND_TEXT);
    const permission = mayPerform('case.view', { personId: actor.person.id, municipalityId: actor.municipality.id, roles: actor.person.roles.map((r) => r.role), ledUnitIds: actor.person.ledUnitIds }, bundle.kase);
    if (!permission.ok) return refuse(403, permission.message);
    const tz = bundle.municipality.profile.timeZone;
    const date = (at: Date) => formatSwedishDate(localDate(at, tz));
    const [followUps, audit, people] = await Promise.all([
      repos.followUps.forCase(caseId),
      repos.audit.list('case', caseId),
      Promise.resolve(new Map<string, string>()),
    ]);
    const nameOf = async (id: string | null) => {
      if (!id) return 'Tilläggsbot';
      if (!people.has(id)) people.set(id, (await repos.people.get(id))?.displayName ?? 'Okänd person');
      return people.get(id)!;
    };
    const cards: Array<{ title: string; card: AdaptiveCard }> = [{ title: 'Ansökan', card: withoutActions(caseDetailCard(detailViewModel(bundle, actor))) }];
    if (bundle.decision) cards.push({ title: 'Beslutet', card: withoutActions(decisionCard(decisionViewModel(bundle, bundle.decision, bundle.decision.appealDeadline, isPrincipalOfCase(caseActor(actor), bundle.kase)))) });
    return json(200, {
      id: bundle.kase.id,
      caseNumber: bundle.kase.caseNumber,
      statusText: CASE_STATUS_FOR_ELEVHALSA[bundle.kase.status],
      facts: [
        { label: 'Enhet', value: `${bundle.unit.name} (${UNIT_KIND_LABELS[bundle.unit.kind]})` },
        { label: 'Huvudman', value: bundle.unit.huvudman },
        { label: 'Termin', value: termTitle(bundle.kase.term) },
        { label: 'Skolform', value: SCHOOL_FORM_LABELS[bundle.kase.schoolForm as keyof typeof SCHOOL_FORM_LABELS] ?? bundle.kase.schoolForm },
        { label: 'Inkommen', value: date(bundle.kase.createdAt) + (bundle.kase.late ? ' (sen ansökan)' : '') },
        { label: 'Handläggare', value: bundle.handler?.displayName ?? 'Ingen ännu' },
      ],
      versions: bundle.versions.map((v) => ({ version: v.version, submittedText: date(v.submittedAt) })),
      assessments: bundle.assessments.map((a) => ({ kindText: a.kind === 'application' ? 'Rektorns bedömning' : a.kind === 'review' ? 'Elevhälsans bedömning' : 'Uppföljning', hours: a.hoursCurrent, amountText: formatKronor(a.amountPerMonth), dateText: date(a.createdAt) })),
      completions: bundle.completions.map((c) => ({ message: c.message, requestedText: date(c.requestedAt), answered: c.answeredVersion !== null })),
      followUps: followUps.map((f) => ({ termText: termTitle(f.term), continuedNeed: f.continuedNeed, submittedText: date(f.submittedAt) })),
      decision: bundle.decision
        ? { id: bundle.decision.id, outcomeText: DECISION_OUTCOME_LABELS[bundle.decision.outcome], decidedText: date(bundle.decision.decidedAt), pdf: `/tab/api/decisions/${bundle.decision.id}/pdf` }
        : null,
      // Offered to whoever may take one out (tab/admin/registerutdrag.ts checks again).
      registerutdrag: EXPORT_ROLES.some((r) => hasRole(actor, r)) ? { zip: `/tab/api/cases/${bundle.kase.id}/registerutdrag?format=zip`, pdf: `/tab/api/cases/${bundle.kase.id}/registerutdrag?format=pdf` } : null,
      audit: await Promise.all(audit.map(async (e) => ({ at: e.at.toISOString(), dateText: date(e.at), text: AUDIT_WORDS[e.action] ?? e.action, by: await nameOf(e.actorId) }))),
      cards,
    });
  }

  async function statistics(actor: Actor, q: ApiRequest['query']): Promise<ApiResponse> {
    if (!isElevhalsanOrAdmin(actor)) return refuse(403, FORBIDDEN_TEXT);
    const profile = actor.municipality.profile;
    const rows = await overview.list({ municipalityId: actor.municipality.id });
    const terms = termsWithCases(rows, clock.now(), profile);
    const term = q.term && terms.includes(q.term) ? q.term : termOf(localDate(clock.now(), profile.timeZone), profile);
    const stats = termStatistics(rows, term, profile);
    return json(200, {
      ...stats,
      termText: termTitle(term),
      terms: terms.map((t) => ({ value: t, text: termTitle(t) })),
      statusTexts: CASE_STATUS_FOR_ELEVHALSA,
    });
  }

  async function payments(actor: Actor, q: ApiRequest['query']): Promise<ApiResponse> {
    if (!isElevhalsanOrAdmin(actor)) return refuse(403, FORBIDDEN_TEXT);
    const month = q.month ?? localDate(clock.now(), actor.municipality.profile.timeZone).slice(0, 7);
    if (!isMonth(month)) return refuse(400, 'Välj en månad som ÅÅÅÅ-MM, till exempel 2027-09.');
    const list = paymentList(await overview.list({ municipalityId: actor.municipality.id }), month);
    const name = `utbetalningar-${month}`;
    if (q.format === 'csv') {
      return { status: 200, headers: { 'content-type': 'text/csv; charset=utf-8', 'content-disposition': `attachment; filename="${name}.csv"` }, body: paymentsCsv(list) };
    }
    if (q.format === 'xlsx') {
      return {
        status: 200,
        headers: { 'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'content-disposition': `attachment; filename="${name}.xlsx"` },
        body: await paymentsXlsx(list, actor.municipality.name),
      };
    }
    const row = (p: (typeof list.kommunal)[number]) => ({ ...p, amountText: formatKronor(p.amount), periodText: `${formatSwedishDate(p.from)} – ${formatSwedishDate(p.to)}` });
    return json(200, {
      month,
      fristaende: list.fristaende.map(row),
      kommunal: list.kommunal.map(row),
      totals: list.totals,
      totalsText: { fristaende: formatKronor(list.totals.fristaende), kommunal: formatKronor(list.totals.kommunal), all: formatKronor(list.totals.all) },
    });
  }

  async function pdf(actor: Actor, decisionId: string): Promise<ApiResponse> {
    const decision = /^[0-9a-f-]{36}$/i.test(decisionId) ? await repos.decisions.get(decisionId) : null;
    const bundle = decision ? await loadCase(repos, decision.caseId) : null;
    if (!decision || !bundle || bundle.kase.municipalityId !== actor.municipality.id) return refuse(404, 'Beslutet finns inte eller hör till en annan kommun.');
    const permission = mayPerform('case.view', { personId: actor.person.id, municipalityId: actor.municipality.id, roles: actor.person.roles.map((r) => r.role), ledUnitIds: actor.person.ledUnitIds }, bundle.kase);
    if (!permission.ok) return refuse(403, permission.message);
    const doc = await verifiedDecisionPdf(repos, decision.id);
    return {
      status: 200,
      headers: { 'content-type': 'application/pdf', 'content-disposition': `attachment; filename="beslut-${bundle.kase.caseNumber}.pdf"`, 'x-content-sha256': doc.sha256 },
      body: doc.bytes,
    };
  }

  // The route table: every route the tab's API has, in one place.
  const ROUTES: Array<{ pattern: RegExp; run: (actor: Actor, req: ApiRequest, m: RegExpExecArray) => Promise<ApiResponse> }> = [
    { pattern: /^\/tab\/api\/me$/, run: (a) => me(a) },
    { pattern: /^\/tab\/api\/principal$/, run: (a) => principal(a) },
    { pattern: /^\/tab\/api\/queue$/, run: (a, r) => queue(a, r.query) },
    { pattern: /^\/tab\/api\/cases\/([^/]+)$/, run: (a, _r, m) => casePage(a, m[1]!) },
    { pattern: /^\/tab\/api\/statistics$/, run: (a, r) => statistics(a, r.query) },
    { pattern: /^\/tab\/api\/payments$/, run: (a, r) => payments(a, r.query) },
    { pattern: /^\/tab\/api\/decisions\/([^/]+)\/pdf$/, run: (a, _r, m) => pdf(a, m[1]!) },
  ];

  return {
    async handle(req: ApiRequest): Promise<ApiResponse> {
      // The administration's routes (tab/admin/table.ts) write; everything else only reads.
      const admin = matchAdminRoute(req.method, req.path);
      if (admin === 'wrong-method') return refuse(405, 'Den här adressen tar inte emot det anropet.');
      if (!admin && req.method !== 'GET') return refuse(405, 'Fliken läser bara.');
      const route = admin ? null : ROUTES.map((r) => ({ r, m: r.pattern.exec(req.path) })).find((x) => x.m);
      if (!admin && !route) return refuse(404, 'Det finns ingen sådan sida.');
      const auth = await deps.auth.authenticate(req.authorization);
      if (!auth.ok) return json(auth.status, { error: AUTH_MESSAGES[auth.reason], reason: auth.reason });
      if (admin) return runAdminRoute(admin, { repos, clock }, auth.actor, req);
      return route!.r.run(auth.actor, req, route!.m!);
    },
  };
}

export type TabApi = ReturnType<typeof createTabApi>;
