// The tab page: teams-js v2 for the host (context, theme, SSO token, links), Fluent UI React v9
// for the look of Teams, the bot's own Adaptive Cards for a case. Every text comes from the
// server in Swedish; this file only lays it out.
import { app } from '@microsoft/teams-js';
import {
  Badge,
  Body1,
  Button,
  Caption1,
  Field,
  FluentProvider,
  Input,
  Link,
  Select,
  Subtitle2,
  TableCell,
  TableRow,
  Title2,
  Title3,
  teamsDarkTheme,
  teamsHighContrastTheme,
  teamsLightTheme,
  tokens,
  type Theme,
} from '@fluentui/react-components';
import { createRoot } from 'react-dom/client';
import { useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { ADMIN_VIEWS } from './admin/views';
import { RegisterExtract } from './admin/registerutdrag';
import { download, openInTeams, useApi, type Json } from './api';
import { renderCard } from './card';
import { Loading, Problem, ScrollTable, Section } from './ui';

// A deep link into the tab names a case as its sub-page ("case:<id>"); the local host passes ?case=.
let startCase: string | null = new URLSearchParams(location.search).get('case');

const THEMES: Record<string, Theme> = { default: teamsLightTheme, dark: teamsDarkTheme, contrast: teamsHighContrastTheme };

function StatusBadge({ row }: { row: Json }) {
  const color = row.status === 'decided' ? 'success' : row.status === 'completion_requested' ? 'warning' : 'informative';
  return (
    <span style={{ display: 'inline-flex', gap: 4, flexWrap: 'wrap' }}>
      <Badge appearance="tint" color={color} className="status-badge">
        {row.statusText}
      </Badge>
      {row.late ? (
        <Badge appearance="tint" color="danger">
          Sen
        </Badge>
      ) : null}
    </span>
  );
}

// ---- principal --------------------------------------------------------------------------------

function PrincipalView({ me, dark }: { me: Json; dark: boolean }) {
  const { data, error, loading } = useApi('/tab/api/principal');
  const [caseId, setCaseId] = useState<string | null>(startCase);
  if (caseId) return <CaseView id={caseId} onBack={() => setCaseId(null)} dark={dark} backText="← Tillbaka till mina ärenden" />;
  if (loading) return <Loading label="Hämtar dina ärenden …" />;
  if (error) return <Problem title="Dina ärenden kunde inte visas" text={error.message} />;
  return (
    <>
      <Section title="Att göra härnäst" id="due">
        {data.due.length === 0 ? (
          <Body1>Inget att göra just nu.</Body1>
        ) : (
          <ul className="plain-list">
            {data.due.map((d: Json, i: number) => (
              <li key={i} className="row-item">
                <span>
                  <strong>{d.dateText}</strong> · {d.text}
                </span>
                <Button size="small" onClick={() => openInTeams(d.link)}>
                  Öppna i chatten
                </Button>
              </li>
            ))}
          </ul>
        )}
      </Section>
      <Section title="Mina utkast" id="drafts">
        {data.drafts.length === 0 ? (
          <Body1 block>Du har inga påbörjade ansökningar.</Body1>
        ) : (
          <ul className="plain-list">
            {data.drafts.map((d: Json) => (
              <li key={d.id} className="row-item">
                <span>
                  {d.label} <Caption1>· senast ändrat {d.updatedText}</Caption1>
                </span>
                <Button size="small" appearance="primary" onClick={() => openInTeams(d.link)}>
                  Fortsätt i chatten
                </Button>
              </li>
            ))}
          </ul>
        )}
        <Button style={{ marginTop: tokens.spacingVerticalS }} onClick={() => openInTeams(me.chat.start)}>
          Ny ansökan i chatten
        </Button>
      </Section>
      <Section title="Mina ärenden" id="cases">
        {data.cases.length === 0 ? (
          <Body1>Du har inga inskickade ansökningar ännu.</Body1>
        ) : (
          <CaseTable rows={data.cases} principal onOpen={setCaseId} />
        )}
      </Section>
    </>
  );
}

// ---- Elevhälsan -------------------------------------------------------------------------------

function CaseTable({ rows, principal, onOpen }: { rows: Json[]; principal?: boolean; onOpen?: (id: string) => void }) {
  return (
    <ScrollTable label={principal ? 'Mina ärenden' : 'Ärenden'} headers={['Ärende', 'Status', 'Enhet', 'Termin', principal ? 'Beslut' : 'Handläggare', 'Inkommen']}>
      {rows.map((r) => (
        <TableRow key={r.id}>
          <TableCell>
            {onOpen ? (
              <Link as="button" onClick={() => onOpen(r.id)}>
                {r.caseNumber}
              </Link>
            ) : (
              r.caseNumber
            )}
          </TableCell>
          <TableCell>
            <StatusBadge row={r} />
          </TableCell>
          <TableCell>{r.unitName}</TableCell>
          <TableCell>{r.termText}</TableCell>
          {principal ? (
            <TableCell>{r.decision ? [r.decision.outcomeText, r.decision.amountText && `${r.decision.amountText}/mån`].filter(Boolean).join(', ') : '–'}</TableCell>
          ) : (
            <TableCell>{r.handlerName ?? '–'}</TableCell>
          )}
          <TableCell>{r.submittedText}</TableCell>
        </TableRow>
      ))}
    </ScrollTable>
  );
}

const FILTERS = [
  { key: 'status', label: 'Status', list: 'statuses', all: 'Alla' },
  { key: 'unit', label: 'Enhet', list: 'units', all: 'Alla enheter' },
  { key: 'schoolForm', label: 'Skolform', list: 'schoolForms', all: 'Alla skolformer' },
  { key: 'term', label: 'Termin', list: 'terms', all: 'Alla terminer' },
  { key: 'handler', label: 'Handläggare', list: 'handlers', all: 'Alla' },
] as const;

function QueueView({ onOpen }: { onOpen: (id: string) => void }) {
  const [filters, setFilters] = useState<Record<string, string>>({ status: 'open' });
  const [search, setSearch] = useState('');
  const query = new URLSearchParams(Object.entries({ ...filters, q: search }).filter(([, v]) => v)).toString();
  const { data, error, loading } = useApi(`/tab/api/queue${query ? `?${query}` : ''}`);
  const [options, setOptions] = useState<Json>(null);
  useEffect(() => {
    if (data?.filters) setOptions(data.filters);
  }, [data]);
  const set = (key: string, value: string) => setFilters((f) => ({ ...f, [key]: value }));
  return (
    <>
      <div className="filters" role="search" aria-label="Filtrera ärenden">
        <Field label="Sök ärendenummer">
          <Input value={search} onChange={(_e, d) => setSearch(d.value)} placeholder="TB-2027-0001" />
        </Field>
        {options
          ? FILTERS.map((f) => (
              <Field key={f.key} label={f.label}>
                <Select value={filters[f.key] ?? ''} onChange={(_e, d) => set(f.key, d.value)}>
                  <option value="">{f.all}</option>
                  {options[f.list].map((o: Json) => (
                    <option key={o.value} value={o.value}>
                      {o.text}
                    </option>
                  ))}
                </Select>
              </Field>
            ))
          : null}
        <Field label="Sen ansökan">
          <Select value={filters.late ?? ''} onChange={(_e, d) => set('late', d.value)}>
            <option value="">Alla</option>
            <option value="true">Bara sena</option>
            <option value="false">Bara i tid</option>
          </Select>
        </Field>
      </div>
      {loading && !data ? <Loading label="Hämtar kön …" /> : null}
      {error ? <Problem title="Kön kunde inte visas" text={error.message} /> : null}
      {data ? (
        <>
          <Caption1 role="status" aria-live="polite" block style={{ marginBlock: tokens.spacingVerticalS }}>
            Visar {data.cases.length} av {data.total} ärenden
          </Caption1>
          {data.cases.length ? <CaseTable rows={data.cases} onOpen={onOpen} /> : <Body1>Inga ärenden matchar filtret.</Body1>}
        </>
      ) : null}
    </>
  );
}

function AdaptiveCardView({ card, dark, title }: { card: Json; dark: boolean; title: string }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!ref.current) return;
    ref.current.replaceChildren(renderCard(card, dark));
  }, [card, dark]);
  return <div ref={ref} className="ac-host" data-card={title} />;
}

