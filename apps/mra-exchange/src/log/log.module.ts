import { Module } from '@nestjs/common';
import { ArrangementCacheModule } from '../arrangements/arrangement-cache.module';
import { SigningModule } from '../signing/signing.module';
import { CosignaturesHandler } from './cosignatures.handler';
import { Cosigner } from './cosigner';
import { IssuerLogWriter } from './issuer-log';
import { LogProofs } from './log-proofs';
import { PartnerLogVerifier } from './partner-log';

/** The verifiable logs: this issuer's own (checkpoints), the partners' (checked, cosigned, compared). */
@Module({
  imports: [SigningModule, ArrangementCacheModule],
  controllers: [CosignaturesHandler],
  providers: [IssuerLogWriter, PartnerLogVerifier, Cosigner, LogProofs],
  exports: [IssuerLogWriter, PartnerLogVerifier, LogProofs],
})
export class LogModule {}
