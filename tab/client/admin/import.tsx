// Import: units and their principals from a CSV file. The file is read here (UTF-8, or the
// Windows-1252 older Swedish Excel saves), previewed by the server row by row with every error in
// Swedish, and imported only when every row is valid; the server writes nothing otherwise.
import { Body1, Button, TableCell, TableRow, tokens } from '@fluentui/react-components';
import { useId, useRef, useState } from 'react';
import { send, type Json } from '../api';
import { Problem, ScrollTable, Section } from '../ui';
import { Done } from './form';

const EXAMPLE = [
  'enhet;typ;huvudman;organisationsnummer;skolformer;rektor_epost;rektor_namn',
  'Karlaskolan;kommunal;Nora kommun;212000-1884;Förskoleklass, Grundskola;anna.berg@nora.se;Anna Berg',
  'Friskolan Lärkan;fristående;Lärkan AB;556016-0680;Grundskola;karin@larkan.se;Karin Nyberg',
].join('\n');

export function decodeCsv(bytes: ArrayBuffer): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return new TextDecoder('windows-1252').decode(bytes);
  }
}

function PreviewTable({ preview }: { preview: Json }) {
  return (
    <ScrollTable label="Förhandsgranskning av importen" headers={[{ text: 'Rad', width: 56 }, 'Enhet', 'Rektor', 'Fel']} region="Förhandsgranskning, tabell">
      {preview.rows.map((r: Json) => (
        <TableRow key={r.line} className={r.errors.length ? 'row-error' : undefined}>
          <TableCell>{r.line}</TableCell>
          <TableCell>
            {r.unit}
            <span className="muted"> · {r.unitText}</span>
          </TableCell>
          <TableCell>
            {r.principal ?? '–'}
            {r.principalText ? <span className="muted"> · {r.principalText}</span> : null}
          </TableCell>
          <TableCell>
            {r.errors.length ? (
              <ul className="cell-errors">
                {r.errors.map((e: Json, i: number) => (
                  <li key={i}>
                    {e.column ? <strong>{e.column}: </strong> : null}
                    {e.message}
                  </li>
                ))}
              </ul>
            ) : (
              'Inga fel'
            )}
          </TableCell>
        </TableRow>
      ))}
    </ScrollTable>
  );
}

export function ImportView() {
  const nameId = useId();
  const input = useRef<HTMLInputElement>(null);
  const [csv, setCsv] = useState<string | null>(null);
  const [fileName, setFileName] = useState('');
  const [preview, setPreview] = useState<Json>(null);
  const [problem, setProblem] = useState('');
  const [done, setDone] = useState('');
  const [busy, setBusy] = useState(false);

  const choose = async (file: File | undefined) => {
    setPreview(null);
    setDone('');
    setProblem('');
    if (!file) return;
    if (input.current) input.current.value = '';
    const text = decodeCsv(await file.arrayBuffer());
    setCsv(text);
    setFileName(file.name);
    setBusy(true);
    const res = await send('POST', '/tab/api/admin/import/preview', { csv: text });
    setBusy(false);
    if (res.ok) setPreview(res.data);
    else setProblem(Object.values(res.fields)[0] ?? res.error);
  };
  const apply = async () => {
    if (csv === null) return;
    setBusy(true);
    const res = await send('POST', '/tab/api/admin/import/apply', { csv });
    setBusy(false);
    if (!res.ok) return setProblem(res.error);
    const c = res.data.counts;
    setDone(`Importen är klar: ${c.units} nya enheter, ${c.people} nya personer och ${c.grants} nya rektorsroller. Rektorerna känns igen första gången de skriver till Tilläggsbot.`);
    setPreview(null);
    setCsv(null);
  };

  return (
    <Section title="Importera enheter och rektorer" id="import-title">
      <Body1 block>
        Välj en CSV-fil med en rad per enhet och rektor, med semikolon eller komma mellan kolumnerna (Excel: Spara som, CSV UTF-8). Första raden ska vara rubrikerna:
      </Body1>
      <pre className="example" tabIndex={0} aria-label="Exempel på en CSV-fil">
        {EXAMPLE}
      </pre>
      <Body1 block style={{ marginBottom: tokens.spacingVerticalS }}>
        En enhet som redan finns (samma namn) används som den är. Har en enhet två rektorer behövs enhetens uppgifter bara på första raden. Ingenting sparas förrän alla rader är rätt.
      </Body1>
      <div className="file-pick">
        {/* The browser's own file button speaks the browser's language; this one speaks Swedish. */}
        <input ref={input} type="file" accept=".csv,text/csv,text/plain" hidden onChange={(e) => void choose(e.target.files?.[0])} />
        <Button appearance="primary" onClick={() => input.current?.click()} aria-describedby={nameId}>
          Välj CSV-fil …
        </Button>
        <span id={nameId} className="muted">
          {fileName ? `Vald fil: ${fileName}` : 'Ingen fil vald'}
        </span>
      </div>
      {busy ? <Body1 role="status">Läser filen …</Body1> : null}
      {problem ? <Problem title="Filen kunde inte importeras" text={problem} /> : null}
      {done ? <Done>{done}</Done> : null}
      {preview ? (
        <section aria-labelledby="preview-title" style={{ marginTop: tokens.spacingVerticalM }}>
          <h3 id="preview-title" className="form-title">
            Förhandsgranskning av {fileName}
          </h3>
          {preview.fileErrors.length ? (
            <ul className="error-list" role="alert">
              {preview.fileErrors.map((e: Json, i: number) => (
                <li key={i}>
                  Rad {e.line}: {e.message}
                </li>
              ))}
            </ul>
          ) : null}
          <p role="status" className={preview.valid ? 'ok-text' : 'error-text'}>
            {preview.valid
              ? `Alla rader är rätt: ${preview.counts.units} nya enheter, ${preview.counts.people} nya personer, ${preview.counts.grants} nya rektorsroller.`
              : 'Filen har fel. Rätta raderna i filen och välj den igen; inget importeras förrän alla rader är rätt.'}
          </p>
          {preview.rows.length ? <PreviewTable preview={preview} /> : null}
          <Button appearance="primary" disabled={!preview.valid || busy} onClick={() => void apply()} style={{ marginTop: tokens.spacingVerticalS }}>
            Importera
          </Button>
        </section>
      ) : null}
    </Section>
  );
}
