import 'reflect-metadata';
import { runServiceMain } from '@aeo/messaging';
import { OPERATOR_REGISTRY } from './service';

runServiceMain(OPERATOR_REGISTRY);
