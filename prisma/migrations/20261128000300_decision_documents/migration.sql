-- The decision as a PDF document, made once from the decision's own text and kept as it was
-- made: the bytes and their sha256 are what the principal received and what the tab serves.
-- UPDATE and TRUNCATE always raise; DELETE only in a retention run (the cascade from erasing a
-- whole case), the same rule as application_versions.

-- CreateTable
CREATE TABLE "decision_documents" (
    "decision_id" UUID NOT NULL,
    "sha256" TEXT NOT NULL,
    "bytes" BYTEA NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "decision_documents_pkey" PRIMARY KEY ("decision_id")
);

-- AddForeignKey
ALTER TABLE "decision_documents" ADD CONSTRAINT "decision_documents_decision_id_fkey" FOREIGN KEY ("decision_id") REFERENCES "decisions"("id") ON DELETE CASCADE ON UPDATE CASCADE;

CREATE FUNCTION "protect_decision_document"() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' AND current_setting('tillaggsbot.retention', true) = 'on' THEN
    RETURN OLD;
  END IF;
  RAISE EXCEPTION 'decision_documents are immutable: % is not allowed', TG_OP
    USING ERRCODE = 'restrict_violation';
END;
$$;

CREATE TRIGGER "decision_documents_immutable"
  BEFORE UPDATE OR DELETE ON "decision_documents"
  FOR EACH ROW EXECUTE FUNCTION "protect_decision_document"();

CREATE TRIGGER "decision_documents_no_truncate"
  BEFORE TRUNCATE ON "decision_documents"
  FOR EACH STATEMENT EXECUTE FUNCTION "protect_decision_document"();
