import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { QuestionnaireFile } from './questionnaire';

/**
 * A version of the questionnaire as it was first loaded: an application keeps the version it was
 * started on, so the content of a version never changes (a changed file needs a new version).
 */
@Entity({ name: 'saq_version' })
export class SaqVersion {
  @PrimaryColumn('text')
  version: string;

  /** SHA-256 of the content (questionnaire.ts): a file that says this version with other content is refused. */
  @Column('text')
  sha256: string;

  @Column('jsonb')
  content: QuestionnaireFile;

  /** The file it was read from. */
  @Column('text')
  source: string;

  @Column('timestamptz', { name: 'loaded_at' })
  loadedAt: Date;
}
