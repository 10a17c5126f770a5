import { Clock, CurrentPrincipal, domainErrors, Principal, Roles } from '@aeo/platform';
import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsNotEmpty, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { DataSource, IsNull, Not } from 'typeorm';
import { DeadLetterNotFoundError, DeadLetterNotOpenError, EventConsumerServer } from '../consumer/event-consumer.server';
import { DeadLetter } from './dead-letter.entity';

export const DeadLetterErrors = domainErrors('dead_letter', { notOpen: 'conflict', notFound: 'not_found' });

class DeadLettersQueryDto {
  @ApiPropertyOptional({ enum: ['open', 'handled'], default: 'open' })
  @IsOptional()
  @IsIn(['open', 'handled'])
  state: 'open' | 'handled' = 'open';

  @ApiPropertyOptional({ default: 50, minimum: 1, maximum: 200 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(200)
  limit = 50;
}

class DiscardDto {
  @ApiProperty({ description: 'why it is set aside (kept with it)' })
  @IsString()
  @IsNotEmpty({ message: 'note must say why the message is set aside' })
  @MaxLength(2000)
  note: string;
}

class DeadLetterView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() topic: string;
  @ApiProperty() partition: number;
  @ApiProperty() offset: string;
  @ApiProperty() key: string;
  @ApiProperty({ enum: ['invalid_message', 'no_handler', 'refused', 'handler_failed', 'held_expired'] }) kind: string;
  @ApiProperty() reason: string;
  @ApiProperty({ type: String, format: 'date-time' }) deadAt: string;
  @ApiPropertyOptional({ type: String, format: 'date-time', nullable: true }) handledAt: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) handledBy: string | null;
  @ApiPropertyOptional({ enum: ['redriven', 'discarded'], nullable: true }) outcome: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) note: string | null;
  @ApiProperty({ description: 'size of the message, in bytes' }) bytes: number;

  static of(d: DeadLetter): DeadLetterView {
    return {
      id: d.id, topic: d.topic, partition: d.partition, offset: d.offset, key: d.key, kind: d.kind, reason: d.reason,
      deadAt: d.deadAt.toISOString(), handledAt: d.handledAt?.toISOString() ?? null, handledBy: d.handledBy, outcome: d.outcome, note: d.note, bytes: d.value.length,
    };
  }
}

class DeadLettersPage {
  @ApiProperty({ description: 'how many there are in this state' }) total: number;
  @ApiProperty({ type: [DeadLetterView] }) items: DeadLetterView[];
}

class RedriveView {
  @ApiProperty({ enum: ['handled', 'failed_again'] }) outcome: 'handled' | 'failed_again';
  @ApiPropertyOptional({ description: 'why it failed again (it is a new dead letter)' }) reason?: string;
  @ApiPropertyOptional({ format: 'uuid', description: 'the new dead letter, when it failed again' }) deadLetterId?: string;
}

/**
 * The service's dead letters for its supervisors and auditors: what its consumer could not take
 * and why; a supervisor hands one to its handler again once the cause is mended, or sets it aside.
 */
@ApiTags('operations')
@ApiBearerAuth()
@Controller('dead-letters')
export class DeadLettersController {
  constructor(
    private readonly dataSource: DataSource,
    private readonly consumer: EventConsumerServer,
    private readonly clock: Clock,
  ) {}

  @Get()
  @Roles('supervisor', 'auditor')
  @ApiOperation({ summary: 'The messages this service could not take: open ones (default) or handled ones, newest first.' })
  @ApiOkResponse({ type: DeadLettersPage })
  async list(@Query() q: DeadLettersQueryDto): Promise<DeadLettersPage> {
    const [rows, total] = await this.dataSource.manager.findAndCount(DeadLetter, {
      where: { handledAt: q.state === 'open' ? IsNull() : Not(IsNull()) },
      order: { deadAt: 'DESC', id: 'ASC' },
      take: q.limit,
    });
    return { total, items: rows.map(DeadLetterView.of) };
  }

  @Post(':id/redrive')
  @HttpCode(200)
  @Roles('supervisor')
  @ApiOperation({ summary: 'Hands a dead letter to its handler again (after its cause is mended); if it fails again, it is a new dead letter and the answer says why.' })
  @ApiOkResponse({ type: RedriveView })
  async redrive(@Param('id', new ParseUUIDPipe()) id: string, @CurrentPrincipal() by: Principal): Promise<RedriveView> {
    try {
      return await this.consumer.redrive(id, by.subject);
    } catch (e) {
      if (e instanceof DeadLetterNotOpenError) throw DeadLetterErrors.notOpen(e.message);
      if (e instanceof DeadLetterNotFoundError) throw DeadLetterErrors.notFound(e.message);
      throw e;
    }
  }

  @Post(':id/discard')
  @HttpCode(200)
  @Roles('supervisor')
  @ApiOperation({ summary: 'Sets a dead letter aside, with a note saying why (it is kept, handled, until pruned).' })
  @ApiOkResponse({ type: DeadLetterView })
  async discard(@Param('id', new ParseUUIDPipe()) id: string, @Body() dto: DiscardDto, @CurrentPrincipal() by: Principal): Promise<DeadLetterView> {
    const result = await this.dataSource.manager.update(DeadLetter, { id, handledAt: IsNull() }, { handledAt: this.clock.now(), handledBy: by.subject, outcome: 'discarded', note: dto.note });
    if (!result.affected) {
      const known = await this.dataSource.manager.existsBy(DeadLetter, { id });
      throw known ? DeadLetterErrors.notOpen('this dead letter is already handled') : DeadLetterErrors.notFound('no such dead letter here');
    }
    return DeadLetterView.of(await this.dataSource.manager.findOneByOrFail(DeadLetter, { id }));
  }
}
