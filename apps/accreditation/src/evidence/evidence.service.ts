import { Clock, Principal, SERVICE_CONFIG } from '@aeo/platform';
import { Inject, Injectable } from '@nestjs/common';
import { createHash, randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { EvidenceErrors } from '../accreditation.errors';
import { ApplicationsService } from '../applications/applications.service';
import { AccreditationConfig } from '../config/accreditation.config';
import { SaqCatalogue } from '../saq/saq-catalogue';
import { SaqSection } from '../saq/saq-section.entity';
import { contentProblem } from './content-check';
import { EvidenceListView, EvidenceView } from './dto/evidence.view';
import { Evidence } from './evidence.entity';

/** What multer hands over for a file kept in memory. */
export interface UploadedBytes {
  originalname: string;
  mimetype: string;
  size: number;
  buffer: Buffer;
}

/** Which evidence of the SAQ an upload is: a criterion and one evidence key of it. */
export interface EvidenceTarget {
  criterion: string;
  evidenceItem: string;
}

/** Evidence of an application: checked uploads, the listing, the bytes, removal from a draft. */
@Injectable()
export class EvidenceService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly applications: ApplicationsService,
    private readonly clock: Clock,
    private readonly saq: SaqCatalogue,
    @Inject(SERVICE_CONFIG) private readonly config: AccreditationConfig,
  ) {}

  /** Checks the file (present, size, type, content) and records it against one criterion of the SAQ. */
  async upload(id: string, target: EvidenceTarget, file: UploadedBytes | undefined, by: Principal): Promise<EvidenceView> {
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
      const criterion = (await this.saq.of(application.saqVersion)).criterionFor(application.aeoType, target.criterion);
      if (!criterion) throw EvidenceErrors.unknownCriterion(`criterion ${target.criterion} is not part of an AEO-${application.aeoType} application`);
      const section = await manager.findOneBy(SaqSection, { applicationId: id, criterion: target.criterion });
      const route = section?.evidenceRoute ?? 'standard';
      if (!criterion.evidence[route].some((e) => e.key === target.evidenceItem)) {
        throw EvidenceErrors.unknownItem(
          `evidenceItem ${target.evidenceItem} is not evidence of ${target.criterion} on the ${route} route; expected one of: ${criterion.evidence[route].map((e) => e.key).join(', ')}`,
        );
      }
      const evidence: Evidence = {
        id: randomUUID(),
        applicationId: id,
        criterion: target.criterion,
        evidenceItem: target.evidenceItem,
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

  /** Evidence of an application the principal may see, per criterion (removed items included, marked). */
  async list(id: string, by: Principal): Promise<EvidenceListView> {
    await this.applications.load(this.dataSource.manager, id, by);
    const items = await this.dataSource.manager.find(Evidence, { where: { applicationId: id }, order: { uploadedAt: 'ASC' } });
    const byCriterion: Record<string, Evidence[]> = {};
    for (const e of items) (byCriterion[e.criterion] ??= []).push(e);
    return { applicationId: id, byCriterion };
  }

  /** One piece of evidence of an application the principal may see, with its bytes. */
  async withContent(id: string, evidenceId: string, by: Principal): Promise<Evidence> {
    await this.applications.load(this.dataSource.manager, id, by);
    const evidence = await this.dataSource.manager
      .createQueryBuilder(Evidence, 'e')
      .addSelect('e.content')
      .where('e.id = :evidenceId AND e.application_id = :id', { evidenceId, id })
      .getOne();
    if (!evidence) throw EvidenceErrors.notFound('no such evidence on this application');
    return evidence;
  }

  /** Marks evidence of a draft removed (it stays on record); removing it again answers it as it is. */
  async remove(id: string, evidenceId: string, by: Principal): Promise<EvidenceView> {
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
