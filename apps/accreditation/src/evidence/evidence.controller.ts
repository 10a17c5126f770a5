import { CurrentPrincipal, Principal, Roles } from '@aeo/platform';
import { Controller, Delete, Get, Param, ParseUUIDPipe, Post, Res, UploadedFile, UseInterceptors, Body } from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { IsString, MaxLength } from 'class-validator';
import { EVIDENCE_FORMATS, EvidenceListView, EvidenceView } from './dto/evidence.view';
import { EvidenceService, type UploadedBytes } from './evidence.service';

class UploadEvidenceDto {
  @IsString()
  @MaxLength(100)
  criterion: string;

  @IsString()
  @MaxLength(100)
  evidenceItem: string;
}

/** The part of the HTTP response the download writes. */
interface Download {
  setHeader(name: string, value: string): void;
  send(body: Buffer): void;
}

@ApiTags('evidence')
@ApiBearerAuth()
@Controller('applications/:id/evidence')
export class EvidenceController {
  constructor(private readonly evidence: EvidenceService) {}

  @Post()
  @Roles('trader')
  @UseInterceptors(FileInterceptor('file', { limits: { files: 1, fields: 10 } }))
  @ApiConsumes('multipart/form-data')
  @ApiBody({
    schema: {
      type: 'object',
      required: ['file', 'criterion', 'evidenceItem'],
      properties: {
        file: { type: 'string', format: 'binary' },
        criterion: { type: 'string', example: 'premises-security' },
        evidenceItem: { type: 'string', example: 'site-plan', description: 'an evidence key of the criterion on the section\'s route' },
      },
    },
  })
  @ApiOperation({ summary: 'Attach evidence to one criterion of the SAQ (PDF, PNG, JPEG, text, CSV; checksummed).' })
  @ApiCreatedResponse({ type: EvidenceView, description: 'the evidence recorded, without its bytes' })
  upload(
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body() dto: UploadEvidenceDto,
    @UploadedFile() file: UploadedBytes | undefined,
    @CurrentPrincipal() by: Principal,
  ): Promise<EvidenceView> {
    return this.evidence.upload(id, dto, file, by);
  }

  @Get()
  @Roles('trader', 'officer', 'supervisor', 'auditor')
  @ApiOperation({ summary: 'Evidence of an application, per criterion (removed items included, marked).' })
  @ApiOkResponse({ type: EvidenceListView })
  list(@Param('id', new ParseUUIDPipe()) id: string, @CurrentPrincipal() by: Principal): Promise<EvidenceListView> {
    return this.evidence.list(id, by);
  }

  @Get(':evidenceId/content')
  @Roles('trader', 'officer', 'supervisor', 'auditor')
  @ApiOperation({ summary: 'The bytes of one piece of evidence, with its SHA-256 in the Digest header.' })
  @ApiProduces(...EVIDENCE_FORMATS)
  @ApiOkResponse({
    description: 'the bytes as uploaded, in the content type of the evidence',
    schema: { type: 'string', format: 'binary' },
    headers: {
      Digest: { description: 'sha-256=<the SHA-256 of the bytes, base64>', schema: { type: 'string' } },
      'Content-Disposition': { description: 'attachment; filename="<the file name of the upload>"', schema: { type: 'string' } },
    },
  })
  async content(
    @Param('id', new ParseUUIDPipe()) id: string,
    @Param('evidenceId', new ParseUUIDPipe()) evidenceId: string,
    @CurrentPrincipal() by: Principal,
    @Res() res: Download,
  ) {
    const evidence = await this.evidence.withContent(id, evidenceId, by);
    res.setHeader('Content-Type', evidence.contentType);
    res.setHeader('Content-Disposition', `attachment; filename="${evidence.fileName.replace(/["\r\n]/g, '_')}"`);
    res.setHeader('Digest', `sha-256=${Buffer.from(evidence.sha256, 'hex').toString('base64')}`);
    res.send(evidence.content);
  }

  @Delete(':evidenceId')
  @Roles('trader')
  @ApiOperation({ summary: 'Remove evidence from a draft (it stays on record, marked removed).' })
  @ApiOkResponse({ type: EvidenceView, description: 'the evidence, marked removed (removing it again answers it as it is)' })
  remove(
    @Param('id', new ParseUUIDPipe()) id: string,
    @Param('evidenceId', new ParseUUIDPipe()) evidenceId: string,
    @CurrentPrincipal() by: Principal,
  ): Promise<EvidenceView> {
    return this.evidence.remove(id, evidenceId, by);
  }
}