function CaseView({ id, onBack, dark, backText = '← Tillbaka till kön' }: { id: string; onBack: () => void; dark: boolean; backText?: string }) {
  const { data, error, loading } = useApi(`/tab/api/cases/${id}`);
  const [downloadError, setDownloadError] = useState('');
  return (
    <>
      <Button appearance="subtle" onClick={onBack}>
        {backText}
      </Button>
      {loading ? <Loading label="Hämtar ärendet …" /> : null}
      {error ? <Problem title="Ärendet kunde inte visas" text={error.message} /> : null}
      {data ? (
        <article aria-labelledby="case-title">
          <Title2 as="h1" id="case-title" block>
            {data.caseNumber}
          </Title2>
          <Badge appearance="tint">{data.statusText}</Badge>
          <dl className="facts">
            {data.facts.map((f: Json) => (
              <div key={f.label}>
                <dt>{f.label}</dt>
                <dd>{f.value}</dd>
              </div>
            ))}
          </dl>
          {data.decision ? (
            <Section title="Beslut" id="decision">
              <Body1 block>
                {data.decision.outcomeText}, {data.decision.decidedText}
              </Body1>
              <Button
                appearance="primary"
                style={{ marginTop: tokens.spacingVerticalS }}
                onClick={() => download(data.decision.pdf, `beslut-${data.caseNumber}.pdf`).catch((e) => setDownloadError(e.message))}
              >
                Ladda ner beslutet (PDF)
              </Button>
              {downloadError ? <Problem title="Nedladdningen misslyckades" text={downloadError} /> : null}
            </Section>
          ) : null}
          {data.registerutdrag ? <RegisterExtract links={data.registerutdrag} caseNumber={data.caseNumber} /> : null}
          <Section title="Versioner" id="versions">
            <ul className="plain-list">
              {data.versions.map((v: Json) => (
                <li key={v.version}>
                  Version {v.version}, inskickad {v.submittedText}
                </li>
              ))}
            </ul>
          </Section>
          <Section title="Bedömningar" id="assessments">
            <ul className="plain-list">
              {data.assessments.map((a: Json, i: number) => (
                <li key={i}>
                  {a.kindText} {a.dateText}: {a.hours} timmar per vecka, {a.amountText} per månad
                </li>
              ))}
            </ul>
          </Section>
          {data.completions.length ? (
            <Section title="Kompletteringar" id="completions">
              <ul className="plain-list">
                {data.completions.map((c: Json, i: number) => (
                  <li key={i}>
                    {c.requestedText}: {c.message} {c.answered ? '(besvarad)' : '(väntar på svar)'}
                  </li>
                ))}
              </ul>
            </Section>
          ) : null}
          {data.followUps.length ? (
            <Section title="Uppföljningar" id="followups">
              <ul className="plain-list">
                {data.followUps.map((f: Json, i: number) => (
                  <li key={i}>
                    {f.termText}, {f.submittedText}: {f.continuedNeed ? 'fortsatt behov' : 'inget fortsatt behov'}
                  </li>
                ))}
              </ul>
            </Section>
          ) : null}
          {data.cards.map((c: Json) => (
            <Section key={c.title} title={c.title} id={`card-${c.title}`}>
              <AdaptiveCardView card={c.card} dark={dark} title={c.title} />
            </Section>
          ))}
          <Section title="Händelser" id="audit">
            <ul className="plain-list">
              {data.audit.map((e: Json, i: number) => (
                <li key={i}>
                  {e.dateText}: {e.text} <Caption1>({e.by})</Caption1>
                </li>
              ))}
            </ul>
          </Section>
        </article>
      ) : null}
    </>
  );
}

