import { CurrentPrincipal, Principal, Roles, ROLES } from '@aeo/platform';
import { Body, Controller, Get, Put } from '@nestjs/common';
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
  @ApiProperty({ enum: CATEGORIES, isArray: true, description: 'every category there is' }) categories: Category[];
}

@ApiTags('preferences')
@ApiBearerAuth()
@Controller('preferences')
export class PreferencesController {
  constructor(private readonly recipients: RecipientsService) {}

  private view(r: Recipient): PreferencesView {
    return {
      email: r.email,
      language: r.chosenLanguage as Language | null,
      effectiveLanguage: this.recipients.languageOf(r),
      emailOff: r.emailOff as Category[],
      categories: [...CATEGORIES],
    };
  }

  @Get()
  @Roles(...ROLES)
  @ApiOperation({ summary: "One's notice preferences: the language, and which categories come by e-mail." })
  @ApiOkResponse({ type: PreferencesView })
  async get(@CurrentPrincipal() by: Principal): Promise<PreferencesView> {
    return this.view(await this.recipients.seen(by));
  }

  @Put()
  @Roles(...ROLES)
  @ApiOperation({ summary: "Sets one's notice preferences." })
  @ApiOkResponse({ type: PreferencesView })
  async set(@Body() dto: PreferencesDto, @CurrentPrincipal() by: Principal): Promise<PreferencesView> {
    return this.view(await this.recipients.setPreferences(by, dto.language ?? null, dto.emailOff));
  }
}
