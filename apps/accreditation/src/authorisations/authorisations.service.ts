import { Access, Clock, Principal, selectRows, SERVICE_CONFIG } from '@aeo/platform';
import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuthorisationErrors } from '../accreditation.errors';
import { HistoryEntryView } from '../history/dto/history-entry.view';
import { Transition } from '../history/transition.entity';
import { operatorAccess, operatorFor, stepsFor } from '../workflow/access';
import { AuthorisationTransitionDto } from '../workflow/dto/transition.dto';
import { authorisationActionsOpen, partnerStatus } from '../workflow/state-machine';
import { AuthorisationWorkflow } from '../workflow/authorisation-workflow';
import { Authorisation } from './authorisation.entity';
import { AuthorisationView, CertificateStatusView } from './dto/authorisation.view';
import { CertificateLanguage, renderCertificate, verifyUrlOf } from './certificate-pdf';
import { KnownOperator } from '../operators/known-operator.entity';
import { AccreditationConfig } from '../config/accreditation.config';

/** Authorisations: a certificate as its users see it, the steps on it, an operator's certificates. */
@Injectable()
export class AuthorisationsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly workflow: AuthorisationWorkflow,
    private readonly clock: Clock,
    @Inject(SERVICE_CONFIG) private readonly config: AccreditationConfig,
  ) {}

  /** An authorisation with its full history. */
  async get(id: string, principal: Principal): Promise<AuthorisationView> {
    const [authorisation] = await selectRows(this.dataSource.manager, Authorisation, 'WHERE id = $1', [id]);
    if (!authorisation) throw AuthorisationErrors.notFound('no such authorisation');
    return this.view(authorisation, principal);
  }

  /** Takes a step on the authorisation (the workflow's transaction), then answers it as it is after the step. */
  async act(id: string, dto: AuthorisationTransitionDto, principal: Principal, correlationId?: string): Promise<AuthorisationView> {
    const { next, access, history } = await this.workflow.act(id, dto, principal, correlationId);
    return this.view(next, principal, access, history);
  }

  /** The authorisations of an operator (its certificates), oldest first. */
  async ofOperator(operatorId: string, principal: Principal): Promise<AuthorisationView[]> {
    const list = await this.dataSource.manager.find(Authorisation, { where: { operatorId }, order: { authorisedOn: 'ASC' } });
    const { access } = await operatorAccess(this.dataSource.manager, operatorId, principal);
    const actor = { subject: principal.subject, roles: principal.roles };
    return list.map((a) => AuthorisationView.of(a, partnerStatus(a), stepsFor(access, authorisationActionsOpen(a, actor, this.clock.now(), this.workflow.rules))));
  }

  /** The certificate of an authorisation in force, as a PDF in the language asked (holder and staff). */
  async certificate(id: string, principal: Principal, language: CertificateLanguage): Promise<{ pdf: Uint8Array; certificateNumber: string }> {
    const manager = this.dataSource.manager;
    const authorisation = await manager.findOneBy(Authorisation, { id });
    if (!authorisation) throw AuthorisationErrors.notFound('no such authorisation');
    const operator = await operatorFor(manager, authorisation.operatorId, principal);
    // A certificate says the holder is an AEO: only while partners are told so (valid, or valid during a hearing).
    if (partnerStatus(authorisation) !== 'valid') {
      throw AuthorisationErrors.notInForce(`a certificate is issued for an authorisation in force; ${authorisation.certificateNumber} is ${authorisation.status}`);
    }
    const pdf = await renderCertificate(
      {
        certificateNumber: authorisation.certificateNumber,
        holder: operator.legalName,
        identifiers: operator.identifiers ?? [],
        aeoType: authorisation.aeoType,
        validFrom: authorisation.authorisedOn,
        validTo: authorisation.validTo,
        administration: this.config.ADMINISTRATION,
        verifyUrl: verifyUrlOf(authorisation.id, this.config.PUBLIC_CONSOLE_URL),
      },
      language,
    );
    return { pdf, certificateNumber: authorisation.certificateNumber };
  }

  /**
   * What anyone holding a certificate (or its QR code) may read of it: by the authorisation's id,
   * which is random, never by the certificate number, which is sequential and would list every AEO.
   */
  async verify(id: string): Promise<CertificateStatusView> {
    const authorisation = await this.dataSource.manager.findOneBy(Authorisation, { id });
    if (!authorisation) throw AuthorisationErrors.notFound('no certificate has this verification id');
    const operator = await this.dataSource.manager.findOneBy(KnownOperator, { operatorId: authorisation.operatorId });
    return {
      certificateNumber: authorisation.certificateNumber,
      holder: operator?.legalName ?? '',
      aeoType: `AEO-${authorisation.aeoType}` as CertificateStatusView['aeoType'],
      status: partnerStatus(authorisation),
      validFrom: authorisation.authorisedOn.toISOString(),
      validTo: authorisation.validTo.toISOString(),
      administration: this.config.ADMINISTRATION,
      checkedAt: this.clock.now().toISOString(),
    };
  }

  /**
   * The authorisation as the principal sees it, with its history and the steps open to them
   * (`known`, `history`: as the step just taken found and left them, in its transaction).
   */
  private async view(authorisation: Authorisation, principal: Principal, known?: Access, history?: Transition[]): Promise<AuthorisationView> {
    const manager = this.dataSource.manager;
    const access = known ?? (await operatorAccess(manager, authorisation.operatorId, principal)).access;
    history ??= await selectRows(manager, Transition, 'WHERE authorisation_id = $1 ORDER BY position', [authorisation.id]);
    const actor = { subject: principal.subject, roles: principal.roles };
    return AuthorisationView.of(
      authorisation,
      partnerStatus(authorisation),
      stepsFor(access, authorisationActionsOpen(authorisation, actor, this.clock.now(), this.workflow.rules)),
      history.map(HistoryEntryView.of),
    );
  }
}
