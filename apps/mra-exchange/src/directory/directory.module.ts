import { Module } from '@nestjs/common';
import { DirectoryController } from './directory.controller';
import { DirectoryService } from './directory.service';

/**
 * The public directory of AEO holders who consented to publication. Its rate limit (ThrottlerGuard)
 * reads the options of ThrottlerModule.forRoot, which is global and set up in the root module.
 */
@Module({
  controllers: [DirectoryController],
  providers: [DirectoryService],
})
export class DirectoryModule {}
