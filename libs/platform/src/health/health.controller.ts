import { Controller, Get, HttpStatus, Inject, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProperty, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import { Public } from '../auth/decorators';

/** A dependency readiness depends on: PostgreSQL, the event transport. */
export interface HealthCheck {
  name: string;
  check(): Promise<void>;
}

export const HEALTH_CHECKS = Symbol('HEALTH_CHECKS');
const CHECK_TIMEOUT_MS = 2000;

function withTimeout(promise: Promise<void>, ms: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
    promise.then(
      () => (clearTimeout(timer), resolve()),
      (e) => (clearTimeout(timer), reject(e)),
    );
  });
}

export class LivenessView {
  @ApiProperty({ enum: ['up'] }) status: 'up';
}

export class CheckView {
  @ApiProperty({ example: 'postgresql' }) name: string;
  @ApiProperty({ enum: ['up', 'down'] }) status: 'up' | 'down';
  @ApiProperty({ required: false, description: 'why it is down' }) error?: string;
}

export class ReadinessView {
  @ApiProperty({ enum: ['up', 'down'] }) status: 'up' | 'down';
  @ApiProperty({ type: [CheckView] }) checks: CheckView[];
}

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(@Inject(HEALTH_CHECKS) private readonly checks: HealthCheck[]) {}

  @Public()
  @Get('live')
  @ApiOperation({ summary: 'Liveness: the process answers. Checks no dependency.' })
  @ApiOkResponse({ type: LivenessView })
  live(): LivenessView {
    return { status: 'up' };
  }

  @Public()
  @Get('ready')
  @ApiOperation({ summary: 'Readiness: PostgreSQL and the event transport answer; 503 when one does not.' })
  @ApiOkResponse({ type: ReadinessView })
  @ApiServiceUnavailableResponse({ type: ReadinessView, description: 'a dependency is down' })
  async ready(@Res({ passthrough: true }) response: { status(code: number): unknown }): Promise<ReadinessView> {
    const results = await Promise.all(
      this.checks.map(async (c) => {
        try {
          await withTimeout(c.check(), CHECK_TIMEOUT_MS);
          return { name: c.name, status: 'up' as const };
        } catch (e) {
          return { name: c.name, status: 'down' as const, error: (e as Error).message };
        }
      }),
    );
    const body: ReadinessView = { status: results.every((r) => r.status === 'up') ? 'up' : 'down', checks: results };
    // The same view either way, so that a probe or a person reads what is down.
    if (body.status !== 'up') response.status(HttpStatus.SERVICE_UNAVAILABLE);
    return body;
  }
}
