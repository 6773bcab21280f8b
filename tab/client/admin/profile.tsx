// Kommunens profil: the municipality's rules as a form (deadlines, follow-up dates, appeal window,
// school forms and which need an åtgärdsprogram, the assessment's levels, areas and hours, the
// hourly rate, reminders, office hours, retention). The server checks it with the same schema the
// bot reads it with and answers with errors by field; a preview shows what a sample assessment
// gives under the current and the edited profile; every saved profile is kept as a version.
import { Body1, Button, Caption1, Input, Select, TableCell, TableRow, tokens } from '@fluentui/react-components';
import { useEffect, useState, type FormEvent } from 'react';
import { api, useReloadable, type Fields, type Json } from '../api';
import { Loading, Problem, ScrollTable, Section } from '../ui';
import { CheckGroup, Done, ErrorSummary, FormField, numberOrText, useSubmit } from './form';

type Path = Array<string | number>;

function getAt(value: Json, path: Path): Json {
  return path.reduce((v, k) => (v == null ? v : v[k]), value);
}

function setAt(value: Json, path: Path, next: unknown): Json {
  if (path.length === 0) return next;
  const [head, ...rest] = path;
  const copy = Array.isArray(value) ? [...value] : { ...value };
  copy[head as never] = setAt(value?.[head as never], rest, next) as never;
  return copy;
}

const key = (path: Path) => path.join('.');

const FIXED_LABELS: Record<string, string> = {
  name: 'Kommunens namn',
  elevhalsanAddress: 'Elevhälsans adress',
  appealWindowWeeks: 'Tid för överklagande',
  completionReplyDays: 'Svarstid för komplettering',
  schoolForms: 'Skolformer',
  atgardsprogramRequiredFor: 'Kräver åtgärdsprogram',
  'amount.hourlyRate': 'Timkostnad',
  'amount.weeksPerYear': 'Veckor per år',
  'assessment.levelLabels': 'Nivåernas namn',
  'assessment.extraordinaryFromLevel': 'Extraordinär från nivå',
  'assessment.areas': 'Bedömningsområden',
  'reminders.applicationDeadlineDaysBefore': 'Påminnelse före sista ansökningsdag',
  'reminders.followUpDaysBefore': 'Påminnelse före uppföljning',
  'reminders.followUpOverdueDaysAfter': 'Påminnelse efter missad uppföljning',
  'reminders.completionUnansweredDaysAfter': 'Påminnelse om obesvarad komplettering',
  'reminders.newCaseWaitingDaysAfter': 'Påminnelse om ärende utan handläggare',
  'reminders.undecidedDaysBeforeTermStart': 'Påminnelse om obeslutat ärende före terminsstart',
  'reminders.officeHours.start': 'Kontorstid från',
  'reminders.officeHours.end': 'Kontorstid till',
  'reminders.snoozeDays': 'Påminn igen efter',
  'retention.monthsAfterClose': 'Gallring av ärenden',
  'retention.draftMonthsUnused': 'Gallring av utkast',
};

// Where an error belongs, in words, for the summary at the top of the form.
export function labelFor(path: string): string {
  if (FIXED_LABELS[path]) return FIXED_LABELS[path];
  const deadline = /^(applicationDeadlines|followUpDue)\.(HT|VT)\.(day|month|yearOffset)$/.exec(path);
  if (deadline) return `${deadline[1] === 'applicationDeadlines' ? 'Sista ansökningsdag' : 'Uppföljning senast'} ${deadline[2]}, ${{ day: 'dag', month: 'månad', yearOffset: 'år' }[deadline[3] as 'day']}`;
  const area = /^assessment\.areas\.(\d+)\.(label|hint|hoursPerLevel|id)(?:\.(\d+))?$/.exec(path);
  if (area) return `Område ${Number(area[1]) + 1}, ${{ label: 'namn', hint: 'beskrivning', hoursPerLevel: 'timmar', id: 'id' }[area[2] as 'label']}${area[3] ? ` på nivå ${area[3]}` : ''}`;
  const level = /^assessment\.levelLabels\.(\d+)$/.exec(path);
  if (level) return `Namnet på nivå ${level[1]}`;
  const list = /^(reminders\.\w+)\.\d+$/.exec(path);
  if (list && FIXED_LABELS[list[1]!]) return FIXED_LABELS[list[1]!]!;
  return path;
}

interface Bind {
  profile: Json;
  fields: Fields;
  set: (path: Path, value: unknown) => void;
}

