// The registerutdrag of a case (GDPR art. 15), on the case page for the administrator and the
// head of Elevhälsan: everything held about the child, as a PDF to read or a ZIP with the data.
import { Body1, Button, tokens } from '@fluentui/react-components';
import { useState } from 'react';
import { download } from '../api';
import { Problem, Section } from '../ui';

export function RegisterExtract({ links, caseNumber }: { links: { zip: string; pdf: string }; caseNumber: string }) {
  const [problem, setProblem] = useState('');
  const get = (format: 'pdf' | 'zip') => download(links[format], `registerutdrag-${caseNumber}.${format}`).then(() => setProblem(''), (e: Error) => setProblem(e.message));
  return (
    <Section title="Registerutdrag" id="registerutdrag">
      <Body1 block>Allt Tilläggsbot har sparat om barnet i ärendet, till den som begär ut sina uppgifter (artikel 15 i dataskyddsförordningen). Uttaget loggas.</Body1>
      <div className="form-actions" style={{ marginTop: tokens.spacingVerticalS }}>
        <Button onClick={() => void get('pdf')}>Ladda ner registerutdrag (PDF)</Button>
        <Button onClick={() => void get('zip')}>Ladda ner registerutdrag med data (ZIP)</Button>
      </div>
      {problem ? <Problem title="Registerutdraget kunde inte hämtas" text={problem} /> : null}
    </Section>
  );
}
