import { ApiProperty } from '@nestjs/swagger';

export class AeosByTypeView {
  @ApiProperty() C: number;
  @ApiProperty() S: number;
  @ApiProperty() F: number;
  @ApiProperty() total: number;
}

export class AeosBySizeView {
  @ApiProperty() micro: number;
  @ApiProperty() small: number;
  @ApiProperty() medium: number;
  @ApiProperty() large: number;
  @ApiProperty({ description: 'headcount or turnover not known' }) unknown: number;
}

export class DecisionTimeView {
  @ApiProperty({ description: 'applications decided (granted or rejected) in the last 365 days, from acceptance' }) decided: number;
  @ApiProperty({ type: Number, nullable: true, description: 'median days from acceptance to decision (pauses included)' }) medianDays: number | null;
}

/** One administration's aggregate figures: nothing about any one operator. */
export class RegionalFiguresView {
  @ApiProperty({ example: 'ZA' }) administration: string;
  @ApiProperty({ format: 'date-time' }) asOf: string;
  @ApiProperty({ type: AeosByTypeView, description: 'AEOs valid, by type' }) aeosByType: AeosByTypeView;
  @ApiProperty({ type: AeosBySizeView, description: 'AEOs valid, by size class' }) aeosBySize: AeosBySizeView;
  @ApiProperty({ type: Number, nullable: true, description: 'percent of the AEOs of known size that are micro, small or medium' }) msmeShare: number | null;
  @ApiProperty({ type: DecisionTimeView }) decisions: DecisionTimeView;
  @ApiProperty({ description: "partners' AEOs valid here today (recognition given)" }) partnerAeosRecognised: number;
}

export class PartnerFiguresView {
  @ApiProperty({ example: 'BW' }) administration: string;
  @ApiProperty({ type: RegionalFiguresView }) figures: RegionalFiguresView;
  @ApiProperty({ format: 'date-time' }) receivedAt: string;
  @ApiProperty({ example: 'BW-1', description: 'the MRA key its signature was checked with' }) keyId: string;
}

/** This administration's figures now, beside the latest each partner shared. */
export class RegionalView {
  @ApiProperty({ type: RegionalFiguresView }) own: RegionalFiguresView;
  @ApiProperty({ type: [PartnerFiguresView] }) partners: PartnerFiguresView[];
}

export class SharedFiguresView {
  @ApiProperty({ type: RegionalFiguresView }) figures: RegionalFiguresView;
  @ApiProperty({ type: [String], example: ['BW', 'NA'], description: 'the MRA partners they went to' }) sharedWith: string[];
}
