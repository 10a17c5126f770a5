import { CurrentPrincipal, isStaff, Principal, Roles, ROLES, SERVICE_CONFIG } from '@aeo/platform';
import { Body, Controller, Get, Inject, Put } from '@nestjs/common';
import { NotificationsConfig } from '../config/notifications.config';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsIn, IsOptional } from 'class-validator';
import { CATEGORIES, Category } from '../notices/notice-rules';
import { Language, LANGUAGES } from '../notices/notice-texts';
import { Recipient } from './recipient.entity';
import { RecipientsService } from './recipients.service';

class PreferencesDto {
  @ApiPropertyOptional({ enum: LANGUAGES, nullable: true, description: "the language of one's notices; null follows one's sign-in" })
  @IsOptional()
  @IsIn([...LANGUAGES, null], { message: `language must be one of ${LANGUAGES.join(', ')} (or null)` })
  language: Language | null = null;

  @ApiProperty({ enum: CATEGORIES, isArray: true, description: 'categories not wanted by e-mail (they stay in the inbox)' })
  @IsArray()
  @ArrayMaxSize(CATEGORIES.length)
  @IsIn(CATEGORIES, { each: true, message: `each of emailOff must be one of ${CATEGORIES.join(', ')}` })
  emailOff: Category[];
}

class PreferencesView {
  @ApiPropertyOptional({ type: String, nullable: true, description: 'the address notices are mailed to, from one’s sign-in' }) email: string | null;
  @ApiPropertyOptional({ enum: LANGUAGES, nullable: true }) language: Language | null;
  @ApiProperty({ enum: LANGUAGES, description: 'the language notices are written in now' }) effectiveLanguage: Language;
  @ApiProperty({ enum: CATEGORIES, isArray: true }) emailOff: Category[];
  @ApiProperty({ enum: CATEGORIES, isArray: true, description: "the categories one's roles receive" }) categories: Category[];
  @ApiProperty({ description: 'whether this registry sends e-mail at all (SMTP_URL is set)' }) emailEnabled: boolean;
}

@ApiTags('preferences')
@ApiBearerAuth()
@Controller('preferences')
export class PreferencesController {
  constructor(
    private readonly recipients: RecipientsService,
    @Inject(SERVICE_CONFIG) private readonly config: NotificationsConfig,
  ) {}

  private view(r: Recipient, by: Principal): PreferencesView {
    return {
      email: r.email,
      language: r.chosenLanguage as Language | null,
      effectiveLanguage: this.recipients.languageOf(r),
      emailOff: r.emailOff as Category[],
      // Work to do is for staff; a trader, partner or agency is never sent it.
      categories: CATEGORIES.filter((c) => c !== 'work' || isStaff(by)),
      emailEnabled: !!this.config.SMTP_URL,
    };
  }

  @Get()
  @Roles(...ROLES)
  @ApiOperation({ summary: "One's notice preferences: the language, and which categories come by e-mail." })
  @ApiOkResponse({ type: PreferencesView })
  async get(@CurrentPrincipal() by: Principal): Promise<PreferencesView> {
    return this.view(await this.recipients.seen(by), by);
  }

  @Put()
  @Roles(...ROLES)
  @ApiOperation({ summary: "Sets one's notice preferences." })
  @ApiOkResponse({ type: PreferencesView })
  async set(@Body() dto: PreferencesDto, @CurrentPrincipal() by: Principal): Promise<PreferencesView> {
    return this.view(await this.recipients.setPreferences(by, dto.language ?? null, dto.emailOff), by);
  }
}
