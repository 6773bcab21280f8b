// The domain layer's public surface: import from '../domain' rather than from its files.
export * from './schemas';
export * from './vocabulary';
export * from './profile';
export * from './wording';
export * from './terms';
export * from './personnummer';
export * from './assessment';
export * from './review';
export * from './ports';
export * from './case-roles';
export * from './decision-text';
export * from './org-number';
export * from './admin';
