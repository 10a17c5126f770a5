import { Roles } from '@aeo/platform';
import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { ApplicationErrors, SaqErrors } from '../accreditation.errors';
import { AEO_TYPES, AeoTypeCode } from '../applications/application.entity';
import { AcceptedLanguages } from './accepted-languages.decorator';
import { SaqCriterionView, SaqVersionView } from './dto/saq.view';
import { inLanguage } from './questionnaire';
import { SaqCatalogue } from './saq-catalogue';

@ApiTags('saq')
@ApiBearerAuth()
@Controller('saq')
export class SaqController {
  constructor(private readonly questionnaires: SaqCatalogue) {}

  @Get('criteria')
  @Roles('trader', 'officer', 'supervisor', 'auditor')
  @ApiQuery({ name: 'aeoType', required: false, enum: AEO_TYPES })
  @ApiQuery({ name: 'version', required: false, description: 'a questionnaire version (GET /saq/versions); the current one when not given' })
  @ApiOperation({
    summary: 'The SAQ sections (criteria), their questions and the evidence on the standard and MSME routes.',
    description: "This administration's questionnaire (the SAFE Framework of Standards 2025 by default); texts in the language of Accept-Language where the version has it, English otherwise.",
  })
  @ApiOkResponse({ type: [SaqCriterionView], description: 'every criterion, or those of the AEO type asked for' })
  async criteria(@AcceptedLanguages() languages: string[], @Query('aeoType') aeoType?: string, @Query('version') version?: string): Promise<SaqCriterionView[]> {
    if (aeoType !== undefined && !(AEO_TYPES as readonly string[]).includes(aeoType)) throw ApplicationErrors.unknownAeoType('aeoType must be one of C, S, F');
    const questionnaire = version === undefined ? this.questionnaires.current : await this.questionnaires.find(version);
    if (!questionnaire) throw SaqErrors.unknownVersion(`no questionnaire version ${version} (GET /saq/versions)`);
    const language = questionnaire.languageFor(languages);
    const criteria = aeoType === undefined ? questionnaire.file.criteria : questionnaire.criteriaFor(aeoType as AeoTypeCode);
    return criteria.map((c) => ({
      code: c.code,
      title: inLanguage(c.title, language),
      group: c.group,
      questions: c.questions.map((q) => ({ id: q.id, text: inLanguage(q.text, language) })),
      evidence: {
        standard: c.evidence.standard.map((e) => ({ key: e.key, description: inLanguage(e.description, language) })),
        msme: c.evidence.msme.map((e) => ({ key: e.key, description: inLanguage(e.description, language) })),
      },
    }));
  }

  @Get('versions')
  @Roles('trader', 'officer', 'supervisor', 'auditor')
  @ApiOperation({ summary: 'The questionnaire versions this administration has used, the newest first; new applications start on the current one.' })
  @ApiOkResponse({ type: [SaqVersionView] })
  versions(): Promise<SaqVersionView[]> {
    return this.questionnaires.versions();
  }
}
