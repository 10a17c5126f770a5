import { ApiProperty } from '@nestjs/swagger';
import { AEO_TYPES, AeoTypeCode } from '../../applications/application.entity';
import { CriteriaGroup, EvidenceRoute, SAFE_CRITERIA } from '../safe-criteria';

/** The codes of the SAFE criteria, which are the SAQ sections. */
const CRITERION_CODES = SAFE_CRITERIA.map((c) => c.code);
const EVIDENCE_ROUTES: EvidenceRoute[] = ['standard', 'msme'];
const CRITERIA_GROUPS: CriteriaGroup[] = ['compliance', 'security', 'all'];

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

/** A SAFE criterion: one SAQ section, its questions and its evidence on the standard and MSME routes. */
export class SaqCriterionView {
  @ApiProperty({ enum: CRITERION_CODES, example: 'premises-security' }) code: string;
  @ApiProperty() title: string;
  @ApiProperty({ enum: CRITERIA_GROUPS, description: 'AEO-C covers compliance, AEO-S security, AEO-F both; all: every type' })
  group: CriteriaGroup;
  @ApiProperty({ type: [SaqQuestionView] }) questions: SaqQuestionView[];
  @ApiProperty({ type: SaqCriterionEvidenceView }) evidence: SaqCriterionEvidenceView;
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
  @ApiProperty({ enum: CRITERION_CODES, example: 'premises-security' }) criterion: string;
  @ApiProperty() title: string;
  @ApiProperty() complete: boolean;
  @ApiProperty({ type: [String], description: 'the answers and evidence still lacking, in words' }) missing: string[];
  @ApiProperty({ enum: EVIDENCE_ROUTES }) evidenceRoute: EvidenceRoute;
  @ApiProperty({ type: [SaqAnswerView] }) questions: SaqAnswerView[];
  @ApiProperty({ type: [SaqEvidenceExpectedView] }) evidenceExpected: SaqEvidenceExpectedView[];
}

/** An application's SAQ: one section per SAFE criterion its AEO type covers. */
export class SaqView {
  @ApiProperty({ format: 'uuid' }) applicationId: string;
  @ApiProperty({ enum: AEO_TYPES }) aeoType: AeoTypeCode;
  @ApiProperty({ description: 'micro, small or medium: the MSME evidence route is open' }) msme: boolean;
  @ApiProperty({ description: 'every section complete' }) complete: boolean;
  @ApiProperty({ type: [SaqSectionView] }) sections: SaqSectionView[];
}
