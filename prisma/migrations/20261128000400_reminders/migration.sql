-- Reminders: each one sent is claimed here first under its natural key (kind, subject,
-- occurrence) per municipality, so two bot instances, a restart or a retried job never send it
-- twice. Snoozes ("Påminn mig igen om en vecka") and paused kinds are the recipients' choices.
-- No foreign keys: the rows name subjects of several kinds, and retention deletes a case's rows
-- with the case (app/jobs/retention.ts).

-- CreateTable
CREATE TABLE "reminder_sends" (
    "id" UUID NOT NULL,
    "municipality_id" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "subject" TEXT NOT NULL,
    "occurrence" TEXT NOT NULL,
    "recipient_id" UUID,
    "case_id" UUID,
    "send_on" DATE NOT NULL,
    "about" DATE NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'claimed',
    "claimed_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "sent_at" TIMESTAMPTZ(3),
    "detail" JSONB,

    CONSTRAINT "reminder_sends_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "reminder_snoozes" (
    "id" UUID NOT NULL,
    "municipality_id" TEXT NOT NULL,
    "person_id" UUID,
    "kind" TEXT NOT NULL,
    "subject" TEXT NOT NULL,
    "until" DATE NOT NULL,
    "case_id" UUID,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "reminder_snoozes_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "reminder_pauses" (
    "id" UUID NOT NULL,
    "municipality_id" TEXT NOT NULL,
    "person_id" UUID,
    "kind" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "reminder_pauses_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "reminder_sends_municipality_id_kind_subject_occurrence_key" ON "reminder_sends"("municipality_id", "kind", "subject", "occurrence");

-- CreateIndex
CREATE INDEX "reminder_sends_case_id_idx" ON "reminder_sends"("case_id");

-- CreateIndex
CREATE INDEX "reminder_sends_municipality_id_status_idx" ON "reminder_sends"("municipality_id", "status");

-- CreateIndex
CREATE UNIQUE INDEX "reminder_snoozes_municipality_id_kind_subject_until_key" ON "reminder_snoozes"("municipality_id", "kind", "subject", "until");

-- CreateIndex
CREATE INDEX "reminder_snoozes_case_id_idx" ON "reminder_snoozes"("case_id");

-- CreateIndex
CREATE UNIQUE INDEX "reminder_pauses_municipality_id_person_id_kind_key" ON "reminder_pauses"("municipality_id", "person_id", "kind");

-- Whether a child whose grant ends this term has applied for the next one (the reminder
-- planner asks this for every such case).
-- CreateIndex
CREATE INDEX "cases_municipality_id_pupil_ref_term_idx" ON "cases"("municipality_id", "pupil_ref", "term");
