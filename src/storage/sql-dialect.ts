// What differs between SQLite and PostgreSQL in the SQL we write by hand
// (the filter compiler, JSON access, case folding). Everything else is kysely.

export type DialectName = 'sqlite' | 'postgres';