function Bars({ items, label, format }: { items: Array<{ label: string; value: number }>; label: string; format: (n: number) => string }) {
  const max = Math.max(1, ...items.map((i) => i.value));
  return (
    <figure className="chart" style={{ margin: 0 }}>
      <figcaption>
        <Subtitle2>{label}</Subtitle2>
      </figcaption>
      <div role="list">
        {items.map((i) => (
          <div role="listitem" key={i.label} className="bar-row">
            <span className="bar-label">{i.label}</span>
            <span className="bar-track" aria-hidden="true">
              <span className="bar" style={{ width: `${(i.value / max) * 100}%`, background: tokens.colorBrandBackground }} />
            </span>
            <span className="bar-value">{format(i.value)}</span>
          </div>
        ))}
      </div>
    </figure>
  );
}

const kr = (n: number) => `${new Intl.NumberFormat('sv-SE', { maximumFractionDigits: 0 }).format(n)} kr`;
const pct = (n: number | null) => (n === null ? '–' : `${Math.round(n * 100)} %`);
const MONTHS = ['jan', 'feb', 'mar', 'apr', 'maj', 'jun', 'jul', 'aug', 'sep', 'okt', 'nov', 'dec'];

function StatisticsView() {
  const [term, setTerm] = useState('');
  const { data, error, loading } = useApi(`/tab/api/statistics${term ? `?term=${term}` : ''}`);
  if (loading && !data) return <Loading label="Räknar …" />;
  if (error) return <Problem title="Statistiken kunde inte visas" text={error.message} />;
  return (
    <>
      <Field label="Termin" style={{ maxWidth: 240 }}>
        <Select value={data.term} onChange={(_e, d) => setTerm(d.value)}>
          {data.terms.map((t: Json) => (
            <option key={t.value} value={t.value}>
              {t.text}
            </option>
          ))}
        </Select>
      </Field>
      <div className="kpis">
        <div>
          <Caption1 block>Ärenden</Caption1>
          <Title3 as="p">{data.cases}</Title3>
        </div>
        <div>
          <Caption1 block>Median dagar till beslut</Caption1>
          <Title3 as="p">{data.medianDaysToDecision ?? '–'}</Title3>
        </div>
        <div>
          <Caption1 block>Sena ansökningar</Caption1>
          <Title3 as="p">{pct(data.lateShare)}</Title3>
        </div>
        <div>
          <Caption1 block>Ofullständiga vid första försöket</Caption1>
          <Title3 as="p">{pct(data.incompleteShare)}</Title3>
        </div>
      </div>
      <Bars label="Ärenden per status" items={Object.entries(data.byStatus).map(([s, n]) => ({ label: data.statusTexts[s], value: n as number }))} format={(n) => String(n)} />
      <Bars
        label="Beviljat belopp per månad"
        items={data.grantedPerMonth.map((m: Json) => ({ label: `${MONTHS[Number(m.month.slice(5)) - 1]} ${m.month.slice(0, 4)}`, value: m.amount }))}
        format={kr}
      />
      <Section title="Per enhet" id="per-unit">
        <ScrollTable label="Per enhet" headers={['Enhet', 'Huvudman', 'Ärenden', 'Beviljat per månad']}>
          {data.perUnit.map((u: Json) => (
            <TableRow key={u.unitName}>
              <TableCell>{u.unitName}</TableCell>
              <TableCell>{u.huvudman}</TableCell>
              <TableCell>{u.cases}</TableCell>
              <TableCell>{kr(u.grantedPerMonth)}</TableCell>
            </TableRow>
          ))}
        </ScrollTable>
      </Section>
      <Section title="Per huvudman" id="per-owner">
        <ul className="plain-list">
          {data.perHuvudman.map((o: Json) => (
            <li key={o.huvudman}>
              {o.huvudman}: {o.cases} ärenden, {kr(o.grantedPerMonth)} per månad
            </li>
          ))}
        </ul>
      </Section>
    </>
  );
}

