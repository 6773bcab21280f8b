// Personer och roller: everyone the municipality has registered, whether Teams has recognised them
// yet, and a form to register someone by e-mail/UPN or change their roles. A principal's and a
// drafter's role is held at a unit.
import { Badge, Body1, Button, Input, Select, TableCell, TableRow, tokens } from '@fluentui/react-components';
import { useState, type FormEvent } from 'react';
import { useReloadable, type Json } from '../api';
import { Loading, Problem, ScrollTable, Section } from '../ui';
import { Done, ErrorSummary, FormActions, FormField, useSubmit } from './form';

type Grant = { role: string; unitId: string | null };

function PersonForm({ person, choices, onSaved, onCancel }: { person: Json | null; choices: Json; onSaved: (saved: Json) => void; onCancel: () => void }) {
  const [email, setEmail] = useState<string>(person?.email ?? '');
  const [displayName, setDisplayName] = useState<string>(person?.displayName ?? '');
  const [roles, setRoles] = useState<Grant[]>(person?.roles ?? [{ role: 'principal', unitId: null }]);
  const { fields, error, busy, submit } = useSubmit();
  const needsUnit = (role: string) => !!choices.roles.find((r: Json) => r.value === role)?.unit;
  const setGrant = (i: number, grant: Partial<Grant>) =>
    setRoles((rs) => rs.map((g, j) => (j === i ? { ...g, ...grant, ...(grant.role && !needsUnit(grant.role) ? { unitId: null } : {}) } : g)));
  const save = async (event: FormEvent) => {
    event.preventDefault();
    const body = { email, displayName, roles: roles.map((g) => ({ role: g.role, unitId: needsUnit(g.role) ? g.unitId || null : null })) };
    const saved = person ? await submit('PUT', `/tab/api/admin/people/${person.id}`, body) : await submit('POST', '/tab/api/admin/people', body);
    if (saved) onSaved(saved);
  };
  const title = person ? `Ändra ${person.displayName}` : 'Registrera en person';
  const labels: Record<string, string> = { email: 'E-post', displayName: 'Namn', roles: 'Roller' };
  roles.forEach((_g, i) => {
    labels[`roles.${i}.unitId`] = `Roll ${i + 1}, enhet`;
    labels[`roles.${i}.role`] = `Roll ${i + 1}`;
  });
  return (
    <form onSubmit={save} aria-label={title} className="admin-form" noValidate>
      <h3 className="form-title">{title}</h3>
      <ErrorSummary error={error} fields={fields} labels={labels} />
      <div className="form-row">
        <FormField fields={fields} path="email" label="E-postadress eller UPN" required hint="Den adress personen loggar in i Teams med. Gäster: adressen de bjöds in med.">
          <Input type="email" value={email} onChange={(_e, d) => setEmail(d.value)} autoComplete="off" />
        </FormField>
        <FormField fields={fields} path="displayName" label="Namn" required>
          <Input value={displayName} onChange={(_e, d) => setDisplayName(d.value)} autoComplete="off" />
        </FormField>
      </div>
      <fieldset className="roles">
        <legend>Roller</legend>
        {fields.roles ? (
          <p className="field-error" role="alert">
            {fields.roles}
          </p>
        ) : null}
        {roles.map((g, i) => (
          <div key={i} className="role-row">
            <FormField fields={fields} path={`roles.${i}.role`} label={`Roll ${i + 1}`}>
              <Select value={g.role} onChange={(_e, d) => setGrant(i, { role: d.value })}>
                {choices.roles.map((r: Json) => (
                  <option key={r.value} value={r.value}>
                    {r.text}
                  </option>
                ))}
              </Select>
            </FormField>
            {needsUnit(g.role) ? (
              <FormField fields={fields} path={`roles.${i}.unitId`} label={`Enhet för roll ${i + 1}`}>
                <Select value={g.unitId ?? ''} onChange={(_e, d) => setGrant(i, { unitId: d.value || null })}>
                  <option value="">Välj enhet</option>
                  {choices.units.map((u: Json) => (
                    <option key={u.value} value={u.value}>
                      {u.text}
                    </option>
                  ))}
                </Select>
              </FormField>
            ) : (
              <span />
            )}
            <Button onClick={() => setRoles((rs) => rs.filter((_x, j) => j !== i))} disabled={roles.length === 1} aria-label={`Ta bort roll ${i + 1}`}>
              Ta bort
            </Button>
          </div>
        ))}
        <Button onClick={() => setRoles((rs) => [...rs, { role: 'principal', unitId: null }])}>Lägg till en roll</Button>
      </fieldset>
      <FormActions busy={busy} submitText={person ? 'Spara ändringarna' : 'Registrera'} onCancel={onCancel} />
    </form>
  );
}

export function PeopleView() {
  const { data, error, loading, reload } = useReloadable('/tab/api/admin/people');
  const [editing, setEditing] = useState<Json | 'new' | null>(null);
  const [done, setDone] = useState('');
  if (loading && !data) return <Loading label="Hämtar personerna …" />;
  if (error) return <Problem title="Personerna kunde inte visas" text={error.message} />;
  return (
    <Section title="Personer och roller" id="people-title">
      <Body1 block style={{ marginBottom: tokens.spacingVerticalS }}>
        Registrera en person med den e-postadress de loggar in i Teams med. Första gången de skriver till Tilläggsbot eller öppnar fliken känns de igen och kopplas till sitt Teams-konto.
      </Body1>
      {done ? <Done>{done}</Done> : null}
      {editing ? (
        <PersonForm
          person={editing === 'new' ? null : editing}
          choices={data.choices}
          onCancel={() => setEditing(null)}
          onSaved={(saved) => {
            setDone(editing === 'new' ? `${saved.displayName} är registrerad (${saved.email}). Personen känns igen första gången hen skriver till Tilläggsbot.` : `${saved.displayName} är sparad.`);
            setEditing(null);
            reload();
          }}
        />
      ) : (
        <Button appearance="primary" onClick={() => (setDone(''), setEditing('new'))}>
          Registrera en person
        </Button>
      )}
      <ScrollTable label="Personer" headers={['Namn', 'E-post', 'Roller', 'I Teams', 'Åtgärd']} style={{ marginTop: tokens.spacingVerticalM }}>
        {data.people.map((p: Json) => (
          <TableRow key={p.id}>
            <TableCell>{p.displayName}</TableCell>
            <TableCell>{p.email ?? '–'}</TableCell>
            <TableCell>{p.rolesText || 'Ingen roll'}</TableCell>
            <TableCell>
              <Badge appearance="tint" color={p.bound ? 'success' : 'warning'}>
                {p.bound ? 'Känd' : 'Inte ännu'}
              </Badge>
            </TableCell>
            <TableCell>
              <Button size="small" onClick={() => (setDone(''), setEditing(p))} aria-label={`Ändra ${p.displayName}`}>
                Ändra
              </Button>
            </TableCell>
          </TableRow>
        ))}
      </ScrollTable>
    </Section>
  );
}
