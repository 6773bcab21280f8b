// The administrator's screens, beside Elevhälsan's in the tab's navigation.
import type { ReactNode } from 'react';
import { AuditView } from './audit';
import { ImportView } from './import';
import { PeopleView } from './people';
import { ProfileView } from './profile';
import { UnitsView } from './units';

export const ADMIN_VIEWS: ReadonlyArray<readonly [string, string, () => ReactNode]> = [
  ['units', 'Enheter', () => <UnitsView />],
  ['people', 'Personer och roller', () => <PeopleView />],
  ['import', 'Import', () => <ImportView />],
  ['profile', 'Kommunens profil', () => <ProfileView />],
  ['audit', 'Granskningslogg', () => <AuditView />],
];