// Text while typing, a number in the profile (or the text, which the server then refuses by field).
function NumberField({ b, path, label, hint, unit }: { b: Bind; path: Path; label: string; hint?: string; unit?: string }) {
  const [text, setText] = useState(String(getAt(b.profile, path) ?? ''));
  return (
    <FormField fields={b.fields} path={key(path)} label={label} {...(hint ? { hint } : {})}>
      <Input
        value={text}
        inputMode="decimal"
        contentAfter={unit ? <span className="muted">{unit}</span> : undefined}
        onChange={(_e, d) => {
          setText(d.value);
          b.set(path, numberOrText(d.value));
        }}
      />
    </FormField>
  );
}

// Days as a list: "21, 7, 1".
function ListField({ b, path, label }: { b: Bind; path: Path; label: string }) {
  const [text, setText] = useState(((getAt(b.profile, path) as unknown[]) ?? []).join(', '));
  return (
    <FormField fields={b.fields} path={key(path)} label={label} hint="Antal dagar, flera med komma emellan.">
      <Input
        value={text}
        onChange={(_e, d) => {
          setText(d.value);
          b.set(
            path,
            d.value
              .split(/[,;]/)
              .map((x) => x.trim())
              .filter(Boolean)
              .map(numberOrText),
          );
        }}
      />
    </FormField>
  );
}

function TextField({ b, path, label }: { b: Bind; path: Path; label: string }) {
  return (
    <FormField fields={b.fields} path={key(path)} label={label}>
      <Input value={String(getAt(b.profile, path) ?? '')} onChange={(_e, d) => b.set(path, d.value)} />
    </FormField>
  );
}

function TermDate({ b, path, title }: { b: Bind; path: Path; title: string }) {
  const offsetPath = [...path, 'yearOffset'];
  return (
    <fieldset className="date-set">
      <legend>{title}</legend>
      <NumberField b={b} path={[...path, 'day']} label="Dag" />
      <NumberField b={b} path={[...path, 'month']} label="Månad (1–12)" />
      <FormField fields={b.fields} path={key(offsetPath)} label="År">
        <Select value={String(getAt(b.profile, offsetPath) ?? 0)} onChange={(_e, d) => b.set(offsetPath, Number(d.value))}>
          <option value="-1">Året före terminen</option>
          <option value="0">Terminens år</option>
          <option value="1">Året efter terminen</option>
        </Select>
      </FormField>
    </fieldset>
  );
}

function Forms({ b, path, label, choices }: { b: Bind; path: Path; label: string; choices: Json[] }) {
  return <CheckGroup fields={b.fields} path={key(path)} legend={label} choices={choices} chosen={getAt(b.profile, path) ?? []} onChange={(next) => b.set(path, next)} />;
}

function Assessment({ b }: { b: Bind }) {
  const a = b.profile.assessment;
  const levels: number[] = a.levels;
  return (
    <>
      <Body1 block>Varje område bedöms på en nivå. Timmarna per nivå blir timmar i veckan; bara nivåer från den extraordinära räknas mot tilläggsbelopp.</Body1>
      <div className="form-grid">
        {levels.map((level, i) => (
          <TextField key={level} b={b} path={['assessment', 'levelLabels', i]} label={`Nivå ${level}`} />
        ))}
      </div>
      <FormField fields={b.fields} path="assessment.extraordinaryFromLevel" label="Extraordinärt stöd från nivå">
        <Select value={String(a.extraordinaryFromLevel)} onChange={(_e, d) => b.set(['assessment', 'extraordinaryFromLevel'], Number(d.value))}>
          {levels.map((l) => (
            <option key={l} value={l}>
              {l}: {a.levelLabels[levels.indexOf(l)]}
            </option>
          ))}
        </Select>
      </FormField>
      {b.fields['assessment.areas'] ? (
        <p className="field-error" role="alert">
          {b.fields['assessment.areas']}
        </p>
      ) : null}
      {a.areas.map((area: Json, i: number) => (
        <fieldset key={area.id} className="area">
          <legend>
            Område {i + 1}: {area.label}
          </legend>
          <div className="form-row">
            <TextField b={b} path={['assessment', 'areas', i, 'label']} label="Namn" />
            <TextField b={b} path={['assessment', 'areas', i, 'hint']} label="Beskrivning" />
          </div>
          <div className="hours" role="group" aria-label={`Timmar i veckan per nivå, ${area.label}`}>
            {levels.map((level, j) => (
              <NumberField key={level} b={b} path={['assessment', 'areas', i, 'hoursPerLevel', j]} label={`Nivå ${level}`} unit="tim" />
            ))}
          </div>
          <Button size="small" onClick={() => b.set(['assessment', 'areas'], a.areas.filter((_x: Json, j: number) => j !== i))} disabled={a.areas.length === 1}>
            Ta bort området {area.label}
          </Button>
        </fieldset>
      ))}
      <Button
        onClick={() => {
          const n = a.areas.length + 1;
          b.set(['assessment', 'areas'], [...a.areas, { id: `omrade${n}`, label: `Nytt område ${n}`, hint: 'Beskriv vad området gäller.', hoursPerLevel: levels.map(() => 0) }]);
        }}
      >
        Lägg till ett område
      </Button>
    </>
  );
}

