export * from './csv-file';
export * from './import.dto';
export * from './import-run.entity';
export * from './bulk-import';
