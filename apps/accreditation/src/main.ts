import 'reflect-metadata';
import { runServiceMain } from '@aeo/messaging';
import { ACCREDITATION } from './service';

runServiceMain(ACCREDITATION);