function PaymentTable({ rows, title, total }: { rows: Json[]; title: string; total: string }) {
  return (
    <Section title={title} id={title.replace(/\W/g, '')}>
      {rows.length === 0 ? (
        <Body1>Inga utbetalningar den här månaden.</Body1>
      ) : (
        <ScrollTable label={title} headers={['Ärende', 'Enhet', 'Huvudman', 'Period', 'Belopp']}>
          {rows.map((p) => (
            <TableRow key={p.caseId}>
              <TableCell>{p.caseNumber}</TableCell>
              <TableCell>{p.unitName}</TableCell>
              <TableCell>{p.huvudman}</TableCell>
              <TableCell>{p.periodText}</TableCell>
              <TableCell>{p.amountText}</TableCell>
            </TableRow>
          ))}
        </ScrollTable>
      )}
      <Body1 block style={{ marginTop: tokens.spacingVerticalXS }}>
        <strong>Summa: {total}</strong>
      </Body1>
    </Section>
  );
}

const MONTH_NAMES = ['januari', 'februari', 'mars', 'april', 'maj', 'juni', 'juli', 'augusti', 'september', 'oktober', 'november', 'december'];

// Two years back and six months ahead of the month shown first (the server's "this month").
function monthChoices(current: string): string[] {
  const [y, m] = current.split('-').map(Number) as [number, number];
  const out: string[] = [];
  for (let i = 6; i >= -24; i--) {
    const d = new Date(Date.UTC(y, m - 1 + i, 1));
    out.push(`${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, '0')}`);
  }
  return out;
}

function PaymentsView() {
  const [month, setMonth] = useState('');
  const { data, error, loading } = useApi(`/tab/api/payments${month ? `?month=${month}` : ''}`);
  const [fileError, setFileError] = useState('');
  if (loading && !data) return <Loading label="Hämtar utbetalningar …" />;
  if (error) return <Problem title="Utbetalningarna kunde inte visas" text={error.message} />;
  const get = (format: string) => download(`/tab/api/payments?month=${data.month}&format=${format}`, `utbetalningar-${data.month}.${format}`).catch((e) => setFileError(e.message));
  return (
    <>
      <div className="filters">
        <Field label="Månad">
          <Select value={month || data.month} onChange={(_e, d) => setMonth(d.value)}>
            {monthChoices(data.month).map((m) => (
              <option key={m} value={m}>
                {MONTH_NAMES[Number(m.slice(5)) - 1]} {m.slice(0, 4)}
              </option>
            ))}
          </Select>
        </Field>
        <Button onClick={() => get('csv')}>Ladda ner CSV (Excel)</Button>
        <Button onClick={() => get('xlsx')}>Ladda ner XLSX</Button>
      </div>
      {fileError ? <Problem title="Filen kunde inte hämtas" text={fileError} /> : null}
      <PaymentTable title="Fristående huvudmän" rows={data.fristaende} total={data.totalsText.fristaende} />
      <PaymentTable title="Kommunala enheter (resursfördelningssystemet)" rows={data.kommunal} total={data.totalsText.kommunal} />
      <Title3 as="p" block>
        Totalt {data.totalsText.all}
      </Title3>
    </>
  );
}

