import { ApiProperty } from '@nestjs/swagger';

/** The first row of a chain that does not hold. */
export class HistoryBreakView {
  @ApiProperty({ format: 'uuid' }) operatorId: string;
  @ApiProperty({ description: 'order of recording' }) position: string;
  @ApiProperty({ format: 'uuid', description: 'the history entry' }) id: string;
  @ApiProperty({ example: 'its content does not match its hash (it was edited)' }) reason: string;
}

/** The hash chains of the history recomputed: intact, or where the first one breaks. */
export class HistoryVerificationView {
  @ApiProperty({ type: 'integer', description: 'operators whose chain was checked' }) operators: number;
  @ApiProperty({ type: 'integer', description: 'rows whose hash was recomputed and matched' }) verified: number;
  @ApiProperty({ type: 'integer', description: 'rows written before the chains existed (no hash), at the start of an operator\'s history' })
  beforeChain: number;
  @ApiProperty() intact: boolean;
  @ApiProperty({ type: HistoryBreakView, nullable: true, description: 'null when intact; the check stops at the first break' })
  brokenAt: HistoryBreakView | null;
}
