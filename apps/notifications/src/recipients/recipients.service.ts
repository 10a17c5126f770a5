import { Clock, Principal, SERVICE_CONFIG } from '@aeo/platform';
import { Inject, Injectable } from '@nestjs/common';
import { DataSource, EntityManager, In } from 'typeorm';
import { NotificationsConfig } from '../config/notifications.config';
import { Category } from '../notices/notice-rules';
import { Language, languageOf } from '../notices/notice-texts';
import { Recipient } from './recipient.entity';

/** Who is behind an audience of a notice, for one event. */
export interface AudienceFacts {
  /** The trader acting for the operator. */
  trader: string | null;
  /** The officer the case is assigned to. */
  assignee: string | null;
  /** Whoever took the step: never told of their own act. */
  actor: string | null;
}

/**
 * The people notices are for, as their tokens tell them (address, name, language, roles: the
 * console calls this service as soon as someone signs in), and their choices.
 */
@Injectable()
export class RecipientsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    @Inject(SERVICE_CONFIG) private readonly config: NotificationsConfig,
  ) {}

  /** Records the caller as their token describes them now (a changed address is taken at once). */
  async seen(by: Principal): Promise<Recipient> {
    const row = {
      subject: by.subject,
      email: by.email ?? null,
      name: by.name ?? null,
      tokenLanguage: by.locale ? languageOf(by.locale) : null,
      roles: [...by.roles].sort(),
      seenAt: this.clock.now(),
    };
    const known = await this.dataSource.manager.findOneBy(Recipient, { subject: by.subject });
    if (known && known.email === row.email && known.name === row.name && known.tokenLanguage === row.tokenLanguage && known.roles.join() === row.roles.join()) {
      return known;
    }
    await this.dataSource.manager.upsert(Recipient, row, ['subject']);
    return this.dataSource.manager.findOneByOrFail(Recipient, { subject: by.subject });
  }

  async setPreferences(by: Principal, language: Language | null, emailOff: Category[]): Promise<Recipient> {
    await this.seen(by);
    await this.dataSource.manager.update(Recipient, { subject: by.subject }, { chosenLanguage: language, emailOff: [...new Set(emailOff)].sort() });
    return this.dataSource.manager.findOneByOrFail(Recipient, { subject: by.subject });
  }

  /**
   * The subjects behind the audiences: the trader, the assigned officer (the supervisors when
   * nobody is assigned yet), the supervisors of this administration; each once, the actor never.
   */
  async resolve(manager: EntityManager, audiences: readonly string[], facts: AudienceFacts): Promise<string[]> {
    const subjects = new Set<string>();
    let supervisors = audiences.includes('supervisors');
    if (audiences.includes('trader') && facts.trader) subjects.add(facts.trader);
    if (audiences.includes('assignee')) {
      if (facts.assignee) subjects.add(facts.assignee);
      else supervisors = true;
    }
    if (supervisors) {
      // Supervisors as their last sign-in said, within SUPERVISOR_SEEN_DAYS (one who left stops being told).
      const rows: { subject: string }[] = await manager.query(
        `SELECT subject FROM recipient WHERE 'supervisor' = ANY(roles) AND seen_at > $1 ORDER BY subject`,
        [new Date(this.clock.now().getTime() - this.config.SUPERVISOR_SEEN_DAYS * 86_400_000)],
      );
      rows.forEach((r) => subjects.add(r.subject));
    }
    if (facts.actor) subjects.delete(facts.actor);
    return [...subjects];
  }

  async find(manager: EntityManager, subjects: string[]): Promise<Map<string, Recipient>> {
    const rows = subjects.length ? await manager.findBy(Recipient, { subject: In(subjects) }) : [];
    return new Map(rows.map((r) => [r.subject, r]));
  }

  /** The language of someone's notices: their choice, else their sign-in's, else the registry's default. */
  languageOf(recipient: Recipient | undefined): Language {
    return (recipient?.chosenLanguage as Language | null) ?? (recipient?.tokenLanguage as Language | null) ?? languageOf(this.config.DEFAULT_LANGUAGE);
  }
}
