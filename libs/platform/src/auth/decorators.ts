import { createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import { Principal, Role } from './principal';

export const IS_PUBLIC = 'aeo:is-public';
export const REQUIRED_ROLES = 'aeo:required-roles';

/** A route anyone may call without a token. Every other route must say which roles may call it. */
export const Public = () => SetMetadata(IS_PUBLIC, true);

/** The roles that may call a route (any one of them suffices). */
export const Roles = (...roles: Role[]) => SetMetadata(REQUIRED_ROLES, roles);

/** The verified caller of the current request. */
export const CurrentPrincipal = createParamDecorator((_: unknown, ctx: ExecutionContext): Principal => {
  return ctx.switchToHttp().getRequest().principal;
});
