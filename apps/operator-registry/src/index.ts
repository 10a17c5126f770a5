export { OPERATOR_REGISTRY } from './service';
export { OPERATOR_REGISTRY_DATABASE } from './database';
