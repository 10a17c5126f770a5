import 'reflect-metadata';
import { runServiceMain } from '@aeo/messaging';
import { CONDUCT_COMPLIANCE } from './service';

runServiceMain(CONDUCT_COMPLIANCE);
