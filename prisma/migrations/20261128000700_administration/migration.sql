-- Administration (issue 15): units get the huvudman's organisation number and can be
-- deactivated (a unit with cases is never deleted); a person can be registered by e-mail before
-- they have written to the bot, so the Entra object id is bound later (null until then); every
-- saved municipality profile is kept as a numbered version, and a case, its assessments and its
-- decision record the version they were assessed and decided under.

-- AlterTable
ALTER TABLE "units" ADD COLUMN "huvudman_org_number" TEXT,
ADD COLUMN "active" BOOLEAN NOT NULL DEFAULT true;

-- AlterTable
ALTER TABLE "people" ALTER COLUMN "aad_object_id" DROP NOT NULL;

-- CreateIndex
CREATE INDEX "people_municipality_id_email_idx" ON "people"("municipality_id", "email");

-- CreateTable
CREATE TABLE "profile_versions" (
    "id" UUID NOT NULL,
    "municipality_id" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "profile" JSONB NOT NULL,
    "created_by_id" UUID,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "profile_versions_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "profile_versions_municipality_id_version_key" ON "profile_versions"("municipality_id", "version");

-- AddForeignKey
ALTER TABLE "profile_versions" ADD CONSTRAINT "profile_versions_municipality_id_fkey" FOREIGN KEY ("municipality_id") REFERENCES "municipalities"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AlterTable
ALTER TABLE "cases" ADD COLUMN "profile_version_id" UUID;
ALTER TABLE "assessments" ADD COLUMN "profile_version_id" UUID;
ALTER TABLE "decisions" ADD COLUMN "profile_version_id" UUID;

-- AddForeignKey
ALTER TABLE "cases" ADD CONSTRAINT "cases_profile_version_id_fkey" FOREIGN KEY ("profile_version_id") REFERENCES "profile_versions"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "assessments" ADD CONSTRAINT "assessments_profile_version_id_fkey" FOREIGN KEY ("profile_version_id") REFERENCES "profile_versions"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "decisions" ADD CONSTRAINT "decisions_profile_version_id_fkey" FOREIGN KEY ("profile_version_id") REFERENCES "profile_versions"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- Every profile a municipality gets (created, seeded, edited in the tab, or written by hand in
-- a console) becomes the next numbered version. In the database, so no path can skip it.
CREATE FUNCTION "record_profile_version"() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' AND NEW."profile" IS NOT DISTINCT FROM OLD."profile" THEN
    RETURN NEW;
  END IF;
  INSERT INTO "profile_versions" ("id", "municipality_id", "version", "profile", "created_by_id")
  SELECT gen_random_uuid(), NEW."id", COALESCE(MAX("version"), 0) + 1, NEW."profile",
         NULLIF(current_setting('tillaggsbot.actor', true), '')::uuid
  FROM "profile_versions" WHERE "municipality_id" = NEW."id";
  RETURN NEW;
END;
$$;

CREATE TRIGGER "municipalities_profile_version"
  AFTER INSERT OR UPDATE OF "profile" ON "municipalities"
  FOR EACH ROW EXECUTE FUNCTION "record_profile_version"();

-- A case is assessed and decided under the profile in force when it was submitted: a later
-- change of the hourly rate (say in May) never changes a March case's amounts. The case takes
-- the municipality's newest version; its assessments and decision take the case's, unless the
-- writer names one.
CREATE FUNCTION "stamp_case_profile_version"() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF NEW."profile_version_id" IS NULL THEN
    SELECT "id" INTO NEW."profile_version_id" FROM "profile_versions"
    WHERE "municipality_id" = NEW."municipality_id" ORDER BY "version" DESC LIMIT 1;
  END IF;
  RETURN NEW;
END;
$$;

CREATE TRIGGER "cases_profile_version"
  BEFORE INSERT ON "cases"
  FOR EACH ROW EXECUTE FUNCTION "stamp_case_profile_version"();

CREATE FUNCTION "stamp_profile_version_from_case"() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF NEW."profile_version_id" IS NULL THEN
    SELECT "profile_version_id" INTO NEW."profile_version_id" FROM "cases" WHERE "id" = NEW."case_id";
  END IF;
  RETURN NEW;
END;
$$;

CREATE TRIGGER "assessments_profile_version"
  BEFORE INSERT ON "assessments"
  FOR EACH ROW EXECUTE FUNCTION "stamp_profile_version_from_case"();

CREATE TRIGGER "decisions_profile_version"
  BEFORE INSERT ON "decisions"
  FOR EACH ROW EXECUTE FUNCTION "stamp_profile_version_from_case"();

-- The municipalities that exist already: their current profile is version 1, and their cases
-- were assessed under it (the only one on record).
INSERT INTO "profile_versions" ("id", "municipality_id", "version", "profile")
SELECT gen_random_uuid(), "id", 1, "profile" FROM "municipalities";
UPDATE "cases" c SET "profile_version_id" = v."id" FROM "profile_versions" v WHERE v."municipality_id" = c."municipality_id";
UPDATE "assessments" a SET "profile_version_id" = c."profile_version_id" FROM "cases" c WHERE c."id" = a."case_id";
UPDATE "decisions" d SET "profile_version_id" = c."profile_version_id" FROM "cases" c WHERE c."id" = d."case_id";
