import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsOptional, IsString, Length } from 'class-validator';

/** The query of an import: the file's name (kept in the history) and whether to only check it. */
export class ImportQuery {
  @ApiProperty({ example: 'sars-aeo-register-2026-11.csv', description: "the file's name, kept with the import in the history" })
  @IsString()
  @Length(1, 200)
  fileName: string;

  @ApiPropertyOptional({ default: false, description: 'check every row and report, write nothing' })
  @IsOptional()
  @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean()
  dryRun?: boolean;
}

export class ImportProblemView {
  @ApiProperty({ example: 12, description: 'line of the file (1 is the header)' })
  line: number;

  @ApiProperty({ type: String, nullable: true, example: 'valid_to', description: 'the column at fault, when one is' })
  column: string | null;

  @ApiProperty({ example: 'valid_to must be after authorised_on' })
  message: string;
}

export class ImportRunView {
  @ApiProperty() id: string;
  @ApiProperty({ example: 'operators' }) kind: string;
  @ApiProperty() fileName: string;
  @ApiProperty({ description: "SHA-256 of the file's bytes, hex" }) sha256: string;
  @ApiProperty() rows: number;
  @ApiProperty() created: number;
  @ApiProperty({ description: 'rows already present as the file says' }) unchanged: number;
  @ApiProperty() importedBy: string;
  @ApiProperty({ format: 'date-time' }) importedAt: string;
}

/** What an import did, or (dry run) would do: rows, what is new, what is already there, every problem. */
export class ImportReportView {
  @ApiProperty({ example: 'operators' }) kind: string;
  @ApiProperty() fileName: string;
  @ApiProperty({ description: "SHA-256 of the file's bytes, hex" }) sha256: string;
  @ApiProperty() dryRun: boolean;
  @ApiProperty({ description: 'data rows in the file' }) rows: number;
  @ApiProperty({ description: 'rows that create something (dry run: would)' }) created: number;
  @ApiProperty({ description: 'rows already present as the file says: nothing changes for them' }) unchanged: number;
  @ApiProperty({ type: [ImportProblemView], description: 'every problem found; a real run writes nothing when there is one' })
  problems: ImportProblemView[];
  @ApiProperty({ type: ImportRunView, nullable: true, description: 'the run recorded (a real run without problems)' })
  run: ImportRunView | null;
  @ApiProperty({ type: [ImportRunView], description: 'earlier runs of the same file (same SHA-256)' })
  earlierRuns: ImportRunView[];
}

/** A column of a file kind, as `GET /imports/columns` documents it. */
export class ImportColumnView {
  @ApiProperty() name: string;
  @ApiProperty() required: boolean;
  @ApiProperty() description: string;
  @ApiProperty() example: string;
}

/** Where a row brought in by a bulk import came from: the run, the file (name, SHA-256), its line, who ran it, when. Kept on the row it made. */
export interface ImportedFrom {
  runId: string;
  fileName: string;
  sha256: string;
  line: number;
  importedBy: string;
  importedAt: string;
}

/** The bulk import a row came in by, as the APIs show it. */
export class ImportedFromView implements ImportedFrom {
  @ApiProperty({ format: 'uuid' }) runId: string;
  @ApiProperty({ example: 'sars-aeo-register-2026-11.csv' }) fileName: string;
  @ApiProperty({ description: "SHA-256 of the file's bytes, hex" }) sha256: string;
  @ApiProperty({ description: 'line of the file' }) line: number;
  @ApiProperty() importedBy: string;
  @ApiProperty({ format: 'date-time' }) importedAt: string;
}

/** The columns of a kind of file, as `GET /imports/<kind>/columns` documents them. */
export const importColumnViews = (columns: readonly { name: string; required?: boolean; description: string; example: string }[]): ImportColumnView[] =>
  columns.map((c) => ({ name: c.name, required: c.required ?? false, description: c.description, example: c.example }));

