import { DynamicModule, Module } from '@nestjs/common';
import { DEFAULT_QUESTIONNAIRE, loadQuestionnaire } from './questionnaire';
import { BUILT_IN_SOURCE, CURRENT_QUESTIONNAIRE, CurrentQuestionnaire, SaqCatalogue } from './saq-catalogue';
import { SaqController } from './saq.controller';

/**
 * The self-assessment questionnaire: this administration's versions and their criteria, for the
 * applications, the evidence and the workflow (global, like the platform). The file (SAQ_FILE) is
 * read and checked when the module is built, before any connection is opened: a bad file stops the
 * service at once with every problem named.
 */
@Module({})
export class SaqModule {
  static forRoot(file: string | undefined): DynamicModule {
    const current: CurrentQuestionnaire = file ? { questionnaire: loadQuestionnaire(file), source: file } : { questionnaire: DEFAULT_QUESTIONNAIRE, source: BUILT_IN_SOURCE };
    return {
      module: SaqModule,
      global: true,
      controllers: [SaqController],
      providers: [{ provide: CURRENT_QUESTIONNAIRE, useValue: current }, SaqCatalogue],
      exports: [SaqCatalogue],
    };
  }
}
