import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Every committed change to the received records and identifiers is announced on the channel
 * mra_exchange_recognition (recognition/recognition-cache.ts), once a statement: the operators or
 * identifiers it touched, or "all" for a large statement (a snapshot's) or a TRUNCATE. A payload
 * is kept well under PostgreSQL's 8,000 bytes (over them pg_notify would fail the write).
 */
export class RecognitionNotifications1796047724927 implements MigrationInterface {
  name = 'RecognitionNotifications1796047724927';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE FUNCTION "notify_recognition_change"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  payload text;
BEGIN
  IF TG_OP = 'TRUNCATE' THEN
    payload := '{"all":true}';
  ELSE
    IF NOT EXISTS (SELECT 1 FROM changed) THEN
      RETURN NULL;
    END IF;
    IF (SELECT count(*) FROM changed) > 50 THEN
      payload := '{"all":true}';
    ELSIF TG_TABLE_NAME = 'received_record' THEN
      SELECT json_build_object('records', json_agg(DISTINCT ARRAY[issuer::text, operator_id]))::text INTO payload FROM changed;
    ELSE
      SELECT json_build_object('identifiers', json_agg(DISTINCT ARRAY[issuer::text, scheme, value]))::text INTO payload FROM changed;
    END IF;
    IF octet_length(payload) > 7000 THEN
      payload := '{"all":true}';
    END IF;
  END IF;
  PERFORM pg_notify('mra_exchange_recognition', payload);
  RETURN NULL;
END $$`);
    for (const table of ['received_record', 'received_identifier']) {
      await queryRunner.query(`CREATE TRIGGER "${table}_inserted" AFTER INSERT ON "${table}" REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION "notify_recognition_change"()`);
      await queryRunner.query(`CREATE TRIGGER "${table}_updated" AFTER UPDATE ON "${table}" REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION "notify_recognition_change"()`);
      await queryRunner.query(`CREATE TRIGGER "${table}_deleted" AFTER DELETE ON "${table}" REFERENCING OLD TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION "notify_recognition_change"()`);
      await queryRunner.query(`CREATE TRIGGER "${table}_truncated" AFTER TRUNCATE ON "${table}" FOR EACH STATEMENT EXECUTE FUNCTION "notify_recognition_change"()`);
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of ['received_record', 'received_identifier']) {
      for (const event of ['inserted', 'updated', 'deleted', 'truncated']) await queryRunner.query(`DROP TRIGGER "${table}_${event}" ON "${table}"`);
    }
    await queryRunner.query(`DROP FUNCTION "notify_recognition_change"()`);
  }
}
