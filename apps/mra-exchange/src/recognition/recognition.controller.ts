import { Roles } from '@aeo/platform';
import { Body, Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { BatchRecognitionQueryDto, RecognitionQueryDto } from './dto/recognition-query.dto';
import { RecognitionAnswerView } from './dto/recognition.view';
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
  @ApiOkResponse({ type: RecognitionAnswerView })
  ask(@Query() query: RecognitionQueryDto) {
    const { asOf, proof, ...reference } = query;
    return this.recognition.ask(reference, asOf, proof === 'true');
  }

  @Post('batch')
  @HttpCode(200)
  @Roles('partner', 'agency', 'officer', 'supervisor', 'auditor')
  @ApiOperation({ summary: 'The same question for up to 1,000 operators at once; answers in the order asked.' })
  @ApiOkResponse({ type: [RecognitionAnswerView] })
  askMany(@Body() body: BatchRecognitionQueryDto) {
    return this.recognition.askMany(body.operators, body.asOf);
  }
}
