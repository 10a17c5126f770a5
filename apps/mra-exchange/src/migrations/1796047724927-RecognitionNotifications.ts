import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Every committed change to the received records and identifiers is announced on the channel
 * mra_exchange_recognition (recognition/recognition-cache.ts), once a statement: the operators or
 * identifiers it touched (for an update, before and after), or "all" for a statement of more than
 * 50 rows (a snapshot's) or a TRUNCATE. A payload
 * is kept well under PostgreSQL's 8,000 bytes (over them pg_notify would fail the write).
 */
export class RecognitionNotifications1796047724927 implements MigrationInterface {
  name = 'RecognitionNotifications1796047724927';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE FUNCTION "notify_recognition_change"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  n bigint;
  payload text;
BEGIN
  IF TG_OP = 'TRUNCATE' THEN
    PERFORM pg_notify('mra_exchange_recognition', '{"all":true}');
    RETURN NULL;
  END IF;
  -- An update names the keys before and after it (a row moved to another operator or identifier clears both).
  IF TG_OP = 'UPDATE' THEN
    SELECT (SELECT count(*) FROM changed) + (SELECT count(*) FROM old_rows) INTO n;
  ELSE
    SELECT count(*) FROM changed INTO n;
  END IF;
  IF n = 0 THEN
    RETURN NULL;
  ELSIF n > 50 THEN
    payload := '{"all":true}';
  ELSIF TG_TABLE_NAME = 'received_record' AND TG_OP = 'UPDATE' THEN
    SELECT json_build_object('records', json_agg(DISTINCT ARRAY[issuer::text, operator_id]))::text INTO payload
    FROM (SELECT issuer, operator_id FROM changed UNION ALL SELECT issuer, operator_id FROM old_rows) t;
  ELSIF TG_TABLE_NAME = 'received_record' THEN
    SELECT json_build_object('records', json_agg(DISTINCT ARRAY[issuer::text, operator_id]))::text INTO payload FROM changed;
  ELSIF TG_OP = 'UPDATE' THEN
    SELECT json_build_object('identifiers', json_agg(DISTINCT ARRAY[issuer::text, scheme, value]))::text INTO payload
    FROM (SELECT issuer, scheme, value FROM changed UNION ALL SELECT issuer, scheme, value FROM old_rows) t;
  ELSE
    SELECT json_build_object('identifiers', json_agg(DISTINCT ARRAY[issuer::text, scheme, value]))::text INTO payload FROM changed;
  END IF;
  IF octet_length(payload) > 7000 THEN
    payload := '{"all":true}';
  END IF;
  PERFORM pg_notify('mra_exchange_recognition', payload);
  RETURN NULL;
END $$`);
    for (const table of ['received_record', 'received_identifier']) {
      await queryRunner.query(`CREATE TRIGGER "${table}_inserted" AFTER INSERT ON "${table}" REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION "notify_recognition_change"()`);
      await queryRunner.query(`CREATE TRIGGER "${table}_updated" AFTER UPDATE ON "${table}" REFERENCING OLD TABLE AS old_rows NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION "notify_recognition_change"()`);
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
