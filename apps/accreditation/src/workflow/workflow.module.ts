import { Module } from '@nestjs/common';
import { CertificateNumbering } from '../authorisations/certificates';
import { CredentialsModule } from '../credentials/credentials.module';
import { ApplicationWorkflow } from './application-workflow';
import { AuthorisationWorkflow } from './authorisation-workflow';
import { WorkflowEvents } from './workflow-events';

/**
 * The two life cycles (applications, authorisations) and the events their steps write. Used by the
 * applications and authorisations APIs, the deadline scheduler and the operator event handler.
 * CertificateNumbering lives beside the authorisations but only the authorisation workflow numbers
 * certificates, so it is provided here (the authorisations module imports this one, not the reverse).
 * Each authorisation step also tells the credentials (issued, replaced, revoked, suspended).
 */
@Module({
  imports: [CredentialsModule],
  providers: [WorkflowEvents, CertificateNumbering, AuthorisationWorkflow, ApplicationWorkflow],
  exports: [AuthorisationWorkflow, ApplicationWorkflow, WorkflowEvents, CertificateNumbering],
})
export class WorkflowModule {}
