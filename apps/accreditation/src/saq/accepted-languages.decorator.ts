import { createParamDecorator, ExecutionContext } from '@nestjs/common';

/** The languages the caller reads, best first, as its Accept-Language header ranks them (Express's negotiation). */
export const AcceptedLanguages = createParamDecorator((_: unknown, context: ExecutionContext): string[] => {
  const request = context.switchToHttp().getRequest<{ acceptsLanguages(): string[] }>();
  return request.acceptsLanguages().filter((l) => l !== '*');
});