// Plain buttons rather than Fluent's TabList: its focus helpers add aria-hidden focusable
// elements that axe rightly reports.
const VIEWS: ReadonlyArray<readonly [string, string, (open: (id: string) => void) => ReactNode]> = [
  ['queue', 'Kön', (open) => <QueueView onOpen={open} />],
  ['statistics', 'Statistik', () => <StatisticsView />],
  ['payments', 'Utbetalningar', () => <PaymentsView />],
];

function ElevhalsanView({ dark, me }: { dark: boolean; me: Json }) {
  const views = me.roles.includes('admin') ? [...VIEWS, ...ADMIN_VIEWS] : VIEWS;
  const asked = new URLSearchParams(location.search).get('view');
  const [view, setView] = useState(views.some(([v]) => v === asked) ? asked! : 'queue');
  const [caseId, setCaseId] = useState<string | null>(startCase);
  if (caseId) return <CaseView id={caseId} onBack={() => setCaseId(null)} dark={dark} />;
  return (
    <>
      <nav aria-label="Vyer" className="views">
        {views.map(([value, label]) => (
          <Button key={value} appearance={view === value ? 'primary' : 'subtle'} aria-current={view === value ? 'page' : undefined} onClick={() => setView(value)}>
            {label}
          </Button>
        ))}
      </nav>
      <div style={{ marginTop: tokens.spacingVerticalM }}>{views.find(([v]) => v === view)![2](setCaseId)}</div>
    </>
  );
}

// ---- shell ------------------------------------------------------------------------------------

function Shell({ theme }: { theme: string }) {
  const { data: me, error, loading } = useApi('/tab/api/me');
  const elevhalsan = me?.roles?.some((r: string) => r !== 'principal');
  return (
    <main className="page">
      <header className="page-header">
        <Title2 as="h1">Ärenden om tilläggsbelopp</Title2>
        {me ? (
          <Caption1 block>
            {me.name}, {me.roleTexts.join(' och ')} · {me.municipality}
          </Caption1>
        ) : null}
      </header>
      {loading ? <Loading label="Loggar in …" /> : null}
      {error ? <Problem title={error.status === 401 ? 'Du är inte inloggad' : 'Ingen behörighet'} text={error.message} /> : null}
      {me ? elevhalsan ? <ElevhalsanView dark={theme !== 'default'} me={me} /> : <PrincipalView me={me} dark={theme !== 'default'} /> : null}
    </main>
  );
}

function Root() {
  const [theme, setTheme] = useState<string>(document.documentElement.dataset.theme ?? 'default');
  useEffect(() => {
    app.registerOnThemeChangeHandler((t) => {
      document.documentElement.dataset.theme = t;
      setTheme(t);
    });
  }, []);
  const fluentTheme = useMemo(() => THEMES[theme] ?? teamsLightTheme, [theme]);
  return (
    <FluentProvider theme={fluentTheme} style={{ minHeight: '100vh', background: tokens.colorNeutralBackground3 }}>
      <Shell theme={theme} />
    </FluentProvider>
  );
}

async function start() {
  const root = createRoot(document.getElementById('root')!);
  try {
    await app.initialize();
    const context = await app.getContext();
    document.documentElement.dataset.theme = context.app.theme;
    const sub = context.page.subPageId ?? '';
    if (sub.startsWith('case:')) startCase = sub.slice(5);
    document.documentElement.lang = 'sv';
    app.notifySuccess();
    root.render(<Root />);
  } catch {
    root.render(
      <FluentProvider theme={teamsLightTheme}>
        <main className="page">
          <Title2 as="h1">Ärenden om tilläggsbelopp</Title2>
          <Problem title="Öppna fliken i Teams" text="Den här sidan fungerar bara som en flik i Microsoft Teams." />
        </main>
      </FluentProvider>,
    );
  }
}

void start();
