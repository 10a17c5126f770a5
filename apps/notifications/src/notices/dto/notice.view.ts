import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { MAIL_STATUSES, MailStatus, Notice } from '../notice.entity';
import { CATEGORIES, Category, NOTICE_KINDS, NoticeKind } from '../notice-rules';
import { Language, LANGUAGES, noticeText } from '../notice-texts';

/** A notice as its reader sees it: in words, in their language. */
export class NoticeView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: Object.keys(NOTICE_KINDS) }) kind: NoticeKind;
  @ApiProperty({ enum: CATEGORIES }) category: Category;
  @ApiProperty({ enum: LANGUAGES }) language: Language;
  @ApiProperty() title: string;
  @ApiProperty() body: string;
  @ApiPropertyOptional({ description: 'what the reader must do' }) action?: string;
  @ApiPropertyOptional({ type: String, format: 'date-time', nullable: true, description: 'by when' }) due: string | null;
  @ApiProperty({ description: 'the place in the console, e.g. /applications/<id>' }) link: string;
  @ApiProperty({ enum: ['application', 'authorisation', 'operator'] }) subjectType: string;
  @ApiProperty({ format: 'uuid' }) subjectId: string;
  @ApiProperty({ type: String, format: 'date-time' }) createdAt: string;
  @ApiPropertyOptional({ type: String, format: 'date-time', nullable: true }) readAt: string | null;
  @ApiPropertyOptional({ type: String, format: 'date-time', nullable: true, description: 'when a later notice of the same state made it no longer current' })
  supersededAt: string | null;
  @ApiProperty({ enum: MAIL_STATUSES, description: 'what became of its e-mail' }) mailStatus: MailStatus;
  @ApiPropertyOptional({ type: String, nullable: true, description: 'staff only: why the e-mail went wrong' }) mailError?: string | null;

  static of(n: Notice, language: Language, staff: boolean): NoticeView {
    const text = noticeText(n.kind as NoticeKind, n.facts, language);
    return {
      id: n.id,
      kind: n.kind as NoticeKind,
      category: n.category as Category,
      language,
      ...text,
      due: n.due?.toISOString() ?? null,
      link: n.link,
      subjectType: n.subjectType,
      subjectId: n.subjectId,
      createdAt: n.createdAt.toISOString(),
      readAt: n.readAt?.toISOString() ?? null,
      supersededAt: n.supersededAt?.toISOString() ?? null,
      mailStatus: n.mailStatus,
      ...(staff ? { mailError: n.mailError } : {}),
    };
  }
}

export class NoticesPage {
  @ApiProperty() total: number;
  @ApiProperty({ description: 'unread notices of the reader, whatever the filter' }) unread: number;
  @ApiProperty() limit: number;
  @ApiProperty() offset: number;
  @ApiProperty({ type: [NoticeView] }) items: NoticeView[];
}

/** A notice's e-mail as staff see it when it went wrong. */
export class DeliveryView {
  @ApiProperty({ format: 'uuid', description: 'the notice' }) id: string;
  @ApiProperty({ enum: Object.keys(NOTICE_KINDS) }) kind: string;
  @ApiProperty({ description: 'subject of the person it is for' }) recipient: string;
  @ApiPropertyOptional({ type: String, nullable: true }) mailTo: string | null;
  @ApiProperty({ enum: MAIL_STATUSES }) mailStatus: MailStatus;
  @ApiProperty() attempts: number;
  @ApiPropertyOptional({ type: String, nullable: true, description: "the SMTP server's answer or the bounce's diagnostic" }) error: string | null;
  @ApiPropertyOptional({ type: String, format: 'date-time', nullable: true, description: 'the next try, while pending' }) nextAttemptAt: string | null;
  @ApiProperty({ type: String, format: 'date-time' }) createdAt: string;
  @ApiProperty() link: string;

  static of(n: Notice): DeliveryView {
    return {
      id: n.id,
      kind: n.kind,
      recipient: n.recipient,
      mailTo: n.mailTo,
      mailStatus: n.mailStatus,
      attempts: n.mailAttempts,
      error: n.mailError,
      nextAttemptAt: n.mailNextAt?.toISOString() ?? null,
      createdAt: n.createdAt.toISOString(),
      link: n.link,
    };
  }
}

export class DeliveriesPage {
  @ApiProperty() total: number;
  @ApiProperty({ type: [DeliveryView] }) items: DeliveryView[];
}

export class MarkedView {
  @ApiProperty({ description: 'how many notices were marked read' }) marked: number;
}
