import { DynamicModule, ForwardReference, Type } from '@nestjs/common';
import { MODULE_METADATA } from '@nestjs/common/constants';

type ModuleImport = Type<unknown> | DynamicModule | ForwardReference | Promise<DynamicModule>;

/** A module as declared: its class, with what its @Module() and its dynamic definition list. */
export interface DeclaredModule {
  module: Type<unknown>;
  controllers: Type<unknown>[];
  providers: unknown[];
  imports: ModuleImport[];
}

function resolved(entry: ModuleImport): Type<unknown> | DynamicModule {
  if (entry instanceof Promise) throw new Error('an asynchronous import; a service module has none');
  return 'forwardRef' in entry ? entry.forwardRef() : entry;
}

function declared(entry: Type<unknown> | DynamicModule): DeclaredModule {
  const dynamic: Partial<DynamicModule> = 'module' in entry ? entry : {};
  const type = 'module' in entry ? entry.module : entry;
  const listed = <T>(key: string, extra: T[] | undefined): T[] => [...((Reflect.getMetadata(key, type) as T[]) ?? []), ...(extra ?? [])];
  return {
    module: type,
    controllers: listed(MODULE_METADATA.CONTROLLERS, dynamic.controllers),
    providers: listed(MODULE_METADATA.PROVIDERS, dynamic.providers),
    imports: listed(MODULE_METADATA.IMPORTS, dynamic.imports),
  };
}

/**
 * Every module a service's root module reaches through its imports, each once, depth first as Nest
 * scans them. (A service's controllers live in its feature modules, not in the root module.)
 */
export function modulesOf(root: Type<unknown> | DynamicModule): DeclaredModule[] {
  const seen = new Set<unknown>();
  const modules: DeclaredModule[] = [];
  const visit = (entry: ModuleImport) => {
    const module = resolved(entry);
    if (seen.has(module)) return;
    seen.add(module);
    const found = declared(module);
    modules.push(found);
    found.imports.forEach(visit);
  };
  visit(root);
  return modules;
}

/** The controllers (HTTP controllers and event handlers) of every module of the graph. */
export function controllersOf(root: Type<unknown> | DynamicModule): Type<unknown>[] {
  return modulesOf(root).flatMap((m) => m.controllers);
}
