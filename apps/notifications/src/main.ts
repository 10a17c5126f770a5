import 'reflect-metadata';
import { runServiceMain } from '@aeo/messaging';
import { NOTIFICATIONS } from './service';

runServiceMain(NOTIFICATIONS);
