import 'reflect-metadata';
import { runServiceMain } from '@aeo/messaging';
import { MRA_EXCHANGE } from './service';

runServiceMain(MRA_EXCHANGE);
