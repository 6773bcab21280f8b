// Enheter: the municipality's units, a form to add or change one, and deactivation (a unit is
// never deleted; one with cases keeps them).
import { Badge, Body1, Button, Input, Radio, RadioGroup, TableCell, TableRow, tokens } from '@fluentui/react-components';
import { useState, type FormEvent } from 'react';
import { send, useReloadable, type Json } from '../api';
import { Loading, Problem, ScrollTable, Section } from '../ui';
import { CheckGroup, Done, ErrorSummary, FormActions, FormField, useSubmit } from './form';

const EMPTY = { name: '', kind: '', huvudman: '', huvudmanOrgNumber: '', schoolForms: [] as string[] };
const LABELS: Record<string, string> = { name: 'Namn', kind: 'Typ', huvudman: 'Huvudman', huvudmanOrgNumber: 'Organisationsnummer', schoolForms: 'Skolformer' };

function UnitForm({ unit, choices, onSaved, onCancel }: { unit: Json | null; choices: Json; onSaved: (saved: Json) => void; onCancel: () => void }) {
  const [value, setValue] = useState(unit ? { name: unit.name, kind: unit.kind, huvudman: unit.huvudman, huvudmanOrgNumber: unit.huvudmanOrgNumber ?? '', schoolForms: unit.schoolForms } : EMPTY);
  const { fields, error, busy, submit } = useSubmit();
  const set = (key: string, v: unknown) => setValue((x) => ({ ...x, [key]: v }));
  const save = async (event: FormEvent) => {
    event.preventDefault();
    const saved = unit ? await submit('PUT', `/tab/api/admin/units/${unit.id}`, value) : await submit('POST', '/tab/api/admin/units', value);
    if (saved) onSaved(saved);
  };
  const title = unit ? `Ändra ${unit.name}` : 'Ny enhet';
  return (
    <form onSubmit={save} aria-label={title} className="admin-form" noValidate>
      <h3 className="form-title">{title}</h3>
      <ErrorSummary error={error} fields={fields} labels={LABELS} />
      <FormField fields={fields} path="name" label="Enhetens namn" required>
        <Input value={value.name} onChange={(_e, d) => set('name', d.value)} />
      </FormField>
      <FormField fields={fields} path="kind" label="Typ av enhet" required>
        <RadioGroup value={value.kind} onChange={(_e, d) => set('kind', d.value)} layout="horizontal">
          {choices.kinds.map((k: Json) => (
            <Radio key={k.value} value={k.value} label={k.text} />
          ))}
        </RadioGroup>
      </FormField>
      <div className="form-row">
        <FormField fields={fields} path="huvudman" label="Huvudman" required hint="Kommunen eller bolaget som driver enheten.">
          <Input value={value.huvudman} onChange={(_e, d) => set('huvudman', d.value)} />
        </FormField>
        <FormField fields={fields} path="huvudmanOrgNumber" label="Huvudmannens organisationsnummer" required hint="Tio siffror, till exempel 556016-0680.">
          <Input value={value.huvudmanOrgNumber} onChange={(_e, d) => set('huvudmanOrgNumber', d.value)} inputMode="numeric" />
        </FormField>
      </div>
      <CheckGroup fields={fields} path="schoolForms" legend="Skolformer (minst en)" choices={choices.schoolForms} chosen={value.schoolForms} onChange={(next) => set('schoolForms', next)} />
      <FormActions busy={busy} submitText={unit ? 'Spara ändringarna' : 'Lägg till enheten'} onCancel={onCancel} />
    </form>
  );
}

export function UnitsView() {
  const { data, error, loading, reload } = useReloadable('/tab/api/admin/units');
  const [editing, setEditing] = useState<Json | 'new' | null>(null);
  const [done, setDone] = useState('');
  const [problem, setProblem] = useState('');
  if (loading && !data) return <Loading label="Hämtar enheterna …" />;
  if (error) return <Problem title="Enheterna kunde inte visas" text={error.message} />;
  const toggle = async (u: Json) => {
    const res = await send('POST', `/tab/api/admin/units/${u.id}/active`, { active: !u.active });
    if (!res.ok) return setProblem(res.error);
    setProblem('');
    setDone(res.data.active ? `${u.name} är aktiv igen.` : `${u.name} är inaktiverad. Rektorerna kan inte längre välja den i nya ansökningar; ärendena finns kvar.`);
    reload();
  };
  return (
    <Section title="Enheter" id="units-title">
      <Body1 block style={{ marginBottom: tokens.spacingVerticalS }}>
        Enheter tas aldrig bort. En inaktiverad enhet behåller sina ärenden men kan inte väljas i nya ansökningar.
      </Body1>
      {done ? <Done>{done}</Done> : null}
      {problem ? <Problem title="Det gick inte" text={problem} /> : null}
      {editing ? (
        <UnitForm
          unit={editing === 'new' ? null : editing}
          choices={data.choices}
          onCancel={() => setEditing(null)}
          onSaved={(saved) => {
            setDone(editing === 'new' ? `${saved.name} är tillagd. Registrera rektorn under Personer och roller.` : `${saved.name} är sparad.`);
            setEditing(null);
            reload();
          }}
        />
      ) : (
        <Button appearance="primary" onClick={() => (setDone(''), setEditing('new'))}>
          Ny enhet
        </Button>
      )}
      <ScrollTable label="Enheter" headers={['Enhet', 'Typ', 'Huvudman', 'Skolformer', 'Ärenden', 'Status', 'Åtgärder']} style={{ marginTop: tokens.spacingVerticalM }}>
        {data.units.map((u: Json) => (
          <TableRow key={u.id}>
            <TableCell>{u.name}</TableCell>
            <TableCell>{u.kindText}</TableCell>
            <TableCell>
              {u.huvudman}
              {u.huvudmanOrgNumber ? <span className="muted"> ({u.huvudmanOrgNumber})</span> : null}
            </TableCell>
            <TableCell>{u.schoolFormsText}</TableCell>
            <TableCell>{u.caseCount}</TableCell>
            <TableCell>
              <Badge appearance="tint" color={u.active ? 'success' : 'informative'}>
                {u.active ? 'Aktiv' : 'Inaktiv'}
              </Badge>
            </TableCell>
            <TableCell>
              <span className="cell-actions">
                <Button size="small" onClick={() => (setDone(''), setEditing(u))} aria-label={`Ändra ${u.name}`}>
                  Ändra
                </Button>
                <Button size="small" onClick={() => toggle(u)} aria-label={`${u.active ? 'Inaktivera' : 'Aktivera'} ${u.name}`}>
                  {u.active ? 'Inaktivera' : 'Aktivera'}
                </Button>
              </span>
            </TableCell>
          </TableRow>
        ))}
      </ScrollTable>
    </Section>
  );
}
