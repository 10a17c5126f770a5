import { Roles } from '@aeo/platform';
import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { RecognitionQueryDto } from './dto/recognition-query.dto';
import { RecognitionService } from './recognition.service';

@ApiTags('recognition')
@ApiBearerAuth()
@Controller('recognitions')
export class RecognitionController {
  constructor(private readonly recognition: RecognitionService) {}

  @Get()
  @Roles('partner', 'agency', 'officer', 'supervisor', 'auditor')
  @ApiOperation({
    summary: 'Is this partner AEO recognised here, today or on a past day? With type, status, benefits and the signed record.',
  })
  ask(@Query() query: RecognitionQueryDto) {
    return this.recognition.ask(query);
  }
}
