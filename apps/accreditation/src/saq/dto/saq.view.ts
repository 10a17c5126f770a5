import { ApiProperty } from '@nestjs/swagger';
import { AEO_TYPES, AeoTypeCode } from '../../applications/application.entity';
import { EVIDENCE_ROUTES, EvidenceRoute } from '../questionnaire';

// ---------------------------------------------------------------------------------------------
// The questionnaire itself (GET /saq/criteria)
// ---------------------------------------------------------------------------------------------

/** A question of a SAQ section. */
export class SaqQuestionView {
  @ApiProperty({ example: 'premises' }) id: string;
  @ApiProperty() text: string;
}

/** An item that counts as evidence for a criterion. */
export class SaqEvidenceItemView {
  @ApiProperty({ example: 'site-plan', description: 'the evidenceItem of an upload' }) key: string;
  @ApiProperty() description: string;
}

/** What counts as evidence for a criterion, on each route. */
export class SaqCriterionEvidenceView {
  @ApiProperty({ type: [SaqEvidenceItemView] }) standard: SaqEvidenceItemView[];
  @ApiProperty({ type: [SaqEvidenceItemView], description: 'proportionate evidence for micro, small and medium operators' })
  msme: SaqEvidenceItemView[];
}

/** A criterion: one SAQ section, its questions and its evidence on the standard and MSME routes. */
export class SaqCriterionView {
  @ApiProperty({ example: 'premises-security' }) code: string;
  @ApiProperty() title: string;
  @ApiProperty({ example: 'security', description: "the criteria group; the questionnaire says which groups each AEO type covers (SAFE FoS 2025: AEO-C compliance, AEO-S security, AEO-F both, and all for every type)" })
  group: string;
  @ApiProperty({ type: [SaqQuestionView] }) questions: SaqQuestionView[];
  @ApiProperty({ type: SaqCriterionEvidenceView }) evidence: SaqCriterionEvidenceView;
}

/** A version of the questionnaire as this administration registered it. */
export class SaqVersionView {
  @ApiProperty({ example: 'safe-fos-2025.1' }) version: string;
  @ApiProperty({ type: 'object', additionalProperties: { type: 'string' }, example: { en: 'SAFE Framework of Standards 2025', fr: 'Cadre de normes SAFE 2025' }, description: 'by language' })
  name: Record<string, string>;
  @ApiProperty({ type: [String], example: ['en', 'fr'] }) languages: string[];
  @ApiProperty({ description: 'SHA-256 of the content (canonical JSON)' }) sha256: string;
  @ApiProperty({ description: 'the file it was read from' }) source: string;
  @ApiProperty() loadedAt: Date;
  @ApiProperty({ description: 'new applications start on it' }) current: boolean;
}

// ---------------------------------------------------------------------------------------------
// An application's SAQ (GET /applications/:id/saq, PUT /applications/:id/saq/:criterion)
// ---------------------------------------------------------------------------------------------

/** A question of a section with the trader's answer. */
export class SaqAnswerView {
  @ApiProperty({ example: 'premises' }) id: string;
  @ApiProperty() text: string;
  @ApiProperty({ type: String, nullable: true, description: 'null while unanswered' }) answer: string | null;
}

/** An evidence item the section's route expects, and whether it is attached. */
export class SaqEvidenceExpectedView {
  @ApiProperty({ example: 'site-plan' }) key: string;
  @ApiProperty() description: string;
  @ApiProperty() attached: boolean;
}

/** One section of an application's SAQ and what it still lacks. */
export class SaqSectionView {
  @ApiProperty({ example: 'premises-security' }) criterion: string;
  @ApiProperty() title: string;
  @ApiProperty() complete: boolean;
  @ApiProperty({ type: [String], description: 'the answers and evidence still lacking, in words' }) missing: string[];
  @ApiProperty({ enum: EVIDENCE_ROUTES as EvidenceRoute[] }) evidenceRoute: EvidenceRoute;
  @ApiProperty({ type: [SaqAnswerView] }) questions: SaqAnswerView[];
  @ApiProperty({ type: [SaqEvidenceExpectedView] }) evidenceExpected: SaqEvidenceExpectedView[];
}

/** An application's SAQ: one section per criterion its AEO type covers, in the questionnaire version it rests on. */
export class SaqView {
  @ApiProperty({ format: 'uuid' }) applicationId: string;
  @ApiProperty({ enum: AEO_TYPES }) aeoType: AeoTypeCode;
  @ApiProperty({ example: 'safe-fos-2025.1', description: 'the questionnaire version the application was started on' }) saqVersion: string;
  @ApiProperty({ example: 'en', description: 'the language of the texts (from Accept-Language, where the version has it)' }) language: string;
  @ApiProperty({ description: 'micro, small or medium: the MSME evidence route is open' }) msme: boolean;
  @ApiProperty({ description: 'every section complete' }) complete: boolean;
  @ApiProperty({ type: [SaqSectionView] }) sections: SaqSectionView[];
}
