// The small pieces every screen of the tab shares: a problem in a message bar, a spinner, a
// titled section.
import { MessageBar, MessageBarBody, MessageBarTitle, Spinner, Title3, tokens } from '@fluentui/react-components';
import type { ReactNode } from 'react';

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

