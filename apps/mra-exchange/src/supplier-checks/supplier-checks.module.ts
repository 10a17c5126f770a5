import { Module } from '@nestjs/common';
import { RecognitionModule } from '../recognition/recognition.module';
import { SupplierChecksController } from './supplier-checks.controller';
import { SupplierChecksService } from './supplier-checks.service';

/** Traders (and agencies) checking whether their business partners are AEOs, as the directory would tell them. */
@Module({
  imports: [RecognitionModule],
  controllers: [SupplierChecksController],
  providers: [SupplierChecksService],
})
export class SupplierChecksModule {}
