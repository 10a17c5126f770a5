import { CanActivate, ExecutionContext, ForbiddenException, Injectable, ServiceUnavailableException, UnauthorizedException } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { IS_PUBLIC, REQUIRED_ROLES } from './decorators';
import { Role } from './principal';
import { TokenKeysUnavailableError, TokenVerifier } from './token-verifier';
import { InvalidTokenError } from './tokens';


/**
 * Global guard: every HTTP route needs a valid token and one of the roles it names, from this
 * registry's own administration, unless marked @Public(). A route that names no roles is closed.
 */
@Injectable()
export class JwtAuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly tokens: TokenVerifier,
    private readonly administration: string,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets)) return true;

    const request = context.switchToHttp().getRequest();
    const header: string | undefined = request.headers?.authorization;
    const match = header?.match(/^Bearer\s+(\S+)$/i);
    if (!match) throw new UnauthorizedException('a Bearer token is required in the Authorization header');
    try {
      request.principal = await this.tokens.verify(match[1]);
    } catch (e) {
      if (e instanceof InvalidTokenError) throw new UnauthorizedException(e.message);
      if (e instanceof TokenKeysUnavailableError) throw new ServiceUnavailableException({ statusCode: 503, message: e.message, code: 'auth.keys_unavailable' });
      throw e;
    }

    const required = this.reflector.getAllAndOverride<Role[] | undefined>(REQUIRED_ROLES, targets);
    if (!required || required.length === 0) throw new ForbiddenException('this route is closed: it names no roles');
    if (request.principal.administration !== this.administration) {
      throw new ForbiddenException(
        `this registry serves administration ${this.administration}; the token is for ${request.principal.administration}`,
      );
    }
    if (!required.some((r) => request.principal.roles.includes(r))) {
      throw new ForbiddenException(`this route needs one of the roles: ${required.join(', ')}`);
    }
    return true;
  }
}
