import { Clock } from '@aeo/platform';
import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { DEFAULT_QUESTIONNAIRE, Questionnaire, QuestionnaireError } from './questionnaire';
import { SaqVersion } from './saq-version.entity';

/** The current questionnaire and the file it came from, read and checked before the service is built (saq.module.ts). */
export const CURRENT_QUESTIONNAIRE = Symbol('CURRENT_QUESTIONNAIRE');
export interface CurrentQuestionnaire {
  questionnaire: Questionnaire;
  source: string;
}
export const BUILT_IN_SOURCE = 'questionnaires/safe-fos-2025.json (built in)';

/**
 * The questionnaires this administration has used: the current one (SAQ_FILE, or the SAFE FoS 2025
 * default), which new applications start on, and every earlier version, which the applications
 * started on it keep. At start-up the current file is checked (a bad one stops the service with
 * every problem named) and registered; a file that claims a registered version with other
 * content is refused, since applications already rest on that version.
 */
@Injectable()
export class SaqCatalogue implements OnModuleInit {
  readonly current: Questionnaire;
  private readonly source: string;
  private readonly known = new Map<string, Questionnaire>();

  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    @Inject(CURRENT_QUESTIONNAIRE) current: CurrentQuestionnaire,
  ) {
    this.current = current.questionnaire;
    this.source = current.source;
  }

  async onModuleInit(): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      // One replica at a time registers; the others then find the row.
      await manager.query(`SELECT pg_advisory_xact_lock(hashtext('accreditation.saq_version'))`);
      const register = async (q: Questionnaire, source: string) => {
        const stored = await manager.findOneBy(SaqVersion, { version: q.version });
        if (!stored) {
          await manager.insert(SaqVersion, { version: q.version, sha256: q.sha256, content: q.file, source, loadedAt: this.clock.now() });
        } else if (stored.sha256 !== q.sha256) {
          throw new QuestionnaireError(source, [
            `version ${q.version} was first loaded on ${stored.loadedAt.toISOString()} from ${stored.source} with other content ` +
              `(sha256 ${stored.sha256.slice(0, 12)}…, this file ${q.sha256.slice(0, 12)}…); applications rest on it, so a changed questionnaire needs a new version`,
          ]);
        }
      };
      // The default stays registered: applications started before an administration had its own file rest on it.
      await register(DEFAULT_QUESTIONNAIRE, BUILT_IN_SOURCE);
      if (this.current !== DEFAULT_QUESTIONNAIRE) await register(this.current, this.source);
    });
    this.known.set(DEFAULT_QUESTIONNAIRE.version, DEFAULT_QUESTIONNAIRE);
    this.known.set(this.current.version, this.current);
  }

  /** A registered version, or undefined; one another replica registered is read once. */
  async find(version: string): Promise<Questionnaire | undefined> {
    const known = this.known.get(version);
    if (known) return known;
    const stored = await this.dataSource.manager.findOneBy(SaqVersion, { version });
    if (!stored) return undefined;
    const q = new Questionnaire(stored.content);
    this.known.set(version, q);
    return q;
  }

  /** The version an application rests on (registered when the application was started). */
  async of(version: string): Promise<Questionnaire> {
    const q = await this.find(version);
    if (!q) throw new Error(`SAQ version ${version} is not registered`);
    return q;
  }

  /** Every version registered, the newest first. */
  async versions(): Promise<{ version: string; name: Record<string, string>; languages: string[]; sha256: string; source: string; loadedAt: Date; current: boolean }[]> {
    const rows = await this.dataSource.manager.find(SaqVersion, { order: { loadedAt: 'DESC', version: 'ASC' } });
    return rows.map((r) => ({
      version: r.version,
      name: r.content.name,
      languages: r.content.languages,
      sha256: r.sha256,
      source: r.source,
      loadedAt: r.loadedAt,
      current: r.version === this.current.version,
    }));
  }
}
