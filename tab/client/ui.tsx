// The small pieces every screen of the tab shares: a problem in a message bar, a spinner, a
// titled section, a table that scrolls sideways on a phone.
import { MessageBar, MessageBarBody, MessageBarTitle, Spinner, Table, TableBody, TableHeader, TableHeaderCell, TableRow, Title3, tokens } from '@fluentui/react-components';
import type { CSSProperties, ReactNode } from 'react';

export function Problem({ title, text }: { title: string; text: string }) {
  return (
    <MessageBar intent="warning" role="alert">
      <MessageBarBody>
        <MessageBarTitle>{title}</MessageBarTitle>
        {text}
      </MessageBarBody>
    </MessageBar>
  );
}

export function Loading({ label }: { label: string }) {
  return <Spinner label={label} size="small" />;
}

export function Section({ title, children, id }: { title: string; children: ReactNode; id?: string }) {
  return (
    <section aria-labelledby={id} style={{ marginBlock: tokens.spacingVerticalL }}>
      <Title3 as="h2" id={id} block style={{ marginBottom: tokens.spacingVerticalS }}>
        {title}
      </Title3>
      {children}
    </section>
  );
}


/** A table in a labelled region that scrolls sideways on a phone (and can be reached by keyboard to do so). */
export function ScrollTable({ label, region, headers, children, style }: { label: string; region?: string; headers: Array<string | { text: string; width: number }>; children: ReactNode; style?: CSSProperties }) {
  return (
    <div className="table-scroll" tabIndex={0} role="region" aria-label={region ?? `${label}, tabell`} {...(style ? { style } : {})}>
      <Table size="small" aria-label={label}>
        <TableHeader>
          <TableRow>
            {headers.map((h) =>
              typeof h === 'string' ? (
                <TableHeaderCell key={h}>{h}</TableHeaderCell>
              ) : (
                <TableHeaderCell key={h.text} style={{ width: h.width }}>
                  {h.text}
                </TableHeaderCell>
              ),
            )}
          </TableRow>
        </TableHeader>
        <TableBody>{children}</TableBody>
      </Table>
    </div>
  );
}
