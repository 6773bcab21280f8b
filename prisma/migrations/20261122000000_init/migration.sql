-- Tables, enums, indexes and foreign keys of schema.prisma, written the way `prisma migrate`
-- would write them (its schema engine cannot run here). test/db/schema-matches.test.ts checks
-- the result against the schema.

-- CreateEnum
CREATE TYPE "unit_kind" AS ENUM ('kommunal', 'fristaende');

-- CreateEnum
CREATE TYPE "role" AS ENUM ('principal', 'handler', 'head', 'admin');

-- CreateEnum
CREATE TYPE "case_status" AS ENUM ('submitted', 'in_review', 'completion_requested', 'resubmitted', 'decided');

-- CreateEnum
CREATE TYPE "assessment_kind" AS ENUM ('application', 'review', 'followup');

-- CreateEnum
CREATE TYPE "decision_outcome" AS ENUM ('approved', 'partly_approved', 'rejected');

-- CreateEnum
CREATE TYPE "delivery_status" AS ENUM ('pending', 'delivered', 'failed');

-- CreateEnum
CREATE TYPE "conversation_kind" AS ENUM ('personal', 'channel');

-- CreateEnum
CREATE TYPE "snapshot_status" AS ENUM ('open', 'submitted', 'discarded');

-- CreateTable
CREATE TABLE "municipalities" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "tenant_id" TEXT NOT NULL,
    "profile" JSONB NOT NULL,
    "elevhalsa_team_id" TEXT,
    "elevhalsa_channel_id" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "municipalities_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "units" (
    "id" UUID NOT NULL,
    "municipality_id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "kind" "unit_kind" NOT NULL,
    "huvudman" TEXT NOT NULL,
    "school_forms" TEXT[],

    CONSTRAINT "units_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "people" (
    "id" UUID NOT NULL,
    "municipality_id" TEXT NOT NULL,
    "tenant_id" TEXT NOT NULL,
    "aad_object_id" TEXT NOT NULL,
    "display_name" TEXT NOT NULL,
    "email" TEXT,

    CONSTRAINT "people_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "role_assignments" (
    "id" UUID NOT NULL,
    "person_id" UUID NOT NULL,
    "role" "role" NOT NULL,
    "unit_id" UUID,

    CONSTRAINT "role_assignments_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "case_counters" (
    "municipality_id" TEXT NOT NULL,
    "year" INTEGER NOT NULL,
    "last_number" INTEGER NOT NULL,

    CONSTRAINT "case_counters_pkey" PRIMARY KEY ("municipality_id","year")
);

