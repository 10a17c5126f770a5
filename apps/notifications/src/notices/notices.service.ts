import { Clock, Principal, SERVICE_CONFIG, isStaff } from '@aeo/platform';
import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager, In, IsNull } from 'typeorm';
import { NotificationsConfig } from '../config/notifications.config';
import { NoticeErrors } from '../notifications.errors';
import { KnownOperator } from '../operators/known-operator.entity';
import { AudienceFacts, RecipientsService } from '../recipients/recipients.service';
import { MAIL_WAITING } from '../mail/mail-waiting';
import { MAIL_PROBLEMS, MailStatus, Notice } from './notice.entity';
import { categoryOf, linkOf, NoticeDraft, supersedes } from './notice-rules';
import { DeliveryView, NoticesPage, NoticeView } from './dto/notice.view';
import { DeliveriesQueryDto, NoticesQueryDto } from './dto/notice.dto';

/**
 * Notices: made from the drafts of the notice rules for the people behind each audience, once per
 * event, person and kind (a redelivered event makes none); read in the console's inbox; their
 * e-mails sent by the mail dispatcher, whose problems staff see.
 */
@Injectable()
export class NoticesService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly recipients: RecipientsService,
    private readonly clock: Clock,
    @Inject(SERVICE_CONFIG) private readonly config: NotificationsConfig,
  ) {}

  /** Records the notices of one event, in the inbox's transaction (none for an event older than NOTICE_MAX_AGE_DAYS). Returns how many were made. */
  async record(
    manager: EntityManager,
    drafts: NoticeDraft[],
    source: { messageId: string; occurredAt: Date },
    people: Omit<AudienceFacts, 'trader'>,
  ): Promise<number> {
    let made = 0;
    const now = this.clock.now();
    // Old news is not told: a service started on a registry with a history (its consumer reads
    // the topics from the start), or back after a long outage, does not mail everyone about the past.
    if (now.getTime() - source.occurredAt.getTime() > this.config.NOTICE_MAX_AGE_DAYS * 86_400_000) return 0;
    const sourceEvent = source.messageId;
    const operators = new Map<string, KnownOperator | null>(); // the drafts of one event share their operator
    for (const draft of drafts) {
      if (!operators.has(draft.operatorId)) operators.set(draft.operatorId, await manager.findOneBy(KnownOperator, { operatorId: draft.operatorId }));
      const operator = operators.get(draft.operatorId);
      const subjects = await this.recipients.resolve(manager, draft.to, { ...people, actor: draft.toActor ? null : people.actor, trader: operator?.registeredBy ?? null });
      const known = await this.recipients.find(manager, subjects);
      const category = categoryOf(draft.kind);
      for (const subject of subjects) {
        const recipient = known.get(subject);
        const mailStatus: MailStatus = !this.config.SMTP_URL
          ? 'no_smtp'
          : !recipient?.email
            ? 'no_address'
            : recipient.emailOff.includes(category)
              ? 'not_wanted'
              : 'pending';
        const result = await manager
          .createQueryBuilder()
          .insert()
          .into(Notice)
          .values({
            id: randomUUID(),
            recipient: subject,
            kind: draft.kind,
            category,
            operatorId: draft.operatorId,
            subjectType: draft.subjectType,
            subjectId: draft.subjectId,
            facts: { ...draft.facts, legalName: operator?.legalName ?? '' },
            due: draft.due,
            link: linkOf(draft),
            sourceEvent,
            createdAt: now,
            readAt: null,
            supersededAt: null,
            mailStatus,
            mailTo: recipient?.email ?? null,
            mailLanguage: this.recipients.languageOf(recipient),
            mailAttempts: 0,
            mailNextAt: mailStatus === 'pending' ? now : null,
          })
          .orIgnore()
          .returning(['id'])
          .execute();
        const inserted = (result.raw as unknown[]).length > 0;
        if (inserted) made++;
        const earlier = supersedes(draft.kind);
        if (inserted && earlier.length > 0) {
          const id = (result.raw as { id: string }[])[0].id;
          await manager.query(
            `UPDATE notice SET superseded_at = $5, read_at = COALESCE(read_at, $5),
               mail_status = CASE WHEN mail_status = 'pending' THEN 'superseded' ELSE mail_status END,
               mail_next_at = CASE WHEN mail_status = 'pending' THEN NULL ELSE mail_next_at END
             WHERE recipient = $1 AND operator_id = $2 AND kind = ANY($3) AND id <> $4 AND superseded_at IS NULL`,
            [subject, draft.operatorId, earlier, id, now],
          );
        }
        if (inserted && mailStatus === 'pending') manager.queryRunner!.data = { ...manager.queryRunner!.data, [MAIL_WAITING]: true };
      }
    }
    return made;
  }

  /** The caller's notices, newest first (unread only if asked), with how many are unread. */
  async mine(by: Principal, q: NoticesQueryDto): Promise<NoticesPage> {
    const recipient = await this.recipients.seen(by);
    const language = q.lang ?? this.recipients.languageOf(recipient);
    const where = q.unread ? { recipient: by.subject, readAt: IsNull() } : { recipient: by.subject };
    const [rows, total] = await this.dataSource.manager.findAndCount(Notice, { where, order: { createdAt: 'DESC', id: 'ASC' }, take: q.limit, skip: q.offset });
    const unread = await this.dataSource.manager.countBy(Notice, { recipient: by.subject, readAt: IsNull() });
    return { total, unread, limit: q.limit, offset: q.offset, items: rows.map((n) => NoticeView.of(n, language, isStaff(by))) };
  }

  async markRead(id: string, by: Principal): Promise<NoticeView> {
    const notice = await this.dataSource.manager.findOneBy(Notice, { id, recipient: by.subject });
    if (!notice) throw NoticeErrors.notFound('no such notice among yours');
    if (!notice.readAt) {
      notice.readAt = this.clock.now();
      await this.dataSource.manager.update(Notice, { id }, { readAt: notice.readAt });
    }
    const recipient = await this.recipients.seen(by);
    return NoticeView.of(notice, this.recipients.languageOf(recipient), isStaff(by));
  }

  async markAllRead(by: Principal): Promise<{ marked: number }> {
    const result = await this.dataSource.manager.update(Notice, { recipient: by.subject, readAt: IsNull() }, { readAt: this.clock.now() });
    return { marked: result.affected ?? 0 };
  }

  /** For staff: the e-mails that went wrong (refused, bounced, given up) or are still waiting. */
  async deliveries(q: DeliveriesQueryDto): Promise<{ total: number; items: DeliveryView[] }> {
    const statuses = q.status ? [q.status] : [...MAIL_PROBLEMS];
    const [rows, total] = await this.dataSource.manager.findAndCount(Notice, {
      // A notice no longer current is not worth mailing again: its state was replaced.
      where: { mailStatus: In(statuses), supersededAt: IsNull() },
      order: { createdAt: 'DESC', id: 'ASC' },
      take: q.limit,
      skip: q.offset,
    });
    return { total, items: rows.map(DeliveryView.of) };
  }

  /**
   * A supervisor sends a mail that went wrong again (the person has mended their address, or the
   * server its fault), to the address the person's sign-in now gives.
   */
  async retry(id: string): Promise<DeliveryView> {
    return this.dataSource.transaction(async (manager) => {
      const notice = await manager.findOne(Notice, { where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!notice) throw NoticeErrors.notFound('no such notice');
      if (notice.supersededAt) throw NoticeErrors.notDeliverable('this notice is no longer current: a later notice told the person the state that replaced it');
      if (!MAIL_PROBLEMS.includes(notice.mailStatus) && notice.mailStatus !== 'no_address') {
        throw NoticeErrors.notDeliverable(`this notice's e-mail is ${notice.mailStatus}: only a refused, bounced, failed or unaddressed one is sent again`);
      }
      if (!this.config.SMTP_URL) throw NoticeErrors.notDeliverable('this registry sends no e-mail (SMTP_URL is not set)');
      const recipient = (await this.recipients.find(manager, [notice.recipient])).get(notice.recipient);
      if (!recipient?.email) throw NoticeErrors.notDeliverable('no e-mail address is known for this person: they must sign in with one');
      Object.assign(notice, {
        mailStatus: 'pending',
        mailTo: recipient.email,
        mailAttempts: 0,
        mailNextAt: this.clock.now(),
        mailFirstFailureAt: null,
        mailError: null,
      } satisfies Partial<Notice>);
      await manager.save(notice);
      manager.queryRunner!.data = { ...manager.queryRunner!.data, [MAIL_WAITING]: true };
      return DeliveryView.of(notice);
    });
  }
}
