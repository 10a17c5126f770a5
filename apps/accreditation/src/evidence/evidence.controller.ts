import { Clock, CurrentPrincipal, Principal, Roles, SERVICE_CONFIG } from '@aeo/platform';
import { EvidenceErrors } from '../accreditation.errors';
import { Controller, Delete, Get, Inject, Param, ParseUUIDPipe, Post, Res, UploadedFile, UseInterceptors, Body } from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { IsString, MaxLength } from 'class-validator';
import { createHash, randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { ApplicationsService } from '../applications/applications.service';
import { AccreditationConfig } from '../config/accreditation.config';
import { criteriaFor } from '../saq/safe-criteria';
import { SaqSection } from '../saq/saq-section.entity';
import { contentProblem } from './content-check';
import { EVIDENCE_FORMATS, EvidenceListView, EvidenceView } from './dto/evidence.view';
import { Evidence } from './evidence.entity';

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

/** What multer hands over for a file kept in memory. */
interface UploadedBytes {
  originalname: string;
  mimetype: string;
  size: number;
  buffer: Buffer;
}

@ApiTags('evidence')
@ApiBearerAuth()
@Controller('applications/:id/evidence')
export class EvidenceController {
  constructor(
    private readonly dataSource: DataSource,
    private readonly applications: ApplicationsService,
    private readonly clock: Clock,
    @Inject(SERVICE_CONFIG) private readonly config: AccreditationConfig,
  ) {}

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
  async upload(
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body() dto: UploadEvidenceDto,
    @UploadedFile() file: UploadedBytes | undefined,
    @CurrentPrincipal() by: Principal,
  ): Promise<EvidenceView> {
    if (!file) throw EvidenceErrors.fileMissing('file is required (multipart/form-data field "file")');
    if (file.size > this.config.EVIDENCE_MAX_BYTES) {
      throw EvidenceErrors.tooLarge(`the file is ${file.size} bytes; evidence may be at most ${this.config.EVIDENCE_MAX_BYTES} bytes`);
    }
    const contentType = file.mimetype.split(';')[0].trim().toLowerCase();
    if (!this.config.EVIDENCE_CONTENT_TYPES.includes(contentType)) {
      throw EvidenceErrors.typeNotAccepted(`content type ${contentType} is not accepted; accepted: ${this.config.EVIDENCE_CONTENT_TYPES.join(', ')}`);
    }
    const problem = contentProblem(contentType, file.buffer);
    if (problem) throw EvidenceErrors.contentMismatch(problem);
    return this.dataSource.transaction(async (manager) => {
      const application = await this.applications.editableByTrader(manager, id, by, 'the evidence');
      const criterion = criteriaFor(application.aeoType).find((c) => c.code === dto.criterion);
      if (!criterion) throw EvidenceErrors.unknownCriterion(`criterion ${dto.criterion} is not part of an AEO-${application.aeoType} application`);
      const section = await manager.findOneBy(SaqSection, { applicationId: id, criterion: dto.criterion });
      const route = section?.evidenceRoute ?? 'standard';
      if (!criterion.evidence[route].some((e) => e.key === dto.evidenceItem)) {
        throw EvidenceErrors.unknownItem(
          `evidenceItem ${dto.evidenceItem} is not evidence of ${dto.criterion} on the ${route} route; expected one of: ${criterion.evidence[route].map((e) => e.key).join(', ')}`,
        );
      }
      const evidence: Evidence = {
        id: randomUUID(),
        applicationId: id,
        criterion: dto.criterion,
        evidenceItem: dto.evidenceItem,
        fileName: file.originalname.slice(0, 255),
        contentType,
        size: file.size,
        sha256: createHash('sha256').update(file.buffer).digest('hex'),
        content: file.buffer,
        uploadedBy: by.subject,
        uploadedAt: this.clock.now(),
        removedAt: null,
      };
      await manager.insert(Evidence, evidence);
      // The bytes are read through /content; the listing carries the metadata and the checksum.
      return { ...evidence, content: undefined };
    });
  }

  @Get()
  @Roles('trader', 'officer', 'supervisor', 'auditor')
  @ApiOperation({ summary: 'Evidence of an application, per criterion (removed items included, marked).' })
  @ApiOkResponse({ type: EvidenceListView })
  async list(@Param('id', new ParseUUIDPipe()) id: string, @CurrentPrincipal() by: Principal): Promise<EvidenceListView> {
    await this.applications.load(this.dataSource.manager, id, by);
    const items = await this.dataSource.manager.find(Evidence, { where: { applicationId: id }, order: { uploadedAt: 'ASC' } });
    const byCriterion: Record<string, Evidence[]> = {};
    for (const e of items) (byCriterion[e.criterion] ??= []).push(e);
    return { applicationId: id, byCriterion };
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
    await this.applications.load(this.dataSource.manager, id, by);
    const evidence = await this.dataSource.manager
      .createQueryBuilder(Evidence, 'e')
      .addSelect('e.content')
      .where('e.id = :evidenceId AND e.application_id = :id', { evidenceId, id })
      .getOne();
    if (!evidence) throw EvidenceErrors.notFound('no such evidence on this application');
    res.setHeader('Content-Type', evidence.contentType);
    res.setHeader('Content-Disposition', `attachment; filename="${evidence.fileName.replace(/["\r\n]/g, '_')}"`);
    res.setHeader('Digest', `sha-256=${Buffer.from(evidence.sha256, 'hex').toString('base64')}`);
    res.send(evidence.content);
  }

  @Delete(':evidenceId')
  @Roles('trader')
  @ApiOperation({ summary: 'Remove evidence from a draft (it stays on record, marked removed).' })
  @ApiOkResponse({ type: EvidenceView, description: 'the evidence, marked removed (removing it again answers it as it is)' })
  async remove(
    @Param('id', new ParseUUIDPipe()) id: string,
    @Param('evidenceId', new ParseUUIDPipe()) evidenceId: string,
    @CurrentPrincipal() by: Principal,
  ): Promise<EvidenceView> {
    return this.dataSource.transaction(async (manager) => {
      await this.applications.editableByTrader(manager, id, by, 'the evidence');
      const evidence = await manager.findOneBy(Evidence, { id: evidenceId, applicationId: id });
      if (!evidence) throw EvidenceErrors.notFound('no such evidence on this application');
      if (evidence.removedAt) return evidence;
      evidence.removedAt = this.clock.now();
      await manager.update(Evidence, { id: evidenceId }, { removedAt: evidence.removedAt });
      return evidence;
    });
  }
}
