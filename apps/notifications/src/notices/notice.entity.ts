import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** What became of a notice's e-mail. */
export const MAIL_STATUSES = [
  /** Waiting to be sent (or to be tried again after a temporary failure). */
  'pending',
  'sent',
  /** The SMTP server refused it for good (5xx): a wrong or unknown address, say. */
  'refused',
  /** Accepted, then returned by the receiving side (a delivery status notification came back). */
  'bounced',
  /** Temporary failures for longer than MAIL_GIVE_UP_HOURS. */
  'failed',
  /** The person does not want this category by e-mail. */
  'not_wanted',
  /** No e-mail address known for the person (their sign-in carries none, or they never signed in). */
  'no_address',
  /** This registry sends no e-mail (no SMTP_URL). */
  'no_smtp',
  /** Not sent: a later notice told the person the state that replaced it before it went. */
  'superseded',
] as const;
export type MailStatus = (typeof MAIL_STATUSES)[number];
/** The outcomes staff look at: something went wrong. */
export const MAIL_PROBLEMS: readonly MailStatus[] = ['refused', 'bounced', 'failed'];

/**
 * A notice to one person: what happened, what they must do and by when (its kind and facts, put
 * in words in their language when shown or mailed), where in the console, whether they read it,
 * and what became of its e-mail.
 */
@Entity({ name: 'notice' })
@Index('notice_per_recipient', ['recipient', 'createdAt'])
@Index('notice_once_per_event', ['sourceEvent', 'recipient', 'kind'], { unique: true })
export class Notice {
  @PrimaryColumn('uuid')
  id: string;

  /** Subject of the person it is for. */
  @Column('text')
  recipient: string;

  @Column('text')
  kind: string;

  @Column('text')
  category: string;

  @Column('uuid', { name: 'operator_id', nullable: true })
  operatorId: string | null;

  /** application, authorisation or operator. */
  @Column('text', { name: 'subject_type' })
  subjectType: string;

  @Column('uuid', { name: 'subject_id' })
  subjectId: string;

  /** What the words are made of: names, stages, reasons, dates (ISO). */
  @Column('jsonb')
  facts: Record<string, string | string[]>;

  /** By when the person must act, if they must. */
  @Column('timestamptz', { nullable: true })
  due: Date | null;

  /** The place in the console, e.g. /applications/<id>. */
  @Column('text')
  link: string;

  /** The event it came from (a redelivered event makes no second notice). */
  @Column('uuid', { name: 'source_event' })
  sourceEvent: string;

  @Column('timestamptz', { name: 'created_at' })
  createdAt: Date;

  @Column('timestamptz', { name: 'read_at', nullable: true })
  readAt: Date | null;

  /** When a later notice of the same state (an operator's compliance) made this one no longer current; it then counts as read. */
  @Column('timestamptz', { name: 'superseded_at', nullable: true })
  supersededAt: Date | null;

  @Column('text', { name: 'mail_status' })
  mailStatus: MailStatus;

  @Column('text', { name: 'mail_to', nullable: true })
  mailTo: string | null;

  @Column('text', { name: 'mail_language' })
  mailLanguage: string;

  @Column('int', { name: 'mail_attempts', default: 0 })
  mailAttempts: number;

  @Index('notice_mail_due', { where: "mail_status = 'pending'" })
  @Column('timestamptz', { name: 'mail_next_at', nullable: true })
  mailNextAt: Date | null;

  @Column('timestamptz', { name: 'mail_first_failure_at', nullable: true })
  mailFirstFailureAt: Date | null;

  /** The SMTP server's answer, or the bounce's diagnostic, when it went wrong. */
  @Column('text', { name: 'mail_error', nullable: true })
  mailError: string | null;

  @Column('text', { name: 'mail_message_id', nullable: true })
  mailMessageId: string | null;

  @Column('timestamptz', { name: 'mail_sent_at', nullable: true })
  mailSentAt: Date | null;
}
