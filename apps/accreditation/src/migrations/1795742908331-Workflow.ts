import { MigrationInterface, QueryRunner } from 'typeorm';

// Written by scripts/migrations.ts from the entities; edit only to add what entities cannot say.
export class Workflow1795742908331 implements MigrationInterface {
  name = 'Workflow1795742908331';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("CREATE TABLE \"evidence\" (\"id\" uuid NOT NULL, \"application_id\" uuid NOT NULL, \"criterion\" text NOT NULL, \"evidence_item\" text NOT NULL, \"file_name\" text NOT NULL, \"content_type\" text NOT NULL, \"size\" integer NOT NULL, \"sha256\" character(64) NOT NULL, \"content\" bytea NOT NULL, \"uploaded_by\" text NOT NULL, \"uploaded_at\" TIMESTAMP WITH TIME ZONE NOT NULL, \"removed_at\" TIMESTAMP WITH TIME ZONE, CONSTRAINT \"PK_b864cb5d49854f89917fc0b44b9\" PRIMARY KEY (\"id\"))");
    await queryRunner.query("CREATE INDEX \"evidence_by_application\" ON \"evidence\" (\"application_id\", \"criterion\") ");
    await queryRunner.query("CREATE TABLE \"transition\" (\"id\" uuid NOT NULL, \"position\" BIGSERIAL NOT NULL, \"operator_id\" uuid NOT NULL, \"application_id\" uuid, \"authorisation_id\" uuid, \"action\" text NOT NULL, \"from_state\" text, \"to_state\" text NOT NULL, \"actor\" text NOT NULL, \"roles\" text array NOT NULL DEFAULT '{}', \"reason\" text, \"details\" jsonb NOT NULL DEFAULT '{}', \"at\" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT \"UQ_e500abafbea6ef241fb57d61787\" UNIQUE (\"position\"), CONSTRAINT \"PK_bb9daff96e2e8586928b5757e4e\" PRIMARY KEY (\"id\"))");
    await queryRunner.query("CREATE INDEX \"transition_by_operator\" ON \"transition\" (\"operator_id\", \"at\") ");
    await queryRunner.query("CREATE INDEX \"transition_by_authorisation\" ON \"transition\" (\"authorisation_id\", \"at\") ");
    await queryRunner.query("CREATE INDEX \"transition_by_application\" ON \"transition\" (\"application_id\", \"at\") ");
    await queryRunner.query("CREATE TABLE \"operator_compliance\" (\"operator_id\" uuid NOT NULL, \"status\" text NOT NULL, \"grant_blocked_because\" text array NOT NULL DEFAULT '{}', \"warnings\" text array NOT NULL DEFAULT '{}', \"version\" bigint NOT NULL, \"changed_at\" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT \"PK_82bfc7ef261c00796491a894b3f\" PRIMARY KEY (\"operator_id\"))");
    await queryRunner.query("CREATE TABLE \"saq_section\" (\"application_id\" uuid NOT NULL, \"criterion\" text NOT NULL, \"answers\" jsonb NOT NULL DEFAULT '{}', \"evidence_route\" text NOT NULL DEFAULT 'standard', \"updated_by\" text NOT NULL, \"updated_at\" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT \"PK_465baec45394c1d6f2298e29c03\" PRIMARY KEY (\"application_id\", \"criterion\"))");
    await queryRunner.query("CREATE TABLE \"deadline_notice\" (\"key\" text NOT NULL, \"subject_id\" uuid NOT NULL, \"deadline\" text NOT NULL, \"notice\" text NOT NULL, \"due\" TIMESTAMP WITH TIME ZONE NOT NULL, \"sent_at\" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT \"PK_1836fc21d0ff3865ac029ea79d8\" PRIMARY KEY (\"key\"))");
    await queryRunner.query("ALTER TABLE \"application\" ADD \"size_class\" text");
    await queryRunner.query("ALTER TABLE \"application\" ADD \"msme\" boolean NOT NULL DEFAULT false");
    await queryRunner.query("ALTER TABLE \"application\" ADD \"assignee\" text");
    await queryRunner.query("ALTER TABLE \"application\" ADD \"completeness_due\" TIMESTAMP WITH TIME ZONE");
    await queryRunner.query("ALTER TABLE \"application\" ADD \"accepted_at\" TIMESTAMP WITH TIME ZONE");
    await queryRunner.query("ALTER TABLE \"application\" ADD \"decision_due\" TIMESTAMP WITH TIME ZONE");
    await queryRunner.query("ALTER TABLE \"application\" ADD \"decision_extended\" boolean NOT NULL DEFAULT false");
    await queryRunner.query("ALTER TABLE \"application\" ADD \"information_requested\" boolean NOT NULL DEFAULT false");
    await queryRunner.query("ALTER TABLE \"application\" ADD \"information_extended\" boolean NOT NULL DEFAULT false");
    await queryRunner.query("ALTER TABLE \"application\" ADD \"paused_since\" TIMESTAMP WITH TIME ZONE");
    await queryRunner.query("ALTER TABLE \"application\" ADD \"paused_ms\" bigint NOT NULL DEFAULT '0'");
    await queryRunner.query("ALTER TABLE \"application\" ADD \"resume_stage\" text");
    await queryRunner.query("ALTER TABLE \"application\" ADD \"visit_planned_for\" TIMESTAMP WITH TIME ZONE");
    await queryRunner.query("ALTER TABLE \"application\" ADD \"visit_recorded_by\" text");
    await queryRunner.query("ALTER TABLE \"application\" ADD \"visit_findings\" jsonb");
    await queryRunner.query("ALTER TABLE \"application\" ADD \"proposal\" text");
    await queryRunner.query("ALTER TABLE \"application\" ADD \"proposed_by\" text");
    await queryRunner.query("ALTER TABLE \"application\" ADD \"hearing_opened_at\" TIMESTAMP WITH TIME ZONE");
    await queryRunner.query("ALTER TABLE \"application\" ADD \"hearing_due\" TIMESTAMP WITH TIME ZONE");
    await queryRunner.query("ALTER TABLE \"application\" ADD \"hearing_answered_at\" TIMESTAMP WITH TIME ZONE");
    await queryRunner.query("ALTER TABLE \"application\" ADD \"decided_at\" TIMESTAMP WITH TIME ZONE");
    await queryRunner.query("ALTER TABLE \"application\" ADD \"decided_by\" text");
    await queryRunner.query("ALTER TABLE \"application\" ADD \"appeal_due\" TIMESTAMP WITH TIME ZONE");
    await queryRunner.query("ALTER TABLE \"authorisation\" ADD \"reassessment_started_at\" TIMESTAMP WITH TIME ZONE");
    await queryRunner.query("ALTER TABLE \"authorisation\" ADD \"proposal\" text");
    await queryRunner.query("ALTER TABLE \"authorisation\" ADD \"proposed_by\" text");
    await queryRunner.query("ALTER TABLE \"authorisation\" ADD \"keep_type\" character(1)");
    await queryRunner.query("ALTER TABLE \"authorisation\" ADD \"return_to\" text");
    await queryRunner.query("ALTER TABLE \"authorisation\" ADD \"hearing_opened_at\" TIMESTAMP WITH TIME ZONE");
    await queryRunner.query("ALTER TABLE \"authorisation\" ADD \"hearing_due\" TIMESTAMP WITH TIME ZONE");
    await queryRunner.query("ALTER TABLE \"authorisation\" ADD \"hearing_answered_at\" TIMESTAMP WITH TIME ZONE");
    await queryRunner.query("ALTER TABLE \"authorisation\" ADD \"cure_due\" TIMESTAMP WITH TIME ZONE");
    await queryRunner.query("ALTER TABLE \"authorisation\" ADD \"cure_extended\" boolean NOT NULL DEFAULT false");
    await queryRunner.query("ALTER TABLE \"authorisation\" ADD \"revoked_at\" TIMESTAMP WITH TIME ZONE");
    await queryRunner.query("ALTER TABLE \"known_operator\" ADD \"size_class\" text");
    await queryRunner.query("ALTER TABLE \"application\" ALTER COLUMN \"submitted_at\" DROP NOT NULL");
    await queryRunner.query("CREATE INDEX \"application_by_operator\" ON \"application\" (\"operator_id\") ");
    await queryRunner.query("CREATE INDEX \"application_by_stage\" ON \"application\" (\"stage\", \"decision_due\") ");
    await queryRunner.query("CREATE INDEX \"authorisation_by_operator\" ON \"authorisation\" (\"operator_id\") ");
    // Added by hand: the minimal path's authorisation history moves into the one history table,
    // and the history becomes append-only (entities cannot say either).
    await queryRunner.query(`INSERT INTO "transition" ("id", "operator_id", "application_id", "authorisation_id", "action", "from_state", "to_state", "actor", "roles", "reason", "details", "at")
      SELECT t."id", a."operator_id", a."application_id", t."authorisation_id",
             CASE WHEN t."from_status" IS NULL THEN 'grant' WHEN t."from_status" = t."to_status" THEN 'flag_reassessment'
                  WHEN t."to_status" = 'suspended' THEN 'suspend' WHEN t."to_status" = 'valid' THEN 'reinstate'
                  WHEN t."to_status" = 'revoked' THEN 'revoke' ELSE t."to_status" END,
             t."from_status", t."to_status", t."actor", '{}', t."reason", '{}', t."at"
        FROM "authorisation_transition" t JOIN "authorisation" a ON a."id" = t."authorisation_id" ORDER BY t."at", t."id"`);
    await queryRunner.query('DROP TABLE "authorisation_transition"');
    await queryRunner.query(`CREATE FUNCTION "transition_is_append_only"() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'the history is append-only: % on transition is refused', TG_OP; END $$`);
    await queryRunner.query(`CREATE TRIGGER "transition_append_only" BEFORE UPDATE OR DELETE OR TRUNCATE ON "transition"
      FOR EACH STATEMENT EXECUTE FUNCTION "transition_is_append_only"()`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TRIGGER "transition_append_only" ON "transition"');
    await queryRunner.query('DROP FUNCTION "transition_is_append_only"()');
    await queryRunner.query('CREATE TABLE "authorisation_transition" ("id" uuid NOT NULL, "authorisation_id" uuid NOT NULL, "from_status" text, "to_status" text NOT NULL, "actor" text NOT NULL, "reason" text NOT NULL, "at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_f4ecc6a3734025c0a528b31de6f" PRIMARY KEY ("id"))');
    await queryRunner.query('CREATE INDEX "authorisation_transition_by_authorisation" ON "authorisation_transition" ("authorisation_id", "at") ');
    await queryRunner.query(`INSERT INTO "authorisation_transition" SELECT "id", "authorisation_id", "from_state", "to_state", "actor", coalesce("reason", "action"), "at" FROM "transition" WHERE "authorisation_id" IS NOT NULL`);
    await queryRunner.query("DROP INDEX \"accreditation\".\"authorisation_by_operator\"");
    await queryRunner.query("DROP INDEX \"accreditation\".\"application_by_stage\"");
    await queryRunner.query("DROP INDEX \"accreditation\".\"application_by_operator\"");
    await queryRunner.query("ALTER TABLE \"application\" ALTER COLUMN \"submitted_at\" SET NOT NULL");
    await queryRunner.query("ALTER TABLE \"known_operator\" DROP COLUMN \"size_class\"");
    await queryRunner.query("ALTER TABLE \"authorisation\" DROP COLUMN \"revoked_at\"");
    await queryRunner.query("ALTER TABLE \"authorisation\" DROP COLUMN \"cure_extended\"");
    await queryRunner.query("ALTER TABLE \"authorisation\" DROP COLUMN \"cure_due\"");
    await queryRunner.query("ALTER TABLE \"authorisation\" DROP COLUMN \"hearing_answered_at\"");
    await queryRunner.query("ALTER TABLE \"authorisation\" DROP COLUMN \"hearing_due\"");
    await queryRunner.query("ALTER TABLE \"authorisation\" DROP COLUMN \"hearing_opened_at\"");
    await queryRunner.query("ALTER TABLE \"authorisation\" DROP COLUMN \"return_to\"");
    await queryRunner.query("ALTER TABLE \"authorisation\" DROP COLUMN \"keep_type\"");
    await queryRunner.query("ALTER TABLE \"authorisation\" DROP COLUMN \"proposed_by\"");
    await queryRunner.query("ALTER TABLE \"authorisation\" DROP COLUMN \"proposal\"");
    await queryRunner.query("ALTER TABLE \"authorisation\" DROP COLUMN \"reassessment_started_at\"");
    await queryRunner.query("ALTER TABLE \"application\" DROP COLUMN \"appeal_due\"");
    await queryRunner.query("ALTER TABLE \"application\" DROP COLUMN \"decided_by\"");
    await queryRunner.query("ALTER TABLE \"application\" DROP COLUMN \"decided_at\"");
    await queryRunner.query("ALTER TABLE \"application\" DROP COLUMN \"hearing_answered_at\"");
    await queryRunner.query("ALTER TABLE \"application\" DROP COLUMN \"hearing_due\"");
    await queryRunner.query("ALTER TABLE \"application\" DROP COLUMN \"hearing_opened_at\"");
    await queryRunner.query("ALTER TABLE \"application\" DROP COLUMN \"proposed_by\"");
    await queryRunner.query("ALTER TABLE \"application\" DROP COLUMN \"proposal\"");
    await queryRunner.query("ALTER TABLE \"application\" DROP COLUMN \"visit_findings\"");
    await queryRunner.query("ALTER TABLE \"application\" DROP COLUMN \"visit_recorded_by\"");
    await queryRunner.query("ALTER TABLE \"application\" DROP COLUMN \"visit_planned_for\"");
    await queryRunner.query("ALTER TABLE \"application\" DROP COLUMN \"resume_stage\"");
    await queryRunner.query("ALTER TABLE \"application\" DROP COLUMN \"paused_ms\"");
    await queryRunner.query("ALTER TABLE \"application\" DROP COLUMN \"paused_since\"");
    await queryRunner.query("ALTER TABLE \"application\" DROP COLUMN \"information_extended\"");
    await queryRunner.query("ALTER TABLE \"application\" DROP COLUMN \"information_requested\"");
    await queryRunner.query("ALTER TABLE \"application\" DROP COLUMN \"decision_extended\"");
    await queryRunner.query("ALTER TABLE \"application\" DROP COLUMN \"decision_due\"");
    await queryRunner.query("ALTER TABLE \"application\" DROP COLUMN \"accepted_at\"");
    await queryRunner.query("ALTER TABLE \"application\" DROP COLUMN \"completeness_due\"");
    await queryRunner.query("ALTER TABLE \"application\" DROP COLUMN \"assignee\"");
    await queryRunner.query("ALTER TABLE \"application\" DROP COLUMN \"msme\"");
    await queryRunner.query("ALTER TABLE \"application\" DROP COLUMN \"size_class\"");
    await queryRunner.query("DROP TABLE \"deadline_notice\"");
    await queryRunner.query("DROP TABLE \"saq_section\"");
    await queryRunner.query("DROP TABLE \"operator_compliance\"");
    await queryRunner.query("DROP INDEX \"accreditation\".\"transition_by_application\"");
    await queryRunner.query("DROP INDEX \"accreditation\".\"transition_by_authorisation\"");
    await queryRunner.query("DROP INDEX \"accreditation\".\"transition_by_operator\"");
    await queryRunner.query("DROP TABLE \"transition\"");
    await queryRunner.query("DROP INDEX \"accreditation\".\"evidence_by_application\"");
    await queryRunner.query("DROP TABLE \"evidence\"");
  }
}