function SamplePreview({ preview }: { preview: Json }) {
  return (
    <section aria-labelledby="sample-title" className="sample">
      <h3 id="sample-title" className="form-title">
        Exempel: samma bedömning med nuvarande och ändrad profil
      </h3>
      <Caption1 block>{preview.sampleText}</Caption1>
      <div className="kpis">
        <div>
          <Caption1 block>Nuvarande profil</Caption1>
          <p className="kpi">{preview.current.amountText} i månaden</p>
          <Caption1 block>{preview.current.explanation}</Caption1>
        </div>
        <div>
          <Caption1 block>Ändrad profil</Caption1>
          <p className="kpi">{preview.edited.amountText} i månaden</p>
          <Caption1 block>{preview.edited.explanation}</Caption1>
        </div>
        <div>
          <Caption1 block>Skillnad</Caption1>
          <p className="kpi">{preview.differenceText}</p>
          <Caption1 block>Gäller nya bedömningar. Ärenden som redan skickats in behåller den version de bedömdes enligt.</Caption1>
        </div>
      </div>
    </section>
  );
}

export function ProfileView() {
  const { data, error, loading, reload } = useReloadable('/tab/api/admin/profile');
  const [profile, setProfile] = useState<Json>(null);
  const [shown, setShown] = useState<{ id: string | null; version: number | null; n: number }>({ id: null, version: null, n: 0 });
  const { fields, error: problem, busy, submit, reset } = useSubmit();
  const [loadProblem, setLoadProblem] = useState('');
  const [preview, setPreview] = useState<Json>(null);
  const [done, setDone] = useState('');
  useEffect(() => {
    if (data) {
      setProfile(data.profile);
      setShown((s) => ({ id: data.versionId, version: data.version, n: s.n + 1 }));
    }
  }, [data]);
  if (loading && !data) return <Loading label="Hämtar profilen …" />;
  if (error) return <Problem title="Profilen kunde inte visas" text={error.message} />;
  if (!profile) return null;
  const b: Bind = { profile, fields, set: (path, value) => setProfile((p: Json) => setAt(p, path, value)) };
  const runPreview = async () => {
    setDone('');
    setPreview(await submit('POST', '/tab/api/admin/profile/preview', { profile }));
  };
  const save = async (event: FormEvent) => {
    event.preventDefault();
    const saved = await submit('PUT', '/tab/api/admin/profile', { profile });
    setPreview(null);
    if (!saved) return;
    setDone(`Profilen är sparad som version ${saved.version}. Den gäller nya bedömningar; ärenden som redan skickats in behåller sin version.`);
    reload();
  };
  const load = async (id: string) => {
    const v = await api(`/tab/api/admin/profile?version=${id}`).catch((e: Error) => (setLoadProblem(e.message), null));
    if (!v) return;
    setLoadProblem('');
    setProfile(v.profile);
    setShown((s) => ({ id: v.versionId, version: v.version, n: s.n + 1 }));
    reset();
    setPreview(null);
    setDone('');
  };
  const labels = Object.fromEntries(Object.keys(fields).map((k) => [k, labelFor(k)]));
  const choices = data.choices.schoolForms;
  return (
    <Section title="Kommunens profil" id="profile-title">
      <Body1 block>
        Reglerna Tilläggsbot följer för {profile.name}. Varje sparad ändring blir en ny version; ett ärende bedöms och beslutas enligt den version som gällde när det skickades in.
      </Body1>
      {shown.id && shown.id !== data.currentVersionId ? (
        <Body1 block role="status" className="notice">
          Du ser version {shown.version}. Sparar du blir den en ny version.
        </Body1>
      ) : null}
      {done ? <Done>{done}</Done> : null}
      {loadProblem ? <Problem title="Versionen kunde inte visas" text={loadProblem} /> : null}
      <form key={shown.n} onSubmit={save} aria-label="Kommunens profil" className="admin-form" noValidate>
        <ErrorSummary error={problem} fields={fields} labels={labels} />
        <h3 className="form-title">Kommunen</h3>
        <div className="form-row">
          <TextField b={b} path={['name']} label="Kommunens namn" />
          <TextField b={b} path={['elevhalsanAddress']} label="Elevhälsans adress (i beslutsbrevet)" />
        </div>
        <h3 className="form-title">Datum och tider</h3>
        <div className="form-grid wide">
          <TermDate b={b} path={['applicationDeadlines', 'HT']} title="Sista ansökningsdag för hösttermin" />
          <TermDate b={b} path={['applicationDeadlines', 'VT']} title="Sista ansökningsdag för vårtermin" />
          <TermDate b={b} path={['followUpDue', 'HT']} title="Uppföljning senast, hösttermin" />
          <TermDate b={b} path={['followUpDue', 'VT']} title="Uppföljning senast, vårtermin" />
        </div>
        <div className="form-grid">
          <NumberField b={b} path={['appealWindowWeeks']} label="Tid för överklagande" unit="veckor" />
          <NumberField b={b} path={['completionReplyDays']} label="Svarstid för komplettering" unit="dagar" />
        </div>
        <h3 className="form-title">Skolformer</h3>
        <Forms b={b} path={['schoolForms']} label="Skolformer som kan söka" choices={choices} />
        <Forms b={b} path={['atgardsprogramRequiredFor']} label="Kräver åtgärdsprogram" choices={choices} />
        <h3 className="form-title">Belopp</h3>
        <div className="form-grid">
          <NumberField b={b} path={['amount', 'hourlyRate']} label="Timkostnad" unit="kr" hint="Kronor per timme stöd." />
          <NumberField b={b} path={['amount', 'weeksPerYear']} label="Veckor per år" unit="veckor" hint="Veckorna timmarna betalas för, utslaget på tolv månader." />
        </div>
        <h3 className="form-title">Bedömning</h3>
        <Assessment b={b} />
        <h3 className="form-title">Påminnelser</h3>
        <div className="form-grid wide">
          <ListField b={b} path={['reminders', 'applicationDeadlineDaysBefore']} label="Före sista ansökningsdag" />
          <ListField b={b} path={['reminders', 'followUpDaysBefore']} label="Före uppföljningen" />
          <ListField b={b} path={['reminders', 'followUpOverdueDaysAfter']} label="Efter missad uppföljning" />
          <ListField b={b} path={['reminders', 'completionUnansweredDaysAfter']} label="Efter obesvarad komplettering" />
          <ListField b={b} path={['reminders', 'newCaseWaitingDaysAfter']} label="Ärende utan handläggare, efter" />
          <ListField b={b} path={['reminders', 'undecidedDaysBeforeTermStart']} label="Obeslutat ärende, före terminsstart" />
        </div>
        <div className="form-grid">
          <TextField b={b} path={['reminders', 'officeHours', 'start']} label="Kontorstid från (TT:MM)" />
          <TextField b={b} path={['reminders', 'officeHours', 'end']} label="Kontorstid till (TT:MM)" />
          <NumberField b={b} path={['reminders', 'snoozeDays']} label="Påminn igen efter" unit="dagar" />
        </div>
        <h3 className="form-title">Gallring</h3>
        <div className="form-grid">
          <NumberField b={b} path={['retention', 'monthsAfterClose']} label="Ärenden gallras efter" unit="mån" hint="Räknat från sista beviljade månad." />
          <NumberField b={b} path={['retention', 'draftMonthsUnused']} label="Orörda utkast gallras efter" unit="mån" />
        </div>
        {preview ? <SamplePreview preview={preview} /> : null}
        <div className="form-actions">
          <Button onClick={() => void runPreview()} disabled={busy}>
            Förhandsgranska en bedömning
          </Button>
          <Button appearance="primary" type="submit" disabled={busy}>
            Spara som ny version
          </Button>
        </div>
      </form>
      <section aria-labelledby="versions-title" style={{ marginTop: tokens.spacingVerticalL }}>
        <h3 id="versions-title" className="form-title">
          Sparade versioner
        </h3>
        <ScrollTable label="Sparade versioner" headers={['Version', 'Sparad', 'Av', 'Åtgärd']}>
          {data.versions.map((v: Json) => (
            <TableRow key={v.id}>
              <TableCell>
                {v.version}
                {v.id === data.currentVersionId ? <span className="muted"> (gäller nu)</span> : null}
              </TableCell>
              <TableCell>{v.createdText}</TableCell>
              <TableCell>{v.byName}</TableCell>
              <TableCell>
                <Button size="small" onClick={() => void load(v.id)} aria-label={`Visa version ${v.version}`}>
                  Visa
                </Button>
              </TableCell>
            </TableRow>
          ))}
        </ScrollTable>
      </section>
    </Section>
  );
}