-- CreateTable
CREATE TABLE "cases" (
    "id" UUID NOT NULL,
    "case_number" TEXT NOT NULL,
    "municipality_id" TEXT NOT NULL,
    "unit_id" UUID NOT NULL,
    "principal_id" UUID NOT NULL,
    "term" TEXT NOT NULL,
    "school_form" TEXT NOT NULL,
    "status" "case_status" NOT NULL DEFAULT 'submitted',
    "late" BOOLEAN NOT NULL DEFAULT false,
    "source_draft_id" UUID,
    "pupil_ref" TEXT NOT NULL,
    "assigned_handler_id" UUID,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "cases_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "application_versions" (
    "id" UUID NOT NULL,
    "case_id" UUID NOT NULL,
    "version" INTEGER NOT NULL,
    "data" JSONB NOT NULL,
    "submitted_by_id" UUID NOT NULL,
    "submitted_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "application_versions_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "assessments" (
    "id" UUID NOT NULL,
    "case_id" UUID NOT NULL,
    "application_version_id" UUID,
    "kind" "assessment_kind" NOT NULL,
    "ratings" JSONB NOT NULL,
    "hours_current" DECIMAL(7,2) NOT NULL,
    "hours_desired" DECIMAL(7,2) NOT NULL,
    "amount_per_month" DECIMAL(12,2) NOT NULL,
    "created_by_id" UUID NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "assessments_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "decisions" (
    "id" UUID NOT NULL,
    "case_id" UUID NOT NULL,
    "outcome" "decision_outcome" NOT NULL,
    "amount_per_month" DECIMAL(12,2),
    "from" DATE,
    "to" DATE,
    "reason" TEXT,
    "approved_measure_ids" JSONB NOT NULL DEFAULT '[]',
    "significant_difficulties" BOOLEAN NOT NULL DEFAULT false,
    "text" TEXT NOT NULL,
    "decided_by_id" UUID NOT NULL,
    "decided_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "notified_at" TIMESTAMPTZ(3),
    "delivery_status" "delivery_status" NOT NULL DEFAULT 'pending',
    "appeal_deadline" DATE,

    CONSTRAINT "decisions_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "follow_ups" (
    "id" UUID NOT NULL,
    "case_id" UUID NOT NULL,
    "term" TEXT NOT NULL,
    "results" TEXT NOT NULL,
    "continued_need" BOOLEAN NOT NULL,
    "comment" TEXT,
    "ratings" JSONB NOT NULL,
    "submitted_by_id" UUID NOT NULL,
    "submitted_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "follow_ups_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "attachments" (
    "id" UUID NOT NULL,
    "draft_id" UUID,
    "case_id" UUID,
    "kind" TEXT,
    "name" TEXT NOT NULL,
    "content_type" TEXT NOT NULL,
    "size" INTEGER NOT NULL,
    "sha256" TEXT NOT NULL,
    "uploaded_by_id" UUID NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "attachments_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "attachment_contents" (
    "attachment_id" UUID NOT NULL,
    "bytes" BYTEA NOT NULL,

    CONSTRAINT "attachment_contents_pkey" PRIMARY KEY ("attachment_id")
);

-- CreateTable
CREATE TABLE "conversation_references" (
    "id" UUID NOT NULL,
    "tenant_id" TEXT NOT NULL,
    "kind" "conversation_kind" NOT NULL,
    "person_id" UUID,
    "team_id" TEXT,
    "channel_id" TEXT,
    "conversation_id" TEXT NOT NULL,
    "service_url" TEXT NOT NULL,
    "reference" JSONB NOT NULL,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "conversation_references_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "machine_snapshots" (
    "id" UUID NOT NULL,
    "machine" TEXT NOT NULL,
    "person_id" UUID,
    "case_id" UUID,
    "status" "snapshot_status" NOT NULL DEFAULT 'open',
    "label" TEXT,
    "snapshot" JSONB NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 1,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "machine_snapshots_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "audit_log" (
    "id" BIGSERIAL NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "municipality_id" TEXT,
    "actor_id" TEXT,
    "action" TEXT NOT NULL,
    "subject_type" TEXT NOT NULL,
    "subject_id" TEXT NOT NULL,
    "details" JSONB NOT NULL DEFAULT '{}',

    CONSTRAINT "audit_log_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "municipalities_tenant_id_key" ON "municipalities"("tenant_id");

-- CreateIndex
CREATE INDEX "units_municipality_id_idx" ON "units"("municipality_id");

-- CreateIndex
CREATE INDEX "people_municipality_id_idx" ON "people"("municipality_id");

-- CreateIndex
CREATE UNIQUE INDEX "people_tenant_id_aad_object_id_key" ON "people"("tenant_id", "aad_object_id");

-- CreateIndex
CREATE INDEX "role_assignments_unit_id_idx" ON "role_assignments"("unit_id");

-- CreateIndex
CREATE UNIQUE INDEX "role_assignments_person_id_role_unit_id_key" ON "role_assignments"("person_id", "role", "unit_id");

-- CreateIndex
CREATE UNIQUE INDEX "cases_source_draft_id_key" ON "cases"("source_draft_id");

-- CreateIndex
CREATE INDEX "cases_municipality_id_status_created_at_idx" ON "cases"("municipality_id", "status", "created_at");

-- CreateIndex
CREATE INDEX "cases_principal_id_created_at_idx" ON "cases"("principal_id", "created_at");

-- CreateIndex
CREATE UNIQUE INDEX "cases_municipality_id_case_number_key" ON "cases"("municipality_id", "case_number");

-- CreateIndex
CREATE UNIQUE INDEX "application_versions_case_id_version_key" ON "application_versions"("case_id", "version");

-- CreateIndex
CREATE INDEX "assessments_case_id_created_at_idx" ON "assessments"("case_id", "created_at");

-- CreateIndex
CREATE INDEX "decisions_case_id_decided_at_idx" ON "decisions"("case_id", "decided_at");

-- CreateIndex
CREATE UNIQUE INDEX "follow_ups_case_id_term_key" ON "follow_ups"("case_id", "term");

-- CreateIndex
CREATE INDEX "attachments_draft_id_idx" ON "attachments"("draft_id");

-- CreateIndex
CREATE INDEX "attachments_case_id_idx" ON "attachments"("case_id");

-- CreateIndex
CREATE UNIQUE INDEX "conversation_references_person_id_key" ON "conversation_references"("person_id");

-- CreateIndex
CREATE UNIQUE INDEX "conversation_references_conversation_id_key" ON "conversation_references"("conversation_id");

-- CreateIndex
CREATE INDEX "conversation_references_team_id_channel_id_idx" ON "conversation_references"("team_id", "channel_id");

-- CreateIndex
CREATE INDEX "machine_snapshots_person_id_machine_status_idx" ON "machine_snapshots"("person_id", "machine", "status");

-- CreateIndex
CREATE INDEX "machine_snapshots_case_id_idx" ON "machine_snapshots"("case_id");

-- CreateIndex
CREATE INDEX "audit_log_subject_type_subject_id_at_idx" ON "audit_log"("subject_type", "subject_id", "at");

-- CreateIndex
CREATE INDEX "audit_log_municipality_id_at_idx" ON "audit_log"("municipality_id", "at");

-- AddForeignKey
ALTER TABLE "units" ADD CONSTRAINT "units_municipality_id_fkey" FOREIGN KEY ("municipality_id") REFERENCES "municipalities"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "people" ADD CONSTRAINT "people_municipality_id_fkey" FOREIGN KEY ("municipality_id") REFERENCES "municipalities"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "role_assignments" ADD CONSTRAINT "role_assignments_person_id_fkey" FOREIGN KEY ("person_id") REFERENCES "people"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "role_assignments" ADD CONSTRAINT "role_assignments_unit_id_fkey" FOREIGN KEY ("unit_id") REFERENCES "units"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "case_counters" ADD CONSTRAINT "case_counters_municipality_id_fkey" FOREIGN KEY ("municipality_id") REFERENCES "municipalities"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "cases" ADD CONSTRAINT "cases_municipality_id_fkey" FOREIGN KEY ("municipality_id") REFERENCES "municipalities"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "cases" ADD CONSTRAINT "cases_unit_id_fkey" FOREIGN KEY ("unit_id") REFERENCES "units"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "cases" ADD CONSTRAINT "cases_principal_id_fkey" FOREIGN KEY ("principal_id") REFERENCES "people"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "cases" ADD CONSTRAINT "cases_assigned_handler_id_fkey" FOREIGN KEY ("assigned_handler_id") REFERENCES "people"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "cases" ADD CONSTRAINT "cases_source_draft_id_fkey" FOREIGN KEY ("source_draft_id") REFERENCES "machine_snapshots"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "application_versions" ADD CONSTRAINT "application_versions_case_id_fkey" FOREIGN KEY ("case_id") REFERENCES "cases"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "assessments" ADD CONSTRAINT "assessments_case_id_fkey" FOREIGN KEY ("case_id") REFERENCES "cases"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "assessments" ADD CONSTRAINT "assessments_application_version_id_fkey" FOREIGN KEY ("application_version_id") REFERENCES "application_versions"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "decisions" ADD CONSTRAINT "decisions_case_id_fkey" FOREIGN KEY ("case_id") REFERENCES "cases"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "follow_ups" ADD CONSTRAINT "follow_ups_case_id_fkey" FOREIGN KEY ("case_id") REFERENCES "cases"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "attachments" ADD CONSTRAINT "attachments_draft_id_fkey" FOREIGN KEY ("draft_id") REFERENCES "machine_snapshots"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "attachments" ADD CONSTRAINT "attachments_case_id_fkey" FOREIGN KEY ("case_id") REFERENCES "cases"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "attachment_contents" ADD CONSTRAINT "attachment_contents_attachment_id_fkey" FOREIGN KEY ("attachment_id") REFERENCES "attachments"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "conversation_references" ADD CONSTRAINT "conversation_references_person_id_fkey" FOREIGN KEY ("person_id") REFERENCES "people"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "machine_snapshots" ADD CONSTRAINT "machine_snapshots_person_id_fkey" FOREIGN KEY ("person_id") REFERENCES "people"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "machine_snapshots" ADD CONSTRAINT "machine_snapshots_case_id_fkey" FOREIGN KEY ("case_id") REFERENCES "cases"("id") ON DELETE CASCADE ON UPDATE CASCADE;
