// Granskningslogg: who did what and when, filtered by case number, person and dates, newest first,
// fifty at a time.
import { Body1, Button, Input, Select, TableCell, TableRow, tokens } from '@fluentui/react-components';
import { useEffect, useState, type FormEvent } from 'react';
import { api, ApiError, type Fields, type Json } from '../api';
import { Loading, Problem, ScrollTable, Section } from '../ui';
import { FormField } from './form';

type Filters = { case: string; personId: string; from: string; to: string };
const NONE: Filters = { case: '', personId: '', from: '', to: '' };

const query = (f: Filters, before?: string) => new URLSearchParams(Object.entries({ ...f, ...(before ? { before } : {}) }).filter(([, v]) => v)).toString();

export function AuditView() {
  const [filters, setFilters] = useState<Filters>(NONE);
  const [entries, setEntries] = useState<Json[] | null>(null);
  const [next, setNext] = useState<string | null>(null);
  const [people, setPeople] = useState<Json[]>([]);
  const [fields, setFields] = useState<Fields>({});
  const [problem, setProblem] = useState('');
  const [busy, setBusy] = useState(false);

  const search = async (f: Filters, before?: string) => {
    setBusy(true);
    try {
      const page = await api(`/tab/api/admin/audit?${query(f, before)}`);
      setEntries((e) => (before && e ? [...e, ...page.entries] : page.entries));
      setNext(page.next);
      setPeople(page.choices.people);
      setFields({});
      setProblem('');
    } catch (error) {
      setProblem(error instanceof ApiError ? error.message : 'Loggen kunde inte visas.');
      setFields(error instanceof ApiError ? error.fields : {});
    } finally {
      setBusy(false);
    }
  };
  useEffect(() => {
    void search(NONE);
  }, []);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void search(filters);
  };
  const set = (k: keyof Filters, v: string) => setFilters((f) => ({ ...f, [k]: v }));

  return (
    <Section title="Granskningslogg" id="audit-title">
      <form className="filters" role="search" aria-label="Filtrera granskningsloggen" onSubmit={submit} noValidate>
        <FormField fields={fields} path="case" label="Ärendenummer">
          <Input value={filters.case} onChange={(_e, d) => set('case', d.value)} placeholder="TB-2027-0001" />
        </FormField>
        <FormField fields={fields} path="personId" label="Person">
          <Select value={filters.personId} onChange={(_e, d) => set('personId', d.value)}>
            <option value="">Alla</option>
            {people.map((p) => (
              <option key={p.value} value={p.value}>
                {p.text}
              </option>
            ))}
          </Select>
        </FormField>
        <FormField fields={fields} path="from" label="Från och med">
          <Input type="date" value={filters.from} onChange={(_e, d) => set('from', d.value)} />
        </FormField>
        <FormField fields={fields} path="to" label="Till och med">
          <Input type="date" value={filters.to} onChange={(_e, d) => set('to', d.value)} />
        </FormField>
        <div className="filter-buttons">
          <Button appearance="primary" type="submit" disabled={busy}>
            Sök
          </Button>
          <Button
            onClick={() => {
              setFilters(NONE);
              void search(NONE);
            }}
          >
            Rensa
          </Button>
        </div>
      </form>
      {problem ? <Problem title="Loggen kunde inte visas" text={problem} /> : null}
      {entries === null ? (
        <Loading label="Hämtar loggen …" />
      ) : (
        <>
          <Body1 role="status" aria-live="polite" block style={{ marginBlock: tokens.spacingVerticalS }}>
            {entries.length === 0 ? 'Inga händelser matchar filtret.' : `Visar ${entries.length} händelser${next ? ', det finns fler' : ''}.`}
          </Body1>
          {entries.length ? (
            <ScrollTable label="Granskningslogg" headers={['Tid', 'Händelse', 'Vem', 'Gäller']}>
              {entries.map((e) => (
                <TableRow key={e.id}>
                  <TableCell>{e.atText}</TableCell>
                  <TableCell>
                    {e.label}
                    {e.detailsText ? <span className="muted"> – {e.detailsText}</span> : null}
                  </TableCell>
                  <TableCell>{e.actorName}</TableCell>
                  <TableCell>{e.subjectText}</TableCell>
                </TableRow>
              ))}
            </ScrollTable>
          ) : null}
          {next ? (
            <Button onClick={() => void search(filters, next)} disabled={busy} style={{ marginTop: tokens.spacingVerticalS }}>
              Visa fler
            </Button>
          ) : null}
        </>
      )}
    </Section>
  );
}
