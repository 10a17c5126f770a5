import { ApiProperty } from '@nestjs/swagger';

/** One AEO in the public directory. */
export class DirectoryEntryView {
  @ApiProperty({ example: 'Ubuntu Freight (Pty) Ltd' }) holder: string;
  @ApiProperty({ example: 'ZA', description: 'the administration that granted it' }) country: string;
  @ApiProperty({ enum: ['AEO-C', 'AEO-S', 'AEO-F'] }) aeoType: 'AEO-C' | 'AEO-S' | 'AEO-F';
  @ApiProperty({ example: 'ZAAEOF0000001' }) certificateNumber: string;
  @ApiProperty({ format: 'date' }) authorisedOn: string;
}
