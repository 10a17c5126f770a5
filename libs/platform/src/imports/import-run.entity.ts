import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * One file taken in by a bulk import (a real run, not a dry run): which file (its SHA-256), what
 * it held, what it created, who ran it and when. Kept in the schema of the service that owns what
 * was imported; the rows it created name it in their own history.
 */
@Entity({ name: 'import_run' })
@Index('import_run_by_file', ['kind', 'sha256'])
export class ImportRun {
  @PrimaryColumn('uuid')
  id: string;

  /** What the file held: operators, authorisations, personnel. */
  @Column('text')
  kind: string;

  @Column('text', { name: 'file_name' })
  fileName: string;

  /** SHA-256 of the file's bytes, hex. */
  @Column('char', { length: 64 })
  sha256: string;

  @Column('int')
  rows: number;

  @Column('int')
  created: number;

  /** Rows already present as the file says (a file run again, or a row imported before). */
  @Column('int')
  unchanged: number;

  @Column('text', { name: 'imported_by' })
  importedBy: string;

  @Column('timestamptz', { name: 'imported_at' })
  importedAt: Date;
}

/** The tables of bulk imports, in the schema of each service that takes files in. */
export const IMPORT_ENTITIES = [ImportRun];
